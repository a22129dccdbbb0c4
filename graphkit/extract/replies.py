"""Which post a comment answers, when the input does not say.

A page that shows its structure (comments indented by depth, reply counts) decides exactly. Then
explicit cues decide: the comment repeats an earlier comment's or the article's words (quote), or those of
an earlier post under its writer's name ("NAME:", a blank line, the words: named-quote), speaks to a
participant by name ("Brad I hope…", "@alice", "alice wrote:", "in reply to alice") → that
participant's latest comment, or thanks for a link → the last comment that gave one. Otherwise the
page as a whole decides: before its comments are placed, ``ThreadContext.survey`` reads them all
for writers who come back, A-B-A turns, earlier writers named, "you", comments starting in lower case,
and whether neighbours share more words than comments further apart; from that shape (all but "you":
what any language shows) the model's gate reads the page as a flat comment section (its comments answer
the article) or a threaded discussion flattened in reading order, whose comments are planned together
(``replies_page``): each answers the article or an open comment of the branch above it. The chosen
parent's confidence is its calibrated probability; its rule names the strongest cue for it, with
that cue's evidence span when it has one.
"""

from __future__ import annotations

import itertools
import math
import re
from collections import deque
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any

from .. import attribution
from . import replies_page as planning
from .authors import AuthorRef
from .quotes import QUOTE_MARKS, in_quotation_marks, normalise, quote_lines, unmarked_quote
from .reply_model import ANSWERS, FEATURES, POSTED, ReplyModel, model

__all__ = ["Reply", "ThreadContext", "infer_reply", "explicit_cue", "REASONS", "QUOTES_COMPARED"]

_THANKS_LINK = re.compile(
    r"\b(?:thanks?|thank\s+you|thx|cheers)\b[^.!?\n]{0,40}?\b(?:link|links|video|clip|article|source|url|post)\b", re.I
)
_WROTE = re.compile(r"\s+(?:wrote|said|says)\b\s*:")
_HANDLE = re.compile(r"(?<![\w.])@([\w.]*\w)")  # "@carlton", "@s.anand" (not a mail address's "@")
# "in reply to NAME": where such words end, the name they are followed by starts (``explicit_cue`` finds them once a
# comment: looked for before each name mentioned, a comment naming one writer thousands of times took time growing with
# its length squared)
_IN_REPLY = re.compile(r"\b(?:in\s+reply\s+to|replying\s+to|reply\s+to|re:)\s*@?", re.I)
_STOP = frozenset(
    "the and for are but not you your all any can had her was one our out has him his how its may new now "
    "see who did get got let say she too use that with have this will from they them then than what when "
    "were been more some just like about would there their which could should into also only very much "
    "even well really because think know people thing things don didn doesn isn wasn aren won".split()
)
# words of three letters or more in any script: a page in Italian or Russian shares words as one in English does
_WORD = re.compile(r"\b[^\W\d_]{3,}\b")
_NAME_WORD = re.compile(r"[^\W\d_]{3,}")  # a writer's name's words ("tweedle" of "Tweedle_DeeDum")
_HISTORY = 200
_QUOTED_LINE = re.compile(QUOTE_MARKS.pattern + r".*\n?", re.M)
_LINES_COMPARED = 3  # the first lines of a quoted block looked for one by one when the whole block is not found
# a forum's quote under its writer's name ("anonymous45:", a blank line, the words quoted): after the name alone on its
# line, a colon and a blank line; the quoted paragraph ends at the next blank line (lines may end in "\r\n")
_NAME_LINE_END = re.compile(r"[ \t]*:[ \t]*\r?\n[ \t]*\r?\n")
_PARAGRAPH_END = re.compile(r"\r?\n[ \t]*\r?\n")
_NAMED_CHARS = 400  # the first characters of a quote under a name looked for
_QUOTE_CHARS = 12  # a quote's normalised words are looked for when they are a dozen characters at least
# Quotes are looked for in the first ``_KEPT`` characters of each recent comment's words, and only a
# comment's first ``QUOTES_COMPARED`` quotations are looked for, so finding them costs the same for
# a post of any length (a wall of quoted lines, or a thread of long posts quoting each other).
_KEPT = 20_000
QUOTES_COMPARED = 100
_WRITERS = 10_000  # writers ``survey`` remembers (enough to tell who comes back on any page)
_SKIPPED = 50  # surveyed comments passed over when the one placed is further on (the rest were never placed)
_VOCABULARY = 20_000  # distinct words whose page frequency ``survey`` counts (rarer ones count as unseen)
_FAR = 6  # ``survey`` compares a comment with the one before and with the one this far back
_HEAD = 3  # lines at the top of a comment where a list archive's page shows the mail's subject and date
_HEAD_CHARS = 1_000  # … within its first characters
_FIRST_LINES = 10_000  # distinct first lines ``survey`` keeps to find repeats (a subject first seen after is not kept)
# a date with a time in any language: a year and an hour ("Tue, 13 Mar 2007 10:32:01 +0100", "2007-03-13 10:32")
_DATED = re.compile(r"\b(?:19|20)\d\d\b.*\b\d{1,2}:\d\d\b|\b\d{1,2}:\d\d\b.*\b(?:19|20)\d\d\b")
_REPLY_MARK = re.compile(r"^\w{1,4}:\s*")  # "Re: ", "AW: ", "SV: " before a subject
# what a forum's line giving a post's date says beside it ("Posted on 2019-03-04 10:15 by Jo", "by jo » Mon Mar 04,
# 2019 10:15 am"); a list archive's date line stands alone, its sender on the author line above
_POSTED = re.compile(r"\b(?:posted|by)\b", re.I)
# what a mail's own text shows of mail, with no header above it: lines its writer's software broke at a width
# ("hard-wrapped": most lines inside a paragraph 50 to 80 characters long), and a sign-off naming its writer
_WRAPPED = (50, 80)
_WRAP_CHARS = 3_000  # … looked for in a mail's first characters
_SIGN_OFF_CHARS = 300  # a sign-off stands in a mail's last characters
_SIGN_OFF_LINES = 4  # … on one of its last lines
_SIGN_OFF_WIDTH = 40  # … a short one
_INDEX = {name: i for i, name in enumerate(FEATURES)}
_CUE_RULES = {  # feature → rule name, for the rule that explains a choice
    "second_person_previous": "second-person",
    "second_person": "second-person",
    "turn_taking": "turn-taking",
    "mention": "mention",
    "best_overlap": "shared-words",
    "overlap": "shared-words",
    "question": "answer",
}
REASONS = {  # evidence for rules that have no span in the comment
    "turn-taking": "previous comment answered this author",
    "default": "no reply cue found",
    "previous": "comment follows the one it answers",
    "branch": "comment answers an earlier comment of the branch above it",
    "shared-words": "comment shares words with the one it answers",
    "answer": "comment answers a question",
    "indentation": "the page indents the comment under the one it answers",
    "reply-count": "the reply counts the page shows place the comment",
}


@dataclass
class Reply:
    target: str
    rule: str
    evidence: str
    start: int | None
    end: int | None
    confidence: float = 1.0
    p_root: float = 0.0  # probability that the comment answers the article (the page's prior learns from it)
    model: str | None = None  # the identity of the reply model that chose it (``ReplyModel.identity``); none if stated


@dataclass
class _Seen:
    id: str
    author: str | None
    has_link: bool
    text: str  # the comment's text until ``words`` are worked out ("" for a text longer than ``_KEPT``)
    replied_to_author: str | None
    question: bool = False
    parent: str | None = None
    index: int = 0
    children: int = 0
    depth: int = 1
    author_node: str | None = None  # the id of the Author who wrote it
    marks_taken: bool = False  # its reader took its marked quoted lines out (``unmarked_quote``)
    minute: int | None = None  # the minute of the hour of the date it shows above its text (a list archive's mail)
    created: str = ""  # when it was written (ISO 8601 UTC), where the input says
    _content: frozenset[str] | None = None
    _words: str | None = None
    _in_marks: tuple[str, ...] = ()  # the normalised words of each span its own text writes in quotation marks

    @property
    def words(self) -> str:
        """The first ``_KEPT`` characters of the comment's own normalised words (``own_words``), worked out
        when a quote is first looked for (most comments are never searched)."""
        if self._words is None:
            own = _own_text(self.text, self.marks_taken)
            self._words = normalise(own)[:_KEPT]
            self._in_marks = in_quotation_marks(own)
            self.text = ""
        return self._words

    def said(self, words: str) -> bool:
        """Whether the comment wrote ``words`` (normalised) itself: in its own words, not inside a span it writes in
        quotation marks (two comments copying one promotion both name a song in them: the later quotes not the
        earlier)."""
        return words in self.words and not any(words in span for span in self._in_marks)

    @property
    def content(self) -> frozenset[str]:
        """Content words, worked out when first compared (comments with a stated parent never are)."""
        if self._content is None:
            self._content = content_words(self.words)
        return self._content


def _kept(text: str, marks_taken: bool) -> tuple[str, str | None]:
    """A comment's text as ``_Seen`` keeps it, and its own words worked out now where it is too long to keep."""
    if len(text) <= _KEPT:
        return text, None
    return "", own_words(text, marks_taken)[:_KEPT]


def _written_after(seen: _Seen, created: str) -> bool:
    """Whether ``seen`` was written after a post written at ``created``, as far as both times tell: a post quotes
    only what was written before it, whatever order the input lists them in."""
    return bool(seen.created and created and seen.created > created)


@dataclass(eq=False)
class HeldQuote:
    """A quote of a post that the thread's comments read so far do not hold, kept while the quoting post stays
    among the recent comments: an input listing the newest first gives the quoted post later. ``looks`` are the
    normalised words looked for, in the order ``ThreadContext.quoted`` looks for them, each with the properties of
    the span of the quoting post that shows it."""

    post: str
    writer: str | None  # the quoting post's Author: words of their own earlier post quote no one
    created: str
    key: int
    looks: tuple[tuple[str, dict[str, Any]], ...]
    place: tuple[int, int] = (0, 0)  # its order among the held quotes: its quoting post's first hold, then its own
    words: tuple[str, ...] = ()  # a whole word of each look (``_whole_word``); none if a look has none
    # a stated parent not read when it was held (or only its stub, writer unknown), with the span of the whole quote:
    # if no post read while the quoting post stays among the recent comments holds the quote, it goes to that parent's
    # writer, as read in time order
    fallback: tuple[str, dict[str, Any]] | None = None
    # the post holding it best so far: a post read later may hold it better (written later, or holding more of it), so
    # it is decided as the quoting post leaves the recent comments or the posts end (``ThreadContext.release``): its
    # rank (``ThreadContext._rank``), id, Author and span
    best: tuple[tuple[int, bool, str], str, str | None, dict[str, Any]] | None = None
    # the id of the QUOTES edge an earlier load stored for it, its target ``best``: decided so again, it is not written
    # again; decided otherwise (a post this load brings holds it better), its edge replaces that one
    kept: str = ""


def _whole_word(words: str) -> str:
    """The longest of the words between the first and the last of a quote's normalised words ("" if it has fewer
    than three): a post holding the quote holds it as a whole word, where the first and the last may be the end and
    the beginning of longer ones. The longest, as the one fewest posts hold, indexes the quote."""
    inner = words.split(" ")[1:-1]
    return max(inner, key=len) if inner else ""


def own_words(text: str, marks_taken: bool = False) -> str:
    """A comment's normalised words without the lines it quotes ("> …", a quoted mail without marks under its
    header: ``unmarked_quote``, read as the extractor reads the comment's quotes): a quote is looked for in what
    each earlier comment said itself, so a sibling that quoted the same lines is not taken for their writer."""
    return normalise(_own_text(text, marks_taken))


def _own_text(text: str, marks_taken: bool) -> str:
    """A comment's text without the lines it quotes, as ``own_words`` reads it."""
    if ":" in text and (unmarked := unmarked_quote(text, marks_taken)):
        text = text[: unmarked[0]]
    return _QUOTED_LINE.sub("", text) if ">" in text else text


def _unmarked(text: str, start: int, end: int) -> str:
    """A block of quoted lines without the marks of its lines after the first (supercite's initials are words)."""
    return " ".join(text[a:b] for a, b in quote_lines(text, start, end))


def _quote_depth(text: str, start: int) -> int:
    """How many ">" mark the line of a quote that starts at ``start``: 1 for "> …", 2 for "> > …" or ">> …"
    (lines the quoted comment quoted itself), 0 for words quoted inside a line."""
    line = text.rfind("\n", 0, start) + 1
    marks = QUOTE_MARKS.match(text, line)
    return marks.group().count(">") if marks else 0


def content_words(words: str) -> frozenset[str]:
    """The words of a text that carry content (for shared-word cues), each without a plural or verb ending;
    the same for a text and its ``normalise``d form, so raw texts need not be normalised first."""
    return frozenset(map(_stem, [w for w in _WORD.findall(words.lower()) if w not in _STOP]))


def _names_writer(line: str, author: str | None) -> bool:
    """Whether a comment's date line names who wrote it, as a forum shows a post's date (``_POSTED``); a mail's
    attribution line naming its own writer ("Am DATE schrieb NAME:", quoting an earlier mail of theirs) does not."""
    if planning.attribution_line(line):
        return False
    if _POSTED.search(line):
        return True
    return bool(author) and re.search(rf"(?<!\w){re.escape(author)}(?!\w)", line, re.I) is not None


def hard_wrapped(text: str) -> bool:
    """Whether a comment's lines are broken at a width, as mail software sends a mail (two lines or more inside its
    paragraphs, and most of them, ``_WRAPPED`` long; quoted lines left out): a list's mails shown without their
    headers still show it, a forum's or Reddit's comments, whose paragraphs are one line each, almost never."""
    if "\n" not in text:
        return False
    lines = text[:_WRAP_CHARS].split("\n")
    low, high = _WRAPPED
    inside = wide = 0
    for line, after in zip(lines, lines[1:], strict=False):
        if line.strip() and after.strip() and not line.lstrip().startswith(">"):
            inside += 1
            wide += low <= len(line.rstrip()) <= high
    return wide >= 2 and 2 * wide >= inside


def signed_off(text: str, author: str | None) -> bool:
    """Whether one of a comment's last short lines holds a word of its writer's name, or the first four letters or
    more of one ("Regards, Konsti" of Konstantin Kletschke, "Ben." of Ben Hutchings): mail is signed off so, a forum's
    or Reddit's comments seldom. Lighter than ``authors.sign_offs``, which needs the lists of given names."""
    if not author:
        return False
    names = _NAME_WORD.findall(author.lower())
    if not names:
        return False
    lines = [line for line in text[-_SIGN_OFF_CHARS:].split("\n") if line.strip()][-_SIGN_OFF_LINES:]
    for line in lines:
        if len(line.strip()) > _SIGN_OFF_WIDTH:
            continue
        if any(_same_name(word, name) for word in _NAME_WORD.findall(line.lower()) for name in names):
            return True
    return False


def _same_name(word: str, name: str) -> bool:
    """A word of a sign-off and one of a writer's name are the same name: equal, or one the other's beginning of
    four letters or more ("konsti", "konstantin")."""
    return word == name or min(len(word), len(name)) >= 4 and (name.startswith(word) or word.startswith(name))


@lru_cache(maxsize=1 << 14)  # a page's words come again and again: a lookup costs less than the call
def _stem(word: str) -> str:
    """A word without its "-ing", "-ed", "-es" or "-s" when four letters or more stay: a reply that says
    "belts" or "fighting" shares a word with the comment that said "belt" or "fights" ("fight")."""
    if word[-1:] not in "sgd":  # most words: no ending below
        return word
    for end in ("ing", "ed", "es", "s"):
        if word.endswith(end) and len(word) - len(end) >= 4:
            return word[: -len(end)]
    return word


@dataclass
class ThreadContext:
    """The recent comments of one thread, in order (bounded, so long streams stay small), the branch the
    latest comment sits on, and how many comments answered the article so far."""

    root: str
    recent: deque[_Seen] = field(default_factory=lambda: deque(maxlen=_HISTORY))
    root_words: frozenset[str] = frozenset()
    article: _Seen | None = None  # the article, whose words a quote may repeat too
    count: int = 0
    root_mass: float = 0.0
    by_id: dict[str, _Seen] = field(default_factory=dict)  # the recent comments by id
    latest: dict[str, _Seen] = field(default_factory=dict)  # each author's latest recent comment
    branch: list[str] = field(default_factory=list)  # ids from the top-level comment down to the latest
    _on_branch: dict[str, int] = field(default_factory=dict)  # each id's first place on ``branch``
    page: dict[str, float] = field(default_factory=dict)  # the page's shape, from ``survey`` (article features)
    shown: dict[str, float] = field(default_factory=dict)  # what its comments show above their text (``survey``)
    _heads: dict[str, int] = field(default_factory=dict)  # comments by their first line, "Re: " left out
    _dated: int = 0  # comments showing a date with a time in their first lines
    _posted: int = 0  # … of which the date line names its writer, as a forum's does (``_POSTED``)
    _repeated: int = 0  # comments whose first line another comment's repeats (a subject)
    _wrapped: int = 0  # comments whose lines are hard-wrapped, as mail software sends them (``hard_wrapped``)
    _signed: int = 0  # comments whose last lines sign off with their writer's name (``signed_off``)
    _answers: int = 0  # comments ending in a question-and-answer site's "answered …" line (``Comment.answered``)
    # comments, back, turns, near, far, "you", named, lower case
    _survey: list[float] = field(default_factory=lambda: [0.0] * 8)
    _writers: dict[str, int] = field(default_factory=dict)  # the writers so far, each with their comments
    _first_words: dict[str, set[str]] = field(default_factory=dict)  # the writers so far by their name's first word
    _before: deque[tuple[str | None, frozenset[str]]] = field(default_factory=lambda: deque(maxlen=_FAR))
    _words: dict[str, frozenset[str]] = field(default_factory=dict)  # content words of surveyed comments
    _pending: deque[tuple[int, planning.Comment]] = field(default_factory=deque)  # surveyed, not yet placed
    _serial: int = 0  # comments surveyed so far
    _frequency: dict[str, int] = field(default_factory=dict)  # how many surveyed comments have each word
    _plan: dict[int, planning.Choice] = field(default_factory=dict)  # the planned choice of each surveyed comment
    _placed: dict[int, str] = field(default_factory=dict)  # the post id of each placed planned comment
    _kind: str = "threaded"  # the page's kind (``ReplyModel.kind``) when its comments were last placed
    _kind_by: ReplyModel | None = None  # the model that read ``_kind`` off the page's shape as it stands, if one did
    _held: dict[str, list[HeldQuote]] = field(default_factory=dict)  # quotes of posts not yet read, by quoting post
    _held_until: str = ""  # no held quote is of a post written at or after this (a stream in time order skips them)
    _holds: int = 0  # quotes held so far (their ``place``)
    # the held quotes by a whole word of each of their looks (``HeldQuote.words``), each by its place, so a post read
    # is looked for only in those whose words it holds; those with a look of fewer words are looked for in every post
    _by_word: dict[str, dict[tuple[int, int], HeldQuote]] = field(default_factory=dict)
    _everywhere: dict[tuple[int, int], HeldQuote] = field(default_factory=dict)
    # quotes not looked for of posts answering a stated parent not read yet, by that parent (``for_writer``):
    # given to the parent's writer when it comes; the parent each quoting post waits on
    _for_writer: dict[str, list[HeldQuote]] = field(default_factory=dict)
    _waiting_on: dict[str, str] = field(default_factory=dict)
    # the recent comments recalled stored without ``quotes_stated`` (a graphkit before the property stored them),
    # whose quotes it holds until the load tells whether they state them (``give_up``)
    unsure: set[str] = field(default_factory=set)

    def words(self, text: str) -> frozenset[str]:
        """The content words of a comment (worked out once when it was surveyed)."""
        words = self._words.get(text)
        return content_words(text[:_KEPT]) if words is None else words

    def survey(self, text: str, author: str | None) -> None:
        """Count what a comment not yet placed says about the page's shape; every comment of a page is
        surveyed before the first is placed, so the prior covers the whole page. In a threaded
        discussion read in order, a comment shares more words with the one before it than with one
        further back; on a flat page, no more. Writers come back and take turns (A, B, A)."""
        counts, before = self._survey, self._before
        self._kind_by = None  # the page's shape changes below
        words = self._words[text] = content_words(text[:_KEPT])
        shown = planning.comment(text, author, words)
        self._pending.append((self._serial, shown))
        if len(self._frequency) < _VOCABULARY:
            for w in words:
                self._frequency[w] = self._frequency.get(w, 0) + 1
        self._serial += 1
        counts[0] += 1
        counts[5] += shown.you is not None
        counts[7] += shown.lowercase
        firsts = self._first_words
        kept = text[:_KEPT]
        named = words if (cut := planning.unattributed(kept)) == kept else content_words(cut)
        counts[6] += any(w in firsts and firsts[w] != {author} for w in named)
        if author:
            counts[1] += author in self._writers
            counts[2] += len(before) > 1 and author == before[-2][0] != before[-1][0]
            if author in self._writers or len(self._writers) < _WRITERS:
                self._writers[author] = self._writers.get(author, 0) + 1
                if first := _NAME_WORD.findall(author.lower()):
                    firsts.setdefault(_stem(first[0]), set()).add(author)
        if len(before) == _FAR:
            counts[3] += planning.jaccard(words, before[-1][1])
            counts[4] += planning.jaccard(words, before[0][1])
        before.append((author, words))
        n = counts[0] + 2.0  # shares smoothed towards a half, centred on zero
        pairs = max(1.0, counts[0] - _FAR)
        coherence = math.log((counts[3] / pairs + 0.01) / (counts[4] / pairs + 0.01)) * pairs / (pairs + 10)
        lines = (line.strip() for line in text[:_HEAD_CHARS].split("\n", _HEAD * 4))
        head = list(itertools.islice((line for line in lines if line), _HEAD))
        dated = next((line for line in head if ":" in line and _DATED.search(line)), None)  # a time holds its colon
        self._dated += dated is not None
        self._posted += dated is not None and _names_writer(dated, author)
        if head:
            first = _REPLY_MARK.sub("", head[0].lower(), count=1)
            if first in self._heads or len(self._heads) < _FIRST_LINES:
                seen = self._heads[first] = self._heads.get(first, 0) + 1
                self._repeated += 2 if seen == 2 else seen > 2
        self._wrapped += hard_wrapped(text)
        self._signed += signed_off(text, author)
        self._answers += shown.answered
        self.shown = {
            "page_dated": (self._dated + 1) / n - 0.5,
            "page_repeated": (self._repeated + 1) / n - 0.5,
            # smoothed towards none, not a half: a page of two comments tells nothing of mail by its size alone
            "page_wrapped": self._wrapped / (counts[0] + 1),
            "page_signed": self._signed / (counts[0] + 1),
            POSTED: self._posted / self._dated if self._dated else 0.0,
            ANSWERS: float(self._answers),
        }
        self.page = {
            "article_page_back": (counts[1] + 1) / n - 0.5,
            "article_page_turns": (counts[2] + 1) / n - 0.5,
            "article_page_coherence": coherence,
            "article_page_you": (counts[5] + 1) / n - 0.5,
            "article_page_named": (counts[6] + 1) / n - 0.5,
            "article_page_lowercase": (counts[7] + 1) / n - 0.5,
        }

    def by_article_writer(self, author: str | None) -> tuple[bool, float]:
        """Whether the article's writer wrote this comment, and the share of the page's surveyed comments they
        wrote (False and 0 when the page does not name its writer): a writer answering the comments on their own
        page makes its replies easier to place."""
        writer = self.article.author if self.article else None
        if not writer:
            return False, 0.0
        return author == writer, self._writers.get(writer, 0) / max(1.0, self._survey[0])

    def add(
        self,
        post_id: str,
        author: str | None,
        text: str,
        has_link: bool,
        replied_to: str | None,
        p_root: float | None = None,
        author_node: str | None = None,
        marks_taken: bool = False,
        created: str = "",
    ) -> list[tuple[HeldQuote, str, dict[str, Any]]]:
        """Remember a post; ``p_root`` is the probability it answers the article (1 or 0 when stated),
        ``author_node`` the id of its Author (a guest's is not the id of the account of that name), ``marks_taken``
        whether its reader took its marked quoted lines out, ``created`` when it was written. Returns the held
        quotes decided as it is read (``hold``), each with its target's id and the span that shows it."""
        if post_id == self.root:
            self.root_words = content_words(normalise(text))
            self.article = _Seen(
                post_id, author, has_link, text[:_KEPT], None, author_node=author_node, created=created
            )
            self._found(self.article, lambda words: words in self.article.words)
            return []
        shown = None  # what it shows, as surveyed
        if self._pending and self._pending[0][1].text == text:
            serial, shown = self._pending.popleft()
            self._placed[serial] = post_id
            self._plan.pop(serial, None)
        parent = self.by_id.get(replied_to) if replied_to else None
        if parent:
            parent.children += 1
        self.count += 1
        self.root_mass += (replied_to == self.root) if p_root is None else p_root
        branch, where = self.branch, self._on_branch
        at = where.get(replied_to) if replied_to is not None else None
        if at is not None:  # cut below the parent, as far as its first place on the branch
            for pid in branch[at + 1 :]:
                if where.get(pid, -1) > at:
                    del where[pid]
            del branch[at + 1 :]
            where.setdefault(post_id, len(branch))
            branch.append(post_id)
        else:  # the parent's own branch, as far as the recent comments reach
            chain, up = [post_id], parent
            while up is not None and len(chain) < _HISTORY:
                chain.append(up.id)
                up = self.by_id.get(up.parent) if up.parent else None
            self.branch = chain[::-1]
            self._on_branch = {}
            for i, pid in enumerate(self.branch):
                self._on_branch.setdefault(pid, i)
        gone = None
        if len(self.recent) == self.recent.maxlen:
            gone = self.recent.popleft()
            if self.by_id.get(gone.id) is gone:
                del self.by_id[gone.id]
            if gone.author and self.latest.get(gone.author) is gone:
                del self.latest[gone.author]
            self.unsure.discard(gone.id)  # its quotes are decided now
            if (waited := self._waiting_on.pop(gone.id, None)) is not None:
                left = [quote for quote in self._for_writer[waited] if quote.post != gone.id]
                if left:
                    self._for_writer[waited] = left
                else:
                    del self._for_writer[waited]
        kept, words = _kept(text, marks_taken)
        seen = _Seen(
            post_id,
            author,
            has_link,
            kept,
            parent.author if parent else None,
            "?" in text,
            replied_to,
            self.count,
            depth=parent.depth + 1 if parent else 1,
            author_node=author_node,
            marks_taken=marks_taken,
            minute=head.minute if (head := shown.head if shown else planning.mail_head(text)) else None,
            created=created,
            _content=self._words.pop(text, None),
            _words=words,
        )
        self.recent.append(seen)
        self.by_id[post_id] = seen
        if author:
            self.latest[author] = seen
        self._found(seen, seen.said)
        found: list[tuple[HeldQuote, str, dict[str, Any]]] = []
        # the quotes of the post gone are looked for in this one too: read in time order, a quote is looked for as
        # far back as the recent comments reach, and this one would be the farthest of them; then they expire
        for quote in self._held.pop(gone.id, ()) if gone else ():
            self._unindex(quote)
            found.extend(self._decided(quote))
        if not self._held:
            self._held_until = ""
        for quote in self._for_writer.pop(post_id, ()):
            self._waiting_on.pop(quote.post, None)  # each of its quotes waits on its parent
            if author_node and author_node != quote.writer:
                found.append((quote, author_node, quote.looks[0][1]))
        return found

    def hold(
        self,
        post: str,
        writer: str | None,
        created: str,
        text: str,
        start: int,
        end: int,
        span: Callable[[int, int], dict[str, Any]],
        found: tuple[_Seen, int, int] | None = None,
        kept: str = "",
    ) -> HeldQuote | None:
        """Keep a quote of ``text`` (a block of quoted lines) for the earlier posts read after it (``add``): one no
        comment read so far holds, or one ``found`` (``quoted``), as a post read later, written before the quoting post,
        may hold it better; ``kept`` is the id of the edge an earlier load stored for it (``HeldQuote.kept``).
        ``span(start, end)`` gives the properties of a span of ``text``. Only a dated post's: without times, reading
        order is the only order known. Returns the quote kept, if it is."""
        if not created:
            return None
        spans = [(b, e, words) for b, e, words in _looks(text, start, end) if len(words) >= _QUOTE_CHARS]
        looks = tuple((words, span(b, e)) for b, e, words in spans)
        if not looks:
            return None
        self._holds += 1
        quotes = self._held.setdefault(post, [])
        words = tuple(dict.fromkeys(_whole_word(w) for w, _ in looks))
        place = (quotes[0].place[0] if quotes else self._holds, self._holds)
        quote = HeldQuote(post, writer, created, start, looks, place, () if "" in words else words, kept=kept)
        if found is not None:
            seen, at = found[0], next(i for i, (b, e, _) in enumerate(spans) if (b, e) == found[1:])
            quote.best = (self._rank(seen, at), seen.id, seen.author_node, looks[at][1])
        quotes.append(quote)
        for word in quote.words:
            self._by_word.setdefault(word, {})[place] = quote
        if not quote.words:
            self._everywhere[place] = quote
        self._held_until = max(self._held_until, created)
        return quote

    def give_up(self, post: str) -> None:
        """Drop the quotes held for ``post`` undecided, a recent comment recalled without ``quotes_stated``
        (``unsure``) that the load learnt states what it quotes (``Extractor.stated``): one load looks for none in it.
        Those of a comment recalled with the property stay held, as the store keeps the property it holds."""
        if post in self.unsure:
            self.unsure.discard(post)
            for quote in self._held.pop(post, ()):
                self._unindex(quote)

    def for_writer(self, parent: str, quote: HeldQuote) -> None:
        """Give ``quote`` (``looks``: its span alone), not looked for in the posts read after it (``hold``), to
        the writer of ``parent``, a post the quoting post states it answers, when it comes (``add``): as the quote
        goes, the parent read first. While the quoting post stays among the recent comments."""
        self._for_writer.setdefault(parent, []).append(quote)
        self._waiting_on[quote.post] = parent

    def offer(self, seen: _Seen) -> None:
        """Look for the held quotes in ``seen``, a post of another thread read now, as if read here: the post this
        thread's stub root stands for (``Extractor._post``), which the replies read before it, their thread unknown,
        may quote."""
        self._found(seen, seen.said)

    def offer_text(self, post_id: str, text: str, created: str, author_node: str | None) -> None:
        """``offer`` of a post known by its text alone, as a graph's tables hold it: a cluster combining its parts'
        tables settles this thread's stub root, which one part read, into that post, which another part read
        (``cluster``). Its reader took no marked lines out: no reader of a platform of stub roots does
        (``schema.stub_root``)."""
        kept, words = _kept(text, False)
        self.offer(_Seen(post_id, None, False, kept, None, author_node=author_node, created=created, _words=words))

    @property
    def holding(self) -> bool:
        """Whether quotes are held undecided (``hold``): a post read later may still hold them."""
        return bool(self._held)

    def writer_quote(self, quote: HeldQuote, author: str, span: dict[str, Any]) -> None:
        """Give ``quote``, held by no post read so far, to ``author`` (the writer of the quoting post's parent, read
        before it) unless a post read while it is held holds it (``_found``), as read in time order it would."""
        quote.best = ((-len(quote.looks), False, ""), author, author, span)

    def release(self) -> list[tuple[HeldQuote, str, dict[str, Any]]]:
        """The held quotes decided as the posts end (the stream's end, or the thread's context forgotten): no later
        post read can hold them, as none can once the quoting post leaves the window. Those held by a post read go
        to it (``HeldQuote.best``); those with a fallback (``HeldQuote.fallback``) to the writers of their stated
        parents, and stay held for a post a later load brings, as a quote given to the writer of the parent read
        first does."""
        found = []
        for post, quotes in list(self._held.items()):
            for quote in quotes:
                found += self._decided(quote)
                quote.fallback = None
                if quote.best is not None:
                    self._unindex(quote)
            if left := [quote for quote in quotes if quote.best is None]:
                self._held[post] = left
            else:
                del self._held[post]
        return found

    def _rank(self, seen: _Seen, at: int) -> tuple[int, bool, str]:
        """How well ``seen`` holds a held quote by its ``at``-th look, as ``quoted`` chooses in time order: the
        earliest look held first, then a comment before the article, then the latest written."""
        return -at, seen is not self.article, seen.created

    def _decided(self, quote: HeldQuote) -> list[tuple[HeldQuote, str, dict[str, Any]]]:
        """A held quote decided: to the post holding it best (none where the quoting post's writer wrote that post:
        one an earlier load stored, ``HeldQuote.kept``, goes with no target, so that its edge is deleted), else to the
        writer of its stated parent (``_to_writer``)."""
        if quote.best is None:
            return self._to_writer(quote)
        _, target, author, span = quote.best
        if quote.writer is not None and author == quote.writer:
            return [(quote, "", span)] if quote.kept else []
        return [(quote, target, span)]

    def _to_writer(self, quote: HeldQuote) -> list[tuple[HeldQuote, str, dict[str, Any]]]:
        """A held quote no post held, given to the writer of its stated parent (``HeldQuote.fallback``) if that
        parent was read by now and the quoting post's writer did not write it: none, or the quote with its target."""
        if quote.fallback is None:
            return []
        parent, span = quote.fallback
        seen = self.by_id.get(parent)
        author = seen.author_node if seen else None
        return [(quote, author, span)] if author and author != quote.writer else []

    def _unindex(self, quote: HeldQuote) -> None:
        """Take a held quote out of the index of held quotes by their words."""
        for word in quote.words:
            held = self._by_word[word]
            del held[quote.place]
            if not held:
                del self._by_word[word]
        if not quote.words:
            del self._everywhere[quote.place]

    def _may_hold(self, words: str) -> list[HeldQuote]:
        """The held quotes a post of these normalised words may hold, in the order they were held: those holding a
        word of it as a whole word (``HeldQuote.words``), and those looked for in every post."""
        by_word = self._by_word
        own = set(words.split(" "))
        shared = [w for w in own if w in by_word] if len(own) <= len(by_word) else [w for w in by_word if w in own]
        may = dict(self._everywhere)
        for word in shared:
            may.update(by_word[word])
        return [may[place] for place in sorted(may)]

    def _found(self, seen: _Seen, said: Callable[[str], bool]) -> None:
        """Take ``seen``, written before the held quotes it holds (``said`` tells which words it holds), as the post
        holding each where it holds it better than the one held so far (``HeldQuote.best``): each is decided once
        its quoting post leaves the recent comments, or the posts end. Only the quotes it may hold (``_may_hold``)
        are looked for."""
        if not seen.created or seen.created >= self._held_until or not self._held:
            return
        for quote in self._may_hold(seen.words):
            if quote.created <= seen.created:
                continue
            at = next((i for i, (words, _) in enumerate(quote.looks) if said(words)), None)
            if at is None:
                continue
            rank = self._rank(seen, at)
            if quote.best is None or rank > quote.best[0]:
                quote.best = (rank, seen.id, seen.author_node, quote.looks[at][1])

    def choice(self, text: str, author: str | None, m: ReplyModel) -> planning.Choice:
        """The planned choice for this comment: the whole surveyed page is planned together when its first
        comment is placed, by the model of the page's kind; a comment that was not surveyed is planned
        alone. The target is a post id (None: the article)."""
        if self._kind_by is not m:  # read once a surveyed page, not once a comment placed
            self._kind, self._kind_by = m.kind(self.page | self.shown), m
        pending = self._pending
        if pending and pending[0][1].text != text:  # comments surveyed but never placed (their extraction failed)
            skipped = next((i for i, (_, c) in enumerate(itertools.islice(pending, _SKIPPED)) if c.text == text), 0)
            for _ in range(skipped):
                pending.popleft()
        head = pending[0] if pending else None
        if head is None or head[1].text != text:
            one = planning.comment(text, author, self.words(text))
            return planning.plan([one], self._state(), self._start_page([one]), m, 1, kind=self._kind)[0]
        if head[0] not in self._plan:
            comments = [c for _, c in self._pending]
            serials = [serial for serial, _ in self._pending]
            page = self._start_page(comments)
            self._plan = dict(
                zip(
                    serials, planning.plan(comments, self._state(), page, m, keys=serials, kind=self._kind), strict=True
                )
            )
        c = self._plan[head[0]]
        if isinstance(c.target, int):  # a planned comment: its post id (None, the article, if it was never placed)
            return planning.Choice(self._placed.get(c.target), c.probability, c.p_root, c.features, c.exact)
        return c

    @property
    def kind(self) -> str:
        """The page's kind as its shape reads: "flat" (a comment section), "threaded" (a discussion), "mail" (a
        list's thread: each mail's subject and date above its text, or mails hard-wrapped and signed off) or "qa" (a
        question-and-answer site's page, its answers ending in the site's "answered …" line)."""
        return self._kind

    def _state(self) -> planning.State:
        """The branch placed so far, as the plan's starting state."""
        stack = []
        for pid in self.branch[-_HISTORY:]:
            s = self.by_id.get(pid)
            if s is not None:
                stack.append(
                    planning.Node(
                        s.id, s.author, s.content, s.question, s.index, s.depth, s.replied_to_author, s.children
                    )
                )
        return planning.State(tuple(stack), self.count, self.root_mass)

    def _start_page(self, comments: list[planning.Comment]) -> planning.Page:
        page = planning.start_page(
            self.page,
            self.root_words,
            ((s.index, s.author) for s in self.recent),
            self._frequency,
            self._serial,
            self.article.author if self.article else None,
        )
        page.depth_unit, page.counts = planning.shown_structure(comments)
        return page

    def previous_other(self, author: str | None) -> _Seen | None:
        """The last comment by someone else (anonymous writers count as different people)."""
        return next((s for s in reversed(self.recent) if author is None or s.author != author), None)

    def latest_by(self, author: str, minutes: frozenset[int] = frozenset()) -> _Seen | None:
        """The writer's latest recent comment; with the ``minutes`` of the times a mail's attribution line gives, their
        latest that shows one of them (None if none does: the line names a mail the page does not show)."""
        if not minutes:
            return self.latest.get(author)
        return next((s for s in reversed(self.recent) if s.author == author and s.minute in minutes), None)

    def containing(self, words: str, created: str = "", quoting: str = "") -> _Seen | None:
        """The latest recent comment that said the quoted words (normalised, a dozen characters at least) itself,
        else the article; neither written after a post written at ``created``, nor the post ``quoting`` (a stored
        comment, recalled among the recent comments before its quotes are held). Given ``created``, the latest is the
        latest written, whatever order they were read in: held quotes go to it too (``_found``); of those written at
        one time, the latest read, as held quotes go to the first read of them (reading order is all that tells)."""
        if len(words) < _QUOTE_CHARS:
            return None
        seen = None
        for s in reversed(self.recent):
            # the time first: in a listing newest first, the recent comments were all written after the quote
            if _written_after(s, created) or (seen is not None and not (created and s.created > seen.created)):
                continue
            if s.id == quoting:
                continue
            if s.said(words):
                seen = s
                if not created:
                    break
        article = self.article
        if seen is None and article and words in article.words and not _written_after(article, created):
            return article
        return seen

    def held_by(self, post: str, text: str, start: int, end: int) -> tuple[_Seen, int, int] | None:
        """``post``, if it is among the recent comments or is the article, with the first span of a quote of ``text``
        (``quoted``) that it said: where an earlier load gave it the quote."""
        seen = self.article if post == self.root else self.by_id.get(post)
        if seen is None:
            return None
        said = (lambda words: words in seen.words) if seen is self.article else seen.said
        return next(
            ((seen, b, e) for b, e, words in _looks(text, start, end) if len(words) >= _QUOTE_CHARS and said(words)),
            None,
        )

    def quoted(
        self, text: str, start: int, end: int, created: str = "", quoting: str = ""
    ) -> tuple[_Seen, int, int] | None:
        """The comment a quote of ``text`` (a block of quoted lines) repeats, with the span that shows it: the whole
        block when that comment said it all, else its first line that an earlier comment said (a block may
        quote a mail's signature or footer lines, or a reply's own edit); none written after ``created``, nor the post
        ``quoting`` (``containing``)."""
        return next(
            (
                (seen, b, e)
                for b, e, words in _looks(text, start, end)
                if (seen := self.containing(words, created, quoting))
            ),
            None,
        )

    def named_quote(self, text: str, refs: list[AuthorRef]) -> tuple[_Seen, int, int] | None:
        """The post a quote under its writer's name repeats, as a forum shows one (an earlier writer's name alone on
        its line and a colon, a blank line, the words quoted), with the span from the name to the words looked for:
        the named writer's latest recent comment whose own words hold the paragraph under the name (its first
        ``_NAMED_CHARS`` characters; with the next paragraph where it is under a dozen characters, a quote of a
        quote under its own name), else the article when they wrote it and it holds them. The writer's latest comment,
        which the address cue takes, is often not the one quoted: a reply quotes a writer's earlier post as well."""
        lines = 0
        for ref in refs:
            if lines >= QUOTES_COMPARED:
                break
            colon = _NAME_LINE_END.match(text, ref.end)  # most names end no line: the line's start is not looked for
            if colon is None or text[text.rfind("\n", 0, ref.start) + 1 : ref.start].strip():
                continue
            lines += 1
            start = end = colon.end()
            for _ in range(2):  # the paragraph under the name, and the next one where it is short
                gap = _PARAGRAPH_END.search(text, end)
                end = gap.start() if gap else len(text)
                words = normalise(text[start : min(end, start + _NAMED_CHARS)])
                if len(words) >= _QUOTE_CHARS or not gap:
                    break
                end = gap.end()
            end = min(end, start + _NAMED_CHARS)
            if len(words) < _QUOTE_CHARS:
                continue
            seen = next((s for s in reversed(self.recent) if _wrote(s, ref) and words in s.words), None)
            article = self.article
            if seen is None and article and _wrote(article, ref) and words in article.words:
                seen = article
            if seen:
                return seen, ref.start, end
        return None


def _looks(text: str, start: int, end: int) -> Iterator[tuple[int, int, str]]:
    """The spans of a quote of ``text`` (a block of quoted lines) to look for in earlier comments, in order, with their
    normalised words: the whole block, then its first lines one by one."""
    block = text[start:end]
    yield start, end, normalise(block if "\n" not in block else _unmarked(text, start, end))
    lines = quote_lines(text, start, end)
    for begin, stop in lines[:_LINES_COMPARED] if len(lines) > 1 else ():
        yield begin, stop, normalise(text[begin:stop])


def _wrote(seen: _Seen, ref: AuthorRef) -> bool:
    """Whether the participant ``ref`` names wrote ``seen``: the same Author where both are known (a handle, "carlton",
    names the Author shown as "Carlton D'Silva"), else the same name."""
    if seen.author_node and ref.author:
        return seen.author_node == ref.author
    return seen.author == ref.name


def _attributes(text: str, ref: AuthorRef, attributed: list[tuple[int, int, str]]) -> bool:
    """Whether one of the comment's attribution lines (``attribution.attributions``) gives the participant ``ref``
    names as the quoted writer: "On DATE, NAME <ADDRESS> wrote:", "Am DATE schrieb NAME:", "DATE NAME <ADDRESS>:"."""
    if not attributed:
        return False
    named = re.compile(rf"(?<!\w){re.escape(text[ref.start : ref.end].lstrip('@'))}(?!\w)", re.I)
    return any(start <= ref.start and ref.end <= end and named.search(name) for start, end, name in attributed)


def explicit_cue(
    text: str, author: str | None, refs: list[AuthorRef], ctx: ThreadContext, quotes: list[tuple[int, int]]
) -> Reply | None:
    """A quote of an earlier comment, a quote under its writer's name ("NAME:", a blank line, the words: the comment of
    theirs that said them, ``ThreadContext.named_quote``), a participant spoken to by name, "NAME wrote:" (an
    attribution line in any form naming them: ``_attributes``) or "in reply to NAME", thanks for a link: these decide.
    Lines the quoted comment quoted itself ("> > …") name an older comment, so they are looked for last. A comment
    calling on several handles ("@carlton @Jivraj kindly help") asks all of them, most often on the article itself:
    naming them weighs in the model's choice (``mention``) and decides nothing."""
    for start, end in sorted(quotes[:QUOTES_COMPARED], key=lambda q: _quote_depth(text, q[0]) > 1):
        if found := ctx.quoted(text, start, end):
            seen, start, end = found
            return Reply(seen.id, "quote", text[start:end], start, end)
    if refs and (found := ctx.named_quote(text, refs)):
        seen, start, end = found
        return Reply(seen.id, "named-quote", text[start:end], start, end)
    head = planning.mail_head(text) if refs else None
    # "@carlton @Jivraj please help": a call on several, no answer (looked for where a participant is named)
    spoken = not refs or "@" not in text or len(set(_HANDLE.findall(text))) < 2
    attributed = list(attribution.attributions(text)) if refs else []
    replying = {m.end() for m in _IN_REPLY.finditer(text)} if refs else set()
    for ref in refs:
        wrote = _WROTE.match(text, ref.end) or _attributes(text, ref, attributed)
        named = (ref.addressed and spoken) or wrote or ref.start in replying
        minutes = head.attributed_minutes if head and wrote else frozenset()
        if named and (seen := ctx.latest_by(ref.name, minutes)):
            return Reply(seen.id, "address", text[ref.start : ref.end], ref.start, ref.end)
    if m := _THANKS_LINK.search(text):
        seen = next((s for s in reversed(ctx.recent) if s.has_link and (author is None or s.author != author)), None)
        if seen:
            return Reply(seen.id, "thanks-link", m.group(), m.start(), m.end())
    return None


def infer_reply(
    text: str,
    author: str | None,
    ctx: ThreadContext,
    refs: list[AuthorRef],
    quotes: list[tuple[int, int]],
    reply_model: ReplyModel | None = None,
) -> Reply:
    """The most probable target of a comment with no stated parent, with its probability and the model that chose it."""
    m = reply_model or model()
    reply = _choose(text, author, ctx, refs, quotes, m)
    reply.model = m.identity
    return reply


def _choose(
    text: str,
    author: str | None,
    ctx: ThreadContext,
    refs: list[AuthorRef],
    quotes: list[tuple[int, int]],
    m: ReplyModel,
) -> Reply:
    chosen = ctx.choice(text, author, m)
    target = chosen.target if isinstance(chosen.target, str) else ctx.root
    if chosen.exact:  # the page shows its structure
        return Reply(target, chosen.exact, "", None, None, confidence=1.0, p_root=chosen.p_root)
    if not ctx.recent:  # nothing else to answer
        return Reply(ctx.root, "default", "", None, None, confidence=1.0, p_root=1.0)
    if reply := explicit_cue(text, author, refs, ctx, quotes):
        reply.confidence = m.cue_confidence(reply.rule, ctx.kind)
        return reply
    if ctx.kind == "flat":
        p_root = m.flat_confidence(ctx.page, chosen.p_root)
        return Reply(target, "default", "", None, None, confidence=p_root, p_root=p_root)
    rule = _rule(chosen, target == ctx.root, m, ctx.kind)
    start = end = None
    evidence = ""
    if rule == "second-person" and (you := planning.comment_you(text)):
        evidence, start, end = you
    elif rule == "mention":
        named = seen.author if (seen := ctx.by_id.get(target)) and seen.author else ""
        if named and (at := text.find(named)) >= 0:
            evidence, start, end = named, at, at + len(named)
    confidence = m.calibrated(chosen.probability, *ctx.by_article_writer(author), kind=ctx.kind)
    # the article's probability agrees with the chosen parent's calibrated one
    p_root = confidence if target == ctx.root else min(chosen.p_root, 1.0 - confidence)
    return Reply(target, rule, evidence, start, end, confidence=confidence, p_root=p_root)


def _rule(chosen: planning.Choice, on_article: bool, m: ReplyModel, kind: str) -> str:
    """The cue that weighs most for the chosen candidate; its place in the page when no cue does."""
    if on_article:
        return "default"
    weighed = [(m.weights[kind][_INDEX[k]] * v, _CUE_RULES[k]) for k, v in chosen.features.items() if k in _CUE_RULES]
    best = max(weighed, default=(0.0, ""))
    return best[1] if best[0] > 0 else ("previous" if "previous" in chosen.features else "branch")
