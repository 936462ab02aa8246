"""The preview as plain data: the ``--json`` output and the HTML template's context.

One shape for both, so the page shows exactly what a script reading the JSON sees.
"""

from __future__ import annotations

from typing import Any

from posts.platforms import display_name
from scheduler.preview.model import DraftPreview, LinkCard, PartPreview, Preview
from scheduler.preview.times import local_time, relative


def _part(part: PartPreview) -> dict[str, Any]:
    return {
        "index": part.index,
        "text": part.text,
        "length": part.length,
        "limit": part.limit,
        "status": part.status,
        "url": part.url,
        "reply_to": part.reply_to,
        "images": [{"src": i.src, "alt": i.alt} for i in part.images],
        "media_note": part.media_note,
        "spans": [
            {"kind": s.kind, "text": s.text, "start": s.start, "end": s.end, "target": s.target}
            for s in part.spans
        ],
    }


def _card(card: LinkCard | None) -> dict[str, Any] | None:
    if card is None:
        return None
    return {
        "uri": card.uri,
        "title": card.title,
        "description": card.description,
        "image": card.image,
        "part": card.part,
    }


def _draft(draft: DraftPreview, preview: Preview) -> dict[str, Any]:
    at = draft.scheduled_at
    return {
        "id": draft.draft_id,
        "account": draft.account,
        "handle": draft.handle,
        "platform": draft.platform,
        "platform_name": display_name(draft.platform),
        "status": draft.status,
        "scheduled_at": at.isoformat() if at else None,
        "scheduled_local": local_time(at, draft.timezone) if at else None,
        "scheduled_relative": relative(at, preview.generated_at) if at else None,
        "timezone": draft.timezone,
        "title": draft.title,
        "url": draft.url,
        "parts": [_part(p) for p in draft.parts],
        "link_card": _card(draft.card),
        "hashtags": {"kept": list(draft.hashtags_kept), "dropped": list(draft.hashtags_dropped)},
        "warnings": [
            {"rule": w.rule, "message": w.message, "part": w.part} for w in draft.warnings
        ],
    }


def preview_dict(preview: Preview) -> dict[str, Any]:
    """The documented ``herald preview --json`` object."""
    return {
        "generated_at": preview.generated_at.isoformat(),
        "generated_local": local_time(preview.generated_at, preview.timezone),
        "timezone": preview.timezone,
        "drafts": [_draft(d, preview) for d in preview.drafts],
        "parity": [
            {
                "title": r.title,
                "account": r.account,
                "platform": r.platform,
                "platform_name": display_name(r.platform),
                "posts": r.posts,
                "characters": r.characters,
                "capacity": r.capacity,
                "hashtags_kept": list(r.hashtags_kept),
                "hashtags_dropped": list(r.hashtags_dropped),
                "link": r.link,
            }
            for r in preview.parity
        ],
        "warnings": preview.warning_count,
    }
