"""Lint Cypher with Neo4j's own linter, for tests.

Wraps ``tests/cypher_lint/lint.mjs`` (Node), which runs ``lintCypherQuery`` from
``@neo4j-cypher/language-support`` (pinned in ``tests/cypher_lint/package.json``)
against the Cypher 5 grammar and semantic analysis. No server and no schema
are involved: it finds syntax errors and semantic errors such as undefined
variables, but not unknown labels, functions or procedures. Warnings (e.g.
deprecations) and "Parameter $x is not defined." are not reported. ``called_names``
runs ``names.mjs`` beside it: the procedures and functions the same front end's
parser finds a statement calls.

No pytest dependency. Typical test::

    from cypher_lint import lint_cypher

    def test_generated_cypher_is_valid():
        results = lint_cypher(all_generated_statements())
        assert [(q, errs) for q, errs in results if errs] == []

Needs ``node`` and ``npm`` on PATH (and the npm registry for the first run,
which does ``npm ci``); otherwise :class:`CypherLintUnavailable` is raised.
"""

from __future__ import annotations

import json
import shutil
import subprocess
import tempfile
import threading
from pathlib import Path

__all__ = [
    "LINT_DIR",
    "Linting",
    "CypherLintError",
    "CypherLintUnavailable",
    "ensure_installed",
    "lint_cypher",
    "lint_cypher_raw",
    "called_names",
]

LINT_DIR = Path(__file__).resolve().parent / "cypher_lint"
_PACKAGE = "@neo4j-cypher/language-support"
_install_lock = threading.Lock()


class CypherLintError(RuntimeError):
    """The linter could not be installed or failed to run."""


class CypherLintUnavailable(CypherLintError):
    """node or npm is not installed."""


def _which(tool: str) -> str:
    path = shutil.which(tool)
    if path is None:
        raise CypherLintUnavailable(
            f"`{tool}` was not found on PATH; the Cypher linter needs Node.js (18+) and npm. "
            f"Install them (e.g. `apt-get install nodejs npm`) to run the Cypher lint tests."
        )
    return path


def _installed() -> bool:
    return (LINT_DIR / "node_modules" / Path(*_PACKAGE.split("/")) / "package.json").is_file()


def ensure_installed(timeout: float = 600.0) -> None:
    """Run ``npm ci`` in tests/cypher_lint once, if node_modules is missing."""
    with _install_lock:
        if _installed():
            return
        npm = _which("npm")
        _which("node")
        cmd = [npm, "ci", "--no-audit", "--no-fund", "--loglevel=error"]
        try:
            proc = subprocess.run(
                cmd,
                cwd=LINT_DIR,
                stdin=subprocess.DEVNULL,
                stdout=subprocess.PIPE,
                stderr=subprocess.STDOUT,
                text=True,
                errors="replace",
                timeout=timeout,
                check=False,
            )
        except subprocess.TimeoutExpired as exc:
            raise CypherLintError(f"`npm ci` in {LINT_DIR} timed out after {timeout:.0f}s") from exc
        if proc.returncode != 0 or not _installed():
            raise CypherLintError(f"`npm ci` in {LINT_DIR} failed (exit {proc.returncode}):\n{proc.stdout[-4000:]}")


class Linting:
    """One run of lint.mjs (or another ``script`` of tests/cypher_lint), started at once and read by
    ``raw()``/``result()``: a caller with other work starts it first, and Node lints on another core
    meanwhile. An error starting it (no node, ``npm ci`` failing) is raised when the result is asked for."""

    def __init__(self, statements: list[str], timeout: float = 300.0, script: str = "lint.mjs") -> None:
        self.statements = list(statements)
        if not all(isinstance(s, str) for s in self.statements):
            raise TypeError("lint_cypher expects a list of str")
        self.timeout = timeout
        self._proc: subprocess.Popen[str] | None = None
        self._error: CypherLintError | None = None
        if not self.statements:
            return
        try:
            ensure_installed()
            node = _which("node")
        except CypherLintError as exc:
            self._error = exc
            return
        with tempfile.TemporaryFile("w+", encoding="utf-8") as given:  # never blocks, whatever its size
            json.dump(self.statements, given)
            given.seek(0)
            self._proc = subprocess.Popen(
                [node, str(LINT_DIR / script)],
                cwd=LINT_DIR,
                stdin=given,
                stdout=subprocess.PIPE,
                stderr=subprocess.PIPE,
                text=True,
                encoding="utf-8",
            )

    def raw(self) -> list[dict]:
        """lint.mjs's JSON per statement: ``{"errors": [...], "warnings": [...]}``, each diagnostic a
        dict with ``message``, ``line`` and ``column`` (1-based) and ``offset`` (0-based)."""
        if self._error is not None:
            raise self._error
        if self._proc is None:
            return []
        try:
            stdout, stderr = self._proc.communicate(timeout=self.timeout)
        except subprocess.TimeoutExpired as exc:
            self._proc.kill()
            self._proc.communicate()
            raise CypherLintError(
                f"the Cypher linter timed out after {self.timeout:.0f}s on {len(self.statements)} statements"
            ) from exc
        if self._proc.returncode != 0:
            raise CypherLintError(f"the Cypher linter failed (exit {self._proc.returncode}):\n{stderr[-4000:]}")
        try:
            results = json.loads(stdout)
        except json.JSONDecodeError as exc:
            raise CypherLintError(f"the Cypher linter printed no JSON:\n{stdout[-2000:]}\n{stderr[-2000:]}") from exc
        if not isinstance(results, list) or len(results) != len(self.statements):
            raise CypherLintError("the Cypher linter returned a result list of the wrong length")
        for statement, result in zip(self.statements, results, strict=True):
            if result.get("internalError"):
                raise CypherLintError(f"the Cypher linter crashed on {statement!r}:\n{result['internalError']}")
        return results

    def result(self) -> list[tuple[str, list[str]]]:
        """``[(statement, [error, ...]), ...]`` in input order; an empty list means valid Cypher 5."""
        return [
            (statement, [f"{e['message']} (line {e['line']}, column {e['column']})" for e in result["errors"]])
            for statement, result in zip(self.statements, self.raw(), strict=True)
        ]


def lint_cypher_raw(statements: list[str], timeout: float = 300.0) -> list[dict]:
    """Run lint.mjs; return its JSON per statement (see ``Linting.raw``)."""
    return Linting(statements, timeout).raw()


def lint_cypher(statements: list[str], timeout: float = 300.0) -> list[tuple[str, list[str]]]:
    """Lint each statement; return ``[(statement, [error, ...]), ...]`` in input order.

    An empty list means the statement is valid Cypher 5. Each error reads like
    ``"Variable `m` not defined (line 1, column 18)"``. One Node process lints
    the whole list (startup ~1-2 s), so pass all statements in one call.
    """
    return Linting(statements, timeout).result()


def called_names(statements: list[str], timeout: float = 300.0) -> list[dict]:
    """The procedures and functions each statement calls as Neo4j's own parser names them (names.mjs):
    ``{"functions": [...], "procedures": [...], "errors": [...]}`` per statement, ``errors`` its syntax errors."""
    return Linting(statements, timeout, script="names.mjs").raw()
