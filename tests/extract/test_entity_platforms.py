"""Online platforms named alone (issue 14): the model leaves "Facebook" untagged in "when Facebook wanted to patent"
and in "Facebook needs a way out.", and no stock index lists the platforms people name, so the platforms' list
(``graphkit.extract.companies.PLATFORMS``) makes each one word a body's name, wherever the sentence puts it. Each
text is a real comment of the development thread tests/data/real/hackernews/hn-comments-200.jsonl, read with its
reader."""

from pathlib import Path

import pytest

from graphkit import schema
from graphkit.extract import Extractor
from graphkit.sources import expand_inputs, read_posts
from tests.extract.entity_texts import entities_in, entity_nodes, label_of, thread_nodes, thread_texts

pytestmark = pytest.mark.usefixtures("entity_model")

HN = Path(__file__).parents[1] / "data" / "real" / "hackernews" / "hn-comments-200.jsonl"
PLATFORMS_NAMED = ("Facebook", "Google", "TikTok", "Twitter")


def test_a_platform_named_alone_is_a_body_opening_a_sentence_or_inside_one():
    posts = [p for p in read_posts(expand_inputs([str(HN)])) if "Facebook" in p.text]
    assert len(posts) == 3  # "Facebook needs a way out.", "if I search Facebook", "when Facebook wanted"
    named = {name for p in posts for name in PLATFORMS_NAMED if name in p.text}
    assert named == set(PLATFORMS_NAMED)  # the comments name each of them, so the thread's entities should
    nodes = Extractor().extract(posts).nodes
    labels = {n.props["name"]: n.label for n in nodes if n.label in schema.ENTITY_LABELS}
    assert {name: labels.get(name) for name in PLATFORMS_NAMED} == dict.fromkeys(PLATFORMS_NAMED, "Organization")
    why = next(n.props["evidence"] for n in nodes if n.label in schema.ENTITY_LABELS and n.props["name"] == "Facebook")
    assert "online platform" in why, why


def test_a_comment_widget_the_page_embeds_is_no_platform_named():
    """The example thread's "your Disqus posting archive" speaks of the page's own machinery (issue 14's junk)."""
    assert label_of(entities_in("Found this via your Disqus posting archive."), "Disqus") is None


def test_a_platforms_short_name_is_that_platform():
    """net54-t206-podcast-wagner-100: "I tried looking for and joining the Tobacco Row FB group" (quoted in a reply
    too) names Facebook, the body the thread's annotation holds with both forms; the acronyms' table knows it."""
    thread = "net54-t206-podcast-wagner-100"
    assert any("Tobacco Row FB group" in text for text in thread_texts(thread))
    node = thread_nodes(thread)["FB"]
    assert (node.label, node.props["name"]) == (schema.ORGANIZATION, "Facebook"), node.props


def test_a_word_listed_beside_a_platform_is_no_listed_company_s_neighbour():
    """A platform is a body by its own evidence only: "Maps" listed beside "Yahoo" was made an Organization, "listed
    beside the listed company 'Yahoo'", once platforms answered the listed companies' look-up."""
    found = entities_in("I use Google Maps and Yahoo Finance for the quotes.")
    assert label_of(found, "Maps") is None, found


@pytest.mark.parametrize(
    ("text", "facebook"),
    [
        ("The FB ran for 20 yards behind the left guard.", False),
        ("The coach moved him from FB to tight end.", False),
        ("I saw it on FB yesterday.", True),
        ("Ask in the FB group.", True),
        ("Running backs and FB coaches met.", False),
    ],
)
def test_fb_is_facebook_only_where_the_words_around_it_say_so(text, facebook):
    """ "FB" is as often a fullback as Facebook: before, every "FB" was the platform ("The FB ran …"), and the one the
    model reads as a body still was, whatever the words around it ("FB coaches")."""
    assert (label_of(entities_in(text), "Facebook") == schema.ORGANIZATION) is facebook, entities_in(text)


def test_the_model_s_fb_before_what_people_say_of_the_platform_is_facebook():
    """twitter-ferguson-ottawa-126: "so I can post to my FB account?", which the model reads as a body: the one rule
    of the words around it (``ACRONYMS_IN_CONTEXT``) makes it Facebook, as it does the FB the model leaves untagged."""
    thread = "twitter-ferguson-ottawa-126"
    assert any("my FB account" in text for text in thread_texts(thread))
    node = thread_nodes(thread)["FB"]
    assert (node.label, node.props["name"]) == (schema.ORGANIZATION, "Facebook"), node.props


@pytest.mark.parametrize(
    "text",
    [
        "Twitter said he lied about it.",
        "I told Twitter that he was wrong.",
        "Jack Dorsey and Twitter disagree on this.",
    ],
)
def test_a_platform_stays_a_body_where_the_words_around_it_speak_of_people(text: str):
    """The model reads "Twitter" as a person's name here, and a speech verb, a pronoun after it or people listed with it
    added their votes to the model's (2.5 to 3.5), outweighing the platforms' list (+2), or, a speech verb after it,
    silencing it. No platform of the list is a person's name: its vote outweighs them all, and the evidence says so.
    No development thread writes a platform so; these sentences are written for the test."""
    node = next(n for n in entity_nodes(text) if n.props["name"] == "Twitter")
    assert node.label == schema.ORGANIZATION, node.props
    assert "online platform (graphkit's list) (+4)" in node.props["evidence"], node.props
