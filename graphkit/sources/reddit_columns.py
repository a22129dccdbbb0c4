"""A Reddit dump read as columns: the posts of each batch as lists of their fields, not as ``Post`` objects.

For the structure-only load into a new embedded store (``graphkit.columnar``). Only an NDJSON dump whose
every line is one clean flat comment or submission (``reddit.clean_record``) is read so, with no id twice, no
string a store cannot take and no text over the load's limit: ``survey`` raises ``NotColumnar``
for anything else, before any post is read, and the load reads the input as posts instead. The columns hold
what the reader's posts hold (ids, threads, stub roots, positions, stated parents, the same reports), in the
same order. Both passes read the dump a part of lines at a time with Arrow's JSON reader and make or check each
field a column at a time (per-post Python was most of their cost, not the parse); what Arrow cannot read as Python's
parser reads it (a bad or blank line, a key twice, a field of another type; in the first pass also a line whose
nested values or keys Arrow's reading would ignore) is read line by line as before.
"""

from __future__ import annotations

import html
import json
import re
from bisect import bisect_left, bisect_right
from collections import deque
from collections.abc import Callable, Generator, Iterable, Iterator
from concurrent.futures import ThreadPoolExecutor, wait
from dataclasses import dataclass, field, fields, replace
from itertools import accumulate, compress, islice
from typing import Any, TypeVar, cast

import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.json as pa_json

from .. import schema
from ..errors import InputError
from ..records import Post, line_feeds
from . import MALFORMED, Input, Report
from ._shared import GONE, Threads, json_values, loads_line, nests, refuse_unread, utc_iso
from .reddit import (
    EXPECTS,
    NONE_WRITER,
    PLATFORM,
    SITE,
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
    thread_stub,
)

__all__ = ["NotColumnar", "Survey", "Columns", "survey", "columns"]

_T = TypeVar("_T")

# Characters without which a quote finder finds nothing in a text.
_QUOTE_MARK = re.compile('[>:"“]')


class NotColumnar(Exception):
    """The input holds something only the reader's own path reads as it should."""


@dataclass
class Survey:
    """What a first pass over the dump finds: the fullnames it holds (whose parents are in it), its
    participants in reading order (platform, name shown, Author id), each writer's Author id (worked out once a
    writer, not at each post; None's is None), the name each Author's first post shows, the threads with a post
    that quotes (whose earlier posts a quote is looked for in) and the lines of those posts."""

    known: set[str] = field(default_factory=set)
    participants: list[tuple[str, str, str]] = field(default_factory=list)
    writers: dict[str | None, str | None] = field(default_factory=lambda: {None: None})
    first_name: dict[str, str] = field(default_factory=dict)
    quoting: set[str] = field(default_factory=set)
    quotes: set[int] = field(default_factory=set)  # the lines of the posts that quote
    unread: set[int] = field(default_factory=set)  # lines up to ``last`` that hold no value (blank or bad)
    last: int = 0  # the last line holding a value


def survey(inp: Input, limit: int, quotes: Callable[[str], object]) -> Survey:
    """The first pass (see ``Survey``); raises ``NotColumnar`` for an input the columns cannot hold as the
    reader's posts would (a text over ``limit`` characters among them), and the reader's own ``InputError`` for
    one it refuses. ``quotes`` tells whether a text quotes (the extractor's own finder: a reader knows none).
    The dump is read a part at a time as the second pass reads it: the comments Arrow's reader reads as Python's
    parser would are checked by column (``_Surveying.arrow``), every other line as the reader reads it."""
    inp = replace(inp, report=Report())  # bad lines are reported by the second pass
    surveying = _Surveying(inp, limit, quotes)
    for part, by_python, table in _ahead(inp, _flagged(inp)):
        if surveying.ndjson is None:
            surveying.lay_out(part)
        if surveying.ndjson is False:
            break
        surveying.part(part, by_python, table)
    if not surveying.ndjson:  # empty, or one document: the reader says why it refuses it, if it does
        next(json_values(inp))
        raise NotColumnar(f"{inp.name}:0")
    found = surveying.found
    found.unread = {line for line in surveying.unread if line < found.last}
    return found


# The fields of a dump line the columns read, as Arrow's JSON reader reads them: a line whose field is of another
# type fails its part, which the reader's own parsing reads instead.
_READ = pa.schema(
    [
        ("id", pa.string()),
        ("link_id", pa.string()),
        ("parent_id", pa.string()),
        ("author", pa.string()),
        ("author_fullname", pa.string()),
        ("body", pa.string()),
        ("selftext", pa.string()),
        ("content", pa.string()),
        ("text", pa.string()),
        ("title", pa.string()),
        ("url", pa.string()),
        ("permalink", pa.string()),
        ("is_self", pa.bool_()),
        ("created_utc", pa.float64()),
    ]
)
# Of those, the fields the first pass reads by column.
_SURVEYED = pa.schema(
    [
        _READ.field(name)
        for name in ("id", "link_id", "parent_id", "author", "author_fullname", "body", "permalink", "created_utc")
    ]
)
_SURVEY_PARSE = pa_json.ParseOptions(explicit_schema=_SURVEYED, unexpected_field_behavior="ignore")
# What in a line's bytes leaves it to Python's parser in the first pass (searched by Arrow's kernel, RE2): a blank
# line, and what Arrow's reading ignores: a key "kind" or "json" (no flat record), a key written with an escape (it may
# spell any key), an edit time neither false, true nor null (its type is checked) and a nested value (records under it
# are looked for). Each but the first may also match inside a text: that line is read by Python's parser, as before.
_BY_PYTHON = r'^\s*$|"(?:kind|json)"\s*:|\\[^"\n]*"\s*:|"edited"\s*:\s*[^\sftn]|:\s*[\[{]'
_LATEST = 100_000_000_000  # ``reddit._time``'s bound on unix seconds


class _Surveying:
    """The first pass over a dump, part by part: what it has found so far and the lines that held no value."""

    def __init__(self, inp: Input, limit: int, quotes: Callable[[str], object]) -> None:
        self.inp = inp
        self.limit = limit
        self.quotes = quotes
        self.found = Survey()
        self.unread: list[int] = []
        self.named: set[str] = set()
        self.ndjson: bool | None = None  # None until a line holds anything

    def lay_out(self, part: list[tuple[int, bytes]]) -> None:
        """Tell whether the input is NDJSON as ``json_values`` tells it, from its first line holding anything: one
        that Python's parser cannot read alone makes the input one document."""
        first = next((line for _, line in part if line.strip()), None)
        if first is None:
            return
        try:
            json.loads(first)
        except RecursionError:  # a bad line of NDJSON
            pass
        except ValueError:
            self.ndjson = False
            return
        self.ndjson = True

    def part(self, part: list[tuple[int, bytes]], by_python: set[int], table: pa.Table | None) -> None:
        """Survey the lines of ``part``, those at the places ``by_python`` by Python's parser and the others by
        Arrow's reading of them (``table``, see ``_flagged``); raise what the first failing line of it raises."""
        arrow = [part[i] for i in range(len(part)) if i not in by_python]
        rows = self.arrow(arrow, table) if arrow else None
        if rows is None:  # the whole part as Python's parser reads it
            rows, by_python = ([], [], [], [], set()), set(range(len(part)))
        lines, names, authors, failed, uncertain = rows
        values = sorted([part[i] for i in by_python] + [(line, text) for line, text in arrow if line in uncertain])
        errors: list[tuple[int, Exception]] = [(line, NotColumnar(self._where(line))) for line in failed]
        held = {line for line, _ in values}
        read = set(lines)
        for line, value in _values(self.inp, values):
            read.add(line)
            try:
                name, author = self._line(line, value)
            except (NotColumnar, InputError) as exc:
                errors.append((line, exc))
                continue
            lines.append(line)
            names.append(name)
            authors.append(author)
        self.unread.extend(line for line in held if line not in read)
        if read:
            self.found.last = max(self.found.last, max(read))
        if len(lines) > 1 and held:  # the lines Python read among Arrow's rows, in reading order
            order = sorted(range(len(lines)), key=lines.__getitem__)
            lines, names, authors = ([column[k] for k in order] for column in (lines, names, authors))
        known = self.found.known
        if not known.isdisjoint(names) or len(set(names)) < len(names):
            seen = set(known)
            for line, name in zip(lines, names, strict=True):
                if name in seen:
                    errors.append((line, NotColumnar(self._where(line))))
                    break
                seen.add(name)
        if errors:
            raise min(errors, key=lambda error: error[0])[1]
        known.update(names)
        self._participants(authors)

    def arrow(
        self, lines: list[tuple[int, bytes]], table: pa.Table | None
    ) -> tuple[list[int], list[str], list, list[int], set[int]] | None:
        """The comments of ``lines`` read by Arrow (``table``) as Python's parser would read them: their lines,
        fullnames and writers in reading order, the lines of those over the text limit, and the lines left to
        Python's parser (a submission, a comment with a field unread or a time that is not whole seconds in range);
        None where Arrow cannot read them as Python's parser does (no table: a line that is no JSON or no UTF-8, a
        key twice, a field of another type)."""
        if table is None:
            return None
        created = table.column("created_utc")
        whole = pc.and_(pc.equal(pc.floor(created), created), pc.less(created, float(_LATEST)))
        certain = pc.fill_null(
            pc.and_(
                pc.and_(pc.is_valid(table.column("link_id")), pc.is_valid(table.column("parent_id"))),
                pc.and_(pc.is_valid(table.column("id")), pc.and_(pc.greater_equal(created, 0.0), whole)),
            ),
            False,
        )
        table = table.filter(certain)
        numbers = list(compress((line for line, _ in lines), certain.to_pylist()))
        uncertain = {line for line, _ in lines}.difference(numbers)
        ids = table.column("id")
        prefixed = pc.or_(pc.starts_with(ids, "t1_"), pc.starts_with(ids, "t3_"))
        names = pc.binary_join_element_wise("t1_", pc.if_else(prefixed, pc.utf8_slice_codeunits(ids, 3), ids), "")
        body = pc.fill_null(table.column("body"), "")
        body = pc.if_else(pc.is_in(body, value_set=pa.array(GONE, pa.string())), "", body)
        marked = pc.or_(pc.match_substring_regex(body, _QUOTE_MARK.pattern), pc.match_substring(body, "&"))
        long = pc.greater(pc.utf8_length(body), self.limit)  # unescaping never lengthens a text
        failed = []
        at = pc.indices_nonzero(pc.or_(marked, long))
        links = pc.take(table.column("link_id"), at).to_pylist()
        for i, text, link in zip(at.to_pylist(), pc.take(body, at).to_pylist(), links, strict=True):
            text = html.unescape(text) if "&" in text else text
            if len(text) > self.limit:
                failed.append(numbers[i])
            elif _QUOTE_MARK.search(text) and self.quotes(text):
                self.found.quoting.add(comment_thread({"link_id": link})[1])
                self.found.quotes.add(numbers[i])
        return numbers, names.to_pylist(), _authors(table).to_pylist(), failed, uncertain

    def _line(self, line: int, value: Any) -> tuple[str, str | None]:
        """The fullname and writer of one line's value, read as the reader reads it; its quote noted."""
        kind = flat_kind(value)
        if kind is None or not clean_record(kind, value):
            raise NotColumnar(self._where(line))
        if nests(value):
            refuse_unread(self._where(line), value, [value], is_record, EXPECTS, skip=("crosspost_parent_list",))
        sid = bare_id(value["id"])
        if kind == "t1":
            _, thread = comment_thread(value)
            text, _ = comment_text(value)
        else:
            thread = schema.article_id(PLATFORM, sid)
            text, _ = submission_text(value, sid)
        strings = [text, value["id"], value.get("link_id") or "", value.get("permalink") or ""]
        if kind == "t3":  # a comment's title is read by no reader's post
            strings.append(value.get("title") or "")
        author = author_name(value)
        try:
            "".join([*strings, author or ""]).encode()
        except UnicodeEncodeError:
            raise NotColumnar(self._where(line)) from None
        if len(text) > self.limit:
            raise NotColumnar(self._where(line))
        if _QUOTE_MARK.search(text) and self.quotes(text):
            self.found.quoting.add(thread)
            self.found.quotes.add(line)
        return f"{kind}_{sid}", author

    def _participants(self, authors: list[str | None]) -> None:
        """Note the writers of a part's lines, in reading order: each new one a participant."""
        found = self.found
        for author in dict.fromkeys(authors):
            if not author or author in found.writers:
                continue
            writer = found.writers[author] = schema.writer_id(PLATFORM, author)
            found.first_name.setdefault(writer, author)
            shown = author.removeprefix("@")
            if shown and shown not in self.named:
                self.named.add(shown)
                found.participants.append((PLATFORM, shown, writer))

    def _where(self, line: int) -> str:
        return f"{self.inp.name}:{line}"


@dataclass
class Columns:
    """The posts of one batch, field by field, in reading order (a stub root before the first comment of
    its thread, a parent's stub before the first comment answering it); ``parent`` is what a comment answers (its
    parent or its thread), None for an article or a stub."""

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
            parent=self.parent[i],
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


class _Deferred(Report):
    """The reader's reports of a part read ahead of the batches, each kept with the row it comes before: ``columns``
    tells them as the rows are handed on, when the reader's posts would have told them."""

    def __init__(self) -> None:
        super().__init__()
        self.row = 0  # the row the next report comes before
        self.held: deque[tuple[int, str, str]] = deque()

    def add(self, kind: str, where: str = "", n: int = 1) -> None:
        self.held.extend((self.row, kind, where) for _ in range(n))

    def tell(self, report: Report, upto: int | None = None) -> None:
        """Tell ``report`` what came before row ``upto`` (all of it when None) and forget it."""
        held = self.held
        while held and (upto is None or held[0][0] <= upto):
            _, kind, where = held.popleft()
            report.add(kind, where)


def columns(
    inp: Input, found: Survey, starts: Callable[[str, int], bool], read: Callable[[int, int], None] | None = None
) -> Iterator[Columns]:
    """The posts of the dump in batches, cut where ``starts(thread, characters)`` says a post starts one
    (``pipeline.BatchCuts``); what the reader reports (lines that are no JSON, thread roots and parents
    not in the input) goes to the input's report as the reader puts it, when it would. ``read(rows, bytes)`` is told,
    as each part is taken, the bytes of input read once its rows were, ``_STEPS`` times over its rows (the bytes a
    step stands for shared out by rows): a part is read ahead of the rows loaded, so progress counts the rows each
    read stands for, as ``cli._Progress.follow`` counts posts."""
    deferred = _Deferred()
    batch = Columns()
    done = 0  # rows of the parts before this one
    before = 0  # bytes read once they were
    for part, read_to in _parts(replace(inp, report=deferred), found):
        if read:
            for step in range(1, _STEPS + 1):
                read(done + len(part) * step // _STEPS, before + (read_to - before) * step // _STEPS)
            before = read_to
        sizes = zip(part.thread, map(len, part.text), strict=True)
        cuts = [at for at, (thread, chars) in enumerate(sizes) if starts(thread, chars)]
        begin = 0
        for at in cuts:  # never the first post of all: ``starts`` cuts after a post
            _extend(batch, part, begin, at)
            deferred.tell(inp.report, done + at)
            yield batch
            batch, begin = Columns(), at
        _extend(batch, part, begin, len(part))
        done += len(part)
    deferred.tell(inp.report)
    if batch:
        yield batch


def _extend(batch: Columns, part: Columns, begin: int, end: int) -> None:
    """Add rows ``begin`` to ``end`` of ``part`` to ``batch``."""
    for name in _FIELDS:
        getattr(batch, name).extend(getattr(part, name)[begin:end])


_FIELDS = [f.name for f in fields(Columns)]
_PARSE = pa_json.ParseOptions(explicit_schema=_READ, unexpected_field_behavior="ignore")
_PART_LINES = 8192
_STEPS = 16  # progress's steps through a part's rows (``columns``)
_PART_BYTES = 8 << 20


def _parts(inp: Input, found: Survey) -> Iterator[tuple[Columns, int]]:
    """The rows of the dump, a part of consecutive lines at a time, each with the bytes of input read once its lines
    were: read by Arrow's JSON reader by column where every line of the part holds a value the first pass read and
    Arrow reads each as Python's parser does (``_arrow_part``), else line by line as before (``_rows``). Reports go to
    ``inp.report`` (a ``_Deferred``)."""
    threads = Threads(inp)
    ids = _PostIds()
    done = 0
    for part, read_to, by_arrow, table in _ahead(inp, _read(inp, found)):
        columns = _arrow_part(table, part[0][0], done, inp, found, threads, ids) if by_arrow else None
        if columns is None:
            columns = _columns(list(_rows(inp, found, threads, _values(inp, part), done)))
        columns.text = list(map(line_feeds, columns.text))  # as a ``Post`` holds it
        done += len(columns)
        yield columns, read_to


def _flagged(inp: Input) -> Generator[tuple[list[tuple[int, bytes]], set[int], pa.Table | None], None, None]:
    """The dump's parts of lines for the first pass, each with the places of its lines left to Python's parser
    (``_BY_PYTHON``) and Arrow's table of the others (None where Arrow cannot read them as Python's parser does: a line
    that is no JSON or no UTF-8, a key twice, a field of another type): what a part needs that touches nothing else,
    so that it is made while the part before is surveyed (``_ahead``)."""
    with inp.open() as stream:
        for part in _cut(enumerate(stream, 1)):
            flagged = pc.match_substring_regex(pa.array([line for _, line in part], pa.binary()), _BY_PYTHON)
            by_python = set(pc.indices_nonzero(flagged).to_pylist())
            joined = b"".join(line for i, (_, line) in enumerate(part) if i not in by_python)
            try:
                joined.decode()
            except UnicodeDecodeError:
                yield part, by_python, None
                continue
            yield part, by_python, _arrow_table(joined, len(part) - len(by_python), _SURVEY_PARSE) if joined else None


def _read(
    inp: Input, found: Survey
) -> Generator[tuple[list[tuple[int, bytes]], int, bool, pa.Table | None], None, None]:
    """The dump's parts of lines, each with the bytes of input read once its lines were (``Input.bytes_read``),
    whether Arrow may read it (every line holds a value the first pass read) and then Arrow's table of its lines (None
    where Arrow cannot read them): what ``_parts`` needs of a part that touches nothing else, so that it is made while
    the part before is worked on (``_ahead``)."""
    with inp.open() as stream:
        for part in _cut(enumerate(stream, 1)):
            first, last = part[0][0], part[-1][0]
            read_to = inp.bytes_read()
            if last <= found.last and not found.unread.intersection(range(first, last + 1)):
                yield part, read_to, True, _arrow_table(b"".join(line for _, line in part), len(part), _PARSE)
            else:
                yield part, read_to, False, None


def _arrow_table(joined: bytes, lines: int, options: pa_json.ParseOptions) -> pa.Table | None:
    """Arrow's reading of ``lines`` NDJSON lines joined, or None where it cannot read them, a row a line."""
    try:
        table = pa_json.read_json(pa.BufferReader(joined), parse_options=options)
    except pa.ArrowException:
        return None
    return table if table.num_rows == lines else None


_END = object()


def _ahead(inp: Input, items: Generator[_T, None, None]) -> Iterator[_T]:
    """``items`` read from ``inp``, each next one made in a thread while the caller works on the one before: reading a
    part of a dump and Arrow's parsing of it leave Python's lock most of the time, so they take a core the caller's
    Python work leaves idle. What making an item raises is raised where the caller asks for that item; when the
    caller stops early, the item under way is finished first, then ``items`` closed. Only from a file on disk
    (``inp.size``): a pipe's next part may be long in coming, and a stop (Ctrl-C) would wait for it."""
    if not inp.size:
        yield from items
        return
    with ThreadPoolExecutor(1, thread_name_prefix="graphkit-ahead") as thread:
        upcoming = thread.submit(next, items, _END)
        try:
            while (item := upcoming.result()) is not _END:
                upcoming = thread.submit(next, items, _END)
                yield item
        finally:
            wait([upcoming])
            items.close()


def _cut(lines: Iterator[tuple[int, bytes]]) -> Iterator[list[tuple[int, bytes]]]:
    """``lines`` in parts of ``_PART_LINES`` lines and ``_PART_BYTES`` bytes at most (a longer line alone), so that a
    part's memory is bounded as a batch's is."""
    held: list[tuple[int, bytes]] = []
    while part := held + list(islice(lines, _PART_LINES - len(held))):
        end = max(1, bisect_right(list(accumulate(len(line) for _, line in part)), _PART_BYTES))
        yield part[:end]
        held = part[end:]


def _values(inp: Input, lines: list[tuple[int, bytes]]) -> Iterator[tuple[int, Any]]:
    """The JSON value of each line that holds one, as ``json_values`` reads a line (a bad line reported)."""
    for number, line in lines:
        if line.strip():
            try:
                yield number, loads_line(line)
            except (ValueError, RecursionError):
                inp.report.add(MALFORMED, f"{inp.name}:{number}")


def _arrow_part(
    table: pa.Table | None, first: int, done: int, inp: Input, found: Survey, threads: Threads, ids: _PostIds
) -> Columns | None:
    """The rows of a part's lines (line ``first`` on, rows ``done`` on) made by column from Arrow's reading of them
    (``table``), as ``_rows`` makes them; None, with nothing reported or counted, where Arrow cannot read them as
    Python's parser does (no table: a field of another type, a key twice; or a time not in whole seconds). Each
    comment's fields are made for every line and a submission's (a few lines of a dump) then put in their place."""
    if table is None:
        return None
    created = table.column("created_utc")
    if created.null_count or not pc.all(pc.equal(pc.floor(created), created)).as_py():
        return None
    n = table.num_rows
    seconds = pc.cast(pc.cast(created, pa.int64()), pa.timestamp("s"))
    link_ids = pc.fill_null(table.column("link_id"), "")
    parent_col = table.column("parent_id")
    article = pc.invert(pc.and_(pc.is_valid(table.column("link_id")), pc.is_valid(parent_col))).to_pylist()
    prefixed = pc.or_(pc.starts_with(link_ids, "t1_"), pc.starts_with(link_ids, "t3_"))
    links_array = pc.if_else(prefixed, pc.utf8_slice_codeunits(link_ids, 3), link_ids)
    links = links_array.to_pylist()
    thread = [schema.article_id(PLATFORM, link) for link in links]
    id_col = table.column("id")
    cids = id_col.to_pylist()
    body = pc.fill_null(table.column("body"), "")
    gone = pc.is_in(body, value_set=pa.array(GONE, pa.string()))
    text = pc.if_else(gone, "", body)
    marked = pc.match_substring(text, "&").to_pylist()
    permalinks = pc.fill_null(table.column("permalink"), "")
    fallback = pc.binary_join_element_wise(SITE + "/comments/", links_array, "/_/", id_col, "/", "")
    url = pc.if_else(
        pc.starts_with(permalinks, "/"),
        pc.binary_join_element_wise(SITE, permalinks, ""),
        pc.if_else(pc.equal(permalinks, ""), fallback, permalinks),
    )
    out = Columns(
        id=ids.part(thread, cids),
        thread=thread,
        article=article,
        stub=[False] * n,
        text=[html.unescape(t) if m else t for t, m in zip(text.to_pylist(), marked, strict=True)],
        title=[""] * n,
        author=_authors(table).to_pylist(),
        created=_iso(seconds).to_pylist(),
        source_id=cids,
        url=url.to_pylist(),
        deleted=gone.to_pylist(),
        position=[0] * n,
        parent=[None] * n,
        line=list(range(first, first + n)),
    )
    report = inp.report
    assert isinstance(report, _Deferred)
    held = len(report.held)
    stubs = _comments(out, links, pc.fill_null(parent_col, "").to_pylist(), inp, found, threads, ids)
    _submissions(out, table)
    told = [report.held.pop() for _ in range(len(report.held) - held)]  # each told with its key: now its row
    keys = [key for key, _ in stubs]
    for key, kind, where in sorted(reversed(told), key=lambda held: held[0]):
        report.held.append((done + key // 2 + bisect_left(keys, key), kind, where))
    if not stubs:
        return out
    order = pc.sort_indices(pa.array([2 * i + 1 for i in range(n)] + keys, pa.int64())).to_pylist()
    for name, values in zip(_FIELDS, zip(*(row for _, row in stubs), strict=True), strict=True):
        every = getattr(out, name) + list(values)
        setattr(out, name, [every[k] for k in order])
    return out


def _iso(seconds: pa.ChunkedArray) -> pa.ChunkedArray:
    """``utc_iso`` of unix seconds by column ("2016-11-08T12:34:56Z"): a day and a time of day cast to text, eight
    times faster than Arrow's ``strftime``."""
    day = pc.cast(pc.cast(seconds, pa.date32()), pa.string())
    return pc.binary_join_element_wise(day, "T", pc.cast(pc.cast(seconds, pa.time32("s")), pa.string()), "Z", "")


def _authors(table: pa.Table) -> pa.ChunkedArray:
    """``author_name`` by column: None for a missing, empty or deleted name ("None" only without author_fullname)."""
    names = table.column("author")
    gone = pc.or_(pc.equal(names, ""), pc.is_in(names, value_set=pa.array(GONE, pa.string())))
    unnamed = pc.fill_null(pc.equal(table.column("author_fullname"), ""), True)
    gone = pc.or_(pc.fill_null(gone, False), pc.and_(pc.fill_null(pc.equal(names, NONE_WRITER), False), unnamed))
    return pc.if_else(pc.fill_null(gone, False), pa.scalar(None, pa.string()), names)


def _comments(
    out: Columns, links: list[str], parents: list[str], inp: Input, found: Survey, threads: Threads, ids: _PostIds
) -> list[tuple[int, tuple]]:
    """The comments' positions and parents, as ``_rows`` makes them; the stub roots to put before them, each with
    its sort key (``2 * line's row``, a line's own row ``2 * row + 1``). What is reported (a thread root, a parent
    not in the input) is reported with that key (``_Deferred.row``)."""
    report = inp.report
    assert isinstance(report, _Deferred)
    known, thread, article = found.known, out.thread, out.article
    at = [i for i, a in enumerate(article) if not a]
    positions = iter(threads.positions([thread[i] for i in at]))
    out.position = [0 if a else next(positions) for a in article]
    rootless = [i for i in at if f"t3_{links[i]}" not in known]
    stubs = []
    for i in sorted({links[i]: i for i in reversed(rootless)}.values()):  # a thread's first comment of the part
        report.row = 2 * i
        for stub in thread_stub(links[i], known, threads, _where(inp, out, i)):
            stubs.append((2 * i, _stub_row(stub)))
    out.parent = [None if a else t for a, t in zip(article, thread, strict=True)]
    replies = [i for i in at if parents[i].startswith("t1_")]
    stated_ids = ids.of([thread[i] for i in replies], [bare_id(parents[i]) for i in replies])
    for i, pid in zip(replies, stated_ids, strict=True):
        out.parent[i] = pid
    for i in [i for i in replies if parents[i] not in known]:  # after its thread's stub root, as the reader reads it
        report.row = 2 * i + 1
        for stub in comment_parent({"parent_id": parents[i], "link_id": links[i]}, known, threads, _where(inp, out, i)):
            stubs.append((2 * i, _stub_row(stub)))
    stubs.sort(key=lambda stub: stub[0])
    return stubs


class _PostIds:
    """``schema.post_ids`` of the parts' rows, those of the last two parts kept: a comment's stated parent is most
    often a recent comment of its thread, whose id is then taken, not worked out again (looked up by source id, a
    third of the time hashing takes)."""

    def __init__(self) -> None:
        # of each kept part: the row of each source id, and the threads and ids of its rows (copies: a part's
        # submissions are given their own ids and threads in its lists later)
        self.kept: deque[tuple[dict[str, int], list[str], list[str]]] = deque(maxlen=2)

    def part(self, threads: list[str], keys: list[str]) -> list[str]:
        """The ids of a new part's rows, which is kept in place of the oldest."""
        ids = schema.post_ids(PLATFORM, threads, keys)
        self.kept.append((dict(zip(keys, range(len(keys)), strict=True)), list(threads), list(ids)))
        return ids

    def of(self, threads: list[str], keys: list[str]) -> list[str]:
        """The ids of the posts of ``threads`` and ``keys``, those not kept worked out."""
        found: list[str | None] = [None] * len(keys)
        for rows, kept_threads, kept_ids in self.kept:
            at = map(rows.get, keys)
            found = [
                pid or (kept_ids[i] if i is not None and kept_threads[i] == thread else None)
                for pid, i, thread in zip(found, at, threads, strict=True)
            ]
        todo = [k for k, pid in enumerate(found) if pid is None]
        worked = schema.post_ids(PLATFORM, [threads[k] for k in todo], [keys[k] for k in todo])
        for k, pid in zip(todo, worked, strict=True):
            found[k] = pid
        return cast(list[str], found)


def _where(inp: Input, out: Columns, i: int) -> str:
    """Where row ``i`` of ``out`` stands in its input, as the reader reports it."""
    return f"{inp.name}:{out.line[i]}"


def _submissions(out: Columns, table: pa.Table) -> None:
    """The submissions' fields (a few lines of a dump), each as ``submission_fields`` makes them."""
    at = [i for i, article in enumerate(out.article) if article]
    if not at:
        return
    names = ["id", "selftext", "content", "text", "url", "is_self", "title", "permalink"]
    rows = table.select(names).take(at).to_pylist()
    for i, data in zip(at, rows, strict=True):
        sid, thread, text, deleted, title, url = submission_fields(data)
        out.id[i] = out.thread[i] = thread
        out.source_id[i], out.text[i], out.deleted[i], out.title[i], out.url[i] = sid, text, deleted, title, url


def _stub_row(stub: Post) -> tuple:
    """The row of a thread's stub root (``Threads.stub``) or of a parent's stub (``Threads.parent``)."""
    head = (stub.id, stub.thread, stub.is_article, True, "", "", None, None, stub.source_id, stub.url)
    return (*head, False, 0, None, 0)


def _stub_rows(stubs: Generator[Post, None, _T], report: _Deferred) -> Generator[tuple, None, _T]:
    """The row of each stub ``stubs`` yields, the next row of ``report``'s count each, then what it returns."""
    while True:
        try:
            stub = next(stubs)
        except StopIteration as done:
            return done.value
        yield _stub_row(stub)
        report.row += 1


def _rows(inp: Input, found: Survey, threads: Threads, values: Iterable[tuple[int, Any]], done: int) -> Iterator[tuple]:
    """Each post of ``values`` (rows ``done`` on) as a row of ``Columns``' fields, in reading order, as the reader
    makes it, line by line."""
    known = found.known
    report = inp.report
    assert isinstance(report, _Deferred)
    report.row = done
    for line, value in values:
        created = utc_iso(value["created_utc"])
        author = author_name(value)
        if "parent_id" in value and "link_id" in value:
            link, thread = comment_thread(value)
            where = f"{inp.name}:{line}"
            yield from _stub_rows(comment_stub(value, known, threads, where), report)
            parent = yield from _stub_rows(comment_parent(value, known, threads, where), report)
            text, deleted = comment_text(value)
            cid = value["id"]
            url = comment_url(value, link, cid)
            pid = schema.post_id(PLATFORM, thread, cid)
            position = threads.position(thread)
            yield (pid, thread, False, False, text, "", author, created, cid, url, deleted, position, parent, line)
        else:
            sid, thread, text, deleted, title, url = submission_fields(value)
            yield (thread, thread, True, False, text, title, author, created, sid, url, deleted, 0, None, line)
        report.row += 1
