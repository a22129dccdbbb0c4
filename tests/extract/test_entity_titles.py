"""Titles of works and names of happenings that the model reads as people's, places' or bodies' names (issue 14),
and the bodies and places named in the same shape that stay. Each text is a real comment of the development threads
(tests/data/entities), cut to the sentences the rule reads."""

import pytest

from graphkit import schema
from tests.extract.entity_texts import entities_in, forms_of, label_of

pytestmark = pytest.mark.usefixtures("entity_model")


def test_a_title_of_everyday_words_shaped_x_of_y_is_no_body():
    """lsm-inode-ino-tomoyo-2024-10-100: a signature's motto, "Flailing at the Travails of Cybersecurity", made the
    body "Travails of Cybersecurity": "X of Y" of everyday words, none a head of a body's or a place's name, is a
    title's shape."""
    found = entities_in(
        "Have a good weekend.\n\nAs always,\nDr. Greg\n\nThe Quixote Project - Flailing at the Travails of "
        "Cybersecurity\n              https://github.com/Quixote-Project"
    )
    assert not {form for form in forms_of(found) if "Travails" in form}, found


@pytest.mark.parametrize(
    ("text", "name"),
    [
        (
            "The feeling in my theater was palpable after the Trinity Test was successful and everyone on the ground "
            "was cheering its success.",
            "Trinity Test",
        ),
        (
            "In the conference of Vedic Workshop arranged by Univ. of Texas ,Austin in 2007 I met professor from "
            "European countries.",
            "Vedic Workshop",
        ),
    ],
)
def test_a_name_ending_in_a_happenings_head_is_no_body_or_person(text, name):
    """reddit-movies-oppenheimer-110 and bvparishat-2009-06-72: "the Trinity Test" read as a body, "Vedic Workshop" as
    a person: a capitalised "Test" or "Workshop" ending a name names what was held or run there."""
    found = entities_in(text)
    assert label_of(found, name) is None, found


def test_a_title_after_a_work_and_its_author_past_a_colon_is_no_body():
    """bvparishat-2009-06-72: "See: the old book: Duff, Chronology of India" made the body "Chronology of India"; the
    word for a work, a colon, then its author and title. India stays a place."""
    found = entities_in(
        "For the Greek historians on India and casually the names from the MBH.: See: the old book: Duff, Chronology "
        "of India, reprinted. best wishes,spnarang"
    )
    assert not {form for form in forms_of(found) if "Chronology" in form}, found
    assert label_of(found, "India") == schema.PLACE, found


@pytest.mark.parametrize(
    ("text", "name", "label"),
    [
        (
            'Check out our conversation about T206s with Peter Devereaux, author of the new book, "GAME FACES: Early '
            'Baseball Cards from the Library of Congress."',
            "Library of Congress",
            schema.ORGANIZATION,
        ),
        (
            "Andrew Glover the Department of Social Services is responsible for policies in relation to entitlement "
            "for a range of Social Security payments including Jobseeker.",
            "Department of Social Services",
            schema.ORGANIZATION,
        ),
        (
            "I rather cast a broad net and cover all the islands than to have, say, the Isle of Mann missing out.",
            "Isle of Mann",
            schema.PLACE,
        ),
    ],
)
def test_bodies_and_places_named_x_of_y_stay(text, name, label):
    """net54-t206-podcast-wagner-100, facebook-abc-news-tehan-centrelink-120, history-se-meta-67: a body named after
    what it holds ("the Library of Congress", inside a book's title) or its head ("the Department of Social Services")
    and a place named after a name ("the Isle of Mann") keep their names."""
    found = entities_in(text)
    assert label_of(found, name) == label, found


def test_a_university_beside_a_happening_stays():
    """bvparishat-2009-06-72: the workshop's organiser stays a body and its town a place."""
    found = entities_in(
        "In the conference of Vedic Workshop arranged by Univ. of Texas ,Austin in 2007 I met professor from European "
        "countries."
    )
    assert label_of(found, "Univ. of Texas") == schema.ORGANIZATION, found
    assert label_of(found, "Austin") == schema.PLACE, found


def test_a_title_after_someones_works_like_is_no_place():
    """bvparishat-2009-06-72: "his wonderful works like Vyutpattivada" (a treatise), which the model read as a place
    in both comments naming it: "works" after an adjective or an owner, then "like", gives one of the works."""
    editions = "1\\. Adopt his ways in teaching, which he has shown in Vyutpattivada editions."
    found = entities_in(
        "We have lost Sri Achyutanand Dash. He will be alive through his wonderful works like Vyutpattivada etc.",
        editions,
    )
    assert label_of(found, "Vyutpattivada") is None, found
    # the same thread without the works named is a place's, as the model reads it: the rule, not the model, says
    assert label_of(
        entities_in("He will be alive through his teaching in Vyutpattivada etc.", editions), "Vyutpattivada"
    )


def test_a_name_after_the_verb_works_like_stays():
    """The verb, "works" after a subject (no development thread holds one before "like" and a name, so the sentence is
    made up): the name after "like" keeps its label."""
    found = entities_in("The new search works like Google does, as far as I can tell.")
    assert label_of(found, "Google") == schema.ORGANIZATION, found


def test_a_monument_named_x_of_y_that_the_model_reads_as_a_place_stays():
    """A monument is named "X of Y" of everyday words too; the model's place decides it (no development thread names
    one, so the sentence is made up)."""
    found = entities_in("We took the ferry to see the Statue of Liberty last summer, it was crowded.")
    assert label_of(found, "Statue of Liberty") == schema.PLACE, found


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("the lawyer Thomas Test said his client would appeal the ruling", "Thomas Test"),
        ("I emailed Mike Summit about the invoices but he never answered", "Mike Summit"),
    ],
)
def test_a_person_whose_surname_is_a_happenings_head_stays(text, name):
    """A given name, no article, then "Test" or "Summit": a person's surname, not a happening's head (no development
    thread names one, so the sentences are made up)."""
    found = entities_in(text)
    assert label_of(found, name) == schema.PERSON, found


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("my grandad was in the Knights of Pythias lodge for forty years", "Knights of Pythias"),
        ("I saw the Temple of Set mentioned in a documentary about cults", "Temple of Set"),
    ],
)
def test_orders_and_faiths_named_x_of_y_of_everyday_words_stay(text, name):
    """A fraternity named after its members, a faith after its temple (no development thread names one, so the
    sentences are made up): "Knights" and "Temple" head bodies' names as "Board" does."""
    found = entities_in(text)
    assert label_of(found, name) == schema.ORGANIZATION, found


def test_a_name_right_after_a_works_word_and_a_colon_stays():
    """What is said of a work after its word and a colon, no title (made up): the colon counts only before an author
    and a title."""
    found = entities_in("about the film: Warner Bros shelved it after the test screenings, what a waste")
    assert label_of(found, "Warner Bros") == schema.ORGANIZATION, found


def test_an_artist_after_someones_works_like_stays():
    """An artist named for the works (made up): a person the model reads after "works like" stays one."""
    found = entities_in("the auction had many works like Banksy and Hirst, prices were mad")
    assert label_of(found, "Banksy") == schema.PERSON, found
