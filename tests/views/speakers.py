"""Reply counts between view nodes, computed from a networkx graph independently of graphkit's views."""

from __future__ import annotations

from collections import Counter

import networkx as nx

from graphkit import schema


def expected_replies(graph: nx.MultiDiGraph, thread: str | None = None) -> Counter:
    """Author-to-author reply counts (unsigned comments: one node per thread; an unsigned article: itself)."""
    writer = {post: author for author, post, t in graph.edges(data="type") if t == schema.WROTE}

    def speaker(post: str) -> str:
        attrs = graph.nodes[post]
        if post in writer:
            return writer[post]
        return post if attrs["label"] == schema.ARTICLE else f"anonymous:{attrs['thread']}"

    return Counter(
        (speaker(u), speaker(v))
        for u, v, t in graph.edges(data="type")
        if t == schema.REPLY_TO and (thread is None or graph.nodes[u]["thread"] == thread)
    )
