"""Teams' names the model leaves untagged, found by the words fans put around them (``graphkit.extract.teams``; issue
14). The texts are comments of tests/data/entities/reddit-nyknicks-bucks-postgame-139, cut to the sentences the rule
reads, and sentences made to hold what the rule must not take."""

import pytest

from graphkit import schema
from graphkit.extract import Extractor
from graphkit.records import Post
from tests.extract.entity_texts import entities_in, forms_of, label_of

pytestmark = pytest.mark.usefixtures("entity_model")

# three teams named as teams, by a player each traded: a thread that talks of teams
_TRADES = (
    "We could've acquired multiple first-round picks by taking on some big contracts. Blazers traded away Harkless for "
    "a first, Warriors traded Iggy for a first, Nets traded Crabbe for a first and the Suns traded Josh Jackson for 3 "
    "second-rounders."
)


@pytest.mark.parametrize("form", ["Blazers", "Warriors", "Nets"])
def test_a_name_that_trades_a_player_is_a_teams(form):
    """ "Warriors traded Iggy": English words the model leaves untagged, each a team's name where the thread names
    others so."""
    assert label_of(entities_in(_TRADES), form) == schema.ORGANIZATION


def test_a_rival_after_against_the_and_a_club_after_plays_for_the_are_teams():
    """ "against the Bucks", "He plays for the Magic" (the model reads "Magic" as a product), in a thread that names
    teams: both teams'."""
    found = entities_in(
        _TRADES, "Knicks were racking up highlights against the Bucks 8th-12th men.", "He plays for the Magic, so no."
    )
    assert label_of(found, "Bucks") == schema.ORGANIZATION and label_of(found, "Magic") == schema.ORGANIZATION


def test_a_name_before_a_fan_or_a_game_in_lower_case_is_a_teams():
    """ "a Lakers fan" (the model reads a law), "the Warriors game" (untagged), in a thread that names teams: both
    teams'; "Buy GAME FACES", a title in capitals, frames no team."""
    found = entities_in(
        _TRADES,
        "I have been a Lakers fan since I was a kid.",
        "Nobody here cares about the Warriors game tonight.",
        "Buy GAME FACES here today.",
    )
    assert label_of(found, "Lakers") == schema.ORGANIZATION and label_of(found, "Warriors") == schema.ORGANIZATION
    assert "Buy" not in forms_of(found), found


def test_a_word_framed_as_a_teams_where_the_thread_names_no_team_is_no_entity():
    """ "against the Heat", "the next Witcher games": a frame, with no third team in view, names no team."""
    found = entities_in(
        "Nobody stood a chance against the Heat that summer, it was unbearable.",
        "They announced that the next Witcher games would be made with another engine.",
    )
    assert not forms_of(found) & {"Heat", "Witcher"}, found


def test_names_framed_by_words_that_frame_a_team_as_often_as_not_make_no_thread_of_teams():
    """ "Labor are", "The LNP are" (parties, framed as a side is) do not make a thread talk of teams: "against the
    Heat" there names no team."""
    found = entities_in(
        "Susannah PK Nothing to do with that Labor are still the most popular political party.",
        "The LNP are at their historic lowest primary vote.",
        "Nobody stood a chance against the Heat that summer, it was unbearable.",
    )
    assert "Heat" not in forms_of(found), found


def test_a_title_or_a_bodys_head_framed_as_a_teams_is_no_team():
    """ "plays for the Queen", "against the League": a ruler's title and a body's head alone, even where the thread
    names teams (last round's "plays for the X" made "the Queen" a team)."""
    found = entities_in(
        _TRADES, "The old band still plays for the Queen every summer.", "The owners sided against the League again."
    )
    assert label_of(found, "Queen") != schema.ORGANIZATION and "League" not in forms_of(found), found


def test_a_capitalised_word_after_vs_or_before_are_is_left_to_the_model():
    """ "VS Code", "People are": frames that fit too much else find no untagged name, even among teams."""
    found = entities_in(_TRADES, "I use VS Code's typescript server.", "People are buying because they want to.")
    assert not forms_of(found) & {"Code", "People"}, found


def test_a_word_framed_as_a_teams_where_another_thread_of_the_load_names_teams_is_no_entity():
    """A load holds a thread that talks of teams and one that does not: "against the Heat" in the second names no
    team, however many teams the first names."""
    posts = [
        Post(id=f"{thread}:1", thread=thread, is_article=False, text=text, platform="web", source="s", author=thread)
        for thread, text in (
            ("trades", _TRADES),
            ("summer", "Nobody stood a chance against the Heat that summer, it was awful."),
        )
    ]
    fragment = Extractor().extract(posts)
    names = {n.props["name"]: n.label for n in fragment.nodes if n.label in schema.ENTITY_LABELS}
    assert names.get("Nets") == schema.ORGANIZATION and "Heat" not in names, names


def test_a_fandom_or_a_contest_outside_sport_is_no_team_even_among_teams():
    """ "Trump supporters", "lost to the Left", "beat the Boss", "the Star Wars fans" where the thread names teams:
    a politician's supporters, a side in politics, a game's boss; "beat", "lost to" and "supporters" find no untagged
    name, and a franchise's fans are no team's (a residue: "the Star Wars fans" still is, in a thread of teams)."""
    found = entities_in(
        _TRADES,
        "Trump supporters stormed the Capitol.",
        "They lost to the Left on every vote.",
        "I finally managed to beat the Boss on my third try.",
    )
    assert not {label_of(found, form) for form in ("Trump", "Left", "Boss")} & {schema.ORGANIZATION}, found


def test_a_gaming_thread_with_three_games_and_a_boss_names_no_team():
    """A thread on video games: "the Dark Souls games", "the Elden Ring games" are a franchise's (a match is "the Cavs
    game") and make no thread of teams, so "beat the Boss" and "against the Empire" name none."""
    found = entities_in(
        "I finally beat the Boss after two weeks.",
        "The Dark Souls games are hard.",
        "The Elden Ring games are harder.",
        "The rebels fought against the Empire in the story.",
    )
    assert not forms_of(found) & {"Boss", "Empire", "Dark Souls"}, found


def test_a_longer_names_tail_a_sentences_first_word_or_a_date_is_no_team():
    """ "Call of Duty games", "Grand Theft Auto games", "Golden State Warriors fans": no tail of a longer name;
    "Football fans", "Video games": a sentence's first word is capitalised whatever it is; "Shares traded Monday":
    a day is no player. "Most of the Lakers fans" is still a team's fans."""
    found = entities_in(
        _TRADES,
        "The Call of Duty games are all the same.",
        "The Grand Theft Auto games are fun.",
        "Some Golden State Warriors fans are loud.",
        "Football fans will love this.",
        "Video games are fun.",
        "Shares traded Monday at a high.",
        "Most of the Lakers fans left early.",
    )
    assert not forms_of(found) & {"Duty", "Theft Auto", "State Warriors", "Football", "Video", "Shares"}, found
    assert label_of(found, "Lakers") == schema.ORGANIZATION, found


def test_a_name_framed_in_two_threads_is_a_team_only_in_the_one_that_names_teams():
    """ "plays for the Heat" in a thread of teams, "against the Heat" in a summer's: the team is named by the first
    alone, and its evidence says the thread's teams decided."""
    posts = [
        Post(id=f"{thread}:1", thread=thread, is_article=False, text=text, platform="web", source="s", author=thread)
        for thread, text in (
            ("trades", _TRADES + " He plays for the Heat, so no."),
            ("summer", "Nobody stood a chance against the Heat that summer, it was awful."),
        )
    ]
    fragment = Extractor().extract(posts)
    heat = {n.id: n for n in fragment.nodes if n.label == schema.ORGANIZATION and n.props["name"] == "Heat"}
    assert len(heat) == 1, fragment.nodes
    (node,) = heat.values()
    mentioning = {e.source for e in fragment.edges if e.type == schema.MENTIONS and e.target == node.id}
    assert mentioning == {"trades:1"}, mentioning
    assert "in a thread naming 4 teams so" in node.props["evidence"], node.props["evidence"]


def test_a_listed_teams_name_of_several_words_is_the_teams_whatever_the_model_reads():
    """ "the Golden State Warriors" (the model reads nothing, or a building), "West Ham" (the model reads "West", a
    region; r/coys's daily thread of 4 April 2022): each the team, whole, with no team named around it."""
    found = entities_in(
        "The Golden State Warriors were too good for us last night.",
        "The only competitive opponent Arsenal have managed to beat this entire season is still West Ham =-",
    )
    assert label_of(found, "Golden State Warriors") == schema.ORGANIZATION, found
    assert label_of(found, "West Ham") == schema.ORGANIZATION and "West" not in forms_of(found), found


def test_a_listed_short_name_in_a_thread_of_teams_is_the_team_and_joins_its_full_name():
    """ "Now we need to win Villa." (r/coys; the model reads a place) and "Warriors traded Iggy" where the thread names
    teams and the Golden State Warriors in full: Villa a team, Warriors one node with its full name."""
    found = entities_in(
        _TRADES, "Now we need to win Villa. Don't bring our dna", "The Golden State Warriors lost again."
    )
    assert label_of(found, "Villa") == schema.ORGANIZATION, found
    assert found.get("Golden State Warriors", (None, set()))[1] >= {"Warriors", "Golden State Warriors"}, found


def test_a_listed_short_name_outside_a_thread_of_teams_or_of_two_teams_joins_nothing():
    """ "Heat" in a thread that names no team: no team; "Giants" where the thread names both the New York and the San
    Francisco Giants joins neither."""
    found = entities_in("The Heat was unbearable that summer.", "Heat and humidity made it hard.")
    assert label_of(found, "Heat") != schema.ORGANIZATION, found
    found = entities_in(
        _TRADES,
        "The New York Giants won on Sunday.",
        "The San Francisco Giants lost on Sunday.",
        "Nobody here cares about the Giants game tonight.",
    )
    assert not {name for name, (_, forms) in found.items() if "Giants" in forms} - {"Giants"}, found


def test_listed_short_names_the_model_reads_with_no_team_around_them_do_not_make_each_other_teams():
    """ "Magic" (the card game), "the Kings of France", "Giants like Edison": three short names of listed teams, each
    read by the model as a body's, in a thread that frames no team: none is a team by the others (each was, as two
    other names in view were, and "Magic" and "Giants" became entities so)."""
    found = entities_in(
        "Magic is the best card game ever made, Pokemon is fine.",
        "The Kings of France lived at Versailles.",
        "Giants like Edison and Tesla shaped the century.",
    )
    assert not forms_of(found) & {"Magic", "Giants"}, found


def test_a_listed_name_of_several_words_inside_a_longer_name_is_no_team():
    """ "Leicester City Council", "the Golden State Killer": a longer name holding a listed team's, no team; the model's
    reading of the council stands."""
    found = entities_in(
        "Leicester City Council approved the new budget.",
        "The Golden State Killer was finally caught thanks to DNA genealogy.",
    )
    assert label_of(found, "Leicester City Council") == schema.ORGANIZATION, found
    assert not forms_of(found) & {"Leicester City", "Golden State"}, found


def test_a_listed_short_name_of_several_words_the_model_reads_as_a_place_is_a_place_outside_a_thread_of_teams():
    """ "in the Golden State" (California), "in West Ham, near Stratford" (the district), each read by the model as a
    place where the thread names no team: places, as before the teams were listed."""
    found = entities_in(
        "I love living in the Golden State. California has the best weather.",
        "I grew up in West Ham, near Stratford.",
    )
    assert label_of(found, "Golden State") == label_of(found, "West Ham") == schema.PLACE, found


def test_a_listed_short_name_joins_its_team_only_where_its_own_thread_names_the_team_or_teams():
    """A load holds a thread naming the Orlando Magic and the New York Rangers and one on card games and a park:
    "Magic" (the card game) and "Rangers" (the park's) there join neither team (each did, named in another thread)."""
    posts = [
        Post(id=f"{thread}:{i}", thread=thread, is_article=False, text=text, platform="web", source="s", author=thread)
        for thread, texts in (
            ("games", ["The Orlando Magic beat the Sacramento Kings.", "The New York Rangers signed a goalie."]),
            ("cards", ["Magic is the best card game ever made.", "Rangers closed the trail after the fire."]),
        )
        for i, text in enumerate(texts)
    ]
    fragment = Extractor().extract(posts)
    teams = {n.id: n for n in fragment.nodes if n.props.get("name") in {"Orlando Magic", "New York Rangers"}}
    mentioning = {e.source for e in fragment.edges if e.type == schema.MENTIONS and e.target in teams}
    assert mentioning == {"games:0", "games:1"}, mentioning


@pytest.mark.parametrize(
    ("town", "said", "club", "told"),
    [
        ("Leeds", "I moved to Leeds last year for work.", "Leeds United", "Leeds United are my local club now."),
        (
            "Brighton",
            "We spent a weekend in Brighton by the sea.",
            "Brighton & Hove Albion",
            "Brighton & Hove Albion won.",
        ),
        (
            "Tottenham",
            "I live in Tottenham, the High Road is busy.",
            "Tottenham Hotspur",
            "Tottenham Hotspur play here.",
        ),
    ],
)
def test_a_town_named_as_a_clubs_short_name_stays_the_town_beside_the_club_outside_a_thread_of_teams(
    town, said, club, told
):
    """ "I moved to Leeds", "a weekend in Brighton", "I live in Tottenham" beside the club of the town, in a thread
    naming no other team: the town a place of its own (each joined its club, and Brighton's and Tottenham's clubs
    became places)."""
    found = entities_in(said, told)
    assert label_of(found, town) == schema.PLACE and label_of(found, club) == schema.ORGANIZATION, found
