"""Start a throw-away, real Neo4j 5 server for the test suite.

The server is Neo4j's own in-process test harness (``org.neo4j.test:neo4j-harness``,
Community edition), wrapped by the tiny Maven module in ``tests/neo4j_harness``.
It needs ``java`` (17+) and, for the one-time build, ``mvn`` with access to Maven
Central. Bolt listens on 127.0.0.1 on a free port; nothing else is opened.

This module has no pytest dependency. Intended use in ``tests/conftest.py``::

    import pytest
    from neo4j_server import Neo4jServer, Neo4jUnavailable, neo4j_uri_from_env

    @pytest.fixture(scope="session")
    def neo4j_conn():
        env = neo4j_uri_from_env()          # e.g. after `docker compose up -d`
        if env is not None:
            yield env.uri, env.auth
            return
        try:
            server = Neo4jServer().start()  # builds the harness on first use
        except Neo4jUnavailable as exc:     # no java / mvn on this machine
            pytest.skip(str(exc))
        try:
            yield server.uri, server.auth   # auth is None: auth is disabled
        finally:
            server.stop()

    # A server with auth switched on, e.g. to check a wrong-password error:
    #     with Neo4jServer(password="s3cret") as srv:
    #         GraphDatabase.driver(srv.uri, auth=("neo4j", "wrong")) -> AuthError

or the functional form ``uri, stop = start_neo4j()`` ... ``stop()``.

Errors: :class:`Neo4jUnavailable` (java or mvn missing: skip or set NEO4J_URI),
:class:`Neo4jStartError` (the build or the server failed: a real failure).
Both derive from :class:`Neo4jHarnessError`.

Environment knobs (all optional):
    GRAPHKIT_NEO4J_JAVA_OPTS      JVM options replacing the defaults (shlex-split)
    GRAPHKIT_NEO4J_PAGECACHE_MB   page cache size in MiB (default 64)
    GRAPHKIT_NEO4J_CDS=0          do not make/use the JVM class-data-sharing archive
    JAVA_HOME                     java is taken from $JAVA_HOME/bin if set
"""

from __future__ import annotations

import atexit
import contextlib
import hashlib
import os
import queue
import shlex
import shutil
import subprocess
import tempfile
import threading
import time
import weakref
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

__all__ = [
    "DEFAULT_JAVA_OPTS",
    "HARNESS_DIR",
    "Neo4jConnectionInfo",
    "Neo4jHarnessError",
    "Neo4jServer",
    "Neo4jStartError",
    "Neo4jUnavailable",
    "bench_server",
    "build_harness",
    "neo4j_uri_from_env",
    "start_neo4j",
]

HARNESS_DIR = Path(__file__).resolve().parent / "neo4j_harness"
MAIN_CLASS = "graphkit.Neo4jTestServer"
LAUNCHER_JAR = "neo4j-test-server.jar"
CDS_ARCHIVE = "neo4j-test-server.jsa"
PASSWORD_ENV = "GRAPHKIT_NEO4J_TEST_PASSWORD"  # read by the Java side
USER = "neo4j"

# Small JVM: the suite only needs a toy database. SerialGC starts fastest and
# has the smallest footprint on a 2-core machine; the quick compiler alone (C1) spends far less CPU
# compiling than C2 would win back on a test session's small queries.
DEFAULT_JAVA_OPTS = (
    "-Xms256m",
    "-Xmx1g",
    "-XX:+UseSerialGC",
    "-XX:TieredStopAtLevel=1",
    "-XX:+ExitOnOutOfMemoryError",
    "-Xshare:auto",
    "-Djava.awt.headless=true",
    "-Dfile.encoding=UTF-8",
)

_HOW_TO = (
    "To run the Neo4j tests against another server instead, start one "
    "(e.g. `docker compose up -d`) and set NEO4J_URI (plus NEO4J_USER / "
    "NEO4J_PASSWORD if it has auth), e.g. NEO4J_URI=bolt://127.0.0.1:7687."
)


class Neo4jHarnessError(RuntimeError):
    """Base class of this module's errors."""


class Neo4jUnavailable(Neo4jHarnessError):
    """java or mvn is not installed, so no local server can be started."""


class Neo4jStartError(Neo4jHarnessError):
    """The harness failed to build, start, answer or stop."""


# ---------------------------------------------------------------------------
# External server from the environment
# ---------------------------------------------------------------------------


@dataclass(frozen=True)
class Neo4jConnectionInfo:
    uri: str
    user: str | None = None
    password: str | None = None
    database: str | None = None

    @property
    def auth(self) -> tuple[str, str] | None:
        """Driver ``auth=`` value: ``(user, password)`` or None (no auth)."""
        if self.password is None:
            return None
        return (self.user or USER, self.password)


def neo4j_uri_from_env(environ: dict[str, str] | None = None) -> Neo4jConnectionInfo | None:
    """Connection details of an externally run server, or None if NEO4J_URI is unset.

    Reads NEO4J_URI, NEO4J_USER (or NEO4J_USERNAME), NEO4J_PASSWORD and
    NEO4J_DATABASE. Empty values count as unset.
    """
    env = os.environ if environ is None else environ

    def get(*names: str) -> str | None:
        for name in names:
            value = env.get(name)
            if value:
                return value
        return None

    uri = get("NEO4J_URI")
    if uri is None:
        return None
    return Neo4jConnectionInfo(
        uri=uri,
        user=get("NEO4J_USER", "NEO4J_USERNAME"),
        password=get("NEO4J_PASSWORD"),
        database=get("NEO4J_DATABASE"),
    )


@contextlib.contextmanager
def bench_server() -> Iterator[dict[str, str | None]]:
    """Store options of the Neo4j a bench measures: NEO4J_URI's server when set, else a local harness
    server started for the bench and stopped after it."""
    env = neo4j_uri_from_env()
    if env is not None:
        yield {"uri": env.uri, "user": env.user or "neo4j", "password": env.password, "database": env.database}
        return
    server = Neo4jServer(page_cache_mb=512).start()
    try:
        yield {"uri": server.uri}
    finally:
        server.stop()


# ---------------------------------------------------------------------------
# Building the harness
# ---------------------------------------------------------------------------

_build_lock = threading.Lock()


def _find_java() -> str:
    java_home = os.environ.get("JAVA_HOME")
    if java_home:
        candidate = Path(java_home) / "bin" / ("java.exe" if os.name == "nt" else "java")
        if candidate.is_file():
            return str(candidate)
    java = shutil.which("java")
    if java is None:
        raise Neo4jUnavailable(
            "`java` (17 or newer) was not found on PATH, so no local Neo4j test server can be started. " + _HOW_TO
        )
    return java


def _find_mvn() -> str:
    mvn = shutil.which("mvn")
    if mvn is None:
        raise Neo4jUnavailable(
            "`mvn` (Maven) was not found on PATH, so the Neo4j test harness cannot be built. " + _HOW_TO
        )
    return mvn


def _source_digest() -> str:
    h = hashlib.sha256()
    files = [HARNESS_DIR / "pom.xml", *sorted((HARNESS_DIR / "src").rglob("*"))]
    for path in files:
        if path.is_file():
            h.update(str(path.relative_to(HARNESS_DIR)).encode())
            h.update(b"\0")
            h.update(path.read_bytes())
            h.update(b"\0")
    return h.hexdigest()


def _read_classpath(target: Path) -> list[str] | None:
    cp_file = target / "classpath.txt"
    launcher = target / LAUNCHER_JAR
    if not cp_file.is_file() or not launcher.is_file():
        return None
    entries = [e for e in cp_file.read_text(encoding="utf-8").strip().split(os.pathsep) if e]
    if not entries or not all(Path(e).is_file() for e in entries):
        return None  # e.g. ~/.m2 was wiped
    return [str(launcher), *entries]


def build_harness(*, force: bool = False, timeout: float = 900.0) -> list[str]:
    """Build ``tests/neo4j_harness`` unless it is up to date; return the java classpath.

    Up to date means: target/ holds a build stamp matching the current pom.xml
    and sources, and every jar of the recorded classpath still exists. The first
    build downloads ~145 MB of jars from Maven Central into ~/.m2.
    Safe to call from several processes at once (pytest-xdist): builds are
    serialised with a file lock.
    """
    target = HARNESS_DIR / "target"
    stamp = target / "graphkit-build.sha256"
    with _build_lock:
        digest = _source_digest()
        if not force and stamp.is_file() and stamp.read_text().strip() == digest:
            classpath = _read_classpath(target)
            if classpath is not None:
                return classpath

        mvn = _find_mvn()
        _find_java()
        target.mkdir(parents=True, exist_ok=True)
        with _FileLock(target / ".build.lock"):
            # Another process may have finished the build while we waited.
            if not force and stamp.is_file() and stamp.read_text().strip() == digest:
                classpath = _read_classpath(target)
                if classpath is not None:
                    return classpath
            cmd = [mvn, "-B", "-q", "-Dstyle.color=never", "process-classes"]
            try:
                proc = subprocess.run(
                    cmd,
                    cwd=HARNESS_DIR,
                    stdin=subprocess.DEVNULL,
                    stdout=subprocess.PIPE,
                    stderr=subprocess.STDOUT,
                    text=True,
                    errors="replace",
                    timeout=timeout,
                    check=False,
                )
            except subprocess.TimeoutExpired as exc:
                raise Neo4jStartError(
                    f"building the Neo4j test harness timed out after {timeout:.0f}s: {' '.join(cmd)}"
                ) from exc
            if proc.returncode != 0:
                raise Neo4jStartError(
                    f"building the Neo4j test harness failed (exit {proc.returncode}) in {HARNESS_DIR}:\n"
                    f"$ {' '.join(cmd)}\n{_tail(proc.stdout, 60)}"
                )
            classpath = _read_classpath(target)
            if classpath is None:
                raise Neo4jStartError(f"Maven succeeded but {target}/classpath.txt or the compiled class is missing")
            stamp.write_text(digest + "\n")
            return classpath


def _cds_key(java: str, classpath: list[str], java_opts: list[str]) -> str:
    h = hashlib.sha256()
    real_java = os.path.realpath(java)
    for entry in [real_java, *classpath]:
        st = os.stat(entry)
        h.update(f"{entry}|{st.st_size}|{st.st_mtime_ns}\n".encode())
    h.update(" ".join(java_opts).encode())
    return h.hexdigest()


def _cds_options(java: str, classpath: list[str], java_opts: list[str], timeout: float = 300.0) -> list[str]:
    """JVM options to start from an AppCDS archive; makes the archive on first use.

    A dynamic class-data-sharing archive of the classes loaded during a
    start/stop cycle cuts the JVM's startup time (measured ~6.5 s -> ~4.3 s on a
    busy 2-core machine). The archive (~80 MB) lives in target/ and is remade when
    java, a jar or the JVM options change; if making it fails, CDS is skipped.
    Set GRAPHKIT_NEO4J_CDS=0 to turn this off.
    """
    if os.environ.get("GRAPHKIT_NEO4J_CDS", "1").strip().lower() in ("0", "false", "no", "off"):
        return []
    target = HARNESS_DIR / "target"
    archive = target / CDS_ARCHIVE
    stamp = target / (CDS_ARCHIVE + ".stamp")
    key = _cds_key(java, classpath, java_opts)

    def cached() -> list[str] | None:
        if not stamp.is_file():
            return None
        state, _, stamp_key = stamp.read_text().strip().partition(":")
        if stamp_key != key:
            return None
        if state == "ok" and archive.is_file():
            return [f"-XX:SharedArchiveFile={archive}"]
        if state == "failed":
            return []
        return None

    with _build_lock:
        options = cached()
        if options is not None:
            return options
        with _FileLock(target / ".build.lock"):
            options = cached()
            if options is not None:
                return options
            tmp = target / (CDS_ARCHIVE + f".{os.getpid()}.tmp")
            env = dict(os.environ)
            env.pop(PASSWORD_ENV, None)
            env["CLASSPATH"] = os.pathsep.join(classpath)
            # stdin at EOF: the server starts fully, then shuts down at once;
            # the classes loaded on the way are dumped at JVM exit.
            cmd = [
                java,
                *java_opts,
                f"-XX:ArchiveClassesAtExit={tmp}",
                "-Xlog:cds=off",
                "-Xlog:cds+dynamic=off",
                MAIN_CLASS,
            ]
            ok = False
            try:
                proc = subprocess.run(
                    cmd,
                    stdin=subprocess.DEVNULL,
                    stdout=subprocess.DEVNULL,
                    stderr=subprocess.DEVNULL,
                    env=env,
                    timeout=timeout,
                    check=False,
                )
                ok = proc.returncode == 0 and tmp.is_file()
            except (subprocess.TimeoutExpired, OSError):
                ok = False
            if ok:
                os.replace(tmp, archive)
                stamp.write_text(f"ok:{key}\n")
                return [f"-XX:SharedArchiveFile={archive}"]
            tmp.unlink(missing_ok=True)
            stamp.write_text(f"failed:{key}\n")
            return []


class _FileLock:
    """Exclusive advisory lock on a file (a no-op where fcntl is missing)."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self._fh = None

    def __enter__(self) -> _FileLock:
        self._fh = open(self.path, "a+")  # noqa: SIM115
        try:
            import fcntl
        except ImportError:  # pragma: no cover - Windows
            return self
        fcntl.flock(self._fh.fileno(), fcntl.LOCK_EX)
        return self

    def __exit__(self, *exc: object) -> None:
        if self._fh is not None:
            self._fh.close()  # closing releases the lock
            self._fh = None


def _tail(text: str, lines: int) -> str:
    return "\n".join(text.rstrip().splitlines()[-lines:])


# ---------------------------------------------------------------------------
# Running the server
# ---------------------------------------------------------------------------

_live_servers: weakref.WeakSet[Neo4jServer] = weakref.WeakSet()


@atexit.register
def _stop_leftovers() -> None:
    for server in list(_live_servers):
        with contextlib.suppress(Exception):  # best effort at interpreter exit
            server.stop()


class Neo4jServer:
    """One harness process. Use as a context manager or call start()/stop().

    Attributes after start(): ``uri`` (``bolt://127.0.0.1:PORT``), ``auth``
    (driver ``auth=`` value: None when auth is disabled, else
    ``("neo4j", password)``), ``password``, ``pid``.

    The java process also exits by itself when this Python process dies,
    because it stops when its stdin (a pipe from us) is closed.

    Start-up waits on the server's own events (the Bolt URI it prints, its exit); the deadline
    only guards against a hung JVM, so it is long: on a machine loaded fifteen-fold, start-up
    alone took over two minutes.
    """

    def __init__(
        self,
        password: str | None = None,
        *,
        startup_timeout: float = 900.0,
        build_timeout: float = 900.0,
        java_opts: list[str] | tuple[str, ...] | None = None,
        page_cache_mb: int | None = None,
    ) -> None:
        if password is not None and password == "":
            raise ValueError("password must be None (auth disabled) or a non-empty string")
        self.password = password
        self.startup_timeout = startup_timeout
        self.build_timeout = build_timeout
        if java_opts is None:
            env_opts = os.environ.get("GRAPHKIT_NEO4J_JAVA_OPTS")
            java_opts = shlex.split(env_opts) if env_opts else DEFAULT_JAVA_OPTS
        self.java_opts = list(java_opts)
        self.page_cache_mb = page_cache_mb
        self.uri: str | None = None
        self._proc: subprocess.Popen[str] | None = None
        self._log_path: Path | None = None
        self._lines: queue.Queue[str | None] = queue.Queue()
        self._deadline = 0.0

    # -- public API ---------------------------------------------------------

    @property
    def auth(self) -> tuple[str, str] | None:
        return None if self.password is None else (USER, self.password)

    @property
    def pid(self) -> int | None:
        return None if self._proc is None else self._proc.pid

    @property
    def running(self) -> bool:
        return self._proc is not None and self._proc.poll() is None

    def start(self) -> Neo4jServer:
        """Build if needed, start java, wait until Bolt answers. Returns self."""
        return self.launch().ready()

    def launch(self) -> Neo4jServer:
        """Build if needed and start java without waiting for it: a caller with other work starts the
        server first and calls ``ready()`` when it needs it. Returns self."""
        if self._proc is not None:
            raise Neo4jStartError("this Neo4jServer was already started")
        java = _find_java()
        classpath = build_harness(timeout=self.build_timeout)

        env = dict(os.environ)
        env.pop(PASSWORD_ENV, None)
        env["CLASSPATH"] = os.pathsep.join(classpath)  # keeps the command line short
        if self.page_cache_mb is not None:
            env["GRAPHKIT_NEO4J_PAGECACHE_MB"] = str(int(self.page_cache_mb))
        args = [java, *self.java_opts, *_cds_options(java, classpath, self.java_opts), MAIN_CLASS]
        if self.password is not None:
            env[PASSWORD_ENV] = self.password  # never on argv: it would show in ps
            args.append("--auth")

        fd, log_name = tempfile.mkstemp(prefix="graphkit-neo4j-", suffix=".log")
        self._log_path = Path(log_name)
        deadline = time.monotonic() + self.startup_timeout
        with os.fdopen(fd, "wb") as log:
            self._proc = subprocess.Popen(  # noqa: S603
                args,
                stdin=subprocess.PIPE,
                stdout=subprocess.PIPE,
                stderr=log,
                env=env,
                text=True,
                encoding="utf-8",
                errors="replace",
            )
        _live_servers.add(self)
        threading.Thread(target=self._pump_stdout, name=f"neo4j-stdout-{self._proc.pid}", daemon=True).start()
        self._deadline = deadline
        return self

    def ready(self) -> Neo4jServer:
        """Wait until the launched server's Bolt answers (at once when it already did). Returns self."""
        if self._proc is None:
            raise Neo4jStartError("this Neo4jServer was never launched")
        if self.uri is None:
            try:
                self.uri = self._wait_for_uri(self._deadline)
                self._wait_for_bolt(self._deadline)
            except BaseException:
                self.uri = None
                self._shutdown(timeout=10.0)
                raise
        return self

    def stop(self, timeout: float = 30.0) -> None:
        """Close the server's stdin and wait for a clean exit; kill after ``timeout``.

        Idempotent. Raises Neo4jStartError if the server had to be killed or
        exited with an error status (the log path is in the message).
        """
        if self._proc is None:
            return
        code = self._shutdown(timeout=timeout)
        if code != 0:
            raise Neo4jStartError(f"Neo4j test server exited with status {code} on stop.\n{self._log_tail()}")
        self._remove_log()

    def __enter__(self) -> Neo4jServer:
        return self.start()

    def __exit__(self, *exc: object) -> None:
        self.stop()

    def __repr__(self) -> str:
        return f"<Neo4jServer uri={self.uri!r} pid={self.pid} auth={'on' if self.password else 'off'}>"

    # -- internals ----------------------------------------------------------

    def _pump_stdout(self) -> None:
        proc = self._proc
        assert proc is not None and proc.stdout is not None
        try:
            for line in proc.stdout:
                self._lines.put(line.strip())
        except (OSError, ValueError):
            pass
        finally:
            self._lines.put(None)

    def _wait_for_uri(self, deadline: float) -> str:
        while True:
            remaining = deadline - time.monotonic()
            if remaining <= 0:
                raise Neo4jStartError(
                    f"Neo4j test server printed no Bolt URI within {self.startup_timeout:.0f}s.\n{self._log_tail()}"
                )
            try:
                line = self._lines.get(timeout=min(remaining, 0.5))
            except queue.Empty:
                continue
            if line is None:
                code = self._proc.wait(timeout=10) if self._proc else None
                raise Neo4jStartError(f"Neo4j test server exited during startup (status {code}).\n{self._log_tail()}")
            if line.startswith("bolt://"):
                return line
            # Anything else on stdout is unexpected but harmless; ignore it.

    def _wait_for_bolt(self, deadline: float) -> None:
        from neo4j import GraphDatabase
        from neo4j.exceptions import ServiceUnavailable

        last_error: Exception | None = None
        while time.monotonic() < deadline:
            if not self.running:
                raise Neo4jStartError(f"Neo4j test server died after printing {self.uri}.\n{self._log_tail()}")
            try:
                with GraphDatabase.driver(self.uri, auth=self.auth, connection_timeout=5.0) as driver:
                    driver.verify_connectivity()
                return
            except (ServiceUnavailable, OSError) as exc:
                last_error = exc
                time.sleep(0.2)
        raise Neo4jStartError(
            f"Bolt at {self.uri} did not answer within {self.startup_timeout:.0f}s: {last_error!r}\n{self._log_tail()}"
        )

    def _shutdown(self, timeout: float) -> int | None:
        proc = self._proc
        if proc is None:
            return None
        _live_servers.discard(self)
        if proc.stdin is not None:
            with contextlib.suppress(OSError):
                proc.stdin.close()  # EOF on stdin = please shut down
        try:
            return proc.wait(timeout=timeout)
        except subprocess.TimeoutExpired:
            pass
        proc.terminate()  # SIGTERM: the JVM shutdown hook still closes Neo4j
        try:
            proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()
        return -1  # forced

    def _log_tail(self, lines: int = 40) -> str:
        if self._log_path is None or not self._log_path.exists():
            return "(no log)"
        text = self._log_path.read_text(encoding="utf-8", errors="replace")
        return f"--- last lines of {self._log_path} ---\n{_tail(text, lines) or '(empty)'}"

    def _remove_log(self) -> None:
        if self._log_path is not None:
            with contextlib.suppress(OSError):
                self._log_path.unlink()


def start_neo4j(password: str | None = None, **kwargs: object) -> tuple[str, Callable[[], None]]:
    """Start a server; return ``(bolt_uri, stop)``. ``stop()`` is idempotent.

    With ``password`` set, auth is enabled and user ``neo4j`` has that password.
    Extra keyword arguments go to :class:`Neo4jServer`.
    """
    server = Neo4jServer(password, **kwargs).start()  # type: ignore[arg-type]
    assert server.uri is not None
    return server.uri, server.stop
