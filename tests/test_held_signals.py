"""Stop signals an engine call holds back (``deferred``) reach their handlers as it ends, each one, however it ends."""

from __future__ import annotations

import contextlib
import os
import signal
import subprocess
import sys
import threading
from collections.abc import Iterator

import pytest

from graphkit import held_signals
from graphkit.held_signals import deferred

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


class Stopped(Exception):
    """What the test's own handler raises."""


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


def test_each_signal_noted_goes_once_to_its_handler_in_the_order_they_came(catcher):
    came: list[int] = []

    def tell(signum: int, _frame: object) -> None:
        came.append(signum)

    def stop(signum: int, _frame: object) -> None:
        came.append(signum)
        raise Stopped(signum)

    signal.signal(signal.SIGUSR1, tell)
    signal.signal(signal.SIGUSR2, stop)
    signal.signal(signal.SIGINT, tell)
    with pytest.raises(Stopped), deferred([signal.SIGINT, signal.SIGUSR1, signal.SIGUSR2]):
        _send_and_wait(signal.SIGUSR2, 1)
        _send_and_wait(signal.SIGINT, 2)
        _send_and_wait(signal.SIGUSR2, 3)
        _send_and_wait(signal.SIGUSR1, 4)
    assert came == [signal.SIGUSR2, signal.SIGINT, signal.SIGUSR1]


def test_an_ignored_signal_is_left_ignored_and_a_later_stop_still_comes(catcher):
    """As under nohup: the hang-up a closed terminal sends is ignored, and a SIGTERM after it in the same call
    still stops the run (here SIGUSR2 plays the SIGTERM, whose handler raises)."""

    def stop(signum: int, _frame: object) -> None:
        raise Stopped(signum)

    signal.signal(signal.SIGHUP, signal.SIG_IGN)
    signal.signal(signal.SIGUSR2, stop)
    with pytest.raises(Stopped), deferred([signal.SIGHUP, signal.SIGUSR2]):
        assert signal.getsignal(signal.SIGHUP) is signal.SIG_IGN
        os.kill(os.getpid(), signal.SIGHUP)
        _send_and_wait(signal.SIGUSR2, 1)
    assert signal.getsignal(signal.SIGHUP) is signal.SIG_IGN


_CTRL_C_THEN_TERM = """
import os, signal, sys, threading
from graphkit import held_signals
from graphkit.held_signals import deferred
threading.Thread(target=threading.Event().wait, daemon=True).start()

def send_and_wait(sig, noted):
    os.kill(os.getpid(), sig)
    while len(held_signals._noted[-1]) < noted:
        signal.pthread_sigmask(signal.SIG_BLOCK, ())

try:
    with deferred([signal.SIGINT, signal.SIGTERM]):
        send_and_wait(signal.SIGINT, 1)
        send_and_wait(signal.SIGTERM, 2)
except KeyboardInterrupt:
    print("interrupted")
"""


def test_ctrl_c_then_a_default_sigterm_in_one_call_ends_the_process_by_the_sigterm(tmp_path):
    env = {**os.environ, "PYTHONPATH": os.pathsep.join(filter(None, [ROOT, os.environ.get("PYTHONPATH")]))}
    ran = subprocess.run(
        [sys.executable, "-c", _CTRL_C_THEN_TERM], capture_output=True, env=env, timeout=60, cwd=tmp_path
    )
    assert ran.returncode == -signal.SIGTERM, ran.stderr.decode()


# How long a test waits for the held block to be asked to stop: only a guard against an ask that never comes. Whether
# it came is asserted after the block: an AssertionError inside it would be the context of the stop raised as it ends.
ASK_TIMEOUT = 60


def test_a_stop_that_ends_the_run_asks_the_held_block_to_stop_as_it_comes_and_again_until_it_ends(catcher):
    """The main thread waits in C code (as in the engine's call), where no Python handler runs: a thread of its own
    asks the block to stop as the Ctrl-C comes, and asks again (the engine drops an interrupt that comes too early)."""
    signal.signal(signal.SIGINT, signal.default_int_handler)
    asked = [threading.Event(), threading.Event()]

    def stop() -> None:
        asked[1 if asked[0].is_set() else 0].set()

    with pytest.raises(KeyboardInterrupt), deferred([signal.SIGINT], stop=stop):
        os.kill(os.getpid(), signal.SIGINT)
        came = asked[0].wait(ASK_TIMEOUT) and asked[1].wait(ASK_TIMEOUT)
    assert came


def test_a_handler_marked_as_ending_the_run_is_asked_for_and_ctrl_c_twice_is_one_stop(catcher):
    """A stop handler of the run's own (``ends_run``) is asked for as Python's is, and two Ctrl-C are one stop."""
    came: list[int] = []
    asked = threading.Event()

    @held_signals.ends_run
    def stop(signum: int, _frame: object) -> None:
        came.append(signum)
        raise Stopped(signum)

    signal.signal(signal.SIGINT, stop)
    with pytest.raises(Stopped), deferred([signal.SIGINT], stop=asked.set):
        os.kill(os.getpid(), signal.SIGINT)
        was_asked = asked.wait(ASK_TIMEOUT)
        _send_and_wait(signal.SIGINT, 2)
    assert was_asked and came == [signal.SIGINT]


def test_a_signal_whose_handler_goes_on_asks_nothing(catcher, monkeypatch):
    """A handler that lets the run go on (a progress report on SIGUSR1) does not have the call cut short, though the
    call is watched for a Ctrl-C: once the thread has read the SIGUSR1's byte and is done with it, nothing was asked."""
    signal.signal(signal.SIGINT, signal.default_int_handler)
    signal.signal(signal.SIGUSR1, lambda _signum, _frame: None)
    asked, read, drain = threading.Event(), threading.Event(), held_signals._Watcher._drain

    def drained() -> bytes:
        data = drain()
        if signal.SIGUSR1 in data:
            read.set()
        return data

    monkeypatch.setattr(held_signals._Watcher, "_drain", drained)
    with deferred([signal.SIGINT, signal.SIGUSR1], stop=asked.set):
        _send_and_wait(signal.SIGUSR1, 1)
        assert read.wait(ASK_TIMEOUT)
        with held_signals._Watcher.lock:  # what the thread does with the bytes it read is done under it
            assert not asked.is_set()


def test_a_ctrl_c_noted_before_the_call_is_watched_asks_it_to_stop(catcher, monkeypatch):
    """A Ctrl-C that comes once the handlers are swapped but before the wakeup descriptor is set writes no byte: it
    is noted all the same, and the call asked to stop."""
    signal.signal(signal.SIGINT, signal.default_int_handler)
    asked, ends = threading.Event(), held_signals._ends

    def ends_after_a_ctrl_c(handler: object) -> bool:
        if not held_signals._noted[-1]:
            _send_and_wait(signal.SIGINT, 1)
        return ends(handler)

    monkeypatch.setattr(held_signals, "_ends", ends_after_a_ctrl_c)
    with pytest.raises(KeyboardInterrupt), deferred([signal.SIGINT], stop=asked.set):
        came = asked.wait(ASK_TIMEOUT)
    assert came


class Fatal(BaseException):
    """What a stop callable raises past ``except Exception``."""


def test_a_stop_callable_that_raises_leaves_the_thread_to_ask_the_next_call(catcher):
    signal.signal(signal.SIGINT, signal.default_int_handler)
    asked = [threading.Event(), threading.Event()]

    def fails() -> None:
        asked[0].set()
        raise Fatal

    for stop, was_asked in ((fails, asked[0]), (asked[1].set, asked[1])):
        with pytest.raises(KeyboardInterrupt), deferred([signal.SIGINT], stop=stop):
            os.kill(os.getpid(), signal.SIGINT)
            came = was_asked.wait(ASK_TIMEOUT)
        assert came


def test_another_s_wakeup_descriptor_is_put_back_still_quiet_when_full(catcher, monkeypatch):
    """A library that reads its wakeup descriptor only to wake up sets it not to warn when full (Trio does): put
    back after a call, it still does not warn."""
    signal.signal(signal.SIGINT, signal.default_int_handler)
    signal.signal(signal.SIGUSR1, lambda _signum, _frame: None)
    warned: list[object] = []
    monkeypatch.setattr(sys, "unraisablehook", warned.append)
    read, write = os.pipe()
    os.set_blocking(write, False)
    with contextlib.suppress(BlockingIOError):
        while True:
            os.write(write, bytes(4096))
    before = signal.set_wakeup_fd(write, warn_on_full_buffer=False)
    try:
        with deferred([signal.SIGINT], stop=lambda: None):
            pass
        signal.raise_signal(signal.SIGUSR1)  # written to the full descriptor; a warning is due at the next call
        _called()
    finally:
        signal.set_wakeup_fd(before)
        os.close(read)
        os.close(write)
    assert warned == []


def _called() -> None:
    """Python runs the calls pending (a warning of the wakeup descriptor's) as a function starts."""


# A process forked after a call asked to stop (``sys.argv[1]`` "after") or within one ("within"): the child's call is
# asked to stop as the Ctrl-C sent to it comes (exit code 3: not asked).
_FORKED = """
import os, signal, sys, threading
from graphkit.held_signals import deferred
asked = threading.Event()

def child():
    os.kill(os.getpid(), signal.SIGINT)
    os._exit(0 if asked.wait({timeout}) else 3)

if sys.argv[1] == "after":
    with deferred([signal.SIGINT], stop=lambda: None):
        pass
    if not (pid := os.fork()):
        with deferred([signal.SIGINT], stop=asked.set):
            child()
else:
    with deferred([signal.SIGINT], stop=asked.set):
        if not (pid := os.fork()):
            child()
sys.exit(os.waitstatus_to_exitcode(os.waitpid(pid, 0)[1]))
"""


@pytest.mark.parametrize("forked", ["after", "within"])
def test_a_forked_process_s_calls_are_asked_to_stop_by_a_thread_of_its_own(tmp_path, forked):
    """The thread that asks stays in the parent, and the pipe it reads is shared: a forked child (a model's worker)
    starts its own."""
    env = {**os.environ, "PYTHONPATH": os.pathsep.join(filter(None, [ROOT, os.environ.get("PYTHONPATH")]))}
    script = _FORKED.format(timeout=ASK_TIMEOUT)
    ran = subprocess.run(
        [sys.executable, "-c", script, forked], capture_output=True, env=env, timeout=2 * ASK_TIMEOUT, cwd=tmp_path
    )
    assert ran.returncode == 0, ran.stderr.decode()
