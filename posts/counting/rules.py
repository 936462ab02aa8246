"""The built-in platforms' counting rules, loaded by their descriptions (posts/platforms)."""

from __future__ import annotations

from posts.counting.bluesky import (
    bluesky_facets,
    bluesky_is_valid_hashtag,
    bluesky_link_text,
    bluesky_mention_spans,
    bluesky_tag_spans,
    bluesky_url_spans,
)
from posts.counting.graphemes import grapheme_count
from posts.counting.hashtags import mastodon_is_valid_hashtag, x_hashtag_spans, x_is_valid_hashtag
from posts.counting.mastodon import mastodon_length
from posts.counting.mentions import mastodon_mentions, x_mention_spans
from posts.counting.urls import mastodon_urls, x_urls
from posts.counting.x_length import x_weighted_length
from posts.platforms.description import Counting, Spans


def _x_url_spans(text: str) -> Spans:
    return [(u.start, u.end) for u in x_urls(text)]


def _mastodon_url_spans(text: str) -> Spans:
    return [(u.start, u.end) for u in mastodon_urls(text)]


def _mastodon_hashtag_spans(text: str) -> Spans:
    # Mastodon links what twitter-text finds as a hashtag when Tag::HASHTAG_RE accepts the name.
    return [(s, e) for s, e in x_hashtag_spans(text) if mastodon_is_valid_hashtag(text[s + 1 : e])]


def _mastodon_mention_spans(text: str) -> Spans:
    return [(s, e) for s, e, _account in mastodon_mentions(text)]


X = Counting(x_weighted_length, _x_url_spans, x_hashtag_spans, x_mention_spans, x_is_valid_hashtag)
BLUESKY = Counting(
    grapheme_count,
    bluesky_url_spans,
    bluesky_tag_spans,
    bluesky_mention_spans,
    bluesky_is_valid_hashtag,
    facets=bluesky_facets,
    link_text=bluesky_link_text,
)
MASTODON = Counting(
    mastodon_length,
    _mastodon_url_spans,
    _mastodon_hashtag_spans,
    _mastodon_mention_spans,
    mastodon_is_valid_hashtag,
)
