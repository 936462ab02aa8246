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
# words an English title leaves in lower case ("Tea That Belonged to Your Partner"), as do menu
# labels ("Making a House a Home") and a CMS cutting a headline into keywords
MINOR_WORDS = frozenset(
    """a an the and or nor but for of to in on at by from with as into onto over per via vs
    than up off out is are was be""".split()  # noqa: SIM905
)
_WORD = re.compile(r"[^\W\d_][\w’'-]*")
_PRICE = re.compile(r"[$£€]\s?\d+[.,]\d\d\b|\d[.,]\d\d\s?(?:€|EUR\b|USD\b)")  # "$16.99"
_STOP = re.compile(r"[a-z]{3,}\.(?:\s|$)")  # a sentence's end, not "pp." or "Mommy?"
_LISTING_PART = re.compile(r"[,;]\s")


def is_item_name(text: str, least: int = 2) -> bool:
    """Is ``text`` a name set in title case without a final stop ("Mystery Tea Bag with the
    Label Missing", "3. Charlotte Jones Anderson"), of ``least`` words or more?"""
    if text.endswith((".", "!", "?", ":", ";", ",", "。", "…", "”", '"')):
        return False
    words = _WORD.findall(text)
    if not least <= len(words) <= MOST_WORDS or len(text.split()) > MOST_WORDS:
        return False
    return (
        all(w[0].isupper() for w in words if w.casefold() not in MINOR_WORDS)
        and words[0][0].isupper()
    )


def name_items(sections: list[Section]) -> list[Section]:
    """``sections`` with each one that names :data:`LEAST_ITEMS` or more items (a name line,
    then a paragraph that is no name; most items :data:`MOST_PARAGRAPHS` paragraphs long)
    split into one section per item, headed by its name."""
    return [part for section in sections for part in _split(section)]


def _split(section: Section) -> list[Section]:
    texts = section.paragraphs
    runs = _name_runs(texts)
    if len(runs) < LEAST_ITEMS or _labels([_name(texts[a:b]) for a, b in runs]):
        return [section]
    starts = [start for start, _ in runs]
    bounds = list(zip(runs, [*starts[1:], len(texts)], strict=True))
    if statistics.median(end - stop for (_, stop), end in bounds) > MOST_PARAGRAPHS:
        return [section]  # long parts under bold lines are an essay's sections, not a list
    parts = [Section(section.heading, texts[: starts[0]])] if starts[0] else []
    parts += [
        Section(_name(texts[start:stop]), texts[stop:end], named=True)
        for (start, stop), end in bounds
    ]
    return parts


def _labels(names: list[str]) -> bool:
    """Do all the names end on the same word ("Planning & Effort Score", "Audience Health
    Score")? Those are a scorecard's or a form's labels, each heading a verdict, not the items
    of a list."""
    return len({name.split()[-1].casefold() for name in names if name.split()}) == 1


def _name_runs(texts: tuple[str, ...]) -> list[tuple[int, int]]:
    """(start, stop) of each item's name lines: a name, or a catalogue's lines (title, author,
    "Amulet Books, $16.95; ages 10-14"), each run followed by a paragraph that is neither. In a
    list of :data:`LEAST_ITEMS` names or more, a name of one word is one too ("Elton John",
    "Celine Dion", …, "KISS"): read as text, it would give its item to the one before."""
    runs = _runs(texts, 2)
    return _runs(texts, 1) if len(runs) >= LEAST_ITEMS else runs


def _runs(texts: tuple[str, ...], least: int) -> list[tuple[int, int]]:
    runs: list[tuple[int, int]] = []
    start = None
    for i, text in enumerate(texts):
        naming = is_item_name(text, least) or is_listing(text)
        if naming and start is None:
            start = i
        elif not naming and start is not None:
            if is_item_name(texts[start], least) or i - start == 1:
                runs.append((start, i))
            start = None
    return runs


def _name(lines: tuple[str, ...]) -> str:
    """An item's heading: its name lines without the catalogue's (a single listing line is
    both)."""
    names = [line for line in lines if not is_listing(line)]
    return ", ".join(names) if names else _LISTING_PART.split(lines[0], maxsplit=1)[0]


def is_listing(text: str) -> bool:
    """A catalogue's line with a price, no sentence: "Nancy Paulsen Books, $16.99; ages 10 and
    up", "Viking, 391 pp., $18.99"."""
    return bool(_PRICE.search(text)) and len(text.split()) <= MOST_WORDS and not _STOP.search(text)
