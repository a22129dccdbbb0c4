"""Ranked views counted from columns, on a store that hands query results over as Arrow columns.

``strengths`` and ``pairs_among`` (``project.py``) make the store join each edge's posts to their
writers, once per end and per batch of speakers: on the embedded engine each join of a million
replies to their writers took about two seconds, and the view 40 s of CPU. Here the store hands over
flat columns instead, keyed by its node ids: the writer of each signed post, every post with the
speaker it has unsigned, and the view's edges with their posts' keys; numpy maps each edge to its pair
of speakers and counts them. The edges among the nodes kept are read again with their references and
evidence texts, the first of each pair kept. A focus on authors (``--author``) and a weight cut
(``--min-weight``) trim the counted pairs here, as ``select.py`` trims the pairs the store aggregates.
Nodes, weights, inferred counts, evidence and notes equal those of the Cypher path.

It serves views of the whole corpus of the kinds whose every edge goes from one post's speaker to
another's (``replies``), on a store where each post has at most one writer (an older graphkit credited
some posts two).
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc

from .. import schema
from ..store import Store
from .project import PROJECTIONS, Pair, Part, unsigned_speaker
from .scope import Scope

__all__ = ["Counted", "Trimmed", "counted"]

_TABLE_SHIFT = 40  # a node key is its table id above its offset in the table
# Posts whose edges one read returns: the engine holds a read's whole result in its page cache before
# handing it over, and a million replies with their evidence references did not fit the default 256 MB.
CHUNK_POSTS = 100_000
_REF = "p.id + ' ' + coalesce(r.id, '')"  # an edge as ``Pair.posts`` names it


def _keys(column: pa.ChunkedArray) -> np.ndarray:
    """One int64 per node id: the embedded engine's ids are (table, offset) pairs."""
    ids = column.combine_chunks()
    if pa.types.is_struct(ids.type):
        return (ids.field("table").to_numpy().astype(np.int64) << _TABLE_SHIFT) | ids.field("offset").to_numpy()
    return ids.to_numpy().astype(np.int64)


def _fits(part: Part) -> bool:
    return bool(part.owner_label) and part.u_post == "p" and part.v_post == "q" and not part.au and not part.tone


@dataclass
class _Speakers:
    """Every post's speaker: ``codes[i]`` names the speaker (in ``names``) of the post with key ``keys[i]``."""

    keys: np.ndarray
    codes: np.ndarray
    names: list[str]

    def of(self, keys: np.ndarray) -> np.ndarray:
        """The speaker codes of these posts, -1 for a node that is not a post."""
        if not len(self.keys):
            return np.full(len(keys), -1, dtype=np.int64)
        at = np.searchsorted(self.keys, keys).clip(max=len(self.keys) - 1)
        return np.where(self.keys[at] == keys, self.codes[at], -1)


def _speakers(store: Store) -> _Speakers | None:
    """The speaker of every stored post (see ``project.speaker``); None when the store hands over no
    columns or a post has two writers. Every post is read with the speaker it has unsigned, then the
    signed ones dropped: the engine answered ``NOT EXISTS`` a writer in twice the time."""
    signed = store.columns(f"MATCH (a:{schema.AUTHOR})-[:{schema.WROTE}]->(p) RETURN id(p) AS post, a.id AS speaker")
    if signed is None:
        return None
    writes = _keys(signed["post"])
    if len(np.unique(writes)) < len(writes):
        return None
    tables = [signed]
    for label in schema.POST_LABELS:
        speaker = unsigned_speaker("p") if "thread" in schema.node_type(label).names else "p.id"
        every = store.columns(f"MATCH (p:{label}) RETURN id(p) AS post, {speaker} AS speaker")
        tables.append(every.filter(pa.array(~np.isin(_keys(every["post"]), writes))))
    both = pa.concat_tables(tables)
    keys = _keys(both["post"])
    order = np.argsort(keys)
    encoded = pc.dictionary_encode(both["speaker"]).combine_chunks()
    codes = encoded.indices.to_numpy(zero_copy_only=False).astype(np.int64)[order]
    return _Speakers(keys[order], codes, encoded.dictionary.to_pylist())


def _first(edges: pa.Table, snippets: int) -> pa.Table:
    """The first ``snippets`` rows of each ``pair`` in the order of ``ref``, sorted so."""
    order = pc.sort_indices(edges, [("pair", "ascending"), ("ref", "ascending")]).to_numpy()
    pair = edges["pair"].to_numpy()[order]
    starts = _starts(pair)
    rank = np.arange(len(pair)) - np.repeat(starts, np.diff(np.r_[starts, len(pair)]))
    return edges.take(pa.array(order[rank < snippets]))


def _starts(sorted_codes: np.ndarray) -> np.ndarray:
    """Where each run of equal codes starts."""
    if not len(sorted_codes):
        return np.zeros(0, dtype=np.int64)
    return np.flatnonzero(np.r_[True, sorted_codes[1:] != sorted_codes[:-1]])


def _marked(n: int, *ends: np.ndarray) -> np.ndarray:
    """A mask of ``n`` speakers, set at every code in ``ends``."""
    mask = np.zeros(n, dtype=bool)
    for codes in ends:
        mask[codes] = True
    return mask


@dataclass
class Trimmed:
    """What ``Counted.trimmed`` leaves: each node's weighted degree over the pairs left, how many nodes
    the focus on authors kept (None without one), and how many the weight cut left alone and dropped."""

    score: dict[str, int]
    focused: int | None
    dropped: int


@dataclass
class Counted:
    """The edges of a view in scope as pairs of speaker codes (``su``, ``sv``) and inferred flags."""

    part: Part
    scope: Scope
    speakers: _Speakers
    su: np.ndarray
    sv: np.ndarray
    inferred: np.ndarray

    @property
    def score(self) -> dict[str, int]:
        """Every node of the view with its weighted degree (as ``project.strengths``)."""
        names = self.speakers.names
        counts = np.bincount(self.su, minlength=len(names)) + np.bincount(self.sv, minlength=len(names))
        return {names[i]: int(counts[i]) for i in np.flatnonzero(counts)}

    @property
    def sent(self) -> dict[str, int]:
        """How many edges each speaker sends (as ``project.strengths`` counts them)."""
        names = self.speakers.names
        counts = np.bincount(self.su, minlength=len(names))
        return {names[i]: int(counts[i]) for i in np.flatnonzero(counts)}

    def trimmed(self, authors: set[str] | None, min_weight: int) -> Trimmed:
        """The nodes left after focusing on ``authors`` (None: no focus) and dropping the pairs lighter
        than ``min_weight``, as ``select.focus`` and ``select.drop_weak`` leave them, counted per pair."""
        names = self.speakers.names
        n = len(names)
        codes, weights = np.unique(self.su * n + self.sv, return_counts=True)
        u, v = codes // n, codes % n
        alive = _marked(n, u, v)
        focused = None
        if authors is not None:
            centre = np.zeros(n, dtype=bool)
            centre[[i for i, name in enumerate(names) if name in authors]] = True
            near = centre[u] | centre[v]
            alive = (centre & alive) | _marked(n, u[near], v[near])
            inside = alive[u] & alive[v]
            u, v, weights = u[inside], v[inside], weights[inside]
            focused = int(alive.sum())
        dropped = 0
        if min_weight > 1:
            heavy = weights >= min_weight
            lonely = _marked(n, u[~heavy], v[~heavy]) & ~_marked(n, u[heavy], v[heavy])
            dropped = int(lonely.sum())
            alive &= ~lonely
            u, v, weights = u[heavy], v[heavy], weights[heavy]
        score = np.bincount(u, weights, minlength=n) + np.bincount(v, weights, minlength=n)
        return Trimmed({names[i]: int(score[i]) for i in np.flatnonzero(alive)}, focused, dropped)

    def pairs_among(
        self, store: Store, nodes: set[str], snippets: int, min_weight: int = 1
    ) -> tuple[list[Pair], dict[tuple[str, str], str]]:
        """The aggregated edges (as ``project.pairs_among``) between ``nodes`` only, of at least
        ``min_weight``, and the evidence of the edges they name (as ``project.evidence``)."""
        names = self.speakers.names
        kept = np.array([name in nodes for name in names] + [False], dtype=bool)  # the last: not a post
        at = np.flatnonzero(kept[self.su] & kept[self.sv])
        codes, index, weights = np.unique(
            self.su[at] * len(names) + self.sv[at], return_inverse=True, return_counts=True
        )
        inferred = np.bincount(index, weights=self.inferred[at], minlength=len(codes))
        refs, found = self._first_refs(store, kept, snippets) if self.part.evidence else ({}, {})
        out = []
        for code, weight, n in zip(codes.tolist(), weights.tolist(), inferred.tolist(), strict=True):
            if weight >= min_weight:
                u, v = names[code // len(names)], names[code % len(names)]
                out.append(Pair(u, v, self.part.key, u, v, weight, int(n), None, refs.get(code, [])))
        return out, found

    def _first_refs(
        self, store: Store, kept: np.ndarray, snippets: int
    ) -> tuple[dict[int, list[str]], dict[tuple[str, str], str]]:
        """The first ``snippets`` references of each pair between kept nodes and their evidence texts,
        read again chunk by chunk with the texts (the first of each chunk kept): looked up by key
        after, the evidence of a third of a million posts took several times longer."""
        n = len(self.speakers.names)
        best = []
        returns = f"id(p) AS p, id(q) AS q, {_REF} AS ref, {self.part.evidence} AS ev"
        for read in _reads(store, self.part, self.scope, returns):
            su, sv = self.speakers.of(_keys(read["p"])), self.speakers.of(_keys(read["q"]))
            at = pa.array(np.flatnonzero(kept[su] & kept[sv]))
            pair = pa.array(su * n + sv).take(at)
            best.append(
                _first(pa.table({"pair": pair, "ref": read["ref"].take(at), "ev": read["ev"].take(at)}), snippets)
            )
        first = _first(pa.concat_tables(best), snippets)
        pair, refs, texts = first["pair"].to_numpy(), first["ref"].to_pylist(), first["ev"].to_pylist()
        starts = _starts(pair)
        ends = np.r_[starts[1:], len(pair)] if len(starts) else starts
        bounds = zip(pair[starts].tolist(), starts.tolist(), ends.tolist(), strict=True)
        found = {(ref, self.part.key): text for ref, text in zip(refs, texts, strict=True) if text is not None}
        return {code: refs[start:end] for code, start, end in bounds}, found


def _reads(store: Store, part: Part, scope: Scope, returns: str) -> Iterator[pa.Table]:
    """``RETURN returns`` over the edges of ``part`` in scope, ``CHUNK_POSTS`` owning posts (by the
    engine's offsets) per read."""
    last = store.columns(f"MATCH (p:{part.owner_label}) RETURN max(offset(id(p))) AS last")["last"][0].as_py()
    chunk = f"offset(id(p)) >= $first AND offset(id(p)) < $first + {CHUNK_POSTS}"
    cypher = (
        f"MATCH {part.match.format(p=f'p:{part.owner_label}')}\n{scope.where('p', part.owner_label, chunk)}\n"
        f"RETURN {returns}"
    )
    for first in range(0, (last or 0) + 1, CHUNK_POSTS):
        yield store.columns(cypher, {**scope.params, "first": first})


def counted(store: Store, kind: str, scope: Scope) -> Counted | None:
    """The view's edges counted from columns, or None when this store, kind or scope takes the Cypher
    path: a filtered view (one thread, some dates) reads its own posts through Cypher, where the columns
    would read every post's speaker (a thread's replies took 8 s of CPU on a million comments, not 4)."""
    parts = PROJECTIONS[kind].parts
    if not scope.everything or len(parts) != 1 or not _fits(parts[0]):
        return None
    part = parts[0]
    speakers = _speakers(store)
    if speakers is None:
        return None
    returns = f"id(p) AS p, id(q) AS q, {part.inferred or 'false'} AS inferred"
    edges = pa.concat_tables(_reads(store, part, scope, returns))
    su, sv = speakers.of(_keys(edges["p"])), speakers.of(_keys(edges["q"]))
    if (su < 0).any() or (sv < 0).any():
        return None
    flags = pc.fill_null(edges["inferred"], False).combine_chunks().to_numpy(zero_copy_only=False).astype(np.int64)
    return Counted(part, scope, speakers, su, sv, flags)
