"""Hacker News: the search API's item tree and the official items of the same thread."""

import json
from datetime import UTC, datetime
from pathlib import Path

import pytest

from graphkit import schema
from graphkit.errors import InputError
from graphkit.sources import (
    DUPLICATE,
    MALFORMED,
    MISSING_PARENT,
    MISSING_ROOT,
    Report,
    detect,
    expand_inputs,
    read_posts,
)
from tests.cli_runs import assert_stated_parents, run

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
    # item 2, in no input, is the stub the comment answers, a comment of the story's thread (before, the comment
    # answered the story, inferred)
    assert [(p.is_article, p.source_id, p.meta) for p in posts] == [
        (True, "1", {}),
        (False, "2", {"stub": True}),
        (False, "3", {}),
    ]
    stub, orphan = posts[1:]
    assert (orphan.parent, orphan.thread, stub.thread, stub.text) == (stub.id, posts[0].id, posts[0].id, "")
    assert stub.id == schema.post_id("hackernews", posts[0].id, "2") and stub.url.endswith("item?id=2")
    assert report.counts == {MISSING_PARENT: 1}


@pytest.mark.parametrize("content", ['{"id": 1, "time": 5, "type": "story", "kids": [', '[{"name": "not an item"}]'])
def test_not_hacker_news_is_one_input_error(tmp_path, read, content):
    path = tmp_path / "bad.json"
    path.write_text(content, encoding="utf-8")
    with pytest.raises(InputError, match=r"bad\.json: not (valid JSON|Hacker News items)"):
        read(path, "hackernews")


HNPWA = {
    "id": 10257305,
    "title": "Introducing Brotli",
    "points": 83,
    "user": "rey12rey",
    "time": 1442909660,
    "time_ago": "3 hours ago",
    "type": "link",
    "url": "http://google-opensource.blogspot.com/2015/09/introducing-brotli.html",
    "comments_count": 4,
    "comments": [
        {
            "id": 10257591,
            "level": 0,
            "user": "simonlindholm",
            "time": 1442915222,
            "content": "<p>In Firefox: "
            '<a href="https:&#x2F;&#x2F;bugzilla.mozilla.org&#x2F;x">https:&#x2F;&#x2F;bugzilla.mozilla.org&#x2F;x</a>',
            "comments": [
                {
                    "id": 10257708,
                    "level": 1,
                    "user": "gjm11",
                    "time": 1442917691,
                    "content": "<p>Note &quot;LZMA&quot; first",
                    "comments": [],
                }
            ],
        },
        {"id": 10257578, "level": 0, "time": 1442914953, "content": "[deleted]", "deleted": True, "comments": []},
        {"id": 10257580, "level": 0, "user": "kccqzy", "time": 1442915096, "content": "<p>Nice.", "comments": []},
    ],
}


def test_client_shape_nests_replies_under_comments(tmp_path, read, shape):
    path = tmp_path / "item.json"
    path.write_text(json.dumps(HNPWA), encoding="utf-8")
    posts, report = read(path)
    assert shape(posts) == {
        "10257305": (None, True),
        "10257591": ("10257305", False),
        "10257708": ("10257591", False),
        "10257578": ("10257305", False),
        "10257580": ("10257305", False),
    }
    by = {p.source_id: p for p in posts}
    assert [p.author for p in posts] == ["rey12rey", "simonlindholm", "gjm11", None, "kccqzy"]
    assert by["10257591"].text == "In Firefox: https://bugzilla.mozilla.org/x"
    assert by["10257708"].text == 'Note "LZMA" first'
    assert by["10257578"].deleted and by["10257578"].text == ""
    assert by["10257305"].text == HNPWA["url"] and not report.counts


@pytest.mark.parametrize("wrap", [{"saved": {"story": HNPWA}}, {"id": 1, "time": 1, "type": "x", "thread": [HNPWA]}])
def test_items_under_unknown_keys_are_refused_with_where_they_sit(tmp_path, read, wrap):
    path = tmp_path / "wrapped.json"
    path.write_text(json.dumps(wrap), encoding="utf-8")
    with pytest.raises(
        InputError,
        match=r"wrapped\.json:1: [01] records read, but 5 more sit where this reader does not look "
        r"\(5 under '(saved|thread)'\); it reads items",
    ):
        read(path, "hackernews")


def test_client_shape_links_are_cited(tmp_path):
    from click.testing import CliRunner

    from graphkit.cli import main

    path, out = tmp_path / "item.json", tmp_path / "graph.json"
    path.write_text(json.dumps(HNPWA), encoding="utf-8")
    result = CliRunner().invoke(main, ["extract", str(path), "-o", str(out), "--no-entities"], catch_exceptions=False)
    assert result.exit_code == 0, result.output
    graph = json.loads(out.read_text(encoding="utf-8"))
    sources = {n["id"]: n["url"] for n in graph["nodes"] if n["label"] == schema.SOURCE}
    cited = {sources[e["target"]] for e in graph["edges"] if e["type"] == schema.CITES}
    assert "https://bugzilla.mozilla.org/x" in cited
    assert len([n for n in graph["nodes"] if n["label"] == schema.COMMENT]) == 4


def test_a_polls_options_are_not_comments(tmp_path, read, data):
    tree = json.loads((data / "hn-item.json").read_text(encoding="utf-8"))
    plain, _ = read("hn-item.json")
    option = {"id": 13000099, "created_at_i": 1478608500, "type": "pollopt", "author": "pg_fan", "text": "Yes"}
    tree["options"] = [{**option, "parent_id": tree["id"], "story_id": tree["id"], "options": [], "children": []}]
    path = tmp_path / "poll.json"
    path.write_text(json.dumps(tree), encoding="utf-8")
    posts, _ = read(path)
    assert [p.source_id for p in posts] == [p.source_id for p in plain]


TRIAL = Path(__file__).parents[1] / "data" / "trial"


def _thread(hits: list[dict]) -> tuple[dict, dict, dict]:
    """From the search hits themselves: each comment's story, its parent as the tree states it (the story's root for
    a top-level comment, else the comment it names, among the hits or not), each story's title, and the comments
    named as parents that are not among the hits (each a stub)."""
    ids = {h["objectID"] for h in hits}
    story = {h["objectID"]: schema.article_id("hackernews", str(h["story_id"])) for h in hits}
    parent = {}
    for h in hits:
        key, above = h["objectID"], str(h["parent_id"])
        top = h["parent_id"] == h["story_id"]
        parent[key] = story[key] if top else schema.post_id("hackernews", story[key], above)
    titles = {schema.article_id("hackernews", str(h["story_id"])): h["story_title"] for h in hits}
    absent = {str(h["parent_id"]) for h in hits if h["parent_id"] != h["story_id"]} - ids
    return story, parent, titles, absent


@pytest.mark.parametrize("fmt", [None, "hackernews"])
def test_search_responses_hits_are_read_as_hacker_news_comments(read, fmt):
    """angular-news keeps a page of the search API's /search response, {"hits": [...]}: its comments (objectID,
    comment_text, story_id, parent_id, created_at_i) are read by the Hacker News reader, sniffed or named, each in its
    story's thread with its parent stated (before: "not Hacker News items", readable only as rows with a --map)."""
    path = TRIAL / "hn-algolia-comments-page.json"
    hits = json.loads(path.read_text(encoding="utf-8"))["hits"]
    assert [detect(inp).name for inp in expand_inputs([str(path)])] == ["hackernews"]
    posts, report = read(path, fmt)
    story, parent, titles, absent = _thread(hits)
    assert absent  # replies found by a search without the comments they answer
    comments = {p.source_id: p for p in posts if not p.is_article and not p.meta.get("stub")}
    assert {k: (p.thread, p.parent) for k, p in comments.items()} == {k: (story[k], parent[k]) for k in story}
    stubs = {p.id: (p.source_id, p.text) for p in posts if p.meta.get("stub") and not p.is_article}
    assert sorted(stubs.values()) == sorted((k, "") for k in absent) and set(stubs) <= set(parent.values())
    assert {k: (p.author, p.created) for k, p in comments.items()} == {
        h["objectID"]: (h["author"], datetime.fromtimestamp(h["created_at_i"], UTC).strftime("%Y-%m-%dT%H:%M:%SZ"))
        for h in hits
    }
    assert {p.id: p.title for p in posts if p.is_article} == titles
    assert "they're referring" in comments["34451359"].text and "&#x27;" not in comments["34451359"].text
    assert report.counts == {
        MISSING_ROOT: len(titles),
        MISSING_PARENT: sum(p in stubs for p in parent.values()),
    }


@pytest.mark.parametrize("name", ["hn-algolia-comments-page.json", "hn-algolia-comment-hits.json"])
def test_search_hits_answer_the_comment_they_name_in_the_store_though_the_search_lacks_it(tmp_path, name):
    """Two saved comment searches: a hit's ``parent_id`` names its story or a comment the search did not return.
    Before, such a hit answered its story, inferred at 0.5; now the comment's stub, exactly. Ground truth from the
    hits themselves: every hit answers its ``parent_id`` (the story's id where it names the story), and each comment
    named but not returned is a stub without text."""
    path = TRIAL / name
    value = json.loads(path.read_text(encoding="utf-8"))
    hits = value["hits"] if isinstance(value, dict) else value
    parents = {h["objectID"]: str(h["parent_id"]) for h in hits}
    absent = {str(h["parent_id"]) for h in hits if h["parent_id"] != h["story_id"]} - set(parents)
    assert absent
    store = str(tmp_path / "s.lbug")
    run("load", str(path), "--store", store, "--no-entities", "--workers", "1")
    assert_stated_parents(store, parents, absent)


def test_a_list_of_search_hits_is_read_and_its_repeats_dropped(read):
    """exam1's list of comment hits (the search response's hits alone) repeats hits: each is read once, its
    repeats reported as duplicates."""
    path = TRIAL / "hn-algolia-comment-hits.json"
    hits = json.loads(path.read_text(encoding="utf-8"))
    unique = {h["objectID"] for h in hits}
    assert len(unique) < len(hits)
    posts, report = read(path)
    assert sorted(p.source_id for p in posts if not (p.is_article or p.meta.get("stub"))) == sorted(unique)
    assert report.counts[DUPLICATE] == len(hits) - len(unique)
    # each repeat by its own id, written apart from a row's number ("#1"): before, "hits.json#30202026"
    repeats = [h["objectID"] for n, h in enumerate(hits) if h["objectID"] in {g["objectID"] for g in hits[:n]}]
    assert report.locations[DUPLICATE] == [f"{path} id {key}" for key in repeats]


def test_a_search_hit_repeated_lacks_its_parent_once(tmp_path):
    """exam1's comment hits, repeated in the file and saved again in a second file: each hit whose parent is neither
    a hit nor its story lacks it once, whatever its copies (before, a parent not in the input was counted per copy:
    4 for the file's 2, 8 for both files'); its copies are the duplicates."""
    path = TRIAL / "hn-algolia-comment-hits.json"
    hits = json.loads(path.read_text(encoding="utf-8"))
    ids = {h["objectID"] for h in hits}
    lacking = {h["objectID"] for h in hits if str(h["parent_id"]) not in ids and h["parent_id"] != h["story_id"]}
    assert lacking and len(hits) > len(ids)
    copy = tmp_path / "again.json"
    copy.write_bytes(path.read_bytes())
    for paths in ([path], [path, copy]):
        report = Report()
        posts = list(read_posts(expand_inputs([str(p) for p in paths]), report=report))
        stubs = {p.id for p in posts if p.meta.get("stub") and not p.is_article}
        assert {p.source_id for p in posts if p.parent in stubs} == lacking
        assert report.counts[MISSING_PARENT] == len(lacking)
        assert sorted(report.locations[MISSING_PARENT]) == sorted(f"{path}#{key}" for key in lacking)
        assert report.counts[DUPLICATE] == len(paths) * len(hits) - len(ids)
