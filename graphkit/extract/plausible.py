"""Whether a one-word entity is a name or a capitalised word the model took for one.

Commenters capitalise for emphasis ("Syria remains Sovereign"), at sentence starts
("Absolutely", "Fingers crossed") and at random ("keep Authority over provinces"); the small
model tags many of these. A one-word entity with no gazetteer, acronym or title behind it is
kept only with evidence in proportion to how word-like it is (``lexicon.kind``): a common or
foreign word needs two capitalised mentions inside sentences or one after "the" (the Pentagon);
a body's head English capitalises more often than not ("Congress", "Senate") one inside a sentence that the model
reads as a body's;
a word too rare to judge needs the model to call it a person or place (Chechnya, Shoigu) or to
be named twice (the model's ORG is its commonest mistake), and one English writes as a word ("Kerosene" opening a
list's line) a mention inside a sentence too; a name used across languages needs
nothing. A country's region English writes as often as a word (England, Wales) needs a mention inside a sentence,
not after "the", that the model's label or a place preposition makes a place. A word the thread also writes in
lower case ("putin", "schema") needs three capitalised mentions inside sentences and not after "the", whatever its
kind. A word English writes often that only opens sentences, with the model's label for all its evidence, is no name
whatever its kind (``_opening_word_alone``), and so is a rarer word listed among words English writes in lower
case, all capitalised as a list's items are (``_listed_among_words``).
"""

from __future__ import annotations

from .. import schema
from .casing import capitalised_word, lower_case_word
from .entities import ORG_WORDS, Mention, _everyday_word
from .gazetteer import ORG_ACRONYMS, gazetteer
from .lexicon import Kind, kind, zipf
from .names import first_name
from .stop_words import STOP_WORDS

__all__ = ["plausible"]

# capitalised mentions inside sentences that make a name of a word the thread also writes in lower case
_LOWERED_INSIDE = 3
# how often (Zipf) English writes a word too rare to judge for a capital at a sentence's start alone to say nothing
_WORD_ZIPF = 2.5
# the model's labels for what English names after "the" with a word it writes in lower case too: a body ("the
# Fed", "the Times", "the Church") or a building or a street ("the Mall"); a place or a person there so is the
# sentence's word ("on the Podcast")
_NAMED_AFTER_THE = {"ORG", "FAC"}


def _backed(mention: Mention) -> bool:
    """Forms whose evidence is not the model's word alone: several words, acronyms, gazetteer places; not a small
    town's name the thread writes in lower case as a word ("Police", a town in Poland; ``Mention.lowered``)."""
    key = mention.key
    return " " in key or key.isupper() or key in ORG_ACRONYMS or bool(gazetteer().place(key)) and not mention.lowered


def _placed(mention: Mention) -> bool:
    """A country's region English writes as often as a word ("I live in Wales."), capitalised inside a sentence, not
    after "the" (as "the Bay" is), where its own evidence (the model's place, a place preposition) leads to Place."""
    place = mention.votes.get(schema.PLACE, 0.0)
    inside = not (mention.initial or mention.article or mention.lowered)
    return inside and place > 0 and place == max(mention.votes.values()) and gazetteer().worded(mention.key)


def _opening_word_alone(mentions: list[Mention]) -> bool:
    """Every mention is one everyday English word opening a sentence or a line, the model's label its one vote ("Boy
    COBOL is BIG", "Grey sweat pants girl is very ghetto", "Formula is basically 2 max guys"): the capital is the
    sentence's, and the model reads a capitalised word there as a name. The development threads' entities read so
    with nothing else behind them are all junk; those key entities are words English seldom writes ("Teller",
    "Lewinsky") or named inside a sentence too. A given name of the lists is a person's there as often ("Daniel 9:27
    was fulfilled")."""
    return all(
        m.initial and m.model and not m.ruled and _everyday_word(m.key) and not first_name(m.key) for m in mentions
    )


def _lower_case_alone(mentions: list[Mention]) -> bool:
    """Every mention is a word English writes in lower case ("Malaria", "Podcast", "Troll"), the model's label its one
    vote for a name: a word other languages borrow reads as a name by frequencies alone (``lexicon.kind``), and the
    capital is the sentence's, a heading's or emphasis. After "the" ("on the Podcast") it is the word's only vote
    still, the rules' vote against a person there being none for a name (``Mention.backed``), unless the model reads
    a body, a building or a street there ("the Fed", "the Times", "down the Mall": ``_NAMED_AFTER_THE``) in a sentence
    that capitalises no other such word inside it ("If you Use the Terminal": ``Mention.emphatic``). A given name
    of the lists the model reads as a person's is one as often ("Mark", "Grant": English writes them too often as
    words for the name to cast a vote of its own)."""
    return all(
        m.model
        and not (m.backed if m.article and (m.model not in _NAMED_AFTER_THE or m.emphatic) else m.ruled)
        and lower_case_word(m.key)
        and not (m.model == "PERSON" and first_name(m.key))
        for m in mentions
    )


def _listed_among_words(mentions: list[Mention]) -> bool:
    """Every mention is one word, the model's label its one vote, listed beside capitalised words English writes in
    lower case and beside no name ("Him: Malaria, Catarrh, CoughMe: Chickenpox"): a list of common words, each
    capitalised as a list's items are, where the model reads a rarer word as a name. A word used as a name across
    languages (``lexicon.kind``) or a given name of the lists is one as often ("Mark, Grant"); a stop word after a
    comma opens a clause or a title, no list ("Protestants.Vidmar, The Catholic Church Through the Ages")."""
    return all(
        m.model
        and not m.ruled
        and " " not in m.key
        and m.beside
        and all(lower_case_word(surface) and surface.lower() not in STOP_WORDS for surface, _ in m.beside)
        and kind(m.key) is not Kind.NAME
        and not first_name(m.key)
        for m in mentions
    )


def plausible(mentions: list[Mention]) -> bool:
    """True unless all ``mentions`` (of one new entity) are a single word with too little evidence of a name."""
    if any(_backed(m) or m.cue or _placed(m) for m in mentions):
        return True
    if _opening_word_alone(mentions) or _lower_case_alone(mentions) or _listed_among_words(mentions):
        return False
    inside = sum(not m.initial for m in mentions)
    # "putin" in lower case elsewhere: "Putin" capitalised thrice inside sentences is still a name, as "Labour" is,
    # though the thread writes "labour" too; "the Uranium" refers back to a common word, as "the Foundation" does
    if all(m.lowered for m in mentions) and sum(not m.article for m in mentions if not m.initial) < _LOWERED_INSIDE:
        return False
    named = any(m.article and not m.initial for m in mentions)
    person_or_place = any(m.model in ("PERSON", "GPE", "LOC") for m in mentions)
    body_inside = any(m.model == "ORG" and not m.initial for m in mentions)
    for key in {m.key for m in mentions}:
        found = kind(key)
        if found is Kind.NAME:
            return True
        worded = not inside and zipf(key.lower(), "en") >= _WORD_ZIPF  # "2. Kerosene from 50 naira to 120"
        if found is Kind.RARE and (person_or_place or len(mentions) >= 2) and not worded:
            return True
        if found in (Kind.COMMON, Kind.FOREIGN) and (inside >= 2 or named):
            return True
        if found is Kind.COMMON and key.lower() in ORG_WORDS and body_inside and capitalised_word(key):
            return True  # "leave Congress firmly in the hands of": a body named by its head alone, as English writes it
    return False
