"""Plain lines are byte for byte what Rich writes to a file, for any text, title and width."""

from __future__ import annotations

import io
import os
import subprocess
import sys
from contextlib import redirect_stdout
from pathlib import Path
from unittest import mock

from hypothesis import given
from hypothesis import strategies as st

from scheduler.cli.lines import Piece, PlainLines, RichLines, lines
from scheduler.cli.output import console

STYLES = st.sampled_from(["", "bold", "dim", "yellow", "bold red"])
PIECES = st.lists(st.text() | st.tuples(st.text(), STYLES), max_size=4)
TITLES = st.text() | st.text(alphabet=st.sampled_from("Xa1 ·:/[]"), max_size=90)
WIDTHS = st.none() | st.integers(min_value=1, max_value=200).map(str) | st.just("x")


def written(plain: bool, title: str, pieces: list[Piece], columns: str | None) -> str:
    """What a rule and a line print to a file, plain (through ``lines()``) or through Rich."""
    out = io.StringIO()
    environ = {k: v for k, v in os.environ.items() if k not in ("FORCE_COLOR", "TTY_COMPATIBLE")}
    if columns is not None:
        environ["COLUMNS"] = columns
    else:
        environ.pop("COLUMNS", None)
    with mock.patch.dict(os.environ, environ, clear=True), redirect_stdout(out):
        printer = lines() if plain else RichLines(console())
        assert isinstance(printer, PlainLines) == (plain and columns != "0")
        printer.rule(title)
        printer.print(*pieces)
        printer.print()
    return out.getvalue()


@given(TITLES, PIECES, WIDTHS)
def test_plain_lines_are_what_rich_writes_to_a_file(
    title: str, pieces: list[Piece], columns: str | None
) -> None:
    assert written(True, title, pieces, columns) == written(False, title, pieces, columns)


def test_at_width_zero_rich_prints_nothing_and_so_do_lines() -> None:
    assert written(True, "X · single post", ["text"], "0") == ""


def test_a_forced_terminal_gets_rich_styles() -> None:
    out = io.StringIO()
    with mock.patch.dict(os.environ, {"FORCE_COLOR": "1"}), redirect_stdout(out):
        printer = lines()
        printer.print(("warning", "yellow"))
    assert isinstance(printer, RichLines)
    assert out.getvalue() == "\x1b[33mwarning\x1b[0m\n"


def test_a_reader_that_leaves_early_ends_herald_quietly_as_rich_did(tmp_path: Path) -> None:
    article = tmp_path / "a.md"
    article.write_text("Council approves the park budget. Work starts in May.\n", encoding="utf-8")
    code = "import sys\nfrom scheduler.cli.main import cli\nsys.argv[0] = 'herald'\ncli()\n"
    argv = [sys.executable, "-c", code, "format", str(article)]
    run = subprocess.Popen(argv, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    assert run.stdout is not None and run.stderr is not None
    run.stdout.close()  # before Herald writes its first line
    assert (run.wait(timeout=60), run.stderr.read()) == (1, b"")
