"""Mastodon's status length: graphemes, with each URL as 23 and ``@user@domain`` as ``@user``.

Mirrors ``StatusLengthValidator#countable_text``: URLs (a scheme is required) and mentions are
extracted, overlapping ones dropped, URLs replaced by 23 placeholder chars and remote mentions
by their local part, then extended grapheme clusters are counted.
"""

from __future__ import annotations

from posts.counting.graphemes import grapheme_count
from posts.counting.mentions import mastodon_mentions
from posts.counting.urls import mastodon_urls

URL_PLACEHOLDER = "x" * 23


def mastodon_length(text: str) -> int:
    """The length Mastodon checks against its instance limit (500 by default)."""
    urls = mastodon_urls(text)
    mentions = mastodon_mentions(text)
    if not urls and not mentions:
        return grapheme_count(text)
    entities = sorted(
        [(u.start, u.end, URL_PLACEHOLDER) for u in urls]
        + [(s, e, "@" + account.split("@", 1)[0]) for s, e, account in mentions]
    )
    parts: list[str] = []
    pos = 0
    for start, end, replacement in entities:
        if start < pos:
            continue  # Extractor.remove_overlapping_entities keeps the earlier one
        parts += (text[pos:start], replacement)
        pos = end
    parts.append(text[pos:])
    return grapheme_count("".join(parts))
