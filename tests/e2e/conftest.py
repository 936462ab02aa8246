"""A real Bluesky PDS on loopback (tools/pds/start-pds.mjs) for the end-to-end tests.

The PDS packages are installed outside the clone by ``.ci/pds.sh`` (``install_pds``) into
``$HERALD_PDS_DIR`` (default ``~/.cache/herald-pds``). Without Node or without that install the
tests skip and say how to get them.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import threading
import uuid
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import httpx
import pytest

from ..loopback_server import stop
from .mastodon_server import snac_account, snac_server  # noqa: F401  (fixtures)

ROOT = Path(__file__).resolve().parents[2]
START_SCRIPT = ROOT / "tools" / "pds" / "start-pds.mjs"
START_TIMEOUT_SECONDS = 60


def pds_dir() -> Path:
    env = os.environ.get("HERALD_PDS_DIR")
    if env:
        return Path(env)
    cache = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(cache) / "herald-pds"


@dataclass(frozen=True)
class LocalPds:
    url: str
    plc: str
    version: str
    pid: int  # to freeze it (SIGSTOP) while a request is in flight


@dataclass(frozen=True)
class PdsAccount:
    handle: str
    password: str
    did: str


@pytest.fixture(scope="session")
def local_pds(tmp_path_factory: pytest.TempPathFactory) -> Iterator[LocalPds]:
    node = shutil.which("node")
    if node is None:
        pytest.skip("e2e: Node.js is not installed (needed to run the local Bluesky PDS)")
    packages = pds_dir()
    if not (packages / "node_modules" / "@atproto" / "pds").is_dir():
        pytest.skip(
            f"e2e: the local PDS is not installed in {packages}; run "
            "`source .ci/pds.sh && install_pds` (or set HERALD_PDS_DIR)"
        )
    env = {
        **os.environ,
        "HERALD_PDS_DIR": str(packages),
        "PDS_PORT": "auto",
        "PLC_PORT": "auto",
        "PDS_EXIT_ON_STDIN_EOF": "1",
    }
    log = tmp_path_factory.mktemp("pds") / "stderr.log"
    with log.open("w") as stderr:
        proc = subprocess.Popen(
            [node, str(START_SCRIPT)],
            stdin=subprocess.PIPE,  # kept open: the server stops by itself when we die
            stdout=subprocess.PIPE,
            stderr=stderr,
            text=True,
            env=env,
        )
    give_up = threading.Timer(START_TIMEOUT_SECONDS, proc.kill)  # a hung start ends the wait
    give_up.daemon = True
    give_up.start()
    try:
        assert proc.stdout is not None
        ready = None
        for line in proc.stdout:
            if line.startswith("PDS_READY "):
                ready = json.loads(line.removeprefix("PDS_READY "))
                break
        give_up.cancel()
        if ready is None:
            pytest.fail(f"the local PDS did not start: {log.read_text()[-2000:]}")
        yield LocalPds(url=ready["pds"], plc=ready["plc"], version=ready["version"], pid=proc.pid)
    finally:
        give_up.cancel()
        stop(proc)


@pytest.fixture
def pds_account(local_pds: LocalPds) -> PdsAccount:
    """A fresh account on the local PDS (handle ends in .test; the e-mail is required, not sent)."""
    handle = f"herald{uuid.uuid4().hex[:8]}.test"
    password = f"pw-{uuid.uuid4().hex}"
    response = httpx.post(
        f"{local_pds.url}/xrpc/com.atproto.server.createAccount",
        json={"handle": handle, "email": f"{handle}@example.com", "password": password},
        timeout=30,
    )
    response.raise_for_status()
    return PdsAccount(handle=handle, password=password, did=response.json()["did"])
