"""Benchmark publishing lanes: figures and ratios from one run, mock accounts with set latency.

(a) One account hangs 20 s per call while 20 other accounts have 3-part threads due at the same
    moment: the p99 lateness of the 20 (goal <= 1 s), and the same with one lane (the sequential
    tick before lanes) as the baseline.
(b) Slot peak: 1,000 accounts with a 3-part thread each, all due the same second, 300 ms per call:
    time until the last part is out, and parts/s against the ideal lanes / 0.3 s (goal >= 0.7).

Each scenario runs a real `herald run` on a fresh database (SQLite; `--postgres URL` for (b) on
PostgreSQL too). Usage: .venv/bin/python bench/bench_lanes.py [--quick] [--postgres URL]
"""

from __future__ import annotations

import argparse
import os
import signal
import subprocess
import sys
import tempfile
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path

from posts.queue import NewDraft, NewPart, Source, open_store
from scheduler.adapters.mock import read_outbox

HERALD = str(Path(sys.executable).parent / "herald")
PARTS = 3


def config(accounts: dict[str, int], lanes: int) -> str:
    """A config of mock Mastodon accounts, each with its latency in ms."""
    head = f"[scheduler]\nlanes = {lanes}\nlease_seconds = 120\n"
    return head + "".join(
        f'\n[accounts.{name}]\nplatform = "mastodon"\nmock = true\nmock_latency_ms = {ms}\n'
        for name, ms in accounts.items()
    )


def threads(names: list[str], at: datetime) -> list[NewDraft]:
    return [
        NewDraft(
            account=name,
            platform="mastodon",
            source=Source("bench.md", "0" * 64, name),
            parts=tuple(NewPart(f"{name} part {i}", 16) for i in range(PARTS)),
            scheduled_at=at,
        )
        for name in names
    ]


class Site:
    """A data dir, a config and a database for one scenario."""

    def __init__(self, root: Path, database: str | None, accounts: dict[str, int], lanes: int):
        root.mkdir(parents=True)
        (root / "config.toml").write_text(config(accounts, lanes))
        self.root = root
        self.env = {
            **os.environ,
            "HERALD_DATA_DIR": str(root),
            "HERALD_DB": database or str(root / "herald.db"),
            "HERALD_CONFIG": str(root / "config.toml"),
        }

    def queue(self, new: list[NewDraft]) -> None:
        store = open_store(self.env["HERALD_DB"], now=datetime.now(UTC))
        store.add(new, now=datetime.now(UTC))
        store.close()

    def start(self) -> subprocess.Popen[bytes]:
        log = self.root / "daemon.log"
        with log.open("wb") as err:
            proc = subprocess.Popen([HERALD, "run"], env=self.env, stderr=err)
        deadline = time.monotonic() + 120
        while "started" not in log.read_text() and time.monotonic() < deadline:
            time.sleep(0.05)
        return proc

    def published(self) -> list[dict[str, object]]:
        path = self.root / "outbox.jsonl"
        return read_outbox(path) if path.exists() else []

    def wait_for(self, accounts: set[str], parts: int, timeout: float) -> list[dict[str, object]]:
        deadline = time.monotonic() + timeout
        lines: list[dict[str, object]] = []
        while time.monotonic() < deadline:
            lines = [line for line in self.published() if line["account"] in accounts]
            if len(lines) >= parts:
                return lines
            time.sleep(0.2)
        raise SystemExit(f"timed out: {len(lines)} of {parts} parts out")


def late(line: dict[str, object], due: datetime) -> float:
    return (datetime.fromisoformat(str(line["time"])) - due).total_seconds()


def hanging(root: Path, lanes: int, normal_ms: int = 50) -> float:
    """(a): p99 lateness of 20 accounts' parts while one account hangs 20 s per call."""
    others = [f"fine{i:02d}" for i in range(20)]
    site = Site(root, None, {"hang": 20_000, **dict.fromkeys(others, normal_ms)}, lanes)
    proc = site.start()
    due = datetime.now(UTC) + timedelta(seconds=3)
    site.queue(threads(["hang"], due - timedelta(milliseconds=1)) + threads(others, due))
    try:
        lines = site.wait_for(set(others), len(others) * PARTS, timeout=600)
    finally:
        proc.send_signal(signal.SIGKILL)
        proc.wait()
    lateness = sorted(late(line, due) for line in lines)
    return lateness[int(0.99 * (len(lateness) - 1))]


def peak(root: Path, accounts: int, lanes: int, database: str | None) -> tuple[float, float]:
    """(b): seconds from the due time to the last part out, and parts per second."""
    names = [f"acct{i:04d}" for i in range(accounts)]
    site = Site(root, database, dict.fromkeys(names, 300), lanes)
    proc = site.start()
    due = datetime.now(UTC).replace(microsecond=0) + timedelta(seconds=5)
    site.queue(threads(names, due))
    try:
        lines = site.wait_for(set(names), accounts * PARTS, timeout=3600)
    finally:
        proc.send_signal(signal.SIGTERM)
        proc.wait(timeout=120)
    span = max(late(line, due) for line in lines)
    return span, len(lines) / span


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="(b) with 200 accounts, no baseline")
    parser.add_argument("--postgres", metavar="URL", help="also run (b) on this empty database")
    parser.add_argument("--lanes", type=int, default=16)
    args = parser.parse_args()
    accounts = 200 if args.quick else 1000
    ideal = args.lanes / 0.3
    rows = []
    with tempfile.TemporaryDirectory(prefix="herald-lanes-") as tmp:
        root = Path(tmp)
        p99 = hanging(root / "hang", args.lanes)
        rows.append((f"(a) p99 lateness, 20 accounts beside a hanging one, {args.lanes} lanes",
                     f"{p99 * 1000:.0f} ms", "<= 1000 ms"))  # fmt: skip
        if not args.quick:
            before = hanging(root / "hang-1", 1)
            rows.append(("(a) the same with 1 lane (the sequential tick)", f"{before:.1f} s", ""))
            rows.append(("(a) ratio 1 lane / lanes", f"{before / p99:.0f}x", ""))
        for name, database in (("SQLite", None), ("PostgreSQL", args.postgres)):
            if name == "PostgreSQL" and not database:
                continue
            span, rate = peak(root / f"peak-{name}", accounts, args.lanes, database)
            rows.append((f"(b) {name}: {accounts} accounts x {PARTS} parts, last part out after",
                         f"{span:.1f} s", f"ideal {accounts * PARTS / ideal:.1f} s"))  # fmt: skip
            rows.append((f"(b) {name}: parts/s vs ideal {ideal:.1f} ({args.lanes} lanes / 0.3 s)",
                         f"{rate:.1f} ({rate / ideal:.2f} of ideal)", ">= 0.7"))  # fmt: skip
    print("| measure | value | goal |\n|---|---|---|")
    for name, value, goal in rows:
        print(f"| {name} | {value} | {goal} |")


if __name__ == "__main__":
    main()
