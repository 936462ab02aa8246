"""Putting articles in the queue: format for each account, choose times, check quotas, store.

Times, slots and quotas are decided inside the same write transaction that stores the drafts, so
two ``herald queue add --next-slot`` runs at once never take the same slot or overrun a quota.
Everything is validated before anything is written: one bad file, account or time stores nothing.
"""

from __future__ import annotations

import bisect
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from datetime import datetime, timedelta
from itertools import accumulate

from posts.config import Account, Config
from posts.errors import InputError, NotFoundError, quoted
from posts.model import Article, CondenseOptions, Rendition
from posts.queue.model import Draft, NewDraft, NewPart, Source
from posts.queue.slots import FreeSlots, parse_slots
from posts.queue.store import Booking, Session, Store
from posts.queue.times import When, check_range, parse_when

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
        raise InputError("no account given; use --to ACCOUNT[,ACCOUNT]")
    return out


def timing(
    config: Config,
    accounts: Sequence[Account],
    at: str | None,
    next_slot: bool,
    draft: bool,
    now_flag: bool,
    now: datetime,
) -> Timing:
    """The CLI's --at / --next-slot / --draft / --now choice, validated."""
    chosen = [
        name for name, on in (("--at", at), ("--next-slot", next_slot), ("--draft", draft)) if on
    ]
    if len(chosen) > 1:
        raise InputError(f"{' and '.join(chosen)} cannot be combined; choose one")
    if draft:
        return Timing("draft")
    if next_slot:
        for account in accounts:
            if not account.slots:
                raise InputError(
                    f"account '{account.name}' has no posting slots; add `slots` to its config "
                    "or use --at"
                )
        return Timing("next-slot")
    if at:
        return Timing(
            "at",
            by_account={
                a.name: parse_when(
                    at,
                    a.timezone or config.timezone,
                    now,
                    allow_past=now_flag,
                    date_order=config.date_order,
                )
                for a in accounts
            },
        )
    if now_flag:
        return Timing("now", When(now))
    raise InputError("say when: --at WHEN, --next-slot, --now, or --draft to keep it unscheduled")


def render(article: Article, account: Account, config: Config, mode: str | None = None) -> NewDraft:
    """Format ``article`` for ``account``'s platform (unscheduled; planning sets the time)."""
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
        parts=_parts(rendition, article.url),
        scheduled_at=None,
        mode=rendition.mode,
        limit=rendition.limit,
    )


def _parts(rendition: Rendition, url: str | None) -> tuple[NewPart, ...]:
    """The link card goes with the post that carries the link (else the first)."""
    card_at = next((i for i, p in enumerate(rendition.posts) if url and url in p.text), 0)
    return tuple(
        NewPart(p.text, p.length, p.facets, rendition.embed if i == card_at else None)
        for i, p in enumerate(rendition.posts)
    )


def enqueue(
    store: Store,
    config: Config,
    items: Sequence[tuple[NewDraft, Timing]],
    now: datetime,
    force: bool = False,
) -> list[Queued]:
    """Plan every item's time (slots, quotas) and store them all in one transaction."""
    with store.transaction() as session:
        # One order for every process, so two adders for the same accounts cannot deadlock.
        for name in sorted({item.account for item, how in items if how.kind != "draft"}):
            session.db.lock_account(session.conn, name)
        planner = _Planner(session, config, now, force)
        planned = [planner.place(item, how) for item, how in items]
        stored = session.add([p for p, _ in planned], now)
    return [Queued(d, note) for d, (_, note) in zip(stored, planned, strict=True)]


def reschedule(
    store: Store, config: Config, draft_id: str, when: When, now: datetime, force: bool = False
) -> Queued:
    """Move a draft to ``when``, checking its account's quota (excluding the draft itself)."""
    with store.transaction() as session:
        draft = session.get(draft_id)
        planner = _Planner(session, config, now, force, ignore=draft.id)
        planner.check_quota(draft.account, when.at, len(draft.parts))
        return Queued(session.reschedule(draft.id, when.at, now), when.note)


def _booking_time(booking: Booking) -> datetime:
    return booking.at


class _Planner:
    """Slot and quota bookkeeping for one transaction, including drafts planned in it."""

    def __init__(
        self,
        session: Session,
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
        if how.kind == "draft":
            return item, None
        account = self.config.accounts[item.account]
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
        self.check_quota(account.name, at, len(item.parts))
        bisect.insort(
            self._bookings(account.name, at), Booking("", at, len(item.parts)), key=_booking_time
        )
        self.taken[account.name].add(at)
        return replace(item, scheduled_at=at), note

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
                "pick another time or use --force"
            )


def queue_articles(
    store: Store,
    config: Config,
    paths: Sequence[str],
    to: Sequence[str],
    now: datetime,
    *,
    at: str | None = None,
    next_slot: bool = False,
    draft: bool = False,
    now_flag: bool = False,
    mode: str | None = None,
    force: bool = False,
    loaded: Callable[[str], None] | None = None,
) -> list[Queued]:
    """``herald queue add``: read and format every file for every account, then store them all.

    ``loaded`` is told each path once it is formatted (the CLI's progress bar).
    """
    from posts.article import load_article

    accounts = resolve_accounts(config, to)
    when = timing(config, accounts, at, next_slot, draft, now_flag, now)
    items: list[tuple[NewDraft, Timing]] = []
    for path in paths:
        article = load_article(path)
        items.extend((render(article, account, config, mode), when) for account in accounts)
        if loaded is not None:
            loaded(path)
    return enqueue(store, config, items, now, force)


def reschedule_at(
    store: Store,
    config: Config,
    draft_id: str,
    at: str,
    now: datetime,
    allow_past: bool = False,
    force: bool = False,
) -> Queued:
    """``herald queue reschedule``: parse ``at`` in the draft's account zone, then move it."""
    draft = store.get(draft_id)
    account = config.accounts.get(draft.account)
    zone = (account.timezone if account else None) or config.timezone
    when = parse_when(at, zone, now, allow_past, date_order=config.date_order)
    return reschedule(store, config, draft.id, when, now, force)
