"""The graph schema: the one place that names labels, relationship types, properties and ids.

Every other module (graph builder, stores, DDL, exports, views) reads this module, so the
public contract in the README changes here and nowhere else.
"""

from __future__ import annotations

import difflib
import functools
import hashlib
import re
import unicodedata
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Any
from urllib.parse import quote

__all__ = [
    "EVIDENCE_SEPARATOR",
    "merge_evidence",
    "ARTICLE",
    "COMMENT",
    "AUTHOR",
    "PERSON",
    "PLACE",
    "ORGANIZATION",
    "SOURCE",
    "WROTE",
    "REPLY_TO",
    "MENTIONS",
    "QUOTES",
    "CITES",
    "FORWARDS",
    "PARENT_MISSING",
    "ENTITY_LABELS",
    "POST_LABELS",
    "stub",
    "NODES",
    "RELATIONSHIPS",
    "Prop",
    "NodeType",
    "RelType",
    "node_type",
    "rel_type",
    "unknown_name",
    "post_id",
    "stub_root",
    "article_id",
    "author_id",
    "author_handle",
    "mastodon_account_id",
    "mastodon_account",
    "ACCOUNT_PLATFORMS",
    "guest_id",
    "writer_id",
    "addresses",
    "without_addresses",
    "mask_addresses",
    "masked",
    "entity_id",
    "source_id",
    "edge_id",
    "edge_ids",
    "edge_key",
    "slug",
]

ARTICLE, COMMENT, AUTHOR = "Article", "Comment", "Author"
PERSON, PLACE, ORGANIZATION, SOURCE = "Person", "Place", "Organization", "Source"
WROTE, REPLY_TO, MENTIONS, QUOTES, CITES = "WROTE", "REPLY_TO", "MENTIONS", "QUOTES", "CITES"
FORWARDS = "FORWARDS"
# REPLY_TO.rule of a comment whose input says its parent is missing: inferred (it goes to the thread) but decided by
# the input, not by the reply model. Every other inferred REPLY_TO is the reply model's choice and names the model
# in ``model`` (its ``ReplyModel.identity``), so a store tells which model made it and a load with another model
# re-extracts it; a store written before ``model`` existed has these edges without it (made by an unknown model).
# A QUOTES given to the parent the model chose (or its writer: a quoted line no earlier post holds) names it too.
PARENT_MISSING = "parent-missing"

ENTITY_LABELS = (PERSON, PLACE, ORGANIZATION)
POST_LABELS = (ARTICLE, COMMENT)


def stub(post: str) -> str:
    """Cypher: whether the stored post ``post`` (a variable) is a stub, a thread root or stated parent its input
    names and lacks (``stub`` true), of which nothing but its place is known: what counts of posts count apart."""
    return f"coalesce({post}.stub, false)"


# Property types use the embedded store's type names; other stores map them (see store/).
STRING, INT, FLOAT, BOOL, STRINGS = "STRING", "INT64", "DOUBLE", "BOOLEAN", "STRING[]"


@dataclass(frozen=True)
class Prop:
    name: str
    type: str


@dataclass(frozen=True)
class NodeType:
    """A node label, its properties (``id`` first, the key) and how views draw it."""

    label: str
    props: tuple[Prop, ...]
    color: str
    shape: str

    @functools.cached_property
    def names(self) -> tuple[str, ...]:
        return tuple(p.name for p in self.props)


@dataclass(frozen=True)
class RelType:
    """A relationship type, the (start, end) label pairs it may join and its properties.

    ``id`` is deterministic so stores can merge on it; the edge's owner is the post it
    belongs to (the target for WROTE, the source otherwise), which lets a store decide
    idempotence per post.
    """

    type: str
    pairs: tuple[tuple[str, str], ...]
    props: tuple[Prop, ...]

    @functools.cached_property
    def names(self) -> tuple[str, ...]:
        return tuple(p.name for p in self.props)

    @property
    def owner_is_target(self) -> bool:
        return self.type == WROTE


def _props(spec: str) -> tuple[Prop, ...]:
    out = []
    for item in spec.split():
        name, _, typ = item.partition(":")
        out.append(Prop(name, typ or STRING))
    return tuple(out)


_POST_META = "created source_id platform url"
# A property joins its type's list at the end: a store written before gains it at the end of its table (ALTER TABLE
# … ADD), and the embedded store copies rows by position. quotes_stated: the input says what the comment quotes
# (``Post.quotes_stated``), so that a load recalling it looks for no other quote in its text, as extraction does not
NODES: tuple[NodeType, ...] = (
    NodeType(ARTICLE, _props(f"id title date text source stub:BOOLEAN {_POST_META}"), "#4e79a7", "star"),
    NodeType(
        COMMENT,
        _props(
            f"id text position:INT64 thread source start:INT64 end:INT64 deleted:BOOLEAN {_POST_META} stub:BOOLEAN "
            "quotes_stated:BOOLEAN"
        ),
        "#bab0ac",
        "dot",
    ),
    # handle: the account's user name as the platform writes it, without host, where it is not the name shown
    NodeType(AUTHOR, _props("id name platform email guest:BOOLEAN handle"), "#f28e2b", "dot"),
    NodeType(PERSON, _props("id name aliases:STRING[] evidence"), "#e15759", "diamond"),
    NodeType(PLACE, _props("id name aliases:STRING[] evidence"), "#59a14f", "triangle"),
    NodeType(ORGANIZATION, _props("id name aliases:STRING[] evidence"), "#b07aa1", "square"),
    NodeType(SOURCE, _props("id url domain"), "#76b7b2", "box"),
)

_SPAN = "text start:INT64 end:INT64 sentence"
RELATIONSHIPS: tuple[RelType, ...] = (
    RelType(WROTE, ((AUTHOR, ARTICLE), (AUTHOR, COMMENT)), _props("id")),
    RelType(
        REPLY_TO,
        ((COMMENT, COMMENT), (COMMENT, ARTICLE)),
        _props(f"id inferred:BOOLEAN confidence:DOUBLE article_probability:DOUBLE evidence rule {_SPAN} model"),
    ),
    RelType(
        MENTIONS,
        tuple((p, t) for p in POST_LABELS for t in (*ENTITY_LABELS, AUTHOR)),
        _props(f"id {_SPAN} sentiment:DOUBLE inferred:BOOLEAN"),
    ),
    # id_key: the part of the id besides its ends (``edge_id``) of a quote of an Article, which may be a stub root that
    # the quote moves off onto its post (``store.settling.moved``): there it takes the id it has as a quote of the post
    RelType(
        QUOTES,
        tuple((p, t) for p in POST_LABELS for t in (PERSON, AUTHOR, COMMENT, ARTICLE)),
        _props(f"id {_SPAN} inferred:BOOLEAN model id_key"),
    ),
    RelType(CITES, tuple((p, SOURCE) for p in POST_LABELS), _props(f"id url {_SPAN}")),
    # a post passed on from another account or channel as it was (a Telegram forward): who is amplified
    RelType(FORWARDS, tuple((p, AUTHOR) for p in POST_LABELS), _props("id name")),
)

_NODE_BY_LABEL = {n.label: n for n in NODES}
_REL_BY_TYPE = {r.type: r for r in RELATIONSHIPS}
_LABEL_BY_PREFIX = {n.label.lower(): n.label for n in NODES}


def node_type(label: str) -> NodeType:
    return _NODE_BY_LABEL[label]


def rel_type(type_: str) -> RelType:
    return _REL_BY_TYPE[type_]


_KNOWN_NAMES = {
    "label": tuple(n.label for n in NODES),
    "relationship type": tuple(r.type for r in RELATIONSHIPS),
    "property": tuple(sorted({p.name for t in (*NODES, *RELATIONSHIPS) for p in t.props})),
}


def unknown_name(kind: str, name: str) -> str | None:
    """The message for a ``kind`` ("label", "relationship type", "property", or "table": either of the first
    two, which the embedded engine does not tell apart) a query names that the schema does not have, with the
    schema's closest name whatever its case: a typo would find nothing and say nothing. None for a schema name,
    which a store may simply hold none of yet."""
    kinds = ("label", "relationship type") if kind == "table" else (kind,)
    known = {n.lower(): (k, n) for k in kinds for n in _KNOWN_NAMES[k]}
    if known.get(name.lower(), ("", ""))[1] == name:
        return None
    if close := difflib.get_close_matches(name.lower(), known, n=1, cutoff=0.6):
        closest_kind, closest = known[close[0]]
        return f"no {closest_kind} {name} in the store or the schema (did you mean {closest}?)"
    listed = "" if kind == "property" else f" ({', '.join(n for _, n in known.values())})"
    return f"no {' or '.join(kinds)} {name} in the store or the schema{listed}"


# Personal data that views and exports leave out unless the user asks for it.
PERSONAL_PROPS = ("email",)
# Record identifiers, which may look like e-mail addresses (a Message-ID) without being one.
IDENTIFIER_PROPS = ("id", "source_id", "url")


@functools.lru_cache(maxsize=1 << 16)  # asked at each of a writer's posts by reading ahead, extraction and the graph
def writer_id(platform: str, name: str, key: str = "", guest: bool = False) -> str:
    """Id of the Author of a post that shows ``name``: the account ``key`` (or, without one, the
    account of that name), or the guest of that name (or of that ``key``), who is never the account."""
    return guest_id(platform, name, key) if guest else author_id(platform, key or name)


def guest_id(platform: str, name: str, key: str = "") -> str:
    """Id of a guest author (a name typed without an account), never the id of an account of that
    name: the ``key`` the input gives the guest (a Disqus guest's e-mail address), so two guests
    typing one name stay two and one guest typing two names stays one; without a key, the name
    exactly as typed."""
    return f"author:{platform}-guest:{_digest('key', key) if key else _digest(name)}"


def label_of(node_id: str) -> str:
    """The label of a node from its id: every id starts with its label's prefix."""
    return _LABEL_BY_PREFIX[node_id.partition(":")[0]]


@functools.lru_cache(maxsize=1 << 14)  # entity resolution asks for each name's at each of its mentions
def slug(text: str) -> str:
    """Lower-case ASCII form of a name, used for readable ids that merge spelling variants."""
    norm = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]+", "-", norm.lower()).strip("-")


def _digest(*parts: object) -> str:
    return _hex("\x1f".join(map(str, parts)))


def _hex(joined: str) -> str:
    """The digest of parts joined by U+001F (the ids asked for at every post build that string themselves)."""
    # surrogatepass: an id never fails on a lone surrogate, whatever a reader passes
    return hashlib.sha1(joined.encode("utf-8", "surrogatepass")).hexdigest()[:16]


@functools.lru_cache(maxsize=1 << 12)  # readers ask for it at each comment of a thread
def article_id(platform: str, key: str) -> str:
    """Id of a thread root from its origin (source id, url, or title and date)."""
    return f"article:{_digest(platform, key)}"


# Keys that name a post across its platform, not within its thread, by platform: a Hacker News item id (digits;
# rows a table says are of Hacker News known by keys of their own, ids or places, are known within their threads),
# and a Mastodon or Bluesky post's address (a uri; a Mastodon status another server knows by its local id alone is
# known within its thread). A reader that lacks a post's ancestors takes the top of the chain it holds for the
# thread's root, so a post read with more of its thread later would have another thread, and was another node.
_GLOBAL_KEYS: dict[str, Callable[[str], bool]] = {
    "hackernews": lambda key: key.isascii() and key.isdigit(),
    "mastodon": lambda key: "://" in key,
    "bluesky": lambda key: "://" in key,
}


def post_id(platform: str, thread: str, key: str) -> str:
    """Id of a comment from its origin key (source id, or position and text) and thread, or from its key alone where
    that names the post on its platform (``_GLOBAL_KEYS``): the same post read in another thread is one node."""
    names = _GLOBAL_KEYS.get(platform)
    scope = "" if names is not None and names(key) else thread
    return "comment:" + _hex(f"{platform}\x1f{scope}\x1f{key}")


def stub_root(platform: str, key: str) -> str | None:
    """The id of the stub Article standing for the post ``key`` where ``key`` names it on its platform
    (``_GLOBAL_KEYS``), else None: a reader that does not know the post's thread makes it the root of a thread of its
    own (``article_id``), and the post read later is a Comment of its real thread (``post_id``, of its key alone),
    into which a store settles the stub."""
    names = _GLOBAL_KEYS.get(platform)
    return article_id(platform, key) if names is not None and names(key) else None


def post_ids(platform: str, threads: Iterable[str], keys: Iterable[str]) -> list[str]:
    """``post_id`` of each pair of ``threads`` and ``keys``, for a reader that makes a column of them."""
    return [post_id(platform, t, k) for t, k in zip(threads, keys, strict=True)]


# Platforms whose account names are case-insensitive: there, names differing only in case are
# one account and one Author. Reddit: its own API client compares user names case-insensitively
# (PRAW, praw/models/reddit/base.py, RedditBase.__eq__). Hacker News: "The user's unique username.
# Case-sensitive." (HackerNews/API, README, Users). Discourse: a user is found by ``username_lower``, and
# its own pages link a user "Yogesh1" as /u/yogesh1. Telegram: "@Name" and "@name" are one username
# (ids such as "user123" are lower case anyway). Mastodon: accounts are found by user name and host
# without regard to case. Disqus user names, mailing-list senders,
# names on scraped pages and tabular inputs have no documented rule, so they are kept exactly.
CASE_INSENSITIVE_NAMES = frozenset({"reddit", "discourse", "telegram", "mastodon"})
# Platforms where an account's Author without a handle is shown by its user name: the name is the account
# (Reddit, Hacker News, Bluesky), or the reader gives every account's user name, kept as the handle unless it is
# the name (Discourse, Mastodon, a Disqus user). A lookup by user name ("@name") falls back to the name of such an
# account (``$account_platforms``), never to a name typed without an account (tabular inputs, scraped pages, mail,
# a Disqus guest) or a display name whose user name the input does not give (Telegram, YouTube).
ACCOUNT_PLATFORMS = ("bluesky", "discourse", "disqus", "hackernews", "mastodon", "reddit")
# An e-mail address as people write one. It starts where a run of local-part characters starts and
# its parts are bounded (RFC 5321 limits), so a search stays linear in long unbroken text.
_LOCAL = r"[\w.!#$%&*+=?^{|}~-]"
_ADDRESS = re.compile(rf"(?<!{_LOCAL}){_LOCAL}{{1,64}}@[\w-]{{1,63}}(?:\.[\w-]{{1,63}})+")
_MAX_KEY = 100


_MASTODON_ADDRESS = re.compile(r"@?([\w.-]+)@([\w-]+(?:\.[\w-]+)*)")


def mastodon_account_id(given: str) -> str:
    """The Author id of a Mastodon account written as people write one, ``@user@host`` or ``user@host``, in the
    ``host/@user`` form the store keeps; "" for any other text. A lookup takes it, as a handle names no host."""
    found = _MASTODON_ADDRESS.fullmatch(given.strip())
    return author_id("mastodon", mastodon_account(found[1], found[2])) if found else ""


def mastodon_account(user: str, host: str) -> str:
    """A Mastodon account as its profile address writes it, ``host/@user``, the name its Author id keys: the
    ``user@host`` form would read as an e-mail address, which ids and views keep hidden."""
    if not user or not host:
        raise ValueError("an account without a user name or a host")
    return f"{host}/@{user}"


@functools.lru_cache(maxsize=1 << 16)  # a writer's id is asked for at each of their posts and mentions
def author_id(platform: str, name: str) -> str:
    """Id of the account ``name`` on ``platform``: the name exactly (case-folded where the platform
    ignores case), percent-encoded so any name is a safe, readable id. Two names the platform
    tells apart never share an id: reddit:brad_isherwood is not reddit:brad-isherwood, nor is
    reddit:alice disqus:alice. A name holding an e-mail address, or a very long one, is
    represented by its digest, so no address is part of an id."""
    key = name.lower() if platform in CASE_INSENSITIVE_NAMES else name
    shown = quote(key, safe="", errors="surrogatepass")
    if len(shown) > _MAX_KEY or addresses(key):
        shown = f"#{_digest(platform, key)}"  # '#' is never part of a percent-encoded name
    return f"author:{quote(platform, safe='')}:{shown}"


def author_handle(handle: str, name: str) -> str:
    """An Author's ``handle``: the account's user name, "" where it is the ``name`` shown (nothing more to look
    up by); an e-mail address in it is cut to its local part, as in a name."""
    handle = without_addresses(handle.strip())
    return "" if handle == name else handle


def addresses(text: str) -> list[str]:
    """The e-mail addresses in ``text`` (e.g. an author name that is an address)."""
    return _ADDRESS.findall(text) if "@" in text else []


def mask_addresses(text: str) -> str:
    """``text`` with the domain of each e-mail address blotted out character for character
    ("bob@example.com" → "bob@•••••••••••"), so offsets into it stay valid."""

    def blot(match: re.Match[str]) -> str:
        local, _, domain = match.group().partition("@")
        return f"{local}@{'•' * len(domain)}"

    return _ADDRESS.sub(blot, text) if "@" in text else text


def masked(value: Any) -> Any:
    """A value for showing without personal data: e-mail addresses in its strings masked, and in
    its maps (properties, a node a query returned) personal properties left out and ids kept."""
    if isinstance(value, str):
        return mask_addresses(value)
    if isinstance(value, list):
        return [masked(v) for v in value]
    if isinstance(value, dict):
        return {k: v if k in IDENTIFIER_PROPS else masked(v) for k, v in value.items() if k not in PERSONAL_PROPS}
    return value


def without_addresses(name: str) -> str:
    """``name`` with each e-mail address replaced by its local part ("bob@example.com" → "bob"),
    so an author's name shows no address."""
    return _ADDRESS.sub(lambda m: m.group().split("@", 1)[0], name) if "@" in name else name


def entity_id(label: str, canonical: str) -> str:
    return f"{label.lower()}:{slug(canonical) or _digest(canonical)}"


EVIDENCE_SEPARATOR = "; "  # an entity's evidence: why its label, then why each form joined it


def merge_evidence(stored: str | None, new: str | None) -> str:
    """A stored entity's evidence with the merge reasons of a later extraction that it lacks: the label's
    reason stays the one first stored, as the label and id do."""
    parts = (stored or "").split(EVIDENCE_SEPARATOR) if stored else []
    more = (new or "").split(EVIDENCE_SEPARATOR)[1:]
    return EVIDENCE_SEPARATOR.join(parts + [p for p in more if p and p not in parts]) or (new or "")


def source_id(url: str) -> str:
    return f"source:{_digest(url)}"


def edge_id(type_: str, source: str, target: str, key: object = "") -> str:
    """The id of an edge of ``type_``: of its ends, and ``key`` where two edges of the type may join them (a quote's
    or a mention's place in the post). An edge of a type with an ``id_key`` property (QUOTES) into an Article that may
    be a stub root keeps ``key`` in it (``edge_key``): settled into its post, the stub passes the edge on with the id
    it has there."""
    return f"{type_.lower()}:" + _hex(f"{source}\x1f{target}\x1f{key}")


def edge_key(type_: str, target: str, key: object, platform: str) -> str | None:
    """The ``id_key`` property of an edge of ``type_`` from a post of ``platform`` into ``target`` whose id ``key``
    made (``edge_id``): the key as text where the type has the property and ``target`` is an Article of a platform
    whose posts a stub root may stand for (``stub_root``): only an edge into a stub root moves onto another end
    (``store.settling.moved``). Else None: a mailing list's quotes of its first mail would hold each quoted line
    again."""
    if key == "" or platform not in _GLOBAL_KEYS or "id_key" not in rel_type(type_).names:
        return None
    return str(key) if _LABEL_BY_PREFIX.get(target.partition(":")[0]) == ARTICLE else None


def edge_ids(type_: str, sources: Iterable[str], targets: Iterable[str]) -> list[str]:
    """``edge_id`` of each pair of ``sources`` and ``targets`` (no key), for a load that makes a column of them:
    the same ids, without two calls a pair."""
    prefix, sha1 = f"{type_.lower()}:", hashlib.sha1
    return [
        prefix + sha1(f"{a}\x1f{b}\x1f".encode("utf-8", "surrogatepass")).hexdigest()[:16]
        for a, b in zip(sources, targets, strict=True)
    ]
