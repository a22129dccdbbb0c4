"""The entities a load finds do not depend on its batch size (issue 14): a thread's mentions are resolved in windows
cut from the input alone (``extractor._Window``), so batches of one post, of five, of 256 and one batch of everything
give the same entity nodes, aliases and MENTIONS edges, with one model process or two."""

from pathlib import Path

import pytest

from graphkit import schema
from graphkit.extract import Extractor
from graphkit.pipeline import extract_graph
from graphkit.sources import expand_inputs, read_posts

pytestmark = pytest.mark.usefixtures("entity_model")

# a development thread whose entities differed by batch size before: in batches of one post or of five, a Daily Mail
# comment section on Labour's manifesto had two entity nodes that one batch of everything has not
THREAD = Path(__file__).parents[1] / "data" / "entities" / "dailymail-labour-manifesto-67.jsonl"


def _entities(batch_size: int, workers: int = 1) -> tuple[dict, list]:
    posts = list(read_posts(expand_inputs([str(THREAD)])))
    graph = extract_graph(iter(posts), Extractor(workers=workers), batch_size, again=lambda: [posts])
    nodes = {
        node: (attrs["label"], attrs["name"], sorted(attrs["aliases"]))
        for node, attrs in graph.nodes(data=True)
        if attrs.get("label") in schema.ENTITY_LABELS
    }
    mentions = sorted(
        (u, v, attrs["start"]) for u, v, attrs in graph.edges(data=True) if attrs["type"] == schema.MENTIONS
    )
    return nodes, mentions


def test_a_threads_entities_are_the_same_whatever_the_batch_size():
    whole = _entities(100_000)
    assert whole[0] and whole[1]
    for size in (1, 5, 256):
        assert _entities(size) == whole, size
    assert _entities(5, workers=2) == whole
