"""The HTML preview in a real browser: headless Chromium loads it offline and takes a screenshot.

Checks the rendered DOM, not the file: the post text is there as text, an article's ``<script>``
neither ran nor became an element, and the page renders to a non-trivial image.
"""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import pytest

from scheduler.preview.html import write_html
from scheduler.preview.model import LinkCard, Preview
from scheduler.preview.parity import parity

from .browser import dump_dom, screenshot
from .conftest import NOW, MakeDraft

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
