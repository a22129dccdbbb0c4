"""People's names: the US census lists (``graphkit.census``) as evidence that a capitalised span is a person's
name, and given names' nicknames from the ``nicknames`` package (Willy and Bill for William), to tell that two
forms may name one person.

A first name starting a span ("Katy Perry", "Stanley Kubrick") says Person even where the first word is
also a town, which the gazetteer alone would read as a place.
"""

from __future__ import annotations

from functools import cache

from ..census import first_name, gender, given_per_cent, given_share, likelier_sex, surname

__all__ = [
    "first_name",
    "gender",
    "given_per_cent",
    "given_share",
    "likelier_sex",
    "long_forms",
    "surname",
    "same_given_name",
]


@cache
def _nicknamer():
    from nicknames import NickNamer

    return NickNamer()


def same_given_name(one: str, other: str) -> bool:
    """Two forms of one given name: equal, one a nickname of the other (Bill, William), or both nicknames
    of one name (Willy, Bill: William)."""
    one, other = one.lower(), other.lower()
    if one == other:
        return True
    nn = _nicknamer()
    return (
        other in nn.nicknames_of(one)
        or one in nn.nicknames_of(other)
        or bool(nn.canonicals_of(one) & nn.canonicals_of(other))
    )


def long_forms(short: str) -> set[str]:
    """The given names the nicknames list makes ``short`` a short form of, lower-cased: "jon" of "jonathan" and
    "john", "mike" of "michael"."""
    return set(_nicknamer().canonicals_of(short.lower()))
