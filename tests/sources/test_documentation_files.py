"""A folder's README, licence and changelog are no input: a load of the folder leaves them out and says so in one
line, where they were read as pages of the web (a post no one wrote in a folder of exports); a file named on the
command line is read whatever its name."""

from __future__ import annotations

import json
from pathlib import Path

from click.testing import CliRunner

from graphkit.cli import main
from graphkit.sources import expand_inputs, is_documentation, read_posts

# a real Discourse forum saved topic by topic, beside the README that says where each topic comes from
FOLDER = Path(__file__).parents[1] / "data" / "real" / "discourse"


def test_a_folders_readme_is_left_out_and_named(tmp_path):
    skipped: list[str] = []
    inputs = expand_inputs([str(FOLDER)], skipped=skipped)
    assert sorted(Path(inp.name).name for inp in inputs) == sorted(p.name for p in FOLDER.glob("*.json"))
    assert skipped == [str(FOLDER / "README.md")]
    posts = list(read_posts(inputs))
    # every post is a post of the topics the folder saved: none from the README's prose
    topics = {str(json.loads(p.read_text(encoding="utf-8"))["id"]) for p in FOLDER.glob("*.json")}
    assert {post.platform for post in posts} == {"discourse"}
    # each topic once, its root known by its id (a topic whose forum no avatar names has no address)
    assert {post.source_id for post in posts if post.is_article} == topics
    assert {post.url.split("/t/")[1].split("/")[0] for post in posts if post.url} <= topics


def test_a_readme_named_is_read():
    [post] = read_posts(expand_inputs([str(FOLDER / "README.md")]))
    assert post.platform == "web" and "Discourse" in post.text


def test_documentation_is_told_by_its_name_and_kind_of_file():
    for name in ("README.md", "readme.txt", "LICENSE", "LICENCE.md", "CHANGELOG.rst", "NOTICE", "COPYING", "AUTHORS"):
        assert is_documentation(f"exports/{name}"), name
    # pages and exports saved under names like them are inputs
    for name in ("readme.json", "license-thread.txt", "news.txt", "comments.md", "README.md.gz", "history.csv"):
        assert not is_documentation(f"exports/{name}"), name


def test_a_load_of_the_folder_says_what_it_left_out_in_one_line(tmp_path):
    store = str(tmp_path / "s.lbug")
    result = CliRunner().invoke(main, ["load", str(FOLDER), "--store", store, "--no-entities", "--workers", "1"])
    assert result.exit_code == 0, result.output
    lines = [line for line in result.stderr.splitlines() if "documentation" in line]
    assert lines == [f"Skipped 1 documentation file: {FOLDER / 'README.md'} (name one to read it)."]
    topics = len(list(FOLDER.glob("*.json"))) - sum(1 for p in FOLDER.glob("*_page[2-9].json"))
    assert f"Loaded {topics} threads," in result.stdout


def test_a_folder_of_documentation_alone_is_refused_in_one_line(tmp_path):
    (tmp_path / "README.md").write_text("# Exports\n\nThe threads of the forum, saved by hand.\n")
    (tmp_path / "LICENSE").write_text("CC BY-SA 4.0\n")
    result = CliRunner().invoke(main, ["load", str(tmp_path), "--store", str(tmp_path / "s.lbug"), "--workers", "1"])
    assert result.exit_code != 0
    assert result.stderr.strip().splitlines() == [
        f"Error: {tmp_path}: directory holds no input files but documentation (LICENSE, README.md)"
    ]
