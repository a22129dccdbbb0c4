"""The words of the line mail software writes over a quoted mail ("On DATE, X wrote:", "Am DATE schrieb X:",
"X a écrit :"), in one place so the mail reader, the text reader, quote and reply extraction and the benchmark's
page builder read the same words.

A leaf module: sources and extract both read it and neither reads the other.
"""

from __future__ import annotations

import re

__all__ = ["WORDS", "MORE_WORDS", "DATE_FIRST", "NAME_AFTER", "formed", "wrapped", "one_of", "stems"]

WORDS = ("wrote", "writes", "schrieb", "a écrit")
# read by the reply cues alone (``replies_page``): the training mails hold Italian attributions ("Lacy Moore ha
# scritto:"), and readers taking them out would change the pages the reply model was fitted on
MORE_WORDS = ("ha scritto", "escribió")
# Gmail's line in a locale writing dates as digits, no word in it: "2015-11-21 13:05 GMT+01:00 NAME <ADDRESS>:" (an
# archive's "NAME <jane at example.org>:" too; "2013/5/3 NAME <ADDRESS>:" without the time); the address it ends with,
# "@" or a pipermail archive's " at " inside the brackets, keeps a line that opens with a date and ends with a colon
# ("2015-11-21 minutes:", "2015-11-21 meeting notes <draft>:") out. The address is looked for ahead, once: split
# around each " at " in turn, a hostile line of them took time growing with its length squared
_ADDRESSED = r"<(?=[^<>\n]*(?:@| at ))[^<>\n]*>\s*:\s*"
DATE_FIRST = re.compile(
    r"\d{4}[-/]\d{1,2}[-/]\d{1,2}(?: \d{1,2}:\d{2}(?: GMT[+-]\d{1,2}(?::\d{2})?)?)? [^<>\n]+" + _ADDRESSED
)
# German puts the verb second, so the name may follow it: "Am Freitag, 2. November 2007 schrieb Patrick:", "Tuomo
# Valkonen schrieb am Dienstag, den 06. März 2007:" (KMail, Thunderbird). The "Am"/"am"
# opening the date and a digit in it keep an ordinary sentence ending in a colon out
NAME_AFTER = re.compile(r"(?:Am [^\d\n]*\d[^\n]*? schrieb [^\n]+?|[^\n]+? schrieb am [^\d\n]*\d[^\n]*?)\s*:\s*")
_ACCENTED = re.compile(r"[^\x00-\x7f]")
# the address alone on its line, where mail software wrapped an attribution before it (``wrapped``)
_ADDRESS_LINE = re.compile(_ADDRESSED)


def formed(line: str) -> bool:
    """Whether ``line`` is an attribution in a form no verb ends (``DATE_FIRST``, ``NAME_AFTER``)."""
    return any(form.fullmatch(line) for form in (DATE_FIRST, NAME_AFTER))


def wrapped(first: str, second: str) -> bool:
    """Whether two lines are one such attribution wrapped before its address: 'Am 05.01.2007 11:04 Uhr schrieb "NAME"
    unter' over "<ADDRESS>:" (Entourage). The address alone on the second line keeps two lines of prose out."""
    second = second.strip()
    return _ADDRESS_LINE.fullmatch(second) is not None and formed(f"{first.strip()} {second}")


def one_of(words: tuple[str, ...] = WORDS, re_encoded: bool = True) -> str:
    """``words`` as one group of a regular expression (case is the caller's flag). ``re_encoded``: an accented
    letter may stand as any one character or none, as archives re-encode it ("a ?crit"); the mbox reader and the
    page builder match it as written, so such lines stay in the training mails' text."""
    return "(?:" + "|".join(_ACCENTED.sub(r"\\S?", w) if re_encoded else re.escape(w) for w in words) + ")"


def stems(words: tuple[str, ...] = WORDS) -> tuple[str, ...]:
    """The longest unaccented piece of each word: a lower-cased text holding none of them holds none of the words."""
    return tuple(max(_ACCENTED.split(word), key=len) for word in words)
