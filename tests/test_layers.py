"""The project's dependency direction, read from the source: readers and extractors know neither each other nor
stores, views or the CLI; stores and views know no CLI. A shortcut across layers (a reader calling an extractor to
save a pass) builds and runs, so only this check catches it."""

import ast
from pathlib import Path

import pytest

PACKAGE = Path(__file__).parents[1] / "graphkit"
UPPER = {"cli", "pipeline", "columnar", "cluster", "cluster_load", "partition", "graph", "queries"}
FORBIDDEN = {
    "sources": UPPER | {"extract", "store", "views"},
    "extract": UPPER | {"sources", "store", "views"},
    "store": {"cli"},
    "views": {"cli"},
}


def imported(path: Path, layer: str) -> set[str]:
    """The graphkit modules or packages ``path`` (a module of ``layer``) imports, by their first name under
    graphkit, lazy imports inside functions included."""
    names: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.ImportFrom):
            if node.level == 0 and (node.module or "").startswith("graphkit."):
                names.add(node.module.split(".")[1])
            elif node.level == 1:  # inside the layer, or the layer's package itself
                continue
            elif node.level == 2:
                names.update([node.module.split(".")[0]] if node.module else [a.name for a in node.names])
        elif isinstance(node, ast.Import):
            names.update(a.name.split(".")[1] for a in node.names if a.name.startswith("graphkit."))
    return names - {layer}


@pytest.mark.parametrize("layer", sorted(FORBIDDEN))
def test_each_layer_imports_only_what_lies_under_it(layer):
    crossings = {
        f"{path.relative_to(PACKAGE)} imports {name}"
        for path in sorted((PACKAGE / layer).glob("*.py"))
        for name in imported(path, layer) & FORBIDDEN[layer]
    }
    assert not crossings


def test_a_reader_calling_an_extractor_is_seen(tmp_path):
    """The check itself: an upward import inside a function, as a reader once made, is found."""
    module = tmp_path / "reader.py"
    module.write_text("def survey():\n    from ..extract.quotes import find_quotes\n    from ..pipeline import LIMIT\n")
    assert imported(module, "sources") == {"extract", "pipeline"}
