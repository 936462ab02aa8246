"""The link: in exactly one post, where the account wants it; a warning when there is none."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from click.testing import CliRunner

from posts.condensing import condense
from posts.config import load_config
from posts.errors import ConfigError, InputError
from posts.model import Article, CondenseOptions
from scheduler.cli.main import cli
from tests.condense.conftest import FIXTURES, PLATFORMS

URL = "https://news.example.net/riverside/2026/budget-buses-first"


def texts(source: Article, platform: str, mode: str, link: str) -> list[str]:
    options = CondenseOptions(link=link)  # type: ignore[arg-type]
    return [p.text for p in condense(source, platform, mode=mode, options=options).posts]


@pytest.mark.parametrize("platform", PLATFORMS)
@pytest.mark.parametrize(("link", "carrier"), [("last", -1), ("first", 0), ("reply", -1)])
def test_a_thread_carries_the_link_in_exactly_one_post(
    article: Callable[[str], Article], platform: str, link: str, carrier: int
) -> None:
    options = CondenseOptions(link=link)  # type: ignore[arg-type]
    posts = condense(article("city-budget.md"), platform, mode="thread", options=options).posts
    assert [post.links_to(URL) for post in posts].count(True) == 1
    assert posts[carrier].links_to(URL)


def test_reply_puts_the_link_in_a_reply_to_a_single_post(
    article: Callable[[str], Article],
) -> None:
    main, reply = texts(article("city-budget.md"), "mastodon", "single", "reply")
    assert URL not in main and reply == URL


def test_an_article_without_a_link_is_posted_with_a_warning(
    article: Callable[[str], Article],
) -> None:
    rendition = condense(article("field-diary.txt"), "x")
    assert rendition.warnings[0].startswith("no link: ")


def test_an_unknown_placement_is_bad_input(article: Callable[[str], Article]) -> None:
    with pytest.raises(InputError, match="unknown link placement 'middle'"):
        texts(article("city-budget.md"), "x", "thread", "middle")


def test_format_takes_the_placement() -> None:
    result = CliRunner().invoke(
        cli, ["format", str(FIXTURES / "city-budget.md"), "--platform", "x", "--link", "first"]
    )
    assert result.exit_code == 0, result.output
    first_post = result.stdout.split("[2]")[0]
    assert URL in first_post


def test_an_account_chooses_its_placement_in_the_config(tmp_path: Path) -> None:
    path = tmp_path / "config.toml"
    path.write_text('[accounts.lab]\nplatform = "x"\nmock = true\nlink = "first"\n')
    assert load_config(path).accounts["lab"].link == "first"
    path.write_text('[accounts.lab]\nplatform = "x"\nlink = "middle"\n')
    with pytest.raises(ConfigError, match=r"accounts\.lab\.link"):
        load_config(path)


def test_a_reply_holding_the_shortened_link_is_not_read_as_a_dangling_sentence(
    article: Callable[[str], Article],
) -> None:
    options = CondenseOptions(link="reply")
    rendition = condense(article("city-budget.md"), "bluesky", mode="single", options=options)
    assert rendition.posts[1].text == "news.example.net/riverside/20..."
    assert not [w for w in rendition.warnings if "opens with" in w]


def test_a_thread_whose_posts_all_fill_up_carries_the_link_on_its_first_post() -> None:
    """CNN Arabic: every sentence weighs near a whole X post, so no post after the text has room
    for the link; a closing post holding it alone reads as nothing."""
    from posts.model import Section

    sentences = (
        "The council approved a budget on Tuesday that moves eighteen million from road repairs"
        " to night buses across the river districts, the largest shift toward public transport"
        " the city has made in three decades, and the mayor called it a turning point for all.",
        "Night buses return to six neighbourhoods in March, calling at both hospitals, the"
        " university and the market square every twenty minutes, with new low-floor vehicles"
        " and ramps for wheelchairs and prams, and fares stay frozen for a second year, the"
        " director said on Tuesday evening.",
        "Opponents warned that the backlog of potholes would grow on the ring road and in the"
        " industrial estate, but supporters pointed to ridership figures that have recovered"
        " faster than in any comparable city since the pandemic, according to the transit"
        " office's own yearly figures.",
    )
    assert all(256 <= len(sentence) <= 280 for sentence in sentences)  # no room for a link
    source = Article(
        title="A late-night vote reshapes how Riverside gets around",
        sections=(Section(None, sentences),),
        summary=sentences[0],
        summary_source="meta",
        hashtags=(),
        url=URL,
    )
    result = condense(source, "x", mode="thread", options=CondenseOptions(numbering="none"))
    assert result.posts[0].text.endswith(URL)
    assert [post.links_to(URL) for post in result.posts].count(True) == 1
    assert any("link is on the first post" in warning for warning in result.warnings)
