"""snac2, a small C server that implements the Mastodon client API, on loopback for the e2e tests.

``.ci/snac.sh`` (``install_snac``) unpacks Debian's snac2 package into ``$HERALD_SNAC_DIR``
(default ``~/.cache/herald-snac``); ``snac`` on PATH works too. Without either the tests skip and
say how to get it. One server runs per test session in a temporary directory, on 127.0.0.1 and a
free port; every test gets its own user and a bearer token obtained through snac2's OAuth
endpoints, exactly as a Mastodon client gets one (``/api/v1/apps``, the login form that
``/oauth/authorize`` shows, ``/oauth/token``).
"""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import uuid
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import httpx
import pytest

from ..loopback_server import free_port, serving

START_TIMEOUT_SECONDS = 15
OOB = "urn:ietf:wg:oauth:2.0:oob"
# snac2 may drop a kept-alive connection between requests (a reset on the next one)
ONE_REQUEST_PER_CONNECTION = {"Connection": "close"}


@dataclass(frozen=True)
class SnacServer:
    url: str
    version: str
    binary: Path
    data: Path
    pid: int  # SIGSTOP freezes it with a status in flight


@dataclass(frozen=True)
class SnacAccount:
    user: str
    token: str
    id: str  # the Mastodon API account id


def snac_binary() -> Path | None:
    env = os.environ.get("HERALD_SNAC_DIR")
    cache = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    unpacked = Path(env or Path(cache) / "herald-snac") / "usr" / "bin" / "snac"
    if unpacked.is_file() and os.access(unpacked, os.X_OK):
        return unpacked
    found = shutil.which("snac")
    return Path(found) if found else None


def _snac(binary: Path, *args: str, answers: str = "") -> str:
    """One snac command; its questions (init, adduser) are answered from ``answers``."""
    done = subprocess.run(
        [str(binary), *args], input=answers, capture_output=True, text=True, timeout=30, check=False
    )
    if done.returncode != 0:
        raise RuntimeError(f"snac {args[0]} failed: {done.stdout}{done.stderr}")
    return done.stdout + done.stderr


def _version(binary: Path) -> str:
    first = subprocess.run([str(binary)], capture_output=True, text=True, timeout=10, check=False)
    match = re.match(r"snac (\S+)", first.stdout + first.stderr)
    return match.group(1) if match else "unknown"


def _init(binary: Path, data: Path, port: int) -> None:
    """``snac init`` asks for: address, port, host name, URL prefix, admin e-mail."""
    host = f"127.0.0.1:{port}"
    _snac(binary, "init", str(data), answers=f"127.0.0.1\n{port}\n{host}\n\n\n")
    config_path = data / "server.json"
    config = json.loads(config_path.read_text())
    config.update(address="127.0.0.1", port=port, host=host, prefix="", protocol="http")
    config_path.write_text(json.dumps(config, indent=4))


@pytest.fixture(scope="session")
def snac_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[SnacServer]:
    binary = snac_binary()
    if binary is None:
        pytest.skip(
            "e2e: snac2 (a Mastodon API server) is not installed; run "
            "`source .ci/snac.sh && install_snac` (or set HERALD_SNAC_DIR)"
        )
    root = tmp_path_factory.mktemp("snac")
    data = root / "data"
    port = free_port()
    _init(binary, data, port)
    url = f"http://127.0.0.1:{port}"
    command = [str(binary), "httpd", str(data)]
    ready = f"{url}/api/v1/instance"
    with serving(command, root / "httpd.log", ready, start_timeout=START_TIMEOUT_SECONDS) as proc:
        yield SnacServer(url=url, version=_version(binary), binary=binary, data=data, pid=proc.pid)


def new_account(server: SnacServer) -> SnacAccount:
    """A fresh user and a bearer token for it, through the OAuth steps a Mastodon client takes."""
    user = f"lab{uuid.uuid4().hex[:8]}"
    said = _snac(server.binary, "adduser", str(server.data), user, answers="\n\n\n")
    password = re.search(r"User password is (\S+)", said)
    assert password, said
    with httpx.Client(base_url=server.url, headers=ONE_REQUEST_PER_CONNECTION, timeout=30) as http:
        app = http.post(
            "/api/v1/apps",
            data={"client_name": "herald-e2e", "redirect_uris": OOB, "scopes": "read write"},
        )
        app.raise_for_status()
        client = app.json()
        # what the login form at /oauth/authorize posts; with the out-of-band redirect the
        # answer is the authorization code itself
        login = http.post(
            "/oauth/x-snac-login",
            data={
                "login": user,
                "passwd": password.group(1),
                "redir": OOB,
                "cid": client["client_id"],
                "state": "",
            },
        )
        login.raise_for_status()
        code = login.text.strip()
        assert re.fullmatch(r"[0-9a-f]+", code), login.text[:200]
        token = http.post(
            "/oauth/token",
            data={
                "grant_type": "authorization_code",
                "code": code,
                "client_id": client["client_id"],
                "client_secret": client["client_secret"],
                "redirect_uri": OOB,
                "scope": "read write",
            },
        )
        token.raise_for_status()
        access = token.json()["access_token"]
        me = http.get(
            "/api/v1/accounts/verify_credentials", headers={"Authorization": f"Bearer {access}"}
        )
        me.raise_for_status()
    return SnacAccount(user=user, token=access, id=str(me.json()["id"]))


@pytest.fixture
def snac_account(snac_server: SnacServer) -> SnacAccount:
    return new_account(snac_server)
