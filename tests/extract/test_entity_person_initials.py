"""A person's initials in capitals (``AliasResolver._merge_person_initials``; issue 14): capitals of two to four letters
that are exactly the initials of the one person their thread names in full join that person, where the shouting rule
dropped them. The texts are comments of tests/data/entities/nyt-clinton-foundation-200 (frnsys/geiger at
c5b2814373512e1fe4fc41b75ff1d81dec096953, examples/clinton_example.json, readers' comments on nytimes.com) and of
reddit-nyknicks-bucks-postgame-139 (notSeabasschin12/NBA_reddit at 73038aa6a161052f09b11fc9430e622938858ed3,
regseason_postgame_2020_NYKnicks.csv, readers' comments on reddit.com), and sentences made to hold what the rule must
not take."""

import pytest

from graphkit import schema
from graphkit.extract import Extractor
from graphkit.records import Post
from tests.extract.entity_texts import entities_in, label_of

pytestmark = pytest.mark.usefixtures("entity_model")

_RODHAM = (
    "The extreme right wing is going to view anything and everything that Hillary Rodham Clinton and her husband are or"
    " were involved in as scurrilous or at least ominous and try to sell that point of view to the rest of us"
)
_HRC = (
    "Interesting also that Giustra says he sold all his holdings in Uranium 1 in 2007...18 months before HRC became "
    "Secretary of State."
)
_DENNIS = (
    "I didn't watch the game, just checking the box score now. So Frank Ntilikina played 8 minutes and Dennis Smith "
    "Jr. played 11 minutes? What's going on there?"
)
_DSJ = "Frank was doing nothing good, DSJ played a little better, but this team needs a shooting coach."


def _holder(found: dict[str, tuple[str, set[str]]], form: str) -> str | None:
    return next((name for name, (_, forms) in found.items() if form in forms), None)


def test_initials_join_the_one_person_named_in_full():
    """ "before HRC became Secretary of State" beside Hillary Rodham Clinton; "DSJ played a little better" beside
    Dennis Smith Jr., a generation's suffix counted: each on the person's node, labelled Person."""
    found = entities_in(_RODHAM, _HRC)
    assert _holder(found, "HRC") == _holder(found, "Hillary Rodham Clinton") is not None, found
    assert label_of(found, "HRC") == schema.PERSON
    found = entities_in(_DENNIS, _DSJ)
    assert _holder(found, "DSJ") == _holder(found, "Dennis Smith Jr.") is not None, found


def test_the_merge_says_why():
    """The person's evidence keeps the merge's reason."""
    posts = [
        Post(id=f"t:{i}", thread="t", is_article=False, text=t, platform="web", source="s", author=f"u{i}")
        for i, t in enumerate((_RODHAM, _HRC))
    ]
    fragment = Extractor().extract(posts)
    evidence = next(n.props["evidence"] for n in fragment.nodes if "HRC" in n.props.get("aliases", ()))
    assert "initials HRC of the one person its thread names in full" in evidence, evidence


def test_initials_two_people_share_join_neither():
    """Hillary Rodham Clinton and a Henry Robert Cooper named in full: "HRC" is neither's."""
    found = entities_in(_RODHAM, "Henry Robert Cooper boxed for Britain and lost to Ali.", _HRC)
    assert _holder(found, "Henry Robert Cooper") is not None, found
    people = {_holder(found, "Hillary Rodham Clinton"), _holder(found, "Henry Robert Cooper")}
    assert _holder(found, "HRC") not in people, found


def test_a_known_acronym_stays_apart_from_a_person_of_its_letters():
    """ "CIA" beside Carl Ian Anders: the lists know the acronym, so it is the agency's, not his."""
    found = entities_in(
        "Carl Ian Anders wrote the report on the embassy last spring.",
        "The CIA never answered his questions about the embassy.",
    )
    assert _holder(found, "Carl Ian Anders") is not None, found
    assert "CIA" not in found[_holder(found, "Carl Ian Anders")][1], found


def test_initials_in_another_thread_join_no_one():
    """Hillary Rodham Clinton named in one thread, "HRC" written in another: no alias of hers."""
    posts = [
        Post(id="a:0", thread="a", is_article=False, text=_RODHAM, platform="web", source="s", author="u0"),
        Post(id="b:0", thread="b", is_article=False, text=_HRC, platform="web", source="s", author="u1"),
    ]
    fragment = Extractor().extract(posts)
    forms = {
        f for n in fragment.nodes if n.label in schema.ENTITY_LABELS for f in [n.props["name"], *n.props["aliases"]]
    }
    assert "Hillary Rodham Clinton" in forms and "HRC" not in forms, forms


def test_initials_after_the_are_a_things():
    """ "the OG recipe" beside Oscar Garcia (sentences written for this test): capitals after "the" are no person's."""
    found = entities_in("Oscar Garcia cooked dinner for us.", "That is the OG recipe right there.")
    assert _holder(found, "Oscar Garcia") is not None, found
    assert "OG" not in found[_holder(found, "Oscar Garcia")][1], found


def test_initials_a_thread_writes_without_the_person_join_no_one():
    """ "HRC" written where Hillary Rodham Clinton is named and, the same form, in a thread naming no one so: the form
    is one in both threads, so it is neither's rather than hers in the thread that never named her."""
    posts = [
        Post(id="a:0", thread="a", is_article=False, text=_RODHAM, platform="web", source="s", author="u0"),
        Post(id="a:1", thread="a", is_article=False, text=_HRC, platform="web", source="s", author="u1"),
        Post(id="b:0", thread="b", is_article=False, text=_HRC, platform="web", source="s", author="u2"),
    ]
    fragment = Extractor().extract(posts)
    aliases = {a for n in fragment.nodes if n.props.get("name") == "Hillary Rodham Clinton" for a in n.props["aliases"]}
    assert "HRC" not in aliases, aliases
