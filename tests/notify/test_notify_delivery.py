"""Delivery in the background: retried with backoff, bounded, never in the way of publishing."""

from __future__ import annotations

import json
import sys
import threading
from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path

import pytest

from posts.app.notices import Notice, account_attention
from posts.config import Account, Config, NotifySettings, load_config
from posts.queue import WorkerStore
from scheduler.notify import (
    ATTEMPTS,
    REDACTED,
    DeliveryError,
    Notifier,
    command_sender,
    credential_values,
    encode,
    targets,
    webhook_sender,
)
from scheduler.tick import run_tick
from tests.notify.conftest import Hook
from tests.scheduler.conftest import Harness, harness  # noqa: F401 - the fixture

NOW = datetime(2026, 3, 2, 9, 0, tzinfo=UTC)
FAILED = frozenset({"failed"})


def recording(waits: list[float]) -> Callable[[float], bool]:
    """A backoff wait that only records how long it was asked to wait (no sleeping)."""

    def wait(seconds: float) -> bool:
        waits.append(seconds)
        return False

    return wait


def notice(event: str = "failed") -> Notice:
    return Notice(event, NOW, f"a draft {event}", account="lab-x", reason="HTTP 500")


def test_a_failing_target_is_retried_with_backoff_then_logged(
    caplog: pytest.LogCaptureFixture,
) -> None:
    tries: list[bytes] = []
    waits: list[float] = []
    last = threading.Event()

    def send(body: bytes) -> None:
        tries.append(body)
        if len(tries) == ATTEMPTS:
            last.set()
        raise DeliveryError("webhook 127.0.0.1 answered HTTP 500")

    notifier = Notifier(FAILED, {"webhook": send}, wait=recording(waits))
    notifier(notice())
    assert last.wait(10)
    notifier.close()
    assert waits == [2.0, 4.0, 8.0] and len(tries) == ATTEMPTS
    assert "notify-failed event=failed target=webhook attempts=4" in caplog.text
    assert json.loads(tries[0])["event"] == "failed"


def test_a_target_that_recovers_gets_the_notice_once() -> None:
    delivered: list[bytes] = []
    waits: list[float] = []
    done = threading.Event()

    def send(body: bytes) -> None:
        if len(waits) < 2:
            raise DeliveryError("refused")
        delivered.append(body)
        done.set()

    notifier = Notifier(FAILED, {"webhook": send}, wait=recording(waits))
    notifier(notice())
    assert done.wait(10)
    notifier.close()
    assert waits == [2.0, 4.0] and len(delivered) == 1


def test_only_the_chosen_events_are_sent_and_closing_stops_retries() -> None:
    sent: list[str] = []

    def send(body: bytes) -> None:
        sent.append(json.loads(body)["event"])
        raise DeliveryError("refused")

    notifier = Notifier(FAILED, {"command": send})  # the real wait: close() cuts it short
    notifier(notice("published"))
    notifier(notice("failed"))
    notifier.close()
    assert sent == ["failed"]
    notifier(notice("failed"))  # after close: ignored
    assert sent == ["failed"]


def test_a_full_queue_drops_notices_instead_of_blocking(caplog: pytest.LogCaptureFixture) -> None:
    started, gate = threading.Event(), threading.Event()
    sent: list[bytes] = []

    def send(body: bytes) -> None:
        started.set()
        gate.wait(30)
        sent.append(body)

    notifier = Notifier(FAILED, {"webhook": send}, capacity=2)
    notifier(notice())
    assert started.wait(10)  # the first is being sent; the queue holds two more
    for _ in range(4):
        notifier(notice())
    assert caplog.text.count("notify-dropped") == 2
    gate.set()
    notifier.close()
    assert len(sent) == 3


def test_publishing_never_waits_for_a_delivery(harness: Harness) -> None:  # noqa: F811
    started, gate = threading.Event(), threading.Event()

    def send(_body: bytes) -> None:
        started.set()
        gate.wait(30)  # stuck until the tick has finished everything

    harness.account("lab-x")
    harness.account("lab-bsky", "bluesky")
    ids = [harness.queue("lab-x", "one"), harness.queue("lab-bsky", "two")]
    ids.append(harness.queue("lab-x", "three"))
    notifier = Notifier(frozenset({"published"}), {"webhook": send})
    store = WorkerStore(harness.store.db, "w1")
    report = run_tick(store, harness.adapters.__getitem__, harness.clock, notify=notifier)
    assert not gate.is_set()  # every draft went out while the first notice was still undelivered
    assert report.finished == dict.fromkeys(ids, "published")
    assert len(harness.lines()) == 3
    assert started.wait(10)
    gate.set()
    notifier.close()


def test_a_webhook_that_never_answers_does_not_hold_up_the_tick(
    harness: Harness,  # noqa: F811
    hanging_hook: Hook,
) -> None:
    harness.account("lab-x")
    ids = [harness.queue("lab-x", "one"), harness.queue("lab-x", "two")]
    settings = NotifySettings(webhook=hanging_hook.url, events=frozenset({"published"}), timeout=60)
    notifier = Notifier(settings.events, targets(settings))
    store = WorkerStore(harness.store.db, "w1")
    report = run_tick(store, harness.adapters.__getitem__, harness.clock, notify=notifier)
    assert report.finished == dict.fromkeys(ids, "published")
    assert hanging_hook.arrived.wait(10) and hanging_hook.bodies == []  # still unanswered
    notifier.close(within=0)


def test_a_credential_value_never_leaves_in_a_payload(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("LAB_X_TOKEN", "tok-9f8e7d6c5b4a")
    account = Account("lab-x", "x", settings={"token_env": "LAB_X_TOKEN", "handle": "lab"})
    config: Config = load_config()
    config = Config(**{**config.__dict__, "accounts": {"lab-x": account}})
    reason = 'refused token "tok-9f8e7d6c5b4a" (401)'
    body = encode(account_attention("lab-x", "auth", reason, NOW), credential_values(config))
    assert "tok-9f8e7d6c5b4a" not in body.decode()
    assert json.loads(body)["reason"] == f'refused token "{REDACTED}" (401)'


def test_only_a_2xx_answer_or_a_zero_exit_is_a_delivery(hook: Hook, tmp_path: Path) -> None:
    body = encode(notice())
    webhook_sender(hook.url, 5)(body)
    hook.status = 500
    with pytest.raises(DeliveryError, match=r"webhook 127\.0\.0\.1 answered HTTP 500"):
        webhook_sender(hook.url, 5)(body)
    assert [json.loads(encode(notice()))] * 2 == hook.bodies
    with pytest.raises(DeliveryError, match="exited with status 3"):
        command_sender([sys.executable, "-c", "import sys; sys.exit(3)"], 30)(body)
    with pytest.raises(DeliveryError, match="could not start"):
        command_sender([str(tmp_path / "no-such-program")], 30)(body)


def test_the_tick_tells_partial_unconfirmed_and_account_attention(harness: Harness) -> None:  # noqa: F811
    heard: list[Notice] = []
    harness.account("thread", fail=["ok", "permanent"])
    harness.account("doubt", fail=["unknown"], lookup=False)
    harness.account("refused", fail=["auth"])
    partial = harness.queue("thread", "one", "two")
    doubtful = harness.queue("doubt", "maybe")
    harness.queue("refused", "no")
    run_tick(WorkerStore(harness.store.db, "w1"), harness.adapters.__getitem__, harness.clock,
             notify=heard.append)  # fmt: skip
    by_event = {n.event: n for n in heard}
    assert sorted(by_event) == ["account-attention", "partial", "unconfirmed"]
    thread, unsure = by_event["partial"].draft or {}, by_event["unconfirmed"].draft or {}
    live = [
        line["url"] for line in harness.lines() if line["account"] == "thread"
    ]  # lanes: any order
    assert (thread["id"], thread["status"], thread["urls"], thread["posts"]) == (
        partial,
        "partial",
        live,
        2,
    )
    assert "rejected" in (by_event["partial"].reason or "")  # the platform's reason
    assert (unsure["id"], unsure["urls"]) == (doubtful, [])
    attention = by_event["account-attention"]
    assert attention.account == "refused" and attention.at == harness.clock()
    assert "credentials were refused" in attention.summary
