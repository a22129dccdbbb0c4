"""Property-based fuzzing: every reader and the extractor, given hostile input, either return posts (skipping
and reporting what they cannot read) or raise one ``GraphkitError`` with a one-line message; nothing else.

Examples are bounded by the Hypothesis profile (``tests/conftest.py``): a few seconds in the suite,
derandomised under CI; ``make fuzz`` (``bench/fuzz.py``) runs the same properties with many more.
"""

from __future__ import annotations

import dataclasses
import html
import io
import os
import tempfile
import typing
from dataclasses import replace

import networkx as nx
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from graphkit import graph as graphs
from graphkit import schema
from graphkit.errors import GraphkitError
from graphkit.extract import Extractor
from graphkit.pipeline import load
from graphkit.records import Post, storable
from graphkit.sources import Input, Report, formats, read_posts
from graphkit.sources.tabular import FIELDS
from graphkit.store import open_store
from tests import fuzz_strategies as fz

_FIELD_TYPES = typing.get_type_hints(Post)
_FEW = max(5, settings.default.max_examples // 20)  # for the model: a few in the suite, more in ``make fuzz``


def _input(data: bytes, name: str = "fuzzed") -> Input:
    return Input(name, lambda: io.BytesIO(data), size=len(data), report=Report())


def _read(fmt: str | None, data: bytes) -> tuple[list[Post], Report]:
    """Posts of ``data`` read with ``fmt`` (or detected), or none when the input is refused in one line."""
    inp = _input(data)
    try:
        posts = list(formats()[fmt].read(inp) if fmt else read_posts([inp], report=inp.report))
    except GraphkitError as exc:
        assert str(exc) and "\n" not in str(exc), repr(str(exc))
        return [], inp.report
    for post in posts:
        _check_types(post)
    return posts, inp.report


def _check_types(post: Post) -> None:
    """Every field has its declared type, so no store meets an int where it expects a string."""
    for field in dataclasses.fields(Post):
        value, hint = getattr(post, field.name), _FIELD_TYPES[field.name]
        if hint in (str, int, bool):
            assert type(value) is hint, (field.name, value)
        elif hint == str | None:
            assert value is None or type(value) is str, (field.name, value)
    assert all(type(q) is str for q in post.quoted)
    assert post.id and post.thread
    assert post.start is None or post.end is None or post.start <= post.end, (post.start, post.end)


def _structure(posts: list[Post]) -> nx.MultiDiGraph:
    """Structure-only extraction with no report: any error it raised would surface here."""
    clean = [storable(p) for p in posts]
    return graphs.build_graph(clean, Extractor(entities=False).extract(clean))


READERS = {
    "reddit": fz.reddit(),
    "hackernews": fz.hackernews(),
    "disqus": fz.disqus(),
    "wxr": fz.wxr(),
    "mbox": fz.mbox(),
    "tabular": st.one_of(fz.tabular_jsonl(), fz.tabular_csv()),
    "text": fz.page_text(),
}


@pytest.mark.parametrize("fmt", READERS)
@given(data=st.data())
def test_readers_return_posts_or_one_line_errors(fmt, data):
    posts, _ = _read(fmt, data.draw(READERS[fmt]))
    _structure(posts)


@given(
    data=st.one_of(fz.tabular_jsonl(), fz.tabular_csv()),
    mapping=st.dictionaries(
        st.sampled_from(FIELDS), st.sampled_from(["id", "user.name", "text", "a.b.c", "", "time", "platform"])
    ),
)
def test_tabular_with_any_column_mapping(data, mapping):
    inp = replace(_input(data), options=mapping)
    try:
        posts = list(formats()["tabular"].read(inp))
    except GraphkitError as exc:
        assert "\n" not in str(exc)
        return
    for post in posts:
        _check_types(post)
    _structure(posts)


@given(data=st.one_of(st.binary(max_size=300), *READERS.values()))
def test_detection_and_reading_of_anything(data):
    posts, _ = _read(None, data)
    _structure(posts)


@given(st.lists(fz.text(), min_size=1, max_size=6))
def test_structure_extraction_of_hostile_text(texts):
    thread = schema.article_id("fuzz", "t")
    posts = [Post(id=thread, thread=thread, is_article=True, text=texts[0], platform="fuzz", source="f")]
    posts += [
        Post(schema.post_id("fuzz", thread, str(i)), thread, False, t, "fuzz", "f", author=t[:12] or None, position=i)
        for i, t in enumerate(texts[1:], 1)
    ]
    graph = _structure(posts)
    with tempfile.TemporaryDirectory() as folder:  # every export reads back
        for suffix, read in ((".json", graphs.read_graph), (".graphml", nx.read_graphml), (".gexf", nx.read_gexf)):
            graphs.write_graph(graph, os.path.join(folder, f"g{suffix}"))
            assert read(os.path.join(folder, f"g{suffix}")).number_of_nodes() == graph.number_of_nodes()


@pytest.fixture(scope="module")
def with_entities():
    return Extractor(workers=1)


@settings(max_examples=_FEW, suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])
@given(st.lists(fz.text(), min_size=1, max_size=4))
def test_entity_extraction_of_hostile_text(with_entities, texts):
    thread = schema.article_id("fuzz", "t")
    posts = [
        Post(schema.post_id("fuzz", thread, str(i)), thread, False, t, "fuzz", "f", author=f"user{i}", position=i)
        for i, t in enumerate(texts)
    ]
    clean = [storable(p) for p in posts]
    graphs.build_graph(clean, with_entities.extract(clean))


# --- adversarial inputs, through the whole pipeline into a real embedded store


@settings(max_examples=_FEW, suppress_health_check=[HealthCheck.too_slow])
@given(data=st.one_of(*READERS.values()))
def test_whatever_a_reader_returns_loads_into_the_embedded_store(data):
    """Each input into a store of its own (a record an earlier example stored would be a duplicate of a stored
    post, skipped). Every post read is stored, and every stub a post read names (a stub no post names is written
    nowhere: a reader may make one before finding its record unreadable); stubs are counted apart."""
    posts, report = _read(None, data)
    with tempfile.TemporaryDirectory() as folder, open_store("ladybug", path=os.path.join(folder, "s.lbug")) as store:
        summary = load(iter(posts), store, Extractor(entities=False), report=report)
        ids = {p.id for p in posts}
        stored = {row[0] for row in store.query("MATCH (p) WHERE p.id IN $ids RETURN p.id", {"ids": sorted(ids)}).rows}
    read = [p for p in posts if not p.meta.get("stub")]
    named = {name for p in read for name in (p.thread, p.parent, *(s.target for s in p.stated))}
    stubs = {p.id for p in posts if p.meta.get("stub") and p.id in named}
    assert (summary.posts, summary.stubs) == (len(read), len(stubs)) and stored == {p.id for p in read} | stubs


def test_entity_expansion_is_refused_in_one_line():
    entities = "".join(f'<!ENTITY e{i} "{f"&e{i - 1};" * 10 if i else "lol" * 10}">' for i in range(10))
    bomb = f'<?xml version="1.0"?><!DOCTYPE d [{entities}]><disqus xmlns="http://disqus.com"><t>&e9;</t></disqus>'
    with pytest.raises(GraphkitError, match="not valid XML") as caught:
        list(formats()["disqus"].read(_input(bomb.encode())))
    assert "\n" not in str(caught.value)


PAYLOADS = [h for h in fz.HOSTILE if h.strip()] + ["x" * 1_000_000, "word " * 20_000]


def _hostile_dump() -> bytes:
    """A Reddit dump: hostile bodies and names, a million-character post, lookalike accounts, duplicate
    ids, a line nested 100,000 deep, and a reply chain 5,000 long."""
    things = [fz.dump_json({"id": "s", "title": "</script>", "subreddit": "x", "created_utc": 1, "author": "`a`"})]
    for i, payload in enumerate(PAYLOADS):
        author = ["alice", "\u0430lice", "ALICE", "al\u200bice", payload[:40]][i % 5]
        things.append(fz.dump_json(_comment(f"p{i}", "t3_s", payload, author)))
    things.append(things[-1])  # a record given twice, as dumps merged from overlapping crawls have them
    things.append("[" * 100_000 + "]" * 100_000)
    things += [
        fz.dump_json(_comment(f"d{i}", f"t1_d{i - 1}" if i else "t3_s", f"reply {i}", "eve")) for i in range(5000)
    ]
    return "\n".join(things).encode()


def _comment(cid: str, parent: str, body: str, author: str) -> dict:
    return {
        "id": cid,
        "parent_id": parent,
        "link_id": "t3_s",
        "body": body,
        "author": author,
        "subreddit": "x",
        "created_utc": 1480000000,
    }


def test_adversarial_dump_loads_into_the_embedded_store_exactly(tmp_path):
    data = tmp_path / "hostile.ndjson"
    data.write_bytes(_hostile_dump())
    report = Report()
    from graphkit.sources import expand_inputs

    with open_store("ladybug", path=str(tmp_path / "s.lbug")) as db:
        summary = load(
            read_posts(expand_inputs([str(data)]), report=report), db, Extractor(entities=False), report=report
        )
        texts = {row[0] for row in db.query("MATCH (c:Comment) RETURN c.text", {}).rows}
        names = {row[0] for row in db.query("MATCH (a:Author) RETURN a.name", {}).rows}
        chain = db.query(
            "MATCH (c:Comment {source_id: 'd4999'})-[:REPLY_TO*1..30]->(p:Comment) RETURN count(p)", {}
        ).rows
        title = db.query("MATCH (a:Article) RETURN a.title", {}).rows
    assert summary.posts in (1 + len(PAYLOADS) + 5000, 1 + len(PAYLOADS) + 1 + 5000)  # with the duplicate or not
    assert report.counts  # the line nested 100,000 deep is skipped and reported
    # Reddit escapes bodies as HTML and marks deleted ones "[deleted]"
    expected = {storable(Post("-", "-", False, html.unescape(p), "", "")).text for p in PAYLOADS if p != "[deleted]"}
    # lookalikes stay apart (they would take over alice's node); a name in other case is the same account
    assert expected <= texts and {"alice", "\u0430lice", "al\u200bice", "`a`"} <= names and "ALICE" not in names
    assert chain == [[30]] and title == [["</script>"]]
