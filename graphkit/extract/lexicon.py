"""Is a capitalised word a name or a common word? Word frequencies across languages decide.

``wordfreq`` ships its frequency lists in the wheel (nothing is downloaded). It folds case, so
"trump" counts the president too; a plain frequency cannot tell names from words. Comparing
languages can: a name (Trump, Putin, Gazprom) is written the same in German, French or Spanish
text and is about as frequent there, while a common English word (Authority, Divisions,
Absolutely) is frequent in English only, and a foreign word (Januar) in one other language only.
"""

from __future__ import annotations

import statistics
from enum import Enum
from functools import cache

__all__ = ["Kind", "kind"]

_OTHERS = ("de", "fr", "es", "it", "nl", "pt")
_COMMON_ZIPF = 3.3  # ~1 in 500,000 English words or more often
_ENGLISH_ONLY_GAP = 1.3  # zipf units: over 20× more frequent in English than elsewhere
_FOREIGN_GAP = 3.0  # 1000× more frequent in some other language than in English
_KNOWN_ZIPF = 1.0  # present in most of the other languages' lists


class Kind(Enum):
    COMMON = "common"  # an English word: Authority, Areas, Fingers
    FOREIGN = "foreign"  # another language's word: Januar
    NAME = "name"  # used across languages alike: Trump, Taliban, Rosneft
    RARE = "rare"  # too rare to say: Shoigu, Geostrategic, Khazar


@cache
def kind(word: str) -> Kind:
    """What a single word is, judged by its frequency in English against six other languages."""
    from wordfreq import zipf_frequency

    low = word.lower()
    english = zipf_frequency(low, "en")
    others = [zipf_frequency(low, lang) for lang in _OTHERS]
    middle = statistics.median(others)
    if english >= _COMMON_ZIPF and english - middle >= _ENGLISH_ONLY_GAP:
        return Kind.COMMON
    if max(others) - english >= _FOREIGN_GAP:
        return Kind.FOREIGN
    if middle >= _KNOWN_ZIPF and english - middle < _ENGLISH_ONLY_GAP:
        return Kind.NAME
    return Kind.RARE
