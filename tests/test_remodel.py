"""Loads after the reply model changed, into the embedded store: the replies another model chose are extracted again
where the input holds their threads, so the store ends as a first load with this graphkit's model leaves it, stated
replies and every other relationship untouched; a load with the same model changes nothing; a load stopped halfway
completes when run again; the stored posts are read for their replies only (the entity model reads none of them). The
Neo4j twin of these tests is tests/neo4j/test_neo4j_remodel.py."""

from __future__ import annotations

import shutil
import signal
from dataclasses import dataclass
from pathlib import Path

import pytest
from click.testing import CliRunner

from graphkit import schema
from graphkit.cli import main
from graphkit.errors import StoreError
from graphkit.extract import extractor, reply_model
from graphkit.pipeline import load_tables
from graphkit.sources import expand_inputs, read_posts
from graphkit.store import ladybug, open_store
from tests.incremental import EXAMPLE, OTHER, differences, later_page, load_inputs, stored
from tests.remodel import (
    SHIPPED,
    chosen,
    inputs,
    other_model,
    reloaded_as_first,
    reply_model_file,
    stopped_and_run_again,
    tables,
    tables_stopped_and_run_again,
)
from tests.test_resume import _interrupted


@pytest.fixture(scope="module")
def files(tmp_path_factory):
    folder = tmp_path_factory.mktemp("remodel-inputs")
    return inputs(folder), other_model(folder)


@pytest.fixture(scope="module")
def fresh(files, tmp_path_factory):
    """What a first load of the inputs with the shipped model stores."""
    path = str(tmp_path_factory.mktemp("fresh") / "s.lbug")
    with pytest.MonkeyPatch.context() as patch, reply_model_file(patch, SHIPPED), open_store("ladybug", path=path) as s:
        load_inputs(s, files[0], entities=False)
        return stored(s)


@pytest.fixture(scope="module")
def with_other(files, tmp_path_factory):
    """The folder of a closed store of the inputs loaded with the other model: each test goes on in a copy."""
    folder = tmp_path_factory.mktemp("other")
    path = str(folder / "s.lbug")
    with pytest.MonkeyPatch.context() as p, reply_model_file(p, files[1]), open_store("ladybug", path=path) as s:
        load_inputs(s, files[0], entities=False)
    return folder


def _copy(folder, tmp_path) -> str:
    shutil.copytree(folder, tmp_path / "copy")
    return str(tmp_path / "copy" / "s.lbug")


def test_a_load_with_another_reply_model_stores_what_a_first_load_with_it_does(files, fresh, with_other, tmp_path):
    with open_store("ladybug", path=_copy(with_other, tmp_path)) as store:
        before = stored(store)
        assert differences(before, fresh) != []  # the other model chose other parents and confidences
        remodel, replies = reloaded_as_first(store, files[0], before, fresh)
    assert (remodel.replaced, len(remodel.threads)) == (replies, 2)
    assert remodel.moved > 0 and remodel.reweighed > 0
    assert remodel.line().startswith(f"Reply model {remodel.model} replaced {replies} replies that ")


def test_a_load_with_the_same_reply_model_changes_nothing(files, with_other, tmp_path, monkeypatch):
    with open_store("ladybug", path=_copy(with_other, tmp_path)) as store:
        with reply_model_file(monkeypatch, files[1]):
            before = stored(store)
            assert load_inputs(store, files[0], entities=False).remodel is None
            assert differences(stored(store), before) == []
        load_inputs(store, files[0], entities=False)
        updated = stored(store)
        again = load_inputs(store, files[0], entities=False)
        assert again.remodel is None and again.stored == again.posts
        assert differences(stored(store), updated) == []


def test_a_load_stopped_while_replacing_replies_completes_when_run_again(files, tmp_path, monkeypatch):
    """In batches of four posts (a thread spans several), the first batch's replies replaced, the next's not."""
    with open_store("ladybug", path=str(tmp_path / "fresh.lbug")) as store:
        load_inputs(store, files[0], batch_size=1, entities=False)
        fresh = stored(store)
    with open_store("ladybug", path=str(tmp_path / "s.lbug")) as store:
        with reply_model_file(monkeypatch, files[1]):
            load_inputs(store, files[0], batch_size=1, entities=False)
        before = stored(store)

        with monkeypatch.context() as patch:  # the old replies deleted, the new ones not written: none of it is kept
            patch.setattr(ladybug, "_create_rels", lambda *_: "CREATE (broken")
            with pytest.raises(StoreError, match="replacing replies failed; the stored ones are kept"):
                load_inputs(store, files[0], batch_size=1, entities=False)
        assert differences(stored(store), before) == []

        stopped_and_run_again(store, monkeypatch, files[0], before, fresh)


def _no_model(*_: object, **__: object):
    raise AssertionError("the entity model was loaded")


def test_with_entities_a_load_with_another_reply_model_stores_what_a_first_load_with_it_does(files, tmp_path):
    """Every post of the input stored, the replies are redone without loading the entity model."""
    with open_store("ladybug", path=str(tmp_path / "fresh.lbug")) as store:
        load_inputs(store, [EXAMPLE])
        fresh = stored(store)
    with open_store("ladybug", path=str(tmp_path / "other.lbug")) as store:
        with pytest.MonkeyPatch.context() as patch, reply_model_file(patch, files[1]):
            load_inputs(store, [EXAMPLE])
        assert differences(stored(store), fresh) != []
        with pytest.MonkeyPatch.context() as patch:
            patch.setattr(extractor, "load", _no_model)
            patch.setattr(extractor, "parse", _no_model)
            assert load_inputs(store, [EXAMPLE]).remodel is not None
        assert differences(stored(store), fresh) == []


def test_with_entities_the_model_reads_only_the_posts_the_store_lacks_while_replies_are_redone(
    files, tmp_path, monkeypatch
):
    """A page stored with replies of another model, loaded again with a page the store lacks (as ``graphkit load``
    does, its inputs read ahead): the model reads the new page's posts alone, and the store ends as one first load of
    both pages with this graphkit's model leaves it."""
    runner, fresh, path = CliRunner(), str(tmp_path / "fresh.lbug"), str(tmp_path / "s.lbug")
    both = ["load", str(EXAMPLE), str(OTHER), "--workers", "1"]
    assert runner.invoke(main, [*both, "--store", fresh], catch_exceptions=False).exit_code == 0
    with reply_model_file(monkeypatch, files[1]):
        runner.invoke(main, ["load", str(EXAMPLE), "--store", path, "--workers", "1"], catch_exceptions=False)
    read: list[str] = []
    parse = extractor.parse

    def reading(model, texts, *args, **kwargs):
        return parse(model, ((read.append(text) or text, job) for text, job in texts), *args, **kwargs)

    with monkeypatch.context() as patch:
        patch.setattr(extractor, "parse", reading)
        result = runner.invoke(main, [*both, "--store", path], catch_exceptions=False)
    assert "replaced" in result.stdout.splitlines()[-1]
    assert {text for text in read if text} == {post.text for post in read_posts(expand_inputs([str(OTHER)]))}
    with open_store("ladybug", path=path) as store, open_store("ladybug", path=fresh) as first_load:
        assert differences(stored(store), stored(first_load)) == []


def test_the_load_says_what_it_updated_and_what_it_could_not_and_stats_names_the_models(files, tmp_path, monkeypatch):
    first, second = later_page(tmp_path)
    path = str(tmp_path / "s.lbug")
    runner = CliRunner()
    with reply_model_file(monkeypatch, files[1]) as other:
        runner.invoke(main, ["load", str(first), str(second), "--store", path, "--no-entities"], catch_exceptions=False)
    result = runner.invoke(main, ["load", str(second), "--store", path, "--no-entities"], catch_exceptions=False)
    assert result.exit_code == 0, result.output
    with open_store("ladybug", path=path, read_only=True) as store:
        models = store.reply_models()
    shipped, left = next(m for m in models if m != other), models[other]
    line = result.stdout.splitlines()[-1]
    assert line.startswith(f"Reply model {shipped} replaced {models[shipped]} replies that {other} chose, in 1 threads")
    assert result.stderr.splitlines()[-1] == (
        f"Warning: {left} stored replies in 1 threads that {other} chose were not extracted again: their posts are not"
        " in this input with their pages (1 of those threads were extracted again without them); load all their "
        "inputs again together to update them"
    )
    stats = runner.invoke(main, ["stats", "--store", path], catch_exceptions=False)
    assert f"reply-model:{other} {left}" in stats.stdout.splitlines()
    assert f"reply-model:{shipped} {models[shipped]}" in stats.stdout.splitlines()
    assert f"another reply model ({other})" in stats.stderr
    result = runner.invoke(main, ["load", str(first), str(second), "--store", path, "--no-entities"])
    assert result.stdout.splitlines()[-1].startswith(f"Reply model {shipped} replaced {sum(models.values())} replies")
    assert "Warning" not in result.stderr
    fresh = str(tmp_path / "fresh.lbug")
    runner.invoke(main, ["load", str(first), str(second), "--store", fresh, "--no-entities"], catch_exceptions=False)
    with open_store("ladybug", path=path) as store, open_store("ladybug", path=fresh) as first_load:
        assert differences(stored(store), stored(first_load)) == []


def test_a_store_written_before_replies_named_their_model_has_them_extracted_again(files, fresh, tmp_path):
    path = str(tmp_path / "s.lbug")
    with open_store("ladybug", path=path) as store:
        load_inputs(store, files[0], entities=False)
        for table in (schema.REPLY_TO, schema.QUOTES):  # as an earlier graphkit wrote them
            store._run(f"ALTER TABLE {table} DROP model")
    replies = sum(e["type"] == schema.REPLY_TO for e in chosen(fresh).values())
    with open_store("ladybug", path=path, read_only=True) as store:
        assert store.reply_models() == {None: replies}
    with open_store("ladybug", path=path) as store:
        summary = load_inputs(store, files[0], entities=False)
        assert summary.remodel is not None and summary.remodel.before == {None: replies}
        assert (summary.remodel.replaced, summary.remodel.moved, summary.remodel.reweighed) == (replies, 0, 0)
        assert differences(stored(store), fresh) == []


@dataclass(frozen=True)
class _Pages:
    """Two scraped pages: the first a file, the second on standard input (``test_resume._interrupted``)."""

    first: Path
    rest: bytes

    def args(self, store: Path, options: tuple[str, ...]) -> list[str]:
        return ["load", "--format", "text", str(self.first), "-", "--store", str(store), *options]


@pytest.mark.parametrize("sig", [signal.SIGINT, signal.SIGKILL], ids=["ctrl-c", "kill-9"])
def test_a_load_interrupted_while_replacing_replies_completes_when_run_again(files, tmp_path, monkeypatch, sig):
    """The load runs as a process; the second page withheld, it is stopped once it reports a batch replaced."""
    pages, options = _Pages(EXAMPLE, OTHER.read_bytes()), ("--no-entities", "--batch-size", "1")
    runner = CliRunner()
    fresh, store = tmp_path / "fresh.lbug", tmp_path / "s.lbug"
    assert runner.invoke(main, pages.args(fresh, options), input=pages.rest).exit_code == 0
    with reply_model_file(monkeypatch, files[1]) as other:
        assert runner.invoke(main, pages.args(store, options), input=pages.rest).exit_code == 0
    _interrupted(pages, store, options, sig)
    with open_store("ladybug", path=str(store), read_only=True) as db:
        models = db.reply_models()
    assert other in models and (sig == signal.SIGKILL or len(models) == 2)  # Ctrl-C: the batches replaced are kept
    result = runner.invoke(main, pages.args(store, options), input=pages.rest, catch_exceptions=False)
    assert "replaced" in result.stdout.splitlines()[-1]
    with open_store("ladybug", path=str(store)) as db, open_store("ladybug", path=str(fresh)) as first_load:
        assert differences(stored(db), stored(first_load)) == []


def test_tables_replace_the_replies_another_model_chose_and_tables_of_another_model_are_warned_of(
    files, tmp_path, monkeypatch
):
    """``graphkit load`` of the tables of ``extract --cluster``: tables whose replies another reply model chose load
    as they are, under a warning that says what to do; loaded over them, tables of this graphkit's model replace
    those replies (every comment keeps one reply), and the store ends as those tables alone give it."""
    pages, runner = [EXAMPLE, OTHER], CliRunner()
    new = tables(tmp_path / "new", pages)
    with reply_model_file(monkeypatch, files[1]) as other:
        old = tables(tmp_path / "old", pages)
    shipped = reply_model.model().identity
    fresh, path = str(tmp_path / "fresh.lbug"), str(tmp_path / "s.lbug")
    assert runner.invoke(main, ["load", new, "--store", fresh], catch_exceptions=False).stderr == ""
    result = runner.invoke(main, ["load", old, "--store", path], catch_exceptions=False)
    assert result.exit_code == 0
    assert result.stderr.splitlines() == [
        f"Warning: the replies in {old} were chosen by reply model {other}, not this graphkit's {shipped}: extract "
        "their inputs again (extract --cluster) and load those tables, or load the inputs themselves, to update them"
    ]
    with open_store("ladybug", path=path, read_only=True) as store:
        replies = store.reply_models()[other]
    result = runner.invoke(main, ["load", new, "--store", path], catch_exceptions=False)
    assert result.stdout.splitlines()[-1].startswith(
        f"Reply model {shipped} replaced {replies} replies that {other} chose, in 2 threads: "
    )
    assert result.stderr == ""
    with open_store("ladybug", path=path) as store, open_store("ladybug", path=fresh) as first_load:
        assert store.reply_models() == {shipped: replies}
        assert differences(stored(store), stored(first_load)) == []


def test_tables_loaded_into_a_store_of_another_reply_model_stopped_while_replacing_replies_complete_when_run_again(
    files, tmp_path, monkeypatch
):
    """The store loaded from the pages with another model, the tables of this graphkit's model in batches of one post;
    a transaction that fails while replacing keeps the stored replies."""
    pages = [EXAMPLE, OTHER]
    directory = tables(tmp_path / "tables", pages)
    with open_store("ladybug", path=str(tmp_path / "fresh.lbug")) as store:
        load_tables(directory, store, 1)
        fresh = stored(store)
    with open_store("ladybug", path=str(tmp_path / "s.lbug")) as store:
        with reply_model_file(monkeypatch, files[1]):
            load_inputs(store, pages, entities=False)
        before = stored(store)
        with monkeypatch.context() as patch:
            patch.setattr(ladybug, "_create_rels", lambda *_: "CREATE (broken")
            with pytest.raises(StoreError, match="replacing replies failed; the stored ones are kept"):
                load_tables(directory, store, 1)
        assert differences(stored(store), before) == []
        tables_stopped_and_run_again(store, monkeypatch, directory, fresh)
