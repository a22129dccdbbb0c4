"""Teams' names the model misses, found by the words fans put around them.

A club's or a franchise's nickname is often an English word or its plural ("Heat", "Magic", "Nets", "Warriors",
"Villa"), which the small model leaves untagged where it reads as that word. Fans frame a team's name as few other
names are: a match against it ("against the"), a player's club ("plays for the"), its fans or its game after it ("a
Lakers fan", "the Warriors game"), or a player "traded" by it. Each frame alone also fits other words ("the war
against the Empire", "the next Witcher games"), so a name found by it alone is a team's only where its own thread
names three teams so (``aliases``, ``Mention.team_only``); a franchise's games ("the Elden Ring games", where a
match is "the Cavs game") count for none of the three (``Mention.loose``). A body's head or a title alone is none
("against the League", "plays for the Queen"; ``entities``), nor a sentence's first word before fans or a game
("Football fans", "Video games"), nor a part of a longer capitalised name ("Call of Duty games", "Grand Theft Auto
games"), nor a date after "traded" ("Shares traded Monday"). Frames that fit too much else are left to names the
model tags (``entities._team_cue``): a win or a loss ("beat the Boss", "lost to the Left": no development thread
gained a team by them), "supporters" ("Trump supporters"), "v" and "vs" ("VS Code", "Bart v Ingen Schenau"), and
"are" after a singular name ("Villa are fucked", but "People are" too).

The major leagues' teams are listed (``data/teams.tsv``): a listed team's name of several words is the team's,
whatever the model reads ("the Golden State Warriors", read as a building; "West Ham", whose "West" it reads as a
region), unless a capitalised word continues it ("Leicester City Council") or it is a short name the model reads as a
place ("in the Golden State"). A short name alone ("Warriors", "Villa") is found as a name the words around it frame
is, a team's only where its own thread names three teams by other words, and so is one the model tags with no such
words around it ("the Kings of France"); it joins another of its team's names where one listed team alone has that
short name ("Giants" names two) and its own thread names that name or three teams, a town's name ("I moved to Leeds",
beside Leeds United) only where its thread names three teams.
"""

from __future__ import annotations

import re
from functools import cache
from importlib.resources import files

from .stop_words import STOP_WORDS

__all__ = ["AFTER", "listed_teams", "team_names", "teams_short_for", "untagged_teams"]

_PLACES = frozenset({"GPE", "LOC", "FAC"})  # the model's labels of places
# words before "the" and a rival's name: "against the Bucks" ("against Islam" names no team: "the" is needed)
_BEFORE_THE = frozenset({"against"})
# verbs before "for" and a team's name, "the" after it optional: "He plays for the Magic"
_PLAYED = frozenset("play plays played playing".split())
# words after a team's name, in lower case ("Buy GAME FACES" is a title's): "Arsenal fans", "a Lakers fan", "the Heat
# game" ("the next Witcher games" is a video game's: where the thread names no team so, no team)
AFTER = frozenset({"fans", "fan", "game", "games"})
# a team that trades a player, whose name follows ("Blazers traded away Harkless for a first"; "Shares traded
# Monday": a date's name is no player's)
_TRADED = frozenset({"traded"})
_NO_PLAYER = frozenset({"DATE", "TIME", "MONEY", "PERCENT", "CARDINAL", "QUANTITY"})
# words joining a longer name's capitalised words ("Call of Duty", "Lord of the Rings"): a name framed after them is
# that name's tail, no team's
_JOINING = frozenset({"of", "the", "&"})
_COUNTS = frozenset("all any both each few half lots many most none one several some".split())
# what a post's lower-cased text holds where a frame is: a pattern opening with a word boundary is tried at every
# character, five times as long as looking these up
_SEEN = ("against", "play", "fan", "traded", "game")
# the frames' words: the tokens around them are read
_FRAMED = re.compile(
    r"\b(?:against|play|plays|played|playing|fans|fan|traded|game|games)\b",
    re.IGNORECASE,
)


def _name_token(tok) -> bool:
    """A word written as a team's name is: capitalised, letters only, no stop word ("beat Those") and not shouted."""
    text = tok.text
    capitalised = text[0].isupper() and not text.isupper()
    return len(text) >= 3 and text.isalpha() and capitalised and text.lower() not in STOP_WORDS


def _word(doc, i: int) -> str:
    return doc[i].lower_ if 0 <= i < len(doc) else ""


def _longer(doc, i: int, step: int, free) -> bool:
    """Whether a capitalised run goes on at token ``i``, on the side ``step`` of it: another free capitalised word
    ("Grand Theft Auto games"), or any capitalised word but a count's across a joining word ("Call of Duty games",
    not "Most of the Warriors fans"); "the" alone joins none ("watch the Warriors game")."""
    joining = []
    while 0 <= i < len(doc) and doc[i].text in _JOINING:
        joining.append(doc[i].text)
        i += step
    if not 0 <= i < len(doc) or joining and all(word == "the" for word in joining):
        return False
    if joining:
        return doc[i].text[:1].isupper() and doc[i].is_alpha and doc[i].lower_ not in _COUNTS
    return free(i) and _name_token(doc[i])


def _run_after(doc, i: int, free) -> tuple[int, int] | None:
    """The capitalised run of one or two words starting at token ``i`` ("West Ham"), all ``free``, no longer name's
    head ("against the Golden State Warriors" is the model's to read)."""
    if i >= len(doc) or not free(i) or not _name_token(doc[i]):
        return None
    end = i + 1
    if end < len(doc) and free(end) and _name_token(doc[end]) and doc[i].whitespace_ == " ":
        end += 1
    return None if _longer(doc, end, 1, free) else (i, end)


def _run_before(doc, i: int, free) -> tuple[int, int] | None:
    """The capitalised run of one or two words ending at token ``i``, all ``free``, no longer name's tail ("Call of
    Duty games")."""
    if i < 0 or not free(i) or not _name_token(doc[i]):
        return None
    start = i
    if start > 0 and free(start - 1) and _name_token(doc[start - 1]) and doc[start - 1].whitespace_ == " ":
        start -= 1
    return None if _longer(doc, start - 1, -1, free) else (start, i + 1)


def untagged_teams(doc, taken: set[int], ents) -> list[tuple[int, int, str]]:
    """Spans (token start, end) of capitalised words none of the model's named ``ents`` holds, framed as a team's
    name, each with the words that frame it. Only the frames' words are read, where the text's search finds them."""
    lowered = doc.text.lower()
    if not any(word in lowered for word in _SEEN):
        return []
    tagged = {i for ent in ents for i in range(ent.start, ent.end)}

    def free(i: int) -> bool:
        return i not in taken and i not in tagged

    found: dict[tuple[int, int], str] = {}
    for match in _FRAMED.finditer(doc.text):
        cue = doc.char_span(match.start(), match.end())
        if cue is None or cue.end - cue.start != 1:
            continue  # inside a longer token ("play-off")
        i = cue.start
        low, after = doc[i].lower_, _word(doc, i + 1)
        if low in _BEFORE_THE and after == "the":
            span, why = _run_after(doc, i + 2, free), f"{doc[i].text} the"
        elif low in _PLAYED and after == "for":
            span = _run_after(doc, i + 3 if _word(doc, i + 2) == "the" else i + 2, free)
            why = f"{doc[i].text} {doc[i + 1].text}"
        elif (low in AFTER and doc[i].text.islower()) or (low in _TRADED and _traded_player(doc, i)):
            span, why = _run_before(doc, i - 1, free), doc[i].text
        else:
            continue
        if span:
            found.setdefault(span, why)
    return [(start, end, why) for (start, end), why in sorted(found.items())]


def _traded_player(doc, i: int) -> bool:
    """A name after "traded" at token ``i`` ("traded Iggy", "traded away Harkless"): a team trades a player; a date
    is none ("Shares traded Monday")."""
    j = i + 2 if _word(doc, i + 1) == "away" else i + 1
    return j < len(doc) and doc[j].text[:1].isupper() and doc[j].is_alpha and doc[j].ent_type_ not in _NO_PLAYER


@cache
def _listed() -> tuple[
    dict[str, list[tuple[tuple[str, ...], bool]]], dict[str, frozenset[str]], dict[str, frozenset[str]]
]:
    """The listed teams' names by their first word (each as its words, and whether it has several: "West Ham" names
    its team as a full name does), longest first; the full names each short name stands for; each team's names."""
    by_first: dict[str, list[tuple[tuple[str, ...], bool]]] = {}
    short_for: dict[str, set[str]] = {}
    for line in files(__package__).joinpath("data", "teams.tsv").read_text(encoding="utf-8").splitlines():
        full, _, shorts = line.partition("\t")
        for name in [full] + shorts.split("|") if " " in full else shorts.split("|"):
            words = tuple(name.split())
            if words:
                by_first.setdefault(words[0], []).append((words, len(words) > 1))
        for short in filter(None, shorts.split("|")):
            short_for.setdefault(short, set()).add(full)
    for names in by_first.values():
        names.sort(key=lambda name: -len(name[0]))
    names: dict[str, set[str]] = {}
    for short, fulls in short_for.items():
        for full in fulls:
            names.setdefault(full, {full}).add(short)
    return (
        by_first,
        {short: frozenset(fulls) for short, fulls in short_for.items()},
        {full: frozenset(forms) for full, forms in names.items()},
    )


def listed_teams(doc) -> list[tuple[int, int, bool]]:
    """Spans (token start, end) of listed teams' names as the list writes them, each with whether it has several
    words: the longest name at each place, none inside another ("Golden State Warriors", not its "Warriors"), and no
    name of several words that a capitalised word continues ("Leicester City Council"). A short name of several words
    the model reads as a place ("in the Golden State": California) counts as one of one word, a team's only in a
    thread of teams."""
    by_first, short_for, _ = _listed()
    tokens, found, i = doc.tokens, [], 0
    while i < len(tokens):
        names = by_first.get(tokens[i].text)
        match = names and next(
            (
                (words, several)
                for words, several in names
                if all(i + k < len(tokens) and tokens[i + k].text == word for k, word in enumerate(words))
            ),
            None,
        )
        end = i + len(match[0]) if match else i
        if match and not (match[1] and end < len(tokens) and _capitalised(tokens[end])):
            # a short name the model reads as a place ("in the Golden State", "in West Ham") is as one of one word is
            placed = " ".join(match[0]) in short_for and all(t.ent_type_ in _PLACES for t in tokens[i:end])
            found.append((i, end, match[1] and not placed))
            i = end
        else:
            i += 1
    return found


def _capitalised(token) -> bool:
    """A capitalised word: after a listed name of several words, the rest of a longer name ("Leicester City Council",
    "the Golden State Killer"), no team's."""
    return token.text[:1].isupper() and token.is_alpha


def teams_short_for(short: str) -> frozenset[str]:
    """The listed teams' full names ``short`` is a short name of ("Warriors": Golden State Warriors)."""
    return _listed()[1].get(short, frozenset())


def team_names(full: str) -> frozenset[str]:
    """A listed team's full name and its short names ("Tottenham Hotspur": Tottenham, Spurs)."""
    return _listed()[2].get(full, frozenset())
