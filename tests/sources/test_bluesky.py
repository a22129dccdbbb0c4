"""Bluesky: getPostThread views (a thread in the real shape with a parent chain, nested replies, quote
posts and facets on text beyond ASCII, and a real view) read and loaded into the embedded store,
checked against what the files state."""

import json
from pathlib import Path
from typing import Any

from click.testing import CliRunner

from graphkit import schema
from graphkit.cli import main
from graphkit.sources import MALFORMED, MISSING_PARENT, MISSING_ROOT, detect, expand_inputs
from graphkit.sources.bluesky import BAD_FACETS, REPOSTS, UNSEEN
from tests import builders as build
from tests.cli_runs import run, store_rows

REAL = Path(__file__).parent.parent / "data" / "real" / "bluesky" / "jimmyfallon-thread.json"
QUOTING = REAL.parent / "heatmap-thread.json"
CHAIN = REAL.parent / "hellthread-parents.json"
THREAD = "bluesky-thread.json"
MENTION = "app.bsky.richtext.facet#mention"


def _nodes(view: dict[str, Any]) -> list[dict[str, Any]]:
    """Every entry of a thread view: the parent chain, then the thread and its replies."""
    found, node = [], view["thread"].get("parent")
    while node:
        found.append(node)
        node = node.get("parent")
    stack = [view["thread"]]
    while stack:
        node = stack.pop()
        found.append(node)
        stack.extend(node.get("replies") or [])
    return found


def _posts(view: dict[str, Any]) -> list[dict[str, Any]]:
    """Every post view of a thread view (entries not found or blocked have none)."""
    return [node["post"] for node in _nodes(view) if "post" in node]


def _mentions(record: dict[str, Any]) -> list[tuple[str, str]]:
    """(text shown, DID) of each mention facet, the shown text cut from the UTF-8 bytes it indexes."""
    raw = record["text"].encode("utf-8")
    return [
        (raw[f["index"]["byteStart"] : f["index"]["byteEnd"]].decode("utf-8"), feature["did"])
        for f in record.get("facets", [])
        for feature in f["features"]
        if feature["$type"] == MENTION
    ]


def test_thread_tree_authors_and_report(read, shape, data):
    posts, report = read(THREAD)
    view = json.loads((data / THREAD).read_text("utf-8"))
    stated = [p for p in _posts(view) if "text" in p["record"]]
    known = {p["uri"] for p in stated}
    expected = {}
    for p in stated:
        reply = p["record"].get("reply")
        parent = reply["parent"]["uri"] if reply else None
        expected[p["uri"]] = (parent, reply is None)
        if parent and parent not in known:  # a stub: no text, written by the account its uri names
            expected[parent] = (None, False)
    assert shape(posts) == expected
    by = {p.source_id: p for p in posts}
    for p in stated:
        assert (by[p["uri"]].author, by[p["uri"]].author_key) == (p["author"]["handle"], p["author"]["did"])
    stubs = [p for p in posts if p.meta.get("stub")]
    assert stubs and all(p.text == "" for p in stubs)
    assert all(p.author_key == p.source_id.removeprefix("at://").split("/")[0] for p in stubs)
    assert report.counts == {UNSEEN: 2, MISSING_PARENT: 1, MALFORMED: 1}


def test_mentions_sit_where_their_byte_offsets_say_and_links_keep_their_address(read, data):
    posts, _ = read(THREAD)
    view = json.loads((data / THREAD).read_text("utf-8"))
    by = {p.source_id: p for p in posts}
    checked = 0
    for p in _posts(view):
        if "text" not in p["record"]:
            continue
        post = by[p["uri"]]
        mentions = [s for s in post.stated if s.type == schema.MENTIONS]
        assert [(post.text[s.start : s.end], s.target) for s in mentions] == [
            (shown, schema.author_id("bluesky", did)) for shown, did in _mentions(p["record"])
        ]
        checked += len(mentions)
        for f in p["record"].get("facets", []):
            for feature in f["features"]:
                if feature["$type"].endswith("#link"):
                    assert feature["uri"] in post.text
    assert checked == 2
    mentioning = [p["record"]["text"] for p in _posts(view) if "text" in p["record"] and _mentions(p["record"])]
    assert not all(text.isascii() for text in mentioning)


def test_quote_posts_quote_the_post_or_its_writer(read, data):
    posts, _ = read(THREAD)
    by = {p.source_id.rpartition("/")[2]: p for p in posts}
    outside, inside = by["3lerin1"].stated, by["3lerin2"].stated
    assert [(s.type, s.target, s.name) for s in outside] == [
        (schema.QUOTES, schema.author_id("bluesky", "did:plc:xenoxenoxenoxen6"), "xeno.example")
    ]
    assert [(s.type, s.target) for s in inside] == [(schema.QUOTES, by["3lroot"].id)]


def test_a_thread_in_two_files_in_any_order_and_a_root_in_neither(data, tmp_path, read, shape):
    view = json.loads((data / THREAD).read_text("utf-8"))
    root = view["thread"].pop("parent")
    folder = tmp_path / "views"
    folder.mkdir()
    (folder / "a-replies.json").write_text(json.dumps(view), "utf-8")
    (folder / "b-root.json").write_text(json.dumps({"thread": root}), "utf-8")
    posts, report = read(folder)
    bob = next(p for p in posts if p.source_id.endswith("/3lbob"))
    assert shape(posts)[bob.source_id] == (root["post"]["uri"], False)
    assert MISSING_ROOT not in report.counts
    posts, report = read(folder / "a-replies.json")
    assert shape(posts)[bob.source_id] == (root["post"]["uri"], False)  # a stub stands in for the root
    assert report.counts[MISSING_ROOT] == 1


def test_a_facet_that_cuts_a_character_is_skipped_and_reported(data, tmp_path, read):
    view = json.loads((data / THREAD).read_text("utf-8"))
    carol = view["thread"]["replies"][0]["post"]["record"]
    carol["facets"][0]["index"]["byteStart"] = 1  # inside "Ç"
    path = tmp_path / "cut.json"
    path.write_text(json.dumps(view, ensure_ascii=False), "utf-8")
    posts, report = read(path)
    post = next(p for p in posts if p.source_id.endswith("/3lcarol"))
    assert post.text.startswith("Ça dépend") and not [s for s in post.stated if s.type == schema.MENTIONS]
    assert report.counts[BAD_FACETS] == 1


def test_real_view_mentions_are_given_in_the_store(tmp_path):
    store = str(tmp_path / "s.lbug")
    run("load", str(REAL), "--store", store, "--no-entities", "--workers", "1")
    view = json.loads(REAL.read_text("utf-8"))
    expected = sorted((p["uri"], shown) for p in _posts(view) for shown, _ in _mentions(p["record"]))
    assert len(expected) == 2
    rows = store_rows(
        store,
        "MATCH (p)-[r:MENTIONS]->(a:Author) WHERE NOT r.inferred RETURN p.source_id AS post, r.text AS text, "
        "a.id AS author",
    )
    assert sorted((r["post"], r["text"]) for r in rows) == expected
    writer = schema.author_id("bluesky", view["thread"]["post"]["author"]["did"])
    assert {r["author"] for r in rows} == {writer}  # the mentioned account is the one that wrote the thread


def test_a_second_real_view_keeps_its_link_quotes_the_writer_of_a_post_outside_and_counts_the_unseen(read):
    """Ground truth from the file: each link facet's full address is in its post's text; a post whose
    record embeds another (alone or with media) quotes it, or its writer (the DID of its uri) when it
    is not in the file; entries without a post are counted, not read."""
    posts, report = read(QUOTING)
    view = json.loads(QUOTING.read_text("utf-8"))
    by = {p.source_id: p for p in posts}
    assert sorted(by) == sorted(p["uri"] for p in _posts(view))
    links = [
        (p["uri"], feature["uri"])
        for p in _posts(view)
        for f in p["record"].get("facets", [])
        for feature in f["features"]
        if feature["$type"].endswith("#link")
    ]
    assert links and all(address in by[uri].text for uri, address in links)
    expected = {}
    for p in _posts(view):
        embed = p["record"].get("embed") or {}
        ref = embed.get("record", {})
        quoted = (ref.get("record") or ref).get("uri")
        if quoted:
            did = quoted.removeprefix("at://").split("/")[0]
            target = by[quoted].id if quoted in by else schema.author_id("bluesky", did)
            expected[p["uri"]] = [(schema.QUOTES, target)]
    assert expected
    got = {uri: [(s.type, s.target) for s in post.stated if s.type == schema.QUOTES] for uri, post in by.items()}
    assert {uri: q for uri, q in got.items() if q} == expected
    assert report.counts[UNSEEN] == sum("post" not in node for node in _nodes(view))


def test_a_real_parent_chain_is_read_from_its_top(read):
    """Every post of the chain above the viewed post answers the one its record names; the chain comes
    first, top down, as in the file."""
    posts, report = read(CHAIN)
    view = json.loads(CHAIN.read_text("utf-8"))
    chain, node = [], view["thread"].get("parent")
    while node:
        if "post" in node:
            chain.append(node["post"]["uri"])
        node = node.get("parent")
    assert len(chain) > 50
    kept = [p for p in posts if not p.meta.get("stub")]
    assert [p.source_id for p in kept[: len(chain)]] == chain[::-1]
    by = {p.source_id: p for p in kept}
    assert sorted(by) == sorted(p["uri"] for p in _posts(view))
    replies = [p["record"]["reply"] for p in _posts(view) if p["record"].get("reply")]
    roots = {r["root"]["uri"] for r in replies} - set(by)
    parents = {r["parent"]["uri"] for r in replies} - set(by) - roots
    stubs = {p.source_id: p for p in posts if p.meta.get("stub")}
    assert sorted(stubs) == sorted(roots | parents)
    assert sorted(s for s, p in stubs.items() if p.is_article) == sorted(roots)
    for p in _posts(view):
        reply = p["record"].get("reply")
        if reply:
            assert by[p["uri"]].parent == {**stubs, **by}[reply["parent"]["uri"]].id
    assert report.counts == {
        UNSEEN: sum("post" not in node for node in _nodes(view)),
        MISSING_ROOT: len(roots),
        MISSING_PARENT: sum(r["parent"]["uri"] not in by for r in replies),
    }


def test_a_file_that_is_not_bluesky_is_refused_with_one_line(data, tmp_path):
    result = CliRunner().invoke(
        main, ["load", str(data / "hn-item.json"), "--format", "bluesky", "--store", str(tmp_path / "s.lbug")]
    )
    assert result.exit_code == 1
    assert result.output.strip().count("\n") == 0 and "not a Bluesky" in result.output


SEARCH = Path(__file__).parent.parent / "data" / "trial" / "bluesky-search-posts.json"
FEED = SEARCH.parent / "bluesky-author-feed.json"


def _writer(uri: str) -> str:
    """The DID an at:// uri names: the account whose repository holds the post."""
    return uri.removeprefix("at://").split("/")[0]


def test_a_real_search_answer_is_read_each_answer_under_the_post_it_names_written_by_its_uris_account(tmp_path):
    """A searchPosts answer ({"posts": [...]}) as a client recorded it. Ground truth from the file: every post is
    read, written by its DID shown by its handle; a post whose record answers another is a comment of the thread
    its record's root names and answers exactly the parent its record names: a root not in the file is a stub
    Article, a parent below it not in the file a stub Comment, each without text and written by the account its
    uri names."""
    view = json.loads(SEARCH.read_text("utf-8"))
    posts = view["posts"]
    known = {p["uri"] for p in posts}
    answers = {p["uri"]: p["record"]["reply"] for p in posts if p["record"].get("reply")}
    roots = {r["root"]["uri"] for r in answers.values()} - known
    parents = {r["parent"]["uri"] for r in answers.values()} - known - roots
    assert len(posts) == 23 and len(answers) == 6 and roots and parents
    store = str(tmp_path / "s.lbug")
    out = run("load", str(SEARCH), "--store", store, "--no-entities", "--workers", "1")
    assert f"{len(roots)} thread roots not in input" in out and f"{len(parents)} parents not in input" in out
    wrote = store_rows(store, "MATCH (a:Author)-[:WROTE]->(p) RETURN p.source_id AS post, a.id AS who, a.name AS name")
    handles = {p["author"]["did"]: p["author"]["handle"] for p in posts}
    expected = {p["uri"]: (p["author"]["did"], p["author"]["handle"]) for p in posts}
    expected |= {uri: (_writer(uri), handles.get(_writer(uri), _writer(uri))) for uri in roots | parents}
    assert {r["post"]: (r["who"], r["name"]) for r in wrote} == {
        uri: (schema.author_id("bluesky", did), name) for uri, (did, name) in expected.items()
    }
    comments = store_rows(store, "MATCH (c:Comment) RETURN c.source_id AS id, c.stub AS stub, c.text AS text")
    assert sorted((r["id"], r["stub"]) for r in comments) == sorted(
        [(u, False) for u in answers] + [(u, True) for u in parents]
    )
    assert all(r["text"] == "" for r in comments if r["stub"])
    replies = store_rows(
        store,
        "MATCH (c:Comment)-[r:REPLY_TO]->(p) RETURN c.source_id AS child, p.source_id AS parent, r.inferred AS inf",
    )
    assert sorted((r["child"], r["parent"], r["inf"]) for r in replies) == sorted(
        (u, r["parent"]["uri"], False) for u, r in answers.items()
    )


def test_a_real_author_feed_reads_each_post_once_with_the_posts_its_answers_answer_and_counts_the_repost(read):
    """A getAuthorFeed answer ({"feed": [...]}): an item's post, and the root and parent posts an answer is
    shown under, each read once (the feed shows its owner's first post again above its answer); the repost of
    another account's post reads that post, written by that account, and is counted."""
    feed = json.loads(FEED.read_text("utf-8"))["feed"]
    views = [view for item in feed for view in (*(item.get("reply") or {}).values(), item["post"])]
    unique = {v["uri"]: v for v in views}
    assert len(views) > len(unique)
    posts, report = read(FEED)
    assert sorted(p.source_id for p in posts) == sorted(unique)
    by = {p.source_id: p for p in posts}
    for uri, view in unique.items():
        assert (by[uri].author, by[uri].author_key) == (view["author"]["handle"], view["author"]["did"])
        reply = view["record"].get("reply")
        assert by[uri].parent == (by[reply["parent"]["uri"]].id if reply else None)
    reposts = [i for i in feed if (i.get("reason") or {}).get("$type") == "app.bsky.feed.defs#reasonRepost"]
    assert reposts and report.counts == {REPOSTS: len(reposts)}


def test_jetstream_events_are_left_to_tables_as_before(tmp_path):
    """Jetstream's events (a repository's commits, each record under commit.record, its writer the event's did) hold
    a record, an at:// uri and app.bsky.feed.post as a post view does, but no post view: left to the table reader,
    which reads them mapped, each event a post written by its did; the Bluesky reader, which would
    refuse them, does not claim them (it did while reading a lone post view by its 'record' alone)."""
    root = {"cid": "bafyreidw", "uri": "at://did:plc:aaa/app.bsky.feed.post/3l3qo2vuowo2b"}
    events = [
        {"did": "did:plc:aaa", "time_us": 1725911162329308, "kind": "commit", "commit": {
            "rev": "3l3qo2vutsw2b", "operation": "create", "collection": "app.bsky.feed.post", "rkey": "3l3qo2vuowo2b",
            "record": {"$type": "app.bsky.feed.post", "createdAt": "2024-09-09T19:46:02.102Z", "text": "a post"},
            "cid": "bafyreidw"}},
        {"did": "did:plc:bbb", "time_us": 1725911162329309, "kind": "commit", "commit": {
            "rev": "3l3qo2vutsw2c", "operation": "create", "collection": "app.bsky.feed.post", "rkey": "3l3qo2vuowo2c",
            "record": {"$type": "app.bsky.feed.post", "createdAt": "2024-09-09T19:46:03.102Z", "text": "an answer",
                       "reply": {"parent": root, "root": root}},
            "cid": "bafyreidx"}},
    ]  # fmt: skip
    path = tmp_path / "jetstream.jsonl"
    build.jsonl(path, events)
    (inp,) = expand_inputs([str(path)])
    assert detect(inp).name == "tabular"
    store = str(tmp_path / "s.lbug")
    mapping = "id=commit.rkey,author=did,text=commit.record.text"
    run("load", str(path), "--store", store, "--no-entities", "--workers", "1", "--map", mapping)
    rows = store_rows(store, "MATCH (a:Author)-[:WROTE]->(p) RETURN p.source_id AS id, a.name AS writer")
    assert sorted((r["id"], r["writer"]) for r in rows) == sorted((e["commit"]["rkey"], e["did"]) for e in events)
