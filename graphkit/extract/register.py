"""Registers where a capitalised word is rarely a name: code, identifiers and version numbers, and romanised Sanskrit.

In programmers' threads the model tags identifiers ("TextSymbolizer", "WebSocket"), products with their
version ("Ubuntu 8.04") and words of compiler output ("Fehler: shapefile.hpp: No such file") as people,
places and organisations. Scholars of Sanskrit write its terms in Latin letters and capitalise them ("Pranaam",
"Vyutapatiivada", "Subhaasitamahakosa"), which the model reads as names too. Each check here says what it saw, so a
dropped name keeps its reason.
"""

from __future__ import annotations

import re
from functools import cache

__all__ = ["code_in", "identifier", "lower_opened", "passed_on", "romanised", "versioned"]

# a capital inside a word after lower case ("WebSocket", "YouTubers", "KoTor"), but not a name's prefix
# ("McAfee", "MacArthur", "DiCaprio", "O'Brien", "LeBron", "DeSantis", "VanderBilt")
_INNER_CAPITAL = re.compile(r"[a-z][A-Z]")
_NAME_PREFIX = re.compile(r"(?:Mc|Mac|O'|O’|D'|D’|De|Di|Da|Du|La|Le|Van|Von)[A-Z][a-z]+(?:'s|’s)?")
# the longest lower-case opening of a product's name before its first capital ("i" in iPhone, "mac" in macOS), and the
# shortest such name
_LOWER_OPENING = 3
_LOWER_OPENED_SIZE = 4
# snake_case, boost::asio, and lower-case letters then digits (aarch64, Win32; not G7, MI6 or 1990s)
_IDENTIFIER = re.compile(r"\w*_\w+|\w+::\w+|(?=\w*[a-z])[A-Za-z]+\d[A-Za-z0-9]*")
_VERSION = re.compile(r"v?\d+(?:\.\d+)+[a-z]?")  # 8.04, 2.6.32, v1.2
# the letters romanised Sanskrit and other Indic languages write (IAST, ISO 15919), which English and the languages of
# the word lists do not: long vowels with a macron, retroflex consonants and the visarga with a dot below
_INDIC_LETTERS = re.compile(r"[āīūṛṝḷḹṭḍṇṣḥṃṁĀĪŪṚṜḶḸṬḌṆṢḤṂṀ]")
# a long vowel written twice, as romanisations in plain letters write ā, ī, ū ("Kubhaa", "Gaurii", "samhitaa")
_DOUBLED_LONG = re.compile(r"aa|ii|uu", re.IGNORECASE)
# what only code and terminals write: `spans`, scope and arrow operators, snake_case and CONSTANT_CASE names,
# calls, paths, file names with a source or build extension, and compiler diagnostics (file.cpp:34:25:); each word-led
# form starts at a word's start, where a match inside the word would start too (tried at each letter, a word cost its
# length squared), and a file name at the start of its run of words and dashes ("a-b-c.py", dashes before it kept)
_EXTENSIONS = r"cpp|hpp|cc|hh|h|c|py|js|ts|rs|go|java|rb|sh|xml|json|ya?ml|toml|so|dll|exe|cfg|conf|ini|bashrc"
# each form with the marks one of which it holds ("." for a dot before an extension or a line number, ``_DOTTED``): a
# text is searched for the forms whose marks it holds, in this order, as one pattern of all of them would find the same
# first piece (the search tries each form at each word, and most texts hold one mark: a slash, or no code at all)
_FORMS = (
    (r"`[^`\n]+`", ("`",)),
    (r"\b\w+(?:::|->)\w+", ("::", "->")),
    (r"\b[a-z]+_[a-z0-9_]+\b", ("_",)),
    (r"\b[A-Z][A-Z0-9]*_[A-Z0-9_]+\b", ("_",)),
    (r"\b\w+\(\)", ("()",)),
    (r"(?:^|\s)~?/[\w.-]+/[\w./-]*", ("/",)),
    (rf"(?<![\w-])-*\w[\w-]*\.(?:{_EXTENSIONS})\b", (".",)),
    (r"\.bashrc\b", (".",)),
    (r"\b\w+\.\w+:\d+:\d+:", (".",)),
)
_MARKS = tuple(dict.fromkeys(mark for _, held in _FORMS for mark in held if mark != "."))  # "." is ``_DOTTED``'s
_DOTTED = re.compile(rf"\.(?:{_EXTENSIONS}|\w+:\d)")
# the mark a tweet writes before the handle of the tweet it passes on (retweeted, modified), and the colon that opens
# that tweet's words ("RT @MichaelSkolnik: Every ...")
_PASSED_ON = re.compile(r"[RM]T\s+@\w+(:)?")
# what the mark follows when no colon comes after the handle: a hashtag, a handle, a stop or a smiley ("#RIPMikeBrown
# RT @MichaelSkolnik Every ..."), where a word ("on RT @RT_com last night") or nothing makes it the broadcaster RT
_BEFORE_MARK = re.compile(r"(?:[#@]\w+|[.!?:;()])\s*$")
# the text a forum's software writes for a smiley ("emoticon_rolleyes", "emoticon_xangel")
_EMOTICON = re.compile(r"\bemoticon_[a-z]+")


def identifier(word: str) -> str | None:
    """Why ``word`` is written as a code identifier or brand (CamelCase, snake_case, letters and digits
    mixed, a caret), or None for a word written as names are."""
    if _IDENTIFIER.fullmatch(word):
        return "written as a code identifier"
    if "^" in word:
        return "written with a caret, as code, powers and a terminal's backspace ('much^H^H') are"
    if _INNER_CAPITAL.search(word) and not _NAME_PREFIX.fullmatch(word):
        return "written in CamelCase"
    return None


def lower_opened(word: str) -> bool:
    """``word`` opens with a few lower-case letters before a capital, as products and companies write their names and
    no common word or person's name is written ("uBlock", "iPhone", "eBay", "macOS"): a name's first word, though it
    opens lower-case. Four letters at least: shorter ones are units ("kWh", "mAh")."""
    inner = next((i for i, c in enumerate(word) if c.isupper()), 0)
    return word.isalpha() and len(word) >= _LOWER_OPENED_SIZE and 0 < inner <= _LOWER_OPENING


def romanised(word: str) -> str | None:
    """Why ``word``, one no word list or name list knows, is spelt as romanised Sanskrit is, or None (unknown to the
    lists is what lets a doubled vowel say so: "bazaar", "Hawaii" and "Graaff" are listed)."""
    if _INDIC_LETTERS.search(word):
        return "written with the letters of Sanskrit's romanisation"
    if _DOUBLED_LONG.search(word):
        return "a long vowel written twice, as romanised Sanskrit writes it, in a word no list knows"
    return None


def versioned(following: str) -> bool:
    """True if ``following`` (the token after a name) is a version number: "Ubuntu 8.04", "Django v2.2"."""
    return bool(_VERSION.fullmatch(following))


def passed_on(text: str, start: int) -> bool:
    """True if the word at ``start`` of ``text`` is Twitter's mark for a tweet passed on, before the handle of the one
    who wrote it ("RT @MichaelSkolnik: ..."): the register's, not a body's acronym. The broadcaster RT is written
    before its own handle too ("RT @RT_com reports", "on RT @RT_com"): without the colon after the handle, the mark
    is one only after a hashtag, a handle or a stop."""
    found = _PASSED_ON.match(text, start)
    return bool(found) and (bool(found.group(1)) or bool(_BEFORE_MARK.search(text, 0, start)))


def code_in(text: str) -> str | None:
    """The first piece of code in ``text`` (links already taken out), or None for prose. A forum's smiley written as
    its code ("emoticon_rolleyes") is prose's, no code."""
    if "emoticon_" in text:
        text = _EMOTICON.sub(" ", text)
    marks = {mark for mark in _MARKS if mark in text}
    if _DOTTED.search(text):
        marks.add(".")
    if not marks:
        return None
    found = _code(frozenset(marks)).search(text)
    return found.group().strip() if found else None


@cache
def _code(marks: frozenset[str]) -> re.Pattern[str]:
    """The forms of code a text holding ``marks`` may hold, as one pattern (``_FORMS``)."""
    return re.compile("|".join(form for form, held in _FORMS if marks.intersection(held)), re.MULTILINE)
