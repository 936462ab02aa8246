"""Build a :class:`Preview` from stored drafts, or from an article that is not queued yet.

Both paths meet in :func:`draft_preview`, so a queued draft and a fresh rendition of the same
article are measured, highlighted and linted by the same code. Nothing here writes: the store is
only read, and never created when it does not exist.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, replace
from datetime import datetime, timedelta
from itertools import takewhile
from typing import Any

from posts.app.enqueue import render, resolve_accounts
from posts.config import Account, Config
from posts.counting import measure
from posts.errors import NotFoundError
from posts.model import Article, CondenseOptions
from posts.queue import DraftStore, open_readonly
from posts.queue.model import Draft, PartImage
from scheduler.holds import hold_reasons
from scheduler.preview.highlight import spans
from scheduler.preview.lint import LIVE_STATUSES, LintLimits, QueuedPost, lint
from scheduler.preview.model import DraftPreview, ImagePreview, LinkCard, PartPreview, Preview
from scheduler.preview.parity import parity
from scheduler.retry import Pacing
from scheduler.tick import TickPolicy

UPCOMING = ("draft", "awaiting", "scheduled", "publishing")  # what `herald preview` shows


@dataclass(frozen=True)
class Selection:
    """Which stored drafts to preview: ids, those due within a window, upcoming, or all."""

    ids: tuple[str, ...] = ()
    due_within: timedelta | None = None
    everything: bool = False


@dataclass(frozen=True)
class PartInput:
    """One post as stored or rendered, before measuring and highlighting."""

    text: str
    facets: tuple[dict[str, Any], ...] = ()
    embed: dict[str, Any] | None = None
    status: str | None = None
    url: str | None = None
    images: tuple[PartImage, ...] = ()
    media_note: str | None = None


def _card(parts: Sequence[PartInput]) -> LinkCard | None:
    for index, part in enumerate(parts):
        if part.embed:
            external = part.embed.get("external", part.embed)
            image = external.get("thumb_url")  # fetched and uploaded at publish time
            return LinkCard(
                uri=str(external.get("uri", "")),
                title=str(external.get("title", "")),
                description=str(external.get("description", "")),
                image=image if isinstance(image, str) else None,
                part=index,
            )
    return None


def draft_preview(
    *,
    account: Account,
    timezone: str,
    draft_id: str | None,
    status: str,
    scheduled_at: datetime | None,
    title: str,
    url: str | None,
    source_key: str,
    limit: int,
    parts: Sequence[PartInput],
    hashtags_dropped: Sequence[str] = (),
) -> DraftPreview:
    """Measure every part by the platform's rule now (an edit may have changed it); highlight."""
    platform = account.platform
    previews = tuple(
        PartPreview(
            index=i,
            text=p.text,
            length=measure(platform, p.text),
            limit=limit,
            spans=spans(platform, p.text, p.facets),
            status=p.status,
            url=p.url,
            images=tuple(ImagePreview(image.src, image.alt) for image in p.images),
            media_note=p.media_note,
        )
        for i, p in enumerate(parts)
    )
    kept: dict[str, str] = {}
    for part in previews:
        for span in part.spans:
            if span.kind == "tag" and span.target:
                kept.setdefault(span.target.casefold(), span.target)
    return DraftPreview(
        draft_id=draft_id,
        account=account.name,
        platform=platform,
        status=status,
        scheduled_at=scheduled_at,
        timezone=account.timezone or timezone,
        title=title,
        url=url,
        parts=previews,
        card=_card(parts),
        hashtags_kept=tuple(kept.values()),
        hashtags_dropped=tuple(hashtags_dropped),
        source_key=source_key,
        handle=account.settings.get("handle"),
    )


def stored_preview(draft: Draft, config: Config) -> DraftPreview:
    """A stored draft as the preview shows it."""
    account = config.accounts.get(draft.account) or Account(draft.account, draft.platform)
    return draft_preview(
        account=account,
        timezone=config.timezone,
        draft_id=draft.id,
        status=draft.status,
        scheduled_at=draft.scheduled_at,
        title=draft.source.title,
        url=draft.source.url,
        source_key=draft.source.content_hash or draft.source.path,
        limit=draft.limit,
        parts=[
            PartInput(p.text, p.facets, p.embed, p.status, p.remote_url, p.images, p.media_note)
            for p in draft.parts
        ],
    )


def lint_limits(account: Account, pacing: Pacing, problem: str | None = None) -> LintLimits:
    """The account's editorial limits, falling back to what condensing uses by default."""
    return LintLimits(
        hashtag_cap=account.hashtag_cap,
        max_posts=account.max_posts or CondenseOptions().max_posts,
        pacing_gap=pacing.min_gap,
        daily_quota=account.daily_quota,
        account_problem=problem,
    )


DONE = ("published", "cancelled")  # nothing left to publish: the account's state does not matter


def queued_post(draft: Draft) -> QueuedPost:
    at = draft.scheduled_at
    if draft.status in ("published", "partial"):
        at = max((p.updated_at for p in draft.parts if p.status == "published"), default=at)
    return QueuedPost(draft.id, draft.account, draft.status, at, tuple(p.text for p in draft.parts))


def finish(
    drafts: Sequence[DraftPreview],
    queued: Sequence[QueuedPost],
    config: Config,
    now: datetime,
    held: Mapping[str, str] | None = None,
) -> Preview:
    """Lint every draft against the others and add the parity table. ``held``: the reasons of
    accounts the publisher holds (from the store)."""
    pacing = TickPolicy.from_config(config).pacing  # the daemon's own pacing rules
    problems = hold_reasons((d.account for d in drafts if d.status not in DONE), config, held)
    linted = []
    for d in drafts:
        account = config.accounts.get(d.account) or Account(d.account, d.platform)
        problem = problems.get(d.account) if d.status not in DONE else None
        limits = lint_limits(account, pacing.get(d.account, Pacing()), problem)
        linted.append(replace(d, warnings=tuple(lint(d, queued, limits))))
    return Preview(
        generated_at=now,
        timezone=config.timezone,
        drafts=tuple(linted),
        parity=parity(linted),
    )


def select(store: DraftStore, selection: Selection, now: datetime) -> list[Draft]:
    """The drafts a selection names, in schedule order (unscheduled last)."""
    if selection.ids:
        return [store.get(i) for i in selection.ids]
    drafts = store.iter_drafts(status=None if selection.everything else UPCOMING)
    if selection.due_within is None:
        chosen = list(drafts)
    else:  # pages come in schedule order, unscheduled first: stop reading at the horizon
        horizon = now + selection.due_within
        due = takewhile(lambda d: d.scheduled_at is None or d.scheduled_at <= horizon, drafts)
        chosen = [d for d in due if d.scheduled_at is not None]
    far = datetime.max.replace(tzinfo=now.tzinfo)
    return sorted(chosen, key=lambda d: (d.scheduled_at or far, d.account, d.id))


def account_history(store: DraftStore, accounts: Iterable[str]) -> list[QueuedPost]:
    """Every live draft of these accounts, for the duplicate, collision and quota rules."""
    return [
        queued_post(d)
        for account in sorted(set(accounts))
        for d in store.iter_drafts(status=LIVE_STATUSES, account=account)
    ]


def preview_store(
    store: DraftStore, selection: Selection, config: Config, now: datetime
) -> Preview:
    """Preview stored drafts; unknown ids raise NotFoundError before anything is shown."""
    drafts = select(store, selection, now)
    queued = account_history(store, (d.account for d in drafts))
    held = {h.account: h.reason for h in store.holds()}
    return finish([stored_preview(d, config) for d in drafts], queued, config, now, held)


def preview_queue(selection: Selection, config: Config, now: datetime) -> Preview:
    """Preview stored drafts from the configured store; a store not created yet is empty."""
    store = open_readonly(config.database, config.database_timeout)
    if store is None:
        if selection.ids:
            raise NotFoundError(f"no draft with id '{selection.ids[0]}' (the queue is empty)")
        return finish((), (), config, now)
    try:
        return preview_store(store, selection, config, now)
    finally:
        store.close()


def article_preview(article: Article, account: Account, config: Config) -> DraftPreview:
    """The article formatted for ``account`` exactly as ``herald queue add`` would store it."""
    new = render(article, account, config)
    kept = {
        s.target.casefold()
        for p in new.parts
        for s in spans(account.platform, p.text, p.facets)
        if s.kind == "tag" and s.target
    }
    return draft_preview(
        account=account,
        timezone=config.timezone,
        draft_id=None,
        status="not queued",
        scheduled_at=None,
        title=article.title,
        url=article.url,
        source_key=article.content_hash or article.source,
        limit=new.limit,
        parts=[PartInput(p.text, p.facets, p.embed, images=p.images) for p in new.parts],
        hashtags_dropped=[t for t in article.hashtags if t.casefold() not in kept],
    )


def preview_article(
    path: str, account_names: Sequence[str], config: Config, now: datetime, *, url: str | None
) -> Preview:
    """Preview an article that is not queued (for every account when none is named), linted
    against what those accounts already have queued or published."""
    from posts.article import load_article

    article = load_article(path, url=url)
    accounts = (
        resolve_accounts(config, account_names) if account_names else config.accounts.values()
    )
    drafts = [article_preview(article, a, config) for a in accounts]
    store = open_readonly(config.database, config.database_timeout)
    if store is None:
        return finish(drafts, (), config, now)
    try:
        queued = account_history(store, (d.account for d in drafts))
    finally:
        store.close()
    return finish(drafts, queued, config, now)
