"""A stored value no reader can show never breaks a read: the row reads "unreadable time" and
every other row is listed, previewed and planned as usual; the draft can still be cancelled."""

from __future__ import annotations

import json
import sqlite3
from datetime import UTC, datetime

import pytest

from posts.queue.epoch import OUT_OF_RANGE_HIGH, OUT_OF_RANGE_LOW, from_ms
from posts.schedule.times import show_time
from tests.cli_bad_input.conftest import Home, invoke

YEAR_9999 = 253402300799000  # 9999-12-31T23:59:59Z, which an older Herald stored: Berlin overflows


@pytest.fixture
def bad_row(home: Home) -> str:
    """A second draft whose time is the year 9999, stored as an older Herald stored it."""
    home.config.write_text('timezone = "Europe/Berlin"\n', encoding="utf-8")
    added = invoke(
        ["queue", "add", str(home.root / "article.md"), "--to", "demo-bluesky", "--at", "in 3h",
         "--json"],
        home.env(),
    )  # fmt: skip
    assert added.exit_code == 0, added.stderr
    (draft,) = json.loads(added.stdout)
    with sqlite3.connect(home.db) as conn:
        conn.execute(
            "UPDATE drafts SET scheduled_at = ?, due_at = ? WHERE id = ?",
            (YEAR_9999, YEAR_9999, draft["id"]),
        )
    return str(draft["id"])


@pytest.mark.parametrize(
    "args",
    [
        ["queue", "list"],
        ["queue", "list", "--all"],
        ["queue", "list", "--json"],
        ["queue", "show", "{bad}"],
        ["queue", "show", "{bad}", "--json"],
        ["preview", "--all"],
        ["preview", "--all", "--json"],
        ["preview", "{bad}", "--html", "{home}/page.html"],
        ["run", "--dry-run"],
        ["run", "--dry-run", "--json"],
    ],
    ids=" ".join,
)
def test_every_read_survives_a_row_no_zone_can_show(
    home: Home, bad_row: str, args: list[str]
) -> None:
    filled = [a.replace("{bad}", bad_row).replace("{home}", str(home.root)) for a in args]
    outcome = invoke(filled, home.env())
    assert outcome.exit_code == 0, outcome.stderr
    assert outcome.stderr == ""
    if "--json" not in args and "--html" not in args:
        assert "unreadable time" in outcome.stdout
    if args[:2] in (["queue", "list"], ["run", "--dry-run"]):
        assert home.draft_id in outcome.stdout  # the good row is still there


def test_the_bad_row_can_be_cancelled_and_rescheduled(home: Home, bad_row: str) -> None:
    moved = invoke(["queue", "reschedule", bad_row, "--at", "in 1h"], home.env())
    assert moved.exit_code == 0, moved.stderr
    cancelled = invoke(["queue", "cancel", bad_row], home.env())
    assert cancelled.exit_code == 0, cancelled.stderr
    assert f"Cancelled {bad_row}." in cancelled.stdout


def test_values_beyond_any_datetime_read_as_unreadable() -> None:
    for stored in (2**62, -(2**62), 10**30, "garbage"):
        at = from_ms(stored)  # type: ignore[arg-type]
        assert at in (OUT_OF_RANGE_LOW, OUT_OF_RANGE_HIGH)
        assert show_time(at, "Pacific/Kiritimati", "%c") == "unreadable time"
    assert from_ms(0) == datetime(1970, 1, 1, tzinfo=UTC)
    assert show_time(from_ms(YEAR_9999), "Europe/Berlin", "%c") == "unreadable time"
    assert show_time(None, "UTC", "%c") == "unscheduled"
