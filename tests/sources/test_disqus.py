"""Disqus: the XML export of a news site."""

import json

import pytest

from graphkit import schema
from graphkit.errors import InputError
from graphkit.sources import MALFORMED, MISSING_PARENT, MISSING_ROOT, SPAM, detect, expand_inputs, read_posts

THREAD = schema.article_id("disqus", "5200000001")

TREE = {
    "5200000001": (None, True),
    "5200000002": (None, True),
    "600001": ("5200000001", False),
    "600003": ("600002", False),
    "600002": ("600001", False),
    "600004": ("600003", False),
    "600005": ("600004", False),
    "600006": ("5200000001", False),
    "600008": (None, False),
    "600009": (None, False),
    "5200000009": (None, True),
    "600010": ("5200000009", False),
}


def test_export_posts_parents_authors_and_report(read, shape, data):
    posts, report = read("disqus-export.xml")
    assert [p.source_id for p in posts] == list(TREE)
    assert shape(posts) == TREE
    by = {p.source_id: p for p in posts}
    article = by["5200000001"]
    assert article.id == THREAD and article.title == "Palmyra retaken & what Lavrov said"
    assert article.url == "https://news.example.com/2016/11/palmyra-retaken"
    assert article.created == "2016-11-08T12:34:56Z" and article.meta["identifier"] == "node/8812"
    # accounts show their display name and are told apart by their user name; a guest has only a name
    assert [by[k].author for k in ("600001", "600002", "600003", "600005")] == ["Alice W.", "Guest", "Bob", "Carol"]
    assert [by[k].author_key for k in ("600001", "600002", "600003", "600005")] == ["alice_w", "", "bob", "carol72"]
    assert [by[k].guest for k in ("600001", "600002", "600003", "600005")] == [False, True, False, False]
    assert by["600001"].meta["email"] == "alice@example.com"
    assert by["600003"].created == "2016-11-08T12:40:00Z"
    assert [by[k].position for k in ("600001", "600003", "600002", "600009")] == [1, 2, 3, 8]
    assert by["600001"].text == "Lavrov said it would hold > once.\n\nSee https://example.org/report?id=1"
    assert by["600002"].text == "I disagree.\nStrongly."
    assert by["600003"].text == "Zürich talks & naïve “hopes”"
    assert by["600004"].text == "Source: news.un.org/en/story/... (https://news.un.org/en/story/2016/11/545012)"
    assert by["600006"].deleted and by["600006"].text == "" and by["600006"].author == "Dave"
    assert by["600008"].parent_missing and by["600009"].parent_missing
    assert by["5200000009"].meta == {"stub": True} and by["600010"].thread == by["5200000009"].id
    assert all(p.thread == THREAD for p in posts if p.source_id.startswith("6000") and p.source_id != "600010")
    name = str(data / "disqus-export.xml")
    assert report.counts == {SPAM: 1, MISSING_PARENT: 2, MISSING_ROOT: 1, MALFORMED: 1}
    assert report.locations[SPAM] == [f"{name}#600007"] and report.locations[MALFORMED] == [f"{name}#600011"]


def test_export_is_detected(data):
    (inp,) = expand_inputs([str(data / "disqus-export.xml")])
    assert detect(inp).name == "disqus"


@pytest.mark.parametrize(
    ("content", "message"),
    [
        ('<disqus xmlns="http://disqus.com"><thread dsq:id="1">', "not valid XML"),
        ('<rss version="2.0"><channel><title>x</title></channel></rss>', "not a Disqus export"),
    ],
)
def test_malformed_or_other_xml_is_one_input_error_before_any_post(tmp_path, read, content, message):
    path = tmp_path / "bad.xml"
    path.write_text(content, encoding="utf-8")
    with pytest.raises(InputError, match=rf"bad\.xml: {message}"):
        read(path, "disqus")


def test_a_truncated_export_yields_nothing(tmp_path, data):
    text = (data / "disqus-export.xml").read_text(encoding="utf-8")
    path = tmp_path / "cut.xml"
    path.write_text(text[: len(text) // 2], encoding="utf-8")
    posts = read_posts(expand_inputs([str(path)]))
    with pytest.raises(InputError, match="not valid XML"):
        next(posts)


GUESTS = """<?xml version="1.0" encoding="utf-8"?>
<disqus xmlns="http://disqus.com" xmlns:dsq="http://disqus.com/disqus-internals">
  <thread dsq:id="1"><link>https://blog.example.com/a</link><title>A</title>
    <createdAt>2020-01-01T00:00:00Z</createdAt></thread>
  <post dsq:id="11"><message><![CDATA[<p>first</p>]]></message><createdAt>2020-01-01T01:00:00Z</createdAt>
    <author><name>Bob</name><isAnonymous>false</isAnonymous><username>Bob</username></author>
    <thread dsq:id="1"/></post>
  <post dsq:id="12"><message><![CDATA[<p>as a guest</p>]]></message><createdAt>2020-01-01T02:00:00Z</createdAt>
    <author><email>bob@example.net</email><name>Bob</name><isAnonymous>true</isAnonymous></author>
    <thread dsq:id="1"/><parent dsq:id="11"/></post>
  <post dsq:id="13"><message><![CDATA[<p>nameless</p>]]></message><createdAt>2020-01-01T03:00:00Z</createdAt>
    <author><isAnonymous>true</isAnonymous></author><thread dsq:id="1"/><parent dsq:id="12"/></post>
</disqus>
"""


@pytest.mark.parametrize("show", [False, True])
def test_a_guest_keeps_its_name_as_its_own_author_and_its_address_stays_hidden(tmp_path, show):
    from click.testing import CliRunner

    from graphkit.cli import main

    path = tmp_path / "guests.xml"
    path.write_text(GUESTS, encoding="utf-8")
    out = tmp_path / "graph.json"
    args = ["extract", str(path), "-o", str(out), "--no-entities", *(["--show-emails"] if show else [])]
    result = CliRunner().invoke(main, args, catch_exceptions=False)
    assert result.exit_code == 0, result.output
    text = out.read_text(encoding="utf-8")
    graph = json.loads(text)
    authors = {n["id"]: n for n in graph["nodes"] if n["label"] == schema.AUTHOR}
    assert sorted((a["name"], a["guest"]) for a in authors.values()) == [("Bob", False), ("Bob", True)]
    wrote = {e["target"]: e["source"] for e in graph["edges"] if e["type"] == schema.WROTE}
    assert len(wrote) == 2 and len(set(wrote.values())) == 2
    assert ("bob@example.net" in text) == show
