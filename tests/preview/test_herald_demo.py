"""``herald demo`` end to end on embedded defaults: queued, previewed, published to the outbox."""

from __future__ import annotations

import json
from pathlib import Path

from click.testing import CliRunner

from scheduler.cli.demo_cmd import DEMO_ALT
from scheduler.cli.main import cli


def _outbox(home: Path) -> list[dict[str, object]]:
    lines = (home / "data" / "outbox.jsonl").read_text(encoding="utf-8").splitlines()
    return [json.loads(line) for line in lines]


def test_demo_publishes_the_example_to_the_outbox_and_runs_again(isolated_herald: Path) -> None:
    first = CliRunner().invoke(cli, ["demo"], catch_exceptions=False)
    assert first.exit_code == 0, first.output
    out = first.output
    assert "1. Queue lab-notes-tide-pools.md for demo-x and demo-bluesky" in out
    assert "demo-x · X · scheduled" in out and "demo-bluesky · Bluesky · scheduled" in out
    assert "Parity: Tide Pools Keep Time" in out
    assert out.count("published: ") == 2
    assert f"Outbox (one JSON line per published post): {isolated_herald}/data/outbox.jsonl" in out
    assert f"HTML preview: {isolated_herald}/data/preview.html" in out
    page = (isolated_herald / "data" / "preview.html").read_text()
    assert page.startswith("<!DOCTYPE html>")
    assert "pending" not in page and page.count(" · published") >= 4  # 2 drafts and their posts

    lines = _outbox(isolated_herald)
    accounts = {line["account"] for line in lines}
    assert accounts == {"demo-x", "demo-bluesky"}
    first_count = len(lines)
    assert first_count >= 2
    assert any("#MarineBiology" in str(line["text"]) for line in lines)
    firsts = [line for line in lines if line["index"] == 0]  # the image is drawn, never fetched
    assert [json.dumps(line["media"]).count(DEMO_ALT) for line in firsts] == [1, 1]
    assert 'src="data:image/' in page

    again = CliRunner().invoke(cli, ["demo"], catch_exceptions=False)
    assert again.exit_code == 0, again.output
    assert "⚠ duplicate: all" in again.output and "expected when the demo has run" in again.output
    assert len(_outbox(isolated_herald)) == 2 * first_count  # fresh drafts, published again


def test_demo_explains_a_config_without_the_demo_accounts(isolated_herald: Path) -> None:
    (isolated_herald / "config.toml").write_text('[accounts.mine]\nplatform = "x"\nmock = true\n')
    result = CliRunner().invoke(cli, ["demo"])
    assert result.exit_code == 2
    assert "herald demo needs the mock accounts demo-x, demo-bluesky" in result.output
    assert not (isolated_herald / "data" / "herald.db").exists()
