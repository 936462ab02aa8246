"""A webhook on loopback (a threaded ``http.server``) that records what Herald posts to it."""

from __future__ import annotations

import json
import threading
from collections.abc import Iterator
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler
from typing import Any

import pytest

from tests.loopback_server import base_url, http_serving


@dataclass
class Hook:
    """What the webhook received; ``hang`` keeps each request waiting until it is set."""

    url: str = ""
    bodies: list[dict[str, Any]] = field(default_factory=list)
    headers: list[dict[str, str]] = field(default_factory=list)
    arrived: threading.Event = field(default_factory=threading.Event)
    hang: threading.Event | None = None
    status: int = 204  # what it answers

    def events(self) -> list[str]:
        return [b["event"] for b in self.bodies]


def _handler(hook: Hook) -> type[BaseHTTPRequestHandler]:
    class Handler(BaseHTTPRequestHandler):
        def do_POST(self) -> None:
            hook.arrived.set()
            if hook.hang is not None:
                hook.hang.wait(30)  # bounded: the test sets it at its end
            body = self.rfile.read(int(self.headers["Content-Length"]))
            hook.headers.append(dict(self.headers))
            hook.bodies.append(json.loads(body))
            self.send_response(hook.status)
            self.end_headers()

        def log_message(self, *_args: Any) -> None:
            """Quiet: the test reads what arrived, not the server's log."""

    return Handler


def serve(hook: Hook) -> Iterator[Hook]:
    with http_serving(_handler(hook)) as server:
        hook.url = f"{base_url(server)}/hook/s3cr3t-path"
        try:
            yield hook
        finally:
            if hook.hang is not None:
                hook.hang.set()  # a hanging answer must end before the server can shut down


@pytest.fixture
def hook() -> Iterator[Hook]:
    """A webhook that answers 204 to every POST."""
    yield from serve(Hook())


@pytest.fixture
def hanging_hook() -> Iterator[Hook]:
    """A webhook that accepts each POST and then never answers (until the test ends)."""
    yield from serve(Hook(hang=threading.Event()))
