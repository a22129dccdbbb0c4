"""Dates written with their month's name ("March 3, 2020", "3 Mar 2020", "JULY 2022"), in one place so the views'
date filters (``views.scope``) and the labelled pages' bylines (``sources.labelled``) read the same.

A leaf module: sources and views both read it and neither reads the other.
"""

from __future__ import annotations

from datetime import date, datetime

__all__ = ["month_date"]

_DAY = ("%d %B %Y", "%B %d, %Y", "%b %d, %Y", "%d %b %Y")
_MONTH = ("%B %Y",)


def month_date(text: str, *, month_alone: bool = False) -> date | None:
    """The day a date written with its month's name gives, None if it is none; with ``month_alone``, a month and its
    year read too, as its first day (a page's "JULY 2022", no post's time)."""
    for fmt in (*_DAY, *_MONTH) if month_alone else _DAY:
        try:
            return datetime.strptime(text, fmt).date()
        except ValueError:
            continue
    return None
