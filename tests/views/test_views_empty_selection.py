"""Every view filter that leaves nothing to show ends the same way through the CLI: a one-line
error naming the filter, a non-zero exit, and no page written."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from graphkit.cli import main
from graphkit.views import KINDS
from tests.arabic_channel import ARABIC as CHANNEL

EXAMPLE = Path(__file__).resolve().parents[1] / "data" / "palmyra-lavrov-thread.txt"


def run(*args: str):
    return CliRunner().invoke(main, list(args), catch_exceptions=False)


@pytest.fixture(scope="module")
def store(tmp_path_factory) -> str:
    """The example thread, structure only (no entities: quick), in the embedded store."""
    path = str(tmp_path_factory.mktemp("empty") / "example.lbug")
    result = run("load", str(EXAMPLE), "--no-entities", "--store", path, "--workers", "1")
    assert result.exit_code == 0, result.output
    return path


@pytest.mark.parametrize(
    ("options", "message"),
    [
        (["--thread", "no such title"], "no thread matches 'no such title'"),
        (
            ["--thread", "Palmyra", "--until", "2000-01-01"],
            "nothing selected by --thread 'Palmyra', --until '2000-01-01'",
        ),
        (["--since", "2030-01-01"], "nothing selected by --since '2030-01-01'"),
        (["--until", "2000-01-01"], "nothing selected by --until '2000-01-01'"),
        (["--author", "nobody"], "no author matches 'nobody'"),
        (["--kind", "citations", "--author", "John Whitehot"], "nothing selected by --author 'John Whitehot'"),
        (["--entity", "Atlantis"], "no entity matches 'Atlantis'"),
        (["--kind", "quotes", "--entity", "southfront.org"], "nothing selected by --entity 'southfront.org'"),
        (["--min-weight", "1000"], "nothing selected by --min-weight 1000"),
    ],
)
def test_a_filter_that_selects_nothing_is_a_one_line_error_and_writes_no_page(store, tmp_path, options, message):
    page = tmp_path / "view.html"
    result = run("view", "-o", str(page), "--store", store, *options)
    assert result.exit_code != 0
    lines = result.output.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith(f"Error: {message}"), lines
    assert not page.exists()


def test_top_on_an_empty_store_is_the_same_error_and_no_filter_names_the_kind(tmp_path):
    empty = str(tmp_path / "empty.lbug")
    assert run("init-db", "--store", empty).exit_code == 0
    page = tmp_path / "view.html"
    result = run("view", "-o", str(page), "--store", empty, "--top", "3")
    assert (result.exit_code, result.output.strip()) == (1, "Error: nothing selected by --top 3")
    assert not page.exists()
    result = run("view", "-o", str(page), "--store", empty)
    assert (result.exit_code, result.output.strip()) == (
        1,
        "Error: nothing to show: the store holds nothing the replies view draws",
    )
    assert not page.exists()


def test_a_store_whose_posts_name_nobody_draws_no_speaker_view_and_still_its_posts(tmp_path):
    """A channel's posts, with entities searched, have no writer and name nobody the English model finds: every
    view of speakers ends as the filters do, where the views of posts draw each post."""
    records = json.loads(CHANNEL.read_text(encoding="utf-8"))
    assert all(set(r) <= {"channel", "message_id", "timestamp", "message", "metadata", "media"} for r in records)
    path = str(tmp_path / "channel.lbug")
    assert run("load", str(CHANNEL), "--store", path, "--workers", "1").exit_code == 0
    for kind in KINDS:
        page = tmp_path / f"{kind}.html"
        result = run("view", "--kind", kind, "-o", str(page), "--store", path)
        if kind in {"thread", "all"}:
            assert result.exit_code == 0, result.output
            assert result.output.startswith(f"{kind}: {len(records)} nodes, 0 edges")
        else:
            assert (result.exit_code, result.output.strip()) == (
                1,
                f"Error: nothing to show: the store holds nothing the {kind} view draws",
            )
            assert not page.exists()


def test_a_graph_file_whose_posts_name_nobody_says_the_graph_holds_nothing_the_view_draws(tmp_path):
    """A view of a graph file (``--graph``), not of a store, that draws nothing says so of the graph: the channel's
    posts extracted to a graph file have no writer, so no view of speakers draws anything."""
    graph = tmp_path / "channel.json"
    assert run("extract", str(CHANNEL), "-o", str(graph), "--no-entities", "--workers", "1").exit_code == 0
    page = tmp_path / "view.html"
    result = run("view", "-o", str(page), "--graph", str(graph))
    assert (result.exit_code, result.output.strip()) == (
        1,
        "Error: nothing to show: the graph holds nothing the replies view draws",
    )
    assert not page.exists()


def test_filters_that_select_something_still_write_the_page(store, tmp_path):
    page = tmp_path / "view.html"
    result = run("view", "-o", str(page), "--store", store, "--since", "2022-01-01", "--top", "3")
    assert result.exit_code == 0, result.output
    assert page.exists()


def test_view_help_lists_every_kind():
    shown = " ".join(run("view", "--help").output.split())
    assert f"[{'|'.join(KINDS)}]" in shown
    unknown = run("view", "--kind", "pie", "-o", "x.html")
    assert unknown.exit_code == 2 and "'pie' is not one of" in unknown.output


def test_the_cli_offers_the_kinds_without_loading_the_page_machinery():
    root = Path(__file__).resolve().parents[2]
    code = "import sys, graphkit.cli; print(sorted(m for m in ('pyvis', 'jinja2') if m in sys.modules))"
    env = {**os.environ, "PYTHONPATH": str(root)}
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, env=env, check=True, cwd=root)
    assert out.stdout.strip() == "[]"


def _modules_after_view(store: str, page: Path, view_args: list[str], modules: tuple[str, ...]) -> list[str]:
    """Which of ``modules`` a fresh interpreter imported while ``graphkit view`` wrote ``page``."""
    root = Path(__file__).resolve().parents[2]
    code = (
        "import sys\nfrom graphkit.cli import main\n"
        "try:\n    main(['view', '--store', sys.argv[1], '-o', sys.argv[2], *sys.argv[3:]])\n"
        "except SystemExit as done:\n    assert not done.code, done.code\n"
        f"print('loaded:' + ','.join(sorted(m for m in {modules!r} if m in sys.modules)))"
    )
    env = {**os.environ, "PYTHONPATH": str(root)}
    args = [sys.executable, "-c", code, store, str(page), *view_args]
    out = subprocess.run(args, capture_output=True, text=True, env=env, check=True, cwd=root)
    loaded = out.stdout.splitlines()[-1].removeprefix("loaded:")
    return loaded.split(",") if loaded else []


def test_a_page_is_written_without_pyvis_ipython_or_networkx(store, tmp_path):
    """pyvis imports IPython, a fifth of a one-thread view's time, and networkx as much again: only
    notebooks and scripts that ask for a view's graph need them."""
    page = tmp_path / "view.html"
    assert _modules_after_view(store, page, [], ("pyvis", "IPython", "networkx")) == []
    assert "vis-network" in page.read_text(encoding="utf-8")


@pytest.mark.parametrize("kind", ["thread", "replies"])
def test_a_thread_view_imports_neither_arrow_nor_the_load_path(store, tmp_path, kind):
    """Arrow, the readers and the pipeline took a sixth of a one-thread view's time on a million comments."""
    page = tmp_path / "view.html"
    loaded = _modules_after_view(
        store, page, ["--thread", "Palmyra", "--kind", kind], ("pyarrow", "graphkit.pipeline", "graphkit.sources")
    )
    assert loaded == [] and page.exists()
