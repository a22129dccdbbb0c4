"""Extracted tables loaded into an existing Neo4j from the workers of a Dask cluster, over Bolt.

The client creates the schema, then the workers cut the tables into shares and write them
(``store.neo4j_tables``): every node share, then (a barrier) every relationship share, types in the
schema's order. A share whose task fails is retried on another worker (its written batches are recorded
and skipped); a share that still fails stops the run naming it, and the run started again goes on from
the recorded batches. The credentials travel to the workers inside the store's ``Connection``, which
no log or error shows. This module imports Dask: only ``load --cluster`` imports it.
"""

from __future__ import annotations

import os
import time
from dataclasses import dataclass, field

from distributed import Client, get_worker

from . import folders, schema
from .cluster import STARTED, Progress, Run, Stop, _going_on
from .pipeline import PostsRead
from .store import LoadCounts, parquet
from .store import neo4j_tables as shares
from .store.neo4j import Connection, Neo4jStore
from .store.settling import candidates

__all__ = ["BoltSummary", "load_tables"]

SPLIT = "bolt-shares"  # in the tables' directory: the shares of a run (``neo4j_tables.split``) until it ends


@dataclass
class BoltSummary(PostsRead):
    """What a load of tables from a cluster's workers wrote."""

    batches: int = 0
    skipped: int = 0  # batches an earlier run of the same tables recorded
    seconds: float = 0.0
    counts: LoadCounts = field(default_factory=LoadCounts)

    def line(self) -> str:
        rate = self.posts / max(self.seconds, 1e-9)
        earlier = f"; {self.skipped} batches written by an earlier run, skipped" if self.skipped else ""
        return (
            f"{self.posts_line()} ({self.batches + self.skipped} batches, {rate:,.1f} posts/s){earlier}; "
            f"{self.counts.summary()}"
        )


def _write(connection: Connection, out: str, share: shares.Share, prefix: str, batch_size: int) -> shares.Written:
    """A share written on a worker, which first tells the client's subscribers (``STARTED``); it ends at a batch's
    end once its worker closes or its task is dropped, the run stopped (``cluster._going_on``), given back to the
    scheduler."""
    step = "relationships" if share.name in {r.type for r in schema.RELATIONSHIPS} else "nodes"
    where = {"table": share.name, "share": share.index}
    get_worker().log_event(STARTED, {"step": step, "part": where, "pid": os.getpid()})
    return shares.write_share(connection, out, share, prefix, batch_size, _going_on)


def _where(share: shares.Share) -> str:
    return f"{share.name} share {share.index + 1}"


def load_tables(
    client: Client,
    directory: str,
    store: Neo4jStore,
    batch_size: int,
    progress: Progress | None = None,
    stop: Stop | None = None,
) -> BoltSummary:
    """Load the tables of ``extract --cluster`` in ``directory`` (on storage every worker sees) into the
    Neo4j of ``store`` from the workers of ``client``, in transactions of ``batch_size`` rows; as a
    single-machine load, loading again changes nothing and a load that stopped completes when run again.
    ``progress`` is called with a step's name and its number of tasks as each task ends; ``stop``, once told a
    signal, ends the run with ``Stopped`` before anything is written or between its steps."""
    started = time.monotonic()
    run = Run(client, progress, stop)  # a stop told already ends the run here
    with run.ending():
        folders.make(os.path.join(directory, SPLIT))  # before any write: a folder of the user's there is refused
        store.init_schema()
        key = shares.run_key(directory, batch_size)
        prefix, out = shares.prefix(key), os.path.join(directory, SPLIT, key)
        names = shares.tables(directory)
        summary = BoltSummary()
        for label in schema.POST_LABELS:
            summary.count(parquet.column(directory, label, "stub"))
        cut = {
            k: run.submit("split", k, shares.split, directory, name, out, batch_size) for k, name in enumerate(names)
        }
        split = run.wait("split", cut, names.__getitem__)
        edges = {r.type for r in schema.RELATIONSHIPS}
        for step, relationships in (("nodes", False), ("relationships", True)):
            todo = [share for k, name in enumerate(names) if (name in edges) == relationships for share in split[k]]
            writing = {
                k: run.submit(step, k, _write, store.connection, out, share, prefix, batch_size, priority=-k)
                for k, share in enumerate(todo)
            }
            for written in run.wait(step, writing, lambda k, todo=todo: _where(todo[k])).values():
                summary.counts += written.counts
                summary.batches += written.batches
                summary.skipped += written.skipped
        store.settle(candidates(parquet.post_batch(directory)))  # a stub or post the store held before
        shares.finish(store, key, directory)
        client.run(shares.close_stores)
        folders.remove(os.path.join(directory, SPLIT))
    summary.seconds = time.monotonic() - started
    return summary
