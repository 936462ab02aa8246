"""Bluesky specifics over faked HTTP: the record on the wire, exactly-once by rkey, sessions."""

from __future__ import annotations

import json
import re
import stat
from datetime import UTC, datetime
from pathlib import Path

import httpx
import pytest

from scheduler.adapters.base import AuthError, OutgoingPart, PublishedRef, TransientError
from scheduler.adapters.bluesky import BlueskyAdapter
from scheduler.adapters.tid import new_tid
from tests.media.images import opened, phone_jpeg, write

from .conftest import BlueskyHarness, access_jwt

SENT_AT = datetime(2026, 11, 24, 9, 30, 15, 123456, tzinfo=UTC)
TAG_FACET = {
    "index": {"byteStart": 10, "byteEnd": 20},
    "features": [{"$type": "app.bsky.richtext.facet#tag", "tag": "tidepools"}],
}


def build(harness: BlueskyHarness, data_dir: Path) -> BlueskyAdapter:
    adapter = harness.build(data_dir, clock=lambda: SENT_AT)
    assert isinstance(adapter, BlueskyAdapter)
    return adapter


def outgoing(text: str = "Low tide #tidepools", **kw: object) -> OutgoingPart:
    return OutgoingPart(draft_id="d", index=0, count=1, text=text, idempotency_key=new_tid(), **kw)  # type: ignore[arg-type]


def _untyped(value: object) -> object:
    """The record as the SDK sent it, less the ``$type`` names it adds to nested objects."""
    if isinstance(value, dict):
        kind = str(value.get("$type", ""))
        keep = kind.startswith("app.bsky.richtext.facet#") and not kind.endswith("#byteSlice")
        return {k: _untyped(v) for k, v in value.items() if k != "$type" or keep}
    if isinstance(value, list):
        return [_untyped(v) for v in value]
    return value


def test_record_carries_facets_mentions_langs_reply_and_send_time(
    bluesky_harness: BlueskyHarness, tmp_path: Path
) -> None:
    router = bluesky_harness.router
    router.get(f"{bluesky_harness.service}/xrpc/com.atproto.identity.resolveHandle").mock(
        side_effect=lambda r: (
            httpx.Response(200, json={"did": "did:plc:alice"})
            if r.url.params["handle"] == "alice.bsky.social"
            else httpx.Response(
                400, json={"error": "InvalidRequest", "message": "Unable to resolve handle"}
            )
        )
    )
    adapter = build(bluesky_harness, tmp_path)
    root = PublishedRef("at://did:plc:x/app.bsky.feed.post/3aaaaaaaaaaa2", "u", "bafyroot")
    parent = PublishedRef("at://did:plc:x/app.bsky.feed.post/3aaaaaaaaaab2", "u", "bafyparent")
    text = "Low tide #tidepools with @alice.bsky.social and @nobody.example"
    p = outgoing(text, facets=(TAG_FACET,), lang="en", reply_to=parent, root=root)
    adapter.publish(p)

    (sent,) = bluesky_harness.sent()
    record = sent.body["record"]
    assert sent.key == p.idempotency_key and sent.body["repo"] == bluesky_harness.did
    assert record["createdAt"] == "2026-11-24T09:30:15.123Z"
    assert record["langs"] == ["en"]
    reply = record["reply"]
    assert (reply["root"]["uri"], reply["root"]["cid"]) == (root.remote_id, "bafyroot")
    assert (reply["parent"]["uri"], reply["parent"]["cid"]) == (parent.remote_id, "bafyparent")
    mention_start = text.encode().index(b"@alice")
    assert _untyped(record["facets"]) == [
        TAG_FACET,
        {
            "index": {
                "byteStart": mention_start,
                "byteEnd": mention_start + len("@alice.bsky.social"),
            },
            "features": [{"$type": "app.bsky.richtext.facet#mention", "did": "did:plc:alice"}],
        },
    ]  # @nobody.example did not resolve: it stays plain text


def test_link_card_thumbnail_is_read_stripped_and_uploaded_or_left_out(
    bluesky_harness: BlueskyHarness, tmp_path: Path
) -> None:
    """The card's own image goes through the image pipeline: a phone photo's GPS position and
    camera serial never reach the server; an image that cannot be fetched leaves the card bare."""
    router = bluesky_harness.router
    router.get("https://images.example/missing.png").mock(return_value=httpx.Response(404))
    photo = write(tmp_path / "lead.jpg", phone_jpeg())
    adapter = build(bluesky_harness, tmp_path)
    card = {"uri": "https://example.org/a", "title": "Tide pools", "description": "Notes"}
    for thumb in (str(photo), "https://images.example/missing.png"):
        embed = {"$type": "app.bsky.embed.external", "external": {**card, "thumb_url": thumb}}
        adapter.publish(outgoing(embed=embed))

    (upload,) = bluesky_harness.uploads()
    assert upload.mime == "image/jpeg"
    assert not opened(upload.data).getexif() and b"SN-4711-SECRET" not in upload.data
    with_file, unreachable = (s.body["record"]["embed"] for s in bluesky_harness.sent())
    assert with_file["$type"] == unreachable["$type"] == "app.bsky.embed.external"
    (thumb_cid,) = bluesky_harness.returned_media()
    assert with_file["external"]["thumb"]["ref"]["$link"] == thumb_cid
    assert _untyped(unreachable["external"]) == card


def test_a_failed_create_whose_record_exists_counts_as_published(
    bluesky_harness: BlueskyHarness, tmp_path: Path
) -> None:
    adapter = build(bluesky_harness, tmp_path)
    p = outgoing()
    bluesky_harness.records[p.idempotency_key] = {"text": p.text}  # an earlier attempt landed
    bluesky_harness.serve_error("server_error")  # the duplicate rkey: a bare 500
    ref = adapter.publish(p)
    assert ref.remote_id == bluesky_harness.uri(p.idempotency_key)
    assert ref.cid == f"bafy{p.idempotency_key}"
    assert adapter.lookup(p) == ref
    assert adapter.lookup(outgoing()) is None


def test_a_500_without_a_record_stays_transient(
    bluesky_harness: BlueskyHarness, tmp_path: Path
) -> None:
    adapter = build(bluesky_harness, tmp_path)
    bluesky_harness.serve_error("server_error")
    with pytest.raises(TransientError, match="Internal Server Error"):
        adapter.publish(outgoing())


def test_session_is_saved_private_and_reused_across_restarts(
    bluesky_harness: BlueskyHarness, tmp_path: Path
) -> None:
    router = bluesky_harness.router
    router.get(f"{bluesky_harness.service}/xrpc/com.atproto.server.getSession").mock(
        return_value=httpx.Response(
            200, json={"did": bluesky_harness.did, "handle": "lab.example.com"}
        )
    )
    assert "@lab.example.com" in build(bluesky_harness, tmp_path).verify()
    assert "@lab.example.com" in build(bluesky_harness, tmp_path).verify()  # a restart
    logins = [c for c in router.calls if c.request.url.path.endswith("createSession")]
    assert len(logins) == 1
    (saved,) = (tmp_path / "sessions").iterdir()
    assert stat.S_IMODE(saved.stat().st_mode) == 0o600
    assert "bsky-app-password-SECRET" not in saved.read_text()


def test_an_expired_token_is_refreshed_once_and_the_new_session_saved(
    bluesky_harness: BlueskyHarness, tmp_path: Path
) -> None:
    router = bluesky_harness.router
    fresh = access_jwt(bluesky_harness.did)
    bluesky_harness.refresh.mock(
        side_effect=None,
        return_value=httpx.Response(
            200,
            json={**bluesky_harness.session_json(), "accessJwt": fresh, "refreshJwt": "r2.r2.r2"},
        ),
    )
    adapter = build(bluesky_harness, tmp_path)
    bluesky_harness.create_answers.append(
        httpx.Response(400, json={"error": "ExpiredToken", "message": "Token has expired"})
    )
    adapter.publish(outgoing())
    creates = [c for c in router.calls if c.request.url.path.endswith("createRecord")]
    assert [c.request.headers["authorization"] for c in creates][-1] == f"Bearer {fresh}"
    saved = json.loads(next((tmp_path / "sessions").iterdir()).read_text())
    assert fresh in saved["session"]


def test_a_revoked_saved_session_logs_in_again_with_the_password(
    bluesky_harness: BlueskyHarness, tmp_path: Path
) -> None:
    router = bluesky_harness.router
    revoked = {"error": "AuthenticationRequired", "message": "Token has been revoked"}
    bluesky_harness.refresh.mock(side_effect=None, return_value=httpx.Response(401, json=revoked))
    build(bluesky_harness, tmp_path).publish(outgoing())  # logs in, saves the session
    bluesky_harness.create_answers.append(httpx.Response(401, json=revoked))
    build(bluesky_harness, tmp_path).publish(outgoing())  # a restart on the saved session
    paths = [c.request.url.path.rsplit(".", 1)[1] for c in router.calls]
    assert paths == [
        "createSession",
        "createRecord",
        "createRecord",  # 401 on the saved session
        "refreshSession",  # refused too
        "createSession",  # the password from the environment
        "createRecord",
    ]


def test_rejected_login_names_the_account_and_variable(
    bluesky_harness: BlueskyHarness, tmp_path: Path
) -> None:
    bluesky_harness.router.post(
        f"{bluesky_harness.service}/xrpc/com.atproto.server.createSession"
    ).mock(
        return_value=httpx.Response(
            401,
            json={"error": "AuthenticationRequired", "message": "Invalid identifier or password"},
        )
    )
    with pytest.raises(AuthError) as raised:
        build(bluesky_harness, tmp_path).publish(outgoing())
    message = str(raised.value)
    assert "lab-bluesky" in message and "T_BSKY_PW" in message and "SECRET" not in message


def test_an_unreachable_service_is_transient_and_named(
    bluesky_harness: BlueskyHarness, tmp_path: Path
) -> None:
    bluesky_harness.router.post(
        f"{bluesky_harness.service}/xrpc/com.atproto.server.createSession"
    ).mock(side_effect=httpx.ConnectError("connection refused"))
    with pytest.raises(
        TransientError, match=re.escape("lab-bluesky: https://pds.example unreachable")
    ):
        build(bluesky_harness, tmp_path).verify()
