"""Shared helpers for the reader tests: read fixture files the way the CLI does."""

from collections.abc import Callable
from pathlib import Path

import pytest

from graphkit.records import Post
from graphkit.sources import Report, expand_inputs, read_posts

DATA = Path(__file__).parent.parent / "data" / "sources"


@pytest.fixture
def data() -> Path:
    """The folder of source fixtures."""
    return DATA


@pytest.fixture
def read() -> Callable[..., tuple[list[Post], Report]]:
    """read(name_or_path, fmt=None, **options) -> (posts, report), format detected unless given."""

    def run(name: str | Path, fmt: str | None = None, **options: str) -> tuple[list[Post], Report]:
        report = Report()
        path = name if isinstance(name, Path) else DATA / name
        posts = list(read_posts(expand_inputs([str(path)]), fmt, options=options, report=report))
        return posts, report

    return run


def _shape(posts: list[Post]) -> dict[str, tuple[str | None, bool]]:
    by_id = {p.id: p.source_id for p in posts}
    return {p.source_id: (by_id.get(p.parent) if p.parent else None, p.is_article) for p in posts}


@pytest.fixture
def shape() -> Callable[[list[Post]], dict[str, tuple[str | None, bool]]]:
    """shape(posts): origin id -> (origin id of its parent, is article), the reply tree of any format."""
    return _shape
