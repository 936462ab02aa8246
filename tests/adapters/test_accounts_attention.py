"""``herald accounts list`` says which accounts the publisher holds and why; ``accounts check`` of
an unreachable platform is one line and exit 2 (exit 1 is kept for publish failures)."""

from __future__ import annotations

import json
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
import requests
import responses
from click.testing import CliRunner

from scheduler.cli.main import cli
from tests.conftest import configured_store
from tests.queue.conftest import worker

from .test_accounts_cli import CONFIG

HOUR = timedelta(hours=1)


@pytest.fixture
def configured(isolated_herald: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    (isolated_herald / "config.toml").write_text(CONFIG)
    monkeypatch.setenv("T_MASTO_TOKEN", "token")
    return isolated_herald


def test_list_shows_held_accounts_even_those_gone_from_the_config(configured: Path) -> None:
    since = datetime(2026, 3, 2, 9, 0, tzinfo=UTC)
    store = configured_store()
    worker(store).hold_account(
        "lab-mastodon", "auth", "401 Unauthorized: token revoked", since, HOUR
    )
    worker(store).hold_account("old-x", "config", "no account 'old-x' in the config", since, HOUR)
    store.close()

    listed = json.loads(CliRunner().invoke(cli, ["accounts", "list", "--json"]).stdout)
    held = {row["name"]: row["held"] for row in listed}
    assert held["lab-bluesky"] is None
    assert held["lab-mastodon"] == {
        "kind": "auth",
        "reason": "401 Unauthorized: token revoked",
        "since": "2026-03-02T09:00:00Z",
    }
    assert held["old-x"]["kind"] == "config"

    text = CliRunner().invoke(cli, ["accounts", "list"]).stdout
    assert "NEEDS ATTENTION since 2026-03-02T09:00:00Z" in text
    assert "401 Unauthorized: token revoked" in text
    assert "old-x  not in the config, but has drafts" in text


def test_list_creates_no_database(configured: Path) -> None:
    assert CliRunner().invoke(cli, ["accounts", "list"]).exit_code == 0
    assert not (configured / "data" / "herald.db").exists()


def test_check_of_an_unreachable_platform_exits_2_with_one_line(
    configured: Path, requests_mock: responses.RequestsMock
) -> None:
    requests_mock.get(
        "https://masto.example/api/v1/accounts/verify_credentials",
        body=requests.ConnectionError("Name or service not known"),
    )
    result = CliRunner().invoke(cli, ["accounts", "check", "lab-mastodon"])
    assert result.exit_code == 2
    [line] = result.stderr.splitlines()
    assert line.startswith("Error: ") and "Traceback" not in result.output
