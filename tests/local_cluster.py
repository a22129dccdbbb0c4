"""A Dask LocalCluster of two worker processes (one thread each, on 127.0.0.1) for the cluster tests."""

from __future__ import annotations

import os
import signal
from collections.abc import Iterator
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
