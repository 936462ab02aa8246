"""X's v2 media endpoints, called with the session and credentials tweepy already holds.

tweepy 4.17 uploads only through the v1.1 endpoint X is retiring, so the upload
(``POST /2/media/upload``, multipart: the raw bytes, no base64) and the alt text
(``POST /2/media/metadata``) are sent here, signed exactly as tweepy signs its own requests
(OAuth 1.0a user context, or the OAuth 2.0 user token as a bearer). Answers that are not 2xx
become tweepy's own exception classes, so the adapter classifies them like every other call.
The bodies follow X's OpenAPI document (``bench/check_x_requests.py`` checks them against it).
"""

from __future__ import annotations

import mimetypes
from typing import TYPE_CHECKING, Any

from scheduler.adapters.base import ImageLimits, OutgoingImage

if TYPE_CHECKING:
    import requests
    import tweepy

MEDIA_API = "https://api.x.com/2/media"  # the server X's OpenAPI document names
UPLOAD_URL = f"{MEDIA_API}/upload"
METADATA_URL = f"{MEDIA_API}/metadata"
ALT_TEXT_MAX = 1000  # characters, per CreateMediaMetadataMetadataAltText
IMAGE_LIMITS = ImageLimits(
    max_bytes=5_242_880,  # 5 MB for images (GIFs may be 15 MB; Herald sends stills)
    max_pixels=None,
    max_side=None,
    mimes=("image/jpeg", "image/png", "image/webp"),
    per_post=4,
)


def upload(client: tweepy.Client, image: OutgoingImage, *, user_auth: bool) -> str:
    """Upload one image (``media_category=tweet_image``) and return its media id."""
    name = f"image{mimetypes.guess_extension(image.mime) or ''}"
    response = _send(
        client,
        UPLOAD_URL,
        user_auth=user_auth,
        data={"media_category": "tweet_image"},
        files={"media": (name, image.data, image.mime)},
    )
    return _media_id(response)


def describe(client: tweepy.Client, media_id: str, alt: str, *, user_auth: bool) -> None:
    """Attach the alt text to an uploaded image (cut to X's 1000 characters)."""
    text = alt if len(alt) <= ALT_TEXT_MAX else alt[: ALT_TEXT_MAX - 1] + "…"
    body = {"id": media_id, "metadata": {"alt_text": {"text": text}}}
    _send(client, METADATA_URL, user_auth=user_auth, json=body)


def _media_id(response: requests.Response) -> str:
    """The id X gave the upload; an answer without one is an error in X's own words."""
    import tweepy

    try:
        return str(response.json()["data"]["id"])
    except (ValueError, KeyError, TypeError):
        raise tweepy.HTTPException(response) from None


def _send(client: tweepy.Client, url: str, *, user_auth: bool, **body: Any) -> requests.Response:
    """POST as tweepy would: its user agent, its OAuth 1.0a signature or bearer token."""
    import tweepy

    headers = {"User-Agent": client.user_agent}
    auth = None
    if user_auth:
        handler = tweepy.OAuth1UserHandler(
            client.consumer_key,
            client.consumer_secret,
            client.access_token,
            client.access_token_secret,
        )
        auth = handler.apply_auth()
    else:
        headers["Authorization"] = f"Bearer {client.bearer_token}"
    response = client.session.post(url, headers=headers, auth=auth, **body)
    if not 200 <= response.status_code < 300:
        raise _http_error(response)
    return response


def _http_error(response: requests.Response) -> tweepy.HTTPException:
    """tweepy's exception for this status, as ``tweepy.Client.request`` raises it."""
    import tweepy

    if response.status_code == 429:
        reset = response.headers.get("x-rate-limit-reset")
        return tweepy.TooManyRequests(response, reset_time=int(reset) if reset else None)
    kinds: dict[int, type[tweepy.HTTPException]] = {
        400: tweepy.BadRequest,
        401: tweepy.Unauthorized,
        403: tweepy.Forbidden,
        404: tweepy.NotFound,
    }
    if response.status_code >= 500:
        return tweepy.TwitterServerError(response)
    return kinds.get(response.status_code, tweepy.HTTPException)(response)
