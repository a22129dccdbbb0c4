"""The layout's promise without a browser: whatever the graph and the box sizes, no two boxes overlap."""

from __future__ import annotations

import random

import networkx as nx
import numpy as np
import pytest

from graphkit.views import layout
from graphkit.views.layout import positions


def _overlaps(graph: nx.MultiDiGraph, boxes: dict, placed: dict) -> list[tuple[str, str]]:
    nodes = sorted(graph)
    rect = np.array([[placed[n][0] + boxes[n][0], placed[n][1] + boxes[n][1],
                      placed[n][0] + boxes[n][2], placed[n][1] + boxes[n][3]] for n in nodes])  # fmt: skip
    x = np.minimum(rect[:, None, 2], rect[None, :, 2]) - np.maximum(rect[:, None, 0], rect[None, :, 0])
    y = np.minimum(rect[:, None, 3], rect[None, :, 3]) - np.maximum(rect[:, None, 1], rect[None, :, 1])
    hit = np.triu((x > 0) & (y > 0), 1)
    return [(nodes[i], nodes[j]) for i, j in zip(*np.nonzero(hit), strict=True)]


def _graph(shape: str, n: int) -> nx.MultiDiGraph:
    if shape == "star":  # one hub and leaves the force layout puts in a ring close around it
        edges = [(0, i) for i in range(1, n)]
    elif shape == "scattered":  # no edges at all
        edges = []
    else:
        edges = list(nx.barabasi_albert_graph(n, 2, seed=1).edges())
    graph = nx.MultiDiGraph()
    graph.add_nodes_from(f"n{i:04d}" for i in range(n))
    graph.add_edges_from((f"n{u:04d}", f"n{v:04d}") for u, v in edges)
    return graph


@pytest.mark.parametrize(("shape", "n"), [("star", 300), ("scattered", 200), ("preferential", 600), ("star", 1)])
def test_no_two_boxes_overlap_and_the_layout_repeats(shape, n):
    graph = _graph(shape, n)
    rng = random.Random(n)
    boxes = {}
    for node in graph:
        size = rng.choice([8, 8, 8, 15, 40])
        width = rng.uniform(10, 400) / 2  # labels from a few letters to a long title
        boxes[node] = (-max(size, width), -size, max(size, width), size + rng.uniform(10, 30))
    placed = positions(graph, list(graph.edges()), boxes)
    assert set(placed) == set(graph)
    assert _overlaps(graph, boxes, placed) == []
    assert positions(graph, list(graph.edges()), boxes) == placed


def test_an_empty_graph_has_no_positions():
    assert positions([], [], {}) == {}


def _crowd(shape: str, n: int, rng: random.Random) -> nx.MultiDiGraph:
    graph = nx.MultiDiGraph()
    graph.add_nodes_from(f"n{i:04d}" for i in range(n))
    if shape == "thread":  # half the replies answer the article, half an earlier reply
        edges = [(i, rng.randrange(i) if rng.random() < 0.5 else 0) for i in range(1, n)]
    else:  # every node answers one hub, but for 20 pairs answering each other only
        edges = [(i, 0) for i in range(1, n - 40)] + [(i, i + 1) for i in range(n - 40, n, 2)]
    graph.add_edges_from((f"n{u:04d}", f"n{v:04d}") for u, v in edges)
    return graph


@pytest.mark.parametrize(("shape", "most"), [("thread", 6), ("hub and pairs", 2)])
def test_two_thousand_boxes_round_a_hub_are_placed_without_checking_each_against_most(shape, most, monkeypatch):
    """The force layout crowds a hub's neighbours round it, and many boxes go down rings far out, where a
    ring's bounding square holds most of the drawing: checking every box in that square compared 19 × n²
    pairs of boxes for the thread, and 237 × n² for the hub, whose crowd was squeezed into a spot far too
    small by the few pairs the force layout throws far out. Checking the boxes near each ring, over the
    area where most nodes are: under 5 × n² and under 1 × n²."""
    n, rng = 2000, random.Random(1)
    graph = _crowd(shape, n, rng)
    boxes = {}
    for node in graph:
        size, width = rng.choice([8, 8, 8, 15, 40]), rng.uniform(10, 200) / 2
        boxes[node] = (-max(size, width), -size, max(size, width), size + 20)
    compared = 0
    free = layout._free

    def counting(spots, half, others, other_half):
        nonlocal compared
        compared += len(spots) * len(others)
        return free(spots, half, others, other_half)

    monkeypatch.setattr(layout, "_free", counting)
    placed = positions(graph, list(graph.edges()), boxes)
    assert _overlaps(graph, boxes, placed) == []
    assert compared < most * n * n
