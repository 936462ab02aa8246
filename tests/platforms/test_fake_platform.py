"""A platform Herald has never heard of, added the way a plugin adds one: a description and an
adapter, registered for this test only. It goes through format, queue, preview, the dry run and
the tick with no other change to Herald."""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import ClassVar

import pytest
from click.testing import CliRunner

from posts.clock import Clock
from posts.config import Account
from posts.platforms import Counting, Platform
from posts.platforms.description import Spans
from scheduler.adapters.base import Limits, OutgoingPart, PublishedRef
from scheduler.adapters.registry import register
from scheduler.cli.main import cli


def _spans(pattern: str) -> Callable[[str], Spans]:
    compiled = re.compile(pattern)
    return lambda text: [m.span() for m in compiled.finditer(text)]


COUNTING = Counting(
    measure=len,
    url_spans=_spans(r"https?://\S+"),
    hashtag_spans=_spans(r"#\w+"),
    mention_spans=_spans(r"@\w+"),
    is_valid_hashtag=str.isalnum,
)
FAKE = Platform(
    name="pigeon",
    display="Pigeon Post",
    limit=120,
    counting=f"{__name__}:COUNTING",
    hashtag_cap=1,
    templates="mastodon",  # a plugin may reuse a family of templates Herald ships
    endpoint=("loft", "the loft"),
    settings=("handle", "loft"),
    duplicate_effect="pigeons refuse to carry the same message twice",
)


class PigeonAdapter:
    """Publishes into a list: the test reads what went out."""

    supports_lookup: ClassVar[bool] = True
    sent: ClassVar[list[OutgoingPart]] = []

    @classmethod
    def from_account(cls, account: Account, *, data_dir: Path, clock: Clock) -> PigeonAdapter:
        return cls()

    @property
    def limits(self) -> Limits:
        return Limits(max_length=FAKE.limit)

    def publish(self, part: OutgoingPart) -> PublishedRef:
        self.sent.append(part)
        return PublishedRef(f"p{len(self.sent)}", f"https://loft.example/{len(self.sent)}")

    def lookup(self, part: OutgoingPart) -> PublishedRef | None:
        return None

    def verify(self) -> str:
        return "a pigeon"

    def close(self) -> None:
        pass


ARTICLE = """---
title: Homing pigeons find their way by the sun
url: https://example.org/pigeons
tags: [pigeons, navigation]
---

Homing pigeons find their way home by the position of the sun, a new study shows. Birds released
under clouds took longer routes. The researchers tracked 40 birds with small GPS loggers over
three summers. On sunny days the birds flew almost straight home. Under heavy cloud they followed
roads and rivers instead, and some needed twice as long.
"""


@pytest.fixture
def pigeon(isolated_herald: Path) -> Iterator[Path]:
    (isolated_herald / "config.toml").write_text(
        '[accounts.loft]\nplatform = "pigeon"\nhandle = "coo"\nloft = "north"\n'
    )
    article = isolated_herald / "pigeons.md"
    article.write_text(ARTICLE)
    PigeonAdapter.sent.clear()
    undo = register(FAKE, PigeonAdapter)
    yield article
    undo()


def herald(*args: str) -> str:
    result = CliRunner().invoke(cli, list(args))
    assert result.exit_code == 0, result.output
    return result.stdout


def test_format_counts_shapes_and_caps_by_its_description(pigeon: Path) -> None:
    shown = json.loads(herald("format", str(pigeon), "--platform", "pigeon", "--json"))
    posts = shown["platforms"]["pigeon"]["posts"]
    assert len(posts) > 1 and all(p["length"] == len(p["text"]) <= 120 for p in posts)
    assert posts[-1]["text"].endswith("#pigeons")  # its own hashtag cap: one a post
    assert "facets" not in posts[0] and "embed" not in shown["platforms"]["pigeon"]
    assert re.search(r"Pigeon Post · thread of \d · limit 120", herald("format", str(pigeon)))


def test_queue_preview_dry_run_and_the_tick_publish_through_its_adapter(pigeon: Path) -> None:
    herald("queue", "add", str(pigeon), "--to", "loft", "--now")
    assert "loft · Pigeon Post · scheduled" in herald("preview", "--all")
    assert "loft (pigeon)  publish" in herald("run", "--dry-run")
    assert PigeonAdapter.sent == []
    herald("run", "--once")

    texts = [part.text for part in PigeonAdapter.sent]
    assert len(texts) > 1 and all(len(text) <= 120 for text in texts)
    assert "https://example.org/pigeons" in texts[-1]
    [draft] = json.loads(herald("queue", "list", "--all", "--json"))
    assert draft["status"] == "published"


def test_accounts_list_shows_where_it_publishes(pigeon: Path) -> None:
    assert "north" in herald("accounts", "list")
