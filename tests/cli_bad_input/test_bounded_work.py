"""Work grows with the input, not its square; nothing a user types can make it unbounded."""

from __future__ import annotations

import random
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

import posts.schedule.slots as slots_module
from posts.app.importing import read_import
from posts.config import BOUNDS, SchedulerSettings, load_config
from posts.queue import DraftStore, open_store
from scheduler.retry import MAX_BACKOFF, backoff_delay
from tests.cli_bad_input.conftest import Home, invoke

NOW = datetime(2026, 3, 2, 8, 0, tzinfo=UTC)


def _plan(home: Home, rows: int) -> str:
    lines = ["text,accounts,at"]
    lines += [f'"Note {i} about the tides, and the pools they leave.",demo-x,next-slot'
              for i in range(rows)]  # fmt: skip
    path = home.write(f"plan-{rows}.csv", "\n".join(lines) + "\n")
    return str(path)


def _slots_examined(home: Home, rows: int, monkeypatch: pytest.MonkeyPatch) -> int:
    """How many slot times planning ``rows`` next-slot drafts looks at."""
    seen = 0
    upcoming = slots_module.upcoming

    def counting(*args: object, **kwargs: object):  # type: ignore[no-untyped-def]
        nonlocal seen
        for at in upcoming(*args, **kwargs):  # type: ignore[arg-type]
            seen += 1
            yield at

    monkeypatch.setattr(slots_module, "upcoming", counting)
    monkeypatch.setenv("HERALD_CONFIG", str(home.config))
    config = load_config()
    items = read_import(config, Path(_plan(home, rows)), NOW)
    store: DraftStore = open_store(str(home.root / f"plan-{rows}.db"), now=NOW)
    from posts.app.enqueue import enqueue

    queued = enqueue(store, config, items, NOW)
    store.close()
    assert len({q.draft.scheduled_at for q in queued}) == rows  # every draft its own slot
    return seen


def test_planning_next_slots_is_linear(home: Home, monkeypatch: pytest.MonkeyPatch) -> None:
    small = _slots_examined(home, 50, monkeypatch)
    large = _slots_examined(home, 400, monkeypatch)
    assert small <= 50 + 2 and large <= 400 + 2  # each slot once (was n²/2: 80,200 for 400)


def test_ten_thousand_hashtags_are_a_few_warning_lines(home: Home) -> None:
    tags = ", ".join(f"tag{i}x" for i in range(10_000))
    home.write("tags.md", f"---\ntitle: Tags\ntags: [{tags}]\n---\n\nThe tide comes in twice.\n")
    outcome = invoke(["format", str(home.root / "tags.md")], home.env())
    assert outcome.exit_code == 0, outcome.stderr
    warnings = [line for line in outcome.stdout.splitlines() if line.startswith("warning")]
    assert len(warnings) <= 3 * 8, warnings  # was 29,904 lines
    assert any("9,993 more hashtags dropped: over the cap of 2" in w for w in warnings)


@pytest.mark.parametrize("attempt", [1, 2, 60, 10**6])
def test_backoff_fits_a_datetime_whatever_the_settings(attempt: int) -> None:
    huge = SchedulerSettings(backoff_base_seconds=1e308, backoff_max_seconds=1e308)
    delay = backoff_delay(attempt, huge, random.Random(3))
    assert timedelta(0) <= delay <= timedelta(seconds=MAX_BACKOFF)
    assert datetime.max.replace(tzinfo=UTC) - timedelta(days=8) + delay  # no OverflowError


def _number(value: float | None) -> str:
    assert value is not None
    return f"{int(value):,}" if float(value).is_integer() else f"{value:g}"


def test_every_bound_is_documented() -> None:
    docs = (Path(__file__).parents[2] / "docs" / "configuration.md").read_text(encoding="utf-8")
    rows = {
        line.split("|")[1].strip(): line for line in docs.splitlines() if line.startswith("| `")
    }
    for key, (low, high) in BOUNDS.items():
        row = rows.get(f"`{key.rpartition('.')[2]}`")
        assert row is not None, f"{key} has no row in docs/configuration.md"
        assert f"{_number(low)} to {_number(high)}" in row, (key, row)
