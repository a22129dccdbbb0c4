"""End-to-end load throughput, peak memory and store size at 10k, 100k and 1M comments.

Run: ``python bench/scale.py [--sizes 10000,100000,1000000] [--full] [--workdir DIR]``.
For each size it writes a synthetic Reddit dump (``bench/synthetic.py``) and loads it into a
fresh embedded store with ``python -m graphkit load`` as a child process, once with entities
and once with ``--no-entities``, and prints posts/s end to end (reading, extraction, loading),
the peak RSS of the load (its largest process) and the store's size on disk. Entities are run
up to ``--entities-max`` comments (default 100k; NER on a million comments takes hours on a
laptop), or at every size with ``--full``. The last lines are a Markdown table for the README.
"""

from __future__ import annotations

import argparse
import os
import re
import shutil
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.synthetic import write_reddit_dump  # noqa: E402


@dataclass
class Run:
    comments: int
    entities: bool
    posts: int = 0
    seconds: float = 0.0
    peak_rss: int = 0  # bytes
    store_bytes: int = 0
    skipped: str = ""

    @property
    def rate(self) -> float:
        return self.posts / self.seconds if self.seconds else 0.0


def _size_on_disk(store: Path) -> int:
    """The store file and its side files (WAL), as the user would see them."""
    return sum(p.stat().st_size for p in store.parent.glob(store.name + "*") if p.is_file())


def _load(dump: Path, store: Path, entities: bool, batch_size: int | None, log: Path) -> tuple[int, float, int]:
    """(posts loaded, seconds, peak RSS in bytes) of one ``graphkit load`` child process."""
    command = [sys.executable, "-m", "graphkit", "load", str(dump), "--store", str(store)]
    if not entities:
        command.append("--no-entities")
    if batch_size:
        command += ["--batch-size", str(batch_size)]
    env = {**os.environ, "PYTHONPATH": os.pathsep.join(filter(None, [str(ROOT), os.environ.get("PYTHONPATH")]))}
    start = time.perf_counter()
    with open(log, "w") as err:
        proc = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=err, text=True, env=env)
        assert proc.stdout is not None
        out = proc.stdout.read()
        # ru_maxrss (KiB on Linux) of the child: its own peak, or that of a worker it waited for
        _, status, usage = os.wait4(proc.pid, 0)
    seconds = time.perf_counter() - start
    proc.returncode = os.waitstatus_to_exitcode(status)
    if proc.returncode:
        raise SystemExit(f"load failed ({proc.returncode}); see {log}")
    match = re.search(r"(\d+) posts", out)
    if not match:
        raise SystemExit(f"unexpected load output: {out!r}")
    return int(match.group(1)), seconds, usage.ru_maxrss * 1024


def _mb(n: int) -> str:
    return f"{n / 1024**2:,.0f} MiB"


def _table(runs: list[Run]) -> list[str]:
    rows = [
        "| comments | entities | posts/s | peak RSS | store on disk |",
        "|---:|:---:|---:|---:|---:|",
    ]
    for r in runs:
        if r.skipped:
            rows.append(f"| {r.comments:,} | {'yes' if r.entities else 'no'} | {r.skipped} | | |")
        else:
            rows.append(
                f"| {r.comments:,} | {'yes' if r.entities else 'no'} | {r.rate:,.0f} | "
                f"{_mb(r.peak_rss)} | {_mb(r.store_bytes)} |"
            )
    return rows


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="10000,100000,1000000", help="comma-separated comment counts")
    parser.add_argument("--entities-max", type=int, default=100_000, help="largest size loaded with entities")
    parser.add_argument("--full", action="store_true", help="load every size with entities too")
    parser.add_argument("--batch-size", type=int, help="passed to graphkit load (default: its own)")
    parser.add_argument("--workdir", help="where dumps and stores go (default: a temporary folder, removed)")
    args = parser.parse_args()
    sizes = sorted(int(s.replace("_", "")) for s in args.sizes.split(",") if s.strip())
    work = Path(args.workdir or tempfile.mkdtemp(prefix="graphkit-scale-"))
    work.mkdir(parents=True, exist_ok=True)
    print(f"machine: {os.cpu_count()} cores; work folder {work}", flush=True)
    runs: list[Run] = []
    try:
        for comments in sizes:
            dump = work / f"reddit-{comments}.ndjson"
            if not dump.exists():
                write_reddit_dump(dump, comments, seed=1)
            for entities in (True, False):
                run = Run(comments, entities)
                runs.append(run)
                if entities and comments > args.entities_max and not args.full:
                    run.skipped = "not run (--full)"
                    print(f"{comments:>9,} comments, entities: not run; add --full to run it", flush=True)
                    continue
                store = work / f"{comments}-{'entities' if entities else 'structure'}.lbug"
                for old in work.glob(store.name + "*"):
                    shutil.rmtree(old) if old.is_dir() else old.unlink()
                log = store.with_suffix(".log")
                run.posts, run.seconds, run.peak_rss = _load(dump, store, entities, args.batch_size, log)
                run.store_bytes = _size_on_disk(store)
                print(
                    f"{comments:>9,} comments, entities: {'yes' if entities else 'no ':3}  "
                    f"{run.posts:>9,} posts in {run.seconds:7.1f} s = {run.rate:7,.0f} posts/s, "
                    f"peak RSS {_mb(run.peak_rss)}, store {_mb(run.store_bytes)}",
                    flush=True,
                )
    finally:
        if not args.workdir:
            shutil.rmtree(work, ignore_errors=True)
    print()
    print("\n".join(_table(runs)))


if __name__ == "__main__":
    main()
