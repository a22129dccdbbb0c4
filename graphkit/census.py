"""People's names from the US census lists that the ``names`` package ships: first names given to 0.001%+ of
people, surnames of 100+ people. The lists are read once, lazily.

A leaf module: the entity rules (a capitalised span is a person's name) and the text reader (a "Surname, Given"
line is an author line) both read it.
"""

from __future__ import annotations

from functools import cache, lru_cache
from importlib.resources import files

__all__ = ["first_name", "gender", "given_per_cent", "given_share", "likelier_sex", "read_lists", "surname"]

# the lists give each name's share of people in per cent to three places: a listed name at 0.000 is given to fewer
# than 0.0005%, taken as that bound so that a rare surname still counts against a given name
_LISTED_FLOOR = 0.0005


def _read(name: str) -> frozenset[str]:
    text = files("names").joinpath(name).read_text(encoding="ascii")
    return frozenset(line.split()[0].capitalize() for line in text.splitlines() if line.strip())


def read_lists() -> None:
    """Read the given names' and the surnames' lists now, as a run does before its workers fork: ``first_name`` and
    ``surname`` keep their answers, so asking them a name may read no list."""
    _first_names()
    _surnames()


@cache
def _first_names() -> frozenset[str]:
    return _male() | _female()


@cache
def _surnames() -> frozenset[str]:
    return _read("dist.all.last")


# words each test keeps its answer for, the most recent: the rules ask of the same few names in post after post
_WORDS_KEPT = 1 << 15


@lru_cache(maxsize=_WORDS_KEPT)
def first_name(word: str) -> bool:
    """A capitalised word that is a common given name ("Katy", "Stanley"); any other casing is not."""
    return word[:1].isupper() and not word.isupper() and word in _first_names()


@lru_cache(maxsize=_WORDS_KEPT)
def surname(word: str) -> bool:
    """A capitalised word that is a surname in the census lists ("Perry", "Hoover"), its inner capitals as
    the lists do not write them ("McDonnell", listed as "Mcdonnell")."""
    return word[:1].isupper() and not word.isupper() and word.capitalize() in _surnames()


def gender(word: str) -> str | None:
    """ "f" or "m" for a first name given (in the census lists) to women only or men only; None otherwise.
    Tells "Mrs. Clinton" from "Mr. Clinton" when both Hillary and Bill Clinton are in view."""
    name = word.capitalize()
    female, male = name in _female(), name in _male()
    return "f" if female and not male else "m" if male and not female else None


@cache
def _female() -> frozenset[str]:
    return _read("dist.female.first")


@cache
def _male() -> frozenset[str]:
    return _read("dist.male.first")


@cache
def _shares(name: str) -> dict[str, float]:
    """Each name of a list and its share of people, in per cent."""
    text = files("names").joinpath(name).read_text(encoding="ascii")
    rows = (line.split() for line in text.splitlines() if line.strip())
    return {row[0].capitalize(): max(float(row[1]), _LISTED_FLOOR) for row in rows}


def given_share(word: str) -> float:
    """Of the people the lists name so, the share whose given name it is rather than their surname: 1.0 for
    "Jonathan", 0.15 for "Maxwell", 0.02 for "Jackson"; 0.0 for a word neither list holds. A given name's share is
    the mean of its shares of men and of women (each half the people), against the surname's share of all."""
    given = given_per_cent(word)
    family = _shares("dist.all.last").get(word.capitalize(), 0.0)
    return given / (given + family) if given else 0.0


def given_per_cent(word: str) -> float:
    """The share of people, in per cent, the lists give this first name to: "John" 1.6, "Jon" 0.06."""
    name = word.capitalize()
    return (_shares("dist.male.first").get(name, 0.0) + _shares("dist.female.first").get(name, 0.0)) / 2


def likelier_sex(word: str) -> str | None:
    """ "m" or "f": the sex the lists give a first name to more often ("Dana" women's, "Chris" men's); None for a
    word no first-name list holds."""
    name = word.capitalize()
    male, female = _shares("dist.male.first").get(name, 0.0), _shares("dist.female.first").get(name, 0.0)
    return None if not male and not female else "m" if male > female else "f" if female > male else None
