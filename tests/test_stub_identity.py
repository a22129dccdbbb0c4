"""A post referenced before it is read, then read in a later load, is one node: its stub's and its own.

A stub stands for a parent the input names and lacks; where the reader does not know that parent's thread (Hacker
News API items without ``story_id``, an outbox's answers to other people's posts), the stub is an Article, the root
of a thread of its own. A post whose key names it on its platform has one id whatever thread its input shows
(``schema.post_id``), so a post read again with more of its thread is one node; but the post whose stub stood for
it is a Comment of its real thread read later, a node beside the stub, which its answers read before still answer.
Users load incrementally (daily fetches), so these tests load real files in parts, into a real embedded store, and
compare with what the files hold and with one load.
"""

from __future__ import annotations

import json
from collections import Counter
from pathlib import Path

import pytest
from click.testing import CliRunner

from graphkit import schema
from graphkit.cli import main
from graphkit.extract import Extractor
from graphkit.pipeline import extract_graph
from graphkit.sources import expand_inputs, read_posts
from graphkit.store import open_store
from graphkit.store.ladybug import BUFFER_POOL_ENV
from graphkit.store.settling import joined_threads
from tests import builders as build

REAL = Path(__file__).parent / "data" / "real"
ITEM = REAL / "hackernews" / "communal-algolia-item.json"
OUTBOX = REAL / "mastodon" / "dealingwith-outbox.json"


def _load(store: Path, *paths: Path) -> None:
    args = ["load", *map(str, paths), "--store", str(store), "--no-entities", "--workers", "1"]
    result = CliRunner().invoke(main, args, catch_exceptions=False)
    assert result.exit_code == 0, result.output


def _posts(store: Path) -> Counter[tuple[str, bool]]:
    """How many stored post nodes each id in the input (source_id) has, by whether the node is a stub."""
    with open_store("ladybug", path=str(store), read_only=True) as db:
        return Counter(
            (row[0], bool(row[1]))
            for row in db.query("MATCH (p) WHERE p.source_id IS NOT NULL RETURN p.source_id, p.stub").rows
        )


def _post_ids(store: Path) -> set[str]:
    """The ids of the stored posts, stubs aside."""
    with open_store("ladybug", path=str(store), read_only=True) as db:
        return {
            row[0]
            for row in db.query(
                "MATCH (p) WHERE p.source_id IS NOT NULL AND NOT coalesce(p.stub, false) RETURN p.id"
            ).rows
        }


def _api_items() -> list[dict]:
    """The search API's item as the official API gives its items: flat, each naming its parent, none its story."""
    out: list[dict] = []

    def walk(item: dict) -> None:
        flat = {"id": item["id"], "type": item["type"], "by": item["author"], "time": item["created_at_i"]}
        flat.update({"title": item["title"]} if item["type"] == "story" else {"text": item["text"] or ""})
        if item["parent_id"] is not None:
            flat["parent"] = item["parent_id"]
        out.append(flat)
        for child in item["children"]:
            walk(child)

    walk(json.loads(ITEM.read_text(encoding="utf-8")))
    return out


def _reply_then_thread(tmp_path: Path) -> tuple[Counter[tuple[str, bool]], list[dict]]:
    """A real story's items as the official API gives them: a reply two levels down fetched alone first (its parent
    a stub), then the whole thread; the posts stored, and the items."""
    items = _api_items()
    by_id = {item["id"]: item for item in items}
    reply = next(i for i in items if "parent" in i and "parent" in by_id[i["parent"]])
    assert by_id[reply["parent"]]["type"] == "comment"  # its parent is a comment, not the story
    store = tmp_path / "daily.lbug"
    _load(store, build.jsonl(tmp_path / "reply.jsonl", [reply]))
    _load(store, build.jsonl(tmp_path / "thread.jsonl", items))
    return _posts(store), items


def test_a_hacker_news_reply_loaded_alone_then_with_its_thread_is_one_post(tmp_path):
    """The reply, read first in a thread of its parent's stub, then in its story's, is one post: every item once."""
    stored, items = _reply_then_thread(tmp_path)
    assert Counter({key: n for key, n in stored.items() if not key[1]}) == Counter(
        {(str(item["id"]), False): 1 for item in items}
    )


def test_a_hacker_news_reply_loaded_alone_then_with_its_thread_leaves_no_stub(tmp_path):
    """The stub of the reply's parent is that parent once the thread is read: each item one node, none a stub."""
    stored, items = _reply_then_thread(tmp_path)
    assert stored == Counter({(str(item["id"]), False): 1 for item in items})


def _once_and_daily(tmp_path: Path) -> tuple[Path, Path, set[str]]:
    """A real outbox loaded at once, and its activities fetched ten at a time, oldest first (as a daily fetch adds
    them): the two stores, and the outbox's Notes."""
    outbox = json.loads(OUTBOX.read_text(encoding="utf-8"))
    activities = outbox["orderedItems"][::-1]
    notes = {a["object"]["id"] for a in activities if a.get("type") == "Create" and isinstance(a.get("object"), dict)}
    once = tmp_path / "once.lbug"
    _load(once, OUTBOX)
    daily = tmp_path / "daily.lbug"
    for start in range(0, len(activities), 10):
        part = tmp_path / f"part{start}.json"
        part.write_text(json.dumps({**outbox, "orderedItems": activities[start : start + 10]}), encoding="utf-8")
        _load(daily, part)
    return once, daily, notes


def test_a_mastodon_outbox_loaded_a_part_at_a_time_holds_each_note_once(tmp_path):
    """Each Note is one post, of the id one load gives it, whatever part of its thread each load showed."""
    once, daily, notes = _once_and_daily(tmp_path)
    stored = _posts(daily)
    assert Counter({key: n for key, n in stored.items() if not key[1]}) == Counter({(n, False): 1 for n in notes})
    assert _post_ids(daily) == _post_ids(once)


def test_a_mastodon_outbox_loaded_a_part_at_a_time_is_the_graph_of_one_load(tmp_path):
    """The store holds the posts and stubs of the outbox loaded at once: no stub of a Note a later part read."""
    once, daily, _ = _once_and_daily(tmp_path)
    assert _posts(daily) == _posts(once)


def test_rows_said_to_be_of_hacker_news_whose_keys_are_no_item_ids_are_known_within_their_threads(tmp_path):
    """Only a Hacker News item id names a post across threads: two tables of platform hackernews whose rows are
    known by keys of their own threads ("c1" in each) hold every row, one post each."""
    tables = []
    for thread in ("t1", "t2"):
        path = tmp_path / f"{thread}.csv"
        path.write_text(f"id,thread,text\nc1,{thread},first of {thread}\nc2,{thread},second of {thread}\n")
        tables.append(path)
    store = tmp_path / "tables.lbug"
    for path in tables:
        args = ["load", str(path), "--store", str(store), "--no-entities", "--workers", "1", "--map"]
        result = CliRunner().invoke(main, [*args, "platform=hackernews"], catch_exceptions=False)
        assert result.exit_code == 0, result.output
    with open_store("ladybug", path=str(store), read_only=True) as db:
        texts = db.query("MATCH (c:Comment) RETURN c.text ORDER BY c.text").rows
    assert texts == sorted([f"{n} of {t}"] for t in ("t1", "t2") for n in ("first", "second"))


@pytest.mark.parametrize(
    "platform, key, named",
    [
        ("hackernews", "8863", True),  # an item id
        ("hackernews", "c1", False),  # a table's key of its own
        ("mastodon", "https://mastodon.social/users/Gargron/statuses/1", True),
        ("mastodon", "api:109", False),  # a status another server knows by its local id alone
        ("mastodon", "109", False),
        ("bluesky", "at://did:plc:z72i7hdynmk6r22z27h6tvur/app.bsky.feed.post/3k", True),
        ("reddit", "t1_abc", False),
    ],
)
def test_a_comment_is_known_by_its_key_alone_where_that_names_it_on_its_platform(platform, key, named):
    """Where the key names the post on its platform, the same key read in two threads is one id; else two."""
    ids = {schema.post_id(platform, schema.article_id(platform, thread), key) for thread in ("1", "2")}
    assert len(ids) == (1 if named else 2)


def _siblings() -> tuple[list[dict], dict, dict]:
    """The API's items, and two replies to one comment: the first and the last of its answers."""
    items = _api_items()
    by_id = {item["id"]: item for item in items}
    answers = [i for i in items if "parent" in i and "parent" in by_id[i["parent"]]]
    parent = answers[0]["parent"]
    first, *_, last = [i for i in answers if i["parent"] == parent]
    return items, first, last


# Stores loaded in several orders and batch sizes, by name: each load's files (``order_files``) and batch size
ORDERS: dict[str, list[tuple[tuple[str, ...], int]]] = {
    "once": [(("thread", "later"), 10000)],
    "reply first": [(("reply",), 10000), (("thread", "later"), 10000)],
    "thread first": [(("thread",), 10000), (("reply",), 10000), (("later",), 10000)],
    # the other platform's row first, so that the embedded store loads the next batch by batch, not in one go
    "small": [(("other",), 10000), (("reply", "thread", "later"), 7)],
    "twice": [(("reply", "thread", "later"), 7)] * 2,
}
# The nodes of Hacker News, with what a load order does not change (the input file each post was read from and its
# place in it aside), and the edges between them
GRAPH = (
    "MATCH (n) WHERE n.platform = 'hackernews' RETURN n.id, {label}, n.stub, n.thread, n.text, n.title, n.source_id,"
    " n.name",
    "MATCH (a)-[r]->(b) WHERE a.platform = 'hackernews' AND b.platform = 'hackernews' RETURN {type}, a.id, b.id, r.id,"
    " r.rule",
)


def order_files(tmp_path: Path) -> tuple[list[dict], dict[str, Path]]:
    """A real story's items as the official API gives them, in three files: its thread but a reply, that reply
    alone, and its sibling alone (each of the two answering a comment that file lacks: its stub); and a row of
    another platform."""
    items, first, last = _siblings()
    other = tmp_path / "other.csv"
    other.write_text("id,thread,text\nc1,t1,a row of another platform\n", encoding="utf-8")
    return items, {
        "thread": build.jsonl(tmp_path / "thread.jsonl", [i for i in items if i is not last]),
        "reply": build.jsonl(tmp_path / "reply.jsonl", [first]),
        "later": build.jsonl(tmp_path / "later.jsonl", [last]),
        "other": other,
    }


def graph_of(db, label: str, type_: str) -> tuple[dict[str, tuple], set[tuple]]:
    """``GRAPH`` of an open store, whose Cypher writes a node's label and a relationship's type so."""
    nodes, edges = (db.query(q.format(label=label, type=type_)).rows for q in GRAPH)
    return {row[0]: tuple(row[1:]) for row in nodes}, {tuple(row) for row in edges}


def check_orders(items: list[dict], graphs: dict[str, tuple[dict[str, tuple], set[tuple]]]) -> None:
    """Each item is one post, none a stub, every comment of the story's thread, each answering its parent; and
    every load order and batch size gives that one graph."""
    nodes, edges = graphs["once"]
    posts = {n[5]: (i, n) for i, n in nodes.items() if n[0] in ("Article", "Comment")}
    assert sorted(posts) == sorted(str(item["id"]) for item in items)
    assert not any(n[1] for _, n in posts.values())
    story = next(posts[str(i["id"])][0] for i in items if i["type"] == "story")
    assert {n[2] for _, n in posts.values() if n[0] == "Comment"} == {story}
    replies = {(a, b) for type_, a, b, *_ in edges if type_ == "REPLY_TO"}
    assert replies == {(posts[str(i["id"])][0], posts[str(i["parent"])][0]) for i in items if "parent" in i}
    # a reply extracted while its parent was a stub root, of no text, quotes it once a later batch or load brings it
    assert any(type_ == "QUOTES" for type_, *_ in edges)
    for name, graph in graphs.items():
        assert graph == graphs["once"], name


def test_a_stub_root_settles_into_its_post_whatever_the_load_order_and_batch_size(tmp_path):
    """A stub root settles into its post in the embedded store, loaded batch by batch or in one go."""
    items, files = order_files(tmp_path)
    graphs = {}
    for name, loads in ORDERS.items():
        store = tmp_path / f"{name}.lbug"
        for paths, batch in loads:
            _load(store, *(files[p] for p in paths), "--batch-size", str(batch))
        with open_store("ladybug", path=str(store), read_only=True) as db:
            graphs[name] = graph_of(db, "label(n)", "label(r)")
    check_orders(items, graphs)
    assert graphs["twice"] == graphs["small"]  # loading again changes nothing


def test_a_stub_root_settles_into_its_post_in_a_graph_of_several_inputs(tmp_path):
    """The graph an export or a view builds of the inputs is the graph the store holds."""
    items, files = order_files(tmp_path)
    paths = [str(files[p]) for p in ("reply", "thread", "later")]
    graph = extract_graph(read_posts(expand_inputs(paths)), Extractor(entities=False, workers=1), batch_size=7)
    names = ("label", "stub", "thread", "text", "title", "source_id", "name")
    nodes = {
        node: tuple(attrs.get(name) for name in names)
        for node, attrs in graph.nodes(data=True)
        if attrs.get("platform") == "hackernews"
    }
    edges = {
        (attrs["type"], a, b, attrs["id"], attrs.get("rule"))
        for a, b, attrs in graph.edges(data=True)
        if a in nodes and b in nodes
    }
    store = tmp_path / "once.lbug"
    _load(store, files["thread"], files["later"])
    with open_store("ladybug", path=str(store), read_only=True) as db:
        check_orders(items, {"once": graph_of(db, "label(n)", "label(r)"), "in memory": (nodes, edges)})


def test_a_stub_root_never_settles_into_a_table_row_known_by_its_place(tmp_path):
    """A Hacker News table without ids knows its rows by their places (their ``source_id`` the row's number): the
    row numbered as the stub's item is not that item, and the reply to the stub keeps answering it."""
    reply = {"id": 10, "type": "comment", "by": "alice", "time": 1700000000, "text": "I agree", "parent": 2}
    table = tmp_path / "rows.csv"
    table.write_text(
        "platform,thread,author,text\n"
        + "".join(f"hackernews,t1,{name},row {name}\n" for name in ("bob", "carol", "dave")),
        encoding="utf-8",
    )
    store = tmp_path / "store.lbug"
    _load(store, build.jsonl(tmp_path / "reply.jsonl", [reply]))
    _load(store, table)
    with open_store("ladybug", path=str(store), read_only=True) as db:
        answered = db.query(
            "MATCH (:Comment {source_id: '10'})-[:REPLY_TO]->(p) RETURN label(p), p.source_id, p.stub, p.text"
        ).rows
        threads = db.query("MATCH (c:Comment) WHERE c.text STARTS WITH 'row ' RETURN DISTINCT c.thread").rows
    assert answered == [["Article", "2", True, ""]]
    assert threads == [[schema.article_id("hackernews", "t1")]]


def test_stub_roots_settled_together_leave_no_comment_in_a_thread_settled_away(tmp_path):
    """Two stubs settled in one batch, the post of one read in the other's thread: the comments of both threads
    join the thread the two posts are in, as in one load of every file."""
    items = [  # 21 answers 12 and 22 answers 11, read first; then 12 answering 11, and 11 answering the story 5
        {"id": 21, "type": "comment", "by": "ann", "time": 1700000001, "text": "on 12", "parent": 12},
        {"id": 22, "type": "comment", "by": "ben", "time": 1700000002, "text": "on 11", "parent": 11},
        {"id": 12, "type": "comment", "by": "cat", "time": 1700000003, "text": "on 11", "parent": 11},
        {"id": 11, "type": "comment", "by": "dan", "time": 1700000004, "text": "on the story", "parent": 5},
    ]
    parts = (items[:2], items[2:3], items[3:])
    first, second, third = (build.jsonl(tmp_path / f"{i}.jsonl", part) for i, part in enumerate(parts))
    _load(tmp_path / "parts.lbug", first)
    _load(tmp_path / "parts.lbug", second, third)
    _load(tmp_path / "once.lbug", first, second, third)
    threads = {}
    for name in ("parts", "once"):
        with open_store("ladybug", path=str(tmp_path / f"{name}.lbug"), read_only=True) as db:
            threads[name] = dict(db.query("MATCH (c:Comment) RETURN c.source_id, c.thread").rows)
    posts = read_posts(expand_inputs([str(first), str(second), str(third)]))
    graph = extract_graph(posts, Extractor(entities=False, workers=1), batch_size=1)
    threads["in memory"] = {
        a["source_id"]: a["thread"] for _, a in graph.nodes(data=True) if a.get("label") == "Comment"
    }
    assert (
        threads["parts"]
        == threads["once"]
        == dict.fromkeys(("11", "12", "21", "22"), schema.article_id("hackernews", "5"))
    )


def test_a_parent_cycle_across_loads_leaves_every_comment_in_a_thread_there_is(tmp_path):
    """Malformed input: 31 names 32 its parent in one load, 32 names 31 in a later one, and 33 answers 31 in a third.
    Each post's stub roots the other's thread, so settling both left each comment in the thread of a stub settled
    away; a stub its post's thread leads back to stays, in the store loaded in parts or at once and in memory."""
    items = [
        {"id": 31, "type": "comment", "by": "ann", "time": 1700000001, "text": "on 32", "parent": 32},
        {"id": 32, "type": "comment", "by": "ben", "time": 1700000002, "text": "on 31", "parent": 31},
        {"id": 33, "type": "comment", "by": "cat", "time": 1700000003, "text": "on 31", "parent": 31},
    ]
    files = [build.jsonl(tmp_path / f"{i}.jsonl", [item]) for i, item in enumerate(items)]
    for file in files:
        _load(tmp_path / "parts.lbug", file)
    _load(tmp_path / "once.lbug", *files)
    stored = {}
    for name in ("parts", "once"):
        with open_store("ladybug", path=str(tmp_path / f"{name}.lbug"), read_only=True) as db:
            articles = {row[0] for row in db.query("MATCH (a:Article) RETURN a.id").rows}
            stored[name] = articles, db.query("MATCH (c:Comment) RETURN c.source_id, c.thread").rows
    graph = extract_graph(read_posts(expand_inputs(list(map(str, files)))), Extractor(entities=False, workers=1), 1)
    nodes = graph.nodes(data=True)
    stored["in memory"] = (
        {node for node, attrs in nodes if attrs.get("label") == "Article"},
        [[attrs["source_id"], attrs["thread"]] for _, attrs in nodes if attrs.get("label") == "Comment"],
    )
    for name, (articles, threads) in stored.items():
        assert sorted(key for key, _ in threads) == [str(item["id"]) for item in items], name
        assert {thread for _, thread in threads} <= articles, name
        assert (articles, sorted(threads)) == (stored["once"][0], sorted(stored["once"][1])), name


@pytest.mark.parametrize("threads", [50, 1])
def test_a_stub_root_settles_into_its_post_in_a_store_of_many_comments(tmp_path, monkeypatch, threads):
    """Moving the stub's answer onto the post writes one edge between two of 20k stored comments: the engine looks
    its ends up, so the page cache of a small machine holds it (it ran out crossing every comment with every one).
    The post continues a stored thread, read back a page of its comments at a time: one thread of 20k comments
    read whole with their writers and replies ran out of it too."""
    stories = [
        {"id": n, "type": "story", "by": "ann", "time": 1700000000, "title": f"story {n}"} for n in range(threads)
    ]
    items = [*stories]
    for n in range(100, 20_100):  # each answers its story or a comment of it some fifty items before
        parent = n % threads if n < 2600 else n - 50 * (1 + n % 8)
        items.append(
            {"id": n, "type": "comment", "by": f"u{n % 97}", "time": 1700000000 + n, "text": f"c{n}", "parent": parent}
        )
    reply = {"id": 30_001, "type": "comment", "by": "ben", "time": 1700100000, "text": "on 30000", "parent": 30_000}
    parent = {"id": 30_000, "type": "comment", "by": "cat", "time": 1700090000, "text": "on the story", "parent": 0}
    store = tmp_path / "many.lbug"
    _load(store, build.jsonl(tmp_path / "thread.jsonl", [*items, reply]))
    monkeypatch.setenv(BUFFER_POOL_ENV, "32")
    _load(store, build.jsonl(tmp_path / "parent.jsonl", [parent]))
    assert _posts(store) == Counter({(str(item["id"]), False): 1 for item in (*items, reply, parent)})


def test_stubs_settled_together_join_the_thread_their_chain_ends_in_and_a_stub_on_a_cycle_stays():
    """s2 and s3 lead back to each other (their posts each in the other's thread), s5's post has no thread and s7's
    is not read: they stay; s1's post is in s2's thread, which stays, s4's post in a thread of no stub, s6's in s5's
    and s8's in s7's."""
    pairs = {f"s{i}": f"p{i}" for i in range(1, 9)}
    threads = {"p1": "s2", "p2": "s3", "p3": "s2", "p4": "t", "p5": None, "p6": "s5", "p8": "s7"}
    assert joined_threads(pairs, threads) == {"s1": "s2", "s4": "t", "s6": "s5", "s8": "s7"}


def quoting_files(tmp_path: Path) -> tuple[dict[str, Path], tuple[str, str]]:
    """A real story's items as table rows of Hacker News (a platform column), one reply two levels down stating that
    it quotes its parent (``referenced_tweets``, as a table of posts names those each quotes): the reply alone (its
    parent a stub root, which it quotes), the thread but the reply, and every row in one file (no stub); and the ids
    of the reply and its parent."""
    items = _api_items()
    by_id = {item["id"]: item for item in items}
    # one whose text quotes none of its words: one that does, stated to quote, is looked for no quote of them in one
    # load, but a later load holding its parent finds one (reported apart)
    reply = next(i for i in items if "parent" in i and "parent" in by_id[i["parent"]] and "&gt;" not in i["text"])
    rows = []
    for item in items:
        row = {"id": str(item["id"]), "platform": "hackernews", "user": item["by"], "time": item["time"]}
        row.update(title=item.get("title", ""), text=item.get("text", ""))
        if "parent" in item:
            row["parent"] = str(item["parent"])
        if item is reply:
            row["referenced_tweets"] = [{"type": "quoted", "id": row["parent"]}]
        rows.append(row)
    quoting = next(row for row in rows if "referenced_tweets" in row)
    return {
        "reply": build.jsonl(tmp_path / "reply.jsonl", [quoting]),
        "thread": build.jsonl(tmp_path / "thread.jsonl", [row for row in rows if row is not quoting]),
        "whole": build.jsonl(tmp_path / "whole.jsonl", rows),
    }, (quoting["id"], quoting["parent"])


# Loads of ``quoting_files``, by name: each load's files and batch size. "whole" never makes the parent's stub; the
# others make it and settle it into the parent: in one batch, in a later batch of one load, in a later load.
QUOTING: dict[str, list[tuple[tuple[str, ...], int]]] = {
    "whole": [(("whole",), 10000)],
    "one batch": [(("reply", "thread"), 10000)],
    "small batches": [(("reply", "thread"), 7)],
    "reply first": [(("reply",), 10000), (("thread",), 10000)],
}


def check_quoting(
    graphs: dict[str, tuple[dict[str, tuple], set[tuple]]], again: dict[str, tuple], reply: tuple[str, str]
) -> None:
    """The reply (``reply``: its id and its parent's) quotes its parent, by the id one file of every row gives the
    edge, whatever the loads made a stub of the parent first; and loading every row again (``again``: the store's
    graph after) changes nothing."""
    nodes, edges = graphs["whole"]
    post = {row[5]: node for node, row in nodes.items()}
    stated = schema.edge_id(schema.QUOTES, post[reply[0]], post[reply[1]], "stated0")
    assert (schema.QUOTES, post[reply[0]], post[reply[1]], stated, None) in edges
    assert not any(row[1] for row in nodes.values())
    for name, graph in {**graphs, **{f"{name}, then all again": g for name, g in again.items()}}.items():
        assert graph == graphs["whole"], name


def test_a_quote_of_a_stub_root_keeps_the_id_of_a_quote_of_its_post(tmp_path):
    """An edge with a key besides its ends (a stated quote: ``schema.edge_id``'s key) moved from a stub root onto
    its post had the id made with the stub, so the same rows in two files or two loads gave the edge another id than
    one file, and a load of every row again wrote it a second time: the embedded store."""
    files, reply = quoting_files(tmp_path)
    graphs, again = {}, {}
    for name, loads in QUOTING.items():
        store = tmp_path / f"{name}.lbug"
        for paths, batch in loads:
            _load(store, *(files[p] for p in paths), "--format", "tabular", "--batch-size", str(batch))
        with open_store("ladybug", path=str(store), read_only=True) as db:
            graphs[name] = graph_of(db, "label(n)", "label(r)")
        for paths in (("reply", "thread"), ("whole",)):
            _load(store, *(files[p] for p in paths), "--format", "tabular")
        with open_store("ladybug", path=str(store), read_only=True) as db:
            again[name] = graph_of(db, "label(n)", "label(r)")
    check_quoting(graphs, again, reply)


def test_a_quote_of_a_stub_root_keeps_the_id_of_a_quote_of_its_post_in_memory(tmp_path):
    """The graph an export or a view builds (``graph.settle``) gives the quote the id one file of every row does."""
    files, reply = quoting_files(tmp_path)
    graphs = {}
    for name, [(paths, batch)] in ((name, loads) for name, loads in QUOTING.items() if len(loads) == 1):
        posts = read_posts(expand_inputs([str(files[p]) for p in paths]), "tabular")
        graph = extract_graph(posts, Extractor(entities=False, workers=1), batch_size=batch)
        names = ("label", "stub", "thread", "text", "title", "source_id", "name")
        nodes = {
            node: tuple(attrs.get(n) for n in names)
            for node, attrs in graph.nodes(data=True)
            if attrs.get("platform") == "hackernews"
        }
        graphs[name] = (
            nodes,
            {
                (attrs["type"], a, b, attrs["id"], attrs.get("rule"))
                for a, b, attrs in graph.edges(data=True)
                if a in nodes and b in nodes
            },
        )
    check_quoting(graphs, {}, reply)


def test_only_a_quote_of_an_article_a_stub_root_may_stand_for_holds_its_key(tmp_path):
    """A mailing list makes no stub roots (``schema.stub_root``): its replies' quotes of the first mail of a thread (a
    real list's month) hold no ``id_key``, where 21 of its 40 quotes held their quoted lines again as their keys
    (8,359 characters beside the 14,503 of the quotes' texts). A Hacker News reply's stated quote of its parent's
    stub root holds its key, which settling needs."""

    def quotes(paths: list[Path], fmt: str | None = None) -> list[tuple[str, str | None]]:
        graph = extract_graph(read_posts(expand_inputs(list(map(str, paths))), fmt), Extractor(entities=False))
        labels = dict(graph.nodes(data="label"))
        return [
            (labels[b], attrs["id_key"])
            for _, b, attrs in graph.edges(data=True)
            if attrs["type"] == schema.QUOTES and labels[b] == schema.ARTICLE
        ]

    mails = quotes([REAL / "mbox" / "git-2005-04-gmane.mbox"])
    assert len(mails) >= 20 and {key for _, key in mails} == {None}
    files, _ = quoting_files(tmp_path)
    assert quotes([files["reply"]], "tabular") == [(schema.ARTICLE, "stated0")]
