"""An image source as bytes: a local file or an http(s) URL, never more than a fixed cap.

The source is what the draft stores (the article's lead image, resolved when the article was read,
or ``queue add --image``): an http(s) URL or an absolute path. Nothing else is followed.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from posts.errors import ArticleError
from posts.media import ImageError

if TYPE_CHECKING:
    import httpx

MAX_SOURCE_BYTES = 20 * 2**20  # a phone photo is 3-12 MB; past this it is not a post image


def is_url(source: str) -> bool:
    return source[:8].lower().startswith(("http://", "https://"))


def read_source(source: str, *, transport: httpx.BaseTransport | None = None) -> bytes:
    """The bytes of ``source``; :class:`ImageError` with one line for every way it can fail."""
    if is_url(source):
        return _fetched(source, transport)
    return _local(Path(source))


def _fetched(url: str, transport: httpx.BaseTransport | None) -> bytes:
    from posts.article.fetching import fetch

    try:
        return fetch(url, MAX_SOURCE_BYTES, transport=transport, types=None, what="images").data
    except ArticleError as exc:
        raise ImageError(str(exc)) from None


def _local(path: Path) -> bytes:
    """A regular file under the cap (a folder, a device or a FIFO is refused before reading)."""
    if not path.is_absolute():
        raise ImageError(f"image {path} is not an absolute path or an http(s) address")
    try:
        if not path.is_file():
            raise ImageError(f"image {path} does not exist or is not a file")
        with path.open("rb") as file:
            data = file.read(MAX_SOURCE_BYTES + 1)
    except OSError as exc:
        raise ImageError(f"cannot read image {path}: {exc.strerror or exc}") from None
    if len(data) > MAX_SOURCE_BYTES:
        raise ImageError(f"image {path} is over 20 MB; Herald reads images up to 20 MB")
    return data
