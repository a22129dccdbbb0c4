"""Entity rules for the misses, junk and merges of an r/NYKnicks post-game thread (issue 14;
tests/data/entities/reddit-nyknicks-bucks-postgame-139), first scored before any rule was written for it. Each text is
a real comment of that thread, cut to the sentences the rule reads."""

import pytest

from graphkit import schema
from tests.extract.entity_texts import entities_in, forms_of, label_of

pytestmark = pytest.mark.usefixtures("entity_model")


def _node_of(found: dict, form: str) -> set[str]:
    return next(names for _, names in found.values() if form in names)


def test_a_given_name_written_alone_as_a_person_is_no_epithet_before_another_persons_first_name():
    """ "LeBron James" is no nickname of James Harden: "LeBron" is a person of the thread, not a describing word."""
    found = entities_in(
        "This sounds like a huge reach but is it just me or does RJs body remind you of LeBron? Rookie LeBron barely "
        "had a jump shot so its not that.",
        "LeBron James was way faster and had the strength of a locomotive lol.\n\nNow as far as RJ player comparisons. "
        "I'd say James Harden/Paul Pierce.\n\n1. A very strong ability to draw fouls like Harden.",
    )
    assert "LeBron James" not in _node_of(found, "James Harden"), found


def test_a_given_name_no_list_holds_written_alone_joins_the_one_full_name_it_opens():
    """ "LeBron", a given name of no census list, is the first name of LeBron James, the one full name it opens."""
    found = entities_in(
        "This sounds like a huge reach but is it just me or does RJs body remind you of LeBron? Both very toned, "
        "wide, even a similar stride.",
        "LeBron James was way faster and had the strength of a locomotive lol.",
    )
    assert {"LeBron", "LeBron James"} <= _node_of(found, "LeBron James"), found


def test_a_surname_that_names_a_small_town_listed_beside_a_person_is_a_person():
    """ "Durant" is a town of Oklahoma too: a small town's name does not keep a surname from its person."""
    found = entities_in(
        "Lol, so delusional.  That’s why they went to the nets.  Our core is so shit, adding Durant and Kyrie would "
        "not even be close to a contender."
    )
    assert label_of(found, "Durant") == schema.PERSON, found


def test_a_common_word_before_a_name_the_post_writes_alone_is_no_part_of_it():
    """ "rookie LeBron had. Rookie LeBron barely had a jump shot": LeBron as a rookie, no body named "Rookie LeBron"."""
    found = entities_in(
        "RJs performing great but there’s something missing from him that rookie LeBron had. Rookie LeBron barely had "
        "a jump shot so it’s not that."
    )
    assert label_of(found, "LeBron") == schema.PERSON and "Rookie LeBron" not in forms_of(found), found
