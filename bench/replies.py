"""Reply inference on real threads flattened into scraped pages: accuracy, baselines and calibration.

Run: ``python bench/replies.py [--train]``. For each held-out page (threads from repositories the
model was not trained on, ``tests/data/replies``; ``--train`` adds the training pages, marked)
it prints the share of comments whose inferred parent is right beside the two trivial baselines
("everything answers the article", "every comment answers the one before it"), then per page type
the expected calibration error and a reliability table (confidence bin: comments, mean confidence,
share right).
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent / "replies"))

from flatten import HELD_OUT, TRAIN, Page, pages  # noqa: E402

from graphkit import schema  # noqa: E402
from graphkit.extract import Extractor  # noqa: E402

BINS = 10


def score(page: Page) -> tuple[list[tuple[float, bool]], float, float, float]:
    """(confidence, right) per judged comment, and accuracy, article baseline, previous baseline."""
    fragment = Extractor(entities=False).extract(page.posts)
    edges = {e.source: e for e in fragment.edges if e.type == schema.REPLY_TO}
    ids = [p.id for p in page.posts]
    judged = [(edges[c].props["confidence"], edges[c].target == page.gold[c]) for c in ids[1:] if c in page.gold]
    n = len(judged)
    article = sum(page.gold[c] == ids[0] for c in ids[1:] if c in page.gold) / n
    previous = sum(page.gold.get(ids[i]) == ids[i - 1] for i in range(1, len(ids))) / n
    return judged, sum(r for _, r in judged) / n, article, previous


def ece(judged: list[tuple[float, bool]]) -> tuple[float, list[tuple[str, int, float, float]]]:
    table, total = [], 0.0
    for b in range(BINS):
        lo, hi = b / BINS, (b + 1) / BINS
        inside = [(c, r) for c, r in judged if lo <= c < hi or (b == BINS - 1 and c == 1.0)]
        if inside:
            conf = sum(c for c, _ in inside) / len(inside)
            acc = sum(r for _, r in inside) / len(inside)
            total += len(inside) * abs(conf - acc)
            table.append((f"{lo:.1f}-{hi:.1f}", len(inside), conf, acc))
    return total / max(1, len(judged)), table


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--train", action="store_true", help="also show the pages the model was trained on")
    args = parser.parse_args()
    shown = [(p, "held-out") for p in pages(HELD_OUT)]
    if args.train:
        shown += [(p, "train") for p in pages(TRAIN, min_comments=20)]
    by_kind: dict[str, list[tuple[float, bool]]] = {}
    print(f"{'page':40} {'set':8} {'type':8} {'n':>4} {'graphkit':>8} {'article':>8} {'previous':>8} {'margin':>7}")
    started = time.perf_counter()
    for page, which in shown:
        try:
            judged, acc, article, previous = score(page)
        except ValueError as exc:  # a page extraction cannot read yet (reported, not measured)
            print(f"{page.name[:40]:40} {which:8} skipped: {exc}")
            continue
        by_kind.setdefault(f"{page.kind} ({which})", []).extend(judged)
        margin = acc - max(article, previous)
        print(
            f"{page.name[:40]:40} {which:8} {page.kind:8} {len(judged):4} {acc:8.2f} {article:8.2f} {previous:8.2f}"
            f" {margin:+7.2f}"
        )
    print(f"({time.perf_counter() - started:.1f} s)")
    for kind, judged in by_kind.items():
        error, table = ece(judged)
        print(
            f"\n{kind}: {len(judged)} comments, accuracy {sum(r for _, r in judged) / len(judged):.2f}, ECE {error:.3f}"
        )
        print(f"  {'confidence':10} {'n':>5} {'mean conf':>9} {'right':>6}")
        for label, n, conf, acc in table:
            print(f"  {label:10} {n:5} {conf:9.2f} {acc:6.2f}")


if __name__ == "__main__":
    main()
