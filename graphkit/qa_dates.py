"""The dates a question-and-answer site (Stack Exchange) signs a post with ("answered Jul 13 '18 at 15:34"), in one
place so the copied-page reader (``sources.qa_page``) and the reply cues (``extract.replies_page``) read the same.

A leaf module: sources and extract both read it and neither reads the other.
"""

from __future__ import annotations

__all__ = ["DATE"]

# "Jul 13 '18 at 15:34" on pages saved before late 2021, "Jul 13, 2018 at 15:34" after, this year's without the
# year; the last days' as "yesterday" or "3 hours ago"
DATE = (
    r"(?:[A-Z][a-z]{2}[ \t]+\d{1,2}(?:,[ \t]*\d{4}|[ \t]+'\d\d)?[ \t]+at[ \t]+\d{1,2}:\d\d"
    r"|yesterday|\d+[ \t]+(?:secs?|mins?|hours?|days?)[ \t]+ago)"
)
