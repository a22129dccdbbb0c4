"""Whether posts read as English, told from what the model's worker holds of each post already (its text and tokens).

The entity model is an English pipeline: it finds next to no name in another language (an Arabic channel's 40 posts
naming Sinwar, Gaza and Biden gave no entity, a Spanish thread's "España" an Organization), and "0 entities" read
alone says "nobody named". So a run counts the posts that look otherwise, and says so once when they are a share of it.
"""

from __future__ import annotations

import re
import unicodedata
from collections import Counter
from dataclasses import dataclass, field
from functools import lru_cache
from typing import TYPE_CHECKING

from ..inert_text import inert
from .lexicon import english
from .stop_words import STOP_WORDS

if TYPE_CHECKING:
    from .parsed import Parsed

__all__ = ["Languages", "script"]

# a letter of a script other than Latin: Latin's blocks left out are Basic Latin to the modifier letters, the
# phonetic and additional Latin blocks, Latin Extended-C to E, fullwidth Latin and the mathematical letters that
# posts write "fancy" Latin with. ``re``'s word characters hold numerals too (circled digits, Roman numerals), which
# ``str.isalpha`` then leaves out: no script's letters
_OTHER = re.compile(
    r"[^\W\d_\x00-\u02ff\u1d00-\u1eff\u2c60-\u2c7f\ua720-\ua7ff\uab30-\uab6f\uff21-\uff3a\uff41-\uff5a"
    r"\U0001d400-\U0001d7ff]"
)
# the parts of a word written in camel case, as hashtags are ("#MachineLearning": Machine, Learning)
_CAMEL = re.compile(r"[A-Z]?[a-z]+|[A-Z]+(?![a-z])")
# what a post must hold to be told: this many letters of another script, or this many words (alphabetic tokens); a
# shorter post ("lol", a link, a sign-off, "Thanks!") says nothing of its language. Posts of 5 to 7 words were half of
# the English posts of the development threads that looked otherwise (headlines, "Chad Trump vs Demented Biden")
LETTERS = 20
WORDS = 8
# the share of a post's words that are English function words (spaCy's English stop words, which the model's tokens
# are flagged with) under which Latin-script text may be another language: 0.8% of the 10,486 posts of English threads
# told (the development entity threads, the reply model's training pages, the real exports) fall under it, mostly logs
# and patches; the posts of a Spanish, a Turkish, a French and two Indonesian threads under it but for 7%, 0.13 the
# Spanish thread's highest
FUNCTION_WORDS = 0.2
# a post with few function words is English all the same when most of its words are English's (``lexicon.english``:
# frequent in English, far less so in six other languages): headlines, hashtags and terse reviews ("Federal Reserve
# holds interest rates steady amid cooling inflation data", 0.9 of its words). The posts of the Spanish, Turkish and
# German test threads hold 0.28 of them at most; the posts of the test data's English threads still under half are
# logs, patches, code and lists of names
ENGLISH_WORDS = 0.5
# a post whose Chinese characters and kana are a quarter kana or more is Japanese, which writes its particles and
# endings in kana, most of its letters; a Chinese post quoting a Japanese title holds a few
KANA = 0.25
# posts that look not English are said once they are this share of the posts told, and at least ``FEWEST`` of them or
# all: the English threads' highest share was 0.13 (a YouTube page's Portuguese, French and Serbian comments and its
# spam), and one German comment of three told on a short page is no input in another language
SHARE = 0.25
FEWEST = 3
SHOWN = 5  # inputs named at most
_QUALIFIERS = {"HALFWIDTH", "FULLWIDTH"}
_SCRIPTS = {"CJK": "Han", "KATAKANA-HIRAGANA": "Katakana"}  # "ー", the mark that lengthens a kana's vowel
_KANA = {"Hiragana", "Katakana"}


def script(doc: Parsed) -> str | None:
    """The script of a post that does not read as English ("Latin" for another language in Latin letters), "" for
    one that does, None for one too short to tell: mostly letters of another script, else words neither English
    function words enough nor mostly English words (its script then the other one, if it holds ``LETTERS`` of it: a
    Russian post's words beside the Latin letters of its links). Letters are counted only in a text that is not ASCII,
    and words from the model's tokens; a lone letter of another script is a symbol (the α of a formula), no word."""
    text = doc.text
    other = [] if text.isascii() else [ch for ch in _OTHER.findall(text) if ch.isalpha()]
    if len(other) >= LETTERS and 2 * len(other) > sum(map(str.isalpha, text)):
        return _named(other)
    words = [token for token in doc if token.is_alpha and not (len(token) == 1 and _OTHER.match(token.text))]
    if len(words) < WORDS:
        return None
    if sum(token.is_stop for token in words) >= FUNCTION_WORDS * len(words):
        return ""
    if sum(token.is_stop or _english(token.text) for token in words) > ENGLISH_WORDS * len(words):
        return ""
    return _named(other) if len(other) >= LETTERS else "Latin"  # another script's words among links' letters


def _english(word: str) -> bool:
    """Whether ``word`` is English's own, or written in camel case of English words only ("MachineLearning")."""
    if english(word):
        return True
    parts = _CAMEL.findall(word)
    return len(parts) > 1 and "".join(parts) == word and all(p.lower() in STOP_WORDS or english(p) for p in parts)


def _named(letters: list[str]) -> str:
    """The script most of ``letters`` are of; Japanese for Chinese characters and kana together (``KANA``)."""
    names = Counter(map(_name, letters))
    kana = sum(names[name] for name in _KANA)
    if kana and kana >= KANA * (kana + names["Han"]):
        names["Japanese"] = kana + names.pop("Han", 0)
        for name in _KANA:
            del names[name]
    return names.most_common(1)[0][0]


@lru_cache(maxsize=1 << 12)
def _name(letter: str) -> str:
    """The name of the script ``letter`` is of, as its Unicode name opens ("ARABIC LETTER MEEM": "Arabic")."""
    words = [w for w in unicodedata.name(letter, "other").split() if w not in _QUALIFIERS]
    return _SCRIPTS.get(words[0], words[0].title())


@dataclass
class Languages:
    """The posts an extractor searched for entities that it could tell (``script``), and those of them that look not
    English, by script; the same of each input (by ``Post.source``), said apart in a run of several, where an input in
    another language may be a small share of the run."""

    told: int = 0
    other: Counter[str] = field(default_factory=Counter)
    inputs: dict[str, Languages] = field(default_factory=dict)

    def add(self, script: str | None, source: str | None = None) -> None:
        if script is not None:
            self.told += 1
            if script:
                self.other[script] += 1
            if source is not None:
                self.inputs.setdefault(source, Languages()).add(script)

    def update(self, other: Languages) -> None:
        """Add what ``other`` told, as the parts of a cluster's run are told apart and said together."""
        self.told += other.told
        self.other.update(other.other)
        for source, told in other.inputs.items():
            self.inputs.setdefault(source, Languages()).update(told)

    def line(self) -> str | None:
        """One line saying how many posts look not English and in which scripts, most first, when they are a share of
        the posts told (``SHARE``, ``FEWEST``), of each input that they are of in a run of several (the first
        ``SHOWN``, named; of the run when none of its inputs says so alone); None otherwise."""
        said = []
        if len(self.inputs) > 1:
            said = [f"{inert(source)}: {part}" for source, told in self.inputs.items() if (part := told._said())]
        if not said and (part := self._said()):  # one input, or several each too few to tell (a channel by the day)
            said = [part]
        if not said:
            return None
        more = f"; and {len(said) - SHOWN} more inputs" if len(said) > SHOWN else ""
        return f"{'; '.join(said[:SHOWN])}{more}: entities are read by an English model and may be missing there"

    def _said(self) -> str | None:
        n = sum(self.other.values())
        if not n or n < SHARE * self.told or n < min(FEWEST, self.told):
            return None
        names = [name for name, _ in self.other.most_common()]
        scripts = f"{', '.join(names)} script{'s' if len(names) > 1 else ''}"
        return f"{n} of {self.told} posts long enough to tell look not English ({scripts})"
