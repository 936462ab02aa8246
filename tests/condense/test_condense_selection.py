"""What goes in: summary first, then the lead, then the best-scored sentences, in article order."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from collections.abc import Callable

import pytest

from posts.condensing import condense
from posts.model import Article, CondenseOptions, Section
from tests.condense.conftest import FIXTURES, PLATFORMS, written


def test_auto_is_single_when_headline_summary_link_and_first_tag_fit(
    article: Callable[[str], Article],
) -> None:
    for platform in PLATFORMS:
        assert condense(article("field-diary.txt"), platform).mode == "single"
        assert condense(article("kaiyo.md"), platform).mode == "single"
    assert condense(article("city-budget.md"), "mastodon").mode == "single"
    assert condense(article("city-budget.md"), "x").mode == "thread"
    assert condense(article("city-budget.md"), "bluesky").mode == "thread"


def test_the_single_post_is_headline_summary_link_tags(article: Callable[[str], Article]) -> None:
    (post,) = condense(article("city-budget.md"), "mastodon", mode="single").posts
    headline, body, link, tags = post.text.split("\n\n")
    assert headline == "Riverside Council Passes a Budget That Rebuilds Bus Routes Before Roads"
    assert body.startswith("Riverside's council approved a 412-million budget")
    summary_end = "fares stay frozen for a second year. "
    assert summary_end in body  # then the room left goes to whole sentences, best first
    assert body.endswith(
        "The transit department receives 61 million, up from 43 million last year."
    )
    assert link == "https://news.example.net/riverside/2026/budget-buses-first"
    assert tags == "#CityBudget #LocalNews #Transit #Riverside"


def test_a_single_drops_the_headline_before_cutting_the_key_sentence() -> None:
    summary = "The harbour ferry will run every twenty minutes " + "and on time " * 12 + "again."
    source = Article(
        title="A Very Long Headline About the Harbour Ferry and Its Timetable for Next Year",
        sections=(Section(None, ("The ferry is old.",)),),
        summary=summary,
        summary_source="explicit",
        hashtags=(),
        url="https://example.org/ferry",
    )
    (post,) = condense(source, "x", mode="single").posts
    assert post.text == f"{summary}\n\nhttps://example.org/ferry"


def test_a_thread_opens_with_headline_and_summary_then_the_lead(
    article: Callable[[str], Article],
) -> None:
    texts = [p.text for p in condense(article("city-budget.md"), "bluesky", mode="thread").posts]
    total = len(texts)
    assert texts[0].startswith(f"1/{total} Riverside Council Passes a Budget")
    assert "Night buses return to six neighbourhoods in March" in texts[0]
    assert texts[1].startswith(f"2/{total} The vote was 7 to 4, after a meeting that ran past")


def test_key_points_keep_article_order(article: Callable[[str], Article]) -> None:
    source = article("city-budget.md")
    body = " ".join(source.paragraphs)
    texts = [p.text for p in condense(source, "mastodon", mode="thread").posts[1:-1]]
    sentences = [s for t in texts for s in t.split(" ", 1)[1].replace("\n\n", " ").split(". ")]
    positions = [body.find(s.rstrip(".")) for s in sentences]
    assert -1 not in positions
    assert positions == sorted(positions)


def test_the_link_card_comes_from_the_article_metadata(article: Callable[[str], Article]) -> None:
    rendition = condense(article("city-budget.md"), "bluesky")
    assert rendition.embed == {
        "$type": "app.bsky.embed.external",
        "external": {
            "uri": "https://news.example.net/riverside/2026/budget-buses-first",
            "title": "Riverside Council Passes a Budget That Rebuilds Bus Routes Before Roads",
            "description": rendition.embed["external"]["description"] if rendition.embed else "",
            "thumb_url": "https://news.example.net/img/riverside-bus-depot.jpg",
        },
    }
    assert condense(article("field-diary.txt"), "bluesky").embed is None
    assert condense(article("city-budget.md"), "x").embed is None


def test_bluesky_posts_carry_tag_and_link_facets_at_byte_offsets(
    article: Callable[[str], Article],
) -> None:
    last = condense(article("city-budget.md"), "bluesky", mode="thread").posts[-1]
    data = last.text.encode()
    found = {
        feature["$type"].rsplit("#", 1)[1]: data[f["index"]["byteStart"] : f["index"]["byteEnd"]]
        for f in last.facets
        for feature in f["features"]
    }
    assert found["link"] == b"news.example.net/riverside/20..."  # as bsky.app shows it
    link = next(f["features"][0] for f in last.facets if "uri" in f["features"][0])
    assert link["uri"] == "https://news.example.net/riverside/2026/budget-buses-first"
    assert found["tag"] == b"#Transit"  # the last tag facet wins the dict; all are present
    assert len(last.facets) == 4  # the link and Bluesky's default cap of three tags


def test_output_is_byte_identical_across_processes() -> None:
    """Hash randomisation must not reach the ranking: compare two runs with different seeds."""
    runs = []
    for hash_seed in ("1", "2"):
        env = {**os.environ, "PYTHONHASHSEED": hash_seed}
        command = [sys.executable, "-c", "from scheduler.cli.main import main; main()", "format"]
        out = subprocess.run(
            [*command, str(FIXTURES / "city-budget.md"), "--mode", "thread", "--json"],
            env=env,
            capture_output=True,
            check=True,
        ).stdout
        runs.append(out)
    assert runs[0] == runs[1]
    assert json.loads(runs[0])["platforms"]["x"]["posts"]


def test_max_posts_one_turns_a_thread_into_a_single(article: Callable[[str], Article]) -> None:
    rendition = condense(
        article("city-budget.md"), "x", mode="thread", options=CondenseOptions(max_posts=1)
    )
    assert rendition.mode == "single" and len(rendition.posts) == 1
    assert rendition.warnings[-1] == "max posts 1: a single post instead of a thread"


def test_a_single_post_reads_its_lead_on_rather_than_jumping_ahead() -> None:
    """After the lead's sentence, the room goes first to the sentences that follow it in its
    paragraph ("Von wegen!" included), not to a better-scored one from further down."""
    lead = (
        "A beach is a beach is a beach.",
        "No way!",
        "In Italy everything is organised, towel next to towel.",
    )
    rest = (
        "In the Caribbean you lie under palm trees in the sand, and in Mexico the sea is as warm "
        "as a bath in every month of the year, which the tourists from the north love."
    )
    later = "Our Montauk hotel stood right on the beach, and Montauk's surf was wild all week."
    source = Article(
        title="Montauk, the most beautiful end of the world",
        sections=(Section(None, (" ".join((*lead, rest)), later)),),
        summary=lead[0],  # the reader's lead: a short first sentence
        summary_source="computed",
        hashtags=(),
        url="https://example.org/montauk",
    )
    (post,) = condense(source, "x", mode="single").posts
    assert " ".join(lead) in post.text


def test_a_single_post_reads_its_lead_on_past_a_pointer_to_the_page() -> None:
    """ "If you want to ride along, see the details below." is the page's, not the story's:
    reading the lead on passes over it rather than stopping and jumping ahead by rank."""
    lead = "Today it is about night buses and the river districts."
    pointer = "If you want to ride along, see the details below."
    going_on = "The idea came from a driver who worked nights for years."
    later = (
        "Ridership doubled to 2,000 riders a night in March, and fares stay frozen for 2026, the "
        "transit director told the council."
    )
    again = "Ridership in March doubled, and the fares stay frozen as ridership grows."
    source = Article(
        title="Night buses and the river",
        sections=(Section(None, (f"{lead} {pointer}", going_on, later, again)),),
        summary=lead,
        summary_source="computed",
        hashtags=(),
        url="https://example.org/night-buses",
    )
    (post,) = condense(source, "x", mode="single").posts
    assert f"{lead} {going_on}" in post.text and "details below" not in post.text


def test_a_single_post_fills_its_room_only_with_a_sentence_that_stands_alone() -> None:
    """ "Students work independently." from a course listing further down says nothing beside
    the lead: whose students, which course? A sentence from elsewhere needs words of its own."""
    lead = (
        "For the serious genealogist there are some worthwhile learning opportunities coming up"
        " during the year 2015, from weekend seminars to a full online course in records."
    )
    course = "The twelve lessons open in March on the society's site. Students work independently."
    source = Article(
        title="New Year offers family history learning opportunities",
        sections=(Section(None, (lead,)), Section("Online course", (course,))),
        summary=lead,
        summary_source="computed",
        hashtags=(),
        url="https://example.org/genealogy",
    )
    (post,) = condense(source, "x", mode="single").posts
    assert "Students work independently." not in post.text


def test_a_single_post_fills_its_room_from_the_article_s_opening_not_from_further_down() -> None:
    """ "Along with the patent came 1,000 pages." or "In an e-mail, Doudna said she no longer has
    any involvement with Editas." beside the dek: a detail from deep in a feature, out of the
    context that made it matter."""
    dek = "There is a bitter fight over the patents for CRISPR, a new form of DNA editing."
    opening = (  # each too long for the room the dek leaves
        "Last month in Silicon Valley two biologists showed up in black gowns to receive a"
        " three-million-dollar prize for the discovery they made together in their labs.",
        "Not dressing up that night was a researcher in Cambridge at a rival institute, who had"
        " filed first and been granted the first patent on the method in the spring.",
        "How did the prize and the patent end up in different hands, when both were awarded for"
        " the same discovery made in the same few years by scientists who knew each other?",
        "The question is now at the center of a seething debate among scientists, lawyers and"
        " investors over who invented what, and who will be paid when the method is used.",
    )
    detail = "Lawyers expect the prize money to go to whoever owns the method and its discovery."
    source = written("CRISPR patents spark fight over genome editing", dek, *opening, detail)
    (post,) = condense(source, "x", mode="single").posts
    assert dek in post.text and "lawyers" not in post.text


def test_a_single_post_reads_on_past_a_japanese_sentence_without_a_stop() -> None:
    """Japanese may end a sentence on "…です" with no "。"; reading the lead on takes it as a
    whole sentence, not as a fragment that stops the reading."""
    lead = "水族館は今週、新しいクラゲの展示を始めました。"
    unpunctuated = "展示は毎日十時から見られる予定です"
    later = (
        "水族館の新しい展示について、館長は来月には沖縄の海から運ばれたサンゴと熱帯魚の特別展示も"
        "始まり、夏休みの大人気のイベントになる見込みだと話し、家族連れの来館者を期待している。"
    )
    source = Article(
        title="水族館の新しい展示",
        sections=(Section(None, (lead, unpunctuated, later)),),
        summary=lead,
        summary_source="computed",
        hashtags=(),
        url="https://example.jp/aquarium",
        lang="ja",
    )
    (post,) = condense(source, "x", mode="single").posts
    assert unpunctuated in post.text


@pytest.mark.parametrize("glued", [False, True])
def test_an_interview_transcript_posts_neither_questions_nor_answers_cut_from_them(
    glued: bool,
) -> None:
    """ "Greenpeace: Were there surprises?" "Christoph Thies: No new facts." An answer means
    nothing without its question, and both are the interview's voices, not the author's: the
    thread tells the setting, never a bare answer or a question as a statement (also when the
    page glued each question to its answer in one paragraph)."""
    turns = [
        (
            "Riverside Herald: The council published its transit report today. Were there any "
            "surprises in it?"
        ),
        "Ada Okafor: No new facts. What impressed me was how hard the planners argued for buses.",
        "Will the night buses come back this winter?",
        "We are testing six routes and want to start the first of them before the end of March.",
    ]
    paragraphs = [" ".join(turns[:2]), " ".join(turns[2:])] if glued else turns
    source = Article(
        title="Night buses: what the transit report means for riders",
        sections=(
            Section(
                None,
                (
                    "The council's transit report asks for eighteen million more for buses and "
                    "for night service in six river districts.",
                    "Transit director Ada Okafor told the Riverside Herald what changes now.",
                    *paragraphs,
                ),
            ),
        ),
        summary=(
            "The council's transit report asks for eighteen million more for buses and for "
            "night service in six river districts."
        ),
        summary_source="computed",
        hashtags=(),
        url="https://example.org/transit-interview",
    )
    for mode in ("single", "thread"):
        text = " ".join(p.text for p in condense(source, "x", mode=mode).posts)
        assert "eighteen million" in text
        assert "No new facts" not in text and "surprises" not in text
        assert "Will the night buses" not in text and "We are testing" not in text
