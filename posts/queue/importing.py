"""Bulk queueing from a CSV or JSON-lines file: one row per article, many accounts per row.

Columns (CSV header or JSON keys): ``path`` or ``text``, ``accounts`` (comma-separated, or a JSON
list), optional ``at`` (a time, ``next-slot``, or empty for an unscheduled draft) and ``mode``.
Every row is read, formatted and planned before anything is stored; a bad row stores nothing and
the error names the file and line.
"""

from __future__ import annotations

import csv
import json
from collections.abc import Iterator
from datetime import datetime
from pathlib import Path
from typing import Any

from posts.config import Config
from posts.errors import HeraldError, InputError
from posts.queue.enqueue import Queued, Timing, enqueue, render, resolve_accounts, timing
from posts.queue.model import NewDraft
from posts.queue.store import Store

COLUMNS = ("path", "text", "accounts", "at", "mode")


def import_file(
    store: Store, config: Config, file: Path, now: datetime, force: bool = False
) -> list[Queued]:
    """Queue every row of ``file``; all rows or none."""
    items: list[tuple[NewDraft, Timing]] = []
    for line, row in _rows(file):
        try:
            items.extend(_row_items(config, file, line, row, now))
        except HeraldError as exc:
            raise type(exc)(f"{file} line {line}: {exc}") from None
    return enqueue(store, config, items, now, force)


def _row_items(
    config: Config, file: Path, line: int, row: dict[str, Any], now: datetime
) -> list[tuple[NewDraft, Timing]]:
    from posts.article import load_article, parse_article

    unknown = sorted(set(row) - set(COLUMNS))
    if unknown:
        raise InputError(f"unknown column {unknown[0]!r}; expected: {', '.join(COLUMNS)}")
    raw_accounts = row.get("accounts") or ""
    names = raw_accounts if isinstance(raw_accounts, list) else [str(raw_accounts)]
    accounts = resolve_accounts(config, names)
    path, text = str(row.get("path") or "").strip(), str(row.get("text") or "").strip()
    if bool(path) == bool(text):
        raise InputError("give either 'path' or 'text' (exactly one)")
    if path:
        article = load_article(file.parent / path if not Path(path).is_absolute() else path)
    else:
        article = parse_article(text.encode(), source=f"{file.name}:{line}")
    at = str(row.get("at") or "").strip()
    how = timing(
        config,
        accounts,
        at=None if at in ("", "draft", "next-slot") else at,
        next_slot=at == "next-slot",
        draft=at in ("", "draft"),
        now_flag=False,
        now=now,
    )
    mode = str(row.get("mode") or "").strip() or None
    return [(render(article, account, config, mode), how) for account in accounts]


def _rows(file: Path) -> Iterator[tuple[int, dict[str, Any]]]:
    try:
        content = file.read_text(encoding="utf-8-sig")
    except (OSError, UnicodeDecodeError) as exc:
        raise InputError(f"cannot read {file}: {exc}") from None
    if file.suffix.lower() == ".csv":
        reader = csv.DictReader(content.splitlines())
        for row in reader:
            yield reader.line_num, {k.strip(): v for k, v in row.items() if k is not None}
        return
    if file.suffix.lower() not in (".jsonl", ".ndjson"):
        raise InputError(f"{file}: expected a .csv or .jsonl file")
    for line, raw in enumerate(content.splitlines(), start=1):
        if not raw.strip():
            continue
        try:
            row = json.loads(raw)
        except json.JSONDecodeError as exc:
            raise InputError(f"{file} line {line}: not valid JSON: {exc.msg}") from None
        if not isinstance(row, dict):
            raise InputError(f"{file} line {line}: expected a JSON object")
        yield line, row
