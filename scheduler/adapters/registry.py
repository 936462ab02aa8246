"""Find and build adapters through the ``herald.adapters`` entry-point group.

The built-in adapters register exactly the way a third-party package would (see pyproject.toml), so
adding a platform is ``pip install`` plus an account whose ``platform`` or ``mock`` names it. Only
the adapter actually used is imported: a Bluesky-only user never loads tweepy.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from functools import cache
from importlib.metadata import EntryPoint, entry_points
from types import MappingProxyType

from posts import platforms
from posts.clock import Clock, system_clock
from posts.config import Account, Config
from posts.errors import ConfigError, HeraldError, NotFoundError
from scheduler.adapters.base import Adapter, AdapterError

GROUP = "herald.adapters"
_registered: dict[str, type[Adapter]] = {}


def register(platform: platforms.Platform, adapter: type[Adapter]) -> Callable[[], None]:
    """Add a platform and the adapter that publishes to it for this process only (tests,
    embedding applications) instead of installing a package; returns the undo."""
    forget = platforms.register(platform)
    _registered[platform.name] = adapter

    def undo() -> None:
        forget()
        _registered.pop(platform.name, None)

    return undo


@cache
def _entry_points() -> dict[str, EntryPoint]:
    return {ep.name: ep for ep in entry_points(group=GROUP)}


def installed() -> list[str]:
    """Names of every installed or registered adapter, sorted."""
    return sorted({*_entry_points(), *_registered})


def adapter_class(name: str) -> type[Adapter]:
    """The adapter class registered as ``name`` (ConfigError naming the installed ones if not)."""
    if name in _registered:
        return _registered[name]
    ep = _entry_points().get(name)
    if ep is None:
        names = ", ".join(installed()) or "none"
        raise ConfigError(f"no adapter named '{name}' is installed (installed: {names})")
    cls = ep.load()
    if not isinstance(cls, type):
        raise ConfigError(f"adapter entry point '{name}' ({ep.value}) is not a class")
    return cls


def adapter_for(account: Account, config: Config, clock: Clock) -> Adapter:
    """Build the adapter that publishes for ``account`` (credentials from the env it names),
    on the publisher's ``clock``."""
    if account.mock and "mock_outbox" not in account.settings:
        # The outbox is a config-wide setting; the mock adapter reads it from its account.
        settings = MappingProxyType({**account.settings, "mock_outbox": str(config.outbox)})
        account = replace(account, settings=settings)
    kind = adapter_class(account.adapter_name)
    return kind.from_account(account, data_dir=config.data_dir, clock=clock)


def account_problem(config: Config, name: str) -> str | None:
    """Why ``name`` could not publish now — not in the config, a credential variable unset, its
    adapter cannot be built — or None. Builds the adapter (no network) and closes it."""
    account = config.accounts.get(name)
    if account is None:
        return f"account '{name}' is not in the config"
    try:  # built only to see that it can be, and closed: it never reads the clock
        adapter_for(account, config, system_clock).close()
    except (HeraldError, AdapterError) as exc:
        return str(exc)
    return None


class AdapterPool:
    """One adapter per account, built on first use and closed together (what the tick calls);
    each on the publisher's ``clock``."""

    def __init__(self, config: Config, clock: Clock) -> None:
        self.config = config
        self.clock = clock
        self._built: dict[str, Adapter] = {}

    def __call__(self, account_name: str) -> Adapter:
        adapter = self._built.get(account_name)
        if adapter is None:
            account = self.config.accounts.get(account_name)
            if account is None:
                names = ", ".join(sorted(self.config.accounts)) or "none"
                raise NotFoundError(
                    f"no account '{account_name}' in the config (accounts: {names})"
                )
            adapter = self._built[account_name] = adapter_for(account, self.config, self.clock)
        return adapter

    def close(self) -> None:
        for adapter in self._built.values():
            adapter.close()
        self._built.clear()
