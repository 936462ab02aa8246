"""What an editor checks in a set of posts before they go out, from the texts alone.

Pure functions of the post texts, so ``herald format`` (on a fresh rendition) and the preview's
lint (on a stored draft, perhaps edited by hand) say the same things in the same words. Each
finding is ``(rule, message, post index)``.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from itertools import pairwise

from posts.condensing.cues import leans_back
from posts.condensing.hashtags import cap_for
from posts.condensing.shaping import has_sign, tags_in

Finding = tuple[str, str, int]

_LABEL = re.compile(r"^(?:\d+/\d+|🧵)\s+")
_HASHTAG_WORD = re.compile(r"^[#＃]\w+$")
# an address, or a link as Bluesky shows it: "example.org/2026/11/a-lo..."
_URL_WORD = re.compile(r"^(?:https?://|www\.|[\w-]+(?:\.[\w-]+)+/)\S*$", re.IGNORECASE)
_TRAILING_TAGS = re.compile(r"(?:\s+[#＃]\w+)+$")
_CLAUSE_END = (",", ";", ":", "—", "–", "-", "、", "，", "；", "：")
# words no sentence ends on: a post stopping on one was cut mid-phrase ("…introduced the")
_FUNCTION = """the a an of to and or with for in on at by from
    der die das den dem des und le la les et de du el los las y"""
_FUNCTION_WORDS = frozenset(_FUNCTION.split())
_SENTENCE_END = (".", "!", "?", "…", "。", "！", "？", '"', "'", "”", "’", ")", "」", "』", "»")


def review(texts: Sequence[str], platform: str, cap: int | None = None) -> list[Finding]:
    """Every finding for ``texts`` (a thread's posts in order, or a single post)."""
    bodies = [_LABEL.sub("", text.strip()) for text in texts]
    prose = [_prose_lines(body) for body in bodies]
    return [
        *_split_sentences(prose),
        *_dangling(prose),
        *_tags_only(bodies),
        *_over_cap(bodies, cap_for(platform, cap)),
    ]


def _prose_lines(body: str) -> list[str]:
    """The lines of a post that are text, not a link or a line of hashtags."""
    return [
        line
        for line in body.splitlines()
        if line.strip() and not all(_is_furniture(word) for word in line.split())
    ]


def _is_furniture(word: str) -> bool:
    return bool(_HASHTAG_WORD.match(word) or _URL_WORD.match(word))


def _split_sentences(prose: list[list[str]]) -> list[Finding]:
    """A post that stops without ending its sentence, where the next post carries on with it
    (a lower-case word) or the stop is a clause's (a comma, a dash). ``prose``: each post's
    :func:`_prose_lines`."""
    found = []
    for index, (lines, after) in enumerate(pairwise(prose)):
        end = _without_tags(lines[-1]) if lines else ""
        goes_on = bool(after) and after[0][:1].islower()
        stuck = end.rsplit(None, 1)[-1].casefold() in _FUNCTION_WORDS if end else False
        if (
            end
            and not end.endswith(_SENTENCE_END)
            and (goes_on or stuck or end.endswith(_CLAUSE_END))
        ):
            found.append(
                (
                    "split-sentence",
                    f"post {index + 1} ends mid-sentence; the sentence goes on in post {index + 2}",
                    index,
                )
            )
    return found


def _without_tags(line: str) -> str:
    """``line`` without the hashtags that end it, and the space before them."""
    return _TRAILING_TAGS.sub("", line).rstrip() if has_sign(line) else line.rstrip()


def _dangling(prose: list[list[str]]) -> list[Finding]:
    found = []
    for index, lines in enumerate(prose[1:], 1):
        if lines and leans_back(lines[0]):
            word = lines[0].split()[0][:12]  # a script without spaces: its first characters
            found.append(
                (
                    "dangling-start",
                    f"post {index + 1} opens with {word!r}: shown on its own (a repost, a "
                    "search result) it answers something the reader has not seen",
                    index,
                )
            )
    return found


def _tags_only(bodies: list[str]) -> list[Finding]:
    return [
        ("tags-only", f"post {index + 1} is only hashtags: nothing in it for a reader", index)
        for index, body in enumerate(bodies)
        if body.split() and all(_HASHTAG_WORD.match(word) for word in body.split())
    ]


def _over_cap(bodies: list[str], cap: int) -> list[Finding]:
    found = []
    for index, body in enumerate(bodies):
        count = len(tags_in([body]))
        if count > cap:
            found.append(
                (
                    "hashtags",
                    f"post {index + 1} carries {count} hashtags, the cap is {cap}: tag-heavy posts "
                    "read as spam and reach fewer people",
                    index,
                )
            )
    return found
