"""The helpers every structured reader shares: HTML to text, times to ISO 8601 UTC, JSON lines."""

import json
import time
from datetime import UTC, datetime, timedelta, timezone

import pytest
from hypothesis import given
from hypothesis import strategies as st

from graphkit.sources import text
from graphkit.sources._shared import (
    Ancestry,
    html_to_text,
    list_sender,
    loads_line,
    shown_text,
    utc_iso,
    zone_offset,
)
from tests.fuzz_strategies import scalar


def test_html_to_text_paragraphs_entities_and_links():
    html = (
        '<p>Caf&eacute; &amp; b&#x27;ar&nbsp;here</p><p>See <a href="https://a.example/x?y=1&amp;z=2">this</a>'
        ' and <a href="https://b.example/long/path/name">https://b.example/long/pa...</a><br>'
        '<a href="/relative">local</a> <b>bold</b></p>'
    )
    assert html_to_text(html) == (
        "Café & b'ar here\n\nSee this (https://a.example/x?y=1&z=2) and https://b.example/long/path/name\nlocal bold"
    )


@pytest.mark.parametrize(
    ("kept", "shown"),
    [
        ("&gt; quoted\n\nAT&amp;T isn&#x27;t", "> quoted\n\nAT&T isn't"),  # escaped for HTML
        ("&gt; quoted<p>an answer", "> quoted\n\nan answer"),  # HTML
        ("I <3 Q&amp;A", "I <3 Q&amp;A"),  # a raw "<": never escaped, so written as meant
        ("ask <username> &amp; see", "ask <username> &amp; see"),
        ("fish & chips; R&D", "fish & chips; R&D"),
    ],
)
def test_shown_text_unescapes_only_what_a_tool_escaped(kept, shown):
    assert shown_text(kept) == shown


def test_html_to_text_plain_text_passes_through():
    assert html_to_text("  just   text \n\n\n\n more ") == "just text\n\nmore"


@pytest.mark.parametrize(
    "value",
    [
        1478608496,
        1478608496.0,
        "1478608496",
        "2016-11-08T12:34:56Z",
        "2016-11-08T12:34:56.000Z",
        "2016-11-08 12:34:56",
        "2016-11-08T13:34:56+01:00",
        datetime(2016, 11, 8, 7, 34, 56, tzinfo=timezone(timedelta(hours=-5))),
        datetime(2016, 11, 8, 12, 34, 56, tzinfo=UTC),
    ],
)
def test_utc_iso_accepts_unix_seconds_and_iso_strings(value):
    assert utc_iso(value) == "2016-11-08T12:34:56Z"


@pytest.mark.parametrize("value", ["yesterday", "", None, True, [1], 1e20])
def test_utc_iso_rejects_non_times(value):
    with pytest.raises(ValueError):
        utc_iso(value)


@given(st.one_of(st.integers(min_value=-(2**40), max_value=2**40), st.sampled_from([0, 86399, 253402300799, -1])))
def test_utc_iso_of_whole_seconds_is_what_datetime_says(seconds):
    """Whole seconds are formatted day by day; the text is datetime's, and so is the error past year 9999, but for a
    number of 13 digits: milliseconds (``test_utc_iso_reads_13_digits_as_milliseconds``)."""
    whole = seconds // 1000 if 10**12 <= seconds < 10**13 else seconds
    try:
        expected = datetime.fromtimestamp(whole, UTC).strftime("%Y-%m-%dT%H:%M:%SZ")
    except (OverflowError, OSError, ValueError):
        with pytest.raises(ValueError):
            utc_iso(seconds)
        return
    assert utc_iso(seconds) == expected
    assert utc_iso(str(seconds)) == expected
    assert utc_iso(f"{seconds}.0") == expected


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        (10**12, "2001-09-09T01:46:40Z"),
        (1478608496000, "2016-11-08T12:34:56Z"),
        (1478608496999, "2016-11-08T12:34:56Z"),
        (1478608496999.0, "2016-11-08T12:34:56Z"),
        ("1478608496999", "2016-11-08T12:34:56Z"),
        (10**13 - 1, "2286-11-20T17:46:39Z"),
        (10**12 - 1, None),
        (10**13, None),
    ],
)
def test_utc_iso_reads_13_digits_as_milliseconds(value, expected):
    """A number of 13 digits is unix milliseconds (JavaScript's times: a "createdAt" of 1478608496000), read to the
    second: as seconds it is past year 9999, so it is no time of seconds, and the rule is the range 10**12 to
    10**13 - 1, 2001-09-09 to 2286-11-20. A number of 12 digits stays seconds (past 9999 there, no time), and one of
    14 is no time. Before, every time in milliseconds was "unreadable"."""
    if expected is None:
        with pytest.raises(ValueError):
            utc_iso(value)
    else:
        assert utc_iso(value) == expected


_JSON_LINES = st.one_of(
    st.builds(
        lambda value, tail: (json.dumps(value) + tail).encode(),
        st.dictionaries(st.text(max_size=5), scalar()),
        st.sampled_from(["", "\n", " \r\n", "\t", "\x0b\n", "\xa0\n", "x", "{}", ",", "]"]),
    ),
    st.binary(max_size=40).map(lambda b: b"{" + b),
    st.sampled_from([b'{"a": "\\ud800"}', b'{"a": NaN}', b'{"a": 1e999}', b'{"a": 1}\x00', b"{\x00}", b'{"a":"\xff"}']),
)


@given(_JSON_LINES)
def test_a_json_line_reads_as_json_loads_reads_it(line):
    """The dump reader's line decoding gives ``json.loads``' value, or fails where it fails."""
    try:
        expected = ("value", json.loads(line))
    except (ValueError, RecursionError) as exc:
        expected = ("error", type(exc))
    try:
        got = ("value", loads_line(line))
    except (ValueError, RecursionError) as exc:
        got = ("error", type(exc))
    assert repr(got) == repr(expected)  # repr: NaN is no value equal to itself


@pytest.mark.parametrize(
    ("name", "read"),
    [
        ("'Paul E. McKenney' via kasan-dev", ("Paul E. McKenney", "kasan-dev")),
        ("Chao Yu via Linux-f2fs-devel", ("Chao Yu", "Linux-f2fs-devel")),
        ("'刘海燕 (Haiyan Liu)' via kasan-dev (Haiyan)", ("刘海燕 (Haiyan Liu)", "kasan-dev")),
        ("Jane Doe", None),
    ],
)
def test_a_sender_a_list_rewrote_reads_as_its_writer_and_list_in_one_place(name, read):
    """The mbox reader (a mail's From) and the text reader (an archive page's author line) read a sender a list
    rewrote by one rule, so both name the same writer."""
    assert list_sender(name) == read
    if read:
        assert text.author_name(name) == read[0]


def _walked_root(parent: dict[int, int | None], named: dict[int, int], key: int) -> tuple[int, bool]:
    """A thread's root found by walking up from ``key`` alone, as the first pass states it."""
    seen = set()
    while key not in seen:
        seen.add(key)
        if key in named:
            return named[key], named[key] in parent
        up = parent[key]
        if up is None:
            return key, True
        if up not in parent:
            return up, False
        key = up
    return key, False


@given(
    st.dictionaries(st.integers(0, 30), st.none() | st.integers(0, 40), max_size=30),
    st.dictionaries(st.integers(0, 30), st.integers(0, 40), max_size=5),
    st.permutations(range(31)),
)
def test_ancestry_roots_are_those_a_walk_from_each_key_finds(parent, named, order):
    """Whatever the order keys are asked in, each key's root is the one a walk from it alone finds: loops, chains
    into loops, named roots and parents not in the input alike."""
    tree: Ancestry[int] = Ancestry()
    for key, up in parent.items():
        tree.add(key, up, named.get(key))
    named = {k: r for k, r in named.items() if k in parent}
    for key in (k for k in order if k in parent):
        assert tree.root(key) == _walked_root(parent, named, key)


@pytest.mark.parametrize("shape", ["chain", "loop"])
def test_ancestry_walks_a_deep_chain_once(shape):
    """Each key of a chain of 100,000 (a reply chain in a CSV, each row answering the one before) or of a loop is
    walked once, however many of its keys are asked (before: each walked to the top, 50,000 rows over 90 s)."""
    tree: Ancestry[int] = Ancestry()
    n = 100_000
    tree.add(0, n - 1 if shape == "loop" else None)
    for key in range(1, n):
        tree.add(key, key - 1)
    started = time.process_time()
    roots = [tree.root(key) for key in range(n - 1, -1, -1)]
    spent = time.process_time() - started  # CPU time: other processes cannot make it fail
    assert roots == ([(0, True)] * n if shape == "chain" else [(key, False) for key in range(n - 1, -1, -1)])
    assert spent < 3.0  # about 0.1 s


@pytest.mark.parametrize("zone", ["UTC+99", "GMT-24", "UTC+2400", "UTC+5:60", "UTC+0575"])
def test_an_offset_of_a_day_or_more_is_no_zone(zone):
    """An offset "UTC+99" was one of four days, which Python's time zones refuse: a labelled page dated
    "2/27/2022, 11:53:21 PM UTC+99" ended the run with an unexpected ValueError; now no zone, the time unread."""
    assert zone_offset(zone) is None
    with pytest.raises(ValueError, match="2021"):
        utc_iso(f"2021-02-28 22:00:19 {zone}")
    page = f"Topic\n\nAuthor: alice\nDate: 2/27/2022, 11:53:21 PM {zone}\n\nHi.\n\nAuthor: bob\n"
    posts = list(text.parse(page + "Date: 2/28/2022, 1:00:00 AM\n\nReply.\n", "page"))
    assert [(p.author, p.created) for p in posts] == [("alice", ""), ("bob", "2022-02-28T01:00:00Z")]
    assert zone_offset("UTC+23:59") == timedelta(hours=23, minutes=59)
    assert zone_offset("GMT-0530") == -timedelta(hours=5, minutes=30)


@pytest.mark.parametrize(
    ("zone", "hours", "read"),
    [("PST", None, ""), ("MST", None, ""), ("CDT", None, ""), ("PDT", -7, "05:00:19"), ("EST", -5, "03:00:19")],
)
def test_an_abbreviation_naming_several_zones_is_not_guessed(zone, hours, read):
    """Zones "PST" (the Philippines' too, UTC+8), "MST" (Malaysia's) and "CDT" (Cuba's) were read as the US's, as
    "CST" and "IST" already are not: a time so written is not read."""
    assert zone_offset(zone) == (None if hours is None else timedelta(hours=hours))
    if read:
        assert utc_iso(f"2021-02-28 22:00:19 {zone}") == f"2021-03-01T{read}Z"
    else:
        with pytest.raises(ValueError, match="2021"):
            utc_iso(f"2021-02-28 22:00:19 {zone}")
