"""``render`` and ``notebook``: the two calls the CLI and notebook users make.

Both run the same pipeline: choose the posts (filters), project them into the view kind,
focus on an author, drop weak edges, keep the most central nodes, then write the page.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

import networkx as nx

from ..errors import InputError
from .page import ExplorerNetwork
from .project import KINDS, View, project
from .scope import Filters, check_selected, match_authors, post_scope
from .select import drop_weak, focus, keep_top

__all__ = ["KINDS", "render", "notebook", "build_view"]


def build_view(graph: nx.MultiDiGraph, kind: str, filters: Filters) -> View:
    """The trimmed view graph of one kind, with notes on everything the trimming left out."""
    if kind not in KINDS:
        raise InputError(f"unknown view kind {kind!r} (known: {', '.join(KINDS)})")
    scope, notes = post_scope(graph, filters)
    view = project(graph, kind, scope)
    view.notes[:0] = notes
    check_selected(view.graph, filters, "entity")
    if filters.author:
        view.graph = focus(view.graph, match_authors(graph, filters.author))
        check_selected(view.graph, filters, "author")
    dropped = drop_weak(view.graph, filters.min_weight)
    if dropped:
        view.notes.append(f"{dropped} nodes with only edges lighter than {filters.min_weight} left out")
    check_selected(view.graph, filters, "top")
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


def _network(graph: nx.MultiDiGraph, kind: str, filters: Filters, **options: object) -> ExplorerNetwork:
    return ExplorerNetwork(build_view(graph, kind, filters), _title(kind, filters), **options)


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
    Raises ``InputError`` naming the filters when they leave nothing to show, or when a value is invalid.
    """
    filters = Filters(thread, author, entity, since, until, min_weight, top, max_nodes)
    net = _network(graph, kind, filters)
    # Not ``net.write_html``: it insists on an ``.html`` suffix and writes in the locale's encoding.
    Path(path).write_text(net.generate_html(), encoding="utf-8")
    return net.summary


def notebook(graph: nx.MultiDiGraph, kind: str = "replies", height: int = 650, **filters: object) -> ExplorerNetwork:
    """The same view as ``render`` for Jupyter (same filter keywords): a pyvis ``Network`` in
    notebook mode, drawn by our offline template.

    As a cell's value it shows inline as the whole page in a sandboxed ``srcdoc`` iframe. That
    is not what pyvis's notebook mode displays: ``net.show("name.html")`` (still available, and
    writing our page) returns an IPython ``IFrame`` whose ``src`` is that file, which only a
    notebook server serving files beside the notebook can resolve (VS Code, Colab and exported
    notebooks show an empty frame), and which then runs with the notebook server's origin. The
    ``srcdoc`` frame needs no file or server, and its sandbox has no same-origin access.
    """
    return _network(graph, kind, Filters(**filters), notebook=True, height=height)
