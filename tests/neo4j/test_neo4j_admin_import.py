"""The neo4j-admin CSVs go through Neo4j's own bulk importer (from the harness's classpath) and
give the same numbers of nodes, relationships and properties as a normal load."""

from __future__ import annotations

import os
import re
import shlex
import shutil
import subprocess

import pytest
from neo4j_server import Neo4jUnavailable, build_harness

from graphkit.store import LAYOUT_LABEL
from graphkit.store.admin_csv import write_admin_csv

# the graph's nodes and relationships, as an import writes them (a load also marks the database's layout)
TOTALS = (
    f"CALL {{ MATCH (n) WHERE NOT n:{LAYOUT_LABEL} RETURN count(n) AS nodes, sum(size(keys(n))) AS np }} "
    "CALL { MATCH ()-[r]->() RETURN count(r) AS rels, sum(size(keys(r))) AS rp } "
    "RETURN nodes, rels, np + rp"
)


def _admin_import(command: str, home: str) -> tuple[int, int, int]:
    """Run ``neo4j-admin`` (org.neo4j.cli.AdminTool) on a fresh NEO4J_HOME; its import summary."""
    java = shutil.which("java")
    try:
        classpath = build_harness()
    except Neo4jUnavailable as exc:
        pytest.skip(f"no neo4j-admin here: {exc}")
    if java is None:
        pytest.skip("java is missing: neo4j-admin cannot run")
    os.makedirs(os.path.join(home, "conf"))
    open(os.path.join(home, "conf", "neo4j.conf"), "w").close()
    env = dict(os.environ, NEO4J_HOME=home, NEO4J_CONF=os.path.join(home, "conf"), CLASSPATH=os.pathsep.join(classpath))
    # a toy import: a JVM that starts fast (no optimising compiler, serial GC) and a small page cache
    # instead of most of the machine's free memory
    jvm = [java, "-Xmx1g", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1", "org.neo4j.cli.AdminTool"]
    args = [*shlex.split(command)[1:], "--max-off-heap-memory=64M"]
    # run in NEO4J_HOME: the importer writes its import.report into the working directory
    done = subprocess.run([*jvm, *args], env=env, cwd=home, capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stdout[-2000:] + done.stderr[-2000:]
    found = re.search(r"Imported:\s+(\d+) nodes\s+(\d+) relationships\s+(\d+) properties", done.stdout)
    assert found, done.stdout[-2000:]
    return tuple(int(g) for g in found.groups())


def test_bulk_import_matches_a_normal_load(neo4j_store, example_graph, tmp_path):
    graph = example_graph.copy()
    some = next(n for n, label in graph.nodes(data="label") if label == "Comment")
    graph.nodes[some]["text"] = 'quote ", comma, new\nline, nul \x00, emoji 😀'
    neo4j_store.load(graph)
    [expected] = neo4j_store.query(TOTALS).rows
    written = write_admin_csv(graph, str(tmp_path / "csv"))
    nodes, rels, props = expected
    # and the layout mark, its id and layout
    assert _admin_import(written.command(), str(tmp_path / "home")) == (nodes + 1, rels, props + 2)
