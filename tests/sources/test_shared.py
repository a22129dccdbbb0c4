"""The helpers every structured reader shares: HTML to text and times to ISO 8601 UTC."""

from datetime import UTC, datetime, timedelta, timezone

import pytest

from graphkit.sources._shared import html_to_text, utc_iso


def test_html_to_text_paragraphs_entities_and_links():
    html = (
        '<p>Caf&eacute; &amp; b&#x27;ar&nbsp;here</p><p>See <a href="https://a.example/x?y=1&amp;z=2">this</a>'
        ' and <a href="https://b.example/long/path/name">https://b.example/long/pa...</a><br>'
        '<a href="/relative">local</a> <b>bold</b></p>'
    )
    assert html_to_text(html) == (
        "Café & b'ar here\n\nSee this (https://a.example/x?y=1&z=2) and https://b.example/long/path/name\nlocal bold"
    )


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
