"""Extracted tables (``extract --cluster``) written into an existing Neo4j over Bolt by many processes at once.

The tables are first cut into shares (``split``): a node table by rows, a relationship table by its shared end,
the end that is not the post owning the edge (the author of a WROTE, the entity of a MENTIONS, the parent of a
REPLY_TO), so that two shares of a type never merge edges onto the same shared node, each share sorted by that
end. Concurrent MERGEs of relationships lock both ends; the fewer nodes two transactions both lock, the fewer
deadlocks Neo4j has to break, and those it breaks are transient errors on which the driver runs the transaction
again. Each share is then written (``write_share``) in batches of ``UNWIND $rows … MERGE``, the statements of a
single-machine load, every batch in one transaction with its record: a ``LoadStep`` named by the tables, the
share and the batch, so a run started again skips the batches recorded. The record of a batch of posts lists
them: until the run removes its records at the end (``finish``) those posts count as unfinished, and a load of
the same input extracts them again, as after an interrupted load. Every node share must be written before any
relationship share (the caller's barrier), or edges would be skipped for want of their ends.

Nothing here imports Dask: the processes that run these functions are the caller's business.
"""

from __future__ import annotations

import hashlib
import json
import math
import os
import threading
import uuid
import zlib
from collections.abc import Callable
from dataclasses import dataclass, field

import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.parquet as pq
from neo4j import ManagedTransaction

from .. import schema
from . import LoadCounts, parquet
from . import cypher as statements
from .neo4j import Connection, Neo4jStore
from .rows import waiting_rows

__all__ = ["Share", "Written", "tables", "run_key", "prefix", "split", "write_share", "finish", "close_stores"]

RUNS = "bolt:"  # the records of every run's batches have ids under this prefix, then the run's key
BATCHES_PER_SHARE = 4  # a share is about this many batches: enough shares to spread, few enough to read once
# The layout of a share's rows, in the key of a run (``run_key``): shares a stopped run of another layout left (an
# earlier graphkit's, whose Author rows lacked ``written``) are cut again, not read without what this one writes;
# raised whenever the rows of a share change. 2: an Author's row says ``written``.
SHARES_LAYOUT = 2
_STORES: dict[Connection, Neo4jStore] = {}
_LOCK = threading.Lock()


@dataclass(frozen=True)
class Share:
    """One share of a table: its rows are written by one task, batch after batch."""

    name: str  # the table: a label or a relationship type
    index: int
    rows: int


@dataclass
class Written:
    """What writing a share did: the counts of its batches written now, and how many batches were
    recorded by an earlier run and skipped."""

    counts: LoadCounts = field(default_factory=LoadCounts)
    batches: int = 0
    skipped: int = 0


def _path(directory: str, name: str) -> str:
    return os.path.join(directory, f"{name}.parquet")


def _writers(directory: str) -> pa.Array:
    """The Authors the tables' WROTE names writing a post, stubs aside (``rows.post_writers``)."""
    wrote = _path(directory, schema.WROTE)
    if not os.path.exists(wrote):
        return pa.array([], pa.string())
    edges = pq.read_table(wrote, columns=["from", "to"])
    for label in schema.POST_LABELS:
        if os.path.exists(path := _path(directory, label)):
            posts = pq.read_table(path, columns=["id", "stub"])
            stubs = posts.filter(pc.fill_null(posts.column("stub"), False)).column("id").combine_chunks()
            edges = edges.filter(pc.invert(pc.is_in(edges.column("to"), value_set=stubs)))
    return pc.unique(edges.column("from"))


def tables(directory: str) -> list[str]:
    """The tables in ``directory``, node tables first (in the schema's order), then relationship tables."""
    names = [n.label for n in schema.NODES] + [r.type for r in schema.RELATIONSHIPS]
    return [name for name in names if os.path.exists(_path(directory, name))]


def run_key(directory: str, batch_size: int) -> str:
    """The same tables, batch size and layout of shares give the same key, so a run started again finds its
    shares and records."""
    stats = [(n, (st := os.stat(_path(directory, n))).st_size, st.st_mtime_ns) for n in tables(directory)]
    return hashlib.blake2b(repr((stats, batch_size, SHARES_LAYOUT)).encode(), digest_size=12).hexdigest()


def _shared_end(name: str) -> tuple[str, str] | None:
    """For a relationship table, its shared end's column and its owner's; None for a node table."""
    if name not in {r.type for r in schema.RELATIONSHIPS}:
        return None
    return ("from", "to") if schema.rel_type(name).owner_is_target else ("to", "from")


def _share_path(out: str, share: Share) -> str:
    return os.path.join(out, f"{share.name}-{share.index:05d}.parquet")


def split(directory: str, name: str, out: str, batch_size: int) -> list[Share]:
    """Cut the table ``name`` of ``directory`` into shares of about ``BATCHES_PER_SHARE`` batches, written to
    ``out``; the list of them is written last, and a split run again reads it back. An Author's row says whether
    a post of the tables writes it (``written``): every node share is written before any WROTE is."""
    listing = os.path.join(out, f"{name}.json")
    if os.path.exists(listing):
        with open(listing, encoding="utf-8") as stream:
            return [Share(name, i, rows) for i, rows in enumerate(json.load(stream))]
    table = pq.read_table(_path(directory, name))
    count = max(1, math.ceil(table.num_rows / (batch_size * BATCHES_PER_SHARE)))
    ends = _shared_end(name)
    if name == schema.AUTHOR:  # one stored as only mentioned takes its first post's (``cypher.merge_nodes``)
        table = table.append_column("written", pc.is_in(table.column("id"), value_set=_writers(directory)))
    if ends is None:  # nodes: each id once, in contiguous runs of rows
        of_row = [i * count // max(table.num_rows, 1) for i in range(table.num_rows)]
        order = [("_share", "ascending")]
    else:
        of_row = [zlib.crc32(end.encode()) % count for end in table.column(ends[0]).to_pylist()]
        order = [("_share", "ascending"), (ends[0], "ascending"), (ends[1], "ascending")]
    table = table.append_column("_share", pa.array(of_row, pa.int64())).sort_by(order)
    sizes = pc.value_counts(table.column("_share")).to_pylist()
    rows = [0] * count
    for entry in sizes:
        rows[entry["values"]] = entry["counts"]
    os.makedirs(out, exist_ok=True)
    start = 0
    for i, size in enumerate(rows):
        _write_whole(table.slice(start, size).drop_columns(["_share"]), _share_path(out, Share(name, i, size)))
        start += size
    _write_whole(rows, listing)
    return [Share(name, i, size) for i, size in enumerate(rows)]


def _write_whole(value: pa.Table | list[int], path: str) -> None:
    """Write a share's table or a listing whole or not at all: a split that stopped is done again."""
    writing = f"{path}.{uuid.uuid4().hex}.tmp"
    if isinstance(value, pa.Table):
        pq.write_table(value, writing)
    else:
        with open(writing, "w", encoding="utf-8") as stream:
            json.dump(value, stream)
    os.replace(writing, path)


def _store(connection: Connection) -> Neo4jStore:
    """This process's store of ``connection``, opened once (a driver keeps a pool of connections)."""
    with _LOCK:
        if connection not in _STORES:
            _STORES[connection] = connection.open()
        return _STORES[connection]


def close_stores() -> None:
    """Close the stores this process opened for writing shares."""
    with _LOCK:
        while _STORES:
            _STORES.popitem()[1].close()


def _steps(prefix: str, share: Share) -> str:
    """The prefix of the records of a share's batches."""
    return f"{prefix}{share.name}:{share.index}:"


def _writes(name: str, rows: list[dict], store: Neo4jStore) -> list[tuple[str, list[dict]]]:
    """The load statements of a batch of the table ``name``: one per pair of end labels for relationships, and
    one that keeps those whose end the database lacks waiting for it (``rows.WAITING``), as a load's are (the
    nodes are all written before any relationship)."""
    if _shared_end(name) is None:
        return [(statements.merge_nodes(name), rows)]
    missing = store.missing(end for row in rows for end in (row["from"], row["to"]))
    pairs: dict[tuple[str, str], list[dict]] = {}
    waiting: list[dict] = []
    for row in rows:
        a, b = row["from"], row["to"]
        if a in missing or b in missing:
            waiting += waiting_rows(name, [(a, b, row)], missing)
        else:
            pairs.setdefault((schema.label_of(a), schema.label_of(b)), []).append(row)
    writes = [(statements.merge_rels(name, start, end), group) for (start, end), group in sorted(pairs.items())]
    return writes + ([(statements.WAIT, waiting)] if waiting else [])


def write_share(
    connection: Connection,
    out: str,
    share: Share,
    prefix: str,
    batch_size: int,
    going_on: Callable[[], None] | None = None,
) -> Written:
    """Write a share split into ``out`` in batches of ``batch_size`` rows, each in one transaction with its
    record (``prefix`` and the batch); batches recorded already are skipped. Counted as a load counts.
    ``going_on`` is called before each batch and raises to end the share there (the run stopped: its worker closes,
    or the scheduler dropped its task): a long share then stops at its next batch, what is written recorded for the
    run started again."""
    store = _store(connection)
    steps = _steps(prefix, share)
    done = {row[0] for row in store._rows(statements.STEPS_UNDER, {"prefix": steps})}
    rows = pq.read_table(_share_path(out, share)).to_pylist()
    written = Written()
    posts = share.name in schema.POST_LABELS
    for batch, start in enumerate(range(0, len(rows), batch_size)):
        step = f"{steps}{batch}"
        if step in done:
            written.skipped += 1
            continue
        if going_on is not None:
            going_on()
        chunk = rows[start : start + batch_size]
        record = {"id": step, "posts": [row["id"] for row in chunk] if posts else None}
        writes = _writes(share.name, chunk, store)
        results = store.write_step(writes, record)
        written.batches += 1
        for (statement, group), (matched, created) in zip(writes, results, strict=True):
            if statement == statements.WAIT:
                written.counts.rels_skipped += len(group)
            elif matched is None:
                written.counts.nodes_created += created
                written.counts.nodes_present += len(group) - created
            else:
                written.counts.rels_created += created
                written.counts.rels_present += matched - created
                written.counts.rels_skipped += len(group) - matched
    return written


def prefix(key: str) -> str:
    """The prefix of the records of the run of ``key`` (``run_key``)."""
    return f"{RUNS}{key}:"


def finish(store: Neo4jStore, key: str, directory: str) -> None:
    """Remove the records of the run of ``key`` once every share of the tables in ``directory`` is written: its
    posts count as stored whole. So do those of its posts that the records of a run of other tables list (one
    that stopped before the same input was extracted again, say): those records keep the other posts, and go
    once none is left, so that no stopped run leaves records behind for ever. One transaction of the store's own
    writes (not a user's query): stopped before it ends, every record stays for the run started again."""

    def work(tx: ManagedTransaction) -> None:
        tx.run(statements.DROP_STEPS, prefix=prefix(key)).consume()
        others = [record.values() for record in tx.run(statements.STEP_POSTS_UNDER, prefix=RUNS)]
        if not others:
            return
        written = {post for label in schema.POST_LABELS for post in parquet.column(directory, label, "id")}
        left = {step: [post for post in posts or () if post not in written] for step, posts in others}
        kept = [{"id": step, "posts": posts} for step, posts in left.items() if posts]
        if kept:
            tx.run(statements.MARK_BATCH, rows=kept).consume()
        gone = [{"id": step} for step, posts in left.items() if not posts]
        if gone:
            tx.run(statements.UNMARK_BATCH, rows=gone).consume()

    store._write_whole(work, "removing the run's records failed", "they are kept, run it again to remove them")
