"""A load into an embedded store that holds nothing is written in one go once its input ends (``store.ladybug_bulk``):
it stores the graph a batch-by-batch load stores, counts alike, a second load of the same input changes nothing, and a
load that fails leaves the store empty, as it was."""

from __future__ import annotations

import errno
import json
import os
import random
from pathlib import Path

import ladybug as lb
import pyarrow as pa
import pytest
from click.testing import CliRunner

from bench.synthetic import write_reddit_dump
from graphkit import folders, schema
from graphkit.cli import main
from graphkit.store import LoadCounts, ladybug_bulk, open_store
from graphkit.store.ladybug import BUFFER_POOL_ENV, LadybugStore
from tests.cli_runs import run
from tests.incremental import EXAMPLE, differences, stored

REAL = Path(__file__).parent.parent / "data" / "real"


@pytest.fixture(scope="module")
def dump(tmp_path_factory) -> Path:
    """A synthetic Reddit dump where a thread's root comes after its comments (a stub root first, its fields once
    read) and another thread's root never comes (a stub to the end)."""
    folder = tmp_path_factory.mktemp("dump")
    write_reddit_dump(folder / "whole.ndjson", 400, seed=7)
    lines = (folder / "whole.ndjson").read_text().splitlines(keepends=True)
    roots = [i for i, line in enumerate(lines) if '"name": "t3_' in line]
    late, never = lines[roots[0]], lines[roots[1]]
    kept = [line for line in lines if line not in (late, never)]
    path = folder / "reddit.ndjson"
    path.write_text("".join(kept[: len(kept) // 2] + [late] + kept[len(kept) // 2 :]))
    return path


def _stored_in(store: Path) -> tuple:
    with open_store("ladybug", path=str(store), read_only=True) as opened:
        return stored(opened)


@pytest.mark.parametrize(
    ("source", "options"),
    [
        ("synthetic", ("--no-entities", "--batch-size", "7")),
        ("synthetic", ("--no-entities", "--batch-size", "100000")),
        ("example", ("--workers", "1", "--batch-size", "8")),
        ("hackernews", ("--no-entities", "--batch-size", "7")),
        ("disqus", ("--no-entities", "--batch-size", "7")),
        ("discourse", ("--no-entities", "--batch-size", "7")),
        ("mastodon", ("--no-entities", "--batch-size", "7")),
    ],
)
def test_a_new_store_loaded_in_one_go_holds_what_a_batch_by_batch_load_stores(
    source, options, dump, tmp_path, monkeypatch
):
    """Node for node and edge for edge with every property, and the same summary: Authors met again, stub roots
    and the roots that replace them, entities whose aliases later batches add (the example, with entities),
    edges to posts of earlier batches, and loading again changes nothing."""
    path = str({"synthetic": dump, "example": EXAMPLE}.get(source, REAL / source))
    bulk, batches = tmp_path / "bulk.lbug", tmp_path / "batches.lbug"
    printed = run("load", path, "--store", str(bulk), *options)
    assert not os.path.exists(f"{bulk}.bulk")
    with monkeypatch.context() as patched:
        patched.setattr(LadybugStore, "bulk", lambda self: None)
        assert run("load", path, "--store", str(batches), *options) == printed
    whole = _stored_in(bulk)
    assert differences(whole, _stored_in(batches)) == []
    assert "0 nodes created" in run("load", path, "--store", str(bulk), *options)
    assert differences(_stored_in(bulk), whole) == []
    if source == "synthetic":
        stubs = run("query", "MATCH (a:Article) RETURN a.stub AS stub, count(*) AS n", "--store", str(bulk))
        assert "True" in stubs or "true" in stubs
    if source == "example":
        assert any(whole[0][label] for label in schema.ENTITY_LABELS)


def _long_dump(path: Path) -> None:
    """Short comments, then comments of ~800k characters: their text, copied at once, fills a 16 MB page cache."""
    rng = random.Random(1)
    words = ["alpha", "beta", "gamma", "delta", "epsilon", "zeta", "theta", "kappa"]
    root = {"id": "1", "name": "t3_1", "author": "op", "title": "T", "selftext": "root", "created_utc": 1600000000}
    rows = [{**root, "url": "https://www.reddit.com/r/x/comments/1/", "is_self": True, "subreddit": "x"}]
    for i in range(2, 22):
        body = " ".join(rng.choice(words) for _ in range(150_000 if i > 9 else 20))
        rows.append(
            {"id": str(i), "name": f"t1_{i}", "parent_id": "t3_1", "link_id": "t3_1", "author": f"u{i}", "body": body}
        )
    path.write_text("".join(json.dumps({"created_utc": 1600000000, "subreddit": "x", **row}) + "\n" for row in rows))


def test_a_load_into_a_new_store_that_fails_leaves_it_empty_and_nothing_beside_it(tmp_path, monkeypatch):
    """Batch by batch, the short comments' batches were kept; in one go nothing is written, so nothing is half
    written: the error says so in one line, and the same load with a page cache large enough stores everything."""
    path, store = tmp_path / "long.ndjson", tmp_path / "new.lbug"
    _long_dump(path)
    args = ["load", str(path), "--store", str(store), "--no-entities", "--batch-size", "2"]
    monkeypatch.setenv(BUFFER_POOL_ENV, "16")
    result = CliRunner().invoke(main, args)
    assert result.exit_code != 0
    *progress, error = result.output.splitlines()
    assert all(line.startswith("Loading: ") for line in progress), result.output
    assert error.startswith("Error: ") and "nothing was written" in error and BUFFER_POOL_ENV in error
    counts = _stored_in(store)[0]
    assert not any(counts.values()), counts
    assert not os.path.exists(f"{store}.bulk")
    monkeypatch.delenv(BUFFER_POOL_ENV)
    assert "21 posts" in run(*args)
    assert _stored_in(store)[0]["Comment"] == 20


@pytest.mark.skipif(not os.path.isdir("/proc/self/fd"), reason="open files are listed from Linux's /proc")
@pytest.mark.parametrize("pool", ["16", "256"])
def test_the_spill_is_removed_with_none_of_its_files_open_whether_the_load_fails_or_ends(pool, tmp_path, monkeypatch):
    """Windows removes no file a process holds open, and the spill is removed as the failure that ends a load still
    holds what it met (its traceback): the spilled files, the database built and the part copied are closed or freed
    by then, as when the load ends well (a 16 MB page cache fails the long comments' copy, 256 MB stores them)."""
    held: list[str] = []
    remove = folders.remove

    def removed(folder: str, if_empty: bool = False) -> None:
        links = (os.path.join("/proc/self/fd", fd) for fd in os.listdir("/proc/self/fd"))
        held.extend(
            path
            for path in (os.path.realpath(link) for link in links)
            if path.startswith(os.path.realpath(folder) + os.sep)
        )
        remove(folder, if_empty)

    path, store = tmp_path / "long.ndjson", tmp_path / "new.lbug"
    _long_dump(path)
    monkeypatch.setattr(ladybug_bulk.folders, "remove", removed)
    monkeypatch.setenv(BUFFER_POOL_ENV, pool)
    result = CliRunner().invoke(main, ["load", str(path), "--store", str(store), "--no-entities", "--batch-size", "2"])
    assert (result.exit_code != 0) == (pool == "16"), result.output
    assert held == [] and not os.path.exists(f"{store}.bulk")


def test_a_load_whose_spill_fills_the_disk_fails_and_removes_the_spill(tmp_path, monkeypatch):
    """A spilled file that cannot be written on a full disk cannot be ended either (its end is written too): the load
    fails with the disk's error, and the spill is removed all the same, its files closed as they are."""
    full = OSError(errno.ENOSPC, "No space left on device")

    class Full:
        """Arrow's writer on a disk that fills up after a table's first batches."""

        def __init__(self, sink: pa.NativeFile, schema: pa.Schema) -> None:
            self.written = 0

        def write_table(self, rows: pa.Table) -> None:
            self.written += 1
            if self.written > 2:
                raise full

        def close(self) -> None:
            raise full

    store = tmp_path / "new.lbug"
    monkeypatch.setattr(pa.ipc, "new_file", Full)
    args = ["load", str(REAL / "hackernews"), "--store", str(store), "--no-entities", "--batch-size", "7"]
    result = CliRunner().invoke(main, args)
    assert result.exit_code != 0 and "No space left on device" in result.output.splitlines()[-1], result.output
    assert not os.path.exists(f"{store}.bulk")
    monkeypatch.undo()
    assert "posts" in run(*args)
    assert _stored_in(store)[0]["Comment"] > 0


def test_a_folder_of_the_users_named_as_the_spill_is_refused_and_left_as_it_is(tmp_path):
    """The load spills beside the store into ``<store>.bulk`` and removes it when done: a folder of that name that
    graphkit did not make is the user's, so the load stops with one line before writing, and the folder keeps
    what it held; once moved away, the load runs and leaves nothing beside the store."""
    store, spill = tmp_path / "new.lbug", tmp_path / "new.lbug.bulk"
    spill.mkdir()
    (spill / "notes.txt").write_text("the user's own notes\n")
    args = ["load", str(REAL / "hackernews"), "--store", str(store), "--no-entities"]
    result = CliRunner().invoke(main, args)
    assert result.exit_code != 0
    skipped = f"Skipped 1 documentation file: {REAL / 'hackernews' / 'README.md'} (name one to read it)."
    assert result.output.splitlines()[0] == skipped  # the folder's README, left out of the load
    error = result.output.splitlines()[1:]
    assert len(error) == 1, result.output
    assert error[0].startswith(f"Error: {spill}: ") and "not made by graphkit" in error[0]
    assert (spill / "notes.txt").read_text() == "the user's own notes\n"
    spill.rename(tmp_path / "elsewhere")
    assert "posts" in run(*args)
    assert not spill.exists() and (tmp_path / "elsewhere" / "notes.txt").exists()


def test_a_spill_a_killed_load_left_is_removed_by_the_next_load(tmp_path):
    """A load killed mid-run leaves its spill, marked as graphkit's, a file half written (or an older version's spill,
    Parquet): the next load into the empty store clears it and stores the input."""
    store, spill = tmp_path / "new.lbug", tmp_path / "new.lbug.bulk"
    folders.make(str(spill))
    (spill / "0.arrow").write_bytes(b"half written")
    (spill / "0.parquet").write_bytes(b"PAR1 of a version that spilled Parquet")
    assert "posts" in run("load", str(REAL / "hackernews"), "--store", str(store), "--no-entities")
    assert not spill.exists()
    assert _stored_in(store)[0]["Comment"] > 0


def test_the_database_built_and_its_connections_are_each_closed_once(dump, tmp_path, monkeypatch):
    """The load copies in parts with a checkpoint before a part the page cache has no room for (a small cache, of which
    a copy fills half), closing the database and opening it again each time: every database and connection it opened
    is closed, and closed once."""
    closed: dict[int, list] = {}  # by id, the object and how often it was closed (the object kept: no id reused)
    building = f"{tmp_path / 'new.lbug'}.bulk"

    def counted(close):
        def spy(self) -> None:
            database = self if isinstance(self, lb.Database) else self.database
            if database.database_path.startswith(building):
                closed.setdefault(id(self), [self, 0])[1] += 1
            close(self)

        return spy

    opened: list = []
    init = lb.Connection.__init__

    def connection(self, database, *args, **kwargs) -> None:
        init(self, database, *args, **kwargs)
        if database.database_path.startswith(building):
            opened.append(self)

    monkeypatch.setattr(lb.Database, "close", counted(lb.Database.close))
    monkeypatch.setattr(lb.Connection, "close", counted(lb.Connection.close))
    monkeypatch.setattr(lb.Connection, "__init__", connection)
    monkeypatch.setattr(ladybug_bulk, "COPY_FILL", 1 / 2)
    monkeypatch.setenv(BUFFER_POOL_ENV, "32")
    assert "posts" in run("load", str(dump), "--store", str(tmp_path / "new.lbug"), "--no-entities")
    databases = {id(c.database): c.database for c in opened}
    assert len(databases) > 1  # the parts were copied with checkpoints between them
    assert {id(o) for o in [*opened, *databases.values()]} == set(closed)
    assert {n for _, n in closed.values()} == {1}


def test_the_model_and_the_rules_lists_are_freed_before_the_copy_and_loaded_again_when_next_needed(
    tmp_path, monkeypatch
):
    """Once the input ends, the copy into the new store needs neither the model nor the rules' lists: they are freed
    before it (not held beside the engine's copy), and a load after it in the same process loads them again and
    stores the same graph."""
    from graphkit.extract import gazetteer, nlp

    held: list[tuple[int, int]] = []
    finish = ladybug_bulk.BulkLoad.finish

    def spy(self) -> LoadCounts:
        held.append((nlp.load.cache_info().currsize, gazetteer.gazetteer.cache_info().currsize))
        return finish(self)

    monkeypatch.setattr(ladybug_bulk.BulkLoad, "finish", spy)
    first, second = tmp_path / "first.lbug", tmp_path / "second.lbug"
    printed = run("load", str(EXAMPLE), "--store", str(first), "--workers", "1")
    assert run("load", str(EXAMPLE), "--store", str(second), "--workers", "1") == printed
    assert held == [(0, 0), (0, 0)]
    whole = _stored_in(first)
    assert any(whole[0][label] for label in schema.ENTITY_LABELS)
    assert differences(_stored_in(second), whole) == []


def _spilled_ids(tmp_path: Path) -> ladybug_bulk._Spilled:
    """A spilled table of 1,000 ids, spilled as a load spills them: batch after batch (of 100 rows here)."""
    path = str(tmp_path / "rows.arrow")
    ids = pa.table({"id": [f"n{i:04}" for i in range(1000)]})
    spill = ladybug_bulk._Spill(path, ids.schema)
    for start in range(0, 1000, 100):
        spill.write(ids.slice(start, 100))
    spill.close()
    return ladybug_bulk._Spilled(path)


def test_a_node_tables_parts_end_on_the_engines_node_groups_where_they_cross_one(tmp_path, monkeypatch):
    """A checkpoint after a part that leaves a node group partly full rewrites that group on the next: a node table's
    part that crosses a group's edge ends on it; a relationship table's, and one within a group, end where planned."""
    monkeypatch.setattr(ladybug_bulk, "NODE_GROUP", 128)
    spilled = _spilled_ids(tmp_path)
    row = spilled.row_bytes
    assert spilled.part_rows(300 * row, aligned=True) == 256
    assert spilled.part_rows(300 * row, aligned=False) == 300
    assert spilled.part_rows(100 * row, aligned=True) == 100
    assert spilled.head(256).column("id").to_pylist() == [f"n{i:04}" for i in range(256)]
    spilled.drop(256)
    assert spilled.part_rows(300 * row, aligned=True) == 256  # to row 512
    assert spilled.part_rows(100 * row, aligned=True) == 100
    assert spilled.part_rows(5000 * row, aligned=True) == 744  # the rest
    assert spilled.head(744).column("id").to_pylist() == [f"n{i:04}" for i in range(256, 1000)]


def test_a_part_is_planned_for_some_room_however_much_the_database_held_as_it_opened(tmp_path):
    """A database opened again may hold most of the room a part is planned for: its parts are then planned for
    ``LEAST_PART`` of the room, not a row each."""
    spilled = _spilled_ids(tmp_path)
    with ladybug_bulk._Building(str(tmp_path / "built.lbug")) as built:
        hold = ladybug_bulk.LEAST_PART * built.room / (100 * spilled.row_bytes)  # the least part 100 rows
        fresh = built._part(spilled, hold, aligned=False)
        built.opened_with = 2 * built.room
        full = built._part(spilled, hold, aligned=False)
    assert full == 100 < fresh


@pytest.mark.parametrize("kept", [0.0, 1.0])
def test_tables_share_a_checkpoint_while_what_they_hold_is_within_a_share_of_the_cache(
    kept, dump, tmp_path, monkeypatch
):
    """Small tables copied one after another share a checkpoint until what the cache holds of them passes
    ``KEEP_FILL`` of it: with none kept, each COPY is written by a checkpoint of its own; with the whole cache, the
    small dump's tables all by one. The store is the same either way."""
    databases: list = []  # the database of each COPY (kept, so that no id is reused)
    execute = ladybug_bulk._Building.execute

    def spy(self, statement, parameters=None):
        if statement.startswith("COPY "):
            databases.append(self.db)
        execute(self, statement, parameters)

    monkeypatch.setattr(ladybug_bulk._Building, "execute", spy)
    monkeypatch.setattr(ladybug_bulk, "KEEP_FILL", kept)
    store = tmp_path / "new.lbug"
    assert "posts" in run("load", str(dump), "--store", str(store), "--no-entities")
    assert len(databases) > 5
    assert len({id(d) for d in databases}) == (len(databases) if kept == 0 else 1)
    monkeypatch.undo()
    whole = tmp_path / "whole.lbug"
    run("load", str(dump), "--store", str(whole), "--no-entities")
    assert differences(_stored_in(store), _stored_in(whole)) == []


def test_what_the_empty_tables_hold_is_not_taken_for_copies_to_checkpoint(dump, tmp_path, monkeypatch):
    """The engine holds some megabytes of the tables as created, before any row, as it does of a database opened
    again: with ``KEEP_FILL`` under that, the small dump's first table still shares a checkpoint with the next, rather
    than being written alone."""
    probe = lb.Database(str(tmp_path / "empty.lbug"), buffer_pool_size=ladybug_bulk._buffer_pool())
    conn = lb.Connection(probe)
    for statement in ladybug_bulk.ddl():
        conn.execute(statement)
    created = int(conn.execute("CALL bm_info() RETURN mem_usage").get_next()[0])
    conn.close()
    probe.close()
    databases: list = []
    execute = ladybug_bulk._Building.execute

    def spy(self, statement, parameters=None):
        if statement.startswith("COPY "):
            databases.append(self.db)
        execute(self, statement, parameters)

    monkeypatch.setattr(ladybug_bulk._Building, "execute", spy)
    monkeypatch.setattr(ladybug_bulk, "KEEP_FILL", created / 2 / ladybug_bulk._buffer_pool())
    store = tmp_path / "new.lbug"
    assert "posts" in run("load", str(dump), "--store", str(store), "--no-entities")
    assert len(databases) > 5 and databases[0] is databases[1]
    monkeypatch.undo()
    whole = tmp_path / "whole.lbug"
    run("load", str(dump), "--store", str(whole), "--no-entities")
    assert differences(_stored_in(store), _stored_in(whole)) == []


def test_a_load_stopped_between_the_copys_checkpoints_leaves_the_store_empty_and_a_rerun_stores_it_whole(
    dump, tmp_path, monkeypatch
):
    """Stopped once the copy's first checkpoint wrote some tables and before the next (a small cache, of which a
    copy fills half), the load leaves the store empty and nothing beside it; run again, it stores what one clean
    load does, node for node and edge for edge."""
    saves: list[bool] = []
    save = ladybug_bulk._Building.save

    def stopped(self, reopen: bool) -> None:
        save(self, reopen)
        saves.append(reopen)
        if len(saves) == 2:
            raise KeyboardInterrupt

    monkeypatch.setattr(ladybug_bulk, "COPY_FILL", 1 / 2)
    monkeypatch.setenv(BUFFER_POOL_ENV, "32")
    store = tmp_path / "new.lbug"
    args = ["load", str(dump), "--store", str(store), "--no-entities"]
    with monkeypatch.context() as patched:
        patched.setattr(ladybug_bulk._Building, "save", stopped)
        result = CliRunner().invoke(main, args)
    assert result.exit_code == 130 and saves == [True, True], result.output
    assert result.output.splitlines()[-1].startswith("Interrupted: ")
    assert _stored_in(store)[0]["Comment"] == 0 and not os.path.exists(f"{store}.bulk")
    assert "posts" in run(*args)
    whole = tmp_path / "whole.lbug"
    monkeypatch.undo()
    run("load", str(dump), "--store", str(whole), "--no-entities")
    assert differences(_stored_in(store), _stored_in(whole)) == []


def test_a_load_stopped_as_the_built_file_takes_the_stores_place_leaves_a_store_that_opens_and_reruns_whole(
    dump, tmp_path, monkeypatch
):
    """The empty store closes without a checkpoint and its log goes before the built file replaces it: stopped
    between the two, the load leaves no log beside the store (the engine refuses one left beside another database)
    and a store that opens holding nothing, its tables made again (a new store's were in its log alone); run
    again, it stores what one clean load does, and once more changes nothing."""
    store = tmp_path / "new.lbug"
    replace = os.replace

    def stopped(src, dst, *args, **kwargs) -> None:
        if str(dst) == str(store):
            assert not os.path.exists(f"{store}.wal")
            raise KeyboardInterrupt
        replace(src, dst, *args, **kwargs)

    args = ["load", str(dump), "--store", str(store), "--no-entities"]
    with monkeypatch.context() as patched:
        patched.setattr(os, "replace", stopped)
        result = CliRunner().invoke(main, args)
    assert result.exit_code == 130, result.output
    assert not os.path.exists(f"{store}.bulk") and not os.path.exists(f"{store}.wal")
    with open_store("ladybug", path=str(store)) as opened:
        assert opened.holds_nothing()
    assert not any(_stored_in(store)[0].values())
    assert "posts" in run(*args)
    whole = tmp_path / "whole.lbug"
    run("load", str(dump), "--store", str(whole), "--no-entities")
    assert differences(_stored_in(store), _stored_in(whole)) == []
    assert "; 0 nodes created, 0 already present; 0 relationships created" in run(*args)
