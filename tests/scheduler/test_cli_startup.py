"""``herald --help`` and ``herald GROUP --help`` list commands without importing any of them, and
``herald queue list`` imports what reading the store needs and nothing more (start-up speed)."""

from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

import click
import pytest

from scheduler.cli.main import (
    ACCOUNTS_SUMMARIES,
    COMMANDS,
    QUEUE_SUMMARIES,
    SUMMARIES,
    accounts,
    cli,
    queue,
)

LISTED = (
    [(cli, SUMMARIES, name) for name in sorted(COMMANDS)]
    + [(queue, QUEUE_SUMMARIES, name) for name in sorted(QUEUE_SUMMARIES)]
    + [(accounts, ACCOUNTS_SUMMARIES, name) for name in sorted(ACCOUNTS_SUMMARIES)]
)


@pytest.mark.parametrize(("group", "summaries", "name"), LISTED)
def test_each_listed_summary_is_the_command_s_own_help(
    group: click.Group, summaries: dict[str, str], name: str
) -> None:
    command = group.get_command(click.Context(group), name)
    assert command is not None
    assert summaries[name] == command.get_short_help_str(limit=10_000)


def loaded_after(argv: list[str], prefixes: tuple[str, ...]) -> tuple[str, list[str]]:
    """What ``herald ARGV`` prints, and the modules with those prefixes it imported."""
    probe = (
        "import sys\n"
        "from scheduler.cli.main import main\n"
        f"try:\n    main({argv!r})\nexcept SystemExit:\n    pass\n"
        f"loaded = [m for m in sys.modules if m.startswith({prefixes!r})]\n"
        "print(sorted(m for m in loaded if m != 'scheduler.cli.main'), file=sys.stderr)\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", probe], capture_output=True, text=True, timeout=60, check=True
    )
    return done.stdout, ast.literal_eval(done.stderr.strip().splitlines()[-1])


@pytest.mark.parametrize(
    ("argv", "listed"),
    [(["--help"], "demo"), (["queue", "--help"], "reschedule"), (["accounts", "--help"], "login")],
)
def test_help_imports_no_command_module(argv: list[str], listed: str) -> None:
    prefixes = ("scheduler.cli.", "posts.queue", "posts.condensing", "posts.config", "rich")
    shown, loaded = loaded_after(argv, prefixes)
    assert listed in shown and loaded == []


def test_queue_list_imports_only_what_reading_the_store_needs() -> None:
    heavy = ("posts.app.enqueue", "posts.article", "posts.condensing", "posts.render", "jinja2",
             "apscheduler", "tweepy", "atproto", "mastodon", "psycopg", "sqlalchemy")  # fmt: skip
    _shown, loaded = loaded_after(["queue", "list"], heavy)
    assert loaded == []


@pytest.mark.parametrize("name", ["article.md", "article.txt"])
def test_format_of_prose_to_a_pipe_imports_no_rich_yaml_or_markdown_it(
    tmp_path: Path, name: str
) -> None:
    """Rich styles nothing in a pipe; no front matter needs no YAML; prose needs no parser."""
    article = tmp_path / name
    article.write_text("Council approves the park budget. Work starts in May.\n", encoding="utf-8")
    unused = ("rich", "yaml", "markdown_it")
    shown, loaded = loaded_after(["format", str(article)], (*unused, "scheduler.cli.format_cmd"))
    assert "Mastodon" in shown
    assert loaded == ["scheduler.cli.format_cmd"]  # it ran, without any of `unused`
