"""The explorer page: a pyvis ``Network`` per view, drawn with the template in ``viz/``.

pyvis renders the page (``Network.generate_html``), but its ``add_node``/``add_edge`` checks
for duplicates grow with the square of the edges (minutes at 20k nodes), so the node and
edge lists are filled directly; and its own template loads Bootstrap from a CDN and lists
node ids in its select menu, so the network gets ``viz/explorer.html`` instead, with
vis-network inlined from pyvis's bundled copy: the page needs no network.

Comment text is hostile, so nothing from the graph is written as markup: the template
environment autoescapes (page title and summary), and everything else travels as JSON in
a non-executable ``<script type="application/json">`` with ``<``, ``>``, ``&`` and U+2028/9
escaped, which the page's script turns into DOM text with ``textContent``.
"""

from __future__ import annotations

import html
import json
from pathlib import Path
from statistics import fmean

import pyvis
from jinja2 import StrictUndefined
from markupsafe import Markup
from pyvis.network import Network

from .. import schema
from ..resources import resource_dir
from .layout import positions
from .project import ANONYMOUS, View
from .select import strength

__all__ = ["ExplorerNetwork", "summary_line", "script_json", "tone_color", "PHYSICS_NODES", "VIZ_DIR"]

VIZ_DIR = resource_dir("viz")
VIS_DIR = Path(pyvis.__file__).resolve().parent / "lib" / "vis-9.1.2"
PHYSICS_NODES = 500  # above this the browser only draws the Python layout (physics can be switched on)
BIG_EDGES = 5000  # above this edges hide while dragging or zooming
LABEL_CHARS = 40  # longer names are cut on the canvas; cards show them whole

_ANONYMOUS_STYLE = ("#9d7660", "dot")
_TYPE_COLORS = {
    schema.WROTE: "#f28e2b",
    schema.REPLY_TO: "#8c8c8c",
    schema.MENTIONS: "#e15759",
    schema.QUOTES: "#b07aa1",
    schema.CITES: "#76b7b2",
    schema.FORWARDS: "#edc948",
}
_NEUTRAL, _NEGATIVE, _POSITIVE = (158, 158, 158), (214, 39, 40), (44, 160, 44)
_JSON_TRANSLATION = str.maketrans(
    {"<": "\\u003c", ">": "\\u003e", "&": "\\u0026", "\u2028": "\\u2028", "\u2029": "\\u2029"}
)


def script_json(value: object) -> str:
    """JSON that cannot end or confuse the ``<script>`` element it is embedded in."""
    text = json.dumps(value, ensure_ascii=False, separators=(",", ":"))
    return text.translate(_JSON_TRANSLATION)


def _styles() -> dict[str, tuple[str, str]]:
    return {n.label: (n.color, n.shape) for n in schema.NODES} | {ANONYMOUS: _ANONYMOUS_STYLE}


def tone_color(tone: float) -> str:
    """Grey for neutral, shading to red (negative) or green (positive) with the mean tone."""
    end = _NEGATIVE if tone < 0 else _POSITIVE
    t = min(abs(tone), 1.0)
    rgb = (round(a + (b - a) * t) for a, b in zip(_NEUTRAL, end, strict=True))
    return "#{:02x}{:02x}{:02x}".format(*rgb)


def _clip_label(name: str) -> str:
    return name if len(name) <= LABEL_CHARS else name[: LABEL_CHARS - 1] + "…"


def _nodes(view: View, layout: dict, score: dict) -> tuple[list[dict], dict[str, int]]:
    """vis-network node objects, most central first; only what the page draws or explains."""
    graph = view.graph
    order = sorted(graph, key=lambda n: (-score[n], n))
    index = {n: i for i, n in enumerate(order)}
    out = []
    for node in order:
        attrs = graph.nodes[node]
        x, y = layout[node]
        item = {
            "id": index[node],
            "label": _clip_label(attrs["name"]),
            "group": attrs["label"],
            "value": max(score[node], 1),
            "x": x,
            "y": y,
            "key": node,
            "out": graph.out_degree(node, weight="weight"),
            "in": graph.in_degree(node, weight="weight"),
        }
        if item["label"] != attrs["name"]:
            item["name"] = attrs["name"]
        for extra in ("aliases", "urls", "text"):
            if attrs.get(extra):
                item[extra] = attrs[extra]
        out.append(item)
    return out, index


def _edges(view: View, index: dict[str, int]) -> list[dict]:
    """vis-network edge objects (the type is the edge key; the page shows it in cards)."""
    out = []
    for u, v, key, attrs in view.graph.edges(keys=True, data=True):
        item = {"from": index[u], "to": index[v], "value": attrs["weight"], "type": key}
        if view.kind == "all":
            item["color"] = _TYPE_COLORS[key]
        if attrs.get("tones"):
            item["tone"] = round(fmean(attrs["tones"]), 2)
            if view.kind == "mentions":
                item["color"] = tone_color(item["tone"])
        if attrs.get("inferred"):
            item["inferred"] = attrs["inferred"]
            item["dashes"] = attrs["inferred"] == attrs["weight"]
        if attrs.get("evidence"):
            item["evidence"] = attrs["evidence"]
        out.append(item)
    return out


def _legend(view: View) -> dict[str, list[dict]]:
    styles = _styles()
    present = {label for _, label in view.graph.nodes(data="label")}
    nodes = [{"name": lab, "color": c, "shape": s} for lab, (c, s) in styles.items() if lab in present]
    edges = []
    if view.kind == "mentions":
        edges = [
            {"name": name, "color": tone_color(t)}
            for name, t in (("negative", -1.0), ("neutral", 0.0), ("positive", 1.0))
        ]
    elif view.kind == "all":
        types = {k for _, _, k in view.graph.edges(keys=True)}
        edges = [{"name": t, "color": c} for t, c in _TYPE_COLORS.items() if t in types]
    return {"nodes": nodes, "edges": edges}


def _options(physics: bool, big: bool) -> dict:
    groups = {
        label: {"color": {"background": color, "border": color}, "shape": shape}
        for label, (color, shape) in _styles().items()
    }
    return {
        "groups": groups,
        "nodes": {
            "scaling": {"min": 8, "max": 40, "label": {"enabled": True, "min": 12, "max": 22, "drawThreshold": 7}},
            "font": {"color": "#222"},
        },
        "edges": {
            "smooth": False,
            "arrows": {"to": {"enabled": True, "scaleFactor": 0.5}},
            "scaling": {"min": 1, "max": 8},
            "color": {"color": "#9e9e9e", "opacity": 0.6},
        },
        "physics": {
            "enabled": physics,
            "solver": "forceAtlas2Based",
            "stabilization": {"iterations": 200, "updateInterval": 25},
        },
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
        physics = view.graph.number_of_nodes() <= PHYSICS_NODES
        self.nodes, index = _nodes(view, positions(view.graph), score)
        self.edges = _edges(view, index)
        self.node_ids = [node["id"] for node in self.nodes]
        self.node_map = {node["id"]: node for node in self.nodes}
        self.options = _options(physics, view.graph.number_of_edges() > BIG_EDGES)
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
            legend=_legend(view),
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
