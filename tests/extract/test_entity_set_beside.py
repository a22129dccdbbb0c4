"""Words set beside a name that say nothing of it (issue 14's review): a body holding a role, a place or a person
before a body's noun that is no apposition, a city before a pronoun of someone else's. Sentences written for these
tests, each of a shape a comment writes, that rules reading the words set beside a name once read wrongly."""

import pytest

from graphkit import schema
from tests.extract.entity_texts import entities_in, label_of

pytestmark = pytest.mark.usefixtures("entity_model")


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("The film's director, Warner Bros, cut the ending.", "Warner Bros"),
        ("The league's founder, Major League Baseball, was formed in 1903.", "Major League Baseball"),
    ],
)
def test_a_body_set_after_a_role_is_no_person(text: str, name: str):
    """Bodies hold roles too: a name with a body's head or ending in an everyday word no surname list holds is not
    made the role's holder."""
    assert label_of(entities_in(text), name) == schema.ORGANIZATION


@pytest.mark.parametrize(
    ("text", "name", "label"),
    [
        # "site" names places as often as websites
        ("Chernobyl, the site where the reactor exploded, is open to tourists now.", "Chernobyl", schema.PLACE),
        ("Gettysburg, the site where the battle was fought, is a park now.", "Gettysburg", schema.PLACE),
        # a name called, then a clause whose subject is the body's noun: no comma closes the clause
        ("Sorry Dave, the company that made it went bust years ago.", "Dave", schema.PERSON),
        ("Look, Karen, the bank that holds your mortgage does not care.", "Karen", schema.PERSON),
        ("Like I told Kowalski, the company I work for pays well.", "Kowalski", schema.PERSON),
        # one of a list
        ("I owe money to Kowalski, the bank, and my parents.", "Kowalski", schema.PERSON),
        ("Zuckerberg, the company, and the board all share blame.", "Zuckerberg", schema.PERSON),
    ],
)
def test_a_bodys_noun_after_a_name_that_is_no_apposition_says_nothing(text: str, name: str, label: str):
    """A body's noun after a name and a comma votes for a body only where its phrase closes: not a place's "site", a
    clause's subject after a name called, or a list's member."""
    assert label_of(entities_in(text), name) == label


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("Fox, the network that gave us Tucker, is at it again.", "Fox"),
        ("Nirvana, the group that changed rock, broke up in 1994.", "Nirvana"),
    ],
)
def test_a_bodys_noun_closed_by_a_comma_after_its_clause_is_set_beside_the_name(text: str, name: str):
    """The apposition whose relative clause a comma closes names a body."""
    assert label_of(entities_in(text), name) == schema.ORGANIZATION


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("From Burbank he drove all night to Reno.", "Burbank"),
        ("My dad commuted to Burbank every day until he retired.", "Burbank"),
        ("The drive from Downey took an hour and he was late.", "Downey"),
        ("The view from Murrieta is great and he loves it.", "Murrieta"),
    ],
)
def test_a_city_the_model_reads_as_a_body_stays_a_place_before_a_pronoun(text: str, name: str):
    """A city of 100,000 people named as surnames are, the model reading a body, then "he": the pronoun is whoever
    travels to or from it, as often as the one so named ("The wince from Downey as the door opens and he's hit" is
    written alike), so the city keeps its weight against the pronoun's vote."""
    assert label_of(entities_in(text), name) == schema.PLACE
