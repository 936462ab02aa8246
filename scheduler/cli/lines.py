"""Lines for people, styled by Rich on a terminal and written plainly, without Rich, elsewhere.

Importing Rich takes about 20 ms, a tenth of `herald format`'s start-up. When its output goes to
a pipe or a file, Rich styles nothing and prints text as given, so :class:`PlainLines` writes the
same bytes itself (tests/scheduler/test_cli_lines.py compares the two for any text). Whatever
Rich might treat differently (a tab, a title of other than one-cell characters, a forced
terminal) is handed to Rich. Text from articles is printed as data: never markup, never emoji codes.
"""

from __future__ import annotations

import builtins
import os
import sys
from typing import TYPE_CHECKING, Protocol, TextIO

if TYPE_CHECKING:
    from rich.console import Console

Piece = str | tuple[str, str]
"""Text, or text and a Rich style such as ``"bold red"`` (shown only on a terminal)."""

_STRIPPED = dict.fromkeys((7, 8, 11, 12, 13))  # what Rich's Text drops: BEL BS VT FF CR
_RULE = "─"
_ONE_CELL = frozenset(map(chr, range(0x20, 0x7F))) | {"·"}


class Lines(Protocol):
    """Where a command prints its lines for people."""

    def rule(self, title: str) -> None:
        """A horizontal line across the width with ``title`` in the middle."""

    def print(self, *pieces: Piece) -> None:
        """One line made of ``pieces`` (none: an empty line)."""


class RichLines:
    """Lines through a Rich console: styles, and the terminal's width."""

    def __init__(self, console: Console) -> None:
        self.console = console

    def rule(self, title: str) -> None:
        from rich.text import Text

        self.console.rule(Text(title))

    def print(self, *pieces: Piece) -> None:
        from rich.text import Text

        self.console.print(Text.assemble(*pieces))


class PlainLines:
    """Lines written to ``file`` as Rich would write them to a file: no styles."""

    def __init__(self, file: TextIO, width: int, stderr: bool) -> None:
        self.file, self.width, self.stderr = file, width, stderr

    def rule(self, title: str) -> None:
        if not title or len(title) + 4 > self.width or not _ONE_CELL.issuperset(title):
            self._rich().rule(title)
            return
        side = (self.width - len(title)) // 2
        self._write((_RULE * (side - 1) + f" {title} " + _RULE * (side + 1))[: self.width])

    def print(self, *pieces: Piece) -> None:
        text = "".join(p if isinstance(p, str) else p[0] for p in pieces).translate(_STRIPPED)
        if "\t" in text:  # Rich expands tabs by cell widths
            self._rich().print(*pieces)
            return
        self._write(text)

    def _write(self, line: str) -> None:
        try:
            self.file.write(line + "\n")
            self.file.flush()
        except BrokenPipeError:  # the reader left (`| head`): end quietly with 1, as Rich does
            os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
            raise SystemExit(1) from None

    def _rich(self) -> RichLines:
        from scheduler.cli.output import console, err_console

        return RichLines(err_console() if self.stderr else console())


def lines(*, stderr: bool = False) -> Lines:
    """Lines on stdout (or stderr): plain when Rich would style nothing, else through Rich."""
    file, width = (sys.stderr if stderr else sys.stdout), _width()
    if width < 1 or _rich_would_style(file):  # at width 0 Rich prints nothing at all
        from scheduler.cli.output import console, err_console

        return RichLines(err_console() if stderr else console())
    return PlainLines(file, width, stderr)


def _rich_would_style(file: TextIO) -> bool:
    """True unless Rich would surely see a plain file: not a terminal, nothing forcing one, a
    UTF encoding, no Jupyter or IDLE, not Windows (doubt means Rich)."""
    if {"FORCE_COLOR", "TTY_COMPATIBLE"} & os.environ.keys() or sys.platform == "win32":
        return True
    if hasattr(builtins, "get_ipython") or type(sys.stdin).__module__.startswith("idlelib"):
        return True
    if not (getattr(file, "encoding", None) or "utf-8").lower().startswith("utf"):
        return True
    try:
        return file.isatty()
    except ValueError:  # closed
        return True


def _width() -> int:
    """Rich's width for a file: COLUMNS, else the terminal of stdin, stdout or stderr, else 80."""
    columns = os.environ.get("COLUMNS")
    if columns is not None and columns.isdigit():
        return int(columns)
    for descriptor in (0, 1, 2):
        try:
            return os.get_terminal_size(descriptor).columns or 80
        except (AttributeError, ValueError, OSError):
            continue
    return 80
