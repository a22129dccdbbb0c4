"""graphkit: online discussion in, a graph of discourse relations out.

The few functions a notebook user needs; the CLI is built on the same ones.
"""

from .errors import GraphkitError, InputError, QueryError, StoreError
from .extract import Extractor
from .graph import read_graph, write_graph
from .pipeline import extract_graph, load
from .sources import expand_inputs, read_posts
from .store import open_store

__all__ = [
    "Extractor",
    "GraphkitError",
    "InputError",
    "QueryError",
    "StoreError",
    "expand_inputs",
    "extract_graph",
    "load",
    "open_store",
    "read_graph",
    "read_posts",
    "write_graph",
]
