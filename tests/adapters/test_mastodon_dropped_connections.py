"""A server that resets a connection (as snac2 does when the client reuses one it had closed):
reads are tried once more on a fresh connection, status posts never are (the scheduler looks a
doubtful post up first). A real socket server on 127.0.0.1, Mastodon.py's own transport."""

from __future__ import annotations

import json
import socket
import struct
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest

from posts.clock import system_clock
from posts.config import Account
from scheduler.adapters.base import OutgoingPart, TransientError
from scheduler.adapters.mastodon import MastodonAdapter
from scheduler.adapters.tid import new_tid

ANSWERS = {
    "/api/v1/accounts/verify_credentials": {"id": "1", "acct": "lab"},
    "/api/v2/instance/": {"configuration": {"statuses": {"max_characters": 600}}},
}


class ResettingServer:
    """Resets the first ``resets`` connections after reading a request; answers the others."""

    def __init__(self, resets: int) -> None:
        self.resets = resets
        self.requests: list[str] = []  # "METHOD /path" in the order they arrived
        self.sock = socket.create_server(("127.0.0.1", 0))
        self.url = f"http://127.0.0.1:{self.sock.getsockname()[1]}"
        self.thread = threading.Thread(target=self._serve, daemon=True)
        self.thread.start()

    def _serve(self) -> None:
        while True:
            try:
                conn, _ = self.sock.accept()
            except OSError:  # closed: the test is over
                return
            with conn:
                head = conn.recv(65536).decode("latin-1")
                method, path = head.split(" ", 2)[:2]
                self.requests.append(f"{method} {path.split('?')[0]}")
                if self.resets > 0:
                    self.resets -= 1
                    conn.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
                    continue  # closing with SO_LINGER 0 sends a reset
                body = json.dumps(ANSWERS.get(path.split("?")[0], {})).encode()
                conn.sendall(
                    b"HTTP/1.1 200 OK\r\nContent-Type: application/json\r\n"
                    + f"Content-Length: {len(body)}\r\nConnection: close\r\n\r\n".encode()
                    + body
                )

    def close(self) -> None:
        self.sock.shutdown(socket.SHUT_RDWR)  # wakes the accept() waiting in the thread
        self.sock.close()
        self.thread.join(timeout=10)


@pytest.fixture
def server() -> Iterator[ResettingServer]:
    srv = ResettingServer(resets=1)
    yield srv
    srv.close()


def adapter(
    server: ResettingServer, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> MastodonAdapter:
    monkeypatch.setenv("T_RESET_TOKEN", "token")
    account = Account(
        "lab-mastodon", "mastodon", settings={"instance": server.url, "token_env": "T_RESET_TOKEN"}
    )
    return MastodonAdapter.from_account(
        account, data_dir=tmp_path, clock=system_clock, request_timeout=10
    )


def test_a_read_on_a_reset_connection_is_tried_once_more(
    server: ResettingServer, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    said = adapter(server, tmp_path, monkeypatch).verify()
    assert "posts up to 600 characters" in said
    verify = "GET /api/v1/accounts/verify_credentials"
    assert server.requests == [verify, verify, "GET /api/v2/instance/"]


def test_a_status_post_on_a_reset_connection_is_not_sent_again_here(
    server: ResettingServer, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    part = OutgoingPart("d", 0, 1, "Once only", new_tid())
    with pytest.raises(TransientError, match="unreachable or too slow"):
        adapter(server, tmp_path, monkeypatch).publish(part)
    assert server.requests == ["POST /api/v1/statuses"]
