"""URLs in post text and the registrable domain of each (the ``Source`` node).

URLs come bare, in brackets, in markdown ``[text](url)`` or glued to a sentence end, so the
span is cut at whitespace and quotes, and trailing punctuation or an unbalanced closing
bracket is dropped. Domains use the public suffix list that ships inside
``publicsuffixlist`` (it never fetches).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache
from urllib.parse import urlsplit

__all__ = ["Link", "find_links", "domain"]

_URL = re.compile(r"(?:https?://|www\.)[^\s<>\"'“”‘’`]+", re.I)
_TRAILING = ".,;:!?…*_~"
_PAIRS = {")": "(", "]": "[", "}": "{", ">": "<"}


@dataclass(frozen=True)
class Link:
    start: int
    end: int
    url: str


def _trim(url: str) -> str:
    """``url`` without trailing punctuation and unbalanced closing brackets; brackets are counted
    once, so a URL of any length is trimmed in time proportional to it."""
    counts = {c: url.count(c) for pair in _PAIRS.items() for c in pair}
    end = len(url)
    while end:
        last = url[end - 1]
        if last in _TRAILING or last in _PAIRS and counts[last] > counts[_PAIRS[last]]:
            if last in counts:
                counts[last] -= 1
            end -= 1
        else:
            break
    return url[:end]


def find_links(text: str) -> list[Link]:
    """Every URL in ``text`` with its character offsets, trailing punctuation removed."""
    out = []
    for match in _URL.finditer(text):
        url = _trim(match.group())
        if "." not in url.split("//", 1)[-1]:
            continue
        out.append(Link(match.start(), match.start() + len(url), url))
    return out


@cache
def _psl():
    from publicsuffixlist import PublicSuffixList

    return PublicSuffixList(only_icann=True)


def domain(url: str) -> str:
    """Registrable domain of a URL (``uploads.disquscdn.com`` → ``disquscdn.com``)."""
    host = urlsplit(url if "//" in url else f"http://{url}").hostname or ""
    host = host.rstrip(".").lower()
    if not host:
        return ""
    return _psl().privatesuffix(host) or host
