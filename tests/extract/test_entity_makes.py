"""Makes named after their founders (issue 14): a one-word name before the goods it makes ("Steinway pianos",
"Peroni is my go-to beer") is the maker's, no person's, whichever rule read it as a surname (``entities._make_of``).
The sentences were written for this test, as a reviewer probed kinds of text the rules never saw (public pages write
"twelve Steinway pianos", "Do Moen or Kohler faucets last longer?"); the people's sentences are the development
threads' kind ("Nets traded Crabbe for a first")."""

import pytest

from graphkit import schema
from tests.extract.entity_texts import entities_in, label_of

pytestmark = pytest.mark.usefixtures("entity_model")

_MAKES = {
    "Steinway": "I finally bought one of those Steinway pianos for the studio.",
    "Miele": "We replaced the old Miele dishwashers in the office kitchen.",
    "Breitling": "He collects Breitling watches and vintage cars.",
    "Lacoste": "She only wears Lacoste shirts to the club.",
    "Ruger": "The shop sells Ruger pistols and hunting rifles.",
    "Kohler": "We put Kohler faucets in both bathrooms.",
    "Ferrero": "My kids love Ferrero chocolates at Christmas.",
    "Tetley": "A cup of Tetley tea and a biscuit.",
    "Peroni": "Peroni is my go-to beer on a hot day.",
}


@pytest.mark.parametrize("make", sorted(_MAKES))
def test_a_make_before_its_goods_is_no_person(make):
    """Each make, read by the model as a person's name or by the census lists as a surname, is no person."""
    found = entities_in(_MAKES[make])
    assert label_of(found, make) != schema.PERSON, found


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("Steinway played the sonata beautifully that night.", "Steinway"),
        ("Ruger said the company would expand production.", "Ruger"),
        ("Breen watches the game every night.", "Breen"),
        ("Breen watches over the young guards.", "Breen"),
        ("Crabbe is a tea drinker, unlike most of the team.", "Crabbe"),
        ("Putin watches with interest while Europe argues.", "Putin"),
        ("I think Putin watches with interest.", "Putin"),
        ("Messi is the champagne of football.", "Messi"),
        ("Obama watches in horror as the vote is counted.", "Obama"),
        ("Zelensky watches to see what the Senate does.", "Zelensky"),
        ("Putin toys with Trump every time they meet.", "Putin"),
        ("Federer is my cup of tea, Nadal is not.", "Federer"),
    ],
)
def test_the_same_names_doing_what_people_do_stay_people(text, name):
    """A make's name that speaks or plays, and a surname before a verb or a noun that only looks like goods ("watches
    the game", "watches with interest", "a tea drinker", "my cup of tea", "the champagne of football"), stay a
    person's."""
    assert label_of(entities_in(text), name) == schema.PERSON


def test_goods_after_a_name_leave_its_person_elsewhere_in_the_thread():
    """Goods named after a person ("Obama shirts", merchandise) undo that mention's reading only: the person the
    thread's other comment names stays one."""
    found = entities_in("Obama was a good president.", "Everyone was wearing Obama shirts in 2008.")
    assert label_of(found, "Obama") == schema.PERSON, found
