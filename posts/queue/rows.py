"""Stored rows ↔ the model's dataclasses, by column name (the one place that knows the columns)."""

from __future__ import annotations

import json
from collections.abc import Iterable, Sequence
from dataclasses import asdict
from datetime import datetime
from typing import Any

from posts.queue.epoch import from_ms, to_ms
from posts.queue.model import (
    Draft,
    DraftStatus,
    Event,
    Hold,
    NewDraft,
    NewPart,
    Part,
    PartImage,
    Source,
    StoredMedia,
)
from posts.queue.sql import Conn, Row, in_list

CHUNK = 500  # ids per IN (...) list: well under SQLite's variable limit
INSERT_DRAFT = (
    "INSERT INTO drafts (id, account, platform, source_path, source_hash, source_title, "
    "source_url, lang, mode, post_limit, status, scheduled_at, due_at, created_at, updated_at, "
    "approval) VALUES (:id, :account, :platform, :source_path, :source_hash, :source_title, "
    ":source_url, :lang, :mode, :post_limit, :status, :scheduled_at, :due_at, :created_at, "
    ":updated_at, :approval)"
)
INSERT_PART = (
    "INSERT INTO parts (draft_id, idx, text, length, facets, embed, images, status, attempts, "
    "updated_at) VALUES (:draft_id, :idx, :text, :length, :facets, :embed, :images, 'pending', 0, "
    ":updated_at)"
)


def _new_status(item: NewDraft) -> str:
    """``awaiting`` approval, else ``scheduled`` when it has a time, else ``draft``."""
    if item.approval is not None:
        return "awaiting"
    return "draft" if item.scheduled_at is None else "scheduled"


def draft_row(draft_id: str, item: NewDraft, now_ms: int) -> Row:
    """The drafts row of a new draft; one awaiting approval keeps its intended time but is never
    due (only ``scheduled`` drafts are claimed)."""
    at = None if item.scheduled_at is None else to_ms(item.scheduled_at)
    src = item.source
    return {
        "id": draft_id,
        "account": item.account,
        "platform": item.platform,
        "source_path": src.path,
        "source_hash": src.content_hash,
        "source_title": src.title,
        "source_url": src.url,
        "lang": src.lang,
        "mode": item.mode,
        "post_limit": item.limit,
        "status": _new_status(item),
        "scheduled_at": at,
        "due_at": None if item.approval is not None else at,
        "created_at": now_ms,
        "updated_at": now_ms,
        "approval": item.approval,
    }


def part_rows(draft_id: str, new_parts: Iterable[NewPart], now_ms: int) -> list[Row]:
    """The parts rows of new, pending parts."""
    return [
        {
            "draft_id": draft_id,
            "idx": index,
            "text": part.text,
            "length": part.length,
            "facets": _json(list(part.facets)),
            "embed": None if part.embed is None else _json(part.embed),
            "images": images_json(part.images),
            "updated_at": now_ms,
        }
        for index, part in enumerate(new_parts)
    ]


def part(r: Row) -> Part:
    return Part(
        index=r["idx"],
        text=r["text"],
        length=r["length"],
        facets=tuple(json.loads(r["facets"])),
        embed=None if r["embed"] is None else json.loads(r["embed"]),
        status=r["status"],
        idempotency_key=r["idempotency_key"],
        remote_id=r["remote_id"],
        remote_cid=r["remote_cid"],
        remote_url=r["remote_url"],
        attempts=r["attempts"],
        last_error=r["last_error"],
        updated_at=from_ms(r["updated_at"]),
        # absent from a database read before migration 0005
        images=tuple(_image(i) for i in json.loads(r.get("images") or "[]")),
        media=tuple(StoredMedia(**m) for m in json.loads(r.get("media") or "[]")),
        media_uploaded_at=maybe_time(r.get("media_uploaded_at")),  # absent before 0008
        media_note=r.get("media_note"),
        media_attempts=r.get("media_attempts") or 0,
    )


def draft(r: Row, draft_parts: tuple[Part, ...] = ()) -> Draft:
    status: DraftStatus = r["status"]
    return Draft(
        id=r["id"],
        account=r["account"],
        platform=r["platform"],
        source=Source(
            r["source_path"], r["source_hash"], r["source_title"], r["source_url"], r["lang"]
        ),
        mode=r["mode"],
        limit=r["post_limit"],
        status=status,
        scheduled_at=maybe_time(r["scheduled_at"]),
        due_at=maybe_time(r["due_at"]),
        created_at=from_ms(r["created_at"]),
        updated_at=from_ms(r["updated_at"]),
        lease_owner=r["lease_owner"],
        lease_until=maybe_time(r["lease_until"]),
        parts=draft_parts,
        approval=r.get("approval"),  # absent from a database read before migration 0007
    )


def event(r: Row) -> Event:
    return Event(
        r["id"], r["draft_id"], from_ms(r["at"]), r["kind"], r["part_index"], r["worker"],
        r["detail"],
    )  # fmt: skip


def hold(r: Row) -> Hold:
    return Hold(
        r["account"], r["kind"], r["reason"], from_ms(r["since"]), from_ms(r["reported_at"])
    )


def maybe_time(ms: int | None) -> datetime | None:
    return None if ms is None else from_ms(ms)


def load(conn: Conn, ids: Sequence[str]) -> dict[str, Draft]:
    """Drafts with their parts, two queries per chunk of ids."""
    out: dict[str, Draft] = {}
    for start in range(0, len(ids), CHUNK):
        chunk, params = in_list("d", ids[start : start + CHUNK])
        by_draft: dict[str, list[Part]] = {}
        sql = f"SELECT * FROM parts WHERE draft_id IN {chunk} ORDER BY draft_id, idx"
        for r in conn.rows(sql, params):
            by_draft.setdefault(r["draft_id"], []).append(part(r))
        for r in conn.rows(f"SELECT * FROM drafts WHERE id IN {chunk}", params):
            out[r["id"]] = draft(r, tuple(by_draft.get(r["id"], ())))
    return out


def new_parts(parts: Sequence[NewPart], now: datetime) -> tuple[Part, ...]:
    """New parts as stored, without reading them back."""
    return tuple(
        Part(i, p.text, p.length, tuple(p.facets), p.embed, "pending", None, None, None, None, 0,
             None, now, p.images)
        for i, p in enumerate(parts)
    )  # fmt: skip


def _image(stored: dict[str, Any]) -> PartImage:
    """A stored image (JSON writes the focal point as a list)."""
    focus = stored.get("focus")
    return PartImage(stored["src"], stored.get("alt"), (focus[0], focus[1]) if focus else None)


def images_json(images: Sequence[PartImage]) -> str | None:
    """A part's images as stored (NULL for none)."""
    return _json([asdict(i) for i in images]) if images else None


def media_json(media: Sequence[StoredMedia]) -> str:
    return _json([asdict(m) for m in media])


def _json(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False, sort_keys=True)
