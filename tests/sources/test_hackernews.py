"""Hacker News: the search API's item tree and the official items of the same thread."""

import json

import pytest

from graphkit import schema
from graphkit.errors import InputError
from graphkit.sources import MALFORMED, MISSING_PARENT, MISSING_ROOT, detect, expand_inputs

THREAD = schema.article_id("hackernews", "13000000")

TREE = {
    "13000000": (None, True),
    "13000001": ("13000000", False),
    "13000002": ("13000001", False),
    "13000003": ("13000002", False),
    "13000004": ("13000003", False),
    "13000005": ("13000004", False),
    "13000006": ("13000000", False),
}


def test_search_api_tree(read, shape):
    posts, report = read("hn-item.json")
    assert len(posts) == 7 and shape(posts) == TREE
    assert all(p.thread == THREAD and p.platform == "hackernews" for p in posts)
    by = {p.source_id: p for p in posts}
    story = by["13000000"]
    assert story.title == "Show HN: Ünïcode-safe diffing" and story.text == "https://example.com/diff"
    assert story.url == "https://news.ycombinator.com/item?id=13000000"
    assert [by[k].author for k in TREE] == ["pg_fan", "alice", None, "bob", "alice", "carol", "dave"]
    assert [by[k].created[11:] for k in TREE] == [
        "12:34:56Z",
        "12:36:40Z",
        "12:38:20Z",
        "12:40:00Z",
        "12:41:40Z",
        "12:43:20Z",
        "12:45:00Z",
    ]
    assert by["13000001"].text == "I'd use this.\n\nCode: https://github.com/example/diff"
    assert by["13000003"].text == "> Ünïcode\n\nWorks with “smart quotes” too & naïve café."
    assert by["13000004"].text == (
        "Try the docs (https://example.org/docs/very/long/path), or https://example.org/faq/a-very-long-page-name-indeed"
    )
    assert by["13000002"].deleted and by["13000002"].text == "" and not by["13000003"].deleted
    assert not report.counts


def test_official_items_any_order_dead_and_broken_chain(read):
    posts, report = read("hn-items.ndjson")
    by = {p.source_id: p for p in posts}
    assert len(posts) == 11
    assert by["13000003"].parent == by["13000002"].id and by["13000002"].deleted
    assert by["13000007"].meta == {"dead": True} and by["13000007"].parent == THREAD
    # 13100001 is not in the file: it stands in as the root of the two comments under it
    stub = by["13100001"]
    assert stub.is_article and stub.meta == {"stub": True}
    assert by["13100002"].parent == stub.id == by["13100003"].thread
    assert by["13100003"].parent == by["13100002"].id
    assert report.counts == {MISSING_ROOT: 1, MALFORMED: 1}
    assert report.locations[MALFORMED][0].endswith("hn-items.ndjson:10")


def test_search_and_official_forms_give_the_same_tree_and_ids(read, shape):
    tree, _ = read("hn-item.json")
    items, _ = read("hn-items.ndjson")
    assert {k: v for k, v in shape(items).items() if k in TREE} == shape(tree)
    assert {(p.id, p.parent, p.author, p.text, p.created) for p in tree} <= {
        (p.id, p.parent, p.author, p.text, p.created) for p in items
    }


def test_zstd_reads_like_plain(read, data):
    plain, _ = read("hn-items.ndjson")
    packed, _ = read("hn-items.ndjson.zst")
    assert [(p.id, p.parent, p.text) for p in packed] == [(p.id, p.parent, p.text) for p in plain]
    (inp,) = expand_inputs([str(data / "hn-items.ndjson.zst")])
    assert detect(inp).name == "hackernews"


def test_json_array_of_items_and_missing_parent_under_known_story(tmp_path, read):
    items = [
        {"by": "pg_fan", "id": 1, "time": 1478608496, "title": "T", "type": "story"},
        {"id": 3, "by": "x", "parent": 2, "story_id": 1, "time": 1478608500, "text": "orphan", "type": "comment"},
    ]
    path = tmp_path / "items.json"
    path.write_text(json.dumps(items, indent=1), encoding="utf-8")
    posts, report = read(path)
    assert [p.is_article for p in posts] == [True, False]
    assert posts[1].parent is None and posts[1].parent_missing and posts[1].thread == posts[0].id
    assert report.counts == {MISSING_PARENT: 1}


@pytest.mark.parametrize("content", ['{"id": 1, "time": 5, "type": "story", "kids": [', '[{"name": "not an item"}]'])
def test_not_hacker_news_is_one_input_error(tmp_path, read, content):
    path = tmp_path / "bad.json"
    path.write_text(content, encoding="utf-8")
    with pytest.raises(InputError, match=r"bad\.json: not (valid JSON|Hacker News items)"):
        read(path, "hackernews")
