"""Bluesky: graphemes and UTF-8 bytes; links and tags travel as facets, the article as a card."""

from posts.platforms.description import Platform

PLATFORM = Platform(
    name="bluesky",
    display="Bluesky",
    limit=300,
    counting="posts.counting.rules:BLUESKY",
    hashtag_cap=3,
    settings=("handle", "service", "require_alt", "require_image", "bluesky_embed"),
    max_bytes=3000,
    link_card=True,
    endpoint=("service", "https://bsky.social"),
    # com.atproto.repo.uploadBlob: "The blob will be deleted if it is not referenced within a
    # time window (eg, minutes)", and PDSes differ in how long (bluesky-social/atproto#1781).
    # Ten minutes covers a crash and restart; uploading the same bytes again is cheap.
    media_reuse_seconds=10 * 60,
    order=2,
)
