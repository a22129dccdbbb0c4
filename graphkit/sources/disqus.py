"""Reader for a site's Disqus XML export: ``<thread>`` elements (the articles) and ``<post>`` elements.

The export is read with ``iterparse`` and each top-level element is cleared once handled, so
memory stays bounded. Posts may come before the posts they answer, so the reader passes over the
file twice: the first pass keeps only the thread and post ids (``dsq:id``) and checks that the
file is well-formed Disqus XML before any post is yielded; the second yields posts. Spam is
skipped and counted; a deleted post is kept (``deleted=True``, no text) so its replies stay
attached; an account shows its display name and is told apart by its user name; a guest (a name
typed without an account) keeps that name as a guest author, told apart by the address it left when
the export has one (two guests typing one name stay two); a thread not in the file gives a stub root. A post
answers the post its ``<parent>`` names, exactly: one not in the file, or skipped as spam, is a stub comment of the
thread (``_shared.Threads.parent``), without text or writer, never the article. The answer was written to that
post, not to the page; a spam post's words and writer stay out of the graph, and an export made after a moderator
marked the post not spam fills the stub with it. Links that
Disqus wraps in its ``disq.us`` redirect are unwrapped so they cite the real site; a title reads as
the page shows it.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from collections.abc import Iterator
from urllib.parse import unquote

from .. import schema
from ..records import Post
from . import MALFORMED, SPAM, Format, Input, register
from ._shared import BAD_DATA, Threads, html_to_text, shown_text, utc_iso, xml_elements

__all__ = ["FORMAT", "PLATFORM", "guest_key", "whole_address"]

PLATFORM = "disqus"
_NS = "{http://disqus.com}"
_ID = "{http://disqus.com/disqus-internals}id"
_REDIRECT = re.compile(r'href="https?://disq\.us/url\?url=([^"&]+)[^"]*"')
_HASH_SUFFIX = re.compile(r":[\w-]{20,}$")  # Disqus appends ":<hash>" to the url it wraps


def _elements(inp: Input) -> Iterator[ET.Element]:
    """Each complete top-level element of the export (a thread, a post)."""
    return xml_elements(inp, f"{_NS}disqus", "a Disqus export", 1)


def _field(elem: ET.Element, path: str) -> str:
    return (elem.findtext(_NS + path.replace("/", f"/{_NS}")) or "").strip()


def _ref(elem: ET.Element, child: str) -> str:
    found = elem.find(_NS + child)
    return found.get(_ID, "") if found is not None else ""


def _flag(elem: ET.Element, name: str) -> bool:
    return _field(elem, name).lower() == "true"


def _author(elem: ET.Element) -> tuple[str | None, str, bool, dict[str, str]]:
    """The name the author shows, what identifies the author, whether the author is a guest, and
    the meta the export gives about the author.

    An account shows its display name (its user name when it has none) and is told apart by its
    user name; a guest (``isAnonymous``) shows the name it typed and is told apart by the address
    it left (``email``, when the export carries one), else by that name alone. Without a
    name the post has no author.
    """
    name, username, email = _field(elem, "author/name"), _field(elem, "author/username"), _field(elem, "author/email")
    meta = {"email": email} if email else {}
    if _flag(elem, "author/isAnonymous"):
        return name or None, guest_key(name, email), bool(name), meta
    return name or username or None, username, False, meta


def guest_key(name: str, email: str) -> str:
    """What tells a guest who typed ``name`` apart: the address left (``whole_address``), lower-cased, so two guests
    typing one name stay two; "" (the name alone) where none is given whole."""
    return whole_address(email).lower() if name else ""


def whole_address(email: str) -> str:
    """A writer's address as given whole, "" where masked: the API gives one masked to any but the forum's moderators
    ("r****@mailbox.org"), which tells no one apart and is never the address an export gives."""
    return "" if "*" in email else email


def _message(elem: ET.Element) -> str:
    def unwrap(match: re.Match[str]) -> str:
        return f'href="{_HASH_SUFFIX.sub("", unquote(match[1]))}"'

    return html_to_text(_REDIRECT.sub(unwrap, _field(elem, "message")))


def _known(inp: Input) -> tuple[set[str], set[str]]:
    """Ids of the threads and of the non-spam posts in the export."""
    threads: set[str] = set()
    posts: set[str] = set()
    for elem in _elements(inp.aside()):
        if elem.tag == f"{_NS}thread" and elem.get(_ID):
            threads.add(elem.get(_ID, ""))
        elif elem.tag == f"{_NS}post" and elem.get(_ID) and not _flag(elem, "isSpam"):
            posts.add(elem.get(_ID, ""))
    return threads, posts


def _thread(elem: ET.Element, source: str) -> Post:
    key = elem.get(_ID, "")
    if not key:
        raise ValueError("thread without dsq:id")
    author, account, guest, meta = _author(elem)
    created = _field(elem, "createdAt")
    thread = schema.article_id(PLATFORM, key)
    identifier = _field(elem, "id")
    return Post(
        id=thread,
        thread=thread,
        is_article=True,
        text=_message(elem),
        platform=PLATFORM,
        source=source,
        author=author,
        author_key=account,
        author_handle="" if guest else account,
        guest=guest,
        title=shown_text(_field(elem, "title")),  # Disqus keeps a title escaped ("isn&#39;t")
        created=utc_iso(created) if created else "",
        source_id=key,
        url=_field(elem, "link"),
        deleted=_flag(elem, "isDeleted"),
        meta={**meta, "identifier": identifier} if identifier else meta,
    )


def _post(elem: ET.Element, known: tuple[set[str], set[str]], threads: Threads, where: str) -> Iterator[Post]:
    inp = threads.inp
    key, thread_key, parent_key = elem.get(_ID, ""), _ref(elem, "thread"), _ref(elem, "parent")
    if not key or not thread_key:
        raise ValueError("post without dsq:id or thread")
    created = utc_iso(_field(elem, "createdAt"))
    thread = schema.article_id(PLATFORM, thread_key)
    if thread_key not in known[0]:
        yield from threads.stub(PLATFORM, thread_key, where=where)
    parent = yield from threads.answered(PLATFORM, thread, parent_key or None, parent_key in known[1], where)
    deleted = _flag(elem, "isDeleted")
    author, account, guest, meta = _author(elem)
    yield Post(
        id=schema.post_id(PLATFORM, thread, key),
        thread=thread,
        is_article=False,
        text="" if deleted else _message(elem),
        platform=PLATFORM,
        source=inp.name,
        author=author,
        author_key=account,
        author_handle="" if guest else account,
        guest=guest,
        parent=parent,
        position=threads.position(thread),
        created=created,
        source_id=key,
        deleted=deleted,
        meta=meta,
    )


def _read(inp: Input) -> Iterator[Post]:
    known = _known(inp)
    threads = Threads(inp)
    for number, elem in enumerate(_elements(inp), 1):
        where = f"{inp.name}#{elem.get(_ID) or number}"
        try:
            if elem.tag == f"{_NS}thread":
                yield _thread(elem, inp.name)
            elif elem.tag == f"{_NS}post":
                if _flag(elem, "isSpam"):
                    inp.report.add(SPAM, where)
                    continue
                yield from _post(elem, known, threads, where)
        except BAD_DATA:
            inp.report.add(MALFORMED, where)


def _sniff(head: bytes) -> bool:
    return head.lstrip()[:1] == b"<" and b"<disqus" in head and b"disqus.com" in head


FORMAT = register(
    Format(
        "disqus",
        "a site's Disqus XML export (<disqus> with <thread> and <post> elements; guests keep their names and "
        "are told apart by their e-mail when the export gives it)",
        _sniff,
        _read,
    )
)
