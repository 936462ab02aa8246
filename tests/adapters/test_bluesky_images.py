"""Bluesky images over faked HTTP: the blob upload, the gallery with alt text and aspect ratio, the
link card whose thumbnail is the image, ``bluesky_embed``, and the blob size the server allows."""

from __future__ import annotations

import json
from dataclasses import replace
from pathlib import Path
from typing import Any

import httpx
import pytest

from scheduler.adapters.base import (
    MediaExpiredError,
    MediaRef,
    OutgoingImage,
    OutgoingPart,
    PermanentError,
)
from scheduler.adapters.bluesky import BlueskyAdapter
from scheduler.adapters.credentials import CredentialError
from scheduler.adapters.tid import new_tid

from .conftest import BlueskyHarness

JPEG = b"\xff\xd8\xff\xe0" + b"\x00" * 50
CARD = {
    "$type": "app.bsky.embed.external",
    "external": {
        "uri": "https://example.org/tide-pools",
        "title": "Tide pools keep time",
        "description": "Notes from the lab",
        "thumb_url": "https://images.example/lead.jpg",
    },
}


def build(harness: BlueskyHarness, data_dir: Path, **settings: str) -> BlueskyAdapter:
    harness.account = replace(harness.account, settings={**harness.account.settings, **settings})
    adapter = harness.build(data_dir)
    assert isinstance(adapter, BlueskyAdapter)
    return adapter


def upload(adapter: BlueskyAdapter, alt: str = "Anemones at low tide") -> MediaRef:
    return adapter.upload_image(OutgoingImage(JPEG, "image/jpeg", 1600, 900, alt))


def post(adapter: BlueskyAdapter, *media: MediaRef, embed: Any = None) -> None:
    adapter.publish(OutgoingPart("d", 0, 1, "Low tide", new_tid(), embed=embed, media=media))


def embed_of(harness: BlueskyHarness) -> dict[str, Any]:
    *_, sent = harness.sent()
    embed: dict[str, Any] = sent.body["record"]["embed"]
    return embed


def test_images_go_out_with_alt_text_and_aspect_ratio(
    bluesky_harness: BlueskyHarness, tmp_path: Path
) -> None:
    adapter = build(bluesky_harness, tmp_path)
    first, second = upload(adapter), upload(adapter, alt="")
    post(adapter, first, second)

    (call, _) = bluesky_harness.uploads_route.calls
    assert call.request.headers["content-type"] == "image/jpeg"
    assert call.request.content == JPEG
    embed = embed_of(bluesky_harness)
    assert embed["$type"] == "app.bsky.embed.images"
    blob = json.loads(first.value)
    assert blob["ref"]["$link"].startswith("bafkrei") and blob["size"] == len(JPEG)
    ratios = [{k: v for k, v in i["aspectRatio"].items() if k != "$type"} for i in embed["images"]]
    assert list(zip([i["alt"] for i in embed["images"]], ratios, strict=True)) == [
        ("Anemones at low tide", {"width": 1600, "height": 900}),
        ("", {"width": 1600, "height": 900}),
    ]
    assert embed["images"][0]["image"]["ref"] == blob["ref"]


def test_the_post_with_the_link_keeps_its_card_with_the_image_as_thumbnail(
    bluesky_harness: BlueskyHarness, tmp_path: Path
) -> None:
    adapter = build(bluesky_harness, tmp_path)
    ref = upload(adapter)
    post(adapter, ref, embed=CARD)
    external = embed_of(bluesky_harness)["external"]
    assert embed_of(bluesky_harness)["$type"] == "app.bsky.embed.external"
    assert external["uri"] == "https://example.org/tide-pools"
    assert external["thumb"]["ref"] == json.loads(ref.value)["ref"]
    assert len(bluesky_harness.uploads()) == 1  # the card's own thumb_url was not fetched


def test_bluesky_embed_image_posts_the_image_instead_of_the_card(
    bluesky_harness: BlueskyHarness, tmp_path: Path
) -> None:
    adapter = build(bluesky_harness, tmp_path, bluesky_embed="image")
    post(adapter, upload(adapter), embed=CARD)
    embed = embed_of(bluesky_harness)
    assert embed["$type"] == "app.bsky.embed.images"
    assert embed["images"][0]["alt"] == "Anemones at low tide"


def test_an_unknown_bluesky_embed_is_a_config_error_naming_the_account(
    bluesky_harness: BlueskyHarness, tmp_path: Path
) -> None:
    with pytest.raises(CredentialError, match=r"lab-bluesky.*bluesky_embed = 'gallery'"):
        build(bluesky_harness, tmp_path, bluesky_embed="gallery")


@pytest.mark.parametrize(
    ("said", "allowed"),
    [(None, 1_000_000), (5_242_880, 1_000_000), (500_000, 500_000), ("lots", 1_000_000)],
)
def test_the_blob_limit_is_the_lexicons_or_the_servers_if_lower(
    bluesky_harness: BlueskyHarness, tmp_path: Path, said: object, allowed: int
) -> None:
    description: dict[str, Any] = {"did": "did:web:pds.example", "availableUserDomains": []}
    if said is not None:
        description["blobUploadLimit"] = said
    bluesky_harness.describe.mock(return_value=httpx.Response(200, json=description))
    assert build(bluesky_harness, tmp_path).image_limits().max_bytes == allowed


def test_a_server_that_cannot_describe_itself_gets_the_lexicons_limit(
    bluesky_harness: BlueskyHarness, tmp_path: Path
) -> None:
    bluesky_harness.describe.mock(return_value=httpx.Response(502))
    adapter = build(bluesky_harness, tmp_path)
    assert adapter.image_limits().max_bytes == 1_000_000
    bluesky_harness.describe.mock(
        return_value=httpx.Response(
            200, json={"did": "d", "availableUserDomains": [], "blobUploadLimit": 300_000}
        )
    )
    assert adapter.image_limits().max_bytes == 300_000  # asked again: the failure was not kept


def test_a_post_naming_a_blob_the_pds_no_longer_has_is_told_apart(
    bluesky_harness: BlueskyHarness, tmp_path: Path
) -> None:
    """The PDS's answer to a record naming a blob it deleted (unused uploads are dropped within
    minutes), as the SDK raises it: the tick drops the stored upload and uploads again."""
    adapter = build(bluesky_harness, tmp_path)
    ref = upload(adapter)
    cid = json.loads(ref.value)["ref"]["$link"]
    gone = {"error": "BlobNotFound", "message": f"Could not find blob: {cid}"}
    bluesky_harness.create_answers.append(httpx.Response(400, json=gone))
    with pytest.raises(MediaExpiredError, match=f"Could not find blob: {cid}"):
        post(adapter, ref)
    looked_up = [c for c in bluesky_harness.router.calls if "getRecord" in c.request.url.path]
    assert looked_up == []  # refused before anything was written: nothing to look for
    bluesky_harness.serve_error("bad_request")
    with pytest.raises(PermanentError) as other:  # any other refusal stays a plain one
        post(adapter, ref)
    assert not isinstance(other.value, MediaExpiredError)
