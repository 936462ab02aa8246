"""Images in the draft store, on SQLite and PostgreSQL: per-part images and alt text, the uploads
stored before the post, the note of a part sent without its image."""

from __future__ import annotations

from datetime import timedelta

import pytest

from posts.errors import InputError
from posts.queue import DraftStore, NewDraft, NewPart, Source
from posts.queue.model import PartImage, StoredMedia
from tests.queue.conftest import NOW, worker

PHOTO = PartImage("/srv/articles/heron.jpg", "A grey heron")
UPLOADED = StoredMedia('{"$type": "blob", "ref": "bafy"}', "image/jpeg", 1200, 800, "A grey heron")


def add(store: DraftStore) -> str:
    new = NewDraft(
        account="a",
        platform="bluesky",
        source=Source("a.md", "0" * 64, "A"),
        parts=(NewPart("one", 3, images=(PHOTO,)), NewPart("two", 3)),
        scheduled_at=NOW,
    )
    return store.add([new], now=NOW)[0].id


def test_images_uploads_and_notes_are_kept_per_part(store: DraftStore) -> None:
    draft_id = add(store)
    assert [p.images for p in store.get(draft_id).parts] == [(PHOTO,), ()]
    work = worker(store)
    work.claim_due(NOW, 60, 10)

    work.part_media(draft_id, 0, [UPLOADED], NOW)
    work.part_media_note(draft_id, 1, "no image for this one", NOW)
    work.part_media_retry(draft_id, 1, "503", NOW + timedelta(minutes=1), NOW)

    first, second = store.get(draft_id).parts
    assert (first.media, first.media_note) == ((UPLOADED,), None)
    assert (second.media, second.media_note, second.media_attempts) == (
        (),
        "no image for this one",
        1,
    )
    assert [e.kind for e in store.history(draft_id)][-3:] == ["media", "media-note", "retry"]


def test_new_images_forget_the_old_uploads_and_a_sent_part_keeps_its_own(
    store: DraftStore,
) -> None:
    draft_id = add(store)
    work = worker(store)
    work.claim_due(NOW, 60, 10)
    work.part_media(draft_id, 0, [UPLOADED], NOW)
    work.postpone(draft_id, NOW, "test", NOW)

    other = PartImage("https://example.org/nest.jpg", None)
    part = store.set_images(draft_id, 0, (other,), NOW).parts[0]
    assert (part.images, part.media) == ((other,), ())

    work.claim_due(NOW, 60, 10)
    work.begin_part(draft_id, 0, "3kkey", NOW)
    work.postpone(draft_id, NOW, "test", NOW)
    with pytest.raises(InputError, match="already sent"):
        store.set_images(draft_id, 0, (), NOW)


def test_a_retried_part_tries_its_image_again(store: DraftStore) -> None:
    draft_id = add(store)
    work = worker(store)
    work.claim_due(NOW, 60, 10)
    work.part_media_note(draft_id, 0, "image gone", NOW)
    work.part_failed(draft_id, 0, "400", NOW)
    work.finish(draft_id, "failed", NOW)

    part = store.retry(draft_id, NOW).parts[0]
    assert (part.status, part.media_note, part.images) == ("pending", None, (PHOTO,))
