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
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from .parsed import Parsed

__all__ = ["Languages", "script"]

_LETTER = re.compile(r"[^\W\d_]")
# a letter of a script other than Latin: Latin's blocks left out are Basic Latin to the modifier letters, the
# phonetic and additional Latin blocks, Latin Extended-C to E, fullwidth Latin and the mathematical letters that
# posts write "fancy" Latin with
_OTHER = re.compile(
    r"[^\W\d_\x00-\u02ff\u1d00-\u1eff\u2c60-\u2c7f\ua720-\ua7ff\uab30-\uab6f\uff21-\uff3a\uff41-\uff5a"
    r"\U0001d400-\U0001d7ff]"
)
# what a post must hold to be told: this many letters of another script, or this many words (alphabetic tokens); a
# shorter post ("lol", a link, a sign-off, "Thanks!") says nothing of its language. Posts of 5 to 7 words were half of
# the English posts of the development threads that looked otherwise (headlines, "Chad Trump vs Demented Biden")
LETTERS = 20
WORDS = 8
# the share of a post's words that are English function words (spaCy's English stop words, which the model's tokens
# are flagged with) under which Latin-script text is another language: 0.8% of the 10,486 posts of English threads
# told (the development entity threads, the reply model's training pages, the real exports) fall under it, mostly logs
# and patches; the posts of a Spanish, a Turkish, a French and two Indonesian threads under it but for 7%, 0.13 the
# Spanish thread's highest
FUNCTION_WORDS = 0.2
# posts that look not English are said once they are this share of the posts told, and at least ``FEWEST`` of them or
# all: the English threads' highest share was 0.13 (a YouTube page's Portuguese, French and Serbian comments and its
# spam), and one German comment of three told on a short page is no input in another language
SHARE = 0.25
FEWEST = 3
_QUALIFIERS = {"HALFWIDTH", "FULLWIDTH"}
_SCRIPTS = {"CJK": "Han"}


def script(doc: Parsed) -> str | None:
    """The script of a post that does not read as English ("Latin" for another language in Latin letters), "" for
    one that does, None for one too short to tell: mostly letters of another script, else too few English function
    words (its script then the other one, if it holds ``LETTERS`` of it: a Russian post's words beside the Latin
    letters of its links). Letters are counted only in a text that is not ASCII, and words from the model's tokens."""
    text = doc.text
    other = [] if text.isascii() else _OTHER.findall(text)
    if len(other) >= LETTERS and 2 * len(other) > len(_LETTER.findall(text)):
        return _name(other[0])
    words = stops = 0
    for token in doc:
        if token.is_alpha:
            words += 1
            stops += token.is_stop
    if words < WORDS:
        return None
    if stops >= FUNCTION_WORDS * words:
        return ""
    return _name(other[0]) if len(other) >= LETTERS else "Latin"  # another script's words among links' letters


def _name(letter: str) -> str:
    """The name of the script ``letter`` is of, as its Unicode name opens ("ARABIC LETTER MEEM": "Arabic")."""
    words = [w for w in unicodedata.name(letter, "other").split() if w not in _QUALIFIERS]
    return _SCRIPTS.get(words[0], words[0].title())


@dataclass
class Languages:
    """The posts an extractor searched for entities that it could tell (``script``), and those of them that look not
    English, by script."""

    told: int = 0
    other: Counter[str] = field(default_factory=Counter)

    def add(self, script: str | None) -> None:
        if script is not None:
            self.told += 1
            if script:
                self.other[script] += 1

    def update(self, other: Languages) -> None:
        """Add what ``other`` told, as the parts of a cluster's run are told apart and said together."""
        self.told += other.told
        self.other.update(other.other)

    def line(self) -> str | None:
        """One line saying how many posts look not English and in which scripts, most first, when they are a share of
        the posts told (``SHARE``, ``FEWEST``); None otherwise."""
        n = sum(self.other.values())
        if not n or n < SHARE * self.told or n < min(FEWEST, self.told):
            return None
        names = [name for name, _ in self.other.most_common()]
        scripts = f"{', '.join(names)} script{'s' if len(names) > 1 else ''}"
        return (
            f"{n} of {self.told} posts long enough to tell look not English ({scripts}): entities are read by an "
            "English model and may be missing there"
        )
