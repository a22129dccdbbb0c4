"""A structure-only load of a Reddit dump into a new embedded store goes in columns (``graphkit.columnar``): it stores
what the post-by-post load stores, node for node and edge for edge, prints the same summary and report, loading again
changes nothing, a load that stops leaves the store empty and completes when run again, and a dump the columns cannot
hold as the reader does is loaded post by post."""

from __future__ import annotations

import json
import re
import threading
from dataclasses import fields, replace
from itertools import accumulate
from pathlib import Path

import pytest
from click.testing import CliRunner

from bench.synthetic import write_reddit_dump
from graphkit import columnar, schema
from graphkit.cli import main
from graphkit.errors import InputError
from graphkit.extract import Extractor, links
from graphkit.extract.quotes import find_post_quotes
from graphkit.sources import Input, Report, expand_inputs, read_posts, reddit_columns
from graphkit.store import open_store
from graphkit.store.ladybug import BUFFER_POOL_ENV
from graphkit.store.rows import WAITING
from tests.cli_runs import run
from tests.incremental import differences, stored

DUMP = Path(__file__).parent / "data" / "sources" / "reddit-dump.ndjson"
REAL = Path(__file__).parent / "data" / "real" / "reddit"


def _quoting(lines: list[str]) -> list[str]:
    """Every fifth comment answering a comment quotes its parent's words in marked lines (escaped as Reddit's
    dumps escape ">"), so quotes are looked for in the thread's earlier posts."""
    bodies: dict[str, str] = {}
    out = []
    for n, line in enumerate(lines):
        record = json.loads(line)
        if "body" in record:
            parent = bodies.get(record["parent_id"][3:])
            if parent and record["parent_id"].startswith("t1_") and n % 5 == 0:
                record["body"] = f"&gt; {parent}\n\nNot what the report says."
            bodies[record["id"]] = record["body"]
        out.append(json.dumps(record) + "\n")
    return out


@pytest.fixture(scope="module")
def dump(tmp_path_factory) -> Path:
    """A synthetic dump (participants named before their first post, replies across batches, links) whose comments
    quote their parents, a thread's root after its comments, another's never, and a comment before its parent."""
    folder = tmp_path_factory.mktemp("columns")
    write_reddit_dump(folder / "whole.ndjson", 600, seed=3)
    lines = _quoting((folder / "whole.ndjson").read_text().splitlines())
    roots = [i for i, line in enumerate(lines) if '"name": "t3_' in line]
    late, never = lines[roots[1]], lines[roots[2]]
    kept = [line for line in lines if line not in (late, never)]
    child = next(i for i, line in enumerate(kept) if '"parent_id": "t1_' in line and i > 300)
    kept.insert(100, kept.pop(child))  # answers a comment read later
    path = folder / "reddit.ndjson"
    path.write_text("".join(kept[: len(kept) // 2] + [late] + kept[len(kept) // 2 :]))
    return path


@pytest.fixture(scope="module")
def unsaid(tmp_path_factory) -> Path:
    """A synthetic dump newest first, every fifth comment answering a comment quoting words no post wrote: each such
    quote goes to the writer of its parent, read after it, once the input ends (every thread is shorter than the
    window its comments leave)."""
    folder = tmp_path_factory.mktemp("unsaid")
    write_reddit_dump(folder / "whole.ndjson", 400, seed=5)
    lines = []
    for n, line in enumerate((folder / "whole.ndjson").read_text().splitlines()):
        record = json.loads(line)
        if record.get("parent_id", "").startswith("t1_") and n % 5 == 0:
            record["body"] = f"&gt; words no post wrote, number {n}\n\n{record['body']}"
        lines.append(json.dumps(record) + "\n")
    path = folder / "reddit.ndjson"
    path.write_text("".join(lines[::-1]))
    return path


@pytest.fixture(scope="module")
def plain(tmp_path_factory) -> Path:
    """A synthetic dump as written, with no post that quotes: no thread's context is kept, and the rules' worker is
    handed the columns the rules read of each post and reads only the posts that may hold a name or a link."""
    path = tmp_path_factory.mktemp("plain") / "reddit.ndjson"
    write_reddit_dump(path, 400, seed=4)
    return path


def _load(
    path: Path, store: Path, size: int, monkeypatch: pytest.MonkeyPatch, columns: bool, workers: int = 2
) -> tuple[str, tuple]:
    """What ``graphkit load --no-entities`` prints and stores, in columns or (``columns`` false) post by post; in
    columns with ``workers`` above 1 the text rules run in a forked worker, else in this process."""
    planned, forked = [], []

    def plan(*args):
        found = real(*args) if columns else None
        planned.append(found)
        return found

    def pool(*args):
        forked.append(args)
        return real_pool(*args)

    real, real_pool = columnar.plan, columnar.forked.pool
    with monkeypatch.context() as patched:
        patched.setattr(columnar, "plan", plan)
        patched.setattr(columnar.forked, "pool", pool)
        options = ["--no-entities", "--batch-size", str(size), "--workers", str(workers)]
        printed = run("load", str(path), "--store", str(store), *options)
    assert [p is not None for p in planned] == [columns]
    assert len(forked) == (columns and workers > 1)
    with open_store("ladybug", path=str(store), read_only=True) as opened:
        return printed, stored(opened)


@pytest.mark.parametrize(
    ("source", "size", "workers"),
    [
        ("real", 3, 2),
        ("real", 3, 1),
        ("synthetic", 7, 2),
        ("synthetic", 7, 1),
        ("synthetic", 100_000, 2),
        ("plain", 7, 2),
        ("plain", 7, 1),
        ("unsaid", 7, 2),
        ("unsaid", 100_000, 1),
    ],
)
def test_a_dump_loaded_in_columns_is_stored_as_post_by_post(
    source, size, workers, dump, plain, unsaid, tmp_path, monkeypatch
):
    """The text rules in a worker, a batch behind the reading, or in this process: the same store either way."""
    path = {"real": DUMP, "synthetic": dump, "plain": plain, "unsaid": unsaid}[source]
    printed, columns = _load(path, tmp_path / "columns.lbug", size, monkeypatch, columns=True, workers=workers)
    expected, posts = _load(path, tmp_path / "posts.lbug", size, monkeypatch, columns=False)
    assert printed == expected
    assert differences(columns, posts) == []
    counts = columns[0]
    assert counts[schema.CITES] and counts[schema.REPLY_TO] and counts[schema.WROTE]
    if source == "plain":
        assert counts[schema.MENTIONS] and not counts[schema.QUOTES]
    if source == "synthetic":
        assert counts[schema.QUOTES] and counts[schema.MENTIONS]
        assert "thread roots not in input" in printed
        # what answers a post of a later batch is written too: nothing waits for an end
        assert "wait for an end not in input" not in printed
        with open_store("ladybug", path=str(tmp_path / "columns.lbug"), read_only=True) as opened:
            assert opened.query(f"MATCH (w:{WAITING}) RETURN count(w)").rows == [[0]]
    if source == "unsaid":  # the quotes of words no post wrote, each to the writer of its parent
        records = [json.loads(line) for line in path.read_text().splitlines()]
        author = {r["id"]: r["author"] for r in records}
        quoting = [r for r in records if "words no post wrote" in r.get("body", "")]
        expected = [r for r in quoting if author.get(r["parent_id"][3:], "[deleted]") not in ("[deleted]", r["author"])]
        with open_store("ladybug", path=str(tmp_path / "columns.lbug"), read_only=True) as opened:
            rows = opened.query(f"MATCH (c)-[:{schema.QUOTES}]->(:{schema.AUTHOR}) RETURN count(c)").rows
        assert expected and rows == [[len(expected)]]


def test_a_dump_whose_rows_overflow_the_page_cache_at_once_is_copied_in_parts(tmp_path, monkeypatch):
    """The final copy of a new store: the comments' table copied at once leaves too little of a 64 MB page cache for
    the tables after it (as a month's dump did of the default one); copied in parts, each written before the next,
    the load stores what the post-by-post load stores with the same cache."""
    write_reddit_dump(tmp_path / "short.ndjson", 6000, seed=5)
    lines = []
    for line in (tmp_path / "short.ndjson").read_text().splitlines():
        record = json.loads(line)
        if "body" in record:  # long comments, no link
            record["body"] = " ".join([re.sub(r"https?://\S+", "the report", record["body"])] * 80)[:8000]
        lines.append(json.dumps(record) + "\n")
    path = tmp_path / "long.ndjson"
    path.write_text("".join(lines))
    text = sum(len(json.loads(line).get("body", "")) for line in lines)
    assert text > 24 * 2**20
    monkeypatch.setenv(BUFFER_POOL_ENV, "64")
    printed, columns = _load(path, tmp_path / "columns.lbug", 1000, monkeypatch, columns=True)
    expected, posts = _load(path, tmp_path / "posts.lbug", 1000, monkeypatch, columns=False)
    assert printed == expected
    assert differences(columns, posts) == []
    assert columns[0][schema.COMMENT] == 6000


def test_loading_a_dump_again_changes_nothing(dump, tmp_path, monkeypatch):
    store = tmp_path / "again.lbug"
    _, first = _load(dump, store, 50, monkeypatch, columns=True)
    printed = run("load", str(dump), "--store", str(store), "--no-entities")
    assert " 0 nodes created" in printed and " 0 relationships created" in printed
    with open_store("ladybug", path=str(store), read_only=True) as opened:
        assert differences(stored(opened), first) == []


def test_a_load_into_a_store_holding_posts_asks_the_store_before_reading_the_dump(dump, tmp_path, monkeypatch):
    """A store holding posts is loaded post by post: the column survey, a whole read of the dump, is not made."""
    half = tmp_path / "half.ndjson"
    half.write_text("".join(dump.read_text().splitlines(keepends=True)[:200]))
    stores = tmp_path / "asked.lbug", tmp_path / "posts.lbug"
    for store in stores:
        run("load", str(half), "--store", str(store), "--no-entities")
    surveyed = []
    real = columnar.survey
    with monkeypatch.context() as patched:
        patched.setattr(columnar, "survey", lambda *args: surveyed.append(args) or real(*args))
        printed = run("load", str(dump), "--store", str(stores[0]), "--no-entities", "--batch-size", "50")
    assert surveyed == []
    expected, posts = _load(dump, stores[1], 50, monkeypatch, columns=False)
    assert printed == expected and " 0 nodes created" not in printed
    with open_store("ladybug", path=str(stores[0]), read_only=True) as opened:
        assert differences(stored(opened), posts) == []


@pytest.mark.parametrize("source", ["synthetic", "plain"])
def test_a_load_in_columns_that_stops_leaves_the_store_empty_and_completes_when_run_again(
    source, dump, plain, tmp_path, monkeypatch
):
    """Stopped with the rules' worker a batch ahead (handed whole batches where a thread quotes, else the columns the
    rules read): nothing stored, and the load run again stores what a whole load stores."""
    dump = {"synthetic": dump, "plain": plain}[source]
    store = tmp_path / "stopped.lbug"
    batches = []

    def stop(self, batch, *args):
        if len(batches) == 2:
            raise KeyboardInterrupt
        batches.append(len(batch))
        return load_batch(self, batch, *args)

    load_batch = columnar._Load._batch
    with monkeypatch.context() as patched:
        patched.setattr(columnar._Load, "_batch", stop)
        result = CliRunner().invoke(
            main, ["load", str(dump), "--store", str(store), "--no-entities", "--batch-size", "50", "--workers", "2"]
        )
    assert result.exit_code != 0 and len(batches) == 2
    with open_store("ladybug", path=str(store), read_only=True) as opened:
        assert not any(stored(opened)[0].values())
    _, whole = _load(dump, tmp_path / "whole.lbug", 50, monkeypatch, columns=True)
    _, again = _load(dump, store, 50, monkeypatch, columns=True)
    assert differences(again, whole) == []


def test_a_load_in_columns_stopped_after_its_last_batch_stores_the_quotes_the_end_gives_when_run_again(
    unsaid, tmp_path, monkeypatch
):
    """The quotes the input's end gives the writers of parents read later are found after the last batch (where a
    load batch by batch commits them with the last batch, ``pipeline._End``): a load in columns stopped right after
    its last batch's rows, as those quotes are asked for, leaves the store empty, and run again stores them."""
    store = tmp_path / "stopped.lbug"
    read = []

    def loaded(self, batch, *args):
        read.extend(batch.stub)
        return load_batch(self, batch, *args)

    def stop():
        read.append("end")
        raise KeyboardInterrupt

    load_batch = columnar._Load._loaded
    with monkeypatch.context() as patched:
        patched.setattr(columnar._Load, "_loaded", loaded)
        patched.setattr(columnar, "_forked_end", stop)
        args = ["load", str(unsaid), "--store", str(store), "--no-entities", "--batch-size", "50", "--workers", "1"]
        result = CliRunner().invoke(main, args)
    assert result.exit_code != 0 and read[-1] == "end"
    assert read[:-1].count(False) == len(unsaid.read_text().splitlines())  # every post's batch written
    with open_store("ladybug", path=str(store), read_only=True) as opened:
        assert not any(stored(opened)[0].values())
    _, whole = _load(unsaid, tmp_path / "whole.lbug", 50, monkeypatch, columns=True, workers=1)
    _, again = _load(unsaid, store, 50, monkeypatch, columns=True, workers=1)
    assert whole[0][schema.QUOTES] and differences(again, whole) == []


def test_a_dump_with_a_record_the_columns_cannot_hold_is_loaded_post_by_post(dump, tmp_path, monkeypatch):
    """A record the reader reports as malformed (a time that is no time) is left to the reader, which says where."""
    lines = dump.read_text().splitlines(keepends=True)
    record = json.loads(lines[40])
    record["created_utc"] = "soon"
    odd = tmp_path / "odd.ndjson"
    odd.write_text("".join([*lines[:40], json.dumps(record) + "\n", *lines[41:]]))
    planned = []
    real = columnar.plan
    monkeypatch.setattr(columnar, "plan", lambda *args: planned.append(real(*args)) or planned[-1])
    printed = run("load", str(odd), "--store", str(tmp_path / "odd.lbug"), "--no-entities", "--batch-size", "50")
    assert planned == [None]
    assert f"1 malformed records skipped ({odd}:41)" in printed


def test_a_comment_with_a_title_of_another_type_is_loaded_in_columns(plain, tmp_path, monkeypatch):
    """A comment's title, which no reader's post holds, may be of any type: the load goes in columns and stores what
    the post-by-post load stores (the first pass stopped on it with a TypeError)."""
    lines = plain.read_text().splitlines(keepends=True)
    record = json.loads(lines[131])
    assert "body" in record
    path = tmp_path / "titled.ndjson"
    path.write_text("".join([*lines[:131], json.dumps({**record, "title": 5}) + "\n", *lines[132:]]))
    printed, columns = _load(path, tmp_path / "columns.lbug", 7, monkeypatch, columns=True)
    expected, posts = _load(path, tmp_path / "posts.lbug", 7, monkeypatch, columns=False)
    assert printed == expected
    assert differences(columns, posts) == []


def test_the_first_pass_leaves_the_progress_meter_at_the_input_s_start(plain):
    """The first pass reads the dump through aside from the meter, so a load's progress counts only the pass whose
    posts it loads: with the meter armed, as a reading arms it before its reader's first pass (``Readers.read``),
    after the pass none of the input reads as read, and the meter is still armed for the pass the bar follows."""
    (inp,) = expand_inputs([str(plain)])
    inp.meter.armed = True
    assert columnar.plan([inp], None, {}, Extractor(entities=False), lambda: True) is not None
    assert inp.bytes_read() == 0 < inp.size
    assert inp.meter.armed


def _shown(path: Path, store: Path, monkeypatch: pytest.MonkeyPatch, columns: bool) -> dict[int, int]:
    """The share of input a load's progress shows (one line a batch, not a terminal) by posts loaded, in columns or
    post by post."""
    planned = []

    def plan(*args):
        planned.append(real(*args) if columns else None)
        return planned[-1]

    real = columnar.plan
    with monkeypatch.context() as patched:
        patched.setattr(columnar, "plan", plan)
        args = ["load", str(path), "--store", str(store), "--no-entities", "--batch-size", "20", "--workers", "1"]
        result = CliRunner().invoke(main, args, catch_exceptions=False)
    assert result.exit_code == 0 and [p is not None for p in planned] == [columns]
    shown = [
        re.fullmatch(r"Loading: (\d+) posts, \d+ posts/s, (\d+)% of input", line)
        for line in result.stderr.split("\n")[:-1]
    ]
    assert shown and all(shown), result.stderr
    return {int(m[1]): int(m[2]) for m in shown}


def test_progress_in_columns_counts_the_posts_loaded_as_post_by_post(plain, tmp_path, monkeypatch):
    """Parts of lines are read ahead of the posts loaded: progress shows the bytes read once the posts loaded were
    read, as the load post by post does, not the bytes of the parts read ahead (before, a dump of 20,510 posts showed
    80% loaded after 2,000 posts, 100% after 8,000). Each share shown covers the parts whose posts are all loaded and
    no more than the load post by post shows for as many posts; the last is 100%."""
    monkeypatch.setattr(reddit_columns, "_PART_LINES", 50)
    ends = list(accumulate(map(len, plain.read_bytes().splitlines(keepends=True))))
    size = ends[-1]
    by_columns = _shown(plain, tmp_path / "columns.lbug", monkeypatch, columns=True)
    by_posts = _shown(plain, tmp_path / "posts.lbug", monkeypatch, columns=False)
    assert by_columns.keys() == by_posts.keys() and len(by_columns) > 10 and max(by_columns) == len(ends)
    for posts, share in by_columns.items():
        whole = posts // 50 * 50  # the posts of the parts all loaded
        assert (100 * ends[whole - 1] // size if whole else 0) <= share <= by_posts[posts], posts
    assert by_columns[len(ends)] == 100


def test_a_dump_that_is_no_json_stops_with_one_line_and_no_store(tmp_path):
    bad = tmp_path / "bad.ndjson"
    bad.write_text('{"subreddit": "x", "parent_id": "t3_1", "link_id": "t3_1", "id": "t1_\n')
    store = tmp_path / "bad.lbug"
    result = CliRunner().invoke(main, ["load", str(bad), "--store", str(store), "--no-entities"])
    assert result.exit_code != 0
    assert result.output.count("\n") == 1 and result.output.startswith("Error: ")
    assert not store.exists()


def test_a_column_of_edge_ids_is_the_ids_made_one_by_one():
    """``schema.edge_ids`` (the WROTE and stated REPLY_TO columns) gives each pair the id ``schema.edge_id`` gives it:
    the real dump's writers, posts and parents, a name beyond ASCII and a lone surrogate (a reader may pass one)."""
    posts = list(read_posts(expand_inputs([str(DUMP)]), report=Report()))
    comments = [post for post in posts if not post.is_article and post.parent]
    written = [post for post in posts if post.author]
    assert comments and written
    writers = [schema.writer_id("reddit", post.author) for post in written] + ["author:reddit/zoë", "author:\udc00"]
    ids = [post.id for post in written] + [posts[0].id, "comment:\ud800x"]
    parents = [post.parent for post in comments]
    assert schema.edge_ids(schema.WROTE, writers, ids) == [
        schema.edge_id(schema.WROTE, a, b) for a, b in zip(writers, ids, strict=True)
    ]
    replies = [post.id for post in comments]
    assert schema.edge_ids(schema.REPLY_TO, replies, parents) == [
        schema.edge_id(schema.REPLY_TO, a, b) for a, b in zip(replies, parents, strict=True)
    ]


@pytest.mark.parametrize("workers", [2, 1])
def test_a_post_whose_rules_raise_in_columns_is_reported_and_adds_nothing_as_post_by_post(
    workers, plain, tmp_path, monkeypatch
):
    """The rules run over a batch's texts at once; a post where they raise (here: finding its links, after the
    participants it names are found) is reported once and keeps none of its evidence, as when each post is extracted
    alone."""
    real = links.find_links
    failing = ("news7.", ", thanks for the link")  # a link's host; a participant named in a post without a link

    def find_links(text: str) -> list:
        if any(mark in text for mark in failing):
            raise ValueError(text)
        return real(text)

    monkeypatch.setattr(links, "find_links", find_links)
    printed, columns = _load(plain, tmp_path / "columns.lbug", 50, monkeypatch, columns=True, workers=workers)
    expected, posts = _load(plain, tmp_path / "posts.lbug", 50, monkeypatch, columns=False)
    failed = [line for line in plain.read_text().splitlines() if any(mark in line for mark in failing)]
    assert re.search(rf"{len(failed)} posts kept without evidence \(extraction failed", printed)
    assert printed == expected
    assert differences(columns, posts) == []
    assert columns[0][schema.CITES] and columns[0][schema.MENTIONS]


@pytest.mark.parametrize("workers", [2, 1])
def test_the_rules_findings_are_grouped_where_the_rules_run(workers, plain, tmp_path, monkeypatch):
    """With a worker, the loading process leaves grouping what the rules found into rows to it (it is handed them
    grouped); without one, it groups them itself."""
    grouped = []
    real = columnar.graphs.add_fragment
    monkeypatch.setattr(columnar.graphs, "add_fragment", lambda *args: grouped.append(args) or real(*args))
    _, columns = _load(plain, tmp_path / "grouped.lbug", 50, monkeypatch, columns=True, workers=workers)
    assert columns[0][schema.CITES] and columns[0][schema.MENTIONS]
    assert bool(grouped) == (workers == 1)


def _flattened(page: Path) -> list[str]:
    """A Reddit API comment page's submissions and comments as dump lines: each thing's fields on a line, its replies
    on lines of their own (as dumps hold the same records), in the page's order; "more" stubs left out."""
    lines, stack = [], [json.loads(page.read_text())]
    while stack:
        value = stack.pop()
        if isinstance(value, list):
            stack.extend(reversed(value))
        elif isinstance(value, dict) and value.get("kind") == "Listing":
            stack.append(value["data"]["children"])
        elif isinstance(value, dict) and value.get("kind") in ("t1", "t3"):
            data = dict(value["data"])
            replies = data.pop("replies", "")
            lines.append(json.dumps(data) + "\n")
            if replies:
                stack.append(replies)
    return lines


def _parts(monkeypatch: pytest.MonkeyPatch, lines: int) -> list[bool]:
    """Parts of ``lines`` lines; for each part read in columns, whether Arrow read it (else it was read line by
    line)."""
    read: list[bool] = []
    real = reddit_columns._arrow_part

    def arrow_part(*args):
        part = real(*args)
        read.append(part is not None)
        return part

    monkeypatch.setattr(reddit_columns, "_PART_LINES", lines)
    monkeypatch.setattr(reddit_columns, "_arrow_part", arrow_part)
    return read


def test_a_real_reddit_dump_read_by_arrow_is_stored_as_post_by_post(tmp_path, monkeypatch):
    """Two real comment pages' records as a dump (times as floats, deleted writers, escaped text and links, fields
    nested and of every type): Arrow's reading of them stores what the reader's posts store."""
    dump = tmp_path / "real.ndjson"
    dump.write_text("".join(_flattened(REAL / "graw-thread.json") + _flattened(REAL / "communal-thread.json")))
    read = _parts(monkeypatch, 64)
    printed, columns = _load(dump, tmp_path / "columns.lbug", 40, monkeypatch, columns=True)
    assert read and all(read)
    expected, posts = _load(dump, tmp_path / "posts.lbug", 40, monkeypatch, columns=False)
    assert printed == expected
    assert differences(columns, posts) == []
    assert columns[0][schema.REPLY_TO] > 150 and columns[0][schema.CITES]


def test_a_dump_whose_submissions_keep_their_text_in_content_is_stored_as_post_by_post(plain, tmp_path, monkeypatch):
    """Submissions saved with their text as "content", not selftext (as a PRAW script saved them): Arrow's reading
    of them stores what the reader's posts store, each submission's text kept."""
    content = {}
    lines = []
    for line in plain.read_text().splitlines():
        record = json.loads(line)
        if "title" in record:
            record["content"] = content[schema.article_id("reddit", record["id"])] = record.pop("selftext")
        lines.append(json.dumps(record) + "\n")
    assert sum(map(bool, content.values())) > 3
    path = tmp_path / "content.ndjson"
    path.write_text("".join(lines))
    read = _parts(monkeypatch, 50)
    printed, columns = _load(path, tmp_path / "columns.lbug", 7, monkeypatch, columns=True)
    assert read and all(read)
    expected, posts = _load(path, tmp_path / "posts.lbug", 7, monkeypatch, columns=False)
    assert printed == expected
    assert differences(columns, posts) == []
    assert {key: columns[1][key]["text"] for key in content} == content


def test_a_dump_whose_submissions_keep_their_text_as_text_is_stored_as_post_by_post(plain, tmp_path, monkeypatch):
    """Submissions saved with their text as "text", neither selftext nor content (as a PRAW script saved them):
    Arrow's reading of them stores what the reader's posts store, each submission's text kept."""
    text = {}
    lines = []
    for line in plain.read_text().splitlines():
        record = json.loads(line)
        if "title" in record:
            record["text"] = text[schema.article_id("reddit", record["id"])] = record.pop("selftext")
        lines.append(json.dumps(record) + "\n")
    assert sum(map(bool, text.values())) > 3
    path = tmp_path / "text.ndjson"
    path.write_text("".join(lines))
    read = _parts(monkeypatch, 50)
    printed, columns = _load(path, tmp_path / "columns.lbug", 7, monkeypatch, columns=True)
    assert read and all(read)
    expected, posts = _load(path, tmp_path / "posts.lbug", 7, monkeypatch, columns=False)
    assert printed == expected
    assert differences(columns, posts) == []
    assert {key: columns[1][key]["text"] for key in text} == text


def test_a_dump_whose_texts_break_lines_otherwise_is_stored_as_post_by_post(plain, tmp_path, monkeypatch):
    """Comments whose lines break at a carriage return alone or a LINE SEPARATOR, and one quoting after such a break:
    the columns hold a line feed in their place, as the reader's posts do, and the rules read them so."""
    lines, bodies = [], {}
    for n, line in enumerate(plain.read_text().splitlines()):
        record = json.loads(line)
        if "body" in record and n % 7 == 0:
            record["body"] = bodies[record["id"]] = f"So it goes.{chr(13) if n % 2 else chr(0x2028)}{record['body']}"
        if "body" in record and n % 7 == 1:
            record["body"] = f"Well.\r&gt; {record['body']}\r\rNot what the report says."
        lines.append(json.dumps(record) + "\n")
    path = tmp_path / "breaks.ndjson"
    path.write_text("".join(lines))
    printed, columns = _load(path, tmp_path / "columns.lbug", 7, monkeypatch, columns=True)
    expected, posts = _load(path, tmp_path / "posts.lbug", 7, monkeypatch, columns=False)
    assert printed == expected
    assert differences(columns, posts) == []
    texts = {props.get("source_id"): props.get("text") for props in columns[1].values()}
    assert len(bodies) > 10 and all(
        texts[i] == body.replace("\r", "\n").replace("\u2028", "\n") for i, body in bodies.items()
    )


def test_a_writer_named_none_is_an_account_only_with_its_author_fullname(plain, tmp_path, monkeypatch):
    """Comments written by "None": with an author_fullname (which Reddit gives every existing account) the account so
    named, without one a deleted account a script saved as "None", no writer; Arrow's reading stores what the reader's
    posts store."""
    named, gone = set(), set()
    lines = []
    for number, line in enumerate(plain.read_text().splitlines()):
        record = json.loads(line)
        if "body" in record and number % 3 == 0:
            record["author"] = "None"
            (named if number % 2 else gone).add(record["id"])
            if number % 2:
                record["author_fullname"] = "t2_n0ne"
            else:
                record.pop("author_fullname", None)
        lines.append(json.dumps(record) + "\n")
    assert len(named) > 3 and len(gone) > 3
    path = tmp_path / "none.ndjson"
    path.write_text("".join(lines))
    read = _parts(monkeypatch, 50)
    printed, columns = _load(path, tmp_path / "columns.lbug", 7, monkeypatch, columns=True)
    assert read and all(read)
    expected, posts = _load(path, tmp_path / "posts.lbug", 7, monkeypatch, columns=False)
    assert printed == expected
    assert differences(columns, posts) == []
    nodes, edges = columns[1], columns[2]
    written = {nodes[b]["source_id"]: nodes[a]["name"] for a, b, _ in edges if edges[a, b, _]["type"] == schema.WROTE}
    assert {cid for cid, name in written.items() if name == "None"} == named
    assert not gone & written.keys()


def test_lines_arrow_does_not_read_as_python_does_are_read_line_by_line(plain, tmp_path, monkeypatch):
    """A part holding a blank line or a line that is no JSON (both known from the first pass), a key given twice, a time
    as text or in part seconds, or a field of another type than Arrow's reading expects is read line by line; the
    other parts by Arrow, the store the same as post by post."""
    lines = plain.read_text().splitlines(keepends=True)
    record = json.loads(lines[130])
    odd = {
        30: "\n",
        70: '{"id": "zz1", "body": "cut\n',
        110: lines[110].replace('"author": ', '"author": "first", "author": ', 1),
        130: json.dumps({**record, "created_utc": str(record["created_utc"])}) + "\n",
        170: json.dumps({**record, "id": "zz2", "created_utc": record["created_utc"] + 0.5}) + "\n",
        210: json.dumps({**record, "id": "zz3", "body": 0}) + "\n",
    }
    path = tmp_path / "odd.ndjson"
    path.write_text("".join(odd.get(i, line) for i, line in enumerate(lines)))
    read = _parts(monkeypatch, 40)
    printed, columns = _load(path, tmp_path / "columns.lbug", 7, monkeypatch, columns=True)
    parts = -(-len(lines) // 40)
    assert len(read) == parts - 2 and read.count(False) == 4  # a blank or bad line is known from the first pass
    expected, posts = _load(path, tmp_path / "posts.lbug", 7, monkeypatch, columns=False)
    assert printed == expected and f"1 malformed records skipped ({path}:71)" in printed
    assert differences(columns, posts) == []


def test_a_part_of_a_dump_is_bounded_in_lines_and_bytes(monkeypatch):
    """Arrow reads a dump a part at a time, so a part of long lines is cut by their bytes (a longer line alone)."""
    monkeypatch.setattr(reddit_columns, "_PART_LINES", 4)
    monkeypatch.setattr(reddit_columns, "_PART_BYTES", 10)
    lines = [(n, b"x" * size) for n, size in enumerate([3, 3, 3, 20, 1, 1, 1, 1, 1, 9, 2], 1)]
    parts = [[n for n, _ in part] for part in reddit_columns._cut(iter(lines))]
    assert parts == [[1, 2, 3], [4], [5, 6, 7, 8], [9, 10], [11]]


def _surveyed(path: Path, monkeypatch: pytest.MonkeyPatch, by_arrow: bool, limit: int = 100_000) -> object:
    """The first pass over ``path`` (its ``Survey``'s fields, or the class and message of what it raised), with the
    comments Arrow reads as Python's parser does checked by column, or (``by_arrow`` false) every line read by Python's
    parser, as the pass read it before."""
    with monkeypatch.context() as patched:
        if not by_arrow:
            patched.setattr(reddit_columns._Surveying, "arrow", lambda self, lines, table: None)
        inp = expand_inputs([str(path)])[0]
        try:
            found = reddit_columns.survey(inp, limit, find_post_quotes)
        except Exception as exc:
            return type(exc).__name__, str(exc)
    return {f.name: getattr(found, f.name) for f in fields(found)}


def _odd_lines(lines: list[str]) -> dict[str, dict[int, str]]:
    """Lines put in place of a plain dump's, each read by the first pass as by the reader: a dump the columns hold
    ("read") and, each alone, what makes the pass raise, the first such line of a part deciding what (one line
    nesting a record where the reader does not look, another a text of another type)."""
    comment = json.loads(lines[131])
    assert "body" in comment

    def line(**changed: object) -> str:
        return json.dumps({**comment, **changed}) + "\n"

    nested = line(id="n1", replies={"data": {"parent_id": "t1_x", "link_id": "t3_x", "body": "hid"}})
    return {
        "read": {
            20: "\n",
            21: "   \n",
            40: '{"id": "zz1", "body": "cut\n',
            60: line(id="e1", edited=1_600_000_100, author="@new_writer"),
            61: line(id="e2", edited=False, all_awardings=[], gildings={}, author_flair_text=None),
            62: line(id="e3", body="Said \\u201cso\\u201d: &gt; quoted &amp; then\n\nmore", author=None),
            63: line(id="e4", created_utc=comment["created_utc"] + 0.5, body=None, permalink=None),
            64: line(id="e5", body="[deleted]", author="[removed]", title="on a comment"),
            65: line(id="e6", body="Dear zoë 🙂, a \\\\ slash", author="zoë"),
            66: json.dumps({"id": "s9", "title": "Asked", "subreddit": "x", "is_self": "yes", "created_utc": 5}) + "\n",
            67: line(id="e7", body='a "key": [in text]', edited=True),
            68: line(id="e8", link_id="t3_zz9", parent_id="t1_zz8"),
            69: line(id="e9", body="\u00e9\u0301 x" * 3, kind_of="kind"),
            80: '{"id": "e10", "body": "two", "parent_id": "t3_1", "link_id": "t3_1", "created_utc": 1} {"id": 2}\n',
            120: line(id="e11", author="None"),
            121: line(id="e12", author="None", author_fullname="t2_n0ne"),
            122: line(id="e13", author="None", author_fullname=""),
        },
        "twice": {90: line()},
        "kind": {90: line(id="k1", kind="t1")},
        "escaped kind": {90: line(id="k2").replace('"id"', '"\\u006bind": "t1", "id"', 1)},
        "no link": {90: line(id="k3", link_id=None)},
        "edited": {90: line(id="k4", edited="soon")},
        "no time": {90: line(id="k5", created_utc=float("nan"))},
        "late time": {90: line(id="k6", created_utc=100_000_000_000)},
        "surrogate": {90: line(id="k7", body="lone \ud800 half")},
        "long": {90: line(id="k8", body="x" * 5000)},
        "nested first": {90: nested, 95: line(id="k9", body=7)},
        "nested second": {90: line(id="k9", body=7), 95: nested},
    }


@pytest.mark.parametrize(
    "case",
    [
        "read",
        "twice",
        "kind",
        "escaped kind",
        "no link",
        "edited",
        "no time",
        "late time",
        "surrogate",
        "long",
        "nested first",
        "nested second",
    ],
)
def test_the_first_pass_by_column_finds_what_it_found_line_by_line(case, plain, tmp_path, monkeypatch):
    """What the first pass finds (fullnames, participants in order, each Author's first name, quoting threads and lines,
    lines holding no value), or what it raises, is the same as with every line read by Python's parser."""
    lines = plain.read_text().splitlines(keepends=True)
    odd = _odd_lines(lines)[case]
    path = tmp_path / "odd.ndjson"
    path.write_text("".join(odd.get(i, line) for i, line in enumerate(lines)))
    monkeypatch.setattr(reddit_columns, "_PART_LINES", 50)
    by_arrow = _surveyed(path, monkeypatch, True, 4000)
    assert by_arrow == _surveyed(path, monkeypatch, False, 4000)
    assert isinstance(by_arrow, dict) == (case == "read")


@pytest.mark.parametrize("source", ["real", "synthetic", "flattened", "document", "empty", "no json"])
def test_the_first_pass_over_a_whole_dump_by_column_finds_what_it_found_line_by_line(
    source, dump, tmp_path, monkeypatch
):
    """The repository's dump, a synthetic one whose comments quote, two real comment pages' records as a dump (fields
    nested and of every type), a page that is one JSON document over many lines, an empty input and one that is no
    JSON: the same findings, or the same refusal, by column and line by line; most of a synthetic dump's lines are
    checked by column."""
    path = tmp_path / "dump.ndjson"
    if source == "real":
        path = DUMP
    elif source == "synthetic":
        path = dump
    elif source == "flattened":
        path.write_text("".join(_flattened(REAL / "graw-thread.json") + _flattened(REAL / "communal-thread.json")))
    elif source == "document":
        path.write_text(json.dumps(json.loads((REAL / "graw-thread.json").read_text()), indent=1))
    else:
        path.write_text("\n\n" if source == "empty" else '{"id": "1", "body": \n')
    checked: list[int] = []
    real = reddit_columns._Surveying.arrow

    def arrow(self, lines, table):
        rows = real(self, lines, table)
        checked.extend(rows[0] if rows else [])
        return rows

    monkeypatch.setattr(reddit_columns._Surveying, "arrow", arrow)
    by_arrow = _surveyed(path, monkeypatch, True)
    assert by_arrow == _surveyed(path, monkeypatch, False)
    if source in ("real", "synthetic", "flattened"):
        assert by_arrow["known"] and by_arrow["participants"] and by_arrow["last"]
    if source == "synthetic":
        assert by_arrow["quoting"] and len(checked) > 0.9 * by_arrow["last"]
    if source in ("document", "empty", "no json"):
        assert by_arrow[0] == ("NotColumnar" if source == "document" else "InputError")


def test_a_dump_is_read_a_part_ahead_in_a_thread_of_its_own(plain, monkeypatch):
    """Both passes are handed each part of the dump, with Arrow's reading of it, made in another thread than theirs
    while they work on the part before."""
    threads: list[str] = []
    real_flagged, real_read = reddit_columns._flagged, reddit_columns._read

    def made(items):
        for item in items:
            threads.append(threading.current_thread().name)
            yield item

    monkeypatch.setattr(reddit_columns, "_PART_LINES", 40)
    monkeypatch.setattr(reddit_columns, "_flagged", lambda *args: made(real_flagged(*args)))
    monkeypatch.setattr(reddit_columns, "_read", lambda *args: made(real_read(*args)))
    inp = expand_inputs([str(plain)])[0]
    found = reddit_columns.survey(inp, 100_000, find_post_quotes)
    batches = list(reddit_columns.columns(inp, found, lambda thread, chars: False))
    parts = -(-len(plain.read_text().splitlines()) // 40)
    assert sum(map(len, batches)) == found.last and len(threads) == 2 * parts
    assert threading.main_thread().name not in threads


def _on_disk() -> Input:
    """An input read from a file on disk (one of some size)."""
    return expand_inputs([str(DUMP)])[0]


def test_a_pipe_is_read_in_the_thread_that_asks_for_its_parts(plain):
    """An input of no size on disk (a pipe, standard input) is not read ahead: its next part may be long in coming,
    and a stop would wait for it."""
    piped = replace(expand_inputs([str(plain)])[0], size=0)
    threads = []

    def items():
        for n in range(3):
            threads.append(threading.current_thread())
            yield n

    assert list(reddit_columns._ahead(piped, items())) == [0, 1, 2]
    assert threads == [threading.main_thread()] * 3


def test_reading_ahead_raises_where_the_failing_item_is_asked_for():
    """What making an item raises reaches the caller as it asks for that item, after the items before it."""

    def items():
        yield 1
        yield 2
        raise InputError("cut short")

    got = []
    with pytest.raises(InputError, match="cut short"):
        for item in reddit_columns._ahead(_on_disk(), items()):
            got.append(item)
    assert got == [1, 2]


def test_reading_ahead_stopped_early_closes_its_items_once_the_one_under_way_is_made():
    """A caller that stops early leaves the item under way to be finished, then the items are closed (a dump's file
    is closed after the thread's last read of it, never under it)."""
    log: list[str] = []
    asked = threading.Event()

    def items():
        try:
            for n in range(5):
                if n == 1:
                    asked.wait()
                log.append(f"made {n}")
                yield n
        finally:
            log.append("closed")

    reading = reddit_columns._ahead(_on_disk(), items())
    assert next(reading) == 0
    asked.set()
    reading.close()
    assert log == ["made 0", "made 1", "closed"]


def test_the_rules_worker_forks_before_the_dump_is_read_in_a_thread(plain, tmp_path, monkeypatch):
    """The rules' worker is forked as the load starts, when no thread of the reading ahead is running (a fork copies
    the forking thread alone, and a lock another thread held stays held in the worker)."""
    at_fork: list[list[str]] = []
    real = columnar.forked.submit

    def submit(pool, *args):
        if not at_fork:
            at_fork.append([thread.name for thread in threading.enumerate()])
        return real(pool, *args)

    monkeypatch.setattr(columnar.forked, "submit", submit)
    _load(plain, tmp_path / "forked.lbug", 50, monkeypatch, columns=True, workers=2)
    assert at_fork and not [name for name in at_fork[0] if name.startswith("graphkit-ahead")]
