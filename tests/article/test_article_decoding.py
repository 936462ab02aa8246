"""Encodings: decoded exactly when the evidence is clear, never turned into mojibake."""

from __future__ import annotations

from pathlib import Path

import pytest

from posts import load_article
from posts.article import parse_article

TEXT = "Crème brûlée à Zürich. Das Café öffnet um 9 Uhr, señor."
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
