"""Bluesky end to end: the example article, queued as a thread, published by the real daemon to the
reference PDS on loopback, then read back record by record.

Also: the daemon killed (SIGKILL) mid-thread and restarted never posts a part twice, and the
adapter's own exactly-once path (a re-sent record key) holds against the real server.
"""

from __future__ import annotations

import itertools
import os
import re
import signal
import struct
import subprocess
import time
import zlib
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler
from pathlib import Path
from typing import Any

import httpx
import pytest

from posts.clock import system_clock
from posts.config import Account
from posts.counting import bluesky_link_text
from scheduler.adapters.base import OutgoingPart
from scheduler.adapters.bluesky import BlueskyAdapter
from scheduler.adapters.tid import new_tid
from tests.media.images import opened, phone_jpeg, write

from ..loopback_server import base_url, http_serving
from .conftest import ROOT, LocalPds, PdsAccount
from .herald_cli import (
    HERALD,
    finish_with_run_once,
    herald,
    kill_after_published,
    queue_thread,
    state,
)

pytestmark = pytest.mark.e2e

ARTICLE = ROOT / "examples" / "lab-notes-tide-pools.md"
PASSWORD_VAR = "HERALD_E2E_BSKY_APP_PASSWORD"
ARTICLE_URL = "https://example.org/lab-notes/tide-pools-keep-time"


def tiny_png() -> bytes:
    """A valid 1x1 PNG, so the PDS accepts it as a link-card thumbnail."""

    def chunk(kind: bytes, data: bytes) -> bytes:
        body = kind + data
        return struct.pack(">I", len(data)) + body + struct.pack(">I", zlib.crc32(body))

    header = struct.pack(">IIBBBBB", 1, 1, 8, 2, 0, 0, 0)
    pixels = zlib.compress(b"\x00\x1f\x6f\x9a")
    return (
        b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", pixels) + chunk(b"IEND", b"")
    )


@pytest.fixture
def article(tmp_path: Path) -> Iterator[Path]:
    """The example article, its lead image served from loopback so the card gets a thumbnail."""
    png = tiny_png()

    class Image(BaseHTTPRequestHandler):
        def do_GET(self) -> None:
            self.send_response(200)
            self.send_header("Content-Type", "image/png")
            self.send_header("Content-Length", str(len(png)))
            self.end_headers()
            self.wfile.write(png)

        def log_message(self, *args: object) -> None:
            pass

    with http_serving(Image) as server:
        image = f"{base_url(server)}/anemone.png"
        text = re.sub(r"(?m)^image: .*$", f"image: {image}", ARTICLE.read_text(encoding="utf-8"))
        copy = tmp_path / ARTICLE.name
        copy.write_text(text, encoding="utf-8")
        yield copy


@pytest.fixture
def herald_env(
    isolated_herald: Path, local_pds: LocalPds, pds_account: PdsAccount
) -> Iterator[dict[str, str]]:
    config = isolated_herald / "config.toml"
    config.write_text(
        f"""
[scheduler]
lease_seconds = 1

[accounts.lab-bluesky]
platform = "bluesky"
handle = "{pds_account.handle}"
password_env = "{PASSWORD_VAR}"
service = "{local_pds.url}"
"""
    )
    yield {**os.environ, PASSWORD_VAR: pds_account.password}


def records(pds: LocalPds, account: PdsAccount) -> list[dict[str, Any]]:
    """Every post in the account's repo, oldest first (TID keys sort by time)."""
    response = httpx.get(
        f"{pds.url}/xrpc/com.atproto.repo.listRecords",
        params={"repo": account.did, "collection": "app.bsky.feed.post", "limit": 100},
        timeout=30,
    )
    response.raise_for_status()
    return sorted(response.json()["records"], key=lambda r: r["uri"].rsplit("/", 1)[1])


def check_thread(posted: list[dict[str, Any]], draft: dict[str, Any], article_url: str) -> None:
    assert [r["value"]["text"] for r in posted] == [p["text"] for p in draft["parts"]]
    root = {"uri": posted[0]["uri"], "cid": posted[0]["cid"]}
    assert "reply" not in posted[0]["value"]
    for previous, record in itertools.pairwise(posted):
        reply = record["value"]["reply"]
        assert {"uri": reply["root"]["uri"], "cid": reply["root"]["cid"]} == root
        assert (reply["parent"]["uri"], reply["parent"]["cid"]) == (
            previous["uri"],
            previous["cid"],
        )
    kinds: set[str] = set()
    for record in posted:
        value = record["value"]
        assert value["langs"] == ["en"] and value["createdAt"].endswith("Z")
        raw = value["text"].encode()
        for facet in value.get("facets", []):
            covered = raw[facet["index"]["byteStart"] : facet["index"]["byteEnd"]].decode()
            (feature,) = facet["features"]
            kind = feature["$type"].rsplit("#", 1)[1]
            kinds.add(kind)
            if kind == "tag":
                assert covered == f"#{feature['tag']}"
            elif kind == "link":  # the article's, shown as bsky.app shows it
                assert (feature["uri"], covered) == (article_url, bluesky_link_text(article_url))
    assert {"tag", "link"} <= kinds
    embeds = [r["value"].get("embed", {}) for r in posted]
    cards = [e for e in embeds if e.get("$type") == "app.bsky.embed.external"]
    assert cards and {card["external"]["uri"] for card in cards} == {article_url}
    assert all(card["external"]["title"] for card in cards)
    thumbs = [card["external"]["thumb"] for card in cards]
    assert all(t["mimeType"].startswith("image/") and t["size"] > 0 for t in thumbs)
    # an image (the article's lead image unless said otherwise) goes with the first post only
    galleries = [i for i, e in enumerate(embeds) if e.get("$type") == "app.bsky.embed.images"]
    assert galleries in ([], [0])


def test_the_example_article_goes_out_as_a_thread(
    herald_env: dict[str, str], local_pds: LocalPds, pds_account: PdsAccount, article: Path
) -> None:
    assert herald(herald_env, "accounts", "check", "lab-bluesky").returncode == 0
    draft = queue_thread(herald_env, article, "lab-bluesky")
    run = herald(herald_env, "run", "--once")
    assert run.returncode == 0, run.stderr

    posted = records(local_pds, pds_account)
    check_thread(posted, draft, ARTICLE_URL)
    (lead,) = posted[0]["value"]["embed"]["images"]  # the article's lead image, no alt text given
    assert lead["alt"] == "" and lead["image"]["size"] > 0
    shown = state(herald_env, draft["id"])
    assert shown["status"] == "published"
    assert [p["remote_id"] for p in shown["parts"]] == [r["uri"] for r in posted]


@pytest.mark.parametrize("kill_after", [1, 3])
def test_a_daemon_killed_between_parts_resumes_the_thread(
    herald_env: dict[str, str],
    local_pds: LocalPds,
    pds_account: PdsAccount,
    article: Path,
    kill_after: int,
) -> None:
    draft = queue_thread(herald_env, article, "lab-bluesky")
    kill_after_published(herald_env, kill_after)
    live_at_kill = len(records(local_pds, pds_account))
    assert kill_after <= live_at_kill < len(draft["parts"])  # killed mid-thread

    finish_with_run_once(herald_env, draft["id"])
    check_thread(records(local_pds, pds_account), draft, ARTICLE_URL)


@pytest.mark.parametrize("landed", [False, True])
def test_a_daemon_killed_with_a_post_in_flight_never_posts_it_twice(
    herald_env: dict[str, str],
    local_pds: LocalPds,
    pds_account: PdsAccount,
    article: Path,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    landed: bool,
) -> None:
    """The PDS is frozen while the first createRecord is in flight and the daemon dies there, so
    the part is left ``sending``. Whether or not that post landed (``landed``: it is created with
    the same record key before the restart), the restarted daemon looks the key up first: the
    thread ends up complete with every part exactly once."""
    assert herald(herald_env, "accounts", "check", "lab-bluesky").returncode == 0  # saves a session
    # no image: its upload would meet the frozen server first (the post is what is in question)
    draft = queue_thread(herald_env, article, "lab-bluesky", "--no-image")
    os.kill(local_pds.pid, signal.SIGSTOP)
    daemon = subprocess.Popen(
        [str(HERALD), "run"], env=herald_env, stderr=subprocess.DEVNULL, stdout=subprocess.DEVNULL
    )
    try:
        deadline = time.monotonic() + 60
        while state(herald_env, draft["id"])["parts"][0]["status"] != "sending":
            assert time.monotonic() < deadline and daemon.poll() is None
            time.sleep(0.2)
        os.kill(daemon.pid, signal.SIGKILL)
        daemon.wait(timeout=30)
    finally:
        os.kill(local_pds.pid, signal.SIGCONT)
        if daemon.poll() is None:
            os.kill(daemon.pid, signal.SIGKILL)
            daemon.wait(timeout=30)
    in_flight = state(herald_env, draft["id"])["parts"][0]
    assert in_flight["status"] == "sending" and in_flight["idempotency_key"]
    if landed:
        monkeypatch.setenv(PASSWORD_VAR, pds_account.password)
        adapter = bluesky_adapter(local_pds, pds_account, tmp_path / "elsewhere")
        part = OutgoingPart(
            draft["id"],
            0,
            len(draft["parts"]),
            in_flight["text"],
            in_flight["idempotency_key"],
            lang="en",
        )
        landed_ref = adapter.publish(part)
        adapter.close()

    finish_with_run_once(herald_env, draft["id"])
    posted = records(local_pds, pds_account)
    check_thread(posted, draft, ARTICLE_URL)
    if landed:
        assert posted[0]["uri"] == landed_ref.remote_id  # adopted, not posted again


def bluesky_adapter(pds: LocalPds, account: PdsAccount, data_dir: Path) -> BlueskyAdapter:
    """The adapter on its own, with the account's password set in the environment by the caller."""
    settings = {"handle": account.handle, "password_env": PASSWORD_VAR, "service": pds.url}
    return BlueskyAdapter.from_account(
        Account("lab-bluesky", "bluesky", settings=settings), data_dir=data_dir, clock=system_clock
    )


def test_a_resent_record_key_returns_the_existing_post(
    local_pds: LocalPds, pds_account: PdsAccount, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv(PASSWORD_VAR, pds_account.password)
    adapter = bluesky_adapter(local_pds, pds_account, tmp_path)
    part = OutgoingPart("d", 0, 1, "Once only #exactlyonce", new_tid(), lang="en")
    assert adapter.lookup(part) is None
    first = adapter.publish(part)
    again = adapter.publish(part)  # the PDS answers a bare 500; the adapter finds the record
    assert again == first and adapter.lookup(part) == first
    assert [r["uri"] for r in records(local_pds, pds_account)] == [first.remote_id]
    adapter.close()


def test_mentions_resolve_to_dids_at_publish_time(
    local_pds: LocalPds, pds_account: PdsAccount, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv(PASSWORD_VAR, pds_account.password)
    adapter = bluesky_adapter(local_pds, pds_account, tmp_path)
    text = f"Thanks @{pds_account.handle} and @nobody-here.test"
    ref = adapter.publish(OutgoingPart("d", 0, 1, text, new_tid(), lang="en"))
    adapter.close()
    (record,) = [r for r in records(local_pds, pds_account) if r["uri"] == ref.remote_id]
    (facet,) = record["value"]["facets"]  # the unknown handle stays plain text
    start, end = facet["index"]["byteStart"], facet["index"]["byteEnd"]
    assert text.encode()[start:end].decode() == f"@{pds_account.handle}"
    assert facet["features"][0]["did"] == pds_account.did


ALT = "Beadlet anemones opening in a tank before the water returns"


def blob(pds: LocalPds, account: PdsAccount, ref: dict[str, Any]) -> bytes:
    """A blob's bytes as the PDS serves them to anyone."""
    response = httpx.get(
        f"{pds.url}/xrpc/com.atproto.sync.getBlob",
        params={"did": account.did, "cid": ref["ref"]["$link"]},
        timeout=30,
    )
    response.raise_for_status()
    return response.content


def check_stripped(data: bytes, size: tuple[int, int]) -> None:
    """A JPEG of ``size`` with none of the phone's metadata left."""
    picture = opened(data)
    assert (picture.format, picture.size) == ("JPEG", size)
    assert not picture.getexif() and b"SN-4711-SECRET" not in data and b"shot at home" not in data


def test_a_thread_with_an_image_posts_it_with_alt_text_and_aspect_ratio(
    herald_env: dict[str, str], local_pds: LocalPds, pds_account: PdsAccount, tmp_path: Path
) -> None:
    """``queue add --image --alt`` with a phone photo (GPS, serial, turned sideways): the first
    post carries it upright, described, with its aspect ratio, and no metadata on the PDS."""
    photo = write(tmp_path / "phone.jpg", phone_jpeg(600, 400))
    draft = queue_thread(herald_env, ARTICLE, "lab-bluesky", "--image", str(photo), "--alt", ALT)
    run = herald(herald_env, "run", "--once")
    assert run.returncode == 0, run.stderr

    posted = records(local_pds, pds_account)
    assert [r["value"]["text"] for r in posted] == [p["text"] for p in draft["parts"]]
    gallery = posted[0]["value"]["embed"]
    assert gallery["$type"] == "app.bsky.embed.images"
    (image,) = gallery["images"]
    assert image["alt"] == ALT
    ratio = image["aspectRatio"]
    assert (ratio["width"], ratio["height"]) == (400, 600)  # the EXIF turn applied
    check_stripped(blob(local_pds, pds_account, image["image"]), (400, 600))
    assert all(r["value"].get("embed", {}).get("$type") != gallery["$type"] for r in posted[1:])
    (stored,) = state(herald_env, draft["id"])["parts"][0]["media"]  # recorded with the part
    assert stored == {"mime": "image/jpeg", "width": 400, "height": 600, "alt": ALT}


@pytest.mark.parametrize("embed", ["card", "image"])
def test_the_post_with_the_link_shows_the_image_as_its_card_or_instead(
    herald_env: dict[str, str],
    local_pds: LocalPds,
    pds_account: PdsAccount,
    isolated_herald: Path,
    tmp_path: Path,
    embed: str,
) -> None:
    """One post carries the link and the image: its card's thumbnail is the image (default), or
    with ``bluesky_embed = "image"`` the image is posted in the card's place."""
    config = isolated_herald / "config.toml"
    config.write_text(config.read_text() + f'bluesky_embed = "{embed}"\n')
    photo = write(tmp_path / "phone.jpg", phone_jpeg(600, 400))
    args = ("queue", "add", str(ARTICLE), "--to", "lab-bluesky", "--mode", "single", "--now")
    queued = herald(herald_env, *args, "--image", str(photo), "--alt", ALT)
    assert queued.returncode == 0, queued.stderr
    run = herald(herald_env, "run", "--once")
    assert run.returncode == 0, run.stderr

    (record,) = records(local_pds, pds_account)
    posted = record["value"]["embed"]
    if embed == "card":
        assert posted["$type"] == "app.bsky.embed.external"
        assert posted["external"]["uri"] == ARTICLE_URL
        thumb = posted["external"]["thumb"]
    else:
        assert posted["$type"] == "app.bsky.embed.images"
        assert posted["images"][0]["alt"] == ALT
        thumb = posted["images"][0]["image"]
    check_stripped(blob(local_pds, pds_account, thumb), (400, 600))
