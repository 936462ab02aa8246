"""A newspaper's lead-in in capitals is posted in the case the article writes its words in."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from posts.article import parse_article
from posts.article.capitals import recase_lead_in

REST = (
    "<p>The institutes said the move would help investors compare results across borders, and"
    " the mum of two who runs a small audit firm in Leeds agreed with them.</p>"
    "<p>NASA has backed the plan, and Mr Johnson said he would vote for it next week.</p>"
)


def lead(first: str, title: str = "Accountants back global standards") -> str:
    html = (
        f"<html><head><title>{title}</title></head><body><article><h1>{title}</h1>"
        f"<p>{first}</p>{REST}</article></body></html>"
    )
    return parse_article(html.encode(), source="page.html").paragraphs[0]


@pytest.mark.parametrize(
    ("first", "expected"),
    [
        (
            "UK INSTITUTES have thrown their weight behind rapid adoption of the standards.",
            "UK institutes have thrown their weight behind rapid adoption of the standards.",
        ),
        (
            "A MUM has told how a small audit firm won its first client from the city.",
            "A mum has told how a small audit firm won its first client from the city.",
        ),
        (  # a name the article writes as one, later
            "BORIS JOHNSON has said he backs the standards for every listed company.",
            "Boris Johnson has said he backs the standards for every listed company.",
        ),
        (  # one small word no acronym spells
            "WE can't keep up with all the standards the accountancy bodies have thrown out.",
            "We can't keep up with all the standards the accountancy bodies have thrown out.",
        ),
        (  # a long word written nowhere else is a common one
            "THREE ACCOUNTANCY BODIES have thrown their weight behind the standards.",
            "Three accountancy bodies have thrown their weight behind the standards.",
        ),
    ],
)
def test_a_lead_in_in_capitals_is_set_in_the_article_s_case(first: str, expected: str) -> None:
    assert lead(first) == expected


@pytest.mark.parametrize(
    "first",
    [
        # acronyms: written in capitals further on, or short and written nowhere else
        "NASA JPL engineers have thrown their weight behind the standards this week.",
        "NASA JPL UK firms have thrown their weight behind the standards this week.",
        # one word in capitals is a name or an acronym, not a lead-in
        "IFRS rules have won the backing of accountants across the country this week.",
    ],
)
def test_acronyms_stay_in_capitals(first: str) -> None:
    assert lead(first).split()[:2] == first.split()[:2]


@given(st.text(alphabet="AB Cab.\n", max_size=40), st.text(alphabet="AB Cab.\n", max_size=40))
def test_recasing_changes_only_the_case_of_the_lead_in(text: str, others: str) -> None:
    recased = recase_lead_in(text, [others])
    assert recased.casefold().split() == text.casefold().split()
    assert recase_lead_in(recased, [others]) == recased
