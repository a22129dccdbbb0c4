"""Explorer benchmark: page size, render time and browser draw times at 1k, 5k and 20k nodes.

Run: ``python bench/view.py [SIZES...]``. Graphs come from ``tests/views/synthetic.py``
(preferential-attachment replies, ~4 edges per node); the browser runs use the tests'
``tests/views/headless.py``. "render" is ``graphkit.views.render``
end to end (projection, trimming, layout, HTML); "first draw" and "settled" are the page's
own ``performance.now()`` marks in headless Chromium, in ms since navigation started.
Goals (issue 5): first draw < 2 s at 5k and < 5 s at 20k; render < 10 s at 20k.
"""

from __future__ import annotations

import sys
import tempfile
import time
from pathlib import Path

from graphkit.views import render

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "tests" / "views"))
from headless import chromium, load  # noqa: E402
from synthetic import reply_graph  # noqa: E402

SIZES = (1000, 5000, 20000)


def main(sizes: tuple[int, ...]) -> None:
    if chromium() is None:
        print("chromium is not installed: browser columns are left empty", file=sys.stderr)
    print(f"{'nodes':>6} {'edges':>6} {'html MB':>8} {'render s':>9} {'first draw s':>13} {'settled s':>10}")
    with tempfile.TemporaryDirectory(prefix="graphkit-bench-") as tmp:
        for size in sizes:
            graph = reply_graph(size)
            page = Path(tmp) / f"replies-{size}.html"
            start = time.perf_counter()
            summary = render(graph, "replies", page, max_nodes=size)
            took = time.perf_counter() - start
            edges = summary.split(" nodes, ")[1].split(" edges")[0]
            marks = load(page, budget_ms=120_000, timeout=600).marks if chromium() else {}
            draw, settled = (f"{int(marks[k]) / 1000:.2f}" if k in marks else "-" for k in ("first-draw", "settled"))
            mb = page.stat().st_size / 1e6
            print(f"{size:>6} {edges:>6} {mb:>8.1f} {took:>9.2f} {draw:>13} {settled:>10}", flush=True)


if __name__ == "__main__":
    main(tuple(int(a) for a in sys.argv[1:]) or SIZES)
