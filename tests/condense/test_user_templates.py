"""A user's thread template shapes every post's body: what it does to the body (a filter, a
test of its length) shows in each post of the thread."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from posts.condensing import condense
from posts.model import Article, CondenseOptions
from tests.condense.conftest import PLATFORMS


def write_templates(folder: Path, thread: str) -> None:
    for platform in PLATFORMS:
        (folder / f"{platform}_thread.txt.j2").write_text(thread)


def test_a_template_that_changes_the_body_changes_every_post(
    tmp_path: Path, article: Callable[[str], Article]
) -> None:
    write_templates(tmp_path, "{{ number }} {{ body | upper }}")
    options = CondenseOptions(template_dir=tmp_path)
    texts = [
        p.text
        for p in condense(article("city-budget.md"), "x", mode="thread", options=options).posts
    ]
    assert len(texts) > 1 and all(text == text.upper() for text in texts)
    assert "RIVERSIDE" in texts[0]


def test_a_template_that_tests_the_body_sees_each_body(
    tmp_path: Path, article: Callable[[str], Article]
) -> None:
    write_templates(tmp_path, "{% if body | length > 150 %}LONG {% endif %}{{ body }}")
    options = CondenseOptions(template_dir=tmp_path, numbering="none")
    texts = [
        p.text
        for p in condense(article("city-budget.md"), "x", mode="thread", options=options).posts
    ]
    marked = [t.startswith("LONG ") for t in texts]
    assert marked == [len(t.removeprefix("LONG ")) > 150 for t in texts] and any(marked)
