"""Inputs in which a later record repeats an earlier record's id with another author and text,
for the duplicate tests of both stores.

In each, alice's comment comes first and mallory's record with the same id comes after four
other posts, so with ``--batch-size 1`` it falls in a later batch than alice's (a batch of one
thread is cut at four posts). Mallory's record cites a link, names bob and (where the format
keeps a comment's id whatever its parent) replies to another post than alice's, so relations
taken from it would show on alice's comment.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path

from graphkit.pipeline import STORED_DUPLICATE
from graphkit.store import Store
from tests import builders as build

FIRST, SECOND = "first version", "@bob second version, see https://evil.example/x"
_T = 1_478_608_496


@dataclass(frozen=True)
class Case:
    path: Path
    record: str  # the repeated id, as the input gives it
    reply: dict  # a new reply by bob to the repeated id, read in the later load before the repeat
    root: str  # the source id of the post alice's comment replies to
    replies: tuple[str, ...]  # the source ids of bob's replies to it, the new one last

    def where(self) -> str:
        """The report's location of the skipped record."""
        return f"{self.path} id {self.record}"


def _ndjson(path: Path, rows: list[dict]) -> Path:
    build.jsonl(path, rows)
    return path


def _jsonl(directory: Path) -> Case:
    rows = [{"id": "t1", "thread": "t1", "author": "olga", "title": "Opener", "text": "What do you think?", "time": _T}]
    rows.append({"id": "c1", "thread": "t1", "author": "alice", "text": FIRST, "time": _T + 1})
    rows += [{"id": f"c{n}", "thread": "t1", "parent": "c1", "author": "bob", "text": f"reply {n}"} for n in (2, 3, 4)]
    rows.append({"id": "c1", "thread": "t1", "parent": "c3", "author": "mallory", "text": SECOND, "time": _T + 9})
    reply = {"id": "c5", "thread": "t1", "parent": "c1", "author": "bob", "text": "reply 5", "time": _T + 8}
    return Case(_ndjson(directory / "rows.jsonl", rows), "c1", reply, "t1", ("c2", "c3", "c4", "c5"))


def _reddit(directory: Path) -> Case:
    def comment(cid: str, author: str, body: str, parent: str = "t3_s1") -> dict:
        return {"id": cid, "parent_id": parent, "link_id": "t3_s1", "author": author, "body": body}

    rows = [{"id": "s1", "title": "Opener", "selftext": "What do you think?", "author": "olga"}]
    rows.append(comment("c1", "alice", FIRST))
    rows += [comment(f"c{n}", "bob", f"reply {n}", "t1_c1") for n in (2, 3, 4)]
    rows.append(comment("c1", "mallory", SECOND, "t1_c3"))
    reply = comment("c5", "bob", "reply 5", "t1_c1")
    for n, row in enumerate([*rows, reply]):
        row |= {"subreddit": "test", "created_utc": _T + n}
    return Case(_ndjson(directory / "dump.ndjson", rows), "c1", reply, "s1", ("c2", "c3", "c4", "c5"))


def _hackernews(directory: Path) -> Case:
    rows = [{"id": 1, "type": "story", "by": "olga", "title": "Opener", "url": "https://example.com/a"}]
    rows.append({"id": 2, "type": "comment", "by": "alice", "parent": 1, "text": FIRST})
    rows += [{"id": n, "type": "comment", "by": "bob", "parent": 2, "text": f"reply {n}"} for n in (3, 4, 5)]
    # to the same parent: an item's thread is the top of its parent chain within the input
    rows.append({"id": 2, "type": "comment", "by": "mallory", "parent": 1, "text": SECOND})
    reply = {"id": 6, "type": "comment", "by": "bob", "parent": 2, "text": "reply 6"}
    for n, row in enumerate([*rows, reply]):
        row["time"] = _T + n
    return Case(_ndjson(directory / "items.ndjson", rows), "2", reply, "1", ("3", "4", "5", "6"))


def cases(directory: Path) -> list[Case]:
    """One input per format: JSONL rows, a Reddit dump and Hacker News items."""
    return [_jsonl(directory), _reddit(directory), _hackernews(directory)]


def later_load(case: Case) -> tuple[Path, Path]:
    """The case as two inputs loaded one after the other: all but the repeat, then bob's new reply
    and the repeat."""
    lines = case.path.read_text(encoding="utf-8").splitlines(keepends=True)
    first, later = case.path.with_suffix(".first.ndjson"), case.path.with_suffix(".later.ndjson")
    first.write_text("".join(lines[:-1]), encoding="utf-8")
    later.write_text(json.dumps(case.reply) + "\n" + lines[-1], encoding="utf-8")
    return first, later


def assert_reported(outputs: list[str], later: Path, case: Case) -> None:
    """The summary lines of loading the case's first input, its later input, and the later again:
    the repeat is reported each time it is read, and loading it again skips what is stored before extracting
    and writes nothing."""
    assert STORED_DUPLICATE not in outputs[0]
    assert outputs[1].endswith(f"; 1 {STORED_DUPLICATE} ({later} id {case.record}).")
    assert outputs[2].endswith(f"; 1 {STORED_DUPLICATE} ({later} id {case.record}).")
    nothing = "; 0 nodes created, 0 already present; 0 relationships created, 0 already present;"
    # the one post read the third time, the new reply (the repeat skipped), is stored; the stubs of the posts the
    # input names and lacks (its thread's root, the parents) are counted apart, none a post read
    assert outputs[2].startswith("Loaded 1 threads, 1 posts, ") and " stubs of posts not in input, " in outputs[2]
    assert f"; 1 posts already stored, skipped{nothing}" in outputs[2]


def credited(store: Store, case: Case) -> list[list[str]]:
    """(writer, text) of every WROTE edge into the repeated record's comment."""
    cypher = "MATCH (a:Author)-[:WROTE]->(c:Comment) WHERE c.source_id = $id RETURN a.name, c.text ORDER BY a.name"
    return store.query(cypher, {"id": case.record}).rows


def mallory_wrote(store: Store) -> int:
    return store.query("MATCH (a:Author {name: 'mallory'})-[w:WROTE]->() RETURN count(w)").rows[0][0]


def alice_only(case: Case) -> dict[str, list]:
    """``relations`` when the stored comment has alice's relations and bob's replies, and nothing of mallory's."""
    return {
        "replies to": [[case.root]],
        "replied by": [[r] for r in case.replies],
        "cites": [[0]],
        "mentions": [[0]],
        "mallory": [[0]],
        "mallory's site": [[0]],
    }


def relations(store: Store, case: Case) -> dict[str, list]:
    """What the store holds around the repeated record's comment: the source ids of the posts it
    replies to, and of those replying to it, how many links and participants it names, and the
    nodes only mallory's record would bring (her account, the site she links to)."""
    one = "MATCH (c:Comment) WHERE c.source_id = $id "
    return {
        "replies to": store.query(one + "MATCH (c)-[:REPLY_TO]->(p) RETURN p.source_id", {"id": case.record}).rows,
        "replied by": store.query(
            one + "MATCH (r:Comment)-[:REPLY_TO]->(c) RETURN r.source_id ORDER BY r.source_id", {"id": case.record}
        ).rows,
        "cites": store.query(one + "MATCH (c)-[x:CITES]->() RETURN count(x)", {"id": case.record}).rows,
        "mentions": store.query(one + "MATCH (c)-[x:MENTIONS]->() RETURN count(x)", {"id": case.record}).rows,
        "mallory": store.query("MATCH (a:Author {name: 'mallory'}) RETURN count(a)").rows,
        "mallory's site": store.query("MATCH (s:Source {domain: 'evil.example'}) RETURN count(s)").rows,
    }
