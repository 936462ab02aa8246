"""Mastodon adapter: posts with Mastodon.py's ``status_post``.

Exactly once: each part is sent with ``Idempotency-Key: <the part's key>``. Mastodon remembers a key
for about an hour after the status was created and answers a repeat with the original status, so
re-sending with the same key *is* safe inside that window. The key is a TID that records when it
was made (before the first attempt), which bounds the status's age from above:

- ``lookup`` reads the account's own statuses created since the key was made and compares their
  source text and reply target. Servers that ignore ``Idempotency-Key`` (snac2, for one) would
  post a re-sent part again, so this look-up is what keeps them exactly-once after a crash.
- While the key is younger than :data:`IDEMPOTENCY_WINDOW`, a part not found there is re-sent with
  the same key: Mastodon returns the original if it landed after all (a request still in flight).
- Later, the server may have forgotten the key: if the look-up cannot see back that far it raises
  OutcomeUnknownError instead of guessing.

``ratelimit_method="throw"`` makes 429s an error the scheduler waits out (never a sleep in here).

Images: ``media_post`` with the alt text as ``description`` and the focal point; Mastodon answers
202 with ``url: null`` while it processes the file, so the upload polls the attachment (bounded by
:data:`PROCESSING_WAIT`) before its id is handed back for ``status_post(media_ids=...)``.
"""

from __future__ import annotations

import logging
import mimetypes
import re
import time
from collections.abc import Callable, Sequence
from datetime import UTC, datetime, timedelta
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING, Any, ClassVar

from posts.clock import Clock
from posts.config import Account
from scheduler.adapters import instance_limits, tid
from scheduler.adapters.base import (
    AdapterError,
    AuthError,
    ImageLimits,
    Limits,
    MediaExpiredError,
    MediaRef,
    OutcomeUnknownError,
    OutgoingImage,
    OutgoingPart,
    PermanentError,
    PublishedRef,
    RateLimitedError,
    TransientError,
)
from scheduler.adapters.credentials import env_name, secret, setting

if TYPE_CHECKING:
    import requests
    from mastodon import Mastodon

log = logging.getLogger(__name__)

REQUEST_TIMEOUT_SECONDS = 30.0
IDEMPOTENCY_WINDOW = timedelta(minutes=50)  # Mastodon keeps keys for 1 h; keep a margin
LOOKUP_PAGE = 40  # statuses per page (Mastodon's maximum)
LOOKUP_PAGES = 5
CLOCK_SKEW = timedelta(minutes=1)  # our clock (the key's time) against the server's
RATE_LIMIT_FALLBACK = timedelta(minutes=5)  # a 429 without a usable X-RateLimit-Reset
PROCESSING_WAIT = timedelta(seconds=60)  # how long an uploaded image may take to process
POLL_SECONDS = (1.0, 2.0, 4.0, 5.0)  # between looks at it (the last one repeats)
MEDIA_GONE = "not found or already attached to another post"  # Mastodon's 422, in English


class MastodonAdapter:
    """One Mastodon account on its instance."""

    supports_lookup: ClassVar[bool] = True

    def __init__(
        self,
        account: Account,
        api: Mastodon,
        *,
        instance: str,
        token_var: str,
        data_dir: Path,
        clock: Clock,
        sleep: Callable[[float], None] = time.sleep,
    ) -> None:
        self._account = account
        self._api = api
        self._sleep = sleep
        self._images: ImageLimits | None = None
        self._instance = instance
        self._token_var = token_var
        self._data_dir = data_dir
        self._clock = clock
        self._me: str | None = None

    @classmethod
    def from_account(
        cls,
        account: Account,
        *,
        data_dir: Path,
        clock: Clock,
        request_timeout: float = REQUEST_TIMEOUT_SECONDS,
        session: requests.Session | None = None,
    ) -> MastodonAdapter:
        from mastodon import Mastodon

        instance = setting(account, "instance").rstrip("/")
        api = Mastodon(
            access_token=secret(account, "token_env"),
            api_base_url=instance,
            ratelimit_method="throw",
            request_timeout=request_timeout,
            version_check_mode="none",
            session=_retrying_reads(session),
        )
        token_var = env_name(account, "token_env")
        return cls(
            account, api, instance=instance, token_var=token_var, data_dir=data_dir, clock=clock
        )

    @property
    def limits(self) -> Limits:
        return instance_limits.load(self._data_dir, self._account)

    def image_limits(self) -> ImageLimits:
        """The instance's own (asked once); Mastodon's older, smaller defaults if it cannot say."""
        if self._images is None:
            try:
                self._images = instance_limits.image_limits(self._call(self._instance_document))
            except AdapterError as error:
                log.info("%s: instance image limits unknown (%s)", self._account.name, error)
                return instance_limits.image_limits({})
        return self._images

    def upload_image(self, image: OutgoingImage) -> MediaRef:
        """Upload and wait until processed. A lost answer is safe to repeat: Mastodon deletes an
        attachment no status uses (after a day)."""
        name = f"image{mimetypes.guess_extension(image.mime) or ''}"
        media = self._call(
            lambda: self._api.media_post(
                image.data,
                mime_type=image.mime,
                description=image.alt or None,
                focus=image.focus,
                file_name=name,
            )
        )
        media_id = str(self._processed(media)["id"])
        return MediaRef(media_id, image.mime, image.width, image.height, image.alt)

    def publish(self, part: OutgoingPart) -> PublishedRef:
        reply_to = part.reply_to.remote_id if part.reply_to else None
        media_ids = [ref.value for ref in part.media] or None
        status = self._call(
            lambda: self._api.status_post(
                part.text,
                in_reply_to_id=reply_to,
                media_ids=media_ids,
                language=part.lang,
                idempotency_key=part.idempotency_key,
            ),
            media_ids or (),
        )
        if reply_to is not None and not _same_id(status.get("in_reply_to_id"), reply_to):
            # Mastodon answers 404 for a reply target that is gone; snac2 posts it on its own
            log.warning(
                "%s: the server posted part %d as %s but not as a reply to %s (is that post gone?)",
                self._account.name,
                part.index + 1,
                status.get("url") or status.get("id"),
                reply_to,
            )
        return _ref(status)

    def lookup(self, part: OutgoingPart) -> PublishedRef | None:
        try:
            made = tid.timestamp(part.idempotency_key)
        except ValueError:
            made = None
        if made is not None and self._clock() - made < IDEMPOTENCY_WINDOW:
            try:
                return self._search(part, since=made)
            except OutcomeUnknownError:
                return None  # too many statuses to read: the key still covers a re-send
        return self._search(part, since=made)

    def verify(self) -> str:
        """Check the token and cache the instance's limits for the formatter."""
        me = self._call(self._api.account_verify_credentials)
        limits = self._call(self._instance_limits)
        instance_limits.save(self._data_dir, self._account, limits)
        return (
            f"@{me['acct']} on {self._instance} (posts up to {limits.max_length} characters, "
            f"links count {limits.url_length})"
        )

    def close(self) -> None:
        self._api.session.close()

    def _processed(self, media: Any) -> Any:
        """The attachment once the server has processed it (it has a ``url`` then)."""
        deadline = self._clock() + PROCESSING_WAIT
        looks = 0
        while media.get("url") is None:
            if self._clock() >= deadline:
                raise TransientError(
                    f"{self._account.name}: {self._instance} had not processed image "
                    f"{media['id']} after {PROCESSING_WAIT.total_seconds():.0f} s"
                )
            self._sleep(POLL_SECONDS[min(looks, len(POLL_SECONDS) - 1)])
            looks += 1
            media = self._call(partial(self._api.media, media["id"]))
        return media

    def _instance_document(self) -> Any:
        """/api/v2/instance, or /api/v1/instance on servers older than Mastodon 4 (or snac2)."""
        from mastodon import MastodonNotFoundError

        try:
            return self._api.instance_v2()
        except MastodonNotFoundError:
            return self._api.instance_v1()

    def _instance_limits(self) -> Limits:
        """The post limits the instance states, Mastodon's defaults where it does not."""
        info = self._instance_document()
        statuses = (info.get("configuration") or {}).get("statuses") or {}
        max_length = statuses.get("max_characters") or info.get("max_toot_chars")
        url_length = statuses.get("characters_reserved_per_url")
        return Limits(
            max_length=int(max_length or instance_limits.DEFAULT_MAX_CHARACTERS),
            url_length=int(url_length or instance_limits.DEFAULT_URL_LENGTH),
        )

    def _search(self, part: OutgoingPart, *, since: datetime | None) -> PublishedRef | None:
        """Find the part among the account's statuses since ``since`` by source text and reply.

        Newest first, page by page back to ``since`` (less :data:`CLOCK_SKEW`). No ``min_id``: only
        Mastodon's own ids encode a time; other servers' ids (snac2, GoToSocial) do not.
        """
        if since is None:
            raise OutcomeUnknownError(
                f"{self._account.name}: idempotency key {part.idempotency_key!r} is not a TID, so "
                "its age (and whether Mastodon still remembers it) is unknown"
            )
        me = self._me or str(self._call(self._api.account_verify_credentials)["id"])
        self._me = me
        wanted_reply = part.reply_to.remote_id if part.reply_to else None
        oldest = since - CLOCK_SKEW
        page = self._call(
            lambda: self._api.account_statuses(me, limit=LOOKUP_PAGE, exclude_reblogs=True)
        )
        for _ in range(LOOKUP_PAGES):
            for status in page:
                if _same_id(status.get("in_reply_to_id"), wanted_reply):
                    source = self._call(partial(self._api.status_source, status["id"]))
                    if _normal(source["text"]) == _normal(part.text):
                        return _ref(status)
            if len(page) < LOOKUP_PAGE or any(_created(s) < oldest for s in page):
                return None  # every status since the key was made has been seen
            page = self._call(partial(self._api.fetch_next, page))
            if not page:
                return None
        raise OutcomeUnknownError(
            f"{self._account.name}: over {LOOKUP_PAGE * LOOKUP_PAGES} statuses since this part was "
            "first sent; check the account, then `herald queue retry ID --force`"
        )

    def _call(self, call: Callable[[], Any], media: Sequence[str] = ()) -> Any:
        """Run one API call (naming ``media``, the attachment ids a post sends)."""
        from mastodon import MastodonError

        try:
            return call()
        except MastodonError as error:
            raise self._classify(error, media) from None

    def _classify(self, error: Exception, media: Sequence[str] = ()) -> AdapterError:
        from mastodon import (
            MastodonAPIError,
            MastodonNetworkError,
            MastodonRatelimitError,
            MastodonServerError,
            MastodonUnauthorizedError,
        )

        name = self._account.name
        if isinstance(error, MastodonRatelimitError):
            reset_epoch = self._api.ratelimit_reset
            now = self._clock()
            reset = (
                datetime.fromtimestamp(reset_epoch, tz=UTC)
                if reset_epoch and reset_epoch > now.timestamp()
                else now + RATE_LIMIT_FALLBACK
            )
            return RateLimitedError(f"{name}: Mastodon rate limit until {reset.isoformat()}", reset)
        if isinstance(error, MastodonNetworkError):
            return TransientError(f"{name}: {self._instance} unreachable or too slow: {error}")
        said = _said(error)
        if isinstance(error, MastodonUnauthorizedError):
            return AuthError(
                f"{name}: {self._instance} rejected the token in {self._token_var}: {said}"
            )
        if isinstance(error, MastodonServerError) or "finished processing" in said:
            # also a status whose image is still being processed: "Try again in a moment!"
            return TransientError(f"{name}: Mastodon said {said}")
        if isinstance(error, MastodonAPIError) and _media_gone(said, media):
            return MediaExpiredError(f"{name}: Mastodon said {said}")
        if isinstance(error, MastodonAPIError):
            return PermanentError(f"{name}: Mastodon said {said}")
        return PermanentError(f"{name}: {error}")


def _retrying_reads(session: requests.Session | None) -> requests.Session:
    """The session, retrying a read (GET) once on a fresh connection when the server had dropped
    the one reused: some close a kept-alive connection without saying so (snac2 does, after every
    response), and the next request on it meets a reset. Status posts are never retried here: the
    scheduler looks a doubtful post up before sending it again."""
    import requests
    from requests.adapters import HTTPAdapter
    from urllib3.util.retry import Retry

    session = session or requests.Session()
    once = Retry(total=1, connect=1, read=1, status=0, redirect=0, other=0)  # GET, HEAD, ...
    adapter = HTTPAdapter(max_retries=once)
    session.mount("http://", adapter)
    session.mount("https://", adapter)
    return session


def _said(error: Exception) -> str:
    """``422 Validation failed: Text character limit of 500 exceeded`` from a MastodonAPIError."""
    args = error.args
    if len(args) >= 4:
        return " ".join(str(a) for a in (args[1], args[3] or args[2]) if a)
    return str(error)


def _media_gone(said: str, media: Sequence[str]) -> bool:
    """Mastodon's 422 for attachments it no longer has (deleted a day after an upload no status
    used): "Media 123 not found or already attached to another post"; a translated or another
    server's wording is known by the ids it names. (A 404 on a post is a reply target that is
    gone, not media.)"""
    if not media or not said.startswith("422"):
        return False
    return MEDIA_GONE in said or any(re.search(rf"\b{re.escape(m)}\b", said) for m in media)


def _ref(status: Any) -> PublishedRef:
    return PublishedRef(remote_id=str(status["id"]), url=str(status.get("url") or status["uri"]))


def _created(status: Any) -> datetime:
    """When the server says the status was made; a status without a usable time counts as new."""
    created = status.get("created_at")
    if isinstance(created, datetime):
        return created if created.tzinfo else created.replace(tzinfo=UTC)
    return datetime.max.replace(tzinfo=UTC)


def _same_id(a: object, b: str | None) -> bool:
    return (a is None and b is None) or (a is not None and str(a) == b)


def _normal(text: str) -> str:
    return text.replace("\r\n", "\n").strip()
