"""The structure-only load of a Reddit dump into a new embedded store, in columns.

``pipeline.load`` makes a ``Post`` of every record, extracts it, builds its rows as dicts and groups them;
every one of those steps cost a fifth of the load or less, so only a different shape makes it much faster.
Here a dump is read as columns (``sources.reddit_columns``); each batch's posts, Authors, WROTE and stated
REPLY_TO rows are made as Arrow columns and spilled as the bulk load spills them (``store.ladybug_bulk``); the
text rules (participants named, links, quotes) run only on the posts that a check of their text says may
hold one, and the thread contexts quotes are looked for in are kept only for threads with a post that quotes.
The stored graph, the counts and the report are those of ``pipeline.load``: batches are cut where it cuts
them, each row is decided as the bulk load decides it, and the rules see each post as extraction sees it.
With more than one worker (``--workers``, all cores by default), the rules run in a worker process forked for the
load, a batch behind the reading: while they read one batch's texts, this process reads the next batch and
writes the rows of the one before.

Taken when it applies, with no option: a structure-only load of one Reddit NDJSON dump into an embedded store
that holds nothing. Anything else (a store holding posts, so a load that must skip what is stored; another
format; a dump with a record the columns cannot hold as the reader does) is loaded by ``pipeline.load``. As
any load into a new store, nothing reaches the store before the input ends: a load that stopped is run again.
"""

from __future__ import annotations

import os
from collections import deque
from collections.abc import Callable, Iterator, Mapping, Sequence
from concurrent.futures import Future
from contextlib import contextmanager
from dataclasses import dataclass
from itertools import repeat
from typing import TYPE_CHECKING, Any

import pyarrow as pa
import pyarrow.compute as pc

from . import graph as graphs
from . import schema
from . import workers as forked
from .extract.extractor import UNKEPT, Knowledge, held_quote_edges, stated_reply_props
from .extract.quotes import find_post_quotes
from .pipeline import MAX_POST_CHARS, BatchCuts, LoadSummary, Progress, fewer_collections
from .records import Fragment, Post, Reporter, author_node
from .sources import Format, Input, Readers, Report, settle
from .sources.reddit import PLATFORM
from .sources.reddit_columns import Columns, NotColumnar, Survey, columns, survey
from .store import LoadCounts, Store, rows
from .store.ladybug import node_table, rel_table
from .store.parquet import node_schema, rel_schema

if TYPE_CHECKING:
    from .extract import Extractor
    from .store.ladybug_bulk import BulkLoad

__all__ = ["plan", "Plan"]

# Substrings without which a text holds no link (``find_links``).
_LINK_MARKS = ("://", "w.", "W.")


class Plan:
    """A load in columns of an input that allows it, its first pass done (``plan``)."""

    def __init__(
        self,
        inputs: Sequence[Input],
        formats: list[Format],
        options: Mapping[str, str],
        found: Survey,
        extractor: Extractor,
    ) -> None:
        self.inputs = inputs
        self.formats = formats
        self.options = options
        self.found = found
        self.extractor = extractor

    def load(
        self,
        store: Store,
        batch_size: int,
        progress: Progress | None,
        report: Report,
        read: Callable[[int, int], None] | None = None,
    ) -> LoadSummary | None:
        """Load the input as ``pipeline.load`` would into ``store`` if it is an embedded store holding nothing;
        None, with nothing read, otherwise. ``read(posts, bytes)`` is told the bytes of input read once the first
        ``posts`` were (``reddit_columns.columns``), for progress."""
        if store.name != "ladybug" or (bulk := store.bulk()) is None:
            return None
        inp = Readers(self.inputs, self.formats).ready(0, self.options, report)[0]
        inp.meter.armed = True  # the pass the bar follows, as a reader's posts are (``Readers.read``)
        try:
            self.extractor.teach(Knowledge(self.found.participants))
            summary = _Load(inp, self.found, self.extractor, bulk, report).run(batch_size, progress, read)
            summary.counts += bulk.finish()
        finally:
            bulk.close()
        return summary


def plan(
    inputs: Sequence[Input],
    fmt: str | None,
    options: Mapping[str, str],
    extractor: Extractor,
    empty: Callable[[], bool],
) -> Plan | None:
    """The load of ``inputs`` in columns, its first pass over the input done, when the inputs and options allow it
    and ``empty()`` says the store holds nothing (asked before the pass, so that a load into a store holding
    posts reads its input once); None, with nothing reported, otherwise. An input the reader refuses raises the
    reader's error."""
    if extractor.entities or len(inputs) != 1:
        return None
    formats = settle(inputs, fmt)
    if formats[0].name != "reddit" or not empty():
        return None
    ready = Readers(inputs, formats).ready(0, options, Report())[0]
    try:
        found = survey(ready.aside(), MAX_POST_CHARS, find_post_quotes)  # the first pass, aside from the bar
    except NotColumnar:
        return None
    return Plan(inputs, formats, options, found, extractor)


@dataclass
class _Found:
    """What the text rules found in a batch, grouped as the batch's rows are written (grouped where the rules run:
    with a worker, that work leaves the process that reads and writes): the Sources cited, the edges, the Authors
    named (edge ends outside the batch), and what the rules reported (kind, place, count)."""

    sources: list[rows.NodeAttrs]
    edges: list[rows.RelEdges]
    named: list[str]
    reported: list[tuple[str, str, int]]

    @classmethod
    def of(cls, fragment: Fragment, reported: list[tuple[str, str, int]]) -> _Found:
        """``fragment``'s nodes and edges, grouped as ``rows`` groups a batch holding them (an edge's ends labelled by
        their ids, as every id's prefix is its label), its edges put in their groups directly rather than through a
        batch first."""
        nodes = rows.Batch()
        graphs.add_fragment(nodes, Fragment(nodes=fragment.nodes))
        sources = [group for group in rows.node_attrs(nodes) if group.label == schema.SOURCE]
        label_of, author = schema.label_of, schema.AUTHOR
        named: dict[str, None] = {}
        edges: dict[tuple[str, str, str], dict[str, Any]] = {}
        groups: dict[tuple[str, str, str], rows.RelEdges] = {}
        for edge in fragment.edges:
            props = edge.props
            key = (edge.source, edge.target, props["id"])
            if key in edges:  # as a batch adds an edge again
                edges[key].update(props)
                continue
            edges[key] = props
            group_key = (edge.type, label_of(edge.source), label_of(edge.target))
            group = groups.get(group_key)
            if group is None:
                group = groups[group_key] = rows.RelEdges(*group_key)
            group.froms.append(edge.source)
            group.tos.append(edge.target)
            group.attrs.append(props)
            for end in key[:2]:
                if end not in nodes and label_of(end) == author:
                    named[end] = None
        return cls(sources, [groups[key] for key in sorted(groups)], list(named), reported)


_Search = Callable[..., Future[_Found]]


class _Noted:
    """A report kept to be told later (``Reporter``): the rules' worker reports in the process that loads."""

    def __init__(self) -> None:
        self.added: list[tuple[str, str, int]] = []

    def add(self, kind: str, where: str = "", n: int = 1) -> None:
        self.added.append((kind, where, n))


class _Rules:
    """The text rules of one load, in the process that runs them; they keep the thread contexts across batches and
    choose the posts they read (``gate``), so that this work leaves the process that reads and writes."""

    def __init__(self, extractor: Extractor, quoting: set[str], quotes: set[int], source: str) -> None:
        self.extractor = extractor
        self.quoting = quoting
        self.quotes = quotes
        self.source = source

    def gate(self, texts: Sequence[str], lines: Sequence[int]) -> list[bool]:
        """For each post, whether its text may hold what the rules find: a link (a substring scan), a quote (found
        by the first pass) or a participant's name (``Extractor.may_name_each``, asked only of the others: ``find``
        asks it again of every post it reads)."""
        quotes, (scheme, www, upper) = self.quotes, _LINK_MARKS
        gate = [
            line in quotes or scheme in text or www in text or upper in text
            for text, line in zip(texts, lines, strict=True)
        ]
        rest = [i for i, through in enumerate(gate) if not through]
        for i, named in zip(rest, self.extractor.may_name_each([texts[i] for i in rest], PLATFORM), strict=True):
            gate[i] = named
        return gate

    def texts(
        self, ids: list[str], texts: list[str], authors: list[str | None], source_ids: list[str], positions: list[int]
    ) -> _Found:
        """What the text rules find in a batch of a thread that no post quotes (``UNKEPT``), given the columns they
        read: the posts' ids, texts and writers' names, and what places them in the input (``Post.where``), which
        only a post whose rules raise reads, reported as extraction reports it."""
        at = [i for i, through in enumerate(self.gate(texts, repeat(0, len(texts)))) if through]
        fragment, failed = self.extractor.structure_texts(
            [ids[i] for i in at], [texts[i] for i in at], [authors[i] for i in at], PLATFORM
        )
        report = _Noted()
        for k in failed:  # each reported as extraction reports it, adding nothing there
            i = at[k]
            post = Post(ids[i], "", False, texts[i], PLATFORM, self.source, authors[i], source_id=source_ids[i])
            post.position = positions[i]
            self.extractor.structure_post(post, UNKEPT, Fragment(), set(), report)
        return _Found.of(fragment, report.added)

    def __call__(self, batch: Columns, writers: list[str | None]) -> _Found:
        """What the text rules find in a batch of threads some post of which quotes, as extraction finds it (the reply
        edges, made by the load for every comment, left out); the contexts of the threads with a post that quotes
        are kept as extraction keeps them, every post touching its thread's (``Extractor.context``)."""
        report = _Noted()
        fragment = Fragment()
        sources: set[str] = set()
        extractor, quoting = self.extractor, self.quoting
        gate = self.gate(batch.text, batch.line)
        for i, thread in enumerate(batch.thread):
            ctx = extractor.context(thread)
            kept = thread in quoting
            if gate[i]:
                post = batch.post(i, self.source)
                extractor.structure_post(post, ctx if kept else UNKEPT, fragment, sources, report)
            elif kept:  # as ``Extractor._post`` remembers a post with no link
                held = ctx.add(
                    batch.id[i],
                    batch.author[i],
                    batch.text[i],
                    False,
                    batch.parent[i],
                    None,
                    writers[i],
                    created=batch.created[i] or "",
                )
                fragment.edges += held_quote_edges(held)
        fragment.edges += extractor.forgotten()
        fragment.edges = [edge for edge in fragment.edges if edge.type != schema.REPLY_TO]
        return _Found.of(fragment, report.added)

    def end(self) -> _Found:
        """What the input's end decides (``Extractor.finish``): quotes given to the writers of stated parents."""
        return _Found.of(self.extractor.finish(), [])


_FORKED: _Rules | None = None  # the rules a forked worker runs, set before it forks


def _forked_rules(batch: Columns, writers: list[str | None]) -> _Found:
    assert _FORKED is not None
    return _FORKED(batch, writers)


def _forked_texts(*columns: list[Any]) -> _Found:
    assert _FORKED is not None
    return _FORKED.texts(*columns)


def _forked_end() -> _Found:
    assert _FORKED is not None
    return _FORKED.end()


@contextmanager
def _running(rules: _Rules, worker: bool) -> Iterator[_Search]:
    """A function handing a step of ``rules`` (``_forked_rules`` or ``_forked_texts`` a batch, ``_forked_end`` the
    input's end) to them, in a forked worker if ``worker``, and giving back what they will find; the worker is
    stopped on leaving."""
    global _FORKED
    _FORKED = rules
    if not worker:

        def now(step: Callable[..., _Found], *args: Any) -> Future[_Found]:
            found: Future[_Found] = Future()
            found.set_result(step(*args))
            return found

        try:
            yield now
        finally:
            _FORKED = None
        return
    pool = forked.pool(1)
    done = False
    try:
        # forked now, before the dump's reading starts its thread (``reddit_columns.columns``): a fork copies the
        # forking thread alone, and a lock another thread held as it forked stays held in the worker
        forked.submit(pool, os.getpid)
        yield lambda step, *args: forked.submit(pool, step, *args)
        done = True
    finally:
        forked.stop(pool, early=not done)
        _FORKED = None


class _Load:
    """One columnar load: what it keeps across batches."""

    def __init__(self, inp: Input, found: Survey, extractor: Extractor, bulk: BulkLoad, report: Reporter) -> None:
        self.inp = inp
        self.found = found
        self.extractor = extractor
        self.bulk = bulk
        self.report = report
        self.mentioned: set[str] = set()  # Authors written for a mention whose first post is not loaded yet
        self.replies = stated_reply_props()

    def run(
        self, batch_size: int, progress: Progress | None, read: Callable[[int, int], None] | None = None
    ) -> LoadSummary:
        """Load every batch: each batch's texts go to the rules as it is read, its rows are written once the rules
        have read them, so that with a worker the rules read one batch while this process reads the next."""
        summary = LoadSummary()
        cuts = BatchCuts(batch_size)
        rules = _Rules(self.extractor, self.found.quoting, self.found.quotes, self.inp.name)
        pending: deque[tuple[Columns, list[str | None], Future[_Found]]] = deque()
        with fewer_collections(), _running(rules, self.extractor.workers > 1) as search:
            for batch in columns(self.inp, self.found, cuts.starts, read):
                writers = list(map(self.found.writers.__getitem__, batch.author))
                if self.found.quoting:
                    found = search(_forked_rules, batch, writers)
                else:  # the columns the rules read of a post that quotes nothing, and nothing else, are handed over
                    found = search(_forked_texts, batch.id, batch.text, batch.author, batch.source_id, batch.position)
                pending.append((batch, writers, found))
                if len(pending) > 1:
                    self._loaded(*pending.popleft(), summary, progress)
            while pending:
                self._loaded(*pending.popleft(), summary, progress)
            if self.found.quoting:  # the quotes the input's end decides, of posts written already
                ended = search(_forked_end).result()
                summary.counts.rels_created += self._edges(ended)
                summary.edges += sum(len(group.tos) for group in ended.edges)
        return summary

    def _loaded(
        self,
        batch: Columns,
        writers: list[str | None],
        search: Future[_Found],
        summary: LoadSummary,
        progress: Progress | None,
    ) -> None:
        """Write the batch's rows once its rules are done, and count it."""
        found = search.result()
        for kind, where, n in found.reported:
            self.report.add(kind, where, n)
        counts, edges = self._batch(batch, writers, found)
        summary.counts += counts
        summary.count(batch.stub)
        summary.threads.update(batch.thread)
        summary.authors.update(w for w in writers if w)
        summary.edges += edges
        if progress:
            progress(summary)

    def _batch(self, batch: Columns, writers: list[str | None], found: _Found) -> tuple[LoadCounts, int]:
        """Spill the batch's rows, with what its rules found, as the bulk load decides them; its counts and its
        number of edges."""
        counts = LoadCounts()
        self._posts(batch, counts)
        self._authors(writers, found.named, counts)
        for group in found.sources:
            new = self._write(group.ids, counts)
            present = {i: None for i, fresh in zip(group.ids, new, strict=True) if not fresh}
            if len(present) < len(group.ids):
                self.bulk.spill(group.label, node_table(group, present))
        edges = self._wrote(batch, writers, counts) + self._replies(batch, counts)
        counts.rels_created += self._edges(found)
        return counts, edges + sum(len(group.tos) for group in found.edges)

    def _edges(self, found: _Found) -> int:
        """Spill the edges the rules found, those whose ends are not written yet to wait for them; how many are
        written now."""
        written = 0
        for group in found.edges:
            keep = self.bulk.written(group.tos)
            ready = sum(keep)
            written += ready
            if ready:
                table = rel_table(group, None if ready == len(keep) else keep)
                self.bulk.spill(group.type, table, group.start, group.end)
            if ready < len(keep):  # counted once the input ends, written if a later batch writes their ends
                table = rel_table(group, [not k for k in keep])
                self.bulk.spill(group.type, table, group.start, group.end, waiting=True)
        return written

    def _write(self, ids: list[str], counts: LoadCounts) -> list[bool]:
        """Note the nodes ``ids`` as written, each new one counted created (the store held nothing: none is present,
        one written by an earlier batch neither, as ``LoadSummary.loaded`` counts the bulk load's); for each, whether
        it is new (to be spilled)."""
        new = self.bulk.write(ids)
        counts.nodes_created += sum(new)
        return new

    def _posts(self, batch: Columns, counts: LoadCounts) -> None:
        """The Article and Comment rows of the batch's posts (none was written before: the dump holds
        each id once, and each stub root once)."""
        new = self._write(batch.id, counts)
        n = len(batch)
        article = pa.array(batch.article, pa.bool_())
        common = {
            "id": pa.array(batch.id, pa.string()),
            "text": pa.array(batch.text, pa.string()),
            "source": pa.array([self.inp.name] * n, pa.string()),
            "created": pa.array([c or None for c in batch.created], pa.string()),
            "source_id": pa.array([s or None for s in batch.source_id], pa.string()),
            "platform": pa.array([PLATFORM] * n, pa.string()),
            "url": pa.array([u or None for u in batch.url], pa.string()),
            "stub": pa.array(batch.stub, pa.bool_()),
        }
        own = {
            schema.ARTICLE: {
                "title": pa.array(batch.title, pa.string()),
                "date": pa.nulls(n, pa.string()),
            },
            schema.COMMENT: {
                "position": pa.array(batch.position, pa.int64()),
                "thread": pa.array(batch.thread, pa.string()),
                "start": pa.array([0] * n, pa.int64()),
                "end": pa.array([0] * n, pa.int64()),
                "deleted": pa.array(batch.deleted, pa.bool_()),
                "quotes_stated": pa.array([False] * n, pa.bool_()),  # a Reddit dump states no quote
            },
        }
        keep = pa.array(new, pa.bool_())
        for label, mask in ((schema.ARTICLE, article), (schema.COMMENT, pc.invert(article))):
            table_schema = node_schema(label)
            arrays = {**common, **own[label]}
            table = pa.Table.from_arrays([arrays[name] for name in table_schema.names], schema=table_schema)
            table = table.filter(pc.and_(mask, keep))
            if table.num_rows:
                self.bulk.spill(label, table)

    def _authors(self, writers: list[str | None], named: list[str], counts: LoadCounts) -> None:
        """The batch's Authors as the bulk load writes them: each writer of a post of the batch, and each
        Author the rules found named whose first post comes in a later batch (a node of the batch that names
        it, shown as its first post shows it); written and counted once."""
        ids = list(dict.fromkeys(w for w in writers if w))
        writing = set(ids)
        named = [n for n in named if n not in writing]
        for author, seen in zip(named, self.bulk.written(named), strict=True):
            if not seen or author in self.mentioned:
                ids.append(author)
        new = self._write(ids, counts)
        spilled = []
        for author, fresh in zip(ids, new, strict=True):
            if fresh:
                spilled.append(author_node(author, self.found.first_name[author], PLATFORM, None, False).props)
                if author not in writing:
                    self.mentioned.add(author)
            elif author in writing:
                self.mentioned.discard(author)
        if spilled:
            self.bulk.spill(schema.AUTHOR, pa.Table.from_pylist(spilled, node_schema(schema.AUTHOR)))

    def _wrote(self, batch: Columns, writers: list[str | None], counts: LoadCounts) -> int:
        """The batch's WROTE rows (both ends are in the batch); their number."""
        at = [i for i, w in enumerate(writers) if w]
        froms = [writers[i] for i in at]
        tos = [batch.id[i] for i in at]
        ids = schema.edge_ids(schema.WROTE, froms, tos)
        table = pa.table([froms, tos, ids], schema=rel_schema(schema.WROTE))
        self._spill_rels(schema.WROTE, table, schema.AUTHOR, [batch.article[i] for i in at])
        counts.rels_created += len(at)
        return len(at)

    def _replies(self, batch: Columns, counts: LoadCounts) -> int:
        """The batch's stated REPLY_TO rows, each written when what it answers is written by the end of the batch,
        else once the input ends if a later batch wrote it (a parent later in the dump), as the bulk load writes
        it; their number."""
        at = [i for i, (article, stub) in enumerate(zip(batch.article, batch.stub, strict=True)) if not article | stub]
        froms = [batch.id[i] for i in at]
        tos = [batch.parent[i] for i in at]
        columns: dict[str, Any] = {"from": froms, "to": tos}
        columns["id"] = schema.edge_ids(schema.REPLY_TO, froms, tos)
        table_schema = rel_schema(schema.REPLY_TO)
        for name in schema.rel_type(schema.REPLY_TO).names[1:]:  # one value for every stated reply, made as a column
            columns[name] = pa.repeat(pa.scalar(self.replies[name], table_schema.field(name).type), len(at))
        table = pa.table([columns[name] for name in table_schema.names], schema=table_schema)
        ready = pa.array(self.bulk.written(tos), pa.bool_())
        counts.rels_created += pc.sum(ready).as_py() or 0
        for waiting, rows_of in ((False, ready), (True, pc.invert(ready))):  # counted once the input ends
            part = table.filter(rows_of)
            ends = pc.starts_with(part.column("to"), "article:").to_pylist()
            self._spill_rels(schema.REPLY_TO, part, schema.COMMENT, ends, waiting)
        return len(at)

    def _spill_rels(self, type_: str, table: pa.Table, start: str, article: list[bool], waiting: bool = False) -> None:
        """Spill a relationship table from ``start`` by its end's label: an Article where ``article`` says so,
        else a Comment (``waiting`` as ``BulkLoad.spill``)."""
        mask = pa.array(article, pa.bool_())
        for end, rows_of in ((schema.ARTICLE, mask), (schema.COMMENT, pc.invert(mask))):
            part = table.filter(rows_of)
            if part.num_rows:
                self.bulk.spill(type_, part, start, end, waiting)
