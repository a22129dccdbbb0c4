"""The notebook's view: a pyvis ``Network`` in notebook mode holding a ``page.Page``, drawn by our template.

Its own module so that only notebooks import pyvis (and the IPython it brings along); ``render``
writes the ``Page`` directly.
"""

from __future__ import annotations

import html

from pyvis.network import Network

from .page import TEMPLATE, VIZ_DIR, Page
from .project import View

__all__ = ["ExplorerNetwork"]


class ExplorerNetwork(Network):
    """The pyvis ``Network`` of one trimmed view, drawn by ``viz/explorer.html``.

    ``generate_html()`` gives the self-contained page. With ``notebook=True`` it is pyvis's
    notebook mode: ``show("name.html")`` writes the page and returns pyvis's IPython
    ``IFrame`` pointing at that file. Displayed as a cell's value, the network instead shows
    the page inline in a sandboxed ``srcdoc`` iframe (see ``_repr_html_``).
    """

    def __init__(self, view: View, title: str, notebook: bool = False, height: int = 650) -> None:
        super().__init__(
            height=f"{int(height)}px",
            width="100%",
            directed=True,
            notebook=notebook,
            heading=title,
            cdn_resources="in_line",  # so write_html/show write the page alone ("local" copies lib/ beside it)
        )
        page = Page(view, title)
        self.summary = page.summary
        self.nodes, self.edges, self.options = page.nodes, page.edges, page.options
        self.node_ids = [node["id"] for node in self.nodes]
        self.node_map = {node["id"]: node for node in self.nodes}
        self.set_template_dir(f"{VIZ_DIR}/", TEMPLATE)
        # generate_html passes pyvis's own variables only; the view's go in as globals of this
        # network's environment (set_template_dir made it for this network alone).
        page.configure(self.templateEnv)
        self.prep_notebook()  # generate_html(notebook=True) renders self.template: ours, not pyvis's

    def _repr_html_(self) -> str:
        """The whole page in a ``srcdoc`` iframe, sandboxed without same-origin access, so it
        shows wherever a notebook renders HTML (pyvis's file ``IFrame`` stays blank in VS Code
        and Colab) and could never reach the notebook server even if a script slipped in."""
        return (
            f'<iframe srcdoc="{html.escape(self.generate_html(notebook=True))}" sandbox="allow-scripts allow-popups" '
            f'style="width:100%;height:{self.height};border:0" title="graphkit view"></iframe>'
        )

    def __repr__(self) -> str:
        return f"<graphkit view: {self.summary}>"
