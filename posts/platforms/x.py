"""X: twitter-text's weighted length; refuses duplicates and three noncharacters."""

from posts.platforms.description import Platform

PLATFORM = Platform(
    name="x",
    display="X",
    limit=280,
    counting="posts.counting.rules:X",
    hashtag_cap=2,
    settings=("handle", "require_alt", "require_image"),
    invalid_chars=("\ufffe", "\ufeff", "\uffff"),  # twitter-text parseTweet's ``valid``
    endpoint=(None, "api.x.com"),
    duplicate_effect="X refuses duplicate posts and followers notice them",
    # A media id expires after the upload's ``expires_after_secs``, 86,400 (24 h) for images
    # (shared/docs/platform-rules.md §1.5; the upload response quoted in abraham/twitteroauth#1222);
    # half of that leaves room for a slow post and a clock that drifts.
    media_reuse_seconds=12 * 3600,
    order=1,
)
