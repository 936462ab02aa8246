"""``herald preview``: what will be published, where and when, before anything goes out."""

from __future__ import annotations

import os
from pathlib import Path

import click

from posts.config import load_config
from scheduler.cli.output import console, echo_json
from scheduler.cli.state import now as clock_now
from scheduler.preview.build import Selection, preview_article, preview_queue
from scheduler.preview.html import check_html_target, write_html
from scheduler.preview.serialize import preview_dict
from scheduler.preview.terminal import print_preview
from scheduler.preview.times import parse_duration


@click.command("preview")
@click.argument("targets", nargs=-1, metavar="[ID... | PATH]")
@click.option(
    "--to",
    "to",
    metavar="ACCOUNT[,ACCOUNT...]",
    help="Preview the article file PATH (not queued) for these accounts; default: all accounts.",
)
@click.option("--url", help="The article's link, when PATH does not name it.")
@click.option("--due-within", metavar="DURATION", help="Drafts due within e.g. 24h, 90m, 2d.")
@click.option("--all", "everything", is_flag=True, help="Every draft, published ones included.")
@click.option("--json", "as_json", is_flag=True, help="Print the preview as JSON.")
@click.option(
    "--html",
    "html_path",
    type=click.Path(dir_okay=False, path_type=Path),
    help="Also write a self-contained HTML page with platform-like cards.",
)
def preview(
    targets: tuple[str, ...],
    to: str | None,
    url: str | None,
    due_within: str | None,
    everything: bool,
    as_json: bool,
    html_path: Path | None,
) -> None:
    """Show drafts as they will be published: counts, highlights, times, warnings.

    Without arguments: every draft not yet published. Nothing is changed, ever.

    \b
    Examples:
      herald preview                               # upcoming drafts
      herald preview k3f9q2 m8a1zt                 # these drafts
      herald preview --due-within 24h --html out.html
      herald preview article.md --to demo-x,demo-bluesky
      herald preview --all --json | jq '.drafts[].warnings'
    """
    config = load_config()
    if html_path is not None:
        check_html_target(html_path)  # before any work: a missing folder is not created
    now = clock_now()
    article = _article_target(targets, to)
    if article is not None:
        names = tuple(n.strip() for n in (to or "").split(",") if n.strip())
        result = preview_article(article, names, config, now, url=url)
    else:
        if to or url:
            raise click.UsageError("--to and --url need an article PATH")
        if targets and (due_within or everything):
            raise click.UsageError("give draft IDs, --due-within or --all, not several")
        selection = Selection(
            ids=targets,
            due_within=parse_duration(due_within) if due_within else None,
            everything=everything,
        )
        result = preview_queue(selection, config, now)
    if as_json:
        echo_json(preview_dict(result))
    else:
        print_preview(result, console())
    if html_path is not None:
        written = write_html(result, html_path, config.templates_dir)
        if not as_json:
            console().print(f"HTML preview: {written}", markup=False)


def _article_target(targets: tuple[str, ...], to: str | None) -> str | None:
    """One target that is a path (or ``-``, or anything with ``--to``) is an article to preview.

    Anything that exists at that path counts, so a directory or a FIFO is refused as an article
    (one line, no waiting) rather than looked up as a draft id.
    """
    if len(targets) == 1 and (to is not None or targets[0] == "-" or _exists(targets[0])):
        return targets[0]
    if to is not None:
        raise click.UsageError("--to previews one article PATH; give exactly one")
    return None


def _exists(target: str) -> bool:
    try:
        return os.path.lexists(target)
    except (OSError, ValueError):  # a NUL byte, a name too long
        return False
