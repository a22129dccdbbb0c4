"""Interactive HTML views of the property graph: who replies to, mentions, cites and quotes whom."""

from .api import KINDS, Notebook, build_view, notebook, render
from .scope import Filters

__all__ = ["KINDS", "render", "notebook", "Notebook", "build_view", "Filters"]
