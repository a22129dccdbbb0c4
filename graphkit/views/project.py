"""Projections of the property graph into the graphs each view kind draws.

Every projection returns a ``View``: a MultiDiGraph keyed by relationship type whose nodes
carry ``label`` (a schema label, or ``ANONYMOUS``), ``name``, ``authors`` (the participant
ids behind the node, for ``--author``) and optional ``urls``/``aliases``/``text``, and whose
edges carry ``weight`` and up to ``SNIPPETS`` pieces of ``evidence``. Aggregating here keeps
the page small: one edge per pair and type, however many posts support it.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

import networkx as nx

from .. import schema

__all__ = ["View", "ANONYMOUS", "SNIPPETS", "PROJECTIONS", "KINDS", "project"]

ANONYMOUS = "Anonymous"
SNIPPETS = 3
_SNIPPET_CHARS = 280


@dataclass
class View:
    """A projected graph plus the words the page and summary use to describe it."""

    kind: str
    what: str
    out_count: str
    in_count: str
    graph: nx.MultiDiGraph = field(default_factory=nx.MultiDiGraph)
    notes: list[str] = field(default_factory=list)


def _clip(text: str) -> str:
    text = " ".join(text.split())
    return text if len(text) <= _SNIPPET_CHARS else text[: _SNIPPET_CHARS - 1] + "…"


class _Projector:
    """Shared lookups (who wrote what, how to name a post) for one projection run."""

    def __init__(self, graph: nx.MultiDiGraph, scope: set[str]) -> None:
        self.src = graph
        self.scope = scope
        self.writer = {v: u for u, v, t in graph.edges(data="type") if t == schema.WROTE}
        self.out = nx.MultiDiGraph()
        self.anonymous_threads: set[str] = set()

    def edges(self, *types: str):
        """Evidence edges of the given types whose owning post is in scope."""
        for u, v, attrs in self.src.edges(data=True):
            if attrs.get("type") in types and u in self.scope:
                yield u, v, attrs

    def name(self, node: str) -> str:
        attrs = self.src.nodes[node]
        label = attrs.get("label")
        if label == schema.ARTICLE:
            return attrs.get("title") or "article"
        if label == schema.COMMENT:
            who = self.writer.get(node)
            by = self.src.nodes[who].get("name") if who else "anonymous"
            return f"#{attrs.get('position') or '?'} {by}"
        if label == schema.SOURCE:
            return attrs.get("domain") or attrs.get("url") or node
        return attrs.get("name") or node

    def add_node(self, node: str) -> str:
        """Copy a property-graph node into the view with the attributes the page shows."""
        if node not in self.out:
            attrs = self.src.nodes[node]
            label = attrs.get("label")
            extra = {}
            if attrs.get("aliases"):
                extra["aliases"] = list(attrs["aliases"])
            if attrs.get("url"):
                extra["urls"] = [attrs["url"]]
            if label in schema.POST_LABELS:
                extra["text"] = _clip(attrs.get("text") or "")
            who = node if label == schema.AUTHOR else self.writer.get(node)
            self.out.add_node(node, label=label, name=self.name(node), authors={who} - {None}, **extra)
        return node

    def speaker(self, post: str) -> str:
        """The view node that speaks for a post: its author, the article itself when it
        has none, or one anonymous node per thread for unsigned comments."""
        who = self.writer.get(post)
        if who:
            return self.add_node(who)
        attrs = self.src.nodes[post]
        if attrs.get("label") == schema.ARTICLE:
            return self.add_node(post)
        thread = attrs.get("thread") or ""
        node = f"anonymous:{thread}"
        if node not in self.out:
            title = self.src.nodes[thread].get("title") if thread in self.src else None
            where = f" in “{_clip(title)[:60]}”" if title else ""
            self.out.add_node(node, label=ANONYMOUS, name=f"anonymous{where}", authors=set())
            self.anonymous_threads.add(thread)
        return node

    def link(self, u: str, v: str, key: str, evidence: str = "", **extra: float | bool) -> None:
        """Add one piece of support to the aggregated u→v edge of type ``key``."""
        if self.out.has_edge(u, v, key):
            data = self.out.edges[u, v, key]
            data["weight"] += 1
        else:
            self.out.add_edge(u, v, key=key, weight=1, evidence=[], tones=[], inferred=0)
            data = self.out.edges[u, v, key]
        if evidence and len(data["evidence"]) < SNIPPETS:
            data["evidence"].append(_clip(evidence))
        if extra.get("tone") is not None:
            data["tones"].append(float(extra["tone"]))
        if extra.get("inferred"):
            data["inferred"] += 1


def _evidence(attrs: dict) -> str:
    return attrs.get("sentence") or attrs.get("text") or attrs.get("evidence") or attrs.get("url") or ""


def _anonymous_note(p: _Projector) -> list[str]:
    n = len(p.anonymous_threads)
    return [f"anonymous comments grouped into one node per thread ({n})"] if n else []


def _replies(p: _Projector) -> View:
    for u, v, attrs in p.edges(schema.REPLY_TO):
        text = _evidence(attrs) or p.src.nodes[u].get("text") or ""
        p.link(p.speaker(u), p.speaker(v), schema.REPLY_TO, text, inferred=bool(attrs.get("inferred")))
    return View("replies", "who replies to whom", "replies sent", "replies received", p.out, notes=_anonymous_note(p))


def _mentions(p: _Projector) -> View:
    for u, v, attrs in p.edges(schema.MENTIONS):
        p.link(p.speaker(u), p.add_node(v), schema.MENTIONS, _evidence(attrs), tone=attrs.get("sentiment"))
    return View(
        "mentions",
        "who mentions whom and what (edge colour: mean tone)",
        "mentions made",
        "times mentioned",
        p.out,
        notes=_anonymous_note(p),
    )


def _citations(p: _Projector) -> View:
    for u, v, attrs in p.edges(schema.CITES):
        src = p.src.nodes[v]
        domain = src.get("domain") or src.get("url") or v
        node = f"domain:{domain}"
        if node not in p.out:
            p.out.add_node(node, label=schema.SOURCE, name=domain, authors=set(), urls=[])
        urls = p.out.nodes[node]["urls"]
        url = attrs.get("url") or src.get("url")
        if url and url not in urls and len(urls) < SNIPPETS:
            urls.append(url)
        p.link(p.speaker(u), node, schema.CITES, _evidence(attrs))
    return View("citations", "who cites which source domains", "links posted", "times cited", p.out, _anonymous_note(p))


def _quotes(p: _Projector) -> View:
    for u, v, attrs in p.edges(schema.QUOTES, schema.FORWARDS):
        label = p.src.nodes[v].get("label")
        target = p.speaker(v) if label in schema.POST_LABELS else p.add_node(v)
        evidence = _evidence(attrs) or (f"forwarded from {attrs['name']}" if attrs.get("name") else "")
        p.link(p.speaker(u), target, attrs["type"], evidence)
    return View(
        "quotes",
        "who quotes or forwards whom (the article included)",
        "quotes made",
        "times quoted",
        p.out,
        _anonymous_note(p),
    )


def _thread(p: _Projector) -> View:
    for post in sorted(p.scope, key=lambda n: (p.src.nodes[n].get("position") or 0, n)):
        p.add_node(post)
    for u, v, attrs in p.edges(schema.REPLY_TO):
        p.link(p.add_node(u), p.add_node(v), schema.REPLY_TO, _evidence(attrs), inferred=bool(attrs.get("inferred")))
    threads = sum(1 for n in p.scope if p.src.nodes[n].get("label") == schema.ARTICLE)
    what = "the reply tree of the thread" if threads == 1 else f"the reply trees of {threads} threads"
    return View("thread", f"{what} (posts as nodes)", "replies", "replies received", p.out)


def _all(p: _Projector) -> View:
    for post in sorted(p.scope):  # a set's order changes with the hash seed, and with it the layout
        p.add_node(post)
    for u, v, attrs in p.src.edges(data=True):
        owner = v if attrs.get("type") == schema.WROTE else u
        if owner in p.scope:
            p.link(p.add_node(u), p.add_node(v), attrs["type"], _evidence(attrs), tone=attrs.get("sentiment"))
    if len(p.scope) == sum(1 for _, a in p.src.nodes(data=True) if a.get("label") in schema.POST_LABELS):
        for node in p.src:
            p.add_node(node)
    return View("all", "the full property graph", "relationships out", "relationships in", p.out)


PROJECTIONS: dict[str, Callable[[_Projector], View]] = {
    "replies": _replies,
    "mentions": _mentions,
    "citations": _citations,
    "quotes": _quotes,
    "thread": _thread,
    "all": _all,
}
KINDS = tuple(PROJECTIONS)


def project(graph: nx.MultiDiGraph, kind: str, scope: set[str]) -> View:
    """Build the view graph of ``kind`` from the posts in ``scope``."""
    return PROJECTIONS[kind](_Projector(graph, scope))
