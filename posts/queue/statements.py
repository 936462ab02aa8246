"""The statements the publisher runs on every part and draft, built once (see prepared.py).

Worker statements all carry the lease check (``status = 'publishing' AND lease_owner = :w``); part
statements carry the statuses a part may be in before the step. The caller checks that exactly one
row changed (compare-and-set).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from sqlalchemy import bindparam, insert, or_, update

from posts.queue.prepared import Prepared
from posts.queue.schema import drafts, events, parts

ADD_EVENT = Prepared(
    insert(events)
    .values(
        draft_id=bindparam("d"),
        at=bindparam("now"),
        kind=bindparam("kind"),
        part_index=bindparam("i"),
        worker=bindparam("w"),
        detail=bindparam("detail"),
    )
    .inline()  # no RETURNING of the generated id: nobody reads it
)


def _owned(**values: Any) -> Prepared:
    """An update of draft :d that only succeeds while worker :w holds its lease."""
    return Prepared(
        update(drafts)
        .where(
            drafts.c.id == bindparam("d"),
            drafts.c.status == "publishing",
            drafts.c.lease_owner == bindparam("w"),
        )
        .values(**values)
    )


TOUCH_OWNED = _owned(updated_at=bindparam("now"))
RENEW_LEASE = _owned(lease_until=bindparam("until"))
RELEASE = _owned(
    status="scheduled",
    due_at=bindparam("until"),
    lease_owner=None,
    lease_until=None,
    updated_at=bindparam("now"),
)
FINISH = _owned(
    status=bindparam("final"),
    due_at=None,
    lease_owner=None,
    lease_until=None,
    updated_at=bindparam("now"),
)


@dataclass(frozen=True)
class PartStep:
    """An update of part :i of draft :d that only succeeds from one of the ``expected`` statuses."""

    expected: tuple[str, ...]
    statement: Prepared

    @classmethod
    def build(cls, expected: tuple[str, ...], **values: Any) -> PartStep:
        statement = (
            update(parts)
            .where(
                parts.c.draft_id == bindparam("d"),
                parts.c.idx == bindparam("i"),
                or_(*(parts.c.status == status for status in expected)),
            )
            .values(updated_at=bindparam("now"), **values)
        )
        return cls(expected, Prepared(statement))


BEGIN_PART = PartStep.build(
    ("pending", "sending"),
    status="sending",
    idempotency_key=bindparam("key"),
    attempts=parts.c.attempts + 1,
)
PART_PUBLISHED = PartStep.build(
    ("sending",),
    status="published",
    remote_id=bindparam("rid"),
    remote_cid=bindparam("cid"),
    remote_url=bindparam("url"),
    last_error=None,
)
PART_RETRY = PartStep.build(("sending", "pending"), status="pending", last_error=bindparam("error"))
PART_FAILED = PartStep.build(("pending", "sending"), status="failed", last_error=bindparam("error"))
PART_UNCONFIRMED = PartStep.build(("sending",), status="unconfirmed", last_error=bindparam("error"))
