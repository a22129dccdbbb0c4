"""A load into an embedded store that holds nothing yet, in one go: each batch's rows are spilled to Arrow IPC
files beside the store (as Arrow lays them out in memory: written and read back without encoding or decoding), and
once the input ends each table is copied by one ``COPY`` into a new database file, written by one checkpoint, which
then takes the empty store's place.

A batch-by-batch load pays the engine's checkpoints for its memory bound (each rewrites every relationship
region that gained a row since the last one: 3-4 s of 100k comments' 15 s of CPU) and per-batch copies
and lookups; a new store needs none of that. The rows are those the batch-by-batch load would write,
decided batch by batch from what the batches before wrote (``SeenIds`` of the nodes written): a node
already written is present, not written again; an Author only mentioned so far takes what the batch
holding its first post shows, a stub root the fields of its real root once read, an entity the aliases
each batch adds; an edge is written with the post that owns it when both its ends are written by then, else
spilled apart until the input ends, then written if a later batch wrote its end (a post read after the one
stating the edge), as one batch of everything writes it.
Memory holds one batch's rows, the written ids' hashes (~10 MB a million), the Authors only mentioned
and the stub roots not yet read, and the entities.

Nothing reaches the store until the copy is complete: an interrupted or failed load leaves it empty as
it was, and running the load again starts over. A store that holds anything is loaded batch by batch.
"""

from __future__ import annotations

import os
from collections.abc import Iterable, Iterator
from typing import Any

import ladybug as lb
import pyarrow as pa

from .. import folders, schema
from ..errors import StoreError
from ..seen_ids import SeenIds
from . import _LOOKUP_CHUNK, LoadCounts, Progress, StoredPost
from .cypher import FILL_EMAILS
from .ladybug import (
    _NO_CLOSING_CHECKPOINT,
    LadybugStore,
    _brought,
    _buffer_pool,
    _create_rels,
    _engine,
    _one_line,
    _too_small,
    _trim,
    ddl,
    node_table,
    rel_table,
)
from .rows import (
    WAITING,
    WAITING_COLUMNS,
    Graph,
    NodeAttrs,
    RelEdges,
    node_attrs,
    outside,
    owned_edges,
    owner_end,
    post_writers,
    rel_edges,
    waiting_rows,
)
from .settling import root_post, settle

__all__ = ["BulkLoad", "bulk_load"]

# Beside the store ``name``: the spilled tables and the database being built (removed when done).
SPILL = ".bulk"
# The engine holds a copy's rows in its page cache until a checkpoint, and needs more while the COPY runs, so a
# spilled table is copied in parts, with a checkpoint before a part the cache has no room for. What it holds of a part
# is no fixed multiple of the part's spilled bytes (a million comments, as the engine tells in ``CALL bm_info()``:
# 1.5-2.7 times a part of the Comment table, 1.7-2.9 times the first part of a relationship table (4.3 a smaller one,
# see ``FIRST_HOLD``), 2.8-8.7 times the next ones; the whole REPLY_TO table between comments, 130 MB spilled, 71 MB
# once copied but 356 MB while copying), so each part is sized to what the engine held of the table's parts before:
# planned to bring what the cache holds to this share of it at most, the rest left for the COPY's own work and the
# checkpoint's. The database is closed and opened again after each checkpoint: the engine keeps what a copy loaded
# outside its cache until it closes (a million comments' copy in parts peaked at 1.39 GB resident, reopened 1.03 GB).
COPY_FILL = 3 / 4
# What the cache may hold of copies not yet written before a part is copied besides them: tables that fit together
# share a checkpoint, up to this share of the cache.
KEEP_FILL = 1 / 16
# Held per spilled byte of a table's first part, before one is measured: over the most a first part over 10 MB took
# (a million comments' CITES from comments, 2.9 of a 38 MB part, 4.3 of a 24 MB one), under what leaves a million
# comments' first part of the Comment table a whole node group (5.2: 131,072 rows of 277 bytes in the room) and
# 100k comments' whole table sharing the Articles' checkpoint (6.6).
FIRST_HOLD = 5.0
# Held of a part after the first, per what the first held: a COPY into a table that holds rows held 1.4-2.2 times what
# the first part did (a million comments' tables spilled as Parquet: a share of the engine's, whatever the spill's
# format); then the most a part of the table held.
NEXT_HOLD = 2.0
# The least share of the room a part is planned for (``COPY_FILL``), however much the database held as it opened.
LEAST_PART = 1 / 16
# The least held per spilled byte taken (a table of many repeated values holds less: 100k comments' REPLY_TO to
# Articles 0.6 times).
MIN_HOLD = 1.0
# Rows of the engine's node group. A checkpoint after a COPY that ends a node table in a group partly full
# rewrites that group on the next, so a node table's parts end on a group's edge where they cross one (the
# million comments' Comment table in parts of 175,000 rows: checkpoints 5.7 s of CPU; of 131,072: 2.6 s).
NODE_GROUP = 2**17
# The columns of ``rows.WAITING``.
_WAITING = pa.schema(
    [(name, pa.list_(pa.string()) if type_ == "STRING[]" else pa.string()) for name, type_ in WAITING_COLUMNS]
)


def bulk_load(store: LadybugStore) -> BulkLoad | None:
    """A ``BulkLoad`` into ``store`` if it holds nothing (no node, no step of a load that stopped), else None."""
    if not store.loads_in_one_go():
        return None
    return BulkLoad(store)


class _Building:
    """The database being built and its one connection, owned here so that each is closed once, whether the
    copy ends, saves and opens it again, or fails half way."""

    def __init__(self, path: str) -> None:
        self.path = path
        self.db: lb.Database | None = None
        self.conn: lb.Connection | None = None
        self.room = int(COPY_FILL * _buffer_pool())
        self.kept = int(KEEP_FILL * _buffer_pool())
        self.unsaved = False  # whether a COPY was made since the database was opened
        self.opened_with = 0  # what the engine holds of the database just opened
        self._open()

    @_engine()
    def _open(self) -> None:
        self.db = lb.Database(self.path, buffer_pool_size=_buffer_pool(), auto_checkpoint=False)
        self.conn = lb.Connection(self.db)
        # closing writes nothing: ``save`` checkpoints first (and reports a failure the closing one ignores); a
        # copy that fails leaves a database that is thrown away
        self.conn.execute(_NO_CLOSING_CHECKPOINT)
        self.unsaved = False
        self.opened_with = self.used()

    def create(self, statements: Iterable[str]) -> None:
        """Create the tables: what the engine holds of them empty (some 11 MB) is what the database holds as
        opened, as it is once opened again, not copies to checkpoint (a 100k-comment load checkpointed its
        2,508 Articles alone for it)."""
        for statement in statements:
            self.execute(statement)
        self.opened_with = self.used()

    @_engine()
    def execute(self, statement: str, parameters: dict[str, Any] | None = None) -> None:
        assert self.conn is not None, "the database being built is closed"
        self.conn.execute(statement, parameters)

    @_engine()
    def rows(self, statement: str, parameters: dict[str, Any]) -> list[list[Any]]:
        assert self.conn is not None, "the database being built is closed"
        return self.conn.execute(statement, parameters).get_all()

    @_engine()
    def used(self) -> int:
        """Bytes of the page cache the engine holds, as it tells."""
        assert self.conn is not None, "the database being built is closed"
        return int(self.conn.execute("CALL bm_info() RETURN mem_usage").get_next()[0])

    def save(self, reopen: bool) -> None:
        """Checkpoint what was copied and close the database (opening it again if ``reopen``): the connection
        holds the Arrow rows it copied, which the checkpoint needs room for, so a new one checkpoints; the
        engine holds what a copy loaded until the database closes."""
        assert self.conn is not None and self.db is not None
        with _engine():
            self.conn.close()
            self.conn = lb.Connection(self.db)
            self.conn.execute("CHECKPOINT")
        self.close()
        _trim()
        if reopen:
            self._open()

    def copy(self, table: str, start: str, end: str, spilled: _Spilled) -> None:
        """Copy a spilled table in parts sized to what the engine held of its parts before (see ``COPY_FILL``),
        checkpointing first where the cache has no room for the next."""
        options = f" (from='{start}', to='{end}')" if start else ""
        hold, measured = FIRST_HOLD, False
        while spilled.copied < spilled.rows:
            rows = self._part(spilled, hold, aligned=not start)
            used = self.used()
            if self.unsaved and (
                used + hold * rows * spilled.row_bytes > self.room or used - self.opened_with > self.kept
            ):
                self.save(reopen=True)
                rows = self._part(spilled, hold, aligned=not start)  # for what the database opened again holds
            before = self.used()
            part = spilled.head(rows)
            with _engine(self.conn):  # cut short by a stop
                self.execute(f"COPY {table} FROM $rows{options}", {"rows": part})
            self.unsaved = True
            spilled.drop(rows)
            held = (self.used() - before) / (rows * spilled.row_bytes)
            hold = max(hold, held, MIN_HOLD) if measured else max(NEXT_HOLD * held, MIN_HOLD)
            measured = True

    def _part(self, spilled: _Spilled, hold: float, aligned: bool) -> int:
        """Rows of the next part: what the cache has room for beside what the database held as it opened, at
        ``hold`` bytes held per spilled byte; never under ``LEAST_PART`` of the room, so that a database opened
        holding most of it still copies in parts of some size, not a row at a time."""
        fits = max(self.room - self.opened_with, LEAST_PART * self.room)
        return spilled.part_rows(fits / hold, aligned)

    @_engine()
    def close(self) -> None:
        """Close the connection, then the database, those still open."""
        conn, db, self.conn, self.db = self.conn, self.db, None, None
        try:
            if conn is not None:
                conn.close()
        finally:
            if db is not None:
                db.close()

    def __enter__(self) -> _Building:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


class _Spill:
    """A table's file of spilled rows, written a batch at a time. ``close`` closes the file itself: Arrow's writer
    keeps a file it opened open until the writer is freed, and a failed load's traceback may keep it as the spill is
    removed (a file open cannot be removed on Windows)."""

    def __init__(self, path: str, schema: pa.Schema) -> None:
        self.path = path
        self._file = pa.OSFile(path, "wb")
        self._writer = pa.ipc.new_file(self._file, schema)

    def write(self, rows: pa.Table) -> None:
        self._writer.write_table(rows)

    def close(self, ended: bool = True) -> None:
        """Close the file, if not done already: ``ended`` (readable), or as it is, to be removed (ending it writes,
        which fails again on a disk that is full)."""
        if not self._file.closed:
            try:
                if ended:
                    self._writer.close()
            finally:
                self._file.close()


class _Spilled:
    """A spilled table's rows, read a spilled batch at a time as far as the part copied next. Its file is read, not
    memory-mapped, and is open until the ``with`` block ends, however it ends: a failed or stopped copy's traceback
    may keep this object, and the spill is removed next (a file open cannot be removed on Windows)."""

    def __init__(self, path: str) -> None:
        self._source = pa.OSFile(path)
        try:
            self._spilled = pa.ipc.open_file(self._source)
            self.rows = self._spilled.count_rows()
        except BaseException:
            self._source.close()
            raise
        self.row_bytes = max(1.0, os.path.getsize(path) / max(1, self.rows))  # spilled bytes of a row
        self.copied = 0
        self._next = 0  # the spilled batch read next
        self._read: list[pa.RecordBatch] = []  # read and not copied yet
        self._read_rows = 0

    def __enter__(self) -> _Spilled:
        return self

    def __exit__(self, *exc: object) -> None:
        self._source.close()

    def batches(self) -> Iterator[pa.RecordBatch]:
        """The spilled batches not read yet, one at a time."""
        while self._next < self._spilled.num_record_batches:
            self._next += 1
            yield self._spilled.get_batch(self._next - 1)

    def part_rows(self, fits: float, aligned: bool) -> int:
        """Rows of the next part, about ``fits`` bytes of spilled rows; ending on a node group's edge if
        ``aligned`` and the part crosses one (see ``NODE_GROUP``)."""
        end = min(self.rows, self.copied + max(1, int(fits / self.row_bytes)))
        if aligned and end < self.rows and end // NODE_GROUP > self.copied // NODE_GROUP:
            end = end // NODE_GROUP * NODE_GROUP
        return end - self.copied

    def head(self, rows: int) -> pa.Table:
        """The next ``rows`` rows not copied yet."""
        while self._read_rows < rows:
            batch = self._spilled.get_batch(self._next)
            self._next += 1
            self._read.append(batch)
            self._read_rows += batch.num_rows
        return pa.Table.from_batches(self._read, self._spilled.schema).slice(0, rows)

    def drop(self, rows: int) -> None:
        """Note the next ``rows`` rows as copied."""
        self._read = pa.Table.from_batches(self._read, self._spilled.schema).slice(rows).to_batches()
        self._read_rows -= rows
        self.copied += rows


class BulkLoad:
    """What a load reads of a store (``stored_posts``) and writes (``load``), for a store that holds nothing
    until ``finish``; ``close`` removes what was spilled."""

    def __init__(self, store: LadybugStore) -> None:
        self.store = store
        self.folder = store.path + SPILL
        folders.make(self.folder, anew=True)  # what a run killed before left; a folder of the user's is refused
        self._written = SeenIds()  # every node written so far
        self._stubs: dict[str, tuple[str, dict[str, Any]]] = {}  # stubs written (label, properties), until read
        # the edges a stub owns (its writer's WROTE), by stub and edge id, as (type, start, end, from, to, properties):
        # written with it at the end, or dropped for those of its post once read
        self._stub_edges: dict[str, dict[str, tuple[str, str, str, str, str, dict[str, Any]]]] = {}
        self._mentioned: dict[str, dict[str, Any]] = {}  # Authors written without a post, until one writes
        # the first address a later batch gave each Author written before, which fills in one written without
        # (``cypher.FILL_EMAILS``, as a store loaded batch by batch does); only Authors of inputs giving addresses
        self._emails: dict[str, str] = {}
        self._entities: dict[str, tuple[str, dict[str, Any]]] = {}  # id -> (label, properties as merged)
        # (table, from label, to label) -> the file of its spilled rows
        self._files: dict[tuple[str, str, str], _Spill] = {}
        # and of its edges waiting for an end no batch has written yet
        self._waiting: dict[tuple[str, str, str], _Spill] = {}

    def stored_posts(self, ids: Iterable[str]) -> dict[str, StoredPost]:
        """The posts a batch before wrote, as a store holding them would answer: a post id comes once in a run
        (``sources`` skips repeats), so a post met again is a stub, or the post read already."""
        ids = list(ids)
        found = [i for i, seen in zip(ids, self._written.has(ids), strict=True) if seen]
        return {i: StoredPost(frozenset({None}), None, i in self._stubs, True) for i in found}

    def load(self, graph: Graph, progress: Progress | None = None) -> LoadCounts:
        """Spill the rows ``LadybugStore.load`` would write of the batch, as it counts them."""
        counts = LoadCounts()
        stored: set[str] = set()
        posts: list[str] = []
        edges = rel_edges(graph)
        writers = post_writers(graph)
        for group in node_attrs(graph):
            new = self._written.add(group.ids)
            existing = {i: None for i, fresh in zip(group.ids, new, strict=True) if not fresh}
            counts.nodes_created += len(group.ids) - len(existing)
            counts.nodes_present += len(existing)
            if group.label in schema.POST_LABELS:
                stored.update(i for i in existing if i not in self._stubs)
                posts.extend(group.ids)
            if group.label in schema.ENTITY_LABELS:
                self._entities_of(group)
            elif group.label in schema.POST_LABELS:
                self._spill((group.label, "", ""), node_table(self._unstubbed(group, existing), {}))
            elif group.label == schema.AUTHOR:
                self._spill((group.label, "", ""), node_table(self._authors(group, existing, writers), {}))
            elif len(existing) < len(group.ids):
                self._spill((group.label, "", ""), node_table(group, existing))
            if progress:
                progress(len(group.ids))
        owners = set(_brought(stored, posts))
        ends = outside(graph)
        missing = {end for end, seen in zip(ends, self._written.has(ends), strict=True) if not seen}
        away = set(ends)
        for group in edges:
            side = group.tos if owner_end(group.type) == "to" else group.froms
            held = [p in self._stubs for p in side]
            fresh = self._hold(group, side, held) if any(held) else 0
            mine_at = [m and not h for m, h in zip(owned_edges(group, owners, away), held, strict=True)]
            edge_ends = zip(mine_at, group.froms, group.tos, strict=True)
            keep = [m and a not in missing and b not in missing for m, a, b in edge_ends]
            mine = sum(mine_at)
            ready = sum(keep)
            counts.rels_present += len(keep) - mine - fresh
            counts.rels_created += ready
            table = (group.type, group.start, group.end)
            if ready:
                self._spill(table, rel_table(group, None if ready == len(keep) else keep))
            if mine > ready:  # counted once their ends are known (``_settle``)
                self._spill(table, rel_table(group, [m and not k for m, k in zip(mine_at, keep, strict=True)]), True)
            if progress:
                progress(len(group.froms))
        return counts

    def _hold(self, group: RelEdges, side: list[str], held: list[bool]) -> int:
        """Keep the group's edges owned by a stub (``held``), once each, until the end: a later batch may bring its
        post, whose own edges replace them (its writer's WROTE, the same edge or not). Returns how many are new."""
        new = 0
        for owner, h, a, b, attrs in zip(side, held, group.froms, group.tos, group.attrs, strict=True):
            if h:
                kept = self._stub_edges.setdefault(owner, {})
                new += attrs["id"] not in kept
                kept[attrs["id"]] = (group.type, group.start, group.end, a, b, attrs)
        return new

    def _unstubbed(self, group: NodeAttrs, existing: dict[str, None]) -> NodeAttrs:
        """The posts to spill now: new real ones, and real ones whose stub was written (which they replace);
        stubs wait in memory for their post."""
        spill = NodeAttrs(group.label)
        for node, attrs in zip(group.ids, group.attrs, strict=True):
            if attrs.get("stub"):
                if node not in existing:
                    self._stubs[node] = (group.label, dict(attrs))
            elif node not in existing or self._stubs.pop(node, None) is not None:
                self._stub_edges.pop(node, None)
                spill.ids.append(node)
                spill.attrs.append(attrs)
        return spill

    def _authors(self, group: NodeAttrs, existing: dict[str, None], writers: set[str]) -> NodeAttrs:
        """The Authors to spill now: new ones writing a post of the batch, and those only mentioned before
        that do (shown as the batch holding their first post shows them, as ``LadybugStore._load_nodes``);
        the others only mentioned wait in memory for a post of theirs."""
        spill = NodeAttrs(group.label)
        for node, attrs in zip(group.ids, group.attrs, strict=True):
            if node in writers and (node not in existing or self._mentioned.pop(node, None) is not None):
                spill.ids.append(node)
                spill.attrs.append(attrs)
            elif node not in existing:
                self._mentioned[node] = dict(attrs)
            elif attrs.get("email"):
                self._emails.setdefault(node, attrs["email"])
        return spill

    def _entities_of(self, group: NodeAttrs) -> None:
        """Entities stay in memory until ``finish``: one written before gains the batch's new aliases, with
        the reasons they joined it in its evidence (as ``LadybugStore._merge_aliases``)."""
        for node, attrs in zip(group.ids, group.attrs, strict=True):
            if (kept := self._entities.get(node)) is None:
                self._entities[node] = (group.label, dict(attrs))
                continue
            old = kept[1]
            merged = sorted(set(old.get("aliases") or []) | set(attrs.get("aliases") or []))
            if merged != sorted(old.get("aliases") or []):
                evidence = schema.merge_evidence(old.get("evidence"), attrs.get("evidence"))
                self._entities[node] = (group.label, {**old, "aliases": merged, "evidence": evidence})

    def written(self, ids: list[str]) -> list[bool]:
        """For each of ``ids``, whether a node of that id is written (nothing is noted)."""
        return self._written.has(ids)

    def write(self, ids: list[str]) -> list[bool]:
        """Note the nodes ``ids`` as written by a caller that spills them itself (``spill``); for each,
        whether it is new."""
        return self._written.add(ids)

    def spill(self, table: str, rows: pa.Table, start: str = "", end: str = "", waiting: bool = False) -> None:
        """Spill ``rows`` of a node table (a relationship table's, from ``start`` to ``end`` labels) as they are;
        relationships ``waiting`` for an end not written yet are written at the end if a later batch writes it."""
        self._spill((table, start, end), rows, waiting)

    def _spill(self, table: tuple[str, str, str], rows: pa.Table, waiting: bool = False) -> None:
        """Spill ``rows`` to the file of ``table``, or of its edges ``waiting`` for an end."""
        if not rows.num_rows:
            return
        files = self._waiting if waiting else self._files
        if table not in files:
            path = os.path.join(self.folder, f"{'waiting-' if waiting else ''}{len(files)}.arrow")
            files[table] = _Spill(path, rows.schema)
        files[table].write(rows)

    def _settle(self) -> LoadCounts:
        """Spill the edges that waited for an end a later batch wrote (a post read after the one stating the edge:
        an export listing the newest first), a spilled part at a time, and count them created; the others' ends
        are in no batch of the input: counted skipped, they wait in the store for a load that brings their end
        (``rows.WAITING``), as in a store loaded batch by batch."""
        counts = LoadCounts()
        for (type_, start, end), waiting in self._waiting.items():
            waiting.close()
            with _Spilled(waiting.path) as spilled:
                for part in spilled.batches():
                    froms, tos = part.column(0).to_pylist(), part.column(1).to_pylist()
                    has_from, has_to = self._written.has(froms), self._written.has(tos)
                    keep = [a and b for a, b in zip(has_from, has_to, strict=True)]
                    counts.rels_created += sum(keep)
                    counts.rels_skipped += len(keep) - sum(keep)
                    self._spill((type_, start, end), pa.Table.from_batches([part]).filter(pa.array(keep)))
                    ends = zip(froms, tos, part.to_pylist(), strict=True)
                    unwritten = {a for a, found in zip(froms, has_from, strict=True) if not found}
                    unwritten |= {b for b, found in zip(tos, has_to, strict=True) if not found}
                    if wait := waiting_rows(type_, ends, unwritten):
                        self._spill((WAITING, "", ""), pa.Table.from_pylist(wait, _WAITING))
        return counts

    def finish(self) -> LoadCounts:
        """Copy the spilled tables into a new database file, a ``COPY`` per table (a relationship table one per
        pair of end labels, as the engine copies them) or per part of one (see ``COPY_FILL``) and a checkpoint
        before a part the page cache has no room for, and put it in the store's place. Returns the counts of the
        edges that waited for an end (``_settle``)."""
        counts = self._settle()
        for group in self._held():
            self._spill((group.label, "", ""), node_table(group, {}))
        for edges in self._held_edges():
            self._spill((edges.type, edges.start, edges.end), rel_table(edges, None))
            counts.rels_created += len(edges.froms)
        for spill in self._files.values():
            spill.close()
        _trim()  # what the run freed goes back to the system before the engine fills its page cache
        building = os.path.join(self.folder, "store")
        try:
            with _Building(building) as built:
                built.create(ddl())
                for (table, start, end), spill in sorted(self._files.items(), key=lambda item: bool(item[0][1])):
                    with _Spilled(spill.path) as spilled:
                        built.copy(table, start, end, spilled)
                emails = [{"id": i, "email": email} for i, email in self._emails.items()]
                for i in range(0, len(emails), _LOOKUP_CHUNK):
                    built.execute(FILL_EMAILS, {"rows": emails[i : i + _LOOKUP_CHUNK]})
                if settling := self._settling():
                    settle(built.rows, _create_rels, settling)
                built.save(reopen=False)
        except RuntimeError as exc:
            what = f"nothing was written, the store is as it was{_too_small(exc)}"
            failed = f"{self.store.path}: load failed; {what} ({_one_line(exc)})"
        else:
            self.store._replace(building)
            return counts
        # raised here, not in the handler, so that the engine's error and what its traceback holds (the database
        # built, the part copied) are freed before the spill is removed
        raise StoreError(failed)

    def _settling(self) -> dict[str, str]:
        """The stub roots never read whose post a batch wrote (``schema.stub_root``), with their posts' ids: settled
        into them in the database built, before it takes the store's place."""
        pairs: dict[str, str] = {}
        for node, (label, attrs) in self._stubs.items():
            platform, key = attrs.get("platform") or "", attrs.get("source_id") or ""
            if label == schema.ARTICLE and (post := root_post(node, platform, key)) and post not in self._stubs:
                pairs[node] = post
        found = self._written.has(list(pairs.values()))
        return {stub: post for (stub, post), written in zip(pairs.items(), found, strict=True) if written}

    def _held(self) -> list[NodeAttrs]:
        """The nodes held in memory until the end: Authors never writing, stubs never read, and the entities."""
        held = [(schema.AUTHOR, node, attrs) for node, attrs in self._mentioned.items()]
        held += [(label, node, attrs) for node, (label, attrs) in self._stubs.items()]
        held += [(label, node, attrs) for node, (label, attrs) in self._entities.items()]
        groups: dict[str, NodeAttrs] = {}
        for label, node, attrs in held:
            group = groups.setdefault(label, NodeAttrs(label))
            group.ids.append(node)
            group.attrs.append(attrs)
        return list(groups.values())

    def _held_edges(self) -> list[RelEdges]:
        """The edges of the stubs never read (``_hold``), by type and end labels."""
        groups: dict[tuple[str, str, str], RelEdges] = {}
        for node in self._stubs:
            for type_, start, end, a, b, attrs in self._stub_edges.get(node, {}).values():
                group = groups.setdefault((type_, start, end), RelEdges(type_, start, end))
                group.froms.append(a)
                group.tos.append(b)
                group.attrs.append(attrs)
        return list(groups.values())

    def close(self) -> None:
        """Remove what was spilled (and a database left unfinished)."""
        for spill in [*self._files.values(), *self._waiting.values()]:
            spill.close(ended=False)
        self._files.clear()
        self._waiting.clear()
        folders.remove(self.folder)
