"""Helpers the structured readers share: HTML to text, times to ISO 8601 UTC, JSON values, stub roots.

Kept in one place so every platform turns markup, timestamps and missing thread roots into
the same shapes (a link is "label (href)" in every format, a time is "2016-11-08T12:34:56Z").
"""

from __future__ import annotations

import functools
import hashlib
import html
import json
import json.scanner
import re
from collections import Counter
from collections.abc import Callable, Generator, Iterable, Iterator
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta, timezone
from html.parser import HTMLParser
from typing import Any, BinaryIO, Generic, TypeVar
from xml.etree import ElementTree as ET
from xml.parsers import expat

from .. import schema
from ..errors import InputError
from ..records import Post
from . import MALFORMED, MISSING_PARENT, MISSING_ROOT, Input

__all__ = [
    "BAD_DATA",
    "GONE",
    "UNNAMED",
    "named",
    "html_to_text",
    "Markup",
    "shown_text",
    "utc_iso",
    "ZONE",
    "zone_offset",
    "written_by",
    "list_sender",
    "unquoted",
    "json_values",
    "xml_elements",
    "refuse_unread",
    "nests",
    "Ancestry",
    "Threads",
]

# What a record whose fields are not what its format says raises while a reader maps it: each reader
# catches these around one record and reports it (a value of the wrong type, a missing key, a
# reply chain or value nested deeper than Python recurses, a count of Infinity); any other error is a bug.
BAD_DATA = (LookupError, TypeError, ValueError, AttributeError, RecursionError, OverflowError)

# what Reddit, and tools exporting from it, put in place of a deleted author or body
GONE = ("[deleted]", "[removed]")
# what a site shows in place of a writer it does not name, in any case: each post so signed may be anyone's, so it is no
# one writer (who would be the most active person of many a table), as a deleted account is none
UNNAMED = frozenset({"anonymous", "guest"})

K = TypeVar("K", int, str)
T = TypeVar("T")

_SCAN = json.scanner.make_scanner(json.JSONDecoder())


def loads_line(line: bytes) -> Any:
    """``json.loads`` of one line, without its encoding detection where the line starts as UTF-8 does
    (the text decoded is what it would decode) and without its wrapper's whitespace matching: a large part
    of its cost on short lines. Anything but one value and JSON's whitespace after it goes to ``json.loads``,
    which raises as it would."""
    if line[:1] == b"{" and line[1:2] != b"\0":
        text = line.decode("utf-8", "surrogatepass")
        try:
            value, end = _SCAN(text, 0)
        except StopIteration:
            pass
        else:
            if end == len(text) or not text[end:].strip(" \t\n\r"):
                return value
    return json.loads(line)


_VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"}
_BLOCK_TAGS = {"p", "div", "blockquote", "pre", "ul", "ol", "li", "tr", "h1", "h2", "h3", "h4", "h5", "h6"}


# What a reader says of an element of its platform's markup, by its tag and attributes: ``hidden``, that it and
# all it holds are no text (an image's frame and caption); ``plain``, that a link shows its label only (a hashtag,
# an upload of the forum itself), no address and so no citation.
Markup = Callable[[str, dict[str, str]], bool]


def _never(tag: str, attrs: dict[str, str]) -> bool:
    return False


class _TextParser(HTMLParser):
    """Collects text; paragraphs become blank lines and external links keep their href."""

    def __init__(self, hidden: Markup = _never, plain: Markup = _never) -> None:
        super().__init__(convert_charrefs=True)
        self.out: list[str] = []
        self._link: tuple[str, int] | None = None
        self._hidden, self._plain = hidden, plain
        self._skip: tuple[str, int] | None = None  # the tag of the hidden element being passed, and its depth

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if self._skip is not None:
            if tag == self._skip[0]:
                self._skip = (tag, self._skip[1] + 1)
            return
        found = {k: v or "" for k, v in attrs}
        if tag not in _VOID and self._hidden(tag, found):
            self._skip = (tag, 1)
        elif tag == "br":
            self.out.append("\n")
        elif tag in _BLOCK_TAGS:
            self.out.append("\n\n")
        elif tag == "a":
            self._link = ("" if self._plain(tag, found) else found.get("href", ""), len(self.out))

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in _VOID or self._skip is not None or not self._hidden(tag, {k: v or "" for k, v in attrs}):
            self.handle_starttag(tag, attrs)
            self.handle_endtag(tag)

    def handle_endtag(self, tag: str) -> None:
        if self._skip is not None:
            if tag == self._skip[0]:
                depth = self._skip[1] - 1
                self._skip = (tag, depth) if depth else None
            return
        if tag in _BLOCK_TAGS:
            self.out.append("\n\n")
        elif tag == "a" and self._link is not None:
            href, start = self._link
            self._link = None
            if not href.startswith(("http://", "https://")):
                return
            label = "".join(self.out[start:]).strip()
            shown = label.rstrip(".…")
            # a link showing its own url (HN and Disqus shorten long ones: "https://example.com/lo...")
            if not label or (shown.startswith(("http://", "https://")) and href.startswith(shown)):
                self.out[start:] = [href]
            else:
                self.out.append(f" ({href})")

    def handle_data(self, data: str) -> None:
        if self._skip is None:
            self.out.append(data)


def html_to_text(html: str, hidden: Markup = _never, plain: Markup = _never) -> str:
    """Plain text of an HTML fragment: entities unescaped, <p>/<br> as newlines, links as "label (href)";
    a platform's ``hidden`` elements are left out and its ``plain`` links show their label alone."""
    parser = _TextParser(hidden, plain)
    parser.feed(html)
    parser.close()
    lines = (re.sub(r"[ \t\r\f\v\xa0]+", " ", line).strip() for line in "".join(parser.out).split("\n"))
    return re.sub(r"\n{3,}", "\n\n", "\n".join(lines)).strip()


# markup a platform's API writes into a comment (HN's <p> and links), not a reader's "<3" or "<name>"
_MARKUP = re.compile(r"</?(?:p|br|i|b|em|strong|pre|code|blockquote|ul|ol|li)\s*/?>|<a\s+href=", re.I)
_ENTITY = re.compile(r"&(?:#\d+|#x[0-9a-f]+|[a-z][a-z0-9]*);", re.I)


def shown_text(text: str) -> str:
    """``text`` as its page showed it, however the tool that wrote the file kept it: HTML (HN's API
    and BigQuery table) as plain text, text escaped for HTML (Reddit's API: a quote is "&gt; …")
    unescaped, anything else as written. A table of comments says nothing of which it holds."""
    if "<" in text and _MARKUP.search(text):
        return html_to_text(text)
    if "&" in text and "<" not in text and ">" not in text and _ENTITY.search(text):
        return html.unescape(text)
    return text


def written_by(key: object, name: object) -> dict[str, Any]:
    """The ``author`` and ``author_key`` of a post written by the account ``key`` (a platform's stable
    id) under ``name``: shown by its name (its id when it shows none), told apart by its id. A post
    with no account has no author."""
    if not isinstance(key, str) or not key:
        return {"author": None, "author_key": ""}
    return {"author": name if isinstance(name, str) and name else key, "author_key": key}


_YEAR_10000 = 253402300800  # unix seconds of 10000-01-01, which no ISO 8601 date of four digits reaches
# unix milliseconds (JavaScript's Date.now(), which tools writing "createdAt" numbers give), read where no number of
# seconds can be one: 13 digits, 2001-09-09 to 2286-11-20, which as seconds are past year 9999. Fewer digits are
# seconds (12 digits of milliseconds, before 2001-09-09, would be a time of seconds too, or no time)
_MILLISECONDS = 10**12  # to ten times it
_QUOTES = "\"'`"
# "Jane Doe via Linux-f2fs-devel", "'Jane Doe' via kasan-dev": the writer, then the list's one-word name (a comment
# of the writer's name, "'刘海燕 (Haiyan Liu)' via kasan-dev", comes last as the mbox reader's ``sender`` reads it)
_VIA = re.compile(r"(\S.*?)\s+via\s+(\S+)(?:\s+\([^()]*\))?")


def unquoted(name: str) -> str:
    """A display name without the quotes around it ("'Jane Doe'": Jane Doe), however many pairs."""
    while len(name) > 1 and name[0] in _QUOTES and name[-1] == name[0]:
        name = name[1:-1].strip()
    return name


def list_sender(name: str) -> tuple[str, str] | None:
    """The writer's name and the list's name in a sender a mailing list rewrote for DMARC ("'Chao Yu' via
    Linux-f2fs-devel": Chao Yu, Linux-f2fs-devel), as a list's mail and its archive's page show it; None for any
    other name. The mbox and text readers read it so, to name one writer whether a list rewrote the mail or not."""
    via = _VIA.fullmatch(name)
    return (unquoted(via[1].strip()), via[2]) if via else None


_EPOCH = datetime(1970, 1, 1, tzinfo=UTC)

# a zone as times are written with it: an abbreviation ("EST", "CEST"), maybe with hours after it ("UTC+1", "GMT-05:00")
ZONE = re.compile(r"(?:UTC|GMT|[A-Z]{1,3}[SD]T)(?:[+-]\d{1,4}(?::\d\d)?)?")
# hours east of UTC of the abbreviations that name one zone; those that name several ("CST": the US's central time and
# China's; "IST": India's, Ireland's, Israel's; "PST": the US's Pacific time and the Philippines'; "MST": the US's
# mountain time and Malaysia's; "CDT": the US's central daylight time and Cuba's; "BST", "AST", "ADT") are not here,
# and a time written with one is not read, as no reader can tell which it meant
_ZONE_HOURS = {
    "UTC": 0, "GMT": 0, "EST": -5, "EDT": -4, "MDT": -6, "PDT": -7, "AKST": -9,
    "AKDT": -8, "HST": -10, "WEST": 1, "CEST": 2, "EEST": 3, "SAST": 2, "AWST": 8, "JST": 9, "KST": 9, "ACST": 9.5,
    "ACDT": 10.5, "AEST": 10, "AEDT": 11, "NZST": 12, "NZDT": 13,
}  # fmt: skip
_ZONE_PARTS = re.compile(r"([A-Z]+)(?:([+-])(\d{1,4})(?::(\d\d))?)?")


def zone_offset(word: str) -> timedelta | None:
    """The offset from UTC a zone written after a time gives ("EST": -5 hours, "UTC+1", "GMT-0530"); None for a word
    that is no zone, an abbreviation naming several (``_ZONE_HOURS``) or an offset of a day or more ("UTC+99")."""
    parts = _ZONE_PARTS.fullmatch(word) if ZONE.fullmatch(word) else None
    if not parts or (hours := _ZONE_HOURS.get(parts[1])) is None:
        return None
    offset = timedelta(hours=hours)
    if parts[2]:
        if parts[1] not in ("UTC", "GMT"):
            return None  # "EST+1": no zone is so written
        digits = parts[3]
        hours_, minutes = (digits, parts[4] or "0") if len(digits) <= 2 else (digits[:-2], digits[-2:])
        if int(hours_) >= 24 or int(minutes) >= 60:
            return None  # "UTC+99": no zone is a day or more from UTC
        shift = timedelta(hours=int(hours_), minutes=int(minutes))
        offset = shift if parts[2] == "+" else -shift
    return offset


@functools.lru_cache(maxsize=1 << 10)  # the posts of a dump come day by day
def _day(days: int) -> str:
    return (_EPOCH + timedelta(days=days)).strftime("%Y-%m-%d")


def utc_iso(value: object) -> str:
    """ISO 8601 UTC ("2016-11-08T12:34:56Z") of unix seconds (or milliseconds: ``_MILLISECONDS``), an ISO string (maybe
    with a zone after it: ``_zoned``) or a datetime.

    A naive time is taken as UTC. Anything else raises ``ValueError`` for the reader to report.
    """
    if type(value) is int and 0 <= value < _YEAR_10000:
        days, seconds = divmod(value, 86400)
        hours, seconds = divmod(seconds, 3600)
        return f"{_day(days)}T{hours:02d}:{seconds // 60:02d}:{seconds % 60:02d}Z"
    if isinstance(value, str):
        text = value.strip()
        try:
            number = float(text)
            return utc_iso(int(number) if number.is_integer() else number)
        except ValueError:
            value = _zoned(text)
    if isinstance(value, int | float) and not isinstance(value, bool):
        if _MILLISECONDS <= value < 10 * _MILLISECONDS:
            return utc_iso(int(value // 1000))
        try:
            value = datetime.fromtimestamp(value, UTC)
        except (OverflowError, OSError) as exc:
            raise ValueError(f"time out of range: {value}") from exc
    if not isinstance(value, datetime):
        raise ValueError(f"not a time: {value!r}")
    if value.tzinfo is None:
        value = value.replace(tzinfo=UTC)
    return value.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


def _zoned(text: str) -> datetime:
    """An ISO time, maybe with a zone written after it ("2021-02-28 22:00:19 EST", as CrowdTangle writes one); a zone
    ``zone_offset`` cannot place raises ``ValueError``."""
    try:
        return datetime.fromisoformat(text)
    except ValueError:
        time, _, zone = text.rpartition(" ")
        offset = zone_offset(zone) if time else None
        if offset is None:
            raise
    when = datetime.fromisoformat(time.rstrip())
    if when.tzinfo is not None:
        raise ValueError(f"two zones: {text!r}")
    return when.replace(tzinfo=timezone(offset))


PAGE_PLATFORM = "web"  # every reader of scraped pages


def named(name: str | None, *, account: bool = False) -> str | None:
    """The writer a name shown for a post names: none for no name, a deleted account's (``GONE``) or an unnamed
    writer's (``UNNAMED``), unless ``account``: the name is one account's (a Reddit user named "Anonymous", a page
    so named beside its handle)."""
    if not name or name in GONE or not account and name.strip().casefold() in UNNAMED:
        return None
    return name


def page_comment(
    raw: str, start: int, end: int, *, thread: str, source: str, position: int, author: str | None, created: str = ""
) -> Post:
    """A comment of a scraped page: its text is the page's span, its id made from the thread, its
    position and its text, so a page read again gives the same ids."""
    text = raw[start:end]
    return Post(
        id=schema.post_id(PAGE_PLATFORM, thread, f"{position}\x1f{text}"),
        thread=thread,
        is_article=False,
        text=text,
        platform=PAGE_PLATFORM,
        source=source,
        author=named(author),
        created=created,
        position=position,
        start=start,
        end=end,
    )


def entry_posts(
    inp: Input,
    entries: Callable[[Any, str], Iterator[tuple[str, T | None]]],
    post: Callable[[T, str], Iterator[Post]],
    refusal: str,
) -> Iterator[Post]:
    """The posts of each entry (a post, or None when malformed, with its place) of each JSON value of
    an input: a malformed entry, or one whose post raises, is reported by its place and skipped, so
    one bad record never costs the rest; an input without a single entry is not the format."""
    found = False
    for line, value in json_values(inp):
        for at, item in entries(value, f"{inp.name}:{line}" if line else inp.name):
            if item is None:
                inp.report.add(MALFORMED, at)
                continue
            found = True
            try:
                yield from post(item, at)
            except BAD_DATA:
                inp.report.add(MALFORMED, at)
    if not found:
        raise InputError(f"{inp.name}: {refusal}")


def file_digest(inp: Input) -> str:
    """What knows an input by its contents, for what it holds no key of: the same file read again, by any path (a
    folder's, a link's, "./"), is known so again; a file saved again, its contents changed, is another."""
    with inp.aside().open() as stream:
        return hashlib.file_digest(stream, "sha1").hexdigest()[:16]


def json_values(inp: Input) -> Iterator[tuple[int, Any]]:
    """The JSON values of an input with their line numbers.

    The first non-blank line decides the layout: if it parses alone the input is NDJSON (one
    value a line, a bad line is skipped and reported as "file:line"); otherwise it is one JSON
    document, read whole (API pages are small; big corpora come as NDJSON), yielded with line 0,
    and a bad document is an ``InputError``. A value nested deeper than Python's parser recurses
    counts as bad.
    """
    with inp.open() as stream:
        lines = enumerate(stream, 1)
        number, first = next(((n, line) for n, line in lines if line.strip()), (0, b""))
        if not number:
            raise InputError(f"{inp.name}: input is empty")
        try:
            value = json.loads(first)
        except RecursionError:
            inp.report.add(MALFORMED, f"{inp.name}:{number}")
        except ValueError:
            data = first + stream.read()
            try:
                value = json.loads(data)
            except RecursionError:
                raise InputError(f"{inp.name}: JSON nested too deeply to read") from None
            except ValueError as exc:
                where = f" at line {exc.lineno + number - 1}" if isinstance(exc, json.JSONDecodeError) else ""
                raise InputError(f"{inp.name}: not valid JSON{where}") from None
            yield 0, value
            return
        else:
            yield number, value
        for number, line in lines:
            if not line.strip():
                continue
            try:
                value = loads_line(line)
            except (ValueError, RecursionError):
                inp.report.add(MALFORMED, f"{inp.name}:{number}")
                continue
            yield number, value


class _Declared:
    """A stream whose head is given anew: the root's start tag declaring namespaces the export uses undeclared."""

    def __init__(self, head: bytes, rest: BinaryIO) -> None:
        self.head, self.rest = head, rest

    def read(self, size: int = -1) -> bytes:
        if not self.head:
            return self.rest.read(size)
        given, self.head = (self.head, b"") if size < 0 else (self.head[:size], self.head[size:])
        return given


class _RootFound(Exception):
    """Ends the reading of an export's head at its root's start tag."""


def _root_start(head: bytes) -> tuple[int, str, dict[str, str]] | None:
    """Where the root's start tag begins in an export's head, its name and attributes, as the parser finds it (a
    comment, an instruction or the document type before it may name the root too); None where the head holds none
    or is not XML."""
    parser = expat.ParserCreate()

    def start(name: str, attributes: dict[str, str]) -> None:
        raise _RootFound(parser.CurrentByteIndex, name, attributes)

    parser.StartElementHandler = start
    try:
        parser.Parse(head, False)
    except _RootFound as found:
        return found.args
    except expat.ExpatError:
        pass  # the parse of the whole stream says what is wrong
    return None


def _declaring(stream: BinaryIO, root: str, undeclared: dict[str, str]) -> BinaryIO | _Declared:
    """The stream, its root's start tag (in its first 64 KiB) declaring each prefix of ``undeclared`` it does not."""
    if not undeclared:
        return stream
    head = stream.read(1 << 16)
    name = root.rpartition("}")[2]
    found = _root_start(head)
    if found and found[1] == name and head.startswith(b"<" + name.encode(), found[0]):  # in an encoding of ASCII's
        at = found[0] + 1 + len(name)
        given = b"".join(
            b' xmlns:%s="%s"' % (prefix.encode(), uri.encode())
            for prefix, uri in undeclared.items()
            if f"xmlns:{prefix}" not in found[2]
        )
        head = head[:at] + given + head[at:]
    return _Declared(head, stream)


def xml_elements(
    inp: Input, root: str, what: str, depth: int, undeclared: dict[str, str] | None = None
) -> Iterator[ET.Element]:
    """Each complete element ``depth`` levels under the export's root element ``root`` (a Disqus export's threads
    and posts, a WordPress export's items in its channel), dropped from the tree after the caller has used it, so
    memory stays bounded by the largest; another root or broken XML stops the input in one line. ``undeclared``:
    namespaces (by prefix) a tool writes without declaring them, declared on the root where it does not."""
    with inp.open() as stream:
        open_: list[ET.Element] = []
        try:
            for event, elem in ET.iterparse(_declaring(stream, root, undeclared or {}), events=("start", "end")):
                if event == "start":
                    if not open_ and elem.tag != root:
                        raise InputError(f"{inp.name}: not {what} (root element {elem.tag})")
                    open_.append(elem)
                    continue
                open_.pop()
                if len(open_) == depth:
                    yield elem
                    open_[-1].clear()  # the elements read
        except ET.ParseError as exc:
            raise InputError(f"{inp.name}: not valid XML ({exc})") from None


_CONTAINERS = frozenset({dict, list})


@dataclass(frozen=True)
class _Rule:
    """Which records ``refuse_unread`` counts (see there)."""

    skip: tuple[str, ...]
    listed: bool


def _strays(value: Any, is_record: Callable[[Any], bool], reached: set[int], rule: _Rule, key: str) -> Iterator[str]:
    """For each record in a JSON value that the reader did not reach, the outermost key under which
    the reader lost track of it: the key below the top level or below the nearest record it read."""
    if isinstance(value, list):
        for child in value:
            if isinstance(child, dict):
                yield from _stray_record(child, is_record, reached, rule, key)
            elif isinstance(child, list):
                yield from _strays(child, is_record, reached, rule, key)
    elif isinstance(value, dict):
        yield from _stray_record(value, is_record, reached, rule, key, listed=False)


def _stray_record(
    value: dict[str, Any],
    is_record: Callable[[Any], bool],
    reached: set[int],
    rule: _Rule,
    key: str,
    listed: bool = True,
) -> Iterator[str]:
    read = id(value) in reached
    if not read and is_record(value) and (listed or not rule.listed):
        yield key or "top level"
    for name, child in value.items():
        if isinstance(child, dict | list) and name not in rule.skip:
            yield from _strays(child, is_record, reached, rule, str(name) if read or not key else key)


def nests(record: dict[str, Any]) -> bool:
    """Whether a JSON object holds an object or an array (its values are of exactly these types)."""
    return not _CONTAINERS.isdisjoint(map(type, record.values()))


def refuse_unread(
    where: str,
    value: Any,
    reached: list[Any],
    is_record: Callable[[Any], bool],
    expects: str,
    *,
    skip: tuple[str, ...] = (),
    listed: bool = False,
) -> None:
    """Stop with one line when a JSON value holds records (``is_record``) that the reader did not
    reach (``reached``), e.g. posts under keys it does not know: half a file is never read silently.

    ``expects`` says where the reader looks for them. ``skip`` names keys whose records are not posts
    of the thread (a crossposted submission, a poll's options); with ``listed`` only records in a
    list count (a row holding a list of rows is a thread; one holding a single object, such as a
    quoted tweet, is one row).
    """
    if len(reached) == 1 and reached[0] is value and isinstance(value, dict) and not nests(value):
        return  # one flat record, read (a dump line): nothing below it to miss
    seen = {id(r) for r in reached}
    strays = Counter(_strays(value, is_record, seen, _Rule(skip, listed), ""))
    if strays:
        keys = ", ".join(f"{n} under '{key}'" for key, n in strays.most_common(3))
        raise InputError(
            f"{where}: {len(seen)} records read, but {strays.total()} more sit where this reader does not "
            f"look ({keys}); it reads {expects}"
        )


class Threads:
    """Per-thread positions as read, and one stub for each thread root and each stated parent not in the input.

    A stub is an Article (a root) or a Comment (a parent below it) with empty text and ``meta["stub"] = True``:
    the comments that answer it keep their exact parent, and a store merging a later real post must not let the
    stub's empty fields overwrite it.
    """

    def __init__(self, inp: Input) -> None:
        self.inp = inp
        self._positions: Counter[str] = Counter()
        self._stubbed: set[str] = set()  # the ids of the stubs made

    def position(self, thread: str) -> int:
        self._positions[thread] += 1
        return self._positions[thread]

    def positions(self, threads: Iterable[str]) -> list[int]:
        """``position`` of each of ``threads`` in turn."""
        counts = self._positions
        out = []
        for thread in threads:
            counts[thread] += 1
            out.append(counts[thread])
        return out

    def stub(
        self,
        platform: str,
        key: str,
        url: str = "",
        where: str = "",
        title: str = "",
        own: str = "",
        reported: bool = True,
        **writer: Any,
    ) -> Iterator[Post]:
        """The stub root for thread ``key`` the first time it is needed, nothing after: no text, the thread's
        ``title`` where the posts name it, and no writer unless the input names it (``writer``: the Post's
        author fields, as ``written_by`` gives them), so that replies to the root still answer someone. Its own id
        is ``own`` where the site shows the thread by less than its key (a forum's topic id without the host).
        Reported as a thread read without its root unless ``reported`` is false (a quoted post's: no thread read)."""
        thread = schema.article_id(platform, key)
        if thread in self._stubbed:
            return
        self._stubbed.add(thread)
        if reported:
            self.inp.report.add(MISSING_ROOT, where)
        yield Post(
            id=thread,
            thread=thread,
            is_article=True,
            text="",
            platform=platform,
            source=self.inp.name,
            title=title,
            source_id=own or key,
            url=url,
            meta={"stub": True},
            **writer,
        )

    def parent(self, platform: str, thread: str, key: str, where: str, url: str = "", **writer: Any) -> Iterator[Post]:
        """The stub of a stated parent ``key`` of ``thread`` not in the input, the first time it is needed, and the
        answer ``where`` reported as one whose parent is not in the input (after the stub, so that a repeat of
        the answer takes its report back): the answer keeps its exact parent, ``schema.post_id(platform, thread,
        key)``, not its thread's root, and a later input holding the parent fills the stub. No text, no parent of
        its own (the input does not say what it answers) and no writer unless the input names it (``writer``)."""
        post = schema.post_id(platform, thread, key)
        if post not in self._stubbed:
            self._stubbed.add(post)
            yield Post(
                id=post,
                thread=thread,
                is_article=False,
                text="",
                platform=platform,
                source=self.inp.name,
                source_id=key,
                url=url,
                meta={"stub": True},
                **writer,
            )
        self.inp.report.add(MISSING_PARENT, where)

    def answered(
        self, platform: str, thread: str, key: str | None, present: bool, where: str, url: str = "", **writer: Any
    ) -> Generator[Post, None, str]:
        """The graph id of what a post states it answers, returned after the posts to read before it: its thread's
        root when ``key`` is None (a top-level post), else the post ``key`` of ``thread``, whose stub (``parent``,
        with ``url`` and ``writer``) comes first when it is not ``present`` in the input. So every stated parent is
        kept exactly, never guessed at: ``parent = yield from threads.answered(...)``."""
        if key is None:
            return thread
        if not present:
            yield from self.parent(platform, thread, key, where, url, **writer)
        return schema.post_id(platform, thread, key)


class Ancestry(Generic[K]):
    """Each record's parent id (and its thread root's id when the input names it), from a first pass.

    Holds ids only, so a pass over a large input stays small, and finds a record's thread root:
    the named root, else the top of its chain of parents. When the chain leaves the input at a
    record M, M is the root and not in the input (a stub stands in for it).
    """

    def __init__(self) -> None:
        self.parent: dict[K, K | None] = {}
        self.named_root: dict[K, K] = {}
        self._roots: dict[K, tuple[K, bool]] = {}  # each key a walk passed, so a deep chain is walked once

    def add(self, key: K, parent: K | None, root: K | None = None) -> None:
        self.parent.setdefault(key, parent)
        if root is not None:
            self.named_root.setdefault(key, root)
        if self._roots:
            self._roots.clear()

    def __contains__(self, key: object) -> bool:
        return key in self.parent

    def root(self, key: K) -> tuple[K, bool]:
        """The thread root's id and whether that root is in the input. A chain that loops has no root: each key on
        the loop is its own (not in the input), and a key leading into it has the key where it enters."""
        path: list[K] = []
        at: dict[K, int] = {}
        while True:
            if key in self._roots:
                found = self._roots[key]
                break
            if key in at:
                loop = at[key]
                self._roots.update((k, (k, False)) for k in path[loop:])
                del path[loop:]
                found = key, False
                break
            at[key] = len(path)
            path.append(key)
            if key in self.named_root:
                root = self.named_root[key]
                found = root, root in self.parent
                break
            up = self.parent.get(key)
            if up is None:
                found = key, True
                break
            if up not in self.parent:
                found = up, False
                break
            key = up
        self._roots.update(dict.fromkeys(path, found))
        return found
