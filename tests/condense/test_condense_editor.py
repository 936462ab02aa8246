"""What an editor fixes before posting a thread: the hook, restatements, introductions, order."""

from __future__ import annotations

import pytest

from posts.article import parse_article
from posts.condensing import condense
from posts.condensing.cues import is_filler, leans_back, withholds
from posts.model import Article, CondenseOptions, Section
from tests.condense.conftest import thread
from tests.condense.conftest import written as article

FILLER = (
    "Gardeners along the river planted tulips early this spring.",
    "A bakery on Mill Street won a regional prize for its rye bread.",
    "The library extended its opening hours on Sundays during exams.",
)


def test_post_one_is_never_the_headline_alone_when_the_summary_opening_fits_beside_it() -> None:
    first = "The council voted to open the harbour ferry to cyclists from June."
    second = (
        "Riders with bikes will pay the standard fare, and the ferry will carry up to twenty "
        "bicycles on each crossing, the council's transport committee said on Tuesday evening "
        "after a long debate that ran well past midnight and included testimony from dozens "
        "of cyclists."
    )
    source = article("Ferry opens to bikes", f"{first} {second}", *FILLER)
    posts = thread(source)
    assert posts[0].startswith("Ferry opens to bikes") and first in posts[0]


def test_a_summary_too_long_to_sit_beside_the_headline_opens_the_thread_alone() -> None:
    headline = (
        "Alaskan halibut, caught by a century-old harbour boat, gives a glimpse of how one "
        "grocery chain now plans to sell fresh fish"
    )
    summary = (
        "Fresh Alaskan halibut caught by a harbour boat a century old gives a glimpse of how the "
        "grocery chain plans to sell fish, from an industry with roots in the nineteenth century "
        "to the largest retailer of the twenty-first."
    )
    posts = thread(article(headline, summary, *FILLER))
    assert posts[0] == summary


def test_a_summary_restating_the_headline_in_other_forms_of_its_words_opens_the_thread() -> None:
    headline = (
        "Report on school shutdown shows confusion over who was in charge, and weak technology"
    )
    summary = (
        "An internal report on last year's one-day shutdown of the city's schools over an emailed "
        "threat reveals a confused chain of command among district and city officials that "
        "hampered their ability to evaluate the risk quickly and decisively."
    )
    posts = thread(article(headline, summary, *FILLER))
    assert posts[0] == summary  # "schools" and "confused" say the headline's words


def test_a_summary_sharing_a_few_words_with_the_headline_follows_it() -> None:
    headline = (
        "Why Amazon and Activision Blizzard Are Betting on eSports As Gaming's Next Big Thing"
    )
    summary = (
        "The idea that video games are on track to be the next big spectator sport might still "
        "sound like a strange concept, but eSports is already driving huge viewership and "
        "appears to be on track for massive growth."
    )
    posts = thread(article(headline, summary, *FILLER))
    assert posts[0] == headline and posts[1] == summary


def test_a_summary_sentence_saying_the_headline_again_in_its_words_is_not_posted() -> None:
    """A digest's "ASIO intends to help the private sector." under "…ASIO will help private
    sector. …"; the summary's other sentences stay."""
    headline = "Harbour ferry opens to cyclists; fares stay the same"
    summary = (
        "The harbour ferry opens to cyclists. Riders with bikes will pay the standard fare from"
        " June, the transport committee said."
    )
    posts = thread(article(headline, summary, *FILLER))
    assert "ferry opens to cyclists." not in "\n".join(posts)
    assert posts[0].startswith(f"{headline}\n\nRiders with bikes will pay")


def test_a_lone_word_split_off_a_summary_is_not_posted() -> None:
    """ "Yahoo! News." split into "…on Yahoo!" and "News.": the word alone says nothing."""
    summary = "The council voted to open the harbour ferry to cyclists from June. News."
    posts = thread(article("Ferry opens to bikes", summary, *FILLER))
    assert not any("News." in post for post in posts)


def test_a_page_titled_by_its_first_sentence_says_it_once() -> None:
    """A page without a title of its own, headlined by its first sentence whole: the single post
    goes on with the next sentence, not the same one again."""
    first = "Last month, the council showed what the new night buses will look like."
    second = "The buses run every twenty minutes from March, calling at both hospitals."
    source = article(first, "", f"{first} {second}", *FILLER)
    text = condense(source, "x", mode="single").posts[0].text
    assert text.count(first) == 1 and second in text


def test_a_scene_setting_summary_too_long_to_sit_beside_the_headline_follows_it() -> None:
    headline = "Hacking, cryptography, and the countdown to quantum computing"
    summary = (
        "Given the recent ubiquity of cyber-scandals (stolen e-mails, leaked medical records, "
        "half a billion plundered accounts), you might get the impression that anyone can "
        "already break into just about any computer they want."
    )
    posts = thread(article(headline, summary, *FILLER))
    assert posts[0] == headline and posts[1] == summary


def test_a_lead_that_restates_the_summary_in_other_words_is_not_a_key_point() -> None:
    summary = (
        "The internet firm's decision to sell its business reveals how unusual deal structures "
        "can affect shareholders."
    )
    restated = (
        "The $4.8 billion sale is a complicated beast, showing how different acquisition "
        "structures can affect how shareholders are treated."
    )
    news = "Because it is a sale of a subsidiary, the cash will be paid to the company itself."
    source = article("A sale that leaves shareholders with little say", summary, restated, news)
    text = "\n".join(thread(source))
    assert news in text and restated not in text


def test_a_quote_by_someone_the_thread_has_not_named_brings_their_introduction() -> None:
    intro = (
        "Zeev Sharon founded a small Boston company called Hotelied, which sells discounted "
        "spare bedrooms nightly."
    )
    quote = (
        "Zeev Sharon said that for every $1000 invested in a hotel room, the hotel should "
        "charge $1 in its average daily room rate."
    )
    paragraphs = (
        "Hotel room rates follow rules that hotel owners rarely share with guests.",
        f"Several hotel owners answered questions in an online thread. {intro}",
        *FILLER,
        quote,
        "Daily room rates at hotels rose again this year.",
    )
    text = "\n".join(thread(article("Secrets of hotel room rates", "", *paragraphs)))
    assert quote in text and text.index(intro) < text.index(quote)


def test_a_first_person_passage_quoted_in_a_reported_story_is_not_posted_without_its_author() -> (
    None
):
    quoted = "Just the data for this payload is 26.6 megabytes, and the server must unpack it."
    paragraphs = (
        "A flaw in a popular online game lets anyone crash a game server, a programmer says.",
        "The programmer published code that exploits the flaw in the game's server software.",
        f"We craft a packet that is complex for the server to read. {quoted} Our data wins.",
        "The game's developer has not fixed the flaw in the server software two years later.",
        *FILLER,
    )
    text = "\n".join(thread(article("Game servers can be crashed", "", *paragraphs)))
    assert quoted not in text


def test_the_steps_of_a_how_to_are_posted_in_order_without_skipping_one() -> None:
    steps = (
        "Measure the cloche and cut the foam oasis two centimetres smaller than the glass.",
        "Insert your plant into the hole in the middle of the foam oasis.",
        "Using floral pins, attach enough moss around the oasis to cover the foam.",
        "Gently place the cloche over the oasis and press the moss back into place.",
        "Pull down any moss that shows with tweezers, or add more moss to the gaps.",
        "Water the moss with a spray bottle once a week so the terrarium stays green.",
        "Display the terrarium alone or in a group on a saucer, a wooden slice or a shelf.",
    )
    lead = "A glass cloche terrarium keeps a bit of nature in your home, and it takes an hour."
    posts = thread(article("How to build a terrarium", "", lead, *steps))
    text = "\n".join(posts)
    shown = [i for i, step in enumerate(steps) if step in text]
    assert shown and shown == list(range(len(shown)))


@pytest.mark.parametrize(
    "sentence",
    ["Diesen gibt es in drei Größen.", "Diesem Plan stimmte der Rat zu.", "Ihm fehlt Geld."],
)
def test_a_german_demonstrative_or_pronoun_in_any_case_leans_back(sentence: str) -> None:
    assert leans_back(sentence)


@pytest.mark.parametrize(
    "sentence",
    [
        "Danach werden auch T-Mobile und Vodafone das Gerät anbieten.",
        "Dabei half ihm die Stadt.",
        "Trotzdem stieg der Kurs.",
        "Ensuite, le conseil a voté le budget.",
        "Toutefois, la mairie hésite.",
    ],
)
def test_a_german_or_french_adverb_pointing_back_leans_on_the_sentence_before(
    sentence: str,
) -> None:
    assert leans_back(sentence)


def test_a_closing_or_aside_connective_leans_on_what_came_before() -> None:
    assert leans_back("Incidentally, it is important that Bob pushes to public before review.")
    assert leans_back("Finally, the ability to mix math and text in a paragraph matters too.")
    assert leans_back("Actually I've only found one which provides an adapter for Mocha.")


@pytest.mark.parametrize(
    ("sentence", "before", "leans"),
    [
        ("Along with the patent came more than 1,000 pages of documents.", {"patent"}, True),
        ("After taking money, the man then fled on foot.", set(), True),
        ("Along with the patent came more than 1,000 pages of documents.", set(), False),
        ("After a long vote, the council went home.", {"vote"}, False),
    ],
)
def test_the_noun_a_phrase_opening_the_sentence_names_may_point_back(
    sentence: str, before: set[str], leans: bool
) -> None:
    assert leans_back(sentence, frozenset(before)) is leans


def test_a_how_to_with_headed_steps_posts_each_step_under_its_heading_in_order() -> None:
    says = {
        "Water": "Water the seedlings in the afternoon so the soil holds warmth overnight.",
        "Cover": "Cover each row with fleece held down by bricks along both edges.",
        "Prune": "Prune damaged leaves away once the morning sun has thawed them.",
        "Mulch": "Mulch around stems with straw, keeping it clear of the young shoots.",
    }
    steps = [Section(f"Step heading {name}", (text,)) for name, text in says.items()]
    lead = Section(None, ("Seedlings die in a frost unless a gardener gets ready in time.",))
    source = Article(
        title="How to protect seedlings from frost",
        sections=(lead, *steps),
        summary="",
        summary_source="computed",
        hashtags=(),
        url="https://example.org/frost",
    )
    text = "\n".join(thread(source))
    shown = [text.find(f"Step heading {name}: {says[name]}") for name in ("Water", "Cover")]
    assert -1 not in shown and shown == sorted(shown)


def test_a_lead_sentence_answering_the_one_before_is_kept_though_it_echoes_the_summary() -> None:
    """The setup alone ("has always focused on the Web") would tell the reader the opposite."""
    summary = "The compiler now emits standalone files, which need no browser runtime."
    setup = "The compiler has always focused first and foremost on compiling for web pages."
    answer = (
        "But as apps start to run outside the web, new uses appear, so we have worked on "
        "standalone files that skip the browser runtime."
    )
    manual = "Standalone files and the browser runtime are covered in the manual."
    source = article("Outside the web", summary, f"{setup} {answer}", *FILLER, manual)
    text = "\n".join(thread(source))
    assert setup in text and answer in text


@pytest.mark.parametrize(
    ("sentence", "filler"),
    [
        ("Figure 7 shows what just happened to Bob's repository after the push.", True),
        ("The table below lists every release since the first one.", True),
        ("Programs can run in WASI runtimes (see notes later on what they need).", True),
        ("That is more compact (as in the musl_writev example from before).", True),
        ("Sales grew 8% in a year (see Figure 2).", False),
        ("That's what you're about to see here: one of the richest tributes we ran.", True),
        ("Warning #1: this one might make your browser chug, so close other tabs.", True),
        ("Warning signs were ignored by the crew for weeks.", False),
        ("Update July 3rd, 8:05AM ET: Added ARKit explanation and tweet.", True),
        ("Here is the prepared text and slides from the talk I delivered there.", True),
        ("As you can see, the report at the bottom shows the untested case.", True),
        ("Usage varies, but the most common interpretations are listed here.", True),
        ("Sales fell, as you can see from the figures the state published.", False),
        ("The video above, which WGN resurfaced last week, shows the crowd.", True),
        ("The pictures below capture the event as it transpires.", True),
        ("Here, four notable economists share their views on the key issue of 2015.", True),
        ("Here's proof.", True),
        ("To learn more about each project, click the links in the captions.", True),
        ("Here, the river floods every spring.", False),
        ("Will we look back on photos such as the one above and wonder why?", True),
        ("The photo agency sold pictures to papers across the country.", False),
        ("I'm sure you have seen something like the following line very often.", True),
        ("As you'll see if you watch the video, the talk went on. (Video is above.)", True),
        ("Updates to the app arrive every week, the company said.", False),
        ("Check out the full statement below from ABC News.", True),
        ("Be sure to check out the President's weekly address on service.", True),
        ("Take a look at their videos.", True),
        ("Take a look at how Kaycee's kitchen looks now.", True),
        ("Take a look at the numbers and the picture changes.", True),
        ("For Yerbin Estrada (pictured below), the worst part of the day is the sunset.", True),
        (
            "以下の 2つの国内プロジェクトは IoT 機器の調査を目的としたスキャンを実施しています。",
            True,
        ),
        ("(Scatterplots of (A) stature, declining over 30 kya, and of (B) body mass.", True),
        ("The full text of the ruling is below.", True),
        ("Residents watched the river rise above its banks for the first time.", False),
        ("Wenn du das lernen magst, siehe Infos unten.", True),
        ("Pour les détails, voir ci-dessous.", True),
        ("Unten im Tal lag Schnee.", False),
        ("Mehr dazu hier!", True),
        ("Alle weiteren Informationen zur Demonstration findet ihr hier.", True),
        ("Alle Beauty Tipps hier!", True),
        ("Find out more here.", True),
        ("Alle Menschen leben gern hier.", False),
        ("More people live here than ever before.", False),
        ("Contact Backstage's Advertising Department for additional marketing options.", True),
        ("Contact us at the newsroom with your tips.", True),
        ("Contact tracing began on Monday in three districts.", False),
        # a hand-over, posted without what it hands over to
        ("But generals aren't the only ones who like this quintessential small town.", True),
        ("That's not all.", True),
        ("But there's more.", True),
        # an embed code shown for copying is no sentence; "a < b" in prose is
        (
            "<iframe width='670' height='437' src='http://x.example/v/1'>Your browser does not"
            " support frames.",
            True,
        ),
        ("Prices fell where a <b>-rated loan was cheaper than 5 < 6 suggests.", False),
        # the writer's asides to the reader
        ("Right?", True),
        ("Did we confuse you?", True),
        ("To make you understand what's going on, let us take you to the beginning.", True),
        ("Did we win the vote? The count says yes.", False),
        # the artist's other pages, the site's other posts
        ("Explore a larger collection of Livschitz's projects on Instagram and Vimeo.", True),
        ("You also might enjoy this music video featuring layered papercraft.", True),
        # where else to hear a podcast
        ("The MP3 version of this podcast is designed to play on any device.", True),
        ("You can also hear the podcast on iTunes and on Deadline's SoundCloud page.", True),
        ("The video version of this story won an award.", False),
        ("You can also find the song on Spotify, where it topped the charts in May.", False),
        ("You may like it or not, but the council passed the budget.", False),
        ("See the mural on the corner of Fifth Street this week.", False),
        (
            "Cats are not the only ones covered: the law also protects dogs, rabbits and birds"
            " kept in flats, from next year on.",
            False,
        ),
    ],
)
def test_a_sentence_pointing_elsewhere_or_at_the_reader_is_not_posted(
    sentence: str, filler: bool
) -> None:
    """A post has no Figure 7, no table below, no video above and no page to scroll."""
    assert is_filler(sentence) is filler


def test_a_short_sentence_whose_words_the_hook_already_said_is_not_a_key_point() -> None:
    summary = "Peanut allergies have been on the rise in the past decade, with little hope."
    again = "Allergies to peanuts and other foods are on the rise."
    news = "About 3% of babies who ate peanut snacks early got an allergy, against 17% of others."
    source = article("Babies who eat peanuts early may avoid allergy", summary, news, again)
    text = "\n".join(thread(source))
    assert news in text and again not in text


def test_a_sentence_that_leans_on_another_never_opens_a_post_apart_from_it() -> None:
    setup = "The trial of 640 babies is published in a medical journal this week."
    found = (
        "It found that among babies at high risk, eating peanut snacks by 11 months and then "
        "three times a week until age five cut their chances of a peanut allergy by more than "
        "80 percent."
    )
    summary = (
        "Peanut allergies have been on the rise in the past decade, with little hope for a cure "
        "until now."
    )
    title = "Babies who eat peanuts early may avoid allergy"
    source = article(title, summary, f"{setup} {found}", *FILLER)
    posts = thread(source)
    assert not any(post.startswith("It found") for post in posts)
    assert any(setup in post and found in post for post in posts)


def test_a_bare_surname_the_thread_has_not_introduced_brings_the_full_name() -> None:
    intro = "Zeev Sharon founded a small Boston company that sells spare bedrooms nightly."
    bare = "Sharon is the chief executive of Hotelied, which sells hotel room discounts."
    paragraphs = (
        "Hotel room rates follow rules that hotel owners rarely share with guests.",
        f"Several hotel owners answered questions in an online thread. {intro}",
        *FILLER,
        f"Hotel room discounts are common in winter. {bare}",
        "Daily hotel room rates and discounts rose again this year.",
    )
    text = "\n".join(thread(article("Secrets of hotel room rates", "", *paragraphs)))
    assert bare in text and text.index(intro) < text.index(bare)


@pytest.mark.parametrize(
    ("answer", "asked"),
    [
        ("You'll need one of these.", False),  # a picture's answer: no point to post
        ("Swimwear dries overnight if you hang it in the bathroom.", True),
    ],
)
def test_a_question_is_posted_with_the_answer_its_paragraph_gives_or_not_at_all(
    answer: str, asked: bool
) -> None:
    question = "Planning on going for a swim in the lake this weekend with friends?"
    lead = "Packing for a three-day weekend takes less time than most travellers expect."
    tip = "Pack a garment bag first, since a suit travels badly in a weekend holdall."
    posts = thread(article("How to pack for a weekend", "", lead, tip, f"{question} {answer}"))
    text = "\n".join(posts)
    assert (question in text) is asked and (answer in text) is asked
    assert any(tip in post for post in posts)


def test_numbered_items_written_as_paragraphs_are_posted_with_their_numbers() -> None:
    paragraphs = (
        "Hotel owners shared the tricks of their trade in an online thread this week.",
        "1. Take the blankets off the bed",
        "Duvets are washed far less often than sheets, one hotel owner said in the thread.",
        "2. Check the peep hole",
        "A peep hole can be turned around from the outside with simple tools, owners warned.",
        "3. Avoid a wooden luggage rack",
        "Bedbugs love wood, and a metal rack gives them nowhere to hide in a hotel room.",
    )
    text = "\n".join(thread(article("Three secrets hotel owners keep", "", *paragraphs)))
    first = text.find("1. Take the blankets off the bed: Duvets are washed")
    assert first != -1 and first < text.find("2. Check the peep hole: A peep hole")


def test_a_setup_is_posted_with_what_it_reveals_or_not_at_all() -> None:
    setup = "The most memorable moment of the demo wasn't the butterfly landing on my finger."
    reveal = "It was when I had three windows open at once and moved them with my eyes."
    assert withholds(setup, reveal)
    assert not withholds(setup, "The demo lasted thirty minutes in a closed room.")
    lead = f"Apple showed its new headset to developers this week. {setup} {reveal}"
    text = "\n".join(thread(article("Apple's headset", "", lead, *FILLER)))
    assert setup in text and reveal in text


def test_half_a_quotation_is_never_a_key_point() -> None:
    assert is_filler('We have to take our hats off to Moyes," Heskey says.')
    assert is_filler("Musíme před Moyesem smeknout,“ říká Emile Heskey, bývalý útočník.")
    assert not is_filler(
        '"We have to take our hats off," Emile Heskey, the former striker, says of Moyes.'
    )
    assert not is_filler(
        "“We have to take our hats off,” Emile Heskey, the former striker, says of Moyes."
    )
    assert is_filler("地元の民兵指導者は「昨夜ダンボアで2度の自爆攻撃があり、31人が死亡した。")
    assert not is_filler("地元の民兵指導者は「31人が死亡した」と述べた。")


def test_a_japanese_sentence_opening_on_the_particle_to_goes_on_from_a_quotation() -> None:
    assert leans_back("と想像も容易なその威力にざわざわ…と体が震えます。")
    assert not leans_back("東京都は新しい計画を発表した。")


def test_a_reason_with_no_clause_of_its_own_answers_the_sentence_before() -> None:
    assert leans_back("Because there are profits.")
    assert not leans_back("Because the plan failed, the mayor resigned.")
    assert not leans_back("Because of the storm, the match was moved indoors.")


def test_one_among_those_just_listed_leans_on_the_list() -> None:
    assert leans_back("Among them was Ocalan, placed by the report in Palermo.")
    assert leans_back('Entre ellos aparecía Ocalan, a quien el informe ubicó "en Palermo".')
    assert leans_back("Parmi eux, deux anciens ministres.")
    assert not leans_back("Among the winners was a teacher from Leeds.")


def test_rather_and_conversely_answer_the_sentence_before() -> None:
    assert leans_back("Rather, these principles guide how ads are placed.")
    assert leans_back("Conversely, rural routes lost riders.")
    assert leans_back("En contraste, el conflicto se cobró cerca de 40.000 vidas.")
    assert leans_back("Par contre, le budget reste le même.")
    assert not leans_back("En Estados Unidos, las reservaciones ocupan 80.000 kilómetros.")
    for turn in (
        "On top of that, the team holds a significant record.",
        "With that, they finally got their first dragon of the game.",
        "Because of this, the plan failed.",
        "Despite that, sales rose.",
        "To that end, we built a tool.",
        "在他看来，媒体可以为两国关系作出贡献。",
        "Like, love them love them.",
        "たとえば放送には2つの特性係数が適用される。",
    ):
        assert leans_back(turn), turn
    assert not leans_back("After the vote, nothing happened.")
    assert not leans_back("Like many cities, Paris grew after the war.")
    assert not leans_back("To this day the bridge stands.")


def test_a_reference_back_from_inside_a_sentence_needs_what_it_points_at() -> None:
    from posts.condensing.cues import refers_back

    for leaning in (
        "We're OK with this for now, as internships will only increase.",
        "In these cases the pager stays quiet.",
        "Nobody expected that.",
        "ATF is the system that supports this capability at Dropbox.",
        "You can see that in coal's continued slide.",
        "Lesson #1 about Uber is, therefore, that there is no heroism, only self-interest.",
        "During a visit that month, the guards demanded her bag.",
        "Even the really good ones, like Chicago, have an element of pastiche.",
        "You may never have a conversation like that ever again.",
        "スキャンを観測している理由の一つは、こうした攻撃ツールの存在にあると考えます。",
        "Verizon, AT&T and Comcast, on the other hand, were all opposed to the rules.",
        "The plan, however, failed in its first winter.",
        "Comcast, too, opposed the rules.",
        "Among the biggest players was the U.S. government, which spent sixty million a year.",
        "The simplest approach is basically mathematical: new algorithms no machine can break.",
        "Five people inside, some of them his relatives, were questioned and later released.",
        "Together, these 10 multinationals have boosted their bond holdings to $113 billion.",
        "A simple metal detector would have revealed the location of that little treasure.",
        "Qureshi’s Chinese counterpart Wang Yi had then said the issue should be resolved.",
        "There are also small pockets for lighter objects.",
    ):
        assert refers_back(leaning), leaning
    for standing in (
        "This year the survey grew to 5,000 people.",
        "These days buses run late.",
        "He said that the plan works.",
        "They staggered the shifts so that in the end nobody waited.",
        "The report found that by 2030 coal will be gone.",
        "It looks like that is the plan.",
        "However hard it rained, the game went on.",
        "The biggest storm in a decade is expected on Friday.",
        "Inside the station, the new trains wait for their first riders.",
        "Paris, Texas, is small, and it is hot in summer.",
        "He argued in that it was cheaper than the rest.",
        "Its price is close to that of gold.",
        "If it rains, then the match moves indoors.",
        "The bag also has small pockets for lighter objects.",
    ):
        assert not refers_back(standing), standing


def test_the_noun_a_sentence_before_brought_in_as_a_noun_needs_that_sentence() -> None:
    from posts.condensing.cues import names_again

    mine = "Redonda bustled as the site of a mine that lowered guano to ships."
    assert names_again("More than 100 men were employed at the mine's peak.", mine)
    assert not names_again("The island is now a reserve for birds.", mine)
    assert not names_again("The lot was sold in 1920.", "A lot of men left the island.")
    paragraphs = (
        "Redonda is a small rocky island between Montserrat and Nevis that few people visit.",
        mine,
        "More than 100 men were employed at the mine's peak, most of whom lived on the island.",
        *FILLER,
    )
    posts = thread(article("Goats ruled an island", "", *paragraphs))
    assert not any(p.startswith("More than 100 men") for p in posts)


def test_a_noun_named_as_known_is_read_as_a_thing_the_reader_was_told_of() -> None:
    from posts.condensing.cues import things_named

    assert things_named("We will decide whether the balloons will fly or not.") == ["balloons"]
    assert things_named("This discovery was the foundation of neon light.") == ["discovery"]
    assert things_named("The disruption affected multiple services.") == ["disruption"]
    assert things_named("You refuse to drink this tea because it is old.") == ["tea"]
    for standing in (
        "There were mistakes in the financial statements, he said.",  # the phrase is statements
        "They went through the various loans because the loans are key.",  # brought in here
        "The police said on Tuesday that traffic was light.",  # known to every reader
        "In the eight at-bats, he saw 34 pitches.",
    ):
        assert things_named(standing) == [], standing


def test_a_key_point_naming_a_thing_comes_after_the_sentence_that_brought_it_in() -> None:
    paragraphs = (
        "Holiday travel went smoothly across the east coast despite the storm, airlines said.",
        FILLER[0],
        "Workers readied giant balloons beside the park on Wednesday.",
        "Officials will decide on Thursday whether the balloons will fly in the storm winds, "
        "airlines said, as holiday travel delays stayed short despite the storm.",
        *FILLER[1:],
    )
    posts = thread(article("Storm spares holiday travel", "", *paragraphs))
    text = "\n".join(posts)
    assert "whether the balloons" not in text or text.index("giant balloons") < text.index(
        "whether the balloons"
    )


def test_a_thing_named_with_a_three_letter_noun_needs_its_introduction_too() -> None:
    paragraphs = (
        "Holiday travel went smoothly across the east coast despite the storm, airlines said.",
        FILLER[0],
        "Then came a bag.",  # too short to be a key point: never posted
        FILLER[1],
        "The location of the bag was close to the gate where holiday travel delays stayed short "
        "despite the storm, airlines said.",
        FILLER[2],
    )
    posts = thread(article("Storm spares holiday travel", "", *paragraphs))
    assert not any("location of the bag" in p for p in posts)


def test_a_reply_answers_the_question_before_it() -> None:
    assert leans_back("Aniston replied, “Well, here’s the sad part of that story.”")
    assert leans_back("Trump replied that he had never seen the letter.")
    assert not leans_back("Apple responded to the report on Monday with a statement.")


def test_a_pronoun_before_any_name_points_at_someone_named_before() -> None:
    from posts.condensing.cues import pronoun_before_name

    for leaning in (
        "In 1971 he began to sell a Marseilles-style tarot deck.",
        "In 1961, having programmed the equations, he found that tiny differences mattered.",
        "Since October 7, he says, he has treated two patients shot at the checkpoint.",
    ):
        assert pronoun_before_name(leaning), leaning
    for standing in (
        "When Arthur Waite died in 1942, his obituary called him an author.",
        "Our sources say Lupita told cops it was taken from her room.",
        "Pick songs that were hits during his or her years in school.",
        "Tillerson has faced criticism over his relationship with Putin.",
        "Gates’ comments come after he and Rice recommended Tillerson for the job.",
    ):
        assert not pronoun_before_name(standing), standing


def test_a_quotation_of_several_sentences_is_one_key_point_with_its_speaker() -> None:
    quote = (
        "“Clearly the head of any company that trades abroad will want friendly relations. "
        "But being friendly doesn’t make you friends,” Robert Gates said on Sunday."
    )
    lead = "Robert Gates defended the pick for secretary of state over his ties to Moscow."
    posts = thread(article("Gates on Tillerson", lead, lead, quote, *FILLER))
    assert any(quote in post for post in posts)


def test_a_quotation_opened_straight_and_closed_curly_is_one_quotation() -> None:
    from posts.article.sentences import whole_quotations

    sentences = [
        '"Nissan has a vibrant portfolio of new sedans.',
        "With six million sold, we believe the new Sentra will reach new heights.",
        "The lower stance gives it a new look,” said David Kershaw, a Nissan vice president.",
    ]
    assert whole_quotations(sentences) == [" ".join(sentences)]


@pytest.mark.parametrize(
    "pieces",
    [
        # a German title in guillemets, split at its own full stops
        ["Dann lesen Sie »Leandra-Lou.", "Runway.", "Catwalk.", "Holzweg.", "Ein Blog«!"],
        # a French quotation
        ["Il a dit : « Nous partons demain.", "Le train attend. »"],
        # a German „…“ quotation, whose closing mark is the English opening one
        ["„Wir haben bereits die Zusage.", "Das Geld kommt“, schrieb Keith."],
    ],
)
def test_a_quotation_in_guillemets_or_german_marks_is_one_piece(pieces: list[str]) -> None:
    from posts.article.sentences import whole_quotations

    assert whole_quotations([*pieces, "Danach kam nichts."]) == [
        " ".join(pieces),
        "Danach kam nichts.",
    ]


def test_a_closed_german_quotation_is_not_left_open() -> None:
    from posts.article.sentences import whole_quotations

    sentences = ["„Wir haben die Zusage“, sagte er.", "Das stimmt.", "Es ging um Geld."]
    assert whole_quotations(sentences) == sentences


def test_a_surname_alone_is_a_person_the_thread_must_have_introduced() -> None:
    from posts.condensing.people import bare_names, full_name

    assert "Kaplan" in bare_names("Soon after, Kaplan negotiated with the company.")
    assert bare_names("In Dr. Shadlen's words, the moment is sudden.") == ["Shadlen"]
    assert bare_names("Lorenz and Fetter plotted the motion.") == ["Lorenz", "Fetter"]
    assert bare_names("When Arthur Waite died in New York City, nobody wrote.") == []
    assert full_name("Kaplan", "The deck owes its fame to Stuart R. Kaplan, a publisher.")
    assert bare_names("It fits de Miranda’s notion of a time capsule.") == ["Miranda"]
    assert full_name("Miranda", "the philosopher Luis de Miranda weaves a history of neon")
    assert leans_back("The author draws a parallel between neon and a message in a bottle.")


def test_an_opening_received_idea_goes_with_the_turn_against_it() -> None:
    setup = (
        "The U.S. has long been heralded as a land of opportunity where anyone can succeed "
        "whatever class they were born into."
    )
    turn = "But a new study released on Monday calls that into question."
    findings = (
        "The report compared poverty, income inequality and mobility across ten wealthy countries.",
        "Among its key findings: the class you are born into matters more for mobility in the "
        "U.S. than elsewhere.",
    )
    source = article(
        "Poverty, inequality and mobility",
        "A report on poverty and inequality found that the U.S. ranks lowest on mobility among "
        "welfare states.",
        setup, turn, *findings, *FILLER,
    )  # fmt: skip
    text = "\n".join(thread(source))
    assert setup in text and turn in text
    assert findings[0] in text  # one post more, rather than a post opening on "But"


def test_a_quotation_whose_only_say_is_inside_the_quotes_has_no_speaker() -> None:
    assert is_filler("“If you told the story to my colleagues, every one of them would say so!”")


def test_a_thread_closes_on_its_last_point_not_on_the_link_alone() -> None:
    points = (
        "The harbour ferry will carry up to twenty bicycles on each crossing from the first of "
        "June, and cyclists will pay the standard fare, the council's transport committee said "
        "on Tuesday.",
        "Cyclists who commute by ferry from the island towns said the change would save them "
        "close to an hour each way, since the bridge route means a long climb and a dangerous "
        "road.",
        "The harbour ferry operator said it would add racks for bicycles to both of its boats "
        "before June, and that cyclists would board first and leave last on every crossing of "
        "the harbour, so that the ferry's many foot passengers are never held up at either of "
        "the two piers.",
    )
    source = article(
        "Harbour ferry opens to bicycles",
        "The council voted to open the harbour ferry to cyclists.",
        *points, *FILLER,
    )  # fmt: skip
    posts = thread(source)
    assert posts[-1] != "https://example.org/story"
    assert posts[-1].endswith("https://example.org/story")


def test_a_digest_of_several_stories_is_posted_as_what_it_is_and_how_it_opens() -> None:
    opening = "This week the release train moved to a new schedule, and the team met in Berlin."
    stories = (
        "The new schedule ships a browser release every four weeks instead of every six weeks.",
        "Developers fixed forty crashes in the video player and rewrote the download manager.",
        "The translation team finished its work on Welsh, Breton and Basque this week.",
    )
    source = article("These Weeks in Browsers: Issue 85", "", opening, *stories)
    rendition = condense(source, "x", mode="thread", options=CondenseOptions(numbering="none"))
    text = "\n".join(p.text for p in rendition.posts)
    assert opening in text and not any(story in text for story in stories)
    assert any("a digest of several stories" in w for w in rendition.warnings)
    assert condense(source, "x").mode == "single"


def test_without_a_link_card_the_headline_is_never_dropped_for_the_summary() -> None:
    from dataclasses import replace

    headline = "Harbour ferry opens to bicycles after a long campaign by island commuters"
    summary = (
        "The story of the ferry vote opens a window into how the council weighs cyclists' "
        "wishes against the needs of foot passengers, and draws a line from the island's "
        "first ferry in the nineteenth century to the harbour plan of the twenty-first."
    )
    posts = thread(replace(article(headline, summary, *FILLER), url=None))
    assert posts[0].startswith(headline)


def test_turns_in_chinese_and_a_closing_though_answer_the_sentence_before() -> None:
    from posts.condensing.cues import refers_back

    assert leans_back("无独有偶，英国剑桥大学的李博灏也有着类似的经历。")
    assert refers_back("Microsoft is still pushing the Xbox as more than a game console, though.")
    assert not refers_back("Though late, the ferry came.")
    assert refers_back("I thank the board for taking that step, and I wish it well.")
    assert not refers_back("He said that steps were taken to fix the ferry.")
    assert refers_back("With all of the former combined, polo is now a royal game.")


def test_here_s_what_with_a_curly_apostrophe_is_filler() -> None:
    assert is_filler("Here’s what makes the original cuts of the trilogy so special.")


def test_a_photo_caption_and_a_footnote_are_no_key_points() -> None:
    assert is_filler(
        "President Tsai Ing-wen speaks during a televised debate in Taipei on December 29."
    )
    assert is_filler("* We have received reports that providers restored access.")
    assert not is_filler("The minister speaks to farmers in Kent every week.")
    assert is_filler("It pushes tasks onto the queues, as described in the queue section below.")
    assert is_filler("We cover the retry policy in the next section.")
    assert is_filler("As you can see from the trailer, it’s mostly standard stuff.")
    assert is_filler("Want to know more about Erin Spiceland?")
    assert is_filler("Below is a list of my current favorite women talking sports.")


def test_a_time_told_from_an_event_before_leans_on_it() -> None:
    assert leans_back("Moments earlier, the show's creator accepted the award.")
    assert leans_back("Soon after, Kaplan negotiated with the company.")
    assert leans_back("Later, Stephen learned from another Super Bowl-winning coach.")
    assert not leans_back("Years of drought left the reservoirs empty.")
    assert not leans_back("Later this year the bridge opens to cyclists.")


def test_a_consequence_or_a_response_leans_on_what_it_follows() -> None:
    assert leans_back("As a result, vendors often make a big deal out of minor breaches.")
    assert leans_back("In response, the council extended the night buses.")
    assert not leans_back("As results came in, the mood in the hall changed.")


def test_pages_that_are_not_one_story_are_known_by_title_and_address() -> None:
    from dataclasses import replace

    from posts.condensing.genre import not_one_story

    chapter = replace(
        article("ONE HUNDRED TWO: What kind of wordchain?", "", *FILLER),
        url="https://www.royalroad.com/fiction/63759/super-supportive/chapter/1449598/one",
    )
    assert not_one_story(chapter) == "a chapter of a longer work"
    assert not_one_story(article("Ferry opens to bicycles", "", *FILLER)) is None
    assert not_one_story(article("Minecraft 1.8 - The Bountiful Update", "", *FILLER))
    assert not_one_story(article("Friday Facts #282 - 0.17 in sight", "", *FILLER))
    assert not_one_story(article("Latest News & Headlines", "", *FILLER)) == "a front page"
    assert not_one_story(article("Letters to the Editor", "", *FILLER))
    entry = replace(article("Mozilla", "", *FILLER), url="https://en.wikipedia.org/wiki/Mozilla")
    assert not_one_story(entry) == "an encyclopedia entry"
    spec = ("Clients MUST send the token, and servers SHOULD NOT cache it.",) * 5
    assert not_one_story(article("remoteStorage", "", *spec)) == "a technical specification"


def test_a_page_of_short_unstopped_lines_is_a_list_but_a_sentence_running_into_one_is_not() -> None:
    from posts.condensing.genre import not_one_story

    captions = tuple(f"Photo {n}: the harbour at dawn" for n in range(9))
    assert not_one_story(article("Harbour photos", "", *captions)) == "a list of items"
    lead = "Farmers watch each cow's udder and milk for early signs of illness, and can use:"
    items = tuple(f"sensor {n} for the milk's conductivity or colour," for n in range(8))
    report = article("Sensors in the cowshed", "", lead, *items, "or a monthly milk test.")
    assert not_one_story(report) is None


def test_a_document_s_numbered_sections_are_not_a_list_s_items() -> None:
    from posts.condensing.selection import digest

    sections = tuple(
        Section(heading, (f"{heading[3:]} is what this part of the paper covers in depth.",))
        for heading in ("1. Introduction", "2. Terminology", "3. Storage model", "4. Requests")
    )
    paper = Article(
        title="A storage protocol",
        sections=sections,
        summary="",
        summary_source="computed",
        hashtags=(),
    )
    assert digest(paper).in_order == frozenset()
    listicle = replace_headings(paper, ("1. Rez", "2. Thumper", "3. Headmaster", "4. Batman"))
    assert digest(listicle).in_order


def replace_headings(source: Article, headings: tuple[str, ...]) -> Article:
    from dataclasses import replace

    sections = tuple(
        Section(h, s.paragraphs) for h, s in zip(headings, source.sections, strict=True)
    )
    return replace(source, sections=sections)


def test_with_the_link_first_and_no_headline_a_long_sentence_follows_the_link_post() -> None:
    sentence = (
        "data.example.org. tide tide tide tidetidetide. tidetide tidetidetide. tidetidetide "
        "anemoneanemone. tide tide tide tide data.example.org tidetide tidetidetide tidetidetide "
        "tidetidetide tidetidetide tideanemoneanemone anemoneanemoneanemone."
    )  # found by Hypothesis: it fits post 2 alone but not post 1 beside the link
    source = article("", "", sentence)
    options = CondenseOptions(max_posts=2, link="first")
    posts = [p.text for p in condense(source, "x", mode="thread", options=options).posts]
    assert posts == ["1/2 https://example.org/story", f"2/2 {sentence}"]


def test_a_list_item_number_glued_to_its_name_is_posted_with_a_space() -> None:
    items = {
        "1.Harbour Dome 4": "It stayed dry through three nights of storms on the coast.",
        "2.Ridgeline Solo": "The lightest tent we tested weighs 900 grams all told.",
        "3.Pebble Trail 2": "Its two doors mean nobody climbs over anybody at night.",
    }
    source = Article(
        title="Three tents for a wet summer",
        sections=tuple(Section(name, (text,)) for name, text in items.items()),
        summary="Three tents that stayed dry through a week of storms on the coast.",
        summary_source="meta",
        hashtags=(),
        url="https://example.org/tents",
    )
    text = "\n".join(thread(source))
    assert "2. Ridgeline Solo: The lightest tent" in text and "2.Ridgeline" not in text


def test_a_list_too_long_for_its_items_text_is_posted_as_its_headings() -> None:
    names = [
        f"{n}. {name}"
        for n, name in enumerate(
            [
                "Harbour Dome",
                "Ridgeline Solo",
                "Pebble Trail",
                "Fernhill Family",
                "Gull Tarp",
                "Moss Hollow",
                "Dune Runner",
                "Cedar Peak",
                "Tide Line",
                "Ember Ridge",
            ],
            start=1,
        )
    ]
    text = (
        "It stayed dry through three nights of storms on the coast, pitched on open grass "
        "above the beach, and the porch kept four pairs of wet boots out of the bedroom."
    )
    source = Article(
        title="Ten tents for a wet summer",
        sections=tuple(Section(name, (text.replace("It", name[3:], 1),)) for name in names),
        summary="Ten tents that stayed dry through a week of storms on the coast.",
        summary_source="meta",
        hashtags=(),
        url="https://example.org/tents",
    )
    posts = thread(source)
    joined = "\n".join(posts)
    assert all(f"\n{name}\n" in f"\n{joined}\n" for name in names)  # each a line of its own
    assert "pitched on open grass" not in joined


def test_a_summary_sentence_longer_than_a_post_starts_beside_the_headline() -> None:
    lead = (
        "The prosecutor Pedro Horrach is working with the head of the anti-corruption office, "
        "Antonio Salinas, in Madrid, on the legal strategy he will follow after the order of the "
        "investigating judge that summons the princess to appear as a suspect on the eighth of "
        "March in Palma for money laundering and for crimes against the public treasury of the "
        "state and its tax office on the island of Mallorca."
    )
    headline = "Prosecutors will decide in Madrid whether to appeal the summons of the princess"
    posts = thread(article(headline, lead, lead, *FILLER))
    assert posts[0].startswith(f"{headline}\n\nThe prosecutor Pedro Horrach")


def test_a_thread_of_its_hook_and_the_link_alone_is_one_post() -> None:
    summary = "The Vice President laid out a plan to make two years of community college free."
    source = article("Weekly Address: Free Community College", summary, summary)
    rendition = condense(source, "x", mode="thread", options=CondenseOptions(numbering="none"))
    assert rendition.mode == "single" and len(rendition.posts) == 1
    assert (
        summary in rendition.posts[0].text
        and "https://example.org/story" in rendition.posts[0].text
    )


def test_a_summary_sentence_too_long_to_share_a_post_with_what_it_answers_follows_it() -> None:
    first = (
        "First, let me say that there is a great deal to love in this musical, from its songs "
        "to its dances, its colours and the two leads who carry it through every single scene."
    )
    second = (
        "It is never less than entertaining, and it often reaches moments of dizzying rapture "
        "that come closer to the heights of the American musical than anything in many years."
    )
    posts = thread(article("A musical with bizarre politics", f"{first} {second}", *FILLER))
    [at] = [i for i, post in enumerate(posts) if "It is never" in post]
    assert posts[at].startswith(second)
    assert posts[at - 1].endswith(first)  # the post before ends on what it answers


def test_a_name_introduced_by_a_sentence_that_leans_is_not_brought_without_its_antecedent() -> None:
    lead = "The Nationals play their fourth playoff game tonight with a weak center field."
    setup = "Not again."  # too short to be a key point: posted only reading the lead on
    leaning = (
        "It was also a weak spot in the lean years, when Lastings Milledge played center field."
    )
    traded = "The Nationals traded Milledge in 2009 for a fast center field leadoff hitter, Morgan."
    posts = "\n".join(
        thread(article("The Nationals' center field", "", lead, setup, leaning, traded))
    )
    assert leaning not in posts or f"{lead} {setup} {leaning}" in posts  # never without them


@pytest.mark.parametrize("mode", ["single", "thread"])
def test_an_article_without_a_title_never_posts_its_first_sentence_cut_as_one(mode: str) -> None:
    text = (
        "The council approved a new budget on Tuesday that moves eighteen million from road "
        "resurfacing to bus service across the river districts. Night buses return in March.\n\n"
        "Opponents said the road backlog would grow, but supporters pointed to ridership that "
        "has recovered faster than in any comparable city.\n"
    )
    untitled = parse_article(text.encode(), source="notes.md", url="https://news.example/b")
    assert untitled.title.endswith("…")  # the draft's label; never posted
    posts = [p.text for p in condense(untitled, "x", mode=mode).posts]
    assert "…" not in posts[0]
    assert posts[0].removeprefix("1/2 ").startswith("The council approved a new budget")


def test_the_steps_of_a_project_under_an_instructions_label_are_no_key_points() -> None:
    text = "\n\n".join(
        (
            "# Make a pineapple lamp from plastic spoons",
            "Every room needs light, and a lamp you made yourself from spoons brightens any room.",
            "This lamp is light and sturdy, and it is made of things you already have at home.",
            "Instructions:",
            "Snip the bowls of the plastic spoons from their stems using strong garden snippers.",
            "When you get to the top of the bottle, attach the green cardstock leaves with glue.",
            "Place the whole lamp on a small lamp base and keep the plastic away from the bulb.",
        )
    )
    source = parse_article(text.encode(), source="lamp.md", url="https://example.org/lamp")
    assert source.sections[-1].heading == "Instructions"
    posts = "\n".join(thread(source))
    assert "snippers" not in posts and "attach the green" not in posts
    assert "made of things you already have" in posts


@pytest.mark.parametrize("steps", ["Zubereitung:", "Préparation :", "Preparación:"])
def test_a_recipe_s_steps_are_never_its_lead_in_german_french_or_spanish(steps: str) -> None:
    """A recipe of only its times, ingredients and steps: the post is the dish, its time and
    the link, never "Alle Zutaten in eine Schüssel geben…" as the news."""
    text = "\n\n".join(
        (
            "# Mandelplätzchen",
            "Zubereitungszeit: 25 Minuten (+ 15 Minuten backen)",
            "Zutaten:",
            "300 g Mehl",
            "100 g gemahlene Mandeln",
            steps,
            "Alle Zutaten in eine Schüssel geben und mittels Knethaken zu einem glatten Teig "
            "verarbeiten.",
            "Diesen auf einer bemehlten Arbeitsfläche ausrollen und beliebige Figuren ausstechen.",
            "Im Ofen (Mitte) in 15 Minuten backen, bis sie goldbraun sind.",
        )
    )
    source = parse_article(text.encode(), source="rezept.md", url="https://example.org/rezept")
    assert source.sections[-1].heading == steps.rstrip(" :")
    for mode in ("single", "thread"):
        posts = " ".join(p.text for p in condense(source, "x", mode=mode).posts)
        assert "Zutaten in eine Schüssel" not in posts and "Ofen" not in posts


RECIPE_ITEMS = "".join(
    f"<li>{line}</li>"
    for line in (
        "1 medium onion, finely chopped",
        "2 tablespoons butter",
        "8 ounces sharp cheddar cheese, shredded (2 cups)",
        "8 eggs",
    )
)


def test_a_recipe_whose_labels_are_styled_boxes_is_still_no_list_of_steps() -> None:
    """recipe.com's "Ingredients" and "Directions" are ``<div>``s that extraction drops: the
    run of measured lines starts the procedure, so "Preheat oven…" is neither lead nor news."""
    items = RECIPE_ITEMS
    page = (
        "<html><head><title>Cheesy Potato Bake</title></head><body><article>"
        "<h1>Cheesy Potato Bake</h1><p>Our family's brunch dish is ready before the guests"
        " arrive, and it feeds twelve people without any fuss at all.</p>"
        f'<div class="h2Left">Ingredients</div><ul>{items}</ul>'
        '<div class="h2Left">Directions</div><p>Preheat oven to 325 degrees F. In a medium'
        " saucepan cook onion in butter over medium heat for 4 minutes.</p><p>Stir in the"
        " cheese until it melts, then pour the sauce over the potatoes in the dish.</p>"
        "</article></body></html>"
    )
    source = parse_article(page.encode(), source="bake.html", url="https://example.org/bake")
    assert source.sections[-1].heading == "Ingredients"
    assert source.summary.startswith("Our family's brunch dish")
    for mode in ("single", "thread"):
        posts = " ".join(p.text for p in condense(source, "x", mode=mode).posts)
        assert "Preheat" not in posts and "Stir in" not in posts and "brunch dish" in posts


def test_a_recipe_without_an_introduction_posts_no_ingredient_and_no_tip() -> None:
    """Its headline and link say it: the first ingredient is no opening, and the tip after the
    steps ("Quickly slice potatoes…") is as little news as a step."""
    items = RECIPE_ITEMS
    page = (
        "<html><head><title>Cheesy Potato Bake</title></head><body><article>"
        f'<h1>Cheesy Potato Bake</h1><div class="h2Left">Ingredients</div><ul>{items}</ul>'
        '<div class="h2Left">Directions</div><p>Preheat oven to 325 degrees F. Cook the onion in'
        " butter over medium heat for 4 minutes.</p><h3>Tip</h3><p>Quickly slice potatoes with a"
        " food processor or mandolin slicer.</p></article></body></html>"
    )
    source = parse_article(page.encode(), source="bake.html", url="https://example.org/bake")
    (post,) = condense(source, "x", mode="single").posts
    assert post.text == "Cheesy Potato Bake\n\nhttps://example.org/bake"


def test_a_news_digest_is_posted_as_its_stories_not_as_the_first_one_s_details() -> None:
    """oregonlive's "Industry Notes": a headline naming its stories between semicolons, and
    labels in capitals ("GRANTS/DONATIONS") set as paragraphs. Read as one story, the thread
    was four posts on the first grant; each labelled part is one of the stories."""
    parts = {
        "GRANTS/DONATIONS": (
            "The Comcast Foundation has awarded $355,760 in grants to 31 nonprofits in Oregon.",
            "The grants support programs in digital literacy and community service.",
            "The foundation's grant to Big Brothers Big Sisters funded a mentoring program.",
            "The mission of Big Brothers Big Sisters is to support children facing adversity.",
        ),
        "NEW BUSINESS": (
            "Pam Adkins and Mary Kay Plass have opened a bottle shop on Mississippi Avenue.",
            "The shop sells craft beer, hard cider and sodas, with eight rotating taps.",
            "The tap room seats 18 and offers a small food menu of sandwiches.",
        ),
        "NEW PARTNERSHIP": (
            "OnPoint Community Credit Union will offer investment services through Raymond James.",
            "The partnership starts in January for members in Portland.",
            "Members can book an appointment at any branch from next week.",
        ),
    }
    body = "".join(
        f"<p>{label}</p>" + "".join(f"<p>{text}</p>" for text in texts)
        for label, texts in parts.items()
    )
    headline = "Comcast helps nonprofits; OnPoint partnership; Bottle shop opens: Industry Notes"
    page = f"<html><head><title>{headline}</title></head><body><article>{body}</article></body>"
    source = parse_article(page.encode(), source="notes.html", url="https://example.org/notes")
    assert [s.heading for s in source.sections] == list(parts)
    posts = " ".join(p.text for p in condense(source, "x", mode="thread").posts)
    assert headline in posts and "Pam Adkins" in posts and "OnPoint" in posts
    assert "mission of Big Brothers" not in posts


def test_many_long_items_under_a_ranking_headline_are_a_list() -> None:
    """The A.V. Club's "The best film scenes of 2014": 22 headed scenes, each a long review.
    Read as an essay, the thread was five posts of its introduction and no scene."""
    films = ("Whiplash", "Under The Skin", "Noah", "Snowpiercer", "Foxcatcher", "Pompeii",
             "Godzilla", "Interstellar", "John Wick")  # fmt: skip
    review = " ".join(
        f"The {n}th shot of this scene holds the camera on the drummer for a long while." for n in
        range(4, 14)
    )  # fmt: skip
    sections = "\n\n".join(f"## The ending, {film}\n\n{review}\n\n{review}" for film in films)
    text = (
        "# The best film scenes of 2014\n\nGreat scenes, like great movies, adhere to no single"
        " formula, and some of them work only beside the moments around them.\n\n" + sections
    )
    source = parse_article(text.encode(), source="scenes.md", url="https://example.org/scenes")
    posts = " ".join(p.text for p in condense(source, "x", mode="thread").posts)
    assert all(f"The ending, {film}" in posts for film in films[:3])


def test_a_count_far_below_the_sections_is_no_list_of_them() -> None:
    """ "3 Ways to Implement Embeddable Custom Badges" over nine sections (its outline:
    "IFrames", "Styling", …) is a tutorial, not a list of nine: no roll call of headings."""
    parts = ("Setting up", "IFrames", "Images", "Javascript", "Considerations", "Styling",
             "Customization", "Security", "Advanced")  # fmt: skip
    sections = "\n\n".join(
        f"## {part}\n\nThe {part.lower()} step of the badge takes a few lines of code, and we"
        " walk through each of them with the server's answer, the markup and the styles, so that"
        " a host page shows the badge the way the user expects it on every screen size."
        for part in parts
    )
    text = (
        "# 3 Ways to Implement Embeddable Custom Badges\n\nEmbeddable content is a great way to"
        " promote your site, and a badge links back to it from a third-party page.\n\n" + sections
    )
    source = parse_article(text.encode(), source="badges.md", url="https://example.org/badges")
    posts = "\n".join(p.text for p in condense(source, "x", mode="thread").posts)
    assert "Considerations\nStyling" not in posts


def test_numbered_items_with_their_text_in_the_same_paragraph_are_a_list() -> None:
    """flavorwire's "13 Media Moments…": "1. Celebrity nude photo leaks. It was a bummer…",
    each item named by its first sentence. Read as sentences, the thread posted three items
    and ended on a name without its text; as a list too long for its posts, it is posted as
    its items' names, none left out (a long name included)."""
    text = (
        "It was a bummer, and we wrote about it three times; every time the comments ran to the"
        " hundreds before the day was out, which says more about us than about them."
    )
    names = [f"Moment number {n} of the year" for n in range(1, 10)]
    names[2] = "Accusing a writer of a crime for what she wrote about her sister, left and right"
    items = [f"{n}. {name}. {text}" for n, name in enumerate(names, start=1)]
    intro = (
        "Presenting the morally execrable and the culturally annoying moments of 2014 that we"
        " wish had never happened, although we dutifully wrote about every one of them."
    )
    body = "".join(f"<p>{p}</p>" for p in (intro, *items))
    page = (
        "<html><head><title>9 Media Moments from 2014 We Could Have Lived Without</title>"
        f"</head><body><article>{body}</article></body></html>"
    )
    source = parse_article(page.encode(), source="moments.html", url="https://example.org/m")
    posts = " ".join(p.text for p in condense(source, "x", mode="thread").posts)
    assert "3. Accusing a writer" in posts
    assert "9. Moment number 9 of the year." in posts


def test_data_in_capitals_is_no_label() -> None:
    body = "<p>ISBN-13: 978-3942795111</p><p>NASA</p><p>The book came out in March.</p>"
    page = f"<html><head><title>A book</title></head><body><article>{body}</article></body>"
    source = parse_article(page.encode(), source="book.html", url="https://example.org/book")
    assert [s.heading for s in source.sections] == [None]


def test_lines_that_start_with_numbers_are_no_ingredients() -> None:
    """A news list of figures is no recipe: nothing is labelled."""
    text = "\n\n".join(
        (
            "# The year in numbers",
            "12 new buses joined the fleet",
            "3 stations reopened after repairs",
            "40 drivers were hired in the spring",
            "The council will publish next year's plan in March.",
        )
    )
    source = parse_article(text.encode(), source="numbers.md", url="https://example.org/n")
    assert [s.heading for s in source.sections] == [None]


def test_and_or_and_yet_open_no_sentence_in_german_french_or_spanish_either() -> None:
    assert leans_back("Und trotzdem begegnen wir ihnen ständig.")
    assert leans_back("Trotzdem kamen alle.")
    assert leans_back("Et pourtant, le budget reste le même.")
    assert leans_back("Y además subió el precio.")
    assert not leans_back("Unter den Gästen war ein Lehrer aus Leipzig.")
    assert leans_back("Das wird auch bei der Lyft-Integration so sein.")
    assert not leans_back("Das neue Gesetz gilt ab Januar.")
    assert leans_back("Verwundern muss einen das aber kaum.")
    assert leans_back("Das Ergebnis war jedoch ein anderes.")
    assert not leans_back("Die Stadt wuchs, aber langsam und leise.")
    assert leans_back("Als Ehrerweisung an die Heimat ließ er das Rhine House errichten.")
    assert leans_back("Am Gaumen wirkt er sehr harmonisch.")
    assert not leans_back("Der Bürgermeister sagte, er sei zufrieden.")


@pytest.mark.parametrize(
    "text",
    [
        "World December 29 2014 9:11pm 01:34 Loading...",  # a video player's placeholder
        "※Twitterのサービスが混み合っている時など、ツイートが表示されない場合もあります。",
    ],
)
def test_a_players_placeholder_and_a_marked_note_are_filler(text: str) -> None:
    assert is_filler(text)


def test_a_sentence_pointing_at_the_slides_ahead_is_filler() -> None:
    assert is_filler(
        "Ahead, she shares the five biggest decorating mistakes, and ways to amend them."
    )
    assert is_filler("Below, four economists explain what the numbers mean for renters.")
    assert not is_filler("Ahead of the vote, she shares her plans with the party's members.")


def test_here_are_some_points_announces_what_follows() -> None:
    assert is_filler("Here are some key points to know about both devices before you buy one.")
    assert is_filler("Here are a few ways to help the shelter this winter.")


def test_a_sentence_inside_a_quotation_too_long_to_join_is_no_point_of_its_own() -> None:
    lead = (
        "Sean Hannity compared the mainstream media to propaganda TV in an interview on Sunday, "
        "as he detailed the significance of the upcoming November election."
    )
    quote = (
        '"The country was founded on great principles," Hannity said. "We are moral people, we '
        "are good people in this country. Freedom has made us a far better people. The media is "
        "so corrupt in this country. They lied to this country for four straight years. They "
        'lied about Russia. They lied about collusion."'
    )
    after = "Hannity said socialist policies promise voters to remove the natural stress of life."
    posts = thread(article("Hannity compares media to propaganda TV", lead, lead, quote, after))
    assert not any(post.startswith("They lied") or ". They lied" in post for post in posts), posts


def test_a_list_keeps_its_headline_and_names_every_item() -> None:
    """Raw Story's "These 6 celebrities are refusing to play…": the lead restates the headline,
    but only the headline says what the names are; and the roll call names all six, one whose
    text is only a quote ("…," Legend told the BBC) too."""
    bands = ("The Gulls", "Harbour Lights", "Tidewater", "The Pilots", "Low Water", "Quayside")
    texts = {
        band: (
            f"When the organisers announced that {band} would play, the band's managers swiftly"
            " said no, and they repeated it to every reporter who called them over the weekend."
        )
        for band in bands
    }
    texts["Low Water"] = "“Creative people reject this festival,” Legend told the radio station."
    lead = (
        "As the harbour festival approaches, its organisers are having such a hard time finding"
        " bands to play that the council has ordered a last-minute shakeup of its booking office,"
        " according to the Gazette."
    )
    source = Article(
        "These 6 bands are refusing to play the harbour festival as organisers scramble",
        (Section(None, (lead,)), *(Section(b, (texts[b],), named=True) for b in bands)),
        lead,
        "computed",
        (),
        "https://example.org/bands",
    )
    posts = [p.text for p in condense(source, "x", mode="thread").posts]
    assert (
        posts[0]
        == "1/3 These 6 bands are refusing to play the harbour festival as organisers scramble"
    )
    assert "\n".join(bands) in "\n".join(posts)


@pytest.mark.parametrize(
    ("after", "summary"),
    [
        (
            "The harbour board's first night ferry to the islands has been postponed until 2027,"
            " the board announced on Monday.",
            "The harbour board's first night ferry",
        ),
        ("Councillors have said that more than once.", "If it's any small comfort"),  # an echo
    ],
)
def test_a_one_sentence_teaser_opening_gives_way_to_the_news_after_it(
    after: str, summary: str
) -> None:
    """NBC's "If it's any small comfort, 2016 probably wasn't the most enjoyable year for
    billionaire Elon Musk, either." before "SpaceX's first manned flight … has been postponed"."""
    text = (
        "# What's the hold-up at the night ferry?\n\nIf it's any small comfort, this year wasn't"
        f" a good one for the owner of the boatyard either.\n\n{after}\n\nThe ferry was meant to"
        " sail in the spring, but the board found faults in the ferry's engines and its pier."
        "\n\nThe night ferry's engines will be replaced over the winter, the board said.\n"
    )
    source = parse_article(text.encode(), source="ferry.md", url="https://example.org/ferry")
    (post,) = condense(source, "x", mode="single").posts
    assert post.text.split("\n\n")[1].startswith(summary)
