"""The real ``herald`` command, run as a subprocess by the end-to-end tests of every server."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

HERALD = Path(sys.executable).with_name("herald")


def herald(env: dict[str, str], *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [str(HERALD), *args], env=env, capture_output=True, text=True, timeout=120, check=False
    )


def queue_thread(env: dict[str, str], article: Path, account: str, *extra: str) -> dict[str, Any]:
    """Queue the article as a thread of at least three parts, due now; the draft as JSON."""
    args = ("queue", "add", str(article), "--to", account, "--mode", "thread", "--now", *extra)
    result = herald(env, *args, "--json")
    assert result.returncode == 0, result.stderr
    (draft,) = json.loads(result.stdout)
    assert len(draft["parts"]) >= 3
    return dict(draft)


def state(env: dict[str, str], draft_id: str) -> dict[str, Any]:
    shown = herald(env, "queue", "show", draft_id, "--json")
    assert shown.returncode == 0, shown.stderr
    return dict(json.loads(shown.stdout))


def finish_with_run_once(env: dict[str, str], draft_id: str) -> None:
    """Run ``herald run --once`` until the draft is published (a dead worker's lease must lapse)."""
    deadline = time.monotonic() + 60
    while state(env, draft_id)["status"] != "published":
        assert time.monotonic() < deadline, state(env, draft_id)
        time.sleep(0.5)  # the killed daemon's 1-second lease
        run = herald(env, "run", "--once")
        assert run.returncode == 0, run.stderr


@contextmanager
def daemon(env: dict[str, str]) -> Iterator[subprocess.Popen[str]]:
    """``herald run`` with its log on a pipe; SIGKILLed (this PID only) if still running at exit."""
    proc = subprocess.Popen(
        [str(HERALD), "run"], env=env, stderr=subprocess.PIPE, stdout=subprocess.DEVNULL, text=True
    )
    try:
        yield proc
    finally:
        if proc.poll() is None:
            os.kill(proc.pid, signal.SIGKILL)
        proc.wait(timeout=30)


def kill_after_published(env: dict[str, str], published: int) -> None:
    """Start ``herald run`` and SIGKILL it once it logged ``published`` parts as published."""
    with daemon(env) as proc:
        assert proc.stderr is not None
        seen = 0
        for line in proc.stderr:
            seen += " published " in line
            if seen == published:
                os.kill(proc.pid, signal.SIGKILL)
                break
