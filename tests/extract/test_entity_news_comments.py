"""Entity rules for the misses of The Globe and Mail's comments on Donald Trump's victory (issue 14;
tests/data/entities/globe-trump-victory-126), a news-comment thread annotated before graphkit or the bare model read
it, whose first recall stayed at the bare model's. Each text is a real comment of that thread."""

import pytest

from graphkit import schema
from tests.extract.entity_texts import entities_in, forms_of, label_of, thread_texts

pytestmark = pytest.mark.usefixtures("entity_model")

_TEXTS = thread_texts("globe-trump-victory-126")


def _node_of(found: dict, form: str) -> set[str]:
    return next((names for _, names in found.values() if form in names), set())


def test_the_surname_written_alone_joins_a_full_name_written_with_and_without_its_middle_initial():
    """ "Donald J. Trump" and "Donald Trump" are one person in view, so "Trump" is that person, not left apart as if
    two people were so called."""
    found = entities_in(_TEXTS[19], _TEXTS[49], _TEXTS[61])  # c20, c50, c62
    assert {"Trump", "Donald Trump", "Donald J. Trump"} <= _node_of(found, "Trump"), found


def test_initials_each_with_its_stop_are_an_abbreviation_not_shouting():
    found = entities_in(_TEXTS[118])  # c119: "building a water pipeline from Canada to B.C."
    assert label_of(found, "B.C.") == schema.PLACE, found


def test_a_plant_heads_a_place():
    found = entities_in(_TEXTS[86])  # c87: "the aging Pickering Nuclear Power Plant was to be shut down in 2020"
    assert label_of(found, "Pickering Nuclear Power Plant") == schema.PLACE, found


def test_a_verb_asking_a_question_before_a_name_is_no_given_name():
    found = entities_in(_TEXTS[49])  # c50: "Putin saved Russia. Will Trump save America?"
    assert "Will Trump" not in forms_of(found) and "Trump" in forms_of(found), found


def test_a_surname_that_his_refers_to_does_not_join_the_one_womans_full_name_in_view():
    """ "Obama said his legacy will disappear": a man, no Michelle Obama, though hers is the one full name in view."""
    found = entities_in(_TEXTS[108], _TEXTS[77])  # c109 "Michelle Obama POTUS in 2020", c78
    assert "Obama" not in _node_of(found, "Michelle Obama") and "Obama" in forms_of(found), found


def test_a_full_stop_without_its_space_before_a_shouted_word_is_no_site_of_a_network():
    """ "the world.ALL the IMPORTANT countries": a sentence's end typed without a space, not a site like "cs.SE"."""
    found = entities_in(
        "HAHAHAHAHAHAHAThe NYT did a round-up or reaction from around the world.ALL the IMPORTANT countries were "
        "covered, Russia, China, Japan, Israel, South Korea, India even Malaysia, and Australia..Do I have to tell you "
        "what country wasn't covered????"
    )
    assert not {"world.ALL", "ALL"} & forms_of(found), found


def test_a_surname_that_its_or_their_refers_to_joins_no_one_so_called():
    """ "if Ford wanted to move their factory to mexico": the carmaker, no Rob Ford, though his is the one full name in
    view of that surname."""
    found = entities_in(_TEXTS[11], _TEXTS[116])  # c12, c117 "an idiot like Rob Ford"
    assert "Ford" in forms_of(found) and "Ford" not in _node_of(found, "Rob Ford"), found


def test_a_question_ended_with_no_space_before_the_next_sentence_is_no_name():
    found = entities_in(_TEXTS[2])  # c3: "Obama's 'pivot' to Asia is invisible?'It means the Great Wall of Mexico"
    assert not any("?" in form for form in forms_of(found)) and "Asia" in forms_of(found), found


def test_a_stop_word_shouted_before_a_name_is_no_part_of_it():
    found = entities_in(_TEXTS[49])  # c50: "Republican candidates have won BOTH Senate and House"
    assert not any(form.startswith("BOTH") for form in forms_of(found)), found


def test_a_word_no_list_holds_before_a_rare_surname_is_a_given_name():
    """The model reads "Chrystia" alone as a place and leaves "Freeland" out: a given name that the census lists lack
    before a surname they hold is one person's full name."""
    found = entities_in(_TEXTS[51])  # c52: "his selection of Chrystia Freeland as Trade Minister"
    assert label_of(found, "Chrystia Freeland") == schema.PERSON and "Chrystia" not in forms_of(found), found


def test_a_given_name_opening_a_sentence_before_my_is_a_verb():
    found = entities_in(_TEXTS[83])  # c84: "swindle Americans out of the presidency. Mark my words"
    assert "Mark" not in forms_of(found) and "Canada" in forms_of(found), found


def test_a_given_name_before_an_english_word_no_one_bears_is_a_type_of_person():
    found = entities_in(_TEXTS[105])  # c106: "the fact that Joe and Jill Average are actually the backbone"
    assert "Jill Average" not in forms_of(found), found


def test_an_everyday_word_before_a_region_is_no_town_of_its_own():
    """facebook-abc-news-tehan-centrelink-120: the model read "Liberal South Australia" as one place, and the rules kept
    "Liberal" (a town of Kansas) and dropped the rest as a stray word after it; an everyday word the gazetteer also
    holds, before a region it holds whole, describes the region."""
    found = entities_in(
        "Chris James The latest outbreak comes from Federal quarantine in Liberal South Australia. Did New South Wales "
        "tracing ever find that missing link that started the Northern Beaches outbreak?"
    )
    assert label_of(found, "South Australia") == schema.PLACE, found
    assert "Liberal" not in forms_of(found), found


def test_a_registered_given_name_before_a_surname_names_a_person():
    """facebook-abc-news-tehan-centrelink-120: 'the likes of Clive Palmer', which the model read as a body's name;
    'Clive' is a given name the US registered for thousands of children, too rare for the census lists, and 'Palmer'
    a surname of them."""
    post = next(t for t in thread_texts("facebook-abc-news-tehan-centrelink-120") if "likes of Clive Palmer" in t)
    found = entities_in(post)
    assert label_of(found, "Clive Palmer") == schema.PERSON, found
