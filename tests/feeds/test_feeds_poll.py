"""Polling feeds on a loopback server: exactly once, no floods, conditional GETs, failures.

Time is passed in (no sleeps): each poll runs at a time the test chooses.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import replace
from datetime import timedelta

import pytest

from posts.app.notices import Notice
from posts.config import load_config
from posts.feeds.parsing import normalised_link, parse_feed
from posts.feeds.polling import ENTRY_ATTEMPTS, Poll, poll_feed, queue_entry
from posts.queue import open_store
from posts.queue.drafts import ConflictError
from posts.queue.feeds import FeedStore
from tests.feeds.conftest import drafts, item, links, poll, serve_feed, write_config
from tests.feeds.feed_server import T0, FeedServer, Route

ACCOUNTS = ["feed-x", "feed-bsky"]
LATER = T0 + timedelta(hours=1)


def blog(site: FeedServer, **keys: object) -> None:
    write_config({"blog": {"url": site.url("/feed"), "to": ACCOUNTS, "when": "now", **keys}})


@pytest.mark.parametrize("kind", ["rss", "atom", "json"])
def test_first_poll_marks_then_each_new_entry_is_queued_once(site: FeedServer, kind: str) -> None:
    blog(site)
    serve_feed(site, [item(site, 2), item(site, 1)], kind)
    first = poll()
    assert (first.outcome, first.passed_over, first.queued) == ("primed", 2, ())
    assert drafts() == []

    serve_feed(site, [item(site, 3), item(site, 2), item(site, 1)], kind)
    second = poll(at=LATER)
    assert [e.identity for e in second.queued] == ["urn:entry:3"]
    assert sorted(d.account for d in second.queued[0].drafts) == sorted(ACCOUNTS)
    assert links() == [site.url("/a/3")] * 2

    edited = replace(item(site, 3), title="Harbour story 3 (corrected)", summary="new text")
    serve_feed(site, [item(site, 1), edited, item(site, 2)], kind)  # edited and re-ordered
    assert poll(at=LATER + timedelta(hours=1)).queued == ()
    assert poll(at=LATER + timedelta(hours=2)).queued == ()
    assert len(drafts()) == 2


def test_since_all_queues_the_backlog_oldest_first_a_few_per_poll(site: FeedServer) -> None:
    blog(site, since="all", max_per_poll=3)
    serve_feed(site, [item(site, n) for n in range(7, 0, -1)])  # newest first, as feeds are
    rounds = [poll(at=T0 + timedelta(hours=h)) for h in range(4)]
    queued = [[e.identity for e in r.queued] for r in rounds]
    assert queued == [
        ["urn:entry:1", "urn:entry:2", "urn:entry:3"],
        ["urn:entry:4", "urn:entry:5", "urn:entry:6"],
        ["urn:entry:7"],
        [],
    ]
    assert Counter(links()) == {site.url(f"/a/{n}"): 2 for n in range(1, 8)}


def test_a_burst_of_unseen_entries_queues_max_per_poll_and_warns(site: FeedServer) -> None:
    blog(site, max_per_poll=5, read="entry")
    serve_feed(site, [item(site, 0, summary="<p>The first story of the harbour.</p>")])
    poll()
    burst = [
        item(site, n, summary=f"<p>Story {n} about the harbour ferries.</p>") for n in range(1, 101)
    ]
    serve_feed(site, burst[::-1])
    report = poll(at=LATER)
    assert [e.identity for e in report.queued] == [f"urn:entry:{n}" for n in range(96, 101)]
    assert report.passed_over == 95
    assert "100 unseen entries at once" in report.warnings[0]
    assert len(drafts()) == 10
    assert poll(at=LATER + timedelta(hours=1)).queued == ()


def test_conditional_get_sends_the_validators_and_honours_304(site: FeedServer) -> None:
    blog(site)
    serve_feed(site, [item(site, 1)])
    site.routes["/feed"] = replace(
        site.routes["/feed"],
        etag='"v1"',
        headers={"Last-Modified": "Mon, 01 Jun 2026 08:00:00 GMT"},
    )
    poll()
    again = poll(at=LATER)
    assert again.outcome == "not-modified"
    sent = site.hits("/feed")[-1]
    assert sent["If-None-Match"] == '"v1"'
    assert sent["If-Modified-Since"] == "Mon, 01 Jun 2026 08:00:00 GMT"
    assert "application/rss+xml" in sent["Accept"]


FAILURES = {
    "500": Route(b"<p>Oops</p>", status=500, content_type="text/html"),
    "404": Route(b"<p>Gone</p>", status=404, content_type="text/html"),
    "html": Route(
        b"<!doctype html><html><body><p>Our blog</p></body></html>", content_type="text/html"
    ),
    "malformed": Route(b"<?xml version='1.0'?><rss version='2.0'><channel><item><title>x</ti"),
    "bad json": Route(
        b'{"version": "https://jsonfeed.org/version/1.1", "items": [',
        content_type="application/feed+json",
    ),
    "timeout": Route(b"<rss/>", delay=1.5),
    "50 MB": Route(endless=True),
}
SAID = {
    "500": "answered 500",
    "404": "answered 404",
    "html": "HTML page",
    "malformed": "not a well-formed feed",
    "bad json": "not well-formed JSON",
    "timeout": "timed out",
    "50 MB": "over 5 MB",
}


@pytest.mark.parametrize("kind", list(FAILURES))
def test_a_feed_that_cannot_be_read_is_retried_later(site: FeedServer, kind: str) -> None:
    blog(site, every="15m")
    site.routes["/feed"] = FAILURES[kind]
    report = poll(seconds=0.5)
    assert report.outcome == "failed"
    assert SAID[kind] in (report.error or "")
    assert "\n" not in (report.error or "")
    state = FeedStore(open_store(load_config().database, now=T0).db).states()["blog"]
    assert (state.failures, state.last_error) == (1, report.error)
    assert state.next_poll_at == T0 + timedelta(minutes=15)
    assert poll(at=T0 + timedelta(minutes=14), force=False).outcome == "not-due"
    if kind == "50 MB":
        assert site.sent["/feed"] < 12 * 1024 * 1024  # stopped soon after the 5 MB cap


def test_failures_back_off_and_retry_after_is_honoured(site: FeedServer) -> None:
    blog(site, every="10m")
    site.routes["/feed"] = Route(b"busy", status=500, content_type="text/plain")
    waits = []
    at = T0
    for _ in range(3):
        report = poll(at=at, force=False)
        assert report.outcome == "failed" and report.next_poll_at is not None
        waits.append(report.next_poll_at - at)
        at = report.next_poll_at
    assert waits == [timedelta(minutes=10), timedelta(minutes=20), timedelta(minutes=40)]
    site.routes["/feed"] = Route(b"slow down", status=503, headers={"Retry-After": "7200"})
    assert poll(at=at).next_poll_at == at + timedelta(hours=2)


def test_an_entry_whose_page_cannot_be_read_stays_unseen(site: FeedServer) -> None:
    blog(site)
    serve_feed(site, [item(site, 1)])
    poll()
    serve_feed(site, [item(site, 2, link=site.url("/missing")), item(site, 1)])
    page = site.routes.pop("/missing")
    report = poll(at=LATER)
    assert report.queued == () and "404" in report.warnings[0]
    state = FeedStore(open_store(load_config().database, now=T0).db).states()["blog"]
    assert "404" in (state.last_error or "") and state.failures == 0
    site.routes["/missing"] = page
    assert [e.identity for e in poll(at=LATER + timedelta(hours=1)).queued] == ["urn:entry:2"]


def test_entries_without_ids_are_known_by_their_normalised_link(site: FeedServer) -> None:
    blog(site)
    serve_feed(site, [item(site, 1, id="")], "json")
    poll()
    tracked = site.url("/a/1/?utm_source=feed#top")
    serve_feed(site, [item(site, 1, id="", link=tracked)], "json")
    assert poll(at=LATER).queued == ()
    assert normalised_link("HTTPS://Example.COM:443/a/?utm_medium=x&p=2#f") == (
        "https://example.com/a?p=2"
    )


def test_read_entry_uses_the_entry_content_and_tags_are_added(site: FeedServer) -> None:
    blog(site, read="entry", tags=["Harbour", "#Ferries"])
    serve_feed(site, [], "atom")
    poll()
    text = "<p>The harbour board approved night ferries on Tuesday after a long debate.</p>"
    serve_feed(
        site, [item(site, 1, link="https://riverside.example/ferries", summary=text)], "atom"
    )
    [entry] = poll(at=LATER).queued
    posts = " ".join(p.text for d in entry.drafts for p in d.parts)
    assert "night ferries" in posts and "#Harbour" in posts
    assert not site.hits("/a/1")  # the page was not fetched
    assert {d.source.url for d in entry.drafts} == {"https://riverside.example/ferries"}


def test_an_entry_is_never_stored_twice_even_by_two_pollers(site: FeedServer) -> None:
    blog(site, read="entry")
    serve_feed(site, [item(site, 1, summary="<p>Night ferries return to the harbour.</p>")])
    config = load_config()
    store = open_store(config.database, now=T0)
    [entry] = parse_feed(site.routes["/feed"].body, site.url("/feed"))
    FeedStore(store.db).claim("blog", site.url("/feed"), "w", T0, 60, True)
    first = Poll(store, config, T0, "one")
    assert len(queue_entry(first, config.feeds["blog"], entry)) == 2
    with pytest.raises(ConflictError):
        queue_entry(replace(first, worker="two"), config.feeds["blog"], entry)
    assert len(drafts()) == 2  # the second poller's drafts were rolled back with it


def test_when_hold_stores_drafts_awaiting_approval_and_next_slot_takes_slots(
    site: FeedServer,
) -> None:
    write_config(
        {
            "held": {"url": site.url("/feed"), "to": ["feed-x"], "when": "hold"},
            "slotted": {"url": site.url("/feed"), "to": ["feed-x"], "since": "all"},
        },
    )
    serve_feed(site, [item(site, 1)])
    poll("held")
    serve_feed(site, [item(site, 2), item(site, 1)])
    [held] = poll("held", at=LATER).queued
    slotted = poll("slotted", at=LATER).queued  # the backlog, oldest first, slot after slot
    assert [(d.status, d.approval) for d in held.drafts] == [("awaiting", "next-slot")]
    assert [e.drafts[0].scheduled_at for e in slotted] == [T0.replace(hour=13), T0.replace(hour=17)]


def test_a_poll_is_not_repeated_before_its_interval(site: FeedServer) -> None:
    blog(site, every="30m")
    serve_feed(site, [item(site, 1)])
    assert poll(force=False).outcome == "primed"
    assert poll(at=T0 + timedelta(minutes=29), force=False).outcome == "not-due"
    assert poll(at=T0 + timedelta(minutes=30), force=False).outcome == "polled"
    assert len(site.hits("/feed")) == 2


def test_dry_run_says_what_would_be_queued_and_changes_nothing(site: FeedServer) -> None:
    blog(site)
    serve_feed(site, [item(site, 1)])
    assert poll(dry_run=True).outcome == "primed"
    assert FeedStore(open_store(load_config().database, now=T0).db).states() == {}
    poll()
    serve_feed(site, [item(site, 2), item(site, 1)])
    would = poll(at=LATER, dry_run=True)
    assert [e.identity for e in would.queued] == ["urn:entry:2"] and would.queued[0].drafts == ()
    assert drafts() == [] and not site.hits("/a/2")


def test_a_feed_that_starts_failing_is_notified_once_per_streak(site: FeedServer) -> None:
    blog(site)
    site.routes["/feed"] = Route(b"<p>Oops</p>", status=500, content_type="text/html")
    config = load_config()
    store = open_store(config.database, now=T0)
    heard: list[Notice] = []
    for hours in range(3):
        at = T0 + timedelta(hours=hours)
        poll_feed(
            Poll(store, config, at, "w", notify=heard.append), config.feeds["blog"], force=True
        )
    assert [(n.event, n.feed) for n in heard] == [
        ("feed-error", {"name": "blog", "url": site.url("/feed")})
    ]
    assert "answered 500" in (heard[0].reason or "")


def test_an_entry_held_back_by_a_quota_is_never_given_up(site: FeedServer) -> None:
    quota = '[accounts.quota-x]\nplatform = "x"\nmock = true\ndaily_quota = 1\n'
    feed = {"url": site.url("/feed"), "to": ["quota-x"], "when": "now", "mode": "single"}
    write_config({"blog": {**feed, "since": "all"}}, extra=quota)
    serve_feed(site, [item(site, 2), item(site, 1)])
    reports = [poll(at=T0 + timedelta(minutes=m)) for m in range(ENTRY_ATTEMPTS + 1)]
    assert [e.identity for e in reports[0].queued] == ["urn:entry:1"]
    assert all(r.given_up == () and "daily_quota" in r.warnings[0] for r in reports)
    state = FeedStore(open_store(load_config().database, now=T0).db).states()["blog"]
    assert (state.entries_seen, state.entries_given_up) == (1, 0)
