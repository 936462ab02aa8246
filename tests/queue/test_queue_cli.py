"""`herald queue` and `herald init` through the real CLI: output shapes, bad input, concurrency."""

from __future__ import annotations

import json
import os
import sqlite3
import subprocess
import sys
from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from scheduler.cli.main import cli
from scheduler.cli.state import State
from tests.conftest import configured_store
from tests.queue.conftest import worker

NOW = datetime(2026, 3, 2, 8, 0, tzinfo=UTC)  # Monday 08:00 UTC
ARTICLE = """---
title: "Kelp Forests Count the Days"
url: https://example.org/notes/kelp-days
tags: [Kelp, OceanScience]
summary: "Giant kelp grows fastest in the week after a spring tide, our survey found."
lang: en
---

# Kelp Forests Count the Days

We measured twelve plots of giant kelp every morning for a season. Growth peaked in the week
after each spring tide and slowed during neap tides, even when the water temperature held steady.

## What it means

Divers planning restoration work can time transplants to the fast-growing week.
"""

Run = Callable[..., Result]


@pytest.fixture
def article(tmp_path: Path) -> Path:
    path = tmp_path / "kelp.md"
    path.write_text(ARTICLE, encoding="utf-8")
    return path


@pytest.fixture
def run() -> Run:
    def invoke(*args: str, now: datetime = NOW, **kwargs: object) -> Result:
        state = State(clock=lambda: now)
        return CliRunner().invoke(cli, list(args), obj=state, catch_exceptions=False, **kwargs)  # type: ignore[arg-type]

    return invoke


def db_path() -> Path:
    return Path(os.environ["HERALD_DB"])


def write_config(text: str) -> Path:
    path = Path(os.environ["HERALD_CONFIG"])
    path.write_text(text, encoding="utf-8")
    return path


def test_add_to_two_accounts_at_the_next_slot(run: Run, article: Path) -> None:
    result = run("queue", "add", str(article), "--to", "demo-x,demo-bluesky", "--next-slot")
    assert result.exit_code == 0, result.output
    assert "Queued 2 drafts:" in result.output
    assert result.output.count("Mon 2026-03-02 09:00 UTC") == 2  # the first slot, 09:00
    again = run("queue", "add", str(article), "--to", "demo-x", "--next-slot", "--json")
    (draft,) = json.loads(again.output)
    assert draft["scheduled_at"] == "2026-03-02T13:00:00Z"  # 09:00 is taken now


def test_list_json_has_the_documented_shape(run: Run, article: Path) -> None:
    run("queue", "add", str(article), "--to", "demo-bluesky", "--at", "2026-03-03 10:00")
    run("queue", "add", str(article), "--to", "demo-x", "--draft")
    listed = json.loads(run("queue", "list", "--json").output)
    assert [set(d) for d in listed] == [
        {"id", "account", "platform", "status", "held", "scheduled_at", "approval", "parts"}
    ] * 2
    assert [d["status"] for d in listed] == ["scheduled", "draft"]  # upcoming, then unscheduled
    assert listed[0]["scheduled_at"] == "2026-03-03T10:00:00Z" and listed[0]["held"] is None
    assert set(listed[0]["parts"][0]) == {"text", "status", "remote_id", "url"}
    assert (
        json.loads(run("queue", "list", "--json", "--status", "draft").output)[0]["id"]
        == (listed[1]["id"])
    )


def test_show_explains_unconfirmed_and_retry_needs_force(run: Run, article: Path) -> None:
    (d,) = json.loads(run("queue", "add", str(article), "--to", "demo-x", "--now", "--json").output)
    store = configured_store()
    worker(store, "w").claim_due(NOW, 60, 1)
    worker(store, "w").begin_part(d["id"], 0, "key", NOW)
    worker(store, "w").part_unconfirmed(d["id"], 0, "timed out after 10 s", NOW)
    worker(store, "w").finish(d["id"], "unconfirmed", NOW)
    store.close()
    shown = run("queue", "show", d["id"])
    assert "may be live" in shown.output and f"herald queue retry {d['id']} --force" in shown.output
    refused = run("queue", "retry", d["id"])
    assert refused.exit_code == 2 and "--force" in refused.output
    assert run("queue", "retry", d["id"], "--force").exit_code == 0
    detail = json.loads(run("queue", "show", d["id"], "--json").output)
    assert detail["status"] == "scheduled"
    assert [h["event"] for h in detail["history"]][-2:] == ["finished", "retry-forced"]


def test_edit_revalidates_lengths(run: Run, article: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    (d,) = json.loads(
        run("queue", "add", str(article), "--to", "demo-x", "--draft", "--json").output
    )
    monkeypatch.setattr("click.edit", lambda text, **_: text.replace("Kelp Forests", "KELP"))
    assert "Saved" in run("queue", "edit", d["id"]).output
    assert json.loads(run("queue", "show", d["id"], "--json").output)["parts"][0][
        "text"
    ].startswith("KELP")


def test_reschedule_and_cancel(run: Run, article: Path) -> None:
    (d,) = json.loads(
        run("queue", "add", str(article), "--to", "demo-x", "--draft", "--json").output
    )
    moved = run("queue", "reschedule", d["id"], "--at", "tomorrow 9am")
    assert "Tue 2026-03-03 09:00 UTC" in moved.output
    assert run("queue", "cancel", d["id"]).exit_code == 0
    assert json.loads(run("queue", "list", "--json").output) == []  # done: hidden by default
    assert json.loads(run("queue", "list", "--all", "--json").output)[0]["status"] == "cancelled"


def test_daily_quota_is_enforced_unless_forced(run: Run, article: Path) -> None:
    write_config('[accounts.tight]\nplatform = "x"\nmock = true\ndaily_quota = 2\n')
    for _ in range(2):
        assert run("queue", "add", str(article), "--to", "tight", "--at", "in 2h").exit_code == 0
    refused = run("queue", "add", str(article), "--to", "tight", "--at", "in 3h")
    assert refused.exit_code == 2
    assert (
        "would have 3 posts in the 24 h" in refused.output and "daily_quota = 2" in refused.output
    )
    assert (
        run("queue", "add", str(article), "--to", "tight", "--at", "in 3h", "--force").exit_code
        == 0
    )


def test_import_csv_and_jsonl(run: Run, article: Path, tmp_path: Path) -> None:
    csv_file = tmp_path / "plan.csv"
    csv_file.write_text(
        f'path,accounts,at\n{article.name},"demo-x,demo-bluesky",2026-03-05 12:00\n'
        f"{article.name},demo-x,next-slot\n",
        encoding="utf-8",
    )
    assert "Queued 3 drafts" in run("queue", "import", str(csv_file)).output
    jsonl = tmp_path / "plan.jsonl"
    jsonl.write_text(
        json.dumps(
            {"text": "A short note about tides.\n\nTides come and go.", "accounts": ["demo-x"]}
        )
        + "\n",
        encoding="utf-8",
    )
    (d,) = json.loads(run("queue", "import", str(jsonl), "--json").output)
    assert d["status"] == "draft"


def test_init_writes_once_and_never_overwrites(run: Run) -> None:
    target = Path(os.environ["HERALD_CONFIG"])
    target.unlink()  # a fresh machine: no config yet
    assert run("init").exit_code == 0
    written = target.read_bytes()
    assert b"[accounts.lab-bluesky]" in written
    target.write_text(written.decode() + "# mine\n", encoding="utf-8")
    again = run("init")
    assert again.exit_code == 2 and "already exists" in again.output
    assert target.read_text(encoding="utf-8").endswith("# mine\n")
    assert run("queue", "list").exit_code == 0  # the example config loads


@pytest.mark.parametrize(
    ("config", "expected"),
    [
        ("timezone = [", "not valid TOML"),
        ("colour = 'red'", "unknown key 'colour'"),
        ("[accounts.a]\nmock = true", "account 'a' has no 'platform'"),
        ("timezone = 'Mars/Olympus'", "'timezone' = 'Mars/Olympus' is not a time zone"),
        ("[accounts.a]\nplatform = 'x'\nslots = 'someday 9:00'", "'accounts.a.slots'"),
        ("[accounts.a]\nplatform = 'x'\npassword = 'hunter2'", "unknown key 'accounts.a.password'"),
        ("[scheduler]\nmax_attempts = 'many'", "'scheduler.max_attempts'"),
    ],
)
def test_config_errors_name_file_and_key(run: Run, config: str, expected: str) -> None:
    path = write_config(config)
    result = run("queue", "list")
    assert result.exit_code == 2
    assert str(path) in result.output and expected in result.output
    assert "Traceback" not in result.output


def _seed(run: Run, article: Path) -> str:
    out = run("queue", "add", str(article), "--to", "demo-x", "--at", "2026-03-04 10:00", "--json")
    return str(json.loads(out.output)[0]["id"])


def _future_schema() -> None:
    with sqlite3.connect(db_path()) as conn:
        conn.execute("INSERT INTO schema_migrations VALUES ('9999_from_the_future', 0)")
    conn.close()


@pytest.mark.parametrize(
    ("args", "expected"),
    [
        (("queue", "add", "{article}", "--to", "nobody", "--now"), "unknown account 'nobody'"),
        (("queue", "cancel", "zzzzzzz"), "no draft with id 'zzzzzzz'"),
        (("queue", "add", "{article}", "--to", "demo-x", "--at", "whenever"), "cannot understand"),
        (
            ("queue", "add", "{article}", "--to", "demo-x", "--at", "2026-03-01 10:00"),
            "in the past",
        ),
        (("queue", "reschedule", "{id}", "--at", "2026-03-29 01:30"), None),
        (("queue", "add", "{empty}", "--to", "demo-x", "--now"), None),
        (("queue", "edit", "{id}"), "is 3"),
        (
            (
                "queue",
                "list",
            ),
            "created by a newer Herald",
        ),
    ],
)
def test_bad_input_changes_nothing(
    run: Run,
    article: Path,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    args: tuple[str, ...],
    expected: str | None,
) -> None:
    draft_id = _seed(run, article)
    if "edit" in args:
        monkeypatch.setattr("click.edit", lambda text, **_: text + "\n" + "word " * 200)
        expected = f"post 1 of draft {draft_id} is"
    if expected == "created by a newer Herald":
        _future_schema()
    if "reschedule" in args:
        write_config('timezone = "Europe/London"\n')
        expected = "does not exist in Europe/London"
    empty = tmp_path / "empty.md"
    empty.write_text("   \n", encoding="utf-8")
    before = db_path().read_bytes()
    argv = [a.format(article=article, id=draft_id, empty=empty) for a in args]
    result = run(*argv)
    assert result.exit_code == 2, result.output
    assert result.output.startswith("Error: ") and result.output.count("\n") == 1
    if expected:
        assert expected in result.output
    assert db_path().read_bytes() == before


def test_locked_database_is_one_clear_line(run: Run, article: Path) -> None:
    write_config("database_timeout = 0.05\n")
    _seed(run, article)
    before = db_path().read_bytes()
    holder = sqlite3.connect(db_path(), isolation_level=None)
    holder.execute("BEGIN EXCLUSIVE")
    try:
        result = run("queue", "add", str(article), "--to", "demo-x", "--now")
    finally:
        holder.execute("ROLLBACK")
        holder.close()
    assert result.exit_code == 2 and "is locked by another process" in result.output
    assert db_path().read_bytes() == before


def test_read_only_database_is_one_clear_line(
    run: Run, article: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    _seed(run, article)
    path = db_path()
    before = path.read_bytes()
    monkeypatch.setenv("HERALD_DB", f"sqlite:///file:{path}?mode=ro&uri=true")
    assert run("queue", "list").exit_code == 0  # reading still works
    result = run("queue", "add", str(article), "--to", "demo-x", "--now")
    assert result.exit_code == 2 and "read-only" in result.output
    assert path.read_bytes() == before


def test_concurrent_add_processes_lose_nothing(
    article: Path, location: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("HERALD_DB", location)  # SQLite, and PostgreSQL when available
    script = (
        "from scheduler.cli.main import main; import sys; "
        "main(['queue', 'add', *sys.argv[2:], '--to', sys.argv[1], '--next-slot'])"
    )
    files = [str(article)] * 3
    procs = [
        subprocess.Popen(
            [sys.executable, "-c", script, accounts, *files],
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        for accounts in ["demo-x,demo-bluesky", "demo-bluesky,demo-x"] * 2  # both lock orders
    ]
    outputs = [p.communicate(timeout=120) for p in procs]
    assert all(p.returncode == 0 for p in procs), outputs
    store = configured_store()
    drafts = store.list(limit=1000)
    store.close()
    assert len(drafts) == 4 * 3 * 2
    for account in ("demo-x", "demo-bluesky"):
        times = [d.scheduled_at for d in drafts if d.account == account]
        assert len(set(times)) == 12  # every add took its own slot


def test_queue_list_does_not_import_platform_sdks() -> None:
    code = (
        "import sys; from scheduler.cli.main import main\n"
        "try:\n    main(['queue', 'list'])\nexcept SystemExit:\n    pass\n"
        "print(sorted(m for m in ('tweepy', 'atproto', 'mastodon') if m in sys.modules))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip().splitlines()[-1] == "[]"


def test_a_local_time_means_each_accounts_own_zone(run: Run, article: Path) -> None:
    write_config(
        '[accounts.london]\nplatform = "x"\nmock = true\ntimezone = "Europe/London"\n'
        '[accounts.ny]\nplatform = "x"\nmock = true\ntimezone = "America/New_York"\n'
    )
    out = run(
        "queue", "add", str(article), "--to", "london,ny", "--at", "2026-06-05 09:00", "--json"
    )
    times = {d["account"]: d["scheduled_at"] for d in json.loads(out.output)}
    assert times == {"london": "2026-06-05T08:00:00Z", "ny": "2026-06-05T13:00:00Z"}


def test_editing_a_bluesky_draft_recomputes_facets_and_keeps_the_card(
    run: Run, article: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    out = run("queue", "add", str(article), "--to", "demo-bluesky", "--draft", "--json")
    (d,) = json.loads(out.output)
    before = json.loads(run("queue", "show", d["id"], "--json").output)
    cards = [p["embed"] for p in before["parts"] if p["embed"]]
    monkeypatch.setattr("click.edit", lambda text, **_: "#|x\nOne post now #Renamed\n")
    assert run("queue", "edit", d["id"]).exit_code == 0
    (part,) = json.loads(run("queue", "show", d["id"], "--json").output)["parts"]
    assert part["text"] == "One post now #Renamed"
    assert part["facets"][0]["features"][0]["tag"] == "Renamed"
    assert [part["embed"]] == cards[:1]


def test_a_bluesky_draft_shows_its_link_shortened_and_an_edit_keeps_where_it_links(
    run: Run, article: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    args = ("--to", "demo-bluesky", "--draft", "--mode", "thread", "--json")
    (d,) = json.loads(run("queue", "add", str(article), *args).output)
    shown, url = "example.org/notes/kelp-d...", "https://example.org/notes/kelp-days"
    *_, carrier = json.loads(run("queue", "show", d["id"], "--json").output)["parts"]
    assert shown in carrier["text"]
    assert carrier["embed"]["external"]["uri"] == url  # the card goes with the post that links
    assert {"$type": "app.bsky.richtext.facet#link", "uri": url} in [
        feature for facet in carrier["facets"] for feature in facet["features"]
    ]
    monkeypatch.setattr("click.edit", lambda text, **_: f"Kelp grows fast.\n\n{shown}\n")
    assert run("queue", "edit", d["id"]).exit_code == 0
    (part,) = json.loads(run("queue", "show", d["id"], "--json").output)["parts"]
    assert part["facets"] == [
        {
            "index": {"byteStart": 18, "byteEnd": 18 + len(shown)},
            "features": [{"$type": "app.bsky.richtext.facet#link", "uri": url}],
        }
    ]
