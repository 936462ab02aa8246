"""What the single and thread shapes share: the template pieces and the final measured posts."""

from __future__ import annotations

import math
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from functools import cached_property
from typing import Any

from posts import platforms
from posts.condensing.echo import stems
from posts.condensing.hashtags import TagChoice
from posts.condensing.packer import Rules, Slot
from posts.condensing.selection import Digest, content_words
from posts.errors import InputError
from posts.model import Article, CondenseOptions
from posts.render import Renderer, renderer, template_name

RESTATES = 2  # of the headline's content words, a lead that says this many stands in for it
_HASHTAG = re.compile(r"(?<![\w#＃&])[#＃](\w+)")


@dataclass
class Context:
    """Everything one platform's rendition is made from."""

    article: Article
    digest: Digest
    rules: Rules
    tags: TagChoice
    options: CondenseOptions
    _renders: dict[tuple[Any, str], str] = field(default_factory=dict, repr=False)
    memo: dict[Any, Any] = field(default_factory=dict, repr=False)  # work shared by attempts

    @cached_property
    def single(self) -> Renderer:
        """Loaded on first use, so a broken thread template cannot fail a single post."""
        return renderer(self.rules.platform, "single", self.options.template_dir)

    @cached_property
    def thread(self) -> Renderer:
        return renderer(self.rules.platform, "thread", self.options.template_dir)

    @cached_property
    def link(self) -> str:
        """The article's link as the platform's posts show it (Bluesky: shortened, as its app
        does; the facet links the whole address)."""
        url = self.article.url
        return platforms.get(self.rules.platform).rules.shown_link(url) if url else ""

    @property
    def links(self) -> dict[str, str]:
        """The shown link → the address, when the two differ (for the facets)."""
        url = self.article.url
        return {self.link: url} if url and self.link != url else {}

    def slot(self, render: Renderer, **pieces: Any) -> Slot:
        """A post whose pieces are all fixed but the body; renders are remembered, since packing
        asks for the same post more than once (budget probes, re-packs, final numbering)."""
        every = {**self.common(), **pieces}
        frozen = (
            id(render),
            *((k, tuple(v) if isinstance(v, list) else v) for k, v in every.items()),
        )

        def rendered(body: str) -> str:
            key = (frozen, body)
            text = self._renders.get(key)
            if text is None:
                text = self._renders[key] = render(**every, body=body)
            return text

        return Slot(self.rules, rendered)

    def restates_headline(self, sentence: str, share: float = 0.0) -> bool:
        """Does ``sentence`` say what the headline says: :data:`RESTATES` of its content words
        (or all, for a shorter headline), and at least ``share`` of them? Only then may it open
        a post in the headline's place. Words are compared by their stems, so "confused" and
        "schools" say the headline's "confusion" and "school"."""
        said = stems(self.digest.said[0] if self.digest.said else frozenset())
        least = max(RESTATES, math.ceil(share * len(said)))
        return len(said & stems(content_words(sentence))) >= min(least, len(said))

    def nothing_fits(self, mode: str) -> InputError:
        """The error when not even one word fits beside a post's fixed pieces."""
        platform, limit = self.rules.platform, self.rules.limit
        name = template_name(platform, mode)
        return InputError(f"nothing fits a {platform} post of {limit} with template {name}")

    def common(self) -> dict[str, Any]:
        """Pieces every template may use whatever the post."""
        return {
            "title": self.digest.title,
            "platform": self.rules.platform,
            "lang": self.article.lang or "",
            "link": "",
            "hook": "",
            "hashtags": [],
        }


@dataclass(frozen=True)
class Shape:
    """One shape's outcome: the post texts, the tags they carry, the tags left without room."""

    texts: tuple[str, ...]
    carried: tuple[str, ...]
    unplaced: tuple[str, ...]
    bare_close: bool = False  # a thread's closing post holds no text of the article (the link)
    bare_open: bool = False  # a thread's first post holds the headline alone
    # a thread's second post only goes on from the first: the hook's rest (no key point is
    # posted), or a sentence leaning on the one that ends the first post
    continued: bool = False
    link_moved: bool = False  # the link went on a thread's first post: no later one had room


def hashtag_words(tags: Sequence[str]) -> list[str]:
    return [f"#{tag}" for tag in tags]


def tags_in(texts: Iterable[str]) -> frozenset[str]:
    """The hashtags ``texts`` already carry, case-folded and without ``#``."""
    return frozenset(
        tag.casefold() for text in texts if has_sign(text) for tag in _HASHTAG.findall(text)
    )


def has_sign(text: str) -> bool:
    """Does ``text`` hold a hashtag's sign? Most texts do not, and a hashtag pattern, opening on
    what may not come before the sign, is tried at every character."""
    return "#" in text or "＃" in text
