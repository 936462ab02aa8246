"""One publishing pass: claim due drafts, publish their parts in order, record every step.

``run_tick`` is a plain function of the store, the adapters and a clock, so the daemon, ``herald run
--once`` and the tests all drive the same code. Exactly-once rests on three rules:

1. a part is committed as ``sending``, with its idempotency key, *before* the platform call, and as
   ``published``, with its remote id and URL, *after* it;
2. a part that may have reached the platform (left ``sending`` by a crash, or whose earlier attempt
   failed in a way that may have landed) is looked up by its key before anything is sent again;
   where the platform has no look-up, it becomes ``unconfirmed`` and is never re-sent automatically;
3. a thread resumes at its first unpublished part, replying to the last published one.

A mistake in the config never burns a draft: when an account's adapter cannot be built (unknown
account, missing credential) or the platform refuses its credentials, the account is *held* in the
store and its drafts stay due, untouched, until the daemon sees the account fixed
(:mod:`scheduler.holds`).
"""

from __future__ import annotations

import functools
import logging
import random
import threading
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from datetime import datetime, timedelta
from logging import ERROR, INFO, WARNING
from typing import NoReturn

from posts.app.images import required
from posts.app.notices import Notify, account_attention, draft_outcome, ignore
from posts.clock import Clock
from posts.config import Config, SchedulerSettings
from posts.errors import HeraldError
from posts.media import ImageError
from posts.queue import ConflictError, Draft, Part, WorkerStore
from scheduler import media
from scheduler.adapters.base import (
    Adapter,
    AdapterError,
    AuthError,
    MediaAdapter,
    MediaExpiredError,
    MediaRef,
    OutcomeUnknownError,
    OutgoingPart,
    PermanentError,
    PublishedRef,
    RateLimitedError,
    TransientError,
)
from scheduler.adapters.tid import new_tid
from scheduler.holds import REMIND_EVERY, report_hold
from scheduler.lanes import Lanes
from scheduler.logs import log_event
from scheduler.retry import AccountGates, Pacing, backoff_delay

log = logging.getLogger("herald.publish")

AdapterSource = Callable[[str], Adapter]
"""Gives the adapter for an account name (built once and cached by the caller)."""

PROBLEM_STATUSES = ("failed", "partial", "unconfirmed")
LANE_WAIT = 0.2  # seconds between claims while lanes are busy (drafts falling due meanwhile)


@dataclass(frozen=True)
class TickPolicy:
    """The rules a tick follows; built from the config, or by hand in tests."""

    settings: SchedulerSettings = field(default_factory=SchedulerSettings)
    pacing: dict[str, Pacing] = field(default_factory=dict)  # by account; absent = no pacing
    catch_up: bool = False  # publish drafts overdue beyond the staleness window anyway
    batch: int = 20  # drafts claimed at a time
    require_image: frozenset[str] = frozenset()  # accounts whose parts wait for their images

    @classmethod
    def from_config(cls, config: Config, *, catch_up: bool = False) -> TickPolicy:
        pacing = {
            name: Pacing(timedelta(seconds=account.min_gap_seconds or 0), account.hourly_cap)
            for name, account in config.accounts.items()
        }
        strict = frozenset(n for n, a in config.accounts.items() if required(a, "require_image"))
        return cls(config.scheduler, pacing, catch_up=catch_up, require_image=strict)


@dataclass
class TickReport:
    """What one tick did, for the daemon's exit code and the tests."""

    claimed: int = 0
    published: list[tuple[str, int, str]] = field(default_factory=list)  # draft, part, url
    retries: int = 0
    deferred: int = 0
    missed: list[str] = field(default_factory=list)
    held: list[str] = field(default_factory=list)  # drafts of accounts that need attention
    finished: dict[str, str] = field(default_factory=dict)  # draft id -> final status
    _lock: threading.Lock = field(default_factory=threading.Lock, repr=False, compare=False)

    def count(self, name: str) -> None:
        """Add one to a counter (lanes report at once)."""
        with self._lock:
            setattr(self, name, getattr(self, name) + 1)

    @property
    def problems(self) -> dict[str, str]:
        """Drafts that ended failed, partial or unconfirmed (``herald run --once`` exits 1)."""
        return {d: s for d, s in self.finished.items() if s in PROBLEM_STATUSES}


def run_tick(
    store: WorkerStore,
    adapters: AdapterSource,
    clock: Clock,
    *,
    policy: TickPolicy | None = None,
    gates: AccountGates | None = None,
    rng: random.Random | None = None,
    stop: threading.Event | None = None,
    notify: Notify | None = None,
) -> TickReport:
    """Publish everything due at ``clock()``; return what happened.

    ``gates`` carries pacing and rate-limit waits from one tick to the next (the daemon keeps one);
    ``stop`` asks the tick to return after the part in flight, releasing what it has not started;
    ``notify`` hears how each draft ended and of each account newly held (it never blocks).
    """
    tick = _Tick(
        store,
        adapters,
        clock,
        policy or TickPolicy(),
        gates or AccountGates(),
        rng or random.Random(),
        stop or threading.Event(),
        notify or ignore,
    )
    return tick.run()


@dataclass
class _Tick:
    store: WorkerStore
    adapters: AdapterSource
    clock: Clock
    policy: TickPolicy
    gates: AccountGates
    rng: random.Random
    stop: threading.Event
    notify: Notify
    report: TickReport = field(default_factory=TickReport)
    held: set[str] = field(default_factory=set)  # accounts held during this tick

    @property
    def settings(self) -> SchedulerSettings:
        return self.policy.settings

    def run(self) -> TickReport:
        self._mark_missed()
        lanes = Lanes(self.settings.lanes)
        try:
            self._fill(lanes)
        finally:
            lanes.close()  # the part in flight on each lane finishes; queued drafts are released
        if lanes.errors:
            raise lanes.errors[0]
        return self.report

    def _mark_missed(self) -> None:
        now = self.clock()
        stale = timedelta(seconds=self.settings.stale_after_seconds)
        oldest = self.store.next_due_at()  # a read, so most ticks skip the write below
        if not self.policy.catch_up and oldest is not None and oldest < now - stale:
            for draft_id in self.store.mark_missed(now, stale):
                detail = f"overdue by more than {stale}; not published"
                _event("missed", draft_id, WARNING, detail=detail)
                self.report.missed.append(draft_id)

    def _fill(self, lanes: Lanes) -> None:
        """Claim due drafts as lanes free up, never of an account already on a lane, until nothing
        is due and every lane is done (or the daemon stops)."""
        while not self.stop.is_set():
            busy = lanes.busy()  # taken before the claim: a lane that empties after it is seen
            drafts = self._claim(lanes, busy)  # on the next pass, not mistaken for "all done"
            for draft in drafts:
                lanes.submit(draft.account, functools.partial(self._one, draft))
            if not drafts:
                if not busy:
                    return
                lanes.wait(LANE_WAIT)

    def _claim(self, lanes: Lanes, busy: set[str]) -> list[Draft]:
        free = lanes.free()
        if not free:
            return []
        limit = min(free, self.policy.batch)
        drafts = self.store.claim_due(self.clock(), self.settings.lease_seconds, limit, busy)
        self.report.claimed += len(drafts)
        return drafts

    def _one(self, draft: Draft) -> None:
        """One claimed draft, on its account's lane."""
        if self.stop.is_set():
            self._defer(draft, self.clock(), "the daemon is stopping")
            return
        _event("claimed", draft.id, account=draft.account, parts=len(draft.parts))
        try:
            self._publish(draft)
        except _Settled:
            pass
        except ConflictError as exc:  # the lease ran out and another worker took over; it
            # reconciles any part left `sending` by its key, so leave the draft to it
            _event("lost-claim", draft.id, WARNING, reason=exc)

    # -- one draft ---------------------------------------------------------------------------

    def _publish(self, draft: Draft) -> None:
        """Publish the draft's unpublished parts in order; stop at the first that cannot go."""
        if draft.account in self.held:
            self._give_back(draft, "its account is held")
        lease_until = draft.lease_until or self.clock()
        live: list[PublishedRef] = []  # this thread's published parts, in order
        for part in draft.parts:
            if part.status == "published":
                live.append(_stored_ref(part))
                continue
            if part.status in ("failed", "unconfirmed"):  # ended earlier: close the claim
                self._finish(draft, _outcome(part.status, live), live, part.last_error)
                return
            now = self.clock()
            if self.stop.is_set():
                self._defer(draft, now, "the daemon is stopping")
                return
            lease_until = self._keep_lease(draft, lease_until, now)
            # Pacing spaces drafts; a thread already begun goes on (rate limits still apply).
            pacing = self.policy.pacing.get(draft.account, Pacing()) if not live else Pacing()
            if not live:
                self._load_pacing(draft.account, now)
            ready_at = self.gates.ready_at(draft.account, pacing, now)
            if ready_at is not None:
                self._defer(draft, ready_at, "pacing or rate limit for this account")
                return
            try:
                ref = self._send(draft, part, _outgoing(draft, part, live), live)
            except _Settled:
                return
            if not live:
                self._started(draft.account)
            live.append(ref)
        self._finish(draft, "published", live)

    def _keep_lease(self, draft: Draft, lease_until: datetime, now: datetime) -> datetime:
        """Renew the claim when half of it is used, so a long thread is never taken over."""
        lease = timedelta(seconds=self.settings.lease_seconds)
        if lease_until - now > lease / 2:
            return lease_until
        self.store.renew_lease(draft.id, now + lease)
        return now + lease

    def _send(
        self, draft: Draft, part: Part, out: OutgoingPart, live: list[PublishedRef]
    ) -> PublishedRef:
        """Publish one part, or record why not and raise _Settled.

        A part that may already be live (left ``sending``, or an earlier attempt ended in doubt) is
        looked up by its key first; without a look-up, a ``sending`` part becomes unconfirmed.
        """
        try:
            adapter = self.adapters(draft.account)
        except (HeraldError, AdapterError) as exc:  # unknown account, missing credential, ...
            self._hold(draft, "config", str(exc))
        if part.status == "sending" or (part.attempts > 0 and part.idempotency_key):
            found = self._reconcile(draft, part, out, adapter, live)
            if found is not None:
                return found
        reuse = media.reusable(part, draft.platform, self.clock())
        if part.images:
            out = replace(out, media=self._attach(draft, part, adapter, reuse))
        self.store.begin_part(draft.id, part.index, out.idempotency_key, self.clock())
        try:
            ref = adapter.publish(out)
        except MediaExpiredError as exc:
            if not reuse:  # refused just after its upload: not their age, so no second try
                self._fail(draft, part, str(exc), live)
            self._media_expired(draft, part, str(exc))
        except RateLimitedError as exc:
            self._blocked(draft.account, exc.reset_at)
            self._retry(draft, part, str(exc), exc.reset_at)
        except OutcomeUnknownError as exc:
            return self._doubt(draft, part, out, adapter, str(exc), live)
        except AuthError as exc:  # refused before anything was written: fix the credentials
            self._hold(draft, "auth", str(exc), part)
        except PermanentError as exc:
            self._fail(draft, part, str(exc), live)
        except TransientError as exc:
            attempts = part.attempts + 1
            if attempts >= self.settings.max_attempts:
                self._fail(draft, part, f"{exc} (gave up after {attempts} attempts)", live)
            self._retry(draft, part, str(exc), self._retry_at(attempts))
        except Exception as exc:  # an adapter bug: the post may or may not be out
            return self._doubt(draft, part, out, adapter, f"{type(exc).__name__}: {exc}", live)
        return self._published(draft, part, ref)

    def _reconcile(
        self,
        draft: Draft,
        part: Part,
        out: OutgoingPart,
        adapter: Adapter,
        live: list[PublishedRef],
    ) -> PublishedRef | None:
        """A part whose earlier attempt may have landed: the published part if the platform
        finds it by its key; without a look-up, a part left ``sending`` becomes unconfirmed
        (raises _Settled); None when it must be sent."""
        if adapter.supports_lookup:
            found = self._look_up(draft, part, out, adapter)
            if found is None:
                return None
            if part.status == "pending":  # an earlier, doubtful attempt did land
                self.store.begin_part(draft.id, part.index, out.idempotency_key, self.clock())
            _event("reconciled", draft.id, part=part.index + 1, url=found.url)
            return self._published(draft, part, found)
        if part.status == "sending":
            error = "interrupted while sending, and the platform offers no look-up by key"
            self._unconfirmed(draft, part, error, live)
        return None

    def _attach(
        self, draft: Draft, part: Part, adapter: Adapter, reuse: bool
    ) -> tuple[MediaRef, ...]:
        """The part's images as uploaded: the stored refs while young enough to ``reuse``, else
        read, prepared, uploaded and committed before the post. An image that cannot be used is
        left out with the reason recorded; with ``require_image`` the account is held instead."""
        if reuse:
            return media.refs(part.media)
        if part.media:
            _event("upload-again", draft.id, part=part.index + 1, reason="stored upload too old")
        strict = draft.account in self.policy.require_image
        if part.media_note and not strict:
            return ()
        if not isinstance(adapter, MediaAdapter):
            return self._without(draft, part, f"the {draft.platform} adapter posts text only")
        try:
            limits = adapter.image_limits()
            wanted = part.images[: limits.per_post]
            refs = tuple(adapter.upload_image(media.outgoing_image(i, limits)) for i in wanted)
        except ImageError as exc:
            return self._without(draft, part, str(exc))
        except RateLimitedError as exc:
            self._blocked(draft.account, exc.reset_at)
            self._media_retry(draft, part, str(exc), exc.reset_at)
        except AuthError as exc:
            self._hold(draft, "auth", str(exc))
        except TransientError as exc:
            tries = part.media_attempts + 1
            if tries >= self.settings.max_attempts:
                return self._without(draft, part, f"upload failed {tries} times: {exc}")
            self._media_retry(draft, part, f"image upload: {exc}", self._retry_at(tries))
        except AdapterError as exc:  # refused for good, or no way to know: post without it
            return self._without(draft, part, f"the platform refused the image: {exc}")
        self.store.part_media(draft.id, part.index, media.stored(refs), self.clock())
        return refs

    def _without(self, draft: Draft, part: Part, reason: str) -> tuple[MediaRef, ...]:
        """The part goes out without its images, the reason recorded on it; with
        ``require_image`` the account is held and the draft waits instead."""
        if draft.account in self.policy.require_image:
            self._hold(draft, "image", f"an image cannot be attached: {reason}")
        if part.media_note != reason:
            self.store.part_media_note(draft.id, part.index, reason, self.clock())
        _event("without-image", draft.id, WARNING, part=part.index + 1, reason=reason)
        return ()

    def _media_expired(self, draft: Draft, part: Part, error: str) -> NoReturn:
        """The platform forgot the stored uploads the post named (nothing was posted): they are
        dropped and the part goes again at once, uploading afresh — once, as a fresh upload
        refused the same way fails the part."""
        now = self.clock()
        self.store.part_media_expired(draft.id, part.index, error, now, now)
        _event("retry", draft.id, WARNING, part=part.index + 1, at=now.isoformat(), reason=error)
        self.report.count("retries")
        raise _Settled

    def _media_retry(self, draft: Draft, part: Part, error: str, at: datetime) -> NoReturn:
        self.store.part_media_retry(draft.id, part.index, error, at, self.clock())
        _event("retry", draft.id, WARNING, part=part.index + 1, at=at.isoformat(), reason=error)
        self.report.count("retries")
        raise _Settled

    def _look_up(
        self, draft: Draft, part: Part, out: OutgoingPart, adapter: Adapter
    ) -> PublishedRef | None:
        """The part's ref if it is live, None if it never landed; defers when nobody can tell."""
        try:
            return adapter.lookup(out)
        except AuthError as exc:
            self._hold(draft, "auth", str(exc))
        except AdapterError as exc:
            self._defer(draft, self._retry_at(part.attempts), f"look-up failed: {exc}", WARNING)
            raise _Settled from None

    def _doubt(
        self,
        draft: Draft,
        part: Part,
        out: OutgoingPart,
        adapter: Adapter,
        error: str,
        live: list[PublishedRef],
    ) -> PublishedRef:
        """The call may have posted: look it up, else (no look-up) mark it unconfirmed."""
        if not adapter.supports_lookup:
            self._unconfirmed(draft, part, error, live)
        found = self._look_up(draft, part, out, adapter)
        if found is None:
            self._retry(draft, part, error, self._retry_at(part.attempts + 1))
        return self._published(draft, part, found)

    # -- recording: each step is one store call and one log line ------------------------------

    def _load_pacing(self, account: str, now: datetime) -> None:
        """What every publisher on this database recorded for ``account`` (other daemons on
        PostgreSQL pace it too): one indexed read before a draft's first part. Later parts of a
        thread go on with what this publisher knows (a rate limit met elsewhere meanwhile is
        answered by the platform itself, and honoured then); a read per part cost a fifth of
        the tick's throughput."""
        stored = self.store.pacing(now, account)
        self.gates.load(account, stored.starts, stored.limit)

    def _started(self, account: str) -> None:
        """A draft of ``account`` went out: paced from now, in memory and in the store."""
        now = self.clock()
        self.gates.started(account, now)
        self.store.record_start(account, now)

    def _blocked(self, account: str, until: datetime) -> None:
        """The platform rate-limited ``account`` until ``until``: its drafts wait."""
        self.gates.block(account, until)
        self.store.record_limit(account, until)

    def _published(self, draft: Draft, part: Part, ref: PublishedRef) -> PublishedRef:
        self.store.part_published(draft.id, part.index, ref, self.clock())
        _event("published", draft.id, part=part.index + 1, account=draft.account, url=ref.url)
        self.report.published.append((draft.id, part.index, ref.url))
        return ref

    def _retry(self, draft: Draft, part: Part, error: str, at: datetime) -> NoReturn:
        self.store.part_retry(draft.id, part.index, error, at, self.clock())
        _event("retry", draft.id, WARNING, part=part.index + 1, at=at.isoformat(), reason=error)
        self.report.count("retries")
        raise _Settled

    def _fail(self, draft: Draft, part: Part, error: str, live: list[PublishedRef]) -> NoReturn:
        self.store.part_failed(draft.id, part.index, error, self.clock())
        _event("failed", draft.id, ERROR, part=part.index + 1, account=draft.account, reason=error)
        self._finish(draft, _outcome("failed", live), live, error)
        raise _Settled

    def _unconfirmed(
        self, draft: Draft, part: Part, error: str, live: list[PublishedRef]
    ) -> NoReturn:
        self.store.part_unconfirmed(draft.id, part.index, error, self.clock())
        fields = {"part": part.index + 1, "account": draft.account, "reason": error}
        _event("unconfirmed", draft.id, ERROR, **fields)
        self._finish(draft, "unconfirmed", live, error)
        raise _Settled

    def _finish(
        self, draft: Draft, status: str, live: list[PublishedRef], reason: str | None = None
    ) -> None:
        self.store.finish(draft.id, status, self.clock())
        urls = " ".join(ref.url for ref in live) if status != "published" and live else None
        level = INFO if status == "published" else ERROR
        _event("finished", draft.id, level, status=status, **({"live": urls} if urls else {}))
        self.report.finished[draft.id] = status
        self.notify(draft_outcome(draft, status, [r.url for r in live], self.clock(), reason))

    def _defer(self, draft: Draft, until: datetime, reason: str, level: int = INFO) -> None:
        self.store.postpone(draft.id, until, reason, self.clock())
        _event("deferred", draft.id, level, until=until.isoformat(), reason=reason)
        self.report.count("deferred")

    def _hold(self, draft: Draft, kind: str, reason: str, part: Part | None = None) -> NoReturn:
        """Hold the draft's account and give the draft back, due at its own time as before (a
        part begun is pending again): it goes out once the account is fixed."""
        self.held.add(draft.account)
        if self.store.hold_account(draft.account, kind, reason, self.clock(), REMIND_EVERY):
            report_hold(draft.account, kind, reason)
            self.notify(account_attention(draft.account, kind, reason, self.clock()))
        self._give_back(draft, reason, part)

    def _give_back(self, draft: Draft, reason: str, part: Part | None = None) -> NoReturn:
        now = self.clock()
        due = draft.due_at or now
        if part is None:
            self.store.postpone(draft.id, due, f"held: {reason}", now)
        else:
            self.store.part_retry(draft.id, part.index, f"held: {reason}", due, now)
        _event("held", draft.id, WARNING, account=draft.account, reason=reason)
        self.report.held.append(draft.id)
        raise _Settled

    def _retry_at(self, attempts: int) -> datetime:
        return self.clock() + backoff_delay(max(attempts, 1), self.settings, self.rng)


class _Settled(Exception):
    """The draft's claim was settled (retry, deferral, failure): stop working on it."""


def _outgoing(draft: Draft, part: Part, live: list[PublishedRef]) -> OutgoingPart:
    """The part as the adapter sends it: a reply to the thread's last live part, under the key
    stored with it (a new one on its first attempt)."""
    return OutgoingPart(
        draft_id=draft.id,
        index=part.index,
        count=len(draft.parts),
        text=part.text,
        idempotency_key=part.idempotency_key or new_tid(),
        facets=part.facets,
        embed=part.embed,
        lang=draft.source.lang,
        reply_to=live[-1] if live else None,
        root=live[0] if live else None,
        attempt=part.attempts + 1,
    )


def _stored_ref(part: Part) -> PublishedRef:
    return PublishedRef(part.remote_id or "", part.remote_url or "", part.remote_cid)


def _outcome(failure: str, live: list[PublishedRef]) -> str:
    """``partial`` when earlier parts of the thread are live, else ``failure``."""
    return "partial" if failure == "failed" and live else failure


def _event(event: str, draft_id: str, level: int = INFO, **fields: object) -> None:
    """Progress at INFO; retries, holds and misses at WARNING; failures at ERROR."""
    log_event(log, event, fields, draft=draft_id, level=level)
