"""Combining the parts' tables keeps each id once where the single-machine graph keeps it, in the order ids
first occur (loading the tables in order meets each post after the posts it answers)."""

from __future__ import annotations

import pyarrow as pa
import pyarrow.feather as feather
import pyarrow.parquet as pq

from graphkit.store.parquet import PARTS, combine_table, node_schema, part_path


def _part(directory, part: str, label: str, rows: list[dict]) -> None:
    (directory / PARTS / part).mkdir(parents=True, exist_ok=True)
    table = pa.Table.from_pylist(rows, node_schema(label))
    feather.write_feather(table, part_path(str(directory / PARTS / part), label), compression="uncompressed")


def test_a_node_keeps_its_last_row_and_its_first_place(tmp_path):
    _part(tmp_path, "a", "Source", [{"id": "source:x", "url": "x1"}, {"id": "source:y", "url": "y1"}])
    _part(tmp_path, "b", "Source", [{"id": "source:z", "url": "z1"}, {"id": "source:x", "url": "x2"}])
    assert combine_table(str(tmp_path), ["a", "b"], "Source") == 3
    rows = pq.read_table(tmp_path / "Source.parquet").to_pylist()
    assert [(r["id"], r["url"]) for r in rows] == [("source:x", "x2"), ("source:y", "y1"), ("source:z", "z1")]


def test_an_author_keeps_its_first_row(tmp_path):
    _part(tmp_path, "a", "Author", [{"id": "author:b", "name": "B"}, {"id": "author:a", "name": "Ann Lee"}])
    _part(tmp_path, "b", "Author", [{"id": "author:a", "name": "Annie"}, {"id": "author:c", "name": "C"}])
    assert combine_table(str(tmp_path), ["a", "b"], "Author") == 3
    rows = pq.read_table(tmp_path / "Author.parquet").to_pylist()
    assert [(r["id"], r["name"]) for r in rows] == [("author:b", "B"), ("author:a", "Ann Lee"), ("author:c", "C")]


def test_a_stub_root_changes_nothing_already_there(tmp_path):
    # a thread going on in a later file that does not hold its root: that file's reading stubs it
    _part(tmp_path, "a", "Article", [{"id": "article:r", "title": "Plan", "stub": False}])
    _part(tmp_path, "b", "Article", [{"id": "article:r", "title": "", "stub": True}, {"id": "article:s", "stub": True}])
    _part(tmp_path, "c", "Article", [{"id": "article:s", "title": "Read", "stub": False}])
    assert combine_table(str(tmp_path), ["a", "b", "c"], "Article") == 2
    rows = pq.read_table(tmp_path / "Article.parquet").to_pylist()
    assert [(r["title"], r["stub"]) for r in rows] == [("Plan", False), ("Read", False)]
