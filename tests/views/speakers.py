"""Reply graphs for the store-view tests, and the reply counts between view nodes computed from them
independently of graphkit's views."""

from __future__ import annotations

from collections import Counter

import networkx as nx

from graphkit import schema
from graphkit.graph import add_fragment, add_posts, new_graph
from graphkit.records import Edge, Fragment, Post


def threads_graph(posts: list[Post], replies: list[Edge]) -> nx.MultiDiGraph:
    """The graph a load of these posts and reply edges stores."""
    graph = new_graph()
    add_posts(graph, posts)
    add_fragment(graph, Fragment(edges=replies))
    return graph


def drawn(view) -> tuple:
    """What a view shows, comparable between two ways of building it."""
    return view.notes, sorted(view.graph.nodes(data=True)), sorted(view.graph.edges(keys=True, data=True))


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
