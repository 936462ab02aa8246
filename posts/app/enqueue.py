"""Putting articles in the queue: format for each account, choose times, check quotas, store.

Times, slots and quotas are decided inside the same write transaction that stores the drafts, so
two adders asking for the next free slot at once never take the same slot or overrun a quota.
Everything is validated before anything is written: one bad file, account or time stores nothing.
"""

from __future__ import annotations

import bisect
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from datetime import datetime, timedelta
from itertools import accumulate
from typing import Literal, cast

from posts.app.images import (
    ImageRequest,
    chosen_images,
    refuse_missing_alt,
    refuse_stored_missing_alt,
    with_images,
)
from posts.app.notices import Notify, awaiting_approval, ignore
from posts.config import Account, Config
from posts.errors import InputError, NotFoundError, quoted
from posts.model import Article, CondenseOptions, Rendition
from posts.queue.drafts import Booking, DraftStore, Planning
from posts.queue.model import Approval, Draft, NewDraft, NewPart, PartImage, Source
from posts.schedule.slots import FreeSlots, parse_slots
from posts.schedule.times import When, check_range, parse_when

DAY = timedelta(hours=24)
_FAR = timedelta(days=3660)  # how far ahead slot planning looks for taken slots


@dataclass(frozen=True)
class Timing:
    """When new drafts go out: ``kind`` is "draft" (unscheduled), "at", "now" or "next-slot".

    A typed local time means each account's own zone, so "at" times may differ per account
    (``by_account``); ``when`` applies to any account not listed there.
    """

    kind: str
    when: When | None = None
    by_account: Mapping[str, When] = field(default_factory=dict)
    hold: bool = False  # store awaiting approval: the time (or rule) applies once approved


@dataclass(frozen=True)
class Queued:
    """A stored draft and, when its time was ambiguous, the note saying how it was read."""

    draft: Draft
    note: str | None = None


def resolve_accounts(config: Config, names: Sequence[str]) -> list[Account]:
    """``["demo-x", "demo-bluesky"]`` → accounts; an unknown name lists the configured ones."""
    out: list[Account] = []
    for raw in names:
        for name in (n.strip() for n in raw.split(",")):
            if not name:
                continue
            if name not in config.accounts:
                known = ", ".join(sorted(config.accounts)) or "none"
                raise NotFoundError(f"unknown account {quoted(name)}; configured accounts: {known}")
            if config.accounts[name] not in out:
                out.append(config.accounts[name])
    if not out:
        raise InputError("no account given")
    return out


@dataclass(frozen=True)
class WhenRequest:
    """When new drafts go out, as asked: ``kind`` "draft" (unscheduled), "now", "next-slot", or
    "at" the typed time ``at`` (in each account's zone; ``allow_past``: a past time is due now)."""

    kind: Literal["draft", "now", "next-slot", "at"]
    at: str | None = None
    allow_past: bool = False
    hold: bool = False  # awaiting approval: nothing goes out until someone approves it


@dataclass(frozen=True)
class QueueRequest:
    """Queue articles (paths, or ``-``) for accounts (names, comma-separated allowed)."""

    paths: Sequence[str]
    accounts: Sequence[str]
    when: WhenRequest
    mode: str | None = None  # single, thread or auto; None: each account's config
    force: bool = False  # beyond an account's daily quota
    images: ImageRequest = field(default_factory=ImageRequest)  # another image, alt, or none


@dataclass(frozen=True)
class RescheduleRequest:
    """Move one draft to a typed time (``allow_past``: a past time is due now)."""

    draft_id: str
    at: str
    allow_past: bool = False
    force: bool = False  # beyond the account's daily quota


def timing(
    config: Config, accounts: Sequence[Account], asked: WhenRequest, now: datetime
) -> Timing:
    """The asked time, read in each account's zone and checked against its slots."""
    if asked.kind == "next-slot":
        for account in accounts:
            if not account.slots:
                raise no_slots(account)
    if asked.hold and asked.kind == "draft":
        raise InputError("an unscheduled draft cannot also await approval; give a time")
    if asked.kind != "at" or asked.at is None:
        return Timing(asked.kind, When(now) if asked.kind == "now" else None, hold=asked.hold)
    by_account = {a.name: _when(config, a, asked.at, asked.allow_past, now) for a in accounts}
    return Timing("at", by_account=by_account, hold=asked.hold)


def no_slots(account: Account) -> InputError:
    """The next slot asked of an account that has none."""
    return InputError(
        f"account '{account.name}' has no posting slots; add `slots` to its config or give a time",
        remedy="give-time",
    )


def _when(config: Config, account: Account, at: str, allow_past: bool, now: datetime) -> When:
    zone = account.timezone or config.timezone
    return parse_when(at, zone, now, allow_past=allow_past, date_order=config.date_order)


def render(
    article: Article,
    account: Account,
    config: Config,
    mode: str | None = None,
    images: tuple[PartImage, ...] | None = None,
) -> NewDraft:
    """Format ``article`` for ``account``'s platform (unscheduled; planning sets the time);
    ``images`` go with the first post (None: the article's lead image)."""
    from posts.condensing import condense

    options = CondenseOptions(
        max_posts=account.max_posts or CondenseOptions.max_posts,
        hashtag_cap=account.hashtag_cap,
        limit=account.max_length,
        template_dir=config.templates_dir,
        link=account.link or CondenseOptions.link,
    )
    chosen = mode or account.mode or config.mode
    rendition = condense(article, account.platform, mode=chosen, options=options)
    return NewDraft(
        account=account.name,
        platform=account.platform,
        source=Source(
            path=article.source,
            content_hash=article.content_hash,
            title=article.title,
            url=article.url,
            lang=article.lang,
        ),
        parts=with_images(
            _parts(rendition, article.url),
            chosen_images(article, ImageRequest()) if images is None else images,
        ),
        scheduled_at=None,
        mode=rendition.mode,
        limit=rendition.limit,
    )


def _parts(rendition: Rendition, url: str | None) -> tuple[NewPart, ...]:
    """The link card goes with the post that carries the link (else the first)."""
    card_at = next((i for i, p in enumerate(rendition.posts) if url and p.links_to(url)), 0)
    return tuple(
        NewPart(p.text, p.length, p.facets, rendition.embed if i == card_at else None)
        for i, p in enumerate(rendition.posts)
    )


def enqueue(
    store: DraftStore,
    config: Config,
    items: Sequence[tuple[NewDraft, Timing]],
    now: datetime,
    force: bool = False,
    notify: Notify = ignore,
    also: Callable[[Planning, list[Draft]], None] | None = None,
) -> list[Queued]:
    """Plan every item's time (slots, quotas) and store them all in one transaction; once stored,
    ``notify`` hears of each draft awaiting approval.
    ``also`` writes in the same transaction (a feed records its entry as seen with its drafts)."""
    for item, how in items:
        if how.kind != "draft" and item.account in config.accounts:
            images = [i for p in item.parts for i in p.images]
            refuse_missing_alt(config.accounts[item.account], item.source.path, images)
    with store.plan() as session:
        # One order for every process, so two adders for the same accounts cannot deadlock.
        for name in sorted({item.account for item, how in items if how.kind != "draft"}):
            session.db.lock_account(session.conn, name)
        planner = Planner(session, config, now, force)
        planned = [planner.place(item, how) for item, how in items]
        stored = session.add([p for p, _ in planned], now)
        if also is not None:
            also(session, stored)
    for draft in stored:
        if draft.status == "awaiting":
            notify(awaiting_approval(draft, now))
    return [Queued(d, note) for d, (_, note) in zip(stored, planned, strict=True)]


def reschedule(
    store: DraftStore, config: Config, draft_id: str, when: When, now: datetime, force: bool = False
) -> Queued:
    """Move a draft to ``when``, checking its account's quota (excluding the draft itself)."""
    with store.plan() as session:
        draft = session.get(draft_id)
        planner = Planner(session, config, now, force, ignore=draft.id)
        planner.check_quota(draft.account, when.at, len(draft.parts))
        return Queued(session.reschedule(draft.id, when.at, now), when.note)


def _booking_time(booking: Booking) -> datetime:
    return booking.at


class Planner:
    """Slot and quota bookkeeping for one transaction, including drafts planned in it."""

    def __init__(
        self,
        session: Planning,
        config: Config,
        now: datetime,
        force: bool,
        ignore: str | None = None,
    ) -> None:
        self.session = session
        self.config = config
        self.now = now
        self.force = force
        self.ignore = ignore
        self.booked: dict[str, list[Booking]] = {}  # by account, in time order
        self.taken: dict[str, set[datetime]] = {}  # by account: the times of those bookings
        self.free: dict[str, FreeSlots] = {}  # by account: where the slot search goes on

    def _bookings(self, account: str, around: datetime) -> list[Booking]:
        if account not in self.booked:
            start = min(around, self.now) - DAY
            found = self.session.bookings(account, start, self.now + _FAR)
            self.booked[account] = sorted(
                (b for b in found if b.draft_id != self.ignore), key=_booking_time
            )
            self.taken[account] = {b.at for b in self.booked[account]}
        return self.booked[account]

    def place(self, item: NewDraft, how: Timing) -> tuple[NewDraft, str | None]:
        """``item`` with its time; one held for approval keeps its rule and books nothing."""
        if how.kind == "draft":
            return item, None
        if how.hold:
            when = how.by_account.get(item.account, how.when) if how.kind == "at" else None
            intended = replace(item, approval=cast(Approval, how.kind))
            if when is None:
                return intended, None
            return replace(intended, scheduled_at=when.at), when.note
        at, note = self.time_for(item.account, len(item.parts), how)
        return replace(item, scheduled_at=at), note

    def time_for(self, name: str, posts: int, how: Timing) -> tuple[datetime, str | None]:
        """The time ``how`` gives a draft of ``posts`` posts for account ``name``, booked."""
        account = self.config.accounts[name]
        if how.kind == "next-slot":
            self._bookings(account.name, self.now)
            if account.name not in self.free:
                zone = account.timezone or self.config.timezone
                slots = parse_slots(account.slots)
                self.free[account.name] = FreeSlots(slots, zone, self.now)
            at, note = self.free[account.name].next(self.taken[account.name]), None
            check_range(at, self.now)
        else:
            when = how.by_account.get(account.name, how.when)
            assert when is not None
            at, note = when.at, when.note
        self.check_quota(account.name, at, posts)
        bisect.insort(self._bookings(account.name, at), Booking("", at, posts), key=_booking_time)
        self.taken[account.name].add(at)
        return at, note

    def check_quota(self, name: str, at: datetime, posts: int) -> None:
        quota = self.config.accounts[name].daily_quota if name in self.config.accounts else None
        if quota is None or self.force:
            return
        bookings = self._bookings(name, at)
        # Only bookings within a day either side can share a 24 h window with ``at``: a binary
        # search finds them, so checking n drafts costs n log n, not n².
        low = bisect.bisect_right(bookings, at - DAY, key=_booking_time)
        high = bisect.bisect_left(bookings, at + DAY, key=_booking_time)
        near = bookings[low:high]
        times = [b.at for b in near]
        running = list(accumulate((b.posts for b in near), initial=0))
        worst, start = 0, at
        for s in [at, *(t for t in times if t <= at)]:
            first = bisect.bisect_left(times, s)
            last = bisect.bisect_left(times, s + DAY)
            total = posts + running[last] - running[first]
            if total > worst:
                worst, start = total, s
        if worst > quota:
            raise InputError(
                f"account '{name}' would have {worst} posts in the 24 h from "
                f"{start.strftime('%Y-%m-%d %H:%M UTC')} (daily_quota = {quota}); "
                "pick another time or go beyond the quota",
                remedy="force",
            )


def queue_articles(
    store: DraftStore,
    config: Config,
    request: QueueRequest,
    now: datetime,
    loaded: Callable[[str], None] | None = None,
    notify: Notify = ignore,
) -> list[Queued]:
    """Read and format every article for every account, then store them all at once.

    ``loaded`` is told each path once it is formatted (the CLI's progress bar); ``notify`` of
    each draft stored awaiting approval.
    """
    from posts.article import load_article

    accounts = resolve_accounts(config, request.accounts)
    when = timing(config, accounts, request.when, now)
    items: list[tuple[NewDraft, Timing]] = []
    for path in request.paths:
        article = load_article(path)
        images = chosen_images(article, request.images)
        items.extend((render(article, a, config, request.mode, images), when) for a in accounts)
        if loaded is not None:
            loaded(path)
    return enqueue(store, config, items, now, request.force, notify)


def reschedule_at(
    store: DraftStore, config: Config, request: RescheduleRequest, now: datetime
) -> Queued:
    """Read the typed time in the draft's account zone, then move the draft (quota checked)."""
    draft = store.get(request.draft_id)
    account = config.accounts.get(draft.account)
    if account is not None:
        refuse_stored_missing_alt(account, draft)
    zone = (account.timezone if account else None) or config.timezone
    when = parse_when(request.at, zone, now, request.allow_past, date_order=config.date_order)
    return reschedule(store, config, draft.id, when, now, request.force)
