"""A stub (a thread root or parent an input names and lacks) is written with the first post kept that names it, so
the batch size, the inputs' order and the path (extract or load) never change the graph, and the load summary counts
the stubs the load leaves: each once, none a post of the load fills. Real data: a Hacker News story with its 104
replies as the search API gives it (tests/data/real/hackernews), written out as search hits and split in two."""

from __future__ import annotations

import json
import random
from pathlib import Path

import pytest
from click.testing import CliRunner

from graphkit.cli import main
from graphkit.defaults import DEFAULT_BATCH
from graphkit.extract import Extractor
from graphkit.pipeline import load
from graphkit.records import Post
from graphkit.sources import Report, expand_inputs, read_posts
from graphkit.store import open_store
from tests import builders as build

ITEM = Path(__file__).parent / "data" / "real" / "hackernews" / "communal-algolia-item.json"
SIZES = ("1", "10000")


def _hits() -> list[dict]:
    """The item's story and replies as search hits, in reading order (each reply after the one it answers)."""
    out: list[dict] = []

    def walk(item: dict) -> None:
        hit = {"objectID": str(item["id"]), "author": item["author"], "created_at_i": item["created_at_i"]}
        if item["type"] == "story":
            hit.update(title=item["title"], url=item["url"], story_id=item["id"])
        else:
            hit.update(comment_text=item["text"] or "", parent_id=item["parent_id"], story_id=item["story_id"])
        out.append(hit)
        for child in item["children"]:
            walk(child)

    walk(json.loads(ITEM.read_text(encoding="utf-8")))
    return out


def _run(*args: str) -> str:
    result = CliRunner().invoke(main, [*args, "--no-entities", "--workers", "1"], catch_exceptions=False)
    assert result.exit_code == 0, result.output
    return result.output.rstrip().splitlines()[-1]


def _load(store: Path, paths: list[Path], size: str) -> str:
    """The summary of loading ``paths`` into ``store``: what was read, up to the store's counts."""
    return _run("load", *map(str, paths), "--store", str(store), "--batch-size", size).split(";")[0]


def _posts(store: Path) -> set[tuple[str, str, bool]]:
    """Each stored post's label, id in its input and whether it is a stub."""
    with open_store("ladybug", path=str(store), read_only=True) as db:
        return {
            (label, row[0], row[1])
            for label in ("Article", "Comment")
            for row in db.query(f"MATCH (p:{label}) RETURN p.source_id, p.stub").rows
        }


def _named_lacking(hits: list[dict]) -> set[str]:
    """The posts the hits name (as parent or story) and do not hold: their stubs."""
    held = {hit["objectID"] for hit in hits}
    return {str(hit[key]) for hit in hits for key in ("parent_id", "story_id") if hit.get(key)} - held


def test_two_inputs_filling_each_other_s_stubs_leave_none_in_any_order_and_batch_size(tmp_path):
    """Each order's summary is the same at every batch size (a quote is looked for in what was read before it, so
    the orders' edges may differ), and the posts stored are the same, none a stub."""
    hits = _hits()
    half = len(hits) // 2
    first = build.jsonl(tmp_path / "first.jsonl", hits[:half])
    second = build.jsonl(tmp_path / "second.jsonl", hits[half:])
    assert _named_lacking(hits[half:]) and not _named_lacking(hits)  # the second half alone lacks posts
    authors = len({hit["author"] for hit in hits})
    graphs = []
    for order in ([first, second], [second, first]):
        summaries = set()
        for size in SIZES:
            store = tmp_path / f"{size}-{order[0].stem}.lbug"
            summaries.add(_load(store, order, size))
            graphs.append(_posts(store))
        (summary,) = summaries
        assert summary.startswith(f"Loaded 1 threads, {len(hits)} posts, {authors} authors, ")
    assert all(graph == graphs[0] for graph in graphs)
    assert not any(stub for _, _, stub in graphs[0]) and len(graphs[0]) == len(hits)


@pytest.mark.parametrize("size", SIZES)
def test_an_input_given_twice_counts_its_stubs_once(tmp_path, size):
    hits = _hits()[1:]  # the replies without their story
    replies = build.jsonl(tmp_path / "replies.jsonl", hits)
    copy = build.jsonl(tmp_path / "copy.jsonl", hits)
    lacking = _named_lacking(hits)
    once, twice = _load(tmp_path / "once.lbug", [replies], size), _load(tmp_path / "twice.lbug", [replies, copy], size)
    assert once == twice and f" posts, {len(lacking)} stubs of posts not in input, " in once
    assert _posts(tmp_path / "once.lbug") == _posts(tmp_path / "twice.lbug")
    assert {source_id for _, source_id, stub in _posts(tmp_path / "twice.lbug") if stub} == lacking


def test_stored_posts_naming_a_stub_the_store_lacks_give_one_graph_whatever_the_batch_size(tmp_path):
    """Posts stored whole that now name a parent the store lacks (stored by an earlier graphkit, or read then as
    answering their story): its stub goes with the first of them, read in order, at every batch size."""
    hits = _hits()
    later = hits[:1] + hits[-40:]  # the story and its last replies, some answering replies not in the file
    lacking = _named_lacking(later)
    flat = [{**hit, "parent_id": hit["story_id"]} if "parent_id" in hit else hit for hit in later]
    assert lacking and not _named_lacking(flat)
    summaries, graphs = set(), []
    for size in SIZES:
        store = tmp_path / f"{size}.lbug"
        _load(store, [build.jsonl(tmp_path / "flat.jsonl", flat)], size)
        summaries.add(_load(store, [build.jsonl(tmp_path / "later.jsonl", later)], size))
        graphs.append(_posts(store))
    assert len(summaries) == 1 and f" {len(lacking)} stubs of posts not in input, " in summaries.pop()
    assert graphs[0] == graphs[1]
    assert {source_id for _, source_id, stub in graphs[0] if stub} == lacking


@pytest.mark.parametrize("size", SIZES)
def test_a_repeat_naming_a_parent_no_input_holds_leaves_no_stub_in_extract_or_load(tmp_path, size):
    """A later record repeating a read id, with another text and a parent no input holds, is skipped: extract and
    load write the same posts, no stub of that parent among them."""
    hits = _hits()
    repeat = {**hits[5], "comment_text": "another text", "parent_id": 1}
    first, later = build.jsonl(tmp_path / "first.jsonl", hits), build.jsonl(tmp_path / "later.jsonl", [repeat])
    graph = tmp_path / "g.json"
    _run("extract", str(first), str(later), "-o", str(graph), "--batch-size", size)
    nodes = json.loads(graph.read_text(encoding="utf-8"))["nodes"]
    extracted = {(n["label"], n["source_id"], n["stub"]) for n in nodes if n["label"] in ("Article", "Comment")}
    store = tmp_path / "s.lbug"
    _load(store, [first, later], size)
    assert extracted == _posts(store) and len(extracted) == len(hits)
    assert not any(stub for _, _, stub in extracted)


OUTBOX = Path(__file__).parent / "data" / "real" / "mastodon" / "dealingwith-outbox.json"


def _graph(path: Path, posts: list[Post], size: int) -> tuple[dict, str, set, set]:
    """What loading ``posts`` through the library API in batches of ``size`` into an embedded store at ``path``
    leaves: the store's counts, the summary's line, the nodes (label, id, stub) and the edges. Loading them again
    changes nothing."""
    with open_store("ladybug", path=str(path)) as store:
        summary = load(posts, store, Extractor(entities=False, workers=1), size)
        counts = store.counts()
        load(posts, store, Extractor(entities=False, workers=1), size)
        assert store.counts() == counts
        nodes = {tuple(row) for row in store.query("MATCH (n) RETURN label(n), n.id, n.stub").rows}
        edges = {tuple(row) for row in store.query("MATCH (a)-[r]->(b) RETURN a.id, label(r), b.id").rows}
        return store.counts(), summary.line(), nodes, edges


@pytest.mark.parametrize("size", (1, DEFAULT_BATCH))
def test_a_library_caller_s_posts_in_any_order_load_the_stubs_and_replies_of_reading_order(tmp_path, size):
    """A real Mastodon outbox's posts as the reader gives them (each stub of a post the archive lacks just before
    the reply naming it) and reversed or shuffled, each reply then before the stub of its parent: every order stores
    the stubs and the replies to them, the graph of reading order (whose counts tests/test_real_exports.py checks
    against the file)."""
    posts = list(read_posts(expand_inputs([str(OUTBOX)]), report=Report()))
    stubs = {p.id for p in posts if p.meta.get("stub")}
    shuffled = posts[:]
    random.Random(3).shuffle(shuffled)
    for order in (posts[::-1], shuffled):
        at = {p.id: i for i, p in enumerate(order)}
        assert any(at[p.id] < at[p.parent] for p in order if p.parent in stubs)  # a reply before its parent's stub
    truth = _graph(tmp_path / "read.lbug", posts, DEFAULT_BATCH)
    counts = truth[0]
    assert counts["stub:Article"] + counts["stub:Comment"] == len(stubs) > 0
    assert sum(1 for p in posts if p.parent is not None) == counts["REPLY_TO"]
    assert _graph(tmp_path / "reversed.lbug", posts[::-1], size) == truth
    assert _graph(tmp_path / "shuffled.lbug", shuffled, size) == truth
