"""Names typed in lower case and acronyms on a forum written so (issue 14: the held-out forums lost most recall there,
below the bare model). Texts are the development threads' own (tests/data/entities)."""

import pytest

from graphkit import schema
from graphkit.extract.gazetteer import gazetteer
from tests.extract.entity_texts import entities_in, label_of, thread_nodes, thread_texts

pytestmark = pytest.mark.usefixtures("entity_model")

NAIRALAND = "nairaland-health-mentions-120"


def _post(thread: str, opening: str) -> str:
    """The one post of the thread that opens so."""
    (text,) = [t for t in thread_texts(thread) if t.startswith(opening)]
    return text


def test_a_continent_typed_in_lower_case_is_that_place():
    """nairaland-health-mentions-120: "they make something at the moment in south america", which the model reads
    as a place, was dropped as a phrase with lower-case words; its words capitalised are a continent's name."""
    found = entities_in(_post(NAIRALAND, "That is tru but malaria and HIV"))
    assert label_of(found, "south america") == schema.PLACE, found


def test_a_place_glued_into_a_style_attribute_is_no_place():
    """bvparishat-2009-06-72: a mail's HTML style lists its fonts, "times new roman,new york,times,serif"; the model
    reads "new york" there as a place, but a name glued to the word before it is markup's, not the prose's."""
    (text,) = [t for t in thread_texts("bvparishat-2009-06-72") if "roman,new york" in t][:1]
    assert label_of(entities_in(text), "new york") is None


def test_capitals_that_go_on_strike_are_a_body():
    """nairaland-health-mentions-120: "NARD is going on strike indefinitely", the model's body, was dropped as
    shouting (the post writes "DAT" in capitals too); an association of doctors goes on strike, a shouted word does
    not, while a shouted word elsewhere in the post stays emphasis."""
    found = entities_in(_post(NAIRALAND, "It's u dat need sense"))
    assert label_of(found, "NARD") == schema.ORGANIZATION, found
    assert label_of(found, "DAT") is None, found


def test_a_region_before_state_in_lower_case_is_that_state():
    """nairaland-health-mentions-120: "Kano state should be included as well", which the model passes over, was no
    entity; a country's region before "state" names that state, as "Ogun State" does."""
    found = entities_in(_post(NAIRALAND, "Kano state should be included"))
    assert label_of(found, "Kano state") == schema.PLACE, found


@pytest.mark.parametrize(
    ("text", "region"),
    [
        ("Western state media ignored the protests for a week.", "Western"),
        ("He moved to the Southern state of Kerala last year.", "Southern"),
        ("We toured the old Eastern state penitentiary in Philadelphia.", "Eastern"),
        ("Most England state schools have no playing fields left.", "England"),
        ("Did anyone watch the Queensland state of origin game last night?", "Queensland"),
        ("The Punjab state government announced a new scheme.", "Punjab"),
        ("My Unity state machine keeps resetting after the scene loads.", "Unity"),
    ],
)
def test_a_word_before_state_that_names_no_state_is_none(text, region):
    """Review of the rule above: a compass word, one of the United Kingdom's countries, a region of a country whose
    states English does not call "<name> State", a US state and an everyday word before "state" name no state."""
    found = entities_in(text)
    assert label_of(found, f"{region} state") is None and f"{region} State" not in found, found


def test_an_everyday_word_that_names_a_state_is_that_state_after_a_preposition_of_place():
    """Review of the rule above: Rivers, one of Nigeria's states, is an everyday word too ("Unity" stays out as a
    product's name); "in Rivers state" names the place."""
    found = entities_in("I was born in Rivers state and moved to Lagos after school.")
    assert label_of(found, "Rivers state") == schema.PLACE, found


def test_the_gazetteer_names_states_of_countries_that_call_them_so():
    """A state is "<name> State" in Nigeria, not in Uruguay's or Puerto Rico's regions named as US states are,
    nor in Australia's, India's or the United Kingdom's, nor a region named by a compass word."""
    gaz = gazetteer()
    assert gaz.state("Kano") and gaz.state("Niger")
    assert not any(gaz.state(n) for n in ("Florida", "Carolina", "Queensland", "Punjab", "England", "Western", "South"))


def test_a_given_name_in_capitals_on_strike_is_no_body():
    """Review of the rule above: a given name shouted before "on strike" is a person's, not an association's
    letters."""
    found = entities_in("JOHN is on strike too lol")
    assert label_of(found, "JOHN") != schema.ORGANIZATION, found


def test_a_small_towns_name_the_thread_writes_as_a_word_is_the_word():
    """twitter-ferguson-ottawa-126: "Police name the officer who shot #Ferguson teen" and "conversation.Police
    don't", the model's body each time, made a body "Police", which is also a town in Poland: the gazetteer's small
    town made the word known, though the thread writes "police" in lower case far more often. A town's name is no
    more known than the word it is; the town the thread is about, never written in lower case, stays a place."""
    thread = "twitter-ferguson-ottawa-126"
    text = "\n".join(thread_texts(thread))
    assert gazetteer().town("Police") and gazetteer().town("Ferguson")
    assert text.count("police") > text.count("Police") > 0 and "ferguson" not in text
    nodes = thread_nodes(thread)
    assert "Police" not in nodes, nodes["Police"].props
    assert nodes["Ferguson"].label == schema.PLACE
