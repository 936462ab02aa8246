"""The platforms Herald knows: one description (a :class:`Platform`) each, found without a list.

- Herald's own are the modules of this package that define ``PLATFORM`` (``x``, ``bluesky``,
  ``mastodon``), found by listing the package: no entry-point scan, which costs about 30 ms
  (``importlib.metadata``) that reading the config, listing drafts or ``herald format`` never pay.
- A plugin's are ``herald.platforms`` entry points naming its ``PLATFORM``; they are scanned only
  for a name that is not Herald's own, or to list every platform.
- :func:`register` adds one for this process only (tests, embedding applications).

A new platform is therefore a description module plus an adapter under ``herald.adapters``.
"""

from __future__ import annotations

import pkgutil
from collections.abc import Callable, Mapping
from functools import cache
from importlib import import_module

from posts.errors import UnknownPlatformError
from posts.platforms.description import Counting, Platform

__all__ = [
    "GROUP",
    "Counting",
    "Platform",
    "display_name",
    "find",
    "get",
    "names",
    "register",
    "without_plugins",
]

GROUP = "herald.platforms"
_registered: dict[str, Platform] = {}


def register(platform: Platform) -> Callable[[], None]:
    """Make ``platform`` known in this process; returns the function that forgets it again."""
    _registered[platform.name] = platform
    return lambda: _forget(platform.name)


def _forget(name: str) -> None:
    _registered.pop(name, None)


def find(name: str) -> Platform | None:
    """The description of ``name``, or None when no platform has that name."""
    return _registered.get(name) or _own().get(name) or _plugins().get(name)


def get(name: str) -> Platform:
    """The description of ``name``; UnknownPlatformError (exit 2) names the known ones."""
    found = find(name)
    if found is None:
        raise UnknownPlatformError(f"unknown platform {name!r} (known: {', '.join(names())})")
    return found


def names() -> tuple[str, ...]:
    """Every platform's name, Herald's own first (scans the installed plugins)."""
    return _listed({**_plugins(), **_own(), **_registered})


def without_plugins() -> tuple[str, ...]:
    """Herald's own platforms and those registered in this process: what ``format`` defaults to."""
    return _listed({**_own(), **_registered})


def display_name(name: str) -> str:
    """How people write ``name`` (the name itself for a platform no longer installed)."""
    found = find(name)
    return found.display if found else name


def _listed(found: Mapping[str, Platform]) -> tuple[str, ...]:
    return tuple(sorted(found, key=lambda name: found[name].order))


@cache
def _own() -> dict[str, Platform]:
    modules = (import_module(f"{__name__}.{m.name}") for m in pkgutil.iter_modules(__path__))
    found = (getattr(module, "PLATFORM", None) for module in modules)
    return {p.name: p for p in found if isinstance(p, Platform)}


@cache
def _plugins() -> dict[str, Platform]:
    from importlib.metadata import entry_points

    return {ep.name: ep.load() for ep in entry_points(group=GROUP)}
