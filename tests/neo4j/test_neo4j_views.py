"""Views queried from a real Neo4j equal the same views of the embedded store: every kind, with filters."""

from __future__ import annotations

import random

import pytest

from graphkit import schema
from graphkit.errors import InputError
from graphkit.records import Edge
from graphkit.store import open_store
from graphkit.views import KINDS, Filters, build_view
from graphkit.views.counted import counted
from graphkit.views.scope import resolve_scope
from tests import builders as build
from tests.views.speakers import evidence_threads_graph, expected_replies, threads_graph

FILTERS = [
    {},
    {"thread": "palmyra"},
    {"author": "888mladen"},
    {"entity": "Lavrov"},
    {"since": "2022-07-01", "top": 4},
    {"until": "2022-06-30"},
    {"min_weight": 2},
    {"author": "Brad Isherwood", "min_weight": 2},
]


def _shown(store, kind: str, filters: dict) -> object:
    """What the page of a view draws, comparable across stores (tones to 1e-9), or its error."""
    try:
        view = build_view(store, kind, Filters(**filters))
    except InputError as exc:
        return str(exc)
    nodes = sorted((n, sorted(a.items())) for n, a in view.graph.nodes(data=True))
    edges = sorted(
        (u, v, k, sorted((name, round(x, 9) if isinstance(x, float) else x) for name, x in a.items()))
        for u, v, k, a in view.graph.edges(keys=True, data=True)
    )
    return view.what, view.notes, nodes, edges


@pytest.fixture(scope="module")
def embedded_views(example_graph, tmp_path_factory) -> dict:
    path = str(tmp_path_factory.mktemp("views") / "store.lbug")
    with open_store("ladybug", path=path) as store:
        store.load(example_graph)
        return {(kind, i): _shown(store, kind, f) for kind in KINDS for i, f in enumerate(FILTERS)}


def test_every_view_from_neo4j_equals_the_embedded_store(neo4j_store, example_graph, embedded_views):
    neo4j_store.load(example_graph)
    differ = [
        (kind, FILTERS[i])
        for (kind, i), expected in embedded_views.items()
        if _shown(neo4j_store, kind, FILTERS[i]) != expected
    ]
    assert differ == []
    assert sum(1 for shown in embedded_views.values() if isinstance(shown, str)) < len(embedded_views) / 4
    _, _, _, edges = embedded_views["mentions", 0]
    assert any(dict(attrs)["evidence"] for *_, attrs in edges)  # evidence is compared too


# Whole-corpus replies trimmed: Neo4j aggregates every pair in Cypher, the embedded store counts them from columns.
TRIMMED = [
    {},
    {"top": 5},
    {"author": "user3"},
    {"min_weight": 2},
    {"author": "user3", "min_weight": 2},
    {"author": "User7", "top": 4},
    {"min_weight": 3, "top": 6},
]


def corpus():
    """Threads where 30 authors (and some unsigned comments) answer recent comments: an author has a
    few of them as neighbours, and a few pairs answer each other more than once."""
    rng = random.Random(5)
    posts, replies = [], []
    for t in range(4):
        root = build.article(f"corpus {t}", title=f"Corpus {t}", author=f"user{rng.randrange(30)}")
        thread = [root]
        for n in range(1, 61):
            author = None if rng.random() < 0.1 else f"user{rng.randrange(30)}"
            comment = build.post(root.id, n, f"comment {n} of {t}", author=author)
            props = {"inferred": rng.random() < 0.3, "confidence": 1.0, "sentence": f"answer {n} in {t}"}
            replies.append(Edge(schema.REPLY_TO, comment.id, rng.choice(thread[-8:]).id, props))
            thread.append(comment)
        posts += thread
    return threads_graph(posts, replies)


def test_whole_corpus_replies_trimmed_from_neo4j_equal_the_embedded_columns(neo4j_store, tmp_path):
    graph = corpus()
    with open_store("ladybug", path=str(tmp_path / "corpus.lbug")) as store:
        store.load(graph)
        assert counted(store, "replies", resolve_scope(store, Filters())) is not None
        embedded = [_shown(store, "replies", f) for f in TRIMMED]
    neo4j_store.load(graph)
    assert [_shown(neo4j_store, "replies", f) for f in TRIMMED] == embedded
    _, _, nodes, edges = embedded[0]
    assert {(u, v): dict(attrs)["weight"] for u, v, _, attrs in edges} == expected_replies(graph)
    focused = {node for node, _ in embedded[2][2]}
    assert "author:test:user3" in focused and len(focused) < len(nodes) / 2  # the focus trims
    assert "left out" in embedded[3][1][-1]  # the weight cut drops nodes


def test_thread_views_from_neo4j_read_the_threads_posts_by_key_and_equal_the_embedded_store(
    neo4j_store, tmp_path, monkeypatch
):
    """Every kind with --thread: pairs owned by an article and by comments counted as one, as the embedded
    store counts them, and no query after the listing of the thread's posts tests a post's thread."""
    graph = evidence_threads_graph()
    cases = [
        (kind, f) for kind in KINDS for f in ({"thread": "Thread number 1"}, {"thread": "Thread number 2", "top": 3})
    ]
    with open_store("ladybug", path=str(tmp_path / "threads.lbug")) as store:
        store.load(graph)
        embedded = [_shown(store, kind, f) for kind, f in cases]
    neo4j_store.load(graph)
    asked: list[str] = []
    read = neo4j_store.query
    monkeypatch.setattr(
        neo4j_store, "query", lambda cypher, *args, **kw: asked.append(cypher) or read(cypher, *args, **kw)
    )
    shown = []
    for kind, f in cases:
        asked.clear()
        shown.append(_shown(neo4j_store, kind, f))
        listed = [i for i, cypher in enumerate(asked) if "IN $threads" in cypher and cypher.endswith("RETURN p.id")]
        assert len(listed) == 2 and not [c for c in asked[listed[-1] + 1 :] if "$threads" in c], kind
    assert shown == embedded
    assert not any(isinstance(view, str) for view in embedded)
