"""graphkit: online discussion in, a graph of discourse relations out.

The few functions a notebook user needs; the CLI is built on the same ones. Each is imported
when first used, so a command that needs none of them (``graphkit view``) loads no model code.
"""

from importlib import import_module
from typing import TYPE_CHECKING, Any

from .errors import GraphkitError, InputError, QueryError, StoreError

if TYPE_CHECKING:
    from .extract import Extractor
    from .graph import read_graph, write_graph
    from .pipeline import extract_graph, load
    from .sources import expand_inputs, read_posts
    from .store import open_store

_HOMES = {
    "Extractor": ".extract",
    "read_graph": ".graph",
    "write_graph": ".graph",
    "extract_graph": ".pipeline",
    "load": ".pipeline",
    "expand_inputs": ".sources",
    "read_posts": ".sources",
    "open_store": ".store",
}

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


def __getattr__(name: str) -> Any:
    if name not in _HOMES:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    return getattr(import_module(_HOMES[name], __name__), name)
