"""Where deep threads lose: cross-validated choices on threaded pages by the depth of the comment and of its page.

``train.py`` prints this report beside its cross-validated figures: accuracy by a comment's level in its thread (0
answers the article), by the page's deepest level, how the gate reads the deepest pages, and where the misplaced
comments of deep pages go (the article, the comment before, a sibling, the grandparent or further up the true branch,
elsewhere).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Iterable, Iterator, Sequence
from typing import Any

from flatten import Page

DEEP = 5  # a page whose deepest comment stands this many levels under a top-level one is a deep page
_LAST_LEVEL = 6  # comments this many levels down or more are counted together
_PAGE_LEVELS = ((0, 1), (2, 2), (3, 4), (5, 6), (7, None))  # None: no upper bound


def _ancestors(page: Page, cid: str) -> Iterator[str]:
    """The comments above ``cid`` by the parents the page's export states, nearest first, up to the article's child
    (a cycle in a broken export ends the walk)."""
    article, at, seen = page.posts[0].id, page.gold.get(cid), {cid}
    while at is not None and at != article and at in page.gold and at not in seen:
        yield at
        seen.add(at)
        at = page.gold[at]


def levels(page: Page) -> dict[str, int]:
    """Each comment's level in its thread (0: it answers the article)."""
    return {cid: sum(1 for _ in _ancestors(page, cid)) for cid in page.gold}


def placed(page: Page, j: Any) -> str:
    """Where a choice went, against the true parent: right, the article, the comment before, a sibling (a comment with
    the same parent), the grandparent, an ancestor further up, or elsewhere."""
    if j.right:
        return "right"
    if j.on_article:
        return "article"
    if j.on_previous:
        return "before"
    if page.gold.get(j.target) == j.gold:
        return "sibling"
    for up, at in enumerate(_ancestors(page, j.gold)):
        if at == j.target:
            return "grandparent" if up == 0 else "further up"
    return "elsewhere"


_PLACES = ("right", "article", "before", "sibling", "grandparent", "further up", "elsewhere")


def _share(rows: Sequence[bool]) -> str:
    return f"{sum(rows) / len(rows):.3f} of {len(rows)}" if rows else "none"


def report(held: Iterable[tuple[Page, str, list[Any], float]], baselines: Callable[[Page], tuple[float, float]]) -> str:
    """The report on the threaded pages of ``held``: (page, kind read, judged choices, the gate's probability of
    threaded) as ``train.read`` gives them."""
    by_level: dict[int, list[bool]] = {}
    by_page: dict[tuple[int, int | None], list[bool]] = {}
    where: Counter[str] = Counter()
    deepest: list[str] = []
    for page, kind, judged, p in held:
        if not page.kind.startswith("threaded") or not judged:
            continue
        level = levels(page)
        top = max(level.values(), default=0)
        bucket = next(b for b in _PAGE_LEVELS if b[0] <= top and (b[1] is None or top <= b[1]))
        for j in judged:
            by_level.setdefault(min(level.get(j.comment, 0), _LAST_LEVEL), []).append(j.right)
            by_page.setdefault(bucket, []).append(j.right)
        if top >= DEEP:
            where.update(placed(page, j) for j in judged)
            acc = sum(j.right for j in judged) / len(judged)
            base = " / ".join(f"{b:.2f}" for b in baselines(page))
            deepest.append(
                f"    {page.name[:48]:48} levels 0-{top:<2} gate {p:.3f} read {kind:8} {len(judged):4} right {acc:.2f}"
                f" (baselines {base})"
            )
    lines = ["threaded pages by the level of the comment (cross-validated, as read by the gate):"]
    lines += [f"  level {k}{'+' if k == _LAST_LEVEL else ''}: right {_share(v)}" for k, v in sorted(by_level.items())]
    lines.append("… by the page's deepest level:")
    for (lo, hi), v in sorted(by_page.items(), key=lambda kv: kv[0][0]):
        span = f"{lo}" if hi == lo else f"{lo} or more" if hi is None else f"{lo} to {hi}"
        lines.append(f"  deepest level {span}: right {_share(v)}")
    total = sum(where.values())
    if total:
        shares = ", ".join(f"{k} {where[k] / total:.3f}" for k in _PLACES)
        lines.append(f"the comments of pages {DEEP} levels deep or more ({total}): {shares}")
    lines.append(f"pages {DEEP} levels deep or more, as the gate reads them (its probability of threaded):")
    return "\n".join(lines + deepest)
