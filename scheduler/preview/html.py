"""The preview as one self-contained HTML page (``herald preview --html FILE``).

Rendered from ``templates/preview.html.j2`` (a file of the same name in the user's templates
directory wins) in a sandboxed Jinja2 environment with autoescaping, so article text can never
become markup or script, and a user's template cannot reach into Python.

Each post's local image is shown on the page: read, checked and stripped like one being published,
and embedded as a small ``data:`` picture, so the page never points at a path. An image on the web
is named, not fetched (writing a preview never waits on the network, and the page's
Content-Security-Policy forbids fetches).
"""

from __future__ import annotations

import base64
import os
import stat
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import jinja2
from jinja2.sandbox import SandboxedEnvironment

from posts.errors import InputError, TemplateError
from posts.resources import bundled_dir
from scheduler.preview.model import Preview
from scheduler.preview.serialize import preview_dict

TEMPLATE = "preview.html.j2"


def render_html(preview: Preview, template_dir: Path | None = None) -> str:
    """The page as a string; a broken template names its file and line."""
    search = [str(template_dir)] if template_dir else []
    env = SandboxedEnvironment(
        loader=jinja2.FileSystemLoader([*search, str(bundled_dir("templates"))]),
        autoescape=True,
        undefined=jinja2.StrictUndefined,
        keep_trailing_newline=True,
    )
    try:
        return env.get_template(TEMPLATE).render(**_with_pictures(preview_dict(preview)))
    except jinja2.TemplateSyntaxError as exc:
        raise TemplateError(f"{exc.filename}:{exc.lineno}: {exc.message}") from None
    except jinja2.TemplateError as exc:
        raise TemplateError(f"{TEMPLATE}: {exc}") from None


@dataclass(frozen=True)
class _Thumbnail:
    """What the page embeds of a local image: small, JPEG or PNG, any size of source."""

    max_bytes: int = 400_000
    max_pixels: int | None = None
    max_side: int | None = 640
    mimes: tuple[str, ...] = ("image/jpeg", "image/png")


def _with_pictures(context: dict[str, Any]) -> dict[str, Any]:
    """Give every image a ``shown`` data: address (None when it cannot be shown: ``problem``)."""
    for draft in context["drafts"]:
        for part in draft["parts"]:
            for image in part["images"]:
                image["shown"], image["problem"] = _picture(image["src"])
    return context


def _picture(src: str) -> tuple[str | None, str | None]:
    from posts.media import ImageError
    from posts.media.preparing import prepare
    from posts.media.reading import is_url, read_source

    if is_url(src):
        return None, f"on the web, fetched when published: {src}"
    try:
        small = prepare(read_source(src), _Thumbnail(), f"image {src}")
    except ImageError as exc:
        return None, f"not shown: {exc}"
    return f"data:{small.mime};base64,{base64.b64encode(small.data).decode()}", None


def write_html(preview: Preview, path: Path, template_dir: Path | None = None) -> Path:
    """Write the page to ``path``; the absolute path is returned.

    The folder must exist (a typo is not silently turned into new folders), and ``path`` must be
    a regular file or not exist yet: a directory, FIFO or device is refused without waiting.
    """
    check_html_target(path)
    page = render_html(preview, template_dir).encode("utf-8")
    flags = os.O_WRONLY | os.O_CREAT | os.O_TRUNC | getattr(os, "O_NONBLOCK", 0)
    try:
        fd = os.open(path, flags, 0o644)
        with os.fdopen(fd, "wb") as fh:
            if not stat.S_ISREG(os.fstat(fh.fileno()).st_mode):
                raise InputError(f"cannot write the HTML preview to {path}: not a regular file")
            fh.write(page)
    except OSError as exc:
        raise InputError(
            f"cannot write the HTML preview to {path}: {exc.strerror or exc}"
        ) from None
    return path.resolve()


def check_html_target(path: Path) -> None:
    """Refuse an HTML target that cannot be written as a file, before any work is done."""
    folder = path.parent
    if not folder.is_dir():
        raise InputError(
            f"cannot write the HTML preview to {path}: the folder {folder} does not exist"
        )
    try:
        mode = os.stat(path).st_mode
    except FileNotFoundError:
        return
    except OSError as exc:
        raise InputError(
            f"cannot write the HTML preview to {path}: {exc.strerror or exc}"
        ) from None
    if not stat.S_ISREG(mode):
        what = "a directory" if stat.S_ISDIR(mode) else "not a regular file"
        raise InputError(f"cannot write the HTML preview to {path}: it is {what}")
