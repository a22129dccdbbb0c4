"""The networkx graph and its exports: node-link JSON round trip, GraphML and GEXF for Gephi."""

from __future__ import annotations

import json
from dataclasses import replace

import networkx as nx
import pytest

from graphkit import schema
from graphkit.errors import InputError
from graphkit.graph import build_graph, merge, read_graph, write_graph
from graphkit.records import Fragment, Node
from tests.cli_runs import run
from tests.conftest import EXAMPLE


def _entity(*aliases: str) -> Node:
    node_id = schema.entity_id(schema.PLACE, "United States")
    return Node(node_id, schema.PLACE, {"id": node_id, "name": "United States", "aliases": list(aliases)})


def test_node_link_json_follows_the_export_contract_and_round_trips(example_posts, tmp_path):
    graph = build_graph(example_posts, Fragment([_entity("US", "USA")]))
    path = tmp_path / "graph.json"
    write_graph(graph, str(path))
    data = json.loads(path.read_text(encoding="utf-8"))
    assert len(data["nodes"]) == graph.number_of_nodes() and len(data["edges"]) == graph.number_of_edges()
    for node in data["nodes"]:
        assert set(schema.node_type(node["label"]).names) <= set(node)
    for edge in data["edges"]:
        assert {"source", "target", "type"} <= set(edge)
        assert set(schema.rel_type(edge["type"]).names) <= set(edge)
    back = read_graph(str(path))
    assert nx.utils.graphs_equal(back, graph)


@pytest.mark.parametrize("suffix", [".graphml", ".gexf"])
def test_gephi_formats_are_readable_with_aliases_joined(example_posts, tmp_path, suffix):
    graph = build_graph(example_posts, Fragment([_entity("US", "USA")]))
    path = tmp_path / f"graph{suffix}"
    write_graph(graph, str(path))
    back = nx.read_graphml(path) if suffix == ".graphml" else nx.read_gexf(path)
    assert back.number_of_nodes() == graph.number_of_nodes()
    assert back.number_of_edges() == graph.number_of_edges()
    assert back.nodes[schema.entity_id(schema.PLACE, "United States")]["aliases"] == "US|USA"


@pytest.mark.parametrize("suffix", [".graphml", ".gexf"])
def test_gephi_formats_stay_readable_with_control_characters(example_posts, tmp_path, suffix):
    posts = [replace(example_posts[0], text="nul \x00 vt \x0b ff \x0c \ufffe end\tand\n")]
    graph = build_graph(posts, Fragment())
    path = tmp_path / f"graph{suffix}"
    write_graph(graph, str(path))
    back = nx.read_graphml(path) if suffix == ".graphml" else nx.read_gexf(path)
    assert back.nodes[posts[0].id]["text"] == "nul \ufffd vt \ufffd ff \ufffd \ufffd end\tand\n"


def test_a_graph_graphkit_extract_wrote_is_read_whole(tmp_path):
    """What ``graphkit extract`` writes of the example thread is read back as it is: every node labelled, every
    edge between nodes the file holds (a view of it refuses neither)."""
    path = tmp_path / "graph.json"
    run("extract", str(EXAMPLE), "-o", str(path))
    data = json.loads(path.read_text(encoding="utf-8"))
    graph = read_graph(str(path))
    assert graph.number_of_nodes() == len(data["nodes"]) > 20
    assert graph.number_of_edges() == len(data["edges"]) > 20


def test_merge_unions_entity_aliases():
    first, second = build_graph([], Fragment([_entity("US")])), build_graph([], Fragment([_entity("USA")]))
    merge(first, second)
    assert first.nodes[schema.entity_id(schema.PLACE, "United States")]["aliases"] == ["US", "USA"]


def test_reading_something_else_is_a_clear_error(tmp_path):
    bad = tmp_path / "x.json"
    bad.write_text("[1, 2", encoding="utf-8")
    with pytest.raises(InputError, match="not a graphkit node-link JSON"):
        read_graph(str(bad))
    with pytest.raises(InputError, match="unsupported export format"):
        write_graph(nx.MultiDiGraph(), str(tmp_path / "x.csv"))


def _break(data: dict, fault: str) -> None:
    """Make the node-link data of the example break the schema as ``fault`` says."""
    author = next(n for n in data["nodes"] if n["label"] == schema.AUTHOR)
    wrote = next(e for e in data["edges"] if e["type"] == schema.WROTE)
    if fault == "label":
        author["label"] = "Author) DETACH DELETE n //"
    elif fault == "type":
        wrote["type"] = "WROTE]->() DETACH DELETE n //"
    elif fault == "ends":
        wrote["source"], wrote["target"] = wrote["target"], wrote["source"]
    elif fault == "value":
        author["name"] = ["a", "list"]
    elif fault == "flag":
        author["guest"] = "yes"
    elif fault == "id":
        data["nodes"].append({"id": 5})
    elif fault == "unlabelled":
        del author["label"]
    elif fault == "unheld":
        wrote["target"] = "comment:not-in-the-file"


@pytest.mark.parametrize(
    ("fault", "message"),
    [
        ("label", "has label 'Author) DETACH DELETE n //', not one of the schema's"),
        ("type", "has type 'WROTE]->() DETACH DELETE n //', not one of the schema's"),
        ("ends", " to Author, which the schema's WROTE does not"),
        ("value", "name is ['a', 'list'], not STRING"),
        ("flag", "guest is 'yes', not BOOLEAN"),
        ("id", "node id 5 is not text"),
        ("unlabelled", " has no label"),
        ("unheld", " joins 'comment:not-in-the-file', a node the file does not hold"),
    ],
)
def test_a_graph_file_the_schema_does_not_fit_is_refused_in_one_line(example_posts, tmp_path, fault, message):
    """A graph file is input like any other: what the store cannot load is said in one line, before a store is
    made of it (a view of it loads it into one)."""
    path = tmp_path / "graph.json"
    write_graph(build_graph(example_posts, Fragment()), str(path))
    data = json.loads(path.read_text(encoding="utf-8"))
    _break(data, fault)
    path.write_text(json.dumps(data), encoding="utf-8")
    with pytest.raises(InputError) as refused:
        read_graph(str(path))
    assert str(refused.value).startswith(f"{path}: ") and message in str(refused.value)
    assert "\n" not in str(refused.value)
