"""Neo4j holds the quotes of a thread whatever order the input lists its posts in, as the embedded store does
(tests/extract/test_quote_order.py): a quote found only when a later batch or a later load brings the post it quotes
is written with that batch."""

from __future__ import annotations

from graphkit.extract import Extractor
from graphkit.pipeline import load
from graphkit.store import open_store
from tests.extract.test_quote_order import REAL, _newest_first, _posts, _stored_quotes, _truth
from tests.incremental import reversed_thread


def test_neo4j_holds_the_quotes_of_a_thread_listed_newest_first(neo4j_options, tmp_path):
    """The Hacker News thread, every reply before the post it answers, in batches of 7."""
    truth = {(a, b) for a, b, _ in _truth(_posts(REAL / "hackernews" / "communal-algolia-item.json"))}
    assert len(truth) > 4
    with open_store("neo4j", **neo4j_options) as store:
        load(_posts(reversed_thread(tmp_path)), store, Extractor(entities=False, workers=1), 7)
        assert _stored_quotes(store) == truth


def test_neo4j_places_a_quote_the_first_load_could_not_with_the_load_that_brings_the_post(neo4j_options, tmp_path):
    """A Reddit thread newest first, its newer comments loaded, then the rest: the store ends holding the quotes
    the thread in its own order gives, and loading the rest again changes nothing."""
    posts = _posts(REAL / "reddit" / "communal-thread.json")
    truth = {(a, b) for a, b, _ in _truth(posts)}
    created = {p.id: p.created for p in posts}
    newer, older = _newest_first(tmp_path, max(created[a] for a, _ in truth))
    later = {p.id for p in _posts(older)}
    assert any(a not in later and b in later for a, b in truth)
    with open_store("neo4j", **neo4j_options) as store:
        load(_posts(newer), store, Extractor(entities=False, workers=1), 7)
        assert _stored_quotes(store) == {(a, b) for a, b in truth if a not in later and b not in later}
        load(_posts(older), store, Extractor(entities=False, workers=1), 7)
        assert _stored_quotes(store) == truth
        counts = store.counts()
        load(_posts(older), store, Extractor(entities=False, workers=1), 7)
        assert store.counts() == counts
