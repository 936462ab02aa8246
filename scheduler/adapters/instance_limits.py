"""The post limits of a Mastodon account's instance, as ``herald accounts check`` found them.

Every Mastodon instance sets its own character limit and URL weight. The check stores them at
:func:`posts.config.instance_cache_path`; ``load_config`` then gives the account that limit as its
``max_length``, so formatting (offline and fast) fits posts to the instance without Mastodon.py.
"""

from __future__ import annotations

import json
from pathlib import Path

from posts.config import Account, cached_instance_limits, instance_cache_path
from scheduler.adapters.base import Limits
from scheduler.adapters.sessions import write_private

DEFAULT_MAX_CHARACTERS = 500
DEFAULT_URL_LENGTH = 23


def save(data_dir: Path, account: Account, limits: Limits) -> None:
    payload = {
        "instance": account.settings.get("instance"),  # as configured: a changed URL re-checks
        "max_characters": limits.max_length,
        "characters_reserved_per_url": limits.url_length or DEFAULT_URL_LENGTH,
    }
    write_private(instance_cache_path(data_dir, account.name), json.dumps(payload))


def load(data_dir: Path, account: Account) -> Limits:
    """The config's ``max_length`` if set, else the checked instance's limits, else Mastodon's
    defaults (500 characters, links count 23)."""
    cached = cached_instance_limits(data_dir, account) or {}
    max_length = account.max_length or cached.get("max_characters", DEFAULT_MAX_CHARACTERS)
    url_length = cached.get("characters_reserved_per_url", DEFAULT_URL_LENGTH)
    return Limits(max_length=max_length, url_length=url_length)
