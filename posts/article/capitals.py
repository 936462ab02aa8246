"""A newspaper's lead-in in capitals, set back in the case the article writes its words in.

British papers open a story with its first words in capitals ("UK INSTITUTES have thrown their
weight behind…", "A MUM has told…", "WE can't keep up…"). In print that is typography; in a
post it reads as shouting. Each capitalised word takes the case the article gives it
elsewhere; a word the article only writes in capitals ("UK", "FAST", "NASA") is an acronym and
stays.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable

# two or more words in capitals, then a word in lower case: the lead-in, then the sentence
_LEAD_IN = re.compile(r"^((?:[A-Z][A-Z'’-]*\s+){2,6})(?=[a-z])")
# or one small word in capitals that no acronym spells: "WE can't keep up…", "THE actor…"
_SMALL_WORD = re.compile(
    r"^(WE|THE|AN?|THIS|THESE|THOSE|THERE|THEY|HE|SHE|YOU|OUR|MY|HIS|HER|THEIR|WHEN|IF|AS|AFTER)"
    r"(?=\s+[a-z])"
)
_WORD = re.compile(r"\b[A-Za-z][A-Za-z'’-]*")
# what goes before a word opening a sentence or a line, whose capital says nothing of its case
_OPENING = re.compile(r"(?:^|[.!?:\n]\s*[\"“‘']?)$")
_ACRONYM = 4  # a word in capitals this short the article writes nowhere else may be one ("NASA")
_FUNCTION = frozenset({"A", "AN", "THE"})
_AMBIGUOUS = frozenset({"US", "IT", "WHO", "ID", "AM", "PM"})  # acronyms that are words too
# a word's spellings within sentences, and its spelling opening one, by its lower case
_Forms = tuple[dict[str, Counter[str]], dict[str, str]]


def recase_lead_in(text: str, others: Iterable[str]) -> str:
    """``text`` with a lead-in in capitals written as the article (``others``, its title and
    other paragraphs, and the rest of ``text``) writes its words. ``others`` is read only when
    ``text`` opens with a lead-in: most articles have none."""
    single = _SMALL_WORD.match(text)
    if single is not None:  # "WE can't keep up with all the engagements…"
        return single.group(1).capitalize() + text[single.end(1) :]
    found = _LEAD_IN.match(text)
    if found is None:
        return text
    forms = _forms("\n".join([*others, text[found.end() :]]))
    words = [_recased(word, forms) for word in found.group(1).split()]
    words = [_beside_name(words, at, forms) for at in range(len(words))]
    if words[0][:1].islower():
        words[0] = words[0][:1].upper() + words[0][1:]
    return " ".join(words) + " " + text[found.end() :]


def _beside_name(words: list[str], at: int, forms: _Forms) -> str:
    """A short word the article writes nowhere else, beside a name, is the name's other half:
    "BORIS Johnson" (not "US", "UK": two letters in capitals are an acronym)."""
    word = words[at]
    unseen = word.isupper() and len(word) > 2 and word.casefold() not in forms[0]
    names = [other for other in words[max(0, at - 1) : at + 2] if other.istitle()]
    return word.title() if unseen and names else word


def _forms(context: str) -> _Forms:
    """Each word's spellings within a sentence, and at a sentence's opening, by lower case."""
    within: dict[str, Counter[str]] = {}
    opening: dict[str, str] = {}
    for found in _WORD.finditer(context):
        word = found.group()
        if _OPENING.search(context, max(0, found.start() - 3), found.start()):
            opening.setdefault(word.casefold(), word)
        else:
            within.setdefault(word.casefold(), Counter())[word] += 1
    return within, opening


def _recased(word: str, forms: _Forms) -> str:
    """``word`` in the case the article writes it within a sentence: as it stands if in
    capitals there too (an acronym), as a name if only as one, in lower case if ever so. A long
    word written nowhere else is a common word; a short one a name if a sentence opens with it
    ("Boris quits"), else an acronym ("NASA")."""
    within, opening = forms
    seen = within.get(word.casefold(), Counter())
    if word in seen or word in _AMBIGUOUS:
        return word
    if seen and not any(form.islower() for form in seen):
        return seen.most_common(1)[0][0]
    if seen or len(word) > _ACRONYM or word in _FUNCTION:
        return word.lower()
    return opening.get(word.casefold(), word)
