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
