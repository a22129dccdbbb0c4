"""Names the bare model finds that the rules had dropped (issue 14, recall never below the model's): a film's title
that is also its subject's name, a surname the model reads as a body's most times but as a person's several times,
and a person's initials in capitals. Texts are the development threads' own (tests/data/entities)."""

import pytest

from graphkit import schema
from graphkit.extract import aliases
from graphkit.extract.entities import Mention
from tests.extract.entity_texts import entities_in, label_of, thread_nodes

pytestmark = pytest.mark.usefixtures("entity_model")


def test_a_films_title_that_names_its_subject_stays_the_person():
    """r/movies on Oppenheimer: "watching Oppenheimer dissociate" marked the name as the film's once, which removed
    the man the thread names 38 times; the model reads him as a body's name most times (a bank's too), but as a
    person's six times, and "he" refers to him, so he is a person."""
    node = thread_nodes("reddit-movies-oppenheimer-110")["Oppenheimer"]
    assert node.label == schema.PERSON
    assert "read as a person's ×" in node.props["evidence"]


@pytest.mark.parametrize(("form", "name"), [("JFK", "JFK"), ("RDJ", "RDJ"), ("Nolan", "Christopher Nolan")])
def test_initials_and_names_the_model_reads_as_a_persons_are_people(form, name):
    """Capitals nothing defines are dropped as shouting unless the model reads them as a person's twice ("JFK voting
    against Strauss"); "RDJ" and "Nolan" were marked as the film's once ("in the final act of the movie")."""
    node = thread_nodes("reddit-movies-oppenheimer-110")[form]
    assert (node.label, node.props["name"]) == (schema.PERSON, name)


def _mention(model: str | None, work: bool = False, sex: str | None = None) -> Mention:
    mention = Mention(0, 6, "Fargo", "Fargo", model=model, work=work)
    mention.sex = sex
    return mention


@pytest.mark.parametrize(
    ("models", "works", "sexes", "kept"),
    [
        (["GPE", "GPE", "ORG", "GPE", "GPE"], 1, [], False),  # a series' title and a town's name: the work's
        (["ORG", "PERSON", "ORG", "PERSON", "ORG"], 1, [], True),  # read as a person's twice outside the mark
        (["ORG", "ORG", "ORG", "ORG", "ORG"], 1, ["m", "m"], True),  # "he" refers to it twice
        (["ORG", "PERSON", "ORG", "PERSON", "ORG"], 2, [], False),  # marked as the work's in two of five
    ],
)
def test_a_title_marked_as_a_works_stays_only_where_a_person_is_talked_of_by_it(models, works, sexes, kept):
    """A title marked as a work's in a quarter of its mentions at most stays, without those, where the model reads two
    others as a person's or "he" or "she" refers to two; else the title is the work's wherever the thread names it."""
    mentions = [_mention(model, work=i < works) for i, model in enumerate(models)]
    for mention, sex in zip(mentions[works:], sexes, strict=False):
        mention.sex = sex
    assert aliases._namesake(mentions) is kept


@pytest.mark.parametrize("form", ["Tottenham", "Crystal Palace", "Newcastle", "Liverpool", "Man City", "Brighton"])
def test_towns_named_as_teams_are_their_clubs(form):
    """r/coys: clubs named by their towns ("4-0 Tottenham", "beat Man City", "the Brighton game") were places, as the
    gazetteer and the model read the towns; the words around one mention make the name a team's, and in a thread that
    names three teams so, a town's name so named once ("Liverpool are due a loss") is its club's everywhere."""
    node = thread_nodes("reddit-coys-daily-discussion-120")[form]
    assert node.label == schema.ORGANIZATION, node.props["evidence"]


def test_a_town_named_once_as_a_team_among_no_other_teams_keeps_its_place():
    """A lone cue ("Detroit are …", said of its people) in a thread that names no other team leaves the town a place."""
    found = entities_in(
        "I grew up in Detroit and still miss it.",
        "Detroit has changed a lot since the factories closed, but Detroit are a tough people.",
        "My cousin moved to Detroit last year for work.",
    )
    assert label_of(found, "Detroit") == schema.PLACE, found


def test_a_surname_of_the_lists_the_model_alone_reads_as_a_body_is_a_persons():
    """reddit-coys-daily-discussion-120 and wikipedia-talk-catholic-church-80: "Fabrizio’s tweet" and "(Aguilar, 121)"
    were the model's bodies, and nothing else spoke for a label; a surname of the name lists that no gazetteer holds,
    no listed company's name nor a word English writes, is a person's there, as it is where the model reads a place."""
    found = entities_in(
        "I think only appearances don’t count for this season but CL qualification does. I read Fabrizio’s tweet but "
        "it is kind of vague. Is there any source that says CL qualification this season is not valid for the option?",
        'Theologians such as the Brazilian Leonardo Boff were silenced "Silenced"? And where\'s the reference?\n::The '
        'reference is right there (Aguilar, 121). It uses the term "silenced." He was given "a forced year of '
        'theological silence" (122) and prohibited from publishing, teaching, or speaking in public.',
    )
    assert label_of(found, "Fabrizio") == schema.PERSON, found
    assert label_of(found, "Aguilar") == schema.PERSON, found
