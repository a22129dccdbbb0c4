"""Interactive HTML views of the property graph: who replies to, mentions, cites and quotes whom.

The page machinery (jinja; pyvis for notebooks) loads on first use of what needs it, so the CLI can offer ``KINDS``
at start-up without paying for it.
"""

from importlib import import_module
from typing import TYPE_CHECKING, Any

from .project import KINDS

if TYPE_CHECKING:
    from .api import build_view, notebook, render
    from .explorer import ExplorerNetwork
    from .scope import Filters

__all__ = ["KINDS", "render", "notebook", "build_view", "Filters", "ExplorerNetwork"]

_HOME = {"render": "api", "notebook": "api", "build_view": "api", "Filters": "scope", "ExplorerNetwork": "explorer"}


def __getattr__(name: str) -> Any:
    if name not in _HOME:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    return getattr(import_module(f".{_HOME[name]}", __name__), name)
