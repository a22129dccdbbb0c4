"""References to other participants: a commenter named in a comment becomes a MENTIONS of that
``Author``, never a Person.

A full user name matches anywhere ("Poster 888mladen on …", "@alice"). The first word of a
multi-word user name ("Brad" for "Brad Isherwood") matches only where people address each
other: at the start of a comment, sentence or line, or after "@", and not as the start of a
longer capitalised name ("Brad Pitt").
"""

from __future__ import annotations

import re
from dataclasses import dataclass

__all__ = ["AuthorRef", "AuthorIndex"]


@dataclass(frozen=True)
class AuthorRef:
    start: int
    end: int
    name: str
    addressed: bool  # the participant is spoken to (vocative at a sentence start), not just named


class AuthorIndex:
    """Known user names per platform, grown as posts stream in."""

    def __init__(self) -> None:
        self._names: dict[str, set[str]] = {}
        self._patterns: dict[str, tuple[re.Pattern[str] | None, dict[str, str], dict[str, str]]] = {}

    def add(self, platform: str, name: str | None) -> None:
        if not name or not name.strip():
            return
        names = self._names.setdefault(platform, set())
        if name not in names:
            names.add(name)
            self._patterns.pop(platform, None)

    def names(self, platform: str) -> set[str]:
        return set(self._names.get(platform, ()))

    def _compiled(self, platform: str) -> tuple[re.Pattern[str] | None, dict[str, str], dict[str, str]]:
        if platform not in self._patterns:
            names = sorted(self._names.get(platform, ()), key=lambda n: (-len(n), n))
            full = {n.lower(): n for n in names}
            firsts: dict[str, list[str]] = {}
            for n in names:
                words = n.split()
                if len(words) > 1 and len(words[0]) > 2 and words[0][0].isupper():
                    firsts.setdefault(words[0].lower(), []).append(n)
            # a first name shared by two participants is ambiguous; a first name that is itself a
            # full user name is already covered
            first = {k: v[0] for k, v in firsts.items() if len(v) == 1 and k not in full}
            alternatives = [re.escape(n) for n in names] + [re.escape(k) for k in sorted(first, key=len, reverse=True)]
            pattern = (
                re.compile(r"(?<![\w@])@?(" + "|".join(alternatives) + r")(?![\w-])", re.I) if alternatives else None
            )
            self._patterns[platform] = (pattern, full, first)
        return self._patterns[platform]

    def find(self, text: str, platform: str, own: str | None = None) -> list[AuthorRef]:
        """Participants named in ``text`` (the writer's own name is skipped)."""
        pattern, full, first = self._compiled(platform)
        if pattern is None:
            return []
        refs = []
        for match in pattern.finditer(text):
            word = match.group(1)
            key = word.lower()
            at_sign = match.group().startswith("@")
            start = match.start(1) - at_sign
            lead = text[: match.start()].rstrip(" \t")
            at_start = not lead or lead[-1] in ".!?…\n:;>" or lead.endswith(("Hi", "Hey", "Dear", "Hello", "Thanks"))
            if key in full:
                name = full[key]
                if word != name and not at_sign and not name[:1].isdigit() and word[:1].islower() != name[:1].islower():
                    continue  # case differs on a capitalised name: a common word, not the user
            elif key in first and word[:1].isupper() and (at_start or at_sign):
                after = text[match.end() : match.end() + 40]
                if re.match(r"\s+[A-Z][a-z]", after) and not re.match(r"\s+I\b", after):
                    continue  # start of someone else's full name
                name = first[key]
            else:
                continue
            if name == own:
                continue
            after = text[match.end() : match.end() + 8]
            addressed = at_sign or (at_start and bool(re.match(r"\s*[,:!]|\s+(I|you|your)\b", after)))
            refs.append(AuthorRef(start, match.end(1), name, addressed))
        return refs
