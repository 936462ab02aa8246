"""Draft-queue benchmark: enqueue speed against raw sqlite3, and CLI latency on a big queue.

Run: .venv/bin/python bench/bench_queue.py [--drafts 100000] [--big 1000000]

1. Enqueue N drafts (2 posts each) with ``Store.add`` vs raw ``sqlite3`` ``executemany`` of the
   same rows (drafts, parts, events, revision) with the same settings (WAL, synchronous=FULL,
   foreign keys), one transaction each. Goal: ratio (raw time / Herald time) ≥ 0.5.
2. With a store of BIG drafts, the whole ``herald queue list`` and ``herald queue show ID``
   processes (start-up included), beside ``python -c pass``. Goal: ≤ 0.2 s each.
3. ``herald queue list`` must not import tweepy, atproto or mastodon.
"""

from __future__ import annotations

import argparse
import os
import resource
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import NamedTuple

from posts.queue import NewDraft, NewPart, Source, open_store
from posts.queue.epoch import to_ms
from posts.queue.ids import new_id

NOW = datetime(2026, 1, 1, tzinfo=UTC)
HERALD = str(Path(sys.executable).with_name("herald"))


def drafts(n: int) -> list[NewDraft]:
    source = Source("bench.md", "ab" * 32, "A benchmark article", "https://example.org/b", "en")
    parts = (NewPart("First post of the thread " * 4, 100), NewPart("Second post #Bench", 18))
    return [
        NewDraft("demo-x", "x", source, parts, NOW + timedelta(minutes=i), limit=280)
        for i in range(n)
    ]


def rows(
    n: int,
) -> tuple[list[tuple[object, ...]], list[tuple[object, ...]], list[tuple[object, ...]]]:
    """The rows Store.add writes for ``drafts(n)``, as plain tuples."""
    now = to_ms(NOW)
    d, p, e = [], [], []
    for i, item in enumerate(drafts(n)):
        draft_id = new_id() + str(i)  # unique without a look-up, as a raw loader would
        at = to_ms(item.scheduled_at) if item.scheduled_at else None
        d.append(
            (
                draft_id,
                item.account,
                item.platform,
                item.source.path,
                item.source.content_hash,
                item.source.title,
                item.source.url,
                item.source.lang,
                item.mode,
                item.limit,
                "scheduled",
                at,
                at,
                now,
                now,
                None,
                None,
            )
        )
        for j, part in enumerate(item.parts):
            p.append(
                (
                    draft_id,
                    j,
                    part.text,
                    part.length,
                    "[]",
                    None,
                    "pending",
                    None,
                    None,
                    None,
                    None,
                    0,
                    None,
                    now,
                )
            )
        e.append((draft_id, now, "added", None, None, "2 part(s) from bench.md"))
    return d, p, e


def raw_insert(path: Path, n: int, chunk: int | None = None) -> Timing:
    d, p, e = rows(n)
    conn = sqlite3.connect(path, isolation_level=None)
    for pragma in ("journal_mode = WAL", "synchronous = FULL", "foreign_keys = ON"):
        conn.execute(f"PRAGMA {pragma}")
    took: list[Timing] = []
    step = chunk or n
    with timed(took):
        _insert(conn, d, p, e, n, step)
    conn.close()
    return took[0]


# The columns named, so that a later migration's columns take their defaults, as they do in the
# store's own inserts.
_DRAFT_COLUMNS = (
    "id, account, platform, source_path, source_hash, source_title, source_url, lang, mode, "
    "post_limit, status, scheduled_at, due_at, created_at, updated_at, lease_owner, lease_until"
)
_PART_COLUMNS = (
    "draft_id, idx, text, length, facets, embed, status, idempotency_key, remote_id, remote_cid, "
    "remote_url, attempts, last_error, updated_at"
)
_DRAFTS = f"INSERT INTO drafts ({_DRAFT_COLUMNS}) VALUES ({','.join('?' * 17)})"
_PARTS = f"INSERT INTO parts ({_PART_COLUMNS}) VALUES ({','.join('?' * 14)})"


def _insert(
    conn: sqlite3.Connection,
    d: list[tuple[object, ...]],
    p: list[tuple[object, ...]],
    e: list[tuple[object, ...]],
    n: int,
    step: int,
) -> None:
    for lo in range(0, n, step):
        conn.execute("BEGIN IMMEDIATE")
        conn.executemany(_DRAFTS, d[lo : lo + step])
        conn.executemany(_PARTS, p[2 * lo : 2 * (lo + step)])
        conn.executemany(
            "INSERT INTO events (draft_id, at, kind, part_index, worker, detail) "
            "VALUES (?,?,?,?,?,?)",
            e[lo : lo + step],
        )
        conn.execute("UPDATE store_revision SET value = value + 1")
        conn.execute("COMMIT")


def enqueue(n: int, workdir: Path) -> tuple[Timing, Timing]:
    herald_db = workdir / "herald.db"
    store = open_store(str(herald_db), now=NOW, busy_timeout=5)
    batch = drafts(n)
    took: list[Timing] = []
    with timed(took):
        store.add(batch, now=NOW)
    store.close()
    raw_db = workdir / "raw.db"
    open_store(str(raw_db), now=NOW, busy_timeout=5).close()  # same schema and indexes
    return took[0], raw_insert(raw_db, n)


def wall(argv: list[str], env: dict[str, str], runs: int = 7) -> Timing:
    """Median of ``runs`` whole-process wall times, and of their CPU times (user + system)."""
    walls, cpus = [], []
    for _ in range(runs):
        before = resource.getrusage(resource.RUSAGE_CHILDREN)
        start = time.perf_counter()
        subprocess.run(argv, env=env, check=True, capture_output=True)
        walls.append(time.perf_counter() - start)
        after = resource.getrusage(resource.RUSAGE_CHILDREN)
        cpus.append(after.ru_utime + after.ru_stime - before.ru_utime - before.ru_stime)
    return Timing(statistics.median(walls), statistics.median(cpus))


class Timing(NamedTuple):
    """Wall time, and CPU time: on a busy machine CPU time shows the cost without the waiting."""

    wall: float
    cpu: float

    def __str__(self) -> str:
        return f"{self.wall:.3f} s (CPU {self.cpu:.3f} s)"


@contextmanager
def timed(out: list[Timing]) -> Iterator[None]:
    start, cpu = time.perf_counter(), time.process_time()
    yield
    out.append(Timing(time.perf_counter() - start, time.process_time() - cpu))


def big_queue(n: int, workdir: Path) -> tuple[Timing, Timing, Timing, Timing, str]:
    path = workdir / "big.db"
    open_store(str(path), now=NOW, busy_timeout=5).close()
    raw_insert(path, n, chunk=100_000)
    conn = sqlite3.connect(path)
    some_id = conn.execute("SELECT id FROM drafts LIMIT 1 OFFSET ?", (n // 2,)).fetchone()[0]
    conn.close()
    env = {
        **os.environ,
        "HERALD_DB": str(path),
        "HERALD_DATA_DIR": str(workdir),
        "HERALD_CONFIG": os.devnull,  # the embedded defaults (a missing file is an error)
    }
    list_s = wall([HERALD, "queue", "list"], env)
    show_s = wall([HERALD, "queue", "show", some_id], env)
    python_s = wall([sys.executable, "-c", "pass"], env)
    sqlite_s = wall([sys.executable, "-c", "import sqlite3"], env)
    code = (
        "import sys; from scheduler.cli.main import main\n"
        "try:\n    main(['queue', 'list', '--limit', '1'])\nexcept SystemExit:\n    pass\n"
        "sdks = [m for m in ('tweepy', 'atproto', 'mastodon') if m in sys.modules]\n"
        "print(','.join(sdks) or 'none')"
    )
    sdks = (
        subprocess.run(
            [sys.executable, "-c", code], env=env, capture_output=True, text=True, check=True
        )
        .stdout.strip()
        .splitlines()[-1]
    )
    return list_s, show_s, python_s, sqlite_s, sdks


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--drafts", type=int, default=100_000)
    parser.add_argument("--big", type=int, default=1_000_000)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        workdir = Path(tmp)
        herald, raw = enqueue(args.drafts, workdir)
        list_s, show_s, python_s, sqlite_s, sdks = big_queue(args.big, workdir)
    print("| measure | Herald | baseline | result | goal |")
    print("|---|---|---|---|---|")
    print(
        f"| enqueue {args.drafts:,} drafts (2 posts each) | {herald} | raw sqlite3 executemany "
        f"{raw} | ratio {raw.wall / herald.wall:.2f} (CPU {raw.cpu / herald.cpu:.2f}) | ≥ 0.5 |"
    )
    for name, took in (("list", list_s), ("show ID", show_s)):
        verdict = "ok" if took.wall <= 0.2 else "over" + (" (CPU ok)" if took.cpu <= 0.2 else "")
        print(
            f"| `herald queue {name}` with {args.big:,} drafts | {took} | `python -c pass` "
            f"{python_s} | {verdict} | ≤ 0.2 s |"
        )
    print(
        f"| context: `python -c 'import sqlite3'` | {sqlite_s} | `python -c pass` "
        f"{python_s} | – | – |"
    )
    print(
        f"| SDKs imported by `herald queue list` | {sdks} | – | "
        f"{'ok' if sdks == 'none' else 'FAIL'} | none |"
    )


if __name__ == "__main__":
    main()
