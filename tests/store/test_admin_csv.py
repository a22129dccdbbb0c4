"""neo4j-admin CSV export: headers typed from the schema, every relationship end present, unique
ids, an exact round trip through the reader, and the CLI command that prints the import line."""

from __future__ import annotations

import csv
import shlex

import pytest
from click.testing import CliRunner

from graphkit import schema
from graphkit.cli import main
from graphkit.errors import InputError
from graphkit.graph import build_graph, without_personal_data
from graphkit.records import Edge, Fragment, Node
from graphkit.store import LAYOUT, LAYOUT_LABEL, open_store
from graphkit.store.admin_csv import read_admin_csv, write_admin_csv
from graphkit.store.parquet import write_tables

HOSTILE = ['quote " and, comma', "new\nline\r\n", "emoji 😀", "nul \x00 byte", "x" * 300_000]


def _graph(posts):
    """The example posts plus an entity with aliases, a mention, and hostile texts."""
    lavrov_id = schema.entity_id(schema.PERSON, "Sergey Lavrov")
    lavrov = Node(lavrov_id, schema.PERSON, {"id": lavrov_id, "name": "Sergey Lavrov", "aliases": ["Lavrov", "S; L"]})
    post = posts[3]
    props = {"id": schema.edge_id(schema.MENTIONS, post.id, lavrov_id), "text": "Lavrov", "start": 1, "end": 7}
    graph = build_graph(
        posts, Fragment([lavrov], [Edge(schema.MENTIONS, post.id, lavrov_id, props | {"sentiment": -0.5})])
    )
    for text, node in zip(HOSTILE, [p.id for p in posts[4:]], strict=False):
        graph.nodes[node]["text"] = text
    return graph


def _null_empty(attrs: dict) -> dict:
    return {k: (None if v == "" else v) for k, v in attrs.items()}


def test_round_trip_is_exact_but_for_empty_strings(example_posts, tmp_path):
    graph = _graph(example_posts)
    written = write_admin_csv(graph, str(tmp_path))
    back = read_admin_csv(str(tmp_path))
    assert (written.nodes, written.rels, written.rels_skipped) == (graph.number_of_nodes(), graph.number_of_edges(), 0)
    assert {n: _null_empty(a) for n, a in back.nodes(data=True)} == {
        n: _null_empty(a) for n, a in graph.nodes(data=True)
    }
    assert sorted(back.edges(keys=True, data=True)) == sorted(graph.edges(keys=True, data=True))


# neo4j-admin's type names for the schema's types, written out independently of the module.
NEO4J_TYPES = {"STRING": "string", "INT64": "long", "DOUBLE": "double", "BOOLEAN": "boolean", "STRING[]": "string[]"}


def _read(path: str) -> tuple[list[str], list[list[str]]]:
    with open(path, encoding="utf-8", newline="") as handle:
        header, *rows = list(csv.reader(handle))
    return header, rows


def test_headers_match_the_schema_ids_are_unique_and_every_end_exists(example_posts, tmp_path):
    graph = _graph(example_posts)
    written = write_admin_csv(graph, str(tmp_path))
    ids: list[str] = []
    mark, *node_files = written.node_files  # the store's layout mark, as a load writes it, imported first
    assert _read(mark) == (["id:ID", "layout:long", ":LABEL"], [["store", str(LAYOUT), LAYOUT_LABEL]])
    for path in node_files:
        header, rows = _read(path)
        node = schema.node_type(rows[0][-1])
        assert header == ["id:ID", *(f"{p.name}:{NEO4J_TYPES[p.type]}" for p in node.props[1:]), ":LABEL"]
        ids += [r[0] for r in rows]
    assert len(ids) == len(set(ids))
    for path in written.rel_files:
        header, rows = _read(path)
        rel = schema.rel_type(rows[0][2])
        assert header == [":START_ID", ":END_ID", ":TYPE", *(f"{p.name}:{NEO4J_TYPES[p.type]}" for p in rel.props)]
        assert all(r[0] in ids and r[1] in ids for r in rows)
    assert len(written.rel_files) == len({t for _, _, t in graph.edges(data="type")})


def test_edges_to_nodes_outside_the_graph_are_left_out_and_counted(example_posts, tmp_path):
    graph = _graph(example_posts)
    ghost = schema.post_id("test", "t", "never-read")
    graph.add_edge(example_posts[2].id, ghost, key="reply_to:x", type=schema.REPLY_TO, id="reply_to:x")
    written = write_admin_csv(graph, str(tmp_path))
    assert written.rels_skipped == 1 and written.rels == graph.number_of_edges() - 1


def test_a_list_value_holding_the_delimiter_is_refused(tmp_path):
    node_id = schema.entity_id(schema.PLACE, "x")
    graph = build_graph(
        [], Fragment([Node(node_id, schema.PLACE, {"id": node_id, "name": "x", "aliases": ["a\x1fb"]})])
    )
    with pytest.raises(InputError, match="U\\+001F"):
        write_admin_csv(graph, str(tmp_path))


def test_cli_exports_the_store_and_prints_the_import_command(example_posts, store_path, tmp_path):
    with open_store("ladybug", path=store_path) as store:
        store.load(_graph(example_posts))
    out = tmp_path / "csv"
    result = CliRunner().invoke(main, ["export", "--format", "neo4j-admin", str(out), "--store", store_path])
    assert result.exit_code == 0, result.output
    command = shlex.split(result.stdout.strip().splitlines()[-1])
    assert command[:6] == ["neo4j-admin", "database", "import", "full", "neo4j", "--overwrite-destination"]
    files = [a.partition("=")[2] for a in command if a.startswith(("--nodes=", "--relationships="))]
    assert sorted(files) == sorted(str(p) for p in out.iterdir())


@pytest.mark.parametrize("show_emails", [True, False])
def test_cli_exports_extracted_tables_as_the_graph_they_hold(example_posts, tmp_path, show_emails):
    graph = _graph(example_posts)
    graph.add_node("author:x", label=schema.AUTHOR, name="bob", email="bob@example.org", platform="mbox")
    write_tables(graph, str(tmp_path / "tables"))
    expected = write_admin_csv(graph if show_emails else without_personal_data(graph), str(tmp_path / "expected"))
    args = ["export", "--format", "neo4j-admin", str(tmp_path / "csv"), "--tables", str(tmp_path / "tables")]
    result = CliRunner().invoke(main, args + (["--show-emails"] if show_emails else []))
    assert result.exit_code == 0, result.output
    assert f"Wrote {expected.nodes} nodes and {expected.rels} relationships" in result.output
    got, want = read_admin_csv(str(tmp_path / "csv")), read_admin_csv(str(tmp_path / "expected"))
    assert dict(got.nodes(data=True)) == dict(want.nodes(data=True))
    assert sorted(got.edges(keys=True, data=True)) == sorted(want.edges(keys=True, data=True))
    assert ("bob@example.org" in (tmp_path / "csv" / "nodes_Author.csv").read_text()) == show_emails
