"""The preview in a terminal, with Rich.

Article text goes into ``rich.text.Text`` objects, never through Rich markup, so a post or title
that contains ``[bold]``, ``[/]`` or ``[link=...]`` prints as written (and ``:x:`` stays ``:x:``:
Text never reads emoji codes).
"""

from __future__ import annotations

from rich.console import Console, Group, RenderableType
from rich.panel import Panel
from rich.table import Table
from rich.text import Text

from posts.platforms import display_name
from scheduler.preview.model import DraftPreview, PartPreview, Preview
from scheduler.preview.times import local_time, relative

SPAN_STYLES = {"tag": "bold cyan", "link": "underline blue", "mention": "bold magenta", "text": ""}


def _part(part: PartPreview, count: int) -> Text:
    over = part.length > part.limit
    head = Text()
    head.append(f"{part.index + 1}/{count}", style="bold")
    head.append("  ")
    head.append(f"{part.length}/{part.limit}", style="bold red" if over else "green")
    if part.reply_to is not None:
        head.append(f"  ↳ replies to {part.reply_to + 1}/{count}", style="dim")
    if part.status and part.status != "pending":
        head.append(f"  [{part.status}]", style="dim")
    if part.url:
        head.append(f"  {part.url}", style="dim")
    body = Text()
    for span in part.spans:
        body.append(span.text, style=SPAN_STYLES[span.kind])
    return Text("\n").join([head, body, *_images(part)])


def _images(part: PartPreview) -> list[Text]:
    """Each image with its alt text (or the lack of it), and why it went out without."""
    lines = [Text(f"image: {i.src}", style="dim") for i in part.images]
    for line, image in zip(lines, part.images, strict=True):
        line.append(f"\n  alt: {image.alt}" if image.alt else "\n  no alt text", style="")
    if part.media_note:
        lines.append(Text(f"without image: {part.media_note}", style="yellow"))
    return lines


def _header(draft: DraftPreview, preview: Preview) -> Text:
    line = Text()
    line.append(draft.account, style="bold")
    line.append(f" · {display_name(draft.platform)} · {draft.status}")
    if draft.draft_id:
        line.append(f" · {draft.draft_id}", style="bold")
    when = Text("\n")
    if draft.scheduled_at is None:
        when.append("not scheduled", style="dim")
    else:
        when.append(local_time(draft.scheduled_at, draft.timezone))
        when.append(f" ({relative(draft.scheduled_at, preview.generated_at)})", style="yellow")
    line.append_text(when)
    return line


def _draft(draft: DraftPreview, preview: Preview) -> Panel:
    items: list[RenderableType] = [_header(draft, preview)]
    items += [_part(p, len(draft.parts)) for p in draft.parts]
    if draft.card is not None:
        card = Text("link card", style="bold")
        card.append(f" on part {draft.card.part + 1}: ", style="")
        card.append(draft.card.title)
        if draft.card.description:
            card.append(f" — {draft.card.description}", style="dim")
        card.append(f"\n{draft.card.uri}", style="underline blue")
        items.append(card)
    for warning in draft.warnings:
        items.append(Text(f"⚠ {warning.rule}: {warning.message}", style="yellow"))
    title = Text(draft.title)  # a title like "The [/] operator" is text, never markup
    return Panel(Group(*_spaced(items)), title=title, title_align="left", expand=True)


def _spaced(items: list[RenderableType]) -> list[RenderableType]:
    out: list[RenderableType] = []
    for item in items:
        if out:
            out.append(Text(""))
        out.append(item)
    return out


def _parity_tables(preview: Preview) -> list[Table]:
    """One small table per article, so it fits an 80-column terminal."""
    tables: dict[str, Table] = {}
    for row in preview.parity:
        table = tables.get(row.title)
        if table is None:
            table = tables[row.title] = Table(
                title=Text(f"Parity: {row.title}", style="bold"), title_justify="left"
            )
            for column in ("account", "posts", "chars", "hashtags", "link"):
                numeric = column in ("posts", "chars")
                table.add_column(column, justify="right" if numeric else "left", overflow="fold")
        tags = Text(_tag_list(row.hashtags_kept), style="cyan")
        if row.hashtags_dropped:
            tags.append("\n" if row.hashtags_kept else "")
            tags.append("dropped: " + _tag_list(row.hashtags_dropped), style="dim")
        account = Text(row.account)
        account.append(f"\n{display_name(row.platform)}", style="dim")
        table.add_row(
            account,
            str(row.posts),
            f"{row.characters}/{row.capacity}",
            tags,
            Text(row.link),
        )
    return list(tables.values())


SHOWN_TAGS = 12  # per cell; an article with 10,000 tags gets a count, not a wall of tags


def _tag_list(tags: tuple[str, ...]) -> str:
    shown = " ".join(f"#{t}" for t in tags[:SHOWN_TAGS])
    more = len(tags) - SHOWN_TAGS
    return f"{shown} (+{more:,} more)" if more > 0 else shown


def print_preview(preview: Preview, console: Console) -> None:
    """Every draft as a panel, then the parity table and a one-line summary."""
    if not preview.drafts:
        console.print("Nothing to preview: no drafts match.")
        return
    for draft in preview.drafts:  # wrapped inside the panel even on a soft-wrapping console
        console.print(_draft(draft, preview), soft_wrap=False)
    for table in _parity_tables(preview):
        console.print(table, soft_wrap=False)
    count = preview.warning_count
    summary = f"{len(preview.drafts)} draft(s), {count} warning(s)"
    console.print(Text(summary, style="yellow" if count else "green"))
