"""Entity quality on annotated real threads (tests/data/entities, scored by bench/entities.py from the
annotation file and the nodes alone): recall with the right label, junk per 200 comments and merges.

Thresholds are the figures reached with some margin, so a change that loses names or lets junk back in
fails here; the bare spaCy model, scored the same way, stays below graphkit's recall and above its junk.
"""

import pytest

from bench.entities import EVAL, bare_nodes, graphkit_nodes, load, read, score

# thread: (recall at least, junk per 200 comments at most)
THRESHOLDS = {
    "reddit-graw-thread": (0.85, 8.0),
    "hn-comments-200": (0.85, 35.0),
}


@pytest.mark.parametrize("thread", sorted(THRESHOLDS))
def test_real_thread_recall_junk_and_merges(thread):
    annotation = load(EVAL / f"{thread}.entities.json")
    posts = read(annotation)
    ours, bare = score(graphkit_nodes(posts), annotation), score(bare_nodes(posts), annotation)
    print(
        f"\n{thread}: recall {ours.recall:.2f} (bare {bare.recall:.2f}), junk/200 {ours.junk_per_200:.1f} "
        f"(bare {bare.junk_per_200:.1f}), merged {ours.merged}/{ours.groups}; missed {ours.missed}; junk {ours.junk}"
    )
    least_recall, most_junk = THRESHOLDS[thread]
    assert ours.recall >= least_recall and ours.recall >= bare.recall
    assert ours.junk_per_200 <= most_junk and ours.junk_per_200 < bare.junk_per_200
    assert ours.merged == ours.groups and not ours.wrong_merges
