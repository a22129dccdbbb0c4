"""A flattened thread read as a whole: the most probable reply structure of its comments.

Read in order (depth first, as a page shows a thread), a comment answers the article, the comment
before it or one of that comment's ancestors: the branch of comments still open above it, a stack. A comment an
earlier choice closed (took off the branch) stays a candidate at a learnt cost ("closed"), so one wrong choice need
not lose the parent of the comments after it; on a question-and-answer site's page, so does the answer with the most
comments, however long ago it closed ("closed_top").
Once a page's comments are surveyed they are planned together, comment by comment (a beam search
that keeps ``BEAM`` structures), each choice weighed by the learnt model (``reply_model``) on
what the page keeps: which open comment a candidate is, who answered whom (turn-taking), who writes the comment
after (answering back), the article's writer answering (when a byline names the writer), "you", questions, shared
words, participants named, the page's shape; on a list archive's page, what it shows of each mail (its date,
subject, attribution and greeting lines: ``mail_head``). Where the page shows the structure
(comments indented by depth, reply counts) it decides exactly. ``replies.infer_reply`` gives the
best structure's choices, with their calibrated probabilities, when no explicit cue decides.
"""

from __future__ import annotations

import math
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field, replace
from datetime import UTC, datetime
from email.utils import parsedate_tz
from functools import lru_cache

from .. import attribution, qa_dates
from .reply_model import FEATURES, ReplyModel

__all__ = [
    "Comment",
    "MailHead",
    "Node",
    "State",
    "Choice",
    "Page",
    "comment",
    "mail_head",
    "attribution_line",
    "candidates",
    "next_writer",
    "advance",
    "reopenable",
    "plan",
    "shown_structure",
    "start_page",
    "comment_you",
    "jaccard",
]

_SECOND_PERSON = re.compile(r"\b(?:you|your|yours|you're|you’re|you've|you’ve|you'd|you’d|u|ur)\b", re.I)
_QUOTED = re.compile(r"“[^”]*”|\"[^\"\n]*\"")
_VOCATIVE_TITLES = ("Mr", "Mrs", "Ms", "Dr", "President", "Minister", "Sir", "Madam", "Prof")
_VOCATIVE = re.compile(
    r"(?:\b(?:thank\s+you|thanks|dear|hey|well|unfortunately|sorry)\b,?\s*)?"
    rf"\b(?:{'|'.join(_VOCATIVE_TITLES)})\.?\s+[A-Z][\w’'-]+(?:\s+[A-Z][\w’'-]+)?\s*(?:,|\s+(?:I|you)\b)"
    r"|\bthank\s+you,\s+[A-Z][\w’'-]+",
    re.I,
)
# a word each of ``_VOCATIVE``'s matches holds: an ASCII text holding none in lower case is not searched (the pattern,
# opening with a word boundary, is tried at every character: most of a comment's survey where it says "you")
_VOCATIVE_WORDS = (*(title.lower() for title in _VOCATIVE_TITLES), "thank")
_OPENER = re.compile(
    r"^\W*(?:yes|yeah|yep|yup|no|nope|nah|this|that|lol|lmao|haha\w*|agreed?|exactly|true|same|indeed|well|wait|"
    r"sure|right|ok|okay|oh|ah|so|but|and|thanks|thank\s+you|wow|damn|what|why|how|source|edit)\b",
    re.I,
)
# page furniture a scraper keeps at a comment's end: "Reply", "Share · Report", "3 replies", "parent | next"
_WORD = (
    r"(?:reply|share|report|save|permalink|embed|parent|next|prev|flag|like|follow|context|"
    r"(?:(?:view|show|hide|load)\s+)?(?:more\s+)?\d+\s+(?:more\s+)?repl(?:y|ies))"
)
_FURNITURE = re.compile(rf"(?:\n[ \t]*{_WORD}(?:[ \t]*[|·•]?[ \t]*{_WORD})*[ \t]*)+$", re.I)
# a question-and-answer site's line under a question or an answer ("answered Apr 27, 2021 at 19:46", "answered
# yesterday"; dates as ``qa_dates`` reads them), ending it: its comments stand under it, whatever comments come
# between (the text reader ends each answer of a page copied from the site with it, its writer and comments apart:
# ``sources.qa_page``)
_ANSWERED = re.compile(rf"\n[ \t]*(?:answered|asked)[ \t]+{qa_dates.DATE}[ \t]*$")
_REPLY_COUNT = re.compile(r"\b(\d+)\s+(?:more\s+)?repl(?:y|ies)\b", re.I)
_INDENT = re.compile(r"[ \t]*")
_TOKEN = re.compile(r"\w+")
_OPENING = 300  # "you" further into a comment is usually generic ("you can't trust them")
_BRANCH = 10  # the nearest open comments that are candidates (deeper pops are rare)
CLOSED = 5  # comments an earlier choice closed that stay candidates, most recently closed first (with a learnt cost)
# page kinds whose plan also keeps the closed top-level comment with the most replies a candidate, however long ago it
# closed ("closed_top"): on a question-and-answer site's page an answer's comments come after others put on the question
TOPS_KEPT = ("qa",)
TOPS = 4  # closed top-level comments a state remembers, the most replies first (the latest closed among equals)
BEAM = 1  # structures kept while planning a page: wider beams favour the article's short branch (train.py)
_SHOWN = 3  # comments that must show a depth or a reply count before the page is read by them
# a list archive's page shows a mail's subject and date above its text (``mail_head``)
_CLOCK = re.compile(r"\b\d{1,2}:\d\d\b")
_TIME = re.compile(r"(?<![+-])" + _CLOCK.pattern)  # a time of day, not a zone's offset ("GMT+01:00")
_HALF_DAY = re.compile(r"\b\d{1,2}:\d\d(?::\d\d)?\s*([ap])\.?m\b", re.I)  # "1:10 pm", "9:05 a.m."
_ISO = re.compile(r"\b((?:19|20)\d\d-\d\d-\d\d)[ T](\d\d:\d\d(?::\d\d)?)")
_SUBJECT_MARKS = re.compile(r"^(?:\s*(?:(?:re|aw|sv|fwd?|tr|wg)(?:\[\d+\])?\s*:|\[[^\]]*\]))+\s*", re.I)
_GREETING = re.compile(  # "Hi Joerg,", "Hello all", "Tuomo,"
    r"^\W*(?:hi|hello|hey|dear|hallo|moin|salut|bonjour|ciao|hola|hej)\b|^[^\W\d_][\w.'-]*\s*,\s*$", re.I
)
_NO_NAME = frozenset(  # a greeting's words that name no one
    "hi hello hey dear hallo moin salut bonjour ciao hola hej all everyone everybody folks guys list".split()
)
_HEAD_LINES = 3  # the lines where the subject and date stand
_SKEW = 60  # seconds a mail's clock may be ahead of the one it answers


@dataclass(frozen=True)
class Comment:
    """What a comment shows that weighs its candidate parents (worked out once, when surveyed)."""

    text: str
    author: str | None
    words: frozenset[str]
    n_words: int
    you: tuple[str, int, int] | None  # "you" early in the comment, not the writer speaking of a named person
    opener: bool
    question: bool
    lowercase: bool
    indent: int  # width of the leading blanks of its first line
    replies: int | None  # the reply count it shows
    head: MailHead | None = None  # what a list archive's page shows of the mail (``mail_head``)
    answered: bool = False  # it ends in a question-and-answer site's "answered …" line: an answer


@dataclass(frozen=True)
class MailHead:
    """A mail as a list archive's page shows it: its date and subject above its text, whom its first lines name: an
    attribution line ("On DATE, NAME wrote:" over quoted lines a page may have cut) and a greeting ("Hi Joerg,")."""

    sent: float  # seconds since the epoch (UTC when the date gives its zone)
    subject: str  # without "Re:" and list tags, in lower case
    minute: int  # the minute of the hour it shows
    attributed: frozenset[str]  # the words of its attribution line, in lower case
    attributed_minutes: frozenset[int]  # the minutes of the times that line gives
    greeted: frozenset[str]  # the words of its greeting line, in lower case


def _sent(line: str) -> tuple[float, int] | None:
    """The time a date line gives (seconds since the epoch) and its minute, or None."""
    if not _CLOCK.search(line):
        return None
    if iso := _ISO.search(line):
        try:
            when = datetime.fromisoformat(f"{iso.group(1)} {iso.group(2)}").replace(tzinfo=UTC)
        except ValueError:
            return None
        return when.timestamp(), when.minute
    parts = parsedate_tz(line)
    if parts is None or parts[0] < 1970 or len(line) > 80:
        return None
    hour = parts[3]
    if (half := _HALF_DAY.search(line)) and 1 <= hour <= 12:  # the standard library reads "1:10 pm" as 01:10
        hour = hour % 12 + 12 * (half.group(1).lower() == "p")
    try:
        when = datetime(*parts[:3], hour, *parts[4:6], tzinfo=UTC)
    except ValueError:
        return None
    return when.timestamp() - (parts[9] or 0), parts[4]


def mail_head(text: str) -> MailHead | None:
    """The subject and date a mail shows over its text (a date line among its first lines, the subject above it),
    with its attribution and greeting lines, or None when it shows no date."""
    if ":" not in text[:400] or not _CLOCK.search(text, 0, 400):  # no time without its colon: most posts
        return None
    lines = [line.strip() for line in text[:1000].split("\n")]
    shown = [i for i, line in enumerate(lines) if line][: _HEAD_LINES + 4]
    # not Gmail's attribution line opening a mail ("2015-11-21 13:05 GMT+01:00 NAME <ADDRESS>:"): the quoted mail's date
    at = next(
        (k for k, i in enumerate(shown[:_HEAD_LINES]) if _sent(lines[i]) and not attribution.dated(lines[i])), None
    )
    if at is None:
        return None
    sent, minute = _sent(lines[shown[at]]) or (0.0, 0)  # found above
    subject = _SUBJECT_MARKS.sub("", lines[shown[at - 1]]).lower() if at else ""
    attributed: frozenset[str] = frozenset()
    minutes: frozenset[int] = frozenset()
    greeted: frozenset[str] = frozenset()
    for i in shown[at + 1 :]:
        line = lines[i]
        if not attributed and attribution_line(line):
            attributed = frozenset(_TOKEN.findall(line.lower()))
            minutes = frozenset(int(m.group()[-2:]) for m in _TIME.finditer(line))
        elif _GREETING.match(line) and len(line.split()) <= 6:
            greeted = frozenset(_TOKEN.findall(line.lower()))
            break
        elif not attribution_line(line):
            break
    return MailHead(sent, " ".join(subject.split()), minute, attributed, minutes, greeted)


def comment(text: str, author: str | None, words: frozenset[str]) -> Comment:
    """A comment's cues; ``words`` are its content words."""
    body = _FURNITURE.sub("", text) if "\n" in text else text  # furniture stands on lines of its own
    you = _first(body[:_OPENING], _SECOND_PERSON)
    if you and _vocative(body[: you.end() + 60]):
        you = None
    shown = _REPLY_COUNT.findall(text[len(body) :]) if len(body) < len(text) else []
    stripped = body.lstrip()
    return Comment(
        text,
        author,
        words,
        len(body.split()),
        (you.group(), you.start(), you.end()) if you else None,
        bool(_OPENER.match(stripped)),
        "?" in body,
        stripped[:1].islower(),
        len(_INDENT.match(text).group().expandtabs(4)),
        int(shown[-1]) if shown else None,
        mail_head(text),
        _ANSWERED.search(body.rstrip()[-80:]) is not None,  # the line stands last: a short look
    )


def _vocative(text: str) -> bool:
    """Whether ``text`` speaks to someone by title ("Mr. Lavrov, you …") or thanks them by name (``_VOCATIVE``)."""
    if text.isascii():  # in lower case as ``re.I`` reads it (not so the dotted and dotless i, the long s)
        lower = text.lower()
        if not any(word in lower for word in _VOCATIVE_WORDS):
            return False
    return _VOCATIVE.search(text) is not None


def comment_you(text: str) -> tuple[str, int, int] | None:
    """The "you" early in a comment that speaks to another participant, with its offsets."""
    return comment(text, None, frozenset()).you


def _first(text: str, pattern: re.Pattern[str]) -> re.Match[str] | None:
    """First match outside quotation marks."""
    blanked = _QUOTED.sub(lambda m: " " * len(m.group()), text)
    return pattern.search(blanked)


@dataclass(frozen=True)
class Node:
    """A comment that later ones can answer."""

    key: str | int  # its post id once placed, or its place in the plan
    author: str | None
    words: frozenset[str]
    question: bool
    index: int  # its number among the thread's comments
    depth: int
    parent_author: str | None = None
    children: int = 0
    left: int | None = None  # replies it shows that are still to come
    head: MailHead | None = None  # what a list archive's page shows of the mail
    answered: bool = False  # a question-and-answer site's answer (``Comment.answered``)


@dataclass(frozen=True)
class State:
    """One structure of the page so far: the open comments (the article's child first), how many
    comments answered the article, and the log-probability of the choices that led here."""

    stack: tuple[Node, ...]
    count: int
    on_article: float
    score: float = 0.0
    choices: tuple | None = None  # (Choice, earlier choices) — a linked list, shared between states
    # comments a choice took off the branch, most recently closed first, each with its branch (itself last)
    closed: tuple[tuple[Node, ...], ...] = ()
    # closed top-level comments, the most replies first (``TOPS``), on a page whose kind keeps them (else None)
    tops: tuple[Node, ...] | None = None


@dataclass(frozen=True)
class Choice:
    target: str | int | None  # None: the article
    probability: float
    p_root: float
    features: dict[str, float] = field(compare=False)
    exact: str = ""  # the page's own structure decided ("indentation", "reply-count")


@dataclass
class Page:
    """What stays the same for every structure of a page: its shape, the article's words, the writers."""

    shape: dict[str, float]
    root_words: frozenset[str]
    latest: dict[str, int]  # each writer's latest comment so far (its number)
    last: list[tuple[int, str | None]]  # the numbers and writers of the latest comments
    rarity: dict[str, float] = field(default_factory=dict)  # log inverse share of the page's comments with a word
    unseen: float = 1.0  # the rarity of a word no surveyed comment has
    weights: dict[frozenset[str], float] = field(default_factory=dict)  # summed rarity of words (``similarity``)
    by_first_word: dict[str, set[str]] = field(default_factory=dict)  # writers' names by their first word
    op: str | None = None  # the article's writer, when the page names one
    depth_unit: int = 0  # the page indents each level by this many blanks (0: it does not indent)
    counts: bool = False  # the page shows reply counts

    def note(self, number: int, author: str | None) -> None:
        """Remember a placed comment's writer (for names, and "the previous comment by someone else")."""
        if author:
            if author not in self.latest and len(author) > 2 and (first := _TOKEN.findall(author)):
                self.by_first_word.setdefault(first[0], set()).add(author)
            self.latest[author] = number
        self.last.append((number, author))
        del self.last[:-20]


def shown_structure(comments: Sequence[Comment]) -> tuple[int, bool]:
    """The indentation step of a page that indents replies (0 if it does not), and whether it shows
    reply counts: several comments must show them, consistently, before they are believed."""
    indents = [c.indent for c in comments]
    unit = min((i for i in indents if i), default=0)
    indented = unit and sum(i > 0 for i in indents) >= _SHOWN and 0 in indents
    if indented and any(i % unit for i in indents):
        indented = False
    counted = sum(c.replies is not None for c in comments) >= _SHOWN
    if counted:  # the replies announced must be the comments that follow
        counted = sum(c.replies or 0 for c in comments) <= len(comments)
    return (unit if indented else 0), counted


def jaccard(a: frozenset[str], b: frozenset[str]) -> float:
    if not a or not b:
        return 0.0
    return len(a & b) / len(a | b)


def similarity(a: frozenset[str], b: frozenset[str], page: Page) -> float:
    """Shared words weighed by how rare they are on the page (a cosine over sets): two comments that
    both say "GSSAPI" are likelier a pair than two that both say "server"."""
    if not a or not b:
        return 0.0
    # fsum: a set's order changes with the process's string hashing, and the sum must not
    shared = math.fsum(page.rarity.get(w, page.unseen) for w in a & b)
    if not shared:
        return 0.0
    return shared / math.sqrt(_weight(a, page) * _weight(b, page))


def _weight(words: frozenset[str], page: Page) -> float:
    """The summed rarity of a comment's words, worked out once a page: a comment is compared with many."""
    weight = page.weights.get(words)
    if weight is None:
        weight = page.weights[words] = math.fsum(page.rarity.get(w, page.unseen) for w in words)
    return weight


def attribution_line(line: str) -> bool:
    """Whether ``line`` opens quoted lines ("On DATE, NAME wrote:", "Am DATE schrieb NAME:", "2015-11-21 13:05
    GMT+01:00 NAME <ADDRESS>:"): the name and date it gives are the quoted mail's, not those of the mail that quotes
    it."""
    return attribution.name(line) is not None


def unattributed(text: str) -> str:
    """The text without its attribution lines, in any form (``attribution.attributions``): the name such a line gives
    is the quoted mail's writer's, not one the comment speaks to."""
    kept, at = [], 0
    for start, end, _ in attribution.attributions(text):
        kept.append(text[at:start])
        at = end
    return "".join(kept) + text[at:] if kept else text


@lru_cache(maxsize=1 << 11)
def _whole_word(name: str) -> re.Pattern[str]:
    """``name`` as a whole word, compiled once: ``re`` keeps 512 patterns, fewer than a run's writers."""
    return re.compile(rf"(?<!\w){re.escape(name)}(?!\w)")


def _named(c: Comment, page: Page) -> set[str]:
    """Writers of the page named in the comment (as whole words, not in an attribution line): looked up by the
    comment's words, so the cost does not grow with the number of writers."""
    text = unattributed(c.text)
    return {
        name
        for word in set(_TOKEN.findall(text))
        for name in page.by_first_word.get(word, ())
        if name != c.author and _whole_word(name).search(text)
    }


def candidates(
    c: Comment, state: State, page: Page, after: str | None = None
) -> tuple[list[int], list[dict[str, float]]]:
    """The article (-1) and the open comments (their place in the stack), each with its features; ``after`` is the
    writer of the comment that follows on the page (the page is surveyed whole before it is planned)."""
    stack, count = state.stack, state.count
    last = stack[-1] if stack else None
    author = c.author
    prev_other = next((i for i, a in reversed(page.last) if author is None or a != author), None)
    named = _named(c, page) if page.latest else set()
    f: dict[str, float] = {
        "article": 1.0,
        "article_length": math.log1p(c.n_words) / 4,
        **page.shape,
        "article_known_author": float(bool(author) and author in page.latest),
        "article_on_branch": float(bool(author) and any(n.author == author for n in stack)),
        "article_question": float(c.question),
        "article_lowercase": float(c.lowercase),
        "article_you": float(c.you is not None),
        "article_opener": float(c.opener),
        "article_depth": math.log1p(last.depth) if last else 0.0,
        "article_op": float(bool(author) and author == page.op),
        "article_answered": float(c.answered),
        "overlap": similarity(c.words, page.root_words, page),
    }
    if stack:
        f["sibling_overlap"] = similarity(c.words, stack[0].words, page)
        if c.head and stack[0].head and stack[0].head.sent > c.head.sent + _SKEW:
            f["article_mail_child_later"] = 1.0
    if c.head and (c.head.greeted or c.head.attributed) and _names_another(c.head, c.author, page):
        f["article_mail_named"] = 1.0
    keys, feats = [-1], [f]
    for up in range(min(len(stack), _BRANCH)):
        n = stack[-1 - up]
        same = bool(author) and n.author == author
        if c.you and same:
            continue  # "you" is someone else
        if c.head and n.head and _sent_after(c.head, n.head, n.author):
            continue
        f = {"distance": math.log1p(count - n.index), "depth": math.log1p(n.depth)}
        if up == 0:
            f["previous"] = 1.0
            if same:
                f["previous_same_author"] = 1.0
        else:
            f["branch"] = 1.0
            f["branch_depth"] = math.log1p(up)
            if up == 1:
                f["branch_parent"] = 1.0
        _writer_features(f, c, n, page, after, named)
        if n.words and c.words:
            f["overlap"] = similarity(c.words, n.words, page)
            if up:
                f["sibling_overlap"] = similarity(c.words, stack[-up].words, page)
        if c.you:
            f["second_person"] = 1.0
            if n.index == prev_other:
                f["second_person_previous"] = 1.0
        if n.question:
            f["question"] = 1.0
        if n.answered:
            f["answered"] = 1.0
        if c.opener:
            f["opener"] = 1.0
        if n.children:
            f["children"] = math.log1p(n.children)
        if c.n_words < 12:
            f["short"] = 1.0
        if n.author is None:
            f["anonymous"] = 1.0
        if c.head and n.head:
            _mail_features(f, c.head, n.head, n.author)
            if up and (child := stack[-up].head) and child.sent > c.head.sent + _SKEW:
                f["mail_child_later"] = 1.0
        keys.append(up)
        feats.append(f)
    for key, branch in reopenable(state):
        n = branch[-1]
        if c.head and n.head and _sent_after(c.head, n.head, n.author):
            continue
        keys.append(key)
        feats.append(_closed_features(c, n, page, after, count, named))
        if key < -1 - CLOSED:
            feats[-1]["closed_top"] = 1.0
    best = max(feats, key=lambda f: f.get("overlap", 0.0))
    if best.get("overlap", 0.0) > 0.05:
        best["best_overlap"] = 1.0
    return keys, feats


def _writer_features(f: dict[str, float], c: Comment, n: Node, page: Page, after: str | None, named: set[str]) -> None:
    """What the writers say of a candidate, open or closed: the comment's own writer, its parent's answered, the next
    comment's writer answering back, a writer the comment names."""
    author = c.author
    if bool(author) and n.author == author:
        f["same_author"] = 1.0
    elif author and n.parent_author == author:
        f["turn_taking"] = 1.0
    if after and n.author == after != author and after != page.op:
        f["answered_back"] = 1.0
    if n.author in named and page.latest.get(n.author) == n.index:
        f["mention"] = 1.0


def _closed_features(
    c: Comment, n: Node, page: Page, after: str | None, count: int, named: set[str]
) -> dict[str, float]:
    """The features of a comment an earlier choice closed: a wrong early choice need not lose the parent of the
    comments after it."""
    f = {"closed": 1.0, "distance": math.log1p(count - n.index), "depth": math.log1p(n.depth)}
    if n.answered:
        f["answered"] = 1.0
    _writer_features(f, c, n, page, after, named)
    if n.words and c.words:
        f["overlap"] = similarity(c.words, n.words, page)
    if n.question:
        f["question"] = 1.0
    if n.children:
        f["children"] = math.log1p(n.children)
    if c.head and n.head:
        _mail_features(f, c.head, n.head, n.author)
    return f


def reopenable(state: State) -> list[tuple[int, tuple[Node, ...]]]:
    """The closed comments that are candidates, each with its key (-2 - j) and its branch (itself last): the ``CLOSED``
    most recently closed, and where the state keeps them (``TOPS_KEPT``) the closed top-level comment with the most
    replies that is neither open nor among those (key -2 - ``CLOSED``)."""
    out = [(-2 - j, branch) for j, branch in enumerate(state.closed[:CLOSED])]
    if state.tops:
        taken = {n.key for n in state.stack} | {branch[-1].key for _, branch in out}
        top = next((n for n in state.tops if n.key not in taken), None)
        if top is not None:
            out.append((-2 - CLOSED, (top,)))
    return out


def next_writer(comments: Sequence[Comment], k: int) -> str | None:
    """The writer of the comment after comment ``k`` (None after the last): ``candidates``' ``after``."""
    return comments[k + 1].author if k + 1 < len(comments) else None


def _named_in(author: str | None, words: frozenset[str]) -> bool:
    """Whether a writer's name (all its words) stands among these words."""
    named = _TOKEN.findall(author.lower()) if author else []
    return bool(named) and all(w in words for w in named)


def _names_another(c: MailHead, author: str | None, page: Page) -> bool:
    """Whether a mail's greeting or attribution names the article's writer, or someone who wrote none of the mails
    before it (whom a page that does not name the article's writer leaves for the article)."""
    if page.op and page.op != author and (_named_in(page.op, c.attributed) or _greets(c, page.op)):
        return True
    if not page.op:
        writers = {w.lower() for w in page.by_first_word}
        greeted = {w for w in c.greeted if w not in _NO_NAME and not w.isdigit()}
        if greeted and not greeted & writers and not (author and greeted & set(_TOKEN.findall(author.lower()))):
            return True
    return False


def _greets(c: MailHead, author: str) -> bool:
    """Whether a mail's greeting names the writer by their first name ("Hi Joerg," for Joerg van den Hoff)."""
    first = _TOKEN.findall(author.lower())
    return bool(c.greeted and first and first[0] in c.greeted)


def _sent_after(c: MailHead, n: MailHead, author: str | None) -> bool:
    """Whether a page's dates rule out that mail ``c`` answers ``n`` (written by ``author``): ``n`` was sent after it
    (beyond a clock's skew) and ``c``'s attribution line or greeting does not name it. A learnt weight only lowers such
    a candidate, and a model fitted on pages that show no dates as well lowers it less; a reply is never sent before
    what it answers, so it is no candidate at all, whichever model reads the page."""
    return n.sent > c.sent + _SKEW and not _names(c, n, author)


def _names(c: MailHead, n: MailHead, author: str | None) -> bool:
    """Whether a mail's attribution line names the writer of ``n`` or the minute ``n`` was sent, or its greeting
    names that writer."""
    if c.attributed and (_named_in(author, c.attributed) or n.minute in c.attributed_minutes):
        return True
    return author is not None and _greets(c, author)


def _mail_features(f: dict[str, float], c: MailHead, n: MailHead, author: str | None) -> None:
    """What a list archive's page shows of a mail and an earlier one it may answer: a mail answers one sent before
    it, soon, on the same subject (a new subject starts a branch), often naming its writer in an attribution line
    (by name, or by the time it was sent) or a greeting. One sent after it is a candidate only where those name it
    (``_sent_after``)."""
    if n.sent > c.sent + _SKEW:
        f["mail_later"] = 1.0
    else:
        f["mail_hours"] = math.log1p(max(0.0, c.sent - n.sent) / 3600)
    if c.subject and n.subject == c.subject:
        f["mail_subject"] = 1.0
    if c.attributed and (_named_in(author, c.attributed) or n.minute in c.attributed_minutes):
        f["mail_attributed"] = 1.0
    if author and _greets(c, author):
        f["mail_greeted"] = 1.0


def _exact(c: Comment, state: State, page: Page) -> tuple[int, str] | None:
    """The open comment the page's own structure names (-1: the article), and how it shows it."""
    if page.depth_unit:
        depth = c.indent // page.depth_unit  # 0: a comment on the article
        stack = state.stack
        if depth == 0 or (depth <= len(stack) and stack[depth - 1].depth == depth):
            return (len(stack) - depth if depth else -1), "indentation"
    if page.counts:
        for up, n in enumerate(reversed(state.stack)):
            if n.left:
                return up, "reply-count"
        return -1, "reply-count"
    return None


def advance(state: State, c: Comment, key: str | int, up: int, score: float, choice: Choice | None) -> State:
    """The state after comment ``c`` (planned as ``key``) answers the open comment ``up`` places
    below the top of the stack (-1: the article; -2 - j: the closed comment ``j`` of ``state.closed``, whose branch
    opens again). The comments taken off the branch stay candidates, the ``CLOSED`` most recently closed."""
    count = state.count + 1
    closed, old = state.closed, state.stack
    gone: tuple[tuple[Node, ...], ...] = ()
    if up < -1:  # a closed comment: its branch opens again, the open one closes
        state, up = replace(state, stack=_current(dict(reopenable(state))[up], old, closed)), 0
        kept = {n.key for n in state.stack}
        gone = tuple(old[: i + 1] for i in range(len(old) - 1, -1, -1) if old[i].key not in kept)
        closed = gone + tuple(b for b in closed if b[-1].key not in kept)
    elif CLOSED and up:  # the comments below the parent close (none when it answers the one before)
        gone = tuple(old[: i + 1] for i in range(len(old) - 1, len(old) - 1 - up if up > 0 else -1, -1))
        closed = gone + closed
    tops = state.tops
    if tops is not None and gone:
        tops = _ranked(tuple(b[-1] for b in gone if b[-1].depth == 1) + tops)
    if up < 0:
        stack: tuple[Node, ...] = ()
        parent, depth = None, 1
    else:
        at = len(state.stack) - 1 - up
        parent = state.stack[at]
        left = parent.left - 1 if parent.left else parent.left
        parent = Node(
            parent.key,
            parent.author,
            parent.words,
            parent.question,
            parent.index,
            parent.depth,
            parent.parent_author,
            parent.children + 1,
            left,
            parent.head,
            parent.answered,
        )
        stack, depth = state.stack[:at] + (parent,), parent.depth + 1
    node = Node(
        key,
        c.author,
        c.words,
        c.question,
        count,
        depth,
        parent.author if parent else None,
        0,
        c.replies or 0,
        c.head,
        c.answered,
    )
    return State(
        stack + (node,),
        count,
        state.on_article + (up < 0),
        score,
        (choice, state.choices) if choice else state.choices,
        closed[:CLOSED],
        tops,
    )


def _ranked(tops: tuple[Node, ...]) -> tuple[Node, ...]:
    """Closed top-level comments, the latest closed first, as a state keeps them: each once (its latest copy counts
    its replies), the most replies first, ``TOPS`` of them."""
    latest: dict[str | int, Node] = {}
    for n in tops:
        latest.setdefault(n.key, n)
    return tuple(sorted(latest.values(), key=lambda n: -n.children)[:TOPS])


def _current(
    branch: tuple[Node, ...], stack: tuple[Node, ...], closed: tuple[tuple[Node, ...], ...]
) -> tuple[Node, ...]:
    """A closed branch as it stands now: an ancestor it shares with the open branch (or another closed one) may have
    had replies since it closed, and its kept copy counts too few. A comment's replies only grow, so its copy with the
    most replies is its latest."""
    latest = {n.key: n for n in branch}
    for n in (m for b in (stack, *closed) for m in b):
        if n.key in latest and n.children > latest[n.key].children:
            latest[n.key] = n
    return tuple(latest[n.key] for n in branch)


def plan(
    comments: Sequence[Comment],
    start: State,
    page: Page,
    model: ReplyModel,
    beam: int = BEAM,
    keys: Sequence[int] | None = None,
    kind: str = "threaded",
) -> list[Choice]:
    """The likeliest structure of ``comments`` following ``start``: one choice each. A comment answering
    an earlier one of ``comments`` names it by its key (its place in ``comments`` unless ``keys`` are given)."""
    if kind in TOPS_KEPT and start.tops is None:
        start = replace(start, tops=())
    states = [start]
    index = {w: i for i, w in enumerate(FEATURES)}
    for k, c in enumerate(comments):
        grown: list[tuple[float, int, State, int, float, float, dict[str, float], str]] = []
        for s, state in enumerate(states):
            exact = _exact(c, state, page)
            ups, feats = candidates(c, state, page, next_writer(comments, k))
            if exact is not None and exact[0] in ups:
                i = ups.index(exact[0])
                grown.append((state.score, s, state, exact[0], 1.0, float(exact[0] < 0), feats[i], exact[1]))
                continue
            rows = [[(index[n], v) for n, v in f.items() if v] for f in feats]
            if kind not in model.weights:
                # a comment section: comments answer the article, the threaded model's probability of it kept
                # as evidence for the comment's confidence
                p_root = model.probabilities(rows)[0] if "threaded" in model.weights else 1.0
                grown.append((state.score, s, state, -1, 1.0, p_root, feats[0], ""))
                continue
            probs = model.probabilities(rows, kind)
            for up, p, f in zip(ups, probs, feats, strict=True):
                grown.append((state.score + math.log(max(p, 1e-12)), s, state, up, p, probs[0], f, ""))
        grown.sort(key=lambda g: -g[0])
        states = []
        for score, _, state, up, p, p_root, f, how in grown[:beam]:
            branch = dict(reopenable(state))[up] if up < -1 else state.stack
            target = None if up == -1 else branch[len(branch) - 1 - max(up, 0)].key
            states.append(advance(state, c, keys[k] if keys else k, up, score, Choice(target, p, p_root, f, how)))
        page.note(start.count + k + 1, c.author)
    out: list[Choice] = []
    chain = states[0].choices
    for _ in comments:
        out.append(chain[0])
        chain = chain[1]
    return out[::-1]


def start_page(
    shape: dict[str, float],
    root_words: frozenset[str],
    earlier: Iterable[tuple[int, str | None]],
    frequency: dict[str, int] | None = None,
    surveyed: int = 0,
    op: str | None = None,
) -> Page:
    """A page's fixed part, from its shape, the comments placed before the plan (number, writer), how
    many of the ``surveyed`` comments have each word, and the article's writer."""
    unseen = math.log(surveyed + 2.0)
    rarity = {w: math.log((surveyed + 2.0) / (n + 1.0)) for w, n in (frequency or {}).items()}
    page = Page(dict(shape), root_words, {}, [], rarity, unseen, op=op)
    for number, author in earlier:
        page.note(number, author)
    return page
