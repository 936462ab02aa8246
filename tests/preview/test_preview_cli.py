"""``herald preview`` through Click's runner: stored drafts, articles, JSON, HTML, no changes."""

from __future__ import annotations

import json
import re
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from posts.counting import bluesky_facets, measure
from posts.queue import NewDraft, NewPart, Source
from scheduler.cli.main import cli
from tests.conftest import configured_store

from .conftest import ARTICLE


def herald(*args: str) -> Result:
    return CliRunner().invoke(cli, list(args), catch_exceptions=False)


def _draft(
    account: str, platform: str, texts: list[str], at: datetime | None, title: str = "Tide pools"
) -> NewDraft:
    parts = tuple(
        NewPart(
            text=t,
            length=measure(platform, t),
            facets=tuple(bluesky_facets(t)) if platform == "bluesky" else (),
        )
        for t in texts
    )
    source = Source("article.md", f"hash-{title}", title, "https://example.org/lab/tides")
    return NewDraft(account, platform, source, parts, at, "thread", 280 if platform == "x" else 300)


@pytest.fixture
def queued() -> list[str]:
    """Two drafts of one article for the two demo accounts, due in 3 h, plus one due in 2 days."""
    now = datetime.now(UTC)
    store = configured_store()
    try:
        added = store.add(
            [
                _draft(
                    "demo-x",
                    "x",
                    [
                        "Anemones keep tidal time #MarineBiology",
                        "Read https://example.org/lab/tides",
                    ],
                    now + timedelta(hours=3),
                ),
                _draft(
                    "demo-bluesky",
                    "bluesky",
                    ["Tidal time https://example.org/lab/tides #MarineBiology #OpenData"],
                    now + timedelta(hours=3, minutes=5),
                ),
                _draft("demo-x", "x", ["Later post"], now + timedelta(days=2), "Later"),
            ],
            now=datetime.now(UTC),
        )
    finally:
        store.close()
    return [d.id for d in added]


def _snapshot(folder: Path) -> dict[str, bytes]:
    return {str(p.relative_to(folder)): p.read_bytes() for p in folder.rglob("*") if p.is_file()}


def test_preview_shows_accounts_times_counts_and_parity(queued: list[str]) -> None:
    result = herald("preview")
    assert result.exit_code == 0, result.output
    out = result.output
    assert f"demo-x · X · scheduled · {queued[0]}" in out
    assert f"demo-bluesky · Bluesky · scheduled · {queued[1]}" in out
    assert "(in 3 h)" in out and "(in 2 d)" in out
    assert "1/2  " in out and "/280" in out and "↳ replies to 1/2" in out
    assert "Parity" in out and "3 draft(s)" in out


def test_preview_selects_by_id_and_due_window(queued: list[str]) -> None:
    by_id = herald("preview", queued[2], "--json")
    assert [d["id"] for d in json.loads(by_id.output)["drafts"]] == [queued[2]]
    due = json.loads(herald("preview", "--due-within", "24h", "--json").output)
    assert sorted(d["id"] for d in due["drafts"]) == sorted(queued[:2])


def test_preview_json_shape(queued: list[str]) -> None:
    data = json.loads(herald("preview", "--json").output)
    x = next(d for d in data["drafts"] if d["id"] == queued[0])
    assert x["account"] == "demo-x" and x["platform"] == "x" and x["status"] == "scheduled"
    assert x["scheduled_relative"] == "in 3 h"
    assert [p["limit"] for p in x["parts"]] == [280, 280]
    assert x["parts"][0]["spans"][1] == {
        "kind": "tag",
        "text": "#MarineBiology",
        "start": 25,
        "end": 39,
        "target": "MarineBiology",
    }
    bsky = next(d for d in data["drafts"] if d["id"] == queued[1])
    assert [s["kind"] for s in bsky["parts"][0]["spans"]] == [
        "text",
        "link",
        "text",
        "tag",
        "text",
        "tag",
    ]
    rows = {r["account"]: r for r in data["parity"] if r["title"] == "Tide pools"}
    assert rows["demo-x"]["link"] == "part 2/2" and rows["demo-bluesky"]["link"] == "part 1/1"
    assert rows["demo-x"]["hashtags_dropped"] == ["OpenData"]


def test_preview_warns_about_collisions_in_the_pacing_gap(
    queued: list[str], isolated_herald: Path
) -> None:
    (isolated_herald / "config.toml").write_text(
        '[accounts.demo-x]\nplatform = "x"\nmock = true\nmin_gap_seconds = 3600\ndaily_quota = 2\n'
    )
    data = json.loads(herald("preview", "--json").output)
    x = next(d for d in data["drafts"] if d["id"] == queued[0])
    assert [w["rule"] for w in x["warnings"]] == []  # the later draft is 2 days away
    store = configured_store()
    try:
        at = store.get(queued[0]).scheduled_at
        assert at is not None
        store.add(
            [_draft("demo-x", "x", ["Close call"], at + timedelta(minutes=20))],
            now=datetime.now(UTC),
        )
    finally:
        store.close()
    data = json.loads(herald("preview", queued[0], "--json").output)
    rules = [w["rule"] for w in data["drafts"][0]["warnings"]]
    assert rules == ["collision", "quota"]


def test_preview_changes_nothing(queued: list[str], isolated_herald: Path, tmp_path: Path) -> None:
    article = tmp_path / "a.md"
    article.write_text(ARTICLE, encoding="utf-8")
    data = isolated_herald / "data"
    before = _snapshot(data)
    for args in (
        ["preview", str(article), "--to", "demo-x", "--json"],
        ["preview"],
        ["preview", "--all", "--json"],
        ["preview", queued[0], "--html", str(tmp_path / "p.html")],
        ["preview", "--due-within", "1h"],
        ["run", "--dry-run"],
    ):
        assert herald(*args).exit_code == 0, args
    assert _snapshot(data) == before


def test_preview_without_a_queue_creates_nothing(isolated_herald: Path) -> None:
    result = herald("preview")
    assert result.exit_code == 0 and "Nothing to preview" in result.output
    assert not (isolated_herald / "data").exists()


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["preview", "nosuchid"], "Error: no draft with id 'nosuchid'"),
        (["preview", "--due-within", "soon"], "Error: cannot read duration 'soon'"),
        (["preview", "a", "--all"], "give draft IDs, --due-within or --all"),
    ],
)
def test_bad_input_is_one_line_and_exit_2(queued: list[str], args: list[str], message: str) -> None:
    result = CliRunner().invoke(cli, args)
    assert result.exit_code == 2 and message in result.output
    assert "Traceback" not in result.output


def test_article_preview_escapes_html_and_lints(tmp_path: Path) -> None:
    article = tmp_path / "tides.md"
    article.write_text(ARTICLE, encoding="utf-8")
    (tmp_path / "out").mkdir()
    page = tmp_path / "out" / "preview.html"
    result = herald("preview", str(article), "--to", "demo-x,demo-bluesky", "--html", str(page))
    assert result.exit_code == 0, result.output
    assert "demo-x · X · not queued" in result.output
    assert f"HTML preview: {page.resolve()}" in result.output
    html = page.read_text(encoding="utf-8")
    assert "<script" not in html and "&lt;script&gt;" in html
    assert "Tide pools keep &lt;b&gt;time&lt;/b&gt;" in html
    assert "anemone.jpg · thumbnail uploaded when published" in html
    assert not (tmp_path / "herald-home" / "data").exists()  # previewing created no queue


def test_article_preview_unknown_account(tmp_path: Path) -> None:
    article = tmp_path / "a.md"
    article.write_text(ARTICLE, encoding="utf-8")
    result = CliRunner().invoke(cli, ["preview", str(article), "--to", "nobody"])
    assert result.exit_code == 2
    assert (
        "Error: unknown account 'nobody'; configured accounts: demo-bluesky, demo-x"
        in result.output
    )


@pytest.mark.parametrize(("no_color", "colored"), [(None, True), ("1", False)])
def test_no_color_is_respected(queued: list[str], no_color: str | None, colored: bool) -> None:
    env = {"FORCE_COLOR": "1", "NO_COLOR": no_color, "COLUMNS": "100"}
    result = CliRunner().invoke(cli, ["preview"], env=env)
    assert result.exit_code == 0
    assert bool(re.search(r"\x1b\[[0-9;]*3[0-7]m", result.output)) is colored  # foreground colour


def test_shell_completion_knows_preview_and_its_options() -> None:
    env = {
        "_HERALD_COMPLETE": "bash_complete",
        "COMP_WORDS": "herald preview --due",
        "COMP_CWORD": "2",
    }
    result = CliRunner().invoke(cli, [], env=env, prog_name="herald")
    assert result.exit_code == 0 and "plain,--due-within" in result.output
