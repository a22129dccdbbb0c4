"""``render`` and ``notebook``: the two calls the CLI and notebook users make.

Both run the same pipeline: the store aggregates the edges of the view kind over the posts
the filters choose, then we focus on an author, drop weak edges and keep the most central
nodes, and the store describes only what is left; then the page is written. Without ``author``
and ``min_weight``, the most central nodes are known from counts per node, so the store ranks
them first and aggregates the edges among those only (``project.strengths``). On the embedded
store the whole-corpus replies view, with any of ``author``, ``min_weight`` and ``top``, is
counted and trimmed from columns instead (``counted.py``). A view of one thread, of any kind, lists
that thread's posts by key once and reads everything else from them (``scope.list_posts``): its few
pairs are all aggregated, then trimmed here. A networkx graph (a ``graph.json``, or one built in a
notebook) is put in a temporary embedded store first.
"""

from __future__ import annotations

import contextlib
import gc
import tempfile
from collections.abc import Iterable, Iterator
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, TypeAlias

from .. import schema
from ..errors import InputError
from ..store import Store, open_store
from .describe import describe
from .page import Page
from .project import (
    ANONYMOUS_PREFIX,
    KINDS,
    PROJECTIONS,
    SNIPPETS,
    View,
    every_node,
    pairs,
    pairs_among,
    post_count,
    ranked,
    scope_posts,
    strengths,
)
from .scope import Filters, Scope, check_selected, list_posts, match_authors, resolve_scope
from .select import Selection, drop_weak, focus, keep_top

if TYPE_CHECKING:
    import networkx as nx

    from .counted import Counted
    from .explorer import ExplorerNetwork

__all__ = ["KINDS", "render", "notebook", "build_view"]

# What looking up one edge's evidence by key costs against reading one edge again from the columns
# with its text: on a million comments, all replies read again took ~5 s, 211k references by key ~11 s.
KEY_COST = 10

Source: TypeAlias = "Store | nx.MultiDiGraph"


@contextlib.contextmanager
def _stored(source: Source) -> Iterator[Store]:
    """The store a view reads: ``source`` itself, or a networkx graph loaded into a temporary embedded store."""
    if isinstance(source, Store):
        yield source
        return
    with tempfile.TemporaryDirectory(prefix="graphkit-view-") as tmp, open_store("ladybug", path=f"{tmp}/g") as store:
        store.load(source)
        yield store


@contextlib.contextmanager
def _without_cycle_collection() -> Iterator[None]:
    """Python's cycle collector paused (as it was, after): a view allocates millions of objects that
    form no cycles (rows, pairs, graph and page items), and the collector's passes over them, freeing
    nothing, took a tenth of a whole-corpus view's time on a million comments."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


def _select(store: Store, kind: str, scope: Scope) -> tuple[Selection, str, list[str]]:
    """Every node and aggregated edge of the view over the scope, what it shows, and a note on
    grouped anonymous posts."""
    spec = PROJECTIONS[kind]
    selection = Selection()
    for pair in pairs(store, kind, scope, SNIPPETS):
        selection.add(pair)
    what, notes = spec.what, []
    if spec.posts:
        posts = dict(scope_posts(store, scope))
        for post, author in posts.items():
            selection.nodes.setdefault(post, author)
        if kind == "all" and len(posts) == post_count(store):
            for node in every_node(store):
                selection.nodes.setdefault(node, node)
        if kind == "thread":
            threads = sum(1 for post in posts if schema.label_of(post) == schema.ARTICLE)
            what = "the reply tree of the thread" if threads == 1 else f"the reply trees of {threads} threads"
            what += " (posts as nodes)"
    else:
        notes += _anonymous(selection.nodes)
    return selection, what, notes


def _anonymous(nodes: Iterable[str]) -> list[str]:
    anonymous = sum(1 for node in nodes if node.startswith(ANONYMOUS_PREFIX))
    return [f"anonymous comments grouped into one node per thread ({anonymous})"] if anonymous else []


def _limit(filters: Filters, total: int) -> tuple[int, str | None]:
    """How many nodes a view keeps, and the note when that cuts ``total``."""
    limit = min(filters.top or filters.max_nodes, filters.max_nodes)
    if total <= limit:
        return limit, None
    why = "top" if filters.top and filters.top <= filters.max_nodes else "max_nodes"
    return limit, f"cut to the top {limit} of {total} nodes by weighted degree ({why}={limit})"


def _top(score: dict[str, float], filters: Filters, notes: list[str]) -> tuple[list[str], str | None]:
    """The nodes a view keeps, most central first (none of none: ``build_view`` checks them), and the note saying
    how that cut them (None if it did not; the note is added to ``notes`` too)."""
    limit, cut = _limit(filters, len(score))
    if cut:
        notes.append(cut)
    return sorted(score, key=lambda n: (-score[n], n))[:limit], cut


def _select_ranked(store: Store, kind: str, scope: Scope, filters: Filters) -> tuple[Selection, list[str]]:
    """The view's most central nodes, ranked from the store's counts per node (as ``keep_top``), and
    the pairs among them: the same selection as aggregating every pair first, in a page cache the size
    of what is shown rather than of every pair in scope. Nothing ranked leaves nothing kept, which ``build_view``
    checks (``check_selected``)."""
    score, sent = strengths(store, kind, scope)
    notes = _anonymous(score)
    kept, cut = _top(score, filters, notes)
    selection = Selection({node: node for node in kept})
    # cut: the pairs among the nodes kept, a batch of speakers a query; uncut, every pair: one query
    shown = pairs_among(store, kind, scope, SNIPPETS, set(kept), sent) if cut else pairs(store, kind, scope, SNIPPETS)
    for pair in shown:
        selection.add(pair)
    return selection, notes


def _counted(store: Store, kind: str, scope: Scope) -> Counted | None:
    """``counted.counted``, imported only for the views it may serve, of the whole corpus (it loads Arrow)."""
    if not scope.everything:
        return None
    from .counted import counted

    return counted(store, kind, scope)


def _select_counted(
    store: Store, kind: str, scope: Scope, columns: Counted, filters: Filters
) -> tuple[Selection, list[str], dict[tuple[str, str], str] | None]:
    """The selection of ``_select`` and ``_trim`` (focus, weight cut, top nodes), with the same notes
    and errors, from the edges counted from columns; the evidence of the pairs shown is read with them
    (None: ``describe`` looks it up)."""
    every = columns.score
    notes = _anonymous(every)
    check_selected(len(every), filters, "entity")
    authors = set(match_authors(store, filters.author)) if filters.author else None
    trimmed = columns.trimmed(authors, filters.min_weight)
    if trimmed.focused is not None:
        check_selected(trimmed.focused, filters, "author")
    if trimmed.dropped:
        notes.append(f"{trimmed.dropped} nodes with only edges lighter than {filters.min_weight} left out")
    score = trimmed.score
    kept, cut = _top(score, filters, notes)
    selection = Selection({node: node for node in kept})
    sent = columns.sent
    found: dict[tuple[str, str], str] | None = None
    if _few_sent(kept, sent, len(columns.su)):
        shown = pairs_among(store, kind, scope, SNIPPETS, set(kept), sent)
        shown = [pair for pair in shown if pair.weight >= filters.min_weight]
    else:
        shown, found = columns.pairs_among(store, set(kept), SNIPPETS, filters.min_weight)
    for pair in shown:
        selection.add(pair)
    return selection, notes, found


def _few_sent(kept: list[str], sent: dict[str, int], edges: int) -> bool:
    """Whether the nodes kept are authors who send few of the view's ``edges`` (under one in ``KEY_COST``):
    the store then aggregates theirs, followed from each author by key, and the evidence of the pairs
    shown is looked up by key, where the columns would read every edge again with its text. Unsigned
    speakers' edges can only be found by testing every post, so they always take the columns."""
    speakers = [node for node in kept if node in sent]
    authors = all(not n.startswith(ANONYMOUS_PREFIX) and schema.label_of(n) == schema.AUTHOR for n in speakers)
    return authors and sum(sent[node] for node in speakers) * KEY_COST <= edges


@_without_cycle_collection()
def build_view(source: Source, kind: str, filters: Filters, show_emails: bool = True) -> View:
    """The trimmed view graph of one kind, with notes on everything the trimming left out.
    Unless ``show_emails``, e-mail addresses in names, texts and evidence are masked."""
    if kind not in KINDS:
        raise InputError(f"unknown view kind {kind!r} (known: {', '.join(KINDS)})")
    spec = PROJECTIONS[kind]
    with _stored(source) as store:
        scope = resolve_scope(store, filters)
        if filters.thread:
            list_posts(store, scope)
        columns = _counted(store, kind, scope) if ranked(kind) else None
        found = None
        what = spec.what
        if columns:
            selection, notes, found = _select_counted(store, kind, scope, columns, filters)
        elif ranked(kind) and not scope.keyed and not filters.author and filters.min_weight <= 1:
            selection, notes = _select_ranked(store, kind, scope, filters)
        else:
            selection, what, notes = _select(store, kind, scope)
            selection = _trim(store, selection, filters, notes)
        held = "the store" if isinstance(source, Store) else "the graph"
        check_selected(len(selection.nodes), filters, "top", f"{held} holds nothing the {kind} view draws")
        notes[:0] = scope.notes
        nodes, edges = describe(store, kind, scope, selection, show_emails, found)
    return View(kind, what, spec.out_count, spec.in_count, nodes, edges, notes)


def _trim(store: Store, selection: Selection, filters: Filters, notes: list[str]) -> Selection:
    """Focus on ``--author``, drop edges under ``--min-weight``, keep the top nodes; notes say what went."""
    check_selected(len(selection.nodes), filters, "entity")
    if filters.author:
        selection = focus(selection, set(match_authors(store, filters.author)))
        check_selected(len(selection.nodes), filters, "author")
    selection, dropped = drop_weak(selection, filters.min_weight)
    if dropped:
        notes.append(f"{dropped} nodes with only edges lighter than {filters.min_weight} left out")
    check_selected(len(selection.nodes), filters, "top")
    limit, cut = _limit(filters, len(selection.nodes))
    if cut:
        selection = keep_top(selection, limit)
        notes.append(cut)
    return selection


def _title(kind: str, filters: Filters) -> str:
    parts = [f"graphkit · {kind}"]
    parts += [f"{name} “{value}”" for name in ("thread", "author", "entity") if (value := getattr(filters, name))]
    return " · ".join(parts)


@_without_cycle_collection()
def render(
    source: Source,
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
    show_emails: bool = True,
) -> str:
    """Write the explorer page of one view kind of a store (or a networkx graph) to ``path`` and
    return its one-line summary.

    Filters: ``thread`` (article id or part of its title), ``since``/``until`` (post dates;
    undated posts are then left out), ``entity`` (only posts that mention, quote or cite it),
    ``author`` (that author's node and its neighbours), ``min_weight`` (lighter edges go),
    ``top`` and ``max_nodes`` (keep that many nodes of highest weighted degree). Unless
    ``show_emails``, e-mail addresses in names, texts and evidence are masked.
    Raises ``InputError`` naming the filters when they leave nothing to show (the kind when none is set and the
    store holds nothing it draws), or when a value is invalid.
    """
    filters = Filters(thread, author, entity, since, until, min_weight, top, max_nodes)
    page = Page(build_view(source, kind, filters, show_emails), _title(kind, filters))
    Path(path).write_text(page.html(), encoding="utf-8")
    return page.summary


def notebook(
    source: Source, kind: str = "replies", height: int = 650, show_emails: bool = True, **filters: object
) -> ExplorerNetwork:
    """The same view as ``render`` for Jupyter (same filter keywords), of a store or a networkx
    graph: a pyvis ``Network`` in notebook mode, drawn by our offline template.

    As a cell's value it shows inline as the whole page in a sandboxed ``srcdoc`` iframe. That
    is not what pyvis's notebook mode displays: ``net.show("name.html")`` (still available, and
    writing our page) returns an IPython ``IFrame`` whose ``src`` is that file, which only a
    notebook server serving files beside the notebook can resolve (VS Code, Colab and exported
    notebooks show an empty frame), and which then runs with the notebook server's origin. The
    ``srcdoc`` frame needs no file or server, and its sandbox has no same-origin access.
    """
    from .explorer import ExplorerNetwork  # pyvis, and the IPython it imports, only for notebooks

    chosen = Filters(**filters)
    view = build_view(source, kind, chosen, show_emails)
    return ExplorerNetwork(view, _title(kind, chosen), notebook=True, height=height)
