"""Defaults of the load options, kept apart from the modules that use them so the CLI can show them
in its options without importing the load path (``graphkit view`` and ``query`` never read input)."""

__all__ = ["DEFAULT_BATCH", "DEFAULT_MAX_EXPANSION"]

# Posts per batch. The embedded store's commit costs about half a second whatever its size (it
# rewrites the regions a batch touches), so larger batches load faster: 4,200 posts/s at 10,000
# against 1,800 at 2,000 for a structure-only load, for ~80 MB more memory.
DEFAULT_BATCH = 10_000
# Compressed inputs may expand this many times the compressed bytes read: Reddit dumps (.zst) expand
# 10-15x, while a decompression bomb expands 1,000x (gzip's most) and more.
DEFAULT_MAX_EXPANSION = 100.0
