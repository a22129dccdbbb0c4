"""A real Bluesky search page whose answers name parents the page lacks, and records of those parents signed
by another id than the one their stubs bear, for the stub tests of both stores; and what a real Pushshift comment
sample holds of posts and stubs, told from the file itself, for the summaries that count them.

The reader signs a stated parent's stub by the DID its at:// uri names, as it signs every post; a later input
could sign the real post by another id (its handle, as a table of posts would). The post filling the stub must then
be written by its own writer only.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, replace
from pathlib import Path

from graphkit import schema
from graphkit.graph import author_of
from graphkit.records import Post
from graphkit.sources import Report, expand_inputs, read_posts
from graphkit.store import Store

PAGE = Path(__file__).parent / "data" / "trial" / "bluesky-search-posts.json"
COMMENTS = Path(__file__).parent / "data" / "trial" / "pushshift-comments-sample.ndjson"


@dataclass
class CommentSample:
    """The sample's comments, the submissions they answer (none in it), the parent comments it lacks, its writers."""

    comments: list[dict]
    threads: set[str]
    parents: set[str]
    writers: set[str]

    def read(self) -> str:
        """How a summary says the posts read: the comments, and the threads and parents as stubs."""
        return f"{len(self.comments)} posts, {len(self.threads) + len(self.parents)} stubs of posts not in input"


def comment_sample() -> CommentSample:
    comments = [json.loads(line) for line in COMMENTS.read_text(encoding="utf-8").splitlines()]
    ids, threads = {c["id"] for c in comments}, {c["link_id"] for c in comments}
    parents = {c["parent_id"] for c in comments if c["parent_id"].startswith("t1_") and c["parent_id"][3:] not in ids}
    assert not {c["link_id"][3:] for c in comments} & ids and parents
    return CommentSample(comments, threads, parents, {c["author"] for c in comments} - {"[deleted]"})


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
