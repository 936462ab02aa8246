"""The HTML preview's image in a real browser: the embedded picture is drawn despite the page's
no-fetch Content-Security-Policy, with its alt text beside it."""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from click.testing import CliRunner
from PIL import Image

from scheduler.cli.main import cli
from tests.preview.browser import dump_dom, screenshot

pytestmark = pytest.mark.browser

RED = (230, 20, 20)


def test_the_posts_image_is_drawn_in_chromium(tmp_path: Path) -> None:
    Image.new("RGB", (400, 300), RED).save(tmp_path / "red.png")
    article = tmp_path / "red.md"
    article.write_text(
        "---\ntitle: A red square\nurl: https://example.org/red\n---\n\n"
        "![A red rectangle, nothing else](red.png)\n\nRed is the colour of this short note.\n"
    )
    page = tmp_path / "preview.html"
    result = CliRunner().invoke(
        cli, ["preview", str(article), "--to", "demo-x", "--html", str(page)]
    )
    assert result.exit_code == 0, result.output

    dom = dump_dom(page, tmp_path / "profile")
    assert 'alt="A red rectangle, nothing else"' in dom and str(tmp_path) not in dom
    shot = screenshot(page, tmp_path / "profile", tmp_path / "shot.png")
    with Image.open(io.BytesIO(shot.read_bytes())) as drawn:
        colours = drawn.convert("RGB").getcolors(maxcolors=1_000_000) or []
    red = sum(n for n, (r, g, b) in colours if r > 200 and g < 60 and b < 60)
    assert red > 20_000  # pixels of the picture on screen, not a broken-image icon
