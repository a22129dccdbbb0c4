"""How often a word is written in a language: wordfreq's Zipf values, read from compact tables.

``wordfreq`` ships its frequency lists in the wheel (nothing is downloaded). Its own lookup keeps each list as a
dictionary of Python strings (≈220 MB for the seven lists the entity rules read), so the lists are held here as
sorted UTF-8 blocks (≈41 MB) with wordfreq's tokenizer and arithmetic, giving the same Zipf values. The blocks are
kept in the user's cache folder, so a run reads them instead of building them (seven lists take seconds to build).

A leaf module: the entity rules and the text reader (is a line's word a common English word?) both read it.
"""

from __future__ import annotations

import contextlib
import itertools
import math
import os
import struct
import sys
import tempfile
from array import array
from collections.abc import Iterable, Iterator, Sequence
from functools import cache, lru_cache
from pathlib import Path

__all__ = ["COMMON_ZIPF", "cache_dir", "store", "zipf"]

COMMON_ZIPF = 3.3  # ~1 in 500,000 English words or more often: a common word, not a name


class _Bands:
    """One language's word list: its words sorted as UTF-8 in one block, and each word's frequency
    band in centibels below 1 (wordfreq's own quantisation).

    Building it from wordfreq's list takes about a second a language, at the start of every run, so
    the built table is kept in the user's cache folder (per wordfreq version) and read back from there."""

    _MAGIC = b"gkbands1"
    _HEADER = struct.Struct("<8sQQ")  # magic, words, block bytes; then ends ("I"), bands ("H"), block

    def __init__(self, block: bytes, ends: Sequence[int], bands: Sequence[int]) -> None:
        self._block, self._ends, self._bands = block, ends, bands

    @classmethod
    def build(cls, lang: str) -> _Bands:
        from wordfreq import available_languages, read_cBpack

        band_of = {
            word.encode(): band
            for band, bucket in enumerate(read_cBpack(available_languages()[lang]))
            for word in bucket
        }
        words = sorted(band_of)
        ends = array("I", itertools.accumulate(map(len, words)))
        return cls(b"".join(words), ends, array("H", map(band_of.__getitem__, words)))

    @classmethod
    def cached(cls, lang: str) -> _Bands:
        """The table from the cache, built and written there when missing or unreadable; built only,
        when the cache cannot be written."""
        from importlib.metadata import version  # here: a load without entities reads no table, nor needs this

        try:
            path = cache_dir() / f"wordfreq-{version('wordfreq')}-{lang}.{sys.byteorder}.bands"
        except OSError:
            return cls.build(lang)
        with contextlib.suppress(OSError, struct.error), path.open("rb") as stored:
            magic, n, size = cls._HEADER.unpack(stored.read(cls._HEADER.size))
            if magic == cls._MAGIC and os.fstat(stored.fileno()).st_size == cls._HEADER.size + 6 * n + size:
                view = memoryview(stored.read(6 * n))
                block = stored.read(size)
                return cls(block, view[: 4 * n].cast("I"), view[4 * n :].cast("H"))
        table = cls.build(lang)
        with contextlib.suppress(OSError):
            table._write(path)
        return table

    def _write(self, path: Path) -> None:
        store(path, self._parts())

    def _parts(self) -> Iterator[bytes]:
        yield self._HEADER.pack(self._MAGIC, len(self._ends), len(self._block))
        yield bytes(self._ends)
        yield bytes(self._bands)
        yield self._block

    def _word(self, i: int) -> bytes:
        return self._block[self._ends[i - 1] if i else 0 : self._ends[i]]

    def band(self, word: str) -> int | None:
        key, lo, hi = word.encode(), 0, len(self._ends)
        while lo < hi:
            mid = (lo + hi) // 2
            if self._word(mid) < key:
                lo = mid + 1
            else:
                hi = mid
        return self._bands[lo] if lo < len(self._ends) and self._word(lo) == key else None


def cache_dir() -> Path:
    """graphkit's folder in the user's cache (``XDG_CACHE_HOME``, else ``~/.cache``); OSError where the user has
    neither (no home directory: a service's account), as for a cache that cannot be written."""
    if base := os.environ.get("XDG_CACHE_HOME"):
        return Path(base) / "graphkit"
    try:
        return Path.home() / ".cache" / "graphkit"
    except RuntimeError as exc:
        raise OSError(f"no cache folder: {exc}") from None


def store(path: Path, parts: Iterable[bytes]) -> None:
    """Writes ``parts`` (made as they are written) to ``path`` whole under a temporary name, then renames it: concurrent
    runs never read half a file, and a write that fails (a full disk) leaves no partial file behind in the user's
    cache."""
    path.parent.mkdir(parents=True, exist_ok=True)
    with tempfile.NamedTemporaryFile(dir=path.parent, prefix=path.name, delete=False) as out:
        try:
            out.writelines(parts)
            out.close()
            os.replace(out.name, path)
        except BaseException:
            out.close()
            Path(out.name).unlink(missing_ok=True)
            raise


@cache
def _bands(lang: str) -> _Bands:
    return _Bands.cached(lang)


@lru_cache(maxsize=1 << 15)
def zipf(word: str, lang: str) -> float:
    """``wordfreq.zipf_frequency(word, lang)``: tokens are looked up and combined (1/f = Σ 1/fᵢ),
    digits count as wordfreq counts them, and the result is rounded as wordfreq rounds it. Kept for the words
    last asked about: the entity rules ask about the same names span after span and post after post, and each
    lookup tokenises the word and searches the table."""
    from wordfreq import cB_to_freq, freq_to_zipf, zipf_to_freq
    from wordfreq.numbers import digit_freq, smash_numbers
    from wordfreq.tokens import lossy_tokenize

    floor = zipf_to_freq(0)
    inverse = 0.0
    tokens = lossy_tokenize(word, lang)
    for token in tokens:
        smashed = smash_numbers(token)
        band = _bands(lang).band(smashed)
        if band is None:
            return 0.0
        freq = cB_to_freq(-band) * (digit_freq(token) if smashed != token else 1.0)
        inverse += 1.0 / freq
    freq = max(1.0 / inverse, floor) if tokens else floor
    freq = round(freq, math.floor(-math.log(freq, 10)) + 3)  # three significant digits
    return round(freq_to_zipf(freq), 2)
