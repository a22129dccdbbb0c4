"""Names the rules lost though the text and the lexicons hold them (issue 14, recall by classes): each test is a
class of loss seen on a development thread (tests/data/entities), with what the rule must find and what it must not
make an entity."""

import pytest

from graphkit import schema
from tests.extract.entity_texts import entities_in, forms_of, label_of

pytestmark = pytest.mark.usefixtures("entity_model")


def test_a_region_abroad_after_its_town_in_one_name_is_a_place():
    """bvparishat-2009-06-72: an address's "Calicut Kerala 673 017", read as one person's name; Kerala is a state of
    India the gazetteer knows, Calicut a city in it."""
    found = entities_in(
        "Dr. K. Vijayan address:28/1097,Rajadhani Kumaran Nair Road, Chevayur, Calicut Kerala 673 017 Phone: 0495-2354"
    )
    assert "Calicut Kerala" not in forms_of(found), found
    assert label_of(found, "Kerala") == schema.PLACE, found
    assert label_of(found, "Calicut") == schema.PLACE, found


def test_a_person_whose_name_ends_in_a_region_stays_a_person():
    """A region after a given name, no town, ends a person's name ("Priya Kerala"), and so does one the census lists
    hold as a surname ("George Washington")."""
    found = entities_in("My colleague Priya Kerala wrote the paper.", "George Washington was the first president.")
    assert label_of(found, "Priya Kerala") == schema.PERSON, found
    assert label_of(found, "George Washington") == schema.PERSON, found
    assert not {"Kerala", "Washington"} & forms_of(found), found
