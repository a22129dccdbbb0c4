"""Where a query's string literals and backquoted names end, for the lexers of both stores' statement checks
(``ladybug_statements``, ``neo4j_statements``), which differ in the escapes a literal may hold.

A text of quotes closed nowhere would have each scanned to the end: quadratic, minutes for 64 KB. So a scan jumps
from one quote or backslash to the next, and one that finds no end marks the places it stood at: a later scan
standing at one of them goes the same way from there, so it stops. All the literals of a text take linear time."""

from __future__ import annotations

import re
from collections.abc import Callable

__all__ = ["Literals", "name_end"]

_SPECIAL = {quote: re.compile(f"[{quote}\\\\]") for quote in "'\""}


class Literals:
    """The string literals of one text. ``escape_end`` gives where the escape at a backslash ends, or None for
    one the grammar lacks, which makes the literal none."""

    def __init__(self, text: str, escape_end: Callable[[str, int], int | None]) -> None:
        self.text = text
        self.escape_end = escape_end
        self.dead = {quote: bytearray(len(text) + 3) for quote in _SPECIAL}

    def end(self, at: int) -> int | None:
        """Where the literal opening with the quote at ``at`` ends, or None if it does not."""
        text, quote, i = self.text, self.text[at], at + 1
        dead, stood, special = self.dead[quote], [], _SPECIAL[quote]
        while (found := special.search(text, i)) and not (dead[i] or dead[found.start()]):
            stood += (i, found.start())
            i = found.start()
            if text[i] == quote:
                return i + 1
            end = self.escape_end(text, i)
            if end is None:
                break
            i = end
        for place in stood:
            dead[place] = 1
        return None


def name_end(text: str, at: int) -> int | None:
    """Where the backquoted name opening at ``at`` ends: backquoted parts one after another (```a``b``` is one
    name, a`b), the longest that closes, or None if none does."""
    end = None
    while at < len(text) and text[at] == "`":
        close = text.find("`", at + 1)
        if close < 0:
            break
        end = at = close + 1
    return end
