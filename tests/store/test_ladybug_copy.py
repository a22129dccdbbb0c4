"""Extracted tables copied into a new embedded store give the store a load gives, and a copy that
stopped completes when run again."""

from __future__ import annotations

import shutil
from pathlib import Path

import pyarrow.parquet as pq
import pytest

from graphkit import pipeline, schema
from graphkit.extract import Extractor
from graphkit.sources import expand_inputs, read_posts
from graphkit.store import ladybug_copy, open_store
from graphkit.store.parquet import read_batch, table_path, write_tables

EXAMPLE = Path(__file__).resolve().parents[2] / "examples" / "palmyra-lavrov-thread.txt"


def _canonical(graph):
    def frozen(attrs: dict) -> frozenset:
        return frozenset((k, tuple(v) if isinstance(v, list) else v) for k, v in attrs.items())

    return (
        {(n, frozen(a)) for n, a in graph.nodes(data=True)},
        {(u, v, frozen(a)) for u, v, a in graph.edges(data=True)},
    )


@pytest.fixture(scope="module")
def tables(tmp_path_factory):
    graph = pipeline.extract_graph(read_posts(expand_inputs([str(EXAMPLE)])), Extractor(workers=1))
    out = tmp_path_factory.mktemp("tables")
    write_tables(graph, str(out))
    return str(out)


@pytest.fixture(scope="module")
def loaded(tables, tmp_path_factory):
    """The store the tables give batch by batch, as into a store that holds something already."""
    path = str(tmp_path_factory.mktemp("batches") / "store.lbug")
    with open_store("ladybug", path=path) as store:
        for _, batch in pipeline.table_batches(read_batch(tables), 7):
            store.load(batch)
        return store.fetch_graph()


def test_a_new_store_is_copied_whole_and_loading_again_changes_nothing(tables, loaded, tmp_path):
    with open_store("ladybug", path=str(tmp_path / "s.lbug")) as store:
        summary = pipeline.load_tables(tables, store)
        assert summary.posts == 23 and summary.counts.nodes_present == 0
        assert summary.counts.rels_created == sum(1 for _ in loaded.edges())
        assert _canonical(store.fetch_graph()) == _canonical(loaded)
        assert ladybug_copy.copy_tables(store, tables) is None  # it holds the tables now
        again = pipeline.load_tables(tables, store)
        assert again.counts.nodes_created == 0 and again.counts.rels_created == 0
        assert _canonical(store.fetch_graph()) == _canonical(loaded)


def test_a_copy_that_stopped_completes_when_run_again(tables, loaded, tmp_path, monkeypatch):
    monkeypatch.setattr(ladybug_copy, "CHUNK", 4)
    with open_store("ladybug", path=str(tmp_path / "s.lbug")) as store:
        steps = []
        step = store._step

        def stopping(name, *args, **kwargs):  # the fourth step never happens: the copy stops there
            if len(steps) == 3:
                raise KeyboardInterrupt
            steps.append(name)
            return step(name, *args, **kwargs)

        monkeypatch.setattr(store, "_step", stopping)
        with pytest.raises(KeyboardInterrupt):
            pipeline.load_tables(tables, store)
        monkeypatch.setattr(store, "_step", step)
        assert store.query("MATCH (s:LoadStep) RETURN count(s)").rows == [[3]]  # three chunks are in
        summary = pipeline.load_tables(tables, store)
        assert summary.counts.rels_created == sum(1 for _ in loaded.edges())
        assert _canonical(store.fetch_graph()) == _canonical(loaded)
        assert store.query("MATCH (s:LoadStep) RETURN count(s)").rows == [[0]]


def test_tables_written_before_a_property_joined_the_schema_are_copied_with_it_empty(tables, loaded, tmp_path):
    """Tables of an ``extract --cluster`` run before QUOTES held ``id_key`` (the column the table lacks) copy into a
    new store as the tables of now do, that property empty, as in a store written before it; the engine copies
    a table by the place of its columns, and stopped at the table lacking one (before: a Binder exception)."""
    old = tmp_path / "old"
    shutil.copytree(tables, old)
    path = table_path(str(old), schema.QUOTES)
    quotes = pq.read_table(path)
    assert quotes.num_rows and "id_key" in quotes.column_names
    pq.write_table(quotes.drop_columns(["id_key"]), path)
    with open_store("ladybug", path=str(tmp_path / "s.lbug")) as store:
        summary = pipeline.load_tables(str(old), store)
        assert summary.counts.rels_created == sum(1 for _ in loaded.edges())
        assert store.query("MATCH (s:LoadStep) RETURN count(s)").rows == [[0]]  # the copy, not a batch load
        graph = store.fetch_graph()
    expected = loaded.copy()
    for *_, attrs in expected.edges(data=True):
        if attrs["type"] == schema.QUOTES:
            attrs["id_key"] = None
    assert _canonical(graph) == _canonical(expected)
