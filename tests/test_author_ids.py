"""An Author is one account exactly as its platform tells accounts apart: names are never slugged
into each other, case is folded only where the platform ignores it, and mentions of participants
reach the account they name."""

from __future__ import annotations

import json
import re

import pytest

from graphkit import schema
from graphkit.extract import Extractor
from graphkit.pipeline import extract_graph
from graphkit.sources import expand_inputs, read_posts


@pytest.mark.parametrize(
    ("platform", "first", "second"),
    [
        ("reddit", "brad_isherwood", "brad-isherwood"),
        ("tabular", "brad.isherwood", "BRAD__ISHERWOOD!!"),
        ("tabular", "brad.isherwood", "Brad Isherwood"),
        ("hackernews", "Alice", "alice"),  # Hacker News user names are case-sensitive
        ("disqus", "Jürgen", "Jurgen"),
    ],
)
def test_names_the_platform_tells_apart_are_two_authors(platform, first, second):
    assert schema.author_id(platform, first) != schema.author_id(platform, second)


def test_reddit_names_differing_in_case_are_one_account():
    assert schema.author_id("reddit", "Brad_Isherwood") == schema.author_id("reddit", "brad_isherwood")


@pytest.mark.parametrize(
    "name", ["Brad Isherwood", "a:b", "x'); DROP", "<b>bold</b>", "Jürgen", "line\nbreak", "%41", "#" * 300]
)
def test_ids_are_deterministic_printable_ascii_and_keep_the_platform_apart(name):
    ids = {platform: schema.author_id(platform, name) for platform in ("web", "web:x", "tabular")}
    assert len(set(ids.values())) == 3
    for platform, author in ids.items():
        assert author == schema.author_id(platform, name)
        assert re.fullmatch(r"author:[A-Za-z0-9_.~%-]+:[A-Za-z0-9_.~%#-]+", author) and len(author) < 140
        assert schema.label_of(author) == schema.AUTHOR


def _graph(tmp_path, name: str, rows: list[dict]):
    path = tmp_path / name
    path.write_text("".join(json.dumps(r) + "\n" for r in rows), encoding="utf-8")
    posts = read_posts(expand_inputs([str(path)]))
    return extract_graph(posts, Extractor(entities=False))


def test_jsonl_authors_keep_their_own_names(tmp_path):
    names = ["Brad Isherwood", "brad.isherwood", "BRAD__ISHERWOOD!!"]
    rows = [{"id": "t", "thread": "t", "author": "olga", "title": "T", "text": "Opener."}]
    rows += [{"id": f"c{n}", "thread": "t", "author": name, "text": f"Comment {n}."} for n, name in enumerate(names)]
    graph = _graph(tmp_path, "rows.jsonl", rows)
    authors = {a["name"] for _, a in graph.nodes(data=True) if a.get("label") == schema.AUTHOR}
    assert authors == {"olga", *names}


def test_reddit_mentions_reach_the_account_they_name(tmp_path):
    def comment(cid: str, author: str, body: str) -> dict:
        return {"id": cid, "parent_id": "t3_s", "link_id": "t3_s", "author": author, "body": body}

    rows = [{"id": "s", "title": "T", "selftext": "", "author": "olga"}]
    rows += [comment("c1", "brad_isherwood", "Underscore here."), comment("c2", "brad-isherwood", "Hyphen here.")]
    rows += [comment("c3", "Brad_Isherwood", "Same account as c1, other case.")]
    rows += [comment("c4", "olga", "I agree with brad-isherwood on this.")]
    for n, row in enumerate(rows):
        row |= {"subreddit": "test", "created_utc": 1_478_608_496 + n}
    graph = _graph(tmp_path, "dump.ndjson", rows)
    authors = {n: a["name"] for n, a in graph.nodes(data=True) if a.get("label") == schema.AUTHOR}
    underscore, hyphen = schema.author_id("reddit", "brad_isherwood"), schema.author_id("reddit", "brad-isherwood")
    olga = schema.author_id("reddit", "olga")
    assert authors == {olga: "olga", underscore: "brad_isherwood", hyphen: "brad-isherwood"}
    wrote = sorted(graph.nodes[post]["source_id"] for _, post in graph.out_edges(underscore))
    assert wrote == ["c1", "c3"]
    mentioned = [(graph.nodes[p]["source_id"], a) for p, a, t in graph.edges(data="type") if t == schema.MENTIONS]
    assert mentioned == [("c4", hyphen)]
