"""A report's thread is its opening read in order, with two reliefs for a long hook."""

from __future__ import annotations

import pytest

from posts.condensing import condense
from posts.condensing.cues import leans_back
from posts.condensing.selection import span
from tests.condense.conftest import thread, written

# A lead long enough that nothing leaning on it can share its post on X.
LEAD = (
    "Police violence against protesters camped beside the river has risen to extraordinary "
    "levels over the past month, and observers fear that, with two evacuation orders now "
    "looming over the camps, the worst of the confrontation is yet to come."
)
LATER = (
    "The state government said on Monday that it had no plans to remove anyone from the camps "
    "by force, though it gave no date for lifting the evacuation orders.",
    "Medics at the camps said they had treated more than three hundred people for injuries "
    "from rubber bullets, pepper spray and water cannons since the start of the month.",
    "Trains of supplies from neighbouring towns have kept the kitchens running through the first "
    "snows, volunteers said, and more arrive every weekend from across the region.",
)


def test_a_sentence_answering_the_hook_follows_it() -> None:
    opening = f"{LEAD} But the situation could be a lot worse. {LATER[0]}"
    posts = thread(written("Protesters hold out", LEAD, opening, *LATER[1:]))
    assert posts[0].endswith(LEAD)
    assert posts[1].startswith("But the situation")  # right after the hook it answers
    assert "no plans to remove anyone" in "\n".join(posts)  # its paragraph reads on


def test_a_report_whose_opening_cannot_be_posted_is_condensed_by_rank() -> None:
    too_long = (  # longer than any X post: passed over
        "That is because the camps sit on land the state has claimed since the treaty of 1851, "
        "a claim that the tribes have contested in court for well over a century without any "
        "relief, and which the state now says it will enforce with every means it has, whatever "
        "the courts may later decide about the treaty and the rights it was meant to protect."
    )
    article = written("Protesters hold out", LEAD, f"{LEAD} {too_long}", too_long, too_long, *LATER)
    posts = thread(article)
    assert len(posts) > 1 and posts[-1] != "https://example.org/story"  # not the link alone
    assert any(later in "\n".join(posts) for later in LATER)


def test_more_of_what_came_before_leans_on_it() -> None:
    assert leans_back("Not only that, but a better educated citizenry is necessary.")
    assert leans_back("More than that, the plan pays for itself.")
    assert not leans_back("Not only did the plan pass, it passed unanimously.")
    assert leans_back("Other Republicans who thought Kaine would win were critical of him.")
    assert not leans_back("Otter numbers rose along the coast this spring.")


def test_a_character_of_a_script_without_spaces_counts_as_about_a_word() -> None:
    assert span("事故は41%減少") == len("事故は41%減少") + 5
    assert span("Accidents fell") == len("Accidents fell")


def test_a_lists_names_alone_are_posted_only_under_the_headline_that_says_what_they_are() -> None:
    from posts.model import Article, Section

    names = ["Elton John", "Garth Brooks", "Celine Dion", "Andrea Bocelli", "John Legend", "Kiss"]
    text = (
        "Asked whether {} would perform at the ceremony, a spokesperson for the singer said "
        "that the schedule for January was already full and that no offer had been accepted, "
        "adding that the team had been told so weeks before the announcement was made public."
    )
    title = "These 6 singers are refusing to play the inauguration as the team scrambles"
    summary = (
        "Six singers are refusing to play the inauguration, and the team scrambling to secure "
        "talent has ordered a shakeup of its booking staff, according to a report on Monday "
        "that named the agents now in charge."
    )
    article = Article(
        title=title,
        sections=tuple(Section(n, (text.format(n),), named=True) for n in names),
        summary=summary,
        summary_source="meta",
        hashtags=(),
        url="https://example.org/story",
    )
    posts = "\n".join(thread(article))
    roll_call = "\n".join(names) in posts
    assert not roll_call or title in posts


def test_a_lead_pair_too_long_to_sit_beside_the_headline_breaks_after_its_first_sentence() -> None:
    title = "Americans Are Paying Apple Millions to Shelter Overseas Profits"
    first = (
        "Over the years, Apple has become the poster child for multinationals accused of "
        "sheltering overseas profits to avoid the tax authorities."
    )
    second = (
        "What has gone largely unnoticed is that it has been paid more than half a billion "
        "dollars by the government to do just that."
    )
    posts = thread(written(title, first, f"{first} {second}", *LATER))
    assert posts[0] == f"{title}\n\n{first}"  # never the headline alone with room beside it
    assert posts[1].startswith(second)  # the answer follows at once, read across the break


def test_a_headline_and_one_sentence_then_its_answer_is_one_post() -> None:
    first = "One day you are going to meet someone in your life who is going to change everything."
    second = (
        "They are going to change the way you think about the world and the way you view "
        "yourself, and the way you look at everyone else around you, for good and for life."
    )
    article = written("One day you will meet someone", "", f"{first} {second}")
    rendition = condense(article, "x")
    assert rendition.mode == "single" and first in rendition.posts[0].text
    assert rendition.posts[0].text.startswith("One day you will meet someone")


def test_a_news_post_that_restates_its_headline_is_one_post_without_the_headline() -> None:
    title = "Chrome Industries' Mini Buran laptop messenger bag is meant to last"
    lead = (
        "Chrome Industries' Mini Buran laptop messenger bag ($140) is a good investment for "
        "anyone who needs a sturdy bag that is built to last and can contain all of your stuff, "
        "whether it be a thin laptop or iPad."
    )
    article = written(title, lead, f"{lead} There are also small pockets for lighter objects.")
    rendition = condense(article, "x")
    assert rendition.mode == "single" and rendition.posts[0].text.startswith(lead)


def test_a_summary_said_in_two_posts_and_nothing_more_is_one_post() -> None:
    title = "Drink up: fifteen good ideas for beer and wine this winter"
    first = (
        "Whether you prefer a crisp white, a full-bodied red, or a hoppy pale ale from the "
        "brewery down the road, we can help you become a more informed and more satisfied drinker."
    )
    second = (
        "Our editors tasted their way through a long season of bottles, cans and casks, and "
        "wrote down what they would happily pour again for friends around the table at home."
    )
    article = written(title, f"{first} {second}", f"{first} {second}")
    rendition = condense(article, "x")
    assert rendition.mode == "single" and first in rendition.posts[0].text


def test_a_he_that_is_the_name_after_its_clause_leans_on_nothing() -> None:
    assert not leans_back(
        "While he doesn't buy halibut much, Bassi keeps an eye on how it is handled in stores."
    )
    assert leans_back("While he doesn't buy halibut much, the skipper keeps an eye on it.")
    assert leans_back("When he arrived, the office was empty.")


def test_a_lead_longer_than_a_post_gives_way_when_the_next_sentence_says_the_news_too() -> None:
    title = "Those from Mexico will benefit most from Obama's executive action"
    lead = (
        "Unauthorized immigrants from Mexico account for two-thirds of those who will be "
        "eligible for deportation relief under President Obama's executive action, even as they "
        "account for about half of the nation's unauthorized population, according to a new "
        "Pew Research Center analysis of government data."
    )
    again = (
        "The new action, which mainly applies to unauthorized immigrant parents of citizen "
        "children, would benefit those born in Mexico more than any other country of origin group."
    )
    posts = thread(written(title, lead, lead, again, *LATER))
    assert not any("Unauthorized immigrants" in post for post in posts)
    assert any(again in post for post in posts)
    other = "Trains of supplies from neighbouring towns kept the kitchens running all winter."
    posts = thread(written(title, lead, lead, other, *LATER))
    assert "Unauthorized immigrants" in posts[0]  # the only sentence that says the news
    leaning = "Pew then goes on to say those born in Mexico would benefit the most of any group."
    posts = thread(written(title, lead, lead, leaning, *LATER))
    assert "Unauthorized immigrants" in posts[0]  # "then goes on" says nothing without it


def test_a_single_post_names_no_one_by_a_surname_the_article_introduced_in_full() -> None:
    summary = "One man makes a knowingly futile attempt at predicting snow for decades ahead."
    introduced = (
        "That's a ridiculous question to ask, and now it has been answered by David Taylor, a "
        "44-year-old data scientist and writer in Montreal, who has made an animated map of snow "
        "on Christmas Day for every year until 2100 from a regional climate model."
    )
    surname = "Taylor is aware that, by its nature, this simulation of snow includes wild misses."
    article = written("White Christmases through 2100", summary, introduced, surname)
    text = condense(article, "x").posts[0].text
    assert summary in text and surname not in text  # "which Taylor?", the post would ask


@pytest.mark.parametrize(("question", "posted"), [("Strolling?", False), ("Hard, right?", True)])
def test_a_single_post_does_not_end_on_a_question_its_paragraph_answers(
    question: str, posted: bool
) -> None:
    lead = "Street by street, the story of Salzburg tells itself as you stroll through its lanes."
    answer = (
        "Marked cycle paths run for many kilometres in and around the city, and the bike is by "
        "far the quicker way to see all of it, from the old town to the lakes beyond it, in a "
        "single long summer afternoon."
    )
    for summary in (lead, ""):  # the page's description, or the opening computed
        article = written("Cycling in Salzburg", summary, f"{lead} {question} {answer}")
        text = condense(article, "x", mode="single").posts[0].text
        assert lead in text and (question in text) is posted


def test_a_single_post_adds_no_sentence_whose_first_words_use_a_pronoun_for_the_one_before() -> (
    None
):
    summary = "A review of a powder makeup for dry, oily and combination skin, tried for a month."
    pronoun = "One moment it is dry and needs hydration and the next it is oily and greasy again."
    article = written("We tried it: a powder makeup", summary, f"I have confused skin. {pronoun}")
    text = condense(article, "x", mode="single").posts[0].text
    assert summary in text and pronoun not in text  # "it": the skin of a sentence not posted


def test_a_lead_longer_than_a_post_ends_before_its_trailing_participial_phrase() -> None:
    news = (
        "The Theatre Wing announced today that its Lloyd Webber Initiative has launched its "
        "second program, the Training Scholarships"
    )
    tail = (
        ", bridging the gap between talent and opportunity and creating a strong pipeline to the "
        "professional theatre for promising artists of all backgrounds, wherever they live."
    )
    later = "The deadline to apply is January 6, with final notifications made by April."
    title = "Theatre Wing launches training scholarships"
    posts = thread(written(title, f"{news}{tail}", f"{news}{tail} {later}"))
    assert posts[0] == f"{title}\n\n{news}."  # whole, not broken across posts 1 and 2
    assert "bridging the gap" not in "\n".join(posts)


def test_an_attribution_is_never_cut_from_a_lead() -> None:
    from posts.condensing.trim import shortened

    lead = "Prices rose again in the spring, according to the report the council published."
    assert shortened(lead, lambda text: len(text) < 60) is None
    assert shortened("Is it a question, bridging the gap?", lambda text: True) is None


@pytest.mark.parametrize(
    ("sentence", "shorter"),
    [
        (
            "Tim Cook, the chief executive, said on Monday it would ship.",
            "Tim Cook said on Monday it would ship.",
        ),
        (  # a name with "of" in it, an aside with commas of its own
            "Bank of Kansas City President Thomas Hoenig, one of 10 people who set rates on loans,"
            " cards and mortgages, warned of a bubble.",
            "Bank of Kansas City President Thomas Hoenig warned of a bubble.",
        ),
        ("In Paris, the capital, said nobody.", None),  # a place, not a speaker
        ("Tim Cook, the chief executive, and his team left.", None),  # no speaking verb after it
    ],
)
def test_the_aside_after_a_speaker_s_name_is_what_a_long_sentence_loses_first(
    sentence: str, shorter: str | None
) -> None:
    from posts.condensing.trim import shortened

    assert shortened(sentence, lambda text: len(text) < len(sentence)) == shorter


@pytest.mark.parametrize(
    ("title", "news", "tail"),
    [
        (  # too long to sit beside the headline: not the headline alone
            "Air Force One costs billions because it is a flying White House",
            "Donald Trump took aim at one of the most visible emblems of the presidency with his "
            "attack on plans for a new Air Force One",
            ", turning the iconoclastic message that got him elected on the very office he will "
            "occupy in six weeks.",
        ),
        (
            "President advises planemaker to rebrand its grounded jet, tweeting “But what do I "
            "know?”; Twitter answers",
            "Twitter erupted Monday morning when the president shared his branding expertise with "
            "the planemaker",
            ", after an airline announced it was cancelling the jet's flights through mid-August.",
        ),
        (  # longer than a post: not broken before "although" into post 2
            "Ten media moments we could have lived without",
            "Presenting a mix of the morally awful and the culturally annoying moments of the year "
            "that we sort of wish had never happened, to be honest",
            ", although we dutifully thought and wrote about every one of them (and to be even "
            "more honest, these ten moments are merely the tip of the tree of head-smacking "
            "moments.)",
        ),
    ],
)
def test_a_long_lead_ends_before_what_only_elaborates_it(title: str, news: str, tail: str) -> None:
    posts = thread(written(title, f"{news}{tail}", f"{news}{tail}", *LATER))
    assert posts[0] == f"{title}\n\n{news}."  # the headline and the news, whole
    assert tail[2:30] not in "\n".join(posts)


def test_a_tutorials_thread_ends_where_its_walkthrough_begins() -> None:
    intro = (
        "Our lab has seen a lot of packed Android malware in the last few months.",
        "Even though the packer stays the same, the malware it drops changes every few days.",
        "Below we show how to unpack it with free tools that anyone can install at home.",
    )
    steps = (
        "First things first: we began by checking which kind of archive we were dealing with.",
        "The archive held a second file with a name that looked random and no extension.",
    )
    posts = thread(written("Unpacking an Android packer with free tools", "", *intro, *steps))
    text = "\n".join(posts)
    assert intro[-1] in text and "First things first" not in text and steps[1] not in text
