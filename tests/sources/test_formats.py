"""`graphkit formats`: each format names the shape of input it expects."""

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
