"""Reading feed documents: identities, order, and any bytes at all read or refused in one line."""

from __future__ import annotations

import json
from dataclasses import replace

from hypothesis import given
from hypothesis import strategies as st

from posts.feeds.parsing import FeedError, normalised_link, oldest_first, parse_feed
from tests.feeds.feed_server import Item, atom, json_feed, rss

BASE = "https://riverside.example/feed"


def test_identity_is_the_id_else_the_guid_else_the_normalised_link() -> None:
    items = [
        Item(1, link="https://riverside.example/a/1", id="tag:riverside,2026:1"),
        Item(2, link="https://Riverside.example:443/a/2/?utm_campaign=x#top", id=""),
    ]
    for document in (rss(items), atom(items), json_feed(items)):
        entries = parse_feed(document, BASE)
        assert [e.identity for e in entries] == [
            "tag:riverside,2026:1",
            "https://riverside.example/a/2",
        ]


def test_an_entry_links_its_article_without_feedburner_s_tracking_parameters() -> None:
    link = "https://riverside.example/a/2?page=2&utm_source=feedburner&utm_medium=feed"
    for document in (rss([Item(2, link=link)]), atom([Item(2, link=link)])):
        assert [e.link for e in parse_feed(document, BASE)] == [
            "https://riverside.example/a/2?page=2"
        ]


def test_json_feed_numeric_ids_relative_links_and_entries_without_identity() -> None:
    document = {
        "version": "https://jsonfeed.org/version/1",
        "items": [{"id": 42, "url": "/a/42", "title": "A"}, {"title": "no id, no link"}, "junk"],
    }
    [entry] = parse_feed(json.dumps(document).encode(), BASE)
    assert (entry.identity, entry.link) == ("42", "https://riverside.example/a/42")


def test_oldest_first_by_date_else_reverse_document_order() -> None:
    dated = parse_feed(rss([Item(2), Item(3), Item(1)]), BASE)
    assert [e.identity for e in oldest_first(dated)] == [f"urn:entry:{n}" for n in (1, 2, 3)]
    undated = [
        replace(e, published=None) for e in parse_feed(rss([Item(3), Item(2), Item(1)]), BASE)
    ]
    assert [e.identity for e in oldest_first(undated)] == [f"urn:entry:{n}" for n in (1, 2, 3)]


def test_json_that_is_not_a_json_feed_is_refused() -> None:
    for document in (
        b"[1, 2]",
        b'{"items": []}',
        b'{"version": "https://jsonfeed.org/version/1.1"}',
    ):
        try:
            parse_feed(document, BASE)
        except FeedError as exc:
            assert BASE in str(exc)
        else:
            raise AssertionError(document)


@given(st.binary(max_size=400) | st.text(max_size=300).map(str.encode))
def test_any_bytes_are_entries_or_one_feed_error(data: bytes) -> None:
    try:
        entries = parse_feed(data, BASE)
    except FeedError as exc:
        assert "\n" not in str(exc)
    else:
        assert all(e.identity for e in entries)


@given(
    st.sampled_from(["http", "https", "HTTP"]),
    st.from_regex(r"[a-z]{1,8}(/[a-z0-9]{0,5}){0,3}/?", fullmatch=True),
    st.sampled_from(["", "?utm_source=a", "?p=1&utm_medium=b", "#x"]),
)
def test_a_normalised_link_stays_as_it_is(scheme: str, path: str, tail: str) -> None:
    once = normalised_link(f"{scheme}://Example.org/{path}{tail}")
    assert normalised_link(once) == once and "utm_" not in once and "#" not in once
