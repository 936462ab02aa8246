"""Which script a page's language is written in, for the languages not written in Latin letters.

A Korean page whose first paragraph has no Hangul in it is not opening its story: it is a
figure's English caption ("Shaded regions represent 95% confidence intervals…") or a credit.
"""

from __future__ import annotations

import regex

_SCRIPTS = {
    "ja": r"[\p{Han}\p{Hiragana}\p{Katakana}]",
    "zh": r"\p{Han}",
    "ko": r"\p{Hangul}",
    "th": r"\p{Thai}",
    "ar": r"\p{Arabic}",
    "fa": r"\p{Arabic}",
    "ur": r"\p{Arabic}",
    "he": r"\p{Hebrew}",
    "el": r"\p{Greek}",
    "hi": r"\p{Devanagari}",
    "ru": r"\p{Cyrillic}",
    "uk": r"\p{Cyrillic}",
    "bg": r"\p{Cyrillic}",
    "sr": r"\p{Cyrillic}",
}
_COMPILED = {code: regex.compile(pattern) for code, pattern in _SCRIPTS.items()}
# kana, CJK ideographs, Hangul, Thai: scripts written without spaces between words
SPACELESS = regex.compile(r"[\u3040-\u30ff\u3400-\u9fff\uac00-\ud7af\u0e00-\u0e7f]")
# a pictograph (emoji, ☀, ✔) with its emoji-style selector, as a pattern to build on
EMOJI = "[\U0001f300-\U0001faff\u2600-\u27bf]\ufe0f?"


def written_apart(text: str, lang: str | None) -> bool:
    """Is ``text`` without a single letter of the script ``lang`` is written in (Latin-script
    languages and undeclared ones never are)?"""
    code = (lang or "").casefold().replace("_", "-").split("-")[0]
    script = _COMPILED.get(code)
    return script is not None and script.search(text) is None
