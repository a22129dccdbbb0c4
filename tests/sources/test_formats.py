"""`graphkit formats`: each format names the shape of input it expects."""

import json
import subprocess
import sys

from click.testing import CliRunner

from graphkit.cli import main


def test_formats_says_what_each_format_expects():
    lines = CliRunner().invoke(main, ["formats"]).stdout.splitlines()
    expects = {
        "reddit": ("parent_id", "replies"),
        "telegram": ("result.json", "reply_to_message_id", "from_id", "forwarded_from"),
        "youtube": ("yt-dlp", "--write-comments", "parent", "author_id"),
        "discourse": ("post_stream", "reply_to_post_number", "cooked"),
        "mastodon": ("in_reply_to_id", "context", "outbox.json", "inReplyTo", "quote"),
        "bluesky": ("getPostThread", "replies", "did", "facets", "quote"),
        "hackernews": ("children", "comments", "parent"),
        "disqus": ("<thread>", "<post>", "guests", "e-mail"),
        "wxr": ("WordPress", "wp:comment", "pingbacks", "Disqus"),
        "mbox": ("Message-ID", "In-Reply-To"),
        "tabular": ("id", "text", "--map"),
        "text": ("author line", "not code or data"),
    }
    assert [line.split()[0] for line in lines] == list(expects)
    for line, words in zip(lines, expects.values(), strict=True):
        assert all(word in line for word in words), line


def test_detection_tries_formats_in_order_importing_only_the_readers_it_reaches(tmp_path):
    """A Reddit dump, the first format tried, is told without importing the other readers (a tenth of a second of
    every load's start); prose, told by the last format, after every other one was tried, in ``formats``' order."""
    dump = tmp_path / "dump.ndjson"
    dump.write_text(
        '{"id": "c1", "parent_id": "t3_a", "link_id": "t3_a", "author": "x", "body": "hi", "subreddit": "r"}\n'
    )
    prose = tmp_path / "notes.txt"
    prose.write_text("Just a few words of plain prose, written by someone.\n")
    script = (
        "import json, sys\n"
        "from graphkit import sources\n"
        "told = sources.detect(sources.expand_inputs([sys.argv[1]])[0]).name\n"
        "readers = sorted(m for m in sys.modules if m.startswith('graphkit.sources.'))\n"
        "last = sources.detect(sources.expand_inputs([sys.argv[2]])[0]).name\n"
        "print(json.dumps([told, readers, last, [f.name for f in sources._in_order()] == list(sources.formats())]))\n"
    )
    run = subprocess.run([sys.executable, "-c", script, str(dump), str(prose)], capture_output=True, text=True)
    told, readers, last, same_order = json.loads(run.stdout)
    assert told == "reddit"
    assert set(readers) <= {"graphkit.sources._shared", "graphkit.sources.error_responses", "graphkit.sources.reddit"}
    assert last == "text"
    assert same_order
