"""Quoted speech and quoted posts.

Attributed speech: a quotation next to a speech verb and its speaker ("…," Lavrov said;
said Lavrov; Lavrov noted that "…"). A pronoun or role ("he", "the Foreign Minister") as the
speaker means the person last quoted or named in the same post; ``extractor`` resolves that.
Quoted posts: ">>"/">" quote markers (and supercite's "TV> ", the quoted writer's initials before the mark), a
quoted mail under its header without marks (as Outlook and web archives leave it), and quotations that repeat an
earlier comment. A block of marked lines is one quote.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from .. import attribution

__all__ = [
    "Speech",
    "find_speech",
    "PostQuote",
    "find_post_quotes",
    "normalise",
    "unmarked_quote",
    "QUOTE_MARKS",
    "quote_lines",
]

_VERBS = (
    r"said|says|say|noted|notes|stressed|stresses|added|adds|told|tells|stated|states|declared|explained|"
    r"warned|insisted|argued|claimed|wrote|writes|asked|replied|remarked|emphasised|emphasized|"
    r"underlined|pointed\s+out|continued|concluded|admitted|announced|commented"
)
_QUOTE = re.compile(r"“([^“”]{2,2000})”|\"([^\"\n]{2,2000})\"")
# Quotation marks a comment writes words in: a straight mark opens after no word character and closes before none, so
# inch marks ('the 27" model … my old 24" was') pair up into no span.
_MARKED = re.compile(r"“([^“”]{2,2000})”|(?<![\w\"])\"([^\"\n]{2,2000})\"(?!\w)")
_SPEAKER = r"((?:[Tt]he\s+)?(?:[A-Z][\w’'.-]*\s+){0,4}[A-Z][\w’'.-]*|[Hh]e|[Ss]he|[Tt]hey)"
_AFTER_SPEAKER_VERB = re.compile(r"^[,\s]*" + _SPEAKER + r"\s+(?:" + _VERBS + r")\b")
_AFTER_VERB_SPEAKER = re.compile(r"^[,\s]*(?:" + _VERBS + r")\s+" + _SPEAKER)
_BEFORE = re.compile(_SPEAKER + r"\s+(?:also\s+|then\s+)?(?:" + _VERBS + r")(?:\s+that)?[,:]?\s*$")
_BEFORE_NOTING = re.compile(r"\b(?:noting|adding|saying|stressing|stating|warning)(?:\s+that)?[,:]?\s*$")
_PRONOUNS = {"he", "she", "they"}
_WRITER = {"i", "we"}  # "I added: “…”": the writer's own words, which quote no one


@dataclass(frozen=True)
class Speech:
    """A quotation (offsets of the words inside the marks) and who said it (offsets, or a pronoun/role)."""

    start: int
    end: int
    speaker_start: int
    speaker_end: int
    speaker: str
    refers_back: bool  # a pronoun or role: the speaker is someone named before


def _speaker(match: re.Match[str], base: int, group: int = 1) -> tuple[int, int, str, bool]:
    text = match.group(group)
    start = base + match.start(group)
    lowered = text.lower()
    refers_back = lowered in _PRONOUNS or lowered.startswith("the ")
    return start, start + len(text), text, refers_back


def _by_writer(speaker: str) -> bool:
    """Whether the speaker is the writer: "I", "We", "Then I", "Yesterday I" (its last word), not "The Who"."""
    return speaker.split()[-1].lower() in _WRITER


def find_speech(text: str) -> list[Speech]:
    """Quotations attributed to a speaker in ``text``; the writer's own ("I wrote: “…”") are none."""
    out = []
    last: tuple[int, int, str, bool] | None = None
    for match in _QUOTE.finditer(text):
        group = 1 if match.group(1) is not None else 2
        q_start, q_end = match.start(group), match.end(group)
        if len(match.group(group).split()) < 3:
            continue  # scare quotes ("exonerate"), not speech
        after = text[match.end() : match.end() + 80]
        before = text[max(0, match.start() - 120) : match.start()]
        found = None
        # "I said:"/"We asked:" after a quote opens the writer's next one: its speaker is the one before it
        m = _AFTER_SPEAKER_VERB.match(after) or _AFTER_VERB_SPEAKER.match(after)
        writer_after = m is not None and _by_writer(m.group(1))
        if m and not writer_after:
            found = _speaker(m, match.end())
        elif m := _BEFORE.search(before):
            found = _speaker(m, match.start() - len(before))
        elif _BEFORE_NOTING.search(before) and last:
            found = (last[0], last[1], last[2], True)
        if (found is None and writer_after) or (found and _by_writer(found[2])):
            last = None
        elif found:
            last = found
            out.append(Speech(q_start, q_end, *found))
    return out


@dataclass(frozen=True)
class PostQuote:
    """Text a comment quotes from another post: a block of lines marked by ">"/">>" (or a supercite "TV> "), a
    quoted mail without marks, words after an inline ">>", or words repeated in quotation marks."""

    start: int
    end: int
    marked: bool  # a quote marker, not only quotation marks


# the marks opening a quoted line: ">", "> >", ">>", or supercite's initials of the quoted writer ("TV> ", "c> ")
QUOTE_MARKS = re.compile(r"^[ \t]*(?:[^\W\d_]{1,4}>(?=[ \t]|$)|>)[ \t>]*", re.M)
_INLINE = re.compile(r"(?<=\s)>>?[ \t]*([^\n]+)")  # "Your post? >> The elite works this way."
# the header of a quoted mail whose lines carry no marks: "-----Original Message-----", a "From:" line with the
# fields under it ("Sent:", "To:", "Subject:", or their German, French and Dutch names), an attribution line
# ("On DATE, X wrote:", "Am DATE schrieb X:", "X <ADDRESS> a écrit :")
_ORIGINAL = re.compile(r"^[ \t]*-+[ \t]*original message[ \t]*-+[ \t]*$", re.I | re.M)
_FROM_FIELD = re.compile(r"^[ \t]*(?:from|von|de|van)[ \t]*:", re.I | re.M)
_FIELD = re.compile(
    r"[ \t]*(?:sent|date|to|cc|subject|gesendet|datum|an|betreff|envoy\S*|à|objet|verzonden|aan|onderwerp)[ \t]*:", re.I
)
_WROTE = re.compile(rf"\b{attribution.one_of()}\b", re.I)
_WROTE_WORDS = attribution.stems()
# … an attribution line (``attribution.name``: any form, one wrapped over two lines too), short and giving a date or
# an address ("jane at example.org" as an archive hides it; "at" before other words is prose: "look at what he
# wrote:"), as mail software writes it
_LONGEST_ATTRIBUTION = 280  # characters
_GIVEN = re.compile(r"\d|@|\sat\s[\w-]+\.\w")
# where Gmail's, no word in it, stands: "2015-11-21 13:05 GMT+01:00 NAME <ADDRESS>:"
_DATED = re.compile(rf"^[ \t]*(?:{attribution.DATE_FIRST.pattern})$", re.M)
# … and the address alone on its line, under Gmail's line wrapped before it ("DATE NAME" over "<ADDRESS>:")
_ADDRESS_ALONE = re.compile(rf"^[ \t]*{attribution.ADDRESSED}$", re.M)
# what may open an attribution's line, or stand on the line under it where the line is wrapped (``unmarked_quote``)
_OPENING = re.compile(rf"{_WROTE.pattern}|{_DATED.pattern}|{_ADDRESS_ALONE.pattern}", re.I | re.M)
_FIELDS_UNDER = 4  # lines under "From:" where an unmarked header's other fields stand
_BLANK = re.compile(r"\n[ \t]*\n")
_MARKED_LINE = re.compile(QUOTE_MARKS.pattern, re.M)
_UNMARKED_LINE = re.compile(r"^[ \t]*(\S(?:[^\n]*\S)?)", re.M)  # a line's text, without the blanks around it


def _marked_blocks(text: str) -> list[PostQuote]:
    """Each block of quoted lines (consecutive lines marked alike deep, blank marked lines inside it), from its first
    line's words to its last's; and the words after an inline ">>" in an unmarked line, each a quote."""
    out: list[PostQuote] = []
    block: list[int] | None = None  # start, end, depth
    at = 0
    for line in text.split("\n"):
        end = at + len(line)
        marks = QUOTE_MARKS.match(text, at, end) if ">" in line else None
        words = line[marks.end() - at :].rstrip() if marks else ""
        depth = marks.group().count(">") if marks else 0
        if block and (not marks or (words and depth != block[2])):
            out.append(PostQuote(block[0], block[1], True))
            block = None
        if marks and words:
            if block is None:
                block = [marks.end(), 0, depth]
            block[1] = marks.end() + len(words)
        elif not marks and ">" in line:
            inline = _INLINE.finditer(text, at, end)
            out += [PostQuote(m.start(1), m.end(1), True) for m in inline if m.group(1).strip()]
        at = end + 1
    if block:
        out.append(PostQuote(block[0], block[1], True))
    return out


def quote_lines(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """The lines of a quote (a block of marked lines, or one line), each from its words' start to its end."""
    out = []
    at = start
    while at < end:
        stop = text.find("\n", at, end)
        stop = end if stop < 0 else stop
        marks = QUOTE_MARKS.match(text, at, stop) if at > start else None
        begin = marks.end() if marks else at
        if text[begin:stop].strip():
            out.append((begin, len(text[:stop].rstrip())))
        at = stop + 1
    return out


def normalise(text: str) -> str:
    """Lower-case words only: quoted text is compared across posts ignoring punctuation and spacing."""
    return " ".join(re.findall(r"\w+", text.lower()))


def in_quotation_marks(text: str) -> tuple[str, ...]:
    """The normalised words of each span ``text`` writes in quotation marks: words a comment repeats from elsewhere
    (a song's title, a phrase), so a later comment quoting only them does not quote that comment."""
    if '"' not in text and "“" not in text:
        return ()
    return tuple(normalise(match.group(match.lastindex or 0)) for match in _MARKED.finditer(text))


def unmarked_quote(text: str, marks_taken: bool = False) -> tuple[int, int] | None:
    """Where a quoted mail without ">" marks stands under a mail's own ``text`` (a mail answering above the one it
    quotes): its header's start and its first quoted line's, or None. The header is "-----Original Message-----"
    or a "From:" line with two more fields under it (the quoted lines start after the blank line that ends them),
    or an attribution line with no marked line after it. A header opening the mail stands over an answer between
    quoted lines, as does an attribution where the reader has taken the marked lines out (``marks_taken``)."""
    low = text.lower()  # the words of a rule line or an attribution are looked for first: most mails have none
    own = len(text) - len(text.lstrip())  # where the mail's own text starts
    found = next((m for m in _ORIGINAL.finditer(text) if m.start() > own), None) if "original message" in low else None
    for header in _FROM_FIELD.finditer(text, own + 1, found.start() if found else len(text)):
        if _fields_under(text, header.end()) >= 2:
            found = header
            break
    # an attribution above the header found (Gmail's, no word in it, gives an address)
    if not marks_taken and ("@" in text or " at " in low or any(word in low for word in _WROTE_WORDS)):
        marked = -1  # the start of the first marked line under the latest attribution
        at, end = own + 1, found.start() if found else len(text)
        while word := _OPENING.search(text, at, end):  # each line holding the words once: a line of them is one
            line = text.rfind("\n", 0, word.start()) + 1  # the line the word stands in, read from its start
            ends = _attribution_end(text, line) if line > own else None
            if ends is None and line > own + 1:  # one wrapped at its verb or before its address, from the line above
                above = text.rfind("\n", 0, line - 1) + 1
                if above > own and (ends := _attribution_end(text, above)) is not None:
                    line = above
            if ends is not None and marked < ends:
                under = _MARKED_LINE.search(text, ends) if ">" in text else None
                if under is None:
                    return line, min(ends + 1, len(text))
                marked = under.start()
            at = text.find("\n", word.end()) + 1 or end
    if found:
        blank = _BLANK.search(text, found.end())
        return found.start(), blank.end() if blank else len(text)
    return None


def _attribution_end(text: str, line: int) -> int | None:
    """Where the attribution starting at ``line`` ends (a wrapped one on the line under it), or None when no short,
    unmarked attribution giving a date or an address starts there."""
    first = text.find("\n", line)
    first = len(text) if first < 0 else first
    if first - line > _LONGEST_ATTRIBUTION or _MARKED_LINE.match(text, line, first):
        return None
    second = text.find("\n", first + 1)
    lines = text[line : second if second >= 0 else len(text)]
    found = next(attribution.attributions(lines), None)
    if found is None or found[0] > 0 or not _GIVEN.search(lines, 0, found[1]):
        return None
    return line + found[1]


def _fields_under(text: str, at: int) -> int:
    """How many of the ``_FIELDS_UNDER`` lines under the line at ``at`` are a mail header's fields."""
    count, end = 0, text.find("\n", at)
    for _ in range(_FIELDS_UNDER):
        if end < 0:
            break
        count += _FIELD.match(text, end + 1) is not None
        end = text.find("\n", end + 1)
    return count


def find_post_quotes(text: str, marks_taken: bool = False) -> list[PostQuote]:
    """Quoted passages of other posts in ``text`` (each block of ">" lines, what follows an inline ">>", a quoted
    mail without marks: ``unmarked_quote``); a text without the marks or a colon is not scanned further (most
    comments)."""
    out = []
    if ">" in text:
        out = _marked_blocks(text)
    if ":" in text and (unmarked := unmarked_quote(text, marks_taken)):  # the quoted mail, one quote
        lines = [m for m in _UNMARKED_LINE.finditer(text, unmarked[1]) if not m.group(1).startswith(">")]
        if lines:
            out.append(PostQuote(lines[0].start(1), lines[-1].end(1), True))
    if '"' not in text and "“" not in text:
        return out
    for match in _QUOTE.finditer(text):
        group = 1 if match.group(1) is not None else 2
        if len(match.group(group).split()) >= 6:
            out.append(PostQuote(match.start(group), match.end(group), False))
    return out
