"""What ``herald init`` writes: the commented example config, in this machine's time zone.

The example keeps every account the embedded defaults have (a user config's ``[accounts]``
replaces them), so drafts queued before ``init`` still have their account afterwards.
"""

from __future__ import annotations

import os
import re
import tomllib
from pathlib import Path
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from posts.config import default_config_file
from posts.resources import bundled_dir

_TIMEZONE_LINE = re.compile(r'^timezone = ".*"$', re.MULTILINE)
_UTC_ALIASES = {"Etc/UTC", "Etc/Universal", "Etc/Zulu", "UCT", "Universal", "Zulu"}


def starter_config(zone: str) -> str:
    """The example config with ``timezone`` set to ``zone``."""
    example = (bundled_dir("config") / "example.toml").read_text(encoding="utf-8")
    return _TIMEZONE_LINE.sub(f'timezone = "{zone}"', example, count=1)


def default_accounts() -> list[str]:
    """The accounts of the embedded defaults, which the example keeps."""
    with default_config_file().open("rb") as fh:
        return sorted(tomllib.load(fh).get("accounts", {}))


def local_zone(localtime: Path = Path("/etc/localtime")) -> str:
    """This machine's IANA time zone: ``$TZ``, else the zone ``/etc/localtime`` links to (Linux,
    macOS), else ``/etc/timezone`` (Debian); UTC when none names a known zone."""
    candidates = [os.environ.get("TZ", "").removeprefix(":"), _linked_zone(localtime)]
    candidates.append(_first_line(localtime.with_name("timezone")))
    for name in candidates:
        if name and _known(name):
            return "UTC" if name in _UTC_ALIASES else name
    return "UTC"


def _linked_zone(path: Path) -> str:
    try:
        target = str(path.resolve(strict=True))
    except OSError:
        return ""
    _, found, zone = target.partition("/zoneinfo/")
    return zone if found else ""


def _first_line(path: Path) -> str:
    try:
        return path.read_text(encoding="utf-8").strip().splitlines()[0]
    except (OSError, UnicodeDecodeError, IndexError):
        return ""


def _known(name: str) -> bool:
    try:
        ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError):
        return False
    return True
