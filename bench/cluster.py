"""Extraction on a local Dask cluster against the single-machine path, on the same input.

Run: ``python bench/cluster.py [--comments 2000] [--workers 1,2] [--no-entities]``.
Writes a synthetic Reddit dump (``bench/synthetic.py``) as one file of one thread after another,
extracts it with ``pipeline.extract_graph`` (``--workers`` model processes) and with ``cluster.extract``
on a ``LocalCluster`` of as many worker processes (which cuts the file into parts between threads), and
prints posts/s of each, their ratio (cluster over single machine at equal cores), the parts, and the
share of the cluster run spent in the client's reduce steps (resolving entities, combining tables).
Both are warmed up on a small input first, so model loading is not measured.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from distributed import Client, LocalCluster  # noqa: E402

from bench.synthetic import group_by_thread, split_by_thread, write_reddit_dump  # noqa: E402
from graphkit import cluster, pipeline  # noqa: E402
from graphkit.extract import Extractor  # noqa: E402
from graphkit.sources import expand_inputs, read_posts  # noqa: E402


def _single(paths: list[str], workers: int, entities: bool) -> tuple[int, float]:
    started = time.monotonic()
    graph = pipeline.extract_graph(read_posts(expand_inputs(paths)), Extractor(entities=entities, workers=workers))
    posts = sum(1 for _, label in graph.nodes(data="label") if label in ("Article", "Comment"))
    return posts, time.monotonic() - started


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--comments", type=int, default=2000)
    parser.add_argument("--workers", default="1,2")
    parser.add_argument("--no-entities", action="store_true")
    args = parser.parse_args()
    entities = not args.no_entities
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        write_reddit_dump(work / "warm.ndjson", 100, seed=2)
        write_reddit_dump(work / "dump.ndjson", args.comments, seed=1)
        group_by_thread(work / "dump.ndjson", work / "threads.ndjson")
        (work / "warm").mkdir()
        paths = [str(work / "threads.ndjson")]
        print("workers  single posts/s  cluster posts/s  ratio  parts  reduce share")
        for workers in (int(w) for w in args.workers.split(",")):
            _single([str(work / "warm.ndjson")], workers, entities)
            posts, single = _single(paths, workers, entities)
            with (
                LocalCluster(
                    n_workers=workers, threads_per_worker=1, processes=True, host="127.0.0.1", dashboard_address=None
                ) as local,
                Client(local) as client,
            ):
                job = cluster.Job(entities=entities, show_emails=True)
                # a part per worker, so that each loads the model and word lists before the measured run
                warm = split_by_thread(work / "warm.ndjson", work / "warm", workers)
                cluster.extract(client, warm, job, str(work / "warm-out"))
                summary = cluster.extract(client, paths, job, str(work / "out"))
            assert summary.posts == posts, (summary.posts, posts)
            ratio = (posts / summary.seconds) / (posts / single)
            share = summary.reduce_seconds / summary.seconds
            print(
                f"{workers:7}  {posts / single:14.1f}  {posts / summary.seconds:15.1f}  {ratio:5.2f}  "
                f"{summary.parts:5}  {share:12.1%}",
                flush=True,
            )


if __name__ == "__main__":
    main()
