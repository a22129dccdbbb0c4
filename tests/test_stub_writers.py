"""A stub signed by the writer its input names, then filled by its real post signed by another Author id: the post
is written by its own writer only, in one batch, across batches, in a cluster's combined tables and in the
embedded store, whatever comes first (tests/neo4j has Neo4j's)."""

from __future__ import annotations

import json
import os
from collections import Counter
from pathlib import Path
from urllib.parse import urlsplit

import pytest

from graphkit import schema
from graphkit.extract import Extractor
from graphkit.graph import author_of, build_graph
from graphkit.pipeline import extract_graph, load
from graphkit.records import Fragment
from graphkit.sources import Report, expand_inputs, read_posts
from graphkit.store import open_store
from graphkit.store.parquet import PARTS, combine_table, read_tables, tables_of_parts, write_part
from graphkit.store.rows import Batch, rel_rows
from tests.cli_runs import run, store_rows
from tests.incremental import differences, stored
from tests.stubs import filled_parents, own_writers, page_posts, stored_writers

THREAD = Path(__file__).parent / "data" / "real" / "bluesky" / "hellthread-parents.json"


def _author(did: str) -> str:
    return schema.author_id("bluesky", did)


def _writers(graph, ids: list[str]) -> dict[str, list[str]]:
    """The Authors of the WROTE edges into each of ``ids`` in a graph (networkx's or a ``Batch``)."""
    out: dict[str, list[str]] = {i: [] for i in ids}
    for group in rel_rows(graph):
        for row in group.rows:
            if group.type == schema.WROTE and row["to"] in out:
                out[row["to"]].append(row["from"])
    return {i: sorted(writers) for i, writers in out.items()}


def test_the_case_has_stubs_signed_by_another_id_than_their_posts():
    posts = page_posts()
    parents = filled_parents(posts)
    stubs = {p.id: p for p in posts if p.meta.get("stub")}
    assert len(parents) >= 2
    assert all(stubs[p.id].author_key and stubs[p.id].author_key != p.author_key for p in parents)


@pytest.mark.parametrize("into", [None, Batch], ids=["networkx", "batch"])
def test_a_post_filling_its_stub_in_one_batch_has_its_own_writer_only(into):
    posts = page_posts()
    parents = filled_parents(posts)
    ids = [p.id for p in parents]
    for order in (posts + parents, parents + posts):
        graph = build_graph(order, Fragment(), into=into() if into else None)
        assert _writers(graph, ids) == own_writers(parents)


def test_a_post_filling_its_stub_in_a_later_batch_has_its_own_writer_only():
    posts = page_posts()
    parents = filled_parents(posts)
    ids = [p.id for p in parents]
    wrote = {}
    for size in (1, 7, 100_000):
        for first in (True, False):
            order = posts + parents if first else parents + posts
            graph = extract_graph(order, Extractor(entities=False, workers=1), batch_size=size)
            assert _writers(graph, ids) == own_writers(parents), (size, first)
            wrote[size, first] = sorted((a, b) for a, b, t in graph.edges(data="type") if t == schema.WROTE)
    for (_, first), edges in wrote.items():
        assert edges == wrote[100_000, first]


def test_combined_tables_credit_a_post_filling_a_stub_of_another_part_its_own_writer_only(tmp_path):
    posts = page_posts()
    parents = filled_parents(posts)
    ids = [p.id for p in parents]
    for n, parts in enumerate(([posts, parents], [parents, posts])):
        out = str(tmp_path / str(n))
        for name, part in zip("ab", parts, strict=True):
            write_part(build_graph(part, Fragment()), os.path.join(out, PARTS, name))
        for name, _ in tables_of_parts():
            combine_table(out, ["a", "b"], name)
        assert _writers(read_tables(out), ids) == own_writers(parents)


def test_a_store_credits_a_post_filling_a_stub_its_own_writer_only_at_every_batch_size(tmp_path):
    posts = page_posts()
    parents = filled_parents(posts)
    ids = [p.id for p in parents]
    got = {}
    for size in (7, 100_000):
        for n, loads in enumerate(([posts + parents], [posts, parents], [parents, posts])):
            with open_store("ladybug", path=str(tmp_path / f"{size}-{n}.lbug")) as store:
                for part in loads:
                    load(part, store, Extractor(entities=False, workers=1), size)
                assert stored_writers(store, ids) == own_writers(parents), (size, n)
                got[size, n] = once = stored(store)
                load(loads[-1], store, Extractor(entities=False, workers=1), size)
                assert differences(stored(store), once) == [], (size, n)
    for (size, n), graph in got.items():
        assert differences(graph, got[100_000, n]) == [], (size, n)
        assert n == 2 or differences(graph, got[size, 0]) == [], (size, n)  # read in the same order: one load or two


def _apart(folder: Path) -> tuple[Path, Path, dict]:
    """A real Bluesky thread's posts as two lists: the post ``P`` of a writer with no other post there, which a post
    of the thread answers, alone, and the rest (whose answer to ``P`` answers its stub, its writer known by the DID
    its uri names, no handle shown). Returns both files and ``P``'s view."""
    top = json.loads(THREAD.read_text("utf-8"))["thread"]
    node, nodes = top, list(top.get("replies") or ())
    while isinstance(node, dict):  # the chain above the post, up to a post blocked (a view without a post)
        nodes.append(node)
        node = node.get("parent")
    views = [node["post"] for node in nodes if "post" in node]
    by_uri, posts_by = {v["uri"]: v for v in views}, Counter(v["author"]["did"] for v in views)
    answered = [v["record"]["reply"]["parent"]["uri"] for v in views if v["record"].get("reply")]
    alone = next(by_uri[u] for u in answered if u in by_uri and posts_by[by_uri[u]["author"]["did"]] == 1)
    rest, single = folder / "rest.json", folder / "alone.json"
    rest.write_text(json.dumps({"posts": [v for v in views if v is not alone]}), "utf-8")
    single.write_text(json.dumps({"posts": [alone]}), "utf-8")
    return rest, single, alone


@pytest.mark.parametrize("loads", [("rest", "alone"), ("alone", "rest"), ("rest alone",)])
def test_a_stub_writer_known_by_a_did_is_shown_as_their_post_shows_them(tmp_path, loads):
    """A real Bluesky thread saved as two lists, one the post of a writer with no other post in the thread: a list
    lacking it answers its stub, signed by the DID its uri names (no handle shown), and the other, loaded later,
    earlier or in the same run, shows the writer by their handle. One Author for the DID, named by that handle,
    as a writer is shown by their first post, not by a stub the input signs."""
    rest, single, alone = _apart(tmp_path)
    files = {"rest": rest, "alone": single}
    store = str(tmp_path / "s.lbug")
    for load_ in loads:
        run("load", *(str(files[name]) for name in load_.split()), "--store", store, "--no-entities", "--workers", "1")
    did = alone["author"]["did"]
    rows = store_rows(store, "MATCH (a:Author) WHERE a.id = $id RETURN a.name AS name", "-p", f"id={_author(did)}")
    assert rows == [{"name": alone["author"]["handle"]}]
    wrote = store_rows(
        store,
        "MATCH (a:Author)-[:WROTE]->(p) WHERE p.source_id = $uri RETURN a.id AS a, p.stub AS s",
        "-p",
        f"uri={alone['uri']}",
    )
    assert wrote == [{"a": _author(did), "s": False}]


def test_a_stub_writer_known_by_a_did_is_shown_as_their_post_shows_them_at_every_batch_size(tmp_path):
    """The same read apart, then extracted and loaded at every batch size, the stub's list first: the graph and the
    store show the writer by the handle of their post."""
    rest, single, alone = _apart(tmp_path)
    posts = [p for path in (rest, single) for p in read_posts(expand_inputs([str(path)]), report=Report())]
    writer, handle = _author(alone["author"]["did"]), alone["author"]["handle"]
    assert any(p.meta.get("stub") and author_of(p) == writer for p in posts)  # the stub signed by the DID alone
    for size in (1, 7, 100_000):
        graph = extract_graph(posts, Extractor(entities=False, workers=1), batch_size=size)
        assert graph.nodes[writer]["name"] == handle, size
        with open_store("ladybug", path=str(tmp_path / f"{size}.lbug")) as store:
            load(posts, store, Extractor(entities=False, workers=1), size)
            assert store.query("MATCH (a:Author {id: $id}) RETURN a.name", {"id": writer}).rows == [[handle]], size


DATA = Path(__file__).parent / "data"
OUTBOXES = (
    DATA / "real" / "mastodon" / "dealingwith-outbox.json",
    DATA / "real" / "mastodon" / "purplerain-outbox.json",
    DATA / "trial" / "mastodon-outbox-hawksworx.json",
)


def _outbox_names(path: Path) -> dict[str, str]:
    """Each account a real outbox names, by Author id, as told from the file: the account writing its Notes by
    "@user", any other (one whose post a Note answers, one a Note mentions) by its server and user name. An actor is
    the account the file shows for it, a Mention tag's "@user@domain" (whose domain may differ from the actor's host)
    or its Notes' pages (https://host/@user/ID), else the one its address writes (https://host/users/user; Mastodon
    4.5's https://host/ap/users/ID writes the account's number)."""
    notes = [a["object"] for a in json.loads(path.read_text("utf-8"))["orderedItems"] if a["type"] == "Create"]
    named, shown, pages = [], {}, {}
    for note in notes:
        named.append(note["attributedTo"])
        actor, statuses, _ = (note["inReplyTo"] or "").rpartition("/statuses/")
        named += [actor] if statuses and "/users/" in actor else []
        tags = [t for t in note.get("tag") or () if t.get("type") == "Mention"]
        named += [t["href"] for t in tags]
        page = urlsplit(note["url"])
        if page.hostname == urlsplit(note["attributedTo"]).hostname and page.path.startswith("/@"):
            pages[note["attributedTo"]] = (page.hostname, page.path.split("/")[1][1:])
        shown |= {t["href"]: tuple(t["name"].split("@")[:0:-1]) for t in tags if t["name"].count("@") == 2}
    shown = pages | shown  # a mention's domain, where one names the actor, else its Notes' pages' host

    def account(actor: str) -> str:
        host, user = shown.get(actor) or (urlsplit(actor).hostname, actor.rstrip("/").rsplit("/", 1)[1].lstrip("@"))
        return f"{host}/@{user}"

    own = {account(n["attributedTo"]) for n in notes}
    return {
        schema.author_id("mastodon", account(a)): "@" + account(a).partition("/@")[2]
        if account(a) in own
        else account(a)
        for a in named
    }


@pytest.mark.parametrize("path", OUTBOXES, ids=lambda p: p.stem)
def test_an_account_writing_only_stubs_is_named_as_its_mentions_name_it_in_any_order_and_batch_size(tmp_path, path):
    """Real outboxes answer posts they lack (a stub the account answered writes) and mention accounts: such an
    account is shown by its server and user name, whether a stub or a mention names it first, read forwards or
    backwards, in one batch or many, in a graph, in combined tables and in the store (reading ahead too)."""
    posts = list(read_posts(expand_inputs([str(path)]), report=Report()))
    names = _outbox_names(path)
    stubbed = {author_of(p) for p in posts if p.meta.get("stub")}
    mentioned = {s.target for p in posts for s in p.stated if s.target.startswith("author:")}
    assert stubbed & mentioned - {author_of(p) for p in posts if not p.meta.get("stub")}  # named both ways
    for size in (1, 7, 100_000):
        for order in (posts, posts[::-1]):
            graph = extract_graph(order, Extractor(entities=False, workers=1), batch_size=size)
            shown = {n: graph.nodes[n]["name"] for n, kind in graph.nodes(data="label") if kind == schema.AUTHOR}
            assert shown == names, size
        with open_store("ladybug", path=str(tmp_path / f"{size}.lbug")) as store:
            load(posts[::-1], store, Extractor(entities=False, workers=1), size)
            assert dict(store.query("MATCH (a:Author) RETURN a.id, a.name").rows) == names, size
            once = stored(store)
            load(posts[::-1], store, Extractor(entities=False, workers=1), size)
            assert differences(stored(store), once) == [], size
        cli = str(tmp_path / f"cli-{size}.lbug")  # reading the input ahead
        run("load", str(path), "--store", cli, "--no-entities", "--batch-size", str(size))
        assert {r["a"]: r["n"] for r in store_rows(cli, "MATCH (a:Author) RETURN a.id AS a, a.name AS n")} == names
    out = str(tmp_path / "tables")
    for name, part in zip("ab", (posts[len(posts) // 2 :], posts[: len(posts) // 2]), strict=True):
        write_part(build_graph(part, Fragment()), os.path.join(out, PARTS, name))
    for name, _ in tables_of_parts():
        combine_table(out, ["a", "b"], name)
    tables = read_tables(out)
    assert {n: tables.nodes[n]["name"] for n in names} == names


def _views(node: dict) -> list[dict]:
    """The post views of a real thread view, its parent chain and its replies at every depth."""
    views, stack = [], [node]
    while stack:
        node = stack.pop()
        views += [node["post"]] if "post" in node else []
        stack += [n for n in (node.get("replies") or ()) if isinstance(n, dict)]
        stack += [node["parent"]] if isinstance(node.get("parent"), dict) else []
    return views


def test_a_did_writing_only_stubs_is_named_as_its_mentions_name_it_in_any_order_and_batch_size(tmp_path):
    """A real Bluesky thread without the posts of an account another post mentions and answers: the answers answer
    stubs signed by the DID their uri names, and the mention names the account by the handle its text writes. The
    account is shown by that handle whichever comes first (the list read forwards or backwards), in one batch or
    many, in a graph and in the store."""
    views = _views(json.loads((DATA / "real" / "bluesky" / "jimmyfallon-thread.json").read_text("utf-8"))["thread"])
    labels = {}  # each mentioned DID, as the text writes it (facets index its UTF-8 bytes)
    for view in views:
        raw = view["record"]["text"].encode("utf-8")
        for facet in view["record"].get("facets") or ():
            for feature in facet["features"]:
                if feature["$type"] == "app.bsky.richtext.facet#mention":
                    span = raw[facet["index"]["byteStart"] : facet["index"]["byteEnd"]]
                    labels.setdefault(feature["did"], span.decode("utf-8").lstrip("@"))
    parents = {v["record"]["reply"]["parent"]["uri"] for v in views if v["record"].get("reply")}
    did = next(v["author"]["did"] for v in views if v["author"]["did"] in labels and v["uri"] in parents)
    rest = [v for v in views if v["author"]["did"] != did]
    for n, listed in enumerate((rest, rest[::-1])):
        path = tmp_path / f"{n}.json"
        path.write_text(json.dumps({"posts": listed}), "utf-8")
        posts = list(read_posts(expand_inputs([str(path)]), report=Report()))
        assert any(p.meta.get("stub") and author_of(p) == _author(did) for p in posts)  # the case: named both ways
        for size in (1, 7, 100_000):
            graph = extract_graph(posts, Extractor(entities=False, workers=1), batch_size=size)
            assert graph.nodes[_author(did)]["name"] == labels[did], (n, size)
            store = str(tmp_path / f"{n}-{size}.lbug")
            run("load", str(path), "--store", store, "--no-entities", "--batch-size", str(size))
            rows = store_rows(store, "MATCH (a:Author) WHERE a.id = $id RETURN a.name AS n", "-p", f"id={_author(did)}")
            assert rows == [{"n": labels[did]}], (n, size)


def test_an_answer_naming_the_writer_of_the_stub_it_answers_mentions_them(tmp_path):
    """A stub's writer wrote nothing the input shows, but is answered, so an answer may well name them: they count
    as a participant. A real Bluesky thread without the posts of the account two others mention, one of whose
    mentions is left as text alone (a client writing no facet): that text names the account its stubs' writer is,
    shown by the handle the other mention states."""
    views = _views(json.loads((DATA / "real" / "bluesky" / "jimmyfallon-thread.json").read_text("utf-8"))["thread"])
    mentioning = [v for v in views if any(f["features"][0].get("did") for f in v["record"].get("facets") or ())]
    did = mentioning[0]["record"]["facets"][0]["features"][0]["did"]
    handle = next(v["author"]["handle"] for v in views if v["author"]["did"] == did)
    plain = mentioning[-1]
    assert len(mentioning) == 2 and "@" + handle in plain["record"]["text"]
    rest = [v for v in views if v["author"]["did"] != did]
    rest = [{**v, "record": {**v["record"], "facets": []}} if v is plain else v for v in rest]
    path = tmp_path / "rest.json"
    path.write_text(json.dumps({"posts": rest}), "utf-8")
    posts = list(read_posts(expand_inputs([str(path)]), report=Report()))
    assert any(p.meta.get("stub") and author_of(p) == _author(did) for p in posts)
    for size in (1, 100_000):
        graph = extract_graph(posts, Extractor(workers=1), batch_size=size)
        named = {a for a, b, kind in graph.edges(data="type") if kind == schema.MENTIONS and b == _author(did)}
        assert {graph.nodes[p]["source_id"] for p in named} == {v["uri"] for v in mentioning}, size
