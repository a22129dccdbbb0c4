"""Rows of a graph grouped the way every store loads them: per label, and per
(relationship type, start label, end label). Stores and bulk exports share this.

A load builds each batch as a ``Batch`` (``graph.build_graph(..., into=Batch())``): the same nodes and
edges as the networkx graph of the batch, kept in two dicts, which is all a store reads of it; the
networkx graph cost more to build than the store took to write it.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Callable, Container, Iterable, Iterator
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, TypeAlias

from .. import schema

if TYPE_CHECKING:
    import networkx as nx

# Not part of the graph: the batches being loaded, each with the posts it brings, until it is complete.
# Their posts do not count as stored, so a load run again extracts and completes them.
STEPS = "LoadStep"
# How the key of a batch of no posts starts (``batch_key``): once such a batch completes, the records of others left
# by loads stopped in theirs are deleted with its own, as no later batch's key may match them again.
END_BATCH = "end-"
# Not part of the graph either: edges whose post is stored while their other end is not yet (a reply read before the
# post it answers, as an export listing the newest first has it), kept as rows of their own (``waiting_rows``) until
# a batch writes that end (``arrived``), as a stub root waits for its real root.
WAITING = "WaitingEdge"
# A ``WAITING`` row's columns and their engine types: the edge's id, the end it waits for, the edge's type, the
# labels and ids of its ends, and its properties as JSON.
WAITING_COLUMNS = (
    ("id", "STRING"),
    ("waits", "STRING"),
    ("rel", "STRING"),
    ("rel_labels", "STRING[]"),
    ("rel_ends", "STRING[]"),
    ("props", "STRING"),
)

__all__ = [
    "Batch",
    "Graph",
    "NodeRows",
    "NodeAttrs",
    "RelRows",
    "RelEdges",
    "node_rows",
    "node_attrs",
    "rel_rows",
    "rel_edges",
    "labels",
    "outside",
    "post_writers",
    "edge_count",
    "owner",
    "owner_end",
    "owned_edges",
    "batch_key",
    "STEPS",
    "END_BATCH",
    "WAITING",
    "WAITING_COLUMNS",
    "waiting_rows",
    "arrived",
    "other_end",
]


class Batch:
    """The part of networkx's ``MultiDiGraph`` that ``graph.add_posts`` and ``graph.add_fragment`` write
    through, with its semantics: adding a node or edge again updates its attributes, an edge end not added
    as a node is a node without attributes (an end outside the batch), and removing an edge leaves its ends."""

    def __init__(self) -> None:
        self.nodes: dict[str, dict[str, Any]] = {}
        self.edges: dict[tuple[str, str, str], dict[str, Any]] = {}
        # the QUOTES edges that take the place of stored ones (``Edge.replaces``), held apart: the store writes them
        # and deletes those, their ``moved`` (quoting comment, stored edge's id, new edge's id), in one transaction as
        # the batch's last step (``Store.replace_quotes``)
        self.moving: Batch | None = None
        self.moved: list[tuple[str, str, str]] = []

    def __contains__(self, node: str) -> bool:
        return node in self.nodes

    def add_node(self, node: str, **attrs: Any) -> None:
        seen = self.nodes.get(node)
        if seen is None:
            self.nodes[node] = attrs  # a dict of its own already: kept, not copied
        else:
            seen.update(attrs)

    def add_edge(self, src: str, dst: str, key: str, **attrs: Any) -> None:
        nodes = self.nodes
        if src not in nodes:
            nodes[src] = {}
        if dst not in nodes:
            nodes[dst] = {}
        seen = self.edges.get((src, dst, key))
        if seen is None:
            self.edges[src, dst, key] = attrs
        else:
            seen.update(attrs)

    def remove_edge(self, src: str, dst: str, key: str) -> None:
        del self.edges[src, dst, key]


Graph: TypeAlias = "nx.MultiDiGraph | Batch"


@dataclass
class NodeRows:
    label: str
    rows: list[dict[str, Any]] = field(default_factory=list)


@dataclass
class NodeAttrs:
    """The nodes of one label as the graph holds them: ids and attribute dicts, which the embedded store
    turns into Arrow columns without building a dict per row."""

    label: str
    ids: list[str] = field(default_factory=list)
    attrs: list[dict[str, Any]] = field(default_factory=list)


@dataclass
class RelRows:
    type: str
    start: str
    end: str
    rows: list[dict[str, Any]] = field(default_factory=list)


@dataclass
class RelEdges:
    """The edges of one group as the graph holds them: ends and attribute dicts, which the embedded
    store turns into Arrow columns without building a dict per row."""

    type: str
    start: str
    end: str
    froms: list[str] = field(default_factory=list)
    tos: list[str] = field(default_factory=list)
    attrs: list[dict[str, Any]] = field(default_factory=list)


def _nodes(graph: Graph) -> Iterator[tuple[str, dict[str, Any]]]:
    return iter(graph.nodes.items()) if isinstance(graph, Batch) else graph.nodes(data=True)


def _edges(graph: Graph) -> Iterable[tuple[tuple[str, str, str], dict[str, Any]]]:
    """Each edge as ((start, end, key), attributes), as ``Batch`` keeps them."""
    if isinstance(graph, Batch):
        return graph.edges.items()
    return (((src, dst, key), attrs) for src, dst, key, attrs in graph.edges(keys=True, data=True))


def labels(graph: Graph) -> Iterator[tuple[str, str | None]]:
    """Each node with its label (None for an edge end outside the graph)."""
    return ((node, attrs.get("label")) for node, attrs in _nodes(graph))


def posts_read(graph: Graph) -> list[str]:
    """The graph's posts, its stubs aside."""
    return [node for node, attrs in _nodes(graph) if attrs.get("label") in schema.POST_LABELS and not attrs.get("stub")]


def outside(graph: Graph) -> list[str]:
    """Edge ends that are not nodes of the graph (e.g. a parent in an earlier batch)."""
    return [node for node, label in labels(graph) if label is None]


def post_writers(graph: Graph) -> set[str]:
    """The Authors writing a post of the batch, its stubs aside: a stub's writer is the one its input names, as a
    mention names an account (a Bluesky post's DID, with no handle to show), so an Author writing only stubs so far
    is shown as the batch holding a post of theirs shows them, as one only mentioned is."""
    nodes = graph.nodes
    return {
        src
        for (src, dst, _), attrs in _edges(graph)
        if attrs.get("type") == schema.WROTE and not nodes[dst].get("stub")
    }


def edge_count(graph: Graph) -> int:
    return len(graph.edges) if isinstance(graph, Batch) else graph.number_of_edges()


def node_attrs(graph: Graph) -> list[NodeAttrs]:
    """The nodes grouped per label, in the schema's order of labels; edge ends outside the batch (no
    label) are referenced, not written, and left out."""
    by_label: dict[str, NodeAttrs] = {n.label: NodeAttrs(n.label) for n in schema.NODES}
    for node_id, attrs in _nodes(graph):
        label = attrs.get("label")
        if label is not None:
            group = by_label[label]
            group.ids.append(node_id)
            group.attrs.append(attrs)
    return [group for group in by_label.values() if group.ids]


def node_rows(graph: Graph) -> Iterator[NodeRows]:
    for group in node_attrs(graph):
        names = schema.node_type(group.label).names
        rows = []
        for node_id, attrs in zip(group.ids, group.attrs, strict=True):
            get = attrs.get
            row = {name: get(name) for name in names}
            row["id"] = node_id
            rows.append(row)
        yield NodeRows(group.label, rows)


def owner(type_: str, src: str, dst: str) -> str:
    """The post an edge belongs to: a post stored by an earlier load came with its edges."""
    return dst if owner_end(type_) == "to" else src


def owner_end(type_: str) -> str:
    """The end of an edge of ``type_`` that is the post it belongs to, as its row names it: "from" or "to"."""
    return "to" if schema.rel_type(type_).owner_is_target else "from"


def owned_edges(
    group: RelEdges,
    owners: Container[str],
    away: Container[str],
    stored: Callable[[list[int]], Container[int]] = lambda _: (),
) -> list[bool]:
    """Which of the group's edges a batch writes: those of the posts it brings to the store (``owners``; posts
    stored before came with their edges), and those of a post of an earlier batch (an end ``away`` from this one)
    found only once a later post came (a quote of a post an input listing the newest first gives after the quoting
    one): new to the store where the batch brings its other end, else where ``stored``, given their places in the
    group, does not find them (a quote given to the writer of the parent that came; none is stored in a store empty
    before the load)."""
    mine, other = (group.tos, group.froms) if owner_end(group.type) == "to" else (group.froms, group.tos)
    out = [p in owners or (p in away and o in owners) for p, o in zip(mine, other, strict=True)]
    if late := [i for i, (p, kept) in enumerate(zip(mine, out, strict=True)) if not kept and p in away]:
        found = stored(late)
        for i in late:
            out[i] = i not in found
    return out


def waiting_rows(type_: str, edges: Iterable[tuple[str, str, dict[str, Any]]], missing: Container[str]) -> list[dict]:
    """``WAITING`` rows of those (from, to, attributes) ``edges`` of ``type_`` that have an end in ``missing`` (not
    stored yet): keyed by the edge's id, with the end they wait for (the start when both are missing: once it is
    written, the row waits for the other, ``Store._arrivals``), the labels of their ends (from their ids) and their
    properties as JSON."""
    names = schema.rel_type(type_).names
    return [
        {
            "id": attrs["id"],
            "waits": a if a in missing else b,
            "rel": type_,
            "rel_labels": [schema.label_of(a), schema.label_of(b)],
            "rel_ends": [a, b],
            "props": json.dumps({name: attrs.get(name) for name in names}),
        }
        for a, b, attrs in edges
        if a in missing or b in missing
    ]


def arrived(rows: Iterable[dict[str, Any]]) -> list[RelEdges]:
    """Stored ``WAITING`` rows (as ``waiting_rows`` makes them) as the groups of their edges, which a store writes as it
    writes a batch's (``rel_edges``)."""
    groups: dict[tuple[str, str, str], RelEdges] = {}
    for row in rows:
        (start, end), (a, b) = row["rel_labels"], row["rel_ends"]
        key = (row["rel"], start, end)
        group = groups.get(key) or groups.setdefault(key, RelEdges(*key))
        group.froms.append(a)
        group.tos.append(b)
        group.attrs.append(json.loads(row["props"]))
    return [groups[key] for key in sorted(groups)]


def other_end(row: dict[str, Any]) -> str:
    """The end of a ``WAITING`` row's edge that it does not wait for (its start's when both are one)."""
    a, b = row["rel_ends"]
    return b if row["waits"] == a else a


def rel_edges(graph: Graph) -> list[RelEdges]:
    """The edges grouped per (type, start label, end label), in that order; labels of endpoints not in
    the graph come from their ids. Each node's label is found once, not at each of its edges."""
    nodes = graph.nodes if isinstance(graph, Batch) else dict(graph.nodes(data=True))
    label_of = schema.label_of
    labels = {node: attrs.get("label") or label_of(node) for node, attrs in nodes.items()}
    groups: dict[tuple[str, str, str], RelEdges] = {}
    adders: dict[tuple[str, str, str], tuple[Callable, Callable, Callable]] = {}  # each group's bound appends
    for (src, dst, _), attrs in _edges(graph):
        key = (attrs["type"], labels[src], labels[dst])
        add = adders.get(key)
        if add is None:
            group = groups[key] = RelEdges(*key)
            add = adders[key] = (group.froms.append, group.tos.append, group.attrs.append)
        add[0](src)
        add[1](dst)
        add[2](attrs)
    return [groups[key] for key in sorted(groups)]


def rel_rows(graph: Graph) -> Iterator[RelRows]:
    """Edge rows with ``from``/``to`` ids, grouped as ``rel_edges``."""
    for group in rel_edges(graph):
        names = schema.rel_type(group.type).names
        rows = [
            {**{name: attrs.get(name) for name in names}, "from": src, "to": dst}
            for src, dst, attrs in zip(group.froms, group.tos, group.attrs, strict=True)
        ]
        yield RelRows(group.type, group.start, group.end, rows)


def batch_key(graph: Graph, nodes: list[NodeAttrs] | None = None) -> str:
    """The same posts in a batch give the same key, so a re-run finds the steps its batch committed (its post ids read
    from ``nodes``, the batch's ``node_attrs``, when given, rather than from every node again). A batch of no posts
    (the edges the input's end decides) is keyed by its edges and the stored quotes it moves: keyed alike, another
    load's would find the records one stopped before completing left, and skip the steps they record. Its key starts
    with ``END_BATCH``."""
    groups = node_attrs(graph) if nodes is None else nodes
    content = sorted(i for group in groups if group.label in schema.POST_LABELS for i in group.ids)
    start = ""
    if not content:
        moved = graph.moving.moved if isinstance(graph, Batch) and graph.moving is not None else []
        content = sorted([attrs["id"] for _, attrs in _edges(graph)] + [" ".join(move) for move in moved])
        start = END_BATCH
    return start + hashlib.blake2b("\n".join(content).encode(), digest_size=12).hexdigest()
