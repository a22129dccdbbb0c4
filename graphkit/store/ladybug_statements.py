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
end a word at, so every keyword the engine reads is read here too.
"""

from __future__ import annotations

from dataclasses import dataclass, field

__all__ = ["Token", "tokens", "outside", "file_scan_call", "projections", "copies_a_table_to", "several", "checkpoints"]

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


@dataclass(frozen=True)
class Token:
    """``kind`` is ``word`` (upper-cased), ``string`` (a literal, quotes included), ``name`` (what
    backquotes hold) or ``symbol`` (any other character)."""

    kind: str
    text: str
    span: tuple[int, int] = field(default=(0, 0), compare=False)  # where it is in the text


def _escape_end(text: str, at: int) -> int | None:
    """Where the escape starting with the backslash at ``at`` ends, or None for one the grammar
    does not have (then the literal is no literal)."""
    following = text[at + 1 : at + 2]
    if following and following in _ESCAPED:
        return at + 2
    digits = {"x": 2, "X": 2, "u": 4, "U": 4}.get(following)
    if digits and len(text) >= at + 2 + digits and all(c in _HEX for c in text[at + 2 : at + 2 + digits]):
        return at + 2 + digits  # \u and \U may take 8 digits: the next 4 are string characters either way
    return None


def _string_end(text: str, at: int) -> int | None:
    quote, i = text[at], at + 1
    while i < len(text):
        if text[i] == quote:
            return i + 1
        if text[i] == "\\":
            end = _escape_end(text, i)
            if end is None:
                return None
            i = end
        else:
            i += 1
    return None


def _block_comment_end(text: str, at: int) -> int | None:
    """``/*`` then characters other than ``*``, or ``*`` and a character other than ``/``, then ``*/``:
    a ``*`` taken with the character after it cannot start the end, so ``/* a **/`` is not closed."""
    star = False
    for i in range(at + 2, len(text)):
        if star:
            if text[i] == "/":
                return i + 1
            star = False
        elif text[i] == "*":
            star = True
    return None


def _line_comment_end(text: str, at: int) -> int | None:
    """``//`` up to a line feed (optionally after a carriage return) or the end; a lone carriage
    return ends no comment."""
    i = at + 2
    while i < len(text) and text[i] not in "\r\n":
        i += 1
    if i == len(text) or text[i] == "\n":
        return i + 1
    if i + 1 == len(text) or text[i + 1] == "\n":
        return i + 2
    return None


def _name_end(text: str, at: int) -> int | None:
    """Backquoted parts, one after another (``a``b`` is one name)."""
    end = None
    while at < len(text) and text[at] == "`":
        close = text.find("`", at + 1)
        if close < 0:
            break
        end = at = close + 1
    return end


def tokens(cypher: str) -> list[Token]:
    """The query's tokens, comments and whitespace left out."""
    out: list[Token] = []
    i, n = 0, len(cypher)
    while i < n:
        c = cypher[i]
        if c in _SPACE:
            i += 1
            continue
        if c == "/" and cypher.startswith(("/*", "//"), i):
            end = (_block_comment_end if cypher[i + 1] == "*" else _line_comment_end)(cypher, i)
            if end is not None:
                i = end
                continue
        elif c in "'\"":
            end = _string_end(cypher, i)
            if end is not None:
                out.append(Token("string", cypher[i:end], (i, end)))
                i = end
                continue
        elif c == "`":
            end = _name_end(cypher, i)
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


def _names_files(source: list[Token]) -> bool:
    """Whether what follows FROM names files: anything but a subquery, ``(`` and a keyword."""
    return not (_is(source[0], "symbol", "(") and _is(source[1], "word"))


def outside(cypher: str) -> str | None:
    """What the query reaches past the store by its statement kinds, e.g. "reads files (LOAD FROM,
    COPY FROM)", or None. Every statement of the text counts (the engine runs none of several)."""
    scan = file_scan_call(cypher)
    if scan:
        return f"reads files ({scan})"
    toks = tokens(cypher)
    runs = next((name for name, _ in _calls(toks) if name in _RUNS_TEXT), None)
    if runs:
        return f"runs Cypher made from text ({runs})"
    starts = _starts(toks)
    toks += [Token("end", "")] * 3  # so that the tokens after any token can be looked at
    for i, token in enumerate(toks):
        after = toks[i + 1 : i + 4]
        if _is(token, "word", "LOAD") and (
            (_is(after[0], "word", "FROM") and _names_files(after[1:]))
            or (_is(after[0], "word", "WITH") and _is(after[1], "word", "HEADERS"))
        ):
            return READS_FILES
        if i in starts and _is(token, "word") and token.text in _STATEMENTS:
            if token.text == "COPY":
                if _is(after[0], "symbol", "(") or _copies_to(toks, i):
                    return WRITES_FILES
                source = next((j + 1 for j in range(i, len(toks)) if _is(toks[j], "word", "FROM")), len(toks) - 2)
                if _names_files(toks[source:]):
                    return READS_FILES
            elif not (token.text == "LOAD" and _is(after[0], "word", "FROM")):  # LOAD FROM is judged above
                return _STATEMENTS[token.text]
    return None


def _copies_to(toks: list[Token], at: int) -> bool:
    """Whether the COPY at ``at`` copies to (its first FROM or TO outside brackets is TO), as ``COPY Comment TO
    'out.csv'`` would."""
    depth = 0
    for token in toks[at + 1 :]:
        if _is(token, "symbol", ";"):
            break
        depth += _nesting(token)
        if depth == 0 and _is(token, "word") and token.text in ("FROM", "TO"):
            return token.text == "TO"
    return False


def copies_a_table_to(cypher: str) -> bool:
    """Whether a statement of the text is ``COPY TABLE TO …``: it would write a file, but the engine parses
    ``COPY (query) TO …`` only, and refuses it as a syntax error whatever graphkit allows."""
    toks = [*tokens(cypher), Token("end", "")]
    return any(
        _is(toks[i], "word", "COPY") and not _is(toks[i + 1], "symbol", "(") and _copies_to(toks, i)
        for i in _starts(toks)
    )


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


def checkpoints(cypher: str) -> bool:
    """Whether a statement of the text is CHECKPOINT, which the engine runs on a store opened read-only: it
    writes a log and a shadow file beside the store, then fails writing the store itself."""
    toks = tokens(cypher)
    return any(_is(toks[i], "word", "CHECKPOINT") for i in _starts(toks))


def file_scan_call(cypher: str) -> str | None:
    """The file scan function the query calls by name (``CALL READ_PARQUET(…)``), if any: the
    engine crashes binding such a call, so it is refused even where files are allowed."""
    return next((name for name, _ in _calls(tokens(cypher)) if name.startswith(_FILE_SCAN)), None)


def projections(cypher: str) -> list[tuple[str, list[str] | None]]:
    """Each graph projection the text calls (``_RUNS_TEXT``), upper-cased, with the text of each of its arguments,
    or None for arguments without a closing bracket."""
    toks = tokens(cypher)
    return [(name, _arguments(cypher, toks, opening)) for name, opening in _calls(toks) if name in _RUNS_TEXT]


def _arguments(cypher: str, toks: list[Token], opening: int) -> list[str] | None:
    """The texts of the arguments within the bracket at ``opening``: split at its commas outside other brackets."""
    depth, start, found = 0, toks[opening].span[1], []
    for token in toks[opening:]:
        depth += _nesting(token)
        if depth == 0:
            last = cypher[start : token.span[0]]
            return [*found, last] if found or last.strip() else []
        if depth == 1 and _is(token, "symbol", ","):
            found.append(cypher[start : token.span[0]])
            start = token.span[1]
    return None


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


def several(cypher: str) -> bool:
    """Whether the text holds more than one statement (a ``;`` with more after it)."""
    ends = [_is(t, "symbol", ";") for t in tokens(cypher)]
    return True in ends and False in ends[ends.index(True) :]
