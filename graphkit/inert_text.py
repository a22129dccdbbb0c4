"""Text from the input made safe to print: what a user wrote must not drive the terminal showing it."""

from __future__ import annotations

import unicodedata

# the characters that set the direction of the text after them (embeddings, overrides, isolates, marks)
_BIDI = frozenset("\u061c\u200e\u200f\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069")


def inert(text: str) -> str:
    """``text`` as a table cell, an error or a summary line shows it: control characters (escape sequences, a
    carriage return, a tab) become a space where they space text, U+FFFD else, and bidi controls, which would
    turn the rest of the line around, are dropped."""
    return "".join(_shown(ch) for ch in text if ch not in _BIDI)


def _shown(ch: str) -> str:
    if unicodedata.category(ch) != "Cc":
        return ch
    return " " if ch.isspace() else "\ufffd"
