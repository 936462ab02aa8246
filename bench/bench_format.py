"""Benchmark: formatting articles for X, Bluesky and Mastodon, beside a baseline from this run.

1. The bundled example article, warm (modules imported, templates compiled): ``condense`` for
   all three platforms, each pass starting from a fresh digest (the per-article sentence
   ranking), so every pass does what one ``herald format`` run does after reading. Baseline:
   reading the same article with ``load_article``. Goal: ≤ 5 ms.
2. Generated Markdown articles from 1 KB to 1 MB, each size written with its own seed so no cache
   is shared between sizes or passes. Baseline: reading the text and splitting every paragraph
   into sentences (the work any condenser needs before it can choose). The condense column is
   all three platforms, its own sentence splitting included; µs per KB staying flat shows
   linear growth. Goal: 1 MB ≤ 1 s for condensing.

Each row is the best of several passes (fewer for the largest sizes).

    .venv/bin/python bench/bench_format.py [--passes 7] [--max-kb 1024]
"""

from __future__ import annotations

import argparse
import random
import statistics
import time
from collections.abc import Callable

from posts import platforms
from posts.article import load_article, parse_article
from posts.article.sentences import split_sentences
from posts.condensing import condense
from posts.condensing.selection import digest
from posts.model import Article
from posts.resources import example_article

_PROSE = (
    "tide anemone clock water pump tank camera rhythm coral reef sample data lab study result "
    "measure hour minute week light temperature animal shore cycle council budget transit bus "
    "route fare rider driver night station hospital college library winter frost garden"
)
VOCABULARY = _PROSE.split()


def best(
    run: Callable[[], object], passes: int, setup: Callable[[], object] = lambda: None
) -> float:
    """The fastest of ``passes`` runs, in seconds; ``setup`` runs untimed before each."""
    times = []
    for _ in range(passes):
        setup()
        start = time.perf_counter()
        run()
        times.append(time.perf_counter() - start)
    return min(times)


def format_all(article: Article, mode: str = "auto") -> None:
    for platform in platforms.names():
        condense(article, platform, mode=mode)


def generated(size: int, seed: int) -> bytes:
    """A Markdown article of ``size`` bytes: front matter, sections, paragraphs of sentences."""
    rng = random.Random(seed)
    lines = [
        "---",
        f'title: "Field notes {seed}: what the tide gauges recorded"',
        f"url: https://example.org/notes/{seed}",
        "tags: [Tides, OpenData, FieldNotes]",
        "---",
        "",
    ]
    length = sum(len(line) + 1 for line in lines)
    while length < size:
        sentences = []
        for _ in range(rng.randint(2, 5)):
            words = " ".join(rng.choice(VOCABULARY) for _ in range(rng.randint(6, 24)))
            sentences.append(words.capitalize() + rng.choice(".....!?"))
        paragraph = " ".join(sentences)
        if rng.random() < 0.1:
            paragraph = f"## Section {length}\n\n{paragraph}"
        lines += [paragraph, ""]
        length += len(paragraph) + 2
    return "\n".join(lines).encode()[:size]


def example_table(passes: int) -> None:
    path = example_article()
    article = load_article(path)
    format_all(article)  # warm: imports, templates, regexes
    read = best(lambda: load_article(path), passes)
    rows = []
    for mode in ("auto", "thread", "single"):
        took = best(lambda m=mode: format_all(article, m), passes, digest.cache_clear)
        rows.append((mode, took))
    print(f"Example article ({path.name}), warm, best of {passes}")
    print(f"{'step':<32}{'ms':>9}{'× read':>9}")
    print(f"{'read (baseline)':<32}{read * 1e3:>9.2f}{1:>9.2f}")
    for mode, took in rows:
        print(f"{'format x+bluesky+mastodon, ' + mode:<32}{took * 1e3:>9.2f}{took / read:>9.2f}")
    print("goal: format (auto) ≤ 5 ms\n")


def size_table(passes: int, max_kb: int) -> None:
    sizes = [kb for kb in (1, 4, 16, 64, 256, 1024) if kb <= max_kb]
    print(f"Generated articles, best of up to {passes} passes (one per size at ≥ 256 KB)")
    header = f"{'KB':>6}{'read ms':>10}{'split ms':>10}{'condense ms':>13}"
    print(header + f"{'µs/KB':>9}{'× baseline':>12}")
    per_kb = []
    for kb in sizes:
        rounds = passes if kb < 256 else 1
        seeds = iter(range(kb * 1000, kb * 1000 + 3 * rounds))
        data = [generated(kb * 1024, next(seeds)) for _ in range(rounds)]
        read = min(_timed(lambda d=d: parse_article(d)) for d in data)
        articles = [parse_article(d) for d in data]
        split = min(_timed(lambda a=a: _split_all(a)) for a in articles)
        fresh = [parse_article(generated(kb * 1024, next(seeds))) for _ in range(rounds)]
        took = min(_timed(lambda a=a: format_all(a)) for a in fresh)
        per_kb.append(took * 1e6 / kb)
        print(
            f"{kb:>6}{read * 1e3:>10.1f}{split * 1e3:>10.1f}{took * 1e3:>13.1f}"
            f"{took * 1e6 / kb:>9.0f}{took / (read + split):>12.2f}"
        )
    steady = [cost for kb, cost in zip(sizes, per_kb, strict=True) if kb >= 16] or per_kb
    spread = max(steady) / min(steady)
    median = statistics.median(steady)
    print(
        f"µs/KB from 16 KB up (below that a fixed ~1 ms dominates): median {median:.0f}, "
        f"max/min ×{spread:.2f} (flat = linear)"
    )
    print("goal: condense 1 MB ≤ 1 s")


def _split_all(article: Article) -> None:
    for paragraph in article.paragraphs:
        split_sentences(paragraph, article.lang)


def _timed(run: Callable[[], object]) -> float:
    start = time.perf_counter()
    run()
    return time.perf_counter() - start


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--passes", type=int, default=7)
    parser.add_argument("--max-kb", type=int, default=1024)
    args = parser.parse_args()
    example_table(args.passes)
    size_table(args.passes, args.max_kb)


if __name__ == "__main__":
    main()
