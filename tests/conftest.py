"""Test isolation: every test gets its own config, database and data directory."""

from __future__ import annotations

from pathlib import Path

import pytest


@pytest.fixture(autouse=True)
def isolated_herald(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Point Herald at a private temporary home so no test touches a user's real data."""
    home = tmp_path / "herald-home"
    home.mkdir()
    monkeypatch.setenv("HERALD_DATA_DIR", str(home / "data"))
    monkeypatch.setenv("HERALD_DB", str(home / "data" / "herald.db"))
    monkeypatch.setenv("HERALD_CONFIG", str(home / "config.toml"))  # absent: embedded defaults
    monkeypatch.delenv("NO_COLOR", raising=False)
    return home
