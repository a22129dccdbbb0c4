"""The Extractor contract: edge properties, one REPLY_TO per comment, determinism, structure-only mode."""

from pathlib import Path

import pytest

from graphkit import schema
from graphkit.errors import InputError
from graphkit.extract import Extractor
from graphkit.records import Post
from graphkit.sources.text import parse

DATA = Path(__file__).parent.parent / "data"


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
