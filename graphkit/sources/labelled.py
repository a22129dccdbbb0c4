"""Pages a scraper wrote with each post's writer on a labelled line, read by ``text``.

Scrapers of forums write a topic as text with labels where the page had fields: a post opens with "Author: berrios.eth"
(or "By:", "Posted by:", "Written by:", "User:", "Username:", "Poster:"), a line such as "Date: 2/27/2022, 11:53:21
PM" (or "Posted:", "Time:", "Created:") beside it, and a separator line often ends it ("=== END OF POST ===", "-----",
"*****"); the topic may open with one ("=== BEGINNING OF TOPIC ===") and "Title: …". On such a page a label, not a
name's shape, says who wrote: a user name of any form is taken from it ("berrios.eth"), and a post's short lines (its
headings, "Decision", "Rationale") are its text. A separator line is no title and no post. The page's first post is
the article when nothing stands between the title and it; else what does is the article, and every post a comment.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import datetime, timezone

from .. import schema
from ..month_dates import month_date
from ..records import Post
from ._shared import BAD_DATA, PAGE_PLATFORM, named, page_comment, utc_iso, zone_offset

__all__ = ["is_page", "parse"]

PLATFORM = PAGE_PLATFORM

_AUTHOR = re.compile(r"(?:author|by|posted\s+by|written\s+by|user(?:\s*name)?|poster)\s*:[ \t]*(\S.*)", re.I)
_DATE = re.compile(r"(?:date|time|timestamp|posted(?:\s+(?:on|at))?|created(?:\s+at)?|published)\s*:[ \t]*(\S.*)", re.I)
_TITLE = re.compile(r"(?:title|subject|topic)\s*:[ \t]*(\S.*)", re.I)
# a writer and a date on one line, maybe set in Markdown's marks: "Posted by X on DATE", "By X on DATE", "Comment by X
# on DATE" (an archive's "#### Comment by Don Syme on 11/10/2014 11:27:00 AM ####"), "Written by X | DATE", "X posted
# on DATE"; what follows "on" must read as a time (``_created``) for the line to be one
_MARKS = "#*_ \t"
_BYLINE = re.compile(
    r"(?:(?:posted|written|submitted|comment(?:ed)?|repl(?:y|ied)|answer(?:ed)?)\s+)?by\s+(?P<name>\S.*?)"
    r"\s+(?:on|at|[|·•–—-])\s+(?P<date>\d.*|[a-z]{3}.*)"
    r"|(?P<poster>\S.*?)\s+(?:posted|wrote|commented|replied)\s+(?:on|at)\s+(?P<when>\S.*)",
    re.I,
)
# a line of marks, maybe with a few words between two runs of them: "=== END OF POST ===", "----- Post 3 -----";
# the runs possessive, so a long run not ending a separator is given up once, not at each of its marks
_SEPARATOR = re.compile(r"([-=*#~_+])\1{2,}+(?:[^\n]{0,60}?([-=*#~_+])\2{2,}+)?")
# a Markdown heading's marks, "## Title ##": its words keep theirs ("# Learning C#")
_HEADING_MARKS = re.compile(r"^#+\s+|\s+#+$")
_LONGEST_NAME = 40  # characters of a user name after its label
_LONGEST_BYLINE = 160  # characters of a line giving a writer and a date: a name, a time and their words
_MOST_WORDS = 4  # words of a display name after its label
# a time as a page shows it: "2/27/2022, 11:53:21 PM", "27.02.2022 23:53", maybe with its zone
_SHOWN_TIME = re.compile(
    r"(\d{1,2})[/.](\d{1,2})[/.](\d{4}),?\s+(\d{1,2}):(\d\d)(?::(\d\d))?(?:\s*([ap])\.?m\.?)?(?:\s+(\S+))?", re.I
)


@dataclass
class _Line:
    start: int
    end: int
    text: str
    blanks_before: int
    byline: tuple[str, str] | None  # the writer and the date it names together (``_byline``), read once


@dataclass
class _Post:
    author: str | None
    date: str
    labels: int  # the line its labels start at
    first: int  # the line its text starts at
    stop: int  # the line after its text


def _lines(raw: str) -> list[_Line]:
    lines: list[_Line] = []
    blanks = 0
    for match in re.finditer(r"[^\n]*\n?", raw):
        line = match.group()
        if not line:
            break
        if not line.strip():
            blanks += 1
            continue
        start = match.start() + len(line) - len(line.lstrip())
        end = match.start() + len(line.rstrip())
        text = raw[start:end]
        lines.append(_Line(start, end, text, blanks, _byline(text)))
        blanks = 0
    return lines


def _author(line: _Line) -> str | None:
    """The writer an author label or a byline names, or None if the line is neither."""
    found = _AUTHOR.fullmatch(line.text.strip())
    if not found:
        return line.byline[0] if line.byline else None
    return _name(found.group(1))


def _name(name: str) -> str | None:
    """A writer's name after a label: a few words and no address."""
    name = name.strip()
    if len(name) > _LONGEST_NAME or len(name.split()) > _MOST_WORDS or "://" in name or name[-1] in ".,;:!?":
        return None
    return name


def _byline(text: str) -> tuple[str, str] | None:
    """The writer and the date a line names together ("Posted by alice on 3/21/2014 4:51:00 PM", Markdown's marks
    around it left out), or None: the date must read as a time, in either order of day and month."""
    text = text.strip().strip(_MARKS)
    # a longer line is none, and looking for one in it would try each of its spaces with each other
    found = _BYLINE.fullmatch(text) if len(text) <= _LONGEST_BYLINE else None
    if not found or (name := _name(found["name"] or found["poster"])) is None:
        return None
    date = (found["date"] or found["when"]).strip()
    if not any(_created(date, day_first) for day_first in (False, True)):
        return None
    return name, date


def _separator(text: str) -> bool:
    return _SEPARATOR.fullmatch(text.strip()) is not None


def _dated(lines: list[_Line], i: int) -> bool:
    """Whether line ``i`` gives its date itself (a byline) or a date label stands right above or under it, no blank
    line between."""
    if lines[i].byline:
        return True
    above = i > 0 and not lines[i].blanks_before and _DATE.fullmatch(lines[i - 1].text.strip())
    under = i + 1 < len(lines) and not lines[i + 1].blanks_before and _DATE.fullmatch(lines[i + 1].text.strip())
    return bool(above or under)


def _opens(lines: list[_Line], i: int) -> bool:
    """An author label that opens a post: first on the page, after a blank line, a separator, a Markdown heading ("##
    Response ##") or another label, and with a date label beside it or a separator above it (blank lines between). An
    author label alone is a post's own text: a quoted "By: Tom", a poem's "Author: Robert Frost", a pasted chat's
    "User: hello"."""
    if _author(lines[i]) is None:
        return False
    above = lines[i - 1].text if i > 0 else ""
    heading = above.startswith("#") and lines[i].byline is not None
    if not (i == 0 or lines[i].blanks_before or _separator(above) or heading or _DATE.fullmatch(above.strip())):
        return False
    return _dated(lines, i) or (i > 0 and _separator(above))


def is_page(raw: str) -> bool:
    """Whether the page's posts open with author labels, each dated or under a separator: two such lines at least,
    or one under the page's title alone, a separator line on the page (a topic of one post). One label further down
    is a post's own text."""
    if ":" not in raw:
        return False
    lines = _lines(raw)
    opening = [i for i in range(len(lines)) if _opens(lines, i)]
    if len(opening) != 1:
        return len(opening) > 1
    above = sum(1 for line in lines[: opening[0]] if not _separator(line.text))
    return above <= 1 and any(_separator(line.text) for line in lines)


def _day_first(dates: list[str]) -> bool | None:
    """Whether the page writes its dates day first ("27.02.2022"): a first number over 12 says so, a second one says
    month first, and a 12-hour clock does where none tells (as the US writes: "2/28/2022, 1:17:37 AM"); None where
    nothing tells or the page says both."""
    shown = [m for d in dates if (m := _SHOWN_TIME.fullmatch(d))]
    day = any(int(m[1]) > 12 for m in shown)
    month = any(int(m[2]) > 12 for m in shown)
    if day != month:
        return day
    if not day and any(m[7] for m in shown):
        return False
    return None


def _created(date: str, day_first: bool | None) -> str:
    """A labelled date as ISO UTC, "" when it does not read (a time without its zone is taken as UTC, a day written
    with its month's name as its midnight: ``month_dates``). A number alone is no time: a year ("Date: 1920") or a
    count ("Posted: 3"), not seconds since 1970."""
    if date.isdigit():
        return ""
    try:
        return utc_iso(date)
    except BAD_DATA:
        pass
    if (day := month_date(date)) is not None:  # "March 3, 2020": the day, its time unsaid
        return utc_iso(datetime(day.year, day.month, day.day))
    shown = _SHOWN_TIME.fullmatch(date)
    if not shown or day_first is None:
        return ""
    first, second, year, hour, minute, second_of, half, zone = shown.groups()
    day, month = (first, second) if day_first else (second, first)
    hours = int(hour)
    if half:
        if not 1 <= hours <= 12:
            return ""
        hours = hours % 12 + 12 * (half.lower() == "p")
    offset = zone_offset(zone) if zone else None
    if zone and offset is None:
        return ""
    try:
        when = datetime(int(year), int(month), int(day), hours, int(minute), int(second_of or 0))
    except ValueError:
        return ""
    return utc_iso(when.replace(tzinfo=timezone(offset)) if offset is not None else when)


def _posts(lines: list[_Line]) -> list[_Post]:
    """Each post: from its author label (and a date label right above or under it) to the next post's labels, less the
    separators that end it: text under a separator ("Part two.", a signature under "_____") is the post's."""
    opens = [i for i in range(len(lines)) if _opens(lines, i)]
    posts: list[_Post] = []
    for k, i in enumerate(opens):
        following = opens[k + 1] if k + 1 < len(opens) else len(lines)
        if (
            k + 1 < len(opens)
            and not lines[following].blanks_before
            and _DATE.fullmatch(lines[following - 1].text.strip())
        ):
            following -= 1  # the next post's date, written over its author
        date, first = byline[1] if (byline := lines[i].byline) else "", i + 1
        while first < following and (found := _DATE.fullmatch(lines[first].text.strip())):
            date, first = date or found.group(1).strip(), first + 1
        labels = i
        if i > 0 and (found := _DATE.fullmatch(lines[i - 1].text.strip())) and not lines[i].blanks_before:
            date, labels = date or found.group(1).strip(), i - 1
        stop = following
        while stop > first and _separator(lines[stop - 1].text):
            stop -= 1  # the separators ending it; one with text under it is the post's
        posts.append(_Post(_author(lines[i]), date, labels, first, stop))
    return posts


def parse(raw: str, source: str) -> Iterator[Post]:
    """Yield the article, then the comments in page order."""
    lines = _lines(raw)
    posts = _posts(lines)
    head = [line for line in lines[: posts[0].labels] if not _separator(line.text)]
    title = ""
    if head:
        found = _TITLE.fullmatch(head[0].text.strip())
        title = found.group(1).strip() if found else _HEADING_MARKS.sub("", head[0].text.strip())
        head = head[1:]
    day_first = _day_first([post.date for post in posts])
    if head:  # an article above the posts: every post a comment
        first = lines.index(head[0])
        article = _Post(None, "", first, first, lines.index(head[-1]) + 1)
    else:
        article, posts = posts[0], posts[1:]
    body = lines[article.first : article.stop]
    thread = schema.article_id(PLATFORM, f"{title}\x1f{article.date}")
    yield Post(
        id=thread,
        thread=thread,
        is_article=True,
        text=raw[body[0].start : body[-1].end] if body else "",
        platform=PLATFORM,
        source=source,
        title=title,
        date=article.date,
        created=_created(article.date, day_first),
        author=named(article.author),
        start=body[0].start if body else 0,
        end=body[-1].end if body else 0,
    )
    position = 0
    for post in posts:
        text_lines = lines[post.first : post.stop]
        if not text_lines:
            continue
        position += 1
        yield page_comment(
            raw,
            text_lines[0].start,
            text_lines[-1].end,
            thread=thread,
            source=source,
            position=position,
            author=post.author,
            created=_created(post.date, day_first),
        )
