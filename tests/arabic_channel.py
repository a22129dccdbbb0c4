"""A real Arabic news channel's 40 posts (tests/data/trial/README.md), and what a run searching them for entities
must say of their language, counted from the file itself, for the tests of every command that says it."""

from __future__ import annotations

import json
import unicodedata
from pathlib import Path

ARABIC = Path(__file__).parent / "data" / "trial" / "telegram-scraper-from-hebron-40.json"


def arabic_posts(records: list[dict]) -> int:
    """How many of the channel's ``records`` hold 20 Arabic letters, most of their letters (counted here by the
    letters' Unicode names): all its posts long enough to tell."""
    messages = [record["message"] for record in records]
    arabic = [sum(unicodedata.name(ch).startswith("ARABIC") for ch in m if ch.isalpha()) for m in messages]
    letters = [sum(ch.isalpha() for ch in m) for m in messages]
    return sum(a >= 20 and 2 * a > all_ for a, all_ in zip(arabic, letters, strict=True))


def not_english_said() -> str:
    """The warning line: the posts that hold Arabic letters mostly (``arabic_posts``) are all the posts long enough
    to tell."""
    n = arabic_posts(json.loads(ARABIC.read_text(encoding="utf-8")))
    assert n > 30
    return (
        f"Warning: {n} of {n} posts long enough to tell look not English (Arabic script): entities are read by an "
        "English model and may be missing there"
    )
