"""A test server process on 127.0.0.1: a free port, a bounded wait until it answers, and a stop."""

from __future__ import annotations

import socket
import subprocess
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

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
        proc.terminate()  # this PID only
        try:
            proc.wait(timeout=15)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()


def _answers(url: str) -> bool:
    try:
        return httpx.get(url, timeout=2).status_code == 200
    except httpx.TransportError:
        return False
