"""Shared helpers for the article tests: where the test articles and the examples live."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

_TESTS = Path(__file__).resolve().parent.parent


@pytest.fixture
def article_file() -> Callable[[str], Path]:
    """``article_file("garden-notes.md")``: a test article written for this project."""
    return lambda name: _TESTS / "fixtures" / "articles" / name


@pytest.fixture
def example_file() -> Callable[[str], Path]:
    """``example_file("field-report.html")``: an example article bundled with Herald."""
    return lambda name: _TESTS.parent / "examples" / name
