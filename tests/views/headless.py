"""Headless Chromium runs of an explorer page, for the browser tests, the benchmark and
README screenshots.

The page writes its own marks (node count, first draw, settled; ``performance.now()`` in
ms since navigation) as ``data-*`` attributes of ``#gk-timing``, so ``--dump-dom`` after a
virtual-time budget is enough to read them: no DevTools protocol client needed.
"""

from __future__ import annotations

import re
import shutil
import subprocess
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

__all__ = ["chromium", "Run", "load", "screenshot"]

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
