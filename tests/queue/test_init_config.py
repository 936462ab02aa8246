"""`herald init` writes this machine's time zone and keeps the built-in accounts, so drafts queued
before it still have their account."""

from __future__ import annotations

import os
import tomllib
from pathlib import Path

import pytest
from click.testing import CliRunner

from posts.config import default_config_file, load_config
from posts.starter import local_zone
from scheduler.cli.main import cli

ARTICLE = "# Tides\n\nThe tide comes in twice a day, and the pools fill with light.\n"


def _config() -> Path:
    return Path(os.environ["HERALD_CONFIG"])


def test_init_writes_the_machines_zone_and_says_so(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("TZ", "Asia/Tokyo")
    _config().unlink(missing_ok=True)  # a fresh machine: no config yet
    result = CliRunner().invoke(cli, ["init"])
    assert result.exit_code == 0, result.output
    assert load_config().timezone == "Asia/Tokyo"
    assert "Time zone: Asia/Tokyo (this machine's)" in result.stdout
    assert "Kept the built-in accounts demo-bluesky, demo-x" in result.stdout


def test_drafts_queued_before_init_keep_their_account(isolated_herald: Path) -> None:
    (isolated_herald / "tides.md").write_text(ARTICLE)
    _config().write_bytes(b"")  # the embedded defaults
    queued = CliRunner().invoke(
        cli, ["queue", "add", str(isolated_herald / "tides.md"), "--to", "demo-x,demo-bluesky",
              "--at", "in 1h"],
    )  # fmt: skip
    assert queued.exit_code == 0, queued.output
    _config().unlink()
    assert CliRunner().invoke(cli, ["init"]).exit_code == 0
    planned = CliRunner().invoke(cli, ["run", "--dry-run"])
    assert planned.exit_code == 0 and "2 draft(s)" in planned.stdout
    assert "⚠ account" not in planned.stdout  # both accounts are still configured and buildable


def test_the_example_keeps_each_default_account_as_it_is() -> None:
    with default_config_file().open("rb") as fh:
        defaults = tomllib.load(fh)["accounts"]
    _config().unlink(missing_ok=True)
    assert CliRunner().invoke(cli, ["init"]).exit_code == 0
    with _config().open("rb") as fh:
        written = tomllib.load(fh)["accounts"]
    assert {name: written[name] for name in defaults} == defaults


def test_the_local_zone_comes_from_tz_then_etc_localtime_then_utc(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    zoneinfo = tmp_path / "usr" / "share" / "zoneinfo" / "America"
    zoneinfo.mkdir(parents=True)
    (zoneinfo / "Chicago").write_bytes(b"TZif")
    etc = tmp_path / "etc"
    etc.mkdir()
    (etc / "localtime").symlink_to(zoneinfo / "Chicago")
    monkeypatch.delenv("TZ", raising=False)
    assert local_zone(etc / "localtime") == "America/Chicago"
    monkeypatch.setenv("TZ", ":Europe/Lisbon")
    assert local_zone(etc / "localtime") == "Europe/Lisbon"
    monkeypatch.setenv("TZ", "Not/AZone")
    assert local_zone(etc / "localtime") == "America/Chicago"
    (etc / "localtime").unlink()
    assert local_zone(etc / "localtime") == "UTC"
    (etc / "timezone").write_text("Etc/UTC\n")
    assert local_zone(etc / "localtime") == "UTC"
    (etc / "timezone").write_text("Pacific/Auckland\n")
    assert local_zone(etc / "localtime") == "Pacific/Auckland"
