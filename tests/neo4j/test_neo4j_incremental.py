"""Loads that continue a real Neo4j: a corpus then one more input stores the graph of one load of
all, a re-load never runs the model, and a load stopped halfway is extracted again, not skipped
(tests/test_incremental.py has the embedded store's twin)."""

from __future__ import annotations

from pathlib import Path

import pytest

from graphkit import schema
from graphkit.errors import StoreError
from graphkit.extract import Extractor
from graphkit.pipeline import load, load_tables
from graphkit.sources import Report, expand_inputs, read_inputs, read_posts
from graphkit.store import Store, open_store
from graphkit.store.neo4j_tables import _writes
from graphkit.store.rows import WAITING
from tests.incremental import (
    CASES,
    DATA,
    EXAMPLE,
    answered,
    both_ends_missing,
    differences,
    load_inputs,
    reversed_thread,
    stored,
)


def _empty(store) -> None:
    store.query("MATCH (n) DETACH DELETE n", write=True)


@pytest.mark.parametrize("case", sorted(CASES))
def test_a_corpus_then_one_more_input_stores_what_one_load_of_all_does(neo4j_options, tmp_path, case):
    first, second = CASES[case](tmp_path)
    with open_store("neo4j", **neo4j_options) as store:
        load_inputs(store, [first, second])
        whole = stored(store)
        _empty(store)
        load_inputs(store, [first])
        load_inputs(store, [second])
        assert differences(stored(store), whole) == []


def test_reloading_unchanged_input_never_runs_the_model(neo4j_options):
    with open_store("neo4j", **neo4j_options) as store:
        first = load_inputs(store, [EXAMPLE])
        before = stored(store)
        report = Report()
        posts = read_posts(expand_inputs([str(EXAMPLE)]), report=report)
        again = load(posts, store, Extractor(model="no_such_model", workers=1), report=report)
        assert differences(stored(store), before) == []
    assert again.stored == again.posts == first.posts


def test_a_load_stopped_halfway_is_extracted_again_not_skipped(neo4j_options, monkeypatch):
    with open_store("neo4j", **neo4j_options, batch_size=7) as store:
        load_inputs(store, [EXAMPLE], entities=False)
        clean = stored(store)
        _empty(store)
        write, calls = store._write, []

        def failing(statement, rows):
            calls.append(1)
            if len(calls) == 8:  # after the batch's mark and some of its nodes, posts among them
                raise StoreError("injected failure")
            return write(statement, rows)

        monkeypatch.setattr(store, "_write", failing)
        with pytest.raises(StoreError, match="injected"):
            load_inputs(store, [EXAMPLE], entities=False)
        monkeypatch.setattr(store, "_write", write)
        posts = [p for p in clean[1] if p.startswith(("comment:", "article:"))]
        assert store.unfinished_posts() == set(posts)
        assert store.query("MATCH (c:Comment) RETURN count(c)").rows[0][0] > 0
        assert not any(s.finished for s in store.stored_posts(posts).values())
        summary = load_inputs(store, [EXAMPLE], entities=False)
        assert summary.stored == 0
        assert differences(stored(store), clean) == []
        assert store.unfinished_posts() == set()


def _read_ahead(store, path: str, batch_size: int) -> dict[str, int]:
    """What ``graphkit load --no-entities --batch-size batch_size`` stores of ``path`` (inputs read ahead)."""
    report = Report()
    posts = read_posts(expand_inputs([path]), report=report)
    again = lambda: read_inputs(expand_inputs([path]))  # noqa: E731
    summary = load(posts, store, Extractor(entities=False, workers=1), batch_size, report=report, again=again)
    return {"nodes": summary.counts.nodes_created, "rels": summary.counts.rels_created}


@pytest.mark.parametrize("platform", ["discourse", "mastodon"])
def test_an_account_named_before_the_input_it_writes_in_is_stored_as_it_writes_at_every_batch_size(
    neo4j_options, platform
):
    """A stored Author a mention made takes what its first post shows once that is loaded, as one batch
    of everything shows it; loading the same input again changes nothing (its Authors have their posts)."""
    path = str(DATA / "real" / platform)
    with open_store("neo4j", **neo4j_options) as store:
        _read_ahead(store, path, 100_000)
        whole = stored(store)
        _empty(store)
        _read_ahead(store, path, 7)
        assert differences(stored(store), whole) == []
        assert _read_ahead(store, path, 7) == {"nodes": 0, "rels": 0}
        assert differences(stored(store), whole) == []


def test_an_edge_missing_both_ends_waits_for_each_in_turn(neo4j_options, tmp_path):
    """Extracted tables written without the two comments a stated reply joins, the reply as a share of them writes it
    (``neo4j_tables``): the reply waits for its start; tables holding its start alone write the start, and the reply
    then waits for its end, until a load of the page writes that too, once (tests/test_load_batches.py's twin)."""
    page, lacking, start, reply = both_ends_missing(tmp_path)
    waits = f"MATCH (w:{WAITING} {{id: $id}}) RETURN w.waits"
    written = (
        f"MATCH (:{schema.COMMENT} {{id: $from}})-[r:{schema.REPLY_TO} {{id: $id}}]->(:{schema.COMMENT} {{id: $to}})"
    )
    with open_store("neo4j", **neo4j_options) as store:
        load_tables(lacking, store, 7)  # a batch holds the edges its posts own: the reply is not among them
        for statement, rows in _writes(schema.REPLY_TO, [reply], store):
            store._write(statement, rows)
        assert store.query(waits, {"id": reply["id"]}).rows == [[reply["from"]]]
        load_tables(start, store, 7)
        assert store.query(waits, {"id": reply["id"]}).rows == [[reply["to"]]]
        assert load_inputs(store, [page], 7, entities=False).counts.rels_skipped == 0
        assert store.query(f"MATCH (w:{WAITING}) RETURN count(w)").rows == [[0]]
        ends = {"id": reply["id"], "from": reply["from"], "to": reply["to"]}
        assert store.query(f"{written} RETURN count(r)", ends).rows == [[1]]


def test_a_load_in_reading_order_looks_no_edge_end_up(neo4j_options, monkeypatch):
    """Batches of a thread read in order store every edge's ends before the edge: the relationships' MERGE matches
    them all, and no batch looks its edges' ends up (only a MERGE matching fewer rows than given does)."""
    asked: list[int] = []
    looked_up = Store.missing
    monkeypatch.setattr(Store, "missing", lambda store, nodes: asked.append(1) or looked_up(store, nodes))
    with open_store("neo4j", **neo4j_options) as store:
        counts = load_inputs(store, [EXAMPLE], batch_size=7, entities=False).counts
        assert counts.rels_created and not counts.rels_skipped
    assert asked == []


def test_a_reply_read_before_the_post_it_answers_is_stored_at_every_batch_size(neo4j_options, tmp_path):
    """An input listing replies before their parents: an edge whose end a later batch brings waits in the database
    until that batch writes it, as one batch of everything writes it; loading it again changes nothing."""
    path = str(reversed_thread(tmp_path))
    with open_store("neo4j", **neo4j_options) as store:
        _read_ahead(store, path, 100_000)
        whole = stored(store)
        assert whole[0][schema.REPLY_TO] == answered(Path(path))
        _empty(store)
        _read_ahead(store, path, 7)
        assert differences(stored(store), whole) == []
        assert store.query(f"MATCH (w:{WAITING}) RETURN count(w)").rows == [[0]]
        assert _read_ahead(store, path, 7) == {"nodes": 0, "rels": 0}
