"""Neo4j settles a stub root into its post as the embedded store does (tests/test_stub_identity.py): every load
order and batch size gives one graph, of each item once, none a stub."""

from __future__ import annotations

from local_cluster import local_client

from graphkit import cluster, cluster_load
from graphkit.extract import Extractor
from graphkit.pipeline import load
from graphkit.sources import expand_inputs, read_posts
from graphkit.store import open_store
from tests.neo4j.conftest import emptied
from tests.test_stub_identity import (
    ORDERS,
    QUOTING,
    check_orders,
    check_quoting,
    graph_of,
    order_files,
    quoting_files,
)


def test_a_stub_root_settles_into_its_post_whatever_the_load_order_and_batch_size(neo4j_server, tmp_path):
    items, files = order_files(tmp_path)
    graphs = {}
    for name, loads in ORDERS.items():
        with open_store("neo4j", **emptied(neo4j_server)) as store:
            for paths, batch in loads:
                posts = read_posts(expand_inputs([str(files[p]) for p in paths]))
                load(posts, store, Extractor(entities=False, workers=1), batch)
            graphs[name] = graph_of(store, "labels(n)[0]", "type(r)")
    check_orders(items, graphs)
    assert graphs["twice"] == graphs["small"]  # loading again changes nothing


def test_tables_of_a_cluster_settle_into_the_stub_the_store_held(neo4j_server, tmp_path):
    """The reply loaded first, then the tables of the thread and the later reply written by a cluster's workers: the
    reply's stub of its parent settles into the parent the tables hold, as a load of every file does."""
    items, files = order_files(tmp_path)
    with local_client() as client:
        cluster.extract(
            client, [str(files["thread"]), str(files["later"])], cluster.Job(entities=False), str(tmp_path / "t")
        )
        graphs = {}
        for name in ("once", "tables"):
            with open_store("neo4j", **emptied(neo4j_server)) as store:
                first = ("reply", "thread", "later") if name == "once" else ("reply",)
                posts = read_posts(expand_inputs([str(files[p]) for p in first]))
                load(posts, store, Extractor(entities=False, workers=1), 10000)
                if name == "tables":
                    cluster_load.load_tables(client, str(tmp_path / "t"), store, 10000)
                graphs[name] = graph_of(store, "labels(n)[0]", "type(r)")
    check_orders(items, graphs)


def test_a_quote_of_a_stub_root_keeps_the_id_of_a_quote_of_its_post(neo4j_server, tmp_path):
    """Neo4j moves a stated quote of a stub root onto its post by the id one file of every row gives it, so every
    split of the rows gives that graph, and loading every row again changes nothing."""
    files, reply = quoting_files(tmp_path)
    graphs, again = {}, {}
    for name, loads in QUOTING.items():
        with open_store("neo4j", **emptied(neo4j_server)) as store:
            for paths, batch in loads:
                posts = read_posts(expand_inputs([str(files[p]) for p in paths]), "tabular")
                load(posts, store, Extractor(entities=False, workers=1), batch)
            graphs[name] = graph_of(store, "labels(n)[0]", "type(r)")
            for paths in (("reply", "thread"), ("whole",)):
                posts = read_posts(expand_inputs([str(files[p]) for p in paths]), "tabular")
                load(posts, store, Extractor(entities=False, workers=1), 10000)
            again[name] = graph_of(store, "labels(n)[0]", "type(r)")
    check_quoting(graphs, again, reply)
