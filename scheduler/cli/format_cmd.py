"""``herald format``: an article's posts for each platform, with their counts against the limit."""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import cast

import click

from posts.article import load_article
from posts.condensing import check_request, condense_all, platform_names
from posts.condensing.export import format_json
from posts.config import BOUNDS, load_config
from posts.errors import InputError, quoted
from posts.model import Article, CondenseOptions, LinkPlacement, Numbering, Rendition
from posts.platforms import display_name, without_plugins
from scheduler.cli.lines import Lines, lines
from scheduler.cli.output import echo_json


def _whole_number(_ctx: click.Context, _param: click.Parameter, value: str | None) -> int | None:
    """--max-posts: a whole number within the config's bounds for ``max_posts`` (1 to 100)."""
    if value is None:
        return None
    low, high = BOUNDS["max_posts"]
    text = value.strip()
    if not (
        text.isascii() and text.isdigit() and len(text) <= 6 and low <= int(text) <= (high or low)
    ):
        raise InputError(
            f"--max-posts must be a whole number from {low:g} to {high:g}, not {quoted(value)}"
        )
    return int(text)


@click.command("format")
@click.argument("path", metavar="PATH|-")
@click.option(
    "--platform",
    "platforms",
    metavar="NAME[,NAME...]",
    help=f"Platforms to format for (default: {', '.join(without_plugins())}; a plugin's if named).",
)
@click.option(
    "--mode",
    default=None,
    metavar="single|thread|auto",
    help="One post, a thread, or a single post when its essentials fit (default: config, auto).",
)
@click.option("--url", metavar="URL", help="The article's link, when the article does not name it.")
@click.option(
    "--max-posts", callback=_whole_number, metavar="N", help="Longest thread (default 6)."
)
@click.option(
    "--numbering",
    default="fraction",
    show_default=True,
    metavar="fraction|thread|none",
    help='Thread numbering: "1/5", a 🧵 on the first post, or none.',
)
@click.option(
    "--link",
    "link",
    default="last",
    show_default=True,
    metavar="last|first|reply",
    help="Which post carries the link: the closing one, the first, or a reply of its own.",
)
@click.option("--json", "as_json", is_flag=True, help="Print one JSON object (see docs).")
@click.option(
    "--explain",
    is_flag=True,
    help="Also show how the article was read: title, summary and link sources, what was removed.",
)
def format_cmd(
    path: str,
    platforms: str | None,
    mode: str | None,
    url: str | None,
    max_posts: int | None,
    numbering: str,
    link: str,
    as_json: bool,
    explain: bool,
) -> None:
    """Condense the article at PATH (or - for stdin) into posts that fit each platform exactly.

    Nothing is queued or published. Templates come from the `templates` folder named in your
    config, then the bundled ones (see docs/formatting.md).

    \b
    Examples:
      herald format article.md                       # X, Bluesky and Mastodon
      herald format article.md --platform x --mode thread --numbering thread
      herald format page.html --url https://example.org/post --json
      curl -s https://example.org/post | herald format - --platform bluesky
    """
    config = load_config()
    names = platform_names(platforms or ",".join(without_plugins()))
    chosen_mode = mode or config.mode
    options = CondenseOptions(
        max_posts=max_posts if max_posts is not None else CondenseOptions.max_posts,
        numbering=cast(Numbering, numbering),  # checked by check_request with the rest
        link=cast(LinkPlacement, link),
        template_dir=config.templates_dir,
    )
    check_request(names, chosen_mode, options)  # before reading: a bad option fails fast
    article = load_article(path, url=url)
    renditions = condense_all(article, names, mode=chosen_mode, options=options)
    if as_json:
        echo_json(format_json(article, renditions))
        _print_warnings(renditions.values(), lines(stderr=True))
    else:
        out = lines()
        if explain:
            _print_explain(article, out)
        _print_human(renditions.values(), out, article)
    _print_article_warnings(article, renditions.values(), lines(stderr=True))


def _print_explain(article: Article, out: Lines) -> None:
    """What the reader decided, for an editor checking it: sources, removals, keywords."""
    out.rule("How the article was read")
    out.print(f"headline: {article.title}\nsummary ({article.summary_source}): {article.summary}")
    for line in article.explain:
        out.print((f"  {line}", "dim"))
    if article.image:
        out.print((f"  lead {_image(article)}", "dim"))
    for rule, text in article.removed:
        out.print((f"  removed [{rule}]: {text[:120]}", "dim"))
    for keyword in article.keywords:
        used = "used" if keyword.used else "not in the text"
        out.print((f"  keyword {keyword.text!r} ({keyword.source}, {used})", "dim"))
    out.print()


def _image(article: Article) -> str:
    """The lead image and its alt text (or the lack of it): it goes with the first post."""
    alt = f"alt: {article.image_alt}" if article.image_alt else "no alt text"
    return f"image: {article.image} ({alt})"


def _print_article_warnings(article: Article, renditions: Iterable[Rendition], out: Lines) -> None:
    """The reader's warnings, unless a platform already said the same."""
    said = {w.split(":")[0] for r in renditions for w in r.warnings}
    for warning in article.warnings:
        if warning.split(":")[0] not in said:
            out.print((f"warning: {warning}", "yellow"))


def _print_human(renditions: Iterable[Rendition], out: Lines, article: Article) -> None:
    """Each platform's posts with their count against the limit, e.g. ``271/280``, and the
    image that goes with the first post."""
    for rendition in renditions:
        posts = len(rendition.posts)
        shape = f"thread of {posts}" if rendition.mode == "thread" else "single post"
        shape += " + link reply" if rendition.mode == "single" and posts > 1 else ""
        out.rule(f"{display_name(rendition.platform)} · {shape} · limit {rendition.limit}")
        for number, post in enumerate(rendition.posts, 1):
            style = "green" if post.length <= rendition.limit else "bold red"
            out.print((f"[{number}] ", "bold"), (f"{post.length}/{rendition.limit}", style))
            out.print(post.text)
            if number == 1 and article.image:
                out.print((_image(article), "dim"))
            out.print()
        if rendition.embed:
            card = rendition.embed["external"]
            out.print((f"link card: {card['title']} <{card['uri']}>", "dim"))
            if "thumb_url" in card:
                out.print((f"thumbnail (fetched when publishing): {card['thumb_url']}", "dim"))
        _print_warnings([rendition], out)


def _print_warnings(renditions: Iterable[Rendition], out: Lines) -> None:
    for rendition in renditions:
        for warning in summarised(rendition.warnings):
            out.print((f"warning ({display_name(rendition.platform)}): {warning}", "yellow"))


SHOWN_PER_REASON = 5  # dropped hashtags named one by one for each reason; the rest are counted
_DROPPED = re.compile(r"^#\S+ dropped: (?P<reason>.+)$")


def summarised(warnings: Iterable[str]) -> list[str]:
    """Warnings as people read them: each once, and for each reason a hashtag was dropped, the
    first few tags by name and then how many more (10,000 tags are not 10,000 lines)."""
    out: list[str] = []
    seen: set[str] = set()
    dropped: dict[str, int] = {}
    for warning in warnings:
        if warning in seen:
            continue
        seen.add(warning)
        match = _DROPPED.match(warning)
        if match is None:
            out.append(warning)
            continue
        reason = match["reason"]
        dropped[reason] = dropped.get(reason, 0) + 1
        if dropped[reason] <= SHOWN_PER_REASON:
            out.append(warning)
    for reason, count in dropped.items():
        if count > SHOWN_PER_REASON:
            more = count - SHOWN_PER_REASON
            out.append(f"{more:,} more hashtag{'s' if more != 1 else ''} dropped: {reason}")
    return out
