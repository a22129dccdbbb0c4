"""Names of software, from lexicons that ship as packages: a capitalised "Java", "Haskell", "Linux" or "Git" is
a product of the technical register, none of a person, a place or an organisation, though the small model
tags them so ("Don't forget Java", "nearly all Linux users").

Programming languages come from Pygments' lexers (their names and aliases: "Haskell", "Nix", "react" for
JSX); operating systems, frameworks, languages and version-control systems from PyPI's trove classifiers
("Operating System :: POSIX :: Linux", "Topic :: Software Development :: Version Control :: Git").
Each look-up says which lexicon named the word, so a dropped name keeps its reason.
"""

from __future__ import annotations

from functools import cache

__all__ = ["software"]

_WORD_SIZE = 3  # shorter lexer aliases ("c", "js", "rb") are file suffixes, not names people write
# trove classifier roots whose next part names a product ("Framework :: Django :: 4.2" names Django)
_NAMED_AT_TWO = ("Programming Language", "Framework")
# roots whose last part names a product ("Operating System :: POSIX :: Linux"); a part with parts under it is a
# vendor or a family ("Microsoft", "POSIX"), not a product, unless a part under it opens with its name: its versions
# ("Windows :: Windows 10", "MacOS :: MacOS X")
_NAMED_AT_LEAF = ("Operating System :: ", "Topic :: Software Development :: Version Control :: ")


def _word(name: str) -> str | None:
    return name.lower() if name.isalpha() and len(name) >= _WORD_SIZE else None


@cache
def _lexers() -> frozenset[str]:
    from pygments.lexers import get_all_lexers

    words = set()
    for name, aliases, _files, _types in get_all_lexers():
        words.update(w for w in map(_word, (name, *aliases)) if w)
    return frozenset(words)


@cache
def _classifiers() -> frozenset[str]:
    from trove_classifiers import sorted_classifiers

    named: set[str] = set()
    leaves: set[str] = set()
    parents: set[str] = set()
    versioned: set[str] = set()
    for classifier in sorted_classifiers:
        parts = classifier.split(" :: ")
        parents.update(parts[:-1])
        if parts[0] in _NAMED_AT_TWO and len(parts) > 1:
            named.add(parts[1])
        elif classifier.startswith(_NAMED_AT_LEAF):
            leaves.add(parts[-1])
            if len(parts) > 2 and parts[-1].startswith(parts[-2]):
                versioned.add(parts[-2])
    return frozenset(w for w in map(_word, named | (leaves - parents) | versioned) if w)


def software(word: str) -> str | None:
    """Which lexicon names ``word`` (one word with a capital: "Linux", "macOS") as software, or None."""
    low = _word(word)
    if low is None or word.islower():
        return None
    if low in _lexers():
        return "a programming language (Pygments lexers)"
    if low in _classifiers():
        return "software (PyPI trove classifiers)"
    return None
