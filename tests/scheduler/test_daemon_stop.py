"""Stopping the daemon never hangs, whatever its jobs are doing when the signal comes."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def test_a_stop_while_the_watch_rearms_the_tick_still_stops(isolated_herald: Path) -> None:
    (isolated_herald / "config.toml").write_text('[accounts.mine]\nplatform = "x"\nmock = true\n')
    done = subprocess.run(
        [sys.executable, "-m", "tests.scheduler.stop_mid_arm"],
        cwd=ROOT,
        env=os.environ.copy(),
        capture_output=True,
        text=True,
        timeout=30,  # a daemon that waits on itself never ends: killed, and the test fails
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout == "stopped\n"
