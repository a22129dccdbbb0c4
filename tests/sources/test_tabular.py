"""JSONL/CSV rows from other tools: default columns, the --map option, and the same threads as the native readers."""

import csv
import hashlib
import html
import io
import json
import re
import xml.etree.ElementTree as ET
from collections import Counter
from dataclasses import replace
from datetime import UTC, datetime, timedelta
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

from graphkit import schema
from graphkit.cli import main
from graphkit.errors import InputError
from graphkit.extract import Extractor
from graphkit.pipeline import extract_graph
from graphkit.sources import (
    DUPLICATE,
    MALFORMED,
    MISSING_PARENT,
    MISSING_ROOT,
    SPAM,
    Readers,
    Report,
    detect,
    expand_inputs,
    formats,
    read_one,
    read_posts,
    settle,
)
from graphkit.sources._shared import GONE
from graphkit.sources.tabular import (
    BY_PLACE,
    EMPTY_PARENT,
    ERROR_RESPONSE,
    FILE_THREAD,
    NO_WRITER,
    ONE_THREAD,
    UNREAD_OWN_THREAD,
    UNREAD_PARENT,
    UNREAD_POST,
    UNREAD_THREAD,
    UNREADABLE_TIME,
    parse_mapping,
)
from tests import builders as build
from tests.cli_runs import assert_stated_parents, run, store_rows


def test_reddit_csv_gives_the_reddit_readers_ids_and_tree(read, shape):
    read_rows, report = read("reddit-comments.csv", platform="reddit")
    page, _ = read("reddit-page.json")
    # a time that does not read leaves its row undated (before, the row was skipped as malformed)
    undated = [p for p in read_rows if p.source_id == "d9t0098"]
    assert [(p.created, p.text) for p in undated] == [("", "a row with a bad time")]
    rows = [p for p in read_rows if p.source_id != "d9t0098"]
    assert len(rows) == 7
    assert shape(rows) == {k: v for k, v in shape(page).items()}
    # the submission is not in the CSV: a stub with the submission's id stands in for it
    assert rows[0].meta == {"stub": True} and rows[0].id == page[0].id == schema.article_id("reddit", "5c1a2b")
    assert {(p.id, p.parent, p.thread) for p in rows[1:]} == {(p.id, p.parent, p.thread) for p in page[1:]}
    by = {p.source_id: p for p in rows}
    assert (
        by["d9t0001"].text
        == "Lavrov said the truce would hold > a week.\nReport: https://example.org/report?id=1&lang=en"
    )
    assert by["d9t0001"].created == "2016-11-08T12:36:40Z" and by["d9t0003"].created == "2016-11-08T12:40:00Z"
    assert (by["d9t0002"].author, by["d9t0002"].deleted, by["d9t0006"].author) == (None, True, None)
    assert by["d9t0005"].text == "Москва confirmed it, five levels down." and by["d9t0005"].author == "carol_72"
    undated_kind = UNREADABLE_TIME.format(column="created_utc")
    assert report.counts == {MISSING_ROOT: 1, MALFORMED: 1, undated_kind: 1}
    assert [w.rsplit(":", 1)[1] for w in report.locations[MALFORMED]] == ["9"]
    assert [w.rsplit(":", 1)[1] for w in report.locations[undated_kind]] == ["10"]


def test_jsonl_with_mapping_gives_the_disqus_readers_ids_and_tree(read, shape, data):
    posts, report = read("disqus-posts.jsonl", author="user.name", platform="disqus")
    export, _ = read("disqus-export.xml")
    rows = [p for p in posts if not p.meta.get("stub")]
    assert len(rows) == 7
    # the stub of a parent neither holds (spam in the export) stands alike in both
    mine = {k: v for k, v in shape(posts).items() if k in {p.source_id for p in rows}}
    assert mine == {k: v for k, v in shape(export).items() if k in mine}
    assert {p.id for p in posts} <= {p.id for p in export}
    by = {p.source_id: p for p in posts}
    root = by["5200000001"]
    assert root.is_article and root.title == "Palmyra retaken & what Lavrov said" and not root.deleted
    assert root.url == "https://news.example.com/2016/11/palmyra-retaken"
    assert [by[k].author for k in ("600001", "600002", "600003")] == ["alice_w", None, "bob"]
    assert by["600001"].created == "2016-11-08T12:36:40Z" and root.created == "2016-11-08T12:34:56Z"
    # its parent, not in the file (nor in the export, as spam), a stub where the row says it stands
    lines = (data / "disqus-posts.jsonl").read_text("utf-8").splitlines()
    stated = next(row["reply_to"] for row in map(json.loads, lines) if row["post_id"] == 600009)
    stub = next(p for p in posts if p.meta.get("stub"))
    assert (stub.source_id, stub.thread, stub.text, stub.is_article) == (str(stated), root.id, "", False)
    assert by["600009"].parent == stub.id and by["600009"].thread == root.id
    assert report.counts == {MISSING_PARENT: 1, MALFORMED: 2}
    assert [w.rsplit(":", 1)[1] for w in report.locations[MALFORMED]] == ["8", "9"]


def test_rows_without_thread_column_follow_parents_to_the_root(tmp_path, read):
    path = tmp_path / "export.csv"
    path.write_text(
        "post;reply_to;message;when;who\nc2;c1;deeper;1478608700;bob\nr;;The story;1478608496;desk\n"
        "c1;r;first;2016-11-08T12:36:40Z;alice\nx2;x1;lost thread;1478608800;carol\n",
        encoding="utf-8",
    )
    posts, report = read(path, id="post", author="who", time="when")
    by = {p.source_id: p for p in posts}
    assert [p.source_id for p in posts] == ["c2", "r", "c1", "x1", "x2"]
    assert by["c2"].parent == by["c1"].id and by["c1"].parent == by["r"].id == by["c2"].thread
    assert by["r"].is_article and by["r"].platform == "tabular" and by["r"].author == "desk"
    assert by["x1"].meta == {"stub": True} and by["x2"].parent == by["x1"].id
    assert by["c1"].created == "2016-11-08T12:36:40Z" and by["c2"].created == "2016-11-08T12:38:20Z"
    assert report.counts == {MISSING_ROOT: 1}


def test_both_layouts_are_detected_after_the_specific_formats(data):
    # this module imported tabular first; detection order must not depend on that
    specific = "reddit telegram youtube discourse mastodon bluesky hackernews disqus wxr mbox".split()
    assert list(formats()) == [*specific, "tabular", "text"]
    for name in ("reddit-comments.csv", "disqus-posts.jsonl"):
        (inp,) = expand_inputs([str(data / name)])
        assert detect(inp).name == "tabular"


def test_parse_mapping():
    assert parse_mapping("id=post_id, text=body,author=user.name") == {
        "id": "post_id",
        "text": "body",
        "author": "user.name",
    }
    with pytest.raises(ValueError, match="unknown field 'txt'"):
        parse_mapping("txt=body")
    with pytest.raises(ValueError, match="expected FIELD=COLUMN"):
        parse_mapping("id")
    # the parents read from no column (a table of parents without ids: ``--map parent=``), no other field
    assert parse_mapping("text=body,parent=") == {"text": "body", "parent": ""}
    with pytest.raises(ValueError, match="expected FIELD=COLUMN"):
        parse_mapping("id=")
    # each file one thread (``--map thread=@file``), which names no column of another field; other names beginning
    # with "@" are columns (Elasticsearch's "@timestamp", JSON-LD's "@id")
    assert parse_mapping("text=2,thread=@file") == {"text": "2", "thread": FILE_THREAD}
    assert parse_mapping("id=@id,time=@timestamp,thread=@type") == {
        "id": "@id",
        "time": "@timestamp",
        "thread": "@type",
    }
    for spec in ("text=@file", "author=@file", "author=@file:x"):
        with pytest.raises(ValueError, match=r"^'[^']+': @file names no column; thread=@file reads each file as one"):
            parse_mapping(spec)
    # each file one thread of the key the user names (``--map thread=@file:KEY``), never an empty one
    assert parse_mapping("thread=@file:BaW_jenozKc,text=2") == {"thread": "@file:BaW_jenozKc", "text": "2"}
    for spec in ("thread=@file:", "thread=@file: "):
        with pytest.raises(ValueError, match=r"^'thread=@file:': the thread's key is empty \(thread=@file:KEY"):
            parse_mapping(spec)


@pytest.mark.parametrize(
    ("content", "options", "message"),
    [
        ("id,body\n1,hello\n", {"text": "comment"}, r"--map text=comment: no such column"),
        ("name,age\nann,3\n", {}, r"no id column found"),
        ('{"id": 1, "likes": 3}\n', {}, r"no text column found"),
        ("[1, 2, 3]", {}, r"not JSON rows"),
        ("just one line of prose\n", {}, r"not CSV with a header row"),
    ],
)
def test_not_rows_is_one_input_error(tmp_path, read, content, options, message):
    path = tmp_path / "bad.txt"
    path.write_text(content, encoding="utf-8")
    with pytest.raises(InputError, match=message):
        read(path, "tabular", **options)


def test_csv_that_is_not_utf8_is_one_input_error(tmp_path, read):
    path = tmp_path / "latin1.csv"
    path.write_bytes("id,text\n1,caf\xe9\n".encode("latin-1"))
    with pytest.raises(InputError, match=r"latin1\.csv: not valid UTF-8 \(line 2\)"):
        read(path)


def test_rows_nested_in_a_row_are_refused_not_half_read(tmp_path, read):
    path = tmp_path / "nested.json"
    path.write_text(
        json.dumps({"id": "0", "text": "the post", "replies": [{"id": "1", "parent": "0", "text": "a reply"}]}),
        encoding="utf-8",
    )
    with pytest.raises(InputError, match=r"nested\.json:1: 1 records read, but 1 more sit .* \(1 under 'replies'\)"):
        read(path, "tabular")


def test_a_json_line_that_is_no_row_is_reported_and_the_rows_around_it_read(tmp_path, read):
    path = tmp_path / "rows.jsonl"
    path.write_text('{"id": "1", "text": "first"}\n"x"\n{"id": "2", "text": "second"}\n', encoding="utf-8")
    posts, report = read(path, "tabular")
    assert [p.source_id for p in posts] == ["1", "2"]
    assert report.locations[MALFORMED] == [f"{path}:2"]


def test_an_object_inside_a_row_is_part_of_the_row(tmp_path, read):
    tweet = {"id": "2", "text": "quoting", "quoted_status": {"id": "1", "text": "the quoted tweet"}}
    path = tmp_path / "tweets.jsonl"
    path.write_text(json.dumps({"id": "1", "text": "first"}) + "\n" + json.dumps(tweet) + "\n", encoding="utf-8")
    posts, _ = read(path, "tabular")
    assert [p.source_id for p in posts] == ["1", "2"]


@pytest.mark.parametrize("name", ["disqus-posts.jsonl", "reddit-comments.csv"])
def test_rows_saved_with_a_byte_order_mark_read_as_without(tmp_path, read, data, name):
    path = tmp_path / name
    path.write_bytes(b"\xef\xbb\xbf" + (data / name).read_bytes())
    posts, _ = read(path, author="user.name") if name.endswith("jsonl") else read(path)
    plain, _ = read(name, author="user.name") if name.endswith("jsonl") else read(name)
    assert [(p.source_id, p.parent, p.author) for p in posts] == [(p.source_id, p.parent, p.author) for p in plain]


RECENT = Path(__file__).parents[1] / "data" / "recent-posts" / "sencha-forum-recent-posts.json"


def test_a_list_of_recent_posts_reads_each_new_threads_first_post_as_its_root(read):
    """A forum's list of recent posts shows each post under its thread's title. The Sencha forum's list of 19 May
    2011 holds ten threads, one post each, every one with no reply (``reply_count`` "0"): each post is its thread's
    only post, so its first, the thread's root, with its text, writer and title (before, a reply to a stub root of
    no text nor writer, and a missing root reported for each)."""
    rows = json.loads(RECENT.read_text(encoding="utf-8"))
    mapping = {"thread": "topic_id", "title": "topic_title", "time": "post_time", "text": "post_text"}
    posts, report = read(RECENT, "tabular", **mapping)
    assert len({r["topic_id"] for r in rows}) == len(rows) == 10
    assert {r["reply_count"] for r in rows} == {"0"}
    assert all(p.is_article for p in posts)
    assert {p.thread: (p.source_id, p.title, p.author, " ".join(p.text.split())[:20]) for p in posts} == {
        schema.article_id("tabular", r["topic_id"]): (
            r["post_id"],
            r["topic_title"],
            r["author"],
            " ".join(r["post_text"].split())[:20],
        )
        for r in rows
    }
    assert report.counts == {}


@pytest.mark.parametrize(
    ("titles", "title"),
    [
        (["", "Re: Budget vote", "Budget vote"], "Budget vote"),
        (["Re: Parks", "Parks"], "Parks"),
        (["", "Parks"], "Parks"),
    ],
)
def test_a_stub_root_bears_its_threads_title_whichever_row_gives_it(tmp_path, read, titles, title):
    """Rows of a thread whose first post is not among them, each titled as its forum shows it (a reply's title
    "Re: …", or none): the stub root bears the thread's title, the first a row gives, as it is where another row
    gives it without the reply's prefix, in whatever order the rows come (before, the first row's title, "" or
    "Re: Parks")."""
    path = tmp_path / "rows.jsonl"
    rows = [
        {"id": f"p{i}", "thread": "t1", "parent": "p9", "title": t, "text": "A post."} for i, t in enumerate(titles)
    ]
    build.jsonl(path, rows)
    posts, _ = read(path, "tabular")
    (root,) = [p for p in posts if p.is_article]
    assert (root.title, root.meta) == (title, {"stub": True})


@pytest.mark.parametrize(
    ("rows", "lone"),
    [
        # the thread's root among the rows: the lone parentless row answers it
        ([("T1", "T1", "", "Parks", "ann", "The report is out."), ("c1", "T1", "", "Parks", "bob", "I like it")], "c1"),
        # a comment export: thread A has two comments, B one; B's comment answers B's stub root
        (
            [
                ("c1", "A", "", "Parks", "ann", "First."),
                ("c2", "A", "c1", "Parks", "bob", "Second."),
                ("c3", "B", "", "Roads", "cat", "Only one."),
            ],
            "c3",
        ),
    ],
)
def test_a_lone_comment_in_a_comment_export_stays_a_comment(tmp_path, read, rows, lone):
    """A row with no parent that is its thread's one row opens the thread only in a file of such rows (a list of
    recent posts): where the thread's root is among the rows, or other threads have several rows, it is a comment on
    its thread (before, a second article with the thread's id, dropped as a duplicate, or the commenter's article)."""
    path = tmp_path / "rows.csv"
    path.write_text("\n".join(["id,thread_id,parent,title,author,body", *map(",".join, rows)]) + "\n", encoding="utf-8")
    posts, report = read(path, "tabular")
    by = {p.source_id: p for p in posts if not p.meta.get("stub")}
    thread = next(r[1] for r in rows if r[0] == lone)
    assert set(by) == {r[0] for r in rows} and "duplicate" not in str(report.counts)
    # a parent column no row fills states nothing: the lone comment's parent is inferred
    stated = schema.article_id("tabular", thread) if any(r[2] for r in rows) else None
    assert (by[lone].is_article, by[lone].parent) == (False, stated)
    assert {p.thread for p in posts if p.is_article} == {schema.article_id("tabular", r[1]) for r in rows}


TRIAL = Path(__file__).parents[1] / "data" / "trial"
REAL = Path(__file__).parents[1] / "data" / "real"


def test_rows_with_no_parent_column_leave_the_reply_to_inference():
    """reddit_airflow's comments.csv has columns time, comment_id, link_id, comment, score and no parent: what a
    comment answers is unknown (h1d643a opens by quoting h1d5zdg of its thread), so each reply edge is inferred,
    with its rule and the model's confidence (before, every comment was a certain reply to its submission, rule
    "explicit", confidence 1.0). Mapped to the thread's column, the parent is stated: each comment answers its
    submission."""
    path = TRIAL / "reddit-airflow-comments.csv"
    with path.open(encoding="utf-8", newline="") as f:
        rows = list(csv.DictReader(f))
    assert "parent" not in " ".join(rows[0])
    report = Report()
    posts = list(read_posts(expand_inputs([str(path)]), report=report))
    comments = [p for p in posts if not p.is_article]
    assert {p.source_id: p.thread for p in comments} == {
        r["comment_id"]: schema.article_id("tabular", r["link_id"]) for r in rows
    }
    assert all(p.parent is None and not p.parent_missing for p in comments)
    # nor does any column name a comment's writer: said in the report
    assert not {"author", "user", "username"} & set(rows[0])
    assert report.counts == {MISSING_ROOT: len({r["link_id"] for r in rows}), NO_WRITER: 1}
    graph = extract_graph(posts, Extractor(entities=False, workers=1))
    replies = {u: d for u, _, d in graph.edges(data=True) if d["type"] == schema.REPLY_TO}
    assert set(replies) == {p.id for p in comments}
    assert all(d["inferred"] and d["rule"] != "explicit" and d["model"] for d in replies.values())
    assert any(d["confidence"] < 1.0 for d in replies.values())

    stated = list(read_posts(expand_inputs([str(path)]), options={"parent": "link_id"}))
    assert {p.source_id: p.parent for p in stated if not p.is_article} == {
        r["comment_id"]: schema.article_id("tabular", r["link_id"]) for r in rows
    }


def test_a_writer_none_is_no_writer_only_in_a_reddit_export(tmp_path):
    """Reddit-ETL-Pipeline's processed comments.csv writes a deleted writer as "None" (str() of PRAW's missing
    author), with a subreddit column and no author_fullname: those rows have no writer, as the Reddit reader reads
    them, and every other row keeps its name. Without the subreddit column "None" is a name, unless the rows are
    mapped to Reddit (before, "None" was a writer everywhere)."""
    path = TRIAL / "reddit-etl-processed-comments.csv"
    with path.open(encoding="utf-8", newline="") as f:
        rows = list(csv.DictReader(f))
    named = {r["id"]: r["author"] for r in rows}
    assert list(named.values()).count("None") == 1 and "author_fullname" not in rows[0]

    def writers(source: Path, **options: str) -> dict[str, str | None]:
        posts = read_posts(expand_inputs([str(source)]), options=options)
        return {p.source_id: p.author for p in posts if not p.is_article}

    assert writers(path) == {key: None if name == "None" else name for key, name in named.items()}
    plain = tmp_path / "plain.csv"
    with plain.open("w", encoding="utf-8", newline="") as f:
        out = csv.DictWriter(f, [c for c in rows[0] if c != "subreddit"], extrasaction="ignore")
        out.writeheader()
        out.writerows(rows)
    assert writers(plain) == named
    assert writers(plain, platform="reddit") == writers(path)


def test_an_account_id_column_is_no_writers_account_unless_mapped_or_a_chat_message(tmp_path):
    """A column named "account_id" tells writers apart only in a Pleroma chat's messages (with "chat_id" and
    "unread") or where mapped: Reddit-ETL's processed comments with an "account_id" the same in every row (an
    advertiser's, say) keep each writer their own Author (before, one Author keyed by that id)."""
    with (TRIAL / "reddit-etl-processed-comments.csv").open(encoding="utf-8", newline="") as f:
        rows = [{**r, "account_id": "act_555"} for r in csv.DictReader(f)]
    path = tmp_path / "comments.csv"
    with path.open("w", encoding="utf-8", newline="") as f:
        out = csv.DictWriter(f, list(rows[0]))
        out.writeheader()
        out.writerows(rows)
    names = {r["author"] for r in rows if r["author"] != "None"}
    assert len(names) > 2
    posts = list(read_posts(expand_inputs([str(path)])))
    assert all(p.author_key == "" for p in posts)
    graph = extract_graph(iter(posts), Extractor(entities=False, workers=1))
    assert {d["name"] for _, d in graph.nodes(data=True) if d.get("label") == schema.AUTHOR} == names
    mapped = list(read_posts(expand_inputs([str(path)]), options={"account": "account_id"}))
    assert {p.author_key for p in mapped if p.author} == {"act_555"}


def test_a_chat_id_column_is_no_thread_unless_the_rows_are_chat_messages(tmp_path):
    """A chat log whose rows give "chat_id" and state replies ("reply_to"), not shaped as a Pleroma chat's messages
    (no "unread"): the replies make the threads, the room no thread (before, every row one thread under a stub). The
    Pleroma chat's messages of the trial, their "unread" left out, the newest a reply to the oldest."""
    messages = json.loads((TRIAL / "pleroma-chat-messages.json").read_text(encoding="utf-8"))
    oldest, newest = sorted(messages, key=lambda m: m["created_at"])
    rows = [{k: v for k, v in m.items() if k != "unread"} for m in (oldest, newest)]
    rows[1]["reply_to"] = oldest["id"]
    path = tmp_path / "chat.jsonl"
    build.jsonl(path, rows)
    root, reply = read_posts(expand_inputs([str(path)]))
    assert root.is_article and root.source_id == oldest["id"] and not root.meta
    assert reply.parent == root.id and reply.source_id == newest["id"]
    assert root.author is None and reply.author is None  # "account_id" read only where mapped


def test_a_chat_messages_account_id_is_no_handle(tmp_path):
    """A Pleroma chat's messages tell writers apart by "account_id", an id no user types: the writer has no handle
    (before, the id was its handle, shown wherever the rows name the writer otherwise), whether the rows give only
    the id (the trial's messages, as the API gives them) or a name too (each message given its writer's name)."""
    messages = json.loads((TRIAL / "pleroma-chat-messages.json").read_text(encoding="utf-8"))
    named = tmp_path / "named.json"
    named.write_text(json.dumps([{**m, "author_name": "Some Flake"} for m in messages]), encoding="utf-8")
    for path, name in ((TRIAL / "pleroma-chat-messages.json", None), (named, "Some Flake")):
        posts = [p for p in read_posts(expand_inputs([str(path)])) if p.author]
        assert sorted(p.author_key for p in posts) == sorted(m["account_id"] for m in messages)
        assert {p.author for p in posts} == {name or m["account_id"] for m in messages}
        assert {p.author_handle for p in posts} == {""}
        graph = extract_graph(iter(posts), Extractor(entities=False, workers=1))
        authors = [a for _, a in graph.nodes(data=True) if a.get("label") == schema.AUTHOR]
        assert [(a["name"], a["handle"]) for a in authors] == [(name or messages[0]["account_id"], "")]
    mapped = tmp_path / "mapped.json"  # an account mapped to another column is a user name, as elsewhere
    mapped.write_text(json.dumps([{**m, "acct": "flake"} for m in messages]), encoding="utf-8")
    posts = list(read_posts(expand_inputs([str(mapped)]), options={"account": "acct"}))
    assert {p.author_handle for p in posts if p.author} == {"flake"}


UNNAMED_WRITERS = ("Anonymous", "anonymous", "Guest", "[deleted]", "[removed]", "")


def _unnamed_rows() -> list[dict[str, str]]:
    """Reddit-ETL's processed comments, each of its first rows' writer rewritten to one of ``UNNAMED_WRITERS``, the
    next to "Anonymous" (the table's most frequent name), the others' names kept."""
    with (TRIAL / "reddit-etl-processed-comments.csv").open(encoding="utf-8", newline="") as f:
        rows = list(csv.DictReader(f))
    for row, name in zip(rows, UNNAMED_WRITERS, strict=False):
        row["author"] = name
    rows[len(UNNAMED_WRITERS)]["author"] = "Anonymous"
    return rows


def _write_csv(path: Path, rows: list[dict[str, str]], columns: list[str]) -> Path:
    with path.open("w", encoding="utf-8", newline="") as f:
        out = csv.DictWriter(f, columns, extrasaction="ignore")
        out.writeheader()
        out.writerows(rows)
    return path


def test_an_unnamed_writer_is_no_one_writer(tmp_path):
    """A writer shown as "Anonymous" or "Guest" (any case), Reddit's "[deleted]"/"[removed]" or nothing is no writer
    in a table of no site's accounts: rows so signed may each be anyone's, so they make no Author, and "Anonymous" is
    never the most active person of a table (before, "Anonymous" and "Guest" were one writer each, every row so signed
    theirs). Reddit-ETL's processed comments so rewritten (``_unnamed_rows``), without their subreddit column."""
    rows = _unnamed_rows()
    path = _write_csv(tmp_path / "comments.csv", rows, [c for c in rows[0] if c != "subreddit"])
    kept = {r["id"]: r["author"] for r in rows if r["author"] not in UNNAMED_WRITERS}
    posts = list(read_posts(expand_inputs([str(path)])))
    assert {p.source_id: p.author for p in posts if p.author} == kept
    graph = extract_graph(iter(posts), Extractor(entities=False, workers=1))
    authors = {d["name"] for _, d in graph.nodes(data=True) if d.get("label") == schema.AUTHOR}
    assert authors == set(kept.values()) and "Anonymous" not in authors


def test_an_unnamed_writer_is_a_writer_where_the_name_is_an_accounts(tmp_path):
    """A name "Anonymous" or "Guest" is one account's name in a Reddit export (a subreddit column: every writer a Reddit
    user, as the Reddit reader reads the same comments as JSON), in a row giving the writer's author_fullname, and
    beside an account (a CrowdTangle page so named, told apart by its handle): there it is a writer (before, none)."""
    rows = _unnamed_rows()
    unnamed = {"Anonymous", "anonymous", "Guest"}
    named = {r["id"]: r["author"] for r in rows if r["author"] and r["author"] not in ("[deleted]", "[removed]")}
    named = {k: v for k, v in named.items() if v != "None"}  # Reddit-ETL's deleted writer (``NONE_WRITER``)
    assert unnamed <= set(named.values())
    export = _write_csv(tmp_path / "export.csv", rows, list(rows[0]))
    assert {p.source_id: p.author for p in read_posts(expand_inputs([str(export)])) if p.author} == named
    # the same comments as the pipeline saved them as JSON, read by the Reddit reader, so rewritten
    rewritten = {r["id"]: r["author"] for r in rows}
    comments = json.loads((TRIAL / "reddit-etl-comments.json").read_text(encoding="utf-8"))
    comments = [{**c, "author": rewritten[c["id"]]} for c in comments if c["id"] in rewritten]
    assert len(comments) == len(rows)
    as_json = tmp_path / "comments.json"
    as_json.write_text(json.dumps(comments), encoding="utf-8")
    assert {p.source_id: p.author for p in read_posts(expand_inputs([str(as_json)])) if p.author} == named
    # with author_fullname, a table of no site's
    fullnames = [{**r, "author_fullname": f"t2_{i}"} for i, r in enumerate(rows)]
    columns = [c for c in rows[0] if c != "subreddit"] + ["author_fullname"]
    plain = _write_csv(tmp_path / "plain.csv", fullnames, columns)
    writers = {p.source_id: p.author for p in read_posts(expand_inputs([str(plain)])) if p.author}
    assert {k: v for k, v in writers.items() if v in unnamed} == {k: v for k, v in named.items() if v in unnamed}
    # a CrowdTangle page named "Anonymous", keyed by its handle
    pages = _crowdtangle_rows()
    with CROWDTANGLE.open(encoding="utf-8-sig", newline="") as f:
        header = next(csv.reader(f))
    renamed = [{**r, "Page Name": "Anonymous"} if r["User Name"] == pages[0]["User Name"] else r for r in pages]
    report = _write_csv(tmp_path / "report.csv", renamed, header)
    posts = list(read_posts(expand_inputs([str(report)]), options={"id": "URL"}))
    assert [(p.author, p.author_key) for p in posts] == [(r["Page Name"], r["User Name"]) for r in renamed]
    assert sum(p.author == "Anonymous" for p in posts) >= 1


def test_rows_with_a_parent_key_state_a_top_level_comment_by_an_empty_one(tmp_path, read):
    """JSON rows: a parent key that some row fills makes a parent column; a row without it, or with it empty,
    answers its thread's root. Rows with no parent key at all leave it to inference."""
    path = tmp_path / "rows.jsonl"
    rows = [
        {"id": "t", "text": "Root."},
        {"id": "a", "thread": "t", "text": "A."},
        {"id": "b", "thread": "t", "text": "B."},
    ]
    stated = [{"id": "c", "thread": "t", "parent": "", "text": "C."}, {"id": "d", "thread": "t", "parent": "a"}]
    path.write_text("".join(json.dumps({"text": "D.", **r}) + "\n" for r in [*rows, *stated]))
    posts, _ = read(path)
    thread = schema.article_id("tabular", "t")
    assert {p.source_id: p.parent for p in posts} == {
        "t": None,
        **dict.fromkeys("abc", thread),
        "d": schema.post_id("tabular", thread, "a"),
    }
    build.jsonl(path, rows)
    posts, _ = read(path)
    assert {p.source_id: (p.parent, p.parent_missing) for p in posts} == dict.fromkeys("tab", (None, False))


def test_a_json_list_of_rows_is_detected_as_its_rows_as_json_lines_are(tmp_path, read):
    """A research script's Hacker News search results saved as one indented JSON list of rows (src, q, type, points,
    date, url, text, clean): detected as tabular rows, as the same rows one a line are (before: "unknown input
    format"); with no id column, its rows are known by their places, as the report says, and mapped, by the ids."""
    path = TRIAL / "hn-search-rows.json"
    rows = json.loads(path.read_text(encoding="utf-8"))
    lines = tmp_path / "rows.jsonl"
    build.jsonl(lines, rows)
    assert [detect(inp).name for inp in expand_inputs([str(path), str(lines)])] == ["tabular", "tabular"]
    posts, report = read(path, time="date")
    assert [(p.source_id, p.text) for p in posts] == [(str(n), r["text"]) for n, r in enumerate(rows, 1)]
    assert report.counts == {NO_WRITER: 1, BY_PLACE: 1}
    posts, report = read(path, id="url", time="date")
    assert [(p.source_id, p.created[:10]) for p in posts] == [(r["url"], r["date"]) for r in rows]
    assert not {"author", "by", "user"} & {key for r in rows for key in r}  # the script kept no writer: said
    assert report.counts == {NO_WRITER: 1}


def test_rows_saved_newest_first_are_read_oldest_first_where_no_parent_column_says(tmp_path):
    """reddit_airflow's comments.csv lists the newest comment first and states no parent: inference sees only the
    comments read before one, so each thread's comments are read oldest first (those of one second as written);
    before, as written, newest first. Three comments written newest first, bob addressing alice and carol quoting
    her, now answer alice as written oldest first, where before both answered the thread."""
    path = TRIAL / "reddit-airflow-comments.csv"
    with path.open(encoding="utf-8", newline="") as f:
        rows = list(csv.DictReader(f))
    by_thread: dict[str, list[dict[str, str]]] = {}
    for row in rows:
        by_thread.setdefault(row["link_id"], []).append(row)
    assert any(float(a["time"]) > float(b["time"]) for a, b in zip(rows, rows[1:], strict=False))
    posts = [p for p in read_posts(expand_inputs([str(path)])) if not p.is_article]
    for thread, listed in by_thread.items():
        read = [p.source_id for p in posts if p.thread == schema.article_id("tabular", thread)]
        assert read == [r["comment_id"] for r in sorted(listed, key=lambda r: float(r["time"]))]

    written = [
        ("c3", "t", "carol", "> The library should open on Sundays\nWho pays the staff for that?", "1600000120"),
        ("c2", "t", "bob", "@alice agreed, and longer hours on weekdays too.", "1600000060"),
        ("c1", "t", "alice", "The library should open on Sundays, the whole town would use it.", "1600000000"),
    ]
    path = tmp_path / "comments.csv"
    with path.open("w", encoding="utf-8", newline="") as f:
        csv.writer(f).writerows([("id", "thread", "author", "text", "time"), *written])
    posts = list(read_posts(expand_inputs([str(path)])))
    source = {p.id: p.source_id for p in posts}
    graph = extract_graph(posts, Extractor(entities=False, workers=1))
    replies = {source[u]: (source[v], d["rule"]) for u, v, d in graph.edges(data=True) if d["type"] == schema.REPLY_TO}
    assert (replies["c2"], replies["c3"]) == (("c1", "address"), ("c1", "quote"))


@pytest.mark.parametrize("column", ["parent_comment_id", "in_reply_to_id", "reply_to_id", "parentId"])
@pytest.mark.parametrize("layout", ["csv", "jsonl"])
def test_parent_columns_of_other_common_names_are_read(tmp_path, read, column, layout):
    """Parent columns as other tools name them state what a comment answers (before: not recognised, the stated
    parent lost to inference)."""
    rows = [
        {"id": "t", "thread": "t", column: "", "text": "Root."},
        {"id": "a", "thread": "t", column: "t", "text": "A."},
        {"id": "b", "thread": "t", column: "a", "text": "B."},
    ]
    path = tmp_path / f"rows.{layout}"
    if layout == "csv":
        _write_csv(path, rows, list(rows[0]))
    else:
        build.jsonl(path, rows)
    posts, report = read(path)
    thread = schema.article_id("tabular", "t")
    assert {p.source_id: p.parent for p in posts if not p.is_article} == {
        "a": thread,
        "b": schema.post_id("tabular", thread, "a"),
    }
    assert UNREAD_PARENT not in report.counts


def test_a_column_that_may_state_the_parent_left_unread_is_said_with_the_map_hint(tmp_path, read):
    """A header naming a parent or reply under a name not known is reported once, with the --map parent= hint, as
    the rows are read without it; a reply count is no parent."""
    path = tmp_path / "rows.csv"
    path.write_text("id,thread,replied_parent,reply_count,text\nt,t,,1,Root.\na,t,t,0,A.\n", encoding="utf-8")
    posts, report = read(path)
    assert all(p.parent is None for p in posts)
    assert report.counts[UNREAD_PARENT] == 1 and "--map parent=COLUMN" in report.summary()
    assert "replied_parent" in report.summary() and "reply_count" not in report.summary()


def test_a_comment_tables_column_naming_its_post_is_said_with_the_thread_hint(read):
    """A table of comments (ids "comment_id") whose "parent_post_id" names the post each is on, as a narrative
    study's PRAW script saved them: the column is the comments' thread, and mapped as their parent it would state
    every comment a top-level answer. Before, the report hinted "--map parent=COLUMN"; now "--map thread=COLUMN",
    and so mapped, each comment is in the thread of the post it names. Ground truth from the file."""
    path = TRIAL / "debateland-reddit-comments.json"
    rows = json.loads(path.read_text(encoding="utf-8"))
    posts, report = read(path)
    assert UNREAD_PARENT not in report.counts
    assert report.locations[UNREAD_POST] == [f"{path}: parent_post_id"]
    assert "--map thread=COLUMN" in report.summary()
    posts, _ = read(path, thread="parent_post_id")
    assert {p.source_id: p.thread for p in posts if not p.is_article} == {
        r["comment_id"]: schema.article_id(r["platform"], r["parent_post_id"]) for r in rows
    }


def test_a_bad_row_of_a_json_list_on_one_line_is_located_by_its_number(tmp_path, read):
    """A JSON list of rows on one line: each bad row is told by its number in the list (before: all 'file:1')."""
    path = tmp_path / "rows.json"
    path.write_text(json.dumps([{"id": "a", "text": "A."}, 5, {"id": "b", "text": "B."}, "x"]), encoding="utf-8")
    posts, report = read(path)
    assert [p.source_id for p in posts] == ["a", "b"]
    assert report.counts[MALFORMED] == 2
    assert [where.rsplit("/", 1)[-1] for where in report.locations[MALFORMED]] == ["rows.json#2", "rows.json#4"]


CROWDTANGLE = TRIAL / "crowdtangle-historical-report.csv"
CROWDTANGLE_MAP = {"id": "URL", "author": "Page Name", "text": "Message"}


def _crowdtangle_rows():
    with CROWDTANGLE.open(encoding="utf-8-sig", newline="") as f:
        return list(csv.DictReader(f))


def test_a_csv_whose_header_names_a_few_columns_with_marks_is_a_table():
    """CrowdTangle's report names two of its 40 columns with marks ("Is Video Owner?", "Overperforming Score
    (weighted …)"): before, the file was not detected as a table and the text reader read it as one page with 614
    citations; now it is a table, and the text reader, asked, refuses it in one line naming the tabular reader."""
    rows = _crowdtangle_rows()
    assert any("?" in name for name in rows[0]) and any("(" in name for name in rows[0])
    (inp,) = expand_inputs([str(CROWDTANGLE)])
    assert detect(inp).name == "tabular"
    report = Report()
    by_place = list(read_posts(expand_inputs([str(CROWDTANGLE)]), options={"text": "Message"}, report=report))
    assert [(p.source_id, p.text) for p in by_place] == [(str(n), r["Message"].strip()) for n, r in enumerate(rows, 1)]
    assert report.counts == {BY_PLACE: 1}
    table = r"^[^\n]*a table of comma-separated values, 40 columns [^\n]*--format tabular[^\n]*--map[^\n]*$"
    with pytest.raises(InputError, match=table):
        list(read_posts(expand_inputs([str(CROWDTANGLE)]), "text"))
    report = Report()
    posts = list(read_posts(expand_inputs([str(CROWDTANGLE)]), options=CROWDTANGLE_MAP, report=report))
    assert [(p.source_id, p.author, p.text) for p in posts] == [
        (r["URL"], r["Page Name"], r["Message"].strip()) for r in rows
    ]
    assert all(p.is_article for p in posts) and len(posts) == 20 and not report.counts


def test_a_crowdtangle_reports_writer_is_its_page_told_apart_by_its_handle():
    """A CrowdTangle report names each post's page twice: "Page Name", as Facebook shows it over the post ("A Mothers
    Search"), and "User Name", the page's handle ("amotherssearch"). The name shown is the writer, as every reader
    shows one, and the handle tells pages apart, as a Disqus account's user name does (a page renamed stays one
    Author), held as its handle, by which lookups find it. Before, neither was read without --map author=…: the 20
    posts had no writer."""
    rows = _crowdtangle_rows()
    posts = list(read_posts(expand_inputs([str(CROWDTANGLE)]), options={"id": "URL"}))
    assert [(p.source_id, p.author, p.author_key, p.author_handle) for p in posts] == [
        (r["URL"], r["Page Name"], r["User Name"], r["User Name"]) for r in rows
    ]
    graph = extract_graph(iter(posts), Extractor(entities=False, workers=1))
    authors = {n: (d["name"], d["handle"]) for n, d in graph.nodes(data=True) if d.get("label") == schema.AUTHOR}
    assert authors == {
        schema.author_id("tabular", r["User Name"]): (
            r["Page Name"],
            schema.author_handle(r["User Name"], r["Page Name"]),
        )
        for r in rows
    }
    # named, the handle may be the writer shown (and the key none)
    named = list(read_posts(expand_inputs([str(CROWDTANGLE)]), options={"id": "URL", "author": "User Name"}))
    assert [p.author for p in named] == [r["User Name"] for r in rows]
    assert all(p.author_key == "" for p in named)  # the handle keys a writer named "Page Name" only


def test_times_written_with_their_zone_are_read_and_a_time_that_does_not_read_leaves_its_row_undated(tmp_path):
    """CrowdTangle writes "Post Created" as "2021-02-28 22:00:19 EST": before, every row mapped with time= was
    skipped as malformed (20 of 20); now each is read in UTC. A time that still does not read (a zone naming several,
    "CST"; words) leaves its row undated, each counted under its column, no row skipped."""
    rows = _crowdtangle_rows()
    hours = {"EST": -5, "EDT": -4}  # the zones of the US's eastern time
    expected = []
    for r in rows:
        written, zone = r["Post Created"].rsplit(" ", 1)
        when = datetime.strptime(written, "%Y-%m-%d %H:%M:%S") - timedelta(hours=hours[zone])
        expected.append((r["URL"], when.strftime("%Y-%m-%dT%H:%M:%SZ")))
    report = Report()
    options = {**CROWDTANGLE_MAP, "time": "Post Created"}
    posts = list(read_posts(expand_inputs([str(CROWDTANGLE)]), options=options, report=report))
    assert [(p.source_id, p.created) for p in posts] == expected and not report.counts

    lines = CROWDTANGLE.read_text(encoding="utf-8-sig").split("\n")
    bad = {"2021-02-28 22:00:19 EST": "2021-02-28 22:00:19 CST", "2021-02-28 21:53:44 EST": "last Sunday"}
    changed = tmp_path / "changed.csv"
    text = "\n".join(lines)
    for old, new in bad.items():
        assert text.count(old) == 1
        text = text.replace(old, new)
    changed.write_text(text, encoding="utf-8")
    report = Report()
    posts = list(read_posts(expand_inputs([str(changed)]), options=options, report=report))
    assert [p.source_id for p in posts] == [r["URL"] for r in rows]
    assert [p.source_id for p in posts if not p.created] == [rows[0]["URL"], rows[1]["URL"]]
    assert report.counts == {UNREADABLE_TIME.format(column="Post Created"): 2}
    assert report.summary().startswith("2 rows undated, unreadable time in column Post Created (")


def test_a_comment_whose_time_does_not_read_is_read_after_its_threads_dated_ones(tmp_path):
    """Rows are read oldest first; a row whose time does not read ("CST" names several zones) sorted before every
    dated one, as if the oldest, so inference read the thread's newest comment first. reddit_airflow's busiest
    thread, its newest comment's time so written: now read last, the others oldest first."""
    path = TRIAL / "reddit-airflow-comments.csv"
    with path.open(encoding="utf-8", newline="") as f:
        rows = list(csv.DictReader(f))
    thread = max({r["link_id"] for r in rows}, key=lambda t: sum(r["link_id"] == t for r in rows))
    listed = sorted((r for r in rows if r["link_id"] == thread), key=lambda r: float(r["time"]))
    assert len(listed) >= 3
    newest = listed[-1]["comment_id"]
    for row in rows:
        if row["comment_id"] == newest:
            row["time"] = "2021-06-11 04:08:53 CST"
    changed = tmp_path / "comments.csv"
    with changed.open("w", encoding="utf-8", newline="") as f:
        writer = csv.DictWriter(f, fieldnames=list(rows[0]))
        writer.writeheader()
        writer.writerows(rows)
    mapping = {"id": "comment_id", "thread": "link_id", "text": "comment"}
    posts = list(read_posts(expand_inputs([str(changed)]), options=mapping, report=Report()))
    read = [p.source_id for p in posts if p.thread == schema.article_id("tabular", thread) and not p.is_article]
    assert read == [r["comment_id"] for r in listed]


def test_a_first_line_of_prose_with_commas_is_no_csv_header(tmp_path):
    """A first line "Comment, reply, and quote: a guide!" named "comment" among three names, two plain words: the
    page was detected as a table, then refused with "no id column found". Most names plain words make a header only
    of five names or more (CrowdTangle's 40); a shorter one's are all plain."""
    page = tmp_path / "guide.txt"
    page.write_text(
        "Comment, reply, and quote: a guide!\n\nalice\n\nA fine guide.\n\nbob\n\nIt is.\n", encoding="utf-8"
    )
    (inp,) = expand_inputs([str(page)])
    assert detect(inp).name == "text"
    assert [p.author for p in read_posts(expand_inputs([str(page)]))][1:] == ["alice", "bob"]
    (inp,) = expand_inputs([str(CROWDTANGLE)])
    assert detect(inp).name == "tabular"


def test_a_parent_zero_that_no_row_has_as_id_is_no_parent(tmp_path, read):
    """4bot's sample of 4chan's /wsg/ catalog: each thread's opening post has ``resto: 0`` (4chan's "no parent"),
    its replies the opening post's number. Mapped so, the two threads are read as two, each opening post its
    thread's root (before, one thread "0" whose stub root took the first title, both opening posts comments under
    it). A parent 0 stays stated where a row has the id 0, and so do "null" and "None", the words scripts write for
    no value."""
    path = TRIAL / "4chan-wsg-catalog-posts.json"
    rows = json.loads(path.read_text(encoding="utf-8"))
    mapping = {"id": "no", "parent": "resto", "text": "com", "author": "name", "time": "time", "title": "sub"}
    posts, report = read(path, "tabular", **mapping)
    openers = {str(r["no"]) for r in rows if r["resto"] == 0}
    assert len(openers) == 2
    assert {p.source_id for p in posts if p.is_article} == openers
    assert {p.source_id: (p.thread, p.parent) for p in posts if not p.is_article} == {
        str(r["no"]): (schema.article_id("tabular", str(r["resto"])),) * 2 for r in rows if r["resto"]
    }
    assert {p.title for p in posts if p.is_article} == {r["sub"] for r in rows if r["resto"] == 0}
    assert report.counts == {}

    for placeholder in ("0", "null", "None"):
        lines = [
            {"id": "t", "text": "Root."},
            {"id": "a", "thread": "t", "parent": placeholder, "text": "A."},
            {"id": "b", "thread": "t", "parent": "a", "text": "B."},
        ]
        plain = tmp_path / "plain.jsonl"
        build.jsonl(plain, lines)
        posts, _ = read(plain)
        assert {p.source_id: p.parent for p in posts}["a"] == schema.article_id("tabular", "t")
        held = tmp_path / "held.jsonl"
        lines.append({"id": placeholder, "thread": "t", "text": "Z."})
        build.jsonl(held, lines)
        posts, _ = read(held)
        assert {p.source_id: p.parent for p in posts}["a"] == schema.post_id(
            "tabular", schema.article_id("tabular", "t"), placeholder
        )


CHAN_THREAD = TRIAL / "4chan-po-thread.json"


def _utc(seconds: int) -> str:
    return datetime.fromtimestamp(seconds, UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


def test_a_4chan_threads_answer_is_read_as_its_posts_with_no_options(tmp_path, read):
    """4chan's API answers a thread (/BOARD/thread/N.json) as ``{"posts": [...]}``: each post's number "no", its
    opening post's "resto" (0 on the opening post), HTML "com", subject "sub", time "time". Before, the file was
    "unknown input format", and as a table "the rows sit in a list under 'posts'", read only as a bare list with five
    columns mapped; now it is read as it is: the opening post the thread's root, titled by its subject, each reply in
    its thread ("resto"), what it answers inferred where it links to no post of the thread (the second reply links to
    another board's catalog, ">>>/po/lft"), texts as the page shows them, "Anonymous" no writer. On boards that show
    posters' ids ("id",
    the same for one poster's posts in a thread) a post is still known by its number, and its id tells its writer
    apart (the thread's posts given ids here, two of them one poster's). Laid out as a collector writes it, indented,
    the answer is read alike. Ground truth from the file."""
    rows = json.loads(CHAN_THREAD.read_text(encoding="utf-8"))["posts"]
    (inp,) = expand_inputs([str(CHAN_THREAD)])
    assert detect(inp).name == "tabular"
    posts, report = read(CHAN_THREAD)
    assert not report.counts
    assert not any(_links_in_thread(r["com"]) for r in rows)
    assert {p.source_id: (p.thread, p.parent, p.is_article, p.title, p.created, p.author) for p in posts} == {
        str(r["no"]): (
            schema.article_id("tabular", str(r["resto"] or r["no"])),
            None,
            not r["resto"],
            r.get("sub", ""),
            _utc(r["time"]),
            None,
        )
        for r in rows
    }
    shown = {str(r["no"]): html.unescape(re.sub(r"<[^>]+>", "", re.sub(r"<br>", "\n", r["com"]))) for r in rows}
    assert {p.source_id: " ".join(p.text.split()) for p in posts} == {k: " ".join(v.split()) for k, v in shown.items()}
    store = str(tmp_path / "s.lbug")
    run("load", str(CHAN_THREAD), "--store", store, "--no-entities")
    replies = store_rows(store, "MATCH (c:Comment)-[r:REPLY_TO]->() RETURN c.source_id AS id, r.inferred AS inferred")
    assert sorted((r["id"], r["inferred"]) for r in replies) == sorted((str(r["no"]), True) for r in rows if r["resto"])
    # 4TCT, a 4chan collector for social research, saves each thread's answer indented (json.dump(..., indent=2))
    indented = tmp_path / "570368_2018.json"
    indented.write_text(json.dumps(json.loads(CHAN_THREAD.read_text(encoding="utf-8")), indent=2), encoding="utf-8")
    (inp,) = expand_inputs([str(indented)])
    assert detect(inp).name == "tabular"
    assert [(p.source_id, p.parent, p.text) for p in read(indented)[0]] == [
        (p.source_id, p.parent, p.text) for p in posts
    ]

    posters = {
        "posts": [{**r, "id": poster} for r, poster in zip(rows, ("Bg9BS7Xl", "k2P0qzMn", "Bg9BS7Xl"), strict=True)]
    }
    path = tmp_path / "thread.json"
    path.write_text(json.dumps(posters), encoding="utf-8")
    posts, _ = read(path)
    assert [(p.source_id, p.author_key) for p in posts] == [
        (str(r["no"]), f"570368/{r['id']}") for r in posters["posts"]
    ]


def test_a_4chan_posters_id_names_them_in_one_thread(tmp_path, read):
    """A 4chan poster's id is given per thread: the same poster has another id in another thread, and two threads'
    posters may draw the same id. Before, two threads' posters of one id were one Author; now a poster is their id in
    their thread, one Author across their posts of a thread. Ground truth from the rows."""
    rows = [
        {"no": 1, "resto": 0, "id": "Bg9BS7Xl", "name": "Anonymous", "com": "First thread", "time": 1600000000},
        {"no": 2, "resto": 1, "id": "k2P0qzMn", "name": "Anonymous", "com": "A reply", "time": 1600000010},
        {"no": 3, "resto": 1, "id": "Bg9BS7Xl", "name": "Anonymous", "com": "OP again", "time": 1600000020},
        {"no": 10, "resto": 0, "id": "Bg9BS7Xl", "name": "Anonymous", "com": "Second thread", "time": 1600000030},
        {"no": 11, "resto": 10, "id": "k2P0qzMn", "name": "Anonymous", "com": "Another reply", "time": 1600000040},
    ]
    path = tmp_path / "threads.json"
    path.write_text(json.dumps(rows), encoding="utf-8")
    store = str(tmp_path / "s.lbug")
    run("load", str(path), "--store", store, "--no-entities")
    wrote = store_rows(store, "MATCH (a:Author)-[:WROTE]->(p) RETURN a.id AS author, p.source_id AS post")
    posters = {(r["resto"] or r["no"], r["id"]) for r in rows}
    assert len({r["author"] for r in wrote}) == len(posters) == 4
    by_post = {r["post"]: r["author"] for r in wrote}
    for r in rows:
        same = {str(o["no"]) for o in rows if (o["resto"] or o["no"], o["id"]) == (r["resto"] or r["no"], r["id"])}
        assert {n for n, a in by_post.items() if a == by_post[str(r["no"])]} == same


def _links_in_thread(com: str) -> list[str]:
    """The post numbers a 4chan post's HTML links to within its thread (an anchor of class "quotelink" whose address
    is "#pN" on the thread's own page, or a span of class "deadlink" reading ">>N", a post deleted), in order."""
    found: list[str] = []

    class Links(HTMLParser):
        dead = False

        def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
            given = dict(attrs)
            if tag == "a" and given.get("class") == "quotelink" and (given.get("href") or "").startswith("#p"):
                found.append((given["href"] or "")[2:])
            self.dead = tag == "span" and given.get("class") == "deadlink"

        def handle_data(self, data: str) -> None:
            if self.dead and (number := data.removeprefix(">>")).isdigit():
                found.append(number)
            self.dead = False

    Links().feed(com)
    return found


def test_a_4chan_post_answers_the_post_it_links_to(tmp_path, read):
    """On 4chan "resto" is a reply's thread, its opening post, for every reply: what a reply answers is the post its
    text links to, ">>N" (``<a href="#pN" class="quotelink">``). Before, every reply was a stated answer to the
    opening post and the links were not read. Now a reply answers the first post of its thread it links to, stated,
    and quotes the others it links to (4chan users answer several at once; the schema gives a post one REPLY_TO); a
    reply linking to none is inferred, as on a flat page; a link to another board's thread, or to a post another
    thread of the file holds, answers nothing. 4bot's sample of /wsg/'s catalog shows each thread's last replies, each
    linking to a post the page leaves out: a stub of its thread, the reply's stated parent. Ground truth from the
    files' HTML."""
    link = '<a href="#p{0}" class="quotelink">&gt;&gt;{0}</a>'.format
    rows = [
        {"no": 100, "resto": 0, "id": "AbCd1234", "sub": "Thread", "com": "Opening post", "time": 1600000000},
        {"no": 101, "resto": 100, "id": "ZZzz9999", "com": f"{link(100)}<br>I disagree with OP", "time": 1600000010},
        {"no": 102, "resto": 100, "id": "AbCd1234", "com": f"{link(101)}<br>No you are wrong", "time": 1600000020},
        {"no": 103, "resto": 100, "id": "QqQq0000", "filename": "img", "ext": ".jpg", "time": 1600000030},
        {"no": 104, "resto": 100, "id": "ZZzz9999", "com": f"{link(102)}<br>{link(101)}<br>Both", "time": 1600000040},
        {"no": 105, "resto": 100, "com": f"{link(205)} and {link(104)}", "time": 1600000050},
        {"no": 106, "resto": 100, "com": '<a href="/a/thread/9#p9" class="quotelink">&gt;&gt;9</a> see', "time": 1},
        {"no": 107, "resto": 100, "com": '<span class="deadlink">&gt;&gt;98</span> gone', "time": 1600000055},
        {"no": 108, "resto": 100, "com": '<span class="deadlink">&gt;&gt;&gt;/a/9</span> elsewhere', "time": 2},
        {"no": 200, "resto": 0, "com": "Another thread", "time": 1600000060},
        {"no": 205, "resto": 200, "com": f"{link(200)} yes", "time": 1600000070},
    ]
    path = tmp_path / "pol.json"
    path.write_text(json.dumps({"posts": rows}), encoding="utf-8")
    posts, report = read(path)
    assert report.counts == {MISSING_PARENT: 1}  # the post 107 answers, deleted: a stub
    ids = {p.id: p.source_id for p in posts}
    threads = {str(r["no"]): str(r["resto"] or r["no"]) for r in rows} | {"98": "100"}
    answers = {
        str(r["no"]): [n for n in _links_in_thread(r.get("com", "")) if threads.get(n) == threads[str(r["no"])]]
        for r in rows
        if r["resto"]
    }
    assert answers == {
        "101": ["100"],
        "102": ["101"],
        "103": [],
        "104": ["102", "101"],
        "105": ["104"],
        "106": [],
        "107": ["98"],
        "108": [],
        "205": ["200"],
    }
    comments = [p for p in posts if not p.is_article and not p.meta.get("stub")]
    assert {p.source_id: ids.get(p.parent) for p in comments} == {k: (v or [None])[0] for k, v in answers.items()}
    assert {p.source_id: [ids[s.target] for s in p.stated if s.type == schema.QUOTES] for p in comments} == {
        k: v[1:] for k, v in answers.items()
    }
    store = str(tmp_path / "s.lbug")
    run("load", str(path), "--store", store, "--no-entities")
    got = store_rows(
        store, "MATCH (c:Comment)-[r:REPLY_TO]->(p) RETURN c.source_id AS id, p.source_id AS to, r.inferred AS inf"
    )
    assert {r["id"]: r["to"] for r in got if not r["inf"]} == {k: v[0] for k, v in answers.items() if v}
    assert {r["id"] for r in got if r["inf"]} == {k for k, v in answers.items() if not v}
    quotes = store_rows(
        store,
        "MATCH (c:Comment)-[r:QUOTES]->(p:Comment) WHERE NOT r.inferred RETURN c.source_id AS id, p.source_id AS to",
    )
    assert sorted((r["id"], r["to"]) for r in quotes) == [(k, n) for k, v in answers.items() for n in v[1:]]

    catalog = TRIAL / "4chan-wsg-catalog-posts.json"
    rows = json.loads(catalog.read_text(encoding="utf-8"))
    posts, report = read(catalog, "tabular")
    stated = {str(r["no"]): _links_in_thread(r.get("com", ""))[:1] for r in rows if r["resto"]}
    assert sum(map(bool, stated.values())) == 5
    assert {p.source_id: p.thread for p in posts if p.meta.get("stub")} == {
        n: schema.article_id("tabular", str(r["resto"])) for r in rows for n in stated.get(str(r["no"]), ())
    }
    ids = {p.id: p.source_id for p in posts}
    assert {p.source_id: ids.get(p.parent) for p in posts if p.answers} == {
        k: (v or [None])[0] for k, v in stated.items()
    }
    assert report.counts == {MISSING_PARENT: 5}


def test_a_real_4chan_thread_answers_the_posts_its_posts_link_to(read):
    """A /g/ "Daily Programming Thread" as 4chan's API answered it, cut to its first 40 posts: most replies link to
    the post they answer (">>N"), some to several, some to posts of the previous thread. Each reply answers the first
    post of the thread it links to, stated, and quotes the others; one linking to none, or only to the previous
    thread, is inferred. Ground truth from the file's HTML."""
    path = TRIAL / "4chan-g-dpt-thread.json"
    rows = json.loads(path.read_text(encoding="utf-8"))["posts"]
    held = {str(r["no"]) for r in rows}
    links = {str(r["no"]): [n for n in _links_in_thread(r.get("com", "")) if n in held] for r in rows if r["resto"]}
    assert sum(map(bool, links.values())) == 27 and sum(len(v) > 1 for v in links.values()) == 3
    posts, report = read(path)
    assert not report.counts
    ids = {p.id: p.source_id for p in posts}
    comments = [p for p in posts if not p.is_article]
    assert {p.source_id: ids.get(p.parent) for p in comments} == {k: (v or [None])[0] for k, v in links.items()}
    assert {p.source_id: [ids[s.target] for s in p.stated if s.type == schema.QUOTES] for p in comments} == {
        k: v[1:] for k, v in links.items()
    }
    graph = extract_graph(posts, Extractor(entities=False, workers=1))
    inferred = {
        ids[u] for u, _, d in graph.edges(data=True) if d["type"] == schema.REPLY_TO and d.get("inferred", False)
    }
    assert inferred == {k for k, v in links.items() if not v}


def test_a_parent_column_empty_in_every_row_states_nothing(tmp_path, read):
    """YoutubeReditCrawler's comments.jsonl writes ``parent_id: null`` in every row, replies (``is_reply: true``)
    and all: the crawler kept no parents, so the column states nothing and what each comment answers is inferred,
    as in a file without the column, and the report says why (before, every comment was a stated reply to its
    thread's root, confidence 1.0, and the reply network was empty). Decided per file, not per thread: where some
    row states a parent the tool keeps parents, and a thread of its whose rows state none holds top-level comments."""
    path = TRIAL / "youtube-reddit-crawler-comments.jsonl"
    rows = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]
    assert all(r["parent_id"] is None for r in rows) and any(r["is_reply"] for r in rows)
    posts, report = read(path, thread="url")
    bare = tmp_path / "bare.jsonl"
    bare.write_text("".join(json.dumps({k: v for k, v in r.items() if k != "parent_id"}) + "\n" for r in rows))
    without, _ = read(bare, thread="url")
    comments = [p for p in posts if not p.is_article]
    assert [(p.source_id, p.thread, p.parent) for p in comments] == [
        (p.source_id, p.thread, p.parent) for p in without if not p.is_article
    ]
    assert {p.source_id for p in comments} == {r["id"] for r in rows}
    assert all(p.parent is None and not p.parent_missing for p in comments)
    assert report.locations[EMPTY_PARENT] == [f"{path}: parent_id"]
    graph = extract_graph(posts, Extractor(entities=False, workers=1))
    replies = [(u, v) for u, v, d in graph.edges(data=True) if d["type"] == schema.REPLY_TO]
    assert all(d["inferred"] for *_, d in graph.edges(data=True) if d["type"] == schema.REPLY_TO)
    assert any(not v.startswith("article:") for _, v in replies)


def test_a_parent_zero_in_every_row_states_top_level_comments(tmp_path, read):
    """A parent column of 0 in every row says every comment is top-level (a WordPress comments export of a post
    with no replies: ``comment_parent`` 0 on each), not that the file keeps no parents: each comment is a stated
    comment on its thread's root, nothing inferred, nothing reported (before, "parent column empty in every row"
    and the replies guessed). Read on the opening posts of 4bot's sample of 4chan's /wsg/ catalog, ``resto`` 0 on
    each, and on rows of a WordPress export's columns naming their post."""
    rows = json.loads((TRIAL / "4chan-wsg-catalog-posts.json").read_text(encoding="utf-8"))
    openers = [r for r in rows if r["resto"] == 0]
    assert len(openers) == 2
    path = tmp_path / "openers.json"
    path.write_text(json.dumps(openers))
    posts, report = read(path, "tabular", id="no", parent="resto", text="com", author="name", time="time")
    assert {p.source_id for p in posts if p.is_article} == {str(r["no"]) for r in openers}
    assert EMPTY_PARENT not in report.counts

    comments = [
        {"comment_ID": str(n), "comment_post_ID": "26402", "comment_parent": "0", "comment_content": f"Comment {n}."}
        for n in range(1, 5)
    ]
    path = tmp_path / "wp_comments.json"
    path.write_text(json.dumps(comments))
    posts, report = read(
        path, "tabular", id="comment_ID", thread="comment_post_ID", parent="comment_parent", text="comment_content"
    )
    root = schema.article_id("tabular", "26402")
    assert {p.source_id: p.parent for p in posts if not p.is_article} == {c["comment_ID"]: root for c in comments}
    assert not any(p.parent_missing for p in posts)
    assert EMPTY_PARENT not in report.counts
    graph = extract_graph(posts, Extractor(entities=False, workers=1))
    assert not any(d.get("inferred") for *_, d in graph.edges(data=True) if d["type"] == schema.REPLY_TO)


def test_a_table_stating_parents_parses_no_time_for_its_order(read, monkeypatch):
    """The time order of a thread's rows serves only a file whose rows state no parent: once a row states one, the
    first pass parses no row's time for it (before, every row's, a quarter of the reading time of such a table). 4bot's
    sample of 4chan's /wsg/ catalog states a parent (``resto`` 0) in its first row."""
    import graphkit.sources.tabular as tabular

    calls = []
    monkeypatch.setattr(tabular, "_time", lambda row, columns: calls.append(row) or "")
    path = TRIAL / "4chan-wsg-catalog-posts.json"
    assert json.loads(path.read_text(encoding="utf-8"))[0]["resto"] == 0
    posts, _ = read(path, "tabular", id="no", parent="resto", text="com", author="name", time="time")
    assert len(posts) == 8 and calls == []


@pytest.mark.parametrize(
    ("name", "mapping", "key"),
    [
        ("hn-algolia-comments-page.json", {"id": "objectID", "text": "comment_text"}, "hits"),
        ("youtube-data-api-comment-threads.json", {"id": "id", "text": "snippet.topLevelComment.snippet"}, "items"),
    ],
)
def test_rows_wrapped_under_a_key_are_refused_naming_the_key(read, name, mapping, key):
    """A JSON object holding its rows in a list under a key (a search response's "hits", a Data API response's
    "items") read as rows: the one-line error names the key and the shapes read (before: "no id column found (name
    one with --map id=COLUMN)", though the id was mapped)."""
    path = TRIAL / name
    assert isinstance(json.loads(path.read_text(encoding="utf-8"))[key], list)
    with pytest.raises(InputError) as error:
        read(path, "tabular", **mapping)
    message = str(error.value)
    assert f"under '{key}'" in message and "JSON lines, or a JSON list of objects" in message
    assert "\n" not in message and "no id column" not in message


def test_rows_that_name_no_thread_but_share_a_url_get_the_map_hint(read):
    """YoutubeReditCrawler's rows have no thread column, but every comment of a thread shares its page's ``url``:
    the report says so with the option that reads it as the thread (before, silence, and each row was a thread of
    its own). Said rather than read so: a url column holds each post's own link as often. Mapped, no hint."""
    path = TRIAL / "youtube-reddit-crawler-comments.jsonl"
    rows = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]
    assert len({r["url"] for r in rows}) < len(rows) and not any("thread" in k for r in rows for k in r)
    _, report = read(path)
    assert report.locations[UNREAD_THREAD] == [f"{path}: url"]
    _, report = read(path, thread="url")
    assert UNREAD_THREAD not in report.counts


def test_rows_with_no_ids_but_their_depths_answer_the_row_above_them_one_level_up(tmp_path):
    """A real Reddit comment page (tests/data/real/reddit, r/sysadmin, 48 comments nested up to 8 deep) written as a
    scraper of the indented page writes it: a JSON list of {user, depth, text} in reading order, no id, no parent, no
    thread. Before, such a list was refused ("no id column found"), with no column to name. Each row is known by its
    place in the file and answers the nearest row above it one level less indented (a row at depth 0, the page: one
    stub root for the file), as stated replies: the parents the page's own ``parent_id`` names; writers and texts as
    written (a deleted one none)."""
    page = json.loads((REAL / "reddit" / "communal-thread.json").read_text(encoding="utf-8"))
    rows: list[dict] = []
    place: dict[str, int] = {}  # a comment's Reddit name ("t1_…"): its row's place, from 1
    parents: list[str] = []

    def walk(children: list[dict], depth: int) -> None:
        for child in children:
            if child["kind"] != "t1":
                continue
            c = child["data"]
            rows.append({"user": c["author"], "depth": depth, "text": html.unescape(c["body"])})  # as the page shows it
            place[c["name"]] = len(rows)
            parents.append(c["parent_id"])
            if c.get("replies"):
                walk(c["replies"]["data"]["children"], depth + 1)

    walk(page[1]["data"]["children"], 0)
    answers = {str(n): str(place[p]) if p in place else None for n, p in enumerate(parents, 1)}
    assert max(r["depth"] for r in rows) > 5 and sum(a is None for a in answers.values()) < len(rows) / 4
    path = tmp_path / "page.json"
    path.write_text(json.dumps(rows), encoding="utf-8")
    report = Report()
    posts = list(read_posts(expand_inputs([str(path)]), report=report))
    root, *comments = posts
    by_id = {p.id: p.source_id for p in comments}
    assert root.is_article and root.meta == {"stub": True} and report.counts == {MISSING_ROOT: 1, BY_PLACE: 1}
    assert {p.source_id: by_id.get(p.parent) for p in comments} == answers
    gone = "[deleted]"  # Reddit's word for a deleted writer or text
    written = [(r["user"], r["text"].strip()) for r in rows]
    assert [(p.author, p.text) for p in comments] == [
        (u if u != gone else None, t if t != gone else "") for u, t in written
    ]
    store = str(tmp_path / "s.lbug")
    run("load", str(path), "--store", store, "--no-entities", "--workers", "1")
    assert {r["inferred"] for r in store_rows(store, "MATCH ()-[r:REPLY_TO]->() RETURN r.inferred AS inferred")} == {
        False
    }


def _depth_rows(tmp_path: Path, depths: list[str], name: str = "page.csv") -> tuple[Path, dict[str, str | None]]:
    """A CSV of {user, indent, text} rows at ``depths``, and what each row answers, computed from the depths: the
    nearest row above it less indented, none for a row with no such row."""
    path = tmp_path / name
    path.parent.mkdir(exist_ok=True)
    with path.open("w", newline="", encoding="utf-8") as out:
        writer = csv.writer(out)
        writer.writerow(["user", "indent", "text"])
        writer.writerows([f"u{n}", depth, f"comment {n}"] for n, depth in enumerate(depths, 1))
    answers: dict[str, str | None] = {}
    for n, depth in enumerate(depths):
        less = [m for m in range(n) if float(depths[m] or 0) < float(depth or 0)]
        answers[str(n + 1)] = str(less[-1] + 1) if less else None
    return path, answers


@pytest.mark.parametrize("depths", [["0", "2", "2", "1"], ["3", "3"], ["0", "1.0", "2.0", "1.0", ""]])
def test_rows_by_depth_answer_the_nearest_row_above_them_less_indented(tmp_path, depths):
    """A jump in depth (0, 2, 2, 1): the second row at 2 answers row 1 as its sibling does; a file opening at depth 3
    has two top-level siblings, not a chain. Before, the list of rows above was cut at the depth taken as a position.
    Depths written "1.0" (pandas, a column with gaps) read as whole numbers; before, such rows were malformed."""
    path, answers = _depth_rows(tmp_path, depths)
    report = Report()
    _, *comments = read_posts(expand_inputs([str(path)]), report=report)
    by_id = {p.id: p.source_id for p in comments}
    assert {p.source_id: by_id.get(p.parent) for p in comments} == answers
    assert report.counts == {MISSING_ROOT: 1, BY_PLACE: 1}


def test_a_depth_file_read_by_any_path_is_one_page(tmp_path, monkeypatch):
    """A depth file with no thread column is one page known by its contents: loaded as d1/x.csv, as x.csv from inside
    d1 and by its absolute path, its posts are stored once. Before, the page was named by the path as typed: three
    pages. A file whose rows are all at depth 0 states its parents (none): no reply inferred, nothing reported."""
    path, _ = _depth_rows(tmp_path / "d1", ["0", "0", "0"], name="x.csv")
    store = str(tmp_path / "s.lbug")
    counts = []
    for where, name in ((tmp_path, "d1/x.csv"), (path.parent, "x.csv"), (tmp_path, str(path))):
        monkeypatch.chdir(where)
        run("load", name, "--store", store, "--no-entities", "--workers", "1")
        counts.append(store_rows(store, "MATCH (p:Article:Comment) RETURN count(p) AS n")[0]["n"])
    assert counts == [4, 4, 4]
    report = Report()
    list(read_posts(expand_inputs([str(path)]), report=report))
    assert report.counts == {MISSING_ROOT: 1, BY_PLACE: 1}
    inferred = store_rows(store, "MATCH ()-[r:REPLY_TO]->() RETURN r.inferred AS inferred")
    assert [r["inferred"] for r in inferred] == [False] * 3


IRA = TRIAL / "reddit-suspicious-accounts-comments.csv"


def test_a_writer_flattened_into_author_name_writes_each_comment_and_its_answers_answer_it(tmp_path):
    """The comments of Reddit's 2018 list of suspicious accounts, as PRAW objects flattened into a CSV: the writer is
    the column "author.name" (json_normalize's name for the Redditor's name), which nothing read, so 51 comments of
    four threads had no writer and the accounts answering one another (blackie_jack, men_like, tishcol,
    Peter_Stevenson1986) made no reply network. Ground truth from the file: each comment's writer, and each pair of
    writers a stated parent within the file joins."""
    with IRA.open(encoding="utf-8", newline="") as f:
        rows = list(csv.DictReader(f))
    writer = {r["fullname"]: r["author.name"] for r in rows}
    pairs = Counter((writer[r["fullname"]], writer[r["parent_id"]]) for r in rows if r["parent_id"] in writer)
    assert len(rows) == 51 and len(set(writer.values())) == 10 and sum(pairs.values()) > 15
    store = str(tmp_path / "s.lbug")
    out = run("load", str(IRA), "--store", store, "--no-entities", "--workers", "1")
    assert NO_WRITER not in out
    wrote = store_rows(store, "MATCH (a:Author)-[:WROTE]->(c:Comment) RETURN c.source_id AS id, a.name AS name")
    assert {r["id"]: r["name"] for r in wrote} == {r["id"]: r["author.name"] for r in rows}
    network = store_rows(
        store,
        "MATCH (a:Author)-[:WROTE]->(c:Comment)-[r:REPLY_TO]->(p:Comment)<-[:WROTE]-(b:Author) WHERE NOT r.inferred "
        "RETURN a.name AS child, b.name AS parent",
    )
    assert Counter((r["child"], r["parent"]) for r in network) == pairs


def test_a_table_whose_header_names_no_writer_says_so(tmp_path, read):
    path = tmp_path / "rows.csv"
    path.write_text("id,parent_id,text\n1,,first\n2,1,second\n", encoding="utf-8")
    posts, report = read(path)
    assert all(p.author is None for p in posts) and report.counts == {NO_WRITER: 1}
    assert "--map author=COLUMN" in report.summary()


TWEETS = TRIAL / "twitter-api-v2-tweets.jsonl"


def test_tweets_of_twitter_api_v2_are_written_by_their_author_id_and_answer_the_tweet_they_reply_to(tmp_path):
    """Tweets as Twitter's API v2 gives them, one a line (author_id, conversation_id, created_at, id,
    in_reply_to_user_id, referenced_tweets, text): no writer's name, its account's id only; what a tweet answers is
    the one its referenced_tweets name "replied_to" (a "quoted" one it quotes). Before, no tweet had a writer and every
    answer was inferred; then an answer to a tweet below its conversation's root, not in the file, answered the root,
    inferred. Ground truth from the file: each tweet's writer is its author_id; an answer answers its replied_to tweet
    exactly, which, not in the file, is a stub (its conversation's root, or a comment of that conversation, reported
    with its parent missing) without text nor writer (in_reply_to_user_id may name the parent's writer otherwise than
    the file's writer column, and the tweet's own file signs it); a tweet quotes the tweets its referenced_tweets name
    "quoted", exactly, one not in the file a stub of a thread of its own (the file names no conversation of it)."""
    tweets = [json.loads(line) for line in TWEETS.read_text(encoding="utf-8").splitlines()]
    replied = {
        t["id"]: next(r["id"] for r in t["referenced_tweets"] if r["type"] == "replied_to")
        for t in tweets
        if any(r["type"] == "replied_to" for r in t.get("referenced_tweets", ()))
    }
    ids, roots = {t["id"] for t in tweets}, {t["conversation_id"] for t in tweets}
    below = {p for p in replied.values() if p not in ids | roots}
    assert below and set(replied.values()) - ids - below
    store = str(tmp_path / "s.lbug")
    out = run("load", str(TWEETS), "--store", store, "--no-entities", "--workers", "1")
    assert f"{len(below)} parents not in input" in out and NO_WRITER not in out
    wrote = store_rows(store, "MATCH (a:Author)-[:WROTE]->(p) RETURN p.source_id AS id, a.id AS who")
    assert {r["id"]: r["who"] for r in wrote} == {t["id"]: schema.author_id("tabular", t["author_id"]) for t in tweets}
    replies = store_rows(
        store, "MATCH (c:Comment)-[r:REPLY_TO]->(p) RETURN c.source_id AS id, p.source_id AS parent, r.inferred AS inf"
    )
    got = sorted((r["id"], r["parent"], r["inf"]) for r in replies)
    assert got == sorted((t, p, False) for t, p in replied.items())
    stubs = store_rows(
        store, "MATCH (p) WHERE p.stub RETURN p.source_id AS id, p.text AS text, label(p) = 'Comment' AS comment"
    )
    quoted = {(t["id"], r["id"]) for t in tweets for r in t.get("referenced_tweets", ()) if r["type"] == "quoted"}
    assert quoted and not {q for _, q in quoted} & ids
    assert sorted((r["id"], r["text"], r["comment"]) for r in stubs) == sorted(
        [(p, "", True) for p in below] + [(p, "", False) for p in roots - ids | {q for _, q in quoted}]
    )
    quotes = store_rows(store, "MATCH (p)-[q:QUOTES]->(t) RETURN p.source_id AS p, t.source_id AS t, q.inferred AS inf")
    assert sorted((r["p"], r["t"], r["inf"]) for r in quotes) == sorted((p, q, False) for p, q in quoted)


TWARC = TRIAL / "twarc2-user-timeline-page.jsonl"


def test_a_twarc2_page_of_twitter_api_v2_is_read_with_the_tweets_it_includes_and_their_writers(tmp_path):
    """twarc2 writes Twitter's API v2 responses one a line: the tweets under "data", the tweets they answer or quote
    and their writers under "includes". Before, the file was refused ("the rows sit in a list under 'data'"); now
    each tweet of "data" and of "includes" is read once, written by its author_id under the name "includes" gives the
    account, its text as the page shows it ("&amp;" an ampersand), and answers exactly the tweet its referenced_tweets
    name "replied_to", so the reply network names who the account answers. Ground truth from the file: one response,
    an account's timeline of answers."""
    (page,) = [json.loads(line) for line in TWARC.read_text(encoding="utf-8").splitlines()]
    tweets = {t["id"]: t for t in page["includes"]["tweets"]} | {t["id"]: t for t in page["data"]}
    users = {u["id"]: u for u in page["includes"]["users"]}
    replied = {
        key: r["id"] for key, t in tweets.items() for r in t.get("referenced_tweets", ()) if r["type"] == "replied_to"
    }
    assert len(tweets) < len(page["data"]) + len(page["includes"]["tweets"])  # the page includes some tweets twice
    assert set(replied.values()) & set(tweets) and set(replied.values()) - set(tweets)
    store = str(tmp_path / "s.lbug")
    run("load", str(TWARC), "--store", store, "--no-entities", "--workers", "1")
    wrote = store_rows(
        store, "MATCH (a:Author)-[:WROTE]->(p) RETURN p.source_id AS id, a.id AS who, a.name AS name, p.text AS text"
    )
    assert sorted((r["id"], r["who"], r["name"], r["text"]) for r in wrote) == sorted(
        (
            key,
            schema.author_id("tabular", t["author_id"]),
            users[t["author_id"]]["name"],
            html.unescape(t["text"]).strip(),
        )
        for key, t in tweets.items()
    )
    replies = store_rows(
        store, "MATCH (c:Comment)-[r:REPLY_TO]->(p) RETURN c.source_id AS id, p.source_id AS parent, r.inferred AS inf"
    )
    assert sorted((r["id"], r["parent"], r["inf"]) for r in replies) == sorted(
        (t, p, False) for t, p in replied.items()
    )


def test_a_twarc2_line_that_found_no_tweet_is_no_malformed_record(tmp_path, read):
    """twarc2 writes each API v2 response as a line, one that found nothing too (``{"meta": {"result_count": 0}}``,
    its ``__twarc`` as the real line's): before, reported as a malformed record, and as the file's first line the file
    was "unknown input format". Now such a line holds no tweet: the file reads as its real page alone, reported as it
    is; a file of such lines only is one line saying it holds no post."""
    (page,) = [json.loads(line) for line in TWARC.read_text(encoding="utf-8").splitlines()]
    empty = json.dumps({"meta": {"result_count": 0}, "__twarc": page["__twarc"]}) + "\n"
    path = tmp_path / "timeline.jsonl"
    path.write_text(empty + TWARC.read_text(encoding="utf-8") + empty, encoding="utf-8")
    (inp,) = expand_inputs([str(path)])
    assert detect(inp).name == "tabular"
    posts, report = read(path)
    alone, its = read(TWARC)
    assert posts == [replace(p, source=str(path)) for p in alone]
    assert report.counts == its.counts and MALFORMED not in report.counts
    path.write_text(empty, encoding="utf-8")
    with pytest.raises(InputError, match=r"^[^\n]*timeline.jsonl: no rows, so no post to read$"):
        read(path, "tabular")


def _twarc2_error(page: dict) -> dict:
    """An error response as twarc2 writes it among its pages: the API's answer to a lookup of tweets since deleted
    (a problem of type resource-not-found under "errors"), with twarc2's own "__twarc" as the page's."""
    problem = "https://api.twitter.com/2/problems/resource-not-found"
    missing = {"value": "1", "detail": "Could not find tweet with ids: [1].", "title": "Not Found Error"}
    missing |= {"resource_type": "tweet", "parameter": "ids", "resource_id": "1", "type": problem}
    return {"errors": [missing], "__twarc": page["__twarc"]}


def test_a_twarc2_file_whose_first_line_is_an_error_response_reads_the_tweets_after_it(tmp_path, read):
    """twarc2 writes each response the API answered as a line, an error response too (a lookup of tweets since
    deleted, a suspended account's timeline: "errors" alone), and goes on with the next: a file so opened was
    "unknown input format". Now such a line holds no post and is said as what it is, with its line, and the file
    reads as its pages: the real timeline page of twarc2's after such a line gives the page's posts; a file of error
    responses alone is still refused in one line."""
    (page,) = [json.loads(line) for line in TWARC.read_text(encoding="utf-8").splitlines()]
    error = json.dumps(_twarc2_error(page)) + "\n"
    path = tmp_path / "lookup.jsonl"
    path.write_text(error + TWARC.read_text(encoding="utf-8"), encoding="utf-8")
    (inp,) = expand_inputs([str(path)])
    assert detect(inp).name == "tabular"
    posts, report = read(path)
    alone, its = read(TWARC)
    assert posts == [replace(p, source=str(path)) for p in alone] and len(posts) > 50
    assert report.counts == its.counts + Counter({ERROR_RESPONSE: 1})
    assert report.locations[ERROR_RESPONSE] == [f"{path}:1"]
    path.write_text(error + error, encoding="utf-8")
    result = CliRunner().invoke(main, ["load", str(path), "--store", str(tmp_path / "s.lbug"), "--no-entities"])
    assert result.exit_code == 1 and result.output.strip().splitlines() == [
        f"Error: {path}: looks like an API error response, not posts (Could not find tweet with ids: [1].)"
    ]
    assert not (tmp_path / "s.lbug").exists()


def test_a_twarc2_response_saved_indented_is_detected_and_read_as_on_one_line(tmp_path, read):
    """twarc2 --pretty (``twarc2 tweet``) writes its response indented, as ``jq .`` saves one: a document of many
    lines, which needed --format tabular. Now detected by its tweets' keys however laid out, and read as the same
    response on one line is. The real timeline page of twarc2's, indented by two as twarc2 indents it."""
    (page,) = [json.loads(line) for line in TWARC.read_text(encoding="utf-8").splitlines()]
    path = tmp_path / "tweet.json"
    path.write_text(json.dumps(page, indent=2) + "\n", encoding="utf-8")
    (inp,) = expand_inputs([str(path)])
    assert detect(inp).name == "tabular"
    posts, report = read(path)
    alone, its = read(TWARC)
    assert [replace(p, source="") for p in posts] == [replace(p, source="") for p in alone] and len(posts) > 50
    assert report.counts == its.counts


def test_a_twitter_v2_response_for_one_tweet_is_read_as_its_tweet(tmp_path, read):
    """The API's answer for one tweet by its id (``GET /2/tweets/:id``, as a client or ``curl`` saves it, indented)
    gives the tweet itself under "data", not a list: since indented responses are detected, such a file was taken for
    a table and refused for want of an id column, a mapping suggested that reads no tweet. Now read as the response's
    one tweet, written by the account "includes" names. The first tweet of twarc2's real timeline page, answered so;
    ground truth from the page."""
    (page,) = [json.loads(line) for line in TWARC.read_text(encoding="utf-8").splitlines()]
    tweet = page["data"][0]
    (user,) = [u for u in page["includes"]["users"] if u["id"] == tweet["author_id"]]
    path = tmp_path / "tweet.json"
    path.write_text(json.dumps({"data": tweet, "includes": {"users": [user]}}, indent=2) + "\n", encoding="utf-8")
    (inp,) = expand_inputs([str(path)])
    assert detect(inp).name == "tabular"
    posts, _ = read(path)
    (post,) = [p for p in posts if p.source_id == tweet["id"]]
    assert (post.text, post.author, post.author_handle) == (tweet["text"], user["name"], user["username"])
    assert post.created == "2022-01-19T03:08:59Z"
    assert all(p.meta.get("stub") for p in posts if p is not post)


def test_a_twarc2_line_with_ids_of_the_wrong_type_reports_those_records(tmp_path, read):
    """A twarc2 line whose tweet, writer or included tweet has an id that is no string or number (a list, an
    object: a line broken in writing) stopped the load with "unexpected TypeError"; now a tweet without a readable id
    is reported as a malformed record at its place and the others are read, a writer without one names no tweet
    (its tweet written by its author_id), a tweet whose author_id is no id is read unsigned. Cut from twarc2's
    page of an account's timeline; ground truth from it."""
    (page,) = [json.loads(line) for line in TWARC.read_text(encoding="utf-8").splitlines()]
    data, users, included = page["data"], page["includes"]["users"], page["includes"]["tweets"]
    data[0]["id"] = [data[0]["id"]]
    data[1]["author_id"] = {"id": data[1]["author_id"]}
    unnamed = users[0]["id"]
    users[0]["id"] = [unnamed]
    included[0]["id"] = {"id": included[0]["id"]}
    path = tmp_path / "broken.jsonl"
    path.write_text(json.dumps(page) + "\n", encoding="utf-8")
    posts, report = read(path)
    held = {t["id"] for t in data[1:]}
    read_ids = {t["id"] for t in data[1:]} | {t["id"] for t in included[1:] if t["id"] not in held}
    assert {p.source_id for p in posts if not p.meta.get("stub")} == read_ids
    assert report.locations[MALFORMED] == [f"{path}#1", f"{path}#{len(data) + 1}"]
    writers = {p.source_id: p.author for p in posts}
    assert writers[data[1]["id"]] is None
    names = {u["id"]: u["name"] for u in users[1:]}
    assert any(t["author_id"] == unnamed for t in data[2:])
    assert all(writers[t["id"]] == names.get(t["author_id"], t["author_id"]) for t in data[2:])


def test_a_tweet_included_in_one_twarc2_line_and_given_in_another_is_no_duplicate(tmp_path, read):
    """Twitter's responses include the tweets their tweets answer or quote, which another page of the same search
    or timeline may give as its own: before, the second copy was reported as a duplicate record. Now a tweet a line
    includes is read once, as a line gives it under "data" wherever that line stands, else as first included. The
    timeline page of twarc2's split in two lines, each including what the page includes, the second giving an
    included tweet as its own; ground truth from the file."""
    (page,) = [json.loads(line) for line in TWARC.read_text(encoding="utf-8").splitlines()]
    data, included = page["data"], page["includes"]["tweets"]
    own = {t["id"] for t in data}
    moved = next(t for t in included if t["id"] not in own)
    lines = [
        {"data": data[:30], "includes": page["includes"]},
        {"data": [*data[30:], moved], "includes": page["includes"]},
    ]
    path = tmp_path / "pages.jsonl"
    build.jsonl(path, lines)
    posts, report = read(path)
    assert DUPLICATE not in report.counts
    read_ids = [p.source_id for p in posts if not p.meta.get("stub")]
    assert sorted(read_ids) == sorted(own | {t["id"] for t in included})
    assert len(read_ids) == len(set(read_ids))


def test_a_twarc2_writer_named_in_a_later_line_is_named_so_in_every_line(tmp_path, read):
    """A response may give its tweets without their writers' user objects (a line written without the "users"
    expansion, a page whose "includes" was cut) while another line names the same accounts: before, the writer of
    the first line's tweets was the account id as a name, and it stayed the Author's name as the first post showed it
    (a later line's name lost); now the name and handle any line gives an account write its tweets of every line,
    whatever the order. The timeline page of twarc2's split in two lines, the first without "users"; ground truth
    from the file."""
    (page,) = [json.loads(line) for line in TWARC.read_text(encoding="utf-8").splitlines()]
    data, users = page["data"], {u["id"]: u for u in page["includes"]["users"]}
    lines = [{"data": data[:30]}, {"data": data[30:], "includes": {"users": list(users.values())}}]
    path = tmp_path / "pages.jsonl"
    build.jsonl(path, lines)
    posts, _ = read(path)
    assert {t["author_id"] for t in data[:30]} <= {t["author_id"] for t in data[30:]}
    assert {p.source_id: (p.author, p.author_key, p.author_handle) for p in posts if not p.meta.get("stub")} == {
        t["id"]: (users[t["author_id"]]["name"], t["author_id"], users[t["author_id"]]["username"]) for t in data
    }


def test_a_praw_comment_export_answers_every_stated_parent_and_its_stub_roots_are_at_the_link_permalink(tmp_path):
    """PRAW's comments flattened to CSV (the comments of accounts Reddit named as suspected troll accounts, a few
    threads each): each row names its parent (parent_id, t1_ a comment, t3_ the submission) and its submission's
    writer and address (link_author, link_permalink). Before, a comment whose parent comment is not in the file
    answered the submission, inferred. Ground truth from the file: every comment answers exactly the post its
    parent_id names, a parent comment not in the file is a stub comment without text, and each submission is a stub
    at its link_permalink, unsigned (the submission's own input signs it, link_author no more than a name)."""
    with IRA.open(encoding="utf-8", newline="") as f:
        rows = list(csv.DictReader(f))
    comments = {r["id"] for r in rows}
    parents = {r["id"]: r["parent_id"].split("_", 1)[1] for r in rows}
    links = {r["link_id"][3:]: (None, r["link_permalink"]) for r in rows}
    below = {p for p in parents.values() if p not in comments | set(links)}
    assert below and len(links) == 4
    store = str(tmp_path / "s.lbug")
    out = run("load", str(IRA), "--store", store, "--no-entities", "--workers", "1")
    assert f"{sum(p in below for p in parents.values())} parents not in input" in out
    assert_stated_parents(store, parents, below)
    roots = store_rows(
        store,
        "MATCH (a:Article) OPTIONAL MATCH (w:Author)-[:WROTE]->(a) RETURN a.source_id AS id, a.stub AS stub, "
        "a.url AS url, w.name AS writer",
    )
    assert {r["id"]: (r["writer"], r["url"]) for r in roots if r["stub"]} == links


def test_a_comment_export_titles_its_threads_stub_roots_by_the_thread_title_each_row_gives(tmp_path, read):
    """PRAW's comments carry their submission's title ("link_title"): each thread read without its root is titled so
    (before, untitled: a thread could not be asked for by its title), and a lone comment so titled in a table with no
    parent column stays a comment, the title being its thread's, not its own. Ground truth from the file."""
    with IRA.open(encoding="utf-8", newline="") as f:
        rows = list(csv.DictReader(f))
    titles = {r["link_id"].removeprefix("t3_"): r["link_title"] for r in rows}
    assert len(titles) == 4
    posts, _ = read(IRA)
    assert {p.source_id: p.title for p in posts if p.is_article} == titles
    lone = tmp_path / "lone.csv"
    with lone.open("w", encoding="utf-8", newline="") as f:
        kept = ["id", "author.name", "body", "link_id", "link_title"]
        writer = csv.DictWriter(f, kept, extrasaction="ignore")
        writer.writeheader()
        writer.writerows(list({r["link_id"]: r for r in rows}.values()))
    posts, _ = read(lone)
    assert sorted(p.source_id for p in posts if not p.is_article) == sorted(
        {r["link_id"]: r["id"] for r in rows}.values()
    )
    assert {p.source_id: p.title for p in posts if p.is_article} == titles


def test_a_writer_object_under_a_writer_column_gives_its_name_and_handle(tmp_path, read):
    """A tweet with its writer expanded (twarc2's flatten: "author": {"id", "username", "name"}), a JSON row's
    {"name": …}: the writer is the object's name, its handle the object's username, never the object as Python writes
    it (before, "{'id': '2', …}" was the writer's name)."""
    rows = [
        {"id": "1", "conversation_id": "1", "author_id": "2", "text": "hi", "author": {"id": "2", "username": "bob"}},
        {
            "id": "3",
            "conversation_id": "1",
            "author_id": "4",
            "text": "yo",
            "author": {"name": "Al A", "username": "al"},
        },
    ]
    rows[0]["author"]["name"] = "Bob B"
    path = tmp_path / "flat.jsonl"
    path.write_text("\n".join(json.dumps(r) for r in rows), encoding="utf-8")
    posts, _ = read(path)
    assert [(p.author, p.author_handle, p.author_key) for p in posts] == [
        (r["author"]["name"], r["author"]["username"], r["author_id"]) for r in rows
    ]
    path.write_text('{"id": "1", "text": "x", "author": {"name": "alice"}}\n{"id": "2", "text": "y", "author": {}}\n')
    posts, report = read(path)
    assert [(p.author, p.author_handle) for p in posts] == [("alice", ""), (None, "")] and not report.counts


def test_each_csv_row_is_written_by_the_first_writer_column_it_fills(tmp_path, read):
    """pandas' json_normalize writes "author" (empty) beside "author.name" when some rows' author is null: each row's
    writer is the first writer column it fills (before, the empty "author" column was read alone and no row had a
    writer), its handle a flattened object's username."""
    path = tmp_path / "normalised.csv"
    path.write_text(
        "id,parent_id,author,author.name,author.username,text\n1,,,Alice A,alice,first\n2,1,carl,,,second\n",
        encoding="utf-8",
    )
    posts, report = read(path)
    assert [(p.author, p.author_handle) for p in posts] == [("Alice A", "alice"), ("carl", "")]
    assert NO_WRITER not in report.counts


def test_a_tweets_references_that_are_no_list_leave_it_without_a_parent(tmp_path, read):
    """A row whose referenced_tweets is no list ("referenced_tweets": 5) names no parent: the row reads as a top-level
    tweet of its conversation and the rest of the file as before (before, the whole load stopped on a TypeError)."""
    lines = TWEETS.read_text(encoding="utf-8").splitlines()
    broken = {**json.loads(lines[0]), "referenced_tweets": 5}
    path = tmp_path / "tweets.jsonl"
    path.write_text("\n".join([json.dumps(broken), *lines[1:]]), encoding="utf-8")
    posts, _ = read(path)
    whole, _ = read(TWEETS)
    kept = {p.source_id: p.parent for p in posts}
    assert kept.pop(broken["id"]) == schema.article_id("tabular", broken["conversation_id"])
    assert kept == {p.source_id: p.parent for p in whole if p.source_id != broken["id"]}


@pytest.mark.parametrize("v1_first", [True, False], ids=["v1.1 rows first", "v2 rows first"])
def test_a_table_mixing_tweets_of_api_v1_1_and_v2_reads_each_row_by_what_it_holds(tmp_path, read, v1_first):
    """Tweets of API v1.1 (the writer its "user" object, the tweet answered in_reply_to_status_id_str) beside v2's
    (author_id, referenced_tweets) in one file: each row's writer and parent are read from its own fields, whichever
    the first row is (before, the first row's shape was read for every row: v1.1's parents unread after v2 rows, v2's
    writers lost after v1.1 rows). Ground truth from the real v2 file and the v1.1 rows written here."""
    v2 = [json.loads(line) for line in TWEETS.read_text(encoding="utf-8").splitlines()]
    v1 = [
        {"id": 10, "id_str": "10", "in_reply_to_status_id_str": None, "text": "root", "user": {"screen_name": "c"}},
        {
            "id": 11,
            "id_str": "11",
            "in_reply_to_status_id_str": "10",
            "text": "a",
            "user": {"name": "D", "screen_name": "d"},
        },
    ]
    path = tmp_path / "mixed.jsonl"
    path.write_text("\n".join(json.dumps(t) for t in (v1 + v2 if v1_first else v2 + v1)), encoding="utf-8")
    posts, _ = read(path)
    whole, _ = read(TWEETS)
    by = {p.source_id: p for p in posts}
    assert [(by[t["id_str"]].author, by[t["id_str"]].author_handle) for t in v1] == [("c", "c"), ("D", "d")]
    assert by["11"].parent == by["10"].id
    assert {p.source_id: (p.author, p.parent) for p in whole} == {
        k: (p.author, p.parent) for k, p in by.items() if k not in ("10", "11")
    }


# Two files of one thread, the answer's file first: each post's writer as its own row names it, its parent's as the
# answer's row does otherwise (an account id). Review repros: a table, API v2, API v1.1.
_SPLIT = {
    "table": (
        "csv",
        "id,parent,thread,author,in_reply_to_user_id,text\nc3,c2,t1,carol,u2,I disagree\n",
        "id,parent,thread,author,in_reply_to_user_id,text\nc2,t1,t1,bob,u1,Parks are great\n",
    ),
    "v2": (
        "jsonl",
        '{"id":"1","conversation_id":"1","author_id":"111","author":{"username":"alice"},"text":"Root"}\n'
        '{"id":"3","conversation_id":"1","author_id":"333","author":{"username":"carol"},"text":"@bob no",'
        '"in_reply_to_user_id":"222","referenced_tweets":[{"type":"replied_to","id":"2"}]}\n',
        '{"id":"2","conversation_id":"1","author_id":"222","author":{"username":"bob"},"text":"@alice yes",'
        '"in_reply_to_user_id":"111","referenced_tweets":[{"type":"replied_to","id":"1"}]}\n',
    ),
    "v1.1": (
        "jsonl",
        '{"id_str":"1","id":1,"user":{"id_str":"111","screen_name":"alice","name":"Alice A"},"text":"Root"}\n'
        '{"id_str":"3","id":3,"user":{"id_str":"333","screen_name":"carol","name":"Carol C"},"text":"@bob no",'
        '"in_reply_to_status_id_str":"2","in_reply_to_user_id":222}\n',
        '{"id_str":"2","id":2,"user":{"id_str":"222","screen_name":"bob","name":"Bob B"},"text":"@alice yes",'
        '"in_reply_to_status_id_str":"1","in_reply_to_user_id":111}\n',
    ),
}


def _written_as_read(path: Path) -> set[tuple[str, str]]:
    """(writer's name, post id) of each row of ``path``, from the rows themselves."""
    if path.suffix == ".csv":
        with path.open(encoding="utf-8", newline="") as f:
            return {(r["author"], r["id"]) for r in csv.DictReader(f)}
    rows = [json.loads(line) for line in path.read_text("utf-8").splitlines()]
    return {(r["author"]["username"], r["id"]) if "author" in r else (r["user"]["name"], r["id_str"]) for r in rows}


@pytest.mark.parametrize("kind", sorted(_SPLIT))
def test_a_parent_s_stub_takes_no_writer_so_its_post_has_its_own_alone_whatever_the_loads(tmp_path, kind):
    """A row names its parent's writer otherwise than its own writer column may (a tweet's in_reply_to_user_id is an
    account id; a v1.1 tweet's writer is its name): the parent's stub is unsigned, so the parent, read in another file,
    is written by its own writer alone, so named, and no Author stands for the stub. Before, the parent was written by
    both (its stub's account and its own) or by the stub's account named by its id, by the order of the files, the
    batch size and the number of loads. Ground truth from the rows: each post written once, by its own row's writer;
    one load of both, two loads in either order, at batch sizes 1 and 10,000, and an extract."""
    ext, *texts = _SPLIT[kind]
    a, b = (tmp_path / f"{n}.{ext}" for n in "ab")
    for path, text in zip((a, b), texts, strict=True):
        path.write_text(text, encoding="utf-8")
    truth = _written_as_read(a) | _written_as_read(b)
    query = "MATCH (w:Author) OPTIONAL MATCH (w)-[:WROTE]->(p) RETURN w.name AS name, p.source_id AS id"
    for loads in (((a, b),), ((a,), (b,)), ((b,), (a,))):
        for size in (1, 10_000):
            store = str(tmp_path / f"{len(loads)}-{loads[0][0].stem}-{size}.lbug")
            for paths in loads:
                run("load", *map(str, paths), "--store", store, "--no-entities", "--batch-size", str(size))
            got = store_rows(store, query)
            assert sorted((r["name"], r["id"]) for r in got) == sorted(truth), (loads, size)
    out = tmp_path / "g.json"
    run("extract", str(a), str(b), "--no-entities", "-o", str(out))
    graph = json.loads(out.read_text("utf-8"))
    nodes = {n["id"]: n for n in graph["nodes"]}
    wrote = {
        (nodes[e["source"]]["name"], nodes[e["target"]]["source_id"]) for e in graph["edges"] if e["type"] == "WROTE"
    }
    assert wrote == truth and {n["name"] for n in nodes.values() if n["label"] == "Author"} == {w for w, _ in truth}


def test_a_tweet_quoted_and_answered_but_not_in_the_file_is_one_stub(tmp_path):
    """A tweet that answers a tweet not in the file and quotes it (review repro), and another that only quotes it,
    read before the answer: the tweet is one stub, the parent the answer names in its conversation, which both quote.
    Before, the quotes made a second stub of it, a thread of its own, reported as a thread read without its root
    though the file holds that conversation's root. Ground truth from the rows, at batch sizes 1 and 10,000."""
    rows = [
        {"id": "1", "conversation_id": "1", "author_id": "111", "text": "Root"},
        {
            "id": "4",
            "conversation_id": "4",
            "author_id": "444",
            "text": "look",
            "referenced_tweets": [{"type": "quoted", "id": "2"}],
        },
        {
            "id": "3",
            "conversation_id": "1",
            "author_id": "333",
            "text": "replying and quoting",
            "referenced_tweets": [{"type": "replied_to", "id": "2"}, {"type": "quoted", "id": "2"}],
        },
    ]
    path = tmp_path / "q.jsonl"
    build.jsonl(path, rows)
    ids = {r["id"] for r in rows}
    refs = [(r["id"], t["type"], t["id"]) for r in rows for t in r.get("referenced_tweets", ())]
    absent = {t for _, _, t in refs} - ids
    for size in (1, 10_000):
        store = str(tmp_path / f"{size}.lbug")
        out = run("load", str(path), "--store", store, "--no-entities", "--batch-size", str(size))
        assert "thread roots not in input" not in out
        nodes = store_rows(store, "MATCH (p) WHERE p.source_id IS NOT NULL RETURN p.source_id AS id, p.stub AS stub")
        assert sorted((r["id"], r["stub"]) for r in nodes) == sorted(
            [(i, False) for i in ids] + [(t, True) for t in absent]
        )
        edges = store_rows(
            store, "MATCH (p)-[e:QUOTES|REPLY_TO]->(t) RETURN p.source_id AS p, label(e) AS type, t.source_id AS t"
        )
        kinds = {"quoted": schema.QUOTES, "replied_to": schema.REPLY_TO}
        assert sorted((r["p"], r["type"], r["t"]) for r in edges) == sorted((p, kinds[k], t) for p, k, t in refs)


YOUTUBE_NO_IDS = TRIAL / "debateland-youtube-comments.json"
HN_NO_IDS = TRIAL / "debateland-hn-stories.json"
INSTAGRAM = TRIAL / "instagram-giveaway-comments.csv"
_PLACED = (
    "MATCH (c:Comment), (a:Article {id: c.thread}) OPTIONAL MATCH (w:Author)-[:WROTE]->(c) "
    "RETURN c.id AS id, c.text AS text, w.name AS author, a.id AS thread, a.title AS title ORDER BY id"
)


def test_comments_with_no_ids_are_each_a_post_of_their_video_copied_ones_too(tmp_path):
    """A narrative study's yt-dlp comments, flattened by a script that dropped their ids (``video_id``,
    ``video_title``, ``author``, ``text``, ``date``): before, refused ("no id column found"), and read by
    ``--map id=text`` the comments copied word for word from account to account were skipped as repeats, the very
    coordinated posting such a study looks for. Now each row is a comment of its video, known by its place in the file,
    as the report says once: texts and writers as written, every copy kept; the same file loaded again, by another
    path, as CSV, or by batches of 7 or 100,000, gives the same graph."""
    rows = json.loads(YOUTUBE_NO_IDS.read_text(encoding="utf-8"))
    assert not {"id", "comment_id", "parent"} & {key for r in rows for key in r}
    copies = Counter(r["text"] for r in rows)
    assert max(copies.values()) >= 3 and len({r["author"] for r in rows if copies[r["text"]] > 1}) > 3
    truth = Counter((r["video_title"], r["author"], r["text"]) for r in rows)
    graphs = []
    for batch in ("7", "100000"):
        store = str(tmp_path / f"{batch}.lbug")
        out = run("load", str(YOUTUBE_NO_IDS), "--store", store, "--no-entities", "--workers=1", "--batch-size", batch)
        assert out.count(BY_PLACE) == 1
        graphs.append(store_rows(store, _PLACED))
    assert graphs[0] == graphs[1]
    assert Counter((r["title"], r["author"], r["text"]) for r in graphs[0]) == truth
    assert len({r["thread"] for r in graphs[0]}) == len({r["video_id"] for r in rows}) == 2
    copy = tmp_path / "again" / YOUTUBE_NO_IDS.name  # the same file by another path: the same posts
    copy.parent.mkdir()
    copy.write_bytes(YOUTUBE_NO_IDS.read_bytes())
    table = tmp_path / "youtube_data.csv"  # the study saved its rows as CSV too: a video's comments are the same
    with table.open("w", encoding="utf-8", newline="") as out:
        writer = csv.DictWriter(out, fieldnames=list(rows[0]))
        writer.writeheader()
        writer.writerows(rows)
    store = str(tmp_path / "7.lbug")
    for path in (YOUTUBE_NO_IDS, copy, table):
        run("load", str(path), "--store", store, "--no-entities", "--workers", "1")
        assert store_rows(store, _PLACED) == graphs[0]


def test_stories_with_no_ids_read_with_comments_with_none_keep_apart(tmp_path):
    """The same study's Hacker News stories (``title``, ``text``, ``url``, no id; most link stories with no text, one
    with no url), loaded with its YouTube comments and with the stories as a later scrape ranks them (reversed): every
    story of each file a thread of its own, titled as written, none taken for another file's story at its place with
    its text (none)."""
    stories = json.loads(HN_NO_IDS.read_text(encoding="utf-8"))
    comments = json.loads(YOUTUBE_NO_IDS.read_text(encoding="utf-8"))
    assert sum(not s["text"] for s in stories) > 5 and any(not s["url"] for s in stories)
    assert any(not a["text"] and not b["text"] and a != b for a, b in zip(stories, stories[::-1], strict=True))
    later = tmp_path / "hn_later.json"
    later.write_text(json.dumps(stories[::-1]), encoding="utf-8")
    store = str(tmp_path / "s.lbug")
    inputs = (str(HN_NO_IDS), str(YOUTUBE_NO_IDS), str(later))
    out = run("load", *inputs, "--store", store, "--no-entities", "--workers", "1")
    assert f"3 {BY_PLACE}" in out
    articles = store_rows(store, "MATCH (a:Article) WHERE a.platform = 'HackerNews' RETURN a.title AS title")
    assert Counter(a["title"] for a in articles) == Counter(2 * [s["title"] for s in stories])
    assert len(store_rows(store, _PLACED)) == len(comments)


def test_an_instagram_scrape_with_no_ids_gives_each_row_its_writer_and_text(tmp_path):
    """An Instagram giveaway post's comments scraped with Selenium into a CSV whose header is ``0,1,2,3,4`` (writer,
    age, text, then "Reply" or a like count shifting it): mapped ``text=2,author=0``, before refused for want of an
    id; now every row a post with its writer and text as written."""
    with INSTAGRAM.open(encoding="utf-8", newline="") as f:
        rows = list(csv.DictReader(f))
    assert list(rows[0]) == ["0", "1", "2", "3", "4"]
    store = str(tmp_path / "s.lbug")
    args = ("load", str(INSTAGRAM), "--format", "tabular", "--map", "text=2,author=0", "--store", store)
    for _ in range(2):  # loaded twice: no count changes
        out = run(*args, "--no-entities", "--workers", "1")
        assert BY_PLACE in out
        posts = store_rows(store, "MATCH (w:Author)-[:WROTE]->(p:Article) RETURN w.name AS author, p.text AS text")
        assert Counter((p["author"], p["text"]) for p in posts) == Counter((r["0"], r["2"].strip()) for r in rows)


def test_a_table_whose_columns_begin_with_at_signs_is_read_by_them_mapped(tmp_path, read):
    """Exports name columns beginning with "@" (Elasticsearch's and Logstash's "@timestamp", JSON-LD's "@id"): mapped,
    they were refused as naming no column once ``--map thread=@file`` came, which only that mapping's value is. Real
    Hacker News comment lines, their id and time columns so renamed, read as the lines as they are."""
    lines = [json.loads(line) for line in HN_COMMENTS.read_text(encoding="utf-8").splitlines()]
    path = tmp_path / "export.jsonl"
    renamed = [{"@id": r.pop("id"), "@timestamp": r.pop("time"), **r} for r in lines]
    build.jsonl(path, renamed)
    posts, _ = read(path, "tabular", **parse_mapping("id=@id,time=@timestamp"))  # as --map gives it
    alone, _ = read(HN_COMMENTS, "tabular")
    assert [replace(p, source="") for p in posts] == [replace(p, source="") for p in alone] and len(posts) > 5
    assert all(p.created for p in posts if not p.meta.get("stub"))


INSTAGRAM_POST = TRIAL / "instagram-post-comments.csv"
_THREADS = (
    "MATCH (c:Comment) OPTIONAL MATCH (c)-[r:REPLY_TO]->(p) OPTIONAL MATCH (w:Author)-[:WROTE]->(c) "
    "RETURN c.thread AS thread, c.text AS text, w.name AS author, r.inferred AS inferred, label(p) AS answers"
)


@pytest.mark.parametrize(
    ("path", "mapping", "author", "text"),
    [(INSTAGRAM, "text=2,author=0,", "0", "2"), (INSTAGRAM_POST, "", "username", "comment")],
)
def test_a_file_mapped_as_one_thread_reads_its_rows_as_its_comments_with_their_replies_inferred(
    tmp_path, path, mapping, author, text
):
    """One post's comments saved without its id (Instagram comment scrapes: no id, no thread column) were read each
    row a thread of its own, right for a table of stories or tweets, wrong here: no comment answered another, none
    the post. ``--map thread=@file`` reads each file as one thread: every row a comment of the file's post (a stub
    root, known by the file's contents), its writer and text as written, what each answers inferred (REPLY_TO edges,
    to the post or to a comment before it); loaded twice, no count changes. Two real scrapes,
    one mapped by its columns' numbers, one read by its common names, and the same file by another path; ground truth
    from the files."""
    with path.open(encoding="utf-8", newline="") as f:
        rows = list(csv.DictReader(f))
    truth = Counter((r[author], r[text].strip()) for r in rows)
    store = str(tmp_path / "s.lbug")
    args = ("load", str(path), "--format", "tabular", "--map", f"{mapping}thread=@file", "--store", store)
    for _ in range(2):
        out = run(*args, "--no-entities", "--workers", "1")
        assert BY_PLACE in out
        comments = store_rows(store, _THREADS)
        assert Counter((c["author"], c["text"]) for c in comments) == truth
        assert len({c["thread"] for c in comments}) == 1
        assert {(c["inferred"], c["answers"]) for c in comments} <= {(True, "Article"), (True, "Comment")}
        assert store_rows(store, "MATCH (a:Article) RETURN a.stub AS stub") == [{"stub": True}]
    copy = tmp_path / "again" / path.name  # the same file by another path: the same thread
    copy.parent.mkdir()
    copy.write_bytes(path.read_bytes())
    run("load", str(copy), *args[2:], "--no-entities", "--workers", "1")
    assert Counter((c["author"], c["text"]) for c in store_rows(store, _THREADS)) == truth
    store = str(tmp_path / "rows.lbug")  # unmapped, each row is a thread of its own, as before
    run("load", str(path), *args[2:4], *(["--map", mapping.rstrip(",")] if mapping else []), "--store", store)
    assert store_rows(store, _THREADS) == []


@pytest.mark.parametrize("suffix", [".csv", ".json"])
def test_a_table_of_ytdlp_comments_naming_no_video_is_read_as_one_videos_comments(tmp_path, read, suffix):
    """A script flattening yt-dlp's comments of a video (their ids and parents, "root" for a comment on the video)
    without the video's id: each comment on the video was a thread of its own, the replies answering them. yt-dlp's
    comments are one video's, so such a table is read as one thread, as the report says: each comment on the video
    answers its stub root, stated, each reply its parent, a stub comment where the table lacks it. yt-dlp's comments
    of a video (an issue's info.json) as a table; ground truth from the file."""
    comments = json.loads(YTDLP.read_text(encoding="utf-8"))["comments"]
    path = tmp_path / f"comments{suffix}"
    if suffix == ".json":
        path.write_text(json.dumps(comments), encoding="utf-8")
    else:
        _write_csv(path, comments, list(comments[0]))
    held = {c["id"] for c in comments}
    store = str(tmp_path / "s.lbug")
    out = run("load", str(path), "--store", store, "--no-entities", "--workers", "1")
    assert ONE_THREAD in out
    replies = store_rows(
        store,
        "MATCH (c:Comment)-[r:REPLY_TO]->(p) WHERE NOT coalesce(c.stub, false) "
        "RETURN c.source_id AS id, label(p) AS label, p.source_id AS parent, r.inferred AS inferred",
    )
    assert sorted((r["id"], r["label"], r["inferred"]) for r in replies if r["label"] == "Article") == sorted(
        (c["id"], "Article", False) for c in comments if c["parent"] == "root"
    )
    assert sorted((r["id"], r["parent"], r["inferred"]) for r in replies if r["label"] == "Comment") == sorted(
        (c["id"], c["parent"], False) for c in comments if c["parent"] != "root"
    )
    stubs = store_rows(store, "MATCH (c:Comment) WHERE c.stub RETURN c.source_id AS id")
    assert sorted(r["id"] for r in stubs) == sorted({c["parent"] for c in comments} - held - {"root"})
    assert len(store_rows(store, "MATCH (a:Article) RETURN a.id")) == 1


@pytest.mark.parametrize(("suffix", "named_first"), [(".json", False), (".json", True), (".csv", False)])
def test_a_table_of_ytdlp_comments_naming_a_video_in_some_rows_reads_each_row_by_what_it_names(
    tmp_path, suffix, named_first
):
    """A table of yt-dlp's comments naming their video in some rows only was read by its first row: one naming none
    put every row in the file's thread, the video the others name dropped; one naming it made each comment on the
    video naming none a thread of its own, and a CSV so too. Now each row is read by what it names, whatever the
    rows' order: a row naming its video is that video's comment, the rows naming none the comments of the file's
    video (one stub root), as the report says. yt-dlp's comments of a video (an issue's info.json), each comment tree
    in turn naming the video or not; ground truth from the file."""
    comments = json.loads(YTDLP.read_text(encoding="utf-8"))["comments"]
    video = YTDLP.name.removeprefix("ytdlp-issue4285-").removesuffix(".info.json")
    trees = list(dict.fromkeys(c["id"] if c["parent"] == "root" else c["parent"] for c in comments))
    named = {tree for n, tree in enumerate(trees) if n % 2 != named_first}
    rows = [
        {**c, "video_id": video if (c["parent"] if c["parent"] != "root" else c["id"]) in named else ""}
        for c in comments
    ]
    path = tmp_path / f"comments{suffix}"
    if suffix == ".json":
        path.write_text(json.dumps([{k: v for k, v in r.items() if v != ""} for r in rows]), encoding="utf-8")
    else:
        _write_csv(path, rows, list(rows[0]))
    assert {r["video_id"] for r in rows} == {video, ""}
    store = str(tmp_path / "s.lbug")
    out = run("load", str(path), "--store", store, "--no-entities", "--workers", "1")
    assert ONE_THREAD in out
    threads = {
        r["id"]: r["root"]
        for r in store_rows(
            store,
            "MATCH (c:Comment), (a:Article) WHERE a.id = c.thread AND NOT coalesce(c.stub, false) "
            "RETURN c.source_id AS id, a.source_id AS root",
        )
    }
    assert sorted(threads) == sorted(r["id"] for r in rows)
    assert {r["id"] for r in rows if r["video_id"]} == {c for c, root in threads.items() if root == video}
    (page,) = {threads[r["id"]] for r in rows if not r["video_id"]}
    assert page != video


_COUNTS = "MATCH (n) OPTIONAL MATCH (n)-[r]->() RETURN count(DISTINCT n) AS nodes, count(r) AS edges"
_READ = "MATCH (c:Comment) WHERE NOT coalesce(c.stub, false) RETURN c.source_id AS id"


@pytest.mark.parametrize("suffix", [".csv", ".json"])
def test_a_table_read_as_one_thread_named_by_the_user_takes_a_refetch_as_that_thread(tmp_path, suffix):
    """A table read as one thread (yt-dlp's comments naming no video) had its root known by the file's contents: the
    same video's comments fetched again, one comment added, loaded as a second thread, every comment twice. Named
    by the user (``--map thread=@file:KEY``), files given one key are one thread: the refetch adds exactly the
    comment added, the root stays one, and loading it again changes no count; the report tells of the option where
    the thread is known by the contents. yt-dlp's comments of a video (an issue's info.json), the first fetch
    without its last reply; ground truth from the file."""
    video = json.loads(YTDLP.read_text(encoding="utf-8"))
    comments = video["comments"]
    added = next(
        c for c in reversed(comments) if c["parent"] != "root" and c["id"] not in {d["parent"] for d in comments}
    )
    fetches = [[c for c in comments if c is not added], comments]
    paths = [tmp_path / f"fetch{n}" / f"comments{suffix}" for n in range(2)]
    for path, rows in zip(paths, fetches, strict=True):
        path.parent.mkdir()
        if suffix == ".json":
            path.write_text(json.dumps(rows), encoding="utf-8")
        else:
            _write_csv(path, rows, list(rows[0]))
    store = str(tmp_path / "s.lbug")
    named = ("--map", f"thread=@file:{video['id']}", "--no-entities", "--workers", "1")
    out = run("load", str(paths[0]), *named, "--store", store)
    assert ONE_THREAD not in out
    assert sorted(r["id"] for r in store_rows(store, _READ)) == sorted(c["id"] for c in fetches[0])
    alone = str(tmp_path / "alone.lbug")  # the refetch loaded alone: what the two loads must come to
    run("load", str(paths[1]), *named, "--store", alone)
    for _ in range(2):
        run("load", str(paths[1]), *named, "--store", store)
        assert sorted(r["id"] for r in store_rows(store, _READ)) == sorted(c["id"] for c in comments)
        assert store_rows(store, _COUNTS) == store_rows(alone, _COUNTS)
    assert store_rows(store, "MATCH (a:Article) RETURN a.source_id AS id, a.stub AS stub") == [
        {"id": video["id"], "stub": True}
    ]
    store = str(tmp_path / "contents.lbug")  # known by their contents, the fetches are two threads, as the report says
    for path in paths:
        assert ONE_THREAD in run("load", str(path), "--store", store, "--no-entities", "--workers", "1")
    assert len(store_rows(store, "MATCH (a:Article) RETURN a.id")) == 2
    assert len(store_rows(store, _READ)) == len(fetches[0]) + len(comments)


def test_an_empty_thread_key_is_refused_in_one_line(tmp_path):
    """``--map thread=@file:`` names no thread: refused as the option's bad value, in one error line after the
    usage line as click tells one, nothing loaded."""
    result = CliRunner().invoke(
        main, ["load", str(YTDLP), "--format", "tabular", "--map", "thread=@file:", "--store", str(tmp_path / "s")]
    )
    assert result.exit_code != 0 and not isinstance(result.exception, AssertionError)
    errors = [line for line in result.output.splitlines() if line.startswith("Error")]
    assert errors == [
        "Error: Invalid value for --map: 'thread=@file:': the thread's key is empty (thread=@file:KEY names each "
        "file's thread)"
    ]
    assert not (tmp_path / "s").exists()


@pytest.mark.parametrize("rest", ["b", "b=c"])
def test_a_comma_in_a_thread_key_is_refused_in_one_line_saying_so(tmp_path, rest):
    """``--map thread=@file:a,b``: the comma parts the mapping's items, so the key is "a" and "b" an item without
    "=" (or "b=c" one of no field). Before, the error told only that, not why: now its one line says the comma ended
    the key, which can hold none; nothing loaded."""
    mapping = f"thread=@file:a,{rest}"
    result = CliRunner().invoke(main, ["load", str(YTDLP), "--map", mapping, "--store", str(tmp_path / "s")])
    assert result.exit_code != 0 and isinstance(result.exception, SystemExit)  # click's exit, no traceback
    (error,) = [line for line in result.output.splitlines() if line.startswith("Error")]
    assert error.startswith("Error: Invalid value for --map: ") and f"{rest.split('=')[0]!r}" in error
    assert error.endswith(": the comma before it ended the thread's key 'a', which can hold none")
    assert not (tmp_path / "s").exists()


@pytest.mark.parametrize("mapped", ["@file", "@file:my-video"])
def test_a_thread_column_a_file_read_as_one_thread_leaves_unread_is_reported(tmp_path, read, mapped):
    """``--map thread=@file[:KEY]`` reads each file as one thread, whatever thread its rows name: a table whose rows
    name their video (``video_id``) was read as one thread of the file's, the column passed over without a word.
    Now the report names the column left unread. yt-dlp's comments of a video (an issue's info.json), each beside
    its video's id, and another video's; ground truth from the file."""
    video = json.loads(YTDLP.read_text(encoding="utf-8"))
    rows = [{**c, "video_id": video["id"] if n % 2 else "other"} for n, c in enumerate(video["comments"])]
    path = _write_csv(tmp_path / "comments.csv", rows, list(rows[0]))
    posts, report = read(path, "tabular", thread=mapped)
    assert len({p.thread for p in posts}) == 1
    assert sorted(p.source_id for p in posts if not p.meta.get("stub") and not p.is_article) == sorted(
        c["id"] for c in rows
    )
    assert report.counts[UNREAD_OWN_THREAD] == 1 and f"{path.name}: video_id" in report.summary()
    _, report = read(path, "tabular")  # the rows' own threads read, nothing left unread
    assert UNREAD_OWN_THREAD not in report.counts


@pytest.mark.parametrize("named", [True, False])
def test_a_ytdlp_table_is_hashed_for_its_thread_only_where_a_row_names_no_video(tmp_path, read, monkeypatch, named):
    """A table of yt-dlp's comments was read through once more, for the key of the file's thread, even where every
    row names its video and none falls to the file's thread. Now the file is hashed only where a row needs that key,
    once for both passes. yt-dlp's comments of a video (an issue's info.json), each beside its video's id or not."""
    video = json.loads(YTDLP.read_text(encoding="utf-8"))
    rows = [{**c, "video_id": video["id"] if named else ""} for c in video["comments"]]
    path = _write_csv(tmp_path / "comments.csv", rows, list(rows[0]))
    digests = []
    digest = hashlib.file_digest
    monkeypatch.setattr(hashlib, "file_digest", lambda *a: digests.append(a) or digest(*a))
    posts, _ = read(path)
    threads = {p.thread for p in posts}
    assert len(threads) == 1 and (schema.article_id("tabular", video["id"]) in threads) == named
    assert len(digests) == (0 if named else 1)


@pytest.mark.parametrize(
    ("path", "column"), [(REAL / "tabular" / "hn-comments-sample.jsonl", "comment"), (YOUTUBE_NO_IDS, "body")]
)
def test_a_text_column_mapped_that_no_row_has_is_refused_in_one_line(tmp_path, path, column):
    """``--map text=COLUMN`` naming a column no JSON row has loaded every post with an empty text, as deleted, and a
    table with no ids was refused for want of an id; now refused in one line naming the mapping, as an id column no
    row has is, the store left unmade. Real Hacker News comment lines (ids) and a study's flattened YouTube comments
    (no ids), each with its text column misnamed."""
    store = tmp_path / "s.lbug"
    result = CliRunner().invoke(
        main, ["load", str(path), "--map", f"text={column}", "--store", str(store), "--no-entities"]
    )
    assert result.exit_code == 1 and result.output.strip().splitlines() == [
        f"Error: {path}: --map text={column}: no row has a text under it"
    ]
    assert not store.exists()


@pytest.mark.parametrize("suffix", [".json", ".csv"])
def test_a_text_column_mapped_that_every_row_leaves_empty_reads_link_posts(tmp_path, read, suffix):
    """A text column mapped that every row has but leaves empty is a table of link posts (Hacker News link stories:
    a title and a url, no text), which loaded before a mapped text column no row has was refused, and must still: each
    row a thread of its own, titled, with its url. The real stories of a study's scrape that hold no text, as JSON
    and as CSV; ground truth from the file."""
    stories = [r for r in json.loads(HN_NO_IDS.read_text(encoding="utf-8")) if not r["text"]]
    path = tmp_path / f"links{suffix}"
    if suffix == ".json":
        path.write_text(json.dumps(stories), encoding="utf-8")
    else:
        _write_csv(path, stories, list(stories[0]))
    posts, _ = read(path, text="text")
    assert len(stories) > 5
    assert sorted((p.title, p.url, p.text) for p in posts if p.is_article) == sorted(
        (html.unescape(r["title"]), r["url"], "") for r in stories
    )
    assert len(posts) == len(stories)


AUSFINANCE = REAL / "tabular" / "ausfinance-praw-comments.csv"
HN_COMMENTS = REAL / "tabular" / "hn-comments-sample.jsonl"


def _unknown_id_tables(tmp_path: Path) -> dict[str, Path]:
    """Tables whose rows are known by ids under a column the reader does not know: the reproductions (a CSV whose id
    column is "cid", its rows answering rows of the file; JSON lines whose first row has no id, the others ids), a
    real PRAW comment table with its "id" and "post_id" columns renamed, real Hacker News comment lines whose first
    row lost its id, and the same lines none of which has one, each still naming its parent."""
    cid = tmp_path / "cid.csv"
    cid.write_text(
        "cid,parent_id,thread_id,text,author\nA1,,T,Opening comment of the thread,ann\n"
        "A2,A1,T,A reply to the opening one,bob\nA3,A2,T,A reply to the reply,cat\n",
        encoding="utf-8",
    )
    first = tmp_path / "first.jsonl"
    rows = [
        {"text": "A pinned notice without an id", "author": "mod"},
        {"id": "A1", "thread_id": "T", "text": "Opening comment of the thread", "author": "ann"},
        {"id": "A2", "parent_id": "A1", "thread_id": "T", "text": "A reply to the opening one", "author": "bob"},
    ]
    build.jsonl(first, rows)
    praw = tmp_path / "praw.csv"
    header, rest = AUSFINANCE.read_text(encoding="utf-8").split("\n", 1)
    assert header.startswith("id,post_id,")
    praw.write_text(header.replace("id,post_id,", "cid,submission,", 1) + "\n" + rest, encoding="utf-8")
    lines = [json.loads(line) for line in HN_COMMENTS.read_text(encoding="utf-8").splitlines()[:20]]
    assert all(r["id"] and r["parent"] for r in lines)
    unnamed = [{k: v for k, v in r.items() if k != "id"} for r in lines]
    hn_first = tmp_path / "hn-first.jsonl"
    build.jsonl(hn_first, [unnamed[0], *lines[1:]])
    hn_none = tmp_path / "hn-none.jsonl"
    build.jsonl(hn_none, unnamed)
    return {p.name: p for p in (cid, first, praw, hn_first, hn_none)}


@pytest.mark.parametrize("name", ["cid.csv", "first.jsonl", "praw.csv", "hn-first.jsonl", "hn-none.jsonl"])
def test_a_table_known_by_ids_under_a_column_not_known_is_refused_not_read_by_places(tmp_path, name):
    """A table whose rows name their parents, or in JSON whose rows further down name ids, is known by ids under a
    column this reader does not know. Read by places (after the tables with no ids were), every parent it names was a
    stub, the rows it names too ("3 posts, 3 stubs" from three rows answering each other), and JSON was judged by its
    first row: one without an id sent every row by place. Now, as before that, it is refused in one line naming
    what to map, judged over the whole file, nothing stored: the id column a later row gives, else an id column or
    no parents (``--map parent=``) for the column naming them."""
    path = _unknown_id_tables(tmp_path)[name]
    store = tmp_path / "s.lbug"
    result = CliRunner().invoke(main, ["load", str(path), "--store", str(store), "--no-entities"])
    assert result.exit_code == 1 and result.stdout == "" and not store.exists(), result.output
    if name in ("first.jsonl", "hn-first.jsonl"):  # a later row gives its id under "id"
        said = "the first row has no id, a later one has 'id': read the rows by it with --map id=id (a row without it "
        said += "is malformed)"
    else:
        column = "parent" if name.startswith("hn") else "parent_id"
        said = f"rows name parents under '{column}', but no id column is found: name one with --map id=COLUMN, or "
        said += "read the rows by their places, what each answers inferred, with --map parent="
    assert result.stderr.splitlines() == [f"Error: {path}: {said}"]


def test_a_table_known_by_ids_reads_by_the_id_column_named(tmp_path, read, shape):
    """The renamed PRAW table read with its id column named (``--map id=cid``) is the table as written: every
    reply answers its parent exactly, the same tree."""
    praw = _unknown_id_tables(tmp_path)["praw.csv"]
    posts, _ = read(praw, id="cid")
    original, _ = read(AUSFINANCE)
    assert shape(posts) == shape(original) and len(posts) == len(original)


@pytest.mark.parametrize("parent", ["", "0", "null"])
def test_rows_with_no_ids_whose_parents_name_none_are_read_by_places(tmp_path, read, parent):
    """A parent column that names no post (empty in every row, or a parent that stands for none, as a script writes
    str(None)) leaves a table with no ids read by its rows' places: every row a post of its own."""
    path = tmp_path / "flat.csv"
    path.write_text(f"author,text,parent_id\nann,First comment,{parent}\nbob,A reply to ann,{parent}\n")
    posts, report = read(path)
    assert [(p.author, p.text, p.parent) for p in posts] == [
        ("ann", "First comment", None),
        ("bob", "A reply to ann", None),
    ]
    assert BY_PLACE in report.counts


def test_yt_dlp_comments_flattened_to_a_table_keep_root_as_top_level(tmp_path):
    """yt-dlp writes a top-level comment's parent as "root": a table a script flattened its comments into (id,
    parent, text, author, video) states those comments top-level, answering the video (before, each answered a stub
    comment "root"); the others answer the comment their parent names. Ground truth from the real info.json."""
    info = json.loads((REAL / "youtube" / "ytdlp-issue4285-BaW_jenozKc.info.json").read_text(encoding="utf-8"))
    comments = info["comments"]
    assert any(c["parent"] == "root" for c in comments) and any(c["parent"] != "root" for c in comments)
    path = tmp_path / "comments.csv"
    with path.open("w", newline="", encoding="utf-8") as out:
        writer = csv.writer(out)
        writer.writerow(["id", "parent", "text", "author", "video_id"])
        writer.writerows([c["id"], c["parent"], c["text"], c["author"], info["id"]] for c in comments)
    store = str(tmp_path / "s.lbug")
    run("load", str(path), "--store", store, "--no-entities")
    got = store_rows(store, "MATCH (c:Comment)-[:REPLY_TO]->(p) RETURN c.source_id AS id, p.source_id AS to")
    assert {r["id"]: r["to"] for r in got} == {
        c["id"]: info["id"] if c["parent"] == "root" else c["parent"] for c in comments
    }
    held = {c["id"] for c in comments}
    stubs = store_rows(store, "MATCH (c:Comment) WHERE c.stub RETURN c.source_id AS id")
    assert {r["id"] for r in stubs} == {c["parent"] for c in comments} - held - {"root"}  # none "root"


def _read_files(*paths: Path) -> tuple[list, Report]:
    report = Report()
    return list(read_posts(expand_inputs([str(p) for p in paths]), options={}, report=report)), report


@pytest.mark.parametrize("given_first", [True, False])
def test_a_tweet_one_twarc2_file_includes_and_another_gives_is_read_as_given_whatever_the_order(tmp_path, given_first):
    """A tweet a response includes (its copy under "includes", maybe with fewer fields) may be given under "data" by
    a response of another file of the same collection, and two files may include the same tweet: before, the second
    file's copy was reported as a duplicate record, and which copy was kept followed the files' order, so a tweet
    whose included copy came first answered nothing. Now a tweet is read as a file gives it under "data", wherever
    that file stands among the load's, else as the first file including it does, no copy reported. The timeline page
    of twarc2's split in three files: two including what the page includes, the third giving an included tweet of
    the page's as its own; ground truth from the file."""
    (page,) = [json.loads(line) for line in TWARC.read_text(encoding="utf-8").splitlines()]
    data, included = page["data"], page["includes"]["tweets"]
    own = {t["id"] for t in data}
    answers = [t for t in data if any(r["type"] == "replied_to" for r in t.get("referenced_tweets", ()))]
    moved = next(t for t in answers if t["id"] in {i["id"] for i in included})
    # the copy a collection made with fewer fields includes, which does not say what the tweet answers
    copy = next(i for i in included if i["id"] == moved["id"])
    del copy["referenced_tweets"]
    parent = next(r["id"] for r in moved["referenced_tweets"] if r["type"] == "replied_to")
    rest = [t for t in data if t["id"] != moved["id"]]
    files = {
        "a": {"data": rest[:20], "includes": page["includes"]},
        "b": {"data": rest[20:], "includes": page["includes"]},
        "c": {"data": [moved], "includes": {"users": page["includes"]["users"]}},
    }
    paths = {}
    for name, line in files.items():
        paths[name] = tmp_path / f"{name}.jsonl"
        paths[name].write_text(json.dumps(line) + "\n", encoding="utf-8")
    order = [paths["c"], paths["a"], paths["b"]] if given_first else [paths["a"], paths["b"], paths["c"]]
    posts, report = _read_files(*order)
    assert DUPLICATE not in report.counts
    kept = [p for p in posts if not p.meta.get("stub")]
    assert sorted(p.source_id for p in kept) == sorted(own | {t["id"] for t in included})
    by = {p.source_id: p for p in kept}
    assert by[moved["id"]].source == str(paths["c"])
    assert by[moved["id"]].parent == next(p.id for p in posts if p.source_id == parent)
    # each included copy is read from the first file including it, whatever the order
    assert {p.source for p in kept if p.source_id not in own} == {str(paths["a"])}


@pytest.mark.parametrize("tweet_first", [True, False])
def test_a_twarc2_line_mixing_tweets_with_other_objects_under_data_is_refused_in_one_line(tmp_path, tweet_first):
    """A response's "data" was told a page of tweets by its first object alone: users after a tweet were read as
    tweets (posts of no text, their names ids), and tweets after a user left the line read as rows of another table.
    Now a line whose "data" mixes tweets with objects of another shape is refused, naming the line, whatever comes
    first, and nothing is loaded. The timeline page of twarc2's, one of its users moved under "data"."""
    (page,) = [json.loads(line) for line in TWARC.read_text(encoding="utf-8").splitlines()]
    user = page["includes"]["users"][0]
    page["data"] = [*page["data"][:3], user] if tweet_first else [user, *page["data"][:3]]
    path = tmp_path / "mixed.jsonl"
    path.write_text(TWARC.read_text(encoding="utf-8") + json.dumps(page) + "\n", encoding="utf-8")
    result = CliRunner().invoke(main, ["load", str(path), "--store", str(tmp_path / "s.lbug"), "--no-entities"])
    assert result.exit_code != 0 and not isinstance(result.exception, AssertionError)
    assert result.output.strip().splitlines() == [
        f"Error: {path}:2: a Twitter API v2 response whose 'data' mixes tweets with other objects (1 of 4 without "
        "author_id or conversation_id), not read"
    ]
    assert not (tmp_path / "s.lbug").exists() or not store_rows(str(tmp_path / "s.lbug"), "MATCH (p) RETURN p.id")


_ODD_CHAN_VALUES = (
    ("id", ["Bg9BS7Xl", "k2P0qzMn"]),
    ("id", {"id": "Bg9BS7Xl"}),
    ("name", ["Anonymous"]),
    ("name", {"name": "Anonymous"}),
    ("trip", ["!Ep8pui8Vw2"]),
    ("no", "73339450a"),
    ("no", 73339450.5),
    ("no", [73339450]),
    ("resto", {"no": 73339442}),
    ("resto", "OP"),
    ("com", ["a text"]),
)


def test_a_4chan_post_of_odd_values_is_a_malformed_record(tmp_path, read):
    """4chan's API gives a post's number "no" and its thread's "resto" as whole numbers, its poster's id, name,
    tripcode, subject and text as strings. Before, a list or object among them was read as Python writes it, a name
    "['Anonymous']", a poster "73339442/['Bg9BS7Xl', 'k2P0qzMn']", a number "[73339450]" in a thread of its own; now
    such a post is a malformed record, reported at its place as any reader's bad row is, and the others are read as
    before. The /g/ thread's answer, one reply given each odd value in turn; ground truth from the file."""
    answer = json.loads((TRIAL / "4chan-g-dpt-thread.json").read_text(encoding="utf-8"))
    whole, _ = read(TRIAL / "4chan-g-dpt-thread.json")
    at = 6  # a reply no post links to
    odd = answer["posts"][at]
    for field, value in _ODD_CHAN_VALUES:
        path = tmp_path / f"{field}.json"
        rows = [*answer["posts"][:at], {**odd, field: value}, *answer["posts"][at + 1 :]]
        path.write_text(json.dumps({"posts": rows}), encoding="utf-8")
        posts, report = read(path)
        assert report.counts == {MALFORMED: 1}, (field, value)
        assert report.locations[MALFORMED] == [f"{path}#{at + 1}"]
        assert [(p.source_id, p.parent, p.author, p.author_key) for p in posts] == [
            (p.source_id, p.parent, p.author, p.author_key) for p in whole if p.source_id != str(odd["no"])
        ]


def test_two_4chan_posts_linking_to_each_other_answer_no_later_post(tmp_path, read):
    """A 4chan reply answers a post posted before it: a link to a later post (two files of a thread merged, a post
    edited) made the two posts answer each other, REPLY_TO both ways. Now a reply answers the first post it links to
    whose number is lower than its own, and quotes the others it links to, a later one included. Two replies of the
    /g/ thread made to link to each other, the earlier one first; ground truth from the numbers."""
    link = '<a href="#p{0}" class="quotelink">&gt;&gt;{0}</a>'.format
    answer = json.loads((TRIAL / "4chan-g-dpt-thread.json").read_text(encoding="utf-8"))
    rows = answer["posts"]
    first, second = rows[10], rows[12]
    assert first["no"] < second["no"]
    first["com"] = f"{link(second['no'])}<br>{link(rows[3]['no'])}<br>{first.get('com', '')}"
    second["com"] = f"{link(first['no'])}<br>{second.get('com', '')}"
    path = tmp_path / "merged.json"
    path.write_text(json.dumps(answer), encoding="utf-8")
    posts, _ = read(path)
    ids = {p.id: p.source_id for p in posts}
    by = {p.source_id: p for p in posts}
    one, two = by[str(first["no"])], by[str(second["no"])]
    assert ids[one.parent] == str(rows[3]["no"]) and ids[two.parent] == str(first["no"])
    assert [ids[s.target] for s in one.stated if s.type == schema.QUOTES] == [str(second["no"])]
    store = str(tmp_path / "s.lbug")
    run("load", str(path), "--store", store, "--no-entities")
    replies = store_rows(store, "MATCH (a)-[:REPLY_TO]->(b) RETURN a.source_id AS a, b.source_id AS b")
    assert (str(second["no"]), str(first["no"])) in {(r["a"], r["b"]) for r in replies}
    assert all(int(r["b"]) < int(r["a"]) for r in replies)


DEBATELAND_COMMENTS = TRIAL / "debateland-reddit-comments.json"


def test_a_json_table_whose_first_row_has_no_id_is_read_by_the_id_column_mapped(tmp_path, read):
    """A JSON table was told by its first row: one without an id made the table one read by places, and a later row's
    id then refused it ("no id column found (name one with --map id=COLUMN)"), while a mapped id column the first
    row lacks was refused as missing. Now a mapped column need not be in the first row: each row is known by it, one
    without it a malformed record; unmapped, the refusal names the id column a later row gives; mapped
    to a column no row has, the table is refused naming it. The study's Reddit comments, their first comment's id
    cut, under the tool's own name and under another; ground truth from the file."""
    rows = json.loads(DEBATELAND_COMMENTS.read_text(encoding="utf-8"))
    for name in ("comment_id", "cid"):
        cut = [{(name if k == "comment_id" else k): v for k, v in r.items()} for r in rows]
        del cut[0][name]
        path = tmp_path / f"{name}.json"
        path.write_text(json.dumps(cut, indent=4), encoding="utf-8")
        if name == "comment_id":  # a column of ids by name, unmapped (another name is unknown: rows by places)
            with pytest.raises(InputError, match=rf"^[^\n]*{name}\.json: [^\n]*--map id={name}\b[^\n]*$"):
                read(path)
        posts, report = read(path, id=name, thread="parent_post_id")
        assert report.counts[MALFORMED] == 1 and report.locations[MALFORMED] == [f"{path}#1"]
        comments = {p.source_id: (p.thread, p.text) for p in posts if not p.meta.get("stub")}
        assert comments == {
            r[name]: (schema.article_id("reddit", r["parent_post_id"]), "" if r["body"] in GONE else r["body"])
            for r in cut[1:]
        }
        with pytest.raises(InputError, match=rf"^[^\n]*{name}\.json: --map id=nothing: no row has[^\n]*$"):
            read(path, id="nothing")


YTDLP = REAL / "youtube" / "ytdlp-issue4285-BaW_jenozKc.info.json"


@pytest.mark.parametrize("suffix", [".csv", ".json"])
def test_a_ytdlp_comment_table_without_ids_is_read_with_its_parents_mapped_to_none(tmp_path, read, suffix):
    """A script flattening yt-dlp's comments may leave out their ids and keep their "parent" (a comment's id, or
    "root"): the parents name rows no column identifies. Before, the table was refused ("no id column found (name one
    with --map id=COLUMN)"), with no column to map and no way in. Now the refusal names both ways, an id column to
    map or ``--map parent=`` (the parents read from no column), and so mapped the rows are read by their places,
    what each answers inferred. yt-dlp's comments of a video (an issue's info.json) as a table without ids; ground
    truth from the file."""
    video = json.loads(YTDLP.read_text(encoding="utf-8"))
    comments = video["comments"]
    assert any(c["parent"] != "root" for c in comments)
    # each comment beside its video's id, as such a script writes it, its own left out
    rows = [{"video_id": video["id"], **{k: v for k, v in c.items() if k != "id"}} for c in comments]
    path = tmp_path / f"comments{suffix}"
    if suffix == ".json":
        path.write_text(json.dumps(rows), encoding="utf-8")
    else:
        _write_csv(path, rows, list(rows[0]))
    with pytest.raises(InputError, match=r"^[^\n]*'parent'[^\n]*--map id=COLUMN[^\n]*--map parent=[^\n]*$"):
        read(path)
    posts, report = read(path, parent="")
    assert BY_PLACE in report.counts and UNREAD_PARENT not in report.counts
    read_rows = [p for p in posts if not p.meta.get("stub")]
    assert sorted(p.text for p in read_rows) == sorted(c["text"].strip() for c in comments)
    assert all(p.parent is None for p in read_rows)
    store = str(tmp_path / "s.lbug")
    out = run("load", str(path), "--map", "parent=", "--store", store, "--no-entities")
    assert f"{len(comments)} posts" in out
    replies = store_rows(store, "MATCH (c:Comment)-[r:REPLY_TO]->() RETURN r.inferred AS inferred")
    assert len(replies) == len(comments) and all(r["inferred"] for r in replies)


def test_twarc2_files_read_by_separate_workers_read_each_tweet_once(tmp_path):
    """A cluster's worker reads one file of many, taught what the reader's first pass over all of them found
    (``Readers.learn``, ``Readers.teach``): each file read alone so gives each tweet once over all the files, the one
    another file gives under "data" from that file, an included one from the first file including it. The timeline
    page of twarc2's split in three files as above; ground truth from the file."""
    (page,) = [json.loads(line) for line in TWARC.read_text(encoding="utf-8").splitlines()]
    data, included = page["data"], page["includes"]["tweets"]
    moved = next(t for t in data if t["id"] in {i["id"] for i in included})
    rest = [t for t in data if t["id"] != moved["id"]]
    lines = [
        {"data": rest[:20], "includes": page["includes"]},
        {"data": rest[20:], "includes": page["includes"]},
        {"data": [moved]},
    ]
    paths = [str(tmp_path / f"{n}.jsonl") for n in range(len(lines))]
    for path, line in zip(paths, lines, strict=True):
        Path(path).write_text(json.dumps(line) + "\n", encoding="utf-8")
    inputs = expand_inputs(paths)
    shared = Readers(inputs, settle(inputs)).learn(0)
    read_by: dict[str, list[str]] = {}
    for index, path in enumerate(paths):
        worker_inputs = expand_inputs(paths)
        worker = Readers(worker_inputs, settle(worker_inputs))
        worker.teach("tabular", shared)
        read_by[path] = [p.source_id for p in read_one(worker, index, {}, Report()) if not p.meta.get("stub")]
    read_ids = [key for keys in read_by.values() for key in keys]
    assert sorted(read_ids) == sorted({t["id"] for t in data} | {t["id"] for t in included})
    assert moved["id"] in read_by[paths[2]]
    own = {t["id"] for t in data}
    assert {key for key in read_by[paths[1]] if key not in own} == set()  # the first file read every included one


@pytest.mark.parametrize("text", ['{"a": ' * 5000 + "1" + "}" * 5000, "[" + '{"a": ' * 5000 + "1" + "}" * 5000 + "]"])
def test_json_nested_deeper_than_the_parser_reads_is_one_line_not_a_traceback(tmp_path, text):
    """A JSON object, or a list's first one, nested past Python's parser's depth stopped the load in the table
    reader's look at the input's head, "unexpected RecursionError"; now it is told in one line, as a value nested so
    deep is wherever it is read."""
    path = tmp_path / "deep.json"
    path.write_text(text, encoding="utf-8")
    result = CliRunner().invoke(main, ["load", str(path), "--store", str(tmp_path / "s.lbug"), "--no-entities"])
    assert result.exit_code != 0 and "unexpected" not in result.output, result.output
    assert len(result.output.strip().splitlines()) == 1


def test_a_twarc2_file_whose_line_is_no_response_still_gives_its_later_tweets_to_the_other_files(tmp_path):
    """twarc2 writes the body the API answered, an error response too ("errors" alone, a lookup of deleted tweets):
    a line its reader reports as such, holding no post (before, as a malformed record), the file's other lines read.
    The pass over the load's files for the tweets each gives stopped at such a line, so a tweet the file gave after
    it was read from another file including its copy, and reported a duplicate where the file gave it. Now only a
    file whose first value is no response is passed by. The timeline page of twarc2's split in three files, the
    third giving a tweet the others include after an error line; ground truth from the file."""
    (page,) = [json.loads(line) for line in TWARC.read_text(encoding="utf-8").splitlines()]
    data, included = page["data"], page["includes"]["tweets"]
    moved = next(t for t in data if t["id"] in {i["id"] for i in included})
    rest = [t for t in data if t["id"] != moved["id"]]
    error = {"errors": [{"title": "Not Found Error", "detail": "Could not find tweet with ids: [1].", "value": "1"}]}
    files = {
        "a": [{"data": rest[:20], "includes": page["includes"]}],
        "b": [{"data": rest[20:-1], "includes": page["includes"]}],
        "c": [{"data": rest[-1:], "includes": page["includes"]}, error, {"data": [moved]}],
    }
    paths = {}
    for name, lines in files.items():
        paths[name] = tmp_path / f"{name}.jsonl"
        paths[name].write_text("".join(json.dumps(line) + "\n" for line in lines), encoding="utf-8")
    posts, report = _read_files(paths["a"], paths["b"], paths["c"])
    assert DUPLICATE not in report.counts
    assert report.counts[ERROR_RESPONSE] == 1 and MALFORMED not in report.counts  # the error line, as it is
    by = {p.source_id: p for p in posts if not p.meta.get("stub")}
    assert sorted(by) == sorted({t["id"] for t in data} | {t["id"] for t in included})
    assert by[moved["id"]].source == str(paths["c"])


def test_the_pass_for_twarc2_copies_reads_no_more_of_a_json_list_than_its_head(tmp_path):
    """The pass over a load's files for the tweets each gives (``Readers.learn``) reads a file up to its first value
    that is no response; a JSON list is one document, parsed whole before its first value is seen, so a load of
    tables saved as JSON lists read each once more for nothing. Now a list is passed by at its head: a response is
    an object. A twarc2 page beside a JSON table of comments; ground truth from the bytes each file gives."""
    table = tmp_path / "comments.json"
    rows = [{"id": str(n), "parent": str(n // 2) if n else "", "text": f"comment {n}"} for n in range(2000)]
    table.write_text(json.dumps(rows), encoding="utf-8")
    inputs = expand_inputs([str(TWARC), str(table)])
    formats = settle(inputs)
    taken = {inp.name: 0 for inp in inputs}

    class Counted(io.FileIO):
        def readinto(self, buffer):
            got = super().readinto(buffer)
            taken[self.name] += got or 0
            return got

    def counted(inp):
        return replace(inp, open=lambda: io.BufferedReader(Counted(inp.name)))

    Readers([counted(inp) for inp in inputs], formats).learn(0)
    assert 0 < taken[str(table)] < table.stat().st_size // 4
    assert taken[str(TWARC)] >= TWARC.stat().st_size  # the response read whole


def test_a_twarc2_response_saved_as_one_document_mixing_objects_is_refused_at_its_file_by_the_first_pass(tmp_path):
    """A response saved as one JSON document (indented) is read at line 0, which no refusal names: the pass over a
    load's files for the tweets each gives (``Readers.learn``, a cluster's first step) refused such a response mixing
    tweets with users as "FILE:0"; now as the file's own reading names it, by the file. The timeline page of
    twarc2's, one of its users moved under "data", beside the page as it is; an indented response is read as a table
    (named here; detected too)."""
    (page,) = [json.loads(line) for line in TWARC.read_text(encoding="utf-8").splitlines()]
    page["data"] = [*page["data"][:3], page["includes"]["users"][0]]
    path = tmp_path / "mixed.json"
    path.write_text(json.dumps(page, indent=2), encoding="utf-8")
    inputs = expand_inputs([str(path), str(TWARC)])
    with pytest.raises(InputError) as refused:
        Readers(inputs, settle(inputs, "tabular")).learn(0)
    assert str(refused.value) == (
        f"{path}: a Twitter API v2 response whose 'data' mixes tweets with other objects (1 of 4 without author_id or "
        "conversation_id), not read"
    )
    with pytest.raises(InputError) as read_alone:
        list(read_posts(expand_inputs([str(path)]), "tabular", options={}, report=Report()))
    assert str(read_alone.value) == str(refused.value)


def test_disqus_api_posts_are_dated_and_written_by_their_accounts(tmp_path):
    """Posts as the Disqus API gives them (``users/listPosts``, a script's copy), loaded with no options: each is dated
    by its ``createdAt`` (UTC without a zone; before, every post undated), answers exactly the post its ``parent``
    names, a stub where the list lacks it, or else its thread, and is written by the account its ``author.username``
    names, shown by its name (before, the account was its shown name: two accounts showing one name were one). As the
    Disqus reader reads an export: a post marked spam is skipped and counted, a post marked deleted keeps its writer
    and place but not its words (before, both were read as any post). Its account is the Disqus reader's, "disqus"
    (before, the table reader's, "tabular": never the export's). Loaded again, no count changes."""
    path = TRIAL / "disqus-api-user-posts.json"
    listed = json.loads(path.read_text(encoding="utf-8"))
    posts = [p for p in listed if not p["isSpam"]]
    assert 0 < len(posts) < len(listed) and any(p["isDeleted"] for p in posts)
    store = str(tmp_path / "s.lbug")
    result = run("load", str(path), "--store", store, "--no-entities", "--workers", "1")
    assert f"{len(listed) - len(posts)} {SPAM}" in result
    dated = store_rows(
        store, "MATCH (c:Comment) WHERE NOT c.stub RETURN c.source_id AS id, c.created AS created, c.text AS text"
    )
    assert sorted((r["id"], r["created"], r["text"] == "") for r in dated) == sorted(
        (p["id"], p["createdAt"] + "Z", p["isDeleted"]) for p in posts
    )
    ids = {p["id"] for p in posts}
    parents = {p["id"]: str(p["parent"] or p["thread"]) for p in posts}
    assert_stated_parents(
        store, parents, {str(p["parent"]) for p in posts if p["parent"] and str(p["parent"]) not in ids}
    )
    wrote = store_rows(store, "MATCH (a:Author)-[:WROTE]->(p) RETURN p.source_id AS post, a.id AS id, a.name AS name")
    assert sorted((r["post"], r["id"], r["name"]) for r in wrote) == sorted(
        (p["id"], schema.author_id("disqus", p["author"]["username"]), p["author"]["name"]) for p in posts
    )
    counts = "MATCH (n) RETURN label(n) AS label, count(*) AS n ORDER BY label"
    loaded = store_rows(store, counts)
    run("load", str(path), "--store", store, "--no-entities", "--workers", "1")
    assert store_rows(store, counts) == loaded


@pytest.mark.parametrize("flattened", [True, False])
def test_disqus_api_posts_flattened_into_a_table_keep_their_accounts_where_it_has_them(tmp_path, flattened):
    """The same posts flattened into CSV as pandas' json_normalize writes them ("author.username" beside
    "author.name"): each written by its account; a table keeping only the writer's name (no "author.username" column)
    is read by that name, not refused for a column it lacks."""
    posts = json.loads((TRIAL / "disqus-api-user-posts.json").read_text(encoding="utf-8"))
    writer = ["author.name", "author.username"] if flattened else ["author"]
    path = tmp_path / "posts.csv"
    with path.open("w", encoding="utf-8", newline="") as out:
        table = csv.writer(out)
        table.writerow(["id", "thread", "parent", "forum", "createdAt", "raw_message", *writer])
        for p in posts:
            names = [p["author"]["name"], p["author"]["username"]][: len(writer)]
            table.writerow(
                [p["id"], p["thread"], p["parent"] or "", p["forum"], p["createdAt"], p["raw_message"], *names]
            )
    read_rows = list(read_posts(expand_inputs([str(path)]), "tabular", options={"text": "raw_message"}))
    keys = {p.author_key or p.author for p in read_rows if p.author}
    assert keys == {p["author"]["username" if flattened else "name"] for p in posts}


def test_disqus_api_guests_stay_apart_from_the_accounts_whose_names_they_type(tmp_path):
    """A Disqus API post of a guest ("isAnonymous", a name typed and no user name) is the guest's of that name, as the
    Disqus reader reads a guest: never the account whose user name or shown name the guest typed. The real posts of
    one account, with four of them as guests would have written them, typing the account's user name and its name,
    and its name again leaving an address, once given whole (as the API gives it to the forum's moderators: the guest
    of that address, as an export keys a guest) and once masked as the file masks the account's (the guest of the name
    alone: a masked address is no export's). Before, the guest typing the user name was the account."""
    posts = json.loads((TRIAL / "disqus-api-user-posts.json").read_text(encoding="utf-8"))
    account = posts[0]["author"]
    assert "*" in account["email"]  # masked, as the API gives an address to any but the forum's moderators
    typed = (account["username"], account["name"], account["name"], account["name"])
    addresses = ({}, {}, {"email": "Someone@Example.org"}, {"email": account["email"]})
    guests = [
        {**post, "id": f"9{post['id']}", "author": {"name": name, "isAnonymous": True, **address}}
        for post, name, address in zip([p for p in posts if not p["isSpam"]][:4], typed, addresses, strict=True)
    ]
    keys = ["", "", "someone@example.org", ""]
    path = tmp_path / "posts.json"
    path.write_text(json.dumps(posts + guests), encoding="utf-8")
    store = str(tmp_path / "s.lbug")
    run("load", str(path), "--store", store, "--no-entities", "--workers", "1")
    wrote = store_rows(store, "MATCH (a:Author)-[:WROTE]->(p) RETURN p.source_id AS post, a.id AS id, a.guest AS guest")
    assert sorted((r["post"], r["id"], r["guest"]) for r in wrote) == sorted(
        [(p["id"], schema.author_id("disqus", p["author"]["username"]), False) for p in posts if not p["isSpam"]]
        + [
            (g["id"], schema.guest_id("disqus", g["author"]["name"], k), True)
            for g, k in zip(guests, keys, strict=True)
        ]
    )


def test_disqus_api_posts_with_their_threads_objects_stay_in_those_threads(tmp_path):
    """The Disqus API gives each post's thread as an object (id, title, link) when asked for it (``related=thread``):
    each post is then in the thread the object's id names, as where the thread is its id alone, its stub titled and
    placed as the object says. Before, the object stood for no thread: each post of a page answering no post was a
    thread of its own."""
    posts = json.loads((TRIAL / "disqus-api-user-posts.json").read_text(encoding="utf-8"))
    posts = [p for p in posts if not p["isSpam"]]
    pages = {
        p["thread"]: {"id": p["thread"], "title": f"Page {p['thread']}", "link": f"https://example.org/{p['thread']}"}
        for p in posts
    }
    path = tmp_path / "posts.json"
    path.write_text(json.dumps([{**p, "thread": pages[p["thread"]]} for p in posts]), encoding="utf-8")
    store = str(tmp_path / "s.lbug")
    run("load", str(path), "--store", store, "--no-entities", "--workers", "1")
    threads = store_rows(store, "MATCH (a:Article) RETURN a.source_id AS id, a.title AS title, a.url AS url")
    assert sorted((r["id"], r["title"], r["url"]) for r in threads) == sorted(
        (t["id"], t["title"], t["link"]) for t in pages.values()
    )
    ids = {p["id"] for p in posts}
    parents = {p["id"]: str(p["parent"] or p["thread"]) for p in posts}
    assert_stated_parents(
        store, parents, {str(p["parent"]) for p in posts if p["parent"] and str(p["parent"]) not in ids}
    )


def _disqus_api_rows(export: Path) -> list[dict[str, Any]]:
    """The posts of a Disqus export as the Disqus API gives them (``posts/list``): no real pair of a forum's export
    and its API's posts is public, so the API's rows are written from the export, each field where the API puts it
    (its thread's forum, "parent" a number or null, "createdAt" without a zone, the writer's object, with the address
    the export gives, whole, as the API gives it to the forum's moderators)."""
    ns, dsq = "{http://disqus.com}", "{http://disqus.com/disqus-internals}id"
    root = ET.parse(export).getroot()
    forums = {t.get(dsq): t.findtext(f"{ns}forum") for t in root.findall(f"{ns}thread")}
    rows = []
    for post in root.iter(f"{ns}post"):
        thread, parent = post.find(f"{ns}thread").get(dsq), post.find(f"{ns}parent")
        anonymous = post.findtext(f"{ns}author/{ns}isAnonymous") == "true"
        username = {} if anonymous else {"username": post.findtext(f"{ns}author/{ns}username")}
        rows.append(
            {
                "id": post.get(dsq),
                "thread": thread,
                "parent": None if parent is None else int(parent.get(dsq)),
                "forum": forums[thread],
                "createdAt": post.findtext(f"{ns}createdAt").removesuffix("Z"),
                "message": post.findtext(f"{ns}message"),
                "raw_message": post.findtext(f"{ns}message"),
                "isSpam": post.findtext(f"{ns}isSpam") == "true",
                "isDeleted": post.findtext(f"{ns}isDeleted") == "true",
                "author": {"name": post.findtext(f"{ns}author/{ns}name"), "isAnonymous": anonymous, **username}
                | ({"email": email} if (email := post.findtext(f"{ns}author/{ns}email")) else {}),
            }
        )
    return rows


def test_disqus_api_posts_are_the_same_nodes_as_the_forums_export_gives(tmp_path):
    """A forum's Disqus export (real: guests and accounts, seven names writing as both) and the API's posts of the
    same forum, loaded into one store in either order and again, are one Author per account (its user name) and per
    guest (the name typed: the export gives no address), one Comment per post id and one Article per thread id: the
    nodes the export alone gives. Before, the API's rows were the table reader's ("tabular") accounts, posts and
    threads, beside the export's."""
    export = REAL / "disqus" / "benbalter-blog.xml"
    rows = _disqus_api_rows(export)
    api = tmp_path / "posts.json"
    api.write_text(json.dumps(rows), encoding="utf-8")
    ns, dsq = "{http://disqus.com}", "{http://disqus.com/disqus-internals}id"
    root = ET.parse(export).getroot()
    kept = [p for p in rows if not p["isSpam"]]
    assert {p["author"]["isAnonymous"] for p in kept} == {True, False} and len(kept) < len(rows)
    writers = {p["id"]: p["author"] for p in kept}
    for thread in root.findall(f"{ns}thread"):
        anonymous = thread.findtext(f"{ns}author/{ns}isAnonymous") == "true"
        username = {} if anonymous else {"username": thread.findtext(f"{ns}author/{ns}username")}
        writers[thread.get(dsq)] = {"name": thread.findtext(f"{ns}author/{ns}name"), **username}
    wrote_truth = sorted(
        (
            post,
            schema.guest_id("disqus", w["name"])
            if "username" not in w
            else schema.author_id("disqus", w["username"] or w["name"]),
        )
        for post, w in writers.items()
        if w["name"] or w.get("username")  # a guest typing no name is no writer
    )
    truth = {
        "Author": len({author for _, author in wrote_truth}),
        "Comment": len(kept) + len({str(p["parent"]) for p in kept if p["parent"]} - {p["id"] for p in kept}),
        "Article": len(root.findall(f"{ns}thread")),
    }

    def nodes(store: str) -> dict[str, Any]:
        counts = store_rows(store, "MATCH (n) RETURN label(n) AS label, count(*) AS n")
        wrote = store_rows(store, "MATCH (a:Author)-[:WROTE]->(p) RETURN p.source_id AS post, a.id AS id")
        return {r["label"]: r["n"] for r in counts if r["label"] in truth} | {
            "WROTE": sorted((r["post"], r["id"]) for r in wrote)
        }

    alone, both = str(tmp_path / "export.lbug"), str(tmp_path / "both.lbug")
    load = ("--no-entities", "--workers", "1")
    run("load", str(export), "--store", alone, *load)
    assert nodes(alone) == truth | {"WROTE": wrote_truth}
    run("load", str(api), "--store", both, *load)
    run("load", str(export), "--store", both, *load)
    assert nodes(both) == nodes(alone)
    run("load", str(api), str(export), "--store", both, *load)
    assert nodes(both) == nodes(alone)


@pytest.mark.parametrize("typed", ["Anonymous", "Guest"])
def test_disqus_api_guests_typing_anonymous_are_the_exports_guests(tmp_path, typed):
    """A Disqus guest who typed "Anonymous" or "Guest" is the guest of that name in a forum's export (the Disqus reader
    reads any name a guest types); the API's post of it was no one's ("Anonymous" a name no writer is known by), so
    the two readers gave the one post two writers. The real export with three of its guests' posts so named, and the
    API's rows written from it: the posts' writers are the export's, whichever loads alone."""
    ET.register_namespace("", "http://disqus.com")
    ET.register_namespace("dsq", "http://disqus.com/disqus-internals")
    ns, dsq = "{http://disqus.com}", "{http://disqus.com/disqus-internals}id"
    tree = ET.parse(REAL / "disqus" / "benbalter-blog.xml")
    guests = [
        p
        for p in tree.getroot().iter(f"{ns}post")
        if p.findtext(f"{ns}author/{ns}isAnonymous") == "true" and p.findtext(f"{ns}isSpam") == "false"
    ][:3]
    for post in guests:
        post.find(f"{ns}author/{ns}name").text = typed
    export = tmp_path / "export.xml"
    tree.write(export, encoding="utf-8", xml_declaration=True)
    api = tmp_path / "posts.json"
    api.write_text(json.dumps(_disqus_api_rows(export)), encoding="utf-8")
    truth = sorted((p.get(dsq), schema.guest_id("disqus", typed)) for p in guests)
    query = "MATCH (a:Author)-[:WROTE]->(p) WHERE a.name = $name RETURN p.source_id AS post, a.id AS id"
    for path in (export, api):
        store = str(tmp_path / f"{path.stem}.lbug")
        run("load", str(path), "--store", store, "--no-entities", "--workers", "1")
        assert sorted((r["post"], r["id"]) for r in store_rows(store, query, "--param", f"name={typed}")) == truth


def _export_with_addresses(tmp_path: Path) -> Path:
    """The real export, each writer given an address made from its name (no public export with addresses was found)."""
    ET.register_namespace("", "http://disqus.com")
    ET.register_namespace("dsq", "http://disqus.com/disqus-internals")
    ns = "{http://disqus.com}"
    tree = ET.parse(REAL / "disqus" / "benbalter-blog.xml")
    for author in tree.getroot().iter(f"{ns}author"):
        name = author.findtext(f"{ns}username") or author.findtext(f"{ns}name") or ""
        if name:
            ET.SubElement(author, f"{ns}email").text = f"{hashlib.sha1(name.encode()).hexdigest()[:8]}@Example.org"
    export = tmp_path / "export.xml"
    tree.write(export, encoding="utf-8", xml_declaration=True)
    return export


def test_disqus_api_posts_keep_the_addresses_an_export_keeps(tmp_path):
    """A forum's export gives its writers' addresses where it keeps them (older exports did), and the API gives them
    whole to the forum's moderators: the Author of each is the export's, its address too, whichever loads first (an
    Author keeps what its first load gives it). Before, the API's posts kept no address: loaded first, their writers
    had none after the export too. The real export, its writers given addresses made from their names (no public
    export with addresses was found), and the API's rows written from it, guests keyed by their addresses."""
    export = _export_with_addresses(tmp_path)
    rows = _disqus_api_rows(export)
    assert all(r["author"].get("email") for r in rows if r["author"]["name"])
    api = tmp_path / "posts.json"
    api.write_text(json.dumps(rows), encoding="utf-8")
    query = "MATCH (a:Author) RETURN a.id AS id, a.email AS email"
    stores = {}
    for order in ((export,), (api, export)):
        store = stores[order] = str(tmp_path / f"{len(order)}.lbug")
        for path in order:
            run("load", str(path), "--store", store, "--no-entities", "--workers", "1")
    alone, mixed = (sorted(map(str, store_rows(s, query, "--show-emails"))) for s in stores.values())
    assert mixed == alone and all("@" in row for row in alone)


_ACCOUNTS = "MATCH (a:Author) WHERE a.guest = false RETURN a.id AS id, a.email AS email"


def _masked_api_rows(export: Path) -> tuple[list[dict[str, Any]], Path]:
    """The API's rows written from ``export`` (``_disqus_api_rows``), each address masked as the real API posts mask
    theirs (its first letter, then a star for each other letter before the "@"), and their file beside it."""
    real = json.loads((TRIAL / "disqus-api-user-posts.json").read_text(encoding="utf-8"))[0]["author"]["email"]
    assert re.fullmatch(r"\w\*+@[\w.]+", real)
    rows = _disqus_api_rows(export)
    for row in rows:
        if address := row["author"].get("email"):
            local, _, domain = address.partition("@")
            row["author"]["email"] = f"{local[0]}{'*' * (len(local) - 1)}@{domain}"
    api = export.parent / "posts.json"
    api.write_text(json.dumps(rows), encoding="utf-8")
    return rows, api


def _account(row: dict[str, Any]) -> str | None:
    """The account of an API row's writer, None for a guest."""
    author = row["author"]
    return None if author["isAnonymous"] else schema.author_id("disqus", author["username"])


def _named_by_address(rows: list[dict[str, Any]]) -> dict[str, str]:
    """The accounts of API ``rows`` showing an address as their name (one of the real export's does), by id: that
    address is theirs from those rows, an address given, kept as first stored."""
    return {i: r["author"]["name"] for r in rows if (i := _account(r)) and "@" in r["author"]["name"]}


def test_an_export_fills_in_the_addresses_the_apis_masked_rows_left_empty(tmp_path):
    """The API gives a writer's address masked to any but the forum's moderators ("r****************@mailbox.org", as
    the real API posts give theirs), which is no address: an account of those rows, loaded first, has none, and the
    export loaded after fills in its whole one; an address stored is never replaced (the export loaded again with
    other addresses changes none). Before, the accounts kept the none the API's rows gave them. The real export, its
    writers given addresses (``_export_with_addresses``), and the API's rows written from it, each address masked as
    the real API posts mask theirs (its first letter, then a star for each other letter before the "@")."""
    export = _export_with_addresses(tmp_path)
    rows, api = _masked_api_rows(export)
    accounts = {}
    for order in ((export,), (api, export)):
        store = str(tmp_path / f"{len(order)}.lbug")
        for path in order:
            run("load", str(path), "--store", store, "--no-entities", "--workers", "1")
        accounts[order] = {r["id"]: r["email"] for r in store_rows(store, _ACCOUNTS, "--show-emails")}
    alone, mixed = accounts.values()
    assert alone and all(email.endswith("@Example.org") for email in alone.values())
    assert mixed == alone | _named_by_address(rows) != alone
    other = tmp_path / "other.xml"
    other.write_text(export.read_text(encoding="utf-8").replace("@Example.org", "@Other.org"), encoding="utf-8")
    run("load", str(other), "--store", store, "--no-entities", "--workers", "1")
    assert {r["id"]: r["email"] for r in store_rows(store, _ACCOUNTS, "--show-emails")} == mixed


@pytest.mark.parametrize("how", ["bulk", "bulk-batches", "batches", "graph"])
def test_one_load_of_masked_api_rows_then_the_export_fills_in_the_addresses(tmp_path, how):
    """The API's rows of every other post of the export, their addresses masked, and the export, in one load: an
    account of those rows takes its address from its first post of the export the rows lack (a post of the rows is
    read once, from them), as in two loads: in one batch, in batches of a new store (written at the end), in batches
    of a store holding posts already, and in a graph extracted in batches."""
    export = _export_with_addresses(tmp_path)
    rows, api = _masked_api_rows(export)
    half = rows[::2]
    api.write_text(json.dumps(half), encoding="utf-8")
    alone = str(tmp_path / "alone.lbug")
    run("load", str(export), "--store", alone, "--no-entities", "--workers", "1")
    # the accounts writing a post or thread of the export the rows lack
    ns, dsq = "{http://disqus.com}", "{http://disqus.com/disqus-internals}id"
    listed = {r["id"] for r in half}
    later = {
        schema.author_id("disqus", element.findtext(f"{ns}author/{ns}username"))
        for element in ET.parse(export).getroot()
        if element.get(dsq) not in listed
        and element.findtext(f"{ns}isSpam") != "true"
        and element.findtext(f"{ns}author/{ns}isAnonymous") == "false"
    }
    stored = {r["id"]: r["email"] for r in store_rows(alone, _ACCOUNTS, "--show-emails")}
    truth = {i: email if i in later else None for i, email in stored.items()} | _named_by_address(half)
    assert any(i in later and r["author"].get("email") for r in half if (i := _account(r)))
    size = "10000" if how == "bulk" else "7"
    if how == "graph":
        graph = extract_graph(
            read_posts(expand_inputs([str(api), str(export)])), Extractor(workers=1, entities=False), 7
        )
        authors = graph.nodes(data=True)
        found = {i: a["email"] for i, a in authors if a.get("label") == schema.AUTHOR and a["guest"] is False}
    else:
        store = str(tmp_path / "both.lbug")
        if how == "batches":  # a store holding posts: loaded batch by batch
            run("load", str(REAL / "reddit" / "communal-thread.json"), "--store", store, "--no-entities")
        run("load", str(api), str(export), "--store", store, "--no-entities", "--workers", "1", "--batch-size", size)
        found = {r["id"]: r["email"] for r in store_rows(store, _ACCOUNTS, "--show-emails") if "disqus" in r["id"]}
    assert found == truth


def test_times_in_milliseconds_date_their_rows(tmp_path):
    """A time of 13 digits is unix milliseconds, as JavaScript writes times (no table in the tests' data gives one, so
    the real Disqus API posts are given their own times so, each with its milliseconds): each post dated to its
    second, no row reported undated. The rule, 10**12 to 10**13 - 1, is stated in
    ``test_utc_iso_reads_13_digits_as_milliseconds``. Before, each such row was undated, its time "unreadable"."""
    posts = json.loads((TRIAL / "disqus-api-user-posts.json").read_text(encoding="utf-8"))
    seconds = {p["id"]: int(datetime.fromisoformat(p["createdAt"]).replace(tzinfo=UTC).timestamp()) for p in posts}
    path = tmp_path / "posts.json"
    path.write_text(json.dumps([{**p, "createdAt": seconds[p["id"]] * 1000 + 999} for p in posts]), encoding="utf-8")
    report = Report()
    read_rows = [p for p in read_posts(expand_inputs([str(path)]), "tabular", options={}, report=report)]
    dated = sorted((p.source_id, p.created) for p in read_rows if not p.meta.get("stub"))
    assert dated == sorted((p["id"], p["createdAt"] + "Z") for p in posts if not p["isSpam"])
    assert all(len(str(s * 1000)) == 13 for s in seconds.values())
    assert UNREADABLE_TIME.format(column="createdAt") not in report.counts


def test_snscrape_tweets_are_in_the_conversations_they_name(tmp_path):
    """Tweets as snscrape wrote them (a search's, one a line), loaded with no options: each is in the conversation its
    ``conversationId`` names, a tweet whose id it is that conversation's root, else the root a stub; the file names no
    parent, so what each answers is inferred. Before, "conversationId" named no thread: each tweet was a thread of its
    own, and no reply was inferred between tweets of one conversation. Loaded again, no count changes."""
    path = TRIAL / "snscrape-refugee-search-20.jsonl"
    tweets = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]
    conversations = {str(t["conversationId"]) for t in tweets}
    assert len(conversations) < len(tweets) and {str(t["id"]) for t in tweets} & conversations
    store = str(tmp_path / "s.lbug")
    run("load", str(path), "--store", store, "--no-entities", "--workers", "1")
    roots = store_rows(store, "MATCH (a:Article) RETURN a.source_id AS id, a.stub AS stub")
    assert sorted((r["id"], r["stub"]) for r in roots) == sorted(
        (c, c not in {str(t["id"]) for t in tweets}) for c in conversations
    )
    placed = store_rows(store, "MATCH (c:Comment) RETURN c.source_id AS id, c.thread AS thread")
    assert sorted((r["id"], r["thread"]) for r in placed) == sorted(
        (str(t["id"]), schema.article_id("tabular", str(t["conversationId"])))
        for t in tweets
        if t["id"] != t["conversationId"]
    )
    counts = "MATCH (n) RETURN label(n) AS label, count(*) AS n ORDER BY label"
    loaded = store_rows(store, counts)
    run("load", str(path), "--store", store, "--no-entities", "--workers", "1")
    assert store_rows(store, counts) == loaded
