"""A line break of any form counts as one: a CSV export keeps a field's "\\r\\n" and its carriage return alone as
written, and what is stored, the model's entities and the spans of their mentions all read it so."""

import csv

import pytest

from graphkit import records, schema
from graphkit.extract import Extractor
from graphkit.pipeline import STORED_DUPLICATE, load
from graphkit.records import Post
from graphkit.sources import Report, expand_inputs, read_posts
from graphkit.store import open_store
from tests.extract.test_entity_rule_cases import tweet
from tests.incremental import differences, load_inputs, stored

pytestmark = pytest.mark.usefixtures("entity_model")

# the real tweet of tests/data/entities/rule-cases/tweets.jsonl (see its README): a carriage return before its link
_TWEET = tweet("803744769566339072")
_BODY = "Department of Transportation"


@pytest.mark.parametrize("other", ["\u2028", "\u2029", "\x85", "\r"])
def test_a_line_break_of_another_form_is_a_line_feed_in_the_post(other: str):
    """One character for one, so offsets into the text stay where the input had them; "\\r\\n" holds a line feed and
    stays as written."""
    text = f"Secretary Chao{other}Department of Transportation\r\nhttps://t.co/5FMGdhAZxB"
    post = Post("p", "t", False, text, "web", "s")
    assert post.text == "Secretary Chao\nDepartment of Transportation\r\nhttps://t.co/5FMGdhAZxB"


def _rows_file(folder, rows: list[tuple[str, ...]]):
    """``rows`` in a CSV file as a spreadsheet writes it: the fields' breaks kept."""
    path = folder / "rows.csv"
    with path.open("w", encoding="utf-8", newline="") as out:
        csv.writer(out).writerows([("id", "thread_id", "parent", "title", "author", "body"), *rows])
    return path


def test_a_file_loaded_before_posts_held_line_feeds_is_loaded_again_as_stored(tmp_path, monkeypatch):
    """A store a load filled before every line break became a line feed holds the carriage returns as written: the
    same file loaded again is found stored, not reported as posts of another text under stored ids and dropped."""
    lines = "Elaine Chao spoke in Washington today.\rThen she met Mitch McConnell.\u2028That was all."
    path = _rows_file(
        tmp_path, [("a", "a", "", "Nominations", "press", "Who runs what"), ("c1", "a", "a", "", "al", lines)]
    )
    with open_store("ladybug", path=str(tmp_path / "before.lbug")) as store:
        with monkeypatch.context() as before:
            before.setattr(records, "line_feeds", lambda text: text)
            load_inputs(store, [path], entities=False)
        was = stored(store)
        assert lines in {props.get("text") for props in was[1].values()}
        report = Report()
        posts = read_posts(expand_inputs([str(path)]), report=report)
        summary = load(posts, store, Extractor(entities=False, workers=1), report=report)
        assert STORED_DUPLICATE not in report.counts
        assert summary.stored == 2
        assert differences(stored(store), was) == []


def test_mentions_across_carriage_returns_point_at_the_names_in_the_stored_text(tmp_path):
    """The tweet as written, with "\\r\\n" in place of its break, and a post of lines broken by carriage returns alone,
    loaded from a CSV file into the embedded store: each keeps the Department of Transportation, and each mention's
    span, read in the stored text, is the name it names."""
    lines = "Elaine Chao spoke in Washington today.\rThen she met Mitch McConnell in Kentucky.\rThat was all."
    rows = [("a", "a", "", "Nominations", "press", "Who runs what"), ("c1", "a", "a", "", "alice", _TWEET)]
    rows += [("c2", "a", "a", "", "bob", _TWEET.replace("\r", "\r\n")), ("c3", "a", "a", "", "cat", lines)]
    path = _rows_file(tmp_path, rows)
    assert path.read_bytes().count(b"\r\n") == 6  # five rows' ends and c2's break
    with open_store("ladybug", path=str(tmp_path / "breaks.lbug")) as store:
        load_inputs(store, [path])
        found = store.query(
            "MATCH (c:Comment)-[m:MENTIONS]->(e) WHERE NOT e.id STARTS WITH 'author:' "
            "RETURN c.source_id, c.text, m.start, m.`end`, m.text, e.name, label(e)"
        ).rows
    texts = {source_id: text for source_id, text, *_ in found}
    assert texts["c1"] == _TWEET.replace("\r", "\n") and "\r\n" in texts["c2"]
    assert texts["c3"] == lines.replace("\r", "\n")
    for _, text, start, end, said, _, _ in found:
        assert text[start:end] == said, (text, start, end, said)
    names = {(source_id, name, label) for source_id, _, _, _, _, name, label in found}
    assert {("c1", _BODY, schema.ORGANIZATION), ("c2", _BODY, schema.ORGANIZATION)} <= names
    assert {name for source_id, name, _ in names if source_id == "c3"} >= {"Elaine Chao", "Mitch McConnell"}
    assert all("\n" not in said and "\r" not in said for *_, said, _, _ in found)
