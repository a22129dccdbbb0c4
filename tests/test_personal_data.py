"""No commenter's e-mail address leaves graphkit through an export, a view or a query unless
--show-emails: not as an Author's email property, not as an Author name that is an address, not
in a comment's text or evidence."""

from __future__ import annotations

import email.utils
import json
import re
from pathlib import Path

import pytest
from click.testing import CliRunner

from graphkit.cli import main
from graphkit.queries import library
from tests import builders as build

MBOX = Path(__file__).parent / "data" / "sources" / "list.mbox"
# tabular authors named by an address, bare or with a name, and an address in a comment's text
ROWS = [
    {"id": "t", "thread": "t", "author": "erin.rows@example.org", "title": "T", "text": "Opener by erin."},
    {"id": "c1", "thread": "t", "author": "Frank Rows <frank.rows@example.org>", "text": "Hi erin.rows@example.org!"},
    {"id": "c2", "thread": "t", "parent": "c1", "author": "gina", "text": "Or mail gina.rows@example.org, Frank."},
]


def _addresses() -> set[str]:
    """The senders' addresses of the mbox fixture, and the tabular ones."""
    senders = re.findall(r"^From: (.*)$", MBOX.read_text(encoding="utf-8"), re.M)
    found = {email.utils.parseaddr(s)[1] for s in senders}
    return found | {"erin.rows@example.org", "frank.rows@example.org", "gina.rows@example.org"}


def run(*args: str) -> str:
    result = CliRunner().invoke(main, list(args), catch_exceptions=False)
    assert result.exit_code == 0, result.output
    return result.stdout


@pytest.fixture(scope="module")
def store(tmp_path_factory) -> str:
    folder = tmp_path_factory.mktemp("personal")
    rows = folder / "rows.jsonl"
    build.jsonl(rows, ROWS)
    path = str(folder / "store.lbug")
    for source in (MBOX, rows):
        run("load", str(source), "--store", path, "--no-entities", "--workers", "1")
    return path


def _outputs(store: str, folder: Path, show: list[str]) -> dict[str, str]:
    """What every export, view and query writes, by path."""
    out: dict[str, str] = {}
    run("export", "--format", "neo4j-admin", str(folder / "admin"), "--store", store, *show)
    for csv in sorted((folder / "admin").iterdir()):
        out[f"export {csv.name}"] = csv.read_text(encoding="utf-8")
    for kind in ("replies", "all"):
        run("view", "--kind", kind, "-o", str(folder / f"{kind}.html"), "--store", store, *show)
        out[f"view {kind}"] = (folder / f"{kind}.html").read_text(encoding="utf-8")
    for suffix in (".json", ".graphml", ".gexf"):
        graph = folder / f"graph{suffix}"
        run("extract", str(MBOX), "-o", str(graph), "--no-entities", "--workers", "1", *show)
        out[f"extract {suffix}"] = graph.read_text(encoding="utf-8")
    for name, query in library().items():
        if not query.required:
            out[f"query {name}"] = run("query", name, "--format", "json", "--store", store, *show)
    for cypher in ("MATCH (a:Author) RETURN a", "MATCH (a:Author) RETURN a.name, a.email", "MATCH (c) RETURN c.text"):
        out[cypher] = run("query", cypher, "--format", "json", "--store", store, *show)
    return out


def test_no_address_leaves_without_show_emails(store, tmp_path):
    addresses = _addresses()
    leaks = {(path, a) for path, text in _outputs(store, tmp_path, []).items() for a in addresses if a in text}
    assert not leaks
    authors = json.loads(run("query", "MATCH (a:Author) RETURN a.name AS name", "--format", "json", "--store", store))
    assert {"dave", "erin.rows", "Frank Rows <frank.rows>"} <= {row["name"] for row in authors}


def test_show_emails_shows_them(store, tmp_path):
    outputs = _outputs(store, tmp_path, ["--show-emails"])
    assert "dave@example.com" in outputs["export nodes_Author.csv"]
    assert "frank.rows@example.org" in outputs["MATCH (a:Author) RETURN a.name, a.email"]
    assert "gina.rows@example.org" in outputs["MATCH (c) RETURN c.text"]
