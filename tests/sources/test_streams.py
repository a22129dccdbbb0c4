"""Inputs that can be read only once (a named pipe, a process substitution's /dev/fd/N, standard
input) are read from their source once: the format sniff's head is replayed, and a reader's second
pass reads what was kept, so they load exactly what the same content loads from a file."""

from __future__ import annotations

import gzip
import io
import os
import subprocess
import sys
import threading
import tracemalloc
from pathlib import Path

import pytest
from click.testing import CliRunner

from bench.synthetic import write_reddit_dump
from graphkit.cli import main
from graphkit.sources import Report, detect, expand_inputs, read_posts
from graphkit.store import open_store

ROOT = Path(__file__).resolve().parents[2]
DATA = ROOT / "tests" / "data" / "sources"
EXAMPLE = ROOT / "tests" / "data" / "palmyra-lavrov-thread.txt"
LOAD = ["--no-entities"]  # one batch: a commit costs more than reading the whole input
CONTENTS = ["reddit dump", "gzip reddit dump", "text page"]  # a two-pass reader, compressed, a whole-text reader


def _content(kind: str, folder: Path) -> bytes:
    if kind == "text page":
        return EXAMPLE.read_bytes()
    dump = folder / "dump.ndjson"
    write_reddit_dump(dump, 300, seed=8)  # bigger than a pipe's buffer and the format sniff's head
    return gzip.compress(dump.read_bytes()) if kind.startswith("gzip") else dump.read_bytes()


def _stored(store: Path) -> tuple[dict[str, int], dict, set]:
    """Counts, nodes and edges; the input's name (a post's ``source``) aside."""
    with open_store("ladybug", path=str(store), read_only=True) as db:
        counts, graph = db.counts(), db.fetch_graph()
    nodes = {node: {k: v for k, v in attrs.items() if k != "source"} for node, attrs in graph.nodes(data=True)}
    return counts, nodes, set(graph.edges(keys=True))


@pytest.fixture(scope="module")
def from_file(tmp_path_factory):
    """from_file(kind) -> (the content, what loading it from a file stores), loaded once per kind."""
    done: dict[str, tuple[bytes, tuple]] = {}

    def run(kind: str) -> tuple[bytes, tuple]:
        if kind not in done:
            folder = tmp_path_factory.mktemp("file")
            content = _content(kind, folder)
            path = folder / ("same-content.gz" if kind.startswith("gzip") else "same-content")
            path.write_bytes(content)
            store = folder / "from-file.lbug"
            args = ["load", str(path), "--store", str(store), *LOAD]
            result = CliRunner().invoke(main, args, catch_exceptions=False)
            assert result.exit_code == 0, result.output
            done[kind] = content, _stored(store)
        return done[kind]

    return run


def _graphkit(*args: str, **popen: object) -> subprocess.Popen:
    env = {**os.environ, "PYTHONPATH": os.pathsep.join(filter(None, [str(ROOT), os.environ.get("PYTHONPATH")]))}
    return subprocess.Popen(
        [sys.executable, "-m", "graphkit", *args], stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=env, **popen
    )


def _finish(proc: subprocess.Popen, stdin: bytes | None = None) -> None:
    """Wait for the load; a reader that reopened a one-shot input would wait for a writer forever."""
    try:
        out, err = proc.communicate(stdin, timeout=300)
    except subprocess.TimeoutExpired:
        proc.kill()
        out, err = proc.communicate()
        pytest.fail(f"the load did not finish: {err.decode()}")
    assert proc.returncode == 0, err.decode()
    assert out.decode().startswith("Loaded ")


def _write(path: str | int, content: bytes) -> threading.Thread:
    """Writes ``content`` to a named pipe or a pipe's write end and closes it, in a thread (opening a
    named pipe waits for its reader)."""

    def run() -> None:
        try:
            with open(path, "wb") as pipe:
                pipe.write(content)
        except BrokenPipeError:  # the reader stopped reading: the load fails, which the test reports
            pass

    writer = threading.Thread(target=run, daemon=True)
    writer.start()
    return writer


@pytest.mark.parametrize("kind", CONTENTS)
def test_a_named_pipe_loads_what_a_file_of_the_same_content_loads(tmp_path, from_file, kind):
    content, expected = from_file(kind)
    fifo = tmp_path / "input.fifo"
    os.mkfifo(fifo)
    store = tmp_path / "from-fifo.lbug"
    proc = _graphkit("load", str(fifo), "--store", str(store), *LOAD)
    writer = _write(str(fifo), content)
    try:
        _finish(proc)
    finally:
        if writer.is_alive():  # the load ended without opening the pipe: let the writer's open return
            os.close(os.open(fifo, os.O_RDONLY | os.O_NONBLOCK))
        writer.join()
    assert _stored(store) == expected


@pytest.mark.parametrize("kind", ["gzip reddit dump", "text page"])
def test_a_process_substitution_loads_what_a_file_of_the_same_content_loads(tmp_path, from_file, kind):
    """``graphkit load <(cat dump.gz)``: the shell passes the read end of a pipe as /dev/fd/N."""
    content, expected = from_file(kind)
    store = tmp_path / "from-fd.lbug"
    read_end, write_end = os.pipe()
    try:
        proc = _graphkit("load", f"/dev/fd/{read_end}", "--store", str(store), *LOAD, pass_fds=(read_end,))
    finally:
        os.close(read_end)
    _write(write_end, content).join()
    _finish(proc)
    assert _stored(store) == expected


def test_standard_input_loads_what_a_file_of_the_same_content_loads(tmp_path, from_file):
    content, expected = from_file("gzip reddit dump")
    store = tmp_path / "from-stdin.lbug"
    _finish(_graphkit("load", "-", "--store", str(store), *LOAD, stdin=subprocess.PIPE), content)
    assert _stored(store) == expected


class _Produced(io.RawIOBase):
    """A stream of ``lines`` made as they are read, counting what was read: standard input that is
    far bigger than what a reader may hold."""

    def __init__(self, lines: int) -> None:
        self._lines = (self._line(i) for i in range(lines))
        self._pending = b""
        self.read_so_far = 0

    @staticmethod
    def _line(i: int) -> bytes:
        body = f"comment {i} " + "lorem ipsum dolor sit amet " * 80
        return (
            f'{{"id": "c{i}", "parent_id": "t3_s", "link_id": "t3_s", "subreddit": "s", "author": "u{i % 9}", '
            f'"body": "{body}", "created_utc": {1_500_000_000 + i}}}\n'
        ).encode()

    def readable(self) -> bool:
        return True

    def readinto(self, buffer: memoryview) -> int:  # type: ignore[override]
        while len(self._pending) < len(buffer):
            line = next(self._lines, b"")
            if not line:
                break
            self._pending += line
        n = min(len(buffer), len(self._pending))
        buffer[:n] = self._pending[:n]
        self._pending = self._pending[n:]
        self.read_so_far += n
        return n


def test_standard_input_is_streamed_not_read_whole(monkeypatch):
    """Sniffing reads a head, not the input; reading all posts holds a bounded part of it in memory."""
    produced = _Produced(10_000)  # about 22 MB
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BufferedReader(produced)))
    (inp,) = expand_inputs(["-"])
    assert detect(inp).name == "reddit"
    assert produced.read_so_far < 1024 * 1024
    tracemalloc.start()
    try:
        posts = sum(1 for _ in read_posts([inp]))
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert posts == 10_001  # the comments and their thread's stub root
    assert produced.read_so_far > 20 * 1024 * 1024 > 4 * peak


@pytest.mark.parametrize("name", sorted(p.name for p in DATA.iterdir()))
def test_every_reader_reads_standard_input_like_the_file(monkeypatch, name):
    """Readers open an input up to three times (the sniff, a first pass for parents, the posts),
    the tabular reader two of them at once: each replays what was read from standard input."""
    path = DATA / name
    from_file = Report()
    expected = [(p.id, p.parent, p.text, p.created) for p in read_posts(expand_inputs([str(path)]), report=from_file)]
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BufferedReader(io.BytesIO(path.read_bytes()))))
    from_stdin = Report()
    posts = [(p.id, p.parent, p.text, p.created) for p in read_posts(expand_inputs(["-"]), report=from_stdin)]
    assert posts == expected and from_stdin.counts == from_file.counts
