"""The graph as Parquet tables: one per node label (``Author.parquet``) and one per relationship type
(``MENTIONS.parquet``, with ``from``/``to`` ids), their columns the schema's properties.

Extraction on a cluster writes one set of tables per part of the input (``parts/<part>/``, as Arrow IPC
files: read back once, by ``combine_table``, they need no encoding, whose writing and reading cost five
times as much) and then combines them into one table per label and type, each node and edge once, as the
single-machine graph has it: an Author keeps the properties of the first post it wrote
(``graph.add_posts``), any other node those of its last occurrence (``graph.merge``). Rows keep the
input's order, so loading the tables in order meets each post after the posts it answers, as loading the
input does.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterable, Iterator, Mapping
from typing import TYPE_CHECKING, Any, TypeVar

import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.feather as feather
import pyarrow.parquet as pq

from .. import schema
from .rows import Batch, node_rows, rel_rows
from .settling import joined_threads, movable, moved, root_post

if TYPE_CHECKING:  # a load reads the tables as a ``Batch``; networkx loads for the graph of ``read_tables``
    import networkx as nx

_G = TypeVar("_G", "nx.MultiDiGraph", Batch)
# The QUOTES rows (``from``, ``to`` and properties) that a stub root settling into its post brings (``settle_tables``),
# given the post's id, text and date and its writer's Author id: quotes that replies read before the post, in the
# stub's thread, held undecided as that thread ended, found in the post (``cluster``).
Quoted = Callable[[str, str, str, str | None], list[dict[str, Any]]]

__all__ = [
    "ARROW",
    "node_schema",
    "rel_schema",
    "write_tables",
    "write_part",
    "combine_table",
    "settle_tables",
    "Quoted",
    "post_batch",
    "tables_of_parts",
    "read_tables",
    "read_batch",
    "column",
    "is_tables",
    "PARTS",
    "table_path",
    "part_path",
]

ARROW = {
    schema.STRING: pa.string(),
    schema.INT: pa.int64(),
    schema.FLOAT: pa.float64(),
    schema.BOOL: pa.bool_(),
    schema.STRINGS: pa.list_(pa.string()),
}
PARTS = "parts"
_FIRST_WINS = frozenset({schema.AUTHOR})
_NOWHERE = (2**62,)  # the place of an id ``combine_table`` is not told of: after all others


def node_schema(label: str) -> pa.Schema:
    return pa.schema([(p.name, ARROW[p.type]) for p in schema.node_type(label).props])


def rel_schema(type_: str) -> pa.Schema:
    return pa.schema(
        [("from", pa.string()), ("to", pa.string())] + [(p.name, ARROW[p.type]) for p in schema.rel_type(type_).props]
    )


def table_path(directory: str, name: str) -> str:
    """Where the table of the label or type ``name`` is in ``directory``."""
    return os.path.join(directory, f"{name}.parquet")


def part_path(directory: str, name: str) -> str:
    """Where the table of the label or type ``name`` of a part (``write_part``) is in ``directory``."""
    return os.path.join(directory, f"{name}.arrow")


def _tables(graph: nx.MultiDiGraph) -> Iterator[tuple[str, pa.Table]]:
    """The graph's nodes and relationships as a table per label and type present."""
    for group in node_rows(graph):
        yield group.label, pa.Table.from_pylist(group.rows, node_schema(group.label))
    by_type: dict[str, list[dict]] = {}
    for group in rel_rows(graph):
        by_type.setdefault(group.type, []).extend(group.rows)
    for type_, rows in by_type.items():
        yield type_, pa.Table.from_pylist(rows, rel_schema(type_))


def write_tables(graph: nx.MultiDiGraph, directory: str) -> None:
    """The graph's nodes and relationships as tables in ``directory`` (a table per label and type present)."""
    os.makedirs(directory, exist_ok=True)
    for name, table in _tables(graph):
        pq.write_table(table, table_path(directory, name))


def write_part(graph: nx.MultiDiGraph, directory: str) -> None:
    """The tables of a part's graph in ``directory``, for ``combine_table`` (uncompressed Arrow IPC files)."""
    os.makedirs(directory, exist_ok=True)
    for name, table in _tables(graph):
        feather.write_feather(table, part_path(directory, name), compression="uncompressed")


def _once(table: pa.Table, first: bool) -> pa.Table:
    """Each id's first (or last) row, in the order ids first occur (a post read again stays where the
    posts answering it expect it)."""
    ids = table.column("id")
    if pc.count_distinct(ids).as_py() == len(ids):  # most tables: nothing to drop
        return table
    rows = pa.table({"id": ids, "row": pa.array(range(len(ids)), pa.int64())})
    kept = rows.group_by("id", use_threads=False).aggregate([("row", "min"), ("row", "max")]).sort_by("row_min")
    return table.take(kept.column("row_min" if first else "row_max"))


def _addressed(table: pa.Table, every: pa.Table) -> pa.Table:
    """The Authors of ``table`` kept without an address given the first one a row of ``every`` (the parts' rows, in
    their order) gives them, as one machine's batches fill one in (``graph.merge``): the part of an Author's first
    post may give none where a later part's posts give it (the Disqus API masks addresses, an export gives them)."""
    addressed = every.filter(pc.fill_null(pc.not_equal(every.column("email"), ""), False))
    if not addressed.num_rows:
        return table
    given = _once(addressed, first=True)
    email = table.column("email")
    found = pc.take(given.column("email"), pc.index_in(table.column("id"), given.column("id")))
    lacks = pc.fill_null(pc.equal(email, ""), True)
    return table.set_column(
        table.schema.get_field_index("email"), "email", pc.if_else(lacks, pc.coalesce(found, email), email)
    )


def _unstubbed(table: pa.Table) -> pa.Table:
    """Without the stubs whose id an earlier row holds: a stub changes nothing already there (a thread going on in
    a later file whose root, or a parent, that file does not hold), as ``graph`` adds them."""
    if not pc.any(table.column("stub")).as_py():
        return table
    ids, stubs = table.column("id").to_pylist(), table.column("stub").to_pylist()
    seen: set[str] = set()
    kept = []
    for i, (key, stub) in enumerate(zip(ids, stubs, strict=True)):
        if not (stub and key in seen):
            kept.append(i)
        seen.add(key)
    return table if len(kept) == len(ids) else table.take(pa.array(kept, pa.int64()))


def _filled_stubs(directory: str, parts: list[str]) -> dict[str, pa.Array]:
    """For each part, the stubs it holds of posts some part holds (a thread going on in a later file, whose root or
    parent that file names): their posts fill them."""
    stubs: dict[str, list[str]] = {}
    real: set[str] = set()
    for part in parts:
        for label in schema.POST_LABELS:
            if os.path.exists(path := part_path(os.path.join(directory, PARTS, part), label)):
                table = feather.read_table(path, columns=["id", "stub"])
                for key, stub in zip(table.column("id").to_pylist(), table.column("stub").to_pylist(), strict=True):
                    if stub:
                        stubs.setdefault(part, []).append(key)
                    else:
                        real.add(key)
    return {part: pa.array([key for key in ids if key in real], pa.string()) for part, ids in stubs.items()}


def _unsigned(tables: list[tuple[str, pa.Table]], filled: Mapping[str, pa.Array]) -> list[tuple[str, pa.Table]]:
    """The parts' WROTE tables without the writers of their stubs that a post fills (``filled``): the post is
    written by its own writer only, as a store filling a stub has it (``graph.add_posts``)."""
    out = []
    for part, table in tables:
        if len(gone := filled.get(part, ())):
            table = table.filter(pc.invert(pc.is_in(table.column("to"), value_set=gone)))
        out.append((part, table))
    return out


def _owned(tables: list[tuple[str, pa.Table]], owner: Mapping[str, tuple[tuple[int, ...], str]]) -> pa.Table:
    """The rows of each part's table whose id that part owns (``owner``: id -> (place, part); an id not
    in it is kept from every part), ordered by their ids' places."""
    kept = []
    for part, table in tables:
        ids = table.column("id").to_pylist()
        rows = [i for i, key in enumerate(ids) if owner.get(key, (None, part))[1] == part]
        kept.append(table.take(pa.array(rows, pa.int64())))
    table = pa.concat_tables(kept)
    ids = table.column("id").to_pylist()
    order = sorted(range(len(ids)), key=lambda i: owner.get(ids[i], (_NOWHERE, ""))[0])
    return table.take(pa.array(order, pa.int64()))


def tables_of_parts() -> list[tuple[str, int]]:
    """The tables ``combine_table`` makes: each label (kind 0) and relationship type (kind 1)."""
    return [(n.label, 0) for n in schema.NODES] + [(r.type, 1) for r in schema.RELATIONSHIPS]


def combine_table(
    directory: str,
    parts: Iterable[str],
    name: str,
    owner: Mapping[str, tuple[tuple[int, ...], str]] | None = None,
    into: str | None = None,
) -> int:
    """The table ``name`` written in ``into`` (by default ``directory``) from the tables of the parts (their
    directories under ``PARTS`` in ``directory``, written by ``write_part``), read in input order, each id
    once (an Author as its first row gives it, an address it lacks filled in from a later row, ``_addressed``; any
    other node or edge as its last); the parts are left in
    place. When the parts' order is not the input's, or an Author is named in a part before the part of its
    first post, ``owner`` tells for each Author id its place (ordered tuples: a cluster's ``_first_given``)
    and the part of that place, whose row is kept. Returns the rows written."""
    into = directory if into is None else into
    table_schema = node_schema(name) if name in {n.label for n in schema.NODES} else rel_schema(name)
    paths = [(part, part_path(os.path.join(directory, PARTS, part), name)) for part in parts]
    tables = [(part, feather.read_table(path).cast(table_schema)) for part, path in paths if os.path.exists(path)]
    if not tables:
        if os.path.exists(stale := table_path(into, name)):  # of an earlier run into the same directory
            os.remove(stale)
        return 0
    if name == schema.WROTE:
        tables = _unsigned(tables, _filled_stubs(directory, [part for part, _ in tables]))
    if name in _FIRST_WINS and owner is not None:
        table = _once(_owned(tables, owner), first=True)
        table = _addressed(table, pa.concat_tables([t for _, t in tables]))
    else:
        table = pa.concat_tables([t for _, t in tables])
        if name in schema.POST_LABELS:
            table = _unstubbed(table)
        table = _once(table, first=name in _FIRST_WINS)
        if name == schema.AUTHOR:
            table = _addressed(table, pa.concat_tables([t for _, t in tables]))
    pq.write_table(table, table_path(into, name))
    return table.num_rows


def settle_tables(directory: str, quoted: Mapping[str, Quoted] | None = None) -> dict[str, int]:
    """Settle each stub root of the combined tables in ``directory`` whose post they hold into that post, as a store
    does once both are stored (``store.settling``): one part of a run read the post, another named it lacking its
    thread; a stub of ``quoted`` brings the QUOTES rows it gives for the post. Returns the rows of each table
    rewritten; nothing is read past the stubs when none settles, and of a table no more than its ids, threads or ends
    unless it is rewritten. The tables are rewritten one after another, where they were combined (a run's own
    directory, ``cluster``): a run stopped in between is mended as one stopped while combining, by combining them
    from the parts again."""
    if not all(os.path.exists(table_path(directory, label)) for label in (schema.ARTICLE, schema.COMMENT)):
        return {}
    articles = pq.read_table(table_path(directory, schema.ARTICLE), columns=["id", "stub", "platform", "source_id"])
    stubs = articles.filter(pc.fill_null(articles.column("stub"), False)).to_pylist()
    pairs = {
        row["id"]: post
        for row in stubs
        if row["source_id"] and (post := root_post(row["id"], row["platform"] or "", row["source_id"]))
    }
    if not pairs:
        return {}
    comments = pq.read_table(table_path(directory, schema.COMMENT), columns=["id", "stub", "thread"])
    real = comments.filter(
        pc.and_(
            pc.is_in(comments.column("id"), value_set=pa.array(list(pairs.values()), pa.string())),
            pc.invert(pc.fill_null(comments.column("stub"), False)),
        )
    )
    threads = dict(zip(real.column("id").to_pylist(), real.column("thread").to_pylist(), strict=True))
    if not (joined := joined_threads(pairs, threads)):  # a stub whose post the tables lack stays
        return {}
    pairs = {stub: pairs[stub] for stub in joined}
    gone, posts = pa.array(list(pairs), pa.string()), pa.array(list(pairs.values()), pa.string())
    tables: dict[str, pa.Table] = {}
    thread = comments.column("thread")
    if pc.any(moving := pc.fill_null(pc.is_in(thread, value_set=gone), False)).as_py():
        joins = pc.take(pa.array(list(joined.values()), pa.string()), pc.index_in(thread, value_set=gone))
        whole = pq.read_table(table_path(directory, schema.COMMENT))  # the other columns only to write them again
        tables[schema.COMMENT] = whole.set_column(
            whole.schema.get_field_index("thread"), "thread", pc.if_else(moving, joins, thread)
        )
    article = pq.read_table(table_path(directory, schema.ARTICLE))
    tables[schema.ARTICLE] = article.filter(pc.invert(pc.is_in(article.column("id"), value_set=gone)))
    writers: dict[str, str] = {}
    if os.path.exists(path := table_path(directory, schema.WROTE)):
        wrote = pq.read_table(path, columns=["from", "to"])
        wrote = wrote.filter(pc.is_in(wrote.column("to"), value_set=posts))
        writers = dict(zip(wrote.column("to").to_pylist(), wrote.column("from").to_pylist(), strict=True))
    signed = set(writers)
    brought = _brought(directory, pairs, quoted or {}, writers)
    for rel in schema.RELATIONSHIPS:
        if not os.path.exists(path := table_path(directory, rel.type)):
            continue
        ends = pq.read_table(path, columns=["from", "to"])
        into, away = pc.is_in(ends.column("to"), value_set=gone), pc.is_in(ends.column("from"), value_set=gone)
        if not pc.any(pc.or_(into, away)).as_py():
            continue
        table = pq.read_table(path)  # the properties only for the edges moved and to write the rest again
        kept = table.filter(pc.invert(pc.or_(into, away)))  # the stub's own edges go with it
        held = set(kept.filter(pc.is_in(kept.column("to"), value_set=posts)).column("id").to_pylist())
        rows = []
        for row in table.filter(into).to_pylist():
            source, stub = row.pop("from"), row.pop("to")
            post = pairs[stub]
            if not movable(rel.type, schema.label_of(source)):
                continue
            if (attrs := moved(rel.type, source, stub, post, post in signed, row)) is not None and attrs[
                "id"
            ] not in held:
                held.add(attrs["id"])
                rows.append({"from": source, "to": post, **attrs})
        tables[rel.type] = pa.concat_tables([kept, pa.Table.from_pylist(rows, schema=table.schema)])
    if brought:
        tables[schema.QUOTES] = _with_rows(directory, tables.get(schema.QUOTES), schema.QUOTES, brought)
    for name, table in tables.items():
        pq.write_table(table, table_path(directory, name))
    return {name: table.num_rows for name, table in tables.items()}


def _brought(
    directory: str, pairs: Mapping[str, str], quoted: Mapping[str, Quoted], writers: Mapping[str, str]
) -> list[dict[str, Any]]:
    """The QUOTES rows the stubs of ``quoted`` settling into their posts (``pairs``, stub -> post; ``writers``, post ->
    Author) bring, stub after stub in the order of ``pairs``: the posts' texts read only for them."""
    stubs = [stub for stub in pairs if stub in quoted]
    if not stubs:
        return []
    comments = pq.read_table(table_path(directory, schema.COMMENT), columns=["id", "text", "created", "stub"])
    wanted = pc.is_in(comments.column("id"), value_set=pa.array([pairs[stub] for stub in stubs], pa.string()))
    rows = comments.filter(pc.and_(wanted, pc.invert(pc.fill_null(comments.column("stub"), False))))
    posts = {row["id"]: row for row in rows.to_pylist()}
    out = []
    for stub in stubs:
        post = posts[pairs[stub]]
        out += quoted[stub](post["id"], post["text"] or "", post["created"] or "", writers.get(post["id"]))
    return out


def _with_rows(directory: str, table: pa.Table | None, name: str, rows: list[dict[str, Any]]) -> pa.Table:
    """The relationship table ``name`` (``table`` as rewritten so far, else as written in ``directory``, if it is)
    with ``rows`` added, but those of an id it holds."""
    if table is None and os.path.exists(path := table_path(directory, name)):
        table = pq.read_table(path)
    held = set() if table is None else set(table.column("id").to_pylist())
    added = []
    for row in rows:
        if row["id"] not in held:
            held.add(row["id"])
            added.append(row)
    new = pa.Table.from_pylist(added, rel_schema(name) if table is None else table.schema)
    return new if table is None else pa.concat_tables([table, new])


def post_batch(directory: str) -> Batch:
    """The posts of the tables in ``directory`` with what ``settling.candidates`` reads of them: for a load that
    writes the rows by other means (``neo4j_tables``) to settle them into what the store held before."""
    batch = Batch()
    for label in schema.POST_LABELS:
        if os.path.exists(path := table_path(directory, label)):
            for row in pq.read_table(path, columns=["id", "stub", "platform", "source_id"]).to_pylist():
                batch.add_node(row.pop("id"), label=label, **row)
    return batch


def read_tables(directory: str) -> nx.MultiDiGraph:
    """The graph of the combined tables in ``directory`` (the form ``pipeline.extract_graph`` returns)."""
    import networkx as nx

    return _read(directory, nx.MultiDiGraph())


def read_batch(directory: str) -> Batch:
    """The nodes and edges of ``read_tables`` as a load holds a batch (``rows.Batch``, all a store reads), for a
    load of the tables to cut into its batches (``pipeline.table_batches``) without building networkx's graph."""
    return _read(directory, Batch())


def _read(directory: str, graph: _G) -> _G:
    """``graph`` given the nodes and then the edges of the tables in ``directory``, in their order."""
    for node in schema.NODES:
        if os.path.exists(path := table_path(directory, node.label)):
            for row in pq.read_table(path).to_pylist():
                graph.add_node(row.pop("id"), label=node.label, **row)
    for rel in schema.RELATIONSHIPS:
        if os.path.exists(path := table_path(directory, rel.type)):
            for row in pq.read_table(path).to_pylist():
                graph.add_edge(row.pop("from"), row.pop("to"), key=row["id"], type=rel.type, **row)
    return graph


def column(directory: str, name: str, column: str) -> list:
    """One column of the table ``name`` in ``directory`` (empty if there is no such table)."""
    if not os.path.exists(path := table_path(directory, name)):
        return []
    return pq.read_table(path, columns=[column]).column(column).to_pylist()


def is_tables(path: str) -> bool:
    """Whether ``path`` is a directory of these tables (the output of ``extract --cluster``)."""
    return os.path.isdir(path) and any(os.path.exists(table_path(path, label)) for label in schema.POST_LABELS)
