"""Shared fixtures: the example thread, parsed posts, and a fresh embedded store."""

from __future__ import annotations

import os
import signal
from pathlib import Path

import pytest
from hypothesis import HealthCheck, settings
from xdist import is_xdist_worker
from xdist.remote import Producer
from xdist.scheduler import LoadScopeScheduling
from xdist.workermanage import WorkerController

from graphkit.sources.text import parse

DATA = Path(__file__).parent / "data"
EXAMPLE = DATA / "palmyra-lavrov-thread.txt"


def pytest_configure(config: pytest.Config) -> None:
    """A script's background job (``make test &``) starts with Ctrl-C ignored, and every process it starts inherits
    that: a test stopping a load or a cluster run with Ctrl-C would wait for it forever. The suite takes Python's own
    handling back, so that its children heed it as a user's terminal makes them."""
    if signal.getsignal(signal.SIGINT) is signal.SIG_IGN:
        signal.signal(signal.SIGINT, signal.default_int_handler)


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


# The longest units, handed out first (the rest go by number of tests): one worker runs the Neo4j tests,
# the critical path, while the other starts on the cluster tests and then takes what is left.
LONGEST = ("tests/neo4j", "tests/test_cluster.py")


class _ModulesWhole(LoadScopeScheduling):
    """pytest-xdist's scheduling by module, the Neo4j tests (``tests/neo4j/``) counting as one."""

    def _split_scope(self, nodeid: str) -> str:
        module = nodeid.split("::", 1)[0]
        return "tests/neo4j" if module.startswith("tests/neo4j/") else module

    def _assign_work_unit(self, node: WorkerController) -> None:
        for scope in reversed(LONGEST):
            if scope in self.workqueue:
                self.workqueue.move_to_end(scope, last=False)
        super()._assign_work_unit(node)


@pytest.hookimpl(optionalhook=True)
def pytest_xdist_make_scheduler(config: pytest.Config, log: Producer) -> LoadScopeScheduling | None:
    """Under ``-n``, each worker runs whole modules, so a module-scoped fixture is built once, and one worker
    runs every Neo4j test, so one server starts. A ``--dist`` other than the default is left as asked."""
    return _ModulesWhole(config, log) if config.getvalue("dist") == "load" else None


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
