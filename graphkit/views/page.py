"""The explorer page of a view: vis-network's node and edge objects, placed, drawn with the template in ``viz/``.

The page is rendered with jinja from ``viz/explorer.html``, with vis-network inlined from pyvis's
bundled copy, so it needs no network. pyvis itself is not imported here: it brings IPython along
(a fifth of a one-thread view's time); the notebook's pyvis ``Network`` (``explorer.py``) wraps a
``Page``. Neither fills its lists through pyvis's ``add_node``/``add_edge``, whose duplicate checks
grow with the square of the edges (minutes at 20k nodes).

Comment text is hostile, so nothing from the graph is written as markup: the template
environment autoescapes (page title, summary and legend), and everything else travels as JSON in
a non-executable ``<script type="application/json">`` with ``<``, ``>``, ``&`` and U+2028/9
escaped, which the page's script turns into DOM text with ``textContent``.
"""

from __future__ import annotations

import importlib.util
import json
from dataclasses import dataclass
from pathlib import Path

from jinja2 import Environment, FileSystemLoader, StrictUndefined
from markupsafe import Markup

from .. import schema
from ..resources import resource_dir
from .layout import Box, positions
from .legend import legend
from .project import ANONYMOUS, View
from .style import (
    BOX_MARGIN,
    EDGE_COLOR,
    TYPE_COLORS,
    clip_label,
    edge_width,
    font_size,
    label_span,
    node_size,
    node_styles,
    text_width,
    tone_color,
)

__all__ = ["Page", "summary_line", "script_json", "VIZ_DIR", "TEMPLATE"]

VIZ_DIR = resource_dir("viz")
TEMPLATE = "explorer.html"
# pyvis's bundled vis-network, found without importing pyvis
VIS_DIR = Path(importlib.util.find_spec("pyvis").submodule_search_locations[0]).resolve() / "lib" / "vis-9.1.2"
BIG_EDGES = 5000  # above this edges hide while dragging or zooming
_CONTEXT = {schema.ARTICLE, ANONYMOUS}  # nodes that stand behind participants, drawn first (underneath)
_JSON_ESCAPES = (("<", "\\u003c"), (">", "\\u003e"), ("&", "\\u0026"), ("\u2028", "\\u2028"), ("\u2029", "\\u2029"))


def _escaped(text: str) -> str:
    """JSON text with the characters that could end or confuse a ``<script>`` written as escapes (one
    ``replace`` each: ``str.translate`` with a table took a tenth of a second over a 2,000-node page)."""
    for char, escape in _JSON_ESCAPES:
        text = text.replace(char, escape)
    return text


def script_json(value: object) -> str:
    """JSON that cannot end or confuse the ``<script>`` element it is embedded in."""
    text = json.dumps(value, ensure_ascii=False, separators=(",", ":"))
    return _escaped(text)


@dataclass(frozen=True)
class _Drawn:
    """What the page will draw for one node: radius, label text and font size, shape."""

    size: float
    label: str
    font: float
    shape: str

    def box(self) -> Box:
        """The node's extent around its position: its shape, and its label below it (or inside a box)."""
        width = text_width(self.label, self.font)
        if self.shape == "box":  # the label sits inside
            w, h = width / 2 + BOX_MARGIN, self.font / 2 + BOX_MARGIN
            return (-w, -h, w, h)
        w = max(self.size, width / 2)
        return (-w, -self.size, w, label_span(self.size, self.font)[1])


def _drawn(view: View, score: dict[str, int]) -> dict[str, _Drawn]:
    top = max(score.values(), default=1)
    styles = node_styles()
    out = {}
    for node, attrs in view.nodes.items():
        size = node_size(max(score[node], 1), top)
        out[node] = _Drawn(size, clip_label(attrs["name"]), font_size(size), styles[attrs["label"]].shape)
    return out


def _weights(view: View) -> tuple[dict[str, int], dict[str, int]]:
    """The weight each node sends and receives, in one pass over the edges."""
    sent = dict.fromkeys(view.nodes, 0)
    received = dict.fromkeys(view.nodes, 0)
    for u, v, _, attrs in view.edges:
        sent[u] += attrs["weight"]
        received[v] += attrs["weight"]
    return sent, received


def _nodes(
    view: View, drawn: dict[str, _Drawn], score: dict[str, int], sent: dict[str, int], received: dict[str, int]
) -> tuple[list[dict], dict[str, int]]:
    """vis-network node objects, placed; the article and anonymous nodes first so that they are
    drawn underneath, then most central first; only what the page draws or explains."""
    nodes = view.nodes
    boxes = {n: d.box() for n, d in drawn.items()}
    layout = positions(nodes, [(u, v) for u, v, _, _ in view.edges], boxes, strength=score)
    order = sorted(nodes, key=lambda n: (nodes[n]["label"] not in _CONTEXT, -score[n], n))
    index = {n: i for i, n in enumerate(order)}
    out = []
    for node in order:
        attrs, look = nodes[node], drawn[node]
        x, y = layout[node]
        item = {
            "id": index[node],
            "label": look.label,
            "group": attrs["label"],
            "size": look.size,
            "font": {"size": look.font},
            "x": x,
            "y": y,
            "key": node,
            "out": sent[node],
            "in": received[node],
        }
        if look.label != attrs["name"]:
            item["name"] = attrs["name"]
        for extra in ("aliases", "urls", "text"):
            if attrs.get(extra):
                item[extra] = attrs[extra]
        out.append(item)
    return out, index


def _edges(view: View, index: dict[str, int]) -> list[dict]:
    """vis-network edge objects (the type is the edge key; the page shows it in cards)."""
    weights = {attrs["weight"] for *_, attrs in view.edges}
    top = max(weights, default=1)
    width = {w: edge_width(w, top) for w in weights}  # few distinct weights among a whole corpus's edges
    out = []
    for u, v, key, attrs in view.edges:
        weight = attrs["weight"]
        item = {"from": index[u], "to": index[v], "weight": weight, "width": width[weight], "type": key}
        if view.kind == "all":
            item["color"] = TYPE_COLORS[key]
        if attrs.get("tone") is not None:
            item["tone"] = round(attrs["tone"], 2)
            if view.kind == "mentions":
                item["color"] = tone_color(item["tone"])
        if attrs.get("inferred"):
            item["inferred"] = attrs["inferred"]
            item["dashes"] = attrs["inferred"] == weight
        if attrs.get("evidence"):
            item["evidence"] = attrs["evidence"]
        out.append(item)
    return out


def _options(big: bool) -> dict:
    groups = {
        label: {"color": {"background": s.color, "border": s.color}, "shape": s.shape}
        for label, s in node_styles().items()
    }
    return {
        "groups": groups,
        "nodes": {"font": {"color": "#222", "face": "arial"}},
        "edges": {
            "smooth": False,
            "arrows": {"to": {"enabled": True, "scaleFactor": 0.5}},
            "color": {"color": EDGE_COLOR, "opacity": 0.6},
        },
        # The layout comes finished from Python; physics only runs when the reader switches it on.
        "physics": {"enabled": False, "solver": "forceAtlas2Based"},
        "interaction": {"hover": True, "tooltipDelay": 120, "hideEdgesOnDrag": big, "hideEdgesOnZoom": big},
        "layout": {"improvedLayout": False},
    }


def summary_line(view: View) -> str:
    """One line: size, what the view shows, and every note (cuts, grouped anonymous posts)."""
    text = f"{view.kind}: {len(view.nodes)} nodes, {len(view.edges)} edges — {view.what}"
    return "; ".join([text, *view.notes])


def _asset(path: Path) -> Markup:
    """A trusted file of ours or pyvis's, inlined as is."""
    return Markup(path.read_text(encoding="utf-8"))


class Page:
    """The explorer page of one trimmed view: ``html()`` is the self-contained page."""

    def __init__(self, view: View, title: str) -> None:
        self.heading = title
        self.summary = summary_line(view)
        sent, received = _weights(view)
        score = {n: sent[n] + received[n] for n in view.nodes}  # weighted degree, as ``select`` ranks nodes
        self.nodes, index = _nodes(view, _drawn(view, score), score, sent, received)
        self.edges = _edges(view, index)
        self.options = _options(len(view.edges) > BIG_EDGES)
        self._view = view

    def configure(self, env: Environment) -> Environment:
        """Make ``env`` (loading ``TEMPLATE`` from ``VIZ_DIR``) escape everything and know this view:
        the template's own variables are the heading, nodes, edges and options; the rest are globals."""
        env.autoescape = True
        env.keep_trailing_newline = True
        env.undefined = StrictUndefined
        env.filters["script_json"] = lambda value: Markup(script_json(value))
        env.filters["json_text"] = lambda text: Markup(_escaped(text))
        view = self._view
        env.globals.update(
            summary=self.summary,
            kind=view.kind,
            counts=[view.out_count, view.in_count],
            legend=legend(view, self.nodes, self.edges),
            vis_css=_asset(VIS_DIR / "vis-network.css"),
            vis_js=_asset(VIS_DIR / "vis-network.min.js"),
            css=_asset(VIZ_DIR / "explorer.css"),
            js=_asset(VIZ_DIR / "explorer.js"),
        )
        return env

    def html(self) -> str:
        """The page (what the notebook's ``Network.generate_html`` renders too)."""
        template = self.configure(Environment(loader=FileSystemLoader(f"{VIZ_DIR}/"))).get_template(TEMPLATE)
        options = json.dumps(self.options)
        return template.render(heading=self.heading, nodes=self.nodes, edges=self.edges, options=options)
