"""The shipped reply model on real threads from repositories it was not trained on, flattened into scraped
pages in reading order by the code that builds the bench's and the training script's pages (``flatten.pages``:
each file read by graphkit's reader, so a Reddit body's "&gt;" is a quoted line's ">" as on the bench's page);
the answers come from each file's own structure."""

import json
import mailbox
import math
import os
import re
import subprocess
import sys
import time
import xml.etree.ElementTree as ET
from collections.abc import Collection
from dataclasses import replace
from datetime import UTC, datetime
from email.utils import parsedate_to_datetime
from pathlib import Path

import pytest

from graphkit import schema
from graphkit.extract import Extractor
from graphkit.extract import replies_page as planning
from graphkit.extract.replies import ThreadContext, content_words, infer_reply
from graphkit.extract.reply_model import CALIBRATION, FEATURES, MODEL_FILE, POSTED, ReplyModel, model
from graphkit.records import ANCESTOR_STATED, Edge, Post
from graphkit.sources import expand_inputs, read_posts
from graphkit.sources.text import parse

sys.path.insert(0, str(Path(__file__).parents[1] / "bench" / "replies"))
import flatten  # noqa: E402  (the held-out sets, and the pages the bench and the training script build)
from flatten import Page, pages  # noqa: E402

from bench.replies import threaded_mean  # noqa: E402

THREAD = Path(__file__).parent / "data" / "replies" / "graw-thread.json"
HN = Path(__file__).parent / "data" / "real" / "hackernews" / "communal-algolia-item.json"
BLOG = Path(__file__).parent / "data" / "real" / "disqus" / "yesilmavihayat.xml"
# the held-out sets, never trained or tuned on: each set's provenance is told beside it in ``flatten``
FRESH, MAIL = flatten.FRESH
[NEWEST] = flatten.NEWEST
[LATEST] = flatten.LATEST
[UFC] = flatten.UFC
[SCIENCE] = flatten.SCIENCE
[AIRLINES] = flatten.AIRLINES
GLIMMER = flatten.GLIMMER
[SINGAPORE] = flatten.SINGAPORE
[CRYPTO] = flatten.CRYPTO
[NBA] = flatten.NBA
[ASKCI] = flatten.ASKCI
[VIEWER] = flatten.VIEWER
[GRADSCHOOL] = flatten.GRADSCHOOL
[SHEERAN] = flatten.SHEERAN
[URHO3D] = flatten.URHO3D
BTG = flatten.BTG
[CHRONIC] = flatten.CHRONIC
PLEARN = flatten.PLEARN
[DATASCIENCE] = flatten.DATASCIENCE
[PURSEBLOG] = flatten.PURSEBLOG
[BREITBART] = flatten.BREITBART
[OUTOFTHELOOP] = flatten.OUTOFTHELOOP
[ASKREDDIT] = flatten.ASKREDDIT
[INTERESTING] = flatten.INTERESTING
HARVESTMAN = flatten.HARVESTMAN
HACKERNEWS = flatten.HACKERNEWS
[PYDISCUSS] = flatten.PYDISCUSS
[KUBERNETES] = flatten.KUBERNETES
LBRC = flatten.LBRC
AT76 = flatten.AT76
[LAKES] = flatten.LAKES
[KINDAFUNNY] = flatten.KINDAFUNNY
[PROGRAMMING] = flatten.PROGRAMMING
[FDBFORUM] = flatten.FDBFORUM
[URS] = flatten.URS
[PHOTOGRAPHY] = flatten.PHOTOGRAPHY
[CORNELL] = flatten.CORNELL
[DELVING] = flatten.DELVING
[HNAPI] = flatten.HNAPI
[CMV] = flatten.CMV
[WORLDNEWS] = flatten.WORLDNEWS
TWISTED = flatten.TWISTED
[NFL] = flatten.NFL
RDEVEL = flatten.RDEVEL
[HNPAGE] = flatten.HNPAGE
[HNREADER] = flatten.HNREADER
[MOVIES] = flatten.MOVIES
COMMITTERS = flatten.COMMITTERS
[QUANTUM] = flatten.QUANTUM
OPENOCD = flatten.OPENOCD
[KAGGLE] = flatten.KAGGLE
[MINIMAL] = flatten.MINIMAL
[KSUMMIT] = flatten.KSUMMIT
[MANPAGES] = flatten.MANPAGES
[MLFAQ] = flatten.MLFAQ
[FIREBASE] = flatten.FIREBASE
[MADEMISTAKES] = flatten.MADEMISTAKES
[DESALARY] = flatten.DESALARY
[BOINGBOING] = flatten.BOINGBOING
[KSDISCUSS] = flatten.KSDISCUSS
[HNCACHE] = flatten.HNCACHE
[FORUMPOL] = flatten.FORUMPOL
[ETHSCRAPE] = flatten.ETHSCRAPE
_TRAINING = Path(__file__).parents[1] / "bench" / "replies" / "data"  # the training threads (never held out)


# why a held-out check is marked: the figure of a set's first run, or of a later round's model that lost what an
# earlier one reached (each run once, after that round's choices were fixed)
_FIRST = "first run once the round's choices were fixed: "
_LATER = "a later round's model, run once after its choices were fixed: "
# held-out sets never run by the model, by their score checks' ids (a mailing list's, its id in _MAIL_SCORE_CHECKS; a
# question set's pages as copied from the site, "quantum-copied"):
# their checks are skipped, with no mark of their own, until their first run, once after the round's choices are fixed,
# sets the marks and takes them off this list
NOT_SCORED_YET: set[str] = set()
_UNSCORED = pytest.mark.skip(
    reason="held out, not scored yet: its first run, once the round's choices are fixed, sets its marks"
)


def _short_of_the_margin(why: str) -> pytest.MarkDecorator:
    return pytest.mark.xfail(strict=True, reason=f"{why} (bench/README.md, reply inference)")


def _pages(path: Path, least: int = 10, **shown) -> list[Page]:
    """Each thread of ``path`` with ``least`` judged comments or more, as the bench and the training script render
    it (``flatten.pages``). A comment whose parent the file lacks roots a thread of its own."""
    return [p for p in pages([path], **shown) if len(p.gold) >= least]


def _thread(path: Path, **shown) -> Page:
    """The file's largest thread as a page."""
    return max(_pages(path, **shown), key=lambda p: len(p.gold))


def placed(page: Page) -> tuple[list[bool], list[float], float, float]:
    """Whether each comment's inferred parent is right, its confidence, and the two trivial baselines'
    accuracy (all on the article, each on the one before)."""
    edges = {e.source: e for e in Extractor(entities=False).extract(page.posts).edges if e.type == schema.REPLY_TO}
    article, order = page.posts[0].id, [p.id for p in page.posts[1:]]
    judged = [c for c in order if c in page.gold]
    right = [edges[c].target == page.gold[c] for c in judged]
    on_article = sum(page.gold[c] == article for c in judged) / len(judged)
    on_previous = sum(page.gold.get(c) == p for p, c in zip([article, *order], order, strict=False)) / len(judged)
    return right, [edges[c].props["confidence"] for c in judged], on_article, on_previous


def _placed_pages(path: Path) -> list[tuple[list[bool], list[float], float, float]]:
    """``placed`` on each held-out page of ``path``, each page's figures printed (``pytest -s`` shows them)."""
    pages = [placed(p) for p in _pages(path)]
    for n, (right, confidence, article, previous) in enumerate(pages):
        print(
            f"\n{path.stem} page {n}: {len(right)} comments, accuracy {sum(right) / len(right):.2f}, "
            f"article {article:.2f}, previous {previous:.2f}, mean confidence {sum(confidence) / len(confidence):.2f}"
        )
    return pages


def _beat_the_issue_margin(pages: list[tuple[list[bool], list[float], float, float]], threads: int, least: int) -> None:
    """Each of ``threads`` placed pages 0.10 above its better trivial baseline, and together at least 0.6 right (the
    issue's mean over threaded discussions)."""
    judged = sum(len(right) for right, *_ in pages)
    assert len(pages) == threads and judged > least
    assert sum(sum(right) for right, *_ in pages) / judged >= 0.6
    for right, _, article, previous in pages:
        assert sum(right) / len(right) >= max(article, previous) + 0.10


def test_model_loads_fast_and_names_every_feature():
    started = time.process_time()
    loaded = ReplyModel.from_json(json.loads(MODEL_FILE.read_text(encoding="utf-8")))
    assert time.process_time() - started < 0.5  # CPU time: other processes cannot make it fail
    assert all(len(w) == len(FEATURES) for w in loaded.weights.values()) and "threaded" in loaded.weights
    assert all(0 < p < 1 for p in loaded.cue_precision.values())
    assert all(0 < p < 1 for shares in loaded.kind_cue_precision.values() for p in shares.values())
    assert set(loaded.calibration) == set(CALIBRATION) == set(loaded.mail_calibration) and "mail" in loaded.weights
    for writer in ((False, 0.0), (True, 0.4)):  # rising, from probabilities to probabilities
        shares = [loaded.calibrated(p, *writer) for p in (0.05, 0.3, 0.6, 0.9, 0.99)]
        assert shares == sorted(shares) and all(0 < y < 1 for y in shares)


def test_the_article_writers_share_of_comments_is_read_from_the_whole_page():
    """Extraction surveys a page's comments before it meets the article: the writer's share is worked out when
    asked for, from every comment surveyed."""
    ctx = ThreadContext("a")
    for text, author in (("First", "alice"), ("Second", "bob"), ("Third", "alice"), ("Fourth", None)):
        ctx.survey(text, author)
    assert ctx.by_article_writer("alice") == (False, 0.0)  # the page has not named its writer
    ctx.add("a", "alice", "The post", False, None)
    assert ctx.by_article_writer("alice") == (True, 0.5) and ctx.by_article_writer("bob") == (False, 0.5)


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


def test_cross_validation_reads_each_pages_calibration_error_beside_chance():
    """``train.py --cv`` prints each page's calibration error and what honest confidences would show on a page of
    its size: a page of 0.5s half right is calibrated, yet its draws are not; confidences of 1 drawn never miss."""
    import train  # noqa: PLC0415  (numpy and the training pages' readers: only this test needs them)

    half = [(0.5, n % 2 == 0) for n in range(40)]
    sure = [(1.0, True)] * 30
    assert train.ece(half) == 0.0 and 0.03 < train.chance_error(half) < 0.3 and train.chance_error(sure) == 0.0
    page = Page("p", "threaded", "", [], {})
    small = Page("q", "threaded", "", [], {})
    summary = train.page_errors({"p": (page, [(0.9, n < 18) for n in range(30)]), "q": (small, half[:10])})
    assert "mean ECE 0.300, 1 of 1 over 0.1, the worst 0.300" in summary.splitlines()[-1]


def test_cross_validated_choices_saved_are_read_back_as_they_were(tmp_path):
    """``train.py --cv --save`` keeps each page's choices (by its name) so calibrations can be measured on them again
    without fitting the folds' models: read back beside the pages, they are the same choices."""
    import train  # noqa: PLC0415

    page, other = Page("rtv-one", "threaded", "", [], {}), Page("tds-one", "mixed", "", [], {})
    judged = train.Judged("previous", 0.62, True, False, False, 0.0, False, True, 0.3, "c1", "c1", "c2")
    both = [(page, {"threaded": [judged], "flat": [judged._replace(right=False)]}, 0.41, False, 0.9)]
    train.save_choices(tmp_path / "choices.json", both)
    assert train.load_choices(tmp_path / "choices.json", [other, page]) == both


def test_cross_validation_reads_the_calibration_error_of_each_sources_page_type():
    """A held-out set is one new source's pages of one type: ``train.py --cv`` pools each source's pages of a type (of
    20 choices or more) and prints how their errors spread; a small page stays out, and no group reaches 100 here."""
    import train  # noqa: PLC0415

    said_much = [(0.9, n < 18) for n in range(30)]  # 0.9 said, 0.6 right: 0.3 off
    half = [(0.5, n % 2 == 0) for n in range(20)]  # calibrated
    pages = {
        "a": (Page("rtv-one", "threaded", "", [], {}), said_much),
        "b": (Page("rtv-two", "threaded", "", [], {}), half),  # the same source's type: pooled, 50 choices
        "c": (Page("tds-one", "threaded", "", [], {}), half),
        "d": (Page("tds-two", "flat", "", [], {}), said_much[:10]),  # under 20 choices: left out
    }
    pooled = abs(0.9 * 30 + 0.5 * 20 - 18 - 10) / 50
    [line] = train.source_errors(pages).splitlines()
    assert f"of 20 choices or more, calibrated without the source: mean ECE {pooled / 2:.3f}" in line
    assert f"the worst {pooled:.3f}, 1 of 2 over 0.1, 1 over 0.08" in line


def test_training_weighs_rows_and_tells_a_deep_threads_pages():
    """A row weighing two fits as the row twice (the gate's fit weighs a thread's pages by it), and a thread is deep
    when a comment answers a comment that answers one; its folded page is told to be its own by name."""
    import numpy as np  # noqa: PLC0415
    import train  # noqa: PLC0415

    x = np.array([[1.0, v] for v in (-2.0, -1.0, 0.5, 1.0, 2.0)])
    y = np.array([0.0, 1.0, 0.0, 1.0, 1.0])
    weighed = train.logistic(x, y, 1e-3, np.array([1.0, 2.0, 1.0, 1.0, 1.0]))
    repeated = train.logistic(np.vstack([x, x[1:2]]), np.r_[y, y[1:2]], 1e-3)
    assert np.allclose(weighed, repeated) and not np.allclose(weighed, train.logistic(x, y, 1e-3))
    article = Post(id="a", thread="t", is_article=True, text="", platform="text", source="s")
    chain = Page("s:t", "threaded", "", [article], {"b": "a", "c": "b", "d": "c"})
    two_levels = Page("s:u", "threaded", "", [article], {"b": "a", "c": "b", "d": "a"})
    assert train.deep(chain) and not train.deep(two_levels)
    assert train.thread(replace(chain, name="s:t:folded")) == train.thread(chain) == "s:t"


def test_training_script_prints_its_usage_without_training():
    """``train.py --help`` prints the usage and stops at once (it used to run the whole cross-validation), and an
    unknown setup to compare is a one-line error naming the setups, not a traceback; so is a setup to cross-validate
    without ``--cv`` (it would write that setup's model over the shipped one)."""
    root = Path(__file__).parents[1]
    script = str(root / "bench" / "replies" / "train.py")
    env = {**os.environ, "PYTHONPATH": str(root)}
    shown = subprocess.run([sys.executable, script, "--help"], capture_output=True, text=True, env=env, timeout=120)
    assert shown.returncode == 0 and shown.stdout.startswith("usage: train.py")
    assert "--cv" in shown.stdout and "--check" in shown.stdout and "'shipped'" in shown.stdout
    wrong = subprocess.run(
        [sys.executable, script, "--compare", "no such setup"], capture_output=True, text=True, env=env, timeout=120
    )
    assert wrong.returncode == 2 and "invalid choice: 'no such setup'" in wrong.stderr
    assert "Traceback" not in wrong.stderr
    assert "--setup" in shown.stdout
    alone = subprocess.run(
        [sys.executable, script, "--setup", "shipped"], capture_output=True, text=True, env=env, timeout=120
    )
    assert alone.returncode == 2 and "--setup goes with --cv" in alone.stderr and "Traceback" not in alone.stderr


def test_cross_validation_figures_by_page_type_are_of_the_confidences_extraction_gives():
    """``--cv``'s figures by page type and by the kind a page was read as are of the confidences calibrated without
    the page's source, as extraction's are, beside the fold model's before calibration: the 0.130 it printed for pages
    read as flat was the fold models' uncalibrated evidence, which no extraction gives."""
    import train  # noqa: PLC0415

    article = Post(id="a", thread="t", is_article=True, text="", platform="text", source="s")
    folded = Page("s:t:folded", "flat", "", [article], {})
    plain = Page("s:t:plain", "mail", "", [article], {})
    evidence = [train.Judged("default", 0.8, True, True, False, 0.0, False, False)] * 10
    calibrated = [(0.95, True)] * 10
    by_page = {folded.name: (folded, calibrated), plain.name: (plain, calibrated[:4])}
    figures = train.summary([(folded, "flat", evidence, 0.2), (plain, "threaded", evidence[:4], 0.6)], by_page)
    assert figures.keys() == {"flat (true type)", "flat (read)", "plain mail (true type)"}
    before, after = figures["flat (read)"]
    assert after == calibrated and before == [(0.8, True)] * 10
    assert train.ece(after) == pytest.approx(0.05) and train.ece(before) == pytest.approx(0.2)
    assert figures["plain mail (true type)"] == ([(0.8, True)] * 4, calibrated[:4])


def test_cross_validation_counts_the_comments_answering_up_the_branch():
    """``--cv`` counts the threaded pages' comments whose parent is a comment before the one just before them (the
    deep pages lose them to the post and to the comment before), and where they were put."""
    import train  # noqa: PLC0415

    article = Post(id="a", thread="t", is_article=True, text="", platform="text", source="s")
    page = Page("s:t", "threaded", "", [article], {})
    plain = train.Judged("default", 0.6, True, False, False, 0.0, False, True)
    up = [
        train.Judged("default", 0.6, right, post, False, 0.0, True, previous)
        for right, post, previous in (
            (True, False, False),
            (False, True, False),
            (False, True, False),
            (False, False, True),
        )
    ]
    line = train.against_baselines([(page, "threaded", [plain] * 16 + up, 0.9)])
    assert line.endswith(
        "the 4 comments of threaded pages answering a comment before the one before them right / on"
        " the article / on the one before: 0.25 0.50 0.25"
    )
    assert train.against_baselines([(page, "threaded", [plain] * 20, 0.9)]).endswith(": 0.00 0.00 0.00")


def test_cross_validation_scores_a_cue_no_other_source_showed_as_extraction_does():
    """``--cv``'s confidences calibrated without the page's source give a cue none of the other sources' pages showed
    what extraction gives a cue its model never saw (``ReplyModel.cue_confidence``, which both ask): the comment's
    raw confidence was kept, the same only while the folds' models held no cue's share. A training topic of the course
    forum, its three comments addressing a writer placed by the shipped model (the cue's share right, 0.66), its other
    choices standing for another source's."""
    import train  # noqa: PLC0415

    page = next(p for p in pages([_TRAINING / "tds-discourse-169888.json"], quoted=True) if len(p.gold) >= 20)
    judged, kind = train.replay(page, model())
    addressed = [j for j in judged if j.rule == "address"]
    assert len(addressed) == 3 and {j.confidence for j in addressed} == {model().cue_precision["address"]}
    others = [j for j in judged if j.rule not in train._CUES]  # two more sources' pages, read both ways
    held = [(page, kind, judged, 0.9)] + [
        (replace(page, name=f"{elsewhere}-{page.name}"), read, others, 0.5)
        for elsewhere, read in (("one", kind), ("two", "flat"), ("two", kind), ("three", "flat"))
    ]
    scored = dict(zip([j.comment for j in judged], train.calibrated_held_out(held)[page.name][1], strict=True))
    never_seen = replace(model(), cue_precision={}, kind_cue_precision={})
    shipped = {j.comment: j.confidence for j in train.replay(page, never_seen)[0] if j.rule == "address"}
    assert shipped.keys() == {j.comment for j in addressed}
    assert all(scored[j.comment] == (shipped[j.comment], j.right) for j in addressed)


def test_page_cues_measured_by_the_gate_and_a_soft_gate_reading_both_ways():
    """What else a page shows of its kind (``train.page_cues``, measured as gate features) is counted per comment; a
    gate weighing them reads extraction's page as it reads the training page (their weights folded into its bias);
    a soft gate puts a comment the threaded reading placed weakly on the article and keeps a sure one."""
    import train  # noqa: PLC0415

    def post(i: int, text: str, author: str) -> Post:
        return Post(id=f"c{i}", thread="t", is_article=False, text=text, platform="text", source="s", author=author)

    article = Post(
        id="a", thread="t", is_article=True, text="Rust compile times on big projects", platform="text", source="s"
    )
    comments = [
        post(
            1, "Rust compile times are slow on big projects, sadly, even with incremental builds on everywhere.", "ann"
        ),
        post(2, "@ann you could try sccache for that.", "bob"),
        post(3, "> try sccache\nDid that, no gain at all here.", "ann"),
        post(4, "Thanks", "cid"),
    ]
    page = Page("s:t", "threaded", "", [article, *comments], {"c1": "a", "c2": "c1", "c3": "c2", "c4": "a"})
    cues = train.page_cues(page)
    n = len(comments) + 2
    assert cues["cue_at"] == 2 / n - 0.5 and cues["cue_quote"] == 2 / n - 0.5  # one handle, one quote (smoothed)
    assert cues["cue_short"] == 4 / n - 0.5 and cues["cue_writers"] == 3 / 4 - 0.5
    assert cues["cue_first_reply"] == 2 / n - 0.5  # the second comment is the first to show a reply cue
    # ann, the most frequent writer, wrote two of four, next to another writer's three times, after bob once; no byline
    assert cues["cue_top_share"] == 3 / n - 0.5 and cues["cue_top_alternating"] == 4 / n - 0.5
    assert cues["cue_top_partners"] == 2 / 4 - 0.5 and cues["cue_byline_share"] == 1 / n - 0.5
    gate = {"bias": 0.3, "article_page_turns": 2.0, "cue_at": 1.5, "cue_short": -0.7}
    shape = train.shape(page)
    own = train.own_gate(gate, page)
    assert set(own) == {"bias", "article_page_turns"}
    full = ReplyModel({}, gate, {}).threaded(shape)
    assert math.isclose(ReplyModel({}, own, {}).threaded(train.surveyed(page).page), full)
    assert train.own_gate({"bias": 0.3}, page) == {"bias": 0.3}

    weak = train.Judged("previous", 0.40, True, False, False, 0.0, False, True, 0.35)
    sure = train.Judged("previous", 0.90, True, False, False, 0.0, False, True, 0.05)
    flat = train.Judged("default", 0.9, False, True, False, 0.0, False, False, 0.9)
    both = [(page, {"threaded": [weak, sure], "flat": [flat, flat]}, 0.6, False, 0.95)]
    lean = math.log(2)
    ((_, kind, hard, _),) = train.read(both, lean)
    ((_, _, soft, _),) = train.read(both, lean, soft=1.0)
    assert kind == "threaded" and hard == [weak, sure]
    assert soft[0].on_article and not soft[0].right and soft[1] == sure._replace(confidence=soft[1].confidence)
    assert soft[1].confidence < sure.confidence  # the flat reading's share of the page taken off it


def _guest_book() -> tuple[str, list[Edge]]:
    """A real Disqus guest book (no comment answers another: the export states no parent) read as a page: its
    article's id and its comments' inferred replies."""
    page = _thread(BLOG)
    assert len(page.posts) > 40 and set(page.gold.values()) == {page.posts[0].id}
    edges = [e for e in Extractor(entities=False).extract(page.posts).edges if e.type == schema.REPLY_TO]
    assert [e.source for e in edges] == [p.id for p in page.posts[1:]]
    return page.posts[0].id, edges


def test_flat_blog_comment_section_stays_on_the_article():
    """The model reads the guest book as flat and puts its comments on the article, as the trivial baseline does."""
    article, edges = _guest_book()
    on_article = sum(e.target == article for e in edges) / len(edges)
    assert on_article >= 0.9


@pytest.mark.parametrize(
    ("path", "least"),
    [
        pytest.param(PURSEBLOG, 35, id="purseblog"),
        pytest.param(
            BREITBART,
            45,
            id="breitbart",
            marks=_short_of_the_margin(
                "first run once the round's choices were fixed: 0.40 against each on the one before 0.54 (-0.14; read "
                "as threaded), calibration error 0.178"
            ),
        ),
    ],
)
def test_held_out_disqus_threads_beat_their_better_baseline_by_the_issue_margin(path, least):
    """A fashion blog's Disqus thread (41 comments, 23 of them answering a comment; 39 judged on its page) and the
    first page of a news site's (50 comments, 48 answering a comment), each 0.10 above its better trivial baseline."""
    right, _, article, previous = placed(_thread(path))
    assert len(right) > least
    assert sum(right) / len(right) >= max(article, previous) + 0.10


@pytest.mark.parametrize(
    ("name", "path"),
    [
        ("Reddit", THREAD),
        ("Hacker News", HN),
    ],
)
def test_held_out_threads_beat_both_baselines_with_probabilities(name, path):
    right, confidence, on_article, on_previous = placed(_thread(path))
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
    ("name", "path"),
    [
        pytest.param(
            "Reddit",
            THREAD,
            marks=pytest.mark.xfail(
                strict=True, reason="issue 13 not reached yet: 0.558, level with each on the one before"
            ),
        ),
        ("Hacker News", HN),
    ],
)
def test_held_out_threads_beat_the_better_baseline_by_the_issue_margin(name, path):
    right, _, on_article, on_previous = placed(_thread(path))
    assert sum(right) / len(right) >= max(on_article, on_previous) + 0.10


def test_a_page_naming_the_posts_writer_puts_the_writers_answers_on_comments():
    """The writer of the post (r/self, 161 comments on the post's page, 34 of them the writer's own answers) named
    under the headline, as most pages name it: the writer's comments are placed right at least as often as on the
    page that does not name the writer, and on the article no more often (unsigned 30 right, two on the article;
    signed 32, none)."""
    writer = json.loads(THREAD.read_text(encoding="utf-8"))[0]["data"]["children"][0]["data"]["author"]
    placed_right = []
    for signed in (False, True):
        page = _thread(THREAD, signed=signed)
        posts = page.posts
        edges = {
            e.source: e.target for e in Extractor(entities=False).extract(posts).edges if e.type == schema.REPLY_TO
        }
        own = [p.id for p in posts[1:] if p.author == writer and p.id in page.gold]
        right = [edges[c] == page.gold[c] for c in own]
        on_article = sum(edges[c] == posts[0].id for c in own)
        assert len(own) > 30 and (posts[0].author == writer) == signed
        placed_right.append((sum(right), on_article))
    (unsigned, unsigned_on_article), (signed, signed_on_article) = placed_right
    assert signed >= unsigned and signed_on_article <= unsigned_on_article


@_short_of_the_margin(_LATER + "one page 0.477 (52 of 109) under its better baseline's 0.486")
def test_clean_held_out_threads_each_reach_their_better_baseline_and_together_pass_it():
    """Eight Reddit threads added after the model's features were chosen: each page at least as right as
    its better trivial baseline, all together 0.05 above the baselines' sum, with probabilities that mean
    what they say."""
    pages = _placed_pages(FRESH)
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
    for right, _, article, previous in _placed_pages(FRESH):
        assert sum(right) / len(right) >= max(article, previous) + 0.10


def test_confidence_means_what_it_says_on_the_newest_held_out_threads():
    """Seven r/Parenting threads, most of whose comments answer the post: pages the gate reads as flat say
    how often a comment of such a page answers the article, so the confidences match the share right
    (calibration error under the issue's 0.1; before, flat pages said 0.38 where 0.63 were right)."""
    pages = _placed_pages(NEWEST)
    judged = [(c, r) for right, confidence, *_ in pages for c, r in zip(confidence, right, strict=True)]
    assert len(pages) == 7 and len(judged) > 500
    assert calibration_error(judged) <= 0.1


@pytest.mark.xfail(
    strict=True,
    reason="two of seven pages below the share of their comments on the post (-0.03, -0.06), one level with it, "
    "the others +0.02 to +0.11 (bench/README.md, reply inference)",
)
def test_newest_held_out_threads_beat_the_better_baseline_by_the_issue_margin():
    for right, _, article, previous in _placed_pages(NEWEST):
        assert sum(right) / len(right) >= max(article, previous) + 0.10


@pytest.mark.parametrize(
    ("paths", "pages", "least"),
    [
        pytest.param(
            LATEST,
            7,
            500,
            id="leagueoflegends",
            marks=_short_of_the_margin(
                "0.49 in all (on the post 0.32, each on the one before 0.45); four of seven pages +0.09 to +0.12, the "
                "finals-ceremony thread (117 comments, read as flat) -0.17, two +0.02 and +0.04"
            ),
        ),
        pytest.param(
            UFC,
            8,
            450,
            id="ufc",
            marks=_short_of_the_margin(
                "0.67 in all (on the post 0.26, each on the one before 0.58), the mean over 0.6; three of eight pages "
                "+0.12 to +0.22, five +0.00 to +0.09"
            ),
        ),
        pytest.param(
            SCIENCE,
            6,
            400,
            id="science",
            marks=_short_of_the_margin(
                "0.61 in all (on the post 0.29, each on the one before 0.46), the mean over 0.6; three of six pages "
                "+0.11 to +0.16, three +0.02 to +0.07"
            ),
        ),
        pytest.param(
            AIRLINES,
            11,
            600,
            id="airline",
            marks=_short_of_the_margin(
                "0.61 in all (on the post 0.39, each on the one before 0.45), the mean over 0.6; six of eleven pages "
                "+0.15 to +0.25, five +0.00 to +0.09"
            ),
        ),
        pytest.param(
            SINGAPORE,
            3,
            300,
            id="singapore",
            marks=_short_of_the_margin(
                "0.53 in all (on the post 0.34, each on the one before 0.40), under the 0.6 mean; the three pages "
                "+0.10 to +0.13, one of them +0.098"
            ),
        ),
        pytest.param(
            CRYPTO,
            5,
            450,
            id="crypto",
            marks=_short_of_the_margin(
                "first run once this round's choices were fixed: 0.54 in all (on the post 0.20, each on the one before "
                "0.56), under the 0.6 mean; two of five pages +0.04 and +0.05 over each on the one before, three -0.03 "
                "to -0.11"
            ),
        ),
        pytest.param(
            NBA,
            1,
            150,
            id="nba",
            marks=_short_of_the_margin(
                "first run once this round's choices were fixed: 0.49 (on the post 0.20, each on the one before 0.52)"
            ),
        ),
        pytest.param(
            GRADSCHOOL,
            5,
            300,
            id="gradschool",
            marks=_short_of_the_margin(
                "first run once the round's choices were fixed: 0.58 in all (on the post 0.38, each on the one before "
                "0.43), under the 0.6 mean; three of five pages +0.11 to +0.13, two +0.00 (read as flat) and +0.04"
            ),
        ),
        pytest.param(
            SHEERAN,
            3,
            300,
            id="edsheeran",
            marks=_short_of_the_margin(
                "first run once the round's choices were fixed: 0.61 in all (on the post 0.42, each on the one before "
                "0.45); two of three pages +0.12 and +0.17, one -0.09 (read as flat)"
            ),
        ),
        pytest.param(
            CHRONIC,
            5,
            450,
            id="chronicpain",
            marks=_short_of_the_margin(
                "first run once the round's choices were fixed: 0.56 in all (on the post 0.41, each on the one before "
                "0.42), under the 0.6 mean; three of five pages +0.14 to +0.17, one +0.03, one -0.23 (two thirds of "
                "its comments on the post)"
            ),
        ),
        pytest.param(DATASCIENCE, 3, 300, id="datascience"),
        pytest.param(
            OUTOFTHELOOP,
            1,
            180,
            id="outoftheloop",
            marks=_short_of_the_margin(
                "first run once the round's choices were fixed: 0.44 (on the post 0.02, each on the one before 0.49): "
                "four top-level comments, branches nine deep"
            ),
        ),
        pytest.param(ASKREDDIT, 1, 180, id="askreddit"),
        pytest.param(
            INTERESTING,
            1,
            180,
            id="interestingasfuck",
            marks=_short_of_the_margin(
                "first run once the round's choices were fixed: 0.44 (0.27 / 0.37), +0.07, the page read as flat"
            ),
        ),
        pytest.param(
            HACKERNEWS[0],
            1,
            180,
            id="hn-magic",
            marks=_short_of_the_margin(_FIRST + "0.52 (0.21 / 0.43), +0.09"),
        ),
        pytest.param(HACKERNEWS[1], 1, 110, id="hn-planet"),
        pytest.param(PYDISCUSS, 1, 180, id="pydiscuss"),
        pytest.param(
            KUBERNETES,
            1,
            50,
            id="kubernetes",
            marks=_short_of_the_margin(_FIRST + "0.62 (0.33 / 0.55), +0.07"),
        ),
        pytest.param(
            LAKES,
            1,
            40,
            id="lakes",
            marks=_short_of_the_margin(_FIRST + "0.52 (0.30 / 0.43), +0.09, the page read as flat"),
        ),
        pytest.param(
            KINDAFUNNY,
            1,
            20,
            id="kindafunny",
            marks=_short_of_the_margin(_FIRST + "0.67 (0.17 / 0.62), +0.04"),
        ),
        pytest.param(PROGRAMMING, 1, 20, id="programming"),
        pytest.param(
            URS,
            5,
            400,
            id="urs",
            marks=_short_of_the_margin(
                _FIRST + "0.51 (0.13 / 0.54), -0.03; four of five pages under their better baseline"
            ),
        ),
        pytest.param(
            PHOTOGRAPHY,
            1,
            140,
            id="photography",
            marks=_short_of_the_margin(_FIRST + "0.66 (0.18 / 0.65), +0.01"),
        ),
        pytest.param(
            CORNELL,
            17,
            580,
            id="cornell",
            marks=_short_of_the_margin(
                _FIRST + "0.68 (0.32 / 0.54); eleven of 17 pages +0.10 or more, six from -0.11 to +0.09"
            ),
        ),
        pytest.param(DELVING, 2, 160, id="delving"),
        pytest.param(
            HNAPI,
            7,
            650,
            id="hnapi",
            marks=_short_of_the_margin(
                _FIRST + "0.58 (0.20 / 0.50), +0.08; pages from +0.01 to +0.19, four of seven under +0.05"
            ),
        ),
        pytest.param(
            CMV,
            3,
            65,
            id="changemyview",
            marks=_short_of_the_margin(
                _FIRST + "0.73 (0.15 / 0.67); one of three pages +0.10, the others -0.07 and 0.00"
            ),
        ),
        pytest.param(
            WORLDNEWS,
            1,
            180,
            id="worldnews",
            marks=_short_of_the_margin(_FIRST + "0.46 (0.12 / 0.43), +0.03"),
        ),
        pytest.param(NFL, 1, 195, id="nfl", marks=_short_of_the_margin(_FIRST + "0.43 (0.21 / 0.46), −0.04")),
        pytest.param(HNPAGE, 1, 120, id="hnpage", marks=_short_of_the_margin(_FIRST + "0.55 (0.29 / 0.47), +0.08")),
        pytest.param(
            HNREADER,
            3,
            380,
            id="hnreader",
            marks=_short_of_the_margin(_FIRST + "0.60 (0.08 / 0.55), +0.05; pages +0.05 to +0.07"),
        ),
        pytest.param(
            MOVIES,
            1,
            195,
            id="movies",
            marks=_short_of_the_margin(_FIRST + "0.51 (0.40 / 0.28), +0.11, under the 0.6 mean; read as flat"),
        ),
        pytest.param(
            QUANTUM,
            2,
            148,
            id="quantum",
            marks=_short_of_the_margin(_FIRST + "0.29 (0.30 / 0.11), -0.01; pages -0.02 and +0.02"),
        ),
        pytest.param(
            KAGGLE,
            1,
            195,
            id="kaggle",
            marks=_short_of_the_margin(
                _FIRST + "0.75 (0.76 / 0.09), -0.01; read as flat, most messages answer the topic"
            ),
        ),
        pytest.param(
            MINIMAL,
            2,
            280,
            id="minimal",
            marks=_short_of_the_margin(_FIRST + "0.45 (0.22 / 0.48), -0.03; pages -0.10 and +0.08"),
        ),
        pytest.param(
            MLFAQ,
            6,
            250,
            id="mlfaq",
            marks=_short_of_the_margin(
                _FIRST + "0.72 (0.44 / 0.45), +0.27; pages +0.09, +0.21, +0.24, +0.15, +0.03 and +0.10"
            ),
        ),
        pytest.param(FIREBASE, 1, 115, id="firebase", marks=_short_of_the_margin(_FIRST + "0.53 (0.24 / 0.47), +0.06")),
        pytest.param(DESALARY, 1, 160, id="desalary"),
        pytest.param(
            BOINGBOING,
            9,
            115,
            id="boingbbs",
            marks=_short_of_the_margin(_FIRST + "0.65 (0.54 / 0.44) over 159 comments, +0.11; pages −0.38 to +0.17"),
        ),
        pytest.param(
            HNCACHE,
            5,
            255,
            id="hncache",
            marks=_short_of_the_margin(
                _FIRST + "0.58 (0.16 / 0.51), +0.07; pages +0.22, -0.02, +0.09, +0.04 and +0.13, one read as flat"
            ),
        ),
        pytest.param(FORUMPOL, 1, 155, id="forumpol"),  # first run: 0.69 (0.29 / 0.49), +0.20
        pytest.param(
            ETHSCRAPE,
            5,
            300,
            id="ethscrape",
            marks=_short_of_the_margin(
                _FIRST + "0.71 (0.24 / 0.60), +0.11; pages +0.24, +0.11, +0.19, +0.05 and +0.17"
            ),
        ),
    ],
)
def test_held_out_sets_beat_the_better_baseline_by_the_issue_margin(paths, pages, least):
    """Subreddit, Hacker News, forum (Discourse, Kaggle) and Stack Exchange threads of 12 to 200 comments, each set from
    a repository nothing else comes from."""
    _beat_the_issue_margin(_placed_pages(paths), pages, least)


def _posted(path: Path) -> list[tuple[list[bool], list[float], float, float]]:
    """``placed`` on each question of a held-out question-and-answer set shown with "asked DATE" ending the question
    and "answered DATE" each answer (the lines the model reads such a page by)."""
    return [placed(p) for p in pages([path], posted=True) if p.gold]


def test_held_out_questions_with_answered_lines_beat_the_better_baseline_by_the_issue_margin():
    """The Stack Exchange questions, read as a question-and-answer site's page by the lines it shows: each comment on
    its post, each answer on the question."""
    _beat_the_issue_margin(_posted(QUANTUM), 2, 148)


@_short_of_the_margin(
    _LATER + "calibration error 0.111 with the cues' shares by page kind (0.175 the round before, 0.188 its first "
    "run; accuracy 0.74, +0.44 over on the post)"
)
def test_confidence_means_what_it_says_on_the_held_out_questions_with_answered_lines():
    _calibrated(_posted(QUANTUM), 148)


def _copied(path: Path) -> list[tuple[list[bool], list[float], float, float]]:
    """``placed`` on each question of a held-out question-and-answer set as a browser copies it from the site (each
    post's votes, text, "asked"/"answered DATE" line, writer and reputation, then its comments one a line)."""
    return [placed(p) for p in pages([path], copied=True) if p.gold]


@pytest.mark.parametrize("path", [pytest.param(QUANTUM, id="quantum-copied")])
def test_held_out_questions_copied_from_the_site_beat_the_better_baseline_by_the_issue_margin(path):
    """The Stack Exchange questions as a user's copy of the site's page gives them (``flatten``'s ``copied``)."""
    _beat_the_issue_margin(_copied(path), 2, 148)


# calibration error 0.170 its first run, then 0.101, within 0.1, 0.10005, within 0.1 again, 0.101, within 0.1
@pytest.mark.parametrize(
    "path",
    [pytest.param(QUANTUM, id="quantum-copied", marks=_short_of_the_margin(_LATER + "calibration error 0.101"))],
)
def test_confidence_means_what_it_says_on_the_held_out_questions_copied_from_the_site(path):
    _calibrated(_copied(path), 148)


@pytest.mark.parametrize(
    ("path", "topics", "least"),
    [
        pytest.param(
            ASKCI,
            52,
            240,
            id="research-computing",
            marks=_short_of_the_margin(
                "issue 13 not reached yet: first run once its round's choices were fixed, 0.69 against the topics' "
                "better baselines 0.77 over 245 posts (most topics read as flat; on the topic 0.73); calibration error "
                "0.094"
            ),
        ),
        pytest.param(
            URHO3D,
            15,
            240,
            id="game-engine",
            marks=_short_of_the_margin(
                "issue 13 not reached yet: first run once the round's choices were fixed, 0.54 over 244 posts (on the "
                "topic 0.59, each on the one before 0.42; every topic read as threaded, two where nearly every post "
                "answers the topic 0.11 and 0.47); calibration error 0.096"
            ),
        ),
        pytest.param(
            FDBFORUM,
            14,
            235,
            id="database-forum",
            marks=_short_of_the_margin(
                _FIRST
                + "0.66 against the topics' better baselines 0.68 over 240 posts (on the topic 0.38, each on the "
                "one before 0.60; two topics read as flat); calibration error 0.086"
            ),
        ),
    ],
)
def test_fresh_forum_topics_beat_the_better_baseline_by_the_issue_margin_with_probabilities(path, topics, least):
    """Forum topics of 3 to 20 comments, too small to judge one by one: together 0.10 above their better trivial
    baselines (each topic's, summed), with probabilities that mean what they say (more than ``least`` posts judged)."""
    pages = [placed(p) for p in _pages(path, least=1)]
    judged = [(c, r) for right, confidence, *_ in pages for c, r in zip(confidence, right, strict=True)]
    better = sum(max(article, previous) * len(right) for right, _, article, previous in pages) / len(judged)
    accuracy = sum(r for _, r in judged) / len(judged)
    print(f"\nheld-out forum topics: accuracy {accuracy:.3f}, better baseline {better:.3f} over {len(judged)} posts")
    assert len(pages) == topics and len(judged) > least
    assert accuracy >= better + 0.10
    assert calibration_error(judged) <= 0.1


def _stated_parents(path: Path) -> tuple[dict[str, str], set[str]]:
    """Each comment's parent (a comment's or the post's id) as the file states it, and the deleted comments, read
    from the file itself: a Reddit comment page's replies nested under ``replies``, a forum's posts numbered in each
    topic's file (a folder of topics, or one; none, or 1, answers the topic; a post its writer or a moderator deleted is
    gone), a Hacker News client's thread's comments
    nested under ``comments``, a mail's parent the mail it names in
    ``In-Reply-To`` (else the last of ``References``) when that mail is in the month, a Disqus export's post its
    ``parent`` (else its thread), Hacker News API items one a line (a comment's ``parent``), the other files one row a
    line (a table's ``parent``, or a Reddit dump line's
    ``parent_id`` without its ``t1_``/``t3_`` prefix; a Reddit comment page's listing may come without the post's)."""
    if path.suffix == ".mbox":
        # Python's mailbox cuts a mail at a body line "From …" the archive left as it was: the piece has no headers
        mails = [m for m in mailbox.mbox(str(path)) if m["Message-ID"]]
        ids = {m["Message-ID"].strip().strip("<>") for m in mails}
        comments = []
        for m in mails:
            named = re.findall(r"<([^<>\s]+)>", m["In-Reply-To"] or "")
            named += reversed(re.findall(r"<([^<>\s]+)>", m["References"] or ""))
            if named and named[0] in ids:
                comments.append((m["Message-ID"].strip().strip("<>"), named[0], ""))
    elif path.is_dir() or path.suffix == ".json" and "post_stream" in json.loads(path.read_text(encoding="utf-8")):
        comments = []
        for topic in sorted(path.iterdir()) if path.is_dir() else [path]:
            page = json.loads(topic.read_text(encoding="utf-8"))
            posts = page["post_stream"]["posts"]
            number = {p["post_number"]: str(p["id"]) for p in posts}
            number[1] = str(posts[0].get("topic_id", page.get("id")))  # the topic is known by its id, as its address
            comments += [
                (
                    str(p["id"]),
                    number[p.get("reply_to_post_number") or 1],
                    "[deleted]" if p.get("deleted_at") or p.get("user_deleted") else p["cooked"],
                )
                for p in posts
                if p["post_number"] > 1
            ]
    elif path.suffix == ".xml":
        key, ns = "{http://disqus.com/disqus-internals}id", {"d": "http://disqus.com"}
        export = ET.parse(path).getroot()
        comments = []
        for post in export.findall("d:post", ns):
            parent = post.find("d:parent", ns)
            stated = parent.get(key) if parent is not None else post.find("d:thread", ns).get(key)
            gone = post.findtext("d:isDeleted", namespaces=ns) == "true"
            comments.append((post.get(key), stated, "[deleted]" if gone else post.findtext("d:message", namespaces=ns)))
    elif path.suffix == ".json" and "comments" in json.loads(path.read_text(encoding="utf-8")):
        # a Hacker News client's thread: each comment nested under the one it answers, the story at the top
        story = json.loads(path.read_text(encoding="utf-8"))
        stack, comments = [(c, story["id"]) for c in story["comments"]], []
        while stack:
            item, parent = stack.pop()
            gone = item.get("deleted") or "user" not in item
            comments.append((str(item["id"]), str(parent), "[deleted]" if gone else item["content"]))
            stack.extend((c, item["id"]) for c in item["comments"])
    elif path.suffix == ".ndjson":
        rows = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]
        if all(isinstance(r["id"], int) for r in rows):
            # Hacker News API items: a comment's parent the item it names (a deleted one has no text, nor has a dead
            # one the API gave without it)
            comments = [
                (str(r["id"]), str(r["parent"]), "[deleted]" if r.get("deleted") else r.get("text", ""))
                for r in rows
                if "parent" in r
            ]
        else:
            # table rows, or Reddit dump lines
            comments = [(r["id"], r["parent"], r["text"]) for r in rows if "parent" in r]
            comments += [(r["id"], r["parent_id"].split("_", 1)[1], r["body"]) for r in rows if "parent_id" in r]
    else:
        page = json.loads(path.read_text(encoding="utf-8"))
        listing = page[1] if isinstance(page, list) else page  # a comment listing saved without its post's
        stack, comments = list(listing["data"]["children"]), []
        while stack:
            data = stack.pop()["data"]
            comments.append((data["id"], data["parent_id"].split("_", 1)[1], data["body"]))
            stack.extend(data["replies"]["data"]["children"] if data["replies"] else [])
    gone = {c for c, _, text in comments if text in ("[deleted]", "[removed]")}
    return {c: parent for c, parent, _ in comments}, gone


def _roots(stated: dict[str, str], tops: Collection[str] = ()) -> set[str]:
    """The posts that head the file's threads: each comment's topmost stated ancestor (one page a thread), or the
    first of ``tops`` met (a forum's topics, known by ids its posts' ids may repeat)."""
    roots = set()
    for comment in stated:
        while comment in stated and comment not in tops:
            comment = stated[comment]
        roots.add(comment)
    return roots


def _topics(path: Path) -> set[str]:
    """The ids of the forum topics a folder of topics (or one topic's file) holds; none for other files."""
    files = sorted(path.iterdir()) if path.is_dir() else [path] if path.suffix == ".json" else []
    read = [json.loads(f.read_text(encoding="utf-8")) for f in files]
    return {
        str(page["post_stream"]["posts"][0].get("topic_id", page.get("id")))
        for page in read
        if isinstance(page, dict) and page.get("post_stream", {}).get("posts")
    }


def _read_parents(path: Path) -> tuple[list, dict[str, str]]:
    """The file's posts, and each comment's parent as read (source ids), but where the reader chose it: a mail answering
    one its month lacks goes under its nearest ancestor there, a parent the file does not state."""
    posts = list(read_posts(expand_inputs([str(path)])))
    by_id = {p.id: p for p in posts}
    read = {
        p.source_id: by_id[p.parent].source_id
        for p in posts
        if not p.is_article and p.parent in by_id and not p.meta.get(ANCESTOR_STATED)
    }
    return posts, read


@pytest.mark.parametrize(
    ("path", "shows_deleted", "pieces", "apart"),
    [
        pytest.param(CRYPTO, False, 0, 0, id="crypto"),  # table rows: a deleted comment nobody answered is left off
        pytest.param(NBA, True, 0, 0, id="nba"),  # Reddit's own page: a deleted comment stays in place
        # four posts whose first line (a name, a question) the text reader takes for an author line or a new post
        pytest.param(ASKCI, True, 4, 0, id="askci"),
        # a mail that only quotes and attaches patches (the archive's notices of its scrubbed attachments are not its
        # text): a plain page shows nothing of it
        pytest.param(VIEWER, True, 1, 0, id="viewer"),
        pytest.param(GRADSCHOOL, True, 0, 0, id="gradschool"),  # Reddit dump lines: a deleted comment stays in place
        pytest.param(SHEERAN, False, 0, 0, id="sheeran"),
        # eleven posts the page's reader misses (two holding only an image, nine by writers whose names it does not
        # take for an author line) and the five answering them
        pytest.param(URHO3D, True, 16, 0, id="urho3d"),
        *(pytest.param(month, True, 0, 0, id=month.stem) for month in BTG),
        pytest.param(CHRONIC, True, 0, 0, id="chronicpain"),  # table rows: "[deleted]" writers, every text kept
        pytest.param(DATASCIENCE, True, 0, 0, id="datascience"),  # table rows: the two deleted ones both answered
        # two guests whose typed names ("Skinny is FEMININE") the page's reader does not take for an author line
        pytest.param(PURSEBLOG, True, 2, 0, id="purseblog"),
        pytest.param(BREITBART, True, 0, 0, id="breitbart"),
        *(pytest.param(month, True, 0, 0, id=month.stem) for month in PLEARN),
        pytest.param(OUTOFTHELOOP, True, 0, 0, id="outoftheloop"),  # Reddit's own page: deleted comments stay in place
        pytest.param(ASKREDDIT, True, 0, 0, id="askreddit"),
        pytest.param(INTERESTING, True, 0, 0, id="interestingasfuck"),
        # July: a sign-off ("--Anand") the page's reader takes for an author line, so neither reply of that thread
        # matches its page
        *(pytest.param(month, True, 2 if "July" in month.stem else 0, 0, id=month.stem) for month in HARVESTMAN),
        # Hacker News leaves out a deleted comment nobody answered
        *(pytest.param(path, False, 0, 0, id=path.stem) for path in HACKERNEWS),
        # two writers' display names ('Sergey "Shnatsel" Davidoff', "danny mcClanahan") the page's reader does not take
        # for an author line, and the reply to one of them
        pytest.param(PYDISCUSS, True, 3, 0, id="pydiscuss"),
        pytest.param(KUBERNETES, True, 0, 0, id="kubernetes"),  # Reddit's own page: none deleted
        # a mail whose In-Reply-To names one the month lacks, while its References name one of the month: the mbox
        # reader puts it under that one, and its page starts a thread of its own when it was answered
        # (lbrc March 2007 and August 2008: a page more than the reader's threads) and is no page when it was not
        # (at76c503a July 2007: a thread of the reader's with no page)
        *(pytest.param(month, True, 0, 0 if "January" in month.stem else -1, id=month.stem) for month in LBRC),
        *(pytest.param(month, True, 0, 1 if "July" in month.stem else 0, id=month.stem) for month in AT76),
        # a comment listing saved without its post: the reader makes the post's stub the thread's root
        pytest.param(LAKES, True, 0, 0, id="lakes"),
        pytest.param(KINDAFUNNY, True, 0, 0, id="kindafunny"),  # Reddit's own page: none deleted
        pytest.param(PROGRAMMING, True, 0, 0, id="programming"),
        # three posts by writers whose usernames hold a dot ("cih.y2k", "andrew.noyes") the page's reader does not take
        # for an author line, and the five answering them
        pytest.param(FDBFORUM, True, 8, 0, id="fdbforum"),
        # table rows: a deleted comment stays in place, its text "[deleted]" or "[removed]"
        pytest.param(URS, True, 0, 0, id="urs"),
        # table rows: the two removed comments stay in place, both answered
        pytest.param(PHOTOGRAPHY, True, 0, 0, id="photography"),
        # table rows: a removed or deleted comment nobody answered is left off; a writer's name ("ConvexPreferences")
        # over a one-word comment the page's reader does not take for an author line, and the reply to that comment
        pytest.param(CORNELL, False, 2, 0, id="cornell"),
        # forum topics: a post its writer deleted and nobody answered is left off; eight posts by a writer whose display
        # name ("/dev/fd0") the page's reader does not take for an author line, and the three answering them
        pytest.param(DELVING, False, 11, 0, id="delving"),
        # Hacker News API items: a deleted comment nobody answered is left off
        pytest.param(HNAPI, False, 0, 0, id="hnapi"),
        pytest.param(CMV, True, 0, 0, id="changemyview"),  # Reddit dump lines: a deleted comment stays in place
        # Reddit's own page: the comments its moderators removed and the one its writer deleted stay in place
        pytest.param(WORLDNEWS, True, 0, 0, id="worldnews"),
        # a Reddit client's recorded page: the comment deleted (writer and text) stays in place, answered
        pytest.param(NFL, True, 0, 0, id="nfl"),
        *(pytest.param(month, True, 0, 0, id=month.stem) for month in RDEVEL),
        # a Hacker News item page as the API's items, none deleted
        pytest.param(HNPAGE, False, 0, 0, id="hnpage"),
        # Hacker News item pages as table rows: the one deleted comment (its page gives no writer, text or id) stays in
        # place, answered
        pytest.param(HNREADER, False, 0, 0, id="hnreader"),
        pytest.param(MOVIES, True, 0, 0, id="movies"),  # a Reddit client's saved page: none deleted
        # February 2011 and November 2018: two and three mails by a writer whose name ("M.-A. Lemburg") the page's
        # reader does not take for an author line, and the one and three answering them
        *(
            pytest.param(
                month,
                True,
                {"2011-February": 3, "2018-November": 6}.get(month.stem.removeprefix("python-committers-"), 0),
                0,
                id=month.stem,
            )
            for month in COMMITTERS
        ),
        # a Stack Exchange site's questions as table rows, none deleted: four comments by two writers whose user names
        # ("sudo rm -rf slash", "R..") the page's reader does not take for an author line
        pytest.param(QUANTUM, False, 4, 0, id="quantum"),
        pytest.param(KAGGLE, False, 0, 0, id="kaggle"),  # a Kaggle forum topic's messages as table rows, none deleted
        pytest.param(MINIMAL, True, 0, 0, id="minimal"),  # Reddit dump lines: a deleted comment stays in place
        # a kernel list's thread: a mail that only quotes shows nothing on a plain page and is not judged there
        pytest.param(KSUMMIT, True, 1, 0, id="ksummit"),
        pytest.param(MANPAGES, True, 0, 0, id="manpages"),
        pytest.param(MLFAQ, True, 0, 0, id="mlfaq"),  # Reddit dump lines: the five deleted comments stay in place
        # a Hacker News thread in the client API's shape: the five deleted comments nobody answered are left off
        pytest.param(FIREBASE, False, 0, 0, id="firebase"),
        # a blog's comments as a Disqus export, every one judged (a writer named "Bill Morein (FiftyThree)" too)
        pytest.param(MADEMISTAKES, False, 0, 0, id="mademistakes"),
        # Reddit's own page, its six deleted comments in place: two comments by accounts deleted since (no author line
        # over their text) are not judged on the page, nor the reply to one of them
        pytest.param(DESALARY, True, 3, 0, id="desalary"),
        # forum topics, none deleted: 37 posts by nine writers whose display names ("FGD135. It decodes as Wing Attack
        # plan R. R for Romeo.", "The Mudshark", "gilbert wham") the page's reader does not take for an author line,
        # one more holding only an image (the crawl kept no text of it, nor of four of theirs), and replies to them
        pytest.param(BOINGBOING, True, 47, 0, id="boingbbs"),
        # a kernel list's thread, every mail judged: fourteen whose From the list rewrote ("NAME via Ksummit-discuss")
        pytest.param(KSDISCUSS, True, 0, 0, id="ksdisc"),
        # Hacker News API items a client cached: the seven deleted comments nobody answered are left off; twelve more
        # flagged dead, which the API gave without their text, show nothing, and the ten live replies to them are not
        # judged
        pytest.param(HNCACHE, False, 22, 0, id="hncache"),
        # a Reddit thread as table rows (a thesis's comment tree: siblings in its writers' names' order), none deleted
        pytest.param(FORUMPOL, True, 0, 0, id="forumpol"),
        # Reddit threads as table rows (a scraper's CSV: no submission's writer, time or text), the three deleted
        # comments in place
        pytest.param(ETHSCRAPE, True, 0, 0, id="ethscrape"),
        *(pytest.param(month, True, 0, 0, id=month.stem) for month in OPENOCD),
        # July 2011: two mails that only quote (a plain page shows nothing of them) and the reply to each; May 2016:
        # seven mails by a writer whose display name ('Amber "Hawkie" Brown') the page's reader does not take for an
        # author line, and the five answering them
        *(
            pytest.param(
                month,
                True,
                {"2011-July": 4, "2016-May": 12}.get(month.stem.removeprefix("twisted-python-"), 0),
                0,
                id=month.stem,
            )
            for month in TWISTED
        ),
    ],
)
def test_fresh_held_out_files_read_with_every_parent_they_state(path, shows_deleted, pieces, apart):
    """The fresh held-out files (never run by the model before the round's choices are fixed) read whole: every
    comment with the parent the file states, one page a thread (the reader's threads ``apart`` more where a mail
    answers one its month lacks), and on the pages every comment judged but the deleted ones a page leaves out and
    those the page's reader misreads (``pieces``)."""
    stated, deleted = _stated_parents(path)
    posts, read = _read_parents(path)
    assert read == stated
    shown = pages([path], min_comments=1)
    answered = set(stated.values())
    assert len(shown) + apart == len({p.thread for p in posts if not p.is_article})
    assert len(shown) == len(_roots(stated, _topics(path)))
    left_off = 0 if shows_deleted else len(deleted - answered)
    assert sum(len(p.gold) for p in shown) >= len(stated) - left_off - pieces


# the threads tried as training data and left out (bench/replies/tried): Reddit comment pages of thirteen subreddits
# from four repositories, two Hacker News item pages, a forum's topic whose first post outruns a format's sniffed head,
# two months of a mail client's developer list, and four blogs' comment sections
_TRIED = _TRAINING.parent / "tried"
TRIED = [
    path
    for name in ("travisjupp", "sandboxy", "bottleneck", "mattbowen", "newhackers")
    for path in sorted(_TRIED.glob(f"{name}-*.json"))
]


@pytest.mark.parametrize(
    ("path", "pieces"),
    [
        *(pytest.param(path, 0, id=path.stem) for path in TRIED),
        # two posts under a display name the page's reader reads as a line of Chinese ("牛就是牛"), and the reply
        # to one of them
        pytest.param(_TRIED / "linuxdo-discourse-925463.json", 3, id="linuxdo"),
    ],
)
def test_tried_training_files_read_with_every_parent_they_state(path, pieces):
    """The tried training files read whole: every comment with the parent the file states, one page a thread, and on the
    page every comment judged (a deleted one stays in place, as the site shows it) but those its reader misreads."""
    stated, _ = _stated_parents(path)
    posts = list(read_posts(expand_inputs([str(path)])))
    by_id = {p.id: p for p in posts}
    assert {p.source_id: by_id[p.parent].source_id for p in posts if not p.is_article and p.parent in by_id} == stated
    assert len(stated) >= 19 and len(_roots(stated, _topics(path))) == 1
    (page,) = pages([path], min_comments=1)
    assert len(page.gold) == len(stated) - pieces


@pytest.mark.parametrize("path", sorted(_TRIED.glob("muttng-devel-*.mbox")), ids=lambda path: path.stem)
def test_tried_list_months_read_with_every_parent_they_state(path):
    """The tried list months read whole: every mail under the mail its headers name in the month, one page a thread,
    and on the pages every mail that answers one judged."""
    stated, _ = _stated_parents(path)
    assert _read_parents(path)[1] == stated and len(stated) >= 7
    shown = pages([path], min_comments=1)
    assert len(shown) == len(_roots(stated))
    assert sum(len(p.gold) for p in shown) == len(stated)


# four blogs' comment sections whose writer answers most comments (bench/replies/tried), each file's posts and the
# comments on its pages no reader takes whole (writers whose names the text reader does not take for an author line, as
# a pingback's "Title - Site" or "Human 2.0", and the replies to them)
BLOGS_TRIED = {
    "yasoob-blog-staticman": (30, 33),
    "travisdowns-blog-staticman": (7, 3),
    "javaetmoi-blog-comments": (5, 0),
    "gundersennet-blog-comments": (5, 21),
}


@pytest.mark.parametrize(("name", "shape"), BLOGS_TRIED.items(), ids=list(BLOGS_TRIED))
def test_tried_blog_comment_sections_read_with_every_parent_they_state(name, shape):
    """A blog's comment files written as a Disqus export read whole: every comment under the comment it answers or the
    post, one page a post, every comment judged on its page but the few its reader misreads."""
    threads, pieces = shape
    path = _TRIED / f"{name}.xml"
    stated, _ = _stated_parents(path)
    posts = list(read_posts(expand_inputs([str(path)])))
    by_id = {p.id: p for p in posts}
    assert {p.source_id: by_id[p.parent].source_id for p in posts if not p.is_article and p.parent in by_id} == stated
    shown = pages([path], min_comments=1)
    assert len(shown) == len(_roots(stated)) == threads
    assert sum(len(p.gold) for p in shown) == len(stated) - pieces


# the Lobsters stories and Discourse's own forum's topics tried (bench/replies/tried): small threads of shapes no
# training source has
SHAPES_TRIED = [path for name in ("composelobsters", "nilavu") for path in sorted(_TRIED.glob(f"{name}-*.json"))]


@pytest.mark.parametrize("path", SHAPES_TRIED, ids=lambda path: path.stem)
def test_tried_lobsters_and_discourse_threads_read_with_every_parent_they_state(path):
    """Each file reads whole, every comment under the parent the file states, and makes one page on which every comment
    is judged."""
    stated, _ = _stated_parents(path)
    assert _read_parents(path)[1] == stated and len(stated) >= 4
    (page,) = pages([path], min_comments=1)
    assert len(page.gold) == len(stated)


# a question-and-answer site's pages (bench/replies/data): each file, and the replies on its pages no reader takes whole
# (by writers whose names the text reader does not take for an author line, and the replies to them)
QA_TRAINING = {"woodstock-bicycles-meta": 0, "igodlab-cardano": 1, "michkam-beer-meta": 0}


@pytest.mark.parametrize(("name", "pieces"), QA_TRAINING.items(), ids=list(QA_TRAINING))
def test_question_and_answer_pages_read_with_every_parent_they_state(name, pieces):
    """A Stack Exchange dump's questions, as table rows in the page's order, read whole: every answer under its question
    and every comment under the post it is on, one page a question, shown in the site's reading order (a comment under
    the nearest question or answer above it, whatever comments come between), every reply judged but the few its
    reader misreads."""
    path = _TRAINING / f"{name}.ndjson"
    stated, _ = _stated_parents(path)
    assert _read_parents(path)[1] == stated and len(stated) >= 200
    rows = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]
    shown = pages([path], min_comments=1)
    assert len(shown) == len(_roots(stated)) == sum("parent" not in r for r in rows) >= 13
    assert {p.kind for p in shown} == {"qa"} and sum(len(p.gold) for p in shown) == len(stated) - pieces
    posts = {r["id"] for r in rows if not r["id"].startswith("comment")}  # questions and answers, numbered apart
    nearest, on_nearest = None, 0
    for r in rows:
        if r["id"] in posts:
            nearest = r["id"]
        else:
            on_nearest += stated[r["id"]] == nearest
    assert on_nearest == sum(r["id"] not in posts for r in rows)
    for page in shown:
        article = page.posts[0].id
        latest = article  # the latest reply on the question: an answer, or a comment on the question
        for post in page.posts[1:]:
            assert page.gold.get(post.id) in (None, article, latest)
            if page.gold.get(post.id) == article:
                latest = post.id


@pytest.mark.parametrize("name", QA_TRAINING, ids=list(QA_TRAINING))
def test_question_and_answer_pages_copied_from_the_site_read_with_every_parent_they_state(name):
    """The same questions as a browser copies them from the site (``flatten``'s ``copied``), read by the text reader's
    reading of such a page: every reply judged, its writer's name whatever its shape, each page read as "qa"."""
    path = _TRAINING / f"{name}.ndjson"
    stated, _ = _stated_parents(path)
    copied = pages([path], min_comments=1, copied=True)
    assert len(copied) == len(_roots(stated)) and {p.kind for p in copied} == {"qa/copied"}
    assert sum(len(p.gold) for p in copied) == len(stated)
    writers = {json.loads(line).get("author") for line in path.read_text(encoding="utf-8").splitlines()}
    assert {p.author for page in copied for p in page.posts} <= writers | {"user"}
    answered = [p for p in copied if sum(t.count("\nanswered ") for t in _texts(p)) >= 2]
    assert answered and all(_read_as(page) == "qa" for page in answered)


def test_held_out_questions_copied_from_the_site_read_with_every_parent_they_state():
    """The held-out Stack Exchange questions as a browser copies them from the site read whole: one page a question,
    every answer and comment judged (the four whose writers' names a plain page's reader misreads too), each writer's
    name as the file has it."""
    stated, _ = _stated_parents(QUANTUM)
    copied = pages([QUANTUM], min_comments=1, copied=True)
    assert len(copied) == len(_roots(stated)) == 2 and {p.kind for p in copied} == {"qa/copied"}
    assert sum(len(p.gold) for p in copied) == len(stated) == 155
    writers = {json.loads(line)["author"] for line in QUANTUM.read_text(encoding="utf-8").splitlines()}
    assert {p.author for page in copied for p in page.posts} == writers


def _texts(page: Page) -> list[str]:
    return [p.text for p in page.posts[1:]]


def _read_as(page: Page) -> str:
    """The kind the shipped model reads a page as."""
    ctx = ThreadContext(page.posts[0].id)
    for p in page.posts[1:]:
        ctx.survey(p.text, p.author)
    return model().kind(ctx.page | ctx.shown)


def test_a_question_and_answer_page_puts_each_comment_on_its_post():
    """On a Stack Exchange page shown with its posts' dated lines (a training question of the Cardano site's dump,
    ``bench/replies/data``: the question, then each answer ending in the site's "answered …" line, followed by the
    comments on it), a comment stands under the answer it is on whatever comments come between, and each answer
    under the question: the file's own parents. Read as such a page by the lines alone (two or more), with weights
    of its own: 20 of the 24 comments on their answer and the 4 answers on the question; the model before, which did
    not read the line, placed 3 of the 24 (the chain of comments before them drew them) and 3 of the 4."""
    assert planning.comment("Fixed.\nanswered Apr 27, 2021 at 19:46", "jo", frozenset()).answered
    assert planning.comment("Fixed.\nanswered yesterday", "jo", frozenset()).answered  # as the text reader reads it
    assert planning.comment("Fixed.\nanswered 3 hours ago", "jo", frozenset()).answered
    assert not planning.comment("I answered Apr 27 at 19:46 in the other thread.", "jo", frozenset()).answered
    page = max(pages([_TRAINING / "igodlab-cardano.ndjson"], posted=True), key=lambda p: len(p.gold))
    plain = max(pages([_TRAINING / "igodlab-cardano.ndjson"]), key=lambda p: len(p.gold))
    for shown, kind in ((page, "qa"), (plain, "threaded")):  # read as such a site's page by the lines alone
        ctx = ThreadContext(shown.posts[0].id)
        for post in shown.posts[1:]:
            ctx.survey(post.text, post.author)
        assert model().kind(ctx.page | ctx.shown) == kind
    extracted = Extractor(entities=False).extract(page.posts).edges
    edges = {e.source: e.target for e in extracted if e.type == schema.REPLY_TO}
    article = page.posts[0].id
    on_answers = [c for c, parent in page.gold.items() if parent != article]
    answers = {parent for parent in page.gold.values() if parent != article}
    assert len(on_answers) == 24 and len(answers) == 4
    assert sum(edges[c] == page.gold[c] for c in on_answers) >= 20
    assert all(edges[a] == article for a in answers)


def test_a_question_and_answer_page_keeps_its_answer_with_the_most_comments_a_candidate():
    """On a page read as a question-and-answer site's, the answer with the most comments stays a candidate
    ("closed_top") however many comments closed since it did, so a comment put on the question by mistake need not lose
    it for the comments after. A training question of the bicycles site's dump (``bench/replies/data``), placed along
    the file's own parents: at the comment opening "@Papuass Do you", the closed answer with the most comments (four, by
    the file) is no longer among the five most recently closed comments, and is a candidate only where the page is read
    so."""
    import train  # noqa: PLC0415  (numpy and the training pages' readers: only the training tests need them)

    page = next(p for p in pages([_TRAINING / "woodstock-bicycles-meta.ndjson"], posted=True) if ":861:" in p.name)
    article = page.posts[0].id
    at = next(k for k, p in enumerate(page.posts) if p.text.startswith("@Papuass Do you"))
    *closed, _ = [p.id for p in page.posts[1:at] if page.gold.get(p.id) == article]  # the last is still open
    before = {a: sum(page.gold.get(p.id) == a for p in page.posts[1:at]) for a in closed}
    most = max(before, key=before.__getitem__)
    assert before[most] == 4 and sorted(before.values())[-2] < 4
    ctx = train.surveyed(page)
    comments = [c for _, c in ctx._pending]
    found = {}
    for tops in ((), None):  # read as a question-and-answer site's page, and as a threaded discussion
        book = planning.start_page(ctx.page, ctx.root_words, (), ctx._frequency, ctx._serial, page.posts[0].author)
        state = planning.State((), 0, 0.0, tops=tops)
        for k, (post, c) in enumerate(zip(page.posts[1:at], comments, strict=False)):
            gold = page.gold[post.id]
            up = -1 if gold == article else [n.key for n in reversed(state.stack)].index(gold)
            state = planning.advance(state, c, post.id, up, 0.0, None)
            book.note(k + 1, c.author)
        keys, feats = planning.candidates(comments[at - 1], state, book)
        targets = {key: branch[-1].key for key, branch in planning.reopenable(state)}
        found[tops] = {targets[key]: f for key, f in zip(keys, feats, strict=True) if key < -1}
    assert most not in [b[-1].key for b in state.closed] and most not in found[None]
    assert found[()][most].get("closed_top") == 1.0 and found[()][most]["closed"] == 1.0
    assert sum("closed_top" in f for f in found[()].values()) == 1
    assert found[()].keys() - {most} == found[None].keys()


def test_a_question_and_answer_pages_cues_say_how_often_they_are_right_there():
    """On the training questions of the three Stack Exchange dumps shown with the site's "answered …" lines (read as
    such a site's pages), a comment calling on a writer by name ("@Ann") stands under the post it is on, as the dump
    records, not under that writer's latest comment, where the cue puts it: its confidence is the share of such cues
    right on pages read so, not the share on every page (0.66, where a forum's or a list's are mostly right). Every
    reply's confidence on those pages together within 0.1 of how often it is right, bin by bin. In sample: the shares
    were fitted on these pages, so this guards the shipped figures; train.py's notes give them without each source."""
    said, points = [], []
    for name in QA_TRAINING:
        for page in pages([_TRAINING / f"{name}.ndjson"], posted=True):
            edges = Extractor(entities=False).extract(page.posts).edges
            for e in edges:
                if e.type == schema.REPLY_TO and e.source in page.gold:
                    right = e.target == page.gold[e.source]
                    points.append((e.props["confidence"], right))
                    if e.props["rule"] == "address":
                        said.append((e.props["confidence"], right))
    share = sum(r for _, r in said) / len(said)
    confidence = sum(p for p, _ in said) / len(said)
    error = calibration_error(points)
    print(f"\naddressed on the questions: {len(said)}, said {confidence:.3f}, right {share:.3f}; ECE {error:.3f}")
    assert len(said) >= 100 and share < 0.2 and abs(confidence - share) <= 0.1
    assert error <= 0.1


def _table_repositories(text: str) -> set[str]:
    """The "repository" column of every table in a README's text."""
    repositories, column = set(), None
    for line in text.splitlines():
        cells = [cell.strip() for cell in line.strip().strip("|").split("|")]
        if not line.startswith("|"):
            column = None
        elif column is None:
            column = cells.index("repository") if "repository" in cells else -1
        elif column >= 0 and not set(line.strip()) <= set("|-: "):
            repositories.add(cells[column])
    return repositories


def test_held_out_files_come_from_repositories_no_training_file_comes_from():
    """Evaluation data is kept apart from training data by source repository: no repository of a held-out file (the
    tables of data/replies/README.md) is one a training file comes from (the training README, and the two list months
    that train the model too), and the last twenty-seven sets' held-out repositories are named by no other README at
    all."""
    data = Path(__file__).parent / "data"
    training_readme = Path(__file__).parents[1] / "bench" / "replies" / "data" / "README.md"
    held_out = (data / "replies" / "README.md").read_text(encoding="utf-8")
    training = _table_repositories(training_readme.read_text(encoding="utf-8"))
    training |= _table_repositories((data / "real" / "mbox" / "README.md").read_text(encoding="utf-8"))
    newest = _table_repositories(held_out.split("## The next held-out sets")[1])
    after = _table_repositories(held_out.split("## The held-out sets of the round after")[1])
    latest = _table_repositories(held_out.split("## The latest round's held-out sets")[1])
    fresh = _table_repositories(held_out.split("## The held-out sets after the latest round")[1])
    added = _table_repositories(held_out.split("## The held-out sets added once every set above was scored")[1])
    samples = _table_repositories(held_out.split("## The held-out threads of a Reddit scraper's samples")[1])
    depths = _table_repositories(
        held_out.split("## The held-out thread of a scrape that keeps each comment's depth")[1]
    )
    corpus = _table_repositories(
        held_out.split("## The held-out threads of a conversation corpus's r/Cornell sample")[1]
    )
    scored = _table_repositories(
        held_out.split("## The held-out sets added once the r/photography and r/Cornell sets were scored")[1]
    )
    rescored = _table_repositories(
        held_out.split("## The held-out sets added once the forum, Hacker News and r/changemyview sets were scored")[1]
    )
    newly = _table_repositories(
        held_out.split("## The held-out sets added once the r/worldnews and networking list sets were scored")[1]
    )
    pages = _table_repositories(
        held_out.split("## The held-out sets added once the r/nfl and R developer list sets were scored")[1]
    )
    lists = _table_repositories(
        held_out.split("## The held-out sets added once the Hacker News item page sets were scored")[1]
    )
    exchange = _table_repositories(
        held_out.split("## The held-out sets added once the r/movies page and the Python core developers' list were")[1]
    )
    forums = _table_repositories(
        held_out.split("## The held-out sets added once the Stack Exchange and OpenOCD list sets were scored")[1]
    )
    kernel = _table_repositories(held_out.split("## The held-out sets added once the Kaggle forum topic was scored")[1])
    blog = _table_repositories(
        held_out.split("## The held-out sets added once the Reddit client's pages and the kernel lists were scored")[1]
    )
    salaries = _table_repositories(
        held_out.split("## The held-out sets added once the FAQ builder's, the Hacker News client's and the blog's")[1]
    )
    bbs = _table_repositories(held_out.split("## The held-out sets added once r/dataengineering's salary thread")[1])
    cache = _table_repositories(held_out.split("## The held-out set added once BoingBoing's forum topics")[1])
    thesis = _table_repositories(held_out.split("## The held-out set added once the Hacker News threads a client's")[1])
    scraper = _table_repositories(held_out.split("## The held-out set added once the polarization thesis's")[1])
    others = [
        _table_repositories(r.read_text(encoding="utf-8"))
        for r in data.rglob("README.md")
        if r.parent != data / "replies"
    ]
    assert "michael-lazar/rtv" in training and "emorynlp/reddit-college" in newest and len(newest) == 51
    assert latest < after < newest and after - latest == {
        "JewelsHovan/chronic_reddit_scraper",
        "BackupTheBerlios/plearn-developers-maillist",
        "GuillermoCharlesSchneider/DATA-607",
        "louisguitton/disqus-crawler",
        "julianirwin/disqus-crawler",
    }
    assert fresh < latest and latest - fresh == {
        "mattburnett-repo/reddit-client",
        "vlrnsnk/baredit",
        "AbsolutDev/reddit-client",
        "BackupTheBerlios/harvestman-devel-maillist",
    }
    assert added < fresh and fresh - added == {
        "dinosaurwithakatana/hacker-news-android",
        "willingc/discuss-nutshell",
        "uasabi/noderosso",
        "BackupTheBerlios/lbrc-devel-maillist",
        "BackupTheBerlios/at76c503a-develop-maillist",
    }
    assert samples < added and added - samples == {
        "zverolen/reddit-client",
        "ikcetsok/reddit-slim",
        "supercomments/supercomments",
        "foundationdb-oss/documentation-snapshot",
    }
    assert depths < samples and samples - depths == {"JosephLai241/URS"}
    assert corpus < depths and depths - corpus == {"minjcore/fujify"}
    assert scored < corpus and corpus - scored == {"mistryishan25/Streamlit-Convokit"}
    assert rescored < scored and scored - rescored == {
        "jamesob/delving-bitcoin-archive",
        "jasonthorsness/unlurker",
        "sadrasabouri/cmv-dataprocessing",
    }
    assert newly < rescored and rescored - newly == {"cljacoby/treddit", "twisted/pipermail"}
    assert pages < newly and newly - pages == {"leviroth/ocaml-reddit-api", "MichaelChirico/r-mailing-list-archive"}
    assert lists < pages and pages - lists == {"harrisjose/easyhn", "rnystrom/HackerNewsReader"}
    assert exchange < lists and lists - exchange == {"corydissinger/raw4j", "JulienPalard/python-committers-archives"}
    assert forums < exchange and exchange - forums == {
        "Jean-Low/StackERedes",
        "BackupTheBerlios/openocd-development-maillist",
    }
    assert kernel < forums and forums - kernel == {"Prakash-Thakur0199/Personality-predicton-"}
    assert blog < kernel and kernel - blog == {
        "Atomichavez/RedditMinimal",
        "linux-mailinglist-archives/ksummit.lists.linux.dev.0",
        "linux-mailinglist-archives/linux-man.vger.kernel.org.0",
    }
    assert salaries < blog and blog - salaries == {
        "ktrnka/faq-builder",
        "u1timaD/webbee-hackerNews",
        "mmistakes/made-mistakes-jekyll",
    }
    assert bbs < salaries and salaries - bbs == {"data-engineering-community/data-engineering-salaries"}
    assert cache < bbs and bbs - cache == {
        "Debanjan2001/discourse-data",
        "linux-mailinglist-archives/ksummit-discuss.lists.linuxfoundation.org.0",
    }
    assert thesis < cache and cache - thesis == {"t1ooo/flutter_hacker_news"}
    assert scraper < thesis and thesis - scraper == {"AristeidisVrazitoulis/ForumPolarization"}
    assert scraper == {"wyattshapiro/reddit_scraper"}
    assert not _table_repositories(held_out) & training
    assert not newest & set().union(training, *others)
    # nor in any other README's prose (the sources tried for training and left out are told there)
    root = Path(__file__).parents[1]
    readmes = [root / "README.md", *(root / "bench").rglob("README.md"), *(root / "graphkit").rglob("README.md")]
    prose = [
        r.read_text(encoding="utf-8") for r in [*readmes, *data.rglob("README.md")] if r.parent != data / "replies"
    ]
    assert len(prose) >= 17 and not [name for name in latest for text in prose if name in text]


def test_reddit_quoted_lines_are_quotes_on_the_held_out_pages():
    """A dump writes a quoted line as "&gt; …": the page shows it as "> …", as the site and the bench's page do."""
    raws = [p.raw for p in _pages(UFC)]
    assert not any("&gt;" in raw or "&amp;" in raw for raw in raws)
    assert sum(line.startswith("> ") for raw in raws for line in raw.split("\n")) >= 5


def test_a_deleted_comment_stays_in_place_with_its_replies_under_it():
    """Reddit shows a deleted comment as "[deleted]" where it was, its replies under it: the page keeps it, one page
    a thread, and the comment and its replies are judged like any other (a training thread: its structure only)."""
    path = Path(__file__).parents[1] / "bench" / "replies" / "data" / "rtv-lifeprotips-441hsf.json"
    posts = list(read_posts(expand_inputs([str(path)])))
    gone = {p.id for p in posts if p.deleted and not p.is_article}
    answering_gone = sum(p.parent in gone for p in posts)
    assert gone and answering_gone  # the file has deleted comments that were answered
    (page,) = pages([path])
    shown = {p.id for p in page.posts[1:] if p.text == "[deleted]\n\n[deleted]" and p.author is None}
    assert len(shown) == len(gone)
    assert shown <= page.gold.keys()
    assert sum(parent in shown for parent in page.gold.values()) == answering_gone


@pytest.mark.parametrize(
    ("paths", "least"),
    [
        pytest.param(LATEST, 500, id="latest"),
        pytest.param(UFC, 450, id="ufc"),
        pytest.param(AIRLINES, 600, id="airline"),
        pytest.param(SINGAPORE, 300, id="singapore"),
        pytest.param(SCIENCE, 400, id="science"),
        pytest.param(CRYPTO, 450, id="crypto"),
        pytest.param(NBA, 150, id="nba"),
        pytest.param(
            GRADSCHOOL,
            300,
            id="gradschool",
            marks=_short_of_the_margin(_LATER + "calibration error 0.107"),
        ),
        pytest.param(
            SHEERAN,
            300,
            id="edsheeran",
            marks=_short_of_the_margin("first run once the round's choices were fixed: calibration error 0.239"),
        ),
        pytest.param(CHRONIC, 450, id="chronicpain"),
        pytest.param(
            DATASCIENCE,
            300,
            id="datascience",
            marks=_short_of_the_margin("first run once the round's choices were fixed: calibration error 0.114"),
        ),
        pytest.param(
            OUTOFTHELOOP,
            180,
            id="outoftheloop",
            marks=_short_of_the_margin("first run once the round's choices were fixed: calibration error 0.179"),
        ),
        pytest.param(
            ASKREDDIT,
            180,
            id="askreddit",
            marks=_short_of_the_margin("first run once the round's choices were fixed: calibration error 0.134"),
        ),
        pytest.param(
            INTERESTING,
            180,
            id="interestingasfuck",
            marks=_short_of_the_margin("first run once the round's choices were fixed: calibration error 0.139"),
        ),
        pytest.param(HACKERNEWS[0], 180, id="hn-magic"),  # 0.109 its first run
        pytest.param(HACKERNEWS[1], 110, id="hn-planet"),
        pytest.param(PYDISCUSS, 180, id="pydiscuss"),  # 0.153 its first run
        pytest.param(KUBERNETES, 50, id="kubernetes"),  # 0.101 and 0.102 on models before, within 0.1 between
        pytest.param(LAKES, 40, id="lakes", marks=_short_of_the_margin(_FIRST + "calibration error 0.119")),
        pytest.param(
            KINDAFUNNY,
            20,
            id="kindafunny",
            marks=_short_of_the_margin(_LATER + "calibration error 0.120 (within 0.1 before)"),
        ),
        pytest.param(PROGRAMMING, 20, id="programming", marks=_short_of_the_margin(_FIRST + "calibration error 0.132")),
        pytest.param(
            URS, 400, id="urs", marks=_short_of_the_margin(_LATER + "calibration error 0.109 (0.102 its first run)")
        ),
        pytest.param(
            PHOTOGRAPHY, 140, id="photography", marks=_short_of_the_margin(_FIRST + "calibration error 0.166")
        ),
        pytest.param(CORNELL, 580, id="cornell"),
        pytest.param(DELVING, 160, id="delving", marks=_short_of_the_margin(_LATER + "calibration error 0.108")),
        pytest.param(HNAPI, 650, id="hnapi"),
        pytest.param(CMV, 65, id="changemyview"),  # 0.110 on a model before
        pytest.param(WORLDNEWS, 180, id="worldnews", marks=_short_of_the_margin(_FIRST + "calibration error 0.137")),
        pytest.param(NFL, 195, id="nfl", marks=_short_of_the_margin(_FIRST + "calibration error 0.140")),
        pytest.param(HNPAGE, 120, id="hnpage"),
        pytest.param(HNREADER, 380, id="hnreader"),
        pytest.param(MOVIES, 195, id="movies"),
        pytest.param(QUANTUM, 148, id="quantum", marks=_short_of_the_margin(_FIRST + "calibration error 0.400")),
        pytest.param(KAGGLE, 195, id="kaggle", marks=_short_of_the_margin(_FIRST + "calibration error 0.155")),
        pytest.param(MINIMAL, 280, id="minimal", marks=_short_of_the_margin(_FIRST + "calibration error 0.133")),
        pytest.param(MLFAQ, 250, id="mlfaq"),
        pytest.param(FIREBASE, 115, id="firebase"),
        pytest.param(DESALARY, 160, id="desalary", marks=_short_of_the_margin(_FIRST + "calibration error 0.161")),
        pytest.param(BOINGBOING, 115, id="boingbbs"),
        pytest.param(
            HNCACHE, 255, id="hncache", marks=_short_of_the_margin(_LATER + "calibration error 0.105")
        ),  # 0.097 its first run, 0.105 on a model before, then within 0.1
        pytest.param(FORUMPOL, 155, id="forumpol", marks=_short_of_the_margin(_FIRST + "calibration error 0.127")),
        pytest.param(ETHSCRAPE, 300, id="ethscrape"),  # first run: calibration error 0.090
    ],
)
def test_confidence_means_what_it_says_on_the_held_out_threads(paths, least):
    _calibrated(_placed_pages(paths), least)


@pytest.mark.parametrize(
    ("path", "pages", "least"),
    [
        pytest.param(
            MADEMISTAKES,
            4,
            235,
            id="mademistakes",
            marks=_short_of_the_margin(
                _FIRST + "0.44 (0.42 / 0.33), +0.02; pages +0.14, -0.10, +0.03 and +0.04, each read as threaded"
            ),
        )
    ],
)
def test_held_out_blog_comment_sections_beat_their_better_baseline_by_the_issue_margin(path, pages, least):
    """A blog's comment sections whose replies each answer a comment on the post (Staticman's comment files, as a
    Disqus export), each page 0.10 above its better trivial baseline, as the Disqus threads above."""
    placed_pages = _placed_pages(path)
    assert len(placed_pages) == pages and sum(len(right) for right, *_ in placed_pages) > least
    for right, _, article, previous in placed_pages:
        assert sum(right) / len(right) >= max(article, previous) + 0.10


@pytest.mark.parametrize(
    ("path", "least"),
    [
        pytest.param(
            MADEMISTAKES, 235, id="mademistakes", marks=_short_of_the_margin(_FIRST + "calibration error 0.223")
        )
    ],
)
def test_confidence_means_what_it_says_on_the_held_out_blog_comment_sections(path, least):
    _calibrated(_placed_pages(path), least)


_SCORE_CHECKS = (
    test_held_out_sets_beat_the_better_baseline_by_the_issue_margin,
    test_confidence_means_what_it_says_on_the_held_out_threads,
)
# the held-out score checks of pages of other kinds, each kind's pair (accuracy, confidence), by the same ids: the
# questions' pages as a browser copies them from the site, and blogs' comment sections
_OTHER_SCORE_CHECKS = (
    (
        test_held_out_questions_copied_from_the_site_beat_the_better_baseline_by_the_issue_margin,
        test_confidence_means_what_it_says_on_the_held_out_questions_copied_from_the_site,
    ),
    (
        test_held_out_blog_comment_sections_beat_their_better_baseline_by_the_issue_margin,
        test_confidence_means_what_it_says_on_the_held_out_blog_comment_sections,
    ),
)


def _parametrized(checks: tuple) -> list:
    """The parameter sets of ``checks`` (parametrized test functions)."""
    return [p for check in checks for mark in check.pytestmark if mark.name == "parametrize" for p in mark.args[1]]


def test_held_out_sets_not_scored_yet_are_skipped_with_no_marks_of_their_own():
    """A held-out set is run by the model once, after the round's choices are fixed, and its marks come from that run
    alone: until then each of its score checks is skipped and marked with nothing else, and no other set is skipped so
    (a threaded set's checks by the set's id, another kind's pair by its set's id, a mailing list's by its four
    pages). Its files are held-out files (data/replies/fresh, named in that folder's README)."""
    held_out = (Path(__file__).parent / "data" / "replies" / "README.md").read_text(encoding="utf-8")
    fresh = Path(__file__).parent / "data" / "replies" / "fresh"
    groups = [_parametrized(_SCORE_CHECKS), *(_parametrized(pair) for pair in _OTHER_SCORE_CHECKS)]
    params = [p for group in groups for p in group]
    assert all(not {p.id for p in a} & {p.id for p in b} for a in groups for b in groups if a is not b)
    skipped = {p.id for p in params if _UNSCORED in p.marks}
    lists = {
        name
        for name, (_, checks) in _MAIL_SCORE_CHECKS.items()
        if any(_UNSCORED in p.marks for p in _parametrized(checks))
    }
    assert skipped | lists == NOT_SCORED_YET and not skipped & lists
    for name in NOT_SCORED_YET:
        if name in lists:
            paths, checks = _MAIL_SCORE_CHECKS[name]
            marks = [tuple(p.marks) for p in _parametrized(checks)]
            assert len(marks) == 4 * len(checks) and all(m == (_UNSCORED,) for m in marks)
        else:
            checks = [p for p in params if p.id == name]
            assert len(checks) == 2 and all(tuple(p.marks) == (_UNSCORED,) for p in checks)  # both checks of its set
            paths = {p.values[0] for p in checks}
        assert paths and all(path.parent == fresh and f"`fresh/{path.name}`" in held_out for path in paths)


def _calibrated(pages: list[tuple[list[bool], list[float], float, float]], least: int) -> None:
    """More than ``least`` choices on ``pages``, their confidences within the issue's calibration error of 0.1."""
    judged = [(c, r) for right, confidence, *_ in pages for c, r in zip(confidence, right, strict=True)]
    assert len(judged) > least
    assert calibration_error(judged) <= 0.1


def _mail_pages(
    paths: list[Path], quotes: bool, headed: bool = False
) -> list[tuple[list[bool], list[float], float, float]]:
    """``placed`` on each thread of two mails or more of a held-out list, plain or, where its mails quote, as its
    archive's pages show it (each mail's quoted lines above its own text); ``headed``, each mail's subject and date
    above its text, as the archive's thread page shows them."""
    return [placed(p) for p in pages(paths, shows="quotes" if quotes else "", headed=headed) if p.gold]


def _mail_margin(paths: list[Path], quotes: bool, least: int, headed: bool = False) -> float:
    pages = _mail_pages(paths, quotes, headed)
    judged = sum(len(right) for right, *_ in pages)
    better = sum(max(article, previous) * len(right) for right, _, article, previous in pages) / judged
    accuracy = sum(sum(right) for right, *_ in pages) / judged
    print(f"\nheld-out mailing list: accuracy {accuracy:.3f}, better baseline {better:.3f} over {judged} mails")
    assert judged > least
    return accuracy - better


@pytest.mark.parametrize(
    "quotes",
    [
        pytest.param(
            False,
            id="plain",
            marks=pytest.mark.xfail(
                strict=True,
                reason="below each mail on the one before (0.65 against 0.86, each page's better baseline summed; "
                "each on the one before 0.80): the page keeps no quoted lines, the reader moves them out of the "
                "text, and the model learnt mail from pages that show them",
            ),
        ),
        pytest.param(
            True,
            id="quotes-shown",
            marks=pytest.mark.xfail(
                strict=True,
                reason="0.92 against each page's better baseline 0.85 over 103 mails: +0.07; the baseline rose from "
                "0.76 when the text reader stopped splitting mails at their sign-offs (bench/README.md, reply "
                "inference)",
            ),
        ),
    ],
)
def test_held_out_mailing_list_beats_its_better_baseline_by_the_issue_margin(quotes):
    """A month of a driver's list (held out), each thread of two mails or more a page: together 0.10 above the
    better baseline."""
    assert _mail_margin([MAIL], quotes, 100) >= 0.10


def _list_pages(short: dict[str, str]) -> list:
    """A list's four pages (plain, with each mail's subject and date, with quoted lines, with both), those short of
    the bar marked with their figures."""
    shapes = {"plain": (False, False), "plain-headed": (False, True), "quotes-shown": (True, False)}
    shapes["quotes-headed"] = (True, True)
    marks = {name: [_short_of_the_margin(why)] for name, why in short.items()}
    return [pytest.param(*shape, id=name, marks=marks.get(name, [])) for name, shape in shapes.items()]


# each mail on the one before is right 0.83 of the time now that the text reader no longer splits mails at their
# sign-offs (0.55 before): the quoted lines' margin over it shrinks below the issue's


@pytest.mark.parametrize(
    ("quotes", "headed"),
    _list_pages(
        {
            "plain": "0.67 against each page's better baseline 0.86 (on the list's first mail 0.37, each on the one "
            "before 0.83) over 86 mails, as the training lists' plain mail",
            "plain-headed": "0.78 against the better baseline 0.86, read as mail with the weights of mail's own "
            "(0.67 without subjects and dates)",
        }
    ),
)
def test_second_held_out_mailing_list_beats_its_better_baseline_by_the_issue_margin(quotes, headed):
    """Four months of an ice sheet model's developer list, long technical mails ending in sign-offs and signatures;
    as a plain export shows them or as the list archive's thread pages do (each mail's subject and date above its
    text)."""
    assert _mail_margin(GLIMMER, quotes, 80, headed) >= 0.10


@pytest.mark.parametrize(
    ("quotes", "headed"),
    _list_pages({}),
)
def test_confidence_means_what_it_says_on_the_second_held_out_mailing_list(quotes, headed):
    _calibrated(_mail_pages(GLIMMER, quotes, headed), 80)


@pytest.mark.parametrize(
    ("quotes", "headed"),
    _list_pages(
        {
            "plain": "0.61 against each on the one before 0.84 over 38 mails (-0.24)",
            "plain-headed": "-0.05 under the better baseline (each on the one before 0.84)",
            "quotes-shown": "-0.03 under the better baseline (each on the one before 0.84)",
            "quotes-headed": "-0.03 under the better baseline (each on the one before 0.84)",
        }
    ),
)
def test_third_held_out_mailing_list_beats_its_better_baseline_by_the_issue_margin(quotes, headed):
    """A month of a virtual-world viewer's developer list (38 mails on pages of two replies or more), as a plain
    export shows it or as the list archive's thread pages do."""
    assert _mail_margin([VIEWER], quotes, 30, headed) >= 0.10


@pytest.mark.parametrize(
    ("quotes", "headed"),
    _list_pages(
        {
            "plain": "calibration error 0.200 over 38 mails",
            "plain-headed": "calibration error 0.225 over 38 mails",
            "quotes-shown": "calibration error 0.171 over 38 mails",
            "quotes-headed": "calibration error 0.161 over 38 mails",
        }
    ),
)
def test_confidence_means_what_it_says_on_the_third_held_out_mailing_list(quotes, headed):
    pages = _mail_pages([VIEWER], quotes, headed)
    judged = [(c, r) for right, confidence, *_ in pages for c, r in zip(confidence, right, strict=True)]
    assert len(judged) > 30
    assert calibration_error(judged) <= 0.1


@pytest.mark.parametrize(
    ("quotes", "headed"),
    _list_pages(
        {
            "plain": "first run once the round's choices were fixed: 0.73 against each on the one before 0.93 over 41 "
            "mails (-0.20)",
            "plain-headed": "-0.03 under the better baseline (each on the one before 0.93)",
            "quotes-shown": "1.00 against each on the one before 0.93: +0.07, all a page can gain over it",
            "quotes-headed": "1.00 against each on the one before 0.93: +0.07, all a page can gain over it",
        }
    ),
)
def test_fourth_held_out_mailing_list_beats_its_better_baseline_by_the_issue_margin(quotes, headed):
    """Two months of a BitTorrent client's developer list (41 mails on pages of two replies or more), as a plain
    export shows them or as the list archive's thread pages do: each mail on the one before is right 0.93 of the
    time, so the issue's +0.10 over it cannot be met on these pages."""
    assert _mail_margin(BTG, quotes, 35, headed) >= 0.10


@pytest.mark.parametrize(
    ("quotes", "headed"),
    _list_pages(
        {
            "plain": "first run once the round's choices were fixed: calibration error 0.131 over 41 mails",
        }
    ),
)
def test_confidence_means_what_it_says_on_the_fourth_held_out_mailing_list(quotes, headed):
    _calibrated(_mail_pages(BTG, quotes, headed), 35)


@pytest.mark.parametrize(
    ("quotes", "headed"),
    _list_pages(
        {
            "plain": "first run once the round's choices were fixed: 0.50 against each on the one before 0.73 over "
            "44 mails",
            "plain-headed": "0.77 against each on the one before 0.73",
        }
    ),
)
def test_fifth_held_out_mailing_list_beats_its_better_baseline_by_the_issue_margin(quotes, headed):
    """Three months of a machine learning library's developer list (44 mails on pages of two replies or more), as a
    plain export shows them or as the list archive's thread pages do."""
    assert _mail_margin(PLEARN, quotes, 40, headed) >= 0.10


@pytest.mark.parametrize(
    ("quotes", "headed"),
    _list_pages({"plain": _LATER + "calibration error 0.108", "plain-headed": "calibration error 0.147 over 44 mails"}),
)
def test_confidence_means_what_it_says_on_the_fifth_held_out_mailing_list(quotes, headed):
    _calibrated(_mail_pages(PLEARN, quotes, headed), 40)


@pytest.mark.parametrize(
    ("quotes", "headed"),
    _list_pages(
        {
            "plain": "first run once the round's choices were fixed: 0.62 against each on the one before 0.76 over 29 "
            "mails",
            "plain-headed": "0.55 against each on the one before 0.76",
        }
    ),
)
def test_sixth_held_out_mailing_list_beats_its_better_baseline_by_the_issue_margin(quotes, headed):
    """Two months of a web crawler's developer list (29 mails on pages of two replies or more), as a plain export
    shows them or as the list archive's thread pages do."""
    assert _mail_margin(HARVESTMAN, quotes, 25, headed) >= 0.10


@pytest.mark.parametrize(
    ("quotes", "headed"),
    _list_pages(
        {
            "plain": "first run once the round's choices were fixed: calibration error 0.328 over 29 mails",
            "plain-headed": "calibration error 0.274 over 29 mails",
        }
    ),
)
def test_confidence_means_what_it_says_on_the_sixth_held_out_mailing_list(quotes, headed):
    _calibrated(_mail_pages(HARVESTMAN, quotes, headed), 25)


@pytest.mark.parametrize(
    ("quotes", "headed"),
    _list_pages(
        {
            "plain": _FIRST + "−0.03 from each on the one before (0.86)",
            "plain-headed": "+0.00 over each on the one before",
            "quotes-shown": "+0.02 over each on the one before",
            "quotes-headed": "+0.04 over each on the one before",
        }
    ),
)
def test_seventh_held_out_mailing_list_beats_its_better_baseline_by_the_issue_margin(quotes, headed):
    """Three months of a Bluetooth remote control program's developer list (62 mails answering one of their month), as
    a plain export shows them or as the list archive's thread pages do."""
    assert _mail_margin(LBRC, quotes, 55, headed) >= 0.10


@pytest.mark.parametrize(("quotes", "headed"), _list_pages({}))
def test_confidence_means_what_it_says_on_the_seventh_held_out_mailing_list(quotes, headed):
    _calibrated(_mail_pages(LBRC, quotes, headed), 55)


@pytest.mark.parametrize(
    ("quotes", "headed"),
    _list_pages(
        {
            "plain": _FIRST + "−0.16 from all on the first mail (0.85)",
            "plain-headed": "−0.15 from all on the first mail",
            "quotes-shown": "−0.03 from all on the first mail",
            "quotes-headed": "−0.08 from all on the first mail",
        }
    ),
)
def test_eighth_held_out_mailing_list_beats_its_better_baseline_by_the_issue_margin(quotes, headed):
    """Three months of a USB wireless driver's developer list (72 mails answering one of their month, most of them a
    series of patches' first mail), as a plain export shows them or as the list archive's thread pages do."""
    assert _mail_margin(AT76, quotes, 35, headed) >= 0.10


@pytest.mark.parametrize(
    ("quotes", "headed"),
    _list_pages(
        {
            "plain-headed": "calibration error 0.108",
            "quotes-headed": "calibration error 0.117",
        }
    ),
)
def test_confidence_means_what_it_says_on_the_eighth_held_out_mailing_list(quotes, headed):
    _calibrated(_mail_pages(AT76, quotes, headed), 35)


@pytest.mark.parametrize(
    ("quotes", "headed"),
    _list_pages(
        {
            "plain": _FIRST + "−0.15 from the better baseline",
            "plain-headed": "+0.09 over the better baseline",
        }
    ),
)
def test_ninth_held_out_mailing_list_beats_its_better_baseline_by_the_issue_margin(quotes, headed):
    """The five threads of 50 mails or more of a networking framework's list (351 mails answering one of their thread,
    chains of replies up to 18 long), as a plain export shows them or as the list archive's thread pages do."""
    assert _mail_margin(TWISTED, quotes, 330, headed) >= 0.10


@pytest.mark.parametrize(("quotes", "headed"), _list_pages({}))
def test_confidence_means_what_it_says_on_the_ninth_held_out_mailing_list(quotes, headed):
    _calibrated(_mail_pages(TWISTED, quotes, headed), 330)


@pytest.mark.parametrize(
    ("quotes", "headed"),
    _list_pages(
        {
            "plain": _FIRST + "−0.22 from the better baseline",
            "plain-headed": _FIRST + "−0.04 from the better baseline",
        }
    ),
)
def test_tenth_held_out_mailing_list_beats_its_better_baseline_by_the_issue_margin(quotes, headed):
    """The two threads of 50 mails or more of the R language's developer list (139 mails answering one of their
    thread, levels 0 to 21), as a plain export shows them or as the list archive's thread pages do."""
    assert _mail_margin(RDEVEL, quotes, 135, headed) >= 0.10


@pytest.mark.parametrize(
    ("quotes", "headed"),
    _list_pages(
        {
            "plain": _FIRST + "calibration error 0.237",
            "plain-headed": _FIRST + "calibration error 0.120",
        }
    ),
)
def test_confidence_means_what_it_says_on_the_tenth_held_out_mailing_list(quotes, headed):
    _calibrated(_mail_pages(RDEVEL, quotes, headed), 135)


@pytest.mark.parametrize(
    ("quotes", "headed"),
    _list_pages(
        {
            "plain": _FIRST + "0.45 (on the thread's first mail 0.09, each on the one before 0.63), −0.18",
            "plain-headed": _FIRST + "0.69, +0.06 over each on the one before",
        }
    ),
)
def test_eleventh_held_out_mailing_list_beats_its_better_baseline_by_the_issue_margin(quotes, headed):
    """The three threads of 80 mails or more of the Python core developers' list (277 mails answering one of their
    thread, levels 0 to 25), as a plain export shows them or as the list archive's thread pages do."""
    assert _mail_margin(COMMITTERS, quotes, 265, headed) >= 0.10


@pytest.mark.parametrize(
    ("quotes", "headed"),
    _list_pages({}),  # calibration error 0.202 and 0.102 their first run
)
def test_confidence_means_what_it_says_on_the_eleventh_held_out_mailing_list(quotes, headed):
    _calibrated(_mail_pages(COMMITTERS, quotes, headed), 265)


@pytest.mark.parametrize(
    ("quotes", "headed"),
    _list_pages(
        {
            "plain": _FIRST + "0.71 against each on the one before 0.71 over 110 mails (+0.00)",
            "plain-headed": _FIRST + "0.72, +0.01 over each on the one before",
        }
    ),
)
def test_twelfth_held_out_mailing_list_beats_its_better_baseline_by_the_issue_margin(quotes, headed):
    """The two threads of 50 mails or more of an on-chip debugger's developer list (110 mails answering one of their
    thread, levels 0 to 24), as a plain export shows them or as the list archive's thread pages do."""
    assert _mail_margin(OPENOCD, quotes, 107, headed) >= 0.10


@pytest.mark.parametrize(("quotes", "headed"), _list_pages({"plain-headed": _LATER + "calibration error 0.119"}))
def test_confidence_means_what_it_says_on_the_twelfth_held_out_mailing_list(quotes, headed):
    _calibrated(_mail_pages(OPENOCD, quotes, headed), 107)


@pytest.mark.parametrize(
    ("quotes", "headed"),
    _list_pages(
        {
            "plain": _FIRST + "0.71 against each on the one before 0.70 over 196 mails (+0.02)",
            "plain-headed": _FIRST + "0.76, +0.06 over each on the one before",
        }
    ),
)
def test_thirteenth_held_out_mailing_list_beats_its_better_baseline_by_the_issue_margin(quotes, headed):
    """The kernel summit list's thread on Rust for Linux (197 mails answering one of the thread, levels 0 to 35), as a
    plain export shows it or as the list archive's thread pages do."""
    assert _mail_margin([KSUMMIT], quotes, 190, headed) >= 0.10


@pytest.mark.parametrize(("quotes", "headed"), _list_pages({}))
def test_confidence_means_what_it_says_on_the_thirteenth_held_out_mailing_list(quotes, headed):
    _calibrated(_mail_pages([KSUMMIT], quotes, headed), 190)


@pytest.mark.parametrize(
    ("quotes", "headed"),
    _list_pages(
        {
            "plain": _FIRST + "0.67 against each on the one before 0.68 over 135 mails (-0.01)",
            "plain-headed": _FIRST + "0.73, +0.05 over each on the one before",
        }
    ),
)
def test_fourteenth_held_out_mailing_list_beats_its_better_baseline_by_the_issue_margin(quotes, headed):
    """The manual pages list's thread on strncpy (135 mails answering one of the thread, levels 0 to 22), as a plain
    export shows it or as the list archive's thread pages do."""
    assert _mail_margin([MANPAGES], quotes, 130, headed) >= 0.10


@pytest.mark.parametrize(
    ("quotes", "headed"),
    _list_pages({"plain": _LATER + "calibration error 0.125", "plain-headed": _FIRST + "calibration error 0.164"}),
)
def test_confidence_means_what_it_says_on_the_fourteenth_held_out_mailing_list(quotes, headed):
    _calibrated(_mail_pages([MANPAGES], quotes, headed), 130)


# the held-out mailing lists' score checks (each a list's four pages) and files, by the ids NOT_SCORED_YET names them by
@pytest.mark.parametrize(
    ("quotes", "headed"),
    _list_pages(
        {
            "plain": _FIRST + "0.69 against each on the one before 0.73 over 104 mails (−0.04)",
            "plain-headed": _FIRST + "+0.00 over the better baseline",
        }
    ),
)
def test_fifteenth_held_out_mailing_list_beats_its_better_baseline_by_the_issue_margin(quotes, headed):
    """The kernel summit's old discussion list's thread on Change-Id tags in kernel commits (104 mails answering one of
    the thread, levels 0 to 39), as a plain export shows it or as the list archive's thread pages do."""
    assert _mail_margin([KSDISCUSS], quotes, 100, headed) >= 0.10


@pytest.mark.parametrize(
    ("quotes", "headed"),
    _list_pages({"plain-headed": _FIRST + "calibration error 0.118"}),
)
def test_confidence_means_what_it_says_on_the_fifteenth_held_out_mailing_list(quotes, headed):
    _calibrated(_mail_pages([KSDISCUSS], quotes, headed), 100)


_MAIL_SCORE_CHECKS = {
    "glimmer": (
        GLIMMER,
        (
            test_second_held_out_mailing_list_beats_its_better_baseline_by_the_issue_margin,
            test_confidence_means_what_it_says_on_the_second_held_out_mailing_list,
        ),
    ),
    "viewer": (
        [VIEWER],
        (
            test_third_held_out_mailing_list_beats_its_better_baseline_by_the_issue_margin,
            test_confidence_means_what_it_says_on_the_third_held_out_mailing_list,
        ),
    ),
    "btg": (
        BTG,
        (
            test_fourth_held_out_mailing_list_beats_its_better_baseline_by_the_issue_margin,
            test_confidence_means_what_it_says_on_the_fourth_held_out_mailing_list,
        ),
    ),
    "plearn": (
        PLEARN,
        (
            test_fifth_held_out_mailing_list_beats_its_better_baseline_by_the_issue_margin,
            test_confidence_means_what_it_says_on_the_fifth_held_out_mailing_list,
        ),
    ),
    "harvestman": (
        HARVESTMAN,
        (
            test_sixth_held_out_mailing_list_beats_its_better_baseline_by_the_issue_margin,
            test_confidence_means_what_it_says_on_the_sixth_held_out_mailing_list,
        ),
    ),
    "lbrc": (
        LBRC,
        (
            test_seventh_held_out_mailing_list_beats_its_better_baseline_by_the_issue_margin,
            test_confidence_means_what_it_says_on_the_seventh_held_out_mailing_list,
        ),
    ),
    "at76": (
        AT76,
        (
            test_eighth_held_out_mailing_list_beats_its_better_baseline_by_the_issue_margin,
            test_confidence_means_what_it_says_on_the_eighth_held_out_mailing_list,
        ),
    ),
    "twisted": (
        TWISTED,
        (
            test_ninth_held_out_mailing_list_beats_its_better_baseline_by_the_issue_margin,
            test_confidence_means_what_it_says_on_the_ninth_held_out_mailing_list,
        ),
    ),
    "rdevel": (
        RDEVEL,
        (
            test_tenth_held_out_mailing_list_beats_its_better_baseline_by_the_issue_margin,
            test_confidence_means_what_it_says_on_the_tenth_held_out_mailing_list,
        ),
    ),
    "committers": (
        COMMITTERS,
        (
            test_eleventh_held_out_mailing_list_beats_its_better_baseline_by_the_issue_margin,
            test_confidence_means_what_it_says_on_the_eleventh_held_out_mailing_list,
        ),
    ),
    "openocd": (
        OPENOCD,
        (
            test_twelfth_held_out_mailing_list_beats_its_better_baseline_by_the_issue_margin,
            test_confidence_means_what_it_says_on_the_twelfth_held_out_mailing_list,
        ),
    ),
    "ksummit": (
        [KSUMMIT],
        (
            test_thirteenth_held_out_mailing_list_beats_its_better_baseline_by_the_issue_margin,
            test_confidence_means_what_it_says_on_the_thirteenth_held_out_mailing_list,
        ),
    ),
    "manpages": (
        [MANPAGES],
        (
            test_fourteenth_held_out_mailing_list_beats_its_better_baseline_by_the_issue_margin,
            test_confidence_means_what_it_says_on_the_fourteenth_held_out_mailing_list,
        ),
    ),
    "ksdisc": (
        [KSDISCUSS],
        (
            test_fifteenth_held_out_mailing_list_beats_its_better_baseline_by_the_issue_margin,
            test_confidence_means_what_it_says_on_the_fifteenth_held_out_mailing_list,
        ),
    ),
}


def test_a_list_archives_page_is_read_as_mail_by_what_it_shows():
    """A mail thread whose page shows each mail's subject and date above its text (as a list archive's thread page
    does) is read as mail, with the weights of mail's own (held-out months; a page whose mails the text reader split
    into pieces that show neither may not be); a Reddit thread never. (The same thread without them is read by what its
    mails' own text shows: ``tests/extract/test_replies.py``.)"""
    shipped = model()

    def kind(page: Page) -> str:
        ctx = ThreadContext(page.posts[0].id)
        for p in page.posts[1:]:
            ctx.survey(p.text, p.author)
        return shipped.kind(ctx.page | ctx.shown)

    headed = [kind(p) for p in pages(GLIMMER, headed=True)]  # 23 of 30: the text reader splits some mails
    assert len(headed) == 30 and headed.count("mail") >= 20
    assert not any(kind(p) == "mail" for p in _pages(AIRLINES))


def test_a_forum_s_page_showing_subjects_and_dated_author_lines_is_not_read_as_mail():
    """A real forum topic (its posts, dates and writers as Discourse's API gave them) copied as a forum shows it:
    "Re: TITLE" and "Posted on DATE TIME by NAME" above each post. Its repeated subjects and dates with times are
    what a list archive's page shows, but a forum names each post's writer beside its date and a list archive's
    date line stands alone: the same page with each date alone is read as mail, the forum's page as no mail."""
    topic = sorted((Path(__file__).parent / "data" / "real" / "discourse").glob("topic_163247_page*.json"))
    root, *posts = read_posts(expand_inputs([str(p) for p in topic]))
    assert len(posts) == 78 and all(p.author and p.created for p in posts)
    shipped = model()

    def kind(head) -> str:
        ctx = ThreadContext(root.id)
        for p in posts:
            ctx.survey(f"Re: {root.title}\n{head(p, datetime.fromisoformat(p.created))}\n{p.text}", p.author)
        return shipped.kind(ctx.page | ctx.shown)

    assert kind(lambda p, when: f"{when:%a, %d %b %Y %H:%M:%S %z}") == "mail"
    assert kind(lambda p, when: f"Posted on {when:%Y-%m-%d %H:%M} by {p.author}") != "mail"
    assert kind(lambda p, when: f"{p.author} {when:%Y-%m-%d %H:%M}") != "mail"
    assert kind(lambda p, when: f"by {p.author} » {when:%a %b %d, %Y %I:%M %p}") != "mail"


def test_a_mail_quoting_its_writer_s_own_earlier_mail_names_no_writer_beside_its_date():
    """A list's month (tests/data/real/mbox) where a writer follows up his own mail, opening with "Am DATE schrieb
    NAME:" over it: that dated line is the quoted mail's attribution, not a date line naming the mail's writer as a
    forum's post shows one, and a page of such mails is no forum's. The mails as the archive shows them (a page copied
    from it keeps the line; the mbox reader leaves it out of the writer's text)."""
    path = Path(__file__).parent / "data" / "real" / "mbox" / "mapnik-devel-2009-March.txt"
    shown = {m["Message-ID"].strip().strip("<>"): m.get_payload() for m in mailbox.mbox(str(path)) if m["Message-ID"]}
    posts = list(read_posts(expand_inputs([str(path)])))
    threads: dict[str, list] = {}
    for p in posts:
        threads.setdefault(p.thread, []).append(p)
    own = re.compile(r"^Am [^\n]*\d\d:\d\d[^\n]* schrieb ([^\n:]+):\s*\n")  # the attribution, the mail's first line
    quoting = {p.thread for p in posts if (m := own.match(shown[p.source_id])) and p.author and m[1] in p.author}
    assert len(quoting) == 2
    for thread in quoting:
        ctx = ThreadContext(thread)
        for p in threads[thread]:
            if p.id != thread:
                ctx.survey(shown[p.source_id], p.author)
        assert ctx.shown[POSTED] == 0.0


_FORUM_QUOTE = re.compile(r'<aside class="quote[^"]*" data-username="([^"]+)" data-post="(\d+)"')


def test_a_quote_under_a_writers_name_goes_on_the_post_it_quotes_not_their_latest():
    """A discussion forum's topic (training data, topic 2108): a reply quoting a post shows its writer's name on a
    line of its own over the words quoted ("anonymous45:", a blank line, the words). Of the replies the export puts
    under a post they quote (its HTML's quote names the post's number), where that writer's latest post above the
    reply on the page is another one, the page placed most on that latest post (addressing: 1 of 18 right); the
    named quote's cue places them on the post that said the words, with its share right as their confidence."""
    path = _TRAINING / "xertrov-cf-discourse-2108.json"
    export = {str(p["id"]): p for p in json.loads(path.read_text(encoding="utf-8"))["post_stream"]["posts"]}
    [(_, comments)] = flatten.threads(path)  # the page's comments in reading order, each with its export id
    cases, latest = [], {}
    for c in comments:
        post = export[c.source_id]
        quoted = {int(number): name for name, number in _FORUM_QUOTE.findall(post["cooked"])}
        parent = post["reply_to_post_number"]
        if parent in quoted and latest.get(quoted[parent], parent) != parent:
            cases.append((post["post_number"], parent))
        latest[post["username"]] = post["post_number"]
    assert len(cases) >= 15
    for page in (p for signed in (False, True) for p in pages([path], quoted=True, signed=signed)):
        assert [p.author for p in page.posts[1:]] == [c.author for c in comments]
        shown = {export[c.source_id]["post_number"]: p.id for c, p in zip(comments, page.posts[1:], strict=True)}
        shown[1] = page.posts[0].id
        placed = {e.source: e for e in Extractor(entities=False).extract(page.posts).edges if e.type == schema.REPLY_TO}
        right = [placed[shown[n]] for n, parent in cases if placed[shown[n]].target == shown[parent]]
        print(f"\n{page.name}: {len(right)} of {len(cases)} quotes of a writer's earlier post placed on it")
        assert len(right) >= len(cases) - 3
        assert {e.props["confidence"] for e in right if e.props["rule"] == "named-quote"} == {
            model().cue_precision["named-quote"]
        }


def test_a_comment_calling_on_several_handles_is_not_placed_on_the_first_ones_comment():
    """A university course forum's topics (training data): students call on the course's staff by handle ("@carlton
    @Jivraj kindly help") on the topic itself. Of the comments calling on two handles or more, whose first handle's
    writer wrote an earlier comment, the file puts most on the topic and few on that writer's latest comment: no
    rule of addressing decides them, and the model places most right (the rule put 52 of 82 on that comment, 22
    right; now 60)."""
    handle = re.compile(r"(?<![\w.])@([\w.]*\w)")
    judged = first_right = right = 0
    for path in sorted(_TRAINING.glob("tds-discourse-*.json")):
        for page in pages([path]):
            edges = Extractor(entities=False).extract(page.posts).edges
            placed = {e.source: e for e in edges if e.type == schema.REPLY_TO}
            latest: dict[str, str] = {}
            for post in page.posts[1:]:
                called = list(dict.fromkeys(h.lower() for h in handle.findall(post.text)))
                first = [c for writer, c in latest.items() if writer.split()[0].lower() == called[0]] if called else []
                if len(called) > 1 and first and post.id in page.gold:
                    judged += 1
                    first_right += first[-1] == page.gold[post.id]
                    right += placed[post.id].target == page.gold[post.id]
                    assert placed[post.id].props["rule"] != "address"
                if post.author:
                    latest[post.author] = post.id
    assert judged > 50 and first_right < 0.1 * judged and right > 0.6 * judged


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
    for name, path in (("Reddit", THREAD), ("Hacker News", HN)):
        right, confidence, _, _ = placed(_thread(path, shows=shows))
        assert len(right) > 100 and all(right) and set(confidence) == {1.0}, name


def _same_case(word: str):
    """A replacement that keeps the case of the word it replaces ("You" → "Sa"): comments still start as they did."""
    return lambda m: word.capitalize() if m.group()[0].isupper() else word


def test_the_gate_reads_a_page_by_what_any_language_shows():
    """The page's reading (flat or threaded) does not hang on an English word: the held-out thread's comments
    with every "you" turned into a word of another language give the page the same probability of being threaded."""
    english, other = ThreadContext("a"), ThreadContext("a")
    for p in _thread(THREAD).posts[1:]:
        english.survey(p.text, p.author)
        other.survey(re.sub(r"(?i)\byou(?:r|rs|'re|'ve|'d)?\b|\bu\b|\bur\b", _same_case("sa"), p.text), p.author)
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
    page is mixed with the threaded model's probability that this comment answers the article, then calibrated
    (a logistic on the mixture's log-odds)."""
    m = ReplyModel({}, {}, {}, on_article={"flat": 0.9}, flat_calibration={"bias": 1.0, "logit": 2.0})
    assert m.flat_evidence(0.5, 0.2) == pytest.approx(0.55)  # flat: 0.9 on the article; threaded: 0.2
    assert m.flat_calibrated(0.5) == pytest.approx(1 / (1 + math.exp(-1.0)))  # log-odds 0: the bias alone
    assert m.flat_calibrated(0.8) == pytest.approx(1 / (1 + math.exp(-1.0 - 2.0 * math.log(4.0))))
    assert replace(m, flat_calibration={}).flat_calibrated(0.55) == 0.55  # uncalibrated: the mixture itself
    shares = [model().flat_calibrated(e) for e in (0.2, 0.5, 0.8, 0.95)]  # shipped: rising, probabilities
    assert shares == sorted(shares) and all(0 < y < 1 for y in shares)
    page = {"article_page_back": -0.4, "article_page_turns": -0.4}  # a page whose writers never come back
    assert model().flat_confidence(page, 0.95) > model().flat_confidence(page, 0.3)


def test_a_comment_between_two_of_one_writer_answers_the_first():
    """Read in order, a comment between two comments of one writer (A, B, A) mostly answers A, who answers back: the
    page is surveyed whole before it is planned, so the next comment's writer is known. On a training Reddit thread
    (r/austinfood, ``bench/replies/data``) 25 of its 28 such comments answer the comment before them (the file's own
    structure); placed right: 19 before the next comment's writer was read, 24 with it."""
    page = _thread(_TRAINING / "crave-austinfood-1g1dspf.ndjson")
    posts = page.posts
    edges = {e.source: e.target for e in Extractor(entities=False).extract(posts).edges if e.type == schema.REPLY_TO}
    between = [
        b
        for a, b, after in zip(posts[1:], posts[2:], posts[3:], strict=False)
        if b.id in page.gold and a.author and after.author == a.author != b.author
    ]
    assert len(between) >= 25
    assert sum(edges[b.id] == page.gold[b.id] for b in between) >= 23


def test_content_words_are_read_in_any_script():
    """Shared words weigh a candidate on a page in any language, not only in English."""
    words = content_words("Il sindaco parla con i giornalisti della piazza. Москва слезам не верит, café 2024")
    assert {"sindaco", "parla", "giornalisti", "piazza", "москва", "слезам", "верит", "café"} <= words
    assert "2024" not in words and "di" not in words


@pytest.mark.xfail(strict=True, reason="the shipped threaded model is not fitted on folded pages (see train.py)")
def test_a_flat_page_read_as_threaded_still_answers_the_article():
    """The held-out thread's top-level comments alone (the page a scraper saves with replies folded away), placed
    by the threaded model whatever the gate says, should mostly answer the article. The shipped model, fitted on
    every page but the folded ones, puts fewer there; one fitted on the folded pages too put most there, but it
    put too many comments of threaded pages on the article as well (see train.py)."""
    folded = next(p for p in pages([THREAD], folded=True) if p.kind == "flat")
    posts = folded.posts
    threaded = replace(model(), lean=math.inf)  # every page read as threaded
    ctx = ThreadContext(posts[0].id)
    ctx.add(posts[0].id, None, posts[0].text, False, None)
    for p in posts[1:]:
        ctx.survey(p.text, p.author)
    on_article = []
    for p in posts[1:]:
        reply = infer_reply(p.text, p.author, ctx, [], [], threaded)
        if p.id in folded.gold:
            on_article.append(reply.target == posts[0].id)
        ctx.add(p.id, p.author, p.text, False, reply.target, reply.p_root)
    assert ctx.kind == "threaded" and len(on_article) > 20
    assert sum(on_article) / len(on_article) >= 0.8


def _headed_threads(month: str) -> list[Page]:
    """A training month's threads (``bench/replies/data``) as its archive's thread pages show them: each mail's
    subject and date above its own text, its quoted lines cut."""
    return [p for p in pages([_TRAINING / f"{month}.mbox"], headed=True) if p.gold]


def _sent(post) -> datetime | None:
    """The date a headed page shows above a mail's text (its second line), read by the standard library ("-0000", a
    zone not given, as UTC); None for a piece of a mail that shows none."""
    try:
        sent = parsedate_to_datetime(post.text.split("\n")[1])
    except (IndexError, TypeError, ValueError):
        return None
    return sent if sent.tzinfo else sent.replace(tzinfo=UTC)


def test_a_list_archives_mail_is_rarely_placed_under_one_sent_after_it():
    """On a list archive's thread pages that show each mail's date, a mail answers one sent before it: over four
    training months, a mail is placed under one dated after it (a minute of clock skew allowed) at most once in a
    hundred placements on another mail (29 of 291 before the page's dates were read)."""
    under = later = 0
    for month in (
        "ion-general-2007-March",
        "ion-general-2007-May",
        "ion-general-2010-April",
        "chansccp-users-2007-January",
    ):
        for page in _headed_threads(month):
            by_id = {p.id: p for p in page.posts}
            for e in Extractor(entities=False).extract(page.posts).edges:
                if e.type == schema.REPLY_TO and e.target != page.posts[0].id:
                    answered, mail = _sent(by_id[e.target]), _sent(by_id[e.source])
                    if answered and mail:
                        under += 1
                        later += (answered - mail).total_seconds() > 60
    assert under > 250 and later * 100 <= under


def test_a_page_showing_dates_never_places_a_mail_under_one_sent_after_it():
    """A reply is never sent before what it answers: on a list archive's thread pages that show each mail's date (four
    training months), no mail is placed under one dated after it (a minute of clock skew allowed) unless its first
    lines name that mail's writer, whether the page is read as mail or, by weights that know nothing of dates, as any
    discussion. A learnt weight would only lower such a candidate, and weights fitted on pages showing no dates as well
    lower it less."""
    shipped = model()
    as_threaded = replace(shipped, lean=math.inf, mail_gate={"bias": -30.0})
    placed = later = 0
    for month in (
        "ion-general-2007-March",
        "ion-general-2007-May",
        "ion-general-2010-April",
        "chansccp-users-2007-January",
    ):
        for page in _headed_threads(month):
            by_id = {p.id: p for p in page.posts}
            for m in (shipped, as_threaded):
                ctx = ThreadContext(page.posts[0].id)
                ctx.add(page.posts[0].id, page.posts[0].author, page.posts[0].text, False, None)
                for p in page.posts[1:]:
                    ctx.survey(p.text, p.author)
                for p in page.posts[1:]:
                    reply = infer_reply(p.text, p.author, ctx, [], [], m)
                    ctx.add(p.id, p.author, p.text, False, reply.target, reply.p_root)
                    answered = by_id[reply.target]
                    if reply.target == page.posts[0].id or not (_sent(answered) and _sent(p)):
                        continue
                    placed += 1
                    opening = " ".join(line for line in p.text.lower().split("\n")[2:6])
                    named = answered.author and answered.author.split()[0].lower() in opening
                    later += (_sent(answered) - _sent(p)).total_seconds() > 60 and not named
    assert placed > 500 and later == 0


def test_an_attribution_giving_the_time_names_the_mail_answered():
    """A real list's mails open with "M Rawash wrote:  [Mon Apr 05 2010, 04:31:00AM EDT]" over the quoted lines the
    page cut: the writer named has several mails on the page, and the time names the one answered (as the file's
    own reply structure says), not the writer's latest."""
    page = max(_headed_threads("ion-general-2010-April"), key=lambda p: len(p.gold))
    wrote = re.compile(r"^[^\n]*\bwrote:\s+\[[^\]\n]*\d:\d\d[^\]\n]*\]", re.M)
    attributed = [p for p in page.posts[1:] if wrote.search(p.text[:300]) and p.id in page.gold]
    edges = {e.source: e for e in Extractor(entities=False).extract(page.posts).edges if e.type == schema.REPLY_TO}
    assert len(attributed) >= 5
    assert all(edges[p.id].target == page.gold[p.id] for p in attributed)


def test_supercite_quoted_lines_are_one_quote_of_the_mail_they_quote():
    """Ted Zlatanov's mails (a training month, ``bench/replies/data``) quote the way supercite does: the quoted writer's
    initials before each mark ("TV> [users] don't read any documentation…"). On a page showing the thread's first
    three mails whole, as the list's archive shows them, his block is one quote of Tuomo Valkonen's mail (which his
    mail's headers say it answers): the reply's cue and one QUOTES edge, though he edited its first line ("[users]"
    for "They")."""
    box = mailbox.mbox(str(_TRAINING / "ion-general-2007-March.mbox"))
    ted = next(m for m in box if "TV> [users] don't read" in str(m))
    by_id = {m["Message-ID"]: m for m in box}

    def answered(mail):
        return by_id[((mail["In-Reply-To"] or "").split()[:1] or (mail["References"] or "").split()[-1:])[0]]

    tuomo = answered(ted)
    ben = answered(tuomo)

    def body(mail) -> str:
        return re.sub(r"\n{3,}", "\n\n", mail.get_payload(decode=True).decode("latin-1").split("\n-- \n")[0].strip())

    raw = f"{ben['Subject']}\n\n{body(ben)}\n\n\nTuomo Valkonen\n\n{body(tuomo)}\n\n\nTed Zlatanov\n\n{body(ted)}\n"
    posts = list(parse(raw, "archive"))
    assert [p.author for p in posts[1:]] == ["Tuomo Valkonen", "Ted Zlatanov"]
    block = re.search(r"^TV> \[users\].*(?:\nTV> .*)+", posts[2].text, re.M)
    assert block and block.group().count("\n") == 7
    edges = Extractor(entities=False).extract(posts).edges
    reply = next(e for e in edges if e.type == schema.REPLY_TO and e.source == posts[2].id)
    quotes = [e for e in edges if e.type == schema.QUOTES and e.source == posts[2].id]
    assert (reply.props["rule"], reply.target) == ("quote", posts[1].id)
    assert [e.target for e in quotes] == [posts[1].id]
    assert block.start() <= quotes[0].props["start"] < quotes[0].props["end"] <= block.end()


def test_the_bench_prints_issue_13s_mean_over_the_threaded_held_out_sets():
    """One figure for every round: each threaded set's accuracy with no cue shown, averaged over sets; pages shown
    with indentation or counts, mail, and the training pages stay out of it."""
    right, wrong = (0.9, True), (0.2, False)
    by_kind = {
        ("threaded (a)", "a", "threaded"): [[right, right, right, wrong], 1, 0, 2, 4, 2],
        ("threaded (b)", "b", "threaded"): [[right, wrong], 0, 0, 1, 2, 1],
        ("qa (d)", "d", "qa"): [[wrong, right], 0, 0, 1, 2, 1],  # a question-and-answer site's: counted as before
        ("threaded/indentation (a)", "a", "threaded/indentation"): [[right] * 4, 1, 0, 2, 4, 2],
        ("mail (c)", "c", "mail"): [[wrong] * 3, 0, 0, 3, 3, 1],
        ("threaded (train)", "train", "threaded"): [[wrong] * 5, 0, 0, 5, 5, 1],
    }
    assert threaded_mean(by_kind) == (3, (0.75 + 0.5 + 0.5) / 3, 5 / 8)


_ASK_HN = _TRIED / "newhackers-askhn-4655144.json"  # an Ask HN thread six levels deep, tried as training data


def _stated_levels(path: Path) -> list[int]:
    """Each comment's level as a client-shape Hacker News file states it (``level``, under its nesting)."""
    out: list[int] = []
    stack = list(json.loads(path.read_text(encoding="utf-8"))["comments"])
    while stack:
        c = stack.pop()
        out.append(c["level"])
        stack.extend(c["comments"])
    return out


def test_cross_validation_reports_threaded_pages_by_the_depth_of_comment_and_page():
    """``--cv`` tells where deep threads lose: each comment's level by the parents the page's export states (on an Ask
    HN page tried as training data, the levels its file gives), where a misplaced comment went (the article, the
    comment before, a sibling, the grandparent), and how the gate read each page five levels deep or more."""
    import depths  # noqa: PLC0415
    import train  # noqa: PLC0415

    page = _thread(_ASK_HN)
    levels = depths.levels(page)
    stated = _stated_levels(_ASK_HN)
    assert sorted(levels.values()) == sorted(stated) and max(stated) == 6
    article = page.posts[0].id
    child = next(c for c, p in page.gold.items() if levels[c] == 2)
    parent = page.gold[child]
    sibling = next(c for c, p in page.gold.items() if p == parent and c != child)
    grandparent = page.gold[parent]

    def judged(target: str) -> train.Judged:
        right, on_article = target == parent, target == article
        fields = {"rule": "default", "confidence": 0.5, "right": right, "on_article": on_article, "by_writer": False}
        fields |= {"writer_share": 0.0, "up_branch": True, "on_previous": False, "p_article": 0.5}
        return train.Judged(**fields, target=target, gold=parent, comment=child)

    assert [depths.placed(page, judged(t)) for t in (parent, article, sibling, grandparent)] == [
        "right",
        "article",
        "sibling",
        "grandparent",
    ]
    report = depths.report([(page, "threaded", [judged(sibling)], 0.56)], train.baselines)
    assert "level 2: right 0.000 of 1" in report and "sibling 1.000" in report
    assert re.search(r"newhackers-askhn-4655144:4655144 +levels 0-6 +gate 0.560 read threaded +1 right 0.00", report)
