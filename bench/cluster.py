"""Extraction on a local Dask cluster against the single-machine path, on the same input and cores.

Run: ``python bench/cluster.py [--comments 5000] [--workers 1,2] [--no-entities] [--order threads|time]
[--files 1] [--repeat 1]``. Writes a synthetic Reddit dump (``bench/synthetic.py``) of the later threads of
twice ``--comments`` comments (so no thread holds a large share of it: the largest share is printed), as one
file of one thread after another (``--order threads``) or in time order, threads interleaved (``--order
time``); ``--files N`` cuts it into N files of as many lines in turn, as monthly dumps cut a stream, threads
going on from one file into the next. For each worker count W it extracts the files into the same Parquet
tables with ``pipeline.extract_graph`` and ``Extractor(workers=W)`` (W model processes) and with
``cluster.extract`` on ``cluster.connect("local:W")`` (W worker processes), and prints each one's posts/s, the
ratio of the rates (cluster over single machine, at equal cores), the ratio of the CPU time both spent (all
their processes: the cluster's workers, and the client, in which a local cluster's scheduler and the nannies
starting its workers run), the parts, and the share of the cluster run spent in the client's reduce steps
(resolving entities, combining tables). Both import graphkit and load the model before the measured run, and
BLAS/OpenMP threads are one per process in both (as Dask sets them for its workers). On a busy machine the
wall time ratios follow the share of the cores each path gets; the CPU time ratio says what the cluster costs.
The CPU time of starting each cluster (its processes, the workers' imports and model) is printed apart:
neither path's imports nor model load are in the ratios. ``--repeat`` runs each pair again, single machine
and cluster in turn. ``--cluster-only`` leaves the single-machine runs out, for the reduce share of inputs
too large to extract twice. ``--steps`` prints the CPU time the workers spent in each step's tasks (and in
Dask's upkeep besides) and the client's.
"""

from __future__ import annotations

import os

for _name in ("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS", "BLIS_NUM_THREADS"):
    os.environ[_name] = "1"  # before numpy is imported, as Dask's nanny sets them for its workers

import argparse  # noqa: E402
import contextlib  # noqa: E402
import faulthandler  # noqa: E402
import functools  # noqa: E402
import importlib  # noqa: E402
import json  # noqa: E402
import shutil  # noqa: E402
import signal  # noqa: E402
import sys  # noqa: E402
import tempfile  # noqa: E402
import time  # noqa: E402
from collections import Counter  # noqa: E402
from collections.abc import Iterator  # noqa: E402
from pathlib import Path  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.synthetic import group_by_thread, split_by_threads, write_reddit_dump  # noqa: E402
from graphkit import cluster, pipeline  # noqa: E402
from graphkit.errors import Stopped  # noqa: E402
from graphkit.extract import Extractor  # noqa: E402
from graphkit.extract.entities import prepare  # noqa: E402
from graphkit.extract.nlp import load  # noqa: E402
from graphkit.sources import expand_inputs, read_posts  # noqa: E402
from graphkit.store import parquet  # noqa: E402

MODEL = cluster.Job().model
STEPS = ("_survey", "_route", "_learn", "_find", "_build")


def _cpu() -> float:
    """CPU time of this process and its children that were waited for (the model's worker processes)."""
    t = os.times()
    return t.user + t.system + t.children_user + t.children_system


def _worker_cpu() -> float:
    t = os.times()
    return t.user + t.system


def _time_steps() -> None:
    """In a worker: count the CPU time of each step's tasks (their thread's) in ``cluster.STEP_CPU``."""
    cluster.STEP_CPU = dict.fromkeys((*STEPS, "combine_table"), 0.0)

    def timed(name: str, fn):
        @functools.wraps(fn)
        def run(*args, **kwargs):
            started = time.thread_time()
            try:
                return fn(*args, **kwargs)
            finally:
                cluster.STEP_CPU[name] += time.thread_time() - started

        return run

    for name in STEPS:
        setattr(cluster, name, timed(name, getattr(cluster, name)))
    parquet.combine_table = timed("combine_table", parquet.combine_table)


def _step_cpu() -> dict[str, float]:
    return {**cluster.STEP_CPU, "all": _worker_cpu()}


def _warm() -> None:
    load(MODEL)
    prepare()


def _single(paths: list[str], workers: int, entities: bool, out: Path) -> tuple[int, float, float]:
    """Posts read (stub roots too, as the cluster counts them), wall and CPU seconds of the single-machine path
    writing the cluster's tables."""
    started, cpu = time.monotonic(), _cpu()
    read = Counter()

    def counted():
        for post in read_posts(expand_inputs(paths)):
            read["posts"] += 1
            yield post

    graph = pipeline.extract_graph(counted(), Extractor(entities=entities, workers=workers))
    parquet.write_tables(graph, str(out))
    return read["posts"], time.monotonic() - started, _cpu() - cpu


def _input(work: Path, comments: int, order: str, files: int) -> tuple[list[str], float]:
    """The dump's files, and the largest share of its posts one thread holds."""
    write_reddit_dump(work / "all.ndjson", 2 * comments, seed=1)
    split_by_threads(work / "all.ndjson", work / "early.ndjson", work / "time.ndjson")
    path = work / "time.ndjson"
    if order == "threads":
        group_by_thread(path, work / "threads.ndjson")
        path = work / "threads.ndjson"
    lines = path.read_text(encoding="utf-8").splitlines(keepends=True)
    threads = Counter((r.get("link_id") or f"t3_{r['id']}") for r in map(json.loads, lines))
    if files == 1:
        return [str(path)], max(threads.values()) / sum(threads.values())
    paths = [work / f"{path.stem}-{k + 1:02d}.ndjson" for k in range(files)]
    for k, cut in enumerate(paths):
        cut.write_text("".join(lines[k * len(lines) // files : (k + 1) * len(lines) // files]), encoding="utf-8")
    return [str(cut) for cut in paths], max(threads.values()) / sum(threads.values())


def _all(cpu: float | dict[str, float]) -> float:
    return cpu["all"] if isinstance(cpu, dict) else cpu


def _print_steps(before: list[dict], after: list[dict], client_cpu: float, single_cpu: float) -> None:
    """CPU seconds of the workers' steps, of their other work (Dask), and of the client, beside one machine's."""
    spent = {name: sum(a[name] - b[name] for a, b in zip(after, before, strict=True)) for name in after[0]}
    steps = sum(v for k, v in spent.items() if k != "all")
    shown = "  ".join(f"{name.strip('_')} {spent[name]:.1f}" for name in (*STEPS, "combine_table"))
    print(
        f"         CPU s: {shown}  worker other {spent['all'] - steps:.1f}  client {client_cpu:.1f}  "
        f"(one machine {single_cpu:.1f})",
        flush=True,
    )


class _Stop(cluster.Stop):
    """The bench's stop: told to the cluster's run (``cluster.Stop``), but raised at once while ``alone`` (the
    single-machine half, graphkit's own code, which ends its model processes as a stopped load does): told, that
    half went on to its end, as long as the cluster's, before the stop was seen."""

    def __init__(self) -> None:
        super().__init__()
        self.raising = False

    def __call__(self, signum: int) -> None:
        super().__call__(signum)
        if self.raising:
            raise Stopped(signum)

    @contextlib.contextmanager
    def alone(self) -> Iterator[None]:
        self.check()
        self.raising = True
        try:
            yield
        finally:
            self.raising = False


def _said_on_exit() -> _Stop:
    """A run ended by a signal says which, where Python ends without a word (a stop signal) or with a bare
    "Segmentation fault" at most (a crash: then each thread's stack too): a long run lost in silence tells
    nothing of why. Once a cluster is up (the ``Stop`` returned watches its client), the signal is told to the
    ``Stop``, not raised where the main thread happens to be: raised inside the logging module's lock (as the
    cluster's loggers are quieted) it left the lock held, and the cluster's loop, in this process, waited on it
    as the client closed, for ever. In the single-machine half it is raised (``_Stop.alone``)."""
    faulthandler.enable()
    stop = _Stop()

    def stopped(signum: int, _frame) -> None:
        if stop.client is None:
            sys.exit(f"bench/cluster.py: stopped by {signal.Signals(signum).name}")
        stop(signum)

    for sig in (signal.SIGTERM, signal.SIGHUP):
        if signal.getsignal(sig) is signal.SIG_DFL:  # one ignored (SIGHUP under nohup) stays ignored
            signal.signal(sig, stopped)
    return stop


def main() -> None:
    stop = _said_on_exit()
    try:
        _main(stop)
    except Stopped as exc:
        sys.exit(f"bench/cluster.py: stopped by {signal.Signals(exc.signum).name}")


def _main(stop: _Stop) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--comments", type=int, default=5000)
    parser.add_argument("--workers", default="1,2")
    parser.add_argument("--no-entities", action="store_true")
    parser.add_argument("--order", choices=("threads", "time"), default="threads")
    parser.add_argument("--files", type=int, default=1)
    parser.add_argument("--repeat", type=int, default=1)
    parser.add_argument("--cluster-only", action="store_true")
    parser.add_argument("--steps", action="store_true")
    args = parser.parse_args()
    entities = not args.no_entities
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        paths, largest = _input(work, args.comments, args.order, args.files)
        names = ", ".join(Path(path).name for path in paths)
        print(f"{names}: the largest thread holds {largest:.1%} of the posts; load {os.getloadavg()[0]:.1f}")
        if entities:
            _warm()  # the single path's model processes are forked from here and share it
        print("workers  single posts/s  cluster posts/s  wall ratio  CPU ratio  parts  reduce share")
        for workers in (int(w) for w in args.workers.split(",")):
            stop.check()
            started = _cpu()
            with cluster.connect(f"local:{workers}") as client:
                stop.watch(client)
                # the workers import graphkit (and spaCy with it) before the measured runs, as this process has
                client.run(importlib.import_module, cluster.__name__)
                if entities:
                    client.run(_warm)
                up = _cpu() - started + sum(client.run(_worker_cpu).values())
                print(f"{workers:7}  starting the cluster (its workers' imports and model): CPU {up:.1f} s", flush=True)
                if args.steps:
                    client.run(_time_steps)
                job = cluster.Job(entities=entities, show_emails=True)
                for _ in range(args.repeat):
                    stop.check()
                    if not args.cluster_only:
                        shutil.rmtree(work / "single", ignore_errors=True)
                        with stop.alone():
                            posts, single, single_cpu = _single(paths, workers, entities, work / "single")
                    shutil.rmtree(work / "out", ignore_errors=True)
                    before = list(client.run(_step_cpu if args.steps else _worker_cpu).values())
                    client_cpu = _cpu()
                    summary = cluster.extract(client, paths, job, str(work / "out"), stop=stop)
                    client_cpu = _cpu() - client_cpu
                    after = list(client.run(_step_cpu if args.steps else _worker_cpu).values())
                    cluster_cpu = client_cpu + sum(_all(a) - _all(b) for a, b in zip(after, before, strict=True))
                    read = summary.posts + summary.stubs  # as one machine's reading counts them, stubs with posts
                    if args.cluster_only:  # nothing to compare with
                        posts, single, single_cpu = read, float("nan"), float("nan")
                    assert read == posts, (read, posts)
                    share = summary.reduce_seconds / summary.seconds
                    print(
                        f"{workers:7}  {posts / single:14.1f}  {posts / summary.seconds:15.1f}  "
                        f"{single / summary.seconds:10.2f}  {single_cpu / cluster_cpu:9.2f}  {summary.parts:5}  "
                        f"{share:12.1%}   (load {os.getloadavg()[0]:.1f})",
                        flush=True,
                    )
                    if args.steps:
                        _print_steps(before, after, client_cpu, single_cpu)
        stop.check()  # told as the last cluster closed


if __name__ == "__main__":
    main()
