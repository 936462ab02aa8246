"""A list's numbered headings that trafilatura's precise pass drops, restored from its recall pass.

``favor_precision`` deletes headings that are mostly a link, so Vox's "The 21 best movies of 2017"
loses "21) Star Wars: The Last Jedi", "8) The Florida Project" and "7) Call Me by Your Name"
while "9) Columbus" stays: the list reads 20…9, 6…1 and the roll call skips three films. When
the numbers of the kept headings jump, the recall pass is read as well, and each numbered
heading only it has is put back before the paragraph that follows it there.
"""

from __future__ import annotations

import copy
import re
from itertools import pairwise

from lxml import etree

LEAST_ITEMS = 3  # numbered headings that make a list
_NUMBER = re.compile(r"^\s*#?(\d{1,3})\s*[.):]")


def numbered(body: etree._Element) -> list[int]:
    """The numbers of ``body``'s numbered headings ("8) The Florida Project" → 8), in order."""
    found = (_NUMBER.match(_text(head)) for head in body.iter("head"))
    return [int(match[1]) for match in found if match]


def has_gaps(numbers: list[int]) -> bool:
    """Do a list's numbers skip some, counting up or down ("9", "6")?"""
    if len(numbers) < LEAST_ITEMS:
        return False
    steps = {b - a for a, b in pairwise(numbers)}
    return not (steps <= {1} or steps <= {-1})


def restore(precise: etree._Element, recall: etree._Element) -> None:
    """Put the numbered headings only ``recall`` has into ``precise``, each before the element
    that follows it in ``recall`` when ``precise`` has it too."""
    kept = {_text(head) for head in precise.iter("head")}
    where = {_text(element): element for element in precise}
    for head in recall.iter("head"):
        text = _text(head)
        after = head.getnext()
        if text in kept or not _NUMBER.match(text) or after is None:
            continue
        target = where.get(_text(after))
        if target is not None:
            target.addprevious(copy.deepcopy(head))


def _text(element: etree._Element) -> str:
    return " ".join("".join(element.itertext()).split())
