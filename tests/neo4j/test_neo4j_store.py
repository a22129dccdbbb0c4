"""The Neo4j store against a real server: idempotent batched loads, the same answers as the
embedded store, convergence after a failed load, exact strings, read-only queries."""

from __future__ import annotations

import dataclasses
import math
from pathlib import Path

import pytest
from neo4j import GraphDatabase

from graphkit import queries, schema
from graphkit.errors import QueryError, StoreError
from graphkit.extract import Extractor
from graphkit.graph import build_graph
from graphkit.pipeline import extract_graph, load
from graphkit.records import Edge, Fragment
from graphkit.sources import expand_inputs, read_posts
from graphkit.store import LAYOUT, LAYOUT_LABEL, open_store
from tests import builders as build

TELEGRAM = Path(__file__).parents[1] / "data" / "real" / "telegram" / "upon_the_path_of_the_salaf.json"


def test_loading_twice_creates_nothing_new(neo4j_store, example_graph):
    seen: list[int] = []
    first = neo4j_store.load(example_graph, seen.append)
    counts = neo4j_store.counts()
    second = neo4j_store.load(example_graph)
    assert neo4j_store.counts() == counts
    nodes, edges = example_graph.number_of_nodes(), example_graph.number_of_edges()
    assert (first.nodes_created, first.rels_created, first.rels_skipped) == (nodes, edges, 0)
    assert (second.nodes_created, second.rels_created) == (0, 0)
    assert (second.nodes_present, second.rels_present) == (nodes, edges)
    assert sum(counts.values()) == nodes + edges == sum(seen)


@pytest.fixture(scope="module")
def embedded(example_graph, tmp_path_factory):
    """The example in the embedded store: library rows, counts and the fetched graph."""
    path = str(tmp_path_factory.mktemp("embedded") / "store.lbug")
    with open_store("ladybug", path=path) as store:
        store.load(example_graph)
        return _answers(store, example_graph), store.counts(), store.fetch_graph()


def _answers(store, graph) -> dict[str, list[list]]:
    """Every library query's rows, with parameters that make each return rows on the example."""
    article = next(n for n, label in graph.nodes(data="label") if label == schema.ARTICLE)
    given = {"mentions-of": {"name": "Lavrov"}, "quotes-of": {"name": "Lavrov"}, "thread-tree": {"article": article}}
    return {q.name: store.query(q.text, q.params(given.get(q.name, {}))).rows for q in queries.library().values()}


def _same(a, b) -> bool:
    """Equal, but floats only to 1e-9 (engines sum averages in different orders)."""
    if isinstance(a, float) and isinstance(b, float):
        return math.isclose(a, b, abs_tol=1e-9)
    if isinstance(a, list) and isinstance(b, list):
        return len(a) == len(b) and all(_same(x, y) for x, y in zip(a, b, strict=True))
    return a == b


# the example thread forwards nothing: most-forwarded is checked on a Telegram export below
ON_THE_EXAMPLE = [name for name in queries.library() if name != "most-forwarded"]


@pytest.fixture(scope="module")
def from_neo4j(example_graph, neo4j_module_options):
    """The example loaded once into Neo4j: the same as ``embedded``, read from there."""
    with open_store("neo4j", **neo4j_module_options) as store:
        store.load(example_graph)
        return _answers(store, example_graph), store.counts(), store.fetch_graph()


@pytest.mark.parametrize("name", ON_THE_EXAMPLE)
def test_library_query_gives_the_embedded_store_rows(from_neo4j, embedded, name):
    expected = embedded[0][name]
    assert expected, "every library query should return rows on the example"
    assert _same(from_neo4j[0][name], expected)


def test_most_forwarded_gives_the_embedded_store_rows(neo4j_store, tmp_path):
    forwards = extract_graph(read_posts(expand_inputs([str(TELEGRAM)])), Extractor(workers=1, entities=False))
    query = queries.get("most-forwarded")
    with open_store("ladybug", path=str(tmp_path / "store.lbug")) as store:
        store.load(forwards)
        expected = store.query(query.text, query.params({})).rows
    neo4j_store.load(forwards)
    assert len(expected) > 5 and _same(neo4j_store.query(query.text, query.params({})).rows, expected)


def test_counts_and_fetched_graph_equal_the_embedded_store(from_neo4j, embedded):
    _, counts, graph = embedded
    _, stored, fetched = from_neo4j
    assert stored == counts
    assert dict(fetched.nodes(data=True)) == dict(graph.nodes(data=True))
    assert sorted(fetched.edges(keys=True, data=True)) == sorted(graph.edges(keys=True, data=True))


def test_failure_between_batches_then_rerun_converges(neo4j_options, example_graph, monkeypatch):
    with open_store("neo4j", **neo4j_options, batch_size=7) as store:
        store.load(example_graph)
        expected = store.counts()
        store.query("MATCH (n) DETACH DELETE n", write=True)

        write, calls = store._write, []

        def failing(statement, rows):
            calls.append(1)
            if len(calls) == 6:
                raise StoreError("injected failure")
            return write(statement, rows)

        monkeypatch.setattr(store, "_write", failing)
        with pytest.raises(StoreError, match="injected"):
            store.load(example_graph)
        partial = store.counts()
        assert 0 < sum(partial.values()) < sum(expected.values())
        counts = store.load(example_graph)
        assert store.counts() == expected
        assert counts.nodes_present + counts.rels_present == sum(partial.values())


@pytest.mark.parametrize(
    "text",
    ["quote \" and ' and `", "new\nline\r\n", "emoji 😀🇷🇺", "nul \x00 byte", "x" * 1_000_000],
    ids=["quotes", "newlines", "emoji", "nul", "1MB"],
)
def test_hostile_and_large_strings_round_trip_exactly(neo4j_store, text):
    art = build.article("one")
    post = build.post(art.id, 1, text, author=text[:100])
    neo4j_store.load(build_graph([art, post], Fragment()))
    assert neo4j_store.query("MATCH (c:Comment) RETURN c.text").rows == [[text]]
    assert neo4j_store.query("MATCH (a:Author {platform: 'test'}) WHERE a.name <> 'editor' RETURN a.name").rows == [
        [text[:100]]
    ]


def test_entities_merge_across_threads_and_gain_aliases(neo4j_store):
    art1, art2 = build.article("one"), build.article("two")
    p1, p2 = build.post(art1.id, 1, "Lavrov"), build.post(art2.id, 1, "Sergei Lavrov")
    lavrov = build.entity("Sergey Lavrov", "Lavrov")
    first = neo4j_store.load(build_graph([art1, p1], Fragment([lavrov], [build.mention(p1, lavrov.id)])))
    more = build.entity("Sergey Lavrov", "Sergei Lavrov")
    second = neo4j_store.load(build_graph([art2, p2], Fragment([more], [build.mention(p2, more.id)])))
    rows = neo4j_store.query("MATCH (p:Person) RETURN p.name, p.aliases").rows
    assert rows == [["Sergey Lavrov", ["Lavrov", "Sergei Lavrov", "Sergey Lavrov"]]]
    assert neo4j_store.counts()["MENTIONS"] == 2
    assert first.nodes_created == 4 and second.nodes_created == 2 and second.nodes_present == 2  # alice, person


def test_an_entity_that_gains_a_form_gains_the_reason_it_joined(neo4j_store):
    art1, art2 = build.article("one"), build.article("two")
    p1, p2 = build.post(art1.id, 1, "Sergey Lavrov"), build.post(art2.id, 1, "Sergei Lavrov")
    first = build.entity("Sergey Lavrov", evidence="Person 2.5: model PERSON (+1)")
    joined = "sergei-lavrov ~ sergey-lavrov: first name spelt alike"
    later = build.entity("Sergey Lavrov", "Sergei Lavrov", evidence=f"Person 5: model PERSON (+1) ×2; {joined}")
    neo4j_store.load(build_graph([art1, p1], Fragment([first], [build.mention(p1, first.id)])))
    neo4j_store.load(build_graph([art2, p2], Fragment([later], [build.mention(p2, later.id)])))
    neo4j_store.load(build_graph([art2, p2], Fragment([later], [build.mention(p2, later.id)])))
    rows = neo4j_store.query("MATCH (p:Person) RETURN p.aliases, p.evidence").rows
    assert rows == [[["Sergei Lavrov", "Sergey Lavrov"], f"Person 2.5: model PERSON (+1); {joined}"]]


def test_a_real_root_fills_in_its_stub_and_a_stub_never_blanks_a_root(neo4j_store):
    stub, real = (
        build.article("thread", stub=True),
        build.article("thread", text="The article.", title="Title", author="editor", date="2016-03-27"),
    )
    reply = build.post(stub.id, 1, "first!")
    neo4j_store.load(build_graph([stub, reply], Fragment()))
    neo4j_store.load(build_graph([real], Fragment()))
    neo4j_store.load(build_graph([stub], Fragment()))
    rows = neo4j_store.query("MATCH (a:Article) RETURN a.title, a.text, a.date, a.stub").rows
    assert rows == [["Title", "The article.", "2016-03-27", False]]
    wrote = "MATCH (:Author {name: 'editor'})-[:WROTE]->(a:Article) RETURN count(a)"
    assert neo4j_store.query(wrote).rows == [[1]]


def test_edges_to_nodes_neither_loaded_nor_stored_are_skipped_and_counted(neo4j_store):
    art = build.article("one")
    post = build.post(art.id, 1, "hi")
    ghost = schema.post_id("test", art.id, "never-read")
    edge = Edge(schema.REPLY_TO, post.id, ghost, {"id": "reply_to:x", "inferred": False, "confidence": 1.0})
    counts = neo4j_store.load(build_graph([art, post], Fragment([], [edge])))
    assert counts.rels_skipped == 1 and neo4j_store.counts()["REPLY_TO"] == 0


def test_reads_cannot_write_and_say_how_to(neo4j_store):
    with pytest.raises(QueryError, match="pass --write"):
        neo4j_store.query("CREATE (:Article {id: 'x'})")
    assert neo4j_store.query("MATCH (n) RETURN count(n)").rows == [[0]]
    neo4j_store.query("CREATE (:Article {id: 'x'})", write=True)
    assert neo4j_store.counts()["Article"] == 1


def test_a_bad_query_is_a_one_line_query_error(neo4j_store):
    with pytest.raises(QueryError) as info:
        neo4j_store.query("MATCH (n RETURN n")
    assert "\n" not in str(info.value)


def test_a_database_of_another_layout_ends_in_one_line_and_is_left_as_it_was(neo4j_options):
    """A database marked with a layout this graphkit does not read (a later one's) is refused on opening, and
    nothing is written to it; one without the mark (before graphkit kept one) is marked by its next load."""
    root = build.article("one")
    with open_store("neo4j", **neo4j_options) as store:
        store.load(build_graph([root, build.post(root.id, 1, "hi")], Fragment()))
        mark = f"MATCH (l:{LAYOUT_LABEL}) RETURN l.id, l.layout"
        assert store.query(mark).rows == [["store", LAYOUT]]
        store.query(f"MATCH (l:{LAYOUT_LABEL}) SET l.layout = {LAYOUT + 1}", write=True)
    said = f"this store was written by graphkit layout {LAYOUT + 1}; this graphkit reads layout {LAYOUT}"
    with pytest.raises(StoreError, match=said):
        open_store("neo4j", **neo4j_options)
    auth = (neo4j_options["user"], neo4j_options["password"]) if neo4j_options["password"] else None
    with GraphDatabase.driver(neo4j_options["uri"], auth=auth) as raw:
        records, _, _ = raw.execute_query(mark, database_=neo4j_options["database"])
        assert [list(r.values()) for r in records] == [["store", LAYOUT + 1]]
        raw.execute_query(f"MATCH (l:{LAYOUT_LABEL}) DELETE l", database_=neo4j_options["database"])
    with open_store("neo4j", **neo4j_options) as store:
        assert store.counts()["Comment"] == 1 and store.query(mark).rows == []
        store.load(build_graph([root, build.post(root.id, 2, "again")], Fragment()))
        assert store.counts()["Comment"] == 2 and store.query(mark).rows == [["store", LAYOUT]]


def _raw(options: dict, statement: str) -> list[list]:
    """A statement run past graphkit (as an earlier graphkit, or a user, left the database), its rows."""
    auth = (options["user"], options["password"]) if options["password"] else None
    with GraphDatabase.driver(options["uri"], auth=auth) as raw:
        records, _, _ = raw.execute_query(statement, database_=options["database"])
    return [list(r.values()) for r in records]


def _two_marks(options: dict, layouts: tuple[int, int]) -> None:
    """The database as two first loads at once left it before the mark had its constraint: two marks."""
    _raw(options, f"DROP CONSTRAINT {LAYOUT_LABEL.lower()}_id IF EXISTS")
    for layout in layouts:
        _raw(options, f"CREATE (:{LAYOUT_LABEL} {{id: 'store', layout: {layout}}})")


def test_two_marks_of_this_layout_become_one_and_the_constraint_is_made(neo4j_options):
    _two_marks(neo4j_options, (LAYOUT, LAYOUT))
    root = build.article("one")
    with open_store("neo4j", **neo4j_options) as store:
        store.load(build_graph([root, build.post(root.id, 1, "hi")], Fragment()))
        assert store.counts()["Comment"] == 1
    assert _raw(neo4j_options, f"MATCH (l:{LAYOUT_LABEL}) RETURN l.id, l.layout") == [["store", LAYOUT]]
    constraints = _raw(neo4j_options, "SHOW CONSTRAINTS YIELD labelsOrTypes RETURN labelsOrTypes")
    assert [[LAYOUT_LABEL]] in constraints


def test_marks_of_two_layouts_end_in_one_line_and_nothing_is_written(neo4j_options):
    _two_marks(neo4j_options, (LAYOUT, LAYOUT + 1))
    said = f"holds layout marks of graphkit layouts {LAYOUT}, {LAYOUT + 1} .*: load the inputs again into a new"
    with pytest.raises(StoreError, match=said) as info:
        open_store("neo4j", **neo4j_options)
    assert "\n" not in str(info.value)
    marks = _raw(neo4j_options, f"MATCH (l:{LAYOUT_LABEL}) RETURN l.layout ORDER BY l.layout")
    assert marks == [[LAYOUT], [LAYOUT + 1]] and _raw(neo4j_options, "MATCH (n) RETURN count(n)") == [[2]]
    constraints = _raw(neo4j_options, "SHOW CONSTRAINTS YIELD labelsOrTypes RETURN labelsOrTypes")
    assert [[LAYOUT_LABEL]] not in constraints


@pytest.mark.parametrize("marked", [True, False])
@pytest.mark.parametrize(
    "platform, key, changed",
    [
        ("hackernews", "8863", True),
        ("mastodon", "https://mastodon.social/users/a/statuses/1", True),
        ("bluesky", "at://did:plc:a/app.bsky.feed.post/1", True),
        ("mastodon", "api:1", False),
        ("reddit", "t1_a", False),
    ],
)
def test_a_layout_1_database_is_read_unless_it_holds_comments_layout_2_gives_other_ids(
    neo4j_options, platform, key, changed, marked
):
    """A database of layout 1 (marked so, or without the mark, as graphkit wrote them before it kept one) holding a
    comment layout 2 gives another id (a Hacker News one, a Mastodon or Bluesky one known by its address) is refused
    in one line and left as it was; one holding none is read as it is, left so by reading, and marked 2 by its next
    load."""
    root = build.article("one")
    comment = dataclasses.replace(build.post(root.id, 1, "hi"), platform=platform, source_id=key)
    with open_store("neo4j", **neo4j_options) as store:
        store.load(build_graph([root, comment], Fragment()))
    _raw(neo4j_options, f"MATCH (l:{LAYOUT_LABEL}) " + ("SET l.layout = 1" if marked else "DELETE l"))
    mark = f"MATCH (l:{LAYOUT_LABEL}) RETURN l.layout"
    left = [[1]] if marked else []
    if changed:
        said = f"this store was written by graphkit layout 1; this graphkit reads layout {LAYOUT}"
        for read_only in (True, False):
            with pytest.raises(StoreError, match=said) as info:
                open_store("neo4j", **neo4j_options, read_only=read_only)
            assert "\n" not in str(info.value)
        assert _raw(neo4j_options, mark) == left
        return
    with open_store("neo4j", **neo4j_options, read_only=True) as store:
        assert store.counts()["Comment"] == 1
    assert _raw(neo4j_options, mark) == left
    with open_store("neo4j", **neo4j_options) as store:
        store.load(build_graph([root, build.post(root.id, 2, "again")], Fragment()))
        assert store.counts()["Comment"] == 2
    assert _raw(neo4j_options, mark) == [[LAYOUT]]


REAL = Path(__file__).parents[1] / "data" / "real"
HANDLED = [REAL / "discourse", TELEGRAM, REAL / "mastodon" / "mastodonpy-home-timeline.json"]


def test_participants_are_found_by_user_name_as_in_the_embedded_store(neo4j_store, tmp_path):
    """Real Discourse topics, a Telegram channel and Mastodon statuses: the query library and the views find a
    participant by the user name the platform writes (carlton shown as Carlton D'Silva, a channel's "@mention",
    mastodonpy_test shown as John Lennon), with or without "@", in any case, as the embedded store does."""
    from graphkit.views.scope import match_authors

    graph = extract_graph(read_posts(expand_inputs(list(map(str, HANDLED)))), Extractor(workers=1, entities=False))
    names = ["carlton", "@Carlton", "Carlton D'Silva", "uponthepathofsalaf", "@UPONTHEPATHOFSALAF", "mastodonpy_test"]
    lookups = {q: queries.get(q) for q in ("mentions-of", "quotes-of")}

    def answers(store) -> dict:
        rows = {
            (q, n): store.query(query.text, query.params({"name": n})).rows
            for q, query in lookups.items()
            for n in names
        }
        return rows | {("view", n): match_authors(store, n) for n in names if n != "uponthepathofsalaf"}

    with open_store("ladybug", path=str(tmp_path / "store.lbug")) as store:
        store.load(graph)
        expected = answers(store)
    neo4j_store.load(graph)
    assert all(expected[("mentions-of", n)] for n in names) and expected[("quotes-of", "carlton")]
    assert _same(answers(neo4j_store), expected)


def test_an_author_stored_before_handles_takes_the_one_a_later_load_gives(neo4j_store):
    """Authors a graphkit before handles stored (the property removed here) take the handle of a later load's posts;
    the other Authors and every other property stay as stored."""
    first, second = (REAL / "discourse" / f"topic_{n}.json" for n in (165396, 168916))
    graphs = [
        extract_graph(read_posts(expand_inputs([str(f)])), Extractor(workers=1, entities=False))
        for f in (first, second)
    ]
    neo4j_store.load(graphs[0])
    neo4j_store.query(f"MATCH (a:{schema.AUTHOR}) REMOVE a.handle", write=True)
    before = neo4j_store.fetch_graph()
    neo4j_store.load(graphs[1])
    after = neo4j_store.fetch_graph()
    writers = {n: a["handle"] for n, a in graphs[1].nodes(data=True) if a.get("label") == schema.AUTHOR}
    authors = [n for n, label in before.nodes(data="label") if label == schema.AUTHOR]
    assert {n: after.nodes[n]["handle"] for n in authors} == {n: writers.get(n) for n in authors}
    assert "carlton" in {after.nodes[n]["handle"] for n in authors}
    but_handle = lambda attrs: {k: v for k, v in attrs.items() if k != "handle"}  # noqa: E731
    assert all(but_handle(after.nodes[node]) == but_handle(attrs) for node, attrs in before.nodes(data=True))


def test_loading_the_same_input_again_fills_in_the_handles_authors_stored_before_handles_lack(neo4j_store):
    """The posts stored before Authors had a handle are skipped when the same input is loaded again, but their
    Authors take the handles they give, as one load of it gives them (a real Discourse topic): no count changes,
    an Author stored with a handle keeps it."""
    topic = [str(REAL / "discourse" / "topic_165396.json")]
    load(read_posts(expand_inputs(topic)), neo4j_store, Extractor(workers=1, entities=False))
    counts = neo4j_store.counts()
    given = {
        n: a["handle"]
        for n, a in extract_graph(read_posts(expand_inputs(topic)), Extractor(workers=1, entities=False)).nodes(
            data=True
        )
        if a.get("label") == schema.AUTHOR
    }
    kept = next(n for n, h in given.items() if h)
    neo4j_store.query(f"MATCH (a:{schema.AUTHOR}) REMOVE a.handle", write=True)
    neo4j_store.query(f"MATCH (a:{schema.AUTHOR} {{id: $id}}) SET a.handle = 'kept'", {"id": kept}, write=True)
    load(read_posts(expand_inputs(topic)), neo4j_store, Extractor(workers=1, entities=False))
    assert neo4j_store.counts() == counts
    handles = {n: a["handle"] for n, a in neo4j_store.fetch_graph().nodes(data=True) if a["label"] == schema.AUTHOR}
    assert handles == given | {kept: "kept"} and sum(bool(h) for h in given.values()) >= 10


def test_merging_authors_stored_with_their_handles_writes_nothing(neo4j_store, neo4j_options):
    """A batch's Authors stored already, each with the handle it gives (a real Discourse topic loaded twice): their
    MERGE sets no property, where before each matched Author's handle was written again at every batch."""
    from graphkit.store.cypher import merge_nodes

    graph = extract_graph(
        read_posts(expand_inputs([str(REAL / "discourse" / "topic_165396.json")])), Extractor(workers=1, entities=False)
    )
    neo4j_store.load(graph)
    names = schema.node_type(schema.AUTHOR).names
    rows = [
        {name: attrs.get(name) for name in names} | {"id": node}
        for node, attrs in graph.nodes(data=True)
        if attrs.get("label") == schema.AUTHOR
    ]
    assert sum(bool(r["handle"]) for r in rows) >= 10
    auth = (neo4j_options["user"], neo4j_options["password"]) if neo4j_options["password"] else None
    with GraphDatabase.driver(neo4j_options["uri"], auth=auth) as raw:
        summary = raw.execute_query(
            merge_nodes(schema.AUTHOR), {"rows": rows}, database_=neo4j_options["database"]
        ).summary
    assert summary.counters.properties_set == 0


@pytest.mark.parametrize(
    "data",
    [
        REAL / "hackernews" / "communal-algolia-item.json",
        REAL / "mastodon" / "dealingwith-outbox.json",
        REAL / "bluesky" / "heatmap-thread.json",
    ],
)
def test_a_load_after_a_query_emptied_the_database_marks_it_again(neo4j_options, data):
    """A caller's query that empties the database takes the layout mark with it: comments layout 2 keys, loaded after
    it on the same connection, would leave a database its next opening takes for layout 1 holding them. The load
    writes the mark again, and the database opens and reads as loaded."""
    extractor = Extractor(workers=1, entities=False)
    with open_store("neo4j", **neo4j_options) as store:
        load(read_posts(expand_inputs([str(data)])), store, extractor)
        store.query("MATCH (n) DETACH DELETE n", write=True)
        load(read_posts(expand_inputs([str(data)])), store, extractor)
        counts = store.counts()
    assert counts["Comment"] > 0
    with open_store("neo4j", **neo4j_options, read_only=True) as store:
        assert store.counts() == counts
    assert _raw(neo4j_options, f"MATCH (l:{LAYOUT_LABEL}) RETURN l.id, l.layout") == [["store", LAYOUT]]


def test_an_export_fills_in_the_addresses_the_apis_masked_rows_left_empty_as_in_the_embedded_store(
    neo4j_options, tmp_path
):
    """The Disqus API's rows of a forum (written from its real export), their addresses masked, then the export
    giving them whole (``test_tabular``'s test of the embedded store): each account has the address the embedded store
    gives it, an address filled in where the rows gave none, never one replaced."""
    from tests.sources.test_tabular import _export_with_addresses, _masked_api_rows

    export = _export_with_addresses(tmp_path)
    _, api = _masked_api_rows(export)
    accounts = "MATCH (a:Author) WHERE a.guest = false RETURN a.id, a.email ORDER BY a.id"
    with open_store("ladybug", path=str(tmp_path / "s.lbug")) as store:
        for path in (api, export):
            load(read_posts(expand_inputs([str(path)])), store, Extractor(workers=1, entities=False))
        expected = store.query(accounts).rows
    with open_store("neo4j", **neo4j_options) as store:
        for path in (api, export):
            load(read_posts(expand_inputs([str(path)])), store, Extractor(workers=1, entities=False))
        assert store.query(accounts).rows == expected
    assert sum(email is not None for _, email in expected) > len(expected) // 2
