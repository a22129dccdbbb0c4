"""Reader for WordPress eXtended RSS (WXR): a WordPress site's export, and the file Disqus imports.

Most news sites and blogs keep their comment sections in WordPress, and tools moving comments into
Disqus write the same shape (``dsq:thread_identifier`` beside each item). Each ``<item>`` holding
comments is a thread: the item is its Article (writer ``dc:creator``), its ``wp:comment`` children the
comments, each answering its stated ``comment_parent`` (0: the article). An item holds all its comments,
so the reader passes over the file once, with ``iterparse``, clearing each item once handled: memory
stays bounded by the largest item.

Pingbacks and trackbacks are skipped and counted: another site's software writes them when it links to
the post, and their text is an excerpt of that site's page, not anyone's answer in the comment section.
Spam and trashed comments (and those WordPress marks "post-trashed" with their trashed post) are skipped and
counted; a comment held for moderation is kept, as a person's answer no one has judged yet. A comment answers the
comment its ``comment_parent`` names, exactly: one not in the file, or skipped (a pingback thanked, a comment
trashed or marked spam after it was answered), is a stub comment of the article (``_shared.Threads.parent``), without
text or writer, never the article itself. The answer was written to that comment; what the site took down stays
out of the graph, words and writer, and an export made after it was restored fills the stub.

A comment whose ``comment_user_id`` is not 0 was written by a site account: the login the channel's
``wp:author`` gives that id, so that the article's writer (``dc:creator``, a login) answering a commenter
is one writer, else the id itself. Any other comment is a guest's (``Post.guest``), told apart by the
name typed and the address left together, as WordPress itself knows a returning commenter: its form asks
every guest for an address, so a placeholder shared by many ("example@example.org" under eight names in
WordPress's own test data) would make one writer of many if the address alone told them apart; a guest who
left no address (an import, a form that asks for none) is told apart by the name alone. A comment whose parent
is itself, or whose parents loop, answers the article: a loop has no first comment to hang the others on. The
address is kept only as the e-mail every reader keeps, hidden unless asked for; the commenter's IP
address is never kept.
"""

from __future__ import annotations

import xml.etree.ElementTree as ET
from collections.abc import Iterator
from dataclasses import dataclass, field

from .. import schema
from ..errors import InputError
from ..records import Post
from . import MALFORMED, SPAM, Format, Input, register
from ._shared import BAD_DATA, Ancestry, Threads, html_to_text, shown_text, utc_iso, xml_elements

__all__ = ["FORMAT"]

PLATFORM = "wordpress"
LINKBACKS = "pingbacks and trackbacks skipped"
TRASHED = "trashed comments skipped"
_EXPORT = "wordpress.org/export/"  # the wp namespace, "http://" or "https://", version 1.0 to 1.2
_CONTENT = "{http://purl.org/rss/1.0/modules/content/}encoded"
_CREATOR = "{http://purl.org/dc/elements/1.1/}creator"
_NO_DATE = "0000-00-00 00:00:00"  # WordPress's date of a draft, or of a comment imported without one
# WordPress.com's exports (WXR 1.0 to 1.2, 2011 and 2012 at least) write the channel's <atom:link> elements without
# declaring their namespace
_UNDECLARED = {"atom": "http://www.w3.org/2005/Atom"}


def _local(tag: str) -> str:
    """An element's tag without its namespace."""
    return tag.rpartition("}")[2]


def _fields(elem: ET.Element) -> dict[str, str]:
    """The text of an element's children by local name (the first of each: a migration tool repeats some);
    a CDATA section reads as the text it holds."""
    found: dict[str, str] = {}
    for child in elem:
        found.setdefault(_local(child.tag), (child.text or "").strip())
    return found


def _date(value: str) -> str:
    return utc_iso(value) if value and value != _NO_DATE else ""


def _comments(item: ET.Element) -> list[ET.Element]:
    return [c for c in item if c.tag.endswith("}comment") and _EXPORT in c.tag]


@dataclass
class _Accounts:
    """The site's accounts as the channel lists them (``wp:author``): each login's name shown, each user id's
    login (WordPress.com's exports give no ids)."""

    shown: dict[str, str] = field(default_factory=dict)
    login: dict[str, str] = field(default_factory=dict)

    def add(self, fields: dict[str, str]) -> None:
        login = fields.get("author_login", "")
        if login:
            self.shown[login] = fields.get("author_display_name") or login
            if fields.get("author_id"):
                self.login[fields["author_id"]] = login


def _article(item: ET.Element, fields: dict[str, str], key: str, accounts: _Accounts, source: str) -> Post:
    if not key:
        raise ValueError("item without post_id, thread identifier or link")
    thread = schema.article_id(PLATFORM, key)
    login = (item.findtext(_CREATOR) or "").strip()
    shown = accounts.shown.get(login, login)
    identifier = fields.get("thread_identifier", "")
    return Post(
        id=thread,
        thread=thread,
        is_article=True,
        text=html_to_text(item.findtext(_CONTENT) or ""),
        platform=PLATFORM,
        source=source,
        author=shown or None,
        author_key=login,
        author_handle="" if shown == login else login,
        title=shown_text(fields.get("title", "")),
        created=_date(fields.get("post_date_gmt", "")),
        source_id=key,
        url=fields.get("link", ""),
        meta={"identifier": identifier} if identifier else {},
    )


def _comment(fields: dict[str, str], thread: str, parent: str, accounts: _Accounts, threads: Threads) -> Post:
    key = fields["comment_id"]
    name, email = fields.get("comment_author", ""), fields.get("comment_author_email", "")
    user = fields.get("comment_user_id", "0")
    account = user not in ("", "0")
    login = accounts.login.get(user, "")
    return Post(
        id=schema.post_id(PLATFORM, thread, key),
        thread=thread,
        is_article=False,
        text=html_to_text(fields.get("comment_content", "")),
        platform=PLATFORM,
        source=threads.inp.name,
        author=name or None,
        author_key=(login or f"#{user}") if account else f"{email.lower()} {name}" if email and name else "",
        author_handle="" if login == name else login,
        guest=bool(name) and not account,
        parent=parent,
        position=threads.position(thread),
        created=_date(fields.get("comment_date_gmt", "")),
        source_id=key,
        meta={"email": email} if email else {},
    )


def _kept(comments: list[ET.Element], inp: Input) -> list[dict[str, str]]:
    """The fields of the comments people wrote and the site shows or holds for moderation; the rest reported."""
    kept = []
    for number, comment in enumerate(comments, 1):
        fields = _fields(comment)
        where = f"{inp.name}#{fields.get('comment_id') or number}"
        if fields.get("comment_type") in ("pingback", "trackback"):
            inp.report.add(LINKBACKS, where)
        elif fields.get("comment_approved") == "spam":
            inp.report.add(SPAM, where)
        elif fields.get("comment_approved") in ("trash", "post-trashed"):
            inp.report.add(TRASHED, where)
        elif not fields.get("comment_id"):
            inp.report.add(MALFORMED, where)
        else:
            kept.append(fields)
    return kept


def _read(inp: Input) -> Iterator[Post]:
    threads = Threads(inp)
    accounts = _Accounts()
    found = False
    for number, item in enumerate(xml_elements(inp, "rss", "a WordPress export", 2, _UNDECLARED), 1):
        if _local(item.tag) == "author" and _EXPORT in item.tag:
            accounts.add(_fields(item))
            continue
        comments = _comments(item)
        found = found or bool(comments)
        kept = _kept(comments, inp)
        if not kept:
            continue
        fields = _fields(item)
        key = fields.get("post_id") or fields.get("thread_identifier") or fields.get("link") or ""
        try:
            article = _article(item, fields, key, accounts, inp.name)
        except BAD_DATA:
            inp.report.add(MALFORMED, f"{inp.name}#{key or number}", len(kept) + 1)
            continue
        yield article
        tree: Ancestry[str] = Ancestry()
        for comment in kept:
            stated = comment.get("comment_parent", "0")
            tree.add(comment["comment_id"], None if stated in ("", "0") else stated)
        for comment in kept:
            key = comment["comment_id"]
            where = f"{inp.name}#{key}"
            stated = comment.get("comment_parent", "0")
            try:
                # a comment answering itself, or on a loop of parents (its own root, ``Ancestry.root``): the article
                top = stated in ("", "0") or tree.root(key) == (key, False)
                parent = yield from threads.answered(
                    PLATFORM, article.id, None if top else stated, stated in tree, where
                )
                yield _comment(comment, article.id, parent, accounts, threads)
            except BAD_DATA:
                inp.report.add(MALFORMED, where)
    if not found:
        raise InputError(f"{inp.name}: no comments (wp:comment) in this WordPress export")


def _sniff(head: bytes) -> bool:
    return head.lstrip()[:1] == b"<" and b"<rss" in head and _EXPORT.encode() in head


FORMAT = register(
    Format(
        "wxr",
        "a WordPress export (WXR: RSS <item> posts with wp:comment children, as WordPress writes it and Disqus imports "
        "it; pingbacks, spam and trash skipped; guests told apart by name and e-mail, or by name alone without one, "
        "accounts by login)",
        _sniff,
        _read,
    )
)
