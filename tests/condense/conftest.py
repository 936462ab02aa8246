"""Articles written for the condenser tests, and a way to read them."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from posts.article import load_article
from posts.condensing import condense
from posts.model import Article, CondenseOptions, Section

FIXTURES = Path(__file__).resolve().parent / "fixtures"
ARTICLES = ("city-budget.md", "kaiyo.md", "field-diary.txt", "party-recipes.md")
PLATFORMS = ("x", "bluesky", "mastodon")


@pytest.fixture
def article() -> Callable[[str], Article]:
    """``article("city-budget.md")``: one of this folder's test articles, read as users would."""
    return lambda name: load_article(FIXTURES / name)


def written(
    title: str, summary: str, *paragraphs: str, url: str = "https://example.org/story"
) -> Article:
    """An article of ``paragraphs`` under ``title``, with ``summary`` as its meta description."""
    return Article(
        title=title,
        sections=(Section(None, paragraphs),),
        summary=summary,
        summary_source="meta" if summary else "computed",
        hashtags=(),
        url=url,
    )


def thread(source: Article, platform: str = "x") -> list[str]:
    """The texts of ``source``'s thread on ``platform``, unnumbered."""
    options = CondenseOptions(numbering="none")
    return [p.text for p in condense(source, platform, mode="thread", options=options).posts]
