"""``herald demo``: the whole flow on the built-in mock accounts, in a few seconds.

It runs the same code as a real user's commands — ``queue add`` for the example article,
``preview``, then the publishing tick of ``herald run --once`` — against the embedded defaults:
SQLite in the data dir and two mock accounts that publish to a local outbox. No account, server
or network is needed, and running it again simply queues and publishes fresh drafts.
"""

from __future__ import annotations

import time
from pathlib import Path

import click
from rich.console import Console
from rich.text import Text

from posts.app.enqueue import QueueRequest, WhenRequest, queue_articles
from posts.app.images import ImageRequest
from posts.config import Config, load_config
from posts.errors import NotFoundError, PublishError, StoreError
from posts.queue import Draft, open_store
from posts.resources import example_article
from scheduler.cli.output import console
from scheduler.cli.state import clock, now
from scheduler.preview.build import Selection, preview_queue
from scheduler.preview.html import write_html
from scheduler.preview.terminal import print_preview

ACCOUNTS = ("demo-x", "demo-bluesky")
DEMO_ALT = (
    "A colour gradient: black at the top left, bright green at the top right, violet at the "
    "bottom left and pale cyan at the bottom right"
)
WAITING = ("scheduled", "publishing")  # statuses a draft leaves once the scheduler is done with it
PUBLISH_TIMEOUT = 60.0  # seconds; the mock publishes in well under one
RERUN_NOTE = (
    "(The duplicate and quota warnings are expected when the demo has run before: the same "
    "article is already in the outbox, and the mock X account keeps X's daily quota.)"
)


@click.command("demo")
def demo() -> None:
    """Format, queue, preview and publish the example article on mock accounts.

    Queues the bundled example article for demo-x and demo-bluesky (scheduled now), shows the
    preview and writes it as HTML, runs the scheduler until both drafts are published to the
    local outbox, then prints where the outbox and the HTML preview are.

    \b
    Examples:
      herald demo
      HERALD_DATA_DIR=/tmp/herald-demo herald demo   # somewhere disposable
    """
    out = console()
    config = load_config()
    _require_demo_accounts(config)
    article = example_article()

    out.print(Text(f"1. Queue {article.name} for {' and '.join(ACCOUNTS)}, scheduled now", "bold"))
    store = open_store(config.database, now=now(), busy_timeout=config.database_timeout)
    try:
        # force: the mock X account keeps X's free-tier quota (17 posts a day), and the demo may
        # run many times a day; the preview below still warns when the quota would be exceeded.
        # The example's own image is on the web; the demo draws one, so it needs no network.
        images = ImageRequest(str(_demo_image(config.data_dir)), DEMO_ALT)
        request = QueueRequest(
            [str(article)], ACCOUNTS, WhenRequest("now"), force=True, images=images
        )
        queued = queue_articles(store, config, request, now())
    finally:
        store.close()
    ids = tuple(q.draft.id for q in queued)
    for q in queued:
        out.print(
            f"   {q.draft.id}  {q.draft.account:<13} {len(q.draft.parts)} post(s)", markup=False
        )

    out.print(Text("\n2. Preview: what will be published, where and when", "bold"))
    preview = preview_queue(Selection(ids=ids), config, now())
    print_preview(preview, out)
    if any(w.rule in ("duplicate", "quota") for d in preview.drafts for w in d.warnings):
        out.print(RERUN_NOTE, style="dim")

    out.print(Text("\n3. Publish: the scheduler's tick with the mock adapter", "bold"))
    drafts = _publish(config, ids, out)
    for draft in drafts:
        live = sum(p.status == "published" for p in draft.parts)
        out.print(
            f"   {draft.id}  {draft.account:<13} {draft.status}: {live}/{len(draft.parts)} posts",
            markup=False,
        )
    problems = [d for d in drafts if d.status != "published"]
    # Written after publishing, so the page shows each post as it now is (live, with its link).
    published = preview_queue(Selection(ids=ids), config, now())
    config.data_dir.mkdir(
        parents=True, exist_ok=True
    )  # Herald's own folder (write_html makes none)
    page = write_html(published, config.data_dir / "preview.html", config.templates_dir)

    outboxes = sorted({str(_outbox(config, d.account)) for d in drafts})
    out.print(Text("\nDone.", "bold green" if not problems else "bold red"))
    out.print(f"Outbox (one JSON line per published post): {', '.join(outboxes)}", markup=False)
    out.print(f"HTML preview: {page}", markup=False)
    out.print(
        "Next: `herald queue list`, `herald preview --all --html preview.html`, "
        "and docs/quickstart.md for real accounts."
    )
    if problems:
        listed = ", ".join(f"{d.id} {d.status}" for d in problems)
        raise PublishError(f"{len(problems)} draft(s) were not published: {listed}")


def _demo_image(folder: Path) -> Path:
    """A picture drawn once in the data dir (a gradient), so the demo posts an image."""
    path = folder / "demo-image.png"
    if not path.is_file():
        from PIL import Image

        folder.mkdir(parents=True, exist_ok=True)
        across = Image.linear_gradient("L").rotate(90).resize((640, 400))
        down = Image.linear_gradient("L").resize((640, 400))
        Image.merge("RGB", (down.point(lambda v: v // 3), across, down)).save(path)
    return path


def _require_demo_accounts(config: Config) -> None:
    missing = [name for name in ACCOUNTS if name not in config.accounts]
    if missing:
        where = config.path or "the embedded defaults"
        raise NotFoundError(
            f"herald demo needs the mock accounts {', '.join(ACCOUNTS)}, and {where} does not "
            "define them; run it without a config (HERALD_CONFIG=/dev/null herald demo)"
        )


def _publish(config: Config, ids: tuple[str, ...], out: Console) -> list[Draft]:
    """Run the publishing tick (as ``herald run --once`` does) until these drafts are done.

    If another ``herald run`` holds the queue, it publishes them instead; we wait and watch.
    """
    from scheduler.daemon import run as run_once

    deadline = time.monotonic() + PUBLISH_TIMEOUT
    error: StoreError | None = None
    while True:
        try:
            run_once(config, clock(), once=True)
        except StoreError as exc:  # e.g. another daemon is publishing from this queue
            if error is None:
                out.print(f"   {exc}; waiting for it", style="dim", markup=False)
            error = exc
        store = open_store(config.database, now=now(), busy_timeout=config.database_timeout)
        try:
            drafts = [store.get(i) for i in ids]
        finally:
            store.close()
        if all(d.status not in WAITING for d in drafts):
            return drafts
        if time.monotonic() > deadline:
            raise error or PublishError("the drafts were not published within a minute")
        time.sleep(0.5)


def _outbox(config: Config, account: str) -> Path:
    """Where a mock account writes (its own ``mock_outbox``, else the config's outbox)."""
    own = config.accounts[account].settings.get("mock_outbox")
    return Path(own) if own else config.outbox
