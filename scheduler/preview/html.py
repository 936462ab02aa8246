"""The preview as one self-contained HTML page (``herald preview --html FILE``).

Rendered from ``templates/preview.html.j2`` (a file of the same name in the user's templates
directory wins) in a sandboxed Jinja2 environment with autoescaping, so article text can never
become markup or script, and a user's template cannot reach into Python.
"""

from __future__ import annotations

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
    """Write the page to ``path`` (parent folders created); the absolute path is returned."""
    page = render_html(preview, template_dir)
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(page, encoding="utf-8")
    except OSError as exc:
        raise InputError(f"cannot write the HTML preview to {path}: {exc.strerror}") from None
    return path.resolve()
