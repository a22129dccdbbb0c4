"""bench/cluster.py stopped by its user: a stop signal ends it at once, whichever half it is in, in one line with a
non-zero exit, leaving no process of its own (the local cluster's, the model's) behind."""

from __future__ import annotations

import os
import select
import signal
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

# ``python -c SIGNALLED_ALONE ARGS...``: bench/cluster.py ARGS, sent SIGTERM by itself as its single-machine half
# reads its tenth post; at exit it says on stderr how many posts that half read after the signal.
SIGNALLED_ALONE = """
import atexit, os, signal, sys
sys.argv[0] = "bench/cluster.py"
from bench import cluster as bench

read, after = bench.read_posts, []
atexit.register(lambda: print(f"read after the signal: {len(after)}", file=sys.stderr))


def read_posts(inputs):
    for n, post in enumerate(read(inputs)):
        if n == 10:
            os.kill(os.getpid(), signal.SIGTERM)
        elif n > 10:
            after.append(post.source_id)
        yield post


bench.read_posts = read_posts
bench.main()
"""


def _left_in_session(session: int, timeout: float = 30) -> list[str]:
    """The command lines of the processes of ``session`` (started with ``start_new_session``) still there once
    each had ``timeout`` seconds to end (a tracker of the pools ends once its last user is gone): waited on as
    they end (a pidfd is readable then), never polled."""
    left = []
    for entry in Path("/proc").iterdir():
        try:
            fields = (entry / "stat").read_text().rsplit(")", 1)[1].split()
            if int(fields[3]) != session:  # after the name: state, parent, group, session
                continue
            command = (entry / "cmdline").read_bytes().replace(b"\0", b" ").decode()
            ended = os.pidfd_open(int(entry.name))
        except (OSError, IndexError, ValueError):
            continue  # not a process, or one that just ended
        try:
            if not select.select([ended], [], [], timeout)[0]:
                left.append(command)
        finally:
            os.close(ended)
    return left


def test_a_stop_in_the_single_machine_half_ends_the_bench_at_once_in_one_line():
    """The signal was told to the cluster's run and seen once the single-machine half had read all its posts."""
    args = ["--comments", "300", "--workers", "1", "--no-entities"]
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    run = subprocess.Popen(
        [sys.executable, "-c", SIGNALLED_ALONE, *args],
        cwd=ROOT,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        start_new_session=True,
    )
    _, err = run.communicate(timeout=300)
    *said, read = err.strip().splitlines()
    assert run.returncode == 1, err
    assert said == [f"bench/cluster.py: stopped by {signal.SIGTERM.name}"], err
    assert read == "read after the signal: 0"
    assert _left_in_session(run.pid) == []
