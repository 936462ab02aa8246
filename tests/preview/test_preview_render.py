"""Rendering a preview built by hand: HTML escaping, self-containment, terminal text, JSON shape."""

from __future__ import annotations

import io
import re
from dataclasses import replace
from pathlib import Path

import pytest
from rich.console import Console

from posts.errors import InputError, TemplateError
from scheduler.preview.html import render_html, write_html
from scheduler.preview.model import LinkCard, LintWarning, Preview, Span
from scheduler.preview.parity import parity
from scheduler.preview.serialize import preview_dict
from scheduler.preview.terminal import print_preview

from .conftest import NOW, MakeDraft

HOSTILE = (
    '<script>document.title="pwned"</script><img src=x onerror=alert(1)> [bold]not markup[/bold]'
)


def _preview(make_draft: MakeDraft) -> Preview:
    x = make_draft(
        [f"{HOSTILE} https://example.org/a #One", "second part"],
        title="Title <b>bold</b> & co",
    )
    x = replace(x, warnings=(LintWarning("link", "the <link> is late", 1),))
    bsky = make_draft(
        ["Short for Bluesky #One #Two"],
        account="demo-bluesky",
        platform="bluesky",
        limit=300,
        card=LinkCard("https://example.org/a", "Card <title>", "Card description", None, 0),
        title="Title <b>bold</b> & co",
    )
    return Preview(NOW, "UTC", (x, bsky), parity([x, bsky]))


def test_html_escapes_article_text_and_has_no_script_or_external_asset(
    make_draft: MakeDraft,
) -> None:
    page = render_html(_preview(make_draft))
    assert "<script" not in page.lower() and "<img" not in page
    assert "&lt;img src=x onerror=alert(1)&gt;" in page
    assert "&lt;script&gt;document.title=&#34;pwned&#34;&lt;/script&gt;" in page
    assert "Title &lt;b&gt;bold&lt;/b&gt; &amp; co" in page
    assert "Card &lt;title&gt;" in page and "the &lt;link&gt; is late" in page
    # Self-contained: no stylesheet, script, image or font is fetched, and the CSP forbids it.
    assert not re.search(r"<(link|img|script|iframe)\b", page)
    assert "url(" not in page
    assert "default-src 'none'" in page


def test_html_shows_counts_cards_and_platform_classes(make_draft: MakeDraft) -> None:
    page = render_html(_preview(make_draft))
    assert 'class="draft x"' in page and 'class="draft bluesky"' in page
    assert "1/2 · " in page and "replying to 1/2" in page
    assert '<a class="link" href="https://example.org/a"' in page
    assert '<span class="tag">#One</span>' in page


def test_a_user_template_overrides_the_bundled_one(make_draft: MakeDraft, tmp_path: Path) -> None:
    (tmp_path / "preview.html.j2").write_text("{% for d in drafts %}[{{ d.title }}]{% endfor %}")
    assert render_html(_preview(make_draft), tmp_path).startswith("[Title &lt;b&gt;")


def test_a_broken_user_template_names_file_and_line(make_draft: MakeDraft, tmp_path: Path) -> None:
    (tmp_path / "preview.html.j2").write_text("ok\n{% for %}\n")
    with pytest.raises(TemplateError, match=r"preview\.html\.j2:2: "):
        render_html(_preview(make_draft), tmp_path)


def test_write_html_writes_a_page_and_never_makes_folders(
    make_draft: MakeDraft, tmp_path: Path
) -> None:
    path = write_html(_preview(make_draft), tmp_path / "b.html")
    assert path.read_text(encoding="utf-8").startswith("<!DOCTYPE html>")
    with pytest.raises(InputError, match=r"the folder .* does not exist"):
        write_html(_preview(make_draft), tmp_path / "a" / "b.html")
    assert not (tmp_path / "a").exists()


def test_terminal_prints_text_literally_with_counts_warnings_and_parity(
    make_draft: MakeDraft,
) -> None:
    out = io.StringIO()
    print_preview(_preview(make_draft), Console(file=out, width=200, color_system=None))
    text = out.getvalue()
    assert "[bold]not markup[/bold]" in text  # article text is never Rich markup
    assert "demo-x · X · scheduled · d1" in text
    assert "Tue 24 Nov 2026 13:00 CET (now)" in text
    assert "1/2  " in text and "↳ replies to 1/2" in text
    assert "⚠ link: the <link> is late" in text
    assert "link card on part 1: Card <title> — Card description" in text
    assert "Parity" in text and "2 draft(s), 1 warning(s)" in text


def test_json_shape(make_draft: MakeDraft) -> None:
    data = preview_dict(_preview(make_draft))
    assert set(data) == {
        "generated_at", "generated_local", "timezone", "drafts", "parity", "warnings"
    }  # fmt: skip
    first = data["drafts"][0]
    assert set(first) == {
        "id", "account", "handle", "platform", "platform_name", "status", "scheduled_at",
        "scheduled_local", "scheduled_relative", "timezone", "title", "url", "parts", "link_card",
        "hashtags", "warnings",
    }  # fmt: skip
    assert first["scheduled_at"] == "2026-11-24T12:00:00+00:00"
    assert first["parts"][1]["reply_to"] == 0 and first["parts"][0]["reply_to"] is None
    kinds = [s["kind"] for s in first["parts"][0]["spans"]]
    assert "link" in kinds and "tag" in kinds
    assert "".join(s["text"] for s in first["parts"][0]["spans"]) == first["parts"][0]["text"]
    assert data["drafts"][1]["link_card"]["title"] == "Card <title>"
    assert [r["hashtags_dropped"] for r in data["parity"]] == [[], ["Two"]]
    assert data["warnings"] == 1


def test_only_http_links_become_anchors(make_draft: MakeDraft) -> None:
    draft = make_draft(["click me"], platform="bluesky", limit=300)
    part = replace(
        draft.parts[0],
        spans=(Span("link", "click", 0, 5, "javascript:alert(1)"), Span("text", " me", 5, 8)),
    )
    page = render_html(Preview(NOW, "UTC", (replace(draft, parts=(part,)),), ()))
    assert "javascript:" not in page and '<span class="link">click</span>' in page
