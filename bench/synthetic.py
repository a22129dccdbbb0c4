"""Synthetic Reddit dump NDJSON of realistic shape, for the scale benchmark and the resume tests.

Lines come in time order, as in a real dump, so threads interleave. Authors are Zipf
distributed (a few write much, most write once or twice); a comment answers the submission
or an earlier comment of its thread, usually a recent one, so reply chains grow deep; texts
mention people, places and organisations from small pools, address other users, cite links,
and some authors and bodies are ``[deleted]``. The same ``seed`` gives the same file. With ``quoting``, about that
share of the comments open by quoting ("> …") the words of an earlier comment of their thread, any of them; with
``newest_first`` the lines come newest first, as a listing sorted by new gives them, so each quote is read before the
comment it quotes (the thread's context holds it until that comment comes).
"""

from __future__ import annotations

import argparse
import itertools
import json
import random
from pathlib import Path

__all__ = ["write_reddit_dump", "split_by_thread", "split_by_threads", "group_by_thread"]

PEOPLE = [
    "Angela Merkel",
    "Joe Biden",
    "Emmanuel Macron",
    "Xi Jinping",
    "Sergei Lavrov",
    "Olaf Scholz",
    "Rishi Sunak",
    "Narendra Modi",
    "Jacinda Ardern",
    "Justin Trudeau",
    "Volodymyr Zelensky",
    "Recep Erdogan",
]
PLACES = ["Berlin", "Paris", "Kyiv", "Ankara", "Beijing", "Texas", "Brazil", "Nairobi", "Oslo", "Lima", "Manila"]
ORGS = ["NATO", "the EU", "the World Bank", "Reuters", "the UN", "Greenpeace", "the IMF", "Amnesty International"]
TEMPLATES = [
    "{person} said {org} will not act in {place} this year.",
    "@{user} you are wrong about {person}, the talks in {place} were a farce.",
    "Source: {link} ({org} report on {place})",
    "I think {org} is lying about {place}, as always.",
    "Honestly this thread is going nowhere. Nobody reads the article anyway.",
    "“We will respond,” {person} said after the summit in {place}.",
    "{user}, thanks for the link. Did {person} really meet {org} people?",
    "Same as last year. Prices up, wages flat, and everyone blames {place}.",
    "Here is the full statement {link} and it says nothing new.",
    "lol no",
]
_THREADS_PER_COMMENT = 1 / 40  # mean thread size 40, spread by popularity
_ACTIVE = 200  # threads still receiving comments at any time


def _base36(n: int) -> str:
    digits = "0123456789abcdefghijklmnopqrstuvwxyz"
    out = ""
    while True:
        n, r = divmod(n, 36)
        out = digits[r] + out
        if not n:
            return out


class _Zipf:
    """Draws ranks 0..n-1 with weight 1/(rank+1)**s."""

    def __init__(self, n: int, s: float, rng: random.Random) -> None:
        self._cum = list(itertools.accumulate(1 / (k + 1) ** s for k in range(n)))
        self._rng = rng

    def draw(self) -> int:
        return self._rng.choices(range(len(self._cum)), cum_weights=self._cum)[0]


def write_reddit_dump(
    path: str | Path,
    comments: int,
    seed: int = 1,
    subreddit: str = "worldnews",
    quoting: float = 0.0,
    newest_first: bool = False,
) -> int:
    """Write ``comments`` comments (plus their submissions) to ``path``; returns the lines written."""
    rng = random.Random(seed)
    authors = _Zipf(max(10, comments // 8), 1.1, rng)
    popularity = _Zipf(_ACTIVE, 0.8, rng)
    active: list[tuple[str, list[str]]] = []  # (submission id, its comment ids), newest first
    ids = itertools.count(1)
    t = 1_600_000_000
    lines = 0
    said: dict[str, str] = {}  # each comment's own words, where comments quote
    held: list[str] = []  # the lines, where they are written newest first

    def user() -> str:
        return f"user_{authors.draw()}"

    def text() -> str:
        return rng.choice(TEMPLATES).format(
            person=rng.choice(PEOPLE),
            place=rng.choice(PLACES),
            org=rng.choice(ORGS),
            user=user(),
            link=f"https://news{rng.randrange(50)}.example.com/story/{rng.randrange(10**6)}",
        )

    with open(path, "w", encoding="utf-8") as out:
        for _ in range(comments):
            t += rng.randrange(1, 30)
            if not active or rng.random() < _THREADS_PER_COMMENT:
                sid = _base36(next(ids))
                submission = {
                    "id": sid,
                    "name": f"t3_{sid}",
                    "author": user(),
                    "title": f"{rng.choice(PEOPLE)} visits {rng.choice(PLACES)}",
                    "selftext": text() if rng.random() < 0.5 else "",
                    "url": f"https://www.reddit.com/r/{subreddit}/comments/{sid}/",
                    "is_self": True,
                    "created_utc": t,
                    "subreddit": subreddit,
                }
                (held.append if newest_first else out.write)(json.dumps(submission) + "\n")
                lines += 1
                active.insert(0, (sid, []))
                del active[_ACTIVE:]
            sid, thread = active[min(popularity.draw(), len(active) - 1)]
            cid = _base36(next(ids))
            # answer a recent comment (deep chains), sometimes an older one or the submission
            if thread and rng.random() < 0.8:
                parent = f"t1_{thread[-1 - min(int(rng.expovariate(0.5)), len(thread) - 1)]}"
            else:
                parent = f"t3_{sid}"
            gone = rng.random() < 0.02
            author = "[deleted]" if gone or rng.random() < 0.03 else user()
            body = "[deleted]" if gone else text()
            if quoting:
                said[cid] = body
            if quoting and not gone and thread and rng.random() < quoting:
                quoted = said[rng.choice(thread)]
                body = body if quoted == "[deleted]" else f"> {quoted}\n\n{body}"
            comment = {
                "id": cid,
                "name": f"t1_{cid}",
                "parent_id": parent,
                "link_id": f"t3_{sid}",
                "author": author,
                "body": body,
                "created_utc": t,
                "subreddit": subreddit,
                "score": rng.randrange(-5, 200),
            }
            (held.append if newest_first else out.write)(json.dumps(comment, ensure_ascii=False) + "\n")
            lines += 1
            thread.append(cid)
        out.writelines(reversed(held))
    return lines


def split_by_thread(dump: str | Path, directory: str | Path, parts: int) -> list[str]:
    """The dump's lines in ``parts`` files (``part0.ndjson``, …), each thread whole in one of them,
    threads dealt in turn, lines in dump order: the input of a cluster run, a part per file."""
    thread_file: dict[str, int] = {}
    out: list[list[str]] = [[] for _ in range(parts)]
    for line in Path(dump).read_text(encoding="utf-8").splitlines():
        record = json.loads(line)
        thread = record["link_id"].removeprefix("t3_") if "link_id" in record else record["id"]
        out[thread_file.setdefault(thread, len(thread_file) % parts)].append(line)
    paths = []
    for k, lines in enumerate(out):
        path = Path(directory) / f"part{k}.ndjson"
        path.write_text("".join(line + "\n" for line in lines), encoding="utf-8")
        paths.append(str(path))
    return paths


def group_by_thread(dump: str | Path, out: str | Path) -> None:
    """The dump's lines grouped by thread (threads in order of first appearance, lines in dump order),
    as a dump of one thread after another: a cluster cuts such a file between threads."""
    threads: dict[str, list[str]] = {}
    for line in Path(dump).read_text(encoding="utf-8").splitlines():
        record = json.loads(line)
        threads.setdefault(record.get("link_id") or f"t3_{record['id']}", []).append(line)
    Path(out).write_text("".join(line + "\n" for lines in threads.values() for line in lines), encoding="utf-8")


def split_by_threads(dump: str | Path, first: str | Path, second: str | Path, share: float = 0.5) -> None:
    """Cut a dump in two files between threads: ``second`` gets the last ``share`` of the threads
    (by first appearance) with all their comments, so no comment's parent is in the other file."""
    lines = Path(dump).read_text(encoding="utf-8").splitlines(keepends=True)
    thread = [(r.get("link_id") or f"t3_{r['id']}")[3:] for r in map(json.loads, lines)]
    threads = list(dict.fromkeys(thread))
    later = set(threads[len(threads) - max(1, round(len(threads) * share)) :])
    for path, keep in ((first, False), (second, True)):
        Path(path).write_text("".join(line for line, t in zip(lines, thread, strict=True) if (t in later) == keep))


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("path")
    parser.add_argument("--comments", type=int, default=10_000)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--quoting", type=float, default=0.0, help="share of comments quoting an earlier one")
    parser.add_argument("--newest-first", action="store_true", help="lines newest first, each quote before its post")
    args = parser.parse_args()
    print(
        write_reddit_dump(args.path, args.comments, args.seed, quoting=args.quoting, newest_first=args.newest_first),
        "lines",
    )
