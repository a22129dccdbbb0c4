"""The embedded default store: a LadybugDB database file, no server.

Every engine difference from Neo4j lives in this module. LadybugDB (a Kùzu fork) has typed
tables, so nodes and relationships go in through ``COPY`` from Arrow tables, which is two
orders of magnitude faster than ``UNWIND … MERGE`` for relationships there; since ``COPY``
neither merges nor skips, idempotence is ours: per batch we look up which posts and nodes
exist and copy only what is new, in steps that record themselves (see ``LadybugStore.load``).
"""

from __future__ import annotations

import contextlib
import ctypes
import functools
import json
import os
import re
import signal
import threading
from collections.abc import Callable, Container, Iterable, Iterator, Sequence
from itertools import compress
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar

import ladybug as lb

from .. import schema
from ..errors import QueryError, StoreError
from ..held_signals import deferred
from . import (
    _LOOKUP_CHUNK,
    LAYOUT,
    LAYOUT_LABEL,
    MARK_MISSING,
    LoadCounts,
    Progress,
    QueryResult,
    Store,
    StoredPost,
    check_layout,
    ladybug_statements,
    prop,
    reaches_outside,
)
from .cypher import (
    DROP_ARRIVED,
    DROPPED_QUOTES,
    MOVED_QUOTES,
    WAIT,
    count_model_replies,
    drop_model_quotes,
    drop_model_replies,
)
from .rows import (
    END_BATCH,
    STEPS,
    WAITING,
    WAITING_COLUMNS,
    Batch,
    Graph,
    NodeAttrs,
    RelEdges,
    arrived,
    batch_key,
    node_attrs,
    outside,
    owned_edges,
    post_writers,
    rel_edges,
    rel_rows,
    waiting_rows,
)
from .settling import candidates, settle

if TYPE_CHECKING:
    import pyarrow as pa

    from .ladybug_bulk import BulkLoad

__all__ = ["LadybugStore", "open", "ddl", "node_table", "rel_table"]

# The engine's page cache defaults to most of the machine's memory and fills as the file grows;
# a fixed size keeps a million-post load's memory bounded (larger was no faster at 1M posts: each
# batch touches recent pages and the primary-key indexes).
BUFFER_POOL = 256 * 1024 * 1024
# Megabytes of page cache instead, for every open: queries hold their joins and aggregates there too.
BUFFER_POOL_ENV = "GRAPHKIT_BUFFER_POOL_MB"
# Growth of resident memory over a load's steps at which the database is checkpointed and reopened
# (see ``LadybugStore._reopen``). Each checkpoint rewrites much of the store (see ``CHECKPOINT_SHARE``):
# reopening at the first growth after every 1-2 batches of 10k posts made a checkpoint of each.
REOPEN_LIMIT = BUFFER_POOL
# A checkpoint rewrites every relationship region of the file that gained a relationship since the last
# one, so its cost grows with the store rather than with the rows copied since (into a store of 100k
# comments, 1.2-1.8 s of CPU whether 5 MB or 25 MB were copied; 64 MB into an empty one, 1.1 s): their
# number decides their cost. A load checkpoints once the Arrow bytes copied since the last checkpoint
# reach this share of the page cache (what the engine holds of them until then, and what a checkpoint
# writes through the cache): after a batch, so that one batch is written by one checkpoint (three within
# a batch of 100k comments cost 3.4 times one), and after any step of a bulk copy.
CHECKPOINT_SHARE = 0.1
# A database that holds nothing unsaved closes with this set: the engine's checkpoint on closing would find
# nothing to write and still sync its files some ten times (and it ignores its own failure)
_NO_CLOSING_CHECKPOINT = "CALL force_checkpoint_on_close=false"
# The engine holds what a load copied in its page cache until a checkpoint, and a step's COPY needs
# room there besides (a node table's, 15 MB or more, whatever its rows); a COPY that finds the cache
# full fails, and after that failure the engine's next checkpoint crashes the process or loses the
# steps before it. So a step checkpoints first unless the cache has this many times the most room a
# step of its kind took free.
STEP_ROOM = 1.5
# The engine's words for a file whose writing failed (it leaves the file for the next writer to
# recover, and refuses read-only opens until then).
_RECOVERY_PENDING = "checkpoint recovery is pending"
# and for a page cache too small for what a statement needs
_CACHE_FULL = "buffer pool is full"
T = TypeVar("T")
# Operators of an EXPLAIN plan that reach past the store, and what the query is then refused for.
_OUTSIDE = {
    "COPY_TO": "writes files (COPY TO)",
    "EXPORT_DATABASE": "writes files (EXPORT DATABASE)",
    "IMPORT_DATABASE": "reads files (IMPORT DATABASE)",
    "LOAD_EXTENSION": "loads native code (LOAD EXTENSION)",
    "INSTALL_EXTENSION": "downloads an extension (INSTALL)",
    "UNINSTALL_EXTENSION": "removes an extension (UNINSTALL)",
    "ATTACH_DATABASE": "attaches another database (ATTACH)",
    "DETACH_DATABASE": "detaches a database (DETACH)",
    "USE_DATABASE": "switches to another database (USE)",
    "STANDALONE_CALL": "changes a setting (CALL name = value)",
    # a new database file named after the store and the graph (``store.NAME.lbug``), ``/`` in NAME placing it elsewhere
    "CREATE_GRAPH": "creates another database (CREATE GRAPH)",
}
# Table functions named READ_* scan files (LOAD FROM, COPY FROM; CSV, Parquet, NumPy …), except
# the one that reads a plan's own intermediate results.
_FILE_SCAN, _INTERMEDIATE = "READ_", "READ_FTABLE"
_PLAN_OPERATOR = re.compile(r"\b([A-Z][A-Z_]*)\[\d+\]")
_PLAN_FUNCTION = re.compile(r"\bFunction: (\w+)")
# The plan is drawn as boxes under a header box: each box's top (``┌──┐``, with ``┴`` where its input joins), on the
# line below it the operator and its number, a rule, then its details, a table function's first. The names the query
# writes (an alias, a property, in backquotes any text, a line break too) are drawn as they are among the details, so
# an operator is read where the drawing puts it only, as is a table function: a read naming a column "COPY_TO[1]" is
# no COPY TO.
_PLAN_HEADER = re.compile(r"┌─*┐\n│┌─*┐│\n││ *Physical Plan *││\n│└─*┘│\n└─*┘\n")
_BOX_TOP = re.compile("┌[─┴]*┐")
_OPERATOR = re.compile(r"([A-Z][A-Z_]*)\[\d+\]")
_RULE = re.compile("-+")
_SEVERAL = "the query has several statements; run one at a time (none was run)"
_TRIES_TO_WRITE = "the query tries to write; pass --write to allow writes"
# the engine's whole error for a write in a store opened read-only, and for several statements: an error may end with
# a value (``error(c.text)``), so one only ending with these words is another
_READ_ONLY = "Connection exception: Cannot execute write operations in a read-only database!"
_MULTIPLE = "Connection Exception: We do not support prepare multiple statements."
# ``COPY TABLE TO`` writes no file whatever is allowed: the engine's grammar has ``COPY (query) TO`` only.
_COPIES_A_TABLE = (
    "the query writes files (COPY TO), which the embedded engine does from a query only: "
    "COPY (MATCH (n:Comment) RETURN n.*) TO 'out.csv' with --allow-files"
)
# the engine's whole error for a name it lacks, which for a user's typo gets the schema's closest name (a name in
# backquotes may hold any character, a line break too; another error may quote these words)
_UNKNOWN_TABLE = re.compile(r"Binder exception: Table (.+) does not exist\.", re.DOTALL)
_UNKNOWN_PROPERTY = re.compile(r"Binder exception: Cannot find property (.+?) for .+\.", re.DOTALL)
# the engine's words for a value it cannot read as the type a comparison needs ("Cast failed")
_CAST_FAILED = re.compile(r"Cast failed\. Could not convert (.+) to (\w+)\.?$")


def ddl() -> list[str]:
    """CREATE statements for every node and relationship table of the schema and graphkit's own, and the statement
    that marks the store with this graphkit's layout, in one transaction: the engine syncs its log at each commit
    (20 syncs for a new store's tables made one by one; a statement that fails undoes them all)."""
    out = ["BEGIN TRANSACTION"]
    for node in schema.NODES:
        cols = ", ".join(f"`{p.name}` {p.type}" + (" PRIMARY KEY" if p.name == "id" else "") for p in node.props)
        out.append(f"CREATE NODE TABLE IF NOT EXISTS {node.label}({cols})")
    for rel in schema.RELATIONSHIPS:
        pairs = ", ".join(f"FROM {a} TO {b}" for a, b in rel.pairs)
        cols = ", ".join(f"`{p.name}` {p.type}" for p in rel.props)
        out.append(f"CREATE REL TABLE IF NOT EXISTS {rel.type}({pairs}, {cols})")
    out.append(f"CREATE NODE TABLE IF NOT EXISTS {STEPS}(id STRING PRIMARY KEY, posts STRING[])")
    out.append(f"CREATE NODE TABLE IF NOT EXISTS {LAYOUT_LABEL}(id STRING PRIMARY KEY, layout INT64)")
    cols = ", ".join(f"{name} {type_}" + (" PRIMARY KEY" if name == "id" else "") for name, type_ in WAITING_COLUMNS)
    out.append(f"CREATE NODE TABLE IF NOT EXISTS {WAITING}({cols})")
    out.append(f"MERGE (l:{LAYOUT_LABEL} {{id: 'store'}}) SET l.layout = {LAYOUT}")
    out.append("COMMIT")
    return out


@functools.cache
def _create_rels(type_: str, start: str, end: str) -> str:
    """CREATE a relationship of ``type_`` for each of ``$rows`` (``from``, ``to`` and properties) between stored
    ends. The engine types a list parameter from its values, so each property is cast to the schema's type (a
    property that is null in every row would be taken for a string). Each end is a MATCH of its own: the engine
    looks each up by its key, where one MATCH of both crossed every node of the two labels first (a store of 200k
    comments ran out of its page cache writing one edge between two of them)."""
    props = ", ".join(f"`{p.name}`: CAST({prop('row', p.name)} AS {p.type})" for p in schema.rel_type(type_).props)
    return (
        f"UNWIND $rows AS row MATCH (a:{start} {{id: row.`from`}}) MATCH (b:{end} {{id: row.`to`}}) "
        f"CREATE (a)-[:{type_} {{{props}}}]->(b)"
    )


def _buffer_pool() -> int:
    """The page cache in bytes: ``BUFFER_POOL_ENV`` when set, else ``BUFFER_POOL``."""
    value = os.environ.get(BUFFER_POOL_ENV, "").strip()
    if not value:
        return BUFFER_POOL
    if not value.isdigit() or int(value) < 1:
        raise StoreError(f"{BUFFER_POOL_ENV} must be a whole number of megabytes, not {value!r}")
    return int(value) * 1024 * 1024


def _brought(stored: set[str], posts: list[str]) -> list[str]:
    """The posts a batch adds to the store."""
    return [p for p in posts if p not in stored] if stored else posts


def _packed(posts: list[str] | None) -> list[str] | None:
    """A step record's posts as one string in a list: the engine stores a list of 100k strings in 0.2-0.4 s
    of CPU, their lines joined in 0.015 s. A post id holds no line break (a digest after its label)."""
    return posts if not posts else ["\n".join(posts)]


def _unpacked(posts: list[str] | None) -> list[str] | None:
    """The posts of a record, packed or (written by an older graphkit) one id an item."""
    return None if posts is None else [post for packed in posts for post in packed.split("\n")]


def _resident() -> int | None:
    """This process's resident memory in bytes, where the system tells it (Linux), else None."""
    try:
        pages = int(Path("/proc/self/statm").read_text().split()[1])
    except (OSError, ValueError, IndexError):
        return None
    return pages * os.sysconf("SC_PAGE_SIZE")


def _trim() -> None:
    """Hand the heap's free memory back to the system (glibc only; elsewhere it is reused)."""
    with contextlib.suppress(OSError, AttributeError):
        _libc().malloc_trim(0)


def _handed_back() -> int:
    """Bytes of resident memory ``_trim`` gave back."""
    before = _resident()
    _trim()
    after = _resident()
    return max(before - after, 0) if before is not None and after is not None else 0


@functools.cache
def _libc() -> ctypes.CDLL:
    return ctypes.CDLL("libc.so.6")


def node_table(group: NodeAttrs, existing: dict[str, Any]) -> pa.Table:
    """The group's nodes not in ``existing`` as Arrow columns of their table, converted from the graph's
    attribute dicts in one pass (as ``rel_table``)."""
    import pyarrow as pa

    from .parquet import node_schema

    ids, attrs = group.ids, group.attrs
    if existing:
        keep = [i not in existing for i in ids]
        ids, attrs = list(compress(ids, keep)), list(compress(attrs, keep))
    columns = node_schema(group.label)
    props = pa.struct([column for column in columns if column.name != "id"])
    values = iter(pa.array(attrs, type=props).flatten())
    id_column = pa.array(ids, pa.string())
    arrays = [id_column if column.name == "id" else next(values) for column in columns]
    return pa.Table.from_arrays(arrays, schema=columns)


def rel_table(group: RelEdges, keep: list[bool] | None) -> pa.Table:
    """The group's edges (those ``keep`` marks, when given) as Arrow columns of their table, converted
    from the graph's attribute dicts in one pass rather than a row dict and a list per column."""
    import pyarrow as pa

    from .parquet import rel_schema

    froms, tos, attrs = group.froms, group.tos, group.attrs
    if keep is not None:
        froms, tos, attrs = (list(compress(column, keep)) for column in (froms, tos, attrs))
    columns = rel_schema(group.type)
    props = pa.array(attrs, type=pa.struct(list(columns)[2:])).flatten()
    return pa.Table.from_arrays([pa.array(froms, pa.string()), pa.array(tos, pa.string()), *props], schema=columns)


def _one_line(exc: BaseException | str) -> str:
    return str(exc).strip().splitlines()[0] if str(exc).strip() else exc.__class__.__name__


def _too_small(exc: BaseException) -> str:
    """What to do, when the engine's error is a page cache too small for the statement (else nothing)."""
    if _CACHE_FULL not in str(exc):
        return ""
    return f"; a page cache of {_buffer_pool() >> 20} MB is too small for it: raise {BUFFER_POOL_ENV}"


# Signals that stop a run, which an engine call of the store's own holds back until it returns (``_engine``).
_STOPS = (signal.SIGINT, signal.SIGTERM, signal.SIGHUP)


@contextlib.contextmanager
def _engine(conn: lb.Connection | None = None) -> Iterator[None]:
    """Within, in the main thread, a stop signal waits until the engine call is over. Raised inside the binding's
    Python code, a KeyboardInterrupt could come after it counts a call as running and before it stops counting, and
    closing the connection then waited for that call for ever; or inside the binding's look at the SIGINT handler
    before a statement, which prints it as ignored and goes on, so the load waited for standard input instead of
    stopping. A user's query does without it (``query``): the engine stops it at Ctrl-C.

    Given ``conn``, a stop that ends the run also interrupts the statement running on it, from another thread, as it
    comes (a long COPY held Ctrl-C for the whole copy): the statement then fails, undone, and the signal is raised
    over its failure. Only a COPY is so cut short: the engine runs a CHECKPOINT to its end whatever it is asked, then
    reports it interrupted though written."""
    if threading.current_thread() is not threading.main_thread():
        yield
        return
    with deferred(_STOPS, None if conn is None else conn.interrupt):
        yield


# Rows per Arrow record batch of ``columns``.
_ARROW_CHUNK = 1_000_000


class _Statement(lb.PreparedStatement):
    """The engine's prepared statement, with nothing to close until it is built: a Ctrl-C landing as the engine
    starts building one left it without its handle, and its clean-up at collection (as the stopped process ended)
    printed an AttributeError after the one-line 'Interrupted' message."""

    _prepared_statement = None


class _Unsaved(Exception):
    """Steps the engine committed but could not write to the file; ``recovered`` tells whether the
    store was recovered and the steps undone, so that reads work and a re-run writes them once."""

    def __init__(self, cause: str, recovered: bool) -> None:
        super().__init__(cause)
        self.recovered = recovered


def _unsaved_error(path: str, exc: _Unsaved) -> StoreError:
    then = (
        "the store is recovered and a re-run completes it"
        if exc.recovered
        else "run the same load again to recover the store and complete it"
    )
    return StoreError(f"{path}: load failed in a batch: a step could not be written to the file; {then} ({exc})")


_NEEDS = re.compile(r"//\s*needs:\s*(\w+)\s*$")


def without_lacking(cypher: str, lacking: frozenset[str]) -> str:
    """``cypher`` without its lines that end "// needs: PROP" for a property the store lacks: on a store an earlier
    graphkit wrote, a lookup (the query library's, a view's) runs without the test of a property added since."""
    if not lacking:
        return cypher
    return "\n".join(line for line in cypher.splitlines() if not ((need := _NEEDS.search(line)) and need[1] in lacking))


def _query_error(message: str, lacking: frozenset[str]) -> QueryError:
    """The engine's error for a user query, in the words graphkit uses for both stores; ``lacking`` names the
    schema's properties the store has not gained yet."""
    if message.strip() == _READ_ONLY:
        return QueryError(_TRIES_TO_WRITE)
    if message.strip() == _MULTIPLE:
        return QueryError(_SEVERAL)
    if cast := _CAST_FAILED.search(_one_line(message)):
        return QueryError(
            f"the query compares values of two types ({cast[1]} is no {cast[2]}): a -p value written as a number is "
            "passed as a number; compare it as text with toString($NAME)"
        )
    return QueryError(_unknown_name(message, lacking) or _one_line(message))


def _crashes(scan: str, projection: str | None = None) -> QueryError:
    """The error for a query calling the file scan ``scan`` as a table function, itself or in the Cypher
    ``projection`` runs: binding such a call crashes the engine (LadybugDB 0.22.0), whose scan reads a file list
    and options that only LOAD FROM and COPY FROM give it."""
    where = f" (in the Cypher {projection} runs)" if projection else ""
    return QueryError(f"calling {scan} directly{where} crashes the embedded engine; read files with LOAD FROM")


def _strings(values: Any) -> Iterator[str]:
    """Every string in ``values``: lists, maps (keys too) and strings as the engine returns them."""
    if isinstance(values, str):
        yield values
    elif isinstance(values, dict):
        for key, value in values.items():
            yield from _strings(key)
            yield from _strings(value)
    elif isinstance(values, list | tuple):
        for value in values:
            yield from _strings(value)


def _literal(value: Any) -> str:
    """``value`` as a Cypher literal the engine reads back as the same value (strings, numbers, booleans, null,
    lists and maps of them)."""
    if value is None:
        return "NULL"
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int | float):
        return repr(value)
    if isinstance(value, str):
        return "'" + value.replace("\\", "\\\\").replace("'", "\\'") + "'"
    if isinstance(value, list):
        return "[" + ", ".join(map(_literal, value)) + "]"
    if isinstance(value, dict):
        return "{" + ", ".join(f"{_literal(str(key))}: {_literal(item)}" for key, item in value.items()) + "}"
    raise TypeError(f"a value of type {type(value).__name__}")


def _unknown_name(message: str, lacking: frozenset[str]) -> str | None:
    """A name the engine lacks that the schema lacks too (a typo), with the schema's closest, or that the store
    has not gained yet."""
    if named := _UNKNOWN_TABLE.fullmatch(message.strip()):
        return schema.unknown_name("table", named[1])
    if named := _UNKNOWN_PROPERTY.fullmatch(message.strip()):
        if named[1] in lacking:
            return (
                f"the store has no property {named[1]} yet: a graphkit before it wrote the store, which gains it "
                "when opened for writing once (a load, or 'graphkit init-db') while no other process writes it, "
                "filled in by new posts only: for all of it, load the inputs into a new store"
            )
        return schema.unknown_name("property", named[1])
    return None


def _boxes(plan: str) -> list[tuple[str, str]] | None:
    """Each box of a rendered plan: its operator and its first detail, read where the drawing puts them. None where a
    box's top leads no operator there (a name the query writes drew one, or the engine draws plans otherwise): then
    what is drawn cannot be told from what the query wrote. Sound as the engine draws (LadybugDB 0.22.0): no name is
    drawn on a top, title or rule line, and a box is as wide as its widest detail counted in bytes, so a line break
    or a character of several bytes in a first detail moves the last border of its line (the plan is then read whole)
    rather than draw another box's first detail where it is read."""
    header = _PLAN_HEADER.match(plan)
    if header is None:
        return None
    lines = plan[header.end() :].split("\n")

    def cell(row: int, start: int, end: int) -> str | None:
        line = lines[row] if row < len(lines) else ""
        return line[start + 1 : end].strip() if line[start : start + 1] == line[end : end + 1] == "│" else None

    boxes = []
    for row, line in enumerate(lines):
        for top in _BOX_TOP.finditer(line):
            start, end = top.start(), top.end() - 1
            operator, rule, detail = (cell(row + below, start, end) for below in (1, 2, 3))
            if operator is None or rule is None or detail is None:
                return None
            if not (_OPERATOR.fullmatch(operator) and _RULE.fullmatch(rule)):
                return None
            boxes.append((operator.partition("[")[0], detail))
    return boxes


def _outside(plan: str) -> str | None:
    """What in the engine's rendered plan reaches past the store, if anything: an operator (``_OUTSIDE``) or a table
    function scanning files, read from its boxes (``_boxes``); a plan whose boxes cannot be read is read whole, every
    word like an operator or a function taken as one (a read may then be refused, never a write let through)."""
    boxes = _boxes(plan)
    if boxes is None:
        operators, functions = _PLAN_OPERATOR.findall(plan), _PLAN_FUNCTION.findall(plan)
    else:
        operators = [operator for operator, _ in boxes]
        functions = [found[1] for _, detail in boxes if (found := _PLAN_FUNCTION.match(detail))]
    for operator in operators:
        if operator in _OUTSIDE:
            return _OUTSIDE[operator]
    for function in functions:
        if function.startswith(_FILE_SCAN) and function != _INTERMEDIATE:
            return "reads files (LOAD FROM, COPY FROM)"
    return None


class LadybugStore(Store):
    name = "ladybug"

    def __init__(self, path: str, read_only: bool = False) -> None:
        self.path = path
        self.read_only = read_only
        # steps committed since the last checkpoint: (step, posts it recorded, how to undo its rows),
        # and the batches among them that are complete
        self._pending: list[tuple[str, list[str] | None, Callable[[], None] | None]] = []
        self._complete: list[str] = []
        self._grown_by = 0  # resident memory the steps added since the database was opened
        self._unsaved = 0  # bytes of the Arrow tables copied since the last checkpoint
        self._step_room: dict[str, int] = {}  # the most of the page cache a step of each kind took
        # posts ``stored_posts`` found not stored, until a nodes step writes them (a load keeps each such
        # post for its batch); a failed step or checkpoint never stores one of them
        self._unstored: set[str] = set()
        self._writers: set[str] = set()  # Authors of the posts of the batches this store completed: stored with one
        # edges this load's batches left waiting, counted skipped by it until a batch writes them (a load stopped
        # ends its process: one run again opens the store anew); their hashes, as a new store's load keeps the ids
        # it wrote (an export listing the newest first leaves most of its edges waiting a while)
        self.begin_load()
        self._lacking: frozenset[str] = frozenset()  # the schema's properties a store opened to be read lacks
        if read_only and not os.path.exists(path):
            raise StoreError(f"{path}: no store here yet (run 'graphkit load' first)")
        self._open()
        try:
            self._check_layout()  # before any write: a store of another layout stays as it is
            if not read_only:
                self.init_schema()
            elif not self._rows("CALL show_tables() RETURN name LIMIT 1"):  # a load stopped as it made the store
                raise StoreError(f"{path}: the store holds no tables yet (run 'graphkit load' or 'graphkit init-db')")
            else:  # a store is never changed by reading it: a load or init-db adds what it lacks
                self._lacking = frozenset(p.name for _, p in self._new_properties())
            # a store that holds no post yet has its first batch written to the file at once (see ``load``)
            self._new = not read_only and not any(
                self._rows(f"MATCH (n:{label}) RETURN n.id LIMIT 1") for label in schema.POST_LABELS
            )
        except (RuntimeError, StoreError) as exc:  # e.g. a page cache too small to create the tables in
            self._shut()
            if isinstance(exc, StoreError):
                raise
            raise self._cannot_open(exc) from None

    def _check_layout(self) -> None:
        """``check_layout`` of the layout the store is marked with; one without the mark, as graphkit wrote them
        before it kept one (or a store with no table yet), is of layout 1."""
        tables = {name for (name,) in self._rows("CALL show_tables() RETURN name")}
        rows = self._rows(f"MATCH (l:{LAYOUT_LABEL} {{id: 'store'}}) RETURN l.layout") if LAYOUT_LABEL in tables else []
        changed = self._rows if schema.COMMENT in tables else lambda query: []
        check_layout(self.path, rows[0][0] if rows else 1, changed)

    def waiting_edges(self) -> int:
        """As the base's; none in a store written before edges could wait (no table for them)."""
        tables = {name for (name,) in self._rows("CALL show_tables() RETURN name")}
        return super().waiting_edges() if WAITING in tables else 0

    def _open(self) -> None:
        try:
            with _engine():
                try:
                    self._db = self._database(self.read_only)
                except RuntimeError as exc:
                    if not self.read_only or _RECOVERY_PENDING not in str(exc):
                        raise
                    # a write whose commit was not written to the file leaves recovering it to the next
                    # writer; opening for writing does it (and fails while another process writes)
                    self._database(read_only=False).close()
                    self._db = self._database(read_only=True)
                self._conn = lb.Connection(self._db)
        except RuntimeError as exc:
            raise self._cannot_open(exc) from None
        self._cut_short = False  # whether a stop signal cut a query on this connection short (see ``_let_go``)
        self._grown_by = 0

    def _cannot_open(self, exc: RuntimeError) -> StoreError:
        return StoreError(f"{self.path}: cannot open the embedded store ({_one_line(exc)}{_too_small(exc)})")

    def _cache_free(self) -> int:
        """Bytes of the engine's page cache not in use, as the engine counts them."""
        limit, used = self._rows("CALL bm_info() RETURN *")[0]
        return limit - used

    def _database(self, read_only: bool) -> lb.Database:
        # no checkpoint after each commit: a load checkpoints after some batches (see ``load``), as the
        # engine's checkpoint of every step cost more than the steps; closing checkpoints too
        return lb.Database(self.path, read_only=read_only, buffer_pool_size=_buffer_pool(), auto_checkpoint=False)

    def close(self) -> None:
        """Write what a load left in memory to the file, then close."""
        try:
            if self._pending or self._complete:
                self._reconnect()
                self._checkpoint(reopen=False)
        except _Unsaved as exc:
            raise _unsaved_error(self.path, exc) from None
        finally:
            self._shut()

    def _shut(self) -> None:
        """Close the connection and the database."""
        with _engine():
            self._let_go()
            self._db.close()

    def _let_go(self) -> None:
        """Close the connection, unless a stop signal cut a query on it short: the binding may then count the query
        as running for ever (see ``_engine``), and closing the connection would wait for it; it is left to the
        garbage collector."""
        if not self._cut_short:
            self._conn.close()
        self._cut_short = False

    def holds_nothing(self) -> bool:
        """Whether the store holds no node and no step of a load that stopped: a load into it goes in one go."""
        tables = [n.label for n in schema.NODES] + [STEPS]
        return not any(self._rows(f"MATCH (n:{table}) RETURN n.id LIMIT 1") for table in tables)

    def loads_in_one_go(self) -> bool:
        return not self.read_only and self.holds_nothing()

    def bulk(self) -> BulkLoad | None:
        """A load into this store in one go, when it holds nothing (see ``ladybug_bulk``)."""
        from .ladybug_bulk import bulk_load

        return bulk_load(self)

    def _replace(self, built: str) -> None:
        """Put the database file ``built`` (closed, checkpointed) in this empty store's place. The empty store closes
        without a checkpoint, its log (what this load's opening wrote: the tables, the layout's mark) removed before
        the replace: the engine refuses a log left beside another database, and a load stopped between the two
        leaves the store as it was before this load opened it (a new one holding no table), which the next load
        makes again. The built file opened again holds nothing unsaved either (a load's later steps are
        checkpointed by ``close``)."""
        self._run(_NO_CLOSING_CHECKPOINT)
        self._shut()
        with contextlib.suppress(FileNotFoundError):
            os.remove(self.path + ".wal")
        os.replace(built, self.path)
        self._open()
        self._run(_NO_CLOSING_CHECKPOINT)
        self._new = False

    def _reconnect(self) -> None:
        """Open a new connection: one keeps the Arrow tables it copied from until it closes, and
        the engine's checkpoint needs their room in its page cache (with them, a 64 MB cache failed
        to write a 9.5 MB text; without, it does not)."""
        with _engine():
            self._let_go()
            self._conn = lb.Connection(self._db)

    def _reopen(self) -> None:
        """Close and open the database again: the engine keeps what a step's lookups and copies
        loaded (structures that grow with the store) until the database closes, and a connection
        the Arrow tables it copied from. Reopening after each step and handing the freed heap back
        took a million comments with entities from 3.1 GB to 1.2 GB; a load reopens after each
        checkpoint (see ``_checkpoint``), which ``REOPEN_LIMIT`` brings about too (after every step
        where memory cannot be read)."""
        self.close()
        _trim()
        self._open()

    def _run(self, cypher: str, params: dict[str, Any] | None = None) -> Any:
        with _engine():
            return self._conn.execute(cypher, params or {})

    def init_schema(self) -> None:
        for statement in ddl():
            self._run(statement)
        self._add_new_properties()

    def _add_new_properties(self) -> None:
        """A store written before a property joined the schema gains it (empty in the rows it has)."""
        for table, new in self._new_properties():
            self._run(f"ALTER TABLE {table} ADD `{new.name}` {new.type}")

    def _new_properties(self) -> list[tuple[str, schema.Prop]]:
        """The schema's properties the store's tables lack, by table (none in a store the schema made)."""
        tables = [(n.label, n.props) for n in schema.NODES] + [(r.type, r.props) for r in schema.RELATIONSHIPS]
        stored = {name for (name,) in self._rows("CALL show_tables() RETURN name")}
        out = []
        for table, props in (t for t in tables if t[0] in stored):
            present = self._columns(table)
            out += [(table, p) for p in props if p.name not in present]
        return out

    @property
    def lacking(self) -> frozenset[str]:
        return self._lacking

    def query(
        self, cypher: str, params: dict[str, Any] | None = None, write: bool = False, allow_files: bool = False
    ) -> QueryResult:
        """Refuse by its tokens a query whose statement kind reaches past the store, unless
        ``allow_files``: the engine opens the files a statement names while preparing it, so this
        comes before the engine sees the query; so does a CHECKPOINT, ANALYZE or transaction statement
        unless ``write``, which the engine runs on a read-only store. Then prepare the statement (one only:
        the engine refuses several, and any other write in a read-only store, before running anything), check
        the EXPLAIN plan of its statement (a PROFILE's too) as well unless ``allow_files`` (a setting changed shows
        there), and run the prepared statement itself, so what runs is what was checked. A call of a file scan,
        which crashes the engine, is refused whatever is allowed: in the text, and with ``allow_files`` in the
        Cypher a projection builds (``_checked``).
        Lines needing a property the store lacks are left out first (``without_lacking``)."""
        cypher = without_lacking(cypher, self._lacking)
        if write and self.read_only:
            raise QueryError("the store was opened read-only; reopen it for writing")
        text = ladybug_statements.Query(cypher)
        if not write and text.reads_nothing():
            raise QueryError(_TRIES_TO_WRITE)
        if text.several():
            raise QueryError(_SEVERAL)
        scan = text.file_scan_call()
        if scan:
            raise _crashes(scan)
        if text.copies_a_table_to():
            raise QueryError(_COPIES_A_TABLE)
        kind = None if allow_files else text.outside()
        if kind:
            raise reaches_outside(kind)
        try:
            return self._checked(text, params or {}, allow_files)
        except KeyboardInterrupt:
            self._cut_short = True
            raise

    def _checked(self, text: ladybug_statements.Query, params: dict[str, Any], allow_files: bool) -> QueryResult:
        """``query``'s part in the engine, which a stop signal may cut short (see ``_engine``). A graph projection
        (refused by its tokens unless ``allow_files``) must not call a file scan in the Cypher it binds either."""
        cypher = self._projected(text, params) if allow_files else text.cypher
        statement = self._prepare(cypher, params)
        if not allow_files:
            explain = self._prepare(f"EXPLAIN {text.statement()}", params)
            kind = _outside(self._execute(explain, params).get_all()[0][0])
            if kind:
                raise reaches_outside(kind)
        result = self._execute(statement, params)
        return QueryResult(result.get_column_names(), [list(row) for row in result.get_all()])

    def _projected(self, text: ladybug_statements.Query, params: dict[str, Any]) -> str:
        """The query's text with each graph projection's arguments replaced by their values, once checked: the
        engine binds the Cypher a projection builds from them as it runs, and binding a file scan call crashes it
        there as anywhere. The arguments may be computed (``concat``, escapes), so the engine evaluates them, and every
        string in them is checked, a table's filter as much as a whole query; the statement run holds the values
        checked as literals, as an argument evaluated again may differ (``current_timestamp()``). Cypher that
        projects a graph itself is refused: its own arguments would be evaluated again as it runs."""
        replaced: list[tuple[tuple[int, int], str]] = []
        for projection in text.projections():
            if projection.span and replaced and projection.span[0] < replaced[-1][0][1]:
                continue  # within the arguments of a projection replaced: evaluated with them
            values, literals = self._evaluated(projection, params)
            for string in _strings(values):
                inner = ladybug_statements.Query(string)
                if scan := inner.file_scan_call():
                    raise _crashes(scan, projection.name)
                if nested := inner.projections():
                    raise QueryError(
                        f"the Cypher {projection.name} runs projects a graph itself ({nested[0].name}), whose "
                        "arguments graphkit cannot check for a file scan call, which crashes the embedded engine"
                    )
            replaced.append((projection.span, literals))
        cypher = text.cypher
        for (start, end), literals in reversed(replaced):
            cypher = cypher[:start] + literals + cypher[end:]
        return cypher

    def _evaluated(self, projection: ladybug_statements.Projection, params: dict[str, Any]) -> tuple[list[Any], str]:
        """The values of a projection's arguments, evaluated by the engine with the query's parameters, and the
        literals that write them."""
        try:
            if projection.arguments is None or projection.span is None:
                raise QueryError("no closing bracket")
            columns = ", ".join(f"{argument} AS a{i}" for i, argument in enumerate(projection.arguments))
            values = self._execute(self._prepare(f"RETURN {columns}", params), params).get_all()[0] if columns else []
            return values, ", ".join(map(_literal, values))
        except (QueryError, TypeError) as exc:
            raise QueryError(
                f"the arguments of {projection.name} could not be evaluated to check the Cypher it runs for a file "
                f"scan call, which crashes the embedded engine ({exc})"
            ) from None

    def first_of(self, value: str, n: int) -> tuple[str, str]:
        """The engine refuses ``ORDER BY`` in a ``WITH`` without ``LIMIT`` and aggregates in parallel,
        so the collected list is sorted instead; it slices lists 1-based, end included."""
        return "", f"list_slice(list_sort(collect({value})), 1, {int(n)})"

    def _prepare(self, cypher: str, params: dict[str, Any]) -> lb.PreparedStatement:
        statement = _Statement(self._conn, cypher, params)
        if not statement.is_success():
            raise _query_error(statement.get_error_message(), self._lacking)
        return statement

    def _execute(self, statement: lb.PreparedStatement, params: dict[str, Any]) -> Any:
        try:
            return self._conn.execute(statement, params)
        except RuntimeError as exc:
            raise _query_error(str(exc), self._lacking) from None

    def _existing(self, label: str, ids: Iterable[str]) -> dict[str, Any]:
        """Which of ``ids`` are stored, with what merging needs: aliases of entities, whether a
        post is a stub (referenced but not read), whether an Author lacks a handle (stored before the property
        was)."""
        extra = {
            schema.ARTICLE: ", n.stub",
            schema.COMMENT: ", n.stub",
            STEPS: ", n.posts",
            schema.AUTHOR: ", n.handle IS NULL",
        }.get(label, ", [n.aliases, [n.evidence]]" if label in schema.ENTITY_LABELS else "")
        ids = list(ids)
        found: dict[str, Any] = {}
        if not self._rows(f"MATCH (n:{label}) RETURN n.id LIMIT 1"):  # a new store's first batch: nothing to find
            return found
        for i in range(0, len(ids), _LOOKUP_CHUNK):
            unwind, value = self._ids(ids[i : i + _LOOKUP_CHUNK])
            cypher = f"UNWIND {unwind} AS i MATCH (n:{label} {{id: i}}) RETURN n.id{extra}"
            for row in self._rows(cypher, {"ids": value}):
                found[row[0]] = row[1] if extra else None
        return found

    def _ids(self, ids: list[str]) -> tuple[str, Any]:
        """The ids as one string, split by the engine: the engine's Python binding types each item of a list
        parameter in Python (10k ids: 14 ms a lookup, 7 ms so). No id holds a line break (each is its label's
        prefix and a digest, a slug or a percent-encoded name)."""
        return "string_split($ids, '\n')", "\n".join(ids)

    def stored_posts(self, ids: Iterable[str]) -> dict[str, StoredPost]:
        """As the base's, remembering the posts not stored for the nodes step of their batch, which then
        looks up only the others (stub roots, mostly): a load asks about each batch before extracting it."""
        ids = list(ids)
        stored = super().stored_posts(ids)
        self._unstored.update(i for i in ids if i not in stored)
        return stored

    def _stored_nodes(self, group: NodeAttrs) -> dict[str, Any]:
        """``_existing`` of the group's nodes, but for the posts ``stored_posts`` found not stored."""
        if group.label not in schema.POST_LABELS or not self._unstored:
            return self._existing(group.label, group.ids)
        return self._existing(group.label, [i for i in group.ids if i not in self._unstored])

    def _rows(self, statement: str, params: dict[str, Any] | None = None) -> list[list[Any]]:
        """A statement with parameters is prepared here, not by the engine's binding, which keeps each statement it
        prepares, with the values last bound to it, as long as the connection: a load continuing a stored
        20,000-comment thread read it back a page at a time some 10 MB higher at its peak so."""
        with _engine():
            if not params:
                return self._run(statement).get_all()
            return self._conn.execute(_Statement(self._conn, statement, params), params).get_all()

    def unfinished_posts(self) -> set[str]:
        """The records of batches complete since the last checkpoint are kept until it (a process that
        dies before it loses them with the batches' rows), but their posts are finished. An arrived step's record
        holds edges, not posts (``_write_arrived``)."""
        rows = self._rows(f"MATCH (s:{STEPS}) RETURN s.id, s.posts")
        complete = set(self._complete)
        unfinished = (
            _unpacked(posts)
            for step, posts in rows
            if step.split(":", 1)[0] not in complete and not step.endswith(":arrived")
        )
        return {post for posts in unfinished for post in posts or ()}

    def columns(self, statement: str, params: dict[str, Any] | None = None) -> pa.Table:
        """The engine hands its result over as Arrow columns: a million rows of node ids in about a
        second, where building them as Python rows takes several."""
        with _engine():
            return self._run(statement, params).get_as_arrow(chunk_size=_ARROW_CHUNK)

    def _copy_arrow(self, table: str, arrow: pa.Table, options: str = "") -> None:
        with _engine(self._conn):  # cut short by a stop
            self._run(f"COPY {table} FROM $arrow{options}", {"arrow": arrow})
        self._unsaved += arrow.nbytes

    def load(self, graph: Graph, progress: Progress | None = None) -> LoadCounts:
        """Write a batch as a series of steps, each committed on its own: the nodes, then each
        relationship group. Each step also records itself in the steps table until the batch is
        complete (the first with the posts the batch brings), so a batch that stopped halfway is
        completed exactly by running it again; steps with nothing to write are not run.

        The nodes step's record is written in its transaction. A relationship group's step is one copy,
        committed on its own and then recorded: inside a transaction the engine leaves a copy's rows to the
        checkpoint, which then cost it 2-3 times what it costs for rows the copy wrote itself. A copy stores
        all its rows or none, so a resumed batch (its nodes recorded) asks of each group whether its first edge
        is stored (``_copied``): a group stored but not recorded is recorded instead of copied again, and one
        recorded but not stored is copied again. A process that dies before a checkpoint loses the rows it
        copied since, but the engine's recovery keeps the records written since (nodes steps' records too):
        so a record never tells alone that its rows are stored, and a re-run completes those batches.
        A checkpoint comes after a new store's first batch
        (cheap, with the file still small: a load interrupted early keeps it), after a batch once the
        rows copied since the last one reach ``CHECKPOINT_SHARE`` of the page cache, after a step that
        left ``REOPEN_LIMIT`` more memory in use (the engine holds on to structures that grow with the
        store until the database closes, which each checkpoint of a load does), and on closing; complete
        batches lose their records after it (until then they do not count as unfinished, see
        ``unfinished_posts``). The connection is opened again after each step (``_reconnect``).

        An edge of the batch whose end is neither in it nor stored (a post a later batch brings) is kept by a step
        of its own (``_wait``) until a batch writes that end, whose step after its nodes writes it (``_write_arrived``);
        each in one transaction with its record, so a load stopped between them writes it when run again."""
        import pyarrow as pa  # for its errors, raised by ``_copy``

        counts = LoadCounts()
        _trim()  # so that what ``_grown_past`` hands back is what the batch's steps freed
        nodes = node_attrs(graph)
        batch = batch_key(graph, nodes)
        groups = [(f"{batch}:{g.type}:{g.start}:{g.end}", g) for g in rel_edges(graph)]
        done = self._existing(
            STEPS, [f"{batch}:{step}" for step in ("nodes", "arrived", "waiting", "moved")] + [s for s, _ in groups]
        )
        writers = post_writers(graph)
        # asked before the nodes step: in its transaction the look-up took page cache its copies need
        named = set() if f"{batch}:nodes" in done else self._mentioned_only(writers)
        committed = False
        try:
            stored, posts = self._step(
                f"{batch}:nodes",
                lambda: self._load_nodes(nodes, writers, named, counts, progress),
                None if f"{batch}:nodes" in done else lambda r: _brought(*r),
                settle=False,
                kind="nodes",
            )
            committed = True
            # the posts whose edges are this batch's to write: those it brought to the store (as its
            # first try recorded them; None in a record of an older graphkit: all); posts stored
            # before came with their edges
            brought = _unpacked(done[f"{batch}:nodes"]) if f"{batch}:nodes" in done else _brought(stored, posts)
            owners = None if brought is None else set(brought)
            resumed = f"{batch}:nodes" in done
            away = set(outside(graph))
            # each group's edges of those posts (None: all)
            owned = [None if owners is None else owned_edges(g, owners, away, self._stored_edges(g)) for _, g in groups]

            def restated() -> set[str]:
                """The edges the batch writes (some may have waited for a post of it, ``_write_arrived``)."""
                return {
                    attrs["id"]
                    for (_, group), keep in zip(groups, owned, strict=True)
                    for attrs in (group.attrs if keep is None else compress(group.attrs, keep))
                }

            arrived_step = f"{batch}:arrived"
            recorded = (_unpacked(done[arrived_step]) or []) if arrived_step in done else None
            written = [i for group in nodes for i in group.ids]
            self._write_arrived(arrived_step, written, restated, recorded, resumed, counts)
            missing = self.missing(list(away))
            waiting: list[dict[str, Any]] = []
            for (step, group), keep in zip(groups, owned, strict=True):  # keep: which edges to write, when not all
                recorded = step in done
                total = mine = ready = len(group.froms)
                if keep is not None:
                    mine = ready = sum(keep)
                if ready and missing:
                    ends = list(zip(keep or [True] * total, group.froms, group.tos, group.attrs, strict=True))
                    keep = [k and a not in missing and b not in missing for k, a, b, _ in ends]
                    ready = sum(keep)
                    waiting += waiting_rows(group.type, ((a, b, e) for k, a, b, e in ends if k), missing)
                # a resumed batch's record does not vouch for its rows: after kill -9 the engine replays the
                # records of steps but not the rows their copies wrote since the last checkpoint
                copied = bool(ready) and resumed and self._copied(group, keep)
                if recorded and (copied or not ready):
                    mine = ready = 0
                counts.rels_present += len(group.froms) - mine
                counts.rels_skipped += mine - ready
                counts.rels_created += ready
                if ready:
                    keep = None if ready == total else keep
                    retract = functools.partial(self._forget_rels, group, keep)
                    if copied:  # its copy committed, its record did not
                        self._step(step, lambda: None, retract=retract, settle=False)
                    else:
                        copy = functools.partial(self._copy_rels, group, rel_table(group, keep))
                        kind = step.removeprefix(f"{batch}:")
                        record = None if recorded else lambda _: None
                        self._step(step, copy, record, retract=retract, settle=False, kind=kind, alone=True)
                if progress:
                    progress(len(group.froms))
            if waiting and f"{batch}:waiting" not in done:
                self._step(f"{batch}:waiting", lambda: self._wait(waiting), settle=False, kind="waiting")
            self._waited.add([row["id"] for row in waiting])
            if settling := self._settling(candidates(graph)):
                self._step(f"{batch}:settled", lambda: self._settle(settling), None, settle=False, kind="settled")
            moving = graph.moving if isinstance(graph, Batch) else None
            if moving is not None and f"{batch}:moved" not in done:  # stopped before, its posts are extracted again
                counts += self._step(f"{batch}:moved", lambda: self._move_quotes(moving), settle=False, kind="moved")
            # complete: once written to the file, its posts tell a re-run all it needs
            self._complete.append(batch)
            self._writers |= writers
            if self._unsaved and (self._new or self._unsaved >= CHECKPOINT_SHARE * _buffer_pool()):
                self._checkpoint()
        except _Unsaved as exc:
            raise _unsaved_error(self.path, exc) from None
        except BaseException as exc:
            if isinstance(exc, RuntimeError | pa.ArrowException):
                kept = "what it wrote is kept and a re-run completes it" if committed else "nothing of it was written"
                kept += _too_small(exc)
                raise StoreError(f"{self.path}: load failed in a batch; {kept} ({_one_line(exc)})") from None
            raise
        return counts

    def _step(
        self,
        step: str,
        write: Callable[[], T],
        posts: Callable[[T], list[str] | None] | None = lambda _: None,
        retract: Callable[[], None] | None = None,
        settle: bool = True,
        kind: str = "",
        alone: bool = False,
    ) -> T:
        """Run ``write`` and create the record of ``step`` (with ``posts`` of its result; none when
        ``posts`` is None: the step is recorded already) in one transaction, or, when ``alone``, the
        record after ``write`` (one statement, committed on its own; see ``load``); ``retract`` undoes its
        rows should the checkpoint that writes them to the file fail (see ``_checkpoint``). A checkpoint
        comes first when the page cache lacks the room steps of its ``kind`` took (see ``STEP_ROOM``). Unless
        ``settle`` is false (a step of a batch, which ``load`` settles after the batch), checkpoint once
        ``CHECKPOINT_SHARE`` of the page cache is unsaved."""
        free = self._cache_free()
        if self._pending and free < STEP_ROOM * self._step_room.get(kind, 0):
            self._checkpoint()
            free = self._cache_free()
        before = _resident()
        with contextlib.nullcontext() if alone else self._transaction():
            result = write()
            recorded = None if posts is None else posts(result)
            if alone:  # committed: undone by ``retract`` should the checkpoint fail, whether recorded or not
                self._pending.append((step, recorded, retract))
            if posts is not None:
                self._run(f"CREATE (:{STEPS} {{id: $id, posts: $posts}})", {"id": step, "posts": _packed(recorded)})
        if not alone:
            self._pending.append((step, recorded, retract))
        # until its connection closes, the step holds what its COPY needed too
        self._step_room[kind] = max(self._step_room.get(kind, 0), free - self._cache_free())
        self._reconnect()  # the engine holds ~13 MB per node-table COPY until the connection closes
        after = _resident()
        self._grown_by += after - before if before is not None and after is not None else REOPEN_LIMIT + 1
        if self._grown_past(REOPEN_LIMIT) or (settle and self._unsaved >= CHECKPOINT_SHARE * _buffer_pool()):
            self._checkpoint()
        return result

    @contextlib.contextmanager
    def _transaction(self) -> Iterator[None]:
        self._run("BEGIN TRANSACTION")
        try:
            yield
            self._run("COMMIT")
        except BaseException:
            self._rollback()
            raise

    def _stored_edges(self, group: RelEdges) -> Callable[[list[int]], set[int]]:
        """Which of the group's edges, by their places in it, the store holds: one look-up each (``_stored_edge``),
        as a batch asks of a few; one query of their ids reads every edge of the type (2 s a batch at a million)."""
        return lambda at: {i for i in at if self._stored_edge(group, i)}

    def _stored_edge(self, group: RelEdges, i: int) -> bool:
        """Whether the store holds the group's ``i``-th edge, found from its ends by their keys."""
        ends = {"a": group.froms[i], "b": group.tos[i], "id": group.attrs[i]["id"]}
        cypher = f"MATCH (:{group.start} {{id: $a}})-[r:{group.type}]->(:{group.end} {{id: $b}}) WHERE r.id = $id"
        return self._rows(f"{cypher} RETURN count(*)", ends)[0][0] > 0

    def _copied(self, group: RelEdges, keep: list[bool] | None) -> bool:
        """Whether the group's edges that ``keep`` marks are stored: a copy stores all its rows or none,
        so its first row tells."""
        return self._stored_edge(group, keep.index(True) if keep else 0)

    def _grown_past(self, limit: int) -> bool:
        """Whether the steps' growth of resident memory exceeds ``limit`` once the heap's free memory is
        handed back: a step's new connection frees what the engine held for it, which stays resident
        until then (counted too, it made 113 checkpoints and reopens of a million comments' load, 94 not)."""
        if self._grown_by > limit:
            self._grown_by = max(self._grown_by - _handed_back(), 0)
        return self._grown_by > limit

    def _checkpoint(self, reopen: bool = True) -> None:
        """Write the steps committed since the last checkpoint to the file, then delete the records of
        the batches among them that are complete (the table stays empty for queries), and reopen the
        database unless ``reopen`` is false (it is about to close): with a page cache small beside the
        store (48 MB for 200k comments), the engine's primary-key index then missed stored nodes until
        the database was reopened, so a batch stored a node twice, skipped edges to nodes it took as
        missing, or failed in a relationship COPY ("Unable to find primary key value").

        When the engine cannot (e.g. its page cache is too small for them), the store is recovered
        at once, so it never stays unreadable, and the steps are settled: recovery can keep a step's
        record but lose rows it copied, so a step with a retract has what it wrote removed and its
        record deleted (a re-run writes it once); a nodes step, which a re-run repeats anyway,
        keeps its record, which holds the posts its batch brings, or gets it back if its batch had
        completed: its posts are then extracted and completed again by a re-run. Raises ``_Unsaved``."""
        pending, complete = self._pending, self._complete
        self._pending, self._complete, self._unsaved = [], [], 0
        self._new = False
        try:
            self._run("CHECKPOINT")
        except RuntimeError as exc:
            cause = _one_line(exc)
        else:
            for batch in complete:
                # a batch of no posts takes those of loads stopped in theirs, which keys unlike theirs re-run: each
                # of its steps finds what is stored (all its posts are) and repeats no write
                mine = END_BATCH if batch.startswith(END_BATCH) else f"{batch}:"
                self._run(f"MATCH (s:{STEPS}) WHERE s.id STARTS WITH $batch DELETE s", {"batch": mine})
            if reopen:
                self._reopen()
            return
        try:
            self._reopen()
            self._run("BEGIN TRANSACTION")
            for step, recorded, retract in pending:
                if retract:
                    retract()
                    self._run(f"MATCH (s:{STEPS} {{id: $id}}) DELETE s", {"id": step})
                else:
                    self._record(step, recorded)
            self._run("COMMIT")
            self._run("CHECKPOINT")
        except RuntimeError as again:
            self._rollback()
            raise _Unsaved(f"{cause}; recovering failed too: {_one_line(again)}", recovered=False) from None
        raise _Unsaved(cause, recovered=True) from None

    def _record(self, step: str, posts: list[str] | None) -> None:
        record = {"id": step, "posts": _packed(posts)}
        self._run(f"MERGE (s:{STEPS} {{id: $id}}) ON CREATE SET s.posts = $posts", record)

    def _rollback(self) -> None:
        """Roll back; the engine has already done so itself when a statement failed."""
        with contextlib.suppress(RuntimeError):
            self._run("ROLLBACK")

    def _load_nodes(
        self,
        groups: list[NodeAttrs],
        writers: set[str],
        named: set[str],
        counts: LoadCounts,
        progress: Progress | None,
    ) -> tuple[set[str], list[str]]:
        """Copy the nodes (``node_attrs`` of the batch) not yet stored, fill in the handles stored Authors lack
        (``writers``: of the batch's posts), and give the stored Authors ``named``
        (only mentioned so far, ``_mentioned_only``) the properties the batch's posts they write show, as one
        batch of everything shows them (``graph.add_posts``), and mark the store with its layout if it lacks the
        mark (``MARK_MISSING``); returns the batch's posts that were already stored (stubs aside) and all its posts."""
        self._run(MARK_MISSING)
        stored: set[str] = set()
        posts: list[str] = []
        for group in groups:
            existing = self._stored_nodes(group)
            new = len(group.ids) - len(existing)
            if new:
                self._copy_arrow(group.label, node_table(group, existing))
            if group.label in schema.POST_LABELS and existing:
                self._fill_stubs(group, existing)
            if group.label == schema.COMMENT and existing:
                self._fill_stated(group, existing)
            if group.label == schema.AUTHOR and existing:
                self._fill_authors(group, existing, writers)
            if group.label == schema.AUTHOR and named:  # shown as the batch holding its first post shows it
                self._overwrite(
                    schema.AUTHOR, [(i, a) for i, a in zip(group.ids, group.attrs, strict=True) if i in named]
                )
            if group.label in schema.POST_LABELS:
                stored.update(i for i, stub in existing.items() if not stub)
                posts.extend(group.ids)
                self._unstored.difference_update(group.ids)
            if group.label in schema.ENTITY_LABELS and existing:
                self._merge_aliases(group, existing)
            counts.nodes_created += new
            counts.nodes_present += len(existing)
            if progress:
                progress(len(group.ids))
        return stored, posts

    def reply_models(self) -> dict[str | None, int]:
        """As the base's; a store written before replies named their model and opened read-only lacks the property:
        its replies the model chose are unnamed."""
        if "model" in self._columns(schema.REPLY_TO):
            return super().reply_models()
        rows = self._rows(count_model_replies("NULL"), {"missing": schema.PARENT_MISSING})
        return dict(row for row in rows if row[1])

    def _columns(self, table: str) -> set[str]:
        return {name for (name,) in self._rows(f"CALL table_info('{table}') RETURN name")}

    def replace_replies(self, graph: Graph) -> None:
        """Delete the comments' replies that the reply model chose, and the quotes that follow them, and create the
        new ones in one transaction. Created, not copied: the engine's log replays a transaction's deletes and
        creates after a crash but not the rows a copy inside it wrote, which would leave comments without a reply."""
        if self.read_only:
            raise StoreError(f"{self.path}: the store was opened read-only")
        groups = list(rel_rows(graph))
        ids = sorted({row["from"] for group in groups for row in group.rows})
        quotes = [row["id"] for group in groups if group.type == schema.QUOTES for row in group.rows]
        try:
            with self._transaction():
                for i in range(0, len(ids), _LOOKUP_CHUNK):
                    unwind, value = self._ids(ids[i : i + _LOOKUP_CHUNK])
                    self._run(drop_model_replies(unwind), {"ids": value, "missing": schema.PARENT_MISSING})
                    self._run(drop_model_quotes(unwind), {"ids": value, "quotes": quotes})
                for group in groups:
                    for i in range(0, len(group.rows), _LOOKUP_CHUNK):
                        self._run(
                            _create_rels(group.type, group.start, group.end),
                            {"rows": group.rows[i : i + _LOOKUP_CHUNK]},
                        )
        except RuntimeError as exc:
            kept = f"the stored ones are kept and a re-run replaces them{_too_small(exc)}"
            raise StoreError(f"{self.path}: replacing replies failed; {kept} ({_one_line(exc)})") from None

    def replace_quotes(self, graph: Batch) -> LoadCounts:
        if self.read_only:
            raise StoreError(f"{self.path}: the store was opened read-only")
        try:
            with self._transaction():
                return self._move_quotes(graph)
        except RuntimeError as exc:
            kept = f"the stored ones are kept{_too_small(exc)}"
            raise StoreError(f"{self.path}: moving quotes failed; {kept} ({_one_line(exc)})") from None

    def _move_quotes(self, graph: Batch) -> LoadCounts:
        """``replace_quotes`` inside a transaction. Created, not copied (``replace_replies``), but for edges stored
        already (a load stopped after it and run again)."""
        for edges, group in zip(rel_edges(graph), rel_rows(graph), strict=True):
            rows = [row for i, row in enumerate(group.rows) if not self._stored_edge(edges, i)]
            for i in range(0, len(rows), _LOOKUP_CHUNK):
                self._run(_create_rels(group.type, group.start, group.end), {"rows": rows[i : i + _LOOKUP_CHUNK]})
        counts = LoadCounts()
        for i in range(0, len(graph.moved), _LOOKUP_CHUNK):
            rows = [{"post": post, "old": old, "new": new} for post, old, new in graph.moved[i : i + _LOOKUP_CHUNK]]
            if moved := [row for row in rows if row["new"]]:
                counts.quotes_moved += self._run(MOVED_QUOTES, {"rows": moved}).get_all()[0][0]
            if dropped := [row for row in rows if not row["new"]]:
                counts.quotes_dropped += self._run(DROPPED_QUOTES, {"rows": dropped}).get_all()[0][0]
        return counts

    def _copy_rels(self, group: RelEdges, table: pa.Table) -> None:
        self._copy_arrow(group.type, table, f" (from='{group.start}', to='{group.end}')")

    def _forget_rels(self, group: RelEdges, keep: list[bool] | None) -> None:
        """Delete the stored relationships of the group's edges that ``keep`` marks (all when None), by their ids."""
        ids = [attrs["id"] for attrs in (group.attrs if keep is None else compress(group.attrs, keep))]
        cypher = f"MATCH (:{group.start})-[r:{group.type}]->(:{group.end}) WHERE r.id IN $ids DELETE r"
        for i in range(0, len(ids), _LOOKUP_CHUNK):
            self._run(cypher, {"ids": ids[i : i + _LOOKUP_CHUNK]})

    def _wait(self, rows: list[dict[str, Any]]) -> None:
        """Keep the edges of ``rows`` (``waiting_rows``) until a batch writes the end each waits for."""
        for i in range(0, len(rows), _LOOKUP_CHUNK):
            self._run(WAIT, {"rows": rows[i : i + _LOOKUP_CHUNK]})

    def _write_arrived(
        self,
        step: str,
        ids: list[str],
        restated: Callable[[], Container[str]],
        recorded: list[str] | None,
        resumed: bool,
        counts: LoadCounts,
    ) -> None:
        """Write the waiting edges whose ends are now both stored (``_arrivals``: an end among ``ids``, the batch's
        nodes, written) as the batch's own edges are written, a copy per group committed on its own (``UNWIND …
        CREATE`` took twice what the rest of a batch took), but for those the batch writes itself (``restated``:
        edges of a post the store lacked, which the batch brings); then, with the record of ``step`` in one
        transaction, forget them and have those whose other end is not stored yet wait for it. The record holds the
        rows it copied (``recorded`` when the batch runs again): a process killed before the next checkpoint loses
        what the copies wrote, and its recovery keeps the record, so a resumed batch (``resumed``) copies again each
        group not stored (``_copied``); rows that would bring the bytes unsaved to ``CHECKPOINT_SHARE`` of the page
        cache are written to the file by a checkpoint instead, and the record holds none. Those a batch of this load
        counted skipped count created instead."""
        forgotten: list[dict[str, Any]] = []  # restated by the batch
        if recorded is None:
            ready, still = self._arrivals(ids)
            if ready:
                own = restated()
                forgotten = [row for row in ready if row["id"] in own]
                ready = [row for row in ready if row["id"] not in own]
        else:
            ready, still = [json.loads(row) for row in recorded], []
        copies = 0
        for group in arrived(ready):
            if resumed and self._copied(group, None):
                continue
            kind = f"{group.type}:{group.start}:{group.end}"  # as the batch's own copies of the group
            copy = functools.partial(self._copy_rels, group, rel_table(group, None))
            retract = functools.partial(self._forget_rels, group, None)
            self._step(f"{step}:{kind}", copy, None, retract=retract, settle=False, kind=kind, alone=True)
            copies += len(group.froms)
        edges = [row["id"] for row in ready + forgotten]
        counts.rels_skipped -= sum(self._waited.has(edges))
        if recorded is not None:  # as the batch's own groups recorded: present unless copied again
            counts.rels_created += copies
            counts.rels_present += len(ready) - copies
            return
        if not (ready or still or forgotten):
            return

        def forget() -> None:
            for i in range(0, len(edges), _LOOKUP_CHUNK):
                self._run(DROP_ARRIVED, {"ids": edges[i : i + _LOOKUP_CHUNK]})
            self._wait(still)

        rows = [json.dumps(row) for row in ready]  # JSON escapes line breaks: one line each (``_packed``)
        size = sum(map(len, rows))
        if size and self._unsaved + size >= CHECKPOINT_SHARE * _buffer_pool():
            # the page cache holds a record till the next checkpoint (a record of 100k edges, 40 MB, filled a
            # 256 MB cache): that checkpoint comes now instead, and the copies it writes to the file need no record
            self._checkpoint()
            rows, size = [], 0
        restore = functools.partial(self._wait, ready + forgotten)
        self._step(step, forget, lambda _: rows, retract=restore, settle=False, kind="arrived")
        self._unsaved += size
        counts.rels_created += len(ready)

    def _settling(self, pairs: dict[str, str]) -> dict[str, str]:
        """Those of ``pairs`` (``settling.candidates``) whose stub root and post are both stored: one look-up of the
        stubs, and none more unless one is stored."""
        if not pairs:
            return {}
        stubs = [i for i, stub in self._existing(schema.ARTICLE, pairs).items() if stub]
        if not stubs:
            return {}
        posts = {i for i, stub in self._existing(schema.COMMENT, [pairs[i] for i in stubs]).items() if not stub}
        return {i: pairs[i] for i in stubs if pairs[i] in posts}

    def _settle(self, pairs: dict[str, str]) -> None:
        """Settle the stub roots of ``pairs`` (``_settling``) into their posts, in the step's transaction."""
        settle(lambda cypher, params: self._run(cypher, params).get_all(), _create_rels, pairs)

    def _fill_stubs(self, group: NodeAttrs, existing: dict[str, Any]) -> None:
        """A stored stub gets the fields of the real post once that is read, and loses the edges it owns (its
        writer's WROTE, as the input naming it told): the post's own take their place, the same or not."""
        real = [
            (i, attrs)
            for i, attrs in zip(group.ids, group.attrs, strict=True)
            if existing.get(i) and not attrs.get("stub")
        ]
        self._overwrite(group.label, real)
        for i in range(0, len(real), _LOOKUP_CHUNK):  # each stub by its id: ``WHERE n.id IN`` went over every WROTE
            unwind, value = self._ids([node for node, _ in real[i : i + _LOOKUP_CHUNK]])
            wrote = f"UNWIND {unwind} AS i MATCH (:{schema.AUTHOR})-[w:{schema.WROTE}]->(:{group.label} {{id: i}})"
            self._run(f"{wrote} DELETE w", {"ids": value})

    def _fill_stated(self, group: NodeAttrs, existing: dict[str, Any]) -> None:
        """A stored comment without ``quotes_stated`` (a graphkit before the property stored it) takes the one the
        batch's real post gives (``fill_quotes_stated``), as a load skipping the post gives it: tables loaded into a
        store written before the property fill it in. A store lacking it nowhere is asked once a load
        (``lacks_quotes_stated``), not filled per batch (a third of the CPU of loading tables again into a store
        holding them)."""
        stated = {
            i: attrs.get("quotes_stated")
            for i, attrs in zip(group.ids, group.attrs, strict=True)
            if i in existing and not existing[i] and not attrs.get("stub")
        }
        if stated and self.lacks_quotes_stated():
            self.fill_quotes_stated(stated)

    def _fill_authors(self, group: NodeAttrs, existing: dict[str, Any], writers: set[str]) -> None:
        """A stored Author without a handle (a graphkit before the property stored it) takes the one the batch
        gives, and one without an address the one the batch gives (``fill_authors``): a later load fills in what
        its posts and mentions tell. Any other property stays as first stored."""
        self.fill_authors(
            {
                i: attrs
                for i, attrs in zip(group.ids, group.attrs, strict=True)
                if existing.get(i) or (i in existing and attrs.get("email"))
            },
            writers,
        )

    def _fill(self, fills: Sequence[str], rows: list[dict[str, Any]], what: str) -> None:
        for i in range(0, len(rows), _LOOKUP_CHUNK):
            for statement in fills:
                self._run(statement, {"rows": rows[i : i + _LOOKUP_CHUNK]})

    def _mentioned_only(self, writers: set[str]) -> set[str]:
        """Which of ``writers`` (the Authors of a batch's posts) are stored without a post (stubs aside,
        ``rows.post_writers``): only mentioned so far. Those of earlier batches of this store have theirs; the
        others' look-up takes page cache until the connection closes (with a 32 MB cache the next step found it
        full), so it is opened again."""
        ids = list(self._existing(schema.AUTHOR, writers - self._writers))
        if not ids:
            return set()
        written: set[str] = set()
        for i in range(0, len(ids), _LOOKUP_CHUNK):
            unwind, value = self._ids(ids[i : i + _LOOKUP_CHUNK])
            cypher = (
                f"UNWIND {unwind} AS i MATCH (:{schema.AUTHOR} {{id: i}})-[:{schema.WROTE}]->(p)"
                f" WHERE NOT {self.stub('p')} RETURN DISTINCT i"
            )
            written.update(row[0] for row in self._rows(cypher, {"ids": value}))
        self._reconnect()
        return set(ids) - written

    def _overwrite(self, label: str, nodes: list[tuple[str, dict[str, Any]]]) -> None:
        """Stored nodes of ``label`` given every property of (id, attributes) ``nodes``."""
        if not nodes:
            return
        names = [name for name in schema.node_type(label).names if name != "id"]
        rows = [{"id": i, **{name: attrs.get(name) for name in names}} for i, attrs in nodes]
        sets = ", ".join(f"{prop('n', name)} = r.`{name}`" for name in names)
        self._run(f"UNWIND $rows AS r MATCH (n:{label} {{id: r.id}}) SET {sets}", {"rows": rows})

    def _merge_aliases(self, group: NodeAttrs, existing: dict[str, Any]) -> None:
        """A stored entity gains the new aliases and, in its evidence, the reasons they joined it."""
        updates = []
        for node_id, attrs in zip(group.ids, group.attrs, strict=True):
            if node_id in existing:
                aliases, (evidence,) = existing[node_id]
                merged = sorted(set(aliases or []) | set(attrs.get("aliases") or []))
                if merged != sorted(aliases or []):
                    reasons = schema.merge_evidence(evidence, attrs.get("evidence"))
                    updates.append({"id": node_id, "aliases": merged, "evidence": reasons})
        if updates:
            sets = "n.aliases = r.aliases, n.evidence = r.evidence"
            self._run(f"UNWIND $rows AS r MATCH (n:{group.label} {{id: r.id}}) SET {sets}", {"rows": updates})


def open(path: str, read_only: bool = False) -> LadybugStore:  # noqa: A001  (the store registry's entry point)
    return LadybugStore(path, read_only=read_only)
