"""Hostile queries on a real Neo4j: without --allow-files, LOAD CSV (files or URLs), procedures
outside graphkit's read-only list and APOC calls that run Cypher given as text or reach files are
refused with one line before anything runs, with or without --write; --allow-files lets them run
(where the server itself allows them)."""

from __future__ import annotations

import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest
from click.testing import CliRunner
from neo4j import GraphDatabase
from neo4j_server import neo4j_uri_from_env

from graphkit.cli import main
from graphkit.store.neo4j import _outside

SECRET = "TOPSECRET-7f3a"
LOAD_CSV = "reads files or URLs (LOAD CSV)"
ADMINISTRATION = "runs an administration command (users, roles, databases)"
LOCAL_SERVER = "the harness server reads this machine's files and network; another server may not"


def _query(options, cypher: str, *flags: str):
    env = {"NEO4J_PASSWORD": options["password"] or ""}
    args = ["query", cypher, "--format", "json", "--neo4j", options["uri"], *flags]
    return CliRunner().invoke(main, args, env=env, catch_exceptions=False)


def _refused(result, kind: str) -> None:
    assert result.exit_code == 1, result.output
    assert result.stderr.strip().splitlines() == [f"Error: the query {kind}; pass --allow-files to allow it"]
    assert result.stdout == ""


@pytest.fixture
def secret_file(tmp_path) -> str:
    """A file URL of a CSV holding SECRET (the harness server reads absolute file URLs)."""
    path = tmp_path / "secret.csv"
    path.write_text(f"who,secret\nroot,{SECRET}\n", encoding="utf-8")
    return path.as_uri()


@pytest.fixture
def csv_url():
    """An HTTP URL on this machine serving a CSV with SECRET, and the list of requests it got."""
    requests: list[str] = []

    class Handler(BaseHTTPRequestHandler):
        def do_GET(self) -> None:  # noqa: N802  (the http.server hook name)
            requests.append(self.path)
            body = f"who,secret\nroot,{SECRET}\n".encode()
            self.send_response(200)
            self.send_header("Content-Type", "text/csv")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, *args: object) -> None:
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/secret.csv", requests
    finally:
        server.shutdown()
        thread.join()
        server.server_close()


@pytest.mark.parametrize("flags", [(), ("--write",)])
def test_load_csv_from_a_file_is_refused_and_the_file_is_not_read(neo4j_options, secret_file, flags):
    result = _query(neo4j_options, f"LOAD CSV WITH HEADERS FROM '{secret_file}' AS row RETURN row.secret AS s", *flags)
    _refused(result, LOAD_CSV)
    assert SECRET not in result.output


@pytest.mark.parametrize("flags", [(), ("--write",)])
def test_load_csv_from_a_url_is_refused_and_nothing_is_fetched(neo4j_options, csv_url, flags):
    url, requests = csv_url
    cypher = f"MATCH (n) WITH count(n) AS n CALL (n) {{ LOAD CSV FROM '{url}' AS row RETURN row }} RETURN row"
    result = _query(neo4j_options, cypher, *flags)
    _refused(result, LOAD_CSV)
    assert requests == [] and SECRET not in result.output


# LOAD CSV in a subquery expression the planner solves inside an expression (in a list comprehension, a CASE, an
# ORDER BY): the plan shows no LoadCSV operator, only the expression's text in an operator's details.
NESTED_LOADS = [
    "RETURN [x IN [1] | COLLECT {{ LOAD CSV FROM '{source}' AS row RETURN row[1] }}] AS s",
    "RETURN CASE WHEN rand() < 2 THEN COLLECT {{ LOAD CSV FROM '{source}' AS row RETURN row[1] }} END AS s",
    "RETURN [x IN [1] WHERE EXISTS {{ load /* csv */ csv FROM '{source}' AS row RETURN row }} | 'read'] AS s",
    "UNWIND [1] AS x RETURN x ORDER BY COLLECT {{ LOAD CSV FROM '{source}' AS row RETURN row }}[0]",
]


@pytest.mark.parametrize("cypher", NESTED_LOADS)
@pytest.mark.parametrize("flags", [(), ("--write",)])
def test_load_csv_in_a_subquery_expression_is_refused_and_nothing_is_read(
    neo4j_options, secret_file, csv_url, cypher, flags
):
    url, requests = csv_url
    for source in (secret_file, url):
        result = _query(neo4j_options, cypher.format(source=source), *flags)
        _refused(result, LOAD_CSV)
        assert SECRET not in result.output
    assert requests == []


@pytest.mark.skipif(neo4j_uri_from_env() is not None, reason=LOCAL_SERVER)
def test_allow_files_lets_load_csv_read_a_file_and_a_url(neo4j_options, secret_file, csv_url):
    url, requests = csv_url
    for source in (secret_file, url):
        cypher = f"LOAD CSV WITH HEADERS FROM '{source}' AS row RETURN row.secret AS s"
        result = _query(neo4j_options, cypher, "--allow-files")
        assert result.exit_code == 0, result.output
        assert result.stdout.strip() == f'[{{"s": "{SECRET}"}}]'
    assert requests == ["/secret.csv"]


@pytest.mark.parametrize(
    ("cypher", "procedure"),
    [
        ("CALL dbms.listConfig() YIELD name RETURN name", "dbms.listConfig"),
        ("CALL db.clearQueryCaches()", "db.clearQueryCaches"),
        (
            "CALL () { CALL dbms.listConnections() YIELD connectionId RETURN connectionId } RETURN *",
            "dbms.listConnections",
        ),
        ("USE system CALL dbms.listConfig() YIELD name RETURN name", "dbms.listConfig"),
        ("USE system CALL db.clearQueryCaches()", "db.clearQueryCaches"),
    ],
)
@pytest.mark.parametrize("flags", [(), ("--write",)])
def test_procedures_off_the_read_only_list_are_refused(neo4j_options, cypher, procedure, flags):
    kind = f"calls procedure {procedure}, which is not on graphkit's read-only list (CALL)"
    _refused(_query(neo4j_options, cypher, *flags), kind)
    allowed = _query(neo4j_options, cypher, *flags, "--allow-files")
    assert allowed.exit_code == 0, allowed.output
    # procedures on the list, and plain reads, run with the same flags
    listed = _query(neo4j_options, "CALL db.propertyKeys() YIELD propertyKey RETURN count(*) AS n", *flags)
    assert listed.exit_code == 0, listed.output
    read = _query(neo4j_options, "MATCH (n) RETURN count(n) AS n", *flags)
    assert read.exit_code == 0 and read.stdout.strip() == '[{"n": 0}]'


# LOAD CSV with its keywords glued to a number or parted by a byte-order mark: the server's lexer reads no keyword
# in either (a number's letters end in no keyword; the mark is no whitespace there, nor dropped leading the text).
GLUED_LOADS = [
    "WITH 1 AS x WHERE x < 1e5LOAD CSV FROM '{source}' AS row RETURN row",
    "WITH 1 AS x WHERE x < 0x1LOAD CSV FROM '{source}' AS row RETURN row",
    "WITH 1 AS x WHERE x < 1.5e3LOAD CSV FROM '{source}' AS row RETURN row",
    "\ufeffLOAD CSV FROM '{source}' AS row RETURN row",
    "LOAD\ufeffCSV FROM '{source}' AS row RETURN row",
    "WITH 1 AS x\ufeffLOAD CSV FROM '{source}' AS row RETURN row",
]


@pytest.mark.parametrize("cypher", GLUED_LOADS)
def test_load_csv_glued_to_a_number_or_a_byte_order_mark_is_no_load_to_the_server(neo4j_options, secret_file, cypher):
    """Refused with one line and nothing read; even with --allow-files, by the server, which reads no LOAD CSV."""
    for flags in ((), ("--allow-files",)):
        result = _query(neo4j_options, cypher.format(source=secret_file), *flags)
        assert result.exit_code == 1 and len(result.stderr.strip().splitlines()) == 1, result.output
        assert SECRET not in result.output
    assert result.stderr.startswith("Error: Invalid input"), result.stderr


@pytest.mark.parametrize(
    ("cypher", "procedure"),
    [
        ("RETURN [x IN [1] | COLLECT { CALL dbms.listConfig() YIELD name RETURN name }] AS s", "dbms.listConfig"),
        (
            "UNWIND [1] AS x RETURN x ORDER BY COLLECT { CALL db.clearQueryCaches() YIELD value RETURN value }[0]",
            "db.clearQueryCaches",
        ),
    ],
)
@pytest.mark.parametrize("flags", [(), ("--write",)])
def test_procedures_in_a_subquery_expression_are_refused_as_when_called_alone(neo4j_options, cypher, procedure, flags):
    """The planner solves these subqueries inside an expression: the plan has no ProcedureCall operator for them."""
    _refused(
        _query(neo4j_options, cypher, *flags),
        f"calls procedure {procedure}, which is not on graphkit's read-only list (CALL)",
    )
    allowed = _query(neo4j_options, cypher, *flags, "--allow-files")
    assert allowed.exit_code == 0, allowed.output


@pytest.mark.parametrize(
    ("cypher", "kind"),
    [
        (
            "USE system CALL dbms.listConfig() YIELD name RETURN name",
            "calls procedure dbms.listConfig, which is not on graphkit's read-only list (CALL)",
        ),
        ("USE system CALL db.labels() YIELD label RETURN label", None),
        ("USE system SHOW SETTINGS YIELD name", ADMINISTRATION),
    ],
)
def test_the_plan_check_reads_the_system_databases_plans(neo4j_options, cypher, kind):
    """There a procedure call is one operator named after the procedure, no ProcedureCall: the plan, read after the
    query's tokens, refuses it too."""
    auth = (neo4j_options["user"], neo4j_options["password"]) if neo4j_options["password"] else None
    with GraphDatabase.driver(neo4j_options["uri"], auth=auth) as driver, driver.session() as session:
        plan = session.run(f"EXPLAIN {cypher}").consume().plan
    assert _outside(plan) == kind


@pytest.mark.parametrize("flags", [(), ("--write",)])
def test_ending_the_servers_transactions_is_refused_and_a_load_beside_it_commits(neo4j_options, flags):
    """The server's other transactions are other clients' (a load in progress): a query ending them would undo
    their writes."""
    auth = (neo4j_options["user"], neo4j_options["password"]) if neo4j_options["password"] else None
    with GraphDatabase.driver(neo4j_options["uri"], auth=auth) as driver:
        with (
            driver.session(database=neo4j_options["database"]) as session,
            session.begin_transaction(metadata={"graphkit_test": "beside"}) as tx,
        ):
            tx.run("CREATE (:Article {id: 'beside'})").consume()
            shown = (
                "SHOW TRANSACTIONS YIELD transactionId AS t, metaData WHERE metaData.graphkit_test = 'beside' RETURN t"
            )
            (beside,), _, _ = driver.execute_query(shown)
            cypher = f"TERMINATE TRANSACTIONS '{beside['t']}'"
            _refused(_query(neo4j_options, cypher, *flags), "ends the server's transactions (TERMINATE TRANSACTIONS)")
            tx.commit()
        records, _, _ = driver.execute_query("MATCH (a:Article {id: 'beside'}) RETURN count(a) AS n")
    assert records[0]["n"] == 1


@pytest.mark.parametrize(
    ("cypher", "kind"),
    [
        ("SHOW TRANSACTIONS YIELD currentQuery, parameters", "lists the server's transactions (SHOW TRANSACTIONS)"),
        ("SHOW SETTINGS YIELD name, value", "reads the server's settings (SHOW SETTINGS)"),
        ("SHOW USERS", ADMINISTRATION),
        ("CREATE USER intruder SET PASSWORD 'intruder-pw' CHANGE NOT REQUIRED", ADMINISTRATION),
    ],
)
@pytest.mark.parametrize("flags", [(), ("--write",)])
def test_commands_on_the_server_rather_than_the_graph_are_refused(neo4j_options, cypher, kind, flags):
    """Other clients' queries and parameters, the server's settings, its users: none is the graph. Creating a user
    would leave an account past the run: the server's own list must not gain it."""
    _refused(_query(neo4j_options, cypher, *flags), kind)
    users = _query(neo4j_options, "SHOW USERS YIELD user RETURN user", "--allow-files")
    assert users.exit_code == 0 and "intruder" not in users.stdout


SINGLE = "runs Cypher given as text (apoc.cypher.runFirstColumnSingle)"
# APOC's procedures and functions that run Cypher given as text or reach files, as users' servers load them (the
# test server has no APOC, and would refuse each as unknown if it saw it), each in a spelling of its own: \\u
# escapes the server decodes before its lexer (a name, quotes closing and opening strings around the call, a
# comment's end), a slice's "..", a function apoc.custom declared.
APOC_CALLS = [
    ("RETURN \\u0061poc.cypher.runFirstColumnSingle('RETURN 1', {}) AS x", SINGLE),
    ("RETURN '\\u0027 + apoc.cypher.runFirstColumnSingle('RETURN 1', {}) + \\u0027' AS x", SINGLE),
    ("RETURN toUpper /* \\u002a/ ('b') + apoc.cypher.runFirstColumnSingle('RETURN 1', {}) // */ ('a') AS x", SINGLE),
    ("RETURN [1, 2, 3][0..apoc.cypher.runFirstColumnSingle('RETURN 1', {})] AS x", SINGLE),
    ("RETURN custom.answer() AS x", "runs the Cypher apoc.custom stored with it (custom.answer)"),
    (
        "RETURN apoc.cypher.runFirstColumnSingle('MATCH (n) RETURN count(n)', {}) AS n",
        "runs Cypher given as text (apoc.cypher.runFirstColumnSingle)",
    ),
    (
        "RETURN `APOC`.Cypher . /* c */ runFirstColumnMany('CREATE (:Intruder)', {}) AS n",
        "runs Cypher given as text (APOC.Cypher.runFirstColumnMany)",
    ),
    (
        "CALL apoc.cypher.run('MATCH (n) RETURN n', {}) YIELD value RETURN value",
        "runs Cypher given as text (apoc.cypher.run)",
    ),
    (
        "CALL apoc.periodic.iterate('MATCH (n) RETURN n', 'DETACH DELETE n', {}) YIELD batches RETURN batches",
        "runs Cypher given as text in transactions of its own (apoc.periodic.iterate)",
    ),
    ("CALL apoc.load.json('{url}') YIELD value RETURN value", "reads files or URLs (apoc.load.json)"),
    ("CALL apoc.export.csv.all('out.csv', {})", "writes files (apoc.export.csv.all)"),
    (
        "MATCH (n) WITH count(n) AS n CALL (n) { CALL apoc.trigger.add('t', 'CREATE (:X)', {}) YIELD name "
        "RETURN name } RETURN name",
        "installs triggers that run Cypher given as text (apoc.trigger.add)",
    ),
]


@pytest.mark.parametrize(("cypher", "kind"), APOC_CALLS)
@pytest.mark.parametrize("flags", [(), ("--write",)])
def test_apoc_calls_running_text_or_reaching_files_are_refused_before_the_server_sees_them(
    neo4j_options, csv_url, cypher, kind, flags
):
    """The server, which has no APOC, would refuse each as unknown: the refusal comes first. With --allow-files
    the server sees it, and nothing is fetched."""
    url, requests = csv_url
    cypher = cypher.replace("{url}", url)
    _refused(_query(neo4j_options, cypher, *flags), kind)
    allowed = _query(neo4j_options, cypher, *flags, "--allow-files")
    assert allowed.exit_code == 1 and len(allowed.stderr.strip().splitlines()) == 1, allowed.output
    assert allowed.stderr.startswith(("Error: Unknown function", "Error: There is no procedure")), allowed.stderr
    assert kind[kind.rindex("(") + 1 : -1] in allowed.stderr  # the call the server read
    assert requests == []


def test_apoc_functions_that_stay_in_the_graph_are_left_to_the_server(neo4j_options):
    result = _query(neo4j_options, "RETURN apoc.text.join(['a', 'b'], ',') AS s")
    assert result.exit_code == 1, result.output
    assert result.stderr.startswith("Error: Unknown function 'apoc.text.join'"), result.stderr


_ALLOW_FILES = "pass --allow-files to allow it"
# Each kind of refusal with the flags it is given, and its line: what the query would touch (files or URLs, the
# store's data, the server's other work, Cypher given as text) and which flag allows it.
REFUSALS = [
    ("LOAD CSV FROM 'file:///etc/passwd' AS row RETURN row", (), f"the query {LOAD_CSV}; {_ALLOW_FILES}"),
    ("CREATE (:Intruder)", ("--allow-files",), "the query tries to write; pass --write to allow writes"),
    (
        "CALL db.clearQueryCaches()",
        ("--write",),
        "the query calls procedure db.clearQueryCaches, which is not on graphkit's read-only list (CALL); "
        + _ALLOW_FILES,
    ),
    ("SHOW SETTINGS YIELD name", (), f"the query reads the server's settings (SHOW SETTINGS); {_ALLOW_FILES}"),
    ("SHOW TRANSACTIONS", (), f"the query lists the server's transactions (SHOW TRANSACTIONS); {_ALLOW_FILES}"),
    ("SHOW USERS", ("--write",), f"the query {ADMINISTRATION}; {_ALLOW_FILES}"),
    (
        "PROFILE MATCH (n) RETURN count(n) AS c",
        (),
        "the server cannot plan a PROFILE to check it (graphkit plans queries with EXPLAIN); pass --allow-files to "
        "run it",
    ),
    (
        "CYPHER 5 /* now */ profile RETURN 1 AS x",
        ("--write",),
        "the server cannot plan a PROFILE to check it (graphkit plans queries with EXPLAIN); pass --allow-files to "
        "run it",
    ),
    (
        "RETURN apoc.cypher.runFirstColumnSingle('RETURN 1', {})",
        (),
        f"the query runs Cypher given as text (apoc.cypher.runFirstColumnSingle); {_ALLOW_FILES}",
    ),
    ("CALL apoc.load.csv('in.csv')", (), f"the query reads files or URLs (apoc.load.csv); {_ALLOW_FILES}"),
    ("CALL apoc.export.json.all('out.json', {})", (), f"the query writes files (apoc.export.json.all); {_ALLOW_FILES}"),
    (
        "CALL apoc.import.csv([], [], {})",
        ("--write",),
        f"the query reads files or URLs into the store (apoc.import.csv); {_ALLOW_FILES}",
    ),
]


@pytest.mark.parametrize(("cypher", "flags", "message"), REFUSALS)
def test_each_refusal_names_what_the_query_touches_and_the_flag_that_allows_it(neo4j_options, cypher, flags, message):
    result = _query(neo4j_options, cypher, *flags)
    assert result.exit_code == 1, result.output
    assert result.stderr.strip().splitlines() == [f"Error: {message}"]
    assert result.stdout == ""
