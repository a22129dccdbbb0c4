"""Label evidence beyond the model (issue 14): a company lexicon, heads that name countries, nouns and roles
around a name, names split or kept whole by their spelling, and capitalised phrases that are no names. Each
case is a sentence of its own, checked through the real model, with the evidence the label keeps."""

import pytest

from tests.extract.entity_texts import entity_nodes


def _nodes(*texts: str) -> dict[str, tuple[str, set[str], str]]:
    return {
        n.props["name"]: (n.label, {n.props["name"], *n.props["aliases"]}, n.props["evidence"])
        for n in entity_nodes(*texts)
    }


pytestmark = pytest.mark.usefixtures("entity_model")


@pytest.mark.parametrize(
    ("text", "name", "label", "evidence"),
    [
        ("Back then Garmin was hiring in Olathe.", "Garmin", "Organization", "listed company"),
        ("He worked for Cummins for thirty years.", "Cummins", "Organization", "listed company"),
        ("My grandparents grew up in the Soviet Union before the war.", "Soviet Union", "Place", "model GPE"),
        ("Nobody in the Kennedy family would have done that.", "Kennedy", "Person", "'family' after it"),
        ("A Lukoil subsidiary bought the refinery.", "Lukoil", "Organization", "'subsidiary' after it"),
        ("Givi, the commander of the Somalia battalion, died in 2017.", "Givi", "Person", "title or role"),
        ("Rove, Gingrich and Nancy were on every channel that night.", "Gingrich", "Person", "listed beside people"),
    ],
)
def test_label_and_the_evidence_it_keeps(text, name, label, evidence):
    found_label, _forms, why = _nodes(text)[name]
    assert found_label == label and evidence in why


@pytest.mark.parametrize(
    ("text", "names"),
    [
        ("She works in Washington DC for a think tank.", {"Washington DC"}),
        ("He spent a year at the Brookings Institution before the campaign.", {"Brookings Institution"}),
        ("The trains of the Union-Pacific Railroad ran through Omaha.", {"Union-Pacific Railroad", "Omaha"}),
        (
            "She took a class at the University of Chicago's Booth School last year.",
            {"University of Chicago", "Booth School"},
        ),
    ],
)
def test_names_kept_whole_or_split_at_an_owner(text, names):
    assert set(_nodes(text)) == names


def test_two_forms_of_a_bodys_head_word_merge_with_the_reason():
    nodes = _nodes("He spent a year at the Brookings Institution, and later the Brookings Institute hired his wife.")
    assert len(nodes) == 1
    _label, forms, why = nodes["Brookings Institution"]
    assert forms == {"Brookings Institution", "Brookings Institute"} and "two forms of one head word" in why


@pytest.mark.parametrize(
    "text",
    [
        "Trade moved along the Amber road for centuries.",  # one word before a lower-case head
        "They bought German Steel because the steel was cheap.",  # a people's adjective and a word of the thread
        "He said the Presidential race was over. The Presidential debates were dull.",  # an adjective
    ],
)
def test_capitalised_phrases_that_are_no_names(text):
    assert _nodes(text) == {}
