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
