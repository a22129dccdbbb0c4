"""Whether the posts searched for entities read as English (``Extractor.languages``), on real exports: the entity model
is English, so a run whose posts are mostly in another language says so once. The scripts each post is written in are
counted here from its text by the letters' Unicode names, and English function words not at all."""

from __future__ import annotations

import json
import re
import unicodedata
from collections import Counter
from pathlib import Path

import pytest

from graphkit.extract import Extractor
from graphkit.extract.languages import FUNCTION_WORDS, Languages, script
from graphkit.extract.parsed import parsed
from graphkit.sources import Report, expand_inputs, read_posts

pytestmark = pytest.mark.usefixtures("entity_model")

DATA = Path(__file__).parent.parent / "data"
EXAMPLE = DATA / "palmyra-lavrov-thread.txt"
ARABIC = DATA / "trial" / "telegram-scraper-from-hebron-40.json"
RUSSIAN = DATA / "trial" / "telegram-channel-pachum.json"
SPANISH = DATA / "real" / "reddit" / "turing-test-spaineconomics-thread.json"
GERMAN = DATA / "trial" / "twitter-api-v2-tweets.jsonl"
TWEETS = DATA / "trial" / "twarc2-user-timeline-page.jsonl"
SKEETS = DATA / "trial" / "bluesky-search-posts.json"
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


def _script(text: str) -> str | None:
    return script(parsed(Extractor().nlp(text), text))


def _tagged_english() -> list[str]:
    """The texts of the posts their platform tags English: the tweets of a twarc2 page (``lang``, its referenced
    tweets too) and the posts a Bluesky search answered (``langs``, as their writers' apps set it)."""
    page = json.loads(TWEETS.read_text(encoding="utf-8"))
    tweets = page["data"] + page["includes"]["tweets"]
    posts = json.loads(SKEETS.read_text(encoding="utf-8"))["posts"]
    return [t["text"] for t in tweets if t.get("lang") == "en"] + [
        p["record"]["text"] for p in posts if p["record"].get("langs") == ["en"]
    ]


@pytest.mark.parametrize(
    "text",
    [
        "Breaking: Senate passes sweeping climate bill after marathon overnight session, heads to House",
        "Federal Reserve holds interest rates steady amid cooling inflation data",
        "Huge news today #AI #MachineLearning #DeepLearning #DataScience #Tech #Innovation #Future",
        "Great product, fast shipping, highly recommend, five stars, excellent quality, arrived early",
    ],
)
def test_a_headline_hashtags_or_a_terse_review_read_as_english(text):
    """Headlines, hashtag tweets and reviews write few function words (under a fifth of their words here), yet most
    of their words are common English ones, hashtags' parts ("MachineLearning") included."""
    words = [token for token in Extractor().nlp(text) if token.is_alpha]
    assert len(words) >= 8 and sum(token.is_stop for token in words) < FUNCTION_WORDS * len(words)
    assert _script(text) == ""


def test_posts_their_platform_tags_english_read_as_english():
    """Every tweet of a twarc2 page and every post of a Bluesky search tagged English, long enough to tell, reads
    as English (a tweet "@pmje73 true! i gotta find appropriate mayweyaher pic" once read as another language)."""
    texts = _tagged_english()
    told = [text for text in texts if _script(text) is not None]
    assert len(texts) > 70 and len(told) > 40
    assert [text for text in told if _script(text)] == []


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("①②③④⑤⑥⑦⑧⑨⑩⑪⑫⑬⑭⑮⑯⑰⑱⑲⑳ are the steps", None),
        ("Ⅰ Ⅱ Ⅲ Ⅳ Ⅴ Ⅵ Ⅶ Ⅷ Ⅸ Ⅹ Ⅺ Ⅻ " * 2 + "in chapter list", None),
        ("Let α β γ δ ε ζ η θ ι κ λ μ ν ξ ο π ρ σ τ υ be angles of the polygon we drew", ""),
        ("これは日本語の文章です。とても長い文章を書いています。今日は天気がいいですね。", "Japanese"),
        ("東京は日本の首都であり、世界で最も人口の多い都市圏の一つとして知られている。", "Japanese"),
        ("原名：魔法少女まどか☆マギカ 译名：魔法少女小圆、魔法少女小圆☆魔力、魔法少女圆香 地区：日本 首播时间", "Han"),
        ("α и β: сегодня в Москве прошла большая встреча", "Cyrillic"),
    ],
)
def test_numerals_are_no_letters_and_a_script_is_named_by_most_of_its_letters(text, expected):
    """Circled digits and Roman numerals are no script's letters; Japanese, written in Chinese characters and kana
    together, is named Japanese whichever letter opens it, a Chinese post quoting a Japanese title Han; Greek letters
    naming a formula's angles leave an English post English, and a Russian post opening with two stays Cyrillic."""
    assert _script(text) == expected


def test_a_run_of_inputs_each_too_few_to_tell_is_said_as_a_whole():
    """A channel saved day by day, two of four posts a day in Arabic: no day holds enough to tell alone (``FEWEST``),
    the run does, and says so of all its posts, as a run of one input holding them all."""
    days, whole = Languages(), Languages()
    for day in range(4):
        for found in ("Arabic", "Arabic", "", ""):
            days.add(found, f"channel-day-{day}.json")
            whole.add(found)
    assert days.line() == whole.line() is not None
    assert days.line().startswith("8 of 16 posts long enough to tell look not English (Arabic script)")
