"""How the explorer draws things: one table that the page, the layout and the legend all read.

Every visual channel is decided here and nowhere else: a node's shape and colour (its kind),
its size (its weighted degree), its label's font and box, an edge's colour (tone in
``mentions``, type in ``all``), width (how many pieces of evidence it aggregates) and dash
(every piece inferred). The page hands vis-network sizes and widths already computed, so the
layout knows what the browser will draw, and the legend describes exactly these rules.
"""

from __future__ import annotations

import math
import unicodedata
from dataclasses import dataclass

from .. import schema
from .project import ANONYMOUS

__all__ = [
    "NodeStyle",
    "node_styles",
    "TYPE_COLORS",
    "EDGE_COLOR",
    "TONES",
    "tone_color",
    "SIZE",
    "FONT",
    "WIDTH",
    "LABEL_CHARS",
    "scaled",
    "node_size",
    "font_size",
    "edge_width",
    "clip_label",
    "text_width",
    "label_span",
    "BOX_MARGIN",
]


@dataclass(frozen=True)
class NodeStyle:
    """Colour and vis-network shape of one node kind, and what the legend says it stands for."""

    color: str
    shape: str
    meaning: str


_MEANINGS = {
    schema.ARTICLE: "the article (standing for its author when none is known)",
    schema.COMMENT: "comment",
    schema.AUTHOR: "participant",
    schema.PERSON: "person named in the text",
    schema.PLACE: "place",
    schema.ORGANIZATION: "organisation",
    schema.SOURCE: "linked source (by domain)",
    ANONYMOUS: "unsigned comments, one node per thread",
}
_ANONYMOUS = NodeStyle("#9d7660", "dot", _MEANINGS[ANONYMOUS])


def node_styles() -> dict[str, NodeStyle]:
    """Style of every node label the views use (the schema's kinds and the grouped anonymous node)."""
    return {n.label: NodeStyle(n.color, n.shape, _MEANINGS[n.label]) for n in schema.NODES} | {ANONYMOUS: _ANONYMOUS}


TYPE_COLORS = {
    schema.WROTE: "#f28e2b",
    schema.REPLY_TO: "#8c8c8c",
    schema.MENTIONS: "#e15759",
    schema.QUOTES: "#b07aa1",
    schema.CITES: "#76b7b2",
    schema.FORWARDS: "#edc948",
}
EDGE_COLOR = "#9e9e9e"  # every edge of the views that colour nothing
TONES = (("negative", -1.0), ("neutral", 0.0), ("positive", 1.0))
_NEUTRAL, _NEGATIVE, _POSITIVE = (158, 158, 158), (214, 39, 40), (44, 160, 44)

SIZE = (8.0, 40.0)  # node radius in vis-network units, weakest to strongest node
FONT = (12.0, 20.0)  # label font size, following the node size
WIDTH = (1.0, 8.0)  # edge width, lightest to heaviest edge
LABEL_CHARS = 32  # longer names are cut on the canvas; cards show them whole
BOX_MARGIN = 5.0  # vis-network's room around a label inside a box-shaped node


def tone_color(tone: float) -> str:
    """Grey for neutral, shading to red (negative) or green (positive) with the mean tone."""
    end = _NEGATIVE if tone < 0 else _POSITIVE
    t = min(abs(tone), 1.0)
    rgb = (round(a + (b - a) * t) for a, b in zip(_NEUTRAL, end, strict=True))
    return "#{:02x}{:02x}{:02x}".format(*rgb)


def scaled(value: float, top: float, lo: float, hi: float) -> float:
    """``lo`` at 1, ``hi`` at ``top``, by square root between: area, not length, follows the value,
    so one very busy node does not shrink every other to the minimum."""
    if top <= 1:
        return lo
    t = math.sqrt(max(value - 1, 0) / (top - 1))
    return round(lo + (hi - lo) * min(t, 1.0), 1)


def node_size(strength: float, top: float) -> float:
    """Radius of a node of this weighted degree when the view's strongest has ``top``."""
    return scaled(strength, top, *SIZE)


def font_size(size: float) -> float:
    """Label font size of a node of this radius: bigger nodes get bigger labels."""
    t = (size - SIZE[0]) / (SIZE[1] - SIZE[0])
    return round(FONT[0] + (FONT[1] - FONT[0]) * t, 1)


def edge_width(weight: float, top: float) -> float:
    """Width of an edge aggregating ``weight`` pieces of evidence when the heaviest has ``top``."""
    return scaled(weight, top, *WIDTH)


def clip_label(name: str) -> str:
    """The name as the canvas shows it."""
    name = " ".join(name.split())
    return name if len(name) <= LABEL_CHARS else name[: LABEL_CHARS - 1] + "…"


# Advance widths of Arial (and the metric-compatible Helvetica and Liberation Sans, which browsers
# use for vis-network's default "arial"), in thousandths of the font size, for printable ASCII.
_ARIAL_WIDTHS = (
    "278 278 355 556 556 889 667 191 333 333 389 584 278 333 278 278 "
    "556 556 556 556 556 556 556 556 556 556 278 278 584 584 584 556 "
    "1015 667 667 722 722 667 611 778 722 278 500 667 556 833 722 778 "
    "667 778 722 667 611 722 667 944 667 667 611 278 278 278 469 556 "
    "333 556 556 500 556 556 278 556 556 222 222 500 222 833 556 556 "
    "556 556 333 500 278 556 500 722 500 500 500 334 260 334 584 "
)
_ARIAL = dict(
    zip(
        " !\"#$%&'()*+,-./0123456789:;<=>?@ABCDEFGHIJKLMNOPQRSTUVWXYZ[\\]^_`abcdefghijklmnopqrstuvwxyz{|}~",
        map(int, _ARIAL_WIDTHS.split()),
        strict=True,
    )
)
_OTHER, _WIDE = 700, 1100  # any other letter (Cyrillic, Greek, accented: at most this wide), CJK and emoji
_SLACK = 1.12  # where no Arial-compatible font is installed, browsers fall back to wider ones (DejaVu Sans: ~10%)


def text_width(text: str, font: float) -> float:
    """An upper estimate of the drawn width of ``text`` at this font size, in vis-network units."""
    total = 0
    for ch in text:
        width = _ARIAL.get(ch)
        if width is None:
            width = _WIDE if unicodedata.east_asian_width(ch) in "WF" or ord(ch) > 0xFFFF else _OTHER
        total += width
    return total * font * _SLACK / 1000


def label_span(size: float, font: float) -> tuple[float, float]:
    """Top and bottom of the text of a label drawn below a shape of radius ``size``, from the
    node's centre. vis-network writes it on a hanging baseline half a line plus 4 units below
    the shape; glyphs reach a little above that line and about one font size below it."""
    line = size + font / 2 + 4
    return line - 2, line + 1.1 * font + 2
