"""Read an article from a path or stdin and turn its bytes into an :class:`Article`.

Every way an input can be unusable (missing, a directory, too big, binary, undecodable, empty,
nothing but boilerplate) ends in one :class:`ArticleError` line that names the input.
"""

from __future__ import annotations

import hashlib
import os
import stat
import sys
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from posts.article.assemble import assemble
from posts.article.decoding import decode
from posts.article.extracted import Extracted
from posts.article.fetching import fetch, is_url
from posts.article.kinds import detect_kind, feed_format
from posts.article.markdown import read_markdown
from posts.article.plaintext import read_plain_text
from posts.errors import ArticleError
from posts.model import Article, ArticleKind

if TYPE_CHECKING:
    import httpx

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


def load_article(
    source: str | os.PathLike[str],
    *,
    url: str | None = None,
    transport: httpx.BaseTransport | None = None,
) -> Article:
    """Read the article at ``source``: a path, "-" for standard input, or an http(s) URL.

    ``url`` is the link to share; it overrides any link the article declares. ``transport``
    replaces httpx's network transport when fetching a URL (tests, proxies).
    """
    source = os.fspath(source)
    if is_url(source):
        page = fetch(source, MAX_BYTES, transport=transport)
        return parse_article(
            page.data, source=source, url=url, page_url=page.url, charset=page.charset
        )
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


def parse_article(
    data: bytes,
    *,
    source: str = STDIN,
    url: str | None = None,
    page_url: str | None = None,
    charset: str | None = None,
) -> Article:
    """Understand an article from its raw bytes; ``source`` only names it in errors and output.

    ``page_url`` is where the bytes were fetched from: the link when the article names none.
    ``charset`` is the encoding a server declared for them.
    """
    name = _display_name(source)
    if len(data) > MAX_BYTES:
        raise _too_big(name, len(data))
    text = decode(data, name, charset)
    if not text.strip():
        raise ArticleError(f"{name} is empty")
    feed = feed_format(text)
    if feed:
        raise ArticleError(
            f"{name} is {feed} feed, not an article: name it in a [feeds.NAME] table of the "
            "config and its entries become drafts"
        )
    kind = detect_kind(text, source)
    return assemble(
        _READERS[kind](text, name),
        kind=kind,
        source=source,
        name=name,
        url=url,
        page_url=page_url,
        content_hash=hashlib.sha256(data).hexdigest(),
    )


def _read_file(path: Path, name: str) -> bytes:
    return read_regular_file(path, name)


def read_regular_file(
    path: Path,
    name: str,
    limit: int = MAX_BYTES,
    limit_text: str = "5 MB",
    what: str = "an article file",
) -> bytes:
    """The bytes of the regular file at ``path``, up to ``limit``; anything else is refused.

    A directory, named pipe (FIFO), device or socket is refused from its ``stat`` before it is
    opened, and the file is opened non-blocking and checked again, so a FIFO swapped in between
    can never make a command wait forever for a writer.
    """
    try:
        _require_regular(os.stat(path).st_mode, name, what)
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_NOCTTY", 0))
        with os.fdopen(fd, "rb") as handle:
            info = os.fstat(handle.fileno())
            _require_regular(info.st_mode, name, what)
            if info.st_size > limit:
                raise _too_big(name, info.st_size, limit, limit_text)
            data = handle.read(limit + 1)
    except FileNotFoundError:
        raise ArticleError(f"{name}: no such file") from None
    except OSError as exc:
        raise ArticleError(f"cannot read {name}: {exc.strerror or exc}") from None
    if len(data) > limit:  # it grew while we read it
        raise _too_big(name, None, limit, limit_text)
    return data


def _require_regular(mode: int, name: str, what: str) -> None:
    if stat.S_ISREG(mode):
        return
    kind = (
        "a directory"
        if stat.S_ISDIR(mode)
        else "a named pipe (FIFO)"
        if stat.S_ISFIFO(mode)
        else "a socket"
        if stat.S_ISSOCK(mode)
        else "a device"
        if stat.S_ISCHR(mode) or stat.S_ISBLK(mode)
        else "not a regular file"
    )
    raise ArticleError(f"{name} is {kind}, not {what}")


def _display_name(source: str) -> str:
    return "standard input" if source == STDIN else source


def _too_big(
    name: str, size: int | None, limit: int = MAX_BYTES, limit_text: str = "5 MB"
) -> ArticleError:
    """``size`` None: only known to be over the limit (a stream read up to the limit)."""
    what = f"over {limit_text}" if size is None else f"{size:,} bytes"
    kind = "articles" if limit == MAX_BYTES else "files like this"
    return ArticleError(
        f"{name} is {what}; Herald reads {kind} up to {limit_text} ({limit:,} bytes)"
    )
