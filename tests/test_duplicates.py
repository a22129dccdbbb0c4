"""A record repeating an earlier record's id is skipped and reported, in any format and in any
batch, so nobody is credited with another's words (embedded store; tests/neo4j has Neo4j's)."""

from __future__ import annotations

import pytest
from click.testing import CliRunner

from graphkit.cli import main
from graphkit.sources import DUPLICATE, Report, expand_inputs, read_posts
from graphkit.store import open_store
from tests.duplicates import FIRST, alice_only, assert_reported, cases, credited, later_load, mallory_wrote, relations


@pytest.mark.parametrize("batch_size", ["1", "10000"])
def test_the_first_record_of_an_id_is_kept_and_the_later_one_reported(tmp_path, batch_size):
    for case in cases(tmp_path):
        store = str(tmp_path / f"{case.path.stem}.lbug")
        args = ["load", str(case.path), "--store", store, "--no-entities", "--workers", "1", "--batch-size", batch_size]
        result = CliRunner().invoke(main, args, catch_exceptions=False)
        assert result.exit_code == 0, result.output
        assert result.output.rstrip().endswith(f"; 1 {DUPLICATE} ({case.where()}).")
        with open_store("ladybug", path=store, read_only=True) as db:
            assert credited(db, case) == [["alice", FIRST]]
            assert mallory_wrote(db) == 0


def test_an_id_repeated_in_another_input_is_a_duplicate_too(tmp_path):
    case = cases(tmp_path)[1]
    copy = tmp_path / "copy.ndjson"
    copy.write_bytes(case.path.read_bytes())
    report = Report()
    posts = list(read_posts(expand_inputs([str(case.path), str(copy)]), report=report))
    assert len(posts) == 5  # the submission and four comments, once
    assert report.counts[DUPLICATE] == 1 + 6  # the repeat in the first file, then the whole copy
    assert report.locations[DUPLICATE][:2] == [case.where(), f"{copy} id s1"]


def test_a_later_load_repeating_a_stored_id_is_reported_and_attaches_nothing(tmp_path):
    """Separate loads share no reading: the stored post keeps its writer, text and relations, the later
    record is reported, and posts replying to the stored one are loaded."""
    for case in cases(tmp_path):
        store = str(tmp_path / f"{case.path.stem}.lbug")
        first, later = later_load(case)
        outputs = []
        for path in (first, later, later):
            args = ["load", str(path), "--store", store, "--no-entities", "--workers", "1"]
            result = CliRunner().invoke(main, args, catch_exceptions=False)
            assert result.exit_code == 0, result.output
            outputs.append(result.output.rstrip().splitlines()[-1])
        assert_reported(outputs, later, case)
        with open_store("ladybug", path=store, read_only=True) as db:
            assert credited(db, case) == [["alice", FIRST]]
            assert relations(db, case) == alice_only(case)
