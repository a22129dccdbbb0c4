"""The Cypher graphkit sends to Neo4j, generated from the schema: DDL and one load statement
per label and per (relationship type, start label, end label).

Nothing here is written out by hand per label or type, so a schema change reaches the
constraints, the indexes, the loader and ``cypher/schema.cypher`` at once.
"""

from __future__ import annotations

import functools
from collections.abc import Collection
from typing import Any

from .. import schema
from ..resources import resource_dir
from . import LAYOUT_LABEL, prop
from .rows import END_BATCH, STEPS, WAITING, WAITING_COLUMNS

__all__ = [
    "SCHEMA_FILE",
    "schema_statements",
    "schema_text",
    "merge_nodes",
    "merge_rels",
    "stored_posts",
    "FILL_HANDLES",
    "LACKS_HANDLES",
    "LACKS_QUOTES_STATED",
    "FILL_QUOTES_STATED",
    "load_statements",
    "batch_statements",
    "MARK_BATCH",
    "UNMARK_BATCH",
    "UNMARK_ENDS",
    "UNFINISHED",
    "STEPS_UNDER",
    "STEP_POSTS_UNDER",
    "DROP_STEPS",
    "MODEL_REPLIES",
    "count_model_replies",
    "OTHER_MODELS",
    "model_replies",
    "drop_model_replies",
    "drop_model_quotes",
    "MOVED_QUOTES",
    "DROPPED_QUOTES",
]

SCHEMA_FILE = resource_dir("cypher") / "schema.cypher"

# Thread roots and stated parents may first arrive as stubs (``stub`` true, see sources/_shared.Threads): on these
# labels the real post fills them in when it arrives, and a later stub changes nothing.
_FILLED_LABELS = (schema.ARTICLE, schema.COMMENT)
# Properties of posts a graphkit before them stored posts without, which a batch's real post fills in (``_fill``).
_LACKED = ("quotes_stated",)
# Full-text indexes: name -> (labels, properties).
_FULLTEXT = {
    "post_text": ((schema.ARTICLE, schema.COMMENT), ("title", "text")),
    "entity_names": ((*schema.ENTITY_LABELS, schema.AUTHOR), ("name", "aliases")),
}
# Range indexes for exact look-ups the query library and users make: (label, property).
_RANGE = (
    (schema.ARTICLE, "title"),
    (schema.COMMENT, "thread"),
    *((n.label, "name") for n in schema.NODES if "name" in n.names),
    (WAITING, "waits"),  # the edges a batch's nodes let be written
)


# All but one of the layout marks, when they are all of one layout.
_MERGE_MARKS = (
    f"MATCH (l:{LAYOUT_LABEL} {{id: 'store'}}) WITH collect(l) AS marks "
    "WHERE all(m IN marks WHERE m.layout = marks[0].layout) UNWIND marks[1..] AS extra DELETE extra"
)


def _snake(*parts: str) -> str:
    return "_".join(p.lower() for p in parts)


def schema_statements() -> list[str]:
    """Marks of one layout merged into one (two first loads at once, before the mark had its constraint, could
    each write one and the constraint could not be made), uniqueness constraints on ``id`` for every label and the
    layout mark, then full-text and range indexes. Marks of two layouts are kept, and the constraint refused."""
    out = [
        _MERGE_MARKS,
        *(
            f"CREATE CONSTRAINT {_snake(label, 'id')} IF NOT EXISTS FOR (n:{label}) REQUIRE n.id IS UNIQUE"
            for label in [*(n.label for n in schema.NODES), LAYOUT_LABEL, WAITING]
        ),
    ]
    for name, (labels, props) in _FULLTEXT.items():
        each = ", ".join(prop("n", p) for p in props)
        out.append(f"CREATE FULLTEXT INDEX {name} IF NOT EXISTS FOR (n:{'|'.join(labels)}) ON EACH [{each}]")
    for label, name in _RANGE:
        out.append(f"CREATE INDEX {_snake(label, name)} IF NOT EXISTS FOR (n:{label}) ON ({prop('n', name)})")
    return out


def schema_text() -> str:
    """The content of ``cypher/schema.cypher`` (a test checks the file equals this)."""
    head = (
        "// graphkit's Neo4j schema, generated from graphkit/schema.py by graphkit/store/cypher.py.\n"
        "// Safe to run again (IF NOT EXISTS); 'graphkit init-db --neo4j URI' applies it, or:\n"
        "//   cypher-shell -a bolt://localhost:7687 -u neo4j -f cypher/schema.cypher\n"
    )
    return head + "".join(f"{s};\n" for s in schema_statements())


def _assign(var: str, names: tuple[str, ...]) -> str:
    return ", ".join(f"{prop(var, p)} = {prop('row', p)}" for p in names)


def _fill(names: tuple[str, ...]) -> str:
    """A stored stub takes every property of the real post once that is read, and a stored post without one of
    ``_LACKED`` (a graphkit before it stored the post) takes that one (as ``FILL_QUOTES_STATED``)."""
    real = "NOT coalesce(row.stub, false)"
    out = []
    for p in names:
        stored = prop("n", p)
        taken = f"(n.stub OR {stored} IS NULL)" if p in _LACKED else "n.stub"
        out.append(f"{stored} = CASE WHEN {taken} AND {real} THEN {prop('row', p)} ELSE {stored} END")
    return ", ".join(out)


def _unsign(label: str) -> str:
    """A stored stub the real post of ``row`` fills loses the edges it owns (its writer's WROTE, as the input naming
    it told): the post's own take their place, the same or not (``merge_rels`` credits a post one writer)."""
    return (
        f"\nOPTIONAL MATCH (:{schema.AUTHOR})-[w:{schema.WROTE}]->(s:{label} {{id: row.id}})"
        " WHERE s.stub AND NOT coalesce(row.stub, false)"
        "\nWITH row, collect(w) AS signed\nFOREACH (w IN signed | DELETE w)"
    )


def _writes(author: str) -> str:
    """Cypher: whether the stored Author ``author`` (a variable) writes a stored post, stubs aside (a stub's writer
    is the one its input names, as a mention names an account: ``rows.post_writers``)."""
    return f"EXISTS {{ MATCH ({author})-[:{schema.WROTE}]->(p) WHERE NOT {schema.stub('p')} }}"


def _lacks_handle(row: str) -> str:
    """Whether the stored Author ``n`` takes the handle of ``row``: it has none (an earlier graphkit stored it),
    and ``row`` is of a post it writes (``written``) or it writes no stored post. As a new store shows a writer
    by its first post, not by a mention that came before (``graph.add_posts``), a mention of a stored writer
    fills in nothing: the batch holding its posts does, whatever batch comes first."""
    return f"n.handle IS NULL AND {row}.handle IS NOT NULL AND (coalesce({row}.written, false) OR NOT {_writes('n')})"


def _named(names: tuple[str, ...]) -> str:
    """A stored Author only mentioned so far (writing no post, ``_writes``) takes what the batch holding its first
    post shows of it (its row's ``written``: the batch has a post it writes), as one batch of everything shows it (a
    new one is given the same again). Neo4j allows no subquery in MERGE's ON MATCH, hence a clause of its own."""
    return f"\nWITH n, row WHERE coalesce(row.written, false) AND NOT {_writes('n')}\nSET {_assign('n', names)}"


@functools.cache
def merge_nodes(label: str) -> str:
    """MERGE a batch of ``$rows`` on id: new nodes get every property; stored ones keep theirs,
    except that entities gain new aliases, stubs are filled in (``_unsign``), posts take a property a graphkit
    before it stored them without from a real post's row (``_fill``: tables loaded into such a store), Authors only
    mentioned so far are shown as their first posts show them and Authors take the handle and address they lack
    (``FILL_AUTHORS``)."""
    names = schema.node_type(label).names[1:]
    text = "UNWIND $rows AS row"
    if label in _FILLED_LABELS:
        text += _unsign(label)
    text += f"\nMERGE (n:{label} {{id: row.id}})\nON CREATE SET {_assign('n', names)}"
    if label in _FILLED_LABELS:
        text += f"\nON MATCH SET {_fill(names)}"
    if label == schema.AUTHOR:  # one stored before Authors had a handle takes the batch's; no other is written
        handle, given = prop("n", "handle"), prop("row", "handle")
        email = prop("n", "email")
        text += f"\nON MATCH SET {email} = CASE WHEN {_LACKS_EMAIL} THEN {prop('row', 'email')} ELSE {email} END"
        text += (
            f"\nFOREACH (_ IN CASE WHEN {_lacks_handle('row')} THEN [1] ELSE [] END | SET {handle} = {given})"
            + _named(names)
        )
    if "aliases" in names:
        both = "coalesce(n.aliases, []) + coalesce(row.aliases, [])"
        # the reasons later forms joined go on the evidence (schema.merge_evidence, in Cypher)
        sep = schema.EVIDENCE_SEPARATOR
        stored = f"CASE WHEN n.evidence IS NULL OR n.evidence = '' THEN [] ELSE split(n.evidence, '{sep}') END"
        more = f"[p IN split(coalesce(row.evidence, ''), '{sep}')[1..] WHERE p <> '' AND NOT p IN {stored}]"
        text += (
            "\nWITH n, row WHERE any(a IN coalesce(row.aliases, []) WHERE NOT a IN coalesce(n.aliases, []))"
            f"\nSET n.aliases = COLLECT {{ UNWIND {both} AS a RETURN DISTINCT a ORDER BY a }},"
            f"\n    n.evidence = CASE WHEN n.evidence IS NULL OR n.evidence = '' THEN row.evidence"
            f" ELSE reduce(s = n.evidence, p IN {more} | s + '{sep}' + p) END"
        )
    return text


@functools.cache
def merge_rels(type_: str, start: str, end: str) -> str:
    """MERGE a batch of ``$rows`` (``from``, ``to`` and properties) on the edge id between
    existing ends; returns how many rows found both ends (the rest are skipped). A WROTE is
    merged only into a post that has no other writer."""
    rel = schema.rel_type(type_)
    names = rel.names[1:]
    on_create = f"ON CREATE SET {_assign('r', names)}\n" if names else ""
    ends = f"UNWIND $rows AS row\nMATCH (a:{start} {{id: row.`from`}})\nMATCH (b:{end} {{id: row.`to`}})\n"
    merge = f"MERGE (a)-[r:{type_} {{id: row.id}}]->(b)\n{on_create}"
    if not rel.owner_is_target:
        return f"{ends}{merge}RETURN count(r) AS matched"
    # A post has one writer: one stored by an earlier load keeps its own (as in the embedded store),
    # so a later record with the post's id and another author is not credited with its words.
    return (
        f"{ends}OPTIONAL MATCH (:{start})-[other:{type_}]->(b) WHERE other.id <> row.id\n"
        f"WITH a, b, row, count(other) AS others\n"
        f"FOREACH (_ IN CASE WHEN others = 0 THEN [1] ELSE [] END |\n  {merge.strip()})\n"
        f"RETURN count(*) AS matched"
    )


# Edges waiting for an end (``rows.waiting_rows``), those waiting for one of some ids (``arrived``), and their
# deletion once written.
WAIT = f"UNWIND $rows AS row MERGE (w:{WAITING} {{id: row.id}}) SET " + ", ".join(
    f"w.{name} = row.{name}" for name, _ in WAITING_COLUMNS[1:]
)
DROP_ARRIVED = f"UNWIND $ids AS i MATCH (w:{WAITING} {{id: i}}) DELETE w"


def arrived(unwind: str = "$ids") -> str:
    """The waiting edges whose end is one of the ids ``unwind`` lists (``Store._ids``): their columns, in the order
    of ``WAITING_COLUMNS``."""
    match = f"UNWIND {unwind} AS i MATCH (w:{WAITING}) WHERE w.waits = i"
    return f"{match} RETURN " + ", ".join(f"w.{name}" for name, _ in WAITING_COLUMNS)


# A batch being loaded: its posts, which do not count as stored until the batch is complete.
MARK_BATCH = f"UNWIND $rows AS row MERGE (s:{STEPS} {{id: row.id}}) SET s.posts = row.posts"
UNMARK_BATCH = f"UNWIND $rows AS row MATCH (s:{STEPS} {{id: row.id}}) DELETE s"
# Once a batch of no posts completes: the marks of those of loads stopped in theirs, no later key's (``END_BATCH``).
UNMARK_ENDS = f"MATCH (s:{STEPS}) WHERE s.id STARTS WITH '{END_BATCH}' DELETE s"
UNFINISHED = f"MATCH (s:{STEPS}) RETURN s.posts"
# The steps of one load of extracted tables (``store.neo4j_tables``), whose ids share a prefix.
STEPS_UNDER = f"MATCH (s:{STEPS}) WHERE s.id STARTS WITH $prefix RETURN s.id"
STEP_POSTS_UNDER = f"MATCH (s:{STEPS}) WHERE s.id STARTS WITH $prefix RETURN s.id, s.posts"
DROP_STEPS = f"MATCH (s:{STEPS}) WHERE s.id STARTS WITH $prefix DELETE s"


# A REPLY_TO the reply model chose: inferred, and not sent to the thread because the input says its parent is
# missing (``$missing``: ``schema.PARENT_MISSING``). Each names the model that chose it (``model``).
_MODEL_MADE = "r.inferred AND coalesce(r.rule, '') <> $missing"


def count_model_replies(model: str = "r.model") -> str:
    """How many replies the reply model chose, by ``model`` (the model's property, or NULL where a store lacks it)."""
    replies = f"MATCH (:{schema.COMMENT})-[r:{schema.REPLY_TO}]->() WHERE {_MODEL_MADE}"
    return f"{replies} RETURN {model}, count(*) AS replies"


MODEL_REPLIES = count_model_replies()
# The threads holding replies that another model than ``$model`` chose, with each model's replies there.
OTHER_MODELS = (
    f"MATCH (c:{schema.COMMENT})-[r:{schema.REPLY_TO}]->() WHERE {_MODEL_MADE} AND coalesce(r.model, '') <> $model "
    "RETURN c.thread, r.model, count(*) AS replies"
)


@functools.cache
def model_replies(ids: str = "$ids") -> str:
    """The replies the reply model chose for the comments among ``ids`` (a list expression): each comment's id and
    thread, with its parent, confidence and the model."""
    return (
        f"UNWIND {ids} AS i MATCH (c:{schema.COMMENT} {{id: i}})-[r:{schema.REPLY_TO}]->(p) WHERE {_MODEL_MADE} "
        "RETURN c.id, c.thread, p.id, r.confidence, r.model"
    )


# The stored QUOTES edges a load moves, each deleted by its quoting comment and id once the edge taking its place (its
# id ``new``) is stored (``Store.replace_quotes``): quotes an earlier load gave a post, which a post a later load brings
# holds better. Each returns how many it deleted.
MOVED_QUOTES = (
    f"UNWIND $rows AS row MATCH (c:{schema.COMMENT} {{id: row.post}})-[q:{schema.QUOTES}]->() WHERE q.id = row.old "
    f"MATCH (c)-[n:{schema.QUOTES}]->() WHERE n.id = row.new DELETE q RETURN count(*)"
)
# Those that go to no one now (the quoting comment's writer wrote the post holding them best), deleted alone.
DROPPED_QUOTES = (
    f"UNWIND $rows AS row MATCH (c:{schema.COMMENT} {{id: row.post}})-[q:{schema.QUOTES}]->() WHERE q.id = row.old "
    "DELETE q RETURN count(*)"
)


@functools.cache
def drop_model_replies(ids: str = "$ids") -> str:
    """Delete the replies the reply model chose for the comments among ``ids``; stated ones stay."""
    return (
        f"UNWIND {ids} AS i MATCH (c:{schema.COMMENT} {{id: i}})-[r:{schema.REPLY_TO}]->() WHERE {_MODEL_MADE} DELETE r"
    )


@functools.cache
def drop_model_quotes(ids: str = "$ids") -> str:
    """Delete the quotes of the comments among ``ids`` that follow the parent the reply model chose (they name the
    model), and those of the ids ``$quotes`` (about to be written again)."""
    return (
        f"UNWIND {ids} AS i MATCH (c:{schema.COMMENT} {{id: i}})-[q:{schema.QUOTES}]->() "
        "WHERE q.model IS NOT NULL OR q.id IN $quotes DELETE q"
    )


@functools.cache
def stored_posts(label: str, ids: str = "$ids") -> str:
    """Which of ``ids`` (a list expression) are stored posts of ``label``: each with whether it is a stub
    root, its text and its writer (a row per writer)."""
    stub = "n.stub" if "stub" in schema.node_type(label).names else "false"
    return (
        f"UNWIND {ids} AS i MATCH (n:{label} {{id: i}}) "
        f"OPTIONAL MATCH (a:{schema.AUTHOR})-[:{schema.WROTE}]->(n) "
        f"RETURN n.id, coalesce({stub}, false), n.text, a.id"
    )


# Authors a graphkit before handles stored take the handle ``$rows`` (id, handle) give; one stored with one keeps it.


FILL_HANDLES = (
    f"UNWIND $rows AS r MATCH (n:{schema.AUTHOR} {{id: r.id}}) WHERE {_lacks_handle('r')} SET n.handle = r.handle"
)
# A stored Author without an address takes the one a later load gives, and keeps one it has: a source may give none
# for a writer another gives one for (the Disqus API masks its writers' addresses to any but the forum's moderators,
# read as none; the forum's export gives them whole), and an Author keeps the rest as first stored.
_LACKS_EMAIL = "coalesce(n.email, '') = ''"
FILL_EMAILS = (
    f"UNWIND $rows AS r MATCH (n:{schema.AUTHOR} {{id: r.id}}) WHERE {_LACKS_EMAIL} AND coalesce(r.email, '') <> '' "
    "SET n.email = r.email"
)
# What ``Store.fill_authors`` runs, each on the same rows (``fill_rows``).
FILL_AUTHORS = (FILL_HANDLES, FILL_EMAILS)


def fill_rows(authors: dict[str, dict[str, Any]], writers: Collection[str]) -> list[dict[str, Any]]:
    """The rows of ``FILL_AUTHORS``: each Author's handle and address as ``authors`` (id: properties) give them, and
    whether it writes a post of them (of ``writers``)."""
    return [
        {"id": i, "handle": props.get("handle"), "email": props.get("email"), "written": i in writers}
        for i, props in authors.items()
    ]


# Whether any Author lacks a handle: a load fills in those of the stored posts it skips only then.
LACKS_HANDLES = f"MATCH (n:{schema.AUTHOR}) WHERE n.handle IS NULL RETURN n.id LIMIT 1"
# Whether any Comment lacks ``quotes_stated`` (a graphkit before the property stored it): a load fills it in for the
# stored comments it skips only then, each from ``$rows`` (id, stated); one stored with it keeps it.
LACKS_QUOTES_STATED = f"MATCH (n:{schema.COMMENT}) WHERE n.quotes_stated IS NULL RETURN n.id LIMIT 1"
FILL_QUOTES_STATED = (
    f"UNWIND $rows AS r MATCH (n:{schema.COMMENT} {{id: r.id}}) WHERE n.quotes_stated IS NULL "
    "SET n.quotes_stated = r.stated"
)


def load_statements() -> list[str]:
    """Every load statement the loader can send, for linting."""
    out = [merge_nodes(n.label) for n in schema.NODES]
    out += [merge_rels(r.type, a, b) for r in schema.RELATIONSHIPS for a, b in r.pairs]
    return out


def batch_statements() -> list[str]:
    """Every statement the loader sends about batches (marks, stored posts and what their Authors lack, replies of
    another model), for linting."""
    return [
        MARK_BATCH,
        UNMARK_BATCH,
        UNMARK_ENDS,
        WAIT,
        arrived(),
        DROP_ARRIVED,
        UNFINISHED,
        STEPS_UNDER,
        STEP_POSTS_UNDER,
        DROP_STEPS,
        *(stored_posts(label) for label in schema.POST_LABELS),
        LACKS_HANDLES,
        *FILL_AUTHORS,
        LACKS_QUOTES_STATED,
        FILL_QUOTES_STATED,
        MODEL_REPLIES,
        OTHER_MODELS,
        model_replies(),
        drop_model_replies(),
        drop_model_quotes(),
        MOVED_QUOTES,
        DROPPED_QUOTES,
    ]
