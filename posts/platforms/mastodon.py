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
    order=3,
)
