"""Regenerate the data modules of posts/counting from the reference npm packages.

Installs twitter-text@3.1.0 (with twemoji-parser) and tlds@1.261.0 into a scratch directory
outside the repository, dumps their tables with dump.js under node, and writes tlds.py,
emoji_pattern.py, hashtag_chars.py and grapheme_data.py (the last from the pinned ``regex``
module). Run from the repository root, then run the tests and bench/check_conformance.py:

    .venv/bin/python tools/counting_tables/regen.py [--scratch /tmp/herald-tables-js]
"""

from __future__ import annotations

import argparse
import json
import re
import subprocess
import unicodedata
from collections.abc import Iterable
from pathlib import Path
from re import _constants as sre_constants  # type: ignore[attr-defined]
from re import _parser as sre_parser  # type: ignore[attr-defined]
from typing import Any

import regex

HERE = Path(__file__).resolve().parent
OUT = HERE.parents[1] / "posts" / "counting"
PACKAGES = ("twitter-text@3.1.0", "tlds@1.261.0")
Ranges = list[tuple[int, int]]


def dump(scratch: Path) -> dict[str, Any]:
    if not (scratch / "node_modules" / "twitter-text").is_dir():
        scratch.mkdir(parents=True, exist_ok=True)
        subprocess.run(
            ["npm", "install", "--no-save", "--prefix", str(scratch), *PACKAGES], check=True
        )
    done = subprocess.run(
        ["node", str(HERE / "dump.js"), str(scratch)], capture_output=True, text=True, check=True
    )
    tables: dict[str, Any] = json.loads(done.stdout)
    return tables


def escape(cp: int) -> str:
    return f"\\u{cp:04X}" if cp < 0x10000 else f"\\U{cp:08X}"


def char_class(ranges: Iterable[tuple[int, int]]) -> str:
    return "".join(
        escape(lo) if lo == hi else escape(lo) + ("-" if hi > lo + 1 else "") + escape(hi)
        for lo, hi in ranges
    )


def ranges_of(code_points: Iterable[int]) -> Ranges:
    out: list[list[int]] = []
    for cp in sorted(code_points):
        if out and out[-1][1] == cp - 1:
            out[-1][1] = cp
        else:
            out.append([cp, cp])
    return [(lo, hi) for lo, hi in out]


_TOKEN = re.compile(r"\\u([0-9a-fA-F]{4})|\[((?:\\u[0-9a-fA-F]{4}|-)+)\]|(\\.|.)", re.DOTALL)


def _class_ranges(body: str) -> Ranges:
    return [
        (int(a, 16), int(b or a, 16))
        for a, b in re.findall(r"\\u([0-9a-fA-F]{4})(?:-\\u([0-9a-fA-F]{4}))?", body)
    ]


def code_point_pattern(utf16_source: str) -> str:
    """twemoji-parser's UTF-16 regex with each surrogate pair (or pair class) as code points."""
    out: list[str] = []
    high: int | None = None
    for m in _TOKEN.finditer(utf16_source):
        unit, body, raw = m.groups()
        if high is not None:
            base = 0x10000 + ((high - 0xD800) << 10)
            if unit:
                out.append(escape(base + int(unit, 16) - 0xDC00))
            else:
                assert body, "a high surrogate must be followed by a low one or a class of them"
                lows = [(base + a - 0xDC00, base + b - 0xDC00) for a, b in _class_ranges(body)]
                out.append(f"[{char_class(lows)}]")
            high = None
        elif unit and 0xD800 <= int(unit, 16) <= 0xDBFF:
            high = int(unit, 16)
        elif unit:
            out.append(escape(int(unit, 16)))
        elif body:
            out.append(f"[{char_class(_class_ranges(body))}]")
        else:
            out.append(raw)
    # Capture groups do not change what matches; drop them.
    return re.sub(r"\((?!\?)", "(?:", "".join(out))


def first_code_points(pattern: str) -> set[int]:
    """The code points a match of ``pattern`` can start with, from the stdlib regex parser."""
    C = sre_constants

    def sequence(items: Any) -> tuple[set[int], bool]:
        found: set[int] = set()
        for op, av in items:
            first, nullable = item(op, av)
            found |= first
            if not nullable:
                return found, False
        return found, True

    def item(op: Any, av: Any) -> tuple[set[int], bool]:
        if op is C.LITERAL:
            return {av}, False
        if op is C.IN:
            found: set[int] = set()
            for inner, value in av:
                assert inner in (C.LITERAL, C.RANGE), inner
                found |= {value} if inner is C.LITERAL else set(range(value[0], value[1] + 1))
            return found, False
        if op is C.SUBPATTERN:
            return sequence(av[-1])
        if op is C.BRANCH:
            results = [sequence(alternative) for alternative in av[1]]
            return set().union(*(f for f, _ in results)), any(n for _, n in results)
        assert op in (C.MAX_REPEAT, C.MIN_REPEAT), op
        first, nullable = sequence(av[2])
        return first, nullable or av[0] == 0

    found, nullable = sequence(sre_parser.parse(pattern))
    assert not nullable
    return found


def raw_lines(pattern: str, width: int = 80) -> str:
    """A long pattern as adjacent raw strings, split only before an escape."""
    chunks = []
    start = 0
    while start < len(pattern):
        end = min(start + width, len(pattern))
        while end < len(pattern) and pattern[end] != "\\":
            end += 1
        chunks.append(pattern[start:end])
        start = end
    return "\n".join(f'    r"{chunk}"' for chunk in chunks)


def word_lines(words: Iterable[str], width: int = 88) -> str:
    """Space-separated words in lines no wider than ``width`` terminal cells."""

    def cells(text: str) -> int:
        return sum(2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in text)

    lines: list[str] = []
    line = ""
    for word in words:
        if line and cells(line) + 1 + cells(word) > width:
            lines.append(line)
            line = ""
        line = f"{line} {word}" if line else word
    return "\n".join([*lines, line])


def write_tlds(tables: dict[str, Any]) -> None:
    (OUT / "tlds.py").write_text(
        f'''"""Top-level domain lists: twitter-text 3.1.0's (for X and Mastodon) and Bluesky's.

Generated data. ``TWITTER_GTLDS``/``TWITTER_CCTLDS`` are the alternations of twitter-text 3.1.0
``dist/regexp/validGTLD.js``/``validCCTLD.js`` (Apache-2.0) in their original order, which matters
because a regex alternation takes the first that fits. ``BLUESKY_TLDS`` is the npm ``tlds``
1.261.0 list (MIT), the one ``@atproto/api`` 0.20.41 checks bare domains and handles against.
Do not edit by hand; see docs/counting.md.
"""

_TWITTER_GTLDS_WORDS = """
{word_lines(tables["gtld"])}
"""
TWITTER_GTLDS = tuple(_TWITTER_GTLDS_WORDS.split())

_TWITTER_CCTLDS_WORDS = """
{word_lines(tables["cctld"])}
"""
TWITTER_CCTLDS = tuple(_TWITTER_CCTLDS_WORDS.split())

_BLUESKY_TLDS_WORDS = """
{word_lines(tables["bluesky_tlds"])}
"""
BLUESKY_TLDS = frozenset(_BLUESKY_TLDS_WORDS.split())
''',
        encoding="utf-8",
    )


def write_emoji(tables: dict[str, Any]) -> None:
    pattern = code_point_pattern(tables["twemoji"])
    starts = first_code_points(pattern)
    ascii_starts = {c for c in starts if c < 0x80}
    # emoji.py hard-codes these as keycap bases that start a match only before VS16 or U+20E3.
    assert ascii_starts == set(map(ord, "#*0123456789")), ascii_starts
    compiled = re.compile(pattern)
    assert not any(
        compiled.match(chr(c) + tail) for c in ascii_starts for tail in ("", " ", "\u200d")
    )
    bmp_starts = ranges_of(c for c in starts if 0x80 <= c < 0x10000)
    (OUT / "emoji_pattern.py").write_text(
        f'''"""twemoji-parser 11.0.2's emoji pattern, surrogate pairs turned into code points.

Generated data: the regex in ``twemoji-parser/dist/lib/regex.js`` (MIT, Twitter Inc.), the list
the reference ``twitter-text@3.1.0`` uses for v3 emoji weighting, with each surrogate pair turned
into one code point and capture groups made non-capturing.
Do not edit by hand; see docs/counting.md.
"""

EMOJI_PATTERN = (
{raw_lines(pattern)}
)

# Every non-ASCII BMP code point a match can start with (any astral one may also start one;
# of ASCII only the keycap bases # * 0-9 can, and only before U+FE0F or U+20E3).
EMOJI_START_BMP = (
{raw_lines(char_class(bmp_starts))}
)
''',
        encoding="utf-8",
    )


def write_hashtag_chars(tables: dict[str, Any]) -> None:
    (OUT / "hashtag_chars.py").write_text(
        f'''"""twitter-text 3.1.0 hashtag character classes, as code-point ranges.

Generated data: every code point that ``hashtagAlpha`` / ``hashtagAlphaNumeric`` (twitter-text
``dist/regexp``, Apache-2.0, with its ``i`` flag) match in the reference JavaScript, as regex
classes.
Do not edit by hand; see docs/counting.md.
"""

HASHTAG_ALPHA = (
{raw_lines(char_class(tables["hashtag_alpha"]))}
)

HASHTAG_ALNUM = (
{raw_lines(char_class(tables["hashtag_alnum"]))}
)
''',
        encoding="utf-8",
    )


def write_grapheme_data() -> None:
    joiner = regex.compile(
        r"[\p{GCB=CR}\p{GCB=LF}\p{GCB=Extend}\p{GCB=ZWJ}\p{GCB=SpacingMark}\p{GCB=Prepend}"
        r"\p{GCB=L}\p{GCB=V}\p{GCB=T}\p{GCB=RI}\p{InCB=Linker}\p{InCB=Extend}]"
    )
    joiners = [c for c in range(0x10000) if not 0xD800 <= c <= 0xDFFF and joiner.match(chr(c))]
    (OUT / "grapheme_data.py").write_text(
        f'''"""BMP code points that can join a neighbour into one grapheme cluster.

Generated data: the BMP code points whose Grapheme_Cluster_Break is CR, LF, Extend, ZWJ,
SpacingMark, Prepend, L, V, T or Regional_Indicator (plus Indic_Conjunct_Break Linker and
Extend), as the pinned ``regex`` {regex.__version__} module's Unicode tables give them. Every
rule that joins two code points involves one of these (LV and LVT syllables only join a V or T
jamo), so text away from them splits into one cluster per code point and ``\\\\X`` need only
run around them.
Regenerate when the ``regex`` pin changes; see docs/counting.md.
"""

GRAPHEME_JOINERS_BMP = (
{raw_lines(char_class(ranges_of(joiners)))}
)
''',
        encoding="utf-8",
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--scratch", type=Path, default=Path("/tmp/herald-tables-js"))
    args = parser.parse_args()
    tables = dump(args.scratch)
    write_tlds(tables)
    write_emoji(tables)
    write_hashtag_chars(tables)
    write_grapheme_data()


if __name__ == "__main__":
    main()
