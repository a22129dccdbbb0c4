"""The header line of a job post, as hiring threads write it: short fields set apart by pipes ("Slab | Software Engineer
| San Francisco, CA or Remote | Full-time | REMOTE"), or by spaced slashes on a post's first line. Its fields are what
a post is about, not prose: the first line's first field names the company, a place's field names places, and the
others (a role, a schedule, how remote, a salary, a stack, a link) name no one, whatever words they are written in."""

from __future__ import annotations

import re
from dataclasses import dataclass

# fields a line needs to be a header: two pipes at least ("Company | Role | Place"); one is a sentence's aside
_FIELDS = 3
# words a field holds at most: a field longer than that runs into the post's prose on the same line ("REMOTE
# HAProxy Technologies is the company behind …"), where names are named as in any sentence
_FIELD_WORDS = 16
_PIPE = re.compile(r"\|")
_SLASH = re.compile(r" / ")
_WORD = re.compile(r"\S+")


@dataclass(frozen=True)
class Field:
    """One field of a header line: its offsets in the post's text, its place on the line (0 the first) and whether the
    line opens the post (where the first field is the company's)."""

    start: int
    end: int
    index: int
    opens_post: bool


def header_fields(text: str) -> list[Field]:
    """The fields of the text's header lines, in order; none for a text with no line of three fields or more, for a
    Markdown table's row (a line opening with a pipe) and for a field too long to be one."""
    if "|" not in text and " / " not in text:
        return []
    out: list[Field] = []
    first = len(text) - len(text.lstrip())
    at = 0
    for line in text.splitlines(keepends=True):
        opens = at <= first < at + len(line)
        stripped = line.rstrip("\r\n")
        bars = _PIPE if "|" in stripped else _SLASH if opens else None
        cuts = [m.span() for m in bars.finditer(stripped)] if bars else []
        if len(cuts) + 1 >= _FIELDS and stripped.strip()[:1] not in "|":
            bounds = [0] + [end for _, end in cuts]
            ends = [start for start, _ in cuts] + [len(stripped)]
            for index, (start, end) in enumerate(zip(bounds, ends, strict=True)):
                if len(_WORD.findall(stripped, start, end)) <= _FIELD_WORDS:
                    out.append(Field(at + start, at + end, index, opens))
        at += len(line)
    return out
