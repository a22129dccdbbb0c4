"""The entity rules' shortcuts for speed decide as the long way does: a pattern rewritten to be searched faster finds
what the plain one finds, and a step that skips a post with nothing to judge leaves each name as judging it would."""

import re

from graphkit import schema
from graphkit.extract import entities
from graphkit.extract.entities import Mention

# the plain pattern ``_SEXED`` is the fast form of
PLAIN_SEXED = re.compile(r"\b(?:he|his|him|she|her|its|their)\b", re.IGNORECASE)


def test_the_pronoun_pattern_finds_a_pronoun_where_the_plain_pattern_does():
    texts = [
        "He said so",
        "so did she",
        "HIS, HER and THEIR",
        "Its end",
        "it's his",
        "this, thin, shed, herd, items, theirs, hers",
        "Ithaca and Thessaly",
        "x_he and 3him",
        "he_",
        "(she)",
        "\nher\n",
        "the hen saw them there",
        "ſhe and the \u212aelvin sign",
        "",
        "h",
        "é he",
        "ahe ishe hehe",
        "Theirs is their own",
    ]
    for text in texts:
        assert bool(entities._SEXED.search(text)) == bool(PLAIN_SEXED.search(text)), text
    # every word of every text on its own, and each glued to a letter, a digit or an underscore either side
    words = {w for text in texts for w in text.split()} | {"he", "his", "him", "she", "her", "its", "their"}
    for word in words:
        for glued in (word, f"a{word}", f"{word}a", f"1{word}", f"_{word}", f"{word}_", f" {word}.", f"-{word}-"):
            assert bool(entities._SEXED.search(glued)) == bool(PLAIN_SEXED.search(glued)), glued


def mention(text: str, surface: str, **fields) -> Mention:
    start = text.index(surface)
    return Mention(start, start + len(surface), surface, surface, **fields)


def test_a_name_listed_beside_no_name_keeps_the_words_listed_next_to_it():
    """One name in a post: no list of names, so no vote, but the capitalised word listed before it is kept."""
    text = "It was under Blair and Brown that it began."
    brown = mention(text, "Brown", model="PERSON")
    entities._listed_with_kinds([brown], text)
    assert brown.beside == [("Blair", "Blair")]
    assert brown.votes == {}


def test_names_listed_side_by_side_vote_and_a_name_apart_keeps_only_its_words():
    """ "Snowden, Assange" listed, a third name apart from the list: the list's names are beside each other (a
    surname beside a person's full name is a person's), the third has no name beside it and no vote."""
    text = "Edward Snowden, Assange. Later Manning met Smith and Jones."
    snowden = mention(text, "Edward Snowden", model="PERSON", given=True)
    snowden.vote(schema.PERSON, 1.5, "first name 'Edward'")
    assange = mention(text, "Assange", model="ORG")
    manning = mention(text, "Manning", model="ORG")
    entities._listed_with_kinds([snowden, assange, manning], text)
    assert snowden.beside == [("Assange", "Assange")]
    assert assange.beside == [("Edward Snowden", "Edward Snowden"), ("Snowden", "Snowden")]  # the word before it too
    assert assange.votes.get(schema.PERSON) == 1.5
    assert manning.beside == [] and manning.votes == {}


def test_capitals_beside_a_defined_or_a_known_acronym_are_a_body():
    """A defined acronym and a known one make the capitals beside them a body's, as a body voted in the post does."""
    text = "neither pro ZZQ nor APC, and not XYW or NATO"
    zzq, apc = mention(text, "ZZQ", shouted=True), mention(text, "APC", shouted=True)
    xyw = mention(text, "XYW", shouted=True)
    entities._listed_with_bodies([zzq, apc, xyw], text, {"ZZQ"})
    assert not apc.shouted and apc.evidence == ["Organization+1.5 listed beside the body 'ZZQ'"]
    assert not xyw.shouted and xyw.evidence == ["Organization+1.5 listed beside the body 'NATO'"]
    assert zzq.shouted  # beside nothing a body's: "pro" before it, "APC" after it shouted too


def test_a_comma_setting_a_name_off_is_read_off_the_characters_around_it():
    """The first character other than a space before a name or after it is a comma, as the text stripped of its
    spaces before and after the name says, at every place a name may stand."""
    texts = ["Go, React,  Node ,\tRedis", ",x,", "a ,\n b\u2003, c", "", "no commas here", " , ", "x\u00a0,"]
    for text in texts:
        for start in range(len(text) + 1):
            for end in range(start, len(text) + 1):
                plain = text[:start].rstrip().endswith(",") or text[end:].lstrip()[:1] == ","
                assert entities._set_off_by_comma(text, start, end) == plain, (text, start, end)
