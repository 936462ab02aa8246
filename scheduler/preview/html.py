"""The preview as one self-contained HTML page (``herald preview --html FILE``).

Rendered from ``templates/preview.html.j2`` (a file of the same name in the user's templates
directory wins) in a sandboxed Jinja2 environment with autoescaping, so article text can never
become markup or script, and a user's template cannot reach into Python.
"""

from __future__ import annotations

import os
import stat
from pathlib import Path

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
        return env.get_template(TEMPLATE).render(**preview_dict(preview))
    except jinja2.TemplateSyntaxError as exc:
        raise TemplateError(f"{exc.filename}:{exc.lineno}: {exc.message}") from None
    except jinja2.TemplateError as exc:
        raise TemplateError(f"{TEMPLATE}: {exc}") from None


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
