"""Trimming a projected view: focus on an author, drop weak edges, keep the most central nodes.

Centrality is weighted degree (in + out): views like ``mentions`` are bipartite, where
PageRank would shrink every speaker to nothing, while degree ranks both sides by how much
evidence touches them.
"""

from __future__ import annotations

import networkx as nx

__all__ = ["strength", "focus", "drop_weak", "keep_top"]


def strength(graph: nx.MultiDiGraph) -> dict[str, int]:
    """Weighted degree of every node (a self-loop counts twice, as in networkx)."""
    return dict(graph.degree(weight="weight"))


def focus(graph: nx.MultiDiGraph, authors: set[str]) -> nx.MultiDiGraph:
    """The nodes standing for these authors (or their posts) and their direct neighbours."""
    centre = {n for n, who in graph.nodes(data="authors") if who & authors}
    keep = set(centre)
    for node in centre:
        keep.update(graph.successors(node))
        keep.update(graph.predecessors(node))
    return graph.subgraph(keep).copy()


def drop_weak(graph: nx.MultiDiGraph, min_weight: int) -> int:
    """Remove edges lighter than ``min_weight`` and the nodes this leaves alone; returns
    how many nodes went."""
    if min_weight <= 1:
        return 0
    weak = [(u, v, k) for u, v, k, w in graph.edges(keys=True, data="weight") if w < min_weight]
    touched = {n for u, v, _ in weak for n in (u, v)}
    graph.remove_edges_from(weak)
    lonely = [n for n in touched if graph.degree(n) == 0]
    graph.remove_nodes_from(lonely)
    return len(lonely)


def keep_top(graph: nx.MultiDiGraph, limit: int) -> nx.MultiDiGraph:
    """The ``limit`` nodes of highest weighted degree (ties by id, so cuts are repeatable)."""
    score = strength(graph)
    top = sorted(graph, key=lambda n: (-score[n], n))[:limit]
    return graph.subgraph(top).copy()
