"""``herald feeds``: poll the configured feeds once, or list what Herald knows of each."""

from __future__ import annotations

import os
import socket
from collections.abc import Sequence
from datetime import datetime

import click
from rich.console import Console
from rich.markup import escape

from posts.config import Config, Feed, load_config
from posts.errors import NotFoundError, quoted
from posts.feeds.polling import ENTRY_ATTEMPTS, PollReport, QueuedEntry
from posts.queue.feeds import FeedState
from scheduler.cli.output import console, echo_json, err_console
from scheduler.cli.state import now

_UNITS = (("d", 86400), ("h", 3600), ("m", 60), ("s", 1))
_ADD = "add a [feeds.NAME] table with url and to (docs/feeds.md)"


@click.command("poll")
@click.argument("names", nargs=-1, metavar="[NAME...]")
@click.option("--dry-run", is_flag=True, help="Say what would be queued; change nothing.")
@click.option("--json", "as_json", is_flag=True, help="Print what happened as JSON.")
def poll_cmd(names: tuple[str, ...], dry_run: bool, as_json: bool) -> None:
    """Poll feeds once (all, or those named), due or not, and queue their new entries.

    Exit status: 0, or 1 when a feed could not be read (its error is on stderr).

    \b
    Examples:
      herald feeds poll
      herald feeds poll blog --dry-run
      herald feeds poll --json
    """
    from posts.feeds.polling import Poll, poll_feed
    from posts.queue import open_store
    from scheduler.notify import notifying

    config = load_config()
    chosen = _chosen(config, names)
    store = open_store(config.database, now=now(), busy_timeout=config.database_timeout)
    worker = f"cli:{socket.gethostname()}:{os.getpid()}"
    try:
        with notifying(config) as notify:  # a failing feed, drafts awaiting approval
            poll = Poll(store, config, now(), worker, notify=notify)
            reports = [poll_feed(poll, feed, force=True, dry_run=dry_run) for feed in chosen]
    finally:
        store.close()
    _print_reports(config, reports, as_json)
    if any(r.outcome == "failed" for r in reports):
        raise click.exceptions.Exit(1)


@click.command("list")
@click.option("--json", "as_json", is_flag=True, help="Machine-readable output.")
def list_cmd(as_json: bool) -> None:
    """Show each feed: its last poll, last new entry, entries seen, drafts queued, last error.

    \b
    Examples:
      herald feeds list
      herald feeds list --json
    """
    config = load_config()
    states = _states(config)
    if as_json:
        from posts.feeds.views import feed_json

        echo_json([feed_json(f, states.get(n)) for n, f in config.feeds.items()])
        return
    if not config.feeds:
        console().print(f"No feeds configured; {_ADD}", markup=False)
    for name, feed in config.feeds.items():
        _print_feed(console(), config, feed, states.get(name))


def _chosen(config: Config, names: Sequence[str]) -> list[Feed]:
    if not config.feeds:
        raise NotFoundError(f"no feeds configured; {_ADD}")
    for name in names:
        if name not in config.feeds:
            known = ", ".join(sorted(config.feeds))
            raise NotFoundError(f"unknown feed {quoted(name)}; configured feeds: {known}")
    return [config.feeds[n] for n in dict.fromkeys(names)] if names else list(config.feeds.values())


def _states(config: Config) -> dict[str, FeedState]:
    """What the store remembers of each feed (nothing when there is no database yet)."""
    from posts.queue import open_readonly
    from posts.queue.feeds import FeedStore

    store = open_readonly(config.database, config.database_timeout)
    if store is None:
        return {}
    try:
        return FeedStore(store.db).states()
    finally:
        store.close()


def _when(config: Config, at: datetime | None, missing: str = "never") -> str:
    from posts.schedule.times import show_time

    return show_time(at, config.timezone, "%Y-%m-%d %H:%M %Z", missing=missing)


def _span(seconds: int) -> str:
    """``900`` → ``15m``: the interval in the largest unit it is a whole number of."""
    unit, size = next((u, n) for u, n in _UNITS if seconds % n == 0)
    return f"{seconds // size}{unit}"


def _print_feed(out: Console, config: Config, feed: Feed, state: FeedState | None) -> None:
    every = f"every {_span(feed.every_seconds)}"
    out.print(f"[bold]{escape(feed.name)}[/bold]  {escape(feed.url)}")
    out.print(f"    to {escape(', '.join(feed.to))}, {every}, when {feed.when}, read {feed.read}")
    if state is None:
        out.print("    not polled yet")
        return
    out.print(f"    last poll: {_when(config, state.last_poll_at)}", markup=False)
    out.print(f"    next poll: {_when(config, state.next_poll_at)}", markup=False)
    entry = f" ({state.last_entry})" if state.last_entry else ""
    out.print(f"    last new entry: {_when(config, state.last_new_at)}{entry}", markup=False)
    out.print(f"    entries seen: {state.entries_seen}, drafts queued: {state.drafts_queued}")
    if state.entries_given_up:
        given_up = f"{_entries(state.entries_given_up)} given up"
        out.print(f"    {given_up} (unreadable at {ENTRY_ATTEMPTS} polls, not tried again)")
    if state.last_error:
        streak = f" ({state.failures} failed polls in a row)" if state.failures else ""
        out.print(f"    last error{streak}: {state.last_error}", markup=False)


def _print_reports(config: Config, reports: list[PollReport], as_json: bool) -> None:
    for report in reports:
        for warning in report.warnings:
            err_console().print(f"warning: {warning}", markup=False)
        if report.error:
            err_console().print(f"error: feed {report.feed}: {report.error}", markup=False)
    if as_json:
        from posts.feeds.views import report_json

        echo_json([report_json(r) for r in reports])
        return
    for report in reports:
        _print_report(console(), config, report)


def _print_report(out: Console, config: Config, report: PollReport) -> None:
    would = "would be " if report.dry_run else ""
    lines = {
        "primed": f"first poll: {_entries(report.passed_over)} {would}marked as seen, none "
        "queued (entries published from now on will be)",
        "not-modified": "not modified since the last poll",
        "failed": f"could not be read; next try {_when(config, report.next_poll_at)}",
        "busy": "another Herald is polling it right now; skipped",
        "not-due": "not due yet",
    }
    if report.outcome in lines:
        out.print(f"{report.feed}: {lines[report.outcome]}", markup=False)
        return
    drafts = sum(len(e.drafts) for e in report.queued)
    verb = "would queue" if report.dry_run else "queued"
    count = _entries(len(report.queued), "new ")
    made = "" if report.dry_run else f", {drafts} draft{'s' if drafts != 1 else ''}"
    said = f"{verb} {count}{made}" if report.queued else "nothing new"
    out.print(f"{report.feed}: {said}", markup=False)
    for entry in report.queued:
        _print_entry(out, config, entry)
    for gone in report.given_up:
        out.print(f"  given up: {gone.title or gone.identity}  {gone.link or ''}", markup=False)


def _entries(count: int, kind: str = "") -> str:
    return f"{count} {kind}entr{'y' if count == 1 else 'ies'}"


def _print_entry(out: Console, config: Config, entry: QueuedEntry) -> None:
    out.print(f"  {entry.title or entry.identity}  {entry.link or ''}", markup=False)
    for d in entry.drafts:
        when = _when(config, d.scheduled_at, "unscheduled")
        out.print(f"    {d.id}  {d.account:<14} {d.platform:<9} {when}", markup=False)
