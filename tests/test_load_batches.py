"""A load builds each batch as ``rows.Batch`` instead of a networkx graph: the stores must receive the
same rows either way, and a load must store what loading the batches' networkx graphs stores, every
property of every node and relationship included."""

from __future__ import annotations

import gc
import json
import os
import re
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest
from click.testing import CliRunner

from bench.synthetic import write_reddit_dump
from graphkit import schema
from graphkit.cli import main
from graphkit.defaults import DEFAULT_BATCH
from graphkit.extract import Extractor
from graphkit.graph import author_of, build_graph
from graphkit.pipeline import YOUNG_OBJECTS, batches, extract_batches, extract_graph, load, load_tables
from graphkit.sources import Report, expand_inputs, read_inputs, read_posts
from graphkit.store import ladybug, open_store
from graphkit.store.ladybug import LadybugStore
from graphkit.store.ladybug_copy import copy_tables
from graphkit.store.rows import WAITING, Batch, batch_key, edge_count, node_rows, outside, rel_rows
from tests.cli_runs import run
from tests.incremental import (
    EXAMPLE,
    answered,
    both_ends_missing,
    differences,
    load_inputs,
    reversed_thread,
    stored,
)
from tests.remodel import tables

# posts per batch: a reply's parent is often in an earlier batch
BATCHES = {"example": 8, "reddit": 120}


def _rows(graph) -> tuple:
    nodes = {(g.label, r["id"]): r for g in node_rows(graph) for r in g.rows}
    rels = {(g.type, g.start, g.end, r["from"], r["to"], r["id"]): r for g in rel_rows(graph) for r in g.rows}
    return nodes, rels, sorted(outside(graph)), edge_count(graph), batch_key(graph)


@pytest.fixture(scope="module")
def dump(tmp_path_factory):
    path = tmp_path_factory.mktemp("dump") / "reddit.ndjson"
    write_reddit_dump(path, 300, seed=7)
    return path


def _posts(path):
    return read_posts(expand_inputs([str(path)]), report=Report())


def test_a_batch_gives_the_rows_of_the_networkx_graph(example_posts):
    """Entities seen twice merge their aliases, a stub root stays a stub, edges keyed by id: as networkx."""
    extractor = Extractor(entities=True, workers=1)
    half = len(example_posts) // 2
    for part in (example_posts[:half], example_posts[half:]):
        fragment = extractor.extract(part)
        assert any(n.label in schema.ENTITY_LABELS for n in fragment.nodes)
        graph, batch = build_graph(part, fragment), build_graph(part, fragment, into=Batch())
        assert _rows(batch) == _rows(graph)
    assert _rows(batch)[2]  # the second half answers posts of the first: ends outside the batch


@pytest.mark.parametrize("source", ["example", "reddit"])
def test_a_load_stores_what_loading_networkx_graphs_stores(source, dump, tmp_path):
    path, size = (EXAMPLE if source == "example" else dump), BATCHES[source]
    with open_store("ladybug", path=str(tmp_path / "batches.lbug")) as store:
        summary = load(_posts(path), store, Extractor(entities=True, workers=1), size)
        ours = stored(store)
    with open_store("ladybug", path=str(tmp_path / "networkx.lbug")) as store:
        report = Report()
        for _, graph in extract_batches(_posts(path), Extractor(entities=True, workers=1), size, report):
            store.load(graph)
        theirs = stored(store)
    assert summary.posts > 2 * size  # several batches
    assert differences(ours, theirs) == []
    # the comparison covers the properties: each label's values are there, not only its ids
    labels = {attrs["label"] for attrs in theirs[1].values()}
    assert {schema.ARTICLE, schema.COMMENT, schema.AUTHOR, schema.PERSON} <= labels
    for label in labels:
        filled = {k for attrs in theirs[1].values() if attrs["label"] == label for k, v in attrs.items() if v}
        assert len(filled) > 2, (label, filled)
    filled_rels: dict[str, set[str]] = {}
    for attrs in theirs[2].values():
        filled_rels.setdefault(attrs["type"], set()).update(k for k, v in attrs.items() if v is not None)
    for type_ in (schema.REPLY_TO, schema.MENTIONS):
        assert len(filled_rels[type_] - {"id", "type"}) > 2, (type_, filled_rels[type_])


def test_a_load_collects_garbage_less_often_and_gives_the_thresholds_back(dump, tmp_path):
    """Inside a load the collector's first threshold is at least ``YOUNG_OBJECTS``; after it, whether it
    ends or fails, the caller's thresholds are back."""
    before = gc.get_threshold()
    seen: list[tuple[int, ...]] = []
    stop = []

    def progress(_):
        seen.append(gc.get_threshold())
        if stop:
            raise KeyboardInterrupt

    try:
        with open_store("ladybug", path=str(tmp_path / "gc.lbug")) as store:
            load(_posts(dump), store, Extractor(entities=False), 100, progress)
            assert gc.get_threshold() == before and len(seen) > 2  # several batches
            stop.append(True)
            with pytest.raises(KeyboardInterrupt):
                load(_posts(dump), store, Extractor(entities=False), 100, progress)
            assert gc.get_threshold() == before
        assert {s[0] for s in seen} == {max(before[0], YOUNG_OBJECTS)} and {s[1:] for s in seen} == {before[1:]}
    finally:
        gc.set_threshold(*before)


REAL = Path(__file__).parent / "data" / "real"
ROOT = Path(__file__).resolve().parent.parent


def _named_before_written(path: str) -> set[str]:
    """Authors a post's input states it mentions in an input before the one they first write in."""
    named, written = {}, {}
    for post in _posts(path):
        written.setdefault(author_of(post), post.source)
        for stated in post.stated:
            named.setdefault(stated.target, post.source)
    order = list(dict.fromkeys([*named.values(), *written.values()]))
    return {a for a, src in named.items() if a in written and order.index(src) < order.index(written[a])}


def _cli_load(path: str, size: int, folder: Path) -> tuple:
    """What ``graphkit load --no-entities --batch-size size`` stores of ``path``."""
    store = str(folder / f"{size}.lbug")
    result = CliRunner().invoke(main, ["load", path, "--store", store, "--no-entities", "--batch-size", str(size)])
    assert result.exit_code == 0, result.output
    with open_store("ladybug", path=store) as opened:
        return stored(opened)


@pytest.mark.parametrize("source", ["synthetic", "hackernews", "disqus"])
def test_the_stored_graph_is_the_one_of_a_single_batch_whatever_the_batch_size(source, dump, tmp_path):
    """``graphkit load`` reads each input ahead, so a participant is named in posts of batches before its
    first post's (a reply naming a commenter who writes later in the file), and stored with the Author its
    first post makes: the same store at every batch size. The inputs hold such replies: without reading
    ahead, the small batches lose mentions."""
    path = str(dump if source == "synthetic" else REAL / source)
    whole = _cli_load(path, 100_000, tmp_path)
    for size in (7, 50):
        assert differences(_cli_load(path, size, tmp_path), whole) == [], size
    assert whole[0][schema.MENTIONS] > 0
    with open_store("ladybug", path=str(tmp_path / "streamed.lbug")) as opened:
        load(_posts(path), opened, Extractor(entities=False), 7)  # one reading: no reading ahead
        assert differences(stored(opened), whole) != []


def _line_counts(line: str) -> tuple[int, int]:
    """Nodes created and already present, as a load's summary says them."""
    found = re.search(r"(\d+) nodes created, (\d+) already present", line)
    assert found, line
    return int(found[1]), int(found[2])


@pytest.mark.parametrize("source", ["synthetic", "telegram"])
def test_a_load_s_summary_is_the_same_at_every_batch_size(source, dump, tmp_path):
    """What a load says, into a new store and into a store holding part of the input, is the same at batch sizes
    1, 7 and the default: a node of the input met again in a later batch is not one more already present. A new
    store holds none already."""
    if source == "synthetic":
        path, part = dump, tmp_path / "part.ndjson"
        lines = dump.read_text("utf-8").splitlines(keepends=True)
        part.write_text("".join(lines[: len(lines) // 3]), "utf-8")
    else:
        path = REAL / "telegram" / "teknologi_umum_linq.json"
        chat = json.loads(path.read_text("utf-8"))
        part = tmp_path / "part.json"
        part.write_text(json.dumps({**chat, "messages": chat["messages"][:20]}), "utf-8")
    said: dict[str, set[str]] = {"new": set(), "holding": set()}
    for size in (1, 7, DEFAULT_BATCH):
        for kind in said:
            store = str(tmp_path / f"{kind}-{size}.lbug")
            if kind == "holding":
                run("load", str(part), "--store", store, "--no-entities", "--workers", "1")
            out = run("load", str(path), "--store", store, "--no-entities", "--workers", "1", "--batch-size", str(size))
            said[kind].add(out)
    assert len(said["new"]) == len(said["holding"]) == 1, said
    assert _line_counts(*said["new"])[1] == 0
    assert _line_counts(*said["holding"])[1] > 0


def _without_a_parent(folder: Path) -> tuple[Path, Path, str]:
    """A real Bluesky chain of answers (each post answering the one above it) as two lists of posts, as a search
    gives them: one without a post P in the middle of the chain, the other P alone; and P's uri."""
    node, chain = json.loads((REAL / "bluesky" / "hellthread-parents.json").read_text("utf-8"))["thread"], []
    while node:
        if "post" in node:
            chain.append(node["post"])
        node = node.get("parent")
    parent = chain[len(chain) // 2]
    assert any(p["record"]["reply"]["parent"]["uri"] == parent["uri"] for p in chain if p["record"].get("reply"))
    lacking, alone = folder / "a-lacking.json", folder / "b-alone.json"
    lacking.write_text(json.dumps({"posts": [p for p in chain if p is not parent]}), encoding="utf-8")
    alone.write_text(json.dumps({"posts": [parent]}), encoding="utf-8")
    return lacking, alone, parent["uri"]


def _named_first(got: tuple) -> tuple:
    """``stored`` but a stub's source and Authors' shown names."""
    counts, nodes, edges = got
    gone = {n: {"source"} if a.get("stub") else {"name"} if a["label"] == "Author" else set() for n, a in nodes.items()}
    nodes = {n: {k: v for k, v in a.items() if k not in gone[n]} for n, a in nodes.items()}
    return counts, nodes, edges


def test_a_stub_of_a_parent_is_filled_whatever_comes_first_at_every_batch_size(tmp_path):
    """An answer whose parent is in no input of its load answers a stub of it; a later load holding the parent
    fills the stub, and the store is the one a load of both gives, whichever comes first, at every batch size
    (in one load the answer's edge waits for its parent's batch); loading again changes nothing."""
    folder = tmp_path / "inputs"
    folder.mkdir()
    lacking, alone, uri = _without_a_parent(folder)
    graphs = {}
    for size in (7, 100_000):
        for order in ((lacking, alone), (alone, lacking), (folder,)):
            store = str(tmp_path / f"{size}-{len(graphs)}.lbug")
            for path in order:
                result = CliRunner().invoke(
                    main, ["load", str(path), "--store", store, "--no-entities", "--batch-size", str(size)]
                )
                assert result.exit_code == 0, result.output
            with open_store("ladybug", path=store) as opened:
                graphs[size, order] = stored(opened)
    whole = graphs[100_000, (folder,)]
    for key, got in graphs.items():
        if key[1][0] == alone:  # what the input naming a stub first decides, as for stub roots: its source, and its
            # writer shown by the DID where that input shows no handle (the parent alone shows its parent's so)
            assert differences(_named_first(got), _named_first(whole)) == [], key
        else:
            assert differences(got, whole) == [], key
    _, nodes, edges = graphs[100_000, (folder,)]
    (parent,) = [n for n, attrs in nodes.items() if attrs.get("source_id") == uri]
    assert not nodes[parent]["stub"] and nodes[parent]["text"]
    assert [a for a, b, _ in edges if b == parent and edges[a, b, _]["type"] == schema.REPLY_TO]
    store = str(tmp_path / "lacking.lbug")
    run = ["load", str(lacking), "--store", store, "--no-entities"]
    posts = json.loads(lacking.read_text("utf-8"))["posts"]
    uris, roots = {p["uri"] for p in posts}, {p["record"]["reply"]["root"]["uri"] for p in posts}
    missing = [p for p in posts if p["record"]["reply"]["parent"]["uri"] not in uris | roots]
    assert f"{len(missing)} parents not in input" in CliRunner().invoke(main, run).output
    with open_store("ladybug", path=store) as opened:
        once = stored(opened)
    assert {attrs["stub"] for n, attrs in once[1].items() if attrs.get("source_id") == uri} == {True}
    CliRunner().invoke(main, run)
    with open_store("ladybug", path=store) as opened:
        assert differences(stored(opened), once) == []


def _stated_replies(folder: Path) -> int:
    """Replies between two posts the Discourse pages of ``folder`` state: a post whose ``reply_to_post_number``
    names a post of theirs (past the opening post, which is the topic's Article)."""
    posts = [
        post
        for page in folder.iterdir()
        for post in json.loads(page.read_text(encoding="utf-8"))["post_stream"]["posts"]
        if post.get("post_type") != 3  # a small action (the topic closed, moved) is no post
    ]
    numbers = {post["post_number"] for post in posts}
    return sum(
        1 for post in posts if (post.get("reply_to_post_number") or 1) > 1 and post["reply_to_post_number"] in numbers
    )


def test_a_crawl_saved_page_by_page_is_read_in_its_numbering_at_every_batch_size(tmp_path):
    """A topic saved as page1 … page10 is read page2 before page10, so every stated reply's parent is loaded by then:
    in plain sorted order page10 came first, and batches of 7 lost the replies it holds to posts of later pages."""
    folder = tmp_path / "crawl"
    folder.mkdir()
    for page, named in ((1, 1), (2, 2), (3, 3), (4, 10)):
        source = REAL / "discourse" / f"topic_163247_page{page}.json"
        (folder / f"topic_163247_page{named}.json").write_bytes(source.read_bytes())
    expected = _stated_replies(folder)
    assert expected > 0
    cypher = (
        f"MATCH (:{schema.COMMENT})-[r:{schema.REPLY_TO}]->(:{schema.COMMENT}) WHERE r.inferred = false RETURN count(r)"
    )
    for size in (7, 100_000):
        store = str(tmp_path / f"{size}.lbug")
        result = CliRunner().invoke(
            main, ["load", str(folder), "--store", store, "--no-entities", "--batch-size", str(size)]
        )
        assert result.exit_code == 0 and "not in input" not in result.output, result.output
        with open_store("ladybug", path=store) as opened:
            assert opened.query(cypher).rows[0][0] == expected, size


def test_a_reply_read_before_the_post_it_answers_is_stored_at_every_batch_size(tmp_path):
    """An input listing replies before their parents (newest first): a reply's stated edge whose end a later batch
    brings is written once that batch writes it, as one batch of everything writes it."""
    path = str(reversed_thread(tmp_path))
    whole = _cli_load(path, 100_000, tmp_path)
    assert whole[0][schema.REPLY_TO] == answered(Path(path)) > 100
    for size in (7, 50):
        assert differences(_cli_load(path, size, tmp_path), whole) == [], size


def _into_a_thread(store_path: Path, path: Path, size: int, stop_after: int = 0) -> tuple:
    """What a store holding the example thread stores of ``path`` loaded batch by batch in batches of ``size``, after
    a load of it stopped once ``stop_after`` batches were committed (none: not stopped); asserts that nothing is left
    waiting and that loading it again changes nothing."""

    def stop(summary) -> None:
        if stop_after and summary.posts >= stop_after * size:
            raise KeyboardInterrupt

    with open_store("ladybug", path=str(store_path)) as store:
        load(_posts(EXAMPLE), store, Extractor(entities=False, workers=1))
        if stop_after:
            with pytest.raises(KeyboardInterrupt):
                load(_posts(path), store, Extractor(entities=False, workers=1), size, stop)
    with open_store("ladybug", path=str(store_path)) as store:  # run again, as a new process does
        summary = load(_posts(path), store, Extractor(entities=False, workers=1), size)
        assert summary.counts.rels_skipped == 0
        assert store.query(f"MATCH (w:{WAITING}) RETURN count(w)").rows == [[0]]
        again = load(_posts(path), store, Extractor(entities=False, workers=1), size).counts
        assert (again.nodes_created, again.rels_created) == (0, 0)
        return stored(store)


def test_a_batch_is_stored_once_complete_before_the_load_asks_for_another_post(tmp_path):
    """A load from a pipe left open waits for the next post the writer sends: each batch its posts complete (the
    post after it came) must be stored before the load asks for one more, the last one of the input too, with what
    the posts' end decides (it waited for a batch after it, which never came). The real Reddit thread reversed, in
    batches of 7 into a store holding another thread, by a source that counts the posts stored as each is asked."""
    posts = list(_posts(REAL / "reddit" / "graw-thread.json"))[::-1]
    asked: list[tuple[int, int]] = []  # (posts given, posts stored) as the load asks for the next one
    stored = 0

    def progress(summary) -> None:
        nonlocal stored
        stored = summary.posts

    def source():
        for given, post in enumerate(posts):
            asked.append((given, stored))
            yield post
        asked.append((len(posts), stored))

    with open_store("ladybug", path=str(tmp_path / "pipe.lbug")) as store:
        load(_posts(REAL / "hackernews" / "communal-algolia-item.json"), store, Extractor(entities=False), 7)
        load(source(), store, Extractor(entities=False), 7, progress)
    complete = [sum(map(len, list(batches(posts[:given], 7))[:-1])) for given, _ in asked]
    assert len(set(complete)) > 2 and [s for _, s in asked] == complete
    assert stored == len(posts)


def test_a_reply_read_before_the_post_it_answers_is_stored_by_batches_into_a_store_holding_posts(tmp_path):
    """Into a store that holds posts (loaded batch by batch, not in one go), an edge whose end a later batch brings
    waits in the store until that batch writes it; a load stopped between them completes it when run again."""
    path = reversed_thread(tmp_path)
    with open_store("ladybug", path=str(tmp_path / "example.lbug")) as store:
        load(_posts(EXAMPLE), store, Extractor(entities=False, workers=1))
        before = store.counts()[schema.REPLY_TO]
    whole = _into_a_thread(tmp_path / "whole.lbug", path, 100_000)
    assert whole[0][schema.REPLY_TO] - before == answered(path)
    for size, stop_after in ((7, 0), (50, 0), (7, 4)):
        batches = _into_a_thread(tmp_path / f"{size}-{stop_after}.lbug", path, size, stop_after)
        assert differences(batches, whole) == [], (size, stop_after)


@pytest.mark.parametrize("lost", [False, True], ids=["stopped-after-a-copy", "killed-after-the-record"])
def test_edges_that_waited_are_written_once_by_a_batch_stopped_while_it_writes_them(tmp_path, monkeypatch, lost):
    """A batch writes the edges that waited for its posts by copies, each committed on its own, and then forgets the
    waiting rows with its record, which holds the edges. Stopped after its first such copy, the load run again copies
    none twice. Stopped once the record is written, and its copies taken out as a process killed before the next
    checkpoint leaves them (the recovery keeps the record and the waiting rows' deletion, not what copies wrote), the
    load run again copies them again from the record. Either way the store holds what an uninterrupted load does."""
    path = reversed_thread(tmp_path)
    whole = _into_a_thread(tmp_path / "whole.lbug", path, 100_000)
    store_path = tmp_path / "stopped.lbug"
    copied: list[str] = []
    step = LadybugStore._step

    def stop(self, name, write, posts=lambda _: None, **kwargs):
        result = step(self, name, write, posts, **kwargs)
        if ":arrived:" in name and not lost:
            copied.append(name)
            raise KeyboardInterrupt
        if name.endswith(":arrived") and lost:
            copied.extend(json.loads(row)["id"] for row in posts(result))
            raise KeyboardInterrupt
        return result

    with open_store("ladybug", path=str(store_path)) as store:
        load(_posts(EXAMPLE), store, Extractor(entities=False, workers=1))
        with monkeypatch.context() as patched:
            patched.setattr(LadybugStore, "_step", stop)
            with pytest.raises(KeyboardInterrupt):
                load(_posts(path), store, Extractor(entities=False, workers=1), 7)
        assert copied
        if lost:
            cypher = f"MATCH ()-[r:{schema.REPLY_TO}]->() WHERE r.id IN $ids "
            assert store.query(cypher + "RETURN count(r)", {"ids": copied}).rows == [[len(copied)]]
            store.query(cypher + "DELETE r", {"ids": copied}, write=True)
            waiting = store.query(f"MATCH (w:{WAITING}) WHERE w.id IN $ids RETURN count(w)", {"ids": copied})
            assert waiting.rows == [[0]]
    with open_store("ladybug", path=str(store_path)) as store:
        assert load(_posts(path), store, Extractor(entities=False, workers=1), 7).counts.rels_skipped == 0
        assert store.query(f"MATCH (w:{WAITING}) RETURN count(w)").rows == [[0]]
        assert differences(stored(store), whole) == []


# A load of the thread ``sys.argv[2]`` in batches of 7 into the store ``sys.argv[1]`` whose process is killed once the
# record of the first edges that waited for a batch's posts is committed: not written to the file (no checkpoint
# came), its recovery keeps the records and loses what copies wrote, those of the batches before too.
_KILLED_AFTER_AN_ARRIVED_RECORD = """
import os, sys
from graphkit.extract import Extractor
from graphkit.pipeline import load
from graphkit.sources import expand_inputs, read_posts
from graphkit.store import open_store
from graphkit.store.ladybug import LadybugStore
step = LadybugStore._step

def killed(self, name, write, posts=lambda _: None, **kwargs):
    result = step(self, name, write, posts, **kwargs)
    if name.endswith(":arrived") and posts(result):
        os._exit(9)
    return result

LadybugStore._step = killed
with open_store("ladybug", path=sys.argv[1]) as store:
    load(read_posts(expand_inputs([sys.argv[2]])), store, Extractor(entities=False, workers=1), 7)
"""


def test_a_load_killed_once_a_batch_recorded_the_edges_that_waited_counts_none_skipped_when_run_again(tmp_path):
    """Killed once a batch recorded the edges that waited for its posts, before a checkpoint, a load run again
    writes the batches before it again, their edges waiting counted skipped, and the batch's recorded edges, which
    it copies again: these count created, not skipped (the load said edges were skipped though none waited)."""
    path = reversed_thread(tmp_path)
    whole = _into_a_thread(tmp_path / "whole.lbug", path, 100_000)
    store_path = tmp_path / "killed.lbug"
    with open_store("ladybug", path=str(store_path)) as store:
        load(_posts(EXAMPLE), store, Extractor(entities=False, workers=1))
    script = [sys.executable, "-c", _KILLED_AFTER_AN_ARRIVED_RECORD, str(store_path), str(path)]
    env = {**os.environ, "PYTHONPATH": os.pathsep.join(filter(None, [str(ROOT), os.environ.get("PYTHONPATH")]))}
    assert subprocess.run(script, env=env, timeout=600).returncode == 9
    with open_store("ladybug", path=str(store_path)) as store:
        counts = load(_posts(path), store, Extractor(entities=False, workers=1), 7).counts
        assert counts.rels_skipped == 0
        assert store.query(f"MATCH (w:{WAITING}) RETURN count(w)").rows == [[0]]
        assert differences(stored(store), whole) == []


def test_the_record_of_edges_that_waited_stays_within_the_page_cache_s_share(tmp_path, monkeypatch):
    """The record of the edges that waited for a batch's posts holds them until the next checkpoint in the page
    cache (100k edges, 40 MB, filled a 256 MB cache and failed the load): edges that would bring the bytes unsaved
    to ``CHECKPOINT_SHARE`` of it are written to the file by a checkpoint instead, and the record holds none. With
    that share a few edges' worth, a newest-first thread loaded in batches of 7 records none bigger, and the store
    holds what an uninterrupted load does."""
    path = reversed_thread(tmp_path)
    whole = _into_a_thread(tmp_path / "whole.lbug", path, 100_000)
    limit = 4096
    records: list[int] = []
    arrivals: list[int] = []
    step, arrived = LadybugStore._step, LadybugStore._arrivals

    def recording(self, name, write, posts=lambda _: None, **kwargs):
        result = step(self, name, write, posts, **kwargs)
        if name.endswith(":arrived"):
            records.append(sum(map(len, posts(result))))
        return result

    def counting(self, ids):
        ready, still = arrived(self, ids)
        arrivals.append(sum(len(json.dumps(row)) for row in ready))
        return ready, still

    monkeypatch.setattr(ladybug, "CHECKPOINT_SHARE", limit / ladybug.BUFFER_POOL)
    monkeypatch.setattr(LadybugStore, "_step", recording)
    monkeypatch.setattr(LadybugStore, "_arrivals", counting)
    assert differences(_into_a_thread(tmp_path / "batches.lbug", path, 7), whole) == []
    assert max(arrivals) > limit
    assert records and max(records) < limit


def malformed_page() -> tuple[str, str, int]:
    """A real Discourse page as JSON with its post 3 malformed (skipped, reported), the page itself, and how many of
    its posts answer post 3 (their replies' end is the malformed post)."""
    page = json.loads((REAL / "discourse" / "topic_163247_page1.json").read_text(encoding="utf-8"))
    posts = page["post_stream"]["posts"]
    answers = sum(1 for post in posts if post.get("reply_to_post_number") == 3)
    assert answers
    mended = json.dumps(page)
    next(post for post in posts if post["post_number"] == 3)["created_at"] = "not a date"
    return json.dumps(page), mended, answers


def test_an_edge_to_a_post_its_load_skipped_waits_for_a_load_that_brings_the_post(tmp_path):
    """A Discourse page whose answered post is malformed (skipped, reported): the replies to it wait in the store,
    counted as waiting, and a load of the page mended writes them, as a load of the mended page alone does; in one go
    into a new store and batch by batch alike."""
    broken_page, mended, answers = malformed_page()
    folder, stores = tmp_path / "topic", tmp_path / "stores"
    folder.mkdir()
    stores.mkdir()
    sizes = (7, 100_000)
    for size in sizes:
        (folder / "page1.json").write_text(broken_page, encoding="utf-8")
        args = ["--store", str(stores / f"{size}.lbug"), "--no-entities", "--batch-size", str(size)]
        broken = CliRunner().invoke(main, ["load", str(folder), *args])
        assert f"{answers} relationships wait for an end not in input" in broken.output, broken.output
        (folder / "page1.json").write_text(mended, encoding="utf-8")
        assert CliRunner().invoke(main, ["load", str(folder), *args]).exit_code == 0
    alone = _cli_load(str(folder), 50, tmp_path)
    for size in sizes:
        with open_store("ladybug", path=str(stores / f"{size}.lbug")) as opened:
            assert differences(stored(opened), alone) == [], size
            assert opened.query(f"MATCH (w:{WAITING}) RETURN count(w)").rows == [[0]]


def test_an_edge_an_earlier_load_left_waiting_counts_created_alone_in_the_load_that_writes_it(tmp_path):
    """One store object serving two loads batch by batch (into a store holding posts): the replies to a malformed
    post the first load left waiting, and counted so, count created by the load of the mended page that writes them,
    not against its own waiting ones, which it has none of."""
    broken_page, mended, answers = malformed_page()
    page = tmp_path / "page1.json"
    with open_store("ladybug", path=str(tmp_path / "store.lbug")) as store:
        load(_posts(EXAMPLE), store, Extractor(entities=False, workers=1))
        page.write_text(broken_page, encoding="utf-8")
        assert load(_posts(page), store, Extractor(entities=False, workers=1), 7).counts.rels_skipped == answers
        page.write_text(mended, encoding="utf-8")
        counts = load(_posts(page), store, Extractor(entities=False, workers=1), 7).counts
        assert counts.rels_skipped == 0
        assert store.query(f"MATCH (w:{WAITING}) RETURN count(w)").rows == [[0]]


def test_an_export_for_neo4j_admin_says_how_many_edges_wait_and_are_not_exported(tmp_path):
    """A store holding the replies to a malformed post waiting: ``export --format neo4j-admin`` writes the graph,
    which they are not part of, and says how many wait (a database imported from it never writes them)."""
    broken_page, _, answers = malformed_page()
    page, store = tmp_path / "page1.json", str(tmp_path / "store.lbug")
    page.write_text(broken_page, encoding="utf-8")
    loaded = CliRunner().invoke(main, ["load", str(page), "--store", store, "--no-entities", "--batch-size", "7"])
    assert loaded.exit_code == 0, loaded.output
    exported = CliRunner().invoke(main, ["export", str(tmp_path / "csv"), "--format", "neo4j-admin", "--store", store])
    assert exported.exit_code == 0, exported.output
    assert f"; {answers} edges wait in the store for an end not in its graph and are not exported" in exported.output
    with open_store("ladybug", path=store, read_only=True) as opened:  # as README says, a raw MATCH (n) shows them
        assert opened.query(f"MATCH (n) WHERE label(n) = '{WAITING}' RETURN count(n)").rows == [[answers]]


def test_the_tables_of_a_page_with_a_malformed_post_copied_into_a_new_store_keep_its_replies_waiting(tmp_path):
    """``extract --cluster``'s tables of a Discourse page whose answered post is malformed, copied into a new store
    (``ladybug_copy``): the replies to that post wait in the store, and a load of the page mended writes them, as a
    load of the mended page alone does."""
    broken_page, mended, answers = malformed_page()
    folder, page = tmp_path / "topic", tmp_path / "topic" / "page1.json"
    folder.mkdir()
    (tmp_path / "tables").mkdir()
    page.write_text(broken_page, encoding="utf-8")
    directory = tables(tmp_path / "tables", [page])
    page.write_text(mended, encoding="utf-8")  # the same file mended: its posts' source is the same
    with open_store("ladybug", path=str(tmp_path / "copy.lbug")) as store:
        copied = copy_tables(store, directory)
        assert copied is not None and copied.rels_skipped == answers
        assert store.query(f"MATCH (w:{WAITING}) RETURN count(w)").rows == [[answers]]
        assert load_inputs(store, [page], 7, entities=False).counts.rels_skipped == 0
        assert store.query(f"MATCH (w:{WAITING}) RETURN count(w)").rows == [[0]]
        assert differences(stored(store), _cli_load(str(folder), 50, tmp_path)) == []


def test_an_edge_missing_both_ends_waits_for_each_in_turn(tmp_path):
    """Extracted tables copied into a new store (``ladybug_copy``) without the two comments a stated reply joins: the
    reply waits for its start; tables holding its start alone, loaded batch by batch, write the start, and the reply
    then waits for its end (it was written to no end, and forgotten), until a load of the page writes that too. The
    store then holds what a load of the page alone does."""
    page, lacking, start, reply = both_ends_missing(tmp_path)
    waits = f"MATCH (w:{WAITING} {{id: $id}}) RETURN w.waits"
    with open_store("ladybug", path=str(tmp_path / "store.lbug")) as store:
        assert copy_tables(store, lacking) is not None
        assert store.query(waits, {"id": reply["id"]}).rows == [[reply["from"]]]
        load_tables(start, store, 7)
        assert store.query(waits, {"id": reply["id"]}).rows == [[reply["to"]]]
        assert load_inputs(store, [page], 7, entities=False).counts.rels_skipped == 0
        assert store.query(f"MATCH (w:{WAITING}) RETURN count(w)").rows == [[0]]
        assert differences(stored(store), _cli_load(str(page.parent), 50, tmp_path)) == []


@pytest.mark.parametrize("platform", ["discourse", "mastodon"])
def test_an_account_named_in_an_input_before_the_one_it_writes_in_is_named_alike_at_every_batch_size(
    platform, tmp_path
):
    """One batch shows an account as the post it writes shows it, wherever it was named before: in smaller
    batches the stored Author a mention made takes what its first post shows once that is loaded (loading
    the input again changes nothing), and an extracted graph shows it alike."""
    path = str(REAL / platform)
    assert _named_before_written(path)
    whole = _cli_load(path, 100_000, tmp_path)
    assert differences(_cli_load(path, 7, tmp_path), whole) == []
    assert differences(_cli_load(path, 7, tmp_path), whole) == []  # the same store loaded again

    def extracted(size: int) -> tuple:
        again = lambda: read_inputs(expand_inputs([path]))  # noqa: E731
        graph = extract_graph(_posts(path), Extractor(entities=False), size, again=again)
        return dict(graph.nodes(data=True)), {(a, b, k): e for a, b, k, e in graph.edges(keys=True, data=True)}

    assert extracted(7) == extracted(100_000)


def test_a_load_without_entities_imports_neither_spacy_nor_networkx(tmp_path):
    """Importing spaCy took one to two seconds of CPU (for its stop words alone, the model never running), networkx
    half a second: a structure-only load of 100k comments now takes ~15 s of CPU in all."""
    import subprocess
    import sys

    from graphkit.extract.stop_words import STOP_WORDS

    code = (
        "import sys\nfrom graphkit.cli import main\n"
        "try:\n    main(['load', sys.argv[1], '--no-entities', '--store', sys.argv[2]])\n"
        "except SystemExit as done:\n    assert not done.code, done.code\n"
        "print('loaded:' + ','.join(m for m in ('spacy', 'networkx') if m in sys.modules))"
    )
    root = Path(__file__).resolve().parent.parent
    args = [sys.executable, "-c", code, str(EXAMPLE), str(tmp_path / "s.lbug")]
    out = subprocess.run(args, capture_output=True, text=True, check=True, cwd=root)
    assert out.stdout.splitlines()[-1] == "loaded:"
    assert "Loaded 1 threads" in out.stdout
    from spacy.lang.en.stop_words import STOP_WORDS as SPACY_STOP_WORDS  # the same words as spaCy's own

    assert STOP_WORDS == SPACY_STOP_WORDS


def test_a_load_of_tables_into_a_store_holding_posts_imports_no_networkx(tmp_path):
    """Extracted tables loaded batch by batch (the store holds posts already, so no bulk copy) are cut into the
    batches a load builds (``rows.Batch``) as they are read: no networkx graph of the tables is built first."""
    import subprocess
    import sys

    from graphkit.store.parquet import write_tables

    tables = tmp_path / "tables"
    write_tables(extract_graph(read_posts(expand_inputs([str(EXAMPLE)])), Extractor(entities=False)), str(tables))
    first = tmp_path / "first.ndjson"
    write_reddit_dump(first, 30, seed=5)
    code = (
        "import sys\nfrom graphkit.cli import main\n"
        "for args in (['load', sys.argv[1], '--no-entities'], ['load', sys.argv[2]]):\n"
        "    try:\n        main([*args, '--store', sys.argv[3]])\n"
        "    except SystemExit as done:\n        assert not done.code, done.code\n"
        "print('loaded:' + ','.join(m for m in ('networkx',) if m in sys.modules))"
    )
    root = Path(__file__).resolve().parent.parent
    args = [sys.executable, "-c", code, str(first), str(tables), str(tmp_path / "s.lbug")]
    out = subprocess.run(args, capture_output=True, text=True, check=True, cwd=root)
    *_, loaded, modules = out.stdout.splitlines()
    assert modules == "loaded:"
    assert " 23 posts, " in loaded and loaded.endswith(f"from {tables}."), out.stdout


ENTITY_THREADS = Path(__file__).parent / "data" / "entities"


def _resolved(monkeypatch: pytest.MonkeyPatch, run: Callable[[], object]) -> list[list]:
    """The mentions each post is resolved with, in input order, while ``run`` extracts."""
    found: list[list] = []
    resolve = Extractor.resolve

    def spy(self: Extractor, per_post: list[list]) -> tuple:
        found.extend(per_post)
        return resolve(self, per_post)

    monkeypatch.setattr(Extractor, "resolve", spy)
    run()
    monkeypatch.undo()
    return found


def _mentions(path: Path, size: int, workers: int, monkeypatch: pytest.MonkeyPatch) -> list[list]:
    """The mentions each post of ``path`` is resolved with, in input order, as ``graphkit extract`` (which reads
    its inputs again, ahead) finds them at ``size`` posts per batch with ``workers`` model processes."""
    again = lambda: read_inputs(expand_inputs([str(path)]))  # noqa: E731
    extractor = Extractor(entities=True, workers=workers)
    return _resolved(monkeypatch, lambda: extract_graph(_posts(path), extractor, size, again=again))


@pytest.mark.parametrize(
    ("thread", "workers"),
    [("guardian-generation-war-75", 1), ("nairaland-politics-51", 1), ("cs-se-meta-80", 2)],
)
def test_each_post_has_the_mentions_of_a_single_batch_whatever_the_batch_size(thread, workers, monkeypatch):
    """A post is searched with what its whole input teaches (the words it writes in lower case, the sites it links
    to, the acronyms it defines, its participants), read ahead, not with what the part of it in the post's batch
    teaches: the same mentions at every batch size and with the model in other processes. In each thread a word a
    later batch writes in lower case ("downfall", "buhari") or a site it links to ("SE") changed a mention of an
    earlier batch."""
    path = ENTITY_THREADS / f"{thread}.jsonl"
    whole = _mentions(path, 100_000, 1, monkeypatch)
    assert len(whole) == sum(1 for _ in _posts(path)) and sum(map(len, whole)) > 50
    assert _mentions(path, 7, workers, monkeypatch) == whole


def test_a_text_read_ahead_is_read_for_its_lessons_once_and_its_error_reported_in_its_batch(monkeypatch):
    """Read ahead, an input's lessons are known before its first batch, so its batches read no post's lessons again
    (each text was read twice); a post whose lessons raise ahead is read again in its batch, where it is reported
    and keeps its structure alone, as when each post was read twice."""
    from graphkit.extract import entities
    from graphkit.extract.extractor import EXTRACTION_FAILED

    path = ENTITY_THREADS / "cs-se-meta-80.jsonl"
    posts = list(_posts(path))
    bad = posts[5].text
    read: list[str] = []
    lower_words = entities.lower_words

    def counted(texts):
        texts = list(texts)
        read.extend(texts)
        if bad in texts:
            raise ValueError("a rule's error")
        return lower_words(texts)

    def extracted(batch_size: int) -> tuple[dict, Report]:
        read.clear()
        again = lambda: read_inputs(expand_inputs([str(path)]))  # noqa: E731
        report = Report()
        graph = extract_graph(_posts(path), Extractor(entities=True, workers=1), batch_size, report=report, again=again)
        return graph, report

    monkeypatch.setattr(entities, "lower_words", counted)
    for size in (7, 100_000):
        graph, report = extracted(size)
        assert sorted(read) == sorted([p.text for p in posts] + [bad])
        assert report.counts[EXTRACTION_FAILED] == 1 and report.locations[EXTRACTION_FAILED][0].startswith(
            posts[5].where
        )
        assert sorted(t for _, _, t in graph.out_edges(posts[5].id, data="type")) == [schema.REPLY_TO]


def test_the_commands_read_a_reddit_input_ahead_whole_for_the_entity_rules(tmp_path, monkeypatch):
    """A Reddit input can be read ahead for its writers alone, a cheaper reading that suits a load without entities;
    with entities the rules learn from every text read ahead, so ``graphkit extract`` gives each post the mentions
    of a single batch at any batch size. The Guardian thread's comments written as Reddit dump lines: a later
    batch writes "downfall" in lower case, which changes a mention of an earlier one."""
    rows = [json.loads(line) for line in (ENTITY_THREADS / "guardian-generation-war-75.jsonl").open(encoding="utf-8")]
    dump = tmp_path / "guardian.ndjson"
    submission = {"id": "gw", "subreddit": "television", "title": "Generation War", "author": "op", "selftext": ""}
    lines = [{**submission, "created_utc": 1399897761}]
    for row in rows:
        parent = f"t1_{row['parent']}" if row["parent"] else "t3_gw"
        comment = {"id": row["id"], "parent_id": parent, "link_id": "t3_gw", "author": row["author"]}
        lines.append({**comment, "body": row["text"], "created_utc": 1399897761, "subreddit": "television"})
    dump.write_text("".join(json.dumps(line) + "\n" for line in lines), encoding="utf-8")

    def mentions(size: int) -> list[list]:
        args = ["extract", str(dump), "-o", str(tmp_path / f"{size}.graphml"), "--batch-size", str(size)]
        results = []
        found = _resolved(monkeypatch, lambda: results.append(CliRunner().invoke(main, [*args, "--workers", "1"])))
        assert results[0].exit_code == 0, results[0].output
        return found

    whole = mentions(100_000)
    assert len(whole) == len(lines) and sum(map(len, whole)) > 50
    assert mentions(7) == whole


def test_an_input_read_ahead_teaches_its_first_batch_s_participants_and_definitions_once():
    """What an input's first batch teaches is what the input read ahead teaches: each participant and each
    definition once, as the input shows them (before, the batch's were added again)."""
    from graphkit.extract.aliases import find_definitions

    path = Path(__file__).parent / "data" / "real" / "reddit" / "communal-thread.json"
    posts = list(_posts(path))
    extractor = Extractor(entities=True, workers=1)
    extractor.read_ahead([_posts(path)])
    known, _ = extractor.learn(posts[:20], Report())
    shown = [(p.platform, p.author.removeprefix("@")) for p in posts if p.author and not p.guest]
    assert [(platform, name) for platform, name, _ in known.participants] == list(dict.fromkeys(shown))
    defined = [d for p in posts for d in find_definitions(p.text)]
    assert defined and known.definitions == defined


def test_a_load_s_summary_remembers_the_nodes_a_later_batch_may_hold_again_not_every_post():
    """Batches of 1,000 comments by the same 50 writers, as a store counts them (a writer of an earlier batch present
    again): the summary counts each writer created once and none present, and holds the writers' ids, not the
    200,000 comments' (1.9 MB of hashes here, some 10 MB at a million, 35 MB while merged)."""
    import tracemalloc

    from graphkit.pipeline import LoadSummary
    from graphkit.store import LoadCounts

    summary, writers = LoadSummary(), [f"author:{k}" for k in range(50)]
    tracemalloc.start()
    try:
        for b in range(200):
            batch = Batch()
            for writer in writers:
                batch.add_node(writer, label=schema.AUTHOR)
            for c in range(1000):
                batch.add_node(f"c{b}_{c}", label=schema.COMMENT)
                batch.add_edge(writers[c % 50], f"c{b}_{c}", f"w{b}_{c}", type=schema.WROTE)
            summary.loaded(batch, LoadCounts(nodes_created=1000 + (50 if b == 0 else 0), nodes_present=b and 50))
        del batch
        held = tracemalloc.get_traced_memory()[0]
    finally:
        tracemalloc.stop()
    assert (summary.counts.nodes_created, summary.counts.nodes_present) == (200_050, 0)
    assert held < 200_000, held
