"""X adapter: posts through tweepy's API v2 ``create_tweet``.

X has no idempotency key and no way to ask "did this post land?", so ``supports_lookup`` is False:
a part interrupted mid-request becomes ``unconfirmed`` and is never re-sent automatically. X does
reject a post whose text duplicates a recent one (403); on a part's first attempt that is a plain
permanent failure, but after an earlier attempt it may be our own earlier post, so the outcome is
unknown.

Credentials: OAuth 1.0a user context (four ``*_env`` keys), or an OAuth 2.0 user access token
(``oauth2_token_env``), optionally refreshed once on a 401 with ``oauth2_refresh_token_env`` and
``oauth2_client_id_env`` (+ ``oauth2_client_secret_env`` for confidential clients). X rotates
refresh tokens, so the refreshed pair is kept in the data dir (0600), never in the queue.

Images go through X's v2 media endpoints (``x_media``: tweepy 4.17 has no v2 upload) on the same
session and credentials; an OAuth 2.0 token needs the ``media.write`` scope.
"""

from __future__ import annotations

import hashlib
import json
import logging
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING, Any, ClassVar

from posts.clock import Clock
from posts.config import Account
from scheduler.adapters import x_media
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
from scheduler.adapters.credentials import env_name, secret
from scheduler.adapters.sessions import read_private, session_path, write_private

if TYPE_CHECKING:
    import requests
    import tweepy

log = logging.getLogger(__name__)

CONNECT_TIMEOUT_SECONDS = 10.0
READ_TIMEOUT_SECONDS = 30.0
TOKEN_URL = "https://api.twitter.com/2/oauth2/token"  # the host tweepy uses
OAUTH1_KEYS = (
    "consumer_key_env",
    "consumer_secret_env",
    "access_token_env",
    "access_token_secret_env",
)
DAILY_HEADERS = ("x-user-limit-24hour", "x-app-limit-24hour")
SECRET_LOGGERS = ("tweepy", "requests_oauthlib", "oauthlib")
RATE_LIMIT_FALLBACK = timedelta(minutes=15)  # X's window, for a 429 without reset headers


@dataclass(frozen=True)
class OAuth2Refresh:
    """What an OAuth 2.0 refresh needs, and where the rotated tokens are kept."""

    refresh_token: str
    client_id: str
    client_secret: str | None
    store: Path


class XAdapter:
    """One X account."""

    supports_lookup: ClassVar[bool] = False

    def __init__(
        self,
        account: Account,
        client: tweepy.Client,
        *,
        user_auth: bool,
        refresh: OAuth2Refresh | None = None,
        variables: tuple[str, ...] = (),
        clock: Clock,
    ) -> None:
        self._account = account
        self._client = client
        self._user_auth = user_auth
        self._refresh = refresh
        self._variables = variables  # the env var names the credentials came from
        self._clock = clock
        self._handle = str(account.settings.get("handle", "")).lstrip("@")

    @classmethod
    def from_account(cls, account: Account, *, data_dir: Path, clock: Clock) -> XAdapter:
        import tweepy

        settings = account.settings
        if settings.get("oauth2_token_env"):
            refresh = _refresh_config(account, data_dir)
            token = secret(account, "oauth2_token_env")
            if refresh is not None:
                token = _stored_token(refresh) or token
            client = tweepy.Client(bearer_token=token)
            variables: tuple[str, ...] = (env_name(account, "oauth2_token_env"),)
            adapter = cls(
                account, client, user_auth=False, refresh=refresh, variables=variables, clock=clock
            )
        else:
            key, key_secret, token, token_secret = (secret(account, k) for k in OAUTH1_KEYS)
            client = tweepy.Client(
                consumer_key=key,
                consumer_secret=key_secret,
                access_token=token,
                access_token_secret=token_secret,
            )
            variables = tuple(env_name(account, k) for k in OAUTH1_KEYS)
            adapter = cls(account, client, user_auth=True, variables=variables, clock=clock)
        _add_timeouts(client.session)
        _silence_request_dumps()
        return adapter

    @property
    def limits(self) -> Limits:
        return Limits(max_length=int(self._account.max_length or 280), url_length=23)

    def image_limits(self) -> ImageLimits:
        return x_media.IMAGE_LIMITS

    def upload_image(self, image: OutgoingImage) -> MediaRef:
        """Upload, then set the alt text. A lost answer is safe to repeat: an unused media id
        expires by itself (after 24 hours) and is never posted."""
        auth = self._user_auth
        upload = partial(x_media.upload, self._client, image, user_auth=auth)
        media_id = self._call(upload, attempt=1)
        if image.alt:
            alt = partial(x_media.describe, self._client, media_id, image.alt, user_auth=auth)
            self._call(alt, attempt=1)
        return MediaRef(media_id, image.mime, image.width, image.height, image.alt)

    def publish(self, part: OutgoingPart) -> PublishedRef:
        reply_to = part.reply_to.remote_id if part.reply_to else None
        media_ids = [ref.value for ref in part.media] or None
        response = self._call(
            lambda: self._client.create_tweet(
                text=part.text,
                in_reply_to_tweet_id=reply_to,
                media_ids=media_ids,
                user_auth=self._user_auth,
            ),
            attempt=part.attempt,
        )
        tweet_id = str(response.data["id"])
        return PublishedRef(remote_id=tweet_id, url=self._url(tweet_id))

    def lookup(self, part: OutgoingPart) -> PublishedRef | None:
        raise NotImplementedError(
            "X offers no look-up by idempotency key (supports_lookup = False)"
        )

    def verify(self) -> str:
        response = self._call(lambda: self._client.get_me(user_auth=self._user_auth), attempt=1)
        username = str(response.data["username"])
        self._handle = self._handle or username
        return f"@{username} (id {response.data['id']})"

    def close(self) -> None:
        self._client.session.close()

    def _url(self, tweet_id: str) -> str:
        # x.com/i/status/<id> redirects to the author's URL, for when no handle is configured
        return f"https://x.com/{self._handle or 'i'}/status/{tweet_id}"

    # -- errors ----------------------------------------------------------------------------

    def _call(self, call: Callable[[], Any], *, attempt: int) -> Any:
        import tweepy

        try:
            return call()
        except tweepy.Unauthorized as error:
            if self._refresh is None:
                raise self._classify(error, attempt) from None
        except (tweepy.TweepyException, _requests_errors()) as error:
            raise self._classify(error, attempt) from None
        self._refresh_token()
        try:
            return call()
        except (tweepy.TweepyException, _requests_errors()) as error:
            raise self._classify(error, attempt) from None

    def _classify(self, error: Exception, attempt: int) -> AdapterError:
        import requests
        import tweepy

        name = self._account.name
        if isinstance(error, requests.RequestException):
            return TransientError(f"{name}: network error talking to X: {type(error).__name__}")
        if not isinstance(error, tweepy.HTTPException):
            return PermanentError(f"{name}: {error}")
        status = error.response.status_code
        said = "; ".join(str(m) for m in error.api_messages) or error.response.reason or ""
        text = f"{name}: X said {status} {said}".rstrip()
        if isinstance(error, tweepy.TooManyRequests):
            reset = _reset_at(error.response.headers) or self._clock() + RATE_LIMIT_FALLBACK
            return RateLimitedError(f"{text} (until {reset.isoformat()})", reset)
        if isinstance(error, tweepy.TwitterServerError):
            return TransientError(text)
        if isinstance(error, tweepy.Unauthorized):
            return AuthError(f"{text} (check {', '.join(self._variables) or 'the credentials'})")
        if isinstance(error, tweepy.Forbidden) and "duplicate" in said.lower() and attempt > 1:
            return OutcomeUnknownError(
                f"{text} (an earlier attempt of this part may have been posted; check the "
                "account, then `herald queue retry ID --force` if it is not there)"
            )
        if isinstance(error, tweepy.BadRequest) and "media ids are invalid" in said.lower():
            return MediaExpiredError(text)  # v2's answer to a media id it no longer has
        return PermanentError(text)

    def _refresh_token(self) -> None:
        """Trade the refresh token for a new pair (once), keep it (0600) and use it."""
        refresh = self._refresh
        assert refresh is not None
        session = self._client.session
        auth = (refresh.client_id, refresh.client_secret) if refresh.client_secret else None
        body = {
            "grant_type": "refresh_token",
            "refresh_token": _stored_refresh(refresh) or refresh.refresh_token,
            "client_id": refresh.client_id,
        }
        try:
            response = session.post(TOKEN_URL, data=body, auth=auth)
        except _requests_errors() as error:
            raise TransientError(f"{self._account.name}: X token refresh failed: {error}") from None
        if response.status_code != 200:
            raise AuthError(
                f"{self._account.name}: X refused to refresh the OAuth 2.0 token "
                f"({response.status_code}); run `herald accounts login x` again"
            )
        tokens = response.json()
        state = {
            "seed": _fingerprint(refresh.refresh_token),
            "access_token": tokens["access_token"],
            "refresh_token": tokens.get("refresh_token", body["refresh_token"]),
            "refreshed_at": int(self._clock().timestamp()),
        }
        write_private(refresh.store, json.dumps(state))
        self._client.bearer_token = tokens["access_token"]


def _refresh_config(account: Account, data_dir: Path) -> OAuth2Refresh | None:
    if not account.settings.get("oauth2_refresh_token_env"):
        return None
    client_secret = None
    if account.settings.get("oauth2_client_secret_env"):
        client_secret = secret(account, "oauth2_client_secret_env")
    return OAuth2Refresh(
        refresh_token=secret(account, "oauth2_refresh_token_env"),
        client_id=secret(account, "oauth2_client_id_env"),
        client_secret=client_secret,
        store=session_path(data_dir, account.name, "x-oauth2"),
    )


def _stored(refresh: OAuth2Refresh) -> dict[str, Any] | None:
    """Tokens from an earlier refresh, unless the configured refresh token has changed since."""
    text = read_private(refresh.store)
    if not text:
        return None
    try:
        state = json.loads(text)
    except ValueError:
        return None  # a damaged file: start again from the configured tokens
    if not isinstance(state, dict) or state.get("seed") != _fingerprint(refresh.refresh_token):
        return None
    return state


def _stored_token(refresh: OAuth2Refresh) -> str | None:
    state = _stored(refresh)
    return str(state["access_token"]) if state else None


def _stored_refresh(refresh: OAuth2Refresh) -> str | None:
    state = _stored(refresh)
    return str(state["refresh_token"]) if state else None


def _fingerprint(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def _reset_at(headers: Any) -> datetime | None:
    """When to try again: the 15-minute window's reset, or a 24-hour one that is exhausted."""
    resets = []
    for prefix in DAILY_HEADERS:
        if headers.get(f"{prefix}-remaining") == "0" and headers.get(f"{prefix}-reset"):
            resets.append(int(headers[f"{prefix}-reset"]))
    if not resets and headers.get("x-rate-limit-reset"):
        resets.append(int(headers["x-rate-limit-reset"]))
    return datetime.fromtimestamp(max(resets), tz=UTC) if resets else None


def _requests_errors() -> type[Exception]:
    import requests

    return requests.RequestException


def _add_timeouts(session: requests.Session) -> None:
    """tweepy sends requests without a timeout; give every request on its session one."""
    from requests.adapters import HTTPAdapter

    class TimeoutAdapter(HTTPAdapter):
        def send(
            self,
            request: requests.PreparedRequest,
            stream: bool = False,
            timeout: float | tuple[float | None, float | None] | None = None,
            verify: bool | str = True,
            cert: str | tuple[str, str] | None = None,
            proxies: dict[str, str] | None = None,
        ) -> requests.Response:
            if timeout is None:
                timeout = (CONNECT_TIMEOUT_SECONDS, READ_TIMEOUT_SECONDS)
            return super().send(request, stream, timeout, verify, cert, proxies)

    session.mount("https://", TimeoutAdapter())
    session.mount("http://", TimeoutAdapter())


def _silence_request_dumps() -> None:
    """tweepy and oauthlib log credentials (headers, signing keys) at DEBUG: cap them at INFO."""
    for name in SECRET_LOGGERS:
        logger = logging.getLogger(name)
        if logger.getEffectiveLevel() < logging.INFO or logger.level == logging.NOTSET:
            logger.setLevel(logging.INFO)
