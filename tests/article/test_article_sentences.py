"""Sentence splitting survives abbreviations, decimals, quotes, URLs, ellipses and CJK."""

from __future__ import annotations

import pysbd
import pytest
from hypothesis import given
from hypothesis import strategies as st

from posts.article.sentences import ends_unpunctuated, split_sentences


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "Dr. Smith met Mr. Jones at 3 p.m. yesterday. They talked, e.g. about tides.",
            ["Dr. Smith met Mr. Jones at 3 p.m. yesterday.", "They talked, e.g. about tides."],
        ),
        (
            "The value rose to 3.5 percent. It then fell to 2.75 in St. Andrews.",
            ["The value rose to 3.5 percent.", "It then fell to 2.75 in St. Andrews."],
        ),
        (
            '"Is this it?" she asked. "Yes," he said. Then they left.',
            ['"Is this it?" she asked.', '"Yes," he said.', "Then they left."],
        ),
        (
            "He said “Stop.” Then he left.",
            ["He said “Stop.”", "Then he left."],
        ),
        (
            "See https://example.org/a.b/c?x=1.2&y=3 for details. Then go.",
            ["See https://example.org/a.b/c?x=1.2&y=3 for details.", "Then go."],
        ),
        (
            "Data at data.example.org/tide?week=2. Mail info@example.org. Or www.example.com!",
            [
                "Data at data.example.org/tide?week=2.",
                "Mail info@example.org.",
                "Or www.example.com!",
            ],
        ),
        (
            "Wait... what happened? I don't know... Maybe nothing.",
            ["Wait... what happened?", "I don't know...", "Maybe nothing."],
        ),
        (
            "今日は晴れです。明日は雨が降るでしょう！本当？はい。",
            ["今日は晴れです。", "明日は雨が降るでしょう！", "本当？", "はい。"],
        ),
        (
            "彼は「本当？」と聞いた。私は答えた。",
            ["彼は「本当？」と聞いた。", "私は答えた。"],
        ),
        (
            "我爱你。I love you. 你好！",
            ["我爱你。", "I love you.", "你好！"],
        ),
        (
            "One paragraph\nwrapped here.\n\nAnother one",
            ["One paragraph wrapped here.", "Another one"],
        ),
        (
            "Prices rose 12.5% in Q3. Analysts, i.e. the usual ones, were surprised. "
            "So was Gen. Lee!",
            [
                "Prices rose 12.5% in Q3.",
                "Analysts, i.e. the usual ones, were surprised.",
                "So was Gen. Lee!",
            ],
        ),
        ("Ask J. Smith. Or ask me? Fine! Done.", ["Ask J. Smith.", "Or ask me?", "Fine!", "Done."]),
        ("", []),
    ],
)
def test_split_sentences(text: str, expected: list[str]) -> None:
    assert split_sentences(text) == expected


@pytest.mark.parametrize("lang", ["ja", "ja-JP", "zh", "en_GB", "xx", None])
def test_language_choice(lang: str | None) -> None:
    text = "彼は「本当？」と聞いた。私は答えた。"
    assert split_sentences(text, lang) == ["彼は「本当？」と聞いた。", "私は答えた。"]


def test_language_selects_pysbd_rules() -> None:
    text = "Wir treffen uns z. B. am 3. Oktober am Bahnhof. Dann gehen wir."
    german = ["Wir treffen uns z. B. am 3. Oktober am Bahnhof.", "Dann gehen wir."]
    assert split_sentences(text, "de-AT") == german
    assert split_sentences(text, "en") != german  # English rules do not know "z. B."


_pieces = st.sampled_from(
    [*"abcdefgh XYZ.,!?…。「」\"'\n0123456789", "Dr.", "e.g.", " https://a.b/c?d=1.5 ", "\n\n"]
)
_texts = st.lists(_pieces, max_size=120).map("".join)


@given(_texts)
def test_no_text_is_lost_or_invented(text: str) -> None:
    sentences = split_sentences(text)
    assert "".join(sentences).replace(" ", "") == "".join(text.split())
    assert all(sentence == sentence.strip() and sentence for sentence in sentences)


_PROSE = [
    "Dr. Alvarez checked ten batches, e.g. for smell. The rest were fine. #CitizenScience",
    "Hand samples carried 10 times more bacteria than hands of non-bakers. The yeast matched.",
    "The U.S. economy grew. The U.K. did not. Apple Inc. The company grew.",
    "It was 5 ft. tall. Then it fell. We met at 9 a.m. Then we left. Item No. 5 broke.",
    "She works at Acme Corp. She likes it. Sen. Warren spoke. Gov. Newsom listened.",
    "The winter of 2021. Ze worden gedeeld. Het is 3. Oktober.",
    "He produced oncostatin M. Once produced, it spreads. J. R. R. Tolkien wrote it.",
    "Wait... What happened? Nothing! Really?! Yes. (See Fig. 2.) The end.",
    "Prices rose 12.5% in Q3. Analysts, i.e. the usual ones, were surprised. Mid-level. Done.",
]


@pytest.mark.parametrize("text", _PROSE)
def test_same_sentences_as_pysbd_alone(text: str) -> None:
    """The shortcuts (certain cuts, windows that need no pysbd) never change pysbd's answer."""
    reference = [s.strip() for s in pysbd.Segmenter(language="en", clean=False).segment(text)]
    assert split_sentences(text) == reference


def test_a_quotation_closed_with_no_space_after_it_still_ends_the_sentence() -> None:
    text = "It called him the author of “many books on occult phenomenon.”There was no mention."
    assert split_sentences(text, "en") == [
        "It called him the author of “many books on occult phenomenon.”",
        "There was no mention.",
    ]


def test_a_clock_time_s_time_zone_stays_in_its_sentence() -> None:
    text = "It starts at 10 a.m. PDT (5 p.m. UTC) on August 28. We met at 9 a.m. NASA called."
    assert split_sentences(text, "en") == [
        "It starts at 10 a.m. PDT (5 p.m. UTC) on August 28.",
        "We met at 9 a.m.",
        "NASA called.",
    ]


def test_an_initial_in_a_script_without_capitals_is_no_sentence_end() -> None:
    text = "ผู้สื่อข่าวได้รับแจ้งจากนาย ต. ภูชนะ (นามแฝง) เป็นคนใกล้ชิดของนายสุรชัย"
    assert split_sentences(text, "th") == [text]
    dated = "21 ม.ค.2561 เวลาประมาณ 12.00 น. ผู้สื่อข่าวได้รับแจ้งจากนาย ต. (นามแฝง) บุตรชาย"
    assert split_sentences(dated, "th") == [dated]  # nothing cut, nothing added


def test_scripts_with_their_own_full_stop_end_sentences_on_it() -> None:
    """Armenian "։" and Devanagari "।", whatever the page's declared language."""
    armenian = "Կառավարությունը հաստատեց նոր բյուջեն։ Նախագահը այցելեց Մոսկվա։"
    assert split_sentences(armenian, None) == [
        "Կառավարությունը հաստատեց նոր բյուջեն։",
        "Նախագահը այցելեց Մոսկվա։",
    ]
    hindi = "सरकार ने नया बजट पेश किया। विपक्ष ने इसका विरोध किया।"
    assert len(split_sentences(hindi, "en")) == 2
    assert ends_unpunctuated("Նախագահը այցելեց Մոսկվա։")


def test_the_arabic_comma_ends_no_sentence() -> None:
    """pysbd's Arabic rules cut at "،"."""
    text = "وأضاف أن الميزانية جاهزة؟ نعم، هي جاهزة."
    assert split_sentences(text, "ar") == ["وأضاف أن الميزانية جاهزة؟", "نعم، هي جاهزة."]


def test_a_long_run_of_thai_is_cut_at_spaces_into_sentence_sized_units() -> None:
    text = (
        "ผู้สื่อข่าวได้รับแจ้งจากนาย ต. (ไม่ประสงค์เปิดเผยชื่อ) บุตรชายของภูชนะ "
        "ว่าผลการตรวจดีเอ็นเอของศพที่ลอยมาตามแม่น้ำโขงเป็นของพ่อ "
        "โดยใช้เนื้อเยื่อของศพที่พบริมฝั่งแม่น้ำในจังหวัดนครพนมเมื่อปลายเดือนธันวาคม "
        "และตำรวจจะแถลงผลการสอบสวนทั้งหมดภายในสัปดาห์หน้า"
    )
    units = split_sentences(text, "th")
    assert len(units) > 1 and " ".join(units) == text  # cut only at spaces, nothing changed
    assert all(len(unit) >= 60 for unit in units)
    assert not any(unit.startswith("ต.") for unit in units)  # never before an initial


def test_thai_is_not_cut_inside_a_name_nor_after_that_or_before_who() -> None:
    text = (
        "ผู้สื่อข่าวได้รับแจ้งจากบุตรชายของภูชนะซึ่งเป็นคนสนิทของนายสุรชัย แซ่ด่าน "
        "นักเคลื่อนไหวทางการเมืองที่ลี้ภัยออกจากประเทศไทยและหายตัวไปกล่าวว่า "
        "ผลการตรวจดีเอ็นเอของศพที่ลอยมาตามแม่น้ำโขงเป็นของพ่อที่หายไปเมื่อเดือนก่อน "
        "ที่ตำรวจจะแถลงผลการสอบสวนทั้งหมดภายในสัปดาห์หน้าที่จังหวัดนครพนมอีกครั้งหนึ่ง"
    )
    units = split_sentences(text, "th")
    assert " ".join(units) == text
    assert not any(unit.endswith(("นายสุรชัย", "ว่า")) for unit in units)
    assert not any(unit.startswith("ที่") for unit in units)


def test_no_sentence_opens_on_a_dash() -> None:
    text = (
        "They will ask the clinic in Beverly Hills, Calif. — where the embryos are — to move them."
    )
    assert split_sentences(text, "en") == [text]


def test_a_question_quoted_stays_with_its_attribution() -> None:
    text = "“What do I know?” Trump said, and the replies poured in. Among them, many jokes."
    assert split_sentences(text, "en") == [
        "“What do I know?” Trump said, and the replies poured in.",
        "Among them, many jokes.",
    ]


def test_an_ellipsis_trails_off_the_sentence_before_rather_than_opening_the_next() -> None:
    text = (
        "This is how most of us will go. . . . Six or seven seconds passed. He waited… Then rain."
    )
    assert split_sentences(text, "en") == [
        "This is how most of us will go. . . .",
        "Six or seven seconds passed.",
        "He waited… Then rain.",
    ]
    assert split_sentences("Wait... and then nothing.", "en") == ["Wait... and then nothing."]


def test_a_cjk_quotation_is_never_cut_into_sentences() -> None:
    text = (
        "一方で、｢俺は！ 推しが出るまで！ 回すのを止めないッ！｣と心に誓った。そもそも持ち歩かない。"
    )
    assert split_sentences(text, "ja") == [
        "一方で、｢俺は！ 推しが出るまで！ 回すのを止めないッ！｣と心に誓った。",
        "そもそも持ち歩かない。",
    ]
    assert split_sentences("「本当？」と聞いた。はい。", "ja") == ["「本当？」と聞いた。", "はい。"]
    unclosed = "「本当？ と聞いた。はい。"  # a bracket left open says nothing
    assert split_sentences(unclosed, "ja") == ["「本当？", "と聞いた。", "はい。"]


def test_an_abbreviation_s_point_inside_a_short_parenthesis_ends_no_sentence() -> None:
    text = "It meets on April 8 (at WNET, 825 Eighth Avenue, 14th Fl. Kellen Board Room). Come."
    assert split_sentences(text) == [
        "It meets on April 8 (at WNET, 825 Eighth Avenue, 14th Fl. Kellen Board Room).",
        "Come.",
    ]


def test_a_closing_bracket_cut_off_by_the_splitter_closes_the_sentence_before() -> None:
    text = "They reach for tulle. {“Fluffier! Puffier! MORE! } If you are a bride, try a gown."
    assert split_sentences(text)[-2:] == ["MORE! }", "If you are a bride, try a gown."]


@pytest.mark.parametrize(
    "reference", ["gegen § 13 Abs. 6 TMG", "in Nr. 5 der Liste", "in Vol. 3 of the survey"]
)
def test_a_reference_s_abbreviation_before_its_number_ends_no_sentence(reference: str) -> None:
    text = f"Ich fragte, ob das {reference} gilt. Danach muss er handeln."
    assert split_sentences(text) == [
        f"Ich fragte, ob das {reference} gilt.",
        "Danach muss er handeln.",
    ]
