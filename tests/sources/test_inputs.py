"""How far an input has been read, which the progress bar runs over: on-disk bytes of the
reader's last pass, plain or compressed, with format sniffing not counted."""

from __future__ import annotations

import gzip

import pytest
import zstandard

from bench.synthetic import write_reddit_dump
from graphkit.sources import expand_inputs, read_posts

PACK = {"": lambda b: b, ".gz": gzip.compress, ".zst": lambda b: zstandard.ZstdCompressor().compress(b)}


@pytest.mark.parametrize("suffix", list(PACK))
def test_bytes_read_grows_with_the_posts_and_ends_at_the_size_on_disk(tmp_path, suffix):
    plain = tmp_path / "dump.ndjson"
    write_reddit_dump(plain, 12000, seed=2)
    path = tmp_path / f"dump.ndjson{suffix}"
    path.write_bytes(PACK[suffix](plain.read_bytes()))
    (inp,) = expand_inputs([str(path)])
    assert inp.size == path.stat().st_size
    posts = read_posts([inp])
    next(posts)  # the format was detected, a two-pass reader made its first pass
    early = inp.bytes_read()
    for _ in range(6000):
        next(posts)
    middle = inp.bytes_read()
    rest = sum(1 for _ in posts)
    assert rest > 3000
    assert early < middle < inp.size == inp.bytes_read()
    if not suffix:  # compressed streams are read ahead in big chunks, plain ones are not
        assert early < inp.size / 10 and inp.size / 3 < middle < inp.size * 0.9


def test_an_input_not_yet_read_counts_nothing(tmp_path):
    paths = []
    for name in ("a.ndjson", "b.ndjson"):
        write_reddit_dump(tmp_path / name, 50, seed=len(name))
        paths.append(str(tmp_path / name))
    first, second = inputs = expand_inputs(paths)
    posts = read_posts(inputs)
    next(posts)
    assert (first.bytes_read() > 0, second.bytes_read()) == (True, 0)
    list(posts)
    assert (first.bytes_read(), second.bytes_read()) == (first.size, second.size)
