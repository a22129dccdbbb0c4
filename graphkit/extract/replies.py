"""Which post a comment answers, when the input does not say.

Explicit cues decide: the comment repeats an earlier comment's words (quote), speaks to a
participant by name ("Brad I hope…", "@alice", "alice wrote:", "in reply to alice") → that
participant's latest comment, or thanks for a link → the last comment that gave one. Otherwise the
learnt model (``reply_model``) weighs every candidate (the article, the latest comments and the
branch above the previous one) on the cues a page keeps: position in reading order, who answered
whom (turn-taking), "you", questions, shared words, the participants named. The page as a whole
sets the prior (a flat comment section, or a threaded discussion flattened in reading order):
before its comments are placed, ``ThreadContext.survey`` reads them all for writers who come back,
A-B-A turns and whether neighbours share more words than comments further apart, and the running
share of comments placed on the article adds to it. The chosen parent's confidence is its
calibrated probability; its rule names the strongest cue for it, with
that cue's evidence span when it has one.
"""

from __future__ import annotations

import itertools
import math
import re
from collections import deque
from dataclasses import dataclass, field

from .authors import AuthorRef
from .quotes import normalise
from .reply_model import FEATURES, ReplyModel, model

__all__ = ["Reply", "ThreadContext", "infer_reply", "explicit_cue", "candidates", "rows", "REASONS", "QUOTES_COMPARED"]

_THANKS_LINK = re.compile(
    r"\b(?:thanks?|thank\s+you|thx|cheers)\b[^.!?\n]{0,40}?\b(?:link|links|video|clip|article|source|url|post)\b", re.I
)
_SECOND_PERSON = re.compile(r"\b(?:you|your|yours|you're|you’re|you've|you’ve|you'd|you’d|u|ur)\b", re.I)
_QUOTED = re.compile(r"“[^”]*”|\"[^\"\n]*\"")
_VOCATIVE = re.compile(
    r"(?:\b(?:thank\s+you|thanks|dear|hey|well|unfortunately|sorry)\b,?\s*)?"
    r"\b(?:Mr|Mrs|Ms|Dr|President|Minister|Sir|Madam|Prof)\.?\s+[A-Z][\w’'-]+(?:\s+[A-Z][\w’'-]+)?\s*(?:,|\s+(?:I|you)\b)"
    r"|\bthank\s+you,\s+[A-Z][\w’'-]+",
    re.I,
)
_OPENER = re.compile(
    r"^\W*(?:yes|yeah|yep|yup|no|nope|nah|this|that|lol|lmao|haha\w*|agreed?|exactly|true|same|indeed|well|wait|"
    r"sure|right|ok|okay|oh|ah|so|but|and|thanks|thank\s+you|wow|damn|what|why|how|source|edit)\b",
    re.I,
)
_WROTE = re.compile(r"\s+(?:wrote|said|says)\b\s*:")
_IN_REPLY = re.compile(r"\b(?:in\s+reply\s+to|replying\s+to|reply\s+to|re:)\s*@?$", re.I)
_STOP = frozenset(
    "the and for are but not you your all any can had her was one our out has him his how its may new now "
    "see who did get got let say she too use that with have this will from they them then than what when "
    "were been more some just like about would there their which could should into also only very much "
    "even well really because think know people thing things don didn doesn isn wasn aren won".split()
)
_WORD = re.compile(r"\b[a-z]{3,}\b")
_HISTORY = 200
# Quotes are looked for in the first ``_KEPT`` characters of each recent comment's words, and only a
# comment's first ``QUOTES_COMPARED`` quotations are looked for, so finding them costs the same for
# a post of any length (a wall of quoted lines, or a thread of long posts quoting each other).
_KEPT = 20_000
QUOTES_COMPARED = 100
_CANDIDATES = 6  # the most recent comments always considered (plus the branch and named participants)
_BRANCH = 8  # the nearest comments of the branch above the previous one that are considered
_UNSEEN_CUE = 0.9  # probability of an explicit cue that the training threads never showed
_OPENING = 300  # "you" further into a comment is usually generic ("you can't trust them")
_WRITERS = 10_000  # writers ``survey`` remembers (enough to tell who comes back on any page)
_FAR = 6  # ``survey`` compares a comment with the one before and with the one this far back
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


@dataclass
class _Seen:
    id: str
    author: str | None
    has_link: bool
    words: str
    replied_to_author: str | None
    question: bool = False
    parent: str | None = None
    index: int = 0
    children: int = 0
    depth: int = 1
    author_node: str | None = None  # the id of the Author who wrote it
    _content: frozenset[str] | None = None

    @property
    def content(self) -> frozenset[str]:
        """Content words, worked out when first compared (comments with a stated parent never are)."""
        if self._content is None:
            self._content = content_words(self.words)
        return self._content


def content_words(words: str) -> frozenset[str]:
    """The words of a text that carry content (for shared-word cues); the same for a text and its
    ``normalise``d form, so raw texts need not be normalised first."""
    return frozenset(w for w in _WORD.findall(words.lower()) if w not in _STOP)


@dataclass
class ThreadContext:
    """The recent comments of one thread, in order (bounded, so long streams stay small), the branch the
    latest comment sits on, and how many comments answered the article so far."""

    root: str
    recent: deque[_Seen] = field(default_factory=lambda: deque(maxlen=_HISTORY))
    root_words: frozenset[str] = frozenset()
    count: int = 0
    root_mass: float = 0.0
    by_id: dict[str, _Seen] = field(default_factory=dict)  # the recent comments by id
    latest: dict[str, _Seen] = field(default_factory=dict)  # each author's latest recent comment
    branch: list[str] = field(default_factory=list)  # ids from the top-level comment down to the latest
    page: dict[str, float] = field(default_factory=dict)  # the page's shape, from ``survey`` (article features)
    _survey: list[float] = field(default_factory=lambda: [0.0] * 5)  # comments, back, turns, near, far
    _writers: set[str] = field(default_factory=set)
    _before: deque[tuple[str | None, frozenset[str]]] = field(default_factory=lambda: deque(maxlen=_FAR))
    _last: tuple[str, str] = ("", "")  # the last text and its normalised words, worked out once
    _words: dict[str, frozenset[str]] = field(default_factory=dict)  # content words of surveyed comments

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
        words = self._words[text] = content_words(text[:_KEPT])
        counts[0] += 1
        if author:
            counts[1] += author in self._writers
            counts[2] += len(before) > 1 and author == before[-2][0] != before[-1][0]
            if len(self._writers) < _WRITERS:
                self._writers.add(author)
        if len(before) == _FAR:
            counts[3] += _jaccard(words, before[-1][1])
            counts[4] += _jaccard(words, before[0][1])
        before.append((author, words))
        n = counts[0] + 2.0  # shares smoothed towards a half, centred on zero
        pairs = max(1.0, counts[0] - _FAR)
        coherence = math.log((counts[3] / pairs + 0.01) / (counts[4] / pairs + 0.01)) * pairs / (pairs + 10)
        self.page = {
            "article_page_back": (counts[1] + 1) / n - 0.5,
            "article_page_turns": (counts[2] + 1) / n - 0.5,
            "article_page_coherence": coherence,
        }

    def normalised(self, text: str) -> str:
        if self._last[0] is not text:
            self._last = (text, normalise(text))
        return self._last[1]

    def add(
        self,
        post_id: str,
        author: str | None,
        text: str,
        has_link: bool,
        replied_to: str | None,
        p_root: float | None = None,
        author_node: str | None = None,
    ) -> None:
        """Remember a post; ``p_root`` is the probability it answers the article (1 or 0 when stated),
        ``author_node`` the id of its Author (a guest's is not the id of the account of that name)."""
        if post_id == self.root:
            self.root_words = content_words(normalise(text))
            return
        parent = self.by_id.get(replied_to) if replied_to else None
        if parent:
            parent.children += 1
        self.count += 1
        self.root_mass += (replied_to == self.root) if p_root is None else p_root
        if replied_to in self.branch:
            self.branch = self.branch[: self.branch.index(replied_to) + 1] + [post_id]
        else:  # the parent's own branch, as far as the recent comments reach
            chain, up = [post_id], parent
            while up is not None and len(chain) < _HISTORY:
                chain.append(up.id)
                up = self.by_id.get(up.parent) if up.parent else None
            self.branch = chain[::-1]
        if len(self.recent) == self.recent.maxlen:
            gone = self.recent.popleft()
            if self.by_id.get(gone.id) is gone:
                del self.by_id[gone.id]
            if gone.author and self.latest.get(gone.author) is gone:
                del self.latest[gone.author]
        seen = _Seen(
            post_id,
            author,
            has_link,
            self.normalised(text)[:_KEPT],
            parent.author if parent else None,
            "?" in text,
            replied_to,
            self.count,
            depth=parent.depth + 1 if parent else 1,
            author_node=author_node,
            _content=self._words.pop(text, None),
        )
        self.recent.append(seen)
        self.by_id[post_id] = seen
        if author:
            self.latest[author] = seen

    def previous_other(self, author: str | None) -> _Seen | None:
        """The last comment by someone else (anonymous writers count as different people)."""
        return next((s for s in reversed(self.recent) if author is None or s.author != author), None)

    def latest_by(self, author: str) -> _Seen | None:
        return self.latest.get(author)

    def containing(self, quoted: str) -> _Seen | None:
        words = normalise(quoted)
        if len(words) < 12:
            return None
        return next((s for s in reversed(self.recent) if words in s.words), None)


def _first(text: str, pattern: re.Pattern[str]) -> re.Match[str] | None:
    """First match outside quotation marks."""
    blanked = _QUOTED.sub(lambda m: " " * len(m.group()), text)
    return pattern.search(blanked)


def explicit_cue(
    text: str, author: str | None, refs: list[AuthorRef], ctx: ThreadContext, quotes: list[tuple[int, int]]
) -> Reply | None:
    """A quote of an earlier comment, a participant spoken to by name, thanks for a link: these decide."""
    for start, end in quotes[:QUOTES_COMPARED]:
        seen = ctx.containing(text[start:end])
        if seen:
            return Reply(seen.id, "quote", text[start:end], start, end)
    for ref in refs:
        named = ref.addressed or _WROTE.match(text, ref.end) or _IN_REPLY.search(text, 0, ref.start)
        if named and (seen := ctx.latest_by(ref.name)):
            return Reply(seen.id, "address", text[ref.start : ref.end], ref.start, ref.end)
    if m := _THANKS_LINK.search(text):
        seen = next((s for s in reversed(ctx.recent) if s.has_link and (author is None or s.author != author)), None)
        if seen:
            return Reply(seen.id, "thanks-link", m.group(), m.start(), m.end())
    return None


@dataclass
class _Candidate:
    id: str
    seen: _Seen | None  # None: the article
    features: dict[str, float] = field(default_factory=dict)
    spans: dict[str, tuple[str, int, int]] = field(default_factory=dict)  # rule → evidence span


def candidates(text: str, author: str | None, ctx: ThreadContext, refs: list[AuthorRef]) -> list[_Candidate]:
    """The article, the latest comments, the branch above the previous comment, the named participants'
    latest comments, each with its features."""
    recent = ctx.recent
    last = recent[-1] if recent else None
    picked: dict[str, _Seen] = {s.id: s for s in itertools.islice(reversed(recent), _CANDIDATES)}
    branch = {pid: depth for depth, pid in enumerate(itertools.islice(reversed(ctx.branch), _BRANCH))}
    latest = {r.name: ctx.latest_by(r.name) for r in refs}
    for s in itertools.chain((ctx.by_id.get(pid) for pid in branch), latest.values()):
        if s is not None:
            picked.setdefault(s.id, s)
    words = ctx.words(text)
    n_words = len(text.split())
    share = (1.0 + ctx.root_mass) / (2.0 + ctx.count)
    you = _first(text[:_OPENING], _SECOND_PERSON)
    if you and _VOCATIVE.search(text[: you.end() + 60]):
        you = None
    prev_other = ctx.previous_other(author)
    opener = bool(_OPENER.match(text))

    article = _Candidate(ctx.root, None)
    f = article.features
    f["article"] = 1.0
    f["article_length"] = math.log1p(n_words) / 4
    f["article_share"] = share - 0.5
    f.update(ctx.page)
    f["article_known_author"] = float(bool(author) and author in ctx.latest)
    f["article_question"] = float("?" in text)
    f["article_lowercase"] = float(text[:1].islower())
    f["overlap"] = _jaccard(words, ctx.root_words)
    out = [article]
    for s in picked.values():
        if you and author and s.author == author:
            continue  # "you" is someone else
        c = _Candidate(s.id, s)
        f = c.features
        is_last = s is last
        if is_last:
            f["previous"] = 1.0
            if author and s.author == author:
                f["previous_same_author"] = 1.0
        elif s.id in branch:
            f["branch"] = 1.0
            f["branch_depth"] = math.log1p(branch[s.id])
        f["distance"] = math.log1p(ctx.count - s.index)
        if author and s.author == author:
            f["same_author"] = 1.0
        if author and s.replied_to_author == author and s.author != author:
            f["turn_taking"] = 1.0
        for r in refs:
            if s.author == r.name and latest[r.name] is s:
                f["mention"] = 1.0
                c.spans["mention"] = (text[r.start : r.end], r.start, r.end)
        if s.content and words:
            f["overlap"] = _jaccard(words, s.content)
        if you:
            f["second_person"] = 1.0
            if s is prev_other:
                f["second_person_previous"] = 1.0
                c.spans["second-person"] = (you.group(), you.start(), you.end())
        if s.question:
            f["question"] = 1.0
        if opener:
            f["opener"] = 1.0
        f["depth"] = math.log1p(s.depth)
        if s.children:
            f["children"] = math.log1p(s.children)
        if n_words < 12:
            f["short"] = 1.0
        if s.author is None:
            f["anonymous"] = 1.0
        out.append(c)
    best = max(out, key=lambda c: c.features.get("overlap", 0.0))
    if best.features.get("overlap", 0.0) > 0.05:
        best.features["best_overlap"] = 1.0
    return out


def _jaccard(a: frozenset[str], b: frozenset[str]) -> float:
    if not a or not b:
        return 0.0
    return len(a & b) / len(a | b)


def rows(candidates: list[_Candidate]) -> list[list[tuple[int, float]]]:
    """Each candidate's non-zero features as (index in ``FEATURES``, value)."""
    return [[(_INDEX[k], v) for k, v in c.features.items() if v] for c in candidates]


def infer_reply(
    text: str,
    author: str | None,
    ctx: ThreadContext,
    refs: list[AuthorRef],
    quotes: list[tuple[int, int]],
    reply_model: ReplyModel | None = None,
) -> Reply:
    """The most probable target of a comment with no stated parent, with its probability."""
    m = reply_model or model()
    if reply := explicit_cue(text, author, refs, ctx, quotes):
        reply.confidence = m.cue_precision.get(reply.rule, _UNSEEN_CUE)
        return reply
    options = candidates(text, author, ctx, refs)
    probs = m.probabilities(rows(options))
    i = max(range(len(options)), key=probs.__getitem__)
    chosen = options[i]
    rule = _rule(chosen, m)
    evidence, start, end = chosen.spans.get(rule, ("", None, None))
    return Reply(chosen.id, rule, evidence, start, end, confidence=probs[i], p_root=probs[0])


def _rule(chosen: _Candidate, m: ReplyModel) -> str:
    """The cue that weighs most for the chosen candidate; its place in the page when no cue does."""
    if chosen.seen is None:
        return "default"
    weighed = [(m.weights[_INDEX[k]] * v, _CUE_RULES[k]) for k, v in chosen.features.items() if k in _CUE_RULES]
    best = max(weighed, default=(0.0, ""))
    return best[1] if best[0] > 0 else ("previous" if "previous" in chosen.features else "branch")
