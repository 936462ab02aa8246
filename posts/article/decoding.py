"""Turn an article's raw bytes into text, or refuse clearly.

A wrong guess would silently produce mojibake that then gets published, so every path either
decodes with good evidence (a BOM, valid UTF-8, a UTF-16 byte pattern, Western text that only
Windows-1252 explains) or raises :class:`ArticleError` naming the input.
"""

from __future__ import annotations

import codecs
import re

from posts.errors import ArticleError

_BOMS = (  # longest first: the UTF-32 LE BOM starts with the UTF-16 LE one
    (codecs.BOM_UTF32_LE, "utf-32-le"),
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)

_SIGNATURES = (  # common binary files people pass by mistake
    (b"%PDF-", "a PDF document"),
    (b"\x89PNG", "a PNG image"),
    (b"\xff\xd8\xff", "a JPEG image"),
    (b"GIF8", "a GIF image"),
    (b"PK\x03\x04", "a ZIP archive (or a .docx/.epub)"),
    (b"\x1f\x8b", "a gzip archive"),
)

# Characters a Western European text in Windows-1252/Latin-1 plausibly contains beyond ASCII.
_WESTERN = frozenset(
    "ÀÁÂÃÄÅÆÇÈÉÊËÌÍÎÏÐÑÒÓÔÕÖØÙÚÛÜÝÞßàáâãäåæçèéêëìíîïðñòóôõöøùúûüýþÿ"
    "ŒœŠšŽžŸƒ"
    "\u00a0¡¢£¤¥¦§¨©ª«¬\u00ad®¯°±²³´µ¶·¸¹º»¼½¾¿×÷"
    "€‚„…†‡ˆ‰‹‘’“”•–—˜™›"
)
# A valid multi-byte UTF-8 sequence inside bytes that are not UTF-8 overall: mixed encodings.
_UTF8_SEQUENCE = re.compile(
    rb"[\xc2-\xdf][\x80-\xbf]|[\xe0-\xef][\x80-\xbf]{2}|[\xf0-\xf4][\x80-\xbf]{3}"
)
# Control characters (Unicode category Cc) other than tab, newlines, vertical tab and form feed.
_CONTROL = re.compile(r"[\x00-\x08\x0e-\x1f\x7f-\x9f]")
_NON_ASCII = re.compile(r"[^\x00-\x7f]")
_SYMBOL_IN_WORD = re.compile(r"[^\W\d_][¹²³¼½¾¿§¤¦¨¯¸°±¬®©™ƒ†‡‰˜][^\W\d_]")
# Accented letters of the languages written in Windows-1252. A text's accented letters must fit
# one language, or two (a French article quoting German names); Icelandic's þ and ð only on their
# own, because Turkish in Windows-1254 shows up as exactly those (ş -> þ, ğ -> ð, ı -> ý).
# <meta charset=x>, <meta http-equiv=Content-Type content="text/html; charset=x">, <?xml encoding>
_CHARSET = re.compile(
    rb"""<meta[^>]*?charset\s*=\s*["']?([\w.:-]+)|<\?xml[^>]*?encoding\s*=\s*["']([\w.:-]+)""",
    re.IGNORECASE,
)
_SNIFF_BYTES = 4096
_ICELANDIC = frozenset("áéíóúýþæöð")
_ALPHABETS = tuple(
    frozenset(letters)
    for letters in (
        "àâæçéèêëîïôœùûüÿ",  # French
        "äöüßé",  # German
        "áéíóúñü",  # Spanish
        "áâãàçéêíóôõú",  # Portuguese
        "àèéìíîòóùú",  # Italian
        "áéèëïóöü",  # Dutch
        "àçéèíïòóúü",  # Catalan
        "æøåé",  # Danish, Norwegian
        "åäöéšž",  # Swedish, Finnish
        "äöüõšž",  # Estonian
    )
)
_LANGUAGE_SETS = (_ICELANDIC, *(a | b for a in _ALPHABETS for b in _ALPHABETS))
_MAX_ACCENTED_SHARE = 0.4  # of letters; mis-decoded Cyrillic/Greek is close to 1.0
_MAX_CONTROL_SHARE = 0.01  # more stray control characters than this means binary


def decode(data: bytes, name: str, charset: str | None = None) -> str:
    """Decode ``data`` (the bytes of ``name``) to text with Unix newlines.

    ``charset`` is an encoding declared outside the bytes (an HTTP header); a byte-order mark
    still wins over it, as in browsers.
    """
    for signature, what in _SIGNATURES:
        if data.startswith(signature):
            raise ArticleError(f"{name} is {what}, not a text, Markdown or HTML article")
    text = _decode_bytes(data, name, _codec(charset)).lstrip(
        "\ufeff"
    )  # a doubled BOM from a careless tool
    return _without_controls(text, name).replace("\r\n", "\n").replace("\r", "\n")


def _decode_bytes(data: bytes, name: str, declared: str | None = None) -> str:
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            return _strict(data[len(bom) :], encoding, name)
    if declared is not None:
        return _strict(data, declared, name)
    if b"\x00" in data:
        utf16 = _utf16_without_bom(data)
        if utf16 is None:
            raise ArticleError(
                f"{name} contains NUL bytes: it is binary, or UTF-16 without a byte-order mark "
                "(save it as UTF-8)"
            )
        return _strict(data, utf16, name)
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        pass
    declared = _declared_charset(data)
    if declared is not None:
        return _strict(data, declared, name)
    return _western(data, name)


def _declared_charset(data: bytes) -> str | None:
    """The charset an HTML or XML document names for itself, as a Python codec."""
    match = _CHARSET.search(data[:_SNIFF_BYTES])
    return _codec((match.group(1) or match.group(2)).decode("ascii")) if match else None


def _codec(label: str | None) -> str | None:
    """A charset label as a Python codec; Latin-1 and ASCII labels mean Windows-1252, as they do
    in every browser (WHATWG Encoding)."""
    if not label:
        return None
    try:
        codec = codecs.lookup(label.strip()).name
    except LookupError:
        return None
    return "cp1252" if codec in ("iso8859-1", "latin-1", "ascii") else codec


def _strict(data: bytes, encoding: str, name: str) -> str:
    try:
        return data.decode(encoding)
    except UnicodeDecodeError as exc:
        raise ArticleError(
            f"{name} is not valid {encoding.upper()} (bad bytes at offset {exc.start})"
        ) from None


def _utf16_without_bom(data: bytes) -> str | None:
    """Name the UTF-16 byte order if NUL bytes sit where mostly-ASCII UTF-16 puts them."""
    if len(data) < 4 or len(data) % 2:
        return None
    even, odd = data[0::2], data[1::2]
    half = len(data) // 2
    even_nuls, odd_nuls = even.count(0) / half, odd.count(0) / half
    if odd_nuls > 0.3 and even_nuls < 0.05:
        return "utf-16-le"
    if even_nuls > 0.3 and odd_nuls < 0.05:
        return "utf-16-be"
    return None


def _western(data: bytes, name: str) -> str:
    """Decode Windows-1252 (Latin-1's printable superset) only when it is clearly right."""
    refusal = ArticleError(
        f"{name} is neither UTF-8 nor clearly Latin-1/Windows-1252 text; "
        "save it as UTF-8 and try again"
    )
    if _UTF8_SEQUENCE.search(data):  # mixed encodings, or an East Asian legacy encoding
        raise refusal
    try:
        text = data.decode("cp1252")
    except UnicodeDecodeError:
        raise refusal from None
    if not _plausibly_western(text):
        raise refusal
    return text


def _plausibly_western(text: str) -> bool:
    """Would a Western European writer have typed this? Other legacy code pages decoded as
    Windows-1252 give symbols inside words (Polish "³" for "ł"), letters no language pair uses
    together (Czech "ø", "ì", "ù", "š"), or text that is nearly all accented letters (Cyrillic)."""
    extra = _NON_ASCII.findall(text)
    if any(ch not in _WESTERN for ch in extra) or _SYMBOL_IN_WORD.search(text):
        return False
    letters = sum(ch.isalpha() for ch in text)
    accented = {ch.lower() for ch in extra if ch.isalpha()}
    if letters == 0 or sum(ch.isalpha() for ch in extra) / letters > _MAX_ACCENTED_SHARE:
        return False
    return any(accented <= letters for letters in _LANGUAGE_SETS)


def _without_controls(text: str, name: str) -> str:
    """Drop a few stray control characters; refuse text that is full of them (binary)."""
    cleaned, count = _CONTROL.subn("", text)
    if count > max(1, len(text) * _MAX_CONTROL_SHARE):
        raise ArticleError(f"{name} looks binary (it contains control characters), not text")
    return cleaned
