"""Where a stream of posts is cut into batches, from each post's thread and text length alone: a load's batches, a
cluster's plan of them and the extraction's windows of entity resolution (``Extractor.extract_stream``) cut alike."""

from __future__ import annotations

from .defaults import DEFAULT_BATCH

__all__ = ["BATCH_CHARS", "WINDOW", "BatchCuts"]

# Characters of post text in one batch, at most. The embedded store writes a batch's nodes in one
# commit, and with its page cache (``BUFFER_POOL``, 256 MB) a commit of ~40 MB of text fails to be
# written to the file; 4 million characters stay below that even at 4 bytes a character.
BATCH_CHARS = 4_000_000
# The batch size whose batches are the windows of entity resolution: a load of the default size resolves batch by batch.
WINDOW = DEFAULT_BATCH


class BatchCuts:
    """Where ``batches`` starts a new batch, post by post, from each post's thread and text length
    alone: so a cluster can find the single-machine path's batches from a survey of its input."""

    def __init__(self, size: int = DEFAULT_BATCH) -> None:
        self.size = size
        self.posts = 0
        self.chars = 0
        self.thread: object = None

    def starts(self, thread: object, chars: int) -> bool:
        """Whether the post of ``thread`` with ``chars`` characters of text starts a new batch."""
        full = self.posts >= 4 * self.size or self.chars + chars > BATCH_CHARS
        new = bool(self.posts) and ((self.posts >= self.size and thread != self.thread) or full)
        if new:
            self.posts = self.chars = 0
        self.posts += 1
        self.chars += chars
        self.thread = thread
        return new
