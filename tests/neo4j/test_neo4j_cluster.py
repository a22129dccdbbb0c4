"""Tables of extract --cluster written into a real Neo4j by the workers of a LocalCluster (2 processes), over
Bolt: the store of a single-machine load of the same input, idempotent, and a killed run completes."""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import signal
import subprocess
import sys
import threading
from urllib.parse import urlsplit

import pyarrow.parquet as pq
import pytest
from click.testing import CliRunner
from local_cluster import (
    ROOT,
    STOPPED_AT,
    first_worker_killed_at,
    held_until_dropped,
    local_client,
    remote_cluster,
    said_alone,
)

from bench.synthetic import write_reddit_dump
from graphkit import cluster, cluster_load, folders, pipeline, schema
from graphkit.cli import main
from graphkit.errors import GraphkitError
from graphkit.extract import Extractor
from graphkit.sources import expand_inputs, read_posts
from graphkit.store import cypher as statements
from graphkit.store import neo4j_tables, open_store
from graphkit.store.parquet import column, write_tables
from tests.extract.test_quote_order import (
    STATING,
    tables_of_a_topic_stating_its_quotes_fill_them_in_in_a_store_from_before,
)
from tests.incremental import differences, load_inputs, stored

BATCH = 10  # rows per transaction: many small ones from both workers at once, on shared authors and entities


@pytest.fixture(scope="module")
def client():
    with local_client() as c:
        yield c


@pytest.fixture(scope="module")
def dump(client, tmp_path_factory):
    """A synthetic dump and its tables, extracted on the cluster with authors' addresses kept (as a load keeps them)."""
    work = tmp_path_factory.mktemp("bolt")
    write_reddit_dump(work / "dump.ndjson", 150, seed=7)
    cluster.extract(client, [str(work / "dump.ndjson")], cluster.Job(show_emails=True), str(work / "tables"))
    return work / "dump.ndjson", work / "tables"


def _canonical(graph) -> tuple[set, set]:
    def frozen(attrs: dict) -> frozenset:
        return frozenset((k, tuple(v) if isinstance(v, list) else v) for k, v in attrs.items() if v is not None)

    nodes = {(n, frozen(a)) for n, a in graph.nodes(data=True)}
    edges = {(u, v, k, frozen(a)) for u, v, k, a in graph.edges(keys=True, data=True)}
    return nodes, edges


@pytest.fixture(scope="module")
def single_load(dump, neo4j_module_options) -> tuple[pipeline.LoadSummary, dict[str, int], tuple[set, set]]:
    """A single-machine load of the dump, once for the module; what it did and stored (each test then
    starts from an empty database)."""
    path, _ = dump
    with open_store("neo4j", **neo4j_module_options) as store:
        summary = pipeline.load(read_posts(expand_inputs([str(path)])), store, Extractor(workers=1))
        return summary, store.counts(), _canonical(store.fetch_graph())


def _steps(store) -> int:
    return store.query("MATCH (s:LoadStep) RETURN count(s)").rows[0][0]


def _cli(options: dict) -> list[str]:
    args = ["--neo4j", options["uri"], "--neo4j-user", options["user"]]
    return args + (["--neo4j-database", options["database"]] if options["database"] else [])


def test_workers_write_the_store_of_a_single_machine_load_and_twice_changes_nothing(
    client, dump, single_load, neo4j_options
):
    _, tables = dump
    single, counts, graph = single_load
    with open_store("neo4j", **neo4j_options) as store:
        assert any(label in schema.ENTITY_LABELS for label, n in counts.items() if n)
        summary = cluster_load.load_tables(client, str(tables), store, BATCH)
        assert store.counts() == counts
        assert _canonical(store.fetch_graph()) == graph
        done = summary.counts
        assert (done.nodes_created, done.rels_created) == (single.counts.nodes_created, single.counts.rels_created)
        assert done.rels_skipped == single.counts.rels_skipped
        assert summary.skipped == 0
        assert (summary.posts, summary.stubs) == (single.posts, single.stubs)
        assert summary.line().startswith(f"{single.posts_line()} (")
        assert _steps(store) == 0 and not (tables / cluster_load.SPLIT).exists()
    password = neo4j_options["password"]
    env = {"NEO4J_PASSWORD": password}
    address = client.scheduler.address
    command = ["load", str(tables), *_cli(neo4j_options), "--cluster", address, "--batch-size", str(BATCH)]
    again = CliRunner().invoke(main, command, env=env)
    assert again.exit_code == 0, again.output
    assert "0 nodes created" in again.output and "0 relationships created" in again.output
    assert password not in again.output
    assert password not in repr(store.connection)  # what a worker's log of a failed task would show
    with open_store("neo4j", **neo4j_options) as store:
        assert store.counts() == counts
        assert _steps(store) == 0


def test_a_worker_killed_as_it_writes_a_share_still_gives_the_whole_store(client, dump, single_load, neo4j_options):
    _, tables = dump
    _, counts, graph = single_load
    with first_worker_killed_at(client, "relationships") as killed, open_store("neo4j", **neo4j_options) as store:
        cluster_load.load_tables(client, str(tables), store, BATCH)
        assert killed
        assert store.counts() == counts
        assert _canonical(store.fetch_graph()) == graph
        assert _steps(store) == 0


def _cli_load_killed_at_relationships(client, tables, neo4j_options, stop: int = signal.SIGKILL) -> None:
    """``graphkit load tables/ --cluster`` run as a user would, killed (signal ``stop``) once every node is written.
    Each worker holds its first relationship share until the run has ended: the run cannot end before the signal.
    A run stopped by SIGTERM or Ctrl-C says so in one line, without a traceback."""
    command = [sys.executable, "-m", "graphkit", "load", str(tables), *_cli(neo4j_options)]
    command += ["--cluster", client.scheduler.address, "--batch-size", str(BATCH)]
    env = {**os.environ, "PYTHONPATH": str(ROOT), "NEO4J_PASSWORD": neo4j_options["password"]}

    def hold() -> None:  # in each worker
        import threading

        from graphkit import schema
        from graphkit.store import neo4j_tables

        real, released = neo4j_tables.write_share, threading.Event()

        def held(connection, out, share, *args):
            if share.name in {r.type for r in schema.RELATIONSHIPS}:
                released.wait()
            return real(connection, out, share, *args)

        held.real, held.released = real, released
        neo4j_tables.write_share = held

    def release() -> None:
        from graphkit.store import neo4j_tables

        if released := getattr(neo4j_tables.write_share, "released", None):
            released.set()
            neo4j_tables.write_share = neo4j_tables.write_share.real

    made, sent = threading.Event(), threading.Event()  # the run is stopped once: a second Ctrl-C would raise

    def kill(event: tuple) -> None:  # the barrier between nodes and relationships is passed
        if event[1]["step"] == "relationships" and not sent.is_set():
            sent.set()
            made.wait()
            run.send_signal(stop)

    client.run(hold)
    client.subscribe_topic(cluster.STARTED, kill)
    try:
        run = subprocess.Popen(command, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
        made.set()
        _, err = run.communicate()
    finally:
        client.unsubscribe_topic(cluster.STARTED)
        client.run(release)
    if stop == signal.SIGKILL:
        assert run.returncode == -signal.SIGKILL, err.decode()
        return
    assert run.returncode == 128 + stop, err.decode()
    assert b"Traceback" not in err, err.decode()
    said = "Interrupted" if stop == signal.SIGINT else f"Stopped by {signal.Signals(stop).name}"
    assert err.decode().strip().splitlines()[-1].startswith(f"{said}: "), err.decode()


@pytest.mark.parametrize("stop", [signal.SIGKILL, signal.SIGTERM, signal.SIGINT])
def test_a_run_killed_while_writing_relationships_completes_when_run_again(
    client, dump, single_load, neo4j_options, stop
):
    _, tables = dump
    _, counts, graph = single_load
    _cli_load_killed_at_relationships(client, tables, neo4j_options, stop)
    posts = {i for label in schema.POST_LABELS for i in column(str(tables), label, "id")}
    with open_store("neo4j", **neo4j_options) as store:
        # the posts of the stopped run count as unfinished: a load of the input would extract them again
        assert store.unfinished_posts() == posts
        summary = cluster_load.load_tables(client, str(tables), store, BATCH)
        assert summary.skipped > 0 and summary.counts.nodes_created == 0
        assert store.counts() == counts
        assert _canonical(store.fetch_graph()) == graph
        assert _steps(store) == 0


def test_a_load_stopped_as_its_local_cluster_starts_says_so_and_the_same_command_completes(
    dump, single_load, neo4j_options, tmp_path
):
    """SIGTERM as ``load --cluster local:1`` starts its cluster's worker: raised there, the cluster was left half
    started and Dask's closing of it at exit printed a traceback. Told to the run, it stops once its cluster is up,
    in one line, having written nothing; the same command run again loads the store of a single-machine load."""
    _, tables = dump
    _, counts, graph = single_load
    command = ["load", str(tables), *_cli(neo4j_options), "--cluster", "local:1", "--batch-size", str(BATCH)]
    env = {**os.environ, "PYTHONPATH": str(ROOT), "NEO4J_PASSWORD": neo4j_options["password"]}
    stopped = (  # the command, signalled as the nanny of its cluster's worker starts it
        "import os, signal\n"
        "from distributed import Nanny\n"
        "from graphkit.cli import main\n"
        "starting = Nanny.start_unsafe\n"
        "async def signalled(self):\n"
        "    os.kill(os.getpid(), signal.SIGTERM)\n"
        "    return await starting(self)\n"
        "Nanny.start_unsafe = signalled\n"
        "main()\n"
    )
    first = subprocess.run([sys.executable, "-c", stopped, *command], capture_output=True, text=True, env=env)
    assert first.returncode == 128 + signal.SIGTERM, first.stderr
    assert "Traceback" not in first.stderr, first.stderr
    assert first.stderr.strip().splitlines()[-1].startswith("Stopped by SIGTERM: "), first.stderr
    assert not (tables / cluster_load.SPLIT).exists()
    with open_store("neo4j", **neo4j_options) as store:
        assert store.query("MATCH (n) RETURN count(n)").rows == [[0]]
    _completes_again(command, env, neo4j_options, counts, graph)


def _completes_again(command: list[str], env: dict, neo4j_options: dict, counts, graph) -> None:
    """The stopped command run again completes the store as the single-machine load made it, no step left."""
    again = subprocess.run([sys.executable, "-m", "graphkit", *command], capture_output=True, text=True, env=env)
    assert again.returncode == 0, again.stderr
    with open_store("neo4j", **neo4j_options) as store:
        assert store.counts() == counts
        assert _canonical(store.fetch_graph()) == graph
        assert _steps(store) == 0


@pytest.mark.parametrize("sent", [signal.SIGTERM, signal.SIGINT])
def test_a_load_stopped_as_its_local_cluster_s_worker_writes_says_so_in_one_line_and_completes_again(
    dump, single_load, neo4j_options, sent
):
    """SIGTERM or Ctrl-C to ``load --cluster local:1`` as its worker writes relationships: Dask cancels what a
    closing worker still awaits, that share's task among it, and logged a warning of it beside graphkit's line;
    the worker now closes once the steps under way are done. The same command run again completes the store."""
    _, tables = dump
    _, counts, graph = single_load
    command = ["load", str(tables), *_cli(neo4j_options), "--cluster", "local:1", "--batch-size", str(BATCH)]
    env = {**os.environ, "PYTHONPATH": str(ROOT), "NEO4J_PASSWORD": neo4j_options["password"]}
    args = [sys.executable, "-c", STOPPED_AT, "relationships", str(int(sent)), *command]
    first = subprocess.run(args, capture_output=True, text=True, env=env, timeout=300)
    assert first.returncode == 128 + sent, first.stderr
    said_alone(first.stderr, sent)
    _completes_again(command, env, neo4j_options, counts, graph)


# ``python -c STOPPED_IN_A_SHARE SIGNAL ARGS...``: ``graphkit ARGS`` (a ``load --cluster local:N`` of its own), sent
# SIGNAL by itself once a worker has written the first batch of a share of WROTE; that worker holds the share there
# until it closes (``cluster._CLOSING``), as a long share is under way when the run is stopped.
STOPPED_IN_A_SHARE = """
import contextlib, os, sys
from graphkit import cluster
from graphkit.cli import main

signum = int(sys.argv[1])
del sys.argv[1]
connect = cluster.connect


def hold(dask_worker):  # in each worker
    from graphkit import cluster
    from graphkit.store.neo4j import Neo4jStore

    write, log_event = Neo4jStore.write_step, dask_worker.log_event

    def held(self, writes, record):
        done = write(self, writes, record)
        if record["id"].split(":")[-3:-2] == ["WROTE"]:
            log_event("graphkit-test-batch", record["id"])
            cluster._CLOSING.wait()
        return done

    Neo4jStore.write_step = held


@contextlib.contextmanager
def signalled(spec):
    with connect(spec) as client:
        client.run(hold)
        sent = []

        def written(event):
            if not sent:
                print("held at", event[1], file=sys.stderr, flush=True)
                sent.append(os.kill(os.getpid(), signum))

        client.subscribe_topic("graphkit-test-batch", written)
        yield client


cluster.connect = signalled
main()
"""


@pytest.mark.parametrize("sent", [signal.SIGTERM, signal.SIGINT])
def test_a_load_stopped_in_a_long_share_stops_at_its_next_batch_and_completes_again(
    dump, single_load, neo4j_options, sent
):
    """SIGTERM or Ctrl-C to ``load --cluster local:1`` once a share of several batches has written its first: the
    share stops before its next batch (it wrote on to its end, the worker's closing waiting for it), the run says so
    in one line, and the same command run again completes the store of a single-machine load."""
    _, tables = dump
    _, counts, graph = single_load
    assert pq.ParquetFile(tables / f"{schema.WROTE}.parquet").metadata.num_rows >= 4 * BATCH  # shares of 2+ batches
    command = ["load", str(tables), *_cli(neo4j_options), "--cluster", "local:1", "--batch-size", str(BATCH)]
    env = {**os.environ, "PYTHONPATH": str(ROOT), "NEO4J_PASSWORD": neo4j_options["password"]}
    args = [sys.executable, "-c", STOPPED_IN_A_SHARE, str(int(sent)), *command]
    first = subprocess.run(args, capture_output=True, text=True, env=env, timeout=300)
    assert first.returncode == 128 + sent, first.stderr
    (batch,) = [line.removeprefix("held at ") for line in first.stderr.splitlines() if line.startswith("held at ")]
    said_alone(first.stderr.replace(f"held at {batch}\n", ""), sent)
    share = batch[: batch.rindex(":") + 1]
    with open_store("neo4j", **neo4j_options) as store:
        assert store.query(statements.STEPS_UNDER, {"prefix": share}).rows == [[batch]]
    _completes_again(command, env, neo4j_options, counts, graph)


def test_a_load_on_a_running_scheduler_stopped_in_a_long_share_stops_at_its_next_batch_and_completes_again(
    dump, single_load, neo4j_options, tmp_path
):
    """Ctrl-C to ``load --cluster ADDRESS`` (a scheduler and a worker of their own) once a share of several batches has
    written its first: the share, still under way as the run's client goes, writes no batch after it (it wrote on to
    its end, after the user asked to stop), the run says so in one line, and the same command on the same cluster
    completes the store of a single-machine load."""
    _, tables = dump
    _, counts, graph = single_load
    assert pq.ParquetFile(tables / f"{schema.WROTE}.parquet").metadata.num_rows >= 4 * BATCH  # shares of 2+ batches
    env = {**os.environ, "PYTHONPATH": str(ROOT), "NEO4J_PASSWORD": neo4j_options["password"]}

    def install(wait):  # in the worker: a share of WROTE waits once it has written its first batch
        from graphkit.store.neo4j import Neo4jStore

        write = Neo4jStore.write_step

        def held(self, writes, record):
            done = write(self, writes, record)
            if record["id"].split(":")[-3:-2] == ["WROTE"]:
                wait(record["id"])
            return done

        Neo4jStore.write_step = held

        def undo() -> None:
            Neo4jStore.write_step = write

        return undo

    with remote_cluster(tmp_path) as watcher:
        command = ["load", str(tables), *_cli(neo4j_options), "--cluster", watcher.scheduler.address]
        command = [sys.executable, "-m", "graphkit", *command, "--batch-size", str(BATCH)]
        with held_until_dropped(watcher, install) as share:
            first = subprocess.Popen(command, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
            batch = share.held()
            first.send_signal(signal.SIGINT)
            _, err = first.communicate()
            ended = share.end()
        with open_store("neo4j", **neo4j_options) as store:
            written = store.query(statements.STEPS_UNDER, {"prefix": batch[: batch.rindex(":") + 1]}).rows
        _completes_again(command[3:], env, neo4j_options, counts, graph)
    assert first.returncode == 128 + signal.SIGINT, err
    said_alone(err, signal.SIGINT)
    assert ended != "returned"
    assert written == [[batch]]


def test_the_records_of_a_killed_run_go_once_the_tables_extracted_again_are_loaded(
    client, dump, single_load, neo4j_options
):
    _, tables = dump
    _, counts, graph = single_load
    _cli_load_killed_at_relationships(client, tables, neo4j_options)
    again = tables.parent / "again"
    shutil.copytree(tables, again, ignore=shutil.ignore_patterns(cluster_load.SPLIT))
    for table in again.glob("*.parquet"):  # extracted again: the tables of another run
        os.utime(table, ns=(table.stat().st_atime_ns, table.stat().st_mtime_ns + 10**9))
    with open_store("neo4j", **neo4j_options) as store:
        assert _steps(store) > 0
        summary = cluster_load.load_tables(client, str(again), store, BATCH)
        assert summary.skipped == 0
        assert store.counts() == counts
        assert _canonical(store.fetch_graph()) == graph
        assert _steps(store) == 0 and store.unfinished_posts() == set()


MASTODON = ROOT / "tests" / "data" / "real" / "mastodon"
MENTIONS = MASTODON / "mastodonpy-home-timeline.json"  # a timeline @-mentioning an account that writes none of it
WRITES = MASTODON / "mastodonpy-status-reply.json"  # a status that account writes


def _split_and_write(connection, directory: str, key: str, labels: set[str]) -> None:
    """The shares of the tables of ``labels`` in ``directory`` written under the records of the run ``key``, as a
    run's workers write them (nothing else of the run: it is stopped there)."""
    out = os.path.join(directory, cluster_load.SPLIT, key)
    for name in neo4j_tables.tables(directory):
        if name in labels:
            for share in neo4j_tables.split(directory, name, out, BATCH):
                neo4j_tables.write_share(connection, out, share, neo4j_tables.prefix(key), BATCH)


def test_a_run_finishing_leaves_the_records_of_another_only_the_posts_its_tables_lack(neo4j_options, tmp_path):
    """Another run's records of its posts partly written (its tables hold one more input), then a run of tables of
    part of its input finishing: the other run's records keep only the posts these tables lack, which count as
    unfinished still (a load of its input extracts them again), and those of no post left go. The server failing
    as the records are rewritten leaves every record as it was; finishing again completes."""
    both, mine = str(tmp_path / "both"), str(tmp_path / "mine")
    for inputs, directory in (([WRITES, MENTIONS], both), ([WRITES], mine)):
        posts = read_posts(expand_inputs([str(path) for path in inputs]))
        write_tables(pipeline.extract_graph(posts, Extractor(entities=False, workers=1)), directory)
    ids = {
        directory: {i for label in schema.POST_LABELS for i in column(directory, label, "id")}
        for directory in (both, mine)
    }
    assert ids[mine] and ids[mine] < ids[both]
    try:
        with open_store("neo4j", **neo4j_options, batch_size=BATCH) as store:
            store.init_schema()
            _split_and_write(store.connection, both, "other", set(schema.POST_LABELS))
            _split_and_write(store.connection, mine, "mine", set(neo4j_tables.tables(mine)))
            left = ids[both] - ids[mine]
            assert left and store.unfinished_posts() == ids[mine] | left
            records = dict(store.query(statements.STEP_POSTS_UNDER, {"prefix": neo4j_tables.RUNS}).rows)
            other = {step: posts for step, posts in records.items() if step.startswith(neo4j_tables.prefix("other"))}
            with pytest.MonkeyPatch.context() as patch:  # the server fails once the records dropped and rewritten
                failing = f"{statements.MARK_BATCH} WITH count(*) AS n RETURN 1 / (n - n)"
                patch.setattr(statements, "MARK_BATCH", failing)
                with pytest.raises(GraphkitError, match="removing the run's records failed .*they are kept"):
                    neo4j_tables.finish(store, "mine", mine)
            assert dict(store.query(statements.STEP_POSTS_UNDER, {"prefix": neo4j_tables.RUNS}).rows) == records
            neo4j_tables.finish(store, "mine", mine)
            assert store.unfinished_posts() == left
            kept = {step: [post for post in posts if post not in ids[mine]] for step, posts in other.items()}
            assert any(kept.values()) and not all(kept.values())  # records rewritten, and records gone
            assert dict(store.query(statements.STEP_POSTS_UNDER, {"prefix": neo4j_tables.RUNS}).rows) == {
                step: posts for step, posts in kept.items() if posts
            }
    finally:
        neo4j_tables.close_stores()


def _account(path) -> tuple[str, str, str]:
    """The id, shown name and key (host/@user, the name a mention of it shows) of the writer of the first status of a
    Mastodon API file, read from the file."""
    account = json.loads(path.read_text(encoding="utf-8"))[0]["account"]
    key = f"{urlsplit(account['url']).hostname}/@{account['acct']}"
    return schema.author_id("mastodon", key), account["display_name"] or account["username"], key


@pytest.mark.parametrize("workers", [False, True], ids=["one-process", "cluster"])
def test_tables_give_an_author_stored_from_a_mention_the_name_its_first_post_shows(
    client, tmp_path, neo4j_options, workers
):
    """A database holding an Author only @-mentioned so far, then tables of extract --cluster of a post it writes:
    the store of a single-machine load of that post (the Author shows the post's name, not the mention's)."""
    author, name, key = _account(WRITES)
    tables = tmp_path / "tables"
    cluster.extract(client, [str(WRITES)], cluster.Job(show_emails=True), str(tables))
    with open_store("neo4j", **neo4j_options, batch_size=BATCH) as store:
        load_inputs(store, [MENTIONS])
        mentioned = store.fetch_graph().nodes[author]
        assert mentioned["name"] == key
        load_inputs(store, [WRITES])
        whole = stored(store)
        assert whole[1][author]["name"] == name
        store.query("MATCH (n) DETACH DELETE n", write=True)
        load_inputs(store, [MENTIONS])
        if workers:
            cluster_load.load_tables(client, str(tables), store, BATCH)
        else:
            pipeline.load_tables(str(tables), store, BATCH)
        assert differences(stored(store), whole) == []


@pytest.mark.parametrize("workers", [False, True], ids=["one-process", "cluster"])
def test_tables_fill_in_whether_comments_state_their_quotes_in_a_database_from_before(
    client, tmp_path, neo4j_options, workers
):
    """The tables of extract --cluster of a Discourse topic stating its quotes, loaded into a database holding its
    replies without ``quotes_stated`` (written before the property), give each reply the property the tables give."""
    tables = tmp_path / "tables"
    cluster.extract(client, [str(STATING)], cluster.Job(show_emails=True, entities=False), str(tables))

    def load_them(directory: str, store) -> None:
        if workers:
            cluster_load.load_tables(client, directory, store, BATCH)
        else:
            pipeline.load_tables(directory, store, BATCH)

    tables_of_a_topic_stating_its_quotes_fill_them_in_in_a_store_from_before(
        lambda: open_store("neo4j", **neo4j_options, batch_size=BATCH),
        "MATCH (c:Comment) REMOVE c.quotes_stated",
        str(tables),
        load_them,
    )


def test_shares_an_earlier_graphkit_split_are_cut_again_not_read_without_written(client, tmp_path, neo4j_options):
    """A load of tables stopped after a graphkit of before ``written`` had cut them into shares (keyed by the tables
    and batch size only), then started again by this one: the Author only mentioned so far takes its post's name."""
    author, name, key = _account(WRITES)
    tables = tmp_path / "tables"
    cluster.extract(client, [str(WRITES)], cluster.Job(show_emails=True), str(tables))
    names = neo4j_tables.tables(str(tables))
    stats = [(n, (st := os.stat(tables / f"{n}.parquet")).st_size, st.st_mtime_ns) for n in names]
    earlier = hashlib.blake2b(repr((stats, BATCH)).encode(), digest_size=12).hexdigest()
    folders.make(str(tables / cluster_load.SPLIT))  # a folder graphkit made: marked as its own
    out = tables / cluster_load.SPLIT / earlier
    for table in names:
        neo4j_tables.split(str(tables), table, str(out), BATCH)
    authors = sorted(out.glob(f"{schema.AUTHOR}-*.parquet"))
    assert authors
    for path in authors:  # as that graphkit cut them
        pq.write_table(pq.read_table(path).drop_columns(["written"]), path)
    with open_store("neo4j", **neo4j_options, batch_size=BATCH) as store:
        load_inputs(store, [MENTIONS])
        assert store.fetch_graph().nodes[author]["name"] == key
        cluster_load.load_tables(client, str(tables), store, BATCH)
        assert store.fetch_graph().nodes[author]["name"] == name


def test_a_folder_of_the_users_where_a_load_cuts_shares_is_refused_and_left_as_it_is(client, tmp_path, neo4j_options):
    """The load cuts the tables into shares in a folder of its own beside them and removes it when done: a folder of
    that name the user made is refused before anything is written, and keeps what it held."""
    tables = tmp_path / "tables"
    cluster.extract(client, [str(WRITES)], cluster.Job(show_emails=True), str(tables))
    (tables / cluster_load.SPLIT).mkdir()
    (tables / cluster_load.SPLIT / "notes.txt").write_text("the user's own notes\n")
    with open_store("neo4j", **neo4j_options) as store:
        with pytest.raises(GraphkitError, match="not made by graphkit"):
            cluster_load.load_tables(client, str(tables), store, BATCH)
        assert store.query("MATCH (n) RETURN count(n)").rows == [[0]]
    assert (tables / cluster_load.SPLIT / "notes.txt").read_text() == "the user's own notes\n"
