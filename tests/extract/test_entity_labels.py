"""Real names the rules kept under the wrong label on the development threads (issue 14): the model's label alone,
where the words around the name tell another. Texts are the development threads' own (tests/data/entities)."""

import pytest

from graphkit import schema
from tests.extract.entity_texts import entities_in, label_of

pytestmark = pytest.mark.usefixtures("entity_model")


def test_a_word_no_list_knows_listed_beside_a_person_read_so_is_a_person():
    """facebook-abc-news-tehan-centrelink-120: "With Morrison and Frydenburg promising more": the model read
    "Frydenburg" (Josh Frydenberg misspelt), a word no list knows, as a place, nothing else backing it; listed beside a
    name the model reads as a person's, it is one too, as a surname of the lists is. The places of the comment's
    comma list stay places."""
    found = entities_in(
        'Alexandra Reem Babic - How can we have "more than enough money" when we\'re facing a decade of deficits and '
        "debt that's set to peak at almost $1 trillion in 2025 and a current national debt of over $600 billion? "
        'With Morrison and Frydenburg promising more just about every day!\nAs for being "one of the wealthiest '
        "countries in the OECD\" - that's a very sweeping description. You'll find that most of the wealthiest "
        "countries are small ones, like Luxumbourg, Ireland, Norway, Switzerland, etc. But on a GDP per capita basis, "
        "Australia just makes it to Number 10!"
    )
    assert label_of(found, "Frydenburg") == schema.PERSON, found
    assert label_of(found, "Morrison") == schema.PERSON, found
    assert label_of(found, "Norway") == schema.PLACE, found
