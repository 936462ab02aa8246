"""`herald queue list` and `show` as people read them: what goes out next first, then what needs
them; the fixed columns never give way in 80 columns or a pipe; held accounts are said."""

from __future__ import annotations

import json
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from click.testing import CliRunner, Result
from rich.cells import cell_len

from posts.queue import DraftStore, NewDraft, NewPart, Source
from scheduler.cli.main import cli
from tests.conftest import configured_store
from tests.queue.conftest import worker

NOW = datetime.now(UTC).replace(microsecond=0)
H = timedelta(hours=1)
LONG = "newsroom-weekend-desk"


class Ref:
    remote_id = "r1"
    url = "https://example.org/r1"
    cid = None


@pytest.fixture
def store(isolated_herald: Path) -> Iterator[DraftStore]:
    (isolated_herald / "config.toml").write_text(
        f'[accounts.demo-x]\nplatform = "x"\nmock = true\n[accounts.{LONG}]\nplatform = "x"\n'
        "mock = true\n"
    )
    opened = configured_store()
    yield opened
    opened.close()


def _add(store: DraftStore, at: datetime | None, parts: int = 1, account: str = "demo-x") -> str:
    title = f"Draft due {at:%H:%M}" if at else "Unscheduled"
    new = NewDraft(
        account,
        "x",
        Source("a.md", "0" * 64, title),
        tuple(NewPart(f"part {i}", 6) for i in range(parts)),
        at,
    )
    return store.add([new], now=NOW - 24 * H)[0].id


def _settle(store: DraftStore, outcome: str, parts: int = 1) -> str:
    """A draft taken through the publisher to ``outcome`` (one claim, as a worker would)."""
    draft = _add(store, NOW - 2 * H, parts)
    [claimed] = worker(store, "w").claim_due(NOW, 60, 1)
    assert claimed.id == draft
    if outcome == "publishing":
        return draft
    worker(store, "w").begin_part(draft, 0, "k0", NOW)
    if outcome == "partial":
        worker(store, "w").part_published(draft, 0, Ref(), NOW)
        worker(store, "w").begin_part(draft, 1, "k1", NOW)
    last = parts - 1
    if outcome in ("failed", "partial"):
        worker(store, "w").part_failed(draft, last, "400 Bad Request", NOW)
    elif outcome == "unconfirmed":
        worker(store, "w").part_unconfirmed(draft, last, "timed out", NOW)
    else:
        worker(store, "w").part_published(draft, last, Ref(), NOW)
    worker(store, "w").finish(draft, outcome, NOW)
    return draft


def _ids(*args: str) -> list[str]:
    result = CliRunner().invoke(cli, ["queue", "list", "--json", *args])
    assert result.exit_code == 0, result.output
    return [d["id"] for d in json.loads(result.stdout)]


@pytest.fixture
def queue(store: DraftStore) -> dict[str, str]:
    """One draft in every state a person can meet."""
    ids = {"missed": _add(store, NOW - 10 * H)}
    assert worker(store).mark_missed(NOW, 6 * H) == [ids["missed"]]
    for outcome in ("published", "failed", "unconfirmed", "publishing"):
        ids[outcome] = _settle(store, outcome)
    ids["partial"] = _settle(store, "partial", parts=2)
    ids["cancelled"] = store.cancel(_add(store, NOW + 5 * H), now=NOW).id
    ids["held"] = _add(store, NOW + 1 * H, account=LONG)
    worker(store).hold_account(LONG, "config", "no account 'x' in the config", NOW, H)
    ids["later"] = _add(store, NOW + 3 * H)
    ids["soon"] = _add(store, NOW + 2 * H)
    ids["draft"] = _add(store, None)
    return ids


def test_list_opens_on_what_goes_out_next_then_what_needs_you(queue: dict[str, str]) -> None:
    order = ["publishing", "soon", "later", "draft", "held", "unconfirmed", "partial", "failed"]
    order += ["missed"]
    assert _ids() == [queue[name] for name in order]
    assert _ids("--all") == [queue[name] for name in [*order, "published", "cancelled"]]
    assert _ids("--status", "published") == [queue["published"]]
    assert _ids("--status", "held") == [queue["held"]]
    assert _ids("--status", "scheduled") == [queue["soon"], queue["later"]]


def test_pages_follow_the_same_order(queue: dict[str, str]) -> None:
    whole = _ids("--all")
    pages = [_ids("--all", "--limit", "3", "--offset", str(n)) for n in range(0, len(whole), 3)]
    assert [i for page in pages for i in page] == whole
    assert _ids("--limit", "2", "--offset", "5") == whole[5:7]


def test_the_fixed_columns_never_give_way_in_80_columns(
    queue: dict[str, str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("COLUMNS", "80")
    result = CliRunner().invoke(cli, ["queue", "list"])
    lines = result.stdout.splitlines()
    header, rows = lines[0], lines[1:10]
    assert header.split()[:6] == ["ID", "ACCOUNT", "STATUS", "WHEN", "(UTC)", "POSTS"]
    assert all(cell_len(line) <= 80 for line in lines[:10])
    held = next(row for row in rows if row.startswith(queue["held"]))
    assert f"{queue['held']}  {LONG}  held " in held and held.endswith("…")
    partial = next(row for row in rows if row.startswith(queue["partial"]))
    assert " partial " in partial and " 1/2 " in partial  # live / all posts
    assert "(1 published or cancelled not shown" not in result.stdout  # there are two
    assert "(2 published or cancelled not shown; --all shows them)" in result.stdout
    assert f"held: {LONG} needs attention: no account 'x' in the config" in result.stdout


def test_show_says_a_draft_is_held_and_why(queue: dict[str, str]) -> None:
    shown = CliRunner().invoke(cli, ["queue", "show", queue["held"]])
    assert f"{LONG} (x)  held" in shown.stdout
    assert "held:   no account 'x' in the config" in shown.stdout
    detail = json.loads(CliRunner().invoke(cli, ["queue", "show", queue["held"], "--json"]).stdout)
    assert detail["status"] == "scheduled" and detail["held"] == "no account 'x' in the config"
    assert "goes out as soon as" in detail["explanation"]
    other = json.loads(CliRunner().invoke(cli, ["queue", "show", queue["soon"], "--json"]).stdout)
    assert other["held"] is None


def test_an_empty_and_an_all_done_queue_say_so(store: DraftStore) -> None:
    assert _list().stdout == "The queue is empty.\n"
    _settle(store, "published")
    assert _list().stdout.splitlines() == [
        "Nothing upcoming, nothing to fix.",
        "(1 published or cancelled not shown; --all shows them)",
    ]


def test_an_editor_that_fails_is_bad_input_not_a_publish_failure(
    store: DraftStore, monkeypatch: pytest.MonkeyPatch
) -> None:
    draft = _add(store, NOW + H)
    monkeypatch.setenv("EDITOR", "false")
    before = store.get(draft)
    result = CliRunner().invoke(cli, ["queue", "edit", draft])
    assert result.exit_code == 2
    [line] = result.stderr.splitlines()
    assert line.startswith("Error: ") and "nothing changed" in line
    assert store.get(draft) == before


def _list() -> Result:
    return CliRunner().invoke(cli, ["queue", "list"])


def test_queue_help_names_every_subcommand() -> None:
    result = CliRunner().invoke(cli, ["queue", "--help"])
    summary = result.stdout.split("\n\n")[1]
    for name in ("add", "import", "list", "show", "edit", "cancel", "reschedule", "retry"):
        assert name in summary, name
