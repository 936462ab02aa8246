"""What ``herald accounts`` reports: configured accounts, credential checks, X's OAuth 2.0 login.

Nothing here prints or stores a secret: listings say whether each variable is set, checks call the
platform's "who am I" endpoint, and the X login hands the tokens back to the caller to show once.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from posts import platforms
from posts.clock import Clock
from posts.config import Account, Config
from posts.errors import HeraldError, NotFoundError
from scheduler.adapters.base import AdapterError

if TYPE_CHECKING:
    import tweepy

X_SCOPES = ("tweet.read", "tweet.write", "users.read", "media.write", "offline.access")


class AccountCheckError(HeraldError):
    """The platform could not be reached or refused the credentials: exit code 2, like any bad
    input (1 is kept for publish failures)."""


@dataclass(frozen=True)
class AccountRow:
    name: str
    platform: str
    target: str  # "mock outbox", the PDS / instance URL, or "api.x.com"
    identity: str  # handle where configured
    variables: dict[str, bool]  # env var name -> whether it is set (never its value)


@dataclass(frozen=True)
class CheckResult:
    name: str
    platform: str
    identity: str  # what the platform says this account is
    max_length: int
    url_length: int | None


def list_accounts(config: Config) -> list[AccountRow]:
    return [_row(account) for account in config.accounts.values()]


def _row(account: Account) -> AccountRow:
    settings = account.settings
    variables = {
        str(var): bool(os.environ.get(str(var)))
        for key, var in settings.items()
        if key.endswith("_env") and not account.mock
    }
    target = "mock outbox" if account.mock else platforms.get(account.platform).target(settings)
    return AccountRow(
        account.name, account.platform, target, str(settings.get("handle", "")), variables
    )


def check_account(config: Config, name: str, clock: Clock) -> CheckResult:
    """Verify ``name``'s credentials without posting (and cache what the platform reports)."""
    from scheduler.adapters.registry import adapter_for

    account = config.accounts.get(name)
    if account is None:
        known = ", ".join(sorted(config.accounts)) or "none"
        raise NotFoundError(f"no account named '{name}' (configured: {known})")
    adapter = adapter_for(account, config, clock)  # a missing variable: CredentialError, exit 2
    try:
        identity = adapter.verify()
        limits = adapter.limits
    except AdapterError as error:
        raise AccountCheckError(str(error)) from None
    finally:
        adapter.close()
    return CheckResult(name, account.platform, identity, limits.max_length, limits.url_length)


def x_login_handler(
    client_id: str, redirect_uri: str, client_secret: str | None = None
) -> tweepy.OAuth2UserHandler:
    """Step 1 of X's OAuth 2.0 PKCE flow: the handler whose authorization URL the user opens."""
    import tweepy

    return tweepy.OAuth2UserHandler(
        client_id=client_id,
        redirect_uri=redirect_uri,
        scope=list(X_SCOPES),
        client_secret=client_secret,
    )


def x_login_finish(handler: tweepy.OAuth2UserHandler, redirected_to: str) -> dict[str, Any]:
    """Step 2: trade the URL X redirected to for the access and refresh tokens."""
    if "code=" not in redirected_to:
        raise AccountCheckError(
            "that is not the URL X redirected to: it must contain ?state=...&code=..."
        )
    try:
        token: dict[str, Any] = handler.fetch_token(redirected_to)
    except Exception as error:  # requests-oauthlib raises many kinds; all mean "not authorized"
        raise AccountCheckError(f"X did not issue a token: {error}") from None
    return token
