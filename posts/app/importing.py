"""Bulk queueing from a CSV or JSON-lines file: one row per article, many accounts per row.

Columns (CSV header or JSON keys): ``path`` or ``text``, ``accounts`` (comma-separated, or a JSON
list), optional ``at`` (a time, ``next-slot``, or empty for an unscheduled draft), ``mode``, and
``image`` (a path like ``path``, an http(s) URL, or ``none``) and ``alt`` (its alt text).
Every row is read, formatted and planned before anything is stored; a bad row stores nothing and
the error names the file and line. A file with no rows is an error, and nothing is stored.

A ``path`` is relative to the import file's folder and may not leave it (``..``, a symbolic link
pointing out, an absolute path) nor name a hidden file such as ``.env``, unless the caller allows
it (the import's ``allow_outside``): an import file from elsewhere must not be able to
queue ``/etc/passwd`` or a secrets file as posts. Every article goes through the same size, kind
and encoding checks as ``herald format``.
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterator
from datetime import datetime
from pathlib import Path
from typing import Any

from posts.app.enqueue import (
    Timing,
    WhenRequest,
    render,
    resolve_accounts,
    timing,
)
from posts.app.images import ImageRequest, chosen_images
from posts.article.reading import MAX_BYTES, read_regular_file
from posts.config import Config
from posts.errors import HeraldError, InputError
from posts.queue.model import NewDraft

COLUMNS = ("path", "text", "accounts", "at", "mode", "image", "alt")
SUFFIXES = (".csv", ".jsonl", ".ndjson")
# A plan of many rows with inline texts; far beyond any real one.
MAX_IMPORT_BYTES = 64 * 1024 * 1024


def read_import(
    config: Config, file: Path, now: datetime, allow_outside: bool = False
) -> list[tuple[NewDraft, Timing]]:
    """Every row of ``file`` read, formatted and timed, without touching the store."""
    items: list[tuple[NewDraft, Timing]] = []
    rows = 0
    for line, row in _rows(file):
        rows += 1
        try:
            items.extend(_row_items(config, file, row, now, allow_outside, line))
        except HeraldError as exc:
            where = f"{file} line {line}: {exc}"
            raise type(exc)(where, remedy=exc.remedy, draft_id=exc.draft_id) from None
    if rows == 0:
        raise InputError(
            f"{file} has no rows to import; give a header line ({', '.join(COLUMNS)}) "
            "and one row per article"
        )
    return items


def _row_items(
    config: Config,
    file: Path,
    row: dict[str, Any],
    now: datetime,
    allow_outside: bool,
    line: int,
) -> list[tuple[NewDraft, Timing]]:
    from posts.article import parse_article

    unknown = sorted(str(k) for k in set(row) - set(COLUMNS))
    if unknown:
        raise InputError(f"unknown column '{unknown[0]}'; expected: {', '.join(COLUMNS)}")
    raw_accounts = row.get("accounts") or ""
    names = raw_accounts if isinstance(raw_accounts, list) else [raw_accounts]
    if not all(isinstance(name, str) for name in names):
        raise InputError("'accounts' must be account names: text, or a list of texts")
    accounts = resolve_accounts(config, names)
    path, text = _text(row, "path").strip(), _text(row, "text").strip()
    if bool(path) == bool(text):
        raise InputError("give either 'path' or 'text' (exactly one)")
    if path:
        source = article_path(file, path, allow_outside)
        article = parse_article(read_regular_file(source, path), source=str(source))
    else:
        article = parse_article(text.encode(), source=f"{file.name}:{line}")
    at = _text(row, "at").strip()
    asked = WhenRequest("draft") if at in ("", "draft") else WhenRequest("at", at)
    how = timing(config, accounts, WhenRequest("next-slot") if at == "next-slot" else asked, now)
    mode = _text(row, "mode").strip() or None
    images = chosen_images(article, _image_request(file, row, allow_outside))
    return [(render(article, account, config, mode, images), how) for account in accounts]


def _image_request(file: Path, row: dict[str, Any], allow_outside: bool) -> ImageRequest:
    """The row's ``image`` (a path under the same rules as ``path``, a URL, or ``none``) and
    ``alt``; both empty: the article's own image."""
    from posts.media.reading import is_url

    image, alt = _text(row, "image").strip(), _text(row, "alt") or None
    if image == "none":
        return ImageRequest(alt=alt, none=True)
    if image and not is_url(image):
        image = str(article_path(file, image, allow_outside))
    return ImageRequest(image or None, alt)


def _text(row: dict[str, Any], column: str) -> str:
    value = row.get(column)
    if value is None:
        return ""
    if not isinstance(value, str):
        raise InputError(f"'{column}' must be text")
    return value


def article_path(file: Path, path: str, allow_outside: bool = False) -> Path:
    """Where the row's ``path`` points: inside the import file's folder unless allowed."""
    if "\x00" in path:
        raise InputError("'path' contains a NUL character")
    folder = file.parent.resolve()
    given = Path(path).expanduser() if allow_outside else Path(path)
    target = (folder / given).resolve()  # an absolute ``given`` replaces the folder
    if allow_outside:
        return target
    if given.is_absolute():
        raise InputError(
            f"'{path}' is an absolute path; an import file names articles relative to its own "
            f"folder ({folder})",
            remedy="allow-outside",
        )
    try:
        inside = target.relative_to(folder)
    except ValueError:
        raise InputError(
            f"'{path}' is outside the import file's folder ({folder})", remedy="allow-outside"
        ) from None
    if any(part.startswith(".") for part in inside.parts):
        raise InputError(
            f"'{path}' is a hidden file; an import file names articles, not dotfiles",
            remedy="allow-outside",
        )
    return target


def _rows(file: Path) -> Iterator[tuple[int, dict[str, Any]]]:
    data = read_regular_file(file, str(file), MAX_IMPORT_BYTES, "64 MB", "an import file")
    suffix = file.suffix.lower()
    if suffix not in SUFFIXES:
        raise InputError(f"{file}: expected a .csv or .jsonl file")
    try:
        content = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise InputError(
            f"{file} is not UTF-8 text (bad byte at offset {exc.start}); save it as UTF-8"
        ) from None
    if suffix == ".csv":
        yield from _csv_rows(file, content)
        return
    for line, raw in enumerate(content.splitlines(), start=1):
        if not raw.strip():
            continue
        try:
            row = json.loads(raw)
        except json.JSONDecodeError as exc:
            raise InputError(f"{file} line {line}: not valid JSON: {exc.msg}") from None
        except (RecursionError, ValueError):
            raise InputError(f"{file} line {line}: not valid JSON (nested too deeply)") from None
        if not isinstance(row, dict):
            raise InputError(f"{file} line {line}: expected a JSON object")
        yield line, row


def _csv_rows(file: Path, content: str) -> Iterator[tuple[int, dict[str, Any]]]:
    if "\x00" in content:
        raise InputError(f"{file} contains NUL bytes; it is not a CSV text file")
    # An inline ``text`` may be as long as an article file; the csv module's limit is global.
    csv.field_size_limit(max(csv.field_size_limit(), MAX_BYTES))
    reader = csv.DictReader(io.StringIO(content, newline=""))
    try:
        header = reader.fieldnames or []
        if not any(name and name.strip() for name in header):
            return  # an empty file: no rows
        for row in reader:
            cells = {k.strip(): v for k, v in row.items() if k is not None}
            if None in row:
                raise InputError(
                    f"{file} line {reader.line_num}: more cells than the header has columns"
                )
            if not any((v or "").strip() for v in cells.values()):
                continue  # a blank line
            yield reader.line_num, cells
    except csv.Error as exc:
        raise InputError(f"{file} line {reader.line_num}: not valid CSV: {exc}") from None
