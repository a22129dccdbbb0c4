"""Hostile posts: reading and structure-only extraction cost time in proportion to a post's length,
and a post longer than the limit is cut to it, reported and loaded.

A page whose last comment is a wall of text (known participants named and addressed in it, links,
quoted lines and speech, titles and initials) is read by the text reader, extracted without
entities and built into a graph. The CPU time per character of a multi-megabyte comment is
compared with that of a small one; work that grows with the square of the length (re-reading the
text before every word or sentence break) makes the big comment hundreds of times dearer.
"""

from __future__ import annotations

import hashlib
import json
import re
import signal
import threading
import time
from collections.abc import Callable

import pytest
from click.testing import CliRunner

from graphkit import graph as graphs
from graphkit import pipeline
from graphkit.cli import main
from graphkit.extract import Extractor
from graphkit.extract.found import RuleError
from graphkit.extract.register import code_in
from graphkit.pipeline import MAX_POST_CHARS
from graphkit.records import Fragment, Post
from graphkit.sources.mbox import split_reply
from graphkit.sources.text import parse
from graphkit.store import open_store
from tests import builders as build

PARAGRAPH = (
    "Brad I hope you read what Mr. Lavrov said about the U.S. forces near Palmyra, because "
    "888mladen posted the same map yesterday (https://example.com/maps/palmyra?id=7) and nobody "
    "answered it. The ministry wrote “the convoy left the city before dawn on Sunday” and then "
    "denied it... Thanks 888mladen, the second link https://www.example.org/a/b.html was better!\n"
    "> they never left the base at all, as anyone watching the roads could see\n"
    "Dr. Smith, e.g. in his notes, says the opposite; @Brad Isherwood do you have a source?\n"
)
SMALL = 5_000
BIG = 2_000_000  # characters of the big comment: 400 times the small one
MARGIN = 4  # the big comment may cost this many times the small one's CPU time per character


def page(chars: int) -> str:
    """An article, two comments by known participants, and a comment of about ``chars`` characters."""
    wall = (PARAGRAPH * (chars // len(PARAGRAPH) + 1))[:chars].rstrip()
    return (
        "Palmyra retaken\n\nThe article body, one paragraph.\n\n"
        "Brad Isherwood\n\nI posted the map an hour ago.\n\n"
        "888mladen\n\nWhich map, the one from the ministry?\n\n"
        f"Guest Writer\n\n{wall}\n"
    )


def extract_page(raw: str) -> int:
    posts = list(parse(raw, "page.txt"))
    graph = graphs.build_graph(posts, Extractor(entities=False).extract(posts))
    return graph.number_of_edges()


class _OverBudget(Exception):
    pass


def cpu_seconds(work: Callable[[], object], budget: float | None = None) -> float:
    """CPU time of ``work`` (this process only, so other load on the machine matters little);
    ``budget`` stops it early, raising ``_OverBudget``, so a quadratic run fails instead of hanging."""

    def stop(*_: object) -> None:
        raise _OverBudget

    previous = signal.signal(signal.SIGVTALRM, stop)
    if budget:
        signal.setitimer(signal.ITIMER_VIRTUAL, budget)
    try:
        start = time.process_time()
        work()
        return time.process_time() - start
    finally:
        signal.setitimer(signal.ITIMER_VIRTUAL, 0)
        signal.signal(signal.SIGVTALRM, previous)


def quoting_thread(chars: int) -> list[Post]:
    """Three comments of about ``chars`` characters each, all quoted lines (none found in the others)."""
    line = "> the words of line {} in post {} said nothing at all about the map or the city\n"
    posts = [Post(id="a", thread="a", is_article=True, text="Article", platform="web", source="x")]
    for k in range(3):
        wall = "".join(line.format(i, k) for i in range(chars // len(line) + 1))[:chars]
        posts.append(
            Post(id=f"c{k}", thread="a", is_article=False, text=wall, platform="web", source="x", author=f"u{k}")
        )
    return posts


def extract_thread(posts: list[Post]) -> int:
    return len(Extractor(entities=False).extract(posts).edges)


@pytest.mark.parametrize(
    ("make", "work", "big", "edges"),
    [(page, extract_page, BIG, 20), (quoting_thread, extract_thread, MAX_POST_CHARS, 3)],
    ids=["a wall of text in a page", "long comments of quoted lines in one thread"],
)
def test_a_long_comment_costs_time_in_proportion_to_its_length(make, work, big, edges):
    small, large = make(SMALL), make(big)
    assert work(small) >= edges  # the wall's mentions, links and quotes are found
    per_char_small = min(cpu_seconds(lambda: work(small)) for _ in range(3)) / SMALL
    allowed = MARGIN * per_char_small * big
    try:
        per_char_big = cpu_seconds(lambda: work(large), budget=allowed) / big
    except _OverBudget:
        pytest.fail(f"a {big:,}-character comment took over {MARGIN}x the time per character of a {SMALL:,} one")
    assert per_char_big < MARGIN * per_char_small


def test_a_post_over_the_limit_is_cut_reported_and_loaded(tmp_path):
    wall = (PARAGRAPH * (MAX_POST_CHARS // len(PARAGRAPH) + 2))[: MAX_POST_CHARS + 5000]
    rows = [
        {"id": "t", "thread": "t", "author": "Editor", "text": "Palmyra retaken."},
        {"id": "c1", "thread": "t", "parent": "t", "author": "Brad Isherwood", "text": "I posted the map."},
        {"id": "c2", "thread": "t", "parent": "c1", "author": "Guest Writer", "text": wall},
    ]
    source = tmp_path / "big.jsonl"
    build.jsonl(source, rows)
    store = str(tmp_path / "big.lbug")
    result = CliRunner().invoke(main, ["load", str(source), "--no-entities", "--store", store], catch_exceptions=False)
    assert result.exit_code == 0, result.output
    assert f"1 posts truncated to 1,000,000 characters ({source}#c2)" in result.stdout
    cypher = "MATCH (c:Comment) RETURN size(c.text) AS n ORDER BY n"
    out = CliRunner().invoke(main, ["query", cypher, "--format", "json", "--store", store], catch_exceptions=False)
    assert [r["n"] for r in json.loads(out.stdout)] == [len(rows[1]["text"]), MAX_POST_CHARS]


def incompressible(seed: int, chars: int) -> str:
    """Hex digits the store cannot compress (a run of one letter takes it no room)."""
    digests = (hashlib.sha256(f"{seed}:{i}".encode()).hexdigest() for i in range(chars // 64 + 1))
    return "".join(digests)[:chars]


def test_many_long_posts_load_in_batches_the_store_can_write(tmp_path):
    """Posts at the limit fill a batch by their characters long before its count of posts (48 of them,
    48 million characters, in one batch overflow the embedded store's page cache when committed), so
    batches are cut by their characters too; each such batch commits, one after the other."""
    art = build.article("walls")
    posts = [art] + [build.post(art.id, i, incompressible(i, MAX_POST_CHARS)) for i in range(1, 10)]
    assert [len(b) for b in pipeline.batches(posts)] == [4, 4, 2]
    with open_store("ladybug", path=str(tmp_path / "walls.lbug")) as store:
        summary = pipeline.load(posts, store, Extractor(entities=False))
        assert store.counts()["Comment"] == 9
        assert store.query("MATCH (c:Comment) RETURN sum(size(c.text))").rows == [[9 * MAX_POST_CHARS]]
    assert summary.posts == 10


def test_quotes_nested_thousands_deep_in_a_message_are_read():
    text = "My answer.\nOn Monday Bob wrote:\n> His point.\n" + ">" * 5000 + " the oldest words\n> His end."
    assert split_reply(text) == ("My answer.", ("His point.\nHis end.",))


def test_looking_for_code_in_a_long_run_of_dashed_words_costs_time_in_proportion_to_its_length():
    """A file name's form was tried at each word of a run of words and dashes, each try reading to the run's end."""

    def dashed(chars: int) -> str:
        return ("-".join(["dash"] * (chars // 5)) + ".pyx")[-chars:]  # ".pyx": the dot of a file name, no extension

    small, big = dashed(SMALL), dashed(200_000)
    assert code_in(small) is None and code_in("see the-notes-file.py") == "the-notes-file.py"
    per_char_small = min(cpu_seconds(lambda: code_in(small)) for _ in range(3)) / SMALL
    allowed = MARGIN * per_char_small * len(big)
    try:
        per_char_big = cpu_seconds(lambda: code_in(big), budget=allowed) / len(big)
    except _OverBudget:
        pytest.fail(f"a {len(big):,}-character run took over {MARGIN}x the time per character of a {SMALL:,} one")
    assert per_char_big < MARGIN * per_char_small


def test_a_long_post_of_many_acronyms_is_searched_for_entities_in_time_in_proportion_to_its_length():
    """Each acronym of a post looked for its spelling out in the whole text, and each name for a people's adjective
    among all the model's names: 100,000 characters with ~5,000 acronyms took ~50 s of CPU."""
    names = ["NATO", "FBI", "CIA", "NSA", "EU", "UN", "IMF", "WHO", "USA", "UK", "RU"]
    said = "The {} said that {} and the {} were wrong about it. "
    text = "".join(said.format(*(names[(3 * i + k) % len(names)] for k in range(3))) for i in range(2_000))[:100_000]
    posts = [
        Post(id="a", thread="a", is_article=True, text="The article.", platform="web", source="x"),
        Post(id="c", thread="a", is_article=False, text=text, platform="web", source="x", author="Guest"),
    ]
    extractor = Extractor()
    extractor.nlp  # noqa: B018 - the model and the rules' lists, loaded outside the bound
    fragment = Fragment()

    def extract() -> None:
        fragment.edges = extractor.extract(posts).edges

    try:
        cpu_seconds(extract, budget=15.0)
    except (_OverBudget, RuleError) as exc:  # stopped inside the rules, the stop comes back as their error
        if isinstance(exc, RuleError) and exc.error != _OverBudget.__name__:
            raise
        pytest.fail("searching a 100,000-character post of acronyms for entities took over 15 s of CPU")
    mentions = [e for e in fragment.edges if e.type == "MENTIONS"]
    assert 4_000 < len(mentions) <= sum(text.count(f" {name} ") for name in names)  # most of them found


def test_two_posts_searched_at_once_by_two_threads_read_each_text_once_for_its_acronyms(monkeypatch):
    """A cluster's worker searches a part in each of its threads: what a post's acronyms learn of its text is kept
    for that post's search alone, so another post searched meanwhile in another thread makes neither read its text
    again for each acronym (two 30,000-character posts of acronyms the rules do not know, read ~40 times)."""
    from graphkit.extract import entities
    from graphkit.extract.parsed import parsed

    names = ["NATO", "FBI", "CIA", "NSA", "EU", "UN", "IMF", "WHO", "USA", "UK", "RU", "QXR", "MWI", "ZPF"]
    said = "The {} said that {} and the {} were wrong about it. "
    texts = [
        "".join(said.format(*(names[(3 * i + k + shift) % len(names)] for k in range(3))) for i in range(600))
        for shift in (0, 1)
    ]
    nlp = Extractor().nlp
    docs = [parsed(nlp(text), text) for text in texts]
    alone = [entities.find_mentions(doc, set(), set(), []) for doc in docs]
    read: list[str] = []

    class Words:  # the pattern of the words an acronym may be spelt out in, counting the texts it reads
        def __init__(self, pattern: re.Pattern) -> None:
            self.pattern = pattern

        def finditer(self, text: str):
            read.append(text)
            return self.pattern.finditer(text)

    monkeypatch.setattr(entities, "_SPELLING_WORD", Words(entities._SPELLING_WORD))
    found: list[list] = [[], []]

    def search(i: int) -> None:
        found[i] = entities.find_mentions(docs[i], set(), set(), [])

    threads = [threading.Thread(target=search, args=(i,)) for i in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert found == alone
    assert sorted(read) == sorted(texts), f"{len(read)} texts read for two posts"
