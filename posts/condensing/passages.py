"""A key point with what it needs to be read on its own.

A sentence that leans on the one before brings it along (up to :data:`MAX_CHAIN`); one that
quotes or names a person the thread has not introduced brings the sentence that introduced
them; one that names as known a thing the article brought in earlier ("whether the balloons
will fly") and the thread has not, is left out; a setup brings what it reveals, and a question
the answer its paragraph gives next. When what it
needs cannot be posted (filler, the hook again, too long a chain), the sentence is left out.
"""

from __future__ import annotations

import re

from posts.condensing.cues import (
    names_noun,
    noun_forms,
    sums_up,
    turns,
    withholds,
)
from posts.condensing.people import full_name, mentions, speakers
from posts.condensing.selection import Digest, Sentence

MAX_CHAIN = 3  # most sentences a leaning sentence may bring along to be understood
_CLOSING = "\"'’”»)] "
_TAG_QUESTION = re.compile(
    r"(?i),\s*(?:nicht wahr|oder|gell|right|isn['’]t it|don['’]t you|n['’]est-ce pas|non|no)\?$"
)


def with_context(
    digest: Digest,
    sentence: Sentence,
    by_position: dict[int, Sentence],
    chosen: dict[int, Sentence],
) -> list[Sentence] | None:
    """``sentence`` with the sentences before it that it leans on, and the one after it that
    reveals what it sets up; None if they are too many, if one only repeats the hook (it would
    be posted twice: unless it is the first, which the hook then stands for) or is a fragment
    ("Values are:")."""
    passage = [sentence]
    while passage[0].leans and passage[0].position - 1 not in chosen:
        before = by_position.get(passage[0].position - 1)
        if before is None or _heading_answers(passage[0], before):
            break
        if digest.restates_hook(before) and all(p > before.position for p in chosen):
            break  # the hook said it, and is posted right before: nothing comes between
        if len(passage) > MAX_CHAIN or digest.restates_hook(before) or not before.point:
            return None
        if _sums_up_paragraph(passage[0], before, by_position):
            return None  # "But part of this success…": the paragraph before is the antecedent
        passage.insert(0, before)
    after = by_position.get(passage[-1].position + 1)
    if after is not None and asks(passage[-1], after):
        if not after.point:
            return None  # "Planning on going for a swim?" answered by "You'll need one of these."
        passage.append(after)
    elif after is not None and after.point and _sets_up(passage[-1], after):
        passage.append(after)  # a setup goes with what it reveals
    return _introduced(digest, passage, chosen)


def _sums_up_paragraph(
    sentence: Sentence, before: Sentence, by_position: dict[int, Sentence]
) -> bool:
    """Does ``sentence`` open its paragraph summing up the one before (:func:`~.cues.sums_up`),
    a paragraph of more than one sentence? Its last sentence alone does not say what "this
    success" was."""
    if sentence.paragraph == before.paragraph or not sums_up(sentence.text):
        return False
    earlier = by_position.get(before.position - 1)
    return earlier is not None and earlier.paragraph == before.paragraph


def asks(sentence: Sentence, after: Sentence) -> bool:
    """Is ``sentence`` a question its paragraph answers next? Posted alone, it is a teaser (a
    tag question, "Schwierige Frage, nicht wahr?", asks for no answer)."""
    return asks_for_answer(sentence.text) and after.paragraph == sentence.paragraph


def asks_for_answer(text: str) -> bool:
    """Is ``text`` a question that wants an answer (not a tag question)?"""
    text = text.rstrip(_CLOSING)
    return text.endswith(("?", "？")) and not _TAG_QUESTION.search(text)


def _introduced(
    digest: Digest, passage: list[Sentence], chosen: dict[int, Sentence]
) -> list[Sentence] | None:
    """``passage`` with the sentence that introduced each person it quotes whom the thread has
    not named ("Zeev Sharon said…" brings "Zeev Sharon and … run hotel start-ups"); None if that
    sentence cannot be posted (filler, the hook again, or itself leaning on the one before it)
    or the passage grows too long."""
    head = passage[0].position
    earlier = (s.text for p, s in chosen.items() if p < head)
    known = " ".join((digest.title, *digest.summary, *earlier))
    unknown = []
    for sentence in passage:
        unknown += [n for n in sentence.people if not mentions(n, known)]
        known += " " + sentence.text
    for name in dict.fromkeys(unknown):
        first = introducer(digest, name, head)
        if first is None:
            continue  # named here first, or not a person the article introduced
        if not first.point or first.leans or digest.repeats_hook(first) or len(passage) > MAX_CHAIN:
            return None
        passage.insert(0, first)
    return passage if _things_known(digest, passage, chosen) else None


def introducer(digest: Digest, name: str, before: int) -> Sentence | None:
    """The sentence before position ``before`` that introduced the person ``name`` (by full
    name, or quoting them), or None when the article names no such person there first."""
    first = next((s for s in digest.sentences[:before] if mentions(name, s.text)), None)
    if first is None or (name not in speakers(first.text) and not full_name(name, first.text)):
        return None
    return first


def _things_known(digest: Digest, passage: list[Sentence], chosen: dict[int, Sentence]) -> bool:
    """Is every thing the passage names as known ("the balloons", "this discovery") one the
    thread has named before it, or one the article itself first names there? A reader of the
    thread would otherwise ask "which balloons?"."""
    head = passage[0].position
    known = set().union(*digest.said, *(s.words for p, s in chosen.items() if p < head))
    earlier = (s.text for p, s in chosen.items() if p < head)
    told = " ".join((digest.title, *digest.summary, *earlier)).casefold()
    for sentence in passage:
        for noun in sentence.things:
            if noun_forms(noun) & known or names_noun(told, noun):
                continue
            if digest.last_named(noun_forms(noun), sentence.position) is not None:
                return False
        known |= sentence.words
        told += " " + sentence.text.casefold()
    return True


def _sets_up(sentence: Sentence, after: Sentence) -> bool:
    """Is ``sentence`` a setup whose point is ``after``: a teaser ("…wasn't the butterfly")
    and its reveal, or an article's opening received idea and the turn against it ("But a new
    report calls that into question.")?"""
    return withholds(sentence.text, after.text) or (sentence.position == 0 and turns(after.text))


def _heading_answers(sentence: Sentence, before: Sentence) -> bool:
    """A list item's first sentence leans on its heading, which is posted with it."""
    return sentence.heading is not None and sentence.section != before.section
