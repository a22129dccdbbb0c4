"""A stub signed by the writer its input names, then filled by its real post signed by another Author id: the post
is written by its own writer only, in one batch, across batches, in a cluster's combined tables and in the
embedded store, whatever comes first (tests/neo4j has Neo4j's)."""

from __future__ import annotations

import os

import pytest

from graphkit import schema
from graphkit.extract import Extractor
from graphkit.graph import build_graph
from graphkit.pipeline import extract_graph, load
from graphkit.records import Fragment
from graphkit.store import open_store
from graphkit.store.parquet import PARTS, combine_table, read_tables, tables_of_parts, write_part
from graphkit.store.rows import Batch, rel_rows
from tests.incremental import differences, stored
from tests.stubs import filled_parents, own_writers, page_posts, stored_writers


def _writers(graph, ids: list[str]) -> dict[str, list[str]]:
    """The Authors of the WROTE edges into each of ``ids`` in a graph (networkx's or a ``Batch``)."""
    out: dict[str, list[str]] = {i: [] for i in ids}
    for group in rel_rows(graph):
        for row in group.rows:
            if group.type == schema.WROTE and row["to"] in out:
                out[row["to"]].append(row["from"])
    return {i: sorted(writers) for i, writers in out.items()}


def test_the_case_has_stubs_signed_by_another_id_than_their_posts():
    posts = page_posts()
    parents = filled_parents(posts)
    stubs = {p.id: p for p in posts if p.meta.get("stub")}
    assert len(parents) >= 2
    assert all(stubs[p.id].author_key and stubs[p.id].author_key != p.author_key for p in parents)


@pytest.mark.parametrize("into", [None, Batch], ids=["networkx", "batch"])
def test_a_post_filling_its_stub_in_one_batch_has_its_own_writer_only(into):
    posts = page_posts()
    parents = filled_parents(posts)
    ids = [p.id for p in parents]
    for order in (posts + parents, parents + posts):
        graph = build_graph(order, Fragment(), into=into() if into else None)
        assert _writers(graph, ids) == own_writers(parents)


def test_a_post_filling_its_stub_in_a_later_batch_has_its_own_writer_only():
    posts = page_posts()
    parents = filled_parents(posts)
    ids = [p.id for p in parents]
    wrote = {}
    for size in (1, 7, 100_000):
        for first in (True, False):
            order = posts + parents if first else parents + posts
            graph = extract_graph(order, Extractor(entities=False, workers=1), batch_size=size)
            assert _writers(graph, ids) == own_writers(parents), (size, first)
            wrote[size, first] = sorted((a, b) for a, b, t in graph.edges(data="type") if t == schema.WROTE)
    for (_, first), edges in wrote.items():
        assert edges == wrote[100_000, first]


def test_combined_tables_credit_a_post_filling_a_stub_of_another_part_its_own_writer_only(tmp_path):
    posts = page_posts()
    parents = filled_parents(posts)
    ids = [p.id for p in parents]
    for n, parts in enumerate(([posts, parents], [parents, posts])):
        out = str(tmp_path / str(n))
        for name, part in zip("ab", parts, strict=True):
            write_part(build_graph(part, Fragment()), os.path.join(out, PARTS, name))
        for name, _ in tables_of_parts():
            combine_table(out, ["a", "b"], name)
        assert _writers(read_tables(out), ids) == own_writers(parents)


def test_a_store_credits_a_post_filling_a_stub_its_own_writer_only_at_every_batch_size(tmp_path):
    posts = page_posts()
    parents = filled_parents(posts)
    ids = [p.id for p in parents]
    got = {}
    for size in (7, 100_000):
        for n, loads in enumerate(([posts + parents], [posts, parents], [parents, posts])):
            with open_store("ladybug", path=str(tmp_path / f"{size}-{n}.lbug")) as store:
                for part in loads:
                    load(part, store, Extractor(entities=False, workers=1), size)
                assert stored_writers(store, ids) == own_writers(parents), (size, n)
                got[size, n] = once = stored(store)
                load(loads[-1], store, Extractor(entities=False, workers=1), size)
                assert differences(stored(store), once) == [], (size, n)
    for (size, n), graph in got.items():
        assert differences(graph, got[100_000, n]) == [], (size, n)
        assert n == 2 or differences(graph, got[size, 0]) == [], (size, n)  # read in the same order: one load or two
