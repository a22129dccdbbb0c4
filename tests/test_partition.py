"""Parts of a cluster run: cut only where no thread goes on, in segments by the single-machine path's groups."""

from __future__ import annotations

from graphkit.partition import Segment, Survey, plan


def _survey(threads: str, chars: int = 10) -> Survey:
    names = sorted(set(threads))
    return Survey(names, [names.index(t) for t in threads], [chars] * len(threads))


def test_a_file_is_cut_only_where_no_thread_of_the_posts_before_goes_on():
    parts = plan([_survey("aabacccdd")], size=1, batch_size=100)
    # "a" goes on up to position 3, "c" from 4 to 6, "d" from 7
    assert [(p.start, p.end) for p in parts] == [(0, 4), (4, 7), (7, 9)]
    assert all(len(p.segments) == 1 and p.segments[0].group == 0 for p in parts)
    assert [p.segments[0].level for p in parts] == [2, 2, 2]  # the file is one group: learnt whole


def test_parts_are_about_size_posts_and_a_file_of_interleaved_threads_stays_whole():
    assert [(p.start, p.end) for p in plan([_survey("aabbccdd")], size=3, batch_size=100)] == [(0, 4), (4, 8)]
    assert [(p.start, p.end) for p in plan([_survey("abababab")], size=1, batch_size=100)] == [(0, 8)]


def test_segments_follow_batches_across_files():
    # batches of 3 posts or more, cut between threads: "aaa | bbc c | dd"; the second file starts a group
    # of its own (another input) in the batch that goes on
    parts = plan([_survey("aaabbc"), _survey("cdd")], size=1, batch_size=3)
    assert [(p.file, p.start, p.end) for p in parts] == [(0, 0, 3), (0, 3, 5), (0, 5, 6), (1, 0, 1), (1, 1, 3)]
    segments = [s for p in parts for s in p.segments]
    assert [s.group for s in segments] == [0, 1, 1, 2, 3]
    assert [s.level for s in segments] == [0, 2, 2, 3, 4]  # "bb" is searched knowing the "c" after it
    assert segments[1] == Segment(0, 2, 1, 1, 2)


def test_a_part_holding_a_batch_start_is_cut_into_segments():
    [part] = plan([_survey("abcdef")], size=100, batch_size=2)
    assert [(s.start, s.end, s.group, s.level) for s in part.segments] == [(0, 2, 0, 0), (2, 4, 1, 1), (4, 6, 2, 2)]
