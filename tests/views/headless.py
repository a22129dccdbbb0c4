"""Headless Chromium runs of an explorer page, for the browser tests, the benchmark and
README screenshots.

The page writes its own marks (node count, first draw, settled; ``performance.now()`` in
ms since navigation) as ``data-*`` attributes of ``#gk-timing``, so ``--dump-dom`` after a
virtual-time budget is enough to read them: no DevTools protocol client needed. The same
way, ``drawing`` reads what vis-network drew (positions, shape and label boxes) into the DOM
when the page fires its "gk-settled" event, and counts what overlaps.
"""

from __future__ import annotations

import html
import json
import re
import shutil
import subprocess
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

import numpy as np

__all__ = ["chromium", "Run", "load", "screenshot", "Drawing", "drawing"]

_FLAGS = (
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--enable-logging=stderr",
    "--v=0",
)
_TIMING = re.compile(r'<output id="gk-timing"([^>]*)>')
_ATTR = re.compile(r'data-([a-z-]+)="([^"]*)"')


def chromium() -> str | None:
    """The Chromium binary on PATH (Debian's ``chromium``), or None."""
    return shutil.which("chromium") or shutil.which("chromium-browser")


@dataclass
class Run:
    """What one page load left behind: the serialised DOM, the console log and the marks."""

    dom: str
    log: str
    seconds: float

    @property
    def marks(self) -> dict[str, str]:
        found = _TIMING.search(self.dom)
        return dict(_ATTR.findall(found.group(1))) if found else {}

    @property
    def errors(self) -> list[str]:
        """Console lines reporting an uncaught exception or a failed resource load."""
        return [line for line in self.log.splitlines() if "Uncaught" in line or "Failed to load resource" in line]


def _run(args: list[str], timeout: float) -> tuple[subprocess.CompletedProcess, float]:
    binary = chromium()
    if binary is None:
        raise FileNotFoundError("chromium is not installed")
    with tempfile.TemporaryDirectory(prefix="graphkit-chromium-") as profile:
        start = time.perf_counter()
        done = subprocess.run(
            [binary, *_FLAGS, f"--user-data-dir={profile}", *args],
            capture_output=True,
            text=True,
            timeout=timeout,
            check=False,
        )
        return done, time.perf_counter() - start


def load(page: str | Path, budget_ms: int = 10000, fragment: str = "", timeout: float = 120) -> Run:
    """Open a page, let it run for ``budget_ms`` of virtual time, and return its DOM and log."""
    url = Path(page).resolve().as_uri() + fragment
    done, seconds = _run([f"--virtual-time-budget={budget_ms}", "--dump-dom", url], timeout)
    return Run(done.stdout, done.stderr, seconds)


def screenshot(page: str | Path, out: str | Path, budget_ms: int = 10000, size: str = "1280,800") -> Path:
    """Save a PNG of the page after ``budget_ms`` of virtual time."""
    out = Path(out).resolve()
    url = Path(page).resolve().as_uri()
    _run([f"--virtual-time-budget={budget_ms}", f"--window-size={size}", f"--screenshot={out}", url], 120)
    return out


# Read what vis-network drew, once the page says it has settled: each node's position
# (network.getPositions()) and shape box, and the box of every label the canvas drew, taken
# from the canvas itself (each fillText call's position and measureText's glyph extents, in
# network units). Labels too small at the fitted zoom are skipped by vis-network, so the probe
# draws once more with that threshold off: the boxes are where labels are read when zoomed in.
# The listener goes in before the page's scripts, which may settle while they run; the result
# is written into the DOM, where --dump-dom finds it.
_PROBE = """<script>
(() => {
  let texts = null;
  const fill = CanvasRenderingContext2D.prototype.fillText;
  CanvasRenderingContext2D.prototype.fillText = function (text, x, y, ...rest) {
    if (texts) {
      const m = this.measureText(text);
      texts.push({text: String(text), x: x, left: x - m.actualBoundingBoxLeft, right: x + m.actualBoundingBoxRight,
                  top: y - m.actualBoundingBoxAscent, bottom: y + m.actualBoundingBoxDescent});
    }
    return fill.call(this, text, x, y, ...rest);
  };
  document.addEventListener("gk-settled", (event) => {
    const network = event.detail;
    // Per node, as the whole scaling option (a partial one would drop the page's own values).
    network.body.data.nodes.update(network.body.nodeIndices.map((id) => {
      const s = network.body.nodes[id].options.scaling, l = s.label;
      const label = {enabled: l.enabled, min: l.min, max: l.max, maxVisible: l.maxVisible, drawThreshold: 0};
      return {id: id, scaling: {min: s.min, max: s.max, label: label}};
    }));
    network.once("afterDrawing", () => {
      const at = network.getPositions();
      const nodes = network.body.nodeIndices.map((id) => {
        const node = network.body.nodes[id];
        return {id: id, group: node.options.group, label: node.options.label || null, x: at[id].x, y: at[id].y,
                w: node.shape.width, h: node.shape.height};
      });
      const box = document.createElement("output");
      box.id = "gk-geometry";
      box.textContent = JSON.stringify({nodes: nodes, texts: texts});
      document.body.append(box);
      texts = null;
    });
    texts = [];
    network.redraw();
  });
})();
</script>"""
_GEOMETRY = re.compile(r'<output id="gk-geometry">([^<]*)</output>')


@dataclass
class Drawing:
    """What vis-network drew: nodes (position, shape size, label text), the label boxes the canvas
    measured, and the page's DOM (legend included)."""

    nodes: list[dict]
    texts: list[dict]
    dom: str

    def node_boxes(self) -> np.ndarray:
        """left, top, right, bottom of every node's shape, in the order of ``nodes``."""
        xy = np.array([[n["x"], n["y"]] for n in self.nodes], dtype=float).reshape(-1, 2)
        half = np.array([[n["w"] / 2, n["h"] / 2] for n in self.nodes], dtype=float).reshape(-1, 2)
        return np.hstack([xy - half, xy + half])

    def label_boxes(self) -> tuple[np.ndarray, np.ndarray]:
        """Each drawn label's box and the index of the node it belongs to (same text, nearest centre)."""
        by_text: dict[str, list[int]] = {}
        for i, node in enumerate(self.nodes):
            by_text.setdefault(node["label"], []).append(i)
        owners, boxes = [], []
        for t in self.texts:
            centre = (t["left"] + t["right"]) / 2
            candidates = by_text.get(t["text"], [])
            if not candidates:
                continue  # not a node label
            owner = min(candidates, key=lambda i: abs(self.nodes[i]["x"] - centre))
            owners.append(owner)
            boxes.append([t["left"], t["top"], t["right"], t["bottom"]])
        return np.array(boxes, dtype=float).reshape(-1, 4), np.array(owners, dtype=int)

    def overlapping_nodes(self) -> list[tuple[str, str]]:
        """Pairs of nodes whose shapes overlap."""
        boxes = self.node_boxes()
        hit = np.triu(_overlap(boxes, boxes), 1)
        return [(self.nodes[i]["label"], self.nodes[j]["label"]) for i, j in zip(*np.nonzero(hit), strict=True)]

    def overlapping_labels(self) -> list[str]:
        """Labels that overlap another label or another node's shape."""
        labels, owners = self.label_boxes()
        on_labels = _overlap(labels, labels)
        np.fill_diagonal(on_labels, False)
        on_nodes = _overlap(labels, self.node_boxes())
        on_nodes[np.arange(len(owners)), owners] = False
        hit = on_labels.any(axis=1) | on_nodes.any(axis=1)
        return [self.nodes[owners[i]]["label"] for i in np.nonzero(hit)[0]]


def _overlap(a: np.ndarray, b: np.ndarray, slack: float = 0.5) -> np.ndarray:
    """Which boxes of ``a`` overlap which of ``b`` by more than ``slack`` units both ways."""
    x = np.minimum(a[:, None, 2], b[None, :, 2]) - np.maximum(a[:, None, 0], b[None, :, 0])
    y = np.minimum(a[:, None, 3], b[None, :, 3]) - np.maximum(a[:, None, 1], b[None, :, 1])
    return (x > slack) & (y > slack)


def drawing(page: str | Path, budget_ms: int = 10000, timeout: float = 120) -> Drawing:
    """Open an explorer page with the probe (``_PROBE``) and return what it drew."""
    page = Path(page)
    text = page.read_text(encoding="utf-8")
    head, tail = text.split("</script>", 1)  # after the data block, before vis-network and the page's script
    probed = page.with_name(page.stem + "-probed.html")
    probed.write_text(head + "</script>" + _PROBE + tail, encoding="utf-8")
    run = load(probed, budget_ms=budget_ms, timeout=timeout)
    found = _GEOMETRY.search(run.dom)
    if found is None:
        raise AssertionError(f"the page never settled: {run.marks} {run.errors}")
    data = json.loads(html.unescape(found.group(1)))
    return Drawing(data["nodes"], data["texts"], run.dom)
