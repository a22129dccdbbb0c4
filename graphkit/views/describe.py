"""The finished view graph: names, texts and evidence of the nodes and edges a view shows, read
from the store for those only once trimming has chosen them.

Nodes carry ``label`` (a schema label, or ``ANONYMOUS``), ``name`` and optional
``urls``/``aliases``/``text``; edges carry ``weight``, ``inferred`` (how many of them were
inferred), ``tone`` (mean, when the edges have one) and up to ``SNIPPETS`` pieces of
``evidence``. Nodes and edges go in sorted, so the same view always gives the same page.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from .. import schema
from ..store import Store, prop
from .project import ANONYMOUS, ANONYMOUS_PREFIX, DOMAIN_PREFIX, SNIPPETS, ViewEdge, by_key, domain_urls, evidence
from .scope import Scope
from .select import Selection

__all__ = ["describe"]

_SNIPPET_CHARS = 280
_TITLE_CHARS = 60


def _clip(text: str) -> str:
    text = " ".join(text.split())
    return text if len(text) <= _SNIPPET_CHARS else text[: _SNIPPET_CHARS - 1] + "…"


def _urls(url: str | None) -> list[str]:
    return [url] if url else []


def _person(name: str, handle: str | None) -> str:
    """A participant as a view shows it: the name, with the account's handle where the name does not show it
    already ("Carlton D'Silva (@carlton)"), so two people of one name are told apart and found by the handle
    too. An account only mentioned may be named by its address, the handle its user part ("host/@user")."""
    shown = handle and (name in (handle, f"@{handle}") or name.endswith(f"/@{handle}"))
    return f"{name} (@{handle})" if handle and not shown else name


def _by_id(store: Store, label: str, ids: list[str], columns: str, extra: str = "") -> list[list[Any]]:
    """Rows for the nodes of one label with these ids, looked up by key."""
    if not ids:
        return []
    cypher = f"{by_key('n', label, 'ids')}{extra}\nRETURN n.id, {columns}"
    return store.query(cypher, {"ids": ids}).rows


def _stored(store: Store, nodes: list[str]) -> dict[str, dict[str, Any]]:
    """Attributes of the stored nodes among ``nodes``, as the page shows them."""
    wanted: dict[str, list[str]] = {}
    for node in nodes:
        if not node.startswith((ANONYMOUS_PREFIX, DOMAIN_PREFIX)):
            wanted.setdefault(schema.label_of(node), []).append(node)
    out: dict[str, dict[str, Any]] = {}
    writer = f"OPTIONAL MATCH (w:{schema.AUTHOR})-[:{schema.WROTE}]->(n)"
    handle = "NULL" if "handle" in store.lacking else "w.handle"  # a store an earlier graphkit wrote, read as it is
    for label, ids in wanted.items():
        names = schema.node_type(label).names
        if label == schema.ARTICLE:
            for node, title, text, url in _by_id(store, label, ids, "n.title, n.text, n.url"):
                out[node] = {"name": title or "article", "text": _clip(text or ""), "urls": _urls(url)}
        elif label == schema.COMMENT:
            columns = f"{prop('n', 'position')}, n.text, n.url, w.id, w.name, {handle}"
            for node, position, text, url, who, name, user in _by_id(store, label, ids, columns, writer):
                by = _person(name, user) if who else "anonymous"
                out[node] = {"name": f"#{position or '?'} {by}", "text": _clip(text or ""), "urls": _urls(url)}
        else:
            props = [p for p in ("name", "aliases", "url", "domain", "handle") if p in names and p not in store.lacking]
            for node, *values in _by_id(store, label, ids, ", ".join(prop("n", p) for p in props)):
                got = dict(zip(props, values, strict=True))
                name = (got.get("domain") or got.get("url")) if label == schema.SOURCE else got.get("name")
                name = _person(name, got.get("handle")) if label == schema.AUTHOR and name else name
                aliases = list(got.get("aliases") or [])
                out[node] = {"name": name or node, "aliases": aliases, "urls": _urls(got.get("url"))}
        for node in ids:
            out.setdefault(node, {"name": node})["label"] = label  # an edge end that is not stored
    return out


def _anonymous(store: Store, nodes: list[str]) -> dict[str, dict[str, Any]]:
    """One node per thread for its unsigned comments, named after the thread."""
    threads = {node: node.removeprefix(ANONYMOUS_PREFIX) for node in nodes if node.startswith(ANONYMOUS_PREFIX)}
    titles = dict(_by_id(store, schema.ARTICLE, sorted(set(threads.values())), "n.title"))
    out = {}
    for node, thread in threads.items():
        title = titles.get(thread)
        where = f" in “{_clip(title)[:_TITLE_CHARS]}”" if title else ""
        out[node] = {"label": ANONYMOUS, "name": f"anonymous{where}"}
    return out


def _domains(store: Store, scope: Scope, nodes: list[str]) -> dict[str, dict[str, Any]]:
    """Source domains (the citations view) with up to ``SNIPPETS`` of the addresses cited."""
    wanted = [node for node in nodes if node.startswith(DOMAIN_PREFIX)]
    urls = domain_urls(store, scope, SNIPPETS) if wanted else {}
    return {n: {"label": schema.SOURCE, "name": n.removeprefix(DOMAIN_PREFIX), "urls": urls.get(n, [])} for n in wanted}


def describe(
    store: Store,
    kind: str,
    scope: Scope,
    selection: Selection,
    show_emails: bool,
    found: dict[tuple[str, str], str] | None = None,
) -> tuple[dict[str, dict[str, Any]], list[ViewEdge]]:
    """The nodes and edges of the view graph (as ``View`` holds them) of the selection, with what the page
    shows of each; ``found`` is the edges' evidence when it was read already (as ``project.evidence`` gives it)."""
    hide: Callable[[Any], Any] = (lambda v: v) if show_emails else schema.masked
    nodes = sorted(selection.nodes)
    attrs = _stored(store, nodes) | _anonymous(store, nodes) | _domains(store, scope, nodes)
    out = {}
    for node in nodes:
        shown = attrs[node]
        extra = {k: hide(v) if k != "urls" else v for k, v in shown.items() if k not in ("label", "name") and v}
        out[node] = {"label": shown["label"], "name": hide(shown["name"]), **extra}
    found = evidence(store, kind, selection.edges) if found is None else found
    edges = []
    for e in sorted(selection.edges, key=lambda e: (e.u, e.v, e.key)):
        texts = [hide(_clip(found[ref, e.key])) for ref in e.posts if (ref, e.key) in found]
        edges.append((e.u, e.v, e.key, {"weight": e.weight, "inferred": e.inferred, "tone": e.tone, "evidence": texts}))
    return out, edges
