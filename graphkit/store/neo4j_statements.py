"""What a query for Neo4j calls and whether it loads CSV, told from its tokens before the server sees it.

APOC, a plugin many servers load, has procedures and functions that run Cypher given as a string or reach
files and URLs (``APOC``); functions declared with ``apoc.custom`` are called as ``custom.*`` and run the Cypher
stored with them. The server's plan shows a procedure call, which is refused unless it is on graphkit's
read-only list (``READ_PROCEDURES``), but not a function call, and never the Cypher such a call runs. So these are
refused by name, before the server sees the query. Nor does the plan show a LOAD CSV or a procedure call inside a
subquery expression (``COLLECT``, ``COUNT``, ``EXISTS { … }``) the planner solves within an expression (a list
comprehension, a CASE, an ORDER BY): there it has no operator of its own, only the expression's text in another's
details. So both are refused by their tokens too: ``LOAD`` and ``CSV`` in a row, and a name after ``CALL``.
The server's keywords are ASCII words, never glued to a number (``1e5LOAD`` is no LOAD there), and a word here
is one there, so every such keyword the server reads is read here too.
The server's parser first replaces every ``\\u`` escape (a backslash, one or more ``u``, four hex digits) by its
character over the whole text, a backslash and the character after it taken together otherwise (Neo4j 5's
``CypherCharStream``), so ``\\u0061poc`` is ``apoc`` and ``\\u0027`` a quote wherever they stand; the text is
decoded so here too (``decoded``). Then it is split into tokens by the server's lexical rules: string literals in
either quote, where a backslash escapes any character, ``/* … */`` and ``// …`` comments, and names in backquotes
are single tokens, so no name inside them counts, and ``..`` (a slice's or range's) is one symbol, never a dot
joining names. Cypher 25's lexer (``Cypher25Lexer.g4`` in ``@neo4j-cypher/language-support``) adds interpolated
strings (``s'… {expression} …'``), whose expressions are read as code here; Neo4j 5, the server the tests run,
rejects them, so that reading only refuses more. A quote, comment or backquote the lexer would not take as one is
a lone symbol, the rest read as code. A called name is its dotted parts, with any whitespace or comments between
them, before ``(`` or after ``CALL``. A word here ends at any character other than a letter, digit or underscore,
so in a statement the server accepts it never joins what the server's lexer parts: reading more names than the
server does only refuses more. ``tests/test_neo4j_statements.py`` checks the names against the front end's parser
and ``tests/neo4j/test_neo4j_confinement.py`` the escapes against the server.
Literals and comments closed nowhere are scanned once (``literals``): the tokens of any text take time linear in
its length."""

from __future__ import annotations

import itertools
import re

from .literals import Literals, name_end

__all__ = ["APOC", "LOAD_CSV", "READ_PROCEDURES", "calls", "decoded", "listed", "outside", "profiles", "unlisted"]

# APOC's procedures and functions a query may not call without --allow-files (a namespace ends with "."), by what
# they reach past the graph; names are matched whatever their case.
APOC = {
    "apoc.cypher.": "runs Cypher given as text",  # run*, runFirstColumn* functions, doIt, parallel, runFile
    "apoc.do.": "runs Cypher given as text",
    "apoc.when": "runs Cypher given as text",
    "apoc.case": "runs Cypher given as text",
    "apoc.periodic.": "runs Cypher given as text in transactions of its own",
    "apoc.trigger.": "installs triggers that run Cypher given as text",
    "apoc.custom.": "declares procedures and functions that run Cypher given as text",
    "custom.": "runs the Cypher apoc.custom stored with it",
    "apoc.load.": "reads files or URLs",
    "apoc.import.": "reads files or URLs into the store",
    "apoc.export.": "writes files",
}
# The procedures a query may call without --allow-files: each reads the graph, its schema or its indexes and nothing
# else. Any other (built-in admin ones, plugins such as apoc.load.*) is refused. The server's names are case-sensitive.
READ_PROCEDURES = frozenset(
    {
        "db.labels",
        "db.relationshipTypes",
        "db.propertyKeys",
        "db.schema.visualization",
        "db.schema.nodeTypeProperties",
        "db.schema.relTypeProperties",
        "db.index.fulltext.queryNodes",
        "db.index.fulltext.queryRelationships",
        "db.index.fulltext.listAvailableAnalyzers",
        "db.index.vector.queryNodes",
        "db.index.vector.queryRelationships",
        "db.info",
        "db.ping",
        "dbms.components",
    }
)
LOAD_CSV = "reads files or URLs (LOAD CSV)"
# The grammar's SPACE characters (comments aside).
_SPACE = frozenset(
    "\t\n\x0b\x0c\r\x1c\x1d\x1e\x1f \x85\xa0\u1680\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007\u2008\u2009"
    "\u200a\u2028\u2029\u202f\u205f\u3000"
)
# A \u escape (its digits captured), or a backslash and the character after it, which the server takes together.
_ESCAPE = re.compile(r"\\(?:u++([0-9A-Fa-f]{4})|.)", re.DOTALL)


def decoded(cypher: str) -> str:
    """The text as the server's lexer reads it: each \\u escape replaced by its character, everywhere."""
    return _ESCAPE.sub(lambda m: chr(int(m[1], 16)) if m[1] else m[0], cypher)


def _word_start(c: str) -> bool:
    return c.isalpha() or c == "_"


def _word_part(c: str) -> bool:
    return c.isalnum() or c == "_"


def _escape_end(text: str, at: int) -> int:
    """A backslash in a literal escapes whatever character follows it."""
    return at + 2


def _text_end(text: str, at: int, quote: str) -> int:
    """Where the text of an interpolated string starting at ``at`` ends: at its closing quote or an ``{``."""
    i = at
    while i < len(text) and text[i] not in (quote, "{"):
        i += 2 if text[i] == "\\" else 1
    return min(i, len(text))


def _tokens(cypher: str) -> list[tuple[str, str]]:
    """(kind, text) of the query's tokens as the server reads it (``decoded``), comments and whitespace left out:
    ``word``, ``name`` (what backquotes hold), ``string`` (a literal, or the text of an interpolated one) or
    ``symbol`` (``..`` or any other character)."""
    cypher = decoded(cypher)
    literals = Literals(cypher, _escape_end)
    no_comment_end = len(cypher)  # no "*/" after here: a comment opening later is none
    out: list[tuple[str, str]] = []
    modes: list[str] = []  # the lexer's mode stack: "" for code, a quote for an interpolated string's text
    mode, i, n = "", 0, len(cypher)
    while i < n:
        c = cypher[i]
        if mode:  # the text of an interpolated string
            if c == mode:
                mode = modes.pop()
                i += 1
            elif c == "{":
                modes.append(mode)
                mode, i = "", i + 1
            else:
                end = _text_end(cypher, i, mode) if c != "}" else i + 1
                out.append(("string", cypher[i:end]))
                i = end
            continue
        if c in _SPACE:
            i += 1
            continue
        if c == "/" and cypher.startswith("//", i):
            while i < n and cypher[i] not in "\r\n":
                i += 1
            continue
        if c == "/" and cypher.startswith("/*", i) and i < no_comment_end:
            close = cypher.find("*/", i + 2)
            if close >= 0:
                i = close + 2
                continue
            no_comment_end = i
        if c in "'\"" and (end := literals.end(i)) is not None:
            out.append(("string", cypher[i:end]))
            i = end
            continue
        if c == "`" and (end := name_end(cypher, i)) is not None:
            out.append(("name", cypher[i + 1 : end - 1].replace("``", "`")))
            i = end
            continue
        # "s'" opens an interpolated string where the s starts a token; where it ends a name the server reads a
        # name and a string, which no statement it accepts holds, so reading them otherwise here is harmless
        if c in "sS" and cypher[i + 1 : i + 2] in ("'", '"') and not (i and _word_part(cypher[i - 1])):
            modes.append(mode)
            mode, i = cypher[i + 1], i + 2
            continue
        if _word_start(c):
            end = i + 1
            while end < n and _word_part(cypher[end]):
                end += 1
            out.append(("word", cypher[i:end]))
            i = end
            continue
        if c == "{":
            modes.append(mode)
        elif c == "}" and modes:
            mode = modes.pop()
        symbol = ".." if cypher.startswith("..", i) else c
        out.append(("symbol", symbol))
        i += len(symbol)
    return out


def _names(toks: list[tuple[str, str]]) -> list[tuple[str, bool]]:
    """Each called name, its parts joined by ".", as written, and whether ``CALL`` comes before it (a procedure)."""
    toks = [*toks, ("end", "")]
    found = []
    for i, (kind, _) in enumerate(toks):
        if kind not in ("word", "name") or (i and toks[i - 1] == ("symbol", ".")):
            continue
        parts, end = [toks[i][1]], i + 1
        while toks[end] == ("symbol", ".") and toks[end + 1][0] in ("word", "name"):
            parts.append(toks[end + 1][1])
            end += 2
        called = bool(i) and _keyword(toks[i - 1], "CALL")
        if toks[end] == ("symbol", "(") or called:
            found.append((".".join(parts), called))
    return found


def _keyword(token: tuple[str, str], keyword: str) -> bool:
    return token[0] == "word" and token[1].upper() == keyword


def calls(cypher: str) -> list[str]:
    """The dotted names of the procedures and functions the query calls, as written (parts joined by ".")."""
    return [name for name, _ in _names(_tokens(cypher))]


def profiles(cypher: str) -> bool:
    """Whether the query holds the keyword PROFILE (as a word: a name in backquotes or a string is none)."""
    return any(_keyword(token, "PROFILE") for token in _tokens(cypher))


def listed(name: str) -> str | None:
    """What the procedure or function ``name`` reaches past the graph if ``APOC`` lists it, whatever its case."""
    folded = name.lower()
    return next(
        (kind for key, kind in APOC.items() if folded == key or (key[-1] == "." and folded.startswith(key))), None
    )


def unlisted(procedure: str) -> str | None:
    """Why a call of ``procedure`` is refused if it is not on ``READ_PROCEDURES``."""
    if procedure in READ_PROCEDURES:
        return None
    return f"calls procedure {procedure}, which is not on graphkit's read-only list (CALL)"


def outside(cypher: str) -> str | None:
    """What the query reaches past the graph by the APOC procedures and functions it calls, the procedures off
    ``READ_PROCEDURES`` it calls or its LOAD CSV, e.g. "runs Cypher given as text (apoc.cypher.run)", or None."""
    toks = _tokens(cypher)
    for name, procedure in _names(toks):
        if kind := listed(name):
            return f"{kind} ({name})"
        if procedure and (kind := unlisted(name)):
            return kind
    if any(_keyword(a, "LOAD") and _keyword(b, "CSV") for a, b in itertools.pairwise(toks)):
        return LOAD_CSV
    return None
