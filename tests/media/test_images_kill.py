"""The real `herald run` killed with SIGKILL after an image was uploaded and its reference stored,
before the post: the next run posts once, with the stored upload, and uploads nothing again."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from scheduler.adapters.mock import MEDIA_DIR, read_outbox
from tests.conftest import configured_store
from tests.media.images import phone_jpeg, write

HERALD = str(Path(sys.executable).parent / "herald")
CONFIG = """
[accounts.sky]
platform = "bluesky"
mock = true
mock_latency_ms = 800
"""


def herald(*args: str) -> subprocess.Popen[bytes]:
    return subprocess.Popen([HERALD, *args], stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)


def uploads(data_dir: Path) -> list[Path]:
    return sorted((data_dir / MEDIA_DIR).glob("*.jpeg"))


def wait_for_event(draft_id: str, kind: str, seconds: float = 20.0) -> None:
    store = configured_store()
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if any(e.kind == kind for e in store.history(draft_id)):
            return
        time.sleep(0.01)
    pytest.fail(f"no {kind} event within {seconds} s")


@pytest.mark.slow
def test_a_kill_between_upload_and_post_never_uploads_twice(
    isolated_herald: Path, tmp_path: Path
) -> None:
    (isolated_herald / "config.toml").write_text(CONFIG)
    data_dir = Path(os.environ["HERALD_DATA_DIR"])
    write(tmp_path / "heron.jpg", phone_jpeg(300, 200))
    article = tmp_path / "herons.md"
    article.write_text(
        "---\ntitle: Herons\nurl: https://example.org/h\n---\n\n![A heron](heron.jpg)\n\n"
        "Two herons nested by the canal again this spring.\n"
    )
    added = subprocess.run(
        [HERALD, "queue", "add", str(article), "--to", "sky", "--now", "--json"],
        capture_output=True,
        check=True,
    )
    draft_id = json.loads(added.stdout)[0]["id"]

    daemon = herald("run")
    try:
        wait_for_event(draft_id, "media")  # the upload is stored; the post is 0.4 s away
        daemon.send_signal(signal.SIGKILL)
    finally:
        daemon.wait(10)
    assert read_outbox(data_dir / "outbox.jsonl") == [] and len(uploads(data_dir)) == 1

    again = herald("run", "--once")
    assert again.wait(60) == 0, again.stderr.read() if again.stderr else ""

    (line,) = read_outbox(data_dir / "outbox.jsonl")
    (stored,) = uploads(data_dir)
    assert [m["file"] for m in line["media"]] == [str(stored)]
    assert configured_store().get(draft_id).status == "published"
