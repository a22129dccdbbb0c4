"""A post's quote of another post is found whatever order the input lists the posts in: newest first (a Reddit
listing sorted by new, a reversed export), a thread split over two files loaded either way round, in batches of any
size, into a store in one load or two. Quoting is a time relation: where the posts' times are known, a post quotes
only a post written before it."""

from __future__ import annotations

import json
import random
import re
from collections import Counter
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import replace
from datetime import UTC, datetime
from pathlib import Path

import pytest

from bench.synthetic import write_reddit_dump
from graphkit import schema
from graphkit.defaults import DEFAULT_BATCH
from graphkit.extract import Extractor, extractor, replies
from graphkit.extract.quotes import find_post_quotes
from graphkit.pipeline import extract_batches, extract_graph, load, load_tables
from graphkit.records import Post
from graphkit.sources import Report, expand_inputs, read_posts
from graphkit.store import Store, open_store
from graphkit.store.cypher import FILL_QUOTES_STATED
from graphkit.store.parquet import write_tables
from tests import builders as build
from tests.cli_runs import run
from tests.incremental import reversed_thread
from tests.test_held_stubs import _graph, _hits

REAL = Path(__file__).parents[1] / "data" / "real"
# real exports whose comments quote earlier comments by repeating their words ("> …", or a line copied)
QUOTING = [
    REAL / "reddit" / "communal-thread.json",
    REAL / "reddit" / "graw-thread.json",
    REAL / "reddit" / "graw-morechildren.json",
    REAL / "hackernews" / "communal-algolia-item.json",
    REAL / "disqus" / "benbalter-blog.xml",
    REAL / "discourse" / "openai_topic_548071.json",
]


def _posts(path: Path) -> list[Post]:
    return list(read_posts(expand_inputs([str(path)]), report=Report()))


def _quotes(posts: list[Post], size: int = 10_000) -> set[tuple[str, str, str]]:
    """The QUOTES edges between posts (quoting, quoted, the words shown) of one extraction of ``posts``."""
    ids = {p.id for p in posts}
    out = set()
    for _, graph in extract_batches(posts, Extractor(entities=False, workers=1), size):
        out |= {
            (a, b, attrs["text"])
            for a, b, attrs in graph.edges(data=True)
            if attrs["type"] == schema.QUOTES and b in ids
        }
    return out


def _words(text: str) -> str:
    return " ".join(re.findall(r"\w+", text.lower()))


def _truth(posts: list[Post]) -> set[tuple[str, str, str]]:
    """The quotes the file in its own order gives, each checked against the file: the quoted post was written
    before the quoting one and holds the words quoted (marks and punctuation aside)."""
    by_id = {p.id: p for p in posts}
    quotes = _quotes(posts)
    for quoting, quoted, words in quotes:
        assert by_id[quoted].created < by_id[quoting].created, (quoting, quoted)
        assert _words(words) in _words(by_id[quoted].text), (quoting, quoted, words)
    return quotes


@pytest.mark.parametrize("path", QUOTING, ids=lambda p: p.name)
def test_a_real_export_gives_its_quotes_in_any_order(path):
    """Reversed (the thread's root last, or first as a listing of its comments gives it), split in two halves read
    later half first, or in batches of one: the same quotes as the file in its own order, which it checks."""
    posts = _posts(path)
    truth = _truth(posts)
    assert truth
    roots = [p for p in posts if p.is_article]
    comments = [p for p in posts if not p.is_article]
    half = len(posts) // 2
    assert _quotes(posts[::-1]) == truth
    assert _quotes(roots + comments[::-1]) == truth
    assert _quotes(posts[half:] + posts[:half]) == truth
    assert _quotes(posts[::-1], size=1) == _quotes(posts[::-1], size=7) == truth


def test_a_post_quotes_one_written_before_it_whatever_the_file_lists_first():
    """The Hacker News thread lists each reply under the post it answers, not in the order they were written: a
    comment of the next morning repeats words of a comment the file lists after it, written the evening before."""
    posts = _posts(REAL / "hackernews" / "communal-algolia-item.json")
    order = {p.id: i for i, p in enumerate(posts)}
    assert any(order[quoted] > order[quoting] for quoting, quoted, _ in _truth(posts))


def _stored_quotes(store) -> set[tuple[str, str]]:
    """The stored QUOTES edges between posts."""
    rows = store.query(f"MATCH (a)-[:{schema.QUOTES}]->(b) RETURN a.id, b.id").rows
    return {(a, b) for a, b in rows if b.startswith(("comment:", "article:"))}


def _dump_records(name: str) -> list[dict]:
    """The comments of a real Reddit thread's listing as a dump's records, newest first."""
    listing = json.loads((REAL / "reddit" / name).read_text(encoding="utf-8"))
    records, things = [], list(listing[1]["data"]["children"])
    while things:
        comment = things.pop()["data"]
        if comment.get("body") is None:
            continue  # a "more" item, no comment
        records.append(
            {k: comment[k] for k in ("id", "parent_id", "link_id", "subreddit", "body", "author", "created_utc")}
        )
        if isinstance(comment.get("replies"), dict):
            things += comment["replies"]["data"]["children"]
    records.sort(key=lambda record: -record["created_utc"])
    return records


def _newest_first(folder: Path, since: str) -> tuple[Path, Path]:
    """The comments of the Reddit thread ``communal-thread.json`` as a dump's records (a JSON line each), newest
    first, in two files: those written at ``since`` or later, and the rest."""
    records = _dump_records("communal-thread.json")
    cut = sum(datetime.fromtimestamp(r["created_utc"], UTC).strftime("%Y-%m-%dT%H:%M:%SZ") >= since for r in records)
    newer, older = folder / "newer.ndjson", folder / "older.ndjson"
    newer.write_text("".join(json.dumps(r) + "\n" for r in records[:cut]), encoding="utf-8")
    older.write_text("".join(json.dumps(r) + "\n" for r in records[cut:]), encoding="utf-8")
    return newer, older


def test_a_store_holds_the_quotes_of_a_thread_listed_newest_first(tmp_path):
    """The Hacker News thread as the official API's items, every reply before the post it answers, loaded in batches
    of 7: the store holds the quotes the thread in its own order gives."""
    truth = {(a, b) for a, b, _ in _truth(_posts(REAL / "hackernews" / "communal-algolia-item.json"))}
    assert len(truth) > 4
    with open_store("ladybug", path=str(tmp_path / "one.lbug")) as store:
        load(_posts(reversed_thread(tmp_path)), store, Extractor(entities=False, workers=1), 7)
        assert _stored_quotes(store) == truth


def loads_place_a_quote_the_first_could_not(store, tmp_path: Path) -> None:
    """A Reddit thread's comments newest first, those from its latest quote on loaded into ``store``, then the rest:
    a quote of a post of the rest waits in the thread's stored posts for the load that brings it, and the store ends
    holding the quotes the thread in its own order gives. Loading the rest again changes nothing."""
    posts = _posts(REAL / "reddit" / "communal-thread.json")
    truth = {(a, b) for a, b, _ in _truth(posts)}
    created = {p.id: p.created for p in posts}
    newer, older = _newest_first(tmp_path, max(created[a] for a, _ in truth))
    later = {p.id for p in _posts(older)}
    assert any(a not in later and b in later for a, b in truth)  # a quote of a post the second load brings
    load(_posts(newer), store, Extractor(entities=False, workers=1), 7)
    assert _stored_quotes(store) == {(a, b) for a, b in truth if a not in later and b not in later}
    load(_posts(older), store, Extractor(entities=False, workers=1), 7)
    assert _stored_quotes(store) == truth
    counts = store.counts()
    load(_posts(older), store, Extractor(entities=False, workers=1), 7)
    assert store.counts() == counts


def test_a_quote_the_first_load_could_not_place_is_placed_by_the_load_that_brings_the_post(tmp_path):
    with open_store("ladybug", path=str(tmp_path / "two.lbug")) as store:
        loads_place_a_quote_the_first_could_not(store, tmp_path)


def test_quotes_are_found_in_reading_order_where_posts_show_no_time():
    """Without times, reading order is the only order known: a post quotes only the posts read before it, so the
    thread listed newest first, each quote before the post it quotes, gives none."""
    undated = [replace(p, created="") for p in _posts(REAL / "reddit" / "communal-thread.json")]
    order = {p.id: i for i, p in enumerate(undated)}
    truth = _quotes(undated)
    assert truth
    assert all(order[quoted] < order[quoting] for quoting, quoted, _ in truth)
    assert _quotes(undated[::-1]) == set()


def test_a_quote_of_words_several_posts_said_goes_to_the_latest_written_whichever_was_read_last():
    """A real Disqus thread where comments paste one error message and later ones quote it: a quote goes to the
    latest written before it of those saying the words, the thread read in time order and with those read the other
    way round (it went to the one read last)."""
    posts = _posts(REAL / "disqus" / "benbalter-blog.xml")
    by_id = {p.id: p for p in posts}
    truth = _truth(posts)
    repeated = []
    for quoting, quoted, words in truth:
        saying = [p.id for p in posts if p.created < by_id[quoting].created and _words(words) in _words(p.text)]
        assert quoted == max(saying, key=lambda pid: (by_id[pid].created, pid))
        repeated += saying if len(saying) > 1 else []
    assert repeated
    timed = sorted(posts, key=lambda p: (p.created, p.id))
    at = [i for i, p in enumerate(timed) if p.id in repeated]
    swapped = timed[:]
    for i, j in zip(at, at[::-1], strict=True):
        swapped[i] = timed[j]
    assert _quotes(timed) == _quotes(swapped) == truth


def _writer_quotes(posts: list[Post], size: int = 10_000) -> set[tuple[str, str, str]]:
    """The QUOTES edges to a writer (quoting post, Author, the words shown) of one extraction of ``posts``."""
    out = set()
    for _, graph in extract_batches(posts, Extractor(entities=False, workers=1), size):
        out |= {
            (a, b, attrs["text"])
            for a, b, attrs in graph.edges(data=True)
            if attrs["type"] == schema.QUOTES and b.startswith("author:")
        }
    return out


def _short(quotes: set[tuple[str, str, str]]) -> set[tuple[str, str, str]]:
    """The quotes of fewer than a dozen characters (words only), which are not looked for among the posts."""
    return {quote for quote in quotes if len(_words(quote[2])) < 12}


@pytest.mark.parametrize("name", ["reddit/graw-thread.json", "hackernews/communal-algolia-item.json"])
def test_a_quote_too_short_to_look_for_goes_to_the_stated_parent_s_writer_in_any_order(name):
    """A quote too short to be looked for in the thread (">because <3", "ssh config") goes to the writer of the post
    the quoting one states it answers: in the file's order, and read reversed (the parent then comes after the
    quote, which went to no one), shuffled, or in batches of one."""
    posts = _posts(REAL / name)
    by_id = {p.id: p for p in posts}
    truth = _short(_writer_quotes(posts))
    assert truth
    for quoting, author, words in truth:
        parent = by_id[by_id[quoting].parent]
        assert author.split(":")[-1] == parent.author.lower() and _words(words) in _words(by_id[quoting].text)
    shuffled = posts[:]
    random.Random(5).shuffle(shuffled)
    for order, size in ((posts[::-1], 10_000), (shuffled, 10_000), (posts[::-1], 1)):
        assert _short(_writer_quotes(order, size)) == truth


@pytest.mark.parametrize("size", (1, DEFAULT_BATCH))
def test_a_library_caller_s_quoting_thread_in_any_order_loads_the_graph_of_reading_order(tmp_path, size):
    """The Hacker News thread through the library API, reversed and shuffled, into an embedded store: the same
    nodes and edges as the file's order, its quotes of posts and of the writers of stated parents among them."""
    posts = _posts(REAL / "hackernews" / "communal-algolia-item.json")
    shuffled = posts[:]
    random.Random(7).shuffle(shuffled)
    truth = _graph(tmp_path / "read.lbug", posts, DEFAULT_BATCH)
    quotes = {(a, b) for a, label, b in truth[3] if label == schema.QUOTES}
    assert {(a, b) for a, b, _ in _truth(posts)} < quotes and any(b.startswith("author:") for _, b in quotes)
    assert _graph(tmp_path / "reversed.lbug", posts[::-1], size) == truth
    assert _graph(tmp_path / "shuffled.lbug", shuffled, size) == truth


def test_a_quote_of_words_posts_said_at_one_time_goes_to_the_one_listed_last_read_either_way():
    """The real Disqus thread, the two comments pasting the error message before the first quote of it given one
    time (as an export of times to the minute or the day shows them): which was written last the times do not tell,
    so the listing does, and the quote goes to the one listed last, the listing read in its order or the other way
    round, with those two in either place (read in its order, it went to the one of the greater id)."""
    posts = _posts(REAL / "disqus" / "benbalter-blog.xml")
    by_id = {p.id: p for p in posts}
    [(quoting, words)] = {
        (a, w)
        for a, _, w in _truth(posts)
        if len([p for p in posts if p.created < by_id[a].created and _words(w) in _words(p.text)]) == 2
    }
    first, second = (p.id for p in posts if p.created < by_id[quoting].created and _words(words) in _words(p.text))
    when = by_id[first].created
    timed = sorted((replace(p, created=when) if p.id == second else p for p in posts), key=lambda p: p.created)
    at = [i for i, p in enumerate(timed) if p.id in (first, second)]
    swapped = timed[:]
    swapped[at[0]], swapped[at[1]] = timed[at[1]], timed[at[0]]
    for listing in (timed, swapped):
        last = listing[at[1]].id
        for order in (listing, listing[::-1]):
            assert {b for a, b, w in _quotes(order) if a == quoting and w == words} == {last}


def test_a_quote_no_post_holds_goes_to_the_stated_parent_s_writer_when_its_post_leaves_the_window(monkeypatch):
    """The real Reddit thread, its comments' window cut to 40 as a thread of thousands of comments has it: a quote
    looked for among the posts and held by none of them (the quoting post's parent quoted in words it did not say)
    goes to that parent's writer, read in time order as soon as it is found nowhere, read reversed once the quoting
    post leaves the window (it went to no one), as do quotes of posts the window still held."""
    monkeypatch.setattr(replies, "_HISTORY", 40)
    posts = _posts(REAL / "reddit" / "graw-thread.json")
    by_id = {p.id: p for p in posts}
    truth = _writer_quotes(posts)
    assert truth - _short(truth)
    for quoting, author, words in truth:
        assert author.split(":")[-1] == by_id[by_id[quoting].parent].author.lower()
        assert _words(words) in _words(by_id[quoting].text)
    assert _writer_quotes(posts[::-1]) == truth
    assert _quotes(posts[::-1]) == _truth(posts)


@pytest.mark.parametrize("size", (1, 7, DEFAULT_BATCH))
def test_a_quote_no_post_holds_goes_to_the_stated_parent_s_writer_at_the_end_of_the_posts(tmp_path, size):
    """The real Reddit thread, shorter than the window: a quote looked for among the posts and held by none (the
    quoting post's parent quoted in words it did not say) goes to that parent's writer read reversed too, once the
    posts end, where its post never leaves the window (it went to no one); into a store through the library API,
    the same graph as the file's order, loading twice changing no count."""
    posts = _posts(REAL / "reddit" / "graw-thread.json")
    assert sum(not p.is_article for p in posts) < replies._HISTORY
    by_id = {p.id: p for p in posts}
    truth = _writer_quotes(posts) - _short(_writer_quotes(posts))
    assert truth
    for quoting, author, words in truth:
        assert author.split(":")[-1] == by_id[by_id[quoting].parent].author.lower()
        assert not any(_words(words) in _words(p.text) for p in posts if p.id != quoting)
    assert _writer_quotes(posts[::-1], size) >= truth
    stored = _graph(tmp_path / "read.lbug", posts, DEFAULT_BATCH)
    assert {(a, b) for a, b, _ in truth} <= {(a, b) for a, label, b in stored[3] if label == schema.QUOTES}
    assert _graph(tmp_path / "reversed.lbug", posts[::-1], size) == stored


def test_a_quote_no_post_holds_goes_to_the_writer_of_the_parent_a_later_load_brings(tmp_path):
    """The real Reddit thread as a dump, its comments quoting words their parents did not say loaded first (their
    parents stubs, writer unknown), the rest then: each such quote goes to its parent's writer once the second load
    brings the parent, as one load of both gives it (the quote waited in the stored posts and went to no one)."""
    records = _dump_records("graw-thread.json")
    posts = _posts(REAL / "reddit" / "graw-thread.json")
    by_id = {p.id: p for p in posts}
    truth = _writer_quotes(posts) - _short(_writer_quotes(posts))
    quoting = {by_id[a].source_id for a, _, _ in truth}
    assert quoting and quoting <= {r["id"] for r in records}
    first, rest = tmp_path / "first.ndjson", tmp_path / "rest.ndjson"
    first.write_text("".join(json.dumps(r) + "\n" for r in records if r["id"] in quoting), encoding="utf-8")
    rest.write_text("".join(json.dumps(r) + "\n" for r in records if r["id"] not in quoting), encoding="utf-8")

    def quotes(store) -> set[tuple[str, str]]:
        return {
            tuple(row)
            for row in store.query(f"MATCH (a)-[:{schema.QUOTES}]->(b:{schema.AUTHOR}) RETURN a.id, b.id").rows
        }

    with open_store("ladybug", path=str(tmp_path / "one.lbug")) as store:
        load(_posts(first) + _posts(rest), store, Extractor(entities=False, workers=1), 7)
        whole = quotes(store)
    assert {b for _, b, _ in truth} <= {b for _, b in whole}  # the dump's posts have ids of their own
    with open_store("ladybug", path=str(tmp_path / "two.lbug")) as store:
        load(_posts(first), store, Extractor(entities=False, workers=1), 7)
        assert not quotes(store) & whole
        load(_posts(rest), store, Extractor(entities=False, workers=1), 7)
        assert quotes(store) == whole


@pytest.mark.parametrize("left", (0, 1))
def test_a_load_stopped_before_or_after_its_last_batch_and_run_again_stores_the_writer_quotes_of_one_load(
    tmp_path, left
):
    """The real Reddit thread reversed, loaded in batches of 7 into a store holding another thread, stopped once
    all but ``left`` batches are stored, then run again: the store holds what one load stores, the quotes of words
    the quoting post's parent did not say going to that parent's writer. Stopped after its last batch, the quotes
    the posts' end gave were lost (a batch of their own, never stored), and stopped before it, where both the
    quoting post and its parent were stored (the stored quoting post's quote held for no writer)."""
    posts = _posts(REAL / "reddit" / "graw-thread.json")
    by_id = {p.id: p for p in posts}
    truth = {(a, b) for a, b, _ in _writer_quotes(posts) - _short(_writer_quotes(posts))}
    assert truth and all(b.split(":")[-1] == by_id[by_id[a].parent].author.lower() for a, b in truth)
    stop = len(posts) - left * (len(posts) % 7 or 7)

    def writer_quotes(store) -> set[tuple[str, str]]:
        rows = store.query(f"MATCH (a)-[:{schema.QUOTES}]->(b:{schema.AUTHOR}) RETURN a.id, b.id").rows
        return {(a, b) for a, b in rows if a in by_id}

    one, again = _loaded_and_stopped(tmp_path, posts[::-1], stop, writer_quotes)
    assert truth <= one[0]
    assert again == one


def _loaded_and_stopped(
    tmp_path: Path,
    posts: list[Post],
    stop: int,
    held: Callable[[Store], set[tuple[str, str]]],
    left: Callable[[Store], None] = lambda store: None,
) -> tuple[tuple[set[tuple[str, str]], dict[str, int]], ...]:
    """``posts`` loaded in batches of 7 into a store holding the Hacker News thread: in one load, and in one stopped
    once ``stop`` posts are stored (``left`` checks what it left) then run again; for each, the quotes ``held`` of the
    store and its counts."""
    other = _posts(REAL / "hackernews" / "communal-algolia-item.json")

    def stopping(summary) -> None:
        if summary.posts >= stop:
            raise KeyboardInterrupt

    stored = []
    for name, stopped in (("one", False), ("again", True)):
        with open_store("ladybug", path=str(tmp_path / f"{name}.lbug")) as store:
            load(other, store, Extractor(entities=False, workers=1), 7)
            if stopped:
                with pytest.raises(KeyboardInterrupt):
                    load(posts, store, Extractor(entities=False, workers=1), 7, progress=stopping)
                left(store)
            load(posts, store, Extractor(entities=False, workers=1), 7)
            stored.append((held(store), store.counts()))
    return tuple(stored)


def _shuffled(posts: list[Post], seed: int) -> list[Post]:
    order = posts[:]
    random.Random(seed).shuffle(order)
    return order


@pytest.mark.parametrize("path", QUOTING, ids=lambda p: p.name)
def test_a_real_export_shuffled_gives_the_quotes_of_time_order(path):
    """Shuffled in several seeds, in batches of 1, 7 and all at once: the quotes of posts and of writers the file's
    order gives, which it checks. A quote found in a post read first goes to the post that holds it best (the latest
    written) however late that is read while the quoting post stays in the window: the Disqus thread's quote of an
    error message two comments pasted went to the first of them read, not the later written."""
    posts = _posts(path)
    truth = _truth(posts) | _writer_quotes(posts)
    for seed in (1, 2, 3):
        order = _shuffled(posts, seed)
        for size in (1, 7, DEFAULT_BATCH):
            assert _quotes(order, size) | _writer_quotes(order, size) == truth, (seed, size)


def test_a_quoting_dump_shuffled_gives_the_quotes_of_time_order(tmp_path, monkeypatch):
    """A synthetic dump of 2,000 comments, half quoting an earlier comment of their thread, its window as long as its
    longest thread: shuffled in two seeds, in batches of 7 and all at once, the quotes of posts and of writers of time
    order, each quote of a post checked against the file (the post quoted written before and holding the words). A
    quote found among the posts read went to the first found; one found nowhere as read went to the stated parent's
    writer where a post read later held it too."""
    path = tmp_path / "dump.ndjson"
    write_reddit_dump(path, 2000, seed=3, quoting=0.5)
    posts = _posts(path)
    monkeypatch.setattr(replies, "_HISTORY", max(Counter(p.thread for p in posts).values()))
    truth = _truth(posts) | _writer_quotes(posts)
    assert len(truth) > 500
    for seed in (1, 2):
        order = _shuffled(posts, seed)
        for size in (7, DEFAULT_BATCH):
            assert _quotes(order, size) | _writer_quotes(order, size) == truth, (seed, size)


@pytest.mark.parametrize("size", (1, 7))
def test_a_library_caller_s_shuffled_thread_loads_the_graph_of_time_order(tmp_path, size):
    """The Disqus thread through the library API, shuffled, into an embedded store: the nodes and edges of the file's
    order, its quote of the error message two comments pasted going to the later written."""
    posts = _posts(REAL / "disqus" / "benbalter-blog.xml")
    truth = _graph(tmp_path / "read.lbug", posts, DEFAULT_BATCH)
    assert _graph(tmp_path / "shuffled.lbug", _shuffled(posts, 1), size) == truth


def test_a_thread_forgotten_as_a_stored_thread_is_recalled_gives_the_quotes_it_holds(tmp_path, monkeypatch):
    """The Hacker News thread shuffled, then the rest of a thread an earlier load stored, one thread's context kept at
    a time: recalling the stored thread forgets the Hacker News thread, whose quotes (held, its posts read out of
    order) go out then, as where a post read forgets it; they were lost."""
    posts = _posts(REAL / "hackernews" / "communal-algolia-item.json")
    truth = {(a, b) for a, b, _ in _truth(posts)}
    assert truth
    other = _posts(REAL / "reddit" / "communal-thread.json")
    half = len(other) // 2
    assert len({p.thread for p in posts + other}) == 2
    monkeypatch.setattr(extractor, "ACTIVE_THREADS", 1)
    with open_store("ladybug", path=str(tmp_path / "one.lbug")) as store:
        load(other[:half], store, Extractor(entities=False, workers=1), DEFAULT_BATCH)
        load(_shuffled(posts, 1) + other[half:], store, Extractor(entities=False, workers=1), len(posts))
        assert {(a, b) for a, b in _stored_quotes(store) if a in {p.id for p in posts}} == truth


def test_a_post_read_after_the_quote_it_holds_in_an_input_in_time_order_until_then_takes_it_as_time_order():
    """The Disqus threads in time order, but for a post quoted that another post written before it holds too, read
    just after the quoting post: the quotes of time order, the quoted post being the latest written that holds the
    words (the quote went to the earlier one, decided as read, the posts in order so far)."""
    posts = _posts(REAL / "disqus" / "benbalter-blog.xml")
    truth = _truth(posts)
    by_id = {p.id: p for p in posts}
    timed = sorted(posts, key=lambda p: p.created)
    moved = 0
    for quoting, quoted, words in truth:
        earlier = [
            p
            for p in posts
            if p.created < by_id[quoted].created
            and p.thread == by_id[quoting].thread
            and _words(words) in _words(p.text)
        ]
        if not earlier:
            continue
        order = [p for p in timed if p.id != quoted]
        at = next(i for i, p in enumerate(order) if p.id == quoting)
        assert _quotes(order[: at + 1] + [by_id[quoted]] + order[at + 1 :]) == truth, (quoting, quoted)
        moved += 1
    assert moved


@pytest.mark.parametrize("size", [DEFAULT_BATCH, 7])
def test_a_post_read_again_keeps_the_quotes_of_the_posts_read_before_it(size):
    """The Hacker News thread with its first comment read again at its end (pages that overlap): the thread is read
    again from that post on, and the quotes the posts read before it hold are the file's (the context they were held
    in was dropped with them: none was given)."""
    posts = _posts(REAL / "hackernews" / "communal-algolia-item.json")
    truth = _truth(posts)
    assert truth
    assert _quotes([*posts, posts[1]], size) == truth


def _loaded_quotes(store, posts: list[Post], size: int = 7) -> tuple[int, int]:
    """Load ``posts`` into ``store`` in batches of ``size``: how many QUOTES rows its batches gave the store, and how
    many of them the store held already."""
    before = {row[0] for row in store.query(f"MATCH ()-[r:{schema.QUOTES}]->() RETURN r.id").rows}
    given: list[str] = []
    write = store.load

    def spied(graph, progress=None):
        given.extend(attrs["id"] for attrs in graph.edges.values() if attrs["type"] == schema.QUOTES)
        return write(graph, progress)

    store.load = spied
    try:
        load(posts, store, Extractor(entities=False, workers=1), size)
    finally:
        del store.load
    return len(given), sum(quote in before for quote in given)


def loads_continue_a_quoting_thread_giving_only_its_new_quotes(store) -> None:
    """The real Reddit thread in time order, its earlier half loaded, then the rest: the second load gives the store
    none of the quotes the first stored (it gave them all again, each looked up), and the store ends holding the
    quotes of one load of the whole thread; loading the rest again changes nothing."""
    posts = sorted(_posts(REAL / "reddit" / "communal-thread.json"), key=lambda p: (p.created, p.id))
    truth = {(a, b) for a, b, _ in _truth(posts)}
    half = len(posts) // 2
    load(posts[:half], store, Extractor(entities=False, workers=1), 7)
    stored = _stored_quotes(store)
    assert stored and stored < truth
    given, again = _loaded_quotes(store, posts[half:])
    assert (given, again) == (len(truth - stored), 0)
    assert _stored_quotes(store) == truth
    counts = store.counts()
    assert _loaded_quotes(store, posts[half:]) == (0, 0)
    assert store.counts() == counts


def test_a_load_continuing_a_stored_thread_gives_only_its_new_quotes(tmp_path):
    with open_store("ladybug", path=str(tmp_path / "two.lbug")) as store:
        loads_continue_a_quoting_thread_giving_only_its_new_quotes(store)


# a Discourse topic whose replies state what they quote ([quote] blocks), two of them quoting words "> …" marks or
# quotation marks would show too
STATING = REAL / "discourse" / "cf_topic_2144_page1.json"


def loads_of_a_topic_stating_its_quotes_store_those_of_one_load(store, whole) -> None:
    """The topic ``STATING``, all but its opening post loaded, then that post: the store records which comments state
    their quotes and holds ``whole``, what one load stores; loading the topic again changes nothing (the second load
    recalled the stored replies and looked for quotes in their text, finding one that one load, looking for none in a
    post stating its quotes, never gives)."""
    posts = _posts(STATING)
    stating = {p.id for p in posts if p.quotes_stated}
    assert any(p.id in stating and find_post_quotes(p.text) for p in posts)
    load([p for p in posts if not p.is_article], store, Extractor(entities=False, workers=1), 7)
    recorded = store.query(f"MATCH (c:{schema.COMMENT}) WHERE c.quotes_stated RETURN c.id").rows
    assert {row[0] for row in recorded} == stating
    load([p for p in posts if p.is_article], store, Extractor(entities=False, workers=1), 7)
    assert (store.counts(), _stored_quotes(store)) == whole
    load(posts, store, Extractor(entities=False, workers=1), 7)
    assert store.counts() == whole[0]


def test_a_load_bringing_the_post_replies_stating_their_quotes_answer_stores_the_quotes_of_one_load(tmp_path):
    with open_store("ladybug", path=str(tmp_path / "one.lbug")) as store:
        load(_posts(STATING), store, Extractor(entities=False, workers=1), 7)
        whole = store.counts(), _stored_quotes(store)
    with open_store("ladybug", path=str(tmp_path / "two.lbug")) as store:
        loads_of_a_topic_stating_its_quotes_store_those_of_one_load(store, whole)


@contextmanager
def _no_users_query(store: Store) -> Iterator[None]:
    """``store`` refusing a user's query (``Store.query``: planned and checked before it runs, auto-committed on
    Neo4j) while the block runs: graphkit's own reads and writes run none."""

    def refused(*args: object, **kwargs: object) -> None:
        raise AssertionError(f"graphkit ran a user's query: {args[0] if args else kwargs}")

    store.query = refused
    try:
        yield
    finally:
        del store.query


def loads_of_a_topic_stating_its_quotes_into_a_store_from_before_store_those_of_one_load(
    opened: Callable[[], Store], forget: str, whole, size: int = DEFAULT_BATCH
) -> None:
    """The replies of the topic ``STATING`` stored, then forgotten whether they state their quotes (``forget``: as a
    graphkit before ``quotes_stated`` stored them), then the topic loaded again into the store ``opened`` in batches
    of ``size`` gives: the replies skipped as stored take the property, so that the opening post's load holds
    ``whole``, what one load stores (before: the property stayed empty, and the recalled replies gained a quote one
    load never gives). In batches of 2 the opening post's batch recalls the thread before the later batches skip
    most replies: their quotes, looked for as the thread was recalled, are given up as they are skipped (before: a
    quote one load never gives was written). The store fills the property in by its own writes, as it fills in
    handles, running no user's query (before: it ran one)."""
    posts = _posts(STATING)
    with opened() as store:
        load([p for p in posts if not p.is_article], store, Extractor(entities=False, workers=1), 7)
        store.query(forget, write=True)
    with opened() as store:
        assert not store.query(f"MATCH (c:{schema.COMMENT}) WHERE c.quotes_stated RETURN c.id").rows
        with _no_users_query(store):
            load(posts, store, Extractor(entities=False, workers=1), size)
        assert (store.counts(), _stored_quotes(store)) == whole
        stated = store.query(f"MATCH (c:{schema.COMMENT}) WHERE c.quotes_stated RETURN c.id").rows
    assert {row[0] for row in stated} == {p.id for p in posts if p.quotes_stated}


@pytest.mark.parametrize("size", [DEFAULT_BATCH, 2])
def test_a_store_from_before_comments_said_whether_they_state_their_quotes_loading_a_topic_again_gives_one_load(
    tmp_path, size
):
    with open_store("ladybug", path=str(tmp_path / "one.lbug")) as store:
        load(_posts(STATING), store, Extractor(entities=False, workers=1), 7)
        whole = store.counts(), _stored_quotes(store)
    loads_of_a_topic_stating_its_quotes_into_a_store_from_before_store_those_of_one_load(
        lambda: open_store("ladybug", path=str(tmp_path / "old.lbug")),
        f"ALTER TABLE {schema.COMMENT} DROP quotes_stated",
        whole,
        size,
    )


def test_a_thread_s_context_gives_up_the_quotes_only_of_recent_comments_recalled_without_quotes_stated():
    """Of two stored comments whose quotes a thread's context holds, that recalled without ``quotes_stated`` has its
    quotes given up as the load learns it states them, that recalled with it keeps them (the store keeps the value
    it holds); and a comment leaving the recent comments leaves the context's list of those recalled without the
    property, so a long load into a store written before it keeps no growing list of them (before: the extractor
    kept each one it recalled until the load skipped it, for the whole load where the input does not hold it)."""
    ctx = replies.ThreadContext("root")
    text = "> every quoted word here was written by someone earlier in this thread\n\nAnd my answer."
    quote = find_post_quotes(text)[0]
    for post in ("unsure", "sure"):
        ctx.add(post, post, text, False, None, None, f"author:{post}", created="2020-01-02")
        assert ctx.hold(post, f"author:{post}", "2020-01-02", text, quote.start, quote.end, lambda b, e: {}) is not None
    ctx.unsure.add("unsure")
    ctx.give_up("unsure")
    ctx.give_up("sure")
    assert set(ctx._held) == {"sure"} and not ctx.unsure
    ctx.unsure.add("sure")
    for i in range(replies._HISTORY):
        ctx.add(f"c{i}", None, "later words", False, None, None, created="2020-01-03")
    assert "sure" not in ctx.by_id and not ctx.unsure


def tables_of_a_topic_stating_its_quotes_fill_them_in_in_a_store_from_before(
    opened: Callable[[], Store], forget: str, tables: str, load_tables: Callable[[str, Store], object]
) -> None:
    """The replies of the topic ``STATING`` stored, then forgotten whether they state their quotes (``forget``), then
    ``tables``, the extracted tables of the whole topic, loaded by ``load_tables`` into the store ``opened``: each
    stored reply takes the property as the tables give it, as a load of the topic's input does (before: it stayed
    empty), and loading the tables again changes no count."""
    posts = _posts(STATING)
    with opened() as store:
        load([p for p in posts if not p.is_article], store, Extractor(entities=False, workers=1), 7)
        store.query(forget, write=True)
    with opened() as store:
        load_tables(tables, store)
        stated = store.query(f"MATCH (c:{schema.COMMENT}) WHERE c.quotes_stated RETURN c.id").rows
        empty = store.query(f"MATCH (c:{schema.COMMENT}) WHERE c.quotes_stated IS NULL RETURN c.id").rows
        counts = store.counts()
        load_tables(tables, store)
        assert store.counts() == counts
    assert {row[0] for row in stated} == {p.id for p in posts if p.quotes_stated} and not empty


def test_tables_of_a_topic_stating_its_quotes_fill_them_in_in_a_store_from_before(tmp_path):
    """The tables as ``extract`` writes them, loaded batch by batch (the store holds posts already)."""
    tables = str(tmp_path / "tables")
    write_tables(extract_graph(_posts(STATING), Extractor(entities=False, workers=1)), tables)
    tables_of_a_topic_stating_its_quotes_fill_them_in_in_a_store_from_before(
        lambda: open_store("ladybug", path=str(tmp_path / "old.lbug")),
        f"ALTER TABLE {schema.COMMENT} DROP quotes_stated",
        tables,
        lambda directory, store: load_tables(directory, store, 7),
    )


def test_one_store_object_asks_again_at_each_load_whether_a_comment_lacks_quotes_stated(tmp_path):
    """The library's store object serving several loads: the tables loaded twice (the second finds nothing lacking),
    the property then forgotten, and the tables loaded a third time by the same object fill it in again (before: the
    embedded store kept its first answer for the object's life, and the comments stayed without it)."""
    tables = str(tmp_path / "tables")
    write_tables(extract_graph(_posts(STATING), Extractor(entities=False, workers=1)), tables)
    unstated = f"MATCH (c:{schema.COMMENT}) WHERE c.quotes_stated IS NULL RETURN count(c)"
    with open_store("ladybug", path=str(tmp_path / "s.lbug")) as store:
        for _ in range(2):
            load_tables(tables, store, 7)
        counts = store.counts()
        store.query(f"MATCH (c:{schema.COMMENT}) SET c.quotes_stated = NULL", write=True)
        assert store.query(unstated).rows[0][0] > 0
        load_tables(tables, store, 7)
        assert store.query(unstated).rows == [[0]] and store.counts() == counts


def tables_naming_stored_comments_as_stubs_leave_them_without_quotes_stated(
    opened: Callable[[], Store], forget: str, tmp_path: Path, load_tables: Callable[[str, Store], object]
) -> None:
    """A Hacker News story's replies stored, then forgotten whether they state their quotes (``forget``), then the
    tables of the story and its last replies loaded into the store ``opened`` gives: the stored replies those answer,
    stubs in the tables (a stub tells nothing of what its post quotes), stay without the property, and those the
    tables hold take theirs."""
    hits = _hits()
    later = _posts(build.jsonl(tmp_path / "later.jsonl", hits[:1] + hits[-40:]))
    stubs = {p.id for p in later if p.meta.get("stub") and not p.is_article}
    assert stubs
    tables = str(tmp_path / "tables")
    write_tables(extract_graph(later, Extractor(entities=False, workers=1)), tables)
    with opened() as store:
        load(_posts(build.jsonl(tmp_path / "whole.jsonl", hits)), store, Extractor(entities=False, workers=1), 7)
        store.query(forget, write=True)
    with opened() as store:
        load_tables(tables, store)
        stated = dict(store.query(f"MATCH (c:{schema.COMMENT}) RETURN c.id, c.quotes_stated").rows)
    assert {i: stated[i] for i in stubs} == dict.fromkeys(stubs)
    assert all(stated[p.id] is p.quotes_stated for p in later if p.answers)


def test_tables_naming_stored_comments_as_stubs_leave_them_without_quotes_stated(tmp_path):
    tables_naming_stored_comments_as_stubs_leave_them_without_quotes_stated(
        lambda: open_store("ladybug", path=str(tmp_path / "old.lbug")),
        f"ALTER TABLE {schema.COMMENT} DROP quotes_stated",
        tmp_path,
        lambda directory, store: load_tables(directory, store, 7),
    )


def tables_loaded_again_into_a_store_lacking_nothing_fill_nothing(opened: Callable[[], Store], tables: str) -> None:
    """``tables`` (of the topic ``STATING``) loaded twice into the store ``opened`` gives, which stores every comment
    with ``quotes_stated``: the second load changes no count and runs no statement filling the property in, as
    nothing lacks it (before: the embedded store ran one each batch holding stored comments, a third of the load's
    CPU)."""
    with opened() as store:
        load_tables(tables, store, 7)
        counts = store.counts()
    with opened() as store:
        filled: list[str] = []
        fill = store._fill

        def recorded(fills, rows, what):
            filled.extend(fills)
            return fill(fills, rows, what)

        store._fill = recorded
        try:
            load_tables(tables, store, 7)
        finally:
            del store._fill
        assert store.counts() == counts
    assert FILL_QUOTES_STATED not in filled


def test_tables_loaded_again_into_a_store_lacking_nothing_fill_nothing(tmp_path):
    tables = str(tmp_path / "tables")
    write_tables(extract_graph(_posts(STATING), Extractor(entities=False, workers=1)), tables)
    tables_loaded_again_into_a_store_lacking_nothing_fill_nothing(
        lambda: open_store("ladybug", path=str(tmp_path / "s.lbug")), tables
    )


def _pasted(posts: list[Post]) -> tuple[str, str, str]:
    """The comment of the real Disqus thread quoting the error message two comments pasted, and those two, the
    earlier written first (the quote goes to the later)."""
    by_id = {p.id: p for p in posts}
    [(quoting, later, words)] = [
        (a, b, w)
        for a, b, w in _truth(posts)
        if len([p for p in posts if p.created < by_id[a].created and _words(w) in _words(p.text)]) == 2
    ]
    [earlier] = [p.id for p in posts if p.created < by_id[later].created and _words(words) in _words(p.text)]
    return quoting, earlier, later


def loads_move_a_stored_quote_to_the_post_a_later_load_brings_that_holds_it_better(store) -> None:
    """The real Disqus thread, the later of the two comments pasting the error message left out, then loaded alone:
    the quote of the message the first load gave the earlier comment goes to the later written, as one load of the
    whole thread gives it, and the first load's edge goes (the quote stayed with the earlier comment, held at a
    fixed rank)."""
    posts = _posts(REAL / "disqus" / "benbalter-blog.xml")
    quoting, earlier, later = _pasted(posts)
    load([p for p in posts if p.id != later], store, Extractor(entities=False, workers=1), 7)
    assert (quoting, earlier) in _stored_quotes(store)
    load([p for p in posts if p.id == later], store, Extractor(entities=False, workers=1), 7)
    assert _stored_quotes(store) == {(a, b) for a, b, _ in _truth(posts)}
    counts = store.counts()
    load(posts, store, Extractor(entities=False, workers=1), 7)
    assert store.counts() == counts


def test_a_stored_quote_goes_to_the_post_a_later_load_brings_that_holds_it_better(tmp_path):
    with open_store("ladybug", path=str(tmp_path / "two.lbug")) as store:
        loads_move_a_stored_quote_to_the_post_a_later_load_brings_that_holds_it_better(store)


def _stopped_moving(store, posts: list[Post], step: str = "_move_quotes") -> None:
    """Load ``posts`` into ``store`` in batches of 7, stopped as the store moves a stored quote: inside the embedded
    store's transaction (its ``step``), or (Neo4j's ``replace_quotes``) before it: the stored comments keep their
    quotes as stored, the edge it was writing rolled back with the delete."""
    quotes = _stored_quotes(store)
    quoting = {a for a, _ in quotes}
    move = getattr(store, step)

    def stopped(graph) -> None:
        if step == "_move_quotes":
            move(graph)
        raise KeyboardInterrupt

    setattr(store, step, stopped)
    try:
        with pytest.raises(KeyboardInterrupt):
            load(posts, store, Extractor(entities=False, workers=1), 7)
    finally:
        delattr(store, step)
    assert {(a, b) for a, b in _stored_quotes(store) if a in quoting} == quotes


def loads_moving_a_stored_quote_stopped_as_it_moves_it_keep_it_and_move_it_when_run_again(
    store, whole, step: str = "_move_quotes"
) -> None:
    """The Disqus thread but for the later of the two comments pasting the error message, then that comment, its load
    stopped as the store moves the quote to it: the store keeps the quote as stored, and run again it holds ``whole``,
    what one load of the whole thread stores (its batch unfinished, extracted again)."""
    posts = _posts(REAL / "disqus" / "benbalter-blog.xml")
    quoting, earlier, later = _pasted(posts)
    load([p for p in posts if p.id != later], store, Extractor(entities=False, workers=1), 7)
    _stopped_moving(store, [p for p in posts if p.id == later], step)
    assert (quoting, earlier) in _stored_quotes(store)
    load([p for p in posts if p.id == later], store, Extractor(entities=False, workers=1), 7)
    assert (store.counts(), _stored_quotes(store)) == whole


def test_a_load_moving_a_stored_quote_stopped_as_it_moves_it_keeps_it_and_moves_it_when_run_again(tmp_path):
    with open_store("ladybug", path=str(tmp_path / "one.lbug")) as store:
        load(_posts(REAL / "disqus" / "benbalter-blog.xml"), store, Extractor(entities=False, workers=1), 7)
        whole = store.counts(), _stored_quotes(store)
    with open_store("ladybug", path=str(tmp_path / "two.lbug")) as store:
        loads_moving_a_stored_quote_stopped_as_it_moves_it_keep_it_and_move_it_when_run_again(store, whole)


def test_a_load_moving_a_stored_quote_in_a_batch_of_another_thread_stopped_as_it_moves_it_keeps_it(tmp_path):
    """The Disqus thread but for the later of the two comments pasting the error message, then that comment and a
    Hacker News thread, the quote moved in the last batch, of the other thread, stopped as the store moves it, then
    run again: the quoting comment keeps its stored quote, whole (the stored edge was deleted before the batch,
    whose re-run, reading the other thread only, never moved it: the quote was lost)."""
    posts = _posts(REAL / "disqus" / "benbalter-blog.xml")
    quoting, earlier, later = _pasted(posts)
    brought = [p for p in posts if p.id == later] + _posts(REAL / "hackernews" / "communal-algolia-item.json")
    with open_store("ladybug", path=str(tmp_path / "two.lbug")) as store:
        load([p for p in posts if p.id != later], store, Extractor(entities=False, workers=1), 7)
        _stopped_moving(store, brought)
        load(brought, store, Extractor(entities=False, workers=1), 7)
        assert {(a, b) for a, b in _stored_quotes(store) if a == quoting} == {(quoting, earlier)}
        counts = store.counts()
        load(brought, store, Extractor(entities=False, workers=1), 7)
        assert store.counts() == counts


def own_words_thread(tmp_path: Path, writer: str = "bob") -> tuple[list[Post], Post]:
    """A Reddit thread (``thread.ndjson`` in ``tmp_path``, a record a line) of a comment quoting words two comments
    said before it, the later written by ``writer``, by default the quoting comment's own writer (the writer repeating
    their own words quotes no one), and that later comment."""
    words = "the harbour bridge toll went up again last spring and nobody noticed"
    texts = [("alice", f"Well, {words}. Typical."), (writer, f"As I keep saying, {words}. Sigh.")]
    texts.append(("bob", f"> {words}\n\nExactly my point."))
    records = [
        {"id": "1", "name": "t3_1", "author": "op", "title": "Tolls", "selftext": "What do you think of tolls?"}
        | {"url": "https://www.reddit.com/r/x/comments/1/", "is_self": True, "created_utc": 1600000000}
    ] + [
        {"id": str(i), "name": f"t1_{i}", "parent_id": "t3_1", "link_id": "t3_1", "author": author, "body": body}
        | {"created_utc": 1600000000 + 100 * i}
        for i, (author, body) in enumerate(texts, 2)
    ]
    path = tmp_path / "thread.ndjson"
    path.write_text("".join(json.dumps(record | {"subreddit": "x"}) + "\n" for record in records))
    posts = _posts(path)
    assert posts[2].author == writer and words in posts[2].text
    return posts, posts[2]


@pytest.mark.parametrize(("writer", "told"), [("carol", (1, 0)), ("bob", (0, 1))])
def test_the_summary_of_a_load_moving_or_deleting_a_stored_quote_counts_it(tmp_path, writer, told):
    """``graphkit load`` of the thread of ``own_words_thread`` but for its later comment saying the words quoted,
    then of that comment: the second load's summary counts the stored quote it moved to that comment (another
    writer's) or deleted (the quoting comment's own writer's), which it counted nowhere; the first counts none."""
    own_words_thread(tmp_path, writer)
    lines = (tmp_path / "thread.ndjson").read_text(encoding="utf-8").splitlines(keepends=True)
    first, said = tmp_path / "first.ndjson", tmp_path / "said.ndjson"
    first.write_text("".join(lines[:2] + lines[3:]), encoding="utf-8")
    said.write_text(lines[2], encoding="utf-8")
    store = str(tmp_path / "s.lbug")
    loads = [run("load", str(path), "--store", store, "--no-entities", "--workers", "1") for path in (first, said)]
    assert "stored quotes moved" not in loads[0]
    moved, dropped = told
    assert f"; {moved} stored quotes moved to a post holding them better, {dropped} deleted" in loads[1]


def loads_count_the_stored_quotes_the_store_moved(store: Store, tmp_path: Path, writer: str, gone: bool) -> None:
    """The thread of ``own_words_thread`` (the later comment saying the words quoted by ``writer``) but for that
    comment, then that comment: the second load's summary counts the stored quote the store moved to it (another
    writer's) or deleted (the quoting comment's own writer's). Where the stored quote is ``gone`` before the batch
    moving it is written (as another load bringing that comment into the same database at once takes it), the store
    moves nothing, and the summary counts nothing (before: it counted what the load decided)."""
    posts, said = own_words_thread(tmp_path, writer)
    load([p for p in posts if p is not said], store, Extractor(entities=False, workers=1), 7)
    written = store.load

    def taken_first(graph, progress=None):
        if gone and graph.moving is not None:
            old = [edge for _, edge, _ in graph.moving.moved]
            store.query(f"MATCH ()-[q:{schema.QUOTES}]->() WHERE q.id IN $old DELETE q", {"old": old}, write=True)
        return written(graph, progress)

    store.load = taken_first
    try:
        line = load([said], store, Extractor(entities=False, workers=1), 7).line()
    finally:
        del store.load
    quoting = next(p for p in posts if p.text.startswith(">"))
    moved, dropped = (0, 0) if gone else (1, 0) if writer != quoting.author else (0, 1)
    told = f"; {moved} stored quotes moved to a post holding them better, {dropped} deleted"
    assert (told in line) if moved or dropped else ("stored quotes moved" not in line), line


@pytest.mark.parametrize("gone", [False, True], ids=["kept", "gone"])
@pytest.mark.parametrize("writer", ["carol", "bob"])
def test_a_load_s_summary_counts_the_stored_quotes_the_store_moved(tmp_path, writer, gone):
    with open_store("ladybug", path=str(tmp_path / "s.lbug")) as store:
        loads_count_the_stored_quotes_the_store_moved(store, tmp_path, writer, gone)


def loads_give_a_stored_quote_to_no_one_where_its_writer_s_own_post_a_later_load_brings_holds_it(
    store, tmp_path: Path, whole
) -> None:
    """The thread of ``own_words_thread`` but for the writer's own comment, then that comment: the quote the first load
    gave the other comment goes to no one, and the store holds ``whole``, what one load stores (the edge was kept)."""
    posts, own = own_words_thread(tmp_path)
    load([p for p in posts if p is not own], store, Extractor(entities=False, workers=1), 7)
    assert _stored_quotes(store) == {(posts[3].id, posts[1].id)}
    load([own], store, Extractor(entities=False, workers=1), 7)
    assert (store.counts(), _stored_quotes(store)) == whole


def test_a_stored_quote_goes_to_no_one_where_its_writer_s_own_post_a_later_load_brings_holds_it(tmp_path):
    posts, _ = own_words_thread(tmp_path)
    with open_store("ladybug", path=str(tmp_path / "one.lbug")) as store:
        load(posts, store, Extractor(entities=False, workers=1), 7)
        whole = store.counts(), _stored_quotes(store)
    assert not whole[1]
    with open_store("ladybug", path=str(tmp_path / "two.lbug")) as store:
        loads_give_a_stored_quote_to_no_one_where_its_writer_s_own_post_a_later_load_brings_holds_it(
            store, tmp_path, whole
        )


def spoken_thread(tmp_path: Path) -> tuple[list[Post], Post]:
    """A Reddit thread of a comment giving a Person's words in quotation marks (a quote of speech, and one of a post
    at the same offset), and a comment written before it that said those words, listed after it."""
    words = "we will build more bridges across the whole valley this year"
    records = [
        {"id": "1", "name": "t3_1", "author": "op", "title": "Bridges", "selftext": "What do you think of the plan?"}
        | {"url": "https://www.reddit.com/r/x/comments/1/", "is_self": True, "created_utc": 1600000000},
        {"id": "3", "body": f'Barack Obama said "{words}" and I doubt it.', "author": "bob", "created_utc": 1600000300},
        {"id": "2", "body": f"Honestly {words}, that is what I heard.", "author": "alice", "created_utc": 1600000200},
    ]
    for record in records[1:]:
        record |= {"name": f"t1_{record['id']}", "parent_id": "t3_1", "link_id": "t3_1"}
    path = tmp_path / "spoken.ndjson"
    path.write_text("".join(json.dumps(record | {"subreddit": "x"}) + "\n" for record in records))
    posts = _posts(path)
    return posts, posts[2]


def loads_give_a_quote_at_a_speech_quote_s_offset_to_the_post_a_later_load_brings(store, tmp_path: Path) -> None:
    """The thread of ``spoken_thread`` but for the earlier comment, then that comment: the quote of the words goes to
    it, as one load gives it, though the first load stored the speech's quote of the Person at the same offset (it
    was taken for the post quote's stored edge, and the quote never held again)."""
    posts, said = spoken_thread(tmp_path)
    load([p for p in posts if p is not said], store, Extractor(workers=1), 7)
    speech = store.query(f"MATCH (:{schema.COMMENT})-[:{schema.QUOTES}]->(t:{schema.PERSON}) RETURN t.id").rows
    assert speech and not _stored_quotes(store)
    load([said], store, Extractor(workers=1), 7)
    assert _stored_quotes(store) == {(posts[1].id, said.id)}


def test_a_quote_at_a_speech_quote_s_offset_goes_to_the_post_a_later_load_brings(tmp_path):
    with open_store("ladybug", path=str(tmp_path / "two.lbug")) as store:
        loads_give_a_quote_at_a_speech_quote_s_offset_to_the_post_a_later_load_brings(store, tmp_path)


def past_window_thread(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> list[Post]:
    """The comments' window cut to 3, a Reddit thread of a comment quoting words no post said, three comments after
    it, then a comment written before it that said them."""
    monkeypatch.setattr(replies, "_HISTORY", 3)
    words = "the harbour bridge toll went up again last spring and nobody noticed"
    texts = [("bob", 300, f"> {words}\n\nSo they say."), *((f"u{i}", 400 + i, f"Filler number {i}.") for i in range(3))]
    texts.append(("alice", 200, f"Well, {words}. Typical."))
    records = [
        {"id": "1", "name": "t3_1", "author": "op", "title": "Tolls", "selftext": "What do you think of tolls?"}
        | {"url": "https://www.reddit.com/r/x/comments/1/", "is_self": True, "created_utc": 1600000000}
    ] + [
        {"id": str(i), "name": f"t1_{i}", "parent_id": "t3_1", "link_id": "t3_1", "author": author, "body": body}
        | {"created_utc": 1600000000 + created}
        for i, (author, created, body) in enumerate(texts, 2)
    ]
    path = tmp_path / "thread.ndjson"
    path.write_text("".join(json.dumps(record | {"subreddit": "x"}) + "\n" for record in records))
    posts = _posts(path)
    assert words in posts[-1].text and posts[-1].created < posts[1].created
    return posts


def loads_keep_a_quote_of_a_stored_comment_past_the_window_as_one_load_decided_it(store, posts, whole) -> None:
    """The thread of ``past_window_thread`` but for its last comment, then that comment: the store holds ``whole``,
    what one load stores, the quote going to no one (the quoting comment left the window before that comment was
    read), though the load recalls the thread."""
    load(posts[:-1], store, Extractor(entities=False, workers=1), 7)
    load(posts[-1:], store, Extractor(entities=False, workers=1), 7)
    assert (store.counts(), _stored_quotes(store)) == whole


def test_a_quote_of_a_stored_comment_past_the_window_stays_as_one_load_decided_it(tmp_path, monkeypatch):
    posts = past_window_thread(tmp_path, monkeypatch)
    with open_store("ladybug", path=str(tmp_path / "one.lbug")) as store:
        load(posts, store, Extractor(entities=False, workers=1), 7)
        whole = store.counts(), _stored_quotes(store)
    assert not whole[1]
    with open_store("ladybug", path=str(tmp_path / "two.lbug")) as store:
        loads_keep_a_quote_of_a_stored_comment_past_the_window_as_one_load_decided_it(store, posts, whole)


@pytest.mark.parametrize("after", (1, 8))
def test_a_load_stopped_after_a_quoting_post_and_run_again_stores_the_quotes_of_one_load(tmp_path, after):
    """The Disqus thread in time order but for the later of the two comments pasting the error message, read last,
    into a store holding another thread in batches of 7, stopped once the comment quoting the message is stored (its
    quote held, undecided), then run again: the store holds what one load stores, the quote going to the later
    comment (recalled, the quote was found in the quoting comment itself, or held at a fixed rank, and went to no
    one)."""
    posts = _posts(REAL / "disqus" / "benbalter-blog.xml")
    quoting, earlier, later = _pasted(posts)
    order = sorted((p for p in posts if p.id != later), key=lambda p: (p.created, p.id))
    order += [p for p in posts if p.id == later]
    stop = next(i for i, p in enumerate(order) if p.id == quoting) + after

    def left(store) -> None:
        assert quoting in {row[0] for row in store.query("MATCH (c:Comment) RETURN c.id").rows}

    one, again = _loaded_and_stopped(tmp_path, order, stop, _stored_quotes, left)
    assert (quoting, later) in one[0] and (quoting, earlier) not in one[0]
    assert again == one


def test_a_load_stopped_after_moving_a_quote_in_a_batch_of_no_posts_leaves_a_later_load_s_move_to_it(tmp_path):
    """The real Disqus thread and a copy of it (its Disqus ids changed: other posts, the same texts), each stored but
    for the later of the two comments pasting the error message, then each such comment loaded before its thread: its
    quote's move falls to the batch of no posts the input's end makes. The first load stopped once that batch's move
    is committed, before the batch completes; the second moves its own quote, and counts what it moved. A batch of
    no posts was keyed alike in every load, so the first's record of its move made the store skip the second's,
    which the summary still counted. Keyed apart, the first's records then stayed for good (a raw query over all
    labels counted them); the second's completion deletes them, and the first, run again, writes nothing twice."""
    real = REAL / "disqus" / "benbalter-blog.xml"
    copy = tmp_path / "copy.xml"
    copy.write_text(real.read_text(encoding="utf-8").replace('dsq:id="', 'dsq:id="9'), encoding="utf-8")
    threads = [(posts, *_pasted(posts)) for posts in (_posts(real), _posts(copy))]
    with open_store("ladybug", path=str(tmp_path / "s.lbug")) as store:
        for posts, _, _, later in threads:
            load([p for p in posts if p.id != later], store, Extractor(entities=False, workers=1), 7)
        step = store._step

        def stopped_after_moving(name: str, *args, **kwargs):
            result = step(name, *args, **kwargs)
            if name.endswith(":moved"):
                raise KeyboardInterrupt
            return result

        (posts, quoting, _, later), (again, quoting_again, earlier_again, later_again) = threads
        store._step = stopped_after_moving
        with pytest.raises(KeyboardInterrupt):
            load(_first(posts, later), store, Extractor(entities=False, workers=1), 7)
        del store._step
        assert (quoting, later) in _stored_quotes(store)
        summary = load(_first(again, later_again), store, Extractor(entities=False, workers=1), 7)
        assert summary.counts.quotes_moved == 1
        held = {b for a, b in _stored_quotes(store) if a == quoting_again}
        assert later_again in held and earlier_again not in held
    with open_store("ladybug", path=str(tmp_path / "s.lbug")) as store:  # closed: its complete batches' records go
        assert store.query("MATCH (s:LoadStep) RETURN count(*)").rows == [[0]]
        edges = "MATCH ()-[r]->() RETURN count(r), count(DISTINCT r.id)"
        before = store.query(edges).rows
        load(_first(posts, later), store, Extractor(entities=False, workers=1), 7)  # its records gone, run again
        assert store.query(edges).rows == before
        assert {b for a, b in _stored_quotes(store) if a == quoting} == {later}


def _first(posts: list[Post], first: str) -> list[Post]:
    """``posts`` with the one whose id is ``first`` moved to the front."""
    return sorted(posts, key=lambda p: p.id != first)
