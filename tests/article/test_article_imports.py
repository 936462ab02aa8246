"""``from posts import load_article`` works, and importing ``posts`` alone stays cheap."""

from __future__ import annotations

import subprocess
import sys

import pytest


def _run(code: str) -> str:
    """Run ``code`` in a fresh interpreter (imports are process-wide) and return its stdout."""
    return subprocess.run(
        [sys.executable, "-c", code], check=True, capture_output=True, text=True
    ).stdout


def _modules_after(code: str) -> set[str]:
    return set(_run(f"{code}\nimport sys\nprint(' '.join(sys.modules))").split())


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


@pytest.mark.parametrize("first", ["", "from posts.condensing import condense_all"])
def test_condense_is_the_function_whatever_was_imported_first(first: str) -> None:
    out = _run(
        f"{first}\nfrom posts import condense, load_article, measure\n"
        "print(type(condense).__name__, type(load_article).__name__, type(measure).__name__)"
    )
    assert out.split() == ["function", "function", "function"]
