"""Interactive HTML views of the property graph: who replies to, mentions, cites and quotes whom."""

from .api import KINDS, build_view, notebook, render
from .page import ExplorerNetwork
from .scope import Filters

__all__ = ["KINDS", "render", "notebook", "build_view", "Filters", "ExplorerNetwork"]
