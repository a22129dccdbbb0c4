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
