"""Input readers: one module per format, all registered here, all yielding ``Post`` records.

A format is a ``Format``: a name, a one-line description, a ``sniff`` test on the first bytes
of an input, and a ``read`` generator. Adding a format means one module under ``sources/``
that calls ``register`` and one line in ``_MODULES``.
"""

from __future__ import annotations

import glob
import gzip
import importlib
import io
import os
import sys
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from typing import BinaryIO

from ..errors import InputError
from ..records import Post

__all__ = ["Format", "Input", "register", "formats", "expand_inputs", "detect", "read_posts"]

SNIFF_BYTES = 64 * 1024
_MODULES = ("text",)


@dataclass(frozen=True)
class Input:
    """One input: a display name and a way to open its decompressed bytes."""

    name: str
    open: Callable[[], BinaryIO]

    def head(self, size: int = SNIFF_BYTES) -> bytes:
        with self.open() as stream:
            return stream.read(size)

    def read_text(self) -> str:
        """The whole input as UTF-8 text, with a one-line error for binary or bad encodings."""
        with self.open() as stream:
            data = stream.read()
        return decode_text(data, self.name)


@dataclass(frozen=True)
class Format:
    name: str
    description: str
    sniff: Callable[[bytes], bool]
    read: Callable[[Input], Iterator[Post]]


_REGISTRY: dict[str, Format] = {}


def register(fmt: Format) -> Format:
    """Add a format; a second format under the same name is a programming error."""
    if not fmt.name or not fmt.name.isidentifier():
        raise ValueError(f"format name must be an identifier: {fmt.name!r}")
    if fmt.name in _REGISTRY and _REGISTRY[fmt.name] is not fmt:
        raise ValueError(f"format {fmt.name!r} is already registered")
    _REGISTRY[fmt.name] = fmt
    return fmt


def formats() -> dict[str, Format]:
    """Registered formats by name, in detection order (most specific first, text last)."""
    for module in _MODULES:
        importlib.import_module(f"{__name__}.{module}")
    return dict(sorted(_REGISTRY.items(), key=lambda kv: kv[0] == "text"))


def decode_text(data: bytes, name: str) -> str:
    if not data.strip():
        raise InputError(f"{name}: input is empty")
    if b"\x00" in data[:SNIFF_BYTES]:
        raise InputError(f"{name}: input is binary, not a supported text format")
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise InputError(f"{name}: input is not valid UTF-8 (byte {exc.start})") from None


def _opener(path: str) -> Callable[[], BinaryIO]:
    if path.endswith(".gz"):
        return lambda: gzip.open(path, "rb")
    if path.endswith(".zst"):

        def open_zst() -> BinaryIO:
            import zstandard

            return zstandard.open(path, "rb")

        return open_zst
    return lambda: open(path, "rb")


def _stdin() -> Input:
    data = sys.stdin.buffer.read()
    return Input("<stdin>", lambda: io.BytesIO(data))


def expand_inputs(specs: Iterable[str]) -> list[Input]:
    """Files, directories (their files, recursively), globs and ``-`` as a list of inputs."""
    out: list[Input] = []
    for spec in specs:
        if spec == "-":
            out.append(_stdin())
            continue
        if os.path.isdir(spec):
            paths = sorted(
                os.path.join(root, f) for root, _, files in os.walk(spec) for f in files if not f.startswith(".")
            )
            if not paths:
                raise InputError(f"{spec}: directory holds no input files")
        elif os.path.exists(spec):
            paths = [spec]
        else:
            paths = sorted(p for p in glob.glob(spec, recursive=True) if os.path.isfile(p))
            if not paths:
                raise InputError(f"{spec}: no such file")
        for path in paths:
            if not os.access(path, os.R_OK):
                raise InputError(f"{path}: cannot be read (permission denied)")
            out.append(Input(path, _opener(path)))
    return out


def detect(inp: Input) -> Format:
    """The first registered format whose sniff test accepts the input's first bytes."""
    try:
        head = inp.head()
    except (OSError, EOFError) as exc:
        raise InputError(f"{inp.name}: cannot be read ({exc})") from None
    if not head.strip():
        raise InputError(f"{inp.name}: input is empty")
    if b"\x00" in head:
        raise InputError(f"{inp.name}: input is binary, not a supported text format")
    for fmt in formats().values():
        if fmt.sniff(head):
            return fmt
    supported = ", ".join(formats())
    raise InputError(f"{inp.name}: unknown input format (supported: {supported})")


def get_format(name: str) -> Format:
    known = formats()
    if name not in known:
        raise InputError(f"unknown format {name!r} (supported: {', '.join(known)})")
    return known[name]


def read_posts(inputs: Iterable[Input], fmt: str | None = None) -> Iterator[Post]:
    """All posts of all inputs, each input read with the given or the detected format."""
    for inp in inputs:
        reader = get_format(fmt) if fmt else detect(inp)
        yield from reader.read(inp)
