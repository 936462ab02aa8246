"""Test servers on 127.0.0.1: a process (a free port, a bounded wait until it answers, a stop),
or an in-process threaded HTTP server for a handler class (the real network stack for fakes)."""

from __future__ import annotations

import socket
import subprocess
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

import httpx
import pytest


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@contextmanager
def serving(
    command: list[str], log: Path, ready_url: str, *, start_timeout: float
) -> Iterator[subprocess.Popen[bytes]]:
    """Run ``command`` (its output to ``log``) until ``ready_url`` answers 200; stop it at exit."""
    with log.open("wb") as out:
        proc = subprocess.Popen(command, stdin=subprocess.DEVNULL, stdout=out, stderr=out)
    try:
        deadline = time.monotonic() + start_timeout
        while not _answers(ready_url):
            if proc.poll() is not None:
                pytest.fail(f"{command[0]} exited at start: {log.read_text()[-2000:]}")
            if time.monotonic() > deadline:
                pytest.fail(f"{command[0]} did not answer in {start_timeout} s: {log.read_text()}")
            time.sleep(0.05)  # polling the start-up, bounded by the deadline
        yield proc
    finally:
        stop(proc)


def stop(proc: subprocess.Popen[Any]) -> None:
    """Terminate this PID only, and kill it if it has not gone within 15 s."""
    proc.terminate()
    try:
        proc.wait(timeout=15)
    except subprocess.TimeoutExpired:
        proc.kill()
        proc.wait()


@contextmanager
def http_serving(handler: type[BaseHTTPRequestHandler]) -> Iterator[ThreadingHTTPServer]:
    """Serve ``handler`` on a free loopback port in a thread; shut down at exit."""
    server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    server.daemon_threads = True
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield server
    finally:
        server.shutdown()
        server.server_close()
        thread.join(timeout=5)


def base_url(server: ThreadingHTTPServer) -> str:
    return f"http://127.0.0.1:{server.server_address[1]}"


def _answers(url: str) -> bool:
    try:
        return httpx.get(url, timeout=2).status_code == 200
    except httpx.TransportError:
        return False
