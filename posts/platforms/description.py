"""What Herald knows about one platform, as data: every module asks this instead of its name.

A description imports nothing: it names its counting rules by import path (``module:attribute``,
as entry points do), loaded on first use, so reading the config or listing drafts never pays for
them, and ``posts.counting`` (which asks the registry) sits above ``posts.platforms``.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from functools import cached_property
from importlib import import_module
from types import MappingProxyType
from typing import Any, cast

Spans = list[tuple[int, int]]


@dataclass(frozen=True)
class Counting:
    """The platform's own counting and detection rules (see posts/counting)."""

    measure: Callable[[str], int]  # length in the platform's units
    url_spans: Callable[[str], Spans]  # what it links as a URL
    hashtag_spans: Callable[[str], Spans]  # the hashtags it links, sign included
    mention_spans: Callable[[str], Spans]  # the mentions it recognises, at sign included
    is_valid_hashtag: Callable[[str], bool]  # ``tag`` (no sign) is linked whole
    # rich text sent with a post, stored with it and shown by the preview as sent, given the
    # post's text and the links it shows shortened (shown text → address); None: the platform
    # finds links itself
    facets: Callable[[str, Mapping[str, str]], list[dict[str, Any]]] | None = None
    # how a post shows a link it carries (Bluesky: as its app shortens it, the facet holding the
    # address); None: the address itself, as platforms that shorten links themselves need it
    link_text: Callable[[str], str] | None = None

    def facets_of(
        self, text: str, links: Mapping[str, str] = MappingProxyType({})
    ) -> tuple[dict[str, Any], ...]:
        """The facets sent with ``text``: none where the platform finds links itself."""
        return tuple(self.facets(text, links)) if self.facets else ()

    def shown_link(self, url: str) -> str:
        """``url`` as a post shows it."""
        return self.link_text(url) if self.link_text else url


@dataclass(frozen=True, eq=False)  # one description per platform: identity is equality
class Platform:
    """One platform: names, limits, rules, templates and settings, declared once."""

    name: str  # as written in the config and stored with drafts
    display: str  # as people write it
    limit: int  # default post limit in the platform's units
    counting: str  # ``module:attribute`` of its Counting, imported on first use
    hashtag_cap: int  # most hashtags on one post unless the account sets ``hashtag_cap``
    settings: tuple[str, ...] = ("handle",)  # account keys besides Herald's own and ``*_env``
    max_bytes: int | None = None  # a UTF-8 size limit besides ``limit`` (Bluesky: 3000)
    invalid_chars: tuple[str, ...] = ()  # characters that make the platform refuse a post
    link_card: bool = False  # the post that carries the article link embeds its card
    templates: str = ""  # template family: ``{templates}_{mode}.txt.j2`` (default: the name)
    endpoint: tuple[str | None, str] = (None, "")  # (setting, default): where an account posts
    limit_from_server: bool = False  # an account's limit is what its server reports when checked
    duplicate_effect: str | None = None  # why a repeated post hurts when the platform refuses it
    # How old a stored upload may be and still be named by a post; older ones are uploaded again
    # (platforms forget uploads no post uses). Unknown platforms: an hour, as a second upload
    # costs little and an upload the platform forgot costs the post.
    media_reuse_seconds: int = 3600
    order: int = 100  # place in listings and in ``herald format``'s default (Herald's own first)

    @cached_property
    def rules(self) -> Counting:
        """The counting rules, loaded once."""
        module, _, attribute = self.counting.partition(":")
        return cast(Counting, getattr(import_module(module), attribute))

    @property
    def template_family(self) -> str:
        """The prefix of the template files that shape this platform's posts."""
        return self.templates or self.name

    def target(self, settings: Mapping[str, Any]) -> str:
        """Where an account with ``settings`` publishes, for ``accounts list``."""
        key, default = self.endpoint
        return str(settings.get(key, default)) if key else default
