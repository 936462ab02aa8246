"""`herald run --once / --dry-run` through the CLI, the registry and the mock's config."""

from __future__ import annotations

import json
import os
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from click.testing import CliRunner

from posts.clock import system_clock
from posts.config import Account, load_config
from posts.errors import ConfigError
from posts.queue import NewDraft, NewPart, Source
from posts.queue.model import Approval
from scheduler.adapters.base import OutgoingPart
from scheduler.adapters.mock import MockAdapter, MockNoLookupAdapter, read_outbox
from scheduler.adapters.registry import AdapterPool, adapter_class, adapter_for, installed
from scheduler.cli.main import cli
from tests.conftest import configured_store

CONFIG = """
[accounts.good]
platform = "bluesky"
mock = true

[accounts.flaky]
platform = "x"
mock = true
mock_fail = ["ok", "permanent"]
mock_lookup = false
"""


def queue(
    *drafts: tuple[str, str, tuple[str, ...]],
    at: datetime | None = None,
    approval: Approval | None = None,
) -> list[str]:
    store = configured_store()
    try:
        added = store.add(
            [
                NewDraft(
                    account=account,
                    platform=platform,
                    source=Source("a.md", "0" * 64, "A"),
                    parts=tuple(NewPart(t, len(t)) for t in texts),
                    scheduled_at=at or datetime.now(UTC) - timedelta(seconds=1),
                    approval=approval,
                )
                for account, platform, texts in drafts
            ],
            now=datetime.now(UTC),
        )
        return [d.id for d in added]
    finally:
        store.close()


@pytest.fixture
def config(isolated_herald: Path) -> Path:
    (isolated_herald / "config.toml").write_text(CONFIG)
    return isolated_herald


def test_run_once_publishes_what_is_due_and_exits_1_on_a_failure(config: Path) -> None:
    ok, bad = queue(("good", "bluesky", ("a", "b")), ("flaky", "x", ("c", "d", "e")))
    result = CliRunner().invoke(cli, ["run", "--once", "--log-format", "json"])

    assert result.exit_code == 1
    assert f"1 draft(s) need attention: {bad} partial" in result.output
    outbox = read_outbox(load_config().outbox)
    assert sorted(line["text"] for line in outbox) == ["a", "b", "c"]
    events = [json.loads(line) for line in result.stderr.splitlines() if line.startswith("{")]
    assert {"started", "claimed", "published", "failed", "finished", "stopped"} <= {
        e["event"] for e in events
    }
    failed = next(e for e in events if e["event"] == "failed")
    assert failed["draft"] == bad and failed["reason"].startswith("400 Bad Request")
    store = configured_store()
    assert store.get(ok).status == "published" and store.get(bad).status == "partial"


def test_run_once_with_nothing_due_exits_0(config: Path) -> None:
    queue(("good", "bluesky", ("later",)), at=datetime.now(UTC) + timedelta(hours=1))
    result = CliRunner().invoke(cli, ["run", "--once"])
    assert result.exit_code == 0, result.output
    assert read_outbox(load_config().outbox) == []


def test_dry_run_prints_the_plan_and_leaves_the_database_byte_identical(config: Path) -> None:
    due, later = (
        queue(("good", "bluesky", ("soon one", "soon two")))[0],
        queue(("flaky", "x", ("later",)), at=datetime.now(UTC) + timedelta(hours=2))[0],
    )
    db = Path(os.environ["HERALD_DB"])
    before = db.read_bytes()

    result = CliRunner().invoke(cli, ["run", "--dry-run"])

    assert result.exit_code == 0, result.output
    assert db.read_bytes() == before
    assert result.output.index(due) < result.output.index(later)
    assert "1/2  soon one" in result.output and "2 draft(s); nothing was changed" in result.output
    assert not load_config().outbox.exists()


def test_dry_run_json_lists_the_plan_for_scripts(config: Path) -> None:
    [due] = queue(("good", "bluesky", ("soon one", "soon two")))
    db = Path(os.environ["HERALD_DB"])
    before = db.read_bytes()

    result = CliRunner().invoke(cli, ["run", "--dry-run", "--json"])

    assert result.exit_code == 0, result.output
    assert db.read_bytes() == before
    [item] = json.loads(result.output)
    assert (item["id"], item["account"], item["action"]) == (due, "good", "publish")
    assert datetime.fromisoformat(item["at"]).utcoffset() == timedelta(0)
    assert [p["text"] for p in item["parts"]] == ["soon one", "soon two"]


def test_dry_run_names_the_drafts_awaiting_approval(config: Path) -> None:
    [due] = queue(("good", "bluesky", ("soon",)))
    intended = datetime.now(UTC) + timedelta(hours=3)
    held = queue(
        ("good", "bluesky", ("held one",)),
        ("flaky", "x", ("held two",)),
        at=intended,
        approval="at",
    )

    text = CliRunner().invoke(cli, ["run", "--dry-run"])
    plan = json.loads(CliRunner().invoke(cli, ["run", "--dry-run", "--json"]).output)

    assert text.exit_code == 0 and "1 draft(s); nothing was changed" in text.output
    assert (
        f"2 draft(s) await approval and will not go out until approved "
        f"(herald queue approve ID): {', '.join(sorted(held))}"
    ) in text.output.replace("\n", " ")
    assert "held one" not in text.output
    assert [(p["id"], p["action"]) for p in plan] == [(due, "publish")] + [
        (i, "awaiting approval") for i in sorted(held)
    ]
    assert abs(datetime.fromisoformat(plan[1]["at"]) - intended) < timedelta(seconds=1)


def test_json_without_dry_run_is_bad_usage(config: Path) -> None:
    result = CliRunner().invoke(cli, ["run", "--json"])
    assert result.exit_code == 2 and "--json goes with --dry-run" in result.output


def test_dry_run_on_a_missing_database_creates_nothing(config: Path) -> None:
    result = CliRunner().invoke(cli, ["run", "--dry-run"])
    assert result.exit_code == 0
    assert "Nothing scheduled" in result.output
    assert not Path(os.environ["HERALD_DB"]).exists()


def test_a_second_once_run_is_refused_while_a_publisher_holds_the_database(config: Path) -> None:
    from scheduler.lock import PublisherLock, lock_path

    queue(("good", "bluesky", ("a",)))
    path = lock_path(os.environ["HERALD_DB"])
    assert path is not None
    holder = PublisherLock(path)
    assert holder.try_acquire()
    try:
        result = CliRunner().invoke(cli, ["run", "--once"])
    finally:
        holder.release()
    assert result.exit_code == 2
    assert "another `herald run` is publishing from" in result.output
    assert read_outbox(load_config().outbox) == []


def test_unknown_adapters_are_named_with_the_installed_ones() -> None:
    assert {"mock", "x", "bluesky", "mastodon"} <= set(installed())
    with pytest.raises(
        ConfigError, match=r"no adapter named 'fax' is installed \(installed: .*mock"
    ):
        adapter_class("fax")


def test_adapter_for_builds_mock_accounts_on_the_configured_outbox(config: Path) -> None:
    cfg = load_config()
    good = adapter_for(cfg.accounts["good"], cfg, system_clock)
    flaky = adapter_for(cfg.accounts["flaky"], cfg, system_clock)
    assert type(good) is MockAdapter and good.supports_lookup
    assert type(flaky) is MockNoLookupAdapter and not flaky.supports_lookup
    assert isinstance(good, MockAdapter) and good.outbox.path == cfg.outbox
    assert good.limits.max_length == 300


def test_adapters_from_the_pool_tell_the_time_by_the_publisher_s_clock(config: Path) -> None:
    cfg = load_config()
    then = datetime(2031, 5, 6, 7, 8, 9, tzinfo=UTC)
    adapters = AdapterPool(cfg, lambda: then)
    adapters("good").publish(OutgoingPart("d1", 0, 1, "hello", "key-1"))
    assert [r["time"] for r in read_outbox(cfg.outbox)] == [then.isoformat()]


@pytest.mark.parametrize("spec", ["explode", "rate_limit:soon", "server_error:3"])
def test_a_bad_failure_spec_names_the_account_and_the_choices(spec: str, tmp_path: Path) -> None:
    account = Account(name="demo", platform="x", mock=True, settings={"mock_fail": [spec]})
    with pytest.raises(ConfigError, match=r"accounts\.demo\.mock_fail: .* is not one of ok, rate"):
        MockAdapter.from_account(account, data_dir=tmp_path, clock=system_clock)


def test_dry_run_says_which_overdue_drafts_would_be_missed(config: Path) -> None:
    old = queue(("good", "bluesky", ("stale",)), at=datetime.now(UTC) - timedelta(hours=7))[0]
    plain = CliRunner().invoke(cli, ["run", "--dry-run"])
    catch_up = CliRunner().invoke(cli, ["run", "--dry-run", "--catch-up"])
    assert f"{old}  good (bluesky)  mark missed" in plain.output
    assert f"{old}  good (bluesky)  publish" in catch_up.output
