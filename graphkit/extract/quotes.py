"""Quoted speech and quoted posts.

Attributed speech: a quotation next to a speech verb and its speaker ("…," Lavrov said;
said Lavrov; Lavrov noted that "…"). A pronoun or role ("he", "the Foreign Minister") as the
speaker means the person last quoted or named in the same post; ``extractor`` resolves that.
Quoted posts: ">>"/">" quote markers and quotations that repeat an earlier comment.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

__all__ = ["Speech", "find_speech", "PostQuote", "find_post_quotes", "normalise"]

_VERBS = (
    r"said|says|say|noted|notes|stressed|stresses|added|adds|told|tells|stated|states|declared|explained|"
    r"warned|insisted|argued|claimed|wrote|writes|asked|replied|remarked|emphasised|emphasized|"
    r"underlined|pointed\s+out|continued|concluded|admitted|announced|commented"
)
_QUOTE = re.compile(r"“([^“”]{2,2000})”|\"([^\"\n]{2,2000})\"")
_SPEAKER = r"((?:[Tt]he\s+)?(?:[A-Z][\w’'.-]*\s+){0,4}[A-Z][\w’'.-]*|[Hh]e|[Ss]he|[Tt]hey)"
_AFTER_SPEAKER_VERB = re.compile(r"^[,\s]*" + _SPEAKER + r"\s+(?:" + _VERBS + r")\b")
_AFTER_VERB_SPEAKER = re.compile(r"^[,\s]*(?:" + _VERBS + r")\s+" + _SPEAKER)
_BEFORE = re.compile(_SPEAKER + r"\s+(?:also\s+|then\s+)?(?:" + _VERBS + r")(?:\s+that)?[,:]?\s*$")
_BEFORE_NOTING = re.compile(r"\b(?:noting|adding|saying|stressing|stating|warning)(?:\s+that)?[,:]?\s*$")
_PRONOUNS = {"he", "she", "they"}


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


def find_speech(text: str) -> list[Speech]:
    """Quotations attributed to a speaker in ``text``."""
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
        if (m := _AFTER_SPEAKER_VERB.match(after)) or (m := _AFTER_VERB_SPEAKER.match(after)):
            found = _speaker(m, match.end())
        elif m := _BEFORE.search(before):
            found = _speaker(m, match.start() - len(before))
        elif _BEFORE_NOTING.search(before) and last:
            found = (last[0], last[1], last[2], True)
        if found:
            last = found
            out.append(Speech(q_start, q_end, *found))
    return out


@dataclass(frozen=True)
class PostQuote:
    """Text a comment quotes from another post, marked by ">>"/">" or repeated in quotation marks."""

    start: int
    end: int
    marked: bool  # a quote marker, not only quotation marks


_MARKER = re.compile(r"(?:^|(?<=\s))>>?[ \t]*([^\n]+)", re.M)


def normalise(text: str) -> str:
    """Lower-case words only: quoted text is compared across posts ignoring punctuation and spacing."""
    return " ".join(re.findall(r"\w+", text.lower()))


def find_post_quotes(text: str) -> list[PostQuote]:
    """Quoted passages of other posts in ``text`` (each ">" line, or what follows an inline ">>"); a text
    without the marks is not scanned (most comments)."""
    out = []
    if ">" in text:
        out = [PostQuote(m.start(1), m.end(1), True) for m in _MARKER.finditer(text) if m.group(1).strip()]
    if '"' not in text and "“" not in text:
        return out
    for match in _QUOTE.finditer(text):
        group = 1 if match.group(1) is not None else 2
        if len(match.group(group).split()) >= 6:
            out.append(PostQuote(match.start(group), match.end(group), False))
    return out
