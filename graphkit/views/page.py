"""The explorer page: a pyvis ``Network`` per view, drawn with the template in ``viz/``.

pyvis renders the page (``Network.generate_html``), but its ``add_node``/``add_edge`` checks
for duplicates grow with the square of the edges (minutes at 20k nodes), so the node and
edge lists are filled directly; and its own template loads Bootstrap from a CDN and lists
node ids in its select menu, so the network gets ``viz/explorer.html`` instead, with
vis-network inlined from pyvis's bundled copy: the page needs no network.

Comment text is hostile, so nothing from the graph is written as markup: the template
environment autoescapes (page title, summary and legend), and everything else travels as JSON in
a non-executable ``<script type="application/json">`` with ``<``, ``>``, ``&`` and U+2028/9
escaped, which the page's script turns into DOM text with ``textContent``.
"""

from __future__ import annotations

import html
import json
from dataclasses import dataclass
from pathlib import Path

import pyvis
from jinja2 import StrictUndefined
from markupsafe import Markup
from pyvis.network import Network

from .. import schema
from ..resources import resource_dir
from .layout import Box, positions
from .legend import legend
from .project import ANONYMOUS, View
from .select import strength
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

__all__ = ["ExplorerNetwork", "summary_line", "script_json", "VIZ_DIR"]

VIZ_DIR = resource_dir("viz")
VIS_DIR = Path(pyvis.__file__).resolve().parent / "lib" / "vis-9.1.2"
BIG_EDGES = 5000  # above this edges hide while dragging or zooming
_CONTEXT = {schema.ARTICLE, ANONYMOUS}  # nodes that stand behind participants, drawn first (underneath)
_JSON_TRANSLATION = str.maketrans(
    {"<": "\\u003c", ">": "\\u003e", "&": "\\u0026", "\u2028": "\\u2028", "\u2029": "\\u2029"}
)


def script_json(value: object) -> str:
    """JSON that cannot end or confuse the ``<script>`` element it is embedded in."""
    text = json.dumps(value, ensure_ascii=False, separators=(",", ":"))
    return text.translate(_JSON_TRANSLATION)


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
    for node, attrs in view.graph.nodes(data=True):
        size = node_size(max(score[node], 1), top)
        out[node] = _Drawn(size, clip_label(attrs["name"]), font_size(size), styles[attrs["label"]].shape)
    return out


def _nodes(view: View, drawn: dict[str, _Drawn], score: dict[str, int]) -> tuple[list[dict], dict[str, int]]:
    """vis-network node objects, placed; the article and anonymous nodes first so that they are
    drawn underneath, then most central first; only what the page draws or explains."""
    graph = view.graph
    layout = positions(graph, {n: d.box() for n, d in drawn.items()})
    order = sorted(graph, key=lambda n: (graph.nodes[n]["label"] not in _CONTEXT, -score[n], n))
    index = {n: i for i, n in enumerate(order)}
    out = []
    for node in order:
        attrs, look = graph.nodes[node], drawn[node]
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
            "out": graph.out_degree(node, weight="weight"),
            "in": graph.in_degree(node, weight="weight"),
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
    top = max((w for _, _, w in view.graph.edges(data="weight")), default=1)
    out = []
    for u, v, key, attrs in view.graph.edges(keys=True, data=True):
        weight = attrs["weight"]
        item = {"from": index[u], "to": index[v], "weight": weight, "width": edge_width(weight, top), "type": key}
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
    text = f"{view.kind}: {view.graph.number_of_nodes()} nodes, {view.graph.number_of_edges()} edges — {view.what}"
    return "; ".join([text, *view.notes])


def _asset(path: Path) -> Markup:
    """A trusted file of ours or pyvis's, inlined as is."""
    return Markup(path.read_text(encoding="utf-8"))


class ExplorerNetwork(Network):
    """The pyvis ``Network`` of one trimmed view, drawn by ``viz/explorer.html``.

    ``generate_html()`` gives the self-contained page. With ``notebook=True`` it is pyvis's
    notebook mode: ``show("name.html")`` writes the page and returns pyvis's IPython
    ``IFrame`` pointing at that file. Displayed as a cell's value, the network instead shows
    the page inline in a sandboxed ``srcdoc`` iframe (see ``_repr_html_``).
    """

    def __init__(self, view: View, title: str, notebook: bool = False, height: int = 650) -> None:
        super().__init__(
            height=f"{int(height)}px",
            width="100%",
            directed=True,
            notebook=notebook,
            heading=title,
            cdn_resources="in_line",  # so write_html/show write the page alone ("local" copies lib/ beside it)
        )
        self.summary = summary_line(view)
        score = strength(view.graph)
        self.nodes, index = _nodes(view, _drawn(view, score), score)
        self.edges = _edges(view, index)
        self.node_ids = [node["id"] for node in self.nodes]
        self.node_map = {node["id"]: node for node in self.nodes}
        self.options = _options(view.graph.number_of_edges() > BIG_EDGES)
        self.set_template_dir(f"{VIZ_DIR}/", "explorer.html")
        env = self.templateEnv
        env.autoescape = True
        env.keep_trailing_newline = True
        env.undefined = StrictUndefined
        env.filters["script_json"] = lambda value: Markup(script_json(value))
        env.filters["json_text"] = lambda text: Markup(text.translate(_JSON_TRANSLATION))
        # generate_html passes pyvis's own variables only; the view's go in as globals of this
        # network's environment (set_template_dir made it for this network alone).
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
        self.prep_notebook()  # generate_html(notebook=True) renders self.template: ours, not pyvis's

    def _repr_html_(self) -> str:
        """The whole page in a ``srcdoc`` iframe, sandboxed without same-origin access, so it
        shows wherever a notebook renders HTML (pyvis's file ``IFrame`` stays blank in VS Code
        and Colab) and could never reach the notebook server even if a script slipped in."""
        return (
            f'<iframe srcdoc="{html.escape(self.generate_html(notebook=True))}" sandbox="allow-scripts allow-popups" '
            f'style="width:100%;height:{self.height};border:0" title="graphkit view"></iframe>'
        )

    def __repr__(self) -> str:
        return f"<graphkit view: {self.summary}>"
