"""The JSON shape of ``herald format --json``: an interface other tools rely on (issue 2)."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from posts import platforms
from posts.model import Article, Rendition


def format_json(article: Article, renditions: Mapping[str, Rendition]) -> dict[str, Any]:
    """``{"article": {...}, "platforms": {name: {"limit", "posts", ["embed"]}}}``.

    Posts of a platform with facets (Bluesky) carry ``facets`` in the record shape, a platform
    with link cards carries ``embed`` (null without a link); other posts are ``{"text", "length"}``.
    """
    return {
        "article": {
            "title": article.title,
            "url": article.url,
            "hashtags": list(article.hashtags),
            "summary": article.summary,
            "summary_source": article.summary_source,
            "image": {"src": article.image, "alt": article.image_alt} if article.image else None,
            "keywords": [
                {"text": k.text, "source": k.source, "used": k.used} for k in article.keywords
            ],
            "explain": list(article.explain),
            "removed": [{"rule": rule, "text": text} for rule, text in article.removed],
            "warnings": list(article.warnings),
        },
        "platforms": {name: _platform(r, article) for name, r in renditions.items()},
    }


def _platform(rendition: Rendition, article: Article) -> dict[str, Any]:
    """Each post with the images that go with it: the lead image with the first post."""
    described = platforms.get(rendition.platform)
    lead = [{"src": article.image, "alt": article.image_alt}] if article.image else []
    posts = []
    for index, post in enumerate(rendition.posts):
        shaped: dict[str, Any] = {"text": post.text, "length": post.length}
        if described.rules.facets:
            shaped["facets"] = list(post.facets)
        shaped["images"] = lead if index == 0 else []
        posts.append(shaped)
    shape: dict[str, Any] = {"limit": rendition.limit, "posts": posts}
    if described.link_card:
        shape["embed"] = rendition.embed
    return shape
