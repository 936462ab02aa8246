"""A template that prints the body as it is runs once per post, the body spliced in; any other
template runs for every body, so what it does to the body shows in every post."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st
from jinja2.sandbox import SandboxedEnvironment

from posts.condensing import condense
from posts.model import Article, CondenseOptions
from posts.render import renderer
from posts.resources import bundled_dir
from posts.template_body import prints_verbatim
from tests.condense.conftest import PLATFORMS

ENV = SandboxedEnvironment()


def verbatim(source: str) -> bool:
    return prints_verbatim(ENV.parse(source))


@pytest.mark.parametrize("path", sorted(bundled_dir("templates").glob("*.txt.j2")), ids=str)
def test_the_bundled_post_templates_print_the_body_as_it_is(path: Path) -> None:
    assert verbatim(path.read_text())


@pytest.mark.parametrize(
    "source",
    [
        "{{ body }}",
        "{{ number }} {{ body }}\n\n{{ link }}",
        "{% for tag in hashtags %}{{ body }}{% endfor %}",
        '{% if kind == "hook" %}{{ hook }}{% endif %}{{ body }}',
        '{{ [hook, body] | select | join("\\n\\n") }}',
        "{{ title }}",  # no body at all
    ],
)
def test_plain_prints_of_the_body_are_verbatim(source: str) -> None:
    assert verbatim(source)


@pytest.mark.parametrize(
    "source",
    [
        "{{ body | upper }}",
        "{{ body[:20] }}",
        '{{ body ~ "!" }}',
        "{% if body %}{{ body }}{% endif %}",
        "{% if body | length > 50 %}LONG {% endif %}{{ body }}",
        "{% set body = title %}{{ body }}",
        "{% for body in hashtags %}{{ body }}{% endfor %}",
        "{% macro m() %}{{ body }}{% endmacro %}{{ m() | upper }}",
        "{% filter upper %}{{ body }}{% endfilter %}",
        '{% include "other.j2" %}{{ body }}',
        '{{ [hook, body] | map("upper") | join }}',
        "{{ [hook, body] | select | join(link) }}",
        "{% set x %}{{ body }}{% endset %}{{ x | upper }}",
    ],
)
def test_anything_that_reads_or_changes_the_body_is_not(source: str) -> None:
    assert not verbatim(source)


@pytest.mark.parametrize("platform", PLATFORMS)
@given(body=st.text(min_size=0, max_size=60), hook=st.sampled_from(["", "Headline"]))
def test_a_spliced_post_is_the_template_run_on_its_body(
    platform: str, body: str, hook: str
) -> None:
    render = renderer(platform, "thread")
    pieces = {
        "kind": "body", "number": "2/3", "index": 2, "total": 3, "hook": hook, "link": "",
        "hashtags": ["#Tide"], "title": "T", "platform": platform, "lang": "en",
    }  # fmt: skip
    assert render.around(**pieces)(body) == render(**pieces, body=body)


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
    assert "RIVERSIDE" in texts[0] and "\x00" not in "".join(texts)


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
