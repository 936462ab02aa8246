"""A stateful Mastodon server process on loopback (the ``mastodon-mock`` package) for the contract
suite: the Mastodon adapter, through Mastodon.py, against a server that honours
``Idempotency-Key``, serves ``/api/v2/instance`` and answers 422 for an over-long status, with
429s, 5xx, latency and timeouts injected through its fault rules.

Its length check is a plain ``len()``: it is never used to judge Herald's URL-weighted count.

One server runs per test session (``python -m mastodon_mock serve``, in memory, 127.0.0.1, a free
port); the harness in conftest.py gives every test a fresh account and no fault rules.
"""

from __future__ import annotations

import importlib.util
import sys
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

import httpx
import pytest

from ..loopback_server import free_port, serving

START_TIMEOUT_SECONDS = 30


@dataclass(frozen=True)
class MastodonMock:
    url: str

    def add_fault(
        self, effect: dict[str, Any], *, count: int = 1, path: str = "/api/v1/statuses"
    ) -> None:
        """The next ``count`` POSTs to ``path`` (status posts unless said) meet ``effect``
        (mastodon-mock's fault rules)."""
        rule = {
            "match": {"methods": ["POST"], "path": path},
            "effect": effect,
            "count": count,
        }
        httpx.post(f"{self.url}/api/v1/_mock/faults", json=rule, timeout=10).raise_for_status()

    def clear_faults(self) -> None:
        httpx.delete(f"{self.url}/api/v1/_mock/faults", timeout=10).raise_for_status()

    def new_account(self) -> dict[str, Any]:
        """A fresh local account: ``id``, ``username``, ``access_token``."""
        made = httpx.post(f"{self.url}/api/v1/_mock/dev_user", json={}, timeout=10)
        made.raise_for_status()
        return dict(made.json())


@pytest.fixture(scope="session")
def mastodon_mock_process(tmp_path_factory: pytest.TempPathFactory) -> Iterator[MastodonMock]:
    if importlib.util.find_spec("mastodon_mock") is None:
        pytest.skip(
            "mastodon-mock is not installed (it is in the test extra: pip install -e '.[test]')"
        )
    port = free_port()
    url = f"http://127.0.0.1:{port}"
    log = tmp_path_factory.mktemp("mastodon-mock") / "server.log"
    args = ["serve", "--host", "127.0.0.1", "--port", str(port), "--in-memory"]
    command = [sys.executable, "-m", "mastodon_mock", *args, "--log-level", "warning"]
    with serving(command, log, f"{url}/api/v1/instance", start_timeout=START_TIMEOUT_SECONDS):
        yield MastodonMock(url)
