"""Signals held back while code runs that their handlers must not cut short, and let in right after it."""

from __future__ import annotations

import signal
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from typing import Any

__all__ = ["deferred", "held"]

# The signals each ``deferred`` under way noted, innermost last (the main thread's: only it runs handlers)
_noted: list[list[int]] = []


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
def deferred(signals: Iterable[signal.Signals]) -> Iterator[None]:
    """``held``, in the main thread, and more: a process's signal goes to a thread that does not block it (pyarrow
    starts one as it is imported, a model's libraries others), and that thread's catching it runs the Python handler
    in the main thread wherever that is. So each handler is swapped for one that only notes the signal, and as the
    block ends, however it ends, each signal noted goes once, in the order they came, to the handler it replaced (the
    default one too, which then ends the process as it would have; an exception the block raised becomes the
    context of the handler's). An ignoring handler, or one set by C code, is left as it is: nothing is noted for it.
    Within a ``deferred``, the same."""
    if _noted:
        yield
        return
    signals = list(signals)
    noted: list[int] = []
    try:
        with held(signals):
            replaced: dict[int, Any] = {}
            _noted.append(noted)
            try:
                for sig in signals:  # None: set by C code, which Python cannot set back
                    if signal.getsignal(sig) not in (None, signal.SIG_IGN):
                        replaced[sig] = signal.signal(sig, lambda signum, _frame: noted.append(signum))
                yield
            finally:
                _noted.pop()
                _put_back(replaced)
    finally:
        _raise_each(dict.fromkeys(noted))


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
