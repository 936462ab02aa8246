"""Each kind of article, read end to end through ``load_article``."""

from __future__ import annotations

import hashlib
import io
import sys
from collections.abc import Callable
from pathlib import Path

import pytest

from posts import load_article
from posts.article import parse_article
from posts.errors import InputError
from posts.model import Article

Finder = Callable[[str], Path]


def _body(article: Article) -> str:
    return "\n".join(article.paragraphs)


def _headings(article: Article) -> list[str | None]:
    return [section.heading for section in article.sections]


def test_markdown_with_front_matter(article_file: Finder) -> None:
    article = load_article(article_file("garden-notes.md"))
    assert article.kind == "markdown"
    assert article.title == "Compost Tea, Measured: What 18 Months of Soil Tests Showed"
    assert article.url == "https://garden.example.com/notes/compost-tea-measured"
    # a relative image is the article file's neighbour, wherever Herald runs from
    assert article.image == str(Path(article.source).resolve().parent / "img" / "compost-bins.jpg")
    assert article.lang == "en-US"
    assert article.description == (
        "We brewed compost tea every week for a year and a half and sent soil to a lab every month."
    )
    assert (article.summary_source, article.summary) == ("front-matter", article.description)
    assert _headings(article) == [None, "How we brewed it", "What changed in the soil"]
    # front-matter tags first (the '#' dropped), then the body in order; case-insensitive dedupe
    assert article.hashtags == (
        "SoilHealth",
        "Gardening",
        "compost",
        "CitizenScience",
        "UrbanFarming",
    )


def test_markdown_markup_is_read_not_copied(article_file: Finder) -> None:
    body = _body(load_article(article_file("garden-notes.md")))
    assert "opinion on compost tea. We wanted numbers" in body  # emphasis markers gone
    assert "split its beds into two halves" in body
    assert "See the raw lab reports and our method notes." in body  # link text kept, URL dropped
    assert "beds.jpg" not in body and "Two rows" not in body  # images dropped
    assert "NotATag" not in body and "def brew" not in body  # code dropped
    assert "| bed |" not in body and "4.6   |" not in body  # tables dropped
    assert "Honestly, the smell was the biggest change." in body  # quotes kept
    assert "#CitizenScience" in body  # inline tags stay where the author wrote them


def test_markdown_boilerplate_is_dropped(article_file: Finder) -> None:
    article = load_article(article_file("garden-notes.md"))
    body = _body(article)
    assert "three-bin" not in body and "Share this" not in body and "Facebook" not in body
    assert "#soilhealth" not in body  # a hashtag-only line becomes hashtags, not text


def test_numbers_code_and_fragments_are_not_hashtags(article_file: Finder) -> None:
    tags = {tag.casefold() for tag in load_article(article_file("garden-notes.md")).hashtags}
    assert not tags & {"123", "notatag", "method"}
    assert load_article(article_file("tldr-notes.md")).hashtags == ()  # "...?week=12#delays"


def test_scraped_text_like_a_blog_export(article_file: Finder) -> None:
    article = load_article(article_file("scraped-bakery.txt"))
    assert article.kind == "text"
    assert article.title == "Sourdough Starters Share Their Microbes With the Baker’s Hands"
    assert _headings(article) == [None, "How the Study Worked", "What They Found"]
    body = _body(article)
    assert "Title:" not in body and article.title not in body  # the repeated title appears once
    assert "cookies" not in body and "Read more" not in body and "Related" not in body
    assert "Summary" not in _headings(article) and "Home bakers" not in body
    assert article.hashtags == ("Sourdough", "Microbiome", "FoodScience", "Baking")
    assert article.summary_source == "explicit"
    assert article.summary.startswith("Home bakers’ hands carry the same bacteria")
    assert article.summary.endswith("exchange microbes over time.")  # trailing #Baking removed
    assert (article.url, article.lang, article.description) == (None, None, None)


def test_html_page_with_boilerplate(example_file: Finder) -> None:
    article = load_article(example_file("field-report.html"))
    assert article.kind == "html"
    assert article.title == "Night Counts: Urban Bats Return to the Canal"  # no " | Site" suffix
    assert article.url == "https://fieldnotes.example.net/2025/06/night-counts-urban-bats"
    assert article.image == "https://fieldnotes.example.net/media/bat-detector.jpg"
    assert article.lang == "en-GB"
    assert article.summary_source == "meta"
    assert article.summary == article.description
    assert article.description and article.description.startswith("Volunteers counted 312 bats")
    assert _headings(article) == [None, "Who came back", "How we counted", "What comes next"]
    assert article.hashtags == ("BatWeek", "Canals")  # the author's; meta keywords are topics
    meta = [(k.text, k.used) for k in article.keywords if k.source == "meta"]
    # "Bats" is in the title; no "wildlife" or "science" anywhere in the text
    assert meta == [("Bats", True), ("UrbanWildlife", False), ("CitizenScience", False)]
    body = _body(article)
    for furniture in ("cookie", "Subscribe", "Share", "Swift boxes", "©", "Home", "dataLayer"):
        assert furniture not in body
    assert article.paragraphs[0].startswith("On a warm evening in early June")


def test_wordpress_page(article_file: Finder) -> None:
    article = load_article(article_file("wordpress-greenhouse.html"))
    assert article.title == "Five Things We Learned Rebuilding Our Greenhouse"
    assert article.url == "https://hilltop.example.com/2025/03/greenhouse-rebuild/"
    assert article.lang == "en-US"
    assert _headings(article) == [
        None,
        "1. Polycarbonate beats glass for us",
        "2. Automatic vents pay for themselves",
    ]
    assert article.hashtags == ("Greenhouse", "DIY", "GrowYourOwn")
    body = _body(article)
    for furniture in (
        "Skip to content", "Contents", "Posted on", "Subscribe", "Related", "Share this",
        "Sam Okoro runs", "Previous post", "Great write-up", "Leave a Reply", "Recent Posts",
        "©", "cookies", "sandblasting",
    ):  # fmt: skip
        assert furniture not in body
    assert body.endswith("Got questions? Leave them below. #Greenhouse #DIY #GrowYourOwn")


def test_html_og_url_and_computed_summary(article_file: Finder) -> None:
    article = load_article(article_file("harbor-blog.html"))
    assert article.url == "https://havenblog.example.nl/zeehonden-tellen"
    assert article.lang == "nl"
    assert article.title == "Zeehonden tellen in de haven"
    assert article.hashtags == ("Zeehonden", "Natuur", "Vrijwilligers")
    assert article.summary_source == "computed"
    assert article.summary == (
        "Op zaterdag telden twaalf vrijwilligers de zeehonden in de oude haven. "
        "Ze zagen er 57, het hoogste aantal sinds de tellingen in 2015 begonnen."
    )
    body = _body(article)
    assert "cookies" not in body and "Archief" not in body and "Vogels" not in body


def test_cjk_text(article_file: Finder) -> None:
    article = load_article(article_file("kyoto-moss.txt"))
    assert article.title == "京都の苔庭を歩く"
    assert _headings(article) == [None, "苔の手入れ"]
    assert article.hashtags == ("苔", "京都", "庭園")
    assert article.summary == (  # the first sentence is short, so the second joins it
        "京都の西芳寺には百二十種類以上の苔が生えている。"
        "庭師によると、苔の色は雨の三日後がいちばん美しい！"
    )


def test_tldr_paragraph_and_setext_title(article_file: Finder) -> None:
    article = load_article(article_file("tldr-notes.md"))
    assert article.title == "Why our bus arrived late every Tuesday"
    assert article.summary_source == "explicit"
    assert article.summary.startswith("The Tuesday delays came from a weekly street market")
    assert not any(p.startswith("TL;DR") for p in article.paragraphs)


def test_seed_like_example(example_file: Finder) -> None:
    article = load_article(example_file("scraped-post.txt"))
    assert article.title == "Night Shift Bees: Why Some Bumblebees Forage After Dark"
    assert _headings(article) == [
        None,
        "Cameras at the Nest",
        "Light, Not Temperature",
        "Why It Matters",
    ]
    assert article.hashtags == ("Bumblebees", "Pollinators", "Arctic", "EntomologyNews", "Ecology")
    assert article.summary_source == "explicit"


def test_top_heading_worded_apart_from_the_declared_title() -> None:
    article = parse_article(
        b"---\ntitle: Bats are back on the canal\n---\n# Night counts\n\nLead text.\n\n"
        b"## Method\n\nWe walked.\n"
    )
    assert article.title == "Bats are back on the canal"
    assert [s.heading for s in article.sections] == [None, "Method"]


def test_ornament_paragraphs_are_not_text() -> None:
    text = "Title: T\n\n• • •\n\n🎉🎉\n\nReal words here.\n"
    article = parse_article(text.encode())
    assert article.kind == "text"
    assert article.paragraphs == ("Real words here.",)
    assert article.summary == "Real words here."


def test_title_line_in_markdown() -> None:
    article = parse_article(b"Title: Fog report\n\n- a [list](https://x.org)\n\nText.\n")
    assert article.kind == "markdown"
    assert article.title == "Fog report"
    assert article.paragraphs == ("a list", "Text.")


def test_url_argument_overrides_the_article(example_file: Finder) -> None:
    article = load_article(example_file("field-report.html"), url="https://short.example/b1")
    assert article.url == "https://short.example/b1"


def test_url_argument_must_be_absolute(example_file: Finder) -> None:
    with pytest.raises(InputError, match="must start with http"):
        load_article(example_file("field-report.html"), url="short.example/b1")


def test_relative_image_is_resolved_against_the_page() -> None:
    page = (
        b'<html><head><link rel="canonical" href="https://e.org/posts/7">'
        b'<meta property="og:image" content="../img/a.jpg"><title>T</title></head><body>'
        b"<p>Enough words here to count as the main text of a short page about nothing.</p>"
        b"</body></html>"
    )
    assert parse_article(page).image == "https://e.org/img/a.jpg"


def test_relative_canonical_link_is_not_a_url() -> None:
    page = (
        b'<html><head><link rel="canonical" href="/posts/7"><title>T</title></head><body>'
        + (b"<p>Enough words here to count as the main text of a short page about nothing.</p>")
        + b"</body></html>"
    )
    assert parse_article(page).url is None


@pytest.mark.parametrize(
    ("head", "url"),
    [
        ('<base href="https://e.org/">', None),  # a base for relative links, not the page
        ('<link rel="canonical" href="https://e.org/">', None),  # a misconfigured canonical
        (
            '<link rel="canonical" href="https://e.org"><meta property="og:url" '
            'content="https://e.org/posts/7">',
            "https://e.org/posts/7",
        ),
        ('<link rel="canonical" href="https://e.org/?p=7">', "https://e.org/?p=7"),
    ],
)
def test_the_site_home_page_is_never_the_article_link(head: str, url: str | None) -> None:
    page = (
        f"<html><head>{head}<title>T</title></head><body><p>Enough words here to count as the "
        "main text of a short page about nothing.</p></body></html>"
    )
    article = parse_article(page.encode())
    assert article.url == url
    assert url or any("home page" in line for line in article.explain)


def test_source_and_content_hash(article_file: Finder) -> None:
    path = article_file("tldr-notes.md")
    article = load_article(str(path))
    assert article.source == str(path)
    assert article.content_hash == hashlib.sha256(path.read_bytes()).hexdigest()


def test_stdin(monkeypatch: pytest.MonkeyPatch, article_file: Finder) -> None:
    data = article_file("scraped-bakery.txt").read_bytes()
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(data)))
    article = load_article("-")
    assert article.source == "-"
    assert article.title.startswith("Sourdough Starters")


def test_same_bytes_same_article(article_file: Finder) -> None:
    data = article_file("garden-notes.md").read_bytes()
    assert parse_article(data, source="a.md") == parse_article(data, source="a.md")


def test_plain_text_run_of_short_lines_is_a_list_not_headings() -> None:
    article = parse_article(
        b"Fog Report\n\nWhat we saw\n\nThick fog at dawn.\n\nKey points\n\n"
        b"Visibility under 50 m\n\nFerries held in port\n"
    )
    assert article.title == "Fog Report"
    assert [(s.heading, s.paragraphs) for s in article.sections] == [
        (
            "What we saw",
            ("Thick fog at dawn.", "Key points", "Visibility under 50 m", "Ferries held in port"),
        ),
    ]


def test_plain_text_without_title_uses_the_first_sentence() -> None:
    text = "The river rose by 1.5 m overnight and closed the lower road. Crews reopened it by noon."
    article = parse_article(text.encode())
    assert article.title == "The river rose by 1.5 m overnight and closed the lower road."
    assert article.summary_source == "computed"
    assert article.summary == text


def test_long_first_sentence_title_is_cut_at_a_word() -> None:
    sentence = "word " * 40 + "end."
    title = parse_article(sentence.encode()).title
    assert title.endswith("…") and len(title) <= 101 and "wor…" not in title


@pytest.mark.parametrize(
    "recap",
    [
        "We’ve looked at three common approaches to this: images, iframes and JavaScript.",
        "In this tutorial, I have shown how to embed a badge with an iframe.",
        "So we have covered the pitfalls to be wary of.",
    ],
)
def test_a_closing_summary_s_look_back_at_the_article_is_not_its_summary(recap: str) -> None:
    text = (
        "# Embeddable badges\n\nBadges let people show your content on their own sites.\n\n"
        "## Summary\n\nEmbeddable content is a great way to promote your site. " + recap + "\n"
    )
    article = parse_article(text.encode(), source="badges.md")
    assert article.summary == "Embeddable content is a great way to promote your site."


EVENT_PAGE = """<html lang="en"><head><title>Harbour Security Forum 2019</title></head>
<body id="event">
<p class="crumbs"><a href="/">HOME</a> &gt; <a href="/events/">Events</a> &gt; Harbour Security
Forum 2019</p>
<div id="main"><div id="wgtitle"><h2 align="center">Harbour Security Forum 2019<br>Seeing
trouble early</h2></div>
<div id="seminar"><div align="right"><a href="/events/">All our seminars</a></div>
<div id="lead4"><table width="700" border="0"><tr valign="top"><td align="left" valign="top">
<p>Most security work so far has gone into defence, and little into noticing an attack early and
answering it fast, which is where the damage is decided.</p>
<p>This year's forum asks how a small firm can see trouble sooner, what it should do in the
first hour, and how its board can help rather than watch.</p>
<p>We look forward to seeing many of you at the harbour hall in March.</p>
</td></tr></table><br></div>
<table width="700" class="outline"><tr><td>Date:</td><td><p>6 March 2019, 13:00 to
16:40</p></td></tr>
<tr><td>Place:</td><td>Harbour Hall, 19 Quay Street</td></tr></table>
<div class="talk">"Security for the boardroom"</div>
<div class="speaker">Working group lead Anna Berg (Harbour Networks, chief executive)</div>
<div class="talk">"Security by design for small firms (working title)"</div>
<div class="speaker">Working group lead Tomas Ek (Coastline Systems)</div>
</div></div></body></html>"""


def test_prose_in_a_layout_table_is_read_when_the_precise_pass_keeps_only_labels() -> None:
    """trafilatura's precise pass drops the layout table that holds a seminar's description and
    keeps its speakers' lines; the recall pass finds the description's sentences, and it is read
    for them although it finds less than twice the characters."""
    article = parse_article(EVENT_PAGE.encode(), source="forum.html")
    assert "Most security work so far has gone into defence" in _body(article)


def test_a_list_keeps_its_numbered_headings_that_are_mostly_a_link() -> None:
    """trafilatura's precise pass drops a heading that is mostly a link ("6) <a>Pebble Trail…</a>"),
    which would leave the list reading 8, 7, 5…: the recall pass gives it back."""
    names = ["Harbour Dome Four", "Ridgeline Solo", "Pebble Trail Two Person Tent", "Fernhill"]
    names += ["Gull Tarp Shelter", "Dune Shelter", "Kestrel Ultralight", "Moorland Tunnel"]
    items = []
    for number, name in zip(range(8, 0, -1), names, strict=True):
        title = f'<a href="https://example.org/{number}">{name}</a>' if number == 6 else name
        items.append(
            f"<h3>{number}) {title}</h3>"
            '<div><iframe src="https://video.example/embed/1"></iframe></div>'
            f"<p>The {name} kept us dry for a week of coastal storms, and it packs down small "
            "enough for a bike trip. We pitched it every night on the same field.</p>"
            f"<p>The {name} is sold by outdoor shops for about two hundred pounds, and its poles "
            "bend rather than snap.</p>"
        )
    html = (
        "<html><head><title>The eight best tents of the summer</title></head><body>"
        "<div class='c-entry-content'><h1>The eight best tents of the summer</h1><p>We tested "
        "tents on the coast all summer long, in wind and rain, to find the ones worth buying.</p>"
        f"{''.join(items)}</div></body></html>"
    )
    headings = [s.heading for s in parse_article(html.encode(), source="tents.html").sections]
    assert headings[1:] == [f"{n}) {name}" for n, name in zip(range(8, 0, -1), names, strict=True)]
