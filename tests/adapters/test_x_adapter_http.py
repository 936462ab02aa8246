"""X specifics over faked HTTP: auth styles, timeouts, daily limits, duplicates, token refresh."""

from __future__ import annotations

import json
import stat
from datetime import UTC, datetime
from pathlib import Path

import pytest
import responses

from posts.clock import system_clock
from posts.config import Account
from scheduler.adapters.base import (
    OutcomeUnknownError,
    OutgoingPart,
    PermanentError,
    RateLimitedError,
)
from scheduler.adapters.x import READ_TIMEOUT_SECONDS, XAdapter

from .conftest import XHarness

REFRESHED = datetime(2026, 11, 24, 9, 0, tzinfo=UTC)  # the adapter's clock when it refreshes

DUPLICATE = {
    "detail": "You are not allowed to create a Tweet with duplicate content.",
    "status": 403,
}


def outgoing(attempt: int = 1) -> OutgoingPart:
    return OutgoingPart(
        draft_id="d", index=0, count=1, text="Low tide", idempotency_key="k", attempt=attempt
    )


def test_oauth1_signs_and_every_request_has_a_timeout(x_harness: XHarness, tmp_path: Path) -> None:
    x_harness.serve_post("1850000000000000001")
    ref = x_harness.build(tmp_path).publish(outgoing())
    assert ref.url == "https://x.com/lab/status/1850000000000000001"
    (call,) = x_harness.mock.calls
    assert call.request.headers["Authorization"].startswith("OAuth ")
    assert 'oauth_consumer_key="x-consumer-key-SECRET"' in call.request.headers["Authorization"]
    assert call.request.req_kwargs["timeout"][1] == READ_TIMEOUT_SECONDS


def test_oauth2_user_token_is_sent_as_bearer(
    requests_mock: responses.RequestsMock, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.setenv("T_X_TOKEN", "oauth2-user-token")
    account = Account("lab-x2", "x", settings={"oauth2_token_env": "T_X_TOKEN"})
    requests_mock.post(XHarness.api, json={"data": {"id": "7", "text": "t"}}, status=201)
    ref = XAdapter.from_account(account, data_dir=tmp_path, clock=system_clock).publish(outgoing())
    assert requests_mock.calls[0].request.headers["Authorization"] == "Bearer oauth2-user-token"
    assert ref.url == "https://x.com/i/status/7"  # no handle configured


def test_an_exhausted_daily_cap_waits_for_its_own_reset(
    x_harness: XHarness, tmp_path: Path
) -> None:
    x_harness.mock.post(
        x_harness.api,
        json={"title": "Too Many Requests"},
        status=429,
        headers={
            "x-rate-limit-reset": "1900000000",
            "x-user-limit-24hour-remaining": "0",
            "x-user-limit-24hour-reset": "1900050000",
        },
    )
    with pytest.raises(RateLimitedError) as raised:
        x_harness.build(tmp_path).publish(outgoing())
    assert raised.value.reset_at == datetime.fromtimestamp(1900050000, tz=UTC)


def test_duplicate_content_is_permanent_first_and_unknown_after_a_retry(
    x_harness: XHarness, tmp_path: Path
) -> None:
    adapter = x_harness.build(tmp_path)
    for _ in range(2):
        x_harness.mock.post(x_harness.api, json=DUPLICATE, status=403)
    with pytest.raises(PermanentError, match="duplicate content") as first:
        adapter.publish(outgoing(attempt=1))
    assert not isinstance(first.value, OutcomeUnknownError)
    with pytest.raises(OutcomeUnknownError, match="duplicate content"):
        adapter.publish(outgoing(attempt=2))


def test_a_rejected_oauth2_token_is_refreshed_once_and_kept_private(
    requests_mock: responses.RequestsMock, x_refreshing_account: Account, tmp_path: Path
) -> None:
    account = x_refreshing_account
    requests_mock.post(XHarness.api, json={"title": "Unauthorized"}, status=401)
    requests_mock.post(XHarness.api, json={"data": {"id": "8", "text": "t"}}, status=201)
    XAdapter.from_account(account, data_dir=tmp_path, clock=lambda: REFRESHED).publish(outgoing())

    token_call = requests_mock.calls[1].request
    assert "grant_type=refresh_token" in str(token_call.body) and "refresh_token=refresh-1" in str(
        token_call.body
    )
    assert requests_mock.calls[2].request.headers["Authorization"] == "Bearer new-access"
    (stored,) = (tmp_path / "sessions").iterdir()
    assert stat.S_IMODE(stored.stat().st_mode) == 0o600
    assert json.loads(stored.read_text())["refresh_token"] == "refresh-2"
    assert json.loads(stored.read_text())["refreshed_at"] == REFRESHED.timestamp()  # its clock
    # a restart uses the rotated token, not the spent one from the environment
    requests_mock.post(XHarness.api, json={"data": {"id": "9", "text": "t"}}, status=201)
    XAdapter.from_account(account, data_dir=tmp_path, clock=system_clock).publish(outgoing())
    assert requests_mock.calls[3].request.headers["Authorization"] == "Bearer new-access"


def test_verify_returns_the_username(x_harness: XHarness, tmp_path: Path) -> None:
    x_harness.mock.get(
        "https://api.twitter.com/2/users/me",
        json={"data": {"id": "42", "username": "lab", "name": "Lab"}},
    )
    assert x_harness.build(tmp_path).verify() == "@lab (id 42)"
