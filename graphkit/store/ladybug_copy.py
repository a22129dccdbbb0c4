"""Extracted tables (``extract --cluster``) into an embedded store that holds nothing yet, by bulk COPY.

A new store needs none of the lookups that make ``LadybugStore.load`` idempotent: each node table
is copied from its Parquet file, and each relationship table one pair of end labels at a time (the
engine copies a relationship table so), leaving out relationships whose end is in no node table,
as a load does; a table written before a property joined the schema is copied with that property empty, as a
store written before holds it. The files are read in chunks of at most ``CHUNK`` rows and ``BATCH_CHARS``
characters of text, each chunk one step of the store, committed with its record
(``LadybugStore._step``); the copy of a directory that stopped is completed by copying it again,
which skips the recorded steps, and the records go when it is complete. A store holding anything
else is loaded batch by batch (``pipeline.load_tables``).
"""

from __future__ import annotations

import functools
import hashlib
import os
from collections.abc import Iterator

import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.parquet as pq

from .. import schema
from . import MARK_MISSING, LoadCounts
from .ladybug import LadybugStore
from .parquet import node_schema, rel_schema
from .rows import STEPS, waiting_rows

__all__ = ["copy_tables", "CHUNK"]

CHUNK = 50_000
BATCH_CHARS = 4_000_000  # as ``pipeline.BATCH_CHARS``: text one commit of the store writes at most


def _path(directory: str, name: str) -> str:
    return os.path.join(directory, f"{name}.parquet")


def _key(directory: str) -> str:
    """The same tables give the same key, so a copy run again finds the steps it committed."""
    names = sorted(n for n in os.listdir(directory) if n.endswith(".parquet"))
    stats = [(n, (st := os.stat(os.path.join(directory, n))).st_size, st.st_mtime_ns) for n in names]
    return hashlib.blake2b(repr(stats).encode(), digest_size=12).hexdigest()


def _conformed(table: pa.Table, columns: pa.Schema) -> pa.Table:
    """``table`` with the columns of ``columns`` it lacks, empty, in their places: the engine copies a table's
    columns by their places, and tables written before a property joined the schema lack it (as a store written
    before holds it empty, ``LadybugStore._add_new_properties``). A column the schema lacks is left where it is,
    for the copy to refuse."""
    if not (lacking := [column for column in columns if column.name not in table.column_names]):
        return table
    for column in lacking:
        table = table.append_column(column, pa.nulls(table.num_rows, column.type))
    return table.select([*columns.names, *(name for name in table.column_names if name not in columns.names)])


def _chunks(path: str, columns: pa.Schema) -> Iterator[pa.Table]:
    """The file's rows, as the table ``columns`` of the schema has them (``_conformed``), in chunks of at most
    ``CHUNK`` rows and ``BATCH_CHARS`` characters of text (a chunk holds one row however long its text)."""
    for batch in pq.ParquetFile(path).iter_batches(batch_size=CHUNK):
        table = _conformed(pa.Table.from_batches([batch]), columns)
        if "text" not in table.column_names:
            yield table
            continue
        lengths = pc.fill_null(pc.utf8_length(table.column("text")), 0).to_pylist()
        start, chars = 0, 0
        for i, length in enumerate(lengths):
            if i > start and chars + length > BATCH_CHARS:
                yield table.slice(start, i - start)
                start, chars = i, 0
            chars += length
        yield table.slice(start)


def _ours(store: LadybugStore, prefix: str) -> set[str] | None:
    """The steps of this copy already committed, or None if the store holds anything else."""
    steps = {row[0] for row in store._rows(f"MATCH (s:{STEPS}) RETURN s.id")}
    ours = {s for s in steps if s.startswith(prefix)}
    if steps - ours:
        return None
    if not ours and any(store._rows(f"MATCH (n:{n.label}) RETURN n.id LIMIT 1") for n in schema.NODES):
        return None
    return ours


def _copy(store: LadybugStore, table: str, rows: pa.Table, options: str = "") -> None:
    store._run(f"COPY {table} FROM $arrow{options}", {"arrow": rows})


def _waiting(type_: str, rows: pa.Table, present: pa.ChunkedArray, known: pa.ChunkedArray) -> list[dict]:
    """The ``rows`` of a relationship table ``present`` does not mark as ``WAITING`` rows: each waits in the store
    for its end the tables lack, as a load's edges do."""
    lacking = rows.filter(pc.invert(present))
    missing = set()
    for end in ("from", "to"):
        ids = lacking.column(end)
        missing.update(ids.filter(pc.invert(pc.is_in(ids, known))).to_pylist())
    return waiting_rows(type_, ((edge["from"], edge["to"], edge) for edge in lacking.to_pylist()), missing)


def copy_tables(store: LadybugStore, directory: str) -> LoadCounts | None:
    """Copy the tables in ``directory`` into ``store`` if it holds nothing else (or a copy of them that
    stopped); None, and nothing done, otherwise."""
    prefix = f"copy:{_key(directory)}:"
    done = _ours(store, prefix)
    if done is None:
        return None
    store._run(MARK_MISSING)  # the store holds nothing: a query on this connection may have emptied it, mark too
    counts = LoadCounts()
    ids: list[pa.Array] = []
    for node in schema.NODES:
        if not os.path.exists(path := _path(directory, node.label)):
            continue
        ids.extend(pq.read_table(path, columns=["id"]).column("id").chunks)
        for i, rows in enumerate(_chunks(path, node_schema(node.label))):
            counts.nodes_created += rows.num_rows
            if (step := f"{prefix}{node.label}:{i}") not in done:
                store._step(step, functools.partial(_copy, store, node.label, rows), lambda _: [], kind=node.label)
    known = pa.chunked_array(ids, pa.string()) if ids else pa.chunked_array([], pa.string())
    for rel in schema.RELATIONSHIPS:
        if not os.path.exists(path := _path(directory, rel.type)):
            continue
        for i, rows in enumerate(_chunks(path, rel_schema(rel.type))):
            present = pc.and_(pc.is_in(rows.column("from"), known), pc.is_in(rows.column("to"), known))
            ready = rows.filter(present)
            counts.rels_skipped += rows.num_rows - ready.num_rows
            if (step := f"{prefix}{rel.type}:waiting:{i}") not in done and ready.num_rows < rows.num_rows:
                store._step(
                    step, functools.partial(store._wait, _waiting(rel.type, rows, present, known)), kind="waiting"
                )
            counts.rels_created += ready.num_rows
            ends = [
                schema.label_of(a) + "\0" + schema.label_of(b)
                for a, b in zip(ready.column("from").to_pylist(), ready.column("to").to_pylist(), strict=True)
            ]
            for pair in sorted(set(ends)):
                start, end = pair.split("\0")
                if (step := f"{prefix}{rel.type}:{start}:{end}:{i}") in done:
                    continue
                part = ready.filter(pc.equal(pa.array(ends), pair))
                options = f" (from='{start}', to='{end}')"
                copy = functools.partial(_copy, store, rel.type, part, options)
                store._step(step, copy, lambda _: [], kind=f"{rel.type}:{start}:{end}")
    store._run(f"MATCH (s:{STEPS}) WHERE s.id STARTS WITH $prefix DELETE s", {"prefix": prefix})
    return counts
