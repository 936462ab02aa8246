"""``herald queue``: add articles to the draft queue; list, show, edit, move, cancel, retry."""

from __future__ import annotations

import contextlib
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING

import click
from rich.console import Console
from rich.markup import escape
from rich.text import Text

from posts.app.views import APPROVAL_RULES, STATUS_MEANINGS, draft_detail, draft_summary
from posts.config import Config, load_config
from posts.errors import InputError
from posts.queue import Draft, DraftStore, open_store
from scheduler.cli.output import console, echo_json, err_console
from scheduler.cli.state import now

if TYPE_CHECKING:  # the planning code loads only for commands that add or move drafts
    from posts.app.enqueue import Queued, WhenRequest
    from posts.app.images import ImageRequest
    from posts.queue.model import Part, PartImage

_MODES = click.Choice(["single", "thread", "auto"])
_STATUSES = click.Choice(list(STATUS_MEANINGS))
_SPLIT = ("scheduled", "held")  # stored as scheduled; split by whether the account is held


def _open() -> tuple[Config, DraftStore]:
    config = load_config()
    return config, open_store(config.database, now=now(), busy_timeout=config.database_timeout)


def _local(when: datetime | None, zone: str, short: bool = False) -> str:
    """A time in ``zone``; ``short`` drops weekday and zone name (table columns).

    Never fails: a stored time no zone can show reads "unreadable time", so one bad row cannot
    end a listing.
    """
    from posts.schedule.times import show_time

    return show_time(when, zone, "%Y-%m-%d %H:%M" if short else "%a %Y-%m-%d %H:%M %Z")


def _zone(config: Config, draft: Draft) -> str:
    account = config.accounts.get(draft.account)
    return (account.timezone if account else None) or config.timezone


def _warn_accounts(config: Config, store: DraftStore, queued: list[Queued]) -> None:
    """On stderr: accounts that cannot publish as configured (their drafts will be held)."""
    from scheduler.holds import hold_reasons
    from scheduler.preview.lint import not_ready

    held = {h.account: h.reason for h in store.holds()}
    for name, problem in hold_reasons({q.draft.account for q in queued}, config, held).items():
        err_console().print(f"warning: {not_ready(name, problem)}", markup=False, emoji=False)


def _print_queued(config: Config, queued: list[Queued], as_json: bool) -> None:
    if as_json:
        echo_json([draft_summary(q.draft) for q in queued])
        return
    out = console()
    out.print(f"Queued {len(queued)} draft{'s' if len(queued) != 1 else ''}:")
    for q in queued:
        d = q.draft
        posts = f"{len(d.parts)} post{'s' if len(d.parts) != 1 else ''}"
        out.print(
            f"  [bold]{d.id}[/]  {escape(f'{d.account:<14}')} {d.platform:<9} {posts:<9} "
            f"{_local(d.scheduled_at, _zone(config, d))}"
        )
        if q.note:
            out.print(f"    note: {q.note}", markup=False)
        if d.approval is not None:
            rule = APPROVAL_RULES[d.approval]
            out.print(f"    awaiting approval; once approved it goes out {rule}")


@click.command("add")
@click.argument("paths", nargs=-1, required=True, metavar="PATH...")
@click.option(
    "--to",
    "to",
    multiple=True,
    required=True,
    metavar="ACCOUNT[,ACCOUNT]",
    help="Accounts to queue for (names from the config).",
)
@click.option(
    "--at",
    "at",
    metavar="WHEN",
    help="ISO 8601, 'YYYY-MM-DD HH:MM' (account's zone), 'tomorrow 9am', 'in 2h'.",
)
@click.option("--next-slot", is_flag=True, help="The earliest free posting slot of each account.")
@click.option("--mode", type=_MODES, help="single, thread or auto (default: config).")
@click.option("--draft", is_flag=True, help="Store unscheduled; schedule later.")
@click.option("--hold", is_flag=True, help="Publish only once approved (`herald queue approve`).")
@click.option(
    "--now",
    "now_flag",
    is_flag=True,
    help="Publish as soon as a scheduler runs (or accept a past --at).",
)
@click.option("--force", is_flag=True, help="Queue even beyond an account's daily quota.")
@click.option(
    "--image",
    metavar="PATH|URL",
    help="The image of the first post, instead of the article's own lead image.",
)
@click.option("--alt", metavar="TEXT", help="The image's alt text (its description).")
@click.option(
    "--focus",
    metavar="X,Y",
    help="The image's focal point for Mastodon's cropped previews: -1..1 each, 0,0 the centre.",
)
@click.option("--no-image", is_flag=True, help="Send no image, not even the article's.")
@click.option("--json", "as_json", is_flag=True, help="Print the stored drafts as JSON.")
def add_cmd(
    paths: tuple[str, ...],
    to: tuple[str, ...],
    at: str | None,
    next_slot: bool,
    mode: str | None,
    draft: bool,
    hold: bool,
    now_flag: bool,
    force: bool,
    image: str | None,
    alt: str | None,
    focus: str | None,
    no_image: bool,
    as_json: bool,
) -> None:
    """Format each article for each account and store one draft per account.

    \b
    Examples:
      herald queue add post.md --to demo-x,demo-bluesky --next-slot
      herald queue add post.md --to lab-x --at "2026-05-01 09:00"
      herald queue add post.md --to lab-x --at "next monday 14:00" --mode thread
      herald queue add a.md b.md c.md --to lab-bluesky --next-slot --json
      herald queue add post.md --to lab-x --draft
      herald queue add post.md --to lab-x --next-slot --hold
      herald queue add post.md --to lab-bluesky --now --image chart.png --alt "Sales by month"
    """
    from posts.app.enqueue import QueueRequest, queue_articles
    from posts.app.images import ImageRequest

    images = ImageRequest(image, alt, no_image, focus)
    when = _when(at, next_slot, draft, now_flag, hold)
    request = QueueRequest(paths, to, when, mode, force, images=images)
    config, store = _open()
    with contextlib.ExitStack() as stack:
        loaded = None
        if len(paths) > 1 and not as_json:
            from rich.progress import Progress

            progress = stack.enter_context(Progress(console=err_console(), transient=True))
            task = progress.add_task("Formatting", total=len(paths))
            loaded = lambda _path: progress.advance(task)  # noqa: E731
        from scheduler.notify import notifying

        notify = stack.enter_context(notifying(config))  # awaiting approval: delivered at exit
        queued = queue_articles(store, config, request, now(), loaded, notify)
    _print_queued(config, queued, as_json)
    _warn_accounts(config, store, queued)


def _when(at: str | None, next_slot: bool, draft: bool, now_flag: bool, hold: bool) -> WhenRequest:
    """--at / --next-slot / --draft / --now as one choice (--now with --at: a past time);
    --hold: that time or rule applies once approved."""
    from posts.app.enqueue import WhenRequest

    chosen = [
        flag for flag, on in (("--at", at), ("--next-slot", next_slot), ("--draft", draft)) if on
    ]
    if len(chosen) > 1:
        raise InputError(f"{' and '.join(chosen)} cannot be combined; choose one")
    if at:
        return WhenRequest("at", at, allow_past=now_flag, hold=hold)
    if next_slot or draft or now_flag:
        return WhenRequest("next-slot" if next_slot else "draft" if draft else "now", hold=hold)
    raise InputError("say when: --at WHEN, --next-slot, --now, or --draft to keep it unscheduled")


@click.command("list")
@click.option("--status", type=_STATUSES, help="Only drafts with this status (oldest first).")
@click.option("--all", "everything", is_flag=True, help="Also published and cancelled drafts.")
@click.option("--account", help="Only drafts of this account.")
@click.option("--limit", type=click.IntRange(1, 10_000), default=50, show_default=True)
@click.option("--offset", type=click.IntRange(0, 10**9), default=0, help="Skip this many (paging).")
@click.option("--json", "as_json", is_flag=True, help="A JSON list of drafts (documented shape).")
def list_cmd(
    status: str | None,
    everything: bool,
    account: str | None,
    limit: int,
    offset: int,
    as_json: bool,
) -> None:
    """List what goes out next (soonest first), then what needs you: drafts awaiting approval,
    held drafts (in the order they will go out once fixed), then unconfirmed, partial, failed
    and missed ones (newest first). Published and cancelled drafts are hidden unless --all or
    --status asks for them (--status awaiting: only the drafts awaiting approval).

    \b
    Examples:
      herald queue list
      herald queue list --all
      herald queue list --status failed --account lab-x
      herald queue list --json | jq '.[].id'
    """
    from posts.app.listing import HIDDEN, reading_order

    config, store = _open()
    held = {h.account: h.reason for h in store.holds()}
    if status is None:
        drafts = reading_order(
            store, account=account, everything=everything, limit=limit, offset=offset
        )
    else:
        stored, only_held = ("scheduled", status == "held") if status in _SPLIT else (status, None)
        drafts = store.page(stored, account=account, held=only_held, limit=limit, offset=offset)
    if as_json:
        echo_json([draft_summary(d, held) for d in drafts])
        return
    out = console()
    hidden = 0 if everything or status else sum(store.count(s, account) for s in HIDDEN)
    if drafts:
        _print_table(out, config, drafts, held)
    elif status or account:
        out.print("No drafts match.")
    else:
        out.print("Nothing upcoming, nothing to fix." if hidden else "The queue is empty.")
    if len(drafts) == limit:
        out.print(f"(showing {offset + 1}-{offset + limit}; --offset {offset + limit} for more)")
    if hidden:
        out.print(f"({hidden} published or cancelled not shown; --all shows them)")
    for name, reason in held.items():
        if account in (None, name):
            out.print(f"held: {name} needs attention: {reason}", markup=False, emoji=False)


def _print_table(out: Console, config: Config, drafts: list[Draft], held: dict[str, str]) -> None:
    """ID, ACCOUNT, STATUS, WHEN, POSTS always whole; the TITLE takes what room is left."""
    from posts.app.views import shown_status
    from scheduler.cli.columns import fit_rows

    header = ("ID", "ACCOUNT", "STATUS", f"WHEN ({config.timezone})", "POSTS", "TITLE")
    rows = [
        (d.id, d.account, shown_status(d, held), _when_cell(d, config.timezone),
         _posts(d), " ".join(d.source.title.split()))
        for d in drafts
    ]  # fmt: skip
    lines = fit_rows(header, rows, out.width)
    out.print(Text(lines[0], style="bold"))
    for line in lines[1:]:
        out.print(Text(line))


def _when_cell(draft: Draft, zone: str) -> str:
    """The WHEN column: the time, or the rule of a draft awaiting approval that has none."""
    if draft.approval is not None and draft.scheduled_at is None:
        return "next slot" if draft.approval == "next-slot" else "on approval"
    return _local(draft.scheduled_at, zone, True)


def _posts(draft: Draft) -> str:
    live = draft.counts.get("published", 0)
    return f"{live}/{len(draft.parts)}" if live else str(len(draft.parts))


@click.command("show")
@click.argument("draft_id", metavar="ID")
@click.option("--json", "as_json", is_flag=True, help="Everything about the draft as JSON.")
def show_cmd(draft_id: str, as_json: bool) -> None:
    """Show a draft: its posts with counts and state, and its history.

    \b
    Examples:
      herald queue show k7m2x9q
      herald queue show k7m2x9q --json
    """
    from posts.app.views import shown_status

    config, store = _open()
    draft = store.get(draft_id)
    history = store.history(draft.id)
    held = {h.account: h.reason for h in store.holds()}
    if as_json:
        echo_json(draft_detail(draft, history, held))
        return
    zone = _zone(config, draft)
    out = console()
    status = shown_status(draft, held)
    out.print(f"[bold]{draft.id}[/]  {escape(draft.account)} ({draft.platform})  [bold]{status}[/]")
    out.print(f"  {STATUS_MEANINGS[status]}")
    if draft.approval is not None:
        out.print(f"  once approved, it goes out {APPROVAL_RULES[draft.approval]}")
    if status == "held":
        out.print(f"  held:   {held[draft.account]}", markup=False, emoji=False)
    out.print(f"  when:   {_local(draft.scheduled_at, zone)}")
    if draft.due_at and draft.due_at != draft.scheduled_at:
        out.print(f"  next attempt: {_local(draft.due_at, zone)}")
    out.print(f"  source: {draft.source.title} ({draft.source.path})", markup=False)
    if draft.source.url:
        out.print(f"  link:   {draft.source.url}", markup=False)
    counts = ", ".join(f"{n} {s}" for s, n in draft.counts.items())
    out.print(f"  posts:  {len(draft.parts)} ({counts}), {draft.mode}, limit {draft.limit}")
    for part in draft.parts:
        _show_part(out, draft, part)
    out.print("\n[bold]History[/]")
    for e in history:
        where = f" part {e.part_index + 1}" if e.part_index is not None else ""
        by = f" [{e.worker}]" if e.worker else ""
        out.print(f"  {_local(e.at, zone)}  {e.kind}{where}{by}  {e.detail}", markup=False)


def _show_part(out: Console, draft: Draft, p: Part) -> None:
    """One post of ``queue show``: its count and state, text, image, upload and problems."""
    out.print(
        f"\n[bold]{p.index + 1}/{len(draft.parts)}[/]  {p.length}/{draft.limit}  {p.status}"
        + (f"  {escape(p.remote_url)}" if p.remote_url else "")
    )
    out.print(p.text, markup=False)
    for image in p.images:
        out.print(f"  image:  {image.src} ({_described(image)})", markup=False)
    for media in p.media:
        out.print(f"  uploaded: {media.width}×{media.height} {media.mime}", markup=False)
    if p.media_note:
        out.print(f"  without image: {p.media_note}", markup=False)
    if p.status == "unconfirmed":
        out.print(
            f"  [yellow]unconfirmed[/]: this post may be live and {draft.platform} gives "
            "no way to check. Look at the account; if it is not there, run "
            f"`herald queue retry {draft.id} --force`.",
        )
    if p.last_error:
        out.print(f"  last error (attempt {p.attempts}): {p.last_error}", markup=False)


@click.command("edit")
@click.argument("draft_id", metavar="ID")
@click.option("--image", metavar="PATH|URL", help="Attach this image instead (no editor opens).")
@click.option("--alt", metavar="TEXT", help="Set the image's alt text (no editor opens).")
@click.option("--focus", metavar="X,Y", help="Set the image's focal point (Mastodon), -1..1 each.")
@click.option("--no-image", is_flag=True, help="Send the draft without its image.")
def edit_cmd(
    draft_id: str, image: str | None, alt: str | None, focus: str | None, no_image: bool
) -> None:
    """Edit a draft's posts in $EDITOR; lengths are re-checked by the platform's rules. With
    --image, --alt, --focus or --no-image, change the image, its alt text or its focal point
    instead.

    \b
    Examples:
      herald queue edit k7m2x9q
      EDITOR=nano herald queue edit k7m2x9q
      herald queue edit k7m2x9q --alt "A heron standing in shallow water"
    """
    from posts.app.editing import apply_edit, edit_buffer

    if image is not None or alt is not None or focus is not None or no_image:
        from posts.app.images import ImageRequest

        _edit_image(draft_id, ImageRequest(image, alt, no_image, focus))
        return
    _config, store = _open()
    draft = store.get(draft_id)
    try:
        edited = click.edit(edit_buffer(draft), extension=".txt")
    except click.ClickException as exc:  # no editor, or it failed: bad input, not a publish
        raise InputError(f"{exc.format_message()}; nothing changed (set $EDITOR)") from None
    except UnicodeDecodeError as exc:  # the editor saved another encoding
        raise InputError(
            f"the edited file is not UTF-8 (bad byte at offset {exc.start}); nothing changed "
            "(save it as UTF-8)"
        ) from None
    if edited is None:
        console().print("No change.")
        return
    result = apply_edit(store, draft.id, edited, now())
    if result is None:
        console().print("Empty file: edit cancelled, nothing changed.")
        return
    lengths = ", ".join(f"{p.length}/{result.limit}" for p in result.parts)
    console().print(f"Saved {result.id}: {len(result.parts)} post(s) ({lengths}).")


def _edit_image(draft_id: str, request: ImageRequest) -> None:
    from posts.app.images import edit_images

    _config, store = _open()
    draft = edit_images(store, draft_id, request, now(), Path.cwd())
    shown = [i for p in draft.parts for i in p.images]
    what = "; ".join(f"{i.src} ({_described(i)})" for i in shown) or "no image"
    console().print(f"Saved {draft.id}: {what}.", markup=False, emoji=False)


def _described(image: PartImage) -> str:
    """ "alt: A heron…, focus 0,0.5" as ``queue show`` and ``queue edit`` print it."""
    alt = f"alt: {image.alt}" if image.alt else "no alt text"
    return f"{alt}, focus {image.focus[0]:g},{image.focus[1]:g}" if image.focus else alt


@click.command("cancel")
@click.argument("draft_id", metavar="ID")
def cancel_cmd(draft_id: str) -> None:
    """Cancel a draft so it is never published.

    \b
    Example:
      herald queue cancel k7m2x9q
    """
    _config, store = _open()
    draft = store.cancel(draft_id, now=now())
    console().print(f"Cancelled {draft.id}.")


@click.command("reschedule")
@click.argument("draft_id", metavar="ID")
@click.option("--at", "at", required=True, metavar="WHEN", help="The new time (same forms as add).")
@click.option("--now", "now_flag", is_flag=True, help="Accept a time in the past.")
@click.option("--force", is_flag=True, help="Even beyond the account's daily quota.")
def reschedule_cmd(draft_id: str, at: str, now_flag: bool, force: bool) -> None:
    """Give a draft a new time (also schedules an unscheduled or missed draft).

    \b
    Examples:
      herald queue reschedule k7m2x9q --at "tomorrow 9am"
      herald queue reschedule k7m2x9q --at 2026-05-01T09:00+01:00
    """
    from posts.app.enqueue import RescheduleRequest, reschedule_at

    config, store = _open()
    request = RescheduleRequest(draft_id, at, allow_past=now_flag, force=force)
    queued = reschedule_at(store, config, request, now())
    console().print(
        f"Rescheduled {queued.draft.id} for "
        f"{_local(queued.draft.scheduled_at, _zone(config, queued.draft))}."
    )
    if queued.note:
        console().print(f"note: {queued.note}", markup=False)


@click.command("retry")
@click.argument("draft_id", metavar="ID")
@click.option(
    "--force",
    is_flag=True,
    help="Also re-send parts marked unconfirmed (check the account first!).",
)
def retry_cmd(draft_id: str, force: bool) -> None:
    """Publish what failed (or was missed) again, as soon as a scheduler runs.

    \b
    Examples:
      herald queue retry k7m2x9q
      herald queue retry k7m2x9q --force    # after checking an unconfirmed post is not live
    """
    _config, store = _open()
    draft = store.retry(draft_id, now=now(), force=force)
    console().print(f"{draft.id} is scheduled again ({len(draft.parts)} post(s)); due now.")


@click.command("approve")
@click.argument("draft_ids", nargs=-1, required=True, metavar="ID...")
@click.option("--at", "at", metavar="WHEN", help="Schedule at this time (same forms as add).")
@click.option("--next-slot", is_flag=True, help="Schedule at each account's next free slot.")
@click.option("--now", "now_flag", is_flag=True, help="Accept a time in the past (due now).")
@click.option("--force", is_flag=True, help="Even beyond an account's daily quota.")
@click.option("--json", "as_json", is_flag=True, help="Print the approved drafts as JSON.")
def approve_cmd(
    draft_ids: tuple[str, ...],
    at: str | None,
    next_slot: bool,
    now_flag: bool,
    force: bool,
    as_json: bool,
) -> None:
    """Schedule drafts awaiting approval: at their intended time, or as told.

    Without --at or --next-slot, each goes out at the time it was added for, or at its account's
    next free slot if that time has passed. All of them are approved, or none.

    \b
    Examples:
      herald queue approve k7m2x9q
      herald queue approve k7m2x9q m8a1zt3 --next-slot
      herald queue approve k7m2x9q --at "tomorrow 9am"
    """
    from posts.app.approval import ApproveRequest, approve

    config, store = _open()
    request = ApproveRequest(draft_ids, at, next_slot, allow_past=now_flag, force=force)
    queued = approve(store, config, request, now())
    if as_json:
        echo_json([draft_summary(q.draft) for q in queued])
        return
    for q in queued:
        when = _local(q.draft.scheduled_at, _zone(config, q.draft))
        console().print(f"Approved {q.draft.id}: scheduled for {when}.", markup=False)
        if q.note:
            console().print(f"note: {q.note}", markup=False)


@click.command("import")
@click.argument("file", type=click.Path(path_type=Path))
@click.option("--force", is_flag=True, help="Even beyond accounts' daily quotas.")
@click.option(
    "--allow-outside",
    is_flag=True,
    help="Also read paths outside FILE's folder, absolute paths and hidden files.",
)
@click.option("--json", "as_json", is_flag=True, help="Print the stored drafts as JSON.")
def import_cmd(file: Path, force: bool, allow_outside: bool, as_json: bool) -> None:
    """Queue many articles from a CSV or JSON-lines file (all rows or none).

    Columns: path or text, accounts, at (a time, next-slot, or empty for a draft), mode.
    A path is relative to FILE's folder and may not leave it (see --allow-outside).

    \b
    Examples:
      herald queue import plan.csv
      herald queue import plan.jsonl --json
    """
    from posts.app.enqueue import enqueue
    from posts.app.importing import read_import

    config = load_config()
    when = now()
    items = read_import(config, file, when, allow_outside)  # every row, before the store opens
    store = open_store(config.database, now=when, busy_timeout=config.database_timeout)
    queued = enqueue(store, config, items, when, force)
    _print_queued(config, queued, as_json)
    _warn_accounts(config, store, queued)
