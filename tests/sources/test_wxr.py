"""WordPress exports (WXR), and the same shape a migration tool writes for Disqus's importer: real files loaded
into the embedded store and checked against what ``xml.etree`` reads of them here, and a small export written in
the test for what the real ones do not hold (spam, trash, a parent not in the file, an IP address)."""

from __future__ import annotations

import re
import tracemalloc
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from click.testing import CliRunner

from graphkit.cli import main
from graphkit.errors import InputError
from graphkit.sources import detect, expand_inputs
from tests.cli_runs import run, store_rows
from tests.test_real_exports import wxr_tree

REAL = Path(__file__).parent.parent / "data" / "real" / "wxr"
REAL_FILES = sorted(REAL.glob("*.xml"))
LINKBACKS = ("pingback", "trackback")


def _text(elem: ET.Element, tag: str) -> str:
    return (elem.findtext(tag) or "").strip()


def _iso(gmt: str) -> str:
    """ "2013-03-14 15:01:21" (GMT) as the store keeps a time."""
    return "" if not gmt or gmt.startswith("0000") else gmt.replace(" ", "T") + "Z"


def _threads(path: Path) -> dict[str, dict[str, tuple[str, str, str, str]]]:
    """Each item holding a comment people wrote, by its key: its comments by id, each as (parent id, writer name,
    guest or account, time); the parent of a top-level comment is the item's key."""
    (root, wp), dsq = wxr_tree(path), "{http://www.disqus.com/}thread_identifier"
    threads = {}
    for item in root.iter("item"):
        comments = [
            c
            for c in item.findall(f"{wp}comment")
            if _text(c, f"{wp}comment_type") not in LINKBACKS
            and _text(c, f"{wp}comment_approved") not in ("spam", "trash", "post-trashed")
        ]
        if not comments:
            continue
        key = _text(item, f"{wp}post_id") or _text(item, dsq)
        threads[key] = {}
        for c in comments:
            parent = _text(c, f"{wp}comment_parent")
            kind = "account" if _text(c, f"{wp}comment_user_id") not in ("", "0") else "guest"
            threads[key][_text(c, f"{wp}comment_id")] = (
                key if parent == "0" else parent,
                _text(c, f"{wp}comment_author"),
                kind,
                _iso(_text(c, f"{wp}comment_date_gmt")),
            )
    return threads


def _load(store: str, *paths: Path | str) -> str:
    return run("load", *map(str, paths), "--store", store, "--no-entities", "--workers", "1")


@pytest.mark.parametrize("path", REAL_FILES, ids=lambda p: p.name)
def test_a_real_export_is_its_items_and_their_comments(path, tmp_path):
    threads = _threads(path)
    store = str(tmp_path / "store.lbug")
    out = _load(store, path)
    articles = store_rows(store, "MATCH (a:Article) RETURN a.source_id AS key, a.id AS id")
    assert sorted(a["key"] for a in articles) == sorted(threads)
    thread_of = {a["id"]: a["key"] for a in articles}
    rows = store_rows(
        store,
        "MATCH (c:Comment)-[r:REPLY_TO]->(p) OPTIONAL MATCH (w:Author)-[:WROTE]->(c) RETURN c.source_id AS id, "
        "c.thread AS thread, p.source_id AS parent, r.inferred AS inferred, w.id AS writer, w.guest AS guest, "
        "c.created AS created",
    )
    got: dict[str, dict[str, tuple[str, str | None, str]]] = {}
    for r in rows:
        kind = None if r["writer"] is None else "guest" if r["guest"] else "account"
        got.setdefault(thread_of[r["thread"]], {})[r["id"]] = (r["parent"], kind, r["created"])
        assert not r["inferred"]
    # a comment whose writer typed no name has no writer
    want = {k: {c: (p, kind if name else None, t) for c, (p, name, kind, t) in cs.items()} for k, cs in threads.items()}
    assert got == want
    linkbacks = len(re.findall(r"<wp:comment_type>(?:pingback|trackback)<", path.read_text(encoding="utf-8")))
    assert (f"{linkbacks} pingbacks and trackbacks skipped" in out) == bool(linkbacks)
    assert linkbacks == {"theme-unit-test.xml": 4, "timothyfitz-wordpress-com.xml": 11}.get(path.name, 0)


def test_a_real_export_loaded_twice_changes_no_counts(tmp_path):
    store = str(tmp_path / "store.lbug")
    count = "MATCH (n) OPTIONAL MATCH (n)-[r]->() RETURN count(DISTINCT n) AS nodes, count(r) AS edges"
    _load(store, *REAL_FILES)
    once = store_rows(store, count)
    _load(store, *REAL_FILES)
    assert store_rows(store, count) == once


@pytest.mark.parametrize("path", REAL_FILES, ids=lambda p: p.name)
def test_a_real_export_is_detected(path):
    (inp,) = expand_inputs([str(path)])
    assert detect(inp).name == "wxr"


EXPORT = """<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/"
  xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:wp="http://wordpress.org/export/1.2/">
<channel><title>News</title><wp:wxr_version>1.2</wp:wxr_version>
<wp:author><wp:author_id>3</wp:author_id><wp:author_login><![CDATA[editor]]></wp:author_login>
  <wp:author_display_name><![CDATA[The Editor]]></wp:author_display_name></wp:author>
<item><title>Rates &amp; the bank</title><link>https://news.example.com/rates</link>
  <dc:creator><![CDATA[editor]]></dc:creator>
  <content:encoded><![CDATA[<p>The bank <a href="https://bank.example.org/r">raised</a> rates.</p>]]></content:encoded>
  <wp:post_id>7</wp:post_id><wp:post_date_gmt>2024-03-01 09:00:00</wp:post_date_gmt>
  <wp:comment><wp:comment_id>70</wp:comment_id><wp:comment_author><![CDATA[Ann]]></wp:comment_author>
    <wp:comment_author_email>ann@example.net</wp:comment_author_email><wp:comment_author_IP>203.0.113.77</wp:comment_author_IP>
    <wp:comment_date_gmt>2024-03-01 10:15:00</wp:comment_date_gmt>
    <wp:comment_content><![CDATA[Too high.<br />Far <b>too</b> high &amp; late.]]></wp:comment_content>
    <wp:comment_approved>1</wp:comment_approved><wp:comment_type></wp:comment_type>
    <wp:comment_parent>0</wp:comment_parent><wp:comment_user_id>0</wp:comment_user_id></wp:comment>
  <wp:comment><wp:comment_id>71</wp:comment_id><wp:comment_author><![CDATA[The Editor]]></wp:comment_author>
    <wp:comment_author_IP>203.0.113.78</wp:comment_author_IP>
    <wp:comment_date_gmt>2024-03-01 11:00:00</wp:comment_date_gmt>
    <wp:comment_content><![CDATA[They are not.]]></wp:comment_content><wp:comment_approved>1</wp:comment_approved>
    <wp:comment_parent>70</wp:comment_parent><wp:comment_user_id>3</wp:comment_user_id></wp:comment>
  <wp:comment><wp:comment_id>72</wp:comment_id><wp:comment_author>Ann</wp:comment_author>
    <wp:comment_author_email>ann@example.net</wp:comment_author_email>
    <wp:comment_date_gmt>2024-03-01 12:00:00</wp:comment_date_gmt>
    <wp:comment_content>They are.</wp:comment_content><wp:comment_approved>0</wp:comment_approved>
    <wp:comment_parent>71</wp:comment_parent><wp:comment_user_id>0</wp:comment_user_id></wp:comment>
  <wp:comment><wp:comment_id>73</wp:comment_id><wp:comment_author>Ann</wp:comment_author>
    <wp:comment_author_email>ann.b@example.net</wp:comment_author_email>
    <wp:comment_date_gmt>2024-03-01 13:00:00</wp:comment_date_gmt>
    <wp:comment_content>Another Ann, on a deleted comment.</wp:comment_content>
    <wp:comment_approved>1</wp:comment_approved>
    <wp:comment_parent>69</wp:comment_parent></wp:comment>
  <wp:comment><wp:comment_id>74</wp:comment_id><wp:comment_author>Cheap pills</wp:comment_author>
    <wp:comment_content>buy</wp:comment_content><wp:comment_approved>spam</wp:comment_approved>
    <wp:comment_parent>0</wp:comment_parent></wp:comment>
  <wp:comment><wp:comment_id>75</wp:comment_id><wp:comment_author>Bo</wp:comment_author>
    <wp:comment_content>removed</wp:comment_content><wp:comment_approved>trash</wp:comment_approved>
    <wp:comment_parent>0</wp:comment_parent></wp:comment>
  <wp:comment><wp:comment_id>76</wp:comment_id><wp:comment_author>Other blog</wp:comment_author>
    <wp:comment_author_url>https://other.example.com/p</wp:comment_author_url>
    <wp:comment_content>[...] as the bank said [...]</wp:comment_content><wp:comment_approved>1</wp:comment_approved>
    <wp:comment_type>pingback</wp:comment_type><wp:comment_parent>0</wp:comment_parent></wp:comment>
</item>
<item><title>No comments</title><wp:post_id>8</wp:post_id></item>
</channel></rss>
"""


def test_an_export_s_comments_writers_and_what_is_left_out(tmp_path):
    path = tmp_path / "site.xml"
    path.write_text(EXPORT, encoding="utf-8")
    store = str(tmp_path / "store.lbug")
    out = _load(store, path)
    where = str(path)
    assert f"1 spam posts skipped ({where}#74)" in out and f"1 trashed comments skipped ({where}#75)" in out
    assert f"1 pingbacks and trackbacks skipped ({where}#76)" in out
    assert f"1 parents not in input ({where}#73)" in out
    (article,) = store_rows(
        store, "MATCH (a:Article) RETURN a.source_id AS id, a.title AS title, a.text AS text, a.url AS url"
    )
    assert article == {
        "id": "7",
        "title": "Rates & the bank",
        "text": "The bank raised (https://bank.example.org/r) rates.",
        "url": "https://news.example.com/rates",
    }
    rows = store_rows(
        store,
        "MATCH (w:Author)-[:WROTE]->(c:Comment) OPTIONAL MATCH (c)-[r:REPLY_TO]->(p) RETURN c.source_id AS id, "
        "c.text AS text, c.created AS created, w.id AS writer, w.name AS name, w.guest AS guest, "
        "p.source_id AS parent, r.inferred AS inferred ORDER BY id",
        "--show-emails",
    )
    by = {r["id"]: r for r in rows}
    assert sorted(by) == ["70", "71", "72", "73"]
    assert by["70"]["text"] == "Too high.\nFar too high & late." and by["70"]["created"] == "2024-03-01T10:15:00Z"
    stated = [(by[k]["parent"], by[k]["inferred"]) for k in ("70", "71", "72")]
    assert stated == [("7", False), ("70", False), ("71", False)]
    # its parent, 69, is not in the file: its stub, without text or writer, answered as stated
    assert (by["73"]["parent"], by["73"]["inferred"]) == ("69", False)
    stubs = store_rows(
        store,
        "MATCH (c:Comment) WHERE c.stub OPTIONAL MATCH (w)-[:WROTE]->(c) "
        "RETURN c.source_id AS id, c.text AS text, w.id AS w",
    )
    assert stubs == [{"id": "69", "text": "", "w": None}]
    # one guest by name and address, another by the same name and another address; the account apart from both
    assert by["70"]["writer"] == by["72"]["writer"] != by["73"]["writer"]
    writers = [(by[k]["name"], by[k]["guest"]) for k in ("70", "71", "73")]
    assert writers == [("Ann", True), ("The Editor", False), ("Ann", True)]
    # the account of the comment's user id is the article's writer, by the login the channel gives that id
    (writer,) = store_rows(store, "MATCH (w:Author)-[:WROTE]->(:Article) RETURN w.id AS id, w.handle AS handle")
    assert writer == {"id": by["71"]["writer"], "handle": "editor"}
    # the address is kept as the other readers keep it, hidden unless asked for; no IP address anywhere
    everything = "MATCH (n) RETURN n"
    shown = run("query", everything, "--format", "json", "--store", store, "--show-emails")
    assert "ann@example.net" in shown and "ann@example.net" not in run("query", everything, "--store", store)
    kept = [store] if Path(store).is_file() else sorted(p for p in Path(store).rglob("*") if p.is_file())
    assert "203.0.113" not in shown and not any(b"203.0.113" in Path(f).read_bytes() for f in kept)


def test_an_rss_feed_without_the_wordpress_namespace_is_not_taken(tmp_path):
    path = tmp_path / "feed.xml"
    path.write_text(
        '<?xml version="1.0"?><rss version="2.0"><channel><title>Feed</title>'
        "<item><title>A</title><link>https://e.com/a</link><description>x</description></item></channel></rss>",
        encoding="utf-8",
    )
    (inp,) = expand_inputs([str(path)])
    with pytest.raises(InputError, match="unknown input format"):
        detect(inp)


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (EXPORT[: len(EXPORT) // 2], r"not valid XML \(.*line \d+"),
        ('<feed xmlns:wp="http://wordpress.org/export/1.2/"><entry/></feed>', "not a WordPress export"),
        (EXPORT.split("<item>")[0] + "</channel></rss>", "no comments"),
    ],
)
def test_bad_input_is_one_line_and_loads_nothing(tmp_path, content, message):
    path = tmp_path / "bad.xml"
    path.write_text(content, encoding="utf-8")
    store = tmp_path / "store.lbug"
    result = CliRunner().invoke(main, ["load", str(path), "--format", "wxr", "--store", str(store), "--no-entities"])
    assert result.exit_code != 0 and "Traceback" not in result.output
    (line,) = result.output.strip().splitlines()
    assert re.search(rf"bad\.xml: {message}", line), line
    assert not store.exists() or not store_rows(str(store), "MATCH (c:Comment) RETURN c.id")


def test_a_large_export_is_read_in_bounded_memory(tmp_path):
    """Each item is dropped once read: reading 3,000 items of 4 KB keeps far less than the file in memory."""
    path = tmp_path / "large.xml"
    text = "x" * 2000
    item = (
        "<item><title>T{n}</title><wp:post_id>{n}</wp:post_id><content:encoded><![CDATA[<p>{text}</p>]]>"
        "</content:encoded><wp:comment><wp:comment_id>{n}</wp:comment_id><wp:comment_author>A</wp:comment_author>"
        "<wp:comment_content><![CDATA[{text}]]></wp:comment_content><wp:comment_parent>0</wp:comment_parent>"
        "</wp:comment></item>\n"
    )
    with path.open("w", encoding="utf-8") as out:
        out.write(EXPORT.split("<channel>")[0] + "<channel>\n")
        out.writelines(item.format(n=n, text=text) for n in range(3000))
        out.write("</channel></rss>\n")
    (inp,) = expand_inputs([str(path)])
    tracemalloc.start()
    try:
        posts = sum(1 for _ in detect(inp).read(inp))
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert posts == 6000
    assert peak < path.stat().st_size / 4


def test_a_comment_answering_itself_or_a_loop_answers_the_article_and_a_trashed_post_s_comments_are_skipped(tmp_path):
    """Comment 80 names itself as parent, 81 and 82 each other, 83 answers 81: before, 80 was stored answering
    itself and 81, 82 as a cycle. Now each comment on a loop answers the article, and 83 still answers 81. A comment
    WordPress marks "post-trashed" (its post trashed) is skipped like trash; before, it was kept. Two guests who left
    no address are one writer by their name."""

    def comment(key: int, parent: int, approved: str = "1") -> str:
        return (
            f"<wp:comment><wp:comment_id>{key}</wp:comment_id><wp:comment_author>Bo</wp:comment_author>"
            f"<wp:comment_content>c{key}</wp:comment_content><wp:comment_approved>{approved}</wp:comment_approved>"
            f"<wp:comment_parent>{parent}</wp:comment_parent></wp:comment>"
        )

    comments = [(80, 80), (81, 82), (82, 81), (83, 81), (84, 0, "post-trashed")]
    path = tmp_path / "loops.xml"
    path.write_text(
        EXPORT.split("<item>")[0]
        + "<item><title>Loops</title><wp:post_id>9</wp:post_id>"
        + "".join(comment(*c) for c in comments)
        + "</item></channel></rss>",
        encoding="utf-8",
    )
    store = str(tmp_path / "store.lbug")
    out = _load(store, path)
    assert f"1 trashed comments skipped ({path}#84)" in out
    rows = store_rows(
        store,
        "MATCH (w:Author)-[:WROTE]->(c:Comment)-[r:REPLY_TO]->(p) RETURN c.source_id AS id, p.source_id AS parent, "
        "r.inferred AS inferred, w.id AS writer ORDER BY id",
    )
    assert [(r["id"], r["parent"], r["inferred"]) for r in rows] == [
        ("80", "9", False),
        ("81", "9", False),
        ("82", "9", False),
        ("83", "81", False),
    ]
    assert len({r["writer"] for r in rows}) == 1


def test_an_export_whose_prolog_names_its_root_declares_the_prefix_on_the_root(tmp_path):
    """WordPress.com's exports write <atom:link> undeclared, which the reader declares on the root's start tag; a
    comment before the root that names "<rss" took the declaration in its place, and the export was refused."""
    real = REAL / "charleso-wordpress-com.xml"
    text = real.read_text(encoding="utf-8")
    assert "xmlns:atom" not in text and "<atom:link" in text
    path = tmp_path / "export.xml"
    path.write_text(text.replace("?>\n", "?>\n<!-- the <rss> file of the blog, as exported -->\n", 1), "utf-8")
    store = str(tmp_path / "store.lbug")
    _load(store, path)
    comments = store_rows(store, "MATCH (c:Comment) RETURN count(c) AS n")
    assert comments == [{"n": sum(len(c) for c in _threads(real).values())}]
