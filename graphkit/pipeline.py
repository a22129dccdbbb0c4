"""The main job as a library: read inputs, extract in batches, build graphs, load a store.

Inputs stream through in batches of posts, so memory stays bounded whatever their size;
each batch is committed by the store before the next, so an interrupted load resumes by
running again. One bad value does not stop a run: every post is made storable on its way in
(``records.storable``), and a post whose extraction fails is reported and keeps its structure
(see ``Extractor``), so a re-run goes through the same posts the same way.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from contextlib import closing
from dataclasses import dataclass, field

import networkx as nx

from . import graph as graphs
from . import schema
from .extract import Extractor
from .records import Post, Reporter, storable
from .sources import Report
from .store import LoadCounts, Store

__all__ = ["batches", "extract_batches", "extract_graph", "load", "LoadSummary"]

# Posts per batch. The embedded store's commit costs about half a second whatever its size (it
# rewrites the regions a batch touches), so larger batches load faster: 4,200 posts/s at 10,000
# against 1,800 at 2,000 for a structure-only load, for ~80 MB more memory.
DEFAULT_BATCH = 10_000


def batches(posts: Iterable[Post], size: int = DEFAULT_BATCH) -> Iterator[list[Post]]:
    """Group posts into batches of about ``size``, cutting only between threads when possible
    (a thread without reply structure is needed whole for reply inference), at most 4x size.
    Posts come out storable: strings no encoder takes (lone surrogates) are replaced here."""
    batch: list[Post] = []
    for post in map(storable, posts):
        if batch and ((len(batch) >= size and post.thread != batch[-1].thread) or len(batch) >= 4 * size):
            yield batch
            batch = []
        batch.append(post)
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
        self.authors.update(schema.author_id(p.platform, p.author) for p in batch if p.author)
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
    Posts whose extraction fails go to ``report`` (a new one when not given) and keep their structure."""
    report = report if report is not None else Report()
    with closing(extractor.extract_stream(batches(posts, batch_size), report)) as stream:
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
    ``progress`` is called after each batch with the summary so far, failed posts go to ``report``."""
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
    ``progress`` is called after each committed batch with the summary so far; posts whose
    extraction failed are loaded with their structure and added to ``report``."""
    summary = LoadSummary()
    # closing() stops the model's workers on errors
    with closing(extract_batches(posts, extractor, batch_size, report)) as stream:
        for batch, graph in stream:
            summary.counts += store.load(graph)
            summary.add(batch, graph)
            if progress:
                progress(summary)
    return summary
