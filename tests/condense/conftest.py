"""Articles written for the condenser tests, and a way to read them."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from posts.article import load_article
from posts.model import Article

FIXTURES = Path(__file__).resolve().parent / "fixtures"
ARTICLES = ("city-budget.md", "kaiyo.md", "field-diary.txt", "party-recipes.md")
PLATFORMS = ("x", "bluesky", "mastodon")


@pytest.fixture
def article() -> Callable[[str], Article]:
    """``article("city-budget.md")``: one of this folder's test articles, read as users would."""
    return lambda name: load_article(FIXTURES / name)
