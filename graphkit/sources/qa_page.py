"""A question-and-answer site's page (Stack Exchange) as a browser copies it from the site: its posts and comments.

Such a page signs each post under its text: the site's links ("Share", "Improve this answer", "Follow"), maybe the
editor's "edited DATE" line with the editor's name and reputation, then "asked DATE" under the question or "answered
DATE" under an answer, the writer's name and the writer's reputation ("10.6k3131 gold badges…"), then the post's
comments, each "text – Name DATE" on one line or its text, "– Name" and the date on lines of their own, each maybe
under its votes, and "Add a comment". A post's text starts under its votes (the question's under its header lines,
"Asked 2 years ago", "Viewed 29k times"). The page's navigation, the answers' count and order, and the sidebars around
the posts are left out. Dates read "Jul 13 '18 at 15:34" on pages saved before late 2021, "Jul 13, 2018 at 15:34"
after, this year's without the year.

The question is the article, its writer its byline; answers and comments follow in page order, each answer's text
ending in its "answered DATE" line (which tells the reply model an answer from a comment), its parents left to
extraction.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

from .. import qa_dates, schema
from ..records import Post
from ._shared import PAGE_PLATFORM, named, page_comment

__all__ = ["is_page", "parse"]

PLATFORM = PAGE_PLATFORM

_DATE = qa_dates.DATE
_SIGNED = re.compile(rf"(?:asked|answered) {_DATE}")  # the line signing a post, its writer's name under it
_EDITED = re.compile(rf"edited {_DATE}")
# "10.6k3131 gold badges9595 silver badges…": the reputation, each badge count shown twice; the split between the
# reputation and the counts costs a try at each digit, so only a short line is tried (``_reputation``)
_REPUTATION = re.compile(r"\d[\d,.]*k?(?:\s*\d+\s*(?:gold|silver|bronze) badges?)*")
_REPUTATION_LINE = 120  # characters: "1,234,567" and three kinds of badges take about 80
_VOTES = re.compile(r"[-+−]?\d+")
_FURNITURE = re.compile(
    r"share|edit|follow|unfollow|flag|close|reopen|delete|cite|improve this (?:answer|question)|community wiki", re.I
)
_HEADER = re.compile(  # the question's header lines: "Asked 2 years, 9 months ago", "Viewed 29k times"
    r"ask question|(?:asked|active|modified) (?:.+ ago|today|yesterday)|viewed [\d.,]+[km]? times?", re.I
)
# a comment on one line, its writer and date after a dash: "await requires a promise. – SLaks Jul 13 '18 at 15:20"
# (the text and the name end on a non-space: the spaces after them are tried once, not at each space of a long run)
_COMMENT = re.compile(rf"(?P<text>.*?\S)\s+–\s*(?P<name>[^–\s](?:[^–]*?[^–\s])?)\s+{_DATE}(?:\s+edited)?")
_COMMENTER = re.compile(r"–\s*(?P<name>\S.*)")  # "– Peter Mortensen" over the comment's date
_COMMENT_DATE = re.compile(rf"(?:commented\s+)?{_DATE}(?:\s+edited)?", re.I)


@dataclass(frozen=True)
class _Line:
    text: str  # stripped
    start: int
    end: int


def _lines(raw: str) -> list[_Line]:
    out, at = [], 0
    for line in raw.split("\n"):
        if stripped := line.strip():
            lead = len(line) - len(line.lstrip())
            out.append(_Line(stripped, at + lead, at + lead + len(stripped)))
        at += len(line) + 1
    return out


def _signed(lines: list[_Line], i: int) -> bool:
    """Whether line ``i`` signs a post: "asked/answered DATE" with a name under it."""
    return bool(_SIGNED.fullmatch(lines[i].text)) and i + 1 < len(lines)


def _reputation(text: str) -> bool:
    return len(text) <= _REPUTATION_LINE and _REPUTATION.fullmatch(text) is not None


def _question(lines: list[_Line]) -> int | None:
    """The line signing the question: the first "asked DATE" with its writer's name and reputation under it."""
    return next(
        (
            i
            for i in range(len(lines) - 2)
            if lines[i].text.startswith("asked ") and _signed(lines, i) and _reputation(lines[i + 2].text)
        ),
        None,
    )


def is_page(raw: str) -> bool:
    """Whether a page is a question-and-answer site's as a browser copies it: a question signed "asked DATE" with its
    writer's name and reputation under it."""
    return "asked " in raw and _question(_lines(raw)) is not None


def _comments(lines: list[_Line], i: int) -> tuple[list[tuple[str, int, int]], int]:
    """The comments from line ``i`` on (writer, start, end of the text) and the line after them: up to the next
    signing line, which no comment takes in."""
    out = []
    while i < len(lines):
        at = i + 1 if _VOTES.fullmatch(lines[i].text) and i + 1 < len(lines) else i
        line = lines[at]
        if any(_SIGNED.fullmatch(lines[j].text) for j in range(at, min(at + 3, len(lines)))):
            break
        if one := _COMMENT.fullmatch(line.text):
            out.append((one.group("name"), line.start, line.start + one.end("text")))
            i = at + 1
        elif (
            at + 2 < len(lines)
            and (by := _COMMENTER.fullmatch(lines[at + 1].text))
            and _COMMENT_DATE.fullmatch(lines[at + 2].text)
        ):
            out.append((by.group("name"), line.start, line.end))
            i = at + 3
        else:
            break
    return out, i


def _body_end(lines: list[_Line], start: int, signed: int) -> int:
    """The line after a post's text: above the links, the editor's lines and the signing line under it."""
    j = signed
    while j > start:
        above = lines[j - 1].text
        if _FURNITURE.fullmatch(above) or _EDITED.fullmatch(above):
            j -= 1
        elif j - 3 >= start and _reputation(above) and _EDITED.fullmatch(lines[j - 3].text):
            j -= 2  # the editor's name and reputation
        else:
            break
    return j


def parse(raw: str, source: str) -> Iterator[Post]:
    """Yield the question as the article, then each answer and comment in page order."""
    lines = _lines(raw)
    asked = _question(lines)
    if asked is None:
        return
    signs = [asked] + [
        i for i in range(asked + 1, len(lines)) if lines[i].text.startswith("answered ") and _signed(lines, i)
    ]
    header = [i for i in range(asked) if _HEADER.fullmatch(lines[i].text)]
    first = next((i for i in header if lines[i].text.lower() == "ask question"), header[0] if header else min(asked, 1))
    start = (header[-1] if header else first - 1) + 1
    posts: list[tuple[int, int, int, str, list[tuple[str, int, int]]]] = []
    for k, signed in enumerate(signs):
        start = min(start, signed)  # the writer's or a comment's lines of the post before may reach it
        votes = 2 if k == 0 else 1  # the question shows its votes and its bookmarks
        while votes and start < signed and _VOTES.fullmatch(lines[start].text):
            start, votes = start + 1, votes - 1
        end = _body_end(lines, start, signed)
        writer = lines[signed + 1].text
        after = signed + 2
        if after < len(lines) and _REPUTATION.fullmatch(lines[after].text):
            after += 1
        comments, after = _comments(lines, after)
        posts.append((start, end, signed, writer, comments))
        if k + 1 < len(signs):  # the next answer starts at its votes
            start = next((i for i in range(after, signs[k + 1]) if _VOTES.fullmatch(lines[i].text)), after)
    # the line over the header is the title; with nothing above (a copy starting at "Ask Question" or at the question's
    # signing line), the question's first line of text stands for it, as the page shows no other
    q_start, q_end = posts[0][:2]
    title = lines[first - 1].text if first else lines[q_start].text if q_end > q_start else ""
    yield from _posts(raw, source, title, lines, posts)


def _posts(
    raw: str,
    source: str,
    title: str,
    lines: list[_Line],
    posts: list[tuple[int, int, int, str, list[tuple[str, int, int]]]],
) -> Iterator[Post]:
    """The page's posts: each post's text with its signing line under it, then its comments."""
    thread = schema.article_id(PLATFORM, f"{title}\x1f")
    position = -1
    for start, end, signed, writer, comments in posts:
        body = raw[lines[start].start : lines[end - 1].end] if end > start else ""
        text = f"{body}\n{lines[signed].text}" if body else lines[signed].text
        position += 1
        yield Post(
            id=schema.post_id(PLATFORM, thread, f"{position}\x1f{text}") if position else thread,
            thread=thread,
            is_article=not position,
            text=text,
            platform=PLATFORM,
            source=source,
            title="" if position else title,
            author=named(writer),
            position=position,
            start=lines[start].start,
            end=lines[signed].end,
        )
        for name, a, b in comments:
            position += 1
            yield page_comment(raw, a, b, thread=thread, source=source, position=position, author=name)
