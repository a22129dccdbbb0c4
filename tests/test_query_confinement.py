"""Hostile queries on the embedded store: without --allow-files a query reads the graph and nothing
else (no file read or written, no extension installed or loaded, no other database attached), and
is refused with one line before it runs; --write does not lift that, --allow-files does."""

from __future__ import annotations

import json
import os
import random
import shutil
import subprocess
import sys
from pathlib import Path

import ladybug as lb
import pytest
from click.testing import CliRunner

from graphkit.cli import main
from graphkit.errors import QueryError
from graphkit.graph import build_graph
from graphkit.records import Fragment
from graphkit.store import ladybug_statements, open_store
from tests import builders as build
from tests.opened_files import opened_files

SECRET = "TOPSECRET-7f3a"
READS_FILES = "reads files (LOAD FROM, COPY FROM)"


def _query(store: str, cypher: str, *flags: str):
    return CliRunner().invoke(main, ["query", cypher, "--store", store, "--format", "json", *flags])


def _refused(result, kind: str) -> None:
    assert result.exit_code == 1, result.output
    assert result.stderr.strip().splitlines() == [f"Error: the query {kind}; pass --allow-files to allow it"]
    assert result.stdout == ""


@pytest.fixture
def store(tmp_path) -> str:
    path = str(tmp_path / "store.lbug")
    art = build.article("one")
    with open_store("ladybug", path=path) as db:
        db.load(build_graph([art, build.post(art.id, 1, "hello")], Fragment()))
    return path


@pytest.fixture
def secret_csv(tmp_path):
    path = tmp_path / "secret.csv"
    path.write_text(f"who,secret\nroot,{SECRET}\n", encoding="utf-8")
    return path


@pytest.mark.parametrize(
    "cypher",
    [
        "LOAD FROM '{csv}' RETURN *",
        "LOAD FROM '{csv}' (header=false) RETURN * LIMIT 3",
        "LOAD WITH HEADERS (who STRING, secret STRING) FROM '{csv}' RETURN secret",
        "MATCH (a:Article) WITH a LOAD FROM '{csv}' RETURN *",
    ],
)
@pytest.mark.parametrize("flags", [(), ("--write",)])
def test_loading_from_a_file_is_refused_and_the_file_is_not_read(store, secret_csv, cypher, flags):
    result = _query(store, cypher.format(csv=secret_csv), *flags)
    _refused(result, READS_FILES)
    assert SECRET not in result.output


def test_copy_from_a_file_is_refused_with_write_and_the_store_keeps_its_posts(store, secret_csv):
    secret_csv.write_text(f"id,text\n{SECRET},x\n", encoding="utf-8")
    _refused(_query(store, f"COPY Comment (id, text) FROM '{secret_csv}'", "--write"), READS_FILES)
    with open_store("ladybug", path=store, read_only=True) as db:
        assert db.query("MATCH (c:Comment) RETURN c.text").rows == [["hello"]]
    wrote = _query(store, "MATCH (c:Comment) SET c.text = 'edited' RETURN c.text AS text", "--write")
    assert wrote.exit_code == 0 and wrote.stdout.strip() == '[{"text": "edited"}]'


@pytest.mark.parametrize("flags", [(), ("--write",)])
@pytest.mark.parametrize("suffix", ["csv", "parquet"])
def test_copy_to_a_file_is_refused_and_the_file_keeps_its_content(store, tmp_path, flags, suffix):
    kept, absent = tmp_path / f"kept.{suffix}", tmp_path / f"absent.{suffix}"
    kept.write_text("precious\n", encoding="utf-8")
    for target in (kept, absent):
        result = _query(store, f"COPY (MATCH (c:Comment) RETURN c.text AS t) TO '{target}'", *flags)
        _refused(result, "writes files (COPY TO)")
    assert kept.read_text(encoding="utf-8") == "precious\n" and not absent.exists()
    read = _query(store, "MATCH (c:Comment) RETURN c.text AS t", *flags)  # the same query without COPY TO
    assert read.exit_code == 0 and read.stdout.strip() == '[{"t": "hello"}]'
    assert _query(store, "CALL show_tables() RETURN count(*) AS n", *flags).exit_code == 0


def test_export_database_is_refused_and_writes_no_file(tmp_path):
    # a plain database: the engine cannot export graphkit's schema (a rel table over several node pairs)
    path = str(tmp_path / "plain.lbug")
    with lb.Database(path) as db, lb.Connection(db) as conn:
        conn.execute("CREATE NODE TABLE Doc(id STRING PRIMARY KEY)")
    target = tmp_path / "export"
    _refused(_query(path, f"EXPORT DATABASE '{target}'"), "writes files (EXPORT DATABASE)")
    assert not target.exists() or not any(target.iterdir())


@pytest.fixture
def native_library(tmp_path):
    """A shared library whose loading creates a marker file."""
    compiler = shutil.which("cc") or shutil.which("gcc")
    if compiler is None:
        pytest.skip("no C compiler to build a shared library")
    marker, source, library = tmp_path / "loaded", tmp_path / "evil.c", tmp_path / "evil.so"
    source.write_text(
        "#include <stdio.h>\n"
        "__attribute__((constructor)) static void on_load(void) {\n"
        f'  FILE *f = fopen("{marker}", "w"); if (f) fclose(f);\n'
        "}\n",
        encoding="utf-8",
    )
    subprocess.run([compiler, "-shared", "-fPIC", "-o", str(library), str(source)], check=True)
    return library, marker


@pytest.mark.parametrize("flags", [(), ("--write",)])
def test_load_extension_is_refused_and_runs_no_native_code(store, native_library, flags):
    library, marker = native_library
    _refused(_query(store, f"LOAD EXTENSION '{library}'", *flags), "loads native code (LOAD EXTENSION)")
    assert not marker.exists()


@pytest.mark.parametrize(
    ("cypher", "kind"),
    [("INSTALL json", "downloads an extension (INSTALL)"), ("UNINSTALL json", "removes an extension (UNINSTALL)")],
)
def test_installing_extensions_is_refused(store, cypher, kind):
    _refused(_query(store, cypher, "--write"), kind)


def test_attaching_another_database_is_refused_and_its_data_not_read(store, tmp_path):
    other = str(tmp_path / "other.lbug")
    with open_store("ladybug", path=other) as db:
        art = build.article(SECRET)
        db.load(build_graph([art], Fragment()))
    result = _query(store, f"ATTACH '{other}' AS other (dbtype lbug)", "--write")
    _refused(result, "attaches another database (ATTACH)")
    assert SECRET not in result.output
    # without --write the engine itself counts ATTACH as a write
    assert _query(store, f"ATTACH '{other}' AS other (dbtype lbug)").exit_code == 1


@pytest.mark.parametrize("cypher", ["CREATE GRAPH other", "create graph `other` ANY"])
def test_creating_a_graph_with_write_is_refused_and_writes_no_file_beside_the_store(store, cypher):
    """A graph the engine creates is another database file beside the store (``store.other.lbug``), which a name with
    ``/`` places elsewhere wherever a folder so named exists: reaching past the store, as ATTACH does."""
    folder = Path(store).parent
    _refused(_query(store, cypher, "--write"), "creates another database (CREATE GRAPH)")
    assert not any("other" in p.name for p in folder.iterdir())
    assert _query(store, cypher, "--write", "--allow-files").exit_code == 0
    assert (folder / "store.other.lbug").is_file()


@pytest.mark.parametrize("cypher", ["DROP GRAPH other", "/* c */ drop graph `other`;", "DROP GRAPH IF EXISTS other"])
def test_dropping_a_graph_with_write_is_refused_and_removes_no_file_beside_the_store(store, cypher):
    """Dropping a graph removes its database file, wherever its name placed it (``CREATE GRAPH``): the plan shows a
    DROP as it does for a table, so the refusal comes from the statement's words."""
    graph = Path(store).parent / "store.other.lbug"
    assert _query(store, "CREATE GRAPH other", "--write", "--allow-files").exit_code == 0
    _refused(_query(store, cypher, "--write"), "drops another database (DROP GRAPH)")
    assert graph.is_file()
    assert _query(store, "DROP TABLE IF EXISTS Nothing", "--write").exit_code == 0
    assert _query(store, cypher, "--write", "--allow-files").exit_code == 0
    assert not graph.exists()


def test_allow_files_lets_a_query_load_a_file(store, secret_csv):
    result = _query(store, f"LOAD FROM '{secret_csv}' (header=true) RETURN secret", "--allow-files")
    assert result.exit_code == 0, result.output
    assert result.stdout.strip() == f'[{{"secret": "{SECRET}"}}]'


def test_allow_files_lets_a_query_write_a_file(store, tmp_path):
    target = tmp_path / "out.csv"
    result = _query(store, f"COPY (MATCH (c:Comment) RETURN c.text AS t) TO '{target}'", "--allow-files")
    assert result.exit_code == 0, result.output
    assert target.read_text(encoding="utf-8").split() == ["hello"]


@pytest.mark.parametrize("flags", [(), ("--allow-files",), ("--write", "--allow-files")])
def test_several_statements_are_one_line_and_none_runs(store, tmp_path, flags):
    target = tmp_path / "out.csv"
    result = _query(store, f"RETURN 1 AS a; COPY (RETURN 'x' AS a) TO '{target}'", *flags)
    assert result.exit_code == 1, result.output
    assert result.stderr.strip().splitlines() == [
        "Error: the query has several statements; run one at a time (none was run)"
    ]
    assert not target.exists()


# Statements that name a file or directory ({path}), and what they are refused for.
FILE_STATEMENTS = [
    ("LOAD FROM '{path}' RETURN *", READS_FILES),
    ("LOAD WITH HEADERS (who STRING, secret STRING) FROM '{path}' RETURN secret", READS_FILES),
    ("MATCH (a:Article) WITH a LOAD FROM '{path}' (header=true) RETURN *", READS_FILES),
    ("EXPLAIN LOAD FROM '{path}' RETURN *", READS_FILES),
    ("COPY Comment (id, text) FROM '{path}'", READS_FILES),
    ("IMPORT DATABASE '{path}'", "reads files (IMPORT DATABASE)"),
]
ROOT = Path(__file__).resolve().parents[1]


@pytest.mark.parametrize(("cypher", "kind"), FILE_STATEMENTS)
@pytest.mark.parametrize("lead", ["", "\ufeff", "\n\ufeff"])
def test_a_file_statement_is_refused_alike_for_any_path_and_opens_nothing(store, tmp_path, cypher, kind, lead):
    """Whether the path is a file, a directory or nothing, the one refusal: the engine, which opens
    a named file (and reads its first rows) while preparing a query, never sees the query. A byte-order mark
    leading the text (after whitespace) is dropped by the engine, so the statement still starts there."""
    files = tmp_path / "files"
    files.mkdir()
    (files / "secret.csv").write_text(f"who,secret\nroot,{SECRET}\n", encoding="utf-8")
    (files / "schema.cypher").write_text("CREATE NODE TABLE Secret(id STRING PRIMARY KEY);\n", encoding="utf-8")
    with opened_files(files) as opened:
        for path in (files / "secret.csv", files / "absent.csv", files):
            result = _query(store, lead + cypher.format(path=path))
            _refused(result, kind)
            assert SECRET not in result.output
        assert opened() == []


def _child(args: list[str]) -> subprocess.CompletedProcess[str]:
    """Python with this checkout first on the path, in a child process: a query that crashed the engine or
    hung would end or stop it, not pytest (the timeout fails the test)."""
    env = {**os.environ, "PYTHONPATH": os.pathsep.join(filter(None, [str(ROOT), os.environ.get("PYTHONPATH")]))}
    return subprocess.run([sys.executable, *args], capture_output=True, text=True, env=env, timeout=300)


_RUN_QUERIES = """
import sys
from graphkit.errors import GraphkitError
from graphkit.store import open_store
with open_store("ladybug", path=sys.argv[1], read_only=True) as db:
    for cypher in sys.argv[2:]:
        try:
            db.query(cypher)
            print("ran")
        except GraphkitError as exc:
            print(exc)
"""


def test_no_file_statement_opens_a_named_pipe(store, tmp_path):
    """Opening a named pipe for reading waits for a writer, and none comes: a statement that opened
    one would never end. The queries run in a child process, as the engine holds the interpreter
    while it opens a file; the timeout fails the test rather than let it hang."""
    pipes = tmp_path / "pipes"
    pipes.mkdir()
    for name in ("data.csv", "schema.cypher", "copy.cypher", "macro.cypher"):
        os.mkfifo(pipes / name)
    named = {cypher: pipes if "DATABASE" in cypher else pipes / "data.csv" for cypher, _ in FILE_STATEMENTS}
    queries = [cypher.format(path=path) for cypher, path in named.items()]
    child = _child(["-c", _RUN_QUERIES, store, *queries])
    assert child.returncode == 0, child.stderr
    expected = [f"the query {kind}; pass --allow-files to allow it" for _, kind in FILE_STATEMENTS]
    assert child.stdout.splitlines() == expected


@pytest.mark.parametrize(
    "cypher",
    [
        "RETURN 'LOAD FROM \\'/etc/passwd\\' RETURN *' AS text",
        "RETURN \"COPY Comment FROM 'x.csv'\" AS text",
        "MATCH (c:Comment) // LOAD FROM '/etc/passwd'\nRETURN c.text AS text",
        "MATCH (c:Comment) /* IMPORT DATABASE '/tmp' */ RETURN c.text AS `LOAD FROM 'x'`",
        "WITH 1 AS load UNWIND [load] AS copy RETURN copy AS text",
    ],
)
def test_file_statement_words_in_strings_comments_and_names_are_not_refused(store, cypher):
    result = _query(store, cypher)
    assert result.exit_code == 0, result.output


def test_calling_a_file_scan_directly_is_refused_even_with_allow_files(store, secret_csv):
    """The engine crashes binding such a call, whatever the file."""
    for flags in [(), ("--allow-files",)]:
        result = _query(store, f"CALL READ_CSV_SERIAL('{secret_csv}') RETURN *", *flags)
        assert result.exit_code == 1, result.output
        assert result.stderr.strip().splitlines() == [
            "Error: calling READ_CSV_SERIAL directly crashes the embedded engine; read files with LOAD FROM"
        ]


# Projecting a graph runs Cypher the engine builds from strings (the projection's query, or a node
# table's filter appended to one), binding it, and so opening the files it names, whatever the
# outer text or its plan show.
PROJECTIONS = [
    ("CALL project_graph_cypher('g', 'LOAD FROM \"{csv}\" RETURN *')", "PROJECT_GRAPH_CYPHER"),
    ("CALL `Project_Graph_Cypher`('g', concat('LOAD FROM ', '\"{csv}\" RETURN *'))", "PROJECT_GRAPH_CYPHER"),
    (
        "CALL project_graph('g', {{'Comment': 'true AS f UNION ALL "
        'LOAD FROM "{csv}" (header=true) RETURN who AS n, true AS f\'}}, [])',
        "PROJECT_GRAPH",
    ),
]


@pytest.mark.parametrize(("cypher", "function"), PROJECTIONS)
@pytest.mark.parametrize("flags", [(), ("--write",)])
def test_projecting_a_graph_is_refused_and_opens_no_file(store, tmp_path, cypher, function, flags):
    files = tmp_path / "files"
    files.mkdir()
    secret = files / "secret.csv"
    secret.write_text(f"who,secret\nroot,{SECRET}\n", encoding="utf-8")
    with opened_files(files) as opened:
        _refused(_query(store, cypher.format(csv=secret), *flags), f"runs Cypher made from text ({function})")
        assert opened() == []


@pytest.mark.parametrize(
    "cypher",
    [
        "MATCH (c:Comment) SET c.text = 'edited' RETURN c.text",
        "MERGE (a:Article {id: 'new'}) RETURN a.id",
        "MATCH (c:Comment) DETACH DELETE c",
        "CREATE NODE TABLE Intruder(id STRING PRIMARY KEY)",
        "ALTER TABLE Comment ADD intruder STRING",
        "DROP TABLE Comment",
        "CREATE MACRO intruder(x) AS x + 1",
        "CREATE SEQUENCE intruder",
        "COPY Comment FROM (MATCH (c:Comment) RETURN c.*)",
        "PROFILE MATCH (c:Comment) SET c.text = 'edited' RETURN c.text",
    ],
)
def test_a_write_of_any_kind_without_write_is_one_line_and_leaves_the_store_files_as_they_were(store, cypher):
    """Rows, tables, macros and sequences alike: the store is opened read-only, so its file keeps every byte and
    no file appears beside it."""
    folder = Path(store).parent
    before = {p.name: p.read_bytes() for p in folder.iterdir() if p.is_file()}
    result = _query(store, cypher)
    assert result.exit_code == 1, result.output
    assert result.stderr.strip().splitlines() == ["Error: the query tries to write; pass --write to allow writes"]
    assert {p.name: p.read_bytes() for p in folder.iterdir() if p.is_file()} == before


@pytest.mark.parametrize("option", ["EXPLAIN", "explain logical", "PROFILE", "\ufeffprofile /* how */"])
def test_a_read_explained_or_profiled_runs_without_allow_files(store, option):
    """The engine cannot plan an EXPLAIN of an EXPLAIN or a PROFILE, so the check plans the statement they apply to,
    the plan a PROFILE runs."""
    result = _query(store, f"{option} MATCH (c:Comment) RETURN count(c) AS n")
    assert result.exit_code == 0, result.output
    (row,) = json.loads(result.stdout)
    assert "SCAN_NODE_TABLE" in row["explain result"]


@pytest.mark.parametrize(
    ("cypher", "kind"),
    [
        ("PROFILE CALL threads = 1", "changes a setting (CALL name = value)"),
        ("profile /* now */ CREATE GRAPH other", "creates another database (CREATE GRAPH)"),
    ],
)
def test_a_profile_of_a_statement_reaching_past_the_store_is_refused_from_its_plan(store, cypher, kind):
    _refused(_query(store, cypher, "--write"), kind)
    assert not any("other" in p.name for p in Path(store).parent.iterdir())


@pytest.mark.parametrize(
    ("quoted", "told"),
    [
        ("Cannot execute write operations in a read-only database!", "--write"),
        ("We do not support prepare multiple statements.", "several"),
    ],
)
@pytest.mark.parametrize("cypher", ["RETURN CAST('{}' AS INT64)", "RETURN error('{}')"])
def test_a_read_whose_error_quotes_the_engines_words_for_a_refusal_is_not_told_it(store, quoted, told, cypher):
    """The engine's error for a value it cannot convert quotes the value, and ``error`` ends its error with the
    text given (a stored text, maybe): one saying "read-only" is no write, nor one saying "multiple statements"
    several statements."""
    result = _query(store, cypher.format(quoted))
    assert result.exit_code == 1, result.output
    (line,) = result.stderr.splitlines()
    assert quoted in line and told not in line


@pytest.mark.parametrize(
    ("cypher", "flags"),
    [
        ("CHECKPOINT;", ()),
        ("CHECKPOINT", ()),  # one word in capitals: a statement, not a library query's name
        ("checkpoint /* now */", ("--allow-files",)),
        ("PROFILE CHECKPOINT", ("--allow-files",)),
        ("\ufeffCHECKPOINT", ("--allow-files",)),  # the engine drops a byte-order mark leading the text
    ],
)
def test_a_checkpoint_without_write_is_refused_before_the_engine_writes_beside_the_store(store, cypher, flags):
    """The engine runs CHECKPOINT on a store opened read-only: it wrote a log and a shadow file beside the store,
    failed writing the store itself, and left a log the next reading opened the store for writing to replay."""
    folder = Path(store).parent
    before = {p.name: p.read_bytes() for p in folder.iterdir() if p.is_file()}
    result = _query(store, cypher, *flags)
    assert result.exit_code == 1, result.output
    assert result.stderr.strip().splitlines() == ["Error: the query tries to write; pass --write to allow writes"]
    assert {p.name: p.read_bytes() for p in folder.iterdir() if p.is_file()} == before
    assert _query(store, "CHECKPOINT", "--write").exit_code == 0


@pytest.mark.parametrize(
    "cypher",
    ["ANALYZE;", "analyze Comment", "BEGIN TRANSACTION", "begin transaction read only", "COMMIT;", "ROLLBACK;"],
)
@pytest.mark.parametrize("flags", [(), ("--allow-files",)])
@pytest.mark.parametrize("lead", ["", "\ufeff"])
def test_analyze_and_transaction_statements_without_write_are_refused_before_the_engine_runs_them(
    store, cypher, flags, lead
):
    """The engine runs ANALYZE (it recomputed every table's statistics, "Analyzed 34 tables.") and BEGIN TRANSACTION
    on a store opened read-only: neither reads the graph, so both are refused as writes, as are COMMIT and ROLLBACK."""
    folder = Path(store).parent
    before = {p.name: p.read_bytes() for p in folder.iterdir() if p.is_file()}
    result = _query(store, lead + cypher, *flags)
    assert result.exit_code == 1, result.output
    assert result.stderr.strip().splitlines() == ["Error: the query tries to write; pass --write to allow writes"]
    assert result.stdout == ""
    assert {p.name: p.read_bytes() for p in folder.iterdir() if p.is_file()} == before


def test_analyze_runs_with_write(store):
    result = _query(store, "ANALYZE Comment", "--write")
    assert result.exit_code == 0, result.output
    assert json.loads(result.stdout) == [{"result": "Analyzed 1 table."}]


@pytest.mark.parametrize(
    "cypher", ["CALL threads = 1", "call `threads`=1", "/* x */ CALL threads = 1", "CALL threads = 2 - 1;"]
)
@pytest.mark.parametrize("write", [False, True])
def test_changing_a_setting_is_refused_and_the_setting_keeps_its_value(store, cypher, write):
    """``CALL name = value`` changes the engine's settings for what runs after it on the connection (the folder
    relative paths are read from, time limits, threads) and reads no graph."""
    with open_store("ladybug", path=store, read_only=not write) as db:
        threads = db.query("CALL current_setting('threads') RETURN *").rows
        assert threads != [["1"]]
        with pytest.raises(QueryError) as refused:
            db.query(cypher, write=write)
        assert str(refused.value) == "the query changes a setting (CALL name = value); pass --allow-files to allow it"
        assert db.query("CALL current_setting('threads') RETURN *").rows == threads
        db.query(cypher, write=write, allow_files=True)
        assert db.query("CALL current_setting('threads') RETURN *").rows == [["1"]]


# Reads whose names (in backquotes any text) the plan draws among an operator's details: an operator's or a statement
# word's text there is no such operator.
@pytest.mark.parametrize(
    "cypher",
    [
        "MATCH (c:Comment) RETURN c.text AS `COPY_TO[1]`",
        "MATCH (c:Comment) RETURN c.text AS `STANDALONE_CALL[0]`, count(*) AS `CREATE_GRAPH[9]`",
        "MATCH (c:Comment) OPTIONAL MATCH (c)-[:REPLY_TO]->(p) RETURN c.text AS `USE_DATABASE[3]`, count(p) AS n",
        "MATCH (c:Comment) RETURN c.text AS `Function: READ_CSV`",
        "MATCH (`LOAD`:Comment) WITH `LOAD`.text AS `CALL x = 1` RETURN `CALL x = 1` AS `DELETE`",
        "MATCH (c:Comment) RETURN c.text AS `CREATE`, c.text AS `LOAD FROM`, c.text AS `EXPORT_DATABASE[4]`",
    ],
)
def test_a_read_whose_names_read_like_a_plans_operators_is_not_refused(store, cypher):
    result = _query(store, cypher)
    assert result.exit_code == 0, result.output
    assert "hello" in result.stdout


# Decorations a query may wrap a statement in that only its plan tells reaches past the store: comments, a name in
# backquotes and a string value drawing the plan's boxes and operators, line breaks included.
_DRAWN = [
    "/* \n┌──────┐\n│PROJECTION[0]│\n│------│\n│Function: READ_FTABLE│\n */",
    "// ┌─┐ COPY_TO[1]\n",
    "/* `STANDALONE_CALL[7]` 'RESULT_COLLECTOR[0]' */",
]
_PLAN_ONLY = [
    ("{drawn}CALL {name} = {value} {drawn}", "changes a setting (CALL name = value)"),
    ("PROFILE {drawn} CALL {name} = {value}", "changes a setting (CALL name = value)"),
    ("{drawn}CREATE GRAPH `g\n┌──┐\n│FILTER[0]│` {drawn}", "creates another database (CREATE GRAPH)"),
]


@pytest.mark.parametrize(("template", "kind"), _PLAN_ONLY)
@pytest.mark.parametrize("drawn", _DRAWN)
@pytest.mark.parametrize(
    ("name", "value"),
    [("threads", "1"), ("`timeout`", "1 + size('┌──┐\n│SCAN_NODE_TABLE[0]│\n│---│\n│x│')")],
)
def test_a_statement_refused_from_its_plan_stays_refused_whatever_it_draws_there(
    store, template, kind, drawn, name, value
):
    """Text drawn like the plan's boxes, in comments, names or values, leaves every box the engine draws read."""
    cypher = template.format(drawn=drawn, name=name, value=value)
    with open_store("ladybug", path=store) as db, pytest.raises(QueryError) as refused:
        db.query(cypher, write=True)
    assert str(refused.value) == f"the query {kind}; pass --allow-files to allow it"
    assert not any(p.name.startswith("store.g") for p in Path(store).parent.iterdir())


def test_copying_a_table_to_a_file_is_refused_as_a_write_of_files_whatever_the_flags(store, tmp_path):
    """``COPY TABLE TO`` would write a file, but the engine copies a query's rows only: the refusal says so and
    names the form and flag that do; that form writes the table's rows."""
    target = tmp_path / "out.csv"
    for flags in [(), ("--write",), ("--allow-files",)]:
        result = _query(store, f"COPY Comment TO '{target}'", *flags)
        assert result.exit_code == 1, result.output
        assert result.stderr.strip().splitlines() == [
            "Error: the query writes files (COPY TO), which the embedded engine does from a query only: "
            "COPY (MATCH (n:Comment) RETURN n.*) TO 'out.csv' with --allow-files"
        ]
        assert not target.exists()
    named = _query(store, f"COPY (MATCH (n:Comment) RETURN n.*) TO '{target}'", "--allow-files")
    assert named.exit_code == 0, named.output
    assert "hello" in target.read_text(encoding="utf-8").split(",")


_ALLOW_FILES = "pass --allow-files to allow it"
# Each kind of refusal, with the flags it is given, and the line it is refused with: what the query would
# touch (reads files, writes files, writes the store, another database, native code) and which flag, if any,
# allows it.
REFUSALS = [
    ("LOAD FROM 'in.csv' RETURN *", (), f"the query reads files (LOAD FROM, COPY FROM); {_ALLOW_FILES}"),
    ("COPY Comment FROM 'in.csv'", ("--write",), f"the query reads files (LOAD FROM, COPY FROM); {_ALLOW_FILES}"),
    ("IMPORT DATABASE 'dump'", ("--write",), f"the query reads files (IMPORT DATABASE); {_ALLOW_FILES}"),
    ("COPY (RETURN 1 AS a) TO 'out.csv'", (), f"the query writes files (COPY TO); {_ALLOW_FILES}"),
    (
        "COPY Comment TO 'out.csv'",
        (),
        "the query writes files (COPY TO), which the embedded engine does from a query only: "
        "COPY (MATCH (n:Comment) RETURN n.*) TO 'out.csv' with --allow-files",
    ),
    ("EXPORT DATABASE 'dump'", (), f"the query writes files (EXPORT DATABASE); {_ALLOW_FILES}"),
    ("MATCH (c:Comment) SET c.text = 'x'", (), "the query tries to write; pass --write to allow writes"),
    ("CHECKPOINT;", ("--allow-files",), "the query tries to write; pass --write to allow writes"),
    ("LOAD EXTENSION 'lib.so'", ("--write",), f"the query loads native code (LOAD EXTENSION); {_ALLOW_FILES}"),
    ("INSTALL json", ("--write",), f"the query downloads an extension (INSTALL); {_ALLOW_FILES}"),
    (
        "ATTACH 'other.lbug' AS o (dbtype lbug)",
        ("--write",),
        f"the query attaches another database (ATTACH); {_ALLOW_FILES}",
    ),
    (
        "CALL project_graph_cypher('g', 'MATCH (c:Comment) RETURN c')",
        (),
        f"the query runs Cypher made from text (PROJECT_GRAPH_CYPHER); {_ALLOW_FILES}",
    ),
    (
        "CALL READ_CSV_SERIAL('in.csv') RETURN *",
        ("--allow-files",),
        "calling READ_CSV_SERIAL directly crashes the embedded engine; read files with LOAD FROM",
    ),
    ("RETURN 1; RETURN 2", (), "the query has several statements; run one at a time (none was run)"),
]


@pytest.mark.parametrize(("cypher", "flags", "message"), REFUSALS)
def test_each_refusal_names_what_the_query_touches_and_the_flag_that_allows_it(store, cypher, flags, message):
    result = _query(store, cypher, *flags)
    assert result.exit_code == 1, result.output
    assert result.stderr.strip().splitlines() == [f"Error: {message}"]
    assert result.stdout == ""


# A file scan called in the Cypher a projection binds as it runs, which crashes the engine: in a literal (any
# case, an escape spelling part of the name), computed by concat, or in a table's filter that PROJECT_GRAPH
# appends to a query it builds.
PROJECTED_SCANS = [
    ("CALL project_graph_cypher('g', 'CALL READ_CSV_SERIAL(\"{csv}\") RETURN *')", "READ_CSV_SERIAL"),
    ("CALL PROJECT_GRAPH_CYPHER('g', 'CALL read_csv_serial(\"{csv}\") RETURN *')", "READ_CSV_SERIAL"),
    ("CALL PROJECT_GRAPH_CYPHER('g', 'CALL READ_CSV\\u005fSERIAL(\"{csv}\") RETURN *')", "READ_CSV_SERIAL"),
    ("CALL PROJECT_GRAPH_CYPHER('g', concat('CALL READ_', 'PARQUET(\"{csv}\") RETURN *'))", "READ_PARQUET"),
    (
        "CALL project_graph('g', {{'Comment': 'true AS f UNION ALL "
        'CALL READ_CSV_SERIAL("{csv}") RETURN who AS n, true AS f\'}}, [])',
        "READ_CSV_SERIAL",
    ),
]


def test_the_engine_crashes_binding_a_file_scan_in_a_projections_cypher(store, secret_csv):
    """Why the refusal below exists (LadybugDB 0.22.0): the engine's process dies of a signal, with no error to
    catch. Should a later engine raise an error instead, this fails and the refusal can go."""
    cypher = PROJECTED_SCANS[0][0].format(csv=secret_csv)
    run = "import sys, ladybug as lb\nlb.Connection(lb.Database(sys.argv[1], read_only=True)).execute(sys.argv[2])"
    child = _child(["-c", run, store, cypher])
    assert child.returncode < 0, (child.returncode, child.stderr)


@pytest.mark.parametrize(("cypher", "scan"), PROJECTED_SCANS)
def test_a_file_scan_in_a_projections_cypher_is_refused_with_allow_files(store, secret_csv, cypher, scan):
    cypher = cypher.format(csv=secret_csv)
    child = _child(["-m", "graphkit", "query", cypher, "--store", store, "--allow-files", "--write"])
    assert child.returncode == 1, (child.returncode, child.stderr)
    projection = cypher.split("(")[0].split()[-1].upper()
    assert child.stderr.strip().splitlines() == [
        f"Error: calling {scan} directly (in the Cypher {projection} runs) crashes the embedded engine; "
        "read files with LOAD FROM"
    ]


@pytest.mark.parametrize(
    "cypher",
    [
        "CALL project_graph_cypher('g', 'MATCH (c:Comment)-[r]->(a:Article) RETURN c, r, a')",
        "CALL project_graph_cypher('g', 'LOAD FROM \"{csv}\" (header=true) RETURN who')",
        "CALL project_graph('g', {{'Comment': 'n.id <> \\'x\\''}}, [])",  # run with the map and list as checked
        "CALL project_graph(concat('g', '2'), ['Comment', 'Article'], ['REPLY_TO'])",
    ],
)
def test_a_projection_without_a_file_scan_runs_with_allow_files(store, secret_csv, cypher):
    child = _child(["-m", "graphkit", "query", cypher.format(csv=secret_csv), "--store", store, "--allow-files"])
    assert child.returncode == 0, (child.returncode, child.stderr)


def test_a_projection_whose_arguments_cannot_be_evaluated_is_refused_with_allow_files(store):
    result = _query(store, "CALL project_graph_cypher('g', cypher)", "--allow-files")
    assert result.exit_code == 1, result.output
    assert result.stderr.strip().splitlines() == [
        "Error: the arguments of PROJECT_GRAPH_CYPHER could not be evaluated to check the Cypher it runs for a file "
        "scan call, which crashes the embedded engine (Binder exception: Variable cypher is not in scope.)"
    ]


_RUN_ALLOWING_FILES = """
import sys
from graphkit.errors import GraphkitError
from graphkit.store import open_store
with open_store("ladybug", path=sys.argv[1], read_only=True) as db:
    for cypher in sys.argv[2:]:
        try:
            db.query(cypher, allow_files=True)
            print("ran")
        except GraphkitError as exc:
            print(exc)
"""


def test_a_projection_runs_the_argument_values_checked_not_the_arguments_evaluated_again(store, secret_csv):
    """An argument whose value changes with the time it is evaluated: a file scan in the Cypher of every other
    millisecond. The engine evaluates a projection's arguments as it binds it, after graphkit evaluated them to
    check them, so the statement run holds the values checked: every query runs or is refused, none crashes the
    process (before, 3 of 12 did)."""
    flips = (
        "CASE WHEN (date_part('microsecond', current_timestamp()) / 1000) % 2 = 0 "
        "THEN 'MATCH (c:Comment)-[r]->(a:Article) RETURN c, r, a' "
        f"ELSE 'CALL READ_CSV_SERIAL(\"{secret_csv}\") RETURN *' END"
    )
    queries = [f"CALL project_graph_cypher('g{i}', {flips})" for i in range(40)]
    child = _child(["-c", _RUN_ALLOWING_FILES, store, *queries])
    assert child.returncode == 0, (child.returncode, child.stderr)
    crashes = (
        "calling READ_CSV_SERIAL directly (in the Cypher PROJECT_GRAPH_CYPHER runs) crashes the embedded engine; "
        "read files with LOAD FROM"
    )
    assert set(child.stdout.splitlines()) <= {"ran", crashes} and len(child.stdout.splitlines()) == 40


def test_a_projection_in_the_cypher_a_projection_runs_is_refused_with_allow_files(store):
    """Its own arguments would be evaluated only as the outer projection runs, unchecked."""
    cypher = "CALL project_graph_cypher('g', 'CALL project_graph_cypher(\"h\", \"MATCH (c:Comment) RETURN c\")')"
    result = _query(store, cypher, "--allow-files")
    assert result.exit_code == 1, result.output
    assert result.stderr.strip().splitlines() == [
        "Error: the Cypher PROJECT_GRAPH_CYPHER runs projects a graph itself (PROJECT_GRAPH_CYPHER), whose arguments "
        "graphkit cannot check for a file scan call, which crashes the embedded engine"
    ]


# Generated attacks on the plan reading: pieces a name in backquotes, a string value or a comment may hold that draw
# the plan's boxes, title lines and details (each box-drawing character, a line break, the header's words, operators,
# a file scan's detail, a name long enough to widen every box), put together at random from a fixed seed.
_PIECES = [
    *"│┌─┐└┘┴┬├┤",
    "\n",
    "Physical Plan",
    "COPY_TO[1]",
    "STANDALONE_CALL[0]",
    "RESULT_COLLECTOR[0]",
    "FILTER[3]",
    "Function: READ_FTABLE",
    "Function: READ_CSV",
    "-----",
    "   ",
    "┌────────┐",
    "│ PROJECTION[2] │",
    "└───┬───┘",
    "é漢",
    "x" * 150,
]
_VARIANTS = 6  # forged decorations a statement is tried with, for each layer and flag


def _forged(rng, line_break: bool = True) -> str:
    """Half the time of ASCII pieces only, which leave the plan's boxes read, else of any."""
    ascii_only = rng.random() < 0.5
    pieces = [p for p in _PIECES if (line_break or "\n" not in p) and (p.isascii() or not ascii_only)]
    return "".join(rng.choice(pieces) for _ in range(rng.randint(1, 8)))


def _decorated(template: str, rng, **paths: str) -> str:
    """``template`` with its names (``{n}``, ``{m}``), string values (``{s}``) and comments forged, wrapped in comments
    and an EXPLAIN or PROFILE at random."""
    text = _forged(rng).replace("\\", "\\\\").replace("'", "\\'")
    statement = template.format(n=f"`{_forged(rng)}`", m=f"`{_forged(rng)}`", s=f"'{text}'", **paths)
    lead, tail = rng.choice(["", "EXPLAIN ", "PROFILE "]), f"/* {_forged(rng)} */"
    return rng.choice(
        [f"{lead}{tail}{statement}", f"{lead}{statement} {tail}", f"// {_forged(rng, False)}\n{statement}"]
    )


# Every statement that reaches past the store, with what the refusal names; the second value tells whether the plan
# alone shows it (the others cannot be planned here without reading what they name, or the engine's plan shows them
# as it shows a read: they are refused from their words only).
_REACHING = [
    ("COPY (MATCH ({n}:Comment) RETURN {n}.text AS {m}) TO '{out}'", "writes files (COPY TO)", True),
    ("LOAD FROM '{csv}' (header=true) RETURN who AS {n}, {s} AS {m}", READS_FILES, True),
    ("MATCH ({n}:Comment) WITH {n} LOAD FROM '{csv}' (header=true) RETURN {n}.text AS {m}, secret", READS_FILES, True),
    (
        "MATCH ({n}:Comment) RETURN {n}.text AS x UNION ALL LOAD FROM '{csv}' (header=true) RETURN secret AS x",
        READS_FILES,
        True,
    ),
    (
        "UNWIND [{s}] AS {n} WITH {n} AS {m} LOAD FROM '{csv}' (header=true) WITH * WHERE {m} <> secret RETURN *",
        READS_FILES,
        True,
    ),
    # the scan beside a box whose first detail (a filter's) holds the names, in the same row of the plan
    (
        "MATCH ({n}:Comment) WHERE {n}.text STARTS WITH {s} WITH {n}.text AS {m} "
        "LOAD FROM '{csv}' (header=true) RETURN *",
        READS_FILES,
        True,
    ),
    ("COPY Comment FROM '{csv}'", READS_FILES, False),
    ("EXPORT DATABASE '{out}'", "writes files (EXPORT DATABASE)", False),
    ("IMPORT DATABASE '{folder}'", "reads files (IMPORT DATABASE)", False),
    ("INSTALL json", "downloads an extension (INSTALL)", True),
    ("UNINSTALL json", "removes an extension (UNINSTALL)", True),
    ("LOAD EXTENSION '{out}'", "loads native code (LOAD EXTENSION)", False),
    ("ATTACH '{other}' AS {n} (dbtype lbug)", "attaches another database (ATTACH)", True),
    ("DETACH {n}", "detaches a database (DETACH)", True),
    ("USE {n}", "switches to another database (USE)", True),
    ("CALL threads = 1 + size({s})", "changes a setting (CALL name = value)", True),
    ("CALL `timeout` = size({s})", "changes a setting (CALL name = value)", True),
    ("CREATE GRAPH {n}", "creates another database (CREATE GRAPH)", True),
    ("DROP GRAPH {n}", "drops another database (DROP GRAPH)", False),
]


_REFUSED = {kind for _, kind, _ in _REACHING}
_TRIES_TO_WRITE = "the query tries to write; pass --write to allow writes"


def _beside(store: str) -> dict[str, bytes]:
    """Every file beside the store (its own files left out), with its bytes."""
    own = {Path(store).name, f"{Path(store).name}.wal"}
    return {p.name: p.read_bytes() for p in Path(store).parent.iterdir() if p.is_file() and p.name not in own}


@pytest.mark.parametrize(
    ("template", "kind", "plan_only"),
    [
        pytest.param(template, kind, plan_only, id=f"{kind}-{'plan-alone' if plan_only else 'words-and-plan'}")
        for template, kind, planned in _REACHING
        for plan_only in (False, True)[: 1 + planned]
    ],
)
def test_a_statement_reaching_past_the_store_is_refused_whatever_its_names_draw_in_the_plan(
    store, secret_csv, tmp_path, monkeypatch, template, kind, plan_only
):
    """Each statement with names, values and comments forged to draw the plan's boxes: refused, and no file beside the
    store created or changed; without --write, a statement the engine takes for a write may be refused as one. With its
    words not read (``plan-alone``), the plan alone refuses what it shows, as reaching past the store."""
    if plan_only:
        monkeypatch.setattr(ladybug_statements.Query, "outside", lambda self: None)
    rng = random.Random(f"{template}/{plan_only}")
    paths = {"csv": str(secret_csv), "out": str(tmp_path / "out.csv"), "folder": str(tmp_path)}
    paths["other"] = str(tmp_path / "other.lbug")
    # a plan read whole (a forged name drawing a box) may be refused for an operator a name spells first
    refusals = {f"the query {told}; pass --allow-files to allow it" for told in (_REFUSED if plan_only else [kind])}
    before = _beside(store)
    for write in (True,) if plan_only else (False, True):
        with open_store("ladybug", path=store, read_only=not write) as db:
            for _ in range(_VARIANTS):
                cypher = _decorated(template, rng, **paths)
                with pytest.raises(QueryError) as refused:
                    db.query(cypher, write=write)
                assert str(refused.value) in refusals | ({_TRIES_TO_WRITE} if not write else set()), cypher
    assert _beside(store) == before


# Writes with names, values and comments forged as above: the store is opened read-only without --write.
_WRITES = [
    "MATCH ({n}:Comment) SET {n}.text = {s} RETURN {n}.text AS {m}",
    "CREATE ({n}:Comment {{id: {s}}}) RETURN {n}.id AS {m}",
    "MERGE ({n}:Article {{id: {s}}})",
    "MATCH ({n}:Comment) DETACH DELETE {n}",
    "UNWIND [{s}] AS {n} CREATE (:Comment {{id: {n}}})",
    "CREATE NODE TABLE {n}(id STRING PRIMARY KEY)",
    "ALTER TABLE Comment ADD {n} STRING",
    "COPY Comment FROM (MATCH ({n}:Comment) RETURN {n}.*)",
]


@pytest.mark.parametrize("template", _WRITES)
def test_a_write_whatever_its_names_draw_in_the_plan_without_write_leaves_the_store_files_as_they_were(store, template):
    rng = random.Random(template)
    folder = Path(store).parent
    before = {p.name: p.read_bytes() for p in folder.iterdir() if p.is_file()}
    with open_store("ladybug", path=store, read_only=True) as db:
        for _ in range(_VARIANTS):
            cypher = _decorated(template, rng)
            with pytest.raises(QueryError) as refused:
                db.query(cypher)
            assert str(refused.value) == _TRIES_TO_WRITE, cypher
    assert {p.name: p.read_bytes() for p in folder.iterdir() if p.is_file()} == before


# Reads naming their columns, aliases and values like the plan's operators and details, which the plan draws among
# the details: they run (text drawing a box, a line break or a character of several bytes may have a read refused).
_READS = [
    "MATCH ({n}:Comment) RETURN {n}.text AS {m}",
    "MATCH ({n}:Comment) WHERE {n}.text <> {s} RETURN {n}.text AS {m}",
    "MATCH ({n}:Comment) OPTIONAL MATCH ({n})-[:REPLY_TO]->({m}) RETURN {n}.text AS t, count({m}) AS c",
    "MATCH ({n}:Comment) WITH {n}.text AS {m} RETURN {m} AS {n}",
    "UNWIND [{s}] AS {n} MATCH (c:Comment) RETURN c.text AS {m}",
]
_OPERATOR_LIKE = [
    "COPY_TO[1]",
    "STANDALONE_CALL[0]",
    "CREATE_GRAPH[9]",
    "USE_DATABASE[3]",
    "EXPORT_DATABASE[4]",
    "Function: READ_CSV",
    "LOAD FROM",
    "CALL x = 1",
    "Physical Plan",
]


@pytest.mark.parametrize("template", _READS)
def test_a_read_whose_names_read_like_the_plans_operators_runs(store, template):
    rng = random.Random(template)
    with open_store("ladybug", path=store, read_only=True) as db:
        for _ in range(_VARIANTS):
            names = [rng.choice(_OPERATOR_LIKE) + rng.choice(["", " ", "_x"]) for _ in range(3)]
            cypher = template.format(n=f"`{names[0]}`", m=f"`{names[1]}`", s=f"'{names[2]}'")
            assert db.query(cypher).rows[0][0] == "hello", cypher
