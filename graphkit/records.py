"""The normalised records every reader yields and every later stage consumes.

Readers map raw exports to ``Post``; extraction turns posts into a ``Fragment`` of graph
nodes and edges. After the reader nothing looks at raw export fields (as in ConvoKit,
parents are ids and a thread is named by its root).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

__all__ = ["Post", "Node", "Edge", "Fragment"]


@dataclass
class Post:
    """One article (thread root) or comment.

    ``parent`` is the graph id of the post this one answers when the input says so;
    ``None`` on a comment means the input has no reply structure and extraction infers it.
    ``parent_missing`` marks a comment whose stated parent is not in the input.
    ``start``/``end`` are character offsets of the post in its input file, when known.
    ``guest`` marks an author name given without an account (a Disqus guest): it is its own
    Author, never merged with the account of the same name.
    """

    id: str
    thread: str
    is_article: bool
    text: str
    platform: str
    source: str
    author: str | None = None
    guest: bool = False
    parent: str | None = None
    parent_missing: bool = False
    position: int = 0
    title: str = ""
    date: str = ""
    created: str = ""
    source_id: str = ""
    url: str = ""
    start: int = 0
    end: int = 0
    deleted: bool = False
    quoted: tuple[str, ...] = ()
    meta: dict[str, Any] = field(default_factory=dict)


@dataclass
class Node:
    id: str
    label: str
    props: dict[str, Any]


@dataclass
class Edge:
    type: str
    source: str
    target: str
    props: dict[str, Any]


@dataclass
class Fragment:
    """What extraction adds to a batch of posts: entity/source nodes and evidence edges."""

    nodes: list[Node] = field(default_factory=list)
    edges: list[Edge] = field(default_factory=list)
