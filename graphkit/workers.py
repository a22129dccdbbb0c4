"""Worker processes forked from a run: how each starts and how the run stops them (the model's workers, the text
rules' worker of a load in columns)."""

from __future__ import annotations

import gc
import multiprocessing
import os
import signal
import threading
import time
from collections.abc import Callable
from concurrent.futures import Future, ProcessPoolExecutor
from typing import Any

from .held_signals import held

__all__ = ["pool", "start", "stop", "submit"]


def pool(workers: int, initializer: Callable[..., None] | None = None, *initargs: Any) -> ProcessPoolExecutor:
    """``workers`` processes forked from this one at the first ``submit`` (they share what it loaded), each started
    by ``start`` and then by ``initializer``."""
    context = multiprocessing.get_context("fork")
    return ProcessPoolExecutor(workers, context, initializer=_started, initargs=(os.getpid(), initializer, initargs))


def _started(parent: int, initializer: Callable[..., None] | None, initargs: tuple[Any, ...]) -> None:
    start(parent)
    if initializer is not None:
        initializer(*initargs)


def submit(workers: ProcessPoolExecutor, fn: Callable[..., Any], *args: Any) -> Future[Any]:
    """``workers.submit``, with Ctrl-C held back meanwhile: the workers fork at the first one and must not see it
    before they can ignore it (``start``)."""
    with held({signal.SIGINT}):
        return workers.submit(fn, *args)


def start(parent: int) -> None:
    """Ctrl-C reaches the whole process group, but stopping the workers is the parent's job; a stop signal
    (SIGTERM, SIGHUP not ignored) ends a worker at once, as the parent's ``terminate`` needs; and a
    worker whose parent was killed exits instead of waiting for work forever.

    What the worker inherits (the model, the rules' lists) lives as long as it does: it is left out of the garbage
    collector's full passes, each of which walked all of it (some 80 ms) a few times per run and copied the pages
    it touched from the parent."""
    gc.freeze()
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    for sig in (signal.SIGTERM, signal.SIGHUP):
        if callable(signal.getsignal(sig)):  # a Python handler waits for the main thread, which may wait in C code
            signal.signal(sig, signal.SIG_DFL)
    signal.pthread_sigmask(signal.SIG_UNBLOCK, {signal.SIGINT})
    threading.Thread(target=_exit_when_orphaned, args=(parent,), daemon=True).start()


def _exit_when_orphaned(parent: int) -> None:
    while os.getppid() == parent:
        time.sleep(1)
    os._exit(1)


def stop(workers: ProcessPoolExecutor, early: bool) -> None:
    """Shut the pool down and wait until its manager thread has ended, so that nothing of it is left
    for the interpreter's exit: in Python 3.11, ``shutdown(wait=False)`` lets the exit hook wake the
    manager thread through a pipe that thread may be closing at that moment ("Exception ignored ...
    Bad file descriptor" after Ctrl-C). Stopped early (closed, or an error), nobody wants the work
    under way: the workers are terminated first, so the wait is for their exit, not their work.
    """
    if early:
        # ``_processes`` is what Python 3.14's ``terminate_workers`` terminates; 3.11 has no public way
        for process in list((workers._processes or {}).values()):
            process.terminate()
    workers.shutdown(wait=True, cancel_futures=True)
