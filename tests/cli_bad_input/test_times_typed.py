"""Times people type: ``now``, numeric dates in the configured day/month order, and the range."""

from __future__ import annotations

import json
from datetime import UTC, datetime, timedelta

import pytest

from posts.errors import InputError
from posts.schedule.times import MAX_AHEAD, default_date_order, parse_when
from tests.cli_bad_input.conftest import Home, invoke

NOW = datetime(2026, 3, 28, 12, 0, tzinfo=UTC)


def _add(home: Home, *args: str) -> list[dict[str, object]]:
    outcome = invoke(
        ["queue", "add", str(home.root / "article.md"), "--to", "demo-x", *args, "--json"],
        home.env(),
    )
    assert outcome.exit_code == 0, outcome.stderr
    return list(json.loads(outcome.stdout))


def test_at_now_means_now_without_the_now_flag(home: Home) -> None:
    before = datetime.now(UTC).replace(microsecond=0)
    (draft,) = _add(home, "--at", "now")
    at = datetime.fromisoformat(str(draft["scheduled_at"]).replace("Z", "+00:00"))
    assert before - timedelta(seconds=1) <= at <= datetime.now(UTC)
    moved = invoke(["queue", "reschedule", str(draft["id"]), "--at", "NOW"], home.env())
    assert moved.exit_code == 0, moved.stderr


@pytest.mark.parametrize(
    ("zone", "order", "expected"),
    [
        ("Europe/Berlin", None, datetime(2030, 6, 5, 7, 0, tzinfo=UTC)),  # 5 June, CEST
        ("America/New_York", None, datetime(2030, 5, 6, 13, 0, tzinfo=UTC)),  # May 6, EDT
        ("UTC", None, datetime(2030, 6, 5, 9, 0, tzinfo=UTC)),
        ("Europe/Berlin", "MDY", datetime(2030, 5, 6, 7, 0, tzinfo=UTC)),
        ("America/New_York", "DMY", datetime(2030, 6, 5, 13, 0, tzinfo=UTC)),
    ],
)
def test_day_and_month_follow_date_order(
    home: Home, zone: str, order: str | None, expected: datetime
) -> None:
    config = f'timezone = "{zone}"\n' + (f'date_order = "{order}"\n' if order else "")
    home.config.write_text(config, encoding="utf-8")
    (draft,) = _add(home, "--at", "05/06/2030 09:00")
    assert draft["scheduled_at"] == expected.isoformat().replace("+00:00", "Z")


def test_a_bad_date_order_is_a_config_error(home: Home) -> None:
    home.config.write_text('date_order = "DDMM"\n', encoding="utf-8")
    outcome = invoke(["queue", "list"], home.env())
    assert outcome.exit_code == 2
    assert "'date_order' = 'DDMM'; expected one of: DMY, MDY, YMD" in outcome.stderr


@pytest.mark.parametrize(
    ("zone", "order"),
    [
        ("America/Chicago", "MDY"),
        ("US/Pacific", "MDY"),
        ("Asia/Manila", "MDY"),
        ("Asia/Tokyo", "YMD"),
        ("Europe/Budapest", "YMD"),
        ("Europe/London", "DMY"),
        ("Australia/Sydney", "DMY"),
        ("UTC", "DMY"),
    ],
)
def test_the_default_order_is_the_zones_countrys(zone: str, order: str) -> None:
    assert default_date_order(zone) == order


@pytest.mark.parametrize(
    "text",
    [
        "9999-12-31T23:59:59Z",
        "in 100000000000000000000h",
        "in 99999 weeks",
        "2040-01-01 09:00",
        "0001-01-01T00:00+14:00",
        "1200",
        "1900000000",
        "-5",
        "12.5",
        "in 5",
    ],
)
def test_no_time_outside_the_range_gets_through(text: str) -> None:
    with pytest.raises(InputError) as refused:
        parse_when(text, "Pacific/Kiritimati", NOW, allow_past=True)
    message = str(refused.value)
    assert "datetime" not in message and "\\" not in message  # no Python reprs or internals


def test_the_edges_of_the_range() -> None:
    assert parse_when("in 3650d", "UTC", NOW).at == NOW + timedelta(days=3650)
    with pytest.raises(InputError, match="more than 10 years ahead"):
        parse_when("in 3654d", "UTC", NOW)
    assert datetime(2037, 1, 1, tzinfo=UTC) > NOW + MAX_AHEAD
    with pytest.raises(InputError, match="more than 10 years ago"):
        parse_when("2016-01-01 09:00", "UTC", NOW, allow_past=True)
