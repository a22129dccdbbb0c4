"""Neo4j settles a stub root into its post as the embedded store does (tests/test_stub_identity.py): every load
order and batch size gives one graph, of each item once, none a stub."""

from __future__ import annotations

from graphkit.extract import Extractor
from graphkit.pipeline import load
from graphkit.sources import expand_inputs, read_posts
from graphkit.store import open_store
from tests.neo4j.conftest import emptied
from tests.test_stub_identity import ORDERS, check_orders, graph_of, order_files


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
