"""Neo4j holds the quotes of a thread whatever order the input lists its posts in, as the embedded store does
(tests/extract/test_quote_order.py): a quote found only when a later batch or a later load brings the post it quotes
is written with that batch."""

from __future__ import annotations

import pytest

from graphkit.defaults import DEFAULT_BATCH
from graphkit.extract import Extractor
from graphkit.pipeline import extract_graph, load, load_tables
from graphkit.store import open_store
from graphkit.store.parquet import write_tables
from tests.extract.test_quote_order import (
    REAL,
    STATING,
    _first,
    _pasted,
    _posts,
    _shuffled,
    _stored_quotes,
    _truth,
    loads_continue_a_quoting_thread_giving_only_its_new_quotes,
    loads_count_the_stored_quotes_the_store_moved,
    loads_give_a_quote_at_a_speech_quote_s_offset_to_the_post_a_later_load_brings,
    loads_give_a_stored_quote_to_no_one_where_its_writer_s_own_post_a_later_load_brings_holds_it,
    loads_keep_a_quote_of_a_stored_comment_past_the_window_as_one_load_decided_it,
    loads_move_a_stored_quote_to_the_post_a_later_load_brings_that_holds_it_better,
    loads_moving_a_stored_quote_stopped_as_it_moves_it_keep_it_and_move_it_when_run_again,
    loads_of_a_topic_stating_its_quotes_into_a_store_from_before_store_those_of_one_load,
    loads_of_a_topic_stating_its_quotes_store_those_of_one_load,
    loads_place_a_quote_the_first_could_not,
    own_words_thread,
    past_window_thread,
    tables_loaded_again_into_a_store_lacking_nothing_fill_nothing,
    tables_naming_stored_comments_as_stubs_leave_them_without_quotes_stated,
)
from tests.incremental import reversed_thread


def test_neo4j_holds_the_quotes_of_a_thread_listed_newest_first(neo4j_options, tmp_path):
    """The Hacker News thread, every reply before the post it answers, in batches of 7."""
    truth = {(a, b) for a, b, _ in _truth(_posts(REAL / "hackernews" / "communal-algolia-item.json"))}
    assert len(truth) > 4
    with open_store("neo4j", **neo4j_options) as store:
        load(_posts(reversed_thread(tmp_path)), store, Extractor(entities=False, workers=1), 7)
        assert _stored_quotes(store) == truth


def test_neo4j_places_a_quote_the_first_load_could_not_with_the_load_that_brings_the_post(neo4j_options, tmp_path):
    with open_store("neo4j", **neo4j_options) as store:
        loads_place_a_quote_the_first_could_not(store, tmp_path)


def test_neo4j_holds_the_quotes_of_time_order_of_a_thread_shuffled(neo4j_options):
    """The Disqus thread shuffled, in batches of 7: the quote of an error message two comments pasted goes to the
    later written, as the embedded store holds it."""
    posts = _posts(REAL / "disqus" / "benbalter-blog.xml")
    truth = {(a, b) for a, b, _ in _truth(posts)}
    with open_store("neo4j", **neo4j_options) as store:
        load(_shuffled(posts, 1), store, Extractor(entities=False, workers=1), 7)
        assert _stored_quotes(store) == truth


def test_neo4j_continuing_a_stored_thread_is_given_only_its_new_quotes(neo4j_options):
    with open_store("neo4j", **neo4j_options) as store:
        loads_continue_a_quoting_thread_giving_only_its_new_quotes(store)


def test_neo4j_moves_a_stored_quote_to_the_post_a_later_load_brings_that_holds_it_better(neo4j_options):
    with open_store("neo4j", **neo4j_options) as store:
        loads_move_a_stored_quote_to_the_post_a_later_load_brings_that_holds_it_better(store)


def test_neo4j_moving_a_stored_quote_stopped_before_it_moves_keeps_it_and_moves_it_when_run_again(
    neo4j_options, tmp_path
):
    """As the embedded store (which gives what one load stores), stopped before the transaction moving the quote:
    its batch stays unfinished."""
    with open_store("ladybug", path=str(tmp_path / "one.lbug")) as store:
        load(_posts(REAL / "disqus" / "benbalter-blog.xml"), store, Extractor(entities=False, workers=1), 7)
        whole = store.counts(), _stored_quotes(store)
    with open_store("neo4j", **neo4j_options) as store:
        loads_moving_a_stored_quote_stopped_as_it_moves_it_keep_it_and_move_it_when_run_again(
            store, whole, "replace_quotes"
        )


def test_neo4j_gives_a_stored_quote_to_no_one_where_its_writer_s_own_post_a_later_load_brings_holds_it(
    neo4j_options, tmp_path
):
    posts, _ = own_words_thread(tmp_path)
    with open_store("ladybug", path=str(tmp_path / "one.lbug")) as store:
        load(posts, store, Extractor(entities=False, workers=1), 7)
        whole = store.counts(), _stored_quotes(store)
    with open_store("neo4j", **neo4j_options) as store:
        loads_give_a_stored_quote_to_no_one_where_its_writer_s_own_post_a_later_load_brings_holds_it(
            store, tmp_path, whole
        )


def test_neo4j_gives_a_quote_at_a_speech_quote_s_offset_to_the_post_a_later_load_brings(neo4j_options, tmp_path):
    with open_store("neo4j", **neo4j_options) as store:
        loads_give_a_quote_at_a_speech_quote_s_offset_to_the_post_a_later_load_brings(store, tmp_path)


def test_neo4j_a_load_bringing_the_post_replies_stating_their_quotes_answer_stores_the_quotes_of_one_load(
    neo4j_options, tmp_path
):
    """As one load into the embedded store stores it."""
    with open_store("ladybug", path=str(tmp_path / "one.lbug")) as store:
        load(_posts(STATING), store, Extractor(entities=False, workers=1), 7)
        whole = store.counts(), _stored_quotes(store)
    with open_store("neo4j", **neo4j_options) as store:
        loads_of_a_topic_stating_its_quotes_store_those_of_one_load(store, whole)


def test_neo4j_keeps_a_quote_of_a_stored_comment_past_the_window_as_one_load_decided_it(
    neo4j_options, tmp_path, monkeypatch
):
    """As one load into the embedded store stores it: only the recalled comments in the thread's window hold their
    quotes."""
    posts = past_window_thread(tmp_path, monkeypatch)
    with open_store("ladybug", path=str(tmp_path / "one.lbug")) as store:
        load(posts, store, Extractor(entities=False, workers=1), 7)
        whole = store.counts(), _stored_quotes(store)
    assert not whole[1]
    with open_store("neo4j", **neo4j_options) as store:
        loads_keep_a_quote_of_a_stored_comment_past_the_window_as_one_load_decided_it(store, posts, whole)


@pytest.mark.parametrize("size", [DEFAULT_BATCH, 2])
def test_neo4j_a_store_from_before_comments_said_whether_they_state_their_quotes_loading_a_topic_again_gives_one_load(
    neo4j_options, tmp_path, size
):
    """As one load into the embedded store stores it; the property a database written before lacks is null."""
    with open_store("ladybug", path=str(tmp_path / "one.lbug")) as store:
        load(_posts(STATING), store, Extractor(entities=False, workers=1), 7)
        whole = store.counts(), _stored_quotes(store)
    loads_of_a_topic_stating_its_quotes_into_a_store_from_before_store_those_of_one_load(
        lambda: open_store("neo4j", **neo4j_options), "MATCH (c:Comment) REMOVE c.quotes_stated", whole, size
    )


def test_neo4j_a_load_stopped_in_a_batch_of_no_posts_leaves_no_mark_once_another_completes(neo4j_options, tmp_path):
    """As the embedded store: the Disqus thread and a copy of it with other ids, each stored but for the later comment
    pasting the error message, that comment's load of the first stopped once its batch of no posts moved its quote,
    then the copy's: the first's mark, keyed by that batch's edges, was left for good (now deleted by the second)."""
    real = REAL / "disqus" / "benbalter-blog.xml"
    copy = tmp_path / "copy.xml"
    copy.write_text(real.read_text(encoding="utf-8").replace('dsq:id="', 'dsq:id="9'), encoding="utf-8")
    threads = [(posts, _pasted(posts)[2]) for posts in (_posts(real), _posts(copy))]
    with open_store("neo4j", **neo4j_options) as store:
        for posts, later in threads:
            load([p for p in posts if p.id != later], store, Extractor(entities=False, workers=1), 7)
        move = store.replace_quotes

        def stopped_after_moving(*args, **kwargs) -> None:
            move(*args, **kwargs)
            raise KeyboardInterrupt

        store.replace_quotes = stopped_after_moving
        with pytest.raises(KeyboardInterrupt):
            load(_first(*threads[0]), store, Extractor(entities=False, workers=1), 7)
        del store.replace_quotes
        assert store.query("MATCH (s:LoadStep) RETURN count(s)").rows == [[1]]
        load(_first(*threads[1]), store, Extractor(entities=False, workers=1), 7)
        assert store.query("MATCH (s:LoadStep) RETURN count(s)").rows == [[0]]


@pytest.mark.parametrize("gone", [False, True], ids=["kept", "gone"])
@pytest.mark.parametrize("writer", ["carol", "bob"])
def test_neo4j_a_load_s_summary_counts_the_stored_quotes_the_store_moved(neo4j_options, tmp_path, writer, gone):
    with open_store("neo4j", **neo4j_options) as store:
        loads_count_the_stored_quotes_the_store_moved(store, tmp_path, writer, gone)


def test_neo4j_tables_loaded_again_into_a_database_lacking_nothing_fill_nothing(neo4j_options, tmp_path):
    tables = str(tmp_path / "tables")
    write_tables(extract_graph(_posts(STATING), Extractor(entities=False, workers=1)), tables)
    tables_loaded_again_into_a_store_lacking_nothing_fill_nothing(lambda: open_store("neo4j", **neo4j_options), tables)


def test_neo4j_tables_naming_stored_comments_as_stubs_leave_them_without_quotes_stated(neo4j_options, tmp_path):
    tables_naming_stored_comments_as_stubs_leave_them_without_quotes_stated(
        lambda: open_store("neo4j", **neo4j_options),
        "MATCH (c:Comment) REMOVE c.quotes_stated",
        tmp_path,
        lambda directory, store: load_tables(directory, store, 7),
    )
