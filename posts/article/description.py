"""Whether a page's description can open a post: an editor's checks, with the reason when not.

CMSs cut descriptions mid-word ("…a strong candi"), reuse one site-wide tagline, append "(More)"
or a copyright line, or paste the whole story. A description is used only when it is a whole
sentence (or completed from the body, where it is the start of a body sentence), clean, about
the body, and no longer than the lead; otherwise the lead is used and the reason recorded.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from posts.article.boilerplate import REVIEWED_BY, is_byline, strip_opening_label
from posts.article.live import is_live
from posts.article.normalize import squash
from posts.article.scripts import EMOJI, SPACELESS
from posts.article.sentences import ends_unpunctuated, split_sentences

_ELLIPSIS = re.compile(r"\s*(?:\.{3,}|…|[(\[](?:\.{3}|…)[)\]])\s*$")  # also "(...)", "[…]"
_SENTENCE_END = re.compile(r"[.!?。！？][\"'’”»)\]]*$")
# "Unter diesem Motto findet am 14.": a CMS's first "sentence", cut at an ordinal's or an
# abbreviation's point ("am 14. September", "Dr. Jennicke")
_POINT_CUT = re.compile(r"(?:(?<!\d)\d{1,2}|\b[^\W\d_]{1,3})\.$")
_EMAIL = re.compile(r"[\w.+-]+@[\w-]+\.[\w.-]+")
_COPYRIGHT = re.compile(r"©|\(c\)\s*\d{4}|\bcopyright\b|\ball rights reserved\b", re.IGNORECASE)
_JUMP = re.compile(
    r"\((?:more|read more|continued)\)|\b(?:read more|continue reading|continued)\b\W*$"
    r"|\b(?:learn more|find out more|erfahren sie mehr|mehr erfahren|lesen sie mehr|weiterlesen"
    r"|en savoir plus|lire la suite|leer más|saber más)\W*$"
    r"|…\s*(?:read more|continue reading)\b",
    re.IGNORECASE,
)
# A description of the site, not the article: "The website of …", "This site includes …",
# "The latest news and headlines from …", "Welcome to …".
_ABOUT_SITE = re.compile(
    r"\b(?:this|our|the)\s+(?:web)?site\s+(?:of|includes|offers|features|is|has|covers|brings)\b"
    r"|\bwebsite\s+of\b|^welcome\s+to\b|\blatest\s+news\s+and\s+headlines\s+from\b"
    r"|^(?:all\s+)?the\s+latest\s+(?:\w+\s+){0,2}(?:coverage|news|stories|updates)\s+from\b"
    # "Blog über Bücher, Beauty…", "Un blog sur…", "Willkommen auf…", "Bienvenue sur…"
    r"|^(?:an?\s+|my\s+|our\s+|ein\s+|mein\s+|unser\s+|un\s+|mon\s+|mi\s+)?blog\s+(?:about"
    r"|on|dedicated|über|rund\s+um|für|sur|consacré|sobre)\b"
    r"|^(?:willkommen\s+(?:auf|bei|im)|bienvenue\s+(?:sur|chez)|bienvenid[oa]s?\s+a)\b"
    # a site's pitch to its readers: "We help you get dinner on the table… So come find out
    # What's Cooking at Recipe.com every day!"
    r"|^we\s+(?:help|bring|give|show|offer|tell)\s+you\b|\bcome\s+find\s+out\b"
    # what the site offers: "Awesome, fun, interesting videos and graphics about stuff that…"
    r"|^(?:[\w-]+,?\s+){0,4}(?:videos?|stories|articles|news|graphics|photos)\s+(?:and|&)\s+"
    r"(?:videos?|stories|articles|news|graphics|photos)\s+(?:about|on|from)\b"
    # "From the latest studies on marriage to… the latest and greatest in life and love news."
    r"|\bthe\s+latest\s+and\s+greatest\b"
    # a section's blurb: "Local news for Lake Elsinore from PE.com & The Press Enterprise."
    r"|^(?:local|breaking|latest|top|daily)\s+(?:[\w-]+\s+)?(?:news|headlines|coverage|stories"
    r"|updates)\s+(?:for|about|on|in)\s+[^!?]{1,60}?\s+from\s+[^!?]{1,60}$",
    re.IGNORECASE,
)
# The page asking its reader to answer it: "…and tell us your preference.", "Let us know in the
# comments", "Vote in our poll"; the post's reader cannot
_ASKS_READER = re.compile(
    r"\b(?:tell\s+us|let\s+us\s+know|share\s+your\s+(?:thoughts|views|stories|story|opinions?)"
    r"|vote\s+(?:in|on)\s+our|take\s+our\s+(?:quiz|poll|survey)|sound\s+off)\b",
    re.IGNORECASE,
)
# A site's note on who checked its pages, closing every description: "Written or reviewed by a
# board-certified physician.", "Medically reviewed by Dr. Ann Lee."
_REVIEWED = re.compile(rf"(?<=[.!?])\s+{REVIEWED_BY}[^.!?]{{2,80}}\.?\s*$", re.IGNORECASE)
# A link's words after the last whole sentence: "…disgusting seats. Full article.", CNET's
# "…and the Pope. Read this article by Justin Yu on CNET."
_LINK_AFTER = re.compile(
    r"(?<=[.!?])\s+(?:(?:read\s+(?:the\s+)?)?full\s+(?:article|story)|read\s+more"
    r"|continue\s+reading"
    r"|read\s+(?:this|the)\s+(?:full\s+)?(?:blog\s+)?(?:article|story|post|review)"
    r"(?:\s+by\s+[^.!?]{2,60}?)?"
    r"(?:\s+(?:on|at)\s+[^!?]{2,40}?)?|read\s+more\s+(?:on|at)\s+[^!?]{2,40}?)\W*$",
    re.IGNORECASE,
)
# A link's words before the deck: Yahoo's "Read 'Apple says Steve Jobs resigning as CEO' on
# Yahoo! News. Steve Jobs, the mind behind…"
_LINK_BEFORE = re.compile(
    r"^Read\s+['‘\"“][^'’\"”]{3,200}['’\"”]\s+(?:on|at)\s+[^.]{2,40}?\.\s+(?=\S)"
)
# A label glued before the deck, ending on the deck's first words (a name, doubled): the label
# is short, the doubled words capitalised
_GLUED_LABEL = re.compile(
    r"^[^.!?]{3,80}?\b(?P<twice>[A-ZÀ-Þ][\w'’-]+(?:\s+[A-ZÀ-Þ][\w'’-]+){1,3})\s+(?P<again>(?P=twice))\b"
)
_KEYWORD_CHARS = 40  # a glued keyword is this short …
_TAIL_ITEMS = 4  # … and four of them at least make the page's keyword list
_SENTENCE_STOP = re.compile(r"[.!?]")
# "Finally, …", "Which is why we put together…", "And then…": text that answers what came before
# it (a description cut from the middle of a passage, a paragraph that cannot lead).
_LEANS_BACK = re.compile(
    r"(?:finally|however|but|also|additionally|moreover|furthermore|instead|still|rather|lastly"
    r"|meanwhile|thus|therefore|so|and|or|which|because|that's why|this is why)\b",
    re.IGNORECASE,
)
# "They met at a mall and then went to Salinas' home…": a deck lifted from mid-story names its
# people by pronouns the reader has no name for (a lead may open so, "She was 16 when…"; a deck,
# shown under the headline, does not)
_THIRD_PERSON = re.compile(r"(?:he|she|they|his|her|their|him|them)\b", re.IGNORECASE)
_SYNDICATED = re.compile(r"\bappeared\s+first\s+on\b", re.IGNORECASE)  # WordPress's feed footer
_GERMAN_OPENERS = ("so", "also", "still")  # "So zurück aus Berlin…", "Still und heimlich…"
# German's own: "Dann lesen Sie…", "Aber…", and in any language a bare answer: "Ja? Dann…"
_GERMAN_LEANS = re.compile(r"(?:dann|aber|jedoch|deshalb|daher|denn|trotzdem|danach)\b", re.I)
_BARE_ANSWER = re.compile(  # not "No. 1 seed Kansas…", the numero sign
    r"(?:yes|no|ja|nein|oui|non|sí)\s*[?!.,](?!\s*\d)", re.IGNORECASE
)


def leans_back(text: str, lang: str | None) -> bool:
    """Does ``text`` open by answering what came before it (:data:`_LEANS_BACK`, a bare "Ja?"
    or "No," answering a question it does not show)? German opens a text with "So", "Also"
    or "Still" as often as not, so those do not count there; its own connectives do."""
    german = (lang or "").casefold().startswith("de")
    if _BARE_ANSWER.match(text) or (german and _GERMAN_LEANS.match(text)):
        return True
    found = _LEANS_BACK.match(text)
    return found is not None and not (german and found.group().casefold() in _GERMAN_OPENERS)


# "Von Gregory Lipinski Herr Vilanek, in Deutschland…": an excerpt cut from the page's start
_BYLINE_FIRST = re.compile(r"(?:By|Von|Par|Por)\s+[A-Z][\w'’.-]+\s+[A-Z][\w'’.-]+\s+\S")
# '"Mark May is a great guy," he said.', '"Is it just me…?" said a Pennsylvania Republican.': a
# quotation pulled from the story, its speaker unnamed or named only by what they are
_SAYS = r"(?:said|says|added|adds|told|tells|explained|explains|wrote|writes)"
_PULL_QUOTE = re.compile(
    rf"[“\"][^”\"]{{3,300}}[”\"],?\s+(?:(?:he|she|they|i|we)\s+{_SAYS}\b"
    rf"|{_SAYS}\s+(?:he|she|they|i|we|an?|one)\b)",
    re.IGNORECASE,
)
BEFORE_THE_CUT = "its whole sentences before the cut"  # a verdict used only when none is whole
_WHOLE_LEAST = 40  # characters of whole sentences a cut description must keep to be used
_TAGLINE_WORDS = 8  # a description this short sharing no word with the headline is a slogan
_WORD = re.compile(r"[^\W\d_]{4,}")
_LEAD_MARGIN = 1.3  # a description may be this much longer than the lead paragraph …
_LEAD_SLACK = 120  # … plus this many characters (a deck often adds a clause)
# A deck without a full stop ends on a content word; a cut one on a word needing what follows
_STANDFIRST_WORDS = 12  # a label or a section's blurb is shorter
_CUT_END = re.compile(
    r"(?:[,;:/(&+–—-]|\b(?:the|an?|and|or|but|of|in|on|at|to|for|with|from|by|as|that|which|who"
    r"|whose|is|are|was|were|be|been|has|have|had|will|would|can|could|should|may|might|must"
    r"|its|their|his|her|our|your|this|these|also|than|into|about"
    r"|der|die|das|den|dem|des|ein|eine|einen|einem|einer|und|oder|mit|von|zu|im|auf|bei|für"
    r"|über|nach|aus|le|la|les|de|du|et|au|aux|à|dans|sur|par|pour|une?|ce|cette|ses|son|sa"
    r"|leur|el|los|las|del|al|y|en|con|por|para|su|sus|una?)|\b[^\W\d])\s*$",
    re.IGNORECASE,
)
_DATELINE = re.compile(r"\((?:[A-Z]{2,}|Reuters)\)\s*(?:--|[-–—])")  # "HONOLULU, Dec. 23 (UPI) --"
_TAIL_WORDS = 6  # a deck's last words the body says and goes on from: the deck was cut there
_INNER_STOP = re.compile(r"[.!?][\"'’”»)]*\s+[\"'“‘«(]?[A-ZÀ-Þ]")  # a sentence ended inside
_TITLE_CASE = 0.6  # of a description's words, this share capitalised is a label's Title Case
# "Watch … Video Online", "EASTENDERS SPOILER …", "BEIJING (Reuters) - …" (a wire's dateline)
_LABEL = re.compile(r"(?i:watch|see|view|listen)\b|[A-Z]{2,}\s+[A-Z]{2,}\b|[A-Z]{3,}[A-Z .,'’-]*\(")
# A kicker before the deck: "Inside: 'La La Land': How a young filmmaker…", "WATCH: …"
_KICKER = re.compile(
    r"^(?:(?i:inside|watch|video|photos|listen|exclusive)\s*:"
    # a column's name in capitals and an emoji: "TWO FOR FASHION ☀️ Eine Strohtasche…"
    rf"|(?:[A-ZÄÖÜ0-9&'’]+\s+){{1,4}}[A-ZÄÖÜ0-9&'’]+\s*{EMOJI})"
    r"\s+(?=[\"'‘“A-ZÄÖÜ0-9])"
)
_LEAD_SCAN = 24  # paragraphs looked through for the body's opening sentences


@dataclass(frozen=True)
class Verdict:
    text: str | None  # the usable description (possibly completed from the body), or None
    reason: str  # why refused, or how it was accepted


def judge(
    description: str,
    paragraphs: tuple[str, ...],
    title: str | None = None,
    lang: str | None = None,
) -> Verdict:
    """Check ``description`` against the article body ``paragraphs`` (in order, in language
    ``lang``) and its headline ``title``."""
    text = _past_glued_label(strip_opening_label(squash(description))[0])  # "NEW DELHI: …"
    text = _LINK_BEFORE.sub("", text)
    text = _LINK_AFTER.sub("", _REVIEWED.sub("", _without_keyword_tail(text)))
    text = _KICKER.sub("", text)
    refusal = _refusal(text, paragraphs, lang)
    if title and not refusal and _key(text) == _key(title):
        refusal = "repeats the headline"  # "Wie entsteht Erdöl?." under "Wie entsteht Erdöl?"
    if title and not refusal and _is_tagline(text, title):
        refusal = "a tagline (few words, none the headline's)"
    if refusal:
        return Verdict(None, refusal)
    if _ELLIPSIS.search(text):
        stem = _ELLIPSIS.sub("", text)
        completed = _complete(stem, paragraphs, "truncated (ends with an ellipsis)", lang)
        return completed if completed.text else _before_the_cut(stem, paragraphs, lang, completed)
    if not _stopped(text):
        completed = _complete(text, paragraphs, "not a whole sentence (no final punctuation)", lang)
        if completed.text is None and is_live(paragraphs):  # what the page follows, unstopped
            return Verdict(text, "a live page's, without its full stop")
        if completed.text is None and _standfirst(text, paragraphs, title or ""):
            return Verdict(text, "a standfirst, written without a full stop")
        return completed if completed.text else _before_the_cut(text, paragraphs, lang, completed)
    if _POINT_CUT.search(text):  # completed only where the body shows the sentence goes on
        completed = _complete(text, paragraphs, "", lang, across=False)
        return completed if completed.text else _last_completed(text, paragraphs, lang)
    return Verdict(text, "checked")


def _without_keyword_tail(text: str) -> str:
    """``text`` without the page's keywords a CMS glued on ("…adoption in the US ,  Institutes,
    Accounting standards,  ACCA,ICAEW,IFRS"): four or more short items after a comma, without
    a sentence's stop, set off by a space before the first comma or by a comma with none after
    it. Worked out in one pass over the commas: a pattern with nested repeats backtracked for
    seconds on a description of fifteen items."""
    parts = text.split(",")
    count = len(parts)
    if count < _TAIL_ITEMS + 1:
        return text
    start = count  # the first of the items that run to the end
    while start > 1 and _keyword_like(parts[start - 1]):
        start -= 1
    unspaced = [False] * (count + 1)  # a comma at or after this part is not followed by a space
    for index in range(count - 1, 0, -1):
        unspaced[index] = unspaced[index + 1] or parts[index][:1] not in ("", " ")
    for cut in range(max(1, start), count - _TAIL_ITEMS + 1):
        if parts[cut - 1][-1:] == " " or unspaced[cut + 1]:
            return ",".join(parts[:cut]).rstrip()
    return text


def _keyword_like(part: str) -> bool:
    return bool(part) and len(part.lstrip()) <= _KEYWORD_CHARS and not _SENTENCE_STOP.search(part)


def _past_glued_label(text: str) -> str:
    """A description whose CMS glued a label before it, ending on the words the deck opens with
    ("Detenida en Francia Izaskun Lesaka Izaskun Lesaka pasó a la cúpula…"): from the deck."""
    glued = _GLUED_LABEL.match(text)
    return text[glued.start("again") :] if glued else text


def _last_completed(text: str, paragraphs: tuple[str, ...], lang: str | None) -> Verdict:
    """A description whose last sentence was cut at a point ("…East Coast. The Washington
    Monument developed a crack near its peak from the magnitude-5."), that sentence completed
    from the body's; else as it is."""
    sentences = split_sentences(text, lang)
    if len(sentences) > 1:
        last = _complete(sentences[-1], paragraphs, "", lang, across=False)
        if last.text:
            return Verdict(text[: text.rfind(sentences[-1])] + last.text, last.reason)
    return Verdict(text, "checked")


def _refusal(text: str, paragraphs: tuple[str, ...], lang: str | None) -> str | None:
    if "\ufffd" in text:
        return "holds U+FFFD (a broken character)"
    if _EMAIL.search(text):
        return "holds an e-mail address"
    if _COPYRIGHT.search(text):
        return "holds a copyright line"
    if _JUMP.search(text):
        return "holds a '(More)' or 'Read more' link"
    if _SYNDICATED.search(text):
        return "holds a feed's note ('The post … appeared first on …')"
    if _ABOUT_SITE.search(text):
        return "describes the site, not the article (site-wide text)"
    if _ASKS_READER.search(text):
        return "asks the page's reader to answer (a poll's or the comments' call)"
    english = (lang or "en").casefold().startswith("en")
    if leans_back(text, lang) or (english and _THIRD_PERSON.match(text)):
        return "starts mid-thought, answering what it does not show"
    if text[:2].islower():  # "all characters based on…"; "iPhone" and "eBay" open a sentence
        return "starts mid-sentence, in lower case"
    if _PULL_QUOTE.match(text):
        return "opens with a quotation by someone it does not name"
    if _BYLINE_FIRST.match(text):
        return "opens with the byline (the page's first lines glued together)"
    if is_byline(text):
        return "a byline (who posted it, and when), not what the article says"
    if not _shares_words(text, " ".join(paragraphs[:12])):
        return "shares no content words with the body (site-wide text)"
    lead = max((len(p) for p in _opening_prose(paragraphs)), default=0)
    if len(text) > lead * _LEAD_MARGIN + _LEAD_SLACK:
        return "longer than the lead paragraph"
    return None


def is_standfirst(text: str, paragraphs: tuple[str, ...], title: str) -> bool:
    """Is ``text``, a subheading set before any of the body, the article's deck written without a
    full stop (:func:`_standfirst`)? A question or a label ("What is Creative Commons?") heads
    the first section instead."""
    return not _stopped(text) and _standfirst(text, paragraphs, title)


def _standfirst(text: str, paragraphs: tuple[str, ...], title: str) -> bool:
    """A deck written without a full stop, as many sites write them ("New Zealand's whale
    whisperers worry that manmade changes in the ocean are behind the spike in beachings"): one
    clause of :data:`_STANDFIRST_WORDS` words or more, opening on a capital, ending on a content
    word, on the headline's or the opening's subject. A description whose earlier sentences end
    with stops was cut, and so was one ending on a word that needs what follows ("…the changing
    status of computation in", "…freed from the") or a comma; a label is no deck ("Watch …
    Video Online", "EASTENDERS SPOILER …", "… | Site", Title Case); and a script written
    without spaces gives no word to judge the end by."""
    words = text.split()
    capitals = sum(1 for w in words if w[:1].isupper())
    return (
        len(words) >= _STANDFIRST_WORDS
        and text[:1].isupper()
        and capitals < _TITLE_CASE * len(words)
        and not SPACELESS.search(text)
        and not _CUT_END.search(text)
        and not _LABEL.match(text)
        and not _INNER_STOP.search(text)
        and not _DATELINE.search(text)
        and " | " not in text
        and not _body_goes_on(text, paragraphs)
        and _shares_words(text, " ".join((title, *_opening_prose(paragraphs))))
    )


def _body_goes_on(text: str, paragraphs: tuple[str, ...]) -> bool:
    """Does the body say the deck's last :data:`_TAIL_WORDS` words and go on in the same clause
    ("…in the Pacific have" where the body says "…in the Pacific have captured video…")? The
    deck was cut from it. (A deck ending where the body's clause does, "…for a second year, the
    director said", is whole.)"""
    words = re.findall(r"\w+", " ".join(text.split()[-_TAIL_WORDS:]))
    if not words:
        return False
    going_on = re.compile(r"\b" + r"\W+".join(map(re.escape, words)) + r"\s+\w", re.IGNORECASE)
    return any(going_on.search(paragraph) for paragraph in paragraphs[:_LEAD_SCAN])


def _opening_prose(paragraphs: tuple[str, ...]) -> list[str]:
    """The body's first three paragraphs, past kickers and captions; past a spec sheet's lines
    too ("Ski: 2019-2020 Line Outline, 186 cm"), when whole sentences follow them."""
    prose = [p for p in paragraphs[:_LEAD_SCAN] if _SENTENCE_END.search(p)]
    return prose[:3] or list(paragraphs[:3])


def _complete(
    stem: str,
    paragraphs: tuple[str, ...],
    refusal: str,
    lang: str | None,
    *,
    across: bool = True,
) -> Verdict:
    """A cut description that starts a body sentence becomes that sentence (or, ``across``,
    the sentences of a paragraph it runs through: "Ein positives Signal … . Im Stadtrat wurde
    der Bebauungsplan, der die Entwicklung der Waldorf..."); else refused."""
    key = _key(stem)
    if len(key) >= 12:
        for paragraph in paragraphs[:12]:
            for sentence in split_sentences(paragraph, lang):
                if _goes_on(_key(sentence), key):
                    return Verdict(sentence, "completed from the body")
            if across and _goes_on(_key(paragraph), key):
                return Verdict(_through(paragraph, key, lang), "completed from the body")
    return Verdict(None, refusal)


def _before_the_cut(
    stem: str, paragraphs: tuple[str, ...], lang: str | None, refused: Verdict
) -> Verdict:
    """A description the site cut (with "…" or without a final stop) as its whole sentences
    before the cut, when they say enough (:data:`_WHOLE_LEAST` characters) and the body holds
    none of them: a store's synopsis, a deck written for the page. One the page cut from its own
    text (a passage further down, the opening with a heading glued on) is refused: the body
    says it better."""
    sentences = split_sentences(stem, lang)
    if not _stopped(stem):
        sentences = sentences[:-1]
    body = _key(" ".join(paragraphs))
    used = [_longer_words(p) for p in paragraphs]
    if not sentences or any(_in(body, s) or _paraphrases(s, used) for s in sentences):
        return refused
    end = stem.rfind(sentences[-1])
    whole = stem[: end + len(sentences[-1])]
    if end < 0 or len(whole) < _WHOLE_LEAST or not _stopped(whole):
        return refused
    return Verdict(whole, BEFORE_THE_CUT)


def _stopped(text: str) -> bool:
    """Does ``text`` end as a sentence does: a stop, or one of
    :func:`~posts.article.sentences.ends_unpunctuated`'s endings?"""
    return bool(_SENTENCE_END.search(text)) or ends_unpunctuated(text)


def _in(body: str, sentence: str) -> bool:
    """Does ``body`` (a :func:`_key`) hold ``sentence``, also past a first word the page glued
    on ("102 “Were you…”", a chapter's number; "Highlights Here's our…", a heading)?"""
    return _key(sentence) in body or _key(sentence.split(maxsplit=1)[-1]) in body


def _paraphrases(sentence: str, used: list[frozenset[str]]) -> bool:
    """Does one of the body's paragraphs (``used``: each one's :func:`_longer_words`) use every
    longer word of ``sentence`` ("The council approved a budget on Tuesday." beside "The city
    council approved a new budget on Tuesday…")? The body says it, and better."""
    words = _longer_words(sentence)
    return bool(words) and any(words <= paragraph for paragraph in used)


def _longer_words(text: str) -> frozenset[str]:
    return frozenset(w.casefold() for w in re.findall(r"\w{4,}", text))


def _goes_on(whole: str, key: str) -> bool:
    return whole.startswith(key) and len(whole) > len(key)


def _through(paragraph: str, key: str, lang: str | None) -> str:
    """The paragraph's first sentences, up to the one in which ``key`` ends."""
    sentences = split_sentences(paragraph, lang)
    for count in range(1, len(sentences) + 1):
        if len(_key(" ".join(sentences[:count]))) > len(key):
            return " ".join(sentences[:count])
    return paragraph


def _is_tagline(text: str, title: str) -> bool:
    """A few words sharing none with the headline: the site's slogan on every page."""
    return len(text.split()) < _TAGLINE_WORDS and not _shares_words(text, title)


def _key(text: str) -> str:
    return "".join(char for char in text.casefold() if char.isalnum())


def _shares_words(text: str, body: str) -> bool:
    if SPACELESS.search(text):
        grams = {text[i : i + 2] for i in range(len(text) - 1) if SPACELESS.match(text[i])}
        return any(gram in body for gram in grams)
    words = {w.casefold() for w in _WORD.findall(text)}
    return not words or bool(words & {w.casefold() for w in _WORD.findall(body)})
