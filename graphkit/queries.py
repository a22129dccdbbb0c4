"""The named Cypher query library in ``cypher/queries``: one query a file, each with a header
(name, one-line description, parameters with optional defaults, and where no rows may puzzle, what they mean)."""

from __future__ import annotations

import ast
import math
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from .errors import QueryError
from .resources import resource_dir
from .user_lookup import PARAMS, user_params

__all__ = ["Query", "CYPHER_DIR", "library", "get"]

CYPHER_DIR = resource_dir("cypher")
AD_HOC = "(ad hoc)"
_HEADER = re.compile(r"^//\s*(name|description|params|empty):\s*(.*)$")
# the numbers a user's parameter is read as: plain decimals only ("0x10", "1_0" stay text)
_WHOLE = re.compile(r"[+-]?\d+")
_DECIMAL = re.compile(r"[+-]?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?")
_SHOWN = 40  # characters of a parameter's value an error shows


@dataclass(frozen=True)
class Query:
    name: str
    description: str
    text: str
    defaults: dict[str, Any] = field(default_factory=dict)
    required: tuple[str, ...] = ()
    empty: str = ""  # said on stderr when the query finds nothing: a table of no rows alone says nothing of why

    def nothing_found(self, values: dict[str, Any]) -> str:
        """The note for no rows, the parameters given named in it (``{article!r}``)."""
        return self.empty.format_map(values) if self.empty else ""

    def params(self, given: dict[str, Any]) -> dict[str, Any]:
        """Defaults overlaid with the given values, after the schema's facts a library query's lookup by name reads
        (``user_lookup.PARAMS``, which the user may not give); a missing required one is an error."""
        missing = [p for p in self.required if p not in given]
        if missing:
            raise QueryError(f"query {self.name!r} needs -p {missing[0]}=VALUE")
        if self.name == AD_HOC:  # a statement of the user's own names its own parameters
            return self.defaults | given
        if kept := sorted(set(given) & set(PARAMS)):
            raise QueryError(f"-p {kept[0]}: graphkit gives the library's queries this (a fact of the schema)")
        values = self.defaults | given
        implied = user_params(values.get("name"))
        implied = {name: value for name, value in implied.items() if re.search(rf"\${name}\b", self.text)}
        return implied | values

    def typed(self, pairs: tuple[str, ...]) -> dict[str, Any]:
        """``key=value`` pairs as this query takes them: a number or a boolean where the query declares the
        parameter with a default of that type (a value of another type is an error here, not the engine's "Cast
        failed"), the user's string where it declares one without a default or with a text ("-p article=881624"
        names an article by its id, not a number), and as ``_typed`` reads it where it declares none (a
        Cypher statement of the user's own)."""
        out = {}
        for key, value in _pairs(pairs):
            default = self.defaults.get(key)
            if key in self.required or isinstance(default, str):
                out[key] = value
            elif isinstance(default, bool | int | float):
                out[key] = self._number(key, value, default)
            else:
                out[key] = _typed(value)
        return out

    def _number(self, key: str, value: str, default: bool | float) -> bool | float:
        """``value`` read as the type of ``default`` (an integer where a float is declared becomes one)."""
        parsed = _typed(value)
        kind = type(default)
        if type(parsed) is kind or (kind is float and type(parsed) is int):
            return kind(parsed)
        what = {bool: "True or False", int: "a whole number", float: "a number"}[kind]
        shown = value if len(value) <= _SHOWN else value[:_SHOWN] + "…"
        raise QueryError(f"query {self.name!r} takes {what} for {key} (default {default!r}), not {shown!r}")


def _typed(text: str) -> bool | int | float | str:
    """A user's ``text`` as they mean it: True or False, a plain decimal number (a finite one), else the text itself.
    Not read as Python: a hex or underscored number is no number to the user, and a long run of signs would exhaust
    Python's parser."""
    if text in ("True", "False"):
        return text == "True"
    try:
        if _WHOLE.fullmatch(text):
            return int(text)
        if _DECIMAL.fullmatch(text) and math.isfinite(number := float(text)):
            return number
    except ValueError:  # an integer of more digits than Python converts
        pass
    return text


def _literal(text: str) -> Any:
    try:
        return ast.literal_eval(text)
    except (ValueError, SyntaxError):
        return text


def _parse(path: Path) -> Query:
    header: dict[str, str] = {}
    for line in path.read_text(encoding="utf-8").splitlines():
        match = _HEADER.match(line.strip())
        if match:
            header[match.group(1)] = match.group(2).strip()
    defaults: dict[str, Any] = {}
    required: list[str] = []
    for item in filter(None, (p.strip() for p in header.get("params", "").split(","))):
        name, eq, value = item.partition("=")
        if eq:
            defaults[name.strip()] = _literal(value.strip())
        else:
            required.append(name.strip())
    return Query(
        header.get("name", path.stem),
        header.get("description", ""),
        path.read_text(encoding="utf-8"),
        defaults,
        tuple(required),
        header.get("empty", ""),
    )


def library(directory: Path = CYPHER_DIR / "queries") -> dict[str, Query]:
    return {q.name: q for q in sorted((_parse(p) for p in directory.glob("*.cypher")), key=lambda q: q.name)}


def get(name_or_cypher: str) -> Query:
    """A library query by name, else the argument itself as an ad-hoc Cypher statement: one word in capitals
    (``CHECKPOINT``) is a statement, as library names are lower case."""
    known = library()
    if name_or_cypher in known:
        return known[name_or_cypher]
    word = name_or_cypher.strip()
    if re.fullmatch(r"[\w-]+", word) and not word.isupper():
        raise QueryError(
            f"unknown query {name_or_cypher!r} (see 'graphkit query --list'; a one-word statement in capitals)"
        )
    return Query(AD_HOC, "", name_or_cypher)


def _pairs(pairs: tuple[str, ...]) -> list[tuple[str, str]]:
    """Each ``key=value`` pair split, its key stripped."""
    out = []
    for pair in pairs:
        key, eq, value = pair.partition("=")
        if not eq or not key.strip():
            raise QueryError(f"parameter {pair!r} is not key=value")
        out.append((key.strip(), value))
    return out
