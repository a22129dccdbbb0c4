"""Is a capitalised word a name or a common word? Word frequencies across languages decide.

wordfreq folds case, so "trump" counts the president too; a plain frequency cannot tell names from words.
Comparing languages can: a name (Trump, Putin, Gazprom) is written the same in German, French or Spanish
text and is about as frequent there, while a common English word (Authority, Divisions,
Absolutely) is frequent in English only, and a foreign word (Januar) in one other language only.
The frequencies are wordfreq's Zipf values (``graphkit.frequency``).
"""

from __future__ import annotations

import statistics
from enum import Enum
from functools import lru_cache

from ..frequency import COMMON_ZIPF, zipf

__all__ = ["Kind", "OTHER_LANGUAGES", "english", "kind", "zipf"]

OTHER_LANGUAGES = ("de", "fr", "es", "it", "nl", "pt")
_ENGLISH_WORD_ZIPF = 2.5  # ~1 in 3 million English words: frequent enough that six other languages would show a name
_ENGLISH_ONLY_GAP = 1.3  # zipf units: over 20× more frequent in English than elsewhere
_FOREIGN_GAP = 3.0  # 1000× more frequent in some other language than in English
_KNOWN_ZIPF = 1.0  # present in most of the other languages' lists
_ENGLISH_LEAD = 0.7  # zipf units: 5× more frequent in English than elsewhere, loan words as "news", "data" are


class Kind(Enum):
    COMMON = "common"  # an English word: Authority, Areas, Fingers, Defunct
    FOREIGN = "foreign"  # another language's word: Januar
    NAME = "name"  # used across languages alike: Trump, Taliban, Rosneft
    RARE = "rare"  # too rare to say: Shoigu, Geostrategic, Khazar


@lru_cache(maxsize=1 << 15)  # as ``zipf``: the latest words, whatever a run's vocabulary
def kind(word: str) -> Kind:
    """What a single word is, judged by its frequency in English against six other languages."""
    low = word.lower()
    english = zipf(low, "en")
    others = [zipf(low, lang) for lang in OTHER_LANGUAGES]
    middle = statistics.median(others)
    if english >= COMMON_ZIPF and english - middle >= _ENGLISH_ONLY_GAP:
        return Kind.COMMON
    if english >= _ENGLISH_WORD_ZIPF and not any(others):
        return Kind.COMMON  # an English word no other language writes ("Defunct"): names travel
    if max(others) - english >= _FOREIGN_GAP:
        return Kind.FOREIGN
    if middle >= _KNOWN_ZIPF and english - middle < _ENGLISH_ONLY_GAP:
        return Kind.NAME
    return Kind.RARE


@lru_cache(maxsize=1 << 15)
def english(word: str) -> bool:
    """Whether ``word`` is a common word of English prose: frequent in English, and five times less so in the middle
    one of six other languages. Looser than ``Kind.COMMON``: the words other languages borrow from English ("news",
    "data", "machine") count, which a name's test must leave out and a language's test must not."""
    low = word.lower()
    frequency = zipf(low, "en")
    return (
        frequency >= COMMON_ZIPF
        and frequency - statistics.median(zipf(low, lang) for lang in OTHER_LANGUAGES) >= _ENGLISH_LEAD
    )
