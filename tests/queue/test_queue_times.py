"""Times users type and posting slots."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from posts.errors import ConfigError, InputError
from posts.schedule.slots import next_free, parse_slots
from posts.schedule.times import parse_when

NOW = datetime(2026, 3, 28, 12, 0, tzinfo=UTC)  # Saturday; London springs forward tomorrow
LONDON = "Europe/London"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("2026-04-01T09:00+02:00", datetime(2026, 4, 1, 7, 0, tzinfo=UTC)),
        ("2026-04-01T09:00Z", datetime(2026, 4, 1, 9, 0, tzinfo=UTC)),
        ("2026-04-01 09:00", datetime(2026, 4, 1, 8, 0, tzinfo=UTC)),  # BST
        ("2026-03-28 18:00", datetime(2026, 3, 28, 18, 0, tzinfo=UTC)),  # GMT
        ("in 2h", datetime(2026, 3, 28, 14, 0, tzinfo=UTC)),
        ("in 1h30m", datetime(2026, 3, 28, 13, 30, tzinfo=UTC)),
        ("in 24 hours", datetime(2026, 3, 29, 12, 0, tzinfo=UTC)),  # exact, across the change
        ("tomorrow 9am", datetime(2026, 3, 29, 8, 0, tzinfo=UTC)),  # 09:00 BST
        ("next monday 14:00", datetime(2026, 3, 30, 13, 0, tzinfo=UTC)),
    ],
)
def test_accepted_forms(text: str, expected: datetime) -> None:
    assert parse_when(text, LONDON, NOW).at == expected


def test_a_time_in_the_spring_gap_is_refused() -> None:
    with pytest.raises(InputError, match="2026-03-29 01:30 does not exist in Europe/London"):
        parse_when("2026-03-29 01:30", LONDON, NOW)


def test_a_time_in_the_autumn_fold_takes_the_first_and_says_so() -> None:
    when = parse_when("2026-10-25 01:30", LONDON, NOW)
    assert when.at == datetime(2026, 10, 25, 0, 30, tzinfo=UTC)
    assert when.note and "happens twice" in when.note and "BST" in when.note
    assert parse_when("2026-10-25T01:30+00:00", LONDON, NOW).note is None


@pytest.mark.parametrize("text", ["", "whenever", "tomorrow 25:00", "2026-02-30 10:00"])
def test_nonsense_is_refused(text: str) -> None:
    with pytest.raises(InputError):
        parse_when(text, LONDON, NOW)


def test_past_times_need_allow_past() -> None:
    with pytest.raises(InputError, match="in the past"):
        parse_when("2026-03-01 10:00", LONDON, NOW)
    assert parse_when("2026-03-01 10:00", LONDON, NOW, allow_past=True).at.day == 1


def test_next_free_slot_skips_taken_ones_and_follows_the_zone() -> None:
    slots = parse_slots(["mon-fri 09:00, 13:00"])
    monday_9 = datetime(2026, 3, 30, 8, 0, tzinfo=UTC)  # 09:00 BST
    assert next_free(slots, LONDON, NOW, []) == monday_9
    assert next_free(slots, LONDON, NOW, [monday_9]) == datetime(2026, 3, 30, 12, 0, tzinfo=UTC)


def test_slot_lines_merge_in_time_order() -> None:
    slots = parse_slots(["sat 10:30", "daily 12:30", "weekends 12:30"])
    taken: list[datetime] = []
    for _ in range(3):
        taken.append(next_free(slots, "UTC", NOW, taken))
    assert [t.strftime("%a %H:%M") for t in taken] == ["Sat 12:30", "Sun 12:30", "Mon 12:30"]


@pytest.mark.parametrize("spec", ["someday 09:00", "mon-fri", "mon 9am", "mon 24:00"])
def test_bad_slot_specs_say_what_is_expected(spec: str) -> None:
    with pytest.raises(ConfigError, match="expected"):
        parse_slots([spec])
