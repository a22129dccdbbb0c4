"""A Reddit dump read as columns: the posts of each batch as lists of their fields, not as ``Post`` objects.

For the structure-only load into a new embedded store (``graphkit.columnar``). Only an NDJSON dump whose
every line is one clean flat comment or submission (``reddit.clean_record``) is read so, with no id twice, no
string a store cannot take and no text over the load's limit: ``survey`` raises ``NotColumnar``
for anything else, before any post is read, and the load reads the input as posts instead. The columns hold
what the reader's posts hold (ids, threads, stub roots, positions, stated parents, the same reports), in the
same order.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field, replace

from .. import schema
from ..records import Post
from . import Input, Report
from ._shared import Threads, json_values, nests, refuse_unread, utc_iso
from .reddit import (
    EXPECTS,
    PLATFORM,
    author_name,
    bare_id,
    clean_record,
    comment_parent,
    comment_stub,
    comment_text,
    comment_thread,
    comment_url,
    flat_kind,
    is_record,
    submission_fields,
    submission_text,
)

__all__ = ["NotColumnar", "Survey", "Columns", "survey", "columns"]

# Characters without which a quote finder finds nothing in a text.
_QUOTE_MARK = re.compile('[>:"“]')


class NotColumnar(Exception):
    """The input holds something only the reader's own path reads as it should."""


@dataclass
class Survey:
    """What a first pass over the dump finds: the fullnames it holds (whose parents are in it), its
    participants in reading order (platform, name shown, Author id), the name each Author's first post
    shows, the threads with a post that quotes (whose earlier posts a quote is looked for in) and the lines
    of those posts."""

    known: set[str] = field(default_factory=set)
    participants: list[tuple[str, str, str]] = field(default_factory=list)
    first_name: dict[str, str] = field(default_factory=dict)
    quoting: set[str] = field(default_factory=set)
    quotes: set[int] = field(default_factory=set)  # the lines of the posts that quote


def survey(inp: Input, limit: int, quotes: Callable[[str], object]) -> Survey:
    """The first pass (see ``Survey``); raises ``NotColumnar`` for an input the columns cannot hold as the
    reader's posts would (a text over ``limit`` characters among them), and the reader's own ``InputError`` for
    one it refuses. ``quotes`` tells whether a text quotes (the extractor's own finder: a reader knows none)."""
    found = Survey()
    named: set[str] = set()
    for line, value in json_values(replace(inp, report=Report())):
        kind = flat_kind(value)
        if not line or kind is None or not clean_record(kind, value):
            raise NotColumnar(f"{inp.name}:{line}")
        if nests(value):
            refuse_unread(f"{inp.name}:{line}", value, [value], is_record, EXPECTS, skip=("crosspost_parent_list",))
        sid = bare_id(value["id"])
        fullname = f"{kind}_{sid}"
        if fullname in found.known:
            raise NotColumnar(f"{inp.name}:{line}")
        found.known.add(fullname)
        if kind == "t1":
            _, thread = comment_thread(value)
            text, _ = comment_text(value)
        else:
            thread = schema.article_id(PLATFORM, sid)
            text, _ = submission_text(value, sid)
        strings = [
            text,
            value["id"],
            value.get("link_id") or "",
            value.get("title") or "",
            value.get("permalink") or "",
        ]
        author = author_name(value)
        try:
            "".join([*strings, author or ""]).encode()
        except UnicodeEncodeError:
            raise NotColumnar(f"{inp.name}:{line}") from None
        if len(text) > limit:
            raise NotColumnar(f"{inp.name}:{line}")
        if author:
            writer = schema.writer_id(PLATFORM, author)
            found.first_name.setdefault(writer, author)
            shown = author.removeprefix("@")
            if shown and shown not in named:
                named.add(shown)
                found.participants.append((PLATFORM, shown, writer))
        if _QUOTE_MARK.search(text) and quotes(text):
            found.quoting.add(thread)
            found.quotes.add(line)
    return found


@dataclass
class Columns:
    """The posts of one batch, field by field, in reading order (a stub root before the first comment of
    its thread); ``parent`` is what a comment answers (its parent, or its thread when the parent is not in
    the input: ``missing``), None for an article."""

    id: list[str] = field(default_factory=list)
    thread: list[str] = field(default_factory=list)
    article: list[bool] = field(default_factory=list)
    stub: list[bool] = field(default_factory=list)
    text: list[str] = field(default_factory=list)
    title: list[str] = field(default_factory=list)
    author: list[str | None] = field(default_factory=list)
    created: list[str | None] = field(default_factory=list)
    source_id: list[str] = field(default_factory=list)
    url: list[str] = field(default_factory=list)
    deleted: list[bool] = field(default_factory=list)
    position: list[int] = field(default_factory=list)
    parent: list[str | None] = field(default_factory=list)
    missing: list[bool] = field(default_factory=list)
    line: list[int] = field(default_factory=list)  # 0 for a stub root

    def __len__(self) -> int:
        return len(self.id)

    def post(self, i: int, source: str) -> Post:
        """Post ``i`` as the reader makes it, as far as extraction reads it (not its ``meta`` but a stub's mark)."""
        article = self.article[i]
        return Post(
            id=self.id[i],
            thread=self.thread[i],
            is_article=article,
            text=self.text[i],
            platform=PLATFORM,
            source=source,
            author=self.author[i],
            parent=None if article or self.missing[i] else self.parent[i],
            parent_missing=self.missing[i],
            position=self.position[i],
            title=self.title[i],
            created=self.created[i] or "",
            source_id=self.source_id[i],
            url=self.url[i],
            deleted=self.deleted[i],
            meta={"stub": True} if self.stub[i] else {},
        )


def _columns(rows: list[tuple]) -> Columns:
    return Columns(*map(list, zip(*rows, strict=True)))


def columns(inp: Input, found: Survey, starts: Callable[[str, int], bool]) -> Iterator[Columns]:
    """The posts of the dump in batches, cut where ``starts(thread, characters)`` says a post starts one
    (``pipeline.BatchCuts``); what the reader reports (lines that are no JSON, thread roots and parents
    not in the input) goes to the input's report as the reader puts it."""
    batch: list[tuple] = []
    for row in _rows(inp, found):
        if starts(row[1], len(row[4])) and batch:
            yield _columns(batch)
            batch = []
        batch.append(row)
    if batch:
        yield _columns(batch)


def _rows(inp: Input, found: Survey) -> Iterator[tuple]:
    """Each post of the dump as a row of ``Columns``' fields, in reading order."""
    threads = Threads(inp)
    known = found.known
    for line, value in json_values(inp):
        created = utc_iso(value["created_utc"])
        author = author_name(value)
        if "parent_id" in value and "link_id" in value:
            link, thread = comment_thread(value)
            where = f"{inp.name}:{line}"
            for stub in comment_stub(value, known, threads, where):
                yield (stub.id, thread, True, True, "", "", None, None, link, stub.url, False, 0, None, False, 0)
            parent = comment_parent(value, thread, known, inp, where)
            text, deleted = comment_text(value)
            cid = value["id"]
            url = comment_url(value, link, cid)
            pid = schema.post_id(PLATFORM, thread, cid)
            position = threads.position(thread)
            yield (pid, thread, False, False, text, "", author, created, cid, url, deleted, position) + (
                parent or thread,
                parent is None,
                line,
            )
        else:
            sid, thread, text, deleted, title, url = submission_fields(value)
            yield (thread, thread, True, False, text, title, author, created, sid, url, deleted, 0, None, False, line)
