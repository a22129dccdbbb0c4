"""Whether a change to the text reader reads the real pages as before.

The reply model sees a scraped page only as the text reader splits it: a line read as an author line that was text,
or the reverse, moves a comment's bounds or its writer before any model runs. This check reads every real page the
project holds outside the held-out sets and keeps each post's span and writer:

- every page the model is fitted on (``flatten.training_pages``: each thread of ``data`` and of the two list months,
  in every form ``train.py`` renders);
- the same renderings of each real export of ``tests/data/real``, ``pages`` and ``archives`` (threads, comment
  sections, list months), the held-out files of ``flatten`` and everything under ``tests/data/replies`` left out;
- each list month of both under its writers' author lines, one, two and three blank lines apart, as the reader's
  tests lay them out;
- each text file of those folders and of ``tests/data`` itself read as it is, as a page.

Run: ``python bench/replies/reader_check.py --write FILE`` on the reader before a change, then ``--against FILE`` on
the changed reader: it prints how many pages and posts it read and each page whose posts differ (exit status 1 then).
"""

from __future__ import annotations

import argparse
import json
import re
import sys
from collections.abc import Iterator
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import flatten  # noqa: E402
from flatten import pages, training_pages  # noqa: E402

from graphkit.errors import InputError  # noqa: E402
from graphkit.sources import expand_inputs, read_posts  # noqa: E402
from graphkit.sources.text import parse  # noqa: E402

TESTS = flatten.HERE.parents[1] / "tests" / "data"
# every file a held-out constant of ``flatten`` names (``TRAIN`` is the one list that is not held out)
_HELD_OUT = {
    path.resolve()
    for name, value in vars(flatten).items()
    if name.isupper() and name != "TRAIN" and isinstance(value, list)
    for path in value
    if isinstance(path, Path)
}
_MAILS = (".mbox", ".txt")


def _held_out(path: Path) -> bool:
    path = path.resolve()
    return path in _HELD_OUT or (TESTS / "replies").resolve() in path.parents


def _exports() -> list[Path]:
    """The real exports of ``tests/data`` that are no held-out file, in a fixed order."""
    return sorted(
        p
        for folder in ("real", "pages", "archives")
        for p in (TESTS / folder).rglob("*")
        if p.suffix in flatten._EXPORTS and not _held_out(p)
    )


def _list_months() -> list[Path]:
    training = [f for s in flatten.TRAIN for f in (sorted(s.iterdir()) if s.is_dir() else [s])]
    return [f for f in training + _exports() if f.suffix in _MAILS and _is_mbox(f)]


def _is_mbox(path: Path) -> bool:
    return path.read_bytes()[:5] == b"From "


def _month_pages(path: Path) -> Iterator[tuple[str, str]]:
    """A list month's mails, each under its writer's author line, one, two and three blank lines apart."""
    mails = []
    for post in read_posts(expand_inputs([str(path)])):
        text = re.sub(r"\n[ \t]*(?:\n[ \t]*)+", "\n\n", post.text.strip())
        if text and post.author:
            mails.append((post.author, text))
    for blanks in (1, 2, 3):
        gap = "\n" * (blanks + 1)
        yield (
            f"{path.name}:month:{blanks}",
            f"{path.stem}\n\nA month of a list.\n" + "".join(f"{gap}{a}\n\n{t}\n" for a, t in mails),
        )


def read_all() -> dict[str, list[list[object]]]:
    """Each page's name → its posts as the reader reads them: start, end and writer."""
    raw: dict[str, str] = {}
    for page in training_pages():
        raw[f"train:{page.name}"] = page.raw
    exported = [p for p in _exports() if p.suffix != ".txt" or _is_mbox(p)]
    for path in exported:
        try:
            made = [p for signed in (False, True) for p in pages([path], folded=True, quoted=True, signed=signed)]
        except InputError:
            continue  # a file no structured reader takes (a page of text): read as it is below
        for page in made:
            raw[f"tests:{path.relative_to(TESTS)}:{page.name}"] = page.raw
    for path in _list_months():
        for name, text in _month_pages(path):
            raw[f"month:{name}"] = text
    for path in _exports():
        if path.suffix == ".txt":
            raw[f"page:{path.relative_to(TESTS)}"] = path.read_text(encoding="utf-8", errors="replace")
    for path in sorted(TESTS.glob("*.txt")):
        raw[f"page:{path.name}"] = path.read_text(encoding="utf-8")
    return {name: [[p.start, p.end, p.author] for p in parse(text, name)] for name, text in raw.items()}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    which = parser.add_mutually_exclusive_group(required=True)
    which.add_argument("--write", type=Path, help="save what the reader makes of every page to this file")
    which.add_argument("--against", type=Path, help="compare with a file --write saved")
    args = parser.parse_args()
    now = read_all()
    posts = sum(len(v) for v in now.values())
    if args.write:
        args.write.write_text(json.dumps(now), encoding="utf-8")
        print(f"{len(now)} pages, {posts} posts read")
        return
    before = json.loads(args.against.read_text(encoding="utf-8"))
    changed = sorted(name for name in now.keys() | before.keys() if now.get(name) != before.get(name))
    for name in changed:
        old, new = before.get(name, []), now.get(name, [])
        print(f"{name}: {len(old)} posts -> {len(new)}")
        for a, b in zip(old, new, strict=False):
            if a != b:
                print(f"  first difference: {a} -> {b}")
                break
    print(f"{len(now)} pages ({len(before)} before), {posts} posts read; {len(changed)} pages read differently")
    sys.exit(1 if changed else 0)


if __name__ == "__main__":
    main()
