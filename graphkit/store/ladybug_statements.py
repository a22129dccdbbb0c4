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
end a word at, nor starts before a number's exponent (``1e5LOAD`` is a number and LOAD there), so every
keyword the engine reads is read here too. Literals and comments closed
nowhere are scanned once (``literals``, ``_Comments``), and the checks read the tokens as a string of one
character a token with regular expressions (``Tokens``, ``Query``): time linear in the text's length, about
a second of CPU for 1 MB of quotes, and less for any other text.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from .literals import Literals, name_end

__all__ = ["Projection", "Query", "Tokens"]

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
# DROP GRAPH removes the graph's database file (``CREATE GRAPH`` made it beside the store, or where its name said); its
# plan shows a DROP as a table's does, so it is told from its words.
_DROPS_A_GRAPH = "drops another database (DROP GRAPH)"
_OPTIONS = {"EXPLAIN", "PROFILE", "LOGICAL"}
# The first keywords of statements the engine runs on a store opened read-only though they read no graph: CHECKPOINT
# writes a log and a shadow file beside the store, ANALYZE recomputes every table's statistics, and a transaction's
# statements begin or end what only a query's own transaction should.
_NO_READS = ("CHECKPOINT", "ANALYZE", "BEGIN", "COMMIT", "ROLLBACK")
# Table functions that scan files (READ_CSV_SERIAL, READ_PARQUET, READ_NPY …).
_FILE_SCAN = "READ_"
# Table functions that bind Cypher made from their string arguments.
_RUNS_TEXT = frozenset({"PROJECT_GRAPH", "PROJECT_GRAPH_CYPHER"})
_ESCAPED = frozenset("\\'\"bBfFnNrRtT")
_HEX = frozenset("0123456789abcdefABCDEF")
# The grammar's WHITESPACE characters (comments aside), and the byte-order mark: the engine's lexer drops one leading
# the text (after whitespace), so that "\ufeffIMPORT DATABASE" starts there, and refuses one anywhere else.
_SPACE = frozenset(
    " \t\n\x0b\x0c\r\x1c\x1d\x1e\x1f\u1680\u180e\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007\u2008"
    "\u2009\u200a\u2028\u2029\u205f\u3000\u00a0\u202f\ufeff"
)
_LINE_BREAK = re.compile("[\r\n]")


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


class Tokens:
    """A query's tokens, comments and whitespace left out, as its ``shape``: one character a token, so that the
    checks read it with regular expressions, in C, as a million tokens' objects and loops over them in Python took
    seconds. A keyword the checks look for is its letter (``_KEYWORDS``), any other word ``w``, a string literal
    (quotes included) ``s``, a backquoted name ``n``, a bracket, comma or ``;`` itself, and any other characters
    ``.``: a run of them is one token, as no check tells such symbols apart nor counts them. ``texts`` holds each
    token's text (a word's upper-cased, a name's without its backquotes), ``offsets`` where it starts in the text."""

    def __init__(self, cypher: str) -> None:
        shape: list[str] = []
        texts: list[str] = []
        offsets: list[int] = []
        comments, literals = _Comments(cypher), Literals(cypher, _escape_end)
        at, n = 0, len(cypher)
        while at < n:
            for match in _LEXEMES.finditer(cypher, at):  # started again after each literal, comment or name
                kind, i, text = match.lastindex, match.start(), match.group()
                if kind == _WORD_GROUP:
                    text = text.upper()
                    shape.append(_KEYWORDS.get(text, "w"))
                elif kind == _MARK_GROUP:
                    end, char = None, "."
                    if text[0] == "/":
                        end = (comments.block_comment_end if cypher[i + 1] == "*" else comments.line_comment_end)(i)
                        if end is not None:
                            at = end
                            break
                    elif text[0] == "`":
                        end, char = name_end(cypher, i), "n"
                        if end is not None:
                            text = cypher[i + 1 : end - 1].replace("``", "`")
                    else:
                        end, char = literals.end(i), "s"
                        if end is not None:
                            text = cypher[i:end]
                    shape.append("." if end is None else char)
                    if end is not None:
                        texts.append(text)
                        offsets.append(i)
                        at = end
                        break
                else:
                    shape.append(text if kind == _SYMBOL_GROUP else ".")
                texts.append(text)
                offsets.append(i)
            else:
                break
        self.shape = "".join(shape)
        self.texts = texts
        self.offsets = offsets


# What the checks tell apart of a query's words, each a letter of its shape (``Tokens``).
_KEYWORDS = {
    "LOAD": "L",
    "FROM": "F",
    "WITH": "W",
    "HEADERS": "H",
    "COPY": "C",
    "TO": "T",
    "DROP": "D",
    "GRAPH": "G",
    **dict.fromkeys(_NO_READS, "K"),
    **dict.fromkeys(_OPTIONS, "O"),
    **{word: "S" for word in _STATEMENTS if word not in ("COPY", "LOAD")},
}
_WORDS = frozenset("w" + "".join(_KEYWORDS.values()))
_SPACES = "".join(sorted(_SPACE))
# A word; a bracket, comma or ";"; a quote, backquote or comment opening, which may start a longer token (a quote
# with the other characters after it, one token with them where it opens none); a run of other characters, where a
# digit's exponent (``1e5``) is a number's end, as in the engine, so that a word glued to it starts after it.
# Whitespace lies between matches, skipped in C.
_OTHER = rf"(?:[^{_SPACES}A-Za-z_(){{}}\[\],;'\"`/]|/(?![*/])|(?<=[0-9])[eE]-?[0-9]+)"
_LEXEMES = re.compile(rf"([A-Za-z_][A-Za-z0-9_]*)|([(){{}}\[\],;])|(['\"`]{_OTHER}*|/(?=[*/]))|({_OTHER}+)")
_WORD_GROUP, _SYMBOL_GROUP, _MARK_GROUP = 1, 2, 3
# Each statement's first token, after EXPLAIN or PROFILE: where a match ends.
_START = re.compile(r"(?:^|;)O*(?=[^;O])")
_NO_READ = re.compile(r"(?:^|;)O*K")
_LOADS_OR_STATEMENT = re.compile("[LCSD]")
_CALL = re.compile(f"[{''.join(sorted(_WORDS))}n](?=\\()")
_BRACKETS = re.compile(r"[(\[{)\]},]")
_COPY_SCAN = re.compile(r"[(\[{)\]};FT]")
_SOURCE = re.compile("[F;]")
_SEVERAL = re.compile(";[^;]")


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
        self.tokens = Tokens(cypher)
        shape = self.tokens.shape
        self._starts = {match.end() for match in _START.finditer(shape)}
        self._calls = [(self.tokens.texts[m.start()].upper(), m.end()) for m in _CALL.finditer(shape)]

    def outside(self) -> str | None:
        """What the query reaches past the store by its statement kinds, e.g. "reads files (LOAD FROM,
        COPY FROM)", or None. Every statement of the text counts (the engine runs none of several)."""
        scan = self.file_scan_call()
        if scan:
            return f"reads files ({scan})"
        runs = next((name for name, _ in self._calls if name in _RUNS_TEXT), None)
        if runs:
            return f"runs Cypher made from text ({runs})"
        shape = self.tokens.shape
        for match in _LOADS_OR_STATEMENT.finditer(shape):  # in the text's order: the first found is told
            i, word = match.start(), match.group()
            after = shape[i + 1 : i + 3]
            if word == "L" and ((after[:1] == "F" and self._names_files(i + 2)) or after == "WH"):
                return READS_FILES
            if i in self._starts:
                if word == "C":
                    if after[:1] == "(" or self._copies_to(i):
                        return WRITES_FILES
                    if self._names_files(self._source(i)):
                        return READS_FILES
                elif word == "D":
                    if after[:1] == "G":
                        return _DROPS_A_GRAPH
                elif not (word == "L" and after[:1] == "F"):  # LOAD FROM is judged above
                    return _STATEMENTS[self.tokens.texts[i]]
        return None

    def statement(self) -> str:
        """The text from its statement on, without the EXPLAIN or PROFILE before it: what the engine plans, which
        cannot plan an EXPLAIN of either."""
        options = len(self.tokens.shape) - len(self.tokens.shape.lstrip("O"))
        return self.cypher[self.tokens.offsets[options] :] if options < len(self.tokens.offsets) else ""

    def copies_a_table_to(self) -> bool:
        """Whether a statement of the text is ``COPY TABLE TO …``: it would write a file, but the engine parses
        ``COPY (query) TO …`` only, and refuses it as a syntax error whatever graphkit allows."""
        shape = self.tokens.shape
        return any(shape[i] == "C" and shape[i + 1 : i + 2] != "(" and self._copies_to(i) for i in self._starts)

    def reads_nothing(self) -> bool:
        """Whether a statement of the text is one the engine runs on a store opened read-only though it reads no graph
        (``_NO_READS``): CHECKPOINT writes a log and a shadow file beside the store, then fails writing the store
        itself."""
        return _NO_READ.search(self.tokens.shape) is not None

    def file_scan_call(self) -> str | None:
        """The file scan function the query calls by name (``CALL READ_PARQUET(…)``), if any: the
        engine crashes binding such a call, so it is refused even where files are allowed."""
        return next((name for name, _ in self._calls if name.startswith(_FILE_SCAN)), None)

    def projections(self) -> list[Projection]:
        """Each graph projection the text calls, with its arguments."""
        closes, commas = self._brackets()
        offsets = self.tokens.offsets
        found = []
        for name, opening in self._calls:
            if name not in _RUNS_TEXT:
                continue
            if opening not in closes:
                found.append(Projection(name, None, None))
                continue
            cuts = [offsets[at] for at in (opening, *commas[opening], closes[opening])]  # each one character
            texts = [self.cypher[start + 1 : end] for start, end in zip(cuts, cuts[1:], strict=False)]
            arguments = texts if len(texts) > 1 or texts[0].strip() else []
            found.append(Projection(name, arguments, (cuts[0] + 1, cuts[-1])))
        return found

    def several(self) -> bool:
        """Whether the text holds more than one statement (a ``;`` with more after it)."""
        return _SEVERAL.search(self.tokens.shape) is not None

    def _names_files(self, at: int) -> bool:
        """Whether what follows FROM, at ``at``, names files: anything but a subquery, ``(`` and a keyword."""
        shape = self.tokens.shape
        return not (shape[at : at + 1] == "(" and shape[at + 1 : at + 2] in _WORDS)

    def _source(self, at: int) -> int:
        """Where what the COPY at ``at`` copies from starts: after its statement's first FROM, or at the end."""
        found = _SOURCE.search(self.tokens.shape, at)
        return found.end() if found and found.group() == "F" else len(self.tokens.shape)

    def _copies_to(self, at: int) -> bool:
        """Whether the COPY at ``at`` copies to (its first FROM or TO outside brackets is TO), as ``COPY Comment TO
        'out.csv'`` would."""
        depth = 0
        for match in _COPY_SCAN.finditer(self.tokens.shape, at + 1):
            token = match.group()
            if token == ";":
                break
            if token in "FT":
                if depth == 0:
                    return token == "T"
            else:
                depth += 1 if token in "([{" else -1
        return False

    def _brackets(self) -> tuple[dict[int, int], dict[int, list[int]]]:
        """Where each opening bracket closes (any closing bracket closes the last one open) and the commas right
        within it, in one pass."""
        closes: dict[int, int] = {}
        commas: dict[int, list[int]] = {}
        open_: list[int] = []
        for match in _BRACKETS.finditer(self.tokens.shape):
            at, token = match.start(), match.group()
            if token in "([{":
                open_.append(at)
                commas[at] = []
            elif token == "," and open_:
                commas[open_[-1]].append(at)
            elif token != "," and open_:
                closes[open_.pop()] = at
        return closes, commas
