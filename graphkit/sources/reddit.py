"""Reader for Reddit: the API's comment-page JSON and dump NDJSON (one comment or submission a line).

A comment page is ``[submission listing, comment listing]`` with replies nested under
``replies`` ("" when none); ``more`` stubs (comments the page left out) are counted in the
report. The answer to ``/api/morechildren`` (``{"json": {"data": {"things": [...]}}}``) holds
the comments behind such stubs. A dump line is a flat object (``id``, ``parent_id`` t1_/t3_,
``link_id``, ``author``, ``body``, ``created_utc``, ``subreddit``; submissions have ``title``/
``selftext``/``url``), or an API "thing" (``{"kind": "t1", "data": {...}}``). Scripts that save a comment's
fields one by one may leave out ``link_id``: such a comment's thread is the submission its chain of parents reaches
(a ``t3_`` parent, or a comment of the input that states its link_id), and one whose chain reaches none is skipped
and reported (``UNPLACED``). Such scripts may save a submission's text as ``content`` (or, with neither
field, as ``text``), its id as ``post_id`` and a deleted writer as ``None`` without ``author_fullname``
(``NONE_WRITER``).

Parents: in a dump, a child may come before its parent, so the reader passes over the file
twice. The first pass keeps only the fullnames it sees (ids, not posts, so memory stays
bounded) and checks that the file is Reddit data before anything is yielded; the second yields
posts. A parent comment not in the file gives one stub comment of its thread, and a submission not
in the file one stub root (see ``_shared.Threads``), so every comment keeps its exact parent.
"""

from __future__ import annotations

import functools
import html
import re
from collections.abc import Callable, Generator, Iterator
from dataclasses import replace
from typing import Any

from .. import schema
from ..errors import InputError
from ..records import Post
from . import MALFORMED, MORE_COMMENTS, MORE_STUBS, Format, Input, Report, register
from ._shared import BAD_DATA, GONE, Threads, json_values, nests, refuse_unread, utc_iso

__all__ = [
    "FORMAT",
    "NONE_WRITER",
    "PLATFORM",
    "SITE",
    "EXPECTS",
    "UNPLACED",
    "author_name",
    "bare_id",
    "clean_record",
    "comment_parent",
    "comment_stub",
    "comment_text",
    "comment_thread",
    "comment_url",
    "flat_kind",
    "is_record",
    "post_url",
    "submission_fields",
    "submission_text",
    "thread_stub",
]

PLATFORM = "reddit"
SITE = "https://www.reddit.com"
EXPECTS = (
    "listings (replies under 'replies'), morechildren answers, things (kind, data) or flat comments and submissions"
)

# what a script that saves ``str(comment.author)`` writes for a deleted account (PRAW gives no writer for one), as
# Reddit's own words (``GONE``) are: no writer, only in a record without author_fullname, which Reddit's API gives an
# existing account's posts, so an account so named keeps its posts
NONE_WRITER = "None"

# a comment saved without link_id whose parents do not lead to a submission: its thread cannot be told
UNPLACED = "comments without link_id skipped (their chain of parents reaches no t3_ submission)"


def _things(value: Any) -> Iterator[tuple[str, Any]]:
    """(kind, data) for every thing in a JSON value, in reading order; kind "bad" if unrecognised.
    Replies are walked with a stack, not recursion, so a reply chain of any depth reads."""
    stack = [value]
    while stack:
        value = stack.pop()
        if isinstance(value, list):
            stack.extend(reversed(value))
            continue
        if not isinstance(value, dict):
            yield "bad", value
            continue
        kind = value.get("kind")
        data = value.get("data")
        response = value.get("json")
        if isinstance(response, dict) and isinstance(response.get("data"), dict):
            # /api/morechildren: the comments a "more" stub stood for, as a flat list of things
            stack.append(response["data"].get("things") or [])
        elif kind == "Listing" and isinstance(data, dict) and isinstance(data.get("children"), list):
            stack.append(data["children"])
        elif kind in ("t1", "t3", "more") and isinstance(data, dict):
            yield kind, data
            if kind == "t1" and data.get("replies"):
                stack.append(data["replies"])
        elif "parent_id" in value and ("link_id" in value or "body" in value):
            yield "t1", value
        elif "title" in value and ("subreddit" in value or str(value.get("name", "")).startswith("t3_")):
            yield "t3", value
        else:
            yield "bad", value


def flat_kind(value: Any) -> str | None:
    """The kind of a dump line that ``_things`` reads as one flat comment ("t1") or submission ("t3"), found
    without walking it (most lines of a dump); None for anything else, which ``_things`` walks."""
    if type(value) is not dict or "kind" in value or "json" in value:
        return None
    if "parent_id" in value and "link_id" in value:
        return "t1"
    return "t3" if "title" in value and "subreddit" in value else None


def is_record(value: Any) -> bool:
    """A comment or submission, wherever it sits: what ``_things`` must reach."""
    return isinstance(value, dict) and (
        ("parent_id" in value and ("link_id" in value or "body" in value))
        or ("title" in value and "subreddit" in value)
    )


# an id as Reddit gives it: base 36, lower case; of a thing since Reddit's first months, with a letter among its digits
_REDDIT_ID = re.compile(r"[0-9a-z]*[a-z][0-9a-z]*")


def bare_id(fullname: str) -> str:
    """A thing's id without its kind's prefix ("t1_", "t3_")."""
    return fullname[3:] if fullname[:3] in ("t1_", "t3_") else fullname


def author_name(data: dict[str, Any]) -> str | None:
    """The writer's name, None for a deleted or missing one (``NONE_WRITER``)."""
    name = data.get("author")
    if not isinstance(name, str) or not name or name in GONE:
        return None
    return None if name == NONE_WRITER and not data.get("author_fullname") else name


def _meta(data: dict[str, Any]) -> dict[str, Any]:
    meta: dict[str, Any] = {"subreddit": data.get("subreddit", "")}
    if data.get("edited"):
        meta["edited"] = utc_iso(data["edited"]) if data["edited"] is not True else True
    return meta


def post_url(data: dict[str, Any], fallback: str) -> str:
    """The post's address: its permalink, else ``fallback`` on the site."""
    link = data.get("permalink") or ""
    return SITE + link if link.startswith("/") else link or SITE + fallback


def submission_text(data: dict[str, Any], sid: str) -> tuple[str, bool]:
    """A submission's text (its self text, or the "content" or, with neither, the "text" a script saves it as; then
    the link it posts, escaped for HTML as Reddit's API and the dumps keep it: "&amp;" between its parameters) and
    whether its text was deleted."""
    body = data.get("selftext") or data.get("content") or ""
    if not body and data.get("selftext") is None and data.get("content") is None and type(data.get("text")) is str:
        body = data["text"]
    deleted = body in GONE
    text = "" if deleted else html.unescape(body)
    link = html.unescape(data.get("url") or "")
    if link and f"/comments/{sid}" not in link and not data.get("is_self"):
        text = f"{text}\n\n{link}" if text else link
    return text, deleted


def comment_text(data: dict[str, Any]) -> tuple[str, bool]:
    """A comment's text and whether it was deleted."""
    body = data.get("body") or ""
    deleted = body in GONE
    return "" if deleted else html.unescape(body), deleted


def submission_fields(data: dict[str, Any]) -> tuple[str, str, str, bool, str, str]:
    """A submission's id, thread, text, whether its text was deleted, title and url, as its post holds them (the
    reader's posts and the columns alike)."""
    sid = _ident(data, "t3")
    if sid is None:
        raise ValueError("a submission without an id")  # reported as a malformed record by the reader
    text, deleted = submission_text(data, sid)
    title = html.unescape(data.get("title") or "")
    return sid, schema.article_id(PLATFORM, sid), text, deleted, title, post_url(data, f"/comments/{sid}/")


def comment_thread(data: dict[str, Any]) -> tuple[str, str]:
    """A comment's thread: its submission's id and the thread's graph id."""
    link = bare_id(str(data["link_id"]))
    return link, schema.article_id(PLATFORM, link)


def comment_stub(data: dict[str, Any], known: set[str], threads: Threads, where: str) -> Iterator[Post]:
    """The stub root to read before a comment whose thread's root is not among the fullnames ``known``, the first
    time its thread needs one (reported)."""
    link, _ = comment_thread(data)
    yield from thread_stub(link, known, threads, where)


def thread_stub(link: str, known: set[str], threads: Threads, where: str) -> Iterator[Post]:
    """The stub root of the thread of submission ``link`` when its root is not among the fullnames ``known``, the
    first time a comment needs one (reported)."""
    if f"t3_{link}" not in known:
        yield from threads.stub(PLATFORM, link, f"{SITE}/comments/{link}/", where)


def comment_parent(data: dict[str, Any], known: set[str], threads: Threads, where: str) -> Generator[Post, None, str]:
    """What a comment states it answers, its thread's root or the comment named, after that comment's stub when it
    is not among the fullnames ``known`` (``Threads.answered``; the answer reported as one whose parent is not in the
    input)."""
    parent_full = str(data["parent_id"])
    link, thread = comment_thread(data)
    key = bare_id(parent_full) if parent_full.startswith("t1_") else None  # t3_: its submission
    url = comment_url({}, link, key) if key else ""
    return (yield from threads.answered(PLATFORM, thread, key, parent_full in known, where, url))


def comment_url(data: dict[str, Any], link: str, cid: str) -> str:
    """A comment's address: its permalink, else the one its thread ``link`` and id make."""
    return post_url(data, f"/comments/{link}/_/{cid}/")


def _submission(data: dict[str, Any], source: str) -> Post:
    sid, thread, text, deleted, title, url = submission_fields(data)
    return Post(
        id=thread,
        thread=thread,
        is_article=True,
        text=text,
        platform=PLATFORM,
        source=source,
        author=author_name(data),
        title=title,
        created=utc_iso(data["created_utc"]),
        source_id=sid,
        url=url,
        deleted=deleted,
        meta=_meta(data),
    )


def _comment(data: dict[str, Any], known: set[str], threads: Threads, where: str) -> Iterator[Post]:
    inp = threads.inp
    cid = str(data["id"])
    link, thread = comment_thread(data)
    created = utc_iso(data["created_utc"])
    yield from comment_stub(data, known, threads, where)
    parent = yield from comment_parent(data, known, threads, where)
    text, deleted = comment_text(data)
    yield Post(
        id=schema.post_id(PLATFORM, thread, cid),
        thread=thread,
        is_article=False,
        text=text,
        platform=PLATFORM,
        source=inp.name,
        author=author_name(data),
        parent=parent,
        position=threads.position(thread),
        created=created,
        source_id=cid,
        url=comment_url(data, link, cid),
        deleted=deleted,
        meta=_meta(data),
    )


def _submissions(parents: dict[str, str], ends: dict[str, str]) -> dict[str, str]:
    """Each comment saved without link_id (its id -> its parent's fullname) -> the id of the submission its chain of
    parents reaches: a ``t3_`` parent, or a comment of ``ends`` (its id -> its submission's id) the chain leaves
    these comments at; a chain that leaves them at another comment, or loops, reaches none. Each comment is walked
    once: a chain's end is remembered, reached or not."""
    found: dict[str, str] = {}  # "" for a comment whose chain reaches no submission
    for start in parents:
        chain: list[str] = []
        on_chain: set[str] = set()
        key = start
        while key in parents and key not in found and key not in on_chain:
            chain.append(key)
            on_chain.add(key)
            up = parents[key]
            if up.startswith("t3_"):
                link = up[3:]
                break
            key = bare_id(up)
        else:
            link = found.get(key) or ends.get(key, "")
        found.update(dict.fromkeys(chain, link))
    return {key: link for key, link in found.items() if link}


def _ident(data: dict[str, Any], kind: str) -> str | None:
    """A thing's id without its kind's prefix, a number read as its digits; None when it has no id. A submission a
    script saved field by field may keep its id as "post_id" (a comment's names its submission, not itself), maybe
    beside an "id" of the script's own (its row's number, or null): the id Reddit gave wins, its fullname ("name",
    "t3_…"), else an id of Reddit's shape (``_REDDIT_ID``: a number is a script's), else the first given."""
    name = data.get("name")
    if isinstance(name, str) and name.startswith(f"{kind}_") and _REDDIT_ID.fullmatch(name[3:]):
        return name[3:]
    given = [
        bare_id(str(ident))
        for ident in (data.get("id"), data.get("post_id") if kind == "t3" else None)
        if type(ident) in (str, int) and ident != ""
    ]
    return next((ident for ident in given if _REDDIT_ID.fullmatch(ident)), given[0] if given else None)


def _known(inp: Input) -> tuple[set[str], dict[str, str]]:
    """Fullnames of the things in the input, and the submission of each comment saved without link_id
    (``_submissions``); the first value must be Reddit data."""
    known: set[str] = set()
    parents: dict[str, str] = {}
    # bad lines are reported by the second pass, not twice
    for number, (line, value) in enumerate(json_values(replace(inp.aside(), report=Report()))):
        flat = flat_kind(value)
        if flat and not nests(value):  # one flat record: nothing below it to miss
            if ident := _ident(value, flat):
                known.add(f"{flat}_{ident}")
            continue
        kinds = set()
        reached = []
        for kind, data in _things(value):
            kinds.add(kind)
            if kind != "bad":
                reached.append(data)
            if kind in ("t1", "t3") and (ident := _ident(data, kind)):
                known.add(f"{kind}_{ident}")
                if kind == "t1" and "link_id" not in data and isinstance(data.get("parent_id"), str):
                    parents[ident] = data["parent_id"]
        where = f"{inp.name}:{line}" if line else inp.name
        refuse_unread(where, value, reached, is_record, EXPECTS, skip=("crosspost_parent_list",))
        if number == 0 and not kinds & {"t1", "t3", "more"}:
            raise InputError(f"{inp.name}: not Reddit JSON (no submission, comment or listing found)")
    ends = {bare_id(up) for up in parents.values() if up.startswith("t1_") and up in known} - parents.keys()
    return known, _submissions(parents, _links(inp, ends) if ends else {})


def _links(inp: Input, ids: set[str]) -> dict[str, str]:
    """The submission's id of each comment of ``ids`` that states it (link_id): where chains of comments saved
    without link_id leave them, one more pass, made only when a chain ends at a comment in the input."""
    links: dict[str, str] = {}
    for _, value in json_values(replace(inp.aside(), report=Report())):
        flat = flat_kind(value)
        for kind, data in ((flat, value),) if flat else _things(value):
            if kind == "t1" and isinstance(data.get("link_id"), str) and (ident := _ident(data, kind)) in ids:
                links.setdefault(ident, bare_id(data["link_id"]))
    return links


def _read(inp: Input) -> Iterator[Post]:
    known, links = _known(inp)
    threads = Threads(inp)
    for line, value in json_values(inp):
        yield from _posts(inp, line, value, known, threads, lambda: links)


def _posts(
    inp: Input, line: int, value: Any, known: set[str], threads: Threads, links: Callable[[], dict[str, str]]
) -> Iterator[Post]:
    """The posts of one JSON value (of line ``line``, 0 for a whole document); malformed records reported.
    ``links`` gives the submission of each comment saved without link_id (``_known``)."""
    flat = flat_kind(value)
    for place, (kind, data) in enumerate(((flat, value),) if flat else _things(value), 1):
        if line:
            where = f"{inp.name}:{line}"
        else:  # by its id, else by its place among the document's records
            where = f"{inp.name}#{(isinstance(data, dict) and (data.get('name') or _ident(data, kind))) or place}"
        try:
            if kind == "more":
                inp.report.add(MORE_STUBS, f"{inp.name}#{data.get('parent_id', '?')}")
                if hidden := data.get("count") or len(data.get("children") or ()):
                    inp.report.add(MORE_COMMENTS, n=int(hidden))
            elif kind == "t3":
                yield _submission(data, inp.name)
            elif kind == "t1" and "link_id" not in data and isinstance(data.get("parent_id"), str):
                if link := links().get(bare_id(str(data["id"]))):
                    yield from _comment({**data, "link_id": link}, known, threads, where)
                else:
                    inp.report.add(UNPLACED, where)
            elif kind == "t1":
                yield from _comment(data, known, threads, where)
            else:
                inp.report.add(MALFORMED, where)
        except BAD_DATA:
            inp.report.add(MALFORMED, where)


def _time(value: Any) -> bool:
    """Whether ``utc_iso`` reads ``value`` without raising, told from its type and range alone."""
    kind = type(value)
    if kind is int or kind is float:
        return 0 <= value < 100_000_000_000
    return kind is str and len(value) <= 11 and value.isascii() and value.isdigit()


def clean_record(kind: str, data: dict[str, Any]) -> bool:
    """Whether the flat record ``data`` of ``kind`` makes its post without raising: each field the post makers
    read of the type they read it as, a text a string or falsy (taken as ""), so its post's id and writer can be
    told without making it. Written out field by field: the read-ahead asks it of every line."""
    get = data.get
    if type(get("id")) is not str or not _time(get("created_utc")):
        return False
    edited = get("edited")
    if edited and edited is not True and not _time(edited):
        return False
    if type(get("permalink") or "") is not str:
        return False
    if kind == "t1":
        return type(get("link_id")) is str and type(get("parent_id")) is str and type(get("body") or "") is str
    if type(get("selftext") or "") is not str or type(get("content") or "") is not str:
        return False
    return type(get("url") or "") is str and type(get("title") or "") is str


def _writers(inp: Input) -> Iterator[tuple[str, str | None, str]]:
    """(post id, author, platform) of each post ``_read`` yields but stub roots, in order, from one reading:
    a clean flat record (most lines of a dump) is not made into a post, any other value is read as ``_read``
    reads it (a parent's presence changes no post's id or writer, so nothing is read ahead but the submissions of
    comments saved without link_id, which their ids hold)."""
    threads = Threads(inp)
    links = functools.cache(lambda: _known(inp)[1])  # read ahead only for a comment saved without link_id
    for line, value in json_values(inp):
        flat = flat_kind(value)
        if flat and clean_record(flat, value):
            if flat == "t1":
                thread = schema.article_id(PLATFORM, bare_id(value["link_id"]))
                yield schema.post_id(PLATFORM, thread, value["id"]), author_name(value), PLATFORM
            else:
                yield schema.article_id(PLATFORM, bare_id(value["id"])), author_name(value), PLATFORM
            continue
        for post in _posts(inp, line, value, set(), threads, links):
            if not post.meta.get("stub"):
                yield post.id, post.author, post.platform


def _sniff(head: bytes) -> bool:
    """Reddit's things (a t1_ or t3_ name), or submissions a script saved field by field without one (a title, a
    subreddit and Reddit's time field, their text in a field the reader reads, selftext or content; no comment's
    body): a script's own names for the text ("text") or rows of comments beside their submission's title, with no
    parent named, are a table's, whose columns keep every text."""
    start = head.lstrip()[:1]
    if start not in (b"{", b"[") or b'"subreddit"' not in head:
        return False
    if b'"t3_' in head or b'"t1_' in head:
        return True
    if b'"selftext"' not in head and b'"content"' not in head:
        return False
    return b'"title"' in head and b'"created_utc"' in head and b'"body"' not in head


FORMAT = register(
    Format(
        "reddit",
        "Reddit API comment pages ([submission listing, comment listing], replies nested), morechildren answers, "
        "or dump NDJSON (one comment or submission a line: id, parent_id, link_id, author, body)",
        _sniff,
        _read,
        writers=_writers,
    )
)
