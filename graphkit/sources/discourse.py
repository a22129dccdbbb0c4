"""Reader for Discourse topics as the forum's JSON API gives them (``/t/ID.json``, ``/t/ID/posts.json``).

Posts sit under ``post_stream.posts``: ``post_number`` (1 is the topic's opening post, the Article),
``reply_to_post_number`` (the post answered; none, or 1, answers the topic), ``username`` (the
account; Discourse ignores its case) with ``name`` for display, and ``cooked`` HTML, made text.
What the HTML states is kept as given: a mention (``<a class="mention" href="/u/NAME">``) is a
MENTIONS of that account, and a quote block (``<aside class="quote" data-username=… data-post=…
data-topic=…>``) a QUOTES of the post it quotes, or of its writer when that post is not in the input;
a forum of 2016 or before names the writer only in the block's title ("gorhill:"), and a preview of a
linked post (the same block without ``data-username``, its title a link) is not a quote. An image the
forum stores (an upload: its lightbox, the file name and "474×474 41.7 KB" caption under it, a link to
it) is neither text nor a citation; a link to an image on another site is cited as any link is.

A topic may be saved page by page, one file each: the reader first passes over every Discourse
input of the load (``Input.siblings``; post numbers only) so that a post answering or quoting one
in another page keeps its exact parent, whatever order the files come in. A topic whose opening
post is in no file gets a stub root. A post answering one in no file (a page of the topic not saved, a post
deleted or hidden, which the stream leaves out) answers that post's stub, a comment of the topic known by its post
number as the post itself is, so a page read later fills it (``_shared.Threads.parent``): the answer keeps what
it says it answers, never the topic. A page's posts are read in post-number order, as the forum shows
them, whatever order the file lists them in. Small actions (a topic closed, pinned, moved) are not posts
and are counted in the report; a post answering one (the number of a post moved to another topic, whose
notice took its place) answers its stub too.

Topic ids are numbered and accounts kept per forum, so a topic is known by its forum's host and
its id, and an account by the host and its ``user_id`` (``host/admin/users/ID``, as its admin page's
address writes it): two forums' topic 42 are two threads, and their two "alice" two Authors. The id
stays when a user is renamed, so the posts of one account under two user names are one Author
(shown by its name, else its user name). A mention or a quote names a user name: it is the
account that wrote under that name in the load, else, for an account writing nothing here (or a
user name two accounts wrote under), the host and user name (``host/u/name``, as a profile address
writes it), as is the writer of a post without a ``user_id``. The JSON never names the forum
outright; the avatars of accounts that uploaded one do (``/user_avatar/HOST/…``), and so do a topic's
links to its own forum (``details.links``, ``internal``, by their ``domain``), where no avatar does. A page
showing neither takes the host of the other pages of its topic (of its slug, where both name one: another
forum's topic of that id is another topic), and a topic no page places is known by its slug and id
(``t/SLUG/ID``, its address's path: every forum numbers its topics from 1), its id alone where no page
names the slug; its accounts by their ids and user names together (``admin/users/ID/name``: an id alone is
another person on every other forum) or user names alone.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, replace
from html import unescape
from typing import Any
from urllib.parse import unquote

from .. import schema
from ..errors import InputError
from ..records import Post, Stated
from . import MALFORMED, Format, Input, Report, register
from ._shared import (
    BAD_DATA,
    Threads,
    html_to_text,
    json_values,
    refuse_unread,
    utc_iso,
    written_by,
)

__all__ = ["FORMAT"]

PLATFORM = "discourse"
SMALL_ACTIONS = "small actions skipped (topic closed, pinned, moved)"
_EXPECTS = "topics or post pages with their posts under 'post_stream' 'posts'"
_SMALL_ACTION = 3
# what a topic says about some of its posts (the accepted answer), beside the posts themselves
_NOT_POSTS = ("accepted_answer",)
_MENTION = re.compile(r'<a\b[^>]*\bclass="mention"[^>]*\bhref="/u/([^"/?#]+)"[^>]*>(.*?)</a>', re.DOTALL)
_QUOTE = re.compile(r'<aside\b([^>]*\bclass="quote\b[^"]*"[^>]*)>')
_BLOCKQUOTE = re.compile(r"<(/?)blockquote\b[^>]*>")
_ATTR = re.compile(r'\bdata-(username|post|topic)="([^"]*)"')
# the writer a quote's title names where its tag does not (Discourse before data-username, 2016: "gorhill:")
_TITLE_WRITER = re.compile(r"([\w.-]+):")
# a forum's host as an avatar's address or a link's "domain" writes it: other text there places no topic
_HOST = re.compile(r"[A-Za-z0-9.-]+")
_AVATAR = re.compile(rf"/user_avatar/({_HOST.pattern})/")
# an upload as Discourse names it, on the forum's host or a CDN: its SHA-1 under ".../original/3X/0/2/"
# (".../optimized/..." a resized copy), or ".../uploads/short-url/..."; another site's "uploads" folder is not one
_UPLOAD = re.compile(
    r"^https?://[^/?#]+/(?:[^?#]*/)?(?:(?:original|optimized)/\d+X/(?:[0-9a-f]{1,3}/)*[0-9a-f]{40}[_.]"
    r"|uploads/short-url/)"
)
_CAPTION = frozenset({"filename", "informations"})  # the spans of a lightbox's caption

Known = set[tuple[str, int]]  # (the topic's key, ``_key``; post number)


@dataclass(frozen=True)
class _Seen:
    """A post as the first pass finds it: the host its page shows, its topic, the topic's slug and its number,
    its writer."""

    shown: str
    topic: int
    slug: str
    number: int
    username: str | None
    user_id: int | None
    action: bool  # a small action, read as no post


@dataclass(frozen=True)
class _Forums:
    """The posts of the load, the forum hosts (each with the topic's slug) and the slugs the pages of each
    topic show, and the account each forum's user names were written under (a user name two accounts wrote
    under is none's)."""

    known: Known
    hosts: dict[int, frozenset[tuple[str, str]]]
    slugs: dict[tuple[str, int], frozenset[str]]
    users: dict[tuple[str, str], int]

    def account(self, host: str, username: str, user_id: int | None = None) -> str:
        """What names a forum's account: its host and id; a user name is the account that wrote
        under it, else the host and that name. Where no page shows the host, the id and the user name
        (``admin/users/ID/name``, the admin page's address): ids are small and dense on every forum (1 is
        its first admin), so two host-less forums' accounts of one id are two people far more often
        than one user name is, and a name and an id together are one account on one forum."""
        if user_id is None:
            user_id = self.users.get((host, username.lower()))
        if user_id is not None:
            return f"{host}/admin/users/{user_id}" if host else f"admin/users/{user_id}/{username.lower()}"
        return f"{host}/u/{username}" if host else username

    def host(self, shown: str, topic: int, slug: str) -> str:
        """The forum of a page's topic: the host the page shows, else the one its topic's other pages show, of
        the same slug where both name one (two forums' topic 57 are two topics)."""
        if shown:
            return shown
        hosts = {host for host, named in self.hosts.get(topic, ()) if not (slug and named) or named == slug}
        return hosts.pop() if len(hosts) == 1 else ""

    def slug(self, host: str, topic: int, slug: str = "") -> str:
        """The slug a topic is known by: the one its page names, else the one its forum's other pages of it
        name (a page of posts may name none)."""
        if slug:
            return slug
        slugs = self.slugs.get((host, topic), frozenset())
        return next(iter(slugs)) if len(slugs) == 1 else ""

    def key(self, shown: str, topic: int, slug: str) -> tuple[str, str]:
        """The forum of a page's topic (``host``) and the topic's key (``_key``)."""
        host = self.host(shown, topic, slug)
        return host, _key(host, topic, self.slug(host, topic, slug))


@dataclass(frozen=True)
class _Page:
    """A page of a topic as read, with the forum host it shows (``_shown_host``)."""

    value: dict[str, Any]
    host: str


def _is_post(value: Any) -> bool:
    return isinstance(value, dict) and isinstance(value.get("post_number"), int) and "username" in value


def _posts(value: Any, where: str) -> list[Any]:
    stream = value.get("post_stream") if isinstance(value, dict) else None
    posts = stream.get("posts") if isinstance(stream, dict) else None
    if not isinstance(posts, list):
        raise InputError(f"{where}: not a Discourse topic (no 'post_stream' with 'posts')")
    return posts


def _topic_of(post: dict[str, Any], page: dict[str, Any]) -> int:
    topic = post.get("topic_id", page.get("id"))
    if not isinstance(topic, int) or isinstance(topic, bool):
        raise ValueError("post without a topic id")
    return topic


def _shown_host(page: dict[str, Any], posts: list[Any]) -> str:
    """The forum host a page's avatars show, else the one domain the topic's links to its own forum name
    (``details.links``: Discourse marks a link to its own host ``internal``; a domain that is no host name is
    none), or "" when none does."""
    for post in posts:
        avatar = post.get("avatar_template") if isinstance(post, dict) else None
        found = _AVATAR.search(avatar) if isinstance(avatar, str) else None
        if found:
            return found[1].lower()
    details = page.get("details")
    links = details.get("links") if isinstance(details, dict) else None
    domains = {
        domain.lower()
        for link in (links if isinstance(links, list) else ())
        if isinstance(link, dict) and link.get("internal") is True
        if isinstance(domain := link.get("domain"), str) and _HOST.fullmatch(domain)
    }
    return domains.pop() if len(domains) == 1 else ""


def _slug(post: dict[str, Any], page: dict[str, Any], topic: Any) -> str:
    """The slug of a post's topic, as its address shows it (``/t/SLUG/ID``): the post's, else its page's."""
    slug = post.get("topic_slug") or (page.get("slug") if page.get("id") == topic else None)
    return slug if isinstance(slug, str) else ""


def _user_id(post: dict[str, Any]) -> int | None:
    user = post.get("user_id")
    return user if isinstance(user, int) and not isinstance(user, bool) else None


def _scan(inp: Input) -> list[_Seen]:
    """Every post of the input as first seen; checks that it is Discourse JSON."""
    found = []
    for line, value in json_values(replace(inp.aside(), report=Report())):
        posts = _posts(value, f"{inp.name}:{line}" if line else inp.name)
        refuse_unread(inp.name, value, posts, _is_post, _EXPECTS, skip=_NOT_POSTS)
        shown = _shown_host(value, posts)
        for post in posts:
            if _is_post(post) and isinstance(post.get("topic_id", value.get("id")), int):
                username = post["username"] if isinstance(post["username"], str) else None
                topic = post.get("topic_id", value.get("id"))
                action = post.get("post_type") == _SMALL_ACTION
                slug = _slug(post, value, topic)
                found.append(_Seen(shown, topic, slug, post["post_number"], username, _user_id(post), action))
    return found


def _forums(inp: Input) -> _Forums:
    """The posts of every Discourse input of the load, found once for all of them; a sibling that
    is not readable is left to its own turn, which stops the load with its error."""
    if "forums" not in inp.shared:
        found = _scan(inp)
        for sibling in inp.siblings:
            if sibling.name != inp.name:
                try:
                    found += _scan(sibling)
                except InputError:
                    continue
        hosts: dict[int, set[tuple[str, str]]] = {}
        for seen in found:
            if seen.shown:
                hosts.setdefault(seen.topic, set()).add((seen.shown, seen.slug))
        slugs: dict[tuple[str, int], set[str]] = {}
        forums = _Forums(set(), {topic: frozenset(named) for topic, named in hosts.items()}, {}, {})
        for seen in found:
            if seen.slug:
                slugs.setdefault((forums.host(seen.shown, seen.topic, seen.slug), seen.topic), set()).add(seen.slug)
        forums.slugs.update((topic, frozenset(named)) for topic, named in slugs.items())
        accounts: dict[tuple[str, str], set[int]] = {}
        for seen in found:
            host, key = forums.key(seen.shown, seen.topic, seen.slug)
            if not seen.action:
                forums.known.add((key, seen.number))
            if seen.username and seen.user_id is not None:
                accounts.setdefault((host, seen.username.lower()), set()).add(seen.user_id)
        forums.users.update((name, ids.pop()) for name, ids in accounts.items() if len(ids) == 1)
        inp.shared["forums"] = forums
    return inp.shared["forums"]


def _key(host: str, topic: int, slug: str) -> str:
    """What names a forum's topic: its host and id; where no page shows the host, its slug and id, as its
    address's path writes them, its id alone where no page names the slug either."""
    if host:
        return f"{host}/t/{topic}"
    return f"t/{slug}/{topic}" if slug else str(topic)


def _node(key: str, number: int) -> str:
    thread = schema.article_id(PLATFORM, key)
    return thread if number == 1 else schema.post_id(PLATFORM, thread, str(number))


def _upload(tag: str, attrs: dict[str, str]) -> bool:
    """A link to an upload of the forum: it shows the post's own image or file, it cites nothing."""
    return tag == "a" and _UPLOAD.match(attrs.get("href", "")) is not None


def _image(tag: str, attrs: dict[str, str]) -> bool:
    """An uploaded image's lightbox, or the caption of any lightbox: no words of the writer."""
    classes = attrs.get("class", "").split()
    if tag == "span":
        return not _CAPTION.isdisjoint(classes)
    return "lightbox" in classes and _upload(tag, attrs)


def _text(html: str) -> str:
    """A post's HTML as text, the forum's own images left out."""
    return html_to_text(html, _image, _upload)


def _quoted(cooked: str, at: int) -> str:
    """The HTML of the first blockquote from ``at`` on, a quote nested in it included."""
    depth, start = 0, -1
    for tag in _BLOCKQUOTE.finditer(cooked, at):
        if not tag[1]:
            depth += 1
            start = tag.end() if start < 0 else start
        elif depth:
            depth -= 1
            if not depth:
                return cooked[start : tag.start()]
    return cooked[start:] if start >= 0 else ""


def _quote_writer(cooked: str, attrs: dict[str, str], at: int) -> str:
    """The user name a quote block names: its data-username, else the name its title ends with a colon
    ("gorhill:"); "" for a preview of a linked post (an onebox: its title a link) and a quote of no one."""
    if attrs.get("username"):
        return attrs["username"]
    end = cooked.find("<blockquote", at)
    title = cooked[at:end] if end >= 0 else ""
    if "<a " in title or "</aside" in title:
        return ""
    named = _TITLE_WRITER.fullmatch(_text(title).strip())
    return named[1] if named else ""


def _stated(cooked: str, text: str, host: str, topic: tuple[int, str], forums: _Forums) -> list[Stated]:
    """The mentions and quotes the HTML states, located in the post's text where they show; ``topic`` is the
    post's topic id and key (a quote of another topic of the forum is known by that topic's)."""
    known = forums.known
    out: list[Stated] = []
    at = 0
    for match in _MENTION.finditer(cooked):
        name = unquote(match[1])
        shown = _text(match[2])
        start = text.find(shown, at) if shown else -1
        span = (start, start + len(shown)) if start >= 0 else (None, None)
        at = start + len(shown) if start >= 0 else at
        out.append(Stated(schema.MENTIONS, schema.author_id(PLATFORM, forums.account(host, name)), name, False, *span))
    at = 0
    for match in _QUOTE.finditer(cooked):
        attrs = {k: unescape(v) for k, v in _ATTR.findall(match[1])}
        user = _quote_writer(cooked, attrs, match.end())
        if not user:
            continue  # a preview of a linked post (an onebox), not words quoted from it
        quoted = _text(_quoted(cooked, match.end()))
        start = text.find(quoted, at) if quoted else -1
        span = (start, start + len(quoted)) if start >= 0 else (None, None)
        at = start + 1 if start >= 0 else at  # a quote inside this one shows inside its words
        post = int(attrs["post"]) if attrs.get("post", "").isdigit() else None
        where = int(attrs["topic"]) if attrs.get("topic", "").isdigit() else topic[0]
        key = topic[1] if where == topic[0] else _key(host, where, forums.slug(host, where))
        if post is not None and (key, post) in known:
            out.append(Stated(schema.QUOTES, _node(key, post), "", False, *span))
        else:
            writer = schema.author_id(PLATFORM, forums.account(host, user))
            out.append(Stated(schema.QUOTES, writer, user, False, *span))
    return out


def _post(post: dict[str, Any], page: _Page, forums: _Forums, threads: Threads, where: str) -> Iterator[Post]:
    inp = threads.inp
    topic, number = _topic_of(post, page.value), post["post_number"]
    host, key = forums.key(page.host, topic, _slug(post, page.value, topic))
    known = forums.known
    thread = schema.article_id(PLATFORM, key)
    cooked = post.get("cooked") or ""
    if not isinstance(cooked, str):
        raise ValueError("cooked is not HTML text")
    deleted = bool(post.get("deleted_at") or post.get("user_deleted"))
    text = "" if deleted else _text(cooked)
    username, name = post.get("username"), post.get("name")
    if username is not None and not isinstance(username, str):
        raise ValueError("username is not a string")
    common = {
        "thread": thread,
        "text": text,
        "platform": PLATFORM,
        "source": inp.name,
        **written_by(username and forums.account(host, username, _user_id(post)), name or username),
        "author_handle": username or "",
        "created": utc_iso(post["created_at"]),
        "source_id": str(post.get("id", number)),
        "deleted": deleted,
        "stated": () if deleted else tuple(_stated(cooked, text, host, (topic, key), forums)),
        "url": f"https://{host}/t/{topic}/{number}" if host else "",
        "meta": {"post_number": number},
    }
    if number == 1:
        # the topic is known by its id (its address /t/ID shows it), as a Reddit or Hacker News thread by its root's
        title = page.value.get("title") if page.value.get("id") == topic else None
        shown = title if isinstance(title, str) else ""
        yield Post(id=thread, is_article=True, title=shown, **(common | {"source_id": str(topic)}))
        return
    if (key, 1) not in known:
        url = f"https://{host}/t/{topic}" if host else ""
        yield from threads.stub(PLATFORM, key, url, where, own=str(topic))
    answered = post.get("reply_to_post_number")
    if answered is not None and not isinstance(answered, int):
        raise ValueError("reply_to_post_number is not a post number")
    top = answered is None or answered == 1
    url = f"https://{host}/t/{topic}/{answered}" if host else ""
    present = (key, answered) in known
    parent = yield from threads.answered(PLATFORM, thread, None if top else str(answered), present, where, url)
    yield Post(
        id=schema.post_id(PLATFORM, thread, str(number)),
        is_article=False,
        parent=parent,
        position=number - 1,
        **common,
    )


def _forum_order(indexed: tuple[int, Any]) -> tuple[int, int]:
    """A page's posts in the order the forum shows them, by post number (an export may list them newest
    first): a post answers or quotes only earlier ones, so each then comes after its ends. What is no post
    comes first (it is only reported)."""
    index, post = indexed
    return (post["post_number"] if _is_post(post) else 0), index


def _read(inp: Input) -> Iterator[Post]:
    forums = _forums(inp)
    threads = Threads(inp)
    for _, value in json_values(inp):
        posts = _posts(value, inp.name)
        page = _Page(value, _shown_host(value, posts))
        for index, post in sorted(enumerate(posts, 1), key=_forum_order):
            number = post.get("post_number") if isinstance(post, dict) else None
            where = f"{inp.name}#{number if number is not None else index}"
            if _is_post(post) and post.get("post_type") == _SMALL_ACTION:
                inp.report.add(SMALL_ACTIONS, where)
                continue
            try:
                if not _is_post(post):
                    raise ValueError("not a post")
                yield from _post(post, page, forums, threads, where)
            except BAD_DATA:
                inp.report.add(MALFORMED, where)


def _sniff(head: bytes) -> bool:
    """A topic's page: its post stream, and a post's number or HTML (a first post's HTML may fill the whole head)."""
    return head.lstrip()[:1] == b"{" and b'"post_stream"' in head and (b'"post_number"' in head or b'"cooked"' in head)


FORMAT = register(
    Format(
        "discourse",
        "Discourse topic JSON (/t/ID.json or /t/ID/posts.json pages, one file each; post_stream.posts with "
        "post_number, reply_to_post_number, user_id as the account, username, cooked HTML whose quotes and "
        "mentions are kept)",
        _sniff,
        _read,
        learn=_forums,
    )
)
