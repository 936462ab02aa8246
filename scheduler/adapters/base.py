"""The interface every platform adapter implements.

An adapter publishes one part of a draft at a time. The scheduler owns ordering, retries, rate-limit
waits and state; the adapter only talks to its platform and classifies what went wrong by raising
one of the :class:`AdapterError` subclasses below. Third-party adapters register a class under the
``herald.adapters`` entry-point group (the built-ins register the same way, see pyproject.toml).

Exactly-once contract:
- Before the first attempt the scheduler stores an idempotency key with the part, and reuses it for
  every later attempt. Keys are AT Protocol TIDs (``scheduler.adapters.tid``), valid everywhere.
  The adapter must use it the way its platform allows (Bluesky: the TID record key; Mastodon:
  Idempotency-Key).
- ``lookup(part)`` answers "was a part with this key already published?" and is called before any
  re-send of a part whose earlier attempt may have reached the platform. Adapters whose platform
  offers no such look-up (X) set ``supports_lookup = False``; the scheduler then marks the part
  ``unconfirmed`` instead of sending it again.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any, ClassVar, Protocol, runtime_checkable

from posts.clock import Clock
from posts.config import Account


@dataclass(frozen=True)
class PublishedRef:
    """Where a published part lives. ``cid`` is Bluesky's content hash for strong refs."""

    remote_id: str  # X: tweet id; Bluesky: at:// URI; Mastodon: status id
    url: str  # web URL a person can open
    cid: str | None = None


@dataclass(frozen=True)
class ImageLimits:
    """What one image may be on this account's platform."""

    max_bytes: int  # Bluesky 1_000_000 (unless the server says otherwise), X 5_242_880, Mastodon
    # from configuration.media_attachments.image_size_limit
    max_pixels: int | None  # width*height cap (Mastodon image_matrix_limit), None if none
    max_side: int | None  # longest side cap, None if none
    mimes: tuple[str, ...]  # accepted types, e.g. ("image/jpeg", "image/png", "image/webp")
    per_post: int  # images per post (Bluesky 4, Mastodon 4, X 4)


@dataclass(frozen=True)
class OutgoingImage:
    """An image ready to upload: content-checked, metadata stripped, sized to image_limits."""

    data: bytes
    mime: str
    width: int
    height: int
    alt: str
    focus: tuple[float, float] | None = None  # Mastodon focal point, each in -1..1


@dataclass(frozen=True)
class MediaRef:
    """What the platform returned for an upload.

    Stored with the part BEFORE the post is created, so a crash between upload and post never
    uploads twice.
    """

    value: str  # opaque to the scheduler: X media id, Mastodon attachment id, Bluesky blob as JSON
    mime: str
    width: int
    height: int
    alt: str


@dataclass(frozen=True)
class OutgoingPart:
    """One part as the adapter must send it."""

    draft_id: str
    index: int  # 0-based position in the thread
    count: int  # number of parts in the thread
    text: str
    idempotency_key: str
    facets: tuple[dict[str, Any], ...] = ()
    embed: dict[str, Any] | None = None  # link card data (Bluesky external embed shape)
    lang: str | None = None
    reply_to: PublishedRef | None = None  # the previous part, None for the first
    root: PublishedRef | None = None  # the first part of the thread, None for the first
    attempt: int = 1  # 1 on the first try; >1 when an earlier attempt of this part was sent (X: a
    # 403 "duplicate content" on attempt > 1 may be our own earlier post, so it is OutcomeUnknown)
    media: tuple[MediaRef, ...] = ()  # images already uploaded for this part, in order


@dataclass(frozen=True)
class Limits:
    """What one post may hold on this account's platform (instance-specific for Mastodon)."""

    max_length: int
    url_length: int | None = None  # how many characters a link counts for, where fixed


class AdapterError(Exception):
    """Base of all classified publish failures; the message is the platform's own words."""


class TransientError(AdapterError):
    """Network trouble, timeouts, 5xx: retry with exponential backoff."""


class RateLimitedError(AdapterError):
    """The platform said wait; retry at ``reset_at`` (UTC) without blocking other accounts."""

    def __init__(self, message: str, reset_at: datetime) -> None:
        super().__init__(message)
        self.reset_at = reset_at


class PermanentError(AdapterError):
    """Bad request, duplicate content, forbidden: fail the part now, never retry."""


class MediaExpiredError(PermanentError):
    """The post named uploads the platform no longer knows (X: 400 "Your media IDs are
    invalid."); nothing was posted. The scheduler drops stored uploads and tries once more with
    fresh ones; an upload made just before the post that is refused this way fails the part."""


class AuthError(PermanentError):
    """Missing, expired or rejected credentials: the message names the variable, never the value."""


class OutcomeUnknownError(AdapterError):
    """The request may have reached the platform and there is no way to know: mark unconfirmed."""


@runtime_checkable
class Adapter(Protocol):
    """A platform adapter. Construct with :meth:`from_account`; one instance per account."""

    supports_lookup: ClassVar[bool]

    @classmethod
    def from_account(cls, account: Account, *, data_dir: Path, clock: Clock) -> Adapter:
        """Build the adapter for ``account``; credentials come from the environment it names.
        ``clock`` is the publisher's (a rate limit's fallback end, a post's creation time)."""
        ...

    @property
    def limits(self) -> Limits: ...

    def publish(self, part: OutgoingPart) -> PublishedRef:
        """Send one part (as a reply when ``part.reply_to`` is set) or raise an AdapterError."""
        ...

    def lookup(self, part: OutgoingPart) -> PublishedRef | None:
        """Return the published part with ``part.idempotency_key``, or None if it never landed."""
        ...

    def verify(self) -> str:
        """Check credentials without posting; return the account's handle or display name."""
        ...

    def close(self) -> None:
        """Release sessions and sockets."""
        ...


@runtime_checkable
class MediaAdapter(Adapter, Protocol):
    """An adapter that can attach images; adapters without it publish text only (reason recorded).

    The scheduler prepares each image to :meth:`image_limits`, calls :meth:`upload_image`, commits
    the returned :class:`MediaRef` with the part, and only then publishes with ``part.media``.
    """

    def image_limits(self) -> ImageLimits:
        """What an image may be here (a method: Mastodon asks the instance)."""
        ...

    def upload_image(self, image: OutgoingImage) -> MediaRef:
        """Upload one image with its alt text; raise the same AdapterError classes as publish."""
        ...
