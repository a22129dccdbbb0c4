"""Parts of a cluster run: cut only where no thread goes on, in segments by the single-machine path's groups."""

from __future__ import annotations

import tracemalloc

from graphkit import partition
from graphkit.extract.extractor import ACTIVE_THREADS
from graphkit.partition import Segment, Survey, plan


def _survey(threads: str, chars: int = 10, flat: bool = False) -> Survey:
    names = sorted(set(threads))
    return Survey(names, [names.index(t) for t in threads], [chars] * len(threads), [flat] * len(threads))


def test_a_file_is_cut_only_where_no_thread_of_the_posts_before_goes_on():
    parts = plan([_survey("aabacccdd")], size=3, batch_size=100).parts
    # "a" goes on up to position 3, "c" from 4 to 6, "d" from 7
    assert [(p.start, p.end) for p in parts] == [(0, 4), (4, 7), (7, 9)]
    assert all(len(p.segments) == 1 and p.segments[0].group == 0 for p in parts)
    assert [p.segments[0].level for p in parts] == [2, 2, 2]  # the file is one group: learnt whole


def test_parts_are_about_size_posts_and_interleaved_threads_under_two_parts_stay_whole():
    assert [(p.start, p.end) for p in plan([_survey("aabbccdd")], size=3, batch_size=100).parts] == [(0, 4), (4, 8)]
    assert [(p.start, p.end) for p in plan([_survey("abababab")], size=5, batch_size=100).parts] == [(0, 8)]


def test_segments_follow_batches_across_files():
    # batches of 3 posts or more, cut between threads: "aaa | bbc c | dd"; the second file starts a group
    # of its own (another input) in the batch that goes on
    parts = plan([_survey("aaabbc"), _survey("cdd")], size=1, batch_size=3).parts
    assert [(p.file, p.start, p.end) for p in parts] == [(0, 0, 3), (0, 3, 5), (0, 5, 6), (1, 0, 1), (1, 1, 3)]
    segments = [s for p in parts for s in p.segments]
    assert [s.group for s in segments] == [0, 1, 1, 2, 3]
    assert [s.level for s in segments] == [0, 2, 2, 3, 4]  # "bb" is searched knowing the "c" after it
    assert segments[1] == Segment(0, 2, 1, 1, 2)


def test_a_part_holding_a_batch_start_is_cut_into_segments():
    [part] = plan([_survey("abcdef")], size=100, batch_size=2).parts
    assert [(s.start, s.end, s.group, s.level) for s in part.segments] == [(0, 2, 0, 0), (2, 4, 1, 1), (4, 6, 2, 2)]


def test_interleaved_threads_are_routed_by_thread_and_learnt_in_runs():
    # two parts' worth of interleaved posts: each thread goes whole to the part with the fewest posts
    result = plan([_survey("abcabcabcdd")], size=4, batch_size=100)
    routed = [p for p in result.parts if p.posts is not None]
    assert [list(p.posts) for p in routed] == [[0, 3, 6], [1, 4, 7], [2, 5, 8]]
    assert all(p.segments == (Segment(0, 3, 0, -1, result.learning[-1].segments[-1].level),) for p in routed)
    # what posts teach is learnt in runs of the file, whatever their threads
    assert [(p.start, p.end) for p in result.learning] == [(0, 4), (4, 8), (8, 9), (9, 11)]
    assert result.parts[-1] is result.learning[-1]  # where threads do not interleave, a part is both


def _twice(threads: int, flat: bool = False) -> Survey:
    names = [f"t{i:05d}" for i in range(threads)]
    order = list(range(threads)) * 2  # every thread comes back after all the others
    return Survey(names, order, [10] * len(order), [flat] * len(order))


def test_a_routed_part_forgets_a_thread_where_one_machine_does():
    parts = plan([_twice(ACTIVE_THREADS + 1)], size=100, batch_size=10**6).parts
    assert len(parts) > 1 and all(p.posts is not None for p in parts)  # bounded parts, threads whole
    # each thread comes back after more than ACTIVE_THREADS others: one machine has forgotten it
    second = ACTIVE_THREADS + 1  # where the threads come back
    assert all(p.anew == tuple((j, 1) for j, at in enumerate(p.posts) if at >= second) for p in parts)
    assert all(p.anew == () for p in plan([_twice(ACTIVE_THREADS)], size=100, batch_size=10**6).parts)
    # comments placed by their page's shape: every page is surveyed (each thread twice) before any is placed,
    # so one machine has forgotten each thread again as its comments are placed
    parts = plan([_twice(ACTIVE_THREADS + 1, flat=True)], size=100, batch_size=10**6).parts
    kinds = {False: (1,), True: (0, 1)}  # 0: as its page is surveyed, 1: as it is placed
    assert all(p.anew == tuple((j, k) for j, at in enumerate(p.posts) for k in kinds[at >= second]) for p in parts)


def test_the_forgotten_touches_of_a_dump_in_time_order_take_a_few_bytes_each():
    """Where one machine forgets at most touches (every thread coming back after more than ``ACTIVE_THREADS``
    others, its page surveyed and its comments placed), the client keeps eight bytes of each (before: an
    entry of a dictionary of lists, about 100 bytes)."""
    survey = _twice(ACTIVE_THREADS + 1, flat=True)
    survey.thread_of = survey.thread_of * 20  # each thread comes back 39 times
    survey.chars = survey.chars * 20
    survey.flat = survey.flat * 20
    files, groups = [survey], [[0] * len(survey.thread_of)]
    tracemalloc.start()
    try:
        replay = partition._replay(files, groups)
        held, _ = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    forgotten = sum(len(replay.kinds(0, at)) for at in range(len(survey.thread_of)))
    assert forgotten > len(survey.thread_of)  # most touches of both kinds
    assert held / forgotten < 16


def test_a_thread_going_on_in_a_later_file_takes_up_the_context_its_earlier_part_left():
    # "b" and "c" of the first file go on in the second, "d" is new there; "c" was touched last
    parts = plan([_survey("aabbcc"), _survey("cbdd")], size=2, batch_size=100).parts
    assert [(p.file, p.start, p.end) for p in parts] == [(0, 0, 2), (0, 2, 4), (0, 4, 6), (1, 0, 2), (1, 2, 4)]
    assert [p.carry for p in parts] == [(), (), (), (("b", 1), ("c", 2)), ()]  # least recently active first
    # each thread's latest earlier posts: "a" of the third file from the second, not the first
    parts = plan([_survey("ab"), _survey("a"), _survey("ab")], size=1, batch_size=100).parts
    assert [p.carry for p in parts] == [(), (), (("a", 0),), (("a", 2),), (("b", 1),)]


def test_a_thread_one_machine_forgets_before_a_later_file_goes_on_is_not_carried():
    others = [f"t{i:05d}" for i in range(ACTIVE_THREADS)]
    for between, carried in ((others[:-1], (("a", 0),)), (others, ())):
        n = len(between) + 1
        first = Survey(["a", *between], list(range(n)), [10] * n, [False] * n)
        parts = plan([first, _survey("a")], size=10**6, batch_size=10**6).parts
        assert parts[-1].carry == carried


def test_each_files_windows_are_cut_from_that_file_alone(monkeypatch):
    """The windows of entity resolution (``Plan.windows``) start afresh in each file, as one machine's do (each input
    read ahead is cut alone): a file's windows are the same after another file as planned alone, whatever the number of
    posts before it. Windows of 2 posts here, cut between threads."""
    monkeypatch.setattr(partition.batch_cuts, "WINDOW", 2)
    first, second = _survey("aaab"), _survey("bccdde")
    alone = plan([second], size=100, batch_size=100).windows[0]
    windows = plan([first, second], size=100, batch_size=100).windows
    assert windows[0] == [0, 0, 0, 1]
    assert [w - windows[1][0] for w in windows[1]] == alone == [0, 0, 0, 1, 1, 2]
