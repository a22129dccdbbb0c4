"""The in-memory property graph between extraction and stores/views, and its file exports.

Nodes carry ``label`` plus the schema's properties; edges are keyed by their deterministic
``id`` and carry ``type`` plus properties, so the same input always gives the same graph.
"""

from __future__ import annotations

import itertools
import json
import os
import re
import reprlib
from collections.abc import Iterable
from typing import TYPE_CHECKING, Any, TypeVar

from . import schema
from .errors import InputError
from .records import Edge, Fragment, Node, Post, author_node

if TYPE_CHECKING:  # a load builds no networkx graph (``store.rows.Batch``), and its start-up does not import it
    import networkx as nx

__all__ = [
    "new_graph",
    "author_of",
    "add_posts",
    "author_nodes",
    "add_fragment",
    "build_graph",
    "merge",
    "settle",
    "write_graph",
    "display_name",
    "read_graph",
    "without_personal_data",
    "EXPORT_SUFFIXES",
]

G = TypeVar("G")
EXPORT_SUFFIXES = (".json", ".graphml", ".gexf")
_LIST_SEPARATOR = "|"
# characters XML 1.0 cannot hold (C0 controls but tab and newlines, U+FFFE/FFFF); a reader of the file would
# stop at the first
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")
# GraphML/GEXF readers take ``label`` as the text to draw, GEXF reads an edge's ``type`` as its direction and
# ``start``/``end`` as a time interval: the schema's names for these go under names no reader interprets
_FLAT_NAMES = {"label": "kind", "type": "kind", "start": "offset_start", "end": "offset_end"}
_EXCERPT_CHARS = 60
# a node's properties but its id, which is its key
_NODE_PROPS = {n.label: tuple(name for name in n.names if name != "id") for n in schema.NODES}


def new_graph() -> nx.MultiDiGraph:
    import networkx as nx

    return nx.MultiDiGraph()


def _add_node(graph: nx.MultiDiGraph, node: Node) -> None:
    """Add a node; an entity seen again gains its new aliases and, in its evidence, the reasons they
    joined (``schema.merge_evidence``), and keeps the rest as first extracted; a stub (a thread root or
    parent referenced, not read) changes nothing already there: as stores keep them. The id is the
    node's key, not an attribute (node-link JSON names the key ``id`` too)."""
    get = node.props.get
    props = {name: get(name) for name in _NODE_PROPS[node.label]}
    if node.id in graph and "aliases" in props:
        seen = graph.nodes[node.id]
        aliases = sorted(set(seen.get("aliases") or []) | set(props["aliases"] or []))
        if aliases == sorted(seen.get("aliases") or []):
            return
        props = {"aliases": aliases, "evidence": schema.merge_evidence(seen.get("evidence"), props.get("evidence"))}
    elif node.id in graph and props.get("stub"):
        return
    graph.add_node(node.id, label=node.label, **props)


_REL_NAMES = {r.type: r.names for r in schema.RELATIONSHIPS}


def _add_edge(graph: nx.MultiDiGraph, edge: Edge) -> None:
    names = _REL_NAMES[edge.type]
    props = edge.props
    if tuple(props) != names or not props["id"]:  # not as extraction builds them: its type's names in order, an id
        get = props.get
        props = {name: get(name) for name in names}
        props["id"] = props["id"] or schema.edge_id(edge.type, edge.source, edge.target)
    graph.add_edge(edge.source, edge.target, key=props["id"], type=edge.type, **props)


def _add_post(graph: nx.MultiDiGraph, post: Post, stub: bool) -> None:
    """Add a post's node, its properties built in the schema's order (as ``_add_node`` would add them)."""
    created, source_id, url = post.created or None, post.source_id or None, post.url or None
    if post.is_article:
        graph.add_node(
            post.id,
            label=schema.ARTICLE,
            title=post.title,
            date=post.date or None,
            text=post.text,
            source=post.source,
            stub=stub,
            created=created,
            source_id=source_id,
            platform=post.platform,
            url=url,
        )
    else:
        graph.add_node(
            post.id,
            label=schema.COMMENT,
            text=post.text,
            position=post.position,
            thread=post.thread,
            source=post.source,
            start=post.start,
            end=post.end,
            deleted=post.deleted,
            stub=stub,
            created=created,
            source_id=source_id,
            platform=post.platform,
            url=url,
            quotes_stated=post.quotes_stated,
        )


def author_of(post: Post) -> str | None:
    """The Author id of a post's writer; a guest has an id of its own."""
    if not post.author:
        return None
    return schema.writer_id(post.platform, post.author, post.author_key, post.guest)


def author_nodes(posts: Iterable[Post]) -> dict[str, Node]:
    """The Authors ``posts`` make, by id: a writer shown by the name it wrote under in its first post; an
    account only mentioned, quoted or forwarded, or writing only stubs (``rows.post_writers``), by the name the
    first post naming it gives, as a store and later batches keep an Author first so named whatever names it next,
    but for an address: one without takes a later post's (``_fill_email``). A load weighs stored posts' Authors so
    too, to fill in what a store lacks (``Store.fill_authors``)."""
    posts = list(posts)
    nodes: dict[str, Node] = {}
    for post in posts:
        author = author_of(post)
        if author and not post.meta.get("stub"):
            if author not in nodes:
                nodes[author] = _writer_node(author, post)
            else:
                _fill_email(nodes[author].props, _writer_node(author, post).props)
    for post in posts:
        author = author_of(post)
        if author and author not in nodes:  # a stub's writer
            nodes[author] = _writer_node(author, post)
        for stated in post.stated:
            if schema.label_of(stated.target) == schema.AUTHOR and stated.target not in nodes:
                nodes[stated.target] = author_node(
                    stated.target, stated.name, post.platform, None, stated.guest, stated.handle
                )
    return nodes


def _writer_node(author: str, post: Post) -> Node:
    return author_node(author, post.author or "", post.platform, post.meta.get("email"), post.guest, post.author_handle)


def _fill_email(shown: dict[str, Any], later: dict[str, Any]) -> None:
    """An Author ``shown`` without an address takes the one a later post or batch gives (``later``), as a store fills
    in one it lacks (``cypher``'s FILL_EMAILS): a source may give none where another gives it whole (the Disqus API
    masks addresses to any but the forum's moderators)."""
    if not shown.get("email") and later.get("email"):
        shown["email"] = later["email"]


def _unstubbed(graph: nx.MultiDiGraph, posts: Iterable[Post]) -> list[Post]:
    """``posts`` without the stubs of posts that ``graph`` or an earlier one of them holds."""
    seen: set[str] = set()
    out = []
    for post in posts:
        if not (post.meta.get("stub") and (post.id in seen or post.id in graph)):
            seen.add(post.id)
            out.append(post)
    return out


def add_posts(graph: nx.MultiDiGraph, posts: Iterable[Post]) -> None:
    """Post nodes, their authors and WROTE edges (authorship comes from the reader, not NLP), and
    the accounts the input says the posts mention, quote or forward (``author_nodes``); an Author
    already in ``graph`` stays as it is there. A stub (a thread root or parent referenced, not read) changes
    nothing already there, its writer included; a post filling a stub these posts hold takes the stub's place
    with its own writer only, as a store fills a stored stub (a stub may be signed by an id the real post's
    input does not use, a Bluesky DID for a handle)."""
    posts = _unstubbed(graph, posts)
    authors = author_nodes(posts)
    stub_writers: dict[str, str] = {}  # each stub's writer, until its post fills the stub
    for post in posts:
        author = author_of(post)
        stub = bool(post.meta.get("stub"))
        if stub and author:
            stub_writers[post.id] = author
        elif not stub and (signed := stub_writers.pop(post.id, None)) is not None:
            graph.remove_edge(signed, post.id, key=schema.edge_id(schema.WROTE, signed, post.id))
        _add_post(graph, post, stub)
        if author:
            if author not in graph:
                _add_node(graph, authors[author])
            wrote = schema.edge_id(schema.WROTE, author, post.id)
            graph.add_edge(author, post.id, key=wrote, type=schema.WROTE, id=wrote)
    for author, node in authors.items():
        if author not in graph:
            _add_node(graph, node)


def add_fragment(graph: nx.MultiDiGraph, fragment: Fragment) -> None:
    for node in fragment.nodes:
        _add_node(graph, node)
    for edge in fragment.edges:
        _add_edge(graph, edge)


def build_graph(posts: Iterable[Post], fragment: Fragment, into: G | None = None) -> G | nx.MultiDiGraph:
    """The posts' and the fragment's nodes and edges in a new graph, or in ``into``: anything with the
    node and edge adding of networkx's ``MultiDiGraph`` (a load builds ``store.rows.Batch``)."""
    graph = new_graph() if into is None else into
    add_posts(graph, posts)
    add_fragment(graph, fragment)
    return graph


def _writes(graph: nx.MultiDiGraph, author: str) -> bool:
    """Whether the Author ``author`` of ``graph`` writes a post of it, stubs aside (``rows.post_writers``; an
    Author's edges are its WROTE)."""
    return any(not graph.nodes[post].get("stub") for _, post in graph.out_edges(author))


def merge(into: nx.MultiDiGraph, other: nx.MultiDiGraph) -> None:
    """Add ``other`` (a later batch) to ``into``; an entity in both keeps the union of its aliases. An
    Author in both keeps what ``into`` shows (an address it lacks filled in, ``_fill_email``), unless only mentioned
    there (or writing stubs only) and writing a post in ``other``: it is shown as its first post shows it, as in one
    batch of everything (``add_posts``). A node
    without a label is an edge end from another batch (e.g. a parent read earlier): it is left as it is. A post
    filling a stub of ``into`` has its own writer only, and a stub of ``other`` adds no writer to a post ``into``
    holds, as in ``add_posts``."""
    unsigned: set[str] = set()  # stubs of ``other`` whose post ``into`` holds: their WROTE stays out
    for node, attrs in other.nodes(data=True):
        label = attrs.get("label")
        held = node in into and "label" in into.nodes[node]
        if held and label in schema.POST_LABELS:
            if attrs.get("stub"):
                unsigned.add(node)
            elif into.nodes[node].get("stub"):
                signed = into.in_edges(node, keys=True, data="type")
                into.remove_edges_from([(a, b, key) for a, b, key, type_ in signed if type_ == schema.WROTE])
        kept = label == schema.AUTHOR and held
        if kept and (_writes(into, node) or not _writes(other, node)):
            _fill_email(into.nodes[node], attrs)
            continue  # its first post, or its first mention or stub, is in ``into``
        if label is not None:
            _add_node(into, Node(node, label, attrs))
    into.add_edges_from(
        (a, b, key, attrs)
        for a, b, key, attrs in other.edges(keys=True, data=True)
        if b not in unsigned or attrs["type"] != schema.WROTE
    )


def settle(graph: nx.MultiDiGraph) -> None:
    """Settle each stub root of ``graph`` whose post it holds into that post, as a store does after a batch
    (``store.settling``): a graph of several inputs or batches may hold both."""
    from .store.settling import candidates, joined_threads, movable, moved

    nodes = graph.nodes
    pairs = {
        stub: post
        for stub, post in candidates(graph).items()
        if nodes.get(stub, {}).get("stub")
        and post in graph
        and nodes[post].get("label") == schema.COMMENT
        and not nodes[post].get("stub")
    }
    threads = {post: nodes[post].get("thread") for post in pairs.values()}
    if not (joined := joined_threads(pairs, threads)):
        return
    for stub in joined:
        post = pairs[stub]
        signed = any(type_ == schema.WROTE for *_, type_ in graph.in_edges(post, data="type"))
        for source, _, attrs in list(graph.in_edges(stub, data=True)):
            if not movable(attrs["type"], nodes[source].get("label", "")):
                continue
            if (kept := moved(attrs["type"], source, stub, post, signed, attrs)) is not None:
                graph.add_edge(source, post, key=kept["id"], **kept)
        graph.remove_node(stub)
    # one pass over the nodes, however many stubs settle
    for _, attrs in graph.nodes(data=True):
        if (thread := attrs.get("thread")) in joined:
            attrs["thread"] = joined[thread]


def without_personal_data(graph: nx.MultiDiGraph) -> nx.MultiDiGraph:
    """A copy for views and exports without personal properties, and with the e-mail addresses
    that texts, names and evidence quote masked in place (offsets stay valid). Record ids are kept:
    a Message-ID looks like an address but names a message."""
    clean = graph.copy()
    for attrs in itertools.chain((a for _, a in clean.nodes(data=True)), (a for *_, a in clean.edges(data=True))):
        kept = schema.masked(attrs)
        attrs.clear()
        attrs.update(kept)
    return clean


def _flat(value: Any) -> Any:
    value = _LIST_SEPARATOR.join(value) if isinstance(value, list) else value
    return _NOT_XML.sub("\ufffd", value) if isinstance(value, str) else value


def display_name(node: str, attrs: dict) -> str:
    """What a person looking at the node calls it: a name, a title, a domain, or a comment's first words."""
    label = attrs.get("label")
    if label == schema.ARTICLE:
        return attrs.get("title") or node
    if label == schema.COMMENT:
        words = " ".join((attrs.get("text") or "").split())
        if len(words) > _EXCERPT_CHARS:
            words = words[: _EXCERPT_CHARS - 1] + "…"
        return words or node
    if label == schema.SOURCE:
        return attrs.get("domain") or attrs.get("url") or node
    return attrs.get("name") or node


def _flat_attrs(attrs: dict, label: str) -> dict:
    flat = {_FLAT_NAMES.get(k, k): _flat(v) for k, v in attrs.items() if v is not None}
    flat["label"] = _flat(label)
    return flat


def write_graph(graph: nx.MultiDiGraph, path: str) -> None:
    """Write by extension: node-link ``.json`` (lossless), ``.graphml`` or ``.gexf`` for Gephi.

    GraphML and GEXF cannot hold lists, nulls or control characters: alias lists are joined with
    ``|``, missing values are left out, and characters XML cannot hold become U+FFFD. So that Gephi,
    igraph and networkx show them as users expect, ``label`` is a node's display name (an edge's is
    its type), node label and edge type are kept as ``kind``, and the character offsets ``start``/``end``
    become ``offset_start``/``offset_end`` (a static graph, not a timeline).
    """
    import networkx as nx

    suffix = os.path.splitext(path)[1].lower()
    if suffix == ".json":
        data = nx.node_link_data(graph, edges="edges")
        with open(path, "w", encoding="utf-8") as out:
            json.dump(data, out, ensure_ascii=False)
        return
    if suffix not in EXPORT_SUFFIXES:
        raise InputError(f"{path}: unsupported export format (use {', '.join(EXPORT_SUFFIXES)})")
    flat = nx.MultiDiGraph()
    for node, attrs in graph.nodes(data=True):
        flat.add_node(_flat(node), **_flat_attrs(attrs, display_name(node, attrs)))
    for src, dst, key, attrs in graph.edges(keys=True, data=True):
        ends = _flat(src), _flat(dst)
        flat.add_edge(*ends, key=_flat(key), **_flat_attrs(attrs, attrs.get("type") or key))
    if suffix == ".graphml":
        for *_, attrs in flat.edges(data=True):
            attrs.pop("id", None)  # the edge element's id already is the key; igraph refuses a second one
        nx.write_graphml(flat, path)
    else:
        nx.write_gexf(flat, path)


def read_graph(path: str) -> nx.MultiDiGraph:
    """Read a node-link JSON export back (the pair of ``write_graph`` for ``.json``)."""
    import networkx as nx

    try:
        with open(path, encoding="utf-8") as handle:
            data = json.load(handle)
        graph = nx.node_link_graph(data, directed=True, multigraph=True, edges="edges")
    except (OSError, ValueError, KeyError, TypeError) as exc:
        raise InputError(f"{path}: not a graphkit node-link JSON file ({exc.__class__.__name__})") from None
    fault = _unfit(graph, {node.get("id") for node in data["nodes"]})
    if fault:
        raise InputError(f"{path}: {fault}")
    return graph


# The Python values of each schema type, as JSON gives them (a whole number is a DOUBLE too).
_VALUES: dict[str, type | tuple[type, ...]] = {
    schema.STRING: str,
    schema.INT: int,
    schema.FLOAT: (int, float),
    schema.BOOL: bool,
    schema.STRINGS: list,
}


def _unfit_value(attrs: dict[str, Any], props: tuple[schema.Prop, ...]) -> str | None:
    for prop in props:
        value = attrs.get(prop.name)
        if value is None:
            continue
        fits = isinstance(value, _VALUES[prop.type]) and (prop.type == schema.BOOL or not isinstance(value, bool))
        if not fits or (prop.type == schema.STRINGS and not all(isinstance(v, str) for v in value)):
            return f"{prop.name} is {reprlib.repr(value)}, not {prop.type}"  # a text may be long
    return None


def _unfit(graph: nx.MultiDiGraph, held: set[Any]) -> str | None:
    """What in a graph read from a file the schema does not fit, if anything: a view loads the graph into a
    store, which has the schema's labels, types, joins and value types only, and would drop a node without a
    label and an edge to a node the file does not hold (``held``: the ids its nodes give), which the reading
    adds with nothing known of it."""
    known, types, labels = {n.label for n in schema.NODES}, {r.type for r in schema.RELATIONSHIPS}, {}
    for src, dst, attrs in graph.edges(data=True):
        if end := next((n for n in (src, dst) if n not in held), None):
            return f"edge {attrs.get('id')!r} joins {end!r}, a node the file does not hold"
    for node, attrs in graph.nodes(data=True):
        if not isinstance(node, str):
            return f"node id {node!r} is not text"
        label = attrs.get("label")
        if not label:
            return f"node {node!r} has no label"
        if label not in known:
            return f"node {node!r} has label {label!r}, not one of the schema's"
        if fault := _unfit_value(attrs, schema.node_type(label).props):
            return f"node {node!r}: {fault}"
        labels[node] = label
    for src, dst, attrs in graph.edges(data=True):
        type_ = attrs.get("type")
        if type_ not in types:
            return f"edge {attrs.get('id')!r} has type {type_!r}, not one of the schema's"
        rel = schema.rel_type(type_)
        if (labels[src], labels[dst]) not in rel.pairs:
            return f"edge {attrs.get('id')!r} joins {labels[src]} to {labels[dst]}, which the schema's {type_} does not"
        if fault := _unfit_value(attrs, rel.props):
            return f"edge {attrs.get('id')!r}: {fault}"
    return None
