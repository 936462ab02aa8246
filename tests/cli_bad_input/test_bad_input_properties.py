"""Random option values and random file contents for ``format``, ``queue add``, ``queue import``
and ``preview``: each run ends in success, or in exit 2 with exactly one stderr line ``Error: …``
and the queue database byte-identical; never a traceback, a bug report or a hang.

Fast by default (a few examples each); ``HYPOTHESIS_PROFILE=ci`` runs many more.
"""

from __future__ import annotations

import csv
import io
import json
import os
import tempfile
from collections.abc import Sequence
from pathlib import Path
from typing import TypeVar

from hypothesis import HealthCheck, event, given, settings
from hypothesis import strategies as st

from tests.cli_bad_input.conftest import Home, assert_refused, invoke, make_home

T = TypeVar("T")
EXAMPLES = 150 if os.environ.get("HYPOTHESIS_PROFILE") == "ci" else 6
RUN = settings(
    max_examples=EXAMPLES,
    deadline=None,
    suppress_health_check=[
        HealthCheck.too_slow,
        HealthCheck.data_too_large,
        HealthCheck.function_scoped_fixture,
    ],
)


def mostly(good: st.SearchStrategy[T], bad: st.SearchStrategy[T]) -> st.SearchStrategy[T]:
    """``good`` four times in five: most runs get past the option checks into reading, formatting
    and storing, where the deeper bad inputs are."""
    return st.sampled_from((True, True, True, True, False)).flatmap(lambda ok: good if ok else bad)


# -- what people (and accidents) put in files ------------------------------------------------------
ODD = st.sampled_from(
    ["[/]", "[bold]", ":x:", "#tag", "#2026", "@someone", "https://example.org/a", "é", "—", "🧵",
     "\t", "\n", "---", "# ", "<p>", "</p>", "\x00", "\x1b[31m", "'", '"', "\u202e", "\ufeff"]
)  # fmt: skip
WORD = st.sampled_from(["tide", "pools", "light", "crabs", "rocks", "water", "dawn", "shade"])
SENTENCE = st.lists(mostly(WORD, ODD | st.text(max_size=8)), min_size=3, max_size=14).map(
    lambda words: " ".join(words).capitalize() + "."
)
PARAGRAPH = st.lists(SENTENCE, min_size=1, max_size=4).map(" ".join)
ARTICLE_TEXT = st.builds(
    lambda title, paragraphs: f"# {title}\n\n" + "\n\n".join(paragraphs) + "\n",
    SENTENCE,
    st.lists(PARAGRAPH, min_size=1, max_size=6),
)
FRONT_MATTER = st.builds(
    lambda keys, body: "---\n" + "".join(f"{k}: {v}\n" for k, v in keys) + "---\n" + body,
    st.lists(
        st.tuples(
            st.sampled_from(["title", "tags", "url", "summary", "lang", "date", "x", "- a"]),
            st.sampled_from(["Tides", "[a, b]", "{a: 1}", "", "null", "'", "https://x.test"])
            | st.text(max_size=10),
        ),
        max_size=5,
    ),
    ARTICLE_TEXT,
)
HTML = st.builds(
    lambda title, paragraphs: "<html><head><title>" + title + "</title></head><body><article>"
    + "".join(f"<p>{p}</p>" for p in paragraphs) + "</article></body></html>",
    SENTENCE,
    st.lists(PARAGRAPH, min_size=1, max_size=5),
)  # fmt: skip
CONTENT = mostly(
    st.one_of(ARTICLE_TEXT, FRONT_MATTER, HTML).map(lambda t: t.encode("utf-8", "surrogatepass")),
    st.one_of(
        st.binary(max_size=600),
        st.text(max_size=300).map(lambda t: t.encode("utf-16")),
        st.text(max_size=300).map(lambda t: t.encode("latin-1", "replace")),
        ARTICLE_TEXT.map(lambda t: t.encode("cp1252", "replace")),
        st.just(b""),
    ),
)
SUFFIX = st.sampled_from([".md", ".txt", ".html", "", ".csv", ".MD"])

# -- what people type as option values ------------------------------------------------------------
NUMBER_TEXT = st.one_of(
    st.integers(-(10**25), 10**25).map(str),
    st.floats(allow_nan=True, allow_infinity=True).map(str),
    st.sampled_from(["", " ", "1e3", "0x10", "٣", "6 ", "+5", "1_000", "101", "0"]),
    st.text(max_size=8),
)
GOOD_WHEN = st.sampled_from(
    ["now", "NOW", "in 2h", "tomorrow 9am", "next monday 14:00", "05/06/2030 09:00", "in 1h30m",
     "in 0m", "in 3 days", "2030-01-01T09:00+05:30", "2031-07-04 18:00"]
)  # fmt: skip
WHEN = mostly(
    GOOD_WHEN,
    st.one_of(
        st.sampled_from(["in 5", "1200", "1900000000", "2030-02-30 10:00", "yesterday", "noon",
                         "9999-12-31T23:59:59Z", "0001-01-01", "24:00", "in -1h"]),
        st.builds(lambda n, u: f"in {n}{u}", st.integers(0, 10**30), st.sampled_from("mhdw")),
        st.builds(lambda y, m, d, h: f"{y:04d}-{m:02d}-{d:02d} {h:02d}:00",
                  st.integers(1, 9999), st.integers(0, 13), st.integers(0, 32),
                  st.integers(0, 25)),
        st.text(max_size=30),
    ),
)  # fmt: skip
ACCOUNTS = mostly(
    st.sampled_from(["demo-x", "demo-bluesky", "demo-x,demo-bluesky"]),
    st.sampled_from(["", ",", "nobody", "demo-x,,demo-x"]) | st.text(max_size=12),
)
MODE = mostly(st.sampled_from(["single", "thread", "auto"]), st.sampled_from(["Thread", "both"]))
MAX_POSTS = mostly(st.none() | st.integers(1, 12).map(str), NUMBER_TEXT)
URL = mostly(
    st.none() | st.just("https://example.org/post"),
    st.sampled_from(["ftp://x", "", "https://", "http://[::1"]) | st.text(max_size=20),
)


def _home(template_db: tuple[Path, str]) -> tuple[tempfile.TemporaryDirectory[str], Home]:
    folder = tempfile.TemporaryDirectory(prefix="herald-prop-")
    return folder, make_home(Path(folder.name) / "home", template_db)


def _check(home: Home, args: Sequence[str], stdin: bytes | None = None) -> None:
    """Run ``herald ARGS``: success, or exactly the one-line refusal with the queue untouched."""
    before = home.snapshot()
    outcome = invoke(args, home.env(), stdin)
    assert outcome.error is None, f"herald {args!r}: {outcome.error}"
    said = outcome.stderr.replace(str(home.root), "HOME").removeprefix("Error: ")
    event("success" if outcome.exit_code == 0 else f"error: {said[:30]}")
    if outcome.exit_code == 0:
        assert "Traceback" not in outcome.stderr
        return
    assert_refused(outcome, before, home)


@RUN
@given(
    content=CONTENT,
    suffix=SUFFIX,
    platform=mostly(st.sampled_from(["x,bluesky,mastodon", "x", "mastodon"]), st.just("nope")),
    mode=MODE,
    max_posts=MAX_POSTS,
    numbering=mostly(st.sampled_from(["fraction", "thread", "none"]), st.just("roman")),
    url=URL,
    as_json=st.booleans(),
)  # fmt: skip
def test_format_never_fails_badly(
    template_db: tuple[Path, str],
    content: bytes,
    suffix: str,
    platform: str,
    mode: str,
    max_posts: str | None,
    numbering: str,
    url: str | None,
    as_json: bool,
) -> None:
    folder, home = _home(template_db)
    with folder:
        path = home.write(f"input{suffix}", content)
        args = ["format", str(path), "--platform", platform, "--numbering", numbering]
        args += ["--mode", mode] if mode else []
        args += ["--max-posts", max_posts] if max_posts is not None else []
        args += ["--url", url] if url is not None else []
        args += ["--json"] if as_json else []
        _check(home, args)


@RUN
@given(
    content=CONTENT,
    suffix=SUFFIX,
    to=ACCOUNTS,
    when=st.one_of(
        WHEN.map(lambda w: ["--at", w]),
        WHEN.map(lambda w: ["--at", w]),
        st.just(["--next-slot"]),
        st.just(["--draft"]),
        st.just(["--now"]),
        st.just([]),
        WHEN.map(lambda w: ["--at", w, "--now"]),
    ),
    mode=st.none() | MODE,
    stdin=st.booleans(),
)
def test_queue_add_never_fails_badly(
    template_db: tuple[Path, str],
    content: bytes,
    suffix: str,
    to: str,
    when: list[str],
    mode: str | None,
    stdin: bool,
) -> None:
    folder, home = _home(template_db)
    with folder:
        path = "-" if stdin else str(home.write(f"input{suffix}", content))
        args = ["queue", "add", path, "--to", to, *when]
        args += ["--mode", mode] if mode is not None else []
        _check(home, args, content if stdin else None)


CELLS = st.one_of(
    st.sampled_from(["article.md", "../article.md", "/etc/hostname", ".env", "sub/../article.md",
                     "missing.md", "", "demo-x", "demo-x,demo-bluesky", "next-slot", "draft",
                     "in 2h", "1200", "thread", "Tides come in."]),
    st.text(max_size=15),
)  # fmt: skip
COLUMN = st.sampled_from(["path", "text", "accounts", "at", "mode", "title", "", " path "])


def _csv(header: list[str], rows: list[list[str]]) -> bytes:
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow(header)
    writer.writerows(rows)
    return buffer.getvalue().encode("utf-8", "surrogatepass")


# A plan that mostly makes sense: known columns, and cells that are mostly right.
GOOD_CELL = {
    "path": mostly(st.just("article.md"), CELLS),
    "text": mostly(PARAGRAPH, CELLS),
    "accounts": ACCOUNTS,
    "at": mostly(st.sampled_from(["", "next-slot", "draft"]) | GOOD_WHEN, WHEN),
    "mode": mostly(st.sampled_from(["", "single", "thread", "auto"]), CELLS),
}
GOOD_HEADER = st.sampled_from(
    [("path", "accounts"), ("path", "accounts", "at"), ("text", "accounts", "at", "mode")]
)
GOOD_ROWS = GOOD_HEADER.flatmap(
    lambda header: st.tuples(
        st.just(header),
        st.lists(st.tuples(*(GOOD_CELL[c] for c in header)), min_size=1, max_size=4),
    )
)
GOOD_PLAN = st.one_of(
    GOOD_ROWS.map(lambda hr: (".csv", _csv(list(hr[0]), [list(r) for r in hr[1]]))),
    GOOD_ROWS.map(
        lambda hr: (
            ".jsonl",
            "\n".join(json.dumps(dict(zip(hr[0], r, strict=True))) for r in hr[1]).encode(),
        )
    ),
)
BAD_PLAN = st.one_of(
    st.builds(
        lambda header, rows: (".csv", _csv(header, rows)),
        st.lists(COLUMN, min_size=0, max_size=5),
        st.lists(st.lists(CELLS, max_size=6), max_size=6),
    ),
    st.builds(
        lambda rows: (".jsonl", "\n".join(json.dumps(r) for r in rows).encode()),
        st.lists(
            st.dictionaries(COLUMN, CELLS | st.lists(CELLS, max_size=3) | st.integers() | st.none(),
                            max_size=5)
            | st.lists(CELLS, max_size=2),
            max_size=5,
        ),
    ),
    st.tuples(st.sampled_from([".csv", ".jsonl", ".txt"]), st.binary(max_size=300)),
)  # fmt: skip
IMPORT_FILE = mostly(GOOD_PLAN, BAD_PLAN)


@RUN
@given(plan=IMPORT_FILE, force=st.booleans(), allow_outside=st.booleans())
def test_queue_import_never_fails_badly(
    template_db: tuple[Path, str],
    plan: tuple[str, bytes],
    force: bool,
    allow_outside: bool,
) -> None:
    folder, home = _home(template_db)
    with folder:
        home.write(".env", "API_TOKEN=hunter2 is a secret, not an article.\n")
        suffix, content = plan
        path = home.write(f"plan{suffix}", content)
        args = ["queue", "import", str(path)]
        args += ["--force"] if force else []
        args += ["--allow-outside"] if allow_outside else []
        _check(home, args)


@RUN
@given(
    content=CONTENT,
    suffix=SUFFIX,
    target=st.sampled_from(["file", "id", "none", "stdin"]),
    to=st.none() | ACCOUNTS,
    due=st.none() | st.one_of(st.sampled_from(["24h", "90m", "2d", "1h30m", "0s", "-1h"]),
                               st.integers(0, 10**30).map(lambda n: f"{n}d"), st.text(max_size=8)),
    everything=st.booleans(),
    as_json=st.booleans(),
    html=st.sampled_from([None, "page.html", "no/such/page.html", "."]),
)  # fmt: skip
def test_preview_never_fails_badly(
    template_db: tuple[Path, str],
    content: bytes,
    suffix: str,
    target: str,
    to: str | None,
    due: str | None,
    everything: bool,
    as_json: bool,
    html: str | None,
) -> None:
    folder, home = _home(template_db)
    with folder:
        args = ["preview"]
        if target == "file":
            args.append(str(home.write(f"input{suffix}", content)))
        elif target == "stdin":
            args.append("-")
        elif target == "id":
            args.append(home.draft_id)
        args += ["--to", to] if to is not None else []
        args += ["--due-within", due] if due is not None else []
        args += ["--all"] if everything else []
        args += ["--json"] if as_json else []
        args += ["--html", str(home.root / html)] if html is not None else []
        _check(home, args, content if target == "stdin" else None)
