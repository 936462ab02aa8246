"""Boilerplate recognition: furniture goes, content that merely resembles it stays."""

from __future__ import annotations

import pytest

from posts.article import parse_article
from posts.article.boilerplate import is_boilerplate_heading, is_boilerplate_paragraph


@pytest.mark.parametrize(
    "text",
    [
        "Share this: Facebook · X · Email",
        "Share on Bluesky",
        "Subscribe to our newsletter for weekly updates",
        "Subscribe",
        "Read more",
        "Continue reading →",
        "We use cookies to improve your experience. Accept all cookies",
        "© 2025 Riverside Field Notes",
        "Copyright 2024 Example Media. All rights reserved.",
        "Home | About | Contact",
        "Posted in Science, Nature",
        "Related Posts",
        "You may also like",
        "Next post: the moth night",
        "Related: How we chose a shade cloth",
        "Enjoying this post? Subscribe to our newsletter for monthly growing notes.",
        "Lesen Sie auch: Warum der Nebel kommt",
        "À lire aussi : la nuit des papillons",
        "Lee también: cómo elegimos la malla",
        "Weiterlesen",
        "Loading...",
        "Permalink",
        "(Mike Cason/mcason@al.com)",
        "night buses seized at the depot.jpg",
        "Written or reviewed by a board-certified physician. See About.com's Medical Review Board.",
        "Medically reviewed by Dr. Ann Lee, MD",
        "This casting/job notice is still under review by Backstage's editors. However, you can"
        " apply right away! Scams and inappropriate content will be promptly removed.",
        "The interactive transcript could not be loaded.",
        "Rating is available when the video has been rented.",
        "This feature is not available right now. Please try again later.",
        "If playback doesn't begin shortly, try restarting your device.",
        "Robert Yager for The New York Times",  # a photo's credit
        "Evan Vucci/AP",
        "Podcast: Play in new window | Download",  # WordPress PowerPress, under its player
        "Podcast: Play in new window | Download (Duration: 4:12 — 3.9MB) | Embed",
        '{{nrco.contentDetailController.content.status === "published" ? "Contenu publié" : '
        '"Inconnu"}} {{nrco.contentDetailController.content.lastUpdateUser.fullName}}',
        "{{ article.title }}",
        "Veröffentlicht am 12. März 2019 von Anna Schmidt",
        "Publié le 12 mars 2019 par Jeanne Martin",
        "Publicado el 3 de mayo de 2020",
        "Vielen Dank an den Verlag für die Bereitstellung des Rezensionsexemplares. Dies hat keine "
        "Auswirkungen auf meine persönliche Meinung.",
        "I received a free review copy from the publisher.",
        "This is solely my opinion. Every person is different, so the things that I have "
        "experienced in no way reflect EVERY birth mother or adoptee.",
        "Disclaimer: I am not a doctor.",
        "Forgot your username or password ?",
        "This post contains affiliate links.",
        "Teilen mit:",
        "Gefällt mir Wird geladen …",
        "Deine E-Mail-Adresse wird nicht veröffentlicht. Erforderliche Felder sind mit * markiert.",
        "Votre adresse e-mail ne sera pas publiée.",
        "Tu dirección de correo electrónico no será publicada.",
        "Nächster Beitrag",
        "Veröffentlicht unter Politik, Wahl",
        "Schlagwörter: Politik, Wahl",
        "Melde dich für unseren Newsletter an",
        "Alle Rechte vorbehalten.",
        "スポンサード リンク",  # a blog's ad slot labels, between and after its posts
        "Advertisements",
        "Sponsored links",
        "関連エントリ",
        "オススメサイト",
        "Diese Website verwendet Cookies. Mehr dazu in der Datenschutzerklärung.",
        "Ce site utilise des cookies pour améliorer votre expérience.",
        "Utilizamos cookies propias y de terceros.",
        "Auf unserer Website werden Cookies gemäß unserer Datenschutzerklärung verwendet. Diese "
        "helfen uns dabei die Benutzererfahrung zu optimieren. Sie können jederzeit dem Einsatz "
        "von Cookies auf dieser Website widersprechen, indem Sie die Einstellungen Ihres Browsers "
        "ändern; dann stehen Ihnen aber nicht mehr alle Funktionen unserer Seiten zur Verfügung, "
        "und auch die Seiten, die Sie zuletzt besucht haben, merken wir uns dann nicht mehr.",
    ],
)
def test_furniture(text: str) -> None:
    assert is_boilerplate_paragraph(text)


def test_a_label_over_the_page_s_topics_is_furniture_however_many_it_lists() -> None:
    topics = "Read More: " + ", ".join(
        ["Federal Open Market Committee", "Federal Reserve", "Financial Crisis", "Fomc"] * 5
    )
    assert len(topics.split()) > 30
    assert is_boilerplate_paragraph(topics)
    sentence = (
        "Read more: The council, which met on Tuesday, said the plan would cost more than anyone"
        " had expected, and that the work on the bridge, the roads and the depot would take years."
    )
    assert not is_boilerplate_paragraph(sentence)


def test_a_whole_page_run_together_is_furniture() -> None:
    """huffingtonpost.de's topic page read as one block: menus, dates and other stories'
    teasers, 300 words, mostly capitalised, hardly a sentence end."""
    menu = "Generation Y Entertainment Politik Lifestyle Mehr Desktop Alerts Anmelden Profil"
    teasers = (
        "Trick-Frage? Wie Kaufland seine Kunden an der Kasse kontrolliert dpa Der Tag an dem ich"
        " die Islamisierung in Deutschland finden wollte Getty Das Foto zeigt eine Familie Doch"
        " ein Detail sieht man nicht Stacie Kinney Courtesy"
    )
    run = " ".join([menu, "3. Januar 2015 Edition: DE Follow STARTSEITE", teasers] * 6)
    assert len(run.split()) >= 200
    assert is_boilerplate_paragraph(run)
    prose = " ".join(
        ["Die Stadt Erfurt baut im kommenden Jahr zwei neue Schulen, und der Stadtrat hat dafür"
         " am Dienstag Geld bewilligt, wie die Verwaltung mitteilte."] * 9
    )  # fmt: skip
    assert not is_boilerplate_paragraph(prose)


@pytest.mark.parametrize(
    "text",
    [
        "Read more about the method in the appendix, where we list every tank, pump and camera "
        "we used, together with the settings and the times we changed them during the study.",
        "We shared the data with three other labs.",
        "Cookies were the volunteers' favourite snack.",
        "Related work on crabs suggests the same.",
        "Before | after",
        "Write {{ page.title }} in the template where the headline should go.",
        "Veröffentlicht in der Fachzeitschrift Science zeigt die Studie, dass Bienen tanzen.",
        "Die Zeitung wird drucken lassen.",
        "Im März 2019 kamen 300 Gäste.",
        "I am not a doctor, but the nurse who saved my father's life was, and this is her story.",
        "But this is just my opinion, and the council voted the other way.",
        "Reviewed by three judges, the entries were ranked on taste alone.",
        "Maria Lopez wrote for The New York Times for a decade.",
        "Tickets for The Lion King",
        "Die Datenschutzbehörde prüft, ob Händler Cookies ohne Zustimmung setzen; die Verbraucher"
        "zentrale hatte geklagt, weil die Seiten schon beim ersten Aufruf Daten an Werbenetze "
        "schickten, und das Gericht gab ihr in allen Punkten recht, wie eine Sprecherin sagte.",
    ],
)
def test_content(text: str) -> None:
    assert not is_boilerplate_paragraph(text)


@pytest.mark.parametrize(
    ("heading", "expected"),
    [
        ("Related articles", True),
        ("Leave a reply", True),
        ("3 Comments", True),
        ("Share this:", True),
        ("Ähnliche Beiträge", True),
        ("Schreibe einen Kommentar", True),
        ("12 Kommentare", True),
        ("Das könnte Sie auch interessieren", True),
        ("Diesen Beitrag teilen", True),
        ("Articles similaires", True),
        ("Laisser un commentaire", True),
        ("Artículos relacionados", True),
        ("Deja un comentario", True),
        ("Weitere Ergebnisse der Studie", False),
        ("Kommentar: Warum der Nebel bleibt", False),
        ("Kommentar", False),  # an opinion piece's label, not a comment section
        ("Related findings in corals", False),
        ("What we found", False),
    ],
)
def test_headings(heading: str, expected: bool) -> None:
    assert is_boilerplate_heading(heading) is expected


def test_boilerplate_section_ends_at_a_heading_of_the_same_rank() -> None:
    article = parse_article(
        b"# T\n\nLead text.\n\n## Comments\n\nGreat post!\n\n### Reply\n\nThanks.\n\n"
        b"## Methods\n\nWe counted.\n"
    )
    assert [s.heading for s in article.sections] == [None, "Methods"]
    assert article.paragraphs == ("Lead text.", "We counted.")


def test_scraped_related_list_is_dropped_until_the_summary() -> None:
    article = parse_article(
        b"Title: Fog\n\nLead paragraph about fog.\n\nRelated Posts\n\nWhy fog rolls in\n\n"
        b"Sea fog explained\n\nSummary\n\nFog forms when warm air meets cold water.\n"
    )
    assert article.paragraphs == ("Lead paragraph about fog.",)
    assert article.summary == "Fog forms when warm air meets cold water."


def test_the_site_s_note_on_the_writer_ends_the_article() -> None:
    """Among the last paragraphs, the writer introduced by their job, and what follows (a
    correction's note), is the site's; a reporter named so in the story is the story's."""
    story = (
        "<p>Ann Lee is a reporter for the Riverside Gazette who first asked why the night buses"
        " stopped, and her questions led to the vote.</p>"
        "<p>The city council approved a budget on Tuesday that moves eighteen million from road"
        " resurfacing to bus service across the river districts.</p>"
        "<p>Night buses return to six neighbourhoods in March, the transport director said.</p>"
    )
    note = (
        "<p>Sam Ortiz is the transport reporter for the Riverside Post. Follow him on Twitter.</p>"
        "<p>This article has been revised to reflect the following correction:</p>"
    )
    html = f"<html><body><article><h1>Night buses</h1>{story}{note}</article></body></html>"
    article = parse_article(html.encode(), source="page.html")
    assert article.paragraphs[0].startswith("Ann Lee is a reporter")
    assert article.paragraphs[-1].startswith("Night buses return")
    assert [rule for rule, _ in article.removed].count("author-note") == 2
