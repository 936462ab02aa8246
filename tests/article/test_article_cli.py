"""Bad articles through ``herald format``: one ``Error:`` line, exit code 2, no traceback."""

from __future__ import annotations

import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest
from click.testing import CliRunner

from posts.article import MAX_BYTES
from scheduler.cli.main import cli


def _write(tmp_path: Path, name: str, data: bytes) -> str:
    path = tmp_path / name
    path.write_bytes(data)
    return str(path)


@pytest.mark.parametrize(
    ("make", "reason"),
    [
        (lambda tmp: str(tmp / "missing.md"), "no such file"),
        (lambda tmp: str(tmp), "is a directory"),
        (lambda tmp: _write(tmp, "empty.md", b""), "is empty"),
        (lambda tmp: _write(tmp, "blank.txt", b"  \n\n\t"), "is empty"),
        (lambda tmp: _write(tmp, "data.bin", bytes(range(256))), "NUL bytes"),
        (lambda tmp: _write(tmp, "old.txt", "Привет, мир.".encode("cp1251")), "UTF-8"),
        (lambda tmp: _write(tmp, "big.txt", b"word " * (MAX_BYTES // 5 + 1)), "up to 5 MB"),
        (lambda tmp: _write(tmp, "tags.txt", b"#only #tags\n"), "no readable text"),
    ],
)
def test_bad_article_file(make: Callable[[Path], str], reason: str, tmp_path: Path) -> None:
    path = make(tmp_path)
    result = CliRunner().invoke(cli, ["format", path])
    assert result.exit_code == 2
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("Error: ") and reason in lines[0]
    assert "Traceback" not in result.output


def test_empty_stdin() -> None:
    result = CliRunner().invoke(cli, ["format", "-"], input=b"")
    assert result.exit_code == 2
    assert result.stderr.strip() == "Error: standard input is empty"


def test_relative_url_option(tmp_path: Path) -> None:
    path = _write(tmp_path, "a.md", b"# T\n\nSome text here.\n")
    result = CliRunner().invoke(cli, ["format", path, "--url", "example.org/a"])
    assert result.exit_code == 2
    assert "must start with http" in result.stderr


def test_a_libraries_warning_about_the_pages_data_is_not_printed(tmp_path: Path) -> None:
    """htmldate hands a time element's "…T14:05:00PST" to dateutil, which warns that it does
    not know "PST": the page's detail, not the user's, and never on stderr."""
    page = _write(
        tmp_path,
        "ferry.html",
        b"<html><head><title>Harbour ferry opens to cyclists</title></head><body><article>"
        b"<h1>Harbour ferry opens to cyclists</h1><div class='dateline'><time "
        b"itemprop='datePublished' class='dateline_time' data-dt='December 16, 2016, 2:05 PM' "
        b"datetime='2016-12-16T14:05:00PST'></time></div><p>The council voted on Tuesday to "
        b"open the harbour ferry to cyclists from June, after a long debate.</p><p>Riders with "
        b"bikes will pay the standard fare, and the ferry will carry twenty bicycles.</p>"
        b"</article></body></html>",
    )
    code = "from scheduler.cli.main import cli; cli()"
    done = subprocess.run(
        [sys.executable, "-c", code, "format", page], capture_output=True, text=True, check=False
    )
    assert done.returncode == 0 and done.stderr == "", done.stderr
