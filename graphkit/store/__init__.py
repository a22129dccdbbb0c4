"""Graph stores behind one small interface, so loading, querying and views do not care
which database is behind them. A new store is one module that subclasses ``Store`` and
registers its opener under a name."""

from __future__ import annotations

import importlib
from abc import ABC, abstractmethod
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field, fields
from typing import Any

import networkx as nx

from .. import schema
from ..errors import QueryError, StoreError

__all__ = ["Store", "LoadCounts", "QueryResult", "open_store", "prop", "reaches_outside"]

Progress = Callable[[int], None]


@dataclass
class LoadCounts:
    """What a load did: created vs already present, per nodes and relationships."""

    nodes_created: int = 0
    nodes_present: int = 0
    rels_created: int = 0
    rels_present: int = 0
    rels_skipped: int = 0

    def __iadd__(self, other: LoadCounts) -> LoadCounts:
        for f in fields(self):
            setattr(self, f.name, getattr(self, f.name) + getattr(other, f.name))
        return self

    def summary(self) -> str:
        text = (
            f"{self.nodes_created} nodes created, {self.nodes_present} already present; "
            f"{self.rels_created} relationships created, {self.rels_present} already present"
        )
        if self.rels_skipped:
            text += f"; {self.rels_skipped} relationships skipped (end not in input)"
        return text


@dataclass
class QueryResult:
    columns: list[str]
    rows: list[list[Any]] = field(default_factory=list)


def prop(var: str, name: str) -> str:
    """A property access that both engines parse (``end`` is reserved in the embedded one)."""
    return f"{var}.`{name}`"


def reaches_outside(kind: str) -> QueryError:
    """The error for a query the engine planned to reach past the store (files, network, native
    code, other databases), e.g. ``reaches_outside("reads files (LOAD FROM)")``."""
    return QueryError(f"the query {kind}; pass --allow-files to allow it")


class Store(ABC):
    """A graph database the loader writes to and queries and views read from."""

    name = "store"

    @abstractmethod
    def init_schema(self) -> None:
        """Create tables, constraints and indexes; safe to run again."""

    @abstractmethod
    def load(self, graph: nx.MultiDiGraph, progress: Progress | None = None) -> LoadCounts:
        """Write one batch atomically and idempotently: a post already stored is skipped
        with every edge it owns; entities gain any new aliases."""

    @abstractmethod
    def query(
        self, cypher: str, params: dict[str, Any] | None = None, write: bool = False, allow_files: bool = False
    ) -> QueryResult:
        """Run one Cypher statement with parameters; read-only unless ``write``. Unless
        ``allow_files``, the engine plans it first and it is refused (``reaches_outside``) if the
        plan reads or writes files, reaches the network, loads native code or other databases:
        the store's data is all a query may touch by default."""

    @abstractmethod
    def stored_posts(self, ids: Iterable[str]) -> dict[str, bool]:
        """Which of the post ids ``ids`` are stored whole (with all their edges), each with whether it
        is a stub root (referenced, not read): a load skips them before extracting. Posts of a batch
        that stopped halfway do not count until a load completes it."""

    @abstractmethod
    def unfinished_posts(self) -> set[str]:
        """Posts of batches that stopped halfway: stored perhaps, but not yet with all their edges."""

    @abstractmethod
    def close(self) -> None: ...

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def counts(self) -> dict[str, int]:
        """Node counts by label and relationship counts by type."""
        out: dict[str, int] = {}
        for node in schema.NODES:
            out[node.label] = self.query(f"MATCH (n:{node.label}) RETURN count(n) AS c").rows[0][0]
        for rel in schema.RELATIONSHIPS:
            out[rel.type] = self.query(f"MATCH ()-[r:{rel.type}]->() RETURN count(r) AS c").rows[0][0]
        return out

    def fetch_graph(self) -> nx.MultiDiGraph:
        """The whole stored graph as networkx, read with portable per-label queries."""
        graph = nx.MultiDiGraph()
        for node in schema.NODES:
            cols = ", ".join(prop("n", p) for p in node.names)
            for row in self.query(f"MATCH (n:{node.label}) RETURN {cols}").rows:
                graph.add_node(row[0], label=node.label, **dict(zip(node.names[1:], row[1:], strict=True)))
        for rel in schema.RELATIONSHIPS:
            for start, end in rel.pairs:
                cols = ", ".join(prop("r", p) for p in rel.names)
                cypher = f"MATCH (a:{start})-[r:{rel.type}]->(b:{end}) RETURN a.id, b.id, {cols}"
                for row in self.query(cypher).rows:
                    attrs = dict(zip(rel.names, row[2:], strict=True))
                    graph.add_edge(row[0], row[1], key=attrs["id"], type=rel.type, **attrs)
        return graph


# Store name -> module under store/ whose ``open(**options)`` returns a Store.
_MODULES = {"ladybug": "ladybug", "neo4j": "neo4j"}


def open_store(kind: str, **options: Any) -> Store:
    """Open a store by name (``ladybug`` or ``neo4j``); the module is imported only when used."""
    if kind not in _MODULES:
        raise StoreError(f"unknown store {kind!r} (known: {', '.join(sorted(_MODULES))})")
    module = importlib.import_module(f"{__name__}.{_MODULES[kind]}")
    return module.open(**options)
