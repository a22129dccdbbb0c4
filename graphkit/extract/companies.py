"""Names of listed companies, from a lexicon that ships as a package: a capitalised "Cisco", "Halliburton" or
"PayPal" names a company, though towns are so called (Cisco, Texas) and the small model tags them as places or
people.

``pytickersymbols`` ships the members of twenty stock indices (S&P 500 and 600, NASDAQ 100, Dow Jones, FTSE 100,
DAX, CAC 40, Nikkei 225 and others, ≈1,800 companies) as a Python module, nothing downloaded. Its names carry
their legal form ("Tesla, Inc.", "Anglo American plc"); people write them without it, so each is kept both
ways. Each look-up says which lexicon named the word, so a label keeps its reason.
"""

from __future__ import annotations

import re
from functools import cache

__all__ = ["company"]

# a legal form or a word of the register after a company's name, left out when people name it
_LEGAL = re.compile(
    r"(?:,?\s+(?:Inc|Corp|Corporation|Company|Co|plc|PLC|AG|SE|SA|S\.A|N\.V|NV|Ltd|Limited|LLC|Holdings|"
    r"Holding|Group|& Co|KGaA|ASA|AB|Oyj)\.?)+$"
)


@cache
def _names() -> frozenset[str]:
    from pytickersymbols.indices_data import INDICES

    names: set[str] = set()
    for index in INDICES.values():
        for member in index["companies"]:
            name = member["name"].strip()
            short = _LEGAL.sub("", name).removeprefix("The ").strip()
            names.update(n.lower() for n in (name, short) if len(n) > 2)
    return frozenset(names)


def company(name: str) -> str | None:
    """Which lexicon names ``name`` (a capitalised name, its case aside) as a listed company, or None."""
    if not name[:1].isupper() or name.lower() not in _names():
        return None
    return "a listed company (pytickersymbols)"
