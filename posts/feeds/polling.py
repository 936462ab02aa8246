"""One poll of one feed: fetch (conditionally), find the unseen entries, queue each exactly once.

An entry is recorded as seen in the transaction that stores its drafts (:func:`queue_entry`), so a
crash between fetching and queuing leaves it unseen (queued next time), and a crash after the
commit leaves it seen (never queued again). An entry whose page cannot be read stays unseen and is
tried again at the next poll, up to :data:`ENTRY_ATTEMPTS` polls; then it is given up (seen, with
its error, reported once). No floods: the first poll of a feed with ``since = "new"`` only marks
what is there; ``since = "all"`` queues the backlog ``max_per_poll`` at a time, oldest first; and a
feed that suddenly shows more unseen entries than ``max_per_poll`` (a changed id scheme, a restored
backup) has the newest ``max_per_poll`` queued and the rest marked as seen, with a warning.

Nothing here sleeps or reads the wall clock: ``now`` is passed in, and so is the HTTP transport.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field, replace
from datetime import datetime, timedelta
from email.utils import parsedate_to_datetime
from html import escape
from typing import TYPE_CHECKING

from posts.app.notices import Notify, entry_given_up, feed_error, ignore
from posts.clock import Clock
from posts.config import Account, Config, Feed
from posts.errors import InputError, TemplateError, quoted
from posts.feeds.parsing import Entry, FeedError, oldest_first, parse_feed
from posts.model import Article
from posts.queue.drafts import ConflictError, DraftStore, Planning
from posts.queue.feeds import FeedState, FeedStore, PollOutcome, SeenEntry, mark_queued
from posts.queue.model import Draft

if TYPE_CHECKING:
    import httpx

    from posts.app.enqueue import WhenRequest
    from posts.article.fetching import Fetched
    from posts.queue.model import NewDraft

MAX_BACKOFF = timedelta(days=1)  # consecutive failures double the wait up to this
MAX_WAIT = timedelta(days=7)  # the longest Retry-After honoured
ENTRY_ATTEMPTS = 3  # polls that may fail to read or condense an entry before it is given up
FEED_TYPES = None  # any content type: servers label feeds text/xml, text/plain, octet-stream...
ACCEPT = (
    "application/rss+xml, application/atom+xml, application/feed+json, application/xml;q=0.9, "
    "text/xml;q=0.9, application/json;q=0.8, */*;q=0.1"
)


@dataclass(frozen=True)
class QueuedEntry:
    """An entry queued (or, in a dry run, that would be) and its drafts, one per account."""

    identity: str
    title: str
    link: str | None
    drafts: tuple[Draft, ...] = ()


@dataclass(frozen=True)
class GivenUp:
    """An entry whose article failed ``ENTRY_ATTEMPTS`` polls: seen now, never fetched again."""

    identity: str
    title: str
    link: str | None
    error: str


class EntryError(InputError):
    """The entry itself cannot become drafts: its article cannot be read or condensed."""


@dataclass
class _Progress:
    """What queuing a poll's entries has come to so far."""

    queued: list[QueuedEntry] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)
    given_up: list[GivenUp] = field(default_factory=list)


@dataclass(frozen=True)
class PollReport:
    """What one poll of one feed did.

    ``outcome``: "polled" (read; ``queued`` may be empty), "primed" (a first poll that only marked
    the entries as seen), "not-modified" (304), "failed" (``error`` says why), "busy" (another
    poller holds it) or "not-due".
    """

    feed: str
    outcome: str
    queued: tuple[QueuedEntry, ...] = ()
    passed_over: int = 0  # entries marked as seen without drafts
    warnings: tuple[str, ...] = ()  # entries that could not be queued, floods refused
    given_up: tuple[GivenUp, ...] = ()  # entries failed once too often, reported this once
    error: str | None = None
    next_poll_at: datetime | None = None
    dry_run: bool = False


@dataclass(frozen=True)
class Poll:
    """Everything a poll needs besides the feed: who polls, when, and how to reach the web."""

    store: DraftStore
    config: Config
    now: datetime
    worker: str
    transport: httpx.BaseTransport | None = None
    fetch_seconds: float = 30.0  # the feed's whole transfer, connect to last byte
    stopping: Callable[[], bool] = lambda: False  # the daemon is stopping: queue no more entries
    notify: Notify = ignore  # hears of a feed that starts failing, and of drafts awaiting approval
    clock: Clock | None = None  # the time as the poll goes on (lease renewal); None: ``now``

    def present(self) -> datetime:
        return self.now if self.clock is None else self.clock()


def poll_feed(poll: Poll, feed: Feed, *, force: bool = False, dry_run: bool = False) -> PollReport:
    """Poll ``feed`` if it is due (``force``: due or not) and no one else is polling it."""
    feeds = FeedStore(poll.store.db)
    if dry_run:
        state = feeds.states().get(feed.name)
        return _dry_run(poll, feed, state)
    if not force and not feeds.due(feed.name, poll.now):
        return PollReport(feed.name, "not-due")
    lease = poll.config.scheduler.lease_seconds
    claimed = feeds.claim(feed.name, feed.url, poll.worker, poll.now, lease, force)
    if claimed is None:
        return PollReport(feed.name, "busy" if force else "not-due")
    report, outcome = _poll_claimed(poll, feed, feeds, claimed)
    feeds.finish(feed.name, poll.worker, outcome)
    if report.error and outcome.failures == 1:  # once a streak, not at every retry
        poll.notify(feed_error(feed.name, feed.url, report.error, poll.now))
    for gone in report.given_up:
        entry = {"id": gone.identity, "title": gone.title, "link": gone.link}
        poll.notify(entry_given_up(feed.name, feed.url, entry, gone.error, poll.now))
    return replace(report, next_poll_at=outcome.next_poll_at)


def _poll_claimed(
    poll: Poll, feed: Feed, feeds: FeedStore, state: FeedState
) -> tuple[PollReport, PollOutcome]:
    try:
        fetched = _fetch(poll, feed, state)
        entries = [] if fetched.status == 304 else parse_feed(fetched.data, fetched.url)
    except InputError as exc:
        return PollReport(feed.name, "failed", error=str(exc)), _failed(feed, state, poll.now, exc)
    ok = _succeeded(feed, state, poll.now, fetched)
    if fetched.status == 304:
        return PollReport(feed.name, "not-modified"), ok
    unseen = _unseen(feeds, feed, entries)
    if state.primed_at is None and feed.since == "new":
        feeds.pass_over(feed.name, [_seen(e) for e in unseen], poll.now)
        return PollReport(feed.name, "primed", passed_over=len(unseen)), ok
    backlog = state.backlog or state.primed_at is None
    chosen, rest, warnings = _choose(feed, oldest_first(unseen), backlog)
    feeds.pass_over(feed.name, [_seen(e) for e in rest], poll.now)
    done = _queue_all(poll, feed, chosen, lambda: _renew(poll, feeds, feed))
    found = (*warnings, *done.problems)
    queued, given_up = tuple(done.queued), tuple(done.given_up)
    report = PollReport(feed.name, "polled", queued, len(rest), found, given_up)
    more = backlog and len(unseen) > feed.max_per_poll
    last = done.problems[0] if done.problems else None
    return report, replace(ok, last_error=last, backlog=more)


def _fetch(poll: Poll, feed: Feed, state: FeedState | None) -> Fetched:
    from posts.article import MAX_BYTES
    from posts.article.fetching import fetch

    headers = {"Accept": ACCEPT}
    if state is not None and state.etag:
        headers["If-None-Match"] = state.etag
    if state is not None and state.last_modified:
        headers["If-Modified-Since"] = state.last_modified
    return fetch(
        feed.url, MAX_BYTES, transport=poll.transport, total_seconds=poll.fetch_seconds,
        headers=headers, types=FEED_TYPES, what="feeds",
    )  # fmt: skip


def _unseen(feeds: FeedStore, feed: Feed, entries: Sequence[Entry]) -> list[Entry]:
    """The entries not seen before, each identity once (a feed may repeat one)."""
    unique = list({e.key: e for e in reversed(entries)}.values())[::-1]
    seen = feeds.seen(feed.name, [e.key for e in unique])
    return [e for e in unique if e.key not in seen]


def _choose(
    feed: Feed, ordered: list[Entry], backlog: bool
) -> tuple[list[Entry], list[Entry], tuple[str, ...]]:
    """Which unseen entries to queue now, which to pass over, and the warning a flood gets.

    A backlog (``since = "all"``) is queued oldest first, ``max_per_poll`` a poll. Otherwise more
    unseen entries than ``max_per_poll`` is a flood: only the newest are queued.
    """
    most = feed.max_per_poll
    if backlog or len(ordered) <= most:
        return ordered[:most], [], ()
    warning = (
        f"feed {feed.name}: {len(ordered)} unseen entries at once (a changed id scheme or a "
        f"restored backup?); queued the newest {most}, marked the other {len(ordered) - most} "
        "as seen"
    )
    return ordered[-most:], ordered[:-most], (warning,)


def _queue_all(
    poll: Poll, feed: Feed, entries: Sequence[Entry], renew: Callable[[], bool]
) -> _Progress:
    """Queue each entry on its own. The lease is renewed before each (``renew``); a poll that
    lost it, or a daemon stopping, stops."""
    done = _Progress()
    for entry in entries:
        if poll.stopping() or not renew():
            break  # the rest stay unseen: the next poll queues them
        _queue_one(poll, feed, entry, done)
    return done


def _queue_one(poll: Poll, feed: Feed, entry: Entry, done: _Progress) -> None:
    """Queue ``entry``; one that fails stays unseen and is reported, and one whose article
    fails ``ENTRY_ATTEMPTS`` polls is given up (a quota or a slot is no fault of the entry's)."""
    try:
        drafts = queue_entry(poll, feed, entry)
    except ConflictError:
        return  # another poller queued it first
    except EntryError as exc:
        _entry_failed(poll, feed, entry, str(exc), done)
    except InputError as exc:
        done.problems.append(_not_queued(feed, entry, str(exc)))
    else:
        done.queued.append(QueuedEntry(entry.identity, entry.title, entry.link, tuple(drafts)))


def _entry_failed(poll: Poll, feed: Feed, entry: Entry, error: str, done: _Progress) -> None:
    """Count the entry's failure; at the ``ENTRY_ATTEMPTS``-th it is given up: seen from now
    on, never fetched again, and reported this once."""
    feeds = FeedStore(poll.store.db)
    if not feeds.entry_failed(feed.name, _seen(entry), error, poll.now, ENTRY_ATTEMPTS):
        done.problems.append(_not_queued(feed, entry, error))
        return
    done.given_up.append(GivenUp(entry.identity, entry.title, entry.link, error))
    done.problems.append(
        f"feed {feed.name}: entry {_named(entry)} given up after {ENTRY_ATTEMPTS} failed polls "
        f"(not tried again): {error}"
    )


def _not_queued(feed: Feed, entry: Entry, error: str) -> str:
    return f"feed {feed.name}: entry {_named(entry)} not queued: {error}"


def queue_entry(poll: Poll, feed: Feed, entry: Entry) -> list[Draft]:
    """The entry's drafts, one per account, stored with the entry marked as seen (one
    transaction): what ``queue add LINK --to … --mode …`` makes, with the feed's tags."""
    from posts.app.enqueue import enqueue, resolve_accounts, timing

    accounts = resolve_accounts(poll.config, feed.to)
    when = timing(poll.config, accounts, _asked(feed, accounts), poll.now)
    items = [(draft, when) for draft in _rendered(poll, feed, entry, accounts)]

    def seen(session: Planning, drafts: list[Draft]) -> None:
        title = entry.title or entry.link or entry.identity
        mark_queued(session.conn, feed.name, _seen(entry), title, len(drafts), poll.now)

    queued = enqueue(poll.store, poll.config, items, poll.now, notify=poll.notify, also=seen)
    return [q.draft for q in queued]


def _rendered(poll: Poll, feed: Feed, entry: Entry, accounts: Sequence[Account]) -> list[NewDraft]:
    """The entry's drafts before planning; :class:`EntryError` when its article cannot be read
    or condensed (a broken template is the config's fault, not the entry's)."""
    from posts.app.enqueue import render

    try:
        article = _article(poll, feed, entry)
        return [render(article, a, poll.config, feed.mode) for a in accounts]
    except TemplateError:
        raise
    except InputError as exc:
        raise EntryError(str(exc)) from exc


def _renew(poll: Poll, feeds: FeedStore, feed: Feed) -> bool:
    """Keep the feed's lease for another ``lease_seconds`` from the present moment."""
    until = poll.present() + timedelta(seconds=poll.config.scheduler.lease_seconds)
    return feeds.renew(feed.name, poll.worker, until)


def _asked(feed: Feed, accounts: Sequence[Account]) -> WhenRequest:
    """When the feed's drafts go out; ``when = "hold"`` stores them awaiting approval, to go at
    the next slot once approved (or at once, for an account without slots)."""
    from posts.app.enqueue import WhenRequest

    if feed.when != "hold":
        return WhenRequest("now" if feed.when == "now" else "next-slot")
    slotted = all(a.slots for a in accounts)
    return WhenRequest("next-slot" if slotted else "now", hold=True)


def _article(poll: Poll, feed: Feed, entry: Entry) -> Article:
    """The entry's article: its page (``read = "page"``) or its own content, with the tags."""
    from posts.article import load_article, parse_article

    if feed.read == "page":
        if not entry.link:
            raise FeedError(f"entry {_named(entry)} has no link to read")
        article = load_article(entry.link, transport=poll.transport)
    elif entry.content:
        article = parse_article(_page(entry), source=entry.link or feed.url, url=entry.link)
    else:
        raise FeedError(f"entry {_named(entry)} has no content; read its page instead")
    return replace(article, hashtags=(*feed.tags, *article.hashtags))


def _page(entry: Entry) -> bytes:
    """The entry's own content as the HTML page the reader expects (title as its heading)."""
    title = escape(entry.title)
    body = entry.content or ""
    head = f"<html><head><title>{title}</title></head>"
    return f"{head}<body><article><h1>{title}</h1>{body}</article></body></html>".encode()


def _seen(entry: Entry) -> SeenEntry:
    return SeenEntry(entry.key, entry.identity)


def _named(entry: Entry) -> str:
    return quoted(entry.title or entry.link or entry.identity)


def _succeeded(feed: Feed, state: FeedState, now: datetime, fetched: Fetched) -> PollOutcome:
    """The next poll after a good one: a full interval on, with the validators the server sent
    (a 304 may send none: the old ones stay)."""
    return PollOutcome(
        polled_at=now,
        next_poll_at=now + timedelta(seconds=feed.every_seconds),
        etag=fetched.etag or state.etag,
        last_modified=fetched.last_modified or state.last_modified,
        failures=0,
        last_error=None,
        primed=True,
        backlog=state.backlog,
    )


def _failed(feed: Feed, state: FeedState, now: datetime, exc: InputError) -> PollOutcome:
    """The next poll after a failed one: the interval doubled per consecutive failure (up to a
    day), and never before the server's ``Retry-After``."""
    failures = state.failures + 1
    every = timedelta(seconds=feed.every_seconds)
    wait = max(every, min(every * 2 ** min(failures - 1, 20), MAX_BACKOFF))
    wait = min(max(wait, _retry_after(getattr(exc, "retry_after", None), now)), MAX_WAIT)
    return PollOutcome(
        polled_at=now,
        next_poll_at=now + wait,
        etag=state.etag,
        last_modified=state.last_modified,
        failures=failures,
        last_error=str(exc),
        primed=False,
        backlog=state.backlog,
    )


def _retry_after(value: str | None, now: datetime) -> timedelta:
    """``Retry-After`` as seconds or an HTTP date; nothing (or nonsense) is no wait."""
    text = (value or "").strip()
    if text.isdigit():
        return timedelta(seconds=min(int(text), int(MAX_WAIT.total_seconds())))
    try:
        return max(parsedate_to_datetime(text) - now, timedelta(0))
    except (TypeError, ValueError, IndexError):
        return timedelta(0)


def _dry_run(poll: Poll, feed: Feed, state: FeedState | None) -> PollReport:
    """What a poll would queue now; nothing is written and no page is read."""
    try:
        fetched = _fetch(poll, feed, state)
        entries = [] if fetched.status == 304 else parse_feed(fetched.data, fetched.url)
    except InputError as exc:
        return PollReport(feed.name, "failed", error=str(exc), dry_run=True)
    if fetched.status == 304:
        return PollReport(feed.name, "not-modified", dry_run=True)
    unseen = _unseen(FeedStore(poll.store.db), feed, entries)
    if (state is None or state.primed_at is None) and feed.since == "new":
        return PollReport(feed.name, "primed", passed_over=len(unseen), dry_run=True)
    backlog = state is None or state.backlog or state.primed_at is None
    chosen, rest, warnings = _choose(feed, oldest_first(unseen), backlog)
    would = tuple(QueuedEntry(e.identity, e.title, e.link) for e in chosen)
    return PollReport(feed.name, "polled", would, len(rest), warnings, dry_run=True)
