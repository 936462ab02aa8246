"""The README's quick start, literally, on a clean copy: fresh venv, normal install, no config.

The main-job command is read from README.md itself (the first line of the quick start's bash
block), so the README and this test cannot drift apart. Slow: it installs every dependency.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
import time
from pathlib import Path

import pytest

pytestmark = pytest.mark.slow

REPO = Path(__file__).resolve().parents[2]
IGNORED = shutil.ignore_patterns(
    ".venv", ".git", "__pycache__", "*.egg-info", ".pytest_cache", ".mypy_cache", ".ruff_cache",
    "build", "dist",
)  # fmt: skip


def quick_start_commands() -> list[str]:
    """The command lines of the first ```bash block after the README's "Quick start" heading."""
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    section = readme[readme.index("## Quick start") :]
    block = re.search(r"```bash\n(.*?)```", section, re.DOTALL)
    assert block, "README.md has no bash block in its Quick start section"
    return [line for line in block.group(1).splitlines() if line.strip()]


def test_readme_quick_start_in_a_clean_copy(tmp_path: Path) -> None:
    main_job = quick_start_commands()[0]
    assert "herald demo" in main_job and "python3 -m venv" in main_job

    checkout = tmp_path / "herald"
    shutil.copytree(REPO, checkout, ignore=IGNORED)
    xdg = tmp_path / "xdg"
    env = {
        key: value
        for key, value in os.environ.items()
        if not key.startswith(("HERALD_", "XDG_", "VIRTUAL_ENV", "PYTHON"))
    }
    # A user with no Herald config or data yet; python3 is the interpreter running the tests.
    env |= {
        "XDG_CONFIG_HOME": str(xdg / "config"),
        "XDG_DATA_HOME": str(xdg / "data"),
        "PATH": f"{Path(sys.executable).parent}:{env.get('PATH', '/usr/bin:/bin')}",
    }
    started = time.monotonic()
    done = subprocess.run(
        ["bash", "-c", main_job],
        cwd=checkout,
        env=env,
        capture_output=True,
        text=True,
        timeout=1800,
        check=False,
    )
    elapsed = time.monotonic() - started
    assert done.returncode == 0, done.stdout[-3000:] + done.stderr[-3000:]

    outbox = xdg / "data" / "herald" / "outbox.jsonl"
    assert f"Outbox (one JSON line per published post): {outbox}" in done.stdout
    assert f"HTML preview: {xdg / 'data' / 'herald' / 'preview.html'}" in done.stdout
    lines = [json.loads(line) for line in outbox.read_text(encoding="utf-8").splitlines()]
    assert {line["account"] for line in lines} == {"demo-x", "demo-bluesky"}
    assert all(line["text"] for line in lines)
    print(f"quick start (venv + install + herald demo): {elapsed:.0f} s")
