"""Hashtags: normalised, de-duplicated, validated per platform, reserved before splitting."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace

import pytest

from posts import counting
from posts.article import parse_article
from posts.condensing import condense
from posts.model import Article, CondenseOptions, Keyword, KeywordSource, Section
from tests.condense.conftest import PLATFORMS

CITY_TAGS = ("CityBudget", "LocalNews", "Transit", "Riverside")


def tagged(*tags: str, url: str | None = "https://example.org/a") -> Article:
    paragraphs = tuple(f"Paragraph {i} says something about tides and clocks." for i in range(12))
    return Article(
        title="Tagged",
        sections=(Section(None, paragraphs),),
        summary="A summary sentence about tides.",
        summary_source="explicit",
        hashtags=tags,
        url=url,
    )


def hashtags_in(texts: list[str]) -> list[str]:
    return [word[1:] for text in texts for word in text.split() if word.startswith("#")]


@pytest.mark.parametrize(("platform", "cap"), [("x", 2), ("bluesky", 3), ("mastodon", 5)])
def test_a_thread_carries_its_first_tags_up_to_the_cap_on_the_closing_post_only(
    article: Callable[[str], Article], platform: str, cap: int
) -> None:
    rendition = condense(article("city-budget.md"), platform, mode="thread")
    assert rendition.hashtags_kept == CITY_TAGS[:cap]
    texts = [p.text for p in rendition.posts]
    assert hashtags_in(texts[:-1]) == []
    assert texts[-1].endswith(" ".join(f"#{t}" for t in CITY_TAGS[:cap]))


@pytest.mark.parametrize("platform", PLATFORMS)
def test_invalid_and_duplicate_tags_are_dropped_with_a_warning(
    article: Callable[[str], Article], platform: str
) -> None:
    rendition = condense(article("city-budget.md"), platform, mode="thread")
    assert "2026" in rendition.hashtags_dropped  # "citybudget" is a duplicate, not a drop
    assert f"#2026 dropped: not a valid {platform} hashtag" in rendition.warnings
    assert "citybudget" not in rendition.hashtags_dropped


def test_a_single_post_takes_tags_in_priority_order_while_they_fit() -> None:
    lead = "Rain on the window and a stack of board games: " + "snacks for the table, " * 9
    article = replace(
        tagged("GameNight", "Snacks", "RainyDay"),
        title="Game night",
        sections=(Section(None, (lead + "all done.", "Another paragraph about the oven.")),),
        summary=lead + "all done.",
    )
    rendition = condense(article, "bluesky", mode="single")
    (post,) = rendition.posts
    assert rendition.hashtags_kept == ("GameNight",)
    assert post.text.endswith("all done.\n\nexample.org/a\n\n#GameNight")
    assert "#Snacks dropped: no room in the post" in rendition.warnings


def test_a_cap_limits_the_tags_of_a_rendition(article: Callable[[str], Article]) -> None:
    options = CondenseOptions(hashtag_cap=2)
    rendition = condense(article("city-budget.md"), "mastodon", mode="thread", options=options)
    assert rendition.hashtags_kept == ("CityBudget", "LocalNews")
    assert "#Transit dropped: over the cap of 2 hashtags a post" in rendition.warnings


def test_tags_are_normalised_before_they_are_compared() -> None:
    rendition = condense(tagged("#Open Data", "opendata", "＃Tides", "tides"), "x", mode="thread")
    assert rendition.hashtags_kept == ("OpenData", "Tides")


def test_an_apostrophe_inside_a_name_is_left_out_of_its_tag_on_every_platform() -> None:
    for platform in PLATFORMS:
        rendition = condense(tagged("Lupita Nyong'o"), platform, mode="thread")
        assert rendition.hashtags_kept == ("LupitaNyongo",), platform


def test_tags_never_push_a_post_over_even_when_they_fill_the_closing_post() -> None:
    tags = tuple(f"Tag{i:02d}LongEnoughToMatter" for i in range(20))
    for platform in PLATFORMS:
        rendition = condense(tagged(*tags), platform, mode="thread")
        assert all(counting.fits(platform, p.text) for p in rendition.posts)
        assert len(rendition.posts) <= 6
        carried = hashtags_in([p.text for p in rendition.posts])
        assert carried == [t for t in tags if t in carried]  # article order within the thread
        assert set(carried) | set(rendition.hashtags_dropped) == set(tags)


def keyworded(*keywords: Keyword, hashtags: tuple[str, ...] = ()) -> Article:
    body = (
        "Sodium-ion cells store energy for the grid. Energy storage on the grid doubled in 2025.",
        "Jane Smith of the utility said prices percent fell.",
        "Energy storage firms hired Jane Smith to run sodium-ion trials.",
        "She now chairs the Energy Storage Council.",
    )
    return replace(
        tagged(*hashtags, url="https://example.org/grid"),
        title="Grid batteries: sodium-ion cells arrive",
        sections=(Section(None, body),),
        keywords=keywords,
    )


def test_metadata_keywords_become_tags_only_when_the_article_uses_them_up_front() -> None:
    """Used up front and at least twice (the headline counts twice), in the page's order."""
    source = keyworded(
        Keyword("sodium-ion", "meta", True),
        Keyword("energy storage", "meta", True),
        Keyword("Smith, Jane", "meta", True),
        Keyword("deep", "meta", False),
        hashtags=("Grid",),
    )
    rendition = condense(source, "mastodon", mode="single")
    assert rendition.hashtags_kept == ("Grid", "SodiumIon", "EnergyStorage", "JaneSmith")


def test_the_article_casing_wins_and_initials_are_dropped_from_names() -> None:
    source = keyworded(
        Keyword("ENERGY STORAGE", "meta", True), Keyword("Smith, J. Jane", "meta", True)
    )
    rendition = condense(source, "mastodon", mode="single")
    assert rendition.hashtags_kept == ("EnergyStorage", "JaneSmith")


def test_a_headline_word_in_capitals_for_emphasis_is_tagged_as_the_body_writes_it() -> None:
    source = replace(
        keyworded(Keyword("failure", "meta", True)),
        title="The FAILURE of grid batteries in one chart",
        sections=(Section(None, ("Failure rates of grid batteries rose again this winter.",)),),
    )
    assert condense(source, "mastodon", mode="single").hashtags_kept == ("Failure",)


def test_a_japanese_dateline_s_bureau_is_no_tag() -> None:
    body = (
        "【ロンドン＝岡田浩幸】バルセロナはアウェーでマンチェスター・ユナイテッドに勝った。",
        "バルセロナは４強入りに前進した。",
    )
    source = replace(
        keyworded(Keyword("ロンドン", "meta", True), Keyword("バルセロナ", "meta", True)),
        title="バルセロナ、マンＵに先勝",
        summary=body[0],  # the lead, dateline and all: a second use
        sections=(Section(None, body),),
        lang="ja",
    )
    assert condense(source, "mastodon", mode="single").hashtags_kept == ("バルセロナ",)


def test_an_author_tag_takes_the_capitals_of_the_keyword_it_was_written_as() -> None:
    source = keyworded(
        Keyword("small business", "front-matter", False), hashtags=("smallbusiness",)
    )
    assert condense(source, "x", mode="single").hashtags_kept == ("SmallBusiness",)


def test_a_keyword_that_is_a_phrase_or_mentioned_once_is_not_a_tag() -> None:
    source = keyworded(
        Keyword("Grid batteries: sodium-ion cells arrive", "meta", True),
        Keyword("utility", "meta", True),
        Keyword("GridBatteriesSodiumIonCellsArrive", "meta", True),
    )
    assert condense(source, "mastodon", mode="single").hashtags_kept == ()


def test_a_tag_the_text_already_shows_is_not_repeated_on_the_closing_post() -> None:
    shown = replace(
        tagged("Tides", "Clocks"), summary="A summary sentence about #Tides and their clocks."
    )
    texts = [p.text for p in condense(shown, "x", mode="thread").posts]
    assert hashtags_in(texts) == ["Tides", "Clocks"]  # once in the text, once closing


@pytest.mark.parametrize(("platform", "cap"), [("x", 2), ("bluesky", 3), ("mastodon", 5)])
def test_no_post_carries_more_tags_than_the_platform_cap(
    article: Callable[[str], Article], platform: str, cap: int
) -> None:
    for mode in ("single", "thread"):
        rendition = condense(article("party-recipes.md"), platform, mode=mode)
        assert all(len(hashtags_in([p.text])) <= cap for p in rendition.posts)
        assert 1 <= len(rendition.hashtags_kept) <= cap


def test_a_metadata_phrase_is_a_tag_only_when_the_article_writes_it_as_a_name() -> None:
    """An editor tags topics: #TonyAbbott, not #MediaOrganisations lifted from a sentence."""
    body = (
        "Tony Abbott met media organisations about the surveillance law.",
        "Media organisations said the surveillance law hurts sources. Tony Abbott disagreed.",
    )
    source = replace(
        tagged(url="https://example.org/law"),
        title="Surveillance law angers media organisations",
        sections=(Section(None, body),),
        keywords=(
            Keyword("media organisations", "meta", True),
            Keyword("Tony Abbott", "meta", True),
            Keyword("surveillance", "meta", True),
        ),
    )
    assert condense(source, "mastodon", mode="single").hashtags_kept == (
        "TonyAbbott",
        "Surveillance",
    )


def test_a_section_name_or_a_plain_adjective_among_the_keywords_is_no_tag() -> None:
    from posts.condensing.hashtags import judged_keywords

    body = (
        "Free software matters to Debian. Business leaders met Debian developers.",
        "Debian ships free software to millions, and Business partners help Debian.",
    )
    source = Article(
        title="Debian ships free software",
        sections=(Section(None, body),),
        summary="",
        summary_source="computed",
        hashtags=(),
        keywords=tuple(Keyword(k, "meta", True) for k in ("free", "Business", "Debian")),
    )
    assert list(judged_keywords(source)) == ["Debian"]


def test_german_keywords_a_machine_picked_from_the_text_are_no_tags() -> None:
    """A shop's CMS fills its keywords with the text's words ("sehr", "dort", "wirkt",
    "Zinfandel"): German capitalises its nouns, so three lower-case words show nobody chose."""
    from posts.condensing.hashtags import judged_keywords

    body = (
        "Der Zinfandel wirkt sehr frisch, und dort im Napa Valley reift der Zinfandel lange.",
        "Der Zinfandel aus Kalifornien wirkt sehr harmonisch und bleibt dort ein Klassiker.",
    )

    def keyworded_de(*words: str) -> Article:
        source = keyworded(*(Keyword(k, "meta", True) for k in words))
        return replace(
            source, title="Beringer Zinfandel", sections=(Section(None, body),), lang="de"
        )

    assert list(judged_keywords(keyworded_de("Zinfandel", "sehr", "dort", "wirkt"))) == []
    assert list(judged_keywords(keyworded_de("Zinfandel", "sehr"))) == ["Zinfandel"]
    assert list(judged_keywords(replace(keyworded_de("Zinfandel", "sehr"), lang="en"))) == [
        "Zinfandel",
        "sehr",
    ]


def test_keywords_that_are_the_headline_cut_at_its_spaces_are_no_tags() -> None:
    """ "Grid, batteries, sodium-ion, cells, arrive": the CMS split the headline; no one chose."""
    split = ("Grid", "batteries", "sodium-ion", "cells", "arrive")
    source = keyworded(*(Keyword(word, "meta", True) for word in split))
    assert condense(source, "mastodon", mode="single").hashtags_kept == ()
    chosen = keyworded(*(Keyword(word, "meta", True) for word in ("sodium-ion", "Grid")))
    assert condense(chosen, "mastodon", mode="single").hashtags_kept == ("SodiumIon", "Grid")
    # the cut leaves out the headline's small words: "Grid, batteries, sodium-ion" for "The
    # grid's batteries: …" is still no choice
    source = replace(
        keyworded(*(Keyword(word, "meta", True) for word in split)),
        title=("Grid and batteries: the sodium-ion cells arrive"),
    )
    assert condense(source, "mastodon", mode="single").hashtags_kept == ()
    # the CMS's cut of the headline leading chosen phrases: the phrases are still chosen
    cut = ("batteries", "sodium-ion", "cells", "Energy Storage", "Jane Smith")
    source = keyworded(*(Keyword(word, "meta", True) for word in cut))
    assert condense(source, "mastodon", mode="single").hashtags_kept == (
        "EnergyStorage",
        "JaneSmith",
    )


def test_keywords_that_are_all_the_headline_s_words_in_order_are_no_tags() -> None:
    """ "grid, sodium, cells, arrive" from "Grid batteries: sodium-ion cells arrive", words left
    out between them; three in order may be chosen topics ("Facebook, Instagram, Messenger")."""
    picked = keyworded(*(Keyword(w, "meta", True) for w in ("grid", "sodium", "cells", "arrive")))
    assert condense(picked, "mastodon", mode="single").hashtags_kept == ()
    chosen = keyworded(*(Keyword(w, "meta", True) for w in ("grid", "sodium", "cells")))
    assert condense(chosen, "mastodon", mode="single").hashtags_kept != ()


def test_keywords_in_alphabetical_order_give_names_first_then_the_most_used() -> None:
    """WordPress sorts its tags: "crack, damage, earthquake, washington monument" says nothing
    by its order, and "#Crack #damage" is not what TIME's story is about."""
    body = (
        "The Washington Monument developed a crack near its peak after the earthquake.",
        "Engineers say the earthquake caused no other damage, and the crack is four inches.",
        "The earthquake was felt from Georgia to Canada, and the Washington Monument is shut.",
    )
    article = replace(
        keyworded(*(Keyword(w, "meta", True) for w in ("crack", "damage", "earthquake",
                                                        "washington monument"))),
        title="Washington Monument closes to repair earthquake crack",
        sections=(Section(None, body),),
    )  # fmt: skip
    tags = condense(article, "x", mode="single").hashtags_kept
    assert tags == ("WashingtonMonument", "earthquake")


def test_names_the_headline_says_come_before_a_machine_s_keywords() -> None:
    """Fox's list ran "New York City, America, Star Wars, …, Jessica Chastain, …, Oscar Isaac":
    the film's stars, named in the headline, are what the story is about."""
    body = (
        "Oscar Isaac plays a New York business owner alongside Jessica Chastain in the film.",
        "Isaac just finished filming Star Wars in London, and Star Wars fans cannot wait.",
        "Chastain and Isaac met at Juilliard in New York City, and Chastain says they stay close.",
        "America loved Oscar Isaac in a Star Wars trailer, and Jessica Chastain laughed at it.",
    )
    names = ("New York City", "Star Wars", "Jessica Chastain", "Oscar Isaac")
    article = replace(
        keyworded(*(Keyword(w, "meta", True) for w in names)),
        title="How Oscar Isaac and Jessica Chastain brought 'A Most Violent Year' to life",
        sections=(Section(None, body),),
    )
    tags = condense(article, "x", mode="single").hashtags_kept
    assert tags == ("JessicaChastain", "OscarIsaac")


@pytest.mark.parametrize(
    ("title", "body", "names", "tags"),
    [
        (  # El Mundo's "Francia, Izaskun, Lesaka": "#Izaskun" alone names no one
            "France arrests Izaskun Lesaka",
            (
                "Police in France arrested Izaskun Lesaka on Sunday near the border with Spain.",
                "Lesaka had led the group since 2011, Izaskun Lesaka's lawyer said in France.",
            ),
            ("France", "Izaskun", "Lesaka"),
            ("France", "IzaskunLesaka"),
        ),
        (  # The Times's "Donald Trump, Trump, Donald J": one man, one tag
            "Donald Trump tries a new tactic",
            (
                "Donald J. Trump has begun to recast his message, and Donald Trump aides agreed.",
                "Mr. Trump read from a teleprompter, which Trump had long mocked, in Plan B style.",
                "Donald Trump spoke in Michigan, where Trump drew a crowd to hear Plan B.",
            ),
            ("Donald Trump", "Trump", "Donald J", "Plan B"),
            ("DonaldTrump", "PlanB"),
        ),
    ],
)
def test_one_name_is_one_tag(
    title: str, body: tuple[str, ...], names: tuple[str, ...], tags: tuple[str, ...]
) -> None:
    """A name cut in two keywords is joined; a keyword a tag before it says, or a name cut at
    its initial, is left out."""
    article = replace(
        keyworded(*(Keyword(w, "meta", True) for w in names)),
        title=title,
        sections=(Section(None, body),),
    )
    assert condense(article, "mastodon", mode="single").hashtags_kept == tags


def test_keywords_that_are_the_hook_s_words_in_dictionary_form_are_no_tags() -> None:
    """EL PAÍS's "lista, espera, agravar, recorte, elevar…" for "Las listas de espera se
    agravan" and its deck "Los recortes elevan…": a machine's lemmas, not chosen topics."""
    lemmas = ("grid", "battery", "arrive", "storage", "double", "energy")
    picked = replace(
        keyworded(*(Keyword(w, "meta", True) for w in lemmas)),
        title="Grid batteries arrive",
        summary="Storage doubled as energy prices fell.",
    )
    assert condense(picked, "mastodon", mode="single").hashtags_kept == ()
    chosen = replace(picked, keywords=tuple(Keyword(w, "meta", True) for w in lemmas[3:]))
    assert condense(chosen, "mastodon", mode="single").hashtags_kept != ()


@pytest.mark.parametrize(
    ("where", "source", "kept"),
    [
        (4, "inline", False),  # "…mostly product shows. #Werbung!" deep down: talk about labels
        (0, "inline", True),  # "#Werbung" opening the post: its label
        (4, "hashtag-line", True),  # the author's tag line
    ],
)
def test_an_ad_label_is_carried_only_where_it_labels_the_post(
    where: int, source: KeywordSource, kept: bool
) -> None:
    body = [f"Paragraph {i} says something about tides and clocks." for i in range(5)]
    body[where] += " #Werbung!"
    article = replace(
        tagged("Werbung"),
        sections=(Section(None, tuple(body)),),
        keywords=(Keyword("Werbung", source, True),),
    )
    carried = condense(article, "mastodon", mode="single").hashtags_kept
    assert ("Werbung" in carried) is kept


@pytest.mark.parametrize(
    ("source", "last", "kept"),
    [
        (
            "page.html",
            "I always tell them that is also #goals and they laugh.",
            False,
        ),  # talked about
        ("page.html", "Join us at the canal in August. #BatWeek", True),  # the author's tag line
        ("notes.md", "I always tell them that is also #goals and they laugh.", True),  # a file's
    ],
)
def test_a_web_page_s_tag_written_inside_a_sentence_deep_down_is_talked_about(
    source: str, last: str, kept: bool
) -> None:
    paragraphs = [
        f"Paragraph {i} says something about the bats that live by the canal." for i in range(4)
    ]
    if source.endswith(".html"):
        body = "</p><p>".join((*paragraphs, last))
        text = f"<html><head><title>Counting bats</title></head><body><p>{body}</p></body></html>"
    else:
        text = "# Counting bats\n\n" + "\n\n".join((*paragraphs, last)) + "\n"
    article = parse_article(text.encode(), source=source)
    tags = condense(article, "mastodon", mode="single").hashtags_kept
    assert bool({"goals", "BatWeek"} & set(tags)) is kept
