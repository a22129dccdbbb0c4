"""Mastodon: a status and its context from the API (real shapes, two files), and a real outbox loaded
into the embedded store, checked against what the files state."""

import json
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urlsplit

import pytest
from click.testing import CliRunner

from graphkit import schema
from graphkit.cli import main
from graphkit.sources import MALFORMED, MISSING_ROOT, expand_inputs, read_posts
from graphkit.sources.mastodon import BOOSTS, OUTBOX_BOOSTS
from tests.cli_runs import run, store_rows
from tests.test_real_exports import api_parent

REAL_FOLDER = Path(__file__).parent.parent / "data" / "real" / "mastodon"
REAL = sorted(REAL_FOLDER.glob("*-outbox.json"))
REAL_API = sorted(REAL_FOLDER.glob("mastodon*.json"))


def _uri(host: str, user: str, status: str) -> str:
    return f"https://{host}/users/{user}/statuses/{status}"


def test_a_status_and_its_context_make_one_thread_in_any_order(read, shape, data, tmp_path):
    folder = tmp_path / "thread"
    folder.mkdir()
    for n, name in enumerate(("mastodon-status.json", "mastodon-context.json")):
        (folder / f"{n}-{name}").write_bytes((data / name).read_bytes())
    posts, report = read(folder)
    root, focal = _uri("masto.example", "alice", "1001"), _uri("other.example", "bob", "1002")
    assert shape(posts) == {
        root: (None, True),
        focal: (root, False),
        _uri("masto.example", "carol", "1003"): (focal, False),
        _uri("masto.example", "alice", "1004"): (root, False),
        "api:999": (None, True),  # the status answered is not in the input: it stands in as the root
        _uri("masto.example", "carol", "1005"): ("api:999", False),
    }
    assert report.counts == {MISSING_ROOT: 1, MALFORMED: 1}
    by = {p.source_id: p for p in posts}
    reply = by[_uri("masto.example", "carol", "1003")]
    assert (reply.author, reply.author_key) == ("carol", "masto.example/@carol")
    assert (by[focal].author, by[focal].author_key) == ("Bob", "other.example/@bob")
    assert reply.text == "@bob @alice ranked choice is slower to count."
    assert [(s.target, reply.text[s.start : s.end]) for s in reply.stated] == [
        (schema.author_id("mastodon", "other.example/@bob"), "@bob"),
        (schema.author_id("mastodon", "masto.example/@alice"), "@alice"),
    ]
    assert by[root].text == "Which counting rule should the club use? https://example.org/rules"


@pytest.mark.parametrize("path", REAL, ids=lambda p: p.name)
def test_real_outbox_mentions_and_boosts(tmp_path, path):
    store = str(tmp_path / "s.lbug")
    result = CliRunner().invoke(
        main, ["load", str(path), "--store", store, "--no-entities", "--workers", "1"], catch_exceptions=False
    )
    assert result.exit_code == 0, result.output
    outbox = json.loads(path.read_text("utf-8"))
    notes = [a["object"] for a in outbox["orderedItems"] if a["type"] == "Create"]
    boosts = sum(1 for a in outbox["orderedItems"] if a["type"] == "Announce")
    # a boost's object is the boosted post's address alone: the line says no post of it is read (before, it said the
    # boosted post is read, as the API's boost holds it)
    assert all(isinstance(a["object"], str) for a in outbox["orderedItems"] if a["type"] == "Announce")
    assert f"{boosts} {OUTBOX_BOOSTS}" in result.output and BOOSTS not in result.output
    tags = [(n["id"], t["name"]) for n in notes for t in n["tag"] if t["type"] == "Mention"]
    mentions = sorted((post, "@" + name.lstrip("@").partition("@")[0]) for post, name in tags)
    assert mentions
    rows = store_rows(
        store,
        "MATCH (p)-[r:MENTIONS]->(a:Author) WHERE NOT r.inferred RETURN p.source_id AS post, r.text AS text, "
        "a.platform AS platform",
    )
    assert sorted((r["post"], r["text"]) for r in rows) == mentions
    assert {r["platform"] for r in rows} == {"mastodon"}
    # accounts are never shown or keyed as e-mail addresses
    names = store_rows(store, "MATCH (a:Author) RETURN a.id AS id, a.name AS name, a.email AS email")
    assert all(r["email"] is None and "#" not in r["id"] for r in names)


def _statuses(value: dict | list) -> list[dict]:
    """The statuses of an API answer: one, a list (a timeline), or a context's ancestors and descendants;
    a boost stands for the status it holds."""
    if isinstance(value, dict) and "descendants" in value:
        value = value["ancestors"] + value["descendants"]
    return [s.get("reblog") or s for s in (value if isinstance(value, list) else [value])]


def _account(acct: str, page: str) -> str:
    """An API account as the store keys it: host/@user, the host of its page when acct names none."""
    user, _, host = acct.partition("@")
    return schema.author_id("mastodon", f"{host or page.split('/')[2].split(':')[0]}/@{user}")


@pytest.mark.parametrize("path", REAL_API, ids=lambda p: p.name)
def test_real_api_statuses_keep_replies_mentions_quotes_and_boosts(tmp_path, path):
    """Statuses as a Mastodon server answered its API: a reply answers the status its in_reply_to_id
    names (``api_parent`` when that status is not in the file: a context holds neither the status asked for
    nor what it does not reach), each account its mentions list is a given
    MENTIONS of that account, a quote post QUOTES the status it shows (the post when it is in the file,
    else its writer), and a boost is counted while the status it holds is read."""
    store = str(tmp_path / "s.lbug")
    result = CliRunner().invoke(main, ["load", str(path), "--store", store, "--no-entities", "--workers", "1"])
    assert result.exit_code == 0, result.output
    value = json.loads(path.read_text("utf-8"))
    listed = value if isinstance(value, list) else [value]
    statuses = _statuses(value)
    boosts = sum(1 for s in listed if s.get("reblog"))
    assert (f"{boosts} {BOOSTS}" in result.output) == bool(boosts)
    uri = {s["id"]: s["uri"] for s in statuses}
    replies = sorted((s["uri"], api_parent(s, uri)) for s in statuses if s["in_reply_to_id"])
    rows = store_rows(
        store,
        "MATCH (c)-[r:REPLY_TO]->(p) WHERE NOT r.inferred RETURN c.source_id AS post, p.source_id AS parent",
    )
    assert sorted((r["post"], r["parent"]) for r in rows) == replies
    mentions = sorted((s["uri"], _account(m["acct"], m["url"])) for s in statuses for m in s["mentions"])
    rows = store_rows(
        store,
        "MATCH (p)-[r:MENTIONS]->(a:Author) WHERE NOT r.inferred RETURN p.source_id AS post, a.id AS author",
    )
    assert sorted((r["post"], r["author"]) for r in rows) == mentions
    quoting = [s for s in statuses if s.get("quote") and s["quote"]["quoted_status"]]
    quotes = sorted(
        (s["uri"], q["uri"] if q["uri"] in uri.values() else _account(q["account"]["acct"], q["account"]["url"]))
        for s, q in ((s, s["quote"]["quoted_status"]) for s in quoting)
    )
    rows = store_rows(
        store,
        "MATCH (p)-[r:QUOTES]->(q) WHERE NOT r.inferred RETURN p.source_id AS post, coalesce(q.source_id, q.id) AS q",
    )
    assert sorted((r["post"], r["q"]) for r in rows) == quotes
    writers = store_rows(store, "MATCH (a:Author)-[:WROTE]->(p) RETURN p.source_id AS post, a.id AS author")
    wrote = {s["uri"]: s["account"] for s in statuses}
    # a status not in the file is written by the account whose address its uri starts with (Mastodon's own uris)
    accounts = {s["account"]["uri"]: s["account"] for s in statuses if s["account"].get("uri")}
    stubs = {parent: accounts.get(parent.rpartition("/statuses/")[0]) for _, parent in replies}
    wrote |= {stub: account for stub, account in stubs.items() if account and stub not in uri.values()}
    assert sorted((r["post"], r["author"]) for r in writers) == sorted(
        (post, _account(account["acct"], account["url"])) for post, account in wrote.items()
    )
    texts = store_rows(store, "MATCH (p) WHERE p.text CONTAINS 'RE: http' RETURN count(p) AS n")
    assert texts == [{"n": 0}]  # the line for clients that do not show quotes is not the post's words


def test_real_api_files_state_what_the_checks_need():
    """Across the real API files: replies, mentions, a quote of a post in its file, a boost, and contexts
    whose replies answer statuses not in them (as a context always does) with numeric and string ids."""
    statuses, contexts = [], []
    for path in REAL_API:
        value = json.loads(path.read_text("utf-8"))
        if isinstance(value, dict) and "descendants" in value:
            contexts.append(value["ancestors"] + value["descendants"])
        else:
            statuses += value if isinstance(value, list) else [value]
    assert any(s["in_reply_to_id"] for s in statuses) and any(s["mentions"] for s in statuses)
    assert any(s["reblog"] for s in statuses) and any(s["quote"] for s in statuses)
    answered = [(s["in_reply_to_id"], {c["id"] for c in context}) for context in contexts for s in context]
    assert any(parent is not None and parent not in ids for parent, ids in answered)
    assert {type(s["id"]) for context in contexts for s in context} == {int, str}
    assert any(s["mentions"] for context in contexts for s in context)


def test_a_file_that_is_not_mastodon_is_refused_with_one_line(data, tmp_path):
    result = CliRunner().invoke(
        main, ["load", str(data / "hn-item.json"), "--format", "mastodon", "--store", str(tmp_path / "s.lbug")]
    )
    assert result.exit_code == 1
    assert result.output.strip().count("\n") == 0 and "not Mastodon" in result.output


def test_an_outbox_note_quoting_a_post_quotes_it_or_its_writer(read, tmp_path):
    """A Note's ``quote`` names the post it quotes: the post when the outbox holds it, else the writer
    its Mastodon uri names; a uri of another form names no writer, and nothing is stated."""

    def note(n: int, **extra: str) -> dict:
        return {
            "type": "Create",
            "object": {
                "type": "Note",
                "id": _uri("masto.example", "alice", str(n)),
                "attributedTo": "https://masto.example/users/alice",
                "published": f"2026-01-0{n}T10:00:00Z",
                "content": f"<p>post {n}</p>",
                **extra,
            },
        }

    outbox = {
        "@context": "https://www.w3.org/ns/activitystreams",
        "type": "OrderedCollection",
        "orderedItems": [
            note(1),
            note(2, quote=_uri("masto.example", "alice", "1")),
            note(3, quoteUri=_uri("other.example", "zed", "9")),
            note(4, _misskey_quote="https://other.example/notes/9"),
        ],
    }
    path = tmp_path / "outbox.json"
    path.write_text(json.dumps(outbox), "utf-8")
    posts, _ = read(path)
    by = {p.source_id: p for p in posts}
    quotes = {key: [(s.type, s.target) for s in post.stated] for key, post in by.items()}
    assert quotes == {
        _uri("masto.example", "alice", "1"): [],
        _uri("masto.example", "alice", "2"): [(schema.QUOTES, by[_uri("masto.example", "alice", "1")].id)],
        _uri("masto.example", "alice", "3"): [(schema.QUOTES, schema.author_id("mastodon", "other.example/@zed"))],
        _uri("masto.example", "alice", "4"): [],
    }


TOOTSDK = ("tootsdk-post-no-emojis.json", "tootsdk-post-emojis-attachments.json", "tootsdk-akkoma-quote.json")


def _hashtag_links(content: str) -> list[str]:
    """The addresses of a status's hashtag links (rel="tag", or class "hashtag"), read with the HTML parser."""
    found: list[str] = []

    class Links(HTMLParser):
        def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
            got = {k: v or "" for k, v in attrs}
            if tag == "a" and ("tag" in got.get("rel", "").split() or "hashtag" in got.get("class", "").split()):
                found.append(got["href"])

    Links().feed(content)
    return found


@pytest.mark.parametrize("name", TOOTSDK)
def test_real_statuses_a_client_copied_are_read_as_mastodon_with_hashtags_as_tags(read, name):
    """Statuses of a Mastodon and an Akkoma server as TootSDK wrote them (without their empty fields,
    in_reply_to_id among them) are told apart as Mastodon; each hashtag shows as "#tag" and cites nothing."""
    status = json.loads((REAL_FOLDER / name).read_text("utf-8"))
    assert "in_reply_to_id" not in status or status["in_reply_to_id"] is None
    posts, _ = read(REAL_FOLDER / name)
    (post,) = [p for p in posts if p.source_id == status["uri"]]
    assert post.platform == "mastodon" and post.author == status["account"]["display_name"]
    links = _hashtag_links(status["content"])
    assert len(links) == len(status["tags"]) and not any(link in post.text for link in links)
    assert all(f"#{tag['name']}".lower() in post.text.lower() for tag in status["tags"])


def test_a_real_akkoma_quote_is_a_quote_of_the_status_it_holds(read):
    """Akkoma gives the status quoted itself as ``quote`` (and its id as quote_id): the quote post quotes
    that status's writer (the status is no post of the input), and its link to it is no text of the post."""
    status = json.loads((REAL_FOLDER / "tootsdk-akkoma-quote.json").read_text("utf-8"))
    quoted = status["quote"]
    assert quoted["id"] == status["quote_id"]
    user, host = quoted["account"]["acct"].split("@")
    posts, _ = read(REAL_FOLDER / "tootsdk-akkoma-quote.json")
    (post,) = posts
    assert [(s.type, s.target) for s in post.stated if s.type == schema.QUOTES] == [
        (schema.QUOTES, schema.author_id("mastodon", f"{host}/@{user}"))
    ]
    assert quoted["url"] in status["content"] and quoted["url"] not in post.text


def test_an_account_only_mentioned_is_named_with_its_server(tmp_path):
    """tootsdk's statuses: technicat of miraiverse.xyz writes a post mentioning technicat of universeodon.com, who
    writes nothing here. Each account only mentioned is named as the reader keys it, its server first (it was
    "@technicat" beside the writer "technicat", which read as a mention of oneself)."""
    paths = sorted(REAL_FOLDER.glob("tootsdk-*.json"))
    store = str(tmp_path / "s.lbug")
    result = CliRunner().invoke(main, ["load", *map(str, paths), "--store", store, "--no-entities", "--workers", "1"])
    assert result.exit_code == 0, result.output
    statuses = [s for path in paths for s in _statuses(json.loads(path.read_text("utf-8")))]
    writers = {_account(s["account"]["acct"], s["account"]["url"]) for s in statuses}
    named = {}
    for mention in (m for s in statuses for m in s["mentions"]):
        user, _, host = mention["acct"].partition("@")
        account = f"{host or mention['url'].split('/')[2]}/@{user}"
        if schema.author_id("mastodon", account) not in writers:
            named[schema.author_id("mastodon", account)] = account
    assert named[schema.author_id("mastodon", "universeodon.com/@technicat")] == "universeodon.com/@technicat"
    rows = store_rows(store, "MATCH (a:Author) RETURN a.id AS id, a.name AS name, a.email AS email")
    assert {r["id"]: r["name"] for r in rows if r["id"] in named} == named
    assert all(r["email"] is None for r in rows)


TRIAL = Path(__file__).parent.parent / "data" / "trial"


def test_a_pleroma_chat_list_is_refused_in_one_line_saying_what_it_is(tmp_path):
    """Pleroma's chat list (its API's example chat, as /api/v1/pleroma/chats lists it) names an account with an acct
    and holds content in each chat's last message, so it is taken for statuses; it holds no status and only each
    chat's last message. Before, it was refused as "not Mastodon statuses or an outbox (no status or Note found)";
    now the line says it is a chat list and what to load instead."""
    path = TRIAL / "pleroma-chat-list.json"
    chats = json.loads(path.read_text(encoding="utf-8"))
    assert all({"account", "last_message", "unread"} <= chat.keys() for chat in chats)
    result = CliRunner().invoke(main, ["load", str(path), "--store", str(tmp_path / "s.lbug"), "--workers", "1"])
    assert result.exit_code == 1
    assert result.stderr.strip().splitlines() == [
        f"Error: {path}: a Pleroma chat list (1 chat, each its last message only), not statuses: load a chat's "
        "messages (/api/v1/pleroma/chats/ID/messages), read as one thread"
    ]


def test_a_pleroma_chat_list_loaded_after_statuses_is_refused_as_one(tmp_path):
    """The chat list after a file of statuses in one load (a home timeline as Mastodon.py saved it): refused in the
    same line as alone (before, only where it came first; after statuses it was 'not Mastodon statuses')."""
    statuses, chats = REAL_FOLDER / "mastodonpy-home-timeline.json", TRIAL / "pleroma-chat-list.json"
    store = str(tmp_path / "s.lbug")
    result = CliRunner().invoke(main, ["load", str(statuses), str(chats), "--store", store, "--workers", "1"])
    assert result.exit_code == 1
    assert result.stderr.strip().splitlines() == [
        f"Error: {chats}: a Pleroma chat list (1 chat, each its last message only), not statuses: load a chat's "
        "messages (/api/v1/pleroma/chats/ID/messages), read as one thread"
    ]


def test_a_pleroma_chats_messages_are_one_thread(tmp_path):
    """A chat's messages as Pleroma's API documentation shows them (/api/v1/pleroma/chats/ID/messages, newest first):
    rows of a table whose "chat_id" is the thread and "account_id" the writer, read oldest first. Before, each message
    was a thread of its own with no writer."""
    path = TRIAL / "pleroma-chat-messages.json"
    messages = json.loads(path.read_text(encoding="utf-8"))
    posts = list(read_posts(expand_inputs([str(path)])))
    stub, *read = posts
    assert stub.meta == {"stub": True} and {p.thread for p in posts} == {stub.id}
    oldest_first = sorted(messages, key=lambda m: m["created_at"])
    assert [(p.source_id, p.author, p.text) for p in read] == [
        (m["id"], m["account_id"], m["content"]) for m in oldest_first
    ]


def test_real_accounts_are_found_by_their_user_name(tmp_path):
    """Mastodon.py's and tootsdk's statuses: an account is shown by its display name ("John Lennon") or, only
    mentioned, as keyed (host/@user); either way it holds its user name (``handle``), and the query library
    finds its mentions by that user name as the text's "@mentions" write it, with or without "@", in any case."""
    paths = [p for p in REAL_API if p.name.startswith("mastodonpy-")] + sorted(REAL_FOLDER.glob("tootsdk-*.json"))
    store = str(tmp_path / "s.lbug")
    result = CliRunner().invoke(main, ["load", *map(str, paths), "--store", store, "--no-entities", "--workers", "1"])
    assert result.exit_code == 0, result.output
    statuses = [s for path in paths for s in _statuses(json.loads(path.read_text("utf-8")))]
    users = {_account(s["account"]["acct"], s["account"]["url"]): s["account"]["username"] for s in statuses}
    for mention in (m for s in statuses for m in s["mentions"]):
        users.setdefault(_account(mention["acct"], mention["url"]), mention["username"])
    rows = store_rows(store, "MATCH (a:Author) RETURN a.id AS id, a.name AS name, a.handle AS handle")
    assert {r["id"]: r["handle"] or r["name"] for r in rows} == users
    assert {r["name"] for r in rows if r["handle"]} >= {"John Lennon", "TootSDK", "universeodon.com/@technicat"}
    ids = {r["id"]: r["post"] for r in store_rows(store, "MATCH (p) RETURN p.id AS id, p.source_id AS post")}
    mentioning: dict[str, set[str]] = {}
    for status in statuses:
        for mention in status["mentions"]:
            mentioning.setdefault(mention["username"].lower(), set()).add(status["uri"])
    assert len(mentioning) >= 4
    for user, uris in mentioning.items():
        found = json.loads(run("query", "mentions-of", "-p", f"name={user}", "--format", "json", "--store", store))
        assert {ids[r["post"]] for r in found} == uris, user
        for given in (f"@{user}", user.upper()):
            assert (
                json.loads(run("query", "mentions-of", "-p", f"name={given}", "--format", "json", "--store", store))
                == found
            )


def test_real_accounts_are_found_by_the_address_people_write(tmp_path):
    """Mastodon.py's and tootsdk's statuses: an account written as "@user@host" or "user@host" is found, by the
    query library and a view, as the one account the store keeps as host/@user: the statuses mentioning it."""
    from graphkit.store import open_store
    from graphkit.views.scope import match_authors

    paths = [p for p in REAL_API if p.name.startswith("mastodonpy-")] + sorted(REAL_FOLDER.glob("tootsdk-*.json"))
    store = str(tmp_path / "s.lbug")
    result = CliRunner().invoke(main, ["load", *map(str, paths), "--store", store, "--no-entities", "--workers", "1"])
    assert result.exit_code == 0, result.output
    statuses = [s for path in paths for s in _statuses(json.loads(path.read_text("utf-8")))]
    mentioning: dict[tuple[str, str], set[str]] = {}
    for status in statuses:
        for mention in status["mentions"]:
            account = _account(mention["acct"], mention["url"])
            host = unquote(account).rpartition("/@")[0].rpartition(":")[2]
            mentioning.setdefault((account, f"{mention['username']}@{host}"), set()).add(status["uri"])
    assert len(mentioning) >= 4
    ids = {r["id"]: r["post"] for r in store_rows(store, "MATCH (p) RETURN p.id AS id, p.source_id AS post")}
    with open_store("ladybug", path=store, read_only=True) as opened:
        for (account, address), uris in mentioning.items():
            for given in (address, f"@{address}"):
                found = json.loads(
                    run("query", "mentions-of", "-p", f"name={given}", "--format", "json", "--store", store)
                )
                assert {ids[r["post"]] for r in found} == uris, given
                assert match_authors(opened, given) == [account]


def test_a_real_outboxs_answers_to_posts_outside_it_answer_their_writers(tmp_path):
    """An account's outbox (tests/data/trial): most of its Notes answer other people's posts, which the archive does
    not hold; each ``inReplyTo`` is the post's address, ``https://host/users/USER/statuses/ID`` as Mastodon writes
    it. Before, such a post's stub root had no writer, so the reply network kept only the account's answers to
    itself (4 of 47); now every answer answers the account its parent's address names, that account written
    "@USER" as the outbox writes its own account, or, one writing nothing here, shown by its server and user name as
    a mention of it is (the domain its Mention tag names, which may differ from its actor's host), whichever of the
    two comes first."""
    path = TRIAL / "mastodon-outbox-hawksworx.json"
    notes = [a["object"] for a in json.loads(path.read_text(encoding="utf-8"))["orderedItems"] if a["type"] == "Create"]
    writer = {n["id"]: n["attributedTo"] for n in notes}
    own = set(writer.values())
    # a Mention tag names the account as people write it, "@USER@DOMAIN", whose domain need not be the actor's host
    tags = [t for n in notes for t in n["tag"] if t["type"] == "Mention" and t["name"].count("@") == 2]
    mentioned = {t["href"]: t["name"].split("@")[1:] for t in tags}
    expected = {}
    for note in notes:
        if parent := note["inReplyTo"]:
            actor = writer.get(parent) or parent.rsplit("/statuses/", 1)[0]
            user, host = mentioned.get(actor) or (actor.rsplit("/users/", 1)[1], urlsplit(actor).hostname)
            expected[note["id"]] = "@" + user if actor in own else f"{host}/@{user}"
    assert any(mentioned.get(a, [None])[-1] not in (None, urlsplit(a).hostname) for a in mentioned)
    assert any(name.startswith("@") for name in expected.values())
    assert any(not name.startswith("@") for name in expected.values())
    assert len(expected) > 40 and sum(p not in writer for p in (n["inReplyTo"] for n in notes)) > 40
    store = str(tmp_path / "s.lbug")
    run("load", str(path), "--store", store, "--no-entities", "--workers", "1")
    rows = store_rows(
        store,
        "MATCH (c)-[r:REPLY_TO]->(p)<-[:WROTE]-(a:Author) WHERE NOT r.inferred "
        "RETURN c.source_id AS post, a.name AS to",
    )
    assert {r["post"]: r["to"] for r in rows} == expected


def _carol_named_two_ways() -> tuple[dict, dict, list[dict]]:
    """carol's own outbox (her Notes' pages give the server's host, social.example.org), an outbox of alice's
    mentioning her as people write her, "@carol@example.org", and carol's status and dan's answer mentioning her as
    their server's API gives them (each ``acct`` without a domain, so the host of the account's page)."""
    actor = "https://social.example.org/users/carol"
    own = {
        "type": "Create",
        "object": {
            "type": "Note",
            "id": f"{actor}/statuses/1",
            "url": "https://social.example.org/@carol/1",
            "attributedTo": actor,
            "published": "2026-01-01T10:00:00Z",
            "content": "<p>The vote is on Friday.</p>",
        },
    }
    mention = {"type": "Mention", "href": actor, "name": "@carol@example.org"}
    other = {
        "type": "Create",
        "object": {
            "type": "Note",
            "id": _uri("masto.example", "alice", "2"),
            "attributedTo": "https://masto.example/users/alice",
            "published": "2026-01-02T10:00:00Z",
            "content": '<p><span class="h-card"><a href="https://social.example.org/@carol" class="u-url mention">'
            "@<span>carol</span></a></span> Friday suits me.</p>",
            "tag": [mention],
        },
    }
    status = {
        "id": "3",
        "uri": f"{actor}/statuses/3",
        "url": "https://social.example.org/@carol/3",
        "created_at": "2026-01-03T10:00:00.000Z",
        "content": "<p>See you then.</p>",
        "account": {
            "id": "7",
            "username": "carol",
            "acct": "carol",
            "display_name": "Carol",
            "url": "https://social.example.org/@carol",
            "uri": actor,
        },
    }
    dan = {"id": "8", "username": "dan", "acct": "dan", "url": "https://social.example.org/@dan"}
    answer = {
        "id": "4",
        "uri": "https://social.example.org/users/dan/statuses/4",
        "created_at": "2026-01-04T10:00:00.000Z",
        "in_reply_to_id": "3",
        "content": '<p><span class="h-card"><a href="https://social.example.org/@carol" class="u-url mention">'
        "@<span>carol</span></a></span> me too.</p>",
        "account": {**dan, "display_name": "Dan", "uri": "https://social.example.org/users/dan"},
        "mentions": [{"id": "7", "username": "carol", "acct": "carol", "url": "https://social.example.org/@carol"}],
    }
    outbox = {"@context": "https://www.w3.org/ns/activitystreams", "type": "OrderedCollection"}
    return {**outbox, "orderedItems": [own]}, {**outbox, "orderedItems": [other]}, [status, answer]


@pytest.mark.parametrize("api", [False, True], ids=["outboxes", "outbox-and-api"])
@pytest.mark.parametrize("first", [0, 1])
def test_an_account_named_by_two_hosts_is_one_author_in_any_order(read, tmp_path, api, first):
    """One account whose server's host is not the domain people write it by: its own Notes (or its server's API)
    give the host, a mention the domain. It is one Author, the one its mention resolves to, whichever file of the
    load comes first (the name read last won, so the order of the files made two accounts of one), and so is the
    account her server's API mentions."""
    outbox, other, statuses = _carol_named_two_ways()
    own = statuses if api else outbox
    for n, value in enumerate((own, other) if first == 0 else (other, own)):
        (tmp_path / f"{n}.json").write_text(json.dumps(value), "utf-8")
    posts, _ = read(tmp_path)
    by = {p.source_id: p for p in posts}
    written = by[statuses[0]["uri"] if api else outbox["orderedItems"][0]["object"]["id"]]
    mentions = [by[other["orderedItems"][0]["object"]["id"]].stated]
    mentions += [by[statuses[1]["uri"]].stated] if api else []  # her server's API names her by its host
    assert written.author_key == "example.org/@carol"  # the domain the mention gives, the one people write
    assert [[s.target for s in stated] for stated in mentions] == [
        [schema.author_id("mastodon", written.author_key)]
    ] * len(mentions)


@pytest.mark.parametrize("order", [(0, 1, 2), (1, 2, 0), (2, 0, 1), (2, 1, 0)])
@pytest.mark.parametrize("reverse", [False, True], ids=["posts-in-order", "posts-reversed"])
def test_an_account_showing_two_names_is_shown_by_one_in_any_order(read, tmp_path, order, reverse):
    """carol's outbox shows her as "@carol", her server's API by her display name, "Carol", and dan's statuses by
    "Dan", then by a name he took later, "Dan B.", in one of three. Each post took its own and the Author its first
    post's, so the order of the files (or of a file's posts) named them; now every post of an account shows the
    display name of most of its posts, whatever the order."""
    outbox, other, statuses = _carol_named_two_ways()
    dan = statuses[1]
    statuses += [
        {**dan, "id": "5", "uri": dan["uri"].replace("/4", "/5")},
        {
            **dan,
            "id": "6",
            "uri": dan["uri"].replace("/4", "/6"),
            "account": {**dan["account"], "display_name": "Dan B."},
        },
    ]
    files = [outbox, other, statuses]
    for n, at in enumerate(order):
        value = files[at]
        if reverse:
            value = value[::-1] if isinstance(value, list) else {**value, "orderedItems": value["orderedItems"][::-1]}
        (tmp_path / f"{n}.json").write_text(json.dumps(value), "utf-8")
    posts, _ = read(tmp_path)
    # ground truth from the files: the display name most of an account's API statuses give
    names = {
        s["account"]["username"]: [
            t["account"]["display_name"] for t in statuses if t["account"]["username"] == s["account"]["username"]
        ]
        for s in statuses
    }
    expected = {user: max(set(shown), key=shown.count) for user, shown in names.items()}
    assert expected == {"carol": "Carol", "dan": "Dan"}
    shown = {}
    for post in posts:
        if not post.meta.get("stub") and _user_of(post) in expected:
            shown.setdefault(_user_of(post), set()).add(post.author)
    assert shown == {user: {name} for user, name in expected.items()}
    store = str(tmp_path / "s.lbug")
    run("load", str(tmp_path), "--store", store, "--no-entities", "--workers", "1")
    rows = store_rows(store, "MATCH (a:Author) WHERE a.handle IN ['carol', 'dan'] RETURN a.handle AS h, a.name AS name")
    assert {r["h"]: r["name"] for r in rows} == expected


def _user_of(post) -> str:
    return post.author_key.partition("/@")[2]


def _status(n: int, user: str, host: str, shown: str, text: str) -> dict:
    account = {"id": str(n), "username": user, "acct": user, "display_name": shown, "url": f"https://{host}/@{user}"}
    return {
        "id": str(n),
        "uri": _uri(host, user, str(n)),
        "created_at": f"2026-01-0{n}T10:00:00.000Z",
        "content": f"<p>{text}</p>",
        "account": {**account, "uri": f"https://{host}/users/{user}"},
    }


@pytest.mark.parametrize("reverse", [False, True])
def test_a_display_name_two_accounts_show_names_one_of_them_in_any_order(tmp_path, reverse):
    """Two accounts on two servers show one display name, "Sam Reyes"; a third post speaks to "Sam". A name resolved
    to the Author whose post came first, so the order of the posts chose which account was spoken to; now the one of
    the least id, whatever the order."""
    statuses = [
        _status(1, "sreyes", "b.example", "Sam Reyes", "Hello all."),
        _status(2, "sam", "a.example", "Sam Reyes", "Hi there."),
        _status(3, "lee", "c.example", "Lee", "Sam, thanks for the link."),
    ]
    (tmp_path / "statuses.json").write_text(json.dumps(statuses[::-1] if reverse else statuses), "utf-8")
    store = str(tmp_path / "s.lbug")
    run("load", str(tmp_path / "statuses.json"), "--store", store, "--no-entities", "--workers", "1")
    rows = store_rows(store, "MATCH (:Comment|Article)-[r:MENTIONS]->(a:Author) RETURN a.id AS id, r.text AS text")
    # the accounts' ids as the README gives them: the platform and the account, host/@user
    least = min(
        f"author:mastodon:{s['account']['url'].split('/')[2]}%2F%40{s['account']['username']}" for s in statuses[:2]
    )
    assert rows == [{"id": least, "text": "Sam"}]


def _graph(store: str) -> tuple[list, list]:
    nodes = store_rows(store, "MATCH (n) RETURN n.id AS id, n.name AS name, n.handle AS handle")
    edges = store_rows(store, "MATCH (a)-[r]->(b) RETURN label(r) AS t, a.id AS a, b.id AS b, r.inferred AS inferred")
    key = lambda row: json.dumps(row, sort_keys=True)  # noqa: E731
    return sorted(map(key, nodes)), sorted(map(key, edges))


def test_the_real_files_with_their_posts_reversed_make_the_same_graph(tmp_path):
    """Every real Mastodon file of the load, its statuses or activities in the opposite order (the files in theirs):
    the same nodes, names and edges; the order of the posts chose an account's name before."""
    reversed_folder = tmp_path / "reversed"
    reversed_folder.mkdir()
    for path in sorted(REAL_FOLDER.glob("*.json")):
        value = json.loads(path.read_text(encoding="utf-8"))
        if isinstance(value, list):
            value = value[::-1]
        elif "orderedItems" in value:
            value = {**value, "orderedItems": value["orderedItems"][::-1]}
        elif "descendants" in value:
            value = {**value, "ancestors": value["ancestors"][::-1], "descendants": value["descendants"][::-1]}
        (reversed_folder / path.name).write_text(json.dumps(value), "utf-8")
    graphs = []
    for n, folder in enumerate((REAL_FOLDER, reversed_folder)):
        store = str(tmp_path / f"{n}.lbug")
        run("load", *map(str, sorted(folder.glob("*.json"))), "--store", store, "--no-entities", "--workers", "1")
        graphs.append(_graph(store))
    assert graphs[0] == graphs[1]
    assert len(graphs[0][1]) > 500


def test_a_display_name_two_accounts_show_names_the_same_account_loaded_in_two_runs(tmp_path):
    """The statuses of the test above loaded into one store in two runs, the first account's alone first: the
    second run knows the name from the store, which must name that account (its id, not one made from the name), so
    the MENTIONS is the one a single run makes."""
    statuses = [
        _status(1, "sreyes", "b.example", "Sam Reyes", "Hello all."),
        _status(2, "sam", "a.example", "Sam Reyes", "Hi there."),
        _status(3, "lee", "c.example", "Lee", "Sam, thanks for the link."),
    ]
    store = str(tmp_path / "s.lbug")
    for n, part in enumerate((statuses[:1], statuses[1:])):
        (tmp_path / f"{n}.json").write_text(json.dumps(part), "utf-8")
        run("load", str(tmp_path / f"{n}.json"), "--store", store, "--no-entities", "--workers", "1")
    rows = store_rows(store, "MATCH (:Comment|Article)-[r:MENTIONS]->(a:Author) RETURN a.id AS id, r.text AS text")
    least = min(
        f"author:mastodon:{s['account']['url'].split('/')[2]}%2F%40{s['account']['username']}" for s in statuses[:2]
    )
    assert rows == [{"id": least, "text": "Sam"}]


def test_a_display_name_the_store_holds_names_its_account_in_a_later_run(tmp_path):
    """An account's display name known from the store only (its status loaded in an earlier run): a later status
    speaking to it names that account, as one run of both does; the name was taken for an account of that name."""
    statuses = [
        _status(1, "sreyes", "b.example", "Sam Reyes", "Hello all."),
        _status(3, "lee", "c.example", "Lee", "Sam, thanks for the link."),
    ]
    account = "author:mastodon:b.example%2F%40sreyes"  # the README's id: the platform and the account, host/@user
    for parts in ([statuses], [statuses[:1], statuses[1:]]):
        store = str(tmp_path / f"{len(parts)}.lbug")
        for n, part in enumerate(parts):
            (tmp_path / f"{n}.json").write_text(json.dumps(part), "utf-8")
            run("load", str(tmp_path / f"{n}.json"), "--store", store, "--no-entities", "--workers", "1")
        rows = store_rows(store, "MATCH (:Comment|Article)-[r:MENTIONS]->(a:Author) RETURN a.id AS id, r.text AS text")
        assert rows == [{"id": account, "text": "Sam"}], f"{len(parts)} runs"
