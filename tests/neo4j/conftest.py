"""One real Neo4j for the session: NEO4J_URI when set, else the harness server (tests/neo4j_server.py),
with auth on and a password made for the session, so the tests of a wrong password need no second server.

Each test starts from an empty database. Without java/mvn and without NEO4J_URI the tests
skip, and the reason says how to run them.
"""

from __future__ import annotations

import secrets
from pathlib import Path
from typing import Any

import pytest
from neo4j import GraphDatabase
from neo4j_server import Neo4jConnectionInfo, Neo4jServer, Neo4jUnavailable, neo4j_uri_from_env
from xdist import is_xdist_worker

from graphkit.extract import Extractor
from graphkit.pipeline import extract_graph
from graphkit.sources import expand_inputs, read_posts
from graphkit.store import open_store

EXAMPLE = Path(__file__).parents[1] / "data" / "palmyra-lavrov-thread.txt"


def launch_neo4j() -> Neo4jServer | Neo4jUnavailable:
    """The session's server, started without waiting for it, or why there is none."""
    try:
        return Neo4jServer(password=secrets.token_urlsafe(16)).launch()
    except Neo4jUnavailable as exc:
        return exc


LAUNCHED = pytest.StashKey[Neo4jServer | Neo4jUnavailable]()


def pytest_collection_finish(session: pytest.Session) -> None:
    """When tests that need the server are selected, launch it now: the JVM starts up on the other
    core while the tests before them run. Under pytest-xdist every worker collects every test, so there
    the first test that needs it launches it, in the one worker running them all (``tests/conftest.py``)."""
    if session.config.option.collectonly or is_xdist_worker(session) or neo4j_uri_from_env() is not None:
        return
    if any("neo4j_server" in getattr(item, "fixturenames", ()) for item in session.items):
        session.config.stash[LAUNCHED] = launch_neo4j()


@pytest.fixture(scope="session")
def neo4j_server(pytestconfig):
    """The server launched once the tests were collected (``tests/conftest.py``), or launched now."""
    env = neo4j_uri_from_env()
    if env is not None:
        yield env
        return
    launched = pytestconfig.stash.get(LAUNCHED, None) or launch_neo4j()
    if isinstance(launched, Neo4jUnavailable):
        pytest.skip(f"no Neo4j for these tests: {launched}")
    server = launched.ready()
    try:
        yield Neo4jConnectionInfo(server.uri, server.auth[0], server.password)
    finally:
        server.stop()


def emptied(server: Neo4jConnectionInfo) -> dict[str, Any]:
    """Options for ``open_store("neo4j", …)`` on the server's database, emptied now."""
    options = {
        "uri": server.uri,
        "user": server.user or "neo4j",
        "password": server.password,
        "database": server.database,
    }
    # past graphkit, which refuses a database a test left in a layout it does not read (a test's own DETACH DELETE
    # takes the layout mark with it, and what it loads after on the same connection stays unmarked)
    auth = (options["user"], options["password"]) if options["password"] else None
    with GraphDatabase.driver(options["uri"], auth=auth) as raw:
        raw.execute_query("MATCH (n) DETACH DELETE n", database_=options["database"])
    return options


@pytest.fixture
def neo4j_options(neo4j_server) -> dict[str, Any]:
    """Options for ``open_store("neo4j", …)`` on an emptied database."""
    return emptied(neo4j_server)


@pytest.fixture(scope="module")
def neo4j_module_options(neo4j_server) -> dict[str, Any]:
    """Options on a database emptied for a module-scoped fixture, which loads once and reads all it needs
    at once: the next test's ``neo4j_options`` empties the database again."""
    return emptied(neo4j_server)


@pytest.fixture
def neo4j_store(neo4j_options):
    with open_store("neo4j", **neo4j_options) as store:
        yield store


@pytest.fixture(scope="session")
def example_graph():
    """The example thread through the real pipeline (the spaCy model loads once)."""
    return extract_graph(read_posts(expand_inputs([str(EXAMPLE)])), Extractor(workers=1))
