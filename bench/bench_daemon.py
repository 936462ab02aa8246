"""Benchmark the publishing daemon, each figure against its goal or a baseline from the same run.

1. Lateness (publish time minus scheduled time) of 1,000 drafts due over one minute, published by
   a real `herald run` process through the mock adapter (goal: p99 <= 1 s).
2. Parts per second of the daemon's tick through the mock adapter (and an in-memory one), against a
   raw-sqlite3 loop doing the same two commits per part with the same durability (WAL,
   synchronous=FULL) (goal: >= 0.5).
3. Idle CPU and memory of `herald run` over 60 s with 100,000 future drafts (goal: < 0.5 % CPU).

Usage: .venv/bin/python bench/bench_daemon.py [--quick]
"""

from __future__ import annotations

import argparse
import os
import random
import signal
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path
from types import MappingProxyType
from typing import Any, ClassVar

from posts.clock import system_clock
from posts.config import Account, Config
from posts.queue import DraftStore, NewDraft, NewPart, Source, open_store
from scheduler.adapters.base import Limits, OutgoingPart, PublishedRef
from scheduler.adapters.mock import MockAdapter, read_outbox
from scheduler.daemon import open_publishing_store
from scheduler.tick import run_tick

HERALD = str(Path(sys.executable).parent / "herald")
CONFIG = '[accounts.bench]\nplatform = "mastodon"\nmock = true\n'


def drafts(times: list[datetime], parts: int = 1) -> list[NewDraft]:
    return [
        NewDraft(
            account="bench",
            platform="mastodon",
            source=Source("bench.md", f"{n:064d}", f"draft {n}"),
            parts=tuple(NewPart(f"draft {n} part {i}", 16) for i in range(parts)),
            scheduled_at=at,
        )
        for n, at in enumerate(times)
    ]


def add_in_batches(store: DraftStore, new: list[NewDraft], batch: int = 5000) -> None:
    for start in range(0, len(new), batch):
        store.add(new[start : start + batch], now=datetime.now(UTC))


def home(root: Path) -> dict[str, str]:
    root.mkdir(parents=True, exist_ok=True)
    (root / "config.toml").write_text(CONFIG)
    return {
        **os.environ,
        "HERALD_DATA_DIR": str(root),
        "HERALD_DB": str(root / "herald.db"),
        "HERALD_CONFIG": str(root / "config.toml"),
    }


def start_daemon(env: dict[str, str], log: Path) -> subprocess.Popen[bytes]:
    with log.open("wb") as err:
        proc = subprocess.Popen([HERALD, "run"], env=env, stdout=subprocess.DEVNULL, stderr=err)
    deadline = time.monotonic() + 60
    while "started" not in log.read_text() and time.monotonic() < deadline:
        time.sleep(0.05)
    return proc


def stop(proc: subprocess.Popen[bytes]) -> None:
    proc.send_signal(signal.SIGTERM)
    proc.wait(timeout=60)


def lateness(root: Path, count: int, spread: float) -> tuple[float, float, float]:
    """p50, p99 and max lateness in seconds of ``count`` drafts due over ``spread`` seconds."""
    env = home(root)
    first = datetime.now(UTC) + timedelta(seconds=10)  # the daemon is up well before
    times = sorted(first + timedelta(seconds=random.uniform(0, spread)) for _ in range(count))
    store = open_store(env["HERALD_DB"], now=datetime.now(UTC))
    add_in_batches(store, drafts(times))
    scheduled = {d.id: d.scheduled_at or first for d in store.list(limit=count)}
    proc = start_daemon(env, root / "lateness.log")
    try:
        deadline = time.monotonic() + spread + 120
        while store.count(status="published") < count and time.monotonic() < deadline:
            time.sleep(0.5)
    finally:
        stop(proc)
        store.close()
    late = sorted(
        (datetime.fromisoformat(line["time"]) - scheduled[line["draft_id"]]).total_seconds()
        for line in read_outbox(root / "outbox.jsonl")
    )
    assert len(late) == count, f"only {len(late)} of {count} published"
    return statistics.median(late), late[int(0.99 * (len(late) - 1))], late[-1]


class MemoryAdapter:
    """A platform that keeps posts in a dict: isolates Herald's own bookkeeping from the mock's
    durable outbox write (one fsync per part)."""

    supports_lookup: ClassVar[bool] = True
    limits = Limits(max_length=500)

    def __init__(self) -> None:
        self.posts: dict[str, PublishedRef] = {}

    def publish(self, part: OutgoingPart) -> PublishedRef:
        ref = PublishedRef(part.idempotency_key, f"memory:{part.idempotency_key}")
        self.posts[part.idempotency_key] = ref
        return ref

    def lookup(self, part: OutgoingPart) -> PublishedRef | None:
        return self.posts.get(part.idempotency_key)


def herald_rate(root: Path, count: int, parts: int, adapter: Any) -> float:
    """Parts per second of the daemon's tick on its store, ``parts`` per thread."""
    root.mkdir(parents=True, exist_ok=True)
    config = Config(
        path=None,
        data_dir=root,
        database=str(root / "herald.db"),
        outbox=root / "outbox.jsonl",
        accounts=MappingProxyType({"bench": Account("bench", "mastodon", mock=True)}),
    )
    store = open_publishing_store(config, datetime.now(UTC))
    add_in_batches(DraftStore(store.db), drafts([datetime.now(UTC)] * count, parts))
    started = time.perf_counter()
    report = run_tick(store, lambda _: adapter, system_clock)
    elapsed = time.perf_counter() - started
    store.close()
    assert len(report.published) == count * parts
    return count * parts / elapsed


def baseline_rate(root: Path, count: int, parts: int) -> float:
    """The floor: two commits per part (sending with its key, then published) on raw sqlite3."""
    root.mkdir(parents=True, exist_ok=True)
    db = sqlite3.connect(root / "raw.db", isolation_level=None)
    db.execute("PRAGMA journal_mode = WAL")
    db.execute("PRAGMA synchronous = FULL")
    db.execute(
        "CREATE TABLE parts (draft TEXT, idx INT, status TEXT, key TEXT, remote TEXT,"
        " PRIMARY KEY (draft, idx))"
    )
    rows = [(f"d{n}", i, "pending") for n in range(count) for i in range(parts)]
    db.executemany("INSERT INTO parts (draft, idx, status) VALUES (?, ?, ?)", rows)
    started = time.perf_counter()
    for draft, idx, _ in rows:
        db.execute("BEGIN IMMEDIATE")
        db.execute(
            "UPDATE parts SET status = 'sending', key = ? WHERE draft = ? AND idx = ?",
            (f"k{draft}{idx}", draft, idx),
        )
        db.execute("COMMIT")
        db.execute("BEGIN IMMEDIATE")
        db.execute(
            "UPDATE parts SET status = 'published', remote = ? WHERE draft = ? AND idx = ?",
            (f"r{draft}{idx}", draft, idx),
        )
        db.execute("COMMIT")
    elapsed = time.perf_counter() - started
    db.close()
    return len(rows) / elapsed


def idle(root: Path, count: int, seconds: float) -> tuple[float, float]:
    """CPU % and resident MB of an idle daemon with ``count`` drafts due next year."""
    env = home(root)
    later = datetime.now(UTC) + timedelta(days=365)
    store = open_store(env["HERALD_DB"], now=datetime.now(UTC))
    add_in_batches(store, drafts([later + timedelta(seconds=n) for n in range(count)]))
    store.close()
    proc = start_daemon(env, root / "idle.log")
    try:
        time.sleep(2)  # let start-up work settle
        cpu_before, wall_before = _cpu_seconds(proc.pid), time.monotonic()
        time.sleep(seconds)
        cpu = _cpu_seconds(proc.pid) - cpu_before
        wall = time.monotonic() - wall_before
        rss = _rss_mb(proc.pid)
    finally:
        stop(proc)
    return 100 * cpu / wall, rss


def _cpu_seconds(pid: int) -> float:
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def _rss_mb(pid: int) -> float:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    return 0.0


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="smaller, shorter runs (~40 s)")
    args = parser.parse_args()
    due, spread = (200, 15.0) if args.quick else (1000, 60.0)
    rate_drafts, parts = (300, 3) if args.quick else (1000, 3)
    future, window = (10_000, 10.0) if args.quick else (100_000, 60.0)
    with tempfile.TemporaryDirectory(prefix="herald-bench-") as tmp:
        root = Path(tmp)
        p50, p99, worst = lateness(root / "lateness", due, spread)
        account = Account("bench", "mastodon", mock=True)
        mock = MockAdapter(account, root / "rate" / "outbox.jsonl", clock=system_clock)
        ours = herald_rate(root / "rate", rate_drafts, parts, mock)
        bookkeeping = herald_rate(root / "memory", rate_drafts, parts, MemoryAdapter())
        base = baseline_rate(root / "baseline", rate_drafts, parts)
        cpu, rss = idle(root / "idle", future, window)
    rows = [
        (f"lateness p50 ({due} drafts over {spread:g} s)", f"{p50 * 1000:.0f} ms", ""),
        (f"lateness p99 (max {worst * 1000:.0f} ms)", f"{p99 * 1000:.0f} ms", "<= 1000 ms"),
        (f"parts/s, tick + mock adapter ({rate_drafts} threads of {parts})", f"{ours:.0f}", ""),
        ("parts/s, tick + in-memory adapter (no outbox fsync)", f"{bookkeeping:.0f}", ""),
        ("parts/s, raw sqlite3, 2 commits per part", f"{base:.0f}", ""),
        ("ratio tick + mock / baseline", f"{ours / base:.2f}", ">= 0.5"),
        ("ratio tick + in-memory / baseline", f"{bookkeeping / base:.2f}", ""),
        (f"idle CPU over {window:g} s, {future:,} future drafts", f"{cpu:.3f} %", "< 0.5 %"),
        ("idle resident memory", f"{rss:.0f} MB", ""),
    ]
    print("| measure | value | goal |\n|---|---|---|")
    for name, value, goal in rows:
        print(f"| {name} | {value} | {goal} |")


if __name__ == "__main__":
    main()
