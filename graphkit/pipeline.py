"""The main job as a library: read inputs, extract in batches, build graphs, load a store.

Inputs stream through in batches of posts, so memory stays bounded whatever their size;
each batch is committed by the store before the next, so an interrupted load resumes by
running again. Posts a store already holds whole are recognised by their ids before the model
reads them and skipped (a record whose id is stored as another post, with another writer or text, is
reported and dropped); what extraction would have learnt from them (participants, vocabulary,
entities, earlier comments of their threads) is read back from the store instead, so a re-run,
a resumed load, or a load of one more input gives the graph of one load of everything. Every
post passes through ``truncated`` first, so no reader's post is longer
than ``MAX_POST_CHARS``. One bad value does not stop a run: every post is made storable on its
way in (``records.storable``), and a post whose extraction fails is reported and keeps its
structure (see ``Extractor``), so a re-run goes through the same posts the same way.
"""

from __future__ import annotations

import gc
from collections import defaultdict
from collections.abc import Callable, Container, Iterable, Iterator
from contextlib import closing, contextmanager
from dataclasses import dataclass, field, replace
from typing import TYPE_CHECKING, TypeVar

from . import graph as graphs
from . import schema
from .batch_cuts import BATCH_CHARS, BatchCuts
from .defaults import DEFAULT_BATCH
from .held_stubs import HeldStubs
from .records import Fragment, Post, Reporter, line_feeds, storable
from .seen_ids import SeenIds
from .sources import Report, repeat_at
from .store import LoadCounts, ModelReply, Store, StoredPost, parquet, rows
from .store.known import known
from .store.rows import owner

if TYPE_CHECKING:  # the model's code loads only for a command that extracts; networkx only for one graph
    import networkx as nx

    from .extract import Extractor

__all__ = [
    "batches",
    "BatchCuts",
    "truncated",
    "fewer_collections",
    "extract_batches",
    "extract_graph",
    "load",
    "load_tables",
    "table_batches",
    "LoadSummary",
    "PostsRead",
    "Remodel",
    "MAX_POST_CHARS",
    "STORED_DUPLICATE",
]

# Characters of a post's text that are extracted and stored; the rest is cut off and reported.
# Longer posts are pasted dumps, not discussion; the limit keeps a batch within the embedded
# store's page cache and is the NER model's own limit on one text.
MAX_POST_CHARS = 1_000_000
TRUNCATED = f"posts truncated to {MAX_POST_CHARS:,} characters"
# Report kind for a record whose id an earlier load stored with another writer or text.
STORED_DUPLICATE = "duplicates of stored posts skipped"
# New objects the garbage collector lets pile up before it looks for cycles, during a load (Python's own: 700).
# A batch builds hundreds of thousands of dicts and lists that live until it is stored, and each collection
# of the young ones, every 700, took a quarter of the CPU time of reading, extracting and building rows. A
# load makes few cycles (a few hundred objects in all over 20k comments), so fewer collections hold no more.
# At 10,000 the objects of a batch were looked at again in the middle generation's collections, and a full one
# came: 1.0 s of 100k comments' load; at 100,000 a batch's objects are looked at about once (0.3 s).
YOUNG_OBJECTS = 100_000
G = TypeVar("G")


@contextmanager
def fewer_collections() -> Iterator[None]:
    """Run the block with the garbage collector's first threshold at least ``YOUNG_OBJECTS``; the caller's
    thresholds are restored after it."""
    before = gc.get_threshold()
    gc.set_threshold(max(before[0], YOUNG_OBJECTS), *before[1:])
    try:
        yield
    finally:
        gc.set_threshold(*before)


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
    cuts = BatchCuts(size)
    for post in map(storable, posts):
        if cuts.starts(post.thread, len(post.text)):
            yield batch
            batch = []
        batch.append(post)
    if batch:
        yield batch


def _models(models: Iterable[str | None]) -> str:
    return ", ".join(sorted(model or "unnamed" for model in models))


@dataclass
class Remodel:
    """A load into a store holding replies that another reply model chose than this graphkit's (``model``, a
    ``ReplyModel.identity``): each batch's stored posts of a thread with such a reply are extracted again with the
    rest of the batch, as a first load reads them (``take``), but for their replies only (no entity: the model
    and the entity rules do not read them), and the replies the model chose for them replace the stored ones
    (``split``, ``Store.replace_replies``); nothing else of theirs is written again. Replies written say the
    model, so a stopped load, run again, goes on with the threads still holding others."""

    model: str
    stale: set[str]  # the threads holding replies of other models when the load began
    before: dict[str | None, int]  # … those replies, by model
    posts: set[str] = field(default_factory=set)  # the stored posts extracted again
    threads: set[str] = field(default_factory=set)  # … their threads
    stored: dict[str, ModelReply] = field(default_factory=dict)  # the stored replies of those posts the model chose
    replaced: int = 0
    moved: int = 0  # … that now answer another post
    reweighed: int = 0  # … that answer the same post with another confidence
    left: dict[str | None, int] = field(default_factory=dict)  # replies of other models the load could not redo
    left_threads: set[str] = field(default_factory=set)  # … their threads
    tables: bool = False  # the load's replies come from the tables of ``extract --cluster``, chosen there

    @classmethod
    def of(cls, store: Store, model: str | None = None, tables: bool = False) -> Remodel | None:
        """The re-extraction a load into ``store`` needs for its replies to be all of ``model`` (by default this
        graphkit's), or None when no stored reply is of another model; ``tables`` as the field."""
        if model is None:
            from .extract.reply_model import model as shipped

            model = shipped().identity
        stale: set[str] = set()
        before: dict[str | None, int] = {}
        for thread, name, count in store.other_models(model):
            stale.add(thread)
            before[name] = before.get(name, 0) + count
        return cls(model, stale, before, tables=tables) if stale else None

    def take(self, store: Store, posts: Iterable[tuple[str, str]]) -> set[str]:
        """The ids of ``posts`` (id and thread of each post of a batch stored whole) to extract again: those of a
        thread holding a reply that another model chose when the load began (so a thread a stopped load replaced
        in part is extracted again whole)."""
        again = {post: thread for post, thread in posts if thread in self.stale}
        if again:
            self.stored.update(store.model_replies(again))
            self.posts.update(again)
            self.threads.update(again.values())
        return set(again)

    def split(self, graph: rows.Batch) -> tuple[rows.Batch, rows.Batch]:
        """The batch without what the posts extracted again own (they stay as ends of the other posts' edges, and
        so do nodes that other edges reach), and those posts' replies that replace stored ones the model chose, with
        the quotes that follow them."""
        rest, replies = rows.Batch(), rows.Batch()
        ends: set[str] = set()  # ends of the edges kept
        theirs: set[str] = set()  # ends of the edges left out
        for (src, dst, key), attrs in graph.edges.items():
            kind = attrs["type"]
            if rows.owner(kind, src, dst) not in self.posts:
                rest.edges[src, dst, key] = attrs
                ends.update((src, dst))
            else:
                theirs.update((src, dst))
                if kind in (schema.REPLY_TO, schema.QUOTES) and attrs.get("model") and src in self.stored:
                    replies.add_edge(src, dst, key, **attrs)
        for node, attrs in graph.nodes.items():
            if node in self.posts:
                if node in ends:
                    rest.nodes[node] = {}
            elif node in ends or node not in theirs or attrs.get("label") in schema.POST_LABELS:
                rest.nodes[node] = attrs
        chosen = [
            (src, dst, attrs) for (src, dst, _), attrs in replies.edges.items() if attrs["type"] == schema.REPLY_TO
        ]
        self.replaced += len(chosen)
        for src, dst, attrs in chosen:
            before = self.stored[src]
            self.moved += before.parent != dst
            self.reweighed += before.parent == dst and before.confidence != attrs.get("confidence")
        return rest, replies

    def line(self) -> str:
        """What the load updated, in one line."""
        return (
            f"Reply model {self.model} replaced {self.replaced} replies that {_models(self.before)} chose, in "
            f"{len(self.threads)} threads: {self.moved} now answer another post, {self.reweighed} have another "
            "confidence."
        )

    def finish(self, store: Store) -> None:
        """Note the replies of other models that the load left in ``store``."""
        for thread, name, count in store.other_models(self.model):
            self.left_threads.add(thread)
            self.left[name] = self.left.get(name, 0) + count

    def left_line(self) -> str | None:
        """What the load could not extract again, in one line (None: nothing)."""
        if not self.left:
            return None
        threads, partly = len(self.left_threads), len(self.left_threads & self.threads)
        if self.tables:
            return (
                f"{sum(self.left.values())} stored replies in {threads} threads that {_models(self.left)} chose were "
                f"not replaced: their posts are not in these tables ({partly} of those threads were replaced in part); "
                "load the tables of all their inputs, or the inputs themselves, to update them"
            )
        return (
            f"{sum(self.left.values())} stored replies in {threads} threads that {_models(self.left)} chose were not "
            f"extracted again: their posts are not in this input with their pages ({partly} of those threads were "
            "extracted again without them); load all their inputs again together to update them"
        )


@dataclass
class PostsRead:
    """The posts a run read, the stubs apart: every command that extracts or loads says them alike."""

    posts: int = 0
    # posts the load's posts name and its inputs lack (a thread's root, a stated parent), each once, counted apart from
    # posts read: a stub a post of the load fills is none, whether the store holds it or not
    stubs: int = 0

    def count(self, stubs: Iterable[bool | None]) -> None:
        """Count posts read, each told by whether it is a stub: a stub is no post read, and its writer, the one the
        input naming it names, wrote nothing read (``read``). Each counts as given: callers give each node once, a
        stub only where no post fills it (tables, a dump's first pass), as ``read`` makes a reader's posts so."""
        stubs = list(stubs)
        n = sum(map(bool, stubs))
        self.stubs += n
        self.posts += len(stubs) - n

    def posts_line(self) -> str:
        stubs = f", {self.stubs} stubs of posts not in input" if self.stubs else ""
        return f"{self.posts} posts{stubs}"


@dataclass
class LoadSummary(PostsRead):
    """What a load read and wrote. Distinct threads, authors and entities are kept as id sets:
    they grow with the corpus's vocabulary of ids, not with its posts."""

    threads: set[str] = field(default_factory=set)
    authors: set[str] = field(default_factory=set)
    entities: set[str] = field(default_factory=set)
    edges: int = 0
    stored: int = 0  # posts found stored whole, not extracted again
    # what the store did, the stored quotes it moved (``Batch.moving``, written apart from the batch's edges) included
    counts: LoadCounts = field(default_factory=LoadCounts)
    remodel: Remodel | None = None  # replies that another reply model chose, extracted again
    warnings: list[str] = field(default_factory=list)  # what the user should know and do, a line each
    _stubbed: SeenIds = field(default_factory=SeenIds, repr=False)  # the stubs counted, for the posts filling them
    # the nodes of the batches loaded that a later batch may hold again (``loaded``): posts read are not among them
    _met: SeenIds = field(default_factory=SeenIds, repr=False)

    def read(self, posts: list[Post]) -> None:
        """Count posts read (each read once in a load, a stub of it only before it): a stub the first time, until a
        post read fills it."""
        stubs = [p.id for p in posts if p.meta.get("stub")]
        read = [p.id for p in posts if not p.meta.get("stub")]
        self.posts += len(read)
        self.stubs += sum(self._stubbed.add(stubs)) - sum(self._stubbed.has(read))
        self.threads.update(p.thread for p in posts)
        self.authors.update(a for p in posts if not p.meta.get("stub") and (a := graphs.author_of(p)))

    def read_batch(self, batch: rows.Batch) -> None:
        """Count a batch of tables' posts, threads, authors and entities (the ends of its edges that
        are posts of another batch have no label and are not counted)."""
        for node, attrs in batch.nodes.items():
            label = attrs.get("label")
            if label in schema.POST_LABELS:
                self.count((attrs.get("stub"),))
                self.threads.add(attrs.get("thread") or node)
            elif label == schema.AUTHOR:
                self.authors.add(node)
            elif label in schema.ENTITY_LABELS:
                self.entities.add(node)

    def loaded(self, graph: rows.Graph, counts: LoadCounts) -> None:
        """Add what a store counted of loading ``graph``, a batch, but for the nodes of an earlier batch of the load,
        which it counts present again (a writer of posts in both, a thread's root): the counts are those of one batch
        of everything, whatever the batch size. A post read comes in one batch of a load (its stub perhaps in an
        earlier one), so only the other nodes are remembered: the Authors, entities and stubs, as many as the ids of
        the corpus's vocabulary, not as its posts (a million comments' ids held 10 MB, 35 MB while merged)."""
        read = rows.posts_read(graph)
        nodes = [node for node, label in rows.labels(graph) if label]
        if read:
            posts = set(read)
            nodes = [node for node in nodes if node not in posts]
        again = len(nodes) - sum(self._met.add(nodes)) + sum(self._met.has(read))
        counts.nodes_present -= again
        self.counts += counts

    def add(self, batch: list[Post], graph: rows.Graph) -> None:
        self.read(batch)
        self.entities.update(n for n, label in rows.labels(graph) if label in schema.ENTITY_LABELS)
        self.edges += rows.edge_count(graph)

    def line(self) -> str:
        stored = f"{self.stored} posts already stored, skipped; " if self.stored else ""
        return (
            f"{len(self.threads)} threads, {self.posts_line()}, {len(self.authors)} authors, "
            f"{len(self.entities)} entities, {self.edges} edges; {stored}{self.counts.summary()}"
        )


Progress = Callable[[LoadSummary], None]


def extract_batches(
    posts: Iterable[Post],
    extractor: Extractor,
    batch_size: int = DEFAULT_BATCH,
    report: Reporter | None = None,
    skip: Callable[[Iterator[list[Post]]], Iterator[list[Post]]] | None = None,
    make: Callable[[], G] = graphs.new_graph,
    again: Callable[[], Iterable[Iterable[Post]]] | None = None,
    replies_only: Container[str] = (),
    windows: Container[str] = (),
) -> Iterator[tuple[list[Post], G]]:
    """Each batch of posts with its graph (posts, authors, entities, evidence edges), built into what
    ``make`` returns (a load makes ``rows.Batch``: what a store reads, without networkx). The extractor
    sees all batches as one stream, so its model workers parse ahead while a batch is being loaded.
    Posts longer than ``MAX_POST_CHARS`` are cut, and posts whose extraction fails keep their
    structure; both go to ``report`` (a new one when not given). ``skip`` takes posts out of the
    batches before extraction (a batch left empty is not yielded). ``again`` reads the same posts once
    more, input by input (``sources.read_inputs``, its report unused; without entity rules it may leave out
    posts that show no new writer): given, the extractor reads it ahead (``Extractor.read_ahead``), so each
    post is searched with what a single batch of everything teaches, whatever ``batch_size`` (with ``windows``, the
    mentions are then resolved to entities in windows the batches do not change); without it, the
    posts of an input learn from the part of it their batch holds (a participant's name, the vocabulary) and from what
    came before only. Posts whose ids are in ``replies_only`` when their batch is taken are read for their replies only
    (``Extractor.extract_stream``); the mentions of an input named in ``windows`` (by ``Post.source``: one whose end
    comes without waiting) are resolved in windows, those of the others batch by batch."""
    report = report if report is not None else Report()
    if again is not None:
        extractor.read_ahead(map(storable, truncated(posts, Report())) for posts in again())
    end = _End()
    short = batches(end.posts(truncated(posts, report)), batch_size)
    stream = extractor.extract_stream(end.batches(skip(short) if skip else short), report, replies_only, windows)
    with closing(stream):
        for batch, fragment in stream:
            if end.last():  # the posts' end decides edges of earlier posts: they go in the last batch's commit
                fragment.edges += extractor.finish().edges
            yield batch, _built(batch, fragment, make())
    if (last := extractor.finish()).edges:  # the last batch skipped whole: a batch of no posts, the edges of others
        yield [], _built([], last, make())


def _built(batch: list[Post], fragment: Fragment, into: G) -> G:
    """The batch's graph in ``into``; a load's (``rows.Batch``) holds apart the edges that take the place of stored
    ones (``Edge.replaces``), for the store to write with those deleted, in one transaction."""
    if not any(edge.replaces for edge in fragment.edges):
        return graphs.build_graph(batch, fragment, into=into)
    if not isinstance(into, rows.Batch):  # no store: the edges moving quotes are new ones
        edges = [edge for edge in fragment.edges if edge.target]
        return graphs.build_graph(batch, replace(fragment, edges=edges), into=into)
    moving = [edge for edge in fragment.edges if edge.replaces]
    graph = graphs.build_graph(batch, replace(fragment, edges=[e for e in fragment.edges if not e.replaces]), into=into)
    graph.moving = graphs.build_graph([], Fragment(edges=[e for e in moving if e.target]), into=rows.Batch())
    graph.moving.moved = [(edge.source, edge.replaces, edge.props["id"]) for edge in moving]
    return graph


class _End:
    """Whether the batch a stream gives is its last, known without reading further: the last batch is cut once the
    posts have ended (a batch is cut as the next post comes), so it carries what the posts' end decides, stored in
    its commit (a load stopped after it and run again skips every post and extracts nothing), and a load from a pipe
    left open stores each batch as soon as it is complete."""

    def __init__(self) -> None:
        self.ended = False
        self.taken = 0  # the batches the stream took
        self.given = 0  # … and gave back

    def posts(self, posts: Iterable[Post]) -> Iterator[Post]:
        yield from posts
        self.ended = True

    def batches(self, batches: Iterable[list[Post]]) -> Iterator[list[Post]]:
        for batch in batches:
            if batch:  # the stream skips an empty one
                self.taken += 1
                yield batch

    def last(self) -> bool:
        """Whether the batch given now is the last: the posts ended and the stream gave every batch it took."""
        self.given += 1
        return self.ended and self.given == self.taken


def _unstored(
    store: Store,
    extractor: Extractor,
    summary: LoadSummary,
    report: Report,
    progress: Progress | None,
    stored_posts: Callable[[Iterable[str]], dict[str, StoredPost]],
    remodel: Remodel | None = None,
) -> Callable[[Iterator[list[Post]]], Iterator[list[Post]]]:
    """A filter of batches that weighs each post against the post of its id ``store`` holds, looked up for the whole
    batch before the model reads it: a post stored whole with the same writer and text is skipped (a stub root too
    when its thread's root is stored); a record whose id is stored with another writer or text (by an earlier load:
    one load skips repeats as it reads) is reported as "file#id" and dropped, so nothing of it attaches to the
    stored post, the stub of a parent it names neither (``HeldStubs``: a stub goes with the first post kept, extracted
    or skipped, that names it, in reading order), while replies to it attach there; a post of a batch that stopped
    halfway is extracted again. Before the first post that is extracted, the extractor learns
    what the store holds (when it holds any post). ``stored_posts`` answers for the store (the store's own, or a
    bulk load's for the posts written before it ends). Given ``remodel``, stored posts it takes are extracted again,
    in their places in the batch. Where an Author is stored without a handle (an earlier graphkit wrote it), the
    Authors of the posts skipped take theirs, and where the posts skipped give addresses, their Authors stored
    without one take it (``Store.fill_authors``); where a Comment is stored without ``quotes_stated``, the comments
    skipped take theirs (``Store.fill_quotes_stated``), before the batch's posts recall the threads they continue."""

    def skip(batches: Iterator[list[Post]]) -> Iterator[list[Post]]:
        learnt = False
        lacking: bool | None = None  # whether an Author is stored without a handle, asked at the first post skipped
        stubs = HeldStubs()
        stored_stubs: set[str] = set()  # the ids of the stubs held whose post the store holds, stub or not
        for batch in batches:
            stored = stored_posts(p.id for p in batch)
            whole = [p.id for p in batch if p.meta.get("stub") and (k := stored.get(p.id)) is not None and not k.stub]
            if whole:  # the parents the store holds are in no way missing
                report.held(whole, stored=True)
            extracted: list[bool | None] = []  # each post's fate: extracted, skipped as stored (False) or dropped
            for post in batch:
                kept = stored.get(post.id)
                stub = post.meta.get("stub")
                if kept is None or (kept.stub and not stub):
                    extracted.append(True)
                elif not stub and _another(post, kept):
                    report.add(STORED_DUPLICATE, repeat_at(post))
                    extracted.append(None)
                else:
                    extracted.append(not kept.finished)
            skipped = [post for post, fate in zip(batch, extracted, strict=True) if fate is False]
            if remodel is not None and skipped and (again := remodel.take(store, ((p.id, p.thread) for p in skipped))):
                taken = (fate is False and post.id in again for post, fate in zip(batch, extracted, strict=True))
                extracted = [True if took else fate for took, fate in zip(taken, extracted, strict=True)]
            new: list[Post] = []
            old: list[Post] = []
            for post, fate in zip(batch, extracted, strict=True):
                if fate is None:
                    continue
                stub = post.meta.get("stub")
                if stub:
                    if (now := stubs.hold(post)) is None:
                        continue
                    if not fate:
                        stored_stubs.add(post.id)
                else:
                    now = stubs.before(post)
                for passed in now:
                    if passed.id in stored_stubs:
                        stored_stubs.discard(passed.id)
                        old.append(passed)
                    else:
                        new.append(passed)
                if not stub:
                    (new if fate else old).append(post)
            if old:
                if lacking is None:
                    lacking = store.lacks_handles()
                if lacking or any(post.meta.get("email") for post in old):
                    authors = {i: node.props for i, node in graphs.author_nodes(old).items()}
                    store.fill_authors(authors, {graphs.author_of(post) for post in old})
                if store.lacks_quotes_stated():  # before a batch recalls their threads: so does one load
                    store.fill_quotes_stated({p.id: p.quotes_stated for p in old if p.answers})
                    extractor.stated(old)  # … and for a thread an earlier batch recalled
                summary.stored += sum(not post.meta.get("stub") for post in old)
                summary.read(old)
                if progress:
                    progress(summary)
            if new and not learnt:
                learnt = True
                anew = (remodel.posts, remodel.stale) if remodel is not None else ()
                if (what := known(store, *anew)) is not None:
                    extractor.remember(what)
            yield new

    return skip


def _another(post: Post, kept: StoredPost) -> bool:
    """Whether ``post`` is another post than the stored one of its id: another text (a text stored before posts held
    a line feed for every line break is the same text), or another writer (the writer of a post whose batch stopped
    halfway may not be written yet)."""
    if post.text != kept.text and post.text != line_feeds(kept.text):
        return True
    return kept.finished and graphs.author_of(post) not in kept.writers


def extract_graph(
    posts: Iterable[Post],
    extractor: Extractor,
    batch_size: int = DEFAULT_BATCH,
    progress: Progress | None = None,
    report: Reporter | None = None,
    again: Callable[[], Iterable[Iterable[Post]]] | None = None,
    windows: Container[str] = (),
) -> nx.MultiDiGraph:
    """All posts as one graph (for exports and views), merging entities across batches;
    ``progress`` is called after each batch with the summary so far; cut posts and posts whose
    extraction failed go to ``report``; ``again`` and ``windows`` as in ``extract_batches``."""
    whole = graphs.new_graph()
    summary = LoadSummary()
    stream = extract_batches(posts, extractor, batch_size, report, again=again, windows=windows)
    with fewer_collections(), closing(stream):
        for batch, graph in stream:
            graphs.merge(whole, graph)
            summary.add(batch, graph)
            if progress:
                progress(summary)
    graphs.settle(whole)
    return whole


def load(
    posts: Iterable[Post],
    store: Store,
    extractor: Extractor,
    batch_size: int = DEFAULT_BATCH,
    progress: Progress | None = None,
    report: Report | None = None,
    again: Callable[[], Iterable[Iterable[Post]]] | None = None,
    windows: Container[str] = (),
) -> LoadSummary:
    """Load posts batch by batch; each batch commits on its own, so re-running after an
    interruption skips what is stored and converges to the counts of one uninterrupted run.
    ``progress`` is called after each committed batch with the summary so far; posts cut to
    ``MAX_POST_CHARS``, posts whose extraction failed (loaded with their structure), and records
    whose id an earlier load stored as another post (skipped), are added to ``report``, and the parents not in input
    that the store holds taken back from it; ``again`` and ``windows`` as
    in ``extract_batches`` (``again`` reads the stored posts too: their participants are named anywhere in their input).

    Replies that another reply model than this graphkit's chose are extracted again where the input holds their
    threads (``Remodel``; ``summary.remodel`` says what was updated and what was not): a batch's other posts are
    loaded first, then its replies replaced, so a load stopped between them replaces them when run again. When a share
    of the posts the extractor has searched for entities look not English, ``summary.warnings`` says so
    (``Languages``)."""
    report = report if report is not None else Report()
    summary = LoadSummary()
    store.begin_load()
    bulk = store.bulk()  # a store that holds nothing may take the whole run at once, at its end
    target = bulk or store
    remodel = summary.remodel = None if bulk else Remodel.of(store)
    skip = _unstored(store, extractor, summary, report, progress, target.stored_posts, remodel)
    replies_only = remodel.posts if remodel is not None else ()  # stored posts extracted again: for their replies only
    # closing() stops the model's workers on errors
    stream = extract_batches(posts, extractor, batch_size, report, skip, rows.Batch, again, replies_only, windows)
    try:
        with fewer_collections(), closing(stream):
            for batch, graph in stream:
                replies = None
                if remodel is not None and remodel.posts:
                    moving = graph.moving
                    graph, replies = remodel.split(graph)
                    graph.moving = moving
                if replies is None or any(label for _, label in rows.labels(graph)):
                    summary.loaded(graph, target.load(graph))
                elif graph.moving is not None:  # a batch of posts extracted again for their replies only
                    summary.counts += store.replace_quotes(graph.moving)
                if replies is not None and replies.edges:
                    store.replace_replies(replies)
                summary.add(batch, graph)
                if progress:
                    progress(summary)
        if bulk:
            extractor.release()  # the stream has ended: the copy needs neither the model nor the rules' lists
            summary.counts += bulk.finish()
    finally:
        if bulk:
            bulk.close()
    if remodel is not None:
        remodel.finish(store)
    if line := extractor.languages.line():
        summary.warnings.append(line)
    return summary


def table_batches(tables: rows.Batch, size: int = DEFAULT_BATCH) -> Iterator[tuple[int, rows.Batch]]:
    """Extracted tables (``parquet.read_batch``) in batches as loads cut them: about ``size`` posts in the tables'
    order (at most ``BATCH_CHARS`` characters of text), each with the edges it owns and their ends; an end that
    is a post of another batch is left unlabelled, as a parent read in an earlier batch is. Yields each batch's
    post count with the batch, which shares the tables' attribute dicts (a store only reads them)."""
    nodes = tables.nodes
    owned: dict[str, list[tuple[tuple[str, str, str], dict]]] = defaultdict(list)
    for edge, attrs in tables.edges.items():
        owned[owner(attrs["type"], edge[0], edge[1])].append((edge, attrs))
    posts = [n for n, attrs in nodes.items() if attrs.get("label") in schema.POST_LABELS]

    def batch_of(chunk: list[str]) -> rows.Batch:
        part = rows.Batch()
        ends, edges = part.nodes, part.edges
        for post in chunk:
            ends[post] = nodes[post]
        for post in chunk:
            for edge, attrs in owned[post]:
                for end in edge[:2]:
                    if end not in ends:
                        attrs_of_end = nodes[end]
                        label = attrs_of_end.get("label")
                        ends[end] = {} if label is None or label in schema.POST_LABELS else attrs_of_end
                edges[edge] = attrs
        return part

    chunk: list[str] = []
    chars = 0
    for post in posts:
        text = nodes[post].get("text") or ""
        if chunk and (len(chunk) >= size or chars + len(text) > BATCH_CHARS):
            yield len(chunk), batch_of(chunk)
            chunk, chars = [], 0
        chunk.append(post)
        chars += len(text)
    if chunk:
        yield len(chunk), batch_of(chunk)


def load_tables(
    directory: str, store: Store, batch_size: int = DEFAULT_BATCH, progress: Progress | None = None
) -> LoadSummary:
    """Load the Parquet tables of ``extract --cluster``: into an embedded store that holds nothing else by
    its bulk copy (``store.ladybug_copy``), otherwise batch by batch (see ``table_batches``); like
    ``load``, each step commits on its own, a load that stopped completes when run again, and loading
    again changes nothing.

    The replies the tables' reply model chose replace those another model chose that the store holds for the
    same posts (``Remodel``: a batch's other rows are loaded first, then its replies replaced in one transaction),
    so every comment keeps one reply, the tables'; ``summary.warnings`` says when that model is not this
    graphkit's, which a load of the inputs themselves would have used."""
    summary = LoadSummary()
    store.begin_load()
    models = tables_models(directory)
    if line := other_tables_model(directory, models):
        summary.warnings.append(line)
    if store.name == "ladybug":
        from .store.ladybug_copy import copy_tables

        if (counts := copy_tables(store, directory)) is not None:
            summary.counts = counts
            for label in schema.POST_LABELS:
                ids = parquet.column(directory, label, "id")
                summary.count(parquet.column(directory, label, "stub"))
                threads = ids if label == schema.ARTICLE else parquet.column(directory, label, "thread")
                summary.threads.update(t or i for t, i in zip(threads, ids, strict=True))
            summary.authors.update(parquet.column(directory, schema.AUTHOR, "id"))
            for label in schema.ENTITY_LABELS:
                summary.entities.update(parquet.column(directory, label, "id"))
            summary.edges = counts.rels_created + counts.rels_skipped
            if progress:
                progress(summary)
            return summary
    remodel = summary.remodel = Remodel.of(store, *models, tables=True) if len(models) == 1 else None
    for _, batch in table_batches(parquet.read_batch(directory), batch_size):
        summary.read_batch(batch)
        summary.edges += len(batch.edges)
        if remodel is not None and remodel.take(store, _stored_posts(store, batch)):
            rest, replies = remodel.split(batch)
            if any(label for _, label in rows.labels(rest)):
                summary.loaded(rest, store.load(rest))
            if replies.edges:
                store.replace_replies(replies)
        else:
            summary.loaded(batch, store.load(batch))
        if progress:
            progress(summary)
    if remodel is not None:
        remodel.finish(store)
    return summary


def tables_models(directory: str) -> set[str]:
    """The reply models that chose the replies of the tables in ``directory``."""
    return {model for model in parquet.column(directory, schema.REPLY_TO, "model") if model}


def other_tables_model(directory: str, models: set[str]) -> str | None:
    """A warning that the replies of the tables in ``directory`` are of reply models ``models`` other than this
    graphkit's (None: they are not)."""
    from .extract.reply_model import model

    current = model().identity
    if not models - {current}:
        return None
    return (
        f"the replies in {directory} were chosen by reply model {_models(models)}, not this graphkit's {current}: "
        "extract their inputs again (extract --cluster) and load those tables, or load the inputs themselves, to "
        "update them"
    )


def replies_in_the_way(directory: str, store: Store, models: set[str]) -> str | None:
    """Why the tables in ``directory``, whose replies ``models`` chose, cannot be written as they are into ``store``
    (by a cluster's workers, which only add rows): it holds replies of their threads that other models chose, which
    ``load_tables`` replaces. None when it holds none."""
    threads = set(parquet.column(directory, schema.COMMENT, "thread"))
    other: dict[str | None, int] = {}
    for model in models or {""}:
        for thread, name, count in store.other_models(model):
            if thread in threads and name not in models:
                other[name] = other.get(name, 0) + count
    if not other:
        return None
    return (
        f"{directory}: the store holds {sum(other.values())} replies of these tables' threads that reply model "
        f"{_models(other)} chose, not {_models(models)} as the tables' replies; load the tables without --cluster, "
        "which replaces them"
    )


def _stored_posts(store: Store, batch: rows.Batch) -> list[tuple[str, str]]:
    """The posts of a batch of tables that ``store`` holds whole, each with its thread."""
    posts = {
        node: attrs.get("thread") or node
        for node, attrs in batch.nodes.items()
        if attrs.get("label") in schema.POST_LABELS
    }
    return [(post, posts[post]) for post, kept in store.stored_posts(posts).items() if kept.finished]
