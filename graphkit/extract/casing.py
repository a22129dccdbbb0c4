"""Does English write a word in lower case? A cased word list decides where case-folded frequencies cannot.

wordfreq folds case ("malaria" and "Malaria" are one entry), and a word every language borrows ("Malaria",
"Podcast", "Troll") is about as frequent in German or French text as in English, so ``lexicon.kind`` reads it as a
name. spaCy's lookup tables (the spacy-lookups-data package) keep a cased English word list with each form's log
probability: a word written in lower case several times as often as capitalised is a common word, capitalised at a
sentence's start, in a heading or for emphasis, while a name is capitalised wherever it is written ("Putin", "Trump").
"""

from __future__ import annotations

import contextlib
import gzip
import json
from functools import cache, lru_cache
from importlib.metadata import version
from importlib.resources import files
from pathlib import Path

from ..frequency import cache_dir, store

__all__ = ["capitalised_word", "common_noun", "everyday_lower", "lower_case_word", "seldom_lower"]

# natural log units: the lower-case form written over twice as often as the capitalised one ("Ramen", "Panini" the
# sandwich over the grammarian); "trump" is 1.6 times as frequent as "Trump", "brown" 1.4
_LOWER_LEAD = 0.7
# the lower-case form written at least a third as often as the capitalised one: a rank's or a title's head English
# also writes as a common noun ("king" 0.6 times as often as "King", "prince" 0.5), where a surname is capitalised
# nearly always ("damon" one in 19 times, "warren" one in 10)
_NOUN_LEAD = -1.1
# a word typed in lower case that English writes so every day: the lower-case form at least a ninth as frequent as the
# capitalised one ("china" an eighth as often as "China", "trump" more often than "Trump"; "putin" one in 12 times,
# "jordan" one in 16) and at least this frequent itself in the list's comments ("breen" and "merkel" are rarer, so a
# name typed in lower case, as "cavuto", which the list never writes so)
_EVERYDAY_LEAD = -2.2
_EVERYDAY_LOGP = -15.0
# a word English writes every day (the lower-case form as frequent as ``_EVERYDAY_LOGP``) whose capitalised form is
# the more frequent: a body's or a thing's name English also has as a noun ("Congress" 1.7 times as often as
# "congress", "Senate" 2.2 times), where a common noun is capitalised less often ("Church" a third as often)
_NAME_LEAD = 0.0
_MAGIC = "gkcase2"


_Band = tuple[float, float, float]  # lead, below, least: see ``_build``
_ANY = float("inf")
# every band the rules ask for, built together from one reading of the list (each reading takes seconds)
_BANDS: tuple[_Band, ...] = (
    (_LOWER_LEAD, _ANY, -_ANY),
    (_NOUN_LEAD, _LOWER_LEAD, -_ANY),
    (_EVERYDAY_LEAD, _ANY, _EVERYDAY_LOGP),
    (-_ANY, _NAME_LEAD, _EVERYDAY_LOGP),
    (_EVERYDAY_LEAD, _NOUN_LEAD, -_ANY),
)


def _build(bands: tuple[_Band, ...]) -> dict[_Band, list[str]]:
    """For each band (lead, below, least), the lower-case words of the list whose capitalised form is rarer by
    ``lead`` natural log units (more frequent by at most ``-lead``, below zero) and not by ``below``, sorted: two
    bands, so no word is held twice; ``least`` the lower-case form's own lowest log probability. A form the list
    leaves out is taken at its floor, the probability of its rarest forms, as rare as it may be: a surname the list
    holds only in lower case at the floor ("oprea") is no lower-case word."""
    table = files("spacy_lookups_data").joinpath("data", "en_lexeme_prob.json.gz")
    with table.open("rb") as packed, gzip.open(packed) as stored:
        prob: dict[str, float] = json.load(stored)
    floor = min(prob.values())
    words: dict[_Band, list[str]] = {band: [] for band in bands}
    for word, logp in prob.items():
        if word.isalpha() and word.islower():
            lead = logp - prob.get(word.capitalize(), floor)
            for (least_lead, below, least), found in words.items():
                if logp >= least and least_lead <= lead < below:
                    found.append(word)
    return {band: sorted(found) for band, found in words.items()}


def _path(band: _Band) -> Path:
    """The band's file in the user's cache (``OSError`` where there is none)."""
    lead, below, least = band
    floor = "" if least == -_ANY else f"-{least}"  # the first bands' files keep their names
    return cache_dir() / f"casing-{version('spacy-lookups-data')}-{lead}-{below}{floor}.words"


@cache
def _every_band() -> dict[_Band, frozenset[str]]:
    """Every band of ``_BANDS`` from one reading of the list, each written to the user's cache where it can be: a run
    that finds a band missing there reads the list once, whether the cache can be written or not."""
    built = _build(_BANDS)
    for band, words in built.items():
        body = "\n".join(words).encode()
        with contextlib.suppress(OSError):
            store(_path(band), [f"{_MAGIC} {len(body)}\n".encode(), body])
    return {band: frozenset(words) for band, words in built.items()}


@cache
def _lowered(lead: float, below: float = _ANY, least: float = -_ANY) -> frozenset[str]:
    """The words of a band of ``_BANDS``, from the user's cache: reading the list (a million forms) takes seconds, the
    words alone a tenth of one. Built with every other band, and written there, when missing, unreadable or cut short
    (its first line says how many bytes follow)."""
    band = (lead, below, least)
    with contextlib.suppress(OSError, UnicodeDecodeError):
        head, _, body = _path(band).read_bytes().partition(b"\n")
        if head == f"{_MAGIC} {len(body)}".encode():
            return frozenset(body.decode().split("\n"))
    return _every_band()[band]


@lru_cache(maxsize=1 << 12)
def lower_case_word(word: str) -> bool:
    """Whether English mostly writes ``word``, one capitalised word ("Malaria"), in lower case."""
    return _one_cased(word) and word.lower() in _lowered(_LOWER_LEAD)


@lru_cache(maxsize=1 << 12)
def common_noun(word: str) -> bool:
    """Whether English writes ``word``, one capitalised word, in lower case too, at least a third as often: a common
    noun as well as a name ("King", "Prince", "Battle"), where a surname is capitalised nearly always ("Damon")."""
    return lower_case_word(word) or _one_cased(word) and word.lower() in _lowered(_NOUN_LEAD, _LOWER_LEAD)


@lru_cache(maxsize=1 << 12)
def everyday_lower(word: str) -> bool:
    """Whether English writes ``word``, typed in lower case, so every day ("china", "trump", "heat"): such a word
    names nothing its thread capitalises, where a rarer one is the name typed without its capital ("cavuto")."""
    return word in _lowered(_EVERYDAY_LEAD, least=_EVERYDAY_LOGP)


@lru_cache(maxsize=1 << 12)
def capitalised_word(word: str) -> bool:
    """Whether English writes ``word``, one capitalised word it also writes every day in lower case, capitalised
    more often than not ("Congress", "Senate"): a name as often as a noun, where frequencies that fold case read a
    common word."""
    return _one_cased(word) and word.lower() in _lowered(-_ANY, _NAME_LEAD, _EVERYDAY_LOGP)


@lru_cache(maxsize=1 << 12)
def seldom_lower(word: str) -> bool:
    """Whether English seldom writes ``word``, one capitalised word, in lower case, under a ninth as often however
    rare the word ("Gladys", "Mitch"): a name typed so is the name without its capital, where a plant's or a
    bird's name that is a given name too ("heather", "jasmine") is a word typed so."""
    return _one_cased(word) and not common_noun(word) and word.lower() not in _lowered(_EVERYDAY_LEAD, _NOUN_LEAD)


def _one_cased(word: str) -> bool:
    return word[:1].isupper() and word[1:].islower()
