"""Which ids a load has already met: post ids read, so a record repeating an id is skipped, not merged
(``sources``), node ids written by a new store's bulk load (``store.ladybug_bulk``), and edges a store's batches
left waiting for an end (``store.ladybug``, ``store.neo4j``).

Two records with one id would otherwise become one node holding the later text with two WROTE
edges, crediting one author with another's words. Ids are kept as 64-bit hashes: the recent ones
in a set, the rest in a sorted array checked a run of posts at a time, so a million posts take
about 10 MB and a few microseconds each (a set of the ids themselves would take over 100 MB). The
extraction keeps one per thread, of the posts its context holds, with short runs: a thread of a
hundred posts then holds about 1 KB.
The hashes of ``SeenIds`` are Python's own, which differ between processes: they only need to agree within one
load. ``IdCounts`` holds stable digests instead, so counts made in other processes (a cluster's workers) add up
(``IdCounts.update``). Two distinct ids share a hash with a chance of about 3 in 100 million at a million posts.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable, Sequence

import numpy as np

__all__ = ["IdCounts", "SeenIds"]

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
        self._merge()
        return new

    def update(self, keys: Iterable[str]) -> None:
        """Remember ``keys``, not saying which are new: at the set's own speed, for ids remembered far more often
        than looked up (``add`` looks each up)."""
        self._recent.update(map(hash, keys))
        self._merge()

    def _merge(self) -> None:
        if len(self._recent) >= max(self._run, len(self._old) >> 4):
            recent = np.fromiter(self._recent, dtype=np.int64, count=len(self._recent))
            self._old = np.union1d(self._old, recent)
            self._recent.clear()


def _digest(key: str) -> int:
    """A 64-bit digest of an id, the same in every process (Python's ``hash`` of a string is not)."""
    return int.from_bytes(hashlib.blake2b(key.encode("utf-8", "surrogatepass"), digest_size=8).digest(), signed=True)


class IdCounts:
    """A count for each of a growing set of ids, compactly held as ``SeenIds`` holds ids (64-bit digests, the recent
    ones in a dict, the rest in sorted arrays): ``add`` to an id's count, ``pop`` ids' counts, ``update`` with the
    counts of another, made in any process. ``len``: the ids held with a count."""

    __slots__ = ("_counts", "_held", "_keys", "_recent", "_run")

    def __init__(self, run: int = _RUN) -> None:
        self._keys = np.empty(0, dtype=np.int64)
        self._counts = np.empty(0, dtype=np.int64)
        self._recent: dict[int, int] = {}
        self._held = 0
        self._run = run

    def __len__(self) -> int:
        return self._held

    def add(self, key: str, n: int) -> None:
        """Add ``n`` to the count of ``key``."""
        self._add(_digest(key), n)

    def update(self, other: IdCounts) -> None:
        """Add the counts of ``other``, all at once: a look-up each (``add``) takes 5 s a million ids."""
        keys, counts = zip(self._held_counts(), other._held_counts(), strict=True)
        self._keys, at = np.unique(np.concatenate(keys), return_inverse=True)
        self._counts = np.zeros(len(self._keys), dtype=np.int64)
        np.add.at(self._counts, at, np.concatenate(counts))
        self._recent.clear()
        self._held = len(self._keys)

    def _held_counts(self) -> tuple[np.ndarray, np.ndarray]:
        """The ids held with a count, and their counts."""
        kept = self._counts > 0
        recent = len(self._recent)
        keys = np.concatenate((self._keys[kept], np.fromiter(self._recent, np.int64, recent)))
        return keys, np.concatenate((self._counts[kept], np.fromiter(self._recent.values(), np.int64, recent)))

    def _add(self, value: int, n: int) -> None:
        if len(self._keys):
            at = min(int(np.searchsorted(self._keys, value)), len(self._keys) - 1)
            if self._keys[at] == value:
                self._held += not self._counts[at]
                self._counts[at] += n
                return
        self._held += value not in self._recent
        self._recent[value] = self._recent.get(value, 0) + n
        if len(self._recent) >= max(self._run, len(self._keys) >> 4):
            # ids popped leave the arrays here, so they hold at most the ids with a count and a run more
            keys, counts = self._held_counts()
            order = np.argsort(keys, kind="stable")
            self._keys, self._counts = keys[order], counts[order]
            self._recent.clear()

    def pop(self, keys: Sequence[str]) -> list[int]:
        """The count of each of ``keys`` (0 for one without), which it no longer has: the arrays' all at once, as
        ``update`` adds them, the ids searched in order (a million popped each at its place took about a second)."""
        if not self._held:
            return [0] * len(keys)
        values = np.fromiter(map(_digest, keys), np.int64, len(keys))
        recent = [self._recent.pop(value, 0) for value in values.tolist()] if self._recent else 0
        out = np.zeros(len(keys), dtype=np.int64) + recent
        if len(self._keys):
            order = np.argsort(values, kind="stable")  # searched in order, faster; a key given twice: its first first
            ordered = values[order]
            at = np.minimum(np.searchsorted(self._keys, ordered), len(self._keys) - 1)
            found = (self._keys[at] == ordered) & np.insert(ordered[1:] != ordered[:-1], 0, True)  # its count once
            out[order[found]] += self._counts[at[found]]
            self._counts[at[found]] = 0
        self._held -= int(np.count_nonzero(out))
        return out.tolist()
