"""Stop signals an engine call holds back (``deferred``) reach their handlers as it ends, however it ends."""

from __future__ import annotations

import os
import signal
import threading
from collections.abc import Iterator

import pytest

from graphkit import held_signals
from graphkit.held_signals import deferred


@pytest.fixture
def catcher() -> Iterator[None]:
    """A thread that blocks no signal, as pyarrow's: it catches what the main thread holds back. The handlers of
    the signals the tests send are set back after each."""
    sigs = (signal.SIGINT, signal.SIGHUP, signal.SIGUSR1, signal.SIGUSR2)
    before = {sig: signal.getsignal(sig) for sig in sigs}
    done = threading.Event()
    thread = threading.Thread(target=done.wait, daemon=True)
    thread.start()
    yield
    done.set()
    thread.join()
    for sig, handler in before.items():
        signal.signal(sig, handler)


def _send_and_wait(sig: int, noted: int) -> None:
    """Send ``sig`` to the process, then wait until the ``deferred`` under way has noted ``noted`` signals. The
    pending handler runs as signals are checked, which the mask call does (3.11 may not at the next bytecode)."""
    os.kill(os.getpid(), sig)
    while len(held_signals._noted[-1]) < noted:
        signal.pthread_sigmask(signal.SIG_BLOCK, ())


def test_a_signal_noted_during_a_call_that_fails_is_raised_with_the_failure_as_its_context(catcher):
    signal.signal(signal.SIGINT, signal.default_int_handler)
    with pytest.raises(KeyboardInterrupt) as stopped, deferred([signal.SIGINT, signal.SIGHUP]):
        _send_and_wait(signal.SIGINT, 1)
        raise RuntimeError("the engine call failed")
    assert isinstance(stopped.value.__context__, RuntimeError)
