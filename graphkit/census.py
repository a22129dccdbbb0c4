"""People's names from the US census lists that the ``names`` package ships: first names given to 0.001%+ of
people, surnames of 100+ people. The lists are read once, lazily.

A leaf module: the entity rules (a capitalised span is a person's name) and the text reader (a "Surname, Given"
line is an author line) both read it.
"""

from __future__ import annotations

from functools import cache
from importlib.resources import files

__all__ = ["first_name", "gender", "surname"]


def _read(name: str) -> frozenset[str]:
    text = files("names").joinpath(name).read_text(encoding="ascii")
    return frozenset(line.split()[0].capitalize() for line in text.splitlines() if line.strip())


@cache
def _first_names() -> frozenset[str]:
    return _male() | _female()


@cache
def _surnames() -> frozenset[str]:
    return _read("dist.all.last")


def first_name(word: str) -> bool:
    """A capitalised word that is a common given name ("Katy", "Stanley"); any other casing is not."""
    return word[:1].isupper() and not word.isupper() and word in _first_names()


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
