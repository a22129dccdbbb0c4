"""Posts extracted again by the same extractor (the library's ``Extractor.extract`` called twice, a graph built twice in
one process) find what their first extraction found: a thread whose posts come back is read again from its start, not
continued with its own later comments, which made comments answer themselves and replies run in cycles."""

from __future__ import annotations

import dataclasses
import tracemalloc

import networkx as nx

from graphkit.extract import Extractor
from graphkit.pipeline import extract_graph
from graphkit.records import Post
from graphkit.sources import expand_inputs, read_posts
from tests.conftest import EXAMPLE


def _posts() -> list[Post]:
    return list(read_posts(expand_inputs([str(EXAMPLE)])))


def _edges(edges) -> list[tuple[str, str, str, dict]]:
    return [(e.type, e.source, e.target, e.props) for e in edges]


def _replies(graph: nx.MultiDiGraph) -> nx.DiGraph:
    return nx.DiGraph([(u, v) for u, v, d in graph.edges(data=True) if d["type"] == "REPLY_TO"])


def test_the_same_posts_extracted_twice_find_what_they_found_once():
    posts = _posts()
    extractor = Extractor(entities=False)
    once = extractor.extract(posts)
    twice = extractor.extract(posts)
    assert _edges(twice.edges) == _edges(once.edges)
    assert _edges(once.edges) == _edges(Extractor(entities=False).extract(posts).edges)
    assert not [e for e in twice.edges if e.source == e.target]  # a comment answering or quoting itself


def _graph_data(graph: nx.MultiDiGraph) -> tuple[dict, list]:
    return dict(graph.nodes(data=True)), sorted(
        (u, v, k, sorted(d.items())) for u, v, k, d in graph.edges(keys=True, data=True)
    )


def test_a_graph_built_twice_by_one_extractor_equals_one_built_once():
    """In batches of five posts (the thread's context goes on from batch to batch, and is read anew only where a post
    it holds comes back), with the model: the second graph has every entity's node, not only the edges to it."""
    extractor = Extractor(workers=1)
    first = extract_graph(iter(_posts()), extractor, batch_size=5)
    second = extract_graph(iter(_posts()), extractor, batch_size=5)
    assert _graph_data(second) == _graph_data(first)
    assert nx.is_directed_acyclic_graph(_replies(second))
    assert any(d.get("label") == "Person" for _, d in second.nodes(data=True))


def test_a_thread_continued_in_a_later_call_goes_on_from_its_earlier_posts():
    """Posts extracted call by call are read as one stream still (the later call's replies are not those of the thread
    read from there alone); only a post seen before starts its thread anew, and the calls again find what they found."""
    posts = _posts()
    extractor = Extractor(entities=False)
    first = [extractor.extract(posts[:9]), extractor.extract(posts[9:])]
    assert _edges(first[1].edges) != _edges(Extractor(entities=False).extract(posts[9:]).edges)
    again = [extractor.extract(posts[:9]), extractor.extract(posts[9:])]
    assert [_edges(f.edges) for f in again] == [_edges(f.edges) for f in first]


def _one_thread(count: int) -> list[Post]:
    """An article and ``count`` comments, each answering the one before (as a long live thread's dump states)."""
    posts = [Post("t", "t", True, "The article.", "web", "x")]
    for i in range(count):
        parent = f"c{i - 1}" if i else "t"
        posts.append(
            Post(f"c{i}", "t", False, f"Comment {i} says more.", "web", "x", author=f"u{i % 50}", parent=parent)
        )
    return posts


def test_the_posts_a_thread_holds_are_kept_in_a_few_bytes_each():
    """Which posts a thread's context holds is checked for every post extracted: kept as a set of hashes, a thread of a
    million posts held 66 MiB (about 70 bytes a post); a sorted array of hashes and a short run of recent ones now."""
    posts = _one_thread(20_000)
    extractor = Extractor(entities=False)
    tracemalloc.start()
    try:
        for i in range(0, len(posts), 256):
            extractor.extract(posts[i : i + 256])
        held = tracemalloc.get_traced_memory()[0]
        extractor._placed.clear()
        held -= tracemalloc.get_traced_memory()[0]
    finally:
        tracemalloc.stop()
    assert held < 16 * len(posts)


def test_release_forgets_the_posts_extracted_and_a_later_call_finds_what_the_first_found():
    """``release`` frees which posts were extracted (10 MB at a million posts, 8 more for the threads met last), so a
    load that writes a new store in one go does not hold them as the store is written; the threads' contexts go with
    them, and a later call extracting the same posts again finds what the first found, every entity's node included."""
    extractor = Extractor(workers=1)
    first = extract_graph(iter(_posts()), extractor, batch_size=5)
    extractor.release()
    assert extractor._extracted is None
    second = extract_graph(iter(_posts()), extractor, batch_size=5)
    assert _graph_data(second) == _graph_data(first)
    assert nx.is_directed_acyclic_graph(_replies(second))


def test_a_call_after_release_continues_its_threads_as_without_release():
    """``release`` keeps the threads' contexts: a later call continues each thread as a call without ``release``
    between would; before, it read them as a fresh extractor does (6 of 14 reply edges changed on a second load)."""
    posts = _posts()
    kept, released, fresh = Extractor(entities=False), Extractor(entities=False), Extractor(entities=False)
    kept.extract(posts[:9])
    released.extract(posts[:9])
    released.release()
    continued = _edges(released.extract(posts[9:]).edges)
    assert continued == _edges(kept.extract(posts[9:]).edges)
    assert continued != _edges(fresh.extract(posts[9:]).edges)


FORUM = EXAMPLE.parent / "entities" / "fourforums-obama-gun-rights-60.jsonl"


def test_a_post_repeated_in_a_stream_starts_its_thread_anew_wherever_the_batches_end():
    """A forum thread whose posts state what they answer reads alike in batches of any size; a post repeated in it (a
    library caller's stream holding one comment twice) started the thread anew only when a later batch held it, so
    batches of 10 and 100 gave other quotes of posts. It now starts the thread anew where it stands: the same graph
    from batches of 1, 10 and 100, and no post answering or quoting itself."""
    posts = list(read_posts(expand_inputs([str(FORUM)])))
    posts = posts[:15] + [posts[5]] + posts[15:]
    graphs = []
    for size in (1, 10, 100):
        batches = [posts[i : i + size] for i in range(0, len(posts), size)]
        graphs.append([_edges(f.edges) for _, f in Extractor(entities=False).extract_stream(batches)])
    edges = [edge for fragment in graphs[0] for edge in fragment]
    assert [sum(g, []) for g in graphs[1:]] == [edges, edges]
    assert not [e for e in edges if e[1] == e[2]]


def test_a_stub_root_in_a_later_call_continues_its_thread():
    """An input holding only a thread's later comments gives them a stub root with the root's id: it stands for the
    root, not for the root coming back, so a later call holding it goes on from the thread's earlier posts (its
    comments answer them) instead of reading the thread anew from the stub."""
    posts = _posts()
    root = posts[0]
    stub = Post(root.id, root.thread, True, "", root.platform, "later", meta={"stub": True})
    later = [stub, *(dataclasses.replace(p, source="later") for p in posts[9:])]

    def replies(extractor: Extractor) -> list[tuple[str, str]]:
        return [(e.source, e.target) for e in extractor.extract(later).edges if e.type == "REPLY_TO"]

    continued = Extractor(entities=False)
    continued.extract(posts[:9])
    found = replies(continued)
    assert {target for _, target in found} & {p.id for p in posts[1:9]}
    assert found != replies(Extractor(entities=False))
