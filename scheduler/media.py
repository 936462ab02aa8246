"""A part's images at publish time, between the store's records and the adapter's upload.

The tick asks for an image only when a part has images and no stored upload it may still reuse
(younger than its platform's ``media_reuse_seconds``); what it uploads is committed with the part,
with the time, before the post (``WorkerStore.part_media``).
"""

from __future__ import annotations

from dataclasses import asdict
from datetime import datetime, timedelta

from posts import platforms
from posts.media.preparing import prepare
from posts.media.reading import read_source
from posts.queue.model import Part, PartImage, StoredMedia
from scheduler.adapters.base import ImageLimits, MediaRef, OutgoingImage


def outgoing_image(image: PartImage, limits: ImageLimits) -> OutgoingImage:
    """Read, check, strip and fit one image (``posts.media.ImageError`` when it cannot be)."""
    ready = prepare(read_source(image.src), limits, f"image {image.src}")
    alt = image.alt or ""
    return OutgoingImage(ready.data, ready.mime, ready.width, ready.height, alt, image.focus)


def stored(refs: tuple[MediaRef, ...]) -> list[StoredMedia]:
    return [StoredMedia(**asdict(ref)) for ref in refs]


def refs(media: tuple[StoredMedia, ...]) -> tuple[MediaRef, ...]:
    return tuple(MediaRef(**asdict(m)) for m in media)


def reusable(part: Part, platform: str, now: datetime) -> bool:
    """Whether the part's stored uploads may still be named by its post: platforms forget uploads
    no post uses (X's media ids expire, Mastodon and Bluesky delete them), so uploads older than
    the platform's ``media_reuse_seconds``, or of unknown age, are made again."""
    if not part.media or part.media_uploaded_at is None:
        return False
    reuse_for = timedelta(seconds=platforms.get(platform).media_reuse_seconds)
    return now - part.media_uploaded_at < reuse_for
