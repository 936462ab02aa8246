"""Articles by URL: fetched with the same limits as a file, every failure one clear line.

One GET through httpx: at most 5 redirects, a connect timeout and a deadline for the whole
transfer (a server that drips bytes cannot hold Herald), the 5 MB article cap enforced while
reading (the body is never read past it), a User-Agent that names Herald, and only the content
types Herald reads (HTML, XHTML, plain text, Markdown). The charset comes from the headers when
they name one; the page's own ``<meta charset>`` otherwise. The address after redirects is kept:
it is the article's link when the page names no canonical link.

Feeds are fetched by the same function with their own content types, validators for a
conditional GET (a 304 comes back as a :class:`Fetched` without a body) and the server's
``Retry-After`` kept on the error.
"""

from __future__ import annotations

import time
from collections.abc import Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING

from posts.errors import ArticleError

if TYPE_CHECKING:
    import httpx

CONNECT_SECONDS = 10.0
TOTAL_SECONDS = 30.0
MAX_REDIRECTS = 5
ARTICLE_TYPES = (
    "text/html",
    "application/xhtml+xml",
    "text/plain",
    "text/markdown",
    "text/x-markdown",
)


@dataclass(frozen=True)
class Fetched:
    data: bytes
    url: str  # where the page was found, after redirects
    charset: str | None  # from the Content-Type header
    status: int = 200  # 304: not modified since the validators sent (no body)
    etag: str | None = None
    last_modified: str | None = None


class FetchError(ArticleError):
    """A fetch that failed; ``retry_after`` is the server's ``Retry-After`` header, if it sent
    one (a 429 or 503 saying when to come back)."""

    def __init__(self, message: str, retry_after: str | None = None) -> None:
        super().__init__(message)
        self.retry_after = retry_after


def is_url(source: str) -> bool:
    return source[:8].lower().startswith(("http://", "https://"))


def fetch(
    url: str,
    limit: int,
    *,
    transport: httpx.BaseTransport | None = None,
    total_seconds: float = TOTAL_SECONDS,
    headers: Mapping[str, str] | None = None,
    types: tuple[str, ...] | None = ARTICLE_TYPES,
    what: str = "articles",
) -> Fetched:
    """GET ``url``; raise :class:`FetchError` with one line for every way it can fail.

    ``headers`` are sent too (a conditional GET's validators); ``types`` are the content types
    accepted (None: any); ``what`` names the kind of document in the size message.
    """
    import httpx

    try:
        with (
            _client(transport, total_seconds) as client,
            client.stream("GET", url, headers=headers) as response,
        ):
            if response.status_code == 304:
                return _not_modified(response, url)
            _check(response, url, types)
            data = _body(response, url, limit, time.monotonic() + total_seconds, what)
            return Fetched(
                data, str(response.url), response.charset_encoding, 200, *_validators(response)
            )
    except httpx.TooManyRedirects:
        raise FetchError(f"{url}: more than {MAX_REDIRECTS} redirects (a loop?)") from None
    except httpx.TimeoutException:
        raise FetchError(f"{url}: timed out (no answer within the time limit)") from None
    except (httpx.InvalidURL, httpx.UnsupportedProtocol):
        raise FetchError(f"{url} is not a valid http(s) address") from None
    except httpx.HTTPError as exc:
        raise FetchError(f"cannot fetch {url}: {_reason(exc)}") from None


def _not_modified(response: httpx.Response, url: str) -> Fetched:
    return Fetched(b"", str(response.url) or url, None, 304, *_validators(response))


def _validators(response: httpx.Response) -> tuple[str | None, str | None]:
    """``ETag`` and ``Last-Modified``, to send back as ``If-None-Match``/``If-Modified-Since``."""
    return response.headers.get("etag"), response.headers.get("last-modified")


def user_agent() -> str:
    """``Herald/0.1.0 (…)``: sites can tell who fetched their page."""
    from importlib.metadata import PackageNotFoundError, version

    try:
        return f"Herald/{version('herald')} (article reader; social posts scheduler)"
    except PackageNotFoundError:
        return "Herald (article reader; social posts scheduler)"


def _client(transport: httpx.BaseTransport | None, total_seconds: float) -> httpx.Client:
    """``total_seconds`` also bounds each wait (connect, read): a shorter deadline is one."""
    import httpx

    wait = min(TOTAL_SECONDS, total_seconds)

    return httpx.Client(
        transport=transport,
        follow_redirects=True,
        max_redirects=MAX_REDIRECTS,
        timeout=httpx.Timeout(wait, connect=min(CONNECT_SECONDS, wait)),
        headers={"User-Agent": user_agent(), "Accept": ", ".join((*ARTICLE_TYPES, "*/*;q=0.1"))},
    )


def _check(response: httpx.Response, url: str, types: tuple[str, ...] | None) -> None:
    if response.status_code >= 400:
        phrase = f" {response.reason_phrase}" if response.reason_phrase else ""
        side = "client error" if response.status_code < 500 else "server error"
        raise FetchError(
            f"{url}: the server answered {response.status_code}{phrase} ({side})",
            response.headers.get("retry-after"),
        )
    kind = response.headers.get("content-type", "").split(";")[0].strip().lower()
    if kind and types is not None and kind not in types:
        raise FetchError(f"{url} is {kind}, not an HTML, text or Markdown article")


def _body(response: httpx.Response, url: str, limit: int, deadline: float, what: str) -> bytes:
    """The body up to ``limit`` bytes; past it, or past the deadline, the transfer stops."""
    declared = response.headers.get("content-length", "")
    if declared.isdigit() and int(declared) > limit:
        raise _too_big(url, limit, what)
    chunks: list[bytes] = []
    size = 0
    for chunk in response.iter_bytes():
        size += len(chunk)
        if size > limit:
            raise _too_big(url, limit, what)
        if time.monotonic() > deadline:
            raise FetchError(f"{url}: timed out (the page did not arrive within the time limit)")
        chunks.append(chunk)
    return b"".join(chunks)


def _too_big(url: str, limit: int, what: str) -> FetchError:
    mb = f"{limit / 2**20:g} MB"
    return FetchError(f"{url} is over {mb}; Herald reads {what} up to {mb} ({limit:,} bytes)")


def _reason(exc: Exception) -> str:
    """DNS, refused, TLS: what the operating system said, in words a user can act on."""
    text = str(exc)
    lowered = text.lower()
    if any(
        s in lowered
        for s in (
            "name or service not known",
            "nodename nor servname",
            "getaddrinfo",
            "name resolution",
        )
    ):
        return "the host name could not be resolved (DNS)"
    if "refused" in lowered:
        return "the connection was refused"
    if any(s in lowered for s in ("ssl", "certificate", "tls")):
        return f"the TLS (https) connection failed: {text}"
    return text or type(exc).__name__
