"""The shipped systemd unit and cron example run real ``herald`` commands with real options."""

from __future__ import annotations

import shlex
import shutil
import subprocess
import sys
from pathlib import Path

import click
import pytest
from click.testing import CliRunner

from scheduler.cli.main import cli

CONFIG = Path(__file__).resolve().parents[2] / "config"


def _parses(argv: list[str]) -> None:
    """Click accepts these arguments for the named subcommand (without running it)."""
    name, *args = argv
    ctx = click.Context(cli)
    command = cli.get_command(ctx, name)
    assert command is not None, f"no herald command {name!r}"
    command.make_context(name, args, parent=ctx)


def _exec_start() -> list[str]:
    lines = (CONFIG / "herald.service").read_text().splitlines()
    [line] = [x for x in lines if x.startswith("ExecStart=")]
    return shlex.split(line.removeprefix("ExecStart="))


def test_unit_starts_the_daemon() -> None:
    argv = _exec_start()
    assert argv[0].endswith("/bin/herald") and argv[1:] == ["run"]
    _parses(argv[1:])


def test_unit_passes_systemd_analyze(tmp_path: Path) -> None:
    if shutil.which("systemd-analyze") is None:
        pytest.skip("systemd-analyze is not installed")
    herald = Path(sys.executable).with_name("herald")
    unit = tmp_path / "herald.service"
    unit.write_text((CONFIG / "herald.service").read_text().replace(_exec_start()[0], str(herald)))
    done = subprocess.run(
        ["systemd-analyze", "verify", str(unit)], capture_output=True, text=True, check=False
    )
    assert done.returncode == 0 and not done.stderr.strip(), done.stderr


def test_cron_line_runs_one_pass() -> None:
    lines = (CONFIG / "herald.cron").read_text().splitlines()
    [entry] = [x for x in lines if x.startswith("* * * * *")]
    command = entry.removeprefix("* * * * *")
    subprocess.run(["sh", "-n", "-c", command], check=True)  # valid shell
    words = shlex.split(command.split("flock -n", 1)[1])
    start = next(i for i, w in enumerate(words) if w.endswith("/bin/herald"))
    assert words[start + 1 : start + 3] == ["run", "--once"]
    _parses(words[start + 1 : start + 3])


def test_one_cron_line_everywhere() -> None:
    """The cron file, the quick start and `run --help` never disagree on how cron runs Herald."""

    def cron_lines(path: Path) -> set[str]:
        return {line for line in path.read_text().splitlines() if line.startswith("* * ")}

    [entry] = cron_lines(CONFIG / "herald.cron")
    shown = set().union(*(cron_lines(doc) for doc in (CONFIG.parent / "docs").glob("*.md")))
    assert shown <= {entry}
    help_text = CliRunner().invoke(cli, ["run", "--help"]).output
    assert "* * *" not in help_text and "config/herald.cron" in help_text
