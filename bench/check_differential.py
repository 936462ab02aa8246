"""Compare posts.counting with the JavaScript references on random hard strings.

A development check, not a test: it needs node and npm. twitter-text@3.1.0 and
@atproto/api@0.20.41 are installed into a scratch directory outside the repository when missing.
Random strings are built from the hard parts (URLs, bare domains, t.co links, emoji sequences,
keycaps, flags, CJK, Indic, directional marks, letters Python folds differently) plus random code
points, and each is compared on: X weighted length (``parseTweet``), X URL and hashtag spans
(UTF-16 indices), Bluesky grapheme length (``RichText.graphemeLength``) and Bluesky facets and
mentions (``detectFacetsWithoutResolution``). Prints mismatch counts and a few examples.

    .venv/bin/python bench/check_differential.py [--count 20000] [--seed 1]
"""

from __future__ import annotations

import argparse
import json
import random
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

from posts.counting import bluesky_facets, bluesky_mentions, hashtag_spans, measure, url_spans

SCRATCH = Path("/tmp/herald-differential-js")
PACKAGES = ("twitter-text@3.1.0", "@atproto/api@0.20.41")
PIECES = (
    " ", " ", " ", "\n", "\r\n", "a", "word", "Hello", ".", ",", "!", "?", "(", ")", "-", "_", "/",
    ":", "@", "#", "＃", "$", "...", "example.com", "www.example.co.uk", "https://", "http://",
    "x.com", "main.py", "node.js", "v1.2", "bsky.app", "t.co/abc", "https://t.co/" + "a" * 45,
    "foo.bar", "a.b.c", "xn--80ak6aa92e.com", "日本", "日本語.jp", "ああ.com", "😷", "👍🏽",
    "👨\u200d👩\u200d👧\u200d👦", "🇯🇵", "1️⃣", "1\u20e3", "©️", "©", "❤️\u200d🔥", "🫨", "\ufe0f",
    "\u200d", "\u200b", "e\u0301", "é", "ß", "–", "“", "…", "€", "नमस्ते", "क्ष", "한국어", "カタカナ",
    "#tag", "#123", "#日本", "tag", "123", "$AAPL", "%20", "?q=1", "&b=2", "/path/", "~user",
    "\u202a", "\u2066", "\u3000", "\xa0", "ﬁ", "Ａ", "К", "ü", "İ", "ſ", "K", "Å", "@alice",
    "@bob.bsky.social", "user@example.com",
)  # fmt: skip
REFERENCE_JS = """
import { createRequire } from 'module';
const require = createRequire(process.argv[2] + '/');
const tt = require('twitter-text');
const { RichText } = await import(process.argv[2] + '/node_modules/@atproto/api/dist/index.js');
const texts = JSON.parse(require('fs').readFileSync(process.argv[3], 'utf8'));
console.log(JSON.stringify(texts.map((t) => {
  const rt = new RichText({ text: t });
  rt.detectFacetsWithoutResolution();
  return {
    x: tt.parseTweet(t).weightedLength,
    urls: tt.extractUrlsWithIndices(t).map((u) => u.indices),
    tags: tt.extractHashtagsWithIndices(t).map((u) => u.indices),
    graphemes: rt.graphemeLength,
    facets: (rt.facets || []).map((f) => [f.index.byteStart, f.index.byteEnd,
      f.features[0].uri || f.features[0].tag || '@' + f.features[0].did]),
  };
})));
"""


def random_text(rng: random.Random) -> str:
    def piece() -> str:
        if rng.random() < 0.8:
            return rng.choice(PIECES)
        low, high = rng.choice(((0x20, 0x2FFF), (0x1F000, 0x1FAFF), (0xA0, 0x24F), (0x900, 0xDFF)))
        return chr(rng.randint(low, high))

    return "".join(piece() for _ in range(rng.randint(1, 30)))


def ours(text: str) -> dict[str, Any]:
    def utf16(i: int) -> int:
        return len(text[:i].encode("utf-16-le")) // 2

    facets = [
        [
            f["index"]["byteStart"],
            f["index"]["byteEnd"],
            f["features"][0].get("uri") or f["features"][0]["tag"],
        ]
        for f in bluesky_facets(text)
    ] + [[start, end, "@" + handle] for handle, start, end in bluesky_mentions(text)]
    return {
        "x": measure("x", text),
        "urls": [[utf16(s), utf16(e)] for s, e in url_spans("x", text)],
        "tags": [[utf16(s), utf16(e)] for s, e in hashtag_spans("x", text)],
        "graphemes": measure("bluesky", text),
        "facets": sorted(facets, key=lambda f: f[0]),
    }


def reference(texts: list[str]) -> list[dict[str, Any]]:
    if not (SCRATCH / "node_modules" / "@atproto" / "api").is_dir():
        SCRATCH.mkdir(parents=True, exist_ok=True)
        subprocess.run(
            ["npm", "install", "--no-save", "--prefix", str(SCRATCH), *PACKAGES], check=True
        )
    script = SCRATCH / "reference.mjs"
    script.write_text(REFERENCE_JS, encoding="utf-8")
    data = SCRATCH / "texts.json"
    data.write_text(json.dumps(texts), encoding="utf-8")
    done = subprocess.run(
        ["node", str(script), str(SCRATCH), str(data)], capture_output=True, text=True, check=True
    )
    result: list[dict[str, Any]] = json.loads(done.stdout)
    return result


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--count", type=int, default=20000)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--show", type=int, default=3, help="examples to print per kind")
    args = parser.parse_args()
    if not shutil.which("node") or not shutil.which("npm"):
        sys.exit("skipped: node/npm not found")
    rng = random.Random(args.seed)
    texts = [random_text(rng) for _ in range(args.count)]
    mismatches: dict[str, int] = {}
    for text, expected in zip(texts, reference(texts), strict=True):
        got = ours(text)
        for kind, value in expected.items():
            if got[kind] != value:
                mismatches[kind] = mismatches.get(kind, 0) + 1
                if mismatches[kind] <= args.show:
                    print(f"{kind}: {text!r}\n  ours {got[kind]!r}\n  ref  {value!r}")
    kinds = ("x", "urls", "tags", "graphemes", "facets")
    print(f"{len(texts)} random strings; mismatches:", {k: mismatches.get(k, 0) for k in kinds})


if __name__ == "__main__":
    main()
