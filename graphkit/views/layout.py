"""Node positions computed in Python, so the browser draws a finished, repeatable picture in
which no node covers another and no label covers a node or another label.

Two steps. igraph's grid Fruchterman-Reingold places connected nodes near each other (20k
nodes in about a second, where networkx's spring layout needs minutes; its random start
comes from a fixed seed), scaled so that the nodes' boxes (shape and label, as the page will
draw them) would fill ``DENSITY`` of the area where most nodes are, the few beyond it pulled
to its edge. Then the boxes are put down one at a time, the most connected first, each at the
free spot nearest to where the force layout wanted it: hubs keep their places, and the crowd
around them moves out just enough to be read.
"""

from __future__ import annotations

import functools
import itertools
import math
import random
from collections import Counter
from collections.abc import Collection, Iterable

import igraph
import numpy as np

__all__ = ["Box", "positions", "DENSITY", "PAD"]

Box = tuple[float, float, float, float]  # left, top, right, bottom, relative to the node's position
DENSITY = 0.18  # share of the force layout's area the boxes would fill where it put them
PAD = 2.0  # free space kept around every box, in vis-network units
CORE = 96.0  # percent of the nodes along each axis whose extent the boxes are spread over
_GRID_SPOTS = 64  # spots checked against the boxes a grid finds near them; beyond, the rings' neighbours
_STEP_SPOTS = 227  # the spot itself and the rings one to eight steps out (see ``_spots``)


def positions(
    nodes: Collection[str],
    edges: Collection[tuple[str, str]],
    boxes: dict[str, Box],
    seed: int = 0,
    strength: dict[str, float] | None = None,
) -> dict[str, tuple[float, float]]:
    """x, y (whole units, as vis-network reports them) of every node such that no two nodes'
    ``boxes`` overlap; the nodes of most ``strength`` (degree unless given) are placed first."""
    nodes = sorted(nodes)  # the caller's order may follow set iteration, which changes from run to run
    if not nodes:
        return {}
    extent = np.array([boxes[n] for n in nodes], dtype=float)
    offset = (extent[:, :2] + extent[:, 2:]) / 2  # box centre relative to the node
    half = (extent[:, 2:] - extent[:, :2]) / 2 + PAD
    centres = _force_layout(nodes, edges, seed)
    centres = _spread(centres, half) + offset
    degree = strength if strength is not None else Counter(itertools.chain.from_iterable(edges))
    first = np.lexsort((np.arange(len(nodes)), -np.array([degree[n] for n in nodes], dtype=float)))
    centres = _place(centres, half, first)
    xy = centres - offset
    return {n: (round(float(x)), round(float(y))) for n, (x, y) in zip(nodes, xy, strict=True)}


def _force_layout(nodes: list[str], edges: Iterable[tuple[str, str]], seed: int) -> np.ndarray:
    index = {n: i for i, n in enumerate(nodes)}
    pairs = {(index[u], index[v]) for u, v in edges if u != v}
    # igraph draws its start positions from a process-wide generator (Python's ``random``
    # by default): seed a private one for this call so layouts repeat, then restore it.
    # Its own start scale matters: a tighter or wider start made the grid variant 5-20x slower.
    igraph.set_random_number_generator(random.Random(seed))
    try:
        layout = igraph.Graph(n=len(nodes), edges=sorted(pairs)).layout_fruchterman_reingold(niter=300, grid="auto")
    finally:
        igraph.set_random_number_generator(random)
    return np.array(layout.coords, dtype=float).reshape(len(nodes), 2)


def _spread(xy: np.ndarray, half: np.ndarray) -> np.ndarray:
    """Scale the force layout (centred on 0) so that the boxes fill ``DENSITY`` of the area where
    most nodes are (``CORE`` of them along each axis), pulling the few beyond it (small components the
    force layout throws far out) to its edge: measured on the whole extent, a hub's crowd was
    squeezed by those few into a spot many times too small for its boxes."""
    low, high = np.percentile(xy, [50 - CORE / 2, 50 + CORE / 2], axis=0)
    xy = xy.clip(low, high) - (low + high) / 2
    area = float(np.prod(high - low))
    if area <= 0:  # one node, or all on a line: placing spreads them
        return xy
    need = float((4 * half[:, 0] * half[:, 1]).sum()) / DENSITY
    return xy * np.sqrt(need / area)


def _place(wanted: np.ndarray, half: np.ndarray, order: np.ndarray) -> np.ndarray:
    """Put boxes down one by one in ``order``, each at the free spot nearest to where it is
    ``wanted`` (see ``_spots``), a chunk of spots at a time. The first chunks are checked against
    the boxes already down that a grid of cells finds near them; further out, where a chunk's
    bounding square holds much of the drawing, against the boxes whose centres lie near its rings."""
    step = max(float(np.median(half[:, 1])) / 2, 1.0)
    offsets = _spots() * step
    radius = _radii() * step
    # Spots tried at a time: few first (most boxes fit at once or nearly), the rest of the rings a
    # step apart, then one of the wider rings at a time.
    bounds = [0, 8, _GRID_SPOTS, _STEP_SPOTS, *range(_STEP_SPOTS + 48, len(offsets), 48), len(offsets)]
    grid = _Grid(4 * float(np.median(half.max(axis=1))))
    out = wanted.copy()
    down = np.empty(len(order), dtype=int)
    for placed, k in enumerate(order):
        ring = None
        for start, end in itertools.pairwise(bounds):
            spots = wanted[k] + offsets[start:end]
            if start < _GRID_SPOTS:
                near = grid.near(spots.min(axis=0) - half[k], spots.max(axis=0) + half[k])
            else:
                ring = ring or _Rings(out, half, down[:placed], k)
                near = ring.near(radius[start], radius[end - 1])
            free = _free(spots, half[k], out[near], half[near])
            if free is not None:
                out[k] = spots[free]
                break
        else:  # pragma: no cover - the spiral reaches a million steps out, far beyond any drawing
            raise AssertionError("no free spot within the spiral")
        grid.add(k, out[k] - half[k], out[k] + half[k])
        down[placed] = k
    return out


class _Rings:
    """How far the boxes ``down`` are from where box ``k`` is wanted, to find those that it could
    touch when centred on a ring around that spot: two boxes that touch have centres closer than
    the diagonal of their halves summed."""

    def __init__(self, centres: np.ndarray, half: np.ndarray, down: np.ndarray, k: int) -> None:
        away = np.hypot(*(centres[down] - centres[k]).T)
        gap = np.hypot(*(half[down] + half[k]).T)
        self.down, self.low, self.high = down, away - gap, away + gap

    def near(self, inner: float, outer: float) -> np.ndarray:
        return self.down[(self.high >= inner) & (self.low <= outer)]


class _Grid:
    """Square cells, each listing the boxes that reach into it."""

    def __init__(self, cell: float) -> None:
        self.cell = max(cell, 1.0)
        self.cells: dict[tuple[int, int], list[int]] = {}

    def _span(self, low: np.ndarray, high: np.ndarray) -> tuple[range, range]:
        (x0, y0), (x1, y1) = (low / self.cell).tolist(), (high / self.cell).tolist()
        return range(math.floor(x0), math.floor(x1) + 1), range(math.floor(y0), math.floor(y1) + 1)

    def add(self, item: int, low: np.ndarray, high: np.ndarray) -> None:
        xs, ys = self._span(low, high)
        for key in itertools.product(xs, ys):
            self.cells.setdefault(key, []).append(item)

    def near(self, low: np.ndarray, high: np.ndarray) -> list[int]:
        """Every box reaching into the cells this rectangle touches."""
        xs, ys = self._span(low, high)
        if len(xs) * len(ys) > len(self.cells):  # a huge rectangle: walk the cells there are instead
            found = {v for (x, y), items in self.cells.items() if x in xs and y in ys for v in items}
        else:
            found = {v for key in itertools.product(xs, ys) for v in self.cells.get(key, ())}
        return list(found)


def _free(spots: np.ndarray, half: np.ndarray, others: np.ndarray, other_half: np.ndarray) -> int | None:
    """Index of the first spot where a box of ``half`` extent overlaps none of the others."""
    if not len(others):
        return 0
    reach = half + other_half
    # x and y apart side by side (a reduction over an axis of two is slow in numpy)
    apart = np.abs(spots[:, :1] - others[:, 0]) >= reach[:, 0]
    apart |= np.abs(spots[:, 1:] - others[:, 1]) >= reach[:, 1]
    free = apart.all(axis=1)
    first = int(free.argmax())
    return first if free[first] else None


@functools.cache
def _radii() -> np.ndarray:
    """How far each of ``_spots`` is from the wanted spot, in the same order (never decreasing)."""
    return np.hypot(*_spots().T)


@functools.cache
def _spots() -> np.ndarray:
    """Offsets to try around a wanted spot, nearest first, in units of the search step: the spot
    itself, rings 1 to 8 steps out with a spot every step, then rings 12% wider each with 48
    spots, out to a million steps."""
    radii = [float(r) for r in range(1, 9)]
    while radii[-1] < 1e6:
        radii.append(radii[-1] * 1.12)
    points = [np.zeros((1, 2))]
    for radius in radii:
        count = round(2 * np.pi * radius) if radius <= 8 else 48
        angles = np.arange(count) * (2 * np.pi / count)
        points.append(np.column_stack([np.cos(angles), np.sin(angles)]) * radius)
    return np.vstack(points)
