"""The normalised records every reader yields and every later stage consumes.

Readers map raw exports to ``Post``; extraction turns posts into a ``Fragment`` of graph
nodes and edges. After the reader nothing looks at raw export fields (as in ConvoKit,
parents are ids and a thread is named by its root).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field, fields, replace
from operator import attrgetter
from typing import Any, Protocol

from . import schema

__all__ = [
    "ANCESTOR_STATED",
    "Post",
    "Stated",
    "Node",
    "Edge",
    "Fragment",
    "Reporter",
    "storable",
    "StoredComment",
    "StoredThread",
    "Known",
    "line_feeds",
]

# UTF-16 halves that stand alone (JSON's "\udc00", e-mail headers decoded with surrogateescape):
# no UTF-8 encoder, store or driver takes them
_SURROGATE = re.compile("[\ud800-\udfff]")
# line breaks of other forms than a line feed, each one character: a carriage return alone (old Mac files, and
# CSV fields and JSON strings keep it as written), NEL (U+0085), LINE and PARAGRAPH SEPARATOR (U+2028, U+2029)
_OTHER_BREAK = re.compile("\r(?!\n)|[\x85\u2028\u2029]")


def line_feeds(text: str) -> str:
    """``text`` with a line feed for every line break of another form, one character for one ("\\r\\n" holds one
    and stays): what a ``Post`` holds, so the model, the rules and the quote, link and address finders count each
    break as one at the offsets the input gave. Most texts hold none: four scans for a character cost a fiftieth
    of the pattern's scan of a comment."""
    if "\r" in text or "\x85" in text or "\u2028" in text or "\u2029" in text:
        return _OTHER_BREAK.sub("\n", text)
    return text


@dataclass(frozen=True)
class Stated:
    """A relation the input itself states for a post: a mention of an account, a quote of a post or
    of an account, a forward. It is loaded as given (``inferred: false``), never looked for in the text.

    ``type`` is the relationship type and ``target`` the graph id of its end (an Author or a post);
    ``name`` is how an Author target is shown, for an account that wrote nothing in the input, and
    ``guest`` marks a target known by that name only. ``start``/``end`` locate the span in the post's
    text when the input shows it there. ``handle`` is the account's user name where the input gives one
    that ``name`` does not show as it is (Telegram's "@name" shows the username "name").
    """

    type: str
    target: str
    name: str = ""
    guest: bool = False
    start: int | None = None
    end: int | None = None
    handle: str = ""


ANCESTOR_STATED = "ancestor_stated"  # in a comment's meta: its parent is the nearest ancestor its input names,
# standing in for the parent it answers, which is not in the input (a mail whose In-Reply-To is another month's)


@dataclass
class Post:
    """One article (thread root) or comment.

    ``parent`` is the graph id of the post this one answers when the input says so;
    ``None`` on a comment means the input has no reply structure and extraction infers it.
    ``parent_missing`` marks a comment whose stated parent the input cannot name (a Telegram reply to a message of
    another chat); a parent it names but lacks is a stub the comment answers (``sources._shared.Threads.parent``).
    ``start``/``end`` are character offsets of the post in its input file, when known.
    ``author`` is the name the writer shows; ``author_key``, when set, is what tells writers apart
    instead (a Disqus account's user name, a mail sender's address, a Telegram ``from_id``, a
    YouTube channel id), so two people who show the same name stay two Authors and one person
    keeps one Author whatever name they show.
    ``guest`` marks an author name given without an account (a Disqus guest): it is its own
    Author, never merged with the account of the same name, told apart by ``author_key`` when the
    input gives one (the address a Disqus guest left) and else by the name alone.
    ``author_handle`` is the account's user name as the platform writes it (no host), where the input
    gives one: what people type after "@" and read in the account's address, often not the name shown
    (a Discourse ``username``, a Mastodon ``acct``'s user, a Disqus user name).
    ``stated`` holds the mentions, quotes and forwards the input gives (see ``Stated``).
    """

    id: str
    thread: str
    is_article: bool
    text: str
    platform: str
    source: str
    author: str | None = None
    author_key: str = ""
    author_handle: str = ""
    guest: bool = False
    parent: str | None = None
    parent_missing: bool = False
    position: int = 0
    title: str = ""
    date: str = ""
    created: str = ""
    source_id: str = ""
    url: str = ""
    start: int = 0
    end: int = 0
    deleted: bool = False
    quoted: tuple[str, ...] = ()
    stated: tuple[Stated, ...] = ()
    meta: dict[str, Any] = field(default_factory=dict)

    def __post_init__(self) -> None:
        """A reader that met a field of the wrong type (a number for a title, a list for a name) fails
        here, inside its guard for the record, and reports it: no store meets the wrong type later. Every line
        break of the text becomes a line feed ("\\r\\n" holds one and stays), one character for one, so that the
        model, the rules and the quote, link and address finders all count it as one, and the offsets a reader
        gave into the text (``Stated``) stay right."""
        if not all(map(frozenset.__contains__, _EXACT, map(type, _checked(self)))):  # most posts pass at C speed
            for name, kinds in _CHECKED.items():
                value = getattr(self, name)
                if not isinstance(value, kinds) or (type(value) is bool and bool not in kinds):
                    raise TypeError(f"Post.{name} cannot be {type(value).__name__}")
        self.text = line_feeds(self.text)

    @property
    def answers(self) -> bool:
        """Whether the post answers another: a comment, but a stub (a stated parent not in the input, of which
        nothing but its place is known, the post it answers least of all)."""
        return not (self.is_article or self.meta.get("stub"))

    @property
    def quotes_stated(self) -> bool:
        """Whether the input says what the post quotes (quoted lines, a stated quote): extraction then looks for no
        quote in its text, nor a load recalling it stored (``schema`` stores this on a Comment)."""
        return bool(self.quoted) or any(stated.type == schema.QUOTES for stated in self.stated)

    @property
    def where(self) -> str:
        """The post's place in its input for a report: "file#id" (its position when it has no id)."""
        return f"{self.source}#{self.source_id or self.position or self.id}"


_TYPES = {
    "str": (str,),
    "str | None": (str, type(None)),
    "bool": (bool,),
    "int": (int,),
    "tuple[str, ...]": (tuple,),
    "tuple[Stated, ...]": (tuple,),
}
_CHECKED = {f.name: _TYPES[f.type] for f in fields(Post) if f.type in _TYPES}
_checked = attrgetter(*_CHECKED)
_EXACT = tuple(frozenset(kinds) for kinds in _CHECKED.values())
# the fields that hold a string or None, and those that may hold strings inside: what ``storable`` still
# looks into once the plain strings encode
_texts = attrgetter(*(f.name for f in fields(Post) if f.type in ("str", "str | None")))
_STRING = frozenset({str})
_SCALARS = frozenset({str, int, float, bool, type(None)})
_NESTED_FIELDS = tuple(f.name for f in fields(Post) if f.type.startswith(("tuple", "dict")))


class Reporter(Protocol):
    """Where a stage notes what it skipped (``sources.Report``): a kind and a location."""

    def add(self, kind: str, where: str = "", n: int = 1) -> None: ...


def _storable(value: Any) -> Any:
    """``value`` itself when it holds no lone surrogate, else a copy with U+FFFD in their place."""
    kind = type(value)
    if kind is Stated:
        name, handle = _storable(value.name), _storable(value.handle)
        return value if name is value.name and handle is value.handle else replace(value, name=name, handle=handle)
    if kind is str:
        try:
            value.encode()  # C speed: most strings pass, and a regex scan of every text would cost more
        except UnicodeEncodeError:
            return _SURROGATE.sub("\ufffd", value)
        return value
    if not value or kind not in (tuple, list, dict):
        return value
    if kind is dict:
        pairs = [(_storable(k), _storable(v)) for k, v in value.items()]
        same = all(a is k and b is v for (a, b), (k, v) in zip(pairs, value.items(), strict=True))
        return value if same else dict(pairs)
    items = [_storable(v) for v in value]
    return value if all(a is b for a, b in zip(items, value, strict=True)) else kind(items)


def _plain(value: Any) -> bool:
    """Whether ``value`` is a dict of strings UTF-8 encodes to strings, numbers and None (a reader's ``meta``,
    most often): nothing in it to replace, found without looking at each string alone."""
    if type(value) is not dict or not _STRING.issuperset(map(type, value)):
        return False
    if not _SCALARS.issuperset(map(type, value.values())):
        return False
    try:
        "".join([*value, *(v for v in value.values() if type(v) is str)]).encode()
    except UnicodeEncodeError:
        return False
    return True


def storable(post: Post) -> Post:
    """The post with strings that UTF-8 can encode: lone surrogates become U+FFFD, one for one, so
    offsets into the text stay right. The same post when nothing needs changing."""
    try:  # one encoding of all plain strings at once: most posts hold no lone surrogate
        "".join([v for v in _texts(post) if type(v) is str]).encode()
    except UnicodeEncodeError:
        values = vars(post)
    else:
        values = {name: v for name in _NESTED_FIELDS if (v := getattr(post, name))}
        if "meta" in values and _plain(values["meta"]):
            del values["meta"]
    changed = {name: new for name, old in values.items() if (new := _storable(old)) is not old}
    return replace(post, **changed) if changed else post


@dataclass
class Node:
    id: str
    label: str
    props: dict[str, Any]


def author_node(author: str, name: str, platform: str, email: str | None, guest: bool, handle: str = "") -> Node:
    """The Author ``author`` as the post or mention that makes it shows it, with the account's ``handle`` where it
    is not the name shown."""
    # a name that is an e-mail address shows its local part; the address is personal data
    email = email or next(iter(schema.addresses(name)), None)
    shown = schema.without_addresses(name)
    props = {
        "id": author,
        "name": shown,
        "platform": platform,
        "email": email,
        "guest": guest,
        "handle": schema.author_handle(handle, shown),
    }
    return Node(author, schema.AUTHOR, props)


@dataclass
class Edge:
    type: str
    source: str
    target: str
    props: dict[str, Any]
    # the id of a stored edge this one takes the place of: a quote an earlier load gave one post, which a post a later
    # load brings holds better (``Extractor.remember``); the load writes this one and deletes it in one transaction
    replaces: str = ""


@dataclass
class Fragment:
    """What extraction adds to a batch of posts: entity/source nodes and evidence edges."""

    nodes: list[Node] = field(default_factory=list)
    edges: list[Edge] = field(default_factory=list)


@dataclass
class StoredComment:
    """A comment an earlier load stored, as reply inference remembers it: its writer (the name shown),
    its text, the post it answers, the probability it answered the article (None when stated), the
    id of its Author, when it was written (ISO 8601 UTC, "" where the input did not say), its stored QUOTES
    edges (id: the post or Author quoted), so that a load continuing its thread writes none of them again, and whether
    its input stated what it quotes (``Post.quotes_stated``: no other quote is looked for in it)."""

    id: str
    author: str | None
    text: str
    replied_to: str | None
    article_probability: float | None
    writer: str | None = None
    created: str = ""
    quotes: dict[str, str] = field(default_factory=dict)
    quotes_stated: bool | None = False  # None: stored without it, by a graphkit before the property


@dataclass
class StoredThread:
    """A stored thread's article text, writer (the name shown), the id of its Author and when it was written, and its
    comments in reading order (inputs by name, then position)."""

    root_text: str = ""
    root_author: str | None = None
    root_writer: str | None = None
    root_created: str = ""
    comments: list[StoredComment] = field(default_factory=list)


@dataclass
class Known:
    """What a load continuing a store learns from it before extracting: accounts (platform, name, Author id: the
    name shown, a display name, may be no account's own), post texts (the vocabulary, sites and names defined in
    them), entities (label, name, aliases, evidence) and, on demand, the stored part of the threads it continues."""

    authors: Iterable[tuple[str, str, str]]
    texts: Iterable[str]
    entities: Iterable[tuple[str, str, list[str], str]]
    threads: Callable[[list[str]], dict[str, StoredThread]]
    # which of the ids of stub roots asked for (``schema.stub_root``) are stored: the threads of replies an earlier
    # load read without the post they answer, their thread unknown, which a post this load reads may be
    stub_roots: Callable[[list[str]], list[str]] = lambda ids: []
