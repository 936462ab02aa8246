"""Shared pieces for the scheduler tests: a hand-driven clock, a store, mock accounts."""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from posts.config import Account
from posts.queue import DraftStore, NewDraft, NewPart, Source, open_store
from scheduler.adapters.base import Adapter
from scheduler.adapters.mock import Failure, MockAdapter, MockNoLookupAdapter, read_outbox
from scheduler.retry import AccountGates

T0 = datetime(2026, 3, 2, 9, 0, tzinfo=UTC)


class FakeClock:
    """Time that moves only when a test says so."""

    def __init__(self, start: datetime = T0) -> None:
        self.start = self.now = start

    def __call__(self) -> datetime:
        return self.now

    def advance(self, seconds: float) -> datetime:
        self.now += timedelta(seconds=seconds)
        return self.now


@dataclass
class Harness:
    """A store, a clock and mock accounts sharing one outbox."""

    store: DraftStore
    clock: FakeClock
    outbox: Path
    adapters: dict[str, Adapter] = field(default_factory=dict)
    gates: AccountGates = field(default_factory=AccountGates)  # carried between ticks

    def account(
        self,
        name: str,
        platform: str = "x",
        fail: Sequence[str] = (),
        lookup: bool = True,
    ) -> MockAdapter:
        kind = MockAdapter if lookup else MockNoLookupAdapter
        adapter = kind(
            Account(name=name, platform=platform, mock=True),
            self.outbox,
            failures=[Failure.parse(f, name) for f in fail],
            clock=self.clock,
        )
        self.adapters[name] = adapter
        return adapter

    def queue(self, account: str, *texts: str, at: datetime | None = None) -> str:
        platform = self.adapters[account].account.platform  # type: ignore[attr-defined]
        new = NewDraft(
            account=account,
            platform=platform,
            source=Source(path="article.md", content_hash="0" * 64, title="An article"),
            parts=tuple(NewPart(text=t, length=len(t)) for t in texts),
            scheduled_at=at or self.clock(),
        )
        return self.store.add([new], now=self.clock())[0].id

    def lines(self) -> list[dict[str, object]]:
        return read_outbox(self.outbox)


@pytest.fixture
def harness(tmp_path: Path) -> Iterator[Harness]:
    clock = FakeClock()
    store = open_store(str(tmp_path / "queue.db"), busy_timeout=5, now=clock())
    yield Harness(store, clock, tmp_path / "outbox.jsonl")
    store.close()
