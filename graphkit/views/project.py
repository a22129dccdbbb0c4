"""Projections of the stored graph into the graphs each view kind draws, computed by the store.

A view kind is one aggregating Cypher query per relationship type it draws: each evidence
edge whose owning post is in scope maps to a pair of view nodes (a post's speaker is its
author, the article itself when it has none, or one anonymous node per thread for unsigned
comments), and the store counts the edges per pair (``weight``), the inferred ones and the
mean tone. Python receives pairs, never posts (the ``thread`` and ``all`` kinds draw posts
as nodes, so there a pair is an edge); after trimming (``select.py``) the evidence and names
of what is shown only are read (``describe.py``).

A view of many posts cut to its most central nodes is ranked first: the store counts the edges at
each node (``strengths``), and only the pairs among the nodes kept are aggregated (``pairs_among``),
a bounded number of their edges per query. There a post's speaker is matched in two queries, one
for signed posts (their writer) and one for unsigned ones (``NOT EXISTS`` a writer): an optional
writer makes the embedded engine hold every edge's row with both ends' names in its page cache.
On the embedded store, the ``replies`` view is ranked and counted from columns instead (``counted.py``).
"""

from __future__ import annotations

import functools
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from .. import schema
from ..store import Store, prop
from .scope import Scope

if TYPE_CHECKING:
    import networkx as nx

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
    "unsigned_speaker",
    "owners",
    "head",
    "pairs",
    "ranked",
    "strengths",
    "pairs_among",
    "CHUNK_EDGES",
    "EVIDENCE_BATCH",
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
# Edges one query of ``pairs_among`` aggregates at most (all of one speaker's when they have more):
# 150,000 replies with their writers fit the embedded engine's default 256 MB page cache.
CHUNK_EDGES = 100_000
# Posts one evidence query looks up: a whole view's evidence at once held its texts twice over, in the
# engine's result and in Python's rows (330 MB for the 350,000 posts of a million-comment view).
EVIDENCE_BATCH = 10_000


ViewEdge = tuple[str, str, str, dict[str, Any]]  # u, v, key (the edge type), attributes


@dataclass
class View:
    """A view graph's nodes and edges with their attributes (see ``describe.py``), in the order the page
    takes them, plus the words the page and summary use to describe it."""

    kind: str
    what: str
    out_count: str
    in_count: str
    nodes: dict[str, dict[str, Any]] = field(default_factory=dict)
    edges: list[ViewEdge] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)

    @functools.cached_property
    def graph(self) -> nx.MultiDiGraph:
        """The view as a networkx graph, for notebooks and scripts: the page needs none, and importing
        networkx took a fifth of a one-thread view's time."""
        import networkx as nx

        graph = nx.MultiDiGraph()
        graph.add_nodes_from(self.nodes.items())
        graph.add_edges_from(self.edges)
        return graph


def first_text(*exprs: str) -> str:
    """Cypher for the first of ``exprs`` that is a non-empty string (null when none is)."""
    return "CASE " + " ".join(f"WHEN {e} <> '' THEN {e}" for e in exprs) + " END"


def unsigned_speaker(post: str, label: str | None = None) -> str:
    """Cypher for the view node of ``post`` when it has no writer: the anonymous node of its thread,
    or itself when it has no thread (an article, or a node that is not a post, such as a person quoted).
    A variable labelled ``Article`` must not name a thread at all (the embedded engine refuses that)."""
    if label == schema.ARTICLE:
        return f"{post}.id"
    return f"CASE WHEN {post}.thread IS NULL THEN {post}.id ELSE '{ANONYMOUS_PREFIX}' + {post}.thread END"


def speaker(post: str, writer: str, label: str | None = None) -> str:
    """Cypher for the view node that speaks for ``post`` (see the module docstring), of ``label`` if given."""
    return f"coalesce({writer}.id, {unsigned_speaker(post, label)})"


def _writer(var: str, post: str, optional: bool = True) -> str:
    return f"{'OPTIONAL ' if optional else ''}MATCH ({var}:{schema.AUTHOR})-[:{schema.WROTE}]->({post})"


def _unsigned(post: str) -> str:
    return f"NOT EXISTS {{ MATCH ({post})<-[:{schema.WROTE}]-(:{schema.AUTHOR}) }}"


def _evidence(type_: str, rel: str = "r") -> list[str]:
    names = schema.rel_type(type_).names
    return [prop(rel, p) for p in _EVIDENCE_PROPS if p in names]


@dataclass(frozen=True)
class Part:
    """One relationship type of a kind: the pattern (owning post ``p``, edge ``r``), optional
    matches for writers, and Cypher for the pair's ends (``su``, ``sv``), the authors they stand
    for (``au``, ``av``, for ``--author``; none: the ends themselves), the evidence text, tone and
    inferred flag. ``u_post``/``v_post`` name the post variable whose speaker an end is (its
    writer ``a``/``b``, or ``_unsigned_speaker``), none when the end is the expression itself."""

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
    u_post: str = ""
    v_post: str = ""


@dataclass(frozen=True)
class Kind:
    """A view kind: its parts and the words the page uses; ``posts`` when every post in scope is a node."""

    name: str
    what: str
    out_count: str
    in_count: str
    parts: tuple[Part, ...]
    posts: bool = False


def _speaker_part(type_: str, target: str, sv: str = "", v_post: str = "", evidence: tuple[str, ...] = ()) -> Part:
    """A part whose owning post speaks to ``sv``, or to the speaker of the post ``v_post``."""
    return Part(
        key=type_,
        match=f"({{p}})-[r:{type_}]->({target})",
        owner_label=None,
        su=speaker("p", "a"),
        sv=speaker(v_post, "b") if v_post else sv,
        evidence=first_text(*_evidence(type_), *evidence),
        writers=_writer("a", "p") + (f"\n{_writer('b', v_post)}" if v_post else ""),
        tone="r.sentiment" if "sentiment" in schema.rel_type(type_).names else "",
        u_post="p",
        v_post=v_post,
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
    u_post="p",
    v_post="q",
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
                _speaker_part(schema.QUOTES, "t", v_post="t"),
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
    "post edge"), to show evidence from; ``toned`` edges have a tone (to merge two counts of a pair)."""

    u: str
    v: str
    key: str
    au: str
    av: str
    weight: int
    inferred: int
    tone: float | None
    posts: list[str]
    toned: int = 0


def by_key(var: str, label: str, keys: str) -> str:
    """Cypher binding ``var`` to each node of ``label`` whose id is in the list parameter ``keys``; the
    patterns that start from it go in an ``OPTIONAL MATCH`` (and rows without them are dropped after).
    The embedded engine follows the edges of those nodes only when the pattern is optional: as one
    pattern with the key inside (``MATCH (p:L {id: i})-[r]->(q)``), or in a ``MATCH`` after this one, it
    hashes every edge of the type in the store first, which fills its page cache on a big store."""
    return f"UNWIND ${keys} AS wanted\nMATCH ({var}:{label}) WHERE {var}.id = wanted\n"


def owners(part: Part, scope: Scope) -> tuple[str | None, ...]:
    """The labels of the owning posts each query of ``part`` starts from: its own (None: any node), or,
    when the scope lists its posts by key, every post label (a key is looked up in one label's index)."""
    if part.owner_label or not scope.keyed:
        return (part.owner_label,)
    return schema.POST_LABELS


def head(part: Part, scope: Scope, label: str | None, writers: bool = True) -> str:
    """MATCH of one part over the posts in scope of ``label`` (one of ``owners``), with its writers unless
    the query does not need them (the embedded engine holds every row matched so far in its page cache to
    join them). From posts listed by key, a post without such an edge gives a row with none, which counts nothing."""
    keys = scope.keys(label)
    if keys:
        found = f"{by_key('p', str(label), keys)}OPTIONAL MATCH {part.match.format(p='p')}\n"
    else:
        owner = "p" + (f":{label}" if label else "")
        found = f"MATCH {part.match.format(p=owner)}\n{scope.where('p', label)}\n"
    return found + (f"{part.writers}\n" if writers else "")


def _aggregate(store: Store, part: Part, snippets: int, su: str, sv: str) -> str:
    """The ``WITH … RETURN`` that counts the edges matched so far per pair of ends ``su``, ``sv``."""
    inferred = f"sum(CASE WHEN {part.inferred} THEN 1 ELSE 0 END)" if part.inferred else "0"
    tone = f"avg({part.tone}) AS tone, count({part.tone})" if part.tone else "0 AS tone, 0"
    post, posts = ("", "[]")
    if part.evidence:  # edges to show evidence from, as "post edge" (a post may have several to one node)
        order, posts = store.first_of("post", snippets)
        post = f", p.id + ' ' + coalesce(r.id, '') AS post{order}"
    ends, keys = f"{su} AS su, {sv} AS sv", "su, sv"
    if part.au:
        ends, keys = f"{ends}, {part.au} AS au, {part.av} AS av", f"{keys}, au, av"
    return (
        f"WITH {ends}, r{post}\n"
        f"RETURN {keys}, count(r) AS weight, {inferred} AS inferred, {tone} AS toned, {posts} AS posts"
    )


def _read_pairs(store: Store, part: Part, cypher: str, params: dict[str, Any]) -> Iterator[Pair]:
    for row in store.query(cypher, params).rows:
        su, sv, *authors, weight, n_inferred, mean, toned, posts = row
        au, av = authors or (su, sv)
        if weight:  # a post looked up by key that has no such edge counts none
            tone = mean if part.tone else None
            yield Pair(su, sv, part.key, au, av, int(weight), int(n_inferred), tone, posts, int(toned))


def _merged(found: Iterator[Pair], snippets: int) -> list[Pair]:
    """The pairs of one part counted in several queries (one per label of its owning posts), each pair
    as one query over all of them would count it."""
    out: dict[tuple[str, str, str, str], Pair] = {}
    for pair in found:
        ends = (pair.u, pair.v, pair.au, pair.av)
        if (seen := out.get(ends)) is None:
            out[ends] = pair
            continue
        toned = seen.toned + pair.toned
        tone = None if not toned else ((seen.tone or 0) * seen.toned + (pair.tone or 0) * pair.toned) / toned
        posts = sorted(seen.posts + pair.posts)[:snippets]
        weight, inferred = seen.weight + pair.weight, seen.inferred + pair.inferred
        out[ends] = Pair(*ends[:2], pair.key, *ends[2:], weight, inferred, tone, posts, toned)
    return list(out.values())


def _owned(store: Store, part: Part, scope: Scope, label: str | None, snippets: int) -> Iterator[Pair]:
    """The pairs of ``part`` over the posts in scope of ``label``; the owning post's end written for it."""
    su = speaker("p", "a", label) if part.u_post == "p" else part.su
    cypher = head(part, scope, label) + _aggregate(store, part, snippets, su, part.sv)
    return _read_pairs(store, part, cypher, scope.params)


def pairs(store: Store, kind: str, scope: Scope, snippets: int) -> Iterator[Pair]:
    """The aggregated edges of ``kind`` over the posts in ``scope``, counted by the store."""
    for part in PROJECTIONS[kind].parts:
        labels = owners(part, scope)
        found = (pair for label in labels for pair in _owned(store, part, scope, label, snippets))
        yield from _merged(found, snippets) if len(labels) > 1 else found


def ranked(kind: str) -> bool:
    """Whether ``strengths`` and ``pairs_among`` can rank and read the view: every part's owning post
    speaks for its edges (views of posts as nodes show every post instead)."""
    spec = PROJECTIONS[kind]
    return not spec.posts and all(part.u_post for part in spec.parts)


def _ends(part: Part, end: str) -> list[tuple[str, list[str], str]]:
    """The ways one end of ``part`` is matched: (an extra MATCH, conditions, the node) for a signed
    and an unsigned speaker, or the end's expression alone."""
    post, writer, plain = (part.u_post, "a", part.su) if end == "u" else (part.v_post, "b", part.sv)
    if not post:
        return [("", [], plain)]
    return [
        (_writer(writer, post, optional=False), [], f"{writer}.id"),
        ("", [_unsigned(post)], unsigned_speaker(post)),
    ]


def strengths(store: Store, kind: str, scope: Scope) -> tuple[dict[str, int], dict[str, int]]:
    """Every node of the view with its weighted degree (edges in and out, a self-loop twice, as
    ``select`` ranks them), and how many edges each speaker sends (what ``pairs_among`` reads per speaker)."""
    score: dict[str, int] = {}
    sent: dict[str, int] = {}
    for part in PROJECTIONS[kind].parts:
        for end in ("u", "v"):
            for extra, conditions, node in _ends(part, end):
                cypher = (
                    f"MATCH {part.match.format(p='p' + (f':{part.owner_label}' if part.owner_label else ''))}\n"
                    f"{extra}\n{scope.where('p', part.owner_label, *conditions)}\n"
                    f"RETURN {node} AS node, count(r) AS n"
                )
                for name, n in store.query(cypher, scope.params).rows:
                    score[name] = score.get(name, 0) + n
                    if end == "u":
                        sent[name] = sent.get(name, 0) + n
    return score, sent


def _batches(speakers: list[str], sent: dict[str, int]) -> Iterator[list[str]]:
    """``speakers`` in batches sending up to ``CHUNK_EDGES`` edges (or one speaker sending more)."""
    batch: list[str] = []
    edges = 0
    for name in speakers:
        if batch and edges + sent[name] > CHUNK_EDGES:
            yield batch
            batch, edges = [], 0
        batch.append(name)
        edges += sent[name]
    if batch:
        yield batch


def pairs_among(
    store: Store, kind: str, scope: Scope, snippets: int, nodes: set[str], sent: dict[str, int]
) -> Iterator[Pair]:
    """The aggregated edges of ``kind`` (as ``pairs``) between ``nodes`` only. The edges of signed
    speakers are followed from their authors, looked up by key a batch at a time (``sent`` says how
    many each has), so the store aggregates a bounded number of edges per query; those of unsigned
    speakers are matched by a condition. Pairs whose other end is not among ``nodes`` are dropped here:
    as a condition, the embedded engine compares each edge's end with every node in the list."""
    speakers = sorted(n for n in nodes if n in sent)
    authors = [n for n in speakers if not n.startswith(ANONYMOUS_PREFIX) and schema.label_of(n) == schema.AUTHOR]
    others = sorted(set(speakers) - set(authors))
    for part in PROJECTIONS[kind].parts:
        owner = "p" + (f":{part.owner_label}" if part.owner_label else "")
        writers = f"{_writer('b', part.v_post)}\n" if part.v_post else ""
        signed = (
            f"{by_key('a', schema.AUTHOR, 'speakers')}"
            f"OPTIONAL MATCH (a)-[:{schema.WROTE}]->{part.match.format(p=owner)}\n"
            f"{scope.where('p', part.owner_label)}\n{writers}{_aggregate(store, part, snippets, 'a.id', part.sv)}"
        )
        queries = [(signed, batch) for batch in _batches(authors, sent)]
        if others:
            condition = f"{unsigned_speaker('p')} IN $speakers"
            unsigned = (
                f"MATCH {part.match.format(p=owner)}\n{scope.where('p', part.owner_label, _unsigned('p'), condition)}\n"
                f"{writers}{_aggregate(store, part, snippets, unsigned_speaker('p'), part.sv)}"
            )
            queries.append((unsigned, others))
        for cypher, batch in queries:
            params = {**scope.params, "speakers": batch}
            yield from (pair for pair in _read_pairs(store, part, cypher, params) if pair.v in nodes)


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
            for i in range(0, len(posts), EVIDENCE_BATCH):
                for ref, text in store.query(cypher, {"posts": posts[i : i + EVIDENCE_BATCH]}).rows:
                    if ref in wanted:
                        out[ref, part.key] = text
    return out


def scope_posts(store: Store, scope: Scope) -> Iterator[tuple[str, str]]:
    """Every post in scope with the author it stands for (its writer, else itself)."""
    for label in schema.POST_LABELS:
        keys = scope.keys(label)
        posts = by_key("p", label, keys) if keys else f"MATCH (p:{label}) {scope.where('p', label)}\n"
        cypher = f"{posts}{_writer('a', 'p')}\nRETURN p.id, coalesce(a.id, p.id)"
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
    found: dict[str, set[str]] = {}
    for label in owners(part, scope):
        cypher = (
            f"{head(part, scope, label, writers=False)}WITH {part.sv} AS d, {first_text('r.url', 's.url')} AS url\n"
            f"WHERE url IS NOT NULL\nWITH DISTINCT d, url{order}\nRETURN d, {urls}"
        )
        for domain, first in store.query(cypher, scope.params).rows:
            found.setdefault(domain, set()).update(first)
    return {domain: sorted(first)[:snippets] for domain, first in found.items()}
