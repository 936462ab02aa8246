"""Bluesky adapter: posts as ``app.bsky.feed.post`` records through the atproto SDK.

Exactly once: every part's record key is a client-generated TID stored before the first attempt.
A re-sent create with the same key fails with a bare HTTP 500 that looks like any other server
error, so after *any* failed create the adapter asks ``getRecord`` for that key before it reports a
failure; ``lookup`` does the same for the scheduler after a crash.

Sessions: the login session (access + refresh token) is saved in the data dir with mode 0600 and
rewritten on every refresh, so restarts reuse it instead of spending createSession calls (30 per
5 minutes, ~100 per day on bsky.social). Login never fetches the Bluesky profile, so any PDS works.
"""

from __future__ import annotations

import json
import logging
from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import TYPE_CHECKING, Any, ClassVar, TypeVar

from posts.clock import Clock
from posts.config import Account
from scheduler.adapters import bluesky_images
from scheduler.adapters.base import (
    AdapterError,
    AuthError,
    ImageLimits,
    Limits,
    MediaExpiredError,
    MediaRef,
    OutgoingImage,
    OutgoingPart,
    PermanentError,
    PublishedRef,
    RateLimitedError,
    TransientError,
)
from scheduler.adapters.credentials import env_name, secret, setting
from scheduler.adapters.sessions import read_private, session_path, write_private

if TYPE_CHECKING:
    from atproto import Client

log = logging.getLogger(__name__)

DEFAULT_SERVICE = "https://bsky.social"
POST_COLLECTION = "app.bsky.feed.post"
REQUEST_TIMEOUT_SECONDS = 30.0
THUMB_MAX_BYTES = 1_000_000  # app.bsky.embed.external thumb blob limit
# the SDK raises NetworkError for 409, 413 and 502 answers too; of those, 413 (a blob larger than
# the server takes) is the server's final word
TRANSIENT_STATUSES = frozenset((409, *range(500, 600)))
RATE_LIMIT_FALLBACK = timedelta(minutes=5)  # a 429 without a usable ratelimit-reset header
_T = TypeVar("_T")


class BlueskyAdapter:
    """One Bluesky account on any PDS (``service``), logged in with an app password."""

    supports_lookup: ClassVar[bool] = True

    def __init__(
        self,
        account: Account,
        *,
        handle: str,
        password: str,
        password_var: str,
        service: str,
        session_file: Path,
        embed_mode: str = "card",
        clock: Clock,
    ) -> None:
        self._account = account
        self._embed_mode = embed_mode
        self._max_blob: int | None = None  # what the server allows, once it has said
        self._handle = handle
        self._password = password
        self._password_var = password_var
        self._service = service
        self._session_file = session_file
        self._clock = clock
        self._client: Client | None = None

    @classmethod
    def from_account(cls, account: Account, *, data_dir: Path, clock: Clock) -> BlueskyAdapter:
        return cls(
            account,
            handle=setting(account, "handle").lstrip("@"),
            password=secret(account, "password_env"),
            password_var=env_name(account, "password_env"),
            service=setting(account, "service", DEFAULT_SERVICE).rstrip("/"),
            session_file=session_path(data_dir, account.name, "bluesky-session"),
            embed_mode=bluesky_images.embed_mode(account),
            clock=clock,
        )

    @property
    def limits(self) -> Limits:
        return Limits(max_length=300)

    def image_limits(self) -> ImageLimits:
        return ImageLimits(
            max_bytes=self._max_image_bytes(),
            max_pixels=None,
            max_side=None,
            mimes=bluesky_images.IMAGE_MIMES,
            per_post=bluesky_images.IMAGES_PER_POST,
        )

    def upload_image(self, image: OutgoingImage) -> MediaRef:
        """``uploadBlob``; the blob's JSON is the reference. A lost answer is safe to repeat: the
        PDS drops a blob no record references."""
        client = self._logged_in()
        headers = {"Content-Type": image.mime}
        uploaded = self._call(
            lambda: client.com.atproto.repo.upload_blob(image.data, headers=headers)
        )
        blob = bluesky_images.blob_json(uploaded.blob, image.mime)
        return MediaRef(json.dumps(blob), image.mime, image.width, image.height, image.alt)

    # -- publishing ------------------------------------------------------------------------

    def publish(self, part: OutgoingPart) -> PublishedRef:
        from atproto import models

        client = self._logged_in()
        record = self._record(client, part)
        data = models.ComAtprotoRepoCreateRecord.Data(
            repo=self._did(client),
            collection=POST_COLLECTION,
            rkey=part.idempotency_key,
            record=record,
        )
        try:
            created = self._call(lambda: client.com.atproto.repo.create_record(data))
        except (RateLimitedError, AuthError, MediaExpiredError):
            raise  # the server refused before writing anything
        except AdapterError as error:
            # A duplicate record key is a bare 500; only the record itself can tell what happened.
            existing = self._find(client, part.idempotency_key)
            if existing is not None:
                log.info(
                    "%s: part %s was already published as %s",
                    self._account.name,
                    part.index,
                    existing.url,
                )
                return existing
            raise error
        return self._ref(created.uri, created.cid)

    def lookup(self, part: OutgoingPart) -> PublishedRef | None:
        return self._find(self._logged_in(), part.idempotency_key)

    def verify(self) -> str:
        client = self._logged_in()
        session = self._call(client.com.atproto.server.get_session)
        return f"@{session.handle} ({session.did}) on {self._service}"

    def close(self) -> None:
        if self._client is not None:
            self._client.request.close()
            self._client = None

    # -- the record ------------------------------------------------------------------------

    def _record(self, client: Client, part: OutgoingPart) -> dict[str, Any]:
        record: dict[str, Any] = {
            "$type": POST_COLLECTION,
            "text": part.text,
            "createdAt": _iso(self._clock()),  # send time: a back-dated post sinks in feeds
        }
        facets = [*part.facets, *self._mention_facets(client, part.text, part.facets)]
        if facets:
            record["facets"] = sorted(facets, key=lambda f: int(f["index"]["byteStart"]))
        if part.lang:
            record["langs"] = [part.lang]
        if part.reply_to is not None:
            root = part.root or part.reply_to
            record["reply"] = {"root": _strong_ref(root), "parent": _strong_ref(part.reply_to)}
        embed = self._post_embed(part)
        if embed:
            record["embed"] = embed
        return record

    def _post_embed(self, part: OutgoingPart) -> dict[str, Any] | None:
        """The card on the post that carries the link (its thumbnail the first image, unless the
        account posts images there instead), the images on any other post."""
        if part.embed and (self._embed_mode == "card" or not part.media):
            thumb = bluesky_images.thumb(part.media) if part.media else None
            return self._embed(part.embed, thumb)
        return bluesky_images.images_embed(part.media) if part.media else None

    def _mention_facets(
        self, client: Client, text: str, existing: tuple[dict[str, Any], ...]
    ) -> list[dict[str, Any]]:
        """@handle facets with DIDs resolved now; unresolvable handles stay plain text."""
        from posts.counting import bluesky_mentions

        taken = [(int(f["index"]["byteStart"]), int(f["index"]["byteEnd"])) for f in existing]
        facets = []
        for handle, byte_start, byte_end in bluesky_mentions(text):
            if any(start < byte_end and byte_start < end for start, end in taken):
                continue
            did = self._resolve(client, handle)
            if did is not None:
                facets.append(
                    {
                        "index": {"byteStart": byte_start, "byteEnd": byte_end},
                        "features": [{"$type": "app.bsky.richtext.facet#mention", "did": did}],
                    }
                )
        return facets

    def _resolve(self, client: Client, handle: str) -> str | None:
        from atproto import exceptions

        try:
            did: str = client.com.atproto.identity.resolve_handle({"handle": handle}).did
        except exceptions.AtProtocolError as error:
            log.info("%s: mention @%s left as text (%s)", self._account.name, handle, error)
            return None
        return did

    def _embed(self, embed: dict[str, Any], thumb: dict[str, Any] | None) -> dict[str, Any]:
        """The link card with ``thumb``, or else its own thumbnail uploaded if readable now."""
        external = embed.get("external", embed)
        card: dict[str, Any] = {
            "uri": external["uri"],
            "title": external.get("title", ""),
            "description": external.get("description", ""),
        }
        image = external.get("thumb_url")  # Herald's key (posts.condensing.card), not the lexicon's
        if thumb is not None:
            card["thumb"] = thumb
        elif isinstance(external.get("thumb"), dict):  # already an uploaded blob ref
            card["thumb"] = external["thumb"]
        elif isinstance(image, str) and image:
            blob = self._upload_thumb(image)
            if blob is not None:
                card["thumb"] = blob
        return {"$type": "app.bsky.embed.external", "external": card}

    def _upload_thumb(self, source: str) -> dict[str, Any] | None:
        """The card's own image, read, checked, stripped of metadata and fitted like any image
        Herald posts, then uploaded; a card whose image cannot be had goes out without one."""
        from posts.media import ImageError
        from posts.media.preparing import prepare
        from posts.media.reading import read_source

        try:
            ready = prepare(read_source(source), self.image_limits(), f"image {source}")
            image = OutgoingImage(ready.data, ready.mime, ready.width, ready.height, alt="")
            blob: dict[str, Any] = json.loads(self.upload_image(image).value)
        except (ImageError, AdapterError) as error:
            log.info("%s: link card without thumbnail (%s)", self._account.name, error)
            return None
        return blob

    def _max_image_bytes(self) -> int:
        """The lexicon's 1,000,000 bytes, or less where the server's ``blobUploadLimit`` says so;
        a server that does not answer gets the lexicon's figure."""
        if self._max_blob is None:
            try:
                described = self._call(self._logged_in().com.atproto.server.describe_server)
            except AdapterError as error:
                log.info("%s: blob limit unknown (%s)", self._account.name, error)
                return bluesky_images.IMAGE_MAX_BYTES
            said = described.blob_upload_limit
            limit = said if isinstance(said, int) and said > 0 else bluesky_images.IMAGE_MAX_BYTES
            self._max_blob = min(limit, bluesky_images.IMAGE_MAX_BYTES)
        return self._max_blob

    # -- session and calls -----------------------------------------------------------------

    def _logged_in(self) -> Client:
        if self._client is not None:
            return self._client
        from atproto import Client, exceptions
        from atproto_client.request import Request

        client = Client(base_url=self._service, request=Request(timeout=REQUEST_TIMEOUT_SECONDS))
        saved = self._saved_session()
        try:
            if saved:
                client.login(session_string=saved, fetch_bsky_profile=False)
            else:
                client.login(self._handle, self._password, fetch_bsky_profile=False)
        except exceptions.AtProtocolError as error:
            raise self._classify(error, during_login=True) from None
        client.on_session_change(lambda _event, _session: self._save_session(client))
        self._save_session(client)
        self._client = client
        return client

    def _saved_session(self) -> str | None:
        text = read_private(self._session_file)
        if not text:
            return None
        try:
            saved = json.loads(text)
        except ValueError:
            return None
        if saved.get("service") != self._service or saved.get("handle") != self._handle:
            return None  # the account's config changed since the session was saved
        session = saved.get("session")
        return session if isinstance(session, str) else None

    def _save_session(self, client: Client) -> None:
        payload = {
            "service": self._service,
            "handle": self._handle,
            "session": client.export_session_string(),
        }
        write_private(self._session_file, json.dumps(payload))

    def _relogin(self, client: Client) -> None:
        """Refresh the session once; if the refresh token is dead too, log in with the password."""
        from atproto import exceptions

        try:
            client._refresh_and_set_session()
        except exceptions.AtProtocolError:
            try:
                client.login(self._handle, self._password, fetch_bsky_profile=False)
            except exceptions.AtProtocolError as error:
                raise self._classify(error, during_login=True) from None

    def _call(self, call: Callable[[], _T]) -> _T:
        """Run one XRPC call; a rejected or expired session gets one re-login and one more try.

        (A saved session can outlive its app password: a 401 then means "log in again", and the
        password from the environment may well be a new one.)"""
        from atproto import exceptions

        client = self._logged_in()
        try:
            return call()
        except exceptions.AtProtocolError as error:
            expired = _error_name(error) in {"ExpiredToken", "InvalidToken"}
            if not expired and not isinstance(error, exceptions.UnauthorizedError):
                raise self._classify(error) from None
        self._relogin(client)
        try:
            return call()
        except exceptions.AtProtocolError as error:
            raise self._classify(error) from None

    def _find(self, client: Client, rkey: str) -> PublishedRef | None:
        from atproto import exceptions

        params = {"repo": self._did(client), "collection": POST_COLLECTION, "rkey": rkey}

        def fetch() -> Any:
            try:
                return client.com.atproto.repo.get_record(params)
            except exceptions.BadRequestError as error:
                if _error_name(error) == "RecordNotFound" or "Could not locate record" in str(
                    error
                ):
                    return None
                raise

        found = self._call(fetch)
        return None if found is None else self._ref(found.uri, found.cid)

    def _did(self, client: Client) -> str:
        session = client._session
        assert session is not None  # _logged_in() guarantees a session
        return str(session.did)

    def _ref(self, uri: str, cid: str | None) -> PublishedRef:
        rkey = uri.rsplit("/", 1)[-1]
        return PublishedRef(
            remote_id=uri, url=f"https://bsky.app/profile/{self._handle}/post/{rkey}", cid=cid
        )

    def _classify(self, error: Exception, *, during_login: bool = False) -> AdapterError:
        """Map an atproto exception to the scheduler's error kinds, in the server's own words."""
        from atproto import exceptions

        name = self._account.name
        text = f"{name}: Bluesky said {error}"
        if isinstance(error, exceptions.RateLimitExceededError):
            reset = error.reset_at or self._clock() + RATE_LIMIT_FALLBACK
            return RateLimitedError(f"{name}: Bluesky rate limit until {_iso(reset)}", reset)
        if isinstance(error, exceptions.UnauthorizedError) or (
            during_login and isinstance(error, exceptions.BadRequestError)
        ):
            return AuthError(
                f"{name}: Bluesky rejected the login for {self._handle} on {self._service} "
                f"(check {self._password_var}): {error}"
            )
        if _error_name(error) == "BlobNotFound":  # the PDS deleted an upload no record used
            return MediaExpiredError(text)
        response = getattr(error, "response", None)
        if isinstance(error, exceptions.NetworkError) and response is None:
            where = f"{self._service} unreachable: " if during_login else ""
            return TransientError(f"{name}: {where}{error}")
        if response is not None and response.status_code in TRANSIENT_STATUSES:
            return TransientError(text)
        if isinstance(error, exceptions.AtProtocolError) and during_login:
            return TransientError(f"{name}: {self._service} unreachable: {error}")
        return PermanentError(text)


def _error_name(error: Exception) -> str | None:
    response = getattr(error, "response", None)
    content = getattr(response, "content", None)
    return getattr(content, "error", None)


def _strong_ref(ref: PublishedRef) -> dict[str, str]:
    if not ref.cid:
        raise PermanentError(f"cannot reply to {ref.remote_id}: its content id (cid) is unknown")
    return {"uri": ref.remote_id, "cid": ref.cid}


def _iso(moment: datetime) -> str:
    """AT Protocol datetime: UTC, millisecond precision, Z suffix."""
    return moment.astimezone(UTC).isoformat(timespec="milliseconds").replace("+00:00", "Z")
