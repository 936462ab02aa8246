"""Addresses as shared: an article's link without the counters sites hang on it."""

from __future__ import annotations

from urllib.parse import parse_qsl, urlencode, urlsplit, urlunsplit

_TRACKING = ("utm_", "fbclid", "gclid", "mc_cid", "mc_eid")  # how a reader was counted arriving


def without_tracking(url: str) -> str:
    """``url`` without campaign-tracking parameters ("?utm_source=sharedUrl&…" in an og:url): a
    post links the article, not the site's count of where its readers came from."""
    parts = urlsplit(url)
    pairs = parse_qsl(parts.query, keep_blank_values=True)
    kept = [(k, v) for k, v in pairs if not k.startswith(_TRACKING)]
    return url if len(kept) == len(pairs) else urlunsplit(parts._replace(query=urlencode(kept)))
