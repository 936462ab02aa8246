"""Stored uploads expire (issue 13 follow-up): a part whose stored upload is older than its
platform's ``media_reuse_seconds`` at publish time uploads again, one younger reuses it, and a post
the platform refuses because it forgot the upload drops it and goes again once, uploading afresh.
Time is the harness's fake clock throughout."""

from __future__ import annotations

from dataclasses import replace
from datetime import timedelta
from pathlib import Path
from typing import Any

from posts import platforms
from posts.config import Account
from posts.queue import NewDraft, NewPart, Source, WorkerStore
from posts.queue.model import PartImage
from scheduler import media
from scheduler.adapters.base import (
    MediaExpiredError,
    MediaRef,
    OutgoingImage,
    OutgoingPart,
    PublishedRef,
)
from scheduler.adapters.mock import Failure, MockAdapter
from tests.media.images import phone_jpeg, write
from tests.scheduler.test_tick_images import tick  # the same tick over the same harness

HOUR = 3600


class CountingUploads(MockAdapter):
    """The mock, counting its uploads and its publish calls."""

    uploads = 0
    posts = 0

    def upload_image(self, image: OutgoingImage) -> MediaRef:
        self.uploads += 1
        return super().upload_image(image)

    def publish(self, part: OutgoingPart) -> PublishedRef:
        self.posts += 1
        return super().publish(part)


class ForgetsEveryUpload(CountingUploads):
    """A platform that refuses every post naming media as if it had forgotten them."""

    def publish(self, part: OutgoingPart) -> PublishedRef:
        if part.media:
            self.posts += 1
            raise MediaExpiredError("400 Bad Request: Your media IDs are invalid. (mock)")
        return super().publish(part)


def account(
    h: Any, platform: str, fail: tuple[str, ...] = (), kind: type[CountingUploads] = CountingUploads
) -> CountingUploads:
    failures = [Failure.parse(f, "m") for f in fail]
    adapter = kind(Account("m", platform, mock=True), h.outbox, failures=failures, clock=h.clock)
    h.adapters["m"] = adapter
    return adapter


def queue_with_image(h: Any, platform: str, image: Path) -> str:
    new = NewDraft(
        account="m",
        platform=platform,
        source=Source("a.md", "0" * 64, "A"),
        parts=(NewPart("one", 3, images=(PartImage(str(image), "A photo"),)),),
        scheduled_at=h.clock(),
    )
    return str(h.store.add([new], now=h.clock())[0].id)


def upload_then_die(h: Any, adapter: MockAdapter, draft_id: str) -> MediaRef:
    """A worker that uploaded the part's image, stored it, and was killed before the post."""
    dead = WorkerStore(h.store.db, "dead")
    dead.claim_due(h.clock(), 60, 10)
    part = h.store.get(draft_id).parts[0]
    ref = adapter.upload_image(media.outgoing_image(part.images[0], adapter.image_limits()))
    dead.part_media(draft_id, 0, media.stored((ref,)), h.clock())
    return ref


def test_a_stored_upload_older_than_the_platform_allows_is_made_again(
    harness: Any, tmp_path: Path
) -> None:
    adapter = account(harness, "x", fail=("rate_limit:46800",))  # 13 h: past X's 12 h
    draft_id = queue_with_image(harness, "x", write(tmp_path / "p.jpg", phone_jpeg()))
    tick(harness)
    first = harness.store.get(draft_id).parts[0]
    assert first.status == "pending" and first.media_uploaded_at == harness.clock()

    harness.clock.advance(46800)
    tick(harness)

    part = harness.store.get(draft_id).parts[0]
    assert adapter.uploads == 2 and part.status == "published"
    assert part.media != first.media and part.media_uploaded_at == harness.clock()
    assert len(harness.lines()) == 1  # out once, with the new upload
    assert harness.lines()[0]["media"][0]["file"] == part.media[0].value


def test_a_stored_upload_younger_than_that_is_reused(harness: Any, tmp_path: Path) -> None:
    adapter = account(harness, "x", fail=("rate_limit:3600",))
    draft_id = queue_with_image(harness, "x", write(tmp_path / "p.jpg", phone_jpeg()))
    tick(harness)
    stored = harness.store.get(draft_id).parts[0].media

    harness.clock.advance(HOUR)
    tick(harness)

    part = harness.store.get(draft_id).parts[0]
    assert adapter.uploads == 1 and part.status == "published" and part.media == stored
    assert harness.lines()[0]["media"][0]["file"] == stored[0].value


def test_a_crash_between_upload_and_post_never_uploads_twice_within_the_age(
    harness: Any, tmp_path: Path
) -> None:
    adapter = account(harness, "bluesky")  # the shortest age: ten minutes
    draft_id = queue_with_image(harness, "bluesky", write(tmp_path / "p.jpg", phone_jpeg()))
    ref = upload_then_die(harness, adapter, draft_id)
    harness.clock.advance(120)  # the dead worker's lease is over; the upload is 2 minutes old

    tick(harness)

    assert adapter.uploads == 1 and adapter.posts == 1
    assert harness.store.get(draft_id).parts[0].status == "published"
    assert harness.lines()[0]["media"][0]["file"] == ref.value


def test_a_post_refused_for_a_forgotten_upload_uploads_again_and_goes_out_once(
    harness: Any, tmp_path: Path
) -> None:
    adapter = account(harness, "mastodon")
    draft_id = queue_with_image(harness, "mastodon", write(tmp_path / "p.jpg", phone_jpeg()))
    ref = upload_then_die(harness, adapter, draft_id)
    Path(ref.value).unlink()  # the platform deleted it early: the mock answers "unknown media"
    harness.clock.advance(120)

    tick(harness)
    tick(harness)  # the part goes again at once: this tick or the next

    part = harness.store.get(draft_id).parts[0]
    assert part.status == "published" and adapter.uploads == 2 and adapter.posts == 2
    assert part.media[0].value != ref.value
    assert [line["media"][0]["file"] for line in harness.lines()] == [part.media[0].value]


def test_a_fresh_upload_refused_the_same_way_fails_the_part_after_one_more_try(
    harness: Any, tmp_path: Path
) -> None:
    adapter = account(harness, "mastodon", kind=ForgetsEveryUpload)
    draft_id = queue_with_image(harness, "mastodon", write(tmp_path / "p.jpg", phone_jpeg()))
    upload_then_die(harness, adapter, draft_id)
    harness.clock.advance(120)

    tick(harness)
    tick(harness)  # the part goes again at once: this tick or the next

    draft = harness.store.get(draft_id)
    assert draft.status == "failed" and adapter.uploads == 2 and adapter.posts == 2
    assert "media IDs are invalid" in (draft.parts[0].last_error or "")
    assert harness.lines() == []


def test_each_platform_reuses_an_upload_for_less_than_it_keeps_one(harness: Any) -> None:
    ages = {name: platforms.get(name).media_reuse_seconds for name in ("x", "mastodon", "bluesky")}
    assert ages == {"x": 12 * HOUR, "mastodon": 12 * HOUR, "bluesky": 600}
    now = harness.clock()
    part = replace(_stored_part(harness, now), media_uploaded_at=now - timedelta(seconds=599))
    assert media.reusable(part, "bluesky", now)
    old = replace(part, media_uploaded_at=now - timedelta(seconds=600))
    assert not media.reusable(old, "bluesky", now)
    assert not media.reusable(replace(part, media_uploaded_at=None), "x", now)  # age unknown


def _stored_part(h: Any, now: Any) -> Any:
    """A part with one stored upload (its time set by the caller)."""
    new = NewDraft("m", "x", Source("a.md", "0" * 64, "A"), (NewPart("one", 3),), now)
    part = h.store.add([new], now=now)[0].parts[0]
    return replace(part, media=media.stored((MediaRef("id", "image/jpeg", 1, 1, "alt"),)))
