"""The compact word lists give exactly wordfreq's Zipf values."""

import random

import pytest
import wordfreq

from graphkit.extract.lexicon import OTHER_LANGUAGES, zipf

LANGS = ("en", *OTHER_LANGUAGES)


def sample(lang: str, n: int, seed: int) -> list[str]:
    words = list(wordfreq.iter_wordlist(lang))
    return random.Random(seed).sample(words, n)


@pytest.mark.parametrize("lang", LANGS)
def test_zipf_is_wordfreqs_for_listed_missing_and_multi_token_words(lang):
    words = sample(lang, 400, seed=len(lang)) + sample("en", 100, seed=7)
    words += [w + "s" for w in words[:100]]  # mostly not listed
    words += ["al-qaeda", "o'brien", "f-16s", "covid-19", "1990s", "2014", "straße", "ñandú", "", "-", "zzqxv"]
    got = {w: zipf(w, lang) for w in words}
    assert got == {w: wordfreq.zipf_frequency(w, lang) for w in words}
    assert len(set(got.values())) > 50 and 0.0 in got.values()  # many bands seen, and absent words


@pytest.mark.parametrize(
    ("word", "expected"),
    [("Defunct", "common"), ("Nietzsche", "name"), ("Graeter", "rare"), ("Putin", "name")],
)
def test_an_english_word_no_other_language_writes_is_common(word, expected):
    """Names travel: a word of some frequency in English that none of six other languages writes is a word."""
    from graphkit.extract.lexicon import kind

    assert kind(word).value == expected


@pytest.mark.parametrize("word", ["news", "Machine", "data", "today"])
def test_an_english_word_other_languages_borrow_is_english_though_no_common_word(word):
    """ "news", "machine", "data" are written in German or French text too, so no ``Kind.COMMON`` word (a capitalised
    one may be a name), yet English's words in a post, as "today" is."""
    from graphkit.extract.lexicon import Kind, english, kind

    assert english(word)
    assert (kind(word) is Kind.COMMON) is (word == "today")


@pytest.mark.parametrize("word", ["la", "und", "AI", "Gracias"])
def test_another_languages_word_is_not_english(word):
    """ "la", "und", "gracias" and "ai" (French "have") are other languages' words, whatever English writes of them."""
    from graphkit.extract.lexicon import english

    assert not english(word)


def test_the_tables_read_back_from_the_cache_are_the_built_ones(tmp_path, monkeypatch):
    """Built once, a language's table is read from the user's cache after; a damaged file is built again."""
    from graphkit.frequency import _Bands

    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    built = _Bands.build("pt")
    words = sample("pt", 2000, seed=3) + sample("en", 200, seed=3) + ["zzqxv", "", "ñandú"]
    expected = [built.band(w) for w in words]
    assert any(b is None for b in expected) and len(set(expected)) > 50
    written = _Bands.cached("pt")
    (stored,) = (tmp_path / "graphkit").iterdir()
    size = stored.stat().st_size
    for damage in (b"", stored.read_bytes()[:-1], b"x" * size):
        read = _Bands.cached("pt")
        assert [read.band(w) for w in words] == expected == [written.band(w) for w in words]
        stored.write_bytes(damage)
    assert [_Bands.cached("pt").band(w) for w in words] == expected
    assert stored.stat().st_size == size  # written again


class _FullDisk:
    """A table part whose bytes cannot be written, as on a full disk."""

    def __bytes__(self) -> bytes:
        raise OSError(28, "No space left on device")

    def __len__(self) -> int:
        return 1


@pytest.mark.parametrize("failing", ["write", "rename"])
def test_a_table_that_cannot_be_written_leaves_nothing_in_the_cache(tmp_path, monkeypatch, failing):
    """A failed write or rename still gives the built table, and no temporary file is left in the cache folder."""
    import graphkit.frequency as frequency

    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    table = frequency._Bands(b"ab", [2], [7])
    if failing == "write":
        table._ends = _FullDisk()
    else:
        monkeypatch.setattr(frequency.os, "replace", lambda *_: bytes(_FullDisk()))
    with pytest.raises(OSError):
        table._write(frequency.cache_dir() / "table.bands")
    assert list((tmp_path / "graphkit").iterdir()) == []


def test_without_a_home_directory_the_tables_are_built_and_nothing_is_cached(monkeypatch):
    """A service's account with neither ``XDG_CACHE_HOME`` nor a home directory builds the tables each run, as where
    the cache cannot be written, where it stopped with the lookup's RuntimeError."""
    from pathlib import Path

    from graphkit import frequency
    from graphkit.extract import casing

    def homeless() -> Path:
        raise RuntimeError("Could not determine home directory.")

    monkeypatch.delenv("XDG_CACHE_HOME", raising=False)
    monkeypatch.setattr(Path, "home", staticmethod(homeless))
    monkeypatch.setattr(frequency, "store", lambda *_: pytest.fail("written to a cache"))
    monkeypatch.setattr(casing, "store", lambda *_: pytest.fail("written to a cache"))
    with pytest.raises(OSError, match="no cache folder"):
        frequency.cache_dir()
    assert frequency._Bands.cached("pt").band("obrigado") == frequency._Bands.build("pt").band("obrigado")
    assert "malaria" in casing._lowered.__wrapped__(casing._LOWER_LEAD)
