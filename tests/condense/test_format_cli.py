"""``herald format`` through Click: human output, the JSON interface, templates, bad input."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from scheduler.cli.main import cli
from tests.condense.conftest import FIXTURES

CITY = str(FIXTURES / "city-budget.md")


def herald(*args: str, stdin: bytes | None = None) -> Result:
    return CliRunner().invoke(cli, ["format", *args], input=stdin)


def one_line_error(result: Result) -> str:
    assert result.exit_code == 2, result.output
    assert "Traceback" not in result.output
    assert result.stdout == ""
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1, result.stderr
    return lines[0]


def test_human_output_shows_each_post_with_its_count_per_platform() -> None:
    result = herald(CITY)
    assert result.exit_code == 0, result.output
    for header in (
        "X · thread of ",
        "Bluesky · thread of ",
        "Mastodon · single post",
    ):
        assert header in result.stdout
    assert "[1] 197/280" in result.stdout
    assert "[1] 489/500" in result.stdout  # headline, summary, then whole sentences that fit
    assert "warning (X): #2026 dropped: not a valid x hashtag" in result.stdout
    assert "thumbnail (fetched when publishing): https://news.example.net/img/" in result.stdout


def test_json_has_exactly_the_documented_shape() -> None:
    result = herald(CITY, "--json")
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert list(data) == ["article", "platforms"]
    assert data["article"] == {
        "title": "Riverside Council Passes a Budget That Rebuilds Bus Routes Before Roads",
        "url": "https://news.example.net/riverside/2026/budget-buses-first",
        "hashtags": ["CityBudget", "LocalNews", "Transit", "2026", "Riverside"],
        "summary": data["article"]["summary"],
        "summary_source": "front-matter",
        "image": {"src": "https://news.example.net/img/riverside-bus-depot.jpg", "alt": None},
        "keywords": data["article"]["keywords"],
        "explain": ["summary: front matter"],
        "removed": [],
        "warnings": [],
    }
    assert {"text": "Local News", "source": "front-matter", "used": False} in data["article"][
        "keywords"
    ]
    assert list(data["platforms"]) == ["x", "bluesky", "mastodon"]
    assert data["platforms"]["x"]["limit"] == 280
    assert all(list(p) == ["text", "length", "images"] for p in data["platforms"]["x"]["posts"])
    lead = {"src": "https://news.example.net/img/riverside-bus-depot.jpg", "alt": None}
    images = [p["images"] for p in data["platforms"]["x"]["posts"]]
    assert images[0] == [lead] and not any(images[1:])
    assert list(data["platforms"]["mastodon"]) == ["limit", "posts"]
    bluesky = data["platforms"]["bluesky"]
    assert list(bluesky) == ["limit", "posts", "embed"]
    assert all(list(p) == ["text", "length", "facets", "images"] for p in bluesky["posts"])
    facet = bluesky["posts"][-1]["facets"][-1]
    assert facet == {
        "index": facet["index"],
        "features": [{"$type": "app.bsky.richtext.facet#tag", "tag": "Transit"}],  # cap: 3
    }
    assert list(facet["index"]) == ["byteStart", "byteEnd"]
    assert bluesky["embed"]["$type"] == "app.bsky.embed.external"
    assert "warning (X)" in result.stderr


def test_options_reach_the_condenser() -> None:
    result = herald(CITY, "--platform", "x", "--mode", "thread", "--max-posts", "3", "--json")
    posts = json.loads(result.stdout)["platforms"]["x"]["posts"]
    assert len(posts) == 3 and posts[-1]["text"].startswith("3/3 ")
    result = herald(CITY, "--platform", "bluesky", "--mode", "thread", "--numbering", "thread")
    assert "🧵 Riverside Council" in result.stdout


def test_stdin_and_url_option() -> None:
    text = b"Frost\n\nThe first frost came early. We covered the dahlias.\n"
    result = herald(
        "-", "--platform", "x", "--url", "https://example.org/frost", "--json", stdin=text
    )
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert data["article"]["url"] == "https://example.org/frost"
    assert "https://example.org/frost" in data["platforms"]["x"]["posts"][0]["text"]


def _config_with_templates(home: Path) -> Path:
    templates = home / "my-templates"
    templates.mkdir()
    (home / "config.toml").write_text('templates = "my-templates"\n', encoding="utf-8")
    return templates


def test_a_user_template_overrides_the_bundled_one(isolated_herald: Path) -> None:
    templates = _config_with_templates(isolated_herald)
    (templates / "mastodon_single.txt.j2").write_text(
        "📰 {{ hook }}\n{{ link }}\n{{ hashtags | join(' ') }}\n", encoding="utf-8"
    )
    result = herald(CITY, "--platform", "mastodon", "--mode", "single", "--json")
    (post,) = json.loads(result.stdout)["platforms"]["mastodon"]["posts"]
    assert post["text"] == (
        "📰 Riverside Council Passes a Budget That Rebuilds Bus Routes Before Roads\n"
        "https://news.example.net/riverside/2026/budget-buses-first\n"
        "#CityBudget #LocalNews #Transit #Riverside"
    )


@pytest.mark.parametrize(
    ("body", "line", "message"),
    [
        ("{{ hook }}\n{% if body %}\n{{ body }\n", 3, "unexpected '}'"),
        ("{{ hook }}\n\n{{ bodyy }}\n", 3, "'bodyy' is undefined"),
        ("{{ hook }}\n{{ body.__class__.__mro__ }}\n", 2, "unsafe"),
    ],
)
def test_a_broken_user_template_names_its_file_and_line(
    isolated_herald: Path, body: str, line: int, message: str
) -> None:
    templates = _config_with_templates(isolated_herald)
    (templates / "x_single.txt.j2").write_text(body, encoding="utf-8")
    error = one_line_error(herald(CITY, "--platform", "x", "--mode", "single"))
    assert error.startswith(f"Error: template {templates / 'x_single.txt.j2'}, line {line}: ")
    assert message in error


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--platform", "x,myspace"], "unknown platform 'myspace' (known: x, bluesky, mastodon)"),
        (["--platform", ","], "no platform named (known: x, bluesky, mastodon)"),
        (["--mode", "haiku"], "unknown mode 'haiku' (known: single, thread, auto)"),
        (["--numbering", "roman"], "unknown numbering 'roman' (known: fraction, thread, none)"),
        (["--max-posts", "many"], "--max-posts must be a whole number from 1 to 100, not 'many'"),
        (["--max-posts", "0"], "--max-posts must be a whole number from 1 to 100, not '0'"),
    ],
)
def test_bad_options_fail_with_one_line_and_exit_2(args: list[str], message: str) -> None:
    assert one_line_error(herald(CITY, *args)) == f"Error: {message}"


def test_bad_articles_fail_with_one_line_and_exit_2(tmp_path: Path) -> None:
    empty = tmp_path / "empty.md"
    empty.write_text("   \n", encoding="utf-8")
    for path in (empty, tmp_path / "missing.md", tmp_path):
        one_line_error(herald(str(path)))
    one_line_error(herald("-", stdin=b""))


def test_format_imports_no_platform_sdk() -> None:
    script = (
        "import sys\n"
        "from click.testing import CliRunner\n"
        "from scheduler.cli.main import cli\n"
        f"result = CliRunner().invoke(cli, ['format', {CITY!r}, '--json'])\n"
        "assert result.exit_code == 0, result.output\n"
        "print(sorted(m for m in ('atproto', 'tweepy', 'mastodon') if m in sys.modules))\n"
    )
    run = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, check=True)
    assert run.stdout.strip() == "[]"


def test_a_wordy_thread_template_still_fits_every_post(isolated_herald: Path) -> None:
    """The fitter measures what the template renders, whatever the template adds."""
    templates = _config_with_templates(isolated_herald)
    (templates / "x_thread.txt.j2").write_text(
        "{% if kind == 'closing' %}Read the whole story: {{ link }}\n{{ hashtags | join(' ') }}"
        "{% else %}{{ number }} {{ hook | upper }}\n{{ body }}\n"
        "— Riverside Daily Newsroom, independent local reporting since 1887 —{% endif %}\n",
        encoding="utf-8",
    )
    result = herald(CITY, "--platform", "x", "--mode", "thread", "--json")
    posts = json.loads(result.stdout)["platforms"]["x"]["posts"]
    assert len(posts) >= 3
    assert all(p["length"] <= 280 for p in posts)
    assert posts[0]["text"].startswith(f"1/{len(posts)} RIVERSIDE COUNCIL PASSES")
    assert all(p["text"].endswith("since 1887 —") for p in posts[:-1])
    assert posts[-1]["text"].startswith("Read the whole story: https://news.example.net/")


def test_a_template_too_long_for_any_text_is_one_clear_line(isolated_herald: Path) -> None:
    templates = _config_with_templates(isolated_herald)
    (templates / "x_single.txt.j2").write_text("{{ body }} " + "padding " * 40, encoding="utf-8")
    error = one_line_error(herald(CITY, "--platform", "x", "--mode", "single"))
    assert error == "Error: nothing fits a x post of 280 with template x_single.txt.j2"
