"""Names the bare model reads with the right label that the rules lost (issue 14: recall on threads no rule was written
for): a rule of shape or register set aside the model's reading where other evidence agrees with it. Each text is a
real comment of the development threads (tests/data/entities), cut to the sentences the rule reads."""

import pytest

from graphkit import schema
from tests.extract.entity_texts import entities_in, label_of

pytestmark = pytest.mark.usefixtures("entity_model")


def test_the_models_place_after_a_place_preposition_is_kept_though_a_word_is_everyday():
    """reddit-movies-oppenheimer-110: "Los Alamos", written once, was dropped as a phrase of everyday words ("Los");
    the model reads a place, "at" says one, and the name ends in no everyday word."""
    found = entities_in(
        "- The dinner with Strauss, where they are discussing whether or not there was a spy at Los Alamos and if the "
        "Soviets have an H-bomb."
    )
    assert label_of(found, "Los Alamos") == schema.PLACE, found


@pytest.mark.parametrize(
    ("text", "form"),
    [
        # reddit-politics-measles-senator-111: a court ruling's name after "in"
        (
            "Having a two party system doesn’t really encourage working together, so that was eventually going to turn "
            "into a polarizing position. Add in the Citizens United ruling that effectively allowed unlimited "
            "corporate donations",
            "Citizens United",
        ),
        # bvparishat-2009-06-72: a series of books after "in"
        ("Dear Kulakarni,\n\nThese are printed in Chawkhamba Series. Check this web page.", "Chawkhamba Series"),
    ],
)
def test_everyday_words_ending_a_name_after_a_place_preposition_make_no_place(text, form):
    """A name written once that ends in an everyday word ("United", "Series") is no place for a preposition before it
    and the model's reading."""
    assert label_of(entities_in(text), form) != schema.PLACE


def test_a_name_shaped_as_a_plural_is_a_person_where_a_verb_in_the_singular_follows():
    """reddit-nyknicks-bucks-postgame-139: "Giannis" (Giannis Antetokounmpo), the model's person, was dropped as a
    plural noun ("Gianni" is a word English text writes often enough); "has" after it says one person."""
    found = entities_in(
        "At this point we just need to hope that Giannis has already decided that he wants to go to whatever team has "
        "the best chance."
    )
    assert label_of(found, "Giannis") == schema.PERSON, found
