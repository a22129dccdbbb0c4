"""Node positions computed in Python, so big pages draw at once instead of simulating.

igraph's grid Fruchterman-Reingold lays out 20k nodes in about a second, where networkx's
spring layout needs minutes. Its random start comes from a fixed seed, so a re-run of
the same view gives the same picture.
"""

from __future__ import annotations

import math
import random

import igraph
import networkx as nx

__all__ = ["positions", "SPACING"]

SPACING = 60.0  # mean distance between neighbouring nodes on the page, in vis-network units


def positions(graph: nx.MultiDiGraph, seed: int = 0) -> dict[str, tuple[float, float]]:
    """x, y for every node, scaled so the drawing's area grows with the node count."""
    nodes = list(graph)
    if not nodes:
        return {}
    index = {n: i for i, n in enumerate(nodes)}
    pairs = {(index[u], index[v]) for u, v in graph.edges() if u != v}
    # igraph draws its start positions from a process-wide generator (Python's ``random``
    # by default): seed a private one for this call so layouts repeat, then restore it.
    # Its own start scale matters: a tighter or wider start made the grid variant 5-20x slower.
    igraph.set_random_number_generator(random.Random(seed))
    try:
        layout = igraph.Graph(n=len(nodes), edges=sorted(pairs)).layout_fruchterman_reingold(niter=300, grid="auto")
    finally:
        igraph.set_random_number_generator(random)
    coords = layout.coords
    xs, ys = [c[0] for c in coords], [c[1] for c in coords]
    span = max(max(xs) - min(xs), max(ys) - min(ys)) or 1.0
    scale = SPACING * math.sqrt(len(nodes)) / span
    cx, cy = (max(xs) + min(xs)) / 2, (max(ys) + min(ys)) / 2
    return {
        n: (round((x - cx) * scale, 1), round((y - cy) * scale, 1)) for n, (x, y) in zip(nodes, coords, strict=True)
    }
