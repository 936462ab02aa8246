"""Articles by URL, against a real HTTP server on loopback: pages, redirects and every failure."""

from __future__ import annotations

import socket
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler

import httpx
import pytest
from click.testing import CliRunner

from posts.article import load_article
from posts.article.fetching import fetch
from posts.errors import ArticleError
from scheduler.cli.main import cli
from tests.loopback_server import base_url, http_serving

PAGE = (
    "<html><head><title>Night buses return | Riverside Herald</title>{head}</head><body><article>"
    "<p>Night buses return to six neighbourhoods in March, the transport director said on "
    "Tuesday after the council vote.</p><p>Fares stay frozen for a second year, and the first "
    "route starts at the river station.</p></article></body></html>"
)
ROUTES: dict[str, tuple[int, dict[str, str], bytes]] = {
    "/story": (200, {"Content-Type": "text/html; charset=utf-8"}, PAGE.format(head="").encode()),
    "/canonical": (
        200,
        {"Content-Type": "text/html"},
        PAGE.format(head='<link rel="canonical" href="https://herald.example/b">').encode(),
    ),
    "/moved": (301, {"Location": "/story"}, b""),
    "/loop": (302, {"Location": "/loop"}, b""),
    "/gone": (404, {"Content-Type": "text/html"}, b"<p>Not here</p>"),
    "/broken": (500, {"Content-Type": "text/html"}, b"<p>Oops</p>"),
    "/picture": (200, {"Content-Type": "image/png"}, b"\x89PNG...."),
    "/koi8": (
        200,
        {"Content-Type": "text/plain; charset=koi8-r"},
        "Привет, мир. Это статья о ночных автобусах.".encode("koi8-r"),
    ),
    "/notes.md": (
        200,
        {"Content-Type": "text/markdown"},
        b"---\ntitle: Buses first\nurl: https://herald.example/md\n---\n"
        b"Night buses return in March.\n",
    ),
}


class Handler(BaseHTTPRequestHandler):
    def do_GET(self) -> None:
        if self.path == "/huge":
            self._huge()
            return
        if self.path == "/agent":
            seen = f"Seen agent {self.headers.get('User-Agent', '')} on this request.".encode()
            ROUTES["/agent"] = (200, {"Content-Type": "text/plain"}, seen)
        status, headers, body = ROUTES.get(self.path, (404, {}, b""))
        self.send_response(status)
        for name, value in headers.items():
            self.send_header(name, value)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def _huge(self) -> None:
        """6 MB without a Content-Length: the reader must stop on its own at 5 MB."""
        self.send_response(200)
        self.send_header("Content-Type", "text/html")
        self.end_headers()
        chunk = b"<p>" + b"word " * 2000 + b"</p>"
        try:
            for _ in range(6 * 1024 * 1024 // len(chunk) + 1):
                self.wfile.write(chunk)
        except OSError:
            pass  # the client hung up past its limit, as it should

    def log_message(self, *_args: object) -> None:
        pass


@pytest.fixture(scope="module")
def server() -> Iterator[str]:
    with http_serving(Handler) as httpd:
        yield base_url(httpd)


def test_a_page_is_read_from_its_url_with_the_address_as_its_link(server: str) -> None:
    article = load_article(f"{server}/moved")
    assert article.title == "Night buses return"
    assert article.url == f"{server}/story"  # after the redirect; the page names no canonical
    assert "fetched from" in "\n".join(article.explain)
    assert not article.warnings


def test_a_canonical_link_wins_over_the_address(server: str) -> None:
    assert load_article(f"{server}/canonical").url == "https://herald.example/b"


def test_charset_comes_from_the_headers(server: str) -> None:
    assert load_article(f"{server}/koi8").paragraphs[0].startswith("Привет, мир.")


def test_markdown_by_url(server: str) -> None:
    article = load_article(f"{server}/notes.md")
    assert (article.title, article.url) == ("Buses first", "https://herald.example/md")


def test_herald_names_itself(server: str) -> None:
    article = load_article(f"{server}/agent")  # the server answers with the User-Agent it saw
    assert article.paragraphs[0].startswith("Seen agent Herald/")


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


@pytest.mark.parametrize(
    ("path", "message"),
    [
        ("/gone", r"answered 404 Not Found \(client error\)"),
        ("/broken", r"answered 500 Internal Server Error \(server error\)"),
        ("/loop", r"more than 5 redirects"),
        ("/picture", r"is image/png, not an HTML, text or Markdown article"),
        ("/huge", r"is over 5 MB"),
    ],
)
def test_each_failure_is_one_line(server: str, path: str, message: str) -> None:
    with pytest.raises(ArticleError, match=message):
        load_article(f"{server}{path}")


def test_refused_and_tls_failures_say_so(server: str) -> None:
    with pytest.raises(ArticleError, match="connection was refused"):
        load_article(f"http://127.0.0.1:{free_port()}/story")
    with pytest.raises(ArticleError, match="TLS"):
        load_article(server.replace("http://", "https://") + "/story")


def test_dns_failure_and_timeout_through_a_fake_transport() -> None:
    def no_dns(request: httpx.Request) -> httpx.Response:
        raise httpx.ConnectError("[Errno -2] Name or service not known", request=request)

    def slow(request: httpx.Request) -> httpx.Response:
        raise httpx.ReadTimeout("timed out", request=request)

    with pytest.raises(ArticleError, match=r"could not be resolved \(DNS\)"):
        load_article("https://nowhere.example/x", transport=httpx.MockTransport(no_dns))
    with pytest.raises(ArticleError, match="timed out"):
        fetch("https://slow.example/x", 1000, transport=httpx.MockTransport(slow))


def test_format_reads_a_url_and_fails_in_one_line(server: str) -> None:
    runner = CliRunner()
    done = runner.invoke(cli, ["format", f"{server}/story", "--platform", "x"])
    assert done.exit_code == 0, done.output
    assert "Night buses return" in done.stdout and f"{server}/story" in done.stdout
    failed = runner.invoke(cli, ["format", f"{server}/gone", "--platform", "x"])
    assert failed.exit_code == 2
    assert failed.stderr.strip().count("\n") == 0 and failed.stderr.startswith("Error: ")
