"""Given names by how many children the US registered with them, 1880–2017 (``data/ssa-given-names.tsv``, see the
README there): the names given to 1,000 children or more. The census lists of ``graphkit.census`` hold only names
given to 0.001% of people or more, so a given name rarer in the US ("Linus", 4,389 births) is in this list alone.
"""

from __future__ import annotations

from functools import cache
from importlib.resources import files

__all__ = ["births"]


@cache
def _totals() -> dict[str, int]:
    text = files(__package__).joinpath("data", "ssa-given-names.tsv").read_text(encoding="utf-8")
    return {name: int(count) for name, count in (line.split("\t") for line in text.splitlines())}


def births(word: str) -> int:
    """How many children were registered with the given name ``word`` (written as the list writes it, "Linus"), 0 for
    a name given to fewer than 1,000."""
    return _totals().get(word, 0)
