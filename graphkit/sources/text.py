"""Reader for a news article and its comment section copied as plain text from a web page.

Layout: an optional date line (a line that is a date, maybe after a label such as "Updated:"; a headline
holding a date is the headline), a headline, an optional byline naming the article's writer ("Posted by
alice", "submitted 3 hours ago by alice", "12 points by alice", "By Alice Smith"), the article body, then
comments. A comment starts
at an author line (a short line holding a user name; Disqus appends " ." to some names; a name line that
ends a comment, such as a sign-off, is not one when the next author line follows it after two blank lines, or
when an "X wrote:" line and the lines it quotes follow it: the mail goes on) or
after two blank lines with no author line (an anonymous comment). Paragraphs of one comment
are separated by single blank lines. Replies are not marked; extraction infers them.

A file that is really code or data (a script holding a saved page, ``var data = [...];``, or
source code) is refused with one line saying what it is, rather than read as a one-comment page.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from dataclasses import dataclass

from .. import schema
from ..errors import InputError
from ..records import Post
from . import SNIFF_BYTES, Format, Input, formats, register

__all__ = ["FORMAT", "parse", "author_name", "not_prose"]

PLATFORM = "web"

_MONTHS = (
    "jan feb mar apr may jun jul aug sep sept oct nov dec january february march april june july "
    "august september october november december"
).split()
_DAYS = "mon tue wed thu fri sat sun monday tuesday wednesday thursday friday saturday sunday".split()
# the words of a date: month and weekday names, numbers ("11th", "2016-12-11", "10:32", "10.32"),
# "am"/"pm", "at"/"on"/"of"/"the"
_DATE_WORD = re.compile(
    rf"^(?:{'|'.join(_MONTHS + _DAYS)}|\d{{1,4}}(?:st|nd|rd|th)?|\d{{1,4}}(?:[-/.:]\d{{1,4}}){{1,2}}"
    r"|[ap]\.?m|at|on|of|the|[-–—])$"
)
_ZONE = re.compile(r"^(?:UTC|GMT|[A-Z]{1,3}[SD]T)(?:[+-]\d{1,4}(?::\d\d)?)?$")  # as written: "EST", "UTC+1"
# a label before a date: "Published", "Last updated on", or a few words ending in a colon ("Datum:")
_DATE_LABEL = re.compile(
    r"^(?:(?:last\s+)?(?:published|posted|updated|modified|created|written|dated?)(?:\s+(?:on|at))?\s*:?|"
    r"[^\d\s:]+(?:\s+[^\d\s:]+){0,2}:)\s*",
    re.I,
)
_STOP = set(
    "a an and are as at be but by for from had has have he her his i if in is it its me mine my no "
    "not of on or our she so than that the their them they this to up us was we were what when "
    "who will with you your ago days hours minutes weeks months years here there thanks thank yes".split()
)
_NAME_FORBIDDEN = re.compile(r"[,;:!?…\"“”‘’()\[\]{}<>/\\=+*&%$#@|]|\.\S|\.\.|https?:")
_AGO = re.compile(r"^\d+\s+\w+\s+ago$", re.I)
_PERSONAL = re.compile(r"\b(I|I'm|I’m|I've|I’ve|me|my|you|your|you're|you’re)\b")
_QUOTED = re.compile(r"“[^“”]*”|\"[^\"]*\"")  # no “ inside: an unclosed “ is passed over once
# a script that assigns a value: "var data = [", "window.__DATA__ = {", "module.exports = ["
_ASSIGNMENT = re.compile(r"\s*(?:(?:var|let|const)\s+[\w$]+|[\w$.]+|export\s+default)?\s*[=:]?\s*(?=[\[{])")
_WROTE = re.compile(r"\bwrote:\s*$")  # an attribution line over quoted lines: "On …, X wrote:"
# a byline under the headline: a handle after "posted/submitted … by" or "N points by", or "By" and a capitalised name
_BYLINE = re.compile(
    r"^(?:(?:posted|submitted|written|published)\b[^\n]{0,40}?\bby|\d+\s+points?\s+by)\s+(?:u/|@)?(.+)$|^(By)\s+(.+)$",
    re.I,
)
_CODE_LINE = re.compile(r"(?:[;{}]|=>|\*/)\s*$|^\s*(?://|/\*|#include|import |from \S+ import |def |class )")


@dataclass
class _Block:
    """A run of non-blank lines, with the number of blank lines before it."""

    start: int
    end: int
    text: str
    blanks_before: int


def author_name(line: str) -> str:
    """A user name as shown on the page, without Disqus's trailing " ."."""
    return re.sub(r"\s+\.$", "", line.strip()).strip()


def _looks_like_name(line: str) -> bool:
    name = author_name(line)
    if not name or len(name) > 40 or _NAME_FORBIDDEN.search(name) or _AGO.match(name):
        return False
    words = name.split()
    if len(words) > 4 or name.endswith("."):
        return False
    if any(w.lower() in _STOP for w in words):
        return False
    # one lower-case word is a handle only if it looks like one (digits or no vowels pattern)
    return all(w[0].isupper() or any(c.isdigit() for c in w) or len(words) == 1 for w in words)


def _looks_like_date(line: str) -> bool:
    """A line that is a date, maybe after a label ("JULY 2022", "Updated: Tue 12 Mar 2024 10.32 GMT"); a
    headline that holds one ("Mock ROE [TDS Jan 2025]") is not."""
    rest = _DATE_LABEL.sub("", line.strip(), count=1)
    words = [w.strip("()[].") for w in re.split(r"[\s,|·•]+", rest) if w.strip("()[].")]
    if not words or not all(_DATE_WORD.match(w.lower()) or _ZONE.match(w) for w in words):
        return False
    low = rest.lower()
    return bool(re.search(r"\b(19|20)\d\d\b", low)) and (
        any(w.lower() in _MONTHS for w in words) or bool(re.search(r"\d{1,4}[-/.]\d", low))
    )


def _blocks(raw: str) -> list[_Block]:
    blocks: list[_Block] = []
    blanks = 0
    for match in re.finditer(r"[^\n]*\n?", raw):
        line = match.group()
        if not line:
            break
        if not line.strip():
            blanks += 1
            continue
        start, end = match.start(), match.start() + len(line.rstrip())
        blocks.append(_Block(start, end, raw[start:end], blanks))
        blanks = 0
    return blocks


def _is_personal(text: str) -> bool:
    return bool(_PERSONAL.search(_QUOTED.sub(" ", text)))


def _byline(line: str) -> str | None:
    """The writer a byline names ("Posted by alice 3 hours ago": alice), or None if the line is not one. After
    "By" alone the rest of the line must be a capitalised name ("By now" is prose)."""
    found = _BYLINE.match(line.strip()) if "\n" not in line and len(line) <= 100 else None
    if not found:
        return None
    words = []
    for word in (found.group(1) or found.group(3)).split()[:4]:
        if word.lower() in _STOP or word[0].isdigit() or _NAME_FORBIDDEN.search(word.rstrip(".")):
            break
        words.append(word)
    if found.group(2) and (len(words) != len(found.group(3).split()) or not all(w[0].isupper() for w in words)):
        return None
    return " ".join(words) or None


def _signs_off(lines: list[_Block], i: int) -> bool:
    """A name line ending a comment ("John" under a mail), followed after two blank lines by the next
    comment's author line and its text: the later line is the author, or it would be read as text. Or a
    name line right under its comment's text ("John" under "Regards,") above an "X wrote:" line and the lines it
    quotes: a mail answering under what it quotes, which goes on."""
    return i + 2 < len(lines) and (
        (lines[i + 1].blanks_before >= 2 and lines[i + 2].blanks_before >= 1 and _looks_like_name(lines[i + 1].text))
        or (
            lines[i].blanks_before == 0
            and _WROTE.search(lines[i + 1].text) is not None
            and lines[i + 2].blanks_before == 0
            and lines[i + 2].text.startswith(">")
        )
    )


def parse(raw: str, source: str) -> Iterator[Post]:
    """Yield the article, then its comments in page order."""
    lines = _blocks(raw)
    if not lines:
        return
    date = ""
    if _looks_like_date(lines[0].text) and len(lines) > 1:
        date = lines.pop(0).text.strip()
    title_line = lines.pop(0)
    title = title_line.text.strip()
    writer = _byline(lines[0].text) if len(lines) > 1 and lines[0].blanks_before <= 1 else None
    if writer:
        lines.pop(0)

    # A comment starts at an author line followed by text, or after two blank lines.
    starts: list[tuple[int, str | None]] = []
    i = 0
    while i < len(lines):
        line = lines[i]
        after_author = bool(starts) and starts[-1][0] == i - 1 and starts[-1][1] is not None
        if (
            not after_author
            and i + 1 < len(lines)
            and lines[i + 1].blanks_before >= 1
            and _looks_like_name(line.text)
            and not _signs_off(lines, i)
        ):
            starts.append((i, author_name(line.text)))
            i += 1
            continue
        if line.blanks_before >= 2 and not after_author:
            starts.append((i, None))
        i += 1

    body_end = starts[0][0] if starts else len(lines)
    # Trailing first/second-person paragraphs of the body are an anonymous comment that
    # followed the article after a single blank line.
    split = body_end
    while split - 1 > 0 and _is_personal(lines[split - 1].text):
        split -= 1
    if split < body_end:
        starts.insert(0, (split, None))
        body_end = split

    body = lines[:body_end]
    thread = schema.article_id(PLATFORM, f"{title}\x1f{date}")
    yield Post(
        id=thread,
        thread=thread,
        is_article=True,
        text=raw[body[0].start : body[-1].end] if body else "",
        platform=PLATFORM,
        source=source,
        title=title,
        date=date,
        author=writer,
        start=body[0].start if body else title_line.start,
        end=body[-1].end if body else title_line.end,
    )

    bounds = [s for s, _ in starts] + [len(lines)]
    position = 0
    for (first, author), stop in zip(starts, bounds[1:], strict=True):
        text_lines = lines[first + (author is not None) : stop]
        if not text_lines:
            continue
        position += 1
        start, end = text_lines[0].start, text_lines[-1].end
        text = raw[start:end]
        yield Post(
            id=schema.post_id(PLATFORM, thread, f"{position}\x1f{text}"),
            thread=thread,
            is_article=False,
            text=text,
            platform=PLATFORM,
            source=source,
            author=author,
            position=position,
            start=start,
            end=end,
        )


def _sniff(head: bytes) -> bool:
    return b"\x00" not in head and head.lstrip()[:1] not in (b"{", b"[", b"<")


def not_prose(raw: str) -> str | None:
    """What a file is when it is code or data rather than a page of text, else None."""
    assigned = _ASSIGNMENT.match(raw)
    if assigned:
        try:
            _, end = json.JSONDecoder().raw_decode(raw, assigned.end())
        except ValueError:
            end = 0
        if end - assigned.end() >= len(raw.strip()) / 2:  # the data is most of the file
            head = raw[assigned.end() : end][:SNIFF_BYTES].encode()
            named = next((f.name for f in formats().values() if f.name != "text" and f.sniff(head)), "")
            what = f"that looks like {named} input" if named else "in no format graphkit reads"
            if not raw[: assigned.end()].strip():
                return f"JSON data {what}"
            return f"a script holding JSON data {what} (save the JSON alone to read it)"
    lines = [line for line in raw.splitlines() if line.strip()]
    code = sum(1 for line in lines if _CODE_LINE.search(line))
    if len(lines) >= 5 and code * 5 >= len(lines) * 2:
        return f"source code ({code} of {len(lines)} lines end or start like code)"
    return None


def _read(inp: Input) -> Iterator[Post]:
    raw = inp.read_text()
    what = not_prose(raw)
    if what:
        raise InputError(f"{inp.name}: not an article with comments but {what}")
    yield from parse(raw, inp.name)


FORMAT = register(
    Format(
        "text",
        "an article and its comments copied as plain text from a web page (date, headline, byline, body, then "
        "comments each after its author line or two blank lines); not code or data",
        _sniff,
        _read,
    )
)
