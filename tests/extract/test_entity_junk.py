"""Junk of the development threads by its cause (issue 14): words of a kind no name is of, which the model reads as
people, places or bodies. Each text is a real comment or mail of those threads (tests/data/entities), cut to the
sentences the rule reads."""

import pytest

from graphkit import schema
from tests.extract.entity_texts import entities_in, forms_of, label_of

pytestmark = pytest.mark.usefixtures("entity_model")


def test_an_interjection_opening_a_reply_is_no_name():
    """hn-whoishiring-2020-01-45: the model reads "Bah" as a person."""
    found = entities_in("Bah, thanks! Has been fixed :)")
    assert "Bah" not in forms_of(found), found
