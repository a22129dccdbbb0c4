"""Teams' names the model misses, found by the words fans put around them.

A club's or a franchise's nickname is often an English word or its plural ("Heat", "Magic", "Nets", "Warriors",
"Villa"), which the small model leaves untagged where it reads as that word. Fans frame a team's name as few other
names are: a win or a loss before it ("beat", "against the", "lost to the"), a player's club ("plays for the"), its
fans or its game after it ("a Lakers fan", "the Warriors game"), or a player "traded" by it. Each frame alone also
fits other words ("Nobody could beat the Heat that summer", "the next Witcher games"), so a name found by it alone is
a team's only where its thread names three teams so (``aliases``, ``Mention.team_only``); a body's head or a title
alone is none ("against the League", "plays for the Queen"; ``entities``). Frames that fit too much else are left to
names the model tags (``entities._team_cue``): "v" and "vs" ("VS Code", "Bart v Ingen Schenau"), and "are" after a
singular name ("Villa are fucked", but "People are" too).
"""

from __future__ import annotations

import re

from .stop_words import STOP_WORDS

__all__ = ["untagged_teams"]

# words before a rival's name, "the" after them optional ("beat Villa", "beat the Bucks")
_BEFORE = frozenset("beat beats beating".split())
# words before "the" and a rival's name: "against the Bucks" ("against Islam" names no team: "the" is needed)
_BEFORE_THE = frozenset({"against"})
# verbs before "to" and a rival's name, "the" after it optional: "losing to the Heat"
_LOST = frozenset("lose loses lost losing".split())
# verbs before "for" and a team's name, "the" after it optional: "He plays for the Magic"
_PLAYED = frozenset("play plays played playing".split())
# words after a team's name, in lower case ("Buy GAME FACES" is a title's): "Arsenal fans", "a Lakers fan", "the Heat
# game" ("the next Witcher games" is a video game's: where the thread names no team so, no team)
_AFTER = frozenset({"fans", "fan", "supporters", "game", "games"})
# a team that trades a player, whose name follows ("Blazers traded away Harkless for a first")
_TRADED = frozenset({"traded"})
# what a post's lower-cased text holds where a frame is: a pattern opening with a word boundary is tried at every
# character, five times as long as looking these up
_SEEN = ("beat", "against", "los", "play", "fan", "supporters", "traded", "game")
# the frames' words: the tokens around them are read
_FRAMED = re.compile(
    r"\b(?:beat|beats|beating|against|lose|loses|lost|losing|play|plays|played|playing|fans|fan|supporters|traded|game|games)\b",
    re.IGNORECASE,
)


def _name_token(tok) -> bool:
    """A word written as a team's name is: capitalised, letters only, no stop word ("beat Those") and not shouted."""
    text = tok.text
    capitalised = text[0].isupper() and not text.isupper()
    return len(text) >= 3 and text.isalpha() and capitalised and text.lower() not in STOP_WORDS


def _word(doc, i: int) -> str:
    return doc[i].lower_ if 0 <= i < len(doc) else ""


def _run_after(doc, i: int, free) -> tuple[int, int] | None:
    """The capitalised run of one or two words starting at token ``i`` ("West Ham"), all ``free``."""
    if i >= len(doc) or not free(i) or not _name_token(doc[i]):
        return None
    end = i + 1
    if end < len(doc) and free(end) and _name_token(doc[end]) and doc[i].whitespace_ == " ":
        end += 1
    return i, end


def _run_before(doc, i: int, free) -> tuple[int, int] | None:
    """The capitalised run of one or two words ending at token ``i``, all ``free``."""
    if i < 0 or not free(i) or not _name_token(doc[i]):
        return None
    start = i
    if start > 0 and free(start - 1) and _name_token(doc[start - 1]) and doc[start - 1].whitespace_ == " ":
        start -= 1
    return start, i + 1


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
        if low in _BEFORE:
            span, why = _run_after(doc, i + 2 if after == "the" else i + 1, free), doc[i].text
        elif low in _BEFORE_THE and after == "the":
            span, why = _run_after(doc, i + 2, free), f"{doc[i].text} the"
        elif (low in _LOST and after == "to") or (low in _PLAYED and after == "for"):
            span = _run_after(doc, i + 3 if _word(doc, i + 2) == "the" else i + 2, free)
            why = f"{doc[i].text} {doc[i + 1].text}"
        elif (low in _AFTER and doc[i].text.islower()) or (low in _TRADED and _traded_player(doc, i)):
            span, why = _run_before(doc, i - 1, free), doc[i].text
        else:
            continue
        if span:
            found.setdefault(span, why)
    return [(start, end, why) for (start, end), why in sorted(found.items())]


def _traded_player(doc, i: int) -> bool:
    """A name after "traded" at token ``i`` ("traded Iggy", "traded away Harkless"): a team trades a player."""
    j = i + 2 if _word(doc, i + 1) == "away" else i + 1
    return j < len(doc) and doc[j].text[:1].isupper() and doc[j].is_alpha
