"""A real ``herald`` fed bad input: each case runs in a private home whose queue already holds a
draft, under a time limit, and the queue database is compared byte for byte afterwards.

Cases run in-process through Click's runner on a worker thread (fast); a case that could hang a
whole process if Herald regressed (a FIFO, a device) runs as a real subprocess that is killed at
the time limit. Either way a hang is a failure, never a stuck test run.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import threading
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path

import pytest
from click.testing import CliRunner

from scheduler.cli.main import cli

TIMEOUT = 30.0  # seconds for one command; every bad input is refused in well under a second
HERALD = str(Path(sys.executable).parent / "herald")
ARTICLE = (
    "# Tide pools at dawn\n\n"
    "The tide goes out twice a day, and the pools it leaves behind fill with light.\n\n"
    "Anemones close when the water drains. Crabs wait in the shade of the rocks.\n"
)


@dataclass(frozen=True)
class Outcome:
    """What one command did: its exit code and its two output streams."""

    exit_code: int
    stdout: str
    stderr: str
    error: str | None = None  # an exception the runner caught (a bug if it is not SystemExit)


def invoke(
    args: Sequence[str],
    env: Mapping[str, str | None],
    stdin: bytes | None = None,
    timeout: float = TIMEOUT,
) -> Outcome:
    """``herald ARGS`` in this process, on a thread that must finish within ``timeout``."""
    box: list[Outcome] = []

    def target() -> None:
        result = CliRunner().invoke(cli, list(args), input=stdin, env=dict(env))
        error = None
        if result.exception is not None and not isinstance(result.exception, SystemExit):
            error = f"{type(result.exception).__name__}: {result.exception}"
        box.append(Outcome(result.exit_code, result.stdout, result.stderr, error))

    thread = threading.Thread(target=target, daemon=True)
    thread.start()
    thread.join(timeout)
    if thread.is_alive():
        pytest.fail(f"herald {' '.join(args)} hung for {timeout:g} s")
    return box[0]


def invoke_subprocess(
    args: Sequence[str],
    env: Mapping[str, str | None],
    stdin: bytes | None = None,
    timeout: float = TIMEOUT,
) -> Outcome:
    """``herald ARGS`` as its own process, killed if it outlives ``timeout``."""
    full = {k: v for k, v in os.environ.items() if not k.startswith("HERALD_")}
    full.update({k: v for k, v in env.items() if v is not None})
    try:
        done = subprocess.run(
            [HERALD, *args],
            input=stdin if stdin is not None else b"",
            capture_output=True,
            env=full,
            timeout=timeout,
        )
    except subprocess.TimeoutExpired:
        pytest.fail(f"herald {' '.join(args)} hung for {timeout:g} s")
    return Outcome(
        done.returncode,
        done.stdout.decode("utf-8", "replace"),
        done.stderr.decode("utf-8", "replace"),
    )


@dataclass
class Home:
    """A private Herald home: config, data folder with the queue, and room for inputs."""

    root: Path
    draft_id: str

    @property
    def config(self) -> Path:
        return self.root / "config.toml"

    @property
    def data(self) -> Path:
        return self.root / "data"

    @property
    def db(self) -> Path:
        return self.data / "herald.db"

    def env(self, **extra: str | None) -> dict[str, str | None]:
        return {
            "HERALD_CONFIG": str(self.config),
            "HERALD_DATA_DIR": str(self.data),
            "HERALD_DB": str(self.db),
            "NO_COLOR": "1",
            "COLUMNS": "100",
            **extra,
        }

    def write(self, name: str, content: str | bytes) -> Path:
        path = self.root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(content, str):
            path.write_text(content, encoding="utf-8")
        else:
            path.write_bytes(content)
        return path

    def snapshot(self) -> tuple[bytes, tuple[str, ...]]:
        """The database's bytes and the names in the data folder."""
        return self.db.read_bytes(), tuple(sorted(p.name for p in self.data.iterdir()))


def make_home(root: Path, template: tuple[Path, str]) -> Home:
    """A home whose queue is a copy of the template (one scheduled draft)."""
    db, draft_id = template
    home = Home(root, draft_id)
    home.data.mkdir(parents=True)
    shutil.copyfile(db, home.db)
    home.config.write_text("", encoding="utf-8")
    home.write("article.md", ARTICLE)
    return home


@pytest.fixture(scope="session")
def template_db(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, str]:
    """A queue database holding one draft scheduled two hours ahead, made by the real CLI."""
    root = tmp_path_factory.mktemp("template")
    home = Home(root, "")
    home.data.mkdir()
    home.config.write_text("", encoding="utf-8")
    article = home.write("article.md", ARTICLE)
    added = invoke(["queue", "add", str(article), "--to", "demo-x", "--at", "in 2h", "--json"],
                   home.env())  # fmt: skip
    assert added.exit_code == 0, added.stderr
    import json

    (draft,) = json.loads(added.stdout)
    assert not (home.data / "herald.db-wal").exists()  # every commit is in the file itself
    return home.db, draft["id"]


@pytest.fixture
def home(tmp_path: Path, template_db: tuple[Path, str]) -> Home:
    return make_home(tmp_path / "home", template_db)


def assert_refused(outcome: Outcome, before: tuple[bytes, tuple[str, ...]], home: Home) -> str:
    """Exit 2, exactly one stderr line starting ``Error: ``, no traceback, the queue untouched.
    Returns the error line."""
    assert outcome.error is None, f"an exception escaped: {outcome.error}"
    lines = outcome.stderr.splitlines()
    assert outcome.exit_code == 2, (outcome.exit_code, outcome.stderr)
    assert len(lines) == 1, f"expected one stderr line, got {len(lines)}: {outcome.stderr!r}"
    assert lines[0].startswith("Error: "), lines[0]
    assert "Traceback" not in outcome.stdout + outcome.stderr
    assert "this is a bug in Herald" not in lines[0], lines[0]
    assert home.snapshot() == before, "the queue database changed"
    return lines[0]
