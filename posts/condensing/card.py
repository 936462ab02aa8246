"""Bluesky's link card, from the article's own metadata: no network at format time."""

from __future__ import annotations

from typing import Any

from posts.model import Article

EXTERNAL = "app.bsky.embed.external"


def link_card(article: Article) -> dict[str, Any] | None:
    """``app.bsky.embed.external`` for the article's link, or None without one.

    ``external.thumb_url`` is Herald's own key, not part of the record: the image URL (or path)
    the Bluesky adapter fetches at publish time, uploads as a blob and replaces with ``thumb``.
    """
    if not article.url:
        return None
    external: dict[str, Any] = {
        "uri": article.url,
        "title": article.title,
        "description": article.description or article.summary,
    }
    if article.image:
        external["thumb_url"] = article.image
    return {"$type": EXTERNAL, "external": external}
