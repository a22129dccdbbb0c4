"""A title's word that names no one's rank (issue 14): before an English noun no name list holds ("Gen Con", "MR
Scanner"), a big place ("DR Congo") or before a make's goods ("Dr Martens boots"): the name's own word, so no person
(``entities._no_ones_title``, ``entities._untitled_by``); a title written in capitals is still one ("MS Dhoni"). The
sentences were written for this test, as a reviewer probed kinds of text the rules never saw, but for the comment of
tests/data/entities/cs-se-meta-80 (ErumMehmood/PhD-TestData at 0e5ac605cdc836b74e8b4b4cd977a5b92e1852eb,
Comments.xml, CC BY-SA 3.0)."""

import pytest

from graphkit import schema
from tests.extract.entity_texts import entities_in, label_of

pytestmark = pytest.mark.usefixtures("entity_model")


@pytest.mark.parametrize(
    ("text", "forms"),
    [
        ("The war in DR Congo has lasted for decades.", {"DR Congo", "Congo"}),
        ("The MR Scanner at the hospital broke again.", {"MR Scanner", "Scanner"}),
        ("We met at Gen Con last summer.", {"Gen Con", "Con"}),
        ("I bought a new pair of Dr Martens boots.", {"Dr Martens", "Martens"}),
        (
            "Using a programming language and tools related to it is not computer science, and I think it is "
            "similar to using other softwares e.g. MS Office.",
            {"MS Office", "Office"},
        ),
    ],
)
def test_a_title_that_is_a_names_own_word_makes_no_person(text, forms):
    """No form of the name is a person's."""
    found = entities_in(text)
    assert all(label_of(found, form) != schema.PERSON for form in forms), found


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("Mr Kohler runs the hardware store down the road.", "Mr Kohler"),
        ("Dr Dre produced the album.", "Dre"),
        ("Col. Sanders founded the chain.", "Sanders"),
        ("Dr. Fauci testified today.", "Fauci"),
        ("Mrs. Clinton spoke at the event.", "Mrs. Clinton"),
        ("MS Dhoni hit a six to win the final.", "MS Dhoni"),
        ("DR Fauci said masks work.", "Fauci"),
        ("DR Smith said I should rest.", "Smith"),
    ],
)
def test_titles_before_peoples_names_stay(text, name):
    """A title, in capitals or not, before a name no English noun, place or company is, keeps its person."""
    assert label_of(entities_in(text), name) == schema.PERSON
