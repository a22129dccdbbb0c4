"""Telegram Desktop exports: an account's export in the real shape, and real channels loaded into
the embedded store, checked against what the files state (computed here with the standard library)."""

import json
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

from graphkit import schema
from graphkit.cli import main
from graphkit.records import Post
from graphkit.sources import MALFORMED, MISSING_PARENT, detect, expand_inputs
from graphkit.sources.telegram import SERVICE
from tests.cli_runs import assert_stated_parents, run, store_rows

REAL = Path(__file__).parent.parent / "data" / "real" / "telegram"
CHAT = schema.article_id("telegram", "1500000001")
CHAT_FORUM = schema.article_id("telegram", "1800000001")


def test_account_export_replies_entities_and_forwards(read, shape):
    posts, report = read("telegram-account.json")
    by = {p.source_id: p for p in posts}
    assert shape(posts) == {
        "1500000001": (None, True),
        "2": ("1500000001", False),
        "3": ("2", False),
        "4": ("1500000001", False),
        "5": ("1500000001", False),
        "6": ("99", False),  # message 99 is not in the export: its stub, known by its id as the message is
        "99": (None, False),
        "9": ("3", False),
        "10": ("1500000001", False),
        "11": ("1500000001", False),
    }
    assert by["1500000001"].title == "Reading group" and by["1500000001"].id == CHAT
    assert (by["99"].meta, by["99"].text, by["99"].author, by["99"].thread) == ({"stub": True}, "", None, CHAT)
    assert by["99"].id == schema.post_id("telegram", CHAT, "99")
    assert report.counts == {SERVICE: 1, MALFORMED: 2, MISSING_PARENT: 1}
    assert report.locations[MALFORMED] == [f"{by['2'].source}#seven", f"{by['2'].source}#8"]
    # the id is the identity, the name is for display: two Bobs stay two accounts
    assert (by["3"].author, by["3"].author_key) == ("Bob", "user222")
    assert (by["9"].author, by["9"].author_key) == ("Bob", "user333")
    reply = by["3"]
    assert reply.text == "Yes, Ann, see the summary (https://example.org/summary) and ask @CarolX."
    mentions = [(s.target, s.name, reply.text[s.start : s.end]) for s in reply.stated]
    assert mentions == [
        (schema.author_id("telegram", "user111"), "Ann", "Ann"),
        (schema.author_id("telegram", "@CarolX"), "@CarolX", "@CarolX"),
    ]
    # a username ignores case on Telegram: "@carolx" is the same account
    assert by["9"].stated[0].target == schema.author_id("telegram", "@CarolX")
    # the export ties the owner's username to the owner's account: "@AnnLee" is user111, who wrote "2"
    (owner,) = by["11"].stated
    assert (owner.target, by["11"].text[owner.start : owner.end]) == (
        schema.author_id("telegram", "user111"),
        "@AnnLee",
    )
    guest, account = by["4"].stated[0], by["5"].stated[0]
    assert (guest.type, guest.target, guest.guest) == (schema.FORWARDS, schema.guest_id("telegram", "Daily News"), True)
    channel = schema.author_id("telegram", "channel999")
    assert (account.target, account.name, account.guest) == (channel, "Daily News", False)
    assert by["10"].text == "https://example.com/a" and by["10"].meta["media"] == "photo"
    assert by["2"].created == "2024-03-01T09:01:00Z"


def test_account_export_loads_stated_relations_as_given(data, tmp_path):
    store = str(tmp_path / "s.lbug")
    run("load", str(data / "telegram-account.json"), "--store", store, "--no-entities", "--workers", "1")
    mentions = store_rows(
        store,
        "MATCH (c:Comment)-[r:MENTIONS]->(a:Author) RETURN c.source_id AS post, a.id AS who, a.name AS name, "
        "r.text AS text, r.inferred AS inferred ORDER BY post, text",
    )
    ann, carol = schema.author_id("telegram", "user111"), schema.author_id("telegram", "@carolx")
    assert mentions == [
        {"post": "11", "who": ann, "name": "Ann Lee", "text": "@AnnLee", "inferred": False},
        {"post": "3", "who": carol, "name": "@CarolX", "text": "@CarolX", "inferred": False},
        {"post": "3", "who": ann, "name": "Ann Lee", "text": "Ann", "inferred": False},
        {"post": "9", "who": carol, "name": "@CarolX", "text": "@carolx", "inferred": False},
    ]
    forwards = store_rows(
        store,
        "MATCH (c:Comment)-[f:FORWARDS]->(a:Author) RETURN c.source_id AS post, a.name AS name, a.guest AS guest, "
        "f.name AS shown ORDER BY post",
    )
    assert forwards == [
        {"post": "4", "name": "Daily News", "guest": True, "shown": "Daily News"},
        {"post": "5", "name": "Daily News", "guest": False, "shown": "Daily News"},
    ]
    handles = store_rows(
        store, "MATCH (a:Author) WHERE a.handle <> '' RETURN a.id AS id, a.handle AS handle ORDER BY id"
    )
    assert handles == [  # the export's owner by the username it gives, an account only mentioned by the "@name"
        {"id": carol, "handle": "CarolX"},
        {"id": ann, "handle": "annlee"},
    ]
    bobs = store_rows(store, "MATCH (a:Author {name: 'Bob'}) RETURN a.id AS id ORDER BY id")
    assert [r["id"] for r in bobs] == [schema.author_id("telegram", "user222"), schema.author_id("telegram", "user333")]
    cited = store_rows(store, "MATCH (c:Comment {source_id: '3'})-[:CITES]->(s:Source) RETURN s.url AS url")
    assert cited == [{"url": "https://example.org/summary"}]


def test_forum_topics_are_threads_their_first_messages_answer(read, shape):
    """A forum supergroup: each topic's opening service message is the topic's Article, its first
    messages answer it, replies below them stay in it; the General topic stays in the chat."""
    posts, report = read("telegram-forum.json")
    by = {p.source_id: p for p in posts}
    assert shape(posts) == {
        "1800000001": (None, True),
        "2": ("1800000001", False),
        "3": (None, True),
        "4": ("3", False),
        "5": ("4", False),
        "6": (None, True),
        "7": ("6", False),
        "8": ("2", False),
        "9": ("5", False),
        "10": ("1", False),  # message 1 is not in the export
        "1": (None, False),
        "13": ("12", False),  # the topic opening message 12 is malformed, skipped: the message named, as a stub
        "12": (None, False),
    }
    reading, off = by["3"], by["6"]
    assert (reading.title, reading.author, reading.author_key) == ("Reading list", "Ann Lee", "user111")
    assert (off.title, off.author_key, off.meta["chat"]) == ("Off topic", "user222", "Book club")
    assert {k for k, p in by.items() if p.thread == reading.id} == {"3", "4", "5", "9"}
    assert {k for k, p in by.items() if p.thread == off.id} == {"6", "7"}
    assert {k for k, p in by.items() if p.thread == CHAT_FORUM} == {"1800000001", "2", "8", "10", "13", "1", "12"}
    assert [by[k].position for k in ("4", "5", "9")] == [1, 2, 3]
    assert report.counts == {SERVICE: 1, MALFORMED: 1, MISSING_PARENT: 2}
    assert report.locations[MALFORMED] == [f"{reading.source}#12"]


def test_forum_topics_load_as_articles_answered_exactly(data, tmp_path):
    store = str(tmp_path / "s.lbug")
    run("load", str(data / "telegram-forum.json"), "--store", store, "--no-entities", "--workers", "1")
    articles = store_rows(store, "MATCH (a:Article) RETURN a.source_id AS id, a.title AS title ORDER BY id")
    assert articles == [
        {"id": "1800000001", "title": "Book club"},
        {"id": "3", "title": "Reading list"},
        {"id": "6", "title": "Off topic"},
    ]
    cypher = (
        "MATCH (c:Comment)-[r:REPLY_TO]->(a:Article) WHERE NOT r.inferred RETURN c.source_id AS c, a.source_id AS a"
    )
    assert sorted((r["c"], r["a"]) for r in store_rows(store, cypher)) == [
        ("2", "1800000001"),
        ("4", "3"),
        ("7", "6"),
    ]


@pytest.fixture(scope="module")
def channels(tmp_path_factory) -> str:
    store = str(tmp_path_factory.mktemp("tg") / "s.lbug")
    run("load", str(REAL), "--store", store, "--no-entities", "--workers", "1")
    return store


def _messages() -> list[dict[str, Any]]:
    return [m for f in sorted(REAL.glob("*.json")) for m in json.loads(f.read_text("utf-8"))["messages"]]


def _entities(message: dict[str, Any]) -> list[dict[str, Any]]:
    return [e for e in message.get("text_entities", []) if isinstance(e, dict)]


def test_real_forwards_are_forwards_of_the_source_channel(channels):
    """Every forward is a FORWARDS of the channel it came from; channels showing the same name stay
    apart; a source an older export names only is a guest of that name, not the account showing it."""
    forwards = [m for m in _messages() if m.get("forwarded_from_id") or m.get("forwarded_from")]
    stated = [m for m in forwards if m.get("forwarded_from_id")]
    assert stated and len(stated) < len(forwards)
    rows = store_rows(
        channels,
        "MATCH (c:Comment)-[f:FORWARDS]->(a:Author) RETURN c.source_id AS post, a.name AS name, a.guest AS guest, "
        "f.name AS shown",
    )
    assert sorted((r["post"], r["name"], bool(r["guest"]), r["shown"]) for r in rows) == sorted(
        (str(m["id"]), m["forwarded_from"], not m.get("forwarded_from_id"), m["forwarded_from"]) for m in forwards
    )
    guests = {m["forwarded_from"] for m in forwards if not m.get("forwarded_from_id")}
    sources = store_rows(channels, "MATCH ()-[:FORWARDS]->(a:Author) RETURN count(DISTINCT a) AS n")
    assert sources == [{"n": len({m["forwarded_from_id"] for m in stated}) + len(guests)}]
    names = {m["forwarded_from"] for m in stated}
    assert len(names) < len({m["forwarded_from_id"] for m in stated})  # a name shown by two channels
    writers = {m["from"] for m in _messages() if m["type"] == "message"}
    assert guests & writers  # a guest source shows the name of an account that writes in the chat


def test_most_forwarded_ranks_the_sources_of_forwards(channels):
    """The library's most-forwarded query: each source's forwards, forwarding accounts and chats, as
    the files say; a source known by name only is a guest of that name."""
    files = [json.loads(f.read_text("utf-8")) for f in sorted(REAL.glob("*.json"))]
    stated = [(chat["id"], m) for chat in files for m in chat["messages"] if m.get("forwarded_from")]
    expected: dict[str, list[Any]] = {}
    for chat, m in stated:
        key = m.get("forwarded_from_id")
        who = schema.author_id("telegram", key) if key else schema.guest_id("telegram", m["forwarded_from"])
        source = expected.setdefault(who, [m["forwarded_from"], 0, set(), set()])
        source[1] += 1
        source[2].add(m["from_id"])
        source[3].add(chat)
    rows = store_rows(channels, "most-forwarded", "-p", "limit=500")
    assert [(r["id"], r["source"], r["forwards"], r["forwarders"], r["chats"]) for r in rows] == sorted(
        ((who, name, n, len(by), len(chats)) for who, (name, n, by, chats) in expected.items()),
        key=lambda r: (-r[2], r[1], r[0]),
    )
    assert rows[0]["forwards"] > rows[-1]["forwards"]
    assert {r["id"] for r in rows if r["guest"]} == {w for w in expected if w.startswith("author:telegram-guest:")}


def test_real_mentions_and_text_links_are_given(channels):
    mentions = sorted(
        (str(m["id"]), e["text"]) for m in _messages() for e in _entities(m) if e["type"] in ("mention", "mention_name")
    )
    assert mentions
    cypher = "MATCH (c:Comment)-[r:MENTIONS]->(:Author) WHERE NOT r.inferred RETURN c.source_id AS post, r.text AS t"
    rows = store_rows(channels, cypher)
    assert sorted((r["post"], r["t"]) for r in rows) == mentions
    links = {(str(m["id"]), e["href"]) for m in _messages() for e in _entities(m) if e["type"] == "text_link"}
    web = {(k, href) for k, href in links if href.startswith(("http://", "https://"))}
    cited = store_rows(channels, "MATCH (c:Comment)-[r:CITES]->(:Source) RETURN c.source_id AS post, r.url AS url")
    assert web and web <= {(r["post"], r["url"]) for r in cited}


def test_a_username_mentioned_finds_the_account_mentioned(channels):
    """A channel's message names an account by its username ("@uponthepathofsalaf"): the query library finds the
    mentions by that username as people write it, with or without "@", in any case (Telegram ignores it)."""
    mentioned: dict[str, set[str]] = {}
    for message in _messages():
        for entity in _entities(message):
            if entity["type"] == "mention":
                mentioned.setdefault(entity["text"].removeprefix("@"), set()).add(str(message["id"]))
    assert mentioned
    ids = {r["id"]: r["post"] for r in store_rows(channels, "MATCH (p) RETURN p.id AS id, p.source_id AS post")}
    for username, messages in mentioned.items():
        found = store_rows(channels, "mentions-of", "-p", f"name={username}")
        assert {ids[r["post"]] for r in found} == messages
        for given in (f"@{username}", username.upper()):
            assert store_rows(channels, "mentions-of", "-p", f"name={given}") == found


def test_a_file_that_is_not_a_telegram_export_is_refused_with_one_line(data, tmp_path):
    result = CliRunner().invoke(
        main, ["load", str(data / "hn-item.json"), "--format", "telegram", "--store", str(tmp_path / "s.lbug")]
    )
    assert result.exit_code == 1
    assert result.output.strip().count("\n") == 0 and "not a Telegram Desktop export" in result.output


def test_a_lone_surrogate_in_a_stated_name_loads(tmp_path):
    """A broken emoji (a lone UTF-16 half) in a forward's source or a mention loads as U+FFFD."""
    chat = {
        "name": "g",
        "type": "private_group",
        "id": 7,
        "messages": [
            {
                "id": 1,
                "type": "message",
                "date_unixtime": "1709283600",
                "from": "Ann",
                "from_id": "user1",
                "forwarded_from": "News \udc00",
                "text": [{"type": "mention_name", "text": "Bo\udc00", "user_id": 2}],
            }
        ],
    }
    path = tmp_path / "result.json"
    path.write_text(json.dumps(chat), encoding="ascii")
    store = str(tmp_path / "s.lbug")
    run("load", str(path), "--store", store, "--no-entities", "--workers", "1")
    names = store_rows(store, "MATCH (:Comment)-[]->(a:Author) RETURN a.name AS name ORDER BY name")
    assert names == [{"name": "Bo\ufffd"}, {"name": "News \ufffd"}]


CONVERTED = Path(__file__).parent.parent / "data" / "trial" / "telegram-export-parser-test-data.json"


def test_a_chat_written_without_its_id_is_read_by_its_name(read):
    """An export parser's sample in Telegram Desktop's shape: two chats under 'chats' 'list' with no 'id', messages
    with 'from' but no 'from_id' and ISO dates (before: not detected, and with --format telegram each chat skipped as
    malformed, 0 posts). Each chat is a thread titled with its name, each message answers the message its
    reply_to_message_id names or the chat, written by the name 'from' shows, as a guest."""
    chats = json.loads(CONVERTED.read_text(encoding="utf-8"))["chats"]["list"]
    assert not any("id" in chat for chat in chats)
    (inp,) = expand_inputs([str(CONVERTED)])
    assert detect(inp).name == "telegram"
    posts, report = read(CONVERTED)
    roots = {p.id: p for p in posts if p.is_article}
    assert [p.title for p in roots.values()] == [chat["name"] for chat in chats]
    by_id = {p.id: p for p in posts}
    truth = {
        (chat["name"], m["id"]): (m.get("reply_to_message_id"), m["from"], m["text"])
        for chat in chats
        for m in chat["messages"]
    }
    assert {
        (roots[p.thread].title, int(p.source_id)): (
            None if p.parent == p.thread else int(by_id[p.parent].source_id),
            p.author,
            p.text,
        )
        for p in posts
        if not p.is_article
    } == truth
    assert all(p.guest for p in posts if not p.is_article)
    assert report.counts == {}


def test_a_chat_of_no_telegram_message_is_one_error_not_zero_posts(tmp_path):
    """The same chats with their messages' 'type' left out: no message can be read, so the load stops with one line
    that says why and a non-zero exit (before: every message skipped as malformed, 0 posts and exit 0)."""
    export = json.loads(CONVERTED.read_text(encoding="utf-8"))
    count = sum(len(chat["messages"]) for chat in export["chats"]["list"])
    for chat in export["chats"]["list"]:
        for message in chat["messages"]:
            del message["type"]
    path = tmp_path / "result.json"
    path.write_text(json.dumps(export, ensure_ascii=False), encoding="utf-8")
    result = CliRunner().invoke(main, ["load", str(path), "--format", "telegram", "--store", str(tmp_path / "s.lbug")])
    assert result.exit_code == 1
    assert result.output.strip().count("\n") == 0
    assert f"none of its {count} records under 'messages' is a Telegram message" in result.output


def test_chats_without_ids_sharing_a_name_or_named_as_an_id_stay_apart(read, tmp_path):
    """The sample's first chat written twice under its name, and a chat named as another chat's id: each is a thread
    of its own holding its own messages (before: the second chat of a name took the first's thread, its messages the
    first's ids, and the chat named '1500000001' was the chat of that id)."""
    export = json.loads(CONVERTED.read_text(encoding="utf-8"))
    first = export["chats"]["list"][0]
    numbered = {"id": 1500000001, "name": "Numbered", "type": "private_chat", "messages": first["messages"]}
    chats = [first, dict(first), numbered, {**first, "name": "1500000001"}]
    export["chats"]["list"] = chats
    path = tmp_path / "result.json"
    path.write_text(json.dumps(export, ensure_ascii=False), encoding="utf-8")
    posts, report = read(path)
    roots = [p for p in posts if p.is_article]
    assert len({p.id for p in roots}) == len(chats) and CHAT in {p.id for p in roots}
    assert len({p.id for p in posts}) == len(posts) == len(chats) * (1 + len(first["messages"]))
    for root in roots:
        mine = [p for p in posts if p.thread == root.id and not p.is_article]
        assert [int(p.source_id) for p in mine] == [m["id"] for m in first["messages"]]
        assert {p.parent for p in mine} <= {root.id} | {p.id for p in mine}
    assert report.counts == {}


def test_a_chats_messages_saved_alone_are_one_chat_of_replies(tmp_path):
    """A real supergroup's messages saved alone, the JSON list under its export's 'messages' written without the chat
    around it (as a site copying a family chat out of its export kept them): detected as Telegram's with no option,
    one chat known by the file, each message answering exactly the one its reply_to_message_id names (a stub where the
    list lacks it) or else the chat, written by its from_id. Before, the list was read as a table: every message a
    thread of its own, no writer and no reply."""
    messages = json.loads((REAL / "teknologi_umum_linq.json").read_text("utf-8"))["messages"]
    path = tmp_path / "messages.json"
    path.write_text(json.dumps(messages, ensure_ascii=False, indent=1), encoding="utf-8")
    (inp,) = expand_inputs([str(path)])
    assert detect(inp).name == "telegram"
    store = str(tmp_path / "s.lbug")
    run("load", str(path), "--store", store, "--no-entities", "--workers", "1")
    (chat,) = store_rows(store, "MATCH (a:Article) RETURN a.source_id AS id")
    posts = [m for m in messages if m["type"] == "message"]
    held = {m["id"] for m in posts}
    parents = {str(m["id"]): str(m.get("reply_to_message_id") or chat["id"]) for m in posts}
    stubs = {str(m["reply_to_message_id"]) for m in posts if m.get("reply_to_message_id", 0) not in held | {0}}
    assert stubs and len(parents) > len(stubs)
    assert_stated_parents(store, parents, stubs)
    wrote = store_rows(store, "MATCH (a:Author)-[:WROTE]->(c:Comment) RETURN c.source_id AS post, a.id AS author")
    assert sorted((r["post"], r["author"]) for r in wrote) == sorted(
        (str(m["id"]), schema.author_id("telegram", m["from_id"])) for m in posts
    )


def test_a_chats_messages_saved_alone_are_one_chat_by_any_path_it_is_loaded_by(tmp_path):
    """The chat of messages saved alone is known by the file's contents, not by the path it was named by: loaded
    again by another spelling of its path (from another folder, through a link, with "./"), it is the same chat and
    no count changes. Before, a second load by another path added a second chat holding every message again."""
    messages = json.loads((REAL / "teknologi_umum_linq.json").read_text("utf-8"))["messages"]
    (tmp_path / "saved").mkdir()
    path = tmp_path / "saved" / "messages.json"
    path.write_text(json.dumps(messages, ensure_ascii=False), encoding="utf-8")
    store = str(tmp_path / "s.lbug")
    count = "MATCH (n) RETURN label(n) AS label, count(*) AS n ORDER BY label"
    run("load", str(path), "--store", store, "--no-entities", "--workers", "1")
    once = store_rows(store, count)
    run("load", str(tmp_path / "saved" / ".." / "saved" / "messages.json"), "--store", store, "--no-entities")
    assert store_rows(store, count) == once
    assert {r["label"]: r["n"] for r in once}["Article"] == 1


def _read_as(posts: list[Post]) -> list[tuple]:
    """What a reading gives of each post, but the file it came from."""
    return sorted((p.id, p.thread, p.parent, p.author, p.author_key, p.text, p.title, p.created) for p in posts)


def test_a_list_of_chats_saved_alone_reads_as_the_account_export_it_was_taken_from(read, tmp_path):
    """An account export's 'chats' 'list' saved alone, without the object around it (no public file of that shape was
    found: the list is taken here from the export parser's sample in the account export's shape, and made of the real
    one-chat exports): each chat a thread, as the export holding it gives them, detected with no format given.
    Before, the list was refused as no chat object."""
    chats = json.loads(CONVERTED.read_text(encoding="utf-8"))["chats"]["list"]
    saved = tmp_path / "chats.json"
    saved.write_text(json.dumps(chats, ensure_ascii=False), encoding="utf-8")
    (inp,) = expand_inputs([str(saved)])
    assert detect(inp).name == "telegram"
    posts, report = read(saved)
    whole, _ = read(CONVERTED)
    assert _read_as(posts) == _read_as(whole) and len({p.thread for p in posts}) == len(chats) > 1
    assert report.counts == {}
    real = sorted(REAL.glob("*.json"))
    exports = [json.loads(path.read_text(encoding="utf-8")) for path in real]
    assert all("messages" in chat and "id" in chat for chat in exports)
    saved.write_text(json.dumps(exports, ensure_ascii=False), encoding="utf-8")
    posts, _ = read(saved)
    alone = [post for path in real for post in read(path)[0]]  # two are of one supergroup: a post read once
    assert _read_as(posts) == sorted(set(_read_as(alone))) and {p.thread for p in posts} == {
        schema.article_id("telegram", str(chat["id"])) for chat in exports
    }
