"""Benchmark: µs per post for posts.counting.measure, beside reference counters timed in this run.

Baselines for X's weighted length, on the same corpus and in the same run:
- the official JavaScript ``twitter-text@3.1.0`` (``parseTweet``) under node, installed with npm
  into a scratch directory outside the repository (default /tmp/herald-bench-js);
- the PyPI port ``twitter-text-parser`` 3.0.0 in a throwaway venv (default /tmp/herald-bench-py;
  it imports ``pkg_resources``, so the venv pins setuptools<81).
Either is skipped with a message when it cannot be installed or run. Each row is the best of
several passes, over rounds that alternate the JavaScript reference and Herald so that both
see the same machine load; "cold" clears Herald's per-run and per-window caches before every
pass, "warm" keeps them (as when the condenser re-measures candidates sharing a link).

    .venv/bin/python bench/bench_measure.py [--posts 400] [--passes 5] [--rounds 3]
"""

from __future__ import annotations

import argparse
import json
import random
import shutil
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

from posts.counting import measure
from posts.counting.x_length import clear_caches

JS_DIR = Path("/tmp/herald-bench-js")
PY_VENV = Path("/tmp/herald-bench-py")

_PROSE = (
    "the city council approved a new budget for public transport after months of debate "
    "researchers found that coastal wetlands store more carbon than expected while farmers "
    "warned about drought and rising costs the report says schools need more teachers and "
    "better buildings officials expect the bridge to reopen next spring according to data "
    "published on monday prices rose faster than wages in most regions"
)
WORDS = _PROSE.split()
_ACCENTED = "café naïve Zürich São Paulo Kraków déjà vu façade Øresund señora Ærø"
ACCENTED = _ACCENTED.split()
CJK = (
    "東京大学の研究チームは新しい電池技術を発表した",
    "市议会周一批准了新的公共交通预算",
    "서울시는 내년 봄에 다리를 다시 개통할 예정이다",
    "気候変動の影響で沿岸の湿地が予想以上に炭素を蓄えている",
)
EMOJI = ("🎉", "📰", "👍🏽", "🇪🇺", "❤️", "👨‍👩‍👧‍👦", "🔥", "✅", "🧵", "1️⃣", "🌍", "👩🏾‍🔬")
DOMAINS = (
    "example.com",
    "news.example.org",
    "data.example.net",
    "example.co.uk",
    "blog.example.io",
)
TAGS = ("#climate", "#budget", "#science", "#transport", "#Energie", "#気候")


def _sentence(rng: random.Random, words: int) -> str:
    text = " ".join(rng.choice(WORDS) for _ in range(words))
    return text[0].upper() + text[1:] + rng.choice((".", ".", "!", "?"))


def _url(rng: random.Random) -> str:
    path = "/".join(rng.choice(WORDS) for _ in range(rng.randint(1, 3)))
    query = f"?id={rng.randint(1, 99999)}" if rng.random() < 0.4 else ""
    return f"https://{rng.choice(DOMAINS)}/{rng.randint(2020, 2026)}/{path}{query}"


def corpus(size: int, seed: int = 2026) -> list[str]:
    """Realistic posts: prose, links, bare domains, hashtags, mentions, emoji, accents and CJK."""
    rng = random.Random(seed)
    posts = []
    for i in range(size):
        kind = i % 6
        parts = [_sentence(rng, rng.randint(8, 24))]
        if kind == 0:
            parts.append(_sentence(rng, rng.randint(6, 16)))
        elif kind == 1:
            parts += [_url(rng), rng.choice(TAGS)]
        elif kind == 2:
            parts += [f"More at {rng.choice(DOMAINS)}", f"via @{rng.choice(WORDS)}_desk"]
        elif kind == 3:
            parts = [rng.choice(EMOJI), parts[0], rng.choice(EMOJI) + rng.choice(EMOJI)]
        elif kind == 4:
            parts = [rng.choice(CJK) + "。", rng.choice(CJK) + "。", _url(rng), rng.choice(TAGS)]
        else:
            parts.insert(1, " ".join(rng.sample(ACCENTED, 3)))
            parts.append(rng.choice(EMOJI))
        posts.append(" ".join(parts))
    return posts


def best_us_per_post(
    fn: Callable[[str], object], posts: list[str], passes: int, cold: bool
) -> float:
    best = float("inf")
    for _ in range(passes):
        if cold:
            clear_caches()
        start = time.perf_counter()
        for post in posts:
            fn(post)
        best = min(best, time.perf_counter() - start)
    return best / len(posts) * 1e6


JS_SCRIPT = """
const parseTweet = require('twitter-text').parseTweet;
const posts = JSON.parse(require('fs').readFileSync(process.argv[2], 'utf8'));
const passes = Number(process.argv[3]);
const lengths = posts.map((p) => parseTweet(p).weightedLength);
for (let i = 0; i < 3; i++) for (const p of posts) parseTweet(p);  // JIT warm-up
let best = Infinity;
for (let r = 0; r < passes; r++) {
  const t0 = process.hrtime.bigint();
  for (const p of posts) parseTweet(p);
  best = Math.min(best, Number(process.hrtime.bigint() - t0) / 1e3);
}
console.log(JSON.stringify({ us: best / posts.length, lengths }));
"""

PY_SCRIPT = """
import json, sys, time
from twitter_text import parse_tweet
posts = json.load(open(sys.argv[1], encoding="utf-8"))
passes = int(sys.argv[2])
lengths = [parse_tweet(p).weightedLength for p in posts]
best = float("inf")
for _ in range(passes):
    t0 = time.perf_counter()
    for p in posts:
        parse_tweet(p)
    best = min(best, time.perf_counter() - t0)
print(json.dumps({"us": best / len(posts) * 1e6, "lengths": lengths}))
"""


def _run(cmd: list[str], cwd: Path | None = None) -> str:
    done = subprocess.run(cmd, cwd=cwd, capture_output=True, text=True, timeout=900, check=False)
    if done.returncode != 0:
        raise RuntimeError((done.stderr or done.stdout).strip().splitlines()[-1:])
    return done.stdout


def js_baseline(corpus_file: Path, passes: int) -> dict[str, object] | str:
    """Time twitter-text@3.1.0 under node, or say why not."""
    if not shutil.which("node") or not shutil.which("npm"):
        return "skipped: node/npm not found"
    try:
        if not (JS_DIR / "node_modules" / "twitter-text").is_dir():
            JS_DIR.mkdir(parents=True, exist_ok=True)
            _run(["npm", "install", "--no-save", "--prefix", str(JS_DIR), "twitter-text@3.1.0"])
        script = JS_DIR / "bench_parse_tweet.js"
        script.write_text(JS_SCRIPT, encoding="utf-8")
        result: dict[str, object] = json.loads(
            _run(["node", str(script), str(corpus_file), str(passes)], cwd=JS_DIR)
        )
        return result
    except (OSError, RuntimeError, subprocess.TimeoutExpired, ValueError) as exc:
        return f"skipped: twitter-text@3.1.0 unavailable ({exc})"


def pypi_baseline(corpus_file: Path, passes: int) -> dict[str, object] | str:
    """Time the PyPI twitter-text-parser in a throwaway venv, or say why not."""
    python = PY_VENV / "bin" / "python"
    try:
        if not python.exists():
            _run([sys.executable, "-m", "venv", str(PY_VENV)])
            _run(
                [
                    str(python),
                    "-m",
                    "pip",
                    "install",
                    "-q",
                    "setuptools<81",
                    "twitter-text-parser==3.0.0",
                ]
            )
        script = PY_VENV / "bench_parse_tweet.py"
        script.write_text(PY_SCRIPT, encoding="utf-8")
        result: dict[str, object] = json.loads(
            _run(
                [
                    str(python),
                    "-W",
                    "ignore",
                    str(script),
                    str(corpus_file),
                    str(max(1, passes // 3)),
                ]
            )
        )
        return result
    except (OSError, RuntimeError, subprocess.TimeoutExpired, ValueError) as exc:
        return f"skipped: twitter-text-parser unavailable ({exc})"


def _ours(platform: str, posts: list[str], passes: int, cold: bool) -> float:
    return best_us_per_post(lambda p: measure(platform, p), posts, passes, cold)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--posts", type=int, default=400, help="corpus size")
    parser.add_argument("--passes", type=int, default=5, help="timed passes per round")
    parser.add_argument("--rounds", type=int, default=3, help="rounds alternating JS and Herald")
    args = parser.parse_args()
    posts = corpus(args.posts)
    ours = [measure("x", p) for p in posts]
    best: dict[str, float] = {}
    notes: dict[str, str] = {}

    def keep(name: str, us: float) -> None:
        best[name] = min(us, best.get(name, us))

    with tempfile.TemporaryDirectory() as tmp:
        corpus_file = Path(tmp) / "corpus.json"
        corpus_file.write_text(json.dumps(posts), encoding="utf-8")
        baselines = []
        # Alternate the JavaScript reference and Herald so both see the same machine load.
        for _ in range(args.rounds):
            baselines.append(
                ("twitter-text@3.1.0 (JS, node)", js_baseline(corpus_file, args.passes))
            )
            keep('herald measure("x"), cold caches', _ours("x", posts, args.passes, True))
            keep('herald measure("x"), warm', _ours("x", posts, args.passes, False))
        baselines.append(
            ("twitter-text-parser 3.0.0 (PyPI)", pypi_baseline(corpus_file, args.passes))
        )
    for name, result in baselines:
        if isinstance(result, str):
            notes[name] = f"{name}: {result}"
            continue
        keep(name, float(result["us"]))  # type: ignore[arg-type]
        agree = sum(a == b for a, b in zip(ours, result["lengths"], strict=True))  # type: ignore[call-overload]
        notes[name] = f"{name}: weighted length agrees with herald on {agree}/{len(posts)} posts"
    keep('herald measure("bluesky")', _ours("bluesky", posts, args.passes, True))
    keep('herald measure("mastodon")', _ours("mastodon", posts, args.passes, True))

    reference = best.get("twitter-text@3.1.0 (JS, node)")
    mean_chars = sum(map(len, posts)) / len(posts)
    print(f"corpus: {len(posts)} posts, {mean_chars:.0f} chars each on average;", end=" ")
    print(f"best of {args.rounds} rounds x {args.passes} passes")
    print("(prose, links, bare domains, hashtags, mentions, emoji, accents, CJK)\n")
    print(f"| {'counter':38} | {'µs/post':>8} | {'× JS reference':>14} |")
    print(f"|{'-' * 40}|{'-' * 10}|{'-' * 16}|")
    for name, us in best.items():
        ratio = f"{us / reference:.2f}" if reference else "n/a"
        print(f"| {name:38} | {us:8.2f} | {ratio:>14} |")
    print()
    for note in notes.values():
        print(note)


if __name__ == "__main__":
    main()
