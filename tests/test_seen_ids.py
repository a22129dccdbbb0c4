"""``IdCounts`` made apart (a cluster's workers, each noting the parents its input lacks) add up as one."""

from __future__ import annotations

from collections import Counter
from pathlib import Path

from graphkit.seen_ids import IdCounts
from graphkit.sources import Report, expand_inputs, read_posts

THREAD = Path(__file__).parent / "data" / "real" / "hackernews" / "communal-algolia-item.json"


def test_counts_made_apart_add_up_as_counts_made_in_one():
    """The real Hacker News thread's parent ids counted by two counters, each over a part of its replies (the two
    parts overlap; runs of 4, so the counts are both in arrays and recent), one with some ids popped: one updated
    with the other holds what one counter of both parts holds, and its popped ids only as the other counted them."""
    parents = [p.parent for p in read_posts(expand_inputs([str(THREAD)]), report=Report()) if p.parent]
    first, second = parents[: len(parents) * 2 // 3], parents[len(parents) // 3 :]
    popped = sorted(set(first))[::5]
    truth = Counter(second) + Counter(p for p in first if p not in popped)
    assert len(set(first) & set(second)) > len(popped) > 1
    one, other = IdCounts(run=4), IdCounts(run=4)
    for parent in first:
        one.add(parent, 1)
    one.pop(popped)
    for parent in second:
        other.add(parent, 1)
    one.update(other)
    one.add(popped[0], 2)
    truth[popped[0]] += 2
    assert len(one) == len(truth)
    assert one.pop(sorted(truth)) == [truth[parent] for parent in sorted(truth)]
    assert len(one) == 0


def test_pop_takes_each_count_once_and_only_those_popped():
    """The real Hacker News thread's parent ids counted (runs of 4: in arrays and recent), then popped in parts as a
    Counter pops them: a part giving some ids twice (their count once) and ids never counted (0), so ids popped hold
    nothing after and the others all they held."""
    parents = [p.parent for p in read_posts(expand_inputs([str(THREAD)]), report=Report()) if p.parent]
    truth = Counter(parents)
    counts = IdCounts(run=4)
    for parent in parents:
        counts.add(parent, 1)
    distinct = sorted(truth)
    part = [*distinct[::3], *distinct[::6], "never-counted", "never-counted"]
    assert max(truth[p] for p in part) > 1 and len(distinct) > len(set(part)) > 8
    assert counts.pop(part) == [truth.pop(p, 0) for p in part]
    assert len(counts) == len(truth)
    assert counts.pop(distinct) == [truth[p] for p in distinct]
    assert len(counts) == 0
