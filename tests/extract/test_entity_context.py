"""Entity rules that read a name's neighbours and word shapes, on small texts through the real model: names the
model misses or cuts, epithets, concepts, kinds and adjectives that are no names, and the labels and a merge that
the context gives."""

import pytest

from graphkit import schema
from tests.extract.entity_texts import entities_in, forms_of

pytestmark = pytest.mark.usefixtures("entity_model")


def test_a_given_name_and_a_surname_the_model_misses_make_a_person():
    found = entities_in(
        'The Benghazi witch hunt. And poor use of the Carly Fiorina "accomplishment" talking point.',
        "At least Fiorina sticks to her little song and dance.",
    )
    label, aliases = found["Carly Fiorina"]
    assert label == schema.PERSON and "Fiorina" in aliases


def test_a_title_before_common_words_is_an_epithet():
    forms = forms_of(
        entities_in("The party should consider alternatives to Ms. Moneybags.", "Ties to Mr. Reset Dictator?")
    )
    assert not forms & {"Moneybags", "Ms. Moneybags", "Reset Dictator", "Mr. Reset Dictator"}


def test_abstract_nouns_name_concepts_not_bodies():
    forms = entities_in("Observer effect is distinct from Quantum Weirdness aka Heisenberg Uncertainty.")
    assert not forms_of(forms) & {"Quantum Weirdness", "Heisenberg Uncertainty"}


def test_a_phrase_after_which_is_a_kind_and_a_describing_participle_is_no_part_of_a_name():
    found = entities_in(
        "Which Wall St. Bank advised on the other side?",
        "All this smoke by the Charming Clinton Foundation is no fire.",
    )
    assert "Wall St. Bank" not in forms_of(found)
    assert "Charming Clinton Foundation" not in forms_of(found)
    assert found["Clinton Foundation"][0] == schema.ORGANIZATION


def test_a_unit_after_a_possessive_says_its_leader():
    found = entities_in("Then Batman’s brigade was at the verge of taking it.")
    assert found["Batman"][0] == schema.PERSON


def test_a_peoples_adjective_a_family_plural_and_a_lone_building_label():
    found = entities_in(
        "Kazakhstan produces the most. The Kazakh mines are the prize.",
        "None of the Kennedy's would have approached the nomination.",
        "Pay them to conserve it before the next Bolsonaro.",
    )
    assert "Kazakh" not in found
    assert found.get("Kennedy", (schema.PERSON,))[0] == schema.PERSON
    assert found.get("Bolsonaro", (schema.PERSON,))[0] != schema.PLACE


def test_an_epithet_joins_the_full_name_whose_surname_is_listed_beside_it():
    texts = ["Bill Clinton signed the bill in 1996.", "As Willie Sutton said, that is where the money is."]
    merged = entities_in(*texts, "What about Slick Willy, Hillary Clinton, and Chelsea?")
    assert "Slick Willy" in merged["Bill Clinton"][1]
    alone = entities_in(*texts, "What about Slick Willy?")  # two full names fit, nothing tells them apart
    assert "Slick Willy" not in alone["Bill Clinton"][1] and "Slick Willy" not in alone["Willie Sutton"][1]


def test_a_place_named_for_its_owner_is_one_place_and_no_person():
    found = entities_in("I saw this with the issue of migrants in Martha's Vineyard, where people thought it was fine.")
    assert "Martha" not in forms_of(found)
    assert found["Martha's Vineyard"][0] == schema.PLACE


def test_a_region_no_city_bears_is_a_place_where_the_model_reads_a_body():
    found = entities_in(
        "The world changed in March 2014, when Russia grabbed Crimea, even though Crimea had been part of Russia.",
        "Disregard how the world changed after Crimea.",
    )
    assert found["Crimea"][0] == schema.PLACE


def test_a_hyphen_joining_two_names_the_span_cuts_short_keeps_the_first():
    found = entities_in(
        "Rosatom is a state company. It came into play as the United States considered whether to approve the "
        "Rosatom-Uranium One deal."
    )
    assert "Rosatom-Uranium" not in forms_of(found) and "Rosatom" in found


def test_a_name_written_or_printed_in_is_a_publication():
    found = entities_in(
        "She relied on a report also filled with innuendo and publicly refuted in Forbes. Nothing came of it."
    )
    assert found["Forbes"][0] == schema.ORGANIZATION


def test_a_name_one_goes_on_to_buy_is_a_site():
    found = entities_in("Go on Alibaba and you will find that a surprising number of sellers offer it.")
    assert found["Alibaba"][0] == schema.ORGANIZATION


def test_a_name_opening_a_line_is_sentence_initial_as_a_yes_or_no():
    """reddit-nyknicks-bucks-postgame-139: "George Hill" opens a line after "*checks notes*", with no sentence mark
    before it: it opens its sentence, told as True (not as the count of line breaks before it, 2), and a name inside
    a sentence as False."""
    from graphkit.extract import Extractor
    from graphkit.extract.entities import find_mentions
    from graphkit.extract.parsed import parsed

    text = (
        "Never forget December 21, 2019.  The day Frank Ntilikina's career was ended by...\n\n*checks notes*\n\n"
        "George Hill."
    )
    mentions = {m.key: m for m in find_mentions(parsed(Extractor().nlp(text), text), set(), set(), [])}
    assert mentions["George Hill"].initial is True, mentions
    assert mentions["Frank Ntilikina"].initial is False, mentions
