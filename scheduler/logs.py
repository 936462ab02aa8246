"""The daemon's log: one line per event, as text for people or JSON for log collectors.

Events carry only draft ids, part numbers, URLs, times and the platform's own error messages;
adapters never put credentials in their messages, so nothing here needs scrubbing.
"""

from __future__ import annotations

import json
import logging
import sys
from collections.abc import Mapping
from datetime import UTC, datetime
from typing import Literal

LogFormat = Literal["text", "json"]


class JsonFormatter(logging.Formatter):
    """``{"time", "level", "event", "draft", ...fields}`` per line."""

    def format(self, record: logging.LogRecord) -> str:
        line: dict[str, object] = {
            "time": datetime.fromtimestamp(record.created, UTC).isoformat(timespec="milliseconds"),
            "level": record.levelname.lower(),
            "event": getattr(record, "event", record.name),
        }
        if hasattr(record, "draft"):
            line["draft"] = record.draft
        line.update(getattr(record, "fields", {}) or {"message": record.getMessage()})
        if record.exc_info:
            line["error"] = self.formatException(record.exc_info)
        return json.dumps(line, ensure_ascii=False, default=str)


def setup_logging(fmt: LogFormat) -> None:
    """Send Herald's events to stderr; keep APScheduler's chatter to warnings about itself."""
    handler = logging.StreamHandler(sys.stderr)
    if fmt == "json":
        handler.setFormatter(JsonFormatter())
    else:
        handler.setFormatter(
            logging.Formatter("%(asctime)s %(levelname)s %(message)s", "%Y-%m-%dT%H:%M:%S%z")
        )
    root = logging.getLogger("herald")
    root.handlers[:] = [handler]
    root.setLevel(logging.INFO)
    root.propagate = False
    logging.getLogger("apscheduler").setLevel(logging.ERROR)


def log_event(
    logger: logging.Logger,
    event: str,
    fields: Mapping[str, object],
    *,
    draft: str | None = None,
    level: int = logging.INFO,
) -> None:
    """Log one event as one line: ``event [draft] key=value ...`` (fields kept for JSON)."""
    words = [
        event,
        *([draft] if draft else []),
        *(f"{k}={_one_line(v)}" for k, v in fields.items()),
    ]
    extra: dict[str, object] = {"event": event, "fields": fields}
    if draft:
        extra["draft"] = draft
    logger.log(level, "%s", " ".join(words), extra=extra)


def _one_line(value: object) -> str:
    """A field for the text log: line breaks and control characters escaped, so a platform's
    message (or an article title) can never start a line that looks like another event."""
    text = str(value)
    if text.isprintable():
        return text
    return "".join(c if c.isprintable() else c.encode("unicode_escape").decode() for c in text)
