"""Extracted tables into Neo4j over Bolt: from the workers of a local Dask cluster against one machine.

Run: ``python bench/bolt.py [--comments 20000] [--workers 1,2] [--batch-size 5000]``. Extracts a synthetic
Reddit dump of ``--comments`` comments structure-only (``bench/synthetic.py``, one thread after another) into
Parquet tables once, then loads them into an emptied Neo4j database with ``pipeline.load_tables`` (one
machine, one client) and with ``cluster_load.load_tables`` on ``cluster.connect("local:W")`` for each worker
count W, then again into the full database (nothing to create); prints rows/s (nodes + relationships) and the
ratio to one machine, checking the counts are equal. Neo4j: ``NEO4J_URI`` (with NEO4J_USERNAME/NEO4J_PASSWORD)
if set, else the test harness server (java + Maven), on the same machine: on 2 cores the server and the
writers share them, so the ratio says what running the writers apart costs more than what it gains.
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "tests"))

from bench.synthetic import group_by_thread, write_reddit_dump  # noqa: E402
from graphkit import cluster, cluster_load, pipeline  # noqa: E402
from graphkit.store import open_store  # noqa: E402


def _empty(store) -> None:
    store.query("MATCH (n) CALL (n) { DETACH DELETE n } IN TRANSACTIONS OF 20000 ROWS", write=True)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--comments", type=int, default=20000)
    parser.add_argument("--workers", default="1,2")
    parser.add_argument("--batch-size", type=int, default=5000)
    args = parser.parse_args()
    from neo4j_server import bench_server

    with bench_server() as options, tempfile.TemporaryDirectory() as tmp, open_store("neo4j", **options) as store:
        work = Path(tmp)
        write_reddit_dump(work / "dump.ndjson", args.comments, seed=1)
        group_by_thread(work / "dump.ndjson", work / "threads.ndjson")
        tables = str(work / "tables")
        with cluster.connect("local:2") as client:
            job = cluster.Job(entities=False, show_emails=True)
            cluster.extract(client, [str(work / "threads.ndjson")], job, tables)
        _empty(store)
        started = time.monotonic()
        single = pipeline.load_tables(tables, store, args.batch_size)
        seconds = time.monotonic() - started
        counts = store.counts()
        rows = sum(counts.values())
        print(f"{rows} rows; load {os.getloadavg()[0]:.1f}")
        print("workers  rows/s  ratio  again rows/s")
        print(f"single  {rows / seconds:7.0f}  1.00", flush=True)
        assert single.counts.nodes_created + single.counts.rels_created == rows
        for workers in (int(w) for w in args.workers.split(",")):
            _empty(store)
            with cluster.connect(f"local:{workers}") as client:
                started = time.monotonic()
                cluster_load.load_tables(client, tables, store, args.batch_size)
                first = time.monotonic() - started
                assert store.counts() == counts
                started = time.monotonic()
                again = cluster_load.load_tables(client, tables, store, args.batch_size)
                later = time.monotonic() - started
                assert again.counts.nodes_created + again.counts.rels_created == 0
            print(
                f"{workers:7}  {rows / first:6.0f}  {seconds / first:5.2f}  {rows / later:12.0f}"
                f"   (load {os.getloadavg()[0]:.1f})",
                flush=True,
            )


if __name__ == "__main__":
    main()
