"""``herald init``: write a commented config for the user, never over an existing one."""

from __future__ import annotations

from pathlib import Path

import click

from posts.config import write_example_config
from scheduler.cli.output import console


@click.command()
@click.option(
    "--path",
    type=click.Path(dir_okay=False, path_type=Path),
    help="Where to write (default: $HERALD_CONFIG or the platform's config directory).",
)
def init(path: Path | None) -> None:
    """Write a commented config (accounts, slots, time zone) to edit.

    The time zone is this machine's; the built-in demo accounts are kept, so drafts queued
    before `herald init` keep their account.

    \b
    Examples:
      herald init
      herald init --path ./herald.toml && HERALD_CONFIG=./herald.toml herald queue list
    """
    from posts.starter import default_accounts, local_zone, starter_config

    zone = local_zone()
    written = write_example_config(path, starter_config(zone))
    out = console()
    out.print(f"Wrote {written}", markup=False)
    out.print(f"Time zone: {zone} (this machine's); change `timezone` to publish by another.")
    kept = ", ".join(default_accounts())
    out.print(
        f"Kept the built-in accounts {kept}: drafts queued for them still have their account."
    )
    out.print("Edit the accounts (credentials go in environment variables named there), then:")
    out.print("  herald queue add article.md --to demo-x --next-slot")
