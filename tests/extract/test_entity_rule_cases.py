"""Real sentences for the entity rules of issue 14 first tested on sentences written for them (tweets of two
politicians' accounts and posts of a homebrew forum, tests/data/entities/rule-cases): what each rule should do there,
read from the text. A case where a rule does otherwise is marked xfail with the reason, the rule left as it is."""

import json
from functools import cache
from pathlib import Path

import pytest

from graphkit import schema
from graphkit.extract.register import passed_on
from tests.extract.entity_texts import entities_in, forms_of, label_of

pytestmark = pytest.mark.usefixtures("entity_model")

_CASES = Path(__file__).parents[1] / "data" / "entities" / "rule-cases"


@cache
def _texts(name: str) -> dict[str, str]:
    """The texts of a rule-cases file, by id."""
    rows = (_CASES / name).read_text(encoding="utf-8").splitlines()
    return {row["id"]: row["text"] for row in map(json.loads, rows)}


def tweet(status: str) -> str:
    """A tweet's text by its status id."""
    return _texts("tweets.jsonl")[status]


def post(where: str) -> str:
    """A forum post's text (or its line) by its archive file and line."""
    return _texts("libxenon-forum.jsonl")[where]


def headline(path: str) -> str:
    """A news digest's headline by its file's path."""
    return _texts("news-headlines.jsonl")[path]


# --- Twitter's mark for a tweet passed on ("RT @handle:", "MT @handle:") --------------------------------------------


@pytest.mark.parametrize(
    ("status", "mark"),
    [
        ("504032264741605377", "RT @OFA"),  # after a hashtag and a stop; the model reads "RT @OFA" as a person
        ("794228145310154752", "RT @POTUS"),  # opening the tweet; the model reads "RT @POTUS" as a person
        ("522398387014873092", "MT @FLOTUS"),  # the modified tweet's mark, after a hashtag
        ("921723302481145857", "RT @IamVicky4Trump"),
        ("558042983459999744", "RT @OFA"),
    ],
)
def test_a_retweet_mark_before_a_handle_is_no_body(status: str, mark: str):
    """Each mark is followed by a handle and a colon, the form Twitter's clients write: the register's, naming no
    broadcaster (none of these tweets names RT the channel)."""
    text = tweet(status)
    assert passed_on(text, text.index(mark)), text
    found = entities_in(text)
    assert not {form for form in forms_of(found) if {"RT", "MT"} & set(form.split())}, found


@pytest.mark.parametrize(
    ("status", "name"),
    [("921723302481145857", "Maria Bartiromo"), ("558042983459999744", "Obama")],
)
def test_a_person_named_in_a_tweet_passed_on_stays(status: str, name: str):
    """The tweet passed on still names its people."""
    assert label_of(entities_in(tweet(status)), name) == schema.PERSON


# --- the line a phone's forum app signs a post with ------------------------------------------------------------------


@pytest.mark.parametrize(
    "where",
    [
        "general/junkyard/233_ps2-emulator-for-xbox-360-jtag-rgh.md:22",  # the model reads "Tapatalk" as a place
        "xbox-360/discussion-help/operating-systems/linux/303_grub-bootloader.md:12",  # "Xoom", "Tapatalk 2" bodies
        "xbox-360/guides-tutorials/libxenon/114_how-to-setup-sdl-library.md:78",
        "xbox-360/guides-tutorials/reset-glitch-hack/160_jasper-reset-glitch-tutorial.md:24",  # "GW620 (OpenEve 2.3.4)"
        "xbox-360/discussion-help/operating-systems/linux/291_ubuntu-11-10-kboot-help.md:35",
    ],
)
def test_a_forum_apps_signature_line_names_nothing(where: str):
    """ "Sent from my <device> using Tapatalk", the post's last line: the device and the app are the client's words,
    no one's name the writer chose."""
    text = post(where)
    line = text.splitlines()[-1]
    assert line.strip().startswith("Sent from my") and "Tapatalk" in line, line
    found = entities_in(text)
    assert not {form for form in forms_of(found) if form in line}, found


# --- a word English writes in lower case, capitalised after "the" ----------------------------------------------------


@pytest.mark.parametrize(
    ("status", "name", "label"),
    [
        ("585464218696036354", "House", schema.ORGANIZATION),  # "The House's budget"
        ("555412458165137408", "House", schema.ORGANIZATION),  # "the House just voted"
        ("911546774267006976", "Party", schema.ORGANIZATION),  # "for the good of the Party"
        ("867354520526872576", "Vatican", schema.PLACE),  # "I leave the Vatican"
    ],
)
def test_a_body_named_after_the_stays(status: str, name: str, label: str):
    """A body or a seat English names after "the" with a word it writes in lower case too, as these tweets do."""
    assert label_of(entities_in(tweet(status)), name) == label


@pytest.mark.parametrize(
    "status",
    [
        pytest.param("745791074958991360", id="what's going on in the House now"),
        pytest.param("860477328882905089", id="Big win in the House"),
        pytest.param("887299895803203584", id="the Republicans in the House & Senate"),
    ],
)
def test_the_house_after_in_is_the_chamber(status: str):
    """The chamber voting ("Big win in the House", "what's going on in the House now") is a body wherever it sits: a
    body's head alone after "in the", which the model reads as a body."""
    assert label_of(entities_in(tweet(status)), "House") == schema.ORGANIZATION


def test_a_word_after_the_the_model_reads_as_a_people_is_no_name():
    """ "I love the Homebrew" (the model reads a people, NORP): the forum's homebrew, capitalised for emphasis."""
    text = post("xbox-360/downloads/libxenon/140_pcsxr-xenon-v0-62-by-ced2911-update-18-03-12.md:280")
    assert "Homebrew" not in forms_of(entities_in(text))


@pytest.mark.parametrize(
    ("where", "word"),
    [
        pytest.param(
            "general/information/86_switched-to-smf.md:10",
            "Team",  # "It was the Team fixing up links", model ORG
            marks=pytest.mark.xfail(
                strict=True,
                reason="one word capitalised for weight elsewhere in the sentence ('Smileys') is as often a judgement "
                "stressed beside a body's name ('Honestly the Fed is Clueless'): it takes two, or the verb taking "
                "'the' ('If you Use the Terminal'), to read the capital after 'the' as the writer's",
            ),
        ),
        ("xbox-360/discussion-help/bugreporting/10_bugreporting-ubuntu-livecd-10-10.md:109", "Terminal"),  # ORG
        ("xbox-360/discussion-help/libxenon/388_libxenon-install-help.md:5", "Toolchain"),  # model PERSON
    ],
)
def test_a_things_word_capitalised_after_the_is_no_name(where: str, word: str):
    """The board's team of moderators, a terminal, the toolchain: things, none a name. "Use" capitalised before "the"
    shows the writer's habit, and the model's person after "the" is an English word's."""
    assert word not in forms_of(entities_in(post(where)))


@pytest.mark.parametrize(
    ("where", "word"),
    [
        ("xbox-360/guides-tutorials/operating-systems/2_linux-mint-debian-edition-on-360.md:176", "Audio"),  # FAC
        ("xbox-360/discussion-help/operating-systems/linux/266_kernel-failure-in-debian-squeeze.md:21", "Kernel"),
    ],
)
@pytest.mark.xfail(
    strict=True,
    reason="a word English writes in lower case, capitalised after 'the' before a lower-case noun it qualifies, in a "
    "post that capitalises nothing else, is kept: where the model reads a body or a building there (ORG, FAC) it "
    "counts as 'the Fed'; the tokens carry no part of speech to tell 'the Audio track' from 'the Fed raised'",
)
def test_a_things_word_capitalised_before_a_noun_is_no_name(where: str, word: str):
    """An audio track, the kernel's config: things, each capitalised before the noun it qualifies, none a name."""
    assert word not in forms_of(entities_in(post(where)))


# --- "X of the Y" ----------------------------------------------------------------------------------------------------


def test_a_name_before_of_the_and_a_team_stays_with_its_first_name():
    """ "Jerry Jones of the Dallas Cowboys yesterday. Jerry is a winner": a name heads the run, no title does."""
    found = entities_in(tweet("912997506900021248"))
    assert label_of(found, "Jerry Jones") == schema.PERSON and "Jerry" in found["Jerry Jones"][1], found
    assert label_of(found, "Dallas Cowboys") == schema.ORGANIZATION, found


def test_a_surname_that_is_an_everyday_word_opening_a_sentence_joins_no_one():
    """Luther Strange, named in full in the account's tweets, and "Strange statement by Bob Corker": the adjective
    opening a sentence is no surname written alone."""
    found = entities_in(tweet("897044700124909569"), tweet("897429670278385664"), tweet("901057864516734978"))
    assert found["Luther Strange"][0] == schema.PERSON and "Strange" not in found["Luther Strange"][1], found
    assert label_of(found, "Bob Corker") == schema.PERSON, found


@pytest.mark.parametrize("status", ["687093313220907008", "557720866046607361"])
def test_the_state_of_the_union_is_no_body(status: str):
    """The address, a title-like "X of the Y" of common nouns, which the model reads as a body."""
    found = entities_in(tweet(status))
    assert not {form for form in forms_of(found) if "Union" in form}, found
    assert label_of(found, "Obama") == schema.PERSON, found


@pytest.mark.parametrize(
    ("status", "name"),
    [
        ("898254409511129088", "Pershing"),  # "Study what General Pershing of the United States did", the model's body
        ("747830720387682304", "Bowser"),  # "thanks to Mayor Bowser and the D.C. Council"
    ],
)
def test_a_rank_and_a_surname_is_a_person(status: str, name: str):
    """A rank or an office English writes as an everyday word too, before a surname: the person's title, as "Colonel"
    is, though "what" before it ("what General Pershing did") might open a kind of thing."""
    found = entities_in(tweet(status))
    assert schema.PERSON in {label_of(found, name), label_of(found, f"General {name}")}, found


@pytest.mark.parametrize(
    ("status", "name"),
    [
        ("514779759566282752", "General Assembly"),  # "the United Nations General Assembly"
        ("793889694064967680", "Justice Department"),  # "friends in high places- like the Justice Department"
    ],
)
def test_a_rank_before_no_surname_makes_no_person(status: str, name: str):
    """ "General" and "Justice" open bodies' names too: before no surname they are no one's title."""
    found = entities_in(tweet(status))
    head = name.split()[-1]
    assert not {n for n, (label, forms) in found.items() if label == schema.PERSON and head in " ".join(forms)}, found
    assert label_of(found, name) in {schema.ORGANIZATION, None}, found


@pytest.mark.parametrize(
    ("status", "name"),
    [
        ("897044700124909569", "Great State of Alabama"),  # "Luther Strange of the Great State of Alabama"
        ("807945982633709570", "Great State of Louisiana"),  # "John Kennedy, of the Great State of Louisiana"
        ("803558077144399873", "Great State of Michigan"),  # "The Great State of Michigan was just certified"
    ],
)
def test_a_state_named_x_of_y_is_no_body(status: str, name: str):
    """The state, a place, wherever its name is long: "State of" before a state's name heads no body."""
    found = entities_in(tweet(status))
    assert label_of(found, name) in {schema.PLACE, None}, found


@pytest.mark.parametrize(
    "path",
    [
        pytest.param(
            "news/2007/04/13/the-al-qaeda-linked-islamic-state-of-iraq-claims-responsibility-for-yesterday-s-bombing-of-"
            "the-national-assembly-of-iraq.md",
            id="The Al Qaeda-linked Islamic State of Iraq claims responsibility",
        ),
        pytest.param(
            "news/2010/07/29/the-site-institute-a-terrorist-monitoring-organisation-states-that-the-al-qaeda-affiliated-"
            "islamic-state-of-iraq-has-claimed-responsibilit.md",
            id="the al-Qaeda affiliated Islamic State of Iraq has claimed responsibility",
        ),
    ],
)
def test_a_proper_adjective_before_state_of_names_a_body(path: str):
    """ "Islamic" is no epithet of a state as "Great" is: "the Islamic State of Iraq" names the group that claims
    attacks, a body, though "Iraq" after "State of" is a country's name."""
    assert label_of(entities_in(headline(path)), "Islamic State of Iraq") == schema.ORGANIZATION


@pytest.mark.parametrize(
    ("status", "state"),
    [
        pytest.param("889824817473605632", "Ohio", id="traveling to the Great State of Ohio tonight"),
        pytest.param("900346953120141312", "Arizona", id="I love the Great State of Arizona"),
    ],
)
def test_a_states_epithet_read_apart_from_its_name_is_no_body(status: str, state: str):
    """The model reads "the Great State" apart from "Ohio" after it: the epithet names no body, the state stays."""
    found = entities_in(tweet(status))
    assert "Great State" not in forms_of(found) and label_of(found, state) == schema.PLACE, found


def test_a_garden_named_x_of_the_y_is_a_place():
    """ "sworn in at the Rose Garden of the White House": the garden a place, the White House kept."""
    found = entities_in(tweet("850800045012201473"))
    assert label_of(found, "Rose Garden") == schema.PLACE, found
    assert label_of(found, "White House") is not None, found


@pytest.mark.parametrize(
    "status",
    [
        pytest.param("860194183797243904", id="at the beautiful Rose Garden of the White House"),
        pytest.param("920340060947574786", id="Join me LIVE from the Rose Garden"),
    ],
)
def test_a_garden_is_a_place_whatever_stands_before_it(status: str):
    """The same garden with "beautiful" before it, or "from the": a garden's head ends its name, so the given name
    opening it ("Rose") opens no person's."""
    assert label_of(entities_in(tweet(status)), "Rose Garden") == schema.PLACE


def test_a_garden_after_a_bodys_name_is_no_person():
    """ "The White House Rose Garden.": the model reads the house alone; the garden is no person."""
    found = entities_in(tweet("870083798981111808"))
    assert label_of(found, "Rose Garden") in {schema.PLACE, None}, found
    assert label_of(found, "White House") is not None, found


# --- titles and happenings -------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("status", "word"),
    [
        ("635968094448521216", "Summit"),  # "the National Clean Energy Summit", the model's body
        ("514459928367337472", "Summit"),  # "the U.N. Climate Summit"
        ("780826236213927937", "Forum"),  # "the NBC Presidential Forum", a televised forum of the campaign
    ],
)
def test_a_happening_is_no_body(status: str, word: str):
    """A name ending in a happening's head names what was held, not who held it."""
    found = entities_in(tweet(status))
    assert not {form for form in forms_of(found) if word in form}, found


def test_the_broadcaster_of_a_forum_stays():
    """ "the NBC Presidential Forum": the network stays a body."""
    assert label_of(entities_in(tweet("780826236213927937")), "NBC") == schema.ORGANIZATION


@pytest.mark.parametrize(
    ("status", "name", "label"),
    [
        ("860377543878348800", "Coral Sea", schema.PLACE),  # "the 75th Anniversary of the Battle of the Coral Sea"
        ("809384826193276928", "Financial Times", schema.ORGANIZATION),  # beside the title "Person of the Year"
        ("809384826193276928", "Time Magazine", schema.ORGANIZATION),
    ],
)
def test_bodies_and_places_beside_titles_and_happenings_stay(status: str, name: str, label: str):
    """The sea a battle is named after, the magazines naming a title."""
    assert label_of(entities_in(tweet(status)), name) == label


def test_a_body_named_x_of_y_before_a_carriage_return_stays():
    """ "Nominates Elaine Chao as Secretary of the Department of Transportation'", then a line break and a link: the
    tweet's break is a carriage return alone, as the file keeps it, and counts as one (the model's body runs on
    through a break into the link; the rules end it at the break)."""
    text = tweet("803744769566339072")
    assert "\r" in text and "\n" not in text
    assert label_of(entities_in(text), "Department of Transportation") == schema.ORGANIZATION


# --- words set beside a name -----------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("status", "name"),
    [
        ("917568245854605313", "Jerry Jones"),  # "Jerry Jones, owner of the Dallas Cowboys, who will BENCH players"
        ("806660011904614408", "Chuck Jones"),  # "Chuck Jones, who is President of United Steelworkers 1999"
        ("897405235924275200", "Luther Strange"),  # "Senator Luther Strange, who is doing a great job"
        ("911175246853664768", "Kim Jong Un"),  # "Kim Jong Un of North Korea, who is obviously a madman"
    ],
)
def test_a_person_before_a_role_or_a_clause_after_a_comma_stays_a_person(status: str, name: str):
    """A role ("owner of") or a clause ("who is") set after a name and a comma says the person's place in the world."""
    assert label_of(entities_in(tweet(status)), name) == schema.PERSON


def test_a_body_after_a_persons_role_stays_a_body():
    """ "Jerry Jones, owner of the Dallas Cowboys": the team after the role."""
    assert label_of(entities_in(tweet("917568245854605313")), "Dallas Cowboys") == schema.ORGANIZATION
