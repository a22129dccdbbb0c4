"""Shared by the incremental-load tests of both stores: the inputs (a page of the example thread and
its later page, another thread, a synthetic Reddit dump cut between threads), loading them, and the
stored graph with every property."""

from __future__ import annotations

import json
import shutil
from pathlib import Path
from typing import Any

from bench.synthetic import split_by_threads, write_reddit_dump
from graphkit.extract import Extractor
from graphkit.pipeline import LoadSummary, load
from graphkit.sources import Report, expand_inputs, read_posts
from graphkit.store import Store

DATA = Path(__file__).parent / "data"
EXAMPLE = DATA / "palmyra-lavrov-thread.txt"
OTHER = DATA / "everton-takeover-thread.txt"
LATER_PAGE_LINE = 89  # the example's comments from this line on make its second page


def later_page(folder: Path) -> tuple[Path, Path]:
    """The example thread as two pages of one article: the second repeats its date and title."""
    lines = EXAMPLE.read_text(encoding="utf-8").splitlines(keepends=True)
    first, second = folder / "page-1.txt", folder / "page-2.txt"
    first.write_text("".join(lines[: LATER_PAGE_LINE - 1]), encoding="utf-8")
    second.write_text("".join(lines[:4] + lines[LATER_PAGE_LINE - 1 :]), encoding="utf-8")
    return first, second


def signed_later_page(folder: Path) -> tuple[Path, Path]:
    """The two pages of ``later_page``, each naming one of the thread's writers as the article's under its title:
    the second page's replies weigh that writer's answers as the first page's did."""
    pages = later_page(folder)
    for page in pages:
        lines = page.read_text(encoding="utf-8").splitlines(keepends=True)
        page.write_text("".join(lines[:4] + ["Posted by Brad Isherwood\n", "\n"] + lines[4:]), encoding="utf-8")
    return pages


def reddit_halves(folder: Path, comments: int = 300) -> tuple[Path, Path]:
    """A synthetic Reddit dump cut in two files between threads: every thread lies in one of them."""
    dump, first, second = folder / "dump.ndjson", folder / "a.ndjson", folder / "b.ndjson"
    write_reddit_dump(dump, comments, seed=5)
    split_by_threads(dump, first, second)
    return first, second


def reddit_later_comments(folder: Path, comments: int = 300) -> tuple[Path, Path]:
    """A synthetic Reddit dump cut in two files by time: the second holds the later comments of
    threads the first began (their parents in the first file are "not in input", in one load or two)."""
    dump, first, second = folder / "dump.ndjson", folder / "early.ndjson", folder / "late.ndjson"
    write_reddit_dump(dump, comments, seed=5)
    lines = dump.read_text(encoding="utf-8").splitlines(keepends=True)
    first.write_text("".join(lines[: len(lines) * 4 // 5]), encoding="utf-8")
    second.write_text("".join(lines[len(lines) * 4 // 5 :]), encoding="utf-8")
    return first, second


def discourse_opening_then_replies(folder: Path) -> tuple[Path, Path]:
    """OpenAI's forum's topic whose opening post's writer repeats its words in a reply (tests/data/real/discourse),
    as two pages: the opening post, then the replies, which know that writer from the store."""
    page = json.loads((DATA / "real" / "discourse" / "openai_topic_548175.json").read_text("utf-8"))
    posts = page["post_stream"]["posts"]
    first, second = folder / "opening.json", folder / "replies.json"
    for path, part in ((first, posts[:1]), (second, posts[1:])):
        path.write_text(json.dumps(page | {"post_stream": {"posts": part}}), "utf-8")
    return first, second


def load_inputs(store: Store, inputs: list[Path], batch_size: int = 10_000, entities: bool = True) -> LoadSummary:
    """Load as ``graphkit load`` does, with a new extractor (a new run)."""
    report = Report()
    posts = read_posts(expand_inputs([str(p) for p in inputs]), report=report)
    return load(posts, store, Extractor(entities=entities, workers=1), batch_size, report=report)


def reversed_thread(folder: Path) -> Path:
    """The Hacker News thread of ``communal-algolia-item.json`` (a search API item, its replies nested) as the
    official API's items, a JSON line each, in reverse reading order: every reply before the post it answers, as an
    export listing the newest first has it."""
    items, stack = (
        [],
        [json.loads((DATA / "real" / "hackernews" / "communal-algolia-item.json").read_text(encoding="utf-8"))],
    )
    while stack:
        item = stack.pop()
        items.append(item)
        stack.extend(reversed(item.get("children") or []))
    path = folder / "reversed.jsonl"
    with path.open("w", encoding="utf-8") as out:
        for item in reversed(items):
            flat = {"id": item["id"], "type": item["type"], "by": item["author"], "time": item["created_at_i"]}
            flat |= {"text": item.get("text") or "", "parent": item.get("parent_id"), "title": item.get("title")}
            out.write(json.dumps({k: v for k, v in flat.items() if v is not None}) + "\n")
    return path


def both_ends_missing(folder: Path) -> tuple[Path, str, str, dict[str, Any]]:
    """A real Discourse page (in a folder of its own), the tables ``extract --cluster`` writes of it without the two
    comments one of its stated replies joins, tables holding the reply's start alone, and that reply (its table's
    row): loaded, the reply misses both its ends, then its end only."""
    import pyarrow as pa
    import pyarrow.compute as pc
    import pyarrow.parquet as pq

    from graphkit import schema
    from tests.remodel import tables  # which imports this module

    page = folder / "topic" / "page1.json"
    page.parent.mkdir()
    page.write_bytes((DATA / "real" / "discourse" / "topic_163247_page1.json").read_bytes())
    full = tables(folder / "full", [page])
    replies = pq.read_table(f"{full}/{schema.REPLY_TO}.parquet").to_pylist()
    comment = schema.COMMENT.lower() + ":"
    reply = next(
        r for r in replies if not r["inferred"] and r["from"].startswith(comment) and r["to"].startswith(comment)
    )
    lacking, start = folder / "lacking", folder / "start"
    shutil.copytree(full, lacking)
    start.mkdir()
    comments = pq.read_table(f"{full}/{schema.COMMENT}.parquet")
    ids = comments.column("id")
    pq.write_table(
        comments.filter(pc.invert(pc.is_in(ids, pa.array([reply["from"], reply["to"]])))),
        lacking / f"{schema.COMMENT}.parquet",
    )
    pq.write_table(comments.filter(pc.equal(ids, reply["from"])), start / f"{schema.COMMENT}.parquet")
    return page, str(lacking), str(start), reply


def answered(path: Path) -> int:
    """Items of ``path`` whose parent is an item of it."""
    items = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]
    ids = {item["id"] for item in items}
    return sum(1 for item in items if item.get("parent") in ids)


def stored(store: Store) -> tuple[dict[str, int], dict[str, dict[str, Any]], dict[tuple, dict[str, Any]]]:
    """Counts, nodes with their properties and relationships with theirs: the counts catch a
    relationship stored twice, which the keyed maps would not."""
    graph = store.fetch_graph()
    nodes = {n: dict(attrs) for n, attrs in graph.nodes(data=True)}
    edges = {(a, b, k): dict(attrs) for a, b, k, attrs in graph.edges(keys=True, data=True)}
    return store.counts(), nodes, edges


def differences(one: tuple, other: tuple) -> list[str]:
    """What differs between two ``stored`` results, readably (empty when equal)."""
    out = [f"count {k}: {one[0].get(k)} != {other[0].get(k)}" for k in one[0] if one[0][k] != other[0].get(k)]
    for i, what in ((1, "node"), (2, "edge")):
        for key in sorted(set(one[i]) | set(other[i]), key=str):
            if one[i].get(key) != other[i].get(key):
                out.append(f"{what} {key}: {one[i].get(key)} != {other[i].get(key)}")
    return out


# Each case: a corpus and one more input, as two paths written into a folder.
CASES = {
    "later-page": later_page,
    "signed-later-page": signed_later_page,
    "reddit": reddit_halves,
    "reddit-later": reddit_later_comments,
    "discourse-opening": discourse_opening_then_replies,
}
