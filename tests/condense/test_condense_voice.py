"""An article told in person ("I", "we", "you") is posted as its opening; so is a report."""

from __future__ import annotations

from posts.article import parse_article
from posts.condensing import condense
from posts.condensing.voice import told_in_person
from posts.model import Article, Section
from tests.condense.conftest import thread, written

BLOG = "https://example.org/blog/photos"

# An engineering blog post: the opening says what was built; a detail deep in the body repeats
# the article's most frequent words and would win a ranking by word frequency.
OPENING = (
    "We rebuilt the way our app stores photos last spring. "
    "Our old storage kept every photo twice, and we wanted to stop paying for that.",
    "I led the project with two other engineers from the mobile team. "
    "We moved every photo to one store in six weeks, without any downtime for our users.",
    "The bill for storage fell by half in the first month, and it has stayed there since. "
    "Uploads got faster too, because each one is written once instead of twice.",
)
DETAILS = (
    "You can see the difference in your own storage settings after the update.",
    "The photo store shards photo rows by photo owner, and the photo cache keeps photo "
    "thumbnails beside each photo row in the photo store.",
    "We wrote about the photo cache before, and you may remember the photo thumbnails.",
    "My favourite part was deleting the old photo copies, which took a single afternoon.",
    "If you run a photo store yourself, our scripts are in the repository for you to try.",
)


def article(*paragraphs: str) -> Article:
    return written("How we halved our photo storage", "", *paragraphs, url=BLOG)


def test_an_article_told_in_person_is_posted_as_its_opening_in_order() -> None:
    text = "\n\n".join(thread(article(*OPENING, *DETAILS)))
    assert "I led the project" in text and "six weeks" in text
    assert "shards photo rows" not in text  # the top-ranked detail is no key point of the story
    assert text.index("last spring") < text.index("I led the project")


def test_a_report_of_the_same_text_in_the_third_person_is_posted_as_its_opening_too() -> None:
    report = [
        p.replace("We ", "The company ")
        .replace("we ", "the company ")
        .replace("Our ", "Its ")
        .replace("our ", "its ")
        .replace("I led", "Ana Ruiz led")
        .replace("You ", "Users ")
        .replace("you ", "users ")
        .replace("your ", "their ")
        .replace("My ", "Her ")
        for p in (*OPENING, *DETAILS)
    ]
    assert not told_in_person([[p] for p in report], "en")
    text = "\n\n".join(thread(article(*report)))
    assert "Ana Ruiz led the project" in text and "shards photo rows" not in text
    assert text.index("last spring") < text.index("Ana Ruiz led the project")


def test_a_sentence_of_the_opening_too_long_to_share_a_post_with_what_it_leans_on_follows_it() -> (
    None
):
    first = (
        "We spent the winter measuring how long our nightly backups take across every region "
        "we run, from the smallest test cluster to the largest production database in Europe."
    )
    leaning = (
        "They had grown slower every month, and by February the largest one ran well into the "
        "working day, which meant the people who depend on it noticed the slowdown at once."
    )
    after = "Splitting the backups by table let us run them in parallel across four machines."
    posts = thread(article(f"{first} {leaning}", after, *DETAILS))
    [at] = [i for i, post in enumerate(posts) if post.startswith("They had grown")]
    assert posts[at - 1].endswith(first)  # read across the break, right after what it answers
    assert any(after in p for p in posts)


def backups(summary: str) -> Article:
    return written("Faster backups", summary, f"{summary} {LEAN}", *DETAILS, url=BLOG)


LEAN = "It took us a winter of measuring to find out why they had been so slow."


def test_the_first_key_point_may_lean_on_the_summary_posted_right_before_it() -> None:
    summary = "Our nightly backups now finish in forty minutes instead of six hours."
    posts = thread(backups(summary), "mastodon")
    assert any(summary in p and LEAN in p for p in posts)


def test_a_first_key_point_too_long_to_share_the_summary_s_post_follows_it() -> None:
    summary = (
        "Our nightly backups now finish in forty minutes instead of six hours, across every "
        "region we run, from the smallest test cluster to the largest production database, "
        "and nobody has to wait for them in the morning any more."
    )
    posts = thread(backups(summary))
    [at] = [i for i, post in enumerate(posts) if post.startswith("It took")]
    assert posts[at - 1].endswith(summary)


def test_quotation_and_the_country_do_not_make_a_report_personal() -> None:
    quoted = [
        ["“We will build it,” the mayor said.", "“Our city needs it. You will see.”"],
        ["The US plans a similar bridge, officials told reporters."],
        ["The council approved the plan on Monday."],
    ]
    assert not told_in_person(quoted, "en")
    assert told_in_person([["I built it."], ["We shipped it on Monday."]], "en")
    assert not told_in_person([["Ich habe es gebaut."], ["I built it."]], "de")


def test_an_article_told_in_person_with_a_findings_heading_posts_its_findings() -> None:
    finding = "Photos now load in half the time, and storage costs fell by 48% in the first month."
    source = Article(
        title="How we halved our photo storage",
        sections=(
            Section(None, (*OPENING, *DETAILS[:2])),
            Section("What we found", (finding, "We expect the savings to grow as photos do.")),
        ),
        summary="",
        summary_source="computed",
        hashtags=(),
        url=BLOG,
    )
    assert any(finding in post for post in thread(source))


def test_a_title_that_announces_findings_keeps_the_ranking() -> None:
    finding = "Photos now load in half the time, and storage costs fell by 48% in the first month."
    source = written("3 surprising findings from our photo migration", "", *OPENING, finding)
    assert any(finding in post for post in thread(source))


def test_an_excerpt_ends_at_the_paragraph_that_makes_it_long_enough() -> None:
    weeks = (
        "In the first week I copied the oldest albums, the ones from before we had phones.",
        "During the second week our interns wrote checksums for every wedding and holiday set.",
        "The third week brought a power cut, so we paused and rebuilt two failed disks first.",
        "By the fourth week my team trusted the scripts enough to run them every single night.",
        "Week five was quiet: birthdays, gardens, pets and a thousand blurry sunsets moved.",
        "In week six, we switched readers over and retired the old cluster for good.",
        "Week seven was for the write-up, and for thanking everyone who lent us a disk.",
        "Week eight went to planning the next migration, of videos, which will be harder.",
        "Week nine we priced cold storage for the videos with three different providers.",
        "Week ten ended with a budget the board approved after a short and friendly meeting.",
    )
    assert sum(len(week) for week in weeks[:5]) < 450 <= sum(len(week) for week in weeks[:6])
    assert sum(len(week) for week in weeks[6:]) > 300  # not a story's last lines: see below
    text = "\n".join(thread(article(*weeks), "mastodon"))
    assert "week six" in text  # 450 characters are reached in its paragraph: the excerpt ends
    assert "Week seven" not in text and "Week eight" not in text


def test_a_conclusion_or_finding_something_does_not_announce_findings() -> None:
    source = Article(
        title="How we halved our photo storage",
        sections=(
            Section(None, (*OPENING, *DETAILS)),
            Section("Finding past copies", ("I wrote a script that walks the old store.",)),
            Section("Conclusion", ("We would do it again, and we will, for our videos next.",)),
        ),
        summary="",
        summary_source="computed",
        hashtags=(),
        url=BLOG,
    )
    assert "shards photo rows" not in "\n".join(thread(source))


def test_an_excerpt_ends_at_its_second_paragraph_with_a_gap() -> None:
    too_long = (  # longer than any X post: passed over, leaving a gap in its paragraph
        " It had grown by hand for a decade, and nobody had written down why each part of it was "
        "there at all, or which of our teams depended on it, or what would break, and for whom, "
        "if we ever moved it to another machine, or how long the move would take, or who would "
        "be awake to watch it through the night."
    )
    first = "I spent January untangling the indexes of our photo store, mostly at night."
    second = "My colleague Ana rebuilt the nightly backup scripts while travelling in Peru."
    later = "We later measured every upload path again, and I published the numbers for everyone."
    other = (
        " They had failed twice that spring, so she wrote a checklist, tested each step on a "
        "spare server, and asked three of us to restore a random album every Friday afternoon, "
        "which the whole team still does today, even on holidays, even on the long weekends, "
        "even when the rest of the office is closed for the winter break."
    )
    text = "\n".join(thread(article(first + too_long, second + other, later)))
    assert first in text and second in text  # each opening is posted
    assert "had grown by hand" not in text and "failed twice" not in text  # too long to post
    assert later not in text  # two paragraphs with gaps: the excerpt has ended


def test_an_essay_whose_first_person_is_only_in_its_opening_is_still_told_in_person() -> None:
    opening = (
        "I have loved musicals since I was a child, and I still watch the old ones every winter.",
        "So I went to this one with real hope, and with a notebook, and I was not disappointed.",
    )
    analysis = (
        "The opening number borrows from the studio era, with a long take on a jammed freeway.",
        "Its colours come from the French musicals of the sixties, primary and saturated.",
        "The songs are simple, hummable tunes, written by a composer still under thirty.",
        "Its dancing is loose rather than drilled, which suits leads who are not dancers.",
        "Critics in Venice gave the film a long ovation at its first screening in August.",
        "Box office takings passed one hundred million dollars within six weeks of release.",
        "The film ties a record with fourteen nominations from the Academy this winter.",
        "Its ending divides audiences, who argue over it long after the credits have rolled.",
    )
    warning = "Spoiler warning for the ending of the film."
    source = written("A musical worth the hope", "", warning, *opening, *analysis, url=BLOG)
    text = "\n".join(thread(source, "mastodon"))
    assert opening[0] in text and opening[1] in text  # the author's opening, not "someone quoted"


REPORT = (
    "The county opened six new cooling centres on Monday as the heat wave entered its ninth "
    "day, officials said at a briefing in the town hall.",
    "Hospitals reported a rise in heat-related admissions over the weekend, most of them "
    "among older residents living alone in the river districts.",
    "The centres stay open until midnight and offer water, shade and a nurse on duty.",
)
QUOTED = (  # another outlet's report, which would rank high: it repeats the story's words
    "Older residents living alone in the river districts could not reach the cooling centres, "
    "and they made up most heat-related hospital admissions in the heat wave."
)


def test_a_block_quotation_is_never_posted_as_the_author_s_words() -> None:
    page = (
        f"<html><head><title>Cooling centres open</title></head><body><article><p>{REPORT[0]}</p>"
        f"<blockquote><p>{QUOTED}</p></blockquote><p>{REPORT[1]}</p><p>{REPORT[2]}</p>"
        "</article></body></html>"
    )
    markdown = "\n\n".join(("# Cooling centres open", REPORT[0], f"> {QUOTED}", *REPORT[1:]))
    for raw, name in ((page, "page.html"), (markdown, "story.md")):
        source = parse_article(raw.encode(), source=name, url=BLOG)
        assert source.quoted == frozenset({1})
        assert "could not reach" not in "\n".join(thread(source))


def test_a_block_quotation_is_not_the_voice_of_an_article_told_in_person() -> None:
    quoted = "I never thought the photo store would hold, said the vendor in a letter to me."
    source = parse_article(
        ("\n\n".join(OPENING[:1]) + f"\n\n> {quoted}\n\n" + "\n\n".join(OPENING[1:])).encode(),
        source="story.md",
        url=BLOG,
    )
    assert "the vendor" not in "\n".join(thread(source))


def test_a_single_post_of_a_story_told_in_person_never_skips_ahead_in_it() -> None:
    opening = (
        "At my mother's funeral, I was calmer than I had ever imagined being. She was eighty-"
        "seven and had lived a long and fruitful life, and for some time her body had been "
        "signalling its eagerness to depart, almost blind and bedridden for months after a fall."
    )
    later = "I read the prayer she chose, and I kept my voice steady to the end."
    source = written("Lessons from my mother", "", opening, later, *OPENING[1:], url=BLOG)
    post = condense(source, "x", mode="single").posts[0].text
    assert "I was calmer" in post and "eighty-seven" not in post
    assert later not in post and "I led the project" not in post  # nothing past the gap


def test_answers_signed_by_the_people_asked_are_not_the_author_s_words() -> None:
    answers = (
        "The last time I took the bus to work was a month ago, and the ride was quick and calm.",
        "Donna Abood, principal and managing director, Avison Young",
        "Never. In a city that is often hot or raining, the buses have to come more often.",
        "Larry Rice, president, Johnson & Wales University",
        "I ride the train every week from our office to the courthouse and back again.",
        "Alex Rodriguez-Roig, president, Boys & Girls Clubs",
    )
    question = "This week's question: when did you last take the bus to work, and why then?"
    source = written("Miami CEOs are asked about the bus", "", question, *answers, url=BLOG)
    posts = "\n".join(thread(source))
    assert "took the bus to work was a month ago" not in posts
    assert "often hot or raining" not in posts and "every week" not in posts


def test_a_short_answer_to_a_long_sentence_of_the_opening_follows_it_in_the_next_post() -> None:
    long = (
        "Given how often we read about stolen passwords, leaked photo albums and plundered "
        "accounts, you might think that anyone can already break into any photo store they "
        "want, from the smallest family archive to the largest album of any famous artist.",
        "The encryption that protects every photo we keep, from the thumbnails in our cache "
        "to the originals in cold storage, remains effectively impregnable when it is properly "
        "set up, even if, in practice, there are breaches through careless clicks and so on.",
        "Researchers around the world are inching toward a machine that would, on its first "
        "day of operation, be capable of cracking the codes that nearly every photo store uses, "
        "from the ones run by tiny startups to the ones run by the largest companies of all.",
    )
    short = (
        "But the situation could be a lot worse.",
        "This happy state will not, however, last.",
        "So we started to prepare for it last year.",
    )
    opening = " ".join(f"{a} {b}" for a, b in zip(long, short, strict=True))
    posts = thread(article(opening, *DETAILS))
    assert posts[1] == short[0] and posts[3] == short[1]  # each right after what it answers


def test_an_excerpt_whose_sentences_cannot_share_posts_stops_at_five_posts() -> None:
    summary = (
        "Given how often we read about stolen passwords, leaked photo albums and plundered "
        "accounts, you might think that anyone can already break into any photo store they "
        "want, from the smallest family archive to the largest album of any famous artist."
    )
    moments = [  # any two of them are longer than an X post
        "I flew to Lisbon in March to meet the team that runs our oldest data centre, which "
        "still holds most of the photos that our users uploaded to us long ago.",
        "The building sits on a hill above the river, and its cooling plant is older than "
        "most of the engineers who keep it running in the hottest summers.",
        "Marta showed me the racks where the photo store lives, row after row of machines "
        "bought in three decades and held together with handwritten labels.",
        "We spent two days counting disks, cables and power supplies, and found that a third "
        "of the capacity held second copies nobody had ever asked us for.",
        "Back home, I wrote a plan to move every photo once, verify it, and only then delete "
        "the older copy, so that no user would lose a single picture.",
    ]
    title = "How we halved our photo storage"
    posts = thread(written(title, summary, " ".join(moments), *DETAILS, url=BLOG))
    assert len(posts) == 5  # the sixth would be the opening's fifth sentence alone
    assert [m for m in moments if any(m in p for p in posts)] == moments[:4]


def test_an_interview_s_answers_under_its_questions_are_not_the_author_s_words() -> None:
    intro = (
        "Shops are in crisis, and pioneering spirit is needed to turn things around.",
        "Jan Kegel, chief digital officer at a sports retailer since 2015, knows which ideas "
        "bring real value and which are fads.",
    )
    answers = (
        Section("Jan, would you say you have come a long way since 2015?", (
            "In many areas we are very well placed already, above all in marketing and in the "
            "way our shops and our online store now work together.",
        )),
        Section("What worked best for the shops, in your view?", (
            "It was crucial to build our customer records around journeys, so that we have no "
            "silos between the shops, the online store and marketing any more.",
        )),
    )  # fmt: skip
    source = Article(
        title="Interim report: Jan Kegel on the tops and flops of a retail transformation",
        sections=(Section(None, intro), *answers),
        summary="",
        summary_source="computed",
        hashtags=(),
        url=BLOG,
    )
    posts = "\n".join(thread(source))
    assert "very well placed" not in posts and "customer records" not in posts
    assert "pioneering spirit" in posts
