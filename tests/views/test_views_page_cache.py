"""Views of a store many times larger than the embedded engine's page cache, where queries hold their
joins and aggregates too: a view of one thread must need room for that thread, and a whole-corpus view
room for what it shows, not for the store."""

from __future__ import annotations

import random

import networkx as nx
import pytest

from graphkit import schema
from graphkit.errors import QueryError, StoreError
from graphkit.records import Edge
from graphkit.store import Store, open_store
from graphkit.store.ladybug import BUFFER_POOL_ENV, LadybugStore
from graphkit.views import Filters, build_view
from graphkit.views.project import ANONYMOUS_PREFIX
from tests import builders as build

from speakers import drawn, expected_replies, threads_graph

THREADS, COMMENTS = 10, 500  # comments per thread
SENTENCE_CHARS = 4000  # evidence on every reply: 20 MB in all
CACHE_MB = 32
# A corpus where most of 20,000 authors answer each other once: 40,000 author pairs, of which a view of
# 2,000 nodes shows a few thousand. Aggregating every pair first needed a 96 MB cache; ranking the nodes
# first, 32 MB.
PAIRS_THREADS, PAIRS_COMMENTS, PAIRS_AUTHORS, PAIRS_CACHE_MB = 50, 800, 20_000, 48


def sentence(thread: int, n: int) -> str:
    return f"Reply {n} of thread {thread}: " + " ".join(f"w{thread}x{n}y{i}" for i in range(SENTENCE_CHARS // 12))


def corpus() -> nx.MultiDiGraph:
    """Threads of flat replies, each reply edge carrying a long sentence."""
    posts, replies = [], []
    for t in range(THREADS):
        root = build.article(f"thread {t}", title=f"Thread number {t}")
        posts.append(root)
        for n in range(1, COMMENTS + 1):
            comment = build.post(root.id, n, f"comment {n}", author=f"user{n % 7}")
            posts.append(comment)
            props = {"inferred": False, "confidence": 1.0, "sentence": sentence(t, n)}
            replies.append(Edge(schema.REPLY_TO, comment.id, root.id, props))
    return threads_graph(posts, replies)


@pytest.fixture(scope="module")
def stored(tmp_path_factory) -> str:
    path = str(tmp_path_factory.mktemp("big") / "big.lbug")
    with open_store("ladybug", path=path) as store:
        store.load(corpus())
    return path


def test_one_thread_views_fit_a_page_cache_smaller_than_the_store(stored, monkeypatch):
    monkeypatch.setenv(BUFFER_POOL_ENV, str(CACHE_MB))
    with open_store("ladybug", path=stored, read_only=True) as store:
        # the store is beyond the cache: posts looked up by key and their replies written as one
        # pattern make the engine hash every reply (what views did before)
        posts = [build.post(build.article("thread 3").id, n, "").id for n in range(1, 4)]
        every_reply = "UNWIND $posts AS i MATCH (p:Comment {id: i})-[r:REPLY_TO]->(q) RETURN r.sentence"
        with pytest.raises(QueryError, match="buffer pool is full"):
            store.query(every_reply, {"posts": posts})
        tree = build_view(store, "thread", Filters(thread="Thread number 3"))
        replies = build_view(store, "replies", Filters(thread="Thread number 3"))
    assert tree.graph.number_of_nodes() == COMMENTS + 1
    shown = {u: evidence for u, _, evidence in tree.graph.edges(data="evidence")}
    assert len(shown) == COMMENTS
    for u, evidence in shown.items():
        n = int(tree.graph.nodes[u]["name"].split()[0].removeprefix("#"))
        assert len(evidence) == 1 and evidence[0].startswith(f"Reply {n} of thread 3: w3x{n}y0 ")
    assert sum(w for *_, w in replies.graph.edges(data="weight")) == COMMENTS
    assert all(len(e) == 3 for *_, e in replies.graph.edges(data="evidence"))


def test_a_page_cache_size_that_is_not_a_number_is_one_line(stored, monkeypatch):
    monkeypatch.setenv(BUFFER_POOL_ENV, "lots")
    with pytest.raises(StoreError, match=f"^{BUFFER_POOL_ENV} must be a whole number of megabytes, not 'lots'$"):
        open_store("ladybug", path=stored, read_only=True)


def many_pairs() -> nx.MultiDiGraph:
    """Threads where comments by many authors (and some unsigned ones) answer recent comments."""
    rng = random.Random(3)
    posts, replies = [], []
    for t in range(PAIRS_THREADS):
        root = build.article(f"pairs {t}", author=f"user{rng.randrange(PAIRS_AUTHORS)}")
        thread = [root]
        for n in range(1, PAIRS_COMMENTS + 1):
            author = None if rng.random() < 0.05 else f"user{rng.randrange(PAIRS_AUTHORS)}"
            comment = build.post(root.id, n, f"comment {n}", author=author)
            replies.append(Edge(schema.REPLY_TO, comment.id, rng.choice(thread[-20:]).id, {"inferred": False}))
            thread.append(comment)
        posts += thread
    return threads_graph(posts, replies)


@pytest.fixture(scope="module")
def pairs_graph() -> nx.MultiDiGraph:
    return many_pairs()


@pytest.fixture(scope="module")
def pairs_stored(pairs_graph, tmp_path_factory) -> str:
    path = str(tmp_path_factory.mktemp("pairs") / "pairs.lbug")
    with open_store("ladybug", path=path) as store:
        store.load(pairs_graph)
    return path


@pytest.fixture(scope="module")
def pairs(pairs_graph, pairs_stored) -> tuple[nx.MultiDiGraph, str]:
    """The corpus of many pairs and the store holding it, built once: the tests only read them."""
    return pairs_graph, pairs_stored


@pytest.mark.parametrize("columns", [True, False], ids=["columns", "cypher"])
def test_a_whole_corpus_view_needs_room_for_the_nodes_it_shows_not_for_every_pair(pairs, monkeypatch, columns):
    if not columns:  # the path of a store that hands over no Arrow columns
        monkeypatch.setattr(LadybugStore, "columns", Store.columns)
    graph, path = pairs
    in_memory = build_view(graph, "replies", Filters())
    monkeypatch.setenv(BUFFER_POOL_ENV, str(PAIRS_CACHE_MB))
    with open_store("ladybug", path=path, read_only=True) as store:
        stored = build_view(store, "replies", Filters())
    assert drawn(stored) == drawn(in_memory)
    # the nodes of highest weighted degree, ties by id, and every reply between them, counted here
    replies = expected_replies(graph)
    degree = {}
    for (u, v), n in replies.items():
        degree[u] = degree.get(u, 0) + n
        degree[v] = degree.get(v, 0) + n
    top = set(sorted(degree, key=lambda node: (-degree[node], node))[:2000])
    assert set(stored.graph) == top and any(node.startswith(ANONYMOUS_PREFIX) for node in top)
    shown = {(u, v): w for u, v, w in stored.graph.edges(data="weight")}
    assert shown == {pair: n for pair, n in replies.items() if set(pair) <= top}
    assert stored.notes[-1] == f"cut to the top 2000 of {len(degree)} nodes by weighted degree (max_nodes=2000)"


def _trimmed(replies: dict[tuple[str, str], int], author: str | None, min_weight: int, limit: int) -> dict:
    """The pairs a view shows when focused on ``author``, cut at ``min_weight`` and to ``limit`` nodes,
    trimmed here as the filters are documented: the author and its neighbours, then the pairs of at
    least that weight (nodes left with none go), then the nodes of highest weighted degree, ties by id."""
    nodes = {end for pair in replies for end in pair}
    if author:
        nodes = {end for pair in replies if author in pair for end in pair}
        replies = {pair: n for pair, n in replies.items() if set(pair) <= nodes}
    heavy = {pair: n for pair, n in replies.items() if n >= min_weight}
    nodes -= {end for pair in replies for end in pair} - {end for pair in heavy for end in pair}
    degree = dict.fromkeys(nodes, 0)
    for (u, v), n in heavy.items():
        degree[u] += n
        degree[v] += n
    top = set(sorted(degree, key=lambda node: (-degree[node], node))[:limit])
    return {"nodes": top, "pairs": {pair: n for pair, n in heavy.items() if set(pair) <= top}}


@pytest.mark.parametrize(
    ("author", "min_weight", "top"), [(None, 2, None), (None, 2, 50), (True, 1, None), (True, 2, None)], ids=repr
)
def test_a_whole_corpus_view_by_author_or_weight_needs_room_for_what_it_shows(
    pairs_graph, pairs_stored, monkeypatch, author, min_weight, top
):
    """Focused on an author or cut by weight, the view used to aggregate every pair in the store first."""
    replies = expected_replies(pairs_graph)
    if author:  # the signed author answering or answered most in pairs of that weight
        degree = {}
        for pair, n in replies.items():
            for end in {end for end in pair if n >= min_weight and not end.startswith(ANONYMOUS_PREFIX)}:
                degree[end] = degree.get(end, 0) + n
        author = min(degree, key=lambda node: (-degree[node], node))
    filters = Filters(author=author, min_weight=min_weight, top=top)
    with monkeypatch.context() as patch, open_store("ladybug", path=pairs_stored, read_only=True) as store:
        patch.setattr(LadybugStore, "columns", Store.columns)  # the Cypher path, in the default page cache
        cypher = build_view(store, "replies", filters)
    monkeypatch.setenv(BUFFER_POOL_ENV, str(PAIRS_CACHE_MB))
    with open_store("ladybug", path=pairs_stored, read_only=True) as store:
        stored = build_view(store, "replies", filters)
    assert drawn(stored) == drawn(cypher)
    expected = _trimmed(replies, author, min_weight, top or 2000)
    assert set(stored.graph) == expected["nodes"]
    assert {(u, v): w for u, v, w in stored.graph.edges(data="weight")} == expected["pairs"]
    assert 0 < stored.graph.number_of_edges() < len(replies) / 10
