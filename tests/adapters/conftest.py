"""Fake platforms at the HTTP transport level, so the real SDKs build and send every request.

``responses`` intercepts requests (tweepy, Mastodon.py) and ``respx`` intercepts httpx (atproto).
Each harness builds its adapter from an account config, serves canned answers, and reports what
went over the wire in one shape (:class:`Sent`), so the contract tests read the same for every
platform.
"""

from __future__ import annotations

import base64
import email
import email.message
import hashlib
import json
import re
import time
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any, ClassVar
from urllib.parse import parse_qs

import httpx
import pytest
import requests
import responses
import respx

from posts.clock import Clock, system_clock
from posts.config import Account
from scheduler.adapters.base import Adapter

from .mastodon_mock_server import MastodonMock, mastodon_mock_process  # noqa: F401  (a fixture)

X_BAD_MEDIA = "media type unrecognized"
X_TOO_LARGE = "File size exceeds 5242880 bytes"
MASTODON_BAD_MEDIA = "Validation failed: File content type is invalid"
MASTODON_TOO_LARGE = "Validation failed: File file size must be less than 16 MB"
BLUESKY_BAD_MEDIA = "Unsupported blob type"
BLUESKY_TOO_LARGE = "request entity too large"
RESET_EPOCH = 1_900_000_000  # what every fake 429 says, as the platform's own header
SECRETS = {
    "T_X_CK": "x-consumer-key-SECRET",
    "T_X_CS": "x-consumer-secret-SECRET",
    "T_X_AT": "x-access-token-SECRET",
    "T_X_ATS": "x-access-token-secret-SECRET",
    "T_BSKY_PW": "bsky-app-password-SECRET",
    "T_MASTO_TOKEN": "mastodon-token-SECRET",
}
ERROR_KINDS = ("rate_limit", "server_error", "network", "bad_request", "unauthorized")
UPLOAD_ERROR_KINDS = (*ERROR_KINDS, "too_large")  # bad_request: a file the platform refuses


@dataclass
class Sent:
    """One publish request as the platform received it."""

    text: str
    reply_to: str | None  # the remote id (or at:// URI) replied to
    key: str | None  # the idempotency key as sent (Bluesky rkey, Mastodon header); X has none
    headers: dict[str, str] = field(default_factory=dict)
    body: dict[str, Any] = field(default_factory=dict)


@dataclass
class Upload:
    """One image upload as the platform received it."""

    data: bytes
    mime: str
    fields: dict[str, str] = field(default_factory=dict)  # the other form fields


def form_parts(request: requests.PreparedRequest) -> dict[str, tuple[bytes, str]]:
    """A multipart/form-data body as name -> (bytes, content type)."""
    head = f"Content-Type: {request.headers['Content-Type']}\r\n\r\n".encode()
    body = request.body if isinstance(request.body, bytes) else str(request.body).encode()
    message = email.message_from_bytes(head + body)
    parts = {}
    for part in message.get_payload():
        assert isinstance(part, email.message.Message)
        name = str(part.get_param("name", header="content-disposition"))
        parts[name] = (part.get_payload(decode=True), part.get_content_type())
    return parts


def _text_fields(parts: dict[str, tuple[bytes, str]], *skip: str) -> dict[str, str]:
    return {name: data.decode() for name, (data, _) in parts.items() if name not in skip}


def _jwt(payload: dict[str, Any]) -> str:
    def part(obj: dict[str, Any]) -> str:
        return base64.urlsafe_b64encode(json.dumps(obj).encode()).decode().rstrip("=")

    return f"{part({'alg': 'HS256', 'typ': 'at+jwt'})}.{part(payload)}.c2ln"


def access_jwt(did: str, *, expires_in: int = 7200) -> str:
    return _jwt({"scope": "com.atproto.access", "sub": did, "exp": int(time.time()) + expires_in})


def _set_env(monkeypatch: pytest.MonkeyPatch) -> None:
    for name, value in SECRETS.items():
        monkeypatch.setenv(name, value)


# -- X ---------------------------------------------------------------------------------------


class XHarness:
    name = "x"
    api = "https://api.twitter.com/2/tweets"
    upload_api = "https://api.x.com/2/media/upload"
    metadata_api = "https://api.x.com/2/media/metadata"

    def __init__(self, mock: responses.RequestsMock, monkeypatch: pytest.MonkeyPatch) -> None:
        self.mock = mock
        _set_env(monkeypatch)
        self.account = Account(
            name="lab-x",
            platform="x",
            settings={
                "handle": "lab",
                "consumer_key_env": "T_X_CK",
                "consumer_secret_env": "T_X_CS",
                "access_token_env": "T_X_AT",
                "access_token_secret_env": "T_X_ATS",
            },
        )

    def build(self, data_dir: Path, clock: Clock = system_clock) -> Adapter:
        from scheduler.adapters.x import XAdapter

        return XAdapter.from_account(self.account, data_dir=data_dir, clock=clock)

    def serve_post(self, remote_id: str) -> None:
        self.mock.post(self.api, json={"data": {"id": remote_id, "text": "…"}}, status=201)

    def serve_error(self, kind: str) -> None:
        self._serve_error(self.api, kind)

    def _serve_error(self, url: str, kind: str) -> None:
        if kind == "network":
            self.mock.post(url, body=requests.ConnectionError("connection refused"))
            return
        status, body, headers = {
            "rate_limit": (
                429,
                {"title": "Too Many Requests"},
                {"x-rate-limit-reset": str(RESET_EPOCH)},
            ),
            "too_large": (413, {"title": "Payload Too Large", "detail": X_TOO_LARGE}, {}),
            "server_error": (503, {"title": "Service Unavailable"}, {}),
            "bad_request": (
                400,
                {"detail": "Invalid reply target", "title": "Invalid Request"},
                {},
            ),
            "unauthorized": (401, {"title": "Unauthorized", "detail": "Unauthorized"}, {}),
        }[kind]
        if url == self.upload_api and kind == "bad_request":
            body = {"title": "Invalid Request", "detail": X_BAD_MEDIA}
        self.mock.post(url, json=body, status=status, headers=headers)

    def platform_message(self, kind: str) -> str:
        return {"bad_request": "Invalid reply target"}.get(kind, "")

    # images

    def serve_upload(self, media_id: str) -> None:
        data = {
            "id": media_id,
            "media_key": f"3_{media_id}",
            "size": 70,
            "expires_after_secs": 86400,
        }
        self.mock.post(self.upload_api, json={"data": data})
        self.mock.post(self.metadata_api, json={"data": {"id": media_id}})

    def serve_upload_error(self, kind: str) -> None:
        self._serve_error(self.upload_api, kind)

    def upload_message(self, kind: str) -> str:
        return {"bad_request": X_BAD_MEDIA, "too_large": X_TOO_LARGE}.get(kind, "")

    def _answered(self, url: str) -> list[responses.Call]:
        return [
            call
            for call in self.mock.calls
            if call.request.url == url and getattr(call.response, "status_code", 0) == 200
        ]

    def uploads(self) -> list[Upload]:
        out = []
        for call in self._answered(self.upload_api):
            parts = form_parts(call.request)
            out.append(Upload(*parts["media"], _text_fields(parts, "media")))
        return out

    def metadata(self) -> list[dict[str, Any]]:
        return [
            json.loads(call.request.body or b"{}") for call in self._answered(self.metadata_api)
        ]

    def alts(self) -> list[str]:
        """Alt texts as they went over the wire (X: set on the media id after its upload)."""
        return [body["metadata"]["alt_text"]["text"] for body in self.metadata()]

    def returned_media(self) -> list[str]:
        return [call.response.json()["data"]["id"] for call in self._answered(self.upload_api)]

    def media_of(self, sent: Sent) -> list[str]:
        return list(sent.body.get("media", {}).get("media_ids", []))

    def sent(self) -> list[Sent]:
        out = []
        for call in self.mock.calls:
            if call.request.method == "POST" and call.request.url == self.api:
                body = json.loads(call.request.body or b"{}")
                reply = body.get("reply", {}).get("in_reply_to_tweet_id")
                out.append(Sent(body["text"], reply, None, dict(call.request.headers), body))
        return out


# -- Mastodon --------------------------------------------------------------------------------


class MastodonHarness:
    name = "mastodon"
    instance = "https://masto.example"
    api = "https://masto.example/api/v1/statuses"
    media_api = "https://masto.example/api/v2/media"

    def __init__(self, mock: responses.RequestsMock, monkeypatch: pytest.MonkeyPatch) -> None:
        self.mock = mock
        _set_env(monkeypatch)
        self.account = Account(
            name="lab-mastodon",
            platform="mastodon",
            settings={"instance": self.instance, "token_env": "T_MASTO_TOKEN"},
        )
        self._lookups_served = False

    def build(self, data_dir: Path, clock: Clock = system_clock) -> Adapter:
        from scheduler.adapters.mastodon import MastodonAdapter

        return MastodonAdapter.from_account(self.account, data_dir=data_dir, clock=clock)

    def serve_post(self, remote_id: str) -> None:
        self.mock.post(self.api, json=status_json(remote_id, self.instance))
        if not self._lookups_served:
            self._serve_lookups()

    def _serve_lookups(self) -> None:
        """The account's own statuses as posted so far, and their source: what ``lookup`` reads."""
        self._lookups_served = True
        base = re.escape(self.instance)
        self.mock.get(
            f"{self.instance}/api/v1/accounts/verify_credentials", json={"id": "1", "acct": "lab"}
        )
        listing = re.compile(rf"{base}/api/v1/accounts/1/statuses")
        self.mock.add_callback(responses.GET, listing, callback=self._listing)
        source = re.compile(rf"{base}/api/v1/statuses/(\w+)/source")
        self.mock.add_callback(responses.GET, source, callback=self._source)

    def _landed(self) -> dict[str, tuple[dict[str, Any], str]]:
        """id -> (status, source text) for every POST the fake answered with a status."""
        landed = {}
        for call in self.mock.calls:
            if call.request.method != "POST" or call.request.url != self.api:
                continue
            if getattr(call.response, "status_code", None) != 200:
                continue
            form = {k: v[0] for k, v in parse_qs(str(call.request.body)).items()}
            status = {**call.response.json(), "in_reply_to_id": form.get("in_reply_to_id")}
            landed[str(status["id"])] = (status, form["status"])
        return landed

    def _listing(self, request: requests.PreparedRequest) -> tuple[int, dict[str, str], str]:
        newest_first = [status for status, _ in reversed(self._landed().values())]
        return 200, {}, json.dumps(newest_first)

    def _source(self, request: requests.PreparedRequest) -> tuple[int, dict[str, str], str]:
        status_id = str(request.url).rsplit("/", 2)[-2]
        _, text = self._landed()[status_id]
        return 200, {}, json.dumps({"id": status_id, "text": text, "spoiler_text": ""})

    def serve_error(self, kind: str) -> None:
        self._serve_error(self.api, kind)

    def _serve_error(self, url: str, kind: str) -> None:
        if kind == "network":
            self.mock.post(url, body=requests.ConnectionError("connection refused"))
            return
        status, body, headers = {
            "rate_limit": (
                429,
                {"error": "Too many requests"},
                {"X-RateLimit-Reset": str(RESET_EPOCH)},
            ),
            "server_error": (503, {"error": "Service Unavailable"}, {}),
            "bad_request": (
                422,
                {"error": "Validation failed: Text character limit of 500 exceeded"},
                {},
            ),
            "unauthorized": (401, {"error": "The access token is invalid"}, {}),
            "too_large": (413, {"error": MASTODON_TOO_LARGE}, {}),
        }[kind]
        if url == self.media_api and kind == "bad_request":
            body = {"error": MASTODON_BAD_MEDIA}
        self.mock.post(url, json=body, status=status, headers=headers)

    def platform_message(self, kind: str) -> str:
        return {"bad_request": "Text character limit of 500 exceeded"}.get(kind, "")

    # images

    def serve_upload(self, media_id: str, *, processing: int = 0) -> None:
        """An attachment; with ``processing``, answered 202 (``url: null``) and ready only at the
        ``processing``-th look."""
        self.serve_instance()
        ready = media_json(media_id, self.instance)
        pending = {**ready, "url": None}
        if not processing:
            self.mock.post(self.media_api, json=ready)
            return
        self.mock.post(self.media_api, json=pending, status=202)
        look = f"{self.instance}/api/v1/media/{media_id}"
        for _ in range(processing - 1):
            self.mock.get(look, json=pending, status=206)
        self.mock.get(look, json=ready)

    def serve_instance(self, media: dict[str, Any] | None = None) -> None:
        """The instance documents (Mastodon.py reads the version from them before an upload)."""
        configuration = {
            "statuses": {"max_characters": 500, "max_media_attachments": 4},
            "media_attachments": media or {},
        }
        for version in ("v1", "v2"):
            self.mock.get(
                f"{self.instance}/api/{version}/instance/",
                json={
                    "version": "4.3.0",
                    "api_versions": {"mastodon": 2},
                    "configuration": configuration,
                },
            )

    def serve_upload_error(self, kind: str) -> None:
        self.serve_instance()
        self._serve_error(self.media_api, kind)

    def upload_message(self, kind: str) -> str:
        return {"bad_request": MASTODON_BAD_MEDIA, "too_large": MASTODON_TOO_LARGE}.get(kind, "")

    def _media_calls(self) -> list[responses.Call]:
        return [
            call
            for call in self.mock.calls
            if call.request.method == "POST"
            and call.request.url == self.media_api
            and getattr(call.response, "status_code", 0) in (200, 202)
        ]

    def uploads(self) -> list[Upload]:
        return media_uploads(call.request for call in self._media_calls())

    def alts(self) -> list[str]:
        return [upload.fields["description"] for upload in self.uploads()]

    def returned_media(self) -> list[str]:
        return [str(call.response.json()["id"]) for call in self._media_calls()]

    def media_of(self, sent: Sent) -> list[str]:
        return list(sent.body.get("media_ids[]", []))

    def sent(self) -> list[Sent]:
        out = []
        for call in self.mock.calls:
            if call.request.method == "POST" and call.request.url == self.api:
                out.append(sent_status(call.request))
        return out


def sent_status(request: requests.PreparedRequest) -> Sent:
    """A Mastodon status POST (form-encoded, as Mastodon.py sends it) as :class:`Sent`."""
    form = {k: v if k.endswith("[]") else v[0] for k, v in parse_qs(str(request.body)).items()}
    headers = dict(request.headers)
    key = headers.get("Idempotency-Key")
    return Sent(form["status"], form.get("in_reply_to_id"), key, headers, form)


def media_uploads(requests_sent: Iterable[requests.PreparedRequest]) -> list[Upload]:
    """Mastodon media POSTs (multipart: ``file``, ``description``, ``focus``) as uploads."""
    out = []
    for request in requests_sent:
        parts = form_parts(request)
        out.append(Upload(*parts["file"], _text_fields(parts, "file")))
    return out


def media_json(media_id: str, instance: str) -> dict[str, Any]:
    url = f"{instance}/system/media/{media_id}.png"
    return {"id": media_id, "type": "image", "url": url, "preview_url": url, "description": None}


def status_json(
    status_id: str,
    instance: str,
    *,
    reply_to: str | None = None,
    created_at: datetime | None = None,
) -> dict[str, Any]:
    return {
        "id": status_id,
        "uri": f"{instance}/users/lab/statuses/{status_id}",
        "url": f"{instance}/@lab/{status_id}",
        "created_at": (created_at or datetime.now(UTC)).isoformat(),
        "in_reply_to_id": reply_to,
        "content": "<p>…</p>",
        "account": {"id": "1", "acct": "lab"},
    }


# -- Mastodon, a server process (mastodon-mock) -----------------------------------------------

SERVER_TOKEN_VAR = "T_MASTO_SERVER_TOKEN"
CLIENT_TIMEOUT_SECONDS = 2.0  # a fault's latency beyond this is a client timeout


class MastodonServerHarness:
    """The contract harness on a server process: the server answers, and a response hook on the
    adapter's own requests session records what went over the wire (:class:`Sent`)."""

    name = "mastodon"

    def __init__(self, server: MastodonMock, monkeypatch: pytest.MonkeyPatch) -> None:
        self.server = server
        server.clear_faults()
        self.user = server.new_account()
        monkeypatch.setenv(SERVER_TOKEN_VAR, self.user["access_token"])
        self.monkeypatch = monkeypatch
        self.account = Account(
            name="lab-mastodon",
            platform="mastodon",
            settings={"instance": server.url, "token_env": SERVER_TOKEN_VAR},
        )
        self.exchanges: list[requests.Response] = []

    def build(self, data_dir: Path, clock: Clock = system_clock) -> Adapter:
        from scheduler.adapters.mastodon import MastodonAdapter

        session = requests.Session()
        session.hooks["response"].append(self._record)
        return MastodonAdapter.from_account(
            self.account,
            data_dir=data_dir,
            clock=clock,
            request_timeout=CLIENT_TIMEOUT_SECONDS,
            session=session,
        )

    def _record(self, response: requests.Response, *args: object, **kwargs: object) -> None:
        self.exchanges.append(response)

    def serve_post(self, remote_id: str) -> None:
        """The server makes its own ids; nothing to script."""

    def serve_error(self, kind: str, path: str = "/api/v1/statuses") -> None:
        if kind == "unauthorized":  # a token the server does not know: a real 401
            self.monkeypatch.setenv(SERVER_TOKEN_VAR, "revoked-token")
            return
        if path != "/api/v1/statuses" and kind in ("bad_request", "too_large"):
            status, said = (
                (422, MASTODON_BAD_MEDIA) if kind == "bad_request" else (413, MASTODON_TOO_LARGE)
            )
            self.server.add_fault(
                {"type": "status", "status": status, "body": {"error": said}}, path=path
            )
            return
        self.server.add_fault(
            {
                "rate_limit": {
                    "type": "ratelimit",
                    "headers": {"X-RateLimit-Reset": str(RESET_EPOCH)},
                },
                "server_error": {"type": "status", "status": 503},
                "network": {"type": "latency", "delay_ms": int(CLIENT_TIMEOUT_SECONDS * 3000)},
                "bad_request": {
                    "type": "status",
                    "status": 422,
                    "body": {"error": "Validation failed: Text character limit of 500 exceeded"},
                },
            }[kind],
            path=path,
        )

    def platform_message(self, kind: str) -> str:
        return {"bad_request": "Text character limit of 500 exceeded"}.get(kind, "")

    # images (the server keeps them; nothing to script)

    def serve_upload(self, media_id: str) -> None:
        """The server makes its own ids."""

    def serve_upload_error(self, kind: str) -> None:
        self.serve_error(kind, path="/api/v2/media")

    def upload_message(self, kind: str) -> str:
        return {"bad_request": MASTODON_BAD_MEDIA, "too_large": MASTODON_TOO_LARGE}.get(kind, "")

    def _media_answers(self) -> list[requests.Response]:
        return [
            response
            for response in self.exchanges
            if response.request.method == "POST"
            and str(response.request.url).endswith("/api/v2/media")
            and response.status_code == 200
        ]

    def uploads(self) -> list[Upload]:
        return media_uploads(response.request for response in self._media_answers())

    def alts(self) -> list[str]:
        return [upload.fields["description"] for upload in self.uploads()]

    def returned_media(self) -> list[str]:
        return [str(response.json()["id"]) for response in self._media_answers()]

    def media_of(self, sent: Sent) -> list[str]:
        return list(sent.body.get("media_ids[]", []))

    def sent(self) -> list[Sent]:
        """Every status POST the server accepted, as the adapter sent it."""
        out = []
        for response in self.exchanges:
            request = response.request
            if request.method != "POST" or not str(request.url).endswith("/api/v1/statuses"):
                continue
            if response.status_code == 200:
                out.append(sent_status(request))
        return out

    def statuses(self) -> list[dict[str, Any]]:
        """The account's statuses as the server holds them, newest first."""
        auth = {"Authorization": f"Bearer {self.user['access_token']}"}
        listed = httpx.get(
            f"{self.server.url}/api/v1/accounts/{self.user['id']}/statuses",
            headers=auth,
            params={"limit": 40},
            timeout=10,
        )
        listed.raise_for_status()
        return list(listed.json())


# -- Bluesky ---------------------------------------------------------------------------------


class BlueskyHarness:
    name = "bluesky"
    service = "https://pds.example"
    did = "did:plc:labtestaccount000000000"

    def __init__(self, router: respx.MockRouter, monkeypatch: pytest.MonkeyPatch) -> None:
        self.router = router
        _set_env(monkeypatch)
        self.account = Account(
            name="lab-bluesky",
            platform="bluesky",
            settings={
                "handle": "lab.example.com",
                "password_env": "T_BSKY_PW",
                "service": self.service,
            },
        )
        self.create_answers: list[httpx.Response | Exception] = []
        self.upload_answers: list[httpx.Response | Exception] = []
        self.records: dict[str, dict[str, Any]] = {}  # rkey -> record, what the fake repo holds
        router.post(f"{self.service}/xrpc/com.atproto.server.createSession").mock(
            side_effect=lambda request: httpx.Response(200, json=self.session_json())
        )
        router.post(f"{self.service}/xrpc/com.atproto.repo.createRecord").mock(
            side_effect=self._create
        )
        router.get(f"{self.service}/xrpc/com.atproto.repo.getRecord").mock(side_effect=self._get)
        self.uploads_route = router.post(f"{self.service}/xrpc/com.atproto.repo.uploadBlob").mock(
            side_effect=self._upload
        )
        self.describe = router.get(f"{self.service}/xrpc/com.atproto.server.describeServer").mock(
            return_value=httpx.Response(
                200, json={"did": "did:web:pds.example", "availableUserDomains": [".example"]}
            )
        )
        self.refresh = router.post(f"{self.service}/xrpc/com.atproto.server.refreshSession").mock(
            side_effect=lambda request: httpx.Response(200, json=self.session_json())
        )

    def session_json(self) -> dict[str, Any]:
        return {
            "did": self.did,
            "handle": "lab.example.com",
            "accessJwt": access_jwt(self.did),
            "refreshJwt": _jwt({"scope": "com.atproto.refresh", "sub": self.did}),
        }

    def build(self, data_dir: Path, clock: Clock = system_clock) -> Adapter:
        from scheduler.adapters.bluesky import BlueskyAdapter

        return BlueskyAdapter.from_account(self.account, data_dir=data_dir, clock=clock)

    def uri(self, rkey: str) -> str:
        return f"at://{self.did}/app.bsky.feed.post/{rkey}"

    def _create(self, request: httpx.Request) -> httpx.Response:
        body = json.loads(request.content)
        failed = _scripted(self.create_answers)
        if failed is not None:
            return failed
        self.records[body["rkey"]] = body["record"]
        return httpx.Response(
            200, json={"uri": self.uri(body["rkey"]), "cid": f"bafy{body['rkey']}"}
        )

    def _get(self, request: httpx.Request) -> httpx.Response:
        rkey = request.url.params["rkey"]
        if rkey not in self.records:
            return httpx.Response(
                400, json={"error": "RecordNotFound", "message": f"Could not locate record: {rkey}"}
            )
        return httpx.Response(
            200, json={"uri": self.uri(rkey), "cid": f"bafy{rkey}", "value": self.records[rkey]}
        )

    def _upload(self, request: httpx.Request) -> httpx.Response:
        failed = _scripted(self.upload_answers)
        if failed is not None:
            return failed
        cid = f"bafkrei{hashlib.sha256(request.content).hexdigest()[:40]}"
        blob = {
            "$type": "blob",
            "ref": {"$link": cid},
            "mimeType": request.headers["content-type"],
            "size": len(request.content),
        }
        return httpx.Response(200, json={"blob": blob})

    def serve_post(self, remote_id: str) -> None:
        """Bluesky ids are the rkey the adapter chose; the next create simply succeeds."""
        self.create_answers.append(httpx.Response(200))

    def serve_error(self, kind: str) -> None:
        self.create_answers.extend(self._error_answers(kind))

    def _error_answers(self, kind: str) -> list[httpx.Response | Exception]:
        if kind == "network":
            return [httpx.ConnectError("connection refused")]
        status, body, headers = {
            "rate_limit": (
                429,
                {"error": "RateLimitExceeded", "message": "Rate Limit Exceeded"},
                {"ratelimit-reset": str(RESET_EPOCH), "ratelimit-remaining": "0"},
            ),
            "server_error": (
                500,
                {"error": "InternalServerError", "message": "Internal Server Error"},
                {},
            ),
            "bad_request": (
                400,
                {
                    "error": "InvalidRequest",
                    "message": "Invalid app.bsky.feed.post record: grapheme too big",
                },
                {},
            ),
            "unauthorized": (
                401,
                {"error": "AuthenticationRequired", "message": "Invalid token"},
                {},
            ),
            "too_large": (413, {"error": "PayloadTooLarge", "message": BLUESKY_TOO_LARGE}, {}),
        }[kind]
        # a 401 is retried once on a fresh session; refused again, it is an AuthError
        return [
            httpx.Response(status, json=body, headers=headers)
            for _ in range(2 if kind == "unauthorized" else 1)
        ]

    def platform_message(self, kind: str) -> str:
        return {"bad_request": "grapheme too big"}.get(kind, "")

    # images

    def serve_upload(self, media_id: str) -> None:
        """The blob's cid is its content's hash; the next upload simply succeeds."""

    def serve_upload_error(self, kind: str) -> None:
        answers = self._error_answers(kind)
        if kind == "bad_request":
            bad = {"error": "InvalidRequest", "message": BLUESKY_BAD_MEDIA}
            answers = [httpx.Response(400, json=bad)]
        self.upload_answers.extend(answers)

    def upload_message(self, kind: str) -> str:
        return {"bad_request": BLUESKY_BAD_MEDIA, "too_large": BLUESKY_TOO_LARGE}.get(kind, "")

    def _upload_calls(self) -> list[respx.models.Call]:
        return [
            call
            for call in self.uploads_route.calls
            if call.has_response and call.response.status_code == 200
        ]

    def uploads(self) -> list[Upload]:
        return [
            Upload(call.request.content, call.request.headers["content-type"])
            for call in self._upload_calls()
        ]

    def returned_media(self) -> list[str]:
        return [call.response.json()["blob"]["ref"]["$link"] for call in self._upload_calls()]

    def images(self, sent: Sent) -> list[dict[str, Any]]:
        embed = sent.body["record"].get("embed", {})
        return list(embed.get("images", []))

    def alts(self) -> list[str]:
        return [image["alt"] for sent in self.sent() for image in self.images(sent)]

    def media_of(self, sent: Sent) -> list[str]:
        embed = sent.body["record"].get("embed", {})
        blobs = [image["image"] for image in self.images(sent)]
        if "thumb" in embed.get("external", {}):
            blobs.append(embed["external"]["thumb"])
        return [blob["ref"]["$link"] for blob in blobs]

    def sent(self) -> list[Sent]:
        out = []
        for call in self.router.calls:
            if call.request.url.path.endswith("com.atproto.repo.createRecord"):
                body = json.loads(call.request.content)
                record = body["record"]
                reply = record.get("reply", {}).get("parent", {}).get("uri")
                out.append(
                    Sent(record["text"], reply, body["rkey"], dict(call.request.headers), body)
                )
        return out


def _scripted(answers: list[httpx.Response | Exception]) -> httpx.Response | None:
    """The next scripted answer if it is a failure (raised, or returned); None to go on."""
    if not answers:
        return None
    answer = answers.pop(0)
    if isinstance(answer, Exception):
        raise answer
    return answer if answer.status_code != 200 else None


# -- mock (no network: the outbox is its wire) ------------------------------------------------


class MockHarness:
    name = "mock"
    failures: ClassVar[dict[str, str]] = {
        "rate_limit": "rate_limit:60",
        "server_error": "server_error",
        "network": "timeout",
        "bad_request": "permanent",
        "unauthorized": "auth",
    }

    def __init__(self, tmp_path: Path) -> None:
        self.outbox = tmp_path / "outbox.jsonl"
        self.script: list[str] = []
        self.account = Account(name="lab-mock", platform="bluesky", mock=True)

    def build(self, data_dir: Path) -> Adapter:
        from scheduler.adapters.mock import MockAdapter, parse_failures

        account = Account(
            name=self.account.name,
            platform="bluesky",
            mock=True,
            settings={"mock_outbox": str(self.outbox), "mock_fail": self.script},
        )
        failures = parse_failures(account.settings, account.name)
        # the clock makes the scripted 60-second rate limit end at RESET_EPOCH, like the others
        clock = lambda: datetime.fromtimestamp(RESET_EPOCH - 60, tz=UTC)  # noqa: E731
        return MockAdapter(account, self.outbox, failures=failures, clock=clock)

    def serve_post(self, remote_id: str) -> None:
        self.script.append("ok")

    def serve_error(self, kind: str) -> None:
        self.script.append(self.failures[kind])

    def platform_message(self, kind: str) -> str:
        return {"bad_request": "rejected"}.get(kind, "")

    def sent(self) -> list[Sent]:
        from scheduler.adapters.mock import read_outbox

        return [
            Sent(r["text"], r["reply_to"], r["idempotency_key"], {}, r)
            for r in read_outbox(self.outbox)
        ]


# -- fixtures --------------------------------------------------------------------------------


@pytest.fixture
def requests_mock() -> Iterator[responses.RequestsMock]:
    with responses.RequestsMock(assert_all_requests_are_fired=False) as mock:
        yield mock


@pytest.fixture
def httpx_mock() -> Iterator[respx.MockRouter]:
    with respx.mock(assert_all_called=False) as router:
        yield router


@pytest.fixture
def x_refreshing_account(
    requests_mock: responses.RequestsMock, monkeypatch: pytest.MonkeyPatch
) -> Account:
    """An X account on an OAuth 2.0 token (``old-access``) with what one refresh needs; X's token
    endpoint answers ``new-access`` (and rotates the refresh token to ``refresh-2``)."""
    for var, value in {"T_TOK": "old-access", "T_REF": "refresh-1", "T_CID": "client-id"}.items():
        monkeypatch.setenv(var, value)
    settings = {
        "oauth2_token_env": "T_TOK",
        "oauth2_refresh_token_env": "T_REF",
        "oauth2_client_id_env": "T_CID",
    }
    requests_mock.post(
        "https://api.twitter.com/2/oauth2/token",
        json={"access_token": "new-access", "refresh_token": "refresh-2", "expires_in": 7200},
    )
    return Account("lab-x3", "x", settings=settings)


@pytest.fixture
def x_harness(requests_mock: responses.RequestsMock, monkeypatch: pytest.MonkeyPatch) -> XHarness:
    return XHarness(requests_mock, monkeypatch)


@pytest.fixture
def mastodon_harness(
    requests_mock: responses.RequestsMock, monkeypatch: pytest.MonkeyPatch
) -> MastodonHarness:
    return MastodonHarness(requests_mock, monkeypatch)


@pytest.fixture
def mock_harness(tmp_path: Path) -> MockHarness:
    return MockHarness(tmp_path)


@pytest.fixture
def bluesky_harness(
    httpx_mock: respx.MockRouter, monkeypatch: pytest.MonkeyPatch
) -> BlueskyHarness:
    return BlueskyHarness(httpx_mock, monkeypatch)


@pytest.fixture
def mastodon_server_harness(
    mastodon_mock_process: MastodonMock,  # noqa: F811  (the fixture imported above)
    monkeypatch: pytest.MonkeyPatch,
) -> MastodonServerHarness:
    return MastodonServerHarness(mastodon_mock_process, monkeypatch)
