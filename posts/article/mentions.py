"""@handles in an article's prose: kept only where the author addresses the account.

A handle written in a story ("the senator, @NGRSenate, said…") would notify that account when
posted on X or Mastodon (and on Bluesky when it names a domain handle). Herald keeps a handle as
written only when the author clearly addresses it: it is listed in the front matter's
``mentions``, or it follows "via", "h/t", "cc", "thanks to", "follow", "contact", "write to" or
"ask … to" (the article invites readers to that account). Every other handle is
neutralised with a WORD JOINER (U+2060) right after the ``@``: readers see the same text, but no
platform's mention syntax matches, so nobody is notified by accident.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

WORD_JOINER = "\u2060"
_HANDLE = re.compile(
    r"(?<![\w@/.+-])[@＠](?P<handle>[A-Za-z0-9_]+(?:[.-][A-Za-z0-9_]+)*(?:@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)+)?)"
)
_ADDRESSED = re.compile(
    r"\b(?:via|h/t|ht|hat\s+tip(?:\s+to)?|cc|thanks(?:\s+to)?|follow(?:\s+us)?(?:\s+on\s+\w+)?(?:\s+at)?"
    r"|contact|reach(?:\s+us)?(?:\s+at)?|write\s+to|ask(?:\s+\w+){0,2}\s+to|tag|dm|message)"
    r"\s*:?\s*(?:[@＠][\w.@-]+[\s,&]+(?:and\s+)?)*$",
    re.IGNORECASE,
)


def neutralise(text: str, keep: Iterable[str] = ()) -> tuple[str, tuple[str, ...]]:
    """``text`` with every handle not addressed by the author made inert, and those handles."""
    kept = {handle.casefold().lstrip("@＠") for handle in keep}
    pieces: list[str] = []
    changed: list[str] = []
    last = 0
    for match in _HANDLE.finditer(text):
        handle = match["handle"]
        if handle.casefold() in kept or _ADDRESSED.search(
            text[max(0, match.start() - 80) : match.start()]
        ):
            continue
        pieces.append(text[last : match.start() + 1] + WORD_JOINER)
        last = match.start() + 1
        changed.append(f"@{handle}")
    if not changed:
        return text, ()
    return "".join(pieces) + text[last:], tuple(dict.fromkeys(changed))
