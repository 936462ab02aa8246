"""The documented JSON shapes of ``herald feeds poll --json`` and ``herald feeds list --json``."""

from __future__ import annotations

from typing import Any

from posts.app.views import draft_summary, iso
from posts.config import Feed
from posts.feeds.polling import PollReport
from posts.queue.feeds import FeedState


def report_json(report: PollReport) -> dict[str, Any]:
    """One feed's poll: its outcome, the entries queued (or that would be) with their drafts."""
    return {
        "feed": report.feed,
        "outcome": report.outcome,
        "dry_run": report.dry_run,
        "queued": [
            {
                "id": e.identity,
                "title": e.title,
                "link": e.link,
                "drafts": [draft_summary(d) for d in e.drafts],
            }
            for e in report.queued
        ],
        "marked_seen": report.passed_over,
        "given_up": [
            {"id": g.identity, "title": g.title, "link": g.link, "error": g.error}
            for g in report.given_up
        ],
        "warnings": list(report.warnings),
        "error": report.error,
        "next_poll_at": iso(report.next_poll_at),
    }


def feed_json(feed: Feed, state: FeedState | None) -> dict[str, Any]:
    """A configured feed and what the store remembers of it (nulls and zeros before a poll)."""
    return {
        "name": feed.name,
        "url": feed.url,
        "to": list(feed.to),
        "when": feed.when,
        "every_seconds": feed.every_seconds,
        "last_poll_at": iso(state.last_poll_at) if state else None,
        "last_new_at": iso(state.last_new_at) if state else None,
        "last_entry": state.last_entry if state else None,
        "entries_seen": state.entries_seen if state else 0,
        "entries_given_up": state.entries_given_up if state else 0,
        "drafts_queued": state.drafts_queued if state else 0,
        "failures": state.failures if state else 0,
        "last_error": state.last_error if state else None,
        "next_poll_at": iso(state.next_poll_at) if state and state.last_poll_at else None,
        "polling": state.lease_owner if state else None,
    }
