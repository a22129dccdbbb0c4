"""Neo4j queries calling APOC's procedures and functions that run Cypher given as text or reach files, told from
their tokens without a server: each is found whatever its spelling (case, backquotes, whitespace and comments
inside the name, \\u escapes anywhere, after a slice's ``..``, an interpolated string), names in strings, comments
and backquotes are not, and the names found agree with Neo4j's own Cypher front end (its parser) on every statement
it accepts as Cypher 5, also with characters of it written as the \\u escapes the server decodes before its parser
(the front end does not: it reads the statement unescaped). Its linter misses errors in Cypher 25, so interpolated
strings, Cypher 25 only, are checked by the table, as are LOAD CSV and procedures off the read-only list. A
hostile text of 1 MB is read in a CPU budget."""

from __future__ import annotations

import functools
import random
import shutil

import pytest
from cypher_lint import Linting

from graphkit.store.neo4j_statements import LOAD_CSV, calls, listed, outside
from tests.test_long_posts import cpu_seconds

RUNS_TEXT = "runs Cypher given as text"
SINGLE = f"{RUNS_TEXT} (apoc.cypher.runFirstColumnSingle)"

SPELLINGS = [
    ("RETURN apoc.cypher.runFirstColumnSingle('RETURN 1 AS x', {}) AS x", SINGLE),
    (
        "RETURN APOC.Cypher.RunFirstColumnMany('RETURN 1 AS x', {}) AS x",
        f"{RUNS_TEXT} (APOC.Cypher.RunFirstColumnMany)",
    ),
    ("RETURN `apoc`.`cypher`.`runFirstColumnSingle`('RETURN 1', {}) AS x", SINGLE),
    ("RETURN `apoc.cypher`.runFirstColumnSingle('RETURN 1', {}) AS x", SINGLE),
    ("RETURN apoc /* a */ . cypher\n.\trunFirstColumnSingle ('RETURN 1', {}) AS x", SINGLE),
    ("RETURN apoc.cypher // a\n.runFirstColumnSingle('RETURN 1', {}) AS x", SINGLE),
    ("RETURN 'it\\'s' + apoc.cypher.runFirstColumnSingle('RETURN 1', {}) AS x", SINGLE),
    ("RETURN s'{apoc.cypher.runFirstColumnSingle(\"RETURN 1\", {})}' AS x", SINGLE),
    ("RETURN [1, 2, 3][0..apoc.cypher.runFirstColumnSingle('RETURN 1', {})] AS x", SINGLE),
    ("RETURN [1, 2, 3][..apoc.cypher.runFirstColumnSingle('RETURN 1', {})] AS x", SINGLE),
    ("RETURN [1, 2, 3][apoc.cypher.runFirstColumnSingle('RETURN 1', {})..] AS x", SINGLE),
    ("RETURN \\u0061poc.cypher.runFirstColumnSingle('RETURN 1', {}) AS x", SINGLE),
    ("RETURN \\uuu0061poc\\u002Ecypher.runFirstColumnSingle('RETURN 1', {}) AS x", SINGLE),
    ("RETURN '\\u0027 + apoc.cypher.runFirstColumnSingle('RETURN 1', {}) + \\u0027' AS x", SINGLE),
    ("RETURN toUpper /* \\u002a/ ('b') + apoc.cypher.runFirstColumnSingle('RETURN 1', {}) // */ ('a') AS x", SINGLE),
    ("RETURN `\\u0061poc`.cypher.runFirstColumnSingle('RETURN 1', {}) AS x", SINGLE),
    ("RETURN custom.answer() AS x", "runs the Cypher apoc.custom stored with it (custom.answer)"),
    ("CALL custom.doIt() YIELD row RETURN row", "runs the Cypher apoc.custom stored with it (custom.doIt)"),
    ("CALL apoc.cypher.run('MATCH (n) RETURN n', {}) YIELD value RETURN value", f"{RUNS_TEXT} (apoc.cypher.run)"),
    ("CALL apoc.cypher.doIt('CREATE (:X)', {}) YIELD value RETURN value", f"{RUNS_TEXT} (apoc.cypher.doIt)"),
    ("CALL apoc.do.when(true, 'CREATE (:X)', '', {}) YIELD value RETURN value", f"{RUNS_TEXT} (apoc.do.when)"),
    ("CALL apoc.when(true, 'MATCH (n) RETURN n', '', {}) YIELD value RETURN value", f"{RUNS_TEXT} (apoc.when)"),
    (
        "CALL apoc.periodic.iterate('MATCH (n) RETURN n', 'DETACH DELETE n', {}) YIELD batches RETURN batches",
        "runs Cypher given as text in transactions of its own (apoc.periodic.iterate)",
    ),
    (
        "CALL apoc.trigger.add('t', 'CREATE (:X)', {})",
        "installs triggers that run Cypher given as text (apoc.trigger.add)",
    ),
    (
        "CALL apoc.custom.declareFunction('f() :: INT', 'RETURN 1')",
        "declares procedures and functions that run Cypher given as text (apoc.custom.declareFunction)",
    ),
    ("CALL apoc.load.json('file:///etc/passwd') YIELD value RETURN value", "reads files or URLs (apoc.load.json)"),
    ("CALL apoc.load.csv", "reads files or URLs (apoc.load.csv)"),
    ("CALL apoc.import.graphml('in.graphml', {})", "reads files or URLs into the store (apoc.import.graphml)"),
    ("CALL apoc.export.csv.all('out.csv', {})", "writes files (apoc.export.csv.all)"),
    (
        "MATCH (n) CALL (n) { CALL apoc.load.json(n.url) YIELD value RETURN value } RETURN value",
        "reads files or URLs (apoc.load.json)",
    ),
    ("RETURN 'apoc.cypher.run(1)' AS s", None),
    ('RETURN "x\\" + apoc.cypher.run(1) + \\"" AS s', None),
    ("RETURN 1 AS x // CALL apoc.load.json('x')", None),
    ("RETURN 1 AS x /* apoc.export.csv.all() */", None),
    ("RETURN 1 AS `apoc.cypher.run()`", None),
    ("RETURN '\\\\u0027 + apoc.cypher.run(1) + \\\\u0027' AS s", None),  # a backslash pair: no escape
    ("RETURN 'apoc\\u002Ecypher.run(1)' AS s", None),
    ("RETURN s'apoc.cypher.run(1) {1}' AS s", None),
    ("RETURN apoc.text.join(['a', 'b'], ',') AS s", None),
    ("RETURN apoc.loaded(1) AS s", None),
    ("MATCH (n) RETURN n.apoc AS cypher, n.run AS run", None),
    ("CALL db.labels() YIELD label RETURN label", None),
    # LOAD CSV and procedures off the read-only list, which the server's plan shows only as text inside a subquery
    # expression it solves within an expression
    ("RETURN [x IN [1] | COLLECT { load /* a */ Csv FROM 'f' AS r RETURN r }] AS s", LOAD_CSV),
    ("RETURN [x IN [1] | COLLECT { \\u004cOAD CSV FROM 'f' AS r RETURN r }] AS s", LOAD_CSV),
    (
        "RETURN [x IN [1] | COLLECT { CALL dbms . listConfig() YIELD name RETURN name }] AS s",
        "calls procedure dbms.listConfig, which is not on graphkit's read-only list (CALL)",
    ),
    ("CALL DB.LABELS", "calls procedure DB.LABELS, which is not on graphkit's read-only list (CALL)"),
    ("RETURN 'LOAD CSV' AS s, 'CALL dbms.listConfig()' AS t // LOAD CSV", None),
    ("MATCH (`LOAD`) RETURN `LOAD` AS CSV", None),
    ("RETURN COLLECT { CALL db.propertyKeys() YIELD propertyKey RETURN propertyKey } AS s", None),
]


@pytest.mark.parametrize(("cypher", "kind"), SPELLINGS)
def test_apoc_calls_are_found_by_name_whatever_the_spelling(cypher, kind):
    assert outside(cypher) == kind


# Pieces of text put in string literals, backquoted names and comments: quotes, escapes, comment marks, braces and
# calls, which a lexical rule read otherwise than the server's would take for code (or code for text).
_PIECES = ["'", '"', "\\\\", "\\'", '\\"', "`", "``", "/*", "*", "//", "\n", " ", "{", "}", "s'", "apoc.cypher.run(1)"]
_CLOSES = {"'": ("'", "s'"), '"': ('"',), "`": ("`",), "/*": ("*", "//"), "//": ("\n",)}
QUOTES = ["'", '"']
_CALLS = ["apoc.cypher.runFirstColumnSingle", "apoc.load.json", "apoc.export.csv.all", "apoc.text.join"]


def _text(rng: random.Random, opening: str) -> str:
    """``opening`` and its close around pieces that leave it open until then (a backquote doubled in a name)."""
    pieces = [p for p in _PIECES if not any(c in p for c in _CLOSES[opening])]
    if opening == "`":
        pieces.append("``")
    body = "".join(rng.choice(pieces) for _ in range(rng.randrange(6)))
    return opening + body + {"/*": "*/", "//": "\n"}.get(opening, opening)


def _call(rng: random.Random) -> str:
    """A call of one of ``_CALLS``, its parts in any case, some backquoted, with comments and whitespace between."""
    parts = [rng.choice([part, part.upper(), f"`{part}`"]) for part in rng.choice(_CALLS).split(".")]
    between = [rng.choice(["", " ", "\n", _text(rng, "/*"), _text(rng, "//")]) for _ in parts]
    name = "".join(f"{part}{gap}." for part, gap in zip(parts, between, strict=True))[:-1]
    argument = _text(rng, rng.choice(QUOTES))
    return f"{name}({argument}, {{}})"


def _statements() -> list[str]:
    """SPELLINGS without \\u escapes (the front end reads none as the server does), and statements of string
    literals, backquoted names, comments, slices and calls of APOC holding quotes, escapes, comment marks and calls
    (a fixed seed: the same each run)."""
    rng = random.Random(20261206)
    out = [c for c, _ in SPELLINGS if "\\u" not in c]
    for _ in range(150):
        items = []
        for i in range(rng.randrange(1, 4)):
            text, call = _text(rng, rng.choice(QUOTES)), _call(rng)
            expression = rng.choice([text, call, f"{text} + {call}", f"[1, 2][0..{call}]", f"[{text}][..{call}]"])
            comment = rng.choice(["", _text(rng, "/*"), _text(rng, "//")])
            alias = rng.choice([f"x{i}", f"{_text(rng, '`')[:-1]}{i}`"])  # a name of its own
            items.append(f"{expression} {comment}AS {alias}")
        out.append("RETURN " + ", ".join(items))
    return out


def _escaped(statement: str, rng: random.Random) -> str:
    """The statement with some of its characters written as \\u escapes (one or more u, hex digits in either case),
    which the server decodes before its lexer: none after a backslash, which the server would take with it."""
    out = []
    for i, c in enumerate(statement):
        if rng.random() < 0.3 and not (i and statement[i - 1] == "\\"):
            digits = rng.choice(["{:04x}", "{:04X}"]).format(ord(c))
            c = "\\" + "u" * rng.randrange(1, 3) + digits
        out.append(c)
    return "".join(out)


@functools.cache
def start_early() -> Linting:
    """One run of the front end for every statement, started once the tests are collected (``tests/conftest.py``)."""
    return Linting(_statements(), script="names.mjs")


def _refused(names: list[str]) -> list[str]:
    return sorted(name.replace("`", "").lower() for name in names if listed(name.replace("`", "")))


@pytest.mark.skipif(not shutil.which("node"), reason="Node.js is missing: install it to run Neo4j's Cypher front end")
def test_the_apoc_calls_found_are_those_neo4js_front_end_finds():
    rng = random.Random(7)
    accepted = refusing = 0
    for statement, found in zip(_statements(), start_early().raw(), strict=True):
        if found["errors"]:
            continue  # no server would run it
        accepted += 1
        theirs = _refused(found["functions"] + found["procedures"])
        assert _refused(calls(statement)) == theirs, statement
        escaped = _escaped(statement, rng)
        assert _refused(calls(escaped)) == theirs, escaped
        refusing += bool(theirs)
    assert accepted > 100 and 30 < refusing < accepted


@pytest.mark.parametrize(
    "text",
    [
        "RETURN " + "'\\\\" * 500_000,  # a quote and a backslash, each opening a literal closed nowhere
        "RETURN " + "\"`'" * 300_000,
        "RETURN " + "/*" * 500_000,
        "RETURN " + "\\uuu" * 300_000,
        "RETURN " + "s'{" * 300_000,
        "RETURN " + "apoc." * 200_000 + "x(",
        "RETURN " + "[0..a(" * 150_000,
    ],
)
def test_a_hostile_text_is_read_in_time_linear_in_its_length(text):
    """A scan that rescanned the rest of the text for each quote took minutes on 64 KB (hours on 1 MB); 1 MB takes up
    to 0.85 s of CPU with the machine loaded 6-9x its cores: the budget is over ten times that, and stops a quadratic
    scan."""
    assert cpu_seconds(lambda: outside(text), budget=10) < 10
