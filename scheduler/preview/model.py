"""What a preview shows, independent of how it is shown (terminal, JSON or HTML).

Every renderer reads these frozen dataclasses, so the three outputs cannot disagree about a count,
a time or a warning.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Literal

SpanKind = Literal["text", "tag", "link", "mention"]


@dataclass(frozen=True)
class Span:
    """A run of a post's text; tags, links and mentions are what the platform turns into links."""

    kind: SpanKind
    text: str
    start: int  # str offsets into the part's text, end exclusive
    end: int
    target: str | None = None  # link URI, tag without '#', or mentioned handle


@dataclass(frozen=True)
class ImagePreview:
    """An image that goes with a post: its source (a URL or a local path) and its alt text."""

    src: str
    alt: str | None


@dataclass(frozen=True)
class PartPreview:
    """One post of a draft as it will be published."""

    index: int  # 0-based
    text: str
    length: int  # by the platform's own rule
    limit: int
    spans: tuple[Span, ...]
    status: str | None = None  # the stored part status; None when not queued
    url: str | None = None  # where it lives once published
    images: tuple[ImagePreview, ...] = ()
    media_note: str | None = None  # why it goes (or went) out without its images

    @property
    def reply_to(self) -> int | None:
        """Each part of a thread replies to the previous one."""
        return self.index - 1 if self.index else None


@dataclass(frozen=True)
class LinkCard:
    """The link preview a platform shows under a post (Bluesky external embed data)."""

    uri: str
    title: str
    description: str
    image: str | None = None
    part: int = 0  # the part the card is attached to


@dataclass(frozen=True)
class LintWarning:
    """Something a social editor would want to fix before it goes out, with the reason."""

    rule: str
    message: str
    part: int | None = None  # 0-based part index, None for the whole draft


@dataclass(frozen=True)
class DraftPreview:
    """One article rendered for one account, queued or not."""

    draft_id: str | None  # None for an article previewed before queueing
    account: str
    platform: str
    status: str  # store status, or "not queued"
    scheduled_at: datetime | None  # timezone-aware UTC
    timezone: str  # the account's (or config's) zone the time is shown in
    title: str
    url: str | None
    parts: tuple[PartPreview, ...]
    card: LinkCard | None
    hashtags_kept: tuple[str, ...]
    hashtags_dropped: tuple[str, ...]
    source_key: str  # groups drafts of one article in the parity table
    handle: str | None = None  # the account's handle on its platform, when configured
    warnings: tuple[LintWarning, ...] = ()

    @property
    def link_part(self) -> int | None:
        """The first part whose text links to the article (any scheme, trailing slash ignored)."""
        if self.url is None:
            return None
        wanted = self.url.rstrip("/").casefold().split("//")[-1]
        for part in self.parts:
            for span in part.spans:
                target = (span.target or "").rstrip("/").casefold()
                if span.kind == "link" and target.split("//")[-1] == wanted:
                    return part.index
        return None


@dataclass(frozen=True)
class ParityRow:
    """How one article lands on one account's platform."""

    title: str
    account: str
    platform: str
    posts: int
    characters: int  # sum of part lengths by the platform's rule
    capacity: int  # sum of part limits
    hashtags_kept: tuple[str, ...]
    hashtags_dropped: tuple[str, ...]
    link: str  # "part 3/3", "card", "part 1/2 + card" or "none"


@dataclass(frozen=True)
class Preview:
    """Everything one ``herald preview`` shows."""

    generated_at: datetime  # timezone-aware UTC; relative times are computed against it
    timezone: str
    drafts: tuple[DraftPreview, ...]
    parity: tuple[ParityRow, ...]

    @property
    def warning_count(self) -> int:
        return sum(len(d.warnings) for d in self.drafts)
