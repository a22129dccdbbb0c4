"""Real exports cut so that a stated parent is missing: the answer answers that parent's stub, exactly, and a later
file holding the parent fills the stub. The files are the real ones of tests/data/real (see the README files there),
cut here as noted in each test (a post removed, a page or half a chat or month saved apart, a post marked spam, as
a later moderation leaves it); ground truth from the cut file itself, with the standard library
(``tests.test_real_exports``' truths, independent of graphkit's readers). The load order of the cut file and the
file holding the parent changes no count, and loading both again changes nothing."""

from __future__ import annotations

import json
import mailbox
import re
from collections import Counter
from pathlib import Path

import pytest

from tests.cli_runs import assert_stated_parents, run, store_rows
from tests.test_real_exports import REAL, Truth, _discourse, _disqus, _mbox, _telegram, _wxr


def _load(store: str, *paths: Path) -> str:
    return run("load", *map(str, paths), "--store", store, "--no-entities", "--workers", "1")


def _counts(store: str) -> list[tuple[str, int]]:
    """How many posts, stubs among them, stated and inferred replies and writings the store holds: what the files
    state. Not what a load infers from what it holds (a quote matched to a post it read, a name mentioned to an
    account writing in it), which the order of the loads may tell apart by design."""
    posts = store_rows(store, "MATCH (n) WHERE label(n) IN ['Article', 'Comment'] RETURN label(n) AS kind, n.stub AS s")
    edges = store_rows(
        store, "MATCH ()-[r]->() WHERE label(r) IN ['REPLY_TO', 'WROTE'] RETURN label(r) AS kind, r.inferred AS s"
    )
    return sorted(Counter((row["kind"], bool(row["s"])) for row in posts + edges).items())


def _either_order(tmp_path: Path, cut: list[Path], holding: list[Path]) -> str:
    """Loads ``cut`` and ``holding`` (which holds what ``cut`` lacks) in both orders and each twice: the same counts
    every way; the store of the cut file first, then the other, which fills the cut file's stubs."""
    counts, stores = [], []
    for first, then in ((cut, holding), (holding, cut)):
        store = str(tmp_path / f"{len(stores)}.lbug")
        _load(store, *first)
        _load(store, *then)
        counts.append(_counts(store))
        _load(store, *first)
        _load(store, *then)
        assert _counts(store) == counts[-1]
        stores.append(store)
    assert counts[0] == counts[1]
    return stores[0]


def _stated(truth: Truth, store: str) -> None:
    """Every comment of ``truth`` answers exactly what its file states; the parents it lacks are stubs."""
    assert set(truth.parent) | truth.unstated == truth.comments
    assert_stated_parents(store, truth.parent, truth.stubs, frozenset(truth.unstated))


def _cut_disqus(text: str, remove: str, spam: str) -> str:
    """A Disqus export without post ``remove``, and post ``spam`` marked spam."""
    block = re.compile(rf'<post dsq:id="{remove}">.*?</post>\s*', re.S)
    text, n = block.subn("", text)
    marked = re.compile(rf'(<post dsq:id="{spam}">.*?<isSpam>)false(</isSpam>)', re.S)
    text, m = marked.subn(r"\1true\2", text)
    assert n == m == 1
    return text


def test_a_disqus_export_lacking_a_parent_or_holding_it_as_spam_answers_its_stub(tmp_path):
    """A real Disqus export cut: one answered post removed (an export of a date range would lack it), another marked
    spam (its reply, written before the moderator's call, still answers it). Both answers answer the post their
    ``<parent>`` names, a stub without text or writer; the real export, loaded before or after, fills both."""
    full = REAL / "disqus" / "laisky-blog.xml"
    answered = re.findall(r'<parent dsq:id="(\d+)"', full.read_text("utf-8"))
    remove, spam = answered[0], answered[-1]  # far apart: neither answers the other
    cut = tmp_path / "cut.xml"
    cut.write_text(_cut_disqus(full.read_text("utf-8"), remove, spam), "utf-8")
    truth = _disqus(cut)
    assert truth.stubs == {remove, spam}
    store = str(tmp_path / "cut.lbug")
    out = _load(store, cut)
    assert f"{sum(p in truth.stubs for p in truth.parent.values())} parents not in input" in out
    _stated(truth, store)
    _stated(_disqus(full), _either_order(tmp_path, [cut], [full]))


def test_a_wordpress_export_lacking_a_parent_or_holding_it_as_spam_answers_its_stub(tmp_path):
    """WordPress's theme unit test data cut: a comment of its long reply chain removed, another marked spam. The
    comments answering them answer their ``comment_parent``'s stub, without text or writer, never the article; the
    real export fills both, loaded before or after."""
    full = REAL / "wxr" / "theme-unit-test.xml"
    text = full.read_text("utf-8")
    blocks = {
        re.search(r"<wp:comment_id>(\d+)</wp:comment_id>", b[0])[1]: b[0]
        for b in re.finditer(r"<wp:comment>.*?</wp:comment>\s*", text, re.S)
    }
    answered = [p for p in re.findall(r"<wp:comment_parent>(\d+)</wp:comment_parent>", text) if p != "0"]
    remove, spam = answered[0], next(p for p in answered if p != answered[0])
    approved = re.compile(r"<wp:comment_approved>[^<]*</wp:comment_approved>")
    spammed = approved.sub("<wp:comment_approved>spam</wp:comment_approved>", blocks[spam])
    cut = text.replace(blocks[remove], "").replace(blocks[spam], spammed)
    path = tmp_path / "cut.xml"
    path.write_text(cut, "utf-8")
    truth = _wxr(path)
    assert truth.stubs == {remove, spam}
    store = str(tmp_path / "cut.lbug")
    _load(store, path)
    _stated(truth, store)
    _stated(_wxr(full), _either_order(tmp_path, [path], [full]))


def test_a_discourse_page_saved_alone_answers_the_posts_of_the_other_pages_as_stubs(tmp_path):
    """The fourth page of a real topic saved alone answers posts of the first three (and of none: a post deleted
    before the crawl): each a stub known by its number, as the post is; the other pages, loaded before or after,
    fill those they hold."""
    pages = sorted((REAL / "discourse").glob("topic_163247_page*.json"))
    last, rest = pages[-1], pages[:-1]
    alone, whole = tmp_path / "alone", tmp_path / "whole"
    alone.mkdir()
    whole.mkdir()
    (alone / last.name).write_bytes(last.read_bytes())
    for page in pages:
        (whole / page.name).write_bytes(page.read_bytes())
    truth = _discourse(alone)
    assert len(truth.stubs) > len(_discourse(whole).stubs)
    store = str(tmp_path / "alone.lbug")
    _load(store, alone / last.name)
    _stated(truth, store)
    _stated(_discourse(whole), _either_order(tmp_path, [last], rest))


def _halves(path: Path, folder: Path) -> tuple[Path, Path]:
    """A real Telegram chat as two exports of a date range each: its earlier and its later messages."""
    chat = json.loads(path.read_text("utf-8"))
    half = len(chat["messages"]) // 2
    parts = []
    for n, messages in enumerate((chat["messages"][:half], chat["messages"][half:])):
        part = folder / f"{n}-{path.name}"
        part.write_text(json.dumps({**chat, "messages": messages}), "utf-8")
        parts.append(part)
    return parts[0], parts[1]


def test_a_telegram_chat_exported_in_two_date_ranges_answers_the_earlier_messages_as_stubs(tmp_path):
    """A real chat exported as two date ranges: the later range's replies to earlier messages answer their stubs,
    each known by its message id as the message is; the earlier range, loaded before or after, fills them."""
    path = REAL / "telegram" / "teknologi_umum_linq.json"
    earlier, later = _halves(path, tmp_path)
    truth = _telegram(later)
    assert truth.stubs - _telegram(path).stubs
    store = str(tmp_path / "later.lbug")
    _load(store, later)
    _stated(truth, store)
    _stated(_telegram(path), _either_order(tmp_path, [later], [earlier]))


def _lacking(out: str) -> list[str]:
    """The own ids of the answers a load's report names as answering parents not in input, each named."""
    found = re.search(r"(\d+) parents not in input \(([^)]*)\)", out)
    if found is None:
        return []
    named = [where.rpartition("#")[2] for where in found[2].split(", ")]
    assert int(found[1]) == len(named)
    return sorted(named)


def test_the_parents_not_in_input_are_those_no_input_of_the_run_nor_the_store_holds(tmp_path):
    """A real chat's two date ranges read in one run, in either order, report as answering parents not in input the
    answers the whole chat reports so, not the later range's answers to messages of the earlier one, whichever is
    read first; a load of the later range into a store holding the earlier reports those of its answers alone."""
    path = REAL / "telegram" / "teknologi_umum_linq.json"
    earlier, later = _halves(path, tmp_path)
    whole, cut = _telegram(path), _telegram(later)
    lacking = sorted([c for c, p in whole.parent.items() if p in whole.stubs] + list(whole.unstated))
    alone = _lacking(_load(str(tmp_path / "alone.lbug"), later))
    assert alone == sorted([c for c, p in cut.parent.items() if p in cut.stubs] + list(cut.unstated))
    assert set(alone) - set(lacking)  # answers to the earlier range
    for n, inputs in enumerate(((earlier, later), (later, earlier))):
        assert _lacking(_load(str(tmp_path / f"{n}.lbug"), *inputs)) == lacking
    store = str(tmp_path / "stored.lbug")
    _load(store, earlier)
    assert _lacking(_load(store, later)) == sorted(set(alone) & set(lacking))


def _months(path: Path, folder: Path, trimmed: bool) -> tuple[Path, Path]:
    """A real list month as two archives: the mails another mail's In-Reply-To names, and the rest; with ``trimmed``,
    the rest without their References headers, as a client writing In-Reply-To alone sends them."""
    box = mailbox.mbox(str(path))
    answered = {_named(m["In-Reply-To"])[0] for m in box if _named(m["In-Reply-To"])}
    parts = []
    for n, held in enumerate((True, False)):
        chosen = [box.get_bytes(key, from_=True) for key, m in box.iteritems() if (_message_id(m) in answered) == held]
        if trimmed and not held:
            chosen = [
                _REFERENCES.sub(b"", raw.partition(b"\n\n")[0]) + b"\n\n" + raw.partition(b"\n\n")[2] for raw in chosen
            ]
        part = folder / f"{n}-{path.stem}.mbox"
        part.write_bytes(b"".join(raw.rstrip(b"\n") + b"\n\n" for raw in chosen))
        parts.append(part)
    return parts[0], parts[1]


_REFERENCES = re.compile(rb"(?mi)^References:.*\n(?:[ \t].*\n)*")  # the header and its folded lines


def _named(value: object) -> list[str]:
    """The Message-IDs a header names."""
    return re.findall(r"<([^<>\s]+)>", str(value or ""))


def _message_id(mail: mailbox.mboxMessage) -> str:
    return (_named(mail["Message-ID"]) or [""])[0]


@pytest.mark.parametrize("trimmed", [False, True], ids=["references", "in-reply-to-alone"])
@pytest.mark.parametrize("month", ["mapnik-devel-2009-March.txt", "linux-uvc-devel-2010-December.txt"])
def test_a_list_month_cut_in_two_gives_one_node_per_mail_either_order(tmp_path, month, trimmed):
    """A real list month cut in two archives (the mails answered, the rest; the rest's References dropped too, as a
    client writing In-Reply-To alone sends them): a mail of the second answering only mails of the first heads a
    thread of its own, as before stubs and as its archive's page shows it, no stub standing in for what it answers:
    the thread of that mail, part of its id, would be a guess from References (trimmed or missing), and a stub in a
    wrong one is a second node of the mail once the first archive is loaded. Loaded in either order, each mail is one
    node, nothing a stub, every parent the archives state exact. Ground truth from each archive alone (``mailbox``)."""
    first, second = _months(REAL / "mbox" / month, tmp_path, trimmed)
    truth, earlier = _mbox(second), _mbox(first)
    held = {_message_id(m) for m in mailbox.mbox(str(first))}
    later = [m for m in mailbox.mbox(str(second)) if _message_id(m)]
    assert trimmed == all(m["References"] is None for m in later)
    # mails answering mails of the first archive alone: none is a comment (``_mbox``)
    heads = {_message_id(m) for m in later if set(_named(m["In-Reply-To"])) & held} - truth.comments
    assert heads
    store = str(tmp_path / "second.lbug")
    _load(store, second)
    _stated(truth, store)
    both = _either_order(tmp_path, [second], [first])
    nodes = store_rows(
        both,
        "MATCH (n) WHERE label(n) IN ['Article', 'Comment'] RETURN n.source_id AS id, label(n) AS kind, "
        "coalesce(n.stub, false) AS stub",
        "--show-emails",
    )
    mails = held | {_message_id(m) for m in later}
    assert sorted(r["id"] for r in nodes) == sorted(mails) and not any(r["stub"] for r in nodes)
    assert heads <= {r["id"] for r in nodes if r["kind"] == "Article"}
    _stated(Truth(comments=earlier.comments | truth.comments, parent={**earlier.parent, **truth.parent}), both)


@pytest.mark.parametrize("name", ["mbox-gnome-lists-two-mails.mbox", "mbox-pipermail-2015-november.mbox"])
def test_a_saved_list_mail_answering_mails_the_file_lacks_heads_a_thread_of_its_own(tmp_path, name):
    """Mails saved from list archives as they were (tests/data/trial/README.md), answering mails the files lack: each
    heads a thread of its own, no stub standing in for the mail it answers (its thread would be a guess)."""
    path = REAL.parent / "trial" / name
    truth = _mbox(path)
    store = str(tmp_path / "s.lbug")
    _load(store, path)
    _stated(truth, store)


def _statuses_apart(folder: Path, name: str) -> tuple[Path, Path]:
    """A real list of API statuses as two files: the replies whose parent the list holds, and the rest."""
    statuses = json.loads((REAL / "mastodon" / name).read_text("utf-8"))
    answered = {s["in_reply_to_id"] for s in statuses}
    replies = [s for s in statuses if s["in_reply_to_id"] and s["id"] not in answered]
    parts = folder / f"replies-{name}", folder / f"rest-{name}"
    parts[0].write_text(json.dumps(replies), "utf-8")
    parts[1].write_text(json.dumps([s for s in statuses if s not in replies]), "utf-8")
    return parts


@pytest.mark.parametrize("name", ["mastodonclient", "mastodonpy-status-reply", "mastodonpy-quote-reply"])
def test_a_mastodon_status_answering_one_the_file_lacks_answers_its_stub_by_its_uri(tmp_path, name):
    """Real API answers of Mastodon 4 servers: a context (which never holds the status asked for) and the status
    asked for, saved apart; replies saved apart from the statuses they answer, one of another account of the server,
    one of the same account. The API names the status answered by the server's local id only, but the server's own
    statuses have uris that tell it: each reply answers the stub of that status by the uri its own file gives it, not
    by the local id, and the other file, loaded before or after, fills the stub."""
    if name == "mastodonclient":
        cut, holding = REAL / "mastodon" / f"{name}-context.json", REAL / "mastodon" / f"{name}-status.json"
        replies = json.loads(cut.read_text("utf-8"))["descendants"]
        held = [json.loads(holding.read_text("utf-8"))]
    else:
        cut, holding = _statuses_apart(tmp_path, f"{name}.json")
        replies, held = (json.loads(path.read_text("utf-8")) for path in (cut, holding))
    uri = {s["id"]: s["uri"] for s in held}
    parents = {s["uri"]: uri[s["in_reply_to_id"]] for s in replies}
    assert parents and all(s["in_reply_to_id"] not in {r["id"] for r in replies} for s in replies)
    query = "MATCH (c)-[r:REPLY_TO]->(p) WHERE NOT r.inferred RETURN c.source_id AS id, p.source_id AS up, p.stub AS s"
    store = str(tmp_path / "cut.lbug")
    _load(store, cut)
    assert {r["id"]: (r["up"], r["s"]) for r in store_rows(store, query)} == {
        post: (parent, True) for post, parent in parents.items()
    }
    both = _either_order(tmp_path, [cut], [holding])
    got = {r["id"]: (r["up"], r["s"]) for r in store_rows(both, query)}
    assert {post: got[post] for post in parents} == {post: (parent, False) for post, parent in parents.items()}
    assert not store_rows(both, "MATCH (n) WHERE n.stub RETURN n.id AS id")


def test_the_parents_awaited_are_held_compactly_until_the_run_ends():
    """Answers to 200,000 distinct parents no input read so far, as a Reddit comment sample gives them (it lacks
    every parent): each parent waits for a later input to hold it in a few bytes (a dict of their ids took 19.5 MB
    here, some 100 MB a million), and those a later input holds are taken back, the rest stay noted."""
    import tracemalloc

    from graphkit.sources import MISSING_PARENT, Report

    n = 200_000
    report = Report()
    tracemalloc.start()
    try:
        for k in range(n):
            where = f"comments.ndjson:{k + 1}"
            report.add(MISSING_PARENT, where)
            report.answer(f"t1_p{k}", [where])
        held = tracemalloc.get_traced_memory()[0]
    finally:
        tracemalloc.stop()
    assert held < 40 * n, held
    report.held([f"t1_p{k}" for k in range(0, n, 2)])
    assert report.counts[MISSING_PARENT] == n // 2
    assert report.locations[MISSING_PARENT] == [f"comments.ndjson:{k + 1}" for k in range(1, 10, 2)]
