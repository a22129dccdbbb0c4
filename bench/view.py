"""Explorer benchmark: page size, render time, browser draw times and overlaps at 1k to 20k nodes.

Run: ``python bench/view.py [SIZES...]``. Graphs come from ``tests/views/synthetic.py``
(preferential-attachment replies, ~4 edges per node); the browser runs use the tests'
``tests/views/headless.py``. "render" is ``graphkit.views.render`` end to end (projection,
trimming, layout, HTML) in CPU seconds of this process, so other work on the machine does not
count; "first draw" and "settled" are the page's own ``performance.now()`` marks in headless
Chromium, in ms since navigation started. "overlaps" counts pairs of drawn nodes that overlap
and the share of drawn labels over another label or node, measured on the canvas (up to 2,000
nodes). Goals (issue 5): first draw < 2 s at 5k and < 5 s at 20k; render < 10 s at 20k;
(issue 15) no overlapping nodes and < 5% overlapping labels.
"""

from __future__ import annotations

import sys
import tempfile
import time
from pathlib import Path

from graphkit.views import render

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "tests" / "views"))
from headless import chromium, drawing, load  # noqa: E402
from synthetic import reply_graph  # noqa: E402

SIZES = (1000, 2000, 5000, 20000)
OVERLAPS_UP_TO = 2000  # the overlap count compares every pair of boxes


def main(sizes: tuple[int, ...]) -> None:
    if chromium() is None:
        print("chromium is not installed: browser columns are left empty", file=sys.stderr)
    print(
        f"{'nodes':>6} {'edges':>6} {'html MB':>8} {'render s':>9} {'first draw s':>13} {'settled s':>10}"
        f" {'node overlaps':>14} {'label overlaps':>15}"
    )
    with tempfile.TemporaryDirectory(prefix="graphkit-bench-") as tmp:
        for size in sizes:
            graph = reply_graph(size)
            page = Path(tmp) / f"replies-{size}.html"
            start = time.process_time()
            summary = render(graph, "replies", page, max_nodes=size)
            took = time.process_time() - start
            edges = summary.split(" nodes, ")[1].split(" edges")[0]
            marks = load(page, budget_ms=120_000, timeout=600).marks if chromium() else {}
            draw, settled = (f"{int(marks[k]) / 1000:.2f}" if k in marks else "-" for k in ("first-draw", "settled"))
            nodes, labels = "-", "-"
            if chromium() and size <= OVERLAPS_UP_TO:
                drawn = drawing(page, budget_ms=120_000, timeout=600)
                nodes = str(len(drawn.overlapping_nodes()))
                labels = f"{len(drawn.overlapping_labels()) / max(len(drawn.texts), 1):.1%}"
            mb = page.stat().st_size / 1e6
            print(
                f"{size:>6} {edges:>6} {mb:>8.1f} {took:>9.2f} {draw:>13} {settled:>10} {nodes:>14} {labels:>15}",
                flush=True,
            )


if __name__ == "__main__":
    main(tuple(int(a) for a in sys.argv[1:]) or SIZES)
