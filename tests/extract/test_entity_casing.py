"""A capitalised word English writes in lower case, with the model's label its one vote, is no name (issue 14):
"Malaria", "Troll", "Podcast" are as frequent in other languages as in English, so frequencies read them as names;
the cased word list says how English writes them."""

import gzip
import json
from functools import cache
from importlib.resources import files

import pytest

from graphkit import schema
from graphkit.census import first_name
from graphkit.extract.casing import common_noun, lower_case_word
from graphkit.extract.entities import Mention
from graphkit.extract.lexicon import Kind, kind
from graphkit.extract.plausible import plausible
from tests.extract.entity_texts import entities_in, label_of

WORDS = ["Malaria", "Troll", "Podcast", "Blank", "Beauty", "Putin", "Trump", "Harvard", "Lagos", "Africa"]


def _probabilities() -> dict[str, float]:
    with gzip.open(files("spacy_lookups_data").joinpath("data", "en_lexeme_prob.json.gz").open("rb")) as stored:
        return json.load(stored)


def test_a_word_the_list_writes_in_lower_case_far_more_often_is_a_lower_case_word():
    prob = _probabilities()
    lower = [w for w in WORDS if prob[w.lower()] - prob[w] > 2.0]  # over 7× as often in lower case
    capital = [w for w in WORDS if prob[w] >= prob[w.lower()]]
    assert lower and capital
    assert all(lower_case_word(w) for w in lower)
    assert not any(lower_case_word(w) for w in capital)


def test_only_a_capitalised_word_is_judged():
    assert not lower_case_word("malaria")
    assert not lower_case_word("MALARIA")


@pytest.mark.usefixtures("entity_model")
@pytest.mark.parametrize(
    ("text", "junk"),
    [
        ("Donate to fight Malaria in Africa, it saves lives.", "Malaria"),
        ("He just left it Blank and walked away.", "Blank"),
    ],
)
def test_a_lower_case_word_with_the_model_label_alone_is_no_entity(text, junk):
    assert label_of(entities_in(text), junk) is None


@pytest.mark.usefixtures("entity_model")
def test_a_lower_case_word_with_its_own_evidence_stays():
    """A word the words around say what it names stays: "Hope", written in lower case far more often, is a given name
    of the lists, after a word for kin."""
    assert lower_case_word("Hope")
    assert label_of(entities_in("My sister Hope said no."), "Hope") == "Person"


def test_a_lower_case_word_a_rule_votes_for_is_judged_as_before():
    """The model's label alone is what the rule weighs: a rule's vote (a site's web address, which says no more than
    "Organization", no cue) leaves the word to the rules after it, which keep "Malaria" (a name other languages
    write alike)."""
    alone = Mention(0, 7, "Malaria", "Malaria", model="ORG")
    alone.vote(schema.ORGANIZATION, 1.0, "model ORG", by_model=True)
    voted = Mention(0, 7, "Malaria", "Malaria", model="ORG")
    voted.vote(schema.ORGANIZATION, 1.0, "model ORG", by_model=True)
    voted.vote(schema.ORGANIZATION, 2.0, "named by its web address, as start-ups are")
    assert lower_case_word("Malaria") and kind("Malaria") is Kind.NAME and not voted.cue
    assert not plausible([alone])
    assert plausible([voted])


def test_the_words_are_read_back_from_the_cache_and_a_foreign_file_is_rebuilt(tmp_path, monkeypatch):
    """The list is read once for every band, their words kept in the user's cache; a file of another make there is
    built anew."""
    from graphkit.extract import casing

    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    monkeypatch.setattr(casing, "_lowered", casing._lowered.__wrapped__)  # uncached: every call reads
    monkeypatch.setattr(casing, "_every_band", casing._every_band.__wrapped__)
    built = casing._lowered(casing._LOWER_LEAD)
    stored = casing._path((casing._LOWER_LEAD, casing._ANY, -casing._ANY))
    assert {p.name for p in (tmp_path / "graphkit").iterdir()} == {casing._path(b).name for b in casing._BANDS}
    monkeypatch.setattr(casing, "_build", lambda *_: pytest.fail("built again"))
    assert casing._lowered(casing._LOWER_LEAD) == built
    assert "heather" in casing._lowered(casing._EVERYDAY_LEAD, casing._NOUN_LEAD)  # built with the first, read back
    stored.write_text("gkbands1 7\nmalaria", encoding="utf-8")
    monkeypatch.setattr(casing, "_build", lambda bands: {band: ["malaria"] for band in bands})
    assert casing._lowered(casing._LOWER_LEAD) == {"malaria"}
    assert stored.read_text(encoding="utf-8") == f"{casing._MAGIC} 7\nmalaria"


@pytest.mark.usefixtures("entity_model")
@pytest.mark.parametrize(
    ("text", "name"),
    [("Mark is right about the budget.", "Mark"), ("Grant was a good general, and Grant won the war.", "Grant")],
)
def test_a_given_name_of_the_lists_english_writes_in_lower_case_stays_a_person(text, name):
    """A given name English writes often as a word ("Mark", "Grant") casts no vote of its own (``_EVERYDAY_NAME_ZIPF``),
    yet a person is named so as often as a word is capitalised: the model's Person stands, as at a sentence's start."""
    assert first_name(name) and lower_case_word(name)
    assert label_of(entities_in(text), name) == "Person"


def test_a_word_the_list_holds_at_its_floor_alone_is_not_judged():
    """The list holds its rarest forms at one floor probability and leaves out every form rarer: a lower-case form at
    the floor whose capitalised form is left out ("oprea", "rearick": surnames) is no more frequent than that form may
    be, so nothing says English writes it in lower case."""
    prob = _probabilities()
    floor = min(prob.values())
    unseen = [w for w, p in prob.items() if p == floor and w.isalpha() and w.islower() and w.capitalize() not in prob]
    assert {"oprea", "rearick"} <= set(unseen)
    assert not any(lower_case_word(w.capitalize()) for w in unseen)


@pytest.mark.usefixtures("entity_model")
def test_a_rare_surname_the_list_holds_at_its_floor_stays_a_person():
    assert label_of(entities_in("We hired Rearick to fix the roof, and it leaks."), "Rearick") == "Person"


def test_a_words_file_cut_short_is_built_anew(tmp_path, monkeypatch):
    """A file of the right make whose end is missing (a copy of the cache stopped half way) holds fewer words than the
    list gives: it is no cache of the list, and read as one, a word cut off would be judged a name."""
    from graphkit.extract import casing

    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    monkeypatch.setattr(casing, "_lowered", casing._lowered.__wrapped__)
    monkeypatch.setattr(casing, "_every_band", casing._every_band.__wrapped__)
    built = casing._lowered(casing._LOWER_LEAD)
    stored = casing._path((casing._LOWER_LEAD, casing._ANY, -casing._ANY))
    whole = stored.read_bytes()
    stored.write_bytes(whole[: len(whole) // 2])
    assert casing._lowered(casing._LOWER_LEAD) == built
    assert stored.read_bytes() == whole


def test_a_cache_that_cannot_be_written_reads_the_list_once_for_every_band(tmp_path, monkeypatch):
    """Where the user's cache cannot be written (its folder a file here), each band asked is built from the one
    reading of the list the first made, not from a reading of its own."""
    from graphkit.extract import casing

    blocked = tmp_path / "cache"
    blocked.write_text("", encoding="utf-8")
    monkeypatch.setenv("XDG_CACHE_HOME", str(blocked))
    monkeypatch.setattr(casing, "_lowered", casing._lowered.__wrapped__)
    monkeypatch.setattr(casing, "_every_band", cache(casing._every_band.__wrapped__))
    readings = []
    build = casing._build
    monkeypatch.setattr(casing, "_build", lambda bands: readings.append(bands) or build(bands))
    assert "malaria" in casing._lowered(casing._LOWER_LEAD)
    assert "heather" in casing._lowered(casing._EVERYDAY_LEAD, casing._NOUN_LEAD)
    assert len(readings) == 1


def test_a_word_english_writes_in_lower_case_a_third_as_often_is_a_common_noun_and_a_surname_is_not():
    """Ranks and a battle, which head titles ("King of the Hill", "the Battle of Hastings"), against surnames English
    next to never writes in lower case (``common_noun``, what ``entities._of_run`` reads a title's head by)."""
    assert all(common_noun(w) for w in ("King", "Prince", "Lord", "Battle", "Malaria"))
    assert not any(common_noun(w) for w in ("Damon", "Warren", "Hastings", "king"))
