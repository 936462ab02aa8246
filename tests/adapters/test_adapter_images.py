"""The image contract every platform adapter keeps, through the real SDKs over faked HTTP (and
Mastodon.py against a Mastodon server process): the bytes and alt text reach the platform, the
post references exactly what the upload returned, and every upload failure is classified as a
post's would be.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from scheduler.adapters.base import (
    MediaAdapter,
    OutgoingImage,
    OutgoingPart,
    PermanentError,
)
from scheduler.adapters.tid import new_tid

from .conftest import UPLOAD_ERROR_KINDS
from .test_adapter_contract import EXPECTED as POST_EXPECTED

HARNESSES = ("x_harness", "mastodon_harness", "bluesky_harness", "mastodon_server_harness")
PNG = b"\x89PNG\r\n\x1a\n" + bytes(range(62))  # what is sent is the adapter's concern, not Pillow's
IMAGE = OutgoingImage(
    data=PNG, mime="image/png", width=1200, height=800, alt="Anemones in a tide pool at dawn"
)
EXPECTED = {**POST_EXPECTED, "too_large": PermanentError}  # a file larger than the server takes


@pytest.fixture(params=HARNESSES)
def harness(request: pytest.FixtureRequest) -> Any:
    return request.getfixturevalue(request.param)


def media_adapter(harness: Any, data_dir: Path) -> MediaAdapter:
    adapter = harness.build(data_dir)
    assert isinstance(adapter, MediaAdapter)
    return adapter


def test_an_uploaded_image_is_posted_with_its_alt_text(harness: Any, tmp_path: Path) -> None:
    harness.serve_upload("1850000000000000101")
    harness.serve_post("1001")
    adapter = media_adapter(harness, tmp_path)
    ref = adapter.upload_image(IMAGE)
    text = "Tide pools keep time #tidepools"
    adapter.publish(OutgoingPart("d", 0, 1, text, new_tid(), media=(ref,)))

    (upload,) = harness.uploads()
    assert (upload.data, upload.mime) == (PNG, "image/png")
    assert (ref.mime, ref.width, ref.height, ref.alt) == ("image/png", 1200, 800, IMAGE.alt)
    assert harness.alts() == [IMAGE.alt]
    (sent,) = harness.sent()
    assert sent.text == text
    assert harness.media_of(sent) == harness.returned_media()


def test_a_post_without_images_references_none(harness: Any, tmp_path: Path) -> None:
    harness.serve_post("1002")
    media_adapter(harness, tmp_path).publish(OutgoingPart("d", 0, 1, "Text only", new_tid()))
    (sent,) = harness.sent()
    assert harness.media_of(sent) == []


@pytest.mark.parametrize("kind", UPLOAD_ERROR_KINDS)
def test_upload_failures_are_classified_in_the_platforms_words(
    harness: Any, kind: str, tmp_path: Path
) -> None:
    harness.serve_upload_error(kind)
    with pytest.raises(EXPECTED[kind]) as raised:
        media_adapter(harness, tmp_path).upload_image(IMAGE)
    assert harness.upload_message(kind) in str(raised.value)
    assert "SECRET" not in str(raised.value)
    assert harness.uploads() == []


def test_image_limits_fit_the_platform(harness: Any, tmp_path: Path) -> None:
    limits = media_adapter(harness, tmp_path).image_limits()
    assert 1_000_000 <= limits.max_bytes <= 16 * 1024 * 1024
    assert "image/jpeg" in limits.mimes and "image/png" in limits.mimes
    assert limits.per_post == 4
