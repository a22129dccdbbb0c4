"""Load throughput of our stores against each engine's fastest raw path, on the same rows, and
the cost of loading again what a store holds.

Run: ``python bench/load.py [--sizes 10000,100000] [--store neo4j,ladybug] [--reload 5000]``. A
synthetic corpus (threads of ~50 comments, ~20 comments per author, 3 mentions and one reply per
comment, a link in one comment of ten) is built straight into a graph, without NLP. Per
store it prints rows/s (nodes + relationships) of our loader into an empty database, of the
raw path into an empty database, their ratio (for the embedded store also of CPU time), and the
time of a reload of the same graph as a fraction of the first load.

Then, end to end with extraction (entities on), on a synthetic Reddit dump of ``--reload``
comments cut into a corpus and one more file (its last threads): the first load of both files,
loading them again unchanged as a fraction of it, and loading the corpus and then the one file,
the file's load as a fraction of the load of all, with whether the two stores hold equal graphs.

Neo4j: ``NEO4J_URI`` (with NEO4J_USERNAME/NEO4J_PASSWORD) if set, else the test harness
server (java + Maven); its raw path is one hand-written ``UNWIND … CREATE`` per label and
per type, in batches of the same size, under the same constraints. Embedded: the raw path
is the engine's ``COPY`` from Parquet files written beforehand (writing them is not timed) and one
checkpoint; our load is given the graph as a load builds each batch (``rows.Batch``).
"""

from __future__ import annotations

import argparse
import os
import random
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "tests"))

import networkx as nx  # noqa: E402
import pyarrow as pa  # noqa: E402
import pyarrow.parquet as pq  # noqa: E402
from incremental import differences, stored  # noqa: E402

from bench.synthetic import split_by_threads, write_reddit_dump  # noqa: E402
from graphkit import schema  # noqa: E402
from graphkit.extract import Extractor  # noqa: E402
from graphkit.graph import build_graph  # noqa: E402
from graphkit.pipeline import load  # noqa: E402
from graphkit.records import Edge, Fragment, Node, Post  # noqa: E402
from graphkit.sources import Report, expand_inputs, read_posts  # noqa: E402
from graphkit.store import Store, open_store  # noqa: E402
from graphkit.store.rows import Batch, Graph, node_rows, rel_rows  # noqa: E402

THREAD = 50
PER_AUTHOR = 20
ENTITIES = {schema.PERSON: 2000, schema.PLACE: 1000, schema.ORGANIZATION: 500}


def corpus(comments: int, seed: int = 11, into: Graph | None = None) -> Graph:
    """A synthetic corpus as one graph, shaped like real threads (Zipf-like entity mentions): a networkx
    graph, or built ``into`` a ``rows.Batch`` as a load builds each batch."""
    rng = random.Random(seed)
    authors = [f"user{i}" for i in range(max(1, comments // PER_AUTHOR))]
    entities = [
        Node(schema.entity_id(label, f"{label} {i}"), label, {"name": f"{label} {i}", "aliases": [f"{label} {i}"]})
        for label, n in ENTITIES.items()
        for i in range(n)
    ]
    for e in entities:
        e.props["id"] = e.id
    weights = [1 / (i + 1) for i in range(len(entities))]
    posts: list[Post] = []
    edges: list[Edge] = []
    sources: dict[str, Node] = {}
    for t in range(-(-comments // THREAD)):
        root = schema.article_id("bench", str(t))
        posts.append(Post(root, root, True, f"Article {t} " * 40, "bench", "bench", title=f"Article {t}"))
        thread = [root]
        for i in range(min(THREAD, comments - t * THREAD)):
            pid = schema.post_id("bench", root, str(i))
            text = f"Comment {i} in thread {t}: " + "words " * rng.randint(10, 60)
            posts.append(Post(pid, root, False, text, "bench", "bench", author=rng.choice(authors), position=i + 1))
            parent = rng.choice(thread)
            edges.append(Edge(schema.REPLY_TO, pid, parent, {"id": schema.edge_id(schema.REPLY_TO, pid, parent)}))
            for k, entity in enumerate(rng.choices(entities, weights, k=3)):
                props = {"id": schema.edge_id(schema.MENTIONS, pid, entity.id, k), "text": entity.props["name"]}
                edges.append(
                    Edge(schema.MENTIONS, pid, entity.id, props | {"start": k, "end": k + 5, "sentiment": 0.1})
                )
            if rng.random() < 0.1:
                url = f"https://site{rng.randint(0, 300)}.example/{rng.randint(0, 3000)}"
                sid = schema.source_id(url)
                sources.setdefault(sid, Node(sid, schema.SOURCE, {"id": sid, "url": url, "domain": url.split("/")[2]}))
                edges.append(Edge(schema.CITES, pid, sid, {"id": schema.edge_id(schema.CITES, pid, sid), "url": url}))
            thread.append(pid)
    return build_graph(posts, Fragment([*entities, *sources.values()], edges), into=into)


def _timed(run: Callable[[], object]) -> float:
    start = time.perf_counter()
    run()
    return time.perf_counter() - start


def _clocked(run: Callable[[], object]) -> tuple[float, float]:
    """Wall and CPU time of ``run`` (of this process, where the embedded engine runs)."""
    start, cpu = time.perf_counter(), time.process_time()
    run()
    return time.perf_counter() - start, time.process_time() - cpu


def _line(
    store: str, rows: int, ours: float, raw: float, reload: float, raw_name: str, cpu: tuple[float, float] | None = None
) -> None:
    """``cpu``: the CPU times of ours and the raw path, whose ratio says more on a busy machine."""
    cpu_ratio = f" (CPU time {cpu[1]:.1f}s against {cpu[0]:.1f}s: {cpu[1] / cpu[0]:.2f}x)" if cpu else ""
    print(
        f"{store:8} {rows:>9} rows  ours {rows / ours:>9.0f} rows/s  {raw_name} {rows / raw:>9.0f} rows/s  "
        f"ratio {raw / ours:.2f}x{cpu_ratio}  reload {reload:.1f}s = {reload / ours:.0%} of load",
        flush=True,
    )


# -- Neo4j -----------------------------------------------------------------------------------


def _neo4j_raw(store: Store, graph: nx.MultiDiGraph, batch: int) -> None:
    """The hand-written raw path: CREATE with no MERGE and no counting."""
    for group in node_rows(graph):
        statement = f"UNWIND $rows AS row CREATE (n:{group.label}) SET n = row"
        for i in range(0, len(group.rows), batch):
            store.query(statement, {"rows": group.rows[i : i + batch]}, write=True)
    for group in rel_rows(graph):
        statement = (
            f"UNWIND $rows AS row MATCH (a:{group.start} {{id: row.from}}) MATCH (b:{group.end} {{id: row.to}}) "
            f"CREATE (a)-[r:{group.type}]->(b) SET r = row.props"
        )
        rows = [
            {"from": r["from"], "to": r["to"], "props": {k: v for k, v in r.items() if k not in ("from", "to")}}
            for r in group.rows
        ]
        for i in range(0, len(rows), batch):
            store.query(statement, {"rows": rows[i : i + batch]}, write=True)


def _neo4j_empty(store: Store) -> None:
    store.query("MATCH (n) CALL (n) { DETACH DELETE n } IN TRANSACTIONS OF 20000 ROWS", write=True)


def bench_neo4j(sizes: list[int], reload: int) -> None:
    from neo4j_server import bench_server

    with bench_server() as options:
        with open_store("neo4j", **options) as store:
            store.init_schema()
            for size in sizes:
                graph = corpus(size)
                rows = graph.number_of_nodes() + graph.number_of_edges()
                _neo4j_empty(store)
                raw = _timed(lambda g=graph: _neo4j_raw(store, g, store.batch_size))
                _neo4j_empty(store)
                ours = _timed(lambda g=graph: store.load(g))
                again = _timed(lambda g=graph: store.load(g))
                _line("neo4j", rows, ours, raw, again, "UNWIND/CREATE")
            _neo4j_empty(store)
        if reload:
            bench_reload("neo4j", reload, lambda _: open_store("neo4j", **options), _neo4j_empty)


# -- Embedded --------------------------------------------------------------------------------


def _ladybug_raw(path: str, graph: Graph, work: str) -> tuple[float, float]:
    """COPY every table from Parquet files written beforehand, then one checkpoint (a load's rows are in
    the file when it returns); returns the wall and CPU time of these only."""
    from graphkit.store.parquet import ARROW, rel_schema

    copies = []
    for group in node_rows(graph):
        node = schema.node_type(group.label)
        table = pa.table({p.name: pa.array([r[p.name] for r in group.rows], ARROW[p.type]) for p in node.props})
        file = os.path.join(work, f"{group.label}.parquet")
        pq.write_table(table, file)
        copies.append(f"COPY {group.label} FROM '{file}'")
    for group in rel_rows(graph):
        columns = {f.name: f.type for f in rel_schema(group.type)}
        table = pa.table({name: pa.array([r[name] for r in group.rows], typ) for name, typ in columns.items()})
        file = os.path.join(work, f"{group.type}_{group.start}_{group.end}.parquet")
        pq.write_table(table, file)
        copies.append(f"COPY {group.type} FROM '{file}' (from='{group.start}', to='{group.end}')")
    with open_store("ladybug", path=path) as store:
        return _clocked(lambda: [store.query(c, write=True, allow_files=True) for c in [*copies, "CHECKPOINT"]])


def bench_ladybug(sizes: list[int], reload: int) -> None:
    for size in sizes:
        graph = corpus(size, into=Batch())  # what a load hands the store
        rows = len(graph.nodes) + len(graph.edges)
        with tempfile.TemporaryDirectory() as work:
            raw, raw_cpu = _ladybug_raw(os.path.join(work, "raw.lbug"), graph, work)
            with open_store("ladybug", path=os.path.join(work, "ours.lbug")) as store:
                ours, ours_cpu = _clocked(lambda g=graph, s=store: s.load(g))
                again = _timed(lambda g=graph, s=store: s.load(g))
        _line("embedded", rows, ours, raw, again, "COPY", (ours_cpu, raw_cpu))
    if reload:
        with tempfile.TemporaryDirectory() as work:
            opened = lambda label: open_store("ladybug", path=os.path.join(work, f"{label}.lbug"))  # noqa: E731
            bench_reload("embedded", reload, opened, lambda _: None)


# -- Loading again ------------------------------------------------------------------------------

ONE_FILE = 0.05  # share of the threads in the one more file


def _load_files(store: Store, files: list[Path]) -> float:
    """The time of ``graphkit load FILES`` into ``store`` (a new run: a new extractor)."""
    report = Report()
    posts = read_posts(expand_inputs([str(f) for f in files]), report=report)
    return _timed(lambda: load(posts, store, Extractor(workers=os.cpu_count() or 1), report=report))


def bench_reload(name: str, comments: int, opened: Callable[[str], Store], empty: Callable[[Store], None]) -> None:
    """``opened(label)`` gives a store (a new one per label, or the same emptied by ``empty``)."""
    with tempfile.TemporaryDirectory() as work:
        dump, most, one = (Path(work, f) for f in ("dump.ndjson", "corpus.ndjson", "one.ndjson"))
        write_reddit_dump(dump, comments, seed=7)
        split_by_threads(dump, most, one, ONE_FILE)
        with opened("all") as store:
            first = _load_files(store, [most, one])
            again = _load_files(store, [most, one])
            whole = stored(store)
            empty(store)
        with opened("incremental") as store:
            _load_files(store, [most])
            added = _load_files(store, [one])
            same = not differences(stored(store), whole)
            empty(store)
        lines, total = (sum(1 for _ in f.open(encoding="utf-8")) for f in (one, dump))
    print(
        f"{name:8} {comments:>9} comments with entities: first load {first:.1f}s; again unchanged {again:.2f}s "
        f"= {again / first:.3f}x; corpus then one file ({lines} posts): the file {added:.2f}s = "
        f"{added / first:.3f}x of one load of all (its posts {lines / total:.3f}x), "
        f"same graph: {'yes' if same else 'NO'}",
        flush=True,
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="10000,100000", help="Comment counts, comma-separated.")
    parser.add_argument("--store", default="neo4j,ladybug", help="Stores to measure, comma-separated.")
    parser.add_argument("--reload", type=int, default=5000, help="Comments loaded again end to end (0: skip).")
    args = parser.parse_args()
    sizes = [int(s) for s in args.sizes.split(",") if s]
    stores = args.store.split(",")
    if "ladybug" in stores:
        bench_ladybug(sizes, args.reload)
    if "neo4j" in stores:
        bench_neo4j(sizes, args.reload)


if __name__ == "__main__":
    main()
