"""Participants named in a comment: full handles anywhere, first names only where addressed."""

import json
import time
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from graphkit import schema
from graphkit.extract import authors
from graphkit.extract.authors import AuthorIndex, sign_offs
from graphkit.extract.extractor import Extractor
from graphkit.pipeline import extract_graph
from graphkit.sources import expand_inputs, read_posts


def index(*names):
    idx = AuthorIndex()
    for name in names:
        idx.add("web", name)
    return idx


def test_first_name_address_at_start():
    [ref] = index("Brad Isherwood", "888mladen").find("Brad I hope you read it.", "web", "888mladen")
    assert (ref.name, ref.start, ref.end, ref.addressed) == ("Brad Isherwood", 0, 4, True)


def test_handle_anywhere_and_not_addressed():
    text = "Poster 888mladen on Southfront shared it."
    [ref] = index("888mladen").find(text, "web", "Brad Isherwood")
    assert text[ref.start : ref.end] == "888mladen" and not ref.addressed


def test_first_name_inside_another_full_name_or_mid_sentence_is_not_a_reference():
    idx = index("Brad Isherwood")
    assert idx.find("Brad Pitt was in the film.", "web", None) == []
    assert idx.find("I met a guy called Brad yesterday.", "web", None) == []


def test_a_rare_given_name_inside_a_sentence_names_its_participant():
    """everything-list, 1998 (tests/data/entities): Hal Finney writes of the model Wei Dai, a writer of the
    thread, proposed; an everyday given name or a name introduced as someone new stays no one's."""
    idx = index("Hal Finney", "Wei Dai", "Brad Isherwood")
    text = "Maybe\nthis is in Wei's model where you input the coordinates of a region and\nthe TM produces the state"
    [ref] = idx.find(text, "web", "Hal Finney")
    assert (ref.name, text[ref.start : ref.end], ref.addressed) == ("Wei Dai", "Wei", False)
    for text in ("I met a guy called Wei yesterday.", "So Professor Wei said so.", "I think Brad is right."):
        assert idx.find(text, "web", "Hal Finney") == []


def test_own_name_and_other_platforms_are_ignored():
    idx = index("alice")
    assert idx.find("alice here, replying", "web", "alice") == []
    assert idx.find("alice said so", "reddit", None) == []


def test_at_sign():
    [ref] = index("Jane Doe").find("Good point @Jane, thanks", "web", None)
    assert ref.addressed and ref.name == "Jane Doe"


def test_many_participants_and_multi_word_names():
    idx = index(*[f"user{i}" for i in range(5000)], "John Whitehot")
    refs = idx.find("As John Whitehot and user4999 said, user12x is not a user.", "web", None)
    assert [r.name for r in refs] == ["John Whitehot", "user4999"]


def test_part_of_a_handle_matches_only_when_spoken_to():
    index = AuthorIndex()
    for name in ("ToffeeTom", "Bluenose_Bill"):
        index.add("web", name)
    assert [r.name for r in index.find("Tom you are wrong. Bill, look again.", "web")] == ["ToffeeTom", "Bluenose_Bill"]
    assert index.find("Tom Hanks was there. The Bill passed.", "web") == []


def test_own_account_in_another_case_is_ignored_where_names_ignore_case():
    idx = AuthorIndex()
    for name in ("Alice_K", "alice_k", "bob"):
        idx.add("reddit", name)
    refs = idx.find("alice_k and Alice_K both wrote to bob", "reddit", "Alice_K")
    assert [ref.name for ref in refs] == ["bob"]


_TRICKY = "aAbBkK _@.'’-\n1İKßéΣσςÉ,(\u0308юЮ\ud800x"
_WORDS = st.text(alphabet=_TRICKY, min_size=1, max_size=7)
_CASES = (str, str.upper, str.lower, str.title)


def _every_word(idx: AuthorIndex, text: str, **prefix: str) -> list:
    """What ``find`` finds reading every word of ``text``: no precheck of its runs, no word left out as holding none
    of the runs a key may start with."""
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(AuthorIndex, "_key_runs", lambda self, text, platform: {b""})
        patch.setattr(authors, "_words_holding", lambda text, runs: list(authors._WORD.finditer(text)))
        return idx.find(text, "web", **prefix)


@given(st.lists(st.lists(_WORDS, min_size=1, max_size=2).map(" ".join), min_size=1, max_size=5), st.data())
def test_the_precheck_never_hides_a_participant(names, data):
    """``find`` skips a text whose ASCII runs start no known name, and reads only the words holding a run a key
    starts with; it finds what reading every word finds, whatever the case mapping (İ, the Kelvin sign, final sigma)
    or the marks around the words ("@", "_", "'", ".", "-")."""
    idx = index(*names)
    said = st.tuples(st.sampled_from([w for n in names for w in n.split()] or ["x"]), st.sampled_from(_CASES))
    words = data.draw(st.lists(st.one_of(_WORDS, said.map(lambda pair: pair[1](pair[0]))), max_size=6))
    text = data.draw(st.sampled_from([" ", ", ", "'s ", "’s ", "İ", "K", "-", "_", "@", ".'"])).join(words)
    assert idx.find(text, "web") == _every_word(idx, text)


@pytest.mark.parametrize(
    "text",
    [
        "@user_48 you are wrong, and so is user_7.",  # a run shared by many keys, the key's longest run elsewhere
        "x.user_48 and __user_48, then @_user_48's point",  # the stretch of word characters around the run
        "ask 48user_48 or user_488 or user_48",  # runs that hold the run or are held in a longer one
        "ask Nato. Then sin.jin, @Sin: Tom, look.",  # short forms and parts of handles
    ],
)
def test_only_the_words_holding_a_key_run_are_read(text):
    """The words ``find`` reads are those holding, as a whole run of ASCII letters and digits, a key's longest run;
    it finds what reading every word finds."""
    idx = index("user_48", "user_7", "user_12345", "NATO 556", "sinjin", "ToffeeTom")
    refs = idx.find(text, "web", "user_7")
    assert refs == _every_word(idx, text, own="user_7")
    assert refs and authors._words_holding(text, idx._key_runs(text, "web")) != list(authors._WORD.finditer(text))


def _cpu(find, text):
    """The least CPU time of five calls of ``find`` on ``text`` (the least, so a busy machine's spikes fall out)."""
    times = []
    for _ in range(5):
        began = time.process_time()
        find(text, "web")
        times.append(time.process_time() - began)
    return min(times)


@pytest.mark.parametrize("text", ["lol." * 4000, "user_" * 3200, "a.user_48-" * 1600])
def test_a_long_word_holding_a_key_run_many_times_is_read_in_linear_time(text):
    """A word holding a key's run thousands of times ("lol.lol.lol…") is found once, from the start of its stretch,
    each hit walking back no further than the hit before it: it costs about what prose of its length costs, where
    walking back to the stretch's start from every hit took seconds (4 s for these 16,000 characters)."""
    idx = index("lol", "user_48", "Sam Hill")
    prose = ("Well lol, I think the council was wrong about the parks, user_48. " * 300)[: len(text)]
    assert idx.find(text, "web") == _every_word(idx, text)
    assert _cpu(idx.find, text) < 100 * _cpu(idx.find, prose)  # linear: ~2.5x; quadratic: ~1000x


@pytest.mark.parametrize(
    ("name", "text"),
    [
        ("İz", "ask İz"),
        ("KB", "ask \u212ab"),
        ("Юрий", "ask Юрий"),
        ("Zoë", "ask Zoë."),
        ("Юрий", "Юрий’s point"),
        ("tom", "I liked tom’s point"),
    ],
)
def test_names_the_ascii_precheck_cannot_see_are_found(name, text):
    """A text whose letters lower-case to ASCII (İ, the Kelvin sign) or a name of no ASCII letter is read word by
    word, a possessive's "'s" set apart as ``find`` does."""
    assert [ref.name for ref in index(name, "Юрий").find(text, "web")] == [name]


@pytest.mark.parametrize(
    ("writer", "text", "signed"),
    [
        # usenet-comp-lang-cobol-1999-12-80: initials, first and last, of the From header's name
        ("Michael Mattias", "Hey, we know about it; I have it installed. It works okay. Happy?\n\nMCM", "MCM"),
        # the same month: a nickname of the header's given name, and where the writer writes from
        (
            "James J. Gavan",
            "Bill Wood wrote:\n\nSo, Merant - why haven't we ALL got a copy of this bat file ?????\n\n"
            "Jimmy, Calgary AB",
            "Jimmy",
        ),
    ],
)
def test_a_sign_off_is_found_by_the_writers_shown_name(writer, text, signed):
    """A sign-off line after a blank line, a form of the writer's name; another writer's name there is none."""
    assert [text[start:end] for start, end in sign_offs(text, writer)] == [signed]
    assert sign_offs(text, "Bill Wood") == []


DATA = Path(__file__).parents[1] / "data"


def _mentions_of(path: Path, handle: str, **options: str) -> list[str]:
    """The words read as a MENTIONS of the Author ``handle`` in the file at ``path``, loaded without entities."""
    graph = extract_graph(read_posts(expand_inputs([str(path)]), options=options or None), Extractor(entities=False))
    [author] = [n for n, a in graph.nodes(data=True) if a.get("label") == schema.AUTHOR and a["name"] == handle]
    return [d["text"] for _, target, d in graph.edges(data=True) if target == author and d["type"] == schema.MENTIONS]


def test_a_title_in_a_handle_names_no_one_alone():
    """MusaShah100/YoutubeReditCrawler's comments (tests/data/trial): four YouTube comments open with "Sir" to the
    video's maker, on another page than the Reddit thread Sir_TF-BUNDY writes in; no comment writes the handle."""
    path = DATA / "trial" / "youtube-reddit-crawler-sir.jsonl"
    rows = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]
    assert sum(row["text"].startswith("Sir") for row in rows) == 4
    assert not any("Sir_TF-BUNDY" in row["text"] for row in rows)
    assert _mentions_of(path, "Sir_TF-BUNDY", thread="url") == []


@pytest.mark.parametrize(
    ("path", "handle", "opening"),
    [
        (DATA / "real" / "tabular" / "ausfinance-praw-comments.csv", "Sure-Record-8093", "Sure, but"),
        (DATA / "real" / "hackernews" / "hn-comments-200.jsonl", "YetAnotherNick", "Another, a bit"),
        (DATA / "entities" / "dailymail-labour-manifesto-67.jsonl", "Just Simple", "Just show you"),
    ],
)
def test_a_common_word_of_a_handle_names_no_one_alone(path, handle, opening):
    """A comment that opens with an everyday word that is also a part or the first word of a participant's name
    ("Sure, but they're still up", "Another, a bit less gray zone, distinction", "Just show you how thick journo's
    are") speaks to no one: the name is named only in full."""
    assert opening in path.read_text(encoding="utf-8")
    assert all(text.lstrip("@").lower() == handle.lower() for text in _mentions_of(path, handle))


@pytest.mark.parametrize(
    ("names", "text", "name"),
    [
        (("Will Hunting", "888mladen"), "@Will you missed it", "Will Hunting"),
        (("Hope Solo", "888mladen"), "@Hope you saw the save", "Hope Solo"),
        (("June Carter", "888mladen"), "@June thanks for the link", "June Carter"),
        (("GoodGuy", "888mladen"), "@Guy thanks for the link", "GoodGuy"),
    ],
)
def test_an_at_sign_before_an_everyday_word_of_a_name_addresses_its_participant(names, text, name):
    """A first name or part of a handle that is also an everyday word ("Will", "Hope", "June", "Guy") names no one
    alone, but after an "@" it is an address all the same."""
    [ref] = index(*names).find(text, "web", "888mladen")
    assert (ref.name, ref.addressed) == (name, True)
