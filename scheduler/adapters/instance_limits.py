"""The cached post limits of a Mastodon account's instance.

Every Mastodon instance sets its own character limit and URL weight. ``herald accounts check``
reads them from the instance and keeps them here, so formatting (which must stay fast and offline)
can fit posts to that instance without importing Mastodon.py or touching the network.
"""

from __future__ import annotations

import json
from pathlib import Path

from posts.config import Account
from scheduler.adapters.base import Limits
from scheduler.adapters.sessions import read_private, write_private

DEFAULT_MAX_CHARACTERS = 500
DEFAULT_URL_LENGTH = 23


def cache_path(data_dir: Path, account_name: str) -> Path:
    return data_dir / "instances" / f"{account_name}.json"


def save(data_dir: Path, account: Account, instance: str, limits: Limits) -> None:
    payload = {"instance": instance, "max_characters": limits.max_length}
    payload["characters_reserved_per_url"] = limits.url_length or DEFAULT_URL_LENGTH
    write_private(cache_path(data_dir, account.name), json.dumps(payload))


def load(data_dir: Path, account: Account) -> Limits:
    """The account's limits: the config's ``max_length`` if set, else the cached instance's values,
    else Mastodon's defaults (500 characters, URLs count 23)."""
    cached: dict[str, object] = {}
    text = read_private(cache_path(data_dir, account.name))
    if text:
        loaded = json.loads(text)
        if loaded.get("instance") == account.settings.get("instance"):
            cached = loaded
    max_characters = account.max_length or cached.get("max_characters") or DEFAULT_MAX_CHARACTERS
    url_length = cached.get("characters_reserved_per_url") or DEFAULT_URL_LENGTH
    return Limits(max_length=int(str(max_characters)), url_length=int(str(url_length)))
