"""Mastodon: a status and its context from the API (real shapes, two files), and a real outbox loaded
into the embedded store, checked against what the files state."""

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from graphkit import schema
from graphkit.cli import main
from graphkit.sources import MALFORMED, MISSING_ROOT
from graphkit.sources.mastodon import BOOSTS
from tests.cli_runs import store_rows

REAL_FOLDER = Path(__file__).parent.parent / "data" / "real" / "mastodon"
REAL = sorted(REAL_FOLDER.glob("*-outbox.json"))
REAL_API = REAL_FOLDER / "mastodonpy-status-reply.json"


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
    assert f"{boosts} {BOOSTS}" in result.output
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


def test_real_api_statuses_keep_their_reply_and_mentions(tmp_path):
    """Statuses as a Mastodon server answered its API: the reply answers the status its
    in_reply_to_id names, and each account its mentions list is a given MENTIONS of that account."""
    store = str(tmp_path / "s.lbug")
    result = CliRunner().invoke(main, ["load", str(REAL_API), "--store", store, "--no-entities", "--workers", "1"])
    assert result.exit_code == 0, result.output
    statuses = json.loads(REAL_API.read_text("utf-8"))
    uri = {s["id"]: s["uri"] for s in statuses}
    replies = sorted((s["uri"], uri[s["in_reply_to_id"]]) for s in statuses if s["in_reply_to_id"])
    assert replies
    rows = store_rows(
        store,
        "MATCH (c)-[r:REPLY_TO]->(p) WHERE NOT r.inferred RETURN c.source_id AS post, p.source_id AS parent",
    )
    assert sorted((r["post"], r["parent"]) for r in rows) == replies

    def account(acct: str, page: str) -> str:
        user, _, host = acct.partition("@")
        return f"{host or page.split('/')[2].split(':')[0]}/@{user}"

    mentions = sorted((s["uri"], account(m["acct"], m["url"])) for s in statuses for m in s["mentions"])
    assert mentions
    rows = store_rows(
        store,
        "MATCH (p)-[r:MENTIONS]->(a:Author) WHERE NOT r.inferred RETURN p.source_id AS post, a.id AS author",
    )
    assert sorted((r["post"], r["author"]) for r in rows) == [
        (post, schema.author_id("mastodon", who)) for post, who in mentions
    ]
    writers = store_rows(store, "MATCH (a:Author)-[:WROTE]->(p) RETURN p.source_id AS post, a.id AS author")
    assert sorted((r["post"], r["author"]) for r in writers) == sorted(
        (s["uri"], schema.author_id("mastodon", account(s["account"]["acct"], s["account"]["url"]))) for s in statuses
    )


def test_a_file_that_is_not_mastodon_is_refused_with_one_line(data, tmp_path):
    result = CliRunner().invoke(
        main, ["load", str(data / "hn-item.json"), "--format", "mastodon", "--store", str(tmp_path / "s.lbug")]
    )
    assert result.exit_code == 1
    assert result.output.strip().count("\n") == 0 and "not Mastodon" in result.output
