"""Disqus: the XML export of a news site."""

import json
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from click.testing import CliRunner

from graphkit import schema
from graphkit.cli import main
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
    "600007": (None, False),  # skipped as spam: the stub 600008 answers ("Reported that spam."), as it says
    "600008": ("600007", False),
    "599999": (None, False),  # not in the export: the stub 600009 answers
    "600009": ("599999", False),
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
    # accounts show their display name and are told apart by their user name; a guest shows the name
    # it typed and is told apart by the address it left
    assert [by[k].author for k in ("600001", "600002", "600003", "600005")] == ["Alice W.", "Guest", "Bob", "Carol"]
    keys = [by[k].author_key for k in ("600001", "600002", "600003", "600005")]
    assert keys == ["alice_w", "guest@example.net", "bob", "carol72"]
    assert [by[k].guest for k in ("600001", "600002", "600003", "600005")] == [False, True, False, False]
    assert by["600001"].meta["email"] == "alice@example.com"
    assert by["600003"].created == "2016-11-08T12:40:00Z"
    assert [by[k].position for k in ("600001", "600003", "600002", "600009")] == [1, 2, 3, 8]
    assert by["600001"].text == "Lavrov said it would hold > once.\n\nSee https://example.org/report?id=1"
    assert by["600002"].text == "I disagree.\nStrongly."
    assert by["600003"].text == "Zürich talks & naïve “hopes”"
    assert by["600004"].text == "Source: news.un.org/en/story/... (https://news.un.org/en/story/2016/11/545012)"
    assert by["600006"].deleted and by["600006"].text == "" and by["600006"].author == "Dave"
    for key in ("600007", "599999"):  # no spam's words nor writer, only the post answered
        assert (by[key].text, by[key].author, by[key].meta, by[key].thread) == ("", None, {"stub": True}, THREAD)
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


def _guest_post(key: str, name: str, email: str, parent: str = "") -> str:
    address = f"<email>{email}</email>" if email else ""
    return (
        f'<post dsq:id="{key}"><message><![CDATA[<p>post {key}</p>]]></message>'
        f"<createdAt>2020-01-01T0{key[-1]}:00:00Z</createdAt>"
        f"<author>{address}<name>{name}</name><isAnonymous>true</isAnonymous></author>"
        f'<thread dsq:id="1"/>{f"<parent dsq:id={chr(34)}{parent}{chr(34)}/>" if parent else ""}</post>'
    )


GUEST_ADDRESSES = f"""<?xml version="1.0" encoding="utf-8"?>
<disqus xmlns="http://disqus.com" xmlns:dsq="http://disqus.com/disqus-internals">
  <thread dsq:id="1"><link>https://blog.example.com/a</link><title>A</title>
    <createdAt>2020-01-01T00:00:00Z</createdAt></thread>
  <post dsq:id="21"><message><![CDATA[<p>an account</p>]]></message><createdAt>2020-01-01T01:00:00Z</createdAt>
    <author><name>Ann</name><isAnonymous>false</isAnonymous><username>ann</username></author>
    <thread dsq:id="1"/></post>
  {_guest_post("22", "Ann", "ann@example.org", "21")}
  {_guest_post("23", "Ann", "ann.other@example.net", "22")}
  {_guest_post("24", "Ann K.", "Ann@Example.org", "23")}
  {_guest_post("25", "Ann", "")}
  {_guest_post("26", "Ann", "")}
</disqus>
"""


def test_guests_are_told_apart_by_the_address_they_left_and_keep_the_name_they_typed(tmp_path):
    """Two guests typing one name are two Authors when they left two addresses; one guest typing two
    names with one address is one Author; guests without an address stay one Author per name, and
    none of them is the account of that name. Ground truth from the export itself."""
    path = tmp_path / "guests.xml"
    path.write_text(GUEST_ADDRESSES, encoding="utf-8")
    ns = "{http://disqus.com}"
    writer, shown = {}, {}
    for post in ET.parse(path).getroot().iter(f"{ns}post"):
        key = post.get("{http://disqus.com/disqus-internals}id")
        name, email = post.findtext(f"{ns}author/{ns}name"), post.findtext(f"{ns}author/{ns}email") or ""
        guest = post.findtext(f"{ns}author/{ns}isAnonymous") == "true"
        account = post.findtext(f"{ns}author/{ns}username")
        writer[key] = ("guest", email.lower() or name) if guest else ("account", account)
        shown[key] = (name, guest)
    out = tmp_path / "graph.json"
    result = CliRunner().invoke(main, ["extract", str(path), "-o", str(out), "--no-entities"], catch_exceptions=False)
    assert result.exit_code == 0, result.output
    graph = json.loads(out.read_text(encoding="utf-8"))
    nodes = {n["id"]: n for n in graph["nodes"]}
    wrote = {nodes[e["target"]]["source_id"]: e["source"] for e in graph["edges"] if e["type"] == schema.WROTE}
    posts = sorted(writer)
    assert {(a, b) for a in posts for b in posts if wrote[a] == wrote[b]} == {
        (a, b) for a in posts for b in posts if writer[a] == writer[b]
    }
    assert len(set(wrote.values())) == len(set(writer.values())) == 4
    first = {}  # an Author shows the name of its first post
    for key in posts:
        first.setdefault(wrote[key], shown[key])
    assert {a: (nodes[a]["name"], nodes[a]["guest"]) for a in first} == first


REAL = Path(__file__).parent.parent / "data" / "real" / "disqus" / "benbalter-blog.xml"


def test_real_accounts_are_found_by_their_user_name_as_written(tmp_path):
    """Ben Balter's blog: an account shown by its name ("Juan Ramos") holds its Disqus user name ("sorcjc") and
    ``view --author`` finds it by that user name, with or without "@", in any case as a name shown is found; a
    name a guest typed is no user name: "@" before it finds no one."""
    from graphkit.store import open_store
    from graphkit.views.scope import match_authors

    ns = {"d": "http://disqus.com"}
    users: dict[str, str] = {}
    guests: set[str] = set()
    taken: set[str] = set()  # names and user names of accounts, in lower case
    for post in ET.parse(REAL).getroot().iterfind("d:post", ns):
        author = post.find("d:author", ns)
        if post.findtext("d:isSpam", "", ns) == "true" or author is None:
            continue  # spam is left out
        name, user = author.findtext("d:name", "", ns), author.findtext("d:username", "", ns)
        if author.findtext("d:isAnonymous", "", ns) == "true":
            guests.add(name)
            continue
        taken |= {name.lower(), user.lower()}
        if name and name.lower() != user.lower() and "@" not in name:
            users[user] = name
    guests = {g for g in guests if g and g.lower() not in taken and "@" not in g}
    assert len(users) >= 5 and len(guests) >= 5
    store = str(tmp_path / "s.lbug")
    result = CliRunner().invoke(main, ["load", str(REAL), "--store", store, "--no-entities", "--workers", "1"])
    assert result.exit_code == 0, result.output
    with open_store("ladybug", path=store, read_only=True) as opened:
        for user, name in users.items():
            account = [schema.author_id("disqus", user)]
            assert match_authors(opened, user) == match_authors(opened, f"@{user}") == account
            assert match_authors(opened, f"@{user.swapcase()}") == match_authors(opened, user.swapcase()) == account
            assert account[0] in match_authors(opened, name.upper())  # with a guest typing the name, if any
        for guest in guests:
            assert match_authors(opened, guest)
            with pytest.raises(InputError, match="no author matches"):
                match_authors(opened, f"@{guest}")
