"""What the draft store holds: drafts, their parts and their append-only history.

Plain frozen dataclasses, so the CLI, the daemon and the preview share one shape and tests can
compare them directly. Times are timezone-aware UTC datetimes (stored as epoch milliseconds).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from typing import Any, Literal, Protocol

DraftStatus = Literal[
    "draft",  # stored, not scheduled yet
    "awaiting",  # awaiting approval: never published until approved (its rule in `approval`)
    "scheduled",  # waiting for its time (or for a retry time)
    "publishing",  # claimed by a worker under a lease
    "published",  # every part is live
    "partial",  # some parts live, a later part failed for good
    "failed",  # nothing live, failed for good
    "unconfirmed",  # a part may or may not be live; never re-sent automatically
    "cancelled",
    "missed",  # overdue beyond the staleness window
]
PartStatus = Literal["pending", "sending", "published", "failed", "unconfirmed"]
# How an awaiting draft is scheduled once approved: at its intended time (``scheduled_at``; the
# next free slot if that has passed), at its account's next free slot, or at once.
Approval = Literal["at", "next-slot", "now"]

DRAFT_STATUSES: tuple[str, ...] = DraftStatus.__args__  # type: ignore[attr-defined]
PART_STATUSES: tuple[str, ...] = PartStatus.__args__  # type: ignore[attr-defined]
# Outcomes a worker may end a claim with (store.finish).
FINAL_STATUSES = ("published", "partial", "failed", "unconfirmed")


@dataclass(frozen=True)
class Source:
    """The article a draft came from."""

    path: str  # as given ("-" for stdin, or text imported in bulk)
    content_hash: str  # sha256 hex of the raw bytes
    title: str
    url: str | None = None
    lang: str | None = None


@dataclass(frozen=True)
class PartImage:
    """An image to attach to a part: where it is read at publish time, and its alt text."""

    src: str  # an http(s) URL or an absolute local path
    alt: str | None = None  # the description for people who cannot see it; None: none given
    focus: tuple[float, float] | None = None  # Mastodon's focal point (x, y), each in -1..1


@dataclass(frozen=True)
class StoredMedia:
    """An image already uploaded for a part (``scheduler.adapters.base.MediaRef``'s fields),
    stored before the post is created so that a crash never uploads it twice."""

    value: str  # opaque: the platform's media id or blob
    mime: str
    width: int
    height: int
    alt: str


@dataclass(frozen=True)
class NewPart:
    """One post of a thread as the formatter produced it."""

    text: str
    length: int  # by the platform's rule, at format (or edit) time
    facets: tuple[dict[str, Any], ...] = ()
    embed: dict[str, Any] | None = None
    images: tuple[PartImage, ...] = ()


@dataclass(frozen=True)
class NewDraft:
    """A draft to add: one article rendered for one account."""

    account: str
    platform: str
    source: Source
    parts: tuple[NewPart, ...]
    scheduled_at: datetime | None  # None keeps it a `draft` (not scheduled)
    mode: str = "auto"
    limit: int = 0  # the platform limit the parts were fitted to
    approval: Approval | None = None  # set: stored ``awaiting`` approval, scheduled by this rule


@dataclass(frozen=True)
class Part:
    """One stored post of a draft, with its publishing state."""

    index: int
    text: str
    length: int
    facets: tuple[dict[str, Any], ...]
    embed: dict[str, Any] | None
    status: PartStatus
    idempotency_key: str | None
    remote_id: str | None
    remote_cid: str | None
    remote_url: str | None
    attempts: int
    last_error: str | None
    updated_at: datetime
    images: tuple[PartImage, ...] = ()
    media: tuple[StoredMedia, ...] = ()  # uploaded images, once uploaded
    media_uploaded_at: datetime | None = None  # when they were uploaded (None: unknown)
    media_note: str | None = None  # why the part goes (or went) out without its images
    media_attempts: int = 0  # uploads that failed in a way worth trying again


@dataclass(frozen=True)
class Draft:
    """A stored draft. ``due_at`` is when it becomes claimable (its time, or a retry time)."""

    id: str
    account: str
    platform: str
    source: Source
    mode: str
    limit: int
    status: DraftStatus
    scheduled_at: datetime | None
    due_at: datetime | None
    created_at: datetime
    updated_at: datetime
    lease_owner: str | None = None
    lease_until: datetime | None = None
    parts: tuple[Part, ...] = field(default=())
    approval: Approval | None = None  # an awaiting draft's rule once approved (else None)

    @property
    def counts(self) -> dict[str, int]:
        """How many parts are in each status (only statuses present)."""
        out: dict[str, int] = {}
        for part in self.parts:
            out[part.status] = out.get(part.status, 0) + 1
        return out


@dataclass(frozen=True)
class Event:
    """One line of a draft's history: what happened, when, and why."""

    id: int
    draft_id: str
    at: datetime
    kind: str  # added, scheduled, claimed, sending, published, retry, failed, ...
    part_index: int | None
    worker: str | None
    detail: str


@dataclass(frozen=True)
class Hold:
    """An account whose drafts the publisher holds, not fails, until someone fixes it.

    ``kind`` "config": the account is not in the config or its adapter cannot be built (a missing
    credential variable); "auth": the platform refused its credentials (401, revoked token).
    """

    account: str
    kind: str
    reason: str
    since: datetime
    reported_at: datetime  # when it was last logged at ERROR (reminders are hourly)


class RemoteRef(Protocol):
    """Where a published part lives (scheduler.adapters.base.PublishedRef has this shape)."""

    @property
    def remote_id(self) -> str: ...

    @property
    def url(self) -> str: ...

    @property
    def cid(self) -> str | None: ...
