"""Mastodon images over faked HTTP and on a Mastodon server process: the upload with description
and focal point, the wait while the server processes it (a fake sleeper: no test sleeps), the
status's ``media_ids``, and the instance's image limits."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from pathlib import Path

import httpx
import pytest
from hypothesis import given
from hypothesis import strategies as st

from scheduler.adapters import instance_limits
from scheduler.adapters.base import (
    ImageLimits,
    MediaExpiredError,
    MediaRef,
    OutgoingImage,
    OutgoingPart,
    PermanentError,
    TransientError,
)
from scheduler.adapters.mastodon import PROCESSING_WAIT, MastodonAdapter
from scheduler.adapters.tid import new_tid

from .conftest import MastodonHarness, MastodonServerHarness

INSTANCE = MastodonHarness.instance
PNG = b"\x89PNG\r\n\x1a\n" + b"\x01" * 30
IMAGE = OutgoingImage(PNG, "image/png", 800, 600, "A crab under kelp", focus=(0.25, -0.5))


class FakeTime:
    """A clock that the adapter's sleeper moves on."""

    def __init__(self) -> None:
        self.now = datetime(2026, 11, 30, 12, 0, tzinfo=UTC)
        self.slept: list[float] = []

    def sleep(self, seconds: float) -> None:
        self.slept.append(seconds)
        self.now += timedelta(seconds=seconds)


def build(harness: MastodonHarness | MastodonServerHarness, data_dir: Path) -> MastodonAdapter:
    adapter = harness.build(data_dir)
    assert isinstance(adapter, MastodonAdapter)
    return adapter


def with_time(adapter: MastodonAdapter, time: FakeTime) -> MastodonAdapter:
    adapter._clock = lambda: time.now
    adapter._sleep = time.sleep
    return adapter


def refused_status(harness: MastodonHarness, status: int, said: str) -> OutgoingPart:
    """A part naming a stored attachment ("305"), and the server's ``status`` ``said`` to it."""
    harness.mock.post(harness.api, json={"error": said}, status=status)
    uploaded = MediaRef("305", "image/png", 800, 600, "A crab under kelp")
    return OutgoingPart("d", 0, 1, "Crabs", new_tid(), media=(uploaded,))


def test_upload_sends_description_and_focus_and_the_status_its_id(
    mastodon_harness: MastodonHarness, tmp_path: Path
) -> None:
    mastodon_harness.serve_upload("301")
    mastodon_harness.serve_post("110")
    adapter = build(mastodon_harness, tmp_path)
    ref = adapter.upload_image(IMAGE)
    adapter.publish(OutgoingPart("d", 0, 1, "Crabs", new_tid(), media=(ref,)))

    (upload,) = mastodon_harness.uploads()
    assert (upload.data, upload.mime) == (PNG, "image/png")
    assert upload.fields == {"description": "A crab under kelp", "focus": "0.25,-0.5"}
    (sent,) = mastodon_harness.sent()
    assert sent.body["media_ids[]"] == ["301"] and ref.value == "301"


def test_an_image_still_processing_is_waited_for_without_sleeping(
    mastodon_harness: MastodonHarness, tmp_path: Path
) -> None:
    mastodon_harness.serve_upload("302", processing=3)
    time = FakeTime()
    ref = with_time(build(mastodon_harness, tmp_path), time).upload_image(IMAGE)
    assert ref.value == "302"
    assert time.slept == [1.0, 2.0, 4.0]
    looks = [c for c in mastodon_harness.mock.calls if c.request.url.endswith("/media/302")]
    assert len(looks) == 3


def test_an_image_never_processed_is_a_transient_failure(
    mastodon_harness: MastodonHarness, tmp_path: Path
) -> None:
    mastodon_harness.serve_upload("303", processing=1_000)
    time = FakeTime()
    adapter = with_time(build(mastodon_harness, tmp_path), time)
    with pytest.raises(TransientError, match="had not processed image 303 after 60 s"):
        adapter.upload_image(IMAGE)
    assert PROCESSING_WAIT <= timedelta(seconds=sum(time.slept)) < PROCESSING_WAIT * 1.2


def test_a_status_whose_image_is_still_processing_is_retried_later(
    mastodon_harness: MastodonHarness, tmp_path: Path
) -> None:
    said = "Cannot attach files that have not finished processing. Try again in a moment!"
    part = refused_status(mastodon_harness, 422, said)
    with pytest.raises(TransientError, match="not finished processing"):
        build(mastodon_harness, tmp_path).publish(part)


@pytest.mark.parametrize(
    "said",
    [
        "Media 305 not found or already attached to another post",  # Mastodon's, in English
        "Medien 305 nicht gefunden oder bereits an einen anderen Beitrag angehängt",  # any wording
    ],
)
def test_a_status_naming_an_attachment_the_server_no_longer_has_is_told_apart(
    mastodon_harness: MastodonHarness, tmp_path: Path, said: str
) -> None:
    """Mastodon's 422 for an attachment it deleted (a day after an upload no status used), as
    Mastodon.py raises it: the tick drops the stored upload and uploads again."""
    part = refused_status(mastodon_harness, 422, said)
    with pytest.raises(MediaExpiredError, match="305"):
        build(mastodon_harness, tmp_path).publish(part)


@pytest.mark.parametrize(
    ("status", "said"),
    [
        (422, "Validation failed: Text character limit of 500 exceeded"),
        (404, "Record not found"),  # the reply target is gone, not the media
    ],
)
def test_other_refusals_of_a_status_with_an_attachment_stay_plain(
    mastodon_harness: MastodonHarness, tmp_path: Path, status: int, said: str
) -> None:
    part = refused_status(mastodon_harness, status, said)
    with pytest.raises(PermanentError) as refused:
        build(mastodon_harness, tmp_path).publish(part)
    assert not isinstance(refused.value, MediaExpiredError)


def test_image_limits_are_the_instances(mastodon_harness: MastodonHarness, tmp_path: Path) -> None:
    mastodon_harness.serve_instance(
        {
            "supported_mime_types": ["image/jpeg", "image/avif", "video/mp4"],
            "image_size_limit": 16_777_216,
            "image_matrix_limit": 33_177_600,
        }
    )
    adapter = build(mastodon_harness, tmp_path)
    assert adapter.image_limits() == ImageLimits(
        max_bytes=16_777_216,
        max_pixels=33_177_600,
        max_side=None,
        mimes=("image/jpeg", "image/avif"),
        per_post=4,
    )
    adapter.image_limits()
    asked = [c for c in mastodon_harness.mock.calls if "/instance" in c.request.url]
    assert len(asked) == 1  # once per adapter


def test_a_server_without_v2_gives_its_v1_limits_and_one_that_says_nothing_the_defaults(
    mastodon_harness: MastodonHarness, tmp_path: Path
) -> None:
    mock = mastodon_harness.mock
    mock.get(f"{INSTANCE}/api/v2/instance/", json={"error": "Not found"}, status=404)
    mock.get(
        f"{INSTANCE}/api/v1/instance/",
        json={"configuration": {"media_attachments": {"image_size_limit": 8_000_000}}},
    )
    limits = build(mastodon_harness, tmp_path).image_limits()
    assert (limits.max_bytes, limits.max_pixels, limits.per_post) == (8_000_000, 16_777_216, 4)
    assert limits.mimes == ("image/jpeg", "image/png", "image/gif", "image/webp")


def test_an_unreachable_instance_gets_limits_every_mastodon_accepts(
    mastodon_harness: MastodonHarness, tmp_path: Path
) -> None:
    limits = build(mastodon_harness, tmp_path).image_limits()  # nothing served: refused
    assert (limits.max_bytes, limits.max_pixels) == (10_485_760, 16_777_216)


def test_the_server_keeps_the_description_and_focus_with_the_status(
    mastodon_server_harness: MastodonServerHarness, tmp_path: Path
) -> None:
    harness = mastodon_server_harness
    adapter = build(harness, tmp_path)
    limits = adapter.image_limits()
    assert (limits.max_bytes, limits.per_post) == (10_485_760, 4)  # as mastodon-mock states
    ref = adapter.upload_image(IMAGE)
    published = adapter.publish(OutgoingPart("d", 0, 1, "Crab", new_tid(), media=(ref,)))
    status = httpx.get(f"{harness.server.url}/api/v1/statuses/{published.remote_id}", timeout=10)
    (attachment,) = status.json()["media_attachments"]
    assert attachment["id"] == ref.value
    assert attachment["description"] == "A crab under kelp"
    assert attachment["meta"]["focus"] == {"x": 0.25, "y": -0.5}


JSON = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats() | st.text(max_size=12),
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=12), inner),
    max_leaves=12,
)
KEYS = st.sampled_from(
    ["configuration", "media_attachments", "statuses", "image_size_limit", "image_matrix_limit",
     "supported_mime_types", "max_media_attachments", "image/png"]
)  # fmt: skip
DOCUMENT = st.recursive(
    JSON, lambda inner: st.dictionaries(KEYS, inner, max_size=4) | st.lists(inner, max_size=3)
)


@given(DOCUMENT)
def test_any_instance_document_gives_usable_image_limits(document: object) -> None:
    """Whatever a server puts in its instance document, the limits are usable: positive sizes,
    at least one image type, and never an exception."""
    limits = instance_limits.image_limits(document if isinstance(document, dict) else {})
    assert limits.max_bytes > 0 and (limits.max_pixels or 1) > 0 and limits.per_post > 0
    assert limits.mimes and all(m.startswith("image/") for m in limits.mimes)
