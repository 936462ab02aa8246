"""Articles by URL: fetched with the same limits as a file, every failure one clear line.

One GET through httpx: at most 5 redirects, a connect timeout and a deadline for the whole
transfer (a server that drips bytes cannot hold Herald), the 5 MB article cap enforced while
reading (the body is never read past it), a User-Agent that names Herald, and only the content
types Herald reads (HTML, XHTML, plain text, Markdown). The charset comes from the headers when
they name one; the page's own ``<meta charset>`` otherwise. The address after redirects is kept:
it is the article's link when the page names no canonical link.
"""

from __future__ import annotations

import time
from dataclasses import dataclass
from typing import TYPE_CHECKING

from posts.errors import ArticleError

if TYPE_CHECKING:
    import httpx

CONNECT_SECONDS = 10.0
TOTAL_SECONDS = 30.0
MAX_REDIRECTS = 5
_TYPES = (
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


def is_url(source: str) -> bool:
    return source[:8].lower().startswith(("http://", "https://"))


def fetch(
    url: str,
    limit: int,
    *,
    transport: httpx.BaseTransport | None = None,
    total_seconds: float = TOTAL_SECONDS,
) -> Fetched:
    """GET ``url``; raise :class:`ArticleError` with one line for every way it can fail."""
    import httpx

    try:
        with _client(transport) as client, client.stream("GET", url) as response:
            _check(response, url)
            data = _body(response, url, limit, time.monotonic() + total_seconds)
            return Fetched(data, str(response.url), response.charset_encoding)
    except httpx.TooManyRedirects:
        raise ArticleError(f"{url}: more than {MAX_REDIRECTS} redirects (a loop?)") from None
    except httpx.TimeoutException:
        raise ArticleError(f"{url}: timed out (no answer within the time limit)") from None
    except (httpx.InvalidURL, httpx.UnsupportedProtocol):
        raise ArticleError(f"{url} is not a valid http(s) address") from None
    except httpx.HTTPError as exc:
        raise ArticleError(f"cannot fetch {url}: {_reason(exc)}") from None


def user_agent() -> str:
    """``Herald/0.1.0 (…)``: sites can tell who fetched their page."""
    from importlib.metadata import PackageNotFoundError, version

    try:
        return f"Herald/{version('herald')} (article reader; social posts scheduler)"
    except PackageNotFoundError:
        return "Herald (article reader; social posts scheduler)"


def _client(transport: httpx.BaseTransport | None) -> httpx.Client:
    import httpx

    return httpx.Client(
        transport=transport,
        follow_redirects=True,
        max_redirects=MAX_REDIRECTS,
        timeout=httpx.Timeout(TOTAL_SECONDS, connect=CONNECT_SECONDS),
        headers={"User-Agent": user_agent(), "Accept": ", ".join((*_TYPES, "*/*;q=0.1"))},
    )


def _check(response: httpx.Response, url: str) -> None:
    if response.status_code >= 400:
        phrase = f" {response.reason_phrase}" if response.reason_phrase else ""
        side = "client error" if response.status_code < 500 else "server error"
        raise ArticleError(f"{url}: the server answered {response.status_code}{phrase} ({side})")
    kind = response.headers.get("content-type", "").split(";")[0].strip().lower()
    if kind and kind not in _TYPES:
        raise ArticleError(f"{url} is {kind}, not an HTML, text or Markdown article")


def _body(response: httpx.Response, url: str, limit: int, deadline: float) -> bytes:
    """The body up to ``limit`` bytes; past it, or past the deadline, the transfer stops."""
    declared = response.headers.get("content-length", "")
    if declared.isdigit() and int(declared) > limit:
        raise _too_big(url, limit)
    chunks: list[bytes] = []
    size = 0
    for chunk in response.iter_bytes():
        size += len(chunk)
        if size > limit:
            raise _too_big(url, limit)
        if time.monotonic() > deadline:
            raise ArticleError(f"{url}: timed out (the page did not arrive within the time limit)")
        chunks.append(chunk)
    return b"".join(chunks)


def _too_big(url: str, limit: int) -> ArticleError:
    return ArticleError(f"{url} is over 5 MB; Herald reads articles up to 5 MB ({limit:,} bytes)")


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
