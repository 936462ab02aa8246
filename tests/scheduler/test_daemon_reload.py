"""The real `herald run`: it says what it waits for, holds an account the config lacks, publishes
its draft once the config file is fixed (no restart), and exits 130 on Ctrl-C."""

from __future__ import annotations

import os
import signal
import subprocess
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path

from posts.config import load_config
from posts.queue import Draft, Hold, NewDraft, NewPart, Source
from scheduler.daemon import Publisher, open_publishing_store
from scheduler.tick import TickPolicy
from scheduler.waiting import waiting_for
from tests.conftest import configured_store

from .test_daemon_crash import HERALD, wait_for

BASE = '[accounts.mine]\nplatform = "bluesky"\nmock = true\n'
LATER = '\n[accounts.later]\nplatform = "x"\nmock = true\n'


def _queue(account: str, platform: str, at: datetime) -> str:
    store = configured_store()
    try:
        new = NewDraft(account, platform, Source("a.md", "0" * 64, "A"), (NewPart("hi", 2),), at)
        return store.add([new], now=datetime.now(UTC))[0].id
    finally:
        store.close()


def test_a_held_draft_goes_out_when_the_config_file_is_fixed(isolated_herald: Path) -> None:
    config = isolated_herald / "config.toml"
    config.write_text(BASE)
    now = datetime.now(UTC)
    upcoming = _queue("mine", "bluesky", now + timedelta(hours=3, minutes=48, seconds=30))
    held = _queue("later", "x", now - timedelta(seconds=1))
    log = isolated_herald / "daemon.log"
    with log.open("wb") as err:
        proc = subprocess.Popen([HERALD, "run"], env=os.environ.copy(), stderr=err)
    try:
        wait_for(log, "held until fixed: later")
        text = log.read_text()
        assert " ERROR account-held account=later" in text
        assert f"next: {upcoming} mine at " in text and ", in 3 h 48 min" in text
        time.sleep(0.05)  # a new mtime, even on coarse file systems
        config.write_text(BASE + LATER)
        wait_for(log, "account-released account=later")
        wait_for(log, f"published {held}")
        proc.send_signal(signal.SIGINT)
        assert proc.wait(timeout=15) == 130
    finally:
        if proc.poll() is None:
            proc.kill()
    text = log.read_text()
    assert "reloaded" in text and "stopping signal=SIGINT" in text
    assert " INFO failed" not in text and " INFO account-held" not in text


def test_sighup_reloads_even_when_the_file_looks_unchanged(isolated_herald: Path) -> None:
    (isolated_herald / "config.toml").write_text(BASE)
    config = load_config()
    store = open_publishing_store(config, datetime.now(UTC))
    publisher = Publisher(store, config, TickPolicy.from_config(config), lambda: datetime.now(UTC))
    try:
        assert not publisher.reload_if_changed()
        publisher.reload_wanted.set()  # what the SIGHUP handler does
        assert publisher.reload_if_changed() and not publisher.reload_wanted.is_set()
        (isolated_herald / "config.toml").write_text("timezone = [")  # broken: keep the old one
        assert not publisher.reload_if_changed() and publisher.config is not None
    finally:
        publisher.close()
        store.close()


def _due(at: datetime) -> Draft:
    return Draft("7czjdvu", "demo-x", "x", Source("a.md", "", "A"), "auto", 280, "scheduled",
                 at, at, at, at)  # fmt: skip


def test_the_waiting_line_reads_like_a_person_wrote_it() -> None:
    now = datetime(2026, 3, 2, 9, 12, tzinfo=UTC)  # a Monday
    assert waiting_for(None, [], now, "UTC") == "next: nothing scheduled"
    soon = _due(now + timedelta(hours=3, minutes=48, seconds=59))
    assert waiting_for(soon, [], now, "UTC") == "next: 7czjdvu demo-x at 13:00 UTC, in 3 h 48 min"
    later = _due(now + timedelta(days=2, hours=1))
    assert waiting_for(later, [], now, "Europe/Berlin") == (
        "next: 7czjdvu demo-x at Wed 2026-03-04 11:12 CET, in 2 d 1 h"
    )
    assert waiting_for(_due(now - timedelta(minutes=1)), [], now, "UTC").endswith("demo-x now")
    assert waiting_for(_due(now + timedelta(seconds=30)), [], now, "UTC").endswith(
        "in less than a minute"
    )
    hold = Hold("lab-x", "config", "T_X is not set", now, now)
    assert waiting_for(None, [hold], now, "UTC") == (
        "next: nothing scheduled; held until fixed: lab-x (see `herald accounts list`)"
    )
