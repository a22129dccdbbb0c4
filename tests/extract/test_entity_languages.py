"""Whether the posts searched for entities read as English (``Extractor.languages``), on real exports: the entity model
is English, so a run whose posts are mostly in another language says so once. The scripts each post is written in are
counted here from its text by the letters' Unicode names, and English function words not at all."""

from __future__ import annotations

import re
import unicodedata
from collections import Counter
from pathlib import Path

import pytest

from graphkit.extract import Extractor
from graphkit.sources import Report, expand_inputs, read_posts

pytestmark = pytest.mark.usefixtures("entity_model")

DATA = Path(__file__).parent.parent / "data"
EXAMPLE = DATA / "palmyra-lavrov-thread.txt"
ARABIC = DATA / "trial" / "telegram-scraper-from-hebron-40.json"
RUSSIAN = DATA / "trial" / "telegram-channel-pachum.json"
SPANISH = DATA / "real" / "reddit" / "turing-test-spaineconomics-thread.json"
GERMAN = DATA / "trial" / "twitter-api-v2-tweets.jsonl"
ENGLISH = [
    EXAMPLE,
    DATA / "entities" / "nyt-clinton-foundation-200.jsonl",
    DATA / "real" / "mbox" / "mapnik-devel-2009-March.txt",
]


def _texts(path: Path) -> list[str]:
    return [post.text for post in read_posts(expand_inputs([str(path)]), report=Report())]


def _run(path: Path) -> Extractor:
    extractor = Extractor(workers=1)
    extractor.extract(list(read_posts(expand_inputs([str(path)]), report=Report())))
    return extractor


def _scripts(text: str) -> Counter[str]:
    """The letters of ``text`` by the script their Unicode names open with ("ARABIC LETTER MEEM": ARABIC)."""
    return Counter(unicodedata.name(ch, "?").split()[0] for ch in text if ch.isalpha())


def _written_in(text: str, script: str) -> bool:
    """Whether most of the letters of ``text``, and 20 at least, are of ``script``."""
    letters = _scripts(text)
    return letters[script] >= 20 and 2 * letters[script] > letters.total()


@pytest.mark.parametrize(("path", "script", "name"), [(ARABIC, "ARABIC", "Arabic"), (RUSSIAN, "CYRILLIC", "Cyrillic")])
def test_a_channel_in_another_script_is_said_to_be_read_by_an_english_model(path, script, name):
    """trial F13: 40 Arabic posts naming Sinwar, Gaza, Hezbollah, Biden and Netanyahu gave 0 entities and nothing said
    why; every post holding 20 Arabic letters is now counted as written in them, and the run says so in one line. The
    Russian channel's one post with words links three sites: most of its letters are the links' Latin ones, its words
    Cyrillic."""
    texts = _texts(path)
    held = sum(_scripts(text)[script] >= 20 for text in texts)
    extractor = _run(path)
    assert held and extractor.languages.told == held
    assert extractor.languages.other == Counter({name: held})
    n = extractor.languages.told
    assert extractor.languages.line() == (
        f"{n} of {n} posts long enough to tell look not English ({name} script): entities are read by an English "
        "model and may be missing there"
    )


@pytest.mark.parametrize("path", [SPANISH, GERMAN])
def test_a_thread_in_another_language_of_latin_letters_is_said_to_be_not_english(path):
    """The Spanish thread of the trial ("España" an Organization) and ten German tweets: every letter is Latin, and
    every post with words enough to tell is in another language; posts of fewer than 8 words ("lol", a link) are not
    counted, those of 20 words or more are."""
    texts = _texts(path)
    assert all(set(_scripts(text)) <= {"LATIN"} for text in texts)
    words = [len(re.findall(r"[^\W\d_]+", text)) for text in texts]
    extractor = _run(path)
    told = extractor.languages.told
    assert sum(n >= 20 for n in words) <= told <= sum(n >= 8 for n in words)
    assert extractor.languages.other == Counter({"Latin": told})
    assert extractor.languages.line().startswith(f"{told} of {told} posts long enough to tell look not English (Latin")


@pytest.mark.parametrize("path", ENGLISH, ids=lambda p: p.stem)
def test_an_english_thread_says_nothing(path):
    """The example, a news site's comments and a mailing list: English, some posts quoting code or names alone, no
    line; no post of them is mostly in another script."""
    assert not any(_written_in(text, script) for text in _texts(path) for script in ("ARABIC", "CYRILLIC", "CJK"))
    extractor = _run(path)
    assert extractor.languages.told > 15
    assert extractor.languages.line() is None
    assert sum(extractor.languages.other.values()) < extractor.languages.told / 10
