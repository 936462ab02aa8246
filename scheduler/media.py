"""A part's images at publish time, between the store's records and the adapter's upload.

The tick asks for an image only when a part has images and nothing uploaded is stored for it;
what it uploads is committed with the part before the post (``WorkerStore.part_media``).
"""

from __future__ import annotations

from dataclasses import asdict

from posts.media.preparing import prepare
from posts.media.reading import read_source
from posts.queue.model import PartImage, StoredMedia
from scheduler.adapters.base import ImageLimits, MediaRef, OutgoingImage


def outgoing_image(image: PartImage, limits: ImageLimits) -> OutgoingImage:
    """Read, check, strip and fit one image (``posts.media.ImageError`` when it cannot be)."""
    ready = prepare(read_source(image.src), limits, f"image {image.src}")
    return OutgoingImage(ready.data, ready.mime, ready.width, ready.height, image.alt or "")


def stored(refs: tuple[MediaRef, ...]) -> list[StoredMedia]:
    return [StoredMedia(**asdict(ref)) for ref in refs]


def refs(media: tuple[StoredMedia, ...]) -> tuple[MediaRef, ...]:
    return tuple(MediaRef(**asdict(m)) for m in media)
