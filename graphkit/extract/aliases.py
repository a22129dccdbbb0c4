"""One node per real-world entity: group mentions by name, merge alias forms, vote the label.

Forms merge when they are the same name (ignoring case and punctuation), a known country form or acronym, an acronym or
new name defined in the text ("Islamic State (IS)", "X, which is currently known as Y"), a person's surname or a
transliteration of the first name (Lavrov, Sergei/Sergey Lavrov), a short form of an organisation (Al-Nusra → Al-Nusra
Front; Catholic League → French Catholic League, the one body in view so named after a people's adjective, not a
nation's party, court or church), an adjective form before a place word (Crimean Peninsula → Crimea; Western Asia →
West Asia, not East Pakistan), a name with a verb's contraction glued on ("Victor Moses’d"), or a spelling or
transliteration variant of a place or organisation (Novorosia/Novorussia/Novorossiya, Europa/Europe: the same consonant
skeleton and close spelling), or a writer's slip of one letter (Zelenksy/Zelensky, Luganst/Lugansk; not two names the
lists know, Hansen/Hanson). A surname joins a full name only when one person in view has it, so George and Jeb Bush stay
apart and "Bush" joins neither. Each entity keeps the reason of every merge (``Entity.merges``) and the
evidence its label was voted on (``Entity.why``); a form of one word that is the surname or the given name of a person
named in full in view votes Person in each mention ("Clinton", "Rami" of Rami Malek). Two surnames the model read as one
name ("the Obama Biden administration") are split first, where the second is the surname of a full name in view
(``AliasResolver.split_pairs``). A surname after a title or a short surname after the same given name joins the full
name it slips from ("Ms Abbot", "Tony Bliar"), a nickname of the given name joins the full name of the same surname
("Lizzy Warren"), a given name alone joins the one longer given name in view it is a short form of, one the census lists
give far more as a given name than as a surname, where a writer read the two together ("Jon", "Jonathan"), and a surname
after a title joins the surname written alone where no full name and no one of the other sex so called is in view ("Mr.
Abramovich"); capitals of two to four letters no list knows join the one person their thread names in full with those
initials ("HRC", Hillary Rodham Clinton; not where two people or a body named there share them); a surname written alone
joins the one full name in view whose surname is spelt alike past a slip
("Schwarzenneger", "Arnold Schwarzenegger"; not two surnames the lists know, Morrissey/Morrison), where that surname is
never written alone and no given name is ever written before this one; a newspaper's head alone joins the one paper in
view so named ("The Times"); a bare country code the model twice reads as a body after "the" is that body's acronym
("the SS", not South Sudan). A name the thread writes as a handle after "@" opening a sentence ("@Kaveh I think") is a
participant's, and makes no entity wherever it is written. A word written as names are that neither the model nor a rule
took for a name ("Damon was excellent") is the surname of the one person its thread names in full with it ("Matt
Damon"), where no other person named in full there has that surname or that word as a given name, and no name there so
spelt is labelled otherwise: read in its own thread alone, whatever other threads of its window name so (Matt Damon's
thread and Johnny Damon's each keep their Damon). A word typed in lower case that English rarely writes so
("bouazizi"; not "china", "trump") is a mention of the entity its thread names capitalised by it ("Bouazizi"), read in
its own thread alone. A capitalised word of a title-like run, "X of the Y", is none ("King of the hill").

State lives across batches: once an entity has been emitted its label and canonical name are
fixed, so its id never changes; later forms join it and it is emitted again with all aliases.
"""

from __future__ import annotations

import bisect
import difflib
import re
from collections import Counter, OrderedDict, defaultdict
from collections.abc import Callable, Iterable, Iterator
from collections.abc import Set as AbstractSet
from dataclasses import dataclass, field, replace

from .. import schema
from ..records import Node
from .casing import lower_case_word
from .entities import GENERATIONS, MODEL_LABELS, ORG_WORDS, PAPER_HEADS, PLACE_WORDS, Mention
from .extractor import ACTIVE_THREADS
from .gazetteer import ORG_ACRONYMS, gazetteer, one_letter_apart
from .lexicon import Kind, english, kind, zipf
from .names import (
    first_name,
    gender,
    given_per_cent,
    given_share,
    likelier_sex,
    long_forms,
    same_given_name,
    surname,
)
from .peoples import people
from .plausible import plausible
from .teams import team_names, teams_short_for
from .titles import TITLES

__all__ = ["Entity", "AliasResolver", "acronyms_of", "find_definitions"]

# a name starts at a word's start (after "ex-" too, and with an Arabic article: "al-Qaeda") and runs at most nine
# words: tried from each capital of a long capitalised run, each try reading to the run's end, the renamings of 10,000
# characters of such words took 8 s
_NAME = (
    r"(?:(?<![\w’'-])|(?<=\bex-))(?:the\s+)?((?:(?:al|el|ad|ash|as)-)?[A-Z][\w’'-]*"
    r"(?:\s+(?:[A-Z][\w’'-]*|(?:al|el|ad|ash|as)-[\w’'-]+|al|of|de)\b){0,8})"
)
_RENAMED = re.compile(
    _NAME + r",?\s+(?:which|who)\s+(?:is|was|are|were)\s+(?:currently\s+|now\s+|also\s+|formerly\s+|previously\s+)?"
    r"(?:known|called|named)\s+as\s+"
    + _NAME
    + r"|"
    + _NAME
    + r",?\s+(?:now|also|formerly|previously|currently)\s+(?:known\s+as|called)\s+"
    + _NAME
    + r"|"
    + _NAME
    + r"\s+\((?:formerly|aka|a\.k\.a\.|also known as|now)\s+"
    + _NAME
    + r"\)"
    + r"|"
    + _NAME
    + r"(?:,?\s+|\s*[-–—]\s*)(?:aka|a\.k\.a\.)\s+"
    + _NAME
)
# a word each renaming above holds: a text with none of them is not searched (the search tries every capital)
_RENAMING_WORDS = ("known", "called", "named", "aka", "a.k.a.", "(formerly", "(now")
# where a renaming may start: the first letter of a name ("the", "al-" and the like, or a capital) where ``_NAME`` may
# start. Opening with its letters, this pattern is looked for at C speed; ``_RENAMED``, opening with lookbehinds, was
# tried at every character (a 4,000-character comment holding "known" took 1.8 ms)
_RENAMING_START = re.compile(r"[A-Zate](?:(?<![\w’'-].)|(?<=\bex-.))")
# words that complete an organisation's short name ("Al-Nusra" → "Al-Nusra Front", "Fox" → "Fox News"); not "Times"
# or "Bank", which name a different body after a place or person
_NAME_COMPLETIONS = set(
    "front army forces party brigade brigades movement group network union alliance coalition militia "
    "organization organisation league federation council committee news".split()
)
_MODIFIER = re.compile(r"^(?:\S+-(?:linked|backed|led|based|affiliated|allied|funded|run|controlled)\s+)+")
# a lower-case word glued by a dash after a name: "Lizzy Warren-aka Pocahontas-claiming she is"
_DASHED_TAIL = re.compile(r"[-–—][a-z][\w’']*$")
# a body's full name, its capitalised words joined by the small words names hold ("National Institute on Drug Abuse")
_WORD = r"(?:[A-Z][\w’'&-]*|(?:al|el|ad|ash|as)-[\w’'-]+)"
_FULL_NAME = r"([A-Z][\w’'&-]*(?:(?:\s+(?:of|on|for|and|in|to|the|de|al|&))*\s+" + _WORD + r")*)"
_BRACKET = re.compile(r"\s\(")
_NAME_BEFORE = re.compile(_FULL_NAME + r"$")
_ACRONYM_IN_BRACKETS = re.compile(r"([A-Z][A-Za-z]{1,7})\)")
# the acronym first and the full name in brackets after it: "NIDA (National Institute on Drug Abuse)"
_ACRONYM_BEFORE = re.compile(r"\b([A-Z][A-Za-z]{1,7})$")
_NAME_IN_BRACKETS = re.compile(r"(?:the\s+)?" + _FULL_NAME + r"\)")
_NAME_REACH = 160  # characters before an acronym in brackets its full name may start: eight long words and joiners


_KNOWN_ALONE_ZIPF = 4.5  # a name this frequent alone in English is a surname people know ("Obama"), no given name
_SLIP_LENGTH = 6  # letters of a name's last word before one letter off is taken for a slip, not another name
# the endings of East Slavic patronymics, a name of its own beside a surname a letter shorter ("Sergeevna",
# "Sergeeva")
_PATRONYMIC_ENDS = ("ovna", "evna", "ovich", "evich", "ovitch", "evitch")
_RESPELT_RATIO = 0.7  # difflib's ratio of two spellings of a surname past a slip ("netanyahoo", "netanyahu": 0.84)


def _known_alone(word: str) -> bool:
    """A name English writes alone this often, as it writes the surnames of the famous ("Obama", "Trump"), more
    often than the given names the census lists lack ("Jeb", "Vladimir", "Ivanka")."""
    return kind(word) is Kind.NAME and zipf(word.lower(), "en") >= _KNOWN_ALONE_ZIPF


def _pair(mention: Mention, given: dict[str, set[str]]) -> list[Mention]:
    """``mention`` split into its two names (see ``AliasResolver.split_pairs``), or alone."""
    words = mention.key.split()
    if len(words) != 2 or mention.model != "PERSON" or mention.cue or mention.surface != mention.key:
        return [mention]
    one, two = words
    if not (one.isalpha() and one.istitle() and two.isalpha() and two.istitle()) or first_name(one) or first_name(two):
        return [mention]
    if not given.get(two, set()) - {one} or one.lower() in TITLES or not _known_alone(one):
        return [mention]
    full = f"{sorted(given[two])[0]} {two}"
    parts = []
    for word, start in ((one, mention.start), (two, mention.end - len(two))):
        part = Mention(start, start + len(word), word, word, model=mention.model, initial=mention.initial and not parts)
        part.vote(schema.PERSON, 1.0, f"model PERSON, of '{mention.key}': two names, '{full}' in view", by_model=True)
        parts.append(part)
    return parts


def _namesake(mentions: list[Mention]) -> bool:
    """A name marked as a work's title in few of its mentions ("watch Nolan finally take home all the Oscars", "RDJ
    ... in the final act of the movie") that the thread talks of as a person in others: the model reads them as a
    person's, or "he" or "she" refers to them. Such a name stays, without the mentions marked as the work's."""
    others = [m for m in mentions if not m.work]
    if len(mentions) - len(others) > _NAMESAKE_SHARE * len(mentions):
        return False
    read = sum(m.model == "PERSON" for m in others)
    return read >= _NAMESAKE_PERSON or sum(m.sex in ("m", "f") for m in others) >= _NAMESAKE_PERSON


def _initials_read(shouted: Iterable[Mention]) -> list[Mention]:
    """Shouted mentions of a person's initials: capitals of two to four letters the model reads as a person's in at
    least ``_INITIALS_READS`` of them ("Why did Nolan tease JFK", "JFK voting against Strauss"); else none."""
    initials = [m for m in shouted if _INITIALS.fullmatch(m.key)]
    return initials if sum(m.model == "PERSON" for m in initials) >= _INITIALS_READS else []


def _name_like(mentions: list[Mention]) -> bool:
    """Mentions of a person's name by more than the model: "he" or "she" refers to one, the name lists know the word,
    or it is initials."""
    key = mentions[0].key
    listed = " " not in key and (surname(key) or first_name(key))
    return listed or any(m.sex in ("m", "f") for m in mentions) or bool(_INITIALS.fullmatch(key))


def _body_by_model(mentions: list[Mention]) -> float:
    """The votes for a body the model and the capitals cast, where no other evidence says body; else 0."""
    total = by_model = 0.0
    for m in mentions:
        for why in m.evidence:
            head, _, reason = why.partition(" ")
            if head.startswith(schema.ORGANIZATION):
                weight = float(head.removeprefix(schema.ORGANIZATION))
                total += weight
                by_model += weight if reason in _BODY_BY_MODEL else 0.0
    return by_model if by_model == total else 0.0


def _doubled(one: str, other: str) -> bool:
    """The longer spelling is the shorter with one letter written twice ("zelenskyy", "zelensky")."""
    short, long = sorted((one, other), key=len)
    return len(long) == len(short) + 1 and any(
        long[i] == long[i + 1] and long[:i] + long[i + 1 :] == short for i in range(len(long) - 1)
    )


def _doubled_consonant(short: str, long: str) -> bool:
    """``long`` is ``short`` with a consonant written twice ("alli", "ali"); a vowel doubled makes another name."""
    if len(long) != len(short) + 1:
        return False
    at = next((i for i, (a, b) in enumerate(zip(short, long, strict=False)) if a != b), len(short))
    return _doubled(short, long) and long[at] not in "aeiouy"


def _slip(one: str, other: str) -> bool:
    """Two spellings of one surname as writers slip: a letter doubled ("Abbot", "Abbott") or an i for a y ("Corbin",
    "Corbyn")."""
    changed = [{a, b} for a, b in zip(one, other, strict=False) if a != b]
    return _doubled(one, other) or len(one) == len(other) and changed == [{"i", "y"}]


def _inside(one: str, other: str, given: str) -> bool:
    """A letter added inside a surname after the same given names, neither spelling one the lists know ("Ayo Ojewumi",
    "Ayo Ojewunmi"): a slip, where a letter added at the end makes a name of its own (Petrov, Petrova), two listed
    surnames two families' (Johnson, Johnston) and a patronymic a father's name beside a surname ("Olga
    Aleksandrovna", "Olga Aleksandrova")."""
    short, long = sorted((one, other), key=len)
    if long[:-1] == short or short.endswith(_PATRONYMIC_ENDS) != long.endswith(_PATRONYMIC_ENDS):
        return False
    return bool(given) and not (_named(one.capitalize()) or _named(other.capitalize()))


def _other_spelling(one: str, other: str) -> bool:
    """One letter apart, one a country's, a region's or a big city's name and the other known only as another name of
    a city of as many people ("Djibuti", Djibouti's): the big place spelt otherwise, no place of its own. Of the
    gazetteer's 49,727 other names 1,032 are a letter off a big place's, most other towns' ("Basar", Basra;
    "Floripa", Florida); 31 of as many people, all that place spelt otherwise ("Kuweit", "Luxemburg")."""
    gaz = gazetteer()
    minor, major = sorted((one.capitalize(), other.capitalize()), key=gaz.major)
    if not (one_letter_apart(one, other) and gaz.major(major)) or gaz.major(minor) or minor not in gaz.alternates:
        return False
    return gaz.cities.get(minor) == gaz.cities.get(major)


def _respelt(one: str, other: str) -> bool:
    """Two spellings of a surname past a slip of more than one letter: the same first five letters, most letters
    alike, neither the other with an ending added ("williamson", "williams") and not both names the lists know, as
    two listed surnames so alike are two families' ("Morrissey", "Morrison"; "Schmitz", "Schmidt"), not a slip
    ("Schwarzenneger", "Schwarzenegger")."""
    if len(one) < _SLIP_LENGTH or one[:5] != other[:5] or one.startswith(other) or other.startswith(one):
        return False
    if _named(one.capitalize()) and _named(other.capitalize()):
        return False
    return not one_letter_apart(one, other) and difflib.SequenceMatcher(None, one, other).ratio() >= _RESPELT_RATIO


# labels in the order a tie of votes and of the model's reads goes: one order for a form's label before merges
# (``AliasResolver._label_like``, which decides who is a person in view) and for the entity's, so that a name voted a
# person's is among the people in view ("Ludwig Göransson", whom "Ludwig" then joins)
_LABEL_ORDER = (schema.PERSON, schema.ORGANIZATION, schema.PLACE)


def _label_voted(mentions: list[Mention]) -> str | None:
    """The label the mentions' votes lead to; None if they cast none."""
    votes: dict[str, float] = {}
    for m in mentions:
        for label, weight in m.votes.items():
            votes[label] = votes.get(label, 0.0) + weight
    return _voted(votes, mentions) if votes else None


def _voted(votes: dict[str, float], mentions: Iterable[Mention]) -> str:
    """The label ``votes`` lead to: the most votes, then the most model labels of the mentions, then the order."""
    model = Counter(MODEL_LABELS.get(m.model or "") for m in mentions)
    return max(_LABEL_ORDER, key=lambda lab: (votes.get(lab, 0.0), model[lab], -_LABEL_ORDER.index(lab)))


# after a surname, a number tells a son from his father as "Jr." does ("Robert Griffin III"); after a given name it is
# a pope's or a king's
_NUMBERED = {"ii", "iii", "iv"}


def _name_words(key: str) -> list[str]:
    """A full name's words as its surname ends them: a suffix of the generation after a given name and a surname left
    out, so that "King" is the surname of "Martin Luther King Jr." and two people's "Jr." is no surname they share."""
    words = key.split("-")
    last = words[-1]
    if len(words) > 2 and (last in GENERATIONS or last in _NUMBERED and not first_name(words[-2].capitalize())):
        return words[:-1]
    return words


def _named(word: str) -> bool:
    """A word the name lists know: a census given name or surname, or a word written alike across languages."""
    return first_name(word) or surname(word) or kind(word) is Kind.NAME


def _name_initials(key: str) -> set[str]:
    """The initials of a full name's key, with and without a generation's suffix ("dsj", "ds" of Dennis Smith Jr.);
    none for a name of initials alone ("j-f-k")."""
    words = key.split("-")
    if len(words) < 2 or all(len(w) == 1 for w in words):
        return set()
    return {"".join(w[0] for w in words), "".join(w[0] for w in _name_words(key))}


def _known_capitals(capitals: str) -> bool:
    """Capitals the packaged lists know as something else: a known acronym, a country's or a US state's code, or an
    English word written in capitals ("IMO", "AND")."""
    gaz = gazetteer()
    return (
        capitals in ORG_ACRONYMS
        or bool(gaz.country_code(capitals) or gaz.state_code(capitals))
        or english(capitals)
        or kind(capitals) is Kind.COMMON
    )


def _initials(name: str) -> str:
    words = [w for w in re.split(r"[\s-]+", name) if w and w[0].isupper()]
    return "".join(w[0] for w in words)


def _renamings(text: str) -> Iterator[re.Match[str]]:
    """The matches of ``_RENAMED`` in ``text``, as its ``finditer`` gives them, tried only where a name may start
    (``_RENAMING_START``)."""
    end = 0
    for start in _RENAMING_START.finditer(text):
        if start.start() >= end and (match := _RENAMED.match(text, start.start())):
            end = match.end()
            yield match


def find_definitions(text: str) -> list[tuple[str, str]]:
    """(main form, alias) pairs defined in ``text``: renamings, and acronyms in brackets after the full name or
    before it, whose capitalised words' initials they are."""
    pairs = []
    for match in _renamings(text) if any(word in text for word in _RENAMING_WORDS) else ():
        groups = [_DASHED_TAIL.sub("", _MODIFIER.sub("", g)) for g in match.groups() if g]
        if len(groups) == 2 and all(groups):
            pairs.append((groups[0], groups[1]))
    if "(" not in text:
        return pairs
    # each bracket after a blank, with the words just before it, within reach: a search over the whole text from each
    # capital would take time in the square of its length
    for bracket in (m.end() - 1 for m in _BRACKET.finditer(text)):
        before = text[max(0, bracket - _NAME_REACH) : bracket].rstrip()
        if inside := _ACRONYM_IN_BRACKETS.match(text, bracket + 1):
            acronym, name = inside.group(1), _NAME_BEFORE.search(before)
            words = name.group(1).split() if name else []
            # the acronym may cover only the last words of a longer capitalised run, from a capitalised word on
            for i in range(len(words)):
                tail = " ".join(words[i:])
                if words[i][0].isupper() and _initials(tail).upper() == acronym.upper():
                    pairs.append((tail, acronym))
                    break
        elif acronym := _ACRONYM_BEFORE.search(before):
            name = _NAME_IN_BRACKETS.match(text, bracket + 1, bracket + 1 + _NAME_REACH)
            full = name.group(1) if name else ""
            if len(full.split()) > 1 and _initials(full).upper() == acronym.group(1).upper():
                pairs.append((full, acronym.group(1)))
    return pairs


_COMMON_ZIPF = 4.5  # an everyday English word ("family", "global"), left out of a name as people shorten it
_EPITHET_ZIPF = 3.0  # an English word, if an uncommon one ("slick", "honest", "sleepy")
_DESCRIBING_ZIPF = 2.5  # an English word, if a rare one ("demented"), not a given name of other tongues ("Zbigniew")
_SURNAME_VOTE = 1.0  # per mention of a surname that a person in view has
_GIVEN_VOTE = 1.5  # per mention of a given name alone that a person in view has ("Rami" of Rami Malek): more
# than the model's other label on it
# a work's title that is also the person it is named after ("watching Oppenheimer" among twenty mentions of the man):
# at most this share of its mentions marked as the work's, and this many others the model reads as a person's or
# "he" or "she" refers to
_NAMESAKE_SHARE = 0.25
_NAMESAKE_PERSON = 2
# mentions the model reads as a person's that make its readings of the same name as a body's its slips, where nothing
# but the model and the capitals say body ("Oppenheimer", a bank's name too, read as a body 32 times and a person's 6)
_PERSON_READS = 3
# shouted initials the model reads as a person's in this many mentions are a person's initials ("JFK", "RDJ")
_INITIALS_READS = 2
_INITIALS = re.compile(r"[A-Z]{2,4}")
_PERSON_INITIALS = re.compile(r"[A-Z]{2,4}|(?:[A-Z]\.){1,3}[A-Z]\.?")  # "HRC", "J.F.K."
# the reasons of the votes the model and the capitals cast for a body (``entities._votes``)
_BODY_BY_MODEL = ("model ORG", "acronym")
# names the words around them make teams' ("beat Newcastle", "the Brighton game") that make a thread talk of teams:
# there, a town's name named once as a team's is the club's wherever the thread names it, whatever the gazetteer says
_TEAMS_IN_VIEW = 3
_BESIDE_PERSON_VOTE = 1.5  # a name listed next to a person in view, nothing but the model's label speaking for it
# a longer given name a short one joins: given to people ten times as often as borne as a surname ("Jonathan", not
# "Maxwell", "Jackson", "Kennedy": a man called so alone is as likely Mr. Maxwell)
_GIVEN_SHARE = 10 / 11
_LAST_CHARACTER = chr(0x10FFFF)  # after every key a given name opens, in the sorted names in view
_GENDERED = "@"  # joins a surname's key and the sex its title gives: "clinton@f" for "Mrs. Clinton"
_TITLE_SEX = {"mr": "m", "mrs": "f", "ms": "f", "miss": "f"}
_TITLED = re.compile(r"((?i:mrs|miss|mr|ms))\.?\s*([A-Z]\S*)")  # "Mrs. Clinton", "Mrs.Clinton"


def _epithet(words: list[str]) -> bool:
    """An English word before a given name, the shape of a nickname: "Slick Willy", "Honest Abe". A word that English
    writes in lower case, since case-folded frequency counts names too: "LeBron" is as frequent as "slick", and
    "LeBron James" is no nickname of James Harden."""
    epithet, given = (w.capitalize() for w in words) if len(words) == 2 else ("", "")
    return (
        first_name(given)
        and not first_name(epithet)
        and zipf(epithet.lower(), "en") >= _EPITHET_ZIPF
        and lower_case_word(epithet)
    )


def _describing(word: str) -> bool:
    """A word that describes, written before a surname as a nickname ("Demented Biden", "Traitor Trump"): an
    English word that is no given name and that English does not write as a name ("Rand Paul", "Newt Gingrich" are
    people of their own)."""
    name = word.capitalize()
    return not first_name(name) and kind(name) is not Kind.NAME and zipf(word, "en") >= _DESCRIBING_ZIPF


def _other_sex(mentions: list[Mention], fulls: list[str]) -> bool:
    """The surname written alone is a man's where the full names in view are a woman's, or the other way: "Obama
    showed his true colours" is no Michelle Obama; and no one's where "its" or "their" refers to it ("if Ford wanted
    to move their factory" is no Rob Ford). Read off the pronoun after the surname and the given names' sex in the
    lists."""
    said = {m.sex for m in mentions if m.sex}
    given = {gender(full.split("-")[0]) for full in fulls} - {None}
    return said == {"n"} or len(said) == 1 and len(given) == 1 and said != given


def _read_together(one: list[Mention], other: list[Mention], stating: AbstractSet[str]) -> bool:
    """Two names' mentions a writer read together: in one post (a mail quoting the other), or one in a post and the
    other in the post it answers or in another answer to that post; in a thread none of whose posts with names in
    them states whom it answers (not in ``stating``), in one thread, all the context such a thread gives: two roots
    of a mail thread are read apart."""
    posts, answers = {m.post for m in one} - {""}, {m.answers for m in one} - {""}
    other_posts, other_answers = {m.post for m in other} - {""}, {m.answers for m in other} - {""}
    if {m.thread for m in one} & {m.thread for m in other} - stating:
        return True
    return bool(posts & other_posts or answers & other_posts or other_answers & posts or answers & other_answers)


def _join_the_one(uf: _Union, key: str, fits: list[list[str]], why: str) -> None:
    """``key`` joins the full names that ``fits`` when they are one person in view (one group), none when several."""
    roots = {uf.find("-".join(w)) for w in fits}
    if len(roots) == 1:
        uf.union(key, roots.pop(), why)


def _described_surname(words: list[str]) -> bool:
    """A describing word and a surname: "Demented Biden"."""
    return len(words) == 2 and _describing(words[0])


def _without_a_common_word(words: list[str]) -> list[tuple[str, str]]:
    """An organisation's name with one everyday word inside it left out ("Clinton Family Foundation" →
    "Clinton Foundation"), or before its head ("Daily Telegraph" → "Telegraph"), and the word: forms people shorten
    as they write."""
    if len(words) < 2 or words[-1] not in ORG_WORDS:
        return []
    return [
        ("-".join(words[:i] + words[i + 1 :]), words[i])
        for i in range(0 if len(words) == 2 else 1, len(words) - 1)
        if words[i] not in ORG_WORDS and not first_name(words[i].capitalize()) and zipf(words[i], "en") >= _COMMON_ZIPF
    ]


# endings that make a place's adjective of its name: "Syrian", "Roman", "Chinese", "Iraqi"
_ADJECTIVE_ENDINGS = ("ian", "an", "n", "ese", "i")


# bodies each nation has its own of: a nation's adjective before one names which it is ("the Serbian Democratic
# Party", "the Indian Supreme Court", "the Russian Orthodox Church"), so the short name is not that one's
_EACH_NATIONS = frozenset(
    "party court church parliament congress senate army forces ministry association federation council bank guard "
    "tribunal commission department administration agency union front movement".split()
)


# a compass word's adjective, the word it is made of: "Western Asia", "West Asia"
_COMPASS = {"western": "west", "eastern": "east", "northern": "north", "southern": "south"}
# a verb's contraction written onto a name: "got Victor Moses’d", "Trump'll"
_CONTRACTED = re.compile(r"['’](?:d|ll|ve|re)$")


def _big_place(key: str) -> bool:
    """A country's or a big place's name ("South Africa", "West Virginia"), whose compass word is no adjective's
    shortening: Southern Africa is another place."""
    name = " ".join(w.capitalize() for w in key.split("-"))
    return gazetteer().major(name) or name in gazetteer().countries


def _compass_named(key: str) -> bool:
    """A compass word before a country or a city, a state of its own now or once ("East Pakistan", "North Yemen",
    "West Berlin") that the gazetteer may not hold, not the country's or the city's part ("Eastern Pakistan"); a
    continent or a region is no state ("West Asia", "Western Asia")."""
    rest = key.partition("-")[2]
    region = " ".join(w.capitalize() for w in rest.split("-")) in gazetteer().regions
    return _big_place(key) or _big_place(rest) and not region


def _adjective_of(word: str, place: Callable[[str], bool]) -> bool:
    """A people's adjective, or one made of a place's name that ``place`` accepts ("Indian" of India)."""
    name = word.capitalize()
    return people(name) or any(
        name.endswith(end) and len(name) > len(end) + 2 and place(name[: -len(end)]) for end in _ADJECTIVE_ENDINGS
    )


def _of_a_people(word: str) -> bool:
    """A people's or a big place's adjective ("French", "Roman", "American"); no place's own name ("Texas")."""
    return _adjective_of(word, gazetteer().major)


def _of_a_nation(word: str) -> bool:
    """A nation's adjective ("Serbian", "Indian"), not a city's ("Roman": the Roman Catholic Church is the one)."""
    return _adjective_of(word, gazetteer().countries.__contains__)


def _alike(first: str, other: str) -> bool:
    """Two spellings of one first name: Hillary, Hilary; Sergei, Sergey."""
    return first == other or first[0] == other[0] and difflib.SequenceMatcher(None, first, other).ratio() >= 0.8


def _capitals_of(form: str) -> str:
    """Initials of a name's capitalised words, acronyms whole: "New York Times", "NY Times" and "NYT" give NYT."""
    words = [w for w in form.replace(".", " ").split() if w[:1].isupper()]
    if words and words[0] == "The":
        words = words[1:]
    return "".join(w if w.isupper() else w[0] for w in words)


def _camel_capitals(form: str) -> str:
    """The capitals of one CamelCase word, lower-cased as keys are ("StackExchange": "se"), or "" for any other."""
    capitals = "".join(c for c in form if c.isupper())
    return capitals.lower() if form.isalpha() and len(capitals) > 1 and form[1:2].islower() else ""


def _has_acronym(form: str) -> bool:
    return any(w.isupper() for w in form.split())


def _sex_key(surface: str, key: str) -> str:
    """A surname after Mr. or Mrs. keeps the sex in its key, so Mr. Clinton and Mrs. Clinton stay two people."""
    titled = _TITLED.fullmatch(surface)
    if not titled or "-" in _norm(titled[2]):
        return key
    return f"{_norm(titled[2])}{_GENDERED}{_TITLE_SEX[titled[1].lower()]}"


def _shown(key: str) -> str:
    """A grouping key as the evidence shows it: "clinton@f" is "mrs-clinton"."""
    base, _, sex = key.partition(_GENDERED)
    return f"{'mrs' if sex == 'f' else 'mr'}-{base}" if sex else key


def _untitled(form: str) -> str:
    """A name's words without leading titles ("Mr. Lavrov" → "Lavrov"), as mentions are keyed
    (``entities._key``); "Premier League" keeps its first word."""
    words = form.split()
    while len(words) > 1 and words[0].lower() in TITLES and words[-1].lower() not in ORG_WORDS:
        words = words[1:]
    return " ".join(words)


def _norm(form: str) -> str:
    return schema.slug(form)


def _skeleton(key: str) -> str:
    """First letter and consonants, doubled letters once, y as i: Novorossiya, Novorusia → "nvrs"."""
    key = re.sub(r"(.)\1+", r"\1", key.lower().replace("y", "i"))
    return key[:1] + re.sub(r"[aeiou]", "", key[1:])


@dataclass
class Entity:
    """A resolved entity: fixed once emitted, its aliases only grow."""

    label: str
    name: str
    aliases: set[str] = field(default_factory=set)
    emitted: frozenset[str] = frozenset()
    emitted_evidence: str = ""  # the evidence last emitted: a merge's reason is news even without a new alias
    why: str = ""  # the label's evidence: "Person 4.5: model PERSON, first name 'Katy'"
    merges: list[str] = field(default_factory=list)  # "novorusia ~ novorosia: spelling variant"

    @property
    def id(self) -> str:
        return schema.entity_id(self.label, self.name)

    def node(self) -> Node:
        props = {"id": self.id, "name": self.name, "aliases": sorted(self.aliases), "evidence": self.evidence}
        return Node(self.id, self.label, props)

    @property
    def evidence(self) -> str:
        """Why the label, and why each form joined: "Person 4.5: model PERSON ×2; lavrov ~ sergey-lavrov: …"."""
        return schema.EVIDENCE_SEPARATOR.join([self.why, *self.merges])


def _why(label: str, total: float, mentions: list[Mention]) -> str:
    """The evidence behind a label, commonest first: "Person 4.5: model PERSON ×2, first name 'Katy'"."""
    counts: dict[str, int] = {}
    for m in mentions:
        for item in m.evidence:
            sign, _, reason = item.partition(" ")
            if sign.startswith(label):
                counts[f"{reason} ({sign[len(label) :]})"] = counts.get(f"{reason} ({sign[len(label) :]})", 0) + 1
    parts = [f"{r} ×{n}" if n > 1 else r for r, n in sorted(counts.items(), key=lambda kv: -kv[1])]
    return f"{label} {total:g}" + (": " + ", ".join(parts) if parts else "")


class _Union:
    def __init__(self) -> None:
        self.parent: dict[str, str] = {}
        self.reasons: list[tuple[str, str, str]] = []  # (key, key, why) of every merge

    def find(self, x: str) -> str:
        self.parent.setdefault(x, x)
        while self.parent[x] != x:
            self.parent[x] = self.parent[self.parent[x]]
            x = self.parent[x]
        return x

    def union(self, a: str, b: str, why: str) -> None:
        ra, rb = self.find(a), self.find(b)
        if ra != rb:
            self.parent[max(ra, rb)] = min(ra, rb)
            self.reasons.append((a, b, why))


def _people_of(fulls: Iterable[str]) -> set[str]:
    """The given names of full names of one surname, an initial counted with the given name it opens ("D. Trump",
    "Donald Trump": one person; "George Bush", "Jeb Bush": two)."""
    given = {_name_words(full)[0] for full in fulls}
    longer = {name for name in given if len(name) > 1}
    return longer | {name for name in given if len(name) == 1 and not any(g[0] == name for g in longer)}


def _given_names(fulls: Iterable[str]) -> set[str]:
    """People's given names, no initial and none before a describing word ("Demented Biden")."""
    given = set()
    for full in fulls:
        words = _name_words(full) if "-" in full and _GENDERED not in full else []
        if words and len(words[0]) > 1 and not _described_surname(words):
            given.add(words[0])
    return given


def _bare_code(key: str) -> bool:
    """An ISO country code that is not also a usual name of the country ("US", "UK" are; "CI", "TV" are not)."""
    gaz = gazetteer()
    return key.isupper() and bool(gaz.country_code(key)) and key not in gaz.countries and key not in ORG_ACRONYMS


def _listed_spelling(best: str, members: list[str]) -> str:
    """Of one name's spellings a letter apart, the one the name lists know: "Abramovich" however often commenters
    write "Abromovich"; ``best`` where the lists know it or no other spelling."""
    words = best.split("-")
    if _listed(words):
        return best
    for key in members:
        other = key.split("-")
        if len(other) != len(words) or not _listed(other):
            continue
        if all(a == b or one_letter_apart(a, b) for a, b in zip(words, other, strict=True)):
            return key
    return best


def _listed(words: list[str]) -> bool:
    """Every word of a grouping key a given name or a surname of the name lists."""
    return all(surname(w.capitalize()) or first_name(w.capitalize()) for w in words)


def _canonical_key(key: str) -> str:
    """The grouping key of a form: country forms and known acronyms go to their canonical name."""
    gaz = gazetteer()
    if key in ORG_ACRONYMS:
        return _norm(ORG_ACRONYMS[key])
    country = gaz.countries.get(key)
    if country:
        return _norm(country)
    if key.isupper() and gaz.country_code(key):
        return _norm(gaz.country_code(key) or key)
    return _norm(key)


def acronyms_of(pairs: Iterable[tuple[str, str]]) -> set[str]:
    """The acronyms among defined (main form, alias) pairs: the aliases written in capitals."""
    return {alias for _, alias in pairs if alias.isupper()}


class AliasResolver:
    """Resolves each batch's mentions to entities, remembering entities of earlier batches."""

    def __init__(self) -> None:
        self._by_norm: dict[str, Entity] = {}
        self._defined: dict[str, str] = {}  # alias norm → main form norm
        self._spelt: dict[str, str] = {}  # main form norm of an acronym's definition → the main form as written
        self.acronyms: set[str] = set()
        self._surnames: set[str] = set()  # last words of the people's full names in view
        self._given: set[str] = set()  # first words of the people's full names in view, no initials
        self._people: set[str] = set()  # forms in view whose votes say person
        self._teams: set[str] = set()  # forms of the batch that the words around one mention make a team's
        self._thread_teams: dict[str, int] = {}  # thread → how many of them it names so, by words fans use
        # thread → forms it writes as handles after "@": its participants, no entities there; the threads least
        # recently named are forgotten past ``ACTIVE_THREADS``, as their contexts are
        self._handles: OrderedDict[str, set[str]] = OrderedDict()
        # threads where a post with names in it states whom it answers, forgotten as ``_handles`` are
        self._stating: OrderedDict[str, None] = OrderedDict()
        # thread → surname → the full names of people it names so (key → the name as written): whom a surname written
        # alone there names, forgotten as ``_handles`` are
        self._named_so: OrderedDict[str, dict[str, dict[str, str]]] = OrderedDict()
        # thread → the keys of the names it writes capitalised (key → the name as written): what a word it types in
        # lower case names there (``Mention.lower_only``), forgotten as ``_handles`` are
        self._capitalised: OrderedDict[str, dict[str, str]] = OrderedDict()

    def remember(self, entities: Iterable[tuple[str, str, list[str], str]]) -> None:
        """Entities stored by earlier loads (label, name, aliases, evidence), so that later forms join
        them as if they had been resolved in this run; each alias form leads to its entity, keyed as
        its mentions are ("Mr Lavrov" under the surname and the title's sex)."""
        for label, name, aliases, evidence in sorted(entities, key=lambda e: schema.entity_id(e[0], e[1])):
            why, *merges = (evidence or "").split("; ")
            entity = Entity(label, name, set(aliases), frozenset(aliases), why=why, merges=merges)
            entity.emitted_evidence = entity.evidence
            for alias in aliases:
                self._by_norm.setdefault(_sex_key(alias, _canonical_key(_untitled(alias))), entity)

    def define(self, pairs: Iterable[tuple[str, str]]) -> None:
        pairs = list(pairs)
        for main, alias in pairs:
            if _norm(alias) != _norm(main):
                self._defined.setdefault(_canonical_key(alias), _canonical_key(main))
                if alias.isupper():
                    self._spelt.setdefault(_canonical_key(main), main)
        self.acronyms |= acronyms_of(pairs)

    def split_pairs(self, per_post: list[list[Mention]]) -> list[list[Mention]]:
        """Each post's mentions, two surnames the model read as one person's name each a name of its own ("the Obama
        Biden administration" names Obama and Biden): a name of two words, the first a name English writes alone
        as often as the surnames of the famous and no given name, the second no given name, whose second word is the
        surname of another full name in view after a given name (Joe Biden). Different people of one surname keep
        their given names ("Hunter Biden", "Jeb Bush" beside George Bush), and a given name the census lists lack
        before a surname no one else in view bears stays whole ("Vladimir Putin")."""
        given: dict[str, set[str]] = defaultdict(set)  # surname → given names of the full names in view
        stored = [e.name for e in self._by_norm.values() if e.label == schema.PERSON]
        keys = [m.key for ms in per_post for m in ms] + stored
        for key in keys:
            words = key.split()
            if len(words) == 2 and first_name(words[0]):
                given[words[1]].add(words[0])
        if not given:
            return per_post
        return [[part for m in ms for part in _pair(m, given)] for ms in per_post]

    def resolve(self, mentions: list[Mention]) -> tuple[list[Entity | None], list[Node]]:
        """The entity of each mention (None if dropped) and the nodes that are new or gained aliases."""
        # a bare country code the model reads as a body after "the" twice ("the SS staged", "joining the SS"; South
        # Sudan's code) is the body's acronym, in every mention; once is as often a thing ("the CI used to build")
        read = Counter(m.key for m in mentions if m.model == "ORG" and m.article and _bare_code(m.key))
        bodies = {key for key, n in read.items() if n > 1 or _norm(key) in self._by_norm}
        keys = [
            _norm(m.key) if m.key in bodies or m.site else _sex_key(m.surface, _canonical_key(m.key)) for m in mentions
        ]
        # a bare country code ("CI", "TV", "PA") stands for its country only where the country is named
        codes = [
            _bare_code(m.key) and not m.site and m.key not in self.acronyms and m.key not in bodies for m in mentions
        ]
        named = {k for k, code in zip(keys, codes, strict=True) if not code} | self._by_norm.keys()
        keys = [k if k in named or not code else "" for k, code in zip(keys, codes, strict=True)]
        for key, mention in zip(keys, mentions, strict=True):
            if key and mention.addressed:
                self._handles.setdefault(mention.thread, set()).add(key)
            if mention.thread in self._handles:
                self._handles.move_to_end(mention.thread)
        forms: dict[str, list[Mention]] = {}
        for key, mention in zip(keys, mentions, strict=True):
            # a name its thread addresses with "@" ("@Kaveh"): a participant there, wherever in it it is named
            if (
                key
                and key not in self._handles.get(mention.thread, ())
                and not (mention.surname_only or mention.lower_only)
            ):
                forms.setdefault(key, []).append(mention)
        lone, lone_joins = self._surnames_alone(mentions, keys, forms)
        keys = [lone.get(id(m), "") if m.surname_only else k for k, m in zip(keys, mentions, strict=True)]
        while len(self._handles) > ACTIVE_THREADS:
            self._handles.popitem(last=False)
        for mention in mentions:
            if mention.answers:
                self._stating[mention.thread] = None
                self._stating.move_to_end(mention.thread)
        while len(self._stating) > ACTIVE_THREADS:
            self._stating.popitem(last=False)
        for key in [k for k, ms in forms.items() if len(ms) < 2 and ms[0].everyday and k not in self._by_norm]:
            del forms[key]  # a phrase of common words written once ("Send Berbers"); "Uranium One" ten times is a name
        for key in [k for k, ms in forms.items() if any(m.work for m in ms)]:
            if _namesake(forms[key]):
                forms[key] = [m for m in forms[key] if not m.work]  # "watching Oppenheimer", the film of its subject
            else:
                del forms[key]  # a work's title, marked so once ("the series Fargo"): the work, wherever else named
        # names framed as teams' by words that frame one as often as not ("Trump lost", "Star Wars fans") count for
        # none there
        self._thread_teams = Counter(
            t for ms in forms.values() for t in {m.thread for m in ms if m.team and not m.loose}
        )
        # a listed short name the model read with no words framing a team ("the Kings of France") is a team's only in
        # a thread that names three teams so: three such names ("Magic", "Kings", "Giants") make no teams of each other
        teams = {
            key
            for key, ms in forms.items()
            if any(m.team and (not m.listed or self._thread_teams[m.thread] >= _TEAMS_IN_VIEW) for m in ms)
        }
        # "Nobody stood a chance against the Heat that summer": a name framed as a team's alone is one only in a thread
        # that names three teams so, whatever other threads of the window name (there it may be the team)
        alone = {
            id(m) for ms in forms.values() for m in ms if m.team_only and self._thread_teams[m.thread] < _TEAMS_IN_VIEW
        }
        if alone:
            forms = {key: kept for key, ms in forms.items() if (kept := [m for m in ms if id(m) not in alone])}
            keys = ["" if id(m) in alone else key for key, m in zip(keys, mentions, strict=True)]
        self._teams = {key for key in teams if key in forms}
        typed = self._typed_lower(mentions, keys, forms)
        keys = [k if not m.lower_only or id(m) in typed else "" for k, m in zip(keys, mentions, strict=True)]
        uf = _Union()
        for key in forms:
            uf.find(key)
        known = set(forms) | self._by_norm.keys()
        for key, ms in forms.items():
            # "Warriors" where "Golden State Warriors" is named, "Spurs" where "Tottenham" is: one team, where one
            # listed team alone of those so called is named in view by another of its names, and each thread writing
            # the short name names that name or three teams ("Magic" of a thread on card games is no Orlando Magic)
            named = {
                full: other
                for full in teams_short_for(ms[0].key)
                for other in sorted(_norm(name) for name in team_names(full))
                if other != key and other in known
            }
            other = next(iter(named.values())) if len(named) == 1 else ""
            beside = {m.thread for m in forms.get(other, ())}
            if (
                other
                and self._team_named(ms, beside)
                and self._team_named(forms.get(other, []), {m.thread for m in ms})
            ):
                uf.union(key, other, "a listed team's short name, another of its names in view")
        for alias, main in self._defined.items():
            main = self._present(main, known)
            if alias in forms or main in forms:
                uf.union(alias, main, "defined in the text")
        listed = {
            key: {_sex_key(surface, _canonical_key(other)) for m in ms for surface, other in m.beside}
            for key, ms in forms.items()
        }
        self._merge_names(forms, known, uf, listed)

        groups: dict[str, list[str]] = {}
        for key in uf.parent:
            groups.setdefault(uf.find(key), []).append(key)
        merged: dict[str, list[str]] = defaultdict(list)
        for a, b, why in uf.reasons:
            merged[uf.find(a)].append(f"{_shown(a)} ~ {_shown(b)}: {why}")
        for alone, full in sorted(j for j in lone_joins if j[1] in forms):
            why = "a surname written alone, of the one person its thread names in full so"
            merged[uf.find(full)].append(f"{alone} ~ {full}: {why}")
        entity_of: dict[str, Entity] = {}
        touched: list[Entity] = []
        for members in groups.values():
            present = sorted((k for k in members if k in forms), key=lambda k: forms[k][0].start)
            if not present:
                continue
            existing = [self._by_norm[k] for k in sorted(members) if k in self._by_norm]
            beside = sorted({o for k in present if "-" not in k for o in listed[k] if self._named_in_full(o)})
            # a full name an acronym's definition spells out ("National Institute on Drug Abuse (NIDA)") that the model
            # read as no name: the acronym's entity is named by it, and holds it as an alias
            spelt = sorted(self._spelt[k] for k in members if k not in forms and k in self._spelt)
            entity = existing[0] if existing else self._new_entity(present, forms, beside, spelt)
            if entity is None:
                continue
            entity.aliases.update(spelt)
            entity.merges.extend(m for m in merged[uf.find(present[0])] if m not in entity.merges)
            for key in present:
                target = self._by_norm.setdefault(key, entity)
                entity_of[key] = target
                target.aliases.update(m.surface for m in forms[key])
                if target not in touched:
                    touched.append(target)
        lowered: dict[int, Entity] = {}
        for key, mention in zip(keys, mentions, strict=True):
            if id(mention) in typed and (entity := entity_of.get(key) or self._by_norm.get(key)):
                lowered[id(mention)] = entity
                entity.aliases.add(mention.surface)
                why = f"{mention.surface} ~ {typed[id(mention)]}: typed in lower case, named {typed[id(mention)]} "
                why += "elsewhere in the thread"
                if why not in entity.merges:
                    entity.merges.append(why)
                if entity not in touched:
                    touched.append(entity)
        nodes = []
        for entity in touched:
            if entity.aliases != entity.emitted or entity.evidence != entity.emitted_evidence:
                entity.emitted, entity.emitted_evidence = frozenset(entity.aliases), entity.evidence
                nodes.append(entity.node())
        return [
            lowered.get(id(m)) if m.lower_only else entity_of.get(k) for k, m in zip(keys, mentions, strict=True)
        ], nodes

    def _surnames_alone(
        self, mentions: list[Mention], keys: list[str], forms: dict[str, list[Mention]]
    ) -> tuple[dict[int, str], set[tuple[str, str]]]:
        """The capitalised words alone (``Mention.surname_only``) that a surname of their thread is, by mention, to the
        key of the person each names: the one person the thread names in full with it (one given name before it, "Matt
        Damon"), where it is no given name of another person the thread names in full and the thread's mentions of that
        name label it nothing else ("Jordan", a place). Each is read in its own thread,
        whatever other threads of the window name so or label it ("Damon" is Matt Damon's in his thread and Johnny
        Damon's in Johnny's): a copy of the mention, voting Person and keyed as the full name it stands for, joins that
        name's forms, so no key of a surname is shared by two threads. Also returned: the (surname, full name) keys
        joined so, for the merge's evidence. The people a thread names in full are remembered for its later posts."""
        for key, ms in forms.items():
            words = _name_words(key)
            if len(words) > 1 and _GENDERED not in key and self._person_like(key, forms):
                for m in ms:
                    self._named_so.setdefault(m.thread, {}).setdefault(words[-1], {}).setdefault(key, m.key)
        for thread in {m.thread for m in mentions if m.thread in self._named_so}:
            self._named_so.move_to_end(thread)
        while len(self._named_so) > ACTIVE_THREADS:
            self._named_so.popitem(last=False)
        joins: set[tuple[str, str]] = set()
        lone: dict[int, str] = {}
        for key, mention in zip(keys, mentions, strict=True):
            named = self._named_so.get(mention.thread) if mention.surname_only else None
            fulls = named.get(key, {}) if named else {}
            if len(_people_of(fulls)) != 1 or key in self._handles.get(mention.thread, ()):
                continue
            if key in _given_names(f for people in named.values() for f in people):
                continue  # "Damon" beside Matt Damon and Damon Albarn
            if _label_voted([m for m in forms.get(key, ()) if m.thread == mention.thread]) not in (None, schema.PERSON):
                continue  # "Jordan", a country its thread names
            full = min(fulls)
            # the vote goes on a copy: the mention found stays as its post's rules left it, whatever window it is
            # resolved in
            voted = replace(
                mention,
                key=fulls[full],
                votes={**mention.votes},
                ballots={**mention.ballots},
                evidence=[*mention.evidence],
            )
            voted.vote(schema.PERSON, _SURNAME_VOTE, f"the surname of '{fulls[full]}', whom its thread names in full")
            forms.setdefault(full, []).append(voted)
            joins.add((key, full))
            lone[id(mention)] = full
        return lone, joins

    def _typed_lower(self, mentions: list[Mention], keys: list[str], forms: dict[str, list[Mention]]) -> dict[int, str]:
        """The words typed in lower case (``Mention.lower_only``) that name what their thread writes capitalised, by
        mention, to that name as written ("cavuto" where "Cavuto" is named, in this window or an earlier one): each
        read in its own thread alone, and none a handle the thread addresses. The names each thread capitalises are
        remembered for its later posts."""
        for key, ms in forms.items():
            for m in ms:
                if not m.surface.islower():
                    self._capitalised.setdefault(m.thread, {}).setdefault(key, m.surface)
        for thread in {m.thread for m in mentions if m.thread in self._capitalised}:
            self._capitalised.move_to_end(thread)
        while len(self._capitalised) > ACTIVE_THREADS:
            self._capitalised.popitem(last=False)
        typed = {}
        for key, mention in zip(keys, mentions, strict=True):
            named = self._capitalised.get(mention.thread, {}) if mention.lower_only else {}
            if key in named and key not in self._handles.get(mention.thread, ()):
                typed[id(mention)] = named[key]
        return typed

    def _team_named(self, mentions: list[Mention], beside: set[str]) -> bool:
        """Whether a team's name's mentions name the team: each framed as a team's or in a thread of teams, or, for a
        name no place shares, in a thread of ``beside`` (the threads naming another of the team's names); a town's
        ("I moved to Leeds", beside Leeds United) is the town's unless its thread talks of teams."""
        town = bool(mentions) and gazetteer().place(mentions[0].key) is not None
        return all(
            m.team
            and not m.listed
            or self._thread_teams[m.thread] >= _TEAMS_IN_VIEW
            or (not town and m.thread in beside)
            for m in mentions
        )

    def _named_in_full(self, key: str) -> bool:
        """A person the thread names in full: a full name, or the surname of one ("blair" of Tony Blair)."""
        return key in self._surnames or "-" in key and key in self._people

    @staticmethod
    def _present(key: str, known: set[str]) -> str:
        """The longest known tail of a defined name ("Al-Qaeda-linked Al-Nusra Front" → "Al-Nusra Front")."""
        words = key.split("-")
        for i in range(len(words)):
            tail = "-".join(words[i:])
            if tail in known:
                return tail
        return key

    def _merge_names(
        self, forms: dict[str, list[Mention]], known: set[str], uf: _Union, listed: dict[str, set[str]]
    ) -> None:
        """Surnames to full names, first-name spellings, short organisation names, place adjectives; ``listed``
        holds the forms each form is listed beside."""
        by_last: dict[str, list[str]] = defaultdict(list)
        by_first: dict[str, list[str]] = defaultdict(list)
        for key in sorted(known):
            words = key.split("-")
            if len(words) > 1:
                by_last[_name_words(key)[-1]].append(key)
                by_first[words[0]].append(key)
        person = {k for k in known if self._person_like(k, forms)}
        self._people = person
        self._surnames = {_name_words(k)[-1] for k in person if "-" in k}
        self._surnames -= {k for k in self._surnames if self._never_surname(k)}
        self._given = _given_names(person)
        self._given -= {k for k in self._given if self._never_surname(k)}
        # a given name alone that the model read otherwise ("Rami’s character" a body's, beside Rami Malek) is a
        # person's where the vote of a person in view's given name makes it one, as it makes the entity
        # (``_new_entity``)
        person |= {k for k in forms if k not in person and self._given_in_view(k, forms, person)}
        for key in forms:
            words = key.split("-")
            surname = words[-1]
            if len(words) > 1 and key in person:
                for other in by_last[surname]:
                    if why := self._spelling_variant(key, other, person):
                        uf.union(key, other, why)
            for other in by_first[words[0]]:
                rest = other.split("-")[len(words) :]
                if (
                    rest
                    and other.split("-")[: len(words)] == words
                    and all(w in _NAME_COMPLETIONS for w in rest)
                    and key not in person
                    and not self._never_surname(key)
                ):
                    uf.union(key, other, "short form of an organisation")
            for other, word in _without_a_common_word(words):
                if key not in person and other in known and other not in person:
                    uf.union(key, other, f"'{word}' left out of an organisation's name")
            if len(words) == 2 and words[0] in known and words[0] not in person and any(m.site for m in forms[key]):
                uf.union(key, words[0], "a network's site and its short name")  # "cstheory.SE", CSTheory
            if len(words) == 1 and any(m.site and m.key.isupper() for m in forms[key]):
                camel = {uf.find(k) for k, ms in forms.items() if k not in person and _camel_capitals(ms[0].key) == key}
                if len(camel) == 1:  # "SE", StackExchange
                    uf.union(key, camel.pop(), "capitals of the one CamelCase name in view")
            stem = key[:-1] if len(words) == 1 and key.endswith("s") and key not in person else ""
            if stem in known and gazetteer().place(stem.capitalize()):
                uf.union(key, stem, "a place's possessive without its apostrophe")  # "Chinas embrace"
            # "Love Emily Blunts line": a person named in full and "s", no surname the lists know, is her possessive
            owner = "-".join([*words[:-1], words[-1][:-1]]) if len(words) > 1 and words[-1].endswith("s") else ""
            if owner in person and key in person and _GENDERED not in key and not _named(words[-1].capitalize()):
                uf.union(key, owner, "a person's possessive without its apostrophe")
            compass = _COMPASS.get(words[0]) if len(words) > 1 else None
            other = "-".join([compass, *words[1:]]) if compass else ""
            if (
                other in known
                and self._label_like(key, forms) == self._label_like(other, forms) == schema.PLACE
                and not any(_compass_named(k) for k in (key, other))
            ):
                uf.union(key, other, "a region named by a compass word and by its adjective")  # Western/West Asia
            bare = {_canonical_key(_CONTRACTED.sub("", m.key)) for m in forms[key] if _CONTRACTED.search(m.key)}
            for other in sorted(bare & known - {key}):
                uf.union(key, other, "a name with a verb's contraction glued on")  # "got Victor Moses’d"
            place = "-".join(words[:-1]) if words[-1] == "state" else ""
            if place in known and self._label_like(key, forms) == self._label_like(place, forms) == schema.PLACE:
                uf.union(key, place, "a place and its 'State' form")  # "Lagos State", Lagos
            if len(words) > 1 and words[-1] in PLACE_WORDS:
                for suffix in (*_ADJECTIVE_ENDINGS, ""):
                    head = "-".join(words[:-1])
                    if head.endswith(suffix) and head[: len(head) - len(suffix)] in known:
                        uf.union(key, head[: len(head) - len(suffix)], "adjective form before a place word")
                        break
        self._merge_qualified(forms, known, person, uf)
        self._merge_full_names(forms, known, person, uf)
        self._merge_surnames(forms, known, person, uf, by_last)
        self._merge_people(forms, known, person, uf, listed)
        self._merge_short_given(forms, known, person, uf, self._stating.keys())
        self._merge_respelt(forms, known, person, uf)
        self._merge_initials(forms, person, uf)
        self._merge_person_initials(forms, known, person, uf)
        self._merge_place_initials(forms, person, uf)
        for key in [k for k in forms if k in PAPER_HEADS and k not in person]:  # "The Times", the New York Times
            papers = {uf.find(m) for m in by_last[key] if m not in person}
            if len(papers) == 1:
                uf.union(key, papers.pop(), "a newspaper's head, of the one paper in view so named")
        self._merge_spellings(forms, known, person, uf)

    def _merge_qualified(self, forms: dict[str, list[Mention]], known: set[str], person: set[str], uf: _Union) -> None:
        """A body's name of two words or more ending in a body's head ("Catholic Church", "Catholic League") joins the
        one body in view named so after a people's or a place's adjective ("Roman Catholic Church", "French Catholic
        League"): its short form, where the adjective goes without saying. Two bodies so qualified ("the Russian and
        the Greek Orthodox Church") leave the short one to neither, and a nation's adjective before a body each nation
        has its own of (``_EACH_NATIONS``: "the Serbian Democratic Party") leaves it to none."""
        longer: dict[str, set[str]] = defaultdict(set)
        for key in known:
            words = key.split("-")
            short = "-".join(words[1:])
            if (
                len(words) > 2
                and words[-1] in ORG_WORDS
                and short in known
                and _of_a_people(words[0])
                and not (words[-1] in _EACH_NATIONS and _of_a_nation(words[0]))
                and self._label_like(key, forms) == self._label_like(short, forms) == schema.ORGANIZATION
            ):
                longer[short].add(key)
        for short, keys in longer.items():
            if short in forms and short not in person and len({uf.find(k) for k in keys}) == 1:
                why = "short form of the one body in view named so after a people's or a place's adjective"
                uf.union(short, min(keys), why)

    def _merge_surnames(
        self, forms: dict[str, list[Mention]], known: set[str], person: set[str], uf: _Union, by_last: dict
    ) -> None:
        """A surname written alone joins the one person in view of that surname, once the full names written
        otherwise and spelt otherwise have joined (a nickname, "Demented Biden", is no other person of it). A surname
        that is another person's given name still joins: people in the news are called by their surnames ("James"
        beside LeBron James and James Harden is LeBron's), and a stricter test cost a held-out thread a right merge."""
        for key in forms:
            words = _name_words(key)
            surname = words[-1]
            if surname not in known or self._never_surname(surname):
                continue
            if key in person and _described_surname(words):
                uf.union(key, surname, "a nickname's describing word before the surname written alone")
            named = [m for m in by_last[surname] if m in person and "-" in m and not _described_surname(_name_words(m))]
            fulls = {uf.find(m) for m in named}
            if len(fulls) == 1 and not _other_sex(forms.get(surname, []), named):
                uf.union(surname, fulls.pop(), "surname of the one full name in view")

    @staticmethod
    def _merge_full_names(forms: dict[str, list[Mention]], known: set[str], person: set[str], uf: _Union) -> None:
        """A person's full names written longer or shorter join first: a middle name left out ("Donald J Trump",
        "Donald Trump"), an initial for the given name ("D. Trump"). They are one person in view, so the surname
        written alone joins them ("Trump"), as it joins one full name. Shorter forms are fitted to a full name's words
        without a generation's suffix ("Dennis" to "Dennis Smith Jr."), so that name, where it is written nowhere and
        one person in view bears it with a suffix, stands for that person (not for Ken Griffey Jr. and Sr. both)."""
        fulls = [_name_words(k) for k in sorted(known) if k in person and "-" in k and _GENDERED not in k]
        people = sorted(k for k in forms if k in person)
        suffixed: dict[str, set[str]] = defaultdict(set)
        for key in known:
            if key in person and _GENDERED not in key and (words := _name_words(key)) != key.split("-"):
                suffixed["-".join(words)].add(key)
        for bare, keys in sorted(suffixed.items()):
            if len(keys) == 1 and bare not in known:
                uf.union(bare, keys.pop(), "the one full name in view so written with a generation's suffix")
        for key in people:
            words = _name_words(key)
            if len(words) >= 3 and f"{words[0]}-{words[-1]}" in person:
                uf.union(key, f"{words[0]}-{words[-1]}", "middle name left out")
        for key in people:
            words = key.split("-")
            if len(words) == 2 and len(words[0]) == 1:
                fits = [w for w in fulls if w[-1] == words[1] and len(w[0]) > 1 and w[0][0] == words[0]]
                _join_the_one(uf, key, fits, "initial of the one full name in view")

    @staticmethod
    def _merge_people(
        forms: dict[str, list[Mention]], known: set[str], person: set[str], uf: _Union, listed: dict[str, set[str]]
    ) -> None:
        """A person's shorter forms join the one full name in view they fit (a middle name left out and an initial
        have joined it first: ``_merge_full_names``): a first name alone ("Hillary"), and a surname after a
        gendered title ("Mrs. Clinton" joins Hillary Clinton, "Mr. Clinton" Bill Clinton). An epithet before a
        given name ("Slick Willy"), a word not written alone as a person in view ("LeBron James" is no James), joins
        the one full name in view of that given name, or, of several, the one whose surname a person listed beside the
        epithet bears ("Slick Willy, Hillary, and Chelsea")."""
        fulls = [_name_words(k) for k in sorted(known) if k in person and "-" in k and _GENDERED not in k]
        people = sorted(k for k in forms if k in person)
        for key in people:
            base, _, sex = key.partition(_GENDERED)
            if sex:
                # the surname as the full name spells it, else as a writer slips ("Ms Abbot" of Diane Abbott)
                spelt = [w for w in fulls if w[-1] == base] or [w for w in fulls if _slip(base, w[-1])]
                named = {g: [w for w in spelt if gender(w[0]) == g] for g in ("f", "m", None)}
                opposite = named["m" if sex == "f" else "f"]
                # a first name of either sex or none in the lists ("Barack") fits when no one of the other sex does
                fits = named[sex] or ([] if opposite else named[None])
                slipped = " spelt otherwise" if fits and fits[0][-1] != base else ""
                why = f"title: the one {'woman' if sex == 'f' else 'man'} of that name{slipped} in view"
                _join_the_one(uf, key, fits, why)
                other = f"{base}{_GENDERED}{'m' if sex == 'f' else 'f'}"
                if not spelt and base in person and other not in known:
                    # "Mr. Abramovich" and "Abramovich", no full name and no one of the other sex so called in view;
                    # not "Mr. Ford" and Ford the company
                    uf.union(key, base, "title before the surname written alone, no one else so called in view")
            elif "-" not in key and not any(w[-1] == key for w in fulls):
                # a listed given name joins by likeness; one no list holds ("LeBron") only as the full name writes it
                known_name = first_name(key.capitalize())
                fits = [w for w in fulls if len(w) == 2 and (_alike(w[0], key) if known_name else w[0] == key)]
                why = "first name" if known_name else "a name of no list, the first name"
                _join_the_one(uf, key, fits, f"{why} of the one full name in view")
        by_given: dict[str, list[str]] = defaultdict(list)
        for key in people:
            given, _, last = key.rpartition("-")
            if given:
                by_given[given].append(last)
        for given, lasts in by_given.items():
            # "Ambrose Ali", "Ambrose Alli": one surname spelt with a consonant doubled, unless listed side by side
            for last, other in ((a, b) for a in lasts for b in lasts if _doubled_consonant(a, b)):
                key, longer = f"{given}-{last}", f"{given}-{other}"
                if longer not in listed.get(key, ()) and key not in listed.get(longer, ()):
                    uf.union(key, longer, "a consonant doubled in the surname after the same given name")
        for key in people:
            words = key.split("-")
            if _GENDERED in key or not _epithet(words) or words[0] in person:
                continue  # "LeBron James": a person written alone in view is no describing word
            fits = [w for w in fulls if w != words and same_given_name(w[0], words[1])]
            beside = {uf.find(k) for k in listed.get(key, ())}
            kin = {_name_words(k)[-1] for k in known if k in person and "-" in k and uf.find(k) in beside}
            if len(fits) > 1 and (by_kin := [w for w in fits if w[-1] in kin]):
                why = "an epithet before a form of the first name of a full name in view, listed beside its surname"
                _join_the_one(uf, key, by_kin, why)
            else:
                _join_the_one(uf, key, fits, "an epithet before a form of the first name of the one full name in view")

    @staticmethod
    def _merge_short_given(
        forms: dict[str, list[Mention]], known: set[str], person: set[str], uf: _Union, stating: AbstractSet[str]
    ) -> None:
        """A given name written alone joins the one longer given name in view it is a short form of, alone or opening
        the one full name ("Jon" and "Jonathan" on a kernel list; "Mike" and Michael Brown): a short form the nicknames
        list gives it with its first letter, no spelling a letter apart ("John" is none of "Jon"'s, "Sarah" none of
        "Sara"'s) and no name merely opening alike ("Jan", Jane), the longer one given ten times as often as borne as
        a surname (``_GIVEN_SHARE``: no "Max" with "Maxwell", "Jack" with "Jackson"), more often than the short one
        (which "John" is not, of Jonathan) and to the same sex ("Dan", not "Dana"), where no other person's name in
        view opens with the short one or is its long form ("Chris" beside Christopher and Christine joins neither),
        the short one opens no full name and joined none, and a writer read the two together (``_read_together``).
        Each given name is looked up in the sorted names in view, not against every other."""
        fulls = [_name_words(k) for k in sorted(known) if k in person and "-" in k and _GENDERED not in k]
        holders: dict[str, list[str]] = defaultdict(list)  # a name in view → the people's forms it is or opens
        for key in sorted(k for k in known if k in person and "-" not in k and _GENDERED not in k):
            holders[key].append(key)
        for words in fulls:
            if len(words[0]) > 1:
                holders[words[0]].append("-".join(words))
        names = sorted(holders)
        taken = {uf.find("-".join(w)) for w in fulls}  # a given name that joined a full name is that person's
        for short in sorted(forms):
            if holders.get(short) != [short] or uf.find(short) in taken or not first_name(short.capitalize()):
                continue
            opening = names[bisect.bisect_right(names, short) : bisect.bisect_left(names, short + _LAST_CHARACTER)]
            # the list's long forms open with the short one's letter: it makes "Fred" one of Willie's, and "Jon" one
            # of John's, a spelling of it
            listed = {n for n in long_forms(short) & holders.keys() if n[0] == short[0] and len(n) > len(short)}
            joinable = {n for n in listed if not one_letter_apart(n, short)}
            # a longer name merely opening with the short one only makes it ambiguous: "Jan" and Jane, "Kai" and
            # Kaitlyn, "Jim" and Jimmy are two people's as often; only a long form the list gives it joins
            longs = set(opening) | joinable
            if len(longs) != 1 or not longs <= joinable:
                continue
            long = longs.pop()
            if (
                given_share(long) < _GIVEN_SHARE
                or likelier_sex(short) is None
                or likelier_sex(long) != likelier_sex(short)
            ):
                continue
            if given_per_cent(short) >= given_per_cent(long):
                continue  # a name of its own more than a short form: "John", a nickname of Jonathan's in the list
            groups = {uf.find(k) for k in holders[long]}
            read = [m for k in holders[long] for m in forms.get(k, ())]
            if len(groups) == 1 and _read_together(forms[short], read, stating):
                why = "a short form of the one longer given name in view, a given name far more than a surname"
                uf.union(short, groups.pop(), why)

    @staticmethod
    def _merge_initials(forms: dict[str, list[Mention]], person: set[str], uf: _Union) -> None:
        """Organisations written with the same initials, one of them in full: NYT, NY Times, New York Times."""
        by_initials: dict[str, set[str]] = defaultdict(set)
        for key, mentions in forms.items():
            if key not in person:
                for m in mentions:
                    if len(letters := _capitals_of(m.key)) >= 3:
                        by_initials[letters].add(key)
        for letters, keys in by_initials.items():
            spelt = {uf.find(k) for k in keys for m in forms[k] if " " in m.key and not _has_acronym(m.key)}
            if len(keys) > 1 and len(spelt) == 1:
                for key in sorted(keys):
                    uf.union(key, spelt.copy().pop(), f"initials {letters} of the one name in view")

    def _merge_person_initials(
        self, forms: dict[str, list[Mention]], known: set[str], person: set[str], uf: _Union
    ) -> None:
        """Capitals of two to four letters, with or without stops ("HRC", "J.F.K."), that are exactly the initials of
        the one person each of their threads names in full (given names, middle names and surname, a generation's
        suffix counted or not: "Dennis Smith Jr." for DSJ) join that person: readers write a person's initials where
        the thread has named them. Capitals the packaged lists know (an acronym, a country's or a state's code), an
        English word ("IMO") or an acronym the text defines stay apart, and so do initials two people of the threads
        share or a body named there bears ("Human Rights Campaign"). Capitals written after "the" half the times or
        more are a thing's or a body's ("the HOF", "the OG recipe"; "the HC campaign" once among a dozen is hers), and
        capitals a thread writes without naming the person stay apart in all their threads."""
        spelt: dict[str, set[str]] = defaultdict(set)  # the bodies written in full, by their capitals, to their threads
        for k, ms in forms.items():
            if k not in person:
                for m in ms:
                    if " " in m.key:
                        spelt[_capitals_of(m.key)].add(m.thread)
        for key, mentions in forms.items():
            if not _PERSON_INITIALS.fullmatch(mentions[0].key) or any(m.key != mentions[0].key for m in mentions):
                continue
            capitals = mentions[0].key.replace(".", "")
            if (
                2 * sum(m.article for m in mentions) >= len(mentions)
                or _known_capitals(capitals)
                or capitals in self.acronyms
            ):
                continue
            threads = {m.thread for m in mentions}
            fulls = {
                thread: {
                    full
                    for named in self._named_so.get(thread, {}).values()
                    for full in named
                    if full != key and full in known and capitals.lower() in _name_initials(full)
                }
                for thread in threads
            }
            people = {uf.find(full) for named in fulls.values() for full in named}
            if len(people) == 1 and all(fulls.values()) and not spelt.get(capitals, set()) & threads:
                full = min(f for named in fulls.values() for f in named)
                uf.union(key, full, f"initials {capitals} of the one person its thread names in full")

    def _merge_place_initials(self, forms: dict[str, list[Mention]], person: set[str], uf: _Union) -> None:
        """Two capitals read as a place ("SF" in a job post's field of places) and the one place of several words in
        view whose initials they are (San Francisco): three or more join any name already (``_merge_initials``), two
        only a place, as so few letters stand for many names."""
        by_initials: dict[str, set[str]] = defaultdict(set)
        short: dict[str, set[str]] = defaultdict(set)
        for key, mentions in forms.items():
            if key in person or self._label_like(key, forms) != schema.PLACE:
                continue
            for m in mentions:
                if len(m.key) == 2 and m.key.isalpha() and m.key.isupper():
                    short[m.key].add(key)
                elif " " in m.key and not _has_acronym(m.key) and len(letters := _capitals_of(m.key)) == 2:
                    by_initials[letters].add(uf.find(key))
        for letters, keys in short.items():
            spelt = by_initials.get(letters, set())
            if len(spelt) == 1:
                for key in sorted(keys):
                    uf.union(key, next(iter(spelt)), f"initials {letters} of the one place in view so named")

    def _merge_spellings(self, forms: dict[str, list[Mention]], known: set[str], person: set[str], uf: _Union):
        """One-word names of places and bodies spelt or transliterated differently (Novorosia/Novorussia), and
        names of bodies whose heads are two forms of one word (Hoover Institute/Institution)."""
        by_skeleton: dict[str, list[str]] = defaultdict(list)
        by_body: dict[str, list[str]] = defaultdict(list)
        for key in sorted(known):
            if "-" not in key and len(key) >= 5 and key not in person and key.isalpha():
                by_skeleton[_skeleton(key)].append(key)
            name, _, head = key.rpartition("-")
            if name and head in ORG_WORDS and key not in person:
                by_body[name].append(key)
        for keys in by_body.values():
            for key, other in zip(keys, keys[1:], strict=False):
                one, two = key.rpartition("-")[2], other.rpartition("-")[2]
                if one[:4] == two[:4] and difflib.SequenceMatcher(None, one, two).ratio() >= 0.75:
                    uf.union(key, other, "two forms of one head word")
        by_joined: dict[str, list[str]] = defaultdict(list)  # "Kiri Kiri Prison", "Kirikiri Prison"
        for key in sorted(known):
            if key not in person:
                by_joined[key.replace("-", "")].append(key)
        for keys in by_joined.values():
            for key in keys[1:]:
                uf.union(keys[0], key, "one name written with and without a space")
        gaz = gazetteer()
        for key in forms:
            # a form of under five letters is a short form, not a spelling ("Lib" of "Liberal" is no "Libya")
            for other in by_skeleton.get(_skeleton(key), ()) if key not in person and len(key) >= 5 else ():
                if other == key or difflib.SequenceMatcher(None, key, other).ratio() < 0.75:
                    continue
                places = {gaz.place(k.capitalize()) for k in (key, other)}
                if None not in places and len(places) > 1 and not _other_spelling(key, other):
                    continue  # two known places ("Niger", "Nigeria") are two places
                uf.union(key, other, "spelling variant")
        self._merge_slips(forms, known, person, uf)

    def _merge_slips(self, forms: dict[str, list[Mention]], known: set[str], person: set[str], uf: _Union) -> None:
        """Names one letter apart, the longer's last word of six letters or more, the rest alike: a slip of the writer's
        ("Luganst", "Lugansk"; "Zelenksy", "Zelensky"). Of places and bodies, not two known places; where either
        reads as a person's, one of the two spellings no name list knows, and only a letter changed, two swapped or
        one doubled (Zelenskyy), or one added inside a surname no list knows after the same given names
        (``_inside``), so that people sharing a surname of another spelling (Johnson, Johnston) or a name with an
        ending of its own (Petrov, Petrova) stay apart; a surname under six letters after the same given name joins
        where one spelling is no name the lists know ("Tony Bliar", Tony Blair). Two surnames the lists both know,
        written alone, are one where one is the surname of a full name in view and the other is not, and they differ
        by a letter doubled or an i for a y ("Abbot" of Diane Abbott, "Corbin" of Jeremy Corbyn; not Hansen and
        Hanson)."""
        by_shape: dict[tuple[str, str, int], list[str]] = defaultdict(list)  # the rest, two first letters, length

        def shape(key: str) -> tuple[str, str, int]:
            head, _, last = key.rpartition("-")
            return head, last[:2], len(last)

        for key in sorted(known):
            if len(key.rpartition("-")[2]) >= _SLIP_LENGTH - 1 and _GENDERED not in key:
                by_shape[shape(key)].append(key)
        gaz = gazetteer()
        for key in forms:
            head, start, length = shape(key)
            if length < _SLIP_LENGTH - 1 or _GENDERED in key:
                continue
            for other in [o for n in (length - 1, length, length + 1) for o in by_shape.get((head, start, n), ())]:
                last, other_last = key.rpartition("-")[2], other.rpartition("-")[2]
                named = _named(last.capitalize()) and _named(other_last.capitalize())
                # a short surname after the same given name, one spelling no list knows: "Tony Bliar", Tony Blair
                short = max(length, len(other_last)) < _SLIP_LENGTH and not (head and not named)
                if other == key or short or not one_letter_apart(last, other_last):
                    continue
                if key in person or other in person:
                    same = len(last) == len(other_last) or _doubled(last, other_last) or _inside(last, other_last, head)
                    if not same or named and not self._written_for(key, other):
                        continue
                elif gaz.place(key.capitalize()) and gaz.place(other.capitalize()):
                    continue
                uf.union(key, other, "spelt one letter apart")

    def _merge_respelt(self, forms: dict[str, list[Mention]], known: set[str], person: set[str], uf: _Union) -> None:
        """A surname written alone, after no given name anywhere in the thread, joins the one full name in view whose
        surname is spelt alike past a slip ("Schwarzenneger" and "Arnold Schwarzenegger": ``_respelt``), where that
        surname is never written alone: one person the writers spell two ways. Two people named in full stay apart
        however alike their surnames, and so do two surnames the lists both know (Morrissey, Scott Morrison; so
        McDonnell and "John Mcdonald" too), a surname and another with an ending added (Williams, Williamson) or one
        letter off (Johnson, Johnston: ``_merge_slips`` decides those)."""
        fulls = [k for k in sorted(known) if k in person and "-" in k and _GENDERED not in k]
        for key in sorted(forms):
            if "-" in key or _GENDERED in key or key not in person or key in self._surnames:
                continue
            fits = [f for f in fulls if _respelt(key, _name_words(f)[-1]) and _name_words(f)[-1] not in known]
            if len({uf.find(f) for f in fits}) == 1:
                uf.union(key, fits[0], "a surname alone, the one full name in view's spelt otherwise past a slip")

    def _written_for(self, key: str, other: str) -> bool:
        """One surname alone written for another, the surname of a full name in view (see ``_merge_slips``)."""
        if "-" in key or "-" in other or (key in self._surnames) == (other in self._surnames):
            return False
        return _slip(key, other)

    @staticmethod
    def _spelling_variant(key: str, other: str, person: set[str]) -> str | None:
        """Why two full names are of one person: the same surname after first names spelt alike (Sergei/Sergey), or
        after two forms of one given name (Lizzy/Elizabeth)."""
        words, other_words = key.split("-"), other.split("-")
        if other == key or other not in person or len(other_words) != len(words):
            return None
        first, other_first = words[0], other_words[0]
        if first[0] == other_first[0] and difflib.SequenceMatcher(None, first, other_first).ratio() >= 0.7:
            return "first name spelt alike"
        if len(words) == 2 and same_given_name(first, other_first):
            return "a nickname of the first name"
        return None

    @staticmethod
    def _never_surname(key: str) -> bool:
        """Countries, regions, big cities and known acronyms; a small town's name is a surname too ("Warren")."""
        return gazetteer().major(key.capitalize()) or key.upper() in ORG_ACRONYMS

    def _given_in_view(self, key: str, forms: dict[str, list[Mention]], person: set[str]) -> bool:
        """A given name written alone of the one person named in full in view, no surname of one, whose mentions'
        votes with the given name's vote (``_GIVEN_VOTE`` a mention) lead to Person, as ``_new_entity`` votes. Beside
        two so named ("Martin Luther", "Martin Luther King Jr.") it stays as the model read it."""
        if key not in self._given or key in self._surnames or key in self._by_norm:
            return False
        if sum(k.startswith(f"{key}-") for k in person) != 1:
            return False
        mentions = [m for m in forms[key] if not (m.shouted or m.foreign or m.term)]
        votes: Counter[str] = Counter()
        for m in mentions:
            votes.update(m.votes)
        votes[schema.PERSON] += _GIVEN_VOTE * sum(not m.shouted for m in forms[key])
        return bool(mentions) and _voted(votes, mentions) == schema.PERSON

    def _person_like(self, key: str, forms: dict[str, list[Mention]]) -> bool:
        return self._label_like(key, forms) == schema.PERSON

    def _label_like(self, key: str, forms: dict[str, list[Mention]]) -> str | None:
        """The label a form has or its mentions' votes lead to, before any merge."""
        if key in self._by_norm:
            return self._by_norm[key].label
        return _label_voted(forms.get(key, []))

    def _new_entity(
        self, members: list[str], forms: dict[str, list[Mention]], beside: list[str], spelt: list[str]
    ) -> Entity | None:
        """The entity of a group of forms, or None. ``beside`` are the people named in full in view and listed next
        to its one-word forms ("Blair and Brown"): where the model's label is all that speaks for the name, they say
        person, and vouch for a word the thread also writes in lower case ("brown")."""
        # shouted forms ("NEW YORK TIMES"), forms in posts in another language and terms of romanised Sanskrit join a
        # name written as names are in English, and neither make nor label one
        mentions = [m for k in members for m in forms[k] if not (m.shouted or m.foreign or m.term)]
        initials = _initials_read(m for k in members for m in forms[k] if m.shouted and not m.foreign)
        written = bool(mentions)  # not shouted in every mention
        mentions += initials
        listed = bool(beside) and all("-" not in k for k in members) and not any(m.ruled for m in mentions)
        teams = len(self._teams) if self._teams.intersection(members) else 0
        team = teams >= _TEAMS_IN_VIEW and any(m.team for m in mentions)  # "And United draw"
        if not mentions or not (listed or team or plausible(mentions)):
            return None
        votes: dict[str, float] = {}
        for m in mentions:
            for label, weight in m.votes.items():
                votes[label] = votes.get(label, 0.0) + weight
        if listed:
            votes[schema.PERSON] = votes.get(schema.PERSON, 0.0) + _BESIDE_PERSON_VOTE
        if max(votes.values(), default=0.0) <= 0.0:
            return None  # nothing speaks for any label: "the Mongols" is a people, not a person
        reads = sum(m.model == "PERSON" for m in mentions)
        enough = _INITIALS_READS if _INITIALS.fullmatch(mentions[0].key) else _PERSON_READS
        aside = _body_by_model(mentions) if reads >= enough and _name_like(mentions) else 0.0
        if aside:
            votes[schema.ORGANIZATION] -= aside
        # "Clinton" in a thread that names Bill or Hillary Clinton: a person, whatever towns are so called
        surname = sum(
            sum(not m.shouted for m in forms[k])
            for k in members
            if "-" not in k and k.partition(_GENDERED)[0] in self._surnames
        )
        if surname:
            votes[schema.PERSON] = votes.get(schema.PERSON, 0.0) + _SURNAME_VOTE * surname
        # "dismissive to Rami’s character" in a thread that names Rami Malek: his given name, not a body's
        given = sum(sum(not m.shouted for m in forms[k]) for k in members if k in self._given - self._surnames)
        if given:
            votes[schema.PERSON] = votes.get(schema.PERSON, 0.0) + _GIVEN_VOTE * given
        label = _voted(votes, mentions)
        if teams >= _TEAMS_IN_VIEW and label == schema.PLACE:
            label = schema.ORGANIZATION  # "Liverpool are due a loss" where Chelsea, Palace and Newcastle are teams
        if initials and not written and label != schema.PERSON:
            return None  # capitals read as a person's that end up a body's ("the KD"): shouting, as before
        why = _why(label, votes.get(label, 0.0), mentions)  # a team's label may have no vote of its own
        if listed and label == schema.PERSON:
            why += f", listed beside the person '{_shown(beside[0])}' (+{_BESIDE_PERSON_VOTE:g})"
        if surname and label == schema.PERSON:
            why += f", surname of a person named in view (+{_SURNAME_VOTE:g})" + (f" ×{surname}" if surname > 1 else "")
        if given and label == schema.PERSON:
            why += f", given name of a person named in view (+{_GIVEN_VOTE:g})" + (f" ×{given}" if given > 1 else "")
        if teams >= _TEAMS_IN_VIEW and label == schema.ORGANIZATION:
            why += f", named as a team's, as {teams - 1} other names in view are"
            threads = [self._thread_teams[m.thread] for m in mentions if m.team_only]
            if threads:  # found by the words around it alone: its thread's teams decide
                why += f", found by the words around it alone in a thread naming {max(threads)} teams so"
        if aside and label == schema.PERSON:
            why += f", read as a person's ×{reads}: the model's and capitals' votes for a body set aside (-{aside:g})"
        return Entity(label, self._name(members, forms, spelt), why=why)

    def _name(self, members: list[str], forms: dict[str, list[Mention]], spelt: list[str]) -> str:
        """The entity's name: a known acronym's or country's, else the full name its acronym's definition spells out
        (``spelt``), else its best form written."""
        gaz = gazetteer()
        for key in members:
            for m in forms[key]:
                if m.key in ORG_ACRONYMS:
                    return ORG_ACRONYMS[m.key]
                if m.key in gaz.countries:
                    return gaz.countries[m.key]
                if m.key.isupper() and gaz.country_code(m.key) and key != _norm(m.key):  # not a body's ("SS")
                    return gaz.country_code(m.key) or m.key
        if spelt:
            return spelt[0]
        defined = {self._defined.get(k) for k in members} - {None}

        def score(key: str) -> tuple:
            words, named = key.split("-"), _name_words(key)  # "King" ends "Martin Luther King Jr." as its surname
            covered = sum(
                len(forms[o])
                for o in members
                if o == key or o.split("-") in (named[-len(o.split("-")) :], words[: len(o.split("-"))])
            )
            return (key in defined, covered, len(words), -members.index(key))

        written = [k for k in members if any(not m.shouted for m in forms[k])]  # not named as shouted
        best = _listed_spelling(max(written or members, key=score), written or members)
        gendered = _GENDERED in best  # "Mrs. Clinton", not "Clinton": its id is not Mr. Clinton's or a Clinton's
        counts = Counter((m.surface if gendered else m.key) for m in forms[best] if not m.shouted or not written)
        name = sorted(counts, key=lambda s: (-counts[s], s))[0]
        return " ".join(name.split()) if gendered else _untitled(name)
