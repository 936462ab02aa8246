"""`queue add`, `preview` and `run --dry-run` warn when an account could not publish as configured
(unknown, a credential variable unset, an adapter that cannot be built, or held by the daemon)."""

from __future__ import annotations

import json
import os
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from scheduler.cli.main import cli
from scheduler.preview import lint
from tests.conftest import configured_store
from tests.queue.conftest import worker

CONFIG = """
[accounts.demo-x]
platform = "x"
mock = true

[accounts.lab-x]
platform = "x"
oauth2_token_env = "T_LAB_X_TOKEN"
"""
ARTICLE = "# Tides\n\nThe tide comes in twice a day, and the pools fill with light.\n"


@pytest.fixture
def home(isolated_herald: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    (isolated_herald / "config.toml").write_text(CONFIG)
    (isolated_herald / "tides.md").write_text(ARTICLE)
    monkeypatch.delenv("T_LAB_X_TOKEN", raising=False)
    return isolated_herald


def _run(*args: str) -> Result:
    return CliRunner().invoke(cli, list(args))


def _add(home: Path, to: str) -> str:
    result = _run("queue", "add", str(home / "tides.md"), "--to", to, "--at", "in 1h", "--json")
    assert result.exit_code == 0, result.output
    return str(json.loads(result.stdout)[0]["id"])


def test_queue_add_warns_about_an_unset_credential_and_still_queues(home: Path) -> None:
    result = _run("queue", "add", str(home / "tides.md"), "--to", "lab-x,demo-x", "--at", "in 1h")
    assert result.exit_code == 0
    [warning] = result.stderr.splitlines()
    assert warning == (
        "warning: account 'lab-x': environment variable T_LAB_X_TOKEN (from oauth2_token_env) "
        "is not set; lab-x's drafts are held at their time until this is fixed"
    )
    assert "Queued 2 drafts" in result.stdout


def test_queue_add_is_quiet_when_the_account_can_publish(
    home: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("T_LAB_X_TOKEN", "token")
    result = _run("queue", "add", str(home / "tides.md"), "--to", "lab-x", "--at", "in 1h")
    assert result.exit_code == 0 and result.stderr == ""


def test_preview_and_dry_run_warn_about_an_account_gone_from_the_config(home: Path) -> None:
    draft = _add(home, "demo-x")
    (home / "config.toml").write_text(CONFIG.replace("[accounts.demo-x]", "[accounts.other-x]"))
    db = Path(os.environ["HERALD_DB"]).read_bytes()

    shown = _run("preview", draft)
    assert shown.exit_code == 0
    assert "⚠ account: account 'demo-x' is not in the config; demo-x's drafts are held" in (
        shown.stdout
    )
    planned = _run("run", "--dry-run")
    assert "⚠ account: account 'demo-x' is not in the config" in planned.stdout
    [item] = json.loads(_run("run", "--dry-run", "--json").stdout)
    assert [w["rule"] for w in item["warnings"]] == ["account"]
    assert Path(os.environ["HERALD_DB"]).read_bytes() == db  # nothing was changed


def test_preview_shows_why_the_daemon_holds_an_account(
    home: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("T_LAB_X_TOKEN", "revoked-token")
    draft = _add(home, "lab-x")
    store = configured_store()
    now = datetime.now(UTC)
    worker(store).hold_account(
        "lab-x", "auth", "401 Unauthorized: token revoked", now, timedelta(hours=1)
    )
    store.close()
    shown = json.loads(_run("preview", draft, "--json").stdout)
    [warning] = [w for w in shown["drafts"][0]["warnings"] if w["rule"] == "account"]
    assert warning["message"].startswith("401 Unauthorized: token revoked; lab-x's drafts are held")


def test_the_rule_is_quiet_for_an_account_that_can_publish() -> None:
    assert lint.account_not_ready("demo-x", None) == []
    [warning] = lint.account_not_ready("lab-x", "T is not set")
    assert warning.rule == "account" and warning.part is None
