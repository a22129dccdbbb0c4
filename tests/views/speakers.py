"""Reply graphs for the store-view tests, and the reply counts between view nodes computed from them
independently of graphkit's views."""

from __future__ import annotations

from collections import Counter

import networkx as nx

from graphkit import schema
from graphkit.graph import add_fragment, add_posts, new_graph
from graphkit.records import Edge, Fragment, Node, Post
from tests import builders as build


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


def evidence_threads_graph(threads: int = 3) -> nx.MultiDiGraph:
    """Threads whose article and comments all speak: ann writes each article and comments on it, so a pair
    of view nodes gets edges owned by both an article and comments (mentions of one person with tones and
    one without, citations of one domain, quotes), beside replies and unsigned comments."""
    person = schema.entity_id(schema.PERSON, "Sergey Lavrov")
    nodes = [Node(person, schema.PERSON, {"id": person, "name": "Sergey Lavrov", "aliases": ["Sergey Lavrov"]})]
    posts: list[Post] = []
    edges: list[Edge] = []
    for t in range(threads):
        root = build.article(f"thread {t}", f"article {t}", title=f"Thread number {t}", author="ann")
        comments = [
            build.post(root.id, n, f"comment {n} of thread {t}", author=(None, "ann", "bob")[n % 3])
            for n in range(1, 7)
        ]
        posts += [root, *comments]
        for n, comment in enumerate(comments, 1):
            parent = root if n < 3 else comments[n - 3]
            edges.append(Edge(schema.REPLY_TO, comment.id, parent.id, {"inferred": n % 2 == 0, "confidence": 1.0}))
        for i, (post, tone) in enumerate([(root, -0.5), (comments[0], None), (comments[3], 0.25), (comments[2], 0.5)]):
            props = {"id": schema.edge_id(schema.MENTIONS, post.id, person, i), "text": "Lavrov", "start": 0, "end": 6}
            edges.append(
                Edge(schema.MENTIONS, post.id, person, props | {"sentence": f"on Lavrov {t}.{i}", "sentiment": tone})
            )
        for i, post in enumerate([root, comments[3], comments[1]]):
            url = f"https://example.org/{t}/{i}"
            nodes.append(
                Node(
                    schema.source_id(url),
                    schema.SOURCE,
                    {"id": schema.source_id(url), "url": url, "domain": "example.org"},
                )
            )
            edges.append(Edge(schema.CITES, post.id, schema.source_id(url), {"url": url}))
        edges.append(Edge(schema.QUOTES, root.id, person, {"text": "quoted words"}))
        edges.append(Edge(schema.QUOTES, comments[3].id, person, {"text": "quoted again"}))
        edges.append(Edge(schema.QUOTES, comments[4].id, comments[2].id, {"text": "quoted a comment"}))
    graph = new_graph()
    add_posts(graph, posts)
    add_fragment(graph, Fragment(nodes=nodes, edges=edges))
    return graph
