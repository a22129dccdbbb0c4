"""Loads that continue a store: posts stored whole are skipped before the model reads them, and what
extracting them taught (participants, vocabulary, entities, earlier comments of a thread) is read
back from the store, so loading a corpus and then one more input stores the graph of one load of all.

The Neo4j twin of these tests is tests/neo4j/test_neo4j_incremental.py.
"""

from __future__ import annotations

import shutil

import pytest

from graphkit.errors import StoreError
from graphkit.store import open_store
from graphkit.store.ladybug import LadybugStore
from tests.incremental import CASES, EXAMPLE, differences, load_inputs, stored


@pytest.fixture(scope="module")
def inputs(tmp_path_factory):
    folder = tmp_path_factory.mktemp("inputs")
    return {name: make(folder) for name, make in CASES.items()}


@pytest.fixture(scope="module")
def all_at_once(inputs, tmp_path_factory):
    """What one load of both inputs stores, per case."""
    out = {}
    for name, (first, second) in inputs.items():
        with open_store("ladybug", path=str(tmp_path_factory.mktemp(name) / "all.lbug")) as store:
            load_inputs(store, [first, second])
            out[name] = stored(store)
    return out


@pytest.fixture(scope="module")
def corpora(inputs, tmp_path_factory):
    """Per case, the folder of a closed store holding the first input alone: each test goes on in a copy."""
    out = {}
    for name, (first, _) in inputs.items():
        folder = tmp_path_factory.mktemp(f"{name}-corpus")
        with open_store("ladybug", path=str(folder / "s.lbug")) as store:
            load_inputs(store, [first])
        out[name] = folder
    return out


@pytest.mark.parametrize("again", ["new-input-only", "all-inputs"])
@pytest.mark.parametrize("case", sorted(CASES))
def test_a_corpus_then_one_more_input_stores_what_one_load_of_all_does(
    inputs, corpora, all_at_once, tmp_path, case, again
):
    """The later page continues a stored thread (its replies are inferred from the comments before
    it); the Reddit halves share authors and entities. The second load names the new input alone, or
    every input again (the stored ones are then skipped unread)."""
    first, second = inputs[case]
    shutil.copytree(corpora[case], tmp_path / "corpus")
    with open_store("ladybug", path=str(tmp_path / "corpus" / "s.lbug")) as store:
        summary = load_inputs(store, [second] if again == "new-input-only" else [first, second])
        assert differences(stored(store), all_at_once[case]) == []
    if again == "all-inputs":
        assert summary.stored >= len({p for p in all_at_once[case][1] if p.startswith("comment:")}) // 3


def test_reloading_unchanged_input_never_runs_the_model(tmp_path):
    """The second load is given a model that is not installed: it must not need it."""
    from graphkit.extract import Extractor
    from graphkit.pipeline import load
    from graphkit.sources import Report, expand_inputs, read_posts

    with open_store("ladybug", path=str(tmp_path / "s.lbug")) as store:
        first = load_inputs(store, [EXAMPLE])
        before = stored(store)
        report = Report()
        posts = read_posts(expand_inputs([str(EXAMPLE)]), report=report)
        again = load(posts, store, Extractor(model="no_such_model", workers=1), report=report)
        assert differences(stored(store), before) == []
    assert again.stored == again.posts == first.posts
    assert (again.counts.nodes_created, again.counts.rels_created) == (0, 0)
    assert "23 posts already stored, skipped" in again.line()


def test_a_batch_stopped_halfway_is_extracted_again_not_skipped(tmp_path, monkeypatch):
    """Its posts are stored but not all its edges: they do not count as stored until a load
    completes them, and the completed store equals one clean load."""
    with open_store("ladybug", path=str(tmp_path / "clean.lbug")) as store:
        load_inputs(store, [EXAMPLE], entities=False)
        clean = stored(store)
    copy_rels, written = LadybugStore._copy_rels, []

    def fail_on_second_group(self, group, rows):
        if written:
            raise RuntimeError("IO exception: No space left on device")
        written.append(len(rows))
        return copy_rels(self, group, rows)

    monkeypatch.setattr(LadybugStore, "bulk", lambda self: None)  # batch by batch, as into a store holding posts
    with open_store("ladybug", path=str(tmp_path / "s.lbug")) as store:
        monkeypatch.setattr(LadybugStore, "_copy_rels", fail_on_second_group)
        with pytest.raises(StoreError):
            load_inputs(store, [EXAMPLE], entities=False)
        monkeypatch.setattr(LadybugStore, "_copy_rels", copy_rels)
        assert store.counts()["Comment"] == clean[0]["Comment"] and store.unfinished_posts()
        assert not any(s.finished for s in store.stored_posts(p for p in clean[1] if p.startswith("comment:")).values())
        summary = load_inputs(store, [EXAMPLE], entities=False)
        assert summary.stored == 0
        assert differences(stored(store), clean) == []
        assert store.unfinished_posts() == set()
