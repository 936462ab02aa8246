"""Image sources on the web are fetched through the article fetcher, with the image cap."""

from __future__ import annotations

import httpx
import pytest

from posts.media import ImageError
from posts.media.reading import MAX_SOURCE_BYTES, read_source
from tests.media.images import phone_jpeg

PHOTO = phone_jpeg(60, 40)


def answer(request: httpx.Request) -> httpx.Response:
    if request.url.path == "/photo.jpg":
        return httpx.Response(200, content=PHOTO, headers={"content-type": "image/jpeg"})
    if request.url.path == "/huge.jpg":
        return httpx.Response(200, headers={"content-length": str(MAX_SOURCE_BYTES + 1)})
    return httpx.Response(404)


TRANSPORT = httpx.MockTransport(answer)


def test_an_image_url_is_fetched() -> None:
    assert read_source("https://example.org/photo.jpg", transport=TRANSPORT) == PHOTO


@pytest.mark.parametrize(
    ("path", "reason"),
    [
        ("/huge.jpg", r"is over 20 MB; Herald reads images up to 20 MB \(20,971,520 bytes\)"),
        ("/gone.jpg", r"the server answered 404"),
    ],
)
def test_a_fetch_that_fails_is_one_line(path: str, reason: str) -> None:
    with pytest.raises(ImageError, match=reason):
        read_source(f"https://example.org{path}", transport=TRANSPORT)
