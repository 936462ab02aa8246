"""Mastodon: graphemes with URLs as 23; each instance sets its own limit."""

from posts.platforms.description import Platform

PLATFORM = Platform(
    name="mastodon",
    display="Mastodon",
    limit=500,
    counting="posts.counting.rules:MASTODON",
    hashtag_cap=5,
    settings=("handle", "instance", "require_alt", "require_image"),
    endpoint=("instance", "?"),
    limit_from_server=True,
    # Mastodon's MediaCleanupScheduler destroys unattached media created more than a day ago
    # (``MediaAttachment.unattached.where('created_at < ?', 1.day.ago)``); half a day is safe on
    # any instance running it, whenever its job runs.
    media_reuse_seconds=12 * 3600,
    order=3,
)
