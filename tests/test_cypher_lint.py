"""Every statement graphkit can send to Neo4j passes Neo4j's own Cypher front end (no server needed)."""

from __future__ import annotations

import functools
import re
import shutil
from collections.abc import Sequence
from typing import Any

import pytest
from cypher_lint import Linting

from graphkit import queries
from graphkit.store import LoadCounts, QueryResult, Store
from graphkit.store import cypher as statements
from graphkit.store.known import known

pytestmark = pytest.mark.skipif(not shutil.which("node"), reason="Node.js is missing: install it to lint Cypher")


class _Recorder(Store):
    """Records the statements the shared ``counts``, ``fetch_graph`` and ``known`` send, as a user's query or as
    graphkit's own reads."""

    def __init__(self) -> None:
        self.sent: list[str] = []

    def query(
        self, cypher: str, params: dict[str, Any] | None = None, write: bool = False, allow_files: bool = False
    ) -> QueryResult:
        return QueryResult(["c"], self._rows(cypher))

    def init_schema(self) -> None: ...

    def load(self, graph: Any, progress: Any = None) -> LoadCounts:
        return LoadCounts()

    def replace_replies(self, graph: Any) -> None: ...

    def replace_quotes(self, graph: Any) -> LoadCounts:
        return LoadCounts()

    def _fill(self, fills: Sequence[str], rows: list[dict[str, Any]], what: str) -> None: ...

    def _rows(self, statement: str, params: dict[str, Any] | None = None) -> list[list[Any]]:
        self.sent.append(statement)
        return [[0]] if "count(" in statement or re.search(r"LIMIT 1\b", statement) else []

    def close(self) -> None: ...


def _everything() -> list[str]:
    recorder = _Recorder()
    recorder.counts()
    recorder.fetch_graph()
    stored = known(recorder)
    assert stored is not None
    list(stored.texts)
    stored.threads(["article:x"])
    library = [q.text for q in queries.library().values()]
    return [
        *statements.schema_statements(),
        *statements.load_statements(),
        *statements.batch_statements(),
        *library,
        *recorder.sent,
    ]


_BROKEN = "MATCH (n) RETURN m LIMIT -1"


@functools.cache
def start_early() -> Linting:
    """Every statement and one broken statement, linted in one run of the front end (its start is
    most of a run's time). Started once the tests are collected (``tests/conftest.py``), so Node
    lints while the tests before these run."""
    return Linting([*_everything(), _BROKEN])


@pytest.fixture(scope="module")
def linted() -> list[tuple[str, list[str]]]:
    return start_early().result()


def test_every_statement_sent_to_neo4j_lints_clean(linted):
    sent = linted[:-1]
    assert len(sent) > 60
    assert [(s, errors) for s, errors in sent if errors] == []


def test_the_linter_does_report_errors(linted):
    statement, errors = linted[-1]
    assert statement == _BROKEN and errors
