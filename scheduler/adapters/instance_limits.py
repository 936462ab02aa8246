"""The post limits of a Mastodon account's instance, as ``herald accounts check`` found them.

Every Mastodon instance sets its own character limit and URL weight. The check stores them at
:func:`posts.config.instance_cache_path`; ``load_config`` then gives the account that limit as its
``max_length``, so formatting (offline and fast) fits posts to the instance without Mastodon.py.

Its image limits (``configuration.media_attachments``) are read from the same instance document
when an image is about to be sent (:func:`image_limits`).
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from posts.config import Account, cached_instance_limits, instance_cache_path
from scheduler.adapters.base import ImageLimits, Limits
from scheduler.adapters.sessions import write_private

DEFAULT_MAX_CHARACTERS = 500
DEFAULT_URL_LENGTH = 23
# For a server whose instance document does not say: Mastodon's limits before 4.2 (10 MB,
# 4096 x 4096 pixels), which every version since 3.x accepts
DEFAULT_IMAGE_BYTES = 10_485_760
DEFAULT_IMAGE_PIXELS = 16_777_216
DEFAULT_IMAGE_MIMES = ("image/jpeg", "image/png", "image/gif", "image/webp")
DEFAULT_IMAGES_PER_POST = 4


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


def image_limits(instance: Mapping[str, Any]) -> ImageLimits:
    """The image limits an instance document (v2, or v1 on older servers) states, each missing or
    unusable figure taken from the defaults above."""
    configuration = _table(instance.get("configuration"))
    media = _table(configuration.get("media_attachments"))
    statuses = _table(configuration.get("statuses"))
    types = media.get("supported_mime_types")
    listed = types if isinstance(types, list) else []
    stated = [m for m in listed if isinstance(m, str) and m.startswith("image/")]
    return ImageLimits(
        max_bytes=_positive(media.get("image_size_limit"), DEFAULT_IMAGE_BYTES),
        max_pixels=_positive(media.get("image_matrix_limit"), DEFAULT_IMAGE_PIXELS),
        max_side=None,
        mimes=tuple(stated) or DEFAULT_IMAGE_MIMES,
        per_post=_positive(statuses.get("max_media_attachments"), DEFAULT_IMAGES_PER_POST),
    )


def _table(value: object) -> Mapping[str, Any]:
    """A JSON object of the document, or an empty one where the server put something else."""
    return value if isinstance(value, Mapping) else {}


def _positive(value: object, default: int) -> int:
    if isinstance(value, int) and not isinstance(value, bool) and value > 0:
        return value
    return default
