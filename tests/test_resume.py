"""An interrupted load, run again with the same command, ends with exactly the graph of one clean run.

The load runs as a real process on a synthetic Reddit dump cut in two between threads: the first part
is a file, the second comes on standard input, which the test withholds while the load runs. So the
load can never finish on its own: it commits the batches the first part fills and then waits for the
rest. Once it reports a committed batch it is stopped (kill -9, or Ctrl-C); whenever the signal lands,
some batches are committed and not all. The re-run, given the whole input, must recover the store and
converge, node for node and edge for edge, also with entities (whose ids must not depend on where the
interrupted run stopped). A store that holds nothing is loaded in one go at the end of the input
(``store.ladybug_bulk``), so there the interrupted load leaves it empty, and the re-run starts over; the
batch-by-batch cases load into a store holding a post of another thread first.
"""

from __future__ import annotations

import os
import re
import select
import signal
import subprocess
import sys
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

import pytest
from click.testing import CliRunner

from bench.synthetic import split_by_threads, write_reddit_dump
from graphkit.cli import BATCHES_KEPT, NEW_STORE_EMPTY, main
from graphkit.store import open_store

ROOT = Path(__file__).resolve().parent.parent
# How long the load may take to commit its first batch before the test gives up: only a guard
# against a first part too small to fill one (then the load waits for the withheld rest forever).
FIRST_BATCH_TIMEOUT = 600
# How long a stopped load's processes may take to end: a guard against one left running.
STOP_TIMEOUT = 120


@dataclass(frozen=True)
class Case:
    """A dump of ``comments`` and the load's options. Every batch costs a commit, so the first part holds
    little more than the batches the load needs before it waits for standard input: one without the
    model; with it two, as the model reads texts ahead of the batch being loaded (``--model-batch``
    texts in process, four chunks of them per worker), which takes in the next batch whole."""

    comments: int
    options: tuple[str, ...]


CASES = {
    "structure": Case(200, ("--no-entities", "--batch-size", "100")),
    "entities": Case(300, ("--workers", "1", "--model-batch", "8", "--batch-size", "100")),
}


# A post of its own thread that a store holds before the batch-by-batch cases' loads (ids the dumps do not use).
SEED = (
    '{"id": "seed1", "name": "t3_seed1", "author": "seeder", "title": "A seed thread", "selftext": "Held before.", '
    '"url": "https://www.reddit.com/r/worldnews/comments/seed1/", "is_self": true, "created_utc": 1500000000, '
    '"subreddit": "worldnews"}\n'
)


@dataclass(frozen=True)
class Dump:
    first: Path  # a file
    rest: bytes  # standard input
    comments: int
    seed: Path  # the post a store holds before a batch-by-batch load

    def args(self, store: Path, options: tuple[str, ...]) -> list[str]:
        return ["load", "--format", "reddit", str(self.first), "-", "--store", str(store), *options]


def _stored(store: Path) -> tuple[dict[str, int], dict, set]:
    """Counts (as ``graphkit stats`` shows them), nodes with their properties, and edge ids: the
    counts catch a relationship stored twice, which the edge-id set would not."""
    with open_store("ladybug", path=str(store), read_only=True) as db:
        counts, graph = db.counts(), db.fetch_graph()
    return counts, dict(graph.nodes(data=True)), {(a, b, k) for a, b, k in graph.edges(keys=True)}


def _load(dump: Dump, store: Path, options: tuple[str, ...]) -> str:
    """The whole load in this process, standard input given; what it prints."""
    result = CliRunner().invoke(main, dump.args(store, options), input=dump.rest, catch_exceptions=False)
    assert result.exit_code == 0, result.output
    return result.stdout


def _seed(dump: Dump, store: Path, options: tuple[str, ...]) -> None:
    """The store holds a post of another thread, so a load goes batch by batch."""
    result = CliRunner().invoke(main, ["load", "--format", "reddit", str(dump.seed), "--store", str(store), *options])
    assert result.exit_code == 0, result.output


@pytest.fixture(scope="module")
def clean(tmp_path_factory):
    """clean(case, seeded) -> (dump, what one uninterrupted load stores, into a store that holds nothing or
    the seed), computed once per case."""
    done: dict[tuple[str, bool], tuple[Dump, tuple]] = {}

    def run(case: str, seeded: bool = True) -> tuple[Dump, tuple]:
        if (case, seeded) not in done:
            folder = tmp_path_factory.mktemp(case)
            whole, first, rest = folder / "dump.ndjson", folder / "first.ndjson", folder / "rest.ndjson"
            write_reddit_dump(whole, CASES[case].comments, seed=3)
            split_by_threads(whole, first, rest, share=0.5)
            (folder / "seed.ndjson").write_text(SEED)
            dump = Dump(first, rest.read_bytes(), CASES[case].comments, folder / "seed.ndjson")
            assert b'"link_id"' in dump.rest  # comments come on standard input
            store = folder / "clean.lbug"
            if seeded:
                _seed(dump, store, CASES[case].options)
            _load(dump, store, CASES[case].options)
            done[case, seeded] = dump, _stored(store)
        return done[case, seeded]

    return run


@contextmanager
def _interruptible(sig: signal.Signals) -> Iterator[None]:
    """A child inherits an ignored signal: SIGHUP under ``nohup`` (SIGINT, ignored in a script's background job, the
    suite takes back for good: conftest.py); the load would never see it. Its default is restored meanwhile."""
    ignored = signal.getsignal(sig) == signal.SIG_IGN
    if ignored:
        signal.signal(sig, signal.SIG_DFL)
    try:
        yield
    finally:
        if ignored:
            signal.signal(sig, signal.SIG_IGN)


def test_the_suite_s_children_heed_ctrl_c_though_it_was_started_in_a_script_s_background():
    """Started by ``make test &`` from a script, the suite begins with Ctrl-C ignored; its tests that stop a run with
    Ctrl-C must still see that run stop (they waited forever), so no child of it inherits the ignoring."""
    child = subprocess.run(
        [sys.executable, "-c", "import signal; print(signal.getsignal(signal.SIGINT) is signal.default_int_handler)"],
        capture_output=True,
        text=True,
        check=True,
    )
    assert child.stdout.strip() == "True"


def _interrupted(
    dump: Dump,
    store: Path,
    options: tuple[str, ...],
    sig: signal.Signals,
    group: bool = False,
    kept: str = BATCHES_KEPT,
) -> int:
    """Run the load with standard input withheld and send ``sig`` once it reports a batch (one plain progress line
    per batch, stderr being a pipe); the exit code. With ``group``, the signal goes to the load's whole process
    group, as a terminal sends Ctrl-C and a batch system its SIGTERM, and no process of the group may outlive the
    load. Its last line must tell what it ``kept``."""
    env = {**os.environ, "PYTHONPATH": os.pathsep.join(filter(None, [str(ROOT), os.environ.get("PYTHONPATH")]))}
    command = [sys.executable, "-m", "graphkit", *dump.args(store, options)]
    with (
        _interruptible(sig),
        subprocess.Popen(
            command,
            stdin=subprocess.PIPE,  # held open and empty: the rest of the input never comes
            stderr=subprocess.PIPE,
            stdout=subprocess.DEVNULL,
            text=True,
            env=env,
            start_new_session=group,
        ) as proc,
    ):
        assert proc.stderr is not None
        if not select.select([proc.stderr], [], [], FIRST_BATCH_TIMEOUT)[0]:
            proc.kill()
            pytest.fail("no batch committed before the load waited for standard input: enlarge the first part")
        first = proc.stderr.readline()
        assert first.startswith("Loading: "), first + proc.stderr.read()
        if group:
            os.killpg(proc.pid, sig)
        else:
            proc.send_signal(sig)
        # every process of the load, workers too, holds its stderr open: the end of stderr is their exit
        with ThreadPoolExecutor(1) as reader:
            try:
                rest = reader.submit(proc.stderr.read).result(timeout=STOP_TIMEOUT).splitlines()
            except TimeoutError:
                if group:
                    os.killpg(proc.pid, signal.SIGKILL)
                else:
                    proc.kill()
                pytest.fail(f"a process of the load outlived {sig.name} by {STOP_TIMEOUT} s")
        return_code = proc.wait(timeout=STOP_TIMEOUT)
    if sig != signal.SIGKILL:
        # batches committed before the signal landed report themselves; then exactly the one line
        said = f"{'Interrupted' if sig == signal.SIGINT else f'Stopped by {sig.name}'}: {kept}."
        assert rest[-1:] == [said] and all(line.startswith("Loading: ") for line in rest[:-1]), rest
    if group:
        with pytest.raises(ProcessLookupError):
            os.killpg(proc.pid, 0)
    return return_code


def _resumes(dump: Dump, store: Path, options: tuple[str, ...], expected: tuple, killed: bool = False) -> None:
    """Some comments and not all were committed (none perhaps when ``killed``: a store holding posts is written
    to its file once a load has copied a share of its page cache, or when it closes); the same command, given
    the whole input, stores what one clean load does."""
    held = _stored(store)[0]["Comment"]
    assert (0 if killed else 1) <= held < dump.comments
    printed = _load(dump, store, options)
    present = re.search(r"(\d+) nodes created, (\d+) already present", printed)
    assert present
    if held:  # the re-run found the committed batches: their posts skipped, or their nodes (a batch's writers) present
        assert "posts already stored, skipped" in printed or int(present.group(2)) > 0
    assert _stored(store) == expected


@pytest.mark.parametrize(
    ("case", "sig"),
    [
        ("structure", signal.SIGKILL),
        ("structure", signal.SIGINT),
        ("structure", signal.SIGTERM),
        ("entities", signal.SIGKILL),
    ],
    ids=["structure-kill-9", "structure-ctrl-c", "structure-term", "entities-kill-9"],
)
def test_rerun_after_interruption_converges_to_one_clean_load(clean, tmp_path, case, sig):
    dump, expected = clean(case)
    options = CASES[case].options
    store = tmp_path / "resumed.lbug"
    _seed(dump, store, options)
    code = _interrupted(dump, store, options, sig)
    assert code == (-signal.SIGKILL if sig == signal.SIGKILL else 128 + sig)
    _resumes(dump, store, options, expected, killed=sig == signal.SIGKILL)
    if case == "entities":
        assert any(attrs["label"] == "Person" for attrs in expected[1].values())


# The load as ``python -m graphkit`` runs it, but the first statement the store prepares once a batch's progress line
# is out sends the process Ctrl-C just before the engine builds it: the signal lands where it once left a statement
# half built, whose clean-up as the process ended printed "Exception ignored in PreparedStatement.__del__".
_CTRL_C_AS_PREPARED = """
import os, signal, sys
from ladybug import prepared_statement
from graphkit import cli
build, tell = prepared_statement.PreparedStatement.__init__, cli._Progress.__call__
told = []

def built(statement, *args, **kwargs):
    if told:
        os.kill(os.getpid(), signal.SIGINT)
    build(statement, *args, **kwargs)

def progress(self, summary):
    tell(self, summary)
    told.append(summary.posts)

prepared_statement.PreparedStatement.__init__, cli._Progress.__call__ = built, progress
sys.argv[0] = "graphkit"
cli.main()
"""


def _interrupted_as(clean, store: Path, script: str, *args: str, seeded: bool = True) -> None:
    """The load of the structure case, run by ``script`` with the whole input (it goes on to the next batch, and
    would end on its own if not stopped), ends with the one line after a Ctrl-C and exit code 130; run again, it
    stores what one clean load does. Unless ``seeded``, into a new store, which it leaves empty."""
    dump, expected = clean("structure", seeded)
    options = CASES["structure"].options
    if seeded:
        _seed(dump, store, options)
    env = {**os.environ, "PYTHONPATH": os.pathsep.join(filter(None, [str(ROOT), os.environ.get("PYTHONPATH")]))}
    with _interruptible(signal.SIGINT):
        stopped = subprocess.run(
            [sys.executable, "-c", script, *args, *dump.args(store, options)],
            input=dump.rest,
            capture_output=True,
            env=env,
            timeout=FIRST_BATCH_TIMEOUT,
        )
    said = stopped.stderr.decode().splitlines()
    assert stopped.returncode == 128 + signal.SIGINT, said
    kept = BATCHES_KEPT if seeded else NEW_STORE_EMPTY
    assert said[-1:] == [f"Interrupted: {kept}."] and all(line.startswith("Loading: ") for line in said[:-1])
    if seeded:
        _resumes(dump, store, options, expected)
        return
    assert _stored(store)[0]["Comment"] == 0 and not os.path.exists(f"{store}.bulk")
    _load(dump, store, options)
    assert _stored(store) == expected


def test_ctrl_c_as_the_store_prepares_a_statement_ends_with_the_one_line_and_a_rerun_converges(clean, tmp_path):
    _interrupted_as(clean, tmp_path / "resumed.lbug", _CTRL_C_AS_PREPARED)


# The load as ``python -m graphkit`` runs it, but once a batch's progress line is out, the engine's Python binding sends
# the process Ctrl-C from inside its next call, at a point of its own code (``sys.argv[1]``): "counted", just after it
# counts the call as running (raised there, the count stayed up and closing the store waited for that call for ever);
# "handler", as it looks at the SIGINT handler before a statement (raised there, it printed the KeyboardInterrupt as
# ignored and the load went on).
_CTRL_C_IN_THE_BINDING = """
import os, signal, sys
from ladybug import connection
from graphkit import cli
point = sys.argv.pop(1)
stack, getsignal, tell = connection._active_stack, signal.getsignal, cli._Progress.__call__
told, sent = [], []

def ctrl_c(here):
    if here and told and not sent:
        sent.append(here)
        os.kill(os.getpid(), signal.SIGINT)

def counted():
    ctrl_c(point == "counted" and sys._getframe(1).f_code.co_name == "wrapper")
    return stack()

def handler(signum):
    ctrl_c(point == "handler" and sys._getframe(1).f_globals["__name__"] == "ladybug.connection")
    return getsignal(signum)

def progress(self, summary):
    tell(self, summary)
    told.append(summary.posts)

connection._active_stack, signal.getsignal, cli._Progress.__call__ = counted, handler, progress
sys.argv[0] = "graphkit"
cli.main()
"""


@pytest.mark.parametrize("point", ["counted", "handler"])
def test_ctrl_c_inside_the_engine_binding_ends_the_load_with_the_one_line_and_a_rerun_converges(clean, tmp_path, point):
    _interrupted_as(clean, tmp_path / "resumed.lbug", _CTRL_C_IN_THE_BINDING, point)


# The load as ``python -m graphkit`` runs it, but once a batch's progress line is out, the store's next COPY goes
# through a function of the test's own (its rows as they are, each passed to it), which sends the process Ctrl-C at its
# first row and goes on only once the engine was asked to stop: the ask comes while the COPY runs, as in a long COPY.
# The load ends as an interrupted one, its COPY failed as interrupted. Not asked (the Ctrl-C held until the COPY's end,
# as before), or the COPY not cut short, the process ends with exit code 3.
_CTRL_C_IN_A_COPY = """
import atexit, os, re, signal, sys, threading
from ladybug import connection
from graphkit import cli
run, interrupt = connection.Connection._execute_with_pybind, connection.Connection.interrupt
tell = cli._Progress.__call__
told, sent, cut, asked = [], [], [], threading.Event()

def ctrl_c(_row):
    if not sent:
        sent.append(1)
        os.kill(os.getpid(), signal.SIGINT)
        asked.wait(60)
    return True

def execute(conn, query, parameters):
    copy = re.fullmatch(r"COPY (\\w+) FROM \\$(\\w+)(.*)", query, re.S)
    if told and not sent and copy:
        table, rows, options = copy.groups()
        first = parameters[rows].column_names[0]
        conn.create_function("ctrl_c", ctrl_c, ["STRING"], "BOOL")
        query = f"COPY {table} FROM (LOAD FROM ${rows} WHERE ctrl_c(CAST(`{first}` AS STRING)) RETURN *){options}"
    try:
        return run(conn, query, parameters)
    except RuntimeError as failed:
        if str(failed) == "Interrupted.":
            cut.append(query)
        raise

def ask(conn):
    interrupt(conn)
    asked.set()

def progress(self, summary):
    tell(self, summary)
    told.append(summary.posts)

atexit.register(lambda: cut or os._exit(3))
connection.Connection._execute_with_pybind, connection.Connection.interrupt = execute, ask
cli._Progress.__call__ = progress
sys.argv[0] = "graphkit"
cli.main()
"""


@pytest.mark.parametrize("seeded", [True, False], ids=["batch-by-batch", "new-store"])
def test_ctrl_c_in_a_copy_of_the_load_asks_the_engine_to_stop_and_the_load_ends_as_interrupted(clean, tmp_path, seeded):
    _interrupted_as(clean, tmp_path / "resumed.lbug", _CTRL_C_IN_A_COPY, seeded=seeded)


@pytest.mark.parametrize("sig", [signal.SIGINT, signal.SIGTERM, signal.SIGHUP], ids=["ctrl-c", "term", "hangup"])
def test_a_stop_sent_to_the_process_group_stops_the_model_workers_and_a_rerun_converges(clean, tmp_path, sig):
    """Ctrl-C at a terminal, a batch system's or service manager's SIGTERM and a closed terminal's SIGHUP reach the
    model's worker processes too; the load still ends with its one line and leaves none of them behind. Resumed
    with workers, it stores what one in-process load does."""
    dump, expected = clean("entities")
    options = ("--workers", "2", *CASES["entities"].options[2:])
    store = tmp_path / "resumed.lbug"
    _seed(dump, store, options)
    assert _interrupted(dump, store, options, sig, group=True) == 128 + sig
    _resumes(dump, store, options, expected)


@pytest.mark.parametrize("sig", [signal.SIGKILL, signal.SIGINT, signal.SIGTERM], ids=["kill-9", "ctrl-c", "term"])
def test_an_interrupted_load_into_a_new_store_leaves_it_empty_and_a_rerun_stores_one_clean_load(clean, tmp_path, sig):
    """Loaded in one go at the end of its input, a new store holds nothing after an interruption (a batch-by-batch
    load kept its first batches), and a stop leaves none of the spilled rows beside it (kill -9 cannot: the next load
    of the store removes them). The same command then stores what one clean load does."""
    dump, expected = clean("structure", seeded=False)
    options = CASES["structure"].options
    store = tmp_path / "new.lbug"
    code = _interrupted(dump, store, options, sig, kept=NEW_STORE_EMPTY)
    assert code == (-signal.SIGKILL if sig == signal.SIGKILL else 128 + sig)
    assert _stored(store)[0]["Comment"] == 0
    assert os.path.exists(f"{store}.bulk") == (sig == signal.SIGKILL)
    _load(dump, store, options)
    assert not os.path.exists(f"{store}.bulk")
    assert _stored(store) == expected


def test_a_load_run_under_nohup_goes_on_when_its_terminal_closes(clean, tmp_path):
    """``nohup`` leaves SIGHUP ignored: the hang-up a closed terminal sends after the first batch is not a stop,
    and the load, given the rest of its input, stores what one clean load does."""
    dump, expected = clean("structure", seeded=False)
    store = tmp_path / "nohup.lbug"
    env = {**os.environ, "PYTHONPATH": os.pathsep.join(filter(None, [str(ROOT), os.environ.get("PYTHONPATH")]))}
    command = [sys.executable, "-m", "graphkit", *dump.args(store, CASES["structure"].options)]
    with subprocess.Popen(
        command,
        stdin=subprocess.PIPE,
        stderr=subprocess.PIPE,
        stdout=subprocess.DEVNULL,
        env=env,
        preexec_fn=lambda: signal.signal(signal.SIGHUP, signal.SIG_IGN),  # as nohup starts it
    ) as proc:
        assert proc.stdin is not None and proc.stderr is not None
        first = proc.stderr.readline().decode()
        assert first.startswith("Loading: "), first
        proc.send_signal(signal.SIGHUP)
        proc.stdin.write(dump.rest)
        proc.stdin.close()
        said = proc.stderr.read().decode()
        assert proc.wait(timeout=60) == 0, said
    assert _stored(store) == expected
