"""Held accounts: released as soon as the publisher sees them fixed, reminded hourly until then.

The tick holds an account (``WorkerStore.hold_account``) when its adapter cannot be built or
the platform refuses its credentials; its drafts stay due. The daemon reviews the holds at start,
after every config reload (SIGHUP, or the config file changed) and once a minute: an account whose
adapter now builds is released, and its drafts go out at the next tick.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterable, Mapping
from datetime import datetime, timedelta

from posts.app.notices import Notify, account_attention, ignore
from posts.config import Config
from posts.errors import HeraldError
from posts.queue import Hold, WorkerStore
from scheduler.adapters.base import Adapter, AdapterError
from scheduler.adapters.registry import account_problem
from scheduler.logs import log_event

log = logging.getLogger("herald.publish")

REMIND_EVERY = timedelta(hours=1)  # a held account is logged at ERROR at most this often


def hold_reasons(
    accounts: Iterable[str], config: Config, held: Mapping[str, str] | None = None
) -> dict[str, str]:
    """Why each of these accounts would be held at publish time: the reason the publisher
    recorded (``held``, from the store), else what is wrong in the config. Fine accounts are left
    out. What ``queue add``, ``preview`` and ``run --dry-run`` warn about."""
    found = {name: (held or {}).get(name) or account_problem(config, name) for name in accounts}
    return {name: problem for name, problem in sorted(found.items()) if problem}


def report_hold(account: str, kind: str, reason: str) -> None:
    """The one ERROR line that says an account's drafts wait for someone to fix it."""
    what = "credentials refused" if kind == "auth" else "cannot publish"
    fields = {"account": account, "problem": what, "reason": reason}
    log_event(log, "account-held", fields, level=logging.ERROR)


def review_holds(
    store: WorkerStore,
    adapters: Callable[[str], Adapter],
    now: datetime,
    *,
    retry_auth: bool,
    notify: Notify = ignore,
) -> list[str]:
    """Release every held account that can publish again and remind of the others (in the log
    and to ``notify``); return the released names. Accounts whose credentials were refused are
    released (the next publish tries them again) on ``retry_auth`` (a reload or a restart) or
    once their last report is an hour old, so a refusal is tried, and reported, at most hourly."""
    released = []
    for hold in store.holds():
        retry = retry_auth or now - hold.reported_at >= REMIND_EVERY
        waiting = store.count("scheduled", hold.account) > 0  # else nothing is held: drop it
        problem = _still_held(hold, adapters, retry) if waiting else None
        if problem is None:
            store.release_account(hold.account, now)
            log_event(log, "account-released", {"account": hold.account})
            released.append(hold.account)
        elif store.hold_account(hold.account, *problem, now, REMIND_EVERY):
            report_hold(hold.account, *problem)
            notify(account_attention(hold.account, *problem, now))
    return released


def _still_held(
    hold: Hold, adapters: Callable[[str], Adapter], retry_auth: bool
) -> tuple[str, str] | None:
    """The hold's (kind, reason) if it must stay, None if the account can publish again."""
    if hold.kind == "auth" and not retry_auth:
        return hold.kind, hold.reason
    try:
        adapters(hold.account)
    except (HeraldError, AdapterError) as exc:
        return "config", str(exc)
    return None
