"""Surnames the small model passes over inside a sentence (issue 14): a surname of the name lists that English seldom
writes as a word is a person's name there, unless the words before it say it names a people, a work or a place.
Texts are the development threads' own (tests/data/entities)."""

import pytest

from graphkit import schema
from tests.extract.entity_texts import entities_in, entity_nodes, label_of

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


def test_a_name_after_a_title_the_model_missed_is_a_person():
    """wikipedia-talk-catholic-church-80: the model tagged nothing of "Cardinal Cláudio Hummes"; after a title, words
    English seldom writes name the person. A title's short form that is a word ("Gen Z") and an English word after a
    title ("Secretary General") name no one."""
    found = entities_in(
        "In 2008, Cardinal Cláudio Hummes, head of the Congregation, affirmed that the scandal was exceptional.",
        "The head of the office of the NATO Secretary General received a scolding.",
        "Gen Z is online all day.",
    )
    assert label_of(found, "Cláudio Hummes") == schema.PERSON, found
    assert label_of(found, "General") is None, found
    assert label_of(found, "Z") is None, found


def test_a_team_after_play_for_the_is_a_body():
    """reddit-nyknicks-bucks-postgame-139: "He plays for the Magic", an English word after "the", names the team."""
    found = entities_in("Is he any good? \n\nHe plays for the Magic, so no.")
    assert label_of(found, "Magic") == schema.ORGANIZATION, found


def test_a_surname_a_letter_longer_after_the_same_given_name_is_one_person():
    """nairaland-politics-51: "Chief Ayo Ojewumi" and "Ayo Ojewunmi", a surname no list knows with a letter added after
    one given name, name one man; two surnames the lists know with an ending of their own stay two."""
    nodes = entity_nodes(
        "They jailed Pa Adekunle Ajasin and Chief Ayo Ojewumi on cases that had no foundation.",
        "Victim 11 - Ayo Ojewunmi became blind in jail after Buhari blatantly refused to release him.",
        "Ivan Petrov met Ivan Petrova.",
    )
    people = [{n.props["name"], *n.props["aliases"]} for n in nodes if n.label == schema.PERSON]
    assert any({"Ayo Ojewumi", "Ayo Ojewunmi"} <= forms for forms in people), people
    assert not any({"Ivan Petrov", "Ivan Petrova"} <= forms for forms in people), people


def test_a_nickname_clipped_from_a_surname_joins_the_person():
    """reddit-movies-oppenheimer-110: "Opie" is Oppenheimer's nickname, his surname's first letters and "-ie"; a given
    name of the lists so shaped ("Andy") is no Anderson's."""
    nodes = entity_nodes(
        "Oppenheimer was a great movie and Oppenheimer himself a complicated man.",
        'The best line: "Talk dirty to me Opie!"',
        "Andy said Anderson was right.",
    )
    people = [{n.props["name"], *n.props["aliases"]} for n in nodes if n.label == schema.PERSON]
    assert any({"Oppenheimer", "Opie"} <= forms for forms in people), people
    assert not any({"Andy", "Anderson"} <= forms for forms in people), people
