"""A surname written alone where the model tags nothing (``entities._lone_words``, ``AliasResolver._surnames_alone``;
issue 14): the person's where the thread names one person in full with that surname. The texts are comments of
tests/data/entities/reddit-movies-oppenheimer-110 (r/movies, kathryntanardy/Movie-Reddit-Sentiment-Analysis at
d1aee283beabe812d13186008be20413712dd4d9, data_scraped/oppenheimer_comments.csv, readers' comments on reddit.com),
and sentences made to hold what the rule must not take; also comments of nyt-clinton-foundation-200 (noted at its
test)."""

import pytest

from graphkit import schema
from graphkit.defaults import DEFAULT_BATCH
from graphkit.extract import Extractor
from graphkit.pipeline import extract_graph
from graphkit.records import Post
from tests.extract.entity_texts import entities_in, entity_nodes, label_of, thread_texts

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


_JOHNNY = ("Johnny Damon hit two home runs for the Yankees.", "Damon was the best hitter that night.")


def _mentioned(*batches: list[Post]) -> set[tuple[str, str]]:
    """(post, entity name) of each mention, the batches extracted one after another by one extractor."""
    extractor, names, mentioned = Extractor(), {}, set()
    for posts in batches:
        fragment = extractor.extract(posts)
        names |= {n.id: n.props["name"] for n in fragment.nodes if n.label in schema.ENTITY_LABELS}
        mentioned |= {(e.source, names[e.target]) for e in fragment.edges if e.type == schema.MENTIONS}
    return mentioned


def test_a_surname_alone_joins_the_person_its_own_thread_names_whatever_the_window():
    """Matt Damon's thread and Johnny Damon's, "Damon" alone in each: each thread's Damon is the person it names in
    full, never the other thread's, in one batch or in two, in either order."""
    threads = [
        [Post(id=f"{t}:{i}", thread=t, is_article=False, text=x, platform="web", source="s") for i, x in enumerate(xs)]
        for t, xs in (("a", _DAMON), ("b", _JOHNNY))
    ]
    one = _mentioned(threads[0] + threads[1])
    assert {("a:1", "Matt Damon"), ("b:1", "Johnny Damon")} <= one, one
    assert ("a:1", "Johnny Damon") not in one and ("b:1", "Matt Damon") not in one, one
    assert _mentioned(*threads) == _mentioned(*threads[::-1]) == one


def test_a_surname_alone_is_not_judged_by_another_thread_s_reading_of_the_word():
    """ "Damon was excellent" in Matt Damon's thread is his, though a thread resolved with it (made sentences) names
    the town of Damon, Texas: the thread's own mentions of the word say what else it may be."""
    texts = (("a", _DAMON), ("b", ("We stayed in Damon, Texas last summer.", "Damon is a small town near Houston.")))
    posts = [
        Post(id=f"{t}:{i}", thread=t, is_article=False, text=x, platform="web", source="s")
        for t, xs in texts
        for i, x in enumerate(xs)
    ]
    assert ("a:1", "Matt Damon") in _mentioned(posts)


def test_a_surname_alone_that_is_another_person_s_given_name_joins_neither():
    """ "Damon" beside Matt Damon and Damon Albarn (r/movies' "Damon was excellent", which the model leaves untagged,
    beside a made sentence): either's, so neither's."""
    found = entities_in(_DAMON[0], "Damon Albarn wrote the songs for it.", _DAMON[1])
    assert not any("Damon" in forms and len(forms) > 1 for _, forms in found.values()), found


def test_a_surname_the_model_reads_joins_the_one_person_of_it_beside_another_s_given_name():
    """Made sentences: "James", which the model reads as a person's name, beside LeBron James and James Harden is
    LeBron's, the one person of that surname: the news calls people by their surnames."""
    found = entities_in(
        "LeBron James scored 40 last night.", "James Harden had a triple double.", "James was unstoppable."
    )
    assert "James" in found["LeBron James"][1] and "James" not in found["James Harden"][1], found


def test_a_surname_that_is_another_s_given_name_joins_the_one_its_pronoun_allows():
    """nyt-clinton-foundation-200 (frnsys/geiger at c5b2814373512e1fe4fc41b75ff1d81dec096953,
    examples/clinton_example.json, readers' comments on nytimes.com): "Warren if she ran" beside Elizabeth Warren and
    Warren Buffett is hers, a woman's surname no man's given name stands for; so is "the ticket could be
    Warren/Sanders" of a comment that names her in full and not him, though no pronoun follows it there."""
    texts = dict(enumerate(thread_texts("nyt-clinton-foundation-200"), start=1))
    found = entities_in(texts[35], texts[79], texts[96], texts[200])
    assert "Warren" in found["Elizabeth Warren"][1] and "Warren" not in found["Warren Buffett"][1], found


@pytest.mark.parametrize(
    ("full", "titled", "word"),
    [
        ("Stephen King wrote It.", "King of the hill was a great show.", "King"),
        ("Stephen King wrote It.", "I loved King of the Hill as a kid.", "King"),
        ("Reed Hastings runs Netflix.", "I read about the Battle of Hastings today.", "Hastings"),
    ],
)
def test_a_word_of_a_title_like_of_run_joins_no_one(full: str, titled: str, word: str):
    """The head of "X of the Y", or of "X of" and a capitalised word, and the word after "of" a capitalised head: a
    title's, a rank's or an idiom's capitals, no surname written alone."""
    found = entities_in(full, titled)
    assert not any(word in forms and len(forms) > 1 for _, forms in found.values()), found


@pytest.mark.parametrize("alone", ["Pictures of Damon were everywhere.", "I said Damon of all people deserved it."])
def test_a_surname_beside_of_outside_a_title_like_run_joins(alone: str):
    """A head capitalised only to open a sentence, an everyday word, heads no run; a surname before "of" and a word in
    lower case is still one."""
    found = entities_in(_DAMON[0], alone)
    assert "Damon" in found["Matt Damon"][1], found


# each layout a load may resolve a window's posts in: windows cut from the input (a file) or batch by batch (a live
# input), in batches of one post, of seven and of the default size
_LAYOUTS = [(size, windowed) for size in (1, 7, DEFAULT_BATCH) for windowed in (True, False)]


def _mentions_laid_out(threads: list[tuple[str, tuple[str, ...]]], size: int, windowed: bool) -> set[tuple[str, str]]:
    """(post, entity name) of each mention, the threads' posts loaded in ``size`` batches, in windows or not."""
    posts = [
        Post(id=f"{t}:{i}", thread=t, is_article=False, text=x, platform="web", source="s", author=f"{t}{i}")
        for t, xs in threads
        for i, x in enumerate(xs)
    ]
    graph = extract_graph(
        iter(posts),
        Extractor(),
        size,
        again=(lambda: [posts]) if windowed else None,
        windows={"s"} if windowed else (),
    )
    return {(u, graph.nodes[v]["name"]) for u, v, a in graph.edges(data=True) if a["type"] == schema.MENTIONS}


# the rule for surnames the model tags reads all mentions of one form together (one form, one node): a surname that is
# another person's given name joins the one person of that surname, whatever each post says; a stricter test cost the
# held-out Globe and Mail thread a right merge (figures alone looked at)
_ONE_FORM = pytest.mark.xfail(strict=True, reason="issue 14: a tagged surname's mentions are one form, joined together")


_WARREN = (
    "Elizabeth Warren is running again.",
    "Warren Buffett gave billions away.",
    "Warren would win if she ran.",
    "Warren bought more Coca-Cola stock, as he always does.",
)


@_ONE_FORM
@pytest.mark.parametrize(("size", "windowed"), _LAYOUTS)
def test_a_pronoun_speaks_for_its_own_post_only(size: int, windowed: bool):
    """Elizabeth Warren and Warren Buffett named in full (made sentences): "she" after one "Warren" says nothing of
    the "Warren" of another post, whose pronoun another name stands between ("Coca-Cola"), so that one is neither's,
    in any layout (the one "she" gives every "Warren" to her)."""
    mentioned = _mentions_laid_out([("a", _WARREN)], size, windowed)
    assert ("a:1", "Warren Buffett") in mentioned, mentioned
    assert ("a:3", "Elizabeth Warren") not in mentioned, mentioned


@_ONE_FORM
@pytest.mark.parametrize(("size", "windowed"), [(size, True) for size in (1, 7, DEFAULT_BATCH)])
def test_a_pronoun_of_another_thread_joins_no_surname_to_the_other_sex(size: int, windowed: bool):
    """Elizabeth Warren's thread, "Warren would win if she ran"; Warren Buffett's, "Warren bought more Coca-Cola
    stock": the pronoun of the one thread leaves the other's "Warren" to neither, windows of any batch size."""
    threads = [("a", (_WARREN[0], _WARREN[2])), ("b", (_WARREN[1], "Warren bought more Coca-Cola stock last year."))]
    mentioned = _mentions_laid_out(threads, size, windowed)
    assert ("b:0", "Warren Buffett") in mentioned and ("b:1", "Elizabeth Warren") not in mentioned, mentioned


@pytest.mark.parametrize(("size", "windowed"), _LAYOUTS)
@pytest.mark.parametrize(
    ("threads", "post", "person"),
    [
        (
            [("a", ("Johnny Damon played for the Yankees.", "Damon of the Red Sox was better than anyone."))],
            "a:1",
            "Johnny Damon",
        ),
        (
            [("a", ("Johnny Damon played for the Yankees.", "I saw Damon of Boston fame once, at a game."))],
            "a:1",
            "Johnny Damon",
        ),
    ],
)
def test_a_surname_heading_of_and_a_name_is_the_person_s(threads, post: str, person: str, size: int, windowed: bool):
    """ "Damon of the Red Sox", "Damon of Boston fame" (made sentences), which the model leaves untagged: a surname,
    which English writes in lower case next to never, heads no title-like run, so it is the person's its thread names
    in full, in any layout; before, any capitalised word before "of the" or "of" and a capital was a title's."""
    mentioned = _mentions_laid_out(threads, size, windowed)
    assert (post, person) in mentioned, mentioned


# r/NYKnicks' post-game thread (tests/data/entities/reddit-nyknicks-bucks-postgame-139: notSeabasschin12/NBA_reddit at
# 73038aa6a161052f09b11fc9430e622938858ed3, regseason_postgame_2020_NYKnicks.csv), where the model tags neither surname
_TRADED = (
    "Blazers traded away Harkless for a first, Warriors traded Iggy for a first, Nets traded Crabbe for a first and "
    "the Suns traded Josh Jackson for 3 second-rounders."
)
_COMMENTATORS = "I don't take Clyde or Breen seriously."


def test_a_rare_surname_alone_the_model_leaves_untagged_is_a_person_s():
    """ "Nets traded Crabbe", "Clyde or Breen": a surname of the lists, no word English knows and seldom written,
    named by no full name of the thread, is someone's, the reason kept in the evidence."""
    nodes = {n.props["name"]: n for n in entity_nodes(_TRADED, _COMMENTATORS)}
    for name in ("Crabbe", "Breen"):
        assert nodes[name].label == schema.PERSON, nodes
        assert "a rare surname of the name lists" in nodes[name].props["evidence"], nodes[name].props


def test_a_rare_surname_alone_joins_the_one_person_its_thread_names_in_full_so():
    """Mike Breen named in full: "Breen" alone is his, on his node."""
    found = entities_in("Mike Breen called the game.", _COMMENTATORS)
    assert found["Mike Breen"][1] >= {"Mike Breen", "Breen"}, found


@pytest.mark.parametrize(
    ("text", "word"),
    [
        # usenet-comp-lang-cobol-1999-12-80 (noted in tests/data/entities/README.md): a programming language
        ("There are pseudo-Pascal, pseudo-Fortran, pseudo-Java etc. which are only different flavours.", "Pascal"),
        # wikipedia-talk-catholic-church-80 (noted there): a publisher named after its founders, written often
        ("(Quoted by Roland Mousnier in The Assassination of Henry IV, Faber & Faber, 1973, pp. 151–52).", "Faber"),
        # reddit-graw-thread (noted there): an illness named after its finder
        ("He has very bad Parkinson's so it's very hard to communicate with him.", "Parkinson"),
        # reddit-nyknicks-bucks-postgame-139: a word after a place's preposition, a colour's name
        ("They gave it all, our boys in Knickerbocker blue & orange did.", "Knickerbocker"),
    ],
)
def test_a_surname_alone_written_often_or_after_a_place_preposition_is_no_one(text: str, word: str):
    """Things named after someone are written more often than a surname alone is, and a word after "in" is as often a
    place's or a thing's: none of them a person."""
    assert label_of(entities_in(text), word) != schema.PERSON
