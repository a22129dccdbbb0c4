"""Waiting for child processes that someone else (a process pool's manager thread) reaps."""

from __future__ import annotations

import time
from multiprocessing.connection import wait
from multiprocessing.process import BaseProcess


def all_exited(processes: list[BaseProcess], timeout: float = 30) -> bool:
    """Whether every process ended within ``timeout`` seconds. Watches each process's sentinel,
    which closes when it ends: ``join``/``is_alive`` race with the pool's own reaping and can
    report a finished worker as alive."""
    deadline = time.monotonic() + timeout
    return all(wait([p.sentinel], max(0.0, deadline - time.monotonic())) for p in processes)
