"""Record keys: Herald's TIDs are valid AT Protocol TIDs, increase, and tell when they were made."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
from atproto_client.models.string_formats import TID_RE

from scheduler.adapters.tid import encode, new_tid, timestamp


def test_new_tids_are_valid_and_strictly_increasing() -> None:
    tids = [new_tid() for _ in range(1000)]
    assert all(TID_RE.match(t) for t in tids)
    assert tids == sorted(tids) and len(set(tids)) == len(tids)


def test_a_tid_tells_when_it_was_made() -> None:
    before = datetime.now(UTC)
    made = timestamp(new_tid())
    assert before - timedelta(milliseconds=1) <= made <= datetime.now(UTC)


def test_known_value_round_trips() -> None:
    micros = 1_700_000_000_123_456
    tid = encode(micros, clock_id=7)
    assert len(tid) == 13
    assert timestamp(tid) == datetime.fromtimestamp(micros / 1_000_000, tz=UTC)


@pytest.mark.parametrize(
    "text", ["", "3n32sthl4ufd", "3n32sthl4ufdf1", "zzzzzzzzzzzzz", "sched-526897"]
)
def test_text_that_is_not_a_tid_is_refused(text: str) -> None:
    with pytest.raises(ValueError, match="not a TID"):
        timestamp(text)
