"""Shared by the tests of both stores for loads after the reply model changed: a second reply model the loader
accepts, switching the model a load uses, and inputs with replies the model infers (scraped pages) beside replies
the input states (a Reddit dump)."""

from __future__ import annotations

import json
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest

from bench.synthetic import write_reddit_dump
from graphkit import schema
from graphkit.errors import StoreError
from graphkit.extract import Extractor, reply_model
from graphkit.pipeline import Remodel, extract_graph, load_tables
from graphkit.sources import expand_inputs, read_posts
from graphkit.store import Store
from graphkit.store.parquet import write_tables
from tests.incremental import EXAMPLE, OTHER, differences, load_inputs, stored

SHIPPED = reply_model.MODEL_FILE


def other_model(folder: Path) -> Path:
    """The shipped model file with other weights, as a refit on other threads or settings would give: the comment
    before weighs less, shared words nothing, and the calibration and the cues' precision are flatter."""
    data = json.loads(SHIPPED.read_text(encoding="utf-8"))
    features = data["features"]
    threaded = data["weights"]["threaded"]
    threaded[features.index("previous")] -= 2.0
    threaded[features.index("overlap")] = 0.0
    data["calibration"]["logit"] *= 0.5
    data["cue_precision"] = {cue: round(share * 0.8, 4) for cue, share in data["cue_precision"].items()}
    path = folder / "reply_model_a.json"
    path.write_text(json.dumps(data, indent=1) + "\n", encoding="utf-8")
    return path


@contextmanager
def reply_model_file(monkeypatch: pytest.MonkeyPatch, path: Path) -> Iterator[str]:
    """Loads in the block use the reply model of ``path`` (read as graphkit reads its own); yields its identity."""
    with monkeypatch.context() as patch:
        patch.setattr(reply_model, "MODEL_FILE", path)
        reply_model.model.cache_clear()
        try:
            yield reply_model.model().identity
        finally:
            reply_model.model.cache_clear()


def inputs(folder: Path) -> list[Path]:
    """Two scraped pages (their replies inferred) and a small Reddit dump (its replies stated)."""
    dump = folder / "dump.ndjson"
    write_reddit_dump(dump, 40, seed=3)
    return [EXAMPLE, OTHER, dump]


def stated_edges(graph: tuple) -> dict[tuple, dict]:
    """The stored REPLY_TO edges the input states (``stored``'s edges)."""
    return {k: e for k, e in graph[2].items() if e["type"] == schema.REPLY_TO and not e["inferred"]}


def chosen(graph: tuple) -> dict[tuple, dict]:
    """The stored edges that name the reply model that chose them."""
    return {k: e for k, e in graph[2].items() if e.get("model")}


@contextmanager
def _stopped_at_the_second_replacement(store: Store, monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """The load in the block stops as ``store`` replaces its second batch's replies, the first batch's replaced."""
    replace, calls = store.replace_replies, []

    def stopping(graph):
        calls.append(1)
        if len(calls) == 2:
            raise StoreError("injected stop")
        return replace(graph)

    with monkeypatch.context() as patch:
        patch.setattr(store, "replace_replies", stopping)
        with pytest.raises(StoreError, match="injected stop"):
            yield


def stopped_and_run_again(
    store: Store, monkeypatch: pytest.MonkeyPatch, page: Path, before: tuple, fresh: tuple
) -> None:
    """A load of ``page`` into ``store`` (holding ``before``, replies of another model) stopped as it replaces its
    second batch's replies, the first batch's replaced, then run again: the store of a first load (``fresh``)."""
    with _stopped_at_the_second_replacement(store, monkeypatch):
        load_inputs(store, page, batch_size=1, entities=False)
    assert len(store.reply_models()) == 2
    summary = load_inputs(store, page, batch_size=1, entities=False)
    replies = sum(e["type"] == schema.REPLY_TO for e in chosen(before).values())
    assert summary.remodel is not None and 0 < sum(summary.remodel.before.values()) < replies
    assert differences(stored(store), fresh) == []


def reloaded_as_first(store: Store, page: Path, before: tuple, fresh: tuple) -> tuple[Remodel, int]:
    """A load of ``page`` into ``store`` holding ``before`` (replies another model chose) gives the store of a first
    load with this graphkit's model (``fresh``): stated replies and what no model chose untouched, every chosen reply
    naming this model. Its ``Remodel`` and the number of replies the model chose."""
    summary = load_inputs(store, page, entities=False)
    after = stored(store)
    assert differences(after, fresh) == []
    assert stated_edges(after) == stated_edges(before) != {}
    untouched = {k: e for k, e in before[2].items() if e["type"] != schema.REPLY_TO and not e.get("model")}
    assert {k: after[2][k] for k in untouched} == untouched
    replies = sum(e["type"] == schema.REPLY_TO for e in chosen(after).values())
    remodel = summary.remodel
    assert remodel is not None and remodel.left == {}
    assert store.reply_models() == {remodel.model: replies}
    return remodel, replies


def tables(folder: Path, pages: list[Path]) -> str:
    """The tables ``extract --cluster`` writes of ``pages`` with the reply model in force, in ``folder``."""
    graph = extract_graph(read_posts(expand_inputs([str(p) for p in pages])), Extractor(entities=False, workers=1))
    write_tables(graph, str(folder))
    return str(folder)


def tables_stopped_and_run_again(store: Store, monkeypatch: pytest.MonkeyPatch, directory: str, fresh: tuple) -> None:
    """A load of the tables in ``directory`` (of this graphkit's reply model) into ``store`` (holding replies another
    model chose for their posts) stopped as it replaces its second batch's replies, the first batch's replaced, then
    run again: every reply the tables', the store as the tables alone give (``fresh``)."""
    with _stopped_at_the_second_replacement(store, monkeypatch):
        load_tables(directory, store, 1)
    assert len(store.reply_models()) == 2
    summary = load_tables(directory, store, 1)
    assert summary.remodel is not None and summary.remodel.replaced > 0 and summary.warnings == []
    assert differences(stored(store), fresh) == []
    assert load_tables(directory, store, 1).remodel is None
    assert differences(stored(store), fresh) == []
