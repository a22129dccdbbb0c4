"""Titles and honorifics written before a name ("Sir", "President"): a name's title is not the name, and a word
that is one names no one alone. Kept apart from the entity rules so that reading participants' names, in a load
without entities, does not import them."""

from __future__ import annotations

__all__ = ["TITLES", "HONORIFICS"]

TITLES = frozenset(
    "mr mr. mrs mrs. ms ms. dr dr. prof prof. sir madam president minister senator sen. gen gen. col col. "
    "colonel secretary ambassador chancellor premier pope sheikh ayatollah archbishop bishop cardinal rabbi reverend "
    "imam chief governor gov gov. pa shri smt smt. shrimati".split()
)
HONORIFICS = frozenset("mr mr. mrs mrs. ms ms. dr dr. prof prof. sir madam".split())
