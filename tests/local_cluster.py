"""A Dask LocalCluster of two worker processes (one thread each, on 127.0.0.1) for the cluster tests."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest
from distributed import Client, LocalCluster

from graphkit import cluster

ROOT = Path(__file__).resolve().parent.parent


@contextmanager
def local_client() -> Iterator[Client]:
    with pytest.MonkeyPatch.context() as patch:
        # spawned workers import this checkout's graphkit, as the tests do
        patch.setenv("PYTHONPATH", os.pathsep.join(filter(None, [str(ROOT), os.environ.get("PYTHONPATH")])))
        with (
            # no dashboard; the scheduler's own HTTP routes on a free port, not 8787 (another module's cluster
            # may hold it at the same time)
            LocalCluster(
                n_workers=2,
                threads_per_worker=1,
                processes=True,
                host="127.0.0.1",
                dashboard_address=None,
                scheduler_kwargs={"dashboard_address": "127.0.0.1:0"},
            ) as local,
            Client(local) as client,
        ):
            yield client


@contextmanager
def first_worker_killed_at(client: Client, step: str) -> Iterator[list[int]]:
    """The first worker to announce ``step`` dies at once (SIGKILL, as a lost machine); yields the pids killed."""
    killed: list[int] = []

    def kill(event: tuple) -> None:
        _, started = event
        if started["step"] == step and not killed:
            killed.append(started["pid"])
            os.kill(started["pid"], signal.SIGKILL)

    client.subscribe_topic(cluster.STARTED, kill)
    try:
        yield killed
    finally:
        client.unsubscribe_topic(cluster.STARTED)


# ``python -c STOPPED_AT STEP SIGNAL ARGS...``: ``graphkit ARGS`` (a run on a ``--cluster local:N`` of its own), sent
# SIGNAL by itself once a worker starts STEP (``cluster.STARTED``). That step is held in its worker until the worker
# closes: under way as the run's cluster closes, as a long step is. A worker's closing is told by graphkit's own
# (``cluster._CLOSING``) or else as Dask's cancels what it awaits (``BaseWorker.close``).
STOPPED_AT = """
import contextlib, os, signal, sys
from graphkit import cluster
from graphkit.cli import main

step, signum = sys.argv[1], int(sys.argv[2])
del sys.argv[1:3]
connect = cluster.connect


def hold(dask_worker):  # in each worker
    import threading
    from distributed.worker_state_machine import BaseWorker
    from graphkit import cluster

    closing, worker, cancel = getattr(cluster, "_CLOSING", threading.Event()), dask_worker, BaseWorker.close
    log_event = worker.log_event

    async def cancelling(self, *args, **kwargs):
        closing.set()
        return await cancel(self, *args, **kwargs)

    def held(topic, msg):
        log_event(topic, msg)
        if topic == cluster.STARTED and msg["step"] == step:
            closing.wait()

    BaseWorker.close, worker.log_event = cancelling, held


@contextlib.contextmanager
def signalled(spec):
    with connect(spec) as client:
        client.run(hold)
        sent = []

        def started(event):
            if event[1]["step"] == step and not sent:
                sent.append(os.kill(os.getpid(), signum))

        client.subscribe_topic(cluster.STARTED, started)
        yield client


cluster.connect = signalled
main()
"""


def said_alone(err: str, signum: int) -> None:
    """Besides the dashboard's address and the steps' bars, a stopped run's stderr is the one line saying so."""
    said = "Interrupted" if signum == signal.SIGINT else f"Stopped by {signal.Signals(signum).name}"
    lines = [line for line in err.strip().splitlines() if not line.startswith(("Dask dashboard: ", "Cluster "))]
    assert len(lines) == 1 and lines[0].startswith(f"{said}: "), err


@contextmanager
def remote_cluster(work: Path, threads: int = 1) -> Iterator[Client]:
    """A scheduler and one worker (of ``threads`` threads) started as processes of their own on 127.0.0.1, as a
    cluster that graphkit does not start (``--cluster ADDRESS``); yields the test's own client of it."""
    file = work / "scheduler.json"
    quiet = {"env": {**os.environ, "PYTHONPATH": str(ROOT)}, "stdout": subprocess.DEVNULL, "stderr": subprocess.DEVNULL}
    shared = ["--scheduler-file", str(file), "--no-dashboard"]
    processes = [
        subprocess.Popen(
            [sys.executable, "-m", "distributed.cli.dask_scheduler", "--host", "127.0.0.1", "--port", "0", *shared],
            **quiet,
        )
    ]
    try:
        worker = [sys.executable, "-m", "distributed.cli.dask_worker", "--nthreads", str(threads), "--no-nanny"]
        processes.append(subprocess.Popen([*worker, "--host", "127.0.0.1", *shared], **quiet))
        with Client(scheduler_file=str(file), timeout=120) as client:
            client.wait_for_workers(1, timeout=120)
            yield client
    finally:
        for process in reversed(processes):
            process.kill()
            process.wait()


HELD = "graphkit-test-held"  # topic: the held step waits (its note)
ENDED = "graphkit-test-ended"  # topic: how the held step ended ("returned", or the exception it ended with)
# seconds the test waits for the held step's events at the most (they come as soon as the run gets there: a bound for a
# machine loaded many times its cores, not a pause)
PATIENCE = 300


class Held:
    """What a test sees of the step ``held_until_dropped`` holds."""

    def __init__(self) -> None:
        self.note: list[str] = []
        self.how: list[str] = []
        self.waits, self.ended = threading.Event(), threading.Event()

    def held(self) -> str:
        """The held step's note, once it waits."""
        assert self.waits.wait(PATIENCE), "no step was held"
        return self.note[0]

    def end(self) -> str:
        """How the held step ended, once it has."""
        assert self.ended.wait(PATIENCE), "the held step did not end"
        return self.how[0]


@contextmanager
def held_until_dropped(
    client: Client, install: Callable[[Callable[[str], None]], Callable[[], None]]
) -> Iterator[Held]:
    """Within: on every worker, ``install(wait)`` patches a point of a step to call ``wait(note)`` and returns what
    undoes it; the first step to call it waits there until the scheduler drops its task (its worker's state takes it
    out of "executing", as when the run's client stops or goes), as a long step is still under way then, and then
    goes on; yields what the test sees of it (``Held``)."""
    seen = Held()

    def held(event: tuple) -> None:
        seen.note.append(event[1])
        seen.waits.set()

    def ended(event: tuple) -> None:
        seen.how.append(event[1])
        seen.ended.set()

    async def hold(dask_worker) -> None:  # in each worker
        import threading

        from distributed.diagnostics.plugin import WorkerPlugin

        from graphkit import cluster

        dropped, keys, step = threading.Event(), [], cluster._step

        def wait(note: str) -> None:
            if not keys:
                keys.append(dask_worker.get_current_task())
                dask_worker.log_event(HELD, note)
                dropped.wait(PATIENCE)

        def stepped(*args):
            key = dask_worker.get_current_task()
            try:
                result = step(*args)
            except BaseException as exc:
                if key in keys:
                    dask_worker.log_event(ENDED, exc.__class__.__name__)
                raise
            if key in keys:
                dask_worker.log_event(ENDED, "returned")
            return result

        class Dropped(WorkerPlugin):
            def transition(self, key, start, finish, **kwargs) -> None:
                if key in keys and start == "executing":
                    dropped.set()

        undo = install(wait)

        def release() -> None:
            undo()
            cluster._step = step
            dropped.set()

        stepped.release = release
        cluster._step = stepped
        await dask_worker.plugin_add(Dropped(), name=HELD)

    async def release(dask_worker) -> None:
        from graphkit import cluster

        cluster._step.release()
        await dask_worker.plugin_remove(HELD)

    client.subscribe_topic(HELD, held)
    client.subscribe_topic(ENDED, ended)
    client.run(hold)
    try:
        yield seen
    finally:
        client.run(release)
        client.unsubscribe_topic(HELD)
        client.unsubscribe_topic(ENDED)
