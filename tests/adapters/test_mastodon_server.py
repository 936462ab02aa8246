"""The Mastodon adapter, through Mastodon.py, against a Mastodon server process (mastodon-mock):
the idempotency key honoured by the server, the instance's limits from /api/v2/instance, a real
422 for an over-long status, and a thread whose reply target vanished (404) ending ``partial``.

The contract tests (test_adapter_contract.py) run this server as their ``mastodon_server_harness``
too: reply chain, key and look-up, and every error kind injected server-side.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from scheduler.adapters.base import Limits, OutgoingPart, PermanentError, TransientError
from scheduler.adapters.mastodon import MastodonAdapter
from scheduler.adapters.tid import new_tid

from .conftest import CLIENT_TIMEOUT_SECONDS, SERVER_TOKEN_VAR, MastodonServerHarness

ROOT = Path(__file__).resolve().parents[2]
HERALD = Path(sys.executable).with_name("herald")
REPLY_TARGET_GONE = "The post you are trying to reply to does not appear to exist."


def build(harness: MastodonServerHarness, data_dir: Path) -> MastodonAdapter:
    adapter = harness.build(data_dir)
    assert isinstance(adapter, MastodonAdapter)
    return adapter


def test_a_resent_key_returns_the_original_status(
    mastodon_server_harness: MastodonServerHarness, tmp_path: Path
) -> None:
    """After a timeout the part is re-sent with its key; the server answers with the status it
    already holds (had it landed) and never makes a second one."""
    harness = mastodon_server_harness
    adapter = build(harness, tmp_path)
    part = OutgoingPart("d", 0, 1, "Once only #exactlyonce", new_tid(), lang="en")
    harness.server.add_fault({"type": "latency", "delay_ms": int(CLIENT_TIMEOUT_SECONDS * 3000)})
    with pytest.raises(TransientError, match="unreachable or too slow"):
        adapter.publish(part)
    first = adapter.publish(part)
    again = adapter.publish(part)
    assert again == first
    assert adapter.lookup(part) == first
    assert [s["id"] for s in harness.statuses()] == [first.remote_id]


def test_check_caches_the_v2_instance_limits(
    mastodon_server_harness: MastodonServerHarness, tmp_path: Path
) -> None:
    adapter = build(mastodon_server_harness, tmp_path)
    said = adapter.verify()
    assert said.startswith(f"@{mastodon_server_harness.user['username']} on ")
    assert "posts up to 500 characters, links count 23" in said
    assert build(mastodon_server_harness, tmp_path).limits == Limits(500, 23)


def test_an_over_long_status_is_refused_with_the_servers_message(
    mastodon_server_harness: MastodonServerHarness, tmp_path: Path
) -> None:
    """A real 422 (the mock counts plain characters: no judge of Herald's URL-weighted count)."""
    adapter = build(mastodon_server_harness, tmp_path)
    with pytest.raises(PermanentError, match="422 Validation failed: Text is too long"):
        adapter.publish(OutgoingPart("d", 0, 1, "x" * 501, new_tid()))
    assert mastodon_server_harness.statuses() == []


def test_a_thread_whose_reply_target_vanished_ends_partial_with_the_live_urls(
    mastodon_server_harness: MastodonServerHarness, isolated_herald: Path
) -> None:
    """The real daemon (``herald run --once``): the first part goes out, then the server answers
    the second with Mastodon's 404 for an unknown reply target (the first status was deleted)."""
    harness = mastodon_server_harness
    (isolated_herald / "config.toml").write_text(
        f"""
[accounts.lab-mastodon]
platform = "mastodon"
instance = "{harness.server.url}"
token_env = "{SERVER_TOKEN_VAR}"
max_length = 300
"""
    )
    article = ROOT / "examples" / "lab-notes-tide-pools.md"
    add = ("queue", "add", str(article), "--to", "lab-mastodon", "--mode", "thread", "--now")
    queued = herald(*add, "--json")
    assert queued.returncode == 0, queued.stderr
    (draft,) = json.loads(queued.stdout)
    assert len(draft["parts"]) >= 3
    harness.server.add_fault({"type": "latency", "delay_ms": 0})  # the first post goes through
    harness.server.add_fault(
        {"type": "status", "status": 404, "body": {"error": REPLY_TARGET_GONE}}
    )

    run = herald("run", "--once")
    assert run.returncode == 1, run.stderr  # a draft needs attention
    (live,) = harness.statuses()
    assert f"live={live['url']}" in run.stderr
    shown = json.loads(herald("queue", "show", draft["id"], "--json").stdout)
    assert shown["status"] == "partial"
    first, second, *rest = shown["parts"]
    assert (first["status"], first["url"]) == ("published", live["url"])
    assert second["status"] == "failed" and REPLY_TARGET_GONE in second["last_error"]
    assert {p["status"] for p in rest} == {"pending"}


def herald(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [str(HERALD), *args],
        env=dict(os.environ),
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
