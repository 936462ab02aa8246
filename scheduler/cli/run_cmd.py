"""``herald run``: the publishing daemon (``--once``: one pass; ``--dry-run``: the plan)."""

from __future__ import annotations

import click

from posts.config import load_config
from posts.errors import PublishError
from scheduler.cli.output import console, echo_json
from scheduler.cli.state import clock
from scheduler.logs import LogFormat, setup_logging


@click.command("run")
@click.option("--once", is_flag=True, help="Publish everything due now, then exit (cron, timers).")
@click.option("--dry-run", is_flag=True, help="Print what would go out and when; change nothing.")
@click.option(
    "--catch-up", is_flag=True, help="Also publish drafts overdue beyond the stale window."
)
@click.option("--json", "as_json", is_flag=True, help="With --dry-run: print the plan as JSON.")
@click.option(
    "--log-format",
    type=click.Choice(["text", "json"]),
    default="text",
    show_default=True,
    help="One line per event on stderr; json for log collectors.",
)
def run(once: bool, dry_run: bool, catch_up: bool, as_json: bool, log_format: LogFormat) -> None:
    """Publish due drafts on time, exactly once, until stopped (SIGTERM/Ctrl-C exit cleanly).

    Logs what it waits for (next: ID ACCOUNT at TIME, in SPAN) at start and after each tick.
    SIGHUP, or a change to the config file, reloads the config: drafts of an account held for a
    config or credential problem go out as soon as it is fixed.

    Exit status: 0 when all went well, 1 when a draft failed, ended partial or unconfirmed
    (--once), 2 for bad input or a database another daemon holds (--once), 130 after Ctrl-C.

    \b
    Examples:
      herald run                      # the daemon (systemd: config/herald.service)
      herald run --once               # from cron, every minute: config/herald.cron
      herald run --dry-run            # what would go out, and when
      herald run --dry-run --json     # the same for scripts
      herald run --catch-up --once    # after a long outage, publish overdue drafts anyway
      herald run --log-format json
    """
    if as_json and not dry_run:
        raise click.UsageError("--json goes with --dry-run")
    config = load_config()
    if dry_run:
        from scheduler.plan import plan, plan_json, render_plan

        whole = plan(config, clock(), catch_up=catch_up)
        if as_json:
            echo_json(plan_json(whole))
        else:
            render_plan(console(), whole, config.timezone)
        return
    from scheduler.daemon import run as run_daemon

    setup_logging(log_format)
    result = run_daemon(config, clock(), once=once, catch_up=catch_up)
    if result.interrupted:
        raise click.exceptions.Exit(130)  # 128 + SIGINT, as shells expect after Ctrl-C
    if once and result.problems:
        problems = sorted(result.problems.items())
        listed = ", ".join(f"{draft} {status}" for draft, status in problems)
        raise PublishError(f"{len(problems)} draft(s) need attention: {listed}")
