"""Recognise the furniture around an article, each kind by a named rule.

Related posts, share and subscribe prompts, cookie notices, navigation rows, bylines and
datelines, reading-time lines, promos, reprint and comment-policy notices, photo credits,
embedded social posts, affiliate "buy at" lines. Only short blocks are judged (a real paragraph
that happens to start with "Read more" survives), and a boilerplate heading drops everything
under it until the next heading of the same or higher rank, which is how "Related Posts" lists,
comment sections and press releases' "About <company>" trailers are laid out. The rule's name
travels with what it removed, so ``herald format --explain`` and the JSON output can list it.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from posts.article.item_names import MINOR_WORDS

_MAX_WORDS = 30  # longer paragraphs are content, whatever they start with
_BYLINE_WORDS = 14  # a byline with its date and desk; a longer line says more
_MENU_WORDS = 20  # a run of capitalised labels this long is a menu, not a sentence …
_MENU_SHARE = 0.9  # … when this share of its words are capitalised
_RUN_WORDS, _RUN_SHARE, _RUN_ENDS = 200, 0.58, 0.07  # a page run together: see _is_menu
_MENU_LABELS = 5  # or this many short labels set apart by "·", "|" or "•"
_TOPIC_LABEL = re.compile(
    r"(?i)(?:read\s+more|more\s+(?:on|about)|tags?|tagged(?:\s+with)?|(?:related\s+)?topics?"
    r"|filed\s+under|keywords|categories)\s*:\s*"
)
_TOPICS, _TOPIC_WORDS = 3, 6  # a topic list names at least three, each in a few words
_MENU_SEPARATOR = re.compile(r"\s[·|•]\s|^[·|•]\s")

# Headings after which pages list other posts or comments rather than the article.
_TRAILERS = re.compile(
    r"""^(?:
        related(?:\s+(?:posts?|articles?|stories|reading|content|links))?
      | you\s+(?:may|might)\s+also\s+like|more\s+(?:from|like\s+this|stories|posts)\b.*
      | recommended(?:\s+(?:posts?|articles?|stories|for\s+you))?
      | (?:popular|trending|latest)\s+(?:posts?|articles?|stories)
      | leave\s+a\s+(?:reply|comment)|comments?|\d+\s+comments?|responses?
      # the same in German, French and Spanish: "Ähnliche Beiträge", "Schreibe einen Kommentar",
      # "À lire aussi", "Laisser un commentaire", "Artículos relacionados", "Deja un comentario"
      | (?:ähnliche|verwandte|weitere|beliebte|neueste)\s+(?:beiträge|artikel|posts?)
      | (?:das|dies)\s+könnte\s+(?:dich|sie|euch)\s+auch\s+interessieren|auch\s+interessant
      | mehr\s+zum\s+thema|kommentare|\d+\s+kommentare?
      | (?:schreibe|hinterlasse|schreib)\s+einen\s+kommentar|kommentar\s+(?:schreiben|verfassen)
      | articles?\s+(?:similaires|liés|connexes)|(?:à\s+)?lire\s+aussi|sur\s+le\s+même\s+sujet
      | vous\s+aimerez\s+aussi|commentaires|\d+\s+commentaires?|laisser\s+un\s+commentaire
      | (?:artículos|noticias|entradas)\s+relacionad[oa]s|(?:también\s+)?te\s+puede\s+interesar
      | comentarios|\d+\s+comentarios?|deja\s+(?:un|tu)\s+comentario
      # Japanese: "関連エントリ" (related entries), "オススメサイト" (recommended sites)
      | 関連(?:エントリー?|記事|ニュース|リンク)|人気の?(?:記事|エントリー?)
      | (?:オススメ|おすすめ|お勧め)の?(?:サイト|記事|エントリー?)
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
      | about\s+the\s+author|advertisements?|sponsored(?:\s+(?:content|links?))?|permalink
      | スポンサー(?:ド)?\s*リンク|広告
      | previous|next|prev|(?:previous|next)\s+(?:slide|photo|image|page)s?
      | media\s+contacts?|press\s+contacts?|for\s+more\s+information|forward-looking\s+statements
      | (?:diesen\s+(?:beitrag|artikel)\s+)?teilen|schlagwörter|kategorien|beitrags-?navigation
      | partager(?:\s+(?:cet|sur)\b.*)?|compartir(?:\s+(?:en|este)\b.*)?|etiquetas|étiquettes
    )\s*:?$""",
    re.IGNORECASE | re.VERBOSE,
)
# "About Acme Corp": a press release's trailer about the issuer (a capitalised name, not "About
# the study"); matched case-sensitively.
_ABOUT = re.compile(r"^About\s+(?!the\b|this\b|these\b|our\b|us\b|me\b)[A-Z][\w&.,'’ -]{1,60}:?$")
# Paragraphs that are furniture by their first words.
_OPENINGS = re.compile(
    r"""^(?:
        (?:related\s+(?:posts?|articles?|stories)|you\s+(?:may|might)\s+also\s+like)\b
      | (?:related|see\s+also|also\s+read)\s*:
      | (?:lesen\s+sie\s+auch|lies\s+auch|siehe\s+auch|(?:à\s+)?lire\s+aussi|lee\s+también
        |lea\s+también|ver\s+también)\s*:
      | (?:weiterlesen|lire\s+la\s+suite|leer\s+más|seguir\s+leyendo)\b
      | share(?:\s+(?:this|on|via)\b|\s*:)
      | (?:subscribe|sign\s+up|join)\b.*\b(?:newsletter|inbox|updates|mailing\s+list)\b
      | subscribe\b
      | (?:read\s+more|continue\s+reading|click\s+here\s+to\s+read|read\s+the\s+full)\b
      | (?:previous|next)\s+(?:post|article|story)\b
      | (?:nächster|vorheriger|neuerer|älterer)\s+(?:beitrag|artikel|post)\b
      | zurück\s+zur\s+(?:übersicht|startseite)\b|(?:artikel\s+)?drucken$|druckversion$
      | (?:teilen\s+mit|gefällt\s+mir|compartir\s+esto|me\s+gusta|j[’']aime)\s*:
      | (?:gefällt\s+mir|j[’']aime|me\s+gusta)\s+(?:wird\s+geladen|chargement|cargando)
      | (?:deine|ihre|votre|tu|su)\s+(?:e-?mail-?adresse|adresse\s+e-?mail|adresse\s+de
        \s+messagerie|dirección\s+de\s+correo(?:\s+electrónico)?)\s+(?:wird|ne\s+sera|no\s+será)
      | erforderliche\s+felder\s+sind|(?:les\s+)?champs\s+obligatoires\s+sont
      | los\s+campos\s+obligatorios\s+están
      | (?:dieser\s+eintrag\s+wurde\s+)?veröffentlicht\s+(?:in|unter)
        \s+(?!der\b|dem\b|den\b|einer?\b)
      | (?:abonnieren\s+sie|abonniere|melde\s+dich|melden\s+sie\s+sich)\b.{0,60}\bnewsletter\b
      | (?:schlagwörter|schlagworte|kategorien|kategorie|stichwörter)\s*:
      | alle\s+rechte\s+vorbehalten|tous\s+droits\s+réservés|todos\s+los\s+derechos
        \s+reservados
      | (?:previous|next)\b.{0,200}\bslide\s?show\b
      | (?:posted|filed)\s+(?:in|under)\b
      | (?:topics|tags|tagged|categories|keywords)\s*:
      | recommend\s+this\s+(?:article|story|post)\b
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
# A review's note on its free copy: "Vielen Dank an den Verlag für die Bereitstellung des
# Rezensionsexemplares.", "I received a review copy from the publisher."
_DISCLOSURE = re.compile(
    r"\b(?:rezensionsexemplar\w*|review\s+cop(?:y|ies)|advance\s+reader\s+cop(?:y|ies)"
    r"|(?:exemplaire|service)\s+de\s+presse|ejemplar\s+de\s+prensa)\b"
    r"|\b(?:hat|haben)\s+keinen?\s+(?:auswirkungen|einfluss)\s+auf\s+meine\b"
    r"|\bdoes\s+not\s+(?:affect|influence)\s+my\s+(?:opinion|review)\b",
    re.IGNORECASE,
)
# The author's disclaimer set as a paragraph of its own: "This is solely my opinion. Every person
# is different…", "Disclaimer: …", "This post contains affiliate links." (no lead, no point)
_DISCLAIMER = re.compile(
    r"^(?:disclaimer\s*:|haftungsausschluss\s*:|this\s+is\s+(?:solely\s+|just\s+|only\s+"
    r"|simply\s+|purely\s+)?my\s+(?:own\s+|personal\s+)?opinion\b|(?:the\s+)?(?:views|opinions)"
    r"\s+expressed\s+(?:here|in\s+this)|this\s+(?:post|article|page)\s+(?:contains"
    r"|may\s+contain)\s+affiliate\s+links)",
    re.IGNORECASE,
)
# who checked the page: "Written or reviewed by a board-certified physician.", "Medically reviewed
# by Dr. Ann Lee" (the site's note on every page, not the article's words)
REVIEWED_BY = (
    r"(?:medically\s+reviewed|written\s+(?:or|and)\s+reviewed|reviewed\s+(?:or|and)\s+written"
    r"|fact[- ]checked)\s+by\s+"
)
# or a listing's note that the site's editors have yet to check it: "This casting/job notice is
# still under review by Backstage's editors."
_REVIEW_NOTE = re.compile(
    rf"^(?:{REVIEWED_BY}|this\s+[\w/ -]{{1,30}}\s+is\s+(?:still\s+)?under\s+review\b)",
    re.IGNORECASE,
)
_REVIEW_NOTE_WORDS = 25
_DISCLAIMER_WORDS = 60  # a longer paragraph goes on to say something of its own
_NOTICE_OPENING = 80  # characters of a long paragraph where a cookie notice shows itself
# A site's cookie notice in German, French or Spanish: "Auf unserer Website werden Cookies …
# verwendet", "Diese Website verwendet Cookies", "Ce site utilise des cookies", "Utilizamos cookies"
_COOKIES = re.compile(
    r"\b(?:(?:unsere|diese)\s+(?:web)?(?:site|seite)\s+(?:verwendet|nutzt|benutzt)\s+cookies"
    r"|wir\s+(?:verwenden|nutzen|benutzen|setzen)\s+cookies"
    r"|(?:website|webseite|seite)\s+werden\s+cookies\b|einsatz\s+von\s+cookies"
    r"|cookies\s+(?:akzeptieren|zulassen)|(?:ce\s+site|nous)\s+utilis\w*\s+(?:des\s+)?cookies"
    r"|accepte[rz]\s+(?:les\s+)?cookies|(?:este\s+sitio(?:\s+web)?\s+)?utiliza(?:mos)?\s+cookies"
    r"|aceptar\s+(?:las\s+)?cookies)\b",
    re.IGNORECASE,
)
# "Home | About | Contact", "Facebook · X · Email": three or more short items and separators.
_NAVIGATION = re.compile(r"^[^|·•/]{1,25}(?:\s[|·•/]\s[^|·•/]{1,25}){2,}$")


_DATE_WORDS = (
    r"(?:jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*\.?"
    r"|(?:mon|tue|wed|thu|fri|sat|sun)[a-z]*\.?,?|\d{1,4}(?:st|nd|rd|th)?[,.:/-]?"
    r"|\d{1,4}(?:[/.:-]\d{1,4}){1,2}"
    r"|a\.?m\.?|p\.?m\.?|[ECMP][SD]T|GMT|UTC|BST|CET|CEST|ET|PT"
    r"|published|updated|posted|last|modified|on|at|de|le|am|um"
    # German, French and Spanish months and labels: "Veröffentlicht am 12. März 2019 von Anna"
    r"|januar|februar|märz|mai|juni|juli|oktober|dezember|janvier|février|mars|avril|juin"
    r"|juillet|août|septembre|octobre|novembre|décembre|enero|febrero|marzo|abril|mayo|junio"
    r"|julio|agosto|septiembre|octubre|noviembre|diciembre"
    r"|veröffentlicht|aktualisiert|stand|uhr|publié|publiée|publicado|actualizado"
)
_DATE_TOKEN = re.compile(rf"^(?:{_DATE_WORDS})$", re.IGNORECASE)
_HAS_DATE = re.compile(
    r"\b\d{1,2}:\d{2}\b|\b\d{4}\b|\b\d{1,2}/\d{1,2}/\d{2,4}\b"
    r"|\b(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.?\s+\d",
    re.IGNORECASE,
)
_BYLINE_TAIL = re.compile(
    r"\s*\b(?:[Bb]y|von|par|por)\s+[A-Z][\w.'’-]*(?:\s+[A-Z][\w.'’-]*){0,3}\s*$"
)
_BYLINE = re.compile(
    r"^(?i:(?:written|reviewed|medically\s+reviewed|story|words|text|reporting|photos?|posted"
    r"|published|submitted)\s+)?"
    r"(?i:by|von|par|por)\s+"
    r"(?:[A-Z][\w.'’-]*|de\b|van\b|von\b)(?:[\s,]+(?:[A-Z][\w.'’-]*|and|&|de|van|von|MD|PhD)){0,8}"
    r"(?:\s*[,|/–—-]\s*.{0,60})?(?:\s+on\s+.{0,40})?$"
    r"|^(?i:(?:staff|wire)\s+reports?|(?:the\s+)?associated\s+press|reuters|afp|ap)$",
)
_READING_TIME = re.compile(
    r"^(?:\d+\s*(?:-\s*)?min(?:ute)?s?\.?(?:\s+(?:read|de\s+leitura|de\s+lecture|lesezeit))?"
    r"|(?:estimated\s+)?(?:reading|read)\s+time|tempo\s+de\s+leitura|tiempo\s+de\s+lectura"
    r"|temps\s+de\s+lecture|lesezeit|tempo\s+di\s+lettura)\b[^.!?]{0,30}$",
    re.IGNORECASE,
)
_PROMO = re.compile(
    r"^(?:sign\s+up|subscribe|register\s+(?:now|for\s+free)|download\s+(?:the|our)\s+app"
    r"|keep\s+me\s+(?:up\s+to\s+date|updated|posted|informed)\b"  # a sign-up box's checkbox
    r"|follow\s+us\b|like\s+us\s+on|get\s+(?:the|our|\w+'s)\s.{0,60}\b(?:delivered|newsletter|inbox)"
    r"|want\s+more\s+.{0,40}\?\s*(?:sign|subscribe)|support\s+(?:our|independent)\s+journalism"
    # "Follow Newsbeat on Instagram, …", "Listen to Newsbeat live at 12:45 and 17:45 weekdays"
    r"|follow\s+(?:[\w@.'’-]+\s+){1,3}on\s+(?:instagram|facebook|twitter|youtube|tiktok"
    r"|snapchat|linkedin|bluesky|mastodon|threads)\b|(?:listen|tune\s+in)\s+to\s+(?-i:[A-Z])"
    r".{0,40}\s+live\s+(?:at|on|every)\b"
    # "Revivez le direct du vote…", "Suivez notre direct", "Sigue en directo…": live coverage
    r"|(?:revivez|suivez|retrouvez)\s+(?:le|notre|en)\s+direct\b|sigue\s+(?:el\s+|en\s+)?directo\b)"
    # "日経産業新聞をデジタルで読みませんか？": the paper's invitation to its digital edition
    r"|(?:デジタル|電子版|アプリ)で読みませんか"
    r"|\bdelivered\s+(?:straight\s+)?to\s+your\s+inbox\b"
    # "FA Insights is a daily newsletter from Business Insider that delivers…": the site's own
    r"|\bis\s+an?\s+(?:free\s+)?(?:daily|weekly|monthly)\s+newsletter\s+(?:from|by)\b"
    # "→ Welcome to Apartment Therapy's Best of 2014 roundup!", "From December 21 through
    # January 1 we are rounding up our favorite (and your favorite) posts…": the site's series
    r"|^\W*welcome\s+to\s+(?:the\s+)?[\w ]{1,40}['’]s\s+(?:best|top)\s+of\b"
    r"|\bwe\s+are\s+rounding\s+up\s+our\s+favou?rite\b"
    # "To learn more about each project (and see more pictures), click the links in the captions."
    r"|^(?:to\s+(?:learn|see|read|find\s+out)\s+more\b.{0,80},\s*)?click\s+(?:on\s+)?(?:the\s+)?"
    r"(?:links?|here|through)\b"
    # a call for readers' material: "Please share your videos, pictures and stories at iReport."
    r"|\bshare\s+your\s+(?:videos?|photos?|pictures?|images?|stories|experiences?)\b.{0,40}"
    r"\b(?:at|with|on|via)\b",
    re.IGNORECASE,
)
# A paywall's notice where the article should be: "有料会員の方のみご利用になれます",
# "This article is only available to subscribers".
_PAYWALL = re.compile(
    r"有料会員|会員限定|購読者限定|会員登録が必要|付费会员|订阅用户"
    r"|\b(?:this\s+(?:article|story|content)\s+is\s+(?:only\s+)?(?:available|reserved)\s+"
    r"(?:to|for)\s+(?:paid\s+)?(?:subscribers|members)|(?:subscribers|members)[\s-]only\b"
    r"|to\s+continue\s+reading,?\s+(?:please\s+)?(?:subscribe|log\s+in|sign\s+in)"
    r"|you(?:'|’)?ve\s+reached\s+your\s+(?:limit|maximum)|you\s+have\s+reached\s+your\s+"
    r"(?:limit|maximum))",
    re.IGNORECASE,
)
# The article's licence, its last line: "This work is licensed under a Creative Commons…",
# "この作品は クリエイティブ・コモンズ … ライセンスの下に提供されています。"
_LICENCE = re.compile(
    r"\b(?:licen[cs]ed\s+under|(?:available|published|released)\s+under)\s+(?:a|the)\s+"
    r"(?:creative\s+commons|cc[\s-]by|gnu|mit|apache)|クリエイティブ・コモンズ|知识共享",
    re.IGNORECASE,
)
_REPRINT = re.compile(
    r"\b(?:originally\s+(?:published|appeared)|(?:re)?printed\s+with\s+permission"
    r"|republished\s+(?:with|from|here)|this\s+(?:article|story|post)\s+(?:first\s+)?appeared"
    r"|reproduced\s+with\s+permission|appeared\s+first\s+on)\b"
    r"|転載・複製|無断転載|禁止转载|未经授权.{0,10}转载",  # "reprinting and copying…"
    re.IGNORECASE,
)
# A magazine's note on its print edition, however long: "This story appears in the January 2017
# issue of National Geographic magazine. Read the print version in stores December 27, …"
_PRINT_EDITION = re.compile(
    r"^(?:this\s+(?:article|story)\s+appears\s+in\s+the\s+.{1,40}\b(?:issue|edition)\b"
    r"|read\s+the\s+print\s+version\b)",
    re.IGNORECASE,
)
_COMMENT_POLICY = re.compile(
    r"\bcomments?\s+(?:are|is)\s+(?:moderated|closed|reviewed)|\bcomment(?:ing)?\s+(?:policy|guidelines)"
    r"|\bwe\s+(?:welcome|encourage)\s+(?:your\s+)?comments|\bcomments?\s+(?:have\s+been\s+)?disabled",
    re.IGNORECASE,
)
# The papers and agencies a photo is credited to: "Stephen Crowley/The New York Times", "Robert
# Yager for The New York Times", "Evan Vucci/AP"
_AGENCY = (
    r"(?:the\s+)?(?:new\s+york\s+times|washington\s+post|wall\s+street\s+journal|guardian"
    r"|associated\s+press|ap|reuters|afp|agence\s+france-presse|getty\s+images|bloomberg|epa"
    r"|european\s+pressphoto\s+agency|npr|bbc|cnn|los\s+angeles\s+times|chicago\s+tribune"
    r"|usa\s+today|corbis|shutterstock|zuma\s+press|polaris|redux)"
)
_PHOTOGRAPHER = rf"[A-Z][\w.'’-]+(?:\s[A-Z][\w.'’-]+){{1,3}}\s*(?:/\s*|\s+for\s+)(?i:{_AGENCY})"
_CREDIT = re.compile(
    r"^\(?(?:all\s+)?(?:top\s+|lead\s+)?(?:photos?|images?|pictures?|illustrations?|graphics?|video"
    r"|bild|bilder|fotos?|grafik|quelle|crédits?)"
    r"(?:\s+credits?)?\s*:\s*[^.!?]{0,80}\)?$"
    r"|^(?:credit|source)s?\s*:\s*[^.!?]{0,80}$"
    r"|^\(?(?:getty\s+images|ap\s+photo|reuters|afp|shutterstock)\b[^.!?]{0,60}\)?$"
    # "(Mike Cason/mcason@al.com)", "(Jane Doe/AP)": a photographer and their paper or agency
    r"|^\([^()/\s][^()/]{1,60}/[^()/\s][^()/]{0,60}\)$",
    re.IGNORECASE,
)
_PHOTO_CREDIT = re.compile(rf"^(?:Photo:\s*)?{_PHOTOGRAPHER}$")
# a picture's file name shown as a paragraph: "skimming scheme seized cash and cards.jpg"
_IMAGE_FILE = re.compile(r"^[^\n/]{1,120}\.(?:jpe?g|png|gif|webp)$", re.IGNORECASE)
# a shoot's credits, two or more: "Styling by Benjamin Sturgill. Grooming by Martin-Christopher
# Harper at Platform using Aveda. Casting by Edward Kim."
_ROLE = (
    r"(?:(?:prop\s+|set\s+|fashion\s+)?styl(?:ing|ed)|grooming|hair(?:\s+and\s+make-?up)?"
    r"|make-?up|casting|manicure|photo(?:graph)?s|photography|photographed|illustrations?|text"
    r"|words|produced|production|set\s+design|(?:art|creative|fashion)\s+direction|video)"
)
_SHOOT_CREDITS = re.compile(rf"^(?:(?i:{_ROLE})\s+by\s+[A-Z][^.!?]{{1,80}}\.\s*){{2,}}$")
# a chart's source in capitals, with its notes on what it counts, however many: "SOURCE: Aviation
# Safety Network; ICAO. * Accidents refers to… Does not include corporate jet accidents."
_CHART_SOURCE = re.compile(r"^SOURCES?:\s.{0,400}$")
_EMBED = re.compile(
    r"pic\.twitter\.com/|—\s*[^—()]{1,60}\(@\w{1,30}\)\s+\w+\s+\d|a\s+post\s+shared\s+by\b"
    r"|view\s+this\s+post\s+on\s+instagram",
    re.IGNORECASE,
)
_EMBED_PLACEHOLDER = re.compile(r"^\[embed(?:ded\s+content)?\]$", re.IGNORECASE)  # "[Embed]"
# What a page shows a reader without JavaScript, in place of the article.
_NO_SCRIPT = re.compile(
    r"\bjavascript\s+is\s+(?:disabled|turned\s+off|not\s+(?:enabled|available))|\bplease\s+enable\s+javascript"
    r"|\bswitch\s+to\s+a\s+supported\s+browser|\byour\s+browser\s+(?:is\s+not|isn.t)\s+supported",
    re.IGNORECASE,
)
# A page's "report an error" box: "Select the text and press Ctrl+Enter…", "Ziņot par kļūdu".
_ERROR_REPORT = re.compile(
    r"\bctrl\s*\+\s*enter\b|\breport\s+(?:an?\s+)?(?:error|typo|mistake)s?\b|ziņot\s+par\s+kļūdu"
    r"|сообщить\s+об\s+ошибке|nahlásit\s+chybu|zgłoś\s+błąd|fehler\s+melden",
    re.IGNORECASE,
)
# A site's appeal to readers who block its ads: "We Rely On Your Support: This site is primarily
# supported by advertisements…", "…our ad-free Phoronix Premium.", "…a tip via PayPal."
_AD_APPEAL = re.compile(
    r"^we\s+rely\s+on\s+your\s+support\b|\bsite\s+is\s+(?:primarily\s+|mainly\s+)?"
    r"(?:supported|funded)\s+by\s+(?:advertisements|ads|advertising)\b|\bads\s+are\s+what\s+"
    r"(?:have\s+)?(?:allowed|kept)\b|\bview\s+the\s+site\s+without\s+ads\b|\bad[\s-]?blocker\b"
    r"|\bconsider\s+a\s+tip\s+via\s+paypal\b|\bwhitelist(?:ing)?\s+(?:us|our\s+site)\b",
    re.IGNORECASE,
)
# A site's appeal for members or donations, however long: "Do stories and artists like this
# matter to you? Become a Colossal Member and support independent arts publishing. Join…"
_MEMBER_APPEAL = re.compile(
    r"^(?:do|does)\s+(?:stories|articles|reporting|journalism|work)\s+(?:and\s+\w+\s+)?like\s+"
    r"this\s+matter\s+to\s+you\?"
    r"|^become\s+an?\s+(?:[\w-]+\s+){0,2}(?:member|supporter|patron)\b.{0,60}\bsupport\b"
    r"|^(?:please\s+)?support\s+(?:our\s+)?independent\s+(?:\w+\s+)?(?:journalism|publishing"
    r"|media|reporting|news)\b",
    re.IGNORECASE,
)
# A site search box's own words: "You can also filter by categories", "Sorry, we didn't find
# anything.", WordPress's "Sorry, no posts matched your criteria."
_SEARCH_BOX = re.compile(
    r"^(?:you\s+can\s+(?:also\s+)?filter\s+by\s+(?:categor(?:y|ies)|tags?|date)"
    r"|sorry,?\s+(?:we\s+)?(?:didn[’']t|did\s+not|couldn[’']t|could\s+not)\s+find\s+anything"
    r"|sorry,?\s+no\s+(?:posts|results)\s+matched\s+your\s+criteria"
    r"|no\s+results\s+found|nothing\s+found)\W*$",
    re.IGNORECASE,
)
# A newsletter's sign-up confirmation: "…to confirm, check your e-mail", "…apstiprināt e-pastā".
_CONFIRM_SUBSCRIPTION = re.compile(
    r"(?=.*\b(?:subscri|newsletter|mailing\s+list|parakst|vēstkop|abonn|inscri))"
    r".*\b(?:confirm|apstiprin|bestätig|confirmer|confirmar)\w*\b.{0,60}\b(?:e-?mail|e-pastā|inbox)",
    re.IGNORECASE,
)
# An AngularJS/Vue/Handlebars expression left unrendered: "{{ a.b }}", "{{nrco.content.status ==="
_TEMPLATE = re.compile(r"\{\{\s*[\w$.]+(?:\s*(?:[|}]|===?|\?|\*|&&)|\.\w)")
# Video players' screen-reader text that extraction keeps (video.js and the like).
_PLAYER = re.compile(
    r"^(?:this\s+is\s+a\s+modal\s+window\.?|beginning\s+of\s+dialog\s+window\b.*"
    r"|end\s+of\s+dialog\s+window\.?|escape\s+will\s+cancel\s+and\s+close\s+the\s+window\.?"
    r"|this\s+video\s+(?:is\s+)?(?:unavailable|cannot\s+be\s+played)\b.*"
    # YouTube's player and watch page: "Loading...", "The interactive transcript could not be
    # loaded.", "Rating is available when the video has been rented."
    r"|loading\s*(?:\.\.\.|…)|the\s+interactive\s+transcript\s+could\s+not\s+be\s+loaded\.?"
    r"|rating\s+is\s+available\s+when\s+the\s+video\s+has\s+been\s+rented\.?"
    r"|this\s+feature\s+is\s+not\s+available\s+right\s+now\.?.*"
    r"|if\s+playback\s+doesn[’']t\s+begin\s+shortly\b.*|tap\s+to\s+unmute"
    r"|an\s+error\s+occurred\s+while\s+retrieving\s+sharing\s+information\b.*"
    r"|videos\s+you\s+watch\s+may\s+be\s+added\s+to\s+the\s+tv[’']s\s+watch\s+history\b.*"
    # WordPress PowerPress's links under its player: "Podcast: Play in new window | Download"
    r"|(?:podcast\s*:\s*)?play\s+in\s+new\s+window(?:\s*\|\s*(?:download|embed)\b[^|]{0,30})*)$",
    re.IGNORECASE,
)
_AFFILIATE = re.compile(
    r"^(?:\$|€|£)\s?\d[\d.,]*\s+(?:at|from|on)\s+\S|^(?:buy|shop|get\s+it)\s+(?:it\s+)?(?:now\s+)?"
    r"(?:at|on|from)\s+\S[^.!?]{0,40}$|^(?:see|check)\s+(?:the\s+)?(?:price|deal)s?\s+(?:at|on)\b",
    re.IGNORECASE,
)
# A discussion page's controls and counters: "2 more replies", "2.9k comments", "92% Upvoted",
# "1.1m", "This thread is archived".
_INTERFACE = re.compile(
    r"""^(?:
        [\d.,]+\s*[km]?
      | [\d.,]+[km]?\s+(?:more\s+)?(?:repl(?:y|ies)|comments?|points?|votes?|upvotes?)
      | \d+%\s+upvoted|archived|this\s+thread\s+is\s+archived
      | new\s+comments\s+cannot\s+be\s+posted\b.*
      | no\s+comments\s+yet
      | [\w-]+\s+(?:liked|reblogged|posted)\s+this(?:\s+from\s+[\w-]+)?|show\s+more\s+notes
    )$""",
    re.IGNORECASE | re.VERBOSE,
)
# A sign-in form's link: "Forgot your username or password ?"
_LOGIN_FORM = re.compile(
    r"^forgot\s+(?:your\s+)?(?:user\s?name|password|login)(?:\s+or\s+(?:user\s?name|password))?"
    r"\s*\??$",
    re.IGNORECASE,
)
# A comment thread's control ("133 more replies", or "Be the first to share what you think!"
# where there are none yet): the post's own text came before it; after it
# come comments and the community's sidebar, never the post.
_MORE_REPLIES = re.compile(
    r"^(?:[\d.,]+[km]?\s+more\s+repl(?:y|ies)"
    r"|be\s+the\s+first\s+to\s+(?:share\s+what\s+you\s+think|comment)\W*)$",
    re.IGNORECASE,
)
# Where a discussion page's sidebar begins: its community's card ("Community Details", the
# count of members "Online"); what follows is the community's blurb and rules, not the post.
_COMMUNITY_CARD = re.compile(
    r"^(?:community\s+details|about\s+(?:the\s+)?community|(?:members\s+)?online)$",
    re.IGNORECASE,
)

_SHORT_RULES: tuple[tuple[str, Callable[[str], bool]], ...] = (
    ("replies-control", lambda t: bool(_MORE_REPLIES.match(t))),
    ("interface", lambda t: bool(_INTERFACE.match(t))),
    ("login-form", lambda t: bool(_LOGIN_FORM.match(t))),
    ("community-card", lambda t: bool(_COMMUNITY_CARD.match(t))),
    ("byline", lambda t: is_byline(t)),  # defined below, with the public helpers
    ("dateline", lambda t: _is_dateline(t)),
    ("reading-time", lambda t: bool(_READING_TIME.match(t))),
    ("promo", lambda t: bool(_PROMO.search(t))),
    ("paywall", lambda t: bool(_PAYWALL.search(t))),
    ("reprint-notice", lambda t: bool(_REPRINT.search(t) or _PRINT_EDITION.match(t))),
    ("licence-notice", lambda t: bool(_LICENCE.search(t))),
    ("comment-policy", lambda t: bool(_COMMENT_POLICY.search(t))),
    (
        "photo-credit",
        lambda t: bool(_CREDIT.match(t) or _SHOOT_CREDITS.match(t) or _PHOTO_CREDIT.match(t)),
    ),
    ("image-file", lambda t: bool(_IMAGE_FILE.match(t))),
    ("embedded-post", lambda t: bool(_EMBED.search(t)) or is_embed_placeholder(t)),
    ("affiliate-link", lambda t: bool(_AFFILIATE.match(t))),
    ("video-player", lambda t: bool(_PLAYER.match(t))),
    ("error-report", lambda t: bool(_ERROR_REPORT.search(t))),
    ("newsletter-confirmation", lambda t: bool(_CONFIRM_SUBSCRIPTION.match(t))),
    ("search-box", lambda t: bool(_SEARCH_BOX.match(t))),
    ("ad-appeal", lambda t: bool(_AD_APPEAL.search(t) or _MEMBER_APPEAL.match(t))),
    ("related", lambda t: bool(_OPENINGS.match(t) or _ANYWHERE.search(t))),
    ("cookie-notice", lambda t: bool(_COOKIES.search(t))),
    ("disclosure", lambda t: bool(_DISCLOSURE.search(t))),
    ("disclaimer", lambda t: bool(_DISCLAIMER.match(t)) and len(t.split()) <= _DISCLAIMER_WORDS),
    ("review-note", lambda t: bool(_REVIEW_NOTE.match(t)) and len(t.split()) <= _REVIEW_NOTE_WORDS),
    ("navigation", lambda t: bool(_NAVIGATION.match(t))),
    ("furniture-heading", lambda t: is_boilerplate_heading(t)),
)
# WordPress and page-builder shortcodes written without attributes ("[caption]", "[/button]");
# any other bracketed word ("[python]", "[/bold]") is the author's text.
_SHORTCODES = (
    r"caption|gallery|embed|button|video|audio|playlist|contact-form(?:-7)?"
    r"|su_\w+|vc_\w+|et_pb_\w+|fusion_\w+"
)
# Inline furniture taken out of a kept paragraph: WordPress shortcodes, Reuters instrument codes,
# Wikipedia-style citation markers.
_MONTHS = (
    "January|February|March|April|May|June|July|August|September|October|November|December"
    "|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept?|Oct|Nov|Dec"
)
_INLINE: tuple[tuple[str, re.Pattern[str]], ...] = (
    (
        "shortcode",
        re.compile(
            r"\[/?[a-z][\w-]*(?:\s+[\w-]+=(?:\"[^\"]*\"|'[^']*'|[^\s\]]+))+\s*/?\]"
            rf"|\[/?(?:{_SHORTCODES})\]"
        ),
    ),
    (
        "wire-code",
        re.compile(r"\s*\((?:[A-Z0-9]{2,}=[A-Z]{0,3}|\.[A-Z]{2,5}|[A-Z]{1,6}\.[A-Z]{1,2})\)"),
    ),
    (
        "dateline",  # "WASHINGTON (Reuters) - ", "SEOUL, Aug. 20 (Yonhap) -- ", "May 7, 2015 -- "
        re.compile(
            r"^(?:[A-Z][A-Z.'’ -]{1,28}[A-Z.](?:,\s+[A-Z][\w.]+(?:\s+\d{1,2})?)?"
            r"(?:\s*\([\w .&]{2,30}\))?"
            r"\s*(?:--|—|–)|[A-Z][A-Z.'’ -]{1,28}[A-Z.]\s*\([\w .&]{2,30}\)\s*-"
            r"|[A-Z][A-Z.'’]+(?:\s[A-Z][A-Z.'’]+)+\s+-"  # "NEW ORLEANS - ": two words or more
            rf"|(?:{_MONTHS})\.?\s+\d{{1,2}},\s+\d{{4}}\s*(?:--|—|–))\s+(?=[A-Z“\"])"
            # "NEW YORK--Verizon…", "CHICAGO—Admitting…": unspaced
            r"|^[A-Z][A-Z.'’ ]{1,28}[A-Z.](?:--|—)(?=[A-Z][a-z])"
            # "(CNN)Winning the presidency…", "(AP) — The…", "(Reuters) - Google…": the outlet
            # alone, in brackets
            r"|^\((?:[A-Z]{2,6}|Reuters|Bloomberg|Yonhap|Xinhua)\)\s*(?:(?:--|—|–|-)\s*)?(?=[A-Z“\"])"
        ),
    ),
    # an aside pointing at a picture the post does not show: "(pictured next to Boomer, along
    # with a couple of friends)", "(left)", "(above)"
    (
        "picture-aside",
        re.compile(
            r"\s\((?:(?:pictured|shown)\b[^()]{0,80}|left|right|center|centre|above|below"
            r"|top|bottom|top left|top right|bottom left|bottom right|l|r)\)(?=[\s,.;:!?])",
            re.IGNORECASE,
        ),
    ),
    # a photo's credit glued to its caption: "Stephen Crowley/The New York TimesSenators…"
    ("photo-credit", re.compile(rf"^{_PHOTOGRAPHER}(?=[A-Z])")),
    (
        "citation-marker",
        re.compile(r"(?<=[\w.,;:)\"”\]])\[(?:\d{1,3}|citation needed|note \d+|edit)\]"),
    ),
    # a reference key ("…generic algorithms [Sutton15].", "…Specification (TS) [N4549], a…")
    ("citation-marker", re.compile(r"\s\[[A-Z][A-Za-z]{0,20}\d{2,4}[a-z]?\](?=[.,;:)]|$)")),
    ("footnote-marker", re.compile(r"(?<=[.!?\"”])\*{1,3}(?=\s|$)")),  # "restored.* This …"
    # a CMS's words for screen readers after a link (Drupal's "(link is external)")
    ("link-label", re.compile(r"\s?\((?:link is external|externer link|link ist extern)\)", re.I)),
    # a page reference after a citation's stop ("…previous loop.: 207 The list…")
    ("citation-marker", re.compile(r"(?<=[.!?])\s?:\s?\d{1,4}(?:[–-]\d{1,4})?(?=\s|$)")),
)


def boilerplate_rule(text: str) -> str | None:
    """The name of the rule that makes ``text`` (one paragraph) furniture, or None."""
    text = text.strip()
    if _is_menu(text):
        return "navigation"
    if is_no_script_notice(text):
        return "no-script-notice"
    if is_unrendered_template(text):
        return "template"
    if _CHART_SOURCE.match(text):
        return "photo-credit"
    if _is_topic_list(text):
        return "related"
    if len(text.split()) > _MAX_WORDS:
        if _AD_APPEAL.match(text) or _MEMBER_APPEAL.match(text):
            return "ad-appeal"  # "We Rely On Your Support: …", however long it runs
        if _PRINT_EDITION.match(text):
            return "reprint-notice"
        if _COOKIES.search(text[:_NOTICE_OPENING]):
            return "cookie-notice"  # a notice opening with it, however long it runs
        return "embedded-post" if _EMBED.search(text[-200:]) else None
    return next((name for name, rule in _SHORT_RULES if rule(text)), None)


# the writer introduced by their job, as a site's note under the story does ("Lucas Nolan is a
# reporter for Breitbart Tech…", "Shahien Nasiripour is the business reporter for…")
_AUTHOR_NOTE = re.compile(
    r"^[A-Z][\w.'’-]+(?:\s[A-Z][\w.'’-]+){0,3}\s(?:is|was)\s(?:a|an|the)\b[^.]{0,80}?"
    r"\b(?:reporter|writer|editor|correspondent|columnist|contributor|journalist|producer"
    r"|blogger|critic)\s(?:for|at|with|of|on)\b"
)


def is_author_note(text: str) -> bool:
    """A note introducing the article's writer by their job; only the last paragraphs can be one
    (mid-story, "Jane Doe is a reporter for the Times who…" is the story's)."""
    return bool(_AUTHOR_NOTE.match(text))


def is_byline(text: str) -> bool:
    """Who wrote it, perhaps with when and for whom ("By Jane Doe", "Posted by Aayush Gauba /
    DjangoCon US Organizers on July 13, 2026"), and nothing else."""
    return len(text.split()) <= _BYLINE_WORDS and bool(_BYLINE.match(text.strip()))


def is_photo_credit(text: str) -> bool:
    """Only whose picture it is ("(Bild: Gunnar Pippel/Shutterstock)", "Photo: AP"), not what it
    shows."""
    text = text.strip()
    return bool(_CREDIT.match(text) or _PHOTO_CREDIT.match(text))


def is_unrendered_template(text: str) -> bool:
    """Markup a script was meant to fill in, shown raw where the text should start:
    "{{nrco.contentDetailController.content.status === "published" ? …}}". A page served
    before its script ran has no article in it, only its template."""
    return bool(_TEMPLATE.match(text.strip()))  # prose may quote one: "Use {{ page.title }}…"


def _is_topic_list(text: str) -> bool:
    """The page's topics after a label, however many ("Read More: Federal Open Market Committee,
    Federal Reserve, …, Business News"): names set apart by commas, no sentence among them."""
    label = _TOPIC_LABEL.match(text)
    if label is None:
        return False
    topics = [topic.split() for topic in text[label.end() :].rstrip(".").split(",")]
    return len(topics) >= _TOPICS and all(
        0 < len(words) <= _TOPIC_WORDS and (words[0][:1].isupper() or words[0][:1].isdigit())
        for words in topics
    )


def _is_menu(text: str) -> bool:
    """A run of menu labels read as one paragraph ("Shop Subscribe Home Latest Politics Sports
    …"): many words, nearly all capitalised, hardly a comma (a list of titles has them)."""
    words = text.split()
    if len(words) < _MENU_WORDS:
        return False
    labels = [part.split() for part in _MENU_SEPARATOR.split(text) if part.strip()]
    if (
        len(labels) >= _MENU_LABELS
        and sum(len(label) <= 4 for label in labels) * 4 >= len(labels) * 3
    ):
        return True  # "· Want a reply? · The FAQ · News Forum · All Forums · RSS Headlines…"
    # arrows and brackets ("<< First Page", "November 2019 (1)") are neither labels nor prose,
    # nor are the small words a label keeps in lower case ("Making a House a Home")
    words = [
        word.lstrip("([<")
        for word in words
        if any(char.isalnum() for char in word) and word not in MINOR_WORDS
    ]
    capitalised = sum(1 for word in words if word[:1].isupper() or word[:1].isdigit())
    if len(words) >= _RUN_WORDS and capitalised >= _RUN_SHARE * len(words):
        # a whole page run together (a table layout, a topic page's menus and teasers read as
        # one block): long, mostly capitalised, hardly a sentence ending in it
        ends = sum(1 for word in words if word.endswith((".", "!", "?")))
        return ends <= _RUN_ENDS * len(words)
    return capitalised >= _MENU_SHARE * len(words) and text.count(",") * 10 < len(words)


# A label in capitals before a colon opening the article: "NEW DELHI: The…", a guest column's
# "JESSICA LIVINGSTON: The most…". Not a note's ("UPDATE:", "CORRECTION:": no key point), nor a
# chart's "SOURCE:"; and only the opening's: further down, "MARK BANNERMAN:" says who speaks.
_OPENING_LABEL = re.compile(
    r"^(?!(?:UPDATED?|CORRECTION|CLARIFICATION|EDITOR|NOTE|WARNING|SPOILER|SOURCES?|CREDITS?"
    r"|PHOTOS?|VIDEO|WATCH|RELATED|READ|LISTEN|SEE|ALSO)\b)"
    r"[A-Z][A-Z.'’-]+(?:\s[A-Z][A-Z.'’-]+){0,3}:\s+(?=[A-Z“\"])"
)


# A date before a colon or a dash opening the article: "December 28, 2014: Markets opened…",
# "28 December 2014 — …", "2014-12-28: …"; or only the dashes ("— -- Hillary Clinton has…")
_MONTH = (
    r"(?:Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?"
    r"|Sept?(?:ember)?|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)\.?"
)
_OPENING_DATE = re.compile(
    r"^(?:(?:Mon|Tues|Wednes|Thurs|Fri|Satur|Sun)day,?\s+)?"
    rf"(?:{_MONTH}\s+\d{{1,2}}(?:st|nd|rd|th)?,?\s+\d{{4}}|\d{{1,2}}\.?\s+{_MONTH}\s+\d{{4}}"
    r"|\d{4}-\d{2}-\d{2})\s*[:—–-]\s+(?=[A-Z“\"])"
    r"|^[—–-]+(?:\s+[—–-]+)*\s+(?=[A-Z“\"])"  # a dateline's dashes, its place left empty
)


def strip_opening_label(text: str) -> tuple[str, str | None]:
    """The article's first paragraph (or its description) without its dateline, its date or
    writer's label in capitals, and that label (None if there is none)."""
    found = _OPENING_LABEL.match(text) or _OPENING_DATE.match(text)
    return (text[found.end() :], found.group().strip()) if found else (text, None)


def strip_inline(text: str) -> tuple[str, tuple[tuple[str, str], ...]]:
    """``text`` without inline furniture, and (rule, removed text) for each piece taken out."""
    removed: list[tuple[str, str]] = []
    for name, pattern in _INLINE:
        found = pattern.findall(text)
        if found:
            removed.extend((name, piece.strip()) for piece in found)
            text = pattern.sub("", text)
    return (" ".join(text.split()), tuple(removed)) if removed else (text, ())


def _is_dateline(text: str) -> bool:
    """A line that is a date or time, perhaps with "Updated" or "by Name": nothing to post."""
    if len(text.split()) > 16 or not _HAS_DATE.search(text):
        return False
    words = _BYLINE_TAIL.sub("", text).replace("|", " ").replace("•", " ").split()
    return sum(1 for w in words if not _DATE_TOKEN.match(w.strip("()[],:;"))) <= 1


def starts_trailer(text: str) -> bool:
    """A heading after which pages list other posts or comments, not the article."""
    return bool(_TRAILERS.match(text.strip()))


def is_boilerplate_heading(text: str) -> bool:
    text = text.strip()
    return bool(_TRAILERS.match(text) or _FURNITURE.match(text) or _ABOUT.match(text))


def is_embed_placeholder(text: str) -> bool:
    """ "[Embed]": where an embedded post stood; set as a heading, it would name a list's item."""
    return bool(_EMBED_PLACEHOLDER.match(text))


def is_about_trailer(text: str) -> bool:
    """A press release's "About Acme Corp" heading: what follows describes the issuer."""
    return bool(_ABOUT.match(text.strip()))


def is_no_script_notice(text: str) -> bool:
    """What a page shows without JavaScript ("JavaScript is not available."), never its news."""
    return bool(_NO_SCRIPT.search(text))


def ends_article(rule: str | None) -> bool:
    """Furniture after which a page has only more furniture: the article's licence line, a
    discussion page's community card or its comment thread's "N more replies"."""
    return rule in ("licence-notice", "community-card", "replies-control")


def is_boilerplate_paragraph(text: str) -> bool:
    return boilerplate_rule(text) is not None
