"""The legend of one view: what each visual channel means, read off the style table the page draws with.

Entries are built from the node and edge objects the page hands vis-network, so the legend
lists exactly the shapes, colours, dashes, widths and sizes that are on the canvas, and
explains them with the same rules (``style``) that produced them. The template writes every
entry as escaped text.
"""

from __future__ import annotations

from .project import View
from .style import EDGE_COLOR, SIZE, TONES, TYPE_COLORS, WIDTH, node_styles, tone_color

__all__ = ["legend", "GLYPHS"]

GLYPHS = {"dot": "●", "star": "★", "diamond": "◆", "triangle": "▲", "square": "■", "box": "▬"}

# Per view kind: what one unit of edge weight is, and which way the arrow points.
_WORDS = {
    "replies": ("replies", "from the one who replies to the one answered"),
    "mentions": ("mentions", "from who mentions to who or what is mentioned"),
    "citations": ("links", "from who posts a link to the linked domain"),
    "quotes": ("quotes", "from who quotes to who or what is quoted"),
    "thread": ("replies", "from a reply to the post it answers"),
    "all": ("relationships", "from a relationship's start to its end"),
}


def legend(view: View, nodes: list[dict], edges: list[dict]) -> dict[str, list[dict]]:
    """Legend entries (``channel``, ``text`` and what to draw as the sample) for the channels the
    page uses, under ``nodes`` and ``edges``."""
    unit, direction = _WORDS.get(view.kind, ("pieces of evidence", "from source to target"))
    present = {node["group"] for node in nodes}
    node_keys = [
        {"channel": "shape", "glyph": GLYPHS[s.shape], "color": s.color, "name": label, "text": s.meaning}
        for label, s in node_styles().items()
        if label in present
    ]
    if nodes:
        sizes = [node["size"] for node in nodes]
        strengths = [node["out"] + node["in"] for node in nodes]
        node_keys.append(
            {
                "channel": "size",
                "samples": [min(sizes), max(sizes)],
                "text": f"size: {view.out_count} + {view.in_count}, {_span(strengths)} "
                f"(area grows with the count; radius {SIZE[0]:g} to {SIZE[1]:g})",
            }
        )
    if not edges:
        return {"nodes": node_keys, "edges": []}
    edge_keys = []
    if view.kind == "mentions":
        edge_keys += [
            {"channel": "colour", "color": tone_color(tone), "text": f"{name} tone (mean over the sentences)"}
            for name, tone in TONES
        ]
    elif view.kind == "all":
        types = {edge["type"] for edge in edges}
        edge_keys += [{"channel": "colour", "color": c, "text": t} for t, c in TYPE_COLORS.items() if t in types]
    widths = [edge["width"] for edge in edges]
    edge_keys += [
        {"channel": "arrow", "color": EDGE_COLOR, "text": f"arrow: {direction}"},
        {
            "channel": "width",
            "samples": [min(widths), max(widths)],
            "text": f"width: {unit} on the edge, {_span([edge['weight'] for edge in edges])} "
            f"(width {WIDTH[0]:g} to {WIDTH[1]:g})",
        },
    ]
    if any(edge.get("dashes") for edge in edges):
        edge_keys.append(
            {
                "channel": "dash",
                "color": EDGE_COLOR,
                "text": f"dashed: all its {unit} inferred (guessed from the text, not given by the input)",
            }
        )
    return {"nodes": node_keys, "edges": edge_keys}


def _span(values: list[float]) -> str:
    low, high = min(values), max(values)
    return f"{low:g}" if low == high else f"{low:g} to {high:g}"
