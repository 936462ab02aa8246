"""X images over faked HTTP: the v2 upload and metadata requests as X receives them, signed like
tweepy's own, and the post's ``media.media_ids``."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
import responses

from posts.clock import system_clock
from posts.config import Account
from scheduler.adapters.base import (
    MediaExpiredError,
    MediaRef,
    OutgoingImage,
    OutgoingPart,
    PermanentError,
)
from scheduler.adapters.x import READ_TIMEOUT_SECONDS, XAdapter

from .conftest import XHarness, form_parts

MEDIA_ID = "1880000000000000001"
PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 40


def image(alt: str = "A heron in the shallows") -> OutgoingImage:
    return OutgoingImage(data=PNG, mime="image/png", width=640, height=480, alt=alt)


def build(harness: XHarness, data_dir: Path) -> XAdapter:
    adapter = harness.build(data_dir)
    assert isinstance(adapter, XAdapter)
    return adapter


def test_upload_metadata_and_post_bodies(x_harness: XHarness, tmp_path: Path) -> None:
    x_harness.serve_upload(MEDIA_ID)
    x_harness.serve_post("1850000000000000009")
    adapter = build(x_harness, tmp_path)
    ref = adapter.upload_image(image())
    adapter.publish(OutgoingPart("d", 0, 1, "Herons #birds", "k", media=(ref, ref)))

    upload, metadata, post = (call.request for call in x_harness.mock.calls)
    assert upload.url == "https://api.x.com/2/media/upload"
    assert upload.headers["Content-Type"].startswith("multipart/form-data; boundary=")
    assert form_parts(upload) == {
        "media": (PNG, "image/png"),
        "media_category": (b"tweet_image", "text/plain"),
    }
    assert b'filename="image.png"' in upload.body
    assert json.loads(metadata.body) == {
        "id": MEDIA_ID,
        "metadata": {"alt_text": {"text": "A heron in the shallows"}},
    }
    for request in (upload, metadata):
        assert request.headers["Authorization"].startswith("OAuth ")
        assert 'oauth_consumer_key="x-consumer-key-SECRET"' in request.headers["Authorization"]
        assert request.req_kwargs["timeout"][1] == READ_TIMEOUT_SECONDS
    assert json.loads(post.body)["media"] == {"media_ids": [MEDIA_ID, MEDIA_ID]}
    assert ref.value == MEDIA_ID


def test_no_alt_text_means_no_metadata_request(x_harness: XHarness, tmp_path: Path) -> None:
    x_harness.serve_upload(MEDIA_ID)
    build(x_harness, tmp_path).upload_image(image(alt=""))
    assert [c.request.url for c in x_harness.mock.calls] == [XHarness.upload_api]


def test_alt_text_is_cut_to_xs_thousand_characters(x_harness: XHarness, tmp_path: Path) -> None:
    x_harness.serve_upload(MEDIA_ID)
    build(x_harness, tmp_path).upload_image(image(alt="tide " * 300))
    (sent,) = x_harness.alts()
    assert len(sent) == 1000 and sent.endswith("…") and sent.startswith("tide tide")


def test_an_oauth2_token_uploads_as_bearer(
    requests_mock: responses.RequestsMock, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.setenv("T_X_TOKEN", "oauth2-user-token")
    account = Account("lab-x2", "x", settings={"oauth2_token_env": "T_X_TOKEN"})
    requests_mock.post(XHarness.upload_api, json={"data": {"id": MEDIA_ID}})
    requests_mock.post(XHarness.metadata_api, json={"data": {"id": MEDIA_ID}})
    XAdapter.from_account(account, data_dir=tmp_path, clock=system_clock).upload_image(image())
    for call in requests_mock.calls:
        assert call.request.headers["Authorization"] == "Bearer oauth2-user-token"


def test_an_upload_answer_without_a_media_id_is_refused_in_xs_words(
    x_harness: XHarness, tmp_path: Path
) -> None:
    x_harness.mock.post(
        XHarness.upload_api, json={"errors": [{"message": "InvalidMedia: unsupported format"}]}
    )
    with pytest.raises(PermanentError, match="InvalidMedia: unsupported format"):
        build(x_harness, tmp_path).upload_image(image())


def test_an_upload_refused_for_an_expired_oauth2_token_is_sent_again_after_one_refresh(
    requests_mock: responses.RequestsMock, x_refreshing_account: Account, tmp_path: Path
) -> None:
    requests_mock.post(XHarness.upload_api, json={"title": "Unauthorized"}, status=401)
    requests_mock.post(XHarness.upload_api, json={"data": {"id": MEDIA_ID}})
    requests_mock.post(XHarness.metadata_api, json={"data": {"id": MEDIA_ID}})
    adapter = XAdapter.from_account(x_refreshing_account, data_dir=tmp_path, clock=system_clock)
    assert adapter.upload_image(image()).value == MEDIA_ID
    media = [c.request for c in requests_mock.calls if "/media/" in c.request.url]
    assert [request.headers["Authorization"] for request in media] == [
        "Bearer old-access",
        "Bearer new-access",
        "Bearer new-access",
    ]


def test_a_post_naming_a_media_id_x_no_longer_has_is_told_apart(
    x_harness: XHarness, tmp_path: Path
) -> None:
    """X v2's answer to an expired (or unknown) media id, as tweepy raises it: the tick drops the
    stored upload and tries once more with a fresh one."""
    error = {
        "parameters": {"media.media_ids": [MEDIA_ID]},
        "message": "Your media IDs are invalid.",
    }
    gone = {
        "errors": [error],
        "title": "Invalid Request",
        "detail": "One or more parameters to your request was invalid.",
        "type": "https://api.twitter.com/2/problems/invalid-request",
    }
    x_harness.mock.post(XHarness.api, json=gone, status=400)
    x_harness.serve_error("bad_request")
    adapter = build(x_harness, tmp_path)
    ref = MediaRef(MEDIA_ID, "image/png", 640, 480, "")
    with pytest.raises(MediaExpiredError, match="400 Your media IDs are invalid"):
        adapter.publish(OutgoingPart("d", 0, 1, "Herons", "k", media=(ref,)))
    with pytest.raises(PermanentError) as other:  # any other refusal stays a plain one
        adapter.publish(OutgoingPart("d", 0, 1, "Herons", "k"))
    assert not isinstance(other.value, MediaExpiredError)
