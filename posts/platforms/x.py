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
    order=1,
)
