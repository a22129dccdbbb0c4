"""The words of the line mail software writes over a quoted mail ("On DATE, X wrote:", "Am DATE schrieb X:",
"X a écrit :"), in one place so the mail reader, the text reader, quote and reply extraction and the benchmark's
page builder read the same words.

A leaf module: sources and extract both read it and neither reads the other.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

__all__ = [
    "WORDS",
    "MORE_WORDS",
    "DATE_FIRST",
    "ADDRESSED",
    "NAME_AFTER",
    "formed",
    "dated",
    "wrapped",
    "name",
    "attributions",
    "one_of",
    "stems",
]

WORDS = ("wrote", "writes", "schrieb", "a écrit")
# read by the reply cues alone (``name``, ``attributions``; ``replies_page``), not by the readers: the training mails
# hold Italian attributions ("Lacy Moore ha scritto:"), and readers taking them out would change the pages the reply
# model was fitted on
MORE_WORDS = ("ha scritto", "escribió")
# Gmail's line in a locale writing dates as digits, no word in it: "2015-11-21 13:05 GMT+01:00 NAME <ADDRESS>:" (an
# archive's "NAME <jane at example.org>:" too; "2013/5/3 NAME <ADDRESS>:" without the time); the address it ends with,
# "@" or a pipermail archive's " at " inside the brackets, keeps a line that opens with a date and ends with a colon
# ("2015-11-21 minutes:", "2015-11-21 meeting notes <draft>:") out. The address is looked for ahead, once: split
# around each " at " in turn, a hostile line of them took time growing with its length squared
ADDRESSED = r"<(?=[^<>\n]*(?:@| at ))[^<>\n]*>\s*:\s*"
DATE_FIRST = re.compile(
    r"\d{4}[-/]\d{1,2}[-/]\d{1,2}(?: \d{1,2}:\d{2}(?: GMT[+-]\d{1,2}(?::\d{2})?)?)? ([^<>\n]+)" + ADDRESSED
)
# German puts the verb second, so the name may follow it: "Am Freitag, 2. November 2007 schrieb Patrick:", "Tuomo
# Valkonen schrieb am Dienstag, den 06. März 2007:" (KMail, Thunderbird). The "Am"/"am"
# opening the date and a digit in it keep an ordinary sentence ending in a colon out. Each part is read once, up to
# the first " schrieb " and back from the last colon: lazy parts inside each other tried every " schrieb " with every
# colon, a hostile line taking time growing with its length squared
NAME_AFTER = re.compile(
    r"Am [^\d\n]*\d(?:(?! schrieb )[^\n])*+ schrieb ([^\n]*\S)\s*:\s*"
    r"|((?:(?! schrieb am )[^\n])++) schrieb am [^\d\n]*\d[^\n]*:\s*"
)
_ACCENTED = re.compile(r"[^\x00-\x7f]")


def one_of(words: tuple[str, ...] = WORDS, re_encoded: bool = True) -> str:
    """``words`` as one group of a regular expression (case is the caller's flag). ``re_encoded``: an accented
    letter may stand as any one character or none, as archives re-encode it ("a ?crit"); the mbox reader and the
    page builder match it as written, so such lines stay in the training mails' text."""
    return "(?:" + "|".join(_ACCENTED.sub(r"\\S?", w) if re_encoded else re.escape(w) for w in words) + ")"


def stems(words: tuple[str, ...] = WORDS) -> tuple[str, ...]:
    """The longest unaccented piece of each word: a lower-cased text holding none of them holds none of the words."""
    return tuple(max(_ACCENTED.split(word), key=len) for word in words)


_TAIL = 80  # characters after the verb and before its date's first digit, and after that digit
# … or the date in brackets after the colon: "NAME wrote:  [Mon Apr 05 2010, 09:19:56AM EDT]" (Wanderlust)
_BRACKETED = rf":\s*\[[^\[\]\n]{{0,{_TAIL}}}\d[^\[\]\n]{{0,{_TAIL}}}\]"
# "On DATE, NAME wrote:", "NAME <ADDRESS> a écrit :" (an archive's "a ?crit?:"), "NAME wrote on DATE:" (no word
# after the verb, or a date; not prose: "I wrote to Jane about this:"), "NAME wrote:  [DATE]" (``_BRACKETED``): the
# name after the last comma before the verb, each part between commas read once (``name`` has checked the colon or
# bracket ending it)
_VERB_AFTER = re.compile(
    rf"(?:[^\n]*,)?([^,\n]*?\S)\s+{one_of(WORDS + MORE_WORDS)}\b"
    rf"(?:(?:[^\w\n]{{0,{_TAIL}}}|[^\d\n]{{0,{_TAIL}}}\d[^\n]{{0,{_TAIL}}}):|{_BRACKETED})\s*",
    re.I,
)
# an address after the name, in brackets or parentheses ("NAME (jane@example.org) wrote:", an archive's "jane at
# example.org"), and Entourage's German "unter" before it (from a run of blanks' start: from each blank of a long run
# it was read again)
_UNADDRESSED = re.compile(r"(?<!\s)\s*(?:\bunter\s*)?(?:\(?<[^<>]*>\)?|\([^()\s@]+(?:@|\s+at\s+)[^()\s@]+\))")
# the address alone on its line, where mail software wrapped an attribution before it (``wrapped``)
_ADDRESS_LINE = re.compile(ADDRESSED)
# where mail software wrapped an attribution at its verb ("On DATE, NAME <ADDRESS>" over "wrote:") or inside its
# address's brackets ("On DATE, NAME <" over "ADDRESS> wrote:"), in a quoted mail's lines too ("> wrote:"): the line
# above ends with the address, or with the bracket the line below closes (``attributions``)
_MARKS = re.compile(r"[\s>]*")
_VERB_ALONE = re.compile(rf"{one_of(WORDS + MORE_WORDS)}\s*:\s*", re.I)
_ENDS_ADDRESSED = re.compile(r"<(?=[^<>]*(?:@| at ))[^<>]*>\s*")
_ADDRESS_CLOSED = re.compile(r"[^<>\s@]+(?:@|\s+at\s+)[^<>\s@]+>")
_NAMING = re.compile(r"\w")  # a name holds a letter or digit: quote marks alone are none


def name(line: str) -> str | None:
    """The quoted writer's name an attribution line gives ("On DATE, NAME <ADDRESS> wrote:", "Am DATE schrieb NAME:",
    "NAME schrieb am DATE:", Gmail's "DATE NAME <ADDRESS>:", a wrapped one's two lines joined), or None when the line
    is none: one reading for the reply cues that weigh the name and the quotes a line opens. The name is what stands
    before the verb after the last comma ("Il giorno DATE NAME ha scritto:" gives its date too), without its address."""
    line = line.strip()
    if not line.endswith((":", "]")):  # every form ends in a colon or a bracketed date: most lines are read no further
        return None
    found = next((m for form in (NAME_AFTER, DATE_FIRST, _VERB_AFTER) if (m := form.fullmatch(line))), None)
    if found is None:
        return None
    named = _UNADDRESSED.sub("", found.group(found.lastindex or 0)).strip(" \t\"'")
    return named if _NAMING.search(named) else None  # "> wrote:" (the verb a quoted line wrapped) names nobody


def attributions(text: str) -> Iterator[tuple[int, int, str]]:
    """Each attribution line of ``text`` (a wrapped one's two lines: ``wrapped``, ``_at_verb``): its start, its end and
    the name it gives (``name``)."""
    if ":" not in text:
        return
    start = before = 0  # where this line and the one before it start
    for line in text.split("\n"):
        end = start + len(line)
        if line.rstrip().endswith((":", "]")):
            if start and (joined := _at_verb(text[before : start - 1], line)) and (found := name(joined)):
                yield before, end, found
            elif found := name(line):
                yield start, end, found
            elif (
                start
                and wrapped(previous := text[before : start - 1], line)
                and (found := name(f"{previous.strip()} {line.strip()}"))
            ):
                yield before, end, found
        before, start = start, end + 1


def _at_verb(first: str, second: str) -> str:
    """The two lines joined where they are one attribution wrapped at its verb or inside its address (``_VERB_ALONE``),
    else ""."""
    first, second = first.strip(), second[_MARKS.match(second).end() :].strip()
    at = first.rfind("<")
    if (at >= 0 and _ENDS_ADDRESSED.fullmatch(first, at) and _VERB_ALONE.fullmatch(second)) or (
        first.endswith("<") and _ADDRESS_CLOSED.match(second)
    ):
        return f"{first} {second}"
    return ""


def dated(line: str) -> bool:
    """Whether ``line`` is Gmail's attribution line, which opens with the quoted mail's date (``DATE_FIRST``)."""
    return DATE_FIRST.fullmatch(line.strip()) is not None


def formed(line: str) -> bool:
    """Whether ``line`` is an attribution in a form no verb ends (``DATE_FIRST``, ``NAME_AFTER``)."""
    return any(form.fullmatch(line) for form in (DATE_FIRST, NAME_AFTER))


def wrapped(first: str, second: str) -> bool:
    """Whether two lines are one such attribution wrapped before its address: 'Am 05.01.2007 11:04 Uhr schrieb "NAME"
    unter' over "<ADDRESS>:" (Entourage). The address alone on the second line keeps two lines of prose out."""
    second = second.strip()
    return _ADDRESS_LINE.fullmatch(second) is not None and formed(f"{first.strip()} {second}")
