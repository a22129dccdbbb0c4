"""The CLI run in this process, for tests that load a file and read the store back."""

from __future__ import annotations

import json
from typing import Any

from click.testing import CliRunner

from graphkit.cli import main


def run(*args: str) -> str:
    """What the command prints; it must succeed."""
    result = CliRunner().invoke(main, list(args), catch_exceptions=False)
    assert result.exit_code == 0, result.output
    return result.stdout


def store_rows(store: str, cypher: str, *options: str) -> list[dict[str, Any]]:
    """The rows of a query on ``store``, as JSON objects."""
    return json.loads(run("query", cypher, "--format", "json", "--store", store, *options))


def assert_stated_parents(
    store: str, parents: dict[str, str], missing: set[str], unstated: frozenset[str] = frozenset()
) -> None:
    """Each post of ``parents`` (own id → its parent's id, as the file states them) replies exactly, not inferred, to
    that parent, and each parent ``missing`` from the file is a stub comment without text; a comment ``unstated``
    (whose file names no post it answers there, as a reply to another chat) replies inferred. Ids as the file writes
    them, a mail's address-like Message-ID too."""
    replies = store_rows(
        store,
        "MATCH (c:Comment)-[r:REPLY_TO]->(p) RETURN c.source_id AS id, p.source_id AS parent, r.inferred AS inf",
        "--show-emails",
    )
    got = sorted((r["id"], r["parent"], r["inf"]) for r in replies if r["id"] not in unstated)
    assert got == sorted((c, p, False) for c, p in parents.items())
    assert sorted((r["id"], r["inf"]) for r in replies if r["id"] in unstated) == sorted((c, True) for c in unstated)
    stubs = store_rows(
        store, "MATCH (c:Comment) WHERE c.stub RETURN c.source_id AS id, c.text AS text", "--show-emails"
    )
    assert sorted((r["id"], r["text"]) for r in stubs) == sorted((p, "") for p in missing)
