"""Read an article from a path or stdin and turn its bytes into an :class:`Article`.

Every way an input can be unusable (missing, a directory, too big, binary, undecodable, empty,
nothing but boilerplate) ends in one :class:`ArticleError` line that names the input.
"""

from __future__ import annotations

import hashlib
import os
import sys
from collections.abc import Callable
from pathlib import Path

from posts.article.assemble import assemble
from posts.article.decoding import decode
from posts.article.extracted import Extracted
from posts.article.kinds import detect_kind
from posts.article.markdown import read_markdown
from posts.article.plaintext import read_plain_text
from posts.errors import ArticleError
from posts.model import Article, ArticleKind

MAX_BYTES = 5 * 1024 * 1024  # the messages below say "5 MB"
STDIN = "-"


def _read_html(text: str, _name: str) -> Extracted:
    from posts.article.html import read_html  # trafilatura takes ~0.3 s to import: only for HTML

    return read_html(text)


_READERS: dict[ArticleKind, Callable[[str, str], Extracted]] = {
    "text": lambda text, _name: read_plain_text(text),
    "markdown": read_markdown,
    "html": _read_html,
}


def load_article(source: str | os.PathLike[str], *, url: str | None = None) -> Article:
    """Read the article at ``source`` (a path, or "-" for standard input).

    ``url`` is the link to share; it overrides any link the article declares.
    """
    source = os.fspath(source)
    if source == STDIN:
        stream = getattr(sys.stdin, "buffer", None)
        if stream is None:  # no standard input at all (a service, pythonw)
            raise ArticleError("standard input is not available; pass a file path instead")
        data = stream.read(MAX_BYTES + 1)
        if len(data) > MAX_BYTES:
            raise _too_big("standard input", None)
    else:
        data = _read_file(Path(source), source)
    return parse_article(data, source=source, url=url)


def parse_article(data: bytes, *, source: str = STDIN, url: str | None = None) -> Article:
    """Understand an article from its raw bytes; ``source`` only names it in errors and output."""
    name = _display_name(source)
    if len(data) > MAX_BYTES:
        raise _too_big(name, len(data))
    text = decode(data, name)
    if not text.strip():
        raise ArticleError(f"{name} is empty")
    kind = detect_kind(text, source)
    return assemble(
        _READERS[kind](text, name),
        kind=kind,
        source=source,
        name=name,
        url=url,
        content_hash=hashlib.sha256(data).hexdigest(),
    )


def _read_file(path: Path, name: str) -> bytes:
    try:
        if path.is_dir():
            raise ArticleError(f"{name} is a directory, not an article file")
        size = path.stat().st_size
        if size > MAX_BYTES:
            raise _too_big(name, size)
        with path.open("rb") as handle:
            return handle.read(MAX_BYTES + 1)
    except FileNotFoundError:
        raise ArticleError(f"{name}: no such file") from None
    except OSError as exc:
        raise ArticleError(f"cannot read {name}: {exc.strerror or exc}") from None


def _display_name(source: str) -> str:
    return "standard input" if source == STDIN else source


def _too_big(name: str, size: int | None) -> ArticleError:
    """``size`` None: only known to be over the limit (a stream read up to the limit)."""
    what = "over 5 MB" if size is None else f"{size:,} bytes"
    return ArticleError(f"{name} is {what}; Herald reads articles up to 5 MB ({MAX_BYTES:,} bytes)")
