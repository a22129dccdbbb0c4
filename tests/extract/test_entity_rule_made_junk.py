"""Junk the rules themselves made on the development threads (issue 14), where the model's label alone would have
made none: each text is a real comment or mail of those threads (tests/data/entities), cut to the sentences the rule
reads, beside a real name of the same kind the narrowed rule still keeps."""

import pytest

from graphkit import schema
from tests.extract.entity_texts import entities_in, forms_of, label_of

pytestmark = pytest.mark.usefixtures("entity_model")


def test_a_sentence_end_glued_to_the_next_sentence_is_no_initialled_name():
    """nairaland-health-mentions-120: "hepatitis B.But" is a letter ending one sentence glued to the next one's first
    word, a stop word, no initial before a surname; dailymail-labour-manifesto-67's "M.Foot or N.Kinnock" are."""
    found = entities_in(
        "Just like HIV, there is no cure for hepatitis B.But can be properly managed.",
        "i mean this Corbyn lead Labour party is worse than either the M.Foot or N.Kinnock led Labour parties",
    )
    assert not {"B.But", "B. But"} & forms_of(found), found
    assert label_of(found, "M.Foot") == schema.PERSON and label_of(found, "N.Kinnock") == schema.PERSON, found


def test_a_place_word_after_a_word_the_thread_writes_in_lower_case_is_a_kind_of_place():
    """hn-whoishiring-2020-01-45: "the Help Center", written once, where the thread writes "help" in lower case, is
    the kind of page a group has, no place; fourforums-obama-gun-rights-60's "Dodge City", no word the thread writes
    in lower case before the place's word, stays the town."""
    found = entities_in(
        "If you have questions related to this or any other Google Group, visit the Help Center at "
        "https://support.google.com/a/searchable.ai/bin/topic.py?topi....",
        "Slab (https://slab.com) is a knowledge hub for modern teams. We help workplaces knock down silos and create "
        "a culture of shared learning.",
        "At one time Dodge City, with fewer than 10,000 people, had a shooting a day.",
    )
    assert "Help Center" not in forms_of(found), found
    assert label_of(found, "Dodge City") == schema.PLACE, found


def test_a_citys_name_after_the_that_english_writes_in_lower_case_is_the_nouns():
    """facebook-abc-news-tehan-centrelink-120: "the Commonwealth (LNP)", which the gazetteer holds as a city's name, is
    the federal government the model reads, no place; "Victoria" in the same thread stays the state."""
    found = entities_in(
        "Roger Goode this outbreak is a result of quarantine leak in SA (LNP government), which occurred because the "
        "Commonwealth (LNP) has done f-all to provide for appropriate facilities for quarantine",
        "Victoria has 820 deaths out of 910 Australia wide. Yep, definitely not the Victorian govt incompetence, it's "
        "everyone else's fault!",
    )
    assert label_of(found, "Commonwealth") != schema.PLACE, found
    assert label_of(found, "Victoria") == schema.PLACE, found


@pytest.mark.parametrize(
    ("texts", "place"),
    [
        (("They marched across Red Square. The red flag flew over the Kremlin.",), "Red Square"),
        (("Take the Victoria line to Green Park. The park was green and quiet.",), "Green Park"),
        (("We swam in the Dead Sea. The fish are dead there, nothing lives in it.",), "Dead Sea"),
    ],
)
def test_a_square_a_park_or_a_sea_after_a_word_the_thread_writes_in_lower_case_is_a_place(
    texts: tuple[str, ...], place: str
):
    """Only a building a body runs is named for its use by a word before it ("visit the Help Center" above): a square,
    a park or a sea after a word the thread writes in lower case too stays the place, written once (sentences written
    for this test)."""
    assert label_of(entities_in(*texts), place) == schema.PLACE
