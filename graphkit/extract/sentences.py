"""Sentence boundaries by rule, so evidence spans get a sentence without running a parser.

Comments run sentences together ("cease fire.He risk"), use "…" and skip spaces, so the rule
splits after terminal punctuation followed by a capital, and at line breaks, but not after
titles and initials ("Mr. Lavrov", "U.S. forces"). A sentence is evidence, so one without a
break for thousands of characters (a wall of text) is cut to ``MAX_SENTENCE`` characters around
the offset asked for; building and each lookup cost the same whatever the text's length.
"""

from __future__ import annotations

import bisect
import re

__all__ = ["Sentences"]

_ABBREV = set("mr mrs ms dr prof st gen col sen rep gov lt sgt capt jr sr vs etc e.g i.e no fig approx".split())
# a run of terminal marks is tried from its first mark only, so a long run costs its length once; the pattern opens
# with the class of the characters a break starts at, which Python's engine looks for at C speed before it tries the
# rest (opening with the lookbehind, it tried the whole pattern at every character: four times the time)
_BREAK = re.compile(r"[.!?…\n](?:(?<=\n)\n*|(?<=[.!?…])(?<![.!?…][.!?…])[.!?…]*+[\"'”’)\]]*(?=\s+\S|[A-Z\"“]))")
_INITIALS = re.compile(r"(\w\.)+\w")
_TOKEN = re.compile(r"\S+$")
_LONGEST_ABBREV = 16  # a token before a period longer than this is no title or initials ("e.g.", "U.S.")
MAX_SENTENCE = 1000


class Sentences:
    """The sentences of one text, looked up by character offset; the text is split at the first lookup,
    so a post whose evidence needs no sentence (a reply its input states) is never split."""

    def __init__(self, text: str) -> None:
        self.text = text
        self._starts: list[int] = []  # where each sentence starts, once split (``_split``): the first is 0
        self._at: dict[int | tuple[int], str] = {}  # sentences by their place in the text, cut ones by (offset,)

    def _split(self) -> list[int]:
        """Where each sentence starts, in order, worked out at the first call (a plain attribute rather than a
        cached property, whose lock cost as much as splitting a comment), set once all are found: another thread asking
        meanwhile splits the text too rather than read a part."""
        if self._starts:
            return self._starts
        text = self.text
        starts = [0]
        for match in _BREAK.finditer(text):
            if match.group().startswith("."):
                word = _TOKEN.search(text, max(0, match.start() - _LONGEST_ABBREV - 1), match.start())
                token = word.group().lower() if word and len(word.group()) <= _LONGEST_ABBREV else ""
                if token in _ABBREV or len(token) == 1 or _INITIALS.fullmatch(token):
                    continue
            starts.append(match.end())  # after 0 and after each other: the breaks are found in order, none empty
        self._starts = starts
        return starts

    def bounds(self, offset: int) -> tuple[int, int]:
        """Start and end of the sentence holding ``offset``, trimmed of surrounding space, at most
        ``MAX_SENTENCE`` characters around ``offset``."""
        start, end = self._around(offset, bisect.bisect_right(self._split(), offset) - 1)
        chunk = self.text[start:end]
        return start + len(chunk) - len(chunk.lstrip()), start + len(chunk.rstrip())

    def _around(self, offset: int, i: int) -> tuple[int, int]:
        """Start and end of sentence ``i``, which holds ``offset``, cut to ``MAX_SENTENCE`` characters around it."""
        start, end = self._starts[max(i, 0)], self._end(i)
        if end - start > MAX_SENTENCE:
            start = min(max(start, offset - MAX_SENTENCE // 2), end - MAX_SENTENCE)
            end = start + MAX_SENTENCE
        return start, end

    def at(self, offset: int) -> str:
        """The sentence holding ``offset`` (``bounds``), worked out once a sentence: the spans and tones of a post's
        edges ask for a few sentences at many offsets. A sentence cut to ``MAX_SENTENCE`` around the offset is kept
        by the offset."""
        i = bisect.bisect_right(self._split(), offset) - 1
        key = i if self._whole(i) else (offset,)
        sentence = self._at.get(key)
        if sentence is None:
            start, end = self._around(offset, i)
            sentence = self._at[key] = self.text[start:end].strip()
        return sentence

    def _whole(self, i: int) -> bool:
        """Whether sentence ``i`` is short enough to be given whole, whatever offset of it is asked for."""
        return self._end(i) - self._starts[max(i, 0)] <= MAX_SENTENCE

    def _end(self, i: int) -> int:
        """Where sentence ``i`` ends: where the next starts, or the text's end."""
        return self._starts[i + 1] if i + 1 < len(self._starts) else len(self.text)

    def __iter__(self):
        for i, start in enumerate(self._split()):
            chunk = self.text[start : self._end(i)]
            if chunk.strip():
                lead = len(chunk) - len(chunk.lstrip())
                yield start + lead, start + len(chunk.rstrip())
