"""Reader for Hacker News items in the three shapes researchers save them.

Official API (``/v0/item/ID``): flat items with ``by``, ``parent``, ``kids``, ``text`` (HTML),
``time`` (unix), ``deleted``/``dead``: one item, a JSON array or NDJSON. Search API
(hn.algolia.com ``/items/ID``): an item with ``author``, ``text`` (HTML), ``created_at``,
``parent_id``, ``story_id``, ``title``, ``url`` and its replies nested under ``children``; its ``/search``
responses, ``{"hits": [...]}`` or the hits alone, each hit with ``objectID``, ``comment_text`` (or a story's
``story_text``), ``parent_id``, ``story_id``, ``story_title`` and ``created_at_i`` (``_hit``).
Client shape (HNPWA, node-hnapi): a story with ``user``, ``content`` (HTML), ``time`` and its
replies nested under ``comments`` (each with a ``level``); a deleted comment has no ``user``.
Items nested anywhere else are not guessed at: the input is refused with one line saying where
they sit (see ``_shared.refuse_unread``).

Parents: flat items may come in any order and do not name their story, so the reader first
passes over the input keeping only id -> parent (and story id when given), which is bounded by
the number of items, not their text, and checks that the input is HN items before yielding.
The thread root is the item at the top of the parent chain. When the chain leaves the input at
item M, M stands in as the thread's root and a stub root is yielded for it. A comment naming its story
(``story_id``, as search hits do) whose direct parent is missing answers that parent's stub, a comment of the
story's thread (``_shared.Threads.parent``), exactly as the item says, never the story: a search for comments
returns a reply without the comment it answers.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import replace
from typing import Any

from .. import schema
from ..errors import InputError
from ..records import Post
from . import MALFORMED, Format, Input, Report, register
from ._shared import BAD_DATA, GONE, Ancestry, Threads, html_to_text, json_values, refuse_unread, utc_iso

__all__ = ["FORMAT"]

PLATFORM = "hackernews"
_ITEM_URL = "https://news.ycombinator.com/item?id={}"
_NESTED = ("children", "comments")  # replies: the search API's key, the client shape's key
_EXPECTS = "items one per line, in a list, or with replies nested under 'children' or 'comments'"


def _hit(value: dict[str, Any]) -> dict[str, Any]:
    """A search hit as an item: its ``objectID`` the id, its comment's (or story's) text the text; any other
    object as it is."""
    key = value.get("objectID")
    if "id" in value or not isinstance(key, str) or not key.isdigit():
        return value
    text = next((value[k] for k in ("comment_text", "story_text") if isinstance(value.get(k), str)), None)
    return {**value, "id": int(key), "text": text}


def _items(value: Any) -> Iterator[tuple[Any, int | None]]:
    """(item, parent id) in reading order; nested children take the enclosing item as parent, a search
    response's hits none. The tree is walked with a stack, not recursion, so a thread of any depth reads."""
    stack: list[tuple[Any, Any]] = [(value, None)]
    while stack:
        value, parent = stack.pop()
        if isinstance(value, dict) and "id" not in value and isinstance(value.get("hits"), list):
            value = value["hits"]
        if isinstance(value, list):
            stack.extend((item, parent) for item in reversed(value))
            continue
        if not isinstance(value, dict):
            yield value, None
            continue
        value = _hit(value)
        stated = value.get("parent_id", value.get("parent"))
        yield value, parent if parent is not None else stated
        for key in reversed(_NESTED):  # pushed last, popped first: reading order
            replies = value.get(key)
            stack.extend((child, value.get("id")) for child in reversed(replies if isinstance(replies, list) else ()))


def _is_item(item: Any) -> bool:
    return (
        isinstance(item, dict)
        and isinstance(item.get("id"), int)
        and any(k in item for k in ("time", "created_at", "created_at_i"))
    )


def _ancestry(inp: Input) -> Ancestry[int]:
    """Parent and story of every item; the input's first value must hold HN items."""
    tree: Ancestry[int] = Ancestry()
    # bad lines are reported by the second pass, not twice
    for number, (line, value) in enumerate(json_values(replace(inp.aside(), report=Report()))):
        found = []
        for item, parent in _items(value):
            if _is_item(item):
                found.append(item)
                story = item.get("story_id")
                tree.add(item["id"], parent, story if isinstance(story, int) else None)
        where = f"{inp.name}:{line}" if line else inp.name
        refuse_unread(where, value, found, _is_item, _EXPECTS, skip=("options",))  # a poll's options
        if number == 0 and not found:
            raise InputError(f"{inp.name}: not Hacker News items (no item with an id and a time)")
    return tree


def _created(item: dict[str, Any]) -> str:
    for key in ("time", "created_at_i", "created_at"):
        if item.get(key) is not None:
            return utc_iso(item[key])
    raise ValueError("item has no time")


def _post(
    item: dict[str, Any], parent: int | None, tree: Ancestry[int], threads: Threads, where: str
) -> Iterator[Post]:
    inp = threads.inp
    item_id = item["id"]
    key, root_in_input = tree.root(item_id)
    thread = schema.article_id(PLATFORM, str(key))
    created = _created(item)
    author = next((item[k] for k in ("by", "author", "user") if item.get(k)), None)
    body = next((item[k] for k in ("text", "content") if isinstance(item.get(k), str)), None)
    if item.get("deleted") and body in GONE:
        body = None
    text = html_to_text(body) if body else ""
    meta = {"dead": True} if item.get("dead") else {}
    if item_id == key:
        link = item.get("url") or ""
        link = link if link.startswith(("http://", "https://")) else ""  # the client shape's "item?id=…" is HN's own
        yield Post(
            id=thread,
            thread=thread,
            is_article=True,
            text=f"{text}\n\n{link}".strip(),
            platform=PLATFORM,
            source=inp.name,
            author=author if isinstance(author, str) else None,
            title=item.get("title") or "",
            created=created,
            source_id=str(item_id),
            url=_ITEM_URL.format(item_id),
            deleted=bool(item.get("deleted")),
            meta=meta,
        )
        return
    if not root_in_input:
        title = item.get("story_title") if key == item.get("story_id") else None  # a search hit names its story's
        yield from threads.stub(PLATFORM, str(key), _ITEM_URL.format(key), where, title or "")
    top_level = parent is None or parent == key
    stated = None if top_level else str(parent)
    graph_parent = yield from threads.answered(
        PLATFORM, thread, stated, parent in tree, where, _ITEM_URL.format(parent)
    )
    yield Post(
        id=schema.post_id(PLATFORM, thread, str(item_id)),
        thread=thread,
        is_article=False,
        text=text,
        platform=PLATFORM,
        source=inp.name,
        author=author if isinstance(author, str) else None,
        parent=graph_parent,
        position=threads.position(thread),
        created=created,
        source_id=str(item_id),
        url=_ITEM_URL.format(item_id),
        # the search API gives a deleted comment as one with neither author nor text
        deleted=bool(item.get("deleted")) or (body is None and author is None),
        meta=meta,
    )


def _read(inp: Input) -> Iterator[Post]:
    tree = _ancestry(inp)
    threads = Threads(inp)
    for line, value in json_values(inp):
        for item, parent in _items(value):
            ident = item.get("id") if isinstance(item, dict) else None
            where = f"{inp.name}:{line}" if line else f"{inp.name}#{ident}"
            if not _is_item(item):
                inp.report.add(MALFORMED, where)
                continue
            try:
                yield from _post(item, parent, tree, threads, where)
            except BAD_DATA:
                inp.report.add(MALFORMED, where)


def _sniff(head: bytes) -> bool:
    if head.lstrip()[:1] not in (b"{", b"[") or b'"subreddit"' in head:
        return False
    return (
        (b'"time"' in head and b'"type"' in head)
        or (b'"story_id"' in head and b'"created_at"' in head)
        or (b'"objectID"' in head and b'"created_at_i"' in head)  # a search response's hits
    )


FORMAT = register(
    Format(
        "hackernews",
        "Hacker News items: official API items (by, parent; one, a list or NDJSON), the search API's item "
        "tree (author, children) or search hits (objectID, comment_text; under 'hits' or a list), or the "
        "client/HNPWA shape (user, content, nested comments)",
        _sniff,
        _read,
    )
)
