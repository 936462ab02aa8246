"""The tick and images: uploads stored before the post, retried a bounded number of times, and a
platform adapter without image support publishing text with the reason recorded."""

from __future__ import annotations

import random
from pathlib import Path
from typing import Any, ClassVar

from posts.config import SchedulerSettings
from posts.queue import NewDraft, NewPart, Source, WorkerStore
from posts.queue.model import PartImage
from scheduler.adapters.base import (
    Adapter,
    Limits,
    MediaAdapter,
    MediaRef,
    OutgoingImage,
    OutgoingPart,
    PermanentError,
    PublishedRef,
    TransientError,
)
from scheduler.adapters.mock import MockAdapter
from scheduler.tick import TickPolicy, run_tick
from tests.media.images import phone_jpeg, write

SETTINGS = SchedulerSettings(max_attempts=3, backoff_base_seconds=30, backoff_max_seconds=600)


def tick(h: Any) -> None:
    run_tick(
        WorkerStore(h.store.db, "w1"),
        h.adapters.__getitem__,
        h.clock,
        policy=TickPolicy(settings=SETTINGS),
        gates=h.gates,
        rng=random.Random(7),
    )


def queue_with_image(h: Any, account: str, image: Path) -> str:
    new = NewDraft(
        account=account,
        platform="mastodon",
        source=Source("a.md", "0" * 64, "A"),
        parts=(NewPart("one", 3, images=(PartImage(str(image), "A photo"),)), NewPart("two", 3)),
        scheduled_at=h.clock(),
    )
    return str(h.store.add([new], now=h.clock())[0].id)


class TextOnly:
    """A third-party adapter that knows nothing of images (it wraps the mock for the rest)."""

    supports_lookup: ClassVar[bool] = True

    def __init__(self, inner: MockAdapter) -> None:
        self.inner = inner

    @classmethod
    def from_account(cls, account: Any, **_: Any) -> Adapter:
        raise NotImplementedError("built by the test")

    @property
    def limits(self) -> Limits:
        return self.inner.limits

    def publish(self, part: OutgoingPart) -> PublishedRef:
        return self.inner.publish(part)

    def lookup(self, part: OutgoingPart) -> PublishedRef | None:
        return self.inner.lookup(part)

    def verify(self) -> str:
        return "text only"

    def close(self) -> None:
        """Nothing held."""


class FlakyUploads(MockAdapter):
    """Uploads fail the way a network does (``failures`` times), or are refused for good."""

    failures = 0
    refuse = False

    def upload_image(self, image: OutgoingImage) -> MediaRef:
        if self.refuse:
            raise PermanentError("422 Unprocessable Entity: file type not allowed")
        if self.failures:
            self.failures -= 1
            raise TransientError("503 Service Unavailable")
        return super().upload_image(image)


def test_an_adapter_without_images_publishes_text_and_records_why(
    harness: Any, tmp_path: Path
) -> None:
    mock = harness.account("plugin", platform="mastodon")
    harness.adapters["plugin"] = TextOnly(mock)
    assert not isinstance(harness.adapters["plugin"], MediaAdapter)
    assert isinstance(mock, MediaAdapter)
    draft_id = queue_with_image(harness, "plugin", write(tmp_path / "p.jpg", phone_jpeg()))

    tick(harness)

    assert [line["media"] for line in harness.lines()] == [[], []]
    first = harness.store.get(draft_id).parts[0]
    assert first.status == "published"
    assert first.media_note == "the mastodon adapter posts text only"


def test_a_failing_upload_is_retried_then_the_post_goes_out_without_it(
    harness: Any, tmp_path: Path
) -> None:
    adapter = FlakyUploads(harness.account("m").account, harness.outbox, clock=harness.clock)
    adapter.failures = 5
    harness.adapters["m"] = adapter
    draft_id = queue_with_image(harness, "m", write(tmp_path / "p.jpg", phone_jpeg()))

    for _ in range(SETTINGS.max_attempts):
        tick(harness)
        harness.clock.advance(3600)

    parts = harness.store.get(draft_id).parts
    assert [p.status for p in parts] == ["published", "published"]
    assert parts[0].media_attempts == SETTINGS.max_attempts - 1
    assert parts[0].media_note == "upload failed 3 times: 503 Service Unavailable"
    assert harness.lines()[0]["media"] == []


def test_an_image_the_platform_refuses_is_left_out_at_once(harness: Any, tmp_path: Path) -> None:
    adapter = FlakyUploads(harness.account("m").account, harness.outbox, clock=harness.clock)
    adapter.refuse = True
    harness.adapters["m"] = adapter
    draft_id = queue_with_image(harness, "m", write(tmp_path / "p.jpg", phone_jpeg()))

    tick(harness)

    note = harness.store.get(draft_id).parts[0].media_note or ""
    assert note.startswith("the platform refused the image: 422")
    assert harness.store.get(draft_id).status == "published"


def test_a_part_interrupted_before_its_images_were_settled_gets_them(
    harness: Any, tmp_path: Path
) -> None:
    harness.account("m", platform="mastodon")
    draft_id = queue_with_image(harness, "m", write(tmp_path / "p.jpg", phone_jpeg()))
    dead = WorkerStore(harness.store.db, "dead")
    dead.claim_due(harness.clock(), 60, 10)
    dead.begin_part(draft_id, 0, "3kdeadkey2222", harness.clock())  # then the worker died
    harness.clock.advance(120)  # its lease is over

    tick(harness)

    first = harness.store.get(draft_id).parts[0]
    assert first.status == "published" and len(first.media) == 1
    assert harness.lines()[0]["media"][0]["alt"] == "A photo"
