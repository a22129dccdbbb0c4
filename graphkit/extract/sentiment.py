"""Tone of a sentence from VADER, a lexicon model whose data ships with its package."""

from __future__ import annotations

from functools import cache, lru_cache

__all__ = ["sentiment"]


@cache
def _analyzer():
    from vaderSentiment.vaderSentiment import SentimentIntensityAnalyzer

    return SentimentIntensityAnalyzer()


@lru_cache(maxsize=8192)
def sentiment(sentence: str) -> float:
    """VADER compound score in [-1, 1] (cached: one sentence often holds several mentions)."""
    return float(_analyzer().polarity_scores(sentence)["compound"])
