"""Reader for YouTube comments as yt-dlp writes them (``--write-comments``: the video's ``.info.json``).

The video is the Article (``title``, ``description``, the uploader's channel as its author) and
each entry of ``comments`` a Comment: ``parent`` is "root" for a comment on the video, else the
id of the comment it answers (YouTube threads one level deep; a reply's "@handle" to another
reply is left to the text). Identity is the channel id (``author_id``, "UC…"), ``author`` only
its shown name, so two channels showing the same name stay two Authors. A reply answers the comment its
``parent`` names, exactly: one not in the file (yt-dlp stopped at ``max_comments``, or the comment was removed)
is a stub comment of the video (``_shared.Threads.parent``), without text or writer, never the video, and a file
holding it fills the stub. An info.json written without ``--write-comments`` is refused with one line.

The Data API's ``commentThreads`` responses (``kind`` youtube#commentThreadListResponse; one, or a list of pages), or
their items saved alone (a list of them, or one a JSON line), are read too: each item's ``snippet.topLevelComment``
answers the video (``snippet.videoId``), each of its ``replies.comments`` the comment its ``parentId`` names; the
video itself is not in a response, so a stub root stands for it, and its writer is known by ``authorChannelId``.
"""

from __future__ import annotations

import contextlib
import re
from collections.abc import Iterator
from datetime import UTC, datetime
from typing import Any

from .. import schema
from ..errors import InputError
from ..records import Post
from . import MALFORMED, Format, Input, register
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

PLATFORM = "youtube"
_WATCH = "https://www.youtube.com/watch?v={}"
_EXPECTS = "a video's info.json with its comments under 'comments'"
_YOUTUBE = re.compile(rb'"extractor(?:_key)?"\s*:\s*"youtube"', re.IGNORECASE)
_ROOT = re.compile(rb'"parent"\s*:\s*"root"')
_THREADS = "youtube#commentThreadListResponse"  # the Data API's commentThreads.list response
# a commentThreads response, or its items saved without it; not rows flattened from them ("snippet.topLevelComment.id")
_API = re.compile(rb'"topLevelComment"\s*:\s*\{|"kind"\s*:\s*"youtube#commentThreadListResponse"')


def _is_comment(value: Any) -> bool:
    return isinstance(value, dict) and isinstance(value.get("id"), str) and "parent" in value and "text" in value


def _upload_time(video: dict[str, Any]) -> str:
    if video.get("timestamp") is not None:
        return utc_iso(video["timestamp"])
    day = video.get("upload_date")
    if isinstance(day, str) and len(day) == 8 and day.isdigit():
        return datetime.strptime(day, "%Y%m%d").replace(tzinfo=UTC).strftime("%Y-%m-%dT%H:%M:%SZ")
    return ""


def _handle(shown: object) -> str:
    """A channel's handle from its "@name" (a video's ``uploader_id``, a comment's ``author``), "" from any
    other name."""
    return shown[1:] if isinstance(shown, str) and shown.startswith("@") else ""


def _video(video: dict[str, Any], source: str) -> Post:
    key = video.get("id")
    if not isinstance(key, str) or not key:
        raise InputError(f"{source}: a yt-dlp info.json without a video id")
    thread = schema.article_id(PLATFORM, key)
    channel = video.get("channel_id")
    shown = video.get("channel") or video.get("uploader")
    return Post(
        id=thread,
        thread=thread,
        is_article=True,
        text=video.get("description") or "",
        platform=PLATFORM,
        source=source,
        **written_by(channel, shown),
        author_handle=_handle(video.get("uploader_id")),
        title=video.get("title") or "",
        created=_upload_time(video),
        source_id=key,
        url=video.get("webpage_url") or _WATCH.format(key),
    )


def _comment_url(page: str, comment: str) -> str:
    """A comment's address: its video's page with the comment shown first (``lc``), where the page has a query."""
    return f"{page}&lc={comment}" if "?" in page else ""


def _comment(
    comment: dict[str, Any], video: Post, known: set[str], position: int, threads: Threads, where: str
) -> Iterator[Post]:
    """A yt-dlp comment, after the stub of its parent when the file lacks it."""
    inp = threads.inp
    key, parent = comment["id"], comment["parent"]
    if not isinstance(parent, str) or not isinstance(comment["text"], str):
        raise ValueError("comment with a parent or text that is not a string")
    top = parent == "root"
    answered = None if top else parent
    graph_parent = yield from threads.answered(
        PLATFORM, video.id, answered, parent in known, where, _comment_url(video.url, parent)
    )
    author = comment.get("author_id")
    name = comment.get("author")
    meta = {k: comment[k] for k in ("like_count", "is_pinned", "author_is_uploader") if comment.get(k) is not None}
    yield Post(
        id=schema.post_id(PLATFORM, video.id, key),
        thread=video.id,
        is_article=False,
        text=comment["text"],
        platform=PLATFORM,
        source=inp.name,
        **written_by(author, name),
        author_handle=_handle(name),
        parent=graph_parent,
        position=position,
        created=utc_iso(comment["timestamp"]) if comment.get("timestamp") is not None else "",
        source_id=key,
        url=_comment_url(video.url, key),
        meta=meta,
    )


def _is_thread(value: Any) -> bool:
    """A commentThreads item: a thread holding its top-level comment."""
    return isinstance(value, dict) and isinstance(value.get("snippet"), dict) and "topLevelComment" in value["snippet"]


def _responses(value: Any) -> list[dict[str, Any]] | None:
    """The Data API's commentThreads responses a JSON value holds (one, or a list of pages), its items saved without
    their response (a list of them, or one a JSON line) as one page; None for anything else."""
    pages = value if isinstance(value, list) else [value]
    if pages and all(isinstance(p, dict) and p.get("kind") == _THREADS for p in pages):
        return pages
    if pages and all(_is_thread(p) for p in pages):
        return [{"items": pages}]
    return None


def _api_comment(
    comment: dict[str, Any], video: str, answers: str | None, known: set[str], threads: Threads, where: str
) -> Iterator[Post]:
    """A Data API comment on ``video``: a top-level one (``answers`` None) answers the video, a reply the comment
    its parentId names; the video's stub root comes first the first time."""
    snippet, key = comment["snippet"], comment["id"]
    if not isinstance(key, str) or not isinstance(video, str) or not video:
        raise ValueError("comment without an id or a video")
    inp = threads.inp
    thread = schema.article_id(PLATFORM, video)
    yield from threads.stub(PLATFORM, video, _WATCH.format(video), where)
    text = snippet.get("textOriginal")
    text = text if isinstance(text, str) else html_to_text(snippet.get("textDisplay") or "")
    page = _WATCH.format(video)
    graph_parent = yield from threads.answered(
        PLATFORM, thread, answers, answers in known, where, _comment_url(page, answers or "")
    )
    channel = snippet.get("authorChannelId")
    likes = snippet.get("likeCount")
    yield Post(
        id=schema.post_id(PLATFORM, thread, key),
        thread=thread,
        is_article=False,
        text=text,
        platform=PLATFORM,
        source=inp.name,
        **written_by(channel.get("value") if isinstance(channel, dict) else None, snippet.get("authorDisplayName")),
        parent=graph_parent,
        position=threads.position(thread),
        created=utc_iso(snippet["publishedAt"]) if snippet.get("publishedAt") else "",
        source_id=key,
        url=_comment_url(page, key),
        meta={} if likes is None else {"like_count": likes},
    )


def _api_read(threads: Threads, pages: list[dict[str, Any]]) -> Iterator[Post]:
    """The comments of commentThreads responses, each thread's top-level comment first, then its replies; ``threads``
    the input's, so a video's stub root comes once however many values its comments come in."""
    inp = threads.inp
    items = [item for page in pages for item in (page.get("items") or [])]

    def comments(item: Any) -> list[tuple[dict[str, Any], str | None]]:
        """(comment, the id it answers) of a thread: its top-level comment (None), then its replies, each the one
        its parentId names, else the top-level one (YouTube threads one level deep)."""
        replies = item.get("replies") or {}
        top = item["snippet"]["topLevelComment"]
        said = [(r, r["snippet"].get("parentId") or top["id"]) for r in replies.get("comments") or []]
        return [(top, None), *said]

    known = set()
    for item in items:
        with contextlib.suppress(*BAD_DATA):
            known.update(c["id"] for c, _ in comments(item))
    for index, item in enumerate(items, 1):
        ident = item.get("id") if isinstance(item, dict) else None
        where = f"{inp.name}#{ident or index}"
        try:
            video, said = item["snippet"]["videoId"], comments(item)
        except BAD_DATA:
            inp.report.add(MALFORMED, where)
            continue
        for comment, answers in said:
            try:
                yield from _api_comment(comment, video, answers, known, threads, where)
            except BAD_DATA:
                inp.report.add(MALFORMED, where)


def _read(inp: Input) -> Iterator[Post]:
    threads = Threads(inp)
    for _, video in json_values(inp):
        if (pages := _responses(video)) is not None:
            yield from _api_read(threads, pages)
            continue
        if not isinstance(video, dict) or not isinstance(video.get("comments"), list):
            raise InputError(
                f"{inp.name}: a yt-dlp info.json without 'comments' (write it with yt-dlp --write-comments)"
            )
        comments = video["comments"]
        refuse_unread(inp.name, video, comments, _is_comment, _EXPECTS)
        root = _video(video, inp.name)
        yield root
        known = {c["id"] for c in comments if _is_comment(c)}
        position = 0
        for index, comment in enumerate(comments, 1):
            ident = comment.get("id") if isinstance(comment, dict) else None
            where = f"{inp.name}#{ident or index}"
            try:
                if not _is_comment(comment):
                    raise ValueError("not a comment")
                yield from _comment(comment, root, known, position + 1, threads, where)
            except BAD_DATA:
                inp.report.add(MALFORMED, where)
                continue
            position += 1


def _sniff(head: bytes) -> bool:
    if head.lstrip()[:1] in (b"{", b"[") and _API.search(head):
        return True  # the Data API's commentThreads, a response or a list of them
    if head.lstrip()[:1] != b"{" or b'"subreddit"' in head:
        return False
    # an info.json opens with its formats (hundreds of kB), so its extractor may lie beyond the head
    formats = b'"formats"' in head and (b"googlevideo.com" in head or b"ytimg.com/" in head)
    return formats or bool(_YOUTUBE.search(head)) or (bool(_ROOT.search(head)) and b'"author_id"' in head)


FORMAT = register(
    Format(
        "youtube",
        "YouTube comments as yt-dlp writes them (--write-comments: the video's .info.json with 'comments', "
        "parent 'root' or a comment id, author_id as the author), or the Data API's commentThreads responses",
        _sniff,
        _read,
    )
)
