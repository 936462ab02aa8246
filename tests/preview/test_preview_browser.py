"""The HTML preview in a real browser: headless Chromium loads it offline and takes a screenshot.

Checks the rendered DOM, not the file: the post text is there as text, an article's ``<script>``
neither ran nor became an element, and the page renders to a non-trivial image.
"""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import pytest
from click.testing import CliRunner

from scheduler.cli.main import cli
from scheduler.preview.html import write_html
from scheduler.preview.model import LinkCard, Preview
from scheduler.preview.parity import parity

from .browser import dump_dom, screenshot
from .conftest import ARTICLE, NOW, MakeDraft

pytestmark = pytest.mark.browser

ATTACK = '<script>document.title="pwned";document.body.innerHTML="owned"</script>'


def test_hostile_article_text_renders_as_text_in_chromium(
    make_draft: MakeDraft, tmp_path: Path
) -> None:
    x = make_draft([f"Tide pools {ATTACK} https://example.org/a #One", "second part"])
    bsky = make_draft(
        ["Bluesky post #One"],
        account="demo-bluesky",
        platform="bluesky",
        limit=300,
        card=LinkCard("https://example.org/a", "Card title", "Card text", part=0),
    )
    x = replace(x, title=f"Title {ATTACK}")
    page = write_html(Preview(NOW, "UTC", (x, bsky), parity([x, bsky])), tmp_path / "p.html")

    dom = dump_dom(page, tmp_path / "profile")
    assert "<title>Herald preview · 2 drafts</title>" in dom  # the script did not retitle it
    assert "owned" not in dom.replace(ATTACK.replace("<", "&lt;").replace(">", "&gt;"), "")
    assert "<script" not in dom
    assert "Tide pools &lt;script&gt;document.title=" in dom
    assert "Card title" in dom and "1/2 · 109/280" in dom

    png = screenshot(page, tmp_path / "profile", tmp_path / "p.png")
    data = png.read_bytes()
    assert data.startswith(b"\x89PNG\r\n\x1a\n") and len(data) > 20_000


def test_article_preview_page_from_the_cli_renders_in_chromium(tmp_path: Path) -> None:
    """The real path: an article with <script> → ``herald preview PATH --html`` → the browser."""
    article = tmp_path / "tides.md"
    article.write_text(ARTICLE, encoding="utf-8")
    page = tmp_path / "preview.html"
    result = CliRunner().invoke(
        cli, ["preview", str(article), "--to", "demo-x,demo-bluesky", "--html", str(page)]
    )
    assert result.exit_code == 0, result.output

    dom = dump_dom(page, tmp_path / "profile")
    assert "<script" not in dom and "alert('x')" in dom.replace("&#39;", "'")
    assert "Tide pools keep &lt;b&gt;time&lt;/b&gt;" in dom
    assert 'data-account="demo-x"' in dom and 'data-account="demo-bluesky"' in dom
    assert "/280" in dom and "/300" in dom
    assert screenshot(page, tmp_path / "profile", tmp_path / "p.png").stat().st_size > 20_000
