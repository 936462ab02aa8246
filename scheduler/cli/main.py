"""The ``herald`` command: thin glue that parses, calls one core function and prints.

Subcommands live in their own modules and are imported only when invoked; the groups (``herald``,
``herald queue``, ``herald accounts``) list them from the tables below, so ``--help`` at any level
imports no command module and ``herald queue list`` never pays for tweepy or atproto.
"""

from __future__ import annotations

import importlib
import importlib.util
import os
import sys
from collections.abc import Mapping
from typing import Any

import click

from posts.errors import HeraldError

# name -> "module:attribute" of a click.Command; imported on first use.
COMMANDS: dict[str, str] = {
    "format": "scheduler.cli.format_cmd:format_cmd",
    "queue": "scheduler.cli.main:queue",
    "run": "scheduler.cli.run_cmd:run",
    "preview": "scheduler.cli.preview_cmd:preview",
    "accounts": "scheduler.cli.main:accounts",
    "init": "scheduler.cli.init_cmd:init",
    "demo": "scheduler.cli.demo_cmd:demo",
    "feeds": "scheduler.cli.main:feeds",
}


# The one-line help ``herald --help`` shows, so listing commands imports none of them (a test
# checks each line is the command's own first docstring line).
SUMMARIES: dict[str, str] = {
    "format": "Condense the article at PATH (or - for stdin) into posts that fit each platform "
    "exactly.",
    "queue": "Keep drafts in the durable queue: add, import, approve, list, show, edit, cancel, "
    "reschedule, retry.",
    "run": "Publish due drafts on time, exactly once, until stopped (SIGTERM/Ctrl-C exit cleanly).",
    "preview": "Show drafts as they will be published: counts, highlights, times, warnings.",
    "accounts": "Configured publishing accounts and their credentials.",
    "init": "Write a commented config (accounts, slots, time zone) to edit.",
    "demo": "Format, queue, preview and publish the example article on mock accounts.",
    "feeds": "Feeds whose new entries become drafts by themselves: poll them, list them.",
}

_QUEUE = "scheduler.cli.queue_cmd"
_ACCOUNTS = "scheduler.cli.accounts_cmd"
_QUEUE_NAMES = ("add", "import", "approve", "list", "show", "edit", "cancel", "reschedule", "retry")
QUEUE_COMMANDS = {name: f"{_QUEUE}:{name}_cmd" for name in _QUEUE_NAMES}
ACCOUNTS_COMMANDS = {
    "list": f"{_ACCOUNTS}:list_cmd",
    "check": f"{_ACCOUNTS}:check_cmd",
    "login": f"{_ACCOUNTS}:login",
}
QUEUE_SUMMARIES = {
    "add": "Format each article for each account and store one draft per account.",
    "import": "Queue many articles from a CSV or JSON-lines file (all rows or none).",
    "approve": "Schedule drafts awaiting approval: at their intended time, or as told.",
    "list": "List what goes out next (soonest first), then what needs you: drafts awaiting "
    "approval, held drafts (in the order they will go out once fixed), then unconfirmed, partial, "
    "failed and missed ones (newest first).",
    "show": "Show a draft: its posts with counts and state, and its history.",
    "edit": "Edit a draft's posts in $EDITOR; lengths are re-checked by the platform's rules.",
    "cancel": "Cancel a draft so it is never published.",
    "reschedule": "Give a draft a new time (also schedules an unscheduled or missed draft).",
    "retry": "Publish what failed (or was missed) again, as soon as a scheduler runs.",
}
_FEEDS = "scheduler.cli.feeds_cmd"
FEEDS_COMMANDS = {"poll": f"{_FEEDS}:poll_cmd", "list": f"{_FEEDS}:list_cmd"}
FEEDS_SUMMARIES = {
    "poll": "Poll feeds once (all, or those named), due or not, and queue their new entries.",
    "list": "Show each feed: its last poll, last new entry, entries seen, drafts queued, last "
    "error.",
}
ACCOUNTS_SUMMARIES = {
    "list": "Show each account, where it publishes, which credential variables are set, and "
    "whether the publisher holds its drafts until something is fixed.",
    "check": "Verify NAME's credentials with its platform, without posting.",
    "login": "Interactive logins that print the credentials to store (nothing is saved by Herald).",
}


class LazyGroup(click.Group):
    """A group whose subcommands (``table``: name -> "module:attribute") are imported on demand
    and listed from ``summaries``."""

    def __init__(
        self,
        *args: Any,
        table: Mapping[str, str] = COMMANDS,
        summaries: Mapping[str, str] = SUMMARIES,
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, **kwargs)
        self.table = table
        self.summaries = summaries

    def list_commands(self, ctx: click.Context) -> list[str]:
        return sorted(name for name in self.table if _module_exists(self.table[name]))

    def format_commands(self, ctx: click.Context, formatter: click.HelpFormatter) -> None:
        """The command list from the summaries: ``--help`` imports no command module."""
        names = self.list_commands(ctx)
        limit = formatter.width - 6 - max((len(name) for name in names), default=0)
        rows = [(name, _shortened(self.summaries.get(name, ""), limit)) for name in names]
        if rows:
            with formatter.section("Commands"):
                formatter.write_dl(rows)

    def invoke(self, ctx: click.Context) -> Any:
        """Turn every error into one line on stderr and its exit code: a core error, a bad
        option or argument (Click's usage errors), and even a bug (HERALD_DEBUG=1 shows its
        traceback)."""
        try:
            return super().invoke(ctx)
        except HeraldError as exc:
            from scheduler.cli.hints import explained

            failed = PublishFailed if exc.exit_code == 1 else BadInput
            raise failed(one_line(explained(exc))) from None
        except click.UsageError as exc:
            raise _one_line_usage(exc) from None
        except click.ClickException as exc:
            if one_line(exc.format_message()) == exc.format_message():
                raise
            raise (PublishFailed if exc.exit_code == 1 else BadInput)(
                one_line(exc.format_message())
            ) from None
        except (click.exceptions.Exit, click.Abort):  # ctx.exit(), a prompt given up: Click's own
            raise
        except Exception as exc:
            if os.environ.get("HERALD_DEBUG"):
                raise
            raise BadInput(
                one_line(
                    f"unexpected {type(exc).__name__}: {exc}; this is a bug in Herald, please "
                    "report it (HERALD_DEBUG=1 shows where it happened)"
                )
            ) from None

    def parse_args(self, ctx: click.Context, args: list[str]) -> list[str]:
        """``herald --bogus``: one line too."""
        try:
            return super().parse_args(ctx, args)
        except click.UsageError as exc:
            raise _one_line_usage(exc) from None

    def get_command(self, ctx: click.Context, cmd_name: str) -> click.Command | None:
        target = self.table.get(cmd_name)
        if target is None or not _module_exists(target):
            return None
        module_name, attr = target.split(":")
        command = getattr(importlib.import_module(module_name), attr)
        assert isinstance(command, click.Command)
        return command


class BadInput(click.ClickException):
    """A core error as Click shows it: ``Error: <message>``, exit 2, no traceback."""

    exit_code = 2


class PublishFailed(click.ClickException):
    """At least one post failed to publish: exit 1."""

    exit_code = 1


class OneLineUsageError(click.UsageError):
    """A bad option or argument as one line, ``Error: <what> (see 'herald X --help')``, exit 2:
    the usage block Click would print is what ``--help`` is for."""

    def show(self, file: Any = None) -> None:
        hint = f" (see '{self.ctx.command_path} --help')" if self.ctx is not None else ""
        click.echo(f"Error: {self.format_message().rstrip('.')}{hint}", file=file, err=True)


def _one_line_usage(exc: click.UsageError) -> click.UsageError:
    if isinstance(exc, click.exceptions.NoArgsIsHelpError):
        return exc  # `herald` or `herald queue` alone: the help, as asked
    return OneLineUsageError(one_line(exc.format_message()), ctx=exc.ctx)


MAX_MESSAGE = 1000  # characters of an error line; user text quoted in it can be any length


def one_line(message: str) -> str:
    """``message`` as one line: line breaks become " / ", other control characters "?"."""
    lines = [line.strip() for line in message.splitlines() if line.strip()]
    text = "".join(c if c.isprintable() else "?" for c in " / ".join(lines))
    return text if len(text) <= MAX_MESSAGE else text[: MAX_MESSAGE - 1] + "…"


def _shortened(text: str, limit: int) -> str:
    """``text`` cut at a word to fit ``limit`` characters, with "..." as Click writes it."""
    if len(text) <= limit:
        return text
    return text[: max(limit - 3, 0)].rsplit(" ", 1)[0].rstrip(",;:") + "..."


def _module_exists(target: str) -> bool:
    return importlib.util.find_spec(target.split(":")[0]) is not None


@click.group(cls=LazyGroup, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(package_name="herald", prog_name="herald")  # looked up only when asked
def cli() -> None:
    """Herald turns articles into social posts and publishes them on schedule.

    \b
    Examples:
      herald demo                          # the whole flow on built-in mock accounts
      herald format article.md             # posts for X, Bluesky and Mastodon
      herald queue add article.md --to demo-x --next-slot
      herald preview --due-within 24h
      herald run                           # the publishing daemon
    """


@click.group(cls=LazyGroup, table=QUEUE_COMMANDS, summaries=QUEUE_SUMMARIES)
def queue() -> None:
    """Keep drafts in the durable queue: add, import, approve, list, show, edit, cancel,
    reschedule, retry.

    \b
    Examples:
      herald queue add article.md --to demo-x,demo-bluesky --next-slot
      herald queue add article.md --to demo-x --at "tomorrow 9am"
      herald queue import plan.csv
      herald queue list --status scheduled
      herald queue show k7m2x9q
    """


@click.group(cls=LazyGroup, table=ACCOUNTS_COMMANDS, summaries=ACCOUNTS_SUMMARIES)
def accounts() -> None:
    """Configured publishing accounts and their credentials.

    \b
    Examples:
      herald accounts list
      herald accounts check lab-bluesky
      herald accounts login x --client-id-env LAB_X_CLIENT_ID
    """


@click.group(cls=LazyGroup, table=FEEDS_COMMANDS, summaries=FEEDS_SUMMARIES)
def feeds() -> None:
    """Feeds whose new entries become drafts by themselves: poll them, list them.

    `herald run` polls each [feeds.NAME] of the config on its interval; each new entry is queued
    once, for every account the feed names.

    \b
    Examples:
      herald feeds list
      herald feeds poll --dry-run
      herald feeds poll blog
    """


def main(argv: list[str] | None = None) -> Any:
    return cli.main(args=argv if argv is not None else sys.argv[1:])
