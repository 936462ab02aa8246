"""The mock adapter: publishes to a local JSON-lines outbox instead of a network.

It is a product feature (quick start, demo, dry rehearsals), not only a test double, so it behaves
like a platform where it matters for exactly-once publishing:

- it enforces the account's platform limits with the same counting rules as the formatter;
- it refuses a second part with an idempotency key it already holds, and answers ``lookup`` by key;
- a reply must point at a part that is in the outbox;
- each line is written whole and fsynced under an exclusive file lock, so several daemons can
  share one outbox, and a line cut short by a kill is never read as published (it is dropped before
  the next append);
- ``upload_image`` writes the image it was given into ``outbox-media/`` beside the outbox, its alt
  text in a ``.alt.txt`` file next to it, so a user sees exactly what would go out; the outbox line
  of the post names those files;
- the account's config can inject failures (``mock_fail``), switch the look-up off
  (``mock_lookup = false``) to behave like X, and add network-like latency (``mock_latency_ms``).
  See docs/scheduler.md.
"""

from __future__ import annotations

import fcntl
import hashlib
import json
import os
import threading
import time
import uuid
from collections.abc import Iterator, Mapping, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import timedelta
from pathlib import Path
from typing import Any, ClassVar

from posts.clock import Clock
from posts.config import Account
from posts.counting import fits, limit_for, measure
from posts.errors import ConfigError
from scheduler.adapters.base import (
    Adapter,
    AuthError,
    ImageLimits,
    Limits,
    MediaExpiredError,
    MediaRef,
    OutcomeUnknownError,
    OutgoingImage,
    OutgoingPart,
    PermanentError,
    PublishedRef,
    RateLimitedError,
    TransientError,
)

OUTBOX_NAME = "outbox.jsonl"
MEDIA_DIR = "outbox-media"
WEB_IMAGES = ("image/jpeg", "image/png", "image/webp", "image/gif")
# Each platform's image limits as its adapter states them (Mastodon: a stock instance).
MOCK_IMAGE_LIMITS = {
    "bluesky": ImageLimits(1_000_000, None, None, WEB_IMAGES, 4),
    "x": ImageLimits(5_242_880, None, None, WEB_IMAGES, 4),
    "mastodon": ImageLimits(16_777_216, 33_177_600, None, WEB_IMAGES, 4),
}
FAILURE_KINDS = (
    "ok",
    "rate_limit",
    "server_error",
    "timeout",
    "lost",
    "unknown",
    "permanent",
    "auth",
)


@dataclass(frozen=True)
class Failure:
    """One scripted outcome of a publish call: ``kind`` and, for rate limits, the wait."""

    kind: str
    seconds: int = 60

    @classmethod
    def parse(cls, spec: str, account: str) -> Failure:
        kind, _, arg = spec.partition(":")
        if kind not in FAILURE_KINDS or (arg and (kind != "rate_limit" or not arg.isdigit())):
            raise ConfigError(
                f"accounts.{account}.mock_fail: '{spec}' is not one of "
                f"{', '.join(FAILURE_KINDS)} (rate_limit may take seconds, e.g. 'rate_limit:120')"
            )
        return cls(kind, int(arg) if arg else 60)


def parse_failures(settings: Mapping[str, Any], account: str) -> tuple[Failure, ...]:
    """The ``mock_fail`` list of an account's settings, validated."""
    specs = settings.get("mock_fail", ())
    if not isinstance(specs, Sequence) or isinstance(specs, str):
        raise ConfigError(f"accounts.{account}.mock_fail: expected a list of failure names")
    return tuple(Failure.parse(str(spec), account) for spec in specs)


def read_outbox(path: Path) -> list[dict[str, Any]]:
    """Every published line of an outbox, in order (a torn last line is not published)."""
    if not path.exists():
        return []
    data = path.read_bytes()
    return [json.loads(line) for line in data[: data.rfind(b"\n") + 1].splitlines()]


class Outbox:
    """An append-only JSON-lines file shared safely by threads and processes."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self._read_upto = 0  # byte offset of the end of the last complete line indexed
        self._by_key: dict[str, dict[str, Any]] = {}
        self._remote_ids: set[str] = set()
        self._threads = threading.Lock()  # lanes of one process share the index

    @classmethod
    def shared(cls, path: Path) -> Outbox:
        """The process's one index of ``path``: accounts publishing on parallel lanes neither
        keep a copy each nor re-read every line the others wrote."""
        with _SHARED_LOCK:
            return _SHARED.setdefault(path.resolve(), cls(path))

    @contextmanager
    def locked(self) -> Iterator[int]:
        """Hold the file lock, with the index caught up on lines others appended."""
        self.path.parent.mkdir(parents=True, exist_ok=True)
        with self._threads:
            fd = os.open(self.path, os.O_RDWR | os.O_CREAT | os.O_APPEND, 0o644)
            try:
                fcntl.flock(fd, fcntl.LOCK_EX)
                self._catch_up(fd)
                yield fd
            finally:
                os.close(fd)  # releases the lock

    def _catch_up(self, fd: int) -> None:
        size = os.fstat(fd).st_size
        if size < self._read_upto:  # the file was replaced or emptied: start over
            self._read_upto, self._by_key, self._remote_ids = 0, {}, set()
        data = os.pread(fd, size - self._read_upto, self._read_upto)
        complete = data[: data.rfind(b"\n") + 1]
        for line in complete.splitlines():
            record = json.loads(line)
            self._by_key[record["idempotency_key"]] = record
            self._remote_ids.add(record["remote_id"])
        self._read_upto += len(complete)
        if size > self._read_upto:  # a line torn by a kill: never published, drop it
            os.ftruncate(fd, self._read_upto)

    def get(self, key: str) -> dict[str, Any] | None:
        return self._by_key.get(key)

    def has_remote(self, remote_id: str) -> bool:
        return remote_id in self._remote_ids

    def append(self, fd: int, record: dict[str, Any]) -> None:
        """Write one line and make it durable before anyone is told it is published."""
        line = json.dumps(record, ensure_ascii=False, separators=(",", ":")).encode() + b"\n"
        os.write(fd, line)
        os.fsync(fd)
        self._by_key[record["idempotency_key"]] = record
        self._remote_ids.add(record["remote_id"])
        self._read_upto += len(line)


def _limits(account: Account) -> Limits:
    return Limits(max_length=account.max_length or limit_for(account.platform))


_SHARED: dict[Path, Outbox] = {}
_SHARED_LOCK = threading.Lock()


class MockAdapter:
    """Publishes an account's parts to the outbox; see the module docstring."""

    supports_lookup: ClassVar[bool] = True

    def __init__(
        self,
        account: Account,
        outbox: Path,
        *,
        failures: Sequence[Failure] = (),
        latency: float = 0.0,
        clock: Clock,
    ) -> None:
        self.account = account
        self.outbox = Outbox.shared(outbox)
        self._failures = list(failures)
        self._latency = latency  # seconds each way, like a network round trip
        self._clock = clock

    @classmethod
    def from_account(cls, account: Account, *, data_dir: Path, clock: Clock) -> Adapter:
        """``mock_lookup = false`` in the account's config gives the X-like variant."""
        settings = account.settings
        path = Path(settings.get("mock_outbox") or data_dir / OUTBOX_NAME)
        kind = cls if settings.get("mock_lookup", True) else MockNoLookupAdapter
        latency = settings.get("mock_latency_ms", 0)
        if isinstance(latency, bool) or not isinstance(latency, int | float) or latency < 0:
            raise ConfigError(f"accounts.{account.name}.mock_latency_ms: expected milliseconds ≥ 0")
        failures = parse_failures(settings, account.name)
        return kind(account, path, failures=failures, latency=latency / 2000, clock=clock)

    @property
    def limits(self) -> Limits:
        return _limits(self.account)

    def image_limits(self) -> ImageLimits:
        """The account's platform's limits; the stock ones for a platform Herald does not ship."""
        return MOCK_IMAGE_LIMITS.get(self.account.platform, MOCK_IMAGE_LIMITS["x"])

    def upload_image(self, image: OutgoingImage) -> MediaRef:
        """Write the image and its alt text beside the outbox; the file is the reference."""
        folder = self.outbox.path.parent / MEDIA_DIR
        folder.mkdir(parents=True, exist_ok=True)
        path = folder / f"{uuid.uuid4().hex}.{image.mime.split('/')[1]}"
        self._travel()
        _durable(path.with_suffix(".alt.txt"), image.alt.encode())
        _durable(path, image.data)
        self._travel()
        return MediaRef(str(path), image.mime, image.width, image.height, image.alt)

    def publish(self, part: OutgoingPart) -> PublishedRef:
        failure = self._failures.pop(0) if self._failures else Failure("ok")
        if failure.kind == "rate_limit":
            reset = self._clock() + timedelta(seconds=failure.seconds)
            message = f"429 Too Many Requests (mock, reset in {failure.seconds}s)"
            raise RateLimitedError(message, reset)
        if failure.kind == "server_error":
            raise TransientError("503 Service Unavailable (mock)")
        if failure.kind == "timeout":
            raise TransientError("timed out before the request reached the server (mock)")
        if failure.kind == "permanent":
            raise PermanentError("400 Bad Request: the post was rejected (mock)")
        if failure.kind == "auth":
            raise AuthError(f"401 Unauthorized: {self.account.name}'s credentials rejected (mock)")
        self._check(part)
        self._travel()  # the request on its way: a kill now means it never landed
        ref = self._write(part)
        self._travel()  # the response on its way: a kill now leaves it unrecorded
        if failure.kind == "lost":
            raise TransientError("timed out waiting for the response; the post was created (mock)")
        if failure.kind == "unknown":
            raise OutcomeUnknownError("connection reset after sending; outcome unknown (mock)")
        return ref

    def _travel(self) -> None:
        if self._latency:
            time.sleep(self._latency)

    def _check(self, part: OutgoingPart) -> None:
        platform, limit = self.account.platform, self.limits.max_length
        if not fits(platform, part.text, limit):
            raise PermanentError(
                f"400 Bad Request: the text does not fit the {platform} limit of {limit} "
                f"(it counts {measure(platform, part.text)}) (mock)"
            )
        for media in part.media:
            if not Path(media.value).is_file():
                raise MediaExpiredError(f"400 Bad Request: unknown media {media.value} (mock)")

    def _write(self, part: OutgoingPart) -> PublishedRef:
        with self.outbox.locked() as fd:
            earlier = self.outbox.get(part.idempotency_key)
            if earlier is not None:
                self._duplicate(part, earlier)
            for ref in (part.reply_to, part.root):
                if ref is not None and not self.outbox.has_remote(ref.remote_id):
                    raise PermanentError(f"400 Bad Request: reply target {ref.remote_id} not found")
            ref = PublishedRef(
                remote_id=f"mock:{self.account.name}/{part.idempotency_key}",
                url=f"{self.outbox.path.as_uri()}#{part.idempotency_key}",
                cid=hashlib.sha256(part.text.encode()).hexdigest()[:16],
            )
            self.outbox.append(fd, _record(self.account, part, ref, self._clock().isoformat()))
        return ref

    def _duplicate(self, part: OutgoingPart, earlier: dict[str, Any]) -> None:
        raise PermanentError(
            f"409 Conflict: idempotency key {part.idempotency_key} was already published as "
            f"{earlier['url']} (mock)"
        )

    def lookup(self, part: OutgoingPart) -> PublishedRef | None:
        with self.outbox.locked():
            record = self.outbox.get(part.idempotency_key)
        if record is None:
            return None
        return PublishedRef(record["remote_id"], record["url"], record.get("cid"))

    def verify(self) -> str:
        return f"{self.account.name} (mock {self.account.platform}, outbox {self.outbox.path})"

    def close(self) -> None:
        """Nothing to release: the outbox is opened per call."""


class MockNoLookupAdapter(MockAdapter):
    """Behaves like X: no look-up by key, and a re-sent duplicate has an unknown outcome."""

    supports_lookup: ClassVar[bool] = False

    def lookup(self, part: OutgoingPart) -> PublishedRef | None:
        raise NotImplementedError("this mock account behaves like X: no look-up by key")

    def _duplicate(self, part: OutgoingPart, earlier: dict[str, Any]) -> None:
        raise OutcomeUnknownError("403 Forbidden: duplicate content (mock, like X)")


def _durable(path: Path, data: bytes) -> None:
    """Write a new file and fsync it (an upload is done once the platform has it)."""
    with path.open("xb") as file:
        file.write(data)
        os.fsync(file.fileno())


def _record(account: Account, part: OutgoingPart, ref: PublishedRef, at: str) -> dict[str, Any]:
    return {
        "time": at,
        "account": account.name,
        "platform": account.platform,
        "draft_id": part.draft_id,
        "index": part.index,
        "count": part.count,
        "idempotency_key": part.idempotency_key,
        "text": part.text,
        "facets": list(part.facets),
        "embed": part.embed,
        "media": [
            {"file": m.value, "mime": m.mime, "width": m.width, "height": m.height, "alt": m.alt}
            for m in part.media
        ],
        "lang": part.lang,
        "reply_to": part.reply_to.remote_id if part.reply_to else None,
        "root": part.root.remote_id if part.root else None,
        "remote_id": ref.remote_id,
        "url": ref.url,
        "cid": ref.cid,
    }
