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
