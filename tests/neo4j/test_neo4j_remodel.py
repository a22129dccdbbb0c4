"""Loads after the reply model changed, into a real Neo4j: the replies another model chose are extracted again where
the input holds their threads, so the database ends as a first load with this graphkit's model leaves it, stated
replies and every other relationship untouched; a load with the same model changes nothing; a load stopped halfway
completes when run again; tables of ``extract --cluster`` of this graphkit's model replace them too
(tests/test_remodel.py has the embedded store's twin)."""

from __future__ import annotations

import pytest
from click.testing import CliRunner

from graphkit.cli import main
from graphkit.extract import reply_model
from graphkit.pipeline import load_tables
from graphkit.store import neo4j as neo4j_store
from graphkit.store import open_store
from tests.incremental import EXAMPLE, OTHER, differences, load_inputs, stored
from tests.remodel import (
    inputs,
    other_model,
    reloaded_as_first,
    reply_model_file,
    stopped_and_run_again,
    tables,
    tables_stopped_and_run_again,
)


@pytest.fixture(scope="module")
def files(tmp_path_factory):
    folder = tmp_path_factory.mktemp("remodel-inputs")
    return inputs(folder), other_model(folder)


def _empty(store) -> None:
    store.query("MATCH (n) DETACH DELETE n", write=True)


def test_a_load_with_another_reply_model_stores_what_a_first_load_with_it_does(neo4j_options, files, monkeypatch):
    with open_store("neo4j", **neo4j_options) as store:
        load_inputs(store, files[0], entities=False)
        fresh = stored(store)
        _empty(store)
        with reply_model_file(monkeypatch, files[1]) as other:
            load_inputs(store, files[0], entities=False)
        before = stored(store)
        assert differences(before, fresh) != []
        remodel, replies = reloaded_as_first(store, files[0], before, fresh)
        assert remodel.before == {other: replies}
        again = load_inputs(store, files[0], entities=False)
        assert again.remodel is None and differences(stored(store), fresh) == []


def test_a_load_with_the_same_reply_model_changes_nothing(neo4j_options, files, monkeypatch):
    with open_store("neo4j", **neo4j_options) as store, reply_model_file(monkeypatch, files[1]):
        load_inputs(store, files[0], entities=False)
        before = stored(store)
        assert load_inputs(store, files[0], entities=False).remodel is None
        assert differences(stored(store), before) == []


def test_a_load_stopped_while_replacing_replies_completes_when_run_again(neo4j_options, files, monkeypatch):
    """In batches of four posts (a thread spans several), the first batch's replies replaced, the next's not."""
    with open_store("neo4j", **neo4j_options) as store:
        load_inputs(store, files[0], batch_size=1, entities=False)
        fresh = stored(store)
        _empty(store)
        with reply_model_file(monkeypatch, files[1]):
            load_inputs(store, files[0], batch_size=1, entities=False)
        before = stored(store)

        def failing_merge(*_):
            raise RuntimeError("injected failure")

        with monkeypatch.context() as patch:  # the old replies deleted, the new ones not written: none of it is kept
            patch.setattr(neo4j_store, "_merge", failing_merge)
            with pytest.raises(RuntimeError, match="injected failure"):
                load_inputs(store, files[0], batch_size=1, entities=False)
        assert differences(stored(store), before) == []

        stopped_and_run_again(store, monkeypatch, files[0], before, fresh)


def test_tables_loaded_into_a_store_of_another_reply_model_replace_its_replies(
    neo4j_options, files, tmp_path, monkeypatch
):
    """The database loaded from the pages with another model, the tables of this graphkit's model loaded in batches of
    one post, stopped while replacing and run again: as the tables alone leave it."""
    pages = [EXAMPLE, OTHER]
    directory = tables(tmp_path / "tables", pages)
    with open_store("neo4j", **neo4j_options) as store:
        load_tables(directory, store, 1)
        fresh = stored(store)
        _empty(store)
        with reply_model_file(monkeypatch, files[1]):
            load_inputs(store, pages, entities=False)
        assert differences(stored(store), fresh) != []
        tables_stopped_and_run_again(store, monkeypatch, directory, fresh)


def test_a_cluster_load_of_tables_over_replies_of_another_model_is_refused_before_anything_is_written(
    neo4j_options, files, tmp_path, monkeypatch
):
    """The workers of a cluster only add rows, which would give a comment a second reply: the load is refused in one
    line that says what to do, before a cluster is started, and the database is left as it was."""
    pages = [EXAMPLE, OTHER]
    directory = tables(tmp_path / "tables", pages)
    with open_store("neo4j", **neo4j_options) as store:
        with reply_model_file(monkeypatch, files[1]) as other:
            load_inputs(store, pages, entities=False)
        before = stored(store)
        replies = store.reply_models()[other]
    args = ["load", directory, "--cluster", "local:1", "--neo4j", neo4j_options["uri"], "--neo4j-user"]
    args.append(neo4j_options["user"])
    if neo4j_options["database"]:
        args += ["--neo4j-database", neo4j_options["database"]]
    result = CliRunner().invoke(main, args, env={"NEO4J_PASSWORD": neo4j_options["password"] or ""})
    assert result.exit_code == 1
    assert result.stderr.splitlines() == [
        f"Error: {directory}: the store holds {replies} replies of these tables' threads that reply model {other} "
        f"chose, not {reply_model.model().identity} as the tables' replies; load the tables without --cluster, which "
        "replaces them"
    ]
    with open_store("neo4j", **neo4j_options) as store:
        assert differences(stored(store), before) == []
