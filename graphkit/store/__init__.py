"""Graph stores behind one small interface, so loading, querying and views do not care
which database is behind them. A new store is one module that subclasses ``Store`` and
registers its opener under a name."""

from __future__ import annotations

import importlib
from abc import ABC, abstractmethod
from collections.abc import Callable, Collection, Iterable, Sequence
from dataclasses import dataclass, field, fields
from typing import TYPE_CHECKING, Any

from .. import schema
from ..errors import QueryError, StoreError

if TYPE_CHECKING:
    import networkx as nx
    import pyarrow as pa

    from .rows import Batch, Graph

__all__ = [
    "Store",
    "StoredPost",
    "ModelReply",
    "LoadCounts",
    "QueryResult",
    "open_store",
    "prop",
    "reaches_outside",
    "LAYOUT",
    "LAYOUT_LABEL",
    "MARK_MISSING",
    "layout_error",
    "check_layout",
]

Progress = Callable[[int], None]
# How a store holds the graph (its tables or labels, their properties and what the values mean), numbered: raised
# when a change leaves stores written before it unreadable by the code after it (a new property is no such change:
# a store gains it when opened for writing). The embedded store keeps the number it was written with on one node of
# its own (``LAYOUT_LABEL``, id "store", property "layout", never to change) and refuses one of another layout on
# opening (``check_layout``); one holding no such node was written before graphkit kept one, in layout 1. A Neo4j
# database keeps the same node, written with its schema. 2: a comment whose key names it on its platform (a Hacker
# News item, a Mastodon or Bluesky address) has an id of that key alone, not of the thread its input showed
# (``schema.post_id``): a store of layout 1 holding such a comment would hold it again under its new id; one holding
# none reads the same in layout 2 and is marked so at its next opening for writing.
LAYOUT = 2
LAYOUT_LABEL = "GraphkitLayout"
# The mark each batch a load writes gives a store that lacks it, and one it holds is left as it is: a caller's query
# that empties the store (``MATCH (n) DETACH DELETE n``) takes the mark too, and a store holding what a load wrote
# after it on that connection, unmarked, would be taken for layout 1 at its next opening (refused if it held a
# comment layout 2 keys otherwise). One statement for both stores; it finds the mark by its unique id.
MARK_MISSING = f"MERGE (l:{LAYOUT_LABEL} {{id: 'store'}}) ON CREATE SET l.layout = {LAYOUT}"
# Ids looked up per query.
_LOOKUP_CHUNK = 10_000


@dataclass(frozen=True)
class StoredPost:
    """What a later record of a stored post's id is weighed against: the post's writers (one, unless
    an older graphkit credited a second), its text, whether it is a stub root (referenced, not read),
    and whether the batch that stored it finished (else the post may lack edges: a load extracts it
    again)."""

    writers: frozenset[str | None]
    text: str | None
    stub: bool
    finished: bool


@dataclass(frozen=True)
class ModelReply:
    """A stored reply that the reply model chose: the comment's thread, its parent, its confidence and the model
    (``ReplyModel.identity``; None when stored before stores named it)."""

    thread: str
    parent: str
    confidence: float | None
    model: str | None


@dataclass
class LoadCounts:
    """What a load did: created vs already present, per nodes and relationships, and the stored QUOTES edges it moved
    to a post holding the quote better or deleted as going to no one (``replace_quotes``), as the store applied them."""

    nodes_created: int = 0
    nodes_present: int = 0
    rels_created: int = 0
    rels_present: int = 0
    rels_skipped: int = 0
    quotes_moved: int = 0
    quotes_dropped: int = 0

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
            text += f"; {self.rels_skipped} relationships wait for an end not in input (written once a load brings it)"
        if self.quotes_moved or self.quotes_dropped:
            text += (
                f"; {self.quotes_moved} stored quotes moved to a post holding them better, {self.quotes_dropped} "
                "deleted (their writer wrote that post)"
            )
        return text


@dataclass
class QueryResult:
    columns: list[str]
    rows: list[list[Any]] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)  # one line each, e.g. a label no store or schema has


def prop(var: str, name: str) -> str:
    """A property access that both engines parse (``end`` is reserved in the embedded one)."""
    return f"{var}.`{name}`"


def reaches_outside(kind: str) -> QueryError:
    """The error for a query the engine planned to reach past the store (files, network, native
    code, other databases), e.g. ``reaches_outside("reads files (LOAD FROM)")``."""
    return QueryError(f"the query {kind}; pass --allow-files to allow it")


def layout_error(where: str, found: object) -> StoreError:
    """The error for a store written in another layout than this graphkit's."""
    return StoreError(
        f"{where}: this store was written by graphkit layout {found}; this graphkit reads layout {LAYOUT}: load the "
        "inputs again into a new store, or open it with a graphkit of that layout"
    )


# A comment whose id layout 2 changed (``schema.post_id``, ``_GLOBAL_KEYS``; every Hacker News comment, as a
# layout-1 store kept a table's row known by its place under its row number): one query, ending at the first found,
# so a store of other platforms' comments reads their platforms once, and only while it is marked layout 1.
_CHANGED_IN_LAYOUT_2 = (
    f"MATCH (c:{schema.COMMENT}) WHERE c.platform = 'hackernews' "
    "OR (c.platform IN ['mastodon', 'bluesky'] AND c.source_id CONTAINS '://') RETURN c.id LIMIT 1"
)


def check_layout(where: str, found: object, rows: Callable[[str], list[list[Any]]]) -> None:
    """Refuse a store of another layout than this graphkit's (``layout_error``), but for one of layout 1 holding no
    comment layout 2 gives another id (``rows`` runs a query on it): that store reads the same in either."""
    if found == LAYOUT or (found == 1 and not rows(_CHANGED_IN_LAYOUT_2)):
        return
    raise layout_error(where, found)


class Store(ABC):
    """A graph database the loader writes to and queries and views read from."""

    name = "store"

    @abstractmethod
    def init_schema(self) -> None:
        """Create tables, constraints and indexes; safe to run again."""

    @abstractmethod
    def load(self, graph: nx.MultiDiGraph | Batch, progress: Progress | None = None) -> LoadCounts:
        """Write one batch atomically and idempotently: a post already stored is skipped
        with every edge it owns; entities gain any new aliases. The batch is a networkx graph or
        the ``rows.Batch`` a load builds instead."""

    def begin_load(self) -> None:
        """A load starts: a waiting edge (``rows.WAITING``) one of its batches writes counts against its skipped ones
        only if one of its own batches counted it so (``_waited``); one an earlier load left waiting, which that load
        counted, counts created alone (a store object may serve several loads); ``lacks_quotes_stated`` is asked
        again, once."""
        from ..seen_ids import SeenIds  # numpy: not for the commands that only read

        self._waited = SeenIds()
        self._unstated: bool | None = None

    @abstractmethod
    def replace_replies(self, graph: Graph) -> None:
        """Replace the stored replies that the reply model chose for the comments whose REPLY_TO edges ``graph``
        holds (those edges and the QUOTES that follow them, their ends stored), and the quotes that followed the
        stored replies, by those edges, in one transaction: stated replies and every other relationship stay, and a
        load stopped before it keeps the old replies, which its re-run replaces."""

    @abstractmethod
    def replace_quotes(self, graph: Batch) -> LoadCounts:
        """Write the QUOTES edges of ``graph`` (their ends stored) and delete the stored ones they take the place of,
        its ``moved`` (quoting comment, stored edge's id, its new edge's id: ``Edge.replaces``), each only once its
        new edge is stored (one of no new id, a quote that goes to no one now, alone), in one transaction: stopped
        before it, the store keeps the quotes as stored. A batch's (``Batch.moving``) are moved as its last step
        (``load``), so that a load stopped before it extracts the batch again when run again and moves them then.
        Returns how many stored edges it moved and deleted (``LoadCounts.quotes_moved``, ``quotes_dropped``): none of
        an edge gone already (another load moved it)."""

    def fill_authors(self, authors: dict[str, dict[str, Any]], writers: Collection[str]) -> None:
        """Give each stored Author of ``authors`` (id: its properties as a load shows it) what it lacks
        (``cypher``'s FILL_AUTHORS): a handle (an earlier graphkit stored it without), if it is of ``writers`` (the
        handle its post shows) or writes no stored post; an address, where it has none. An Author stored with either
        keeps it. A load does so for the stored posts it skips too, so loading the same input again fills in every
        handle (``lacks_handles``), and an input giving addresses fills in those an earlier input gave none of."""
        from .cypher import FILL_AUTHORS, fill_rows

        self._fill(FILL_AUTHORS, fill_rows(authors, writers), "handles and addresses")

    def lacks_handles(self) -> bool:
        """Whether an Author is stored without a handle: a load then weighs the stored posts it skips for theirs."""
        from .cypher import LACKS_HANDLES

        return bool(self._rows(LACKS_HANDLES))

    def lacks_quotes_stated(self) -> bool:
        """Whether a Comment is stored without ``quotes_stated`` (a graphkit before the property stored it): a load
        then gives the stored comments it skips theirs (``fill_quotes_stated``). Asked once a load (``begin_load``):
        once none is, none is again (every load writes it), so a store lacking nothing runs no fill, and one lacking
        it is not searched again at each batch its load fills."""
        from .cypher import LACKS_QUOTES_STATED

        if self._unstated is None:
            self._unstated = bool(self._rows(LACKS_QUOTES_STATED))
        return self._unstated

    def fill_quotes_stated(self, stated: dict[str, bool]) -> None:
        """Give each stored Comment of ``stated`` (id: whether its input states what it quotes) stored without
        ``quotes_stated`` that value, so that a load recalling it looks for no quote where one load would not; one
        stored with it keeps it."""
        from .cypher import FILL_QUOTES_STATED

        rows = [{"id": post, "stated": value} for post, value in stated.items()]
        self._fill((FILL_QUOTES_STATED,), rows, "whether comments state their quotes")

    @abstractmethod
    def _fill(self, fills: Sequence[str], rows: list[dict[str, Any]], what: str) -> None:
        """Run each of ``fills`` (graphkit's own statements filling in what stored nodes lack from ``$rows``) on
        ``rows``, a chunk at a time, as the store writes a load's rows (not as a user's query, planned and checked
        first); ``what`` names what is filled in, for the error of a failed write."""

    @abstractmethod
    def query(
        self, cypher: str, params: dict[str, Any] | None = None, write: bool = False, allow_files: bool = False
    ) -> QueryResult:
        """Run one Cypher statement with parameters; read-only unless ``write``. Unless
        ``allow_files``, the engine plans it first and it is refused (``reaches_outside``) if the
        plan reads or writes files, reaches the network, loads native code or other databases:
        the store's data is all a query may touch by default."""

    @property
    def lacking(self) -> frozenset[str]:
        """The schema's properties the store's tables lack (an embedded store an earlier graphkit wrote, opened to
        be read, is not changed by reading it): reads leave them out. Empty where a node may lack none."""
        return frozenset()

    def stub(self, post: str) -> str:
        """Cypher: whether the stored post ``post`` is a stub (``schema.stub``); none is in a store an earlier
        graphkit wrote without the property."""
        return "false" if "stub" in self.lacking else schema.stub(post)

    @abstractmethod
    def _rows(self, statement: str, params: dict[str, Any] | None = None) -> list[list[Any]]:
        """Rows of one of graphkit's own reads (not a user's query: no check before it runs)."""

    def loads_in_one_go(self) -> bool:
        """Whether a load writes this store in one go when its input ends (``bulk``): stopped before then, it leaves
        the store as it was, with no batch kept."""
        return False

    def bulk(self) -> Any:
        """What a load writes through instead of ``load``-ing batch by batch, with ``stored_posts``, ``load`` and
        ``finish``, when the store can take a whole run at once (an empty embedded store); else None."""
        return None

    def columns(self, statement: str, params: dict[str, Any] | None = None) -> pa.Table | None:
        """The result of one of graphkit's own reads as Arrow columns, or None when the store cannot hand
        them over without building every row in Python (then callers aggregate in Cypher instead)."""
        return None

    @abstractmethod
    def close(self) -> None: ...

    def first_of(self, value: str, n: int) -> tuple[str, str]:
        """Cypher for the ``n`` smallest of the variable ``value`` in each group, as the clause that
        ends the ``WITH`` before aggregating and the aggregate: ``WITH …, x{order} RETURN k, {agg}``.
        Neo4j collects in the order rows arrive; the embedded engine needs another way."""
        return f" ORDER BY {value}", f"collect({value})[..{int(n)}]"

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def counts(self) -> dict[str, int]:
        """Node counts by label and relationship counts by type, and the stubs among the posts of each label
        ("stub:Article"), apart: a stub is a post its input names and lacks, none read."""
        out: dict[str, int] = {}
        for node in schema.NODES:
            out[node.label] = self.query(f"MATCH (n:{node.label}) RETURN count(n) AS c").rows[0][0]
        for label in schema.POST_LABELS:
            stubs = f"MATCH (n:{label}) WHERE {self.stub('n')} RETURN count(n) AS c"
            out[f"stub:{label}"] = self.query(stubs).rows[0][0]
        for rel in schema.RELATIONSHIPS:
            out[rel.type] = self.query(f"MATCH ()-[r:{rel.type}]->() RETURN count(r) AS c").rows[0][0]
        return out

    def stored_posts(self, ids: Iterable[str]) -> dict[str, StoredPost]:
        """The stored posts among ``ids``, one query per post label (and one for the unfinished batches
        when any is stored): a load weighs each record against its stored post before extracting."""
        from .cypher import stored_posts  # the statement module builds on this one

        ids = list(ids)
        rows: list[list[Any]] = []
        for label in schema.POST_LABELS:
            mine = [i for i in ids if schema.label_of(i) == label]
            for i in range(0, len(mine), _LOOKUP_CHUNK):
                unwind, value = self._ids(mine[i : i + _LOOKUP_CHUNK])
                rows += self._rows(stored_posts(label, unwind), {"ids": value})
        unfinished = self.unfinished_posts() if rows else set()
        writers: dict[str, set[str | None]] = {}
        for post, _, _, writer in rows:
            writers.setdefault(post, set()).add(writer)
        return {
            post: StoredPost(frozenset(writers[post]), text, bool(stub), post not in unfinished)
            for post, stub, text, _ in rows
        }

    def reply_models(self) -> dict[str | None, int]:
        """How many stored replies each reply model chose, by the model's identity (None: stored before stores
        named the model)."""
        from .cypher import MODEL_REPLIES

        return {model: count for model, count in self._rows(MODEL_REPLIES, {"missing": schema.PARENT_MISSING})}

    def other_models(self, model: str) -> list[tuple[str, str | None, int]]:
        """The threads holding replies that another reply model than ``model`` chose: each thread with a model
        and its replies there."""
        from .cypher import OTHER_MODELS

        return [tuple(row) for row in self._rows(OTHER_MODELS, {"model": model, "missing": schema.PARENT_MISSING})]

    def model_replies(self, ids: Iterable[str]) -> dict[str, ModelReply]:
        """The stored replies the reply model chose for the comments among ``ids``, by comment."""
        from .cypher import model_replies

        mine = [i for i in ids if schema.label_of(i) == schema.COMMENT]
        found: dict[str, ModelReply] = {}
        for i in range(0, len(mine), _LOOKUP_CHUNK):
            unwind, value = self._ids(mine[i : i + _LOOKUP_CHUNK])
            params = {"ids": value, "missing": schema.PARENT_MISSING}
            for comment, thread, parent, confidence, model in self._rows(model_replies(unwind), params):
                found[comment] = ModelReply(thread, parent, confidence, model)
        return found

    def _ids(self, ids: list[str]) -> tuple[str, Any]:
        """How a statement unwinds node ids, as the list expression and the value of ``$ids``: the list."""
        return "$ids", ids

    def missing(self, nodes: Iterable[str]) -> set[str]:
        """Which of ``nodes`` (edge ends) are not stored (a post a later batch brings, a parent never read)."""
        ends: dict[str, list[str]] = {}
        for node in set(nodes):
            ends.setdefault(schema.label_of(node), []).append(node)
        missing: set[str] = set()
        for label, ids in ends.items():
            for i in range(0, len(ids), _LOOKUP_CHUNK):
                chunk = ids[i : i + _LOOKUP_CHUNK]
                unwind, value = self._ids(chunk)
                found = self._rows(f"UNWIND {unwind} AS i MATCH (n:{label} {{id: i}}) RETURN n.id", {"ids": value})
                missing.update(set(chunk) - {row[0] for row in found})
        return missing

    def waiting_edges(self) -> int:
        """How many edges wait in the store for an end it lacks (``rows.WAITING``): not part of its graph."""
        from .rows import WAITING

        return self._rows(f"MATCH (w:{WAITING}) RETURN count(w)")[0][0]

    def _arrivals(self, ids: list[str]) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
        """The stored waiting edges (``rows.WAITING``) whose end is among ``ids`` (a batch's nodes, written), as rows
        of ``rows.WAITING_COLUMNS``: those whose other end is stored, to be written now, and those whose other end is
        not (both ends were missing), which wait for it from now on; a store holding none is asked once."""
        from .cypher import arrived
        from .rows import WAITING, WAITING_COLUMNS, other_end

        if not ids or not self._rows(f"MATCH (w:{WAITING}) RETURN w.id LIMIT 1"):
            return [], []
        names = [name for name, _ in WAITING_COLUMNS]
        found: list[dict[str, Any]] = []
        for i in range(0, len(ids), _LOOKUP_CHUNK):
            unwind, value = self._ids(ids[i : i + _LOOKUP_CHUNK])
            found += (dict(zip(names, row, strict=True)) for row in self._rows(arrived(unwind), {"ids": value}))
        missing = self.missing(other_end(row) for row in found) if found else set()
        ready = [row for row in found if other_end(row) not in missing]
        still = [{**row, "waits": other_end(row)} for row in found if other_end(row) in missing]
        return ready, still

    def unfinished_posts(self) -> set[str]:
        """Posts of batches that stopped halfway: stored perhaps, but not yet with all their edges."""
        from .cypher import UNFINISHED

        return {post for (posts,) in self._rows(UNFINISHED) for post in posts or ()}

    def fetch_graph(self) -> nx.MultiDiGraph:
        """The whole stored graph as networkx, read with portable per-label queries."""
        import networkx as nx  # not at start-up: views and queries have no use for it

        graph = nx.MultiDiGraph()
        for node in schema.NODES:
            cols = ", ".join("NULL" if p in self.lacking else prop("n", p) for p in node.names)
            for row in self.query(f"MATCH (n:{node.label}) RETURN {cols}").rows:
                graph.add_node(row[0], label=node.label, **dict(zip(node.names[1:], row[1:], strict=True)))
        for rel in schema.RELATIONSHIPS:
            for start, end in rel.pairs:
                cols = ", ".join("NULL" if p in self.lacking else prop("r", p) for p in rel.names)
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
