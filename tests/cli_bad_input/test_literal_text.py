"""Text from articles, configs and platforms prints as written everywhere: never Rich markup, never
an emoji code, never HTML."""

from __future__ import annotations

import html
import json
import logging

import pytest

from scheduler.logs import log_event
from tests.cli_bad_input.conftest import Home, invoke

TITLE = "The [/] operator in regex"
BODY = "Tags like [python] and [#123] stay, :x: is not an emoji, and [bold]nor is this bold."
ARTICLE = f"# {TITLE}\n\n{BODY}\n\nA second paragraph keeps the article long enough to read.\n"
ACCOUNT = "lab[red]x"  # a config's account name with what looks like markup
CONFIG = f"""
[accounts."{ACCOUNT}"]
platform = "x"
mock = true
handle = "lab_[b]x"

[accounts.demo-bluesky]
platform = "bluesky"
mock = true
"""
LITERALS = ("[/]", "[python]", "[#123]", ":x:", "[bold]nor")


@pytest.fixture
def queued(home: Home) -> str:
    home.config.write_text(CONFIG, encoding="utf-8")
    home.write("regex.md", ARTICLE)
    added = invoke(
        ["queue", "add", str(home.root / "regex.md"), "--to", f"{ACCOUNT},demo-bluesky",
         "--at", "in 2h"],
        home.env(),
    )  # fmt: skip
    assert added.exit_code == 0, added.stderr
    assert added.stdout.count(ACCOUNT) == 1  # the account name as written
    return added.stdout


def _draft_ids(home: Home) -> list[str]:
    listed = invoke(["queue", "list", "--json"], home.env())
    return [d["id"] for d in json.loads(listed.stdout) if d["id"] != home.draft_id]


@pytest.mark.parametrize(
    "args",
    [
        ["queue", "list"],
        ["queue", "show", "{id}"],
        ["preview"],
        ["preview", "{id}"],
        ["preview", "{home}/regex.md", "--to", ACCOUNT],
        ["run", "--dry-run"],
        ["format", "{home}/regex.md"],
        ["accounts", "list"],
    ],
    ids=" ".join,
)
def test_user_text_prints_literally(home: Home, queued: str, args: list[str]) -> None:
    first = _draft_ids(home)[0]
    filled = [a.replace("{id}", first).replace("{home}", str(home.root)) for a in args]
    outcome = invoke(filled, home.env(COLUMNS="200"))
    assert outcome.exit_code == 0, outcome.stderr
    out = outcome.stdout
    if args[0] == "accounts":
        assert ACCOUNT in out and "lab_[b]x" in out
        return
    if args[:2] != ["run", "--dry-run"]:
        assert TITLE in out
    if args[:2] == ["queue", "list"]:
        assert ACCOUNT in out
        return
    for literal in LITERALS:
        assert literal in out, (literal, out)
    assert "❌" not in out


def test_the_html_preview_shows_the_text_escaped(home: Home, queued: str) -> None:
    page = home.root / "page.html"
    outcome = invoke(["preview", "--html", str(page)], home.env())
    assert outcome.exit_code == 0, outcome.stderr
    written = page.read_text(encoding="utf-8")
    assert html.escape(TITLE) in written or TITLE in written
    assert "[bold]nor" in written and ":x:" in written and "[#123]" in written
    assert "<bold>" not in written


def test_a_log_line_is_one_line_whatever_a_platform_says(caplog: pytest.LogCaptureFixture) -> None:
    logger = logging.getLogger("herald.test")
    with caplog.at_level(logging.INFO, logger="herald.test"):
        log_event(logger, "failed", {"error": "bad\nfailed abc123 forged=1", "title": TITLE})
    (record,) = caplog.records
    assert "\n" not in record.getMessage()
    assert "bad\\nfailed abc123" in record.getMessage() and TITLE in record.getMessage()
