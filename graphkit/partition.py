"""Cutting the input of a cluster run into parts, so that each part extracts as on one machine.

The single-machine path reads its inputs as one stream, cuts it into batches (``pipeline.batches``)
and learns each batch input by input: a run of posts of one input in one batch (a *group*) is
taught whole, then searched and resolved as one. A file surveyed once (each post's thread and text
length) tells where those groups start. A part is a run of posts of one file cut where no thread of
the posts before goes on after (so its reply contexts are those of one machine), about ``size``
posts long; where a group starts inside a part, the part is cut into *segments*, each taught,
searched and resolved with its group. Segments are numbered in input order; a segment's
``level`` is the number of the last segment of its group: what it is searched with is the
knowledge of the segments up to its level.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from .pipeline import BatchCuts

__all__ = ["Survey", "Segment", "Part", "plan"]


@dataclass
class Survey:
    """One file as a part's reading sees it, without the records dropped as repeats: each post's thread
    (an index into ``threads``) and text length, in reading order."""

    threads: list[str]
    thread_of: Sequence[int]
    chars: Sequence[int]


@dataclass(frozen=True)
class Segment:
    """Posts ``start``..``end`` of a part (its own positions), all of group ``group``; ``index`` is
    the segment's number in the whole input and ``level`` that of the last segment of its group."""

    start: int
    end: int
    group: int
    index: int
    level: int


@dataclass(frozen=True)
class Part:
    """Posts ``start``..``end`` of file number ``file`` (positions after dropped repeats), in segments."""

    file: int
    start: int
    end: int
    segments: tuple[Segment, ...]


def _cuts(threads: Sequence[int]) -> list[int]:
    """Positions where no thread of the posts before appears again."""
    last = {t: i for i, t in enumerate(threads)}
    cuts, reach = [], -1
    for i, thread in enumerate(threads):
        if i and reach < i:
            cuts.append(i)
        reach = max(reach, last[thread])
    return cuts


def plan(files: Sequence[Survey], size: int, batch_size: int) -> list[Part]:
    """The parts of ``files`` (read in this order as one input each) of about ``size`` posts, and their
    segments by the groups of the single-machine path with batches of ``batch_size``."""
    cuts = BatchCuts(batch_size)
    group = -1
    found: list[tuple[int, int, int, list[tuple[int, int, int]]]] = []  # file, start, end, [start, end, group]
    for f, survey in enumerate(files):
        n = len(survey.thread_of)
        if not n:
            continue
        groups = []
        for i, (t, chars) in enumerate(zip(survey.thread_of, survey.chars, strict=True)):
            if cuts.starts(survey.threads[t], chars) or not i:  # a new input starts a group too
                group += 1
            groups.append(group)
        bounds = [0]
        for cut in _cuts(survey.thread_of):
            if cut - bounds[-1] >= size:
                bounds.append(cut)
        bounds.append(n)
        for start, end in zip(bounds, bounds[1:], strict=False):
            runs: list[tuple[int, int, int]] = []
            for i in range(start, end):
                if runs and runs[-1][2] == groups[i]:
                    runs[-1] = (runs[-1][0], i + 1 - start, groups[i])
                else:
                    runs.append((i - start, i + 1 - start, groups[i]))
            found.append((f, start, end, runs))
    last: dict[int, int] = {}
    index = 0
    for *_, runs in found:
        for _, _, g in runs:
            last[g] = index
            index += 1
    parts, index = [], 0
    for f, start, end, runs in found:
        segments = []
        for a, b, g in runs:
            segments.append(Segment(a, b, g, index, last[g]))
            index += 1
        parts.append(Part(f, start, end, tuple(segments)))
    return parts
