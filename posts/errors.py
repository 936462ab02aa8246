"""Errors Herald reports to users.

Every error a user can cause derives from :class:`HeraldError`; the CLI prints its message as one
line and exits with ``exit_code``, so core code never needs to know about Click.
"""

from __future__ import annotations

import re

_CONTROL = re.compile(r"[\x00-\x1f\x7f-\x9f\u2028\u2029]")


def quoted(text: str, limit: int = 60) -> str:
    """User text for a one-line message, in quotes (not a Python repr): control characters
    shown as '?', anything past ``limit`` characters cut with '…'."""
    clean = _CONTROL.sub("?", text)
    return f"'{clean[:limit]}…'" if len(clean) > limit else f"'{clean}'"


class HeraldError(Exception):
    """An expected failure with a message fit for one line on stderr.

    ``remedy`` names, as a concept, what the user may do about it (the keys of
    ``scheduler/cli/hints.py``: "force", "give-time", "retry", "list-drafts", …); the CLI turns
    it into its own command or flag, so the core never mentions one. ``draft_id`` is the draft
    concerned, if any.
    """

    exit_code = 2

    def __init__(
        self, message: str = "", *, remedy: str | None = None, draft_id: str | None = None
    ) -> None:
        super().__init__(message)
        self.remedy = remedy
        self.draft_id = draft_id


class InputError(HeraldError):
    """Bad input from the user: a file, an option, a time, a config value."""


class ArticleError(InputError):
    """An article that cannot be read or has no usable text."""


class UnknownPlatformError(InputError):
    """A platform name Herald does not know."""


class ConfigError(InputError):
    """A broken or inconsistent configuration file."""


class TemplateError(InputError):
    """A post template that fails to load or render (names the file and line)."""


class StoreError(HeraldError):
    """The draft store refused an operation (locked, read-only, newer schema, conflict)."""


class NotFoundError(InputError):
    """An unknown draft id or account."""


class PublishError(HeraldError):
    """A publish run ended with at least one failed post."""

    exit_code = 1
