"""Telegram, YouTube and Discourse inputs in one load: one store, one view, authors kept per platform."""

import json
from pathlib import Path

from graphkit.views.style import TYPE_COLORS
from tests.cli_runs import run

DATA = Path(__file__).parent / "data"


def test_one_store_and_one_view_across_platforms(tmp_path):
    store = str(tmp_path / "s.lbug")
    inputs = [
        DATA / "real" / "telegram",
        DATA / "real" / "discourse",
        DATA / "sources" / "youtube-dQw5x9WgXcQ.info.json",
    ]
    run("load", *map(str, inputs), "--store", store, "--no-entities", "--workers", "1")
    rows = json.loads(
        run(
            "query",
            "MATCH (a:Author)-[:WROTE]->(p) RETURN a.platform AS platform, count(DISTINCT a) AS authors "
            "ORDER BY platform",
            "--format",
            "json",
            "--store",
            store,
        )
    )
    assert [r["platform"] for r in rows] == ["discourse", "telegram", "youtube"]
    assert all(r["authors"] > 0 for r in rows)
    for kind in ("all", "quotes", "replies"):
        page = tmp_path / f"{kind}.html"
        run("view", "--kind", kind, "-o", str(page), "--store", store)
        assert page.stat().st_size > 0
    everything = (tmp_path / "all.html").read_text(encoding="utf-8")
    legend = everything.split('<div id="gk-legend"')[1].split("</header>")[0]
    assert f'data-channel="colour" data-color="{TYPE_COLORS["FORWARDS"]}"' in legend  # forwards have their colour key
    assert "FORWARDS" in (tmp_path / "quotes.html").read_text(encoding="utf-8")
