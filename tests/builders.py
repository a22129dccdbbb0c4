"""Small posts, entities and mentions for store tests, shared by the embedded and Neo4j suites; and input files."""

from __future__ import annotations

import json
from pathlib import Path

from graphkit import schema
from graphkit.records import Edge, Node, Post

PLATFORM = "test"


def article(
    key: str,
    text: str = "body",
    title: str | None = None,
    *,
    stub: bool = False,
    author: str | None = None,
    date: str = "",
) -> Post:
    """A thread root; a stub is a root referenced by replies before it is read."""
    aid = schema.article_id(PLATFORM, key)
    if stub:
        return Post(id=aid, thread=aid, is_article=True, text="", platform=PLATFORM, source="t", meta={"stub": True})
    return Post(
        id=aid,
        thread=aid,
        is_article=True,
        text=text,
        platform=PLATFORM,
        source="t",
        title=title or key,
        author=author,
        date=date,
    )


def post(thread: str, n: int, text: str, author: str | None = "alice") -> Post:
    return Post(
        id=schema.post_id(PLATFORM, thread, str(n)),
        thread=thread,
        is_article=False,
        text=text,
        platform=PLATFORM,
        source="t",
        author=author,
        position=n,
    )


def entity(name: str, *aliases: str, evidence: str | None = None) -> Node:
    node_id = schema.entity_id(schema.PERSON, name)
    props = {"id": node_id, "name": name, "aliases": sorted({name, *aliases})}
    return Node(node_id, schema.PERSON, props | ({"evidence": evidence} if evidence is not None else {}))


def mention(source: Post, target: str, start: int = 0) -> Edge:
    return Edge(
        schema.MENTIONS,
        source.id,
        target,
        {
            "id": schema.edge_id(schema.MENTIONS, source.id, target, start),
            "text": "x",
            "start": start,
            "end": start + 1,
            "sentence": "x",
            "sentiment": 0.0,
        },
    )


def jsonl(path: Path, records: list[dict]) -> Path:
    """``records`` written to ``path`` as JSON lines, one a record, as API dumps and scrapers save them."""
    path.write_text("".join(json.dumps(record) + "\n" for record in records), encoding="utf-8")
    return path
