"""Neo4j credits a post one writer (``merge_rels``): a stub signed by the writer its input names, then filled by its
real post signed by another Author id, is written by the post's own writer only, in one load or two, whatever comes
first, and a load run again changes nothing (tests/test_stub_writers.py has the embedded store's)."""

from __future__ import annotations

from graphkit.extract import Extractor
from graphkit.pipeline import load
from graphkit.store import open_store
from tests.incremental import differences, stored
from tests.stubs import filled_parents, own_writers, page_posts, stored_writers


def test_a_post_filling_its_stub_has_its_own_writer_only(neo4j_options):
    posts = page_posts()
    parents = filled_parents(posts)
    ids = [p.id for p in parents]
    got = []
    for loads in ([posts + parents], [posts, parents], [parents, posts]):
        with open_store("neo4j", **neo4j_options) as store:
            store.query("MATCH (n) DETACH DELETE n", write=True)
            for part in loads:
                load(part, store, Extractor(entities=False, workers=1), 7)
            assert stored_writers(store, ids) == own_writers(parents), len(got)
            got.append(once := stored(store))
            load(loads[-1], store, Extractor(entities=False, workers=1), 7)
            assert differences(stored(store), once) == []
    assert differences(got[1], got[0]) == []  # read in the same order, in one load or two
