"""Explorer benchmark: views of a big store; page size, render and draw times and overlaps at 1k to 20k nodes.

Run: ``python bench/view.py --comments 100000,1000000 [--workdir DIR]`` for the store views, and
``python bench/view.py [SIZES...]`` for the pages (no option runs both at their default sizes).

Store views: a store of N comments is built from ``bench/synthetic.py``'s Reddit dump with
``graphkit load --no-entities`` (kept in ``--workdir`` and reused when there), then
``graphkit view`` runs as a child process for the largest thread (``--kind thread --thread ID``)
and for the whole-corpus ``replies`` view, uncut by weight, with ``--min-weight 2`` and focused on
the author of most comments and on the busiest author of up to 100 comments (``--author``); each
prints its wall time, the child's CPU time (user + system: on a busy machine the wall time says
more about the other processes) and its peak resident memory, with N beside it, in the embedded
store's page cache (``GRAPHKIT_BUFFER_POOL_MB``, printed above the table; default 256 MB).
Goals (issue 15), at 1,000,000 comments: one thread < 2 s, whole-corpus replies < 15 s, each
< 1 GB. A million-comment store takes about half an hour to build on 2 cores.

Pages: graphs come from ``tests/views/synthetic.py``
(preferential-attachment replies, ~4 edges per node); the browser runs use the tests'
``tests/views/headless.py``. "render" is ``graphkit.views.render`` end to end (projection,
trimming, layout, HTML) in CPU seconds of this process, so other work on the machine does not
count; "first draw" and "settled" are the page's own ``performance.now()`` marks in headless
Chromium, in ms since navigation started. "overlaps" counts pairs of drawn nodes that overlap
and the share of drawn labels over another label or node, measured on the canvas (up to 2,000
nodes). Goals (issue 5): first draw < 2 s at 5k and < 5 s at 20k; render < 10 s at 20k;
(issue 15) no overlapping nodes and < 5% overlapping labels.
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path[:0] = [str(ROOT), str(ROOT / "tests" / "views")]

from bench.synthetic import write_reddit_dump  # noqa: E402
from graphkit.store import open_store  # noqa: E402
from graphkit.store.ladybug import BUFFER_POOL, BUFFER_POOL_ENV  # noqa: E402
from graphkit.views import render  # noqa: E402

from headless import chromium, drawing, load  # noqa: E402
from synthetic import reply_graph  # noqa: E402

SIZES = (1000, 2000, 5000, 20000)
OVERLAPS_UP_TO = 2000  # the overlap count compares every pair of boxes
COMMENTS = (100_000,)
TYPICAL = 100  # comments of the author a typical ``--author`` view focuses on
_ENV = {**os.environ, "PYTHONPATH": os.pathsep.join(filter(None, [os.environ.get("PYTHONPATH"), str(ROOT)]))}


def _store(comments: int, work: Path) -> Path:
    """The store of ``comments`` synthetic comments (structure only), built unless already there."""
    store = work / f"reddit-{comments}.lbug"
    if not store.exists():
        dump = work / f"reddit-{comments}.ndjson"
        write_reddit_dump(dump, comments, seed=1)
        print(f"building a store of {comments:,} comments in {store} ...", file=sys.stderr, flush=True)
        load = [sys.executable, "-m", "graphkit", "load", str(dump), "--no-entities", "--store", str(store)]
        subprocess.run(load, env=_ENV, check=True, stdout=subprocess.DEVNULL)
        dump.unlink()
    return store


def _largest(store: Path) -> tuple[str, int, str, str]:
    """The largest thread, its size, the author who wrote most comments, and the busiest author of up to
    ``TYPICAL`` comments."""
    with open_store("ladybug", path=str(store), read_only=True) as db:
        query = "MATCH (c:Comment) RETURN c.thread, count(c) AS n ORDER BY n DESC, c.thread LIMIT 1"
        thread, size = db.query(query).rows[0]
        query = "MATCH (a:Author)-[:WROTE]->(c:Comment) RETURN a.id, count(c) AS n ORDER BY n DESC, a.id LIMIT 1"
        author = db.query(query).rows[0][0]
        query = (
            "MATCH (a:Author)-[:WROTE]->(c:Comment) WITH a, count(c) AS n WHERE n <= $most "
            "RETURN a.id ORDER BY n DESC, a.id LIMIT 1"
        )
        typical = db.query(query, {"most": TYPICAL}).rows[0][0]
    return thread, size, author, typical


def _view(store: Path, page: Path, *options: str) -> tuple[float, float, int, str]:
    """(seconds, CPU seconds, peak resident bytes, summary) of one ``graphkit view`` child process."""
    command = [sys.executable, "-m", "graphkit", "view", "--store", str(store), "-o", str(page), *options]
    start = time.perf_counter()
    child = subprocess.Popen(command, env=_ENV, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    _, status, usage = os.wait4(child.pid, 0)  # the child's own peak, not this process's
    seconds = time.perf_counter() - start
    out, err = child.stdout.read(), child.stderr.read()  # small: one line each
    if os.waitstatus_to_exitcode(status):
        raise SystemExit(f"view failed: {err.strip()}")
    return seconds, usage.ru_utime + usage.ru_stime, usage.ru_maxrss * 1024, out.strip().split(" — ")[0]


def store_views(sizes: tuple[int, ...], work: Path) -> None:
    cache = os.environ.get(BUFFER_POOL_ENV) or BUFFER_POOL // 2**20
    print(f"embedded store page cache: {cache} MB ({BUFFER_POOL_ENV})")
    print(f"{'comments':>10} {'view':<40} {'seconds':>8} {'CPU s':>6} {'peak MB':>8}  summary")
    for comments in sizes:
        store = _store(comments, work)
        thread, size, author, typical = _largest(store)
        runs = [
            (f"one thread ({size:,} comments)", ("--kind", "thread", "--thread", thread)),
            ("whole-corpus replies", ("--kind", "replies")),
            ("whole-corpus replies --min-weight 2", ("--kind", "replies", "--min-weight", "2")),
            ("whole-corpus replies --author (busiest)", ("--kind", "replies", "--author", author)),
            (f"whole-corpus replies --author (≤ {TYPICAL} comments)", ("--kind", "replies", "--author", typical)),
        ]
        for name, options in runs:
            seconds, cpu, peak, summary = _view(store, work / "view.html", *options)
            print(f"{comments:>10,} {name:<40} {seconds:>8.2f} {cpu:>6.1f} {peak / 1e6:>8.0f}  {summary}", flush=True)


def pages(sizes: tuple[int, ...]) -> None:
    if chromium() is None:
        print("chromium is not installed: browser columns are left empty", file=sys.stderr)
    print(
        f"{'nodes':>6} {'edges':>6} {'html MB':>8} {'render s':>9} {'first draw s':>13} {'settled s':>10}"
        f" {'node overlaps':>14} {'label overlaps':>15}"
    )
    with tempfile.TemporaryDirectory(prefix="graphkit-bench-") as tmp:
        for size in sizes:
            graph = reply_graph(size)
            page = Path(tmp) / f"replies-{size}.html"
            start = time.process_time()
            summary = render(graph, "replies", page, max_nodes=size)
            took = time.process_time() - start
            edges = summary.split(" nodes, ")[1].split(" edges")[0]
            marks = load(page, budget_ms=120_000, timeout=600).marks if chromium() else {}
            draw, settled = (f"{int(marks[k]) / 1000:.2f}" if k in marks else "-" for k in ("first-draw", "settled"))
            nodes, labels = "-", "-"
            if chromium() and size <= OVERLAPS_UP_TO:
                drawn = drawing(page, budget_ms=120_000, timeout=600)
                nodes = str(len(drawn.overlapping_nodes()))
                labels = f"{len(drawn.overlapping_labels()) / max(len(drawn.texts), 1):.1%}"
            mb = page.stat().st_size / 1e6
            print(
                f"{size:>6} {edges:>6} {mb:>8.1f} {took:>9.2f} {draw:>13} {settled:>10} {nodes:>14} {labels:>15}",
                flush=True,
            )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("sizes", nargs="*", type=int, help="page sizes in nodes")
    parser.add_argument("--comments", help="comma-separated store sizes in comments (e.g. 100000,1000000)")
    parser.add_argument("--workdir", help="where stores are built and kept (default: a temporary folder, removed)")
    args = parser.parse_args()
    comments = tuple(int(c.replace("_", "")) for c in args.comments.split(",")) if args.comments else ()
    if not args.sizes and not comments:
        args.sizes, comments = SIZES, COMMENTS
    if comments:
        with tempfile.TemporaryDirectory(prefix="graphkit-bench-") as tmp:
            work = Path(args.workdir or tmp)
            work.mkdir(parents=True, exist_ok=True)
            store_views(comments, work)
    if args.sizes:
        pages(tuple(args.sizes))


if __name__ == "__main__":
    main()
