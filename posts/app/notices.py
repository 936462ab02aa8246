"""Notifications as data: what happened that someone asked to be told about.

The core builds a :class:`Notice` (its event one of ``posts.config.NOTIFY_EVENTS``) and hands it to
a :data:`Notify` callable; delivery (a webhook, a command, retries in the background) is the
publisher's business (``scheduler/notify.py``), so nothing here waits on the network.
:func:`payload` is the documented JSON object (docs/notifications.md): names, ids, times, links
and reasons, never a credential.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from posts.app.views import iso
from posts.queue.model import Draft

PAYLOAD_VERSION = 1
_SAID = {  # the draft events a publish ends in, in words
    "published": "published",
    "failed": "failed",
    "partial": "published in part, then failed",
    "unconfirmed": "may or may not be live",
}


@dataclass(frozen=True)
class Notice:
    """One event for the people who asked for it: ``summary`` is a line to read, the rest data."""

    event: str
    at: datetime
    summary: str
    account: str | None = None
    draft: Mapping[str, Any] | None = None
    feed: Mapping[str, Any] | None = None
    reason: str | None = None


Notify = Callable[[Notice], None]
"""Takes a notice and returns at once (delivery happens elsewhere, or not at all)."""


def ignore(_notice: Notice) -> None:
    """The :data:`Notify` of a caller nobody listens to."""


def _draft(draft: Draft, status: str, urls: Sequence[str]) -> dict[str, Any]:
    return {
        "id": draft.id,
        "account": draft.account,
        "platform": draft.platform,
        "status": status,
        "title": draft.source.title,
        "link": draft.source.url,
        "scheduled_at": iso(draft.scheduled_at),
        "posts": len(draft.parts),
        "urls": list(urls),
    }


def awaiting_approval(draft: Draft, at: datetime) -> Notice:
    """A draft was stored awaiting approval."""
    summary = f"draft {draft.id} for {draft.account} awaits approval: {draft.source.title}"
    return Notice("awaiting-approval", at, summary, draft.account, _draft(draft, "awaiting", ()))


def draft_outcome(
    draft: Draft, status: str, urls: Sequence[str], at: datetime, reason: str | None = None
) -> Notice:
    """A publish ended ``status`` (published, failed, partial or unconfirmed); ``urls``: the
    posts that are live."""
    summary = f"draft {draft.id} for {draft.account} {_SAID[status]}: {draft.source.title}"
    facts = _draft(draft, status, urls)
    return Notice(status, at, summary, draft.account, facts, reason=reason)


def account_attention(account: str, kind: str, reason: str, at: datetime) -> Notice:
    """An account's drafts wait until its ``kind`` ("config" or "auth") problem is fixed."""
    what = "credentials were refused" if kind == "auth" else "config needs fixing"
    summary = f"account {account}: {what}; its drafts wait"
    return Notice("account-attention", at, summary, account, reason=reason)


def feed_error(name: str, url: str, error: str, at: datetime) -> Notice:
    """Feed ``name`` at ``url`` could not be read or used (it is polled again later)."""
    return Notice(
        "feed-error", at, f"feed {name} failed: {error}", feed={"name": name, "url": url},
        reason=error,
    )  # fmt: skip


def entry_given_up(
    name: str, url: str, entry: Mapping[str, Any], error: str, at: datetime
) -> Notice:
    """An entry of feed ``name`` (its ``id``, ``title``, ``link``) whose article could not be
    read or condensed poll after poll: it is not tried again."""
    shown = entry["title"] or entry["link"] or entry["id"]
    return Notice(
        "feed-error", at, f"feed {name} gave up on entry {shown}: {error}",
        feed={"name": name, "url": url, "entry": dict(entry)}, reason=error,
    )  # fmt: skip


def payload(notice: Notice) -> dict[str, Any]:
    """The JSON object a webhook receives and a command reads on stdin."""
    return {
        "herald": PAYLOAD_VERSION,
        "event": notice.event,
        "at": iso(notice.at),
        "summary": notice.summary,
        "account": notice.account,
        "draft": None if notice.draft is None else dict(notice.draft),
        "feed": None if notice.feed is None else dict(notice.feed),
        "reason": notice.reason,
    }
