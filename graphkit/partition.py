"""Cutting the input of a cluster run into parts, so that each part extracts as on one machine.

The single-machine path reads its inputs as one stream, cuts it into batches (``pipeline.batches``)
and learns each batch input by input: a run of posts of one input in one batch (a *group*) is
taught whole, then searched; the mentions are resolved in windows cut from the input alone (``Plan.windows``).
A file surveyed once (each post's thread, text length and whether its page's shape is read before it is placed)
tells where those groups and windows start.

Two kinds of parts come out. *Learning* parts are runs of a file, about ``size`` posts, each learnt
apart in *segments* (its runs within one group), numbered in input order; a segment's ``level`` is
the number of the last segment of its group: what a post of the group is searched with is the
knowledge of the segments up to that level. The parts that are searched and built keep threads
whole (their reply contexts are those of one machine): a run of a file cut where no thread of the
posts before goes on after, or, where threads interleave (a dump in time order) over more than two
parts' worth of posts, the posts of some of that run's threads (*routed*: threads dealt to the part
with the fewest posts so far). A thread's context is forgotten on one machine once ``ACTIVE_THREADS``
others were more recently active, and a routed part holds fewer threads: it forgets a thread where one
machine does (``Part.anew``), which the survey tells, so forgetting cannot tell the two paths apart.
One machine also keeps a thread's context from one file to the next (monthly dumps: a thread begun in
one month goes on in the next); a part whose thread was begun in an earlier file takes up that context
as the part holding the thread's latest earlier posts leaves it (``Part.carry``), unless one machine has
forgotten it by then.
"""

from __future__ import annotations

import heapq
from array import array
from bisect import bisect_left, bisect_right
from collections import OrderedDict
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, replace
from itertools import repeat

from . import batch_cuts
from .batch_cuts import BatchCuts
from .extract.extractor import ACTIVE_THREADS

__all__ = ["Survey", "Segment", "Part", "Plan", "plan"]


@dataclass
class Survey:
    """One file as a part's reading sees it, without the records dropped as repeats: each post's thread
    (an index into ``threads``), text length, and whether it is placed by its page's shape (a comment
    whose parent the input does not state), in reading order."""

    threads: list[str]
    thread_of: Sequence[int]
    chars: Sequence[int]
    flat: Sequence[bool]


@dataclass(frozen=True)
class Segment:
    """Posts ``start``..``end`` of a part (its own positions), all of group ``group``; ``index`` is
    the segment's number in the whole input (-1 in a routed part) and ``level`` that of the last
    learning segment of its group."""

    start: int
    end: int
    group: int
    index: int
    level: int


@dataclass(frozen=True)
class Part:
    """Posts ``start``..``end`` of file number ``file`` (positions after dropped repeats), in segments;
    a routed part holds only the posts at ``posts`` (ascending) of that run, and ``anew`` are the touches
    of its threads' contexts (its own post's position, and 0 as its page is surveyed or 1 as it is placed)
    at which one machine had forgotten that thread: there the part forgets it too. ``carry`` are the
    threads begun in earlier files whose contexts the part takes up, each with the number (in
    ``Plan.parts``) of the part holding its latest earlier posts, in the order one machine last touched them."""

    file: int
    start: int
    end: int
    segments: tuple[Segment, ...]
    posts: array | None = None
    anew: tuple[tuple[int, int], ...] = ()
    carry: tuple[tuple[str, int], ...] = ()

    def positions(self) -> Sequence[int]:
        """The file positions of the part's posts, in order."""
        return range(self.start, self.end) if self.posts is None else self.posts


@dataclass
class Plan:
    """The learning parts (runs of files, in input order) and the parts searched and built; ``windows`` holds each
    file's posts' windows, whose mentions one machine resolves together whatever its batches (``_Window`` of
    ``extract.extractor``), numbered in input order."""

    learning: list[Part]
    parts: list[Part]
    windows: list[list[int]]


def _cuts(threads: Sequence[int]) -> list[int]:
    """Positions where no thread of the posts before appears again."""
    last = {t: i for i, t in enumerate(threads)}
    cuts, reach = [], -1
    for i, thread in enumerate(threads):
        if i and reach < i:
            cuts.append(i)
        reach = max(reach, last[thread])
    return cuts


def _runs(
    groups: Sequence[int], positions: Sequence[int], level: dict[int, int], index: Iterator[int]
) -> list[Segment]:
    """The segments of a part holding the posts at ``positions`` (of a file whose posts are in ``groups``)."""
    segments: list[Segment] = []
    start = 0
    for j in range(1, len(positions) + 1):
        if j == len(positions) or groups[positions[j]] != groups[positions[start]]:
            g = groups[positions[start]]
            segments.append(Segment(start, j, g, next(index), level[g]))
            start = j
    return segments


def _touches(files: Sequence[Survey], groups: Sequence[Sequence[int]]) -> Iterator[tuple[int, str, int, int]]:
    """(file, thread, position, kind) in the order one machine's extraction makes the threads' contexts
    recent: per group, first the page surveys of its flat posts (kind 0), then each post as it is placed
    (kind 1)."""
    for f, survey in enumerate(files):
        n, names, of = len(survey.thread_of), survey.threads, survey.thread_of
        start = 0
        for i in range(1, n + 1):
            if i == n or groups[f][i] != groups[f][start]:
                yield from ((f, names[of[j]], j, 0) for j in range(start, i) if survey.flat[j])
                yield from ((f, names[of[j]], j, 1) for j in range(start, i))
                start = i


@dataclass
class _Replay:
    """One machine's thread contexts over the whole input (``Extractor._context``): per file and kind of
    touch, the positions of the posts (ascending) at whose touch one machine has forgotten their thread,
    met before (eight bytes a touch, where a dump in time order of many threads may forget at most of its
    posts); per thread going on in file ``f`` whose context one machine still holds as the file first
    touches it, (f, thread): the number of its last touch before; and the number of each file's first
    touch."""

    forgotten: list[tuple[array, array]]
    carried: dict[tuple[int, str], int]
    starts: list[int]

    def file_of(self, touch: int) -> int:
        return bisect_right(self.starts, touch) - 1

    def kinds(self, file: int, at: int) -> list[int]:
        """The kinds of the touches of the post at ``at`` of ``file`` at which its thread was forgotten."""
        return [
            kind
            for kind, positions in enumerate(self.forgotten[file])
            if (i := bisect_left(positions, at)) < len(positions) and positions[i] == at
        ]


def _replay(files: Sequence[Survey], groups: Sequence[Sequence[int]]) -> _Replay:
    """One machine's touches of the threads' contexts (``_touches``) replayed, remembering the most recent
    ``ACTIVE_THREADS`` threads as it does."""
    met: set[str] = set()
    recent: OrderedDict[str, int] = OrderedDict()  # each remembered thread's last touch
    out = _Replay([(array("q"), array("q")) for _ in files], {}, [])
    f = -1
    for n, (file, thread, at, kind) in enumerate(_touches(files, groups)):
        while f < file:
            out.starts.append(n)
            f += 1
        last = recent.get(thread)
        if last is not None:
            if last < out.starts[f]:
                out.carried[f, thread] = last
            recent.move_to_end(thread)
        elif thread in met:
            out.forgotten[f][kind].append(at)  # each kind's touches come in the order of their posts
        else:
            met.add(thread)
        recent[thread] = n
        if len(recent) > ACTIVE_THREADS:
            recent.popitem(last=False)
    return out


def _spanning(files: Sequence[Survey]) -> bool:
    """Whether a thread has posts in more than one file."""
    seen: set[str] = set()
    for survey in files:
        names = {survey.threads[t] for t in set(survey.thread_of)}
        if not seen.isdisjoint(names):
            return True
        seen |= names
    return False


def _carried(files: Sequence[Survey], parts: Sequence[Part], replay: _Replay) -> list[Part]:
    """``parts`` with the contexts each takes up from earlier files (``Part.carry``)."""
    if not replay.carried:
        return list(parts)
    wanted = set(replay.carried)
    wanted.update((replay.file_of(last), thread) for (_, thread), last in replay.carried.items())
    threads: list[set[str]] = []
    holder: dict[tuple[int, str], int] = {}  # (file, thread) -> the part holding the thread's posts of the file
    for k, part in enumerate(parts):
        of = files[part.file].thread_of
        held = set(of[part.start : part.end]) if part.posts is None else {of[at] for at in part.posts}
        threads.append(names := {files[part.file].threads[t] for t in held})
        for thread in names:
            if (part.file, thread) in wanted:
                holder[part.file, thread] = k
    out = []
    for part, names in zip(parts, threads, strict=True):
        taken = sorted(
            (last, thread) for thread in names if (last := replay.carried.get((part.file, thread))) is not None
        )
        carry = tuple((thread, holder[replay.file_of(last), thread]) for last, thread in taken)
        out.append(replace(part, carry=carry) if carry else part)
    return out


def _routed(survey: Survey, start: int, end: int, parts: int) -> list[array]:
    """The posts of ``start``..``end`` dealt by thread into ``parts`` parts: each thread, in order of first
    post, to the part with the fewest posts so far."""
    sizes: dict[int, int] = {}
    for i in range(start, end):
        sizes[survey.thread_of[i]] = sizes.get(survey.thread_of[i], 0) + 1
    heap = [(0, k) for k in range(parts)]
    part_of: dict[int, int] = {}
    for thread, n in sizes.items():
        posts, k = heapq.heappop(heap)
        part_of[thread] = k
        heapq.heappush(heap, (posts + n, k))
    out = [array("q") for _ in range(parts)]
    for i in range(start, end):
        out[part_of[survey.thread_of[i]]].append(i)
    return [a for a in out if a]


def plan(files: Sequence[Survey], size: int, batch_size: int) -> Plan:
    """The parts of ``files`` (read in this order as one input each) of about ``size`` posts, and their
    segments by the groups of the single-machine path with batches of ``batch_size``."""
    cuts = BatchCuts(batch_size)
    group = window = -1
    groups: list[list[int]] = []
    windows: list[list[int]] = []
    for survey in files:
        of_file, windows_of_file = [], []
        window_cuts = BatchCuts(batch_cuts.WINDOW)  # each file's windows are cut from it alone
        for i, (t, chars) in enumerate(zip(survey.thread_of, survey.chars, strict=True)):
            if cuts.starts(survey.threads[t], chars) or not i:  # a new input starts a group too
                group += 1
            if window_cuts.starts(survey.threads[t], chars) or not i:  # and a window
                window += 1
            of_file.append(group)
            windows_of_file.append(window)
        groups.append(of_file)
        windows.append(windows_of_file)
    replay = _replay(files, groups) if _spanning(files) else None  # else computed when a run is first routed
    # per file: the learning runs and the searched runs, each (file, start, end, posts or None, anew)
    learning: list[tuple[int, int, int]] = []
    searched: list[tuple[int, int, int, array | None, tuple[tuple[int, int], ...]]] = []
    for f, survey in enumerate(files):
        n = len(survey.thread_of)
        if not n:
            continue
        bounds = [0]
        for cut in _cuts(survey.thread_of):
            if cut - bounds[-1] >= size:
                bounds.append(cut)
        bounds.append(n)
        for start, end in zip(bounds, bounds[1:], strict=False):
            if end - start >= 2 * size and len(set(survey.thread_of[start:end])) > 1:
                if replay is None:
                    replay = _replay(files, groups)
                for a in range(start, end, size):
                    learning.append((f, a, min(end, a + size)))
                for posts in _routed(survey, start, end, -(-(end - start) // size)):
                    anew = tuple((j, kind) for j, at in enumerate(posts) for kind in replay.kinds(f, at))
                    searched.append((f, start, end, posts, anew))
            else:
                learning.append((f, start, end))
                searched.append((f, start, end, None, ()))
    level: dict[int, int] = {}
    index = 0
    for f, start, end in learning:
        for i in range(start, end):
            if i == start or groups[f][i] != groups[f][i - 1]:
                index += 1
            level[groups[f][i]] = index - 1
    numbers = iter(range(index))
    learnt = [Part(f, a, b, tuple(_runs(groups[f], range(a, b), level, numbers))) for f, a, b in learning]
    whole = {(p.file, p.start): p for p in learnt}
    parts = [
        whole[f, start]
        if posts is None
        else Part(f, start, end, tuple(_runs(groups[f], posts, level, repeat(-1))), posts, anew)
        for f, start, end, posts, anew in searched
    ]
    return Plan(learnt, parts if replay is None else _carried(files, parts, replay), windows)
