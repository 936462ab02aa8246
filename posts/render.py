"""Post templates: Jinja2, sandboxed, strict, with user overrides searched first.

A template shapes one post from named pieces (see docs/formatting.md); the condenser decides what
goes into each piece and measures the rendered text, so a template can never push a post over its
platform's limit. Templates come from the user's template folder first, then the bundled
``templates/``. Rendering is sandboxed (a template cannot reach Python internals) and an undefined
variable is an error rather than an empty string, so a typo in a user template fails loudly with
the file and line instead of silently dropping text.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable
from functools import lru_cache
from pathlib import Path
from typing import Any

import jinja2
import platformdirs
from jinja2.bccache import Bucket, FileSystemBytecodeCache
from jinja2.sandbox import SandboxedEnvironment

from posts import platforms
from posts.errors import TemplateError
from posts.resources import bundled_dir

Renderer = Callable[..., str]
# What shapes the compiled code; it names the compiled-template cache, so a change starts afresh.
_OPTIONS: dict[str, Any] = {
    "autoescape": False,  # plain-text posts; the HTML preview escapes on its own
    "trim_blocks": True,
    "lstrip_blocks": True,
    "keep_trailing_newline": False,
}


def template_name(platform: str, mode: str) -> str:
    """The file that shapes ``platform``'s posts in ``mode`` ("single" or "thread"): its
    description names the template family, so a new platform may reuse another's files."""
    return f"{platforms.get(platform).template_family}_{mode}.txt.j2"


def renderer(platform: str, mode: str, template_dir: Path | None = None) -> Renderer:
    """Return ``render(**pieces) -> str`` for ``platform``/``mode``, loading the template once.

    The result is stripped of leading and trailing whitespace: a post never wants it, and it keeps
    templates readable (a trailing newline in the file is harmless).
    """
    name = template_name(platform, mode)
    env = _environment(template_dir.resolve() if template_dir else None)
    try:
        template = env.get_template(name)
    except jinja2.TemplateNotFound as exc:
        if exc.name != name:  # an {% include %} of a missing file: the including file is at fault
            raise _template_error(exc, name) from None
        searched = ", ".join(str(p) for p in _search_path(template_dir))
        raise TemplateError(f"template {name} not found (searched {searched})") from None
    except jinja2.TemplateError as exc:
        raise _template_error(exc, name) from None
    filename = template.filename or name
    names = dict(template.globals)  # Jinja2's own (range, dict, …), copied once

    def render(**pieces: Any) -> str:
        try:
            return _rendered(template, {**names, **pieces}).strip()
        except Exception as exc:  # any failure inside a user's template is the template's fault
            raise _template_error(exc, filename) from None

    return render


def _rendered(template: jinja2.Template, names: dict[str, Any]) -> str:
    """``template.render(**names)`` where ``names`` already holds the globals: Jinja2 copies
    them, a ``ChainMap`` slow to copy, at every render, which was half of a render's cost, and a
    format renders about fifty posts."""
    context = template.new_context(names, shared=True)
    try:
        return template.environment.concat(template.root_render_func(context))
    except Exception:
        template.environment.handle_exception()  # re-raised with the template's own lines


@lru_cache(maxsize=8)
def _environment(template_dir: Path | None) -> SandboxedEnvironment:
    return SandboxedEnvironment(
        loader=jinja2.FileSystemLoader([str(p) for p in _search_path(template_dir)]),
        undefined=jinja2.StrictUndefined,
        bytecode_cache=None if template_dir else _CompiledTemplates(),
        **_OPTIONS,
    )


class _CompiledTemplates(FileSystemBytecodeCache):
    """The bundled templates compiled once, in the user's cache dir: compiling them took about
    8 ms of every `herald format`. A user's own templates are compiled each run (their paths
    vary; the cache stays a few files). Jinja2 checks each file's source checksum and its own
    and Python's versions; a cache that cannot be read or written is skipped."""

    def __init__(self) -> None:
        tag = hashlib.sha256(repr(sorted(_OPTIONS.items())).encode()).hexdigest()[:12]
        super().__init__(platformdirs.user_cache_dir("herald"), f"template-{tag}-%s.cache")

    def load_bytecode(self, bucket: Bucket) -> None:
        try:
            super().load_bytecode(bucket)
        except Exception:  # a damaged file: compile afresh (and replace it)
            bucket.reset()

    def dump_bytecode(self, bucket: Bucket) -> None:
        try:
            Path(self.directory).mkdir(mode=0o700, parents=True, exist_ok=True)
            super().dump_bytecode(bucket)
        except OSError:  # read-only home, full disk: the next run compiles again
            pass


def _search_path(template_dir: Path | None) -> list[Path]:
    bundled = bundled_dir("templates")
    return [template_dir, bundled] if template_dir and template_dir != bundled else [bundled]


def _template_error(exc: Exception, filename: str) -> TemplateError:
    """One line naming the file and line: syntax errors carry both, runtime errors the traceback."""
    if isinstance(exc, jinja2.TemplateSyntaxError):
        return TemplateError(f"{_where(exc.filename or filename, exc.lineno)}: {exc.message}")
    line = None
    tb = exc.__traceback__
    while tb is not None:  # Jinja2 maps template frames back to the .j2 file and its line
        if tb.tb_frame.f_code.co_filename.endswith(".j2"):
            filename, line = tb.tb_frame.f_code.co_filename, tb.tb_lineno
        tb = tb.tb_next
    return TemplateError(f"{_where(filename, line)}: {exc}")


def _where(filename: str, line: int | None) -> str:
    return f"template {filename}, line {line}" if line else f"template {filename}"
