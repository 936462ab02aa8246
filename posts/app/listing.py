"""``herald queue list`` in the order people read it: what goes out next, then what needs them.

Upcoming drafts first, soonest first (being published, scheduled, then unscheduled); then what
needs someone: drafts awaiting approval by intended time, held drafts in the order they will go
out once fixed, then unconfirmed, partial, failed and missed ones, newest first; published and
cancelled drafts only when asked for. Each section is one status read along its index, so a page
costs the same whatever the size of the queue.
"""

from __future__ import annotations

from dataclasses import dataclass

from posts.queue.drafts import DraftStore
from posts.queue.model import Draft


@dataclass(frozen=True)
class Section:
    """The drafts of one status (scheduled ones split into held accounts and the others)."""

    status: str
    held: bool | None = None
    newest_first: bool = False


UPCOMING = (Section("publishing"), Section("scheduled", held=False), Section("draft"))
PROBLEMS = (
    Section("awaiting"),
    Section("scheduled", held=True),
    *(Section(s, newest_first=True) for s in ("unconfirmed", "partial", "failed", "missed")),
)
DONE = (Section("published", newest_first=True), Section("cancelled", newest_first=True))
HIDDEN = tuple(section.status for section in DONE)


def reading_order(
    store: DraftStore,
    *,
    account: str | None = None,
    everything: bool = False,
    limit: int = 50,
    offset: int = 0,
) -> list[Draft]:
    """One page of the queue, upcoming then problems (then, ``everything``, the rest)."""
    out: list[Draft] = []
    for section in (*UPCOMING, *PROBLEMS, *(DONE if everything else ())):
        if len(out) == limit:
            break
        found = _page(store, section, account, limit - len(out), offset)
        if offset and not found:  # the whole section lies before the page
            offset = max(0, offset - store.count(section.status, account, section.held))
            continue
        offset = 0
        out.extend(found)
    return out


def _page(
    store: DraftStore, section: Section, account: str | None, limit: int, offset: int
) -> list[Draft]:
    return store.page(
        section.status,
        account=account,
        held=section.held,
        newest_first=section.newest_first,
        limit=limit,
        offset=offset,
    )
