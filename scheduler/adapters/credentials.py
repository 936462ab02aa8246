"""Reading an account's secrets from the environment variables its config names.

Errors name the account, the config key and the variable, never the value, so they can be shown
and logged as they are.
"""

from __future__ import annotations

import os

from posts.config import Account
from posts.errors import ConfigError
from scheduler.adapters.base import AuthError


class CredentialError(AuthError, ConfigError):
    """A credential is not configured or not set: an adapter AuthError and a clean CLI error."""


def secret(account: Account, key: str) -> str:
    """The value of the env var named by ``account.settings[key]`` (e.g. ``token_env``)."""
    var = env_name(account, key)
    value = os.environ.get(var, "")
    if not value:
        raise CredentialError(
            f"account {account.name!r}: environment variable {var} (from {key}) is not set"
        )
    return value


def env_name(account: Account, key: str) -> str:
    """The env var name the config gives for ``key``; a CredentialError when it is missing."""
    var = account.settings.get(key)
    if not isinstance(var, str) or not var:
        raise CredentialError(
            f"account {account.name!r}: config key {key} is missing (the name of an environment "
            "variable holding the secret)"
        )
    return var


def setting(account: Account, key: str, default: str | None = None) -> str:
    """A plain (non-secret) string setting such as ``handle`` or ``instance``."""
    value = account.settings.get(key, default)
    if not isinstance(value, str) or not value:
        raise CredentialError(f"account {account.name!r}: config key {key} is missing")
    return value
