"""Real exports written by other tools (see tests/data/real/*/README.md), loaded through the CLI into
a real embedded store and checked against ground truth computed here from the file itself with the
standard library only: how many comments, every stated parent as an exact non-inferred REPLY_TO (a parent the file
lacks a stub comment without text), and who wrote each post (Disqus guests included, as guests)."""

from __future__ import annotations

import csv
import email
import email.header
import email.utils
import html
import html.entities
import json
import mailbox
import re
import unicodedata
import xml.etree.ElementTree as ET
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import pytest
from click.testing import CliRunner

from graphkit.cli import main
from tests.cli_runs import assert_stated_parents, run, store_rows

REAL = Path(__file__).parent / "data" / "real"


@dataclass
class Truth:
    """What the file states: comments by id, each comment's stated parent, the parents below a thread's root it names
    but lacks (each a stub), the comments answering no post the file can name (a reply to another chat), each post's
    author as shown, and who that author is (what tells two writers apart, when it is not the name shown)."""

    comments: set[str] = field(default_factory=set)
    parent: dict[str, str] = field(default_factory=dict)
    stubs: set[str] = field(default_factory=set)
    unstated: set[str] = field(default_factory=set)
    author: dict[str, tuple[str, bool]] = field(default_factory=dict)  # post id -> (name, is a guest)
    who: dict[str, str] = field(default_factory=dict)  # post id -> identity, where it is not the name

    def identity(self, post: str) -> str:
        return self.who.get(post) or self.author[post][0]


def _no_address(name: str) -> str:
    """A name as an Author shows it: an e-mail address typed as the name stands as its local part
    (README, Author: no address is shown in a name)."""
    return re.sub(r"([\w.+-]+)@[\w-]+(?:\.[\w-]+)+", r"\1", name)


def _disqus(path: Path) -> Truth:
    ns, dsq = "{http://disqus.com}", "{http://disqus.com/disqus-internals}id"
    root = ET.parse(path).getroot()
    truth = Truth()
    posts = [p for p in root.iter(f"{ns}post") if p.findtext(f"{ns}isSpam") != "true"]
    kept = {p.get(dsq) for p in posts}
    for elem in [*root.iter(f"{ns}thread"), *posts]:
        key = elem.get(dsq)
        anonymous = elem.findtext(f"{ns}author/{ns}isAnonymous") == "true"
        name = (elem.findtext(f"{ns}author/{ns}name") or "").strip()
        username = (elem.findtext(f"{ns}author/{ns}username") or "").strip()
        email = (elem.findtext(f"{ns}author/{ns}email") or "").strip().lower()
        if anonymous and name:  # a guest is the address it left, else the name it typed
            truth.author[key] = (_no_address(name), True)
            truth.who[key] = f"guest {email or name}"
        elif not anonymous and (username or name):  # an account shows its name, is its user name
            truth.author[key] = (_no_address(name or username), False)
            truth.who[key] = f"account {username or name}"
        if elem.tag == f"{ns}post":
            truth.comments.add(key)
            parent = elem.find(f"{ns}parent")
            stated = parent.get(dsq) if parent is not None else None
            truth.parent[key] = stated or elem.find(f"{ns}thread").get(dsq)
            if stated and stated not in kept:  # not in the file, or spam: its stub
                truth.stubs.add(stated)
    return truth


def wxr_tree(path: Path) -> tuple[ET.Element, str]:
    """A WordPress export's root element and its ``wp`` namespace ("{...}"). WordPress.com's exports use the
    ``atom`` prefix undeclared, which the standard library's parser refuses: it is declared on the root first."""
    text = path.read_text(encoding="utf-8")
    head = text[: text.index(">", text.index("<rss"))]
    if "xmlns:atom" not in head:
        text = text.replace("<rss", '<rss xmlns:atom="http://www.w3.org/2005/Atom"', 1)
    return ET.fromstring(text), "{" + re.search(r'xmlns:wp="([^"]+)"', head)[1] + "}"


def _wxr(path: Path) -> Truth:
    """An item with comments people wrote is a thread (pingbacks, trackbacks, spam and trash are not theirs),
    written by the account ``dc:creator`` (shown by its ``wp:author`` name); a comment's writer is a site account
    where ``comment_user_id`` is not 0 (its login, where a ``wp:author`` gives it), else a guest known by the
    address and name left. An account is shown as its first post shows it."""
    root, wp = wxr_tree(path)

    def fields(elem: ET.Element) -> dict[str, str]:
        return {child.tag.rpartition("}")[2]: (child.text or "").strip() for child in reversed(elem)}

    authors = [fields(a) for a in root.iter(f"{wp}author")]
    display = {a["author_login"]: a.get("author_display_name") or a["author_login"] for a in authors}
    login = {a["author_id"]: a["author_login"] for a in authors if a.get("author_id")}
    truth, shown = Truth(), {}
    for item in root.iter("item"):
        comments = [
            c
            for c in map(fields, item.iter(f"{wp}comment"))
            if c.get("comment_type") not in ("pingback", "trackback") and c["comment_approved"] not in ("spam", "trash")
        ]
        if not comments:
            continue
        about = fields(item)
        key = about.get("post_id") or about["thread_identifier"]
        if creator := about.get("creator"):
            truth.who[key] = f"account {creator}"
            truth.author[key] = (shown.setdefault(truth.who[key], display.get(creator, creator)), False)
        ids = {c["comment_id"] for c in comments}
        for c in comments:
            truth.comments.add(c["comment_id"])
            parent = c["comment_parent"]
            truth.parent[c["comment_id"]] = key if parent in ("0", c["comment_id"]) else parent  # itself: the article
            if parent not in ids | {"0"}:  # not in the file, or skipped (spam, trash, a pingback): its stub
                truth.stubs.add(parent)
            if name := c["comment_author"]:
                user = c.get("comment_user_id", "0")
                account = user != "0"
                guest = f"guest {c.get('comment_author_email', '').lower()} {name}"
                who = f"account {login.get(user, '#' + user)}" if account else guest
                truth.who[c["comment_id"]] = who
                truth.author[c["comment_id"]] = (_no_address(shown.setdefault(who, name)), not account)
    return truth


def _mbox(path: Path) -> Truth:
    """Pipermail archives hide addresses as "user at host (Name)"; the name shown is in the comment,
    the sender is the address. They also leave "From " unescaped in bodies, where ``mailbox`` starts a
    headerless message: those pieces are not messages."""
    truth = Truth()
    messages = [m for m in mailbox.mbox(str(path)) if m["Message-ID"]]

    def ids(value: Any) -> list[str]:
        return re.findall(r"<([^<>\s]+)>", str(value or ""))

    known = {ids(m["Message-ID"])[0] for m in messages}
    forms: dict[str, Counter[str]] = {}
    for msg in messages:
        (mid,) = ids(msg["Message-ID"])
        sender = str(email.header.make_header(email.header.decode_header(msg["From"])))
        name, address = email.utils.parseaddr(sender.replace(" at ", "@", 1))
        # a sender without a name shows the address, one who typed an address as the name its local part (no
        # address is shown in a name)
        truth.who[mid] = address.lower()  # mail is delivered whatever the case of the address
        forms.setdefault(truth.who[mid], Counter())[_no_address(name or address)] += 1
        ancestors = [*ids(msg["References"]), *ids(msg["In-Reply-To"])]
        if any(a in known for a in ancestors):
            truth.comments.add(mid)
            stated = ids(msg["In-Reply-To"])
            if stated and stated[0] in known:
                truth.parent[mid] = stated[0]
            else:  # the stated parent is another month's: the latest mail References names in this one
                truth.parent[mid] = [a for a in ids(msg["References"]) if a in known][-1]
    for mid, address in truth.who.items():
        truth.author[mid] = (_shown_name(address, forms[address]), False)
    return truth


def _shown_name(address: str, forms: Counter[str]) -> str:
    """The name a sender whose mails show several is shown by (README, Author): a name before the bare address's
    local part or a name of no letters, then the name of most mails (its words in any order one name), of more
    words, the longer; of one name, its form of most mails, else one without a comma, else the first in sorted
    order."""
    local = address.partition("@")[0].lower()
    words = {form: tuple(sorted(re.findall(r"\w+", form.lower()))) for form in forms}
    mails = Counter[tuple[str, ...]]()
    for form, count in forms.items():
        mails[words[form]] += count
    return sorted(
        forms,
        key=lambda f: (
            f.lower() == local or not words[f],
            -mails[words[f]],
            -len(words[f]),
            -len("".join(words[f])),
            -forms[f],
            "," in f,
            f,
        ),
    )[0]


def _reddit(path: Path) -> Truth:
    truth = Truth()

    def walk(value: Any) -> None:
        if isinstance(value, list):
            for item in value:
                walk(item)
        elif isinstance(value, dict):
            if value.get("kind") in ("t1", "t3"):
                data = value["data"]
                if data.get("author") not in (None, "[deleted]", "[removed]"):
                    truth.author[data["id"]] = (data["author"], False)
                if value["kind"] == "t1":
                    truth.comments.add(data["id"])
                    truth.parent[data["id"]] = data["parent_id"].split("_", 1)[1]
            for item in value.values():
                walk(item)

    walk(json.loads(path.read_text(encoding="utf-8")))
    return truth


def _jsonl(path: Path) -> Truth:
    truth = Truth()
    for line in path.read_text(encoding="utf-8").splitlines():
        row = json.loads(line)
        truth.comments.add(str(row["id"]))  # strings in the BigQuery export, numbers in API items
        truth.parent[str(row["id"])] = str(row["parent"])
        truth.author[str(row["id"])] = (row["by"], False)
    return truth


def _csv(path: Path) -> Truth:
    """A scraper's comment table: every row a comment, its parent the post or another row."""
    truth = Truth()
    with path.open(encoding="utf-8", newline="") as rows:
        for row in csv.DictReader(rows):
            truth.comments.add(row["id"])
            truth.parent[row["id"]] = row["parent_id"]
            if row["author"] not in ("", "[deleted]", "[removed]"):
                truth.author[row["id"]] = (row["author"], False)
    return truth


def _hn_tree(path: Path) -> Truth:
    """A search API item: the story, and its replies nested under ``children``, each naming its
    ``parent_id``; a deleted reply has no author."""
    truth = Truth()
    stack = [json.loads(path.read_text(encoding="utf-8"))]
    while stack:
        item = stack.pop()
        if item["type"] == "comment":
            truth.comments.add(str(item["id"]))
            truth.parent[str(item["id"])] = str(item["parent_id"])
        if item["author"]:
            truth.author[str(item["id"])] = (item["author"], False)
        stack.extend(item["children"])
    return truth


def _telegram(path: Path) -> Truth:
    """Each message of a chat is a comment; it answers the message it names, in the export or not (a stub), unless
    that is in another chat, else the chat itself, whose id is the root's. A forum topic is a root of its own,
    opened by a service message its first messages answer."""
    truth = Truth()
    chat = json.loads(path.read_text(encoding="utf-8"))
    messages = [m for m in chat["messages"] if m["type"] == "message"]
    topics = [m for m in chat["messages"] if m["type"] == "service" and m.get("action") == "topic_created"]
    known = {m["id"] for m in messages + topics}
    for topic in topics:
        truth.author[str(topic["id"])] = (topic["actor"] or topic["actor_id"], False)
        truth.who[str(topic["id"])] = topic["actor_id"]
    for message in messages:
        key = str(message["id"])
        truth.comments.add(key)
        truth.author[key] = (message["from"] or message["from_id"], False)
        truth.who[key] = message["from_id"]
        reply = message.get("reply_to_message_id")
        if reply is None:
            truth.parent[key] = str(chat["id"])
        elif "reply_to_peer_id" in message:  # a message of another chat
            truth.unstated.add(key)
        else:
            truth.parent[key] = str(reply)
            if reply not in known:  # not in the export: its stub
                truth.stubs.add(str(reply))
    return truth


def _discourse(folder: Path) -> Truth:
    """All pages of the folder together: post 1 of a topic is its root (known by the topic's id), a post answers
    the post number it names (none, or 1, is the topic), small actions (post_type 3) are no posts; a post in no
    page is a stub, known by its number. Topics and
    accounts are a forum's own: the forum is the host its page's uploaded avatars name, else the domain of the
    topic's links to its own forum, if any does."""
    truth = Truth()
    posts = []
    for path in sorted(folder.glob("*.json")):
        topic = json.loads(path.read_text("utf-8"))
        page = topic["post_stream"]["posts"]
        hosts = {m for p in page for m in re.findall(r"/user_avatar/([^/]+)/", p["avatar_template"])}
        internal = {link.get("domain") for link in topic.get("details", {}).get("links", []) if link["internal"]}
        # no avatar uploaded to the forum (a gravatar's) nor a link to it, no host named
        (forum,) = hosts or (internal - {None}) or {""}
        posts += [(forum, p) for p in page if p["post_type"] != 3]

    def own(post: dict[str, Any]) -> str:
        return str(post["topic_id"] if post["post_number"] == 1 else post["id"])

    number = {(forum, p["topic_id"], p["post_number"]): own(p) for forum, p in posts}
    for forum, post in posts:
        key = own(post)
        truth.author[key] = (post["name"] or post["username"], False)
        # an account is its id, whatever user name it has; where no host is named, its id and user name
        truth.who[key] = f"{forum}/{post['user_id']}" if forum else f"{post['user_id']}/{post['username'].lower()}"
        if post["post_number"] == 1:
            continue
        truth.comments.add(key)
        answered = post["reply_to_post_number"] or 1
        if (forum, post["topic_id"], answered) in number:
            truth.parent[key] = number[(forum, post["topic_id"], answered)]
        elif answered == 1:  # the topic's stub, known by its id
            truth.parent[key] = str(post["topic_id"])
        else:  # a post in no page (or a small action): its stub, known by its number
            truth.parent[key] = str(answered)
            truth.stubs.add(str(answered))
    return truth


def api_parent(status: dict[str, Any], uri: dict[str, str]) -> str:
    """The post an API status answers: the status its local id names (``uri``: each status's uri by its local id), else
    one of its writer's, when the server names the writer's account (the account's ``uri``: a local one, as Mastodon
    4 shows it) and so that status too (Mastodon gives a status of its own the uri of its writer's actor, then
    "/statuses/" and its id), else the local id itself ("api:ID")."""
    answered, account = status["in_reply_to_id"], status["account"]
    if answered in uri:
        return uri[answered]
    if status.get("in_reply_to_account_id") == account["id"] and account.get("uri"):
        return f"{account['uri']}/statuses/{answered}"
    return f"api:{answered}"


def _mastodon(path: Path) -> Truth:
    """An outbox: a Note answering another is a comment whose parent is that Note's uri (in the file or
    not); the author is the actor, shown by its user name with an "@", and a parent outside the file is written by
    the account its uri names, where Mastodon wrote the uri (shown as one only mentioned is, by its server and user
    name, when it writes no Note of the file). An actor's user name is the one its address writes
    (``https://host/users/USER``), or, where the address writes the account's number (Mastodon 4.5's
    ``https://host/ap/users/ID``), the one the file shows for it: its Notes' pages (``https://host/@USER/ID``), or a
    Mention tag naming it (``@USER@host``). Statuses from the API: a status
    answering another is a comment whose parent is the uri of the status its local id names; the
    author is the account (its page), shown by its display name, else its user name; a boost's own
    status is no post, the status it boosts is. A context holds its statuses under 'ancestors' and
    'descendants'; a status answering one not in the file answers it by ``api_parent``, whose stub is written by
    the account whose ``uri`` that uri starts with (a writer of the file, shown as its statuses show it)."""
    truth = Truth()
    value = json.loads(path.read_text(encoding="utf-8"))
    if "orderedItems" not in value:  # one status, a list of them, or a context; a boost holds the status it boosts
        if isinstance(value, dict) and "descendants" in value:
            value = value["ancestors"] + value["descendants"]
        statuses = [status.get("reblog") or status for status in (value if isinstance(value, list) else [value])]
        uri = {status["id"]: status["uri"] for status in statuses}
        accounts = {status["account"]["uri"]: status["account"] for status in statuses if status["account"].get("uri")}
        for status in statuses:
            account = status["account"]
            truth.author[status["uri"]] = (account["display_name"] or account["username"], False)
            truth.who[status["uri"]] = account["url"]
            if status.get("in_reply_to_id"):  # a client copying a status leaves out its empty fields
                truth.comments.add(status["uri"])
                parent = truth.parent[status["uri"]] = api_parent(status, uri)
                writer = accounts.get(parent.rpartition("/statuses/")[0])
                if writer and parent not in uri.values():  # the stub of a status of that account, shown as its own
                    truth.author[parent] = (writer["display_name"] or writer["username"], False)
                    truth.who[parent] = writer["url"]
        return truth
    notes = [activity["object"] for activity in value["orderedItems"] if activity["type"] == "Create"]
    user = {}  # an actor's address -> its user name, where the file shows it: a mention's, else its Notes' pages'
    for note in notes:
        page = urlsplit(note["url"])
        if page.hostname == urlsplit(note["attributedTo"]).hostname and page.path.startswith("/@"):
            user[note["attributedTo"]] = page.path.split("/")[1][1:]
    tags = [t for n in notes for t in n["tag"] if t["type"] == "Mention" and t["name"].count("@") == 2]
    user |= {tag["href"]: tag["name"].split("@")[1] for tag in tags}
    writers = {note["attributedTo"] for note in notes}
    for note in notes:
        actor = note["attributedTo"]
        truth.author[note["id"]] = ("@" + user.get(actor, actor.rsplit("/", 1)[1]), False)
        truth.who[note["id"]] = actor
        if note["inReplyTo"]:
            truth.comments.add(note["id"])
            truth.parent[note["id"]] = note["inReplyTo"]
        answered = note["inReplyTo"] or ""
        actor, statuses, _ = answered.rpartition("/statuses/")
        if statuses and re.fullmatch(r"(/ap)?/users/[^/]+", urlsplit(actor).path) and answered not in truth.author:
            # a post outside the outbox, at the address Mastodon gives it (https://host/users/USER/statuses/ID, or
            # https://host/ap/users/ID/statuses/ID): its writer is that account, shown as its Notes show it, else by
            # its server and user name
            name = user.get(actor, actor.rsplit("/", 1)[1])
            shown = "@" + name if actor in writers else f"{urlsplit(actor).hostname}/@{name}"
            truth.author[answered] = (shown, False)
            truth.who[answered] = actor
    return truth


def _bluesky(path: Path) -> Truth:
    """A thread view: the posts of the thread, its replies and the chain of posts above it (entries
    not found or blocked have no post), nested, or listed flat (getPostThreadV2: each item's post under
    ``value``); a feed or a list of posts (or one post view or feed item alone): the posts it shows, a feed's with the
    posts each
    answers and their thread's root (``reply``); a post whose record answers another is a comment whose
    parent is the post its record names, in the file or not; the author is the account's DID, shown
    by its handle; a thread root or parent not in the file is written by the DID its uri names."""
    truth = Truth()
    value = json.loads(path.read_text(encoding="utf-8"))
    if "thread" not in value:  # a list of post views ('posts'), or a feed ('feed': each post with those it answers)
        if "uri" in value or "post" in value:  # one post view, or one feed item, alone
            value = {"posts": [value]} if "uri" in value else {"feed": [value]}
        items = [(i["post"], (i.get("reply") or {}).values()) for i in value.get("feed", [])]
        views = [p for post, above in items for p in (post, *above)] + value.get("posts", [])
        posts = list({p["uri"]: p for p in views if "record" in p}.values())  # a post the feed repeats is one
        return _bluesky_posts(posts, truth)
    top = value["thread"]
    if isinstance(top, list):  # getPostThreadV2's items, each a post or an entry not found or blocked
        return _bluesky_posts([item["value"]["post"] for item in top if "post" in item["value"]], truth)
    stack, node = [top], top.get("parent")
    while node:
        stack.append(node)
        node = node.get("parent")
    posts = []
    while stack:
        node = stack.pop()
        if "post" in node:
            posts.append(node["post"])
        stack.extend(node.get("replies") or [])
    return _bluesky_posts(posts, truth)


def _bluesky_posts(posts: list[dict[str, Any]], truth: Truth) -> Truth:
    known = {p["uri"] for p in posts}
    handles = {p["author"]["did"]: p["author"]["handle"] for p in posts}
    for post in posts:
        truth.author[post["uri"]] = (post["author"]["handle"], False)
        truth.who[post["uri"]] = post["author"]["did"]
        reply = post["record"].get("reply")
        if reply:
            truth.comments.add(post["uri"])
            truth.parent[post["uri"]] = reply["parent"]["uri"]
            if reply["parent"]["uri"] not in known | {reply["root"]["uri"]}:  # below the root, not in the file
                truth.stubs.add(reply["parent"]["uri"])
            for above in {reply["root"]["uri"], reply["parent"]["uri"]} - known:
                did = above.removeprefix("at://").split("/")[0]  # outside the file: at://DID/…, by that account
                truth.author[above] = (handles.get(did, did), False)
                truth.who[above] = did
    return truth


def _youtube(path: Path) -> Truth:
    """A video's info.json as yt-dlp writes it: each entry of ``comments`` is a comment whose parent is
    the video ("root") or the comment it names, in the file or not (a stub); the author is the channel
    (``author_id``), shown by its name."""
    truth = Truth()
    video = json.loads(path.read_text(encoding="utf-8"))
    known = {c["id"] for c in video["comments"]}
    for comment in video["comments"]:
        key = comment["id"]
        truth.comments.add(key)
        truth.author[key] = (comment["author"], False)
        truth.who[key] = comment["author_id"]
        truth.parent[key] = video["id"] if comment["parent"] == "root" else comment["parent"]
        if comment["parent"] not in known | {"root"}:
            truth.stubs.add(comment["parent"])
    return truth


TRUTH = {
    "disqus": {".xml": _disqus},
    "wxr": {".xml": _wxr},
    "mbox": {".txt": _mbox, ".mbox": _mbox},
    "reddit": {".json": _reddit},
    "tabular": {".jsonl": _jsonl, ".csv": _csv},
    "hackernews": {".jsonl": _jsonl, ".json": _hn_tree},
    "telegram": {".json": _telegram},
    "discourse": {".json": _discourse},
    "mastodon": {".json": _mastodon},
    "bluesky": {".json": _bluesky},
    "youtube": {".json": _youtube},
}
# A topic saved page by page is one input: its folder
WHOLE_FOLDERS = {"discourse"}
FILES = sorted(p for p in REAL.glob("*/*") if p.name != "README.md")
# a list archive kept apart for its run-on mails (see tests/data/archives/README.md), whose senders include one
# who typed an address as the name
ARCHIVES = [REAL.parent / "archives" / "r-devel-2004-January-cut.txt"]
INPUTS = sorted({p.parent if p.parent.name in WHOLE_FOLDERS else p for p in FILES}) + ARCHIVES


@pytest.fixture(scope="module", params=INPUTS, ids=lambda p: p.name if p.is_dir() else f"{p.parent.name}/{p.name}")
def loaded(request, tmp_path_factory) -> tuple[Path, str]:
    path = request.param
    store = str(tmp_path_factory.mktemp("real") / "store.lbug")
    run("load", str(path), "--store", store, "--no-entities", "--workers", "1")
    return path, store


def test_every_real_file_has_a_readme_entry():
    for path in FILES:
        readme = (path.parent / "README.md").read_text(encoding="utf-8")
        assert f"`{path.name}`" in readme, path
    assert {p.parent.name for p in FILES} == set(TRUTH)


# yt-dlp's comment output is found only where its maintainer printed it, in two of its issue threads
ONE_REPOSITORY = {"youtube"}


def test_two_real_files_per_format_from_two_sources():
    """Each format has two real files from two repositories (YouTube's from two threads of one)."""
    for fmt in TRUTH:
        readme = (REAL / fmt / "README.md").read_text(encoding="utf-8")
        repositories = set(re.findall(r"^\| `[^|]+` \| ([^ |]+/[^ |]+) \|", readme, re.M))
        assert len([p for p in FILES if p.parent.name == fmt]) >= 2, fmt
        if fmt in ONE_REPOSITORY:  # then from two of its threads (the path column)
            threads = set(re.findall(r"^\| `[^|]+` \| [^|]+ \| [^|]+ \| ([^|]+) \|", readme, re.M))
            assert len(repositories) == 1 and len(threads) >= 2, fmt
        else:
            assert len(repositories) >= 2, fmt


def _truth(path: Path) -> Truth:
    """The ground truth of an input; a folder read as one input is judged whole."""
    if path.is_dir():
        (suffix,) = {p.suffix for p in FILES if p.parent == path}
        return TRUTH[path.name][suffix](path)
    if path in ARCHIVES:
        return _mbox(path)
    return TRUTH[path.parent.name][path.suffix](path)


def test_comments_are_the_files_comments(loaded):
    path, store = loaded
    truth = _truth(path)
    # a stub stands for a stated parent not in the file: no comment of it
    cypher = "MATCH (c:Comment) WHERE NOT coalesce(c.stub, false) RETURN c.source_id AS id"
    assert sorted(r["id"] for r in store_rows(store, cypher, "--show-emails")) == sorted(truth.comments)


def test_every_stated_parent_is_an_exact_reply(loaded):
    """Every comment answers, exactly, the post its file names, that post's stub where the file lacks it; none is
    pinned to its thread's root, inferred, as before (but a reply to another chat, which names no post here)."""
    path, store = loaded
    truth = _truth(path)
    assert set(truth.parent) | truth.unstated == truth.comments
    assert_stated_parents(store, truth.parent, truth.stubs, frozenset(truth.unstated))


def test_every_author_as_written(loaded):
    path, store = loaded
    truth = _truth(path)
    wrote = store_rows(
        store,
        "MATCH (a:Author)-[:WROTE]->(p) RETURN p.source_id AS post, a.name AS name, a.guest AS guest",
        "--show-emails",
    )
    assert {r["post"]: (r["name"], bool(r["guest"])) for r in wrote} == truth.author


def test_one_author_per_writer(loaded):
    """Posts share an Author exactly when the file says one writer wrote them: a Disqus account by
    its user name whatever name it shows, a guest by the name typed (never the account of that
    name), a mail sender by the address whatever name the mail shows."""
    path, store = loaded
    truth = _truth(path)
    wrote = store_rows(
        store, "MATCH (a:Author)-[:WROTE]->(p) RETURN a.id AS author, p.source_id AS post", "--show-emails"
    )

    def groups(writer_of: dict[str, str]) -> list[list[str]]:
        by: dict[str, list[str]] = {}
        for post, writer in writer_of.items():
            by.setdefault(writer, []).append(post)
        return sorted(sorted(posts) for posts in by.values())

    assert groups({r["post"]: r["author"] for r in wrote}) == groups({p: truth.identity(p) for p in truth.author})


def test_no_cited_source_runs_on_into_the_text_after_it(loaded):
    """A link ends where a reader sees it end: no whitespace, CJK or full-width punctuation, no
    trailing sentence punctuation, and no closing bracket that nothing in the URL opened."""
    _, store = loaded
    for row in store_rows(store, "MATCH (s:Source) RETURN s.url AS url", "--show-emails"):
        url = row["url"]
        assert not re.search(r"[\s\u3000-\u303f\uff00-\uffef]", url), url
        assert not url.endswith((".", ",", ";", ":", "!", "?")), url
        assert url.count(")") <= url.count("("), url


def _paragraphs(text: str) -> list[str]:
    return [" ".join(p.split()) for p in text.split("\n\n") if p.strip()]


def _shown(path: Path) -> dict[str, list[str]]:
    """Each comment's text as its page shows it, in paragraphs, read here with the standard library:
    Reddit's API (the CSV's bodies) escapes text for HTML; HN's BigQuery table keeps HTML, of which
    rows with paragraphs and entities alone are judged (links and code take more reading)."""
    shown: dict[str, list[str]] = {}
    if path.suffix == ".csv":
        with path.open(encoding="utf-8", newline="") as rows:
            for row in csv.DictReader(rows):
                if row["body"] not in ("[deleted]", "[removed]"):
                    shown[row["id"]] = _paragraphs(html.unescape(row["body"]))
        return shown
    for line in path.read_text(encoding="utf-8").splitlines():
        row = json.loads(line)
        if "<" not in row["text"].replace("<p>", ""):
            shown[str(row["id"])] = _paragraphs(html.unescape(row["text"].replace("<p>", "\n\n")))
    return shown


@pytest.mark.parametrize("path", [p for p in FILES if p.parent.name == "tabular"], ids=lambda p: p.name)
def test_a_table_of_comments_reads_as_its_pages_show_them(path, tmp_path):
    """A quote a Reddit export keeps as "&gt; …" reads as a quote, an HN comment kept as HTML as its
    paragraphs: what the extractors see is what a reader of the page saw."""
    store = str(tmp_path / "store.lbug")
    run("load", str(path), "--store", store, "--no-entities", "--workers", "1")
    stored = store_rows(store, "MATCH (c:Comment) RETURN c.source_id AS id, c.text AS text", "--show-emails")
    got = {r["id"]: _paragraphs(r["text"] or "") for r in stored}
    shown = _shown(path)
    assert len(shown) > len(stored) / 2
    assert {key: got[key] for key in shown} == shown
    assert any(p.startswith(">") for paragraphs in shown.values() for p in paragraphs)


def test_no_text_or_title_keeps_an_html_entity(loaded):
    """Tools keep text as HTML or escaped for HTML (HN items, Reddit bodies, Disqus titles): none of
    it reaches the store as "&gt;" or "&#39;". A name HTML does not know is no entity ("&ret;" in a mail's C code)."""
    _, store = loaded
    named = "|".join(sorted(html.entities.name2codepoint, key=len, reverse=True))
    entity = re.compile(rf"&(?:#\d+|#x[0-9a-f]+|(?:{named}));", re.I)
    articles = "MATCH (p:Article) RETURN coalesce(p.title, '') + ' ' + coalesce(p.text, '') AS text"
    rows = store_rows(store, articles, "--show-emails")
    rows += store_rows(store, "MATCH (p:Comment) RETURN p.text AS text", "--show-emails")
    assert [r["text"] for r in rows if entity.search(r["text"] or "")] == []


YOUTUBE = sorted((REAL / "youtube").glob("*.json"))


def test_youtube_video_is_the_article_channels_the_authors_and_orphan_replies_reported(tmp_path):
    """Both yt-dlp lists of one video in one store: the video is the one Article all comments hang
    under, each channel (``author_id``) one Author across both runs, shown by its name, and each
    reply to a comment not in its file is reported as such; every reply answers the comment it names, exactly: one
    in the other file fills the stub its own file made of it, one in no file stays a stub."""
    store = str(tmp_path / "store.lbug")
    out = run("load", *map(str, YOUTUBE), "--store", store, "--no-entities", "--workers", "1")
    videos, written, orphans, stated = set(), {}, set(), {}
    for path in YOUTUBE:
        info = json.loads(path.read_text(encoding="utf-8"))
        videos.add(info["id"])
        known = {c["id"] for c in info["comments"]}
        for comment in info["comments"]:
            written[comment["id"]] = (comment["author_id"], comment["author"])
            stated[comment["id"]] = comment["parent"]
            if comment["parent"] not in known | {"root"}:
                orphans.add(f"{path}#{comment['id']}")
    (video,) = videos
    articles = store_rows(store, "MATCH (a:Article) RETURN a.id AS id, a.source_id AS video, a.platform AS platform")
    assert [(a["video"], a["platform"]) for a in articles] == [(video, "youtube")]
    threads = store_rows(store, "MATCH (c:Comment) RETURN c.source_id AS id, c.thread AS thread, c.stub AS stub")
    assert sorted(r["id"] for r in threads if not r["stub"]) == sorted(written)
    assert {r["thread"] for r in threads} == {articles[0]["id"]}
    wrote = store_rows(
        store, "MATCH (a:Author)-[:WROTE]->(c:Comment) RETURN c.source_id AS post, a.id AS author, a.name AS name"
    )
    assert {r["post"]: (r["author"].rsplit(":", 1)[1], r["name"]) for r in wrote} == written
    assert len({r["author"] for r in wrote}) == len({channel for channel, _ in written.values()})
    reported = re.search(r"(\d+) parents not in input \(([^)]*)\)", out)  # the first few named, then "…"
    named = {record for record in reported[2].split(", ") if record != "…"}
    assert int(reported[1]) == len(orphans) and named and named <= orphans
    lost = {parent for parent in stated.values() if parent not in set(stated) | {"root"}}
    assert lost and len(lost) < len(orphans)  # some orphans' parents are in the other file
    parents = {key: video if parent == "root" else parent for key, parent in stated.items()}
    assert_stated_parents(store, parents, lost)


# real threads in English of five formats, and two in other languages of Latin letters (Spanish, Turkish)
ENGLISH_THREADS = [
    "reddit/communal-thread.json",
    "hackernews/communal-algolia-item.json",
    "bluesky/jimmyfallon-thread.json",
    "mbox/linux-uvc-devel-2010-December.txt",
    "discourse/topic_165396.json",
]
OTHER_LANGUAGES = ["reddit/turing-test-spaineconomics-thread.json", "disqus/yesilmavihayat.xml"]


@pytest.mark.parametrize("name", ENGLISH_THREADS + OTHER_LANGUAGES)
def test_a_run_with_entities_says_once_that_a_threads_posts_look_not_english_and_never_of_english_ones(name, tmp_path):
    """The entity model reads English only: extracting a thread in Spanish or Turkish ends with one line saying its
    posts look not English, one in English (a list's mails pasting logs among them) with none. Each file's letters
    are Latin (counted here by their Unicode names): its language is told by its words, not its script."""
    path = REAL / name
    letters = Counter(unicodedata.name(ch, "?").split()[0] for ch in path.read_text(encoding="utf-8") if ch.isalpha())
    assert letters["LATIN"] > 0.99 * letters.total()
    args = ["extract", str(path), "-o", str(tmp_path / "graph.json"), "--workers", "1"]
    result = CliRunner().invoke(main, args, catch_exceptions=False)
    assert result.exit_code == 0, result.output
    said = [line for line in result.output.splitlines() if "English" in line]
    if name in OTHER_LANGUAGES:
        assert len(said) == 1 and re.fullmatch(
            r"Warning: (\d+) of \1 posts .* not English \(Latin script\): .*", said[0]
        )
    else:
        assert said == []
