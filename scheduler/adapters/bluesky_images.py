"""How a Bluesky post carries its images: an ``app.bsky.embed.images`` gallery, or the link card's
thumbnail.

A post embeds one thing. On the post that carries the article link (``part.embed``, the card
Herald builds) the account's ``bluesky_embed`` setting chooses: ``"card"`` (the default) keeps
the card and makes the first image its thumbnail; ``"image"`` posts the images instead (the link
stays in the text, as a facet). Every other post carries its images as a gallery.
"""

from __future__ import annotations

import json
from typing import Any

from posts.config import Account
from scheduler.adapters.base import MediaRef
from scheduler.adapters.credentials import CredentialError

EMBED_MODES = ("card", "image")
IMAGE_MAX_BYTES = 1_000_000  # app.bsky.embed.images#image: the PDS refuses a bigger blob
IMAGE_MIMES = ("image/jpeg", "image/png", "image/webp")
IMAGES_PER_POST = 4


def embed_mode(account: Account) -> str:
    """The account's ``bluesky_embed``; a config mistake holds the account, like a credential."""
    mode = account.settings.get("bluesky_embed", "card")
    if mode not in EMBED_MODES:
        raise CredentialError(
            f'account {account.name!r}: bluesky_embed = {str(mode)[:40]!r}; expected "card" or '
            '"image"'
        )
    return str(mode)


def blob_json(blob: Any, mime: str) -> dict[str, Any]:
    """An uploaded blob (the SDK's ``BlobRef``) as the record's JSON ``blob`` object."""
    return {
        "$type": "blob",
        "ref": {"$link": str(blob.ref.link)},
        "mimeType": blob.mime_type or mime,
        "size": blob.size,
    }


def images_embed(media: tuple[MediaRef, ...]) -> dict[str, Any]:
    """The gallery: each image with its alt text and aspect ratio (so apps lay it out unshifted)."""
    return {
        "$type": "app.bsky.embed.images",
        "images": [
            {
                "image": json.loads(ref.value),
                "alt": ref.alt,
                "aspectRatio": {"width": ref.width, "height": ref.height},
            }
            for ref in media[:IMAGES_PER_POST]
        ],
    }


def thumb(media: tuple[MediaRef, ...]) -> dict[str, Any]:
    """The first image's blob, as the link card's thumbnail."""
    blob: dict[str, Any] = json.loads(media[0].value)
    return blob
