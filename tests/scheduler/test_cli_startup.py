"""``herald --help`` lists every command without importing any of them (start-up speed)."""

from __future__ import annotations

import subprocess
import sys

import click
import pytest

from scheduler.cli.main import COMMANDS, SUMMARIES, cli


@pytest.mark.parametrize("name", sorted(COMMANDS))
def test_each_listed_summary_is_the_command_s_own_help(name: str) -> None:
    command = cli.get_command(click.Context(cli), name)
    assert command is not None
    assert SUMMARIES[name] == command.get_short_help_str(limit=10_000)


def test_help_imports_no_command_module() -> None:
    probe = (
        "import sys\n"
        "from scheduler.cli.main import main\n"
        "try:\n    main(['--help'])\nexcept SystemExit:\n    pass\n"
        "loaded = [m for m in sys.modules if m.startswith(('scheduler.cli.', 'sqlalchemy', "
        "'posts.queue', 'posts.condensing', 'trafilatura'))]\n"
        "print(sorted(m for m in loaded if m != 'scheduler.cli.main'), file=sys.stderr)\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", probe], capture_output=True, text=True, timeout=60, check=True
    )
    assert "demo" in done.stdout and "format" in done.stdout
    assert done.stderr.strip() == "[]"
