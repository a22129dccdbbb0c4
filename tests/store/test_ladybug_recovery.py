"""The embedded store never stays unreadable after a commit the engine could not write to its file.

The engine checkpoints after each commit; with a page cache too small for a step's data (here a
64 MB cache and a text of ~9.5 MB, as a 50 MB post did with the default cache) the checkpoint fails
after the commit. The engine then refuses read-only opens until a writer recovers the file, and its
recovery can keep a step's record while losing the rows the step copied.
"""

from __future__ import annotations

import ladybug as lb
import pyarrow as pa
import pytest

from graphkit import schema
from graphkit.errors import StoreError
from graphkit.graph import build_graph
from graphkit.records import Fragment
from graphkit.store import ladybug as embedded
from graphkit.store import open_store
from graphkit.store.parquet import ARROW
from tests import builders as build

SMALL_CACHE = 64 * 1024 * 1024
WALL = "hello world. " * 730_000  # ~9.5 MB: copied fine, but not written to the file by a checkpoint


def graph(text: str):
    art = build.article("wall")
    big = build.post(art.id, 1, text)
    other = build.post(art.id, 2, "Brad, see above", author="brad")
    mention = build.mention(big, schema.author_id(build.PLATFORM, "brad"))
    return build_graph([art, big, other], Fragment([], [mention]))


def steps(store) -> int:
    return store.query("MATCH (s:LoadStep) RETURN count(*)").rows[0][0]


def lossy_commit(monkeypatch, rel_type: str) -> None:
    """The step copying ``rel_type`` commits, then fails as the engine does when its checkpoint fails,
    and loses the copied rows but not the step's record, as the engine's recovery did with the nodes
    step's rows above (a relationship step's data is too small to make the real checkpoint fail)."""
    copy_rels, run = embedded.LadybugStore._copy_rels, embedded.LadybugStore._run
    copied = []

    def copy(self, group, rows):
        copy_rels(self, group, rows)
        if group.type == rel_type:
            copied.append(group)

    def commit(self, cypher, params=None):
        result = run(self, cypher, params)
        if cypher == "COMMIT" and copied:
            group = copied.pop()
            run(self, f"MATCH (:{group.start})-[r:{group.type}]->(:{group.end}) DELETE r")
            raise RuntimeError(
                "Transaction committed successfully, but the post-commit checkpoint failed. The committed data is "
                "durable and will be recovered on restart: IO exception: Cannot read from file"
            )
        return result

    monkeypatch.setattr(embedded.LadybugStore, "_copy_rels", copy)
    monkeypatch.setattr(embedded.LadybugStore, "_run", commit)


@pytest.mark.parametrize("where", ["nodes step", "relationship step"])
def test_a_step_not_written_to_the_file_leaves_a_readable_store_and_a_rerun_completes_it(
    tmp_path, store_path, monkeypatch, where
):
    text = WALL if where == "nodes step" else "short"
    with open_store("ladybug", path=str(tmp_path / "clean.lbug")) as store:
        store.load(graph(text))
        clean = store.counts()
    if where == "nodes step":
        monkeypatch.setattr(embedded, "BUFFER_POOL", SMALL_CACHE)
    else:
        lossy_commit(monkeypatch, schema.MENTIONS)
    with open_store("ladybug", path=store_path) as store, pytest.raises(StoreError) as failed:
        store.load(graph(text))
    message = str(failed.value)
    assert "\n" not in message and "committed successfully" not in message and "nothing of it" not in message
    assert "could not be written to the file; the store is recovered and a re-run completes it" in message
    monkeypatch.undo()
    with open_store("ladybug", path=store_path, read_only=True) as store:
        assert store.counts()["Article"] in (0, 1)  # readable at once, no writer needed first
    with open_store("ladybug", path=store_path) as store:
        store.load(graph(text))
        assert store.counts() == clean
        assert steps(store) == 0


def test_a_read_only_open_recovers_a_file_left_for_recovery(store_path):
    """A process that ends right after such a commit (killed, or its recovery failed) leaves the file
    to be recovered; a read-only command recovers it instead of failing until a write command runs."""
    open_store("ladybug", path=store_path).close()
    db = lb.Database(store_path, buffer_pool_size=SMALL_CACHE)
    conn = lb.Connection(db)
    values = {"id": "a", "name": WALL, "platform": "web", "email": None}
    author = pa.table(
        {p.name: pa.array([values.get(p.name)], ARROW[p.type]) for p in schema.node_type(schema.AUTHOR).props}
    )
    conn.execute("BEGIN TRANSACTION")
    conn.execute(f"COPY {schema.AUTHOR} FROM $rows", {"rows": author})
    conn.execute("MERGE (s:LoadStep {id: 'step'})")
    with pytest.raises(RuntimeError, match="checkpoint failed"):
        conn.execute("COMMIT")
    conn.close()
    db.close()
    with pytest.raises(RuntimeError, match="recovery is pending"):
        lb.Database(store_path, read_only=True)
    with open_store("ladybug", path=store_path, read_only=True) as store:
        assert steps(store) == 1
