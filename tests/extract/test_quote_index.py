"""A held quote is looked for only in the posts that may hold it (``ThreadContext._may_hold``: those holding a whole
word of each of its looks), never missing one that holds it: checked against every held quote looked for in every
post, as a full scan would, on real exports whose comments quote and on generated texts made to trip it (words cut
at either end, punctuation and case, letters whose lower case is longer, quotes of one or two words)."""

from __future__ import annotations

import random
from pathlib import Path

import pytest

from graphkit.extract.quotes import find_post_quotes
from graphkit.extract.replies import HeldQuote, ThreadContext, _Seen
from graphkit.sources import Report, expand_inputs, read_posts
from tests.extract.test_quote_order import QUOTING


def _context(texts: list[str]) -> tuple[ThreadContext, list[HeldQuote]]:
    """A thread's context holding every quote of ``texts`` (as written after all of them), and the quotes held."""
    ctx = ThreadContext("root")
    for i, text in enumerate(texts):
        for quote in find_post_quotes(text):
            ctx.hold(f"q{i}", None, "9999", text, quote.start, quote.end, lambda b, e: {"start": b, "end": e})
    return ctx, [quote for quotes in ctx._held.values() for quote in quotes]


def _checked(texts: list[str], posts: list[str]) -> tuple[int, int, int]:
    """Every post of ``posts`` against every quote ``texts`` hold: the quotes a full scan finds it holds are among
    those it may hold, which come in the order they were held. Returns the pairs found, the pairs the index looked
    at and the pairs a full scan looks at."""
    ctx, held = _context(texts)
    order = {id(quote): i for i, quote in enumerate(sorted(held, key=lambda q: q.place))}
    found = looked = 0
    for text in posts:
        seen = _Seen("p", None, False, text, None)
        may = ctx._may_hold(seen.words)
        assert [order[id(q)] for q in may] == sorted(order[id(q)] for q in may)
        holds = {id(q) for q in held if any(seen.said(words) for words, _ in q.looks)}
        assert holds <= {id(q) for q in may}, text
        found, looked = found + len(holds), looked + len(may)
    return found, looked, len(held) * len(posts)


@pytest.mark.parametrize("path", QUOTING, ids=lambda p: p.name)
def test_a_real_export_s_posts_are_looked_at_by_every_held_quote_they_hold(path: Path):
    posts = list(read_posts(expand_inputs([str(path)]), report=Report()))
    texts = [p.text for p in posts]
    found, looked, scanned = _checked(texts, texts)
    assert found and looked < scanned


_LETTERS = ["a", "b", "e", "o", "x", "É", "é", "ß", "İ", "ı", "Σ", "ς", "я", "日", "_", "7"]
_MARKS = [" ", " ", "  ", "\n", ", ", ". ", "-", "'", "’", "!?", "\t", "…", "(", ")"]


def _words(rng: random.Random, n: int) -> str:
    """``n`` words of a few letters, case and script mixed, between marks and spaces of every kind."""
    return "".join(
        "".join(rng.choice(_LETTERS) for _ in range(rng.randint(1, 12))) + rng.choice(_MARKS) for _ in range(n)
    )


def test_generated_texts_are_looked_at_by_every_held_quote_they_hold():
    """Quotes cut anywhere out of posts (a word's end or beginning at either side), in lines marked "> ", of one to
    eight words: each post is looked at by every quote its words hold."""
    rng = random.Random(18)
    posts = [_words(rng, rng.randint(3, 40)) for _ in range(300)]
    texts = []
    for _ in range(600):
        post = rng.choice(posts)
        start = rng.randrange(len(post))
        cut = post[start : start + rng.randint(12, 60)].replace("\n", " ")
        texts.append(f"{_words(rng, 2)}\n> {cut}\n\n{_words(rng, 3)}")
    found, looked, scanned = _checked(texts, posts)
    assert found > 100 and looked < scanned


def test_a_quote_of_words_none_of_which_stands_whole_between_others_is_looked_for_in_every_post():
    """One or two words (a dozen characters at least) may be the end of one word of a post and the beginning of the
    next: such a quote has no word a post holding it must hold whole."""
    ctx, [quote] = _context(["> ridge waterfalls"])
    assert quote.words == ()
    post = _Seen("p", None, False, "the bridge waterfallsview", None)
    assert post.said(quote.looks[0][0])
    assert ctx._may_hold(post.words) == [quote]
