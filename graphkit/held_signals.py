"""Signals held back while code runs that their handlers must not cut short, and let in right after it."""

from __future__ import annotations

import contextlib
import os
import select
import signal
import threading
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from typing import Any, TypeVar

__all__ = ["deferred", "ends_run", "held"]

# The signals each ``deferred`` under way noted, innermost last (the main thread's: only it runs handlers), and those
# among its signals whose handlers end the run (``ends_run``)
_noted: list[list[int]] = []
_ending: list[set[int]] = []
# How often a call asked to stop is asked again until it returns: the engine drops an interrupt that comes while it
# still plans a statement, as it starts running it (its binding's own close repeats its interrupt as often).
ASK_AGAIN = 0.05
H = TypeVar("H", bound=Callable[..., Any])


def ends_run(handler: H) -> H:
    """Mark ``handler`` as one that ends the run a signal interrupts (it raises, or ends the process), as Python's
    handler of Ctrl-C and the system's default do: a ``deferred`` call then asks the code within to stop as that
    signal comes, not only once it is over."""
    handler.ends_run = True  # type: ignore[attr-defined]
    return handler


def _ends(handler: Any) -> bool:
    return handler is signal.default_int_handler or handler == signal.SIG_DFL or getattr(handler, "ends_run", False)


@contextmanager
def held(signals: Iterable[signal.Signals]) -> Iterator[None]:
    """Within, ``signals`` sent to this thread wait in the kernel; one sent meanwhile is handled as the block ends,
    where Python runs its handler (a KeyboardInterrupt raised there comes after the code, not inside it). The mask
    is read before it changes: a handler the change itself runs (a signal caught a moment before) then leaves the
    mask as it was, not blocked for good."""
    before = signal.pthread_sigmask(signal.SIG_BLOCK, ())
    try:
        signal.pthread_sigmask(signal.SIG_BLOCK, signals)
        yield
    finally:
        signal.pthread_sigmask(signal.SIG_SETMASK, before)


@contextmanager
def deferred(signals: Iterable[signal.Signals], stop: Callable[[], None] | None = None) -> Iterator[None]:
    """``held``, in the main thread, and more: a process's signal goes to a thread that does not block it (pyarrow
    starts one as it is imported, a model's libraries others), and that thread's catching it runs the Python handler
    in the main thread wherever that is. So each handler is swapped for one that only notes the signal, and as the
    block ends, however it ends, each signal noted goes once, in the order they came, to the handler it replaced (the
    default one too, which then ends the process as it would have; an exception the block raised becomes the
    context of the handler's). An ignoring handler, or one set by C code, is left as it is: nothing is noted for it.
    Within a ``deferred``, the same.

    The main thread may be in C code meanwhile, where no Python handler runs; so with ``stop``, a thread of its own
    calls ``stop`` as soon as a signal comes whose handler ends the run (``ends_run``), to have that code end early
    (the engine's interrupt), and again every ``ASK_AGAIN`` seconds until the block is over. Signals pressed twice
    (Ctrl-C, Ctrl-C) are one stop: each asks ``stop`` again, and the handler runs once. Nothing is asked while another
    wakeup descriptor is set (an event loop's): the signals then wait for the block's end alone."""
    if stop:
        _Watcher.start()
    if _noted:
        with _watched(stop, _ending[-1]) if stop and _ending[-1] else contextlib.nullcontext():
            yield
        return
    signals = list(signals)
    noted: list[int] = []
    try:
        with held(signals):
            replaced: dict[int, Any] = {}
            ending: set[int] = set()
            _noted.append(noted)
            _ending.append(ending)
            try:
                for sig in signals:  # None: set by C code, which Python cannot set back
                    if signal.getsignal(sig) not in (None, signal.SIG_IGN):
                        replaced[sig] = signal.signal(sig, lambda signum, _frame: noted.append(signum))
                ending.update(sig for sig, handler in replaced.items() if _ends(handler))
                with _watched(stop, ending) if stop and ending else contextlib.nullcontext():
                    yield
            finally:
                _noted.pop()
                _ending.pop()
                _put_back(replaced)
    finally:
        _raise_each(dict.fromkeys(noted))


class _Watcher:
    """The thread that asks a held call to stop: a signal's C handler, run by whichever thread the system gives it
    to, writes its number to the wakeup descriptor, where this thread reads it. It blocks no signal, so that one held
    in the main thread always has a thread to go to. A call registers what to ask (``_watched``), and takes its
    signals' bytes out of the pipe as it ends, so that none is left to stop a later call; ``stop`` is called under
    the lock, so a call's end waits for an interrupt under way."""

    lock = threading.Lock()
    asking: list[tuple[Callable[[], None], set[int]]] = []  # innermost last
    asked = False  # whether the call registered now was asked to stop
    pipe: tuple[int, int] | None = None

    @classmethod
    def start(cls) -> None:
        if cls.pipe is None:
            read, write = os.pipe()
            os.set_blocking(read, False)
            os.set_blocking(write, False)
            cls.pipe = read, write
            threading.Thread(target=cls._watch, name="graphkit-stop-watcher", daemon=True).start()

    @classmethod
    def _forked(cls) -> None:
        """In a child just forked: the thread stayed in the parent, the lock may be held by it, and the pipe is the
        parent's, whose thread would read the child's signals; the child's next call asked to stop starts its own.
        Forked within such a call (the stack that registered it goes on here), the child's own thread asks it."""
        cls.lock = threading.Lock()
        cls.asked = False
        inherited, cls.pipe = cls.pipe, None
        if inherited is None:
            return
        if cls.asking:
            cls.start()
            assert cls.pipe is not None
            signal.set_wakeup_fd(cls.pipe[1], warn_on_full_buffer=False)
        for fd in inherited:
            os.close(fd)

    @classmethod
    def _watch(cls) -> None:
        assert cls.pipe is not None
        read = cls.pipe[0]
        signal.pthread_sigmask(signal.SIG_SETMASK, ())
        while True:
            select.select([read], [], [], ASK_AGAIN if cls.asked else None)
            with cls.lock:
                came = set(cls._drain())
                if not cls.asking:
                    cls.asked = False
                    continue
                stop, ending = cls.asking[-1]
                cls.asked = cls.asked or bool(ending & came)
                if cls.asked:
                    # a failed ask leaves the call to end; the thread goes on, the one to ask every later call
                    with contextlib.suppress(BaseException):
                        stop()

    @classmethod
    def _drain(cls) -> bytes:
        assert cls.pipe is not None
        data = b""
        with contextlib.suppress(BlockingIOError):
            while chunk := os.read(cls.pipe[0], 512):
                data += chunk
        return data


os.register_at_fork(after_in_child=_Watcher._forked)


@contextmanager
def _watched(stop: Callable[[], None], ending: set[int]) -> Iterator[None]:
    """Within, in the main thread: a signal of ``ending`` has ``stop`` asked (see ``_Watcher``)."""
    assert _Watcher.pipe is not None
    before = signal.set_wakeup_fd(_Watcher.pipe[1], warn_on_full_buffer=False) if not _Watcher.asking else None
    if before not in (None, -1):  # another's: put back, and nothing asked
        # whether it warned of a full buffer cannot be read: not, as one read only to wake up (Trio's) is set
        signal.set_wakeup_fd(before, warn_on_full_buffer=False)
        with _Watcher.lock:
            _Watcher._drain()
        yield
        return
    with _Watcher.lock:
        _Watcher.asking.append((stop, ending))
    try:
        _ask_if_noted(ending)
        yield
    finally:
        if before is not None:
            signal.set_wakeup_fd(-1)
        with _Watcher.lock:
            _Watcher.asking.pop()
            if not _Watcher.asking:
                _Watcher._drain()
                _Watcher.asked = False


def _ask_if_noted(ending: set[int]) -> None:
    """Have the call just registered asked to stop if a signal of ``ending`` came before the wakeup descriptor was
    set: noted, it wrote no byte. The mask call runs the handlers of signals caught meanwhile, so that each is noted."""
    assert _Watcher.pipe is not None
    signal.pthread_sigmask(signal.SIG_BLOCK, ())
    if ending.isdisjoint(_noted[-1]):
        return
    with _Watcher.lock:
        _Watcher.asked = True
    with contextlib.suppress(BlockingIOError):  # full: the thread has bytes to wake up to
        os.write(_Watcher.pipe[1], b"\0")


def _raise_each(signals: Iterable[int]) -> None:
    """Raise each signal; a handler's exception comes once every one has been raised (the first, if several)."""
    stop: BaseException | None = None
    for sig in signals:
        try:
            signal.raise_signal(sig)
        except BaseException as exc:  # raised once every signal has been
            stop = stop or exc
    if stop is not None:
        raise stop


def _put_back(handlers: dict[int, Any]) -> None:
    """Set the handlers; one set may run for a signal just come as the next is set, whose exception comes after."""
    stop: BaseException | None = None
    for sig, handler in handlers.items():
        while True:
            try:
                signal.signal(sig, handler)
                break
            except BaseException as exc:  # raised once every handler is back
                stop = stop or exc
    if stop is not None:
        raise stop
