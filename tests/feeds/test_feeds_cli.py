"""`herald feeds poll` and `herald feeds list` through Click, and the [feeds] config's errors."""

from __future__ import annotations

import json
from datetime import timedelta

import pytest
from click.testing import CliRunner

from scheduler.cli.main import cli
from scheduler.cli.state import State
from tests.feeds.conftest import item, serve_feed, write_config
from tests.feeds.feed_server import T0, FeedServer, Route


def herald(*args: str, at: object = T0) -> tuple[int, str, str]:
    result = CliRunner().invoke(cli, list(args), obj=State(lambda: at))  # type: ignore[arg-type, return-value]
    return result.exit_code, result.stdout, result.stderr


def test_poll_then_list_shows_what_happened(site: FeedServer) -> None:
    write_config({"blog": {"url": site.url("/feed"), "to": ["feed-x", "feed-bsky"], "when": "now"}})
    serve_feed(site, [item(site, 1)])
    code, out, _ = herald("feeds", "list")
    assert code == 0 and "not polled yet" in out
    code, out, _ = herald("feeds", "poll")
    assert code == 0 and "first poll: 1 entry marked as seen, none queued" in out
    serve_feed(site, [item(site, 2), item(site, 1)])
    code, out, _ = herald("feeds", "poll", "blog", "--dry-run", at=T0 + timedelta(hours=1))
    assert "blog: would queue 1 new entry" in out and site.url("/a/2") in out
    code, out, _ = herald("feeds", "poll", "--json", at=T0 + timedelta(hours=1))
    [report] = json.loads(out)
    assert report["outcome"] == "polled" and len(report["queued"][0]["drafts"]) == 2
    code, out, _ = herald("feeds", "list", "--json")
    [listed] = json.loads(out)
    assert (listed["entries_seen"], listed["drafts_queued"], listed["last_error"]) == (2, 2, None)
    assert listed["last_new_at"] == "2026-06-01T09:00:00Z"
    code, out, _ = herald("feeds", "list")
    assert "entries seen: 2, drafts queued: 2" in out and "(Harbour story 2)" in out


def test_a_failing_feed_exits_1_with_its_error_on_stderr_and_in_the_list(site: FeedServer) -> None:
    write_config({"blog": {"url": site.url("/feed"), "to": ["feed-x"], "when": "now"}})
    site.routes["/feed"] = Route(b"<p>no</p>", status=404, content_type="text/html")
    code, out, err = herald("feeds", "poll")
    assert code == 1 and "answered 404 Not Found (client error)" in err
    assert "blog: could not be read; next try 2026-06-01 08:15 UTC" in out
    code, out, _ = herald("feeds", "list")
    assert "last error (1 failed polls in a row)" in out and "404" in out


def test_unknown_feed_and_no_feeds_are_one_line_errors(site: FeedServer) -> None:
    code, _, err = herald("feeds", "poll")
    assert code == 2 and err.startswith("Error: no feeds configured") and err.count("\n") == 1
    write_config({"blog": {"url": site.url("/feed"), "to": ["feed-x"], "when": "now"}})
    code, _, err = herald("feeds", "poll", "nope")
    assert code == 2 and "unknown feed 'nope'; configured feeds: blog" in err


BAD = {
    "url = 'ftp://x/feed'\nto = ['feed-x']": "expected an http(s) address",
    "url = 'http://x/'\nto = ['ghost']": "unknown account 'ghost'",
    "url = 'http://x/'\nto = []": "expected a list of account names",
    "url = 'http://x/'\nto = ['feed-x']\nevery = '2 weeks'": "expected a span like",
    "url = 'http://x/'\nto = ['feed-x']\nevery = '1s'": "from 5 seconds to 7 days",
    "url = 'http://x/'\nto = ['feed-x']\nwhen = 'later'": "next-slot, now, hold",
    "url = 'http://x/'\nto = ['feed-x']\nread = 'all'": "page, entry",
    "url = 'http://x/'\nto = ['feed-x']\nmax_per_poll = 0": "from 1 to 100",
    "url = 'http://x/'\nto = ['feed-x']\nsince = 'yesterday'": "new, all",
    "url = 'http://x/'\nto = ['feed-x']\ntags = [1]": "expected a list of hashtags",
    "url = 'http://x/'\nto = ['feed-x']\ncolour = 'red'": "unknown key 'feeds.blog.colour'",
    "to = ['feed-x']": "feed 'blog' has no 'url'",
}


@pytest.mark.parametrize("body", list(BAD))
def test_a_bad_feed_config_is_one_line_and_exit_2(body: str) -> None:
    write_config({}, extra=f"[feeds.blog]\n{body}\n")
    code, _, err = herald("feeds", "list")
    assert code == 2 and err.count("\n") == 1 and BAD[body] in err, err


def test_next_slot_needs_slots_on_every_account() -> None:
    write_config(
        {},
        extra="[accounts.bare]\nplatform = 'x'\nmock = true\n"
        "[feeds.blog]\nurl = 'http://x/'\nto = ['bare']\n",
    )
    code, _, err = herald("feeds", "list")
    assert code == 2 and "which has no posting slots" in err


def test_an_entry_given_up_is_reported_once_and_counted_in_the_list(site: FeedServer) -> None:
    write_config({"blog": {"url": site.url("/feed"), "to": ["feed-x"], "when": "now"}})
    serve_feed(site, [])
    herald("feeds", "poll")
    serve_feed(site, [item(site, 1, link=site.url("/gone"))])
    site.routes["/gone"] = Route(b"<p>Gone</p>", status=404, content_type="text/html")
    outputs = [herald("feeds", "poll", "--json", at=T0 + timedelta(hours=h)) for h in (1, 2, 3)]
    reports = [json.loads(out)[0] for _, out, _ in outputs]
    assert [len(r["given_up"]) for r in reports] == [0, 0, 1]
    [gone] = reports[-1]["given_up"]
    assert gone["link"] == site.url("/gone") and "404" in gone["error"]
    assert "given up after 3 failed polls (not tried again)" in outputs[-1][2]
    code, out, err = herald("feeds", "poll", at=T0 + timedelta(hours=4))
    assert (code, out, err) == (0, "blog: nothing new\n", "")
    code, out, _ = herald("feeds", "list")
    assert "1 entry given up (unreadable at 3 polls, not tried again)" in out
    code, out, _ = herald("feeds", "list", "--json")
    assert json.loads(out)[0]["entries_given_up"] == 1
