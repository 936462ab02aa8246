"""Shared output helpers for CLI commands: JSON on stdout, Rich for humans (NO_COLOR respected)."""

from __future__ import annotations

import json
import sys
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from rich.console import Console


def console() -> Console:
    """A console on stdout; Rich itself honours NO_COLOR and non-TTY output.

    Emoji codes are off: ``:x:`` in an article title prints as written. Markup stays on for
    Herald's own strings, so text from articles, configs and platforms goes in as
    ``rich.text.Text``, through ``rich.markup.escape``, or with ``markup=False``.
    """
    from rich.console import Console  # imported when used: `herald format | …` needs none

    return Console(highlight=False, soft_wrap=True, emoji=False)


def err_console() -> Console:
    from rich.console import Console

    return Console(stderr=True, highlight=False, soft_wrap=True, emoji=False)


def echo_json(obj: Any) -> None:
    """Print ``obj`` as stable, indented JSON (keys in insertion order, non-ASCII kept)."""
    json.dump(obj, sys.stdout, ensure_ascii=False, indent=2, default=str)
    sys.stdout.write("\n")
