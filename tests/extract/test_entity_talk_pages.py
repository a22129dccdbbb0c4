"""What the rules made of text no rule was written for (issue 14): the Wikipedia talk pages of the development set
(tests/data/entities/wikipedia-talk-*), read before any rule looked at them. Each text is a real comment of theirs, cut
to the sentences the rule reads."""

import pytest

from graphkit import schema
from tests.extract.entity_texts import entities_in, forms_of, label_of

pytestmark = pytest.mark.usefixtures("entity_model")


def test_a_book_quoted_from_is_no_place_its_author_owns():
    """wikipedia-talk-catholic-church-80: "from Duffy's Saints and Sinners" made "Duffy's Saints" a place, as "in
    Martha's Vineyard" is one; "from" before an owner's name says where words come from as often as where someone is."""
    found = entities_in(
        "I want to add that we can't really say \"to the dismay\" because I have this quote from Duffy's Saints and "
        'Sinners "Under the saintly but realist Pope Clement VIII (1592-1605) better counsels prevailed, and the '
        'papacy came to terms with Henri IV".'
    )
    assert label_of(found, "Duffy's Saints") is None, found


def test_a_file_name_is_no_site_of_a_network():
    """wikipedia-talk-arab-spring-120: "protests.PNG" was read as a site of a network, as "cs.SE" is; three capitals
    after the dot that name a file's type (an image, here) say a file."""
    found = entities_in(
        "Someone replaced :File:2010-2011 Arab world protests.PNG with :File:2010-2011 Arab world protests.svg, while "
        "the latter is clearly erroneous because it shows Chad, Eritrea, Djibouti and Somalia as dark grey."
    )
    assert not {form for form in forms_of(found) if form.endswith(".PNG")}, found


def test_a_title_inside_the_models_body_names_the_person_after_it():
    """wikipedia-talk-catholic-church-80: the model read "the Salvadoran Archbishop Óscar Romero" as one body, and the
    rules kept it so (a title opening a name is cut, not one after a people's adjective); the title says the name after
    it is a person's."""
    found = entities_in(
        "The following year, the Salvadoran Archbishop Óscar Romero became the region's most famous contemporary "
        "martyr, when he was murdered by forces allied with the government, while saying mass."
    )
    assert label_of(found, "Óscar Romero") == schema.PERSON, found
    assert not {form for form in forms_of(found) if form.startswith("Salvadoran")}, found


@pytest.mark.parametrize(
    "text",
    [
        "The significance of the Edict of Nantes was not that it granted any particularly new freedoms, but that, "
        "unlike similar previous edicts, it held.",
        "It also shows that the French Wars of Religion included fighting between Catholics, that the Edict of Nantes "
        "did not give full toleration to the Huguenots, and that the edict was not supported by the papacy.",
        "I am sure you know that he was in no position to support the Edict of Nantes because a pope had no leeway at "
        'all to grant freedoms to "heretics".',
    ],
)
def test_a_law_named_after_where_it_was_issued_names_no_place(text):
    """wikipedia-talk-catholic-church-80: "the Edict of Nantes" made the place "Nantes" (the model reads it alone) or
    "Edict of Nantes" (read whole as a person's or a place's): a law's head before "of" names a law after where it was
    issued or signed, as "the Fort Stanwix Treaty" does, no place."""
    found = entities_in(text)
    assert not {form for form in forms_of(found) if "Nantes" in form}, found


def test_a_city_the_model_misses_after_in_is_a_place():
    """wikipedia-talk-arab-spring-120: the model read "in Tunis" as a language's name and "the capital Tunis" as a
    people's, so the capital, a city of 690,000 the gazetteer knows (and a surname of the lists), was nowhere found;
    "in" right before a place the gazetteer knows says the place."""
    found = entities_in(
        "*: Protests reach the capital Tunis with about 1,000 citizens expressing solidarity with residents of Sidi "
        "Bouzid and calling for jobs. Protests also spread to Sousse, Sfax and Meknassy.\n\n*: The Tunisian Federation "
        "of Labour Unions rally in Gafsa and about 300 lawyers rally near the government's palace in Tunis."
    )
    assert label_of(found, "Tunis") == schema.PLACE, found
