"""Shared fixtures: the example thread, parsed posts, and a fresh embedded store."""

from __future__ import annotations

from pathlib import Path

import pytest

from graphkit.sources.text import parse

DATA = Path(__file__).parent / "data"
EXAMPLE = DATA / "palmyra-lavrov-thread.txt"


@pytest.fixture(scope="session")
def example_posts():
    return list(parse(EXAMPLE.read_text(encoding="utf-8"), str(EXAMPLE)))


@pytest.fixture
def store_path(tmp_path):
    return str(tmp_path / "store.lbug")
