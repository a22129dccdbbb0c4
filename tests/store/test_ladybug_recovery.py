"""The embedded store never stays unreadable after steps the engine could not write to its file.

The engine keeps copied rows in memory until a checkpoint writes them to the file. A checkpoint can
fail after the commits (a 64 MB page cache and a text of ~9.5 MB did, while the connection still
held the copied table); the engine then refuses read-only opens until a writer recovers the file,
and its recovery can keep a step's record while losing the rows the step copied.
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
WALL = "hello world. " * 730_000  # ~9.5 MB


def graph(text: str):
    art = build.article("wall")
    big = build.post(art.id, 1, text)
    other = build.post(art.id, 2, "Brad, see above", author="brad")
    mention = build.mention(big, schema.author_id(build.PLATFORM, "brad"))
    return build_graph([art, big, other], Fragment([], [mention]))


def steps(store) -> int:
    return store.query("MATCH (s:LoadStep) RETURN count(*)").rows[0][0]


def lossy_checkpoint(monkeypatch, where: str) -> None:
    """The checkpoint after the steps fails as the engine's can, and its recovery loses the rows of one
    step but not the step's record: of the nodes step (the post with the long text; the engine did so
    with a 64 MB page cache while the connection held the copied table) or of the MENTIONS step."""
    run = embedded.LadybugStore._run

    def checkpoint(self, cypher, params=None):
        if cypher == "CHECKPOINT" and not lost:
            lost.append(where)
            if where == "nodes step":
                run(self, "MATCH (c:Comment) WHERE size(c.text) > 1000 DETACH DELETE c")
            else:
                run(self, f"MATCH ()-[r:{schema.MENTIONS}]->() DELETE r")
            raise RuntimeError("IO exception: Cannot read from file")
        return run(self, cypher, params)

    lost: list[str] = []
    monkeypatch.setattr(embedded.LadybugStore, "_run", checkpoint)


@pytest.mark.parametrize("where", ["nodes step", "relationship step"])
def test_a_step_not_written_to_the_file_leaves_a_readable_store_and_a_rerun_completes_it(
    tmp_path, store_path, monkeypatch, where
):
    text = WALL if where == "nodes step" else "short"
    with open_store("ladybug", path=str(tmp_path / "clean.lbug")) as store:
        store.load(graph(text))
        clean = store.counts()
    lossy_checkpoint(monkeypatch, where)
    with (
        pytest.raises(StoreError) as failed,
        open_store("ladybug", path=store_path) as store,
    ):  # at the latest on closing
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
    with open_store("ladybug", path=store_path, read_only=True) as store:
        assert store.counts() == clean
        assert steps(store) == 0


def test_a_long_text_is_written_with_a_small_page_cache(store_path, monkeypatch):
    """The checkpoint comes after the connection let go of the copied tables, so a 64 MB page cache
    writes a 9.5 MB text it once failed to."""
    monkeypatch.setattr(embedded, "BUFFER_POOL", SMALL_CACHE)
    with open_store("ladybug", path=store_path) as store:
        store.load(graph(WALL))
    with open_store("ladybug", path=store_path, read_only=True) as store:
        assert store.query("MATCH (c:Comment) RETURN max(size(c.text))").rows == [[len(WALL)]]


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
