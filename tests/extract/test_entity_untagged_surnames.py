"""Surnames the small model passes over inside a sentence (issue 14): a surname of the name lists that English seldom
writes as a word is a person's name there, unless the words before it say it names a people, a work or a place.
Texts are the development threads' own (tests/data/entities)."""

import pytest

from graphkit import schema
from tests.extract.entity_texts import entities_in, label_of

pytestmark = pytest.mark.usefixtures("entity_model")


def test_a_surname_the_model_missed_inside_a_sentence_is_a_person():
    """reddit-nyknicks-bucks-postgame-139 and reddit-movies-oppenheimer-110: "Crabbe" after "traded" and "Pash" after
    "with" the model tagged as nothing; each is a surname of the lists no English word, capitalised inside its
    sentence."""
    found = entities_in(
        "Blazers traded away Harkless for a first, Warriors traded Iggy for a first, Nets traded Crabbe for a first.",
        "Acting and editing here was just unreal. \n\n- The scene with Pash. The line delivery is so soft spoken.",
    )
    assert label_of(found, "Crabbe") == schema.PERSON, found
    assert label_of(found, "Pash") == schema.PERSON, found


def test_a_surname_after_the_or_a_place_preposition_or_opening_a_sentence_is_no_evidence():
    """bvparishat-2009-06-72: "The Mayans of South and Meso America" names a people and "in Koshi" a place; a capital
    opening a sentence is the sentence's ("Pash is a word here"), and a word the thread writes in lower case is a
    word ("the crabbe" and "Crabbe")."""
    found = entities_in(
        "1. The Mayans of South and Meso America had lived in the region.",
        "We have already seen it in Bihar (the flood caused recently in Koshi due to its change of basin).",
        "Pash is a word here.",
        "He ate the crabbe. Then he traded Crabbe for a first.",
    )
    assert label_of(found, "Mayans") is None, found
    assert label_of(found, "Koshi") is None, found
    assert label_of(found, "Pash") is None, found
    assert label_of(found, "Crabbe") is None, found
