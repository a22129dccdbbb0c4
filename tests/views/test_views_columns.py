"""Whole-corpus replies counted from the embedded store's Arrow columns (``counted.py``) draw the same
view as the Cypher path the other stores take: same nodes, weights, inferred counts, evidence and notes."""

from __future__ import annotations

import random

import networkx as nx
import pytest

import graphkit.views.api as api
import graphkit.views.counted as counted
from graphkit import schema
from graphkit.errors import InputError
from graphkit.graph import add_posts, new_graph
from graphkit.records import Edge
from graphkit.store import Store, open_store
from graphkit.store.ladybug import LadybugStore
from graphkit.views import Filters, build_view
from graphkit.views.scope import resolve_scope
from tests import builders as build

from speakers import drawn, expected_replies, threads_graph

THREADS, COMMENTS, AUTHORS = 3, 60, 6


def tricky() -> nx.MultiDiGraph:
    """Replies with what the counting must get right: unsigned comments (one node per thread), an unsigned
    and a signed article, self-replies, inferred edges, a comment answering two posts of one author (two
    edges of one post in a pair), evidence from the edge, from the comment's text, or none."""
    rng = random.Random(15)
    posts, replies = [], []
    for t in range(THREADS):
        root = build.article(f"thread {t}", title=f"Thread {t}", author="editor" if t == 1 else None)
        thread = [root]
        for n in range(1, COMMENTS + 1):
            author = None if rng.random() < 0.15 else f"user{rng.randrange(AUTHORS)}"
            comment = build.post(root.id, n, "" if n % 9 == 0 else f"comment {n} of {t}", author=author)
            parents = rng.sample(thread[-6:], 2 if n % 11 == 0 and len(thread) > 1 else 1)
            for parent in parents:
                props = {"inferred": rng.random() < 0.3, "confidence": 1.0}
                if n % 4 == 0:
                    props["sentence"] = f"said {n} in {t}"
                replies.append(Edge(schema.REPLY_TO, comment.id, parent.id, props))
            thread.append(comment)
        posts += thread
    return threads_graph(posts, replies)


def _both(store: Store, filters: Filters, monkeypatch: pytest.MonkeyPatch) -> tuple[tuple, tuple]:
    """The view counted from columns, and through Cypher (the store handing over no columns)."""
    columns = drawn(build_view(store, "replies", filters))
    with monkeypatch.context() as patch:
        patch.setattr(LadybugStore, "columns", Store.columns)
        cypher = drawn(build_view(store, "replies", filters))
    return columns, cypher


@pytest.fixture(scope="module")
def graph() -> nx.MultiDiGraph:
    return tricky()


@pytest.fixture(scope="module")
def store(graph, tmp_path_factory):
    with open_store("ladybug", path=str(tmp_path_factory.mktemp("columns") / "g.lbug")) as db:
        db.load(graph)
        yield db


TRIMMED = [
    Filters(author="user2"),
    Filters(author="User3", top=3),
    Filters(min_weight=2),
    Filters(min_weight=3, top=4),
    Filters(author="user1", min_weight=2),
    Filters(author="editor", min_weight=2, max_nodes=3),
]


@pytest.mark.parametrize(
    "filters", [Filters(), Filters(top=4), Filters(top=9), Filters(max_nodes=7), *TRIMMED], ids=repr
)
@pytest.mark.parametrize("chunk", [100_000, 7])
@pytest.mark.parametrize("cost", [1, 10**9], ids=["by key when only authors", "every edge again"])
def test_replies_counted_from_columns_equal_the_cypher_path(store, filters, chunk, cost, monkeypatch):
    monkeypatch.setattr(counted, "CHUNK_POSTS", chunk)  # 7: many reads, the first references merged across them
    monkeypatch.setattr(api, "KEY_COST", cost)  # the edges shown read by key (when only authors are kept) or not
    assert counted.counted(store, "replies", resolve_scope(store, filters)) is not None
    columns, cypher = _both(store, filters, monkeypatch)
    assert columns == cypher
    assert columns[2], "the view shows edges"


def test_a_focus_on_authors_who_send_few_edges_reads_only_theirs_again(store, monkeypatch):
    """The evidence of the pairs shown comes by key from the posts of the authors kept, not from every
    edge read again with its text; the view equals the Cypher path's."""
    asked: list[str] = []
    read = LadybugStore.columns

    def columns(self, statement: str, params: dict | None = None):
        asked.append(statement)
        return read(self, statement, params)

    monkeypatch.setattr(LadybugStore, "columns", columns)
    monkeypatch.setattr(api, "KEY_COST", 1)  # few: not more than all (this corpus is small)
    filters = Filters(author="User3", top=3)
    shown = drawn(build_view(store, "replies", filters))
    assert asked and not [statement for statement in asked if " AS ev" in statement]
    monkeypatch.setattr(LadybugStore, "columns", Store.columns)
    assert shown == drawn(build_view(store, "replies", filters)) and shown[2]


def test_a_filtered_view_reads_its_posts_through_cypher(store):
    """The columns would read every post's speaker to draw one thread."""
    for filters in (Filters(thread="Thread 1"), Filters(thread="Thread 2", top=3)):
        assert counted.counted(store, "replies", resolve_scope(store, filters)) is None


def test_replies_counted_from_columns_equal_independent_counts(graph, store):
    view = build_view(store, "replies", Filters())
    assert {(u, v): w for u, v, w in view.graph.edges(data="weight")} == expected_replies(graph)
    inferred = sum(1 for _, _, t in graph.edges(data="inferred") if t)
    assert sum(n for _, _, n in view.graph.edges(data="inferred")) == inferred > 0


@pytest.mark.parametrize("fixture", ["example", "hostile"])
def test_the_example_and_hostile_graphs_draw_the_same_from_columns(fixture, request, monkeypatch):
    store = request.getfixturevalue(fixture)
    for filters in (Filters(), Filters(top=3)):
        columns, cypher = _both(store, filters, monkeypatch)
        assert columns == cypher


def test_a_post_credited_to_two_writers_takes_the_cypher_path(graph, tmp_path, monkeypatch):
    """An older graphkit credited some posts a second writer: such a post counts once per writer."""
    twice = graph.copy()
    post = next(v for u, v, t in graph.edges(data="type") if t == schema.WROTE and u == "author:test:user1")
    wrote = schema.edge_id(schema.WROTE, "author:test:user2", post)
    twice.add_edge("author:test:user2", post, key=wrote, type=schema.WROTE, id=wrote)
    with open_store("ladybug", path=str(tmp_path / "twice.lbug")) as store:
        store.load(twice)
        assert counted.counted(store, "replies", resolve_scope(store, Filters())) is None
        view = build_view(store, "replies", Filters())
    assert sum(w for _, _, w in view.graph.edges(data="weight")) > sum(expected_replies(graph).values())


def test_a_store_of_posts_without_replies_is_the_same_nothing_to_show(tmp_path, monkeypatch):
    graph = new_graph()
    root = build.article("alone", title="Alone")
    add_posts(graph, [root, build.post(root.id, 1, "first", author="user0"), build.post(root.id, 2, "second", None)])
    with open_store("ladybug", path=str(tmp_path / "quiet.lbug")) as store:
        store.load(graph)
        assert counted.counted(store, "replies", resolve_scope(store, Filters())) is not None
        nothing = "nothing to show: the store holds nothing the replies view draws"
        with pytest.raises(InputError, match=nothing):
            build_view(store, "replies", Filters())
        with monkeypatch.context() as patch, pytest.raises(InputError, match=nothing):
            patch.setattr(LadybugStore, "columns", Store.columns)
            build_view(store, "replies", Filters())
