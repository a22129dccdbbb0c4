"""Readable pictures, measured on what headless Chromium drew: no node over another, few labels
over anything, the article and the anonymous node hiding no participant, and a legend naming
every visual channel on the canvas."""

from __future__ import annotations

import json
import re
from html.parser import HTMLParser
from pathlib import Path

import networkx as nx
import pytest

from graphkit.extract import Extractor
from graphkit.pipeline import extract_graph
from graphkit.sources.text import parse
from graphkit.views import render

from headless import Drawing, drawing
from synthetic import reply_graph

EXAMPLE = Path(__file__).resolve().parents[1] / "data" / "palmyra-lavrov-thread.txt"
LABEL_SHARE = 0.05  # labels allowed to touch another label or node


@pytest.fixture(scope="module")
def extracted() -> nx.MultiDiGraph:
    """The example thread as graphkit extracts it (the model's entities, inferred replies)."""
    posts = parse(EXAMPLE.read_text(encoding="utf-8"), str(EXAMPLE))
    return extract_graph(posts, Extractor(workers=1))


def _check_readable(drawn: Drawing, size: int) -> None:
    assert len(drawn.nodes) == size
    assert len(drawn.texts) >= size  # every label was drawn and measured
    assert drawn.overlapping_nodes() == []
    crowded = drawn.overlapping_labels()
    assert len(crowded) < LABEL_SHARE * size, crowded


class _Legend(HTMLParser):
    """The legend's entries: (channel, attributes) of each ``li`` in ``#gk-legend``."""

    def __init__(self) -> None:
        super().__init__()
        self.keys: list[dict[str, str]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        found = dict(attrs)
        if tag == "li" and found.get("class") == "gk-key":
            self.keys.append({k: v or "" for k, v in found.items()})


def _data(dom: str) -> dict:
    block = re.search(r'<script id="gk-data" type="application/json">(.*?)</script>', dom, re.S)
    return json.loads(block.group(1))


def _check_legend(dom: str) -> None:
    """Every shape and colour, size, edge colour, width, dash and arrow drawn has its legend entry,
    with the same colour as the drawing."""
    data = _data(dom)
    parser = _Legend()
    parser.feed(dom.split('<div id="gk-legend"')[1].split("</header>")[0])
    keys = parser.keys
    channels = {key["data-channel"] for key in keys}
    groups = data["options"]["groups"]
    shapes = {key["data-name"]: key["data-color"] for key in keys if key["data-channel"] == "shape"}
    for group in {node["group"] for node in data["nodes"]}:
        assert shapes.get(group) == groups[group]["color"]["background"], group
    if len({node["size"] for node in data["nodes"]}) > 1:
        assert "size" in channels
    edges = data["edges"]
    if edges:
        assert {"arrow", "width"} <= channels
    if any(edge.get("dashes") for edge in edges):
        assert "dash" in channels
    colours = {edge["color"] for edge in edges if "color" in edge}
    if data["kind"] == "all":
        assert colours <= {key["data-color"] for key in keys if key["data-channel"] == "colour"}
    elif colours:
        assert "colour" in channels


@pytest.mark.parametrize(("kind", "top"), [("replies", None), ("mentions", None), ("mentions", 20), ("all", None)])
def test_example_views_draw_apart_with_a_legend(browser, extracted, kind, top, tmp_path):
    page = tmp_path / f"{kind}.html"
    summary = render(extracted, kind, page, top=top)
    size = int(summary.split(": ")[1].split(" nodes")[0])
    drawn = drawing(page)
    _check_readable(drawn, size)
    _check_legend(drawn.dom)
    # The browser draws the layout computed in Python, as it is: the picture repeats exactly.
    placed = sorted((node["id"], node["x"], node["y"]) for node in _data(drawn.dom)["nodes"])
    assert sorted((node["id"], node["x"], node["y"]) for node in drawn.nodes) == placed


def test_article_and_anonymous_node_hide_no_participant(browser, extracted, tmp_path):
    """The --top 20 mentions view, where the article, the anonymous node and the top author met."""
    page = tmp_path / "mentions.html"
    render(extracted, "mentions", page, top=20)
    drawn = drawing(page)
    groups = {node["group"] for node in drawn.nodes}
    assert {"Article", "Anonymous", "Author"} <= groups
    context = {node["label"] for node in drawn.nodes if node["group"] in ("Article", "Anonymous")}
    for pair in drawn.overlapping_nodes():
        assert not context & set(pair)
    assert not context & set(drawn.overlapping_labels())


@pytest.mark.parametrize("kind", ["replies", "thread"])
def test_a_2000_node_view_draws_apart(browser, kind, tmp_path):
    page = tmp_path / f"{kind}.html"
    summary = render(reply_graph(2000), kind, page, max_nodes=2000)
    assert summary.startswith(f"{kind}: 2000 nodes")
    drawn = drawing(page, budget_ms=60000, timeout=300)
    _check_readable(drawn, 2000)
    _check_legend(drawn.dom)
