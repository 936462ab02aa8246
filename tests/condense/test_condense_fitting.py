"""Every post fits its platform exactly, threads stay within bounds, nothing is cut mid-word."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace

import pytest

from posts import counting
from posts.condensing import condense
from posts.errors import InputError
from posts.model import Article, CondenseOptions, Section
from tests.condense.conftest import ARTICLES, PLATFORMS

LABEL = r"^\d+/\d+ "


def plain(title: str, summary: str, *paragraphs: str, url: str | None = None) -> Article:
    return Article(
        title=title,
        sections=(Section(None, paragraphs),),
        summary=summary,
        summary_source="explicit",
        hashtags=(),
        url=url,
    )


@pytest.mark.parametrize("name", ARTICLES)
@pytest.mark.parametrize("platform", PLATFORMS)
@pytest.mark.parametrize("mode", ["single", "thread", "auto"])
@pytest.mark.parametrize("numbering", ["fraction", "thread", "none"])
def test_every_post_fits_its_platform(
    article: Callable[[str], Article], name: str, platform: str, mode: str, numbering: str
) -> None:
    options = CondenseOptions(numbering=numbering)  # type: ignore[arg-type]
    rendition = condense(article(name), platform, mode=mode, options=options)
    assert rendition.posts
    for post in rendition.posts:
        assert counting.fits(platform, post.text), post.text
        assert post.length == counting.measure(platform, post.text) <= rendition.limit
    if mode != "auto":  # a thread whose content comes to one post is a single post
        assert rendition.mode == mode or (mode == "thread" and len(rendition.posts) == 1)
    assert not rendition.posts[0].text.startswith("1/1")


@pytest.mark.parametrize("platform", PLATFORMS)
@pytest.mark.parametrize("max_posts", [2, 3, 4, 6, 9])
def test_threads_never_exceed_max_posts(
    article: Callable[[str], Article], platform: str, max_posts: int
) -> None:
    options = CondenseOptions(max_posts=max_posts)
    rendition = condense(article("city-budget.md"), platform, mode="thread", options=options)
    assert 2 <= len(rendition.posts) <= max_posts
    assert rendition.posts[-1].text.startswith(f"{len(rendition.posts)}/{len(rendition.posts)} ")


def test_fraction_numbering_counts_the_real_total(article: Callable[[str], Article]) -> None:
    posts = condense(article("city-budget.md"), "x", mode="thread").posts
    total = len(posts)
    assert [p.text.split(" ", 1)[0] for p in posts] == [f"{i}/{total}" for i in range(1, total + 1)]


def test_thread_numbering_marks_only_the_first_post(article: Callable[[str], Article]) -> None:
    options = CondenseOptions(numbering="thread")
    posts = condense(article("city-budget.md"), "x", mode="thread", options=options).posts
    assert posts[0].text.startswith("🧵 ")
    assert not any("🧵" in p.text for p in posts[1:])


def test_no_numbering_leaves_posts_unmarked(article: Callable[[str], Article]) -> None:
    options = CondenseOptions(numbering="none")
    posts = condense(article("city-budget.md"), "bluesky", mode="thread", options=options).posts
    assert posts[0].text.startswith("Riverside Council Passes")
    assert not any(p.text.startswith(("🧵", "1/", "2/")) for p in posts)


def test_a_summary_just_over_one_post_is_rebalanced_not_left_as_a_tiny_tail() -> None:
    words = " ".join(["anemone"] * 37) + "."  # 296 characters: one post and a few words
    options = CondenseOptions(numbering="none")
    first, second = condense(plain("", words), "x", mode="thread", options=options).posts
    assert first.length + second.length == 295  # the space between goes
    assert min(first.length, second.length) >= 0.25 * 280, (first.length, second.length)


def test_a_long_sentence_splits_at_a_clause_before_a_word() -> None:
    clause = "the council argued about the buses for hours, "
    sentence = (clause * 8).rstrip(", ") + "."
    options = CondenseOptions(numbering="none")
    posts = condense(plain("", sentence), "x", mode="thread", options=options).posts
    assert len(posts) >= 2
    assert all(p.text.endswith(",") for p in posts[:-1]), [p.text for p in posts]


def test_a_token_longer_than_the_limit_is_the_only_thing_broken() -> None:
    token = "z" * 450  # longer than a post, within the two posts a summary may take
    options = CondenseOptions(numbering="none")
    article = plain("", f"Look at this {token} thing.")
    posts = condense(article, "bluesky", mode="thread", options=options).posts
    texts = [p.text for p in posts]
    assert all(counting.fits("bluesky", text) for text in texts)
    assert "".join(texts).count("z") == 450
    assert texts[0].startswith("Look at this zzz")
    assert texts[-1].endswith("zzz thing.")


def test_a_single_cut_mid_sentence_ends_with_an_ellipsis() -> None:
    sentence = " ".join(["tide"] * 120) + "."
    (post,) = condense(plain("Headline", sentence), "x", mode="single").posts
    assert post.text.startswith("Headline\n\ntide tide")
    assert post.text.endswith("tide…")
    assert post.length <= 280


def test_the_link_counts_by_the_platform_rule_and_bluesky_shows_it_as_its_app_does() -> None:
    url = "https://example.org/" + "long-path-segment/" * 8
    article = plain("Title", "A sentence about the thing.", url=url)
    text = "Title\n\nA sentence about the thing.\n\n"
    for platform in ("x", "mastodon"):  # they shorten links themselves, counting each as 23
        (post,) = condense(article, platform, mode="single").posts
        assert (post.text, post.length, post.facets) == (text + url, len(text) + 23, ())
    (post,) = condense(article, "bluesky", mode="single").posts
    shown = "example.org/long-path-se..."
    assert (post.text, post.length) == (text + shown, len(text) + len(shown))
    (link,) = post.facets
    assert link["features"] == [{"$type": "app.bsky.richtext.facet#link", "uri": url}]
    assert (link["index"]["byteStart"], link["index"]["byteEnd"]) == (len(text), len(post.text))


def test_a_mastodon_instance_limit_is_obeyed(article: Callable[[str], Article]) -> None:
    options = CondenseOptions(limit=200)
    rendition = condense(article("city-budget.md"), "mastodon", options=options)
    assert rendition.limit == 200
    assert all(p.length <= 200 for p in rendition.posts)
    assert rendition.mode == "thread"


def test_cjk_breaks_after_its_own_punctuation_without_inventing_spaces(
    article: Callable[[str], Article],
) -> None:
    options = CondenseOptions(limit=120, numbering="none")
    posts = condense(article("kaiyo.md"), "x", mode="thread", options=options).posts
    assert len(posts) >= 4
    assert not any("。 " in p.text for p in posts)
    assert all(p.text.endswith(("。", "、")) for p in posts[1:-1]), [p.text for p in posts]


def test_same_input_same_output(article: Callable[[str], Article]) -> None:
    for platform in PLATFORMS:
        first = condense(article("city-budget.md"), platform, mode="thread")
        again = condense(article("city-budget.md"), platform, mode="thread")
        assert first == again


def test_a_sentence_longer_than_a_post_is_cut_into_even_pieces() -> None:
    sentence = " ".join(["anemone"] * 45) + "."  # 360 characters: two pieces of ~180, not 280+80
    options = CondenseOptions(numbering="none")
    first, second = condense(plain("", sentence), "x", mode="thread", options=options).posts
    assert abs(first.length - second.length) <= 16, (first.length, second.length)


def test_a_sentence_longer_than_a_post_is_cut_after_a_clause_when_its_pieces_fit() -> None:
    opening = "Prospective features for a second-generation Apple Pencil aren't known,"
    rest = (
        "but a previous report from Bloomberg has suggested Apple is considering new iPad "
        "capabilities that would let the Apple Pencil work in a larger range of apps, which "
        "could be introduced alongside the new accessory."
    )
    assert unnumbered_x_thread(f"{opening} {rest}") == [opening, rest]  # not "…is considering"
    comma = "anemone, " * 40  # many clauses: cut at the most even one
    options = CondenseOptions(numbering="none")
    first, second = condense(plain("", comma + "end."), "x", mode="thread", options=options).posts
    assert abs(first.length - second.length) <= 16, (first.length, second.length)


def test_a_long_sentence_is_never_cut_inside_a_quotation() -> None:
    opening = (
        "In the tenth year of the licences ported to German law, it finally gets exciting around "
        "the question,"
    )
    rest = (
        "what the licence element „NC – No commercial use, and no use by any public broadcaster "
        "either“ means for reusers under public law, in this case for public broadcasting and its "
        "many regional stations."
    )
    assert unnumbered_x_thread(f"{opening} {rest}") == [opening, rest]


def test_a_long_sentence_is_cut_after_a_date_not_inside_it() -> None:
    opening = (
        "Unter dem Titel Politik im Netz veranstaltet die Heinrich-Böll-Stiftung Baden-Württemberg "
        "am Samstag, 31. Januar 2015,"
    )
    rest = (
        "zwischen 10 und 17 Uhr im Stuttgarter Rathaus ihre diesjährige Jahrestagung mit "
        "digitalpolitischem Schwerpunkt, an der auch viele bekannte netzpolitische Gesichter "
        "teilnehmen werden."
    )
    german = replace(plain("", f"{opening} {rest}"), lang="de")
    options = CondenseOptions(numbering="none")
    posts = condense(german, "x", mode="thread", options=options).posts
    assert [p.text for p in posts] == [opening, rest]  # not "…am Samstag," / "31. Januar…"


def unnumbered_x_thread(body: str) -> list[str]:
    options = CondenseOptions(numbering="none")
    return [p.text for p in condense(plain("", body), "x", mode="thread", options=options).posts]


def test_a_long_lead_beside_the_headline_is_cut_after_the_clause_that_fits_there() -> None:
    clause = "BEIJING: In what is being seen as a snub to the visiting Pakistan PM Imran Khan,"
    rest = (
        "China on Tuesday significantly modified its position on the Kashmir dispute by omitting "
        "its recent references to the UN charter and stressing that New Delhi and Islamabad "
        "should take the bilateral route to resolve all of their disputes, officials said."
    )
    title = "Kashmir issue: China snubs Imran Khan, says resolve Jammu and Kashmir bilaterally"
    options = CondenseOptions(numbering="none")
    source = plain(title, f"{clause} {rest}", url="https://e.org/a")
    posts = [p.text for p in condense(source, "x", mode="thread", options=options).posts]
    assert posts[0] == f"{title}\n\n{clause}" and posts[1].startswith(rest)


def test_a_long_lead_without_a_clause_to_cut_at_is_two_pieces_cut_before_a_phrase() -> None:
    """A summary a third longer than a post starts beside the headline and ends in post 2: two
    pieces, the first ended before a word opening a phrase, not three pieces of the headline's
    room cut inside a name ("…from Union home" / "minister Amit Shah…")."""
    title = (
        "Parliament showdown: Debate on anti-paper leak Bill delayed amid opposition uproar; "
        "students give ultimatum to Centre, say may restart protest - top developments"
    )
    lead = (
        "NEW DELHI: The Monsoon Session of Parliament on Monday witnessed repeated disruptions "
        "as the government introduced the Public Examinations (Prevention of Unfair Means) "
        "Amendment Bill, while opposition parties demanded a statement from Union home minister "
        "Amit Shah on the alleged police action against protesting students."
    )
    more = (
        "The opposition also raised the alleged use of an AK-47 rifle during a student protest "
        "in Bihar's Siwan district on July 25.",
        "The two Houses were adjourned for the day amid sloganeering and protests, with the Lok "
        "Sabha scheduled to meet again at 11 am on Tuesday.",
    )
    options = CondenseOptions(numbering="none")
    source = plain(title, lead, lead, *more, url="https://e.org/a")
    posts = [p.text for p in condense(source, "x", mode="thread", options=options).posts]
    head, _, rest = lead.partition(" as the government")
    assert posts[0] == f"{title}\n\n{head}"
    assert posts[1].startswith(f"as the government{rest}")


def test_each_platform_breaks_the_thread_for_its_own_room() -> None:
    one = "Harbour ferries will leave every twenty minutes from the northern quay " + "a" * 75 + "."
    two = "Cyclists asked the council for a painted lane beside old warehouses " + "b" * 80 + "."
    source = plain("", "", one, two)  # together: over 280, under 300
    options = CondenseOptions(numbering="none")
    x = [p.text for p in condense(source, "x", mode="thread", options=options).posts]
    bluesky = [p.text for p in condense(source, "bluesky", mode="thread", options=options).posts]
    assert x == [one, two]
    assert len(bluesky) == 1 and one in bluesky[0] and two in bluesky[0]


def test_a_hook_whose_answer_alone_would_make_post_two_is_one_post_with_the_news_whole() -> None:
    """Headline and a two-sentence summary do not fit one post beside the link: asked for a
    thread, the answering sentence opens post 2; in ``auto``, the single post says the first
    sentence whole, with the link."""
    first = "One day you are going to meet someone in your life who is going to change everything."
    second = (
        "They are going to change the way you think about the world, the way you view yourself, "
        "and the way you look at everyone else around you, for good and for the rest of your life."
    )
    source = plain("One day you will meet someone", f"{first} {second}", url="https://e.org/a")
    asked = condense(source, "x", mode="thread")
    assert asked.mode == "thread" and asked.posts[1].text.startswith(f"2/2 {second}")
    rendition = condense(source, "x")
    assert rendition.mode == "single" and len(rendition.posts) == 1
    assert first in rendition.posts[0].text and "https://e.org/a" in rendition.posts[0].text


def test_a_single_post_keeps_the_headline_over_a_lede_that_does_not_say_the_news() -> None:
    headline = "Jennifer Aniston on leaving the tags on her coat"
    lede = (
        "People who don't chronicle every item of clothing worn by the rich and famous for a "
        "living probably don't know this, but one of the major perks of being a celebrity is "
        "having luxe pieces “gifted” to you, from shoes to handbags and coats."
    )
    news = (
        "Jennifer Aniston left the tags on her coat for four outings, she told Jimmy Kimmel, "
        "who asked her whether leaving the tags on a coat that long was against the rules of "
        "Hollywood, and she said that apparently it was, to laughter from the audience."
    )
    link = "https://e.org/aniston"
    for lead, starts in ((lede, headline), (news, "Jennifer Aniston left the tags")):
        post = condense(plain(headline, lead, url=link), "x", mode="single").posts[0].text
        assert post.startswith(starts), post


def test_an_article_with_nothing_to_rank_posts_its_opening_without_item_headings() -> None:
    """Found by the property test: numbered lines ("12.4…") read as list items' headings were
    posted again before the next sentence, which then no longer fitted a post and was split."""
    last = (
        "12.4tide tidetidetide tidetidetide. 日本語 tidetidetide tidetidetide tidetidetide "
        "tidetidetide tidetidetide tideanemoneanemone data.example.org data.example.org tidetide "
        "tidetidetide tidetidetide anemonedata.example.organemone."
    )
    source = plain("", "", "tide.", "12.4日本語.", "tide.", "12.4日本語.", "tide.", last)
    options = CondenseOptions(max_posts=2)
    for post in condense(source, "x", mode="thread", options=options).posts:
        assert post.text.endswith("."), post.text
        assert post.text.count("12.4tide") <= 1


def test_a_lead_no_word_cut_can_start_beside_the_headline_is_a_clean_error_not_a_crash() -> None:
    """X refuses U+FEFF in a post: no piece of this lead fits anywhere (found by hypothesis)."""
    source = plain("Tide tide tide.", "Tide tide tide tide \ufeff.")
    with pytest.raises(InputError, match="nothing fits a x post of 280"):
        condense(source, "x", mode="thread")
