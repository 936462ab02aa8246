"""Which hashtags each platform links whole (tag given without its sign)."""

from __future__ import annotations

import pytest

from posts.counting import is_valid_hashtag

CASES = {
    # twitter-text isValidHashtag
    "x": [
        ("hashtag", True),
        ("1st", True),
        ("easyas123", True),
        ("日本語", True),
        ("123", False),
        ("a-b", False),
        ("", False),
    ],
    # @atproto/api tag detection: ≤ 64 graphemes, not only digits or punctuation, none trailing
    "bluesky": [
        ("science", True),
        ("日本", True),
        ("a" * 64, True),
        ("a" * 65, False),
        ("123", False),
        ("tag!", False),
        ("two words", False),
        ("", False),
    ],
    # Mastodon Tag::HASHTAG_RE: letters, digits, underscore (and ·, ・, ZWNJ inside), not all digits
    "mastodon": [
        ("news", True),
        ("a_b", True),
        ("日本語", True),
        ("café", True),
        ("123", False),
        ("a-b", False),
        ("", False),
    ],
}


@pytest.mark.parametrize(
    ("platform", "tag", "valid"),
    [(platform, tag, valid) for platform, cases in CASES.items() for tag, valid in cases],
)
def test_hashtag_validity(platform: str, tag: str, valid: bool) -> None:
    assert is_valid_hashtag(platform, tag) is valid
