"""``herald accounts``: list configured accounts, check credentials, log in to X (OAuth 2.0)."""

from __future__ import annotations

import os

import click
from rich.console import Console
from rich.markup import escape

from posts.app.views import iso
from posts.config import Config, load_config
from posts.errors import InputError
from posts.queue import Hold, open_readonly
from scheduler.cli.output import console, echo_json
from scheduler.cli.state import clock


@click.command("list")
@click.option("--json", "as_json", is_flag=True, help="Machine-readable output.")
def list_cmd(as_json: bool) -> None:
    """Show each account, where it publishes, which credential variables are set, and whether
    the publisher holds its drafts until something is fixed.

    Values are never shown, only whether each variable is set.

    \b
    Examples:
      herald accounts list
      herald accounts list --json
    """
    from dataclasses import asdict

    from scheduler.adapters.checks import list_accounts

    config = load_config()
    rows = list_accounts(config)
    holds = _holds(config)
    gone = [h for name, h in holds.items() if name not in config.accounts]
    if as_json:
        listed = [{**asdict(row), "held": _held_json(holds.get(row.name))} for row in rows]
        listed += [{"name": h.account, "held": _held_json(h)} for h in gone]
        echo_json(listed)
        return
    out = console()
    for row in rows:
        who = f" {row.identity}" if row.identity else ""
        line = f"  {row.platform}{escape(who)}  → {escape(str(row.target))}"
        out.print(f"[bold]{escape(row.name)}[/bold]{line}")
        for var, is_set in row.variables.items():
            out.print(f"    {escape(var)}: {'set' if is_set else '[red]NOT SET[/red]'}")
        _print_hold(out, holds.get(row.name))
    for hold in gone:
        out.print(f"[bold]{escape(hold.account)}[/bold]  not in the config, but has drafts")
        _print_hold(out, hold)


def _holds(config: Config) -> dict[str, Hold]:
    """Accounts the publisher holds, from the queue (not created when it does not exist)."""
    store = open_readonly(config.database, config.database_timeout)
    if store is None:
        return {}
    try:
        return {h.account: h for h in store.holds()}
    finally:
        store.close()


def _held_json(hold: Hold | None) -> dict[str, str | None] | None:
    if hold is None:
        return None
    return {"kind": hold.kind, "reason": hold.reason, "since": iso(hold.since)}


def _print_hold(out: Console, hold: Hold | None) -> None:
    if hold is not None:
        out.print(
            f"    [red]NEEDS ATTENTION[/red] since {iso(hold.since)}: its due drafts are held",
        )
        out.print(f"    {hold.reason}", markup=False, emoji=False)


@click.command("check")
@click.argument("name")
def check_cmd(name: str) -> None:
    """Verify NAME's credentials with its platform, without posting.

    For Mastodon this also reads and caches the instance's character limit and link weight, so
    `herald format` and `herald queue add` fit posts to that instance.

    \b
    Examples:
      herald accounts check lab-bluesky
      herald accounts check lab-mastodon
    """
    from scheduler.adapters.checks import check_account

    result = check_account(load_config(), name, clock())
    links = f", links count {result.url_length}" if result.url_length else ""
    console().print(
        f"{result.name}: OK — {result.identity}; posts up to {result.max_length} characters{links}",
        markup=False,
    )


@click.group("login")
def login() -> None:
    """Interactive logins that print the credentials to store (nothing is saved by Herald)."""


@login.command("x")
@click.option(
    "--client-id-env",
    required=True,
    help="Variable holding your X app's OAuth 2.0 Client ID (developer portal → Keys and tokens).",
)
@click.option(
    "--client-secret-env",
    help="Variable holding the Client Secret, for confidential clients (web apps).",
)
@click.option(
    "--redirect-uri",
    default="https://127.0.0.1/herald-callback",
    show_default=True,
    help="A callback URL registered in the app's User authentication settings.",
)
@click.option("--account", "account_name", default="lab-x", help="Account name for the printout.")
def login_x(
    client_id_env: str, client_secret_env: str | None, redirect_uri: str, account_name: str
) -> None:
    """Walk through X's OAuth 2.0 (PKCE) login and print the tokens to store.

    Open the printed URL, approve the app, then paste the full URL your browser was sent to
    (the page itself may fail to load; only its address matters).

    \b
    Examples:
      herald accounts login x --client-id-env LAB_X_CLIENT_ID
      herald accounts login x --client-id-env LAB_X_CLIENT_ID --account newsroom-x
    """
    from scheduler.adapters.checks import x_login_finish, x_login_handler

    client_id = os.environ.get(client_id_env)
    if not client_id:
        raise InputError(f"environment variable {client_id_env} (the X Client ID) is not set")
    client_secret = os.environ.get(client_secret_env) if client_secret_env else None
    if client_secret_env and not client_secret:
        raise InputError(f"environment variable {client_secret_env} is not set")
    handler = x_login_handler(client_id, redirect_uri, client_secret)
    click.echo("1. Open this URL, sign in as the account that will post, and approve:\n")
    click.echo(f"   {handler.get_authorization_url()}\n")
    redirected = click.prompt("2. Paste the full URL you were redirected to").strip()
    token = x_login_finish(handler, redirected)
    prefix = account_name.upper().replace("-", "_")
    click.echo(
        "\n3. Store these secrets in the daemon's environment (e.g. a 0600 EnvironmentFile):\n"
    )
    click.echo(f"   {prefix}_OAUTH2_TOKEN={token['access_token']}")
    if token.get("refresh_token"):
        click.echo(f"   {prefix}_OAUTH2_REFRESH_TOKEN={token['refresh_token']}")
    click.echo(f"\n4. And name them in the config under [accounts.{account_name}]:\n")
    click.echo('   platform = "x"')
    click.echo(f'   oauth2_token_env = "{prefix}_OAUTH2_TOKEN"')
    if token.get("refresh_token"):
        click.echo(f'   oauth2_refresh_token_env = "{prefix}_OAUTH2_REFRESH_TOKEN"')
        click.echo(f'   oauth2_client_id_env = "{client_id_env}"')
        if client_secret_env:
            click.echo(f'   oauth2_client_secret_env = "{client_secret_env}"')
    click.echo(f"\nThen: herald accounts check {account_name}")
