"""Small images made in the tests: a phone-like JPEG with GPS tags, noise, transparency."""

from __future__ import annotations

import io
import random
from pathlib import Path

from PIL import Image

GPS_IFD = 0x8825
ORIENTATION = 0x0112
ROTATED_90 = 6  # EXIF: the camera was held sideways; viewers turn the picture 90° clockwise
CAMERA_SERIAL = 0xA431


def phone_jpeg(width: int = 300, height: int = 200, *, noise: bool = False) -> bytes:
    """A JPEG as a phone writes it: GPS position, a camera serial, an orientation tag."""
    picture = (
        Image.frombytes(
            "L", (width, height), random.Random(width * height).randbytes(width * height)
        ).convert("RGB")
        if noise
        else _gradient(width, height)
    )
    exif = Image.Exif()
    exif[ORIENTATION] = ROTATED_90
    exif[CAMERA_SERIAL] = "SN-4711-SECRET"
    exif[GPS_IFD] = {1: "N", 2: (52.0, 31.0, 12.0), 3: "E", 4: (13.0, 24.0, 36.0)}
    out = io.BytesIO()
    picture.save(out, "JPEG", exif=exif.tobytes(), quality=95, comment=b"shot at home")
    return out.getvalue()


def transparent_png(width: int = 120, height: int = 80) -> bytes:
    picture = Image.new("RGBA", (width, height), (200, 30, 30, 0))
    picture.paste((20, 120, 200, 255), (10, 10, width // 2, height // 2))
    out = io.BytesIO()
    picture.save(out, "PNG")
    return out.getvalue()


def write(path: Path, data: bytes) -> Path:
    path.write_bytes(data)
    return path


def opened(data: bytes) -> Image.Image:
    return Image.open(io.BytesIO(data))


def pixel(data: bytes, x: int, y: int) -> tuple[int, ...]:
    """The colour at (x, y), as a tuple whatever the mode."""
    value = opened(data).getpixel((x, y))
    return value if isinstance(value, tuple) else (int(value or 0),)


def _gradient(width: int, height: int) -> Image.Image:
    picture = Image.linear_gradient("L").resize((width, height)).convert("RGB")
    picture.paste((250, 200, 0), (0, 0, width // 3, height // 3))  # a yellow top-left corner
    return picture
