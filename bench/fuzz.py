"""The long fuzz run: the properties of ``tests/test_fuzz.py`` and ``tests/test_ladybug_statements.py``
with many more examples, randomised.

Run: ``python bench/fuzz.py [--examples 2000] [-k reddit]`` (or ``make fuzz``). Every reader and the
extractor get hostile input, and the embedded store's query check texts the engine reads as loading a
file; the run fails with the smallest example that broke a property, which
Hypothesis also keeps in ``.hypothesis/`` so the next run of the suite tries it first.
"""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
_PROPERTIES = ["tests/test_fuzz.py", "tests/test_ladybug_statements.py"]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--examples", type=int, default=2000, help="examples per property (default 2000)")
    parser.add_argument("-k", dest="select", help="only the properties whose name matches (pytest -k)")
    args = parser.parse_args()
    os.environ["HYPOTHESIS_PROFILE"] = "fuzz"
    os.environ["GRAPHKIT_FUZZ_EXAMPLES"] = str(args.examples)
    os.environ.pop("CI", None)  # the long run explores new examples every time
    os.chdir(ROOT)
    select = ["-k", args.select] if args.select else []
    return pytest.main(["-q", "-p", "no:cacheprovider", "--hypothesis-show-statistics", *select, *_PROPERTIES])


if __name__ == "__main__":
    sys.exit(main())
