"""A thread reads as a story: whole sentences, what they lean on, the point, no filler."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace

import pytest

from posts.condensing import condense
from posts.condensing.cues import is_filler, is_fragment, leans_back, sums_up
from posts.condensing.passages import with_context
from posts.condensing.selection import content_words, digest
from posts.model import Article, CondenseOptions, Section
from tests.condense.conftest import PLATFORMS, written

OTHER_TOPICS = (
    "Gardeners along the river planted tulips early this spring.",
    "A bakery on Mill Street won a regional prize for its rye bread.",
    "The library extended its opening hours on Sundays during exams.",
    "Cyclists asked for a painted lane beside the old warehouse district.",
    "Volunteers repainted the benches in the park near the station.",
)


def story(title: str, sections: tuple[Section, ...], url: str, summary: str = "") -> Article:
    """An article of ``sections``; a ``summary`` given is the page's description."""
    source = "meta" if summary else "computed"
    return Article(title, sections, summary, source, (), url)


def bodies(article: Article, platform: str = "x", **options: object) -> list[str]:
    rendition = condense(article, platform, mode="thread", options=CondenseOptions(**options))  # type: ignore[arg-type]
    return [p.text for p in rendition.posts]


@pytest.mark.parametrize("platform", PLATFORMS)
def test_the_point_of_the_article_is_in_the_thread_and_the_filler_is_not(
    article: Callable[[str], Article], platform: str
) -> None:
    text = "\n".join(bodies(article("bakery-waste.md"), platform))
    assert "We started taking orders for the next day's bread until 6 p.m." in text
    assert "Thanks for reading" not in text and "Let us know" not in text


def test_a_sentence_that_leans_back_comes_with_the_sentence_it_answers() -> None:
    lean = "But by the third month the queue at the ferry had shrunk to a dozen riders a morning."
    paragraphs = (
        "The harbour ferry carried 900 riders a day in its first week of the new timetable.",
        "Riders complained loudly about the new timetable in the first month.",
        f"{lean} Ferry riders now wait less than ten minutes for the ferry.",
        *OTHER_TOPICS,
    )
    source = story("Ferry timetable", (Section(None, paragraphs),), "https://example.org/ferry")
    text = "\n".join(bodies(source))
    assert lean in text
    answered = "Riders complained loudly about the new timetable in the first month."
    assert text.index(answered) < text.index(lean)


def test_an_antecedent_sharing_some_words_with_the_headline_is_brought_along() -> None:
    """The headline names the actor and a "Year" of its own; it does not say what "It" is."""
    antecedent = "Oscar Isaac has had a pretty stellar year."
    lean = "It started off with a Golden Globe nomination for his portrayal of Llewyn Davis."
    paragraphs = (
        f"{antecedent} {lean}",
        "He just finished filming the next Star Wars film, a Golden Globe favourite's new role.",
        *OTHER_TOPICS,
    )
    source = story(
        "How Oscar Isaac went about bringing to life 'A Most Violent Year'",
        (Section(None, paragraphs),),
        "https://example.org/isaac",
        "Isaac plays a New York business owner who battles his morals in the drama.",
    )
    text = "\n".join(bodies(source))
    assert lean in text and text.index(antecedent) < text.index(lean)


def test_a_story_told_in_person_is_told_to_its_end_when_little_is_left() -> None:
    """An excerpt stops after its opening; a letter whose outcome comes a few lines later is
    told to the end rather than stop before the officer's answer."""
    paragraphs = (
        "On Saturday, I drove to the harbour to volunteer at the winter market, and being hopeless"
        " with directions, I got lost on the ring road and had no idea where I could park.",
        "I saw two harbour police officers at the gate and rolled down my window to ask them."
        " As I did, the paper star taped to my window fell off and blew under a parked van."
        " Not wanting to hold up the queue behind me, I drove on and left the star behind."
        " I found the car park the officer had pointed me to, but then realised I had no coins.",
        "At the meter, the officer pulled up in her patrol car holding out my paper star."
        " She told me that nobody would be fined at the harbour during the market that day.",
        "I'm grateful for the kindness of strangers on a busy morning.",
    )
    text = "\n".join(bodies(story("Kind police at the harbour", (Section(None, paragraphs),), URL)))
    assert "nobody would be fined" in text and "I'm grateful for the kindness" in text


URL = "https://example.org/letters/harbour"


def test_a_key_point_too_long_for_a_post_loses_the_aside_after_its_speaker() -> None:
    aside = (
        ", the city's longest-serving transport official and one of five people who decide what"
        " riders pay for buses, trams, ferries and the night services across the river districts,"
    )
    claim = (
        " said that keeping fares frozen for a third year is \"a gamble with the network's future"
        ' and with the riders who depend on it every single day."'
    )
    point = f"Transport Director Maria Lopez{aside}{claim}"
    paragraphs = (point, *OTHER_TOPICS)
    source = story(
        "Fare freeze is a gamble, says transport chief",
        (Section(None, paragraphs),),
        "https://example.org/fares",
        "The city's transport chief criticised the council's plan to freeze bus fares again.",
    )
    assert len(point) > 280
    assert f"Transport Director Maria Lopez{claim}" in "\n".join(bodies(source))


def test_a_list_article_names_each_item_with_its_text(article: Callable[[str], Article]) -> None:
    text = "\n".join(bodies(article("five-tents.md")))
    for heading in ("1. Harbour Dome 4: It stayed bone dry", "5. Gull Tarp Shelter: It is not"):
        assert heading in text


def test_a_short_article_makes_a_short_thread(article: Callable[[str], Article]) -> None:
    posts = bodies(article("bakery-waste.md"), max_posts=10)
    assert 3 <= len(posts) <= 5


@pytest.mark.parametrize(
    ("sentence", "leans"),
    [
        ("He said the vote was close.", True),
        ("It's the third budget in a row.", True),
        ("But by the third month waste had fallen.", True),
        ("and then the rain stopped.", True),
        ("しかし、結果は違いました。", True),
        ("The council approved the budget.", False),
        ("The company said it would appeal.", True),
        ("A study found the opposite.", False),
        ("Many of them said they learned about it on TV.", True),
        ("Many voters said they learned about it on TV.", False),
        ("Which US town is popular with generals? Galena, of course.", False),  # a question
        ("Which is why the council voted no.", True),
        ("Whose idea was the night bus?", False),
        ("Blackberry then goes on to say its policy is not to comment on rumors.", True),
        ("The then president of the council said no.", False),
        ("In this case, a small saucer was used.", True),
        ("The other change is the quickbar.", True),
        ("This year's survey asked 5,000 people.", False),
        ("If he pushed to review first, it would stay a draft.", True),
        ("When Alice pushed to review, it stayed a draft.", False),
        ("Like Alice, he'll use a bookmark to track his work.", True),
        ("Unlike most phones, the handset has no fan.", False),
        ("Riverside voted on Tuesday.", False),
        ("One of the largest is located in what was the sisters' refectory.", True),
        ("One of the largest banks in the world said it would cut jobs.", False),
        ("Anything less would have been a disappointment.", True),
        ("Anything less than a win would have been a disappointment.", False),
    ],
)
def test_openings_that_lean_on_the_sentence_before(sentence: str, leans: bool) -> None:
    assert leans_back(sentence) is leans


def test_the_before_sentence_decides_a_the_noun_opening() -> None:
    before = content_words("Our bakery started taking orders.")
    assert leans_back("The orders arrive by six.", before)
    assert not leans_back("The shop opens at eight.", before)


def test_scripts_without_spaces_score_by_character_ngrams() -> None:
    words = content_words("事故は41%減少しました。事故の件数")
    assert {"事故", "減少"} <= words
    assert "事故は41%減少しました。事故の件数" not in words
    assert content_words("อุบัติเหตุลดลง") >= {"อุบ", "ลดล"}


@pytest.mark.parametrize(
    "sentence",
    [
        "Thanks for reading!",
        "[What you need to know to start the day: Get New York Today in your inbox.]",
        "In a wide-ranging interview, President Obama also said:",
        "“It is aimed at the country’s security,” Azzouz said.",
        "“The sustainable, the organic — all the qualities of Whole Foods.",
        "and that is why we came back to the island every summer.”",
        "Here's a look at three of the more surprising results.",
        "詳細は以下から。",
        "Prof. Dr. Caja Thimm, Professorin für Medienwissenschaft an der Universität Bonn.",
        "Dr. Jane Smith, director of the Harbour Institute.",
        "All you have to do is pay close attention to the following.",
        "The rules are as follows.",
        "Doesn't it look so much fresher?",  # asks the reader about a photo
        "You can read the full report here.",  # a link's call
        "{“Fluffier! Puffier!",  # an aside in braces, cut into sentences
        "If you want the plot, take a look at our official review here.",
        "Aren't they adorable?",
    ],
)
def test_filler_is_never_a_key_point(sentence: str) -> None:
    assert is_filler(sentence)


def test_the_article_s_own_statements_are_no_asides_to_the_reader() -> None:
    assert not is_filler("We want to see change here.")  # no call to follow a link
    assert not is_filler("Isn't it time the council listened?")
    assert not is_filler("Doesn't it look as if the council will lose?  It does.")


def test_the_following_day_is_no_pointer_at_what_follows() -> None:
    assert not is_filler("The following day, the council voted to keep the night buses.")


def test_a_titled_name_saying_something_is_no_speaker_list_line() -> None:
    assert not is_filler("Dr. Smith, who led the study, said the tide rose.")
    assert not is_filler("Prof. Müller, Leiter des Instituts, erklärte den Plan.")


def test_a_heading_read_as_a_sentence_is_a_fragment_but_thai_is_not() -> None:
    assert is_fragment("Rewrite With Content Depth In Mind")
    assert not is_fragment("Rewrite with depth in mind.")
    assert not is_fragment("อุบัติเหตุลดลงร้อยละสี่สิบเอ็ด")
    assert is_fragment("ノーナ・リーヴス, RHYMESTER/今夜はローリング・ストーン feat.")  # a track
    assert is_fragment("多田李衣菜 木村夏樹 /Jet to the Future アナスタシア/たくさん!")
    assert not is_fragment("新製品が出ました、すごい!")
    assert not is_fragment("Xiaomi 发布了新手机。")
    assert not is_fragment("Only I could buy the wrong backpack :-)")  # a smiley ends it
    assert is_fragment("Our new backpack (the mini)")


def test_a_summary_of_filler_gives_way_to_the_article() -> None:
    source = story(
        "Letters",
        (Section(None, ("Submit your letter via this form.", LEAD, *OTHER_TOPICS)),),
        "https://example.org/letters",
        "Read more letters to the editor.",
    )
    (post,) = condense(source, "x", mode="single").posts
    assert "Read more" not in post.text and "Submit" not in post.text
    stray = replace(source, summary="The harbour road is closed. When")
    assert condense(stray, "x", mode="single").posts[0].text.count("When") == 0
    assert LEAD in post.text


LEAD = "The harbour road stays closed because landslides undermined the roadbed."


@pytest.mark.parametrize(
    ("title", "listed"),
    [
        ("Beauty-Tipps, die jede Braut kennen sollte", True),
        ("Winter tips for night riders", True),
        ("To-Do adds multiple accounts in a Windows 10 preview", False),  # a product's number
    ],
)
def test_a_headline_promising_tips_makes_its_headed_sections_a_list(
    title: str, listed: bool
) -> None:
    """A list of tips without a count in its headline still names each tip with its text; a
    number in a product's name ("Windows 10") counts no list."""
    sections = tuple(
        Section(heading, (f"{heading} is what changed in this preview, and it works well.",))
        for heading in ("Multiple accounts", "Shared lists", "Dark mode")
    )
    source = story(title, (Section(None, (LEAD,)), *sections), "https://example.org/tips")
    text = "\n".join(p.text for p in condense(source, "x", mode="thread").posts)
    assert ("Multiple accounts: " in text) == listed


def test_a_paragraph_opening_on_this_success_does_not_lean_on_the_last_sentence_alone() -> None:
    smooth = (
        "Once the decision to close the schools was made, the shutdown itself went smoothly. "
        "Officers walked through nearly a thousand campuses to check every classroom."
    )
    summing_up = "But part of this success was due to the fact that no real emergency existed."
    source = digest(written("Schools shutdown report", "", smooth, summing_up))
    last = source.sentences[-1]
    by_position = {s.position: s for s in source.sentences}
    assert sums_up(summing_up) and not sums_up("But this is what the report found.")
    assert with_context(source, last, by_position, {}) is None  # it sums up a paragraph
    one = digest(written("Schools shutdown report", "", smooth.split(". ")[1], summing_up))
    found = with_context(one, one.sentences[-1], {s.position: s for s in one.sentences}, {})
    assert found is not None and len(found) == 2  # a one-sentence paragraph is its antecedent


def test_a_deck_without_a_full_stop_ends_its_paragraph() -> None:
    deck = "The council brings night buses back to six neighbourhoods in March as fares stay frozen"
    lead = "The council approved a new budget on Tuesday that moves money to bus service."
    source = written("Night buses return to six neighbourhoods", deck, lead, "Drivers were hired.")
    text = condense(source, "x", mode="single").posts[0].text
    assert f"{deck}\n\n{lead}" in text  # not "…fares stay frozen The council approved…"


REVIEW = (
    "I have been waiting for this album since the band's first single, and you can hear why.",
    "The band recorded it in a week in a cold church hall, and you can hear the room in every "
    "song: the drums ring and the voices drift to the back.",
    "We heard the first songs live last spring, when the band still played them fast.",
    "Most of the songs are slower now, with long quiet passages before the choruses come in.",
    "My favourite is the closing song, which builds for six minutes and never breaks.",
    "The producer kept the guitars low in the mix, so the organ carries most of the tunes.",
    "The lyrics are about the sea again, and about leaving the town where the band grew up.",
    "The singer wrote most of them on a ferry, she told us, and some of them read like letters.",
    "The artwork is a photo of the church hall, taken from the organ loft at night.",
    "Not every song works: the middle of the record drags, and two songs sound like one.",
    "Still, the quiet moments are the best the band has recorded. But Harbour Lights shows the "
    "band can still surprise us after ten years.",
)


@pytest.mark.parametrize(
    ("title", "url", "verdict"),
    [
        ("Harbour Lights: Harbour Lights Album Review", "https://example.org/harbour", True),
        ("Harbour Lights goes quiet", "https://example.org/reviews/albums/harbour", True),
        ("Harbour Lights goes quiet", "https://example.org/harbour", False),  # no review
        ("Council to review the bus fares", "https://example.org/fares", False),
    ],
)
def test_a_review_s_thread_closes_on_its_verdict(title: str, url: str, verdict: bool) -> None:
    """A review read in order from its opening would never say what the critic thinks."""
    text = "\n".join(bodies(story(title, (Section(None, REVIEW),), url)))
    assert ("Harbour Lights shows the band can still surprise us" in text) is verdict


def test_the_last_paragraph_s_questions_to_readers_are_no_key_points() -> None:
    """Glamour's "Would you want to wear an evening gown on your wedding day? Or does it HAVE to
    be bridal?": an invitation to comment; the same question mid-article is the article's."""
    ask = "Would you want to wear an evening gown on your wedding day?"
    body = (*OTHER_TOPICS, ask)
    text = "\n".join(bodies(story("Evening gowns for brides", (Section(None, body),), URL)))
    assert ask not in text
    middle = (ask, *OTHER_TOPICS)
    assert ask in "\n".join(
        bodies(story("Evening gowns for brides", (Section(None, middle),), URL))
    )


def test_a_single_post_reads_its_lead_on_but_not_into_filler() -> None:
    """Folha's lead went on into the first sentence of a quotation that runs on into the next
    paragraph ('"Em 2012 eu errei.'): half a quotation whose speaker the post never names."""
    lead = "The harbour board approved night ferries on Tuesday after a long debate."
    quote = '"We were wrong.'
    rest = (
        "We should have listened to the islanders who asked for them, and to the crews who"
        ' offered to sail them," the chair said, and the board voted for the ferries at once.'
    )
    source = story("Night ferries approved", (Section(None, (f"{lead} {quote}", rest)),), URL)
    (post,) = condense(source, "x", mode="single").posts
    assert lead in post.text and quote not in post.text
