"""Rows of a graph grouped the way every store loads them: per label, and per
(relationship type, start label, end label). Stores and bulk exports share this."""

from __future__ import annotations

import hashlib
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

import networkx as nx

from .. import schema

# Not part of the graph: the batches being loaded, each with the posts it brings, until it is complete.
# Their posts do not count as stored, so a load run again extracts and completes them.
STEPS = "LoadStep"

__all__ = ["NodeRows", "RelRows", "node_rows", "rel_rows", "owner", "batch_key", "STEPS"]


@dataclass
class NodeRows:
    label: str
    rows: list[dict[str, Any]] = field(default_factory=list)


@dataclass
class RelRows:
    type: str
    start: str
    end: str
    rows: list[dict[str, Any]] = field(default_factory=list)


def node_rows(graph: nx.MultiDiGraph) -> Iterator[NodeRows]:
    by_label: dict[str, NodeRows] = {n.label: NodeRows(n.label) for n in schema.NODES}
    for node_id, attrs in graph.nodes(data=True):
        label = attrs.get("label")
        if label is None:  # an edge end outside this batch: referenced, not written
            continue
        names = schema.node_type(label).names
        by_label[label].rows.append({name: attrs.get(name) for name in names} | {"id": node_id})
    yield from (group for group in by_label.values() if group.rows)


def owner(type_: str, src: str, dst: str) -> str:
    """The post an edge belongs to: a post stored by an earlier load came with its edges."""
    return dst if schema.rel_type(type_).owner_is_target else src


def rel_rows(graph: nx.MultiDiGraph) -> Iterator[RelRows]:
    """Edge rows with ``from``/``to`` ids; labels of endpoints not in the graph come from their ids."""
    labels = dict(graph.nodes(data="label"))
    groups: dict[tuple[str, str, str], RelRows] = {}
    for src, dst, attrs in graph.edges(data=True):
        type_ = attrs["type"]
        key = (type_, labels[src] or schema.label_of(src), labels[dst] or schema.label_of(dst))
        group = groups.get(key)
        if group is None:
            group = groups[key] = RelRows(*key)
        row = {name: attrs.get(name) for name in schema.rel_type(type_).names}
        row["from"], row["to"] = src, dst
        group.rows.append(row)
    yield from sorted(groups.values(), key=lambda g: (g.type, g.start, g.end))


def batch_key(graph: nx.MultiDiGraph) -> str:
    """The same posts in a batch give the same key, so a re-run finds the steps its batch committed."""
    posts = sorted(n for n, label in graph.nodes(data="label") if label in schema.POST_LABELS)
    return hashlib.blake2b("\n".join(posts).encode(), digest_size=12).hexdigest()
