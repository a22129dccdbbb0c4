"""The embedded store: idempotent batches, alias merging, atomic failure, exact round trips."""

from __future__ import annotations

import dataclasses
import hashlib
import json
import os
import subprocess
import sys
from pathlib import Path
from urllib.parse import unquote

import ladybug as lb
import pytest
from click.testing import CliRunner

from graphkit import queries, schema
from graphkit.cli import main
from graphkit.errors import QueryError, StoreError
from graphkit.graph import build_graph
from graphkit.records import Edge, Fragment, Node
from graphkit.store import LAYOUT, LAYOUT_LABEL, open_store
from graphkit.store.rows import batch_key
from tests import builders as build
from tests.cli_runs import run


def test_loading_twice_changes_no_counts(example_posts, store_path):
    graph = build_graph(example_posts, Fragment())
    with open_store("ladybug", path=store_path) as store:
        first = store.load(graph)
        counts = store.counts()
        second = store.load(graph)
        assert store.counts() == counts
    assert first.nodes_created == graph.number_of_nodes() and first.rels_created == graph.number_of_edges()
    assert second.nodes_created == 0 and second.rels_created == 0
    assert second.nodes_present == graph.number_of_nodes() and second.rels_present == graph.number_of_edges()
    assert counts["Comment"] == 22 and counts["Author"] == 4 and counts["Article"] == 1


def test_entities_merge_across_loads_and_gain_aliases(store_path):
    art1, art2 = build.article("one"), build.article("two")
    p1, p2 = build.post(art1.id, 1, "Lavrov"), build.post(art2.id, 1, "Sergei Lavrov")
    lavrov = build.entity("Sergey Lavrov", "Lavrov")
    with open_store("ladybug", path=store_path) as store:
        store.load(build_graph([art1, p1], Fragment([lavrov], [build.mention(p1, lavrov.id, 0)])))
        more = build.entity("Sergey Lavrov", "Sergei Lavrov")
        store.load(build_graph([art2, p2], Fragment([more], [build.mention(p2, more.id, 0)])))
        rows = store.query("MATCH (p:Person) RETURN p.name, p.aliases").rows
        assert rows == [["Sergey Lavrov", ["Lavrov", "Sergei Lavrov", "Sergey Lavrov"]]]
        assert store.counts()["MENTIONS"] == 2


def test_an_entity_that_gains_a_form_gains_the_reason_it_joined(store_path):
    art1, art2 = build.article("one"), build.article("two")
    p1, p2 = build.post(art1.id, 1, "Sergey Lavrov"), build.post(art2.id, 1, "Sergei Lavrov")
    first = build.entity("Sergey Lavrov", evidence="Person 2.5: model PERSON (+1)")
    joined = "sergei-lavrov ~ sergey-lavrov: first name spelt alike"
    later = build.entity("Sergey Lavrov", "Sergei Lavrov", evidence=f"Person 5: model PERSON (+1) ×2; {joined}")
    with open_store("ladybug", path=store_path) as store:
        store.load(build_graph([art1, p1], Fragment([first], [build.mention(p1, first.id, 0)])))
        store.load(build_graph([art2, p2], Fragment([later], [build.mention(p2, later.id, 0)])))
        store.load(build_graph([art2, p2], Fragment([later], [build.mention(p2, later.id, 0)])))
        rows = store.query("MATCH (p:Person) RETURN p.aliases, p.evidence").rows
    assert rows == [[["Sergei Lavrov", "Sergey Lavrov"], f"Person 2.5: model PERSON (+1); {joined}"]]


def test_failed_batch_leaves_store_as_it_was(store_path):
    art = build.article("one")
    good = build_graph([art, build.post(art.id, 1, "fine")], Fragment())
    bad_post = build.post(art.id, 2, "boom")
    bad = build_graph([bad_post], Fragment())
    bad.nodes[bad_post.id]["position"] = "not a number"  # the engine rejects the typed column
    with open_store("ladybug", path=store_path) as store:
        store.load(good)
        before = store.counts()
        with pytest.raises(StoreError, match="nothing of it was written"):
            store.load(bad)
        assert store.counts() == before


def test_edges_to_nodes_outside_batch_and_store_are_skipped_and_counted(store_path):
    art = build.article("one")
    post = build.post(art.id, 1, "hi")
    ghost = schema.post_id("test", art.id, "never-read")
    edge = Edge(schema.REPLY_TO, post.id, ghost, {"id": "reply_to:x", "inferred": False, "confidence": 1.0})
    with open_store("ladybug", path=store_path) as store:
        counts = store.load(build_graph([art, post], Fragment([], [edge])))
        assert counts.rels_skipped == 1 and store.counts()["REPLY_TO"] == 0


@pytest.mark.parametrize(
    "text",
    [
        "quote \" and ' and `",
        "new\nline",
        "emoji 😀🇷🇺",
        "nul \x00 byte",
        "<img src=x onerror=alert(1)>",
        "x" * 1_000_000,
    ],
)
def test_hostile_and_large_strings_round_trip_exactly(store_path, text):
    art = build.article("one")
    post = build.post(art.id, 1, text, author=text[:100])
    with open_store("ladybug", path=store_path) as store:
        store.load(build_graph([art, post], Fragment()))
        assert store.query("MATCH (c:Comment) RETURN c.text").rows == [[text]]
        assert store.query("MATCH (a:Author) RETURN a.name").rows == [[text[:100]]]


def test_read_only_store_refuses_writes(example_posts, store_path):
    with open_store("ladybug", path=store_path) as store:
        store.load(build_graph(example_posts, Fragment()))
    with open_store("ladybug", path=store_path, read_only=True) as store, pytest.raises(QueryError, match="--write"):
        store.query("MATCH (c:Comment) SET c.text = 'defaced'")


def test_missing_store_for_reading_is_a_clear_error(tmp_path):
    with pytest.raises(StoreError, match="no store here yet"):
        open_store("ladybug", path=str(tmp_path / "absent.lbug"), read_only=True)


def test_a_store_without_tables_read_is_a_clear_error_and_stays_as_it_was(tmp_path):
    """A database file holding no table (a load stopped as it made the store) is read with one line naming what to
    run, not the engine's first unknown table, and reading it writes nothing."""
    path = str(tmp_path / "bare.lbug")
    db = lb.Database(path)
    lb.Connection(db).execute("RETURN 1")
    db.close()
    before = Path(path).read_bytes()
    for args in (["stats"], ["query", "most-mentioned"], ["view", "--kind", "replies", "-o", str(tmp_path / "v.html")]):
        result = CliRunner().invoke(main, [*args, "--store", path])
        assert result.exit_code == 1, result.output
        assert result.output.strip().splitlines() == [
            f"Error: {path}: the store holds no tables yet (run 'graphkit load' or 'graphkit init-db')"
        ]
    assert Path(path).read_bytes() == before


def test_fetch_graph_returns_what_was_loaded(example_posts, store_path):
    graph = build_graph(example_posts, Fragment())
    with open_store("ladybug", path=store_path) as store:
        store.load(graph)
        fetched = store.fetch_graph()
    assert set(fetched.nodes) == set(graph.nodes)
    assert set(fetched.edges(keys=True)) == set(graph.edges(keys=True))
    some = example_posts[3].id
    assert fetched.nodes[some] == graph.nodes[some]


def test_a_stub_root_is_filled_in_when_the_real_root_arrives(store_path):
    stub = build.article("one", stub=True)
    reply = build.post(stub.id, 1, "first")
    real = build.article("one", author="op")
    with open_store("ladybug", path=store_path) as store:
        store.load(build_graph([stub, reply], Fragment()))
        store.load(build_graph([real], Fragment()))
        assert store.query("MATCH (a:Article) RETURN a.title, a.text, a.stub").rows == [["one", "body", False]]
        assert store.query("MATCH (w:Author)-[:WROTE]->(a:Article) RETURN w.name").rows == [["op"]]
        before = store.counts()
        store.load(build_graph([real], Fragment()))
        assert store.counts() == before


def test_posts_looked_up_ahead_are_not_looked_up_again_and_a_stub_written_meanwhile_is_filled(store_path, monkeypatch):
    """A load asks which of a batch's posts are stored before extracting it, possibly while earlier batches
    load: the nodes step takes the posts it found missing from that answer, unless a batch in between
    wrote one (here the root, as a stub), which it then finds stored and fills in."""
    from graphkit.store.ladybug import LadybugStore

    stub = build.article("one", stub=True)
    reply = build.post(stub.id, 1, "first")
    real, other = build.article("one", author="op"), build.post(stub.id, 2, "second")
    asked: list[str] = []
    existing = LadybugStore._existing
    monkeypatch.setattr(
        LadybugStore, "_existing", lambda self, label, ids: existing(self, label, asked.extend(ids) or ids)
    )
    with open_store("ladybug", path=store_path) as store:
        store.load(build_graph([build.article("zero"), build.post(build.article("zero").id, 1, "x")], Fragment()))
        assert store.stored_posts([stub.id, reply.id]) == {}
        assert store.stored_posts([real.id, other.id]) == {}  # the next batch's, looked up ahead
        asked.clear()
        store.load(build_graph([stub, reply], Fragment()))
        assert stub.id not in asked and reply.id not in asked
        store.load(build_graph([real, other], Fragment()))
        assert real.id in asked and other.id not in asked
        assert store.query("MATCH (a:Article {id: $id}) RETURN a.stub", {"id": real.id}).rows == [[False]]
        assert store.counts()["Comment"] == 3


def test_batches_do_not_keep_their_arrow_tables_alive(store_path):
    import pyarrow as pa

    before = pa.total_allocated_bytes()
    with open_store("ladybug", path=store_path) as store:
        held = []
        for batch in range(4):
            posts = [build.post(f"t{batch}", n, "some text " * 20) for n in range(300)]
            store.load(build_graph(posts, Fragment()))
            held.append(pa.total_allocated_bytes() - before)
    assert held == [0, 0, 0, 0]


@pytest.mark.parametrize("stored_first", [0, 12], ids=["new batch", "batch with stored posts"])
def test_a_batch_that_failed_partway_is_completed_exactly_by_loading_it_again(
    example_posts, store_path, tmp_path, monkeypatch, stored_first
):
    """Each relationship group of a batch commits on its own; the steps table tells a re-run
    which groups are in and which posts the batch brought, so it writes the rest once and
    duplicates nothing, also of posts an earlier load had stored with their edges."""
    from graphkit.extract import Extractor
    from graphkit.store.ladybug import LadybugStore

    extractor = Extractor(entities=False)
    earlier = build_graph(example_posts[:stored_first], extractor.extract(example_posts[:stored_first]))
    graph = build_graph(example_posts, Extractor(entities=False).extract(example_posts))
    assert len({t for *_, t in graph.edges(data="type")}) > 2  # relationship groups enough to stop between
    with open_store("ladybug", path=str(tmp_path / "clean.lbug")) as store:
        store.load(earlier)
        store.load(graph)
        clean_counts, clean_graph = store.counts(), store.fetch_graph()
    written: list[int] = []
    copy_rels = LadybugStore._copy_rels

    def fail_on_second_group(self, group, rows):
        if len(written) == 1:
            raise RuntimeError("IO exception: No space left on device")
        written.append(len(rows))
        return copy_rels(self, group, rows)

    with open_store("ladybug", path=store_path) as store:
        store.load(earlier)
        before = sum(store.counts()[r.type] for r in schema.RELATIONSHIPS)
        monkeypatch.setattr(LadybugStore, "_copy_rels", fail_on_second_group)
        with pytest.raises(StoreError, match="what it wrote is kept and a re-run completes it"):
            store.load(graph)
        partial = store.counts()
        steps = "MATCH (s:LoadStep) WHERE s.id STARTS WITH $batch RETURN count(*)"
        batch = {"batch": batch_key(graph)}
        assert store.query(steps, batch).rows == [[2]]  # the nodes and the first relationship group
        monkeypatch.setattr(LadybugStore, "_copy_rels", copy_rels)
        counts = store.load(graph)
        again = store.load(graph)
        assert store.counts() == clean_counts
        assert set(store.fetch_graph().edges(keys=True)) == set(clean_graph.edges(keys=True))
    with open_store("ladybug", path=store_path, read_only=True) as store:
        assert store.counts() == clean_counts
        assert store.query("MATCH (s:LoadStep) RETURN count(*)").rows == [[0]]  # complete batches leave none
    assert sum(partial[r.type] for r in schema.RELATIONSHIPS) == before + written[0] > before
    assert counts.rels_created == graph.number_of_edges() - before - written[0]
    assert again.rels_created == 0 and again.rels_present == graph.number_of_edges()


@pytest.mark.parametrize("stored_first", [0, 12], ids=["new batch", "batch with stored posts"])
def test_a_relationship_copy_committed_without_its_record_is_recorded_not_copied_again(
    example_posts, store_path, tmp_path, monkeypatch, stored_first
):
    """A relationship group's copy commits on its own, then its record: a load stopped between the two (a
    process killed there) leaves the rows unrecorded, and a re-run finds them stored and writes no duplicate."""
    from graphkit.extract import Extractor
    from graphkit.store.ladybug import LadybugStore

    earlier = build_graph(example_posts[:stored_first], Extractor(entities=False).extract(example_posts[:stored_first]))
    graph = build_graph(example_posts, Extractor(entities=False).extract(example_posts))
    with open_store("ladybug", path=str(tmp_path / "clean.lbug")) as store:
        store.load(earlier)
        store.load(graph)
        clean_counts, clean_graph = store.counts(), store.fetch_graph()
    copied: list[str] = []
    copy_rels = LadybugStore._copy_rels

    def stop_after_second_copy(self, group, rows):
        copy_rels(self, group, rows)
        copied.append(group.type)
        if len(copied) == 2:
            raise RuntimeError("stopped before the record")

    with open_store("ladybug", path=store_path) as store:
        store.load(earlier)
        before = store.counts()
        monkeypatch.setattr(LadybugStore, "_copy_rels", stop_after_second_copy)
        with pytest.raises(StoreError, match="what it wrote is kept"):
            store.load(graph)
        assert store.counts()[copied[1]] > before[copied[1]]  # the stopped group's rows are stored, unrecorded
        steps = "MATCH (s:LoadStep) WHERE s.id STARTS WITH $batch RETURN count(*)"
        assert store.query(steps, {"batch": batch_key(graph)}).rows == [[2]]  # the nodes and the first group
        monkeypatch.undo()
        counts = store.load(graph)
        assert store.counts() == clean_counts
        assert sorted(store.fetch_graph().edges(keys=True)) == sorted(clean_graph.edges(keys=True))
    assert counts.rels_created + counts.rels_present == graph.number_of_edges()


def test_a_batch_an_older_graphkit_recorded_one_post_an_item_is_completed(
    example_posts, store_path, tmp_path, monkeypatch
):
    """A step's record holds its posts packed into one string; a record written one post id an item (before
    that) still tells a re-run which posts the batch brought."""
    from graphkit.extract import Extractor
    from graphkit.store.ladybug import LadybugStore

    graph = build_graph(example_posts, Extractor(entities=False).extract(example_posts))
    with open_store("ladybug", path=str(tmp_path / "clean.lbug")) as store:
        store.load(graph)
        clean_counts = store.counts()

    def fail(self, group, rows):
        raise RuntimeError("IO exception: No space left on device")

    nodes = {"id": f"{batch_key(graph)}:nodes"}
    with open_store("ladybug", path=store_path) as store:
        monkeypatch.setattr(LadybugStore, "_copy_rels", fail)
        with pytest.raises(StoreError, match="what it wrote is kept"):
            store.load(graph)
        (packed,) = store.query("MATCH (s:LoadStep {id: $id}) RETURN s.posts", nodes).rows[0]
        brought = sorted(p.id for p in example_posts)
        assert len(packed) == 1 and sorted(packed[0].split("\n")) == brought
        store.query("MATCH (s:LoadStep {id: $id}) SET s.posts = $posts", {**nodes, "posts": brought}, write=True)
        assert store.unfinished_posts() == set(brought)
        monkeypatch.undo()
        store.load(graph)
        assert store.counts() == clean_counts


def test_a_page_cache_too_small_to_open_a_store_in_says_so_and_leaves_no_table(store_path, monkeypatch):
    monkeypatch.setenv("GRAPHKIT_BUFFER_POOL_MB", "8")
    too_small = "cannot open the embedded store .*too small for it: raise GRAPHKIT_BUFFER_POOL_MB"
    with pytest.raises(StoreError, match=too_small):
        open_store("ladybug", path=store_path)
    import ladybug as lb

    db = lb.Database(store_path, read_only=True, buffer_pool_size=64 * 2**20)
    conn = lb.Connection(db)
    assert conn.execute("CALL show_tables() RETURN name").get_all() == []  # no table created of those it failed in
    conn.close()
    db.close()
    monkeypatch.setenv("GRAPHKIT_BUFFER_POOL_MB", "64")
    with open_store("ladybug", path=store_path) as store:
        assert store.counts()["Comment"] == 0


def test_a_store_from_before_a_new_property_gains_it(store_path):
    import ladybug as lb

    props = schema.node_type(schema.AUTHOR).props
    old = props[: schema.node_type(schema.AUTHOR).names.index("guest")]  # those before it, as graphkit wrote them
    db = lb.Database(store_path)
    conn = lb.Connection(db)
    conn.execute(f"CREATE NODE TABLE Author({', '.join(f'`{p.name}` {p.type}' for p in old)}, PRIMARY KEY(id))")
    conn.execute("CREATE (:Author {id: 'author:disqus:ann', name: 'ann', platform: 'disqus'})")
    conn.close()
    db.close()
    root = build.article("one")
    reply = dataclasses.replace(build.post(root.id, 1, "hello"), author="Bob", guest=True)
    with open_store("ladybug", path=store_path) as store:
        store.load(build_graph([root, reply], Fragment()))
        rows = store.query("MATCH (a:Author) RETURN a.name, a.guest ORDER BY a.name").rows
    assert rows == [["Bob", True], ["ann", None]]


def test_a_store_from_before_comments_could_be_stubs_loads_a_stub_comment(store_path):
    """Rows are copied by position and a property a store gains goes at the end of its table: the schema's newer
    properties (``stub``, then ``quotes_stated``) stand last, in the order they joined, so a store written before them
    loads a comment the input names but lacks, and one stating its quote."""
    root = build.article("one")
    names = schema.node_type(schema.COMMENT).names
    with open_store("ladybug", path=store_path) as store:
        store.load(build_graph([root], Fragment()))
        for name in names[: names.index("stub") - 1 : -1]:
            store._run(f"ALTER TABLE {schema.COMMENT} DROP {name}")
    missing = dataclasses.replace(build.post(root.id, 1, "", author=None), meta={"stub": True})
    answer = dataclasses.replace(build.post(root.id, 2, "an answer"), url="https://example.org/2", quoted=("hi",))
    with open_store("ladybug", path=store_path) as store:
        store.load(build_graph([root, missing, answer], Fragment()))
        rows = store.query(
            "MATCH (c:Comment) RETURN c.position, c.stub, c.url, c.quotes_stated ORDER BY c.position"
        ).rows
    assert rows == [[1, True, None, False], [2, False, "https://example.org/2", True]]


def test_a_load_of_small_batches_checkpoints_after_the_first_and_on_closing(store_path, tmp_path, monkeypatch):
    """Each checkpoint rewrites the relationship regions that gained a relationship, so after a new store's
    first batch (written at once, so an interrupted load keeps it) a load checkpoints only when what is
    unsaved reaches a share of the page cache: many small batches are written by one more, on closing."""
    from bench.synthetic import write_reddit_dump
    from graphkit.extract import Extractor
    from graphkit.pipeline import load
    from graphkit.sources import Report, expand_inputs, read_posts
    from graphkit.store import ladybug
    from graphkit.store.ladybug import LadybugStore

    dump = tmp_path / "reddit.ndjson"
    write_reddit_dump(dump, 1200, seed=2)
    run, checkpoints = LadybugStore._run, []

    def counted(self, cypher, params=None):
        if cypher == "CHECKPOINT":
            checkpoints.append(len(batches))  # batches loaded before it
        return run(self, cypher, params)

    monkeypatch.setattr(LadybugStore, "_run", counted)
    monkeypatch.setattr(LadybugStore, "bulk", lambda self: None)  # batch by batch, as a library's loads go
    # The process's memory held still: the engine's resident growth over these steps (240-310 MB, its page
    # cache filling) sits at the reopen limit, whose own checkpoints the heap tests below cover.
    monkeypatch.setattr(ladybug, "_resident", lambda: 500 * 1024 * 1024)
    batches: list[int] = []
    with open_store("ladybug", path=store_path) as store:
        posts = read_posts(expand_inputs([str(dump)]), report=Report())
        load(posts, store, Extractor(entities=False), 100, progress=lambda s: batches.append(s.posts))
    assert len(batches) > 10
    assert checkpoints == [0, len(batches)]  # in the first batch's load, and on closing
    with open_store("ladybug", path=store_path, read_only=True) as store:
        assert store.counts()["Comment"] == 1200
        assert store.query("MATCH (s:LoadStep) RETURN count(*)").rows == [[0]]


def test_a_batch_is_written_to_the_file_by_one_checkpoint(store_path, monkeypatch):
    """Every checkpoint after the first rewrites the relationship regions that gained a relationship, so
    a batch whose nodes alone exceed a tenth of the page cache is settled after its last step, not also
    after its nodes (memory stays bounded by the batch's size)."""
    from graphkit.store import ladybug as embedded

    monkeypatch.setattr(embedded, "BUFFER_POOL", 32 * 1024 * 1024)
    art = build.article("big")
    posts = [build.post(art.id, n, "words of a long comment " * 100, author=f"u{n}") for n in range(1, 2001)]
    people = [
        Node(schema.entity_id(schema.PERSON, name), schema.PERSON, {"name": name, "aliases": [name]})
        for name in (f"Person {k}" for k in range(20))
    ]
    mentions = [build.mention(p, person.id, k) for p in posts for k, person in enumerate(people)]
    graph = build_graph([art, *posts], Fragment(people, mentions))
    checkpoints = []
    run = embedded.LadybugStore._run

    def counted(self, cypher, params=None):
        if cypher == "CHECKPOINT":
            checkpoints.append(self._unsaved)
        return run(self, cypher, params)

    with open_store("ladybug", path=store_path) as store:
        monkeypatch.setattr(embedded.LadybugStore, "_run", counted)
        store.load(graph)
        assert len(checkpoints) == 1
        monkeypatch.undo()
        assert store.counts()[schema.MENTIONS] == len(mentions)


def test_heap_a_step_freed_is_handed_back_before_its_growth_counts(store_path, monkeypatch):
    """A step's new connection frees what the engine held for it, which the heap keeps resident: handed
    back before the store's growth decides a reopen, it does not count, so loading many batches reopens
    only with the checkpoint of the new store's first batch. The process's memory here is a stand-in
    (each step leaves 20 MB free in the heap)."""
    from graphkit.store import ladybug as embedded

    heap = {"free": 0}
    reopens = []
    reconnect, reopen = embedded.LadybugStore._reconnect, embedded.LadybugStore._reopen

    def left_free(self):
        reconnect(self)
        heap["free"] += 20 * 1024 * 1024

    def trim():
        heap["free"] = 0

    monkeypatch.setattr(embedded.LadybugStore, "_reconnect", left_free)
    monkeypatch.setattr(embedded.LadybugStore, "_reopen", lambda self: reopens.append(1) or reopen(self))
    monkeypatch.setattr(embedded, "_resident", lambda: 500 * 1024 * 1024 + heap["free"])
    monkeypatch.setattr(embedded, "_trim", trim)
    with open_store("ladybug", path=store_path) as store:
        for batch in range(20):
            store.load(build_graph([build.post(f"t{batch}", n, "some text") for n in range(5)], Fragment()))
        assert reopens == [1]
        assert store.counts()["Comment"] == 100


def _load_in_a_process(store_path: str, dump: str, cache_mb: int, batch: int) -> subprocess.CompletedProcess[str]:
    """A load in a process of its own, so that a crash of the engine fails the test rather than ending it."""
    command = [sys.executable, "-m", "graphkit", "load", "--store", store_path, dump, "--no-entities"]
    env = {**os.environ, "GRAPHKIT_BUFFER_POOL_MB": str(cache_mb)}
    return subprocess.run([*command, "--batch-size", str(batch)], env=env, capture_output=True, text=True)


def _assert_loaded(store_path: str, comments: int) -> None:
    with open_store("ladybug", path=store_path, read_only=True) as store:
        counts = store.counts()
        assert counts["Comment"] == counts[schema.REPLY_TO] == comments
        assert store.query("MATCH (s:LoadStep) RETURN count(*)").rows == [[0]]
        # a node the engine's primary-key index missed would have been copied twice
        twice = "MATCH (n) WITH label(n) AS l, n.id AS i, count(*) AS c WHERE c > 1 RETURN count(*)"
        assert store.query(twice).rows == [[0]]


def test_a_small_page_cache_is_checkpointed_before_a_step_would_fill_it(store_path, tmp_path):
    """Each node table's COPY needs 15 MB or more of the page cache besides the rows held since the last
    checkpoint; in a 32 MB cache the third batch of 2,000 comments found it full, and the checkpoint on
    closing after that failure crashed the process."""
    from bench.synthetic import write_reddit_dump

    write_reddit_dump(dump := tmp_path / "reddit.ndjson", 8000, seed=1)
    done = _load_in_a_process(store_path, str(dump), 32, 2000)
    assert done.returncode == 0, done.stderr
    _assert_loaded(store_path, 8000)


def test_a_page_cache_too_small_for_a_batch_says_so_and_a_larger_one_completes_the_load(store_path, tmp_path):
    from bench.synthetic import write_reddit_dump

    write_reddit_dump(dump := tmp_path / "reddit.ndjson", 2000, seed=1)
    # a store holding a post is loaded batch by batch (one that holds nothing, in one go, fits in this cache)
    seed = (
        '{"id": "seed1", "name": "t3_seed1", "author": "op", "title": "Seed", "selftext": "Held before.", '
        '"url": "https://www.reddit.com/r/worldnews/comments/seed1/", "is_self": true, "created_utc": 1500000000, '
        '"subreddit": "worldnews"}\n'
    )
    (seeded := tmp_path / "seed.ndjson").write_text(seed)
    assert _load_in_a_process(store_path, str(seeded), 64, 500).returncode == 0
    failed = _load_in_a_process(store_path, str(dump), 24, 500)
    assert failed.returncode == 1
    assert "too small for it: raise GRAPHKIT_BUFFER_POOL_MB" in failed.stderr
    assert "Traceback" not in failed.stderr
    done = _load_in_a_process(store_path, str(dump), 64, 500)
    assert done.returncode == 0, done.stderr
    _assert_loaded(store_path, 2000)


def _raw(store_path: str, *statements: str) -> list[list]:
    """Run statements on the database file itself, as another graphkit would write it; the last one's rows."""
    import ladybug as lb

    db = lb.Database(store_path)
    conn = lb.Connection(db)
    try:
        return [conn.execute(s).get_all() for s in statements][-1]
    finally:
        conn.close()
        db.close()


def _layout_stored(store_path: str) -> list[list]:
    return _raw(store_path, f"MATCH (l:{LAYOUT_LABEL}) RETURN l.id, l.layout")


def test_a_store_of_another_layout_ends_in_one_line_and_is_left_as_it_was(store_path):
    """A store marked with a layout this graphkit does not read (a later one's) is refused on opening, for reading
    and for writing, by the CLI in one line, and nothing is written to it."""
    example = os.path.join(os.path.dirname(__file__), "..", "data", "palmyra-lavrov-thread.txt")
    loaded = CliRunner().invoke(main, ["load", example, "--store", store_path, "--no-entities", "--workers", "1"])
    assert loaded.exit_code == 0, loaded.output
    assert _layout_stored(store_path) == [["store", LAYOUT]]  # a store written today (in one go) names its layout
    comments = _raw(store_path, "MATCH (c:Comment) RETURN count(c)")
    _raw(store_path, f"MATCH (l:{LAYOUT_LABEL}) SET l.layout = {LAYOUT + 1}")
    said = f"this store was written by graphkit layout {LAYOUT + 1}; this graphkit reads layout {LAYOUT}"
    for read_only in (True, False):
        with pytest.raises(StoreError, match=said):
            open_store("ladybug", path=store_path, read_only=read_only)
    result = CliRunner().invoke(main, ["query", "MATCH (c:Comment) RETURN count(c)", "--store", store_path])
    assert result.exit_code == 1 and result.stderr.startswith(f"Error: {store_path}: {said}")
    assert len(result.stderr.splitlines()) == 1 and "Traceback" not in result.output
    assert _layout_stored(store_path) == [["store", LAYOUT + 1]]
    assert _raw(store_path, "MATCH (c:Comment) RETURN count(c)") == comments != [[0]]


def test_a_store_written_before_the_layout_mark_is_read_and_marked_when_next_written(store_path):
    """A store without the mark, as graphkit wrote them before it kept one (today's tables), holding no comment
    layout 2 gives another id: read as it is, marked by the next opening for writing, and loaded into as before."""
    root = build.article("one")
    with open_store("ladybug", path=store_path) as store:
        store.load(build_graph([root, build.post(root.id, 1, "hi")], Fragment()))
    _raw(store_path, f"DROP TABLE {LAYOUT_LABEL}")
    with open_store("ladybug", path=store_path, read_only=True) as store:
        assert store.counts()["Comment"] == 1
    with pytest.raises(RuntimeError, match=LAYOUT_LABEL):  # reading left it unmarked
        _layout_stored(store_path)
    with open_store("ladybug", path=store_path) as store:
        store.load(build_graph([root, build.post(root.id, 2, "again")], Fragment()))
        assert store.counts()["Comment"] == 2
    assert _layout_stored(store_path) == [["store", LAYOUT]]


DISCOURSE = os.path.join(os.path.dirname(__file__), "..", "data", "real", "discourse")


def _user_id(node: str) -> int | None:
    """The forum's user id of a Discourse Author's id ("…host%2Fadmin%2Fusers%2FID"), None for another node."""
    head, _, tail = unquote(node).rpartition("/admin/users/")
    return int(tail) if head.startswith("author:discourse:") else None


def _but_handle(attrs: dict) -> dict:
    return {k: v for k, v in attrs.items() if k != "handle"}


def _digests(folder: Path) -> dict[str, str]:
    """Each file's SHA-256 by name: whether anything in ``folder`` was written."""
    return {f.name: hashlib.sha256(f.read_bytes()).hexdigest() for f in sorted(folder.iterdir()) if f.is_file()}


def _lookups(store, name: str) -> dict[str, list | None]:
    """What the query library's mentions-of and quotes-of and a view's --author find by ``name``."""
    from graphkit.errors import InputError
    from graphkit.views.scope import match_authors

    found: dict[str, list | None] = {}
    for key, name_of in (("mentions", "mentions-of"), ("quotes", "quotes-of")):
        query = queries.get(name_of)
        found[key] = store.query(query.text, query.params({"name": name})).rows
    try:
        found["authors"] = match_authors(store, name)
    except InputError:
        found["authors"] = None
    return found


def _mentions_of(store, name: str) -> list[list]:
    query = queries.get("mentions-of")
    return store.query(query.text, query.params({"name": name})).rows


def test_a_store_from_before_handles_is_read_as_it_is_and_gains_them_by_a_load(tmp_path):
    """A store written before Authors had a handle (the column dropped from one written now: what is left is what
    the graphkit before it wrote) is read as it is, not a byte changed (the graphkit before can still load into
    it), a query naming the property saying what to do; a later load adds the property and fills in the handle
    of each stored Author writing in it, by which the query library then finds the mentions the first load stored
    too (two real topics of one forum, where Carlton D'Silva writes as carlton)."""
    first, second = (os.path.join(DISCOURSE, f"topic_{n}.json") for n in (165396, 168916))
    store_path = str(tmp_path / "s.lbug")
    run("load", first, "--store", store_path, "--no-entities", "--workers", "1")
    name = "Carlton D'Silva"
    with open_store("ladybug", path=store_path) as store:
        before = store.fetch_graph()
        found = _lookups(store, name)
        store._run(f"ALTER TABLE {schema.AUTHOR} DROP handle")
    assert all(found.values())
    written = _digests(tmp_path)
    with open_store("ladybug", path=store_path, read_only=True) as store:
        kept = store.fetch_graph()
        assert _lookups(store, name) == found  # by name, as before handles
        assert _lookups(store, "@" + name) == {"mentions": [], "quotes": [], "authors": None}
        with pytest.raises(
            QueryError,
            match="no property handle yet: .* when opened for writing once.* load the inputs into a new store$",
        ):
            store.query("MATCH (a:Author) RETURN a.handle")
        with pytest.raises(QueryError, match="no property nmae in the store or the schema"):  # a typo, as before
            store.query("MATCH (a:Author) RETURN a.nmae")
    assert _digests(tmp_path) == written
    assert {n: _but_handle(a) for n, a in kept.nodes(data=True)} == {
        n: _but_handle(a) for n, a in before.nodes(data=True)
    }
    assert sorted(kept.edges(keys=True, data=True)) == sorted(before.edges(keys=True, data=True))

    run("load", second, "--store", store_path, "--no-entities", "--workers", "1")
    with open_store("ladybug", path=store_path, read_only=True) as store:
        after = store.fetch_graph()
        by_user, by_name = _mentions_of(store, "carlton"), _mentions_of(store, "Carlton D'Silva")
        assert _lookups(store, "@" + name) == {"mentions": [], "quotes": [], "authors": None}  # a name shown, no user
    posts = {f: json.loads(Path(f).read_text("utf-8"))["post_stream"]["posts"] for f in (first, second)}
    writing = {p["user_id"]: p["username"] if p["name"] and p["name"] != p["username"] else "" for p in posts[second]}
    authors = [n for n, label in before.nodes(data="label") if label == schema.AUTHOR]
    assert sum(_user_id(n) in writing for n in authors) >= 1  # carlton
    for node, attrs in before.nodes(data=True):
        assert _but_handle(after.nodes[node]) == _but_handle(attrs)
    handles = {n: after.nodes[n]["handle"] for n in authors}
    assert {n: h for n, h in handles.items() if _user_id(n) in writing} == {
        n: writing[_user_id(n)] for n in authors if _user_id(n) in writing
    }
    assert not any(h for n, h in handles.items() if _user_id(n) not in writing)  # none, or empty as a mention gives it
    assert set(before.edges(keys=True)) <= set(after.edges(keys=True))
    stated = sum(p["cooked"].count('class="mention" href="/u/carlton"') for f in posts for p in posts[f])
    assert by_user == by_name and len(by_user) >= stated == 8


def test_loading_the_same_input_again_fills_in_the_handles_a_store_from_before_handles_lacks(tmp_path):
    """The posts of a store written before Authors had a handle are skipped when loaded again, but their Authors
    take the handles they give, writers and accounts only mentioned alike (a real Discourse topic): as a new store
    holds them, no count changed, and an Author stored with a handle keeps it; a third load changes nothing."""
    topic = os.path.join(DISCOURSE, "topic_165396.json")
    store_path, fresh_path = str(tmp_path / "s.lbug"), str(tmp_path / "fresh.lbug")
    run("load", topic, "--store", store_path, "--no-entities", "--workers", "1")
    with open_store("ladybug", path=store_path) as store:
        counts = store.counts()
        store._run(f"ALTER TABLE {schema.AUTHOR} DROP handle")
    with open_store("ladybug", path=store_path) as store:  # opened for writing: gains the property, empty
        kept = next(n for n in store.fetch_graph() if _user_id(n) is not None)
        store._run("MATCH (a:Author {id: $id}) SET a.handle = 'kept'", {"id": kept})
    run("load", topic, "--store", store_path, "--no-entities", "--workers", "1")
    run("load", topic, "--store", fresh_path, "--no-entities", "--workers", "1")
    with open_store("ladybug", path=fresh_path, read_only=True) as store:
        expected = {n: a["handle"] for n, a in store.fetch_graph().nodes(data=True) if a["label"] == schema.AUTHOR}
    with open_store("ladybug", path=store_path, read_only=True) as store:
        assert store.counts() == counts
        handles = {n: a["handle"] for n, a in store.fetch_graph().nodes(data=True) if a["label"] == schema.AUTHOR}
    assert handles == expected | {kept: "kept"}
    posts = json.loads(Path(topic).read_text("utf-8"))["post_stream"]["posts"]
    writing = {p["user_id"]: p["username"] if p["name"] and p["name"] != p["username"] else "" for p in posts}
    assert {_user_id(n): h for n, h in expected.items() if _user_id(n) is not None} == writing
    assert sum(bool(h) for h in writing.values()) >= 10 and any(_user_id(n) is None for n in expected)  # mentioned
    run("load", topic, "--store", store_path, "--no-entities", "--workers", "1")
    with open_store("ladybug", path=store_path, read_only=True) as store:
        assert store.counts() == counts
        assert {n: a["handle"] for n, a in store.fetch_graph().nodes(data=True) if a["label"] == schema.AUTHOR} == (
            handles
        )


def test_a_store_from_before_handles_loaded_again_in_small_batches_takes_each_writers_handle(tmp_path):
    """Loaded again a batch at a time, a store from before handles skips every post, and an account mentioned in a
    batch before the one holding its first post takes the handle its posts show, not the empty one the mention
    gives, as a new store holds it (the real Discourse topics, where carlton is mentioned before he writes)."""
    store_path, fresh_path = str(tmp_path / "s.lbug"), str(tmp_path / "fresh.lbug")
    run("load", DISCOURSE, "--store", store_path, "--no-entities", "--workers", "1")
    run("load", DISCOURSE, "--store", fresh_path, "--no-entities", "--workers", "1")
    with open_store("ladybug", path=store_path) as store:
        counts = store.counts()
        store._run(f"ALTER TABLE {schema.AUTHOR} DROP handle")
    run("load", DISCOURSE, "--store", store_path, "--no-entities", "--workers", "1", "--batch-size", "1")
    handles = {}
    for path in (store_path, fresh_path):
        with open_store("ladybug", path=path, read_only=True) as store:
            assert store.counts() == counts
            graph = store.fetch_graph()
            handles[path] = {n: a["handle"] for n, a in graph.nodes(data=True) if a["label"] == schema.AUTHOR}
    assert handles[store_path] == handles[fresh_path]
    writing = {  # the forum of the topic_* files
        p["user_id"]: p["username"]
        for f in sorted(Path(DISCOURSE).glob("topic_*.json"))
        for p in json.loads(f.read_text("utf-8"))["post_stream"]["posts"]
        if p["name"] and p["name"] != p["username"]
    }
    by_user = {_user_id(n): h for n, h in handles[store_path].items() if "onlinedegree.iitm.ac.in" in n}
    assert by_user[16094] == writing[16094] == "carlton" and by_user[13078] == writing[13078] == "Saransh_Saini"


HN_ITEM = Path(__file__).parents[1] / "data" / "real" / "hackernews" / "communal-algolia-item.json"


def test_an_account_named_by_its_user_name_is_found_with_at_as_without(tmp_path):
    """A Hacker News item from the search API: each writer's name is the account, which a view's --author finds
    by "@name" as by the name, in any case as names are found."""
    from graphkit.views.scope import match_authors

    def writers(item: dict) -> set[str]:
        own = {item["author"]} if item.get("author") else set()
        return own.union(*map(writers, item.get("children") or []))

    names = writers(json.loads(HN_ITEM.read_text("utf-8")))
    assert len(names) >= 5
    store_path = str(tmp_path / "s.lbug")
    run("load", str(HN_ITEM), "--store", store_path, "--no-entities", "--workers", "1")
    with open_store("ladybug", path=store_path, read_only=True) as store:
        for name in names:
            account = [schema.author_id("hackernews", name)]
            assert match_authors(store, name) == match_authors(store, f"@{name.upper()}") == account


REAL = Path(__file__).parents[1] / "data" / "real"


def _layout_1_store(store_path: str, data: Path, marked: bool = True) -> list[list]:
    """A store of ``data`` as graphkit layout 1 left it: marked 1 (or, not ``marked``, without the mark, as graphkit
    wrote them before it kept one); its comments' count."""
    loaded = CliRunner().invoke(main, ["load", str(data), "--store", store_path, "--no-entities", "--workers", "1"])
    assert loaded.exit_code == 0, loaded.output
    _raw(store_path, f"MATCH (l:{LAYOUT_LABEL}) SET l.layout = 1" if marked else f"DROP TABLE {LAYOUT_LABEL}")
    return _raw(store_path, "MATCH (c:Comment) RETURN count(c)")


def _marks(store_path: str) -> list[list]:
    """The layout marks the store holds, none where it has no table for them."""
    tables = {name for (name,) in _raw(store_path, "CALL show_tables() RETURN name")}
    return _layout_stored(store_path) if LAYOUT_LABEL in tables else []


@pytest.mark.parametrize("marked", [True, False])
@pytest.mark.parametrize(
    "data",
    [
        REAL / "hackernews" / "communal-algolia-item.json",
        REAL / "mastodon" / "dealingwith-outbox.json",
        REAL / "bluesky" / "heatmap-thread.json",
    ],
)
def test_a_layout_1_store_of_comments_layout_2_gives_other_ids_ends_in_one_line(store_path, data, marked):
    """Hacker News comments, Mastodon and Bluesky ones known by their addresses have other ids in layout 2: a store of
    layout 1 holding them, marked or from before the mark, is refused for reading and writing, and left as it was."""
    comments = _layout_1_store(store_path, data, marked)
    said = f"this store was written by graphkit layout 1; this graphkit reads layout {LAYOUT}"
    for read_only in (True, False):
        with pytest.raises(StoreError, match=said):
            open_store("ladybug", path=store_path, read_only=read_only)
    result = CliRunner().invoke(main, ["load", str(data), "--store", store_path, "--no-entities", "--workers", "1"])
    assert result.exit_code == 1 and result.stderr.startswith(f"Error: {store_path}: {said}")
    assert len(result.stderr.splitlines()) == 1 and "Traceback" not in result.output
    assert _marks(store_path) == ([["store", 1]] if marked else [])
    assert _raw(store_path, "MATCH (c:Comment) RETURN count(c)") == comments != [[0]]


@pytest.mark.parametrize("marked", [True, False])
def test_a_layout_1_store_of_comments_layout_2_leaves_is_read_and_marked_when_next_written(store_path, marked):
    """A Reddit thread's comments have the ids of layout 1 in layout 2: a store of layout 1 holding only them is read
    as it is, left marked 1 by reading, marked 2 by its next opening for writing, and a load of the same thread adds
    nothing."""
    comments = _layout_1_store(store_path, REAL / "reddit" / "communal-thread.json", marked)
    with open_store("ladybug", path=store_path, read_only=True) as store:
        assert [[store.counts()["Comment"]]] == comments != [[0]]
    assert _marks(store_path) == ([["store", 1]] if marked else [])
    again = ["load", str(REAL / "reddit" / "communal-thread.json"), "--store", store_path, "--no-entities"]
    loaded = CliRunner().invoke(main, [*again, "--workers", "1"])
    assert loaded.exit_code == 0, loaded.output
    assert _layout_stored(store_path) == [["store", LAYOUT]]
    assert _raw(store_path, "MATCH (c:Comment) RETURN count(c)") == comments


@pytest.mark.parametrize("how", ["batch", "tables"])
@pytest.mark.parametrize(
    "data",
    [
        REAL / "hackernews" / "communal-algolia-item.json",
        REAL / "mastodon" / "dealingwith-outbox.json",
        REAL / "bluesky" / "heatmap-thread.json",
    ],
)
def test_a_load_after_a_query_emptied_the_store_marks_it_again(store_path, tmp_path, data, how):
    """A caller's query that empties the store takes the layout mark with it: comments layout 2 keys, loaded after
    it on the same connection (a batch, or ``extract --cluster``'s tables copied into the store that holds nothing),
    would leave a store its next opening takes for layout 1 holding them. The load writes the mark again, and the
    store opens and reads as loaded."""
    from graphkit.extract import Extractor
    from graphkit.pipeline import extract_graph, load_tables
    from graphkit.sources import expand_inputs, read_posts
    from tests.remodel import tables

    graph = extract_graph(read_posts(expand_inputs([str(data)])), Extractor(workers=1, entities=False))
    (tmp_path / "tables").mkdir()
    directory = tables(tmp_path / "tables", [data])
    with open_store("ladybug", path=store_path) as store:
        store.load(graph)
        store.query("MATCH (n) DETACH DELETE n", write=True)
        assert store.query(f"MATCH (l:{LAYOUT_LABEL}) RETURN l.layout").rows == []
        load_tables(directory, store) if how == "tables" else store.load(graph)
        counts = store.counts()
    assert counts["Comment"] > 0
    with open_store("ladybug", path=store_path, read_only=True) as store:
        assert store.counts() == counts
    assert _layout_stored(store_path) == [["store", LAYOUT]]
