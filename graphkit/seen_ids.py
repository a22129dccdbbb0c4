"""Which ids a load has already met: post ids read, so a record repeating an id is skipped, not merged
(``sources``), node ids written by a new store's bulk load (``store.ladybug_bulk``), and edges a store's batches
left waiting for an end (``store.ladybug``, ``store.neo4j``).

Two records with one id would otherwise become one node holding the later text with two WROTE
edges, crediting one author with another's words. Ids are kept as 64-bit hashes: the recent ones
in a set, the rest in a sorted array checked a run of posts at a time, so a million posts take
about 10 MB and a few microseconds each (a set of the ids themselves would take over 100 MB). The
extraction keeps one per thread, of the posts its context holds, with short runs: a thread of a
hundred posts then holds about 1 KB.
The hashes are Python's own, which differ between processes: they only need to agree within one
load. Two distinct ids share a hash with a chance of about 3 in 100 million at a million posts.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np

__all__ = ["SeenIds"]

# Recent hashes stay in a small set, merged into the sorted array in runs of this many, or of a sixteenth of the
# array once that is more (each merge copies the array: fixed runs would cost the ids' count squared)
_RUN = 1 << 16


class SeenIds:
    """A growing set of ids, compactly held; ``add`` says which of a run of ids are new. ``run``: the fewest recent
    ids merged into the array at a time."""

    __slots__ = ("_old", "_recent", "_run")

    def __init__(self, run: int = _RUN) -> None:
        self._old = np.empty(0, dtype=np.int64)
        self._recent: set[int] = set()
        self._run = run

    def has(self, keys: Sequence[str]) -> list[bool]:
        """For each of ``keys``, whether it was added before (nothing is added)."""
        hashes = [hash(k) for k in keys]
        recent = self._recent
        return [seen or value in recent for value, seen in zip(hashes, self._in_old(hashes), strict=True)]

    def _in_old(self, hashes: list[int]) -> list[bool]:
        if not len(self._old):
            return [False] * len(hashes)
        values = np.array(hashes, dtype=np.int64)
        at = np.minimum(np.searchsorted(self._old, values), len(self._old) - 1)
        return (self._old[at] == values).tolist()

    def add(self, keys: Sequence[str]) -> list[bool]:
        """Remember ``keys``; for each, whether it is new (seen neither before nor earlier in ``keys``)."""
        hashes = [hash(k) for k in keys]
        new = []
        for value, seen in zip(hashes, self._in_old(hashes), strict=True):
            fresh = not seen and value not in self._recent
            if fresh:
                self._recent.add(value)
            new.append(fresh)
        if len(self._recent) >= max(self._run, len(self._old) >> 4):
            recent = np.fromiter(self._recent, dtype=np.int64, count=len(self._recent))
            self._old = np.union1d(self._old, recent)
            self._recent.clear()
        return new
