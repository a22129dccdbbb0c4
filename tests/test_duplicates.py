"""A record repeating an earlier record's id is skipped and reported, in any format and in any
batch, so nobody is credited with another's words (embedded store; tests/neo4j has Neo4j's)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from graphkit.cli import main
from graphkit.pipeline import STORED_DUPLICATE
from graphkit.sources import DUPLICATE, Report, expand_inputs, read_posts
from graphkit.store import open_store
from tests import builders as build
from tests.duplicates import (
    FIRST,
    Case,
    alice_only,
    assert_reported,
    cases,
    credited,
    later_load,
    mallory_wrote,
    relations,
)


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


def _repeat_naming_a_lost_parent(case: Case, answered: bool) -> tuple[Path, Path]:
    """The Reddit case's two inputs, the later one's repeat naming a parent no input holds; where ``answered``, a
    reply to that parent follows, four posts after the repeat (another batch at ``--batch-size 1``)."""
    first, later = later_load(case)
    rows = [json.loads(line) for line in later.read_text(encoding="utf-8").splitlines()]
    rows[-1]["parent_id"] = "t1_lost"
    fillers = [{**case.reply, "id": f"f{n}", "body": f"filler {n}"} for n in range(3)]
    answer = {**case.reply, "id": "a1", "parent_id": "t1_lost", "body": "an answer to the lost one"}
    rows += [*fillers, answer] if answered else fillers
    build.jsonl(later, rows)
    return first, later


def _stubs_named(first: Path, later: Path, repeated: str) -> set[str]:
    """The comments the later input's records but the repeat name as parents and no input holds."""
    held = {json.loads(line)["id"] for path in (first, later) for line in path.read_text(encoding="utf-8").splitlines()}
    rows = [json.loads(line) for line in later.read_text(encoding="utf-8").splitlines()]
    named = {row["parent_id"].removeprefix("t1_") for row in rows if row["id"] != repeated}
    return {parent for parent in named if parent not in held and not parent.startswith("t3_")}


@pytest.mark.parametrize("batch_size", ["1", "10000"])
@pytest.mark.parametrize("answered", [False, True], ids=["alone", "answered"])
def test_a_repeat_skipped_leaves_no_stub_of_its_parent_but_one_a_later_post_names(tmp_path, batch_size, answered):
    """The stub of the parent a repeat names goes with the repeat, unless a post kept names it too, in any batch;
    loading again changes nothing."""
    case = cases(tmp_path)[1]  # Reddit: a parent comment not in the input is a stub of its thread
    first, later = _repeat_naming_a_lost_parent(case, answered)
    store = str(tmp_path / "store.lbug")
    outputs = []
    for path in (first, later, later):
        args = ["load", str(path), "--store", store, "--no-entities", "--workers", "1", "--batch-size", batch_size]
        result = CliRunner().invoke(main, args, catch_exceptions=False)
        assert result.exit_code == 0, result.output
        outputs.append(result.output.rstrip().splitlines()[-1])
    assert f"1 {STORED_DUPLICATE} ({later} id {case.record})" in outputs[1]
    assert "; 0 nodes created, 0 already present; 0 relationships created, 0 already present;" in outputs[2]
    with open_store("ladybug", path=store, read_only=True) as db:
        stubs = db.query("MATCH (c:Comment) WHERE c.stub RETURN c.source_id").rows
        assert {row[0] for row in stubs} == _stubs_named(first, later, case.record) == ({"lost"} if answered else set())
        assert credited(db, case) == [["alice", FIRST]]
