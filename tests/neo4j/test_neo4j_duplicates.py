"""Neo4j merges relationships by id, so a repeated record with another author would add a second
WROTE to the first record's comment: the repeat is skipped and reported before it gets there."""

from __future__ import annotations

import pytest
from click.testing import CliRunner

from graphkit.cli import main
from graphkit.sources import DUPLICATE
from graphkit.store import open_store
from tests.duplicates import FIRST, cases, credited, mallory_wrote


@pytest.mark.parametrize("batch_size", ["1", "10000"])
def test_the_first_record_of_an_id_is_kept_and_the_later_one_reported(neo4j_options, tmp_path, batch_size):
    env = {"NEO4J_PASSWORD": neo4j_options["password"] or ""}
    for case in cases(tmp_path):
        with open_store("neo4j", **neo4j_options) as store:
            store.query("MATCH (n) DETACH DELETE n", write=True)
        args = ["load", str(case.path), "--neo4j", neo4j_options["uri"], "--no-entities", "--workers", "1"]
        result = CliRunner().invoke(main, [*args, "--batch-size", batch_size], env=env, catch_exceptions=False)
        assert result.exit_code == 0, result.output
        assert result.output.rstrip().endswith(f"; 1 {DUPLICATE} ({case.where()}).")
        with open_store("neo4j", **neo4j_options) as store:
            assert credited(store, case) == [["alice", FIRST]]
            assert mallory_wrote(store) == 0
