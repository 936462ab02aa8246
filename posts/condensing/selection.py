"""Which sentences say the most: a deterministic, explainable ranking.

Order of preference (docs/formatting.md explains it for users):

1. the article's summary (it opens every rendition: the single post's key sentences, the hook of
   a thread);
2. the lead: the first two sentences of the article's first paragraph, in order; in a list
   article, then each item's first sentence; in an article told in person
   (:func:`~.voice.told_in_person`), its opening excerpt instead, and for a thread nothing more;
3. every other sentence by score, highest first, ties in article order.

A story's thread (no list, no steps, no heading that marks its point) reads its own ranking,
:attr:`Digest.told`: the opening excerpt first, then the rest by score.

A sentence's score counts the *recurring* content words it contains: a content word is a word of
four or more letters (not a number), or in scripts written without spaces a character n-gram
(:func:`content_words`); its weight is ``log(df)``, where df is the number of sentences of the
article that use it, plus 1 when the title uses it. The sum is divided by the square root of the
sentence's number of content words, so a long sentence does not win merely by being long; a
sentence with a figure in it gets +0.5 (findings are usually quantified) and one in a section
whose heading marks the point ("Findings", "What we changed") +1. Filler ("Thanks for reading"),
fragments without sentence punctuation (a heading or caption read as a sentence) and sentences of
fewer than three content words score 0 and rank last. A sentence that mostly
repeats one already chosen (half or more of its content words said there), or makes the hook's
claim again in other words (:mod:`~posts.condensing.echo`), is skipped.
"""

from __future__ import annotations

import math
import re
import threading
from collections import Counter
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field, replace
from functools import cached_property, lru_cache
from itertools import pairwise, takewhile

import regex

from posts.article.labels import is_after_steps_label, is_procedure_label
from posts.article.sentences import quotations, split_sentences, whole_quotations
from posts.condensing.cues import (
    announces_findings,
    is_filler,
    is_fragment,
    leans_back,
    marks_the_point,
    names_again,
    names_noun,
    pronoun_before_name,
    refers_back,
    things_named,
)
from posts.condensing.echo import Echo
from posts.condensing.genre import not_one_story
from posts.condensing.people import bare_names, quoted_voice, signed_voices, speakers
from posts.condensing.review_verdict import is_review
from posts.condensing.voice import told_in_person
from posts.model import Article

# A run of one script: ideographs and katakana (n-grams), hiragana (grammar, skipped), the
# scripts of South-East Asia written without spaces (n-grams), Hangul and every other word.
_TERM = regex.compile(
    r"(?P<ideo>[\p{Han}\p{Katakana}ー]+)|(?P<kana>\p{Hiragana}+)"
    r"|(?P<sea>[\p{Thai}\p{Lao}\p{Khmer}\p{Myanmar}]+)|(?P<hangul>\p{Hangul}+)"
    r"|(?P<word>[^\W\p{Han}\p{Hiragana}\p{Katakana}\p{Thai}\p{Lao}\p{Khmer}\p{Myanmar}\p{Hangul}]+)"
)
_SPACELESS = regex.compile(
    r"[\p{Han}\p{Hiragana}\p{Katakana}\p{Thai}\p{Lao}\p{Khmer}\p{Myanmar}\p{Hangul}]"
)
MIN_LETTERS = 4  # a content word's least length: shorter words are mostly grammar
_WORD = regex.compile(rf"\w{{{MIN_LETTERS},}}")
_ASCII_WORD = re.compile(rf"\w{{{MIN_LETTERS},}}", re.ASCII)
# Punctuation that is no word character in any script: text that is ASCII but for these has only
# ASCII words
_PLAIN_MARKS = dict.fromkeys(map(ord, "‘’‚“”„–—…«»‹›•·"))
_DIGIT = re.compile(r"\d")
NUMBER_BONUS = 0.5
TITLE_BONUS = 1.0
POINT_BONUS = 1.0  # a sentence under a heading such as "Findings" or "What we changed"
LEAD_SENTENCES = 2  # the lead's first sentences open a thread's key points whatever they score
INTERVIEW_QUESTIONS = 2  # headings that ask this many questions make the text an interview
_ASKED = re.compile(r"[?？][\"'”’»)\]」』]*$")  # a sentence that asks
# a turn's speaker, labelled at its start: "Christoph Thies: ", "MEEDIA: "
_TURN_LABEL = regex.compile(r"\p{Lu}[\w.'’-]*(?:\s+\p{Lu}[\w.'’-]*){0,3}:\s")
MIN_WORDS = 3  # fewer content words than this is a fragment or filler, not a key point
ROUNDUP_SECTIONS = 3  # a list article ("Ten snacks…") has at least this many headed items
ROUNDUP_CHARS = 1200  # mean characters per headed section of a list article
RANKED_ITEMS = 8  # headed sections under a ranking headline that make it a list, long or not
DIGEST_STORIES = 3  # a headline naming this many stories, between semicolons, heads a digest
# A headline that promises a list without a count: "Beauty-Tipps, die jede Braut kennen sollte"
_LISTED = regex.compile(
    r"\b(?:\w*-?tipps|\w*-?tips|tricks|hacks|ideas|ways|reasons|things|ideen|gründe|dinge"
    r"|astuces|conseils|idées|raisons|consejos|trucos|razones)\b",
    regex.IGNORECASE,
)
# A ranking headline ("The best film scenes of 2014") over many headed items
_RANKED = regex.compile(r"\b(?:best|worst|favou?rites?|greatest)\b", regex.IGNORECASE)
# A list article says so: a count in its headline ("Ten snacks", "The 5 best"), or numbered items.
_COUNTED = regex.compile(
    r"(?:^|\bthe\s+|\btop\s+|\bthese\s+)(?P<count>\d+|three|four|five|six|seven|eight|nine|ten"
    r"|eleven|twelve|fifteen|twenty)\b(?![.,:]\d)|\btop\s+\d+\b",
    regex.IGNORECASE,
)  # "Five tents…", "The 8 coolest…", "Top 10 …"; not "Windows 10" or "iPhone 12"
_NUMBER_WORDS = {
    "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9, "ten": 10,
    "eleven": 11, "twelve": 12, "fifteen": 15, "twenty": 20,
}  # fmt: skip
COUNT_SLACK = 2  # sections beyond the headline's count (an introduction, a conclusion)
ITEM_NAME_WORDS = 16  # a numbered item's name, its text following in the same paragraph
_NUMBERED = regex.compile(r"^\s*(?:\d+\s*[.):]|#\s*\d+|no\.\s*\d+)", regex.IGNORECASE)
_HOW_TO = regex.compile(r"\s*how to\b", regex.IGNORECASE)
# "1. Introduction", "2. Terminology": a document's numbered sections, not a list's items.
_DOCUMENT_SECTION = regex.compile(
    r"^\s*(?:\d+(?:\.\d+)*\s*[.):]?\s*)?(?:introduction|background|overview|terminology|"
    r"definitions|methods?|discussion|conclusions?|summary|references|appendix|acknowledge?ments|"
    r"related work|security considerations|abstract)\b",
    regex.IGNORECASE,
)
_STEP = regex.compile(r"\s*step\s*\d+\b", regex.IGNORECASE)
OVERLAP = 0.5  # share of content words that makes a sentence a repeat
RESTATED = 0.8  # share of a summary sentence's content words the headline says: a restatement
KEY_SHARE = 0.15  # key points come from the best-scored sixth or so of the article's sentences
# a question to the reader: "Would you want to wear…?", "Or does it HAVE to be bridal?",
# "Have you ever tried…?", "What about you?"
_READER_QUESTION = regex.compile(
    r"(?:or\s+)?(?:(?:would|do|did|have|are|will|could|can)\s+you\b|does\s+it\b|what\s+about"
    r"\s+you\b|how\s+about\s+you\b)[^.!?]*\?\s*$",
    regex.IGNORECASE,
)
TEASER = 0.5  # a one-sentence opening scoring under this share of the next one's: a teaser
NEWS_WORDS = 12  # … and the news after it, a sentence of this many words or more
EXCERPT_SCAN = 2000  # characters of an article told in person offered as its excerpt


@dataclass(frozen=True)
class Sentence:
    """A sentence of the article: its text, where it stands, and what an editor sees in it.

    ``heading`` is its list item's heading in a list article, to be posted with it;
    ``previous`` the text of the sentence before it ("" for the first), which :attr:`leans`
    reads.
    """

    text: str
    paragraph: int
    position: int
    words: frozenset[str]
    section: int = 0
    heading: str | None = None
    raw: float = 0.0  # its score if it is a key point (:attr:`score`)
    answers: bool = False  # answers the question before it, in an interview's transcript
    muted: bool = False  # no key point whatever it says: a step, or an unnamed speaker's words
    previous: str = field(default="", compare=False, repr=False)
    english: bool = field(default=True, compare=False, repr=False)

    @cached_property
    def point(self) -> bool:
        """May it be a key point: enough content words, whole, not filler? Worked out when
        asked, like :attr:`leans`."""
        if self.muted or len(self.words) < MIN_WORDS:
            return False
        return not (self.filler or is_fragment(self.text))

    @cached_property
    def filler(self) -> bool:
        """Is it filler (:func:`~.cues.is_filler`)? The opening asks too: worked out once."""
        return is_filler(self.text)

    @cached_property
    def people(self) -> tuple[str, ...]:
        """Whom it quotes, and whom it names by surname alone ("Kaplan negotiated…"): asked
        by every platform's thread of each passage it tries, so worked out once."""
        return (*speakers(self.text), *bare_names(self.text))

    @cached_property
    def things(self) -> tuple[str, ...]:
        """The nouns it names as already known (:func:`~.cues.things_named`), worked out once
        like :attr:`people`."""
        return tuple(things_named(self.text))

    @property
    def score(self) -> float:
        """Its score; 0 for filler and fragments, which only an empty thread takes."""
        return self.raw if self.point else 0.0

    @cached_property
    def leans(self) -> bool:
        """Does it open by pointing at the sentence before (:func:`~.cues.leans_back`), or
        need it otherwise? Worked out when asked: most sentences of a long article never are."""
        if self.answers or not self.previous:
            return self.answers
        return (
            leans_back(self.text, content_words(self.previous))
            or refers_back(self.text)
            or (self.english and _english_reference(self.text, self.previous))
        )


@dataclass(frozen=True)
class Digest:
    """What condensing needs from an article, computed once for all platforms."""

    title: str
    summary: tuple[str, ...]  # summary sentences
    sentences: tuple[Sentence, ...]  # article order
    distinct: Distinct  # the ranking without repeats, worked out as far as anyone has asked
    pinned: frozenset[int] = frozenset()  # positions of the lead and items: taken if they fit
    said: tuple[frozenset[str], ...] = ()  # content words of the headline and summary sentences
    in_order: frozenset[int] = frozenset()  # a list's items, a how-to's steps: none skipped
    not_a_story: str | None = None  # what the page is instead ("release notes"), see genre
    opening: tuple[str, ...] = ()  # the first paragraph's sentences without filler (a caption)
    excerpt: frozenset[int] = frozenset()  # a story's opening: the sentences a thread posts
    told: Distinct | None = None  # a report's excerpt, then its ranking: what its thread reads
    personal: bool = False  # told in person (:func:`~.voice.told_in_person`)
    verdict: int | None = None  # a review's closing key sentence, posted after its opening

    def last_named(self, forms: frozenset[str], before: int) -> int | None:
        """The position of the last sentence before ``before`` that names one of ``forms``
        (a noun of three letters, "the bag", is no content word: it is looked for in the text)."""
        found = [p for form in forms for p in self._named_at.get(form, ()) if p < before]
        short = [form for form in forms if len(form) < MIN_LETTERS]
        found += [
            s.position
            for s in self.sentences[:before]
            if any(names_noun(s.text.casefold(), form) for form in short)
        ]
        return max(found, default=None)

    @cached_property
    def _named_at(self) -> dict[str, list[int]]:
        """Where each content word is named: built once, for the first question asked."""
        named: dict[str, list[int]] = {}
        for sentence in self.sentences:
            for word in sentence.words:
                named.setdefault(word, []).append(sentence.position)
        return named

    @cached_property
    def floor(self) -> float:
        """The score of the sentence at the top :data:`KEY_SHARE` of the article (0 if none):
        a thread's third key point scores at least this. Worked out once for every platform."""
        scores = sorted((s.score for s in self.sentences if s.score > 0), reverse=True)
        return scores[int(len(scores) * KEY_SHARE)] if scores else 0.0

    def repeats_hook(self, sentence: Sentence) -> bool:
        """Does ``sentence`` mostly say what the headline or the summary already said?"""
        return repeats(sentence.words, self.said)

    def restates_hook(self, sentence: Sentence) -> bool:
        """Does ``sentence`` say again what the headline or the summary said, nearly all its
        words theirs? "Oscar Isaac has had a pretty stellar year." shares three of five with
        "How Oscar Isaac … 'A Most Violent Year'", yet says what "It started off…" points at."""
        return any(_restated(sentence.words, said) for said in self.said)

    def candidates(self, thread: bool = True) -> Iterator[Sentence]:
        """Ranked sentences with content words that repeat neither the hook nor a better one;
        of a page that is not one story (a digest, release notes), only its opening's: picking
        by rank would set unrelated items side by side. Of an article told in person, its
        excerpt (:func:`~.voice.told_in_person`) comes first, and for a ``thread`` nothing
        else: points picked by rank would read as disjoint details."""
        if self.not_a_story is not None:
            return (s for s in self.distinct if s.paragraph == 0 and s.position in self.pinned)
        if self.excerpt and thread:
            ranking = self.told or self.distinct
            return takewhile(lambda s: s.position in self.excerpt, ranking)
        return iter(self.distinct)


class Distinct:
    """A ranking with repeats removed lazily and remembered, shared by every platform's call:
    ``ranked`` in its order, each sentence that is no key point (:attr:`Sentence.point`) moved
    after the last one that is.

    Lazy, so a caller that stops after a few dozen never compares the rest of a long article,
    nor asks whether it is filler; locked, since the cached digest may be shared by threads.
    """

    def __init__(
        self,
        ranked: Iterable[Sentence],
        known: Iterable[frozenset[str]],
        echo: Echo | None = None,
        lead: frozenset[int] = frozenset(),
        ordered: frozenset[int] = frozenset(),
    ) -> None:
        self._source = iter(ranked)
        self._kept = list(known)
        self._hook = tuple(self._kept)
        self._echo = echo
        self._lead = lead
        self._ordered = ordered
        self._found: list[Sentence] = []
        self._later: list[Sentence] | None = []  # None once they are being read
        self._lock = threading.Lock()

    def __iter__(self) -> Iterator[Sentence]:
        index = 0
        while index < len(self._found) or self._advance(index):
            yield self._found[index]
            index += 1

    def _advance(self, wanted: int) -> bool:
        """Find one more distinct sentence unless another caller already has."""
        with self._lock:
            return wanted < len(self._found) or self._next()

    def _next(self) -> bool:
        for sentence in self._source:
            if not sentence.words or self._repeats(sentence):
                continue  # asked first: a repeat now is one later, as what was said only grows
            if self._later is not None and not sentence.point:
                self._later.append(sentence)  # no key point: after every key point, in order
                continue
            self._kept.append(sentence.words)
            self._found.append(sentence)
            return True
        if not self._later:
            return False
        self._source, self._later = iter(sorted(self._later, key=lambda s: s.position)), None
        return self._next()

    def _repeats(self, sentence: Sentence) -> bool:
        """Said already: mostly the same words as the hook or a better sentence, or the hook's
        claim in other words (:class:`~.echo.Echo`). A list item or a step is dropped only for
        repeating the hook: skipping it for a better sentence would cherry-pick the list."""
        if sentence.position in self._ordered:
            return repeats(sentence.words, self._hook)
        if repeats(sentence.words, self._kept):
            return True
        # a lead sentence answering the one before ("But as WebAssembly…") is the news the first
        # one sets up, however much it shares with the summary
        lead = sentence.position in self._lead and not sentence.leans
        return self._echo is not None and self._echo.restates(sentence.text, lead)


@lru_cache(maxsize=4)
def digest(article: Article) -> Digest:
    """Split, score and rank ``article`` (cached: condensing for three platforms splits once)."""
    summary = _summary(article)
    raw = tuple(_sentences(article))
    paragraphs = _paragraph_texts(raw)
    order = sorted(paragraphs)
    texts = [paragraphs[p] for p in order]
    quoted = {order[i] for i in quoted_voice(texts)}
    interview, answering = _transcript(raw)
    others = {order[i] for i in signed_voices(texts)} | article.quoted | _answers(article)
    others |= interview
    # a heading or title that marks the point ("What we found") is where the point is, not
    # the opening
    marked = any(
        announces_findings(h) for h in (article.title, *(x.heading for x in article.sections))
    )
    personal = not marked and _personal(article, paragraphs, quoted, set(order[:2]), others)
    # the author's "I" is no one quoted; a block quotation or a signed answer always is
    found = _unvoiced(raw, others if personal else quoted | others)
    found = tuple(replace(s, answers=True) if s.position in answering else s for s in found)
    found = _asking_readers(found)
    weights = word_weights(found, content_words(article.title))
    point_sections = [marks_the_point(part.heading) for part in article.sections]
    sentences = tuple(_scored(s, _score(s, weights, point_sections)) for s in found)
    summary = _past_teaser(article, summary, sentences)
    said = tuple(content_words(t) for t in (article.title, *summary))
    posted = content_words(_headline(article))  # the headline the posts show, if any
    lead = [s for s in sentences if s.paragraph == 0 and s.point][:LEAD_SENTENCES]
    items = _item_openers(sentences) or _steps(article, sentences)
    excerpt = [] if items or marked else _excerpt(sentences)
    lead = (excerpt if personal else []) or lead
    echo = Echo((article.title, *summary), [s.text for s in sentences])
    ranked = _ranked(sentences, [*lead, *items])
    return Digest(
        title=_headline(article),
        summary=summary,
        sentences=sentences,
        distinct=Distinct(ranked, said, echo, _positions(lead), _positions(items)),
        told=None
        if personal or not excerpt
        else Distinct(_ranked(sentences, excerpt), said, echo, _positions(excerpt)),
        pinned=_positions([*lead, *items]),
        in_order=_positions(items),
        said=said,
        not_a_story=not_one_story(article),
        opening=tuple(
            s.text
            for s in sentences
            if s.paragraph == 0
            and s.heading is None
            and not s.muted
            and not s.filler
            and not _restates(s.text, posted)
        ),  # a list's first item is no opening, nor a recipe's first ingredient, nor the headline
        # said again
        excerpt=_positions(excerpt),
        personal=personal,
        verdict=_verdict(sentences) if excerpt and is_review(article) else None,
    )


def _verdict(sentences: tuple[Sentence, ...]) -> int | None:
    """The last key sentence of the last paragraph that has one: where a review says what it
    makes of its subject (:mod:`~.review_verdict`)."""
    last = next((s for s in reversed(sentences) if s.point), None)
    return last.position if last is not None else None


def _ranked(sentences: tuple[Sentence, ...], first: list[Sentence]) -> list[Sentence]:
    """``first`` as given, then every other sentence by the score it has as a key point, ties in
    order (:class:`Distinct` moves those that are no key points last)."""
    taken = _positions(first)
    rest = (s for s in sentences if s.position not in taken)
    return [*first, *sorted(rest, key=lambda s: (-s.raw, s.position))]


def _positions(sentences: Iterable[Sentence]) -> frozenset[int]:
    return frozenset(s.position for s in sentences)


def _personal(
    article: Article,
    paragraphs: dict[int, list[str]],
    quoted: set[int],
    opening: set[int],
    others: set[int],
) -> bool:
    """Is the article told in person (:func:`~.voice.told_in_person`)? First-person paragraphs
    ``quoted`` mid-story are someone's words, not the author's voice, unless they are its
    ``opening`` paragraphs; ``others`` (block quotations, signed answers) are never its voice."""
    mid_story = (set() if quoted & opening else quoted) | others
    texts = [text for number, text in paragraphs.items() if number not in mid_story]
    return told_in_person(texts, article.lang)


def _paragraph_texts(sentences: tuple[Sentence, ...]) -> dict[int, list[str]]:
    paragraphs: dict[int, list[str]] = {}
    for sentence in sentences:
        paragraphs.setdefault(sentence.paragraph, []).append(sentence.text)
    return paragraphs


def _excerpt(sentences: tuple[Sentence, ...]) -> list[Sentence]:
    """The opening's key sentences in order, the first :data:`EXCERPT_SCAN` characters' worth
    (a thread posts as many as its excerpt rule says)."""
    chosen: list[Sentence] = []
    length = 0
    for sentence in sentences:
        if length >= EXCERPT_SCAN:
            break
        if sentence.point:
            chosen.append(sentence)
            length += span(sentence.text)
    return chosen


def span(text: str) -> int:
    """How much ``text`` says, in characters of a spaced script: a character of a script
    written without spaces ("事故は") counts twice, as it carries about a word."""
    return len(text) + len(_SPACELESS.findall(text))


def _steps(article: Article, sentences: Iterable[Sentence]) -> list[Sentence]:
    """In a how-to ("How to build a terrarium", or "Step 1…" paragraphs), each step's first
    key sentence after the lead, in order: steps are followed in order, so none is
    cherry-picked. A step is a headed section when the article has several, else a
    paragraph."""
    numbered = sum(1 for p in article.paragraphs if _STEP.match(p)) >= ROUNDUP_SECTIONS
    if not (numbered or _HOW_TO.match(article.title)):
        return []
    headed = sum(1 for section in article.sections if section.heading) >= ROUNDUP_SECTIONS
    steps: dict[int, Sentence] = {}
    for sentence in sentences:
        step = sentence.section if headed else sentence.paragraph
        if sentence.paragraph > 0 and sentence.point and (step or not headed):
            steps.setdefault(step, sentence)
    return list(steps.values())


def _answers(article: Article) -> frozenset[int]:
    """An interview's answers: the paragraphs under its questions, when two or more headings
    ask one ("Würdest Du sagen, dass Ihr ganz gut vorangekommen seid?"). They are the person
    asked's words ("wir sind … gut aufgestellt"), never the author's, like a block quotation."""
    asked = [s.heading is not None and s.heading.rstrip().endswith("?") for s in article.sections]
    if sum(asked) < INTERVIEW_QUESTIONS:
        return frozenset()
    found: set[int] = set()
    index = 0
    for section, question in zip(article.sections, asked, strict=True):
        if question:
            found.update(range(index, index + len(section.paragraphs)))
        index += len(section.paragraphs)
    return frozenset(found)


def _transcript(sentences: tuple[Sentence, ...]) -> tuple[frozenset[int], frozenset[int]]:
    """An interview set down as questions and answers, an answer opening with its speaker's
    label ("Greenpeace: Gab es … Überraschungen?" "Christoph Thies: Neue Fakten gab es
    nicht."): the paragraphs from the first question on, which are the interviewer's and the
    interviewee's words, not the author's; and the positions of the sentences right after a
    question, which answer it and mean nothing without it."""
    turns = [
        before.paragraph
        for before, after in pairwise(sentences)
        if _ASKED.search(before.text) and _TURN_LABEL.match(after.text)
    ]
    if not turns:
        return frozenset(), frozenset()
    start = min(turns)
    return frozenset(s.paragraph for s in sentences if s.paragraph >= start), frozenset(
        after.position
        for before, after in pairwise(sentences)
        if before.paragraph >= start and _ASKED.search(before.text)
    )


def _unvoiced(sentences: tuple[Sentence, ...], voiced: set[int]) -> tuple[Sentence, ...]:
    """Sentences of a passage quoted in the first person (``voiced`` paragraphs, see
    :func:`~.people.quoted_voice`) that do not name their speaker are no key points: the thread
    could not say whose words they are."""
    if not voiced:
        return sentences
    return tuple(
        replace(s, muted=True) if s.paragraph in voiced and not speakers(s.text) else s
        for s in sentences
    )


def _item_openers(sentences: Iterable[Sentence]) -> list[Sentence]:
    """In a list article, each item's first key sentence, in order: every item gets named."""
    openers: dict[int, Sentence] = {}
    for sentence in sentences:
        if sentence.heading and sentence.section not in openers and sentence.point:
            openers[sentence.section] = sentence
    return list(openers.values())


def _headline(article: Article) -> str:
    """The title to post: none when it is only the first sentence cut short (an article with
    no title of its own), which the posts then say whole."""
    title = article.title.strip()
    start = title.removesuffix("…")
    body = article.paragraphs[0] if article.paragraphs else ""
    return "" if start != title and body.startswith(start) else title


def _summary(article: Article) -> tuple[str, ...]:
    """The summary's sentences without filler ("Read more…", a caption) or, after the first,
    fragments (a stray "When", a lone word split off a name: "Yahoo! News."): a summary that
    is all filler is no summary, and the lead takes its place."""
    if not article.summary.strip():
        return ()
    sentences = whole_quotations(split_sentences(article.summary, article.lang))
    title = content_words(article.title)
    return tuple(
        s
        for i, s in enumerate(sentences)
        if not is_filler(s) and (i == 0 or not _stray(s)) and not _restates(s, title)
    )


def _asking_readers(sentences: tuple[Sentence, ...]) -> tuple[Sentence, ...]:
    """``sentences`` with the questions the last paragraph asks its readers muted ("Would you
    want to wear an evening gown on your wedding day? Or does it HAVE to be bridal?"): an
    invitation to comment, never a key point."""
    last = sentences[-1].paragraph if sentences else 0
    return tuple(
        replace(s, muted=True) if s.paragraph == last and _READER_QUESTION.match(s.text) else s
        for s in sentences
    )


def _past_teaser(
    article: Article, summary: tuple[str, ...], sentences: tuple[Sentence, ...]
) -> tuple[str, ...]:
    """A computed lead that is a paragraph of one sentence scoring under a :data:`TEASER`
    fraction of the next paragraph's first ("If it's any small comfort, 2016 probably wasn't
    the most enjoyable year for billionaire Elon Musk, either." before "SpaceX's first manned
    flight … has been postponed until 2018, NASA announced…") is a teaser: the news is the
    next sentence, when that one stands alone and is :data:`NEWS_WORDS` words long."""
    if article.summary_source != "computed" or len(summary) != 1:
        return summary
    opening = [s for s in sentences if s.paragraph == 0]
    after = next((s for s in sentences if s.paragraph == 1), None)
    if len(opening) != 1 or opening[0].text != summary[0] or after is None:
        return summary
    if after.section != opening[0].section:
        return summary  # a list's first item, a section's first line: no news of the whole
    if not after.point or after.leans or opening[0].raw >= TEASER * after.raw:
        return summary
    if len(after.text.split()) < NEWS_WORDS:
        return summary  # "Donald Trump has said that more than once.": the teaser's echo
    return (after.text,)


def _stray(sentence: str) -> bool:
    """A fragment, or one word alone in a script written with spaces."""
    alone = len(sentence.split()) < 2 and not _SPACELESS.search(sentence)
    return alone or is_fragment(sentence)


def _restates(sentence: str, title: frozenset[str]) -> bool:
    """Does a summary sentence say again what the headline says, in its words ("ASIO intends to
    help the private sector." under "…ASIO will help private sector. …")? Posted under it, it
    says nothing; one with more than a word in five of its own ("Picture a deck of tarot
    cards.") is news."""
    return _restated(content_words(sentence), title)


def _restated(words: frozenset[str], said: frozenset[str]) -> bool:
    """Are :data:`RESTATED` of ``words`` (a sentence's, if it says something) in ``said``?"""
    return len(words) >= MIN_WORDS and len(words & said) >= RESTATED * len(words)


def content_words(text: str) -> frozenset[str]:
    """Casefolded words of four or more letters, numbers excluded; in scripts written without
    spaces, character bigrams of ideographs and katakana and trigrams of Thai-like scripts
    (hiragana is grammar); Hangul words of two or more syllables."""
    folded = text.casefold()
    if folded.translate(_PLAIN_MARKS).isascii():  # the common case, at a fraction of the cost
        return frozenset(w for w in _ASCII_WORD.findall(folded) if not w.isdigit())
    if not _SPACELESS.search(folded):
        return frozenset(w for w in _WORD.findall(folded) if not w.isdigit())
    terms: set[str] = set()
    for match in _TERM.finditer(folded):
        kind, run = match.lastgroup, match.group()
        if kind == "ideo":
            terms.update(_grams(run, 2))
        elif kind == "sea":
            terms.update(_grams(run, 3))
        elif (kind == "hangul" and len(run) >= 2) or (kind == "word" and _is_word(run)):
            terms.add(run)
    return frozenset(terms)


def _grams(run: str, size: int) -> list[str]:
    return [run[i : i + size] for i in range(max(1, len(run) - size + 1))]


def _is_word(run: str) -> bool:
    return len(run) >= 4 and not run.isdigit()


def word_weights(sentences: Iterable[Sentence], title_words: frozenset[str]) -> dict[str, float]:
    """``log(df)`` for every content word, +TITLE_BONUS for the title's own words."""
    frequency = Counter(word for sentence in sentences for word in sentence.words)
    return {
        word: math.log(count) + (TITLE_BONUS if word in title_words else 0.0)
        for word, count in frequency.items()
    }


def score(sentence: Sentence, weights: dict[str, float], point: bool = False) -> float:
    """Recurring content words per square root of length, plus small bonuses (see module doc)."""
    if not sentence.words:
        return 0.0
    # fsum is exact whatever the set's (hash-seeded) order: same input, same ranking, always
    weight = math.fsum([weights[word] for word in sentence.words])
    bonus = NUMBER_BONUS if _DIGIT.search(sentence.text) else 0.0
    return weight / math.sqrt(len(sentence.words)) + bonus + (POINT_BONUS if point else 0.0)


def _scored(s: Sentence, value: float) -> Sentence:
    """``s`` with its score (``dataclasses.replace`` costs a tenth of a second per megabyte)."""
    return Sentence(
        s.text,
        s.paragraph,
        s.position,
        s.words,
        s.section,
        s.heading,
        value,
        s.answers,
        s.muted,
        s.previous,
        s.english,
    )


def _score(sentence: Sentence, weights: dict[str, float], marked: list[bool]) -> float:
    """The sentence's score if it is a key point (:attr:`Sentence.score`); ``marked`` says which
    of the article's sections a heading marks as the point (a numbered item past them is marked
    by its own heading)."""
    inside = sentence.section < len(marked)
    return score(
        sentence,
        weights,
        marked[sentence.section] if inside else marks_the_point(sentence.heading),
    )


def repeats(words: frozenset[str], earlier: Iterable[frozenset[str]]) -> bool:
    """True when at least OVERLAP of ``words`` were said by one earlier set (a short headline
    does not make every sentence on its topic a repeat; a sentence that says more is new)."""
    if not words:
        return False
    least = OVERLAP * len(words)  # worked out once: a ranking asks it of every sentence kept
    return any(len(words & other) >= least for other in earlier)


def _sentences(article: Article) -> Iterator[Sentence]:
    """The article's sentences; in a list article each with its item's heading, and each
    numbered item written as a paragraph ("1. Take the blankets off the bed") counted as a
    section of its own, past the article's real ones."""
    position = paragraph = 0
    previous = ""
    items = _is_roundup(article)
    numbered = _numbered_items(article)
    english = (article.lang or "en").casefold().startswith("en")
    how_to = bool(_HOW_TO.match(article.title))
    item = len(article.sections)  # the next numbered item's section
    steps = False  # a recipe's or a project's steps read: its tip after them is no news either
    for real, part in enumerate(article.sections):
        heading = part.heading if items and part.heading else None
        steps = steps or is_procedure_label(part.heading)
        after = steps and is_after_steps_label(part.heading)
        procedure = (is_procedure_label(part.heading) or after) and not how_to  # a step is no news
        section = real
        for index, text in enumerate(part.paragraphs):
            if (real, index) in numbered:
                heading, section, item = numbered[real, index], item, item + 1
            for sentence, inside in quotations(split_sentences(text, article.lang)):
                if sentence and heading != sentence:
                    yield Sentence(
                        sentence,
                        paragraph,
                        position,
                        content_words(sentence),
                        section,
                        heading,
                        muted=procedure or inside,
                        previous=previous,
                        english=english,
                    )
                    position, previous = position + 1, sentence
            paragraph += 1


def _english_reference(sentence: str, previous: str) -> bool:
    """English cues of a sentence needing the one before: "he" before any name, or "the
    mine" after "a mine" (:func:`~.cues.pronoun_before_name`, :func:`~.cues.names_again`)."""
    return pronoun_before_name(sentence) or names_again(sentence, previous)


def _numbered_items(article: Article) -> dict[tuple[int, int], str]:
    """(section, paragraph) of each numbered item written as a paragraph, with its name: the
    whole paragraph ("1. Take any blankets off the bed", no full stop) or its first, short
    sentence when the item's text follows in the same paragraph ("1. Celebrity nude photo
    leaks. It was a bummer when…"); when at least :data:`ROUNDUP_SECTIONS` of them each lead
    text: a list article whose headings the page did not mark up."""
    found: dict[tuple[int, int], str] = {}
    glued: dict[tuple[int, int], str] = {}  # every numbered paragraph, by its first sentence
    named = 0  # of those, the ones a short name opens, its text after it
    for section, part in enumerate(article.sections):
        for index, (text, after) in enumerate(pairwise((*part.paragraphs, ""))):
            if _NUMBERED.match(text) and is_fragment(text) and not _NUMBERED.match(after):
                found[section, index] = text.strip()
            elif _NUMBERED.match(text):
                name, *rest = split_sentences(text, article.lang)
                glued[section, index] = name
                named += bool(rest) and len(name.split()) <= ITEM_NAME_WORDS
    if named >= ROUNDUP_SECTIONS and len(glued) > len(found):
        found = glued  # the page's list: no item of it left out of a roll call
    if len(found) < ROUNDUP_SECTIONS or any(_DOCUMENT_SECTION.match(t) for t in found.values()):
        return {}
    return found


def _counts(title: str, sections: int) -> bool:
    """Does the headline count the headed sections ("Five tents…", "The 8 coolest…") or promise
    a list ("Winter tips…")? Not when they are far more than it counts: "3 Ways to Implement
    Embeddable Custom Badges" over nine sections ("Setting up our Example Application",
    "IFrames", …) is a tutorial's outline."""
    found = _COUNTED.search(title)
    if not found:
        return bool(_LISTED.search(title))
    word = (found.group("count") or "").casefold()
    number = int(word) if word.isdigit() else _NUMBER_WORDS.get(word)
    return number is None or sections <= number + COUNT_SLACK


def _is_roundup(article: Article) -> bool:
    """A list article: several short headed sections, numbered, counted by the headline or named
    by lines of their own (:mod:`~posts.article.item_names`); or a
    how-to's headed steps, however long (the heading is the step). Not a document whose numbered
    sections include "Introduction" or "Conclusion"."""
    headed = [s.heading for s in article.sections if s.heading]
    if len(headed) < ROUNDUP_SECTIONS or any(_DOCUMENT_SECTION.match(h) for h in headed):
        return False
    chars = sum(len(p) for s in article.sections if s.heading for p in s.paragraphs)
    numbered = sum(1 for h in headed if _NUMBERED.match(h)) >= ROUNDUP_SECTIONS
    counted = _counts(article.title, len(headed)) or all(
        s.named for s in article.sections if s.heading
    )  # items named by a line of their own are a list's, counted or not
    short = chars / len(headed) <= ROUNDUP_CHARS
    # a news digest's headline names its stories ("Comcast, NW Natural help nonprofits; Beer
    # City Bottle Shop opens; …: Industry Notes"): each section is one, however long
    digest = article.title.count(";") >= DIGEST_STORIES - 1
    # many headed items under a ranking headline ("The best film scenes of 2014": 22 scenes)
    # are a list however long each is
    ranked = bool(_RANKED.search(article.title))
    return (
        bool(_HOW_TO.match(article.title))
        or ((numbered or counted) and short)
        or digest
        or ((numbered or counted or ranked) and len(headed) >= RANKED_ITEMS)
    )
