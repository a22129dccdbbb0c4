"""A surname written alone where the model tags nothing (``entities._lone_words``, ``AliasResolver._surnames_alone``;
issue 14): the person's where the thread names one person in full with that surname. The texts are comments of
tests/data/entities/reddit-movies-oppenheimer-110 (r/movies, kathryntanardy/Movie-Reddit-Sentiment-Analysis at
d1aee283beabe812d13186008be20413712dd4d9, data_scraped/oppenheimer_comments.csv, readers' comments on reddit.com),
and sentences made to hold what the rule must not take."""

import pytest

from graphkit import schema
from graphkit.extract import Extractor
from graphkit.records import Post
from tests.extract.entity_texts import entities_in, label_of

pytestmark = pytest.mark.usefixtures("entity_model")

# r/movies on Oppenheimer: Matt Damon named in full, then "Damon" alone, which the model leaves untagged
_DAMON = (
    "Haven’t seen anyone talk about Matt Damon yet…I think he did an incredible job",
    "Everyone praising Murphy and RDJ\n\nY'all \n\nDamon was excellent.",
)
_PUGH = (
    "Florence Pugh showed up and got naked, then killed herself. That scene where Oppie’s wife is imagining Pugh just "
    "riding her husband, that was something I never thought I’d see in a Nolan film."
)


def test_a_surname_alone_joins_the_one_person_its_thread_names_in_full_so():
    """ "Damon was excellent", "imagining Pugh": each the person the thread names in full, on that person's node, the
    merge's reason kept as its evidence."""
    found = entities_in(*_DAMON, _PUGH)
    assert found["Matt Damon"][1] >= {"Matt Damon", "Damon"}, found
    assert found["Florence Pugh"][1] >= {"Florence Pugh", "Pugh"}, found
    assert label_of(found, "Damon") == label_of(found, "Pugh") == schema.PERSON


def test_the_label_says_why():
    """The person's evidence names the full name the surname alone was read as."""
    fragment = Extractor().extract(
        [
            Post(id=f"t:{i}", thread="t", is_article=False, text=t, platform="web", source="s")
            for i, t in enumerate(_DAMON)
        ]
    )
    evidence = next(n.props["evidence"] for n in fragment.nodes if n.props.get("name") == "Matt Damon")
    assert "the surname of 'Matt Damon', whom its thread names in full" in evidence, evidence


def test_a_surname_two_people_of_the_thread_share_joins_neither():
    """Matt Damon and Johnny Damon named in full: "Damon" alone is neither's."""
    found = entities_in(*_DAMON, "Johnny Damon hit two home runs for the Yankees that night.")
    held = [name for name, (_, forms) in found.items() if "Damon" in forms and name != "Damon"]
    assert not held, found


def test_a_surname_alone_in_a_thread_that_names_no_one_so_is_no_entity():
    """ "Damon was excellent" in a thread of its own, where no one is named in full so: no entity, and the other
    thread's Matt Damon does not gain it."""
    posts = [
        Post(id="a:0", thread="a", is_article=False, text=_DAMON[0], platform="web", source="s", author="u0"),
        Post(id="b:0", thread="b", is_article=False, text=_DAMON[1], platform="web", source="s", author="u1"),
    ]
    fragment = Extractor().extract(posts)
    forms = {
        f for n in fragment.nodes if n.label in schema.ENTITY_LABELS for f in [n.props["name"], *n.props["aliases"]]
    }
    assert "Matt Damon" in forms and "Damon" not in forms, forms


def test_a_surname_the_thread_writes_as_an_everyday_word_joins_no_one():
    """Emma Stone named in full, "Stone" opening a sentence on stone walls, where the thread writes "stone" too: no
    alias of hers."""
    found = entities_in(
        "Emma Stone was great in La La Land.",
        "Stone walls everywhere, and a stone floor in the hall.",
    )
    assert found["Emma Stone"][1] == {"Emma Stone"}, found


@pytest.mark.parametrize(
    ("full", "alone", "other"),
    [
        ("Steve Jobs founded Apple.", "Jobs are hard to find these days.", "Jobs"),
        ("Hugh Grant was in it.", "Grant me this one thing.", "Grant"),
        ("Jimmy Page played guitar.", "Read it on Page 2 of the thread.", "Page"),
        ("Matt Damon is great.", "Post it on r/Damon instead.", "Damon"),
        ("Bruno Mars sang it.", "Mars is a planet, not a singer.", "Mars"),
    ],
)
def test_a_capitalised_word_that_names_something_else_joins_no_one(full: str, alone: str, other: str):
    """A word English writes in lower case opening a sentence, a word before a number, a forum's name after "r/", a
    planet: no surname of the person named in full."""
    found = entities_in(full, alone)
    assert not any(other in forms and len(forms) > 1 for _, forms in found.values()), found


def test_a_surname_alone_in_two_threads_naming_two_people_so_joins_neither():
    """One batch, Matt Damon's thread and Johnny Damon's, "Damon" alone in each: the surname's key is one for the
    batch, so it may join only one person, and the thread of the other would lose its Damon to him."""
    posts = [
        Post(id=f"{thread}:{i}", thread=thread, is_article=False, text=text, platform="web", source="s")
        for thread, texts in (
            ("a", _DAMON),
            ("b", ("Johnny Damon hit two home runs for the Yankees.", "Damon was the best hitter that night.")),
        )
        for i, text in enumerate(texts)
    ]
    fragment = Extractor().extract(posts)
    names = {n.id: n.props["name"] for n in fragment.nodes if n.label in schema.ENTITY_LABELS}
    mentioned = {(e.source, names[e.target]) for e in fragment.edges if e.type == schema.MENTIONS}
    assert ("a:1", "Johnny Damon") not in mentioned and ("b:1", "Matt Damon") not in mentioned, mentioned
