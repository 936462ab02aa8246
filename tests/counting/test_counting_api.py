"""The public counting API: platform names, limits, errors, and no SDK imports."""

from __future__ import annotations

import subprocess
import sys

import pytest

from posts import platforms
from posts.counting import fits, limit_for, measure, url_spans
from posts.errors import InputError, UnknownPlatformError


def test_limits() -> None:
    assert platforms.names() == ("x", "bluesky", "mastodon")
    assert [limit_for(p) for p in ("x", "bluesky", "mastodon")] == [280, 300, 500]


@pytest.mark.parametrize(("platform", "limit"), [("x", 280), ("bluesky", 300), ("mastodon", 500)])
def test_fits_at_the_limit(platform: str, limit: int) -> None:
    assert fits(platform, "a" * limit)
    assert not fits(platform, "a" * (limit + 1))
    assert fits(platform, "a" * (limit + 1), limit=limit + 1)


def test_x_fits_uses_weighted_length_and_refuses_invalid_chars() -> None:
    assert fits("x", "日" * 140)
    assert not fits("x", "日" * 141)
    assert not fits("x", "hello\ufeff")
    assert fits("mastodon", "hello\ufeff")


@pytest.mark.parametrize("call", [measure, url_spans, fits])
def test_unknown_platform_names_the_known_ones(call: object) -> None:
    with pytest.raises(UnknownPlatformError, match=r"'twitter'.*x, bluesky, mastodon") as err:
        call("twitter", "text")  # type: ignore[operator]
    assert isinstance(err.value, InputError)


def test_limit_for_unknown_platform() -> None:
    with pytest.raises(UnknownPlatformError):
        limit_for("facebook")


def test_importing_counting_loads_no_sdk() -> None:
    code = (
        "import sys, posts.counting as c; c.measure('x', 'hi example.com'); "
        "print(sorted(m for m in ('tweepy', 'atproto', 'mastodon', 'click') if m in sys.modules))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"
