"""Reader for Bluesky posts as the AppView API gives them: thread views (``app.bsky.feed.getPostThread``),
lists of posts (``searchPosts``, ``getPosts``, ``getQuotes``) and feeds (``getAuthorFeed``, ``getTimeline``,
``getFeed``), and a post view or a feed's item saved alone.

A thread view is ``{"thread": node}``: a node's ``post`` (``uri``, ``author.did``/``handle``,
``record.text``, ``record.createdAt``, ``record.reply.parent``/``root``) with the posts answering
it nested under ``replies`` and, above a post that answers another, the chain of posts it answers
under ``parent``. The view the Bluesky app asks for since 2025 (``app.bsky.unspecced.getPostThreadV2``) lists the
same posts flat, ``{"thread": [item…]}``, each item's post under ``value.post`` (an item not found or blocked has
none), in the order it shows them. A list is ``{"posts": [post…]}``; a feed is ``{"feed": [item…]}``, an item's ``post``
shown under the ``reply.root`` and ``reply.parent`` posts it answers (read before it, once each: a
feed shows one post above several of its answers) and, when the feed's account reposted it, with a
``reason`` (counted: the repost names no words of its own). A post is known by its ``at://`` uri;
a post answers the one its record names, exactly, and its thread is the root its record names; a root
or a parent in no file is a stub, written by the account whose DID its uri names (a search holds few of
the posts its answers answer), shown as a mention or a quote of that account is: by the handle the load shows for
it (its first post's, else its first mention's or quote's), else by the DID. Like a
Discourse topic, one thread may come in several files (the view of each of its posts): the reader
first passes over every Bluesky input of the load.

Identity is the account's DID, shown by its handle (handles change hands; DIDs do not). What the
record states is kept as given: a mention facet is a MENTIONS of that DID at its place in the text
(facets index the UTF-8 bytes of the text), a link facet keeps its full address in the text, as
links in HTML do, and a quote post (an ``app.bsky.embed.record`` embed, alone or with media) is a
QUOTES of the quoted post, or of its writer when that post is not in the input. Posts not found,
blocked or from an account whose posts the viewer may not see are no posts and are counted.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, replace
from typing import Any

from .. import schema
from ..errors import InputError
from ..records import Post, Stated
from . import Format, Input, Report, register
from ._shared import BAD_DATA, Ancestry, Threads, entry_posts, json_values, refuse_unread, utc_iso, written_by

__all__ = ["FORMAT"]

PLATFORM = "bluesky"
UNSEEN = "thread entries skipped (post not found, blocked, or not visible)"
BAD_FACETS = "facets skipped (their byte range is not in the text)"
REPOSTS = "reposts read as the post reposted (who reposted it is not kept)"
_EXPECTS = (
    "a getPostThread view (posts under 'thread', its 'replies' and its 'parent' chain, or its items listed under "
    "'thread'), a list of posts under 'posts' or a feed's items under 'feed'"
)
_REPOST = "app.bsky.feed.defs#reasonRepost"
_POST = "app.bsky.feed.post"
_AUTHOR = re.compile(rb'"author"\s*:\s*\{')
_MENTION = "app.bsky.richtext.facet#mention"
_LINK = "app.bsky.richtext.facet#link"
_QUOTES = ("app.bsky.embed.record", "app.bsky.embed.recordWithMedia")


@dataclass(frozen=True)
class _Skeet:
    """One post of a thread view: its uri, the uris its record names, its writer and its record."""

    key: str
    parent: str | None
    root: str | None
    did: str
    handle: str
    record: dict[str, Any]
    quoted: tuple[str, str] | None  # (uri, handle of its writer when the view shows it)


def _is_post(value: Any) -> bool:
    """A post view: the only object of a thread view with a uri, an author and a record."""
    return isinstance(value, dict) and "uri" in value and isinstance(value.get("author"), dict) and "record" in value


def _listed(value: Any) -> list[Any] | None:
    """The items of a list of posts, of a feed or of a flat thread view (getPostThreadV2), None for a nested
    thread view; a post view or a feed's item saved alone is a list of one (a thread node has no 'reply')."""
    if not isinstance(value, dict):
        return None
    if _is_post(value) or isinstance(value.get("reply"), dict):
        return [value]
    items = value["thread"] if "thread" in value else value.get("posts", value.get("feed"))
    return items if isinstance(items, list) else None


def _list_nodes(items: list[Any]) -> Iterator[dict[str, Any]]:
    """A list's, feed's or flat thread view's posts as thread nodes, in its order: a feed item's post after the
    root and the parent it answers (a view not found or blocked is a node without a post)."""
    for item in items:
        if not isinstance(item, dict) or _is_post(item):
            yield {"post": item}
            continue
        if isinstance(item.get("value"), dict):  # a flat thread view's item: its post, if found and not blocked
            yield {"uri": item.get("uri"), **({"post": item["value"]["post"]} if "post" in item["value"] else {})}
            continue
        shown = item.get("reply") if isinstance(item.get("reply"), dict) else {}
        for view in (shown.get("root"), shown.get("parent")):
            if isinstance(view, dict):
                yield {"post": view} if _is_post(view) else view
        yield item


def _nodes(value: Any) -> Iterator[dict[str, Any]]:
    """The thread nodes of a view in reading order: the parent chain from its top, then the node
    and its replies depth first (a list's or a feed's in their order)."""
    items = _listed(value)
    if items is not None:
        yield from _list_nodes(items)
        return
    top = value.get("thread") if isinstance(value, dict) and "thread" in value else value
    chain: list[Any] = []
    node = top
    while isinstance(node, dict):
        chain.append(node)
        node = node.get("parent")
    yield from reversed(chain[1:])
    stack = [top]
    while stack:
        node = stack.pop()
        if not isinstance(node, dict):
            continue
        yield node
        replies = node.get("replies")
        if isinstance(replies, list):
            stack.extend(reversed(replies))


def _ref(record: dict[str, Any], key: str) -> str | None:
    ref = (record.get("reply") or {}).get(key)
    if ref is None:
        return None
    if not isinstance(ref, dict) or not isinstance(ref.get("uri"), str):
        raise ValueError(f"reply {key} without a uri")
    return ref["uri"]


def _quoted(post: dict[str, Any], record: dict[str, Any]) -> tuple[str, str] | None:
    """The post a quote post embeds, with its writer's handle from the view when shown."""
    embed = record.get("embed")
    if not isinstance(embed, dict) or embed.get("$type") not in _QUOTES:
        return None
    ref = embed.get("record")
    if embed["$type"] == _QUOTES[1] and isinstance(ref, dict):
        ref = ref.get("record")
    uri = ref.get("uri") if isinstance(ref, dict) else None
    if not isinstance(uri, str) or f"/{_POST}/" not in uri:
        return None  # a feed, list or starter pack shared, not a post quoted
    view = post.get("embed") if isinstance(post.get("embed"), dict) else {}
    shown = view.get("record") if isinstance(view.get("record"), dict) else {}
    if isinstance(shown.get("record"), dict):  # a quote with media shows the quote's view one level down
        shown = shown["record"]
    author = shown.get("author") if shown.get("uri") == uri else None
    handle = author.get("handle") if isinstance(author, dict) else None
    return uri, handle if isinstance(handle, str) else ""


def _skeet(post: dict[str, Any]) -> _Skeet:
    record, author = post["record"], post["author"]
    if not isinstance(post["uri"], str) or not isinstance(record, dict) or not isinstance(record.get("text"), str):
        raise ValueError("a post without a uri or a text")
    did = author.get("did")
    if not isinstance(did, str) or not did:
        raise ValueError("a post without its writer's DID")
    handle = author.get("handle")
    parent, root = _ref(record, "parent"), _ref(record, "root")
    if parent is None and root is not None:
        raise ValueError("a reply without the post it answers")
    return _Skeet(
        key=post["uri"],
        parent=parent,
        root=root,
        did=did,
        handle=handle if isinstance(handle, str) else "",
        record=record,
        quoted=_quoted(post, record),
    )


def _entries(value: Any, where: str, report: Report) -> Iterator[tuple[str, _Skeet | None]]:
    """(where, the post or None when the entry is malformed) for each post of a thread view, list or
    feed, once (a feed shows a post again above each of its answers); what is not a post (not found,
    blocked) and a feed's reposts are counted in ``report``."""
    if not isinstance(value, dict) or not isinstance(value.get("thread", value), dict | list):
        yield where, None
        return
    read: set[str] = set()
    for index, node in enumerate(_nodes(value), 1):
        post = node.get("post")
        uri = post.get("uri") if isinstance(post, dict) else node.get("uri")
        at = f"{where}#{uri if isinstance(uri, str) else index}"
        reason = node.get("reason")
        if isinstance(reason, dict) and reason.get("$type") == _REPOST:
            report.add(REPOSTS, at)
        if post is None:
            report.add(UNSEEN, at)
            continue
        if isinstance(uri, str):
            if uri in read:
                continue
            read.add(uri)
        try:
            yield at, _skeet(post) if _is_post(post) else None
        except BAD_DATA:
            yield at, None


def _scan(inp: Input) -> Ancestry[str]:
    """Each post's parent and named root, over every Bluesky input of the load; in ``inp.shared["handles"]``, the
    handle each account shows in it by Author id: its first post's, else the first mention's or quote's naming it. A
    stub is known by its writer's DID only, so its writer, a mention and a quote of an account writing nothing in the
    load show it by one name, whichever comes first."""
    if "tree" not in inp.shared:
        tree: Ancestry[str] = Ancestry()
        handles: dict[str, str] = {}
        named: dict[str, str] = {}
        for one in inp.siblings or (inp,):
            try:
                for _, value in json_values(replace(one.aside(), report=Report())):
                    posts = [n.get("post") for n in _nodes(value)]
                    refuse_unread(one.name, value, posts, _is_post, _EXPECTS)
                    for _, skeet in _entries(value, "", Report()):
                        if skeet is not None:
                            tree.add(skeet.key, skeet.parent, skeet.root)
                            if skeet.handle:
                                handles.setdefault(_author(skeet.did), skeet.handle)
                            shown = [(stated.target, stated.name) for stated in _text(skeet, Report(), "", {})[1]]
                            if skeet.quoted and skeet.quoted[1]:  # the quoted post's view shows its writer
                                shown.append((_author(_writer(skeet.quoted[0])), skeet.quoted[1]))
                            for target, name in shown:
                                if name:
                                    named.setdefault(target, name)
            except InputError:
                if one.name == inp.name:
                    raise
        inp.shared["tree"], inp.shared["handles"] = tree, {**named, **handles}
    return inp.shared["tree"]


def _node(tree: Ancestry[str], uri: str) -> str:
    """The graph id of a post of the input."""
    root, _ = tree.root(uri)
    thread = schema.article_id(PLATFORM, root)
    return thread if uri == root else schema.post_id(PLATFORM, thread, uri)


def _shown_link(label: str, href: str) -> str:
    """A link as the text keeps it: its address, after its label when the label is not the address
    shortened (Bluesky shows "example.com/long/pa..." for a long address)."""
    shown = label.rstrip(".…")
    bare = href.partition("://")[2]
    if label == href or (shown and any(h.startswith(shown) for h in (href, bare, bare.removeprefix("www.")))):
        return href
    return f"{label} ({href})" if label else href


def _facets(record: dict[str, Any], size: int, report: Report, where: str) -> list[tuple[int, int, dict[str, Any]]]:
    """(byte start, byte end, feature) of the mention and link facets of a record, in text order; a
    facet whose range is not in the text, or overlaps the one before, is skipped and reported."""
    facets = record.get("facets")
    found = []
    for facet in facets if isinstance(facets, list) else ():
        index = facet.get("index") if isinstance(facet, dict) else None
        start = index.get("byteStart") if isinstance(index, dict) else None
        end = index.get("byteEnd") if isinstance(index, dict) else None
        features = facet.get("features") if isinstance(facet, dict) else None
        valid = isinstance(start, int) and isinstance(end, int) and 0 <= start < end <= size
        if not valid or not isinstance(features, list):
            report.add(BAD_FACETS, where)
            continue
        feature = next((f for f in features if isinstance(f, dict) and f.get("$type") in (_MENTION, _LINK)), None)
        if feature is not None:
            found.append((start, end, feature))
    kept: list[tuple[int, int, dict[str, Any]]] = []
    for span in sorted(found, key=lambda s: s[0]):
        if kept and span[0] < kept[-1][1]:
            report.add(BAD_FACETS, where)
        else:
            kept.append(span)
    return kept


def _text(skeet: _Skeet, report: Report, where: str, handles: dict[str, str]) -> tuple[str, list[Stated]]:
    """The post's text with its links in full, and the mentions its facets state, located in it: each account shown
    by the handle the load shows it by (``_scan``), else as the text writes it."""
    raw = skeet.record["text"].encode("utf-8")
    out: list[str] = []
    stated: list[Stated] = []
    length, at = 0, 0
    for start, end, feature in _facets(skeet.record, len(raw), report, where):
        try:
            before, label = raw[at:start].decode("utf-8"), raw[start:end].decode("utf-8")
        except UnicodeDecodeError:  # a byte range that cuts a character in two
            report.add(BAD_FACETS, where)
            continue
        out.append(before)
        length += len(before)
        if feature["$type"] == _MENTION and isinstance(feature.get("did"), str):
            target = _author(feature["did"])
            shown = handles.get(target) or label.lstrip("@")
            stated.append(Stated(schema.MENTIONS, target, shown, False, length, length + len(label)))
        elif feature["$type"] == _LINK and isinstance(feature.get("uri"), str):
            label = _shown_link(label, feature["uri"])
        out.append(label)
        length += len(label)
        at = end
    out.append(raw[at:].decode("utf-8"))
    return "".join(out), stated


def _author(did: str) -> str:
    """The Author id of the account ``did`` names."""
    return schema.author_id(PLATFORM, did)


def _writer(uri: str) -> str:
    """The DID of the account whose repository holds the post ``uri`` names: its writer."""
    return uri.removeprefix("at://").partition("/")[0]


def _address(did: str, uri: str) -> str:
    """The post's page on the Bluesky site."""
    return f"https://bsky.app/profile/{did}/post/{uri.rpartition('/')[2]}"


def _named_by(uri: str, handles: dict[str, str]) -> dict[str, Any]:
    """The address and writer of a post in no file, as its stub has them: its uri names both (its writer by the DID,
    shown by the handle the load shows it by: ``_scan``)."""
    did = _writer(uri)
    return {"url": _address(did, uri), **written_by(did, handles.get(_author(did)))}


def _quote(skeet: _Skeet, tree: Ancestry[str], handles: dict[str, str]) -> list[Stated]:
    """The QUOTES a quote post states: of the post quoted, else of its writer, shown as ``_text`` shows a mention."""
    if skeet.quoted is None:
        return []
    uri, handle = skeet.quoted
    if uri in tree:
        return [Stated(schema.QUOTES, _node(tree, uri))]
    target = _author(_writer(uri))
    return [Stated(schema.QUOTES, target, handles.get(target) or handle or _writer(uri))]


def _post(skeet: _Skeet, tree: Ancestry[str], threads: Threads, where: str) -> Iterator[Post]:
    inp, handles = threads.inp, threads.inp.shared["handles"]
    root, root_in_input = tree.root(skeet.key)
    thread = schema.article_id(PLATFORM, root)
    text, stated = _text(skeet, inp.report, where, handles)
    common = {
        "thread": thread,
        "text": text,
        "platform": PLATFORM,
        "source": inp.name,
        **written_by(skeet.did, skeet.handle),
        "created": utc_iso(skeet.record["createdAt"]),
        "source_id": skeet.key,
        "url": _address(skeet.did, skeet.key),
        "stated": (*stated, *_quote(skeet, tree, handles)),
    }
    if skeet.key == root:
        yield Post(id=thread, is_article=True, **common)
        return
    if not root_in_input:  # a search holds few roots
        yield from threads.stub(PLATFORM, root, where=where, **_named_by(root, handles))
    answered = None if skeet.parent == root else skeet.parent
    stub = _named_by(answered, handles) if answered else {}
    parent = yield from threads.answered(PLATFORM, thread, answered, answered in tree, where, **stub)
    yield Post(
        id=schema.post_id(PLATFORM, thread, skeet.key),
        is_article=False,
        parent=parent,
        position=threads.position(thread),
        **common,
    )


def _read(inp: Input) -> Iterator[Post]:
    tree = _scan(inp)
    threads = Threads(inp)
    yield from entry_posts(
        inp,
        lambda value, where: _entries(value, where, inp.report),
        lambda skeet, at: _post(skeet, tree, threads, at),
        "not a Bluesky thread view, list of posts or feed (no post under 'thread', 'posts' or 'feed')",
    )


def _sniff(head: bytes) -> bool:
    if head.lstrip()[:1] != b"{":
        return False
    if b'"thread"' in head:
        return b"app.bsky.feed.defs#threadViewPost" in head or (b'"did:' in head and b'"app.bsky.feed.post"' in head)
    # a post view, or a feed item, alone: a record beside its writer's object (Jetstream's events hold no writer's)
    alone = b'"record"' in head and _AUTHOR.search(head) is not None
    listed = b'"posts"' in head or b'"feed"' in head or alone
    return listed and b'"at://did:' in head and b'"app.bsky.feed.post"' in head


FORMAT = register(
    Format(
        "bluesky",
        "Bluesky thread views from app.bsky.feed.getPostThread (thread with nested replies and its parent "
        "chain: post.uri, author.did as the author, record.text with facets, record.reply.parent, quote embeds) "
        "or getPostThreadV2 (the thread's items listed flat), "
        "and lists of post views: searchPosts, getPosts, getQuotes ('posts'), getAuthorFeed, getTimeline, "
        "getFeed ('feed'), or one post view or feed item alone",
        _sniff,
        _read,
        learn=_scan,
    )
)
