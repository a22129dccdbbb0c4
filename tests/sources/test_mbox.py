"""mbox: a mailing-list archive with MIME parts, quotes, signatures and a broken thread."""

import gzip

import pytest

from graphkit import schema
from graphkit.errors import InputError
from graphkit.sources import DUPLICATE, MISSING_PARENT, MISSING_ROOT, detect, expand_inputs
from graphkit.sources.mbox import split_reply

ROOT = "root.1478608496@lists.example.org"
BOB, CAROL, DAVE = "bob.1478608600@example.net", "carol.1478608700@example.com", "dave.1478608800@example.com"
ERIN, FRANK, GINA = "erin.1478608900@example.com", "frank.1478609400@example.com", "gina.1478609100@example.com"
HAL = "hal.1478609200@example.com"

TREE = {
    ROOT: (None, True),
    FRANK: (BOB, False),
    BOB: (ROOT, False),
    CAROL: (BOB, False),
    DAVE: (CAROL, False),
    ERIN: (DAVE, False),
    GINA: (None, False),
    HAL: (None, True),
}


def test_threads_parents_and_report(read, shape, data):
    posts, report = read("list.mbox")
    assert [p.source_id for p in posts] == list(TREE)
    assert shape(posts) == TREE
    thread = schema.article_id("mbox", ROOT)
    assert all(p.thread == thread for p in posts if p.source_id != HAL)
    by = {p.source_id: p for p in posts}
    assert by[GINA].parent_missing and by[HAL].thread == by[HAL].id
    assert by[ROOT].title == "[discuss] Palmyra & what Lavrov said" and by[HAL].title == "Re: [discuss] An older thread"
    assert by[ROOT].url == "https://lists.example.org/archives/discuss/2016-November/000101.html"
    name = str(data / "list.mbox")
    assert report.counts == {DUPLICATE: 1, MISSING_PARENT: 1, MISSING_ROOT: 1}
    assert report.locations == {
        DUPLICATE: [f"{name}#{DAVE}"],  # the second delivery of dave's message (line 102)
        MISSING_PARENT: [f"{name}:112"],
        MISSING_ROOT: [f"{name}:123"],
    }


def test_authors_addresses_times_and_positions(read):
    posts, _ = read("list.mbox")
    by = {p.source_id: p for p in posts}
    authors = ["Alice Example", "Bob Büilder", "Carol", "dave@example.com"]  # dave gave no display name
    assert [by[k].author for k in (ROOT, BOB, CAROL, DAVE)] == authors
    assert by[BOB].meta == {"email": "bob@example.net"}
    assert by[ROOT].created == "2016-11-08T12:34:56Z"
    assert by[FRANK].created == "2016-11-08T12:50:00Z"  # sent at 13:50 +0100
    # positions are in reading order: the skipped second delivery of dave's message keeps its place
    assert [by[k].position for k in (ROOT, FRANK, BOB, CAROL, GINA)] == [0, 1, 2, 3, 7]


def test_mime_quotes_and_signature(read):
    posts, _ = read("list.mbox")
    by = {p.source_id: p for p in posts}
    assert by[ROOT].text.endswith("Report: https://example.org/report?id=1\n\nFrom the desk,\nAlice")
    # quoted-printable utf-8; attribution and signature dropped; the quote kept apart
    assert by[BOB].text == "I doubt it, says Zürich."
    assert by[BOB].quoted == ("Lavrov said the truce would hold.\nReport: https://example.org/report?id=1",)
    # base64 text/plain chosen over the HTML alternative; the nested quote belongs to the root
    assert by[CAROL].text == "Me too — naïve optimism." and by[CAROL].quoted == ("I doubt it, says Zürich.",)
    assert by[DAVE].text == "Source & context: UN News (https://news.un.org/en/story/2016/11/545012)"
    assert by[ERIN].text == "Five deep, from a café.\nFrom here on it is escaped, not quoted."


def test_split_reply_wrapped_attribution_and_signature():
    text = (
        "Agreed.\n\nOn Tue, Nov 8, 2016 at 12:34 PM, Alice Example <\nalice@example.org> wrote:\n\n"
        "> first line\n> second line\n>\n> > older\n\nMy answer.\n-- \nsig line\n"
    )
    assert split_reply(text) == ("Agreed.\n\nMy answer.", ("first line\nsecond line",))


def test_gzip_and_detection(tmp_path, read, data):
    path = tmp_path / "list.mbox.gz"
    path.write_bytes(gzip.compress((data / "list.mbox").read_bytes()))
    (inp,) = expand_inputs([str(path)])
    assert detect(inp).name == "mbox"
    assert [p.id for p in read(path)[0]] == [p.id for p in read("list.mbox")[0]]


def test_not_mbox_is_one_input_error(tmp_path, read):
    path = tmp_path / "notes.mbox"
    path.write_text("Subject: no separator line\n\nbody\n", encoding="utf-8")
    with pytest.raises(InputError, match=r"notes\.mbox: not an mbox file"):
        read(path, "mbox")
