"""Filters that pick which posts and nodes a view is built from.

Posts are the unit of evidence: ``--thread``, ``--since``/``--until`` and ``--entity`` decide
which posts count, so every view kind filters the same way. ``--author`` instead focuses
a finished view on one participant and their neighbours.
"""

from __future__ import annotations

from dataclasses import dataclass, fields
from datetime import date, datetime

import networkx as nx

from .. import schema
from ..errors import InputError

__all__ = ["Filters", "post_scope", "match_authors", "parse_date", "check_selected"]

_DATE_FORMATS = ("%B %Y", "%d %B %Y", "%B %d, %Y", "%b %d, %Y", "%d %b %Y")
_EVIDENCE_TYPES = (schema.MENTIONS, schema.QUOTES, schema.CITES)
_ENTITY_TARGETS = (*schema.ENTITY_LABELS, schema.AUTHOR, schema.SOURCE)
_APPLY_ORDER = ("thread", "since", "until", "entity", "author", "min_weight", "top")


@dataclass(frozen=True)
class Filters:
    thread: str | None = None
    author: str | None = None
    entity: str | None = None
    since: str | date | None = None
    until: str | date | None = None
    min_weight: int = 1
    top: int | None = None
    max_nodes: int = 2000

    def __post_init__(self) -> None:
        for name in ("min_weight", "top", "max_nodes"):
            value = getattr(self, name)
            if value is not None and (not isinstance(value, int) or value < 1):
                raise InputError(f"{name} must be a positive whole number, not {value!r}")

    def given(self, last: str) -> list[str]:
        """The filters set, in the order they apply up to ``last``, written as the CLI options."""
        defaults = {f.name: f.default for f in fields(self)}
        out = []
        for name in _APPLY_ORDER[: _APPLY_ORDER.index(last) + 1]:
            value = getattr(self, name)
            if value not in (None, "", defaults[name]):
                out.append(f"--{name.replace('_', '-')} {repr(value) if isinstance(value, str) else value}")
        return out


def check_selected(graph: nx.MultiDiGraph, filters: Filters, last: str) -> None:
    """The one way every filter ends when it leaves nothing to show: an error naming the filters applied so far.
    With no filter set an empty graph stays a (empty) view of what there is."""
    given = filters.given(last)
    if graph.number_of_nodes() == 0 and given:
        raise InputError(f"nothing selected by {', '.join(given)}")


def parse_date(value: str | date | None) -> date | None:
    """A date from ISO text or the month-name forms scraped pages use ("JULY 2022")."""
    if value is None or isinstance(value, date):
        return value.date() if isinstance(value, datetime) else value
    text = str(value).strip()
    if not text:
        return None
    try:
        return datetime.fromisoformat(text.replace("Z", "+00:00")).date()
    except ValueError:
        pass
    for fmt in _DATE_FORMATS:
        try:
            return datetime.strptime(text, fmt).date()
        except ValueError:
            continue
    return None


def _thread_of(node: str, attrs: dict) -> str:
    return node if attrs["label"] == schema.ARTICLE else attrs.get("thread") or ""


def _post_dates(graph: nx.MultiDiGraph, posts: list[str]) -> dict[str, date | None]:
    """Each post's own date, or its article's when a comment has none."""
    own = {p: parse_date(graph.nodes[p].get("created") or graph.nodes[p].get("date")) for p in posts}
    out = {}
    for post in posts:
        thread = _thread_of(post, graph.nodes[post])
        out[post] = own[post] or own.get(thread)
    return out


def _match_threads(graph: nx.MultiDiGraph, wanted: str) -> set[str]:
    """An article by id, or every article whose title contains the text."""
    articles = [n for n, a in graph.nodes(data=True) if a.get("label") == schema.ARTICLE]
    if wanted in articles:
        return {wanted}
    folded = wanted.casefold()
    found = {n for n in articles if folded in (graph.nodes[n].get("title") or "").casefold()}
    if not found:
        raise InputError(f"no thread matches {wanted!r} (give an article id or part of its title)")
    return found


def _names(attrs: dict) -> list[str]:
    return [attrs.get("name") or "", attrs.get("domain") or "", *(attrs.get("aliases") or [])]


def _match_nodes(graph: nx.MultiDiGraph, wanted: str, labels: tuple[str, ...], what: str) -> set[str]:
    folded = wanted.casefold()
    found = {
        n
        for n, a in graph.nodes(data=True)
        if a.get("label") in labels and (n == wanted or any(folded == s.casefold() for s in _names(a) if s))
    }
    if not found:
        raise InputError(f"no {what} matches {wanted!r}")
    return found


def match_authors(graph: nx.MultiDiGraph, wanted: str) -> set[str]:
    """Author ids by id or by name (case-insensitive; the same name may exist on several platforms)."""
    return _match_nodes(graph, wanted, (schema.AUTHOR,), "author")


def post_scope(graph: nx.MultiDiGraph, filters: Filters) -> tuple[set[str], list[str]]:
    """The posts a view may draw evidence from, and notes on what the filters left out."""
    posts = [n for n, a in graph.nodes(data=True) if a.get("label") in schema.POST_LABELS]
    notes = []
    if filters.thread:
        threads = _match_threads(graph, filters.thread)
        posts = [p for p in posts if _thread_of(p, graph.nodes[p]) in threads]
    if filters.since or filters.until:
        since, until = parse_date(filters.since), parse_date(filters.until)
        for name, raw, parsed in (("since", filters.since, since), ("until", filters.until, until)):
            if raw and parsed is None:
                raise InputError(f"{name}: cannot read {raw!r} as a date (use YYYY-MM-DD)")
        dates = _post_dates(graph, posts)
        undated = sum(1 for p in posts if dates[p] is None)
        posts = [
            p
            for p in posts
            if dates[p] is not None and (since is None or dates[p] >= since) and (until is None or dates[p] <= until)
        ]
        if undated:
            notes.append(f"{undated} posts without a date left out")
    if filters.entity:
        targets = _match_nodes(graph, filters.entity, _ENTITY_TARGETS, "entity")
        posts = [
            p
            for p in posts
            if any(v in targets and d.get("type") in _EVIDENCE_TYPES for _, v, d in graph.out_edges(p, data=True))
        ]
    return set(posts), notes
