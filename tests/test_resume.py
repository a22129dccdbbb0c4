"""An interrupted load, run again with the same command, ends with exactly the graph of one clean run.

The load runs as a real process on a synthetic Reddit dump and is stopped (kill -9, or Ctrl-C)
right after it reports its first committed batch; the re-run must recover the store and
converge, node for node and edge for edge, also with entities (whose ids must not depend on
where the interrupted run stopped).
"""

from __future__ import annotations

import os
import re
import signal
import subprocess
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest
from click.testing import CliRunner

from bench.synthetic import write_reddit_dump
from graphkit.cli import main
from graphkit.store import open_store

ROOT = Path(__file__).resolve().parent.parent
CASES = {  # name: (comments, load options); small batches, so that the load stops after a few
    "structure": (1000, ["--no-entities", "--batch-size", "150"]),
    "entities": (400, ["--workers", "1", "--batch-size", "80"]),
}


def _load_args(dump: Path, store: Path, options: list[str]) -> list[str]:
    return ["load", str(dump), "--store", str(store), *options]


def _stored(store: Path) -> tuple[dict[str, int], dict, set]:
    """Counts (as ``graphkit stats`` shows them), nodes with their properties, and edge ids: the
    counts catch a relationship stored twice, which the edge-id set would not."""
    with open_store("ladybug", path=str(store), read_only=True) as db:
        counts, graph = db.counts(), db.fetch_graph()
    return counts, dict(graph.nodes(data=True)), {(a, b, k) for a, b, k in graph.edges(keys=True)}


@pytest.fixture(scope="module")
def clean(tmp_path_factory):
    """clean(case) -> (dump, what one uninterrupted load stores), computed once per case."""
    done: dict[str, tuple[Path, tuple]] = {}

    def run(case: str) -> tuple[Path, tuple]:
        if case not in done:
            comments, options = CASES[case]
            folder = tmp_path_factory.mktemp(case)
            dump = folder / "dump.ndjson"
            write_reddit_dump(dump, comments, seed=3)
            store = folder / "clean.lbug"
            result = CliRunner().invoke(main, _load_args(dump, store, options), catch_exceptions=False)
            assert result.exit_code == 0, result.output
            done[case] = dump, _stored(store)
        return done[case]

    return run


@contextmanager
def _interruptible() -> Iterator[None]:
    """A child inherits an ignored SIGINT, as the tests do when started in the background by a
    script (``make test &``): the load would never see the Ctrl-C. Its default is restored meanwhile."""
    ignored = signal.getsignal(signal.SIGINT) == signal.SIG_IGN
    if ignored:
        signal.signal(signal.SIGINT, signal.default_int_handler)
    try:
        yield
    finally:
        if ignored:
            signal.signal(signal.SIGINT, signal.SIG_IGN)


def _interrupted(dump: Path, store: Path, options: list[str], sig: signal.Signals, group: bool = False) -> int:
    """Run the load and send ``sig`` once it reports its first committed batch; the exit code. With
    ``group``, the signal goes to the load's whole process group, as a terminal sends Ctrl-C, and no
    process of the group may outlive the load."""
    env = {**os.environ, "PYTHONPATH": os.pathsep.join(filter(None, [str(ROOT), os.environ.get("PYTHONPATH")]))}
    command = [sys.executable, "-m", "graphkit", *_load_args(dump, store, options)]
    with (
        _interruptible(),
        subprocess.Popen(
            command, stderr=subprocess.PIPE, stdout=subprocess.DEVNULL, text=True, env=env, start_new_session=group
        ) as proc,
    ):
        assert proc.stderr is not None
        first = proc.stderr.readline()  # stderr is a pipe, so one progress line per committed batch
        assert first.startswith("Loading: "), first
        if group:
            os.killpg(proc.pid, sig)
        else:
            proc.send_signal(sig)
        rest = proc.stderr.read()
        return_code = proc.wait(timeout=60)
    if sig == signal.SIGINT:
        assert rest.splitlines() == [
            "Interrupted: every committed batch is kept; run the same command again to resume."
        ]
    if group:
        with pytest.raises(ProcessLookupError):
            os.killpg(proc.pid, 0)
    return return_code


@pytest.mark.parametrize(
    ("case", "sig"),
    [("structure", signal.SIGKILL), ("structure", signal.SIGINT), ("entities", signal.SIGKILL)],
    ids=["structure-kill-9", "structure-ctrl-c", "entities-kill-9"],
)
def test_rerun_after_interruption_converges_to_one_clean_load(clean, tmp_path, case, sig):
    dump, (counts, nodes, edges) = clean(case)
    comments, options = CASES[case]
    store = tmp_path / "resumed.lbug"
    code = _interrupted(dump, store, options, sig)
    assert code == (-signal.SIGKILL if sig == signal.SIGKILL else 130)
    # it stopped in the middle: some batches committed, not all
    assert 0 < _stored(store)[0]["Comment"] < comments
    result = CliRunner().invoke(main, _load_args(dump, store, options), catch_exceptions=False)
    assert result.exit_code == 0, result.output
    present = re.search(r"(\d+) nodes created, (\d+) already present", result.stdout)
    assert present and int(present.group(2)) > 0  # the re-run found the committed batches
    assert _stored(store) == (counts, nodes, edges)
    if case == "entities":
        assert any(attrs["label"] == "Person" for attrs in nodes.values())


def test_ctrl_c_stops_the_model_workers_and_a_rerun_with_them_converges_to_one_clean_load(clean, tmp_path):
    """Ctrl-C at a terminal reaches the model's worker processes too; the load still ends with its one
    line and leaves none of them behind. Resumed with workers, it stores what one in-process load does."""
    dump, expected = clean("entities")
    options = ["--workers", "2", "--batch-size", CASES["entities"][1][-1]]
    store = tmp_path / "resumed.lbug"
    assert _interrupted(dump, store, options, signal.SIGINT, group=True) == 130
    assert 0 < _stored(store)[0]["Comment"] < CASES["entities"][0]
    result = CliRunner().invoke(main, _load_args(dump, store, options), catch_exceptions=False)
    assert result.exit_code == 0, result.output
    assert _stored(store) == expected
