"""Mastodon specifics over faked HTTP: the wire, instance limits, and the look-up by key age."""

from __future__ import annotations

from datetime import datetime, timedelta
from pathlib import Path

import pytest

from posts.clock import system_clock
from scheduler.adapters.base import Limits, OutcomeUnknownError, OutgoingPart, PublishedRef
from scheduler.adapters.mastodon import (
    IDEMPOTENCY_WINDOW,
    LOOKUP_PAGE,
    LOOKUP_PAGES,
    MastodonAdapter,
)
from scheduler.adapters.tid import new_tid, timestamp

from .conftest import MastodonHarness, status_json

INSTANCE = MastodonHarness.instance


def build(harness: MastodonHarness, data_dir: Path, now: datetime | None = None) -> MastodonAdapter:
    adapter = harness.build(data_dir, clock=system_clock if now is None else lambda: now)
    assert isinstance(adapter, MastodonAdapter)
    return adapter


def test_status_goes_out_with_reply_language_key_and_timeout(
    mastodon_harness: MastodonHarness, tmp_path: Path
) -> None:
    mastodon_harness.serve_post("110")
    parent = PublishedRef("109", f"{INSTANCE}/@lab/109")
    key = new_tid()
    p = OutgoingPart("d", 1, 2, "Second part", key, lang="en", reply_to=parent, root=parent)
    ref = build(mastodon_harness, tmp_path).publish(p)
    (sent,) = mastodon_harness.sent()
    assert (sent.text, sent.reply_to, sent.body["language"]) == ("Second part", "109", "en")
    assert sent.headers["Idempotency-Key"] == key
    assert sent.headers["Authorization"] == "Bearer mastodon-token-SECRET"
    assert mastodon_harness.mock.calls[0].request.req_kwargs["timeout"] == 30.0
    assert ref == PublishedRef("110", f"{INSTANCE}/@lab/110")


def test_check_caches_the_instance_limits_for_the_formatter(
    mastodon_harness: MastodonHarness, tmp_path: Path
) -> None:
    mock = mastodon_harness.mock
    mock.get(f"{INSTANCE}/api/v1/accounts/verify_credentials", json={"id": "1", "acct": "lab"})
    mock.get(
        f"{INSTANCE}/api/v2/instance/",
        json={
            "configuration": {
                "statuses": {"max_characters": 1000, "characters_reserved_per_url": 23}
            }
        },
    )
    adapter = build(mastodon_harness, tmp_path)
    assert adapter.limits == Limits(500, 23)  # Mastodon's default until checked
    assert "posts up to 1000 characters" in adapter.verify()
    assert build(mastodon_harness, tmp_path).limits == Limits(1000, 23)  # cached on disk


def test_check_falls_back_to_the_v1_instance_api_on_older_servers(
    mastodon_harness: MastodonHarness, tmp_path: Path
) -> None:
    mock = mastodon_harness.mock
    mock.get(f"{INSTANCE}/api/v1/accounts/verify_credentials", json={"id": "1", "acct": "lab"})
    mock.get(f"{INSTANCE}/api/v2/instance/", json={"error": "Not Found"}, status=404)
    mock.get(f"{INSTANCE}/api/v1/instance/", json={"uri": "masto.example", "max_toot_chars": 700})
    adapter = build(mastodon_harness, tmp_path)
    adapter.verify()
    assert adapter.limits == Limits(700, 23)


@pytest.mark.parametrize("age", [IDEMPOTENCY_WINDOW / 2, timedelta(hours=3)])
@pytest.mark.parametrize("landed", [True, False])
def test_lookup_reads_the_accounts_statuses_since_the_key_was_made(
    mastodon_harness: MastodonHarness, tmp_path: Path, landed: bool, age: timedelta
) -> None:
    """Inside the key's window too: a server that ignores Idempotency-Key (snac2) would post a
    re-sent part again, so a part that did land must be found rather than re-sent."""
    key = new_tid()
    mock = mastodon_harness.mock
    mock.get(f"{INSTANCE}/api/v1/accounts/verify_credentials", json={"id": "1", "acct": "lab"})
    statuses = [status_json("201", INSTANCE, reply_to="100"), status_json("202", INSTANCE)]
    mock.get(f"{INSTANCE}/api/v1/accounts/1/statuses", json=statuses)
    mock.get(
        f"{INSTANCE}/api/v1/statuses/202/source",
        json={"id": "202", "text": "Other", "spoiler_text": ""},
    )
    text = "Part two" if landed else "Never sent"
    mock.get(
        f"{INSTANCE}/api/v1/statuses/201/source",
        json={"id": "201", "text": "Part two\n", "spoiler_text": ""},
    )
    adapter = build(mastodon_harness, tmp_path, now=timestamp(key) + age)
    parent = PublishedRef("100", "u")
    found = adapter.lookup(OutgoingPart("d", 1, 2, text, key, reply_to=parent, root=parent))
    assert found == (PublishedRef("201", f"{INSTANCE}/@lab/201") if landed else None)
    listing = next(c for c in mock.calls if "/statuses?" in c.request.url)
    assert "min_id" not in listing.request.params  # a time as an id is Mastodon's alone


def test_lookup_reads_back_only_to_the_time_the_key_was_made(
    mastodon_harness: MastodonHarness, tmp_path: Path
) -> None:
    key = new_tid()
    made = timestamp(key)
    mock = mastodon_harness.mock
    mock.get(f"{INSTANCE}/api/v1/accounts/verify_credentials", json={"id": "1", "acct": "lab"})
    page = [status_json(str(300 + i), INSTANCE, reply_to="999") for i in range(LOOKUP_PAGE)]
    page[-1] = status_json("300", INSTANCE, reply_to="999", created_at=made - timedelta(hours=2))
    older = f'<{INSTANCE}/api/v1/accounts/1/statuses?max_id=300>; rel="next"'
    mock.get(f"{INSTANCE}/api/v1/accounts/1/statuses", json=page, headers={"Link": older})
    adapter = build(mastodon_harness, tmp_path, now=made + timedelta(hours=3))
    assert adapter.lookup(OutgoingPart("d", 0, 1, "Text", key)) is None
    assert len([c for c in mock.calls if "/accounts/1/statuses" in c.request.url]) == 1


@pytest.mark.parametrize("age", [IDEMPOTENCY_WINDOW / 2, timedelta(hours=3)])
def test_lookup_that_cannot_see_back_far_enough(
    mastodon_harness: MastodonHarness, tmp_path: Path, age: timedelta
) -> None:
    """Over 200 statuses since the key: inside the window the key still makes a re-send safe on
    Mastodon (None); later nobody can tell, and the part must not be sent again on a guess."""
    key = new_tid()
    mock = mastodon_harness.mock
    mock.get(f"{INSTANCE}/api/v1/accounts/verify_credentials", json={"id": "1", "acct": "lab"})
    page = [status_json(str(300 + i), INSTANCE, reply_to="999") for i in range(LOOKUP_PAGE)]
    older = f'<{INSTANCE}/api/v1/accounts/1/statuses?max_id=300>; rel="next"'
    mock.get(f"{INSTANCE}/api/v1/accounts/1/statuses", json=page, headers={"Link": older})
    adapter = build(mastodon_harness, tmp_path, now=timestamp(key) + age)
    part = OutgoingPart("d", 0, 1, "Text", key)
    if age < IDEMPOTENCY_WINDOW:
        assert adapter.lookup(part) is None
    else:
        with pytest.raises(OutcomeUnknownError, match="queue retry ID --force"):
            adapter.lookup(part)
    listings = [c for c in mock.calls if "/accounts/1/statuses" in c.request.url]
    assert len(listings) >= LOOKUP_PAGES  # every status it may read was read
