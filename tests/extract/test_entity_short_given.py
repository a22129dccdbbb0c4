"""A given name written alone and the longer given name it is a short form of (issue 14): "Jon" and "Jonathan" of one
man on a kernel list. They join only on the census lists' evidence that the longer is a given name far more than a
surname, where it is the one long form in view and a writer read the two together; the review's pairs of two people
stay apart."""

from pathlib import Path

import pytest

from graphkit import schema
from graphkit.census import given_share
from graphkit.extract import Extractor
from graphkit.records import Post
from graphkit.sources import expand_inputs, read_posts
from tests.extract.entity_texts import entities_in

pytestmark = pytest.mark.usefixtures("entity_model")

DATA = Path(__file__).parents[1] / "data" / "entities"


def _by_form(path: Path) -> dict:
    posts = list(read_posts(expand_inputs([str(path)])))
    nodes = {n.id: n for n in Extractor().extract(posts).nodes if n.label in schema.ENTITY_LABELS}
    return {form: n for n in nodes.values() for form in {n.props["name"], *n.props["aliases"]}}


def _together(found: dict, one: str, other: str) -> bool:
    return any(one in names and other in names for _, names in found.values())


def test_a_short_given_name_joins_the_long_one_a_quoting_mail_holds():
    """lsm-inode-ino-tomoyo-2024-10-100: Paul Moore writes "Jonathan raises a similar point"; Serge Hallyn's reply
    quotes it and says "especially Jon's comments". The census lists give "Jonathan" as a given name and hardly ever
    as a surname, no other name in view opens with "Jon" (John, a writer's, is a name of its own, which the nicknames
    list makes a long form of Jonathan's): one man. John stays apart."""
    by_form = _by_form(DATA / "lsm-inode-ino-tomoyo-2024-10-100.jsonl")
    assert by_form["Jon"] is by_form["Jonathan"], by_form["Jon"].props
    assert by_form["Jon"].label == schema.PERSON
    assert by_form["John"] is not by_form["Jonathan"], by_form["John"].props


def test_a_nickname_joins_the_one_full_name_of_its_long_form_in_view():
    """twitter-ferguson-ottawa-126: "not looking good for Michael Brown" and, answering the same tweet, "the video
    where Mike is Laying on the ground": "Mike" is the nicknames list's short form of the one Michael in view."""
    by_form = _by_form(DATA / "twitter-ferguson-ottawa-126.jsonl")
    assert by_form["Mike"] is by_form["Michael Brown"], by_form["Mike"].props


def test_the_census_share_tells_given_names_from_surnames():
    """The share is what decides, not a yes or no of the lists: each of these names is in both."""
    assert given_share("Jonathan") > 0.99 and given_share("Michael") > 0.98
    assert given_share("Maxwell") < 0.2 and given_share("Jackson") < 0.05 and given_share("Kennedy") == 0.0


@pytest.mark.parametrize(
    ("short", "longs", "joined"),
    [
        ("Chris", ["Christopher"], "Christopher"),  # the one long form in view: joined
        ("Chris", ["Christopher", "Christine"], None),  # two long forms open with "Chris": neither
        ("Dan", ["Daniel"], "Daniel"),
        ("Dan", ["Daniel", "Dana"], None),
        ("Dan", ["Dana"], None),  # a woman's name more often, "Dan" a man's
        ("Sam", ["Samuel"], "Samuel"),
        ("Sam", ["Samantha", "Samuel"], None),
        ("Ken", ["Kennedy"], None),  # a surname, never a given name in the lists
        ("Max", ["Maxwell"], None),
        ("Jack", ["Jackson"], None),
        ("Fred", ["Willie"], None),  # the nicknames list makes "Fred" one of Willie's: not by its first letter
    ],
)
def test_a_short_given_name_joins_only_the_one_long_form_far_more_a_given_name(short, longs, joined):
    """The review's pairs of two people: a long form borne as a surname as often ("Max" and Maxwell, "Jack" and
    Jackson, "Ken" and Kennedy) or beside another long form opening alike, or given to the other sex."""
    texts = [f"As {short} wrote in his reply, the patch is fine."]
    texts += [f"As {name} wrote in the review, the patch is wrong." for name in longs]
    found = entities_in(*texts)
    for name in longs:
        assert _together(found, short, name) == (name == joined), found


@pytest.mark.parametrize(
    ("short", "long"),
    [
        ("Jan", "Jane"),
        ("Sara", "Sarah"),
        ("Ann", "Anna"),
        ("Jess", "Jesse"),
        ("Kai", "Kaitlyn"),
        ("Mari", "Maria"),
        ("Al", "Alberto"),
        ("Jim", "Jimmy"),
    ],
)
def test_a_name_merely_opening_with_a_short_one_stays_apart(short, long):
    """The review's pairs of two people: a longer name that opens with the short one but is a spelling a letter
    longer ("Sarah") or no long form the nicknames list gives it ("Jane", "Kaitlyn", "Jimmy") is someone else's."""
    found = entities_in(
        f"As {short} wrote in his reply, the patch is fine.", f"As {long} wrote in the review, the patch is wrong."
    )
    assert not _together(found, short, long), found


def test_two_people_of_the_long_given_name_take_no_short_form():
    """Two Jonathans named in full: "Jonathan" alone and "Jon" may be either of them, and join neither."""
    found = entities_in(
        "Jonathan Swift wrote it and Jonathan Corbet edited it.",
        "Jonathan said it was wrong.",
        "As Jon wrote in the reply, the patch is fine.",
    )
    assert not any("Jon" in names and len(names) > 1 for _, names in found.values()), found


def _post(i: int, text: str, parent: str | None) -> Post:
    return Post(f"m:{i}", "m", False, text, "mail", "s", author=f"user{i}", parent=parent)


def test_a_short_given_name_joins_only_where_its_writer_read_the_long_one():
    """Where the posts state whom they answer, "Jon" in a mail that neither answers nor is answered by nor shares a
    parent with the one holding "Jonathan" is no one its writer read: they stay apart; in a reply to it they join."""
    root = _post(0, "Let us talk about the patch series.", None)
    long_form = _post(1, "Jonathan raises a similar point, and his review was good.", "m:0")
    aside = _post(2, "Something else entirely.", None)
    far = _post(3, "I read especially Jon's comments on it.", "m:2")
    near = _post(4, "I read especially Jon's comments on it.", "m:1")

    def joined(posts: list[Post]) -> bool:
        nodes = [n for n in Extractor().extract(posts).nodes if n.label == schema.PERSON]
        return any({"Jon", "Jonathan"} <= {n.props["name"], *n.props["aliases"]} for n in nodes)

    assert not joined([root, long_form, aside, far])
    assert joined([root, long_form, near])


def test_two_roots_of_a_thread_whose_posts_state_their_parents_are_read_apart():
    """A mail thread states whom each mail answers: "Jonathan" in one first mail and "Jon" in another first mail of
    it, unrelated, are no names one writer read together, though no mail holding either states a parent."""
    first = _post(0, "Jonathan raises a similar point, and his review was good.", None)
    other = _post(1, "I read especially Jon's comments, unrelated.", None)
    reply = _post(2, "Linus will take the patch for Greg.", "m:0")
    nodes = [n for n in Extractor().extract([first, other, reply]).nodes if n.label == schema.PERSON]
    assert not any({"Jon", "Jonathan"} <= {n.props["name"], *n.props["aliases"]} for n in nodes), nodes
