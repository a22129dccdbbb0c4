"""The CLI against a real Neo4j: init-db, load, stats, read-only queries, and one-line errors
for a wrong password or an unreachable server."""

from __future__ import annotations

import os
import subprocess
import sys
import uuid
from pathlib import Path

import pytest
from click.testing import CliRunner

from graphkit import schema
from graphkit.cli import main
from graphkit.store import LAYOUT_LABEL, open_store
from graphkit.store import cypher as statements
from graphkit.store.rows import WAITING

ROOT = Path(__file__).parents[2]
SOURCES = Path(__file__).parents[1] / "data" / "sources"
SCHEMA = "SHOW {} YIELD id, name, type, labelsOrTypes, properties WHERE type <> 'LOOKUP' RETURN * ORDER BY name"


def _run(options, *args: str, password: str | None = None):
    env = {"NEO4J_PASSWORD": password or options["password"] or ""}
    return CliRunner().invoke(main, [*args, "--neo4j", options["uri"]], env=env, catch_exceptions=False)


def _schema(store) -> tuple[list, list]:
    return store.query(SCHEMA.format("CONSTRAINTS")).rows, store.query(SCHEMA.format("INDEXES")).rows


def test_init_db_creates_constraints_and_indexes_and_a_second_run_changes_nothing(neo4j_options):
    with open_store("neo4j", **neo4j_options) as store:
        for _, name, *_ in store.query(SCHEMA.format("CONSTRAINTS")).rows:
            store.query(f"DROP CONSTRAINT {name}", write=True)
        for _, name, *_ in store.query(SCHEMA.format("INDEXES")).rows:
            store.query(f"DROP INDEX {name}", write=True)
        assert _schema(store) == ([], [])
        assert _run(neo4j_options, "init-db").exit_code == 0
        constraints, indexes = _schema(store)
        assert _run(neo4j_options, "init-db").exit_code == 0
        assert _schema(store) == (constraints, indexes)
    layout = (LAYOUT_LABEL, "id")  # two first loads at once make one layout mark
    waiting = (WAITING, "id")  # an edge waiting for an end a later batch brings is kept once
    assert {(labels[0], props[0]) for _, _, _, labels, props in constraints} == {
        *((n.label, "id") for n in schema.NODES),
        layout,
        waiting,
    }
    kinds = {name: kind for _, name, kind, *_ in indexes}
    assert kinds["post_text"] == kinds["entity_names"] == "FULLTEXT"
    assert kinds["article_title"] == "RANGE"
    creates = [s for s in statements.schema_statements() if s.startswith("CREATE ")]
    assert len(indexes) == len(creates)  # each constraint has its index


def test_load_stats_and_query_through_the_cli(neo4j_options):
    thread = str(SOURCES / "reddit-page.json")
    loaded = _run(neo4j_options, "load", thread, "--no-entities", "--workers", "1")
    assert loaded.exit_code == 0, loaded.output
    again = _run(neo4j_options, "load", thread, "--no-entities", "--workers", "1")
    assert "; 0 nodes created" in again.output and "; 0 relationships created" in again.output
    with open_store("neo4j", **neo4j_options) as store:
        counts = store.counts()
    assert counts["Comment"] > 0
    stats = _run(neo4j_options, "stats")
    assert stats.output.split() == [str(x) for item in counts.items() for x in item]
    listed = _run(neo4j_options, "query", "MATCH (c:Comment) RETURN count(c) AS n", "--format", "json")
    assert listed.output.strip() == f'[{{"n": {counts["Comment"]}}}]'


def test_query_without_write_cannot_write(neo4j_options):
    refused = _run(neo4j_options, "query", "CREATE (:Article {id: 'defaced'})")
    assert refused.exit_code == 1
    assert refused.output.strip().splitlines() == ["Error: the query tries to write; pass --write to allow writes"]
    allowed = _run(neo4j_options, "query", "CREATE (:Article {id: 'x'}) RETURN 1 AS ok", "--write")
    assert allowed.exit_code == 0
    with open_store("neo4j", **neo4j_options) as store:
        assert store.query("MATCH (a:Article) RETURN a.id").rows == [["x"]]


def test_wrong_password_is_a_one_line_error_without_the_password(neo4j_options):
    if not neo4j_options["password"]:
        pytest.skip("the server in use has auth off: no password can be wrong")
    result = _run(neo4j_options, "stats", password="wrong-staple")
    assert result.exit_code == 1
    assert result.output.count("\n") == 1 and f"refused user '{neo4j_options['user']}'" in result.output
    assert "wrong-staple" not in result.output
    assert _run(neo4j_options, "stats").exit_code == 0


@pytest.mark.parametrize(
    ("uri", "message"),
    [("bolt://127.0.0.1:1", "cannot reach Neo4j"), ("http://127.0.0.1:7474", "not a Neo4j URI")],
)
def test_unreachable_or_bad_uri_is_a_one_line_error(uri, message):
    result = _run({"uri": uri, "password": "secret-pw"}, "stats")
    assert result.exit_code == 1
    assert result.output.count("\n") == 1 and message in result.output
    assert "secret-pw" not in result.output


@pytest.mark.parametrize("uri", ["bolt://neo4j:secret-pw@127.0.0.1:1", "neo4j+s://admin:secret-pw@127.0.0.1:1"])
def test_a_password_in_the_uri_is_refused_in_one_line_that_says_where_it_goes(uri):
    """The driver takes no user or password in the URI: the error says where they go, and shows neither."""
    result = _run({"uri": uri, "password": "other-pw"}, "stats")
    assert result.exit_code == 1
    where = uri.split(":")[0] + "://127.0.0.1:1"
    assert result.output.splitlines() == [
        f"Error: {where}: give the user with --neo4j-user and the password in NEO4J_PASSWORD, not in the URI"
    ]
    assert "secret-pw" not in result.output and "other-pw" not in result.output


def _graphkit(options, *args: str) -> subprocess.CompletedProcess:
    """The command in a process of its own, with the driver's logging left as a user's run has it."""
    env = {**os.environ, "PYTHONPATH": str(ROOT), "NEO4J_PASSWORD": options["password"] or ""}
    for name in ("NEO4J_URI", "NEO4J_USERNAME", "NEO4J_DATABASE"):
        env.pop(name, None)
    store = ["--neo4j", options["uri"], "--neo4j-user", options["user"]]
    store += ["--neo4j-database", options["database"]] if options["database"] else []
    return subprocess.run(
        [sys.executable, "-m", "graphkit", *args, *store], capture_output=True, text=True, env=env, check=False
    )


def test_a_misspelt_name_warns_once_and_the_load_logs_nothing_and_errors_still_show(neo4j_options):
    """A label, type or property neither the store nor the schema has finds nothing: each gets one warning line
    (the embedded store refuses such a query), the rows still come; the driver's own notices are not shown."""
    unknown = f"NEVER_{uuid.uuid4().hex.upper()}"
    cypher = f"MATCH (a:Coment)-[r:{unknown}]->() RETURN count(r) AS n, count(a.{unknown.lower()}) AS m, count(a.txt)"
    asked = _graphkit(neo4j_options, "query", cypher, "--format", "json")
    assert asked.returncode == 0, asked.stderr
    assert asked.stdout.strip() == '[{"n": 0, "m": 0, "count(a.txt)": 0}]'
    warnings = asked.stderr.splitlines()
    assert len(warnings) == 4 and all(w.startswith("Warning: no ") for w in warnings), warnings
    assert sum("label Coment" in w and "(did you mean Comment?)" in w for w in warnings) == 1
    assert sum(f"relationship type {unknown} " in w for w in warnings) == 1
    assert sum("property txt " in w and "(did you mean text?)" in w for w in warnings) == 1
    odd = _graphkit(neo4j_options, "query", "MATCH (a:`Com\nment\x1b]0;t\x07`) RETURN count(a) AS n")
    assert odd.returncode == 0, odd.stderr
    assert odd.stderr.splitlines() == [
        "Warning: no label Com ment\ufffd]0;t\ufffd in the store or the schema (did you mean Comment?)"
    ]
    loaded = _graphkit(neo4j_options, "load", str(SOURCES / "reddit-page.json"), "--no-entities", "--workers", "1")
    assert loaded.returncode == 0, loaded.stderr
    assert "notification" not in loaded.stderr.lower() and "warning" not in loaded.stderr.lower()
    named = _graphkit(neo4j_options, "query", "MATCH (:Comment)-[f:FORWARDS]->(a:Author) RETURN count(a.guest)")
    assert named.returncode == 0 and named.stderr == ""  # the schema's names: none stored yet is no typo
    wrong = _graphkit(neo4j_options, "query", "MATCH (n RETURN n")
    assert wrong.returncode == 1 and wrong.stderr.startswith("Error: ") and len(wrong.stderr.splitlines()) == 1
