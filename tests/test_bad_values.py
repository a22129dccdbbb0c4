"""One bad value never stops a load: odd URLs, lone surrogates and posts whose extraction raises are
loaded (or reported) and the run completes; running it again changes nothing."""

from __future__ import annotations

import json

import pytest
from click.testing import CliRunner

from graphkit import schema
from graphkit.cli import main
from graphkit.errors import GraphkitError
from graphkit.extract import extractor as extractor_mod
from graphkit.extract.extractor import EXTRACTION_FAILED, Extractor
from graphkit.pipeline import load
from graphkit.sources import Report, expand_inputs, read_posts
from graphkit.store import open_store

ROWS = [
    {"id": "t", "thread": "t", "author": "ann", "text": "The article."},
    {
        "id": "c1",
        "thread": "t",
        "parent": "t",
        "author": "bob",
        "text": "Received: from http://smtp.example.edu.cn)([166.111.8.80] ok",
    },
    {
        "id": "c2",
        "thread": "t",
        "parent": "c1",
        "author": "cy",
        "text": "see http://exa\u2100mple.com and http://a.org/x",
    },
    {"id": "c3", "thread": "t", "parent": "c1", "author": "d\\udc00n", "text": "lone \\udc00 half http://b.org/"},
    {"id": "c4", "thread": "t", "parent": "c3", "author": "eve", "text": "博客地址(http://tanglei.name)。欢迎"},
]


def _jsonl(path):
    # \\udc00 in the rows above becomes the JSON escape \udc00: a lone surrogate once parsed
    path.write_text("\n".join(json.dumps(r, ensure_ascii=False).replace("\\\\udc00", "\\udc00") for r in ROWS) + "\n")
    return path


def test_odd_urls_and_lone_surrogates_load_and_a_rerun_changes_nothing(tmp_path):
    data, store = _jsonl(tmp_path / "comments.jsonl"), str(tmp_path / "s.lbug")
    args = ["load", str(data), "--store", store, "--no-entities"]
    first = CliRunner().invoke(main, args)
    assert first.exit_code == 0, first.output
    assert "1 threads, 5 posts, 5 authors" in first.output
    with open_store("ladybug", path=store, read_only=True) as db:
        counts = db.counts()
        sources = db.query("MATCH (s:Source) RETURN s.domain ORDER BY s.domain", {}).rows
        names = db.query("MATCH (a:Author) RETURN a.name ORDER BY a.name", {}).rows
    assert (counts["Comment"], counts["REPLY_TO"], counts["WROTE"]) == (4, 4, 5)
    assert sources == [["a.org"], ["b.org"], ["example.edu.cn"], ["tanglei.name"]]
    assert ["d\ufffdn"] in names
    again = CliRunner().invoke(main, args)
    assert again.exit_code == 0, again.output
    assert "0 nodes created" in again.output and "0 relationships created" in again.output


def test_a_post_whose_extraction_fails_is_reported_and_keeps_its_structure(tmp_path, monkeypatch):
    real = extractor_mod.links_mod.find_links

    def find_links(text):
        if "half" in text:
            raise ValueError("a bug in one step")
        return real(text)

    monkeypatch.setattr(extractor_mod.links_mod, "find_links", find_links)
    data = _jsonl(tmp_path / "comments.jsonl")
    report = Report()
    posts = read_posts(expand_inputs([str(data)]), report=report)
    with open_store("ladybug", path=str(tmp_path / "s.lbug")) as db:
        load(posts, db, Extractor(entities=False), report=report)
        replies = dict(db.query("MATCH (c:Comment)-[:REPLY_TO]->(p) RETURN c.source_id, p.source_id", {}).rows)
        cites = db.query("MATCH (c:Comment)-[:CITES]->(s:Source) RETURN c.source_id ORDER BY c.source_id", {}).rows
        wrote = db.query("MATCH (a:Author)-[:WROTE]->(c:Comment {source_id: 'c3'}) RETURN a.name", {}).rows
    assert report.counts[EXTRACTION_FAILED] == 1
    assert report.locations[EXTRACTION_FAILED] == [f"{data}#c3 (ValueError)"]
    assert replies == {"c1": "t", "c2": "c1", "c3": "c1", "c4": "c3"}  # the failed post's stated parent
    assert cites == [["c1"], ["c2"], ["c4"]] and wrote == [["d\ufffdn"]]


def test_a_load_stopped_after_a_failing_post_completes_when_run_again(tmp_path, monkeypatch):
    """Batches of one post: the load stops (as if killed) right after the batch holding the post whose
    extraction fails; running it again gives the store of one uninterrupted run."""
    real = extractor_mod.links_mod.find_links

    def find_links(text):
        if "half" in text:
            raise ValueError("a bug in one step")
        return real(text)

    class Stop(Exception):
        pass

    def stop_after_c3(summary):
        if summary.posts == 4:  # the article, c1, c2 and c3, each committed
            raise Stop

    monkeypatch.setattr(extractor_mod.links_mod, "find_links", find_links)
    data = _jsonl(tmp_path / "comments.jsonl")

    def run(store, progress=None):
        report = Report()
        posts = read_posts(expand_inputs([str(data)]), report=report)
        with open_store("ladybug", path=str(tmp_path / store)) as db:
            load(posts, db, Extractor(entities=False), batch_size=1, progress=progress, report=report)
            return db.counts(), {tuple(r) for r in db.query("MATCH (a)-[r]->(b) RETURN a.id, b.id, r.id", {}).rows}

    clean = run("clean.lbug")
    with pytest.raises(Stop):
        run("stopped.lbug", stop_after_c3)
    assert run("stopped.lbug") == clean


def test_without_a_report_an_extraction_error_propagates(monkeypatch):
    from graphkit.records import Post

    def boom(text):
        raise ValueError("a bug in one step")

    monkeypatch.setattr(extractor_mod.links_mod, "find_links", boom)
    post = Post(
        id=schema.article_id("x", "1"),
        thread=schema.article_id("x", "1"),
        is_article=True,
        text="t",
        platform="x",
        source="f",
    )
    try:
        Extractor(entities=False).extract([post])
    except ValueError:
        return
    raise AssertionError("the error was swallowed without a report")


def _read(tmp_path, name: str, data: str):
    path = tmp_path / name
    path.write_text(data, encoding="utf-8")
    report = Report()
    return list(read_posts(expand_inputs([str(path)]), report=report)), report, str(path)


def test_a_line_nested_100k_deep_is_skipped_and_reported(tmp_path):
    rows = [
        json.dumps({"id": "a", "text": "first"}),
        "[" * 100_000 + "]" * 100_000,
        json.dumps({"id": "b", "text": "x"}),
    ]
    posts, report, path = _read(tmp_path, "rows.jsonl", "\n".join(rows))
    assert [p.source_id for p in posts] == ["a", "b"]
    assert report.locations["malformed records skipped"] == [f"{path}:2"]


def test_a_document_nested_too_deeply_is_one_line_error_or_a_skipped_line(tmp_path):
    submission = '{"kind": "t3", "data": {"id": "s", "name": "t3_s", "subreddit": "x", "title": "t", "created_utc": 1}}'
    deep = "[" * 100_000 + "]" * 100_000
    page = f'[\n{{"kind": "Listing", "data": {{"children": [{submission}]}}}},\n{deep}\n]'
    posts, report, path = _read(tmp_path, "line.json", page.replace("\n", ""))  # one line: a record, skipped
    assert not posts and report.locations["malformed records skipped"] == [f"{path}:1"]
    try:
        _read(tmp_path, "page.json", page)
    except GraphkitError as exc:
        assert str(exc).endswith("JSON nested too deeply to read") and "\n" not in str(exc)
    else:
        raise AssertionError("no error")


def test_a_reply_chain_5000_deep_in_a_dump_keeps_every_parent(tmp_path):
    lines = [json.dumps({"id": "s", "title": "t", "subreddit": "x", "author": "op", "created_utc": 1})]
    for i in range(5000):
        parent = f"t1_c{i - 1}" if i else "t3_s"
        row = {"id": f"c{i}", "parent_id": parent, "link_id": "t3_s", "body": "b", "author": f"u{i % 2}"}
        lines.append(json.dumps(row | {"created_utc": 1}))
    posts, report, _ = _read(tmp_path, "dump.ndjson", "\n".join(reversed(lines)))  # children before parents
    by_id = {p.id: p for p in posts}
    assert len(posts) == 5001 and not report.counts
    assert all(
        by_id[p.parent].source_id == f"c{int(p.source_id[1:]) - 1}"
        for p in posts
        if p.parent in by_id and p.source_id != "c0"
    )


def test_fields_of_the_wrong_type_skip_the_record_not_the_input(tmp_path):
    lines = [
        {"id": "s", "title": 5, "subreddit": "x", "created_utc": 1},  # a number for a title
        {"id": "c1", "parent_id": "t3_s", "link_id": "t3_s", "body": "ok", "created_utc": 1, "permalink": True},
        {"id": "c2", "parent_id": "t3_s", "link_id": "t3_s", "body": ["a list"], "created_utc": 1},
        {"id": "c3", "parent_id": "t3_s", "link_id": "t3_s", "body": "fine", "created_utc": 1},
        {"kind": "more", "data": {"count": "many", "parent_id": "t3_s"}},
    ]
    posts, report, path = _read(tmp_path, "dump.ndjson", "\n".join(json.dumps(x) for x in lines))
    assert [p.source_id for p in posts if not p.meta.get("stub")] == ["c3"]
    assert report.counts["malformed records skipped"] == 4


def test_a_post_over_a_million_characters_gets_entities_from_its_start():
    from graphkit.extract.extractor import LONG_TEXT
    from graphkit.records import Post

    thread = schema.article_id("x", "1")
    filler = ("abcdefghij" * 10 + " ") * 10_000  # long words: cheap for the model, over its limit in all
    text = "Angela Merkel met Barack Obama in Berlin. " + filler + "See http://example.org/end"
    posts = [Post(thread, thread, True, text, "x", "f", source_id="1")]
    report = Report()
    fragment = Extractor(workers=1).extract(posts, report)
    assert report.locations == {LONG_TEXT: ["f#1"]}
    people = {n.props["name"] for n in fragment.nodes if n.label == schema.PERSON}
    assert {"Angela Merkel", "Barack Obama"} <= people
    assert [e.props["url"] for e in fragment.edges if e.type == schema.CITES] == ["http://example.org/end"]
