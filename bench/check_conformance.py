"""Run posts.counting against the official conformance vectors in ../shared/conformance.

A development check, not a test: the vectors live outside the repository. Prints one line of pass
counts per vector file and the first failures of each. Usage:

    .venv/bin/python bench/check_conformance.py [--show N] [CONFORMANCE_DIR]
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any

from posts import counting
from posts.counting.graphemes import grapheme_count, graphemes, utf8_length
from posts.counting.urls import x_urls

DEFAULT_DIR = Path(__file__).resolve().parents[2] / "shared" / "conformance"

Check = Callable[[dict[str, Any]], tuple[object, object]]


def _load(path: Path) -> list[dict[str, Any]]:
    # Two Bluesky texts hold lone surrogates; json keeps them as str code points.
    cases: list[dict[str, Any]] = json.loads(path.read_text(encoding="utf-8"))["cases"]
    return cases


def _x_weighted(case: dict[str, Any]) -> tuple[object, object]:
    text = case["text"]
    length = counting.measure("x", text)
    valid = length > 0 and counting.fits("x", text)
    exp = case["expected"]
    return (length, valid), (exp["weightedLength"], exp["valid"])


def _x_url_texts(text: str) -> list[str]:
    return [text[u.start : u.end] for u in x_urls(text)]


def _x_urls(case: dict[str, Any]) -> tuple[object, object]:
    return _x_url_texts(case["text"]), case["expected"]


def _x_urls_indices(case: dict[str, Any]) -> tuple[object, object]:
    text = case["text"]
    got = [{"url": text[s:e], "indices": [s, e]} for s, e in counting.url_spans("x", text)]
    return got, case["expected"]


def _x_url_whole(case: dict[str, Any]) -> tuple[object, object]:
    text = case["text"]
    return counting.url_spans("x", text) == [(0, len(text))], case["expected"]


def _x_hashtags(case: dict[str, Any]) -> tuple[object, object]:
    text = case["text"]
    return [text[s + 1 : e] for s, e in counting.hashtag_spans("x", text)], case["expected"]


def _x_hashtags_indices(case: dict[str, Any]) -> tuple[object, object]:
    text = case["text"]
    got = [
        {"hashtag": text[s + 1 : e], "indices": [s, e]}
        for s, e in counting.hashtag_spans("x", text)
    ]
    return got, case["expected"]


def _x_valid_hashtag(case: dict[str, Any]) -> tuple[object, object]:
    text = case["text"]
    return counting.hashtag_spans("x", text) == [(0, len(text))], case["expected"]


def _bsky_tags(case: dict[str, Any]) -> tuple[object, object]:
    text = case["text"]
    facets = counting.bluesky_facets(text)
    tags = [f["features"][0]["tag"] for f in facets if "tag" in f["features"][0]]
    indices = sorted(
        [f["index"] for f in facets]
        + [{"byteStart": s, "byteEnd": e} for _h, s, e in counting.bluesky_mentions(text)],
        key=lambda i: i["byteStart"],
    )
    return (tags, indices), (case["tags"], case["indices"])


def _bsky_cashtags(case: dict[str, Any]) -> tuple[object, object]:
    facets = counting.bluesky_facets(case["text"])
    cash = [f for f in facets if f["features"][0].get("tag", "").startswith("$")]
    got = ([f["features"][0]["tag"] for f in cash], [f["index"] for f in cash])
    return got, (case["tags"], case["indices"])


def _bsky_segments(case: dict[str, Any]) -> tuple[object, object]:
    text = case["text"]
    got = [
        ("link", f["index"]["byteStart"], f["index"]["byteEnd"], f["features"][0]["uri"])
        for f in counting.bluesky_facets(text)
        if "uri" in f["features"][0]
    ]
    got += [("mention", s, e, h) for h, s, e in counting.bluesky_mentions(text)]
    got.sort(key=lambda g: g[1])
    exp = [
        (
            seg["facet"]["type"],
            seg["byteStart"],
            seg["byteEnd"],
            seg["facet"].get("uri") or seg["facet"].get("handle"),
        )
        for seg in case["segments"]
        if "facet" in seg
    ]
    return got, exp


def _bsky_lengths(case: dict[str, Any]) -> tuple[object, object]:
    text = case["text"]
    got: dict[str, int] = {}
    exp: dict[str, int] = {}
    if "grapheme_length" in case:
        got["graphemes"], exp["graphemes"] = grapheme_count(text), case["grapheme_length"]
    if "utf8_length" in case:
        got["bytes"], exp["bytes"] = utf8_length(text), case["utf8_length"]
    return got, exp


def _graphemes(case: dict[str, Any]) -> tuple[object, object]:
    text = case["text"]
    sizes = [len(c) for c in graphemes(text)]
    got = (grapheme_count(text), sizes)
    return got, (case["grapheme_count"], case["cluster_sizes_codepoints"])


SUITES: list[tuple[str, Check, str]] = [
    ("twitter-text/validate_WeightedTweetsWithDiscountedEmojiCounterTest.json", _x_weighted, "v3"),
    ("twitter-text/validate_UnicodeDirectionalMarkerCounterTest.json", _x_weighted, "default=v3"),
    (
        "twitter-text/validate_WeightedTweetsCounterTest.json",
        _x_weighted,
        "v2 vectors (no emoji discount) run through our v3 counter: emoji cases differ by design",
    ),
    ("twitter-text/extract_urls.json", _x_urls, ""),
    ("twitter-text/extract_urls_with_indices.json", _x_urls_indices, ""),
    ("twitter-text/extract_urls_with_directional_markers.json", _x_urls_indices, ""),
    ("twitter-text/extract_tco_urls_with_params.json", _x_urls, ""),
    (
        "twitter-text/validate_urls_without_protocol.json",
        _x_url_whole,
        "isValidUrl is RFC validation, checked here as 'whole text extracted as one URL'",
    ),
    ("twitter-text/extract_hashtags.json", _x_hashtags, ""),
    ("twitter-text/extract_hashtags_from_astral.json", _x_hashtags, ""),
    ("twitter-text/extract_hashtags_with_indices.json", _x_hashtags_indices, ""),
    ("twitter-text/validate_hashtags.json", _x_valid_hashtag, ""),
    ("bluesky/detection_tags.json", _bsky_tags, ""),
    ("bluesky/detection_cashtags.json", _bsky_cashtags, ""),
    ("bluesky/detection_segments.json", _bsky_segments, "links and mentions"),
    ("bluesky/length_grapheme_utf8.json", _bsky_lengths, ""),
    ("grapheme/intl_segmenter_reference.json", _graphemes, "Node 20 / ICU 78.2 / Unicode 17"),
]


def run(directory: Path, show: int) -> int:
    """Print pass counts per suite; return the number of failures."""
    failures = 0
    for name, check, note in SUITES:
        path = directory / name
        if not path.exists():
            print(f"{name:75} missing")
            continue
        bad: list[tuple[str, object, object]] = []
        cases = _load(path)
        for case in cases:
            got, exp = check(case)
            if got != exp:
                bad.append((case.get("description", case["text"]), got, exp))
        failures += len(bad)
        suffix = f"  ({note})" if note else ""
        print(f"{name:75} {len(cases) - len(bad):3}/{len(cases):<3}{suffix}")
        _show(bad[:show])
    return failures


def _show(bad: Iterable[tuple[str, object, object]]) -> None:
    for description, got, exp in bad:
        print(f"    FAIL {description!r}\n      got {got!r}\n      exp {exp!r}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("directory", nargs="?", type=Path, default=DEFAULT_DIR)
    parser.add_argument("--show", type=int, default=3, help="failures to print per suite")
    args = parser.parse_args()
    if not args.directory.is_dir():
        sys.exit(f"skipped: no conformance vectors at {args.directory}")
    run(args.directory, args.show)


if __name__ == "__main__":
    main()
