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
import uuid
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import httpx
import pytest

ROOT = Path(__file__).resolve().parents[2]
START_SCRIPT = ROOT / "tools" / "pds" / "start-pds.mjs"


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
def local_pds() -> Iterator[LocalPds]:
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
    proc = subprocess.Popen(
        [node, str(START_SCRIPT)],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env=env,
    )
    try:
        assert proc.stdout is not None
        ready = None
        for line in proc.stdout:
            if line.startswith("PDS_READY "):
                ready = json.loads(line.removeprefix("PDS_READY "))
                break
        if ready is None:
            assert proc.stderr is not None
            pytest.fail(f"the local PDS did not start: {proc.stderr.read()[-2000:]}")
        yield LocalPds(url=ready["pds"], plc=ready["plc"], version=ready["version"], pid=proc.pid)
    finally:
        proc.terminate()  # this PID only
        try:
            proc.wait(timeout=15)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()


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
