"""Mention recognition for X (twitter-text 3.1.0) and Mastodon (``Account::MENTION_RE``).

Mentions never change X's weighted length, but the condenser must not cut inside one; on
Mastodon a remote ``@user@domain`` counts only as ``@user``.
"""

from __future__ import annotations

import regex

_AT_SIGNS = "@\uff20"
_LATIN_ACCENTS = (
    "\xc0-\xd6\xd8-\xf6\xf8-\xff\u0100-\u024f\u0253\u0254\u0256\u0257\u0259\u025b\u0263"
    "\u0268\u026f\u0272\u0289\u028b\u02bb\u0300-\u036f\u1e00-\u1eff"
)
# twitter-text endMentionMatch: an at sign, a Latin accented letter or "://" right after.
_MENTION_END = regex.compile(f"[{_AT_SIGNS}{_LATIN_ACCENTS}]|://")

# twitter-text validMentionOrList (the optional "/list-slug" belongs to the entity too).
_X_MENTION = regex.compile(
    f"(?:^|[^a-zA-Z0-9_!#$%&*{_AT_SIGNS}]|(?:^|[^a-zA-Z0-9_+~.-])(?:rt|RT|rT|Rt):?)"
    f"([{_AT_SIGNS}][a-zA-Z0-9_]{{1,20}}(?:/[a-zA-Z][a-zA-Z0-9_\\-]{{0,24}})?)"
)

# Mastodon: Ruby's [[:word:]] is letters, marks, decimal digits and connector punctuation.
_WORD = r"\p{L}\p{M}\p{Nd}\p{Pc}"
_MASTODON_MENTION = regex.compile(
    f"(?<![=/{_WORD}])@((?i:[a-z0-9_]+(?:[.-]+[a-z0-9_]+)*)(?:@[{_WORD}]+(?:[.-]+[{_WORD}]+)*)?)"
)


def x_mention_spans(text: str) -> list[tuple[int, int]]:
    """``(start, end)`` of each X ``@user`` or ``@user/list``, at sign included."""
    if "@" not in text and "\uff20" not in text:
        return []
    return [m.span(1) for m in _X_MENTION.finditer(text) if not _MENTION_END.match(text, m.end())]


def mastodon_mentions(text: str) -> list[tuple[int, int, str]]:
    """``(start, end, account)`` of each Mastodon mention, ``@`` included in the span."""
    if "@" not in text:
        return []
    return [
        (m.start(), m.end(), m.group(1))
        for m in _MASTODON_MENTION.finditer(text)
        if not _MENTION_END.match(text, m.end())
    ]
