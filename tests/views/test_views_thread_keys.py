"""A view of one thread, of any kind, tests each stored post's thread once (the store keeps no index on
it) to list that thread's posts, then reads everything from those posts by key; it shows what testing
every post in each query shows, pairs owned by an article and by comments counted as one."""

from __future__ import annotations

from typing import Any

import pytest

from graphkit.store import QueryResult, open_store
from graphkit.store.ladybug import LadybugStore
from graphkit.views import KINDS, Filters, build_view

from speakers import drawn, evidence_threads_graph


@pytest.fixture(scope="module")
def store(tmp_path_factory):
    with open_store("ladybug", path=str(tmp_path_factory.mktemp("keys") / "threads.lbug")) as db:
        db.load(evidence_threads_graph())
        yield db


@pytest.mark.parametrize("kind", KINDS)
@pytest.mark.parametrize("filters", [{"thread": "Thread number 1"}, {"thread": "Thread number 2", "top": 3}])
def test_a_thread_view_of_every_kind_reads_the_threads_posts_by_key(store, kind, filters, monkeypatch):
    asked: list[str] = []
    read = LadybugStore.query

    def query(self, cypher: str, params: dict[str, Any] | None = None, **options: Any) -> QueryResult:
        asked.append(cypher)
        return read(self, cypher, params, **options)

    monkeypatch.setattr(LadybugStore, "query", query)
    keyed = drawn(build_view(store, kind, Filters(**filters)))
    listed = [i for i, cypher in enumerate(asked) if "IN $threads" in cypher and cypher.endswith("RETURN p.id")]
    assert len(listed) == 2  # articles, comments
    assert not [cypher for cypher in asked[listed[-1] + 1 :] if "$threads" in cypher]
    monkeypatch.setattr("graphkit.views.scope.KEYED_POSTS", 0)  # too many to list: every query tests every post
    assert keyed == drawn(build_view(store, kind, Filters(**filters)))
    assert keyed[1] and keyed[2]


def test_pairs_owned_by_an_article_and_its_comments_are_counted_once(store):
    view = build_view(store, "mentions", Filters(thread="Thread number 0")).graph
    (ann, lavrov, attrs), *_ = [(u, v, a) for u, v, a in view.edges(data=True) if view.nodes[u]["name"] == "ann"]
    assert view.nodes[lavrov]["name"] == "Sergey Lavrov"
    assert (attrs["weight"], attrs["tone"], len(attrs["evidence"])) == (3, pytest.approx(-0.125), 3)
    sites = build_view(store, "citations", Filters(thread="Thread number 0")).graph
    cited = {u: (a["weight"], sites.nodes[v]["urls"]) for u, v, a in sites.edges(data=True)}
    assert cited[ann] == (2, ["https://example.org/0/0", "https://example.org/0/1", "https://example.org/0/2"])
