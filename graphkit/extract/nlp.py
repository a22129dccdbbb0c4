"""Loading the spaCy pipeline once, with only the components entity extraction needs, and running it
over a whole run's texts as one stream, in worker processes when asked for more than one."""

from __future__ import annotations

import contextlib
import ctypes
import gc
import itertools
import os
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import Future
from functools import cache
from typing import TYPE_CHECKING, Any

from .. import workers as forked
from ..errors import InputError

if TYPE_CHECKING:
    from .parsed import Parsed

    Reader = Callable[[Parsed, Any], Any]

__all__ = ["load", "parse", "unscanned"]

# Chunks in flight per worker: enough for the workers to keep going while the main process resolves, builds
# and loads what they found, few enough to keep memory bounded.
AHEAD = 4
# New strings a worker keeps from the chunks it parses outside a memory zone (about 8 MiB with their words): spaCy
# caches no tokenization inside a zone, so there every occurrence of every word is split and looked up again and each
# word the model did not ship with is made anew in each chunk (two fifths of the tokenizer's time on real threads).
# Outside, the run's commonest words are cached once; past this many new strings every chunk is parsed in a zone.
KEPT_STRINGS = 20_000
# How a model worker's C allocator keeps the memory the model's arrays free (glibc's ``mallopt`` parameters): arrays up
# to 32 MiB come from the heap, not from pages mapped for each and unmapped when freed, and the heap keeps up to 256 MiB
# freed at its top, growing by 16 MiB at a time. Otherwise each batch's arrays were laid out on fresh pages that the
# kernel zeroed and mapped one by one: ~80,000 page faults a worker over synthetic text's 40,000 words, a seventh of
# its CPU time, spent in the kernel. A worker's peak memory is the same: the arrays live as long as before.
_ALLOCATOR = ((-3, 32 << 20), (-1, 256 << 20), (-2, 16 << 20))  # M_MMAP_THRESHOLD, M_TRIM_THRESHOLD, M_TOP_PAD
_NONE = object()
_FIRST: dict[str, int] = {}  # strings of each model's vocabulary when this process first parsed a chunk


@cache
def load(model: str):
    """The named spaCy pipeline with only ``ner`` and what it listens to enabled (faster, same entities).

    Sentences, quotes and addresses come from rules, not the parser. The English pipelines' ``ner`` embeds
    its tokens itself: their shared ``tok2vec`` feeds the tagger and parser only, and ran for nothing at
    three fifths of the model's time on prose.

    Cached per name: every extractor of a process shares one loaded model, and forked workers inherit it.
    """
    _FIRST.pop(model, None)  # loaded again after ``Extractor.release``: a new vocabulary, counted afresh
    try:
        import spacy
    except ImportError as exc:  # pragma: no cover - spaCy is a dependency
        raise InputError(f"spaCy cannot be imported ({exc}); install graphkit's dependencies") from None
    try:
        nlp = spacy.load(model)
    except OSError:
        package = model.replace("_", "-")
        raise InputError(f"spaCy model {model!r} is not installed (pip install {package})") from None
    if "ner" not in nlp.pipe_names:
        raise InputError(f"spaCy model {model!r} has no 'ner' component")
    heard = {name for name, pipe in nlp.pipeline if "ner" in getattr(pipe, "listening_components", ())}
    nlp.select_pipes(disable=[name for name in nlp.pipe_names if name != "ner" and name not in heard])
    # a dash typed against a capitalised word or an acronym ends a clause, not the name ("the East Coast- forget
    # about it", "head of the FBI- will not admit"): split off, as spaCy splits other closing punctuation, so the name
    # is read as itself; a lower-case word keeps its dash, which the model reads as the clause's end already ("at
    # stake- Crimea, Donetsk")
    suffixes = [*nlp.Defaults.suffixes, *(rf"(?<=[A-Z][a-z]{{{n}}})[-–—]" for n in range(1, 20)), r"(?<=[A-Z]{2})[-–—]"]
    nlp.tokenizer.suffix_search = spacy.util.compile_suffix_regex(suffixes).search
    infixes = [*nlp.Defaults.infixes, _MARK_BEFORE_DOTS, _LINK_AFTER_LABEL]
    nlp.tokenizer.infix_finditer = spacy.util.compile_infix_regex(infixes).finditer
    return nlp


# a question or exclamation mark typed against a word and a run of dots ("what about Brazil?....I think"): spaCy
# splits the dots as an infix and does not look at the pieces' own suffixes again, so the word kept its mark
# ("Brazil?"), which the model reads as no name; split off as the infix's first part, the word is read as itself
_MARK_BEFORE_DOTS = r"(?<=[^\W\d_])[?!]+(?=\.{2,}|…)"
# markdown's link after the words it labels ("[MSNBC](https://www.msnbc.com/…)"): spaCy kept the label's last word
# and the address one token ("MSNBC](https://www.msnbc.com"), which the model read as no name; split at the bracket,
# the label is read as words
_LINK_AFTER_LABEL = r"(?<=\w)\]\((?=https?:)"


def parse(
    model: str,
    texts: Iterable[Any],
    workers: int = 1,
    batch_size: int = 256,
    read: Reader | None = None,
    fork_first: bool = False,
) -> Iterator[Any]:
    """The docs of ``texts``, in order, with the model's tokens and entities only (see ``parsed``). One call
    serves a whole run, so worker processes start once. Given ``read``, ``texts`` are (text, job) pairs and
    what comes out is ``read(doc, job)`` of each, computed in the process that parsed it.

    With ``workers`` > 1, chunks of ``batch_size`` texts are parsed in that many forked processes
    (forked, so they share the model loaded here instead of loading their own); ``texts`` is read only
    ``AHEAD`` + 1 chunks per worker ahead of the docs taken. Closing the iterator stops the workers: nothing
    they hold outlives the run. The model is loaded when the first text comes (a load of stored posts only needs none),
    or at once with ``fork_first``, which also forks the workers before the first text is read: what making the texts
    builds in this process (a read-ahead of a whole input's lessons) is then not copied into each worker as this
    process frees or changes it (see ``_docs``).
    """
    rest = iter(texts)
    if not fork_first:
        first = next(rest, _NONE)
        if first is _NONE:
            return
        rest = itertools.chain([first], rest)
    nlp = load(model)
    with unscanned():
        yield from _docs(nlp, model, rest, workers, batch_size, read)


@contextlib.contextmanager
def unscanned() -> Iterator[None]:
    """What the process holds as a run starts (the model, the rules' lists, the callers' objects) is left out of the
    garbage collector's full passes until the run ends, as the workers leave what they inherit: each pass walked all
    of it, some 0.1 s, once or more a run. Left alone if something else froze objects already (a caller that holds it
    past the model's last doc, as ``Extractor.extract_stream`` does for the edges made after it)."""
    if gc.get_freeze_count():
        yield
        return
    try:
        gc.freeze()
        yield
    finally:
        gc.unfreeze()


def _docs(nlp, model: str, rest: Iterator[Any], workers: int, batch_size: int, read: Reader | None) -> Iterator[Any]:
    """``parse`` once the model is loaded."""
    from .parsed import parsed, rebuilt

    if read is None:
        rest = ((text, None) for text in rest)
    if workers == 1:
        pairs = ((text, (text, job)) for text, job in rest)
        for doc, (text, job) in nlp.pipe(pairs, as_tuples=True, batch_size=batch_size):
            doc = parsed(doc, text)
            yield doc if read is None else read(doc, job)
        return
    chunks = _chunks(rest, batch_size, workers)
    pool = forked.pool(workers, _worker_start)
    pending: deque[tuple[list[tuple[str, Any]], Future[list[Any]]]] = deque()

    def top_up() -> None:
        for chunk in itertools.islice(chunks, AHEAD * workers - len(pending)):
            pending.append((chunk, forked.submit(pool, _parse, model, chunk, batch_size, read)))

    try:
        # the pool forks all its workers at its first task. A forked worker shares this process's pages until either
        # writes to one, so every page of this process's heap that it later frees or changes is held once more by the
        # workers to their end (a million-comment input's lessons, read ahead for the first batch, take ~90 MiB here);
        # forked before the first chunk is read, they share the model and the lists alone.
        forked.submit(pool, os.getpid)
        top_up()
        while pending:
            chunk, future = pending.popleft()
            out = future.result()
            top_up()
            if read is None:
                yield from (rebuilt(nlp.vocab, text, columns) for (text, _), columns in zip(chunk, out, strict=True))
            else:
                yield from out
    finally:
        forked.stop(pool, early=bool(pending))


def _worker_start() -> None:
    """A model worker's start: it counts the strings it keeps (``KEPT_STRINGS``) from here, and its allocator keeps the
    memory the model's arrays free (``_ALLOCATOR``; where the C library has no ``mallopt``, glibc's call, the
    allocator is left as it is)."""
    _FIRST.clear()
    try:
        mallopt = ctypes.CDLL(None).mallopt
    except (OSError, AttributeError, TypeError):  # TypeError: Windows' ctypes takes no CDLL(None)
        return
    for parameter, value in _ALLOCATOR:
        mallopt(parameter, value)


def _chunks(texts: Iterator[Any], size: int, workers: int) -> Iterator[list[Any]]:
    """``texts`` in chunks of ``size``, read a chunk per worker ahead, so that the last texts, fewer than a chunk per
    worker, go in equal shares: cut in full chunks, a run's last few hundred posts (or a small run's all) left one
    worker idle while another parsed most of them."""
    held = deque(itertools.islice(texts, size * workers))
    while len(held) == size * workers:
        yield [held.popleft() for _ in range(size)]
        held.extend(itertools.islice(texts, size))
    share = -(-len(held) // workers)
    while held:
        yield [held.popleft() for _ in range(min(share, len(held)))]


def _parse(model: str, chunk: list[tuple[str, Any]], batch_size: int, read: Reader | None) -> list[Any]:
    """One chunk, in a worker: each doc as ``portable`` gives it, far less to pass between processes than
    whole docs (``Doc.to_bytes`` carries every annotation), or what ``read`` makes of it. ``load`` finds the
    model in the cache inherited from the parent."""
    from .parsed import parsed, portable

    nlp = load(model)
    # once the worker has kept ``KEPT_STRINGS``, the strings and lexemes a chunk adds to the vocabulary go with it: all
    # kept, they would grow with every new word (150k synthetic comments' user names and links: 37k strings, 10 MiB)
    grown = len(nlp.vocab.strings) - _FIRST.setdefault(model, len(nlp.vocab.strings))
    with nlp.memory_zone() if grown >= KEPT_STRINGS else contextlib.nullcontext():
        docs = nlp.pipe((text for text, _ in chunk), batch_size=batch_size)
        if read is None:
            return [portable(doc) for doc in docs]
        return [read(parsed(doc, text), job) for (text, job), doc in zip(chunk, docs, strict=True)]
