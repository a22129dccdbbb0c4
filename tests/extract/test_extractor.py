"""The Extractor contract: edge properties, one REPLY_TO per comment, determinism, structure-only mode."""

import dataclasses
import gc
import itertools
import json
import multiprocessing
import subprocess
import sys
import threading
from pathlib import Path

import pytest

from graphkit import schema
from graphkit.errors import InputError
from graphkit.extract import Extractor
from graphkit.records import Known, Post
from graphkit.sources import expand_inputs, read_posts
from graphkit.sources.text import parse
from tests.processes import all_exited

ROOT = Path(__file__).parent.parent.parent
DATA = ROOT / "tests" / "data"


def example():
    return list(parse((DATA / "palmyra-lavrov-thread.txt").read_text(encoding="utf-8"), "example"))


def comment(pid, text, **kw):
    return Post(id=pid, thread="art", is_article=False, text=text, platform="mbox", source="s", **kw)


def as_tuples(fragment):
    return [(n.id, n.label, sorted(n.props.items(), key=str)) for n in fragment.nodes], [
        (e.type, e.source, e.target, sorted(e.props.items(), key=str)) for e in fragment.edges
    ]


def test_every_edge_has_all_schema_properties_and_its_id():
    fragment = Extractor().extract(example())
    for edge in fragment.edges:
        assert tuple(edge.props) == schema.rel_type(edge.type).names
        assert edge.props["id"].startswith(edge.type.lower() + ":")
    ids = [e.props["id"] for e in fragment.edges]
    assert len(ids) == len(set(ids))


def test_same_input_same_batches_same_output():
    posts = example()
    one, two = Extractor(), Extractor()
    assert as_tuples(one.extract(posts[:10])) == as_tuples(two.extract(posts[:10]))
    assert as_tuples(one.extract(posts[10:])) == as_tuples(two.extract(posts[10:]))


def test_structure_only_keeps_replies_links_and_author_references():
    posts = example()
    fragment = Extractor(entities=False, model="no_such_model").extract(posts)  # the model is never loaded
    types = {e.type for e in fragment.edges}
    assert {schema.REPLY_TO, schema.CITES, schema.MENTIONS} <= types
    assert not [n for n in fragment.nodes if n.label in schema.ENTITY_LABELS]
    assert all(e.target.startswith("author:") for e in fragment.edges if e.type == schema.MENTIONS)
    assert all(e.props["sentiment"] is None for e in fragment.edges if e.type == schema.MENTIONS)
    replies = [e for e in fragment.edges if e.type == schema.REPLY_TO]
    assert len(replies) == sum(not p.is_article for p in posts)


def test_a_load_without_entities_imports_none_of_the_entity_rules(tmp_path):
    """The rules' modules (and spaCy, which they import) cost a tenth of a second to import and the words they hold:
    a structure-only load of a real export needs none of them."""
    source = DATA / "real" / "mbox" / "mapnik-devel-2009-March.txt"
    script = (
        "import sys\n"
        "from click.testing import CliRunner\n"
        "from graphkit.cli import main\n"
        f"args = ['load', {str(source)!r}, '--no-entities', '--store', {str(tmp_path / 'store.lbug')!r}]\n"
        "result = CliRunner().invoke(main, args, catch_exceptions=False)\n"
        "assert result.exit_code == 0, result.output\n"
        "print(' '.join(sorted(sys.modules)))\n"
    )
    done = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, check=True, cwd=ROOT)
    imported = set(done.stdout.split())
    assert "graphkit.extract.extractor" in imported  # the load ran its extraction
    rules = {f"graphkit.extract.{name}" for name in ("entities", "aliases", "gazetteer", "names", "software")}
    assert not imported & (rules | {"spacy"})


def test_explicit_and_missing_parents_and_quoted_lines():
    posts = [
        Post(id="art", thread="art", is_article=True, text="Root message.", platform="mbox", source="s"),
        comment("c1", "> Root message.\nI agree.", parent="art", quoted=("Root message.",)),
        comment("c2", "Replying to something we lost.", parent_missing=True),
    ]
    fragment = Extractor(entities=False).extract(posts)
    replies = {e.source: e for e in fragment.edges if e.type == schema.REPLY_TO}
    assert replies["c1"].target == "art" and replies["c1"].props["inferred"] is False
    assert replies["c1"].props["confidence"] == 1.0 and replies["c1"].props["rule"] == "explicit"
    assert replies["c2"].target == "art" and replies["c2"].props["inferred"] is True
    assert replies["c2"].props["evidence"] == "parent not in input"
    [quote] = [e for e in fragment.edges if e.type == schema.QUOTES]
    assert (quote.source, quote.target, quote.props["text"], quote.props["start"]) == ("c1", "art", "Root message.", 2)


def test_interleaved_threads_keep_separate_reply_context():
    posts = [
        Post(id="a1", thread="a1", is_article=True, text="One.", platform="web", source="s"),
        Post(id="a2", thread="a2", is_article=True, text="Two.", platform="web", source="s"),
        Post(id="x", thread="a1", is_article=False, text="http://e.com/1", platform="web", source="s", author="Ann"),
        Post(id="y", thread="a2", is_article=False, text="Thanks for the link!", platform="web", source="s"),
    ]
    replies = {e.source: e.target for e in Extractor(entities=False).extract(posts).edges if e.type == schema.REPLY_TO}
    assert replies == {"x": "a1", "y": "a2"}


def test_reply_context_is_kept_for_the_most_recently_active_threads_only(monkeypatch):
    from graphkit.extract import extractor

    monkeypatch.setattr(extractor, "ACTIVE_THREADS", 2)

    def post(pid, thread, text, author):
        return Post(id=pid, thread=thread, is_article=False, text=text, platform="web", source="s", author=author)

    ex = Extractor(entities=False)
    ex.extract([post("a1", "A", "See http://e.com/1", "Ann"), post("b1", "B", "Hello.", "Bob")])
    ex.extract([post("a2", "A", "Still here.", "Cy")])  # A is now the most recent, B the oldest
    ex.extract([post("c1", "C", "New thread.", "Dee")])  # a third thread: B is forgotten, A kept
    later = [post("a3", "A", "Thanks for the link!", "Eve"), post("b2", "B", "Bob, you said hello?", "Fay")]
    replies = {e.source: e.target for e in ex.extract(later).edges if e.type == schema.REPLY_TO}
    assert replies == {"a3": "a1", "b2": "B"}


def test_missing_model_is_a_one_line_input_error():
    with pytest.raises(InputError, match="not installed.*pip install no-such-model"):
        Extractor(model="no_such_model").extract(example()[:2])


@pytest.mark.parametrize("workers", [1, 2])
def test_a_stream_of_batches_gives_what_batch_by_batch_extraction_gives(workers):
    """One model stream over all batches (parsed in worker processes with 2) changes no fragment: each
    batch sees the participants, words, aliases and reply context of the batches before it, none later. Each batch
    is an input of its own here: a stream resolves the mentions of one input's posts together across its batches
    (``test_entity_batches.py``), which separate calls cannot."""
    posts = example()
    cuts = [0, 7, 10, 11, 11, 20, len(posts)]  # uneven batches, one of them empty
    known_later = [  # later batches say what an acronym stands for, and that a name is a participant's
        [comment("s1", "But RSF fighters took the town anyway, Amira Haddad says.")],
        [comment("s2", "The Rapid Support Forces (RSF) denied it.", author="Amira Haddad")],
        [comment("s3", "RSF units moved north, as Amira Haddad said.")],
    ]
    batches = [posts[a:b] for a, b in itertools.pairwise(cuts)] + known_later
    batches = [[dataclasses.replace(p, source=f"{p.source}:{k}") for p in batch] for k, batch in enumerate(batches)]
    one_by_one = Extractor()
    expected = [as_tuples(one_by_one.extract(batch)) for batch in batches if batch]
    streamed, children = [], set()
    for batch, fragment in Extractor(workers=workers, batch_size=4).extract_stream(iter(batches)):
        children.update(multiprocessing.active_children())
        streamed.append((batch, as_tuples(fragment)))
    assert [batch for batch, _ in streamed] == [batch for batch in batches if batch]
    assert [fragment for _, fragment in streamed] == expected
    assert len(children) == (workers if workers > 1 else 0)  # the model ran in worker processes


def test_closing_a_stream_early_stops_its_workers_before_it_returns():
    """Nothing of the pool is left once the stream is closed, neither worker nor manager thread: at
    Python 3.11's exit, a manager thread still running could race the exit hook that wakes it, which
    then prints "Exception ignored … Bad file descriptor" after Ctrl-C."""
    posts = [dataclasses.replace(p, source=f"{p.source}:{i // 3}") for i, p in enumerate(example())]  # inputs of 3
    stream = Extractor(workers=2, batch_size=2).extract_stream([posts[i : i + 3] for i in range(0, len(posts), 3)])
    next(stream)
    workers = multiprocessing.active_children()
    assert len(workers) == 2
    stream.close()
    assert all_exited(workers, timeout=0)
    assert not [t for t in threading.enumerate() if type(t).__name__ == "_ExecutorManagerThread"]
    assert gc.get_freeze_count() == 0  # the heap the run froze is given back


def test_the_heap_before_a_stream_stays_out_of_full_collections_until_its_last_fragment():
    """The batches after the model's last doc are made into edges with the heap the run started with still frozen, so a
    full collection then walks only what the run made (before, the freeze ended with the model's docs: on synthetic
    text one full pass over the whole heap, 0.12 s of the main process's 1.0 s); the caller's heap is unfrozen after."""
    posts = example()
    assert gc.get_freeze_count() == 0
    stream = Extractor(workers=2, batch_size=4).extract_stream([posts[:12], posts[12:]], windows={"example"})
    frozen = [gc.get_freeze_count() for _ in stream]
    assert len(frozen) == 2 and all(frozen)  # the input's one window is resolved after the model's last doc
    assert gc.get_freeze_count() == 0


def test_a_stream_reads_batches_only_as_far_ahead_as_the_workers_parse():
    from graphkit.extract.nlp import AHEAD

    posts = example()
    taken: list[int] = []

    def one_post_batches():  # each an input of its own: one input's posts wait for the window they are resolved in
        for k, post in enumerate(posts):
            taken.append(1)
            yield [dataclasses.replace(post, source=f"{post.source}:{k}")]

    ahead = []
    for done, _ in enumerate(Extractor(workers=2, batch_size=2).extract_stream(one_post_batches()), 1):
        ahead.append(len(taken) - done)
    # chunks of 2 texts: those in flight, the one whose docs are handed out, and one read ahead so that the last texts
    # go out in equal shares
    bound = (AHEAD * 2 + 2) * 2
    assert len(ahead) == len(posts) and max(ahead) <= bound < len(posts) - 1


def test_a_run_loads_the_rules_lists_before_the_model_reads_its_first_text():
    """Loaded on first use, a list (the public suffix list, census surnames, software names) would cost the
    post that first needs it as much as the rules of a few hundred posts, and each forked model worker would
    miss the parent's copy: a run loads them once, up front, whatever its first posts need."""
    from graphkit import census
    from graphkit.extract import links, software

    lists = (links._psl, census._first_names, census._surnames, software._lexers)
    for loader in (*lists, links._registrable):  # hosts looked up by earlier tests would skip the list
        loader.cache_clear()
    Extractor().extract([comment("plain", "ok thanks")])  # no link, no name: no rule looks anything up
    assert [loader.cache_info().currsize for loader in lists] == [1, 1, 1, 1]


@pytest.mark.parametrize("workers", [1, 2])
def test_what_a_later_batch_teaches_never_reaches_the_rules_of_an_earlier_one(workers):
    """The stream learns a batch's lessons as it hands the batch's texts to the model, ahead of the batches being
    built, and the rules run beside the model: each post is still read with what the posts before it taught."""
    early = [comment("c1", "Frank Miller said he would call the mayor of Paris later.", author="ann")]
    late = [comment(f"c{i}", "I agree with all of that.", author="Frank Miller") for i in range(2, 9)]
    streamed = [as_tuples(f) for _, f in Extractor(workers=workers, batch_size=2).extract_stream([early, late])]
    one_by_one = Extractor()
    assert streamed == [as_tuples(one_by_one.extract(early)), as_tuples(one_by_one.extract(late))]
    taught_first = Extractor()
    taught_first.extract(late)
    targets = {e.target for e in taught_first.extract(early).edges}
    assert "author:mbox:Frank%20Miller" in targets  # taught first, the name is a participant's
    assert "person:frank-miller" in {e[2] for e in streamed[0][1]}


@pytest.mark.parametrize("workers", [1, 2])
def test_what_a_store_teaches_as_the_first_batch_is_read_reaches_the_rules(tmp_path, workers):
    """A load learns what its store holds (``remember``) as it reads the first batch to extract: the rules see the
    stored mails' vocabulary, acronyms and writers as if they had been learnt before the run."""
    lines = (DATA / "entities" / "everything-list-1998-20.jsonl").read_text(encoding="utf-8").splitlines(keepends=True)
    (tmp_path / "later.jsonl").write_text("".join(lines[10:]), encoding="utf-8")
    earlier = [json.loads(line) for line in lines[:10]]
    posts = list(read_posts(expand_inputs([str(tmp_path / "later.jsonl")])))

    def known() -> Known:
        authors = [("tabular", m["author"], schema.author_id("tabular", m["author"])) for m in earlier]
        return Known(authors, [m["text"] for m in earlier], [], lambda ids: {})

    taught = Extractor(workers=workers)
    taught.remember(known())
    late = Extractor(workers=workers)

    def batches():
        late.remember(known())
        yield posts

    ((_, fragment),) = late.extract_stream(batches())
    assert as_tuples(fragment) == as_tuples(taught.extract(posts))


def test_a_post_whose_rules_raise_in_a_worker_is_reported_and_keeps_its_structure(monkeypatch):
    from graphkit.extract import entities, found
    from graphkit.extract.extractor import EXTRACTION_FAILED
    from graphkit.sources import Report

    real = entities.find_mentions

    def failing(doc, *args):
        if "Palmyra" in doc.text:
            raise ValueError("a rule failed")
        return real(doc, *args)

    monkeypatch.setattr(entities, "find_mentions", failing)  # the workers fork after this, and inherit it
    posts = example()
    report = Report()
    fragment = Extractor(workers=2, batch_size=4).extract(posts, report)
    failed = [p for p in posts if "Palmyra" in p.text]
    assert failed and report.counts[EXTRACTION_FAILED] == len(failed)
    assert all(where.endswith("(ValueError)") for where in report.locations[EXTRACTION_FAILED])
    replies = {e.source for e in fragment.edges if e.type == schema.REPLY_TO}
    assert {p.id for p in posts if not p.is_article} <= replies
    with pytest.raises(found.RuleError, match="ValueError: a rule failed"):
        Extractor(workers=2, batch_size=4).extract(posts)


def test_a_rule_error_that_cannot_be_pickled_is_reported_as_its_post_failing(monkeypatch):
    """A worker sends back a rule's error by its class's name: the error itself, here one that cannot be pickled,
    would fail the chunk's result and stop the run instead of one post's evidence."""
    from graphkit.extract import entities
    from graphkit.extract.extractor import EXTRACTION_FAILED
    from graphkit.sources import Report

    class LocalError(Exception):  # a local class: pickle cannot name it
        pass

    real = entities.find_mentions

    def failing(doc, *args):
        if "Palmyra" in doc.text:
            raise LocalError("a rule failed")
        return real(doc, *args)

    monkeypatch.setattr(entities, "find_mentions", failing)
    posts = example()
    report = Report()
    Extractor(workers=2, batch_size=4).extract(posts, report)
    failed = [p for p in posts if "Palmyra" in p.text]
    assert failed and report.counts[EXTRACTION_FAILED] == len(failed)
    assert all(where.endswith("(LocalError)") for where in report.locations[EXTRACTION_FAILED])


def test_the_rules_log_holds_each_participant_once(monkeypatch):
    """Each part's lessons for the model's workers hold only the names no part before it taught: a participant
    of every batch would otherwise be logged, and learnt by every worker, once per batch."""
    from graphkit.extract import found

    logged: list[tuple[str, str]] = []
    add = found.Log.add

    def recording(self, lessons):
        logged.extend(lessons.participants)
        return add(self, lessons)

    monkeypatch.setattr(found.Log, "add", recording)
    posts = example()
    batches = [posts[i : i + 3] for i in range(0, len(posts), 3)]
    list(Extractor(workers=1).extract_stream(batches))
    names = {(p.platform, p.author) for p in posts if p.author and not p.guest}
    assert len(batches) > 2 and sorted(logged) == sorted(names)


def test_a_workers_finder_keeps_the_participants_once():
    """Participants are most of what a worker learns at scale: its finder keeps them by platform only, not in its
    state as well (at 100k names, 9.7 MiB a worker instead of 18.9)."""
    from graphkit.extract import found

    log = found.Log()
    try:
        log.add(found.Lessons({"cat"}, {"bbc"}, {"NATO"}, {("reddit", "ann"), ("mbox", "ann"), ("reddit", "bob")}))
        finder = found.Finder(*log.finder._key)
        finder._catch_up(log.end)
        assert finder._names == {"reddit": {"ann", "bob"}, "mbox": {"ann"}}
        assert finder._state == found.Lessons({"cat"}, {"bbc"}, {"NATO"})
    finally:
        log.close()


def test_the_model_workers_fork_before_an_input_is_read_ahead_for_its_lessons():
    """A forked worker keeps its own copy of every page of the parent's heap the parent frees or changes after the
    fork: forked after the first batch's input was read ahead for its lessons (a million comments' writers, words
    and Author nodes: ~90 MiB in the parent), each worker held those pages to the end of the run. The workers are
    there, and have parsed nothing, when the second reading of the input begins; the output is as before."""
    posts = example()
    workers_at_read_ahead: list[int] = []

    def again():
        workers_at_read_ahead.append(len(multiprocessing.active_children()))
        yield from example()

    extractor = Extractor(workers=2, batch_size=4)
    extractor.read_ahead([again()])
    streamed = [as_tuples(f) for _, f in extractor.extract_stream([posts[:10], posts[10:]])]
    assert workers_at_read_ahead == [2]
    alone = Extractor(workers=1)
    alone.read_ahead([example()])
    assert streamed == [as_tuples(f) for _, f in alone.extract_stream([posts[:10], posts[10:]])]


def test_a_mention_edge_is_made_as_every_other_edge_is():
    from graphkit.extract.extractor import _edge, _mention, _span
    from graphkit.extract.sentences import Sentences
    from graphkit.extract.sentiment import sentiment

    text = "Thanks. Lavrov lied again, as always!\nPutin knows it."
    sentences = Sentences(text)
    for start, end, toned in ((8, 14, True), (38, 43, True), (38, 43, False)):
        tone = sentiment(sentences.at(start)) if toned else None
        made = _edge(schema.MENTIONS, "p1", "person:x", start, sentiment=tone, **_span(text, sentences, start, end))
        edge = _mention("p1", "person:x", text, sentences, start, end, toned)
        assert (edge.type, edge.source, edge.target) == (made.type, made.source, made.target)
        assert list(edge.props.items()) == list(made.props.items())
    assert _mention("p1", "person:x", text, sentences, 8, 14, True).props["sentiment"] < 0  # "lied" reads negative


def test_a_callers_stream_gets_each_fragment_before_its_next_batch_is_pulled(monkeypatch):
    """A library caller's live iterator: no input is named for windows by default, so each batch's mentions are
    resolved once its posts are found and its fragment comes back before the next batch is asked for (with windows of
    everything, all 12 batches were pulled first)."""
    from graphkit import batch_cuts

    monkeypatch.setattr(batch_cuts, "WINDOW", 50)
    posts = example()[:12]
    pulled: list[int] = []

    def one_post_batches():
        for post in posts:
            pulled.append(1)
            yield [post]

    at_fragment = [len(pulled) for _ in Extractor(workers=1, batch_size=1).extract_stream(one_post_batches())]
    assert at_fragment == list(range(1, 13))


@pytest.mark.parametrize(("first", "second"), [("", ""), ("a@example.org", "b@example.org"), ("a@x.org", "a@x.org")])
def test_guests_of_one_name_are_one_writer_only_by_one_key(first, second):
    """Two guests who typed "Anonymous" are no one writer when nothing tells them apart (no key) or their keys
    differ: the second quoting the first is a QUOTES; one guest (one key) repeating their own words is none."""

    def guest(pid: str, text: str, key: str, parent: str | None = None) -> Post:
        return Post(
            id=pid, thread="art", is_article=False, text=text, platform="disqus", source="s", parent=parent,
            author="Anonymous", author_key=key, guest=True,
        )  # fmt: skip

    words = "The mill will close in May and nobody will say why."
    posts = [
        Post(id="art", thread="art", is_article=True, text="An article about the mill.", platform="disqus", source="s"),
        guest("c1", words, first, "art"),
        guest("c2", f"> {words}\nThey said so at the meeting.", second),
    ]
    found = {e.source: e.target for e in Extractor(entities=False).extract(posts).edges if e.type == schema.QUOTES}
    assert found == ({} if first and first == second else {"c2": "c1"})
