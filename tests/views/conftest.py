"""Graphs for the view tests: the example thread with hand-written evidence edges (so the
views do not depend on extraction quality), and a copy whose every string is an attack; the
``example`` and ``hostile`` fixtures are these graphs loaded into an embedded store, as views read them."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import networkx as nx
import pytest

from graphkit import schema
from graphkit.graph import add_fragment, add_posts, new_graph
from graphkit.records import Edge, Fragment, Node
from graphkit.sources.text import parse
from graphkit.store import Store, open_store

from headless import chromium

DATA = Path(__file__).resolve().parents[1] / "data" / "palmyra-lavrov-thread.txt"

# Comment positions (1-based, as in the reader) and what they say, read off the example.
REPLIES = {7: 6, 8: 7, 9: 8, 10: 8, 11: 10, 17: 16, 21: 19}  # comment -> the comment it answers
MENTIONS = [  # (position, label, canonical name, sentiment); position 0 is the article
    (0, schema.PERSON, "Sergey Lavrov", 0.0),
    (0, schema.PLACE, "Palmyra", 0.0),
    (0, schema.PLACE, "Aleppo", -0.2),
    (0, schema.ORGANIZATION, "Al-Nusra Front", -0.5),
    (2, schema.PERSON, "Sergey Lavrov", -0.7),
    (2, schema.PLACE, "Palmyra", -0.3),
    (4, schema.PERSON, "Sergey Lavrov", -0.4),
    (5, schema.PERSON, "Sergey Lavrov", -0.5),
    (14, schema.PERSON, "Sergey Lavrov", -0.6),
    (15, schema.PERSON, "Sergey Lavrov", 0.8),
    (16, schema.PERSON, "Sergey Lavrov", -0.6),
    (18, schema.PLACE, "Palmyra", 0.1),
    (19, schema.PERSON, "Sergey Lavrov", -0.8),
    (21, schema.PERSON, "Sergey Lavrov", -0.9),
    (22, schema.PERSON, "Sergey Lavrov", 0.3),
]
AUTHOR_MENTIONS = [(7, "Brad Isherwood"), (12, "888mladen")]
CITES = [(13, "https://www.youtube.com/watch?v=example"), (20, "https://southfront.org/deir-ezzor-attack")]
QUOTES = [(0, "Sergey Lavrov"), (8, 7)]  # article quotes Lavrov; comment 8 quotes comment 7


def _sentence(text: str) -> str:
    return text.split(". ")[0][:200]


def example_graph() -> nx.MultiDiGraph:
    posts = list(parse(DATA.read_text(encoding="utf-8"), str(DATA)))
    by_position = {p.position: p for p in posts if not p.is_article}
    by_position[0] = next(p for p in posts if p.is_article)
    graph = new_graph()
    add_posts(graph, posts)
    frag = Fragment()
    for pos, post in by_position.items():
        if pos:
            parent = by_position[REPLIES.get(pos, 0)]
            frag.edges.append(
                Edge(schema.REPLY_TO, post.id, parent.id, {"inferred": pos in REPLIES, "confidence": 0.8})
            )
    for pos, label, name, tone in MENTIONS:
        node = schema.entity_id(label, name)
        frag.nodes.append(Node(node, label, {"id": node, "name": name, "aliases": [name.split()[-1]]}))
        text = by_position[pos].text
        frag.edges.append(
            Edge(
                schema.MENTIONS,
                by_position[pos].id,
                node,
                {"text": name, "sentence": _sentence(text), "sentiment": tone, "id": f"m{pos}{node}"},
            )
        )
    for pos, name in AUTHOR_MENTIONS:
        target = schema.author_id("web", name)
        frag.edges.append(Edge(schema.MENTIONS, by_position[pos].id, target, {"text": name, "sentiment": 0.0}))
    for pos, url in CITES:
        node = schema.source_id(url)
        frag.nodes.append(Node(node, schema.SOURCE, {"id": node, "url": url, "domain": url.split("/")[2]}))
        frag.edges.append(Edge(schema.CITES, by_position[pos].id, node, {"url": url}))
    for pos, target in QUOTES:
        end = by_position[target].id if isinstance(target, int) else schema.entity_id(schema.PERSON, target)
        frag.edges.append(Edge(schema.QUOTES, by_position[pos].id, end, {"text": "quoted words"}))
    add_fragment(graph, frag)
    return graph


# Each payload announces that it ran by setting the title or adding an element whose id
# is assembled at run time, so the words "PWNED" and "xss-ran" never occur in the source.
PAYLOADS = [
    "<script>document.title='PW'+'NED'</script>",
    "<img src=x onerror=\"document.body.append(Object.assign(document.createElement('b'),{id:'xss'+'-ran'}))\">",
    "\"><svg onload=\"document.title='PW'+'NED'\">",
    "</script><script>document.title='PW'+'NED'</script>",
    "\u2028</script>\u2029<!--<script>",
]
JS_URL = "javascript:document.title='PW'+'NED'"


def hostile_graph() -> nx.MultiDiGraph:
    """The example with every name, text and evidence string replaced by attacks, each Author given a handle that
    is one too (views show it beside the name)."""
    graph = example_graph()
    for i, (_node, attrs) in enumerate(graph.nodes(data=True)):
        bad = PAYLOADS[i % len(PAYLOADS)]
        for key in ("name", "title", "text", "domain"):
            if attrs.get(key):
                attrs[key] = f"{attrs[key]} {bad}"
        if attrs.get("label") == schema.AUTHOR:
            attrs["handle"] = f"user{i}{PAYLOADS[(i + 2) % len(PAYLOADS)]}"
        if attrs.get("aliases"):
            attrs["aliases"] = [bad]
        if attrs.get("url"):
            attrs["url"] = JS_URL
    for i, (_u, _v, attrs) in enumerate(graph.edges(data=True)):
        bad = PAYLOADS[(i + 1) % len(PAYLOADS)]
        for key in ("text", "sentence", "evidence"):
            if attrs.get(key):
                attrs[key] = f"{attrs[key]} {bad}"
        if attrs.get("url"):
            attrs["url"] = JS_URL
    return graph


def _stored(graph: nx.MultiDiGraph, folder: Path) -> Iterator[Store]:
    with open_store("ladybug", path=str(folder / "graph.lbug")) as store:
        store.load(graph)
        yield store


@pytest.fixture(scope="session")
def example_nx() -> nx.MultiDiGraph:
    return example_graph()


@pytest.fixture(scope="session")
def example(example_nx, tmp_path_factory) -> Iterator[Store]:
    yield from _stored(example_nx, tmp_path_factory.mktemp("example"))


@pytest.fixture(scope="session")
def hostile(tmp_path_factory) -> Iterator[Store]:
    yield from _stored(hostile_graph(), tmp_path_factory.mktemp("hostile"))


@pytest.fixture(scope="session")
def payloads() -> list[str]:
    return PAYLOADS


@pytest.fixture(scope="session")
def browser() -> str:
    found = chromium()
    if found is None:
        pytest.skip("chromium is not installed (apt-get install chromium)")
    return found
