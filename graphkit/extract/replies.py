"""Which post a comment answers, when the input does not say.

Cues, strongest first: the comment repeats an earlier comment's text (quote); it addresses a
participant by name ("Brad I hope…"); it thanks for a link ("Thank you for the link" → the
last comment that gave one); it speaks to "you"/"your post" (→ the previous comment by
someone else, unless the "you" is a public figure addressed by name, "Thank you, Mr X");
two users are taking turns (B answered A, A writes next → A answers B). Without a cue the
comment answers the article, with low confidence. Each rule returns its evidence span.
"""

from __future__ import annotations

import re
from collections import deque
from dataclasses import dataclass, field

from .authors import AuthorRef
from .quotes import normalise

__all__ = ["Reply", "ThreadContext", "infer_reply", "CONFIDENCE", "QUOTES_COMPARED"]

CONFIDENCE = {
    "explicit": 1.0,
    "parent-missing": 0.5,
    "quote": 0.9,
    "address": 0.85,
    "thanks-link": 0.8,
    "second-person": 0.6,
    "turn-taking": 0.5,
    "mention": 0.4,
    "default": 0.2,
}
_THANKS_LINK = re.compile(
    r"\b(?:thanks?|thank\s+you|thx|cheers)\b[^.!?\n]{0,40}?\b(?:link|links|video|clip|article|source|url|post)\b", re.I
)
_SECOND_PERSON = re.compile(r"\b(?:you|your|yours|you're|you’re|you've|you’ve|you'd|you’d|u|ur)\b", re.I)
_QUOTED = re.compile(r"“[^”]*”|\"[^\"\n]*\"")
_VOCATIVE = re.compile(
    r"(?:\b(?:thank\s+you|thanks|dear|hey|well|unfortunately|sorry)\b,?\s*)?"
    r"\b(?:Mr|Mrs|Ms|Dr|President|Minister|Sir|Madam|Prof)\.?\s+[A-Z][\w’'-]+(?:\s+[A-Z][\w’'-]+)?\s*(?:,|\s+(?:I|you)\b)"
    r"|\bthank\s+you,\s+[A-Z][\w’'-]+",
    re.I,
)
_HISTORY = 200
# Quotes are looked for in the first ``_KEPT`` characters of each recent comment's words, and only a
# comment's first ``QUOTES_COMPARED`` quotations are looked for, so finding them costs the same for
# a post of any length (a wall of quoted lines, or a thread of long posts quoting each other).
_KEPT = 20_000
QUOTES_COMPARED = 100
_OPENING = 300  # "you" further into a comment is usually generic ("you can't trust them")


@dataclass
class Reply:
    target: str
    rule: str
    evidence: str
    start: int | None
    end: int | None

    @property
    def confidence(self) -> float:
        return CONFIDENCE[self.rule]


@dataclass
class _Seen:
    id: str
    author: str | None
    has_link: bool
    words: str
    replied_to_author: str | None


@dataclass
class ThreadContext:
    """The recent comments of one thread, in order (bounded, so long streams stay small)."""

    root: str
    recent: deque[_Seen] = field(default_factory=lambda: deque(maxlen=_HISTORY))

    def add(self, post_id: str, author: str | None, text: str, has_link: bool, replied_to: str | None) -> None:
        target_author = next((s.author for s in self.recent if s.id == replied_to), None)
        self.recent.append(_Seen(post_id, author, has_link, normalise(text)[:_KEPT], target_author))

    def previous_other(self, author: str | None) -> _Seen | None:
        """The last comment by someone else (anonymous writers count as different people)."""
        return next((s for s in reversed(self.recent) if author is None or s.author != author), None)

    def latest_by(self, author: str) -> _Seen | None:
        return next((s for s in reversed(self.recent) if s.author == author), None)

    def containing(self, quoted: str) -> _Seen | None:
        words = normalise(quoted)
        if len(words) < 12:
            return None
        return next((s for s in reversed(self.recent) if words in s.words), None)


def _first(text: str, pattern: re.Pattern[str]) -> re.Match[str] | None:
    """First match outside quotation marks."""
    blanked = _QUOTED.sub(lambda m: " " * len(m.group()), text)
    return pattern.search(blanked)


def infer_reply(
    text: str,
    author: str | None,
    ctx: ThreadContext,
    refs: list[AuthorRef],
    quotes: list[tuple[int, int]],
) -> Reply:
    """The best-supported target of a comment with no stated parent."""
    for start, end in quotes[:QUOTES_COMPARED]:
        seen = ctx.containing(text[start:end])
        if seen:
            return Reply(seen.id, "quote", text[start:end], start, end)
    for ref in refs:
        if ref.addressed and (seen := ctx.latest_by(ref.name)):
            return Reply(seen.id, "address", text[ref.start : ref.end], ref.start, ref.end)
    if m := _THANKS_LINK.search(text):
        seen = next((s for s in reversed(ctx.recent) if s.has_link and (author is None or s.author != author)), None)
        if seen:
            return Reply(seen.id, "thanks-link", m.group(), m.start(), m.end())
    m = _first(text[:_OPENING], _SECOND_PERSON)
    if m and not _VOCATIVE.search(text[: m.end() + 60]) and (seen := ctx.previous_other(author)):
        return Reply(seen.id, "second-person", m.group(), m.start(), m.end())
    last = ctx.recent[-1] if ctx.recent else None
    if author and last and last.author and last.author != author and last.replied_to_author == author:
        return Reply(last.id, "turn-taking", "", None, None)
    for ref in refs:
        if seen := ctx.latest_by(ref.name):
            return Reply(seen.id, "mention", text[ref.start : ref.end], ref.start, ref.end)
    return Reply(ctx.root, "default", "", None, None)
