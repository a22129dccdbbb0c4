"""Neo4j over Bolt (``bolt://``, ``neo4j://``, ``neo4j+s://`` …) with the official driver.

Loads go in batches of ``UNWIND $rows … MERGE`` (statements from ``store/cypher.py``), each
batch in its own managed write transaction that the driver retries on transient errors;
MERGE on ids makes every batch idempotent, so a load interrupted between batches converges
when run again. Counts match the embedded store: nodes and relationships created vs already
present, and relationships whose ends are neither in the batch nor stored are skipped: each waits in the
database (``rows.WAITING``) until a batch writes its end, then is written.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from typing import Any, TypeVar
from urllib.parse import urlsplit

from neo4j import READ_ACCESS, WRITE_ACCESS, GraphDatabase, ManagedTransaction, NotificationDisabledClassification
from neo4j import graph as neo4j_graph
from neo4j.exceptions import AuthError, ClientError, ConfigurationError, DriverError, Neo4jError

from .. import schema
from ..errors import QueryError, StoreError
from . import (
    LAYOUT,
    LAYOUT_LABEL,
    MARK_MISSING,
    LoadCounts,
    Progress,
    QueryResult,
    Store,
    check_layout,
    neo4j_statements,
    reaches_outside,
)
from . import cypher as statements
from .rows import END_BATCH, Batch, Graph, arrived, batch_key, labels, node_rows, post_writers, rel_rows, waiting_rows
from .settling import STORED, candidates, settle

__all__ = ["Neo4jStore", "Connection", "open", "DEFAULT_BATCH"]

DEFAULT_BATCH = 5000
T = TypeVar("T")
CONNECTION_TIMEOUT = 5.0
_ACCESS_MODE = "Neo.ClientError.Statement.AccessMode"
# The server's code for a query given two execution modes: the plan check's EXPLAIN before the query's own PROFILE.
_ARGUMENT = "Neo.ClientError.Statement.ArgumentError"
_PROFILE = (
    "the server cannot plan a PROFILE to check it (graphkit plans queries with EXPLAIN); pass --allow-files to run it"
)
# Commands a plan may hold that act on the server rather than the graph: other clients' transactions (listing
# shows their queries and parameters; ending one undoes its writes), the server's settings, and administration
# (users, roles, databases: a user created by a query outlives the run). A READ session lets all of them run
# but administration writes, which --write would let through.
_SERVER_COMMANDS = {
    "ShowTransactions": "lists the server's transactions (SHOW TRANSACTIONS)",
    "TerminateTransactions": "ends the server's transactions (TERMINATE TRANSACTIONS)",
    "ShowSettings": "reads the server's settings (SHOW SETTINGS)",
    "AdministrationCommand": "runs an administration command (users, roles, databases)",
}
# Notifications the server is asked not to send: that a label, relationship type or property a statement names
# is not in the database yet. A fresh database has none, so the load and query statements, which name every
# one of the schema's, would have the driver log a warning on stderr for each. Errors are not notifications.
QUIET_NOTIFICATIONS = [NotificationDisabledClassification.UNRECOGNIZED]
# A user's query is told of the names the database does not know (GQLSTATUS codes of those notifications) and
# warns of those the schema does not know either: a misspelt label finds nothing, which the embedded store refuses.
_UNKNOWN = {"01N50": "label", "01N51": "relationship type", "01N52": "property"}
# The driver logs each notification; with no logging set up, Python would print that on stderr beside ours.
logging.getLogger("neo4j.notifications").addHandler(logging.NullHandler())
# Bolt schemes only: the driver's HTTP scheme needs extras and is not what users run.
SCHEMES = ("bolt", "bolt+s", "bolt+ssc", "neo4j", "neo4j+s", "neo4j+ssc")
# The database's layout mark (``store.LAYOUT``): read on opening (``check_layout``), written with the schema and
# in the files of a neo4j-admin import (``admin_csv``). A database without it was written before graphkit kept one
# (or imported from files written before they held it), in layout 1, and is marked by its next load.
# Two first loads at once, before the mark had a uniqueness constraint, could leave two marks: the schema merges
# them when they are of one layout, and opening refuses a database with marks of two.
_LAYOUT = f"MATCH (l:{LAYOUT_LABEL} {{id: 'store'}}) RETURN l.layout"
_MARK = f"MERGE (l:{LAYOUT_LABEL} {{id: 'store'}}) SET l.layout = $layout"


def _unknown_names(statuses: Any) -> list[str]:
    """A warning for each name a query used that neither the database nor the schema knows."""
    warnings = []
    for status in statuses:
        named = re.search(r"`([^`]+)`", status.status_description)
        if status.gql_status in _UNKNOWN and named:
            warning = schema.unknown_name(_UNKNOWN[status.gql_status], named[1])
            if warning and warning not in warnings:
                warnings.append(warning)
    return warnings


def _display(uri: str) -> str:
    """The URI without any user:password part, for messages."""
    try:
        parts = urlsplit(uri)
        return f"{parts.scheme}://{parts.hostname}" + (f":{parts.port}" if parts.port else "")
    except ValueError:
        return "the Neo4j URI"


def _has_userinfo(uri: str) -> bool:
    try:
        return "@" in urlsplit(uri).netloc
    except ValueError:  # the driver says what is wrong with it
        return False


def _one_line(exc: BaseException) -> str:
    text = getattr(exc, "message", None) or str(exc)
    return text.strip().splitlines()[0] if text and text.strip() else exc.__class__.__name__


def _plain(value: Any) -> Any:
    """Driver graph values as plain Python, like the embedded store returns them."""
    if isinstance(value, neo4j_graph.Node):
        return {"_label": next(iter(value.labels), None), **dict(value)}
    if isinstance(value, neo4j_graph.Relationship):
        return {"_type": value.type, **dict(value)}
    if isinstance(value, neo4j_graph.Path):
        return [_plain(n) for n in value.nodes]
    if isinstance(value, list):
        return [_plain(v) for v in value]
    if isinstance(value, dict):
        return {k: _plain(v) for k, v in value.items()}
    return value


def _outside(plan: dict[str, Any]) -> str | None:
    """What in a plan from EXPLAIN reaches past the graph: LOAD CSV (files or URLs), a command on the
    server (``_SERVER_COMMANDS``), or a procedure call not in ``neo4j_statements.READ_PROCEDURES``."""
    operator = plan["operatorType"].partition("@")[0]
    if operator == "LoadCSV":
        return neo4j_statements.LOAD_CSV
    if operator in _SERVER_COMMANDS:
        return _SERVER_COMMANDS[operator]
    if operator == "ProcedureCall" or "." in operator:
        # details render the call's signature: "db.labels() :: (label :: STRING)"; on the system database the one
        # operator is named after the procedure ("dbms.listConfig@system"), without details
        name = operator if "." in operator else plan.get("args", {}).get("Details", "").partition("(")[0].strip()
        if kind := neo4j_statements.unlisted(name or "(unnamed)"):
            return kind
    return next(filter(None, (_outside(child) for child in plan.get("children", []))), None)


def _plan(session: Any, cypher: str, params: dict[str, Any]) -> dict[str, Any]:
    """The server's plan for the query, from EXPLAIN, which a PROFILE cannot have (the server refuses two modes)."""
    try:
        return session.run(f"EXPLAIN {cypher}", params).consume().plan
    except ClientError as exc:
        if exc.code == _ARGUMENT and neo4j_statements.profiles(cypher):
            raise QueryError(_PROFILE) from None
        raise


def _chunks(rows: list[dict[str, Any]], size: int) -> Iterator[list[dict[str, Any]]]:
    for i in range(0, len(rows), size):
        yield rows[i : i + size]


def _merge(tx: ManagedTransaction, statement: str, rows: list[dict[str, Any]]) -> tuple[int | None, int]:
    """One batch: (rows that found both ends, for relationships; nodes or relationships created).
    MERGE makes it safe for the driver to run this again after a transient error."""
    result = tx.run(statement, rows=rows)
    record = next(iter(result), None)
    counters = result.consume().counters
    return (record[0] if record else None), counters.nodes_created + counters.relationships_created


@dataclass(frozen=True)
class Connection:
    """What opens the same database elsewhere (another process, a cluster's worker). Its repr names the
    server without user, password or a password in the URI, so logs and tracebacks never show them."""

    uri: str
    user: str = "neo4j"
    password: str | None = None
    database: str | None = None

    def __repr__(self) -> str:
        return f"Connection({_display(self.uri)}, database={self.database!r})"

    def open(self, batch_size: int = DEFAULT_BATCH) -> Neo4jStore:
        return Neo4jStore(self.uri, self.user, self.password, self.database, batch_size=batch_size)


class Neo4jStore(Store):
    name = "neo4j"

    def __init__(
        self,
        uri: str,
        user: str = "neo4j",
        password: str | None = None,
        database: str | None = None,
        read_only: bool = False,
        batch_size: int = DEFAULT_BATCH,
    ) -> None:
        self.where = _display(uri)
        self.connection = Connection(uri, user, password, database or None)
        self.database = database or None
        self.read_only = read_only
        self.batch_size = batch_size
        self._schema_ready = False
        self.begin_load()  # as ``LadybugStore``'s
        if uri.partition("://")[0] not in SCHEMES:
            raise StoreError(f"{self.where}: not a Neo4j URI (use bolt://, neo4j:// or neo4j+s://)")
        if _has_userinfo(uri):  # the driver refuses it, in words that are no help (or, in full, show the password)
            raise StoreError(
                f"{self.where}: give the user with --neo4j-user and the password in NEO4J_PASSWORD, not in the URI"
            )
        try:
            self._driver = GraphDatabase.driver(
                uri,
                auth=(user, password) if password else None,
                connection_timeout=CONNECTION_TIMEOUT,
                notifications_disabled_classifications=QUIET_NOTIFICATIONS,
            )
        except (ConfigurationError, ValueError) as exc:
            raise StoreError(f"{self.where}: not a Neo4j URI ({_one_line(exc)})") from None
        try:
            self._driver.verify_connectivity()
        except AuthError:
            self._driver.close()
            hint = "check NEO4J_USERNAME and NEO4J_PASSWORD" if password else "set NEO4J_PASSWORD"
            raise StoreError(f"{self.where}: Neo4j refused user {user!r} ({hint})") from None
        except (DriverError, Neo4jError, OSError) as exc:
            self._driver.close()
            raise StoreError(f"{self.where}: cannot reach Neo4j ({_one_line(exc)})") from None
        try:
            found = self._rows(_LAYOUT)
        except StoreError:
            self._driver.close()
            raise
        layouts = sorted({row[0] for row in found}, key=str)  # before any write: a refused database stays as it is
        if len(layouts) > 1:
            self._driver.close()
            raise StoreError(
                f"{self.where}: this database holds layout marks of graphkit layouts {', '.join(map(str, layouts))} "
                "(graphkit versions of each loaded it at once): load the inputs again into a new database"
            )
        try:
            check_layout(self.where, layouts[0] if layouts else 1, self._rows)
        except StoreError:
            self._driver.close()
            raise

    def close(self) -> None:
        self._driver.close()

    def _session(self, mode: str, **config: Any) -> Any:
        return self._driver.session(database=self.database, default_access_mode=mode, **config)

    def init_schema(self) -> None:
        try:
            with self._session(WRITE_ACCESS) as session:
                for statement in statements.schema_statements():
                    session.run(statement).consume()
                session.run(_MARK, layout=LAYOUT).consume()
        except (DriverError, Neo4jError) as exc:
            raise StoreError(f"{self.where}: cannot create the schema ({_one_line(exc)})") from None
        self._schema_ready = True

    def query(
        self, cypher: str, params: dict[str, Any] | None = None, write: bool = False, allow_files: bool = False
    ) -> QueryResult:
        """Auto-commit query; in a READ session unless ``write``, so the server refuses writes.
        Unless ``allow_files`` a query calling an APOC procedure or function that runs Cypher given as text or
        reaches files or URLs, or a procedure not known to be read-only, or holding LOAD CSV is refused by its tokens
        before the server sees it (``neo4j_statements``: the plan shows neither inside every subquery expression),
        then the server plans it (EXPLAIN) and a plan with LOAD CSV, a command on the server or a procedure not
        known to be read-only is refused before anything runs."""
        if write and self.read_only:
            raise QueryError("the store was opened read-only; reopen it for writing")
        if not allow_files and (kind := neo4j_statements.outside(cypher)):
            raise reaches_outside(kind)
        told = {"notifications_min_severity": "WARNING", "notifications_disabled_classifications": []}
        try:
            with self._session(WRITE_ACCESS if write else READ_ACCESS, **told) as session:
                if not allow_files:
                    kind = _outside(_plan(session, cypher, params or {}))
                    if kind:
                        raise reaches_outside(kind)
                result = session.run(cypher, params or {})
                columns = list(result.keys())
                rows = [[_plain(v) for v in record.values()] for record in result]
                warnings = _unknown_names(result.consume().gql_status_objects)
        except Neo4jError as exc:
            if exc.code == _ACCESS_MODE:
                raise QueryError("the query tries to write; pass --write to allow writes") from None
            if isinstance(exc, ClientError):
                raise QueryError(_one_line(exc)) from None
            raise StoreError(f"{self.where}: {_one_line(exc)}") from None
        except DriverError as exc:
            raise StoreError(f"{self.where}: {_one_line(exc)}") from None
        return QueryResult(columns, rows, warnings)

    def _write(self, statement: str, rows: list[dict[str, Any]]) -> tuple[int | None, int]:
        with self._session(WRITE_ACCESS) as session:
            return session.execute_write(_merge, statement, rows)

    def write_step(
        self, writes: list[tuple[str, list[dict[str, Any]]]], step: dict[str, Any]
    ) -> list[tuple[int | None, int]]:
        """Each (load statement, rows) of ``writes`` and the record ``step`` (a ``LoadStep``: id, posts) in one
        transaction, so the step is recorded if and only if its rows are written; each write's result as
        ``_merge`` gives it. The driver runs the transaction again on transient errors (deadlocks)."""

        def work(tx: ManagedTransaction) -> list[tuple[int | None, int]]:
            done = [_merge(tx, statement, rows) for statement, rows in writes]
            tx.run(statements.MARK_BATCH, rows=[step]).consume()
            return done

        try:
            with self._session(WRITE_ACCESS) as session:
                return session.execute_write(work)
        except (DriverError, Neo4jError) as exc:
            raise StoreError(f"{self.where}: a write failed ({_one_line(exc)})") from None

    def replace_replies(self, graph: Graph) -> None:
        """Delete the comments' replies that the reply model chose, and the quotes that follow them, and merge the new
        ones in one transaction."""
        if self.read_only:
            raise StoreError(f"{self.where}: the store was opened read-only")
        groups = list(rel_rows(graph))
        ids = sorted({row["from"] for group in groups for row in group.rows})
        quotes = [row["id"] for group in groups if group.type == schema.QUOTES for row in group.rows]

        def work(tx: ManagedTransaction) -> None:
            tx.run(statements.drop_model_replies(), ids=ids, missing=schema.PARENT_MISSING).consume()
            tx.run(statements.drop_model_quotes(), ids=ids, quotes=quotes).consume()
            for group in groups:
                _merge(tx, statements.merge_rels(group.type, group.start, group.end), group.rows)

        self._write_whole(work, "replacing replies failed", "the stored ones are kept, run it again")

    def replace_quotes(self, graph: Batch) -> LoadCounts:
        """As the base's: the new edges merged."""
        if self.read_only:
            raise StoreError(f"{self.where}: the store was opened read-only")
        groups = list(rel_rows(graph))
        rows = [{"post": post, "old": old, "new": new} for post, old, new in graph.moved]

        def work(tx: ManagedTransaction) -> LoadCounts:
            for group in groups:
                _merge(tx, statements.merge_rels(group.type, group.start, group.end), group.rows)
            moved = tx.run(statements.MOVED_QUOTES, rows=[row for row in rows if row["new"]]).single(strict=True)[0]
            dropped = tx.run(statements.DROPPED_QUOTES, rows=[row for row in rows if not row["new"]])
            return LoadCounts(quotes_moved=moved, quotes_dropped=dropped.single(strict=True)[0])

        return self._write_whole(work, "moving quotes failed", "the stored ones are kept")

    def _write_whole(self, work: Callable[[ManagedTransaction], T], failed: str, kept: str) -> T:
        """``work`` in one write transaction, its result; a failure is one line (what ``failed``, the server's reason,
        what is ``kept``), the transaction rolled back whole."""
        try:
            with self._session(WRITE_ACCESS) as session:
                return session.execute_write(work)
        except (DriverError, Neo4jError) as exc:
            raise StoreError(f"{self.where}: {failed} ({_one_line(exc)}); {kept}") from None

    def _write_arrived(self, ids: list[str], counts: LoadCounts) -> None:
        """Write the waiting edges whose ends are now both merged (``_arrivals``: an end among ``ids``, the batch's
        nodes) and delete them, and have those whose other end is not merged yet wait for it, in one transaction: those
        a batch of this load counted skipped count created instead."""
        ready, still = self._arrivals(ids)
        if not (ready or still):
            return
        edges = [row["id"] for row in ready]

        def work(tx: ManagedTransaction) -> int:
            created = 0
            for group in arrived(ready):
                rows = [
                    {**attrs, "from": a, "to": b}
                    for a, b, attrs in zip(group.froms, group.tos, group.attrs, strict=True)
                ]
                created += _merge(tx, statements.merge_rels(group.type, group.start, group.end), rows)[1]
            if edges:
                tx.run(statements.DROP_ARRIVED, ids=edges).consume()
            if still:
                tx.run(statements.WAIT, rows=still).consume()
            return created

        with self._session(WRITE_ACCESS) as session:
            counts.rels_created += session.execute_write(work)
        counts.rels_skipped -= sum(self._waited.has(edges))

    def settle(self, pairs: dict[str, str]) -> None:
        """Settle the stored stub roots of ``pairs`` (``settling.candidates``) into their stored posts in one
        transaction: one read when none is stored."""
        if not pairs or not (found := self._rows(STORED, {"pairs": [list(pair) for pair in pairs.items()]})):
            return

        def work(tx: ManagedTransaction) -> None:
            def run(cypher: str, params: dict[str, Any]) -> list[list[Any]]:
                return [record.values() for record in tx.run(cypher, params)]

            settle(run, statements.merge_rels, dict(found))

        with self._session(WRITE_ACCESS) as session:
            session.execute_write(work)

    def _rows(self, statement: str, params: dict[str, Any] | None = None) -> list[list[Any]]:
        try:
            with self._session(READ_ACCESS) as session:
                return session.execute_read(lambda tx: [record.values() for record in tx.run(statement, params)])
        except (DriverError, Neo4jError) as exc:
            raise StoreError(f"{self.where}: {_one_line(exc)}") from None

    def _fill(self, fills: Sequence[str], rows: list[dict[str, Any]], what: str) -> None:
        try:
            for chunk in _chunks(rows, self.batch_size):
                for statement in fills:
                    self._write(statement, chunk)
        except (DriverError, Neo4jError) as exc:
            raise StoreError(
                f"{self.where}: filling in {what} failed ({_one_line(exc)}); a load run again does it"
            ) from None

    def load(self, graph: Graph, progress: Progress | None = None) -> LoadCounts:
        """MERGE the batch's nodes, then its relationships, in transactions of ``batch_size`` rows.
        Until all are written, a ``LoadStep`` node lists the batch's posts: they are not stored whole
        yet (``stored_posts``), so a load run again after an interruption extracts and merges them. A database
        that lacks the layout mark is given it first (``MARK_MISSING``)."""
        if self.read_only:
            raise StoreError(f"{self.where}: the store was opened read-only")
        if not self._schema_ready:
            self.init_schema()
        counts = LoadCounts()
        step = {"id": batch_key(graph)}
        posts = [n for n, label in labels(graph) if label in schema.POST_LABELS]
        try:
            self._write(MARK_MISSING, [])
            self._write(statements.MARK_BATCH, [step | {"posts": posts}])
            groups = list(rel_rows(graph))
            writers = post_writers(graph)
            for group in node_rows(graph):
                statement = statements.merge_nodes(group.label)
                if group.label == schema.AUTHOR:  # one only mentioned so far takes its first post's (``merge_nodes``)
                    for row in group.rows:
                        row["written"] = row["id"] in writers
                for chunk in _chunks(group.rows, self.batch_size):
                    _, created = self._write(statement, chunk)
                    counts.nodes_created += created
                    counts.nodes_present += len(chunk) - created
                    if progress:
                        progress(len(chunk))
            self._write_arrived([n for n, label in labels(graph) if label is not None], counts)
            waiting: list[dict[str, Any]] = []
            for rels in groups:
                statement = statements.merge_rels(rels.type, rels.start, rels.end)
                for chunk in _chunks(rels.rows, self.batch_size):
                    matched, created = self._write(statement, chunk)
                    counts.rels_created += created
                    counts.rels_present += (matched or 0) - created
                    counts.rels_skipped += len(chunk) - (matched or 0)
                    if (matched or 0) < len(chunk):  # an end is not stored: look the chunk's ends up only then
                        missing = self.missing(end for row in chunk for end in (row["from"], row["to"]))
                        waiting += waiting_rows(rels.type, ((r["from"], r["to"], r) for r in chunk), missing)
                    if progress:
                        progress(len(chunk))
            for chunk in _chunks(waiting, self.batch_size):
                self._write(statements.WAIT, chunk)
            self._waited.add([row["id"] for row in waiting])
            self.settle(candidates(graph))
            if isinstance(graph, Batch) and graph.moving is not None:  # stopped before, its posts are extracted again
                counts += self.replace_quotes(graph.moving)
            self._write(statements.UNMARK_ENDS if step["id"].startswith(END_BATCH) else statements.UNMARK_BATCH, [step])
        except (DriverError, Neo4jError) as exc:
            raise StoreError(
                f"{self.where}: load failed ({_one_line(exc)}); committed batches are kept, run it again to finish"
            ) from None
        return counts


def open(**options: Any) -> Neo4jStore:  # noqa: A001  (the store registry's entry point)
    """Open with ``Neo4jStore``'s options (uri, user, password, database, read_only, batch_size)."""
    return Neo4jStore(**options)
