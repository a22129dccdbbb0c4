"""A real Arabic news channel's 40 posts (tests/data/trial/README.md), and what a run searching them for entities
must say of their language, counted from the file itself, for the tests of every command that says it."""

from __future__ import annotations

import json
import unicodedata
from pathlib import Path

ARABIC = Path(__file__).parent / "data" / "trial" / "telegram-scraper-from-hebron-40.json"


def not_english_said() -> str:
    """The warning line: the posts that hold 20 Arabic letters, most of their letters (counted here by the letters'
    Unicode names), are all the posts long enough to tell."""
    messages = [record["message"] for record in json.loads(ARABIC.read_text(encoding="utf-8"))]
    arabic = [sum(unicodedata.name(ch).startswith("ARABIC") for ch in m if ch.isalpha()) for m in messages]
    letters = [sum(ch.isalpha() for ch in m) for m in messages]
    n = sum(a >= 20 and 2 * a > all_ for a, all_ in zip(arabic, letters, strict=True))
    assert n > 30
    return (
        f"Warning: {n} of {n} posts long enough to tell look not English (Arabic script): entities are read by an "
        "English model and may be missing there"
    )
