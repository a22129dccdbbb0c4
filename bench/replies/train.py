"""Train the reply model on real threads flattened into scraped pages; writes graphkit/extract/reply_model.json.

Run: ``python bench/replies/train.py``. Pages come from the exports in ``bench/replies/data`` (see its
README); the threads in ``tests/data/replies`` come from other repositories and are never read
here, so ``bench/replies.py`` measures on threads the model has not seen. Features depend on the
choices already made on the page (the branch above the previous comment, who answered whom, the
page's share of comments on the article), so training runs in rounds: each round replays every page
with the model of the round before and refits on the features that replay produced. The temperature
is fitted on the pages each fold leaves out (fitted curves from probability to share right, isotonic
or Platt, per chosen kind or not, came out far worse than the temperature alone when fitted on two
folds and measured on the third: the pages differ too much); the share of explicit cues that were
right gives their probability.
"""

from __future__ import annotations

import json
import sys
import zlib
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent))

from flatten import TRAIN, Page, pages  # noqa: E402

from graphkit.extract.authors import AuthorIndex  # noqa: E402
from graphkit.extract.links import find_links  # noqa: E402
from graphkit.extract.quotes import find_post_quotes  # noqa: E402
from graphkit.extract.replies import ThreadContext, candidates, explicit_cue, infer_reply, rows  # noqa: E402
from graphkit.extract.reply_model import FEATURES, MODEL_FILE, ReplyModel  # noqa: E402

ROUNDS = 3
L2 = 1e-4
FOLDS = 3
START = ReplyModel(tuple(1.0 if f in ("article", "previous") else 0.0 for f in FEATURES), 1.0, {})


def replay(page: Page, m: ReplyModel):
    """Each inferred comment's candidate rows and the gold candidate's index (-1 if not a candidate), and
    each explicit cue with whether it was right; the page goes through ``m`` as extraction would."""
    index = AuthorIndex()
    for p in page.posts:
        index.add(p.platform, p.author)
    article = page.posts[0]
    ctx = ThreadContext(article.id)
    ctx.add(article.id, None, article.text, False, None)
    for p in page.posts[1:]:
        ctx.survey(p.text, p.author)
    samples, cues, right = [], [], []
    for p in page.posts[1:]:
        refs = index.find(p.text, p.platform, p.author)
        quotes = [(q.start, q.end) for q in find_post_quotes(p.text)]
        gold = page.gold.get(p.id)
        explicit = explicit_cue(p.text, p.author, refs, ctx, quotes)
        if explicit and gold:
            cues.append((explicit.rule, explicit.target == gold))
        elif gold:
            cands = candidates(p.text, p.author, ctx, refs)
            ids = [c.id for c in cands]
            samples.append((rows(cands), ids.index(gold) if gold in ids else -1))
        reply = infer_reply(p.text, p.author, ctx, refs, quotes, m)
        if gold:
            right.append(reply.target == gold)
        ctx.add(p.id, p.author, p.text, bool(find_links(p.text)), reply.target, reply.p_root)
    return samples, cues, right


def arrays(samples):
    kept = [(r, g) for r, g in samples if g >= 0]
    width = max(len(r) for r, _ in kept)
    x = np.zeros((len(kept), width, len(FEATURES)))
    mask = np.zeros((len(kept), width), dtype=bool)
    y = np.array([g for _, g in kept])
    for n, (rs, _) in enumerate(kept):
        for k, row in enumerate(rs):
            mask[n, k] = True
            for i, v in row:
                x[n, k, i] = v
    return x, mask, y


def log_probs(w, x, mask, temperature=1.0):
    s = np.where(mask, x @ w / temperature, -1e9)
    s = s - s.max(axis=1, keepdims=True)
    return s - np.log(np.exp(s).sum(axis=1, keepdims=True))


def fit(x, mask, y, steps=600, lr=0.05) -> np.ndarray:
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


def temperature(held: list[tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]]) -> float:
    """The temperature that makes the probabilities of comments left out of each fit most likely."""
    grid = np.exp(np.linspace(np.log(0.3), np.log(4.0), 60))
    nll = [sum(-log_probs(w, x, mask, t)[np.arange(len(y)), y].sum() for w, x, mask, y in held) for t in grid]
    return float(grid[int(np.argmin(nll))])


def train(train_pages: list[Page], rounds: int = ROUNDS) -> np.ndarray:
    m = START
    for _ in range(rounds):
        samples = [s for page in train_pages for s in replay(page, m)[0]]
        w = fit(*arrays(samples))
        m = ReplyModel(tuple(w), 1.0, {})
    return w


def split(all_pages: list[Page], k: int) -> tuple[list[Page], list[Page]]:
    """The pages fold ``k`` fits on and those it leaves out; a thread's folded page goes with the thread."""
    held = [p for p in all_pages if zlib.crc32(p.name.removesuffix(":folded").encode()) % FOLDS == k]
    return [p for p in all_pages if p not in held], held


def cross_validate(all_pages: list[Page]) -> None:
    """Accuracy on pages left out of the fit, fold by fold (for choosing features without the held-out set)."""
    total: dict[str, list[bool]] = {}
    for k in range(FOLDS):
        fit_on, held = split(all_pages, k)
        m = ReplyModel(tuple(train(fit_on)), 1.0, {})
        for page in held:
            right = replay(page, m)[2]
            total.setdefault(page.kind, []).extend(right)
            if len(right) >= 20:
                print(f"  {page.name[:48]:48} {len(right):4} {sum(right) / len(right):.2f}")
    for kind, right in total.items():
        print(f"cross-validated accuracy on {kind} pages {sum(right) / len(right):.3f} over {len(right)} comments")


def main() -> None:
    all_pages = pages(TRAIN, folded=True)
    if "--cv" in sys.argv:
        cross_validate(all_pages)
        return
    held = []
    for k in range(FOLDS):
        fit_on, left_out = split(all_pages, k)
        w = train(fit_on)
        fitted = ReplyModel(tuple(w), 1.0, {})
        held.append((w, *arrays([s for p in left_out for s in replay(p, fitted)[0]])))
    t = temperature(held)
    w = train(all_pages)
    final = ReplyModel(tuple(w), t, {})
    cues: dict[str, list[bool]] = {}
    for page in all_pages:
        for rule, right in replay(page, final)[1]:
            cues.setdefault(rule, []).append(right)
    precision = {rule: (sum(r) + 1) / (len(r) + 2) for rule, r in cues.items()}
    final = ReplyModel(tuple(w), t, precision)
    MODEL_FILE.write_text(json.dumps(final.to_json(), indent=1) + "\n", encoding="utf-8")
    print(f"{len(all_pages)} pages; temperature {t:.2f}; cues { ({k: len(v) for k, v in cues.items()}) }")
    for name, weight in zip(FEATURES, w, strict=True):
        print(f"  {name:24} {weight:+.3f}")


if __name__ == "__main__":
    main()
