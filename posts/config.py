"""Herald's configuration: accounts and settings from TOML, with embedded defaults.

Skeleton for now: the dataclasses are the contract other modules use; loading (user config file,
``HERALD_CONFIG``, validation with file/key/expected messages) is built by the draft-queue work.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from types import MappingProxyType
from typing import Any

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
