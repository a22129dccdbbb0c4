"""Extraction: people, places, organisations, participant references, quotes, links and replies.

One small module per kind of evidence (``entities``, ``aliases``, ``authors``, ``quotes``,
``links``, ``replies``, ``sentiment``); ``Extractor`` runs them over batches of posts.
"""

from .extractor import Extractor

__all__ = ["Extractor"]
