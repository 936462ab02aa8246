"""Lint rules a social editor would want before anything goes out.

Each rule is a pure function of one draft's preview and, where it needs them, facts about the
other drafts of the same account (:class:`QueuedPost`), so every rule is tested on its own and
none of them touches the store.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta
from functools import lru_cache

from posts import platforms
from posts.condensing.hashtags import cap_for
from posts.condensing.review import review
from scheduler.preview.model import DraftPreview, LintWarning

LATE_LINK_INDEX = 2  # a link first seen in the third part or later is "late"...
# ...unless it is in the closing post, where Herald's thread shape puts it on purpose (a "read the
# article" post that everyone who follows the thread reaches); a link buried mid-thread is not.
LIVE_STATUSES = frozenset(
    {"draft", "awaiting", "scheduled", "publishing", "published", "partial", "unconfirmed"}
)  # drafts that are out, or will go out; cancelled/failed/missed ones never post again
WINDOW = timedelta(hours=24)


@dataclass(frozen=True)
class QueuedPost:
    """What the rules need to know about another draft of the same account."""

    draft_id: str
    account: str
    status: str
    at: datetime | None  # scheduled (or published) time, UTC; None for unscheduled drafts
    texts: tuple[str, ...]


@dataclass(frozen=True)
class LintLimits:
    """The account's editorial limits, resolved from its config and the platform defaults."""

    hashtag_cap: int | None
    max_posts: int
    pacing_gap: timedelta
    daily_quota: int | None
    account_problem: str | None = None  # why the account cannot publish now (see registry)


def _part_label(index: int, count: int) -> str:
    return f"part {index + 1}/{count}"


def over_limit(draft: DraftPreview) -> list[LintWarning]:
    """A part longer than the platform allows (usually after an edit): the platform refuses it."""
    count = len(draft.parts)
    return [
        LintWarning(
            "over-limit",
            f"{_part_label(p.index, count)} is {p.length}/{p.limit}: {draft.platform} refuses "
            f"posts over {p.limit}; cut {p.length - p.limit}",
            p.index,
        )
        for p in draft.parts
        if p.length > p.limit
    ]


def too_many_hashtags(draft: DraftPreview, cap: int | None) -> list[LintWarning]:
    """More distinct hashtags than the account's cap (else the platform's default): posts heavy
    with tags read as spam."""
    tags = {
        s.target.casefold() for p in draft.parts for s in p.spans if s.kind == "tag" and s.target
    }
    most = cap_for(draft.platform, cap)
    if len(tags) <= most:
        return []
    whose = "the account's cap" if cap is not None else f"the {draft.platform} default cap"
    return [
        LintWarning(
            "hashtags",
            f"{len(tags)} hashtags, {whose} is {most}: tag-heavy posts read as spam "
            "and reach fewer people",
        )
    ]


def editing(draft: DraftPreview) -> list[LintWarning]:
    """What an editor sees in the texts: a sentence split across posts, a post opening with a
    word that leans on what came before, a post of hashtags only (posts.condensing.review)."""
    texts = [p.text for p in draft.parts]
    return [
        LintWarning(rule, message, index)
        for rule, message, index in review(texts, draft.platform)
        if rule != "hashtags"  # too_many_hashtags counts them with the account's cap
    ]


def link_placement(draft: DraftPreview) -> list[LintWarning]:
    """The article link only in a middle part, or nowhere: readers who stop early never see it."""
    if draft.url is None:
        return [LintWarning("link", "no link: the draft has no link to the article")]
    index = draft.link_part
    if draft.card is not None and (index is None or draft.card.part < index):
        index = draft.card.part
    count = len(draft.parts)
    if index is None:
        return [LintWarning("link", f"the article link {draft.url} is in no part and no card")]
    if index < LATE_LINK_INDEX or index == count - 1:
        return []
    return [
        LintWarning(
            "link",
            f"the link first appears in {_part_label(index, count)}: most readers stop after "
            f"the first posts; put it in part 1 or 2, or in the closing post",
            index,
        )
    ]


def thread_too_long(draft: DraftPreview, max_posts: int) -> list[LintWarning]:
    """More parts than the configured maximum: long threads lose readers at every post."""
    if len(draft.parts) <= max_posts:
        return []
    return [
        LintWarning(
            "thread-length",
            f"{len(draft.parts)} parts, the maximum is {max_posts}: shorten it or split the story",
        )
    ]


@lru_cache(maxsize=65536)  # every draft is compared with the same history
def _normalise(text: str) -> str:
    return " ".join(text.split()).casefold()


def _others(draft: DraftPreview, queued: Iterable[QueuedPost]) -> list[QueuedPost]:
    return [
        q
        for q in queued
        if q.account == draft.account and q.draft_id != draft.draft_id and q.status in LIVE_STATUSES
    ]


def duplicates(draft: DraftPreview, queued: Iterable[QueuedPost]) -> list[LintWarning]:
    """Parts whose text is already published or queued for this account: platforms refuse them.

    One warning per earlier draft, naming the repeated parts.
    """
    seen: dict[str, QueuedPost] = {}
    for other in _others(draft, queued):
        for text in other.texts:
            seen.setdefault(_normalise(text), other)
    repeated: dict[str, tuple[QueuedPost, list[int]]] = {}
    for part in draft.parts:
        earlier = seen.get(_normalise(part.text))
        if earlier is not None:
            repeated.setdefault(earlier.draft_id, (earlier, []))[1].append(part.index)
    count = len(draft.parts)
    warnings = []
    for earlier, indexes in repeated.values():
        if len(indexes) == 1:
            which = f"{_part_label(indexes[0], count)} repeats"
        elif len(indexes) == count:
            which = f"all {count} parts repeat"
        else:
            which = f"parts {', '.join(str(i + 1) for i in indexes)} of {count} repeat"
        warnings.append(
            LintWarning(
                "duplicate",
                f"{which} draft {earlier.draft_id} ({earlier.status}) word for word: "
                f"{_duplicate_effect(draft.platform)}",
                indexes[0],
            )
        )
    return warnings


def _duplicate_effect(platform: str) -> str:
    """What a repeated post costs where the platform refuses it; elsewhere only readers mind."""
    return platforms.get(platform).duplicate_effect or "followers notice repeated posts"


def collisions(
    draft: DraftPreview, queued: Iterable[QueuedPost], gap: timedelta
) -> list[LintWarning]:
    """Another draft for the account within the pacing gap: one of them will be pushed back."""
    if draft.scheduled_at is None or gap <= timedelta(0):
        return []
    close = sorted(
        (abs(q.at - draft.scheduled_at), q.draft_id)
        for q in _others(draft, queued)
        if q.at is not None and abs(q.at - draft.scheduled_at) < gap
    )
    return [
        LintWarning(
            "collision",
            f"draft {other} goes out {_minutes(delta)} apart on {draft.account}, closer than "
            f"the {_minutes(gap)} pacing gap; one of them will wait",
        )
        for delta, other in close
    ]


def _minutes(delta: timedelta) -> str:
    minutes = int(delta.total_seconds() // 60)
    return f"{minutes} min" if minutes < 120 else f"{minutes / 60:.1f} h"


def quota(
    draft: DraftPreview, queued: Iterable[QueuedPost], daily_quota: int | None
) -> list[LintWarning]:
    """More posts in some 24 h window than the account's daily quota: the platform will refuse."""
    if daily_quota is None or draft.scheduled_at is None:
        return []
    at = draft.scheduled_at
    events = [(at, len(draft.parts))] + [
        (q.at, len(q.texts))
        for q in _others(draft, queued)
        if q.at is not None and abs(q.at - at) < WINDOW
    ]
    # The busiest window holding this draft starts at one of the posts at or before it.
    worst = max(
        (sum(n for t, n in events if start <= t < start + WINDOW), start)
        for start, _ in events
        if start <= at
    )
    total, start = worst
    if total <= daily_quota:
        return []
    return [
        LintWarning(
            "quota",
            f"{total} posts on {draft.account} in the 24 h from {start:%Y-%m-%d %H:%M} UTC, the "
            f"daily quota is {daily_quota}: the platform refuses posts over it",
        )
    ]


def missing_alt(draft: DraftPreview) -> list[LintWarning]:
    """An image without alt text says nothing to people who cannot see it (Bluesky badges such
    posts; an account with ``require_alt`` refuses to schedule them)."""
    count = len(draft.parts)
    return [
        LintWarning(
            "alt-text",
            f"{_part_label(p.index, count)}: the image {i.src} has no alt text; describe it "
            "(queue edit ID --alt TEXT, or --alt when queueing)",
            p.index,
        )
        for p in draft.parts
        for i in p.images
        if not i.alt
    ]


def account_not_ready(account: str, problem: str | None) -> list[LintWarning]:
    """The account cannot publish as configured: its drafts will be held, not sent, at their
    time, until the config or the credentials are fixed."""
    return [] if problem is None else [LintWarning("account", not_ready(account, problem))]


def not_ready(account: str, problem: str) -> str:
    """The ``account`` warning's text (``herald queue add`` prints it too)."""
    return f"{problem}; {account}'s drafts are held at their time until this is fixed"


Rule = Callable[[DraftPreview, Sequence[QueuedPost], LintLimits], list[LintWarning]]

RULES: tuple[Rule, ...] = (
    lambda d, q, lim: account_not_ready(d.account, lim.account_problem),
    lambda d, q, lim: over_limit(d),
    lambda d, q, lim: too_many_hashtags(d, lim.hashtag_cap),
    lambda d, q, lim: link_placement(d),
    lambda d, q, lim: missing_alt(d),
    lambda d, q, lim: editing(d),
    lambda d, q, lim: thread_too_long(d, lim.max_posts),
    lambda d, q, lim: duplicates(d, q),
    lambda d, q, lim: collisions(d, q, lim.pacing_gap),
    lambda d, q, lim: quota(d, q, lim.daily_quota),
)


def lint(
    draft: DraftPreview, queued: Sequence[QueuedPost], limits: LintLimits
) -> list[LintWarning]:
    """Every rule's warnings for ``draft``, in rule order."""
    return [w for rule in RULES for w in rule(draft, queued, limits)]
