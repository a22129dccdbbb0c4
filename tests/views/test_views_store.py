"""Views are computed by the store: they read aggregated pairs and what they show, never the whole
store, and their weights equal counts taken independently from the loaded graph."""

from __future__ import annotations

import random
from collections import Counter
from typing import Any

import networkx as nx
import pytest

from graphkit import schema
from graphkit.records import Edge
from graphkit.store import QueryResult, Store
from graphkit.store.ladybug import LadybugStore
from graphkit.views import Filters, build_view
from graphkit.views.project import SNIPPETS
from tests import builders as build

from speakers import expected_replies, threads_graph

THREADS, AUTHORS, COMMENTS = 6, 8, 150  # comments per thread


class CountingStore(LadybugStore):
    """The embedded store, counting the rows its queries hand to Python. It hands over no Arrow columns,
    so views take the Cypher path of every store (counting from columns: ``test_views_columns.py``)."""

    rows = 0
    columns = Store.columns

    def query(self, cypher: str, params: dict[str, Any] | None = None, **options: Any) -> QueryResult:
        result = super().query(cypher, params, **options)
        self.rows += len(result.rows)
        return result


def corpus() -> nx.MultiDiGraph:
    """Threads where few authors (and some unsigned comments) answer each other many times."""
    rng = random.Random(7)
    posts, replies = [], []
    for t in range(THREADS):
        root = build.article(f"thread {t}", title=f"Thread number {t}", date=f"2024-01-0{t % 9 + 1}")
        thread = [root]
        for n in range(1, COMMENTS + 1):
            author = None if rng.random() < 0.1 else f"user{rng.randrange(AUTHORS)}"
            comment = build.post(root.id, n, f"comment {n} of thread {t}", author=author)
            parent = rng.choice(thread[-5:])
            replies.append(Edge(schema.REPLY_TO, comment.id, parent.id, {"inferred": False, "confidence": 1.0}))
            thread.append(comment)
        posts += thread
    return threads_graph(posts, replies)


@pytest.fixture(scope="module")
def graph() -> nx.MultiDiGraph:
    return corpus()


@pytest.fixture(scope="module")
def store(graph, tmp_path_factory):
    path = str(tmp_path_factory.mktemp("corpus") / "corpus.lbug")
    with CountingStore(path) as db:
        db.load(graph)
        yield db


def weights(view) -> Counter:
    return Counter({(u, v): w for u, v, w in view.graph.edges(data="weight")})


def test_whole_corpus_replies_equal_independent_counts_and_fetch_pairs_not_posts(graph, store):
    store.rows = 0
    view = build_view(store, "replies", Filters())
    assert weights(view) == expected_replies(graph)
    # a row per pair of speakers, per node shown and per piece of evidence shown: never a row per post
    shown = view.graph.number_of_nodes() + (1 + SNIPPETS) * view.graph.number_of_edges()
    assert store.rows <= shown < THREADS * (COMMENTS + 1)


def test_one_thread_view_reads_about_that_thread_only(graph, store):
    thread = build.article("thread 2").id
    store.rows = 0
    replies = build_view(store, "replies", Filters(thread="Thread number 2"))
    assert weights(replies) == expected_replies(graph, thread)
    store.rows = 0
    tree = build_view(store, "thread", Filters(thread=thread))
    assert tree.graph.number_of_nodes() == COMMENTS + 1
    assert store.rows < 5 * (COMMENTS + 1)  # its posts (listed, nodes, edges, names), not the corpus
    assert tree.what == "the reply tree of the thread (posts as nodes)"


def _shown(view) -> tuple:
    nodes = sorted(view.graph.nodes(data=True))
    return view.what, view.notes, nodes, sorted(view.graph.edges(keys=True, data=True))


@pytest.mark.parametrize("filters", [{"thread": "Thread number 3"}, {"thread": "Thread number", "since": "2024-01-04"}])
def test_a_thread_view_tests_each_stored_posts_thread_once_then_reads_its_posts_by_key(store, filters, monkeypatch):
    """The store keeps no index on a post's thread: listing the thread's posts tests every stored post,
    and the view's other queries start from those posts by key, showing what testing every post shows."""
    asked: list[str] = []
    read = CountingStore.query

    def query(self, cypher: str, params: dict[str, Any] | None = None, **options: Any) -> QueryResult:
        asked.append(cypher)
        return read(self, cypher, params, **options)

    monkeypatch.setattr(CountingStore, "query", query)
    keyed = _shown(build_view(store, "thread", Filters(**filters)))
    tests = [c for c in asked if f"MATCH (p:{schema.COMMENT}) WHERE" in c and "p.thread IN $threads" in c]
    reads = [c for c in tests if "RETURN count(" not in c]  # --since counts the undated posts left out first
    assert len(reads) == 1 and reads[0].endswith("RETURN p.id")
    monkeypatch.setattr("graphkit.views.scope.KEYED_POSTS", 0)  # too many to list: every query tests every post
    assert keyed == _shown(build_view(store, "thread", Filters(**filters)))
    assert keyed[2] and keyed[3]


def test_dates_author_and_top_filter_in_the_store(graph, store):
    view = build_view(store, "replies", Filters(since="2024-01-05", author="user1", top=4))
    assert view.graph.number_of_nodes() == 4
    late = {build.article(f"thread {t}").id for t in range(THREADS) if t % 9 + 1 >= 5}
    expected = sum((expected_replies(graph, t) for t in late), Counter())
    shown = weights(view)
    assert shown and all(shown[pair] == expected[pair] for pair in shown)
    user1 = schema.author_id(build.PLATFORM, "user1")
    near = {n for pair in expected if user1 in pair for n in pair}
    assert set(view.graph) <= near and view.notes[-1].startswith("cut to the top 4 of ")
