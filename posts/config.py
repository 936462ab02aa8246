"""Herald's configuration: accounts and settings from TOML, with embedded defaults.

Skeleton for now: the dataclasses are the contract other modules use; loading (user config file,
``HERALD_CONFIG``, validation with file/key/expected messages) is built by the draft-queue work.
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from types import MappingProxyType
from typing import Any

import platformdirs

PLATFORMS = ("x", "bluesky", "mastodon")


@dataclass(frozen=True)
class Account:
    """One publishing identity. Secrets are never here: only the names of env variables."""

    name: str
    platform: str  # one of PLATFORMS
    mock: bool = False  # publish to the local outbox instead of the network
    timezone: str | None = None  # falls back to the config's time zone
    slots: tuple[str, ...] = ()  # weekly posting slots, e.g. "mon-fri 09:00, 13:00"
    daily_quota: int | None = None  # posts per any 24 h window
    mode: str | None = None  # single | thread | auto (falls back to config)
    max_posts: int | None = None  # thread length cap
    hashtag_cap: int | None = None
    max_length: int | None = None  # Mastodon instance limit override
    # Platform keys as written in the config (handle, service, instance, *_env names, ...).
    settings: Mapping[str, Any] = field(default_factory=lambda: MappingProxyType({}))

    @property
    def adapter_name(self) -> str:
        """The ``herald.adapters`` entry point that publishes for this account."""
        return "mock" if self.mock else self.platform


@dataclass(frozen=True)
class SchedulerSettings:
    """How the daemon retries, paces and leases; see config/example.toml for meanings."""

    max_attempts: int = 5
    backoff_base_seconds: float = 30.0
    backoff_max_seconds: float = 3600.0
    stale_after_seconds: int = 6 * 3600
    lease_seconds: int = 60
    poll_seconds: float = 1.0


@dataclass(frozen=True)
class Config:
    """Everything Herald reads from configuration, resolved (env vars applied)."""

    path: Path | None  # the file read, None when running on embedded defaults
    data_dir: Path
    database: str  # SQLAlchemy URL
    outbox: Path  # mock adapter's JSON-lines outbox
    timezone: str = "UTC"
    mode: str = "auto"
    accounts: Mapping[str, Account] = field(default_factory=lambda: MappingProxyType({}))
    scheduler: SchedulerSettings = field(default_factory=SchedulerSettings)
    templates_dir: Path | None = None  # user template overrides


def data_dir() -> Path:
    """HERALD_DATA_DIR, else the platform's user data dir (created on first use by writers)."""
    env = os.environ.get("HERALD_DATA_DIR")
    return Path(env) if env else Path(platformdirs.user_data_dir("herald"))
