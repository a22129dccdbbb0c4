"""Compressed inputs are read as streams and refused once they expand beyond a limit the user can
raise: a decompression bomb ends with one line naming the file and the limit, a bounded amount of
memory, and the store as it was; a load that had committed batches of earlier inputs resumes."""

from __future__ import annotations

import base64
import gzip
import io
import json
import random
import tracemalloc
from pathlib import Path

import pytest
import zstandard
from click.testing import CliRunner

from bench.synthetic import write_reddit_dump
from graphkit.cli import main
from graphkit.errors import InputError
from graphkit.sources import DEFAULT_MAX_EXPANSION, expand_inputs, read_posts
from graphkit.store import open_store

EXPANDED = 24 * 1024 * 1024  # what each bomb expands to; the limit trips long before
_MEGABYTE_OF = {  # the start of an input of each kind, and what repeats after it
    "text": (b"Headline\n\nThe article's body.\n\n", b"all work and no play makes jack a dull boy\n"),
    "json document": (b'{"id": 1, "type": "story", "time": 1, "title": "t", "story_id": 1, "kids": [', b" " * 64),
    "ndjson": (
        b"",
        b'{"id": "c1", "parent_id": "t3_s", "link_id": "t3_s", "subreddit": "s", "body": "x", "created_utc": 1}\n',
    ),
    "xml": (b'<?xml version="1.0"?>\n<disqus xmlns="http://disqus.com">\n', b"<!-- padding -->\n"),
}


def _gzip_bomb(path: Path, head: bytes, unit: bytes) -> Path:
    """A gzip file expanding to ``EXPANDED`` bytes, built at once: one compressed megabyte repeated as
    gzip members (a gzip file may hold several; readers decompress them one after another)."""
    block = gzip.compress(unit * (1024 * 1024 // len(unit)), 9)
    path.write_bytes(gzip.compress(head) + block * (EXPANDED // (1024 * 1024)))
    return path


def _zstd_bomb(path: Path, head: bytes, unit: bytes) -> Path:
    block = zstandard.ZstdCompressor(level=19).compress(unit * (1024 * 1024 // len(unit)))
    path.write_bytes(zstandard.ZstdCompressor().compress(head) + block * (EXPANDED // (1024 * 1024)))
    return path


BOMBS = {".gz": _gzip_bomb, ".zst": _zstd_bomb}


def _run(*args: str):
    return CliRunner().invoke(main, list(args), catch_exceptions=False)


def _counts(store: Path) -> dict[str, int]:
    with open_store("ladybug", path=str(store), read_only=True) as db:
        return db.counts()


def _graph(store: Path) -> tuple[dict[str, int], dict, set]:
    with open_store("ladybug", path=str(store), read_only=True) as db:
        counts, graph = db.counts(), db.fetch_graph()
    return counts, dict(graph.nodes(data=True)), set(graph.edges(keys=True))


@pytest.mark.parametrize("kind", list(_MEGABYTE_OF))
@pytest.mark.parametrize("suffix", list(BOMBS))
def test_a_bomb_is_refused_while_read_in_bounded_memory(tmp_path, kind, suffix):
    """Whatever the reader (whole text, a JSON document, lines, XML), reading stops at the limit."""
    bomb = BOMBS[suffix](tmp_path / f"bomb{suffix}", *_MEGABYTE_OF[kind])
    assert bomb.stat().st_size * DEFAULT_MAX_EXPANSION < EXPANDED / 2
    tracemalloc.start()
    try:
        with pytest.raises(InputError, match="expands to more than 100 times") as raised:
            list(read_posts(expand_inputs([str(bomb)])))
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert str(raised.value).startswith(f"{bomb}: ")
    assert peak < EXPANDED / 6


@pytest.mark.parametrize("suffix", list(BOMBS))
def test_the_cli_refuses_a_bomb_with_one_line_and_leaves_the_store_as_it_was(tmp_path, suffix):
    store = tmp_path / "store.lbug"
    dump = tmp_path / "dump.ndjson"
    write_reddit_dump(dump, 60, seed=1)
    assert _run("load", str(dump), "--store", str(store), "--no-entities").exit_code == 0
    before = _counts(store)
    bomb = BOMBS[suffix](tmp_path / f"bomb.ndjson{suffix}", *_MEGABYTE_OF["ndjson"])
    result = _run("load", str(bomb), "--store", str(store), "--no-entities")
    assert result.exit_code == 1
    assert result.stderr.splitlines() == [
        f"Error: {bomb}: expands to more than 100 times its compressed size, refused as a likely "
        "decompression bomb (raise the limit with --max-expansion)"
    ]
    assert _counts(store) == before


def test_the_limit_is_the_users_to_lower_or_raise(tmp_path):
    """A real dump compressed with gzip expands about 8x: refused below that, loaded at the default."""
    plain = tmp_path / "dump.ndjson"
    write_reddit_dump(plain, 200, seed=4)
    packed = tmp_path / "dump.ndjson.gz"
    packed.write_bytes(gzip.compress(plain.read_bytes()))
    ratio = plain.stat().st_size / packed.stat().st_size
    assert 3 < ratio < 15
    store = tmp_path / "store.lbug"
    refused = _run("extract", str(packed), "-o", str(tmp_path / "g.json"), "--no-entities", "--max-expansion", "2")
    assert refused.exit_code == 1 and "more than 2 times" in refused.stderr
    loaded = _run("load", str(packed), "--store", str(store), "--no-entities")
    assert loaded.exit_code == 0, loaded.output
    assert "--max-expansion RATIO" in _run("load", "--help").stdout


@pytest.mark.parametrize("holding", [True, False], ids=["store-holding-posts", "new-store"])
def test_a_load_stopped_by_the_limit_in_a_later_input_resumes_when_run_again(tmp_path, holding):
    """Every reader reads its whole input before yielding a post of it, so the limit trips before a
    post of the refused input is loaded; into a store holding posts the batches of earlier inputs stay
    committed, a new store (written in one go at the end) stays empty, and the same command with the limit
    raised completes the load with the counts of one uninterrupted load."""
    first = tmp_path / "a.ndjson"
    write_reddit_dump(first, 400, seed=5)
    # the second input starts with texts that do not compress, so that its format is recognised under
    # the limit, and goes on with texts that do: it crosses the limit in the middle
    rng = random.Random(6)
    bodies = [base64.b64encode(rng.randbytes(1500)).decode() for _ in range(60)] + ["so it goes. " * 200] * 600
    lines = (
        json.dumps(
            {
                "id": f"b{i}",
                "parent_id": "t3_b",
                "link_id": "t3_b",
                "subreddit": "s",
                "author": f"u{i % 7}",
                "body": body,
                "created_utc": 1_500_000_000 + i,
            }
        )
        for i, body in enumerate(bodies)
    )
    second = tmp_path / "b.ndjson.gz"
    second.write_bytes(gzip.compress("\n".join(lines).encode()))
    options = ["--no-entities", "--batch-size", "250"]  # the first input fills one batch and starts another
    clean, store = tmp_path / "clean.lbug", tmp_path / "resumed.lbug"
    if holding:  # a post of a thread of its own, with no comments
        seed = tmp_path / "seed.ndjson"
        post = {"id": "seed1", "name": "t3_seed1", "author": "seeder", "title": "Held", "created_utc": 1_400_000_000}
        seed.write_text(json.dumps({**post, "subreddit": "s"}) + "\n")
        for path in (clean, store):
            assert "Loaded 1 threads, 1 posts" in _run("load", str(seed), "--store", str(path), *options).stdout
    assert _run("load", str(first), str(second), "--store", str(clean), *options).exit_code == 0
    stopped = _run("load", str(first), str(second), "--store", str(store), *options, "--max-expansion", "5")
    assert stopped.exit_code == 1 and f"{second}: expands to more than 5 times" in stopped.stderr
    comments = _counts(store).get("Comment", 0)
    if holding:
        assert 0 < comments < 400  # whole batches of the first input, nothing of the second
    else:
        assert comments == 0 and sorted(p.name for p in tmp_path.iterdir() if p.name.startswith(store.name)) == [
            store.name
        ]
    resumed = _run("load", str(first), str(second), "--store", str(store), *options)
    assert resumed.exit_code == 0, resumed.output
    assert _graph(store) == _graph(clean)


def test_a_zstd_dump_with_a_2_gib_window_is_read(tmp_path):
    """Pushshift compresses its Reddit dumps with ``zstd --long=31``, which the decoder refuses by default."""
    plain = tmp_path / "dump.ndjson"
    write_reddit_dump(plain, 50, seed=7)
    params = zstandard.ZstdCompressionParameters.from_level(3, window_log=31, enable_ldm=True)
    packed = io.BytesIO()
    with zstandard.ZstdCompressor(compression_params=params).stream_writer(packed, closefd=False) as writer:
        writer.write(plain.read_bytes())  # streamed: the frame names no content size, so keeps its window
    assert zstandard.get_frame_parameters(packed.getvalue()).window_size == 2**31
    path = tmp_path / "dump.ndjson.zst"
    path.write_bytes(packed.getvalue())
    posts = [(p.id, p.parent, p.text) for p in read_posts(expand_inputs([str(path)]))]
    assert posts == [(p.id, p.parent, p.text) for p in read_posts(expand_inputs([str(plain)]))]
