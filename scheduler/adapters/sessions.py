"""Private files in the data dir: persisted login sessions and per-account caches.

Sessions are secrets, so files are created with mode 0600 and replaced atomically (a crash never
leaves half a session behind). They live under ``<data dir>/sessions/`` and never in the queue.
"""

from __future__ import annotations

import os
from pathlib import Path


def session_path(data_dir: Path, account_name: str, kind: str) -> Path:
    """Where ``account_name`` keeps its ``kind`` file (e.g. "bluesky-session")."""
    return data_dir / "sessions" / f"{account_name}.{kind}"


def read_private(path: Path) -> str | None:
    """The file's text, or None if it does not exist yet."""
    try:
        return path.read_text(encoding="utf-8")
    except FileNotFoundError:
        return None


def write_private(path: Path, text: str) -> None:
    """Write ``text`` readable by the owner only, replacing any earlier version atomically."""
    path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
    tmp = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as handle:
            handle.write(text)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(tmp, path)
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise
