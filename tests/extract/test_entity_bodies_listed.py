"""Names listed where only bodies are (issue 14): after a plural noun for a kind of body and "such as" or "like"
("social media sites such as Facebook and Twitter"), before "and other" and such a noun ("Robinhood and other
platforms"), or right beside a listed company's name ("backgrounds from Google, Facebook, Microsoft"). The model reads
a person in one or misses one; the list says what each is. Texts are the development threads' own
(tests/data/entities)."""

import pytest

from graphkit import schema
from tests.extract.entity_texts import entities_in, label_of, thread_texts

pytestmark = pytest.mark.usefixtures("entity_model")


def _post(thread: str, words: str) -> str:
    """The thread's first comment that holds ``words``."""
    return next(text for text in thread_texts(thread) if words in text)


def test_sites_such_as_are_bodies_on_the_arab_spring_talk_page():
    """wikipedia-talk-arab-spring-120: "On social media sites such as Facebook and Twitter, Syrians call for a "Day of
    Anger"": the model read Twitter as a person and missed Facebook."""
    found = entities_in(_post("wikipedia-talk-arab-spring-120", "sites such as Facebook and Twitter"))
    assert label_of(found, "Twitter") == schema.ORGANIZATION, found
    assert label_of(found, "Facebook") == schema.ORGANIZATION, found


def test_a_name_listed_beside_a_listed_company_on_a_job_thread_is_a_company():
    """hn-whoishiring-2020-01-45: "We're a team with backgrounds from Google, Facebook, Microsoft, etc.": the model
    missed Facebook between two companies, Microsoft listed (pytickersymbols)."""
    found = entities_in(_post("hn-whoishiring-2020-01-45", "backgrounds from Google, Facebook, Microsoft"))
    assert label_of(found, "Facebook") == schema.ORGANIZATION, found


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("Some leaders like Hillary and Bernie never learn.", "Hillary"),  # no noun for bodies before "like"
        ("She worked for Microsoft, Cassandra told me.", "Cassandra"),  # a given name of the lists
        ("Countries such as Latvia and Estonia joined.", "Latvia"),
        ("I post on sites like Reddit and Imgur\n\nCheers\nMike", "Mike"),  # a signature after the list's line
        ("I use sites like Reddit and Imgur\nMike", "Mike"),  # the list ends with its line
        ("I read sites like Reddit and Whatever and Mike reads them too.", "Mike"),  # after a word passed over
    ],
)
def test_lists_that_say_no_body_leave_names_alone(text: str, name: str):
    assert label_of(entities_in(text), name) != schema.ORGANIZATION


def test_a_name_before_and_other_platforms_is_a_body_on_wallstreetbets():
    """reddit-wallstreetbets-gme-holding-120: "BUT this all changed TODAY. Robinhood and other platforms chose the
    wrong side.": the model missed Robinhood, in every mention of the thread; "and other platforms" after it says
    what it is. Software listed so stays software ("Linux and other platforms")."""
    found = entities_in(_post("reddit-wallstreetbets-gme-holding-120", "Robinhood and other platforms"))
    assert label_of(found, "Robinhood") == schema.ORGANIZATION, found
    assert label_of(entities_in("It builds on Linux and other platforms."), "Linux") is None


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("Windows and other platforms", "Windows"),  # an operating system of the trove classifiers, with versions
        ("macOS and other platforms", "macOS"),
        ("It builds on Windows and other platforms.", "Windows"),
        ("See Docs and other platforms for help.", "Docs"),  # an everyday noun's plural
    ],
)
def test_software_and_everyday_plurals_before_and_other_platforms_are_no_body(text: str, name: str):
    assert label_of(entities_in(text), name) != schema.ORGANIZATION
