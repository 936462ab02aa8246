"""The bundled templates are compiled once into the user's cache dir; a cache that is damaged or
cannot be written changes nothing that `herald format` prints."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from tests.condense.conftest import FIXTURES

CITY = str(FIXTURES / "city-budget.md")


def herald_format() -> subprocess.CompletedProcess[bytes]:
    """A whole ``herald format`` process (the cache is a matter between processes)."""
    code = "import sys\nfrom scheduler.cli.main import cli\nsys.argv[0] = 'herald'\ncli()\n"
    return subprocess.run(
        [sys.executable, "-c", code, "format", CITY], capture_output=True, timeout=60
    )


def cached(cache: Path) -> list[Path]:
    return sorted((cache / "herald").glob("template-*.cache"))


def test_a_second_run_reads_the_compiled_templates_and_prints_the_same() -> None:
    cache = Path(os.environ["XDG_CACHE_HOME"])
    first = herald_format()
    files = cached(cache)
    assert first.returncode == 0 and len(files) >= 3  # single and thread, several platforms
    stamps = [f.stat().st_mtime_ns for f in files]
    assert herald_format().stdout == first.stdout
    assert [f.stat().st_mtime_ns for f in files] == stamps  # read, not written again


def test_damaged_cache_files_are_compiled_afresh() -> None:
    first = herald_format()
    damaged = cached(Path(os.environ["XDG_CACHE_HOME"]))
    for path in damaged:  # Jinja2's header, then no valid checksum (its loader would raise)
        path.write_bytes(path.read_bytes()[:15] + b"\x80\x02garbage")
    again = herald_format()
    assert damaged and (again.returncode, again.stdout, again.stderr) == (
        0,
        first.stdout,
        first.stderr,
    )


def test_a_cache_dir_that_cannot_be_made_is_skipped(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    usual = herald_format()
    blocker = tmp_path / "a-file"
    blocker.write_text("not a directory")
    monkeypatch.setenv("XDG_CACHE_HOME", str(blocker))
    done = herald_format()
    assert (done.returncode, done.stdout, done.stderr) == (0, usual.stdout, usual.stderr)
