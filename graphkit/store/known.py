"""What a load continuing a store reads back from it, so that extraction goes on as if the stored
posts had been extracted in the same run (see ``Extractor.remember``): accounts, post texts,
entities, and the stored part of the threads the new posts continue.

Posts of batches that stopped halfway are left out: the load extracts them again. Portable Cypher,
so both stores answer it, run as graphkit's own reads: statements written here with their values as parameters,
so not planned and checked twice as a user's query is.
Texts are read in pages, so memory holds one page of them at a time.
"""

from __future__ import annotations

import functools
from collections.abc import Container, Iterator

from .. import schema
from ..records import Known, StoredComment, StoredThread
from . import Store, prop

__all__ = ["known"]

PAGE = 1000  # texts read per query


def known(store: Store, again: Container[str] = (), anew: Container[str] = ()) -> Known | None:
    """What ``store`` holds, for ``Extractor.remember``, or None when it holds no post; texts and
    threads are read when used. The load extracts again the stored posts in ``again`` and the stored comments of
    the threads in ``anew`` that its input holds (both read when threads are), so those threads go on without
    them."""
    if not any(store._rows(f"MATCH (n:{label}) RETURN n.id LIMIT 1") for label in schema.POST_LABELS):
        return None
    unfinished = store.unfinished_posts()
    authors = [
        (platform, name, author)
        for platform, name, author, guest in store._rows("MATCH (a:Author) RETURN a.platform, a.name, a.id, a.guest")
        if name and not guest
    ]
    entities = [
        (label, name, list(aliases or []), evidence or "")
        for label in schema.ENTITY_LABELS
        for name, aliases, evidence in store._rows(f"MATCH (n:{label}) RETURN n.name, n.aliases, n.evidence")
    ]
    threads = functools.partial(_threads, store, unfinished=unfinished, again=again, anew=anew)
    return Known(authors, _texts(store, unfinished), entities, threads, functools.partial(_stub_roots, store))


def _stub_roots(store: Store, ids: list[str]) -> list[str]:
    """Which of ``ids`` are stored stub roots (``Known.stub_roots``), each looked up by its id."""
    if not ids:
        return []
    return [
        row[0]
        for row in store._rows(
            f"UNWIND $ids AS i MATCH (a:{schema.ARTICLE} {{id: i}}) WHERE a.stub RETURN a.id", {"ids": ids}
        )
    ]


def _texts(store: Store, unfinished: set[str]) -> Iterator[str]:
    for label in schema.POST_LABELS:
        after = ""
        while True:
            rows = store._rows(
                f"MATCH (n:{label}) WHERE n.id > $after RETURN n.id, n.text ORDER BY n.id LIMIT {PAGE}",
                {"after": after},
            )
            yield from (text for pid, text in rows if text and pid not in unfinished)
            if len(rows) < PAGE:
                break
            after = rows[-1][0]


def _threads(
    store: Store, threads: list[str], unfinished: set[str], again: Container[str], anew: Container[str]
) -> dict[str, StoredThread]:
    """The stored articles and comments of ``threads``, comments in the order a load read them: by
    input name, then by position in the thread."""
    out: dict[str, StoredThread] = {}
    for thread, text, author, writer, created in store._rows(
        f"UNWIND $threads AS t MATCH (a:{schema.ARTICLE} {{id: t}}) "
        f"OPTIONAL MATCH (w:{schema.AUTHOR})-[:{schema.WROTE}]->(a) RETURN a.id, a.text, w.name, w.id, a.created",
        {"threads": threads},
    ):
        if thread not in unfinished and thread not in again:
            out[thread] = StoredThread(text or "", author, writer, created or "")
    ids = [
        row[0]
        for row in store._rows(
            f"MATCH (c:{schema.COMMENT}) WHERE c.thread IN $threads RETURN c.id", {"threads": threads}
        )
    ]
    rows = []
    for i in range(0, len(ids), PAGE):  # a page at a time: the engine joins a page's writers and replies in memory
        rows += store._rows(
            f"UNWIND $ids AS i MATCH (c:{schema.COMMENT} {{id: i}}) "
            f"OPTIONAL MATCH (w:{schema.AUTHOR})-[:{schema.WROTE}]->(c) "
            f"OPTIONAL MATCH (c)-[r:{schema.REPLY_TO}]->(p) "
            f"RETURN c.thread, c.id, w.name, c.text, p.id, r.article_probability, {prop('c', 'source')}, c.position, "
            "w.id, c.created, c.quotes_stated",
            {"ids": ids[i : i + PAGE]},
        )
    quotes = _quotes(store, threads)
    for thread, cid, author, text, parent, p_article, _, _, writer, created, stated in sorted(
        rows, key=lambda r: (r[6] or "", r[7] or 0)
    ):
        if cid not in unfinished and cid not in again and thread not in anew:
            comment = StoredComment(cid, author, text or "", parent, p_article, writer, created or "")
            comment.quotes, comment.quotes_stated = quotes.get(cid, {}), stated
            out.setdefault(thread, StoredThread()).comments.append(comment)
    return out


def _quotes(store: Store, threads: list[str]) -> dict[str, dict[str, str]]:
    """The stored QUOTES edges of the comments of ``threads`` into a post or an Author, by comment: each edge's id and
    what it quotes (``StoredComment.quotes``). Quotes of a Person's speech are left out: a load never holds them again,
    and one at a post quote's offset would stand for it. A query per target label, the one typed pattern both engines
    read alike; one of the threads, as by the comments' ids a page at a time took ten times as long."""
    out: dict[str, dict[str, str]] = {}
    for label in (schema.COMMENT, schema.ARTICLE, schema.AUTHOR):
        for cid, rid, target in store._rows(
            f"MATCH (c:{schema.COMMENT})-[r:{schema.QUOTES}]->(t:{label}) WHERE c.thread IN $threads "
            "RETURN c.id, r.id, t.id",
            {"threads": threads},
        ):
            out.setdefault(cid, {})[rid] = target
    return out
