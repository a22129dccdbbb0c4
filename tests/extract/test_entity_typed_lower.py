"""A name typed in lower case (``entities._typed_lower``, ``AliasResolver._typed_lower``; issue 14): a mention of the
entity its thread names capitalised, where English rarely writes the word in lower case. The texts are comments of
tests/data/entities/wikipedia-talk-arab-spring-120 (Talk:2010–2011 Arab world protests, bencabrera/grawitas at
fa93d8c99c9420902ae8c5551d2036166a4f8ee0, instances/arab_spring_archive1.txt, editors' comments on en.wikipedia.org,
CC BY-SA 3.0), and sentences made to hold what the rule must not take."""

from dataclasses import replace

import pytest

from graphkit import schema
from graphkit.extract import Extractor
from graphkit.extract.casing import everyday_lower
from tests.extract.entity_texts import comments, entities_in

pytestmark = pytest.mark.usefixtures("entity_model")

# the talk page: Mohamed Bouazizi named in full and by his surname, then "bouazizi" typed in lower case
_BOUAZIZI = (
    "*, Sidi Bouzid: Mohamed Bouazizi set himslef alight in front of the municipal building to protest corruption and "
    "ill-treatment by the local police, triggering riots the next day.",
    "No, I meant the origin for the protest. That fact is already stated how it started in Tunisia and spread. But "
    "what made Bouazizi do what he did. That's what needs to be added, some background information.",
    "one can add the pan-arab list of self-immolations to this one, then it can also be cut off from the bouazizi "
    "article.",
)


def _mentions(*texts: str) -> tuple[dict[str, str], list[tuple[str, str, str]]]:
    """Each entity node's id to its name, and each MENTIONS edge as (post, entity name, text spanned)."""
    fragment = Extractor().extract(comments(*texts))
    names = {n.id: n.props["name"] for n in fragment.nodes if n.label in schema.ENTITY_LABELS}
    edges = [
        (e.source, names[e.target], e.props["text"])
        for e in fragment.edges
        if e.type == schema.MENTIONS and e.target in names
    ]
    return names, edges


def test_a_name_typed_in_lower_case_is_the_entity_its_thread_capitalises():
    """ "cut off from the bouazizi article": Mohamed Bouazizi's node, a MENTIONS edge of the post spanning the word
    at its place, the form among the node's aliases."""
    fragment = Extractor().extract(comments(*_BOUAZIZI))
    node = next(n for n in fragment.nodes if n.props.get("name") == "Mohamed Bouazizi")
    edge = next(e for e in fragment.edges if e.type == schema.MENTIONS and e.props["text"] == "bouazizi")
    start = _BOUAZIZI[2].index("bouazizi")
    assert (edge.source, edge.target, edge.props["start"], edge.props["end"]) == ("t:2", node.id, start, start + 8)
    assert node.label == schema.PERSON and "bouazizi" in node.props["aliases"], node.props


def test_the_reason_is_kept_as_evidence():
    """The entity's evidence says the lower-case form joined it, and by which capitalised name."""
    fragment = Extractor().extract(comments(*_BOUAZIZI))
    evidence = next(n.props["evidence"] for n in fragment.nodes if n.props.get("name") == "Mohamed Bouazizi")
    assert "bouazizi ~ Bouazizi: typed in lower case, named Bouazizi elsewhere in the thread" in evidence, evidence


def test_a_thread_that_capitalises_no_such_name_gains_no_entity():
    """The lower-case post alone: no entity; in another thread than his, no mention of Bouazizi."""
    assert "bouazizi" not in {f for _, forms in entities_in(_BOUAZIZI[2]).values() for f in forms}
    posts = comments(*_BOUAZIZI)
    posts[2] = replace(posts[2], thread="other")
    fragment = Extractor().extract(posts)
    assert not [e for e in fragment.edges if e.type == schema.MENTIONS and e.props["text"] == "bouazizi"]


# a name capitalised, then its word in lower case where English writes it so every day
_EVERYDAY = [
    ("Trump said he would win.", "He played a trump card and won the hand.", "trump"),
    ("China bought more soybeans this year.", "We ate off fine china at the wedding.", "china"),
    ("The Heat beat the Knicks again.", "I can't stand the heat in this arena.", "heat"),
]


@pytest.mark.parametrize(("named", "lower", "word"), _EVERYDAY)
def test_an_everyday_word_in_lower_case_stays_a_word(named: str, lower: str, word: str):
    """ "a trump card", "fine china", "the heat": words English writes in lower case every day, no mention of the
    capitalised name, whatever the thread names."""
    assert everyday_lower(word)
    _, edges = _mentions(named, lower)
    assert not [e for e in edges if e[0] == "t:1" and e[2] == word], edges


@pytest.mark.parametrize(
    "text",
    [
        "see https://en.wikipedia.org/wiki/bouazizi for more",
        "@bouazizi you are wrong",
        "posted on r/bouazizi yesterday",
        "run `bouazizi --help` first",
    ],
)
def test_a_name_inside_an_address_a_handle_or_code_is_none(text: str):
    """The name in a link, after "@" or "r/", or in code between backticks: no mention of Bouazizi."""
    _, edges = _mentions(*_BOUAZIZI[:2], text)
    assert not [e for e in edges if e[0] == "t:2"], edges


def test_a_word_of_a_post_in_another_language_names_nothing():
    """ "O rio está muito cheio": "rio", Portuguese for a river, which English's word list finds rare in lower case,
    is no mention of the Rio its thread capitalises; the frequency test is English's alone."""
    _, edges = _mentions(
        "We flew to Rio de Janeiro and then to Rio for the carnival.",
        "O rio está muito cheio hoje, subiu demais e a cidade ficou alagada depois da chuva forte.",
    )
    assert not [e for e in edges if e[0] == "t:1"], edges
