"""Reader for CSV and JSONL written by other collection tools, with a column mapping.

Each row is one post. The columns are found by common names (``DEFAULTS``) or named with the
``--map id=…,parent=…,thread=…,author=…,text=…,time=…`` option (also ``title``, ``url``, ``platform``, ``depth``
and ``account``, what tells writers apart beside the name shown, as a Disqus account's user name does, and names the
writer where no name is given; in JSONL a dotted name reaches into nested objects, e.g. ``author=user.name``).
``platform`` names a column, or else is the platform itself (default "tabular"; "disqus" for the Disqus API's posts,
so they are the posts, threads and writers of that forum's export). Times may be unix seconds (or milliseconds, a
number of 13 digits) or ISO strings, maybe with a zone after them ("2021-02-28 22:00:19 EST", as CrowdTangle writes
them); a time that does not read leaves its row undated, counted in the report. Reddit fullname prefixes (``t1_``,
``t3_``) are dropped from ids so a Reddit export keeps Reddit's ids. A table with no id column (a script that flattened
yt-dlp's comments without theirs, a scraper of a page that shows none) is read by its rows' places (``_Places``), as
the report says: where it keeps each comment's depth ("indent"), each row answers the nearest row above it less
indented, the page's own tree, stated, not inferred. Where a row names a parent, or in JSON an id, the rows are
known by ids, under a column the reader does not know: the table is refused, as one with no id column at all is,
since every parent it names would be a stub, naming the column to map, or ``--map parent=`` (the parents read from no
column: what each row answers inferred) where no column gives ids. A column mapped need not be in a JSON table's
first row: rows vary, and one without the id mapped is a malformed record.

A row is a thread root when its id equals its thread, or when it has neither thread nor parent, unless the file is
one thread (``--map thread=@file``, or the rows of a table of yt-dlp's comments naming no video: ``_one_thread``),
whose root is a stub known by the file's contents, or by the key the user gives it (``--map thread=@file:KEY``: the
same video's comments fetched again are the same thread). In a file with no
parent column, or one no row fills (decided for the file: a tool that keeps parents may have a thread of top-level
comments only), what a comment answers is not stated, so extraction infers it (a comment export of id, thread and text
may hold replies to other comments); an empty cell of a parent column states a top-level comment, and so do a
parent that stands for none where no row has it as id (``_NO_PARENT``: 4chan's ``resto: 0``, yt-dlp's "root") and a
parent column mapped to the thread's (``--map parent=link_id``: every comment answers its thread's root).
A row with a thread and no parent answers the root, unless the file is a list of threads' first posts (every thread
stated has one row and no row is any thread's root) and the row gives its thread's title as it is, not as a reply's
("Re: …"): then it is the thread's first post, its root (a forum's list of recent posts shows a new thread's first post
so, with no replies yet; a comment export's lone comment on a thread stays a comment). Any other thread whose root no
row holds has a stub root, as every reader gives a thread read without its root, titled by the first title its rows
give, as it is where another row gives it without a reply's prefix ("Re: Parks" and "Parks": Parks), no text, found
at what the rows give of their thread's root's address (PRAW's ``link_permalink``). A stated parent no row holds, in a
thread a row names, is a stub comment of that thread, so the row answers it exactly. A stub has no writer: a row names
its thread's or parent's writer (``link_author``, a tweet's ``in_reply_to_user_id``) by what need not tell writers
apart as its own writer column does (a v1.1 tweet's writer is its screen name, its parent's an account id), and a
writer named so would stay beside the real one, or name it, when a later input holds the post. A tweet quotes the
tweets its ``referenced_tweets`` name "quoted", each a stub of a thread of its own where the file does not hold it;
a line of twarc2's, one API response (or one saved indented), is read as its tweets and those it includes (none in
an error response twarc2 wrote among them, reported), once however many lines or files
include or give them, as given where one gives it (``_tweet_page``, ``_INCLUDED``, ``_copies``), and a 4chan thread's
answer as its posts, their columns known by their shape (``_CHAN_POST``), each post answering the first post of its
thread it links to (">>N") posted before it and quoting the others, what one linking to none answers inferred
(``_quotelinks``); a post of values of other types than 4chan's is a malformed record (``_chan_malformed``).
Rows may come in any order, so a first pass keeps only each row's id, parent and thread (``_shared.Ancestry``) and each
thread's title, and checks the columns before anything is yielded. Where no parent column states what a comment
answers, inference sees only the comments read before one, so a thread whose rows come out of time order (a table saved
newest first) is read oldest first: the first pass keeps each thread's row count and latest time, and the second holds
such a thread's rows, no other's, until its last row is read (one thread at a time where rows are grouped by thread,
every such thread's where they interleave). A comment with an empty (or "[deleted]") text is kept
as deleted, since replies may hang on it. A text reads as its page showed it: tools write HTML (HN) or text escaped for
HTML (Reddit's API).
"""

from __future__ import annotations

import codecs
import csv
import dataclasses
import hashlib
import json
import re
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass, replace
from typing import Any

from .. import schema
from ..errors import InputError
from ..records import Post, Stated
from . import MALFORMED, SPAM, Format, Input, Report, register
from ._shared import (
    BAD_DATA,
    GONE,
    Ancestry,
    Threads,
    file_digest,
    json_values,
    named,
    refuse_unread,
    shown_text,
    utc_iso,
)
from .disqus import PLATFORM as DISQUS
from .disqus import guest_key, whole_address
from .error_responses import is_error
from .reddit import NONE_WRITER

__all__ = [
    "FORMAT",
    "FIELDS",
    "BY_PLACE",
    "DEFAULTS",
    "EMPTY_PARENT",
    "ERROR_RESPONSE",
    "FILE_THREAD",
    "NO_WRITER",
    "ONE_THREAD",
    "UNREAD_OWN_THREAD",
    "UNREAD_PARENT",
    "UNREAD_POST",
    "UNREAD_THREAD",
    "UNREADABLE_TIME",
    "parse_mapping",
]

DEFAULTS: dict[str, tuple[str, ...]] = {
    "id": ("id", "post_id", "comment_id", "message_id"),
    "parent": (
        "parent",
        "parent_id",
        "parentId",
        "parent_comment_id",
        "reply_to",
        "reply_to_id",
        "in_reply_to",
        "in_reply_to_id",
    ),
    # a comment export's video (yt-dlp's info.json names its video "id", which a script flattening the comments
    # writes beside each as "video_id", its title "video_title"); a tweet's conversation as snscrape's and twscrape's
    # JSON lines name it, "conversationId" (the API's "conversation_id")
    "thread": ("thread", "thread_id", "link_id", "story_id", "conversation_id", "conversationId", "video_id"),
    # CrowdTangle's reports name a post's page "Page Name", as Facebook shows it over the post; a writer's object
    # flattened into columns (pandas' json_normalize of PRAW's Redditor: "author.name") or reached in JSON rows. Each
    # row's writer is the first of them it fills: json_normalize writes "author" (empty) beside "author.name" when some
    # rows' author is null, and a table may mix tweets of API v2 ("author") and v1.1 ("user")
    "author": ("author", "user", "username", "user_name", "author_name", "by", "page name", "author.name"),
    # what tells writers apart beside the name shown, or names the writer where nothing else does: only where the
    # table is shaped as one that gives it (``_shaped``), else by --map ("account_id" may be an advertiser's)
    "account": (),
    "text": ("text", "body", "content", "message", "comment"),
    # "createdAt": the Disqus API's posts, and other JavaScript tools' objects, name their time in camel case
    "time": ("time", "created", "created_utc", "created_at", "createdAt", "timestamp", "date"),
    "title": ("title", "subject"),
    # the title of a row's thread, as a comment export writes it beside each comment (PRAW's submission title,
    # "link_title"): the title of the thread's stub root, never a row's own (a lone comment so titled stays a comment)
    "thread_title": ("link_title", "thread_title", "video_title"),
    # where the thread's root is, as PRAW's comments carry their submission's: the address of the thread's stub root
    "thread_url": ("link_permalink", "thread_url"),
    "url": ("url", "link", "permalink"),
    "platform": ("platform",),
    # a comment's depth as its page indents it (0 for a top-level comment), read where no column gives ids (``_Places``)
    "depth": ("depth", "indent"),
}
FIELDS = tuple(DEFAULTS)
_PLATFORM = "tabular"
_FULLNAME = re.compile(r"^t[1-6]_")
_REPLY_PREFIX = re.compile(r"^(?:re|aw|sv|fwd?)\s*:", re.I)  # "Re: Budget vote", a reply's title
_HEADER_NAME = re.compile(r"\w[\w .-]*")
_KEY = re.compile(r'"(\w+)"\s*:')  # a key of a JSON object, as ``_sniff`` finds them in an input's head
_MANY_NAMES = 5  # names of a CSV header from which a few may have marks (``_sniff``)
# a Pleroma chat's message (/api/v1/pleroma/chats/ID/messages): its chat the thread, its account the writer
_CHAT_MESSAGE = frozenset({"chat_id", "account_id", "unread"})
# a tweet as Twitter's API v2 gives it: its writer the account author_id, its conversation the thread, and the tweet it
# answers the one its referenced_tweets name as "replied_to" (``_REPLIED_TO``; a quote's or retweet's is no parent).
# In JSON, as v1.1 gives it too: its writer its "user" object, the tweet it answers in_reply_to_status_id_str. A table
# may hold both: each row is read by what it holds, whichever its first row is
_TWEET = frozenset({"author_id", "conversation_id"})
# a post as the Disqus API gives it (posts/list, threads/listPosts, users/listPosts): its writer's object "author", an
# account told apart by its user name whatever name it shows, as the Disqus reader tells an export's accounts apart (a
# guest, "isAnonymous", has none: the guest of the name typed, never an account of that name). Its marks read as the
# Disqus reader reads an export's: a post marked spam is skipped (its words and writer stay out), one deleted keeps no
# words. Its thread is its id, or, asked for (related=thread), the thread's object: id, title and link. Its platform
# is the Disqus reader's (``_DISQUS_ROW``), so an account, a guest, a post and a thread are the nodes a forum's export
# makes of them: Disqus numbers posts and threads alike in both, and a guest is told apart as in an export, by the
# address left where the API gives it whole ("author.email", ``disqus.guest_key``), else by the name typed
_DISQUS_POST = frozenset({"forum", "thread", "raw_message"})
_DISQUS_FIELDS = (
    ("guest", "author.isAnonymous"),
    ("spam", "isSpam"),
    ("deleted", "isDeleted"),
    ("email", "author.email"),
)
# the platform column of a Disqus API post's table: "disqus" in a row shaped as the API's post (``_get``)
_DISQUS_ROW = "#disqus"
_TWEET_V1 = frozenset({"id_str", "in_reply_to_status_id_str"})
# a post of 4chan's API, as a thread's answer (/BOARD/thread/N.json, ``{"posts": [...]}``) gives it: its number "no",
# its thread's opening post's "resto" (0 on the opening post: no parent), its HTML "com" (none on a post of an image
# alone), subject "sub", name shown "name" ("Anonymous" on most boards) and, on boards that show one, the poster's id
# in the thread, "id", which tells anonymous posters apart: the writer's account, never the post's id. "resto" places
# a post in its thread, not under the post it answers: that is the post its "com" links to as ">>N" (``_QUOTELINK``)
_CHAN_POST = frozenset({"no", "resto"})
# a link of a 4chan post to a post of its own thread, as the board writes it, or to a post since deleted (a "deadlink"
# span, no address); one to another thread's post names that thread's page in its address (">>>/board/N",
# "/board/thread/M#pN") and answers nothing here
_QUOTELINK = re.compile(r'<a href="#p(\d+)" class="quotelink">|<span class="deadlink">&gt;&gt;(\d+)</span>')
# the field, beside those mapped, under which a 4chan post's columns give its text with its links (``_quotelinks``)
_LINKS = "quotelinks"
_CHAN_COLUMNS = (
    ("id", "no"),
    ("parent", "resto"),
    ("text", "com"),
    ("author", "name"),
    ("title", "sub"),
    ("account", "id"),
)
# the fields of a 4chan post that are strings where given (its poster's id, name, tripcode, subject, text); its
# number and its thread's, "no" and "resto" (``_CHAN_POST``), are whole numbers
_CHAN_STRINGS = ("id", "name", "trip", "sub", "com")
# a 4chan poster's id names them in one thread only (the board gives another in each thread, and two threads' posters
# may draw the same): the account of a 4chan post is its id in its thread ("570368/Bg9BS7Xl")
_POSTER = "#poster"
_REPLIED_TO = "#replied_to"
# marks a tweet a response includes (``_tweet_page``): one of the responses' own tweets, or one included before, is
# not read again (pages of a search include the tweets other pages give, and a copy is no duplicate record)
_INCLUDED = "#included"
# a writer's object under a writer column (twarc2's expanded "author", v1.1's "user", a JSON row's {"name": …}): its
# name, else its handle, stands for it; its handle is the writer's handle
_NAMED = ("name", "username", "screen_name")
_HANDLES = ("username", "screen_name")
_MAY_BE_PARENT = re.compile(r"parent|reply", re.I)
# a file with no parent column found may state parents under a name not among the defaults: said, not guessed
UNREAD_PARENT = "columns that may state a comment's parent left unread (name one with --map parent=COLUMN)"
# such a column of a table of comments (its ids "comment_id") naming a post ("parent_post_id"): the post the comments
# are on, their thread; mapped as their parent, it would state every comment a top-level one
UNREAD_POST = "columns that may name a comment's thread left unread (name one with --map thread=COLUMN)"
_POST = re.compile(r"post", re.I)
# a table no row of which holds a writer column: every post is unsigned, which a reader of the load must know
NO_WRITER = "tables with no writer column, so no post has a writer (name one with --map author=COLUMN)"
# a parent column no row fills (a crawler that kept no parents) states nothing: what comments answer is inferred
EMPTY_PARENT = "parent column empty in every row, so what each comment answers is inferred"
# rows that name no thread but share a url (the page a scraper read them from): said, not guessed, as a url column
# holds each post's own link as often
UNREAD_THREAD = "url columns that rows naming no thread share, left unread (name one with --map thread=COLUMN)"
# an API's error response among the responses a collector wrote, twarc2's lines (a lookup of deleted tweets), holds
# no post: said with its place, as twarc2 says it when it writes it, and the responses around it read
ERROR_RESPONSE = "API error responses among the responses, holding no post"
# a table with no id column is read by its rows' places (``_Places``): a file read again gives the same posts, but a
# file scraped again, its rows moved by comments added or removed, gives others; a reader of the load must know
BY_PLACE = "tables with no id column, their rows known by their places in the file (a file scraped again won't match)"
# a row whose time does not read (a zone naming several, "CST"; a form no reader knows) is kept undated and counted
UNREADABLE_TIME = "rows undated, unreadable time in column {column}"
# the fields a mapped column must be found for in some row, with what a row gives there: a column no row fills with
# an id, or in JSON a text column no row has (a name misspelt), would load every post without its id or text; a text
# column every row leaves empty is a table of link posts (titles and urls: Hacker News link stories), read as it is
_MAPPED_IN_ROWS = {"id": "an id", "text": "a text"}
_EXPECTS = "one post a row: JSON lines, or a JSON list of objects, each with an id and a text"
# parents that say "none" (4chan's ``resto: 0`` on a thread's opening post, a script's str(None)): no parent, unless
# a row has that id
_NO_PARENT = frozenset({"0", "null", "none", "nan", "root"})
# the thread mapped to the file (``--map thread=@file``): each file's rows one thread, its root the file's page (a stub
# known by the file's contents, or by the key after "@file:"), as one post's comments saved without its id are (an
# Instagram comments export). Not "@KEY": a column's name may begin with "@" (JSON-LD's "@type")
FILE_THREAD = "@file"
# the columns' entry naming the file's thread where the file is one thread (``_one_thread``): the key mapped, or none
# for the file's contents' (``_FilePage``)
_FILE = "#file"
# a comment as yt-dlp gives it (``--write-comments``), as a script flattening a video's comments writes its fields
_YTDLP_COMMENT = frozenset({"parent", "author_is_uploader"})
# a file's thread is known by its contents (``_FilePage``): comments fetched again, some added, are another thread's
# unless the user names it
ONE_THREAD = (
    "tables read as one thread (yt-dlp's comments naming no video, --map thread=@file) known by the file's contents: "
    "comments fetched again won't match; name the thread with --map thread=@file:KEY"
)
# a file mapped to one thread (``--map thread=@file[:KEY]``) whose rows name their own: the mapping wins, said
UNREAD_OWN_THREAD = "thread columns left unread, each file read as one thread (--map thread=@file)"
# the columns a table that keeps no ids is read by (``_Places``): each row's key, that of the row it answers (by its
# depth), its thread (its thread column's, else none or, by depth, the file's) and its place in the file
_PLACE, _ABOVE, _PAGE, _ROW = "#place", "#above", "#page", "#row"


def parse_mapping(spec: str) -> dict[str, str]:
    """``"id=post_id,text=body"`` as a dict; ``ValueError`` with a one-line message if malformed."""
    mapping: dict[str, str] = {}
    key: str | None = None
    for item in filter(None, (part.strip() for part in spec.split(","))):
        # after a thread's key, a malformed item is likely the rest of a key with a comma, which parts items
        cut = f": the comma before it ended the thread's key {key!r}, which can hold none" if key else ""
        field, sep, column = (s.strip() for s in item.partition("="))
        if not sep or not (column or field == "parent"):  # "parent=": the parents read from no column
            raise ValueError(f"expected FIELD=COLUMN, got {item!r}{cut}")
        if field not in FIELDS:
            raise ValueError(f"unknown field {field!r} (fields: {', '.join(FIELDS)}){cut}")
        key = _file_key(column)
        if key is not None and field != "thread":  # a column beginning with "@" is one ("@timestamp")
            raise ValueError(
                f"{item!r}: {FILE_THREAD} names no column; thread={FILE_THREAD} reads each file as one thread"
            )
        if key == "" and column != FILE_THREAD:
            raise ValueError(f"{item!r}: the thread's key is empty (thread={FILE_THREAD}:KEY names each file's thread)")
        mapping[field] = column
    return mapping


def _file_key(column: str) -> str | None:
    """The key of the thread ``column`` maps each file to: "" for the file's contents' (``@file``), the text after
    "@file:" (``@file:KEY``), None where it names a column."""
    if column == FILE_THREAD:
        return ""
    return column.removeprefix(f"{FILE_THREAD}:").strip() if column.startswith(f"{FILE_THREAD}:") else None


def _get(row: Mapping[str, Any], columns: tuple[str, ...]) -> str:
    """The first non-empty value among ``columns``; a dotted column reaches into nested objects, ``_REPLIED_TO`` into
    a tweet's references, ``_POSTER`` into a 4chan post's thread; an object stands for its name (``_NAMED``), never
    for its text as Python writes it."""
    for column in columns:
        value: Any = row.get(column)
        if column == _REPLIED_TO:
            value = next(iter(_referenced(row, "replied_to")), None) or row.get("in_reply_to_status_id_str")
        elif column == _POSTER:
            value = f"{row.get('resto') or row.get('no')}/{row['id']}" if row.get("id") not in (None, "") else None
        elif column == _DISQUS_ROW:
            value = DISQUS if row.keys() >= _DISQUS_POST else None
        elif value is None and "." in column:
            value = row
            for part in column.split("."):
                value = value.get(part) if isinstance(value, Mapping) else None
        if isinstance(value, Mapping):
            value = _get(value, _NAMED)
        if value is not None and (text := str(value).strip()):
            return text
    return ""


def _referenced(row: Mapping[str, Any], kind: str) -> list[str]:
    """The ids of the tweets a tweet's ``referenced_tweets`` name as of ``kind`` ("replied_to": the one it answers,
    "quoted": the ones it quotes)."""
    references = row.get("referenced_tweets")
    if not isinstance(references, list):
        return []
    return [str(r["id"]) for r in references if isinstance(r, Mapping) and r.get("type") == kind and r.get("id")]


def _wrapping(value: Mapping[str, Any]) -> str:
    """The key of a JSON object that holds a list of objects (a response's "hits" or "items"), "" for none."""
    return next((k for k, v in value.items() if isinstance(v, list) and v and isinstance(v[0], Mapping)), "")


def _holds(row: Mapping[str, Any], columns: Iterable[str]) -> bool:
    """Whether ``row`` has one of ``columns`` (a dotted one as it is, a flattened object's, or by its first name)."""
    return any(c in row or c.split(".", 1)[0] in row for c in columns)


def _columns(inp: Input, first: Mapping[str, Any], fixed: bool) -> dict[str, tuple[str, ...]]:
    """Field -> candidate columns: the mapping option, else the defaults; and "handle", the account's when it is
    a user name.

    ``fixed`` (CSV): every row has the header's columns, so each field resolves to one column
    now and a mapped column must exist. JSON rows vary, so optional fields keep all defaults.
    A table with no id column but a text or depth column is read by its rows' places (``_Places``), unless the
    first pass finds a row known by ids (``_Places.known_by_ids``).
    """
    present = list(first)
    lower = {c.lower(): c for c in present}
    columns: dict[str, tuple[str, ...]] = {}
    for field, names in DEFAULTS.items():
        found = tuple(lower[n.lower()] for n in names if n.lower() in lower)
        if field in inp.options:
            columns[field] = (inp.options[field],) if inp.options[field] else ()
        elif field == "author" and (found or not fixed):  # each row's own writer column (``DEFAULTS``)
            columns[field] = found if fixed else (*found, *(n for n in names if n.lower() not in lower))
        elif found:
            columns[field] = found[:1]
        elif not fixed:
            columns[field] = names
    tweets = lower.keys() >= _TWEET or (not fixed and lower.keys() >= _TWEET_V1)
    chan = _is_chan(lower)
    for field, column in _shaped(lower, columns.get("author", ()), fixed, tweets, chan).items():
        # the shape's columns stand for a field no column of its common names gives, or for the one they include
        common = columns.get(field, ())
        if field not in inp.options and (chan or not any(c in present for c in common) or set(common) <= set(column)):
            columns[field] = column
    if chan and "parent" not in inp.options:  # what a post answers is in its text's links, "resto" its thread
        columns[_LINKS] = columns.get("text", ())
    if fixed:
        for field, column in ((f, c) for f, names in columns.items() for c in names):
            if column not in present and field != "platform" and (field != "thread" or _file_key(column) is None):
                raise InputError(f"{inp.name}: --map {field}={column}: no such column (columns: {', '.join(present)})")
    filed = _one_thread(inp, lower)
    if filed:  # mapped, the file's thread alone; else the thread a row names, the file's for a row naming none
        if "thread" in inp.options:
            for column in (lower[n.lower()] for n in DEFAULTS["thread"] if n.lower() in lower):
                inp.report.add(UNREAD_OWN_THREAD, f"{inp.name}: {column}")
        columns["thread"] = () if "thread" in inp.options else columns.get("thread", ())
        key = _file_key(inp.options.get("thread", FILE_THREAD))
        columns[_FILE] = (key,) if key else ()
    if "id" not in inp.options and not _holds(first, columns.get("id", ())):
        depth = _holds(first, columns.get("depth", ()))
        texts = "text" in inp.options or _holds(first, columns.get("text", ()))  # mapped: the first pass checks
        if depth or (texts and not (not fixed and _wrapping(first))):
            columns["id"] = (_PLACE,)
            columns["thread"] = columns["thread"] if filed else (_PAGE,)
            if depth:
                columns["parent"] = (_ABOVE,)
    for field in ("id", "text") if not chan else ("id",):  # a 4chan post of an image alone has no text
        mapped = field in inp.options and not fixed  # in some JSON row, the first pass checks
        if columns.get(field) != (_PLACE,) and not mapped and not _holds(first, columns.get(field, ())):
            if not fixed and (key := _wrapping(first)):
                raise InputError(f"{inp.name}: the rows sit in a list under '{key}', not read; it reads {_EXPECTS}")
            raise _no_column(inp, field)
    stated = "parent" in inp.options or columns.get("parent") in ((_ABOVE,), (_REPLIED_TO,))  # mapped, or by shape
    if not stated and not _holds(first, columns.get("parent", ())):
        used = {c for names in columns.values() for c in names}
        comments = any("comment" in c.lower() for c in columns.get("id", ()))
        for column in present:
            if _MAY_BE_PARENT.search(column) and "count" not in column.lower() and column not in used:
                unread = UNREAD_POST if comments and _POST.search(column) else UNREAD_PARENT
                inp.report.add(unread, f"{inp.name}: {column}")
    # the account is the writer's handle, as the user types it, but a chat message's account_id and a tweet's author_id:
    # the account's id; a writer's object gives its handle (``_HANDLES``), a flattened one's column beside its name's
    account = columns.get("account", ())
    ids = {
        lower.get(key, key)
        for key, shaped in (
            ("account_id", lower.keys() >= _CHAT_MESSAGE),
            ("author_id", tweets),
            ("id", chan),
            (_POSTER, chan),
        )
        if shaped
    }
    objects = (f"{c.removesuffix('.name')}.{key}" for c in columns.get("author", ()) for key in _HANDLES)
    columns["handle"] = (*(() if account and account[0] in ids else account), *dict.fromkeys(objects))
    return columns


def _no_column(inp: Input, field: str) -> InputError:
    return InputError(f"{inp.name}: no {field} column found (name one with --map {field}=COLUMN)")


class _Places:
    """A table that keeps no ids, its rows known by their places: a comment's place among its thread's rows (the
    rows its thread column names, else the file's) and its text make its key, as a scraped page's comments are known
    (``_shared.page_comment``), so the file read again, by any path, gives the same ids and rows of one text are
    each a post of their own (copied comments, which a study of coordinated posting looks for). A thread's rows in
    another file are the same posts where their places and texts agree (the same comments saved as JSON and as CSV);
    a row naming no thread is known within its file, by the file's bytes, as a mail without a Message-ID is by its
    own, so no other file's row at its place with its text (Hacker News link stories have none) is taken for it. The
    tree is what the table states: where it keeps each comment's depth, as a scraper
    of an indented page writes it ("indent": 0 for a top-level comment; "1.0" as pandas writes a column with gaps), a
    row answers the nearest row above it less indented, else its thread's root, the thread its thread column names
    or else the file's page (a stub root); with no depth, a row is read as a row with an id would be (a row naming
    no thread its own thread's root). Both passes place the rows in turn, so a row has one place in each; its
    source id is its place in the file (its first "1")."""

    def __init__(self, inp: Input, columns: dict[str, tuple[str, ...]], page: _FilePage) -> None:
        self._page = page
        self._depth = columns["depth"] if columns.get("parent") == (_ABOVE,) else ()
        self._parent = columns.get("parent", ())
        self._text = columns.get("text", ())
        thread = columns["thread"]  # the file's, where it is one thread (``_one_thread``)
        if thread == (_PAGE,):  # else its rows' own thread column, if any
            thread = DEFAULTS["thread"] if "thread" not in inp.options else (inp.options["thread"],)
        self._columns = {**columns, "thread": thread}
        self._rows = 0
        self._placed: dict[str, int] = {}  # the rows placed so far of each thread, or of the file's page
        self._above: dict[str, list[tuple[int, str]]] = {}  # each thread's rows still open to replies: depth, key

    def known_by_ids(self, row: Mapping[str, Any]) -> tuple[str, str] | None:
        """The field and column by which a row of a table with no depths is known by ids, None for none: a parent
        it names (not one that stands for none, ``_NO_PARENT``) or, in JSON, an id. Its table's rows are then known
        by ids under a column this reader does not know, and every parent it names, read by places, would be a stub
        (``_known_by_ids``). A depth table states its tree by its depths."""
        if self._depth:
            return None
        if column := next((c for c in DEFAULTS["id"] if _get(row, (c,))), ""):
            return "id", column
        parent = _key(_get(row, self._parent))
        if not parent or parent.lower() in _NO_PARENT:
            return None
        return "parent", next(c for c in self._parent if _get(row, (c,)))

    def place(self, row: dict[str, Any]) -> dict[str, Any]:
        """The row with its key, the key of the row it answers (a depth table's) and its thread; a row whose depth
        is no whole number is left without a key (malformed), an empty one as it is."""
        if not row:
            return row
        self._rows += 1
        depth = _whole(_get(row, self._depth) or "0")
        if depth is None:
            return row
        thread = _thread(row, self._columns, self._page)
        page = thread or (self._page() if self._depth else "")
        within = thread or self._page()
        self._placed[within] = n = self._placed.get(within, 0) + 1
        origin = f"{within}\x1f{n}\x1f{_get(row, self._text)}".encode("utf-8", "surrogatepass")  # as ids are
        key = hashlib.sha1(origin).hexdigest()[:24]
        placed = {**row, _PLACE: key, _PAGE: page, _ROW: str(self._rows)}
        if self._depth:
            above = self._above.setdefault(page, [])
            while above and above[-1][0] >= depth:
                above.pop()
            placed[_ABOVE] = above[-1][1] if above else ""
            above.append((depth, key))
        return placed


class _FilePage:
    """The key of the page a file's rows were read from, by the file's contents: the same file read again, by any
    path, is the same page; a file scraped again, its rows changed, another. Hashed once, when a row first needs it:
    a table whose rows all name their thread is not read through for it."""

    def __init__(self, inp: Input) -> None:
        self._inp = inp
        self._key = ""

    def __call__(self) -> str:
        if not self._key:
            self._key = "page-" + file_digest(self._inp)
        return self._key


def _thread(row: Mapping[str, Any], columns: dict[str, tuple[str, ...]], page: _FilePage) -> str:
    """The thread a row names, else, where the file is one thread (``_one_thread``), the file's: the key the user
    gave it (``--map thread=@file:KEY``), else the file's contents' (``_FilePage``)."""
    if (thread := _get(row, columns.get("thread", ()))) or _FILE not in columns:
        return thread
    return next(iter(columns[_FILE]), "") or page()


def _one_thread(inp: Input, lower: Mapping[str, str]) -> bool:
    """Whether the file's rows are one thread: all of them, so mapped (``--map thread=@file[:KEY]``), or in a table of
    yt-dlp's comments of a video (``_YTDLP_COMMENT``), those naming no thread, as a script flattening one video's
    comments writes them (said in the report by the first pass, where a row names none), whatever the other rows
    name. Read otherwise, each row naming no thread is a thread of its own (a table of stories or tweets), so a
    top-level comment was a thread's root and no reply to it was inferred."""
    if "thread" in inp.options:
        return _file_key(inp.options["thread"]) is not None
    return lower.keys() >= _YTDLP_COMMENT


def _known_by_ids(inp: Input, field: str, column: str) -> InputError:
    """The refusal of a table read by places whose rows are known by ids (``_Places.known_by_ids``), naming what to
    map: the id column a row gives (not the first: JSON rows vary), else, rows naming parents with no id column
    found, an id column or no parents (``--map parent=``: the rows by their places, what each answers inferred)."""
    if field == "id":
        return InputError(
            f"{inp.name}: the first row has no id, a later one has '{column}': read the rows by it with "
            f"--map id={column} (a row without it is malformed)"
        )
    return InputError(
        f"{inp.name}: rows name parents under '{column}', but no id column is found: name one with --map id=COLUMN, "
        "or read the rows by their places, what each answers inferred, with --map parent="
    )


def _whole(text: str) -> int | None:
    """A depth as a whole number of none below 0 ("2", "2.0"), None for any other text."""
    try:
        number = float(text)
    except ValueError:
        return None
    return int(number) if number.is_integer() and number >= 0 else None


def _places(inp: Input, columns: dict[str, tuple[str, ...]], page: _FilePage) -> _Places | None:
    return _Places(inp, columns, page) if columns.get("id") == (_PLACE,) else None


def _shaped(
    lower: Mapping[str, str], author: tuple[str, ...], fixed: bool, tweets: bool, chan: bool
) -> dict[str, tuple[str, ...]]:
    """The columns a table's shape gives beyond the common names: a 4chan post's (``chan``, before the common
    names: its "id" is its poster's), a Pleroma chat's message's chat and account
    (``_CHAT_MESSAGE``), a tweet's writer and, in JSON, the tweet it answers (``tweets``: a v2 tweet's shape, in JSON a
    v1.1 one's too), a CrowdTangle report's page handle ("User Name") where its "Page Name" is the writer, a Disqus API
    post's account and marks (``_DISQUS_POST``).
    Elsewhere "chat_id" may be a chat log's room whose rows state their replies, "account_id" a writer's advertiser,
    so neither is read unless mapped."""
    found: dict[str, tuple[str, ...]] = {}
    if chan:
        found = {field: (lower.get(name, name),) for field, name in _CHAN_COLUMNS if name in lower or not fixed}
        found |= {"account": (_POSTER,)} if "account" in found and not fixed else {}
    elif lower.keys() >= _CHAT_MESSAGE:
        found = {"thread": (lower["chat_id"],), "account": (lower["account_id"],)}
    elif tweets:
        found = {"account": (lower.get("author_id", "author_id"),)} | ({} if fixed else {"parent": (_REPLIED_TO,)})
    elif "user name" in lower and [c.lower() for c in author] == ["page name"]:
        found = {"account": (lower["user name"],)}
    elif lower.keys() >= _DISQUS_POST and (account := lower.get("author.username", "" if fixed else "author.username")):
        # in JSON the writer's object, in a flattened table its column; a platform column the table has comes first
        found = {"account": (account,), "platform": (*DEFAULTS["platform"], _DISQUS_ROW)}
        marks = ((field, lower.get(column.lower(), "" if fixed else column)) for field, column in _DISQUS_FIELDS)
        found |= {field: (column,) for field, column in marks if column}
        if not fixed:  # its thread, as an object where asked for (related=thread), else its id
            found |= {"thread": ("thread.id", lower["thread"]), "thread_title": ("thread.title",)}
            found |= {"thread_url": ("thread.link",)}
    return found


def _decoded(inp: Input, raw: Iterable[bytes]) -> Iterator[str]:
    """Lines as text; bytes that are not UTF-8 stop the input with their line number."""
    for number, line in enumerate(raw, 1):
        try:
            yield line.decode("utf-8-sig" if number == 1 else "utf-8")
        except UnicodeDecodeError:
            raise InputError(f"{inp.name}: not valid UTF-8 (line {number})") from None


def _csv_rows(inp: Input) -> Iterator[tuple[str, dict[str, Any]]]:
    with inp.open() as raw:
        lines = _decoded(inp, raw)
        header = next(lines, "")
        delimiter = max(",\t;", key=header.count)
        names = [n.strip() for n in next(csv.reader([header], delimiter=delimiter), [])]
        if len(names) < 2:
            raise InputError(f"{inp.name}: not CSV with a header row")
        yield "", dict.fromkeys(names)
        rows = csv.reader(lines, delimiter=delimiter)
        while True:
            line = rows.line_num + 2
            try:
                values = next(rows)
            except StopIteration:
                return
            except csv.Error:
                yield f"{inp.name}:{line}", {}
                continue
            if not any(v.strip() for v in values):
                continue
            yield f"{inp.name}:{line}", dict(zip(names, values, strict=True)) if len(values) == len(names) else {}


def _tweet_page(value: Any, where: str) -> list[Any] | None:
    """The tweets of a Twitter API v2 response, as twarc2 writes them one a line: the tweets it answers with ("data")
    and those they answer or quote ("includes" "tweets", which the rows would only name), each with its writer's user
    object from "includes" as "author", as twarc2's flatten gives it (its name and handle read, not only its id);
    None for any other value. A response whose "data" mixes tweets with objects of another shape (users, a tweet
    without its conversation) is refused at ``where``: read by its first object, it was read whole as tweets, or
    whole as rows of another table."""
    if _no_results(value):
        return []
    data = value.get("data") if isinstance(value, dict) else None
    data = [data] if isinstance(data, dict) else data  # the answer for one tweet by its id (``/2/tweets/:id``)
    objects = [d for d in data if isinstance(d, dict)] if isinstance(data, list) else []
    tweets = sum(1 for d in objects if d.keys() >= _TWEET)
    if not tweets:
        return None
    if tweets < len(objects):
        raise InputError(
            f"{where}: a Twitter API v2 response whose 'data' mixes tweets with other objects ({len(objects) - tweets} "
            f"of {len(objects)} without author_id or conversation_id), not read"
        )
    includes = value.get("includes")
    includes = includes if isinstance(includes, dict) else {}
    users = {u["id"]: u for u in includes.get("users") or () if isinstance(u, dict) and _is_id(u.get("id"))}
    tweets = [_tweet(t) for t in data]
    held = {t["id"] for t in tweets if t}
    included = includes.get("tweets")
    referred = [t for t in map(_tweet, included if isinstance(included, list) else ()) if not (t and t["id"] in held)]
    return [
        {**t, "author": users[t["author_id"]]} if t and _is_id(t.get("author_id")) and t["author_id"] in users else t
        for t in (*tweets, *({**t, _INCLUDED: True} if t else t for t in referred))
    ]


def _no_results(value: Any) -> bool:
    """Whether ``value`` is an API v2 response holding no tweets: a search or a timeline's page that found none
    (``{"meta": {"result_count": 0}}``), or an error response (``{"errors": [...]}``: a lookup of deleted tweets, a
    suspended account's timeline), both of which twarc2 writes as a line like any other, among the pages found."""
    meta = value.get("meta") if isinstance(value, dict) and "data" not in value else None
    return (isinstance(meta, dict) and meta.get("result_count") == 0) or is_error(value)


def _empty_response(line: str) -> bool:
    """Whether a JSON line is an API v2 response holding no tweets (``_no_results``)."""
    try:
        return _no_results(json.loads(line))
    except (ValueError, RecursionError):  # no JSON, or nested past the parser's depth: a bad line, told when read
        return False


def _is_id(value: Any) -> bool:
    """Whether a response's id is one (a string or a number), not a value of another type a broken line holds."""
    return isinstance(value, str | int) and not isinstance(value, bool)


def _tweet(value: Any) -> dict[str, Any] | None:
    """A tweet of a response, None for one that is no object with an id (read as a malformed record)."""
    return value if isinstance(value, dict) and _is_id(value.get("id")) else None


def _value_rows(value: Any, where: str) -> tuple[list[Any], bool]:
    """The rows of one JSON value at ``where`` (a list's items, a tweet page's tweets, else the value) and whether it
    is a tweet page, whose every row is read (what else it holds, users, media, errors, are no posts)."""
    page = _tweet_page(value, where)
    posts = value.get("posts") if isinstance(value, dict) else None
    if page is None and isinstance(posts, list) and posts and isinstance(posts[0], dict) and _is_chan(posts[0]):
        page = posts
    return (page, True) if page is not None else (value if isinstance(value, list) else [value], False)


def _is_tweet_page(keys: Iterable[str]) -> bool:
    """Whether a head of JSON holding these keys is a Twitter API v2 response however laid out (twarc2's ``--pretty``
    indents it): its tweets under "data", each with its writer's and conversation's ids."""
    return {"data", *_TWEET}.issubset(keys)


def _is_chan(keys: Iterable[str]) -> bool:
    """Whether a row of these keys (its column names, or all a head of JSON holds) is 4chan's post (``_CHAN_POST``)."""
    return _CHAN_POST.issubset(keys)


def _json_rows(inp: Input) -> Iterator[tuple[str, dict[str, Any]]]:
    first = True
    number = 0
    for line, value in json_values(inp):
        rows, page = _value_rows(value, f"{inp.name}:{line}" if line else inp.name)
        if is_error(value):
            inp.report.add(ERROR_RESPONSE, f"{inp.name}:{line}" if line else inp.name)
        for row in rows:
            number += 1
            if first:  # a response's columns are its first good tweet's (``_tweet``)
                head = next((r for r in rows if isinstance(r, dict)), row) if page else row
                if not isinstance(head, dict):
                    raise InputError(f"{inp.name}: not JSON rows (the first record is not an object)")
                yield "", head
                first = False
            where = (
                f"{inp.name}:{line}" if line and not page and not isinstance(value, list) else f"{inp.name}#{number}"
            )
            yield where, row if isinstance(row, dict) else {}


def _opening(inp: Input) -> bytes:
    """The first character of an input's text: "{" or "[" in JSON."""
    return inp.head(1024).removeprefix(codecs.BOM_UTF8).lstrip()[:1]


def _is_json(inp: Input) -> bool:
    return _opening(inp) in (b"{", b"[")


def _rows(inp: Input) -> Iterator[tuple[str, dict[str, Any]]]:
    """("", a row giving the columns) first, then (location, row) with {} for a malformed row."""
    return _json_rows(inp) if _is_json(inp) else _csv_rows(inp)


def _key(value: str) -> str:
    return _FULLNAME.sub("", value)


class _Openers:
    """The rows that open a thread no row is the root of, from the first pass: in a file of one row a thread (a
    forum's list of recent posts), a row with no parent and the thread's title as it is (``_REPLY_PREFIX``). Where a
    thread has several rows, or a row is a thread's root, the file is a comment export and its lone comments stay
    comments."""

    def __init__(self) -> None:
        self._rows: dict[str, int] = {}  # stated thread → its rows
        self._lone: dict[str, str] = {}  # stated thread → its row, parentless and titled bare
        self._answered: set[str] = set()
        self._keys: set[str] = set()

    def add(self, key: str, parent: str, thread: str, title: str) -> None:
        self._keys.add(key)
        if parent:
            self._answered.add(parent)
        if thread and thread != key:
            self._rows[thread] = self._rows.get(thread, 0) + 1
            if not parent and title.strip() and not _REPLY_PREFIX.match(title.strip()):
                self._lone[thread] = key

    def rows(self) -> frozenset[str]:
        if any(n > 1 for n in self._rows.values()) or not self._keys.isdisjoint(self._rows):
            return frozenset()
        return frozenset(key for thread, key in self._lone.items() if not {key, thread} & self._answered)


class _Order:
    """Each thread's rows, counted, and the threads whose rows come out of time order (a table saved newest first),
    from the first pass: its count and latest time a thread, no rows."""

    def __init__(self) -> None:
        self.rows: dict[str, int] = {}
        self._latest: dict[str, str] = {}
        self.unordered: set[str] = set()

    def add(self, thread: str, time: str) -> None:
        self.rows[thread] = self.rows.get(thread, 0) + 1
        if time:
            latest = self._latest.get(thread, "")
            if time < latest:
                self.unordered.add(thread)
            self._latest[thread] = max(time, latest)


class _Pages:
    """Whether rows share a url while no row names its thread, from the first pass, and the url's column: a
    column that may name the threads, for the report (``UNREAD_THREAD``)."""

    def __init__(self) -> None:
        self.column = ""
        self._seen: set[str] = set()
        self._shared = False
        self._threaded = False

    def add(self, row: Mapping[str, Any], columns: dict[str, tuple[str, ...]], thread: str) -> None:
        if thread:
            self._threaded = True
            self._seen.clear()
        if self._threaded or self._shared:
            return
        column = next((c for c in columns.get("url", ()) if _get(row, (c,))), "")
        if url := _get(row, (column,)) if column else "":
            self._shared = url in self._seen
            self._seen.add(url)
            self.column = self.column or column

    def shared(self) -> bool:
        return self._shared and not self._threaded


def _time(row: Mapping[str, Any], columns: dict[str, tuple[str, ...]]) -> str:
    """The row's time as ISO UTC, comparable as text; "" when it gives none that reads."""
    try:
        return utc_iso(value) if (value := _get(row, columns.get("time", ()))) else ""
    except BAD_DATA:
        return ""


class _Titles:
    """Each stated thread's title for its stub root, from the first pass: the first title its rows give, without a
    reply's prefix where another row gives it so ("Re: Parks" and "Parks": Parks), in whatever order rows come."""

    def __init__(self) -> None:
        self._first: dict[str, str] = {}
        self._bare: dict[str, set[str]] = {}

    def add(self, thread: str, title: str) -> None:
        title = title.strip()
        if not thread or not title:
            return
        self._first.setdefault(thread, title)
        if not _REPLY_PREFIX.match(title):
            self._bare.setdefault(thread, set()).add(title)

    def titles(self) -> dict[str, str]:
        out = {}
        for thread, title in self._first.items():
            bare = _REPLY_PREFIX.sub("", title, count=1).strip()
            out[thread] = bare if bare in self._bare.get(thread, ()) else title
        return out


@dataclass(frozen=True)
class _FirstPass:
    """What the first pass learns of the whole file, which the second reads each row by."""

    columns: dict[str, tuple[str, ...]]
    tree: Ancestry[str]  # each row's parent and thread
    openers: frozenset[str]  # the rows that open their thread (``_Openers``)
    titles: dict[str, str]  # the threads' titles (``_Titles``)
    # whether the file states parents (some row fills its parent column, a 0 included: a column empty in every row,
    # mapped or found, states nothing and is reported, ``EMPTY_PARENT``)
    parents: bool
    order: _Order  # each thread's rows and time order, used where the file states no parents
    # the parents that stand for none (``_NO_PARENT``, no row having that id: rows naming one are placed once every
    # id is known)
    unheld: frozenset[str]
    # each stated parent no row holds, and a row answering it: the parent's stub stands in that row's thread
    answered: dict[str, str]
    # the tweets responses give under "data" (``_tweet_page``): a copy of one a response includes is not read
    given: frozenset[str] = frozenset()
    # each tweet writer's name and handle, by account id, where a row gives them ("author", ``_tweet_page``): a tweet
    # of another line whose response names no writer is written by them under that name, not under the id
    writers: Mapping[str, Mapping[str, Any]] = dataclasses.field(default_factory=dict)


def _first_pass(inp: Input, columns: dict[str, tuple[str, ...]], file_page: _FilePage) -> _FirstPass:
    """The file's first pass (``_FirstPass``); rows that state neither parent nor thread but share a url are reported
    (``_Pages``). JSON whose rows hold further rows (posts nested under a key this reader does not follow) is refused
    rather than half read, and so is a table read by places a row of which is known by ids (``_Places.known_by_ids``),
    the whole file judged, not its first row."""
    tree: Ancestry[str] = Ancestry()
    openers = _Openers()
    titles = _Titles()
    order = _Order()
    pages = _Pages()
    quiet = replace(inp.aside(), report=Report())  # bad rows are reported by the second pass
    places = _places(inp, columns, file_page)
    parents = columns.get("parent") == (_ABOVE,)  # a file read by its rows' depths states each row's parent
    column = inp.options.get("parent", "")  # the parent column, where the file has one
    held: list[tuple[str, str, str, str]] = []  # rows whose parent may stand for none
    given: set[str] = set()
    writers: dict[str, dict[str, Any]] = {}
    signers = (*columns.get("author", ()), *columns.get("account", ()))
    signed = False  # whether a row holds a writer column (a CSV's header names one, or a JSON row has one)
    filled: set[str] = set()  # the fields mapped that some row gives (a column mapped may be in no JSON row)
    parented: tuple[str, str] | None = None  # the first parent a table read by places names (``_Places.known_by_ids``)
    unnamed = False  # whether a row's thread is the file's, known by its contents (``ONE_THREAD``)

    def place(key: str, parent: str, thread: str, title: str) -> None:
        nonlocal parents
        parents = parents or bool(parent)
        tree.add(key, parent or None, thread or (key if not parent else None))
        openers.add(key, parent, thread, title)

    def add(row: dict[str, Any]) -> None:
        nonlocal column, parents, signed, parented, unnamed
        if _is_chan(row) and _chan_malformed(row):  # reported by the second pass
            return
        # a 4chan post's poster (``_POSTER``) is read from no column of that name
        signed = signed or _holds(row, signers) or bool(_get(row, columns.get("account", ())))
        if isinstance(user := row.get("author"), dict) and _is_id(account := row.get("author_id")):
            writers.setdefault(str(account), {k: user[k] for k in _NAMED if k in user})
        if places and (known := places.known_by_ids(row)):
            if known[0] == "id":
                raise _known_by_ids(inp, *known)
            parented = parented or known  # refused once no row has shown an id column (``done``)
        row = places.place(row) if places else row
        column = column or next((c for c in columns.get("parent", ()) if c.split(".", 1)[0] in row), "")
        filled.update(
            f for f in _MAPPED_IN_ROWS if f in inp.options and (_get if f == "id" else _holds)(row, columns.get(f, ()))
        )
        if (key := _key(_get(row, columns["id"]))) and not _marked(row, columns, "spam"):
            parent = _key(_get(row, columns.get("parent", ())))
            thread = _key(_thread(row, columns, file_page))
            unnamed = unnamed or (columns.get(_FILE) == () and not _get(row, columns.get("thread", ())))
            title = _get(row, columns.get("title", ()))
            if parent.lower() in _NO_PARENT:
                held.append((key, parent, thread, title))
                parents = parents or parent == "0"  # a stated "no parent" (WordPress's comment_parent 0), not no value
            else:
                place(key, parent, thread, title)
            titles.add(thread, _get(row, columns.get("thread_title", ())) or title)
            if not parents:  # the order serves only a file stating no parent: no row's time parsed for it after one
                order.add(thread or key, _time(row, columns))
            pages.add(row, columns, thread)

    def done() -> _FirstPass:
        if parented:
            raise _known_by_ids(inp, *parented)
        for field, value in _MAPPED_IN_ROWS.items():
            if field in inp.options and field not in filled:
                raise InputError(f"{inp.name}: --map {field}={inp.options[field]}: no row has {value} under it")
        keys = {key for key, *_ in held}
        unheld = frozenset(parent for _, parent, *_ in held if parent not in tree and parent not in keys)
        for key, parent, thread, title in held:
            place(key, "" if parent in unheld else parent, thread, title)
        if column and not parents:
            inp.report.add(EMPTY_PARENT, f"{inp.name}: {column}")
        if pages.shared() and not parents:
            inp.report.add(UNREAD_THREAD, f"{inp.name}: {pages.column}")
        if not signed:
            inp.report.add(NO_WRITER, inp.name)
        if places:
            inp.report.add(BY_PLACE, inp.name)
        if unnamed:
            inp.report.add(ONE_THREAD, inp.name)
        answered = {parent: key for key, parent in tree.parent.items() if parent and parent not in tree}
        return _FirstPass(
            columns, tree, openers.rows(), titles.titles(), parents, order, unheld, answered, frozenset(given), writers
        )

    if not _is_json(inp):
        for where, row in _csv_rows(quiet):
            if where:
                add(row)
        return done()

    def is_row(value: Any) -> bool:
        needed = ("text",) if places else ("id", "text")
        return isinstance(value, dict) and all(_holds(value, columns[f]) for f in needed)

    for line, value in json_values(quiet):
        where = f"{inp.name}:{line}" if line else inp.name
        rows, page = _value_rows(value, where)
        if not page:
            refuse_unread(where, value, rows, is_row, _EXPECTS, listed=True)
        for row in rows:
            if isinstance(row, dict):
                add(row)
                if page and not row.get(_INCLUDED):
                    given.add(_key(_get(row, columns["id"])))
    return done()


def _copies(inp: Input) -> Mapping[str, str]:
    """The tweets the responses of the load's inputs include, each with the input first including it by name, "" for
    one a response of any of them gives under "data": a tweet one file of a collection includes and another gives is
    read as given, whatever the files' order, and one two files include is read once, from the same file by every
    reader of the load (a cluster's worker reads one file of many). Only included tweets are kept, what every worker
    is given; one input alone needs none: its own first pass tells. A live input is not read ahead (its end may be
    long in coming). A file whose first value is no response (a
    table's row, a list) is no collection of twarc2's, passed by; a later one (an error response twarc2 wrote) is
    skipped."""
    if "including" not in inp.shared:
        given: set[str] = set()
        including: dict[str, str] = {}
        for one in inp.siblings if len(inp.siblings) > 1 else ():
            if one.live or _opening(one) != b"{":  # a response is an object; a list is parsed whole to see its first
                continue
            try:
                for number, (line, value) in enumerate(json_values(replace(one.aside(), report=Report()))):
                    page = _tweet_page(value, f"{one.name}:{line}" if line else one.name)
                    if page is None and not number:
                        break
                    for row in (row for row in page or () if isinstance(row, dict)):
                        if row.get(_INCLUDED):
                            including.setdefault(_key(_get(row, ("id",))), one.name)
                        else:
                            given.add(_key(_get(row, ("id",))))
            except InputError:  # the input's own reading says why it is refused
                if one.name == inp.name:
                    raise
        inp.shared["including"] = {key: "" if key in given else name for key, name in including.items()}
    return inp.shared["including"]


def _platform(row: Mapping[str, Any], columns: dict[str, tuple[str, ...]], options: Mapping[str, str]) -> str:
    """The row's platform column, else the mapped name (``platform=reddit``), else "tabular"."""
    return _get(row, columns.get("platform", ())) or options.get("platform", _PLATFORM)


def _created(row: Mapping[str, Any], columns: dict[str, tuple[str, ...]], time: str, inp: Input, where: str) -> str:
    """The row's time as ISO UTC; a time that does not read leaves the row undated, its column said in the report
    (``UNREADABLE_TIME``): one bad field costs the row its time, not the row."""
    if not time:
        return ""
    try:
        return utc_iso(time)
    except BAD_DATA:
        column = next(c for c in columns["time"] if _get(row, (c,)))
        inp.report.add(UNREADABLE_TIME.format(column=column), where)
        return ""


def _writer(row: Mapping[str, Any], value: Mapping[str, str], platform: str, guest: bool) -> str | None:
    """The row's writer, its author or else its account (``value``, the row's fields): none for an empty name or a
    gone one's words, none for an unnamed writer's ("Anonymous": ``named``) unless the name is an account's (the row
    gives one, its account or author_fullname, or the table is a Reddit export, whose writers are all accounts) or a
    Disqus ``guest``'s (the Disqus reader reads any name a guest typed), and in a Reddit export (its platform reddit,
    or a subreddit column) none for "None" in a row without author_fullname, as the Reddit reader reads it
    (``NONE_WRITER``): elsewhere "None" may be anyone's name."""
    account = value.get("account", "")
    name = value.get("author") or account
    reddit = platform == "reddit" or "subreddit" in row
    if named(name, account=bool(account or guest or row.get("author_fullname") or reddit)) is None:
        return None
    return None if name == NONE_WRITER and reddit and not row.get("author_fullname") else name


def _marked(row: Mapping[str, Any], columns: dict[str, tuple[str, ...]], mark: str) -> bool:
    """Whether a row bears a Disqus API post's ``mark`` (``_DISQUS_FIELDS``), as JSON or a flattened table writes it."""
    return _get(row, columns.get(mark, ())).lower() == "true"


def _written(row: Mapping[str, Any], value: Mapping[str, str], platform: str, guest: bool) -> dict[str, Any]:
    """The Post's writer fields of a post written as ``value`` (a row's fields) names its writer (``_writer``), as a
    CrowdTangle report's "User Name" writes the account's handle; a ``guest``'s (a Disqus guest) a guest's, known by
    the address left where the row gives it whole (``disqus.guest_key``); the writer's address where the row gives it
    whole (a Disqus API post's, as the Disqus reader keeps an export's)."""
    writer = _writer(row, value, platform, guest)
    guest = bool(writer) and guest
    account = bool(writer) and not guest
    email = whole_address(value.get("email", "")) if writer else ""
    return {
        "author": writer,
        "author_key": value.get("account", "") if account else guest_key(writer or "", email) if guest else "",
        "author_handle": value.get("handle", "") if account else "",
        "guest": guest,
        "meta": {"email": email} if email else {},
    }


def _post_id(known: _FirstPass, platform: str, key: str) -> str:
    """The graph id of the post of row ``key``, or of the stub of a stated parent ``key`` no row holds (in the thread
    of a row answering it), or else of a thread of its own, whose stub it then is."""
    held = key in known.tree
    if not (held or key in known.answered):
        return schema.article_id(platform, key)
    root, _ = known.tree.root(key if held else known.answered[key])
    thread = schema.article_id(platform, root)
    return thread if key == root or key in known.openers else schema.post_id(platform, thread, key)


def _quoted(row: Mapping[str, Any], known: _FirstPass, platform: str) -> list[tuple[str, str]]:
    """The tweets a tweet quotes (``referenced_tweets`` "quoted"): each one's id and graph id (``_post_id``): one
    not in the file is the stub of the parent a row names it as, or else a thread of its own (the tweet names no
    conversation of it)."""
    return [(q, _post_id(known, platform, q)) for q in _referenced(row, "quoted")]


def _quotelinks(text: str, key: str, root: str, tree: Ancestry[str]) -> tuple[str, list[str]]:
    """The post of its thread a 4chan post answers, "" for none, and those it quotes, of the posts it links to
    (``_QUOTELINK``), each once, in the text's order. It answers the first posted before it, of a lower number (the
    schema allows a post one REPLY_TO; a link to a later post, where a thread's files are merged or a post edited,
    would make two posts answer each other), and quotes (QUOTES) the others the file holds, as a post answering
    several at once links to each; a number the file holds in another thread answers nothing here, one it does not
    hold (a post deleted, the board's link to it dead, or one left out of a catalog's page) is a post of its thread."""
    numbers = dict.fromkeys(n for pair in _QUOTELINK.findall(text) if (n := pair[0] or pair[1]) != key)
    linked = [n for n in numbers if n not in tree or tree.root(n)[0] == root]
    answered = next((n for n in linked if int(n) < int(key)), "")
    return answered, [n for n in linked if n != answered and n in tree]


def _chan_malformed(row: Mapping[str, Any]) -> bool:
    """Whether a 4chan post holds a value of another type than 4chan's (``_CHAN_STRINGS``, a number that is no whole
    one): a line broken in writing, or a tool's own, whose list would stand in a name or an object for a post."""

    def whole(value: Any) -> bool:
        return (isinstance(value, int) and not isinstance(value, bool) and value >= 0) or (
            isinstance(value, str) and value.isascii() and value.isdigit()
        )

    return (
        not whole(row.get("no"))
        or not (whole(row.get("resto")) or row.get("resto") in (None, ""))
        or any(not isinstance(row.get(field), str | None) for field in _CHAN_STRINGS)
    )


def _post(row: dict[str, Any], known: _FirstPass, threads: Threads, where: str) -> Iterator[Post]:
    inp, columns, tree = threads.inp, known.columns, known.tree
    if _is_chan(row) and _chan_malformed(row):
        raise ValueError("malformed 4chan post")
    if "author" not in row and _is_id(account := row.get("author_id")) and str(account) in known.writers:
        row = {**row, "author": known.writers[str(account)]}
    value = {field: _get(row, names) for field, names in columns.items()}
    key = _key(value["id"])
    if not key:
        raise ValueError("row without id")
    if _marked(row, columns, "spam"):  # not in the first pass's tree: an answer to it answers its stub
        inp.report.add(SPAM, where)
        return
    platform = _platform(row, columns, inp.options)
    created = _created(row, columns, value.get("time", ""), inp, where)
    root, root_in_input = tree.root(key)
    thread = schema.article_id(platform, root)
    text = "" if value["text"] in GONE or _marked(row, columns, "deleted") else shown_text(value["text"])
    quoted = _quoted(row, known, platform)
    answered, links = _quotelinks(value.get(_LINKS, ""), key, root, tree)
    for q, _ in quoted:
        if not (q in tree or q in known.answered):  # a thread of its own, none of which is read
            yield from threads.stub(platform, q, reported=False)
    fields: dict[str, Any] = dict(
        thread=thread,
        text=text,
        platform=platform,
        source=inp.name,
        **_written(row, value, platform, _marked(row, columns, "guest")),
        created=created,
        source_id=row.get(_ROW, key),
        url=value.get("url", ""),
        stated=tuple(
            Stated(schema.QUOTES, node)
            for node in (*(n for _, n in quoted), *(_post_id(known, platform, n) for n in links))
        ),
    )
    if key == root or key in known.openers:
        yield Post(id=thread, is_article=True, title=shown_text(value.get("title", "")), **fields)
        return
    stated = _key(value.get("parent", ""))
    stated = "" if stated in known.unheld else stated
    if _LINKS in columns:  # a 4chan post answers a post of its thread it links to, else what is inferred
        stated = answered
    top_level = not stated or stated == root
    if not root_in_input:
        title = known.titles.get(root, value.get("title", ""))
        yield from threads.stub(platform, root, value.get("thread_url", ""), where, shown_text(title))
    parent = None
    if known.parents and (stated or _LINKS not in columns):
        # a parent no row holds stands where the row says, as a stub
        parent = yield from threads.answered(platform, thread, None if top_level else stated, stated in tree, where)
    yield Post(
        id=schema.post_id(platform, thread, key),
        is_article=False,
        parent=parent,
        position=threads.position(thread),
        deleted=not text,
        **fields,
    )


def _read(inp: Input) -> Iterator[Post]:
    rows = _rows(inp)
    _, first = next(rows, ("", None))
    if first is None:  # an empty list, or twarc2's responses that found no tweet
        raise InputError(f"{inp.name}: no rows, so no post to read")
    columns = _columns(inp, first, fixed=all(v is None for v in first.values()))
    file_page = _FilePage(inp)
    known = _first_pass(inp, columns, file_page)
    threads = Threads(inp)
    places = _places(inp, columns, file_page)

    copies: set[str] = set()  # the included tweets read (``_INCLUDED``)
    including = _copies(inp)

    def copy(row: Mapping[str, Any]) -> bool:
        if not row.get(_INCLUDED):
            return False
        key = _key(_get(row, columns["id"]))
        seen = key in known.given or key in copies or including.get(key, inp.name) != inp.name
        copies.add(key)
        return seen

    def posts(batch: Iterable[tuple[str, dict[str, Any]]]) -> Iterator[Post]:
        for where, row in batch:
            if copy(row):
                continue
            try:
                if not row:
                    raise ValueError("malformed row")
                yield from _post(row, known, threads, where)
            except BAD_DATA:
                inp.report.add(MALFORMED, where)

    unordered = set() if known.parents else known.order.unordered
    held: dict[str, list[tuple[str, dict[str, Any]]]] = {}
    for where, row in rows:
        row = places.place(row) if places else row
        key = _key(_get(row, columns["id"])) if row else ""
        thread = _key(_thread(row, columns, file_page)) or key
        if not key or thread not in unordered:
            yield from posts([(where, row)])
            continue
        held.setdefault(thread, []).append((where, row))
        if len(held[thread]) == known.order.rows[thread]:
            yield from posts(_oldest_first(held.pop(thread), known, thread))
    for batch in held.values():  # a file that changed between the passes
        yield from posts(_oldest_first(batch, known, ""))


def _oldest_first(
    batch: list[tuple[str, dict[str, Any]]], known: _FirstPass, thread: str
) -> list[tuple[str, dict[str, Any]]]:
    """A thread's rows, its root first, then its comments in time order (those of one time as they came), the
    undated last as they came: no time is no sign of the oldest."""

    def rank(item: tuple[str, dict[str, Any]]) -> tuple[bool, bool, str]:
        key = _key(_get(item[1], known.columns["id"]))
        when = _time(item[1], known.columns)
        return key != thread and key not in known.openers, when == "", when

    return sorted(batch, key=rank)


def _first_row(text: str) -> str | None:
    """The text of a JSON list's first object, however the list is laid out (its head where the object runs past
    it); None when the input's text is not a list of objects."""
    if text[:1] != "[" or text[1:].lstrip()[:1] != "{":
        return None
    text = text[1:].lstrip()
    try:
        return text[: json.JSONDecoder().raw_decode(text)[1]]
    except (ValueError, RecursionError):
        return text


def _sniff(head: bytes) -> bool:
    """A JSON object (a line of JSONL), a JSON list whose first object is such a row, or a CSV header naming a text
    column (the id column may need --map), its names plain words: most of them in a header of many (an export names
    a few columns with marks: CrowdTangle's "Is Video Owner?", "Overperforming Score (weighted …)"), all in a short
    one (a title of prose, "Comment, reply, and quote: a guide!", has commas too); 4chan's posts however laid out
    (4TCT, a collector for research, writes each thread's answer indented), and a Twitter API v2 response so too
    (``_is_tweet_page``). A line of twarc2's holding no tweet (``_empty_response``) tells nothing: the next line
    does."""
    text = head.removeprefix(codecs.BOM_UTF8).decode("utf-8", "replace").lstrip()
    if text[:1] in ("{", "[") and _is_chan(_KEY.findall(text)):
        return True
    if text[:1] == "{" and _is_tweet_page(_KEY.findall(text)):
        return True
    line = next((line for line in text.split("\n") if not _empty_response(line)), "").strip().lower()
    if (row := _first_row(text)) is not None:
        names = set(_KEY.findall(row.lower()))
    elif line.startswith("{"):
        names = set(_KEY.findall(line))
    else:
        names = {n.strip().strip('"') for n in re.split(r"[,\t;]", line)}
        plain = sum(1 for n in names if _HEADER_NAME.fullmatch(n))
        if len(names) < 2 or (2 * plain <= len(names) if len(names) >= _MANY_NAMES else plain < len(names)):
            return False
    return bool(names & set(DEFAULTS["text"]))


FORMAT = register(
    Format(
        "tabular",
        "CSV or JSONL rows, one post each, with id and text columns (parent, thread, author, time, title, url "
        "by common names or mapped with --map; with no ids, rows are known by their places, and each comment's "
        "depth, 'indent', gives the tree; --map thread=@file[:KEY] reads a file as one thread, KEY its name); also "
        "twarc2's lines of Twitter API v2 responses (or one indented) and 4chan's thread answers ('posts'), read as "
        "they are",
        _sniff,
        _read,
        learn=_copies,
        mapped=True,
    )
)
