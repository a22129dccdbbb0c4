"""``bench/scale.py`` run on a small dump: each limit it prints beside a load is given in CPU time too, which
other processes on a loaded machine change less than wall time."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def test_the_structure_only_limit_line_gives_cpu_time_beside_wall_time(tmp_path):
    """The load's line and its limit's line, each with its CPU seconds, and the load's share of the limit both ways."""
    command = [sys.executable, str(ROOT / "bench" / "scale.py"), "--no-entities", "--sizes", "300"]
    done = subprocess.run([*command, "--workdir", str(tmp_path)], capture_output=True, text=True, check=False)
    assert done.returncode == 0, done.stderr
    load = next(line for line in done.stdout.splitlines() if "300 comments, entities: no" in line)
    limit = next(line for line in done.stdout.splitlines() if "limit: read" in line)
    load_cpu = float(re.search(r"CPU ([\d.]+) s", load).group(1))
    read, copy = map(float, re.search(r"\(([\d.]+) s \+ ([\d.]+) s CPU\)", limit).groups())
    shares = re.search(r"reaches ([\d.]+)x of it, ([\d.]+)x in CPU time \(([\d.]+) s\)", limit)
    wall_share, cpu_share, shown = shares.groups()
    # reading 300 comments takes under the 0.05 s of CPU the line shows, now that telling their format imports no
    # other reader: 0.0 there
    assert float(shown) == load_cpu > 0 and read >= 0 and copy >= 0 and float(wall_share) > 0
    assert abs(float(cpu_share) - (read + copy) / load_cpu) <= 0.01 + (0.1 / load_cpu)
