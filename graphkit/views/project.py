"""Projections of the stored graph into the graphs each view kind draws, computed by the store.

A view kind is one aggregating Cypher query per relationship type it draws: each evidence
edge whose owning post is in scope maps to a pair of view nodes (a post's speaker is its
author, the article itself when it has none, or one anonymous node per thread for unsigned
comments), and the store counts the edges per pair (``weight``), the inferred ones and the
mean tone. Python receives pairs, never posts (the ``thread`` and ``all`` kinds draw posts
as nodes, so there a pair is an edge); after trimming (``select.py``) the evidence and names
of what is shown only are read (``describe.py``).
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field

import networkx as nx

from .. import schema
from ..store import Store, prop
from .scope import Scope

__all__ = [
    "ANONYMOUS",
    "SNIPPETS",
    "ANONYMOUS_PREFIX",
    "DOMAIN_PREFIX",
    "Part",
    "Kind",
    "KINDS",
    "PROJECTIONS",
    "Pair",
    "View",
    "first_text",
    "head",
    "pairs",
    "evidence",
    "by_key",
    "scope_posts",
    "post_count",
    "every_node",
    "domain_urls",
]

ANONYMOUS = "Anonymous"
SNIPPETS = 3  # pieces of evidence an edge shows
ANONYMOUS_PREFIX = "anonymous:"
DOMAIN_PREFIX = "domain:"
_EVIDENCE_PROPS = ("sentence", "text", "evidence", "url")


@dataclass
class View:
    """A view graph (see ``describe.py``) plus the words the page and summary use to describe it."""

    kind: str
    what: str
    out_count: str
    in_count: str
    graph: nx.MultiDiGraph = field(default_factory=nx.MultiDiGraph)
    notes: list[str] = field(default_factory=list)


def first_text(*exprs: str) -> str:
    """Cypher for the first of ``exprs`` that is a non-empty string (null when none is)."""
    return "CASE " + " ".join(f"WHEN {e} <> '' THEN {e}" for e in exprs) + " END"


def speaker(post: str, writer: str) -> str:
    """Cypher for the view node that speaks for ``post`` (see the module docstring); on a
    node that is not a post (a person quoted) it is that node."""
    anonymous = f"'{ANONYMOUS_PREFIX}' + {post}.thread"
    return f"coalesce({writer}.id, CASE WHEN {post}.thread IS NULL THEN {post}.id ELSE {anonymous} END)"


def _writer(var: str, post: str) -> str:
    return f"OPTIONAL MATCH ({var}:{schema.AUTHOR})-[:{schema.WROTE}]->({post})"


def _evidence(type_: str, rel: str = "r") -> list[str]:
    names = schema.rel_type(type_).names
    return [prop(rel, p) for p in _EVIDENCE_PROPS if p in names]


@dataclass(frozen=True)
class Part:
    """One relationship type of a kind: the pattern (owning post ``p``, edge ``r``), optional
    matches for writers, and Cypher for the pair's ends (``su``, ``sv``), the authors they stand
    for (``au``, ``av``, for ``--author``; none: the ends themselves), the evidence text, tone and
    inferred flag."""

    key: str
    match: str
    owner_label: str | None
    su: str
    sv: str
    evidence: str
    au: str = ""
    av: str = ""
    writers: str = ""
    tone: str = ""
    inferred: str = ""


@dataclass(frozen=True)
class Kind:
    """A view kind: its parts and the words the page uses; ``posts`` when every post in scope is a node."""

    name: str
    what: str
    out_count: str
    in_count: str
    parts: tuple[Part, ...]
    posts: bool = False


def _speaker_part(type_: str, target: str, sv: str, writers: str = "", evidence: tuple[str, ...] = ()) -> Part:
    return Part(
        key=type_,
        match=f"({{p}})-[r:{type_}]->({target})",
        owner_label=None,
        su=speaker("p", "a"),
        sv=sv,
        evidence=first_text(*_evidence(type_), *evidence),
        writers=_writer("a", "p") + (f"\n{writers}" if writers else ""),
        tone="r.sentiment" if "sentiment" in schema.rel_type(type_).names else "",
    )


_REPLIES = Part(
    key=schema.REPLY_TO,
    match=f"({{p}})-[r:{schema.REPLY_TO}]->(q)",
    owner_label=schema.COMMENT,
    su=speaker("p", "a"),
    sv=speaker("q", "b"),
    evidence=first_text(*_evidence(schema.REPLY_TO), "p.text"),
    writers=f"{_writer('a', 'p')}\n{_writer('b', 'q')}",
    inferred="r.inferred",
)
_DOMAIN = f"'{DOMAIN_PREFIX}' + {first_text('s.domain', 's.url', 's.id')}"


def _all_part(type_: str) -> Part:
    """Every stored edge of one type as it is; a WROTE edge belongs to the post it points to."""
    evidence = _evidence(type_)
    common = {"key": type_, "owner_label": None, "evidence": first_text(*evidence) if evidence else ""}
    if schema.rel_type(type_).owner_is_target:
        match = f"(u:{schema.AUTHOR})-[r:{type_}]->({{p}})"
        return Part(match=match, su="u.id", sv="p.id", au="u.id", av="u.id", **common)
    return Part(
        match=f"({{p}})-[r:{type_}]->(v)",
        su="p.id",
        sv="v.id",
        au="coalesce(a.id, p.id)",
        av="coalesce(b.id, v.id)",
        writers=f"{_writer('a', 'p')}\n{_writer('b', 'v')}",
        tone="r.sentiment" if "sentiment" in schema.rel_type(type_).names else "",
        **common,
    )


PROJECTIONS: dict[str, Kind] = {
    k.name: k
    for k in (
        Kind("replies", "who replies to whom", "replies sent", "replies received", (_REPLIES,)),
        Kind(
            "mentions",
            "who mentions whom and what (edge colour: mean tone)",
            "mentions made",
            "times mentioned",
            (_speaker_part(schema.MENTIONS, "t", "t.id"),),
        ),
        Kind(
            "citations",
            "who cites which source domains",
            "links posted",
            "times cited",
            (_speaker_part(schema.CITES, f"s:{schema.SOURCE}", _DOMAIN),),
        ),
        Kind(
            "quotes",
            "who quotes or forwards whom (the article included)",
            "quotes made",
            "times quoted",
            (
                _speaker_part(schema.QUOTES, "t", speaker("t", "b"), _writer("b", "t")),
                _speaker_part(schema.FORWARDS, f"t:{schema.AUTHOR}", "t.id", evidence=("'forwarded from ' + r.name",)),
            ),
        ),
        Kind(
            "thread",
            "the reply trees of the threads (posts as nodes)",
            "replies",
            "replies received",
            (
                Part(
                    key=schema.REPLY_TO,
                    match=f"({{p}})-[r:{schema.REPLY_TO}]->(q)",
                    owner_label=schema.COMMENT,
                    su="p.id",
                    sv="q.id",
                    au="coalesce(a.id, p.id)",
                    av="coalesce(b.id, q.id)",
                    evidence=first_text(*_evidence(schema.REPLY_TO)),
                    writers=f"{_writer('a', 'p')}\n{_writer('b', 'q')}",
                    inferred="r.inferred",
                ),
            ),
            posts=True,
        ),
        Kind(
            "all",
            "the full property graph",
            "relationships out",
            "relationships in",
            tuple(_all_part(r.type) for r in schema.RELATIONSHIPS),
            posts=True,
        ),
    )
}
KINDS = tuple(PROJECTIONS)


@dataclass
class Pair:
    """One aggregated view edge (``key`` is its relationship type), the authors its ends stand
    for, and up to ``SNIPPETS`` of the stored edges it counts (the first by post and edge id, as
    "post edge"), to show evidence from."""

    u: str
    v: str
    key: str
    au: str
    av: str
    weight: int
    inferred: int
    tone: float | None
    posts: list[str]


def by_key(var: str, label: str, keys: str) -> str:
    """Cypher binding ``var`` to each node of ``label`` whose id is in the list parameter ``keys``; the
    patterns that start from it go in an ``OPTIONAL MATCH`` (and rows without them are dropped after).
    The embedded engine follows the edges of those nodes only when the pattern is optional: as one
    pattern with the key inside (``MATCH (p:L {id: i})-[r]->(q)``), or in a ``MATCH`` after this one, it
    hashes every edge of the type in the store first, which fills its page cache on a big store."""
    return f"UNWIND ${keys} AS wanted\nMATCH ({var}:{label}) WHERE {var}.id = wanted\n"


def head(part: Part, scope: Scope, writers: bool = True) -> str:
    """MATCH of one part over the posts in scope, with its writers unless the query does not need them
    (the embedded engine holds every row matched so far in its page cache to join them)."""
    owner = "p" + (f":{part.owner_label}" if part.owner_label else "")
    found = f"MATCH {part.match.format(p=owner)}\n{scope.where('p', part.owner_label)}\n"
    return found + (f"{part.writers}\n" if writers else "")


def pairs(store: Store, kind: str, scope: Scope, snippets: int) -> Iterator[Pair]:
    """The aggregated edges of ``kind`` over the posts in ``scope``, counted by the store."""
    for part in PROJECTIONS[kind].parts:
        inferred = f"sum(CASE WHEN {part.inferred} THEN 1 ELSE 0 END)" if part.inferred else "0"
        tone = f"avg({part.tone})" if part.tone else "0"
        post, posts = ("", "[]")
        if part.evidence:  # edges to show evidence from, as "post edge" (a post may have several to one node)
            order, posts = store.first_of("post", snippets)
            post = f", p.id + ' ' + coalesce(r.id, '') AS post{order}"
        ends, keys = f"{part.su} AS su, {part.sv} AS sv", "su, sv"
        if part.au:
            ends, keys = f"{ends}, {part.au} AS au, {part.av} AS av", f"{keys}, au, av"
        cypher = (
            f"{head(part, scope)}WITH {ends}, r{post}\n"
            f"RETURN {keys}, count(r) AS weight, {inferred} AS inferred, {tone} AS tone, {posts} AS posts"
        )
        for row in store.query(cypher, scope.params).rows:
            su, sv, *authors, weight, n_inferred, mean, posts = row
            au, av = authors or (su, sv)
            yield Pair(su, sv, part.key, au, av, int(weight), int(n_inferred), mean if part.tone else None, posts)


def evidence(store: Store, kind: str, shown: list[Pair]) -> dict[tuple[str, str], str]:
    """The evidence text of the edges the shown pairs name in ``posts``, keyed by ("post edge", key):
    the posts are looked up by key, then their edges of the pair's type told apart by id."""
    out = {}
    for part in PROJECTIONS[kind].parts:
        if not part.evidence:
            continue
        wanted = {ref for e in shown if e.key == part.key for ref in e.posts}
        for label in schema.POST_LABELS if part.owner_label is None else (part.owner_label,):
            posts = sorted({ref.split(" ")[0] for ref in wanted if schema.label_of(ref) == label})
            if not posts:
                continue
            cypher = (
                f"{by_key('p', label, 'posts')}OPTIONAL MATCH {part.match.format(p='p')}\n"
                f"WITH p.id + ' ' + coalesce(r.id, '') AS ref, {part.evidence} AS ev\n"
                "WHERE ev IS NOT NULL\nRETURN ref, ev"
            )
            for ref, text in store.query(cypher, {"posts": posts}).rows:
                if ref in wanted:
                    out[ref, part.key] = text
    return out


def scope_posts(store: Store, scope: Scope) -> Iterator[tuple[str, str]]:
    """Every post in scope with the author it stands for (its writer, else itself)."""
    for label in schema.POST_LABELS:
        cypher = f"MATCH (p:{label}) {scope.where('p', label)}\n{_writer('a', 'p')}\nRETURN p.id, coalesce(a.id, p.id)"
        yield from ((post, author) for post, author in store.query(cypher, scope.params).rows)


def post_count(store: Store) -> int:
    """How many posts the store holds."""
    return sum(store.query(f"MATCH (p:{label}) RETURN count(p)").rows[0][0] for label in schema.POST_LABELS)


def every_node(store: Store) -> Iterator[str]:
    """Every stored node's id (the unfiltered ``all`` view shows nodes without edges too)."""
    for node in schema.NODES:
        yield from (row[0] for row in store.query(f"MATCH (n:{node.label}) RETURN n.id").rows)


def domain_urls(store: Store, scope: Scope, snippets: int) -> dict[str, list[str]]:
    """Up to ``snippets`` addresses cited (the first in order) of each source domain in scope."""
    part = PROJECTIONS["citations"].parts[0]
    order, urls = store.first_of("url", snippets)
    cypher = (
        f"{head(part, scope, writers=False)}WITH {part.sv} AS d, {first_text('r.url', 's.url')} AS url\n"
        f"WHERE url IS NOT NULL\nWITH DISTINCT d, url{order}\nRETURN d, {urls}"
    )
    return dict(store.query(cypher, scope.params).rows)
