"""The contract every adapter keeps, run against each platform through faked HTTP.

The real SDKs (tweepy, Mastodon.py, atproto) build and send the requests; the fakes in conftest.py
answer at the transport level, and these tests check what went over the wire and how every failure
is classified for the scheduler.
"""

from __future__ import annotations

import logging
from dataclasses import replace
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest

from scheduler.adapters.base import (
    Adapter,
    AuthError,
    OutgoingPart,
    PermanentError,
    PublishedRef,
    RateLimitedError,
    TransientError,
)
from scheduler.adapters.tid import new_tid

from .conftest import ERROR_KINDS, RESET_EPOCH, SECRETS

NETWORK_HARNESSES = ("x_harness", "mastodon_harness", "bluesky_harness")
# and Mastodon.py against a Mastodon server process (mastodon-mock), faults injected server-side
HARNESSES = ("mock_harness", *NETWORK_HARNESSES, "mastodon_server_harness")
EXPECTED = {
    "rate_limit": RateLimitedError,
    "server_error": TransientError,
    "network": TransientError,
    "bad_request": PermanentError,
    "unauthorized": AuthError,
}


@pytest.fixture(params=HARNESSES)
def harness(request: pytest.FixtureRequest) -> Any:
    return request.getfixturevalue(request.param)


@pytest.fixture(params=NETWORK_HARNESSES)
def network_harness(request: pytest.FixtureRequest) -> Any:
    return request.getfixturevalue(request.param)


def part(
    index: int = 0, reply_to: PublishedRef | None = None, root: PublishedRef | None = None
) -> OutgoingPart:
    return OutgoingPart(
        draft_id="d1",
        index=index,
        count=2,
        text=f"Part {index + 1}: tide pools at dawn",
        idempotency_key=new_tid(),
        lang="en",
        reply_to=reply_to,
        root=root,
    )


def test_publishes_a_thread_with_the_reply_chained(harness: Any, tmp_path: Path) -> None:
    harness.serve_post("1001")
    harness.serve_post("1002")
    adapter: Adapter = harness.build(tmp_path)
    first = adapter.publish(part(0))
    second = adapter.publish(part(1, reply_to=first, root=first))

    sent = harness.sent()
    assert [s.text for s in sent] == ["Part 1: tide pools at dawn", "Part 2: tide pools at dawn"]
    assert sent[0].reply_to is None
    assert sent[1].reply_to == first.remote_id
    assert first.url and second.url != first.url
    assert first.remote_id != second.remote_id


def test_sends_the_idempotency_key_where_the_platform_has_one(harness: Any, tmp_path: Path) -> None:
    harness.serve_post("1001")
    adapter: Adapter = harness.build(tmp_path)
    p = part(0)
    ref = adapter.publish(p)
    (sent,) = harness.sent()
    if harness.name == "x":  # no key, no look-up: an interrupted part becomes unconfirmed
        assert sent.key is None and adapter.supports_lookup is False
        return
    assert sent.key == p.idempotency_key and adapter.supports_lookup is True
    assert adapter.lookup(p) == ref
    assert adapter.lookup(replace(part(0), text="Never sent")) is None  # a key never sent


def test_authenticates_every_request_without_logging_secrets(
    network_harness: Any, tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    harness = network_harness
    caplog.set_level(logging.DEBUG)
    harness.serve_post("1001")
    adapter: Adapter = harness.build(tmp_path)
    adapter.publish(part(0))
    (sent,) = harness.sent()
    assert sent.headers.get("Authorization", sent.headers.get("authorization", ""))
    for value in SECRETS.values():
        assert value not in caplog.text


@pytest.mark.parametrize("kind", ERROR_KINDS)
def test_classifies_every_failure(harness: Any, tmp_path: Path, kind: str) -> None:
    harness.serve_error(kind)  # scripted before the adapter is built (the mock reads its config)
    adapter: Adapter = harness.build(tmp_path)
    with pytest.raises(EXPECTED[kind]) as raised:
        adapter.publish(part(0))
    message = str(raised.value)
    assert harness.platform_message(kind) in message
    if kind == "rate_limit":
        assert isinstance(raised.value, RateLimitedError)
        # (Mastodon.py shifts the reset by the server clock's offset, from its Date header)
        reset = datetime.fromtimestamp(RESET_EPOCH, tz=UTC)
        assert abs(raised.value.reset_at - reset) < timedelta(seconds=2)
    if kind == "unauthorized":
        assert harness.account.name in message
        assert not any(secret in message for secret in SECRETS.values())


def test_a_missing_credential_names_the_account_and_variable(
    network_harness: Any, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    harness = network_harness
    var = next(v for v in harness.account.settings.values() if str(v).startswith("T_"))
    monkeypatch.delenv(var)
    with pytest.raises(AuthError) as raised:
        harness.build(tmp_path)
    assert harness.account.name in str(raised.value) and var in str(raised.value)
