"""What every command gets from the Click context: the clock (tests pass a fake one as ``obj``)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

import click

from posts.clock import Clock, system_clock


@dataclass(frozen=True)
class State:
    """The ``herald`` process's context object: ``CliRunner().invoke(cli, args, obj=State(fake))``
    runs a command at a time of the test's choosing, with no patching of the system clock."""

    clock: Clock = system_clock


def clock() -> Clock:
    """The clock of the command being run."""
    return click.get_current_context().ensure_object(State).clock


def now() -> datetime:
    """The time by the command's clock."""
    return clock()()
