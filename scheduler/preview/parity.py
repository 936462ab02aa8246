"""The parity table: how one article lands on each account's platform, side by side."""

from __future__ import annotations

from collections.abc import Iterable

from scheduler.preview.model import DraftPreview, ParityRow


def link_placement(draft: DraftPreview) -> str:
    """Where readers meet the link: ``part 3/3``, ``card``, ``part 1/2 + card`` or ``none``."""
    index = draft.link_part
    where = [] if index is None else [f"part {index + 1}/{len(draft.parts)}"]
    if draft.card is not None:
        where.append("card")
    return " + ".join(where) or "none"


def parity(drafts: Iterable[DraftPreview]) -> tuple[ParityRow, ...]:
    """One row per draft, grouped by article; hashtags another rendition kept count as dropped.

    Stored drafts do not remember the article's full tag list, so a tag is "dropped" here when the
    formatter dropped it, or when another platform's rendition of the same article carries it.
    """
    drafts = list(drafts)
    tags_by_article: dict[str, dict[str, str]] = {}
    for d in drafts:
        known = tags_by_article.setdefault(d.source_key, {})
        for tag in (*d.hashtags_kept, *d.hashtags_dropped):
            known.setdefault(tag.casefold(), tag)
    rows = []
    for d in sorted(drafts, key=lambda d: (d.title, d.source_key, d.platform, d.account)):
        kept = {t.casefold() for t in d.hashtags_kept}
        dropped = tuple(t for key, t in tags_by_article[d.source_key].items() if key not in kept)
        rows.append(
            ParityRow(
                title=d.title,
                account=d.account,
                platform=d.platform,
                posts=len(d.parts),
                characters=sum(p.length for p in d.parts),
                capacity=sum(p.limit for p in d.parts),
                hashtags_kept=d.hashtags_kept,
                hashtags_dropped=dropped,
                link=link_placement(d),
            )
        )
    return tuple(rows)
