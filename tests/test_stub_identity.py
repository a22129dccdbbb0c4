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
from graphkit.store import open_store
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
