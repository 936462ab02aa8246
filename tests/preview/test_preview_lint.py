"""Each lint rule on its own: it fires with its reason when it should, and stays quiet otherwise."""

from __future__ import annotations

from datetime import timedelta

import pytest

from scheduler.preview import lint
from scheduler.preview.lint import LintLimits, QueuedPost
from scheduler.preview.model import LinkCard

from .conftest import NOW, MakeDraft


def test_over_limit_names_the_part_and_how_much_to_cut(make_draft: MakeDraft) -> None:
    draft = make_draft(["short", "x" * 290], limit=280)
    [warning] = lint.over_limit(draft)
    assert warning.rule == "over-limit" and warning.part == 1
    assert "part 2/2 is 290/280" in warning.message and "cut 10" in warning.message
    assert lint.over_limit(make_draft(["x" * 280])) == []


def test_hashtags_over_the_cap_count_distinct_tags(make_draft: MakeDraft) -> None:
    draft = make_draft(["#One #two #Three", "#one again"])
    [warning] = lint.too_many_hashtags(draft, cap=2)
    assert warning.message.startswith("3 hashtags, the account's cap is 2")
    assert lint.too_many_hashtags(draft, cap=3) == []
    [default] = lint.too_many_hashtags(draft, cap=None)
    assert default.message.startswith("3 hashtags, the x default cap is 2")
    assert lint.too_many_hashtags(make_draft(["#One #two"]), cap=None) == []


def test_link_only_in_a_late_part(make_draft: MakeDraft) -> None:
    late = make_draft(["hook", "point", "point", "read https://example.org/a", "thanks"])
    [warning] = lint.link_placement(late)
    assert warning.part == 3 and "part 4/5" in warning.message
    early = make_draft(["hook https://example.org/a/", "point", "point"])
    assert lint.link_placement(early) == []


def test_the_closing_post_is_where_a_thread_link_belongs(make_draft: MakeDraft) -> None:
    closing = make_draft(["hook", "point", "point", "read https://example.org/a"])
    assert lint.link_placement(closing) == []


def test_a_card_on_the_first_part_counts_as_an_early_link(make_draft: MakeDraft) -> None:
    card = LinkCard("https://example.org/a", "T", "D", part=0)
    draft = make_draft(["hook", "point", "point", "https://example.org/a"], card=card)
    assert lint.link_placement(draft) == []


def test_missing_link_is_reported(make_draft: MakeDraft) -> None:
    [warning] = lint.link_placement(make_draft(["no link here"]))
    assert "in no part" in warning.message
    [none] = lint.link_placement(make_draft(["no link"], url=None))
    assert none.message.startswith("no link:")


def test_thread_longer_than_the_maximum(make_draft: MakeDraft) -> None:
    draft = make_draft([f"part {i} https://example.org/a" for i in range(7)])
    [warning] = lint.thread_too_long(draft, max_posts=6)
    assert warning.message.startswith("7 parts, the maximum is 6")
    assert lint.thread_too_long(draft, max_posts=7) == []


def _queued(draft_id: str, *texts: str, at=NOW, status="published", account="demo-x") -> QueuedPost:  # type: ignore[no-untyped-def]
    return QueuedPost(draft_id, account, status, at, texts)


def test_duplicate_text_of_another_live_draft_of_the_same_account(make_draft: MakeDraft) -> None:
    draft = make_draft(["Hello  WORLD", "second"])
    queued = [
        _queued("old", "hello world"),
        _queued("gone", "second", status="cancelled"),  # never goes out: not a duplicate
        _queued("elsewhere", "second", account="demo-bluesky"),
        _queued("d1", "second"),  # the draft itself
    ]
    [warning] = lint.duplicates(draft, queued)
    assert warning.part == 0 and "part 1/2 repeats draft old (published)" in warning.message


def test_duplicates_are_one_warning_per_earlier_draft(make_draft: MakeDraft) -> None:
    draft = make_draft(["one", "two", "three"])
    whole = lint.duplicates(draft, [_queued("all", "one", "two", "three")])
    assert [w.message.split(" word")[0] for w in whole] == [
        "all 3 parts repeat draft all (published)"
    ]
    some = lint.duplicates(draft, [_queued("a", "one", "three"), _queued("b", "two")])
    assert [w.message.split(" (")[0] for w in some] == [
        "parts 1, 3 of 3 repeat draft a",
        "part 2/3 repeats draft b",
    ]


def test_duplicate_warning_names_what_the_platform_itself_does(make_draft: MakeDraft) -> None:
    [on_x] = lint.duplicates(make_draft(["same"]), [_queued("old", "same")])
    assert "X refuses duplicate posts" in on_x.message
    bluesky = make_draft(["same"], platform="bluesky", account="demo-bluesky")
    [on_bluesky] = lint.duplicates(bluesky, [_queued("old", "same", account="demo-bluesky")])
    assert "X" not in on_bluesky.message and "followers notice" in on_bluesky.message


def test_schedule_collision_within_the_pacing_gap(make_draft: MakeDraft) -> None:
    draft = make_draft()
    queued = [
        _queued("near", "a", at=NOW + timedelta(minutes=10), status="scheduled"),
        _queued("far", "b", at=NOW + timedelta(hours=2), status="scheduled"),
        _queued("unscheduled", "c", at=None, status="draft"),
    ]
    [warning] = lint.collisions(draft, queued, gap=timedelta(minutes=30))
    assert "draft near goes out 10 min apart" in warning.message
    assert "30 min pacing gap" in warning.message
    assert lint.collisions(draft, queued, gap=timedelta(0)) == []
    assert lint.collisions(make_draft(at=None), queued, gap=timedelta(hours=5)) == []


def test_quota_counts_posts_in_the_busiest_24_hour_window(make_draft: MakeDraft) -> None:
    draft = make_draft(["a", "b", "c"])  # 3 posts at NOW
    queued = [
        _queued("before", *"12345", at=NOW - timedelta(hours=20)),  # window from -20 h: 5 + 3
        _queued("after", *"678", at=NOW + timedelta(hours=23)),  # window from NOW: 3 + 3
        _queued("old", *"9" * 9, at=NOW - timedelta(hours=30)),  # no 24 h window holds both
    ]
    [warning] = lint.quota(draft, queued, daily_quota=7)
    assert warning.message.startswith("8 posts on demo-x in the 24 h from 2026-11-23 16:00 UTC")
    assert lint.quota(draft, queued, daily_quota=8) == []
    assert lint.quota(draft, queued, daily_quota=None) == []


def test_lint_runs_every_rule_in_order(make_draft: MakeDraft) -> None:
    texts = ["x" * 300, "#a #b #c", "Point.", "Point https://example.org/a", "Point."]
    draft = make_draft(texts)
    limits = LintLimits(hashtag_cap=2, max_posts=3, pacing_gap=timedelta(0), daily_quota=1)
    rules = [w.rule for w in lint.lint(draft, [_queued("old", "Point.")], limits)]
    assert rules == [
        "over-limit",
        "hashtags",
        "link",
        "tags-only",
        "thread-length",
        "duplicate",
        "quota",
    ]


def test_editing_sees_a_split_sentence_a_dangling_opening_and_a_post_of_tags(
    make_draft: MakeDraft,
) -> None:
    draft = make_draft(
        [
            "1/4 The council approved the budget after a long night,",
            "2/4 which the mayor called historic.",
            "3/4 But the vote was close.",
            "4/4 #CityBudget #Transit",
        ]
    )
    found = [(w.rule, w.part) for w in lint.editing(draft)]
    assert found == [
        ("split-sentence", 0),
        ("dangling-start", 1),
        ("dangling-start", 2),
        ("tags-only", 3),
    ]
    assert lint.editing(make_draft(["1/2 Whole sentence.", "2/2 Another one."])) == []


@pytest.mark.parametrize(
    ("posts", "found"),
    [
        (  # a quote said by "she" leans back only when it opens the post
            [
                "1/3 Volunteers counted the bats.",
                '2/3 Dr. Okafor checked the recordings. "They fly low," she said.',
                '3/3 "It was dark. We left early," she said.',
            ],
            [("dangling-start", 2)],
        ),
        (  # an impersonal it, il or es does not lean back
            [
                "1/6 Volunteers counted the bats.",
                "2/6 It is clear that the canal helped.",
                "3/6 Il me semble que Philippe Muray en parle.",
                "4/6 Es gibt viele Gründe dafür.",
                "5/6 It takes years to grow a reed bed.",
                "6/6 It was him that found them.",
            ],
            [("dangling-start", 5)],
        ),
        (  # a post stopping on a function word was cut mid-phrase
            [
                "1/2 The Monsoon Session witnessed disruptions as the government introduced the",
                "2/2 Public Examinations Amendment Bill.",
            ],
            [("split-sentence", 0)],
        ),
    ],
)
def test_what_the_lint_sees_in_openings_and_endings(
    make_draft: MakeDraft, posts: list[str], found: list[tuple[str, int]]
) -> None:
    assert [(w.rule, w.part) for w in lint.editing(make_draft(posts))] == found
