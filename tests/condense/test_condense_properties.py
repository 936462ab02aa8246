"""Properties over random articles: every post fits, and no word is ever cut."""

from __future__ import annotations

import regex
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from posts import counting
from posts.condensing import condense
from posts.model import Article, CondenseOptions, Section

LABEL = regex.compile(r"^(?:\d+/\d+|🧵) ")
URL = "https://example.org/story"

# Words mixing what makes counting hard: accents, CJK (weight 2 on X), emoji, bare domains
# (23 on X), mentions; none longer than a post, so none may be broken.
_PIECES = st.sampled_from(
    [
        "tide",
        "anemone",
        "café",
        "naïve",
        "日本語",
        "海",
        "😀",
        "👩‍🔬",
        "🇯🇵",
        "data.example.org",
        "@lab",
        "x.com",
        "–",
        "12.4",
        "don't",
        "(Actinia",
        "equina)",
        "straße",
    ]
)
WORD = st.lists(_PIECES, min_size=1, max_size=3).map("".join)
SENTENCE = st.lists(WORD, min_size=1, max_size=40).map(lambda words: " ".join(words) + ".")
PARAGRAPH = st.lists(SENTENCE, min_size=1, max_size=4).map(" ".join)


@st.composite
def articles(draw: st.DrawFn) -> Article:
    paragraphs = tuple(draw(st.lists(PARAGRAPH, min_size=1, max_size=6)))
    return Article(
        title=draw(st.one_of(st.just(""), SENTENCE)),
        sections=(Section(None, paragraphs),),
        summary=draw(st.one_of(st.just(""), SENTENCE)),
        summary_source="explicit",
        hashtags=tuple(
            draw(st.lists(st.sampled_from(["Tides", "海洋", "123", "Open Data"]), max_size=3))
        ),
        url=draw(st.one_of(st.none(), st.just(URL))),
    )


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    article=articles(),
    platform=st.sampled_from(counting.PLATFORMS),
    mode=st.sampled_from(["single", "thread", "auto"]),
    max_posts=st.integers(min_value=1, max_value=8),
    numbering=st.sampled_from(["fraction", "thread", "none"]),
)
def test_every_post_fits_and_every_word_is_whole(
    article: Article, platform: str, mode: str, max_posts: int, numbering: str
) -> None:
    options = CondenseOptions(max_posts=max_posts, numbering=numbering)  # type: ignore[arg-type]
    rendition = condense(article, platform, mode=mode, options=options)
    assert 1 <= len(rendition.posts) <= max_posts
    source_words = set(" ".join([article.title, article.summary, *article.paragraphs]).split())
    cut_words = {word.rstrip(",;:") for word in source_words}  # "word," may end as "word…"
    for post in rendition.posts:
        assert counting.fits(platform, post.text), post.text
        for word in LABEL.sub("", post.text).split():
            if word in (URL, "…") or word.startswith("#"):
                continue
            if word.endswith("…"):
                assert word.removesuffix("…") in source_words | cut_words, (word, post.text)
            else:
                assert word in source_words, (word, post.text)
