"""Synthetic discussion graphs of a chosen size, for the benchmark and the large-page test.

The reply network is preferential-attachment (a few very active participants, a long
tail), the shape the explorer has to stay usable on.
"""

from __future__ import annotations

import random

import networkx as nx

from graphkit import schema
from graphkit.graph import new_graph

__all__ = ["reply_graph"]


def reply_graph(authors: int, per_author: int = 3, seed: int = 0) -> nx.MultiDiGraph:
    """One thread whose ``replies`` view has exactly ``authors`` nodes and about
    ``(per_author + 1) * authors`` edges: each author writes one top-level comment (to the
    article, written by author 0) and one reply per preferential-attachment link."""
    rng = random.Random(seed)
    graph = new_graph()
    article = schema.article_id("synthetic", str(seed))
    graph.add_node(article, label=schema.ARTICLE, id=article, title="Synthetic thread", text="", date="2024-01-01")
    people = []
    for i in range(authors):
        author = schema.author_id("synthetic", f"user{i}")
        graph.add_node(author, label=schema.AUTHOR, id=author, name=f"user{i}", platform="synthetic")
        people.append(author)
    position = 0

    def comment(author: str, parent: str) -> str:
        nonlocal position
        position += 1
        post = schema.post_id("synthetic", article, str(position))
        text = f"comment {position} by {graph.nodes[author]['name']}"
        graph.add_node(post, label=schema.COMMENT, id=post, text=text, position=position, thread=article)
        graph.add_edge(author, post, key=f"w{position}", type=schema.WROTE)
        graph.add_edge(post, parent, key=f"r{position}", type=schema.REPLY_TO, inferred=False, confidence=1.0)
        return post

    graph.add_edge(people[0], article, key="w0", type=schema.WROTE)
    roots = [comment(person, article) for person in people]
    for a, b in nx.barabasi_albert_graph(authors, per_author, seed=seed).edges():
        if rng.random() < 0.5:
            a, b = b, a
        comment(people[a], roots[b])
    return graph
