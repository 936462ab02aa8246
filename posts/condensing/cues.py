"""What an editor reads at a glance: a sentence that leans on the one before, filler, a heading
that says "this is the point".

These are word lists, not a parser: cheap, deterministic, and easy to extend per language. A
false "leans back" only costs room (the sentence brings its antecedent along); a missed one is
what the preview's lint then flags.
"""

from __future__ import annotations

import re

from posts.article.sentences import ends_unpunctuated

# Openings that refer back or answer the sentence before (pronouns, demonstratives, connectives),
# in the languages Herald meets most; matched on the first word, case-folded.
_LEANING = """
    he she it they them his her its their theirs this these those that such
    but however so also and or yet still then thus therefore hence instead meanwhile moreover
    furthermore besides nevertheless nonetheless otherwise consequently likewise similarly
    accordingly indeed again anyway plus both neither either which whose latter former
    finally lastly incidentally additionally rather conversely nor actually
    il elle ils elles cela ceci ce cette ces mais cependant donc pourtant ainsi alors aussi et
    ensuite puis toutefois néanmoins
    él ella ellos ellas esto esta este estos estas eso pero además también entonces y
    er sie es dies diese dieser dieses diesen diesem ihn ihm aber jedoch doch deshalb daher
    außerdem auch dann und oder dennoch allerdings zudem danach davor dabei dadurch darum
    dafür dagegen dazu trotzdem stattdessen somit folglich
    ele ela eles elas isso isto esse essa mas porém contudo entretanto então
    lui lei loro questo questa questi quello però tuttavia quindi anche inoltre
    он она оно они это этот эта эти но однако поэтому также тоже кроме
"""
_LEANING_WORDS = frozenset(_LEANING.split())
# Scripts written without spaces: the first characters decide (a sentence opening on the
# particle と goes on from a quotation before it: "と想像も容易な…").
_PREFIXES = """
他们 她们 它们 他 她 它 这 那 但 而且 因此 所以 此外 此 该 其
然而 不过 可是 另外 同样 同时 无独有偶 对此 为此 于是 随后
在他 在她 据他 据她 对他来说 对她来说 例如 比如 譬如
たとえば 例えば
彼女 彼ら 彼 これ それ この その あの しかし でも だが また そして さらに ただし 一方
そこで そのため ところが つまり なお と
그는 그녀 그들 그러나 하지만 그리고 또한 이는 이것 그것 따라서
"""
_LEANING_PREFIXES = tuple(_PREFIXES.split())
# "Aniston replied, “…”": an answer to a question the sentence before asked; "Because there are
# profits.": a reason with no clause of its own, the answer to a why left before it
_ANSWERS = re.compile(
    r"(?:[A-Z][\w’'-]+\s+){1,3}(?:replied|responded|answered|retorted)(?:\s*[,:]|\s+that\b)"
    r"|(?i:because)\s+(?!of\b)[^,;:]+[.!?][\"”’']*$"
)
# A name, then "then" telling the next step: "Blackberry then goes on to say…", "Smith then
# added…" (not "The then-president…").
_THEN = re.compile(r"(?!The\b)(?:[A-Z][\w'’.-]*\s+){1,3}then\s+[a-z]")
# "Many of them…", "Others…", "In this case…", "The other change…": what was named before.
_PART_OF = re.compile(
    r"(?i:others?\b|(?:many|most|some|all|few|none|each|several|one|two|both|half)\s+of\s+"
    r"(?:them|these|those|this|it|us|which)\b|"
    # "One of the largest is located in…": the largest of what was named before
    r"(?:one|some|many|most|few|several|two|three|four|five)\s+of\s+the\s+(?:[a-z]+est|best|"
    r"worst|first|last|most\s+[a-z]+)\s+(?:is|are|was|were|has|have|had|can|could|will|would)\b|"
    r"(?:in|at|for|by|with|on)\s+(?:this|that|these|"
    r"those|such)[\s,]|in\s+(?:fact|addition|turn|contrast|short|particular|response|return)\b|"
    # "As a result, vendors…", "As such, …": a consequence of what came before
    r"as\s+(?:a\s+(?:result|consequence)|such)\b|"
    # "On top of that, …", "Because of this, …", "Apart from that, …", "To that end, …"
    # "Not only that, but…", "More than that, …": more of what came before
    r"not\s+only\s+(?:that|this)\b|more\s+than\s+(?:that|this)\s*,|"
    r"(?:on\s+top\s+of|because\s+of|despite|after|apart\s+from|besides|beyond|other\s+than|"
    r"aside\s+from|to|by|until|even)\s+(?:that|this|then|so)\b[^.]{0,6},|like,\s|the\s+(?:other|"
    r"same|latter|former|rest|next|following)\b"
    # "En contraste, …", "Par contre, …", "Im Gegensatz dazu …": the same turns elsewhere
    # "Among them, Ocalan…", "Entre ellos aparecía…": one of those just listed
    # "Anything less would have been…", "Nothing else matters": less, more or other than
    # what was just said ("Anything less than a win…" says what itself)
    r"|(?:anything|nothing)\s+(?:less|more|else)\b(?!\s+than\b)"
    r"|(?:among|amongst)\s+(?:them|these|those)\b|entre\s+(?:ellos|ellas|estos|estas|eles|elas)\b|"
    r"parmi\s+(?:eux|elles|ceux|celles)\b|unter\s+ihnen\b|tra\s+(?:loro|questi)\b"
    r"|en\s+(?:contraste|cambio|revanche|outre|effet)\b|por\s+(?:otro\s+lado|el\s+contrario|"
    r"lo\s+tanto|eso)\b|sin\s+embargo\b|par\s+(?:contre|ailleurs)\b|au\s+contraire\b|"
    r"de\s+plus\b|im\s+gegensatz\b|dagegen\b|trotzdem\b|por\s+outro\s+lado\b|no\s+entanto\b|"
    r"d[’']altra\s+parte\b|invece\b"
    # German "Das wird…", "Das ist…": "das" before a verb is "that", not the article "the"
    r"|das\s+(?:ist|war|sind|wird|wurde|hat|hatte|sei|wäre|kann|könnte|soll|sollte|muss|zeigt|"
    r"gilt|bedeutet|heißt|macht|bringt|klingt|liegt|betrifft|geht|lässt)\b"
    # "Moments earlier, …", "Soon after, …", "Later that day …", "Later, …": a time told from an
    # event before
    r"|(?:moments|minutes|hours|days|weeks|months|years)\s+(?:earlier|later|before|after)\b|"
    r"(?:soon|shortly|right|just|immediately)\s+(?:after|afterwards?|before|thereafter)\b|"
    r"(?:later|earlier)\s+that\b|(?:later|earlier|afterwards?|thereafter|subsequently)\s*,)"
)
# German puts its connective or its subject after the verb: a "but" ("Verwundern muss einen
# das aber kaum.", "Das Ergebnis war jedoch…") or an "er" ("Als Ehrerweisung an die Heimat ließ
# er…": someone or something named before, a masculine noun) among the first words, before any
# comma, answers what came before
_GERMAN_TURN = re.compile(
    r"^[^,;:.!?]{0,40}?\s(?:aber|jedoch|allerdings|dennoch|trotzdem|er|ihm|ihn)\b"
)
# "If he pushed…", "When they met…", "Like Alice, he'll…": a person named before is the subject
# of the first clause.
_EARLY_PRONOUN = re.compile(
    r"(?:(?:if|when|while|because|although|though|after|before|as|since|once|until|unless|"
    r"where)\s+|(?:like|unlike|as|in|at|on|after|before|for)\s[^,.;:]{1,30},\s+)"
    r"(?:he|she|they|his|her|their)\b",
    re.IGNORECASE,
)
# "One moment it is dry…", "Although its a game changer, it all costs…": after an adverbial
# opening word and a few lower-case words (a name breaks it), a pronoun as subject
_EARLY_SUBJECT = re.compile(
    r"^(?:One|Some|Every|Each|At|In|On|Now|Then|Today|Later|Still|Although|Though|While|When"
    r"|Because|Since|As|After|Before|Sometimes|Often|Usually)\b(?:\s+[a-z0-9’',]+){0,3}?"
    r"\s+(?:it|its|they|he|she)\b"
)
# "But part of this success…", "These changes…", "Those figures…": a demonstrative and a noun
# among the first words, the noun naming what the paragraph before told, not its last sentence
_SUMS_UP = re.compile(
    r"^(?:(?:but|and|so|yet|still)\s+)?(?:[a-z’']+\s+){0,3}?(?:this|these|those)\s+"
    r"(?!is\b|was\b|are\b|were\b|will\b|would\b|can\b|could\b|has\b|have\b|had\b)[a-z]{3,}\b",
    re.IGNORECASE,
)
_TURNS = frozenset(
    ["but", "however", "yet", "mais", "cependant", "pero", "aber", "doch", "jedoch", "mas", "porém"]
)
_INTERROGATIVES = frozenset({"which", "whose"})
_QUESTION = re.compile(r"[^.!?]*\?")  # a first sentence that is a question

# A capitalised word (a name, or "I") or a third-person singular pronoun, whichever comes first.
# A capitalised word that may name someone, or a third-person pronoun.
_NAME_OR_PRONOUN = re.compile(r"\b(?:[A-Z][\w'’-]*|(?:he|she|him|his|her|hers)\b)")
# An impersonal "it", "il", "es": the pronoun stands for nothing said before ("It is clear
# that…", "It takes years…", "Il y a…", "Il me semble que…", "Es gibt…").
_DUMMY_SUBJECTS = frozenset({"it", "il", "es"})
_IMPERSONAL = re.compile(
    r"(?i:it(?:\s+is|\s+was|['’]s)\s+(?:not\s+|also\s+|still\s+)?"
    r"(?!(?:him|her|them|us|me|you|this|that|it|one)\s)(?:\w+\s+)?\w+\s+(?:to|that)\s"
    r"|it\s+(?:seems|seemed|appears|appeared)\s+(?:that|to|as\s+if)\s|it\s+takes?\s|it\s+took\s"
    r"|it\s+was\s+not\s+until\s|il\s+(?:y\s+a|y\s+avait|faut|fallait|suffit|s['’]agit|para[iî]t"
    r"|existe|reste|(?:(?:me|nous|vous|lui|leur)\s+)?semble"
    r"|est\s+(?:\w+\s+)?\w+\s+(?:de|d['’]|que|qu['’]))"
    r"|es\s+(?:gibt|gab|geht\s+um|ging\s+um))"
)
# "While he doesn't buy halibut much — he's got a freezer full of it — Bassi, 43, keeps…": a
# clause before the subject, whose "he" is the name that follows it.
_CATAPHORA = re.compile(
    r"(?:While|When|Although|Though|As|After|Before|Since|Because|If|Until|Once)\s+(?:he|she)\b"
    r"[^.!?]{0,160}?[,—–]\s*(?:[A-Z][\w'’-]+\s+){0,2}[A-Z][\w'’-]+(?=[\s,])"
)
# Capitalised words that name no one ("Since October 7, he says…").
_CALENDAR = frozenset(
    """January February March April May June July August September October November December
    Monday Tuesday Wednesday Thursday Friday Saturday Sunday""".split()  # noqa: SIM905
)
# Words that open sentences without naming anyone.
_SENTENCE_OPENERS = frozenset(
    """in on at for when after before as with by from to of the a an and while since if
    although though because once during until unlike like despite now later earlier today
    yesterday tomorrow last next here there what why how who where i we you my our your some
    many most all each every no not only even born asked according over under about among""".split()  # noqa: SIM905
)
_GENERIC_PRONOUN = re.compile(r"(?i)\b(?:he or she|she or he|his or her|her or his|him or her)\b")
_NEGATED = re.compile(r"(?i)\b(?:wasn[’']t|isn[’']t|weren[’']t|aren[’']t|was not|is not)\b")
_REVEAL = re.compile(r"(?i)(?:it|that|this)(?:\s+(?:was|is)|[’']s)\b|instead\b|rather\b")
_DEICTIC = frozenset({"this", "that", "these", "those"})
_TIMES = (
    "year week month day morning afternoon evening night weekend summer winter spring autumn "
    "fall season time quarter century decade"
)
_TIME_WORDS = frozenset(_TIMES.split())
_CLAUSE_SUBJECTS = frozenset("i you we he she they it the a an".split())  # noqa: SIM905
_FIRST_WORDS = re.compile(r"[^\W\d_][\w'’-]*", re.UNICODE)
_OPENING_PUNCTUATION = "\"'“‘«„(¿¡—–- "
_ARTICLES = frozenset({"the", "le", "la", "les", "el", "los", "las", "der", "die", "das"})
_NOUNS = (
    "company firm agency man woman boy girl couple pair move decision deal suspect victim "
    "official spokesman spokeswoman spokesperson former latter same author writer"
)
_DEMONSTRATIVE_NOUNS = frozenset(_NOUNS.split())
# words opening a phrase before "the <noun>" that may point back: "Along with the patent…"
_PREPOSITIONS = "along with after despite like unlike besides beyond under behind against"
_OPENING_PREPOSITIONS = frozenset(_PREPOSITIONS.split())
_SAID = r"\s+(?i:said|says|added|adds|told|wrote|writes|explained)\b"
# “…,” she said: who she is was in the sentence before.
_ATTRIBUTED = re.compile(r"[”\"’']\s*,?\s*(?i:he|she|they|it)" + _SAID)
# “…,” Azzouz said: a surname alone, introduced somewhere earlier; the quote cannot stand alone.
_BY_SURNAME = re.compile(r"[”\"’']\s*,?\s*[A-Z][\w'’-]+" + _SAID)
# A quotation whose speaker the sentence does not name: whose words are these?
_QUOTE_OPENING = tuple('“"«„‘')
_BREAK = re.compile(r"[.!?]\s+(?:[\"“A-Z]|$)")  # a sentence ends (outside a quote)
_ATTRIBUTION = re.compile(
    r"\b(?:said|says|say|told|tells|added|adds|wrote|writes|asked|asks|explained|explains|noted|"
    r"notes|according to|dit|a déclaré|selon|dijo|afirmó|según|sagte|disse|afirmou)\b",
    re.IGNORECASE,
)
_UNQUOTED = re.compile(r"“[^”]*”|\"[^\"]*\"|«[^»]*»|„[^“”]*[“”]")  # the words around quotes
_QUOTE_PAIRS = (("“", "”"), ("「", "」"), ("«", "»"))
_BRACKETED = re.compile(
    r"^\[.*\]$|^\(.*\)$"
)  # an editor's note or a promo: "[Get … in your inbox.]"
# A speaker list's line: a titled name, a comma, their role, nothing said ("Prof. Dr. Caja
# Thimm, Professorin für Medienwissenschaft an der Universität Bonn.")
_TITLES = ("Prof", "Dr", "Mag", "Dipl", "Ing", "Univ", "PD")  # looked for only after these
_TITLED_ROLE = re.compile(
    r"(?:(?:Prof|Dr|Mag|Dipl\.-Ing|Ing|Univ\.-Prof|PD)\.\s+)+(?:[A-ZÄÖÜ][\w'’-]+\s+){0,3}"
    r"[A-ZÄÖÜ][\w'’-]+,\s+[^,;:!?]+\.$"
)
_SENTENCE_END = tuple(".!?…。！？")
_CLOSERS = "\"'”’»)]」』）"
# Japanese or Chinese ending on a Latin abbreviation ("… feat."), or on Latin punctuation with
# none of its own inside ("多田李衣菜 木村夏樹 /Jet to the Future アナスタシア/たくさん!"): a label.
_CJK_CHAR = re.compile(r"[\u3040-\u30ff\u4e00-\u9fff]")
_LATIN_ABBREVIATION_END = re.compile(r"\s[A-Za-z]{1,6}\.$")
_UNPUNCTUATED_SCRIPT = re.compile(r"[\u0e00-\u0eff\u1000-\u109f\u1780-\u17ff]")  # Thai, Lao…
_FILLER = re.compile(
    r"^(?:thanks?\b|thank you|stay tuned|subscribe|sign up|follow (?:us|me)|click|tap|read "
    r"(?:more|on|the full)|see (?:also|more)|share (?:this|on)|let (?:us|me) know|leave a comment|"
    r"comments?\b|photo\b|image\b|credit\b|pictured\b|related\b|advertisement|sponsored|"
    r"(?:this|the) (?:article|post|story) (?:was|has been|originally|first)|copyright|©|"
    r"all rights reserved|in this (?:article|post)|without further ado|"
    r"let['’]?s (?:dive|get started|take a look)|"
    # the writer's asides to the reader: "Right?", "Did we confuse you?", "To make you
    # understand what's going on, let us take you to the beginning."
    r"(?:right|confused|get it|got it)\?$|did (?:we|i) (?:confuse|lose) you\b|"
    # asking the reader to agree about what was just shown: "Doesn't it look so much fresher?"
    r"(?:doesn|don|isn|aren|wasn|weren|wouldn)['’]t (?:it|this|that|these|those|they|he|she)"
    r" (?!time\b)[^.!?]*\?$|"
    r"(?:to make you understand\b[^.!?]{0,40},\s*)?let (?:us|me) take you\b|"
    r"here['’]?s (?:how|what|everything|a (?:look|quick look|rundown))|"
    r"here are (?:the|some|a few)\b|"
    r"read on\b|what do you think|enjoy[!.]|happy \w+ing|recommend this\b|"
    r"(?:want|like) to (?:know|learn|read|see|hear) more\b|interested in (?:learning|reading)\b|"
    r"here (?:is|are) (?:the|my|our) (?:prepared |full )?(?:text|slides|transcript|video)\b|"
    r"(?:below|above|here) (?:is|are) (?:a|the|my|our) (?:list|few|roundup|selection)\b|"
    r"submit your|warning\s*#?\d*\s*:|editor['’]?s note\b|"  # a note to the page's reader
    # "Contact us…", "Contact Backstage's Advertising Department for…": the site's, to its clients
    r"contact (?:us|me|(?:our|[\w'’.-]+['’]s?) (?:advertising|sales|marketing))\b|"
    r"(?:update[ds]?|correction|clarification)\b[^:.!?]{0,40}:|"  # "Update July 3rd, 8:05AM ET:"
    r"(?:that['’]?s |this is )?what you['’]?re about to (?:see|read|watch)\b|"
    r"[\^↑*※]|图为|图片来源|摄影|写真[:：])",  # "※" marks a note, as "*" does
    re.IGNORECASE,
)
_BRACKETS = (("(", ")"), ("{", "}"), ("[", "]"))
# A hand-over to the next sentence: "But generals aren't the only ones who like this town.",
# "That's not all.", "But there's more." (posted without what follows, a promise left open)
_SET_UP = re.compile(
    r"^(?:(?:but|and|yet)\s+)?(?:(?:that|this)['’]?s not all|that is not all|there['’]?s more\b"
    r"|(?:[\w’'-]+\s+){1,4}(?:is|are|was|were)(?:n['’]t|\s+not)\s+the\s+only\s+(?:ones?|things?"
    r"|reasons?|ways?|people|places?)\b)",
    re.IGNORECASE,
)
_SET_UP_WORDS = 14  # a longer sentence says something of its own
# A walkthrough beginning after its introduction: "First things first: We began by taking a look
# at…", "Let's get started.", "To get started, install…"
_WALKTHROUGH = re.compile(
    r"^(?:first things first\b|let['’]?s (?:get started|start|begin|dive in)\b"
    r"|to get started\b|(?:we|i) (?:began|started) by\b)",
    re.IGNORECASE,
)
# Markup shown as text: a player's embed code for copying ("<iframe width='670' src=…>")
_MARKUP = re.compile(
    r"<[a-zA-Z][\w:-]*(?:\s+[\w:-]+\s*=\s*(?:\"[^\"]*\"|'[^']*'|[^\s>]+))+\s*/?>"
    r"|</?(?:iframe|script|embed|object|div|span|img|br)\b[^>]*>"
)
# A player's placeholder read as text: "World December 29 2014 9:11pm 01:34 Loading..."
_LOADING = re.compile(r"\bloading\s*(?:\.{3}|…)$", re.IGNORECASE)
_DOTS = ("...", "…")  # what it ends on: looked at before the pattern is tried
# "Taiwanese President Tsai speaks during a debate in Taipei on December 29.": a photo's caption
_CAPTION_VERBS = (
    "speaks", "attends", "poses", "arrives", "waves", "gestures", "looks on", "smiles", "listens",
    "walks", "reacts", "delivers a speech", "addresses",
)  # fmt: skip
_CAPTION = re.compile(
    rf"\b(?:{'|'.join(_CAPTION_VERBS)})\b[^.]*\b(?:on|in)\s+(?:January|February|March|April"
    r"|May|June|July|August|September|October|November|December|Monday|Tuesday|Wednesday"
    r"|Thursday|Friday|Saturday|Sunday)\b"
)  # tried only when a verb is there: it is slow to fail
# "Figure 7 shows…", "as the table below shows", "see notes later", "the example from before",
# "As you can see, …", "at the bottom of the page", "(Video is above…)": a post has no figure,
# no rest of the article and no page layout to point at. Each pattern is tried only when one of
# its words is there: run on every sentence of a long article, they are slow to fail.
_VISUALS = (
    r"(?:figure|table|listing|diagram|chart|graph|screenshot|image|example|code|video|picture"
    r"|photo|photograph)"
)
_POINTERS: tuple[tuple[tuple[str, ...], re.Pattern[str]], ...] = tuple(
    (words, re.compile(pattern, re.IGNORECASE))
    for words, pattern in (
        (
            ("figure", "fig.", "table", "listing", "diagram", "chart", "graph", "screenshot"),
            r"\b(?:figure|fig\.|table|listing|diagram|chart|graph|screenshot)\s+\d+[a-z]?\s+"
            r"(?:shows?|illustrates?|depicts?|gives|lists|summari[sz]es)\b",
        ),
        (
            ("above", "below"),
            rf"\b{_VISUALS}s?\s+(?:above|below)\b|\(see (?:above|below)\)"
            r"|\bthe one (?:above|below)\b",  # "photos such as the one above"
        ),
        (
            ("above", "below", "later"),
            r"\bsee (?:the )?(?:notes?|section|chapter|appendix) (?:later|below|above)\b",
        ),
        (("example from before",), r"\bexample from before\b"),
        (
            ("above", "below", "earlier", "later"),
            r"\b(?:mentioned|described|discussed|explained|shown|covered|detailed)\s+"
            r"(?:in\s+(?:the\s+)?(?:[\w-]+\s+){0,3}section\s+)?(?:above|below|earlier|later)\b",
        ),
        (
            ("next", "following", "previous", "as follows"),
            r"\bin the (?:next|following|previous) (?:section|chapter|part)\b"
            r"|\bthe following (?:line|lines|code|snippet|example|command|commands|screenshot)\b"
            # "All you have to do is pay close attention to the following.": what the page lists
            r"|\b(?:the following|as follows)\s*[.!]$",
        ),
        (
            ("as you can see",),
            r"\bas you can see (?:from|in|on) the (?:trailer|video|image|photo|picture|chart|graph"
            r"|map|screenshot|clip)\b|^as you can see,",
        ),
        (("watch the",), r"\bif you watch the (?:video|clip|talk)\b"),
        (("click",), r"\bclick (?:on )?(?:the )?(?:links?|here|through)\b"),  # a link's call
        (  # "Here, four notable economists share their views…", "Here's proof.": what follows
            ("here",),
            r"^here,\s+(?:[\w'’-]+\s+){1,4}(?:share|give|offer|explain|tell|weigh|pick)s?\b"
            r"|^here['’]s\s+(?:proof|a\s+look|how|what)\b",
        ),
        (  # "Ahead, she shares the five biggest mistakes…": the page's slides below
            ("ahead", "below"),
            r"^(?:ahead|below),\s+(?:[\w'’-]+\s+){0,4}(?:share|give|offer|explain|tell|reveal"
            r"|break|round|list|show|walk)s?\b",
        ),
        (
            ("bottom of", "top of"),
            r"\bat the (?:bottom|top) of (?:the|this) (?:page|post|screen|report)\b",
        ),
        (
            ("listed", "shown", "described", "outlined", "summari"),
            r"\b(?:are|is) (?:listed|shown|described|outlined|summari[sz]ed)"
            r" (?:here|below|above)\b",
        ),
        (
            (" is above", " are above", " is below", " are below"),
            r"\b(?:videos?|slides?|photos?|images?|gallery|charts?|maps?|statement|letter|text"
            r"|list|transcript|ruling|document|tweets?|posts?|interview)"
            r"(?: (?:of|from) [^.!?]{1,40})? (?:is|are) (?:above|below)\b",
        ),
        (  # "以下の 2つのプロジェクトは…" (the following two projects), "上記の" (the above)
            ("以下の", "下記", "上記", "下図", "上図", "次のような"),
            r"以下の|下記の?|上記の?|下図|上図|次のような",
        ),
        (  # "Be sure to check out the weekly address…", "Take a look at their videos.", "Take
            # a look at how Kaycee's kitchen looks now." (the photos)
            ("check out", "take a look", "have a look", "don't miss", "watch"),
            r"^(?:be sure to|make sure to|don't forget to|don't miss)\b"
            r"|^(?:take|have) a look at (?:their|our|the|this|these|his|her|how|what|it|them)\b",
        ),
        (  # "siehe Infos unten", "voir ci-dessous", "ver abajo": the page's other parts
            ("unten", "oben", "ci-dessous", "ci-dessus", "abajo", "arriba"),
            r"\bsiehe\s+(?:\S+\s+){0,2}(?:unten|oben)\b"
            r"|\b(?:weiter\s+)?(?:unten|oben)\s+(?:findest|finden|siehst|sehen|gibt)\b"
            r"|\bvoir\s+(?:\S+\s+){0,2}(?:ci-dessous|ci-dessus)|\bver\s+(?:\S+\s+){0,2}(?:abajo|arriba)\b",
        ),
        (  # a link's call: "Mehr dazu hier!", "Alle weiteren Informationen … findet ihr hier."
            ("hier", "here", "ici", "aquí"),
            r"^(?:(?:(?:alle|weitere|mehr)(?:\s+\S+){0,2}?\s+)?(?:infos?|informationen|details"
            r"|tipps|dazu|bilder|fotos|videos)\b[^.!?]{0,80}"
            r"|[^.!?]{0,80}\b(?:findet ihr|finden sie|findest du|gibt es|lest|lesen sie|klickt?"
            r"|click|find out more|read more|learn more|more info\w*|plus d'info\w*"
            r"|más información)\b[^.!?]{0,40})\s(?:hier|here|ici|aquí)\s*[.!]*$",
        ),
        (  # a link's call: "You can read the full report here.", "…, take a look at our
            # official review here." (not "We want to see change here.")
            ("here",),
            r"(?:^|,\s+)(?:(?:you\s+can|you['’]ll|be\s+sure\s+to|make\s+sure\s+to)\s+)?"
            r"(?:read|see|check\s+out|take\s+a\s+look\s+at|have\s+a\s+look\s+at|watch|listen\s+to"
            r"|view|download)\b[^.!?,]{0,60}\s(?:over\s+)?here\s*[.!]*$",
        ),
        (("pictured",), r"\(pictured(?: (?:below|above|here))?\)|\bpictured (?:below|above)\b"),
        (  # "詳細は以下から。", "詳しくは下記をご覧ください。": the page's details below
            ("以下", "下記"),
            r"^(?:詳細|詳しく|続き)は(?:以下|下記)(?:から|で|に|をご覧|を参照|のとおり)",
        ),
        (  # "Explore a larger collection of Livschitz's projects on Instagram and Vimeo.", "You
            # also might enjoy this music video…": the artist's other pages, the site's other posts
            ("instagram", "vimeo", "behance", "youtube", "website", "etsy", "enjoy", "like"),
            r"^(?:explore|see|find|discover|check out|browse|follow|view)\b[^.!?]{0,80}\b(?:more"
            r"|collection|work|projects|portfolio)\b[^.!?]{0,60}\bon\s+(?:(?:his|her|their)\s+)?"
            r"(?:instagram|vimeo|behance|youtube|website|site|shop|etsy)\b"
            r"|^you\s+(?:also\s+(?:might|may)|(?:might|may)\s+also)\s+(?:enjoy|like)\b",
        ),
        (  # where else to hear it: "The MP3 version of this podcast is designed to play on…",
            # "You can also hear the podcast on iTunes and on Deadline's SoundCloud page."
            ("version of this", "itunes", "soundcloud", "spotify", "stitcher", "apple podcasts"),
            r"^(?:the\s+)?(?:mp3|m4a|aac|audio|video|hd)\s+version\s+of\s+this\s+(?:podcast|episode|show)\b"
            r"|^you\s+can\s+(?:also\s+)?(?:hear|listen\s+to|find|download|subscribe\s+to|stream)"
            r"\s+(?:the|this|our|each|every)\s+(?:\w+\s+)?(?:podcast|episode|show)s?\b[^.!?]{0,20}"
            r"\bon\s+(?:itunes|apple|spotify|soundcloud|stitcher|google|youtube|our)\b",
        ),
        (  # "Check out the full statement below from ABC News."
            ("above", "below"),
            r"\b(?:check out|see|read|watch|view|listen to|take a look at|have a look at)\b"
            r"[^.!?]{0,60}\b(?:below|above)\b(?=\s*(?:[.,:;!?)]|$|from\b|for\b|in full\b))",
        ),
    )
)
_POINTER_WORDS = tuple(dict.fromkeys(word for words, _ in _POINTERS for word in words))
_POINT_HEADING = re.compile(
    r"\b(?:what (?:we|i|they|it) (?:changed|did|found|learned|learnt|built|decided)|what changes|"
    r"findings?|results?|key (?:points?|takeaways?|findings?|facts?)|takeaways?|why (?:it|this) "
    r"matters|the (?:upshot|bottom line|changes?)|conclusions?|outcomes?|impact|what'?s new|"
    r"what (?:it )?means|how it works|the verdict|verdict|lessons?(?: learned| learnt)?)\b",
    re.IGNORECASE,
)


# A reference back from inside a sentence: "We're OK with this.", "in these cases", "those
# changes". ("these days" is a time, not a reference.)
# Words after which "that" opens a clause ("found that by 2030…", "so that in the end…").
_CLAUSE_VERBS = frozenset(
    """so such now said says say found find finds showed shows show argued argues noted notes
    believe believes believed think thinks thought know knows knew hope hopes hoped expect
    expects expected means meant suggest suggests suggested reported reports announced claimed
    claims explained added warned estimated estimates predicted concluded revealed ensure
    ensures ensured clear is was are were""".split()  # noqa: SIM905
)
_INDEFINITE = re.compile(r"\b(?:[Aa]n?)\s+([a-z]{3,})\b")
# "a lot", "a number of", "a few": amounts and manners, not things brought in
_NOT_INTRODUCED = frozenset(
    """lot lots number few couple bit while kind sort way little great good new year day week
    month time result part""".split()  # noqa: SIM905
)
_FINDINGS_HEADING = re.compile(
    r"\b(?:what (?:we|i|they|it) (?:changed|found|learned|learnt)|findings|(?:key|main|our) "
    r"finding|results?|"
    r"key (?:points?|takeaways?|findings?)|takeaways?|why (?:it|this) matters|the verdict)\b",
    re.IGNORECASE,
)
_BACK_WORDS = (
    "this", "that", "these", "those", "former", "latter", "though", "therefore", "thus", "hence",
    "then,", " then ", " ones", "est ", "most ", "other hand", "however", "contrast", "meanwhile",
    "instead", "their part", ", too,", "inside", "aboard", " also ",
)  # fmt: skip  # one is needed
# Japanese and Chinese demonstratives inside a sentence: "こうした" (such), "これらの" (these)
_BACK_WORDS_CJK = (
    "こうした",
    "こういった",
    "このような",
    "これらの",
    "そうした",
    "そのような",
    "这些",
    "上述",
)
_REFERS_BACK = re.compile(
    r"\b(?:this|that|these|those)\s*[.!?]['\"’”)]*$|\b(?:these|those)\s+(?:[\d,]+\s+)?(?!days\b)[a-z]{3,}"
    r"|\bthis(?:\s*[,;:—]|\s+(?:for|as|is|was|will|would|can|could|should|has|had|because|but"
    r"|and|or|so|when|if|in|on|at|to|with|without|means|meant)\b)"
    r"|\bthe\s+(?:former|latter)\b"
    r"|,\s*though[.!?]$"  # "…more than a game console, though.": against what came before
    r"|,\s*(?:therefore|thus|hence|then),"  # "Lesson #1 is, therefore, …": concluded from before
    # "Verizon, on the other hand, was opposed", "The plan, however, …": set against what came
    # before, or added to it ("Comcast, too, …")
    r"|^.{1,80}?,\s*(?:on\s+the\s+other\s+hand|however|in\s+contrast|by\s+contrast|meanwhile"
    r"|instead|for\s+(?:their|his|her|its)\s+part|too),"
    # "the motion of this point", "supports this capability", "with that color": a thing named
    # before, which a post read alone has not named (not "this year", "this article")
    r"|(?<=\w )(?:this|with\s+that)\s+"
    rf"(?!(?:{_TIMES.replace(' ', '|')}|article|story|post|piece|page|site)\b)[a-z]{{3,}}"
    # "the really good ones", "those ones": things named before
    r"|\b(?:the|these|those)\s+(?:[a-z]+\s+){0,2}ones\b"
    # "that month", "at that time": a time told of before
    r"|\b(?:that|those)\s+(?:month|week|day|night|morning|afternoon|evening|year|summer|winter"
    r"|spring|autumn|season|decade|moment|time)s?\b"
    # "I thank RMS for taking that step": a step, a decision, a plan told of before
    r"|\bthat\s+(?:step|decision|move|idea|approach|argument|claim|effort|case|change|plan|problem"
    r"|question|issue)\b"
    # "Five people inside, some of them…", "Everyone aboard was…": inside a place told of before
    r"|^(?:[\w’'-]+\s+){1,3}(?:inside|aboard)(?=\s*[,;]|\s+(?:were|was|are|is|had|have)\b)"
    # "The simplest approach is…", "Among the biggest players was…": the best of a set told of
    # before
    r"|^(?:among\s+)?the\s+(?:[a-z]{2,}est|most\s+[a-z]+)\s+[a-z]+\s+(?:is|was|are|were)\b"
    # "Wang Yi had then said": then, at a time told of before
    r"|\b(?:had|has|was|were|would)\s+then\s+[a-z]{3,}"
    # "the location of that little treasure", "in that case": after a preposition, "that" is a
    # thing named before
    r"|\b(?:of|in|on|at|for|from|about|into|onto|over|under|behind|inside|to|with|by)\s+that\s+"
    r"(?!(?:is|was|it|they|he|she|we|you|i|the|a|an|there|this|of)\b)[a-z]{3,}"
    # "There are also small pockets…": more of what was told before
    r"|^there(?:\s+(?:are|is|was|were)|['’]s)\s+also\b"
    # "a conversation like that", "nothing like this before": like what was told before
    r"|\b[a-z]{3,}\s+like\s+(?:that|this)\b(?!\s+(?:of|in|is|was|one|has|had)\b)",
    re.IGNORECASE,
)
# "You can see that in coal's slide": "that" before a preposition is a thing said before,
# unless it opens a clause: after "so", "said", "found"… or before a year ("that in 2019…")
_THAT_BEFORE_PREPOSITION = re.compile(
    r"(\w+)\s+that\s+(?:in|as|by|from|into|through)\s+(?!\d)", re.IGNORECASE
)


def refers_back(text: str) -> bool:
    """Does ``text`` point, from inside, at something said before it ("We're OK with this.",
    "In these cases the …")? It then needs the sentence before, as an opening pronoun does."""
    if _has_any(text, _BACK_WORDS_CJK):
        return True  # "…の理由の一つは、こうした攻撃ツールの存在にある": these tools, named before
    folded = text.casefold()
    if not _has_any(folded, _BACK_WORDS):
        return False
    if _REFERS_BACK.search(text):
        return True
    return " that " in folded and any(
        m[1].casefold() not in _CLAUSE_VERBS for m in _THAT_BEFORE_PREPOSITION.finditer(text)
    )


def leans_back(text: str, before: frozenset[str] = frozenset()) -> bool:
    """Does ``text`` open by pointing at the sentence before it?

    True for a pronoun, demonstrative or connective opening ("He said…", "But by the third
    month…", "これは…"), "Many of them", a lower-case opening, a quote said by "she" or "he",
    and "The <noun> …"
    when the sentence before used
    that noun (``before``: its case-folded content words) or the noun usually refers back ("The
    company said…").
    """
    opening = text.lstrip(_OPENING_PUNCTUATION)
    if opening[:1].islower() or opening.startswith(_LEANING_PREFIXES):
        return True  # a lower-case opening continues a sentence cut before it
    words = [_stem(w) for w in _FIRST_WORDS.findall(opening[:80])[:3]]
    if not words:
        return False
    if words[0] in _DEICTIC and len(words) > 1 and words[1] in _TIME_WORDS:
        return False  # "This year's survey…": a time, not a reference
    if opening[:5].casefold() == "that " and len(words) > 1 and words[1] in _CLAUSE_SUBJECTS:
        return False  # "That you can picture a tarot card at all is due to…": a clause
    if words[0] in _DUMMY_SUBJECTS and _IMPERSONAL.match(opening):
        return False  # "Il me semble que…", "It is clear that…": the pronoun names nothing
    if words[0] in _INTERROGATIVES and _QUESTION.match(opening):
        return False  # "Which US town is popular with generals?" asks; it points at nothing
    if words[0] in _LEANING_WORDS or _attributed(opening) or _PART_OF.match(opening):
        return True
    if _THEN.match(opening):
        return True
    if (_EARLY_PRONOUN.match(opening) and not _CATAPHORA.match(opening)) or _ANSWERS.match(opening):
        return True
    if _GERMAN_TURN.match(opening):
        return True
    if words[0] in _OPENING_PREPOSITIONS:  # "Along with the patent came…"
        words = [_stem(w) for w in _FIRST_WORDS.findall(opening[:80])[:5]]
        words = words[next((i for i, w in enumerate(words) if w in _ARTICLES), len(words)) :]
    if words and words[0] in _ARTICLES and len(words) > 1:
        noun = words[1]
        return noun in _DEMONSTRATIVE_NOUNS or (len(noun) >= 4 and noun in before)
    return False


def _attributed(text: str) -> bool:
    """“…,” she said, in the first sentence of ``text`` (a post holds more than one, and "Dr.
    Okafor counted them. “They fly low,” she said." names her before the quote)."""
    found = _ATTRIBUTED.search(text)
    return found is not None and not _BREAK.search(_UNQUOTED.sub("", text[: found.start() + 1]))


def _stem(word: str) -> str:
    """ "It's" → "it", "they’ve" → "they": the word a contraction starts with, case-folded."""
    return word.casefold().split("'")[0].split("’")[0]


def turns(text: str) -> bool:
    """Does ``text`` open by turning against the sentence before ("But a new report calls that
    into question.")? After a lead that sets up a received idea, the turn is the news."""
    words = _FIRST_WORDS.findall(text.lstrip(_OPENING_PUNCTUATION)[:20])
    return bool(words) and _stem(words[0]) in _TURNS


def pronoun_before_name(text: str) -> bool:
    """Is someone "he" or "she" before the sentence names anyone ("In 1971 he began to sell…",
    "In 1961, having programmed the equations, he found…")? Then who was named before it.
    ("his or her" is anyone; a name earlier in the sentence, its first word included when that
    is no opening word, "Tillerson has faced criticism over his…", is the antecedent.)"""
    if _CATAPHORA.match(text):
        return False  # "While he doesn't buy halibut much, Bassi keeps…": he is Bassi
    for match in _NAME_OR_PRONOUN.finditer(_GENERIC_PRONOUN.sub("", text), 1):
        if match[0] in _CALENDAR:
            continue
        if not match[0].islower():
            return False  # a name comes first
        first = _FIRST_WORDS.match(text.lstrip(_OPENING_PUNCTUATION))
        return first is None or not _names_someone(first[0])
    return False


def _names_someone(word: str) -> bool:
    """Can a sentence's capitalised first word be a name ("Tillerson", "Gates’")? Not an opening
    word ("In", "Later"), a participle ("Having"), an adverb ("Clearly") or a pronoun."""
    bare = _stem(word)
    return (
        word[:1].isupper()
        and bare not in _SENTENCE_OPENERS
        and bare not in _LEANING_WORDS
        and not bare.endswith(("ing", "ed", "ly"))
    )


def names_again(text: str, before: str) -> bool:
    """Does ``text`` say "the <noun>" of something the sentence ``before`` brought in as "a
    <noun>" ("…the site of a mine…" then "100 men were employed at the mine's peak")? Then
    it needs that sentence: read alone, "the mine" is no mine the reader knows."""
    if "he " not in text or not (" a " in before or " an " in before or before[:2] in ("A ", "An")):
        return False  # no "the" here or no "a" before: the common case, at a fraction of the cost
    introduced = {m.casefold() for m in _INDEFINITE.findall(before)} - _NOT_INTRODUCED
    folded = text.casefold()
    return any(_says_the(folded, noun) for noun in introduced)


# "the balloons will…", "this discovery.": a noun heading its phrase after a definite
# determiner (followed by punctuation, a verb or a preposition, not by the noun it qualifies:
# "the financial statements" is about statements, not "financial")
_DEFINITE = re.compile(
    r"\b(?:[Tt]he|[Tt]his|[Tt]hese|[Tt]hose) ([a-z][a-z-]{2,})(?=(?:['’]s)?(?:[.,;:!?”\")]|$|"
    r" (?:is|are|was|were|will|would|had|has|have|could|can|may|might|did|does|in|on|at|to|for"
    r"|with|from|by|and|but|as|after|before|when|said|says|because|since|while|until|so|if)"
    r"\b(?!-)| [a-z]+ed\b))"
)
# things every reader knows without being told which: time, the page itself, the world at large
_KNOWN_TO_ALL = frozenset(
    """beginning bottom top middle end rest need next point road hour minute moment morning night
    week month year time past future subject post article story piece page video economy market
    internet world country public government people person nature issue question case fact idea
    number music weather help first same following other most way police military army courts
    court four five seven eight nine eleven twelve twenty thirty hundred thousand day sun sky sea
    air one two six ten web net age war""".split()  # noqa: SIM905
)


def things_named(text: str) -> list[str]:
    """The nouns ``text`` names as already known ("the balloons", "this discovery"), casefolded,
    other than things every reader knows (:data:`_KNOWN_TO_ALL`) and ones ``text`` itself
    brought in before ("the various loans… because the loans")."""
    if "he " not in text and "his " not in text and "hose " not in text:
        return []  # no determiner: the common case, at a fraction of the cost
    named = []
    for match in _DEFINITE.finditer(text):
        noun = match[1].casefold()
        if noun not in _KNOWN_TO_ALL and not names_noun(text[: match.start()].casefold(), noun):
            named.append(noun)
    return named


def noun_forms(noun: str) -> frozenset[str]:
    """A noun and its singular or plural ("balloons": "balloon")."""
    return frozenset({noun, noun[:-1] if noun.endswith("s") else noun + "s"})


def names_noun(folded: str, noun: str) -> bool:
    """Does casefolded ``folded`` name ``noun`` (or its singular or plural) as a whole word?"""
    return any(re.search(rf"\b{re.escape(form)}\b", folded) for form in noun_forms(noun))


def _says_the(folded: str, noun: str) -> bool:
    """Does ``folded`` say "the <noun>" as a whole word ("the mine's", not "the miner")?"""
    phrase = f"the {noun}"
    start = folded.find(phrase)
    while start >= 0:
        end = start + len(phrase)
        whole = (start == 0 or not folded[start - 1].isalnum()) and (
            end == len(folded) or not folded[end].isalpha()
        )
        if whole:
            return True
        start = folded.find(phrase, end)
    return False


def withholds(text: str, after: str) -> bool:
    """Does ``text`` set up what ``after`` reveals? "The most memorable moment wasn't the
    butterfly…" then "It was when I had three windows open…": posted alone, the setup is a
    teaser without its point."""
    return bool(_NEGATED.search(text)) and bool(_REVEAL.match(after.lstrip(_OPENING_PUNCTUATION)))


def is_fragment(text: str) -> bool:
    """No sentence punctuation at the end: a heading, a caption or a label read as a sentence
    (scripts that end sentences without punctuation, such as Thai, are exempt). Japanese or
    Chinese that ends on a Latin abbreviation ("…ストーン feat."), or on Latin punctuation with
    none of its own, is a label, not a sentence."""
    smiley = ends_unpunctuated(text)  # "…für euch :-)": its ")" closes no bracket
    text = text.rstrip().rstrip(_CLOSERS)  # "(… Netflix)" is a label; "(… ended.)" a sentence
    if text.endswith((".", "!", "?")) and not text.isascii() and _CJK_CHAR.search(text):
        own = any(mark in text for mark in "、。，！？")
        return bool(_LATIN_ABBREVIATION_END.search(text)) or not own
    ended = text.endswith(_SENTENCE_END) or smiley or ends_unpunctuated(text)
    return not ended and not _UNPUNCTUATED_SCRIPT.search(text)


def is_filler(text: str) -> bool:
    """Site furniture and throat-clearing that is never a key point ("Thanks for reading!", a
    caption's "图为…", a reference's "^ Lawler, Kelley (2014)"), a sentence that announces
    what follows ("Obama also said:") without it, a bracketed note, a quotation that does not
    say whose it is, a quote whose speaker is a bare surname ("…," Azzouz said), introduced
    somewhere else, a speaker list's titled name and role, a sentence pointing at a figure
    ("Figure 7 shows…", "the table below"), a hand-over to the next one ("That's not all."),
    and markup shown as text (an embed code, a player's "Loading...", a note marked "※")."""
    text = text.strip()
    if text.endswith((":", "：")) or _BY_SURNAME.search(text) or _BRACKETED.match(text):
        return True
    if text.startswith(_TITLES) and _TITLED_ROLE.match(text):
        return True  # a speaker list's "Prof. Dr. Caja Thimm, Professorin für…"
    if any(text.startswith(o) and text.count(o) > text.count(c) for o, c in _BRACKETS):
        return True  # a bracketed aside (a figure's caption, "{“Fluffier! Puffier!") cut up
    if text.startswith(_QUOTE_OPENING) and not _ATTRIBUTION.search(_UNQUOTED.sub("", text)):
        return True
    if not text.isascii() and any(
        close in text and text.count(close) > text.count(open_) for open_, close in _QUOTE_PAIRS
    ):
        return True  # the end of a quotation that began in an earlier sentence
    if text.count('"') % 2 or text.count("“") > text.count("„") + text.count("”"):
        return True  # half a quotation in straight quotes, or a German/Czech „…“ one
    if text.count("「") > text.count("」") or text.count("«") > text.count("»"):
        return True  # a quotation opened here and closed in a later sentence
    if points_elsewhere(text) or _captioned(text):
        return True
    if len(text.split()) <= _SET_UP_WORDS and _SET_UP.match(text):
        return True
    if ("<" in text and _MARKUP.search(text)) or (text.endswith(_DOTS) and _LOADING.search(text)):
        return True
    return bool(_FILLER.match(text.lstrip(_OPENING_PUNCTUATION)))


def _captioned(text: str) -> bool:
    """A photo's caption (:data:`_CAPTION`), looked for only when one of its verbs is there."""
    return _has_any(text, _CAPTION_VERBS) and bool(_CAPTION.search(text))


def begins_walkthrough(text: str) -> bool:
    """Does ``text`` begin a tutorial's walkthrough ("First things first: We began by…")? The
    introduction, which says what the article is about, has ended there."""
    return bool(_WALKTHROUGH.match(text.lstrip(_OPENING_PUNCTUATION)))


def sums_up(text: str) -> bool:
    """Does ``text`` open by naming what came before with a demonstrative and a noun ("But part
    of this success…")? At a paragraph's start, it sums up that paragraph."""
    return bool(_SUMS_UP.match(text))


def pronoun_among_first_words(text: str) -> bool:
    """Does a pronoun among ``text``'s first words stand for what the sentence before said? A
    single post's extra sentence, set apart from that sentence, would then say "it" of nothing
    (threads judge openings with :func:`leans_back`)."""
    return bool(_EARLY_SUBJECT.match(text))


def points_elsewhere(text: str) -> bool:
    """Does ``text`` point at a figure, elsewhere in the article or at the page?"""
    folded = text.casefold()
    if not _has_any(folded, _POINTER_WORDS):
        return False  # the common case, in one pass
    return any(_has_any(folded, words) and pattern.search(text) for words, pattern in _POINTERS)


def _has_any(text: str, words: tuple[str, ...]) -> bool:
    """Does ``text`` contain one of ``words``? Mapped over ``str.__contains__``: a third of
    what a generator costs, and the cue functions ask it of every sentence."""
    return any(map(text.__contains__, words))


def marks_the_point(heading: str | None) -> bool:
    """A section heading that says the section is what the article is about ("Findings")."""
    return bool(heading and _POINT_HEADING.search(heading))


def announces_findings(heading: str | None) -> bool:
    """A heading or title that says the article reports findings ("What we found", "Results",
    "3 surprising findings…"), not merely that it ends ("Conclusion")."""
    return bool(heading and _FINDINGS_HEADING.search(heading))
