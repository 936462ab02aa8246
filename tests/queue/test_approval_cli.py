"""A human in the loop through the CLI: `queue add --hold`, `queue approve`, and a real
`herald run --once` that never publishes a draft awaiting approval."""

from __future__ import annotations

import json
from datetime import timedelta
from pathlib import Path

import pytest

from scheduler.adapters.mock import read_outbox
from tests.queue.test_queue_cli import NOW, Run, article, run  # noqa: F401 - the fixtures

LATER = NOW + timedelta(days=3)  # long after every intended time below


def held(run: Run, article: Path, *when: str, to: str = "demo-x") -> str:  # noqa: F811
    added = run("queue", "add", str(article), "--to", to, *when, "--hold", "--json")
    assert added.exit_code == 0, added.output
    (draft,) = json.loads(added.output)
    assert draft["status"] == "awaiting" and draft["approval"] in ("at", "next-slot", "now")
    return str(draft["id"])


def status(run: Run, draft_id: str) -> str:  # noqa: F811
    return str(json.loads(run("queue", "show", draft_id, "--json").output)["status"])


def outbox(home: Path) -> list[dict[str, object]]:
    return read_outbox(home / "data" / "outbox.jsonl")


def test_held_drafts_are_listed_previewed_and_shown_as_awaiting_approval(
    run: Run,  # noqa: F811
    article: Path,  # noqa: F811
) -> None:
    added = run("queue", "add", str(article), "--to", "demo-x", "--next-slot", "--hold")
    assert "awaiting approval; once approved it goes out at its account's next free" in added.output
    at = held(run, article, "--at", "2026-03-02 11:00", to="demo-bluesky")
    run("queue", "add", str(article), "--to", "demo-x", "--next-slot")
    table = run("queue", "list").output
    assert table.count("awaiting") == 2 and "next slot" in table and "2026-03-02 11:00" in table
    only = json.loads(run("queue", "list", "--status", "awaiting", "--json").output)
    assert [d["approval"] for d in only] == ["next-slot", "at"] and only[1]["id"] == at
    shown = run("queue", "show", at).output
    assert "awaiting approval" in shown and "once approved, it goes out at its intended" in shown
    preview = json.loads(run("preview", "--json").output)
    statuses = {d["id"]: d["status"] for d in preview["drafts"]}
    assert statuses[at] == "awaiting"


def test_held_drafts_are_never_published_until_approved(
    run: Run,  # noqa: F811
    article: Path,  # noqa: F811
    isolated_herald: Path,
) -> None:
    first = held(run, article, "--at", "2026-03-02 10:00")
    second = held(run, article, "--next-slot", to="demo-bluesky")
    for _ in range(2):  # long past their time, and with --catch-up too
        assert run("run", "--once", now=LATER).exit_code == 0
        assert run("run", "--once", "--catch-up", now=LATER).exit_code == 0
    assert outbox(isolated_herald) == []
    assert {status(run, first), status(run, second)} == {"awaiting"}
    approved = run("queue", "approve", first, second, now=LATER)
    assert approved.exit_code == 0, approved.output
    assert approved.output.count("Approved") == 2
    shown = json.loads(run("queue", "list", "--json", now=LATER).output)
    slot = LATER.replace(hour=9)  # 10:00 on day one has passed: the next free slot
    assert {d["scheduled_at"] for d in shown} == {f"{slot:%Y-%m-%dT%H:%M:%SZ}"}
    assert run("run", "--once", now=slot - timedelta(minutes=1)).exit_code == 0
    assert outbox(isolated_herald) == []
    assert run("run", "--once", now=slot).exit_code == 0
    assert len(outbox(isolated_herald)) == 2
    assert {status(run, first), status(run, second)} == {"published"}


def test_approve_at_a_time_or_the_next_slot(run: Run, article: Path) -> None:  # noqa: F811
    first, second = (held(run, article, "--now") for _ in range(2))
    assert "Approved" in run("queue", "approve", first, "--at", "2026-03-05 14:00").output
    assert "Approved" in run("queue", "approve", second, "--next-slot").output
    times = {d["id"]: d["scheduled_at"] for d in json.loads(run("queue", "list", "--json").output)}
    assert times == {first: "2026-03-05T14:00:00Z", second: "2026-03-02T09:00:00Z"}


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["HELD", "nosuch1"], "no draft with id 'nosuch1'; see `herald queue list`"),
        (["SCHEDULED"], "cannot approve draft"),
        (["HELD", "--at", "tomorrow", "--next-slot"], "cannot be combined"),
        (["HELD", "--at", "yesterday 9am"], "is in the past"),
    ],
)
def test_approve_errors_are_one_line_and_change_nothing(
    run: Run,  # noqa: F811
    article: Path,  # noqa: F811
    args: list[str],
    message: str,
) -> None:
    waiting = held(run, article, "--at", "2026-03-02 10:00")
    (scheduled,) = json.loads(
        run("queue", "add", str(article), "--to", "demo-x", "--next-slot", "--json").output
    )
    before = run("queue", "list", "--json").output
    named = [{"HELD": waiting, "SCHEDULED": scheduled["id"]}.get(a, a) for a in args]
    result = run("queue", "approve", *named)
    assert result.exit_code == 2
    assert result.output.count("\n") == 1 and result.output.startswith("Error: ")
    assert message in result.output
    assert run("queue", "list", "--json").output == before


def test_a_held_draft_is_edited_cancelled_not_rescheduled(
    run: Run,  # noqa: F811
    article: Path,  # noqa: F811
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    draft = held(run, article, "--next-slot")
    monkeypatch.setattr("click.edit", lambda text, **_: text.replace("Kelp Forests", "KELP"))
    assert "Saved" in run("queue", "edit", draft).output
    assert status(run, draft) == "awaiting"
    moved = run("queue", "reschedule", draft, "--at", "tomorrow 9am")
    assert moved.exit_code == 2
    assert f"it is awaiting; approve it with `herald queue approve {draft}`" in moved.output
    assert "Cancelled" in run("queue", "cancel", draft).output
    assert status(run, draft) == "cancelled"


def test_hold_needs_a_time_or_a_rule(run: Run, article: Path) -> None:  # noqa: F811
    result = run("queue", "add", str(article), "--to", "demo-x", "--draft", "--hold")
    assert result.exit_code == 2 and "cannot also await approval" in result.output
