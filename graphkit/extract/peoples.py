"""Names of peoples (Hausa, Yoruba, Fulani): the schema has no label for a people, and the small model reads them
as organisations or places.

A people is known by its language: a one-word name that ``language_data`` (the data of spaCy's ``langcodes``) gives
to a language of a million speakers or more, and that names no place of the gazetteer (Germany, Rwanda), is the
people who speak it. The million leaves out the small languages named like surnames and towns (Kanu, Palin, Romano).
A smaller language with speakers on record whose name no census list holds as a given name or a surname and no
gazetteer as a place ("Sanskrit") is a language, which the schema has no label for either.
"""

from __future__ import annotations

from functools import lru_cache

import langcodes
from language_data.names import name_to_code

from .gazetteer import gazetteer
from .names import first_name, surname

__all__ = ["language", "people"]

_SPEAKERS = 1_000_000
_RECORDED_SPEAKERS = 1_000  # a language with so few speakers on record (or none: Kanu's) is too little known to say


@lru_cache(maxsize=1 << 14)  # the latest names asked: a run's vocabulary does not grow it
def people(name: str) -> bool:
    """Whether ``name`` is a people's, by the language of that name (see the module docstring)."""
    if " " in name or not name.isalpha() or gazetteer().place(name):
        return False
    code = name_to_code("language", name, "en")
    return bool(code) and langcodes.Language.get(code).speaking_population() >= _SPEAKERS


@lru_cache(maxsize=1 << 14)
def language(name: str) -> bool:
    """Whether ``name`` is a smaller language's, named by no person or place of the lists (see the module docstring)."""
    if " " in name or not name.isalpha() or gazetteer().place(name) or first_name(name) or surname(name):
        return False
    code = name_to_code("language", name, "en")
    return bool(code) and langcodes.Language.get(code).speaking_population() >= _RECORDED_SPEAKERS
