"""Places written with their words run together or a one-word name split (issue 14): the gazetteer's place, whatever
the model read. Texts are the development threads' own (tests/data/entities)."""

import pytest

from graphkit import schema
from graphkit.extract.gazetteer import gazetteer
from tests.extract.entity_texts import entities_in, label_of

pytestmark = pytest.mark.usefixtures("entity_model")


def test_the_gazetteer_knows_a_name_whose_words_run_together():
    assert gazetteer().unspaced("Tamilnadu") == "Tamil Nadu"
    assert gazetteer().unspaced("Newzealand") == "New Zealand"
    assert gazetteer().unspaced("Tamil") is None


def test_a_place_written_run_together_or_split_is_the_place():
    """bvparishat-2009-06-72 ("ruling Tamilnadu", the model's body) and reddit-politics-measles-senator-111 ("the
    Viet Nam war", no entity): each is a place of the gazetteer written otherwise."""
    found = entities_in(
        "We do not know who was ruling Tamilnadu in 2000BC. Was there Tamil language in 2000 BC?",
        "Originally chanted to LBJ during the Viet Nam war.",
    )
    assert label_of(found, "Tamil Nadu") == schema.PLACE, found
    assert label_of(found, "Vietnam") == schema.PLACE, found


def test_capitalised_words_that_only_join_into_a_town_stay_words():
    """Two words run together make a country's or a region's name, not any town's ("Port Land" is no Portland)."""
    found = entities_in("They sold the Port Land parcel last year to a developer from out of state.")
    assert label_of(found, "Portland") is None, found
