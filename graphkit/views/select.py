"""Trimming the aggregated pairs of a view: focus on an author, drop weak edges, keep the most central nodes.

Centrality is weighted degree (in + out, a self-loop twice): views like ``mentions`` are
bipartite, where PageRank would shrink every speaker to nothing, while degree ranks both
sides by how much evidence touches them. The pairs are plain records (a whole-corpus view
has hundreds of thousands), so this works on dictionaries, not on a networkx graph.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field

from .project import Pair

__all__ = ["Selection", "focus", "drop_weak", "keep_top"]


@dataclass
class Selection:
    """View nodes (each with the author it stands for, or itself) and the aggregated edges between them."""

    nodes: dict[str, str] = field(default_factory=dict)
    edges: list[Pair] = field(default_factory=list)

    def add(self, pair: Pair) -> None:
        self.nodes.setdefault(pair.u, pair.au)
        self.nodes.setdefault(pair.v, pair.av)
        self.edges.append(pair)

    def restricted(self, keep: set[str]) -> Selection:
        """The nodes in ``keep`` and the edges between them."""
        return Selection(
            {n: a for n, a in self.nodes.items() if n in keep}, [e for e in self.edges if e.u in keep and e.v in keep]
        )


def _scores(selection: Selection) -> dict[str, int]:
    """The weighted degree of every node of the selection (a self-loop counts twice)."""
    score = dict.fromkeys(selection.nodes, 0)
    for e in selection.edges:
        score[e.u] += e.weight
        score[e.v] += e.weight
    return score


def focus(selection: Selection, authors: set[str]) -> Selection:
    """The nodes standing for these authors (an author, or a post they wrote) and their direct neighbours."""
    centre = {n for n, who in selection.nodes.items() if who in authors}
    keep = set(centre)
    for e in selection.edges:
        if e.u in centre or e.v in centre:
            keep.update((e.u, e.v))
    return selection.restricted(keep)


def drop_weak(selection: Selection, min_weight: int) -> tuple[Selection, int]:
    """Remove edges lighter than ``min_weight`` and the nodes this leaves alone; returns
    what is left and how many nodes went."""
    if min_weight <= 1:
        return selection, 0
    degree: dict[str, int] = defaultdict(int)
    touched: set[str] = set()
    kept = []
    for e in selection.edges:
        if e.weight < min_weight:
            touched.update((e.u, e.v))
        else:
            kept.append(e)
            degree[e.u] += 1
            degree[e.v] += 1
    lonely = {n for n in touched if not degree[n]}
    return Selection({n: a for n, a in selection.nodes.items() if n not in lonely}, kept), len(lonely)


def keep_top(selection: Selection, limit: int) -> Selection:
    """The ``limit`` nodes of highest weighted degree (ties by id, so cuts are repeatable)."""
    score = _scores(selection)
    return selection.restricted(set(sorted(score, key=lambda n: (-score[n], n))[:limit]))
