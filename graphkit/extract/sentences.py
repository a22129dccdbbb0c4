"""Sentence boundaries by rule, so evidence spans get a sentence without running a parser.

Comments run sentences together ("cease fire.He risk"), use "…" and skip spaces, so the rule
splits after terminal punctuation followed by a capital, and at line breaks, but not after
titles and initials ("Mr. Lavrov", "U.S. forces").
"""

from __future__ import annotations

import bisect
import re

__all__ = ["Sentences"]

_ABBREV = set("mr mrs ms dr prof st gen col sen rep gov lt sgt capt jr sr vs etc e.g i.e no fig approx".split())
_BREAK = re.compile(r"[.!?…]+[\"'”’)\]]*(?=\s+\S|[A-Z\"“])|\n+")
_LAST_WORD = re.compile(r"(\S+)$")
# how far back the word before a full stop is looked for: abbreviations and initials are short, and a
# bounded look keeps a long post linear
_WORD_WINDOW = 40


class Sentences:
    """The sentences of one text, looked up by character offset."""

    def __init__(self, text: str) -> None:
        self.text = text
        starts = [0]
        for match in _BREAK.finditer(text):
            if match.group().startswith("."):
                word = _LAST_WORD.search(text, max(0, match.start() - _WORD_WINDOW), match.start())
                token = word.group(1).lower() if word else ""
                if token in _ABBREV or len(token) == 1 or re.fullmatch(r"(\w\.)+\w", token):
                    continue
            starts.append(match.end())
        self._starts = sorted(set(starts))

    def bounds(self, offset: int) -> tuple[int, int]:
        """Start and end of the sentence holding ``offset``, trimmed of surrounding space."""
        i = bisect.bisect_right(self._starts, offset) - 1
        start = self._starts[max(i, 0)]
        end = self._starts[i + 1] if i + 1 < len(self._starts) else len(self.text)
        chunk = self.text[start:end]
        lead = len(chunk) - len(chunk.lstrip())
        return start + lead, start + len(chunk.rstrip())

    def at(self, offset: int) -> str:
        start, end = self.bounds(offset)
        return self.text[start:end]

    def __iter__(self):
        for i, start in enumerate(self._starts):
            end = self._starts[i + 1] if i + 1 < len(self._starts) else len(self.text)
            chunk = self.text[start:end]
            if chunk.strip():
                lead = len(chunk) - len(chunk.lstrip())
                yield start + lead, start + len(chunk.rstrip())
