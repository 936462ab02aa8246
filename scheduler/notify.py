"""Delivering notifications ([notify]) in the background, never in publishing's way.

A :class:`Notifier` is a :data:`posts.app.notices.Notify`: calling it keeps only the configured
events and puts the notice on a bounded queue, returning at once (a full queue drops it, with a
WARNING). One delivery thread sends each notice to every target (a webhook POST, a command with the
JSON on stdin, run without a shell), retrying a failed target a few times with backoff, then
logging it at WARNING and moving on. :meth:`Notifier.close` lets the thread finish what is queued
within a time limit and cuts backoff waits short, so a short-lived command (``herald run --once``,
``queue add --hold``) delivers what it can without ever hanging on a dead target.

Payloads carry names, ids, times, links and reasons; as a last guard, the values of every
credential variable the config names (``*_env``) are blanked out of the JSON before it leaves.
"""

from __future__ import annotations

import contextlib
import json
import logging
import os
import queue
import subprocess
import threading
from collections.abc import Callable, Iterator, Mapping, Sequence
from contextlib import contextmanager

from posts.app.notices import Notice, Notify, payload
from posts.config import Config, NotifySettings
from scheduler.logs import log_event

log = logging.getLogger("herald.notify")

Sender = Callable[[bytes], None]
"""Delivers one JSON body to one target, or raises :class:`DeliveryError`."""
Wait = Callable[[float], bool]
"""Waits up to the seconds given; True when the wait was cut short (closing)."""

ATTEMPTS = 4  # per notice and target: the first try and three retries
BACKOFF = 2.0  # seconds before the first retry, doubled after each
CAPACITY = 100  # notices waiting at most; beyond, new ones are dropped (and logged)
CLOSE_WITHIN = 10.0  # seconds close() gives the deliveries still queued
REDACTED = "[redacted]"


class DeliveryError(Exception):
    """One delivery attempt failed (the message names the target, never its secret parts)."""


def webhook_sender(url: str, timeout: float) -> Sender:
    """POST the JSON body to ``url``; any answer but 2xx, or no answer, is a failure."""
    from urllib.parse import urlsplit

    target = f"webhook {urlsplit(url).hostname}"  # the path and query may hold a secret

    def send(body: bytes) -> None:
        import httpx

        headers = {"Content-Type": "application/json", "User-Agent": "Herald (notifications)"}
        try:  # streamed and never read: an endless answer costs nothing
            with httpx.stream(
                "POST", url, content=body, headers=headers, timeout=timeout
            ) as answer:
                status = answer.status_code
        except httpx.HTTPError as exc:
            raise DeliveryError(f"{target}: {type(exc).__name__}") from None
        if not 200 <= status < 300:
            raise DeliveryError(f"{target} answered HTTP {status}")

    return send


def command_sender(argv: Sequence[str], timeout: float) -> Sender:
    """Run ``argv`` (no shell) with the JSON body on stdin; a non-zero exit is a failure."""
    target = f"command {argv[0]}"

    def send(body: bytes) -> None:
        try:
            done = subprocess.run(
                list(argv), input=body, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                timeout=timeout, check=False,
            )  # fmt: skip
        except subprocess.TimeoutExpired:
            raise DeliveryError(f"{target} did not finish within {timeout:g} s") from None
        except OSError as exc:
            raise DeliveryError(f"{target} could not start: {exc.strerror or exc}") from None
        if done.returncode != 0:
            raise DeliveryError(f"{target} exited with status {done.returncode}")

    return send


def targets(settings: NotifySettings) -> dict[str, Sender]:
    """The configured targets, by name (``webhook``, ``command``)."""
    found: dict[str, Sender] = {}
    if settings.webhook:
        found["webhook"] = webhook_sender(settings.webhook, settings.timeout)
    if settings.command:
        found["command"] = command_sender(settings.command, settings.timeout)
    return found


def credential_values(config: Config) -> tuple[str, ...]:
    """The values of the credential variables the accounts name (``*_env``), to keep out."""
    names = {
        value
        for account in config.accounts.values()
        for key, value in account.settings.items()
        if key.endswith("_env") and isinstance(value, str)
    }
    return tuple(sorted({v for n in names if len(v := os.environ.get(n, "")) >= 4}))


def encode(notice: Notice, secrets: Sequence[str] = ()) -> bytes:
    """The notice's JSON, with any of ``secrets`` that slipped into a text blanked out."""
    text = json.dumps(payload(notice), ensure_ascii=False)
    for secret in secrets:
        text = text.replace(json.dumps(secret, ensure_ascii=False)[1:-1], REDACTED)
    return text.encode()


class Notifier:
    """Queue notices for the configured events; deliver them on one background thread."""

    def __init__(
        self,
        events: frozenset[str],
        senders: Mapping[str, Sender],
        *,
        secrets: Sequence[str] = (),
        wait: Wait | None = None,
        capacity: int = CAPACITY,
    ) -> None:
        self.events = events
        self.senders = dict(senders)
        self.secrets = tuple(secrets)
        self._closing = threading.Event()
        self._wait = wait or self._closing.wait
        self._queue: queue.Queue[Notice | None] = queue.Queue(capacity)
        self._thread: threading.Thread | None = None
        self._start_lock = threading.Lock()

    def __call__(self, notice: Notice) -> None:
        """Queue ``notice`` if someone asked for its event; never blocks."""
        if notice.event not in self.events or not self.senders or self._closing.is_set():
            return
        self._start()
        try:
            self._queue.put_nowait(notice)
        except queue.Full:
            _warn("notify-dropped", notice, reason="too many notifications waiting")

    def close(self, within: float = CLOSE_WITHIN) -> None:
        """Stop taking notices; wait at most ``within`` seconds while what is queued is delivered
        (one try each from now on). The thread ends once the queue is empty, waited for or not."""
        self._closing.set()
        if self._thread is None:
            return
        with contextlib.suppress(queue.Full):  # full: the thread ends when it has emptied it
            self._queue.put_nowait(None)
        self._thread.join(within)

    def _start(self) -> None:
        with self._start_lock:
            if self._thread is None:
                self._thread = threading.Thread(target=self._run, name="notify", daemon=True)
                self._thread.start()

    def _run(self) -> None:
        while not (self._closing.is_set() and self._queue.empty()):
            notice = self._queue.get()
            if notice is None:
                return
            body = encode(notice, self.secrets)
            for name, send in self.senders.items():
                try:
                    self._deliver(notice, name, send, body)
                except Exception:  # a sender's bug must not end every later delivery
                    log.exception("notification failed", extra={"event": "notify-failed"})

    def _deliver(self, notice: Notice, name: str, send: Sender, body: bytes) -> None:
        """Try ``send`` until it works, backing off, at most :data:`ATTEMPTS` times."""
        delay = BACKOFF
        for attempt in range(1, ATTEMPTS + 1):
            try:
                send(body)
            except DeliveryError as exc:
                if attempt == ATTEMPTS or self._closing.is_set() or self._wait(delay):
                    _warn("notify-failed", notice, target=name, attempts=attempt, reason=exc)
                    return
                delay *= 2
            else:
                return


def _warn(event: str, notice: Notice, **fields: object) -> None:
    log_event(log, event, {"event": notice.event, **fields}, level=logging.WARNING)


def open_notifier(config: Config) -> Notifier:
    """The notifier of ``config`` ([notify]); it sends nothing when no target is configured."""
    settings = config.notify
    senders = targets(settings) if settings.enabled else {}
    return Notifier(settings.events, senders, secrets=credential_values(config))


@contextmanager
def notifying(config: Config) -> Iterator[Notify]:
    """A :data:`Notify` for one command; what it queued is delivered (within a limit) at exit."""
    notifier = open_notifier(config)
    try:
        yield notifier
    finally:
        notifier.close()
