"""posts.media: an image is checked by content, turned upright, stripped and fitted, never grown."""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st
from PIL import Image

from posts.media import ImageError
from posts.media.preparing import MAX_SOURCE_PIXELS, check, prepare
from posts.media.reading import MAX_SOURCE_BYTES, read_source
from scheduler.adapters.base import ImageLimits
from scheduler.adapters.mock import MOCK_IMAGE_LIMITS, WEB_IMAGES
from tests.media.images import (
    CAMERA_SERIAL,
    GPS_IFD,
    opened,
    phone_jpeg,
    pixel,
    transparent_png,
    write,
)

ROOMY = ImageLimits(10_000_000, None, None, WEB_IMAGES, 4)


def test_gps_camera_serial_and_comments_are_gone_and_the_picture_is_upright() -> None:
    source = phone_jpeg(300, 200)
    assert b"SN-4711-SECRET" in source and opened(source).getexif()[GPS_IFD]

    ready = prepare(source, ROOMY)

    result = opened(ready.data)
    assert (ready.width, ready.height) == result.size == (200, 300)  # turned as the tag said
    assert not result.getexif() and "exif" not in result.info and "comment" not in result.info
    assert b"SN-4711-SECRET" not in ready.data and b"Exif" not in ready.data
    assert CAMERA_SERIAL not in result.getexif()
    top_right = pixel(ready.data, 190, 5)  # the yellow corner, turned clockwise
    assert top_right[0] > 200 and top_right[2] < 80


@pytest.mark.parametrize("platform", sorted(MOCK_IMAGE_LIMITS))
def test_a_large_photo_is_brought_under_each_platforms_limits(platform: str) -> None:
    limits = MOCK_IMAGE_LIMITS[platform]
    source = phone_jpeg(3000, 2000, noise=True)  # noise compresses worst: about 4 MB
    tight = ImageLimits(limits.max_bytes // 4, limits.max_pixels, limits.max_side, limits.mimes, 4)

    for fit in (limits, tight):
        ready = prepare(source, fit)
        assert len(ready.data) <= fit.max_bytes
        assert ready.mime == "image/jpeg" and opened(ready.data).size == (ready.width, ready.height)
        assert ready.width <= 2000 and ready.height <= 3000


def test_pixel_and_side_caps_are_met_and_an_image_is_never_made_larger() -> None:
    source = phone_jpeg(1600, 1200)
    by_pixels = prepare(source, ImageLimits(10_000_000, 400_000, None, WEB_IMAGES, 4))
    assert by_pixels.width * by_pixels.height <= 400_000
    by_side = prepare(source, ImageLimits(10_000_000, None, 500, WEB_IMAGES, 4))
    assert max(by_side.width, by_side.height) == 500
    small = prepare(phone_jpeg(40, 30), ROOMY)
    assert (small.width, small.height) == (30, 40)


def test_transparency_stays_png_where_the_platform_takes_png() -> None:
    ready = prepare(transparent_png(), ROOMY)
    assert ready.mime == "image/png" and pixel(ready.data, 100, 70)[3] == 0
    jpeg_only = ImageLimits(10_000_000, None, None, ("image/jpeg",), 4)
    flattened = prepare(transparent_png(), jpeg_only)
    assert flattened.mime == "image/jpeg"
    assert min(pixel(flattened.data, 100, 70)) > 240  # on white


@pytest.mark.parametrize(
    ("data", "reason"),
    [
        (b"GIF89a but not really", "not a JPEG, PNG, WebP or GIF image"),
        (b"%PDF-1.7 a document", "not a JPEG, PNG, WebP or GIF image"),
        (b"<html><img src=x></html>", "not a JPEG, PNG, WebP or GIF image"),
        (phone_jpeg()[:400], "damaged"),
    ],
)
def test_what_is_not_an_image_is_refused_by_its_content(data: bytes, reason: str) -> None:
    with pytest.raises(ImageError, match=reason):
        prepare(data, ROOMY, "image cover.jpg")


def test_a_decompression_bomb_is_refused_before_it_is_decoded() -> None:
    out = io.BytesIO()
    Image.new("1", (8000, 8000)).save(out, "PNG")  # 64 megapixels in a few kilobytes
    assert len(out.getvalue()) < 100_000
    with pytest.raises(ImageError, match=f"up to {MAX_SOURCE_PIXELS:,} pixels"):
        check(out.getvalue())


def test_an_image_that_cannot_fit_says_so() -> None:
    with pytest.raises(ImageError, match="cannot be made smaller than 500 bytes"):
        prepare(phone_jpeg(400, 400, noise=True), ImageLimits(500, None, None, WEB_IMAGES, 4))


def test_a_local_source_must_be_a_small_enough_regular_file(tmp_path: Path) -> None:
    with pytest.raises(ImageError, match="does not exist or is not a file"):
        read_source(str(tmp_path / "gone.jpg"))
    with pytest.raises(ImageError, match="does not exist or is not a file"):
        read_source(str(tmp_path))
    with pytest.raises(ImageError, match="not an absolute path"):
        read_source("relative.jpg")
    huge = tmp_path / "huge.jpg"
    with huge.open("wb") as file:
        file.truncate(MAX_SOURCE_BYTES + 1)
    with pytest.raises(ImageError, match="over 20 MB"):
        read_source(str(huge))
    assert read_source(str(write(tmp_path / "ok.jpg", b"bytes"))) == b"bytes"


@settings(max_examples=15, deadline=None)
@example(width=58, height=786, side=786, budget=20_000)  # a thin strip of noise: shrink its length
@given(
    width=st.integers(1, 900),
    height=st.integers(1, 900),
    side=st.integers(64, 1000),
    budget=st.integers(20_000, 400_000),
)
def test_every_result_fits_and_is_never_larger_than_its_source(
    width: int, height: int, side: int, budget: int
) -> None:
    fit = ImageLimits(budget, None, side, WEB_IMAGES, 4)
    ready = prepare(phone_jpeg(width, height, noise=True), fit)
    assert len(ready.data) <= budget and max(ready.width, ready.height) <= side
    assert ready.width <= height and ready.height <= width  # turned, never grown


def test_a_thin_picture_is_tried_at_the_smallest_side_before_giving_up() -> None:
    """One size step from 73 pixels would pass below 64; the 64-pixel size itself fits."""
    ready = prepare(phone_jpeg(73, 634, noise=True), ImageLimits(15_000, None, 634, WEB_IMAGES, 4))
    assert min(ready.width, ready.height) == 64 and len(ready.data) <= 15_000
