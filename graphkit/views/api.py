"""``render`` and ``notebook``: the two calls the CLI and notebook users make.

Both run the same pipeline: choose the posts (filters), project them into the view kind,
focus on an author, drop weak edges, keep the most central nodes, then write the page.
"""

from __future__ import annotations

import html
from datetime import date
from pathlib import Path

import networkx as nx

from ..errors import InputError
from .page import page_html, summary_line
from .project import PROJECTIONS, View, project
from .scope import Filters, match_authors, post_scope
from .select import drop_weak, focus, keep_top

__all__ = ["KINDS", "render", "notebook", "build_view", "Notebook"]

KINDS = tuple(PROJECTIONS)


def build_view(graph: nx.MultiDiGraph, kind: str, filters: Filters) -> View:
    """The trimmed view graph of one kind, with notes on everything the trimming left out."""
    if kind not in KINDS:
        raise InputError(f"unknown view kind {kind!r} (known: {', '.join(KINDS)})")
    scope, notes = post_scope(graph, filters)
    view = project(graph, kind, scope)
    view.notes[:0] = notes
    if filters.author:
        view.graph = focus(view.graph, match_authors(graph, filters.author))
    dropped = drop_weak(view.graph, filters.min_weight)
    if dropped:
        view.notes.append(f"{dropped} nodes with only edges lighter than {filters.min_weight} left out")
    total = view.graph.number_of_nodes()
    limit = min(filters.top or filters.max_nodes, filters.max_nodes)
    if total > limit:
        view.graph = keep_top(view.graph, limit)
        why = "top" if filters.top and filters.top <= filters.max_nodes else "max_nodes"
        view.notes.append(f"cut to the top {limit} of {total} nodes by weighted degree ({why}={limit})")
    return view


def _title(kind: str, filters: Filters) -> str:
    parts = [f"graphkit · {kind}"]
    parts += [f"{name} “{value}”" for name in ("thread", "author", "entity") if (value := getattr(filters, name))]
    return " · ".join(parts)


def _page(graph: nx.MultiDiGraph, kind: str, filters: Filters) -> tuple[str, str]:
    view = build_view(graph, kind, filters)
    return page_html(view, _title(kind, filters)), summary_line(view)


def render(
    graph: nx.MultiDiGraph,
    kind: str = "replies",
    path: str | Path = "out.html",
    thread: str | None = None,
    author: str | None = None,
    entity: str | None = None,
    since: str | date | None = None,
    until: str | date | None = None,
    min_weight: int = 1,
    top: int | None = None,
    max_nodes: int = 2000,
) -> str:
    """Write the explorer page of one view kind to ``path`` and return its one-line summary.

    Filters: ``thread`` (article id or part of its title), ``since``/``until`` (post dates;
    undated posts are then left out), ``entity`` (only posts that mention, quote or cite it),
    ``author`` (that author's node and its neighbours), ``min_weight`` (lighter edges go),
    ``top`` and ``max_nodes`` (keep that many nodes of highest weighted degree).
    Raises ``InputError`` when a filter matches nothing or a value is invalid.
    """
    filters = Filters(thread, author, entity, since, until, min_weight, top, max_nodes)
    page, summary = _page(graph, kind, filters)
    Path(path).write_text(page, encoding="utf-8")
    return summary


class Notebook:
    """A view for Jupyter: displays inline in a sandboxed iframe holding the whole page."""

    def __init__(self, page: str, summary: str, height: int = 650) -> None:
        self.html = page
        self.summary = summary
        self.height = height

    def _repr_html_(self) -> str:
        return (
            f'<iframe srcdoc="{html.escape(self.html)}" sandbox="allow-scripts allow-popups" '
            f'style="width:100%;height:{int(self.height)}px;border:0" title="graphkit view"></iframe>'
        )

    def __repr__(self) -> str:
        return f"<graphkit view: {self.summary}>"


def notebook(graph: nx.MultiDiGraph, kind: str = "replies", height: int = 650, **filters: object) -> Notebook:
    """The same page as ``render`` for inline display in Jupyter (same filter keywords)."""
    page, summary = _page(graph, kind, Filters(**filters))
    return Notebook(page, summary, height)
