"""The shipped reply model on real threads from repositories it was not trained on, flattened into scraped
pages in reading order; the answers come from each file's own structure, read with the standard library."""

import csv
import html
import json
import math
import os
import re
import subprocess
import sys
import time
import xml.etree.ElementTree as ET
from dataclasses import replace
from pathlib import Path

import pytest

from graphkit import schema
from graphkit.extract import Extractor
from graphkit.extract.replies import ThreadContext, content_words, infer_reply
from graphkit.extract.reply_model import FEATURES, MODEL_FILE, ReplyModel, model
from graphkit.records import Edge
from graphkit.sources import expand_inputs, read_posts
from graphkit.sources.text import parse

THREAD = Path(__file__).parent / "data" / "replies" / "graw-thread.json"
HN = Path(__file__).parent / "data" / "real" / "hackernews" / "communal-algolia-item.json"
BLOG = Path(__file__).parent / "data" / "real" / "disqus" / "yesilmavihayat.xml"
# the clean held-out set: added after the model's features were chosen, never trained or tuned on
FRESH = Path(__file__).parent / "data" / "real" / "tabular" / "ausfinance-heldout.csv"
# the newest held-out set: seven r/Parenting threads, added after the clean set had been looked at
NEWEST = Path(__file__).parent / "data" / "replies" / "fresh" / "parenting-heldout.ndjson"
# held out with the clean set: a month of a wireless driver's mailing list
MAIL = Path(__file__).parent / "data" / "replies" / "fresh" / "bcm43xx-dev-2008-May.mbox"
# the latest held-out set: seven r/leagueoflegends threads, added before any change to the model after the newest
# set had been looked at, from a repository no other file comes from
LATEST = Path(__file__).parent / "data" / "replies" / "fresh" / "lol-heldout.ndjson"
# eight r/ufc threads, added before any change to the model after the latest set had been looked at, from a
# repository no other file comes from
UFC = Path(__file__).parent / "data" / "replies" / "fresh" / "ufc-heldout.ndjson"


def reddit_tree(path: Path) -> tuple[str, str, list]:
    """A Reddit comment page as (title, text, comments); a comment is (author or None, text, replies)."""
    submission, listing = json.loads(path.read_text(encoding="utf-8"))
    post = submission["data"]["children"][0]["data"]

    def comments(things):
        out = []
        for thing in things:
            if thing["kind"] == "t1":
                data = thing["data"]
                replies = comments(data["replies"]["data"]["children"]) if data["replies"] else []
                author = data["author"] if not data["author"].startswith("[") else None
                out.append((author, html.unescape(data["body"]), replies))
        return out

    return post["title"], post["selftext"], comments(listing["data"]["children"])


def hn_tree(path: Path) -> tuple[str, str, list]:
    """A Hacker News search-API item as (title, text, comments), the comments' HTML made plain text."""
    item = json.loads(path.read_text(encoding="utf-8"))

    def plain(text: str) -> str:
        return html.unescape(re.sub(r"<[^>]+>", "", re.sub(r"<p>", "\n\n", text or "")))

    def comments(children):
        return [(c["author"], plain(c["text"]), comments(c["children"])) for c in children if c.get("text")]

    return item["title"], plain(item["text"]), comments(item["children"])


def csv_trees(path: Path) -> list[tuple[str, str, list]]:
    """Each thread of a table of Reddit comments (``id``, ``post_id``, ``parent_id``, ``author``, ``body``;
    the posts themselves are not in the table) as (title, text, comments), replies in the table's order."""
    rows = list(csv.DictReader(path.open(encoding="utf-8", newline="")))
    kids: dict[str, list[dict]] = {}
    for row in rows:
        kids.setdefault(row["parent_id"], []).append(row)

    def comments(parent: str) -> list:
        gone = ("[deleted]", "[removed]")
        return [
            (None if r["author"] in gone else r["author"], "" if r["body"] in gone else r["body"], comments(r["id"]))
            for r in kids.get(parent, [])
        ]

    posts = dict.fromkeys(r["post_id"] for r in rows)
    return [("Discussion", "", comments(post)) for post in posts]


def dump_trees(path: Path) -> list[tuple[str, str, list]]:
    """Each thread of Reddit dump lines (a submission, then its comments with ``parent_id``) as (title, text,
    comments), replies in the file's order."""
    things = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
    kids: dict[str, list[dict]] = {}
    for thing in things:
        if "parent_id" in thing:
            kids.setdefault(thing["parent_id"], []).append(thing)

    def comments(parent: str) -> list:
        gone = ("[deleted]", "[removed]")
        return [
            (
                None if c["author"] in gone else c["author"],
                "" if c["body"] in gone else c["body"],
                comments(f"t1_{c['id']}"),
            )
            for c in kids.get(parent, [])
        ]

    return [(t["title"], t["selftext"], comments(t["name"])) for t in things if "title" in t]


def mbox_trees(path: Path, quotes: bool = False) -> list[tuple[str, str, list]]:
    """Each thread of a mailing-list month as (subject, text, comments), read by graphkit's own reader (replies by
    In-Reply-To and References, in the month's order); a mail answering one the month lacks roots its own thread,
    as the archive's page shows it. With ``quotes``, a mail's quoted lines (which the reader keeps apart) come
    before its own text, each after "> ", as the archive's page shows them."""
    posts = [p for p in read_posts(expand_inputs([str(path)])) if not p.deleted]
    known = {p.id for p in posts}
    kids: dict[str, list] = {}
    for p in posts:
        if not p.is_article and p.parent in known:
            kids.setdefault(p.parent, []).append(p)

    def text(p) -> str:
        quoted = "\n".join(f"> {line}".rstrip() for block in p.quoted for line in block.split("\n"))
        return f"{quoted}\n\n{p.text}" if quotes and quoted else p.text

    def comments(parent: str) -> list:
        return [(p.author, text(p), comments(p.id)) for p in kids.get(parent, [])]

    roots = [p for p in posts if p.is_article or p.parent not in known]
    return [(p.title or "Discussion", p.text, comments(p.id)) for p in roots if p.id in kids]


def flatten(tree: tuple[str, str, list], shows: str = "", writer: str = "") -> tuple[str, dict[int, int | None]]:
    """The page (headline, article, then author line and text of each comment, depth first) and, for the
    offset where each comment's text starts, the offset of its parent's text (None: the article). A page
    that ``shows`` "indentation" indents each comment four blanks a level; "counts" ends each comment that
    has replies with a line "N replies". A page with a ``writer`` names the post's writer under its headline."""
    title, text, comments = tree
    byline = f"Posted by {writer}\n\n" if writer else ""
    head = f"{title}\n\n{byline}{text.strip() or title}\n"
    parts, at, parent_of = [head], len(head), {}

    def walk(comments, parent_at, depth):
        nonlocal at
        for author, body, replies in comments:
            body = re.sub(r"\n{2,}", "\n\n", re.sub(r"[ \t]+\n", "\n", body.strip()))
            if not body:
                continue
            if shows == "counts" and replies:
                body += f"\n{len(replies)} {'reply' if len(replies) == 1 else 'replies'}"
            indent = "    " * depth if shows == "indentation" else ""
            body = "\n".join(indent + line if line else line for line in body.split("\n"))
            lead = f"\n\n{indent}{author}\n\n" if author else "\n\n\n"
            mine = at + len(lead)
            parent_of[mine] = parent_at
            parts.append(lead + body + "\n")
            at += len(lead) + len(body) + 1
            walk(replies, mine, depth + 1)

    walk(comments, None, 0)
    return "".join(parts), parent_of


def placed(raw: str, parent_of: dict[int, int | None], name: str) -> tuple[list[bool], list[float], float, float]:
    """Whether each comment's inferred parent is right, its confidence, and the two trivial baselines'
    accuracy (all on the article, each on the one before)."""
    posts = list(parse(raw, name))
    article, comments = posts[0], posts[1:]
    by_offset = {p.start: p.id for p in comments}
    gold = {}
    for c in comments:
        if c.start in parent_of:
            parent = parent_of[c.start]
            gold[c.id] = article.id if parent is None else by_offset.get(parent)
    gold = {k: v for k, v in gold.items() if v}
    edges = {e.source: e for e in Extractor(entities=False).extract(posts).edges if e.type == schema.REPLY_TO}
    right = [edges[c].target == parent for c, parent in gold.items()]
    on_article = sum(parent == article.id for parent in gold.values()) / len(gold)
    order = [c.id for c in comments]
    on_previous = sum(gold.get(c) == p for p, c in zip([article.id, *order], order, strict=False)) / len(gold)
    return right, [edges[c].props["confidence"] for c in gold], on_article, on_previous


def test_model_loads_fast_and_names_every_feature():
    started = time.process_time()
    loaded = ReplyModel.from_json(json.loads(MODEL_FILE.read_text(encoding="utf-8")))
    assert time.process_time() - started < 0.5  # CPU time: other processes cannot make it fail
    assert all(len(w) == len(FEATURES) for w in loaded.weights.values()) and "threaded" in loaded.weights
    assert all(0 < p < 1 for p in loaded.cue_precision.values())
    xs, ys = loaded.calibration  # a calibration curve: rising, from probabilities to probabilities
    assert list(xs) == sorted(xs) and list(ys) == sorted(ys) and all(0 < y < 1 for y in ys)


def test_retraining_gives_the_shipped_model_file():
    """Anyone can retrain: the training script, run on its data under another string hashing, fits the model
    file that ships (every parameter within the file's rounding) without writing it."""
    root = Path(__file__).parents[1]
    env = {**os.environ, "PYTHONPATH": str(root), "PYTHONHASHSEED": "4242"}
    run = subprocess.run(
        [sys.executable, str(root / "bench" / "replies" / "train.py"), "--check"],
        capture_output=True,
        text=True,
        env=env,
        cwd=root,
        timeout=1800,
    )
    assert run.returncode == 0, run.stdout[-2000:] + run.stderr[-2000:]
    assert "the shipped model file's parameters" in run.stdout


def _guest_book() -> tuple[str, list[Edge]]:
    """A real Disqus guest book (no comment answers another: the export states no parent) read as a page: its
    article's id and its comments' inferred replies."""
    ns = {"d": "http://disqus.com", "dsq": "http://disqus.com/disqus-internals"}
    root = ET.parse(BLOG).getroot()
    posts = [
        p
        for p in root.findall("d:post", ns)
        if p.findtext("d:isDeleted", namespaces=ns) == "false" and p.findtext("d:isSpam", namespaces=ns) == "false"
    ]
    assert len(posts) > 40 and not any(p.find("d:parent", ns) is not None for p in posts)
    parts = ["Comments\n\nThe guest book of the site.\n"]
    for p in posts:
        text = html.unescape(re.sub(r"<[^>]+>", "\n", p.findtext("d:message", namespaces=ns))).strip()
        text = re.sub(r"\n{2,}", "\n\n", re.sub(r"[ \t]*\n[ \t]*", "\n", text))
        parts.append(f"\n\n{p.findtext('d:author/d:name', namespaces=ns)}\n\n{text}\n")
    page = list(parse("".join(parts), "guest-book"))
    assert len(page) > 40
    edges = [e for e in Extractor(entities=False).extract(page).edges if e.type == schema.REPLY_TO]
    assert [e.source for e in edges] == [p.id for p in page[1:]]
    return page[0].id, edges


def test_flat_blog_comment_section_stays_on_the_article():
    """The model reads the guest book as flat and puts its comments on the article, as the trivial baseline does."""
    article, edges = _guest_book()
    on_article = sum(e.target == article for e in edges) / len(edges)
    assert on_article >= 0.9


@pytest.mark.parametrize(
    ("name", "tree"), [("Reddit", lambda: reddit_tree(THREAD)), ("Hacker News", lambda: hn_tree(HN))]
)
def test_held_out_threads_beat_both_baselines_with_probabilities(name, tree):
    right, confidence, on_article, on_previous = placed(*flatten(tree()), name)
    accuracy = sum(right) / len(right)
    mean = sum(confidence) / len(confidence)
    print(
        f"\nheld-out {name} thread: accuracy {accuracy:.2f}, all on the article {on_article:.2f}, "
        f"each on the one before {on_previous:.2f}, mean confidence {mean:.2f}"
    )
    assert len(right) > 100
    assert accuracy > max(on_article, on_previous)
    assert abs(mean - accuracy) < 0.1  # probabilities, not fixed rule scores
    assert all(0 < c <= 1 for c in confidence)


@pytest.mark.parametrize(
    ("name", "tree"),
    [
        pytest.param(
            "Reddit",
            lambda: reddit_tree(THREAD),
            marks=pytest.mark.xfail(strict=True, reason="issue 13 not reached yet: + 0.10 over the better baseline"),
        ),
        ("Hacker News", lambda: hn_tree(HN)),
    ],
)
def test_held_out_threads_beat_the_better_baseline_by_the_issue_margin(name, tree):
    right, _, on_article, on_previous = placed(*flatten(tree()), name)
    assert sum(right) / len(right) >= max(on_article, on_previous) + 0.10


def test_a_page_naming_the_posts_writer_puts_the_writers_answers_on_comments():
    """The writer of the post (r/self, 199 comments, 39 of them the writer's own answers) named under the headline,
    as most pages name it: the writer's comments are placed right at least as often as on the page that does not
    name the writer, and on the article no more often (unsigned 35 right, one on the article; signed 36, none)."""
    writer = json.loads(THREAD.read_text(encoding="utf-8"))[0]["data"]["children"][0]["data"]["author"]
    placed_right = []
    for shown in ("", writer):
        raw, parent_of = flatten(reddit_tree(THREAD), writer=shown)
        posts = list(parse(raw, "graw"))
        by_offset = {p.start: p.id for p in posts[1:]}
        edges = {
            e.source: e.target for e in Extractor(entities=False).extract(posts).edges if e.type == schema.REPLY_TO
        }
        own = [p for p in posts[1:] if p.author == writer and p.start in parent_of]
        right = [edges[p.id] == by_offset.get(parent_of[p.start], posts[0].id) for p in own]
        on_article = sum(edges[p.id] == posts[0].id for p in own)
        assert len(own) > 30 and (posts[0].author == writer) == bool(shown)
        placed_right.append((sum(right), on_article))
    (unsigned, unsigned_on_article), (signed, signed_on_article) = placed_right
    assert signed >= unsigned and signed_on_article <= unsigned_on_article


def _fresh_pages() -> list[tuple[list[bool], list[float], float, float]]:
    return [placed(*flatten(tree), f"ausfinance-{n}") for n, tree in enumerate(csv_trees(FRESH))]


@pytest.mark.xfail(
    strict=True,
    reason="one thread (46 comments) 0.50 against its previous-comment baseline 0.59 since the model is fitted on "
    "every page but the folded ones (bench/README.md, reply inference)",
)
def test_clean_held_out_threads_each_reach_their_better_baseline_and_together_pass_it():
    """Eight Reddit threads added after the model's features were chosen: each page at least as right as
    its better trivial baseline, all together 0.05 above the baselines' sum, with probabilities that mean
    what they say."""
    pages = _fresh_pages()
    judged = sum(len(right) for right, *_ in pages)
    better = sum(max(article, previous) * len(right) for right, _, article, previous in pages) / judged
    accuracy = sum(sum(right) for right, *_ in pages) / judged
    confidence = sum(sum(c) for _, c, *_ in pages) / judged
    print(f"\nclean held-out Reddit: accuracy {accuracy:.3f}, better baseline {better:.3f}, mean p {confidence:.3f}")
    assert judged > 400 and len(pages) == 8
    for right, _, article, previous in pages:
        assert sum(right) / len(right) >= max(article, previous) - 1e-9
    assert accuracy >= better + 0.05
    assert abs(confidence - accuracy) < 0.05


@pytest.mark.xfail(strict=True, reason="issue 13 not reached yet: + 0.10 over the better baseline on every page")
def test_clean_held_out_threads_beat_the_better_baseline_by_the_issue_margin():
    for right, _, article, previous in _fresh_pages():
        assert sum(right) / len(right) >= max(article, previous) + 0.10


def _newest_pages() -> list[tuple[list[bool], list[float], float, float]]:
    return [placed(*flatten(tree), f"parenting-{n}") for n, tree in enumerate(dump_trees(NEWEST))]


def test_confidence_means_what_it_says_on_the_newest_held_out_threads():
    """Seven r/Parenting threads, most of whose comments answer the post: pages the gate reads as flat say
    how often a comment of such a page answers the article, so the confidences match the share right
    (calibration error under the issue's 0.1; before, flat pages said 0.38 where 0.63 were right)."""
    pages = _newest_pages()
    judged = [(c, r) for right, confidence, *_ in pages for c, r in zip(confidence, right, strict=True)]
    assert len(pages) == 7 and len(judged) > 500
    assert calibration_error(judged) <= 0.1


@pytest.mark.xfail(
    strict=True,
    reason="three of seven pages below the share of their comments on the post (-0.03 to -0.08), the others "
    "+0.06 to +0.11 (bench/README.md, reply inference)",
)
def test_newest_held_out_threads_beat_the_better_baseline_by_the_issue_margin():
    for right, _, article, previous in _newest_pages():
        assert sum(right) / len(right) >= max(article, previous) + 0.10


def _latest_pages() -> list[tuple[list[bool], list[float], float, float]]:
    pages = [placed(*flatten(tree), f"lol-{n}") for n, tree in enumerate(dump_trees(LATEST))]
    for n, (right, confidence, article, previous) in enumerate(pages):
        print(
            f"\nlatest held-out page {n}: {len(right)} comments, accuracy {sum(right) / len(right):.2f}, "
            f"article {article:.2f}, previous {previous:.2f}, mean confidence {sum(confidence) / len(confidence):.2f}"
        )
    return pages


@pytest.mark.xfail(
    strict=True,
    reason="0.52 in all (on the post 0.35, each on the one before 0.43); four of seven pages +0.10 to +0.18, the "
    "finals-ceremony thread (107 comments, 0.18 on the post) -0.15 below each on the one before, two +0.06 and "
    "+0.00 (bench/README.md, reply inference)",
)
def test_latest_held_out_threads_beat_the_better_baseline_by_the_issue_margin():
    """Seven r/leagueoflegends threads of 37 to 107 judged comments, 0.18 to 0.57 of them on the post: each page
    0.10 above its better trivial baseline."""
    pages = _latest_pages()
    assert len(pages) == 7 and sum(len(right) for right, *_ in pages) > 500
    for right, _, article, previous in pages:
        assert sum(right) / len(right) >= max(article, previous) + 0.10


def test_confidence_means_what_it_says_on_the_latest_held_out_threads():
    judged = [(c, r) for right, confidence, *_ in _latest_pages() for c, r in zip(confidence, right, strict=True)]
    assert len(judged) > 500
    assert calibration_error(judged) <= 0.1


def _ufc_pages() -> list[tuple[list[bool], list[float], float, float]]:
    pages = [placed(*flatten(tree), f"ufc-{n}") for n, tree in enumerate(dump_trees(UFC))]
    for n, (right, confidence, article, previous) in enumerate(pages):
        print(
            f"\nufc held-out page {n}: {len(right)} comments, accuracy {sum(right) / len(right):.2f}, "
            f"article {article:.2f}, previous {previous:.2f}, mean confidence {sum(confidence) / len(confidence):.2f}"
        )
    return pages


@pytest.mark.xfail(
    strict=True,
    reason="run once: 0.66 in all (on the post 0.25, each on the one before 0.57), the mean over 0.6; four of eight "
    "pages +0.12 to +0.16, three +0.02 to +0.07, one (51 comments) -0.04 below each on the one before "
    "(bench/README.md, reply inference)",
)
def test_ufc_held_out_threads_beat_the_better_baseline_by_the_issue_margin():
    """Eight r/ufc threads of 56 to 78 comments: each page 0.10 above its better trivial baseline, and together
    at least 0.6 right (the issue's mean over threaded discussions)."""
    pages = _ufc_pages()
    judged = sum(len(right) for right, *_ in pages)
    assert len(pages) == 8 and judged > 450
    assert sum(sum(right) for right, *_ in pages) / judged >= 0.6
    for right, _, article, previous in pages:
        assert sum(right) / len(right) >= max(article, previous) + 0.10


def test_confidence_means_what_it_says_on_the_ufc_held_out_threads():
    judged = [(c, r) for right, confidence, *_ in _ufc_pages() for c, r in zip(confidence, right, strict=True)]
    assert len(judged) > 450
    assert calibration_error(judged) <= 0.1


def _mail_margin(quotes: bool) -> float:
    pages = [placed(*flatten(tree), f"bcm43xx-{n}") for n, tree in enumerate(mbox_trees(MAIL, quotes))]
    judged = sum(len(right) for right, *_ in pages)
    better = sum(max(article, previous) * len(right) for right, _, article, previous in pages) / judged
    accuracy = sum(sum(right) for right, *_ in pages) / judged
    print(f"\nheld-out mailing list: accuracy {accuracy:.3f}, better baseline {better:.3f} over {judged} mails")
    assert judged > 100
    return accuracy - better


@pytest.mark.parametrize(
    "quotes",
    [
        pytest.param(
            False,
            id="plain",
            marks=pytest.mark.xfail(
                strict=True,
                reason="below each mail on the one before (0.61 against 0.78, each page's better baseline summed; "
                "bench: 0.58 against 0.70): the page keeps no quoted lines, the reader moves them out of the text, "
                "and the model learnt mail from pages that show them",
            ),
        ),
        pytest.param(True, id="quotes-shown"),
    ],
)
def test_held_out_mailing_list_beats_its_better_baseline_by_the_issue_margin(quotes):
    """A month of a driver's list (held out), each thread a page, plain or as its archive's pages show it (each
    mail's quoted lines above its own text): together 0.10 above the better baseline."""
    assert _mail_margin(quotes) >= 0.10


def test_guest_book_confidence_means_what_it_says():
    """Each comment of a page read as flat has its own confidence, from the page's shape and its own words."""
    article, edges = _guest_book()
    assert calibration_error([(e.props["confidence"], e.target == article) for e in edges]) <= 0.1


def calibration_error(judged: list[tuple[float, bool]]) -> float:
    """Expected calibration error of (confidence, right) over ten equal bins of confidence."""
    error = 0.0
    for b in range(10):
        inside = [(c, r) for c, r in judged if b / 10 <= c < (b + 1) / 10 or (b == 9 and c == 1.0)]
        error += abs(sum(c for c, _ in inside) - sum(r for _, r in inside))
    return error / len(judged)


@pytest.mark.parametrize("shows", ["indentation", "counts"])
def test_a_page_that_shows_its_structure_is_read_exactly(shows):
    """The held-out threads, indented by depth or with reply counts under each comment: every parent right,
    with confidence 1."""
    for name, tree in (("Reddit", reddit_tree(THREAD)), ("Hacker News", hn_tree(HN))):
        right, confidence, _, _ = placed(*flatten(tree, shows), name)
        assert len(right) > 100 and all(right) and set(confidence) == {1.0}, name


def _same_case(word: str):
    """A replacement that keeps the case of the word it replaces ("You" → "Sa"): comments still start as they did."""
    return lambda m: word.capitalize() if m.group()[0].isupper() else word


def test_the_gate_reads_a_page_by_what_any_language_shows():
    """The page's reading (flat or threaded) does not hang on an English word: the held-out thread's comments
    with every "you" turned into a word of another language give the page the same probability of being threaded."""
    _, _, comments = reddit_tree(THREAD)

    def walk(cs):
        for author, body, replies in cs:
            yield author, body
            yield from walk(replies)

    english, other = ThreadContext("a"), ThreadContext("a")
    for author, body in walk(comments):
        english.survey(body, author)
        other.survey(re.sub(r"(?i)\byou(?:r|rs|'re|'ve|'d)?\b|\bu\b|\bur\b", _same_case("sa"), body), author)
    assert english.page["article_page_you"] > other.page["article_page_you"]  # the English cue was there
    shipped = model()
    assert shipped.threaded(english.page) == pytest.approx(shipped.threaded(other.page), abs=1e-9)


def test_writers_named_by_later_comments_are_counted_in_the_pages_shape():
    named, unnamed = ThreadContext("a"), ThreadContext("a")
    for ctx, reply in ((named, "Marguerite is right, and Tobias too"), (unnamed, "Somebody is right, somebody too")):
        ctx.survey("First thoughts on the launch", "Marguerite_77")
        ctx.survey("Second thoughts on the launch", "tobias")
        ctx.survey(reply, "Ines")
    assert named.page["article_page_named"] > unnamed.page["article_page_named"]


def test_flat_page_confidence_weighs_each_comments_evidence():
    """On a page read as flat a comment's confidence is not one figure a page: the gate's probability of a flat
    page is mixed with the threaded model's probability that this comment answers the article, then calibrated."""
    m = ReplyModel({}, {}, {}, on_article={"flat": 0.9}, flat_calibration=((0.2, 0.8), (0.3, 0.9)))
    assert m.flat_evidence(0.5, 0.2) == pytest.approx(0.55)  # flat: 0.9 on the article; threaded: 0.2
    assert m.flat_calibrated(0.5) == pytest.approx(0.6)  # halfway between the curve's points
    assert m.flat_calibrated(0.99) == pytest.approx(0.9) and m.flat_calibrated(0.0) == pytest.approx(0.3)
    xs, ys = model().flat_calibration  # the shipped curve: rising, from probabilities to probabilities
    assert xs and list(xs) == sorted(xs) and list(ys) == sorted(ys) and all(0 < y < 1 for y in ys)
    page = {"article_page_back": -0.4, "article_page_turns": -0.4}  # a page whose writers never come back
    assert model().flat_confidence(page, 0.95) > model().flat_confidence(page, 0.3)


def test_content_words_are_read_in_any_script():
    """Shared words weigh a candidate on a page in any language, not only in English."""
    words = content_words("Il problema è l'immensa orda di giornalisti. Москва слезам не верит, café 2024")
    assert {"problema", "immensa", "giornalisti", "москва", "слезам", "верит", "café"} <= words
    assert "2024" not in words and "di" not in words


@pytest.mark.xfail(strict=True, reason="the shipped threaded model is not fitted on folded pages (see train.py)")
def test_a_flat_page_read_as_threaded_still_answers_the_article():
    """The held-out thread's top-level comments alone (the page a scraper saves with replies folded away), placed
    by the threaded model whatever the gate says, should mostly answer the article. The shipped model, fitted on
    every page but the folded ones, puts fewer there; one fitted on the folded pages too put most there, but it
    put too many comments of threaded pages on the article as well (see train.py)."""
    title, text, comments = reddit_tree(THREAD)
    top = [(author, body, []) for author, body, _ in comments]
    raw, parent_of = flatten((title, text, top))
    posts = list(parse(raw, "folded"))
    threaded = replace(model(), lean=math.inf)  # every page read as threaded
    ctx = ThreadContext(posts[0].id)
    ctx.add(posts[0].id, None, posts[0].text, False, None)
    for p in posts[1:]:
        ctx.survey(p.text, p.author)
    on_article = []
    for p in posts[1:]:
        reply = infer_reply(p.text, p.author, ctx, [], [], threaded)
        if p.start in parent_of:
            on_article.append(reply.target == posts[0].id)
        ctx.add(p.id, p.author, p.text, False, reply.target, reply.p_root)
    assert ctx.kind == "threaded" and len(on_article) > 20
    assert sum(on_article) / len(on_article) >= 0.8
