"""People's forms on one node, two people of one surname on two (issue 14), and the technical register
kept out: each case is a short real-style comment, run through the whole extractor."""

import pytest

from graphkit import schema
from graphkit.extract import Extractor
from graphkit.extract.register import code_in, identifier, versioned
from tests.extract.entity_texts import comments, entity_nodes


def _holding(nodes: list, form: str):
    return next((n for n in nodes if form == n.props["name"] or form in n.props["aliases"]), None)


pytestmark = pytest.mark.usefixtures("entity_model")


CLINTONS = (
    "Bill Clinton gave paid speeches while Hillary Clinton was secretary of state.",
    "Mrs. Clinton said she never intervened in the deal.",
    "Mr. Clinton received $500,000 for a speech in Moscow.",
    "I still think Hillary will be the nominee, and Bill will campaign for her.",
    "If H. Clinton is the candidate I will not vote. Hillary Rodham Clinton has too much baggage.",
)


def test_mr_and_mrs_of_one_surname_are_two_people_each_with_their_full_name():
    nodes = entity_nodes(*CLINTONS, "Clinton should answer the questions about the foundation.")
    hillary, bill = _holding(nodes, "Hillary Clinton"), _holding(nodes, "Bill Clinton")
    assert hillary is not None and bill is not None and hillary.id != bill.id
    assert {"Mrs. Clinton", "Hillary", "H. Clinton", "Hillary Rodham Clinton"} <= set(hillary.props["aliases"])
    assert {"Mr. Clinton", "Bill"} <= set(bill.props["aliases"])
    assert hillary.label == bill.label == schema.PERSON
    assert "Clinton" not in hillary.props["aliases"] + bill.props["aliases"]  # the bare surname fits both
    # the reason each form joined is the alias evidence
    assert "mrs-clinton ~ h" in hillary.props["evidence"]  # the reason shows the titled form, not a key
    assert "title: the one woman of that name in view" in hillary.props["evidence"]
    assert "first name of the one full name in view" in hillary.props["evidence"]


def test_a_surname_after_a_title_joins_a_full_name_whose_first_name_no_list_knows():
    nodes = entity_nodes("Barack Obama was president then.", "Mr. Obama wanted better relations with Russia.")
    assert {"Barack Obama", "Mr. Obama"} <= {
        _holding(nodes, "Mr. Obama").props["name"],
        *_holding(nodes, "Mr. Obama").props["aliases"],
    }


def test_the_x_administration_names_a_person_even_where_a_town_has_the_name():
    nodes = entity_nodes(
        "The Obama administration approved the deal.", "Perhaps the Obama administration should forget about Iran."
    )
    assert _holding(nodes, "Obama").label == schema.PERSON


def test_initials_join_the_one_name_spelt_out():
    nodes = entity_nodes(
        "The New York Times ran the story on page one.",
        "Credit to the NY Times for running it.",
        "It is about time the NYT looked into these deals.",
    )
    times = _holding(nodes, "New York Times")
    assert {"NY Times", "NYT"} <= set(times.props["aliases"]) and times.label == schema.ORGANIZATION


@pytest.mark.parametrize(
    ("text", "name", "not_name"),
    [
        (
            '"I looked into his eyes and saw his soul" --George W. Bush on Putin, June 2001.',
            "George W. Bush",
            "W. Bush",
        ),
        ("We need to get back to monarchies, because Louis XIV didn't need the money.", "Louis XIV", "Louis"),
        ("What an evil man Vladimir Putin is, and Russia is not to be trusted.", "Vladimir Putin", "Vladimir"),
        (
            "It is clear now why, during the 2012 presidential campaign, HC castigated Mitt Romney- labeling him out"
            " of touch- for his anti-Russian posture.",
            "Mitt Romney",
            "Mitt Romney-",
        ),
    ],
)
def test_initials_regnal_numbers_and_glued_dashes_stay_in_a_name(text, name, not_name):
    nodes = entity_nodes(text)
    assert _holding(nodes, name) is not None and _holding(nodes, not_name) is None


def test_a_phrase_of_common_words_is_a_name_once_written_so_twice():
    once = "$35 million in donations from Uranium One to the Clinton Foundation is just plain wrong."
    again = "The State Department was just one of nine agencies in the review of the sale of Uranium One."
    assert _holding(entity_nodes(once), "Uranium One") is None
    assert _holding(entity_nodes(once, again), "Uranium One").label == schema.ORGANIZATION


@pytest.mark.parametrize(
    ("texts", "junk"),
    [
        (["Should we use a WebSocket for the updates instead of polling?"], "WebSocket"),
        (["I wish YouTubers would stop asking me to smash that like button."], "YouTubers"),
        (["The problem was that Ubuntu's default `~/.bashrc` set `HISTSIZE` first."], "Ubuntu"),
    ],
)
def test_the_technical_register_is_no_entity(texts, junk):
    assert _holding(entity_nodes(*texts), junk) is None


@pytest.mark.parametrize(
    ("word", "why"),
    [
        ("WebSocket", "written in CamelCase"),
        ("KoTor", "written in CamelCase"),
        ("read_polygon", "written as a code identifier"),
        ("aarch64", "written as a code identifier"),
        ("Win32", "written as a code identifier"),
        ("G7", None),
        ("MI6", None),
        ("McAfee", None),
        ("DiCaprio", None),
        ("O'Brien", None),
        ("Lavrov", None),
    ],
)
def test_identifiers_are_told_from_names(word, why):
    assert identifier(word) == why


def test_versions_and_code_are_recognised():
    assert versioned("8.04") and versioned("v2.6.32") and not versioned("2014") and not versioned("one")
    assert code_in("see boost::asio for that") == "boost::asio"
    assert code_in("Putin met Obama in Moscow, and nothing came of it.") is None


def test_a_merge_reason_without_a_new_alias_is_emitted():
    """A stored entity already holds both forms; the load that first merges them in view emits the reason."""
    from graphkit.records import Known

    stored = ("Person", "Sergey Lavrov", ["Lavrov", "Sergey Lavrov"], "Person 4: model PERSON")
    extractor = Extractor()
    extractor.remember(Known([], [], [stored], lambda threads: {}))
    nodes = [n for n in extractor.extract(comments("Sergey Lavrov spoke first.", "Lavrov then left.")).nodes]
    node = _holding([n for n in nodes if n.label == schema.PERSON], "Lavrov")
    assert node is not None and "lavrov ~ sergey-lavrov" in node.props["evidence"], nodes


def test_an_epithet_before_a_nickname_joins_the_one_full_name_with_that_given_name():
    nodes = entity_nodes("Bill Clinton gave a speech in Moscow.", "Everyone knows Slick Willy loves money.")
    node = _holding(nodes, "Bill Clinton")
    assert "Slick Willy" in node.props["aliases"] and "an epithet" in node.props["evidence"]


def test_an_epithet_before_a_nickname_of_two_people_in_view_joins_neither():
    nodes = entity_nodes(
        "Bill Clinton gave a speech in Moscow.",
        "William Hague answered him.",
        "Everyone knows Slick Willy loves money.",
    )
    assert not any("Slick Willy" in n.props["aliases"] and len(n.props["aliases"]) > 1 for n in nodes)


def test_an_organisation_named_with_an_everyday_word_left_out_is_one():
    nodes = entity_nodes("The Gates Family Foundation gave money.", "The Gates Foundation denies it.")
    node = _holding(nodes, "Gates Foundation")
    assert node is not None and "Gates Family Foundation" in node.props["aliases"]
    assert "'family' left out" in node.props["evidence"]


def test_a_company_described_by_a_noun_for_a_doer_stays_a_company():
    """ "Google, the ubiquitous monopolist of search": a noun in "-ist" set beside a name describes companies as well as
    people, so it makes no person of a body the model reads."""
    found = {
        n.props["name"]: n.label
        for n in entity_nodes(
            "Google, the ubiquitous monopolist of search, was fined again.",
            "I still use Google Maps and Google every day.",
        )
    }
    assert found.get("Google") == schema.ORGANIZATION, found


def test_a_full_name_opening_with_a_given_name_no_list_holds_is_no_epithet():
    """ "LeBron James" is no nickname of James Harden: "LeBron" is no word English writes in lower case, as "slick" is,
    however often it is written; two people named in full stay two."""
    for texts in (
        ["LeBron James and James Harden both played well.", "James was the best on the floor."],
        ["LeBron James scored 30.", "James Harden had a bad night."],
    ):
        nodes = entity_nodes(*texts)
        assert not any({"LeBron James", "James Harden"} <= {n.props["name"], *n.props["aliases"]} for n in nodes), nodes
