"""Node and relationship CSV files for ``neo4j-admin database import full``, the bulk path into
an empty Neo4j database, and their reader.

One file per label (``nodes_<Label>.csv``: ``id:ID``, typed properties, ``:LABEL``) and per
relationship type (``rels_<TYPE>.csv``: ``:START_ID``, ``:END_ID``, ``:TYPE``, typed properties).
Ids are global (every id starts with its label), so one id space serves all files.

Notes
-----
Strings are quoted and a null is an empty unquoted field, so neo4j-admin keeps ``""`` apart
from null; ``read_admin_csv`` cannot (Python's csv module reads both as ``""``) and returns
null for both. Alias lists are joined with U+001F, which no name contains. Relationships whose
ends are not among the nodes are left out and counted, since neo4j-admin would reject them.
"""

from __future__ import annotations

import csv
import os
import shlex
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from typing import Any

import networkx as nx
import pyarrow.parquet as pq

from .. import schema
from ..errors import InputError
from . import LAYOUT, LAYOUT_LABEL
from .rows import node_rows, rel_rows

__all__ = ["AdminExport", "write_admin_csv", "write_admin_csv_from_tables", "read_admin_csv", "ARRAY_DELIMITER"]

ARRAY_DELIMITER = "\x1f"
_TYPES = {schema.STRING: "string", schema.INT: "long", schema.FLOAT: "double", schema.BOOL: "boolean"}
_TYPES[schema.STRINGS] = "string[]"
_PARSE = {"long": int, "double": float, "boolean": lambda v: v == "true", "string": str}
# the layout mark's file (``store.LAYOUT_LABEL``, as a load writes it): a database imported from the files names the
# layout of their ids, as one a load wrote does, and is checked as such when opened (``store.check_layout``)
_MARK_FILE = f"nodes_{LAYOUT_LABEL}.csv"


@dataclass
class AdminExport:
    """What was written, and the command that imports it."""

    directory: str
    node_files: list[str] = field(default_factory=list)
    rel_files: list[str] = field(default_factory=list)
    nodes: int = 0
    rels: int = 0
    rels_skipped: int = 0

    def command(self, database: str = "neo4j") -> str:
        args = ["neo4j-admin", "database", "import", "full", database, "--overwrite-destination"]
        args += ["--multiline-fields=true", f"--array-delimiter=U+{ord(ARRAY_DELIMITER):04X}"]
        args += [f"--nodes={path}" for path in self.node_files]
        args += [f"--relationships={path}" for path in self.rel_files]
        return shlex.join(args)


def _header(props: tuple[schema.Prop, ...]) -> list[str]:
    return [f"{p.name}:{_TYPES[p.type]}" for p in props]


def _cell(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int | float):
        return repr(value)
    if isinstance(value, list):
        if any(ARRAY_DELIMITER in v for v in value):
            raise InputError(f"a list value contains U+001F, the array delimiter: {value!r}")
        value = ARRAY_DELIMITER.join(value)
    return '"' + str(value).replace('"', '""') + '"'


def _write(path: str, header: list[str], rows: Iterable[list[Any]]) -> None:
    with open(path, "w", encoding="utf-8", newline="") as out:
        out.write(",".join(header) + "\n")
        for row in rows:
            out.write(",".join(_cell(v) for v in row) + "\n")


def _export(directory: str) -> AdminExport:
    """The export into ``directory``, its layout mark written (``_MARK_FILE``; no node of the graph's)."""
    os.makedirs(directory, exist_ok=True)
    export = AdminExport(os.path.abspath(directory))
    path = os.path.join(export.directory, _MARK_FILE)
    _write(path, ["id:ID", "layout:long", ":LABEL"], [["store", LAYOUT, LAYOUT_LABEL]])
    export.node_files.append(path)
    return export


def write_admin_csv(graph: nx.MultiDiGraph, directory: str) -> AdminExport:
    """Write the graph's nodes and relationships as neo4j-admin CSV files into ``directory``."""
    export = _export(directory)
    written: set[str] = set()
    for group in node_rows(graph):
        node = schema.node_type(group.label)
        path = os.path.join(export.directory, f"nodes_{group.label}.csv")
        header = ["id:ID", *_header(node.props[1:]), ":LABEL"]
        _write(path, header, [[r[p] for p in node.names] + [group.label] for r in group.rows])
        written.update(r["id"] for r in group.rows)
        export.node_files.append(path)
        export.nodes += len(group.rows)
    by_type: dict[str, list[list[Any]]] = {}
    for group in rel_rows(graph):
        names = schema.rel_type(group.type).names
        for r in group.rows:
            if r["from"] in written and r["to"] in written:
                by_type.setdefault(group.type, []).append([r["from"], r["to"], group.type] + [r[p] for p in names])
            else:
                export.rels_skipped += 1
    for type_, rows in by_type.items():
        path = os.path.join(export.directory, f"rels_{type_}.csv")
        _write(path, [":START_ID", ":END_ID", ":TYPE", *_header(schema.rel_type(type_).props)], rows)
        export.rel_files.append(path)
        export.rels += len(rows)
    return export


def _table_rows(path: str, clean: Callable[[dict[str, Any]], dict[str, Any]]) -> Iterator[dict[str, Any]]:
    for batch in pq.ParquetFile(path).iter_batches(batch_size=10_000):
        yield from map(clean, batch.to_pylist())


def _node_lines(rows: Iterable[dict[str, Any]], node: schema.NodeType, written: set[str]) -> Iterator[list[Any]]:
    """CSV rows of a label's nodes; their ids go to ``written``."""
    for row in rows:
        written.add(row["id"])
        yield [row.get(p) for p in node.names] + [node.label]


def _rel_lines(
    rows: Iterable[dict[str, Any]], rel: schema.RelType, written: set[str], export: AdminExport
) -> Iterator[list[Any]]:
    """CSV rows of a type's relationships whose ends were written; the others are counted as skipped."""
    for row in rows:
        if row["from"] in written and row["to"] in written:
            export.rels += 1
            yield [row["from"], row["to"], rel.type] + [row.get(p) for p in rel.names]
        else:
            export.rels_skipped += 1


def write_admin_csv_from_tables(
    tables: str, directory: str, clean: Callable[[dict[str, Any]], dict[str, Any]] = lambda row: row
) -> AdminExport:
    """Write the Parquet tables of ``extract --cluster`` in ``tables`` (``store.parquet``) as neo4j-admin
    CSV files into ``directory``, row by row (never the whole graph in memory), each row through
    ``clean`` (e.g. leaving out personal data)."""
    export = _export(directory)
    written: set[str] = set()
    for node in schema.NODES:
        if os.path.exists(source := os.path.join(tables, f"{node.label}.parquet")):
            path = os.path.join(export.directory, f"nodes_{node.label}.csv")
            header = ["id:ID", *_header(node.props[1:]), ":LABEL"]
            before = len(written)
            _write(path, header, _node_lines(_table_rows(source, clean), node, written))
            export.node_files.append(path)
            export.nodes += len(written) - before
    for rel in schema.RELATIONSHIPS:
        if os.path.exists(source := os.path.join(tables, f"{rel.type}.parquet")):
            path = os.path.join(export.directory, f"rels_{rel.type}.csv")
            header = [":START_ID", ":END_ID", ":TYPE", *_header(rel.props)]
            _write(path, header, _rel_lines(_table_rows(source, clean), rel, written, export))
            export.rel_files.append(path)
    return export


def _typed(column: str, text: str) -> tuple[str, Any]:
    name, _, kind = column.partition(":")
    if text == "":
        return name, None
    if kind.endswith("[]"):
        return name, text.split(ARRAY_DELIMITER)
    return name, _PARSE[kind](text)


def read_admin_csv(directory: str) -> nx.MultiDiGraph:
    """Read files written by ``write_admin_csv`` back into a graph (empty strings become null), the layout mark
    aside."""
    csv.field_size_limit(2**31 - 1)  # posts can be megabytes long
    graph = nx.MultiDiGraph()
    names = sorted(os.listdir(directory))
    for name in (n for n in names if n.startswith("nodes_") and n != _MARK_FILE):
        with open(os.path.join(directory, name), encoding="utf-8", newline="") as handle:
            reader = csv.reader(handle)
            header = next(reader)
            for row in reader:
                props = dict(_typed(c, v) for c, v in zip(header[1:-1], row[1:-1], strict=True))
                graph.add_node(row[0], label=row[-1], **props)
    for name in (n for n in names if n.startswith("rels_")):
        with open(os.path.join(directory, name), encoding="utf-8", newline="") as handle:
            reader = csv.reader(handle)
            header = next(reader)
            for row in reader:
                props = dict(_typed(c, v) for c, v in zip(header[3:], row[3:], strict=True))
                graph.add_edge(row[0], row[1], key=props["id"], type=row[2], **props)
    return graph
