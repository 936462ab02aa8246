"""Bytes → an image a platform accepts: checked by content, upright, without metadata, fitted.

Every image is decoded and encoded again from its pixels alone, so nothing of the original file
survives but the picture: no EXIF (a phone photo's GPS position, camera serial, time), no XMP, no
IPTC, no comments, no colour profile. The EXIF orientation is applied first, so the picture stays
the right way up once the tag is gone. An image with transparency stays PNG when the platform
takes PNG and it fits; everything else becomes JPEG, stepping the quality down and then the size,
never up. Decoding is bounded: the source is at most ``reading.MAX_SOURCE_BYTES`` and its header
must declare at most :data:`MAX_SOURCE_PIXELS` before a pixel is decoded (a decompression bomb is
refused with a reason, not a MemoryError).
"""

from __future__ import annotations

import io
import math
import warnings
from dataclasses import dataclass
from typing import TYPE_CHECKING, Protocol, cast

from posts.media import ImageError

if TYPE_CHECKING:
    from PIL import Image

MAX_SOURCE_PIXELS = 40_000_000  # a 40-megapixel photo; more is refused before decoding
FORMATS = ("JPEG", "PNG", "WEBP", "GIF")  # what Herald reads; an animation gives its first frame
QUALITIES = (90, 82, 74, 66, 58, 50)
SHRINK = 0.8  # each size step keeps at most 80% of each side...
HALVE = 0.5  # ...and at least half (a smaller picture compresses better than its area says)
SMALLEST_SIDE = 64  # below this an image is no longer worth posting


class Fit(Protocol):
    """What one image may be (``scheduler.adapters.base.ImageLimits`` has this shape)."""

    @property
    def max_bytes(self) -> int: ...

    @property
    def max_pixels(self) -> int | None: ...

    @property
    def max_side(self) -> int | None: ...

    @property
    def mimes(self) -> tuple[str, ...]: ...


@dataclass(frozen=True)
class Prepared:
    """An image ready to upload: the bytes, their type and the picture's size."""

    data: bytes
    mime: str
    width: int
    height: int


def prepare(data: bytes, fit: Fit, name: str = "the image") -> Prepared:
    """``data`` as an image within ``fit``; :class:`ImageError` (naming ``name``) otherwise."""
    picture = _decoded(data, name)
    scale = _first_scale(picture.size, fit)
    if _transparent(picture) and "image/png" in fit.mimes:
        sized = _resized(picture, scale)
        png = _saved(sized, "PNG", None)
        if len(png) <= fit.max_bytes:
            return Prepared(png, "image/png", sized.width, sized.height)
    if "image/jpeg" not in fit.mimes:
        raise ImageError(f"{name}: the platform takes none of the formats Herald writes")
    jpeg = _as_jpeg(_flattened(picture), scale, fit.max_bytes)
    if jpeg is None:
        raise ImageError(f"{name} cannot be made smaller than {fit.max_bytes:,} bytes")
    return jpeg


def check(data: bytes, name: str = "the image") -> tuple[int, int]:
    """The upright size of an image, after proving by its content that it is one."""
    return _decoded(data, name).size


def _decoded(data: bytes, name: str) -> Image.Image:
    """The picture, upright, without any metadata; refused when not an image or too large."""
    from PIL import Image

    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", Image.DecompressionBombWarning)  # refused by size
            return _opened(data, name)
    except Image.UnidentifiedImageError:
        raise ImageError(f"{name} is not a JPEG, PNG, WebP or GIF image (by its content)") from None
    except Image.DecompressionBombError:
        raise ImageError(f"{name} declares too many pixels to decode safely") from None
    except (OSError, SyntaxError, ValueError, EOFError) as exc:
        raise ImageError(f"{name} is damaged and cannot be decoded ({exc})") from None


def _opened(data: bytes, name: str) -> Image.Image:
    """Decode only after the header's size passed :data:`MAX_SOURCE_PIXELS`."""
    from PIL import Image, ImageOps

    with Image.open(io.BytesIO(data), formats=FORMATS) as opened:
        width, height = opened.size
        if width * height > MAX_SOURCE_PIXELS:
            raise ImageError(
                f"{name} is {width}×{height} pixels; Herald reads images up to "
                f"{MAX_SOURCE_PIXELS:,} pixels"
            )
        opened.load()
        ImageOps.exif_transpose(opened, in_place=True)
        return _pixels_only(opened)


def _pixels_only(picture: Image.Image) -> Image.Image:
    """A new image holding the pixels alone: EXIF, XMP, ICC and text chunks stay behind."""
    from PIL import Image

    if picture.mode not in ("RGB", "RGBA", "L", "LA"):
        has_alpha = picture.mode in ("PA", "RGBa") or "transparency" in picture.info
        picture = picture.convert("RGBA" if has_alpha else "RGB")
    clean = Image.new(picture.mode, picture.size)
    clean.paste(picture)
    return clean


def _transparent(picture: Image.Image) -> bool:
    if picture.mode not in ("RGBA", "LA"):
        return False
    low, _high = cast(tuple[int, int], picture.getchannel("A").getextrema())
    return low < 255


def _flattened(picture: Image.Image) -> Image.Image:
    """On white, in RGB (JPEG has no transparency)."""
    from PIL import Image

    if picture.mode in ("RGB", "L"):
        return picture
    rgba = picture.convert("RGBA")
    background = Image.new("RGB", picture.size, "white")
    background.paste(rgba, mask=rgba.getchannel("A"))
    return background


def _first_scale(size: tuple[int, int], fit: Fit) -> float:
    """The largest scale (never above 1) that meets the side and pixel caps."""
    width, height = size
    scale = 1.0
    if fit.max_side is not None:
        scale = min(scale, fit.max_side / max(width, height))
    if fit.max_pixels is not None:
        scale = min(scale, math.sqrt(fit.max_pixels / (width * height)))
    return scale


def _as_jpeg(picture: Image.Image, scale: float, budget: int) -> Prepared | None:
    """Quality steps at each size, then a smaller size, by about as much as the last try was
    over, down to :data:`SMALLEST_SIDE` (tried itself, not stepped over) on the short side, or
    on the long side of a picture already thinner than that (a 58×786 strip of noise may need
    it); None below it."""
    short, long = sorted(picture.size)
    floor = SMALLEST_SIDE / (long if short <= SMALLEST_SIDE else short)
    while True:
        sized = _resized(picture, scale)
        for quality in QUALITIES:
            data = _saved(sized, "JPEG", quality)
            if len(data) <= budget:
                return Prepared(data, "image/jpeg", sized.width, sized.height)
            if len(data) > 2 * budget:  # no quality step closes that gap: fewer pixels will
                break
        if scale <= floor:
            return None
        scale = max(floor, scale * min(SHRINK, max(HALVE, math.sqrt(budget / len(data)))))


def _resized(picture: Image.Image, scale: float) -> Image.Image:
    from PIL import Image

    width = max(1, math.floor(picture.width * scale))
    height = max(1, math.floor(picture.height * scale))
    if (width, height) == picture.size:
        return picture
    return picture.resize((width, height), Image.Resampling.LANCZOS)


def _saved(picture: Image.Image, kind: str, quality: int | None) -> bytes:
    out = io.BytesIO()
    if kind == "JPEG":
        picture.save(out, "JPEG", quality=quality, optimize=True, progressive=True)
    else:
        picture.save(out, "PNG", optimize=True)
    return out.getvalue()
