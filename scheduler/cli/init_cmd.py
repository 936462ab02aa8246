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

    \b
    Examples:
      herald init
      herald init --path ./herald.toml && HERALD_CONFIG=./herald.toml herald queue list
    """
    written = write_example_config(path)
    out = console()
    out.print(f"Wrote {written}")
    out.print("Edit the accounts (credentials go in environment variables named there), then:")
    out.print("  herald queue add article.md --to demo-x --next-slot")
