"""Input readers: one module per format, all registered here, all yielding ``Post`` records.

A format is a ``Format``: a name, a one-line description, a ``sniff`` test on the first bytes
of an input, a ``read`` generator and, for a reader that first passes over every input of its
format, that pass (``learn``). Adding a format means one module under ``sources/`` that calls
``register`` and one line in ``_MODULES``.

Each ``Input`` carries the reader options (e.g. the tabular column mapping) and the ``Report``
that readers add skipped or dangling records to, so nothing is dropped silently and the
reader signature stays ``read(Input)``. It also knows its size and how far it has been read
(``bytes_read``), so a progress bar can run over streams whose post count is unknown.
"""

from __future__ import annotations

import codecs
import functools
import glob
import gzip
import importlib
import io
import itertools
import os
import re
import stat
import sys
import tempfile
from collections import Counter
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field, replace
from typing import Any, BinaryIO

from ..defaults import DEFAULT_MAX_EXPANSION
from ..errors import InputError
from ..held_stubs import HeldStubs
from ..inert_text import inert
from ..records import Post
from ..seen_ids import IdCounts, SeenIds
from .error_responses import refuse_error_response

__all__ = [
    "Format",
    "Input",
    "Meter",
    "Report",
    "DEFAULT_MAX_EXPANSION",
    "register",
    "formats",
    "expand_inputs",
    "is_documentation",
    "detect",
    "read_posts",
    "read_inputs",
    "read_one",
    "Readers",
    "PASSED",
    "settle",
    "MALFORMED",
    "SPAM",
    "DUPLICATE",
    "repeat_at",
    "MISSING_PARENT",
    "MISSING_ROOT",
    "MORE_STUBS",
    "MORE_COMMENTS",
]

SNIFF_BYTES = 64 * 1024
_GZIP_MAGIC = b"\x1f\x8b"
_ZSTD_MAGIC = b"\x28\xb5\x2f\xfd"
# What a spooled stream keeps in memory before it goes on in a temporary file.
_SPOOL_MEMORY = 1024 * 1024
_MODULES = (
    "reddit",
    "telegram",
    "youtube",
    "discourse",
    "mastodon",
    "bluesky",
    "hackernews",
    "disqus",
    "wxr",
    "mbox",
    "tabular",
    "text",
)

# Report kinds, phrased so that "<count> <kind>" reads as a sentence.
# In ``Input.shared``: the first pass of the reader (``Format.learn``) was made, whatever it found (``Readers``).
PASSED = "passed"
MALFORMED = "malformed records skipped"
SPAM = "spam posts skipped"
DUPLICATE = "duplicate records skipped"
MISSING_PARENT = "parents not in input"
MISSING_ROOT = "thread roots not in input"
MORE_STUBS = "'more' stubs"
MORE_COMMENTS = "comments behind 'more' stubs"
# The notes of parents not in input waiting for a later input (``Report.answer``) whose locations are kept
_KEPT = 1_000


def repeat_at(post: Post) -> str:
    """Where a repeated record sits, for the report: its input and its own id, written apart from the row and
    line numbers other kinds give ("#3", ":12"), which an id of digits would read as."""
    return f"{post.source} id {post.source_id or post.id}"


@dataclass
class Report:
    """What readers skipped or could not attach: counts by kind and the first few locations.

    Locations are "file:line" for line-based inputs, and "file#ID" (the record's own id, or its
    number when it has none) for records inside one document (XML export, JSON page), and for
    duplicates, whose id is what they repeat.
    """

    limit: int = 5
    counts: Counter[str] = field(default_factory=Counter)
    locations: dict[str, list[str]] = field(default_factory=dict)
    # the parents not in input noted of answers to posts no input read so far, by those posts' ids (``answer``), until
    # a later input or the store holds them (``held``): how many, and where for the first ``_KEPT`` of them and those
    # shown, to show in place of those taken back (held as ids a load met: a Reddit comment sample lacks every parent)
    _awaiting: IdCounts = field(default_factory=IdCounts, repr=False, compare=False)
    _kept: dict[str, list[str]] = field(default_factory=dict, repr=False, compare=False)
    _kept_count: int = field(default=0, repr=False, compare=False)
    _stored: SeenIds = field(default_factory=SeenIds, repr=False, compare=False)  # ids ``held`` found in the store

    def add(self, kind: str, where: str = "", n: int = 1) -> None:
        self.counts[kind] += n
        if where:
            seen = self.locations.setdefault(kind, [])
            if len(seen) < self.limit:
                seen.append(where)

    def withdraw(self, kind: str, where: str = "") -> None:
        """Take back one ``kind`` noted at ``where``: what was noted of a record then skipped."""
        self.counts[kind] -= 1
        if self.counts[kind] <= 0:
            del self.counts[kind]
        seen = self.locations.get(kind, [])
        if where in seen:
            del seen[len(seen) - 1 - seen[::-1].index(where)]
        if not seen:
            self.locations.pop(kind, None)

    def answer(self, parent: str, wheres: list[str], read: bool = False) -> None:
        """The answers noted at ``wheres`` as parents not in input answer ``parent``: taken back if the run ``read`` it
        in an input before or the store holds it (``held``), else waiting for a later input or the store to."""
        if read or self._stored.has([parent])[0]:
            self._take_back(wheres, len(wheres))
            return
        self._awaiting.add(parent, len(wheres))
        shown = self.locations.get(MISSING_PARENT, ())
        if kept := [where for where in wheres if self._kept_count < _KEPT or where in shown]:
            self._kept.setdefault(parent, []).extend(kept)
            self._kept_count += len(kept)

    def held(self, posts: Sequence[str], stored: bool = False) -> None:
        """Take back the parents not in input noted of answers to ``posts``, read by the run or whole in its store
        (``stored``: remembered, for answers to them read later; the run's reading remembers the posts it read)."""
        if stored:
            self._stored.add(posts)
        if self._awaiting:
            for post, n in zip(posts, self._awaiting.pop(posts), strict=True):
                if n:
                    self._take_back(self._kept.pop(post, []), n)

    def _take_back(self, wheres: list[str], n: int) -> None:
        """Take back ``n`` parents not in input, noted at ``wheres`` and elsewhere; the locations shown taken back
        give way to others kept."""
        shown = len(self.locations.get(MISSING_PARENT, ()))
        for where in wheres:
            self.withdraw(MISSING_PARENT, where)
        for _ in range(n - len(wheres)):
            self.withdraw(MISSING_PARENT)
        left = self.locations.get(MISSING_PARENT, [])
        if len(left) < shown:
            more = (where for kept in self._kept.values() for where in kept if where not in left)
            left += itertools.islice(more, min(self.limit, self.counts[MISSING_PARENT]) - len(left))
            if left:
                self.locations[MISSING_PARENT] = left

    def update(self, other: Report) -> None:
        """Add what ``other`` counted (e.g. a report made on another machine), and the parents not in its input it
        noted waiting: another input of the run may hold them (``held``)."""
        for kind, n in other.counts.items():
            locations = other.locations.get(kind, [])
            for where in locations:
                self.add(kind, where)
            if n > len(locations):
                self.add(kind, n=n - len(locations))
        self._awaiting.update(other._awaiting)
        for parent, wheres in other._kept.items():
            self._kept.setdefault(parent, []).extend(wheres)
        self._kept_count += other._kept_count

    def summary(self) -> str:
        """One line, e.g. "2 malformed records skipped (a.ndjson:3, a.ndjson:9)": the locations, which hold ids
        and names from the input, made inert for the terminal."""
        parts = []
        for kind, n in self.counts.items():
            where = self.locations.get(kind, [])
            more = ", …" if n > len(where) and where else ""
            parts.append(f"{n} {kind}" + (f" ({', '.join(map(inert, where))}{more})" if where else ""))
        return "; ".join(parts)


class Meter:
    """Where the file an input is read from stands: the on-disk (compressed) position of the last
    file opened while armed. Arming comes after format detection, so sniffing does not count, and
    a reader's last pass (the one that yields posts) is what is measured."""

    def __init__(self) -> None:
        self.armed = False
        self._raw: BinaryIO | None = None

    def watch(self, raw: BinaryIO) -> BinaryIO:
        if self.armed:
            self._raw = raw
        return raw

    def position(self, size: int) -> int:
        """Bytes read: 0 before reading, ``size`` once the file is read through and closed."""
        if self._raw is None:
            return 0
        if self._raw.closed:
            return size
        return min(self._raw.tell(), size)


@dataclass(frozen=True)
class Input:
    """One input: a display name, a way to open its decompressed bytes, reader options and the report.

    ``size`` is the input's size on disk (compressed size for .gz/.zst), 0 when unknown. A ``live`` input (standard
    input, a pipe) may wait for more without end: a load reading one gives what it has without waiting for more.
    ``siblings`` are the inputs of the same load read with the same format (this one included),
    and ``shared`` what their reader keeps across them: a record may answer one in another file
    (a Discourse topic saved page by page).
    """

    name: str
    open: Callable[[], BinaryIO]
    options: Mapping[str, str] = field(default_factory=dict, compare=False)
    report: Report = field(default_factory=Report, compare=False)
    size: int = 0
    meter: Meter = field(default_factory=Meter, compare=False, repr=False)
    live: bool = False
    siblings: tuple[Input, ...] = field(default=(), compare=False, repr=False)
    shared: dict[str, Any] = field(default_factory=dict, compare=False, repr=False)

    def bytes_read(self) -> int:
        """How much of ``size`` the reader has got through, for progress."""
        return self.meter.position(self.size)

    def aside(self) -> Input:
        """This input for a reader's extra pass over it (a first pass, a look at its head): the files that pass opens
        leave the meter on the stream the posts come from, so progress does not read a pass's end as the input's."""

        def open_aside() -> BinaryIO:
            armed, self.meter.armed = self.meter.armed, False
            try:
                return self.open()
            finally:
                self.meter.armed = armed

        return replace(self, open=open_aside)

    def head(self, size: int = SNIFF_BYTES) -> bytes:
        with self.aside().open() as stream:
            return stream.read(size)

    def read_text(self) -> str:
        """The whole input as UTF-8 text, with a one-line error for binary or bad encodings."""
        with self.open() as stream:
            data = stream.read()
        return decode_text(data, self.name)


@dataclass(frozen=True)
class Format:
    """A format; ``writers``, where given, tells (post id, author, platform) of each post ``read`` yields but
    stub roots, in order, more cheaply than ``read`` (for posts whose writer is told by the author's name
    alone: no ``author_key``, no guests, no e-mail)."""

    name: str
    description: str
    sniff: Callable[[bytes], bool]
    read: Callable[[Input], Iterator[Post]]
    writers: Callable[[Input], Iterator[tuple[str, str | None, str]]] | None = None
    # a reader's first pass over every input of its format, keeping what it finds in ``Input.shared`` (``read``
    # makes it as it starts, once for all of them; ``PASSED`` there says it was made, even if it kept nothing), None
    # for a reader that reads each input alone
    learn: Callable[[Input], Any] | None = None
    # whether the reader reads a column mapping (``Input.options``, the --map option): another reader ignores it
    mapped: bool = False


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
    """Registered formats by name, in detection order: ``_MODULES`` order (whatever was imported
    first), then formats registered from elsewhere, text last."""
    for module in _MODULES:
        importlib.import_module(f"{__name__}.{module}")
    return {fmt.name: fmt for fmt in sorted(_REGISTRY.values(), key=_order)}


def _order(fmt: Format) -> tuple[bool, int]:
    """Where ``formats`` puts a format: text last, the others by their module's place in ``_MODULES``."""
    module = fmt.read.__module__.rpartition(".")[2]
    return fmt.name == "text", _MODULES.index(module) if module in _MODULES else len(_MODULES)


def _in_order() -> Iterator[Format]:
    """The formats in ``formats`` order, each module imported once the formats before its own were tried: detecting a
    Reddit dump, the first tried, imports none of the other readers (a tenth of a second of a load's start)."""
    tried: set[str] = set()
    for place, module in enumerate(_MODULES):
        importlib.import_module(f"{__name__}.{module}")
        for fmt in sorted(_REGISTRY.values(), key=_order):
            if fmt.name not in tried and _order(fmt) <= (False, place):
                tried.add(fmt.name)
                yield fmt
    yield from (fmt for name, fmt in formats().items() if name not in tried)


def decode_text(data: bytes, name: str) -> str:
    if not data.strip():
        raise InputError(f"{name}: input is empty")
    if b"\x00" in data[:SNIFF_BYTES]:
        raise InputError(f"{name}: input is binary, not a supported text format")
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise InputError(f"{name}: input is not valid UTF-8 (byte {exc.start})") from None


class _GzipFile(gzip.GzipFile):
    """Closes the file it decompresses, which ``GzipFile`` leaves open when given a file object."""

    def close(self) -> None:
        raw = self.fileobj
        try:
            super().close()
        finally:
            if raw is not None:
                raw.close()


class _Limited(io.RawIOBase):
    """Decompressed bytes, refused once they exceed ``ratio`` times the compressed bytes read so far.

    A decompression bomb (a few MB expanding to GBs) trips this while it is read, before a reader
    holding a whole document in memory (plain text, a JSON page) has taken more than the limit.
    Decompression errors (a truncated or corrupt file) become one-line input errors too.
    """

    def __init__(self, stream: BinaryIO, raw: BinaryIO, name: str, ratio: float) -> None:
        import zstandard

        super().__init__()
        self._stream, self._raw, self._name, self._ratio = stream, raw, name, ratio
        self._errors = (OSError, EOFError, zstandard.ZstdError)
        self._out = 0

    def readable(self) -> bool:
        return True

    def readinto(self, buffer: Any) -> int:
        try:
            n = self._stream.readinto(buffer)
        except self._errors as exc:
            raise InputError(f"{self._name}: cannot be decompressed ({exc or 'truncated'})") from None
        self._out += n
        if self._out > self._ratio * max(self._raw.tell(), 1):
            raise InputError(
                f"{self._name}: expands to more than {self._ratio:g} times its compressed size, "
                "refused as a likely decompression bomb (raise the limit with --max-expansion)"
            )
        return n

    def close(self) -> None:
        if not self.closed:
            try:
                self._stream.close()
            finally:
                super().close()


def _opener(source: Callable[[], io.BufferedReader], meter: Meter, name: str, ratio: float) -> Callable[[], BinaryIO]:
    """Opens the input's bytes (watched by ``meter``), decompressing gzip and zstd, known by their
    magic numbers, on the fly with at most ``ratio`` times expansion."""

    def open_input() -> BinaryIO:
        raw = meter.watch(source())
        magic = raw.peek(4)[:4]
        if magic.startswith(_GZIP_MAGIC):
            stream: BinaryIO = _GzipFile(fileobj=raw, mode="rb")
        elif magic == _ZSTD_MAGIC:
            import zstandard

            # Pushshift's Reddit dumps are compressed with a 2 GiB window (zstd --long=31), beyond the
            # decoder's default limit of 128 MiB; the window takes memory only as far as it is filled
            stream = zstandard.open(raw, "rb", dctx=zstandard.ZstdDecompressor(max_window_size=2**31), closefd=True)
        else:
            return raw
        # buffered so that readers can iterate lines
        return io.BufferedReader(_Limited(stream, raw, name, ratio))

    return open_input


class _Spool:
    """A stream (a pipe, /dev/fd/N, standard input) read from its source once, however often it is opened.

    The format sniff reads its head and two-pass readers read it twice, so what has come from the
    source is kept, in memory up to ``_SPOOL_MEMORY`` and in an unnamed temporary file beyond, and
    replayed to each later reader before it continues from the source. Compressed streams are kept
    as they came, compressed.
    """

    def __init__(self, source: Callable[[], BinaryIO], close_source: bool = True) -> None:
        self._open_source = source
        self._close_source = close_source
        self._source: BinaryIO | None = None
        # lives as long as the input, which can be opened again at any time
        self._kept = tempfile.SpooledTemporaryFile(max_size=_SPOOL_MEMORY)  # noqa: SIM115
        self._length = 0
        self._eof = False

    def read_at(self, position: int, size: int) -> bytes:
        """Up to ``size`` bytes from ``position``, which is at most what has been read so far."""
        if position < self._length:
            self._kept.seek(position)
            return self._kept.read(min(size, self._length - position))
        if self._eof:
            return b""
        if self._source is None:
            self._source = self._open_source()
        data = self._source.read(size)
        if not data:
            self._eof = True
            if self._close_source:
                self._source.close()
            return b""
        self._kept.seek(self._length)
        self._kept.write(data)
        self._length += len(data)
        return data

    def reader(self) -> io.BufferedReader:
        return io.BufferedReader(_SpoolReader(self))


class _SpoolReader(io.RawIOBase):
    """One pass over a ``_Spool``, from its start."""

    def __init__(self, spool: _Spool) -> None:
        super().__init__()
        self._spool = spool
        self._position = 0

    def readable(self) -> bool:
        return True

    def readinto(self, buffer: Any) -> int:
        data = self._spool.read_at(self._position, len(buffer))
        buffer[: len(data)] = data
        self._position += len(data)
        return len(data)

    def tell(self) -> int:
        return self._position


def _stdin(ratio: float) -> Input:
    spool = _Spool(lambda: sys.stdin.buffer, close_source=False)
    meter = Meter()
    return Input("<stdin>", _opener(spool.reader, meter, "<stdin>", ratio), meter=meter, live=True)


def _path_input(path: str, ratio: float) -> Input:
    """A regular file is opened anew for each pass; anything else (a named pipe, /dev/fd/N from a
    process substitution, a character device) can be read once only, so it is spooled."""
    if not os.access(path, os.R_OK):
        raise InputError(f"{path}: cannot be read (permission denied)")
    meter = Meter()
    source = functools.partial(open, path, "rb")
    if stat.S_ISREG(os.stat(path).st_mode):
        return Input(path, _opener(source, meter, path, ratio), size=os.path.getsize(path), meter=meter)
    return Input(path, _opener(_Spool(source).reader, meter, path, ratio), meter=meter, live=True)


# A file a repository or a folder of exports keeps beside its data, by its name without extension: read as a
# page of the web it would be a post no one wrote.
_DOCUMENTATION_NAMES = frozenset(
    {"readme", "license", "licence", "copying", "notice", "changelog", "authors", "contributing", "code_of_conduct"}
)
_DOCUMENTATION_SUFFIXES = frozenset({"", ".md", ".markdown", ".txt", ".rst", ".adoc", ".org"})


def is_documentation(path: str) -> bool:
    """Whether a file found in a folder is its documentation (README.md, LICENSE, CHANGELOG.txt …), not an input."""
    stem, suffix = os.path.splitext(os.path.basename(path).lower())
    return stem.replace("-", "_") in _DOCUMENTATION_NAMES and suffix in _DOCUMENTATION_SUFFIXES


_DIGITS = re.compile(r"(\d+)")


def _reading_order(path: str) -> tuple[list[Any], str]:
    """Sort key of a path in natural order, its digits compared as numbers: a crawl saved page by page as
    page1 … page10 is read page2 before page10, in the order its pages were numbered, so that a post comes
    before the posts that answer or quote it (then no batch waits on an end a later batch brings)."""
    parts = _DIGITS.split(path)
    return [int(part) if i % 2 else part for i, part in enumerate(parts)], path


def expand_inputs(
    specs: Iterable[str], *, max_expansion: float = DEFAULT_MAX_EXPANSION, skipped: list[str] | None = None
) -> list[Input]:
    """Files, directories (their files, recursively), globs and ``-`` as a list of inputs; a directory's
    files and a glob's matches in natural order (``_reading_order``), the others as given.

    A directory's documentation files (``is_documentation``) are left out and added to ``skipped``; a file
    named itself is always read. Compressed inputs may expand at most ``max_expansion`` times their
    compressed size (see ``_Limited``).
    """
    out: list[Input] = []
    for spec in specs:
        if spec == "-":
            out.append(_stdin(max_expansion))
            continue
        if os.path.isdir(spec):
            found = sorted(
                (os.path.join(root, f) for root, _, files in os.walk(spec) for f in files if not f.startswith(".")),
                key=_reading_order,
            )
            paths = [p for p in found if not is_documentation(p)]
            if skipped is not None:
                skipped.extend(p for p in found if is_documentation(p))
            if not paths:
                held = f" but documentation ({', '.join(os.path.basename(p) for p in found)})" if found else ""
                raise InputError(f"{spec}: directory holds no input files{held}")
        elif os.path.exists(spec):
            paths = [spec]
        else:
            paths = sorted((p for p in glob.glob(spec, recursive=True) if os.path.isfile(p)), key=_reading_order)
            if not paths:
                raise InputError(f"{spec}: no such file")
        out.extend(_path_input(path, max_expansion) for path in paths)
    return out


def detect(inp: Input, head: bytes | None = None) -> Format:
    """The first registered format whose sniff test accepts the input's first bytes (``head``, read here when not
    given, after a UTF-8 byte-order mark, which Windows tools write and every reader skips)."""
    head = _head(inp) if head is None else head
    if not head.strip():
        raise InputError(f"{inp.name}: input is empty")
    if b"\x00" in head:
        raise InputError(f"{inp.name}: input is binary, not a supported text format")
    for fmt in _in_order():
        if fmt.sniff(head):
            return fmt
    supported = ", ".join(formats())
    raise InputError(f"{inp.name}: unknown input format (supported: {supported})")


def get_format(name: str) -> Format:
    known = formats()
    if name not in known:
        raise InputError(f"unknown format {name!r} (supported: {', '.join(known)})")
    return known[name]


def read_posts(
    inputs: Iterable[Input],
    fmt: str | None = None,
    *,
    options: Mapping[str, str] | None = None,
    report: Report | None = None,
) -> Iterator[Post]:
    """All posts of all inputs, each input read with the given or the detected format.

    Every input's format is settled before the first post is yielded, so an unrecognised file
    stops the load before anything is loaded. ``options`` go to every reader (readers ignore
    keys they do not use); skipped and dangling records are added to ``report``. A record whose
    post id was read before, in any input, is skipped: the first one read is kept.
    """
    yield from itertools.chain.from_iterable(read_inputs(inputs, fmt, options=options, report=report))


def read_inputs(
    inputs: Iterable[Input],
    fmt: str | None = None,
    *,
    options: Mapping[str, str] | None = None,
    report: Report | None = None,
    metered: bool = True,
    writers: bool = False,
) -> Iterator[Iterator[Post]]:
    """The posts of ``read_posts``, input by input: each input's posts, to be read through before the
    next input's, so a reader can tell where an input ends without reading into the next (a stream still
    coming). Reading again the inputs of a reading going on, ``metered=False`` leaves their meters with it.
    With ``writers``, an input whose format tells its writers cheaply (``Format.writers``) gives only the
    posts that may show a writer new in it (see ``_new_writers``): for learning the participants ahead."""
    report = report if report is not None else Report()
    inputs = list(inputs)
    readers = Readers(inputs, settle(inputs, fmt))
    seen, stubs = SeenIds(), HeldStubs()
    for index in range(len(inputs)):
        if writers and (told := readers.writers(index, options, report)) is not None:
            yield _new_writers(told, readers.chosen[index][0].name, seen)
        else:
            yield _unseen(functools.partial(readers.read, index, options, metered=metered), seen, stubs, report)


def _new_writers(
    told: Iterator[tuple[str, str | None, str]], source: str, seen: SeenIds, run: int = 256
) -> Iterator[Post]:
    """Of an input's posts as ``_unseen`` lets them through, told by their ids and writers (``Format.writers``),
    the first and each showing an author the ones before did not, as posts holding just those; the rest
    would teach nothing more of the participants. An input of repeats alone gives nothing, as a whole reading of
    it does: its stubs wait for a post kept that names them (``HeldStubs``)."""
    authors: set[str | None] = set()
    for chunk in iter(lambda: list(itertools.islice(told, run)), []):
        for (pid, author, platform), new in zip(chunk, seen.add([pid for pid, _, _ in chunk]), strict=True):
            if new and (not authors or author not in authors):
                authors.add(author)
                yield Post(pid, pid, False, "", platform, source, author)


def _head(inp: Input) -> bytes:
    """The input's first bytes after a byte-order mark, or a one-line error where it cannot be read."""
    try:
        return inp.head().removeprefix(codecs.BOM_UTF8)
    except (OSError, EOFError) as exc:
        raise InputError(f"{inp.name}: cannot be read ({exc})") from None


def settle(inputs: Sequence[Input], fmt: str | None = None) -> list[Format]:
    """Each input's format: ``fmt``, else the detected one (an unrecognised input, or an API's error response saved
    in place of posts, stops here). Each input's head is read once for both: a cluster's inputs are opened a
    counted number of times. A live input of a given format is not looked at: its head may be long in coming, and
    a load gives each batch as it arrives."""
    formats = []
    for inp in inputs:
        if fmt and inp.live:
            formats.append(get_format(fmt))
            continue
        head = _head(inp)
        refuse_error_response(inp.name, head)
        formats.append(get_format(fmt) if fmt else detect(inp, head))
    return formats


class Readers:
    """The inputs of one load with their formats, and what each format's reader keeps across its inputs
    (``Input.siblings``, ``Input.shared``): an input read from here is read as one of all of them, whichever
    others are read in the same process (a cluster's worker reads one file of many)."""

    def __init__(self, inputs: Sequence[Input], formats: Sequence[Format]) -> None:
        self.chosen = list(zip(inputs, formats, strict=True))
        siblings: dict[str, tuple[Input, ...]] = {}
        for inp, reader in self.chosen:
            siblings[reader.name] = (*siblings.get(reader.name, ()), inp)
        self.siblings = siblings
        self.shared: dict[str, dict[str, Any]] = {name: {} for name in siblings}

    def ready(self, index: int, options: Mapping[str, str] | None, report: Report) -> tuple[Input, Format]:
        """Input ``index`` as its reader reads it (its options, report and siblings given), with that reader."""
        inp, reader = self.chosen[index]
        shared = self.shared[reader.name]
        ready = replace(
            inp, options=dict(options or {}), report=report, siblings=self.siblings[reader.name], shared=shared
        )
        return ready, reader

    def read(
        self, index: int, options: Mapping[str, str] | None, report: Report, metered: bool = True
    ) -> Iterator[Post]:
        """The records of input ``index``, repeats of its own or of other inputs' ids included."""
        self.chosen[index][0].meter.armed = metered
        ready, reader = self.ready(index, options, report)
        return reader.read(ready)

    def writers(
        self, index: int, options: Mapping[str, str] | None, report: Report
    ) -> Iterator[tuple[str, str | None, str]] | None:
        """What ``Format.writers`` tells of input ``index`` (its meter left alone), or None for a format
        that cannot tell it."""
        told = self.chosen[index][1].writers
        if told is None:
            return None
        self.chosen[index][0].meter.armed = False
        return told(self.ready(index, options, report)[0])

    def learn(self, index: int) -> dict[str, Any]:
        """What the reader of input ``index`` keeps across the inputs of its format, from its first pass over all
        of them (``Format.learn``; as its reading of input ``index`` would make it, stopping on that input's errors
        alone): for processes that each read some of those inputs (``teach``), so that each input is passed over
        once, not once per process."""
        ready, reader = self.ready(index, None, Report())
        if reader.learn is not None and PASSED not in ready.shared:
            reader.learn(ready)
            ready.shared[PASSED] = True
        return ready.shared

    def teach(self, name: str, shared: dict[str, Any]) -> None:
        """Give the reader of format ``name`` what ``learn`` found in another process, unless it has learnt it:
        what a pass that found nothing keeps (``PASSED`` alone) is taught too, so that no reader passes again."""
        if PASSED not in self.shared[name]:
            self.shared[name].update(shared)


def read_one(readers: Readers, index: int, options: Mapping[str, str] | None, report: Report) -> Iterator[Post]:
    """The posts of input ``index`` of ``readers`` as ``read_inputs`` gives them, but for repeats of ids of
    other inputs, which are kept."""
    return _unseen(functools.partial(readers.read, index, options), SeenIds(), HeldStubs(), report)


@dataclass
class _Noted(Report):
    """The report an input's reader notes to, for ``_unseen``: each note goes to ``told`` at once, and the
    parents not in the input noted since the last post was taken are kept, so that a repeat skipped takes its
    own back (a search hit saved in two files lacks one parent, not one a copy)."""

    told: Report = field(default_factory=Report)
    parents: list[str] = field(default_factory=list)

    def add(self, kind: str, where: str = "", n: int = 1) -> None:
        self.told.add(kind, where, n)
        if kind == MISSING_PARENT:
            self.parents += [where] * n


def _unseen(
    read: Callable[[Report], Iterator[Post]], seen: SeenIds, stubs: HeldStubs, report: Report, run: int = 256
) -> Iterator[Post]:
    """The posts whose id is not in ``seen``, of the reader ``read`` gives the report to note to; a later record
    repeating an id is reported as a duplicate, by file and id, and what its reader noted of its parent not in the
    input is taken back (the record it repeats was noted so), and so is that of a post answering one read before
    (in another input of the run) or later (``Report.answer``). A stub stands for a thread root or parent not read
    yet: it neither counts nor is skipped, but waits in ``stubs`` for a post kept that names it (``HeldStubs``),
    and one of a post read before is left out. Ids are checked ``run`` posts at a time (see ``seen_ids.SeenIds``)."""
    noted = _Noted(told=report)
    posts = read(noted)

    def taken() -> Iterator[tuple[Post, list[str]]]:
        for post in posts:
            parents, noted.parents = noted.parents, []
            yield post, parents

    pairs = taken()
    while chunk := list(itertools.islice(pairs, run)):
        known = iter(seen.has([p.id for p, _ in chunk if p.meta.get("stub")]))  # read before this run
        keep = iter(seen.add([p.id for p, _ in chunk if not p.meta.get("stub")]))
        kept: set[str] = set()  # … and in it
        answers: list[tuple[str, list[str]]] = []  # the posts kept answering parents not in their input: which, where
        for post, parents in chunk:
            if post.meta.get("stub"):
                if not next(known) and post.id not in kept:
                    yield from stubs.hold(post) or ()
            elif next(keep):
                kept.add(post.id)
                if parents and post.parent is not None:
                    answers.append((post.parent, parents))
                yield from stubs.before(post)
                yield post
            else:
                report.add(DUPLICATE, repeat_at(post))
                if parents:
                    report.withdraw(MISSING_PARENT, parents[-1])
        for (parent, parents), read in zip(answers, seen.has([parent for parent, _ in answers]), strict=True):
            report.answer(parent, parents, read)  # read by an input before, or in this run of posts
        report.held(list(kept))
