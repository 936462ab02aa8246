"""List items named by a line of their own: "Loose-Leaf Black Tea Inside a Baggy", then its text.

Many list articles set each item's name as a bold paragraph rather than a heading. Read as a
paragraph, the name is a fragment a thread leaves out, and the item's text ("You refuse to drink
this tea…") loses what it is about; read as a heading, the item is posted with its name.
"""

from __future__ import annotations

import re
import statistics

from posts.model import Section

LEAST_ITEMS = 3  # names in one section before its short lines are read as a list's items
MOST_WORDS = 16  # a longer line is a sentence, however it is capitalised
MOST_PARAGRAPHS = 2  # an item says its piece in a paragraph or two (the median item)
# words an English title leaves in lower case ("Tea That Belonged to Your Partner")
_MINOR = frozenset(
    """a an the and or nor but for of to in on at by from with as into onto over per via vs
    than up off out is are was be""".split()  # noqa: SIM905
)
_WORD = re.compile(r"[^\W\d_][\w’'-]*")


def is_item_name(text: str) -> bool:
    """Is ``text`` a name set in title case without a final stop ("Mystery Tea Bag with the
    Label Missing", "3. Charlotte Jones Anderson")?"""
    if text.endswith((".", "!", "?", ":", ";", ",", "。", "…", "”", '"')):
        return False
    words = _WORD.findall(text)
    if not 2 <= len(words) <= MOST_WORDS or len(text.split()) > MOST_WORDS:
        return False
    return (
        all(w[0].isupper() for w in words if w.casefold() not in _MINOR) and words[0][0].isupper()
    )


def name_items(sections: list[Section]) -> list[Section]:
    """``sections`` with each one that names :data:`LEAST_ITEMS` or more items (a name line,
    then a paragraph that is no name; most items :data:`MOST_PARAGRAPHS` paragraphs long)
    split into one section per item, headed by its name."""
    return [part for section in sections for part in _split(section)]


def _split(section: Section) -> list[Section]:
    texts = section.paragraphs
    names = [
        i
        for i, text in enumerate(texts[:-1])
        if is_item_name(text) and not is_item_name(texts[i + 1])
    ]
    if len(names) < LEAST_ITEMS:
        return [section]
    bounds = list(zip(names, [*names[1:], len(texts)], strict=True))
    if statistics.median(end - start - 1 for start, end in bounds) > MOST_PARAGRAPHS:
        return [section]  # long parts under bold lines are an essay's sections, not a list
    parts = [Section(section.heading, texts[: names[0]])] if names[0] else []
    parts += [Section(texts[start], texts[start + 1 : end], named=True) for start, end in bounds]
    return parts
