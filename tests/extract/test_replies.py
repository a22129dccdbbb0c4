"""Reply inference on small threads: explicit cues decide, the learnt model weighs the rest."""

import email.utils
import json
import mailbox
import os
import re
import subprocess
import sys
from dataclasses import replace
from pathlib import Path

import pytest

from graphkit import attribution, schema
from graphkit.extract import Extractor, replies
from graphkit.extract import replies_page as planning
from graphkit.extract.authors import AuthorIndex, AuthorRef
from graphkit.extract.quotes import normalise, unmarked_quote
from graphkit.extract.replies import ThreadContext, content_words, infer_reply
from graphkit.extract.replies_page import comment, next_writer
from graphkit.extract.reply_model import model
from graphkit.records import Post
from graphkit.sources import expand_inputs, read_posts
from graphkit.sources.text import parse
from tests.test_long_posts import cpu_seconds


def thread(*posts):
    """posts: (id, author, text, has_link, replied_to)."""
    ctx = ThreadContext("article")
    for pid, author, text, has_link, replied in posts:
        ctx.add(pid, author, text, has_link, replied)
    return ctx


def test_address_by_name_goes_to_that_participants_latest_comment():
    ctx = thread(("a", "Ann", "first", False, "article"), ("b", "Bob", "second", False, "article"))
    reply = infer_reply("Ann, I disagree.", "Bob", ctx, [AuthorRef(0, 3, "Ann", True)], [])
    assert (reply.target, reply.rule, reply.evidence) == ("a", "address", "Ann")
    assert reply.confidence == model().cue_precision.get("address", 0.9)


def test_name_wrote_and_in_reply_to_are_addresses():
    ctx = thread(("a", "Ann", "first", False, "article"), ("b", "Bob", "second", False, "article"))
    wrote = infer_reply("Ann wrote: it is late.\nNo it is not.", "Cy", ctx, [AuthorRef(0, 3, "Ann", False)], [])
    in_reply = infer_reply("In reply to Ann\nNo.", "Cy", ctx, [AuthorRef(12, 15, "Ann", False)], [])
    assert (wrote.target, wrote.rule) == ("a", "address") and (in_reply.target, in_reply.rule) == ("a", "address")


def test_a_comment_naming_a_writer_thousands_of_times_is_read_in_linear_time():
    """ "in reply to NAME" was looked for before each name a comment mentions, each time from the comment's start: a
    comment of "Jane Doe " 20,000 times after Jane Doe's took 50 s of CPU to extract, now well under a second. The
    words are still found before the name they end at, and nowhere else."""
    posts = [
        Post(id="a", thread="a", is_article=True, text="The article.", platform="web", source="x"),
        Post(id="j", thread="a", is_article=False, text="I think so.", platform="web", source="x", author="Jane Doe"),
        Post(id="b", thread="a", is_article=False, text="Not me.", platform="web", source="x", author="Bob Roe"),
        Post(id="c", thread="a", is_article=False, text="Jane Doe " * 20_000, platform="web", source="x", author="Cy"),
    ]
    assert cpu_seconds(lambda: Extractor(entities=False).extract(posts), budget=5.0) < 5.0
    ctx = thread(("a", "Ann", "first", False, "article"), ("b", "Bob", "second", False, "article"))
    text = "Ann and Bob both. " * 3 + "In reply to Bob\nNo."
    refs = [AuthorRef(m.start(), m.end(), m.group(), False) for m in re.finditer("Ann|Bob", text)]
    assert (infer_reply(text, "Cy", ctx, refs, []).rule, infer_reply(text, "Cy", ctx, refs, []).target) == (
        "address",
        "b",
    )
    assert infer_reply(text, "Cy", ctx, refs[:-1], []).rule != "address"


def test_thanks_for_the_link_goes_to_the_comment_with_a_link():
    ctx = thread(("a", None, "look http://x.org", True, "article"), ("b", "Ann", "no link", False, "article"))
    reply = infer_reply("Thanks for the link, very useful.", None, ctx, [], [])
    assert (reply.target, reply.rule) == ("a", "thanks-link")


def test_second_person_is_never_the_writer_themselves():
    ctx = thread(("a", "Ann", "x", False, "article"), ("b", "Bob", "y", False, "article"))
    assert infer_reply("Your point is wrong.", "Bob", ctx, [], []).target != "b"
    assert infer_reply("Your point is wrong.", None, ctx, [], []).target == "b"


def test_quote_of_an_earlier_comment():
    earlier = "the most of the commentators have no idea how the ruling elite works in that country"
    ctx = thread(("a", "Ann", earlier, False, "article"), ("b", "Cy", "other", False, "article"))
    text = "> The most of the commentators have no idea how the ruling elite works in that country\nWrong."
    reply = infer_reply(text, "Bob", ctx, [], [(2, 86)])
    assert (reply.target, reply.rule) == ("a", "quote")


def test_quote_of_the_article():
    """A mail answering the list's first mail quotes it: the quote names the article, which no comment wrote."""
    article = "the release candidate fails to build on every system with the older compiler installed"
    ctx = thread(("article", None, article, False, None), ("a", "Ann", "Works here.", False, "article"))
    text = "> The release candidate fails to build on every system with the older compiler\nPatch attached."
    reply = infer_reply(text, "Bob", ctx, [], [(2, 79)])
    assert (reply.target, reply.rule) == ("article", "quote")


def _named(ctx: ThreadContext, text: str, author: str) -> replies.Reply:
    """``text`` placed as extraction places it, the names in it found by the index of the thread's writers."""
    index = AuthorIndex()
    for name in ("Ann", "Bob", "Cy"):
        index.add("web", name)
    return infer_reply(text, author, ctx, index.find(text, "web", author), [])


def test_a_quote_under_a_writers_name_goes_on_their_comment_that_said_it():
    """A forum's quote ("Ann:", a blank line, the words quoted) goes on the comment of the named writer that said the
    words, not on their latest one (where addressing puts it); a quote of a quote (a name line over another) goes on
    the comment quoting the inner one; words of the article's writer, on the article."""
    said = "the bridge will be finished before the winter if the steel arrives on time"
    ctx = thread(
        ("article", "Cy", "Cy writes that the council will vote on the tram line next month", False, None),
        ("a", "Ann", f"I think {said}, as they said.", False, "article"),
        ("b", "Bob", "Doubtful, the steel mill has been closed since March.", False, "a"),
        ("c", "Ann", "Bob:\n\nthe steel mill has been closed since March\n\nIt reopened.", False, "b"),
        ("d", "Ann", "Anyway, nobody asked me about the tram.", False, "article"),
    )
    reply = _named(ctx, f"Ann:\n\nI think {said}\n\nNot a chance.", "Bob")
    assert (reply.target, reply.rule) == ("a", "named-quote")
    assert reply.evidence.startswith("Ann:\n\nI think the bridge")
    assert reply.confidence == model().cue_confidence("named-quote", ctx.kind)
    inner = _named(ctx, "Ann:\n\nBob:\n\nthe steel mill has been closed since March\n\nIt did not.", "Cy")
    assert (inner.target, inner.rule) == ("c", "named-quote")
    on_article = _named(ctx, "Cy:\n\nthe council will vote on the tram line next month\n\nGood.", "Bob")
    assert (on_article.target, on_article.rule) == ("article", "named-quote")


def test_a_quote_under_a_writers_handle_goes_on_the_comment_their_shown_name_wrote():
    """A writer shown as "Carlton D'Silva" whose handle is carlton: a quote under "carlton:" goes on the comment of
    theirs that said the words, as one under "Carlton D'Silva:" does (the same Author, whichever name is written)."""
    said = "the visa office asks for the bank statements of the last six months in the original"
    ctx = ThreadContext("article")
    ctx.add("article", "Cy", "How long does the visa take this year?", False, None)
    ctx.add("a", "Carlton D'Silva", f"From what I saw {said}.", False, "article", author_node="carlton-node")
    ctx.add("b", "Carlton D'Silva", "Also the fee went up.", False, "article", author_node="carlton-node")
    index = AuthorIndex()
    index.add("web", "Carlton D'Silva", "carlton-node")
    index.add("web", "carlton", "carlton-node")
    index.add("web", "Bob")
    for name in ("carlton", "Carlton D'Silva"):
        text = f"{name}:\n\n{said}\n\nNot for me."
        reply = infer_reply(text, "Bob", ctx, index.find(text, "web", "Bob"), [])
        assert (reply.target, reply.rule) == ("a", "named-quote"), name


def test_a_quote_under_a_writers_name_is_read_in_lines_ending_in_crlf():
    """A page whose lines end in "\\r\\n" (a mail or a Windows paste): a quote under a writer's name is read as
    under "\\n" lines, the paragraph quoted ending at the next blank line."""
    said = "the bridge will be finished before the winter if the steel arrives on time"
    ctx = thread(
        ("a", "Ann", f"I think {said}, as they said.", False, "article"),
        ("b", "Ann", "Anyway, nobody asked me about the tram.", False, "article"),
    )
    reply = _named(ctx, f"Ann:\r\n\r\nI think {said}\r\n\r\nNot a chance.", "Bob")
    assert (reply.target, reply.rule) == ("a", "named-quote")
    assert reply.evidence.endswith("on time")


class _Unread:
    """A name found in a comment whose place must not be read: where it starts, or anything of it."""

    def __init__(self, end: int | None = None) -> None:
        self._end = end

    @property
    def start(self) -> int:
        raise AssertionError("where the name starts was read")

    @property
    def end(self) -> int:
        if self._end is None:
            raise AssertionError("a name past the quotes compared was read")
        return self._end


def test_a_quote_under_a_name_reads_only_name_lines_and_the_first_quotes_compared():
    """Where a name ends no line, where its line starts is not looked for; past the first ``QUOTES_COMPARED`` name
    lines no name is looked at, so a comment naming thousands costs what one naming a hundred does."""
    ctx = thread(("a", "Ann", "The ferry timetable changes in May, with fewer boats on Sundays.", False, "article"))
    text = "Ann:\n\nok\n\n" * replies.QUOTES_COMPARED + "and so on"
    index = AuthorIndex()
    index.add("web", "Ann")
    refs = index.find(text, "web", "Bob")
    assert len(refs) == replies.QUOTES_COMPARED
    assert ctx.named_quote(text, [_Unread(len(text)), *refs, _Unread()]) is None


def test_a_name_line_over_words_nobody_said_falls_back_to_addressing():
    """A name alone on its line over words none of that writer's comments said (a quote of a page the thread links,
    words made up), a name line with nothing under it or too little, a name and a colon inside a sentence, and a
    comment of thousands of such lines: nothing fails, and the name addresses its writer's latest comment as
    before (or decides nothing where it is not spoken to)."""
    ctx = thread(
        ("a", "Ann", "The ferry timetable changes in May, with fewer boats on Sundays.", False, "article"),
        ("b", "Ann", "And the fares rise too.", False, "article"),
    )
    for text in (
        "Ann:\n\nwords that nobody on this page has ever written down anywhere\n\nSo?",
        "Ann:\n\n",
        "Ann:\n\nThe ferry.\n\nok",
        "Ann:\n\nThe ferry timetable changes in June",
        "Ann:" + "\n\nAnn:" * 3_000 + "\n\nfewer boats",
    ):
        reply = _named(ctx, text, "Bob")
        assert (reply.target, reply.rule) == ("b", "address"), text[:40]
    inside = _named(ctx, "What I told Ann:\n\nthe ferry timetable changes in May, with fewer boats", "Bob")
    assert inside.rule != "named-quote"


def test_a_wrote_line_does_not_name_a_writer_in_the_pages_shape():
    """An "X wrote:" line over quoted lines is the mail software's, not the writer speaking to X: the page's
    share of comments naming an earlier writer leaves it out."""
    quoting, naming = ThreadContext("a"), ThreadContext("a")
    for ctx, reply in (
        (quoting, "On Tue, Marguerite wrote:\n> the launch\n\nIt slipped."),
        (naming, "Marguerite is right: the launch slipped."),
    ):
        ctx.survey("First thoughts on the launch", "Marguerite")
        ctx.survey("Second thoughts on the launch", "Tobias")
        ctx.survey(reply, "Ines")
    assert quoting.page["article_page_named"] < naming.page["article_page_named"]


def test_a_subject_repeated_after_the_first_lines_counted_are_many_still_counts():
    """Once ``survey`` stores no more new first lines, a comment repeating one it stored is still a repeat."""
    full, fresh = ThreadContext("a"), ThreadContext("a")
    for ctx, last in ((full, "Re: Budget vote"), (fresh, "Another subject")):
        ctx.survey("Budget vote\nWho is for it?", "Ann")
        for i in range(replies._FIRST_LINES):
            ctx.survey(f"Line {i}\nmore", f"U{i % 50}")
        ctx.survey(f"{last}\nI am.", "Bob")
    assert full.shown["page_repeated"] > fresh.shown["page_repeated"]


def test_turn_taking_between_two_users():
    ctx = thread(("a", "Ann", "x", False, "article"), ("b", "Bob", "y", False, "a"))
    reply = infer_reply("There is an earlier post about it.", "Ann", ctx, [], [])
    assert (reply.target, reply.rule) == ("b", "turn-taking")


def test_confidence_is_a_probability_and_the_first_comment_answers_the_article():
    reply = infer_reply("Interesting article.", "Bob", ThreadContext("article"), [], [])
    assert (reply.target, reply.rule, reply.confidence) == ("article", "default", 1.0)
    ctx = thread(("a", "Ann", "x", False, "article"))
    reply = infer_reply("Interesting article.", "Bob", ctx, [], [])
    assert 0.0 < reply.confidence < 1.0 and 0.0 < reply.p_root < 1.0
    if reply.target == "article":
        assert reply.p_root == reply.confidence
    else:
        assert reply.p_root + reply.confidence <= 1.0


def test_a_page_where_comments_answer_the_article_makes_the_article_likelier():
    """The page's own running share of comments on the article is its prior."""
    flat = thread(*[(f"c{i}", f"U{i}", "A long comment about the article itself.", False, "article") for i in range(8)])
    chain = ThreadContext("article")
    for i in range(8):
        chain.add(f"c{i}", f"U{i}", "A long comment about the article itself.", False, f"c{i - 1}" if i else "article")
    text = "Another comment on this."
    flat_p = infer_reply(text, "Z", flat, [], []).p_root
    chain_p = infer_reply(text, "Z", chain, [], []).p_root
    assert flat_p != chain_p


def test_the_page_read_whole_sets_the_prior_between_article_and_comments():
    """A page whose neighbours share words more than comments further apart (a discussion read in
    order) pulls an unclear comment to a comment; a page of unrelated comments, to the article."""
    topics = ["rust borrow checker lifetimes", "garden tomatoes watering", "chess opening gambit", "train tickets fare"]
    coherent = [f"More on {t}: the {t} again." for t in topics for _ in range(4)]
    flat = [f"More on {topics[i % 4]}: the {topics[i % 4]} again." for i in range(16)]
    text = "Maybe so."
    p_root = {}
    for name, texts in (("coherent", coherent), ("flat", flat)):
        ctx = ThreadContext("article")
        for i, body in enumerate(texts):
            ctx.survey(body, f"U{i}")
        ctx.survey(text, "Z")
        for i, body in enumerate(texts):
            ctx.add(f"c{i}", f"U{i}", body, False, "article" if i % 4 == 0 else f"c{i - 1}", 0.5)
        p_root[name] = infer_reply(text, "Z", ctx, [], []).p_root
    assert p_root["flat"] > p_root["coherent"] + 0.05


def test_furniture_lines_are_not_the_comments_words_and_reply_counts_are_read():
    shown = comment("Do you agree with them?\nReply · Share · Report\n3 replies", "Ann", frozenset())
    assert (shown.n_words, shown.question, shown.replies) == (5, True, 3)
    plain = comment("I share your view.\nThanks", "Ann", frozenset())
    assert (plain.n_words, plain.replies) == (5, None)


def test_indentation_decides_before_a_name():
    """On a page that indents replies, a comment indented under Bob's answers Bob, though it names Ann."""
    page = [
        ("a", "Ann", "The article is about trains."),
        ("b", "Bob", "    Trains are late here."),
        ("c", "Cy", "        Ann, I think Bob is right."),
        ("d", "Dee", "    Not here."),
        ("e", "Eve", "A new point about the fares."),
    ]
    ctx = ThreadContext("article")
    for _, author, text in page:
        ctx.survey(text, author)
    placed = {}
    for pid, author, text in page:
        refs = [AuthorRef(8, 11, "Ann", True)] if pid == "c" else []
        reply = infer_reply(text, author, ctx, refs, [])
        placed[pid] = (reply.target, reply.rule, reply.confidence)
        ctx.add(pid, author, text, False, reply.target, reply.p_root)
    assert placed["c"] == ("b", "indentation", 1.0)
    assert [placed[p][0] for p in "bde"] == ["a", "a", "article"]


def test_reply_probabilities_do_not_depend_on_the_process_string_hashing():
    """Cluster workers and a re-run are other processes: the same page must give the same numbers."""
    script = (
        "import json, sys\n"
        "from graphkit.extract import Extractor\n"
        "from graphkit.sources import expand_inputs, read_posts\n"
        "posts = list(read_posts(expand_inputs([sys.argv[1]])))\n"
        "edges = Extractor(entities=False).extract(posts).edges\n"
        "print(json.dumps(sorted((e.source, e.target, e.props.get('confidence'), e.props.get('article_probability'))"
        " for e in edges if e.type == 'REPLY_TO')))\n"
    )
    example = Path(__file__).parents[2] / "examples" / "palmyra-lavrov-thread.txt"
    children = [  # side by side: each process is single-threaded
        subprocess.Popen(
            [sys.executable, "-c", script, str(example)],
            env={**os.environ, "PYTHONHASHSEED": seed, "PYTHONPATH": str(Path(__file__).parents[2])},
            stdout=subprocess.PIPE,
            text=True,
        )
        for seed in ("1", "2", "3")
    ]
    runs = {child.communicate()[0] for child in children}
    assert [child.returncode for child in children] == [0, 0, 0]
    assert len(runs) == 1 and json.loads(runs.pop())


MAIL = Path(__file__).parents[2] / "bench" / "replies" / "data" / "chansccp-users-2007-November.mbox"


def _archive(subject: str, first: int = 0) -> tuple[str, dict[int, str], list[str], dict[str, str], dict[str, object]]:
    """The thread of the month's mails on ``subject`` that the ``first`` of them starts, shown as its archive page
    shows it (each mail's body whole, its quoted lines and theirs, "> >", included): the page, each mail's offset
    in it, the mails in the archive's thread view (depth first, replies in the order they came), each reply's
    parent (from the mails' own headers) and the mails by Message-ID."""
    mails = [m for m in mailbox.mbox(MAIL) if subject in (m["Subject"] or "")]
    ids = [m["Message-ID"] for m in mails]
    parent = {}
    for m in mails[1:]:
        stated = [m["In-Reply-To"] or "", *(m["References"] or "").split()]
        if known := [r for r in stated if r in ids]:
            parent[m["Message-ID"]] = known[-1]
    order = []

    def walk(mid: str) -> None:
        order.append(mid)
        for child in (k for k, p in parent.items() if p == mid):
            walk(child)

    walk(ids[first])
    by_id = dict(zip(ids, mails, strict=True))
    raw, at = f"{mails[0]['Subject']}\n\n", {}
    for mid in order:
        body = by_id[mid].get_payload(decode=True).decode("latin-1").split("\n-- \n")[0]
        body = re.sub(r"\n{2,}", "\n\n", re.sub(r"[ \t]+\n", "\n", body.strip()))
        if mid != order[0]:
            raw += f"\n\n\n{re.search(r'[(]([^)]*)[)]', by_id[mid]['From']).group(1)}\n\n"
        at[len(raw)] = mid
        raw += body
    return raw + "\n", at, order, parent, by_id


def test_a_quote_names_the_mail_that_wrote_it_not_one_that_quoted_it_too():
    """A real thread of a list archive, shown as its archive page shows it: a mail answering an earlier one quotes
    lines that a sibling had quoted already, and every mail that quotes its parent goes to that parent."""
    raw, at, order, parent, by_id = _archive("7921 Registration")
    posts = list(parse(raw, "archive"))
    # a sign-off ("Regards,\nRuss") over an "X wrote:" line and its quoted lines stays inside its mail
    assert [at.get(p.start) for p in posts] == order
    post_of = {at[p.start]: p.id for p in posts}
    edges = {e.source: e for e in Extractor(entities=False).extract(posts).edges if e.type == schema.REPLY_TO}
    # every mail quoting a comment (all of them but the first reply, which quotes the article) has its quote cue
    quoting = [mid for mid in order[1:] if parent[mid] != order[0] and "\n>" in by_id[mid].get_payload()]
    quoted = {mid: edges[post_of[mid]] for mid in order[1:] if edges[post_of[mid]].props["rule"] == "quote"}
    assert len(quoting) >= 5 and list(quoted) == quoting
    assert {mid: e.target for mid, e in quoted.items()} == {mid: post_of[parent[mid]] for mid in quoted}
    late = order[-1]  # the last mail answers the third, whose lines the fourth had quoted too
    assert late in quoted and parent[late] == order[2]


def test_a_mail_answering_above_a_quoted_mail_without_marks_quotes_it():
    """Mails that answer above the mail they quote, its lines unmarked under an Outlook header ("From: … Sent: …
    To: … Subject: …"): the quoted lines are QUOTES of that mail, and after the first answer the reply's cue and
    evidence; the writer's own lines above the header are not."""
    raw, at, order, parent, by_id = _archive("7970 Hints", first=1)  # the thread of the first answer's mail
    posts = list(parse(raw, "archive"))
    assert [at.get(p.start) for p in posts] == order
    post_of = {at[p.start]: p for p in posts}
    edges = Extractor(entities=False).extract(posts).edges
    replies_to = {e.source: e for e in edges if e.type == schema.REPLY_TO}
    unmarked = [mid for mid in order[1:] if not re.search(r"^>", by_id[mid].get_payload(), re.M)]
    assert len(unmarked) == 2 and order.index(unmarked[1]) > 1
    for mid in unmarked:
        post, quoted = post_of[mid], post_of[parent[mid]]
        header = unmarked_quote(post.text)
        assert header and "Sent:" in post.text[header[0] : header[1]]
        quotes = [e for e in edges if e.type == schema.QUOTES and e.source == post.id and e.target == quoted.id]
        assert len(quotes) == 1 and all(normalise(e.props["text"]) in normalise(quoted.text) for e in quotes)  # a block
        assert all(e.props["start"] >= header[1] for e in quotes)
    reply = replies_to[post_of[unmarked[1]].id]
    assert (reply.props["rule"], reply.target) == ("quote", post_of[parent[unmarked[1]]].id)
    assert reply.props["start"] >= unmarked_quote(post_of[unmarked[1]].text)[1]


def test_a_mails_own_lines_under_an_attribution_whose_quoted_lines_were_taken_out_are_its_own():
    """A real mail of a list month (bench/replies/data/README.md) read from its mbox: Jonas Wolz answers between the
    lines he quotes under "Am Dienstag, 2. Dezember 2008 schrieb Andy Rogers:", whose quoted lines the mbox reader
    took out; the paragraph under them is his own mail's, as the extractor reads his mail's quotes. A later comment of
    the thread quoting that paragraph with ">" quotes his mail."""
    month = Path(__file__).parents[2] / "bench" / "replies" / "data" / "yajhfc-user-2008-December.mbox"
    message_id = "200812021719.09132.jonas.wolz@freenet.de"
    raw = next(m for m in mailbox.mbox(month) if m["Message-ID"] == f"<{message_id}>")
    lines = raw.get_payload().splitlines()
    assert lines[0] == "Am Dienstag, 2. Dezember 2008 schrieb Andy Rogers:" and lines[1].startswith("> ")
    first = next(n for n, line in enumerate(lines[1:], 1) if not line.startswith(">")) + 1  # the blank line's next
    own = [line.rstrip() for line in lines[first : lines.index("", first)]]  # his first paragraph, as the file has it
    posts = list(read_posts(expand_inputs([str(month)])))
    mail = next(p for p in posts if p.source_id == message_id)
    assert mail.author == "Jonas Wolz" and mail.quoted and len(own) == 2
    assert re.search(r"\s+".join(map(re.escape, " ".join(own).split())), mail.text)
    assert unmarked_quote(mail.text, marks_taken=True) is None  # no quoted mail left in his text: the rest is his
    thread_posts = [p for p in posts if p.thread == mail.thread]
    quoting = "\n".join(f"> {line}" for line in own)
    later = replace(
        thread_posts[-1], id="page-comment", parent=None, quoted=(), source_id="", text=f"{quoting}\n\nWhich?"
    )
    edges = Extractor(entities=False).extract([*thread_posts, later]).edges
    reply = next(e for e in edges if e.type == schema.REPLY_TO and e.source == later.id)
    assert (reply.props["rule"], reply.target) == ("quote", mail.id)


def test_the_writer_after_a_comment_is_the_next_comment_s_and_none_after_the_last():
    """What the extraction and the model's training both weigh as the writer that follows a comment."""
    comments = [comment(text, author, frozenset()) for text, author in (("Hi", "ann"), ("No", None), ("Yes", "bo"))]
    assert [next_writer(comments, k) for k in range(3)] == [None, "bo", None]


def _python_thread() -> tuple[list, dict[str, list]]:
    """A real r/Python thread's posts (bench/replies/data/README.md), deleted ones aside, and each post's replies."""
    path = Path(__file__).parents[2] / "bench" / "replies" / "data" / "rtv-python-6302cj.json"
    posts = [p for p in read_posts(expand_inputs([str(path)])) if not p.deleted]
    ids = {p.id for p in posts}
    by_parent: dict[str, list] = {}
    for p in posts:
        if not p.is_article and p.parent in ids:
            by_parent.setdefault(p.parent, []).append(p)
    return posts, by_parent


def test_a_comment_an_earlier_wrong_choice_closed_stays_a_candidate_and_opens_its_branch_again():
    """A real r/Python thread (bench/replies/data/README.md), read as a page in reading order: where a comment is put on
    the article by mistake, the comment before it, which the next comment answers, is closed; it stays a candidate (a
    "closed" one, weighed by the model), and answering it opens its branch again."""
    posts, by_parent = _python_thread()
    # a comment with two replies, the first of which has none: in reading order the second comes right after it
    parent, first, second = next(
        (post, kids[0], kids[1])
        for post in posts
        if len(kids := by_parent.get(post.id, [])) >= 2 and not by_parent.get(kids[0].id)
    )
    assert second.parent == parent.id  # the file states it
    book = planning.start_page({}, frozenset(), ())
    shown = [planning.comment(p.text, p.author, content_words(p.text)) for p in (parent, first, second)]
    state = planning.advance(planning.State((), 0, 0.0), shown[0], parent.id, -1, 0.0, None)
    state = planning.advance(state, shown[1], first.id, -1, 0.0, None)  # the wrong choice: the article
    assert [n.key for n in state.stack] == [first.id]
    keys, feats = planning.candidates(shown[2], state, book)
    closed = [k for k, f in zip(keys, feats, strict=True) if f.get("closed")]
    assert [state.closed[-2 - k][-1].key for k in closed] == [parent.id]
    state = planning.advance(state, shown[2], second.id, closed[0], 0.0, None)
    assert [n.key for n in state.stack] == [parent.id, second.id]
    assert state.stack[0].children == 1 and [b[-1].key for b in state.closed] == [first.id]


def test_a_branch_opened_again_counts_the_replies_its_comments_had_while_it_was_closed():
    """A real r/Python thread (bench/replies/data/README.md): a comment, its reply, and two replies to that reply. The
    first of those put on the comment by mistake closes the reply; the second, answering the reply, opens its branch
    again, where the comment must count both replies placed on it (the model weighs a candidate's replies)."""
    posts, by_parent = _python_thread()
    parent, reply, first, second = next(
        (post, kid, grand[0], grand[1])
        for post in posts
        for kid in by_parent.get(post.id, [])
        if len(grand := by_parent.get(kid.id, [])) >= 2
    )
    assert reply.parent == parent.id and first.parent == second.parent == reply.id  # the file states it
    shown = [planning.comment(p.text, p.author, content_words(p.text)) for p in (parent, reply, first, second)]
    state = planning.advance(planning.State((), 0, 0.0), shown[0], parent.id, -1, 0.0, None)
    state = planning.advance(state, shown[1], reply.id, 0, 0.0, None)
    state = planning.advance(state, shown[2], first.id, 1, 0.0, None)  # the wrong choice: the comment
    assert [b[-1].key for b in state.closed] == [reply.id]
    state = planning.advance(state, shown[3], second.id, -2, 0.0, None)  # the closed reply
    assert [n.key for n in state.stack] == [parent.id, reply.id, second.id]
    assert [n.children for n in state.stack] == [2, 1, 0]


def test_a_lists_mails_shown_without_headers_still_show_mail():
    """Real threads (bench/replies/data/README.md): most mails of a list's month are hard-wrapped by their writer's
    software or signed off with the writer's name ("Cheers,\\n\\n     Arnaud" of Arnaud Legrand), which the page's
    shape counts (``survey``: what the mail gate reads of a page showing no subjects and dates); a Reddit thread's and a
    course forum's comments almost never are. A sign-off names its own writer, not another. The shipped model reads the
    month's mails, shown without subjects and dates, as mail, and neither of the others."""
    data = Path(__file__).parents[2] / "bench" / "replies" / "data"

    def comments(name: str) -> list:
        return [p for p in read_posts(expand_inputs([str(data / name)])) if not p.is_article]

    mails = comments("ion-general-2007-March.mbox")
    signed = [p for p in mails if p.author == "Arnaud Legrand"]
    assert len(signed) == 3 and all(replies.signed_off(p.text, p.author) for p in signed)
    assert not any(replies.signed_off(p.text, "Tuomo Valkonen") for p in signed)
    shown, read = {}, {}
    for name in ("ion-general-2007-March.mbox", "rtv-askreddit-2np694.json", "tds-discourse-161083.json"):
        posts = comments(name)
        mail_like = [replies.hard_wrapped(p.text) or replies.signed_off(p.text, p.author) for p in posts]
        ctx = ThreadContext("article")
        for p in posts:
            ctx.survey(p.text, p.author)
        shown[name] = (sum(mail_like) / len(posts), ctx.shown["page_wrapped"], ctx.shown["page_signed"])
        read[name] = model().kind(ctx.page | ctx.shown)
    assert shown["ion-general-2007-March.mbox"][0] > 0.8
    assert shown["rtv-askreddit-2np694.json"][0] < 0.02 and shown["tds-discourse-161083.json"][0] < 0.02
    assert all(
        shown["ion-general-2007-March.mbox"][k] > 3 * shown[other][k]
        for other in shown
        for k in (1, 2)
        if "ion" not in other
    )
    assert read["ion-general-2007-March.mbox"] == "mail"
    assert read["rtv-askreddit-2np694.json"] != "mail" and read["tds-discourse-161083.json"] != "mail"


def test_a_mail_sent_before_a_candidate_answers_it_only_where_its_text_names_it():
    """Dates shown above mails rule out a candidate sent after the mail (a reply is never sent before what it answers)
    unless the mail's greeting or attribution line names it; a 12-hour time is read as one ("1:10 pm" after "11:50
    am", not ten hours before)."""
    book = planning.start_page({}, frozenset(), ())

    def shown(author: str, text: str) -> planning.Comment:
        return planning.comment(text, author, content_words(text))

    first = shown("Jo Smith", "Re: pumps\nMon Mar 04, 2019 11:50 am\n\nThe pump stalls when the tank runs low.")
    second = shown("Ann Lee", "Re: pumps\nMon Mar 04, 2019 1:10 pm\n\nDoes the pump stall with a full tank?")
    assert second.head and first.head and second.head.sent - first.head.sent == 80 * 60
    state = planning.advance(planning.State((), 0, 0.0), first, "jo", -1, 0.0, None)
    assert planning.candidates(second, state, book)[0] == [-1, 0]
    state = planning.advance(planning.State((), 0, 0.0), second, "ann", -1, 0.0, None)
    assert planning.candidates(first, state, book)[0] == [-1]
    greeting = shown("Jo Smith", "Re: pumps\nMon Mar 04, 2019 11:50 am\n\nHi Ann,\n\nonly when the tank runs low.")
    assert planning.candidates(greeting, state, book)[0] == [-1, 0]


def test_a_comment_copying_another_quotes_not_the_words_both_put_in_quotation_marks():
    """Rounak-28/youtube-clone's Data API commentThreads (tests/data/trial), every item top-level by the API: two
    pairs of copied promotions, each later comment its earlier one's text word for word (an emoji apart), each
    naming a song in quotation marks. The song's title is no one's words on the page: the later copy neither
    answers nor quotes the earlier (a quote at 0.95 before)."""
    path = Path(__file__).parents[1] / "data" / "trial" / "youtube-data-api-copied-comments.json"
    items = [item["snippet"]["topLevelComment"]["snippet"] for item in json.loads(path.read_text(encoding="utf-8"))]
    earliest = {}
    for item in sorted(items, key=lambda i: i["publishedAt"]):
        earliest.setdefault(normalise(item["textOriginal"]), item)
    assert len(earliest) == 2 and all("“" in item["textOriginal"] for item in earliest.values())
    top = "snippet.topLevelComment."
    mapping = {"id": top + "id", "thread": "snippet.videoId", "text": top + "snippet.textOriginal"}
    mapping |= {"author": top + "snippet.authorDisplayName", "time": top + "snippet.publishedAt"}
    posts = list(read_posts(expand_inputs([str(path)]), "tabular", options=mapping))
    edges = Extractor(entities=False).extract(posts).edges
    video = next(p.id for p in posts if p.is_article and p.source_id == "7ghhRHRP6t4")
    replies_to = {e.source: e for e in edges if e.type == schema.REPLY_TO}
    assert len(replies_to) == 4 and all(e.props["rule"] != "quote" for e in replies_to.values())
    assert not [e for e in edges if e.type == schema.QUOTES]
    assert {e.target for e in replies_to.values()} == {video}


def test_words_an_earlier_comment_put_in_quotation_marks_are_not_its_own():
    """A comment repeating a line in quotation marks (a report's words) did not write it: a later quote of the line
    names no comment for it, but one that goes on into the comment's own words names it."""
    line = "the truce held for a week and then the shelling started again near the river"
    earlier = f'The report says "{line}" and I believe every word of it.'
    ctx = thread(("a", "Ann", earlier, False, "article"), ("b", "Cy", "other words", False, "article"))
    text = f"> {line}\nSource?"
    assert infer_reply(text, "Bob", ctx, [], [(2, 2 + len(line))]).rule != "quote"
    own = f"> {line} and I believe every word of it\nSource?"
    reply = infer_reply(own, "Bob", ctx, [], [(2, own.index("\n"))])
    assert (reply.target, reply.rule) == ("a", "quote")


def _answering_mails(month: Path, opening: str) -> list[tuple[tuple[str, str], tuple[str, str], str]]:
    """The mails of a real list month (bench/replies/data/README.md, or tests/data) whose text opens with an
    attribution line matching ``opening`` over quoted lines, with the mail they answer (In-Reply-To), each as a list
    archive's page shows it (subject and date over the whole text) with its writer, and the line: all from the file."""
    mails = {m["Message-ID"]: m for m in mailbox.mbox(str(month))}

    def shown(message: mailbox.mboxMessage) -> tuple[str, str]:
        body = message.get_payload(decode=True).decode("latin-1").replace("\r\n", "\n").strip()
        name = email.utils.parseaddr(message["From"].replace(" at ", "@"))[0]
        return name, f"{message['Subject']}\n{message['Date']}\n\n{body}"

    out = []
    for message in mails.values():
        answered = mails.get(message["In-Reply-To"])
        line = (message.get_payload(decode=True) or b"").decode("latin-1").lstrip().split("\n")[0].rstrip()
        if answered is not None and re.fullmatch(opening, line):
            out.append((shown(answered), shown(message), line))
    return out


@pytest.mark.parametrize(
    ("month", "opening", "mails"),
    [
        ("ion-general-2010-April.mbox", r"\d{4}/\d+/\d+ .*<.* at .*>:", 2),  # Gmail's date-first line, no time
        ("ion-general-2007-May.mbox", r"Am .*\d\d:\d\d .*schrieb .*:", 2),  # "Am 2007-05-02 16:49 +0200 schrieb NAME:"
        ("ion-general-2007-March.mbox", r".* schrieb am .*\d.*:", 2),  # "NAME schrieb am Dienstag, den 06. März 2007:"
        ("yajhfc-user-2008-December.mbox", r"Am .*\d.* schrieb .*:", 12),  # "Am Dienstag, 2. Dezember 2008 …"
    ],
)
def test_a_mail_pages_attribution_cue_takes_the_name_and_minute_of_lines_without_wrote(month, opening, mails):
    """Real mails opening with an attribution line that has no "wrote" in it: Gmail's date-first line ("2010/4/8 NAME
    <ADDRESS>:") and the German ones naming the writer after the verb ("Am DATE HH:MM +0200 schrieb NAME:") or
    before "schrieb am DATE:". On the page
    the name it gives, and the minute where it gives a time, are the answered mail's (its writer and its Date header's
    minute, from the file), and the model weighs the answered mail as named by it (``mail_attributed``). Before, the
    date-first line gave no cue."""
    found = _answering_mails(Path(__file__).parents[2] / "bench" / "replies" / "data" / month, opening)
    assert len(found) == mails
    for (author, text), (writer, answer), line in found:
        head = planning.mail_head(answer)
        assert head is not None and planning.attribution_line(line)
        assert set(re.findall(r"\w+", author.lower())) <= head.attributed
        minute = int(re.search(r"\d\d:(\d\d)", text.split("\n")[1]).group(1))  # the answered mail's Date header
        assert head.attributed_minutes == ({minute} if re.search(r"\d:\d\d", line) else set())
        shown = [planning.comment(t, a, content_words(t)) for a, t in ((author, text), (writer, answer))]
        state = planning.advance(planning.State((), 0, 0.0), shown[0], "answered", -1, 0.0, None)
        keys, feats = planning.candidates(shown[1], state, planning.start_page({}, frozenset(), ()))
        assert feats[keys.index(0)].get("mail_attributed") == 1.0


@pytest.mark.parametrize(
    ("line", "minutes"),
    [
        ("2015-11-21 13:05 GMT+01:00 Andy Grunwald <andy at example.com>:", {5}),  # the zone's offset gives none
        ("2015-11-21 13:05 meeting notes <draft>:", None),  # no address: the mail's own text
        ("2015-11-21 13:05 Andy Grunwald:", None),
    ],
)
def test_a_line_opening_with_a_date_is_an_attribution_only_with_an_address(line, minutes):
    """Gmail's line (a real one, tests/data/trial) gives the quoted mail's minute, not the zone's offset's; a line of
    a mail's own that opens with a date and ends with a colon is no attribution, nor the date the mail shows."""
    head = planning.mail_head(f"Re: Docker\nSat, 28 Nov 2015 21:25:30 +0100\n\n{line}\n> quoted\n\nMy answer.")
    assert head is not None and head.minute == 25 and planning.attribution_line(line) == (minutes is not None)
    assert head.attributed_minutes == (minutes or set())
    if minutes:  # no date shown over Gmail's line: the quoted mail's is not the mail's
        assert planning.mail_head(f"{line}\n> quoted\n\nMy answer.") is None


@pytest.mark.parametrize(
    ("month", "opening", "mails"),
    [
        ("ion-general-2010-April.mbox", r"On .*, .*<.*> wrote:", 4),  # Gmail's English line: "NAME <ADDRESS> wrote:"
        ("ion-general-2010-April.mbox", r"\d{4}/\d+/\d+ .*<.* at .*>:", 2),  # Gmail's date-first line
        ("ion-general-2007-March.mbox", r".* schrieb am .*\d.*:", 2),  # "NAME schrieb am DATE:"
        ("yajhfc-user-2008-December.mbox", r"Am .*\d.* schrieb .*:", 10),  # "Am Dienstag, 2. Dezember 2008 …"
    ],
)
def test_an_attribution_line_in_any_form_names_the_quoted_writer_to_the_cues(month, opening, mails):
    """Real mails opening with an attribution line that names the writer of the mail they answer (its In-Reply-To;
    the name from its From header, found in the line): the line decides the answer by that name ("address"), as
    "NAME wrote:" did, and is not the mail's own text naming them (``unattributed``). Before, only a name followed by
    " wrote:" was a cue, and only "… wrote:" lines were taken out. A line naming them that is no attribution is
    the mail's text."""
    found = _answering_mails(Path(__file__).parents[2] / "bench" / "replies" / "data" / month, opening)
    found = [(a, w, line) for a, w, line in found if a[0] != w[0] and a[0] in line]
    assert len(found) == mails
    for (author, text), (writer, answer), line in found:
        ctx = thread(
            ("article", None, "The list's first mail.", False, None),
            ("a", author, text, False, "article"),
            ("b", "Someone Else", "Another mail.", False, "article"),
        )
        index = AuthorIndex()
        for name in (author, writer, "Someone Else"):
            index.add("mbox", name)
        cue = replies.explicit_cue(answer, writer, index.find(answer, "mbox", writer), ctx, [])
        assert cue is not None and (cue.target, cue.rule, cue.evidence) == ("a", "address", author)
        kept = planning.unattributed(answer)
        assert line not in kept and author not in kept.split("\n\n")[0]  # the subject and date stay
        near = answer.replace(line, f"On the list {author} asked about it:")  # no attribution: the name is text
        assert replies.explicit_cue(near, writer, index.find(near, "mbox", writer), ctx, []) is None
        assert f"{author} asked" in planning.unattributed(near)


@pytest.mark.parametrize(
    ("month", "writer"),
    [("chansccp-users-2007-November.mbox", "David Dederscheck"), ("ion-general-2007-March.mbox", "Tuomo Valkonen")],
)
def test_an_attribution_wrapped_at_its_verb_is_one_attribution_naming_the_quoted_writer(month, writer):
    """Real mails quoting an attribution their writer's software wrapped at its verb ("> On DATE, NAME <ADDRESS>" over
    "> wrote:"): the two lines are one attribution giving the name before the address (before, neither line was one).
    Ground truth from the file: the line ending in an address over a line of the verb alone, the name before it."""
    wrapped = []
    for message in mailbox.mbox(Path(__file__).parents[2] / "bench" / "replies" / "data" / month):
        text = (message.get_payload(decode=True) or b"").decode("latin-1") if not message.is_multipart() else ""
        lines = text.split("\n")
        for above, below in zip(lines, lines[1:], strict=False):
            if re.search(r"<[^<>]* at [^<>]*>\s*$", above) and re.fullmatch(r"[>\s]*wrote:\s*", below):
                wrapped.append((text, above, below))
    assert len(wrapped) == 1
    text, above, below = wrapped[0]
    found = [(text[start:end], name) for start, end, name in attribution.attributions(text) if writer in name]
    assert [(span, name.endswith(writer)) for span, name in found] == [(f"{above}\n{below}", True)]


@pytest.mark.parametrize(
    ("text", "named"),
    [
        ("Jane Doe (jane@example.org) wrote:", "Jane Doe"),  # the address in parentheses is no part of the name
        ("On Mon, Jane Doe (jane at example.org) wrote:", "Jane Doe"),
        ("Jane Doe (the cat) wrote:", "Jane Doe (the cat)"),  # no address: words of the name's
        ("On Nov 1, 2007 3:26 AM, Jane Doe <jane@example.org>\nwrote:", "Jane Doe"),  # wrapped at the verb
        ("On Nov 1, 2007 3:26 AM, Jane Doe <\njane@example.org> wrote:", "Jane Doe"),  # … inside the brackets
        ("2015-11-21 13:05 GMT+01:00 Jane Doe\n<jane@example.org>:", "Jane Doe"),  # date-first, before its address
        ("I said it to Jane Doe\nwrote:", None),  # no address above the verb: two lines of prose
        ("> wrote:", None),  # the verb of a quoted attribution wrapped, alone: no name (before, ">")
        (">> On Mon, 1 Jan 2015, >> wrote:", None),
    ],
)
def test_an_attribution_gives_the_name_without_its_address_on_one_line_or_wrapped(text, named):
    """The name an attribution gives, without an address in parentheses (before, "Jane Doe (jane@example.org)"),
    and a line wrapped at its verb or inside its address's brackets read as one (before, none, or
    "jane@example.org>" as the name)."""
    found = list(attribution.attributions(text))
    assert found == ([(0, len(text), named)] if named else [])


@pytest.mark.parametrize(
    ("line", "named"),
    [
        ("On Mon, Nov 5, 2007 at 11:57 PM, Jane Doe <jane@example.org> wrote:", "jane"),
        ("Am 2007-05-02 16:49 +0200 schrieb Jane Doe:", "jane"),
        ("M Rawash wrote:  [Mon Apr 05 2010, 04:31:00AM EDT]", "rawash"),  # a real one, ion-general-2010-April
        ("I wrote to Jane Doe about this:", None),  # prose: the mail's own words
        ("Jane Doe wrote: I agree.", None),  # "wrote:" inside a line of the mail's own
    ],
)
def test_a_mails_head_and_the_cues_read_one_rule_for_its_attribution_line(line, named):
    """The attribution line a mail's head reads (``mail_head``'s name and minute of the quoted mail) is the one the
    cues and ``unattributed`` read (``attribution.attributions``): before, "I wrote to NAME about this:" opening a
    mail was its attribution to the head and prose to the cues, and "NAME wrote:  [DATE]" the reverse."""
    head = planning.mail_head(f"Re: Docker\nSat, 28 Nov 2015 21:25:30 +0100\n\n{line}\n> quoted\n\nMy answer.")
    assert head is not None and planning.attribution_line(line) == bool(list(attribution.attributions(line)))
    assert (named in head.attributed if named else not head.attributed) and planning.attribution_line(line) == bool(
        named
    )
