"""An API's error response saved in place of the posts asked for is refused in one line, whatever reads it."""

import json

import pytest
from click.testing import CliRunner

from graphkit.cli import main

# error responses as the APIs document them: what a collector saves when it writes the body it got, whatever its status
RESPONSES = {
    "twitter-v1": {"errors": [{"code": 88, "message": "Rate limit exceeded"}]},
    "twitter-v2": {"title": "Too Many Requests", "detail": "Too Many Requests", "type": "about:blank", "status": 429},
    "reddit": {"message": "Too Many Requests", "error": 429},
    "mastodon": {"error": "Record not found"},
    "bluesky": {"error": "InvalidRequest", "message": "Profile not found"},
    "youtube": {
        "error": {
            "code": 403,
            "message": "The request cannot be completed because you have exceeded your quota.",
            "errors": [{"message": "quota", "domain": "youtube.quota", "reason": "quotaExceeded"}],
        }
    },
    "discourse": {"errors": ["You've performed this action too many times."], "error_type": "rate_limit"},
    "telegram": {"ok": False, "error_code": 429, "description": "Too Many Requests: retry after 5"},
    "github": {"message": "Not Found", "documentation_url": "https://docs.github.com/rest", "status": "404"},
    "algolia": {"message": "Too many requests", "status": 429},
    "generic": {"error": "Too Many Requests", "status": 429},
}

# what a response says went wrong, where it says it at its top, in its error's object or in its first error
SAYS = {
    "generic": "Too Many Requests",
    "twitter-v1": "Rate limit exceeded",
    "discourse": "You've performed this action too many times.",
}


@pytest.mark.parametrize("fmt", [None, "tabular"])
@pytest.mark.parametrize("name", list(RESPONSES))
def test_an_api_error_response_saved_as_a_file_is_refused_in_one_line(tmp_path, name, fmt):
    """A collector that writes what the API answered saves an error response as it saves a page of posts. Before,
    one whose keys a table reader knows ("message", "title") loaded as one post known by its place in the file, one
    with a list ("errors") was refused as rows under a key, others were "unknown input format"; now each is refused
    in one line saying what it is, a non-zero exit, the store left unmade, with the format named too. Alone in a
    .json file (a byte-order mark before it too), or as the lines of a JSONL file."""
    store = tmp_path / "s.lbug"
    for path, text in (
        (tmp_path / f"{name}.json", json.dumps(RESPONSES[name], indent=2)),
        (tmp_path / f"{name}.jsonl", (json.dumps(RESPONSES[name]) + "\n") * 2),
        (tmp_path / f"{name}-bom.json", "\ufeff" + json.dumps(RESPONSES[name])),  # as a Windows tool writes it
    ):
        path.write_text(text, encoding="utf-8")
        args = ["load", str(path), "--store", str(store), "--no-entities", *(["--format", fmt] if fmt else [])]
        result = CliRunner().invoke(main, args)
        assert result.exit_code != 0 and not isinstance(result.exception, AssertionError)
        (line,) = result.output.strip().splitlines()
        assert line.startswith(f"Error: {path}: looks like an API error response, not posts"), line
        assert name not in SAYS or line.endswith(f"({SAYS[name]})")  # what the response says, in a list too
        assert not store.exists()


def test_posts_that_hold_error_or_status_fields_are_read(tmp_path):
    """A row of posts may hold a field an error response holds ("status", "message", "title"): read as posts."""
    path = tmp_path / "rows.jsonl"
    rows = [{"id": "1", "message": "Status: 429 again", "status": 429}, {"id": "2", "message": "ok", "status": 200}]
    path.write_text("".join(json.dumps(r) + "\n" for r in rows), encoding="utf-8")
    result = CliRunner().invoke(main, ["load", str(path), "--store", str(tmp_path / "s.lbug"), "--no-entities"])
    assert result.exit_code == 0, result.output
    assert f"{len(rows)} posts" in result.output
