"""Shared fixtures: the example thread, parsed posts, and a fresh embedded store."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from hypothesis import HealthCheck, settings
from xdist import is_xdist_worker

from graphkit.sources.text import parse

DATA = Path(__file__).parent / "data"
EXAMPLE = DATA / "palmyra-lavrov-thread.txt"


def pytest_collection_finish(session: pytest.Session) -> None:
    """A test module may define ``start_early()``: slow work of its own (a run of another program)
    started once the module's tests are selected, so it runs on the other core while earlier tests do.
    Under pytest-xdist every worker collects every test, so there the module's fixture starts it instead,
    in the one worker that runs the module."""
    if session.config.option.collectonly or is_xdist_worker(session):
        return
    for module in dict.fromkeys(getattr(item, "module", None) for item in session.items):
        start = getattr(module, "start_early", None)
        if start is not None:
            start()


@pytest.hookimpl(tryfirst=True)  # before pytest-xdist reads the groups
def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    """Under pytest-xdist (``--dist loadgroup``), tests sharing something costly to build run in one worker:
    every test of the real Neo4j server (one JVM), and a module's tests sharing a module-scoped fixture
    (built once). The other tests go one by one to whichever worker is free."""
    if not hasattr(config, "workerinput"):
        return
    for item in items:
        group = _shares(item)
        if group is not None:
            item.add_marker(pytest.mark.xdist_group(group))


def _shares(item: pytest.Item) -> str | None:
    """The name of what the test shares with others, or None."""
    if "neo4j_server" in getattr(item, "fixturenames", ()):
        return "neo4j"
    info = getattr(item, "_fixtureinfo", None)
    chains = info.name2fixturedefs.values() if info is not None else ()
    if any(chain[-1].scope in ("class", "module", "package") for chain in chains):
        return item.nodeid.split("::")[0]
    return None


@pytest.fixture(scope="session")
def example_posts():
    return list(parse(EXAMPLE.read_text(encoding="utf-8"), str(EXAMPLE)))


@pytest.fixture
def store_path(tmp_path):
    return str(tmp_path / "store.lbug")


# Hypothesis profiles: "suite" bounds the fuzz tests to a few seconds (derandomised under CI, so a run
# cannot flake); "fuzz" is the long run of ``make fuzz``. HYPOTHESIS_PROFILE or --hypothesis-profile picks one.
settings.register_profile(
    "suite",
    max_examples=20,
    deadline=None,
    derandomize=bool(os.environ.get("CI")),
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large, HealthCheck.large_base_example],
)
settings.register_profile(
    "fuzz",
    parent=settings.get_profile("suite"),
    max_examples=int(os.environ.get("GRAPHKIT_FUZZ_EXAMPLES", "2000")),
    derandomize=False,
)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "suite"))
