"""GraphML and GEXF exports open in networkx, igraph and Gephi as users expect: names as labels,
the node label and edge type as ``kind``, character offsets as plain attributes of a static graph."""

from __future__ import annotations

import json
import xml.etree.ElementTree as ET
from pathlib import Path

import igraph
import networkx as nx
import pytest
from click.testing import CliRunner

from graphkit import schema
from graphkit.cli import main

EXAMPLE = Path(__file__).parent / "data" / "palmyra-lavrov-thread.txt"
_NAME_OF = {
    schema.ARTICLE: "title",
    schema.AUTHOR: "name",
    schema.SOURCE: "domain",
    **dict.fromkeys(schema.ENTITY_LABELS, "name"),
}


def _extract(out: Path, *options: str) -> Path:
    result = CliRunner().invoke(main, ["extract", str(EXAMPLE), "-o", str(out), "--workers", "1", *options])
    assert result.exit_code == 0, result.output
    return out


@pytest.fixture(scope="module")
def exports(tmp_path_factory) -> dict[str, Path]:
    """The example extracted without entities into each format (fast), and the JSON read back as the truth."""
    folder = tmp_path_factory.mktemp("gephi")
    return {suffix: _extract(folder / f"graph{suffix}", "--no-entities") for suffix in (".json", ".graphml", ".gexf")}


def _truth(exports) -> tuple[dict, list]:
    data = json.loads(exports[".json"].read_text(encoding="utf-8"))
    return {n["id"]: n for n in data["nodes"]}, data["edges"]


def _expected_label(attrs: dict) -> str:
    if attrs["label"] == schema.COMMENT:
        return " ".join(attrs["text"].split())[:20]
    return attrs[_NAME_OF[attrs["label"]]]


@pytest.mark.parametrize("suffix", [".graphml", ".gexf"])
def test_networkx_reads_names_as_labels_and_kinds_as_attributes(exports, suffix):
    nodes, edges = _truth(exports)
    back = nx.read_graphml(exports[suffix]) if suffix == ".graphml" else nx.read_gexf(exports[suffix])
    assert (back.number_of_nodes(), back.number_of_edges()) == (len(nodes), len(edges))
    assert {schema.ARTICLE, schema.COMMENT, schema.AUTHOR, schema.SOURCE} <= {a["label"] for a in nodes.values()}
    for node, attrs in nodes.items():
        assert back.nodes[node]["kind"] == attrs["label"]
        assert back.nodes[node]["label"].startswith(_expected_label(attrs)), node
    assert sorted(t for *_, t in back.edges(data="kind")) == sorted(e["type"] for e in edges)
    comment = next(n for n, a in nodes.items() if a["label"] == schema.COMMENT)
    assert (back.nodes[comment]["offset_start"], back.nodes[comment]["offset_end"]) == (
        nodes[comment]["start"],
        nodes[comment]["end"],
    )


def test_gexf_is_a_static_graph_without_time_intervals(exports):
    root = ET.parse(exports[".gexf"]).getroot()
    ns = {"g": root.tag.split("}")[0][1:]}
    graph = root.find("g:graph", ns)
    assert graph.get("mode") == "static"
    assert all(a.get("mode", "static") == "static" for a in graph.findall("g:attributes", ns))
    for element in (*root.iter(f"{{{ns['g']}}}node"), *root.iter(f"{{{ns['g']}}}edge")):
        assert not {"start", "end", "startopen", "endopen"} & set(element.attrib), element.attrib
        assert element.find("g:spells", ns) is None
    assert nx.read_gexf(exports[".gexf"]).graph["mode"] == "static"


def test_igraph_reads_the_graphml_with_names_and_counts(exports):
    nodes, edges = _truth(exports)
    back = igraph.Graph.Read_GraphML(str(exports[".graphml"]))
    assert (back.vcount(), back.ecount()) == (len(nodes), len(edges))
    by_id = {v["id"]: v for v in back.vs}
    for node, attrs in nodes.items():
        assert by_id[node]["kind"] == attrs["label"]
        assert by_id[node]["label"].startswith(_expected_label(attrs))
    assert sorted(back.es["kind"]) == sorted(e["type"] for e in edges)


def test_entities_are_labelled_by_name_in_gexf(tmp_path):
    back = nx.read_gexf(_extract(tmp_path / "graph.gexf"))
    entities = [a for _, a in back.nodes(data=True) if a["kind"] in schema.ENTITY_LABELS]
    assert entities and all(a["label"] == a["name"] for a in entities)
    assert "Sergey Lavrov" in {a["label"] for a in entities}
