"""Reader for mailing-list archives in mbox format: threads from Message-ID, In-Reply-To and References.

Messages are split on "From " separator lines and parsed with ``email`` (``policy.default``)
rather than ``mailbox.mbox``, which needs a seekable file on disk while inputs may be
compressed or standard input. A separator is a "From " line after a blank line (or first in
the file) that carries a time, so the unescaped "From " lines of web archives stay body text.

Threads: replies can come before what they answer, so a first pass reads headers only and keeps
each message's id and the ids it refers to (ids, not bodies). A message's parent is its
In-Reply-To (else the last of References); its thread root is found by following the nearest
ancestor that is in the file. A message with no ancestor in the file is a root: the Article,
titled by its Subject (if it answered something absent, that is reported as a missing root).
A stated parent that is absent while an older ancestor is present gives ``parent_missing``.

Text: the text/plain part (else HTML made text); quoted lines ("> …") go to ``Post.quoted``
with the "On … wrote:" line before them dropped; a signature after "-- " is dropped. The
author is the display name and the address goes to ``meta["email"]``.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from email import policy
from email.message import EmailMessage
from email.parser import BytesHeaderParser, BytesParser
from email.utils import parsedate_to_datetime
from typing import Any

from .. import schema
from ..errors import InputError
from ..records import Post
from . import DUPLICATE, MALFORMED, MISSING_ROOT, Format, Input, register
from ._shared import BAD_DATA, Ancestry, Threads, html_to_text, parent_id, utc_iso

__all__ = ["FORMAT", "split_reply"]

PLATFORM = "mbox"
_SEPARATOR = re.compile(rb"From \S+.*\d{1,2}:\d\d")
_ESCAPED_FROM = re.compile(rb"^>(>*From )")
_MSG_ID = re.compile(r"<([^<>\s]+)>")
_ATTRIBUTION = re.compile(r"(wrote|writes|schrieb|a écrit)\s*:\s*$", re.IGNORECASE)


def _messages(inp: Input) -> Iterator[tuple[int, bytes]]:
    """(line of the separator, raw message) for each message, one message in memory at a time."""
    with inp.open() as stream:
        start, lines, blank = 0, [], True
        for number, line in enumerate(stream, 1):
            if blank and line.startswith(b"From ") and _SEPARATOR.match(line):
                if start:
                    yield start, b"".join(lines)
                start, lines = number, []
            elif not start:
                raise InputError(f"{inp.name}: not an mbox file (it does not start with a 'From ' line)")
            else:
                lines.append(_ESCAPED_FROM.sub(rb"\1", line))
            blank = not line.strip()
        if start:
            yield start, b"".join(lines)
        else:
            raise InputError(f"{inp.name}: input is empty")


def _ids(value: Any) -> list[str]:
    return _MSG_ID.findall(str(value or ""))


def _identity(msg: Any) -> str:
    """The Message-ID without brackets, or a key from From/Date/Subject when there is none."""
    found = _ids(msg.get("message-id"))
    return found[0] if found else "\x1f".join(str(msg.get(h, "")) for h in ("from", "date", "subject"))


def _refs(msg: Any) -> list[str]:
    """Ancestors oldest first, the stated parent (In-Reply-To) last."""
    refs = _ids(msg.get("references"))
    reply_to = _ids(msg.get("in-reply-to"))
    if reply_to and (not refs or refs[-1] != reply_to[0]):
        refs.append(reply_to[0])
    return refs


def _ancestry(inp: Input) -> Ancestry[str]:
    """Each message's nearest ancestor in the file, from a headers-only first pass."""
    refs: dict[str, list[str]] = {}
    parser = BytesHeaderParser(policy=policy.compat32)
    for _, raw in _messages(inp):
        msg = parser.parsebytes(raw)
        refs.setdefault(_identity(msg), _refs(msg))
    tree: Ancestry[str] = Ancestry()
    for mid, chain in refs.items():
        tree.add(mid, next((r for r in reversed(chain) if r in refs and r != mid), None))
    return tree


def split_reply(text: str) -> tuple[str, tuple[str, ...]]:
    """A message's own text and its quoted blocks, without attribution lines and signature."""
    lines = text.replace("\r\n", "\n").split("\n")
    if "-- " in lines:
        lines = lines[: lines.index("-- ")]
    own: list[str] = []
    quotes: list[str] = []
    block: list[str] = []

    def flush() -> None:
        if block:
            # a block's own text; its nested quotes belong to older messages
            quoted = split_reply("\n".join(block))[0]
            if quoted:
                quotes.append(quoted)
            block.clear()

    for line in lines:
        if line.startswith(">"):
            if not block:
                _drop_attribution(own)
            block.append(line[2:] if line.startswith("> ") else line[1:])
            continue
        flush()
        own.append(line)
    flush()
    return re.sub(r"\n{3,}", "\n\n", "\n".join(own)).strip(), tuple(quotes)


def _drop_attribution(lines: list[str]) -> None:
    """Remove an "On … wrote:" line (possibly wrapped over two lines) ending ``lines``."""
    end = len(lines)
    while end and not lines[end - 1].strip():
        end -= 1
    if not end or not _ATTRIBUTION.search(lines[end - 1]):
        return
    start = end - 1
    if not lines[start].startswith("On ") and start and lines[start - 1].startswith("On "):
        start -= 1
    del lines[start:]


def _body(msg: EmailMessage) -> str:
    part = msg.get_body(preferencelist=("plain", "html"))
    if part is None:
        return ""
    try:
        content = part.get_content()
    except (LookupError, UnicodeError):
        content = (part.get_payload(decode=True) or b"").decode("utf-8", "replace")
    return html_to_text(content) if part.get_content_type() == "text/html" else content


def _author(msg: EmailMessage) -> tuple[str | None, dict[str, str]]:
    try:
        addresses = msg["from"].addresses if msg["from"] is not None else ()
    except (AttributeError, IndexError, ValueError):
        addresses = ()
    if not addresses:
        return None, {}
    address = addresses[0]
    email = address.addr_spec
    name = address.display_name or email.split("@", 1)[0]
    return name or None, {"email": email} if email else {}


def _created(msg: EmailMessage) -> str:
    try:
        return utc_iso(parsedate_to_datetime(str(msg.get("date", ""))))
    except (TypeError, ValueError):
        return ""


def _read(inp: Input) -> Iterator[Post]:
    tree = _ancestry(inp)
    threads = Threads(inp)
    parser = BytesParser(policy=policy.default)
    done: set[str] = set()
    for line, raw in _messages(inp):
        where = f"{inp.name}:{line}"
        try:
            msg = parser.parsebytes(raw)
            mid = _identity(msg)
            if not msg.get("from") and not msg.get("message-id"):
                raise ValueError("no From and no Message-ID")
            if mid in done:
                inp.report.add(DUPLICATE, where)
                continue
            text, quoted = split_reply(_body(msg))
            author, meta = _author(msg)
            created = _created(msg)
            url = (_MSG_ID.findall(str(msg.get("archived-at", ""))) or [""])[0]
            subject = str(msg.get("subject", "")).strip()
        except BAD_DATA:
            inp.report.add(MALFORMED, where)
            continue
        done.add(mid)
        root, _ = tree.root(mid)
        thread = schema.article_id(PLATFORM, root)
        common: dict[str, Any] = dict(
            thread=thread, text=text, platform=PLATFORM, source=inp.name, author=author, created=created
        )
        refs = _refs(msg)
        if root == mid:
            if refs:
                inp.report.add(MISSING_ROOT, where)
            yield Post(
                id=thread, is_article=True, title=subject, source_id=mid, url=url, quoted=quoted, meta=meta, **common
            )
            continue
        stated = refs[-1]
        parent = parent_id(inp, PLATFORM, thread, None if stated == root else stated, stated in tree, where)
        yield Post(
            id=schema.post_id(PLATFORM, thread, mid),
            is_article=False,
            parent=parent,
            parent_missing=parent is None,
            position=threads.position(thread),
            source_id=mid,
            url=url,
            quoted=quoted,
            meta=meta,
            **common,
        )


def _sniff(head: bytes) -> bool:
    return bool(_SEPARATOR.match(head))


FORMAT = register(Format("mbox", "a mailing-list archive in mbox format", _sniff, _read))
