"""Recognise the furniture around an article: related posts, share and subscribe prompts,
cookie notices, navigation rows, footers and "read more" links.

Only short blocks are judged (a real paragraph that happens to start with "Read more" survives),
and a boilerplate heading drops everything under it until the next heading of the same or higher
rank, which is how "Related Posts" lists and comment sections are laid out.
"""

from __future__ import annotations

import re

_MAX_WORDS = 30  # longer paragraphs are content, whatever they start with

# Headings after which pages list other posts or comments rather than the article.
_TRAILERS = re.compile(
    r"""^(?:
        related(?:\s+(?:posts?|articles?|stories|reading|content|links))?
      | you\s+(?:may|might)\s+also\s+like|more\s+(?:from|like\s+this|stories|posts)\b.*
      | recommended(?:\s+(?:posts?|articles?|stories|for\s+you))?
      | (?:popular|trending|latest)\s+(?:posts?|articles?|stories)
      | leave\s+a\s+(?:reply|comment)|comments?|\d+\s+comments?|responses?
    )\s*:?$""",
    re.IGNORECASE | re.VERBOSE,
)
# Other headings that introduce page furniture.
_FURNITURE = re.compile(
    r"""^(?:
        share(?:\s+(?:this|on|via)\b.*)?
      | (?:subscribe|newsletter|sign\s+up)\b.*
      | read\s+more|continue\s+reading
      | tags?|categories|filed\s+under|posted\s+in
      | navigation|menu|footer|cookies?(?:\s+(?:policy|settings|notice))?
      | about\s+the\s+author|advertisement|sponsored(?:\s+content)?
    )\s*:?$""",
    re.IGNORECASE | re.VERBOSE,
)
# Paragraphs that are furniture by their first words.
_OPENINGS = re.compile(
    r"""^(?:
        (?:related\s+(?:posts?|articles?|stories)|you\s+(?:may|might)\s+also\s+like)\b
      | (?:related|see\s+also|also\s+read)\s*:
      | share(?:\s+(?:this|on|via)\b|\s*:)
      | (?:subscribe|sign\s+up|join)\b.*\b(?:newsletter|inbox|updates|mailing\s+list)\b
      | subscribe\b
      | (?:read\s+more|continue\s+reading|click\s+here\s+to\s+read|read\s+the\s+full)\b
      | (?:previous|next)\s+(?:post|article|story)\b
      | (?:posted|filed)\s+(?:in|under)\b
      | (?:skip\s+to\s+(?:main\s+)?content|back\s+to\s+top)\b
      | (?:©|\(c\)\s|copyright\s+(?:©\s*)?\d{4})
    )""",
    re.IGNORECASE | re.VERBOSE,
)
# Furniture wherever it appears in a short paragraph.
_ANYWHERE = re.compile(
    r"\b(?:(?:we|this\s+(?:site|website))\s+uses?\s+cookies|accept\s+(?:all\s+)?cookies"
    r"|cookie\s+(?:policy|settings|preferences)|all\s+rights\s+reserved"
    r"|subscribe\s+to\s+(?:our|the|my)\s+newsletter)\b",
    re.IGNORECASE,
)
# "Home | About | Contact", "Facebook · X · Email": three or more short items and separators.
_NAVIGATION = re.compile(r"^[^|·•/]{1,25}(?:\s[|·•/]\s[^|·•/]{1,25}){2,}$")


def starts_trailer(text: str) -> bool:
    """A heading after which pages list other posts or comments, not the article."""
    return bool(_TRAILERS.match(text.strip()))


def is_boilerplate_heading(text: str) -> bool:
    text = text.strip()
    return bool(_TRAILERS.match(text) or _FURNITURE.match(text))


def is_boilerplate_paragraph(text: str) -> bool:
    text = text.strip()
    if len(text.split()) > _MAX_WORDS:
        return False
    return bool(
        _OPENINGS.match(text)
        or _ANYWHERE.search(text)
        or _NAVIGATION.match(text)
        or is_boilerplate_heading(text)
    )
