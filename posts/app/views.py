"""Drafts as JSON (the documented, stable ``--json`` shapes) and as one-line explanations."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import UTC, datetime
from typing import Any

from posts.queue.model import Draft, Event

STATUS_MEANINGS = {
    "draft": "stored but not scheduled; give it a time with `herald queue reschedule`",
    "awaiting": "awaiting approval: never published until someone approves it "
    "(`herald queue approve`)",
    "scheduled": "waiting for its time",
    "publishing": "being published by a scheduler right now",
    "published": "every part is live",
    "partial": "some parts are live; a later part failed for good (`herald queue retry`)",
    "failed": "nothing went out; it failed for good (`herald queue retry` to try again)",
    "unconfirmed": "a part may or may not be live and the platform offers no way to check; "
    "Herald never re-sends it on its own",
    "cancelled": "will not be published",
    "missed": "its time passed while no scheduler ran (beyond the staleness window); "
    "`herald queue retry` publishes it now",
    "held": "scheduled, but its account needs attention (`herald accounts list`): it waits, "
    "due, and goes out as soon as the config or the credentials are fixed",
}


def iso(when: datetime | None) -> str | None:
    """UTC ISO 8601 with a Z, to the second: the one time format of every JSON output."""
    if when is None:
        return None
    return when.astimezone(UTC).replace(microsecond=0).isoformat().replace("+00:00", "Z")


def shown_status(draft: Draft, held: Mapping[str, str]) -> str:
    """The status as people read it: a scheduled draft of a held account is ``held``."""
    return "held" if draft.status == "scheduled" and draft.account in held else draft.status


APPROVAL_RULES = {
    "at": "at its intended time (the next free slot if that has passed)",
    "next-slot": "at its account's next free slot",
    "now": "as soon as a scheduler runs",
}


def draft_summary(draft: Draft, held: Mapping[str, str] | None = None) -> dict[str, Any]:
    """One entry of ``herald queue list --json``. ``held``: held accounts and why (the store's
    holds); ``held`` in the output is that reason for a draft of such an account, else null."""
    held = held or {}
    return {
        "id": draft.id,
        "account": draft.account,
        "platform": draft.platform,
        "status": draft.status,
        "held": held.get(draft.account) if shown_status(draft, held) == "held" else None,
        "scheduled_at": iso(draft.scheduled_at),
        "approval": draft.approval,
        "parts": [
            {"text": p.text, "status": p.status, "remote_id": p.remote_id, "url": p.remote_url}
            for p in draft.parts
        ],
    }


def draft_detail(
    draft: Draft, history: list[Event], held: Mapping[str, str] | None = None
) -> dict[str, Any]:
    """``herald queue show --json``: the summary plus source, counts, every part and history."""
    return {
        **draft_summary(draft, held),
        "explanation": STATUS_MEANINGS[shown_status(draft, held or {})],
        "mode": draft.mode,
        "limit": draft.limit,
        "due_at": iso(draft.due_at),
        "created_at": iso(draft.created_at),
        "updated_at": iso(draft.updated_at),
        "lease": None
        if draft.lease_owner is None
        else {"worker": draft.lease_owner, "until": iso(draft.lease_until)},
        "source": {
            "path": draft.source.path,
            "content_hash": draft.source.content_hash,
            "title": draft.source.title,
            "url": draft.source.url,
            "lang": draft.source.lang,
        },
        "counts": draft.counts,
        "parts": [
            {
                "index": p.index,
                "text": p.text,
                "length": p.length,
                "status": p.status,
                "remote_id": p.remote_id,
                "url": p.remote_url,
                "cid": p.remote_cid,
                "attempts": p.attempts,
                "last_error": p.last_error,
                "idempotency_key": p.idempotency_key,
                "facets": list(p.facets),
                "embed": p.embed,
                "images": [{"src": i.src, "alt": i.alt} for i in p.images],
                "media": [
                    {"mime": m.mime, "width": m.width, "height": m.height, "alt": m.alt}
                    for m in p.media
                ],
                "media_note": p.media_note,
            }
            for p in draft.parts
        ],
        "history": [
            {
                "at": iso(e.at),
                "event": e.kind,
                "part": e.part_index,
                "worker": e.worker,
                "detail": e.detail,
            }
            for e in history
        ],
    }
