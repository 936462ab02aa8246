"""``from posts import load_article`` works, and importing ``posts`` alone stays cheap."""

from __future__ import annotations

import subprocess
import sys

import pytest


def _modules_after(code: str) -> set[str]:
    out = subprocess.run(
        [sys.executable, "-c", f"{code}\nimport sys\nprint(' '.join(sys.modules))"],
        check=True,
        capture_output=True,
        text=True,
    ).stdout
    return set(out.split())


def test_import_posts_loads_no_reader() -> None:
    loaded = _modules_after("import posts")
    assert not {"posts.article", "trafilatura", "pysbd", "markdown_it"} & loaded


def test_reading_text_does_not_import_trafilatura() -> None:
    loaded = _modules_after(
        "from posts import load_article\n"
        "from posts.article import parse_article\n"
        "parse_article(b'# T\\n\\nSome text.')"
    )
    assert "posts.article" in loaded
    assert not {"trafilatura", "tweepy", "atproto", "scheduler"} & loaded


def test_unknown_attribute() -> None:
    import posts

    with pytest.raises(AttributeError, match="no attribute 'nothing'"):
        _ = posts.nothing
