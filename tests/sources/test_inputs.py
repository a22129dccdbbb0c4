"""How far an input has been read, which the progress bar runs over: on-disk bytes of the
reader's last pass, plain or compressed, with format sniffing not counted."""

from __future__ import annotations

import gzip

import pytest
import zstandard

from bench.synthetic import write_reddit_dump
from graphkit.sources import Format, Input, Readers, Report, expand_inputs, read_posts
from tests.opened_files import opened_files

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


def test_a_first_pass_that_found_nothing_is_taught_and_not_made_again(tmp_path):
    """A reader's first pass over the inputs of its format (``Format.learn``), made in one process and taught to
    another (a cluster's worker): one that found nothing is not made again there, only the input is read."""
    for name in ("a.txt", "b.txt"):
        (tmp_path / name).write_text("nothing to learn here\n", encoding="utf-8")

    def learn(inp: Input) -> None:  # keeps what it finds in ``inp.shared``: nothing in these inputs
        for one in inp.siblings:
            with one.open() as stream:
                stream.read()

    def read(inp: Input):
        if not inp.shared:  # the pass is made as reading starts, unless it was
            learn(inp)
        with inp.open() as stream:
            stream.read()
        yield from ()

    fmt = Format("passing", "a reader learning from all its inputs", lambda head: True, read, learn=learn)
    inputs = list(expand_inputs([str(tmp_path / "a.txt"), str(tmp_path / "b.txt")]))
    taught = Readers(inputs, [fmt, fmt]).learn(0)
    worker = Readers(inputs, [fmt, fmt])
    with opened_files(tmp_path, reads=False) as opened:
        worker.teach(fmt.name, taught)
        assert list(worker.read(1, None, Report())) == []
        assert opened() == ["b.txt"]
