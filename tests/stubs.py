"""A real Bluesky search page whose answers name parents the page lacks, and records of those parents signed
by another id than the one their stubs bear, for the stub tests of both stores.

The reader signs a stated parent's stub by the DID its at:// uri names, as it signs every post; a later input
could sign the real post by another id (its handle, as a table of posts would). The post filling the stub must then
be written by its own writer only.
"""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

from graphkit import schema
from graphkit.graph import author_of
from graphkit.records import Post
from graphkit.sources import Report, expand_inputs, read_posts
from graphkit.store import Store

PAGE = Path(__file__).parent / "data" / "trial" / "bluesky-search-posts.json"


def page_posts() -> list[Post]:
    return list(read_posts(expand_inputs([str(PAGE)]), report=Report()))


def filled_parents(posts: list[Post]) -> list[Post]:
    """For each stub of a stated parent (a Comment) on the page, its real post: some words, and a writer known by
    the handle a page would show (the DID's own name on the stub, no key), so another Author id than the stub's."""
    return [
        replace(
            stub,
            text=f"the words of {stub.source_id}",
            author=f"{stub.author_key.rsplit(':', 1)[-1]}.bsky.social",
            author_key="",
            source="later.json",
            meta={},
        )
        for stub in posts
        if stub.meta.get("stub") and not stub.is_article
    ]


def stored_writers(store: Store, ids: list[str]) -> dict[str, list[str]]:
    """The Authors of the WROTE edges into each of the posts ``ids``."""
    cypher = f"MATCH (a:{schema.AUTHOR})-[:{schema.WROTE}]->(c) WHERE c.id IN $ids RETURN c.id, a.id ORDER BY a.id"
    out: dict[str, list[str]] = {i: [] for i in ids}
    for post, author in store.query(cypher, {"ids": ids}).rows:
        out[post].append(author)
    return out


def own_writers(parents: list[Post]) -> dict[str, list[str]]:
    """What ``stored_writers`` must give for the filled parents: each its own writer, once."""
    return {post.id: [author_of(post)] for post in parents}
