"""Headless Chromium for the browser tests: load a page offline, dump its DOM, take a screenshot."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest

CHROMIUM = Path("/usr/bin/chromium")


def chromium() -> Path:
    """The browser, or a skip that says how to get it."""
    found = CHROMIUM if CHROMIUM.exists() else shutil.which("chromium")
    if not found:
        pytest.skip("headless Chromium is not installed (apt-get install chromium)")
    return Path(found)


def run_chromium(page: Path, profile: Path, *args: str) -> str:
    """Run headless Chromium on a local file with networking and background services off."""
    command = [
        str(chromium()),
        "--headless",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--no-first-run",
        "--hide-scrollbars",
        f"--user-data-dir={profile}",
        *args,
        page.resolve().as_uri(),
    ]
    done = subprocess.run(command, capture_output=True, text=True, timeout=120, check=False)
    assert done.returncode == 0, done.stderr[-2000:]
    return done.stdout


def dump_dom(page: Path, profile: Path) -> str:
    """The DOM after the page loaded (and after any script would have run)."""
    return run_chromium(page, profile, "--dump-dom")


def screenshot(page: Path, profile: Path, png: Path, width: int = 1280, height: int = 900) -> Path:
    run_chromium(page, profile, f"--screenshot={png}", f"--window-size={width},{height}")
    return png
