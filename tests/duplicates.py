"""Inputs in which a later record repeats an earlier record's id with another author and text,
for the duplicate tests of both stores.

In each, alice's comment comes first and mallory's record with the same id comes after four
other posts, so with ``--batch-size 1`` it falls in a later batch than alice's (a batch of one
thread is cut at four posts).
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path

from graphkit.store import Store

FIRST, SECOND = "first version", "second version"
_T = 1_478_608_496


@dataclass(frozen=True)
class Case:
    path: Path
    record: str  # the repeated id, as the input gives it

    def where(self) -> str:
        """The report's location of the skipped record."""
        return f"{self.path}#{self.record}"


def _ndjson(path: Path, rows: list[dict]) -> Path:
    path.write_text("".join(json.dumps(r) + "\n" for r in rows), encoding="utf-8")
    return path


def _jsonl(directory: Path) -> Case:
    rows = [{"id": "t1", "thread": "t1", "author": "olga", "title": "Opener", "text": "What do you think?", "time": _T}]
    rows.append({"id": "c1", "thread": "t1", "author": "alice", "text": FIRST, "time": _T + 1})
    rows += [{"id": f"c{n}", "thread": "t1", "parent": "c1", "author": "bob", "text": f"reply {n}"} for n in (2, 3, 4)]
    rows.append({"id": "c1", "thread": "t1", "author": "mallory", "text": SECOND, "time": _T + 9})
    return Case(_ndjson(directory / "rows.jsonl", rows), "c1")


def _reddit(directory: Path) -> Case:
    def comment(cid: str, author: str, body: str, parent: str = "t3_s1") -> dict:
        return {"id": cid, "parent_id": parent, "link_id": "t3_s1", "author": author, "body": body}

    rows = [{"id": "s1", "title": "Opener", "selftext": "What do you think?", "author": "olga"}]
    rows.append(comment("c1", "alice", FIRST))
    rows += [comment(f"c{n}", "bob", f"reply {n}", "t1_c1") for n in (2, 3, 4)]
    rows.append(comment("c1", "mallory", SECOND))
    for n, row in enumerate(rows):
        row |= {"subreddit": "test", "created_utc": _T + n}
    return Case(_ndjson(directory / "dump.ndjson", rows), "c1")


def _hackernews(directory: Path) -> Case:
    rows = [{"id": 1, "type": "story", "by": "olga", "title": "Opener", "url": "https://example.com/a"}]
    rows.append({"id": 2, "type": "comment", "by": "alice", "parent": 1, "text": FIRST})
    rows += [{"id": n, "type": "comment", "by": "bob", "parent": 2, "text": f"reply {n}"} for n in (3, 4, 5)]
    rows.append({"id": 2, "type": "comment", "by": "mallory", "parent": 1, "text": SECOND})
    for n, row in enumerate(rows):
        row["time"] = _T + n
    return Case(_ndjson(directory / "items.ndjson", rows), "2")


def cases(directory: Path) -> list[Case]:
    """One input per format: JSONL rows, a Reddit dump and Hacker News items."""
    return [_jsonl(directory), _reddit(directory), _hackernews(directory)]


def later_load(case: Case) -> tuple[Path, Path]:
    """The case as two inputs loaded one after the other: all but the repeat, then the repeat."""
    lines = case.path.read_text(encoding="utf-8").splitlines(keepends=True)
    first, later = case.path.with_suffix(".first.ndjson"), case.path.with_suffix(".later.ndjson")
    first.write_text("".join(lines[:-1]), encoding="utf-8")
    later.write_text(lines[-1], encoding="utf-8")
    return first, later


def credited(store: Store, case: Case) -> list[list[str]]:
    """(writer, text) of every WROTE edge into the repeated record's comment."""
    cypher = "MATCH (a:Author)-[:WROTE]->(c:Comment) WHERE c.source_id = $id RETURN a.name, c.text ORDER BY a.name"
    return store.query(cypher, {"id": case.record}).rows


def mallory_wrote(store: Store) -> int:
    return store.query("MATCH (a:Author {name: 'mallory'})-[w:WROTE]->() RETURN count(w)").rows[0][0]
