"""Encodings: decoded exactly when the evidence is clear, never turned into mojibake."""

from __future__ import annotations

from pathlib import Path

import pytest

from posts import load_article
from posts.article import parse_article
from posts.errors import ArticleError

TEXT = "Crème brûlée à Zürich. Das Café öffnet um 9 Uhr, très tôt."
SMART = "It’s “quoted” — and costs €5… nothing more."


@pytest.mark.parametrize(
    ("encoded", "expected"),
    [
        pytest.param(TEXT.encode("utf-8"), TEXT, id="utf-8"),
        pytest.param(b"\xef\xbb\xbf" + TEXT.encode("utf-8"), TEXT, id="utf-8-bom"),
        pytest.param(TEXT.encode("utf-16"), TEXT, id="utf-16-bom-native"),
        pytest.param(b"\xff\xfe" + TEXT.encode("utf-16-le"), TEXT, id="utf-16-le-bom"),
        pytest.param(b"\xfe\xff" + TEXT.encode("utf-16-be"), TEXT, id="utf-16-be-bom"),
        pytest.param(TEXT.encode("utf-16-le"), TEXT, id="utf-16-le-no-bom"),
        pytest.param(TEXT.encode("utf-16-be"), TEXT, id="utf-16-be-no-bom"),
        pytest.param(TEXT.encode("utf-32"), TEXT, id="utf-32-bom"),
        pytest.param(TEXT.encode("latin-1"), TEXT, id="latin-1"),
        pytest.param(SMART.encode("cp1252"), SMART, id="windows-1252"),
    ],
)
def test_decoded_exactly(encoded: bytes, expected: str, tmp_path: Path) -> None:
    path = tmp_path / "article.txt"
    path.write_bytes(encoded)
    article = load_article(path)
    assert article.paragraphs == (expected,)


def test_crlf_and_cr_line_ends() -> None:
    article = parse_article(b"Heading line\r\n\r\nFirst paragraph here.\r\rSecond one.\r\n")
    assert article.title == "Heading line"
    assert article.paragraphs == ("First paragraph here.", "Second one.")


def test_a_stray_control_character_is_dropped() -> None:
    article = parse_article(b"Clean text with one stray \x1b escape in a long enough line.")
    assert article.paragraphs == ("Clean text with one stray escape in a long enough line.",)


def test_doubled_bom_is_not_text() -> None:
    assert parse_article("\ufeff\ufeffPlain words.".encode()).paragraphs == ("Plain words.",)


@pytest.mark.parametrize(
    "text",
    [
        "Le garçon a mangé une crème brûlée à l’hôtel. Où est-il ? Noël, naïve, cœur.",
        "Die Größe der Äpfel überrascht. Das Café öffnet um 9 Uhr.",
        "El niño comió piñas en el año pasado. ¿Qué más? ¡Pingüino!",
        "Não há coração sem emoção, diz o poeta. A lição de hoje está à mão de todos nós.",
        "Blåbærsyltetøy på brødskiva. Ærlig talt, det er godt.",
        "We met in Zürich, ate at a café in São Paulo and read a naïve essay.",
    ],
)
def test_western_windows_1252_is_read(text: str) -> None:
    assert parse_article(text.encode("cp1252")).paragraphs == (text,)


@pytest.mark.parametrize(
    ("text", "encoding"),
    [
        ("Příliš žluťoučký kůň úpěl ďábelské ódy. Čeština je krásná řeč.", "cp1250"),
        ("Příliš žlutoučký kůň úpěl ďábelské ódy. Čeština je krásná řeč.", "cp1250"),
        ("Zażółć gęślą jaźń. Łódź leży w Polsce.", "cp1250"),
        ("Árvíztűrő tükörfúrógép. Ő is jön, ű betű.", "cp1250"),
        ("Γειά σου κόσμε. Αυτό είναι ένα άρθρο.", "cp1253"),
        ("Merhaba dünya. Bu bir makale, güzel ve şık.", "cp1254"),
    ],
)
def test_other_code_pages_are_refused_not_garbled(text: str, encoding: str) -> None:
    with pytest.raises(ArticleError, match="neither UTF-8 nor clearly Latin-1"):
        parse_article(text.encode(encoding), source="x.txt")


_PAGE = (
    "{declaration}<html><head>{meta}<title>T</title></head><body><article><p>{text}</p>"
    "</article></body></html>"
)


@pytest.mark.parametrize(
    ("encoding", "declaration", "meta", "text"),
    [
        ("shift_jis", "", '<meta charset="Shift_JIS">', "今日は晴れです。明日は雨が降るでしょう。"),
        (
            "cp1250",
            "",
            '<meta http-equiv="Content-Type" content="text/html; charset=windows-1250">',
            "Příliš žluťoučký kůň úpěl ďábelské ódy. Čeština je krásná řeč.",
        ),
        ("cp1252", "", "<meta charset=iso-8859-1>", "It’s “quoted” — déjà vu for €5."),
        ("koi8_r", '<?xml version="1.0" encoding="KOI8-R"?>', "", "Привет, мир. Это статья."),
    ],
)
def test_html_declared_charset_is_honoured(
    encoding: str, declaration: str, meta: str, text: str
) -> None:
    page = _PAGE.format(declaration=declaration, meta=meta, text=text).encode(encoding)
    assert parse_article(page).paragraphs == (text,)


def test_declared_charset_that_does_not_fit_is_refused() -> None:
    page = _PAGE.format(declaration="", meta='<meta charset="utf-8">', text="Café crème.")
    with pytest.raises(ArticleError, match=r"^page.html is not valid UTF-8 \(bad bytes at offset"):
        parse_article(page.encode("cp1252"), source="page.html")
