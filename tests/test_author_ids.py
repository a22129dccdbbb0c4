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
from tests import builders as build


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
    build.jsonl(path, rows)
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


def _disqus_post(key: str, author: str, message: str, parent: str = "") -> str:
    parent_ref = f'<parent dsq:id="{parent}" />' if parent else ""
    return (
        f'<post dsq:id="{key}"><id /><message><![CDATA[{message}]]></message>'
        f"<createdAt>2016-11-08T12:{key[-2:]}:00Z</createdAt><isDeleted>false</isDeleted><isSpam>false</isSpam>"
        f'{author}<thread dsq:id="52" />{parent_ref}</post>'
    )


def _account(name: str, username: str) -> str:
    return f"<author><name>{name}</name><isAnonymous>false</isAnonymous><username>{username}</username></author>"


def _guest(name: str) -> str:
    return f"<author><name>{name}</name><isAnonymous>true</isAnonymous></author>"


def test_disqus_accounts_show_their_name_and_a_quoted_guest_stays_a_guest(tmp_path):
    """As Disqus exports write it: an account has a display name and a user name, a guest only the
    name typed. The account shows its display name and is its user name; a quote too short to be
    found in the thread goes to the Author of the post answered, and for the guest's post that is
    the guest, not an account of that name."""
    posts = [
        _disqus_post("601", _account("Ann Lee", "annlee_77"), "<p>The truce held for a week.</p>"),
        _disqus_post("602", _guest("Ann Lee"), "<p>It held for two days at most.</p>"),
        _disqus_post("603", _account("Bob", "bob_b"), "<p>&gt; two days</p><p>No.</p>", "602"),
        _disqus_post("604", _account("Bob", "bob_b"), "<p>&gt; a week</p><p>Yes.</p>", "601"),
    ]
    path = tmp_path / "export.xml"
    path.write_text(
        '<?xml version="1.0" encoding="utf-8"?>\n<disqus xmlns="http://disqus.com" '
        'xmlns:dsq="http://disqus.com/disqus-internals"><thread dsq:id="52"><link>https://news.example.com/a</link>'
        f"<title>A</title><message /><createdAt>2016-11-08T12:00:00Z</createdAt>{_account('News Desk', 'newsdesk')}"
        f"</thread>{''.join(posts)}</disqus>",
        encoding="utf-8",
    )
    graph = extract_graph(read_posts(expand_inputs([str(path)])), Extractor(entities=False))
    account, guest = schema.author_id("disqus", "annlee_77"), schema.guest_id("disqus", "Ann Lee")
    authors = {n: (a["name"], a["guest"]) for n, a in graph.nodes(data=True) if a.get("label") == schema.AUTHOR}
    assert authors == {
        schema.author_id("disqus", "newsdesk"): ("News Desk", False),
        account: ("Ann Lee", False),
        guest: ("Ann Lee", True),
        schema.author_id("disqus", "bob_b"): ("Bob", False),
    }
    quotes = {graph.nodes[p]["source_id"]: q for p, q, t in graph.edges(data="type") if t == schema.QUOTES}
    assert quotes == {"603": guest, "604": account}


def test_mail_senders_of_one_name_are_two_authors_and_one_address_is_one(tmp_path):
    """Two people who sign "John Smith" write from two addresses: two Authors, both shown as
    "John Smith"; one address that signs two ways, in either case, is one Author, shown by the longer
    name in each of its mails. No address is part of an id."""
    mails = [
        ("1@a.org", "John Smith <john@a.org>", "", "Opening the thread."),
        ("2@b.org", '"John Smith" <john@b.org>', "1@a.org", "A reply from the other John."),
        ("3@a.org", "J. Smith <John@A.org>", "2@b.org", "I sign both ways."),
        ("4@c.org", "Jane Doe <jane@c.org>", "3@a.org", "John Smith, you are both right."),
    ]
    path = tmp_path / "list.mbox"
    path.write_text(
        "".join(
            f"From x Tue Nov  8 12:0{n}:00 2016\nFrom: {sender}\nSubject: Re: t\n"
            f"Date: Tue, 08 Nov 2016 12:0{n}:00 +0000\nMessage-ID: <{mid}>\n"
            + (f"In-Reply-To: <{parent}>\n" if parent else "")
            + f"\n{body}\n\n"
            for n, (mid, sender, parent, body) in enumerate(mails)
        ),
        encoding="utf-8",
    )
    graph = extract_graph(read_posts(expand_inputs([str(path)])), Extractor(entities=False))
    wrote: dict[str, list[str]] = {}
    for author, post, kind in graph.edges(data="type"):
        if kind == schema.WROTE:
            wrote.setdefault(author, []).append(graph.nodes[post]["source_id"])
    assert sorted(sorted(posts) for posts in wrote.values()) == [["1@a.org", "3@a.org"], ["2@b.org"], ["4@c.org"]]
    assert [graph.nodes[a]["name"] for a in wrote] == ["John Smith", "John Smith", "Jane Doe"]
    assert {p.author for p in read_posts(expand_inputs([str(path)])) if p.author_key == "john@a.org"} == {"John Smith"}
    assert not [a for a in wrote if "@" in a]
    # the name reaches the Author who first showed it, an Author of the graph
    [mentioned] = [a for p, a, t in graph.edges(data="type") if t == schema.MENTIONS]
    assert mentioned in wrote


def test_an_account_shown_by_name_is_one_author_whether_it_writes_is_stated_or_named(tmp_path):
    """A Telegram account is its ``from_id`` and shows its name: a ``mention_name`` of it, and its
    name in plain text, reach the Author its own messages have; the stated span is not also
    found in the text."""

    def message(key: int, user: int, name: str, text: object) -> dict:
        return {
            "id": key,
            "type": "message",
            "date": "2024-01-02T10:00:0" + str(key),
            "from": name,
            "from_id": f"user{user}",
            "text": text,
        }

    chat = {"name": "Club", "type": "private_group", "id": 5, "messages": [
        message(1, 222, "Bob Stone", "The truce held for a week."),
        message(2, 333, "Ann Lee", ["Agreed, ", {"type": "mention_name", "text": "Bob Stone", "user_id": 222}]),
        message(3, 333, "Ann Lee", "Bob Stone, you said a week."),
        message(4, 444, "Bob Stone", "Another Bob Stone here."),
    ]}  # fmt: skip
    path = tmp_path / "result.json"
    path.write_text(json.dumps(chat), encoding="utf-8")
    graph = extract_graph(read_posts(expand_inputs([str(path)])), Extractor(entities=False))
    bob = schema.author_id("telegram", "user222")
    authors = {n: a["name"] for n, a in graph.nodes(data=True) if a.get("label") == schema.AUTHOR}
    assert authors == {bob: "Bob Stone", schema.author_id("telegram", "user333"): "Ann Lee",
                       schema.author_id("telegram", "user444"): "Bob Stone"}  # fmt: skip
    mentions = sorted(
        (graph.nodes[p]["source_id"], a, bool(e.get("inferred")))
        for p, a, e in graph.edges(data=True)
        if e["type"] == schema.MENTIONS
    )
    assert mentions == [("2", bob, False), ("3", bob, True)]
