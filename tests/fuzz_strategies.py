"""Hypothesis strategies for hostile discussion data: odd Unicode, URLs, HTML, numbers, nesting, and
each input format built from them (shared by the fuzz tests and ``bench/fuzz.py``)."""

from __future__ import annotations

import json
from datetime import UTC, datetime
from email.utils import format_datetime
from xml.sax.saxutils import escape

from hypothesis import strategies as st

# strings that broke, or could break, something downstream of a reader
HOSTILE = [
    "\udc00",
    "\ud800x",
    "\x00",
    "\u2028\u2029",
    "\ufeff",
    "\u200b",
    "'; MATCH (n) DETACH DELETE n; //",
    '"}) RETURN 1 //',
    "`backtick` ``",
    "</script><script>alert(1)</script>",
    "<!--",
    "\\",
    "$param",
    "{{x}}",
    "[deleted]",
    "\u0430lice",  # Cyrillic a: looks like "alice"
    "ＡＬＩＣＥ",
    "A\u0301",
    "\U0001f600" * 3,
    "𝔄𝔩𝔦𝔠𝔢",
    "ǅ",
    "ß",
    "İ",
    "\u202e",
    "...",
    "-- ",
    ">>> quoted",
    "\r\n",
    "&#0;&#xD800;&amp;&lt;",
]

URLS = [
    "http://smtp.example.edu.cn)([166.111.8.80]",
    "http://[166.111.8.80]/",
    "http://exa\u2100mple.com",
    "http://tanglei.name)。",
    "http://www.i3zhai.com)，我",
    "https://例え.jp/パス",
    "https://xn--r8jz45g.jp/",
    "http://[2001:db8::1]:80/x",
    "http://[::1",
    "http://[fe80::1%25eth0]/",
    "http://166.111.8.80:99999/",
    "http://a.com:port/",
    "https://en.wikipedia.org/wiki/Foo_(bar)",
    "www.",
    "http://" + "a" * 70 + ".com",
    "http://xn--/",
    "http://xn--zz.com/",
    "http://%zz.com/",
    "http://user@:80/",
    "https://disq.us/url?url=http%3A%2F%2Fx.com%2F%3Aabcdefghijklmnopqrstuvwxyz&c=1",
    "http://\udc00.com/",
    "http://a.b/\x00",
]

HTML = [
    '<a href="http://x.com/a">label</a>',
    '<a href="javascript:alert(1)">x</a>',
    "<a>",
    "</a></p>",
    "<p><b>bold<i>nest</b></i>",
    "<br/><br>",
    "<script>x</script>",
    "<![CDATA[x]]>",
    "&nbsp;&#10;&#x1F600;&bogus;",
    '<img src=x onerror="alert(1)">',
    "<a href='http://a.org/(x)'>http://a.org/(x)</a>",
    "<" * 5 + ">" * 5,
]


def _numbers() -> st.SearchStrategy:
    return st.one_of(
        st.integers(),
        st.integers(min_value=-(2**70), max_value=2**70),
        st.floats(allow_nan=True, allow_infinity=True),
        st.sampled_from([0, -1, 2**63, -(2**63) - 1, 10**30, 1e308, 1.5]),
    )


def text() -> st.SearchStrategy[str]:
    """Post text: arbitrary Unicode mixed with hostile strings, URLs, HTML and words."""
    piece = st.one_of(
        st.text(max_size=30),
        st.sampled_from(HOSTILE),
        st.sampled_from(URLS),
        st.sampled_from(HTML),
        st.sampled_from(["Vladimir Putin said", "in Paris", "NATO", "you", "Thanks for the link", "@bob", "\n\n"]),
    )
    return st.lists(piece, max_size=5).map(" ".join)


def scalar() -> st.SearchStrategy:
    """Any JSON scalar, hostile strings included."""
    return st.one_of(st.none(), st.booleans(), _numbers(), text(), st.sampled_from(["", " ", "t1_", "t3_x"]))


def json_value(max_leaves: int = 10) -> st.SearchStrategy:
    return st.recursive(
        scalar(),
        lambda inner: st.one_of(st.lists(inner, max_size=3), st.dictionaries(st.text(max_size=8), inner, max_size=3)),
        max_leaves=max_leaves,
    )


def small_id() -> st.SearchStrategy:
    """Ids from a small space, so parents, duplicates and cycles happen; sometimes not ids at all."""
    return st.one_of(st.sampled_from(["a", "b", "c", "1", "2", ""]), st.integers(0, 4), scalar())


def _deep(depth: int) -> str:
    return "[" * depth + "]" * depth


def dump_json(value: object) -> str:
    """JSON text of ``value``; lone surrogates become \\u escapes, as other tools write them."""
    return json.dumps(value, allow_nan=True)


@st.composite
def reddit(draw) -> bytes:
    """A Reddit dump (NDJSON of flat things) or an API comment page (nested replies)."""

    def thing(kind: str) -> dict:
        data = {
            "id": draw(small_id()),
            "subreddit": draw(st.one_of(st.just("news"), scalar())),
            "author": draw(st.one_of(st.sampled_from(["alice", "\u0430lice", "[deleted]"]), scalar())),
            "created_utc": draw(st.one_of(st.just(1480000000), scalar())),
            "edited": draw(st.one_of(st.just(False), scalar())),
            "permalink": draw(st.one_of(st.just("/r/x/"), scalar())),
        }
        if kind == "t1":
            data |= {
                "body": draw(text()),
                "parent_id": draw(st.one_of(st.sampled_from(["t3_a", "t1_b", "t1_c"]), scalar())),
                "link_id": draw(st.one_of(st.just("t3_a"), scalar())),
            }
        else:
            data |= {"title": draw(text()), "selftext": draw(text()), "url": draw(st.sampled_from(URLS))}
        return data

    if draw(st.booleans()):
        lines = [dump_json(thing(draw(st.sampled_from(["t1", "t3"])))) for _ in range(draw(st.integers(1, 6)))]
        lines += draw(st.lists(st.one_of(st.sampled_from(["{", "", _deep(3000), "[]", "null"]), text()), max_size=2))
        return "\n".join(lines).encode("utf-8", "surrogatepass")
    # a reply chain: drawn comments, repeated under new ids down to a depth json can still parse
    drawn = [thing("t1") for _ in range(draw(st.integers(0, 3)))]
    replies: object = ""
    for level in range(draw(st.sampled_from([0, 1, 2, 5, 150])) if drawn else 0):
        data = {**drawn[level % len(drawn)], "id": f"r{level}", "parent_id": f"t1_r{level + 1}", "replies": replies}
        replies = {"kind": "Listing", "data": {"children": [{"kind": "t1", "data": data}]}}
    page = [
        {"kind": "Listing", "data": {"children": [{"kind": "t3", "data": thing("t3")}]}},
        {"kind": "Listing", "data": {"children": [replies, {"kind": "more", "data": {"count": draw(scalar())}}]}},
    ]
    return dump_json(page).encode()


@st.composite
def hackernews(draw) -> bytes:
    """HN items: the search API's nested tree or official items as NDJSON."""

    def item(children: list) -> dict:
        value = {
            "id": draw(st.one_of(st.integers(0, 5), small_id())),
            "time": draw(st.one_of(st.just(1480000000), scalar())),
            "type": "comment",
            "by": draw(st.one_of(st.just("pg"), scalar())),
            "text": draw(st.one_of(st.sampled_from(HTML), text(), scalar())),
            "parent": draw(st.one_of(st.integers(0, 5), scalar())),
            "title": draw(st.one_of(text(), scalar())),
            "url": draw(st.one_of(st.sampled_from(URLS), scalar())),
            "deleted": draw(st.one_of(st.booleans(), scalar())),
        }
        if children:
            value["children"] = children
        if draw(st.booleans()):
            value["story_id"] = draw(st.one_of(st.integers(0, 5), scalar()))
        return value

    if draw(st.booleans()):
        return "\n".join(dump_json(item([])) for _ in range(draw(st.integers(1, 6)))).encode()
    # a reply chain: drawn items repeated under new ids, down to a depth json can still parse
    drawn = [item([]) for _ in range(draw(st.integers(1, 3)))]
    tree: list = []
    for level in range(draw(st.sampled_from([0, 1, 2, 5, 300]))):
        tree = [{**drawn[level % len(drawn)], "id": 100 + level, "children": tree}]
    return dump_json({**drawn[0], "children": tree}).encode()


@st.composite
def disqus(draw) -> bytes:
    """A Disqus export: threads and posts with odd ids, times, flags and HTML messages."""

    def field(strategy: st.SearchStrategy) -> str:
        return escape(str(draw(strategy)).encode("utf-8", "replace").decode())

    parts = [
        '<?xml version="1.0" encoding="utf-8"?>\n<disqus xmlns="http://disqus.com" '
        'xmlns:dsq="http://disqus.com/disqus-internals">'
    ]
    for _ in range(draw(st.integers(0, 3))):
        parts.append(
            f'<thread dsq:id="{field(small_id())}"><id>{field(text())}</id><link>{field(st.sampled_from(URLS))}'
            f"</link><title>{field(text())}</title><message><![CDATA[{draw(st.sampled_from(HTML))}]]></message>"
            f"<createdAt>{field(st.one_of(st.just('2016-01-01T00:00:00Z'), scalar()))}</createdAt></thread>"
        )
    for _ in range(draw(st.integers(0, 6))):
        parent = f'<parent dsq:id="{field(small_id())}"/>' if draw(st.booleans()) else ""
        cdata = draw(st.one_of(st.sampled_from(HTML), text())).replace("]]>", "").encode("utf-8", "replace").decode()
        parts.append(
            f'<post dsq:id="{field(small_id())}"><message><![CDATA[{cdata}]]></message>'
            f"<createdAt>{field(st.one_of(st.just('2016-01-01T00:00:00Z'), scalar()))}</createdAt>"
            f"<isDeleted>{field(st.sampled_from(['false', 'true', 'x']))}</isDeleted>"
            f"<isSpam>{field(st.sampled_from(['false', 'true']))}</isSpam>"
            f"<author><name>{field(text())}</name><username>{field(text())}</username>"
            f"<isAnonymous>{field(st.sampled_from(['false', 'true']))}</isAnonymous></author>"
            f'<thread dsq:id="{field(small_id())}"/>{parent}</post>'
        )
    parts.append("</disqus>")
    return "\n".join(parts).encode()


@st.composite
def wxr(draw) -> bytes:
    """A WordPress export: items with comments of odd ids, parents, types, approvals, users and dates."""

    def field(strategy: st.SearchStrategy) -> str:
        return escape(str(draw(strategy)).encode("utf-8", "replace").decode())

    def date() -> str:
        return field(st.one_of(st.just("2016-01-01 00:00:00"), st.just("0000-00-00 00:00:00"), scalar()))

    parts = [
        '<?xml version="1.0" encoding="utf-8"?>\n<rss xmlns:wp="http://wordpress.org/export/1.2/" '
        'xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:content="http://purl.org/rss/1.0/modules/content/">'
        "<channel>"
    ]
    for _ in range(draw(st.integers(0, 2))):
        parts.append(
            f"<wp:author><wp:author_id>{field(small_id())}</wp:author_id><wp:author_login>{field(text())}"
            f"</wp:author_login><wp:author_display_name>{field(text())}</wp:author_display_name></wp:author>"
        )
    for _ in range(draw(st.integers(0, 3))):
        parts.append(
            f"<item><title>{field(text())}</title><link>{field(st.sampled_from(URLS))}</link>"
            f"<dc:creator>{field(text())}</dc:creator><wp:post_id>{field(small_id())}</wp:post_id>"
            f"<content:encoded><![CDATA[{draw(st.sampled_from(HTML))}]]></content:encoded>"
            f"<wp:post_date_gmt>{date()}</wp:post_date_gmt>"
        )
        for _ in range(draw(st.integers(0, 4))):
            cdata = draw(st.one_of(st.sampled_from(HTML), text())).replace("]]>", "").encode("utf-8", "replace")
            parts.append(
                f"<wp:comment><wp:comment_id>{field(small_id())}</wp:comment_id>"
                f"<wp:comment_author>{field(text())}</wp:comment_author>"
                f"<wp:comment_author_email>{field(text())}</wp:comment_author_email>"
                f"<wp:comment_date_gmt>{date()}</wp:comment_date_gmt>"
                f"<wp:comment_content><![CDATA[{cdata.decode()}]]></wp:comment_content>"
                f"<wp:comment_approved>{field(st.sampled_from(['1', '0', 'spam', 'trash']))}</wp:comment_approved>"
                f"<wp:comment_type>{field(st.sampled_from(['', 'comment', 'pingback']))}</wp:comment_type>"
                f"<wp:comment_parent>{field(st.one_of(st.just('0'), small_id()))}</wp:comment_parent>"
                f"<wp:comment_user_id>{field(st.one_of(st.just('0'), small_id()))}</wp:comment_user_id></wp:comment>"
            )
        parts.append("</item>")
    parts.append("</channel></rss>")
    return "\n".join(parts).encode()


@st.composite
def mbox(draw) -> bytes:
    """An mbox archive: headers that refer to each other, odd dates and charsets, nested quotes."""
    messages = []
    for n in range(draw(st.integers(1, 5))):
        when = draw(st.datetimes(min_value=datetime(1, 1, 2), max_value=datetime(9999, 12, 30)))
        refs = " ".join(f"<{draw(small_id())}@x>" for _ in range(draw(st.integers(0, 3))))
        quote = ">" * draw(st.integers(0, 40))
        headers = {
            "From": draw(st.one_of(st.just("Ann <ann@example.org>"), text())),
            "Message-ID": draw(st.one_of(st.just(f"<m{n}@x>"), st.just(f"<{draw(small_id())}@x>"), text())),
            "In-Reply-To": draw(st.one_of(st.just(refs), text())),
            "References": refs,
            "Date": draw(st.one_of(st.just(format_datetime(when.replace(tzinfo=UTC))), text())),
            "Subject": draw(text()),
            "Content-Type": draw(
                st.sampled_from(
                    [
                        "text/plain; charset=utf-8",
                        "text/html",
                        "text/plain; charset=x-bogus",
                        "multipart/alternative; boundary=b",
                        "text/plain; charset=utf-7",
                    ]
                )
            ),
        }
        head = "".join(
            f"{k}: {v}\n".replace("\n\n", "\n") for k, v in headers.items() if draw(st.booleans()) or k == "From"
        )
        body = f"{draw(text())}\n\nOn Monday Ann wrote:\n{quote} {draw(text())}\n-- \nsig\n"
        messages.append(f"From ann@example.org Mon Jan  1 00:00:00 2024\n{head}\n{body}\n")
    return "".join(messages).encode("utf-8", "replace")


@st.composite
def tabular_jsonl(draw) -> bytes:
    rows = []
    for _ in range(draw(st.integers(1, 4))):
        row = {
            "id": draw(small_id()),
            "parent": draw(st.one_of(st.none(), small_id())),
            "thread": draw(st.one_of(st.none(), small_id())),
            "author": draw(st.one_of(st.sampled_from(["alice", "\u0430lice", "ALICE"]), scalar())),
            "text": draw(st.one_of(text(), scalar(), json_value())),
            "time": draw(st.one_of(st.just("2020-01-01T00:00:00"), scalar())),
            "user": {"name": draw(scalar())},
        }
        rows.append(dump_json(row))
    rows += draw(st.lists(st.sampled_from(["{", _deep(100_000), "[1, 2]", '"x"', "{}"]), max_size=2))
    return "\n".join(rows).encode()


@st.composite
def tabular_csv(draw) -> bytes:
    import csv
    import io

    out = io.StringIO()
    writer = csv.writer(out, delimiter=draw(st.sampled_from([",", ";", "\t"])))
    writer.writerow(["id", "parent", "thread", "author", "text", "time"])
    for _ in range(draw(st.integers(0, 4))):
        row = [draw(small_id()), draw(small_id()), draw(small_id()), draw(text()), draw(text()), draw(scalar())]
        writer.writerow([str(v).encode("utf-8", "replace").decode() for v in row])
    extra = draw(st.sampled_from(["", '"unterminated\n', "a,b\n", "x" * 10_000 + "\n"]))
    return (out.getvalue() + extra).encode()


@st.composite
def page_text(draw) -> bytes:
    # with a question-and-answer site's signing lines: its question's "asked …", a writer's reputation, a comment's
    # "– Name" over its date
    shown = ["", "", "Ann Smith", "2 days ago", "Bob .", "asked Jul 13 at 15:34", "answered yesterday", "– Bob", "15"]
    lines = draw(st.lists(st.one_of(text(), st.sampled_from(shown)), max_size=20))
    return "\n".join(lines).encode("utf-8", "replace")
