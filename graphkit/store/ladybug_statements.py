"""What a query for the embedded store reaches past the store, told from its tokens before the
engine sees it.

The engine opens the files a query names while it binds the query, before there is a plan to
check: ``LOAD FROM`` and ``COPY … FROM`` read a file's first rows to infer its columns, ``IMPORT
DATABASE`` reads the scripts in its directory, and calling a file scan such as ``READ_PARQUET``
crashes the process. Projecting a graph (``PROJECT_GRAPH_CYPHER``, ``PROJECT_GRAPH`` with a
filter) binds Cypher the engine makes from strings, which may be computed, so no text check can
follow it. So these statement kinds and calls are refused from the text. The text is split into
tokens by the engine's own lexical rules (its Cypher grammar, ``src/antlr4/Cypher.g4`` in
LadybugDB): string literals in either quote with backslash escapes, ``/* … */`` and ``// …``
comments, and names in backquotes are single tokens, so no word inside them counts; a quote,
comment or backquote the engine's lexer would not take as one is a lone symbol, as it is there.
Keywords are ASCII words in any case, and a word here never spans a character the engine would
end a word at, so every keyword the engine reads is read here too. Literals and comments closed
nowhere are scanned once (``literals``, ``_Comments``) and each check reads the tokens once
(``Query``): time linear in the text's length.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import NamedTuple

from .literals import Literals, name_end

__all__ = ["Projection", "Query", "Token", "tokens"]

READS_FILES = "reads files (LOAD FROM, COPY FROM)"
WRITES_FILES = "writes files (COPY TO)"
# A statement's first keyword (after EXPLAIN or PROFILE) and what the statement is refused for.
_STATEMENTS = {
    "COPY": READS_FILES,  # COPY … TO and COPY … FROM (query) are told apart below
    "EXPORT": "writes files (EXPORT DATABASE)",
    "IMPORT": "reads files (IMPORT DATABASE)",
    "LOAD": "loads native code (LOAD EXTENSION)",  # LOAD FROM is told apart below
    "INSTALL": "downloads an extension (INSTALL)",
    "FORCE": "downloads an extension (INSTALL)",
    "UPDATE": "downloads an extension (UPDATE)",
    "UNINSTALL": "removes an extension (UNINSTALL)",
    "ATTACH": "attaches another database (ATTACH)",
    "DETACH": "detaches a database (DETACH)",
    "USE": "switches to another database (USE)",
}
_OPTIONS = {"EXPLAIN", "PROFILE", "LOGICAL"}
# Table functions that scan files (READ_CSV_SERIAL, READ_PARQUET, READ_NPY …).
_FILE_SCAN = "READ_"
# Table functions that bind Cypher made from their string arguments.
_RUNS_TEXT = frozenset({"PROJECT_GRAPH", "PROJECT_GRAPH_CYPHER"})
_ESCAPED = frozenset("\\'\"bBfFnNrRtT")
_HEX = frozenset("0123456789abcdefABCDEF")
# The grammar's WHITESPACE characters (comments aside).
_SPACE = frozenset(
    " \t\n\x0b\x0c\r\x1c\x1d\x1e\x1f\u1680\u180e\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007\u2008"
    "\u2009\u200a\u2028\u2029\u205f\u3000\u00a0\u202f"
)
_WORD_START = frozenset("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz_")
_WORD = _WORD_START | frozenset("0123456789")
_LINE_BREAK = re.compile("[\r\n]")


class Token(NamedTuple):
    """``kind`` is ``word`` (upper-cased), ``string`` (a literal, quotes included), ``name`` (what
    backquotes hold) or ``symbol`` (any other character). A tuple: a text may have a million."""

    kind: str
    text: str
    span: tuple[int, int] = (0, 0)  # where it is in the text


def _escape_end(text: str, at: int) -> int | None:
    """Where the escape starting with the backslash at ``at`` ends, or None for one the grammar
    does not have (then the literal is no literal)."""
    following = text[at + 1 : at + 2]
    if following and following in _ESCAPED:
        return at + 2
    digits = {"x": 2, "X": 2, "u": 4, "U": 4}.get(following)
    if digits and len(text) >= at + 2 + digits and all(c in _HEX for c in text[at + 2 : at + 2 + digits]):
        return at + 2 + digits  # \\u and \\U may take 8 digits: the next 4 are string characters either way
    return None


class _Comments:
    """Where the comments of one text end. A block comment's scan jumps from one ``*`` to the next; one
    that finds no end marks the places it stood at, and a later scan standing at one of them goes the
    same way, so it stops there. A line comment's end is the first line break after it, which a later
    one may share. So all the comments of a text take linear time."""

    def __init__(self, text: str) -> None:
        self.text = text
        self.dead = bytearray(len(text) + 2)
        self.line_break = (-1, 0)  # a line break (or the end), and the place from which it is the first

    def block_comment_end(self, at: int) -> int | None:
        """``/*`` then characters other than ``*``, or ``*`` and a character other than ``/``, then ``*/``:
        a ``*`` taken with the character after it cannot start the end, so ``/* a **/`` is not closed."""
        text, dead, stood, i = self.text, self.dead, [], at + 2
        while (star := text.find("*", i)) >= 0 and not (dead[i] or dead[star]):
            stood += (i, star)
            if text[star + 1 : star + 2] == "/":
                return star + 2
            i = star + 2
        for place in stood:
            dead[place] = 1
        return None

    def line_comment_end(self, at: int) -> int | None:
        """``//`` up to a line feed (optionally after a carriage return) or the end; a lone carriage
        return ends no comment."""
        text, i = self.text, at + 2
        if not self.line_break[1] <= i <= self.line_break[0]:
            found = _LINE_BREAK.search(text, i)
            self.line_break = (found.start() if found else len(text), i)
        i = self.line_break[0]
        if i == len(text) or text[i] == "\n":
            return i + 1
        if i + 1 == len(text) or text[i + 1] == "\n":
            return i + 2
        return None


def tokens(cypher: str) -> list[Token]:
    """The query's tokens, comments and whitespace left out."""
    out: list[Token] = []
    comments, literals = _Comments(cypher), Literals(cypher, _escape_end)
    i, n = 0, len(cypher)
    while i < n:
        c = cypher[i]
        if c in _SPACE:
            i += 1
            continue
        if c == "/" and cypher.startswith(("/*", "//"), i):
            end = (comments.block_comment_end if cypher[i + 1] == "*" else comments.line_comment_end)(i)
            if end is not None:
                i = end
                continue
        elif c in "'\"":
            end = literals.end(i)
            if end is not None:
                out.append(Token("string", cypher[i:end], (i, end)))
                i = end
                continue
        elif c == "`":
            end = name_end(cypher, i)
            if end is not None:
                out.append(Token("name", cypher[i + 1 : end - 1].replace("``", "`"), (i, end)))
                i = end
                continue
        elif c in _WORD_START:
            end = i + 1
            while end < n and cypher[end] in _WORD:
                end += 1
            out.append(Token("word", cypher[i:end].upper(), (i, end)))
            i = end
            continue
        out.append(Token("symbol", c, (i, i + 1)))
        i += 1
    return out


def _is(token: Token, kind: str, text: str | None = None) -> bool:
    return token.kind == kind and (text is None or token.text == text)


def _names_files(toks: list[Token], at: int) -> bool:
    """Whether what follows FROM, at ``at``, names files: anything but a subquery, ``(`` and a keyword."""
    return not (_is(toks[at], "symbol", "(") and _is(toks[at + 1], "word"))


@dataclass(frozen=True)
class Projection:
    """A graph projection a text calls (``_RUNS_TEXT``): its name, upper-cased, the text of each of its arguments
    (None without a closing bracket) and where they stand in the text, between the brackets."""

    name: str
    arguments: list[str] | None
    span: tuple[int, int] | None


class Query:
    """A query's text, read into tokens once: what its statements reach past the store is told from them."""

    def __init__(self, cypher: str) -> None:
        self.cypher = cypher
        self.tokens = tokens(cypher)
        self._starts = _starts(self.tokens)
        self._calls = _calls(self.tokens)

    def outside(self) -> str | None:
        """What the query reaches past the store by its statement kinds, e.g. "reads files (LOAD FROM,
        COPY FROM)", or None. Every statement of the text counts (the engine runs none of several)."""
        scan = self.file_scan_call()
        if scan:
            return f"reads files ({scan})"
        runs = next((name for name, _ in self._calls if name in _RUNS_TEXT), None)
        if runs:
            return f"runs Cypher made from text ({runs})"
        toks = self.tokens + [Token("end", "")] * 3  # so that the tokens after any token can be looked at
        for i, token in enumerate(toks):
            after = toks[i + 1 : i + 4]
            if _is(token, "word", "LOAD") and (
                (_is(after[0], "word", "FROM") and _names_files(toks, i + 2))
                or (_is(after[0], "word", "WITH") and _is(after[1], "word", "HEADERS"))
            ):
                return READS_FILES
            if i in self._starts and _is(token, "word") and token.text in _STATEMENTS:
                if token.text == "COPY":
                    if _is(after[0], "symbol", "(") or _copies_to(toks, i):
                        return WRITES_FILES
                    if _names_files(toks, _source(toks, i)):
                        return READS_FILES
                elif not (token.text == "LOAD" and _is(after[0], "word", "FROM")):  # LOAD FROM is judged above
                    return _STATEMENTS[token.text]
        return None

    def copies_a_table_to(self) -> bool:
        """Whether a statement of the text is ``COPY TABLE TO …``: it would write a file, but the engine parses
        ``COPY (query) TO …`` only, and refuses it as a syntax error whatever graphkit allows."""
        toks = [*self.tokens, Token("end", "")]
        return any(
            _is(toks[i], "word", "COPY") and not _is(toks[i + 1], "symbol", "(") and _copies_to(toks, i)
            for i in self._starts
        )

    def checkpoints(self) -> bool:
        """Whether a statement of the text is CHECKPOINT, which the engine runs on a store opened read-only: it
        writes a log and a shadow file beside the store, then fails writing the store itself."""
        return any(_is(self.tokens[i], "word", "CHECKPOINT") for i in self._starts)

    def file_scan_call(self) -> str | None:
        """The file scan function the query calls by name (``CALL READ_PARQUET(…)``), if any: the
        engine crashes binding such a call, so it is refused even where files are allowed."""
        return next((name for name, _ in self._calls if name.startswith(_FILE_SCAN)), None)

    def projections(self) -> list[Projection]:
        """Each graph projection the text calls, with its arguments."""
        closes, commas = _brackets(self.tokens)
        found = []
        for name, opening in self._calls:
            if name not in _RUNS_TEXT:
                continue
            if opening not in closes:
                found.append(Projection(name, None, None))
                continue
            cuts = [self.tokens[at].span for at in (opening, *commas[opening], closes[opening])]
            texts = [self.cypher[start:end] for (_, start), (end, _) in zip(cuts, cuts[1:], strict=False)]
            arguments = texts if len(texts) > 1 or texts[0].strip() else []
            found.append(Projection(name, arguments, (cuts[0][1], cuts[-1][0])))
        return found

    def several(self) -> bool:
        """Whether the text holds more than one statement (a ``;`` with more after it)."""
        ends = [_is(t, "symbol", ";") for t in self.tokens]
        return True in ends and False in ends[ends.index(True) :]


def _source(toks: list[Token], at: int) -> int:
    """Where what the COPY at ``at`` copies from starts: after its statement's first FROM, or at the end."""
    for j in range(at, len(toks)):
        if _is(toks[j], "word", "FROM"):
            return j + 1
        if _is(toks[j], "symbol", ";"):
            break
    return len(toks) - 2


def _copies_to(toks: list[Token], at: int) -> bool:
    """Whether the COPY at ``at`` copies to (its first FROM or TO outside brackets is TO), as ``COPY Comment TO
    'out.csv'`` would."""
    depth = 0
    for j in range(at + 1, len(toks)):
        token = toks[j]
        if _is(token, "symbol", ";"):
            break
        depth += _nesting(token)
        if depth == 0 and _is(token, "word") and token.text in ("FROM", "TO"):
            return token.text == "TO"
    return False


def _starts(toks: list[Token]) -> set[int]:
    """Where each statement's first keyword is, after EXPLAIN or PROFILE."""
    starts, first = set(), True
    for i, token in enumerate(toks):
        if _is(token, "symbol", ";"):
            first = True
        elif first and not (_is(token, "word") and token.text in _OPTIONS):
            starts.add(i)
            first = False
    return starts


def _brackets(toks: list[Token]) -> tuple[dict[int, int], dict[int, list[int]]]:
    """Where each opening bracket closes (any closing bracket closes the last one open) and the commas right
    within it, in one pass."""
    closes: dict[int, int] = {}
    commas: dict[int, list[int]] = {}
    open_: list[int] = []
    for at, token in enumerate(toks):
        if token.kind != "symbol":
            continue
        if token.text in "([{":
            open_.append(at)
            commas[at] = []
        elif token.text in ")]}" and open_:
            closes[open_.pop()] = at
        elif token.text == "," and open_:
            commas[open_[-1]].append(at)
    return closes, commas


def _calls(toks: list[Token]) -> list[tuple[str, int]]:
    """The names, upper-cased, of the functions the tokens call (a word or backquoted name before ``(``), each with
    where its ``(`` is."""
    return [
        (token.text.upper(), at + 1)
        for at, (token, after) in enumerate(zip(toks, toks[1:], strict=False))
        if token.kind in ("word", "name") and _is(after, "symbol", "(")
    ]


def _nesting(token: Token) -> int:
    """How far the token takes the text into brackets (1 opening one, -1 closing one, else 0)."""
    return (token.kind == "symbol") * ((token.text in "([{") - (token.text in ")]}"))
