"""References to other participants: a commenter named in a comment becomes a MENTIONS of that
``Author``, never a Person.

A full user name matches anywhere ("Poster 888mladen on …", "@alice"). The first word of a
multi-word user name ("Brad" for "Brad Isherwood") matches where people address each other: at
the start of a comment, sentence or line, or after "@", and not as the start of a longer
capitalised name ("Brad Pitt"). Inside a sentence it matches only a given name that English text
seldom writes ("this is in Wei's model" for Wei Dai), standing alone: an everyday word ("Will",
"Brad") may be a word or anyone's name, and a name introduced ("a guy called Wei") is someone
new. A capitalised part of a handle ("Tom" of "ToffeeTom" or "Bluenose_Bill") matches only where
it is spoken to: "Tom you are…", "Bill, look…". A title or a common English word names no one alone, as such a part
or first word ("Sir, …" is no Sir_TF-BUNDY, "Sure, but …" no Sure-Record-8093). A handle written in one case is also
named by its first word's capitalised beginning ("Sin is…" for sinjin; inside a sentence only the whole word, "… west
Nato." for NATO 556), where that is no common word, no piece of a longer word that begins the handle and no word of a
handle made of words.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from collections.abc import Set as AbstractSet
from dataclasses import dataclass

from .. import schema
from .lexicon import Kind, kind, zipf
from .titles import TITLES

__all__ = ["AuthorRef", "AuthorIndex", "sign_offs"]


@dataclass(frozen=True)
class AuthorRef:
    start: int
    end: int
    name: str
    addressed: bool  # the participant is spoken to (vocative at a sentence start), not just named
    author: str = ""  # the id of the Author who shows this name


_WORD = re.compile(r"@?[^\W_][\w'’.-]*")
# The precheck of ``find``: a text's bytes with ASCII letters in lower case and every other byte a space, so its
# split gives the maximal runs of ASCII letters and digits. A known name's key (a word as ``find`` reads it, in lower
# case) holds such a run that the text shows as one of its runs whenever it names the key: the characters around a
# word are no letters or digits, and no other character's lower case holds an ASCII one but these two (İ, K).
_RUNS = bytes(c if chr(c).isalnum() and c < 128 else 32 for c in range(256)).lower()
_TO_ASCII = ("\u0130", "\u212a")
_ASCII_RUN = re.compile(r"[a-z0-9]+")
_ASCII_ALNUM = frozenset("abcdefghijklmnopqrstuvwxyz0123456789")
_WORD_MARKS = "_'’.-"  # the characters of ``_WORD``'s words but letters and digits
_HANDLE_PART = re.compile(r"[A-Z][a-z]{2,}")
_GREETINGS = ("Hi", "Hey", "Dear", "Hello", "Thanks")
_POSSESSIVE = ("'s", "’s")
# a given name English text writes less often than this (Zipf scale) names, inside a sentence, the one participant
# who bears it; "Hal" and "Wei" are under it, "Brad", "Robin" and "John" over it
_RARE_NAME_ZIPF = 4.0
# words before a name that introduce someone ("a guy called Wei"), not a participant spoken of
_INTRODUCING = {"a", "an", "another", "called", "named"}
# a beginning of a handle English writes at least this often (Zipf scale) is a word of it ("nigerian", "entertain"),
# "sinjin" is under it
_HANDLE_WORD_ZIPF = 3.0
_WORD_BEFORE = re.compile(r"([\w'’.-]+)[ \t]+$")
_NAME_GOES_ON = re.compile(r"[\w-]")  # a character after a full name that makes it part of a longer word
_SPOKEN_TO = re.compile(r"\s*[,:!]|\s+(I|you|your)\b")  # what follows a name a post speaks to
_STOP = re.compile(r"[.,!?]")
_NAME_AFTER = re.compile(r"\s+[A-Z][a-z]")
_I_AFTER = re.compile(r"\s+I\b")
# a line a writer signs with, after a blank line or a closing line ("Regards,"): a dash or two, a name of one or two
# words and its stop, maybe a comma and where they write from ("-- Guido", "Steve.", "Jimmy, Calgary AB"); opened by
# its line break, which the engine searches for, not by a lookbehind tried at every character
_SIGN_OFF = re.compile(r"\n[ \t]*-{0,2}[ \t]*([A-Z][A-Za-z]+(?: [A-Z][A-Za-z]+)?)\.?[ \t]*(?:,[^\n]{0,30})?(?=\n|$)")
_INITIALS = re.compile(r"[A-Z]{2,4}")


def _signed_as(signed: str, writer: str) -> bool:
    """Whether ``signed`` is a form of the ``writer``'s shown name: their given name or a nickname of it ("Steve" of
    Steven Lalewicz, "Jimmy" of James J. Gavan), their initials, first and last ("MCM" of Michael Mattias), or a
    given name and the surname a one-word handle ends in ("Robert Rayhawk" of RKRayhawk)."""
    from .names import same_given_name  # the name lists, loaded by entity extraction only

    words = writer.split()
    parts = signed.split()
    if len(words) > 1:
        if _INITIALS.fullmatch(signed):
            return signed[0] == words[0][0].upper() and signed[-1] == words[-1][0].upper()
        return len(parts) == 1 and words[0][:1].isupper() and same_given_name(signed, words[0])
    handle = words[0].lower() if words else ""
    return len(parts) == 2 and handle.endswith(parts[1].lower()) and handle[:1] == parts[0][0].lower()


def sign_offs(text: str, writer: str | None) -> list[tuple[int, int]]:
    """The spans where ``writer`` signs ``text`` with a form of their shown name (``_signed_as``): their own name, a
    participant's and no new person's, as their shown name is."""
    if not writer or "\n" not in text:
        return []
    spans = []
    for m in _SIGN_OFF.finditer(text):
        above = text[text.rfind("\n", 0, m.start()) + 1 : m.start()].strip()
        if (not above or above.endswith(",")) and _signed_as(m.group(1), writer):
            spans.append(m.span(1))
    return spans


def _names_alone(word: str) -> bool:
    """Whether ``word``, a word of a participant's name, may name them without the rest: no title ("Sir" of
    Sir_TF-BUNDY: "Sir, I want…" speaks to a video's maker) and no common English word ("The" of The Omega opens
    sentences, "Sure" of Sure-Record-8093 answers)."""
    return word.lower() not in TITLES and kind(word) is not Kind.COMMON


def _handle_parts(name: str) -> list[str]:
    """Capitalised parts of a one-word handle that may name it alone: "ToffeeTom" → Toffee, Tom; "Bluenose_Bill" →
    Bluenose, Bill; "Sir_TF-BUNDY" → Sir, TF, BUNDY (a part ``_names_alone`` fails names it only after an "@")."""
    if " " in name:
        return []
    parts = _HANDLE_PART.findall(name)
    return parts if len(parts) > 1 or (parts and parts[0] != name) else []


def _short_forms(word: str) -> list[str]:
    """The short forms by which a handle written in one case is spoken to, capitalised ("Sin" for sinjin, "Nato" for
    NATO 556): its first word's beginnings of three letters or more and at least half of it, in lower case."""
    if not word.isalpha() or not (word.islower() or word.isupper()) or len(word) < 4:
        return []
    return [word[:n].lower() for n in range(max(3, (len(word) + 1) // 2), len(word) + 1)]


def _handle_short_form(word: str, handle: str, at_start: bool) -> bool:
    """Whether ``word``, a capitalised beginning of ``handle``'s first word, may name its writer ("Sin" of sinjin):
    not a common English word ("There" of "thereal"), nor cut inside a longer word English writes that begins the
    handle ("Nigeria" of nigerianvenom, "Enter" of "entertain me"), which is how it is read, nor the first word of a
    handle made of English words ("King" of "king of the road"), a phrase's word, nor a title ("Sir" of sirius).
    Inside a sentence only the whole first word ("… the old west Nato." for NATO 556): a cut there is the given name
    it also is ("in blessed Peter," is no peteratwar)."""
    words = handle.lower().split()
    if not at_start and len(word) < len(words[0]):
        return False
    if len(words) > 1 and all(w.isalpha() and zipf(w, "en") >= _HANDLE_WORD_ZIPF for w in words):
        return False
    if any(zipf(words[0][:n], "en") >= _HANDLE_WORD_ZIPF for n in range(len(word) + 1, len(words[0]) + 1)):
        return False
    return _names_alone(word)


def _at_start(text: str, at: int) -> bool:
    """Whether the word at ``at`` opens the text, a sentence or a line, or follows a greeting. Only the
    blanks just before it are read, so all the words of a post cost in all about its length."""
    i = at
    while i and text[i - 1] in " \t":
        i -= 1
    return not i or text[i - 1] in ".!?…\n:;>" or text.endswith(_GREETINGS, 0, i)


def _in_passing(text: str, at: int, word: str) -> bool:
    """Whether a given name ``word`` at ``at``, inside a sentence, names a participant: a word English seldom
    writes, capitalised as a name is, after no capitalised word (the end of another name) and no word that
    introduces someone new."""
    if not word[1:].islower() or zipf(word.lower(), "en") >= _RARE_NAME_ZIPF:
        return False
    before = _WORD_BEFORE.search(text, max(0, at - 40), at)
    if before is None:
        return True
    word_before = before.group(1)
    return word_before.lower() not in _INTRODUCING and (word_before == "I" or not word_before[:1].isupper())


def _holds_a_key(text: str, keys: AbstractSet[str]) -> bool:
    """Whether a word of ``text`` is one of ``keys``, read word by word as ``find`` reads it: "tom's" holds "tom"."""
    for word in _WORD.findall(text):
        word = word.lstrip("@").rstrip(".'’-")
        if word.lower() in keys or (word.endswith(_POSSESSIVE) and word[:-2].lower() in keys):
            return True
    return False


def _words_holding(text: str, runs: set[bytes]) -> list[re.Match[str]]:
    """The words of ``text`` (as ``_WORD.finditer`` gives them), in order, that hold one of ``runs`` as a maximal run
    of ASCII letters and digits (``_RUNS``): those a key whose longest run is one of ``runs`` may start at. Each is
    the one word of the stretch of word characters around the run, found from the stretch's start. ``text`` has no
    character whose lower case is longer or holds an ASCII one (``_TO_ASCII``), so its lower case has its offsets."""
    lower = text.lower()
    hits = []
    for run in runs:
        key = run.decode()
        at = lower.find(key)
        while at >= 0:
            end = at + len(key)
            if (not at or lower[at - 1] not in _ASCII_ALNUM) and lower[end : end + 1] not in _ASCII_ALNUM:
                hits.append(at)
            at = lower.find(key, end)
    starts = set()
    last, last_start = 0, 0  # each hit walks back no further than the one before, whose stretch it may share
    for at in sorted(hits):
        start = at
        while start > last and (text[start - 1].isalnum() or text[start - 1] in _WORD_MARKS):
            start -= 1  # the characters of ``_WORD``'s class: str.isalnum is Python's \w but "_"
        if start == last:
            start = last_start
        last, last_start = at, start
        starts.add(start - (text[start - 1 : start] == "@"))
    return [match for start in sorted(starts) if (match := _WORD.search(text, start))]


class AuthorIndex:
    """Known user names per platform, grown as posts stream in; looked up word by word, so the
    cost of ``find`` does not grow with the number of participants. A name resolves to the Author
    who shows it; a name two Authors show (two senders who sign alike, two Mastodon accounts of one display name) to
    the one of the least id, whichever came first, so the order of the posts changes no MENTIONS."""

    def __init__(self) -> None:
        self._names: dict[str, set[str]] = {}
        self._ids: dict[str, dict[str, str]] = {}  # platform → name → Author id
        self._lower: dict[str, set[str]] = {}  # platform → names in lower case
        self._by_first: dict[str, dict[str, list[str]]] = {}  # platform → first word → names, longest first
        self._first_names: dict[str, dict[str, list[str]]] = {}  # platform → first name → multi-word names
        self._parts: dict[str, dict[str, list[str]]] = {}  # platform → part of a handle → handles
        self._shorts: dict[str, dict[str, list[str]]] = {}  # platform → a one-case handle's short form → handles
        self._keys: dict[str, set[str]] = {}  # platform → the lower-case words a known name may start at
        self._runs: dict[str, set[bytes]] = {}  # platform → the longest ASCII run of each key (see ``_RUNS``)
        self._unicode: set[str] = set()  # platforms with a key of no ASCII letter or digit

    def add(self, platform: str, name: str | None, author: str | None = None) -> None:
        """Know ``name`` as a participant's, the Author ``author`` (by default the account of that name)."""
        if not name or not name.strip():
            return
        names = self._names.setdefault(platform, set())
        author = author or schema.author_id(platform, name)
        ids = self._ids.setdefault(platform, {})
        if name in names:
            ids[name] = min(ids[name], author)
            return
        names.add(name)
        ids[name] = author
        self._lower.setdefault(platform, set()).add(name.lower())
        words = name.split()
        self._keys.setdefault(platform, set())
        self._key(platform, words[0].lower())
        by_first = self._by_first.setdefault(platform, {}).setdefault(words[0].lower(), [])
        by_first.append(name)
        by_first.sort(key=lambda n: (-len(n), n))
        if len(words) > 1 and len(words[0]) > 2 and words[0][0].isupper():
            self._first_names.setdefault(platform, {}).setdefault(words[0].lower(), []).append(name)
        for short in _short_forms(words[0]):
            self._shorts.setdefault(platform, {}).setdefault(short, []).append(name)
            self._key(platform, short)
        for part in _handle_parts(name):
            self._parts.setdefault(platform, {}).setdefault(part.lower(), []).append(name)
            self._key(platform, part.lower())

    def _key(self, platform: str, key: str) -> None:
        """Know ``key`` as a word a name may start at, with its run for the precheck of ``find``."""
        self._keys[platform].add(key)
        runs = _ASCII_RUN.findall(key)
        if runs:
            self._runs.setdefault(platform, set()).add(max(runs, key=len).encode())
        else:
            self._unicode.add(platform)

    def _may_name(self, text: str, platform: str) -> bool:
        """Whether ``text`` may hold a word that starts a known name (False: it holds none for sure). Its
        ASCII runs are compared with the keys' (see ``_RUNS``) at C speed; a text a key cannot be checked
        in that way is read word by word."""
        keys = self._keys.get(platform)
        if not keys:
            return False
        runs = self._key_runs(text, platform)
        return _holds_a_key(text, keys) if runs is None else bool(runs)

    def _by_runs(self, text: str, platform: str) -> bool:
        """Whether the keys ``text`` may hold are told by its runs (``_RUNS``)."""
        return text.isascii() or (platform not in self._unicode and not any(c in text for c in _TO_ASCII))

    def _key_runs(self, text: str, platform: str) -> set[bytes] | None:
        """The runs of ``text`` that are the longest run of a key (see ``_RUNS``), found at C speed; None for a text
        whose keys cannot be told by its runs."""
        if self._by_runs(text, platform):
            runs = text.encode("utf-8", "surrogatepass").translate(_RUNS).split()
            return self._runs.get(platform, set()).intersection(runs)
        return None

    def may_name_each(self, texts: Sequence[str], platform: str) -> list[bool]:
        """``_may_name`` of each of ``texts``, text by text: each text's runs split and compared at C speed (the same
        check made by Arrow's kernels for a batch at once, a regular expression splitting every text and the keys
        hashed again for each batch, took 2.5 times as long with 8,000 participants)."""
        may_name = self._may_name
        return [may_name(text, platform) for text in texts]

    def names(self, platform: str) -> AbstractSet[str]:
        """The known names (not a copy: asked for once per input of a batch, however many there are)."""
        return self._names.get(platform, frozenset())

    def every(self) -> set[tuple[str, str]]:
        """Every known (platform, name)."""
        return {(platform, name) for platform, names in self._names.items() for name in names}

    def _full(self, text: str, start: int, platform: str, word: str) -> str | None:
        for name in self._by_first.get(platform, {}).get(word.lower(), ()):
            end = start + len(name)
            if text[start:end].lower() == name.lower() and not _NAME_GOES_ON.match(text, end, end + 1):
                surface = text[start:end]
                if surface != name and not name[:1].isdigit() and surface[:1].islower() != name[:1].islower():
                    continue  # case differs on a capitalised name: a common word, not the user
                return name
        return None

    def find(self, text: str, platform: str, own: str | None = None) -> list[AuthorRef]:
        """Participants named in ``text`` (the writer's own name is skipped)."""
        keys = self._keys.get(platform)
        runs = self._key_runs(text, platform) if keys else set()
        if runs is None:
            if not _holds_a_key(text, keys):
                return []
            matches: Iterable[re.Match[str]] = _WORD.finditer(text)
        elif not runs:
            return []  # no word starts a known name: most posts, so their words are not looked at one by one
        else:
            matches = _words_holding(text, runs)  # the words that may be a key, not every word of the text
        firsts = self._first_names.get(platform, {})
        parts = self._parts.get(platform, {})
        shorts = self._shorts.get(platform, {})
        refs = []
        pos = 0
        own_id = ""  # the writer's account's id, worked out at the first name found
        for match in matches:
            if match.start() < pos:
                continue
            at_sign = match.group().startswith("@")
            start = match.start() + at_sign
            word = match.group()[at_sign:].rstrip(".'’-")
            if word.endswith(_POSSESSIVE) and word.lower() not in keys:
                word = word[:-2]  # "Wei's model": the name owns what follows
            if word.lower() not in keys:
                continue  # starts no known name: most words of a post, so nothing more is asked of them
            at_start = _at_start(text, match.start())
            name = self._full(text, start, platform, word)
            end = start + len(name) if name else start + len(word)
            addressed = at_sign or (at_start and bool(_SPOKEN_TO.match(text, end, end + 8)))
            if name is None:
                if not at_sign and not _names_alone(word):
                    continue  # "Sir, …", "Sure, but …": a title or an everyday word; "@Will" is an address all the same
                spoken = at_start or bool(_STOP.match(text, end, end + 1))  # "Sin is …", "… west Nato."
                short = shorts.get(word.lower(), []) if spoken and word[1:].islower() else []
                short = [handle for handle in short if _handle_short_form(word, handle, at_start)]
                candidates = firsts.get(word.lower(), []) or (parts.get(word.lower(), []) if addressed else []) or short
                at_start = at_start or (bool(short) and candidates == short)  # the handle it is short for only
                if len(candidates) != 1 or not word[:1].isupper():
                    continue
                if not (at_start or at_sign or (word.lower() in firsts and _in_passing(text, match.start(), word))):
                    continue
                if word.lower() in self._lower[platform]:
                    continue
                after = text[end : end + 40]
                if _NAME_AFTER.match(after) and not _I_AFTER.match(after):
                    continue  # start of someone else's full name
                name = candidates[0]
            if own is not None:
                own_id = own_id or schema.author_id(platform, own)
                if schema.author_id(platform, name) == own_id:
                    continue  # the writer's own account, perhaps spelt in another case where case is ignored
            pos = end
            refs.append(AuthorRef(start - at_sign, end, name, addressed, self._ids[platform][name]))
        return refs
