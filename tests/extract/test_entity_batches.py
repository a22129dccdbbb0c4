"""The entities a load finds do not depend on its batch size (issue 14): a thread's mentions are resolved in windows
cut from the input alone (``extractor._Window``), so batches of one post, of five, of 256 and one batch of everything
give the same entity nodes, aliases and MENTIONS edges, with one model process or two; a load stopped in the middle
of a window and run again stores what one clean load does; each input's windows are cut from that input alone."""

from pathlib import Path

import pytest

from graphkit import batch_cuts, schema
from graphkit.extract import Extractor
from graphkit.pipeline import extract_graph, load
from graphkit.sources import Report, expand_inputs, read_inputs, read_posts
from graphkit.store import open_store
from tests.incremental import differences, stored

pytestmark = pytest.mark.usefixtures("entity_model")

DATA = Path(__file__).parents[1] / "data"
# a development thread whose entities differed by batch size before: in batches of one post or of five, a Daily Mail
# comment section on Labour's manifesto had two entity nodes that one batch of everything has not
THREAD = DATA / "entities" / "dailymail-labour-manifesto-67.jsonl"
# another development thread (a forum's, 59 posts) and a thread a store holds before a load goes batch by batch
OTHER = DATA / "entities" / "fourforums-pope-same-sex-marriage-59.jsonl"
SEED = DATA / "everton-takeover-thread.txt"
# posts a window holds, set small: a window of one thread is cut at four times this, 20 posts (``BatchCuts``)
SMALL_WINDOW = 5


def _entities(batch_size: int, workers: int = 1) -> tuple[dict, list]:
    posts = list(read_posts(expand_inputs([str(THREAD)])))
    windows = {post.source for post in posts}
    graph = extract_graph(iter(posts), Extractor(workers=workers), batch_size, again=lambda: [posts], windows=windows)
    nodes = {
        node: (attrs["label"], attrs["name"], sorted(attrs["aliases"]))
        for node, attrs in graph.nodes(data=True)
        if attrs.get("label") in schema.ENTITY_LABELS
    }
    mentions = sorted(
        (u, v, attrs["start"]) for u, v, attrs in graph.edges(data=True) if attrs["type"] == schema.MENTIONS
    )
    return nodes, mentions


def test_a_threads_entities_are_the_same_whatever_the_batch_size():
    whole = _entities(100_000)
    assert whole[0] and whole[1]
    for size in (1, 5, 256):
        assert _entities(size) == whole, size
    assert _entities(5, workers=2) == whole


def _load(store, paths: list[Path], batch_size: int, progress=None) -> None:
    """Load ``paths`` as ``graphkit load`` does (each input read ahead), with a new extractor."""
    inputs = expand_inputs([str(p) for p in paths])
    report = Report()

    def again():
        return read_inputs(inputs, options={}, report=Report(), metered=False)

    posts = read_posts(inputs, report=report)
    load(posts, store, Extractor(workers=1), batch_size, progress, report, again, windows={inp.name for inp in inputs})


def _seeded(path: Path):
    """A store holding another thread, so that a load commits batch by batch."""
    store = open_store("ladybug", path=str(path))
    _load(store, [SEED], 100)
    return store


class _Stop(Exception):
    pass


def test_a_load_stopped_inside_a_window_and_run_again_stores_one_clean_load(tmp_path, monkeypatch):
    """Batches of 4 posts (batch size 1 in one thread), windows of 20: the load stops after its second committed batch,
    8 posts of a window stored and 12 not, and the same load run again ends with the store of one clean load."""
    monkeypatch.setattr(batch_cuts, "WINDOW", SMALL_WINDOW)
    with _seeded(tmp_path / "clean.lbug") as store:
        _load(store, [THREAD], 1)
        clean = stored(store)
    committed = []

    def stop_after_two(summary) -> None:
        committed.append(summary.posts + summary.stubs)  # a batch cut at 4 posts, its thread's stub root among them
        if len(committed) == 2:
            raise _Stop

    with _seeded(tmp_path / "resumed.lbug") as store:
        with pytest.raises(_Stop):
            _load(store, [THREAD], 1, stop_after_two)
        assert committed == [4, 8]
        _load(store, [THREAD], 1)
        assert differences(stored(store), clean) == []
    assert any(attrs["label"] == schema.PERSON for attrs in clean[1].values())


def test_two_inputs_in_one_load_store_what_loading_each_alone_in_turn_stores(tmp_path, monkeypatch):
    """Windows of 20 posts: the first input's 67 posts leave 7 in its last window, and the second input's windows are
    cut from it alone, as when it is loaded alone into the store the first input's load left."""
    monkeypatch.setattr(batch_cuts, "WINDOW", SMALL_WINDOW)
    with _seeded(tmp_path / "one.lbug") as store:
        _load(store, [THREAD, OTHER], 1)
        together = stored(store)
    with _seeded(tmp_path / "turns.lbug") as store:
        _load(store, [THREAD], 1)
        _load(store, [OTHER], 1)
        assert differences(stored(store), together) == []


def test_windows_cut_inside_an_input_change_nothing_with_the_batch_size_and_lose_only_evidence_across_windows(
    monkeypatch,
):
    """Windows of 20 posts cut the 67-post thread in four: batches of 1 and one batch of everything still give the
    same graph. Against one window of the whole thread, what the README says differs and nothing else: a window is
    resolved with what the windows before it found, so a name kept on the evidence of its other mentions loses it
    when they fall in another window, and so is a surname written alone before the window that names its person in
    full. "Labour Manifesto", named in the 1st post and the 57th, and "Brown" ("Labour under Blair and Brown") are no
    entity here, and "Blair" there is not Tony Blair's, named in full in a later window; every other entity and mention
    is the one window's."""
    one_window = _entities(100_000)
    monkeypatch.setattr(batch_cuts, "WINDOW", SMALL_WINDOW)
    cut = _entities(100_000)
    assert _entities(1) == cut
    texts = [post.text for post in read_posts(expand_inputs([str(THREAD)]))]
    named = [i for i, text in enumerate(texts) if "Labour Manifesto" in text]
    assert len(named) == 2 and len({i // (4 * SMALL_WINDOW) for i in named}) == 2  # in two windows
    lost = set(one_window[0]) - set(cut[0])
    assert sorted(one_window[0][node][1] for node in lost) == ["Brown", "Labour Manifesto"]
    blair = "person:tony-blair"
    assert set(one_window[0][blair][2]) - set(cut[0][blair][2]) == {"Blair"}
    assert cut[0] == {node: v for node, v in one_window[0].items() if node not in lost} | {blair: cut[0][blair]}
    alone = [m for m in one_window[1] if m[1] not in lost and m not in cut[1]]
    assert len(alone) == 1 and alone[0][1] == blair
    assert cut[1] == [m for m in one_window[1] if m[1] not in lost and m not in alone]
