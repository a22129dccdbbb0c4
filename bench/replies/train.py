"""Train the reply model on real threads flattened into scraped pages; writes graphkit/extract/reply_model.json.

Run: ``python bench/replies/train.py`` (``--cv`` prints cross-validated accuracy per page and stops).
Pages come from the exports in ``bench/replies/data`` (see its README); the held-out threads of
``bench/replies.py`` come from other repositories and are never read here, so the bench measures on
threads the model has not seen. A gate (logistic regression, one example a page) reads a page's
shape as a flat comment section or a threaded discussion; on a flat page comments answer the
article. The threaded model is fitted on each comment's true branch (the open comments above it in
reading order), then, for ``ROUNDS`` rounds, also on the branches its own choices make (as
extraction meets them: one wrong choice changes the branch the next comment sees). Calibration:
the pages are cut into ``FOLDS`` folds by thread; a model fitted without a fold places that fold's
pages as extraction would, and an isotonic curve from probability to share right is fitted on the
choices on pages read as threaded. On pages read as flat the probability is the share of comments
on the article of flat and of threaded training pages, weighed by the gate. The share of explicit
cues that were right gives their probability. Wider beams than one, and the running share of
comments on the article as a feature, were tried and placed fewer comments right: both favour placing
comments on the article, which empties the branch.
"""

from __future__ import annotations

import itertools
import json
import math
import sys
import zlib
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent))

from flatten import TRAIN, Page, pages  # noqa: E402

from graphkit.extract import replies_page as planning  # noqa: E402
from graphkit.extract.authors import AuthorIndex  # noqa: E402
from graphkit.extract.links import find_links  # noqa: E402
from graphkit.extract.quotes import find_post_quotes  # noqa: E402
from graphkit.extract.replies import ThreadContext, infer_reply  # noqa: E402
from graphkit.extract.reply_model import FEATURES, KINDS, MODEL_FILE, ReplyModel  # noqa: E402

L2 = 1e-3
GATE_L2 = 1e-2
# A threaded page read as flat loses most of its replies (all go to the article); a flat page read as
# threaded loses far fewer (its comments still weigh the article): the gate leans to threaded. In
# cross-validation a third placed most comments right (0.65; 0.61 at a half, 0.46 at a quarter).
GATE = 1 / 3
ROUNDS = 2
FOLDS = 3
MIN_BLOCK = 25  # choices per step of a calibration curve, at least
_INDEX = {name: i for i, name in enumerate(FEATURES)}


def survey(page: Page) -> ThreadContext:
    """The page's context with all its comments surveyed, as extraction has it before placing them."""
    article = page.posts[0]
    ctx = ThreadContext(article.id)
    ctx.add(article.id, None, article.text, False, None)
    for p in page.posts[1:]:
        ctx.survey(p.text, p.author)
    return ctx


def threaded(page: Page) -> bool:
    """A page is a threaded discussion when most of its comments answer other comments."""
    return sum(g != page.posts[0].id for g in page.gold.values()) > len(page.gold) / 2


def samples(
    page: Page, m: ReplyModel | None = None, kind: str = "threaded"
) -> list[tuple[list[list[tuple[int, float]]], int]]:
    """Each comment's candidate rows and the index of its true parent among them (when it is one), on the
    true branch, or with ``m`` on the branch the model's own (greedy) choices make."""
    article = page.posts[0]
    ctx = survey(page)
    comments = [c for _, c in ctx._pending]
    book = planning.start_page(ctx.page, ctx.root_words, (), ctx._frequency, ctx._serial)
    book.depth_unit, book.counts = planning.shown_structure(comments)
    state = planning.State((), 0, 0.0)
    out = []
    for p, c in zip(page.posts[1:], comments, strict=True):
        keys, feats = planning.candidates(c, state, book)
        gold = page.gold.get(p.id)
        on_stack = [n.key for n in reversed(state.stack)]
        up = -1 if gold == article.id else (on_stack.index(gold) if gold in on_stack else None)
        rows = [[(_INDEX[n], v) for n, v in f.items() if v] for f in feats]
        if up is not None and up in keys:
            out.append((rows, keys.index(up)))
        if m is not None:
            probs = m.probabilities(rows, kind)
            up = keys[max(range(len(keys)), key=probs.__getitem__)]
        elif up is None:  # a parent the page does not show, or a piece of a comment the page split: continue it
            up = 0 if state.stack else -1
        state = planning.advance(state, c, p.id, up, 0.0, None)
        book.note(state.count, c.author)
    return out


def replay(page: Page, m: ReplyModel):
    """The page placed as extraction places it: (rule, confidence, right) per judged comment, and the
    kind the plan read the page as."""
    index = AuthorIndex()
    for p in page.posts:
        index.add(p.platform, p.author)
    ctx = survey(page)
    judged = []
    for p in page.posts[1:]:
        refs = index.find(p.text, p.platform, p.author)
        quotes = [(q.start, q.end) for q in find_post_quotes(p.text)]
        reply = infer_reply(p.text, p.author, ctx, refs, quotes, m)
        if gold := page.gold.get(p.id):
            judged.append((reply.rule, reply.confidence, reply.target == gold))
        ctx.add(p.id, p.author, p.text, bool(find_links(p.text)), reply.target, reply.p_root)
    return judged, ctx.kind


def arrays(rows):
    width = max(len(r) for r, _ in rows)
    x = np.zeros((len(rows), width, len(FEATURES)))
    mask = np.zeros((len(rows), width), dtype=bool)
    y = np.array([g for _, g in rows])
    for n, (rs, _) in enumerate(rows):
        for k, row in enumerate(rs):
            mask[n, k] = True
            for i, v in row:
                x[n, k, i] = v
    return x, mask, y


def log_probs(w, x, mask):
    s = np.where(mask, x @ w, -1e9)
    s = s - s.max(axis=1, keepdims=True)
    return s - np.log(np.exp(s).sum(axis=1, keepdims=True))


def fit(x, mask, y, steps=800, lr=0.05) -> np.ndarray:
    """Conditional logit by Adam on the mean negative log-likelihood plus an L2 penalty."""
    w = np.zeros(x.shape[2])
    m1, m2 = np.zeros_like(w), np.zeros_like(w)
    rows_ = np.arange(len(y))
    for t in range(1, steps + 1):
        p = np.exp(log_probs(w, x, mask))
        expected = (p[..., None] * x).sum(axis=1)
        grad = (expected - x[rows_, y]).mean(axis=0) + L2 * w
        m1 = 0.9 * m1 + 0.1 * grad
        m2 = 0.999 * m2 + 0.001 * grad**2
        w -= lr * (m1 / (1 - 0.9**t)) / (np.sqrt(m2 / (1 - 0.999**t)) + 1e-8)
    return w


def fit_kind(fit_on: list[Page], kind: str, rounds: int = ROUNDS) -> tuple[float, ...]:
    """Weights fitted on the true branches, then again on those and the branches each round's model makes."""
    gold = [s for page in fit_on for s in samples(page)]
    w = tuple(float(v) for v in fit(*arrays(gold)))
    for _ in range(rounds):
        m = ReplyModel({kind: w}, {}, {})
        own = [s for page in fit_on for s in samples(page, m, kind)]
        w = tuple(float(v) for v in fit(*arrays(gold + own)))
    return w


def fit_gate(fit_on: list[Page]) -> dict[str, float]:
    """Logistic regression, one example a page, from the page's shape to its being a threaded discussion."""
    names = sorted(survey(fit_on[0]).page)
    x = np.array([[1.0] + [survey(p).page[n] for n in names] for p in fit_on])
    y = np.array([threaded(p) for p in fit_on], dtype=float)
    w = np.zeros(x.shape[1])
    for _ in range(3000):
        p = 1 / (1 + np.exp(-x @ w))
        w -= 0.5 * (x.T @ (p - y) / len(y) + GATE_L2 * np.r_[0.0, w[1:]])
    return dict(zip(["bias", *names], (float(v) for v in w), strict=True))


def train(fit_on: list[Page]) -> ReplyModel:
    """The gate, and the model of threaded pages fitted on those (on a flat page, comments answer the article)."""
    on_article = {}
    for kind in KINDS:
        gold = [g == p.posts[0].id for p in fit_on if threaded(p) == (kind == "threaded") for g in p.gold.values()]
        on_article[kind] = sum(gold) / len(gold)
    weights = {"threaded": fit_kind([p for p in fit_on if threaded(p)], "threaded")}
    return ReplyModel(weights, fit_gate(fit_on), {}, lean=math.log((1 - GATE) / GATE), on_article=on_article)


def isotonic(points: list[tuple[float, bool]]) -> tuple[tuple[float, ...], tuple[float, ...]]:
    """Pool-adjacent-violators on (probability, right), in blocks of at least ``MIN_BLOCK`` choices: the
    curve through each block's mean probability and its share right."""
    pooled: dict[float, list[float]] = {}  # probability → [sum p, sum right, n]: equal ones pooled first
    for p, right in points:
        block = pooled.setdefault(p, [0.0, 0.0, 0])
        block[0], block[1], block[2] = block[0] + p, block[1] + right, block[2] + 1
    blocks: list[list[float]] = []
    for _, block in sorted(pooled.items()):
        blocks.append(block)
        while len(blocks) > 1 and (
            blocks[-2][2] < MIN_BLOCK or blocks[-2][1] / blocks[-2][2] >= blocks[-1][1] / blocks[-1][2]
        ):
            last = blocks.pop()
            blocks[-1] = [a + b for a, b in zip(blocks[-1], last, strict=True)]
    if len(blocks) > 1 and blocks[-1][2] < MIN_BLOCK:
        last = blocks.pop()
        blocks[-1] = [a + b for a, b in zip(blocks[-1], last, strict=True)]
    xs = tuple(s / n for s, _, n in blocks)
    ys = list(itertools.accumulate(((r + 0.5) / (n + 1) for _, r, n in blocks), max))  # smoothed, still rising
    return xs, tuple(ys)


def split(all_pages: list[Page], k: int) -> tuple[list[Page], list[Page]]:
    """The pages fold ``k`` fits on and those it leaves out; a thread's folded page goes with the thread."""
    held = [p for p in all_pages if zlib.crc32(p.name.removesuffix(":folded").encode()) % FOLDS == k]
    return [p for p in all_pages if p not in held], held


def cross_validated(all_pages: list[Page], show: bool = False):
    """The choices on each page made by the model fitted without its fold: (page, kind read, judged)."""
    out = []
    for k in range(FOLDS):
        fit_on, held = split(all_pages, k)
        m = train(fit_on)
        for page in held:
            judged, kind = replay(page, m)
            out.append((page, kind, judged))
            if show and len(judged) >= 20:
                acc = sum(r for *_, r in judged) / len(judged)
                print(f"  {page.name[:48]:48} {page.kind:8} read {kind:8} {len(judged):4} {acc:.2f}")
    return out


def main() -> None:
    all_pages = pages(TRAIN, folded=True)
    held = cross_validated(all_pages, show="--cv" in sys.argv)
    by_kind: dict[str, list[tuple[float, bool]]] = {}
    cues: dict[str, list[bool]] = {}
    for page, kind, judged in held:
        for rule, p, right in judged:
            if rule in ("quote", "address", "thanks-link"):
                cues.setdefault(rule, []).append(right)
            elif rule not in ("indentation", "reply-count"):
                by_kind.setdefault(kind, []).append((p, right))
        by_kind.setdefault(f"{page.kind} (true type)", []).extend((p, r) for _, p, r in judged)
    for kind, points in by_kind.items():
        share = sum(r for _, r in points) / len(points)
        print(f"cross-validated accuracy on pages {kind}: {share:.3f} over {len(points)}")
    if "--cv" in sys.argv:
        return
    m = train(all_pages)
    curve = isotonic(by_kind["threaded"])
    precision = {rule: (sum(r) + 1) / (len(r) + 2) for rule, r in cues.items()}
    final = ReplyModel(m.weights, m.gate, precision, curve, m.lean, m.on_article)
    MODEL_FILE.write_text(json.dumps(final.to_json(), indent=1) + "\n", encoding="utf-8")
    print(f"{len(all_pages)} pages; cues { ({k: len(v) for k, v in cues.items()}) }")
    print("  gate: " + ", ".join(f"{k} {v:+.2f}" for k, v in m.gate.items()))
    for name, *weight in zip(FEATURES, *m.weights.values(), strict=True):
        print(f"  {name:24} " + " ".join(f"{w:+.3f}" for w in weight))
    print("  calibration on threaded pages: " + ", ".join(f"{x:.2f}→{y:.2f}" for x, y in zip(*curve, strict=True)))
    print(f"  on the article: {m.on_article}")


if __name__ == "__main__":
    main()
