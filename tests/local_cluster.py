"""A Dask LocalCluster of two worker processes (one thread each, on 127.0.0.1) for the cluster tests."""

from __future__ import annotations

import os
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest
from distributed import Client, LocalCluster

ROOT = Path(__file__).resolve().parent.parent


@contextmanager
def local_client() -> Iterator[Client]:
    with pytest.MonkeyPatch.context() as patch:
        # spawned workers import this checkout's graphkit, as the tests do
        patch.setenv("PYTHONPATH", os.pathsep.join(filter(None, [str(ROOT), os.environ.get("PYTHONPATH")])))
        with (
            LocalCluster(
                n_workers=2, threads_per_worker=1, processes=True, host="127.0.0.1", dashboard_address=None
            ) as local,
            Client(local) as client,
        ):
            yield client
