"""Test isolation: every test gets its own config, database and data directory."""

from __future__ import annotations

import os
from datetime import UTC, datetime
from pathlib import Path

import pytest
from hypothesis import settings

from posts.queue import DraftStore, open_store

# HYPOTHESIS_PROFILE=ci: the longer property runs CI makes (tests that set max_examples themselves
# scale with it where they say so, e.g. tests/cli_bad_input). The default stays fast.
settings.register_profile("ci", max_examples=200, deadline=None)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "default"))


@pytest.fixture(autouse=True)
def isolated_herald(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Point Herald at a private temporary home so no test touches a user's real data."""
    home = tmp_path / "herald-home"
    home.mkdir()
    monkeypatch.setenv("HERALD_DATA_DIR", str(home / "data"))
    monkeypatch.setenv("HERALD_DB", str(home / "data" / "herald.db"))
    # HERALD_CONFIG must name a readable file; empty, it runs on the embedded defaults. Tests write
    # their own config over it; a test of `herald init` removes it first.
    (home / "config.toml").write_bytes(b"")
    monkeypatch.setenv("HERALD_CONFIG", str(home / "config.toml"))
    monkeypatch.setenv("XDG_CACHE_HOME", str(home / "cache"))  # compiled templates
    monkeypatch.delenv("NO_COLOR", raising=False)
    return home


def configured_store(location: str | None = None) -> DraftStore:
    """The store the CLI under test uses (``HERALD_DB``), or the one at ``location``."""
    return open_store(location or os.environ["HERALD_DB"], now=datetime.now(UTC))
