"""[notify] end to end: a real `herald run --once` and `queue add --hold` tell a webhook or a
command; a dead webhook changes nothing; a mistake in [notify] is one line and exit 2."""

from __future__ import annotations

import json
import subprocess
import sys
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from click.testing import CliRunner

from posts.config import load_config
from posts.queue import NewDraft, NewPart, Source
from scheduler.adapters.mock import read_outbox
from scheduler.cli.main import cli
from scheduler.cli.state import State
from scheduler.daemon import Publisher, open_publishing_store
from scheduler.tick import TickPolicy
from tests.conftest import configured_store
from tests.loopback_server import free_port
from tests.notify.conftest import Hook

HERALD = str(Path(sys.executable).parent / "herald")
ACCOUNTS = """
[accounts.good]
platform = "bluesky"
mock = true

[accounts.flaky]
platform = "x"
mock = true
mock_fail = ["permanent"]

[accounts.broken]
platform = "bluesky"
handle = "broken.example"
password_env = "HERALD_TEST_UNSET_PASSWORD"
"""
ARTICLE = "# Kelp forests count the days\n\nGrowth peaked in the week after each spring tide.\n"


def configure(home: Path, notify: str) -> None:
    (home / "config.toml").write_text(f"[notify]\n{notify}\n{ACCOUNTS}")


def queue_due(*accounts: str) -> dict[str, str]:
    """One draft per account, due a second ago; account -> draft id."""
    now = datetime.now(UTC)
    store = configured_store()
    try:
        added = store.add(
            [
                NewDraft(
                    account, "x" if account == "flaky" else "bluesky",
                    Source("a.md", "0" * 64, "Kelp"), (NewPart(f"post for {account}", 16),),
                    scheduled_at=now - timedelta(seconds=1),
                )
                for account in accounts
            ],
            now=now,
        )  # fmt: skip
    finally:
        store.close()
    return {d.account: d.id for d in added}


def run_once() -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [HERALD, "run", "--once"], capture_output=True, text=True, timeout=120, check=False
    )


def test_a_real_run_tells_the_webhook_how_each_draft_ended(
    isolated_herald: Path, hook: Hook
) -> None:
    events = '["published", "failed", "account-attention"]'
    configure(isolated_herald, f'webhook = "{hook.url}"\nevents = {events}')
    ids = queue_due("good", "flaky", "broken")
    done = run_once()
    assert done.returncode == 1, done.stderr  # flaky failed
    by_event = {b["event"]: b for b in hook.bodies}
    assert sorted(by_event) == ["account-attention", "failed", "published"]
    published = by_event["published"]
    assert set(published) == {
        "herald",
        "event",
        "at",
        "summary",
        "account",
        "draft",
        "feed",
        "reason",
    }
    assert published["draft"]["id"] == ids["good"] and published["draft"]["status"] == "published"
    assert published["draft"]["urls"] == [
        read_outbox(isolated_herald / "data" / "outbox.jsonl")[0]["url"]
    ]
    assert by_event["failed"]["draft"]["id"] == ids["flaky"] and by_event["failed"]["reason"]
    attention = by_event["account-attention"]
    assert attention["account"] == "broken" and "HERALD_TEST_UNSET_PASSWORD" in attention["reason"]
    assert all(h["Content-Type"] == "application/json" for h in hook.headers)


def test_a_dead_webhook_changes_nothing_for_publishing(isolated_herald: Path) -> None:
    configure(isolated_herald, f'webhook = "http://127.0.0.1:{free_port()}/hook/s3cr3t"')
    queue_due("good")
    done = run_once()
    assert done.returncode == 0, done.stderr
    assert len(read_outbox(isolated_herald / "data" / "outbox.jsonl")) == 1
    assert "notify-failed" not in done.stderr  # published is not among the default events
    queue_due("flaky")
    failed = run_once()
    assert failed.returncode == 1
    assert "notify-failed event=failed target=webhook" in failed.stderr
    assert "s3cr3t" not in failed.stderr  # the webhook's path may be its secret


def test_queue_add_hold_tells_the_webhook_and_the_command(
    isolated_herald: Path, hook: Hook
) -> None:
    out, pwned = isolated_herald / "notice.json", isolated_herald / "pwned"
    script = isolated_herald / "record.py"
    script.write_text(
        "import json, sys\n"
        "json.dump({'argv': sys.argv[1:], 'stdin': json.load(sys.stdin)}, open(sys.argv[1], 'w'))\n"
    )
    command = f"{sys.executable} {script} {out} ; touch {pwned} $HOME"
    configure(isolated_herald, f"webhook = \"{hook.url}\"\ncommand = '{command}'")
    article = isolated_herald / "kelp.md"
    article.write_text(ARTICLE)
    now = datetime(2026, 3, 2, 8, 0, tzinfo=UTC)
    result = CliRunner().invoke(
        cli, ["queue", "add", str(article), "--to", "good", "--at", "2026-03-02 10:00", "--hold"],
        obj=State(clock=lambda: now),
    )  # fmt: skip
    assert result.exit_code == 0, result.output
    assert hook.events() == ["awaiting-approval"]
    recorded = json.loads(out.read_text())
    assert recorded["stdin"] == hook.bodies[0]
    assert recorded["argv"] == [str(out), ";", "touch", str(pwned), "$HOME"]  # no shell ran it
    assert not pwned.exists()
    draft = recorded["stdin"]["draft"]
    assert (draft["status"], draft["scheduled_at"]) == ("awaiting", "2026-03-02T10:00:00Z")


@pytest.mark.parametrize(
    ("notify", "message"),
    [
        (
            'webhook = "ftp://example.org/hook"',
            "'notify.webhook' is not an http:// or https:// URL",
        ),
        ('webhook = "https://"', "'notify.webhook' is not an http:// or https:// URL"),
        ('webhook = "https://example.org:port/"', "'notify.webhook' is not an http:// or https"),
        ('events = ["published", "tweeted"]', "'notify.events' = 'tweeted'; expected one of"),
        ('events = "failed"', "'notify.events' = 'failed'; expected a list of event names"),
        ('command = "notify-send \'unclosed"', "'notify.command' cannot be split into words"),
        ("timeout = 0", "'notify.timeout' = 0; expected from 1 to 300"),
        ("retries = 3", "unknown key 'notify.retries'"),
    ],
)
def test_a_notify_mistake_is_one_line_and_exit_2(
    isolated_herald: Path, notify: str, message: str
) -> None:
    configure(isolated_herald, notify)
    result = CliRunner().invoke(cli, ["queue", "list"])
    assert result.exit_code == 2
    assert result.output.count("\n") == 1 and result.output.startswith("Error: ")
    assert message in result.output
    assert "t0ken-path" not in result.output  # a webhook URL is never echoed


def test_a_reloaded_config_notifies_as_it_now_says(isolated_herald: Path, hook: Hook) -> None:
    (isolated_herald / "config.toml").write_text(ACCOUNTS)
    config = load_config()
    store = open_publishing_store(config, datetime.now(UTC))
    publisher = Publisher(store, config, TickPolicy.from_config(config), lambda: datetime.now(UTC))
    try:
        queue_due("good")
        assert publisher.tick().finished  # published, and nobody to tell
        configure(isolated_herald, f'webhook = "{hook.url}"\nevents = ["published"]')
        publisher.reload_wanted.set()  # what SIGHUP does
        assert publisher.reload_if_changed()
        second = queue_due("good")["good"]
        assert publisher.tick().finished == {second: "published"}
    finally:
        publisher.close()  # delivers what is queued
        store.close()
    assert [(b["event"], b["draft"]["id"]) for b in hook.bodies] == [("published", second)]
