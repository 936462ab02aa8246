"""Factories for preview tests: drafts built by hand, so lint and rendering tests need no store."""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from datetime import UTC, datetime

import pytest

from scheduler.preview.model import DraftPreview, LinkCard, PartPreview, Span

NOW = datetime(2026, 11, 24, 12, 0, tzinfo=UTC)
# An article that tries to inject markup and script into the preview.
ARTICLE = """---
title: "Tide pools keep <b>time</b>"
url: https://example.org/lab/tides
tags: [MarineBiology, OpenData]
image: https://example.org/img/anemone.jpg
summary: "Anemones opened before the tide <script>alert('x')</script>, even with pumps off."
---

# Tide pools keep <b>time</b>

Anemones in our tanks opened about forty minutes before simulated high tide. They kept doing so
when the pumps stopped, which points to an internal tidal clock <script>alert('x')</script>.

The data and notebooks are open for anyone to reuse.
"""

_TOKEN = re.compile(r"#\w+|https?://\S+|@[\w.]+")


def spans_of(text: str) -> tuple[Span, ...]:
    """Tags, links and mentions by a simple rule; the real detection is tested elsewhere."""
    out, cursor = [], 0
    for m in _TOKEN.finditer(text):
        if m.start() > cursor:
            out.append(Span("text", text[cursor : m.start()], cursor, m.start()))
        token = m.group(0)
        kind = "tag" if token[0] == "#" else "mention" if token[0] == "@" else "link"
        target = token[1:] if kind != "link" else token
        out.append(Span(kind, token, m.start(), m.end(), target))
        cursor = m.end()
    if cursor < len(text):
        out.append(Span("text", text[cursor:], cursor, len(text)))
    return tuple(out)


MakeDraft = Callable[..., DraftPreview]


@pytest.fixture
def make_draft() -> MakeDraft:
    def make(
        texts: Sequence[str] = ("Hello world https://example.org/a #One",),
        *,
        account: str = "demo-x",
        platform: str = "x",
        limit: int = 280,
        draft_id: str | None = "d1",
        at: datetime | None = NOW,
        url: str | None = "https://example.org/a",
        card: LinkCard | None = None,
        title: str = "A title",
    ) -> DraftPreview:
        parts = tuple(PartPreview(i, t, len(t), limit, spans_of(t)) for i, t in enumerate(texts))
        return DraftPreview(
            draft_id=draft_id,
            account=account,
            platform=platform,
            status="scheduled" if at else "draft",
            scheduled_at=at,
            timezone="Europe/Berlin",
            title=title,
            url=url,
            parts=parts,
            card=card,
            hashtags_kept=tuple(
                s.target for p in parts for s in p.spans if s.kind == "tag" and s.target
            ),
            hashtags_dropped=(),
            source_key="article-1",
        )

    return make
