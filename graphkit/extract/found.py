"""Entity mentions found where the model ran, so the rules run in the model's worker processes beside it.

The rules read, beside a post's doc, what the posts before it taught: the lower-case vocabulary, names of sites
linked to, defined acronyms and the participants' names. All of it comes from texts alone, so the main process
learns it as it hands texts to the model, part by part of the input, and appends what each part adds to a
``Log``, an unlinked file the forked workers share. Each post goes with the length of the log that holds its
part's lessons; ``Finder``, in whichever process parses the post, reads the log that far and finds the post's
mentions as the main process would. A worker takes chunks in input order, so it only ever reads further.
"""

from __future__ import annotations

import itertools
import os
import pickle
import struct
import tempfile
from collections.abc import Set as AbstractSet
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from .languages import script

if TYPE_CHECKING:
    from .entities import Mention

__all__ = ["Lessons", "Log", "Finder", "Job", "RuleError", "entity_mentions"]

_SIZE = struct.Struct("<Q")
_COUNTER = itertools.count()


@dataclass
class Lessons:
    """What some posts taught the rules (see the module's docstring)."""

    lower: set[str] = field(default_factory=set)
    sites: set[str] = field(default_factory=set)
    acronyms: set[str] = field(default_factory=set)
    participants: set[tuple[str, str]] = field(default_factory=set)  # (platform, name)


@dataclass(frozen=True)
class Job:
    """One post for ``Finder``: how far to read the log, its participant references' spans (never an entity),
    its platform, whether it is left unsearched (an earlier step failed on it, or it is read for its replies only:
    then it has no mentions) and its thread."""

    upto: int
    exclude: list[tuple[int, int]]
    platform: str
    unsearched: bool
    thread: str
    post: str  # the post's id and the id of the post it states it answers
    answers: str


class RuleError(Exception):
    """A rule's error in a model worker, as the worker sends it back: the class's name and the message, since the
    error itself may not pickle (or unpickle), which would fail the post's whole chunk and the run."""

    def __init__(self, error: str, message: str) -> None:
        super().__init__(error, message)
        self.error = error

    def __str__(self) -> str:
        return f"{self.args[0]}: {self.args[1]}"


def entity_mentions(
    doc,
    lower: set[str],
    acronyms: set[str],
    exclude: list[tuple[int, int]],
    sites: AbstractSet[str],
    names: AbstractSet[str],
    thread: str,
    post: str,
    answers: str,
) -> list[Mention]:
    """A parsed post's entity mentions (``find_mentions``), the participants' ``names`` left out, each marked with
    the post's ``thread`` (where a handle after "@" names a participant), its id and the id of the post it answers
    (whose names its writer read). The rules are imported here, where the first post is searched: a load without
    entities imports none."""
    from .entities import find_mentions

    found = [m for m in find_mentions(doc, lower, acronyms, exclude, sites) if m.key not in names]
    for mention in found:
        mention.thread, mention.post, mention.answers = thread, post, answers
    return found


class Log:
    """The lessons of a run, appended in input order to an unlinked file (closed with the run)."""

    def __init__(self) -> None:
        self._file = tempfile.TemporaryFile()  # noqa: SIM115 - closed with the run, by ``close``
        self.end = 0
        self.finder = Finder(os.getpid(), next(_COUNTER), self._file.fileno())

    def add(self, lessons: Lessons) -> int:
        """Append ``lessons``; returns the log's length, which a ``Job`` reads to."""
        data = pickle.dumps(lessons, protocol=pickle.HIGHEST_PROTOCOL)
        os.pwrite(self._file.fileno(), _SIZE.pack(len(data)) + data, self.end)
        self.end += _SIZE.size + len(data)
        return self.end

    def close(self) -> None:
        self._file.close()


class Finder:
    """Finds one parsed post's mentions (``entity_mentions`` with the state its ``Job`` reads to); a post whose
    rules raise gives a ``RuleError`` instead, for the main process to report. Each comes with the script the post
    looks written in (``languages.script``: None for a post not searched), told here from the tokens the worker holds.
    Pickled to a worker, it is that process's one finder of the log (``_finder``), which keeps the state read so far."""

    def __init__(self, parent: int, number: int, fd: int) -> None:
        self._key = (parent, number, fd)
        self._read = 0
        self._state = Lessons()
        self._names: dict[str, set[str]] = {}

    def __reduce__(self):
        return _finder, self._key

    def __call__(self, doc, job: Job) -> tuple[list[Mention] | RuleError, str | None]:
        if job.unsearched:
            return [], None
        self._catch_up(job.upto)
        state, names = self._state, self._names.get(job.platform, frozenset())
        written = script(doc)
        try:
            found = entity_mentions(
                doc, state.lower, state.acronyms, job.exclude, state.sites, names, job.thread, job.post, job.answers
            )
        except Exception as exc:  # noqa: BLE001 - reported by the main process, as a failure in it is
            return RuleError(exc.__class__.__name__, str(exc)), written
        return found, written

    def _catch_up(self, upto: int) -> None:
        if upto <= self._read:
            return
        data = os.pread(self._key[2], upto - self._read, self._read)
        at = 0
        while at < len(data):
            (size,) = _SIZE.unpack_from(data, at)
            lessons: Lessons = pickle.loads(data[at + _SIZE.size : at + _SIZE.size + size])
            at += _SIZE.size + size
            self._state.lower |= lessons.lower
            self._state.sites |= lessons.sites
            self._state.acronyms |= lessons.acronyms
            for platform, name in lessons.participants:  # kept by platform alone: a worker's largest lesson
                self._names.setdefault(platform, set()).add(name)
        self._read = upto


_FINDERS: dict[tuple[int, int, int], Finder] = {}


def _finder(parent: int, number: int, fd: int) -> Finder:
    """The finder of a log in this (worker) process, kept from chunk to chunk."""
    key = (parent, number, fd)
    if key not in _FINDERS:
        _FINDERS.clear()  # a worker serves one run
        _FINDERS[key] = Finder(parent, number, fd)
    return _FINDERS[key]
