"""Mastodon end to end on snac2: the example article, queued as a thread, published by the real
daemon to a Mastodon-API server on loopback, then read back status by status.

Also: the daemon killed (SIGKILL) mid-thread, at chosen and at random moments, never posts a part
twice and the thread completes on the next run (``HERALD_E2E_CRASH_TRIALS`` and
``HERALD_E2E_CRASH_SEED`` set the random trials: 4, seed 13); ``herald accounts check`` finds the
limits through ``/api/v1/instance`` on a server that has no ``/api/v2/instance``; and a reply
whose target is gone, which snac2 posts outside the thread, is recorded with a warning.

snac2 ignores ``Idempotency-Key`` (tests/adapters/test_mastodon_server.py covers the key, instance
limits and every error kind against a server that honours it). The thread goes out once more
with a phone photo and its alt text: the attachment and its description are read back, and the
image as snac2 serves it carries none of the phone's metadata.
"""

from __future__ import annotations

import contextlib
import logging
import os
import random
import signal
import subprocess
import time
from collections import Counter
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import httpx
import pytest

from posts.clock import system_clock
from posts.config import Account
from scheduler.adapters.base import OutgoingPart, PublishedRef
from scheduler.adapters.mastodon import MastodonAdapter
from scheduler.adapters.tid import new_tid
from tests.media.images import opened, phone_jpeg, write

from .conftest import ROOT
from .herald_cli import (
    daemon,
    finish_with_run_once,
    herald,
    kill_after_published,
    queue_thread,
    state,
)
from .mastodon_server import ONE_REQUEST_PER_CONNECTION, SnacAccount, SnacServer, new_account

pytestmark = pytest.mark.e2e

ARTICLE = ROOT / "examples" / "lab-notes-tide-pools.md"
TOKEN_VAR = "HERALD_E2E_MASTODON_TOKEN"
MAX_LENGTH = 300  # below snac2's 100,000 characters, so the article makes a real thread
CRASH_TRIALS = int(os.environ.get("HERALD_E2E_CRASH_TRIALS", "4"))
CRASH_SEED = int(os.environ.get("HERALD_E2E_CRASH_SEED", "13"))
ALT = "Beadlet anemones opening in a tank before the water returns"


def write_config(home: Path, server: SnacServer) -> None:
    (home / "config.toml").write_text(
        f"""
[scheduler]
lease_seconds = 1

[accounts.lab-mastodon]
platform = "mastodon"
instance = "{server.url}"
token_env = "{TOKEN_VAR}"
max_length = {MAX_LENGTH}
"""
    )


@pytest.fixture
def herald_env(
    isolated_herald: Path, snac_server: SnacServer, snac_account: SnacAccount
) -> Iterator[dict[str, str]]:
    write_config(isolated_herald, snac_server)
    yield {**os.environ, TOKEN_VAR: snac_account.token}


def statuses(server: SnacServer, account: SnacAccount) -> list[dict[str, Any]]:
    """Every status of the account as the API serves it, with its source text under "source"."""
    auth = {"Authorization": f"Bearer {account.token}", **ONE_REQUEST_PER_CONNECTION}
    with httpx.Client(base_url=server.url, headers=auth, timeout=30) as http:
        listed = http.get(f"/api/v1/accounts/{account.id}/statuses", params={"limit": 40})
        listed.raise_for_status()
        out = []
        for status in listed.json():
            source = http.get(f"/api/v1/statuses/{status['id']}/source")
            source.raise_for_status()
            out.append({**status, "source": source.json()["text"]})
    return out


def in_thread_order(posted: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """The statuses from the first one along the reply chain (ids do not sort by time here)."""
    replies = {s["in_reply_to_id"]: s for s in posted if s["in_reply_to_id"] is not None}
    (first,) = [s for s in posted if s["in_reply_to_id"] is None]
    chain = [first]
    while chain[-1]["id"] in replies and len(chain) <= len(posted):
        chain.append(replies[chain[-1]["id"]])
    return chain


def check_thread(posted: list[dict[str, Any]], draft: dict[str, Any]) -> None:
    texts = Counter(s["source"] for s in posted)
    assert [n for n in texts.values() if n > 1] == [], texts  # nothing posted twice
    chain = in_thread_order(posted)
    assert len(chain) == len(posted)  # one unbroken reply chain, nothing detached
    assert [s["source"] for s in chain] == [p["text"] for p in draft["parts"]]
    assert {(s["visibility"], s["language"]) for s in chain} == {("public", "en")}


def test_the_example_article_goes_out_as_a_thread(
    herald_env: dict[str, str], snac_server: SnacServer, snac_account: SnacAccount
) -> None:
    draft = queue_thread(herald_env, ARTICLE, "lab-mastodon")
    finish_with_run_once(herald_env, draft["id"])  # again if a loaded machine let the lease lapse

    posted = statuses(snac_server, snac_account)
    check_thread(posted, draft)
    chain = in_thread_order(posted)
    shown = state(herald_env, draft["id"])
    assert shown["status"] == "published"
    assert [p["remote_id"] for p in shown["parts"]] == [s["id"] for s in chain]
    assert [p["url"] for p in shown["parts"]] == [s["url"] for s in chain]


def test_the_example_article_goes_out_as_a_thread_with_its_image(
    herald_env: dict[str, str], snac_server: SnacServer, snac_account: SnacAccount, tmp_path: Path
) -> None:
    photo = write(tmp_path / "phone.jpg", phone_jpeg(600, 400))
    draft = queue_thread(herald_env, ARTICLE, "lab-mastodon", "--image", str(photo), "--alt", ALT)
    finish_with_run_once(herald_env, draft["id"])  # again if a loaded machine let the lease lapse

    posted = statuses(snac_server, snac_account)
    check_thread(posted, draft)
    first, *rest = in_thread_order(posted)
    (attachment,) = first["media_attachments"]
    assert (attachment["type"], attachment["description"]) == ("image", ALT)
    served = httpx.get(attachment["url"], headers=ONE_REQUEST_PER_CONNECTION, timeout=30)
    served.raise_for_status()
    picture = opened(served.content)
    assert picture.size == (400, 600)  # upright: the phone's EXIF turn applied, then dropped
    assert not picture.getexif() and b"SN-4711-SECRET" not in served.content
    assert [s["media_attachments"] for s in rest] == [[] for _ in rest]
    (stored,) = state(herald_env, draft["id"])["parts"][0]["media"]
    assert (stored["alt"], stored["width"], stored["height"]) == (ALT, 400, 600)


def test_check_reads_the_limits_from_the_v1_instance_api(
    herald_env: dict[str, str], snac_server: SnacServer, snac_account: SnacAccount
) -> None:
    """snac2 answers 404 on /api/v2/instance; the limits come from /api/v1/instance."""
    assert httpx.get(f"{snac_server.url}/api/v2/instance", timeout=10).status_code == 404
    v1 = httpx.get(f"{snac_server.url}/api/v1/instance", timeout=10).json()
    limits = v1["configuration"]["statuses"]
    checked = herald(herald_env, "accounts", "check", "lab-mastodon")
    assert checked.returncode == 0, checked.stderr
    assert f"@{snac_account.user}" in checked.stdout
    assert f"posts up to {limits['max_characters']} characters" in checked.stdout
    assert f"links count {limits['characters_reserved_per_url']}" in checked.stdout


@pytest.mark.parametrize("kill_after", [1, 2])
def test_a_daemon_killed_between_parts_resumes_the_thread(
    herald_env: dict[str, str],
    snac_server: SnacServer,
    snac_account: SnacAccount,
    kill_after: int,
) -> None:
    draft = queue_thread(herald_env, ARTICLE, "lab-mastodon")
    kill_after_published(herald_env, kill_after)
    live_at_kill = len(statuses(snac_server, snac_account))
    assert kill_after <= live_at_kill < len(draft["parts"])  # killed mid-thread

    finish_with_run_once(herald_env, draft["id"])
    check_thread(statuses(snac_server, snac_account), draft)


def test_a_daemon_killed_with_a_post_in_flight_never_posts_it_twice(
    herald_env: dict[str, str], snac_server: SnacServer, snac_account: SnacAccount
) -> None:
    """The server is frozen while the second part's POST is in flight and the daemon dies there:
    the part is left ``sending`` and, once the server thaws, the post lands without Herald knowing.
    snac2 ignores the Idempotency-Key, so only the look-up among the account's own statuses keeps
    the restarted daemon from posting it again."""
    draft = queue_thread(herald_env, ARTICLE, "lab-mastodon")
    frozen = False
    try:
        with daemon(herald_env) as proc:
            assert proc.stderr is not None
            for line in proc.stderr:
                if " published " in line:  # the first part is live: freeze before the second
                    os.kill(snac_server.pid, signal.SIGSTOP)
                    frozen = True
                    break
            deadline = time.monotonic() + 60
            while state(herald_env, draft["id"])["parts"][1]["status"] != "sending":
                assert time.monotonic() < deadline and proc.poll() is None
                time.sleep(0.1)
    finally:  # the daemon is dead (SIGKILL) before the server thaws
        if frozen:
            os.kill(snac_server.pid, signal.SIGCONT)
    assert state(herald_env, draft["id"])["parts"][1]["status"] == "sending"
    deadline = time.monotonic() + 30
    while len(statuses(snac_server, snac_account)) < 2:  # the thawed server posts it
        assert time.monotonic() < deadline
        time.sleep(0.1)

    finish_with_run_once(herald_env, draft["id"])
    check_thread(statuses(snac_server, snac_account), draft)


def daemon_killed_after_claim(env: dict[str, str], seconds: float | None) -> float:
    """Start ``herald run``; SIGKILL it ``seconds`` after it logs the claim of the draft (None:
    once it logs the draft finished). Returns the seconds from the claim to the kill."""
    with daemon(env) as proc:
        assert proc.stderr is not None
        claimed = time.monotonic()
        for line in proc.stderr:
            if " claimed " in line:
                claimed = time.monotonic()
                if seconds is not None:
                    with contextlib.suppress(subprocess.TimeoutExpired):
                        proc.wait(timeout=seconds)  # it goes on writing into the pipe meanwhile
                    break
            if " finished " in line:
                break
        return time.monotonic() - claimed


def test_daemons_killed_at_random_moments_post_each_part_once(
    isolated_herald: Path, snac_server: SnacServer
) -> None:
    """A few trials, each on a fresh account: SIGKILL at a random moment while the thread goes out
    (uniform over the time an uninterrupted run takes, measured first), then ``herald run --once``
    until it is published. Each part must be live exactly once, in one reply chain."""
    rng = random.Random(CRASH_SEED)
    write_config(isolated_herald, snac_server)
    figures = []
    span = 0.0
    for trial in range(CRASH_TRIALS + 1):
        account = new_account(snac_server)
        env = {**os.environ, TOKEN_VAR: account.token}
        draft = queue_thread(env, ARTICLE, "lab-mastodon")
        delay = None if trial == 0 else rng.uniform(0, span)
        took = daemon_killed_after_claim(env, delay)
        span = span or took * 1.2  # the calibration run: claim to finish, and a margin
        at_kill = len(statuses(snac_server, account))
        finish_with_run_once(env, draft["id"])
        posted = statuses(snac_server, account)
        texts = Counter(s["source"] for s in posted)
        duplicates = sum(n - 1 for n in texts.values())
        lost = sum(p["text"] not in texts for p in draft["parts"])
        if (duplicates, lost) == (0, 0):
            check_thread(posted, draft)  # and one unbroken reply chain
        if delay is not None:
            figures.append((round(delay * 1000), at_kill, len(posted), duplicates, lost))
    mid_thread = sum(0 < live < len(draft["parts"]) for _, live, *_ in figures)
    duplicates = sum(f[3] for f in figures)
    lost = sum(f[4] for f in figures)
    print(f"crash trials: {len(figures)}, killed mid-thread: {mid_thread}, ", end="")
    print(f"duplicates: {duplicates}, lost: {lost}")
    print(f"(ms after the claim, live at the kill, live at the end, duplicates, lost): {figures}")
    assert (duplicates, lost) == (0, 0)


def test_a_reply_whose_target_is_gone_is_posted_alone_and_logged(
    snac_server: SnacServer,
    snac_account: SnacAccount,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    caplog: pytest.LogCaptureFixture,
) -> None:
    """Mastodon answers 404 for an unknown reply target (tests/adapters/test_mastodon_server.py);
    snac2 posts the status outside the thread instead: it is live, so Herald records it, and warns.
    """
    monkeypatch.setenv(TOKEN_VAR, snac_account.token)
    settings = {"instance": snac_server.url, "token_env": TOKEN_VAR}
    adapter = MastodonAdapter.from_account(
        Account("lab-mastodon", "mastodon", settings=settings),
        data_dir=tmp_path,
        clock=system_clock,
    )
    gone = PublishedRef("1796000000" + "0" * 32, f"{snac_server.url}/gone")
    part = OutgoingPart("d", 1, 2, "2/2 the rest", new_tid(), lang="en", reply_to=gone, root=gone)
    with caplog.at_level(logging.WARNING, logger="scheduler.adapters.mastodon"):
        ref = adapter.publish(part)
    adapter.close()
    (posted,) = statuses(snac_server, snac_account)
    assert (posted["id"], posted["in_reply_to_id"]) == (ref.remote_id, None)
    assert f"not as a reply to {gone.remote_id}" in caplog.text
