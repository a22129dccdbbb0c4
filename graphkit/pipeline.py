"""The main job as a library: read inputs, extract in batches, build graphs, load a store.

Inputs stream through in batches of posts, so memory stays bounded whatever their size;
each batch is committed by the store before the next, so an interrupted load resumes by
running again. Every post passes through ``truncated`` first, so no reader's post is longer
than ``MAX_POST_CHARS``. One bad value does not stop a run: every post is made storable on its
way in (``records.storable``), and a post whose extraction fails is reported and keeps its
structure (see ``Extractor``), so a re-run goes through the same posts the same way.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Iterable, Iterator
from contextlib import closing
from dataclasses import dataclass, field, replace

import networkx as nx

from . import graph as graphs
from . import schema
from .extract import Extractor
from .records import Post, Reporter, storable
from .sources import Report
from .store import LoadCounts, Store, parquet
from .store.rows import owner

__all__ = [
    "batches",
    "truncated",
    "extract_batches",
    "extract_graph",
    "load",
    "load_tables",
    "table_batches",
    "LoadSummary",
    "MAX_POST_CHARS",
    "STORED_DUPLICATE",
]

# Posts per batch. The embedded store's commit costs about half a second whatever its size (it
# rewrites the regions a batch touches), so larger batches load faster: 4,200 posts/s at 10,000
# against 1,800 at 2,000 for a structure-only load, for ~80 MB more memory.
DEFAULT_BATCH = 10_000
# Characters of a post's text that are extracted and stored; the rest is cut off and reported.
# Longer posts are pasted dumps, not discussion; the limit keeps a batch within the embedded
# store's page cache and is the NER model's own limit on one text.
MAX_POST_CHARS = 1_000_000
# Characters of post text in one batch, at most. The embedded store writes a batch's nodes in one
# commit, and with its page cache (``BUFFER_POOL``, 256 MB) a commit of ~40 MB of text fails to be
# written to the file; 4 million characters stay below that even at 4 bytes a character.
BATCH_CHARS = 4_000_000
TRUNCATED = f"posts truncated to {MAX_POST_CHARS:,} characters"
# Report kind for a record whose id an earlier load stored with another writer or text.
STORED_DUPLICATE = "duplicates of stored posts skipped"


def truncated(posts: Iterable[Post], report: Reporter) -> Iterator[Post]:
    """The posts, each text cut to ``MAX_POST_CHARS``; a cut post is reported as "file#id" (its
    id in the input, or its position in its thread)."""
    for post in posts:
        if len(post.text) > MAX_POST_CHARS:
            report.add(TRUNCATED, f"{post.source}#{post.source_id or post.position}")
            post = replace(post, text=post.text[:MAX_POST_CHARS])
        yield post


def batches(posts: Iterable[Post], size: int = DEFAULT_BATCH) -> Iterator[list[Post]]:
    """Group posts into batches of about ``size``, cutting only between threads when possible
    (a thread without reply structure is needed whole for reply inference), at most 4x size
    and ``BATCH_CHARS`` characters of text (a batch holds one post however long it is). Posts
    come out storable: strings no encoder takes (lone surrogates) are replaced here."""
    batch: list[Post] = []
    chars = 0
    for post in map(storable, posts):
        full = len(batch) >= 4 * size or chars + len(post.text) > BATCH_CHARS
        if batch and ((len(batch) >= size and post.thread != batch[-1].thread) or full):
            yield batch
            batch, chars = [], 0
        batch.append(post)
        chars += len(post.text)
    if batch:
        yield batch


@dataclass
class LoadSummary:
    """What a load read and wrote. Distinct threads, authors and entities are kept as id sets:
    they grow with the corpus's vocabulary of ids, not with its posts."""

    posts: int = 0
    threads: set[str] = field(default_factory=set)
    authors: set[str] = field(default_factory=set)
    entities: set[str] = field(default_factory=set)
    edges: int = 0
    counts: LoadCounts = field(default_factory=LoadCounts)

    def add(self, batch: list[Post], graph: nx.MultiDiGraph) -> None:
        self.posts += len(batch)
        self.threads.update(p.thread for p in batch)
        self.authors.update(a for p in batch if (a := graphs.author_of(p)))
        self.entities.update(n for n, label in graph.nodes(data="label") if label in schema.ENTITY_LABELS)
        self.edges += graph.number_of_edges()

    def line(self) -> str:
        return (
            f"{len(self.threads)} threads, {self.posts} posts, {len(self.authors)} authors, "
            f"{len(self.entities)} entities, {self.edges} edges; {self.counts.summary()}"
        )


Progress = Callable[[LoadSummary], None]


def extract_batches(
    posts: Iterable[Post], extractor: Extractor, batch_size: int = DEFAULT_BATCH, report: Reporter | None = None
) -> Iterator[tuple[list[Post], nx.MultiDiGraph]]:
    """Each batch of posts with its graph (posts, authors, entities, evidence edges). The extractor
    sees all batches as one stream, so its model workers parse ahead while a batch is being loaded.
    Posts longer than ``MAX_POST_CHARS`` are cut, and posts whose extraction fails keep their
    structure; both go to ``report`` (a new one when not given)."""
    report = report if report is not None else Report()
    short = truncated(posts, report)
    with closing(extractor.extract_stream(batches(short, batch_size), report)) as stream:
        for batch, fragment in stream:
            yield batch, graphs.build_graph(batch, fragment)


def extract_graph(
    posts: Iterable[Post],
    extractor: Extractor,
    batch_size: int = DEFAULT_BATCH,
    progress: Progress | None = None,
    report: Reporter | None = None,
) -> nx.MultiDiGraph:
    """All posts as one graph (for exports and views), merging entities across batches;
    ``progress`` is called after each batch with the summary so far; cut posts and posts whose
    extraction failed go to ``report``."""
    whole = graphs.new_graph()
    summary = LoadSummary()
    with closing(extract_batches(posts, extractor, batch_size, report)) as stream:
        for batch, graph in stream:
            graphs.merge(whole, graph)
            summary.add(batch, graph)
            if progress:
                progress(summary)
    return whole


def load(
    posts: Iterable[Post],
    store: Store,
    extractor: Extractor,
    batch_size: int = DEFAULT_BATCH,
    progress: Progress | None = None,
    report: Reporter | None = None,
) -> LoadSummary:
    """Load posts batch by batch; each batch commits on its own, so re-running after an
    interruption skips what is stored and converges to the counts of one uninterrupted run.
    ``progress`` is called after each committed batch with the summary so far; posts cut to
    ``MAX_POST_CHARS``, posts whose extraction failed (loaded with their structure), and records
    whose id an earlier load stored as another post (skipped), are added to ``report``."""
    report = report if report is not None else Report()
    summary = LoadSummary()
    # closing() stops the model's workers on errors
    with closing(extract_batches(posts, extractor, batch_size, report)) as stream:
        for posts_read, graph in stream:
            batch = _without_stored_clashes(posts_read, graph, store, report)
            summary.counts += store.load(graph)
            summary.add(batch, graph)
            if progress:
                progress(summary)
    return summary


def _without_stored_clashes(batch: list[Post], graph: nx.MultiDiGraph, store: Store, report: Reporter) -> list[Post]:
    """The batch without its records whose id is stored with another writer or text (by an earlier
    load: one load skips repeats as it reads), taken out of ``graph`` too and reported as
    "file#id", so the stored post keeps its writer, text and relations. A record that agrees is
    the stored post read again, and loads as before (a re-run completes an interrupted load)."""
    real = [p for p in batch if not p.meta.get("stub")]
    stored = store.stored_posts(p.id for p in real)
    apart = {p.id for p in real if p.id in stored and (graphs.author_of(p), p.text) not in stored[p.id]}
    if not apart:
        return batch
    graphs.drop_posts(graph, apart)
    for post in batch:
        if post.id in apart:
            report.add(STORED_DUPLICATE, f"{post.source}#{post.source_id or post.id}")
    return [p for p in batch if p.id not in apart]


def table_batches(graph: nx.MultiDiGraph, size: int = DEFAULT_BATCH) -> Iterator[tuple[int, nx.MultiDiGraph]]:
    """An extracted graph in batches as loads cut them: about ``size`` posts in the graph's order (at most
    ``BATCH_CHARS`` characters of text), each with the edges it owns and their ends; an end that is a post
    of another batch is left unlabelled, as a parent read in an earlier batch is. Yields each batch's
    post count with its graph."""
    owned: dict[str, list[tuple]] = defaultdict(list)
    for src, dst, key, attrs in graph.edges(keys=True, data=True):
        owned[owner(attrs["type"], src, dst)].append((src, dst, key, attrs))
    posts = [n for n, label in graph.nodes(data="label") if label in schema.POST_LABELS]

    def batch_graph(chunk: list[str]) -> nx.MultiDiGraph:
        part = graphs.new_graph()
        part.add_nodes_from((p, graph.nodes[p]) for p in chunk)
        for post in chunk:
            for src, dst, key, attrs in owned[post]:
                for end in (src, dst):
                    if end not in part:
                        label = graph.nodes[end].get("label")
                        part.add_node(end, **({} if label is None or label in schema.POST_LABELS else graph.nodes[end]))
                part.add_edge(src, dst, key=key, **attrs)
        return part

    chunk: list[str] = []
    chars = 0
    for post in posts:
        text = graph.nodes[post].get("text") or ""
        if chunk and (len(chunk) >= size or chars + len(text) > BATCH_CHARS):
            yield len(chunk), batch_graph(chunk)
            chunk, chars = [], 0
        chunk.append(post)
        chars += len(text)
    if chunk:
        yield len(chunk), batch_graph(chunk)


def load_tables(
    directory: str, store: Store, batch_size: int = DEFAULT_BATCH, progress: Progress | None = None
) -> LoadSummary:
    """Load the Parquet tables of ``extract --cluster`` batch by batch (see ``table_batches``); like
    ``load``, each batch commits on its own and loading again changes nothing."""
    summary = LoadSummary()
    graph = parquet.read_tables(directory)
    for posts, batch in table_batches(graph, batch_size):
        summary.counts += store.load(batch)
        summary.posts += posts
        labels = dict(batch.nodes(data="label"))
        summary.threads.update(
            a.get("thread") or n for n, a in batch.nodes(data=True) if labels[n] in schema.POST_LABELS
        )
        summary.authors.update(n for n, label in labels.items() if label == schema.AUTHOR)
        summary.entities.update(n for n, label in labels.items() if label in schema.ENTITY_LABELS)
        summary.edges += batch.number_of_edges()
        if progress:
            progress(summary)
    return summary
