"""The real `herald run` killed with SIGKILL at random moments: every part exactly once, in order.

The default run does a few trials; `-m slow` does at least 200 and the two-daemon SQLite run;
`-m postgres` runs four daemons on one PostgreSQL database (HERALD_TEST_PG_URL).
Figures are printed (run with -s to see them).
"""

from __future__ import annotations

import os
import random
import signal
import subprocess
import sys
import time
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from itertools import pairwise
from pathlib import Path
from urllib.parse import urlsplit

import pytest

from posts.queue import DraftStore, NewDraft, NewPart, Source, open_store
from scheduler.adapters.mock import read_outbox

HERALD = str(Path(sys.executable).parent / "herald")
LOOKUP_ACCOUNTS = {"crash-bsky": "bluesky", "crash-masto": "mastodon", "crash-x": "x"}
NO_LOOKUP_ACCOUNT = "crash-xlike"  # like X: an interrupted part becomes unconfirmed, never resent


@dataclass
class Site:
    """A Herald home in tmp: config, database, outbox, and the daemons started on it."""

    home: Path
    database: str
    latency_ms: int
    lease_seconds: int = 60
    procs: list[subprocess.Popen[bytes]] = field(default_factory=list)

    @property
    def outbox(self) -> Path:
        return self.home / "outbox.jsonl"

    def env(self) -> dict[str, str]:
        return {
            **os.environ,
            "HERALD_DATA_DIR": str(self.home),
            "HERALD_DB": self.database,
            "HERALD_CONFIG": str(self.home / "config.toml"),
        }

    def write_config(self) -> None:
        accounts = {**LOOKUP_ACCOUNTS, NO_LOOKUP_ACCOUNT: "x"}
        blocks = [
            f'[accounts.{name}]\nplatform = "{platform}"\nmock = true\n'
            f"mock_latency_ms = {self.latency_ms}\n"
            + ("mock_lookup = false\n" if name == NO_LOOKUP_ACCOUNT else "")
            for name, platform in accounts.items()
        ]
        scheduler = f"[scheduler]\nlease_seconds = {self.lease_seconds}\n"
        (self.home / "config.toml").write_text("\n".join([scheduler, *blocks]))

    def start(self, log_name: str) -> tuple[subprocess.Popen[bytes], Path]:
        log = self.home / f"{log_name}.log"
        with log.open("wb") as err:
            proc = subprocess.Popen(
                [HERALD, "run"], env=self.env(), stdout=subprocess.DEVNULL, stderr=err
            )
        self.procs.append(proc)
        return proc, log

    def stop_all(self) -> None:
        for proc in self.procs:
            if proc.poll() is None:
                proc.send_signal(signal.SIGTERM)
        for proc in self.procs:
            proc.wait(timeout=60)

    def open(self) -> DraftStore:
        return open_store(self.database, now=datetime.now(UTC), busy_timeout=30)


def queue_threads(store: DraftStore, count: int, rng: random.Random, first: int = 0) -> None:
    names = [*LOOKUP_ACCOUNTS, NO_LOOKUP_ACCOUNT]
    platforms = {**LOOKUP_ACCOUNTS, NO_LOOKUP_ACCOUNT: "x"}
    now = datetime.now(UTC) - timedelta(seconds=1)
    drafts = []
    for n in range(first, first + count):
        account = names[n % len(names)]
        texts = [f"thread {n} part {i + 1}" for i in range(rng.randint(1, 4))]
        drafts.append(
            NewDraft(
                account=account,
                platform=platforms[account],
                source=Source("crash.md", f"{n:064d}", f"thread {n}"),
                parts=tuple(NewPart(t, len(t)) for t in texts),
                scheduled_at=now,
            )
        )
    store.add(drafts, now=datetime.now(UTC))


def unfinished(store: DraftStore) -> int:
    return store.count(status="scheduled") + store.count(status="publishing")


def wait_for(log: Path, *words: str, timeout: float = 30) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        text = log.read_text(errors="replace") if log.exists() else ""
        if any(w in text for w in words):
            return
        time.sleep(0.02)
    raise AssertionError(f"{log.name}: none of {words} within {timeout} s:\n{text[-2000:]}")


def wait_until_done(store: DraftStore, timeout: float) -> None:
    deadline = time.monotonic() + timeout
    while unfinished(store) and time.monotonic() < deadline:
        time.sleep(0.2)
    assert unfinished(store) == 0, f"{unfinished(store)} drafts still unfinished after {timeout} s"


@dataclass
class Figures:
    drafts: int
    parts: int
    published_lines: int
    duplicates: int
    losses: int
    unconfirmed: int


def check_outbox(site: Site, store: DraftStore) -> Figures:
    """Every part exactly once, in order, replies chained; X-like gaps only where unconfirmed."""
    lines = read_outbox(site.outbox)
    seen = Counter((line["draft_id"], line["index"]) for line in lines)
    position = {(line["draft_id"], line["index"]): n for n, line in enumerate(lines)}
    by_key = {(line["draft_id"], line["index"]): line for line in lines}
    drafts = store.list(limit=1_000_000)
    losses = unconfirmed = parts = 0
    for draft in drafts:
        parts += len(draft.parts)
        doubtful = draft.account == NO_LOOKUP_ACCOUNT and draft.status == "unconfirmed"
        unconfirmed += doubtful
        assert draft.status == "published" or doubtful, (draft.id, draft.status)
        live = [p for p in draft.parts if (draft.id, p.index) in seen]
        for part in draft.parts:
            if (draft.id, part.index) not in seen and (part.status == "published" or not doubtful):
                losses += 1
        for part in live:
            line = by_key[(draft.id, part.index)]
            if part.status == "published":
                assert (line["remote_id"], line["url"]) == (part.remote_id, part.remote_url)
        indexes = [p.index for p in live]
        assert indexes == list(range(len(indexes))), f"{draft.id}: a gap in {indexes}"
        assert [position[(draft.id, i)] for i in indexes] == sorted(
            position[(draft.id, i)] for i in indexes
        ), f"{draft.id}: parts out of order"
        chain = [by_key[(draft.id, i)] for i in indexes]
        for prev, line in pairwise(chain):
            assert line["reply_to"] == prev["remote_id"] and line["root"] == chain[0]["remote_id"]
    duplicates = sum(count - 1 for count in seen.values())
    return Figures(len(drafts), parts, len(lines), duplicates, losses, unconfirmed)


@pytest.fixture
def sqlite_site(tmp_path: Path) -> Iterator[Site]:
    site = Site(tmp_path, str(tmp_path / "herald.db"), latency_ms=20)
    site.write_config()
    yield site
    site.stop_all()


def run_crash_trials(site: Site, trials: int, batch: int, seed: int) -> Figures:
    """Start, kill -9 at a random moment, restart; queue more whenever the queue runs dry."""
    rng = random.Random(seed)
    store = site.open()
    queued = 0
    try:
        for trial in range(trials):
            if not unfinished(store):
                queue_threads(store, batch, rng, first=queued)
                queued += batch
            proc, log = site.start(f"trial-{trial}")
            if rng.random() < 0.15:  # sometimes during start-up or lease reclaim
                time.sleep(rng.uniform(0, 0.8))
            else:
                wait_for(log, "started")
                time.sleep(rng.uniform(0, 0.4))
            proc.send_signal(signal.SIGKILL)
            proc.wait()
        finish = subprocess.run(
            [HERALD, "run", "--once"], env=site.env(), capture_output=True, timeout=300
        )
        assert finish.returncode in (0, 1), finish.stderr.decode()[-2000:]
        assert unfinished(store) == 0
        figures = check_outbox(site, store)
    finally:
        store.close()
    print(f"\ncrash trials={trials} {figures}")
    return figures


def test_kill_9_at_random_moments_never_loses_or_doubles_a_part(sqlite_site: Site) -> None:
    figures = run_crash_trials(sqlite_site, trials=4, batch=8, seed=1)
    assert figures.duplicates == 0 and figures.losses == 0
    assert figures.published_lines > 0


@pytest.mark.slow
def test_two_hundred_kill_9_trials(sqlite_site: Site) -> None:
    figures = run_crash_trials(sqlite_site, trials=200, batch=40, seed=2)
    assert figures.duplicates == 0 and figures.losses == 0
    assert figures.published_lines >= 200  # kills land mid-thread, not only at start-up


def run_many_daemons(site: Site, daemons: int, drafts: int, kill_one: bool) -> Figures:
    store = site.open()
    try:
        queue_threads(store, drafts, random.Random(3))
        started = [site.start(f"daemon-{n}") for n in range(daemons)]
        for _, log in started:
            wait_for(log, "started", "standby")
        if kill_one:  # the busiest moment: one publisher dies mid-flight, the others take over
            while store.count(status="published") < drafts // 4:
                time.sleep(0.05)
            victim = next(p for (p, log) in started if "started" in log.read_text())
            victim.send_signal(signal.SIGKILL)
            victim.wait()
        wait_until_done(store, timeout=600)
        site.stop_all()
        figures = check_outbox(site, store)
    finally:
        store.close()
    print(f"\n{daemons} daemons on {site.database.split(':')[0]}: {figures}")
    return figures


@pytest.mark.slow
def test_two_daemons_on_one_sqlite_file_publish_2000_drafts_once(tmp_path: Path) -> None:
    site = Site(tmp_path, str(tmp_path / "herald.db"), latency_ms=0)
    site.write_config()
    try:
        figures = run_many_daemons(site, daemons=2, drafts=2000, kill_one=True)
    finally:
        site.stop_all()
    assert figures.drafts == 2000 and figures.duplicates == 0 and figures.losses == 0
    logs = [p.read_text() for p in tmp_path.glob("daemon-*.log")]
    assert any("standby" in text for text in logs)  # the second waited for the lock


@pytest.fixture
def pg_url() -> Iterator[str]:
    """A database of its own on the test server, dropped afterwards."""
    url = os.environ.get("HERALD_TEST_PG_URL")
    if not url:
        pytest.skip("HERALD_TEST_PG_URL is not set: no PostgreSQL server to test against")
    import psycopg

    name = f"herald_daemons_{os.getpid()}"
    with psycopg.connect(url, autocommit=True) as admin:
        admin.execute(f"DROP DATABASE IF EXISTS {name}")
        admin.execute(f"CREATE DATABASE {name}")
    try:
        yield urlsplit(url)._replace(path=f"/{name}").geturl()
    finally:
        with psycopg.connect(url, autocommit=True) as admin:
            admin.execute(f"DROP DATABASE IF EXISTS {name} WITH (FORCE)")


@pytest.mark.postgres
def test_four_daemons_on_one_postgres_database_share_2000_drafts(
    tmp_path: Path, pg_url: str
) -> None:
    site = Site(tmp_path, pg_url, latency_ms=5, lease_seconds=5)
    site.write_config()
    try:
        figures = run_many_daemons(site, daemons=4, drafts=2000, kill_one=True)
    finally:
        site.stop_all()
    assert figures.drafts == 2000 and figures.duplicates == 0 and figures.losses == 0
    store = site.open()
    try:
        workers = {
            e.worker
            for d in store.list(limit=200)
            for e in store.history(d.id)
            if e.kind == "published"
        }
    finally:
        store.close()
    assert len(workers) >= 2  # the work was shared


def test_the_daemon_sees_new_drafts_at_once_and_stops_cleanly_on_sigterm(tmp_path: Path) -> None:
    site = Site(tmp_path, str(tmp_path / "herald.db"), latency_ms=300)
    site.write_config()
    store = site.open()
    try:
        proc, log = site.start("daemon")
        wait_for(log, "started")
        store.add(  # queued while the daemon sleeps with nothing to do
            [
                NewDraft(
                    account="crash-bsky",
                    platform="bluesky",
                    source=Source("a.md", "0" * 64, "A"),
                    parts=tuple(NewPart(f"part {i}", 6) for i in range(20)),
                    scheduled_at=datetime.now(UTC),
                )
            ],
            now=datetime.now(UTC),
        )
        added = time.monotonic()
        wait_for(site.outbox, "part 0", timeout=10)
        noticed = time.monotonic() - added
        proc.send_signal(signal.SIGTERM)
        assert proc.wait(timeout=10) == 0
        text = log.read_text()
        assert "stopping signal=SIGTERM" in text and "stopped" in text
        (draft,) = store.list()
        statuses = [p.status for p in draft.parts]
        assert draft.status == "scheduled" and draft.lease_owner is None  # released at once
        assert "sending" not in statuses and statuses[0] == "published"
        assert statuses.count("published") == len(read_outbox(site.outbox)) < 20
    finally:
        store.close()
    assert noticed < 5, f"the daemon took {noticed:.1f} s to publish a draft added while it slept"
