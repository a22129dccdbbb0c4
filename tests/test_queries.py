"""The query library's headers and parameters (each query's rows are checked in test_cli, thread-tree's texts
here)."""

from __future__ import annotations

import csv
import html
import io
import json
from collections import Counter
from pathlib import Path

import pytest
from click.testing import CliRunner

from graphkit import queries, schema
from graphkit.cli import main
from graphkit.errors import QueryError
from graphkit.user_lookup import user_condition
from tests.cli_runs import run

REQUIRED = {
    "top-repliers",
    "reply-network",
    "most-mentioned",
    "co-mentions",
    "thread-tree",
    "cited-sources",
    "who-mentions-whom",
    "mentions-of",
    "quotes-of",
    "most-forwarded",
}


def test_library_has_every_required_query_with_a_description():
    lib = queries.library()
    assert set(lib) >= REQUIRED
    for query in lib.values():
        assert query.description and query.text.strip()


def test_parameters_have_defaults_or_are_required():
    lib = queries.library()
    assert lib["top-repliers"].defaults == {"limit": 10}
    assert lib["mentions-of"].required == ("name",)
    with pytest.raises(QueryError, match="needs -p name=VALUE"):
        lib["mentions-of"].params({})
    accounts = list(schema.ACCOUNT_PLATFORMS)  # what the query reads of the schema, given by graphkit
    assert lib["mentions-of"].params({"name": "Lavrov"}) == {
        "name": "Lavrov",
        "limit": 1000,
        "account_platforms": accounts,
        "account": "",
    }
    for given in ("@Gargron@Mastodon.social", "gargron@mastodon.social"):  # the stored host/@user form's id
        assert lib["mentions-of"].params({"name": given})["account"] == "author:mastodon:mastodon.social%2F%40gargron"
    assert lib["top-repliers"].params({}) == {"limit": 10}  # a query not reading it is not given it
    with pytest.raises(QueryError, match="^-p account_platforms: graphkit gives the library's queries this"):
        lib["mentions-of"].params({"name": "Lavrov", "account_platforms": "reddit"})
    ad_hoc = queries.get("MATCH (a:Author) WHERE a.platform IN $account_platforms RETURN a.name")
    assert ad_hoc.params({}) == {}  # a statement of the user's own is given only what the user gives


@pytest.mark.parametrize(("name", "nodes"), [("mentions-of", ("e",)), ("quotes-of", ("t", "v"))])
def test_a_lookup_by_user_name_is_the_condition_the_views_use(name, nodes):
    """The named queries are plain files: each must hold the rule of ``user_condition`` to the letter, one line of
    the condition an alternative of the query's WHERE, so the query and the views cannot find different Authors."""
    text = queries.library()[name].text
    for node in nodes:
        assert f"\n   OR {user_condition(node, 'toLower($name)')}\n" in text


def test_an_ad_hoc_statements_parameters_type_numbers_and_keep_strings():
    assert queries.get("RETURN 1").typed(("limit=5", "name=Mr Lavrov", "t=-0.5", "q=1e400x")) == {
        "limit": 5,
        "name": "Mr Lavrov",
        "t": -0.5,
        "q": "1e400x",
    }
    with pytest.raises(QueryError):
        queries.get("RETURN 1").typed(("novalue",))


def test_unknown_name_is_an_error_but_cypher_passes_through():
    with pytest.raises(QueryError, match="unknown query"):
        queries.get("no-such-query")
    assert queries.get("MATCH (n) RETURN count(n)").text == "MATCH (n) RETURN count(n)"
    assert queries.get(" CHECKPOINT").name == queries.AD_HOC  # a one-word statement, not a library name
    with pytest.raises(QueryError, match="unknown query"):
        queries.get("checkpoint")


def test_a_query_takes_each_parameter_as_it_declares_it():
    """A parameter declared without a default or with a text keeps the user's string (a thread's own id of
    digits names an article, which the engine would not compare with a number); a numeric default's parameter
    takes a number of its type, else a one-line error here rather than the engine's "Cast failed"."""
    lib = queries.library()
    assert lib["thread-tree"].typed(("article=881624",)) == {"article": "881624"}
    assert lib["mentions-of"].typed(("name=1e3", "limit=5")) == {"name": "1e3", "limit": 5}
    assert lib["most-mentioned"].typed(("label=42",)) == {"label": "42"}
    assert lib["reply-network"].typed(("min_confidence=1",)) == {"min_confidence": 1.0}
    assert type(lib["reply-network"].typed(("min_confidence=1",))["min_confidence"]) is float
    for pair in ("limit=abc", "limit=2.5", "limit=True"):
        with pytest.raises(QueryError, match="top-repliers.* takes a whole number for limit"):
            lib["top-repliers"].typed((pair,))
    assert queries.get("MATCH (n) RETURN $x").typed(("x=5", "y=a")) == {"x": 5, "y": "a"}


def test_a_parameter_is_a_number_only_where_written_as_a_plain_decimal():
    """A user's value is a number only as a plain decimal: "0x10", "1_0" and "1e999" (no finite number) stay text, so
    a numeric parameter given one is a one-line error; so is a long run of signs, which Python's parser could not
    read (a MemoryError), the error showing only its start."""
    assert queries.get("RETURN 1").typed(("a=0x10", "b=1_0", "c=1e999", "d=+7", "e=.5", "f=2E3")) == {
        "a": "0x10",
        "b": "1_0",
        "c": "1e999",
        "d": 7,
        "e": 0.5,
        "f": 2000.0,
    }
    top = queries.library()["top-repliers"]
    for value in ("0x10", "1_0", "1e999", "-" * 200_000 + "1", "9" * 5_000):
        with pytest.raises(QueryError, match="takes a whole number for limit") as error:
            top.typed((f"limit={value}",))
        assert len(str(error.value)) < 200


def test_thread_tree_gives_whole_texts_to_programs_and_spreadsheets_and_their_start_to_a_table(tmp_path):
    """A real Hacker News thread (typesense's comments) and a reply added to it that starts with "@": as JSON, which
    programs read, each comment's text is whole, as stored (before, cut to 80 characters); as CSV, which is for
    spreadsheets, whole too, but one a spreadsheet would take for a formula starts with an apostrophe; the table
    shows a text's start, ending "…"."""
    data = Path(__file__).parent / "data" / "real" / "hackernews" / "hn-comments-200.jsonl"
    items = [json.loads(line) for line in data.read_text(encoding="utf-8").splitlines()]
    first = items[0]  # a comment answering its thread's root, of plain text with entities
    whole = html.unescape(first["text"])
    assert "<" not in first["text"] and len(whole) > 80
    answer = {"id": 1, "type": "comment", "by": "someone", "time": first["time"] + 60, "parent": first["id"]}
    answer["text"] = f"@{first['by']} a native client, yes: it is how I started."
    thread = tmp_path / "hn.jsonl"
    thread.write_text(data.read_text(encoding="utf-8") + json.dumps(answer) + "\n", encoding="utf-8")
    store = str(tmp_path / "hn.lbug")
    run("load", str(thread), "--store", store, "--no-entities", "--workers", "1")
    every = "MATCH (c:Comment) RETURN c.id AS id, c.text AS text"
    texts = {r["id"]: r["text"] for r in json.loads(run("query", every, "--format", "json", "--store", store))}
    args = ("query", "thread-tree", "-p", f"article={first['parent']}", "--store", store)
    tree = json.loads(run(*args, "--format", "json"))
    assert {r["id"]: r["text"] for r in tree} == {r["id"]: texts[r["id"]] for r in tree}
    assert whole in [r["text"] for r in tree] and answer["text"] in [r["text"] for r in tree]
    table = list(csv.DictReader(io.StringIO(run(*args, "--format", "csv"), newline="")))
    formula = tuple("=+-@\t\r")
    assert [(r["id"], r["text"]) for r in table] == [
        (r["id"], "'" + r["text"] if r["text"].startswith(formula) else r["text"]) for r in tree
    ]
    line = next(line for line in run(*args).splitlines() if whole[:40] in line)
    assert whole not in line and line.rstrip().endswith("…")


def test_a_thread_tree_finding_no_thread_says_so_on_stderr(tmp_path):
    """No rows of thread-tree (an id no thread has) are said in one line on stderr, naming the id given; before,
    only the table's header showed, as for a thread that has no comment."""
    data = Path(__file__).parent / "data" / "real" / "hackernews" / "hn-comments-200.jsonl"
    store = str(tmp_path / "hn.lbug")
    run("load", str(data), "--store", store, "--no-entities", "--workers", "1")
    root = json.loads(data.read_text(encoding="utf-8").splitlines()[0])["parent"]
    for article, rows in (("no-such-thread", 0), (root, 1)):
        result = CliRunner().invoke(main, ["query", "thread-tree", "-p", f"article={article}", "--store", store])
        assert result.exit_code == 0 and (len(result.stdout.splitlines()) > 1) == bool(rows)
        said = result.stderr.splitlines()
        assert (
            said == []
            if rows
            else len(said) == 1 and said[0].startswith(f"no comment in a thread matching {article!r}")
        )


def test_author_to_author_queries_keep_two_writers_shown_alike_apart(tmp_path):
    """Two posters a board shows as "Anonymous", told apart by their poster ids, answering the same writer are two rows
    of reply-network and top-repliers, each with its id (grouped by the name shown, they were one writer)."""
    rows = [
        ("1", "", "Bob", "b", "Opening the thread about the bridge."),
        ("2", "1", "Bob", "b", "A second word on it."),
        ("3", "2", "Anonymous", "4f1a", "I disagree with that."),
        ("4", "2", "Anonymous", "9c2e", "Same here."),
        ("5", "4", "Anonymous", "9c2e", "And again."),
        ("6", "3", "Bob", "b", "Why so?"),
    ]
    table = tmp_path / "board.csv"
    with table.open("w", newline="") as out:
        csv.writer(out).writerows([("id", "parent", "author", "account", "text"), *rows])
    store = str(tmp_path / "board.lbug")
    run("load", str(table), "--map", "account=account", "--no-entities", "--store", store)
    account = {post: acc for post, _, _, acc, _ in rows}
    pairs = [
        (f"author:tabular:{acc}", f"author:tabular:{account[parent]}", parent) for _, parent, _, acc, _ in rows[1:]
    ]
    network = json.loads(run("query", "reply-network", "--format", "json", "--store", store))
    assert {(r["from_id"], r["to_id"]): r["replies"] for r in network} == Counter((a, b) for a, b, _ in pairs)
    assert sorted(r["from_author"] for r in network) == ["Anonymous", "Anonymous", "Anonymous", "Bob", "Bob"]
    repliers = json.loads(run("query", "top-repliers", "--format", "json", "--store", store))
    comments = Counter(a for a, _, p in pairs if p != "1")  # the first row is the thread's article
    assert {r["id"]: r["replies"] for r in repliers} == comments
