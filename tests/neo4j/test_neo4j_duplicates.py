"""Neo4j merges relationships by id, so a repeated record with another author would add a second
WROTE and its own relations to the first record's comment: the repeat is skipped and reported
before it gets there, in one load and in a later one."""

from __future__ import annotations

import pytest
from click.testing import CliRunner

from graphkit.cli import main
from graphkit.sources import DUPLICATE
from graphkit.store import open_store
from tests.duplicates import FIRST, alice_only, assert_reported, cases, credited, later_load, mallory_wrote, relations


def _load(options, path, *args: str) -> str:
    env = {"NEO4J_PASSWORD": options["password"] or ""}
    cli = ["load", str(path), "--neo4j", options["uri"], "--no-entities", "--workers", "1", *args]
    result = CliRunner().invoke(main, cli, env=env, catch_exceptions=False)
    assert result.exit_code == 0, result.output
    return result.output.rstrip().splitlines()[-1]


def _empty(options) -> None:
    with open_store("neo4j", **options) as store:
        store.query("MATCH (n) DETACH DELETE n", write=True)


@pytest.mark.parametrize("batch_size", ["1", "10000"])
def test_the_first_record_of_an_id_is_kept_and_the_later_one_reported(neo4j_options, tmp_path, batch_size):
    for case in cases(tmp_path):
        _empty(neo4j_options)
        output = _load(neo4j_options, case.path, "--batch-size", batch_size)
        assert output.endswith(f"; 1 {DUPLICATE} ({case.where()}).")
        with open_store("neo4j", **neo4j_options) as store:
            assert credited(store, case) == [["alice", FIRST]]
            assert mallory_wrote(store) == 0


def test_a_later_load_repeating_a_stored_id_is_reported_and_attaches_nothing(neo4j_options, tmp_path):
    """Separate loads share no reading: the stored post keeps its writer, text and relations, as in
    the embedded store; the later record is reported, and posts replying to the stored one are loaded."""
    for case in cases(tmp_path):
        _empty(neo4j_options)
        first, later = later_load(case)
        assert_reported([_load(neo4j_options, path) for path in (first, later, later)], later, case)
        with open_store("neo4j", **neo4j_options) as store:
            assert credited(store, case) == [["alice", FIRST]]
            assert relations(store, case) == alice_only(case)
