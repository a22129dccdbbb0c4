"""Which files in a directory were opened while a block ran, from the kernel's own account
(Linux inotify): a check that holds however the opening code reads, with no timing involved.
The kernel queues an event while the open happens, so when the block ends its opens are queued."""

from __future__ import annotations

import ctypes
import os
import struct
import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest

_IN_OPEN, _IN_ACCESS = 0x20, 0x01
_EVENT = struct.Struct("iIII")  # wd, mask, cookie, length of the name that follows


@contextmanager
def opened_files(directory: Path, reads: bool = True) -> Iterator[Callable[[], list[str]]]:
    """Yields a function listing the names of the files in ``directory`` (and ``.`` for the
    directory itself) opened or read since the block began (an item per event: opened only with
    ``reads=False``)."""
    if not sys.platform.startswith("linux"):
        pytest.skip("watching file opens needs Linux inotify")
    libc = ctypes.CDLL(None, use_errno=True)
    fd = libc.inotify_init1(os.O_NONBLOCK | os.O_CLOEXEC)
    if fd < 0 or libc.inotify_add_watch(fd, os.fsencode(directory), _IN_OPEN | (_IN_ACCESS if reads else 0)) < 0:
        raise OSError(ctypes.get_errno(), "inotify")

    def names() -> list[str]:
        found = []
        while True:
            try:
                data = os.read(fd, 65536)
            except BlockingIOError:
                return found
            at = 0
            while at < len(data):
                _, _, _, length = _EVENT.unpack_from(data, at)
                name = data[at + _EVENT.size : at + _EVENT.size + length].rstrip(b"\0")
                found.append(os.fsdecode(name) or ".")
                at += _EVENT.size + length

    try:
        yield names
    finally:
        os.close(fd)
