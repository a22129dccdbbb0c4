"""Telegram, YouTube, Discourse, Mastodon and Bluesky inputs in one load with entities: one store, one
view, authors kept per platform, and an entity shared across platforms."""

import json
from pathlib import Path

from graphkit.views.style import TYPE_COLORS
from tests.cli_runs import run

DATA = Path(__file__).parent / "data"
INPUTS = {
    "telegram": DATA / "real" / "telegram",
    "discourse": DATA / "real" / "discourse",
    "youtube": DATA / "sources" / "youtube-dQw5x9WgXcQ.info.json",
    "mastodon": DATA / "real" / "mastodon",
    "bluesky": DATA / "real" / "bluesky",
}


def _rows(store: str, cypher: str) -> list[dict]:
    return json.loads(run("query", cypher, "--format", "json", "--store", store))


def _raw(platform: str) -> str:
    """Every file of a platform's input as text, to check what the store found against."""
    path = INPUTS[platform]
    files = sorted(path.glob("*.json")) if path.is_dir() else [path]
    return "\n".join(json.dumps(json.loads(f.read_text(encoding="utf-8")), ensure_ascii=False) for f in files)


def test_one_store_and_one_view_across_platforms(tmp_path):
    store = str(tmp_path / "s.lbug")
    run("load", *map(str, INPUTS.values()), "--store", store, "--workers", "1")
    rows = _rows(
        store,
        "MATCH (a:Author)-[:WROTE]->(p) RETURN a.platform AS platform, count(DISTINCT a) AS authors, "
        "count(DISTINCT p.platform) AS posts_platforms ORDER BY platform",
    )
    assert [r["platform"] for r in rows] == sorted(INPUTS)
    assert all(r["authors"] > 0 and r["posts_platforms"] == 1 for r in rows)  # an author writes on one platform
    # an entity is one node whatever platform names it: at least one is named on two platforms, and the
    # files of each of those platforms do name it
    shared = _rows(
        store,
        "MATCH (p)-[:MENTIONS]->(e) WHERE NOT e.id STARTS WITH 'author:' "
        "WITH e, collect(DISTINCT p.platform) AS platforms WHERE size(platforms) > 1 "
        "RETURN e.name AS name, e.aliases AS aliases, platforms",
    )
    assert shared
    for entity in shared:
        forms = [entity["name"], *(entity["aliases"] or [])]
        for platform in entity["platforms"]:
            assert any(form.lower() in _raw(platform).lower() for form in forms), (entity, platform)
    for kind in ("all", "quotes", "replies"):
        page = tmp_path / f"{kind}.html"
        run("view", "--kind", kind, "-o", str(page), "--store", store)
        assert page.stat().st_size > 0
    everything = (tmp_path / "all.html").read_text(encoding="utf-8")
    legend = everything.split('<div id="gk-legend"')[1].split("</header>")[0]
    assert f'data-channel="colour" data-color="{TYPE_COLORS["FORWARDS"]}"' in legend  # forwards have their colour key
    assert "FORWARDS" in (tmp_path / "quotes.html").read_text(encoding="utf-8")
