"""A mistake in the config never burns a draft: the account is held, its drafts wait, and they go
out once the account is fixed (driven by a fake clock and the mock adapter)."""

from __future__ import annotations

import logging
import random
from datetime import timedelta
from typing import Any

import pytest

from posts.errors import NotFoundError
from scheduler.adapters.base import Adapter
from scheduler.adapters.credentials import CredentialError
from scheduler.holds import review_holds
from scheduler.tick import TickPolicy, TickReport, run_tick
from tests.queue.conftest import worker

from .test_tick import SETTINGS, status, tick


class Accounts:
    """An adapter source whose accounts a test can break and fix, like editing the config."""

    def __init__(self, harness: Any, **broken: Exception) -> None:
        self.harness = harness
        self.broken = broken

    def __call__(self, name: str) -> Adapter:
        if name in self.broken:
            raise self.broken[name]
        adapter: Adapter = self.harness.adapters[name]
        return adapter


def _tick(harness: Any, accounts: Accounts) -> TickReport:
    return run_tick(
        worker(harness.store, "w1"),
        accounts,
        harness.clock,
        policy=TickPolicy(settings=SETTINGS),
        gates=harness.gates,
        rng=random.Random(7),
    )


def _errors(caplog: pytest.LogCaptureFixture, event: str) -> list[logging.LogRecord]:
    return [r for r in caplog.records if getattr(r, "event", "") == event]


def test_a_missing_credential_holds_the_draft_until_the_account_is_fixed(
    harness: Any, caplog: pytest.LogCaptureFixture
) -> None:
    harness.account("x1")
    accounts = Accounts(harness, x1=CredentialError("account 'x1': variable T_X is not set"))
    due = harness.clock()
    first = harness.queue("x1", "one", "two")
    second = harness.queue("x1", "three", at=due + timedelta(minutes=5))

    report = _tick(harness, accounts)
    assert report.held == [first] and report.finished == {}
    assert status(harness.store, first) == ("scheduled", ["pending", "pending"])
    assert harness.store.get(first).due_at == due  # still due, at its own time
    assert harness.store.get(first).parts[0].attempts == 0
    [hold] = harness.store.holds()
    assert (hold.account, hold.kind) == ("x1", "config") and "T_X is not set" in hold.reason
    [error] = _errors(caplog, "account-held")
    assert error.levelno == logging.ERROR and "T_X" in error.getMessage()

    harness.clock.advance(600)  # both drafts due now: neither is claimed, nothing is logged again
    caplog.clear()
    assert _tick(harness, accounts).claimed == 0
    assert harness.store.next_due_at() is None  # the daemon does not spin on held drafts
    assert review_holds(worker(harness.store), accounts, harness.clock(), retry_auth=True) == []
    assert not _errors(caplog, "account-held")

    del accounts.broken["x1"]  # the variable is set and the daemon reloads
    assert review_holds(worker(harness.store), accounts, harness.clock(), retry_auth=True) == ["x1"]
    assert harness.store.holds() == []
    _tick(harness, accounts)
    assert status(harness.store, first) == ("published", ["published", "published"])
    assert status(harness.store, second)[0] == "published"


def test_a_held_account_is_reminded_at_error_once_an_hour(
    harness: Any, caplog: pytest.LogCaptureFixture
) -> None:
    harness.account("x1")
    accounts = Accounts(harness, gone=NotFoundError("no account 'gone' in the config"))
    harness.adapters["gone"] = harness.adapters["x1"]  # so the draft can be queued
    harness.queue("gone", "one")
    _tick(harness, accounts)
    caplog.clear()
    for minutes, expected in ((30, 0), (31, 1), (30, 0), (30, 1)):
        harness.clock.advance(minutes * 60)
        review_holds(worker(harness.store), accounts, harness.clock(), retry_auth=False)
        assert len(_errors(caplog, "account-held")) == expected, minutes
        caplog.clear()


def test_an_auth_error_mid_thread_holds_it_and_it_resumes_after_the_fix(
    harness: Any, caplog: pytest.LogCaptureFixture
) -> None:
    adapter = harness.account("b1", platform="bluesky", fail=["ok", "auth"])
    accounts = Accounts(harness)
    thread = harness.queue("b1", "one", "two", "three")

    _tick(harness, accounts)
    assert status(harness.store, thread) == ("scheduled", ["published", "pending", "pending"])
    [hold] = harness.store.holds()
    assert hold.kind == "auth" and "401" in hold.reason
    assert all(r.levelno >= logging.WARNING for r in _errors(caplog, "held"))

    # Refused credentials are tried again after a reload or a restart, else once an hour (cron).
    assert review_holds(worker(harness.store), accounts, harness.clock(), retry_auth=False) == []
    assert review_holds(worker(harness.store), accounts, harness.clock(), retry_auth=True) == ["b1"]
    worker(harness.store).hold_account(
        "b1", "auth", "401 again", harness.clock(), timedelta(hours=1)
    )
    harness.clock.advance(59 * 60)
    assert review_holds(worker(harness.store), accounts, harness.clock(), retry_auth=False) == []
    harness.clock.advance(60)
    assert review_holds(worker(harness.store), accounts, harness.clock(), retry_auth=False) == [
        "b1"
    ]
    _tick(harness, accounts)
    assert status(harness.store, thread) == ("published", ["published"] * 3)
    lines = harness.lines()
    assert [line["reply_to"] for line in lines][1:] == [
        lines[0]["remote_id"],
        lines[1]["remote_id"],
    ]
    assert adapter.account.name == "b1"


def test_held_drafts_are_not_missed_and_go_out_however_late_after_the_fix(harness: Any) -> None:
    harness.account("x1")
    accounts = Accounts(harness, x1=CredentialError("account 'x1': variable T_X is not set"))
    draft = harness.queue("x1", "one")
    _tick(harness, accounts)
    harness.clock.advance(7 * 3600)  # beyond the staleness window
    assert _tick(harness, accounts).missed == []
    del accounts.broken["x1"]
    review_holds(worker(harness.store), accounts, harness.clock(), retry_auth=True)
    report = _tick(harness, accounts)
    assert report.missed == [] and status(harness.store, draft)[0] == "published"


def test_failures_are_logged_at_warning_or_error_never_info(
    harness: Any, caplog: pytest.LogCaptureFixture
) -> None:
    harness.account("x1", fail=["permanent"])
    harness.account("x2", fail=["server_error"])
    harness.queue("x1", "one")
    harness.queue("x2", "two")
    caplog.set_level(logging.INFO)
    tick(harness)
    levels = {getattr(r, "event", ""): r.levelno for r in caplog.records}
    assert levels["failed"] == logging.ERROR and levels["retry"] == logging.WARNING
    assert levels["finished"] == logging.ERROR and levels["claimed"] == logging.INFO


def test_a_hold_with_no_draft_left_is_dropped(harness: Any) -> None:
    harness.account("x1")
    accounts = Accounts(harness, x1=CredentialError("account 'x1': variable T_X is not set"))
    draft = harness.queue("x1", "one")
    _tick(harness, accounts)
    harness.store.cancel(draft, now=harness.clock())
    assert review_holds(worker(harness.store), accounts, harness.clock(), retry_auth=False) == [
        "x1"
    ]
    assert harness.store.holds() == []
