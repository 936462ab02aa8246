"""Which image goes with which post, with what alt text, and the accounts' image rules.

The article's lead image goes with the first post unless the user names another (``--image``) or
none (``--no-image``); ``--alt`` gives or replaces its description. The image itself is only read
when it is published (and by ``queue add --image`` for a local file, to refuse a non-image at
once). Two account settings make images strict: ``require_alt`` refuses to schedule an image
without alt text, ``require_image`` holds a part whose image cannot be read instead of publishing
it without.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace
from datetime import datetime
from pathlib import Path

from posts.app.editing import CONTROL
from posts.config import Account
from posts.errors import ConfigError, InputError
from posts.model import Article
from posts.queue.drafts import DraftStore
from posts.queue.model import Draft, NewPart, PartImage

MAX_ALT = 1000  # characters: X's limit for alt text, the smallest of the three platforms


@dataclass(frozen=True)
class ImageRequest:
    """The user's say on images: another ``image`` (a path or URL), an ``alt`` text, or
    ``none`` at all; all unset, the article's own lead image and description."""

    image: str | None = None
    alt: str | None = None
    none: bool = False
    focus: str | None = None  # "X,Y": the focal point a cropped preview keeps (Mastodon)


def required(account: Account, flag: str) -> bool:
    """The account's ``require_alt`` / ``require_image`` (false when unset)."""
    value = account.settings.get(flag, False)
    if not isinstance(value, bool):
        raise ConfigError(f"accounts.{account.name}.{flag}: expected true or false")
    return value


def checked_alt(alt: str) -> str:
    """Alt text as given, refused when it holds control characters or is too long."""
    text = alt.strip()
    if CONTROL.search(text):
        raise InputError("the alt text contains control characters; remove them")
    if len(text) > MAX_ALT:
        raise InputError(f"the alt text is {len(text):,} characters; the most is {MAX_ALT:,}")
    return text


def chosen_images(article: Article, request: ImageRequest) -> tuple[PartImage, ...]:
    """The images of a new draft: the request's, else the article's lead image."""
    _refuse_contradiction(request)
    if request.none:
        return ()
    alt = None if request.alt is None else checked_alt(request.alt)
    focus = checked_focus(request.focus)
    if request.image is not None:
        return (PartImage(typed_source(request.image, Path.cwd()), alt, focus),)
    if article.image is None:
        if alt is not None or focus is not None:
            raise InputError("the article has no image to describe; give one with --image")
        return ()
    described = alt if alt is not None else _article_alt(article)
    return (PartImage(article.image, described, focus),)


def checked_focus(text: str | None) -> tuple[float, float] | None:
    """``"X,Y"`` as Mastodon's focal point: two numbers from -1 (left, bottom) to 1 (right,
    top), 0,0 the centre; None when not given."""
    if text is None:
        return None
    try:
        x, y = (float(v) for v in text.split(","))
    except ValueError:
        raise InputError(f"focus {text!r}: expected X,Y such as 0,0.5") from None
    if not (-1 <= x <= 1 and -1 <= y <= 1):
        raise InputError(f"focus {text!r}: each number must be from -1 to 1 (0,0 is the centre)")
    return (x, y)


def _refuse_contradiction(request: ImageRequest) -> None:
    asked = (request.image, request.alt, request.focus)
    if request.none and any(value is not None for value in asked):
        raise InputError("no image was asked for; an image, alt text or focus cannot go with it")


def _article_alt(article: Article) -> str | None:
    """The article's own description, cut to :data:`MAX_ALT` (a caption can be long)."""
    text = (article.image_alt or "").strip()
    return text[:MAX_ALT] or None


def typed_source(source: str, base: Path) -> str:
    """``--image`` as stored: a URL as it is; a path made absolute, and proved to be an image
    now (a typo should fail here, not at publish time)."""
    from posts.media.preparing import check
    from posts.media.reading import is_url, read_source

    if is_url(source):
        return source
    path = str((base / Path(source).expanduser()).resolve())
    check(read_source(path), f"image {source}")
    return path


def with_images(parts: Sequence[NewPart], images: Sequence[PartImage]) -> tuple[NewPart, ...]:
    """The images go with the first post."""
    return tuple(replace(p, images=tuple(images)) if i == 0 else p for i, p in enumerate(parts))


def refuse_missing_alt(account: Account, draft: str, images: Sequence[PartImage]) -> None:
    """With ``require_alt``, an image without alt text cannot be scheduled for ``account``."""
    if _undescribed(account, images):
        raise InputError(
            f"{draft} for {account.name} has an image without alt text and the account requires "
            "it (require_alt = true); give one with --alt TEXT, or send no image with --no-image"
        )


def refuse_stored_missing_alt(account: Account, draft: Draft) -> None:
    """``require_alt`` for a draft already stored (rescheduled, approved): its image may have
    lost its description since it was queued (another image given without alt text), and the
    fix is an edit of that draft, so the error names the draft for the CLI's hint."""
    if _undescribed(account, [i for p in draft.parts for i in p.images]):
        raise InputError(
            f"draft {draft.id} for {account.name} has an image without alt text and the account "
            "requires it (require_alt = true)",
            remedy="describe-image",
            draft_id=draft.id,
        )


def _undescribed(account: Account, images: Sequence[PartImage]) -> bool:
    return required(account, "require_alt") and any(not i.alt for i in images)


def edit_images(
    store: DraftStore, draft_id: str, request: ImageRequest, now: datetime, base: Path
) -> Draft:
    """Give a draft another image, alt text, or none, on the post that has the image (else the
    first); the post must not be sent yet."""
    draft = store.get(draft_id)
    index = next((p.index for p in draft.parts if p.images), 0)
    current = draft.parts[index].images
    _refuse_contradiction(request)
    if request.none:
        return store.set_images(draft.id, index, (), now)
    alt = None if request.alt is None else checked_alt(request.alt) or None
    focus = checked_focus(request.focus)
    if request.image is not None:
        image = PartImage(typed_source(request.image, base), alt, focus)
        images: tuple[PartImage, ...] = (image, *current[1:])
    elif current:
        first = current[0]
        kept = (first.alt if request.alt is None else alt, first.focus if focus is None else focus)
        images = (replace(first, alt=kept[0], focus=kept[1]), *current[1:])
    else:
        raise InputError(f"draft {draft.id} has no image to describe; give one with --image")
    return store.set_images(draft.id, index, images, now)
