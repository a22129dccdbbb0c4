"""Every format in one load with entities: one store, one view, authors kept per platform (a name
written on several platforms is one Author on each), replies exactly as stated, and an entity shared
across platforms."""

import json
import mailbox
import re
from pathlib import Path

from graphkit.views.style import TYPE_COLORS
from tests.cli_runs import run

DATA = Path(__file__).parent / "data"
REAL, OWN = DATA / "real", DATA / "sources"
# platform -> its inputs: real files, and fixtures in the real shapes, whose writers share names
# ("bob", "carol", …) across platforms
INPUTS = {
    "telegram": [REAL / "telegram", OWN / "telegram-account.json"],
    "discourse": [REAL / "discourse", OWN / "discourse-topic-900.json", OWN / "discourse-topic-900-posts.json"],
    "youtube": [OWN / "youtube-dQw5x9WgXcQ.info.json"],
    "mastodon": [REAL / "mastodon", OWN / "mastodon-status.json", OWN / "mastodon-context.json"],
    "bluesky": [REAL / "bluesky", OWN / "bluesky-thread.json"],
    "reddit": [REAL / "reddit" / "graw-morechildren.json", OWN / "reddit-page.json"],
    "hackernews": [REAL / "hackernews" / "neonmodem-algolia-item.json", OWN / "hn-item.json"],
    "disqus": [REAL / "disqus" / "yesilmavihayat.xml", OWN / "disqus-export.xml"],
    "wordpress": [REAL / "wxr"],
    "mbox": [REAL / "mbox" / "mapnik-devel-2009-March.txt", OWN / "list.mbox"],
}


def _rows(store: str, cypher: str) -> list[dict]:
    return json.loads(run("query", cypher, "--format", "json", "--store", store))


def _text(path: Path) -> str:
    """A file's words as its readers see them: JSON strings unescaped, mail bodies decoded, XML as is
    (Disqus keeps its HTML in CDATA)."""
    if path.suffix == ".json":
        return json.dumps(json.loads(path.read_text(encoding="utf-8")), ensure_ascii=False)
    if path.suffix in (".mbox", ".txt"):
        parts = (part for message in mailbox.mbox(str(path)) for part in message.walk())
        return "\n".join(str(part.get_payload(decode=True) or b"", "utf-8", "replace") for part in parts)
    return path.read_text(encoding="utf-8")


def _raw(platform: str) -> str:
    """Every file of a platform's inputs as text, to check what the store found against."""
    files = [f for path in INPUTS[platform] for f in (sorted(path.iterdir()) if path.is_dir() else [path])]
    return "\n".join(_text(f) for f in files if f.name != "README.md")


def test_one_store_and_one_view_across_platforms(tmp_path):
    store = str(tmp_path / "s.lbug")
    loaded = run("load", *(str(p) for paths in INPUTS.values() for p in paths), "--store", store, "--workers", "1")
    rows = _rows(
        store,
        "MATCH (a:Author)-[:WROTE]->(p) RETURN a.platform AS platform, count(DISTINCT a) AS authors, "
        "count(DISTINCT p.platform) AS posts_platforms ORDER BY platform",
    )
    assert [r["platform"] for r in rows] == sorted(INPUTS)
    assert all(r["authors"] > 0 and r["posts_platforms"] == 1 for r in rows)  # an author writes on one platform
    # the folders' READMEs are left out: no post of the web, which read as such a post no one wrote
    posts = _rows(store, "MATCH (p:Article:Comment) RETURN DISTINCT p.platform AS platform")
    assert sorted(r["platform"] for r in posts) == sorted(INPUTS)
    # a name shown on several platforms is one Author on each of them, never one for all
    shared = _rows(
        store,
        "MATCH (a:Author)-[:WROTE]->() WITH lower(a.name) AS name, count(DISTINCT a.platform) AS platforms, "
        "count(DISTINCT a) AS authors WHERE platforms > 1 RETURN name, platforms, authors",
    )
    assert max(r["platforms"] for r in shared) >= 5
    assert all(r["authors"] >= r["platforms"] for r in shared)
    # every input states its replies: none is inferred, in any platform, but for the comments whose stated
    # parent is in no input, which are reported and answer it, a stub, where its reader knows where it stands (a
    # Bluesky post's uri), else their thread's root
    rules = _rows(store, "MATCH ()-[r:REPLY_TO]->() WHERE r.inferred RETURN r.rule AS rule, count(*) AS n")
    stubs = _rows(store, "MATCH ()-[r:REPLY_TO]->(p:Comment) WHERE p.stub AND NOT r.inferred RETURN count(*) AS n")
    missing = re.search(r"(\d+) parents not in input", loaded)
    assert missing and stubs[0]["n"] > 0
    assert rules == [{"rule": "parent-missing", "n": int(missing[1]) - stubs[0]["n"]}]
    # an entity is one node whatever platform names it: at least one is named on two platforms, and the
    # files of each of those platforms do name it
    named = _rows(
        store,
        "MATCH (p)-[:MENTIONS]->(e) WHERE NOT e.id STARTS WITH 'author:' "
        "WITH e, collect(DISTINCT p.platform) AS platforms WHERE size(platforms) > 1 "
        "RETURN e.name AS name, e.aliases AS aliases, platforms",
    )
    assert named
    raw = {platform: _raw(platform).lower() for platform in INPUTS}
    for entity in named:
        forms = [entity["name"], *(entity["aliases"] or [])]
        for platform in entity["platforms"]:
            assert any(form.lower() in raw[platform] for form in forms), (entity, platform)
    for kind in ("all", "quotes", "replies"):
        page = tmp_path / f"{kind}.html"
        run("view", "--kind", kind, "-o", str(page), "--store", store)
        assert page.stat().st_size > 0
    everything = (tmp_path / "all.html").read_text(encoding="utf-8")
    legend = everything.split('<div id="gk-legend"')[1].split("</header>")[0]
    assert f'data-channel="colour" data-color="{TYPE_COLORS["FORWARDS"]}"' in legend  # forwards have their colour key
    assert "FORWARDS" in (tmp_path / "quotes.html").read_text(encoding="utf-8")
