"""A stub root settled into its post once both are stored.

Where a reader does not know the thread of a parent its input names and lacks (Hacker News API items without
``story_id``, an outbox's answers to other people's posts), the stub standing for it is an Article rooting a thread
of its own; the post read later (a later load, batch or file) is a Comment of its real thread, of another id
(``schema.stub_root``). So that the order of the loads makes no other graph than one load, a store settles the stub
into the post after writing a batch holding either: the stub's answers (its REPLY_TO, QUOTES …) go to the post, its
writer's WROTE too unless the post has a writer of its own, the comments of the stub's thread join the post's, and
the stub goes. The edges the stub owns go with it: it was never read.
"""

from __future__ import annotations

from collections.abc import Callable, Container
from typing import Any

from .. import schema
from .rows import Graph, _nodes

__all__ = ["STORED", "candidates", "joined_threads", "movable", "moved", "root_post", "settle"]

# Which of ``$pairs`` ([stub id, post id], ``candidates``) are a stored stub root and a stored post, read.
STORED = (
    f"UNWIND $pairs AS pair MATCH (s:{schema.ARTICLE} {{id: pair[0]}}) WHERE s.stub"
    f" MATCH (p:{schema.COMMENT} {{id: pair[1]}}) WHERE NOT {schema.stub('p')} RETURN s.id, p.id"
)
# The stored posts ``p`` of ``$posts`` and stub roots ``s`` of ``$stubs``, each looked up by its id: the embedded
# store went over every node of the label once an id for ``WHERE p.id IN $posts`` (500 stubs settled in a store of
# 200k comments: 0.6 s a look-up).
_POSTS = f"UNWIND $posts AS post MATCH (p:{schema.COMMENT} {{id: post}})"
_STUBS = f"UNWIND $stubs AS stub MATCH (s:{schema.ARTICLE} {{id: stub}})"
# Runs one statement with parameters in the store's transaction, returning its rows.
Run = Callable[[str, dict[str, Any]], list[list[Any]]]
# The statement writing ``$rows`` (``from``, ``to`` and properties) of a relationship type between two labels.
Create = Callable[[str, str, str], str]


def candidates(graph: Graph) -> dict[str, str]:
    """The stubs that a batch's posts may settle or be settled into, by stub id, with their posts' ids: a stub
    root of the batch with its post's, a post of the batch known by its key alone with its stub root's. None
    stored, mostly."""
    out: dict[str, str] = {}
    for node, attrs in _nodes(graph):
        label, key = attrs.get("label"), attrs.get("source_id")
        if label not in schema.POST_LABELS or not key:
            continue
        platform = attrs.get("platform") or ""
        stub = bool(attrs.get("stub"))
        if label == schema.COMMENT and not stub and (root := schema.stub_root(platform, key)) is not None:
            # a row a table knows by its place (its ``source_id``) is known within its thread: no stub's post
            if node == schema.post_id(platform, "", key):
                out[root] = node
        elif label == schema.ARTICLE and stub and (post := root_post(node, platform, key)) is not None:
            out[node] = post
    return out


def root_post(stub: str, platform: str, key: str) -> str | None:
    """The id of the post that the stub Article ``stub`` of ``key`` stands for, or None when it roots a thread of
    another kind (``schema.stub_root``)."""
    return schema.post_id(platform, "", key) if schema.stub_root(platform, key) == stub else None


def settle(run: Run, create: Create, pairs: dict[str, str]) -> None:
    """Settle each stored stub root of ``pairs`` into its stored post (both known stored: the caller looked them up),
    in the caller's transaction."""
    threads = dict(run(f"{_POSTS} RETURN p.id, p.thread", {"posts": list(pairs.values())}))
    if not (joined := joined_threads(pairs, threads)):
        return
    pairs = {stub: pairs[stub] for stub in joined}
    posts = list(pairs.values())
    written = {
        row[0] for row in run(f"{_POSTS} MATCH (:{schema.AUTHOR})-[:{schema.WROTE}]->(p) RETURN p.id", {"posts": posts})
    }
    stubs = list(pairs)
    edges: list[tuple[str, str, list[dict[str, Any]]]] = []  # (type, start label, rows) to write onto the posts
    for rel in schema.RELATIONSHIPS:
        held: set[str] | None = None  # the ids of the edges of the type into the posts, asked once needed
        for start, end in rel.pairs:
            if end != schema.ARTICLE or not movable(rel.type, start):
                continue
            props = ", ".join(f"r.`{name}`" for name in rel.names)
            into = f"{_STUBS} MATCH (a:{start})-[r:{rel.type}]->(s)"
            found = run(f"{into} RETURN a.id, s.id, {props}", {"stubs": stubs})
            rows = []
            for source, stub, *values in found:
                post = pairs[stub]
                attrs = moved(rel.type, source, stub, post, post in written, dict(zip(rel.names, values, strict=True)))
                if attrs is None:
                    continue
                held = _held_ids(run, rel.type, posts) if held is None else held
                if attrs["id"] not in held:
                    held.add(attrs["id"])
                    rows.append({"from": source, "to": post, **attrs})
            if rows:
                edges.append((rel.type, start, rows))
    # from the stub, still stored, to the comments of its thread: the embedded store joins the two on the thread
    # in one pass over the comments, where matching them to each row in turn went over them once a stub
    run(
        f"UNWIND $rows AS row MATCH (s:{schema.ARTICLE} {{id: row.stub}})"
        f" MATCH (c:{schema.COMMENT}) WHERE c.thread = s.id SET c.thread = row.thread",
        {"rows": [{"stub": stub, "thread": thread} for stub, thread in joined.items()]},
    )
    run(f"{_STUBS} DETACH DELETE s", {"stubs": stubs})
    for type_, start, rows in edges:
        run(create(type_, start, schema.COMMENT), {"rows": rows})


def movable(type_: str, start: str) -> bool:
    """Whether an edge of ``type_`` from a node of label ``start`` into a stub root may go to a Comment."""
    return (start, schema.COMMENT) in schema.rel_type(type_).pairs


def moved(type_: str, source: str, stub: str, post: str, signed: bool, attrs: dict[str, Any]) -> dict[str, Any] | None:
    """The properties ``attrs`` of an edge of ``type_`` from ``source`` into ``stub`` once moved onto ``post``
    (``signed``: whether the post has a writer), or None for one that goes with the stub: the post answers no stub
    of itself, and a post with a writer keeps its own. Its id is the one it has as an edge into the post: made of
    its ends and the key it holds (``schema.edge_key``), which an edge into a Comment does not hold. An edge whose
    id its ends and key do not make (a keyed one stored before edges held their keys) keeps it."""
    if source == post or (type_ == schema.WROTE and signed):
        return None
    key = attrs.get("id_key") or ""
    if attrs["id"] != schema.edge_id(type_, source, stub, key):
        return attrs
    kept = {**attrs, "id": schema.edge_id(type_, source, post, key)}
    if "id_key" in kept:  # an edge into a Comment holds no key: it never moves
        kept["id_key"] = None
    return kept


def joined_threads(pairs: dict[str, str], threads: dict[str, str | None]) -> dict[str, str]:
    """The stubs of ``pairs`` (stub -> post, ``threads`` the posts' threads) that settle, each with the thread the
    comments of its thread join: its post's, or where that is a stub settled with it (a post read in a thread of
    another post's stub), that one's, and so on. A stub that its post's thread leads back to (malformed input: A
    naming B its parent in one load, B naming A in a later one), or whose post has no thread (or is not read),
    stays, rooting its comments, and one whose chain ends at it joins its thread: no comment is left in a thread
    settled away."""

    def end(stub: str, settling: Container[str]) -> str | None:
        seen = {stub}
        thread = threads.get(pairs[stub])
        while thread in settling and thread not in seen:
            seen.add(thread)
            thread = threads.get(pairs[thread])
        return thread

    settling = {stub for stub, post in pairs.items() if threads.get(post) is not None and end(stub, pairs) != stub}
    return {stub: thread for stub in settling if (thread := end(stub, settling)) is not None}


def _held_ids(run: Run, type_: str, posts: list[str]) -> set[str]:
    """The ids of the stored edges of ``type_`` into ``posts``: an edge moved onto a post that holds it already
    (a load run again) is not written twice."""
    cypher = f"{_POSTS} MATCH ()-[r:{type_}]->(p) RETURN r.id"
    return {row[0] for row in run(cypher, {"posts": posts})}
